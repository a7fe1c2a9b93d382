//! Section 2, Context & Requirements: business context, the requirement table with a
//! source for every row, the assumptions, and the constraints.

use super::{Input, link, refs, sentence, title_case};
use crate::design::{ConstraintKind, RequirementUse};
use crate::render::Doc;
use crate::requirements::Kind;

pub fn render(d: &mut Doc, x: &Input) {
    d.h2("2. Context & Requirements");
    business_context(d, x);
    requirements(d, x);
    constraints(d, x);
}

fn business_context(d: &mut Doc, x: &Input) {
    d.h3("2.1 Business Context");
    let design = x.design;
    let name = x
        .ctx
        .feature_name
        .clone()
        .unwrap_or_else(|| title_case(&design.feature));
    let docs: Vec<String> = design
        .sources
        .iter()
        .map(|s| format!("{} ({})", link(x, &s.path), s.kind))
        .collect();
    let mut text = if docs.is_empty() {
        format!("Infrastructure for **{name}**.")
    } else {
        format!(
            "Infrastructure for **{name}**, designed from {} planning document{}: {}.",
            docs.len(),
            if docs.len() == 1 { "" } else { "s" },
            docs.join(", ")
        )
    };
    let asks: Vec<String> = kind_order(&design.requirements)
        .into_iter()
        .filter(|r| r.primary)
        .map(|r| {
            let what = match r.kind {
                Kind::Availability => "availability ",
                Kind::Latency => "latency ",
                Kind::Compliance => "compliance with ",
                Kind::Budget => "a budget of ",
                Kind::Cloud => "hosting on ",
                Kind::Platform => "platform ",
                Kind::Residency => "data kept in ",
                Kind::DataVolume => "data volume ",
                Kind::Exposure => "exposure ",
                Kind::Deadline => "output ",
                Kind::DataVolumePerDay => "daily intake ",
                Kind::FileSize => "files of ",
                Kind::Retention => "retention ",
                Kind::ModelSize => "a model of ",
                Kind::Tenancy => "tenancy ",
                Kind::Throughput | Kind::ConcurrentUsers | Kind::Rto | Kind::Rpo => "",
            };
            format!("{what}{}{}", r.display, refs(std::slice::from_ref(&r.id)))
        })
        .collect();
    if !asks.is_empty() {
        text.push_str(&format!(
            " What the infrastructure must deliver: {}.",
            asks.join("; ")
        ));
    }
    let p = &design.project;
    let mut known = Vec::new();
    if !p.tech_stack.is_empty() {
        known.push(format!("tech stack {}", p.tech_stack.join(", ")));
    }
    if let Some(a) = &p.architecture_pattern {
        known.push(format!("architecture pattern {a}"));
    }
    if let Some(e) = &p.existing_system {
        known.push(format!("runs today on {e}"));
    }
    if !known.is_empty() {
        let from = p
            .file
            .as_deref()
            .map(|f| format!(" (`{f}`)"))
            .unwrap_or_default();
        text.push_str(&format!(" Project knowledge{from}: {}.", known.join("; ")));
    }
    if !x.reqs.superseded.is_empty() {
        text.push_str(&format!(
            " Older dated documents replaced by newer ones were not read: {}.",
            x.reqs
                .superseded
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    d.para(&text);
    let notes: Vec<String> = p
        .notes
        .iter()
        .map(|n| format!("**Team note:** {}", sentence(n)))
        .collect();
    d.bullets(&notes);
}

/// The template's row label for a kind.
fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Availability => "Availability",
        Kind::Throughput | Kind::ConcurrentUsers => "Scalability",
        Kind::Latency => "Performance",
        Kind::DataVolume => "Data Volume",
        Kind::Rto | Kind::Rpo => "Disaster Recovery",
        Kind::Compliance => "Compliance",
        Kind::Residency => "Data Residency",
        Kind::Budget => "Budget",
        Kind::Cloud => "Cloud Provider",
        Kind::Platform => "Platform",
        Kind::Exposure => "Exposure",
        Kind::Deadline => "Schedule",
        Kind::DataVolumePerDay | Kind::FileSize => "Data Volume",
        Kind::Retention => "Retention",
        Kind::ModelSize => "Model",
        Kind::Tenancy => "Tenancy",
    }
}

/// Template order: availability, scalability, performance, DR, compliance, then the rest.
fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Availability => 0,
        Kind::Throughput => 1,
        Kind::ConcurrentUsers => 2,
        Kind::Latency => 3,
        Kind::DataVolume => 4,
        Kind::Rto => 5,
        Kind::Rpo => 6,
        Kind::Compliance => 7,
        Kind::Residency => 8,
        Kind::Budget => 9,
        Kind::Cloud => 10,
        Kind::Platform => 11,
        Kind::Exposure => 12,
        Kind::Deadline => 13,
        Kind::DataVolumePerDay => 14,
        Kind::FileSize => 15,
        Kind::Retention => 16,
        Kind::ModelSize => 17,
        Kind::Tenancy => 18,
    }
}

fn kind_order(reqs: &[RequirementUse]) -> Vec<&RequirementUse> {
    let mut v: Vec<&RequirementUse> = reqs.iter().collect();
    // Stable: within a kind the model's order (primary first) stays.
    v.sort_by_key(|r| (rank(r.kind), !r.primary));
    v
}

fn specification(
    x: &Input,
    r: &RequirementUse,
    primary_of: &std::collections::HashMap<Kind, &str>,
) -> String {
    let mut s = r.display.clone();
    if let Some(subject) = r.subject.as_deref().filter(|t| !t.is_empty()) {
        s.push_str(&format!(" for {subject}"));
    }
    if let Some(q) = r.qualifier.as_deref().filter(|t| !t.is_empty()) {
        s.push_str(&format!(", {q}"));
    }
    if let Some(phase) = x.reqs.by_id(&r.id).and_then(|q| q.phase.as_deref()) {
        s.push_str(&format!(" ({phase})"));
    }
    let average = crate::extract::merge::stated_average(x.reqs).is_some_and(|(a, _)| a.id == r.id);
    if average && let Some(id) = primary_of.get(&r.kind) {
        s.push_str(&format!(
            " — prices the usage-billed items; {id} (the peak) sizes the design"
        ));
    } else if !r.primary && !r.kind.is_set() {
        let used = primary_of.get(&r.kind).copied();
        match (r.conflicting, used) {
            (true, Some(id)) => s.push_str(&format!(" — conflicts; the stricter {id} is used")),
            (false, Some(id)) => s.push_str(&format!(" — not used; {id} governs")),
            (_, None) => s.push_str(" — not used"),
        }
    } else if r.conflicting {
        s.push_str(" — used (stricter of conflicting values)");
    }
    s
}

fn source(r: &RequirementUse) -> String {
    if r.source.path.is_empty() {
        return "not recorded".to_string();
    }
    if r.source.line == 0 {
        format!("`{}`", r.source.path)
    } else {
        format!("`{}:{}`", r.source.path, r.source.line)
    }
}

fn requirements(d: &mut Doc, x: &Input) {
    d.h3("2.2 Infrastructure Requirements");
    let design = x.design;
    // The governing requirement of each kind, found once (not per row).
    let mut primary_of: std::collections::HashMap<Kind, &str> = std::collections::HashMap::new();
    for p in design.requirements.iter().filter(|p| p.primary) {
        primary_of.entry(p.kind).or_insert(p.id.as_str());
    }
    let mut rows: Vec<(u8, Vec<String>)> = kind_order(&design.requirements)
        .into_iter()
        .map(|r| {
            (
                rank(r.kind),
                vec![
                    format!("{} ({})", label(r.kind), r.id),
                    specification(x, r, &primary_of),
                    source(r),
                ],
            )
        })
        .collect();
    // The template's five rows are always answered: stated, assumed, or absent.
    for kind in [
        Kind::Availability,
        Kind::Throughput,
        Kind::Latency,
        Kind::Rto,
        Kind::Rpo,
        Kind::Compliance,
    ] {
        if design.requirements.iter().any(|r| r.kind == kind) {
            continue;
        }
        let assumed: Vec<_> = design
            .assumptions
            .iter()
            .filter(|a| a.kind == Some(kind))
            .collect();
        if !assumed.is_empty() {
            for a in assumed {
                rows.push((
                    rank(kind),
                    vec![
                        format!("{} ({})", label(kind), a.id),
                        format!("**Assumed:** {} ({})", a.value, a.subject),
                        "assumption; no planning document states it".to_string(),
                    ],
                ));
            }
        } else if kind == Kind::Compliance {
            rows.push((
                rank(kind),
                vec![
                    label(kind).to_string(),
                    "None stated; no compliance-only controls are added".to_string(),
                    "no planning document names a framework".to_string(),
                ],
            ));
        } else if kind != Kind::Throughput
            || !design
                .requirements
                .iter()
                .any(|r| r.kind == Kind::ConcurrentUsers)
        {
            rows.push((
                rank(kind),
                vec![
                    label(kind).to_string(),
                    format!("Not stated ({})", super::kind_name(kind)),
                    "no planning document states it".to_string(),
                ],
            ));
        }
    }
    rows.sort_by_key(|(r, _)| *r);
    let rows: Vec<Vec<String>> = rows.into_iter().map(|(_, r)| r).collect();
    d.table(&["Requirement", "Specification", "Source"], &rows);

    if !design.assumptions.is_empty() {
        d.para("**Assumptions** (values no planning document states; each is listed for confirmation in section 14):");
        let rows: Vec<Vec<String>> = design
            .assumptions
            .iter()
            .map(|a| {
                let origin = if a.overridden { " (set by option)" } else { "" };
                vec![
                    a.id.clone(),
                    a.subject.clone(),
                    format!("{}{origin}", a.value),
                    sentence(&a.why),
                ]
            })
            .collect();
        d.table(&["Id", "Assumption", "Value", "Why"], &rows);
    }
}

fn constraints(d: &mut Doc, x: &Input) {
    d.h3("2.3 Constraints");
    let mut items = Vec::new();
    for (kind, name) in [
        (ConstraintKind::Technical, "Technical"),
        (ConstraintKind::Budget, "Budget"),
        (ConstraintKind::Regulatory, "Regulatory"),
        (ConstraintKind::Timeline, "Timeline"),
    ] {
        let of_kind: Vec<_> = x
            .design
            .constraints
            .iter()
            .filter(|c| c.kind == kind)
            .collect();
        match of_kind.as_slice() {
            [] => items.push(format!(
                "**{name}:** none stated in the planning documents."
            )),
            [one] => items.push(format!(
                "**{name}:** {}{}",
                one.text.trim_end_matches('.'),
                refs(&one.why)
            )),
            many => items.push(super::nested(
                &format!("**{name}:**"),
                &many
                    .iter()
                    .map(|c| format!("{}{}", c.text.trim_end_matches('.'), refs(&c.why)))
                    .collect::<Vec<_>>(),
            )),
        }
    }
    d.bullets(&items);
}
