//! Topology: the candidate catalog rows for each request-path slot, the
//! instances peak needs, and the least complex zone/region combination whose
//! SLAs meet the target (see [`crate::design::topology::select`]).

use super::Plan;
use crate::catalog::Row;
use crate::design::context::Ctx;
use crate::design::model::*;
use crate::design::{availability, capacity, data, dr, platform, sizing, topology, workload};
use crate::error::{Error, Result};

pub fn run(p: &mut Plan) -> Result<()> {
    let pkind = p.platform()?.kind;
    // A store or stream a blueprint slot of its own places (a NoSQL table of
    // a serverless stack or a stream's state, the stream itself) is not also
    // a relational database or a work queue of the request path.
    let slotted = |role: &str| -> Result<bool> {
        for w in &p.workloads {
            let bp = crate::design::workload::Blueprint::get(&w.blueprint)?;
            if bp.slots.iter().any(|s| s.role == role) {
                return Ok(true);
            }
        }
        Ok(false)
    };
    let nosql_slotted = slotted("nosql")?;
    let stream_slotted = slotted("stream")?;
    let (extra, off_path) = super::workloads::chain_deps(&p.ctx, &p.workloads, p.ingress)?;
    let lb_on_path = p.ingress && !super::workloads::gateway_front(&p.workloads);
    let ctx = &mut p.ctx;
    let d = &ctx.rules.defaults;
    let prole = platform::role(pkind);
    let dns = ctx
        .cat
        .first("dns")
        .cloned()
        .ok_or_else(|| Error::Invalid("catalog has no dns row".into()))?;
    let lbs: Vec<Row> = allowed(ctx, "load_balancer")
        .into_iter()
        .filter(|r| r.public.is_none_or(|p| p == ctx.public))
        .collect();
    let lbs = if lbs.is_empty() {
        allowed(ctx, "load_balancer")
    } else {
        lbs
    };
    let (compute, cluster): (Vec<Row>, Vec<Row>) = match pkind {
        PlatformKind::Kubernetes => (
            allowed(ctx, "vm")
                .into_iter()
                .filter(|r| r.zones >= 2)
                .collect(),
            ctx.cat.rows_for("kubernetes").cloned().collect(),
        ),
        _ => (runtime_rows(ctx, prole), vec![]),
    };
    if lbs.is_empty() || compute.is_empty() {
        return Err(Error::Invalid(format!(
            "the {} catalog has no usable {} or load balancer row",
            ctx.cat.provider, prole
        )));
    }
    let role_of = |tech: &str| {
        crate::technologies::catalog()
            .role_of(tech)
            .map(str::to_string)
    };
    let db_need = data::relational_need(ctx).filter(|(tech, _)| {
        !(nosql_slotted
            && matches!(
                role_of(tech).as_deref(),
                Some("nosql" | "document_db" | "key_value_db")
            ))
    });
    let db_rows = db_need
        .as_ref()
        .map(|(tech, _)| {
            let rows = data::rows_for_tech(ctx, "relational_db", tech);
            data::narrow_to_chosen_product(ctx, "relational_db", rows, tech)
        })
        .unwrap_or_default();
    // An RPO below the backup log-shipping interval needs a synchronous standby
    // inside the region, whatever the availability target.
    let db_rows = data::ha_for_rpo(ctx, db_rows);
    let queue_need = data::queue_need(ctx)
        .filter(|(tech, _)| !(stream_slotted && role_of(tech).as_deref() == Some("stream")));
    let queue_rows = queue_need
        .as_ref()
        .map(|(tech, _)| data::rows_for_tech(ctx, "queue", tech))
        .unwrap_or_default();
    let vm_vcpu = ctx.cat.first("vm").and_then(|r| r.vcpu).unwrap_or(2.0);
    let vm_memory = ctx
        .cat
        .first("vm")
        .and_then(|r| r.memory_gb)
        .unwrap_or(vm_vcpu * 4.0);
    let base = capacity::base(ctx, pkind, vm_vcpu);
    // Pods per node from both CPU and memory after the system reserve.
    let per_node = sizing::pack(
        1,
        sizing::Shape {
            vcpu: d.instance_vcpu,
            memory_gb: d.instance_memory_gb,
        },
        sizing::Shape {
            vcpu: vm_vcpu,
            memory_gb: vm_memory,
        },
        d.node_allocatable,
        1,
    )
    .map_or(1.0, |p| f64::from(p.pods_per_node));
    let sizing = topology::Sizing {
        n: base.n,
        per_node,
    };
    let required_tier = dr::required_tier(ctx);
    let slots = topology::Slots {
        dns,
        lb: lbs,
        cluster,
        compute,
        db: db_rows,
        queue: queue_rows,
        queue_soft: queue_is_soft()?,
        lb_on_path,
        // As the request path places it: a public zone for a public system.
        dns_on_path: ctx.public,
        extra,
        off_path,
    };
    // A second serving region only for a stated requirement: an RTO that
    // needs active-active, or a stated target above what one multi-zone
    // region is designed for (design::availability::serving_regions). An
    // assumed target never adds a region; a floor below the target in one
    // region is shown as a gap with options instead.
    let one_region = topology::select(ctx, &slots, &sizing, false, false);
    let regions_decision = availability::serving_regions(&availability::RegionInputs {
        target_pct: ctx.availability.value,
        basis: if ctx.availability.basis.starts_with('A') {
            availability::TargetBasis::Assumed
        } else {
            availability::TargetBasis::Stated
        },
        single_region_floor: one_region.composite,
        single_region_ceiling_pct: d.single_region_ceiling_pct,
        single_writer: !slots.db.is_empty(),
    });
    let active_active = required_tier == DrTier::ActiveActive;
    let mut regions_decision = regions_decision;
    let wants_second = active_active || regions_decision.serving_regions > 1;
    // A reviewer's single-region request holds over what the targets would
    // add; the consequence is stated in the decision and the review note.
    let single = ctx.review.single_region;
    if single {
        p.review_notes
            .push(crate::design::review::single_region_note(
                &mut regions_decision,
                wants_second,
                &p.primary,
            ));
    }
    let second_allowed = !single && wants_second;
    let sel = if second_allowed && p.pair.is_some() {
        topology::select(ctx, &slots, &sizing, active_active, true)
    } else {
        one_region
    };
    let mut regions = vec![p.primary.clone()];
    if sel.regions > 1
        && let Some(s) = &p.pair
    {
        regions.push(s.clone());
    }
    p.secondary = p.pair.clone();
    p.regions = regions;
    p.db_need = db_need;
    p.queue_need = queue_need;
    p.base = Some(base);
    p.per_node = per_node;
    p.required_tier = Some(required_tier);
    p.slots = Some(slots);
    p.sel = Some(sel);
    p.region_decision = Some(regions_decision);
    Ok(())
}

/// Whether the queue is a soft dependency of the request path, as the async
/// blueprint's queue slot declares (data, not a rule here).
pub fn queue_is_soft() -> Result<bool> {
    Ok(workload::Blueprint::get("async")?
        .slots
        .iter()
        .find(|s| s.role == "queue")
        .is_some_and(|s| s.dependency == workload::Dependency::Soft))
}

/// The catalog's rows of a role that the design may use (provider, region).
fn allowed(ctx: &Ctx, role: &str) -> Vec<Row> {
    ctx.cat
        .rows_for(role)
        .filter(|r| ctx.allowed(r))
        .cloned()
        .collect()
}

/// The runtime rows for the platform role: a row that names technologies
/// (Azure App Service) is the runtime only where the documents choose one of
/// them, and then the only one; the other rows are the defaults.
fn runtime_rows(ctx: &Ctx, role: &str) -> Vec<Row> {
    let all = allowed(ctx, role);
    let mut chosen: Vec<String> = ctx.chosen(role).iter().map(|s| s.to_string()).collect();
    if let Some(p) = ctx
        .reqs
        .primary(crate::requirements::Kind::Platform)
        .and_then(|r| r.value.as_text())
    {
        chosen.push(p.to_ascii_lowercase());
    }
    let named: Vec<Row> = all
        .iter()
        .filter(|r| r.technologies.iter().any(|t| chosen.contains(t)))
        .cloned()
        .collect();
    if !named.is_empty() {
        return named;
    }
    let defaults: Vec<Row> = all
        .iter()
        .filter(|r| r.technologies.is_empty())
        .cloned()
        .collect();
    if defaults.is_empty() { all } else { defaults }
}

#[cfg(test)]
mod tests {
    use crate::design::testkit::{Set, design};
    use crate::requirements::Kind;

    /// A chosen store is placed once, by the blueprint slot made for it.
    #[test]
    fn a_slotted_store_or_stream_is_not_also_a_database_or_queue() {
        // (case, statements, roles placed, roles not placed)
        let cases: Vec<(&str, Set, &[&str], &[&str])> = vec![
            (
                "a stream with its NoSQL state",
                Set::new()
                    .text(Kind::Cloud, "azure", "Azure.")
                    .chose("event-hubs", "stream", "Gateways publish to Event Hubs.")
                    .chose(
                        "cosmos-db",
                        "nosql",
                        "The processor keeps state in Cosmos DB.",
                    ),
                &["stream", "nosql"],
                &["relational_db", "queue"],
            ),
            (
                "an API with a queue and a database keeps both",
                Set::new()
                    .text(Kind::Cloud, "aws", "AWS.")
                    .num(
                        Kind::Latency,
                        200.0,
                        "The API answers requests within 200 ms.",
                    )
                    .chose("postgresql", "relational_db", "Orders live in PostgreSQL.")
                    .chose("sqs", "queue", "Emails go through SQS."),
                &["relational_db", "queue"],
                &["stream", "nosql"],
            ),
        ];
        for (name, set, placed, absent) in cases {
            let d = design(&set.build());
            let roles: Vec<&str> = d.components.iter().map(|c| c.role.as_str()).collect();
            for r in placed {
                assert!(roles.contains(r), "{name}: {r} missing from {roles:?}");
            }
            for r in absent {
                assert!(!roles.contains(r), "{name}: {r} placed in {roles:?}");
            }
        }
    }
}
