//! Section 11, Migration & Rollout and section 12, Operational Runbooks.

use super::{Input, cite, sentence};
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    let ops = &x.design.operations;
    d.h2("11. Migration & Rollout");

    d.h3("11.1 Migration Strategy");
    let m = &ops.migration;
    let lead = if m.greenfield && !m.strategy.to_lowercase().starts_with("greenfield") {
        "Greenfield: nothing runs today, so there is nothing to migrate. "
    } else {
        ""
    };
    d.para(&format!("{lead}{}", cite(&m.strategy, &m.why)));

    d.h3("11.2 Rollout Plan");
    let phases: Vec<String> = ops
        .rollout
        .iter()
        .map(|p| {
            // Phases are numbered by the list; a name may carry its own number.
            let name = p
                .name
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(['.', ')', ' ']);
            let name = if name.is_empty() {
                p.name.as_str()
            } else {
                name
            };
            format!(
                "**{}:** {}; exit when {}.",
                name,
                p.scope.trim_end_matches('.'),
                p.exit_criteria.trim().trim_end_matches('.')
            )
        })
        .collect();
    d.numbered_or(
        &phases,
        "One step: deploy to production once staging passes.",
    );

    d.h3("11.3 Rollback Plan");
    let r = &ops.rollback;
    d.para(&format!(
        "**Trigger:** {} **Time to roll back:** {}",
        sentence(&r.trigger),
        sentence(&r.time_to_rollback)
    ));
    d.numbered(&r.steps);
    if !r.data.is_empty() {
        d.para(&format!("**Data:** {}", sentence(&r.data)));
    }

    d.h3("11.4 Infrastructure Migration Checklist");
    if ops.checklist.is_empty() {
        d.para("Nothing to migrate, so no checklist.");
    } else {
        d.tasks(&ops.checklist);
    }

    d.h2("12. Operational Runbooks");
    d.h3("12.1 Common Operations");
    let rows: Vec<Vec<String>> = ops
        .runbooks
        .iter()
        .map(|rb| {
            vec![
                rb.operation.clone(),
                rb.procedure.clone(),
                rb.frequency.clone(),
            ]
        })
        .collect();
    d.table_or(
        &["Operation", "Procedure", "Frequency"],
        &rows,
        "The managed services need no routine operation beyond the deployments of 4.1.",
    );

    d.h3("12.2 Incident Response");
    let ir = &ops.incident_response;
    if ir.severities.is_empty() && ir.steps.is_empty() && ir.notification_duty.is_none() {
        d.para("Alerts of 8.4 page the on-call engineer, who follows the runbooks of 12.1 and the failover procedure of 6.2.");
    }
    if !ir.severities.is_empty() {
        let rows: Vec<Vec<String>> = ir
            .severities
            .iter()
            .map(|s| vec![s.level.clone(), s.definition.clone(), s.response.clone()])
            .collect();
        d.table(&["Severity", "Definition", "Response"], &rows);
    }
    d.numbered(&ir.steps);
    if let Some(duty) = &ir.notification_duty {
        d.para(&format!("**Notification duty:** {}", sentence(duty)));
    }

    d.h3("12.3 Maintenance Windows");
    let mt = &ops.maintenance;
    let downtime = if mt.zero_downtime {
        "No downtime: every change rolls through the redundant instances."
    } else {
        "Changes that restart the single instances cause a short outage inside the window."
    };
    d.para(&format!(
        "**Window:** {} {} {downtime}",
        sentence(&mt.window),
        sentence(&super::capital(&mt.procedure))
    ));
}
