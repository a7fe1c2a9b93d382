//! Availability: the composite of the placed request path (soft
//! dependencies excluded, with the reason), the SLAs cited on components, the
//! topology decision with its alternatives, and load balancing.

use super::Plan;
use crate::design::availability::RegionDecision;
use crate::design::context::Ctx;
use crate::design::model::*;
use crate::design::{math, platform, topology};
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let pick = p.platform()?.clone();
    let (pkind, p_why, p_text, mandated) = (pick.kind, pick.why, pick.text, pick.mandated);
    let sel = p.sel()?.clone();
    let drp = p.drp()?.clone();
    let regions = p.regions.clone();
    let cache_row = p.cache_row.clone();
    let edge = p.edge;
    let region_decision = p.region_decision.clone();
    let queue_soft = p.slots.as_ref().is_some_and(|s| s.queue_soft);
    let (slots_extra, off_path) = p
        .slots
        .as_ref()
        .map(|s| (s.extra.clone(), s.off_path.clone()))
        .unwrap_or_default();
    let b = &mut p.b;
    let ctx = &mut p.ctx;
    let mut soft = Vec::new();
    if cache_row.is_some() {
        soft.push("Cache excluded from the product: a soft dependency, the application falls back to the database on a miss or outage (AWS-REL-AVAIL)".to_string());
    }
    if let Some(q) = sel.queue.as_ref().filter(|_| queue_soft) {
        soft.push(format!(
            "{} excluded: a soft dependency, requests do not wait on the asynchronous work; producers write the message to an outbox table in the same transaction and a relay publishes it, so a queue outage delays work instead of failing requests (AWS-REL-AVAIL)",
            q.service
        ));
    }
    if edge {
        soft.push(
            "CDN excluded: it serves static assets only; API requests do not pass through it"
                .to_string(),
        );
    }
    if b.get("waf").is_some() {
        soft.push("WAF excluded: it is attached to the entry point and has no SLA of its own in the catalog".to_string());
    }
    // The blueprints' other hard dependencies, as placed: the component
    // that fills each slot (its own id, or an earlier component of the
    // role) and the row it was priced on; a slot the catalog has no row for
    // keeps its named service and is stated as having no SLA.
    let extra: Vec<topology::ChainDep> = slots_extra
        .iter()
        .map(|d| {
            let placed = b
                .get(&d.id)
                .or_else(|| b.components.iter().find(|c| c.role.as_str() == d.role));
            match placed {
                Some(c) => topology::ChainDep {
                    id: c.id.clone(),
                    role: d.role.clone(),
                    service: c.service.clone(),
                    row: b.row_of(&c.id).cloned(),
                    missing: d.missing.clone(),
                },
                None => d.clone(),
            }
        })
        .collect();
    if !off_path.is_empty() {
        soft.push(format!(
            "Off the request path, so not in the product: {}; requests do not call them, and each is judged by its own objective (its deadline or lag, section 8)",
            off_path.join(", ")
        ));
    }
    let ids = topology::PathIds {
        // Public DNS is on the path of a public system; an internal one is
        // named in the private zone of its private access (as before).
        dns: b.get("dns").is_some().then_some("dns"),
        lb: b.get("lb").is_some().then_some("lb"),
        cluster: sel.cluster.as_ref().map(|_| "cluster"),
        compute: "app",
        db: sel.db.as_ref().map(|_| "db"),
        queue: sel.queue.as_ref().filter(|_| !queue_soft).map(|_| "queue"),
        extra: &extra,
    };
    let availability = topology::availability(ctx, &sel, &ids, &soft);
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

    let topo = topology_decision(
        ctx,
        &sel,
        &availability,
        &regions,
        &drp,
        region_decision.as_ref(),
    );
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
            alternatives: platform::alternatives(pkind, mandated, ctx),
        },
    };

    let lb = if b.get("lb").is_none() {
        vec![]
    } else {
        vec![LoadBalancer {
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
        }]
    };
    p.availability = Some(availability);
    p.topology = Some(topo);
    p.platform_decision = Some(platform_decision);
    p.load_balancing = lb;
    Ok(())
}

fn topology_decision(
    ctx: &Ctx,
    sel: &topology::Selection,
    av: &Availability,
    regions: &[String],
    drp: &DisasterRecovery,
    regions_why: Option<&RegionDecision>,
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
            why_not: match regions_why.and_then(|r| r.reasoning.last()) {
                Some(last) => last.clone(),
                None => format!(
                    "the RTO/RPO need both regions serving (active-active) for {}%",
                    crate::numfmt::trim(ctx.availability.value)
                ),
            },
        });
    } else {
        // Why one region: the serving-region reasoning (a stated target
        // within one region's design range, or an assumed target), not a
        // claim that the SLA product meets it.
        let why_not = match regions_why.and_then(|r| r.reasoning.last()) {
            Some(last) => {
                format!("{last}; a second region would double the cost of the request path")
            }
            None => format!(
                "{}% needs no second region; a second would double cost for availability the target does not ask for",
                crate::numfmt::trim(ctx.availability.value)
            ),
        };
        alternatives.push(Alternative {
            option: "second active region".into(),
            why_not,
        });
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
            crate::numfmt::duration(ctx.rto_s.value)
        ),
        (false, true) => format!(
            "Automatic within the region: the load balancer drains a failed zone and the database fails over to its standby; region loss follows the {} plan (RTO target {})",
            drp.tier.label(),
            crate::numfmt::duration(ctx.rto_s.value)
        ),
        (false, false) => format!(
            "Manual: restore per the {} plan (RTO target {})",
            drp.tier.label(),
            crate::numfmt::duration(ctx.rto_s.value)
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
            rationale: {
                let mut r = format!(
                    "SLA floor {}% (the product of the hard dependencies' published SLAs: a floor, not a forecast) vs target {}%",
                    math::pct_text(av.composite_pct / 100.0),
                    crate::numfmt::trim(ctx.availability.value),
                );
                if let Some(rd) = regions_why {
                    for step in rd.reasoning.iter().skip(1) {
                        r.push_str(". ");
                        r.push_str(step);
                    }
                    if let Some(g) = &rd.gap
                        && !multi_region
                    {
                        r.push_str(&format!(
                            ". The floor is {} min/month below the target; options: {}",
                            crate::numfmt::trim((g.minutes * 10.0).round() / 10.0),
                            g.options.join("; ")
                        ));
                    }
                    if let Some(c) = &rd.caveat
                        && multi_region
                    {
                        r.push_str(". ");
                        r.push_str(c);
                    }
                }
                r
            },
            why: vec![ctx.availability.basis.clone()],
            alternatives,
        },
    }
}
