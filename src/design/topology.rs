//! Topology and availability: enumerate the catalog configurations of the
//! request path, compute each composite (serial product, redundant regions
//! 1 − Π(1 − a)), and keep the least complex one that meets the target —
//! fewest regions, then fewest zones, then cheapest. Lowering the target
//! therefore removes redundancy that only served availability.

use super::context::Ctx;
use super::math;
use super::model::*;
use crate::catalog::Row;
use crate::numfmt;

/// What the request path is built from, and the chosen topology.
#[derive(Debug, Clone)]
pub struct Selection {
    pub dns: Row,
    pub lb: Row,
    pub cluster: Option<Row>,
    pub compute: Row,
    pub db: Option<Row>,
    pub queue: Option<Row>,
    pub regions: u32,
    pub zones: u32,
    pub composite: f64,
    pub meets: bool,
}

/// Candidate rows for one request-path slot.
pub struct Slots {
    pub dns: Row,
    pub lb: Vec<Row>,
    pub cluster: Vec<Row>,
    pub compute: Vec<Row>,
    pub db: Vec<Row>,
    pub queue: Vec<Row>,
}

/// Instances per configuration: (instances for peak, instances per node).
pub struct Sizing {
    pub n: u32,
    pub per_node: f64,
}

fn sla(row: &Row) -> Option<f64> {
    row.sla.as_ref().map(|s| s.pct / 100.0)
}

fn is_global(row: &Row) -> bool {
    row.zones == 0
}

/// Zones the design spans for a combination (compute and data decide it;
/// load balancers and queues are regional services whatever we choose).
fn zones_of(rows: &[&Row], n: u32) -> u32 {
    let need = rows.iter().map(|r| r.zones).max().unwrap_or(1);
    if need <= 1 {
        return 1;
    }
    // Static stability: choose 2 or 3 zones, whichever provisions fewer
    // instances; never fewer than a row requires.
    let (_, t2) = math::static_stability(n, 2);
    let (_, t3) = math::static_stability(n, 3);
    let best = if t3 < t2 { 3 } else { 2 };
    best.max(need)
}

/// Rough monthly cost of a combination, only to rank equally complex ones.
fn rough_cost(rows: &[&Row], instances: u32, regions: u32, hours: f64, sizing: &Sizing) -> f64 {
    let mut total = 0.0;
    for row in rows {
        let mut c = 0.0;
        for p in &row.prices {
            c += match p.unit.as_str() {
                "hour" | "node_hour" => p.usd * hours * row.nodes.unwrap_or(1) as f64,
                "vcpu_hour" | "gb_hour" => p.usd * hours * instances as f64 * 2.0,
                "vcpu_second" | "gb_second" => p.usd * 3600.0 * hours * instances as f64,
                _ => 0.0,
            };
        }
        if row.role == "vm" {
            let nodes = (instances as f64 / sizing.per_node).ceil().max(1.0);
            c *= nodes;
        }
        total += c;
    }
    total * regions as f64
}

pub fn select(
    ctx: &Ctx,
    slots: &Slots,
    sizing: &Sizing,
    force_regions: bool,
    pair: bool,
) -> Selection {
    let target = ctx.availability.value / 100.0;
    let opt = |v: &Vec<Row>| -> Vec<Option<Row>> {
        if v.is_empty() {
            vec![None]
        } else {
            v.iter().cloned().map(Some).collect()
        }
    };
    let clusters = opt(&slots.cluster);
    let dbs = opt(&slots.db);
    let queues = opt(&slots.queue);
    let region_opts: Vec<u32> = if force_regions && pair {
        vec![2]
    } else if pair {
        vec![1, 2]
    } else {
        vec![1]
    };
    let mut best: Option<(Selection, (u32, u32, f64))> = None;
    let mut fallback: Option<(Selection, f64)> = None;
    for &regions in &region_opts {
        for lb in &slots.lb {
            for cluster in &clusters {
                for compute in &slots.compute {
                    for db in &dbs {
                        for queue in &queues {
                            let mut zonal: Vec<&Row> = vec![compute];
                            if let Some(c) = cluster {
                                zonal.push(c);
                            }
                            if let Some(d) = db {
                                zonal.push(d);
                            }
                            // A second region only makes sense with zone redundancy inside each.
                            if regions > 1 && zonal.iter().any(|r| r.zones < 2) {
                                continue;
                            }
                            let mut path: Vec<&Row> = vec![lb, compute];
                            path.extend(cluster.iter());
                            path.extend(db.iter());
                            path.extend(queue.iter());
                            let Some(composite) = composite(&slots.dns, &path, regions) else {
                                continue;
                            };
                            let zones = zones_of(&zonal, sizing.n);
                            let (_, total) = math::static_stability(sizing.n, zones);
                            let cost = rough_cost(&path, total, regions, ctx.hours(), sizing);
                            let sel = Selection {
                                dns: slots.dns.clone(),
                                lb: lb.clone(),
                                cluster: cluster.clone(),
                                compute: compute.clone(),
                                db: db.clone(),
                                queue: queue.clone(),
                                regions,
                                zones,
                                composite,
                                meets: composite + 1e-12 >= target,
                            };
                            let key = (regions, zones.min(2), cost);
                            if sel.meets {
                                let better = match &best {
                                    None => true,
                                    Some((_, k)) => {
                                        key.0 < k.0
                                            || (key.0 == k.0
                                                && (key.1 < k.1 || (key.1 == k.1 && key.2 < k.2)))
                                    }
                                };
                                if better {
                                    best = Some((sel, key));
                                }
                            } else {
                                let better = match &fallback {
                                    None => true,
                                    Some((s, c)) => {
                                        composite > s.composite + 1e-12
                                            || ((composite - s.composite).abs() <= 1e-12
                                                && cost < *c)
                                    }
                                };
                                if better {
                                    fallback = Some((sel, cost));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    match (best, fallback) {
        (Some((s, _)), _) => s,
        (None, Some((s, _))) => s,
        // No row with an SLA at all: take the first of each slot.
        (None, None) => Selection {
            dns: slots.dns.clone(),
            lb: slots.lb[0].clone(),
            cluster: slots.cluster.first().cloned(),
            compute: slots.compute[0].clone(),
            db: slots.db.first().cloned(),
            queue: slots.queue.first().cloned(),
            regions: 1,
            zones: 1,
            composite: 0.0,
            meets: false,
        },
    }
}

/// Composite of global × (regional chain, redundant across regions).
fn composite(dns: &Row, path: &[&Row], regions: u32) -> Option<f64> {
    let mut global = vec![sla(dns)?];
    let mut regional = Vec::new();
    for r in path {
        let a = sla(r)?;
        if is_global(r) {
            global.push(a);
        } else {
            regional.push(a);
        }
    }
    Some(math::serial(&global) * math::redundant(math::serial(&regional), regions))
}

/// Component ids of the request path in order, for the availability terms.
pub struct PathIds<'a> {
    pub lb: &'a str,
    pub cluster: Option<&'a str>,
    pub compute: &'a str,
    pub db: Option<&'a str>,
    pub queue: Option<&'a str>,
}

/// The availability section: terms, arithmetic steps, result vs target.
pub fn availability(
    ctx: &mut Ctx,
    sel: &Selection,
    ids: &PathIds,
    soft: &[String],
) -> Availability {
    let target = ctx.availability.value;
    let mut terms = Vec::new();
    let mut steps = Vec::new();
    let mut rows: Vec<(&str, &Row)> = vec![("dns", &sel.dns), (ids.lb, &sel.lb)];
    if let (Some(id), Some(r)) = (ids.cluster, &sel.cluster) {
        rows.push((id, r));
    }
    rows.push((ids.compute, &sel.compute));
    if let (Some(id), Some(r)) = (ids.db, &sel.db) {
        rows.push((id, r));
    }
    if let (Some(id), Some(r)) = (ids.queue, &sel.queue) {
        rows.push((id, r));
    }
    let mut global_parts = Vec::new();
    let mut regional_parts = Vec::new();
    for (id, row) in rows {
        let catalog_id = ctx.cite(row);
        let a = sla(row).unwrap_or(0.0);
        let global = is_global(row);
        let copies = if global { 1 } else { sel.regions };
        let effective = math::redundant(a, copies);
        let formula = if copies > 1 {
            format!("1 − (1 − {})^{} = {}", fr(a), copies, fr(effective))
        } else {
            fr(a)
        };
        let name = format!("{} ({})", row.service, row.config);
        if global {
            global_parts.push((row.service.clone(), a));
        } else {
            regional_parts.push((row.service.clone(), a));
        }
        terms.push(AvailabilityTerm {
            component: id.to_string(),
            name,
            sla_pct: a * 100.0,
            catalog_id,
            copies,
            effective_pct: (effective * 100.0 * 1e7).round() / 1e7,
            formula,
        });
    }
    let regional: f64 = math::serial(&regional_parts.iter().map(|x| x.1).collect::<Vec<_>>());
    let global: f64 = math::serial(&global_parts.iter().map(|x| x.1).collect::<Vec<_>>());
    steps.push(format!(
        "Region (hard dependencies in series): {} = {}",
        regional_parts
            .iter()
            .map(|(s, a)| format!("{} {}", s, fr(*a)))
            .collect::<Vec<_>>()
            .join(" × "),
        fr(regional)
    ));
    let regional_total = math::redundant(regional, sel.regions);
    if sel.regions > 1 {
        steps.push(format!(
            "{} independent regions in parallel: 1 − (1 − {})^{} = {}",
            sel.regions,
            fr(regional),
            sel.regions,
            fr(regional_total)
        ));
    }
    steps.push(format!(
        "Global services: {} = {}",
        global_parts
            .iter()
            .map(|(s, a)| format!("{} {}", s, fr(*a)))
            .collect::<Vec<_>>()
            .join(" × "),
        fr(global)
    ));
    let composite = global * regional_total;
    steps.push(format!(
        "Composite: {} × {} = {} ⇒ {}% vs target {}%",
        fr(global),
        fr(regional_total),
        fr(composite),
        math::pct_text(composite),
        numfmt::trim(target)
    ));
    for s in soft {
        steps.push(s.clone());
    }
    let composite_pct = composite * 100.0;
    let meets = composite_pct + 1e-10 >= target;
    let shortfall = (!meets).then(|| ((target - composite_pct) * 10_000.0).round() / 10_000.0);
    let risk = (!meets).then(|| {
        format!(
            "The catalog SLAs of this provider cannot reach {}% with the options in the catalog: best composite is {}% ({} min/month of allowed downtime vs {} min/month). The design takes the most available configuration; the target needs provider options outside the catalog, a lower target, or graceful degradation that turns hard dependencies soft.",
            numfmt::trim(target),
            math::pct_text(composite),
            numfmt::trim((math::downtime_min_per_month(composite_pct) * 100.0).round() / 100.0),
            numfmt::trim((math::downtime_min_per_month(target) * 100.0).round() / 100.0)
        )
    });
    Availability {
        target: ctx.availability.figure("percent"),
        terms,
        steps,
        composite_pct: (composite_pct * 1e7).round() / 1e7,
        meets_target: meets,
        shortfall_pct: shortfall,
        allowed_downtime_min_per_month: (math::downtime_min_per_month(target) * 100.0).round()
            / 100.0,
        composite_downtime_min_per_month: (math::downtime_min_per_month(composite_pct) * 100.0)
            .round()
            / 100.0,
        risk,
    }
}

/// A fraction with the digits that matter (0.9995, 0.99999975).
pub fn fr(a: f64) -> String {
    let s = format!("{:.8}", a);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}
