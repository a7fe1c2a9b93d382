//! The data tier: the relational database (with read replicas and the
//! recovery-region copy its DR tier keeps), the cache, the queue and object
//! storage, and internet egress where no edge service bills it.

use super::Plan;
use super::build::{comp, loc};
use crate::catalog::Row;
use crate::design::context::Ctx;
use crate::design::cost::{self, Usage};
use crate::design::data;
use crate::design::model::*;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let sel = p.sel()?.clone();
    let cap = p.cap()?.clone();
    let drp = p.drp()?.clone();
    let regions = p.regions.clone();
    let primary_region = p.primary.clone();
    let secondary = p.secondary.clone();
    let nreg = sel.regions as f64;
    let edge = p.edge;
    let slots_db = p.slots.as_ref().map(|s| s.db.clone()).unwrap_or_default();
    // Behind an outbox the queue is a soft dependency: off the critical path.
    let queue_hard = !p.slots.as_ref().is_some_and(|s| s.queue_soft);
    let db_need = p.db_need.clone();
    let cache_need = p.cache_need.clone();
    let cache_row = p.cache_row.clone();
    let queue_need = p.queue_need.clone();
    let storage_need = p.storage_need.clone();
    let app_row = sel.compute.clone();
    let lb_row = sel.lb.clone();
    let b = &mut p.b;
    let ctx = &mut p.ctx;
    // Database storage grows with the records for as long as they are kept:
    // the grown figure becomes the stored-data figure every section reads.
    let db_growth = db_storage(ctx);
    if let Some((sized, _)) = &db_growth {
        ctx.storage_gb.value = sized.value.ceil();
    }
    let d = &ctx.rules.defaults;
    let storage_basis = ctx.storage_gb.basis.clone();
    let egress = cost::egress_gb(ctx);
    let usage_basis = vec![
        ctx.avg_ratio.basis.clone(),
        ctx.response_kb.basis.clone(),
        ctx.throughput.basis.clone(),
    ];
    let mut stores = Vec::new();
    let mut caching = Vec::new();
    let storage_gb = ctx.storage_gb.value;
    if let (Some(listed), Some((tech, tech_why))) = (&sel.db, &db_need) {
        let replicas = data::read_replicas(ctx);
        // The class is sized from the load, not only the SLA: the smallest
        // class the catalog lists that carries the peak, and never a
        // burstable one whose sustained load exceeds its stated baseline.
        let sized = data::size_class(ctx, listed, replicas);
        let priced_row = sized.as_ref().map(|c| data::on_class(listed, &c.class));
        let row = priced_row.as_ref().unwrap_or(listed);
        if let Some(c) = sized.as_ref().filter(|c| !c.fits) {
            let mut refs = vec![ctx.throughput.basis.clone(), ctx.avg_ratio.basis.clone()];
            refs.dedup();
            ctx.question(
                format!(
                    "{}: the estimate prices the largest class listed. Shard the writes, add a write-scaling store, or state a larger class?",
                    c.formula
                ),
                QuestionReason::Tradeoff,
                refs,
            );
        }
        // A row that names one class (no class list) is checked against
        // the load all the same: a burstable class under sustained load
        // runs out of CPU credits.
        if let Some(finding) = sized
            .is_none()
            .then(|| data::class_shortfall(ctx, row, replicas))
            .flatten()
        {
            let mut refs = vec![ctx.throughput.basis.clone(), ctx.avg_ratio.basis.clone()];
            refs.dedup();
            ctx.question(
                format!("{finding}. Which class should it run on?"),
                QuestionReason::Tradeoff,
                refs,
            );
        }
        let cfg = format!(
            "{}; {} GB storage{}; PITR {} days{}",
            row.config,
            crate::numfmt::trim(storage_gb),
            match &db_growth {
                Some((sized, _)) => format!(" ({})", sized.formula),
                None => String::new(),
            },
            drp.backup.retention_days,
            if replicas > 0 {
                format!("; {replicas} read replica(s)")
            } else {
                String::new()
            }
        );
        let mut why = tech_why.clone();
        why.push(ctx.availability.basis.clone());
        why.push(ctx.rpo_s.basis.clone());
        let mut c = comp(
            "db",
            row,
            &format!("Primary {} database", tech),
            cfg,
            sel.regions + replicas,
            loc(row.zones.max(1), zone_scope(row.zones), &regions),
            true,
            why.clone(),
        )?;
        c.technology = Some(tech.clone());
        c.alternatives = data::db_alternatives(ctx, row, &slots_db);
        let backup_gb = if drp.backup.cross_region_copy {
            storage_gb
        } else {
            0.0
        };
        b.add(
            ctx,
            c,
            row,
            // Active-active keeps a full copy (cross-region replica) in the second region.
            Usage {
                count: nreg,
                storage_gb: storage_gb * nreg,
                backup_gb,
                // A store billed per I/O (Aurora standard): one billed I/O
                // per request at average load, reads that miss the buffer
                // cache and writes' page writes together.
                counted: vec![(
                    crate::catalog::PriceUnit::MillionRequests,
                    (cost::requests_m(ctx) * nreg * 100.0).round() / 100.0,
                    format!(
                        "{} M requests × one billed I/O each",
                        crate::numfmt::trim((cost::requests_m(ctx) * nreg * 100.0).round() / 100.0)
                    ),
                )],
                basis: {
                    let mut b = vec![storage_basis.clone()];
                    if listed.prices.iter().any(|p| p.unit == "million_requests") {
                        b.push(ctx.throughput.basis.clone());
                        b.push(ctx.avg_ratio.basis.clone());
                    }
                    if let Some((_, ids)) = &db_growth {
                        b.extend(ids.iter().cloned());
                    }
                    b
                },
                ..Default::default()
            },
        );
        if replicas > 0 {
            let single = replica_row(ctx, row, &slots_db);
            // Replicas run the class the primary was sized to.
            let single = match &sized {
                Some(c) => data::on_class(&single, &c.class),
                None => single,
            };
            let lines = cost::lines(
                ctx,
                "db",
                &single,
                &Usage {
                    count: replicas as f64,
                    ..Default::default()
                },
                &primary_region,
            );
            b.extra_lines("db", lines);
        }
        b.link(
            "app",
            "db",
            &data::db_port(tech),
            "reads/writes",
            LinkKind::Data,
        );
        stores.push(data::store(
            ctx,
            "db",
            "relational_db",
            Some(tech.clone()),
            row,
            replicas,
            Some(match &db_growth {
                Some((sized, ids)) => {
                    let mut f = ctx.storage_gb.figure("GB");
                    f.basis.extend(ids.iter().cloned());
                    f.formula = Some(sized.formula.clone());
                    f
                }
                None => ctx.storage_gb.figure("GB"),
            }),
            &slots_db,
            why,
        ));
        if let (Some(c), Some(store)) = (&sized, stores.last_mut()) {
            store
                .decision
                .rationale
                .push_str(&format!("; class {}: {}", c.class.name, c.formula));
        }
        // Recovery-region database for tiers that keep data there.
        if let Some(sec) = &secondary {
            let dr_regions = vec![sec.clone()];
            match drp.tier {
                DrTier::PilotLight | DrTier::WarmStandby => {
                    let single = replica_row(ctx, row, &slots_db);
                    // Replicas run the class the primary was sized to.
                    let single = match &sized {
                        Some(c) => data::on_class(&single, &c.class),
                        None => single,
                    };
                    let c = comp(
                        "dr-db",
                        &single,
                        "Cross-region replica kept in sync for failover",
                        format!("cross-region read replica of {} in {sec}", row.service),
                        1,
                        loc(1, Scope::Zonal, &dr_regions),
                        false,
                        vec![ctx.rto_s.basis.clone(), ctx.rpo_s.basis.clone()],
                    )?;
                    b.add(
                        ctx,
                        c,
                        &single,
                        Usage {
                            count: 1.0,
                            storage_gb,
                            basis: vec![storage_basis.clone()],
                            ..Default::default()
                        },
                    );
                    b.link(
                        "db",
                        "dr-db",
                        "async replication",
                        "WAL stream",
                        LinkKind::Replication,
                    );
                }
                DrTier::ActiveActive | DrTier::BackupRestore => {}
            }
            if drp.tier == DrTier::WarmStandby {
                let mut c = comp(
                    "dr-app",
                    &app_row,
                    "Scaled-down copy of the application, ready to scale up",
                    format!(
                        "{} instance(s) per zone in {sec}, scaled to {} on failover",
                        1, cap.min_instances
                    ),
                    sel.zones,
                    loc(sel.zones, Scope::Regional, &dr_regions),
                    false,
                    vec![ctx.rto_s.basis.clone()],
                )?;
                c.service = app_row.service.clone();
                b.add(
                    ctx,
                    c,
                    &app_row,
                    Usage {
                        instances: sel.zones as f64,
                        vcpu: d.instance_vcpu,
                        memory_gb: d.instance_memory_gb,
                        count: sel.zones as f64,
                        vms: sel.zones as f64,
                        ..Default::default()
                    },
                );
            }
        }
        if drp.backup.cross_region_copy
            && let Some(row) = ctx.cat.first("inter_region_transfer").cloned()
        {
            let lines = cost::lines(
                ctx,
                "db",
                &row,
                &Usage {
                    egress_gb: storage_gb,
                    basis: vec![storage_basis.clone()],
                    ..Default::default()
                },
                &primary_region,
            );
            b.extra_lines("db", lines);
        }
    }
    if let (Some(row), Some((tech, why))) = (&cache_row, &cache_need) {
        let mut c = comp(
            "cache",
            row,
            &format!("{} cache in front of the database (cache-aside)", tech),
            format!("{}; TTL {} s", row.config, d.cache_ttl_s),
            row.nodes.unwrap_or(1),
            loc(row.zones.max(1), zone_scope(row.zones), &regions[..1]),
            false,
            why.clone(),
        )?;
        c.technology = Some(tech.clone());
        c.alternatives = vec![Alternative {
            option: "no cache".into(),
            why_not: format!(
                "the {} ms p{} target leaves little room for repeated database reads",
                crate::numfmt::trim(ctx.latency_ms.value),
                ctx.latency_pct
            ),
        }];
        b.add(
            ctx,
            c,
            row,
            Usage {
                count: 1.0,
                basis: vec![],
                ..Default::default()
            },
        );
        b.link(
            "app",
            "cache",
            &format!(
                "TLS {}",
                if tech.contains("memcached") {
                    11211
                } else {
                    6379
                }
            ),
            "cache lookups",
            LinkKind::Data,
        );
        caching.push(CacheLayer {
            component: "cache".into(),
            layer: "Application data cache".into(),
            purpose: "absorbs repeated reads so the p-latency target holds at peak".into(),
            technology: format!("{} ({})", row.service, tech),
            ttl: format!("{} s", d.cache_ttl_s),
            why: why.clone(),
        });
        stores.push(data::store(
            ctx,
            "cache",
            "cache",
            Some(tech.clone()),
            row,
            0,
            None,
            &[],
            why.clone(),
        ));
    }
    if edge {
        caching.push(CacheLayer {
            component: "cdn".into(),
            layer: "Edge (CDN)".into(),
            purpose: "static assets close to users".into(),
            technology: ctx
                .cat
                .first("cdn")
                .map(|r| r.service.clone())
                .unwrap_or_default(),
            ttl: "1 day for hashed asset names, 60 s for index.html".into(),
            why: vec!["infrarch.toml tech_stack".into()],
        });
    }
    if let (Some(row), Some((tech, why))) = (&sel.queue, &queue_need) {
        let (peak_msgs, msg_basis) = data::message_rate(ctx);
        let msgs = peak_msgs * ctx.avg_ratio.value * cost::MONTH_S;
        let mut c = comp(
            "queue",
            row,
            &format!(
                "Asynchronous work ({tech}) between producers and consumers, with a dead-letter queue"
            ),
            row.config.clone(),
            row.nodes.unwrap_or(1),
            loc(row.zones.max(1), Scope::Regional, &regions),
            queue_hard,
            why.clone(),
        )?;
        c.technology = Some(tech.clone());
        c.alternatives = vec![Alternative {
            option: "synchronous calls".into(),
            why_not: "the application architecture chooses a queue".into(),
        }];
        let mut basis = vec![ctx.avg_ratio.basis.clone()];
        basis.extend(msg_basis);
        b.add(
            ctx,
            c,
            row,
            Usage {
                count: 1.0,
                requests_m: msgs * 3.0 / 1e6,
                messages_tib: msgs * d.message_kb / 1024f64.powi(3),
                basis: basis.clone(),
                ..Default::default()
            },
        );
        b.link("app", "queue", "HTTPS", "publish", LinkKind::Data);
        b.link("queue", "app", "HTTPS", "consume", LinkKind::Data);
        stores.push(data::store(
            ctx,
            "queue",
            "queue",
            Some(tech.clone()),
            row,
            0,
            None,
            &[],
            why.clone(),
        ));
    }
    let compliance_archive = ctx
        .frameworks
        .iter()
        .any(|(f, _)| f.log_retention_days > d.log_retention_days);
    // The row of the object store the documents chose (ADLS Gen2 rather
    // than plain Blob Storage), else the catalog's first.
    let chosen_row = storage_need.as_ref().and_then(|(tech, _)| {
        ctx.cat
            .rows_for("object_storage")
            .find(|r| r.implements(tech) && ctx.allowed(r))
            .cloned()
    });
    if (storage_need.is_some() || compliance_archive)
        && let Some(row) = chosen_row.or_else(|| ctx.cat.first("object_storage").cloned())
    {
        let (tech, why) = storage_need.clone().unwrap_or_else(|| {
            (
                "object_storage".into(),
                ctx.frameworks.iter().flat_map(|(_, i)| i.clone()).collect(),
            )
        });
        let purpose = if storage_need.is_some() {
            "Objects and static assets"
        } else {
            "Write-once archive of audit logs"
        };
        let gb = if storage_need.is_some() {
            storage_gb
        } else {
            0.0
        };
        let c = comp(
            "storage",
            &row,
            purpose,
            row.config.clone(),
            1,
            loc(row.zones, Scope::Regional, &regions[..1]),
            false,
            why.clone(),
        )?;
        b.add(
            ctx,
            c,
            &row,
            Usage {
                storage_gb: gb,
                basis: vec![storage_basis.clone()],
                ..Default::default()
            },
        );
        if storage_need.is_some() {
            b.link("app", "storage", "HTTPS", "objects", LinkKind::Data);
            if edge {
                b.link("cdn", "storage", "HTTPS", "asset origin", LinkKind::Request);
            }
        }
        stores.push(data::store(
            ctx,
            "storage",
            "object_storage",
            Some(tech),
            &row,
            0,
            None,
            &[],
            why,
        ));
    }
    // Internet egress is billed by the CDN or by Front Door where they carry it.
    let edge_billed = edge || (ctx.public && lb_row.prices.iter().any(|p| p.unit == "edge_gb"));
    if !edge_billed && let Some(row) = ctx.cat.first("egress").cloned() {
        // Billed at the entry point, or at the application without one.
        let at = if b.get("lb").is_some() { "lb" } else { "app" };
        let lines = cost::lines(
            ctx,
            at,
            &row,
            &Usage {
                egress_gb: egress,
                basis: usage_basis.clone(),
                ..Default::default()
            },
            &primary_region,
        );
        b.extra_lines(at, lines);
    }
    p.stores = stores;
    p.caching = caching;
    Ok(())
}

/// The row a read or cross-region replica of `primary` is priced as: the
/// catalog's replica row for it (one instance), else the same service's
/// single-zone row; never the Multi-AZ pair, which would price a replica as
/// an HA cluster.
fn replica_row(ctx: &Ctx, primary: &Row, slots: &[Row]) -> Row {
    ctx.cat
        .read_replica_for(primary)
        .or_else(|| {
            slots
                .iter()
                .find(|r| r.zones == 1 && r.service == primary.service)
        })
        .unwrap_or(primary)
        .clone()
}

/// A store that spans zones is placed regionally; one bound to a zone, zonally.
fn zone_scope(zones: u32) -> Scope {
    if zones >= 2 {
        Scope::Regional
    } else {
        Scope::Zonal
    }
}

/// The database's storage from stated record growth and retention
/// ([`data::db_storage`]); `None` when no record growth is stated.
fn db_storage(ctx: &Ctx) -> Option<(crate::design::sizing::Sized, Vec<Provenance>)> {
    let stated = |kind: crate::requirements::Kind| -> Vec<(String, String, f64)> {
        ctx.reqs
            .all(kind)
            .filter_map(|r| {
                let about = format!(
                    "{} {}",
                    r.subject.as_deref().unwrap_or(""),
                    r.source.excerpt
                );
                r.value.as_f64().map(|v| (r.id.clone(), about, v))
            })
            .collect()
    };
    let growth = stated(crate::requirements::Kind::DataVolumePerDay);
    let retention = stated(crate::requirements::Kind::Retention);
    fn view(v: &[(String, String, f64)]) -> Vec<data::Stated<'_>> {
        v.iter()
            .map(|(id, about, value)| data::Stated {
                id,
                about: about.clone(),
                value: *value,
            })
            .collect()
    }
    data::db_storage(ctx.storage_gb.value, &view(&growth), &view(&retention))
}
