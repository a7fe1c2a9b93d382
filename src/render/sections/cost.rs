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
    // The same verdict and margin as the executive summary (one owner).
    let budget = match (crate::design::cost::margin(cost), &cost.budget) {
        (Some(m), _) if !cost.unpriced.is_empty() && !cost.over_budget => {
            format!("{m} before the unpriced items")
        }
        (Some(m), _) => m,
        (None, Some(b)) => format!("budget {} (not compared)", value(b)),
        (None, None) => "no budget stated".to_string(),
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
                let basis = super::refs(&l.basis);
                vec![
                    match &l.priced_at {
                        Some(_) => format!("{} †", l.item),
                        None => l.item.clone(),
                    },
                    format!("{} / {}", price(l.price), l.unit.replace('_', " ")),
                    format!("{}{basis}", l.quantity_text),
                    numfmt::usd(l.monthly),
                    source_label(&l.source, &l.as_of, l.verified),
                ]
            })
            .collect();
        d.table(&["Item", "Price", "Quantity", "Monthly", "Source"], &rows);
        let mut borrowed: Vec<&str> = Vec::new();
        for at in cost.lines.iter().filter_map(|l| l.priced_at.as_deref()) {
            if !borrowed.contains(&at) {
                borrowed.push(at);
            }
        }
        if !borrowed.is_empty() {
            let n = cost.lines.iter().filter(|l| l.priced_at.is_some()).count();
            d.para(&format!(
                "† {n} of {} lines use the {} price: the catalog has no price read for the region the component runs in, so the estimate for those lines is the reference region's list price, not a local one.",
                cost.lines.len(),
                borrowed.join(" / ")
            ));
        }
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

/// "SOURCE (as_of; unverified)", saying "unverified" once even when the
/// catalog's `as_of` already says it (a row read from no page has
/// `as_of = "unverified"`).
fn source_label(source: &str, as_of: &str, verified: bool) -> String {
    let mut parts: Vec<&str> = as_of
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if !verified && !parts.iter().any(|p| p.eq_ignore_ascii_case("unverified")) {
        parts.push("unverified");
    }
    if parts.is_empty() {
        source.to_string()
    } else {
        format!("{source} ({})", parts.join("; "))
    }
}

/// Unit prices can be fractions of a cent (per GB, per request): keep them exact.
fn price(p: f64) -> String {
    if p >= 1.0 {
        numfmt::usd(p)
    } else {
        format!("${}", numfmt::trim(p))
    }
}

#[cfg(test)]
mod tests {
    use super::source_label;

    #[test]
    fn unverified_is_said_once() {
        // (source, as_of, verified) -> label
        let cases = [
            ("K", "unverified", false, "K (unverified)"),
            (
                "INFRACOST",
                "2024-07-01",
                false,
                "INFRACOST (2024-07-01; unverified)",
            ),
            ("INFRACOST", "2024-07-01", true, "INFRACOST (2024-07-01)"),
            ("K", "", true, "K"),
            (
                "K",
                "2026-01-01; unverified",
                false,
                "K (2026-01-01; unverified)",
            ),
        ];
        for (src, as_of, verified, want) in cases {
            assert_eq!(source_label(src, as_of, verified), want);
        }
    }
}
