//! The design engine: from requirements, project knowledge and a provider
//! catalog to a [`Design`] with every number computed and every decision traced.
//!
//! One file per decision area: [`platform`], [`topology`] (zones, regions,
//! availability), [`capacity`], [`dr`], [`data`], [`security`],
//! [`observability`], [`cost`], [`delivery`] (deployment, environments,
//! rollout, runbooks) and [`questions`] (risks, open questions, ADRs).

pub mod capacity;
pub mod context;
pub mod cost;
pub mod data;
pub mod delivery;
pub mod dr;
pub mod math;
pub mod model;
pub mod observability;
pub mod platform;
pub mod questions;
pub mod rules;
pub mod security;
pub mod topology;

use std::path::PathBuf;

pub use model::*;

use crate::catalog::Row;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::requirements::{Kind, RequirementSet};
use context::Ctx;
use cost::Usage;

/// Assumptions a caller may override. Every field left `None` falls back to the
/// built-in default (stated in the design as an assumption with its reason).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DesignOptions {
    /// Requests one instance (task, pod, VM) serves concurrently.
    pub per_instance_concurrency: Option<f64>,
    /// Peak rate ÷ stated throughput when the stated figure is an average.
    pub peak_factor: Option<f64>,
    /// Autoscaler target utilisation, percent.
    pub target_utilisation_pct: Option<f64>,
    /// Monthly average load as a share of peak (0–1), for usage-priced items.
    pub average_to_peak: Option<f64>,
    /// Average response size in KB, for egress.
    pub response_kb: Option<f64>,
    /// Stored data in GB when no requirement states a volume.
    pub storage_gb: Option<f64>,
    /// Force a provider when neither requirements nor project name one.
    pub provider: Option<crate::catalog::Provider>,
    /// A user catalog file whose rows override or extend the built-in one.
    pub catalog_override: Option<PathBuf>,
    /// The reviewer asked to bring cost down (`/revise reduce cost`): take the
    /// cheaper option wherever no requirement needs the dearer one.
    pub reduce_cost: bool,
}

/// Designs the infrastructure of one feature.
pub fn design(reqs: &RequirementSet, project: &Project, options: &DesignOptions) -> Result<Design> {
    let mut ctx = Ctx::new(reqs, project, options)?;
    let d = &ctx.rules.defaults;
    let storage_basis = ctx.storage_gb.basis.clone();
    let exposure_basis = ctx.exposure_basis.clone();

    // Region plan: project region, else the residency's first region, else default.
    let residency = ctx
        .residency
        .clone()
        .map(|(label, ids)| (data::geo_of(&label), ids));
    let (primary, region_why) = region(&mut ctx, residency.as_ref());
    let pair = ctx
        .cat
        .region(&primary)
        .map(|r| r.pair.clone())
        .filter(|p| match (&residency, ctx.cat.region(p)) {
            (Some((geo, _)), Some(r)) => r.geo.eq_ignore_ascii_case(geo) || !known_geo(&ctx, geo),
            (Some(_), None) => false,
            _ => true,
        });
    if pair.is_none() {
        ctx.question(
            format!("No recovery region is known for {primary} within the required residency: which region may hold replicas and backup copies?"),
            QuestionReason::Tradeoff,
            region_why.clone(),
        );
    }

    // Platform.
    let (pkind, p_why, p_text, mandated) = platform::decide(&mut ctx);

    // Slots of the request path.
    let prole = platform::role(pkind);
    let allowed = |ctx: &Ctx, role: &str| -> Vec<Row> {
        ctx.cat
            .rows_for(role)
            .filter(|r| ctx.allowed(r))
            .cloned()
            .collect()
    };
    let dns = ctx
        .cat
        .first("dns")
        .cloned()
        .ok_or_else(|| Error::Invalid("catalog has no dns row".into()))?;
    let lbs: Vec<Row> = allowed(&ctx, "load_balancer")
        .into_iter()
        .filter(|r| r.public.is_none_or(|p| p == ctx.public))
        .collect();
    let lbs = if lbs.is_empty() {
        allowed(&ctx, "load_balancer")
    } else {
        lbs
    };
    let (compute, cluster): (Vec<Row>, Vec<Row>) = match pkind {
        PlatformKind::Kubernetes => (
            allowed(&ctx, "vm")
                .into_iter()
                .filter(|r| r.zones >= 2)
                .collect(),
            ctx.cat.rows_for("kubernetes").cloned().collect(),
        ),
        _ => (allowed(&ctx, prole), vec![]),
    };
    if lbs.is_empty() || compute.is_empty() {
        return Err(Error::Invalid(format!(
            "the {} catalog has no usable {} or load balancer row",
            ctx.cat.provider, prole
        )));
    }
    let db_need = data::relational_need(&mut ctx);
    let db_rows = db_need
        .as_ref()
        .map(|(tech, _)| data::rows_for_tech(&ctx, "relational_db", tech))
        .unwrap_or_default();
    // An RPO below the backup log-shipping interval needs a synchronous standby
    // inside the region, whatever the availability target.
    let db_rows = data::ha_for_rpo(&ctx, db_rows);
    let queue_need = data::queue_need(&ctx);
    let queue_rows = queue_need
        .as_ref()
        .map(|(tech, _)| data::rows_for_tech(&ctx, "queue", tech))
        .unwrap_or_default();
    let vm_vcpu = ctx.cat.first("vm").and_then(|r| r.vcpu).unwrap_or(2.0);
    let base = capacity::base(&ctx, pkind, vm_vcpu);
    let per_node = (vm_vcpu * d.node_allocatable / d.instance_vcpu)
        .max(1.0)
        .floor();
    let sizing = topology::Sizing {
        n: base.n,
        per_node,
    };
    let required_tier = dr::required_tier(&ctx);
    let slots = topology::Slots {
        dns,
        lb: lbs,
        cluster,
        compute,
        db: db_rows,
        queue: queue_rows,
    };
    let sel = topology::select(
        &ctx,
        &slots,
        &sizing,
        required_tier == DrTier::ActiveActive,
        pair.is_some(),
    );
    let multi_region = sel.regions > 1;
    let secondary = pair.clone();
    let mut regions = vec![primary.clone()];
    if multi_region && let Some(s) = &secondary {
        regions.push(s.clone());
    }

    // Capacity with the chosen zones.
    let has_queue = sel.queue.is_some();
    let cap = capacity::finish(&ctx, base, pkind, sel.zones, "app", has_queue);

    // Cache (soft dependency) and object storage.
    let cache_need = data::cache_need(&mut ctx, sel.db.is_some());
    let cache_row = cache_need.as_ref().and_then(|(tech, _)| {
        let rows = data::rows_for_tech(&ctx, "cache", tech);
        let multi: Vec<&Row> = rows.iter().filter(|r| r.zones >= 2).collect();
        if sel.zones >= 2 && !multi.is_empty() {
            Some(multi[0].clone())
        } else {
            rows.into_iter().min_by(|a, b| a.zones.cmp(&b.zones))
        }
    });
    let cdn = ctx.public && data::cdn_need(&ctx);
    let storage_need = data::storage_need(&ctx, cdn);

    // DR.
    let db_service = sel.db.as_ref().map(|r| r.service.clone());
    let drp = dr::plan(
        &ctx,
        required_tier,
        multi_region,
        secondary.as_deref(),
        db_service.as_deref(),
    );

    // Components, links and cost.
    let mut b = Builder::default();
    let loc = |zones: u32, scope: &str, regions: &[String]| Placement {
        scope: scope.into(),
        regions: regions.to_vec(),
        zones,
    };
    let nreg = sel.regions as f64;
    let egress = cost::egress_gb(&ctx);
    let req_m = cost::requests_m(&ctx);
    let usage_basis = vec![
        ctx.avg_ratio.basis.clone(),
        ctx.response_kb.basis.clone(),
        ctx.throughput.basis.clone(),
    ];
    let external = if ctx.public {
        ("internet", "Internet users")
    } else {
        ("corporate-network", "Corporate network / VPN")
    };

    let dns_row = sel.dns.clone();
    b.add(
        &mut ctx,
        comp(
            "dns",
            &dns_row,
            "Resolves the service name; health-checked records fail over between endpoints",
            "public zone".into(),
            1,
            loc(0, "global", &regions),
            true,
            vec![exposure_basis.clone()],
        ),
        &dns_row,
        Usage {
            count: 1.0,
            ..Default::default()
        },
    );
    b.link(external.0, "dns", "DNS", "name lookup", "request");
    let edge = if cdn {
        let row = ctx.cat.first("cdn").cloned();
        if let Some(row) = row {
            let mut c = comp(
                "cdn",
                &row,
                "Serves static front-end assets from the edge, off the API request path",
                row.config.clone(),
                1,
                loc(0, "global", &regions),
                false,
                vec!["infrarch.toml tech_stack".into()],
            );
            c.alternatives = vec![Alternative {
                option: "serve assets from the application".into(),
                why_not: "puts static traffic on the instances sized for API requests".into(),
            }];
            b.add(
                &mut ctx,
                c,
                &row,
                Usage {
                    egress_gb: egress * 0.5,
                    basis: usage_basis.clone(),
                    ..Default::default()
                },
            );
            b.link(external.0, "cdn", "HTTPS", "static assets", "request");
        }
        true
    } else {
        false
    };
    if ctx.public
        && let Some(row) = ctx.cat.first("waf").cloned()
    {
        let c = comp(
            "waf",
            &row,
            "Filters the public endpoint: OWASP managed rules and per-IP rate limiting",
            row.config.clone(),
            1,
            loc(0, "global", &regions),
            false,
            vec![exposure_basis.clone()],
        );
        b.add(&mut ctx, c, &row, Usage::default());
        b.link(external.0, "waf", "HTTPS", "API requests", "request");
        b.link("waf", "lb", "HTTPS", "allowed requests", "request");
    } else {
        b.link(external.0, "lb", "HTTPS", "API requests", "request");
    }
    let lb_row = sel.lb.clone();
    let lb_scope = if lb_row.zones == 0 {
        "global"
    } else {
        "regional"
    };
    let lb_cfg = format!(
        "{}; {}; health check GET /healthz every 10 s",
        lb_row.config,
        if ctx.public { "public" } else { "internal" }
    );
    let mut lbc = comp(
        "lb",
        &lb_row,
        "Terminates TLS and spreads requests over healthy instances in every zone",
        lb_cfg,
        sel.regions,
        loc(sel.zones, lb_scope, &regions),
        true,
        vec![ctx.availability.basis.clone()],
    );
    lbc.alternatives = vec![Alternative {
        option: "expose instances directly".into(),
        why_not: "no health-checked failover between zones".into(),
    }];
    let lcu = (ctx.avg_rps() / 25.0).max(1.0).ceil();
    b.add(
        &mut ctx,
        lbc,
        &lb_row,
        Usage {
            count: if lb_row.zones == 0 { 1.0 } else { nreg },
            lcu: lcu * nreg,
            egress_gb: egress,
            basis: usage_basis.clone(),
            ..Default::default()
        },
    );

    let total_instances = cap.min_instances.max(if pkind == PlatformKind::Functions {
        0
    } else {
        1
    });
    let app_count = total_instances * sel.regions;
    if let Some(cl) = &sel.cluster {
        let c = comp(
            "cluster",
            cl,
            "Kubernetes control plane for the application workloads",
            cl.config.clone(),
            sel.regions,
            loc(sel.zones, "regional", &regions),
            true,
            p_why.clone(),
        );
        b.add(
            &mut ctx,
            c,
            cl,
            Usage {
                count: nreg,
                ..Default::default()
            },
        );
    }
    let app_row = sel.compute.clone();
    let (app_cfg, app_usage) = match pkind {
        PlatformKind::Functions => (
            format!(
                "{}; {} GB memory; reserved concurrency {}",
                app_row.config,
                crate::numfmt::trim(d.function_memory_gb),
                cap.max_instances
            ),
            Usage {
                requests_m: req_m,
                gb_seconds: req_m * 1e6 * cap.time_in_system_s.value * d.function_memory_gb,
                basis: usage_basis.clone(),
                ..Default::default()
            },
        ),
        PlatformKind::Kubernetes | PlatformKind::VirtualMachines => {
            let vms = if pkind == PlatformKind::Kubernetes {
                let nodes = (app_count as f64 / per_node)
                    .ceil()
                    .max(sel.zones as f64 * nreg);
                ((nodes / (sel.zones as f64 * nreg)).ceil()) * sel.zones as f64 * nreg
            } else {
                app_count as f64
            };
            (
                if pkind == PlatformKind::Kubernetes {
                    format!(
                        "{} pods of {} across {} zones on {} nodes ({}); HPA {}–{} pods per region",
                        app_count,
                        cap.instance_size,
                        sel.zones,
                        vms,
                        app_row.config,
                        cap.min_instances,
                        cap.max_instances
                    )
                } else {
                    format!(
                        "{} VMs ({}) across {} zones; autoscaling group {}–{}",
                        app_count, app_row.config, sel.zones, cap.min_instances, cap.max_instances
                    )
                },
                Usage {
                    count: vms,
                    vms,
                    basis: vec![ctx.concurrency.basis.clone()],
                    ..Default::default()
                },
            )
        }
        PlatformKind::ManagedContainers => (
            format!(
                "{} tasks of {} across {} zone(s){}; autoscaling {}–{} per region",
                app_count,
                cap.instance_size,
                sel.zones,
                if multi_region {
                    " in each of 2 regions"
                } else {
                    ""
                },
                cap.min_instances,
                cap.max_instances
            ),
            Usage {
                instances: app_count as f64,
                vcpu: d.instance_vcpu,
                memory_gb: d.instance_memory_gb,
                requests_m: req_m,
                basis: vec![ctx.concurrency.basis.clone(), ctx.utilisation.basis.clone()],
                ..Default::default()
            },
        ),
    };
    let mut appc = comp(
        "app",
        &app_row,
        "Runs the application services statelessly",
        app_cfg,
        app_count,
        loc(sel.zones, "regional", &regions),
        true,
        p_why.clone(),
    );
    appc.service = if pkind == PlatformKind::Kubernetes {
        format!(
            "{} nodes for {}",
            app_row.service,
            sel.cluster
                .as_ref()
                .map(|c| c.service.as_str())
                .unwrap_or("Kubernetes")
        )
    } else {
        app_row.service.clone()
    };
    appc.alternatives = platform::alternatives(pkind, mandated, &ctx);
    b.add(&mut ctx, appc, &app_row, app_usage);
    b.link("lb", "app", "HTTP", "requests", "request");

    if pkind != PlatformKind::Functions
        && !(ctx.cat.provider == crate::catalog::Provider::Gcp
            && pkind == PlatformKind::ManagedContainers)
        && let Some(row) = ctx.cat.first("nat").cloned()
    {
        let n = (sel.zones as f64) * nreg;
        let gcp = row.prices.iter().any(|p| p.unit == "vm_hour");
        let c = comp(
            "nat",
            &row,
            "Outbound internet access for private instances (package mirrors, third-party APIs)",
            if gcp {
                row.config.clone()
            } else {
                format!("{} ({} per zone)", row.config, sel.zones)
            },
            if gcp { 1 } else { n as u32 },
            loc(sel.zones, "zonal", &regions),
            false,
            vec![ctx.availability.basis.clone()],
        );
        let vms = b
            .components
            .iter()
            .find(|c| c.id == "app")
            .map(|c| c.count as f64)
            .unwrap_or(1.0);
        b.add(
            &mut ctx,
            c,
            &row,
            Usage {
                count: n,
                vms,
                ..Default::default()
            },
        );
        b.link("app", "nat", "HTTPS", "outbound calls", "data");
    }

    let storage_gb = ctx.storage_gb.value;
    let mut stores = Vec::new();
    if let (Some(row), Some((tech, tech_why))) = (&sel.db, &db_need) {
        let replicas = data::read_replicas(&ctx);
        let cfg = format!(
            "{}; {} GB storage; PITR {} days{}",
            row.config,
            crate::numfmt::trim(storage_gb),
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
            loc(
                row.zones.max(1),
                if row.zones >= 2 { "regional" } else { "zonal" },
                &regions,
            ),
            true,
            why.clone(),
        );
        c.technology = Some(tech.clone());
        c.alternatives = data::db_alternatives(&ctx, row, &slots.db);
        let backup_gb = if drp.backup.cross_region_copy {
            storage_gb
        } else {
            0.0
        };
        b.add(
            &mut ctx,
            c,
            row,
            // Active-active keeps a full copy (cross-region replica) in the second region.
            Usage {
                count: nreg,
                storage_gb: storage_gb * nreg,
                backup_gb,
                basis: vec![storage_basis.clone()],
                ..Default::default()
            },
        );
        if replicas > 0 {
            let single = slots
                .db
                .iter()
                .find(|r| r.zones == 1)
                .unwrap_or(row)
                .clone();
            let lines = cost::lines(
                &mut ctx,
                "db",
                &single,
                &Usage {
                    count: replicas as f64,
                    ..Default::default()
                },
            );
            b.extra_lines("db", lines);
        }
        b.link("app", "db", &data::db_port(tech), "reads/writes", "data");
        stores.push(data::store(
            &ctx,
            "db",
            "relational_db",
            Some(tech.clone()),
            row,
            replicas,
            Some(ctx.storage_gb.figure("GB")),
            &slots.db,
            why,
        ));
        // Recovery-region database for tiers that keep data there.
        if let Some(sec) = &secondary {
            let dr_regions = vec![sec.clone()];
            match drp.tier {
                DrTier::PilotLight | DrTier::WarmStandby => {
                    let single = slots
                        .db
                        .iter()
                        .find(|r| r.zones == 1)
                        .unwrap_or(row)
                        .clone();
                    let c = comp(
                        "dr-db",
                        &single,
                        "Cross-region replica kept in sync for failover",
                        format!("cross-region read replica of {} in {sec}", row.service),
                        1,
                        loc(1, "zonal", &dr_regions),
                        false,
                        vec![ctx.rto_s.basis.clone(), ctx.rpo_s.basis.clone()],
                    );
                    b.add(
                        &mut ctx,
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
                        "replication",
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
                    loc(sel.zones, "regional", &dr_regions),
                    false,
                    vec![ctx.rto_s.basis.clone()],
                );
                c.service = app_row.service.clone();
                b.add(
                    &mut ctx,
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
                &mut ctx,
                "db",
                &row,
                &Usage {
                    egress_gb: storage_gb,
                    basis: vec![storage_basis.clone()],
                    ..Default::default()
                },
            );
            b.extra_lines("db", lines);
        }
    }
    let mut caching = Vec::new();
    if let (Some(row), Some((tech, why))) = (&cache_row, &cache_need) {
        let mut c = comp(
            "cache",
            row,
            &format!("{} cache in front of the database (cache-aside)", tech),
            format!("{}; TTL {} s", row.config, d.cache_ttl_s),
            row.nodes.unwrap_or(1),
            loc(
                row.zones.max(1),
                if row.zones >= 2 { "regional" } else { "zonal" },
                &regions[..1],
            ),
            false,
            why.clone(),
        );
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
            &mut ctx,
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
            "data",
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
            &ctx,
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
        let msgs = ctx.avg_rps() * cost::MONTH_S * d.messages_per_request;
        let mut c = comp(
            "queue",
            row,
            &format!(
                "Asynchronous work ({tech}) between producers and consumers, with a dead-letter queue"
            ),
            row.config.clone(),
            row.nodes.unwrap_or(1),
            loc(row.zones.max(1), "regional", &regions),
            true,
            why.clone(),
        );
        c.technology = Some(tech.clone());
        c.alternatives = vec![Alternative {
            option: "synchronous calls".into(),
            why_not: "the application architecture chooses a queue".into(),
        }];
        let basis = vec![ctx.avg_ratio.basis.clone(), ctx.throughput.basis.clone()];
        b.add(
            &mut ctx,
            c,
            row,
            Usage {
                count: 1.0,
                requests_m: msgs * 3.0 / 1e6,
                messages_tib: msgs * d.message_kb / 1024f64.powi(3),
                basis,
                ..Default::default()
            },
        );
        b.link("app", "queue", "HTTPS", "publish", "data");
        b.link("queue", "app", "HTTPS", "consume", "data");
        stores.push(data::store(
            &ctx,
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
    if (storage_need.is_some() || compliance_archive)
        && let Some(row) = ctx.cat.first("object_storage").cloned()
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
            loc(row.zones, "regional", &regions[..1]),
            false,
            why.clone(),
        );
        b.add(
            &mut ctx,
            c,
            &row,
            Usage {
                storage_gb: gb,
                basis: vec![storage_basis.clone()],
                ..Default::default()
            },
        );
        if storage_need.is_some() {
            b.link("app", "storage", "HTTPS", "objects", "data");
            if edge {
                b.link("cdn", "storage", "HTTPS", "asset origin", "request");
            }
        }
        stores.push(data::store(
            &ctx,
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
        let lines = cost::lines(
            &mut ctx,
            "lb",
            &row,
            &Usage {
                egress_gb: egress,
                basis: usage_basis.clone(),
                ..Default::default()
            },
        );
        b.extra_lines("lb", lines);
    }

    // Security and operations services.
    let cmk = ctx.frameworks.iter().any(|(f, _)| f.customer_managed_keys);
    let strict = !ctx.frameworks.is_empty();
    let comp_ids: Vec<String> = ctx
        .frameworks
        .iter()
        .flat_map(|(_, ids)| ids.clone())
        .collect();
    let mut ops: Vec<(&str, &str, &str, Vec<String>)> = vec![(
        "secrets",
        "secrets",
        "Stores database credentials and API keys; rotated automatically",
        vec![],
    )];
    if cmk {
        ops.push((
            "kms",
            "kms",
            "Customer-managed keys for data stores, backups and logs",
            comp_ids.clone(),
        ));
    }
    ops.push(("logs", "logs", "Central structured logs", vec![]));
    ops.push((
        "metrics",
        "metrics",
        "Metrics, SLO burn-rate alerts and dashboards",
        vec![ctx.availability.basis.clone()],
    ));
    ops.push((
        "tracing",
        "tracing",
        "Distributed traces of sampled requests",
        vec![ctx.latency_ms.basis.clone()],
    ));
    ops.push(("audit", "audit_log", "Control-plane audit trail", vec![]));
    if strict {
        ops.push((
            "threat",
            "threat_detection",
            "Threat detection on audit, network and DNS logs",
            comp_ids.clone(),
        ));
        ops.push((
            "config",
            "config_monitoring",
            "Records configuration changes and flags drift",
            comp_ids.clone(),
        ));
    }
    if pkind != PlatformKind::Functions {
        ops.push((
            "registry",
            "registry",
            "Container images, scanned on push",
            vec![],
        ));
    }
    ops.push((
        "cicd",
        "ci_cd",
        "Builds, tests, scans and deploys every change",
        vec![],
    ));
    for (id, role, purpose, why) in ops {
        if let Some(row) = ctx.cat.first(role).cloned() {
            let c = comp(
                id,
                &row,
                purpose,
                row.config.clone(),
                1,
                loc(0, "regional", &regions[..1]),
                false,
                why,
            );
            b.add(&mut ctx, c, &row, Usage::default());
        }
    }
    b.link(
        "app",
        "secrets",
        "HTTPS",
        "read secrets at start",
        "control",
    );
    b.link("app", "logs", "HTTPS", "logs", "telemetry");
    b.link("app", "metrics", "HTTPS", "metrics", "telemetry");
    b.link("app", "tracing", "OTLP", "traces", "telemetry");
    if pkind != PlatformKind::Functions {
        b.link("cicd", "registry", "HTTPS", "push image", "control");
        b.link("registry", "app", "HTTPS", "pull image", "control");
    } else {
        b.link("cicd", "app", "HTTPS", "deploy", "control");
    }

    // Availability with the chosen rows.
    let mut soft = Vec::new();
    if cache_row.is_some() {
        soft.push("Cache excluded from the product: a soft dependency, the application falls back to the database on a miss or outage (AWS-REL-AVAIL)".to_string());
    }
    if edge {
        soft.push(
            "CDN excluded: it serves static assets only; API requests do not pass through it"
                .to_string(),
        );
    }
    if ctx.public {
        soft.push("WAF excluded: it is attached to the entry point and has no SLA of its own in the catalog".to_string());
    }
    let ids = topology::PathIds {
        lb: "lb",
        cluster: sel.cluster.as_ref().map(|_| "cluster"),
        compute: "app",
        db: sel.db.as_ref().map(|_| "db"),
        queue: sel.queue.as_ref().map(|_| "queue"),
    };
    let availability = topology::availability(&mut ctx, &sel, &ids, &soft);
    // SLAs on components.
    for c in &mut b.components {
        if let Some(t) = availability.terms.iter().find(|t| t.component == c.id) {
            let row = ctx.cited.get(&t.catalog_id);
            if let Some(r) = row
                && let (Some(src), Some(as_of)) = (&r.sla_source, &r.sla_as_of)
            {
                c.sla = Some(ComponentSla {
                    pct: t.sla_pct,
                    config: r.config.clone(),
                    catalog_id: t.catalog_id.clone(),
                    source: src.clone(),
                    as_of: as_of.clone(),
                    verified: r.verified,
                });
            }
        }
    }

    let topo = topology_decision(&ctx, &sel, &availability, &regions, &drp);
    let platform_decision = PlatformDecision {
        kind: pkind,
        service: b
            .components
            .iter()
            .find(|c| c.id == "app")
            .map(|c| c.service.clone())
            .unwrap_or_default(),
        decision: Decision {
            choice: format!(
                "{} ({})",
                sel.cluster
                    .as_ref()
                    .map(|c| c.service.clone())
                    .unwrap_or_else(|| sel.compute.service.clone()),
                platform::kind_name(pkind)
            ),
            rationale: p_text.clone(),
            why: p_why.clone(),
            alternatives: platform::alternatives(pkind, mandated, &ctx),
        },
    };

    let lb = vec![LoadBalancer {
        component: "lb".into(),
        name: sel.lb.service.clone(),
        lb_type: sel
            .lb
            .lb_type
            .clone()
            .unwrap_or_else(|| "Layer 7 (HTTPS)".into()),
        algorithm: if pkind == PlatformKind::Functions {
            "provider-managed (per-request invocation)".into()
        } else {
            "least outstanding requests".into()
        },
        health_check: format!(
            "GET /healthz every 10 s; unhealthy after 3 failures; timeout {} ms",
            crate::numfmt::trim(ctx.latency_ms.value.max(1000.0))
        ),
    }];

    let data_tier = DataTier { stores };
    let security = security::plan(
        &mut ctx,
        &b.components,
        pkind,
        sel.zones,
        &regions,
        secondary.as_deref(),
    );
    let compliance = security::compliance(&ctx, &b.components, &primary, drp.backup.retention_days);
    let observability = observability::plan(
        &ctx,
        &b.components,
        &cap,
        cache_row.is_some(),
        sel.queue.is_some(),
        drp.tier,
    );

    let cost_model = b.cost(&mut ctx, &sel, &availability);
    let deployment = delivery::deployment(
        &mut ctx,
        pkind,
        &b.components,
        &cap,
        sel.zones,
        &cost_model,
        multi_region,
    );
    let operations = delivery::operations(
        &mut ctx,
        &deployment,
        &drp,
        &observability,
        pkind,
        sel.db.is_some(),
        sel.db.as_ref().is_some_and(|r| {
            r.zones >= 2 || r.ha_mode.as_deref().is_some_and(|h| h.contains("HA"))
        }),
        multi_region,
    );
    let governance = delivery::governance(&ctx, &primary);

    let mut design = Design {
        schema: DESIGN_SCHEMA.to_string(),
        feature: reqs.feature.clone(),
        provider: ctx.cat.provider,
        provider_name: ctx.cat.name.clone(),
        region: RegionPlan {
            primary: primary.clone(),
            secondary: secondary.clone(),
            residency: residency.as_ref().map(|r| r.0.clone()),
            why: region_why,
        },
        project: ProjectKnowledge {
            cloud_provider: project.cloud_provider.clone(),
            deployment_platform: project.deployment_platform.clone(),
            tech_stack: project.tech_stack.clone(),
            architecture_pattern: project.architecture_pattern.clone(),
            source_dirs: project.source_dirs.clone(),
            region: project.region.clone(),
            iac_tool: project.iac_tool.clone(),
            notes: project.notes.clone(),
            existing_system: project.existing_system.clone(),
            file: project.file.clone(),
        },
        sources: reqs.sources.clone(),
        summary: vec![],
        requirements: vec![],
        assumptions: vec![],
        constraints: vec![],
        catalog: CatalogInfo {
            provider: ctx.cat.provider,
            override_file: ctx.cat.override_file.clone(),
            rows: vec![],
        },
        platform: platform_decision,
        topology: topo,
        components: b.components,
        external_nodes: vec![ExternalNode {
            id: external.0.into(),
            name: external.1.into(),
        }],
        links: b.links,
        availability,
        capacity: cap,
        load_balancing: lb,
        caching,
        dr: drp,
        data: data_tier,
        security,
        observability,
        cost: cost_model,
        deployment,
        operations,
        compliance,
        governance,
        risks: vec![],
        open_questions: vec![],
        adrs: vec![],
    };
    questions::finish(&mut ctx, &mut design);
    design.requirements = questions::requirement_uses(&ctx);
    design.assumptions = std::mem::take(&mut ctx.assumptions);
    design.open_questions = std::mem::take(&mut ctx.questions);
    design.catalog.rows = ctx.cited.values().cloned().collect();
    Ok(design)
}

fn known_geo(ctx: &Ctx, geo: &str) -> bool {
    ctx.cat.region_in_geo(geo).is_some()
}

fn region(ctx: &mut Ctx, residency: Option<&(String, Vec<String>)>) -> (String, Vec<String>) {
    if let Some(r) = ctx.project.region.clone() {
        if let Some((geo, ids)) = residency
            && let Some(known) = ctx.cat.region(&r)
            && known_geo(ctx, geo)
            && !known.geo.eq_ignore_ascii_case(geo)
        {
            let q = format!(
                "infrarch.toml sets region {r}, outside the required residency {geo}: the design uses a {geo} region instead; confirm"
            );
            ctx.question(q, QuestionReason::Conflict, ids.clone());
        } else {
            return (r, vec!["infrarch.toml region".into()]);
        }
    }
    if let Some((geo, ids)) = residency {
        if let Some(r) = ctx.cat.region_in_geo(geo) {
            return (r.name.clone(), ids.clone());
        }
        let q = format!(
            "Residency `{geo}` matches no region in the {} catalog: which region satisfies it?",
            ctx.cat.provider
        );
        ctx.question(q, QuestionReason::Tradeoff, ids.clone());
    }
    let def = ctx.cat.default_region.clone();
    let a = ctx.assume("primary region", def.clone(), "no residency or project region stated; the catalog's reference region, where its prices were read".into());
    (def, vec![a])
}

#[allow(clippy::too_many_arguments)]
fn comp(
    id: &str,
    row: &Row,
    purpose: &str,
    configuration: String,
    count: u32,
    placement: Placement,
    critical: bool,
    why: Vec<String>,
) -> Component {
    Component {
        id: id.into(),
        name: row.service.clone(),
        role: row.role.clone(),
        service: row.service.clone(),
        technology: None,
        purpose: purpose.into(),
        configuration,
        count,
        placement,
        critical_path: critical,
        sla: None,
        monthly_cost: 0.0,
        why,
        alternatives: vec![],
    }
}

fn topology_decision(
    ctx: &Ctx,
    sel: &topology::Selection,
    av: &Availability,
    regions: &[String],
    drp: &DisasterRecovery,
) -> Topology {
    let multi_region = sel.regions > 1;
    let multi_az = sel.zones > 1;
    let choice = match (multi_region, multi_az) {
        (true, _) => format!(
            "Two active regions ({}) with {} zones each",
            regions.join(", "),
            sel.zones
        ),
        (false, true) => format!(
            "One region ({}) across {} availability zones",
            regions[0], sel.zones
        ),
        (false, false) => format!("One region ({}), one zone", regions[0]),
    };
    let mut alternatives = Vec::new();
    if multi_region {
        alternatives.push(Alternative {
            option: "single region, multi-AZ".into(),
            why_not: format!(
                "no single-region combination of catalog services reaches {}%",
                crate::numfmt::trim(ctx.availability.value)
            ),
        });
    } else {
        alternatives.push(Alternative { option: "second active region".into(), why_not: format!("{}% is already met in one region; a second would double cost for availability the target does not ask for", crate::numfmt::trim(ctx.availability.value)) });
        if multi_az {
            alternatives.push(Alternative {
                option: "single zone".into(),
                why_not: format!(
                    "single-zone SLAs multiply to less than {}%",
                    crate::numfmt::trim(ctx.availability.value)
                ),
            });
        }
    }
    let failover = if multi_region || multi_az {
        FailoverMode::Automatic
    } else {
        FailoverMode::Manual
    };
    let failover_text = match (multi_region, multi_az) {
        (true, _) => format!(
            "Automatic: health-checked DNS removes a failed region; database writer promoted in the surviving region (RTO target {})",
            context::duration(ctx.rto_s.value)
        ),
        (false, true) => format!(
            "Automatic within the region: the load balancer drains a failed zone and the database fails over to its standby; region loss follows the {} plan (RTO target {})",
            drp.tier.label(),
            context::duration(ctx.rto_s.value)
        ),
        (false, false) => format!(
            "Manual: restore per the {} plan (RTO target {})",
            drp.tier.label(),
            context::duration(ctx.rto_s.value)
        ),
    };
    let mut redundancy = Vec::new();
    for t in &av.terms {
        redundancy.push(format!(
            "{}: SLA {}%{}",
            t.name,
            crate::numfmt::trim(t.sla_pct),
            if t.copies > 1 {
                format!(
                    ", {} regional copies ⇒ {}%",
                    t.copies,
                    math::pct_text(t.effective_pct / 100.0)
                )
            } else {
                String::new()
            }
        ));
    }
    if sel.zones > 1 {
        redundancy.push(format!("Application instances spread over {} zones so that {} zones carry peak (static stability)", sel.zones, sel.zones - 1));
    }
    Topology {
        regions: regions.to_vec(),
        multi_region,
        zones_per_region: sel.zones,
        multi_az,
        failover,
        failover_text,
        redundancy,
        decision: Decision {
            choice,
            rationale: format!(
                "Composite availability {}% vs target {}%: the least complex topology whose catalog SLAs meet it{}",
                math::pct_text(av.composite_pct / 100.0),
                crate::numfmt::trim(ctx.availability.value),
                if av.meets_target {
                    ""
                } else {
                    " (none does; the most available one is used and the shortfall is a risk)"
                }
            ),
            why: vec![ctx.availability.basis.clone()],
            alternatives,
        },
    }
}

/// Collects components, links and cost lines as they are decided.
#[derive(Default)]
struct Builder {
    components: Vec<Component>,
    links: Vec<Link>,
    lines: Vec<CostLine>,
    unpriced: Vec<Unpriced>,
}

impl Builder {
    fn add(&mut self, ctx: &mut Ctx, mut c: Component, row: &Row, usage: Usage) {
        let lines = cost::lines(ctx, &c.id, row, &usage);
        if c.alternatives.is_empty() {
            c.alternatives = default_alternatives(&c.id);
        }
        if let Some(sla) = &row.sla {
            c.sla = Some(ComponentSla {
                pct: sla.pct,
                config: row.config.clone(),
                catalog_id: ctx.cat.ref_id(row),
                source: sla.source.clone(),
                as_of: sla.as_of.clone(),
                verified: sla.verified && row.verified,
            });
        }
        // A row whose prices are all in units this design has no usage for
        // (log GB ingested, keys, rules) is as unpriced as a row without
        // prices: name it rather than count it as $0.
        if row.prices.is_empty() || (lines.is_empty() && row.prices.iter().any(|p| p.usd > 0.0)) {
            self.unpriced.push(Unpriced {
                component: c.id.clone(),
                service: row.service.clone(),
                reason: if row.prices.is_empty() {
                    if row.note.is_empty() {
                        "no price in the catalog".into()
                    } else {
                        row.note.clone()
                    }
                } else {
                    let units: Vec<&str> = row.prices.iter().map(|p| p.unit.as_str()).collect();
                    format!(
                        "priced per {} in the catalog; usage not estimated",
                        units.join(", ")
                    )
                },
            });
        }
        c.monthly_cost = cost::sum(&lines);
        self.lines.extend(lines);
        self.components.push(c);
    }

    fn extra_lines(&mut self, id: &str, lines: Vec<CostLine>) {
        let extra = cost::sum(&lines);
        if let Some(c) = self.components.iter_mut().find(|c| c.id == id) {
            c.monthly_cost = math::cents(c.monthly_cost + extra);
        }
        self.lines.extend(lines);
    }

    fn link(&mut self, from: &str, to: &str, protocol: &str, label: &str, kind: &str) {
        self.links.push(Link {
            from: from.into(),
            to: to.into(),
            protocol: protocol.into(),
            label: label.into(),
            kind: kind.into(),
        });
    }

    fn cost(&self, ctx: &mut Ctx, sel: &topology::Selection, av: &Availability) -> Cost {
        let total = cost::sum(&self.lines);
        let budget = ctx.budget.clone();
        let over = budget.as_ref().is_some_and(|b| total > b.value);
        let mut savings = Vec::new();
        // Cheaper catalog variants of request-path rows, with what they do to availability.
        let target = ctx.availability.value;
        let slots: [(&str, Option<&Row>); 2] =
            [("db", sel.db.as_ref()), ("app", Some(&sel.compute))];
        for (id, row) in slots {
            let Some(row) = row else { continue };
            let current: f64 = self
                .lines
                .iter()
                .filter(|l| l.component == id && l.catalog_id == ctx.cat.ref_id(row))
                .map(|l| l.monthly)
                .sum();
            for alt in ctx.cat.rows_for(&row.role).filter(|r| {
                r.id != row.id
                    && ctx.allowed(r)
                    && (row.technologies.is_empty()
                        || r.technologies.iter().any(|t| row.implements(t)))
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
                let trade = if new_pct + 1e-10 >= target {
                    format!(
                        "composite becomes {}%, still meets {}%",
                        math::pct_text(new_pct / 100.0),
                        crate::numfmt::trim(target)
                    )
                } else {
                    format!(
                        "composite falls to {}%, below the {}% target",
                        math::pct_text(new_pct / 100.0),
                        crate::numfmt::trim(target)
                    )
                };
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
        if sel.regions > 1 {
            let secondary_share: f64 = self
                .components
                .iter()
                .filter(|c| c.placement.regions.len() > 1 && c.placement.scope != "global")
                .map(|c| c.monthly_cost / 2.0)
                .sum();
            savings.push(Saving {
                component: "topology".into(),
                action: "Run one region with multi-AZ and keep the second as pilot light".into(),
                monthly_saving: math::cents(secondary_share),
                trade_off: format!(
                    "composite falls below {}% (single-region SLAs cannot reach it)",
                    crate::numfmt::trim(target)
                ),
            });
        }
        let compute: f64 = self
            .lines
            .iter()
            .filter(|l| l.component == "app")
            .map(|l| l.monthly)
            .sum();
        if compute > 0.0 {
            let instances = self
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
            strategies.push(format!("Commit to steady compute (the {} minimum instances) with the provider's savings plans once a month of usage confirms it", self.components.iter().find(|c| c.id == "app").map(|c| c.count).unwrap_or(0)));
        }
        if !self.unpriced.is_empty() {
            strategies.push(format!("Price the {} usage-billed services left out of the total ({}) before budget sign-off", self.unpriced.len(), self.unpriced.iter().map(|u| u.component.as_str()).collect::<Vec<_>>().join(", ")));
        }
        if !self.unpriced.is_empty() {
            let list = self
                .unpriced
                .iter()
                .map(|u| u.service.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            ctx.question(format!("The catalog has no sourced price for {list}; the {} total excludes them. What do they cost at this usage?", crate::numfmt::usd(total)), QuestionReason::Assumption, vec![]);
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
            lines: self.lines.clone(),
            usage_assumptions: usage.into_iter().filter(|b| b.starts_with('A')).collect(),
            total_monthly: total,
            unpriced: self.unpriced.clone(),
            budget: budget.as_ref().map(|b| b.figure("USD/month")),
            over_budget: over,
            budget_delta: budget.as_ref().map(|b| math::cents(total - b.value)),
            savings,
            strategies,
        }
    }
}

/// Requirement kinds the design reads, for the requirements echo.
pub const USED_KINDS: [Kind; 12] = Kind::ALL;

/// What a supporting component replaces, for components whose choice is not
/// driven by a requirement number.
fn default_alternatives(id: &str) -> Vec<Alternative> {
    let alt = |option: &str, why_not: &str| Alternative {
        option: option.into(),
        why_not: why_not.into(),
    };
    match id {
        "dns" => vec![alt(
            "DNS outside the provider",
            "no health-checked failover records tied to the load balancers",
        )],
        "waf" => vec![alt(
            "no WAF",
            "leaves the public endpoint open to OWASP top-10 attacks and request floods",
        )],
        "nat" => vec![alt(
            "private endpoints only",
            "third-party APIs and package mirrors still need outbound internet",
        )],
        "secrets" => vec![alt(
            "environment variables or config files",
            "secrets leak through images, logs and IaC state and cannot rotate",
        )],
        "kms" => vec![alt(
            "provider-managed keys",
            "the stated framework expects keys under the customer's control and logged use",
        )],
        "logs" => vec![alt(
            "self-hosted ELK/Loki",
            "another stateful system to run for no requirement it serves better",
        )],
        "metrics" => vec![alt(
            "self-hosted Prometheus/Grafana",
            "more to operate; the provider service already has the load balancer and database metrics",
        )],
        "tracing" => vec![alt("self-hosted Jaeger", "another stateful system to run")],
        "audit" => vec![alt(
            "no audit trail",
            "control-plane changes would be untraceable",
        )],
        "threat" => vec![alt(
            "manual log review",
            "does not scale to the framework's monitoring expectation",
        )],
        "config" => vec![alt(
            "periodic manual review",
            "drift between reviews goes unnoticed",
        )],
        "registry" => vec![alt(
            "public registry",
            "images and their vulnerabilities exposed; pulls rate-limited",
        )],
        "cicd" => vec![alt(
            "the team's existing CI (GitHub Actions, GitLab CI)",
            "equally valid when the team already runs it; the provider service is the default without project knowledge",
        )],
        "storage" => vec![alt(
            "database BLOBs",
            "bloats backups and the database for data object storage serves cheaper",
        )],
        "cluster" => vec![alt(
            "self-managed Kubernetes on VMs",
            "control-plane upgrades, etcd backups and certificates to run by hand",
        )],
        "dr-db" | "dr-app" => vec![alt(
            "backups only",
            "cannot meet the RTO/RPO that chose this DR tier",
        )],
        _ => vec![],
    }
}
