//! Section 9, Cost Optimization: per-component estimate, the priced line items with
//! their sources, the budget verdict, and savings.

use super::{Input, sentence, value};
use crate::numfmt;
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    let design = x.design;
    let cost = &design.cost;
    d.h2("9. Cost Optimization");

    d.h3("9.1 Cost Analysis");
    let mut rows: Vec<Vec<String>> = Vec::new();
    for c in &design.components {
        let has_lines = cost.lines.iter().any(|l| l.component == c.id);
        if !has_lines && c.monthly_cost == 0.0 {
            continue;
        }
        let savings: Vec<String> = cost
            .savings
            .iter()
            .filter(|s| s.component == c.id)
            .map(|s| {
                format!(
                    "{} (saves {}/month; {})",
                    s.action.trim_end_matches('.'),
                    numfmt::usd(s.monthly_saving),
                    s.trade_off.trim_end_matches('.')
                )
            })
            .collect();
        rows.push(vec![
            c.name.clone(),
            numfmt::usd(c.monthly_cost),
            if savings.is_empty() {
                "none at this size".to_string()
            } else {
                savings.join("; ")
            },
        ]);
    }
    for u in &cost.unpriced {
        let name = design
            .components
            .iter()
            .find(|c| c.id == u.component)
            .map_or(u.service.as_str(), |c| c.name.as_str());
        let service = if u.service == name {
            String::new()
        } else {
            format!(" ({})", u.service)
        };
        rows.push(vec![
            name.to_string(),
            "not priced".to_string(),
            format!("{}{service}", u.reason.trim_end_matches('.')),
        ]);
    }
    let budget = match (&cost.budget, cost.budget_delta) {
        (Some(b), Some(delta)) if cost.over_budget => {
            format!("over the {} budget by {}", value(b), numfmt::usd(delta))
        }
        (Some(b), Some(delta)) => format!(
            "within the {} budget ({} headroom)",
            value(b),
            numfmt::usd(-delta)
        ),
        (Some(b), None) => format!("budget {}", value(b)),
        (None, _) => "no budget stated".to_string(),
    };
    let total = if cost.unpriced.is_empty() {
        format!("**{}**", numfmt::usd(cost.total_monthly))
    } else {
        format!(
            "**{}** + {} unpriced",
            numfmt::usd(cost.total_monthly),
            cost.unpriced.len()
        )
    };
    rows.push(vec!["**Total**".to_string(), total, budget]);
    d.table(
        &[
            "Component",
            "Monthly Cost Estimate",
            "Optimization Opportunities",
        ],
        &rows,
    );

    if !cost.lines.is_empty() {
        d.para(&format!(
            "Line items ({} {} per month for hourly prices; list prices, before discounts):",
            numfmt::trim(cost.hours_per_month),
            "hours"
        ));
        let rows: Vec<Vec<String>> = cost
            .lines
            .iter()
            .map(|l| {
                let flag = if l.verified { "" } else { "; unverified" };
                let basis = super::refs(&l.basis);
                vec![
                    l.item.clone(),
                    format!("{} / {}", price(l.price), l.unit.replace('_', " ")),
                    format!("{}{basis}", l.quantity_text),
                    numfmt::usd(l.monthly),
                    format!("{} ({}{flag})", l.source, l.as_of),
                ]
            })
            .collect();
        d.table(&["Item", "Price", "Quantity", "Monthly", "Source"], &rows);
    }

    d.h3("9.2 Cost Optimization Strategies");
    let mut items: Vec<String> = cost.strategies.iter().map(|s| sentence(s)).collect();
    if items.is_empty() {
        items.push(format!(
            "Review the estimate against the first month's bill: at {} per month the line items above are the whole cost.",
            numfmt::usd(cost.total_monthly)
        ));
    }
    d.bullets(&items);
}

/// Unit prices can be fractions of a cent (per GB, per request): keep them exact.
fn price(p: f64) -> String {
    if p >= 1.0 {
        numfmt::usd(p)
    } else {
        format!("${}", numfmt::trim(p))
    }
}
