//! Section 14, Open Questions & Risks. Every conflict, every missing requirement and
//! every assumption gets a question, whether or not the engine asked it, so
//! nothing the design guessed goes unconfirmed.

use super::{Input, cite, kind_name, refs};
use crate::design::QuestionReason;
use crate::render::Doc;
use crate::requirements::Kind;

pub fn render(d: &mut Doc, x: &Input) {
    let design = x.design;
    d.h2("14. Open Questions & Risks");

    d.h3("Open Questions");
    let reason = |r: QuestionReason| match r {
        QuestionReason::Conflict => "conflict",
        QuestionReason::Missing => "gap",
        QuestionReason::Assumption => "assumption",
        QuestionReason::Tradeoff => "trade-off",
        QuestionReason::Feedback => "review feedback",
    };
    let mut items: Vec<String> = design
        .open_questions
        .iter()
        .map(|q| {
            format!(
                "**{}** ({}): {}",
                q.id,
                reason(q.reason),
                cite(&q.question, &q.refs)
            )
        })
        .collect();
    // Looked up once: scanning every question's refs against every
    // requirement per kind and per conflict was cubic in a document with
    // thousands of stated values (tens of seconds to render).
    let asked_ids: std::collections::HashSet<&str> = design
        .open_questions
        .iter()
        .flat_map(|q| q.refs.iter().map(|r| r.as_str()))
        .collect();
    let asked = |id: &str| asked_ids.contains(id);
    let asked_kinds: std::collections::HashSet<Kind> = design
        .requirements
        .iter()
        .filter(|u| asked(&u.id))
        .map(|u| u.kind)
        .chain(
            design
                .assumptions
                .iter()
                .filter(|a| asked(&a.id))
                .filter_map(|a| a.kind),
        )
        .collect();
    let asked_kind = |kind: Kind| asked_kinds.contains(&kind);
    for c in &x.reqs.conflicts {
        if asked_kind(c.kind) {
            continue;
        }
        let values: Vec<String> = c.values.iter().map(ToString::to_string).collect();
        let places: Vec<String> = c
            .sources
            .iter()
            .map(|s| format!("`{}:{}`", s.path, s.line))
            .collect();
        let used = c
            .resolved
            .as_ref()
            .map(|v| format!(" The design uses {v}, the stricter value."))
            .unwrap_or_default();
        items.push(format!(
            "(conflict) Which {} applies: {} ({})?{used}",
            kind_name(c.kind),
            values.join(" or "),
            places.join(", ")
        ));
    }
    let stated = |k: Kind| x.reqs.requirements.iter().any(|r| r.kind == k);
    let mut gap_kinds: Vec<Kind> = Vec::new();
    for kind in &x.reqs.missing {
        // Residency, cloud and platform are choices the design makes when
        // nothing constrains them, and users stand in for throughput (and the
        // reverse): not gaps to ask about unless an assumption stands for them.
        // The workload kinds (schedule, files, model, tenancy…) matter only to
        // the blueprints that read them; those ask through their own assumptions.
        let chosen_freely = matches!(kind, Kind::Residency | Kind::Cloud | Kind::Platform)
            || !kind.always_expected()
            || (*kind == Kind::ConcurrentUsers && stated(Kind::Throughput))
            || (*kind == Kind::Throughput && stated(Kind::ConcurrentUsers));
        let assumed_here = design.assumptions.iter().any(|a| a.kind == Some(*kind));
        if asked_kind(*kind) || (chosen_freely && !assumed_here) {
            continue;
        }
        if *kind == Kind::ConcurrentUsers
            && design
                .assumptions
                .iter()
                .any(|a| a.kind == Some(Kind::Throughput))
        {
            continue;
        }
        gap_kinds.push(*kind);
        let assumed = design
            .assumptions
            .iter()
            .find(|a| a.kind == Some(*kind))
            .map(|a| format!(" The design assumes {} ({}).", a.value, a.id))
            .unwrap_or_default();
        if *kind == Kind::Compliance {
            items.push("(gap) No planning document names a compliance framework; confirm that none applies (SOC 2, HIPAA, PCI-DSS, GDPR would each add controls).".to_string());
        } else {
            items.push(format!(
                "(gap) No planning document states the {}; what is it?{assumed}",
                kind_name(*kind)
            ));
        }
    }
    for a in &design.assumptions {
        if asked(&a.id) || a.kind.is_some_and(|k| gap_kinds.contains(&k)) {
            continue;
        }
        items.push(format!(
            "(assumption) Confirm {}: {} ({}).",
            a.subject, a.value, a.id
        ));
    }
    if items.is_empty() {
        d.para("None: every value the design uses is stated in the planning documents and none of them conflict.");
    } else {
        d.tasks(&items);
    }

    d.h3("Infrastructure Risks");
    let rows: Vec<Vec<String>> = design
        .risks
        .iter()
        .map(|r| {
            vec![
                format!("{}{}", r.risk.trim_end_matches('.'), refs(&r.why)),
                r.impact.clone(),
                r.mitigation.clone(),
            ]
        })
        .collect();
    if rows.is_empty() {
        d.para("No risk beyond those the ADRs of section 10 record.");
    } else {
        d.table(&["Risk", "Impact", "Mitigation"], &rows);
    }
}
