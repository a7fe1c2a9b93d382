//! Topology and availability: enumerate the catalog configurations of the
//! request path, compute each composite (serial product, redundant regions
//! 1 − Π(1 − a)), and keep the least complex one that meets the target —
//! fewest regions, then fewest zones, then cheapest. Lowering the target
//! therefore removes redundancy that only served availability.

use super::availability;
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
    /// The queue is a soft dependency: requests hand work to it through an
    /// outbox and do not wait on it, so its outages delay work rather than
    /// fail requests (the async blueprint's slot says so).
    pub queue_soft: bool,
    /// Requests enter through the load balancer (not an API gateway, and
    /// the feature answers requests at all): only then is it on the path.
    pub lb_on_path: bool,
    /// Public DNS resolves the entry point (a public system).
    pub dns_on_path: bool,
    /// The other hard dependencies the blueprints put on the request path
    /// (an API gateway, a NoSQL table, the in-memory store that is the
    /// store, the object storage uploads go to): fixed rows, in series with
    /// every candidate combination.
    pub extra: Vec<ChainDep>,
    /// Hard components of blueprints off the request path (a nightly
    /// batch, a stream's pipeline), named so the section says why they are
    /// not in the product.
    pub off_path: Vec<String>,
}

/// A hard dependency of the request path that a blueprint slot places.
#[derive(Debug, Clone)]
pub struct ChainDep {
    /// The slot id (the component id unless an earlier component of the
    /// same role fills the slot).
    pub id: String,
    pub role: String,
    /// The service the slot names when the catalog has no row.
    pub service: String,
    /// The catalog row the slot resolves to; `None` when the catalog has none.
    pub row: Option<Row>,
    /// Without a row: what the catalog lacks ("no stream row", "no gpu
    /// instance row for the chosen vLLM").
    pub missing: String,
}

impl ChainDep {
    /// The SLA of the row, when the catalog has a row with one.
    pub fn sla(&self) -> Option<f64> {
        self.row.as_ref().and_then(sla)
    }

    /// A store holds the data itself: one copy, never doubled by a second
    /// serving region (its cross-region copy is a recovery copy).
    pub fn holds_data(&self) -> bool {
        Role::parse(&self.role).is_some_and(Role::holds_data)
    }
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
    // instances, and 3 when they provision the same (a zone loss then takes
    // a third of the fleet, not half); never fewer than a row requires.
    let (_, t2) = math::static_stability(n, 2);
    let (_, t3) = math::static_stability(n, 3);
    let best = if t3 <= t2 { 3 } else { 2 };
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
                            let mut path: Vec<&Row> = Vec::new();
                            if slots.lb_on_path {
                                path.push(lb);
                            }
                            path.push(compute);
                            path.extend(cluster.iter());
                            if !slots.queue_soft {
                                path.extend(queue.iter());
                            }
                            let dns = slots.dns_on_path.then_some(&slots.dns);
                            let Some(composite) =
                                composite(dns, &path, &slots.extra, db.as_ref(), regions)
                            else {
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

/// SLA floor of the hard dependencies: global services × the stateless
/// regional chain (redundant across serving regions) × the single writer,
/// which is never doubled: a cross-region replica is a recovery copy whose
/// promotion is downtime ([`availability::multi_region`]). A candidate row
/// without an SLA cannot be ranked (`None`); a fixed blueprint dependency
/// without one is left out of the product and named by the availability
/// section instead.
fn composite(
    dns: Option<&Row>,
    path: &[&Row],
    extra: &[ChainDep],
    writer: Option<&Row>,
    regions: u32,
) -> Option<f64> {
    let mut global = Vec::new();
    if let Some(d) = dns {
        global.push(sla(d)?);
    }
    let mut regional = Vec::new();
    for r in path {
        let a = sla(r)?;
        if is_global(r) {
            global.push(a);
        } else {
            regional.push(a);
        }
    }
    // A store is one copy whatever the region count, like the writer.
    let mut once = Vec::new();
    for e in extra {
        let (Some(r), Some(a)) = (&e.row, e.sla()) else {
            continue;
        };
        if is_global(r) {
            global.push(a);
        } else if e.holds_data() {
            once.push(a);
        } else {
            regional.push(a);
        }
    }
    let writer = match writer {
        Some(w) => sla(w)?,
        None => 1.0,
    } * math::serial(&once);
    Some(availability::multi_region(
        math::serial(&regional),
        regions,
        writer,
        math::serial(&global),
    ))
}

/// Component ids of the request path in order, for the availability terms.
pub struct PathIds<'a> {
    /// `None` without ingress (a pipeline other systems feed): no public
    /// name and no entry point on the path.
    pub dns: Option<&'a str>,
    pub lb: Option<&'a str>,
    pub cluster: Option<&'a str>,
    pub compute: &'a str,
    pub db: Option<&'a str>,
    pub queue: Option<&'a str>,
    /// The blueprints' other hard dependencies, each with the id of the
    /// component that fills the slot and the row it was placed on.
    pub extra: &'a [ChainDep],
}

/// How a request-path component enters the floor.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Stateless: one copy per serving region, the copies in parallel.
    Stateless,
    /// The single writer of the relational database.
    Writer,
    /// Any other store: the data itself, one copy.
    Store,
}

/// The availability section: terms, arithmetic steps, the SLA floor vs the
/// target, what a writer failover costs the error budget, and the RTO against
/// that budget.
pub fn availability(
    ctx: &mut Ctx,
    sel: &Selection,
    ids: &PathIds,
    soft: &[String],
) -> Availability {
    let target = ctx.availability.value;
    let mut terms = Vec::new();
    let mut steps = Vec::new();
    let mut rows: Vec<(&str, &Row, Part)> = Vec::new();
    if let Some(id) = ids.dns {
        rows.push((id, &sel.dns, Part::Stateless));
    }
    if let Some(id) = ids.lb {
        rows.push((id, &sel.lb, Part::Stateless));
    }
    if let (Some(id), Some(r)) = (ids.cluster, &sel.cluster) {
        rows.push((id, r, Part::Stateless));
    }
    rows.push((ids.compute, &sel.compute, Part::Stateless));
    if let (Some(id), Some(r)) = (ids.db, &sel.db) {
        rows.push((id, r, Part::Writer));
    }
    if let (Some(id), Some(r)) = (ids.queue, &sel.queue) {
        rows.push((id, r, Part::Stateless));
    }
    // A hard dependency without a published SLA is named, never counted as
    // 100%: the floor then says nothing about it.
    let mut unpublished = Vec::new();
    for e in ids.extra {
        match (&e.row, e.sla()) {
            (Some(r), Some(_)) => rows.push((
                &e.id,
                r,
                if e.holds_data() {
                    Part::Store
                } else {
                    Part::Stateless
                },
            )),
            (Some(r), None) => {
                let id = ctx.cite(r);
                unpublished.push(format!("{} (catalog row `{id}` carries no SLA)", r.service));
            }
            (None, _) => unpublished.push(format!("{} ({})", e.service, e.missing)),
        }
    }
    let mut global_parts = Vec::new();
    let mut regional_parts = Vec::new();
    let mut store_parts = Vec::new();
    let mut writer: Option<(String, f64)> = None;
    for (id, row, part) in rows {
        let catalog_id = ctx.cite(row);
        let a = sla(row).unwrap_or(0.0);
        let global = is_global(row);
        // Stateless regional tiers run in every serving region; the writer,
        // the stores and global services are one copy whatever the region count.
        let copies = if global || part != Part::Stateless {
            1
        } else {
            sel.regions
        };
        let effective = math::redundant(a, copies);
        let formula = if copies > 1 {
            format!("1 − (1 − {})^{} = {}", fr(a), copies, fr(effective))
        } else {
            fr(a)
        };
        // The entry point's scheme as the exposure decided it.
        let config = if row.role == "load_balancer" {
            crate::design::passes::request_path::with_scheme(&row.config, ctx.public)
        } else {
            row.config.clone()
        };
        let name = format!("{} ({})", row.service, config);
        if global {
            global_parts.push((row.service.clone(), a));
        } else if part == Part::Writer {
            writer = Some((row.service.clone(), a));
        } else if part == Part::Store {
            store_parts.push((row.service.clone(), a));
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
    let product = |parts: &[(String, f64)]| {
        parts
            .iter()
            .map(|(s, a)| format!("{} {}", s, fr(*a)))
            .collect::<Vec<_>>()
            .join(" × ")
    };
    steps.push(format!(
        "Stateless path in one region (hard dependencies in series): {} = {}",
        product(&regional_parts),
        fr(regional)
    ));
    let regional_total = math::redundant(regional, sel.regions);
    if sel.regions > 1 {
        steps.push(format!(
            "{} serving regions in parallel for the stateless path: 1 − (1 − {})^{} = {}",
            sel.regions,
            fr(regional),
            sel.regions,
            fr(regional_total)
        ));
    }
    let w = writer.as_ref().map_or(1.0, |(_, a)| *a);
    if let Some((svc, a)) = &writer {
        steps.push(format!(
            "Single writer: {svc} {} counted once{}; promoting its standby is downtime (below)",
            fr(*a),
            if sel.regions > 1 {
                " (the replica in the other region is a recovery copy, not a second writer)"
            } else {
                ""
            }
        ));
    }
    let stores = math::serial(&store_parts.iter().map(|x| x.1).collect::<Vec<_>>());
    if !store_parts.is_empty() {
        steps.push(format!(
            "Stores on the path (the data itself), one copy each{}: {} = {}",
            if sel.regions > 1 {
                " (a second region holds a recovery copy, not a second store)"
            } else {
                ""
            },
            product(&store_parts),
            fr(stores)
        ));
    }
    if !global_parts.is_empty() {
        steps.push(format!(
            "Global services: {} = {}",
            product(&global_parts),
            fr(global)
        ));
    }
    let composite = availability::multi_region(regional, sel.regions, w * stores, global);
    let mut factors = Vec::new();
    if !global_parts.is_empty() {
        factors.push(fr(global));
    }
    factors.push(fr(regional_total));
    if writer.is_some() {
        factors.push(fr(w));
    }
    if !store_parts.is_empty() {
        factors.push(fr(stores));
    }
    steps.push(format!(
        "SLA floor: {} = {} ⇒ {}% vs target {}% (the product of published SLAs, below which credits start: a floor, not a forecast)",
        factors.join(" × "),
        fr(composite),
        math::pct_text(composite),
        numfmt::trim(target)
    ));
    if !unpublished.is_empty() {
        steps.push(format!(
            "Not in the product for want of a published SLA: {}. Requests fail when {} fails, so the floor above says nothing about {}; ask the provider for its SLA or measure it before relying on the floor",
            unpublished.join("; "),
            if unpublished.len() == 1 { "it" } else { "any of them" },
            if unpublished.len() == 1 { "it" } else { "them" }
        ));
    }
    for s in soft {
        steps.push(s.clone());
    }
    if let Some((svc, _)) = &writer
        && sel.db.as_ref().is_some_and(|r| r.zones >= 2)
    {
        let d = &ctx.rules.defaults;
        let f = availability::single_writer_failover(
            target,
            d.writer_failover_low_s,
            d.writer_failover_high_s,
        );
        steps.push(format!(
            "Writer failover: {svc} promotes its standby in typically {}–{} s ({}), {}–{}% of the {} min monthly budget at {}%; {}",
            numfmt::trim(f.low_s),
            numfmt::trim(f.high_s),
            d.writer_failover_source,
            numfmt::trim((f.share_low * 100.0).round()),
            numfmt::trim((f.share_high * 100.0).round()),
            numfmt::trim((availability::budget_minutes(target) * 10.0).round() / 10.0),
            numfmt::trim(target),
            if f.per_month_at_high == 0 {
                "one failover at the slow end alone breaks the month".to_string()
            } else {
                format!(
                    "the month absorbs {} such failover{} and nothing else",
                    f.per_month_at_high,
                    if f.per_month_at_high == 1 { "" } else { "s" }
                )
            }
        ));
    }
    if let Some(s) = availability::budget_vs_rto(target, ctx.rto_s.value).statement {
        steps.push(s);
    }
    let composite_pct = composite * 100.0;
    let meets = composite_pct + 1e-10 >= target;
    let shortfall = (!meets).then(|| ((target - composite_pct) * 10_000.0).round() / 10_000.0);
    let risk = (!meets).then(|| {
        format!(
            "The SLA floor of the most available catalog configuration is {}% ({} min/month) against the {}% target ({} min/month). The floor is the providers' credit threshold, not a forecast, but below the target nobody contracts for the difference: choose higher-SLA options for the lowest dependency, make a dependency soft, or agree the target against the floor.",
            math::pct_text(composite),
            numfmt::trim((math::downtime_min_per_month(composite_pct) * 100.0).round() / 100.0),
            numfmt::trim(target),
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
        unpublished,
    }
}

/// A fraction with the digits that matter (0.9995, 0.99999975).
pub fn fr(a: f64) -> String {
    let s = format!("{:.8}", a);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}
