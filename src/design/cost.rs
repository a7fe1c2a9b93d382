//! Cost: price × quantity for every priced dimension of a catalog row
//! (hourly prices × 730 h), with usage quantities from stated assumptions.

use super::context::Ctx;
use super::math;
use super::model::*;
use crate::catalog::{PriceBasis, Row};
use crate::numfmt;

/// Seconds in a 730-hour month.
pub const MONTH_S: f64 = 730.0 * 3600.0;

/// Quantities a component is billed on.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// Instances/tasks/pods always running.
    pub instances: f64,
    pub vcpu: f64,
    pub memory_gb: f64,
    /// Billed units of an hourly row (load balancers, DB instances, NAT gateways).
    pub count: f64,
    pub storage_gb: f64,
    pub backup_gb: f64,
    pub egress_gb: f64,
    pub requests_m: f64,
    pub gb_seconds: f64,
    pub lcu: f64,
    pub messages_tib: f64,
    pub vms: f64,
    /// Assumption ids behind the usage quantities.
    pub basis: Vec<String>,
}

/// Cost lines of one row for a component running in `region`; zero
/// quantities are skipped. Each price is taken as it applies in that region
/// (a price read elsewhere says so on its line), and billed through its free
/// allowance and graduated tiers ([`crate::catalog::Price::monthly`]).
pub fn lines(ctx: &mut Ctx, component: &str, row: &Row, u: &Usage, region: &str) -> Vec<CostLine> {
    let h = ctx.hours();
    let catalog_id = ctx.cite(row);
    let mut out = Vec::new();
    for listed in &row.prices {
        let regional = listed.for_region(&ctx.cat, region);
        let p = &regional.price;
        let (qty, text): (f64, String) = match p.unit.as_str() {
            "hour" => (
                u.count * h,
                format!("{} × {} h", numfmt::trim(u.count), numfmt::trim(h)),
            ),
            "node_hour" => {
                let nodes = u.count * row.nodes.unwrap_or(1) as f64;
                (
                    nodes * h,
                    format!("{} nodes × {} h", numfmt::trim(nodes), numfmt::trim(h)),
                )
            }
            "vcpu_hour" => (
                u.instances * u.vcpu * h,
                format!(
                    "{} × {} vCPU × {} h",
                    numfmt::trim(u.instances),
                    numfmt::trim(u.vcpu),
                    numfmt::trim(h)
                ),
            ),
            "gb_hour" if row.role == "cache" => {
                let gb = row.capacity_gb.unwrap_or(1.0) * u.count;
                (
                    gb * h,
                    format!("{} GB × {} h", numfmt::trim(gb), numfmt::trim(h)),
                )
            }
            "gb_hour" => (
                u.instances * u.memory_gb * h,
                format!(
                    "{} × {} GB × {} h",
                    numfmt::trim(u.instances),
                    numfmt::trim(u.memory_gb),
                    numfmt::trim(h)
                ),
            ),
            "vcpu_second" => (
                u.instances * u.vcpu * MONTH_S,
                format!(
                    "{} × {} vCPU × {} s",
                    numfmt::trim(u.instances),
                    numfmt::trim(u.vcpu),
                    numfmt::thousands(MONTH_S as u64)
                ),
            ),
            "gb_second" if u.gb_seconds > 0.0 => (
                u.gb_seconds,
                format!("{} GB-s", numfmt::thousands(u.gb_seconds.round() as u64)),
            ),
            "gb_second" => (
                u.instances * u.memory_gb * MONTH_S,
                format!(
                    "{} × {} GB × {} s",
                    numfmt::trim(u.instances),
                    numfmt::trim(u.memory_gb),
                    numfmt::thousands(MONTH_S as u64)
                ),
            ),
            "million_requests" => (
                u.requests_m,
                format!(
                    "{} M requests",
                    numfmt::trim((u.requests_m * 100.0).round() / 100.0)
                ),
            ),
            "gb_month" => (u.storage_gb, format!("{} GB", numfmt::trim(u.storage_gb))),
            "backup_gb_month" => (
                u.backup_gb,
                format!("{} GB of cross-region copies", numfmt::trim(u.backup_gb)),
            ),
            "archive_gb_month" => (0.0, String::new()),
            "gb" | "edge_gb" | "processed_gb" => (
                u.egress_gb,
                format!("{} GB/month", numfmt::trim(u.egress_gb.round())),
            ),
            "lcu_hour" => (
                u.lcu * h,
                format!("{} LCU × {} h", numfmt::trim(u.lcu), numfmt::trim(h)),
            ),
            "zone_month" | "month" => (u.count.max(1.0), numfmt::trim(u.count.max(1.0))),
            "tib" => (
                u.messages_tib,
                format!(
                    "{} TiB of messages",
                    numfmt::trim((u.messages_tib * 1e4).round() / 1e4)
                ),
            ),
            "vm_hour" => (
                u.vms * h,
                format!("{} VMs × {} h", numfmt::trim(u.vms), numfmt::trim(h)),
            ),
            _ => (0.0, String::new()),
        };
        if qty <= 0.0 {
            continue;
        }
        let mut text = text;
        if p.free > 0.0 {
            text.push_str(&format!(
                "; first {} {} free each month",
                numfmt::trim(p.free),
                unit_words(p.unit.as_str())
            ));
        }
        if p.tiers.len() > 1 {
            text.push_str("; graduated tiers");
        }
        // No price was read for this region: the line says whose price it is.
        let priced_at = match &regional.basis {
            PriceBasis::Reference { region: at } => Some(at.clone()),
            PriceBasis::Exact | PriceBasis::Scaled => None,
        };
        out.push(CostLine {
            component: component.to_string(),
            item: p.item.clone(),
            priced_at,
            price: p.usd,
            unit: p.unit.to_string(),
            quantity: (qty * 1e4).round() / 1e4,
            quantity_text: text,
            monthly: math::cents(p.monthly(qty)),
            catalog_id: catalog_id.clone(),
            source: p.source.clone(),
            as_of: p.as_of.clone(),
            verified: p.verified && row.verified,
            basis: u.basis.clone(),
        });
    }
    out
}

/// The quantity a unit counts, for "first N … free".
fn unit_words(unit: &str) -> &str {
    match unit {
        "million_requests" | "million_messages" => "million",
        "gb_second" => "GB-s",
        "vcpu_second" => "vCPU-s",
        "gb" | "edge_gb" | "gb_month" | "gb_ingested" | "processed_gb" => "GB",
        "thousand_runs" => "thousand runs",
        "million_transitions" => "million transitions",
        _ => "units",
    }
}

/// Monthly requests at average load, millions.
pub fn requests_m(ctx: &Ctx) -> f64 {
    ctx.avg_rps() * MONTH_S / 1e6
}

/// Internet egress, GB/month: average requests × response size.
pub fn egress_gb(ctx: &Ctx) -> f64 {
    ctx.avg_rps() * MONTH_S * ctx.response_kb.value / 1e6
}

pub fn sum(lines: &[CostLine]) -> f64 {
    // `+ 0.0` turns the empty sum's -0.0 into 0.0.
    math::cents(lines.iter().map(|l| l.monthly).sum::<f64>() + 0.0)
}

/// The budget verdict with its margin, true of the priced total: "within the
/// $4,000/month budget by $1,901 (48%)", "over the 5,500 EUR/month budget by
/// $310 (5%)". `None` without a budget or when it could not be compared.
pub fn margin(cost: &Cost) -> Option<String> {
    let b = cost.budget.as_ref()?;
    let delta = cost.budget_delta?;
    let currency = b.unit.split('/').next().unwrap_or("USD");
    let budget_usd = cost.total_monthly - delta;
    let share = if budget_usd > 0.0 {
        format!(
            " ({}%)",
            numfmt::trim((delta.abs() / budget_usd * 100.0).round())
        )
    } else {
        String::new()
    };
    let stated = format!("{}/month", numfmt::money(b.value, currency));
    let converted = match &b.formula {
        Some(_) if currency != "USD" => format!(" (≈ {}/month)", numfmt::usd(budget_usd)),
        _ => String::new(),
    };
    Some(if cost.over_budget {
        format!(
            "over the {stated} budget{converted} by {}{share}",
            numfmt::usd(delta)
        )
    } else {
        format!(
            "within the {stated} budget{converted} by {}{share}",
            numfmt::usd(-delta)
        )
    })
}

/// What the total leaves out, named: "not priced: AWS KMS, Amazon ECR".
pub fn unpriced_names(cost: &Cost) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for u in &cost.unpriced {
        if !names.contains(&u.service.as_str()) {
            names.push(&u.service);
        }
    }
    (!names.is_empty()).then(|| format!("not priced: {}", names.join(", ")))
}

/// The one monthly headline: the priced total, what it leaves out by name,
/// and the verdict with its margin (or that no budget is stated).
pub fn headline(cost: &Cost) -> String {
    let mut s = format!("Estimated {}/month", numfmt::usd(cost.total_monthly));
    if let Some(u) = unpriced_names(cost) {
        s.push_str(&format!(" for the priced items ({u})"));
    }
    match (margin(cost), &cost.budget) {
        (Some(m), _) => {
            s.push_str(": ");
            s.push_str(&m);
            if !cost.unpriced.is_empty() && !cost.over_budget {
                s.push_str(" before the unpriced items");
            }
            if cost.over_budget {
                s.push_str("; savings in section 9");
            }
        }
        (None, Some(b)) => s.push_str(&format!(
            "; the {} budget could not be compared",
            numfmt::money(b.value, b.unit.split('/').next().unwrap_or("USD"))
        )),
        (None, None) => s.push_str(" (no budget stated)"),
    }
    s.push('.');
    s
}
