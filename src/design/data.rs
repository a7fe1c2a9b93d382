//! Data tier: the application/data architecture's chosen stores mapped to the
//! provider's managed services (never a rejected one), HA mode from the
//! availability/RPO the topology needs, read replicas from read load, a cache
//! only when chosen or when the latency target needs it.

use super::context::Ctx;
use super::model::*;
use crate::catalog::Row;
use crate::numfmt;
use crate::requirements::{Kind, Stance};

fn tech_source(ctx: &Ctx, name: &str) -> Vec<Provenance> {
    ctx.reqs
        .technologies
        .iter()
        .filter(|t| t.stance == Stance::Chosen && t.name.eq_ignore_ascii_case(name))
        .map(|t| Provenance::Source(format!("{}:{}", t.source.path, t.source.line)))
        .take(1)
        .collect()
}

fn first_chosen(ctx: &Ctx, roles: &[&str]) -> Option<(String, Vec<Provenance>)> {
    for role in roles {
        let mut names = ctx.chosen(role);
        // The architecture documents decide a store over a PRD's passing
        // mention (the legacy system's database in its background).
        names.sort_by_key(|n| doc_rank(ctx, n));
        if let Some(name) = names.first() {
            return Some((name.to_string(), tech_source(ctx, name)));
        }
    }
    None
}

/// Where a technology's choice was read, ranked: the data and application
/// architecture first, then the infrastructure architecture, specs and
/// plans, then the PRD, epics and stories.
fn doc_rank(ctx: &Ctx, name: &str) -> u8 {
    use crate::requirements::DocKind;
    let path = ctx
        .reqs
        .technologies
        .iter()
        .find(|t| t.stance == Stance::Chosen && t.name == name)
        .map(|t| t.source.path.as_str());
    let kind = ctx
        .reqs
        .sources
        .iter()
        .find(|s| Some(s.path.as_str()) == path)
        .map(|s| s.kind);
    match kind {
        Some(DocKind::DataArch | DocKind::AppArch) => 0,
        Some(DocKind::InfraArch | DocKind::Spec | DocKind::Plan) => 1,
        _ => 2,
    }
}

/// Whether a relational store is needed, which engine, and why.
pub fn relational_need(ctx: &mut Ctx) -> Option<(String, Vec<Provenance>)> {
    if let Some(x) = first_chosen(ctx, &["relational_db", "database", "document_db", "nosql"]) {
        return Some(x);
    }
    let stated: Vec<Provenance> = [Kind::DataVolume, Kind::Rpo]
        .iter()
        .filter_map(|k| ctx.reqs.primary(*k).map(|r| r.id.clone().into()))
        .collect();
    let nothing_named = ctx
        .reqs
        .technologies
        .iter()
        .all(|t| t.stance == Stance::Rejected);
    // The data the RPO and volume speak of has a home the documents name:
    // the in-memory store that holds it. No database is assumed beside it.
    if !ctx.chosen("in_memory_store").is_empty() {
        return None;
    }
    if (!stated.is_empty() || nothing_named) && !ctx.rejected("postgresql") {
        let why = if stated.is_empty() {
            "no application or data architecture names the stores; a stateful service with a relational database is assumed".to_string()
        } else {
            format!(
                "{} state data to keep but no document names the engine",
                stated
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
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

pub fn queue_need(ctx: &Ctx) -> Option<(String, Vec<Provenance>)> {
    first_chosen(ctx, &["queue", "stream", "message_broker", "messaging"])
}

pub fn cache_need(ctx: &mut Ctx, has_db: bool) -> Option<(String, Vec<Provenance>)> {
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

/// Why the CDN is placed: the chosen CDN's `file:line`, else the project's
/// front-end stack.
pub fn cdn_why(ctx: &Ctx) -> Vec<Provenance> {
    match first_chosen(ctx, &["cdn", "frontend"]) {
        Some((_, why)) if !why.is_empty() => why,
        _ => vec![Provenance::Project("infrarch.toml tech_stack".into())],
    }
}

pub fn storage_need(ctx: &Ctx, cdn: bool) -> Option<(String, Vec<Provenance>)> {
    if let Some(x) = first_chosen(ctx, &["object_storage"]) {
        return Some(x);
    }
    cdn.then(|| ("object_storage".to_string(), cdn_why(ctx)))
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
    let by_service: Vec<Row> = ctx
        .cat
        .rows_for(role)
        .filter(|r| ctx.allowed(r) && names_service(r, tech))
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

/// Whether a row's service carries a technology's name ("rds" in "Amazon
/// RDS for PostgreSQL", "cloud-sql" in "Cloud SQL for PostgreSQL").
fn names_service(r: &Row, tech: &str) -> bool {
    let words = tech.replace('-', " ").to_ascii_lowercase();
    r.service
        .to_ascii_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != ' ')
        .any(|part| {
            let part = format!(" {} ", part.trim());
            part.contains(&format!(" {words} "))
        })
}

/// The rows for a chosen engine narrowed to the provider's product the
/// documents also choose for the same role ("PostgreSQL (Amazon Aurora
/// PostgreSQL)": Aurora's rows, not the cheaper RDS ones), when the catalog
/// has rows that are both; unchanged otherwise.
pub fn narrow_to_chosen_product(ctx: &Ctx, role: &str, rows: Vec<Row>, tech: &str) -> Vec<Row> {
    for other in ctx.chosen(role) {
        if other == tech {
            continue;
        }
        let both: Vec<Row> = rows
            .iter()
            .filter(|r| r.implements(other) || names_service(r, other))
            .cloned()
            .collect();
        if !both.is_empty() && both.len() < rows.len() {
            return both;
        }
    }
    rows
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
pub fn message_rate(ctx: &mut Ctx) -> (f64, Vec<Provenance>) {
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
        return (v, vec![id.into()]);
    }
    let d = &ctx.rules.defaults;
    let share = (1.0 - d.read_share).clamp(0.0, 1.0) * d.messages_per_request;
    let rate = ctx.peak_rps() * share;
    const SUBJECT: &str = "queue messages";
    let id = match ctx.assumptions.iter().find(|a| a.subject == SUBJECT) {
        Some(a) => a.id.clone(),
        None => (ctx.assume(
            SUBJECT,
            format!("{} per write request", numfmt::trim(d.messages_per_request)),
            format!(
                "no message rate stated; the writes ({}% of requests) enqueue work and the reads do not: {} rps × {} = {} messages/s at peak",
                numfmt::trim((1.0 - d.read_share) * 100.0),
                numfmt::trim(ctx.peak_rps()),
                numfmt::trim(share),
                numfmt::trim((rate * 1000.0).round() / 1000.0)
            ),
        )).to_string(),
    };
    (
        rate,
        vec![
            ctx.throughput.basis.clone(),
            ctx.peak_factor.basis.clone(),
            id.into(),
        ],
    )
}

/// The instance class a catalog row names ("db.t3.large (2 vCPU, 8 GiB)"):
/// its name, vCPUs and memory, and whether it is burstable. `None` when the
/// configuration states no vCPU count.
pub fn named_class(config: &str, baseline: f64) -> Option<super::sizing::DbClass> {
    named_in_parentheses(config, baseline).or_else(|| class_by_name(config, baseline))
}

/// A class the configuration names by the provider's own scheme, without
/// its size in parentheses: Cloud SQL's `db-custom-<vCPU>-<MiB>`, Azure's
/// `Standard_<family><vCPU>…` SKUs (`GP_Standard_D2ds_v5`, `Standard_B1ms`;
/// the B family is burstable).
fn class_by_name(config: &str, baseline: f64) -> Option<super::sizing::DbClass> {
    for word in config.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')') {
        if let Some(rest) = word.strip_prefix("db-custom-") {
            let mut parts = rest.split('-');
            let vcpu = parts.next()?.parse::<f64>().ok()?;
            let mib = parts.next().and_then(|m| m.parse::<f64>().ok());
            return Some(super::sizing::DbClass {
                name: word.to_string(),
                vcpu,
                memory_gb: mib.map_or(0.0, |m| m / 1024.0),
                burst_baseline: None,
            });
        }
        let Some(at) = word.find("Standard_") else {
            continue;
        };
        let sku = &word[at + "Standard_".len()..];
        let family: String = sku.chars().take_while(char::is_ascii_uppercase).collect();
        let digits: String = sku[family.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let (Ok(vcpu), false) = (digits.parse::<f64>(), family.is_empty()) else {
            continue;
        };
        return Some(super::sizing::DbClass {
            name: word.to_string(),
            vcpu,
            memory_gb: 0.0,
            burst_baseline: (family == "B").then_some(baseline),
        });
    }
    None
}

fn named_in_parentheses(config: &str, baseline: f64) -> Option<super::sizing::DbClass> {
    let open = config.rfind('(')?;
    let inner = config[open + 1..].trim_end_matches(')');
    let mut vcpu = None;
    let mut memory = None;
    for part in inner.split(',') {
        let mut words = part.split_whitespace();
        let (Some(n), Some(unit)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<f64>() else { continue };
        match unit.to_ascii_lowercase().as_str() {
            "vcpu" | "vcpus" | "vcore" | "vcores" => vcpu = Some(n),
            "gib" | "gb" => memory = Some(n),
            _ => {}
        }
    }
    let name = config[..open]
        .split([',', ' '])
        .rev()
        .find(|w| !w.is_empty())?
        .to_string();
    let lower = name.to_ascii_lowercase();
    let burstable = lower.starts_with("db.t")
        || lower.starts_with("standard_b")
        || lower.starts_with("b1")
        || lower.starts_with("b2")
        || lower.contains("shared-core")
        || config.to_ascii_lowercase().contains("burstable");
    Some(super::sizing::DbClass {
        name,
        vcpu: vcpu?,
        memory_gb: memory.unwrap_or(0.0),
        burst_baseline: burstable.then_some(baseline),
    })
}

/// The instance class chosen for a row that lists classes, and why.
pub struct ClassChoice {
    pub class: crate::catalog::InstanceClass,
    /// The arithmetic (reads and writes per vCPU, the target, the sustained
    /// load against a burstable class's baseline).
    pub formula: String,
    /// False when even the largest class is short of the load.
    pub fits: bool,
}

/// The database load at peak: reads spread over the primary and its read
/// replicas, every write on the primary.
fn db_load(ctx: &Ctx, replicas: u32) -> super::sizing::DbLoad {
    let d = &ctx.rules.defaults;
    let peak = ctx.peak_rps();
    super::sizing::DbLoad {
        peak_reads_per_s: peak * d.read_share / f64::from(1 + replicas),
        peak_writes_per_s: peak * (1.0 - d.read_share),
        average_to_peak: ctx.avg_ratio.value,
        // The catalog's read capacity is quoted for a 2-vCPU instance.
        reads_per_vcpu: d.db_read_capacity_rps / 2.0,
        writes_per_vcpu: d.db_writes_per_vcpu,
        target_utilisation: ctx.utilisation.value / 100.0,
        working_set_gb: 0.0,
    }
}

/// The smallest of the row's classes that carries the peak load at the
/// target utilisation, never a burstable class whose sustained load exceeds
/// the baseline the catalog states for it ([`super::sizing::db_class`]).
/// `None` when the row lists no classes.
pub fn size_class(ctx: &Ctx, row: &Row, replicas: u32) -> Option<ClassChoice> {
    if row.classes.is_empty() {
        return None;
    }
    let load = db_load(ctx, replicas);
    match super::sizing::db_class(&load, &classes_of(row)) {
        Some(choice) => {
            let class = row
                .classes
                .iter()
                .find(|c| c.name == choice.class.name)?
                .clone();
            Some(ClassChoice {
                class,
                formula: choice.formula,
                fits: true,
            })
        }
        None => {
            let largest = row
                .classes
                .iter()
                .max_by(|a, b| a.vcpu.total_cmp(&b.vcpu))?
                .clone();
            let cpu = load.peak_reads_per_s / load.reads_per_vcpu
                + load.peak_writes_per_s / load.writes_per_vcpu;
            Some(ClassChoice {
                formula: format!(
                    "CPU at peak = {} vCPU ÷ {} target = {} vCPU, more than the largest class ({}, {} vCPU)",
                    numfmt::trim((cpu * 100.0).round() / 100.0),
                    numfmt::trim(load.target_utilisation),
                    numfmt::trim((cpu / load.target_utilisation.max(0.05) * 100.0).round() / 100.0),
                    largest.name,
                    numfmt::trim(largest.vcpu)
                ),
                class: largest,
                fits: false,
            })
        }
    }
}

/// The classes a row lists, as the sizing rule reads them (baseline per
/// class from the catalog).
pub fn classes_of(row: &Row) -> Vec<super::sizing::DbClass> {
    row.classes
        .iter()
        .map(|c| super::sizing::DbClass {
            name: c.name.clone(),
            vcpu: c.vcpu,
            memory_gb: c.memory_gb,
            burst_baseline: c.burst_baseline,
        })
        .collect()
}

/// The row priced on a chosen class: its first hourly price becomes the
/// class's, with the class's source, and the configuration names the class.
pub fn on_class(row: &Row, class: &crate::catalog::InstanceClass) -> Row {
    let mut r = row.clone();
    if let Some(p) = r
        .prices
        .iter_mut()
        .find(|p| p.unit == "hour" || p.unit == "node_hour")
    {
        p.item = format!("{} ({})", p.item, class.name);
        p.usd = class.usd;
        p.source = class.source.clone();
        p.as_of = class.as_of.clone();
        p.verified = class.verified;
        p.assumed = false;
        p.tiers.clear();
        p.regional.clear();
    }
    r.config = format!(
        "{}, {} ({} vCPU, {} GiB)",
        row.config,
        class.name,
        numfmt::trim(class.vcpu),
        numfmt::trim(class.memory_gb)
    );
    r
}

/// The database's vCPUs: the class the estimate prices (the class sized
/// from the load, else the one the row names), with the CPU the peak needs
/// beside it; without a named class, the CPU the peak needs rounded up.
/// Returns the figure and its arithmetic.
pub fn db_vcpu(ctx: &Ctx, row: &Row, sized: Option<&ClassChoice>, replicas: u32) -> (f64, String) {
    let load = db_load(ctx, replicas);
    let cpu =
        load.peak_reads_per_s / load.reads_per_vcpu + load.peak_writes_per_s / load.writes_per_vcpu;
    let needed = cpu / load.target_utilisation.max(0.05);
    let need = format!(
        "peak needs {} reads/s ÷ {} + {} writes/s ÷ {} = {} vCPU, ÷ {} target = {} vCPU",
        numfmt::trim(load.peak_reads_per_s.round()),
        numfmt::trim(load.reads_per_vcpu),
        numfmt::trim(load.peak_writes_per_s.round()),
        numfmt::trim(load.writes_per_vcpu),
        numfmt::trim((cpu * 100.0).round() / 100.0),
        numfmt::trim(load.target_utilisation),
        numfmt::trim((needed * 100.0).round() / 100.0)
    );
    let class = sized
        .map(|c| (c.class.name.clone(), c.class.vcpu))
        .or_else(|| {
            named_class(&row.config, ctx.rules.defaults.burstable_baseline)
                .map(|c| (c.name, c.vcpu))
        });
    match class {
        Some((name, vcpu)) => (vcpu, format!("{name}: {} vCPU; {need}", numfmt::trim(vcpu))),
        None => (
            needed.ceil().max(1.0),
            format!(
                "no class named: ⌈{}⌉; {need}",
                numfmt::trim((needed * 100.0).round() / 100.0)
            ),
        ),
    }
}

/// Whether the database class the catalog row names carries the load: peak
/// reads (spread over the read replicas) and writes, and the *sustained*
/// load under a burstable class's baseline (sizing::db_class). Returns the
/// finding to state when it does not; `None` when it does or the row names
/// no class.
pub fn class_shortfall(ctx: &Ctx, row: &Row, replicas: u32) -> Option<String> {
    let d = &ctx.rules.defaults;
    let class = named_class(&row.config, d.burstable_baseline)?;
    let load = db_load(ctx, replicas);
    if super::sizing::db_class(&load, std::slice::from_ref(&class)).is_some() {
        return None;
    }
    let cpu_at_peak =
        load.peak_reads_per_s / load.reads_per_vcpu + load.peak_writes_per_s / load.writes_per_vcpu;
    let needed = cpu_at_peak / load.target_utilisation.max(0.05);
    let sustained = cpu_at_peak * load.average_to_peak;
    let why = match class.burst_baseline {
        Some(b) if sustained > b * class.vcpu => format!(
            "{} is burstable: it sustains {}% of its {} vCPU ({} vCPU) without spending credits, and the sustained load is {} vCPU ({})",
            class.name,
            numfmt::trim(b * 100.0),
            numfmt::trim(class.vcpu),
            numfmt::trim((b * class.vcpu * 100.0).round() / 100.0),
            numfmt::trim((sustained * 100.0).round() / 100.0),
            d.burstable_source
        ),
        _ => format!("{} has {} vCPU", class.name, numfmt::trim(class.vcpu)),
    };
    Some(format!(
        "The database load is {} reads/s and {} writes/s at peak: {} vCPU at the {}% target ({} vCPU sustained); {}. Size the database to at least {} vCPU, not burstable under this sustained load; the estimate still prices the catalog's {}",
        numfmt::trim(load.peak_reads_per_s.round()),
        numfmt::trim(load.peak_writes_per_s.round()),
        numfmt::trim((needed * 100.0).round() / 100.0),
        numfmt::trim(ctx.utilisation.value),
        numfmt::trim((sustained * 100.0).round() / 100.0),
        why,
        numfmt::trim(needed.ceil()),
        class.name
    ))
}

/// Months the database is sized ahead when data is kept longer: storage is
/// provisioned (or auto-grows) for what a year brings, and the retention
/// says when growth stops.
pub const STORAGE_HORIZON_MONTHS: f64 = 12.0;

/// Average days in a 730-hour month (one month length everywhere).
const DAYS_PER_MONTH: f64 = 730.0 / 24.0;

/// Words that mark a stated volume as database records rather than files.
const RECORD_WORDS: [&str; 12] = [
    "row",
    "record",
    "order",
    "transaction",
    "ledger",
    "entr",
    "database",
    "table",
    "invoice",
    "payment",
    "account",
    "postgres",
];
const FILE_WORDS: [&str; 9] = [
    "file",
    "photo",
    "image",
    "upload",
    "object",
    "blob",
    "video",
    "pdf",
    "attachment",
];

/// A stated figure read for database sizing: its id, what it is about
/// (subject and source excerpt) and its value in the requirement's unit
/// (bytes per day for growth, seconds for retention).
pub struct Stated<'a> {
    pub id: &'a str,
    pub about: String,
    pub value: f64,
}

fn about_records(about: &str) -> bool {
    let a = about.to_ascii_lowercase();
    RECORD_WORDS.iter().any(|w| a.contains(w)) && !FILE_WORDS.iter().any(|w| a.contains(w))
}

/// Database storage from what the documents state: the current volume plus
/// the records' growth for as long as they are kept, within the planning
/// horizon (sizing::storage_gb). Growth is a per-day volume about records
/// (rows, orders, ledger entries), never about files; retention is the
/// longest stated for records. `None` when no record growth is stated (the
/// current volume is then the size). Returns the sized figure and the ids.
pub fn db_storage(
    initial_gb: f64,
    growth_per_day: &[Stated],
    retention: &[Stated],
) -> Option<(super::sizing::Sized, Vec<Provenance>)> {
    let growth: Vec<&Stated> = growth_per_day
        .iter()
        .filter(|g| g.value > 0.0 && about_records(&g.about))
        .collect();
    if growth.is_empty() {
        return None;
    }
    let per_month_gb: f64 = growth.iter().map(|g| g.value / 1e9 * DAYS_PER_MONTH).sum();
    let kept = retention
        .iter()
        .filter(|r| r.value > 0.0 && about_records(&r.about))
        .max_by(|a, b| a.value.total_cmp(&b.value));
    let months = kept.map(|r| r.value / 86_400.0 / DAYS_PER_MONTH);
    let sized = super::sizing::storage_gb(initial_gb, per_month_gb, months, STORAGE_HORIZON_MONTHS);
    let mut ids: Vec<Provenance> = growth.iter().map(|g| g.id.into()).collect();
    if let Some(r) = kept {
        ids.push(r.id.into());
    }
    Some((sized, ids))
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
    why: Vec<Provenance>,
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
            why: why.into_iter().collect::<Vec<_>>(),
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

#[cfg(test)]
mod class_tests {
    use super::{DAYS_PER_MONTH, Stated, classes_of, db_storage, named_class, on_class};

    #[test]
    fn database_storage_is_growth_times_retention_for_records_only() {
        let g = |id: &'static str, about: &str, gb_per_day: f64| Stated {
            id,
            about: about.into(),
            value: gb_per_day * 1e9,
        };
        let r = |id: &'static str, about: &str, days: f64| Stated {
            id,
            about: about.into(),
            value: days * 86_400.0,
        };
        // (initial GB, growth, retention, expected GB or None, ids)
        type Case = (
            f64,
            Vec<Stated<'static>>,
            Vec<Stated<'static>>,
            Option<f64>,
            Vec<&'static str>,
        );
        let cases: Vec<Case> = vec![
            // A ledger growing 10 GB a day, kept 7 years: a year's growth on top.
            (
                50.0,
                vec![g("R3", "ledger entries written per day", 10.0)],
                vec![r("R9", "ledger entries are kept", 2555.0)],
                Some(50.0 + 10.0 * DAYS_PER_MONTH * 12.0),
                vec!["R3", "R9"],
            ),
            // Orders kept 90 days: growth stops at retention.
            (
                0.0,
                vec![g("R1", "new orders per day", 2.0)],
                vec![r("R2", "order history retained", 90.0)],
                Some(2.0 * DAYS_PER_MONTH * (90.0 / DAYS_PER_MONTH)),
                vec!["R1", "R2"],
            ),
            // No retention stated: the planning horizon.
            (
                20.0,
                vec![g("R4", "rows added to the events table", 1.0)],
                vec![],
                Some(20.0 + DAYS_PER_MONTH * 12.0),
                vec!["R4"],
            ),
            // Files are object storage, not database growth.
            (
                120.0,
                vec![g("R5", "photo uploads per day", 40.0)],
                vec![r("R6", "photos kept", 3650.0)],
                None,
                vec![],
            ),
            // A retention for files does not stop record growth.
            (
                10.0,
                vec![g("R7", "payment records per day", 1.0)],
                vec![r("R8", "uploaded files kept", 30.0)],
                Some(10.0 + DAYS_PER_MONTH * 12.0),
                vec!["R7"],
            ),
            // Nothing stated about growth.
            (
                50.0,
                vec![],
                vec![r("R2", "orders kept", 2555.0)],
                None,
                vec![],
            ),
        ];
        for (initial, growth, retention, want, ids) in cases {
            let got = db_storage(initial, &growth, &retention);
            match (got, want) {
                (None, None) => {}
                (Some((s, got_ids)), Some(w)) => {
                    assert!(
                        (s.value - w).abs() < 1e-6,
                        "{}: {} vs {w}",
                        s.formula,
                        s.value
                    );
                    assert_eq!(got_ids, ids);
                    assert!(s.formula.contains("GB/month"), "{}", s.formula);
                }
                (got, want) => panic!("{initial} GB: {:?} vs {want:?}", got.map(|(s, _)| s.value)),
            }
        }
    }

    #[test]
    fn the_catalog_class_follows_the_load_and_its_own_burst_baseline() {
        let aws = crate::catalog::Catalog::builtin(crate::catalog::Provider::Aws).unwrap();
        let aurora = aws.row("aurora_postgres.multi_az").unwrap();
        let classes = classes_of(aurora);
        // Every burstable class carries the baseline the catalog states.
        assert!(
            classes
                .iter()
                .filter(|c| c.name.starts_with("db.t"))
                .all(|c| c.burst_baseline.is_some())
        );
        let load = |rps: f64, avg: f64| super::super::sizing::DbLoad {
            peak_reads_per_s: rps * 0.8,
            peak_writes_per_s: rps * 0.2,
            average_to_peak: avg,
            reads_per_vcpu: 750.0,
            writes_per_vcpu: 150.0,
            target_utilisation: 0.6,
            working_set_gb: 0.0,
        };
        // (peak rps, average share, class or None when nothing fits)
        let cases: &[(f64, f64, Option<&str>)] = &[
            // A quiet tool: bursts rarely, the baseline covers it.
            (20.0, 0.25, Some("db.t3.medium")),
            // 250 rps at a quarter of peak: 0.15 vCPU sustained, under t3.medium's 0.4.
            (250.0, 0.25, Some("db.t3.medium")),
            // Same peak, steady all month: 0.6 vCPU sustained is over
            // t3.medium's 0.4 and at t3.large's 0.6.
            (250.0, 1.0, Some("db.t3.large")),
            // 400 rps steady: 0.96 vCPU sustained, over every t3 baseline.
            (400.0, 1.0, Some("db.r4.large")),
            // A 2,000 rps ledger: 6.2 vCPU at the target ⇒ 8 vCPU, never burstable.
            (2000.0, 0.25, Some("db.r4.2xlarge")),
            // Beyond the largest class.
            (20000.0, 0.25, None),
        ];
        for (rps, avg, want) in cases {
            let got = super::super::sizing::db_class(&load(*rps, *avg), &classes);
            assert_eq!(
                got.as_ref().map(|c| c.class.name.as_str()),
                *want,
                "{rps} rps at {avg}"
            );
            if let Some(c) = got
                && let Some(b) = c.class.burst_baseline
            {
                assert!(
                    c.sustained_vcpu <= b * c.class.vcpu + 1e-9,
                    "{rps}: bursts under load"
                );
            }
        }
        // Pricing on a class replaces the hourly price and names the class.
        let big = aurora
            .classes
            .iter()
            .find(|c| c.name == "db.r4.2xlarge")
            .unwrap();
        let priced = on_class(aurora, big);
        let hour = priced
            .prices
            .iter()
            .find(|p| p.unit == "node_hour")
            .unwrap();
        assert_eq!(hour.usd, 1.16);
        assert!(hour.item.contains("db.r4.2xlarge") && priced.config.contains("8 vCPU"));
        assert_eq!(priced.prices.len(), aurora.prices.len());
    }

    #[test]
    fn the_class_a_row_names_and_whether_it_bursts() {
        // (config, name, vCPU, burstable)
        let cases = [
            (
                "Single-AZ DB instance, db.t3.large (2 vCPU, 8 GiB)",
                Some(("db.t3.large", 2.0, true)),
            ),
            (
                "Multi-AZ DB instance (synchronous standby), db.m6i.xlarge (4 vCPU, 16 GiB)",
                Some(("db.m6i.xlarge", 4.0, false)),
            ),
            (
                "zone-redundant HA, Standard_B2s (2 vCores, 4 GiB)",
                Some(("Standard_B2s", 2.0, true)),
            ),
            // No vCPU stated: nothing to check.
            ("Multi-AZ cluster (writer + reader in another AZ)", None),
            // The provider's own naming schemes, without a size in parentheses.
            (
                "regional HA instance db-custom-2-8192 (standby in a second zone)",
                Some(("db-custom-2-8192", 2.0, false)),
            ),
            (
                "GP_Standard_D2ds_v5, zone-redundant HA (standby in another zone)",
                Some(("GP_Standard_D2ds_v5", 2.0, false)),
            ),
            (
                "Burstable, Standard_B1ms",
                Some(("Standard_B1ms", 1.0, true)),
            ),
            (
                "General Purpose, Standard_E4ds_v5",
                Some(("Standard_E4ds_v5", 4.0, false)),
            ),
            (
                "zonal instance db-custom-4-16384, no HA",
                Some(("db-custom-4-16384", 4.0, false)),
            ),
            ("db-custom-x-8192 (a typo)", None),
        ];
        for (config, want) in cases {
            let got = named_class(config, 0.3);
            match (got, want) {
                (None, None) => {}
                (Some(c), Some((name, vcpu, burst))) => {
                    assert_eq!(c.name, name, "{config}");
                    assert_eq!(c.vcpu, vcpu, "{config}");
                    assert_eq!(c.burst_baseline.is_some(), burst, "{config}");
                }
                (g, w) => panic!("{config}: {g:?} vs {w:?}"),
            }
        }
    }
}
