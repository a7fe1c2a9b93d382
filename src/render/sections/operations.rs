//! Section 11, Migration & Rollout and section 12, Operational Runbooks.

use super::{Input, cite, sentence};
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    let ops = &x.design.operations;
    d.h2("11. Migration & Rollout");

    d.h3("11.1 Migration Strategy");
    let m = &ops.migration;
    let lead = if m.greenfield {
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
            format!(
                "**{}:** {}; exit when {}",
                p.name,
                p.scope.trim_end_matches('.'),
                sentence(&p.exit_criteria)
            )
        })
        .collect();
    d.numbered(&phases);

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
    d.tasks(&ops.checklist);

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
    d.table(&["Operation", "Procedure", "Frequency"], &rows);

    d.h3("12.2 Incident Response");
    let ir = &ops.incident_response;
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
        sentence(&mt.procedure)
    ));
}
