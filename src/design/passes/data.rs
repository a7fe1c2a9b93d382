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
    let mut p_db_sizing = Vec::new();
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
        p_db_sizing = db_figures(
            ctx,
            row,
            sized.as_ref(),
            storage_gb,
            db_growth.as_ref(),
            storage_basis.clone(),
            replicas,
        );
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
            why: data::cdn_why(ctx),
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
    p.db_sizing = p_db_sizing;
    Ok(())
}

/// The database's figures in its own units: the vCPUs of the class it runs
/// on (the class sized from the load, else the one the catalog row names)
/// and the storage provisioned (a year's growth ahead when growth is
/// stated, marked with that horizon).
/// The statements a database's load figures rest on.
fn load_basis_for(ctx: &Ctx) -> Vec<Provenance> {
    vec![
        ctx.throughput.basis.clone(),
        ctx.peak_factor.basis.clone(),
        ctx.avg_ratio.basis.clone(),
    ]
}

fn db_figures(
    ctx: &Ctx,
    row: &Row,
    sized: Option<&data::ClassChoice>,
    storage_gb: f64,
    growth: Option<&(crate::design::sizing::Sized, Vec<Provenance>)>,
    storage_basis: Provenance,
    replicas: u32,
) -> Vec<WorkloadSizing> {
    let mut out = Vec::new();
    let load_basis = load_basis_for(ctx);
    let class = match sized {
        Some(c) => Some((
            c.class.name.clone(),
            c.class.vcpu,
            c.formula.clone(),
            load_basis,
        )),
        None => data::named_class(&row.config, ctx.rules.defaults.burstable_baseline).map(|c| {
            let formula = match data::class_shortfall(ctx, row, 0) {
                Some(_) => format!(
                    "{}, the class the catalog row names; short of the load (see the database question)",
                    c.name
                ),
                None => format!("{}, the class the catalog row names; it carries the peak load", c.name),
            };
            (c.name, c.vcpu, formula, vec![ctx.cat.ref_id(row).into()])
        }),
    }
    // A row that names no class (a managed tier priced per vCPU): the CPU
    // the peak needs, rounded up, with its arithmetic.
    .or_else(|| {
        let (vcpu, formula) = data::db_vcpu(ctx, row, None, replicas);
        let mut basis = load_basis_for(ctx);
        basis.push(ctx.utilisation.basis.clone());
        Some((String::new(), vcpu, formula, basis))
    });
    if let Some((_, vcpu, formula, basis)) = class {
        out.push(WorkloadSizing {
            role: Role::RelationalDb,
            unit: "vcpu".into(),
            value: vcpu,
            formula,
            basis,
            at: None,
            horizon_years: None,
        });
    }
    let (formula, mut basis, horizon) = match growth {
        Some((s, ids)) => (
            s.formula.clone(),
            ids.clone(),
            Some(data::STORAGE_HORIZON_MONTHS / 12.0),
        ),
        None => ("stored volume (section 9)".to_string(), vec![], None),
    };
    basis.insert(0, storage_basis);
    out.push(WorkloadSizing {
        role: Role::RelationalDb,
        unit: "GB".into(),
        value: storage_gb.ceil(),
        formula,
        basis,
        at: None,
        horizon_years: horizon,
    });
    out
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

#[cfg(test)]
mod tests {
    use crate::design::model::Role;
    use crate::design::testkit::{Set, design};
    use crate::requirements::Kind;

    /// The database's figures in its own units, and the product the team
    /// chose for it, as a few statements put them.
    #[test]
    fn the_database_is_sized_in_vcpu_and_gb_on_the_chosen_product() {
        // (name, statements, service contains, vCPU range, GB, GB horizon)
        type Case = (
            &'static str,
            Set,
            &'static str,
            (f64, f64),
            f64,
            Option<f64>,
        );
        let cases: Vec<Case> = vec![
            (
                "an engine and the provider's product: the product",
                Set::new()
                    .text(Kind::Cloud, "aws", "Everything runs on AWS.")
                    .num(Kind::Throughput, 120.0, "120 requests per second at peak.")
                    .num(Kind::DataVolume, 250e9, "The store stays under 250 GB.")
                    .chose(
                        "postgresql",
                        "relational_db",
                        "Invoices live in PostgreSQL 16.",
                    )
                    .chose(
                        "aurora",
                        "relational_db",
                        "PostgreSQL 16 (Amazon Aurora PostgreSQL).",
                    ),
                "Aurora",
                (2.0, 4.0),
                250.0,
                None,
            ),
            (
                "the class the Cloud SQL row names",
                Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .num(Kind::Throughput, 80.0, "About 80 requests per second.")
                    .chose(
                        "postgresql",
                        "relational_db",
                        "Cloud SQL for PostgreSQL 16.",
                    ),
                "Cloud SQL",
                (2.0, 2.0),
                50.0,
                None,
            ),
            (
                "the class the Azure row names; rows a day kept 13 months",
                Set::new()
                    .text(Kind::Cloud, "azure", "We run on Microsoft Azure.")
                    .num(Kind::Throughput, 150.0, "150 requests/s at month-end.")
                    .num(
                        Kind::DataVolumePerDay,
                        1.8e9,
                        "About 4 million rows a day, ~1.8 GB a day.",
                    )
                    .num(
                        Kind::Retention,
                        395.0 * 86_400.0,
                        "Rows are kept for 13 months.",
                    )
                    .chose("postgresql", "relational_db", "PostgreSQL flexible server."),
                "PostgreSQL",
                (2.0, 2.0),
                (50.0 + 1.8 * 730.0 / 24.0 * 12.0_f64).ceil(),
                Some(1.0),
            ),
        ];
        for (name, set, service, (lo, hi), gb, horizon) in cases {
            let d = design(&set.build());
            let db = d
                .components
                .iter()
                .find(|c| c.role == Role::RelationalDb)
                .unwrap_or_else(|| panic!("{name}: no database"));
            assert!(db.service.contains(service), "{name}: {}", db.service);
            let figure = |unit: &str| {
                d.workloads
                    .iter()
                    .flat_map(|w| &w.sizing)
                    .find(|s| s.role == Role::RelationalDb && s.unit == unit)
                    .unwrap_or_else(|| panic!("{name}: no {unit} figure"))
                    .clone()
            };
            let vcpu = figure("vcpu");
            assert!(
                (lo..=hi).contains(&vcpu.value),
                "{name}: {} vCPU ({})",
                vcpu.value,
                vcpu.formula
            );
            assert!(!vcpu.basis.is_empty(), "{name}");
            let stored = figure("GB");
            assert_eq!(stored.value, gb, "{name}: {}", stored.formula);
            assert_eq!(stored.horizon_years, horizon, "{name}");
        }
    }

    /// Keys the documents choose are placed like keys a framework asks for.
    #[test]
    fn a_chosen_key_service_places_customer_managed_keys() {
        let cases = [
            ("no keys named, no framework asking", None, false),
            (
                "encryption at rest with the provider's key service",
                Some("Secrets in Secrets Manager, encryption at rest with KMS."),
                true,
            ),
        ];
        for (name, line, want) in cases {
            let mut set = Set::new()
                .text(Kind::Cloud, "aws", "Everything runs on AWS.")
                .num(Kind::Throughput, 50.0, "50 requests per second.");
            if let Some(l) = line {
                set = set.chose("kms", "kms", l);
            }
            let d = design(&set.build());
            let kms = d.components.iter().find(|c| c.role == Role::Kms);
            assert_eq!(kms.is_some(), want, "{name}");
            if let Some(k) = kms {
                assert!(
                    k.why.iter().any(|w| w.as_str().starts_with("docs/prd.md:")),
                    "{name}: {:?}",
                    k.why
                );
            }
        }
    }
}
