//! Data tier: the application/data architecture's chosen stores mapped to the
//! provider's managed services (never a rejected one), HA mode from the
//! availability/RPO the topology needs, read replicas from read load, a cache
//! only when chosen or when the latency target needs it.

use super::context::Ctx;
use super::model::*;
use crate::catalog::Row;
use crate::numfmt;
use crate::requirements::{Kind, Stance};

fn tech_source(ctx: &Ctx, name: &str) -> Vec<String> {
    ctx.reqs
        .technologies
        .iter()
        .filter(|t| t.stance == Stance::Chosen && t.name.eq_ignore_ascii_case(name))
        .map(|t| format!("{}:{}", t.source.path, t.source.line))
        .take(1)
        .collect()
}

fn first_chosen(ctx: &Ctx, roles: &[&str]) -> Option<(String, Vec<String>)> {
    for role in roles {
        if let Some(name) = ctx.chosen(role).first() {
            return Some((name.to_string(), tech_source(ctx, name)));
        }
    }
    None
}

/// Whether a relational store is needed, which engine, and why.
pub fn relational_need(ctx: &mut Ctx) -> Option<(String, Vec<String>)> {
    if let Some(x) = first_chosen(ctx, &["relational_db", "database", "document_db", "nosql"]) {
        return Some(x);
    }
    let stated: Vec<String> = [Kind::DataVolume, Kind::Rpo]
        .iter()
        .filter_map(|k| ctx.reqs.primary(*k).map(|r| r.id.clone()))
        .collect();
    let nothing_named = ctx
        .reqs
        .technologies
        .iter()
        .all(|t| t.stance == Stance::Rejected);
    if (!stated.is_empty() || nothing_named) && !ctx.rejected("postgresql") {
        let why = if stated.is_empty() {
            "no application or data architecture names the stores; a stateful service with a relational database is assumed".to_string()
        } else {
            format!(
                "{} state data to keep but no document names the engine",
                stated.join(", ")
            )
        };
        let a = ctx.assume("database engine", "PostgreSQL (managed)".into(), why);
        ctx.question(
            "Which database engine does the data architecture use? The design assumes managed PostgreSQL.".into(),
            QuestionReason::Missing,
            vec![a.clone()],
        );
        let mut w = stated;
        w.push(a);
        return Some(("postgresql".into(), w));
    }
    None
}

pub fn queue_need(ctx: &Ctx) -> Option<(String, Vec<String>)> {
    first_chosen(ctx, &["queue", "stream", "message_broker", "messaging"])
}

pub fn cache_need(ctx: &mut Ctx, has_db: bool) -> Option<(String, Vec<String>)> {
    if let Some(x) = first_chosen(ctx, &["cache"]) {
        return Some(x);
    }
    let limit = ctx.rules.cache.add_below_latency_ms;
    if has_db
        && ctx.latency_ms.value < limit
        && !ctx.latency_ms.basis.starts_with('A')
        && !ctx.rejected("redis")
    {
        return Some(("redis".into(), vec![ctx.latency_ms.basis.clone()]));
    }
    None
}

pub fn cdn_need(ctx: &Ctx) -> bool {
    let fe = [
        "react", "vue", "angular", "svelte", "next.js", "nextjs", "nuxt", "spa", "frontend",
    ];
    ctx.project
        .tech_stack
        .iter()
        .any(|t| fe.contains(&t.to_ascii_lowercase().as_str()))
        || !ctx.chosen("cdn").is_empty()
        || !ctx.chosen("frontend").is_empty()
}

pub fn storage_need(ctx: &Ctx, cdn: bool) -> Option<(String, Vec<String>)> {
    if let Some(x) = first_chosen(ctx, &["object_storage"]) {
        return Some(x);
    }
    cdn.then(|| {
        (
            "object_storage".to_string(),
            vec!["infrarch.toml tech_stack".to_string()],
        )
    })
}

/// Catalog rows implementing a technology; a self-managed VM fallback when the
/// catalog has no managed service for it (so a chosen technology is never swapped).
pub fn rows_for_tech(ctx: &Ctx, role: &str, tech: &str) -> Vec<Row> {
    let rows: Vec<Row> = ctx
        .cat
        .rows_for(role)
        .filter(|r| r.implements(tech) && ctx.allowed(r))
        .cloned()
        .collect();
    if !rows.is_empty() {
        return rows;
    }
    // A chosen managed service by name (RDS, Aurora, Cloud SQL, SQS) is the
    // catalog's row of that service, not an engine to self-host.
    let words = tech.replace('-', " ").to_ascii_lowercase();
    let by_service: Vec<Row> = ctx
        .cat
        .rows_for(role)
        .filter(|r| {
            ctx.allowed(r)
                && r.service
                    .to_ascii_lowercase()
                    .split(|c: char| !c.is_alphanumeric() && c != ' ')
                    .any(|part| {
                        let part = format!(" {} ", part.trim());
                        part.contains(&format!(" {words} "))
                    })
        })
        .cloned()
        .collect();
    if !by_service.is_empty() {
        return by_service;
    }
    let generic = ["queue", "message_queue", "cache", "database"];
    if generic.contains(&tech) {
        let rows: Vec<Row> = ctx
            .cat
            .rows_for(role)
            .filter(|r| ctx.allowed(r))
            .cloned()
            .collect();
        if !rows.is_empty() {
            return rows;
        }
    }
    ctx.cat
        .rows_for("vm")
        .map(|vm| {
            let mut r = vm.clone();
            r.id = format!("{}-selfmanaged-{}", vm.id, tech);
            r.role = role.into();
            r.service = format!("Self-managed {tech} on {}", vm.service);
            r.technologies = vec![tech.into()];
            r.ha_mode = Some(if vm.zones >= 2 {
                "primary + replica in another zone, failover by runbook".into()
            } else {
                "single VM".into()
            });
            r.nodes = Some(if vm.zones >= 2 { 2 } else { 1 });
            r.note = format!(
                "the catalog has no managed {tech}: priced and SLA'd as the VM row it runs on"
            );
            r.assumed = true;
            r
        })
        .collect()
}

pub fn read_replicas(ctx: &Ctx) -> u32 {
    let d = &ctx.rules.defaults;
    let reads = ctx.peak_rps() * d.read_share;
    ((reads / d.db_read_capacity_rps).ceil() as u32).saturating_sub(1)
}

/// Messages per second at peak on the queue, and the ids behind the figure:
/// a stated throughput of messages (jobs, tasks, events, orders…), else one
/// message per write request (the reads enqueue nothing), recorded once as an
/// assumption. Never every HTTP request: a read does not create work.
pub fn message_rate(ctx: &mut Ctx) -> (f64, Vec<String>) {
    // A throughput of work items ("transactions per second … without the
    // backlog growing") is the message rate itself.
    const WORDS: [&str; 7] = [
        "message",
        "job",
        "task",
        "event",
        "document",
        "transaction",
        "backlog",
    ];
    let stated: Vec<(f64, String)> = ctx
        .reqs
        .all(Kind::Throughput)
        .filter_map(|r| {
            let subject = r.subject.as_deref().unwrap_or("").to_ascii_lowercase();
            let excerpt = r.source.excerpt.to_ascii_lowercase();
            WORDS
                .iter()
                .any(|w| subject.contains(w) || excerpt.contains(w))
                .then(|| r.value.as_f64().map(|v| (v, r.id.clone())))
                .flatten()
        })
        .filter(|(v, _)| *v > 0.0)
        .collect();
    // The governing throughput, when it is a rate of work items, is the
    // message rate (with its peak factor); else the largest stated one.
    if stated.iter().any(|(_, id)| *id == ctx.throughput.basis) {
        return (
            ctx.peak_rps(),
            vec![ctx.throughput.basis.clone(), ctx.peak_factor.basis.clone()],
        );
    }
    if let Some((v, id)) = stated
        .into_iter()
        .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal))
    {
        return (v, vec![id]);
    }
    let d = &ctx.rules.defaults;
    let share = (1.0 - d.read_share).clamp(0.0, 1.0) * d.messages_per_request;
    let rate = ctx.peak_rps() * share;
    const SUBJECT: &str = "queue messages";
    let id = match ctx.assumptions.iter().find(|a| a.subject == SUBJECT) {
        Some(a) => a.id.clone(),
        None => ctx.assume(
            SUBJECT,
            format!("{} per write request", numfmt::trim(d.messages_per_request)),
            format!(
                "no message rate stated; the writes ({}% of requests) enqueue work and the reads do not: {} rps × {} = {} messages/s at peak",
                numfmt::trim((1.0 - d.read_share) * 100.0),
                numfmt::trim(ctx.peak_rps()),
                numfmt::trim(share),
                numfmt::trim((rate * 1000.0).round() / 1000.0)
            ),
        ),
    };
    (
        rate,
        vec![
            ctx.throughput.basis.clone(),
            ctx.peak_factor.basis.clone(),
            id,
        ],
    )
}

pub fn db_port(tech: &str) -> String {
    match tech {
        "mysql" | "mariadb" => "TCP 3306".into(),
        "mongodb" => "TCP 27017".into(),
        "sqlserver" | "mssql" => "TCP 1433".into(),
        _ => "TCP 5432".into(),
    }
}

pub fn db_alternatives(ctx: &Ctx, chosen: &Row, all: &[Row]) -> Vec<Alternative> {
    let target = ctx.availability.value;
    let mut out = Vec::new();
    for r in all.iter().filter(|r| r.id != chosen.id) {
        let why_not = match (&r.sla, &chosen.sla) {
            (None, _) => {
                "no SLA for this configuration, so it cannot count towards the availability target"
                    .to_string()
            }
            (Some(a), Some(c)) if a.pct < c.pct => format!(
                "SLA {}% leaves the composite short of {}% in this topology",
                numfmt::trim(a.pct),
                numfmt::trim(target)
            ),
            (Some(a), _) => format!(
                "SLA {}% is more than the {}% target needs, at a higher or equal price",
                numfmt::trim(a.pct),
                numfmt::trim(target)
            ),
        };
        out.push(Alternative {
            option: format!("{} ({})", r.service, r.config),
            why_not,
        });
    }
    if !chosen.service.starts_with("Self-managed") {
        out.push(Alternative { option: "self-managed database on VMs".into(), why_not: "adds patching, backups and failover to operate by hand for no requirement it serves better".into() });
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub fn store(
    ctx: &Ctx,
    id: &str,
    role: &str,
    tech: Option<String>,
    row: &Row,
    replicas: u32,
    storage: Option<Figure>,
    all: &[Row],
    why: Vec<String>,
) -> DataStore {
    let ha = row.ha_mode.clone().unwrap_or_else(|| {
        if row.zones >= 2 {
            "replicated across zones by the service".into()
        } else {
            "single zone".into()
        }
    });
    let mut rationale = format!(
        "{} maps the chosen {} to a managed service",
        row.service,
        tech.as_deref().unwrap_or(role)
    );
    if role == "relational_db" {
        rationale.push_str(&format!(
            "; {} is the cheapest HA mode whose SLA ({}) lets the composite reach {}%",
            ha,
            row.sla
                .as_ref()
                .map(|s| format!("{}%", numfmt::trim(s.pct)))
                .unwrap_or_else(|| "none".into()),
            numfmt::trim(ctx.availability.value)
        ));
        let d = &ctx.rules.defaults;
        rationale.push_str(&format!(
            "; read replicas = ceil({} rps × {} reads / {} rps per instance) − 1 = {}",
            numfmt::trim(ctx.peak_rps()),
            numfmt::trim(d.read_share),
            numfmt::trim(d.db_read_capacity_rps),
            replicas
        ));
    }
    DataStore {
        component: id.into(),
        role: role.into(),
        technology: tech,
        service: row.service.clone(),
        ha_mode: ha,
        read_replicas: replicas,
        storage_gb: storage,
        decision: Decision {
            choice: format!("{} — {}", row.service, row.config),
            rationale,
            why,
            alternatives: if all.is_empty() {
                vec![Alternative {
                    option: "self-managed on VMs".into(),
                    why_not: "more operations for the same function".into(),
                }]
            } else {
                db_alternatives(ctx, row, all)
            },
        },
    }
}

/// Seconds between recovery points that backups with PITR guarantee.
pub const PITR_INTERVAL_S: f64 = 300.0;

/// Keeps only in-region HA database rows when the RPO is tighter than backups
/// can give (`PITR_INTERVAL_S`); unchanged when no such row exists.
pub fn ha_for_rpo(ctx: &Ctx, rows: Vec<Row>) -> Vec<Row> {
    if ctx.rpo_s.value >= PITR_INTERVAL_S {
        return rows;
    }
    let ha: Vec<Row> = rows
        .iter()
        .filter(|r| r.zones >= 2 || r.ha_mode.as_deref().is_some_and(|h| h.contains("HA")))
        .cloned()
        .collect();
    if ha.is_empty() { rows } else { ha }
}
