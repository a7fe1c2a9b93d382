//! Section 5, Scaling Strategy: the capacity arithmetic, rules, load balancing, caching.

use super::{Input, figure, refs, sentence};
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    let cap = &x.design.capacity;
    d.h2("5. Scaling Strategy");

    d.h3("5.1 Horizontal Scaling");
    let rules: Vec<String> = cap
        .scaling_rules
        .iter()
        .map(|r| {
            let target = x
                .design
                .components
                .iter()
                .find(|c| c.id == r.component)
                .map_or(r.component.as_str(), |c| c.name.as_str());
            format!(
                "{target}: {} {} → {}, cooldown {} s{}",
                r.metric.replace('_', " "),
                r.threshold,
                r.action,
                r.cooldown_s,
                refs(&r.why)
            )
        })
        .collect();
    let mut metrics: Vec<String> = Vec::new();
    for r in &cap.scaling_rules {
        let m = r.metric.replace('_', " ");
        if !metrics.contains(&m) {
            metrics.push(m);
        }
    }
    let auto = match rules.as_slice() {
        [] => "**Auto-scaling Rules:** none; the instance count is fixed at the minimum below."
            .to_string(),
        [one] => format!("**Auto-scaling Rules:** {one}"),
        many => super::nested("**Auto-scaling Rules:**", many),
    };
    let minmax = format!(
        "**Min/Max Instances:** {}–{} ({}); peak needs {}",
        cap.min_instances,
        cap.max_instances,
        cap.instance_size,
        figure(&cap.instances_for_peak)
    );
    let mut items = vec![auto];
    if !metrics.is_empty() {
        items.push(format!("**Scaling Metrics:** {}", metrics.join(", ")));
    }
    items.push(minmax);
    if cap.static_stability.applies {
        let s = &cap.static_stability;
        items.push(format!(
            "**Static stability:** {} per zone × {} zones = {} ({}), so losing one zone still leaves peak capacity",
            s.per_zone, s.zones, s.total, s.formula
        ));
    }
    d.bullets(&items);
    if !cap.steps.is_empty() {
        d.para("Sizing (Little's law, L = λ × W):");
        d.numbered(&cap.steps);
    }

    d.h3("5.2 Vertical Scaling");
    d.para(&sentence(&cap.vertical));

    d.h3("5.3 Load Balancing");
    if x.design.load_balancing.is_empty() {
        let functions = x
            .design
            .components
            .iter()
            .any(|c| c.id == "app" && c.role == crate::design::model::Role::Functions);
        d.para(&format!(
            "No separate load balancer: {} routes {} itself.",
            x.design.platform.service,
            if functions {
                "each request to a function execution"
            } else {
                "requests to instances"
            }
        ));
    } else {
        let rows: Vec<Vec<String>> = x
            .design
            .load_balancing
            .iter()
            .map(|l| {
                vec![
                    l.name.clone(),
                    l.lb_type.clone(),
                    l.algorithm.clone(),
                    l.health_check.clone(),
                ]
            })
            .collect();
        d.table(
            &["Load Balancer", "Type", "Algorithm", "Health Checks"],
            &rows,
        );
    }

    d.h3("5.4 Caching Strategy");
    if x.design.caching.is_empty() {
        d.para("No cache layer: no planning document chooses a cache and the sizing above carries peak load from the data store; add one when measured latency calls for it.");
    } else {
        let rows: Vec<Vec<String>> = x
            .design
            .caching
            .iter()
            .map(|c| {
                vec![
                    c.layer.clone(),
                    format!("{}{}", c.purpose.trim_end_matches('.'), refs(&c.why)),
                    c.technology.clone(),
                    c.ttl.clone(),
                ]
            })
            .collect();
        d.table(&["Cache Layer", "Purpose", "Technology", "TTL"], &rows);
    }
}
