//! Section 4, Deployment Architecture.

use super::{Input, cite, sentence};
use crate::design::DeployStrategy;
use crate::numfmt;
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    let dep = &x.design.deployment;
    d.h2("4. Deployment Architecture");

    d.h3("4.1 Deployment Strategy");
    let name = match dep.strategy {
        DeployStrategy::Rolling => "Rolling",
        DeployStrategy::BlueGreen => "Blue-green",
        DeployStrategy::Canary => "Canary",
    };
    let choice = &dep.decision.choice;
    let shown = if choice.to_lowercase().contains(&name.to_lowercase()) {
        format!("**{}.**", choice.trim_end_matches('.'))
    } else {
        format!("**{name}** ({choice}).")
    };
    d.para(&format!(
        "{shown} {}",
        cite(&dep.decision.rationale, &dep.decision.why)
    ));
    d.numbered(&dep.steps);

    d.h3("4.2 Environments");
    let rows: Vec<Vec<String>> = dep
        .environments
        .iter()
        .map(|e| {
            // The engine may already state the cost in the configuration.
            let cost = if e.monthly_cost > 0.0 && !e.configuration.contains('$') {
                format!("; about {}/month", numfmt::usd(e.monthly_cost))
            } else {
                String::new()
            };
            vec![
                e.name.clone(),
                e.purpose.clone(),
                format!("{}{cost}", e.configuration),
                e.access.clone(),
            ]
        })
        .collect();
    d.table_or(&["Environment", "Purpose", "Configuration", "Access"], &rows, "A single production environment; no separate development or staging environment is designed.");

    d.h3("4.3 Containerization");
    let c = &dep.containerization;
    let mut items = vec![
        format!("**Runtime:** {}", c.runtime),
        format!("**Orchestration:** {}", c.orchestration),
        format!("**Registry:** {}", c.registry),
    ];
    if !c.image_policy.is_empty() {
        items.push(super::nested("**Image policy:**", &c.image_policy));
    }
    d.bullets(&items);

    d.h3("4.4 Infrastructure as Code");
    d.para(&format!(
        "**{}.** {}",
        dep.iac.choice.trim_end_matches('.'),
        cite(&dep.iac.rationale, &dep.iac.why)
    ));
    if !dep.ci_cd.is_empty() {
        d.para(&format!("**CI/CD:** {}", sentence(&dep.ci_cd)));
    }
}
