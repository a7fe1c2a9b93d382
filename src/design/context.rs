//! The design's inputs, resolved once: the requirement values used (stricter
//! value on conflicts), the assumptions that replace missing ones, and the
//! registries of assumptions, open questions and cited catalog rows.

use std::collections::BTreeMap;

use super::DesignOptions;
use super::model::*;
use super::rules::{Framework, Rules};
use crate::catalog::{Catalog, Provider, Row};
use crate::error::Result;
use crate::numfmt;
use crate::project::Project;
use crate::requirements::{Kind, RequirementSet, Stance, Value};

/// A value the design uses and the id (R… or A…) it comes from.
#[derive(Debug, Clone)]
pub struct Target {
    pub value: f64,
    pub basis: Provenance,
}

impl Target {
    pub fn figure(&self, unit: &str) -> Figure {
        Figure {
            value: self.value,
            unit: unit.to_string(),
            basis: vec![self.basis.clone()],
            formula: None,
        }
    }
}

pub struct Ctx<'a> {
    pub reqs: &'a RequirementSet,
    /// What a reviewer asked beyond requirement values (read by the
    /// topology, dr and review passes).
    pub review: super::review::ReviewRequests,
    pub project: &'a Project,
    pub rules: &'static Rules,
    pub cat: Catalog,
    pub provider_why: Vec<Provenance>,
    pub assumptions: Vec<Assumption>,
    pub questions: Vec<OpenQuestion>,
    pub cited: BTreeMap<String, CatalogRef>,
    pub availability: Target,
    pub latency_ms: Target,
    pub latency_pct: u8,
    /// Stated (or assumed) throughput, before the peak factor.
    pub throughput: Target,
    pub peak_factor: Target,
    pub rto_s: Target,
    pub rpo_s: Target,
    pub storage_gb: Target,
    pub budget: Option<Target>,
    pub frameworks: Vec<(&'static Framework, Vec<Provenance>)>,
    pub residency: Option<(String, Vec<Provenance>)>,
    pub public: bool,
    pub exposure_basis: Provenance,
    pub concurrency: Target,
    pub utilisation: Target,
    pub avg_ratio: Target,
    pub response_kb: Target,
    pub instance_basis: Provenance,
    pub cadence_basis: Provenance,
    pub conflicted: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        reqs: &'a RequirementSet,
        project: &'a Project,
        opts: &DesignOptions,
    ) -> Result<Self> {
        let rules = Rules::get()?;
        let d = &rules.defaults;
        let mut assumptions = Vec::new();
        let mut questions = Vec::new();
        let mut conflicted = Vec::new();

        // Conflicts: the stricter value is used and becomes an open question.
        for c in &reqs.conflicts {
            let ids: Vec<String> = reqs
                .all(c.kind)
                .filter(|r| c.values.contains(&r.value))
                .map(|r| r.id.clone())
                .collect();
            conflicted.extend(ids.iter().cloned());
            let values: Vec<String> = c.values.iter().map(|v| show(c.kind, v)).collect();
            let used = stricter(c.kind, c)
                .map(|v| show(c.kind, &v))
                .unwrap_or_else(|| values.first().cloned().unwrap_or_default());
            let question = if c.kind.is_set() {
                format!(
                    "The documents disagree on {}: {}. The design uses {}; which is right?",
                    c.kind,
                    values.join(" vs "),
                    used
                )
            } else {
                format!(
                    "The documents disagree on {}: {}. The design uses the stricter {}; confirm it, because it drives redundancy and cost.",
                    c.kind,
                    values.join(" vs "),
                    used
                )
            };
            push_q(
                &mut questions,
                question,
                QuestionReason::Conflict,
                ids.iter().map(Into::into).collect(),
            );
        }
        // Two readings of one statement: neither drives the design.
        for a in &reqs.ambiguities {
            push_q(
                &mut questions,
                format!(
                    "`{}:{}` (\"{}\") reads as {}. Neither is used; which is meant?",
                    a.source.path,
                    a.source.line,
                    a.source.excerpt.trim_start_matches(['-', '*', ' ']),
                    a.readings.join(", or as ")
                ),
                QuestionReason::Conflict,
                Vec::new(),
            );
        }

        let mut assume = |kind: Option<Kind>,
                          subject: &str,
                          value: String,
                          number: Option<f64>,
                          unit: &str,
                          why: String,
                          overridden: bool|
         -> Provenance {
            let id = format!("A{}", assumptions.len() + 1);
            assumptions.push(Assumption {
                id: id.clone(),
                kind,
                subject: subject.to_string(),
                value,
                number,
                unit: unit.to_string(),
                why,
                overridden,
            });
            id.into()
        };

        // Provider: requirement, then project file, then option, then AWS.
        let mut provider_why = Vec::new();
        let req_cloud = reqs.primary(Kind::Cloud).and_then(|r| {
            r.value
                .as_text()
                .and_then(Provider::parse)
                .map(|p| (p, r.id.clone()))
        });
        let provider = if let Some((p, id)) = req_cloud {
            provider_why.push(id.into());
            p
        } else if let Some(p) = project.cloud_provider.as_deref().and_then(Provider::parse) {
            provider_why.push("infrarch.toml cloud_provider".into());
            p
        } else if let Some(p) = opts.provider {
            provider_why.push(assume(
                Some(Kind::Cloud),
                "cloud provider",
                p.as_str().to_string(),
                None,
                "",
                "chosen by the caller; no document or project file names a provider".into(),
                true,
            ));
            p
        } else {
            let unsupported = reqs
                .primary(Kind::Cloud)
                .and_then(|r| r.value.as_text().map(str::to_string));
            let why = match &unsupported {
                Some(name) => format!("the documents name `{name}`, which has no built-in catalog; AWS used as the reference catalog"),
                None => "no document or project file names a provider; AWS used as the reference catalog".to_string(),
            };
            provider_why.push(assume(
                Some(Kind::Cloud),
                "cloud provider",
                "aws".into(),
                None,
                "",
                why,
                false,
            ));
            Provider::Aws
        };
        let mut cat = Catalog::builtin(provider)?;
        if let Some(path) = &opts.catalog_override {
            cat = cat.with_override(path)?;
        }
        // A role the engine does not know would silently never be placed.
        if let Some(row) = cat
            .rows
            .iter()
            .find(|r| super::plan::Role::parse(&r.role).is_none())
        {
            return Err(crate::error::Error::Invalid(format!(
                "catalog row `{}` has unknown role `{}`",
                row.id, row.role
            )));
        }

        let num = |kind: Kind| -> Option<Target> {
            let conflict = reqs.conflicts.iter().find(|c| c.kind == kind);
            if let Some(c) = conflict
                && let Some(v) = stricter(kind, c).and_then(|v| v.as_f64())
            {
                let id = reqs
                    .all(kind)
                    .find(|r| r.value.as_f64().is_some_and(|x| (x - v).abs() < 1e-9))
                    .or_else(|| reqs.primary(kind))
                    .map(|r| r.id.clone())?;
                return Some(Target {
                    value: v,
                    basis: id.into(),
                });
            }
            let r = reqs.primary(kind)?;
            Some(Target {
                value: r.value.as_f64()?,
                basis: r.id.clone().into(),
            })
        };

        let availability = match num(Kind::Availability) {
            Some(t) => t,
            None => {
                let id = assume(
                    Some(Kind::Availability),
                    "availability target",
                    format!("{}%", numfmt::trim(d.availability_pct)),
                    Some(d.availability_pct),
                    "percent",
                    format!(
                        "no document states one; {}% is the typical goal for business applications ({})",
                        numfmt::trim(d.availability_pct),
                        d.availability_source
                    ),
                    false,
                );
                Target {
                    value: d.availability_pct,
                    basis: id,
                }
            }
        };
        let (latency_ms, latency_pct) = match num(Kind::Latency) {
            Some(t) => {
                let p = reqs
                    .by_id(&t.basis)
                    .and_then(|r| r.percentile)
                    .unwrap_or(d.latency_percentile);
                (t, p)
            }
            None => {
                let id = assume(
                    Some(Kind::Latency),
                    "latency target",
                    format!("p{} ≤ {} ms", d.latency_percentile, numfmt::trim(d.latency_ms)),
                    Some(d.latency_ms),
                    "ms",
                    "no document states one; used as the time in system for Little's law and the latency SLO".into(),
                    false,
                );
                (
                    Target {
                        value: d.latency_ms,
                        basis: id,
                    },
                    d.latency_percentile,
                )
            }
        };
        let throughput = match num(Kind::Throughput) {
            Some(t) => t,
            None => match num(Kind::ConcurrentUsers) {
                Some(users) => {
                    let rps = users.value * d.requests_per_user_per_s;
                    let id = assume(
                        Some(Kind::Throughput),
                        "throughput",
                        format!("{} rps", numfmt::trim(rps)),
                        Some(rps),
                        "rps",
                        format!(
                            "no throughput stated; derived from {} concurrent users ({}) × {} requests per user per second",
                            numfmt::trim(users.value),
                            users.basis,
                            numfmt::trim(d.requests_per_user_per_s)
                        ),
                        false,
                    );
                    Target {
                        value: rps,
                        basis: id,
                    }
                }
                None => {
                    let id = assume(
                        Some(Kind::Throughput),
                        "throughput",
                        format!("{} rps at peak", numfmt::trim(d.throughput_rps)),
                        Some(d.throughput_rps),
                        "rps",
                        "no throughput or user count stated; a small service's peak is assumed"
                            .into(),
                        false,
                    );
                    Target {
                        value: d.throughput_rps,
                        basis: id,
                    }
                }
            },
        };
        let (pf, pf_over) = pick(opts.peak_factor, d.peak_factor);
        let peak_factor = Target {
            value: pf,
            basis: assume(
                None,
                "peak factor",
                format!("× {}", numfmt::trim(pf)),
                Some(pf),
                "",
                if pf_over {
                    "set by the caller: stated throughput × this = the peak to design for".into()
                } else {
                    "the stated throughput is treated as the peak to design for; set a factor if it is an average".into()
                },
                pf_over,
            ),
        };
        let (rto_d, rpo_d, dr_src) = rules
            .dr_default
            .iter()
            .find(|x| availability.value >= x.min_availability)
            .map(|x| (x.rto_s, x.rpo_s, x.source.clone()))
            .unwrap_or((86400.0, 86400.0, "MS-DR".into()));
        let rto_s = num(Kind::Rto).unwrap_or_else(|| Target {
            value: rto_d,
            basis: assume(
                Some(Kind::Rto),
                "recovery time objective",
                numfmt::duration(rto_d),
                Some(rto_d),
                "s",
                format!("no document states an RTO; {} is what the DR tier of a {}% service implies ({dr_src})", numfmt::duration(rto_d), numfmt::trim(availability.value)),
                false,
            ),
        });
        let rpo_s = num(Kind::Rpo).unwrap_or_else(|| Target {
            value: rpo_d,
            basis: assume(
                Some(Kind::Rpo),
                "recovery point objective",
                numfmt::duration(rpo_d),
                Some(rpo_d),
                "s",
                format!("no document states an RPO; {} is what the DR tier of a {}% service implies ({dr_src})", numfmt::duration(rpo_d), numfmt::trim(availability.value)),
                false,
            ),
        });
        let storage_gb = match num(Kind::DataVolume) {
            Some(t) => Target {
                value: (t.value / 1e9).max(1.0),
                basis: t.basis,
            },
            None => {
                let (gb, over) = pick(opts.storage_gb, d.storage_gb);
                Target {
                    value: gb,
                    basis: assume(
                        Some(Kind::DataVolume),
                        "stored data",
                        format!("{} GB", numfmt::trim(gb)),
                        Some(gb),
                        "GB",
                        "no data volume stated; sizes database storage and backups".into(),
                        over,
                    ),
                }
            }
        };
        let budget = num(Kind::Budget);
        if budget.is_none() {
            push_q(
                &mut questions,
                "No infrastructure budget is stated: what monthly spend is acceptable for the estimate in the cost section?".into(),
                QuestionReason::Missing,
                vec![],
            );
        }

        // Compliance frameworks.
        let mut frameworks: Vec<(&'static Framework, Vec<Provenance>)> = Vec::new();
        for r in reqs.all(Kind::Compliance) {
            let Some(label) = r.value.as_text() else {
                continue;
            };
            match rules.framework(label) {
                Some(f) => match frameworks.iter_mut().find(|(x, _)| x.name == f.name) {
                    Some((_, ids)) => ids.push(r.id.clone().into()),
                    None => frameworks.push((f, vec![r.id.clone().into()])),
                },
                None => push_q(
                    &mut questions,
                    format!(
                        "{} names {label}, which has no control catalogue here: which infrastructure controls does it require?",
                        r.id
                    ),
                    QuestionReason::Tradeoff,
                    vec![r.id.clone().into()],
                ),
            }
        }
        if reqs.all(Kind::Compliance).next().is_none() {
            let id = assume(
                Some(Kind::Compliance),
                "compliance frameworks",
                "none".into(),
                None,
                "",
                "no document names one, so no compliance-only controls are added".into(),
                false,
            );
            push_q(
                &mut questions,
                "No compliance framework is named: confirm none applies (PCI DSS, HIPAA, GDPR, SOC 2 would add controls, log retention and cost).".into(),
                QuestionReason::Missing,
                vec![id],
            );
        }
        let residency = reqs.primary(Kind::Residency).and_then(|r| {
            r.value
                .as_text()
                .map(|t| (t.to_string(), vec![r.id.clone().into()]))
        });

        // Exposure: a stated requirement ("internal users only", "no public
        // endpoint"), then the project file, then the public assumption.
        let stated = reqs.primary(Kind::Exposure).and_then(|r| {
            r.value
                .as_text()
                .map(|t| (t.trim().to_ascii_lowercase(), r.id.clone()))
        });
        let exposure = stated.clone().or_else(|| {
            project.exposure.as_deref().map(|e| {
                (
                    e.trim().to_ascii_lowercase(),
                    "infrarch.toml exposure".to_string(),
                )
            })
        });
        let (public, exposure_basis) = match exposure {
            Some((e, basis)) if e == "internal" || e == "private" => (false, basis.into()),
            Some((_, basis)) => (true, basis.into()),
            None => (
                true,
                assume(
                    None,
                    "exposure",
                    "public internet endpoint".into(),
                    None,
                    "",
                    "nothing says the service is internal-only; a public endpoint gets WAF and DDoS protection (set `exposure = \"internal\"` in infrarch.toml otherwise)".into(),
                    false,
                ),
            ),
        };

        let (c, c_over) = pick(opts.per_instance_concurrency, d.per_instance_concurrency);
        let concurrency = Target {
            value: c,
            basis: assume(
                None,
                "per-instance concurrency",
                format!(
                    "{} in-flight requests per {} vCPU / {} GB instance",
                    numfmt::trim(c),
                    numfmt::trim(d.instance_vcpu),
                    numfmt::trim(d.instance_memory_gb)
                ),
                Some(c),
                "requests",
                if c_over {
                    "set by the caller".into()
                } else {
                    "capacity per instance is workload-specific (SRE-BOOK-21); confirm by load test"
                        .into()
                },
                c_over,
            ),
        };
        let instance_basis = concurrency.basis.clone();
        // A reviewer's "reduce cost" runs instances hotter unless the caller set a target.
        let cheaper = opts.reduce_cost && opts.target_utilisation_pct.is_none();
        let default_u = if cheaper {
            d.reduce_cost_utilisation_pct
        } else {
            d.target_utilisation_pct
        };
        let (u, u_over) = pick(opts.target_utilisation_pct, default_u);
        let utilisation = Target {
            value: u,
            basis: assume(
                None,
                "autoscaling target utilisation",
                format!("{}%", numfmt::trim(u)),
                Some(u),
                "percent",
                if u_over {
                    "set by the caller".into()
                } else if cheaper {
                    "review feedback asked to reduce cost: instances run hotter, with less headroom for bursts".into()
                } else {
                    format!(
                        "default CPU target of a managed autoscaler ({}); leaves headroom for bursts",
                        d.target_utilisation_source
                    )
                },
                u_over,
            ),
        };
        let (avg, avg_over) = pick(opts.average_to_peak, d.average_to_peak);
        // "The daily average is around 35 per second" next to a 420 rps
        // peak: usage is billed on the stated average, not an assumed share.
        let stated_avg = (!avg_over)
            .then(|| crate::extract::merge::stated_average(reqs))
            .flatten()
            .map(|(r, ratio)| (ratio, r.id.clone()));
        let avg_ratio = if let Some((ratio, id)) = stated_avg {
            Target {
                value: ratio,
                basis: id.into(),
            }
        } else {
            Target {
            value: avg,
            basis: assume(
                None,
                "average load",
                format!("{}% of peak over the month", numfmt::trim(avg * 100.0)),
                Some(avg),
                "",
                "usage-priced items (requests, egress, messages) are billed on average, not peak, load".into(),
                avg_over,
            ),
        }
        };
        let (kb, kb_over) = pick(opts.response_kb, d.response_kb);
        let response_kb = Target {
            value: kb,
            basis: assume(
                None,
                "response size",
                format!("{} KB per request", numfmt::trim(kb)),
                Some(kb),
                "KB",
                "sizes internet egress: average requests × response size".into(),
                kb_over,
            ),
        };
        let cadence_basis = assume(
            None,
            "operational cadence",
            "restore test monthly, DR drill quarterly, access review quarterly".into(),
            None,
            "",
            "no document sets these; untested recovery should not carry an SLA (MS-METRICS)".into(),
            false,
        );

        Ok(Ctx {
            reqs,
            review: opts.review.clone(),
            project,
            rules,
            cat,
            provider_why,
            assumptions,
            questions,
            cited: BTreeMap::new(),
            availability,
            latency_ms,
            latency_pct,
            throughput,
            peak_factor,
            rto_s,
            rpo_s,
            storage_gb,
            budget,
            frameworks,
            residency,
            public,
            exposure_basis,
            concurrency,
            utilisation,
            avg_ratio,
            response_kb,
            instance_basis,
            cadence_basis,
            conflicted,
        })
    }

    /// Records an assumption made later in the design; returns its id.
    pub fn assume(&mut self, subject: &str, value: String, why: String) -> Provenance {
        let id = format!("A{}", self.assumptions.len() + 1);
        self.assumptions.push(Assumption {
            id: id.clone(),
            kind: None,
            subject: subject.to_string(),
            value,
            number: None,
            unit: String::new(),
            why,
            overridden: false,
        });
        id.into()
    }

    pub fn question(&mut self, q: String, reason: QuestionReason, refs: Vec<Provenance>) {
        push_q(&mut self.questions, q, reason, refs);
    }

    /// Cites a catalog row; returns its model id.
    pub fn cite(&mut self, row: &Row) -> String {
        let id = self.cat.ref_id(row);
        if !self.cited.contains_key(&id) {
            let base = row.prices.first();
            self.cited.insert(
                id.clone(),
                CatalogRef {
                    id: id.clone(),
                    role: row.role.clone(),
                    service: row.service.clone(),
                    config: row.config.clone(),
                    sla_pct: row.sla.as_ref().map(|s| s.pct),
                    sla_source: row.sla.as_ref().map(|s| s.source.clone()),
                    sla_as_of: row.sla.as_ref().map(|s| s.as_of.clone()),
                    price: base.map(|p| p.usd),
                    price_unit: base.map(|p| p.unit.to_string()),
                    price_source: base.map(|p| p.source.clone()),
                    price_as_of: base.map(|p| p.as_of.clone()),
                    verified: row.fully_verified(),
                    assumed: row.any_assumed(),
                    note: row.note.clone(),
                },
            );
        }
        id
    }

    /// Technologies the planning documents chose, as (name, role).
    pub fn chosen(&self, role: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in &self.reqs.technologies {
            if t.stance == Stance::Chosen
                && t.role == role
                && !self.rejected(&t.name)
                && !out.contains(&t.name.as_str())
            {
                out.push(&t.name);
            }
        }
        out
    }

    pub fn chosen_id(&self, name: &str) -> Option<String> {
        self.reqs
            .technologies
            .iter()
            .position(|t| t.stance == Stance::Chosen && t.name.eq_ignore_ascii_case(name))
            .map(|i| format!("T{}", i + 1))
    }

    /// Roles the documents turn down in plain words ("we do not need a
    /// stream"), each with the `file:line` saying so, in document order.
    pub fn rejected_roles(&self) -> Vec<(String, String)> {
        let cat = crate::technologies::catalog();
        let mut out: Vec<(String, String)> = Vec::new();
        for t in &self.reqs.technologies {
            if t.stance == Stance::Rejected
                && cat.get(&t.name).is_some_and(|r| !r.role_words.is_empty())
                && !out.iter().any(|(r, _)| *r == t.role)
            {
                out.push((
                    t.role.clone(),
                    format!("{}:{}", t.source.path, t.source.line),
                ));
            }
        }
        out
    }

    /// Whether a document rejects a technology (or service) by name.
    pub fn rejected(&self, name: &str) -> bool {
        self.reqs
            .technologies
            .iter()
            .any(|t| t.stance == Stance::Rejected && t.name.eq_ignore_ascii_case(name))
    }

    /// Whether a catalog row may be used: none of its technologies and not its
    /// service's key words are rejected.
    pub fn allowed(&self, row: &Row) -> bool {
        let service = row.service.to_ascii_lowercase();
        !self.reqs.technologies.iter().any(|t| {
            t.stance == Stance::Rejected
                && (row.implements(&t.name)
                    || service
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == t.name.to_ascii_lowercase())
                    || (t.name == "kubernetes" && row.role == "kubernetes"))
        })
    }

    /// The currency the budget is stated in (`EUR` for "€5,500 a month"),
    /// USD when no budget or no currency is stated.
    pub fn budget_currency(&self) -> String {
        self.budget
            .as_ref()
            .and_then(|b| self.reqs.by_id(&b.basis))
            .map(|r| {
                r.unit
                    .split('/')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_uppercase()
            })
            .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()))
            .unwrap_or_else(|| "USD".to_string())
    }

    pub fn peak_rps(&self) -> f64 {
        self.throughput.value * self.peak_factor.value
    }

    pub fn avg_rps(&self) -> f64 {
        self.peak_rps() * self.avg_ratio.value
    }

    pub fn hours(&self) -> f64 {
        self.cat.hours_per_month
    }
}

fn pick(over: Option<f64>, default: f64) -> (f64, bool) {
    match over {
        Some(v) if v.is_finite() && v > 0.0 => (v, true),
        _ => (default, false),
    }
}

fn push_q(
    qs: &mut Vec<OpenQuestion>,
    question: String,
    reason: QuestionReason,
    refs: Vec<Provenance>,
) {
    let id = format!("Q{}", qs.len() + 1);
    qs.push(OpenQuestion {
        id,
        question,
        reason,
        refs,
    });
}

/// The value a conflict resolves to: the extractor's choice, else the stricter.
fn stricter(kind: Kind, c: &crate::requirements::Conflict) -> Option<Value> {
    if let Some(v) = &c.resolved {
        return Some(v.clone());
    }
    let nums: Vec<f64> = c.values.iter().filter_map(Value::as_f64).collect();
    if nums.is_empty() {
        return c.values.first().cloned();
    }
    let v = if kind.smaller_is_stricter() {
        nums.iter().cloned().fold(f64::INFINITY, f64::min)
    } else {
        nums.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
    };
    Some(Value::Number(v))
}

/// Ready-to-print requirement value.
pub fn show(kind: Kind, v: &Value) -> String {
    match (kind, v) {
        (_, Value::Text(t)) => t.clone(),
        (Kind::Availability, Value::Number(n)) => format!("{}%", numfmt::trim(*n)),
        (Kind::Latency, Value::Number(n)) => format!("{} ms", numfmt::trim(*n)),
        (Kind::Throughput, Value::Number(n)) => {
            format!("{} rps", numfmt::thousands(n.round() as u64))
        }
        (Kind::ConcurrentUsers, Value::Number(n)) => {
            format!("{} users", numfmt::thousands(n.round() as u64))
        }
        (Kind::Rto, Value::Number(n)) | (Kind::Rpo, Value::Number(n)) => numfmt::duration(*n),
        (Kind::DataVolume, Value::Number(n)) => {
            if *n >= 1e12 {
                format!("{} TB", numfmt::trim((n / 1e12 * 100.0).round() / 100.0))
            } else {
                format!("{} GB", numfmt::trim((n / 1e9 * 100.0).round() / 100.0))
            }
        }
        (Kind::Budget, Value::Number(n)) => format!("{}/month", numfmt::usd(*n)),
        // The workload kinds read as their extraction displays them.
        (
            Kind::Retention
            | Kind::Deadline
            | Kind::DataVolumePerDay
            | Kind::FileSize
            | Kind::ModelSize,
            Value::Number(_),
        ) => crate::requirements::Requirement {
            id: String::new(),
            kind,
            value: v.clone(),
            unit: kind.canonical_unit().to_string(),
            percentile: None,
            primary: false,
            qualifier: None,
            phase: None,
            subject: None,
            source: Default::default(),
        }
        .display_value(),
        (_, Value::Number(n)) => numfmt::trim(*n),
    }
}
