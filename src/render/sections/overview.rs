//! Section 3, Infrastructure Architecture Overview: the diagrams drawn from the
//! topology and the component table.

use super::{Input, cite, refs};
use crate::render::Doc;
use crate::render::diagram::{Graph, ascii, mermaid};

pub fn render(d: &mut Doc, x: &Input) {
    let design = x.design;
    d.h2("3. Infrastructure Architecture Overview");
    d.h3("3.1 High-Level Infrastructure Architecture");
    let g = Graph::from_design(design);
    let t = &design.topology;
    let regions = if t.regions.is_empty() {
        design.region.primary.clone()
    } else {
        t.regions.join(" and ")
    };
    let zones = match t.zones_per_region {
        0 | 1 => "a single zone".to_string(),
        n => format!("{n} availability zones"),
    };
    let drawn = g
        .nodes
        .iter()
        .filter(|n| n.id != crate::render::diagram::CLIENTS_ID)
        .count();
    let left_out = design.components.len().saturating_sub(drawn);
    let mut intro = format!(
        "{} in {regions}, {zones} per region. Arrows follow requests from the clients to the data tier.",
        design.provider_name
    );
    if left_out > 0 {
        intro.push_str(&format!(
            " The {left_out} supporting component{} off the request path (see 3.2) {} not drawn.",
            if left_out == 1 { "" } else { "s" },
            if left_out == 1 { "is" } else { "are" }
        ));
    }
    d.para(&intro);
    if g.nodes.is_empty() {
        d.para("Nothing to draw: the design has no component on the request path.");
    } else {
        d.fence("", &ascii::draw(&g));
        d.para("The same topology as a Mermaid flowchart, with the protocol of each link:");
        d.fence("mermaid", &mermaid::flowchart(&g));
    }

    workloads(d, x);

    d.h3("3.2 Infrastructure Components");
    let rows: Vec<Vec<String>> = design
        .components
        .iter()
        .map(|c| {
            let tech = match &c.technology {
                Some(t) if !c.service.to_lowercase().contains(&t.to_lowercase()) => {
                    format!("{} ({t})", c.service)
                }
                _ => c.service.clone(),
            };
            let mut config = c.configuration.clone();
            if let Some(sla) = &c.sla {
                config.push_str(&format!("; SLA {}%", crate::numfmt::trim(sla.pct)));
            }
            vec![
                c.name.clone(),
                format!("{}{}", c.purpose.trim_end_matches('.'), refs(&c.why)),
                tech,
                config,
            ]
        })
        .collect();
    d.table_or(
        &["Component", "Purpose", "Technology", "Configuration"],
        &rows,
        "The design has no infrastructure component.",
    );
    let p = &design.platform;
    d.para(&format!(
        "**Platform:** {}. {}",
        p.service,
        cite(&p.decision.rationale, &p.decision.why)
    ));
}

/// The workload blueprints the design is composed of, why each is used, the
/// components serving it and its sizing in its own units.
fn workloads(d: &mut Doc, x: &Input) {
    let ws = &x.design.workloads;
    if ws.is_empty() {
        return;
    }
    let name_of = |id: &str| {
        x.design
            .components
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut lines = Vec::new();
    for w in ws {
        let mut line = format!("**{}**{}", w.title, refs(&w.why));
        if !w.components.is_empty() {
            let names: Vec<String> = w.components.iter().map(|c| name_of(c)).collect();
            line.push_str(&format!(": {}", names.join(", ")));
        }
        let sized: Vec<String> = w
            .sizing
            .iter()
            .map(|s| {
                // Name what each figure sizes: a workload can carry two
                // figures in one unit (the containers' and the database's
                // vCPUs).
                let sizes = x
                    .design
                    .components
                    .iter()
                    .filter(|c| c.role == s.role)
                    .find(|c| w.components.contains(&c.id))
                    .or_else(|| x.design.components.iter().find(|c| c.role == s.role))
                    .map(|c| format!(" of {}", c.name))
                    .unwrap_or_default();
                format!(
                    "{} {}{} ({})",
                    crate::numfmt::trim(s.value),
                    s.unit.replace('_', " "),
                    sizes,
                    s.formula
                )
            })
            .collect();
        if !sized.is_empty() {
            line.push_str(&format!("; sized at {}", sized.join(", ")));
        }
        lines.push(line);
    }
    d.para("The feature is composed of these workloads (each from the documents' requirements or chosen technologies, or a stated assumption):");
    d.bullets(&lines);
}
