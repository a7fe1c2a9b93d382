//! Cost: price × quantity for every priced dimension of a catalog row
//! (hourly prices × 730 h), with usage quantities from stated assumptions.

use super::context::Ctx;
use super::math;
use super::model::*;
use crate::catalog::{PriceBasis, PriceUnit, Row};
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
    /// Quantities counted in the workload's own terms (secrets, keys, log GB,
    /// alarms, build minutes): for a price in that unit, the quantity and how
    /// it was counted, used instead of the generic fields above.
    pub counted: Vec<(PriceUnit, f64, String)>,
    /// Assumption ids behind the usage quantities.
    pub basis: Vec<Provenance>,
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
        let counted = u
            .counted
            .iter()
            .find(|(unit, _, _)| *unit == p.unit)
            .map(|(_, q, t)| (*q, t.clone()));
        let (qty, text): (f64, String) = if let Some(c) = counted {
            c
        } else {
            match p.unit.as_str() {
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
                // An in-memory store is priced per shard: every node of it
                // (primary and replicas) holds the shard's memory.
                "gb_hour" if row.role == "in_memory_store" => {
                    let gb =
                        row.capacity_gb.unwrap_or(1.0) * row.nodes.unwrap_or(1) as f64 * u.count;
                    (
                        gb * h,
                        format!(
                            "{} shard(s) × {} nodes × {} GB × {} h",
                            numfmt::trim(u.count),
                            row.nodes.unwrap_or(1),
                            numfmt::trim(row.capacity_gb.unwrap_or(1.0)),
                            numfmt::trim(h)
                        ),
                    )
                }
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
            }
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
        "million_traces" => "million traces",
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
    // The converted budget carries its rate and the rate's date
    // ("≈ $5,726/month at 1.0411 USD per EUR of 2025-02-28").
    let converted = match &b.formula {
        Some(f) if currency != "USD" => {
            let rate = f
                .split_once(" at ")
                .and_then(|(_, rest)| rest.split_once(" on "))
                .map(|(rate, rest)| {
                    let date = rest.split(" (").next().unwrap_or(rest);
                    format!(" at {rate} of {date}")
                })
                .unwrap_or_default();
            format!(" (≈ {}/month{rate})", numfmt::usd(budget_usd))
        }
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

/// A stated budget in its own currency ("5,500 EUR/month", "$4,000/month"):
/// the currency is the three-letter code before the `/` of the unit, USD
/// when there is none.
pub fn budget_text(value: f64, unit: &str) -> String {
    let code = unit
        .split('/')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    let currency = if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        code
    } else {
        "USD".to_string()
    };
    format!("{}/month", numfmt::money(value, &currency))
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

/// Usage figures the supporting services are billed on that no planning
/// document states; recorded once as one assumption (its id is returned).
pub struct OpsDefaults {
    /// Bytes of log written per request (one JSON line with ids, plus the
    /// platform's access log).
    pub log_bytes_per_request: f64,
    /// Each instance re-reads its secrets this often (hours) so a rotation
    /// is picked up without a restart.
    pub secret_refresh_h: f64,
    /// Data stores cache data keys; one KMS request per key this often (minutes).
    pub kms_request_every_min: f64,
    pub builds_per_month: f64,
    pub build_minutes: f64,
    pub images_kept: f64,
    pub image_gb: f64,
    /// Configuration changes recorded per component a day, and the rules
    /// each change is evaluated against.
    pub config_changes_per_day: f64,
    pub config_rules: f64,
}

pub const OPS: OpsDefaults = OpsDefaults {
    log_bytes_per_request: 1000.0,
    secret_refresh_h: 1.0,
    kms_request_every_min: 5.0,
    builds_per_month: 100.0,
    build_minutes: 10.0,
    images_kept: 30.0,
    image_gb: 0.3,
    config_changes_per_day: 1.0,
    config_rules: 25.0,
};

/// The subject of the assumption that states the operations usage.
pub const OPS_SUBJECT: &str = "operations usage";

fn ops_assumption(ctx: &mut Ctx) -> Provenance {
    if let Some(a) = ctx.assumptions.iter().find(|a| a.subject == OPS_SUBJECT) {
        return Provenance::Assumption(a.id.clone());
    }
    let o = &OPS;
    ctx.assume(
        OPS_SUBJECT,
        format!(
            "{} KB of logs per request; secrets re-read every {} h per instance; one key request per {} min per key; {} builds of {} min a month; {} images of {} MB kept per service; {} configuration change per component a day, checked by {} rules",
            numfmt::trim(o.log_bytes_per_request / 1000.0),
            numfmt::trim(o.secret_refresh_h),
            numfmt::trim(o.kms_request_every_min),
            numfmt::trim(o.builds_per_month),
            numfmt::trim(o.build_minutes),
            numfmt::trim(o.images_kept),
            numfmt::trim(o.image_gb * 1000.0),
            numfmt::trim(o.config_changes_per_day),
            numfmt::trim(o.config_rules)
        ),
        "no document states how much the supporting services are used; they are billed on these counts (logs per request, secret reads, builds, images, configuration changes). Replace them with the first month's bill.".into(),
    )
}

/// Components that hold data (a key each) and those that need a credential.
fn is_store(role: Role) -> bool {
    matches!(
        role,
        Role::RelationalDb
            | Role::Cache
            | Role::Queue
            | Role::ObjectStorage
            | Role::Nosql
            | Role::Stream
            | Role::Warehouse
            | Role::InMemoryStore
    )
}

fn needs_credential(role: Role) -> bool {
    matches!(
        role,
        Role::RelationalDb | Role::Cache | Role::Nosql | Role::Warehouse | Role::InMemoryStore
    )
}

/// What a supporting service (secrets, keys, logs, metrics, audit,
/// configuration monitoring, registry, CI/CD) is billed on, counted from the
/// design itself: its stores, instances, request volume and alerts. `None`
/// for other roles. Recovery-region copies (`dr-…`) share the primary's
/// secrets and keys.
pub fn operations_usage(
    ctx: &mut Ctx,
    role: Role,
    comps: &[Component],
    obs: Option<&Observability>,
) -> Option<Usage> {
    let primary: Vec<&Component> = comps.iter().filter(|c| !c.id.starts_with("dr-")).collect();
    let instances: f64 = primary
        .iter()
        .filter(|c| c.role.is_compute())
        .map(|c| f64::from(c.count.max(1)))
        .sum::<f64>()
        .max(1.0);
    let services = primary
        .iter()
        .filter(|c| c.role.is_compute())
        .count()
        .max(1) as f64;
    let o = &OPS;
    let mut counted: Vec<(PriceUnit, f64, String)> = Vec::new();
    match role {
        Role::Secrets => {
            let stores = primary.iter().filter(|c| needs_credential(c.role)).count() as f64;
            // One per credential-bearing store plus one for third-party API keys.
            let secrets = stores + 1.0;
            let reads = secrets * instances * ctx.hours() / o.secret_refresh_h;
            counted.push((
                PriceUnit::SecretMonth,
                secrets,
                format!(
                    "{} secrets (one per credential-bearing store + API keys)",
                    numfmt::trim(secrets)
                ),
            ));
            counted.push((
                PriceUnit::MillionRequests,
                reads / 1e6,
                format!(
                    "{} secrets × {} instance{} × {} reads = {} reads",
                    numfmt::trim(secrets),
                    numfmt::trim(instances),
                    if instances == 1.0 { "" } else { "s" },
                    numfmt::trim(ctx.hours() / o.secret_refresh_h),
                    numfmt::thousands(reads.round() as u64)
                ),
            ));
        }
        Role::Kms => {
            let stores = primary.iter().filter(|c| is_store(c.role)).count() as f64;
            // Plus one key for logs and one for backups.
            let keys = stores + 2.0;
            let requests = keys * ctx.hours() * 60.0 / o.kms_request_every_min;
            counted.push((
                PriceUnit::KeyMonth,
                keys,
                format!(
                    "{} keys (one per data store, logs and backups)",
                    numfmt::trim(keys)
                ),
            ));
            counted.push((
                PriceUnit::MillionRequests,
                requests / 1e6,
                format!(
                    "{} keys × one request per {} min = {} requests",
                    numfmt::trim(keys),
                    numfmt::trim(o.kms_request_every_min),
                    numfmt::thousands(requests.round() as u64)
                ),
            ));
        }
        Role::Logs => {
            let req_m = requests_m(ctx);
            let gb = req_m * 1e6 * o.log_bytes_per_request / 1e9;
            let gb = (gb * 100.0).round() / 100.0;
            let hot_days = obs.map_or(30, |o| o.logging.hot_days.max(1));
            let stored = gb * f64::from(hot_days) * 24.0 / ctx.hours();
            counted.push((
                PriceUnit::GbIngested,
                gb,
                format!(
                    "{} M requests × {} KB = {} GB",
                    numfmt::trim((req_m * 100.0).round() / 100.0),
                    numfmt::trim(o.log_bytes_per_request / 1000.0),
                    numfmt::trim(gb)
                ),
            ));
            counted.push((
                PriceUnit::GbMonth,
                (stored * 100.0).round() / 100.0,
                format!(
                    "{} GB kept searchable for {} days",
                    numfmt::trim((stored * 100.0).round() / 100.0),
                    hot_days
                ),
            ));
        }
        Role::Metrics => {
            let obs = obs?;
            let alarms = obs.metrics.len() as f64 + 2.0 * obs.burn_rate_alerts.len() as f64;
            counted.push((
                PriceUnit::AlarmMonth,
                alarms,
                format!(
                    "{} metric alerts + 2 windows × {} burn-rate alerts",
                    obs.metrics.len(),
                    obs.burn_rate_alerts.len()
                ),
            ));
            counted.push((
                PriceUnit::DashboardMonth,
                obs.dashboards.len() as f64,
                format!("{} dashboards (section 8.5)", obs.dashboards.len()),
            ));
        }
        Role::ConfigMonitoring => {
            let items = primary.len() as f64 * o.config_changes_per_day * ctx.hours() / 24.0;
            let items = items.round();
            counted.push((
                PriceUnit::ConfigItem,
                items,
                format!(
                    "{} components × {} change a day",
                    primary.len(),
                    numfmt::trim(o.config_changes_per_day)
                ),
            ));
            counted.push((
                PriceUnit::RuleEvaluation,
                items * o.config_rules,
                format!(
                    "{} changes × {} rules",
                    numfmt::thousands(items as u64),
                    numfmt::trim(o.config_rules)
                ),
            ));
        }
        Role::Registry => {
            let gb = services * o.images_kept * o.image_gb;
            counted.push((
                PriceUnit::GbMonth,
                gb,
                format!(
                    "{} services × {} images × {} GB",
                    numfmt::trim(services),
                    numfmt::trim(o.images_kept),
                    numfmt::trim(o.image_gb)
                ),
            ));
        }
        Role::CiCd => {
            let minutes = o.builds_per_month * o.build_minutes;
            counted.push((
                PriceUnit::BuildMinute,
                minutes,
                format!(
                    "{} builds × {} min",
                    numfmt::trim(o.builds_per_month),
                    numfmt::trim(o.build_minutes)
                ),
            ));
        }
        Role::Tracing => {
            let obs = obs?;
            // Head sampling plus every request slower than the latency
            // target and every error (the plan in section 8.3).
            let sampled = (obs.tracing.sampling_pct / 100.0).clamp(0.0, 1.0);
            let slow = (1.0 - f64::from(ctx.latency_pct) / 100.0).clamp(0.0, 1.0);
            let errors = (1.0 - ctx.availability.value / 100.0).clamp(0.0, 1.0);
            let req_m = requests_m(ctx);
            let traces = req_m * (sampled + slow + errors).min(1.0);
            let traces = (traces * 100.0).round() / 100.0;
            counted.push((
                PriceUnit::MillionTraces,
                traces,
                format!(
                    "{} M requests × ({}% sampled + {}% slower than the target + {}% errors) = {} M traces",
                    numfmt::trim((req_m * 100.0).round() / 100.0),
                    numfmt::trim((sampled * 1000.0).round() / 10.0),
                    numfmt::trim((slow * 1000.0).round() / 10.0),
                    numfmt::trim((errors * 10_000.0).round() / 100.0),
                    numfmt::trim(traces)
                ),
            ));
        }
        Role::AuditLog | Role::ThreatDetection => {}
        _ => return None,
    }
    let mut basis = vec![];
    // Traces follow the sampling plan and the targets, not the usage defaults.
    if !counted.is_empty() && role != Role::Tracing {
        basis.push(ops_assumption(ctx));
    }
    if matches!(role, Role::Logs | Role::Tracing) {
        basis.push(ctx.avg_ratio.basis.clone());
    }
    if role == Role::Tracing {
        basis.push(ctx.latency_ms.basis.clone());
    }
    Some(Usage {
        count: 1.0,
        counted,
        basis,
        ..Usage::default()
    })
}

/// Request units of a point read and of an indexed write of an item of
/// ≤ 1 KB, the assumption a request-unit price is billed on.
const RU_PER_READ: f64 = 1.0;
const RU_PER_WRITE: f64 = 5.0;

/// Usage of a request-driven component (an API gateway every request passes
/// through; a NoSQL table read and written by the requests) from the
/// workload's own request volume at average load. `None` for other roles.
pub fn request_usage(ctx: &Ctx, role: Role) -> Option<Usage> {
    let req_m = requests_m(ctx);
    let basis = vec![ctx.throughput.basis.clone(), ctx.avg_ratio.basis.clone()];
    let round = |x: f64| (x * 100.0).round() / 100.0;
    match role {
        Role::ApiGateway => Some(Usage {
            requests_m: round(req_m),
            basis,
            ..Usage::default()
        }),
        Role::Nosql => {
            let share = ctx.rules.defaults.read_share.clamp(0.0, 1.0);
            let (reads, writes) = (req_m * share, req_m * (1.0 - share));
            Some(Usage {
                counted: vec![
                    (
                        PriceUnit::MillionReadUnits,
                        round(reads),
                        format!(
                            "{} M requests × {}% reads, one unit per read of ≤ 4 KB",
                            numfmt::trim(round(req_m)),
                            numfmt::trim(share * 100.0)
                        ),
                    ),
                    (
                        PriceUnit::MillionWriteUnits,
                        round(writes),
                        format!(
                            "{} M requests × {}% writes, one unit per write of ≤ 1 KB",
                            numfmt::trim(round(req_m)),
                            numfmt::trim((1.0 - share) * 100.0)
                        ),
                    ),
                    // Request-unit billing (Cosmos DB): a point read of an
                    // item of ≤ 1 KB costs 1 RU, an indexed write of one
                    // about 5 RU (assumed; larger items and queries cost more).
                    (
                        PriceUnit::MillionRequestUnits,
                        round(reads * RU_PER_READ + writes * RU_PER_WRITE),
                        format!(
                            "{} M reads × {} RU + {} M writes × {} RU (assumed: point reads and indexed writes of ≤ 1 KB)",
                            numfmt::trim(round(reads)),
                            numfmt::trim(RU_PER_READ),
                            numfmt::trim(round(writes)),
                            numfmt::trim(RU_PER_WRITE)
                        ),
                    ),
                ],
                storage_gb: ctx.storage_gb.value,
                basis: {
                    let mut b = basis;
                    b.push(ctx.storage_gb.basis.clone());
                    b
                },
                ..Usage::default()
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(total: f64, budget: Option<(f64, &str, Option<&str>)>, unpriced: &[&str]) -> Cost {
        let (figure, delta) = match budget {
            Some((value, unit, formula)) => {
                let usd = match formula {
                    Some(_) => value * 1.0411,
                    None => value,
                };
                (
                    Some(Figure {
                        value,
                        unit: unit.into(),
                        basis: vec!["R1".into()],
                        formula: formula.map(str::to_string),
                    }),
                    Some(math::cents(total - usd)),
                )
            }
            None => (None, None),
        };
        Cost {
            currency: "USD".into(),
            hours_per_month: 730.0,
            lines: vec![],
            usage_assumptions: vec![],
            total_monthly: total,
            unpriced: unpriced
                .iter()
                .map(|s| Unpriced {
                    component: s.to_ascii_lowercase(),
                    service: s.to_string(),
                    reason: "no sourced price".into(),
                })
                .collect(),
            over_budget: delta.is_some_and(|d| d > 0.0),
            budget: figure,
            budget_delta: delta,
            savings: vec![],
            strategies: vec![],
        }
    }

    #[test]
    fn the_headline_names_what_is_left_out_and_states_the_margin_in_the_budgets_currency() {
        let eur = "$5,726 at 1.0411 USD per EUR on 2025-02-28 (ECB euro reference rates)";
        // (cost, expected headline)
        let cases = [
            (
                cost(
                    1231.0,
                    Some((4000.0, "USD/month", None)),
                    &["AWS KMS", "Amazon ECR"],
                ),
                "Estimated $1,231/month for the priced items (not priced: AWS KMS, Amazon ECR): within the $4,000/month budget by $2,769 (69%) before the unpriced items.",
            ),
            (
                cost(785.0, Some((5500.0, "EUR/month", Some(eur))), &[]),
                "Estimated $785/month: within the 5,500 EUR/month budget (≈ $5,726/month at 1.0411 USD per EUR of 2025-02-28) by $4,941 (86%).",
            ),
            (
                cost(6000.0, Some((5500.0, "EUR/month", Some(eur))), &[]),
                "Estimated $6,000/month: over the 5,500 EUR/month budget (≈ $5,726/month at 1.0411 USD per EUR of 2025-02-28) by $274 (5%); savings in section 9.",
            ),
            (
                cost(288.0, None, &["Cloud Build"]),
                "Estimated $288/month for the priced items (not priced: Cloud Build) (no budget stated).",
            ),
        ];
        for (c, want) in cases {
            assert_eq!(headline(&c), want);
        }
        assert_eq!(budget_text(5500.0, "EUR/month"), "5,500 EUR/month");
        assert_eq!(budget_text(4000.0, "USD/month"), "$4,000/month");
        assert_eq!(budget_text(4000.0, "month"), "$4,000/month");
    }
}
