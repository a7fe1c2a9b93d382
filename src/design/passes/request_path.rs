//! The request path: DNS, the edge (CDN, WAF) for public systems, the entry
//! point, the application tier and outbound access for private instances.
//! A feature without ingress (only streams, queues and schedules feed it)
//! gets the application tier and outbound access alone.

use super::Plan;
use super::build::{comp, loc};
use crate::design::cost::{self, Usage};
use crate::design::model::*;
use crate::design::{platform, sizing};
use crate::error::Result;

/// A catalog configuration that leaves the load balancer's scheme open
/// ("internet-facing or internal") with the one the exposure decided; a
/// configuration that is one scheme already is kept.
pub fn with_scheme(config: &str, public: bool) -> String {
    let scheme = if public {
        "internet-facing"
    } else {
        "internal"
    };
    let open = ["internet-facing or internal", "internal or internet-facing"];
    match open.iter().find(|o| config.contains(*o)) {
        Some(o) => config.replace(o, scheme),
        None => config.to_string(),
    }
}

pub fn run(p: &mut Plan) -> Result<()> {
    let pick = p.platform()?.clone();
    let (pkind, p_why, mandated) = (pick.kind, pick.why, pick.mandated);
    let sel = p.sel()?.clone();
    let cap = p.cap()?.clone();
    let regions = p.regions.clone();
    let multi_region = p.multi_region();
    let per_node = p.per_node;
    let cdn = p.cdn && p.ingress;
    let ingress = p.ingress;
    // A blueprint whose front door is a managed API gateway (the chosen
    // serverless stack) places it; the requests enter there, not through a
    // load balancer in front of functions.
    let gateway_front = super::workloads::gateway_front(&p.workloads);
    let entry = if gateway_front { "apigw" } else { "lb" };
    // The entry point as the text names it: a web ACL attaches to it.
    let entry_name = if gateway_front {
        p.slots
            .as_ref()
            .and_then(|s| s.extra.iter().find(|d| d.role == Role::ApiGateway.as_str()))
            .map_or_else(
                || "the API gateway".to_string(),
                |d| format!("the API gateway ({})", d.service),
            )
    } else {
        "the load balancer".to_string()
    };
    let b = &mut p.b;
    let ctx = &mut p.ctx;
    let d = &ctx.rules.defaults;
    let exposure_basis = ctx.exposure_basis.clone();
    // Components, links and cost.
    let nreg = sel.regions as f64;
    let egress = cost::egress_gb(ctx);
    let req_m = cost::requests_m(ctx);
    let usage_basis = vec![
        ctx.avg_ratio.basis.clone(),
        ctx.response_kb.basis.clone(),
        ctx.throughput.basis.clone(),
    ];
    let external = if !ingress {
        ("upstream", "Upstream systems")
    } else if ctx.public {
        ("internet", "Internet users")
    } else {
        ("corporate-network", "Corporate network / VPN")
    };

    // Public DNS only for a public system: an internal one is reached through
    // private access (the internal blueprint's private endpoint and its
    // private DNS zone), never through a public zone.
    if ctx.public {
        let dns_row = sel.dns.clone();
        b.add(
            ctx,
            comp(
                "dns",
                &dns_row,
                "Resolves the service name; health-checked records fail over between endpoints",
                "public zone".into(),
                1,
                loc(0, Scope::Global, &regions),
                true,
                vec![exposure_basis.clone()],
            )?,
            &dns_row,
            Usage {
                count: 1.0,
                ..Default::default()
            },
        );
        b.link(external.0, "dns", "DNS", "name lookup", LinkKind::Request);
    }
    let edge = if cdn {
        let row = ctx.cat.first("cdn").cloned();
        if let Some(row) = row {
            let mut c = comp(
                "cdn",
                &row,
                "Serves static front-end assets from the edge, off the API request path",
                row.config.clone(),
                1,
                loc(0, Scope::Global, &regions),
                false,
                crate::design::data::cdn_why(ctx),
            )?;
            c.alternatives = vec![Alternative {
                option: "serve assets from the application".into(),
                why_not: "puts static traffic on the instances sized for API requests".into(),
            }];
            b.add(
                ctx,
                c,
                &row,
                Usage {
                    egress_gb: egress * 0.5,
                    basis: usage_basis.clone(),
                    ..Default::default()
                },
            );
            b.link(
                external.0,
                "cdn",
                "HTTPS",
                "static assets",
                LinkKind::Request,
            );
        }
        true
    } else {
        false
    };
    if !ingress {
        // No entry point: the blueprints link their own entry (the stream,
        // the queue, the landing bucket) to the upstream systems.
    } else if ctx.public
        && let Some(row) = ctx.cat.first("waf").cloned()
    {
        let c = comp(
            "waf",
            &row,
            "Filters the public endpoint: OWASP managed rules and per-IP rate limiting",
            row.config.replace("the entry point", &entry_name),
            1,
            loc(0, Scope::Global, &regions),
            false,
            vec![exposure_basis.clone()],
        )?;
        b.add(ctx, c, &row, Usage::default());
        b.link(
            external.0,
            "waf",
            "HTTPS",
            "API requests",
            LinkKind::Request,
        );
        b.link("waf", entry, "HTTPS", "allowed requests", LinkKind::Request);
    } else {
        b.link(
            external.0,
            entry,
            "HTTPS",
            "API requests",
            LinkKind::Request,
        );
    }
    // The entry point: only where the feature answers requests (the API
    // gateway, when a blueprint places one, is placed by that blueprint).
    if ingress && !gateway_front {
        let lb_row = sel.lb.clone();
        let lb_scope = if lb_row.zones == 0 {
            Scope::Global
        } else {
            Scope::Regional
        };
        let scheme = with_scheme(&lb_row.config, ctx.public);
        let lb_cfg = if scheme == lb_row.config {
            format!(
                "{}; {}; health check GET /healthz every 10 s",
                lb_row.config,
                if ctx.public { "public" } else { "internal" }
            )
        } else {
            format!("{scheme}; health check GET /healthz every 10 s")
        };
        let mut lbc = comp(
            "lb",
            &lb_row,
            "Terminates TLS and spreads requests over healthy instances in every zone",
            lb_cfg,
            sel.regions,
            loc(sel.zones, lb_scope, &regions),
            true,
            vec![ctx.availability.basis.clone()],
        )?;
        lbc.alternatives = vec![Alternative {
            option: "expose instances directly".into(),
            why_not: "no health-checked failover between zones".into(),
        }];
        let lcu = (ctx.avg_rps() / 25.0).max(1.0).ceil();
        b.add(
            ctx,
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
    }

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
            loc(sel.zones, Scope::Regional, &regions),
            true,
            p_why.clone(),
        )?;
        b.add(
            ctx,
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
            // Pods are packed onto nodes by CPU and memory, zone by zone
            // (sizing::pack), never one pod per node.
            let packing = (pkind == PlatformKind::Kubernetes)
                .then(|| {
                    let vcpu = app_row.vcpu.unwrap_or(2.0);
                    sizing::pack(
                        app_count,
                        sizing::Shape {
                            vcpu: d.instance_vcpu,
                            memory_gb: d.instance_memory_gb,
                        },
                        sizing::Shape {
                            vcpu,
                            memory_gb: app_row.memory_gb.unwrap_or(vcpu * 4.0),
                        },
                        d.node_allocatable,
                        (sel.zones as f64 * nreg) as u32,
                    )
                })
                .flatten();
            let vms = match &packing {
                Some(pk) => f64::from(pk.nodes),
                None if pkind == PlatformKind::Kubernetes => {
                    let nodes = (app_count as f64 / per_node)
                        .ceil()
                        .max(sel.zones as f64 * nreg);
                    ((nodes / (sel.zones as f64 * nreg)).ceil()) * sel.zones as f64 * nreg
                }
                None => app_count as f64,
            };
            (
                if pkind == PlatformKind::Kubernetes {
                    format!(
                        "{} pods of {} across {} zones on {} nodes ({}){}; HPA {}–{} pods per region",
                        app_count,
                        cap.instance_size,
                        sel.zones,
                        vms,
                        app_row.config,
                        packing
                            .as_ref()
                            .map(|pk| format!(": {}", pk.formula))
                            .unwrap_or_default(),
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
        loc(sel.zones, Scope::Regional, &regions),
        true,
        p_why.clone(),
    )?;
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
    appc.alternatives = platform::alternatives(pkind, mandated, ctx);
    b.add(ctx, appc, &app_row, app_usage);
    if ingress {
        b.link(entry, "app", "HTTP", "requests", LinkKind::Request);
    }

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
                format!("{} ({} in total)", row.config, n)
            },
            if gcp { 1 } else { n as u32 },
            loc(sel.zones, Scope::Zonal, &regions),
            false,
            vec![ctx.availability.basis.clone()],
        )?;
        let vms = b
            .components
            .iter()
            .find(|c| c.id == "app")
            .map(|c| c.count as f64)
            .unwrap_or(1.0);
        b.add(
            ctx,
            c,
            &row,
            Usage {
                count: n,
                vms,
                ..Default::default()
            },
        );
        b.link("app", "nat", "HTTPS", "outbound calls", LinkKind::Data);
    }
    p.external = external;
    p.edge = edge;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::with_scheme;

    #[test]
    fn the_load_balancer_names_the_scheme_the_exposure_chose() {
        let cases = [
            (
                "internet-facing or internal, cross-zone",
                true,
                "internet-facing, cross-zone",
            ),
            (
                "internet-facing or internal, cross-zone",
                false,
                "internal, cross-zone",
            ),
            (
                "global external Application Load Balancer",
                true,
                "global external Application Load Balancer",
            ),
        ];
        for (config, public, want) in cases {
            assert_eq!(with_scheme(config, public), want, "{config}");
        }
    }
}
