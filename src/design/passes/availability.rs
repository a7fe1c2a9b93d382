//! Availability: the composite of the placed request path (soft
//! dependencies excluded, with the reason), the SLAs cited on components, the
//! topology decision with its alternatives, and load balancing.

use super::Plan;
use crate::design::availability::RegionDecision;
use crate::design::context::Ctx;
use crate::design::model::*;
use crate::design::vocab::Vocab;
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
        &b.components,
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

/// What happens on a zone failure, from the components the plan has: the
/// entry point, the writer and the other stores on the request path.
fn zone_failover(v: &Vocab, components: &[Component]) -> String {
    let mut parts = Vec::new();
    if v.lb {
        parts.push("the load balancer drains a failed zone".to_string());
    } else if components.iter().any(|c| c.role == Role::ApiGateway) {
        parts.push(format!(
            "{} routes around a failed zone (provider-managed)",
            v.entry
        ));
    } else if let Some(app) = components.iter().find(|c| c.id == "app") {
        // No entry point (a pipeline other systems feed): the application
        // keeps running in the other zones.
        parts.push(format!("{} keeps running in the other zones", app.service));
    }
    if v.relational {
        parts.push("the database fails over to its standby".to_string());
    }
    for c in components.iter().filter(|c| c.critical_path) {
        match c.role {
            Role::InMemoryStore => parts.push(format!(
                "{} promotes its replica in another zone",
                c.service
            )),
            Role::Nosql | Role::ObjectStorage | Role::Stream => parts.push(format!(
                "{} keeps its data in several zones and serves from the others",
                c.service
            )),
            _ => {}
        }
    }
    match parts.len() {
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
    }
}

fn topology_decision(
    ctx: &Ctx,
    sel: &topology::Selection,
    av: &Availability,
    regions: &[String],
    drp: &DisasterRecovery,
    regions_why: Option<&RegionDecision>,
    components: &[Component],
) -> Topology {
    let v = Vocab::of(components);
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
            "Automatic: health-checked DNS removes a failed region; {} (RTO target {})",
            if v.relational {
                "database writer promoted in the surviving region"
            } else {
                "the surviving region serves from its copies of the data stores"
            },
            crate::numfmt::duration(ctx.rto_s.value)
        ),
        (false, true) => format!(
            "Automatic within the region: {}; region loss follows the {} plan (RTO target {})",
            zone_failover(&v, components),
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
    if sel.zones > 1 && !v.functions_only {
        redundancy.push(format!("Application instances spread over {} zones so that {} zones carry peak (static stability)", sel.zones, sel.zones - 1));
    } else if v.functions_only {
        redundancy.push(format!(
            "{} runs executions in every zone of the region itself; a zone loss is absorbed by the provider",
            sel.compute.service
        ));
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

#[cfg(test)]
mod tests {
    use crate::design::testkit::{Set, design};
    use crate::requirements::Kind;

    /// What the floor must count and leave out, per kind of system.
    struct Case {
        name: &'static str,
        set: Set,
        /// Roles whose components are terms of the product.
        counted: &'static [&'static str],
        /// Roles that must not be terms (soft, off the path, or absent).
        not_counted: &'static [&'static str],
        /// Words each of which a step must contain (the stated reasons).
        stated: &'static [&'static str],
        /// The floor in percent, when the case pins it.
        floor_pct: Option<f64>,
        /// How many hard dependencies have no published SLA.
        unpublished: usize,
    }

    fn aws() -> Set {
        Set::new()
            .text(Kind::Cloud, "aws", "We host on AWS.")
            .num(
                Kind::Availability,
                99.9,
                "The service is available 99.9% of the month.",
            )
            .num(Kind::Latency, 300.0, "Requests answer within 300 ms.")
    }

    #[test]
    fn the_floor_counts_hard_dependencies_and_names_the_rest() {
        let cases = vec![
            Case {
                name: "serverless chain: gateway × functions × table, no load balancer",
                set: aws()
                    .chose(
                        "api-gateway",
                        "api_gateway",
                        "Requests enter through Amazon API Gateway.",
                    )
                    .chose("lambda", "functions", "Handlers run on AWS Lambda.")
                    .chose("dynamodb", "nosql", "Stamps live in DynamoDB."),
                counted: &["api_gateway", "functions", "nosql"],
                not_counted: &["load_balancer", "relational_db"],
                stated: &[],
                // 99.95% × 99.95% × 99.99% (Route 53 at 100%).
                floor_pct: Some(99.95 * 99.95 * 99.99 / 10_000.0),
                unpublished: 0,
            },
            Case {
                name: "hard and soft: outbox queue and cache-aside cache are not in series",
                set: aws()
                    .chose("postgresql", "relational_db", "Orders live in PostgreSQL.")
                    .chose("sqs", "queue", "Emails go through SQS.")
                    .chose(
                        "redis",
                        "cache",
                        "Redis caches product pages in front of the database.",
                    ),
                counted: &["load_balancer", "relational_db"],
                not_counted: &["queue", "cache"],
                stated: &["outbox", "falls back to the database"],
                floor_pct: None,
                unpublished: 0,
            },
            Case {
                name: "in-memory store as the store is a hard dependency",
                set: aws().chose(
                    "valkey",
                    "in_memory_store",
                    "Leaderboards live in Valkey sorted sets; there is no other store.",
                ),
                counted: &["in_memory_store"],
                not_counted: &["cache"],
                stated: &[],
                floor_pct: None,
                unpublished: 0,
            },
            Case {
                name: "a hard dependency without an SLA row is named, not 100%",
                set: Set::new()
                    .text(Kind::Cloud, "azure", "We host on Azure.")
                    .num(
                        Kind::Availability,
                        99.5,
                        "The service is available 99.5% of the month.",
                    )
                    .chose(
                        "azure-api-management",
                        "api_gateway",
                        "Requests enter through Azure API Management.",
                    ),
                counted: &[],
                not_counted: &["api_gateway", "load_balancer"],
                stated: &["Azure API Management", "no SLA"],
                floor_pct: None,
                unpublished: 1,
            },
        ];
        for c in cases {
            let d = design(&c.set.build());
            let a = &d.availability;
            let role_of = |id: &str| {
                d.components
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| x.role.as_str())
                    .unwrap_or("?")
            };
            let term_roles: Vec<&str> = a.terms.iter().map(|t| role_of(&t.component)).collect();
            for r in c.counted {
                assert!(
                    term_roles.contains(r),
                    "{}: {r} not in {term_roles:?}",
                    c.name
                );
            }
            for r in c.not_counted {
                assert!(!term_roles.contains(r), "{}: {r} in {term_roles:?}", c.name);
            }
            // Every hard dependency of the request path is a term or named
            // as unpublished: none is silently 100%.
            for comp in d.components.iter().filter(|x| x.critical_path) {
                let term = a.terms.iter().any(|t| t.component == comp.id);
                let named = a.unpublished.iter().any(|u| u.starts_with(&comp.service));
                assert!(
                    term || named,
                    "{}: {} neither counted nor named",
                    c.name,
                    comp.id
                );
            }
            let steps = a.steps.join("\n");
            for w in c.stated {
                assert!(
                    steps.contains(w),
                    "{}: no step says `{w}`:\n{steps}",
                    c.name
                );
            }
            assert_eq!(
                a.unpublished.len(),
                c.unpublished,
                "{}: {:?}",
                c.name,
                a.unpublished
            );
            // The floor is the product of the terms' effective SLAs.
            let product: f64 = a.terms.iter().map(|t| t.effective_pct / 100.0).product();
            assert!(
                (a.composite_pct - product * 100.0).abs() < 1e-4,
                "{}: floor {} vs product {}",
                c.name,
                a.composite_pct,
                product * 100.0
            );
            if let Some(f) = c.floor_pct {
                assert!(
                    (a.composite_pct - f).abs() < 1e-4,
                    "{}: {} vs {f}",
                    c.name,
                    a.composite_pct
                );
            }
            // The verdict follows from the number.
            assert_eq!(
                a.meets_target,
                a.composite_pct + 1e-10 >= d.availability.target.value,
                "{}",
                c.name
            );
        }
    }
}
