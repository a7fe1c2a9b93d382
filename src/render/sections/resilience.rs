//! Section 6, High Availability & Disaster Recovery, with the composite availability
//! arithmetic that justifies the redundancy.

use super::{Input, cite, figure, refs, sentence};
use crate::design::FailoverMode;
use crate::numfmt;
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    let design = x.design;
    let t = &design.topology;
    d.h2("6. High Availability & Disaster Recovery");

    d.h3("6.1 High Availability Design");
    let multi_region = if t.multi_region {
        format!(
            "**Multi-Region:** Yes — {}{}; {}",
            t.regions.join(", "),
            refs(&design.region.why),
            lower_first(&sentence(&t.decision.rationale))
        )
    } else {
        let secondary = design
            .region
            .secondary
            .as_deref()
            .map(|s| format!("; {s} holds recovery copies only"))
            .unwrap_or_default();
        format!(
            "**Multi-Region:** No — {} only{secondary}; {}",
            design.region.primary,
            lower_first(&sentence(&t.decision.rationale))
        )
    };
    let multi_az = if t.multi_az {
        format!(
            "**Multi-AZ:** Yes — {} availability zones in each region",
            t.zones_per_region
        )
    } else {
        "**Multi-AZ:** No — a single zone".to_string()
    };
    let mode = match t.failover {
        FailoverMode::Automatic => "Automatic",
        FailoverMode::Manual => "Manual",
        FailoverMode::None => "None",
    };
    // The failover text may itself open with the mode ("Automatic: …").
    let failover = t
        .failover_text
        .strip_prefix(mode)
        .map(|rest| rest.trim_start_matches([':', ' ', '—', '-']))
        .unwrap_or(&t.failover_text);
    d.bullets(&[
        multi_region,
        multi_az,
        format!("**Failover Strategy:** {mode} — {failover}"),
    ]);

    d.h3("6.2 Disaster Recovery");
    let dr = &design.dr;
    let b = &dr.backup;
    let mut backup = format!("{}; retained {} days", b.frequency, b.retention_days);
    if b.pitr {
        backup.push_str(&format!(
            "; point-in-time recovery over {} days",
            b.pitr_window_days
        ));
    }
    if b.cross_region_copy {
        match &b.copy_region {
            Some(r) => backup.push_str(&format!("; copies to {r}")),
            None => backup.push_str("; copies to a second region"),
        }
    }
    backup.push_str(&refs(&b.why));
    let mut items = vec![
        format!("**RTO (Recovery Time Objective):** {}", figure(&dr.rto)),
        format!("**RPO (Recovery Point Objective):** {}", figure(&dr.rpo)),
    ];
    let strategy = format!(
        "**DR Strategy:** {} — {}",
        dr.tier.label(),
        cite(&dr.decision.rationale, &dr.decision.why)
    );
    items.push(if dr.selection.is_empty() {
        strategy
    } else {
        super::nested(&strategy, &dr.selection)
    });
    items.push(format!("**Backup Strategy:** {backup}"));
    let steps: Vec<String> = dr
        .failover_steps
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}", i + 1, s))
        .collect();
    if !steps.is_empty() {
        let mut proc = "**Failover Procedures:**".to_string();
        for s in &steps {
            proc.push_str(&format!("\n  {s}"));
        }
        items.push(proc);
    }
    if !dr.test_frequency.is_empty() {
        items.push(format!("**DR Testing:** {}", dr.test_frequency));
    }
    d.bullets(&items);

    d.h3("6.3 Redundancy");
    d.bullets_or(
        &t.redundancy,
        "No redundancy beyond what each managed service provides itself.",
    );
    let a = &design.availability;
    if !a.terms.is_empty() {
        let rows: Vec<Vec<String>> = a
            .terms
            .iter()
            .map(|term| {
                vec![
                    term.name.clone(),
                    format!("{}% (`{}`)", numfmt::trim(term.sla_pct), term.catalog_id),
                    term.copies.to_string(),
                    format!("{}%", numfmt::trim(term.effective_pct)),
                ]
            })
            .collect();
        d.table(
            &["Request-path component", "SLA", "Copies", "Effective"],
            &rows,
        );
    }
    let verdict = if a.meets_target && !a.unpublished.is_empty() {
        format!(
            "meets the target for the dependencies with a published SLA; {} {} none and {} not in it (below)",
            a.unpublished.len(),
            if a.unpublished.len() == 1 {
                "has"
            } else {
                "have"
            },
            if a.unpublished.len() == 1 {
                "is"
            } else {
                "are"
            }
        )
    } else if a.meets_target {
        "meets the target".to_string()
    } else {
        match a.shortfall_pct {
            Some(s) => format!("falls short by {} percentage points", numfmt::trim(s)),
            None => "falls short of the target".to_string(),
        }
    };
    d.para(&format!(
        "**SLA floor:** {}% against a target of {}: the floor {verdict}. The target allows {} min of downtime per 730-hour month; the floor allows {} min.",
        numfmt::trim(a.composite_pct),
        figure(&a.target),
        numfmt::trim((a.allowed_downtime_min_per_month * 10.0).round() / 10.0),
        numfmt::trim((a.composite_downtime_min_per_month * 10.0).round() / 10.0),
    ));
    d.numbered(&a.steps);
    if let Some(risk) = &a.risk {
        d.para(&format!("**Risk:** {}", sentence(risk)));
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep acronyms and names ("RTO", "AWS") as written.
        Some(f) if c.clone().next().is_some_and(|n| n.is_lowercase()) => {
            f.to_lowercase().collect::<String>() + c.as_str()
        }
        _ => s.to_string(),
    }
}
