//! The design's reflection on itself: requirements echo, constraints, risks,
//! open questions, ADRs and the executive summary.

use super::context::{Ctx, show};
use super::math;
use super::model::*;
use crate::numfmt;
use crate::numfmt::duration;
use crate::requirements::Kind;

pub fn requirement_uses(ctx: &Ctx) -> Vec<RequirementUse> {
    // A set, not a scan of the list per requirement (quadratic on big sets).
    let conflicted: std::collections::HashSet<&str> =
        ctx.conflicted.iter().map(String::as_str).collect();
    ctx.reqs
        .requirements
        .iter()
        .map(|r| {
            let mut display = match (r.kind, r.value.as_f64()) {
                // A budget keeps its own currency (5,500 EUR/month).
                (Kind::Budget, Some(v)) => super::cost::budget_text(v, &r.unit),
                _ => show(r.kind, &r.value),
            };
            if r.kind == Kind::Latency
                && let Some(p) = r.percentile
            {
                display = if p == 100 {
                    format!("max ≤ {display}")
                } else {
                    format!("p{p} ≤ {display}")
                };
            }
            if r.kind == Kind::Rto || r.kind == Kind::Rpo {
                display = format!("{} {}", r.kind.as_str().to_uppercase(), display);
            }
            RequirementUse {
                id: r.id.clone(),
                kind: r.kind,
                value: r.value.clone(),
                unit: r.unit.clone(),
                percentile: r.percentile,
                display,
                qualifier: r.qualifier.clone(),
                subject: r.subject.clone(),
                primary: r.primary,
                conflicting: conflicted.contains(r.id.as_str()),
                source: r.source.clone(),
            }
        })
        .collect()
}

pub fn finish(ctx: &mut Ctx, d: &mut Design) {
    constraints(ctx, d);
    risks(ctx, d);
    adrs(ctx, d);
    summary(ctx, d);
    for a in ctx.assumptions.clone() {
        if a.kind.is_none()
            && !a.overridden
            && matches!(
                a.subject.as_str(),
                "per-instance concurrency" | "average load" | "response size"
            )
        {
            ctx.question(
                format!(
                    "Confirm {} = {} ({}): it sizes capacity or cost.",
                    a.subject, a.value, a.id
                ),
                QuestionReason::Assumption,
                vec![a.id.clone().into()],
            );
        }
    }
    for a in ctx.assumptions.clone() {
        if let Some(k) = a.kind
            && !matches!(k, Kind::Compliance | Kind::Cloud)
        {
            ctx.question(format!("No document states the {}: the design assumes {} ({}). What is the real target?", a.subject, a.value, a.id), QuestionReason::Missing, vec![a.id.clone().into()]);
        }
    }
}

fn constraints(ctx: &Ctx, d: &mut Design) {
    let mut out = vec![Constraint {
        kind: ConstraintKind::Technical,
        text: format!(
            "{} in {}: {}",
            d.provider_name, d.region.primary, d.platform.decision.rationale
        ),
        why: ctx
            .provider_why
            .iter()
            .cloned()
            .chain(d.platform.decision.why.iter().cloned())
            .collect(),
    }];
    for t in &ctx.reqs.technologies {
        if t.stance == crate::requirements::Stance::Rejected {
            out.push(Constraint {
                kind: ConstraintKind::Technical,
                text: format!(
                    "{} is rejected by the planning documents ({}:{}); not used",
                    t.name, t.source.path, t.source.line
                ),
                why: vec![],
            });
        }
    }
    match &ctx.budget {
        Some(b) => out.push(Constraint {
            kind: ConstraintKind::Budget,
            text: {
                let currency = ctx.budget_currency();
                let mut t = format!(
                    "{}/month; this design estimates {}/month",
                    numfmt::money(b.value, &currency),
                    numfmt::usd(d.cost.total_monthly),
                );
                if let Some(u) = super::cost::unpriced_names(&d.cost) {
                    t.push_str(&format!(" for the priced items ({u})"));
                }
                match super::cost::margin(&d.cost) {
                    Some(m) => t.push_str(&format!(", {m}")),
                    None => t.push_str(", not compared (no exchange rate)"),
                }
                t
            },
            why: vec![b.basis.clone()],
        }),
        None => out.push(Constraint {
            kind: ConstraintKind::Budget,
            text: "no budget stated (open question)".into(),
            why: vec![],
        }),
    }
    for f in &d.compliance {
        out.push(Constraint {
            kind: ConstraintKind::Regulatory,
            text: format!(
                "{}: {} infrastructure controls (section 13)",
                f.name,
                f.controls.len()
            ),
            why: f.requirements.clone(),
        });
    }
    if let Some((geo, ids)) = &ctx.residency {
        out.push(Constraint {
            kind: ConstraintKind::Regulatory,
            text: format!(
                "data residency {geo}: primary {}, copies in {}",
                d.region.primary,
                d.region
                    .secondary
                    .clone()
                    .unwrap_or_else(|| "no second region".into())
            ),
            why: ids.clone(),
        });
    }
    for r in ctx.reqs.requirements.iter().filter(|r| r.phase.is_some()) {
        out.push(Constraint {
            kind: ConstraintKind::Timeline,
            text: format!(
                "{} {} applies from phase {}",
                r.kind,
                match (r.kind, r.value.as_f64()) {
                    (Kind::Budget, Some(v)) => super::cost::budget_text(v, &r.unit),
                    _ => show(r.kind, &r.value),
                },
                r.phase.clone().unwrap_or_default()
            ),
            why: vec![r.id.clone().into()],
        });
    }
    d.constraints = out;
}

fn risks(ctx: &Ctx, d: &mut Design) {
    let mut out: Vec<(String, String, String, Vec<Provenance>)> = Vec::new();
    if let Some(risk) = &d.availability.risk {
        out.push(("Availability target not reachable with catalog SLAs".into(), risk.clone(), "accept a lower target, add graceful degradation, or pick higher-SLA options; decide before build".into(), vec![ctx.availability.basis.clone()]));
    }
    if !d.availability.unpublished.is_empty() {
        out.push((
            "Hard dependencies without a published SLA".into(),
            format!(
                "requests fail when {} fails, but no SLA of it is in the floor: {}",
                if d.availability.unpublished.len() == 1 { "it" } else { "any of them" },
                d.availability.unpublished.join("; ")
            ),
            "ask the provider for the SLA or measure the dependency before relying on the floor; treat it as the weakest link until then".into(),
            vec![ctx.availability.basis.clone()],
        ));
    }
    out.push((
        "Correlated failures".into(),
        format!("the {}% SLA floor assumes independent failures; a zone- or region-wide fault in a shared dependency breaks that", math::pct_text(d.availability.composite_pct / 100.0)),
        "static stability across zones; DR drills; dependencies with SLAs ≥ the target".into(),
        vec![ctx.availability.basis.clone()],
    ));
    out.push(if d.platform.kind == PlatformKind::Functions {
        (
            "Sizing rests on the measured service time".into(),
            format!("if executions take longer than the assumed mean service time, the {} concurrent executions reserved will not carry {} rps and requests are throttled", d.capacity.max_instances, numfmt::trim(d.capacity.peak_rps.value)),
            "load-test in staging before launch and set the reserved concurrency from the result".into(),
            vec![ctx.concurrency.basis.clone()],
        )
    } else {
        (
        "Sizing rests on an assumed per-instance concurrency".into(),
        format!("if an instance serves fewer than {} concurrent requests, {} instances will not carry {} rps", numfmt::trim(d.capacity.per_instance_concurrency.value), d.capacity.min_instances, numfmt::trim(d.capacity.peak_rps.value)),
        "load-test in staging before launch and set the autoscaling bounds from the result".into(),
        vec![ctx.concurrency.basis.clone()],
        )
    });
    if d.cost.over_budget {
        out.push((
            "Over budget".into(),
            format!(
                "estimate {} vs budget {}",
                numfmt::usd(d.cost.total_monthly),
                d.cost
                    .budget
                    .as_ref()
                    .map(|b| numfmt::money(b.value, b.unit.split('/').next().unwrap_or("USD")))
                    .unwrap_or_default()
            ),
            match d.cost.savings.first() {
                Some(sv) => format!(
                    "savings listed in section 9 (largest {}/month)",
                    numfmt::usd(sv.monthly_saving)
                ),
                None => "no catalog saving found: reduce scope or raise the budget".to_string(),
            },
            (d.cost
                .budget
                .as_ref()
                .map(|b| b.basis.clone())
                .unwrap_or_default()),
        ));
    }
    let unverified: Vec<&CatalogRef> = ctx
        .cited
        .values()
        .filter(|r| !r.verified || r.assumed)
        .collect();
    if !unverified.is_empty() {
        out.push((
            "Unverified or borrowed catalog figures".into(),
            format!(
                "{} catalog rows used here carry unverified or nearest-row figures ({})",
                unverified.len(),
                unverified
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "check each against the provider's SLA and price pages before committing the budget"
                .into(),
            vec![],
        ));
    }
    if d.platform.kind == PlatformKind::Functions {
        out.push((
            "Cold starts".into(),
            format!(
                "first requests after idle can exceed the {} ms target",
                numfmt::trim(ctx.latency_ms.value)
            ),
            "provisioned concurrency for the latency-critical functions if the latency SLO burns"
                .into(),
            vec![ctx.latency_ms.basis.clone()],
        ));
    }
    if d.dr.tier != DrTier::ActiveActive {
        out.push((
            "Untested recovery".into(),
            format!(
                "a {} plan that has never run may miss the {} RTO",
                d.dr.tier.label().to_lowercase(),
                duration(ctx.rto_s.value)
            ),
            d.dr.test_frequency.clone(),
            vec![ctx.rto_s.basis.clone()],
        ));
    }
    if !ctx.conflicted.is_empty() {
        out.push((
            "Conflicting requirements".into(),
            "the stricter values drive redundancy and cost; a looser real target means over-spend"
                .into(),
            "resolve the open questions before build".into(),
            ctx.conflicted.iter().map(Provenance::from).collect(),
        ));
    }
    d.risks = out
        .into_iter()
        .enumerate()
        .map(|(i, (risk, impact, mitigation, why))| Risk {
            id: format!("K{}", i + 1),
            risk,
            impact,
            mitigation,
            why: why.into_iter().collect::<Vec<_>>(),
        })
        .collect();
}

/// Name the topic an ADR decides, so a revision can tell a changed decision
/// (supersede) from a new one.
fn with_topic(topic: String, mut adr: Adr) -> Adr {
    adr.topic = topic;
    adr
}

fn adr(
    id: usize,
    title: String,
    context: String,
    dec: &Decision,
    positive: Vec<String>,
    negative: Vec<String>,
    risks: Vec<String>,
) -> Adr {
    Adr {
        id: format!("ADR-{id}"),
        title,
        topic: String::new(),
        status: "Proposed".into(),
        context,
        decision: format!("{}. {}", dec.choice, dec.rationale),
        consequences: Consequences {
            positive,
            negative,
            risks,
        },
        alternatives: dec.alternatives.clone(),
        serves: dec.why.clone(),
        supersedes: None,
    }
}

fn adrs(ctx: &Ctx, d: &mut Design) {
    let mut out = Vec::new();
    let p = &d.platform;
    out.push(with_topic(
        "compute-platform".into(),
        adr(
            out.len() + 1,
            format!("Run the services on {}", p.service),
            format!(
                "The services need a compute platform for {} rps at peak with p{} ≤ {} ms.",
                numfmt::trim(d.capacity.peak_rps.value),
                ctx.latency_pct,
                numfmt::trim(ctx.latency_ms.value)
            ),
            &p.decision,
            vec![format!(
                "{}–{} {} sized by Little's law, scaling on the rules in section 5",
                d.capacity.min_instances,
                d.capacity.max_instances,
                if p.kind == PlatformKind::Functions {
                    "concurrent executions"
                } else {
                    "instances"
                }
            )],
            vec![match p.kind {
                PlatformKind::Kubernetes => {
                    "the team operates cluster upgrades and node pools".to_string()
                }
                PlatformKind::Functions => {
                    "execution-time limits and cold starts shape the code".to_string()
                }
                _ => "less control over the host than VMs or Kubernetes".to_string(),
            }],
            vec![format!(
                "{} is an assumption ({})",
                if p.kind == PlatformKind::Functions {
                    "concurrency per function execution"
                } else {
                    "per-instance concurrency"
                },
                ctx.concurrency.basis
            )],
        ),
    ));
    let t = &d.topology;
    out.push(with_topic(
        "topology".into(),
        adr(
            out.len() + 1,
            if t.multi_region {
                "Two active regions".into()
            } else if t.multi_az {
                format!("One region across {} zones", t.zones_per_region)
            } else {
                "One region, one zone".into()
            },
            format!(
                "Availability target {}%; SLA floor of the hard dependencies computed in section 6.",
                numfmt::trim(ctx.availability.value)
            ),
            &t.decision,
            // The floor is a positive consequence only where it meets the
            // target; below it, it is the first negative one.
            {
                let floor = format!(
                    "SLA floor {}% ({} min/month at the floor vs {} allowed)",
                    math::pct_text(d.availability.composite_pct / 100.0),
                    numfmt::trim(d.availability.composite_downtime_min_per_month),
                    numfmt::trim(d.availability.allowed_downtime_min_per_month)
                );
                if d.availability.meets_target {
                    vec![floor]
                } else if t.multi_az {
                    vec![format!(
                        "a zone failure is absorbed by the other {} zones without a failover to another region",
                        t.zones_per_region.saturating_sub(1)
                    )]
                } else {
                    vec!["one copy of every component to run and pay for".to_string()]
                }
            },
            {
                let mut neg = Vec::new();
                if !d.availability.meets_target {
                    neg.push(format!(
                        "the SLA floor {}% is below the {}% target ({} min/month at the floor vs {} allowed)",
                        math::pct_text(d.availability.composite_pct / 100.0),
                        numfmt::trim(ctx.availability.value),
                        numfmt::trim(d.availability.composite_downtime_min_per_month),
                        numfmt::trim(d.availability.allowed_downtime_min_per_month)
                    ));
                }
                neg.push(if t.multi_region {
                    "every regional component is paid twice".to_string()
                } else {
                    "a region-wide outage is handled by the DR plan, not by redundancy".to_string()
                });
                neg
            },
            d.availability.risk.iter().cloned().collect(),
        ),
    ));
    out.push(with_topic(
        "disaster-recovery".into(),
        adr(
            out.len() + 1,
            format!("{} disaster recovery", d.dr.tier.label()),
            format!(
                "RTO {} and RPO {}.",
                duration(ctx.rto_s.value),
                duration(ctx.rpo_s.value)
            ),
            &d.dr.decision,
            vec![format!(
                "backups every {} with {}-day retention",
                duration(d.dr.backup.interval_s as f64),
                d.dr.backup.retention_days
            )],
            vec!["recovery depends on a rehearsed runbook".into()],
            vec![d.dr.test_frequency.clone()],
        ),
    ));
    for s in d
        .data
        .stores
        .iter()
        .filter(|s| s.role == "relational_db" || s.role == "queue")
    {
        out.push(with_topic(
            format!("data-{}", s.role),
            adr(
            out.len() + 1,
            adr_store_title(&s.service, s.technology.as_deref(), &s.role),
            format!("The application/data architecture uses {}; the infrastructure must provide it as a managed service with the HA the availability and RPO targets need.", s.technology.as_deref().map(super::workload::tech_display).unwrap_or_else(|| s.role.replace('_', " "))),
            &s.decision,
            vec![format!("HA mode: {}", s.ha_mode)],
            vec!["provider-specific operations and pricing".into()],
            vec![],
            ),
        ));
    }
    out.push(with_topic(
        "deployment-strategy".into(),
        adr(
            out.len() + 1,
            format!("{} deployments", d.deployment.decision.choice),
            "Releases must not burn the error budget faster than it can absorb.".into(),
            &d.deployment.decision,
            vec!["automatic rollback on the fast burn-rate alert".into()],
            vec![match d.deployment.strategy {
                DeployStrategy::Canary => {
                    "needs traffic splitting and per-version metrics".to_string()
                }
                DeployStrategy::BlueGreen => {
                    "briefly doubles application capacity during a release".to_string()
                }
                DeployStrategy::Rolling => {
                    "a bad release reaches all traffic before rollback".to_string()
                }
            }],
            vec![],
        ),
    ));
    out.push(with_topic(
        "infrastructure-as-code".into(),
        adr(
            out.len() + 1,
            format!(
                "Infrastructure as code with {}",
                d.deployment.iac.choice.split(" — ").next().unwrap_or("")
            ),
            "Every environment must be reproducible and every change reviewable.".into(),
            &d.deployment.iac,
            vec!["staging mirrors production by construction".into()],
            vec!["state files must be protected and locked".into()],
            vec![],
        ),
    ));
    if !d.compliance.is_empty() {
        let names: Vec<String> = d.compliance.iter().map(|f| f.name.clone()).collect();
        let dec = Decision {
            choice: format!("Implement the {} controls in section 13", names.join(", ")),
            rationale: format!(
                "log retention {} days ({} searchable); {}",
                d.observability.logging.retention_days,
                d.observability.logging.hot_days,
                d.security.encryption.key_management
            ),
            why: d
                .compliance
                .iter()
                .flat_map(|f| f.requirements.iter().map(Into::into))
                .collect(),
            alternatives: vec![Alternative {
                option: "provider defaults only".into(),
                why_not: format!("do not meet {}", names.join(", ")),
            }],
        };
        out.push(with_topic(
            "compliance-controls".into(),
            adr(
                out.len() + 1,
                format!("{} controls", names.join(" + ")),
                "The planning documents name compliance frameworks the system itself must meet."
                    .into(),
                &dec,
                vec!["controls are part of the IaC, not a later retrofit".into()],
                vec!["longer log retention and customer-managed keys add cost".into()],
                vec![],
            ),
        ));
    }
    d.adrs = out;
}

fn summary(ctx: &Ctx, d: &mut Design) {
    let mut s = vec![
        format!(
            "{} on {} in {}: {} ({}–{} {} for {} rps at p{} ≤ {} ms).",
            d.feature,
            d.provider_name,
            d.topology.regions.join(" + "),
            d.platform.service,
            d.capacity.min_instances,
            d.capacity.max_instances,
            if d.platform.kind == PlatformKind::Functions {
                "concurrent executions"
            } else {
                "instances"
            },
            numfmt::trim(d.capacity.peak_rps.value),
            ctx.latency_pct,
            numfmt::trim(ctx.latency_ms.value)
        ),
        format!(
            "{}: SLA floor {}% (product of published SLAs, not a forecast) vs the {}% target{}.",
            d.topology.decision.choice,
            math::pct_text(d.availability.composite_pct / 100.0),
            numfmt::trim(ctx.availability.value),
            match (
                d.availability.meets_target,
                d.availability.unpublished.len()
            ) {
                (true, 0) => String::new(),
                (true, n) => format!(
                    " ({n} hard dependenc{} without a published SLA left out: see section 6.3)",
                    if n == 1 { "y" } else { "ies" }
                ),
                (false, _) => " (short: see risks)".to_string(),
            }
        ),
        format!(
            "{} DR for RTO {} / RPO {}; {} deployments; {}.",
            d.dr.tier.label(),
            duration(ctx.rto_s.value),
            duration(ctx.rpo_s.value),
            d.deployment.decision.choice.to_lowercase(),
            d.deployment.iac.choice.split(" — ").next().unwrap_or("")
        ),
    ];
    let stores: Vec<String> = d
        .data
        .stores
        .iter()
        .map(|x| format!("{} ({})", x.service, x.ha_mode))
        .collect();
    if !stores.is_empty() {
        s.push(format!("Data: {}.", stores.join("; ")));
    }
    s.push(super::cost::headline(&d.cost));
    if !d.compliance.is_empty() {
        s.push(format!(
            "Compliance: {}.",
            d.compliance
                .iter()
                .map(|f| format!("{} ({} controls)", f.name, f.controls.len()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    d.summary = s;
}

/// "Amazon Aurora PostgreSQL-Compatible for PostgreSQL", "Amazon SQS for the
/// queue": never "X for X" when the technology is the service itself.
fn adr_store_title(service: &str, tech: Option<&str>, role: &str) -> String {
    let what = match role {
        "relational_db" => "the database",
        "queue" => "the queue",
        _ => "the store",
    };
    let Some(tech) = tech else {
        return format!("{service} for {what}");
    };
    let shown = super::workload::tech_display(tech);
    let svc = service.to_lowercase();
    if svc.contains(&shown.to_lowercase()) || svc.contains(&tech.replace('-', " ").to_lowercase()) {
        format!("{service} for {what}")
    } else {
        format!("{service} for {shown}")
    }
}
