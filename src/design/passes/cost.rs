//! Cost: the sum of the cost lines, the budget verdict, cheaper catalog
//! variants with what they do to availability, and the cost strategies.

use super::{Builder, Plan, order_error};
use crate::catalog::Row;
use crate::design::context::Ctx;
use crate::design::model::*;
use crate::design::topology::Selection;
use crate::design::{cost, math};
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    price_operations(p);
    // Functions have execution environments, not instances: the operations
    // usage says what their secrets are re-read per.
    if p.b.get("app").is_some_and(|c| c.role == Role::Functions) {
        for a in p.ctx.assumptions.iter_mut() {
            if a.subject == cost::OPS_SUBJECT {
                a.value = a.value.replace("per instance", "per execution environment");
            }
        }
    }
    let sel = p.sel()?.clone();
    let av = p
        .availability
        .clone()
        .ok_or_else(|| order_error("availability", "the availability model"))?;
    p.cost = Some(model(&p.b, &mut p.ctx, &sel, &av));
    Ok(())
}

/// Prices the supporting services (secrets, keys, logs, metrics, audit,
/// configuration monitoring, registry, CI/CD) on the design's own counts,
/// now that the stores, instances and alerts are known. A service whose
/// catalog row has no price stays unpriced and named.
fn price_operations(p: &mut Plan) {
    let ids: Vec<(String, Role, String)> =
        p.b.components
            .iter()
            .map(|c| (c.id.clone(), c.role, c.service.clone()))
            .collect();
    for (id, role, service) in ids {
        let Some(row) = p
            .ctx
            .cat
            .rows_for(role.as_str())
            .find(|r| r.service == service && !r.prices.is_empty())
            .cloned()
        else {
            continue;
        };
        let comps = p.b.components.clone();
        // Request-driven components are filled in only when the pass that
        // placed them left them unpriced.
        let unpriced = p.b.unpriced.iter().any(|u| u.component == id);
        let usage = match cost::operations_usage(&mut p.ctx, role, &comps, p.observability.as_ref())
        {
            Some(u) => u,
            None if unpriced => match cost::request_usage(&p.ctx, role) {
                Some(u) => u,
                None => continue,
            },
            None => continue,
        };
        let region = comps
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.placement.regions.first().cloned())
            .unwrap_or_else(|| p.ctx.cat.default_region.clone());
        let lines = cost::lines(&mut p.ctx, &id, &row, &usage, &region);
        if lines.is_empty() {
            continue;
        }
        p.b.lines.retain(|l| l.component != id);
        p.b.unpriced.retain(|u| u.component != id);
        if let Some(c) = p.b.components.iter_mut().find(|c| c.id == id) {
            c.monthly_cost = 0.0;
        }
        p.b.extra_lines(&id, lines);
    }
}

pub fn model(b: &Builder, ctx: &mut Ctx, sel: &Selection, av: &Availability) -> Cost {
    let total = cost::sum(&b.lines);
    let budget = ctx.budget.clone();
    // The budget stays in its own currency; list prices are USD, so the
    // comparison converts the budget at the dated reference rate.
    let currency = ctx.budget_currency();
    let budget_usd: Option<(f64, Option<String>)> = match &budget {
        None => None,
        Some(bt) if currency == "USD" => Some((bt.value, None)),
        Some(bt) => match crate::catalog::fx::Fx::builtin()
            .ok()
            .and_then(|fx| fx.rate(&currency, "USD").ok())
        {
            Some(r) => Some((
                bt.value * r.rate,
                Some(format!(
                    "{} at {} USD per {currency} on {} ({})",
                    crate::numfmt::usd(bt.value * r.rate),
                    crate::numfmt::trim((r.rate * 10_000.0).round() / 10_000.0),
                    r.as_of,
                    r.source
                )),
            )),
            None => {
                ctx.question(
                    format!("The budget is stated in {currency}, which the exchange-rate table does not quote: what is it in USD?"),
                    QuestionReason::Missing,
                    vec![bt.basis.clone()],
                );
                None
            }
        },
    };
    let over = budget_usd.as_ref().is_some_and(|(b, _)| total > *b);
    let mut savings = Vec::new();
    // Cheaper catalog variants of request-path rows, with what they do to availability.
    let target = ctx.availability.value;
    let slots: [(&str, Option<&Row>); 2] = [("db", sel.db.as_ref()), ("app", Some(&sel.compute))];
    for (id, row) in slots {
        let Some(row) = row else { continue };
        let current: f64 = b
            .lines
            .iter()
            .filter(|l| l.component == id && l.catalog_id == ctx.cat.ref_id(row))
            .map(|l| l.monthly)
            .sum();
        for alt in ctx.cat.rows_for(&row.role).filter(|r| {
            r.id != row.id
                && ctx.allowed(r)
                && (row.technologies.is_empty() || r.technologies.iter().any(|t| row.implements(t)))
        }) {
            let ratio = match (alt.prices.first(), row.prices.first()) {
                (Some(a), Some(b)) if a.unit == b.unit && b.usd > 0.0 => a.usd / b.usd,
                _ => continue,
            };
            if ratio >= 1.0 {
                continue;
            }
            let saving = math::cents(current * (1.0 - ratio));
            let (Some(a_sla), Some(r_sla)) = (alt.sla.as_ref(), row.sla.as_ref()) else {
                continue;
            };
            let new_pct = av.composite_pct / 100.0 * (a_sla.pct / r_sla.pct).powi(1) * 100.0;
            // A saving that takes the SLA floor below the target weakens a
            // requirement the design exists to meet (a single-AZ database
            // where the target needs Multi-AZ): the design already rejects it,
            // so it is not offered. Neither is one with fewer zones: the
            // chosen row is the cheapest that meets the target and the RPO's
            // synchronous standby, so fewer zones gives up one of them.
            if new_pct + 1e-10 < target || alt.zones < row.zones {
                continue;
            }
            let trade = format!(
                "SLA floor becomes {}%, still meets {}%",
                math::pct_text(new_pct / 100.0),
                crate::numfmt::trim(target)
            );
            savings.push(Saving {
                component: id.into(),
                action: format!(
                    "Use {} ({}) instead of {}",
                    alt.service, alt.config, row.config
                ),
                monthly_saving: saving,
                trade_off: trade,
            });
        }
    }
    // No "run one region" saving: a second serving region exists only when
    // a stated requirement needs it (design::availability::serving_regions),
    // so dropping it would weaken that requirement.
    let compute: f64 = b
        .lines
        .iter()
        .filter(|l| l.component == "app")
        .map(|l| l.monthly)
        .sum();
    // Functions bill per request and duration: there is no instance to save.
    let per_instance = b
        .components
        .iter()
        .find(|c| c.id == "app")
        .is_some_and(|c| c.role != Role::Functions);
    if compute > 0.0 && per_instance {
        let instances = b
            .components
            .iter()
            .find(|c| c.id == "app")
            .map(|c| c.count)
            .unwrap_or(1)
            .max(1);
        savings.push(Saving { component: "app".into(), action: format!("Load-test the per-instance concurrency ({}): each instance it saves is worth {}/month", ctx.concurrency.basis, crate::numfmt::usd(compute / instances as f64)), monthly_saving: math::cents(compute / instances as f64), trade_off: "none if the measured concurrency is higher than assumed".into() });
    }
    savings.sort_by(|a, b| {
        b.monthly_saving
            .partial_cmp(&a.monthly_saving)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut strategies = vec![
        "Tag every resource with feature and environment so this estimate can be compared with the bill monthly".to_string(),
        "Scale non-production environments to zero outside working hours".to_string(),
    ];
    if compute > 0.0 {
        strategies.push(format!("Commit to steady compute (the {} minimum instances) with the provider's savings plans once a month of usage confirms it", b.components.iter().find(|c| c.id == "app").map(|c| c.count).unwrap_or(0)));
    }
    if !b.unpriced.is_empty() {
        strategies.push(format!(
            "Price the {} left out of the total ({}) before budget sign-off",
            if b.unpriced.len() == 1 {
                "usage-billed service".to_string()
            } else {
                format!("{} usage-billed services", b.unpriced.len())
            },
            b.unpriced
                .iter()
                .map(|u| u.component.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !b.unpriced.is_empty() {
        let list = b
            .unpriced
            .iter()
            .map(|u| u.service.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        ctx.question(format!("No sourced price or no usage estimate for {list}; the {} total excludes them. What do they cost at this usage?", crate::numfmt::usd(total)), QuestionReason::Assumption, vec![]);
    }
    // Lines priced at the reference region are named with their monthly sum,
    // so the reader knows how much of the total is not a local price.
    let borrowed: Vec<&CostLine> = b.lines.iter().filter(|l| l.priced_at.is_some()).collect();
    if let Some(at) = borrowed.first().and_then(|l| l.priced_at.clone()) {
        let sum = cost::sum(&borrowed.iter().map(|l| (*l).clone()).collect::<Vec<_>>());
        let regions: Vec<String> = {
            let mut r: Vec<String> = b
                .components
                .iter()
                .filter(|c| borrowed.iter().any(|l| l.component == c.id))
                .filter_map(|c| c.placement.regions.first().cloned())
                .filter(|r| *r != at)
                .collect();
            r.sort();
            r.dedup();
            r
        };
        if !regions.is_empty() {
            ctx.question(
                format!(
                    "{} of the {} cost lines ({}/month) use {at} list prices because the catalog has none read for {}: what are the local prices (the provider's price list for that region)?",
                    borrowed.len(),
                    b.lines.len(),
                    crate::numfmt::usd(sum),
                    regions.join(", ")
                ),
                QuestionReason::Assumption,
                vec![],
            );
        }
    }
    let mut usage = vec![
        ctx.avg_ratio.basis.clone(),
        ctx.response_kb.basis.clone(),
        ctx.storage_gb.basis.clone(),
    ];
    usage.dedup();
    Cost {
        currency: "USD".into(),
        hours_per_month: ctx.hours(),
        lines: b.lines.clone(),
        usage_assumptions: usage
            .into_iter()
            .filter(|b| b.starts_with('A'))
            .map(|b| b.to_string())
            .collect(),
        total_monthly: total,
        unpriced: b.unpriced.clone(),
        budget: budget.as_ref().map(|b| {
            let mut f = b.figure(&format!("{currency}/month"));
            f.formula = budget_usd.as_ref().and_then(|(_, text)| text.clone());
            f
        }),
        over_budget: over,
        // In USD, like the total: total − budget converted at the reference rate.
        budget_delta: budget_usd.as_ref().map(|(b, _)| math::cents(total - b)),
        savings,
        strategies,
    }
}
