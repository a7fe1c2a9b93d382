//! IA702 requirement-drift: the rule, its documentation ([`DOC`], which `infrarch rule IA702` prints) and its tests.

use super::{cell_span, cells, requirement_rows};
use crate::lint::values::{self, Found};
use crate::lint::{Context, Finding, Rule, Severity};
use crate::numfmt;
use crate::requirements::{Kind, RequirementSet};

pub const RULE: Rule = Rule {
    code: "IA702",
    name: "requirement-drift",
    severity: Severity::Error,
    summary: "A target in the document contradicts the current source requirements",
    help: "update the design to the current requirement (and re-review), or record in an ADR why it differs",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Reads the requirements of the source PRD (through the `**Source PRD:**` link,
with the same extractor as `infrarch requirements`) and compares them with the
targets the document states: the rows of its requirement table (availability,
performance/latency, disaster recovery RTO/RPO, budget), `RTO`/`RPO` lines
anywhere, and budget lines. A stated value that matches none of the PRD's
values of that kind is reported with the PRD's primary value and its line.
Latencies are compared only at the same percentile. ADRs that are no longer
Proposed (Accepted, Superseded, Deprecated) are frozen records and are not
compared. A value a reviewer set through `infrarch revise` (kept in the
document's JSON sidecar) replaces the PRD's for its kind: the document is
compared with the requirements as revised.

## Why is this bad?
The architecture was approved against the requirements of its day. When the
PRD later tightens availability from 99.9% to 99.95% or RPO from 15 to 5
minutes, the design (replicas, backups, cost) no longer meets it — and nothing
says so. In CI this rule turns a PRD change into a failing check.

## Example
PRD (now): "Availability: 99.95% monthly". Architecture:
```markdown
| Availability | 99.9% monthly |
```
Use instead: re-run the design for 99.95% (or an ADR accepting 99.9%), then
state `99.95% monthly`.
"####
);

static OBJECTIVE_LINE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"RTO|RPO|(?i:budget)").expect("constant regex"));

/// A target the document states.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub kind: Kind,
    pub value: f64,
    pub percentile: Option<u8>,
    pub line: usize,
    /// Byte offset in the line.
    pub offset: usize,
    /// Further values of the same kind stated alongside (same cell).
    pub others: Vec<f64>,
}

fn classify(name: &str) -> Option<Kind> {
    let n = name.to_lowercase();
    Some(if n.contains("availability") || n.contains("uptime") {
        Kind::Availability
    } else if n.contains("latency") || n.contains("performance") || n.contains("response") {
        Kind::Latency
    } else if n.contains("budget") || n.contains("cost") {
        Kind::Budget
    } else {
        return None;
    })
}

fn stated_in(kind: Kind, text: &str) -> Option<(Found, Option<u8>)> {
    match kind {
        Kind::Availability => values::percent(text).map(|f| (f, None)),
        Kind::Latency => values::latency_ms(text),
        Kind::Budget => values::money(text).map(|f| (f, None)),
        _ => None,
    }
}

/// The targets a document states, in document order.
pub fn stated_targets(ctx: &Context<'_>) -> Vec<Stated> {
    let mut out = Vec::new();
    for row in requirement_rows(ctx) {
        let c = cells(row);
        let (Some(name), Some(_)) = (c.first(), c.get(1)) else {
            continue;
        };
        let raw = ctx.prose(row.line).unwrap_or("");
        let Some((s, e)) = cell_span(raw, 1) else {
            continue;
        };
        let spec = &raw[s..e];
        // A row the document itself marks as set aside ("99.9% … — not used;
        // R8 governs", a value a reviewer replaced) states no target.
        if spec.contains("— not used") {
            continue;
        }
        if let Some(kind) = classify(name)
            && let Some((f, pct)) = stated_in(kind, spec)
        {
            // Other values of the kind in the same cell ("99.95% design target,
            // PRD SLO 99.9%"): the cell agrees when any of them matches.
            let mut others = Vec::new();
            let mut rest = &spec[f.end..];
            while let Some((g, _)) = stated_in(kind, rest) {
                others.push(g.value);
                rest = &rest[g.end..];
            }
            out.push(Stated {
                kind,
                value: f.value,
                percentile: pct,
                line: row.line,
                offset: s + f.start,
                others,
            });
        }
    }
    // Lines that can state an RTO, RPO or budget, found with one search each
    // over the whole prose instead of a check per line.
    let mut lines: Vec<usize> = OBJECTIVE_LINE
        .find_iter(&ctx.prose_text)
        .map(|m| ctx.prose_position(m.start()).0)
        .collect();
    lines.dedup();
    let retired = frozen_adr_lines(ctx);
    for n in lines {
        if retired.iter().any(|(a, b)| (*a..*b).contains(&n)) {
            continue;
        }
        let line = ctx.prose(n).unwrap_or("");
        // A requirement row set aside by the document ("— not used; R10 governs").
        if line.contains("— not used") {
            continue;
        }
        for (label, f) in values::labelled_objectives(line) {
            // "RTO ≥ 30 min" states a bound (a DR tier's range), not a target.
            let before = line[..f.start].trim_end();
            if before.ends_with('≥') || before.ends_with(">=") || before.ends_with('>') {
                continue;
            }
            let kind = if label == "RTO" { Kind::Rto } else { Kind::Rpo };
            out.push(Stated {
                kind,
                value: f.value,
                percentile: None,
                line: n,
                offset: f.start,
                others: Vec::new(),
            });
        }
        if crate::lint::context::find_ci(line, "budget").is_some()
            && !out.iter().any(|s| s.line == n && s.kind == Kind::Budget)
            && let Some(f) = values::money(line)
        {
            // "Estimated $2,190/month against a $4,000/month budget": an estimate
            // beside the budget. The amount said to be the budget is the one
            // just before the word (else the first); the line agrees when any
            // amount on it matches.
            let mut amounts = vec![(f.start, f.value)];
            let mut at = f.end;
            while let Some(g) = values::money(&line[at..]) {
                amounts.push((at + g.start, g.value));
                at += g.end;
            }
            let word = crate::lint::context::find_ci(line, "budget").unwrap_or(0);
            let (offset, value) = amounts
                .iter()
                .rev()
                .find(|(start, _)| *start < word)
                .copied()
                .unwrap_or(amounts[0]);
            out.push(Stated {
                kind: Kind::Budget,
                value,
                percentile: None,
                line: n,
                offset,
                others: amounts.iter().map(|(_, v)| *v).collect(),
            });
        }
    }
    out
}

/// Line ranges (as [`Context::prose`] numbers them) of ADRs that are no
/// longer Proposed (Accepted, Superseded, Deprecated): records frozen as they
/// were approved. Their text may not be edited, and a decision still standing
/// keeps its ADR when only a number moved, so their numbers are history.
fn frozen_adr_lines(ctx: &Context<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    let total = ctx.lines.len();
    for n in 1..=total {
        let line = ctx.lines[n - 1];
        let ends = line.starts_with("### ") || line.starts_with("## ") || line.trim_end() == "---";
        if ends {
            if let Some((s, true)) = start {
                out.push((s, n));
            }
            start = line.starts_with("### ADR-").then_some((n, false));
            continue;
        }
        if let Some((s, false)) = start
            && let Some(status) = line.strip_prefix("**Status:**")
            && !status.trim().eq_ignore_ascii_case("proposed")
        {
            start = Some((s, true));
        }
    }
    if let Some((s, true)) = start {
        out.push((s, total + 1));
    }
    out
}

fn show(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Availability => format!("{}%", numfmt::trim(v)),
        Kind::Latency => format!("{} ms", numfmt::trim(v)),
        Kind::Rto | Kind::Rpo => {
            if v >= 3600.0 && (v % 3600.0) == 0.0 {
                format!("{} h", numfmt::trim(v / 3600.0))
            } else if v >= 60.0 && (v % 60.0) == 0.0 {
                format!("{} min", numfmt::trim(v / 60.0))
            } else {
                format!("{} s", numfmt::trim(v))
            }
        }
        Kind::Budget => format!("{}/month", numfmt::usd(v)),
        _ => numfmt::trim(v),
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Compare a document's stated targets with a requirement set. Separate from
/// the rule so it can be tested (and reused) with a hand-built set.
pub fn drift(ctx: &Context<'_>, set: &RequirementSet, out: &mut Vec<Finding>) {
    for s in stated_targets(ctx) {
        let reqs: Vec<_> = set
            .all(s.kind)
            .filter(|r| r.value.as_f64().is_some())
            .filter(|r| {
                s.kind != Kind::Latency
                    || r.percentile.is_none()
                    || s.percentile.is_none()
                    || r.percentile == s.percentile
            })
            .collect();
        if reqs.is_empty()
            || reqs.iter().any(|r| {
                r.value
                    .as_f64()
                    .is_some_and(|v| same(v, s.value) || s.others.iter().any(|o| same(v, *o)))
            })
        {
            continue;
        }
        let want = reqs.iter().find(|r| r.primary).unwrap_or(&reqs[0]);
        let Some(v) = want.value.as_f64() else {
            continue;
        };
        let kind = match s.kind {
            Kind::Rto => "RTO".to_string(),
            Kind::Rpo => "RPO".to_string(),
            k => k.as_str().to_string(),
        };
        out.push(Finding::new(
            s.line,
            ctx.column(s.line, s.offset),
            if want.source.line == 0 {
                format!(
                    "{kind} {} here, but the requirements as revised say {} ({})",
                    show(s.kind, s.value),
                    show(s.kind, v),
                    want.source.path
                )
            } else {
                format!(
                    "{kind} {} here, but the source requirements say {} ({}:{})",
                    show(s.kind, s.value),
                    show(s.kind, v),
                    want.source.path,
                    want.source.line
                )
            },
        ));
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if let Some(prd) = ctx.inputs.prd {
        // The feature's confirm file beside the document governs over the PRD;
        // values a reviewer set through the review gate govern over both.
        let confirmed =
            crate::confirm::for_document(std::path::Path::new(ctx.path), &prd.requirements);
        let base = confirmed.as_ref().unwrap_or(&prd.requirements);
        let reviewed = reviewer_values(std::path::Path::new(ctx.path));
        if reviewed.is_empty() {
            drift(ctx, base, out);
        } else {
            drift(ctx, &as_revised(base, &reviewed), out);
        }
    }
}

/// A value a reviewer set through the review gate (`infrarch revise`): a
/// confirmed requirement that replaces the PRD's for its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed {
    pub kind: Kind,
    pub value: f64,
    pub percentile: Option<u8>,
    /// Where it was set, for the finding ("review feedback, revision 3").
    pub source: String,
}

/// The values reviewers set on a document, read from its sidecar
/// (`{document}.json`, `review.directives`); the last one of each kind wins.
/// No sidecar, or one that cannot be read, means none.
pub fn reviewer_values(doc: &std::path::Path) -> Vec<Reviewed> {
    #[derive(serde::Deserialize)]
    struct Side {
        #[serde(default)]
        review: Option<Review>,
    }
    #[derive(serde::Deserialize)]
    struct Review {
        #[serde(default)]
        history: Vec<Row>,
    }
    #[derive(serde::Deserialize)]
    struct Row {
        revision: u32,
        #[serde(default)]
        directives: Vec<serde_json::Value>,
    }
    let Ok(raw) = std::fs::read_to_string(crate::write::model_path(doc)) else {
        return Vec::new();
    };
    let Ok(side) = serde_json::from_str::<Side>(&raw) else {
        return Vec::new();
    };
    let mut out: Vec<Reviewed> = Vec::new();
    for row in side.review.map(|r| r.history).unwrap_or_default() {
        for v in row.directives {
            if let Ok(crate::review::directives::Directive::Target {
                kind,
                value,
                percentile,
            }) = serde_json::from_value(v)
            {
                out.retain(|r| !(r.kind == kind && r.percentile == percentile));
                out.push(Reviewed {
                    kind,
                    value,
                    percentile,
                    source: format!("review feedback, revision {}", row.revision),
                });
            }
        }
    }
    out
}

/// The PRD's requirements as revised: a kind a reviewer set is compared with
/// the reviewer's value only (the deliberate departure from the PRD is the
/// reviewer's, recorded in the document's history).
pub fn as_revised(prd: &RequirementSet, reviewed: &[Reviewed]) -> RequirementSet {
    let mut set = prd.clone();
    for r in reviewed {
        set.requirements.retain(|q| {
            !(q.kind == r.kind
                && (r.kind != Kind::Latency
                    || q.percentile.is_none()
                    || r.percentile.is_none()
                    || q.percentile == r.percentile))
        });
        set.requirements.push(crate::requirements::Requirement {
            id: String::new(),
            kind: r.kind,
            unit: r.kind.canonical_unit().to_string(),
            value: crate::requirements::Value::Number(r.value),
            percentile: r.percentile,
            primary: true,
            qualifier: None,
            phase: None,
            subject: None,
            source: crate::requirements::Source {
                path: r.source.clone(),
                line: 0,
                excerpt: String::new(),
            },
        });
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Inputs;
    use crate::requirements::{REQUIREMENTS_SCHEMA, Requirement, Source, Value};

    fn req(kind: Kind, v: f64, pct: Option<u8>, line: usize) -> Requirement {
        Requirement {
            id: format!("R{line}"),
            kind,
            value: Value::Number(v),
            unit: kind.canonical_unit().to_string(),
            percentile: pct,
            primary: true,
            qualifier: None,
            phase: None,
            subject: None,
            source: Source {
                path: "prd.md".into(),
                line,
                excerpt: String::new(),
            },
        }
    }

    fn set(reqs: Vec<Requirement>) -> RequirementSet {
        RequirementSet {
            schema: REQUIREMENTS_SCHEMA.into(),
            feature: "x".into(),
            sources: vec![],
            requirements: reqs,
            conflicts: vec![],
            missing: vec![],
            technologies: vec![],
            superseded: vec![],
            ambiguities: Vec::new(),
        }
    }

    const DOC: &str = "## 2.2 Infrastructure Requirements\n\n| Requirement | Specification |\n|---|---|\n| Availability | 99.9% monthly |\n| Performance | p95 < 200 ms |\n| Disaster Recovery | RTO < 1 hour, RPO < 15 min |\n| Budget | $4,000/month |\n\n## 6.2 Disaster Recovery\n\n- **RPO (Recovery Point Objective):** 15 minutes\n  - Backup & restore: RTO ≥ 24 h and RPO ≥ 1 h (AWS-REL13-BP02)\n\nEstimated $2,190/month against a $4,000/month budget.\n";

    fn run(reqs: Vec<Requirement>) -> Vec<(usize, usize, String)> {
        let ctx = Context::new("t.md", DOC, Inputs::default());
        let mut out = Vec::new();
        drift(&ctx, &set(reqs), &mut out);
        out.into_iter()
            .map(|f| (f.line, f.column, f.message))
            .collect()
    }

    #[test]
    fn matching_requirements_are_quiet() {
        let f = run(vec![
            req(Kind::Availability, 99.9, None, 10),
            req(Kind::Latency, 200.0, Some(95), 11),
            req(Kind::Rto, 3600.0, None, 12),
            req(Kind::Rpo, 900.0, None, 13),
            req(Kind::Budget, 4000.0, None, 14),
        ]);
        assert!(f.is_empty(), "{f:?}");
        // A cell that also states the required value agrees with it.
        let ctx = Context::new(
            "t.md",
            "| Requirement | Specification |\n|---|---|\n| Availability | 99.95% design target (PRD SLO 99.9%) |\n",
            Inputs::default(),
        );
        let mut out = Vec::new();
        drift(
            &ctx,
            &set(vec![req(Kind::Availability, 99.9, None, 10)]),
            &mut out,
        );
        assert!(out.is_empty(), "{out:?}");
        // Nothing to compare with: quiet too.
        assert!(run(vec![]).is_empty());
    }

    #[test]
    fn frozen_adrs_and_set_aside_rows_are_history() {
        let doc = "| Requirement | Specification |\n|---|---|\n| Disaster Recovery (R4) | RTO 4 h for outage — not used; R9 governs |\n| Disaster Recovery (R9) | RTO 1 h |\n\n### ADR-3: Pilot light\n\n**Status:** Superseded by ADR-11\n\nRTO 4 h / RPO 15 min are met.\n\n---\n\n### ADR-11: Warm standby\n\n**Status:** Proposed\n\nRTO 4 h here is a mistake.\n\n### ADR-12: Backups\n\n**Status:** Accepted\n\nRTO 4 h as approved.\n";
        let ctx = Context::new("t.md", doc, Inputs::default());
        let mut out = Vec::new();
        drift(&ctx, &set(vec![req(Kind::Rto, 3600.0, None, 9)]), &mut out);
        let lines: Vec<usize> = out.iter().map(|f| f.line).collect();
        assert_eq!(lines, [18], "{out:?}");
    }

    #[test]
    fn reviewer_values_replace_the_prds() {
        let prd = set(vec![
            req(Kind::Availability, 99.95, None, 10),
            req(Kind::Latency, 200.0, Some(95), 11),
            req(Kind::Budget, 3000.0, None, 14),
        ]);
        let reviewed = vec![Reviewed {
            kind: Kind::Budget,
            value: 4000.0,
            percentile: None,
            source: "review feedback, revision 2".into(),
        }];
        let ctx = Context::new("t.md", DOC, Inputs::default());
        let mut out = Vec::new();
        drift(&ctx, &as_revised(&prd, &reviewed), &mut out);
        let msgs: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
        // The document's $4,000 budget is the reviewer's: no budget finding;
        // availability still differs from the PRD.
        assert_eq!(
            msgs,
            ["availability 99.9% here, but the source requirements say 99.95% (prd.md:10)"]
        );
        let reviewed = vec![Reviewed {
            kind: Kind::Availability,
            value: 99.99,
            percentile: None,
            source: "review feedback, revision 2".into(),
        }];
        let mut out = Vec::new();
        drift(&ctx, &as_revised(&prd, &reviewed), &mut out);
        assert!(out.iter().any(|f| f.message
            == "availability 99.9% here, but the requirements as revised say 99.99% (review feedback, revision 2)"));
    }

    #[test]
    fn changed_requirements_are_reported() {
        let f = run(vec![
            req(Kind::Availability, 99.95, None, 10),
            req(Kind::Latency, 150.0, Some(95), 11),
            req(Kind::Rpo, 300.0, None, 13),
            req(Kind::Budget, 3000.0, None, 14),
        ]);
        let msgs: Vec<&str> = f.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "availability 99.9% here, but the source requirements say 99.95% (prd.md:10)",
                "latency 200 ms here, but the source requirements say 150 ms (prd.md:11)",
                "budget $4,000/month here, but the source requirements say $3,000/month (prd.md:14)",
                "RPO 15 min here, but the source requirements say 5 min (prd.md:13)",
                "RPO 15 min here, but the source requirements say 5 min (prd.md:13)",
                // The amount named as the budget, not the estimate beside it;
                // the DR tier bounds ("RTO ≥ 24 h") are not targets.
                "budget $4,000/month here, but the source requirements say $3,000/month (prd.md:14)",
            ]
        );
        assert_eq!((f[0].0, f[0].1), (5, 18));
        assert_eq!((f[3].0, f[4].0), (7, 12));
        // A latency at another percentile is a different requirement.
        assert!(run(vec![req(Kind::Latency, 500.0, Some(99), 11)]).is_empty());
    }
}
