//! Workloads: which blueprints the feature is composed of (`run`, early, so
//! later passes can read them), and the components, links and sizing of each
//! blueprint beyond the request path (`place`, after the data pass).
//!
//! A slot is filled by a component already placed for its id or role (the
//! request path and data passes place the web API's), else by the catalog row
//! for the chosen technology, else by the catalog's row for the role, else —
//! when the catalog has no row yet — by the blueprint's named service for the
//! provider (or the chosen technology), marked unpriced with a question. A
//! slot is never dropped and a chosen technology is never swapped.

use super::Plan;
use super::build::{comp, loc};
use crate::catalog::Row;
use crate::design::context::Ctx;
use crate::design::cost::Usage;
use crate::design::model::*;
use crate::design::topology;
use crate::design::workload::{self, Blueprint, CapacityModel, Dependency, Slot};
use crate::error::Result;
use crate::numfmt::trim;
use crate::requirements::Kind;

pub fn run(p: &mut Plan) -> Result<()> {
    p.workloads = workload::detect(&mut p.ctx)?;
    let mut serves = false;
    for w in &p.workloads {
        serves |= Blueprint::get(&w.blueprint)?.serves_requests;
    }
    p.ingress = serves || !no_ingress(&mut p.ctx, &p.workloads);
    Ok(())
}

/// A feature whose blueprints all take their work from other systems (a
/// stream, a queue, a schedule) has no endpoint of its own, unless the
/// documents or the project state that it is public. Rewrites the assumed
/// public exposure into that reading and returns whether it applied.
fn no_ingress(ctx: &mut Ctx, workloads: &[Workload]) -> bool {
    let basis = ctx.exposure_basis.clone();
    let Some(a) = ctx
        .assumptions
        .iter_mut()
        .find(|a| a.id == basis && a.subject == "exposure")
    else {
        // Stated (a requirement or the project file): the statement wins.
        return false;
    };
    let fed_by: Vec<String> = workloads.iter().map(|w| w.title.to_lowercase()).collect();
    a.value = "no endpoint of its own".into();
    a.why = format!(
        "the feature is {} and nothing describes requests it answers: other systems hand it work, so it gets no public DNS, edge or load balancer (state `exposure` otherwise)",
        fed_by.join(" and ")
    );
    ctx.public = false;
    true
}

/// What a capacity model decided, per slot id.
#[derive(Debug, Default)]
pub struct Sized {
    pub figures: Vec<WorkloadSizing>,
    pub count: Vec<(String, u32)>,
    pub storage_gb: Vec<(String, f64)>,
    pub config: Vec<(String, String)>,
    /// The catalog row a capacity model chose for a slot (the GPU type).
    pub rows: Vec<(String, Row)>,
}

impl Sized {
    fn count(&self, id: &str) -> Option<u32> {
        self.count.iter().find(|(i, _)| i == id).map(|(_, n)| *n)
    }
    fn storage(&self, id: &str) -> f64 {
        self.storage_gb
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, g)| *g)
            .unwrap_or(0.0)
    }
    fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|(i, _)| i == id).map(|(_, r)| r)
    }
    fn config(&self, id: &str) -> Option<&str> {
        self.config
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, c)| c.as_str())
    }
    fn figure(
        &mut self,
        role: Role,
        unit: &str,
        value: f64,
        formula: String,
        basis: Vec<Provenance>,
    ) {
        self.figures.push(WorkloadSizing {
            role,
            unit: unit.into(),
            value,
            formula,
            basis: basis.into_iter().collect::<Vec<_>>(),
            at: None,
            horizon_years: None,
        });
    }
    /// Marks the last figure as the quiet-hours baseline.
    fn at_baseline(&mut self) {
        if let Some(f) = self.figures.last_mut() {
            f.at = Some("baseline".into());
        }
    }
    /// Marks the last figure as the volume `years` after launch.
    fn after_years(&mut self, years: f64) {
        if let Some(f) = self.figures.last_mut() {
            f.horizon_years = Some(years);
        }
    }
    /// A figure for `years` ahead (stored data grows with time).
    fn figure_at(
        &mut self,
        role: Role,
        unit: &str,
        value: f64,
        years: f64,
        formula: String,
        basis: Vec<Provenance>,
    ) {
        self.figure(role, unit, value, formula, basis);
        self.after_years(years);
    }
}

pub fn place(p: &mut Plan) -> Result<()> {
    let mut workloads = std::mem::take(&mut p.workloads);
    for w in &mut workloads {
        let bp = Blueprint::get(&w.blueprint)?;
        let sized = size(p, bp)?;
        for slot in &bp.slots {
            if let Some(id) = place_slot(p, bp, slot, &sized, &w.why)?
                && !w.components.contains(&id)
            {
                w.components.push(id);
            }
        }
        for l in &bp.links {
            let placed = |id: &str| p.b.get(id).is_some();
            if placed(&l.from) && placed(&l.to) {
                let kind = LinkKind::parse(&l.kind).unwrap_or(LinkKind::Data);
                if !p.b.links.iter().any(|x| x.from == l.from && x.to == l.to) {
                    p.b.link(&l.from, &l.to, &l.protocol, &l.label, kind);
                }
            }
        }
        // An internal system is entered through identity-aware access.
        if p.b.get("access").is_some() {
            let ext = p.external.0;
            for l in p.b.links.iter_mut() {
                if l.from == ext && l.to == "lb" {
                    l.to = "access".into();
                }
            }
        }
        // Queue consumers are the workers once a worker pool exists.
        if p.b.get("worker").is_some() {
            p.b.links
                .retain(|x| !(x.from == "queue" && x.to == "app" && x.label == "consume"));
        }
        w.sizing = sized.figures;
    }
    // The database's figures go with the workload that reads and writes it
    // (the request path's system of record), else the first one.
    let db_figures = std::mem::take(&mut p.db_sizing);
    let holder = workloads
        .iter()
        .position(|w| w.components.iter().any(|c| c == "db"))
        .unwrap_or(0);
    if let Some(w) = workloads.get_mut(holder) {
        w.sizing.extend(db_figures);
    }
    // The queue-backlog rule scales the pool that consumes the queue: the
    // workers once a worker pool exists, not the API in front of it.
    if p.b.get("worker").is_some()
        && let Some(cap) = p.cap.as_mut()
    {
        for r in &mut cap.scaling_rules {
            if r.metric == "queue_backlog_per_instance" {
                r.component = "worker".into();
            }
        }
    }
    // Without ingress the upstream systems hand work to the blueprints'
    // own entry: the stream, the queue, the landing zone, or the schedule.
    if !p.ingress {
        let ext = p.external.0;
        let entries = [
            ("stream", "publish events"),
            ("queue", "enqueue work"),
            ("landing", "drop files"),
            ("orchestrator", "schedule"),
        ];
        for (id, label) in entries {
            if p.b.get(id).is_some() {
                p.b.link(ext, id, "HTTPS", label, LinkKind::Data);
            }
        }
    }
    p.workloads = workloads;
    Ok(())
}

/// Whether a blueprint's own front door (a managed API gateway) takes the
/// requests, so that no load balancer sits in front of the application.
pub fn gateway_front(workloads: &[Workload]) -> bool {
    workloads.iter().any(|w| {
        Blueprint::get(&w.blueprint)
            .is_ok_and(|b| b.slots.iter().any(|s| s.role == Role::ApiGateway.as_str()))
    })
}

/// Roles the topology selection chooses itself (the entry point, the
/// platform, the relational writer and the work queue): a blueprint slot of
/// one of them is that selection's component, not a further dependency.
const SELECTED_ROLES: &[Role] = &[
    Role::Dns,
    Role::LoadBalancer,
    Role::Kubernetes,
    Role::RelationalDb,
    Role::Queue,
];

/// Whether a blueprint's slots lie on the request path: a blueprint that
/// answers requests, or any blueprint of a feature without ingress (its
/// stream or landing zone is then the entry other systems call).
pub fn on_request_path(bp: &Blueprint, ingress: bool) -> bool {
    bp.serves_requests || !ingress
}

/// The hard dependencies the blueprints add to the request path beyond the
/// selected slots, each with the row `place` will put it on (the same
/// resolution: the chosen technology's row, else the role's first allowed
/// row, else none), one per role; and the blueprints' hard components that
/// are off the request path, by title, for the availability section.
pub fn chain_deps(
    ctx: &Ctx,
    workloads: &[Workload],
    ingress: bool,
) -> Result<(Vec<topology::ChainDep>, Vec<String>)> {
    let mut deps: Vec<topology::ChainDep> = Vec::new();
    let mut off = Vec::new();
    for w in workloads {
        let bp = Blueprint::get(&w.blueprint)?;
        for slot in &bp.slots {
            if slot.dependency != Dependency::Hard || slot.role == "@compute" || slot.existing_only
            {
                continue;
            }
            let Some(role) = Role::parse(&slot.role) else {
                continue;
            };
            if SELECTED_ROLES.contains(&role) {
                continue;
            }
            let chosen = chosen_for(ctx, slot);
            if (slot.only_if_chosen && chosen.is_none()) || !slot_wanted(ctx, slot) {
                continue;
            }
            if !on_request_path(bp, ingress) {
                off.push((
                    role,
                    format!("{} ({})", role.as_str().replace('_', " "), bp.title),
                ));
                continue;
            }
            if deps.iter().any(|d| d.role == role.as_str()) {
                continue;
            }
            let row = slot_row(ctx, role, chosen.as_ref().map(|(t, _)| t.as_str()));
            let provider = ctx.cat.provider.to_string().to_ascii_lowercase();
            let service = match (&row, &chosen) {
                (Some(r), _) => r.service.clone(),
                (None, Some((tech, _))) => workload::tech_display(tech),
                (None, None) => slot.services.get(&provider).cloned().unwrap_or_else(|| {
                    format!("{} {}", ctx.cat.name, role.as_str().replace('_', " "))
                }),
            };
            let missing = match &chosen {
                Some((tech, _)) if ctx.cat.rows_for(role.as_str()).next().is_some() => format!(
                    "the catalog has no {} row for the chosen {}",
                    role.as_str().replace('_', " "),
                    workload::tech_display(tech)
                ),
                _ => format!("the catalog has no {} row", role.as_str().replace('_', " ")),
            };
            deps.push(topology::ChainDep {
                id: slot.id.clone(),
                role: role.as_str().to_string(),
                service,
                row,
                missing,
            });
        }
    }
    // A role one blueprint puts on the path is one component (the slots of
    // a role share it): it is in the product, not off the path.
    let mut off_path: Vec<String> = Vec::new();
    for (role, what) in off {
        if !deps.iter().any(|d| d.role == role.as_str()) && !off_path.contains(&what) {
            off_path.push(what);
        }
    }
    Ok((deps, off_path))
}

/// Whether a slot's conditions on the documents hold: a requirement of one
/// of its `only_if_kinds` is stated, and no technology of its
/// `unless_chosen` roles is chosen.
fn slot_wanted(ctx: &Ctx, slot: &Slot) -> bool {
    let stated = slot.only_if_kinds.is_empty()
        || slot.only_if_kinds.iter().any(|k| {
            k.parse::<Kind>()
                .is_ok_and(|kind| ctx.reqs.primary(kind).is_some())
        });
    stated && !slot.unless_chosen.iter().any(|r| !ctx.chosen(r).is_empty())
}

/// The catalog row a slot of `role` is placed on: the chosen technology's
/// row, else the role's first row the design may use.
fn slot_row(ctx: &Ctx, role: Role, chosen: Option<&str>) -> Option<Row> {
    let mut rows = ctx.cat.rows_for(role.as_str()).filter(|r| ctx.allowed(r));
    match chosen {
        Some(tech) => {
            let rows: Vec<&Row> = rows.collect();
            rows.iter()
                .find(|r| r.implements(tech))
                .or_else(|| rows.iter().find(|r| service_is(ctx, r, tech)))
                .map(|r| (*r).clone())
        }
        None => rows.next().cloned(),
    }
}

/// Whether a row's service is the technology by name: this provider's own
/// product ("Azure Functions (Flex Consumption)" on Azure is the chosen
/// Azure Functions) even when the row does not list it.
fn service_is(ctx: &Ctx, row: &Row, tech: &str) -> bool {
    let Some(t) = crate::technologies::catalog().get(tech) else {
        return false;
    };
    let service = row.service.to_ascii_lowercase();
    t.provider
        .as_deref()
        .is_some_and(|p| p.eq_ignore_ascii_case(ctx.cat.provider.as_str()))
        && t.aliases
            .iter()
            .any(|a| service.starts_with(&a.to_ascii_lowercase()))
}

/// The chosen technology for a slot, if any: its canonical name and the
/// `file:line` that chooses it.
fn chosen_for(ctx: &Ctx, slot: &Slot) -> Option<(String, String)> {
    slot.tech_roles.iter().find_map(|r| {
        ctx.chosen(r).first().map(|n| {
            let at = ctx
                .reqs
                .technologies
                .iter()
                .find(|t| t.name == *n)
                .map(|t| format!("{}:{}", t.source.path, t.source.line))
                .unwrap_or_default();
            (n.to_string(), at)
        })
    })
}

fn place_slot(
    p: &mut Plan,
    bp: &Blueprint,
    slot: &Slot,
    sized: &Sized,
    why: &[Provenance],
) -> Result<Option<String>> {
    let compute = slot.role == "@compute";
    if p.b.get(&slot.id).is_some() {
        // Placed by the request path or data pass: the blueprint's sizing
        // says what it carries.
        if let Some(cfg) = sized.config(&slot.id)
            && let Some(c) = p.b.components.iter_mut().find(|c| c.id == slot.id)
            && !c.configuration.contains(cfg)
        {
            c.configuration = format!("{}; {cfg}", c.configuration);
        }
        return Ok(Some(slot.id.clone()));
    }
    let role = if compute {
        let sel = p.sel()?;
        match Role::parse(&sel.compute.role) {
            Some(r) => r,
            None => return Ok(None),
        }
    } else {
        match Role::parse(&slot.role) {
            Some(r) => r,
            None => return Ok(None),
        }
    };
    // A hard slot on the request path makes the component that fills it a
    // hard dependency, whoever placed it (the availability floor reads it).
    let critical = slot.dependency == Dependency::Hard && on_request_path(bp, p.ingress);
    if !compute && let Some(c) = p.b.components.iter_mut().find(|c| c.role == role) {
        c.critical_path |= critical;
        return Ok(Some(c.id.clone()));
    }
    if slot.existing_only {
        return Ok(None);
    }
    let chosen = chosen_for(&p.ctx, slot);
    if (slot.only_if_chosen && chosen.is_none()) || !slot_wanted(&p.ctx, slot) {
        return Ok(None);
    }
    let mut basis: Vec<Provenance> = why.to_vec();
    if let Some((_, id)) = &chosen
        && !id.is_empty()
        && !basis.iter().any(|b| b == id)
    {
        basis.push(id.into());
    }
    let regions = p.regions.clone();
    let zones = p.sel()?.zones;
    let count = sized.count(&slot.id).unwrap_or(1);
    let configured = sized.config(&slot.id).map(str::to_string);
    let d = &p.ctx.rules.defaults;

    // A worker pool runs on the application's platform row.
    let row: Option<Row> = if compute {
        Some(p.sel()?.compute.clone())
    } else if let Some(r) = sized.row(&slot.id) {
        Some(r.clone())
    } else {
        slot_row(&p.ctx, role, chosen.as_ref().map(|(t, _)| t.as_str()))
    };
    let scope = if role == Role::Cdn || role == Role::Dns {
        Scope::Global
    } else {
        Scope::Regional
    };
    // The sizing's own inputs (assumptions, requirements) back the cost lines.
    let mut sizing_basis: Vec<Provenance> = Vec::new();
    for f in &sized.figures {
        for b in &f.basis {
            if !b.is_empty() && !sizing_basis.contains(b) {
                sizing_basis.push(b.clone());
            }
        }
    }
    match row {
        Some(row) => {
            let mut c = comp(
                &slot.id,
                &row,
                &slot.purpose,
                configured.unwrap_or_else(|| row.config.clone()),
                count,
                loc(
                    if compute { zones } else { row.zones.max(1) },
                    scope,
                    &regions[..1],
                ),
                critical,
                basis,
            )?;
            c.role = role;
            c.alternatives = alternatives(slot);
            if compute {
                // A second pool on the application's platform: say which.
                c.name = format!("{} ({})", row.service, slot.id.replace('_', " "));
            }
            if let Some((tech, _)) = &chosen {
                c.technology = Some(tech.clone());
            }
            let n = count as f64;
            let usage = if compute {
                Usage {
                    instances: n,
                    vcpu: d.instance_vcpu,
                    memory_gb: d.instance_memory_gb,
                    count: n,
                    vms: n,
                    basis: sizing_basis.clone(),
                    ..Default::default()
                }
            } else {
                Usage {
                    count: n,
                    storage_gb: sized.storage(&slot.id),
                    basis: sizing_basis.clone(),
                    ..Default::default()
                }
            };
            p.b.add(&mut p.ctx, c, &row, usage);
        }
        None => {
            let provider = p.ctx.cat.provider.to_string().to_ascii_lowercase();
            let service = match &chosen {
                Some((tech, _)) => workload::tech_display(tech),
                None => slot.services.get(&provider).cloned().unwrap_or_else(|| {
                    format!("{} {}", p.ctx.cat.name, role.as_str().replace('_', " "))
                }),
            };
            let c = Component {
                id: slot.id.clone(),
                name: service.clone(),
                role,
                service: service.clone(),
                technology: chosen.as_ref().map(|(t, _)| t.clone()),
                purpose: slot.purpose.clone(),
                configuration: configured.unwrap_or_else(|| bp.title.clone()),
                count,
                placement: loc(zones, scope, &regions[..1]),
                critical_path: critical,
                sla: None,
                monthly_cost: 0.0,
                why: basis.clone(),
                alternatives: alternatives(slot),
            };
            // Say which is missing: any row of the role, or one of the
            // technology the documents chose (never swapped for another).
            let reason = match &chosen {
                Some((tech, _)) if p.ctx.cat.rows_for(role.as_str()).next().is_some() => format!(
                    "the {} catalog has no {} row for the chosen {}",
                    p.ctx.cat.name,
                    role.as_str(),
                    workload::tech_display(tech)
                ),
                _ => format!(
                    "the {} catalog has no {} row yet",
                    p.ctx.cat.name,
                    role.as_str()
                ),
            };
            p.ctx.question(
                format!(
                    "{service} ({} for the {} workload) is designed but not priced: {reason}. What does it cost at this usage?",
                    role.as_str().replace('_', " "),
                    bp.title.to_lowercase()
                ),
                QuestionReason::Assumption,
                basis.into_iter().collect::<Vec<_>>(),
            );
            p.b.add_unpriced(c, reason);
        }
    }
    Ok(Some(slot.id.clone()))
}

fn alternatives(slot: &Slot) -> Vec<Alternative> {
    slot.alternatives
        .iter()
        .map(|a| Alternative {
            option: a.option.clone(),
            why_not: a.why_not.clone(),
        })
        .collect()
}

/// A blueprint default, recorded as a stated assumption when used.
fn assumed(ctx: &mut Ctx, bp: &Blueprint, name: &str, unit: &str) -> (f64, Provenance) {
    match bp.default_figure(name) {
        Some(f) => {
            let id = ctx.assume(
                &format!("{} {}", bp.title.to_lowercase(), name.replace('_', " ")),
                format!("{} {unit}", trim(f.value)).trim().to_string(),
                format!("{} ({}, {})", f.why, f.source, f.as_of),
            );
            (f.value, id)
        }
        // No default: the caller's figure is 0 and cites nothing real.
        None => (0.0, Provenance::Other(String::new())),
    }
}

/// Words that make a stated throughput the store's commands per second.
const OPS_WORDS: &[&str] = &[
    "command",
    "operations per second",
    "ops/s",
    "ops per second",
];

/// Words that make a stated throughput the site's static pages and assets.
const EDGE_WORDS: &[&str] = &["static", "asset", "page view", "pages", "edge", "cdn"];

/// The largest stated throughput about static pages and assets (their own
/// line, not the API's), and its id.
fn edge_rate(ctx: &Ctx) -> Option<(f64, Provenance)> {
    ctx.reqs
        .all(Kind::Throughput)
        .filter(|r| {
            let about = format!(
                "{} {}",
                r.subject.as_deref().unwrap_or(""),
                r.source.excerpt
            )
            .to_ascii_lowercase();
            EDGE_WORDS.iter().any(|w| about.contains(w))
        })
        .filter_map(|r| {
            r.value
                .as_f64()
                .map(|v| (v, Provenance::from(r.id.clone())))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// A rate that follows the request peak: peak rps × an assumed `per`
/// (static requests per API request, store commands per request), rounded
/// up, with its basis and arithmetic; `what` reads after the peak, its `{}`
/// standing for `per`.
fn per_peak_request(
    ctx: &Ctx,
    per: f64,
    id: Provenance,
    what: &str,
) -> (f64, Vec<Provenance>, String) {
    (
        (ctx.peak_rps() * per).ceil(),
        vec![
            ctx.throughput.basis.clone(),
            ctx.peak_factor.basis.clone(),
            id,
        ],
        format!(
            "{} {}",
            trim(ctx.peak_rps()),
            what.replace("{}", &trim(per))
        ),
    )
}

/// A primary requirement of a kind whose subject mentions one of the words.
fn subject_value(ctx: &Ctx, kind: Kind, words: &[&str]) -> Option<(f64, Provenance)> {
    ctx.reqs.all(kind).find_map(|r| {
        let subject = r.subject.as_deref().unwrap_or("").to_ascii_lowercase();
        let excerpt = r.source.excerpt.to_ascii_lowercase();
        (words
            .iter()
            .any(|w| subject.contains(w) || excerpt.contains(w)))
        .then(|| r.value.as_f64().map(|v| (v, r.id.clone().into())))
        .flatten()
    })
}

/// What a pool of the platform counts in: tasks on ECS/Fargate, else
/// `other` (instances of an API, workers of a queue's pool).
fn count_unit(service: &str, other: &'static str) -> &'static str {
    if service.contains("ECS") || service.contains("Fargate") {
        "tasks"
    } else {
        other
    }
}

/// Over how many days a year a daily volume arrives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Intake {
    /// Every day of the year.
    Calendar,
    /// On working days, their number not stated.
    Working,
    /// On the working days the line states ("about 250 working days a year").
    Stated(f64),
}

/// Reads a daily volume's line for the days it arrives on: "per working
/// day", "on a normal business day" make it working days, with their number
/// when the line states it ("250 working days a year").
fn intake_days(line: &str) -> Intake {
    let lower = line.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let working = |w: &str| matches!(w, "working" | "business" | "work");
    if !words
        .windows(2)
        .any(|p| working(p[0]) && matches!(p[1], "day" | "days"))
    {
        return Intake::Calendar;
    }
    for (i, p) in words.windows(3).enumerate() {
        if working(p[1]) && p[2] == "days" {
            let after = &words[(i + 3).min(words.len())..(i + 6).min(words.len())];
            if let Ok(n) = p[0].parse::<f64>()
                && (150.0..=366.0).contains(&n)
                && after
                    .iter()
                    .any(|w| matches!(*w, "year" | "yearly" | "annually"))
            {
                return Intake::Stated(n);
            }
        }
    }
    Intake::Working
}

fn number(ctx: &Ctx, kind: Kind) -> Option<(f64, Provenance)> {
    ctx.reqs
        .primary(kind)
        .and_then(|r| r.value.as_f64().map(|v| (v, r.id.clone().into())))
}

fn size(p: &mut Plan, bp: &Blueprint) -> Result<Sized> {
    let mut s = Sized::default();
    let zones = p.sel()?.zones;
    let app_role = Role::parse(&p.sel()?.compute.role).unwrap_or(Role::ManagedContainers);
    let compute_service = p.sel()?.compute.service.clone();
    let ctx = &mut p.ctx;
    match bp.capacity.model {
        CapacityModel::None => {}
        CapacityModel::RequestRate => {
            if let (Some(app), Some(cap)) = (p.b.get("app"), p.cap.as_ref()) {
                // Functions scale per request: their bound is concurrency.
                let functions = app.role == Role::Functions;
                s.figure(
                    app.role,
                    if functions {
                        "concurrent"
                    } else {
                        count_unit(&app.service, "instances")
                    },
                    if functions {
                        cap.max_instances as f64
                    } else {
                        app.count as f64
                    },
                    format!(
                        "{}–{} per region from Little's law (section 5)",
                        cap.min_instances, cap.max_instances
                    ),
                    vec![ctx.throughput.basis.clone(), ctx.latency_ms.basis.clone()],
                );
                // Containers and pods at peak in vCPUs, the unit CPU
                // autoscaling and the bill follow.
                if matches!(app.role, Role::ManagedContainers | Role::Kubernetes) {
                    let per = ctx.rules.defaults.instance_vcpu;
                    s.figure(
                        app.role,
                        "vcpu",
                        app.count as f64 * per,
                        format!(
                            "{} instance(s) at peak × {} vCPU each",
                            app.count,
                            trim(per)
                        ),
                        vec![
                            ctx.throughput.basis.clone(),
                            ctx.latency_ms.basis.clone(),
                            ctx.concurrency.basis.clone(),
                            ctx.utilisation.basis.clone(),
                            ctx.instance_basis.clone(),
                        ],
                    );
                }
            }
            // A chosen NoSQL table holds the stored data.
            if let Some(slot) = bp.slots.iter().find(|s| s.role == Role::Nosql.as_str())
                && chosen_for(ctx, slot).is_some()
            {
                let gb = ctx.storage_gb.value.ceil().max(1.0);
                s.storage_gb.push((slot.id.clone(), gb));
                s.figure(
                    Role::Nosql,
                    "GB",
                    gb,
                    "stored data (section 9)".into(),
                    vec![ctx.storage_gb.basis.clone()],
                );
            }
            // A managed API gateway bills per request: the month's requests
            // at the average load.
            if bp.slots.iter().any(|s| s.role == Role::ApiGateway.as_str()) {
                let m = (crate::design::cost::requests_m(ctx) * 10.0).round() / 10.0;
                s.figure(
                    Role::ApiGateway,
                    "million_requests_per_month",
                    m,
                    format!(
                        "{} rps average × {} s in a month",
                        trim((ctx.avg_rps() * 100.0).round() / 100.0),
                        crate::numfmt::thousands(crate::design::cost::MONTH_S as u64)
                    ),
                    vec![
                        ctx.throughput.basis.clone(),
                        ctx.peak_factor.basis.clone(),
                        ctx.avg_ratio.basis.clone(),
                    ],
                );
            }
        }
        CapacityModel::EdgeRequests => {
            // The edge serves the pages and assets; the origin sees only
            // what the edge does not hold.
            let (edge, edge_basis, formula) = match edge_rate(ctx) {
                Some((v, id)) => (
                    v,
                    vec![id],
                    "stated peak of static pages and assets".to_string(),
                ),
                None => {
                    let (per, id) = assumed(ctx, bp, "edge_requests_per_api_request", "requests");
                    ctx.question(
                        "How many requests per second reach the site's static pages and assets at peak? The CDN's capacity and cost follow from it; the design assumes a multiple of the API's peak.".into(),
                        QuestionReason::Missing,
                        vec![id.clone()],
                    );
                    per_peak_request(ctx, per, id, "API rps × {} static requests per API request")
                }
            };
            let (hit, h_id) = assumed(ctx, bp, "edge_hit_ratio", "");
            // Rounded to a thousandth before the ceiling: 2,500 × (1 − 0.95)
            // is 125.0000000001 in floating point, not 126 requests.
            let origin = ((edge * (1.0 - hit) * 1000.0).round() / 1000.0).ceil();
            let mut basis = edge_basis;
            basis.push(h_id);
            s.config.push((
                "cdn".into(),
                format!(
                    "{} requests/s at peak from the edge, {} % served from cache (hashed assets cached a year, index.html 60 s); ≈ {} requests/s reach the bucket",
                    trim(edge),
                    trim(hit * 100.0),
                    trim(origin)
                ),
            ));
            s.figure(Role::Cdn, "requests_per_s", edge, formula, basis.clone());
            s.figure(
                Role::ObjectStorage,
                "requests_per_s",
                origin,
                format!("{} requests/s × (1 − {} hit ratio)", trim(edge), trim(hit)),
                basis,
            );
        }
        CapacityModel::StoredBytes => {
            let per_day = number(ctx, Kind::DataVolumePerDay);
            let retention = number(ctx, Kind::Retention);
            let (gb, formula, basis) = match (&per_day, &retention) {
                (Some((b, bid)), Some((r, rid))) => {
                    let days = r / 86_400.0;
                    let gb = b / 1e9 * days;
                    (
                        gb,
                        format!(
                            "{} GB/day × {} days kept",
                            trim(b / 1e9),
                            trim(days.round())
                        ),
                        vec![bid.clone(), rid.clone()],
                    )
                }
                _ => (
                    ctx.storage_gb.value,
                    "stored volume (section 9)".to_string(),
                    vec![ctx.storage_gb.basis.clone()],
                ),
            };
            let gb = gb.ceil();
            let lifecycle = match &retention {
                Some((r, _)) => format!(
                    "lifecycle: infrequent-access class after 30 days, expire after {}",
                    crate::numfmt::duration(*r)
                ),
                None => {
                    ctx.question(
                        "How long must uploaded files be kept, per class of data? The file store's lifecycle and retention rules (and its cost) follow from it.".into(),
                        QuestionReason::Missing,
                        vec![],
                    );
                    "lifecycle: infrequent-access class after 30 days; expiry to be confirmed"
                        .into()
                }
            };
            s.config.push((
                "files".into(),
                format!(
                    "versioned bucket, private; uploads and downloads by signed URLs valid 15 min; {lifecycle}; {} GB",
                    trim(gb)
                ),
            ));
            s.storage_gb.push(("files".into(), gb));
            s.figure(
                Role::ObjectStorage,
                "GB",
                gb,
                formula.clone(),
                basis.clone(),
            );
            // What the store holds a year on and at the end of retention:
            // a year's intake (over the days data actually arrives), and
            // that many years of intake once the oldest files expire.
            if let (Some((b, bid)), Some((r, _))) = (&per_day, &retention) {
                let line = ctx
                    .reqs
                    .all(Kind::DataVolumePerDay)
                    .find(|q| q.id == bid.as_str())
                    .map(|q| {
                        format!(
                            "{} {}",
                            q.subject.as_deref().unwrap_or(""),
                            q.source.excerpt
                        )
                    })
                    .unwrap_or_default();
                let (days, days_why) = match intake_days(&line) {
                    Intake::Stated(n) => (n, format!("{} working days a year (stated)", trim(n))),
                    Intake::Working => {
                        let (n, id) = assumed(ctx, bp, "working_days_per_year", "days");
                        (n, format!("{} working days a year ({id})", trim(n)))
                    }
                    Intake::Calendar => (365.0, "365 days a year".to_string()),
                };
                let year_gb = (b / 1e9 * days).ceil();
                let kept_years = r / 86_400.0 / 365.0;
                let per_year = format!("{} GB/day × {days_why}", trim(b / 1e9));
                // Kept less than a year: the store is full (at its steady
                // state) before the year is out.
                let mut horizons = vec![if kept_years < 1.0 {
                    (1.0, gb, formula.clone())
                } else {
                    (
                        1.0,
                        year_gb,
                        format!("{per_year} = {} GB in the first year", trim(year_gb)),
                    )
                }];
                if kept_years > 1.0 {
                    let years = kept_years.round();
                    let v = year_gb * years;
                    horizons.push((
                        years,
                        v,
                        format!(
                            "{per_year} × {} years kept = {} GB once the oldest files expire (no growth stated)",
                            trim(years),
                            trim(v)
                        ),
                    ));
                }
                for (years, value, f) in horizons {
                    s.figure_at(Role::ObjectStorage, "GB", value, years, f, basis.clone());
                }
            }
        }
        CapacityModel::QueueWorkers => {
            // Workers keep up with the peak message rate (a sustained peak
            // would otherwise grow the backlog without bound); short spikes
            // above it wait in the queue. The same rate prices the queue.
            let (rate, rate_basis) = crate::design::data::message_rate(ctx);
            let (t, t_id) = assumed(ctx, bp, "processing_time_s", "s");
            let (c, c_id) = assumed(ctx, bp, "per_worker_concurrency", "messages");
            let in_flight = rate * t;
            let workers = (in_flight / c.max(1.0)).ceil().max(1.0) as u32;
            let mut basis = rate_basis;
            basis.extend([t_id, c_id]);
            s.count.push(("worker".into(), workers));
            s.config.push((
                "worker".into(),
                format!(
                    "{workers} worker(s), {} messages each at once; scale on queue depth and age of the oldest message; retries with backoff, dead-letter after 5 attempts",
                    trim(c)
                ),
            ));
            s.figure(
                Role::Queue,
                "messages_per_s",
                (rate * 100.0).round() / 100.0,
                "peak message rate the workers keep up with (spikes above it wait in the queue)"
                    .into(),
                basis.clone(),
            );
            // Messages in flight on the worker pool (functions count their
            // concurrency per request instead, in the request-rate figure).
            if app_role != Role::Functions {
                s.figure(
                    app_role,
                    "concurrent",
                    (in_flight * 10.0).round() / 10.0,
                    format!(
                        "L = {} msg/s × {} s per message = {} messages in flight (Little's law)",
                        trim(rate),
                        trim(t),
                        trim((in_flight * 10.0).round() / 10.0)
                    ),
                    basis.clone(),
                );
            }
            let unit = count_unit(&compute_service, "workers");
            s.figure(
                app_role,
                unit,
                workers as f64,
                format!(
                    "⌈{} msg/s × {} s ÷ {} per worker⌉",
                    trim(rate),
                    trim(t),
                    trim(c)
                ),
                basis,
            );
        }
        CapacityModel::BatchWindow => size_batch(ctx, bp, &mut s),
        CapacityModel::StreamPartitions => size_stream(ctx, bp, &mut s, app_role),
        CapacityModel::GpuTokens => size_gpu(ctx, bp, &mut s),
        CapacityModel::InMemory => {
            // The store holds the data: memory for the data with its
            // overhead, shards for memory and for commands per second, a
            // replica of every shard in another zone.
            let (overhead, o_id) = assumed(ctx, bp, "memory_overhead", "×");
            let data_gb = ctx.storage_gb.value;
            let gb = (data_gb * overhead).ceil().max(1.0);
            let (ops, ops_basis, ops_formula) =
                match subject_value(ctx, Kind::Throughput, OPS_WORDS) {
                    Some((v, id)) => (
                        v,
                        vec![id],
                        "stated commands per second at peak".to_string(),
                    ),
                    None => {
                        let (per, id) = assumed(ctx, bp, "commands_per_request", "commands");
                        per_peak_request(ctx, per, id, "rps × {} commands per request")
                    }
                };
            let (per_shard_ops, s_id) = assumed(ctx, bp, "commands_per_s_per_shard", "commands/s");
            let chosen = chosen_for(
                ctx,
                bp.slots
                    .iter()
                    .find(|s| s.id == "memstore")
                    .unwrap_or(&bp.slots[0]),
            );
            let per_shard_gb = slot_row(
                ctx,
                Role::InMemoryStore,
                chosen.as_ref().map(|(t, _)| t.as_str()),
            )
            .and_then(|r| r.capacity_gb);
            let by_memory = per_shard_gb.map_or(1.0, |c| (gb / c.max(0.1)).ceil());
            let by_ops = (ops / per_shard_ops.max(1.0)).ceil();
            let shards = by_memory.max(by_ops).max(1.0);
            let replicas = (zones.max(2) - 1) as f64;
            s.count.push(("memstore".into(), shards as u32));
            s.config.push((
                "memstore".into(),
                format!(
                    "{} GB of memory ({} GB of data × {}) in {} shard(s){}, {} commands/s at peak ({} per shard); {} replica(s) of every shard in another zone, automatic failover, persistence (AOF every second)",
                    trim(gb),
                    trim(data_gb),
                    trim(overhead),
                    trim(shards),
                    per_shard_gb.map(|c| format!(" of {} GB", trim(c))).unwrap_or_default(),
                    trim(ops),
                    trim((ops / shards).ceil()),
                    trim(replicas)
                ),
            ));
            let mut gb_basis = vec![ctx.storage_gb.basis.clone(), o_id];
            gb_basis.dedup();
            s.figure(
                Role::InMemoryStore,
                "GB",
                gb,
                format!("{} GB of data × {} overhead", trim(data_gb), trim(overhead)),
                gb_basis.clone(),
            );
            s.figure(
                Role::InMemoryStore,
                "ops_per_s",
                ops,
                ops_formula,
                ops_basis.clone(),
            );
            let mut shard_basis = gb_basis;
            shard_basis.extend(ops_basis);
            shard_basis.push(s_id);
            s.figure(
                Role::InMemoryStore,
                "shards",
                shards,
                format!(
                    "max({}, ⌈{} commands/s ÷ {} per shard⌉)",
                    per_shard_gb
                        .map(|c| format!("⌈{} GB ÷ {} GB per shard⌉", trim(gb), trim(c)))
                        .unwrap_or_else(|| "1".into()),
                    trim(ops),
                    trim(per_shard_ops)
                ),
                shard_basis,
            );
        }
    }
    Ok(s)
}

/// Words that make a duration the time a full re-run may take.
const RERUN_WORDS: &[&str] = &["re-run", "rerun", "re-process", "reprocess", "backfill"];

/// Words that make a retention the landing zone's (the raw input files').
const LANDING_WORDS: &[&str] = &[
    "landing",
    "raw",
    "input",
    "incoming",
    "export",
    "source file",
];

/// The stated time a full re-run may take, in seconds: a duration stated
/// (as a recovery time or a latency) on a line about re-running.
fn rerun_time(ctx: &Ctx) -> Option<(f64, Provenance)> {
    [Kind::Rto, Kind::Latency]
        .into_iter()
        .flat_map(|k| ctx.reqs.all(k))
        .filter(|r| {
            let line = r.source.excerpt.to_ascii_lowercase();
            RERUN_WORDS.iter().any(|w| line.contains(w))
        })
        .filter_map(|r| {
            let v = r.value.as_f64()?;
            let secs = if r.kind == Kind::Latency {
                v / 1000.0
            } else {
                v
            };
            (secs > 0.0).then(|| (secs, r.id.clone().into()))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
}

/// A batch run: the day's volume ÷ the time it may take — half the window
/// to the deadline (the other half for one re-run), or the stated re-run
/// time when that is shorter — gives MB/s and vCPU; the landing zone keeps
/// the input for the stated landing retention (else a week of re-runs).
fn size_batch(ctx: &mut Ctx, bp: &Blueprint, s: &mut Sized) {
    let (daily_gb, mut basis) = match number(ctx, Kind::DataVolumePerDay) {
        Some((b, id)) => (b / 1e9, vec![id]),
        None => {
            let (g, id) = assumed(ctx, bp, "daily_gb", "GB/day");
            ctx.question(
                "How much data arrives per day for the batch run? The processing window sizes batch compute from it.".into(),
                QuestionReason::Missing,
                vec![id.clone()],
            );
            (g, vec![id])
        }
    };
    let (deadline_h, d_id) = match number(ctx, Kind::Deadline) {
        Some((sec, id)) => (sec / 3600.0, id),
        None => assumed(ctx, bp, "deadline_h", "h"),
    };
    let (start_h, s_id) = assumed(ctx, bp, "window_start_h", "h");
    let (per_vcpu, v_id) = assumed(ctx, bp, "mb_per_s_per_vcpu", "MB/s");
    basis.extend([d_id, s_id, v_id]);
    let mut window_h = deadline_h - start_h;
    if window_h <= 0.0 {
        window_h += 24.0;
    }
    // Half the window for the run leaves the other half for one re-run; a
    // stated re-run time binds when it is shorter.
    let half = window_h * 3600.0 / 2.0;
    let (run_s, run_how) = match rerun_time(ctx) {
        Some((r, id)) if r < half => {
            basis.push(id);
            (
                r,
                format!("{} stated for a full re-run", crate::numfmt::duration(r)),
            )
        }
        _ => (
            half,
            format!("{} h window ÷ 2 for a re-run", trim(window_h)),
        ),
    };
    let mb_s = daily_gb * 1000.0 / run_s;
    let vcpu = (mb_s / per_vcpu.max(0.1)).ceil().max(1.0);
    s.config.push((
        "batch".into(),
        format!(
            "{} vCPU at peak: {} GB in ≤ {} so a re-run still ends by {:02}:00",
            trim(vcpu),
            trim(daily_gb),
            crate::numfmt::duration(run_s),
            deadline_h.floor() as u32 % 24
        ),
    ));
    let landing = retentions(ctx)
        .into_iter()
        .filter(|(_, _, l)| LANDING_WORDS.iter().any(|w| l.contains(w)))
        .map(|(v, id, _)| (v / 86_400.0, id))
        .next();
    let (days, keep) = match &landing {
        Some((d, _)) => (
            d.round().max(1.0),
            format!("objects expire after {} days (stated)", trim(d.round())),
        ),
        None => (
            7.0,
            "objects expire after 7 days (room to re-run a week)".to_string(),
        ),
    };
    let landing_gb = (daily_gb * days).ceil();
    s.config.push((
        "landing".into(),
        format!("landing bucket, {} GB/day; {keep}", trim(daily_gb)),
    ));
    s.storage_gb.push(("landing".into(), landing_gb));
    let mut l_basis = vec![basis[0].clone()];
    if let Some((_, id)) = landing {
        l_basis.push(id);
    }
    s.figure(
        Role::ObjectStorage,
        "GB",
        landing_gb,
        format!(
            "{} GB/day × {} days kept in the landing zone",
            trim(daily_gb),
            trim(days)
        ),
        l_basis,
    );
    s.figure(
        Role::BatchCompute,
        "MB_per_s",
        (mb_s * 10.0).round() / 10.0,
        format!("{} GB ÷ ({run_how})", trim(daily_gb)),
        basis.clone(),
    );
    s.figure(
        Role::BatchCompute,
        "vcpu",
        vcpu,
        format!(
            "⌈{} MB/s ÷ {} MB/s per vCPU⌉",
            trim((mb_s * 10.0).round() / 10.0),
            trim(per_vcpu)
        ),
        basis,
    );
}

/// Words that make a rate, a size or a retention the stream's events'.
const EVENT_WORDS: &[&str] = &[
    "event",
    "message",
    "reading",
    "record",
    "telemetry",
    "usage",
    "stream",
];

/// Words that make a retention the stream's replay window, not the events'
/// archive.
const REPLAY_WORDS: &[&str] = &[
    "replay",
    "re-read",
    "reread",
    "rewind",
    "re-process",
    "reprocess",
];

/// Retention requirements (seconds, id, line), longest first.
fn retentions(ctx: &Ctx) -> Vec<(f64, Provenance, String)> {
    let mut out: Vec<(f64, Provenance, String)> = ctx
        .reqs
        .all(Kind::Retention)
        .filter_map(|r| {
            let line = format!(
                "{} {}",
                r.subject.as_deref().unwrap_or(""),
                r.source.excerpt
            )
            .to_ascii_lowercase();
            r.value.as_f64().map(|v| (v, r.id.clone().into(), line))
        })
        .collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

/// The stream's replay window: a retention stated about re-reading the
/// stream, else the blueprint's default.
fn replay_window(ctx: &mut Ctx, bp: &Blueprint) -> (f64, Provenance) {
    let stated = retentions(ctx)
        .into_iter()
        .filter(|(_, _, l)| REPLAY_WORDS.iter().any(|w| l.contains(w)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match stated {
        Some((sec, id, _)) => (sec, id),
        None => {
            let (h, id) = assumed(ctx, bp, "retention_h", "h");
            (h * 3600.0, id)
        }
    }
}

/// How long the events themselves are kept beyond the replay window (the
/// warehouse's or the archive's retention): the longest retention stated
/// about events, else the longest stated; none when nothing outlives the
/// replay window.
fn event_retention(ctx: &Ctx, replay_s: f64) -> Option<(f64, Provenance)> {
    let all: Vec<_> = retentions(ctx)
        .into_iter()
        .filter(|(v, _, l)| *v > replay_s && !REPLAY_WORDS.iter().any(|w| l.contains(w)))
        .collect();
    all.iter()
        .find(|(_, _, l)| EVENT_WORDS.iter().any(|w| l.contains(w)))
        .or(all.first())
        .map(|(v, id, _)| (*v, id.clone()))
}

/// Events kept for `days` of `gb_per_day`, at `years` after launch.
fn kept_gb(gb_per_day: f64, days: f64, years: f64) -> f64 {
    (gb_per_day * days.min(years * 365.0)).ceil()
}

/// A stream: partitions from the peak event rate and bytes (with headroom,
/// since a partition count is fixed or costly to change once keys are
/// spread), consumers' vCPU from CPU time per event, the replay window's
/// bytes, and the events' sink (the chosen warehouse, else a raw archive in
/// object storage) from the average rate × event size × retention.
fn size_stream(ctx: &mut Ctx, bp: &Blueprint, s: &mut Sized, app_role: Role) {
    let (events, mut basis) = match rate_about(ctx, EVENT_WORDS, false) {
        Some((v, id, _)) => (v, vec![id]),
        None => (
            ctx.peak_rps(),
            vec![ctx.throughput.basis.clone(), ctx.peak_factor.basis.clone()],
        ),
    };
    let stated_kb = ctx
        .reqs
        .all(Kind::FileSize)
        .filter(|r| {
            let l = format!(
                "{} {}",
                r.subject.as_deref().unwrap_or(""),
                r.source.excerpt
            )
            .to_ascii_lowercase();
            EVENT_WORDS.iter().any(|w| l.contains(w))
        })
        .find_map(|r| {
            r.value
                .as_f64()
                .map(|b| (b / 1000.0, Provenance::from(r.id.clone())))
        });
    let (kb, kb_id) = match stated_kb {
        Some(k) => k,
        None => assumed(ctx, bp, "event_kb", "KB"),
    };
    let (per_mb, m_id) = assumed(ctx, bp, "per_partition_mb_s", "MB/s");
    let (per_ev, e_id) = assumed(ctx, bp, "per_partition_events_s", "events/s");
    let (headroom, h_id) = assumed(ctx, bp, "partition_headroom", "×");
    let (retention_s, r_id) = replay_window(ctx, bp);
    basis.extend([kb_id.clone(), m_id, e_id, h_id, r_id]);
    let mb_s = events * kb / 1000.0;
    let for_load = (mb_s / per_mb.max(0.001))
        .ceil()
        .max((events / per_ev.max(1.0)).ceil())
        .max(1.0);
    let partitions = (for_load * headroom.max(1.0)).ceil();
    let gb = (mb_s * retention_s / 1000.0).ceil();
    let (cpu_ms, c_id) = assumed(ctx, bp, "cpu_ms_per_event", "ms");
    let vcpu = (events * cpu_ms / 1000.0).ceil().max(1.0);
    s.count.push(("consumers".into(), partitions as u32));
    s.storage_gb.push(("stream".into(), gb));
    s.config.push((
        "stream".into(),
        format!(
            "{} partitions/shards for {} events/s ({} MB/s) with ×{} headroom, keyed for per-key ordering; retention {} ({} GB)",
            trim(partitions),
            trim(events),
            trim((mb_s * 100.0).round() / 100.0),
            trim(headroom),
            crate::numfmt::duration(retention_s),
            trim(gb)
        ),
    ));
    s.config.push((
        "consumers".into(),
        format!(
            "consumer group of up to {} (one per partition), {} vCPU at peak; checkpoint after processing; scale on lag",
            trim(partitions),
            trim(vcpu)
        ),
    ));
    s.figure(
        Role::Stream,
        "events_per_s",
        events,
        "peak event rate".into(),
        basis.clone(),
    );
    s.figure(
        Role::Stream,
        "partitions",
        partitions,
        format!(
            "max(⌈{} MB/s ÷ {} MB/s⌉, ⌈{} events/s ÷ {}⌉) × {} headroom",
            trim((mb_s * 100.0).round() / 100.0),
            trim(per_mb),
            trim(events),
            trim(per_ev),
            trim(headroom)
        ),
        basis.clone(),
    );
    s.figure(
        Role::Stream,
        "GB",
        gb,
        format!("{} MB/s × retention", trim((mb_s * 100.0).round() / 100.0)),
        basis.clone(),
    );
    s.figure(
        app_role,
        "vcpu",
        vcpu,
        format!(
            "⌈{} events/s × {} ms CPU per event⌉ busy vCPU at the peak",
            trim(events),
            trim(cpu_ms)
        ),
        vec![basis[0].clone(), c_id],
    );

    // The events' own home for their retention.
    let Some((kept_s, kept_id)) = event_retention(ctx, retention_s) else {
        return;
    };
    let warehouse =
        !ctx.chosen(Role::Warehouse.as_str()).is_empty() || !ctx.chosen("analytics_db").is_empty();
    let (role, id) = if warehouse {
        (Role::Warehouse, "warehouse")
    } else {
        (Role::ObjectStorage, "archive")
    };
    let (avg, avg_id) = match rate_about(ctx, EVENT_WORDS, true) {
        Some((v, id, _)) => (v, id),
        None => (events * ctx.avg_ratio.value, ctx.avg_ratio.basis.clone()),
    };
    let gb_day = avg * kb * 86_400.0 / 1e6;
    let days = kept_s / 86_400.0;
    let sink_basis = vec![avg_id, kb_id, kept_id];
    let mut horizons = vec![1.0];
    let steady = (days / 365.0 * 10.0).round() / 10.0;
    if steady > 1.0 {
        horizons.push(steady);
    }
    for y in horizons {
        s.figure(
            role,
            "GB",
            kept_gb(gb_day, days, y),
            format!(
                "{} events/s average × {} KB × 86,400 s = {} GB/day × {} days kept{}",
                trim((avg * 10.0).round() / 10.0),
                trim(kb),
                trim((gb_day * 10.0).round() / 10.0),
                trim(days.min(y * 365.0).round()),
                if y == 1.0 {
                    " (end of year 1)"
                } else {
                    " (steady state)"
                }
            ),
            sink_basis.clone(),
        );
        s.after_years(y);
    }
    let total = kept_gb(gb_day, days, steady.max(1.0));
    s.storage_gb.push((id.into(), total));
    if !warehouse {
        s.config.push((
            "archive".into(),
            format!(
                "raw events captured from the stream in batches ({} GB/day), cooler tier after 30 days, deleted after {}; {} GB kept",
                trim((gb_day * 10.0).round() / 10.0),
                crate::numfmt::duration(kept_s),
                trim(total)
            ),
        ));
    }
}

/// What one GPU model server produces: output tokens (a language model) or
/// images (a diffusion model), read from what the documents' rate counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GpuOutput {
    Tokens,
    Images,
}

impl GpuOutput {
    fn unit(self) -> &'static str {
        match self {
            GpuOutput::Tokens => "tokens_per_s",
            GpuOutput::Images => "images_per_s",
        }
    }
    fn words(self) -> &'static [&'static str] {
        match self {
            GpuOutput::Tokens => &["token"],
            GpuOutput::Images => &["image"],
        }
    }
    fn per_gpu_default(self) -> &'static str {
        match self {
            GpuOutput::Tokens => "tokens_per_s_per_gpu",
            GpuOutput::Images => "images_per_s_per_gpu",
        }
    }
    fn peak_default(self) -> &'static str {
        match self {
            GpuOutput::Tokens => "peak_tokens_per_s",
            GpuOutput::Images => "peak_images_per_s",
        }
    }
    fn label(self) -> &'static str {
        match self {
            GpuOutput::Tokens => "tokens/s",
            GpuOutput::Images => "images/s",
        }
    }
}

/// Words that make a token rate one stream's (a user watching a reply
/// stream in), not the system's total.
const PER_STREAM: &[&str] = &[
    "stream",
    "each ",
    "per user",
    "per request",
    "per response",
    "per session",
    "per conversation",
];

/// A throughput the documents state about `words` (its subject or line):
/// the largest peak, or the stated average when `average`.
fn rate_about(ctx: &Ctx, words: &[&str], average: bool) -> Option<(f64, Provenance, String)> {
    ctx.reqs
        .all(Kind::Throughput)
        .filter(|r| crate::extract::merge::is_average(r) == average)
        .filter(|r| {
            let subject = r.subject.as_deref().unwrap_or("").to_ascii_lowercase();
            let line = r.source.excerpt.to_ascii_lowercase();
            words
                .iter()
                .any(|w| subject.contains(w) || line.contains(w))
        })
        .filter_map(|r| {
            r.value
                .as_f64()
                .map(|v| (v, r.id.clone().into(), r.source.excerpt.clone()))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// The GPU instance row for a model needing `need_gb` of GPU memory, and
/// how many of its GPUs one replica spans: the row of a GPU type the
/// documents chose (the team's choice wins, even where a cheaper one fits),
/// else the cheapest row whose GPU memory holds the model with its KV-cache
/// and activation headroom, else the largest, split across GPUs.
fn pick_gpu_row<'r>(rows: &[&'r Row], chosen: &[&str], need_gb: f64) -> Option<(&'r Row, f64)> {
    let memory = |r: &Row| r.gpu_memory_gb.unwrap_or(0.0) * r.gpu_count.unwrap_or(1).max(1) as f64;
    let hourly = |r: &Row| {
        r.price(crate::catalog::PriceUnit::Hour)
            .map_or(f64::MAX, |p| p.usd)
    };
    let spans = |r: &Row| (need_gb / memory(r).max(1.0)).ceil().max(1.0);
    if let Some(r) = rows.iter().find(|r| chosen.iter().any(|t| r.implements(t))) {
        return Some((r, spans(r)));
    }
    if let Some(r) = rows
        .iter()
        .filter(|r| memory(r) >= need_gb)
        .min_by(|a, b| hourly(a).total_cmp(&hourly(b)))
    {
        return Some((r, 1.0));
    }
    rows.iter()
        .max_by(|a, b| memory(a).total_cmp(&memory(b)))
        .map(|r| (*r, spans(r)))
}

/// GPUs for a model endpoint: the GPU type from model memory against GPU
/// memory, the count from the peak output rate (tokens or images per
/// second) ÷ one GPU's rate at its batch, one spare GPU when the pool needs
/// several or the target needs more than one machine's availability, and a
/// baseline from the average load.
fn size_gpu(ctx: &mut Ctx, bp: &Blueprint, s: &mut Sized) {
    let (model_gb, m_id) = match number(ctx, Kind::ModelSize) {
        Some((b, id)) => (b / 1e9, id),
        None => {
            let (g, id) = assumed(ctx, bp, "model_gb", "GB");
            ctx.question(
                "Which model is served, at what precision (its size in GB)? The GPU type follows from model memory against GPU memory.".into(),
                QuestionReason::Missing,
                vec![id.clone()],
            );
            (g, id)
        }
    };
    let (overhead, o_id) = assumed(ctx, bp, "memory_overhead", "×");
    let need = model_gb * overhead;
    let rows: Vec<&Row> = ctx
        .cat
        .rows_for(Role::GpuInstance.as_str())
        .filter(|r| ctx.allowed(r))
        .collect();
    let chosen = ctx.chosen(Role::GpuInstance.as_str());
    let picked = pick_gpu_row(&rows, &chosen, need).map(|(r, k)| (r.clone(), k));
    let (gpu_name, gpu_gb, per_replica) = match &picked {
        Some((r, k)) => (
            r.gpu_model.clone().unwrap_or_else(|| r.service.clone()),
            r.gpu_memory_gb.unwrap_or(0.0),
            *k,
        ),
        None => {
            // No catalog rows: the blueprint's GPU list names the type.
            let fit = bp.gpus.iter().find(|g| g.memory_gb >= need);
            let g = fit.or(bp
                .gpus
                .iter()
                .max_by(|a, b| a.memory_gb.total_cmp(&b.memory_gb)));
            match g {
                Some(g) => (
                    g.name.clone(),
                    g.memory_gb,
                    if fit.is_some() {
                        1.0
                    } else {
                        (need / g.memory_gb).ceil()
                    },
                ),
                None => ("GPU".into(), 0.0, 1.0),
            }
        }
    };

    // What the model produces, and the peak rate the pool must sustain.
    let output = if rate_about(ctx, GpuOutput::Images.words(), false).is_some() {
        GpuOutput::Images
    } else {
        GpuOutput::Tokens
    };
    let mut basis = vec![m_id, o_id];
    let (peak, how) = match rate_about(ctx, output.words(), false) {
        Some((rate, id, line)) => {
            basis.push(id);
            let lower = line.to_ascii_lowercase();
            let streams = number(ctx, Kind::ConcurrentUsers);
            match streams {
                Some((n, n_id))
                    if output == GpuOutput::Tokens
                        && PER_STREAM.iter().any(|w| lower.contains(w)) =>
                {
                    basis.push(n_id);
                    (
                        n * rate,
                        format!(
                            "{} streams × {} {} each",
                            trim(n),
                            trim(rate),
                            output.label()
                        ),
                    )
                }
                _ => (rate, format!("{} {} stated", trim(rate), output.label())),
            }
        }
        None => {
            let (v, id) = assumed(ctx, bp, output.peak_default(), output.label());
            ctx.question(
                format!("What {} must the model endpoint sustain at peak? The GPU count follows from it.", output.label()),
                QuestionReason::Missing,
                vec![id.clone()],
            );
            basis.push(id);
            (v, format!("{} {} assumed", trim(v), output.label()))
        }
    };
    let (per_gpu, g_id) = assumed(ctx, bp, output.per_gpu_default(), output.label());
    ctx.question(
        format!(
            "One GPU is assumed to produce {} {} at its batch ({g_id}); what does a load test of the team's model on the {gpu_name} give? The GPU count scales with it.",
            trim(per_gpu),
            output.label()
        ),
        QuestionReason::Assumption,
        vec![g_id.clone()],
    );
    basis.push(g_id);
    basis.push(ctx.availability.basis.clone());
    let per_replica_rate = (per_gpu * per_replica).max(f64::MIN_POSITIVE);
    // ⌈x⌉ without the rounding error of a decimal rate (1.5 ÷ 0.15).
    let ceil = |x: f64| (x - 1e-9).ceil();
    let load = ceil(peak / per_replica_rate).max(1.0);
    // A spare replica: a lost GPU, or one taken by a canary of a new model
    // version, leaves the peak covered.
    let spare = load > 1.0 || ctx.availability.value >= 99.9;
    let replicas = load + if spare { 1.0 } else { 0.0 };
    let total = replicas * per_replica;

    // The quiet hours: the stated average of the same output, else the
    // average share of the peak the design assumes for usage.
    let (avg, avg_id) = match rate_about(ctx, output.words(), true) {
        Some((v, id, _)) => (v, id),
        None => (peak * ctx.avg_ratio.value, ctx.avg_ratio.basis.clone()),
    };
    let quiet = ceil(avg / per_replica_rate).max(1.0)
        + if ctx.availability.value >= 99.9 {
            1.0
        } else {
            0.0
        };
    let baseline = (quiet.min(replicas)) * per_replica;

    let row_note = picked
        .as_ref()
        .map(|(r, _)| format!(" {}", r.config.split(':').next().unwrap_or("").trim()))
        .unwrap_or_default();
    if let Some((r, _)) = &picked {
        s.rows.push(("gpu".into(), r.clone()));
    }
    s.count.push(("gpu".into(), total as u32));
    s.config.push((
        "gpu".into(),
        format!(
            "{}{row_note} × {} ({} GB each) — model {} GB × {} = {} GB{}; {} for {} at {} {} per GPU{}; autoscale {}–{} on queue length per GPU, spread over zones; canary a new model version on its own replica",
            trim(total),
            gpu_name,
            trim(gpu_gb),
            trim((model_gb * 10.0).round() / 10.0),
            trim(overhead),
            trim((need * 10.0).round() / 10.0),
            if per_replica > 1.0 {
                format!(", {} GPUs per replica (tensor parallel)", trim(per_replica))
            } else {
                String::new()
            },
            if replicas == 1.0 {
                "1 replica".to_string()
            } else {
                format!("{} replicas", trim(replicas))
            },
            how,
            trim(per_gpu),
            output.label(),
            if spare { ", +1 spare for a lost GPU or a canary" } else { "" },
            trim(baseline),
            trim(total),
        ),
    ));
    s.figure(
        Role::GpuInstance,
        "gpus",
        total,
        format!(
            "(⌈{} {} ÷ {} per GPU⌉{}) × {} GPU(s) per replica",
            trim((peak * 100.0).round() / 100.0),
            output.label(),
            trim(per_gpu),
            if spare { " + 1 spare" } else { "" },
            trim(per_replica)
        ),
        basis.clone(),
    );
    s.figure(
        Role::GpuInstance,
        "gpus",
        baseline,
        format!(
            "⌈{} {} average ÷ {} per GPU⌉{}",
            trim((avg * 100.0).round() / 100.0),
            output.label(),
            trim(per_gpu),
            if ctx.availability.value >= 99.9 {
                " + 1 spare"
            } else {
                ""
            }
        ),
        {
            let mut b = basis.clone();
            b.push(avg_id);
            b
        },
    );
    s.at_baseline();
    s.figure(
        Role::GpuInstance,
        output.unit(),
        (peak * 100.0).round() / 100.0,
        how,
        basis,
    );
}

#[cfg(test)]
mod tests {
    use crate::design::testkit::{Set, design};
    use crate::requirements::Kind;

    /// The days a year a daily volume arrives on, as a line states them.
    #[test]
    fn a_daily_volume_arrives_on_the_days_its_line_names() {
        use super::{Intake, intake_days};
        let cases = [
            ("About 40 GB of scans arrive every day.", Intake::Calendar),
            (
                "around 25,000 photos on a normal working day, about 250 working days a year",
                Intake::Stated(250.0),
            ),
            ("120 GB per business day.", Intake::Working),
            (
                "Each working day brings 3 GB; 230 working days per year.",
                Intake::Stated(230.0),
            ),
            // A count of days that is not a year's.
            (
                "Files arrive on working days; 20 working days a month.",
                Intake::Working,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(intake_days(line), want, "{line}");
        }
    }

    /// What the file store holds after a year and at the end of retention.
    #[test]
    fn the_file_store_is_sized_a_year_on_and_when_the_oldest_files_expire() {
        use crate::design::model::Role;
        // (name, GB per day, its line, retention days, (horizon, GB) expected)
        type Case = (&'static str, f64, &'static str, f64, Vec<(f64, f64)>);
        let cases: Vec<Case> = vec![
            (
                "working days stated, kept ten years",
                100.0,
                "About 100 GB of photos on a normal working day, about 250 working days a year.",
                3650.0,
                vec![(1.0, 25_000.0), (10.0, 250_000.0)],
            ),
            (
                "every day, kept 90 days",
                2.0,
                "About 2 GB of uploads every day.",
                90.0,
                vec![(1.0, 180.0)],
            ),
        ];
        for (name, gb_day, line, days, want) in cases {
            let set = Set::new()
                .text(Kind::Cloud, "aws", "We run on AWS.")
                .num(Kind::FileSize, 4e6, "Photos are 4 MB on average.")
                .num(Kind::DataVolumePerDay, gb_day * 1e9, line)
                .num(
                    Kind::Retention,
                    days * 86_400.0,
                    "Photos are kept as the table says.",
                );
            let d = design(&set.build());
            for (years, gb) in want {
                let got = d
                    .workloads
                    .iter()
                    .flat_map(|w| &w.sizing)
                    .find(|s| s.role == Role::ObjectStorage && s.horizon_years == Some(years))
                    .unwrap_or_else(|| panic!("{name}: no figure at {years} y"));
                assert_eq!(got.value, gb, "{name}: {}", got.formula);
            }
        }
    }

    /// Each blueprint sizes its own components in its own units, from the
    /// statements when they give the figure, else from a stated assumption.
    #[test]
    fn blueprints_size_in_their_own_units() {
        let fig = |d: &crate::design::Design, role: &str, unit: &str| {
            d.workloads
                .iter()
                .flat_map(|w| &w.sizing)
                .find(|s| s.role.as_str() == role && s.unit == unit)
                .map(|s| s.value)
        };
        // (case, statements, role, unit, expected figure)
        let cases: Vec<(&str, Set, &str, &str, Option<f64>)> = vec![
            (
                "an in-memory store: data × overhead",
                Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .chose(
                        "valkey",
                        "in_memory_store",
                        "Valkey is not a cache: it is the store.",
                    )
                    .num(Kind::DataVolume, 3.5e9, "About 3.5 GB of data.")
                    .num(
                        Kind::Throughput,
                        62_000.0,
                        "About 62,000 commands per second at peak.",
                    ),
                "in_memory_store",
                "GB",
                Some(6.0),
            ),
            (
                "an in-memory store: stated commands per second",
                Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .chose(
                        "valkey",
                        "in_memory_store",
                        "Valkey is not a cache: it is the store.",
                    )
                    .num(Kind::DataVolume, 3.5e9, "About 3.5 GB of data.")
                    .num(
                        Kind::Throughput,
                        62_000.0,
                        "About 62,000 commands per second at peak.",
                    ),
                "in_memory_store",
                "ops_per_s",
                Some(62_000.0),
            ),
            (
                "an in-memory store: shards for memory and for commands",
                Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .chose(
                        "valkey",
                        "in_memory_store",
                        "Valkey is not a cache: it is the store.",
                    )
                    .num(Kind::DataVolume, 3.5e9, "About 3.5 GB of data.")
                    .num(
                        Kind::Throughput,
                        62_000.0,
                        "About 62,000 commands per second at peak.",
                    ),
                "in_memory_store",
                "shards",
                // ⌈6 GB ÷ 5.2⌉ = 2 and ⌈62,000 ÷ 50,000⌉ = 2
                Some(2.0),
            ),
            (
                "an in-memory store without a command rate: commands per request assumed",
                Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .chose(
                        "valkey",
                        "in_memory_store",
                        "Valkey is not a cache: it is the store.",
                    )
                    .num(
                        Kind::Throughput,
                        1000.0,
                        "1,000 board reads per second at peak.",
                    ),
                "in_memory_store",
                "ops_per_s",
                Some(3000.0),
            ),
            (
                "a static site: the stated edge rate",
                Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .chose(
                        "cloud-cdn",
                        "cdn",
                        "The SPA is served from a bucket through Cloud CDN.",
                    )
                    .num(
                        Kind::Throughput,
                        60.0,
                        "About 60 booking API requests per second.",
                    )
                    .num(
                        Kind::Throughput,
                        900.0,
                        "Static assets and pages are requested at up to 900 per second.",
                    ),
                "cdn",
                "requests_per_s",
                Some(900.0),
            ),
            (
                "a static site: no edge rate stated, a multiple of the API's peak",
                Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .chose(
                        "cloud-cdn",
                        "cdn",
                        "The SPA is served from a bucket through Cloud CDN.",
                    )
                    .num(
                        Kind::Throughput,
                        60.0,
                        "About 60 booking API requests per second.",
                    ),
                "cdn",
                "requests_per_s",
                Some(600.0),
            ),
            (
                "an API gateway bills the month's requests at the average load",
                Set::new()
                    .text(Kind::Cloud, "aws", "We run on AWS.")
                    .chose(
                        "api-gateway",
                        "api_gateway",
                        "Amazon API Gateway in front of the functions.",
                    )
                    .chose("lambda", "functions", "Handlers run on AWS Lambda.")
                    .chose("dynamodb", "nosql", "Stamps are kept in DynamoDB.")
                    .num(Kind::Throughput, 100.0, "100 requests per second at peak."),
                "api_gateway",
                "million_requests_per_month",
                // 100 rps × the assumed 25% average × 2,628,000 s
                Some(65.7),
            ),
            (
                "a database row that names its class: that class's vCPUs",
                Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .chose(
                        "postgresql",
                        "relational_db",
                        "Bookings live in PostgreSQL.",
                    )
                    .num(Kind::Availability, 99.9, "Available 99.9% of the month.")
                    .num(Kind::Throughput, 60.0, "About 60 API requests per second."),
                "relational_db",
                "vcpu",
                Some(2.0),
            ),
        ];
        for (name, set, role, unit, want) in cases {
            let d = design(&set.build());
            let got = fig(&d, role, unit);
            match (got, want) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 0.051, "{name}: {g} vs {w}"),
                (g, w) => assert_eq!(g, w, "{name}"),
            }
        }
    }

    /// An in-memory store that holds the data is the store: no database is
    /// assumed beside it, and no cache-aside cache is placed.
    #[test]
    fn an_in_memory_store_is_the_only_store() {
        let d = design(
            &Set::new()
                .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                .chose(
                    "valkey",
                    "in_memory_store",
                    "Valkey is not a cache: it is the store.",
                )
                .num(
                    Kind::Rpo,
                    60.0,
                    "We can lose at most the last minute of scores.",
                )
                .num(Kind::Latency, 50.0, "Board reads answer within 50 ms.")
                .build(),
        );
        let roles: Vec<&str> = d.components.iter().map(|c| c.role.as_str()).collect();
        assert!(roles.contains(&"in_memory_store"), "{roles:?}");
        assert!(!roles.contains(&"relational_db"), "{roles:?}");
        assert!(!roles.contains(&"cache"), "{roles:?}");
        let store = d
            .components
            .iter()
            .find(|c| c.role.as_str() == "in_memory_store")
            .unwrap();
        assert_eq!(store.service, "Memorystore for Valkey");
        assert!(store.critical_path);
        assert!(store.monthly_cost > 0.0, "the store is priced");
    }

    /// A feature other systems feed has no ingress unless a statement makes it public.
    #[test]
    fn a_pipeline_has_no_ingress_unless_stated() {
        let cases = [
            ("unstated", None, false),
            ("stated public", Some("public"), true),
        ];
        for (name, exposure, public) in cases {
            let mut set = Set::new()
                .text(Kind::Cloud, "aws", "We run on AWS.")
                .chose("sqs", "queue", "The bank feed drops work on SQS.")
                .num(
                    Kind::Throughput,
                    150.0,
                    "About 150 transactions per second at the morning peak.",
                );
            if let Some(e) = exposure {
                set = set.text(Kind::Exposure, e, "Partners call it over the internet.");
            }
            let d = design(&set.build());
            let has = |id: &str| d.components.iter().any(|c| c.id == id);
            assert_eq!(has("lb"), public, "{name}: load balancer");
            assert_eq!(has("waf"), public, "{name}: WAF");
            assert_eq!(has("dns"), public, "{name}: public DNS");
            assert!(has("queue") && has("worker"), "{name}");
            let internet = d.external_nodes.iter().any(|n| n.id == "internet");
            assert_eq!(internet, public, "{name}");
            if !public {
                assert!(
                    d.links
                        .iter()
                        .any(|l| l.from == "upstream" && l.to == "queue"),
                    "{name}"
                );
                assert!(d.load_balancing.is_empty(), "{name}");
            }
        }
    }

    fn figure(d: &crate::design::Design, role: &str, unit: &str, baseline: bool) -> Option<f64> {
        d.workloads
            .iter()
            .flat_map(|w| &w.sizing)
            .find(|f| f.role.as_str() == role && f.unit == unit && f.at.is_some() == baseline)
            .map(|f| f.value)
    }

    /// The GPU type from model memory against GPU memory (the team's chosen
    /// type first), the count from the peak output rate ÷ one GPU's rate.
    #[test]
    fn gpus_follow_model_memory_and_output_rate() {
        struct Case {
            name: &'static str,
            set: Set,
            service: &'static str,
            unit: &'static str,
            rate: f64,
            gpus: f64,
        }
        let cases = [
            Case {
                name: "the chosen type wins over a cheaper fit; per-stream rate × streams",
                set: Set::new()
                    .text(Kind::Cloud, "aws", "We run on AWS.")
                    .num(Kind::ModelSize, 16e9, "The weights are 16 GB.")
                    .num(
                        Kind::ConcurrentUsers,
                        45.0,
                        "Plan for 45 drafts being generated at the same time.",
                    )
                    .num(
                        Kind::Throughput,
                        30.0,
                        "The draft then streams at no less than 30 tokens per second.",
                    )
                    .num(
                        Kind::Availability,
                        99.5,
                        "Target availability 99.5% per month.",
                    )
                    .chose(
                        "ec2-g6e",
                        "gpu_instance",
                        "We chose g6e.xlarge for KV-cache room.",
                    ),
                service: "G6e",
                unit: "tokens_per_s",
                rate: 1350.0,
                // ⌈1,350 ÷ 500⌉ = 3, + 1 spare.
                gpus: 4.0,
            },
            Case {
                name: "no choice: the cheapest GPU that holds the model; images per second",
                set: Set::new()
                    .text(Kind::Cloud, "gcp", "We run on Google Cloud.")
                    .num(
                        Kind::ModelSize,
                        6.9e9,
                        "The weights are about 6.9 GB on disk.",
                    )
                    .num(Kind::Throughput, 1.5, "Peak load: 90 images per minute.")
                    .num(Kind::Availability, 99.9, "API availability 99.9% monthly."),
                service: "L4",
                unit: "images_per_s",
                rate: 1.5,
                // ⌈1.5 ÷ 0.15⌉ = 10, + 1 spare.
                gpus: 11.0,
            },
            Case {
                name: "a model larger than any GPU spans several per replica",
                set: Set::new()
                    .text(Kind::Cloud, "aws", "We run on AWS.")
                    .num(
                        Kind::ModelSize,
                        140e9,
                        "The 70B model needs 140 GB in bf16.",
                    )
                    .num(
                        Kind::Throughput,
                        400.0,
                        "About 400 tokens per second in total at peak.",
                    )
                    .num(Kind::Availability, 99.5, "Availability 99.5%."),
                service: "L40S",
                unit: "tokens_per_s",
                rate: 400.0,
                // 168 GB ÷ 48 GB = 4 GPUs a replica; ⌈400 ÷ 2,000⌉ = 1 replica.
                gpus: 4.0,
            },
        ];
        for c in cases {
            let d = design(&c.set.build());
            let gpu = d
                .components
                .iter()
                .find(|x| x.role.as_str() == "gpu_instance")
                .unwrap_or_else(|| panic!("{}: no GPU", c.name));
            assert!(
                gpu.service.contains(c.service),
                "{}: {}",
                c.name,
                gpu.service
            );
            assert_eq!(
                figure(&d, "gpu_instance", c.unit, false),
                Some(c.rate),
                "{}",
                c.name
            );
            assert_eq!(
                figure(&d, "gpu_instance", "gpus", false),
                Some(c.gpus),
                "{}",
                c.name
            );
            let base = figure(&d, "gpu_instance", "gpus", true).unwrap();
            assert!(base >= 1.0 && base <= c.gpus, "{}: baseline {base}", c.name);
            assert_eq!(gpu.count as f64, c.gpus, "{}", c.name);
        }
    }

    #[test]
    fn the_gpu_row_is_the_choice_else_the_cheapest_fit() {
        let cat = crate::catalog::Catalog::builtin(crate::catalog::Provider::Aws).unwrap();
        let rows: Vec<&crate::catalog::Row> = cat.rows_for("gpu_instance").collect();
        let cases: [(&str, &[&str], f64, &str, f64); 4] = [
            ("fits a T4", &[], 10.0, "ec2_g4dn_xlarge", 1.0),
            (
                "needs 24 GB: the cheapest 24 GB card",
                &[],
                19.2,
                "ec2_g6_xlarge",
                1.0,
            ),
            (
                "the team's choice",
                &["ec2-g6e"],
                19.2,
                "ec2_g6e_xlarge",
                1.0,
            ),
            ("larger than any card", &[], 100.0, "ec2_g6e_xlarge", 3.0),
        ];
        for (name, chosen, need, id, k) in cases {
            let (r, per) = super::pick_gpu_row(&rows, chosen, need).unwrap();
            assert_eq!((r.id.as_str(), per), (id, k), "{name}");
        }
    }

    /// A stream's partitions, consumers' vCPU, and the events' home for
    /// their retention (a chosen warehouse, else an archive).
    #[test]
    fn a_stream_is_sized_from_events_and_keeps_them_where_the_team_said() {
        struct Case {
            name: &'static str,
            set: Set,
            partitions: f64,
            sink: Option<(&'static str, f64, f64)>,
        }
        let telemetry = || {
            Set::new()
                .text(Kind::Cloud, "azure", "Everything runs on Azure.")
                .chose("event-hubs", "stream", "The gateway publishes to Azure Event Hubs.")
                .num(Kind::Throughput, 12000.0, "Absorb reconnect bursts of 12,000 events/s.")
                .num(Kind::Retention, 730.0 * 86_400.0, "Every reading MUST be archived for 2 years.")
                .num(Kind::Retention, 7.0 * 86_400.0, "Consumers MUST be able to re-read the stream from any point in the last 7 days.")
        };
        let cases = [
            Case {
                name: "archive in object storage, 12 partitions for the load × 2",
                set: telemetry(),
                partitions: 24.0,
                // 12,000 × 25% × 0.5 KB × 86,400 s = 129.6 GB/day × 730 days.
                sink: Some(("object_storage", 2.0, 94_608.0)),
            },
            Case {
                name: "a chosen warehouse keeps the events instead",
                set: telemetry().chose("synapse", "warehouse", "Events load into Azure Synapse."),
                partitions: 24.0,
                sink: Some(("warehouse", 1.0, 47_304.0)),
            },
            Case {
                name: "nothing kept beyond the replay window: no sink",
                set: Set::new()
                    .text(Kind::Cloud, "aws", "We run on AWS.")
                    .chose("kinesis", "stream", "Clicks go to Kinesis.")
                    .num(Kind::Throughput, 500.0, "About 500 events/s at peak."),
                partitions: 2.0,
                sink: None,
            },
        ];
        for c in cases {
            let d = design(&c.set.build());
            assert_eq!(
                figure(&d, "stream", "partitions", false),
                Some(c.partitions),
                "{}",
                c.name
            );
            let vcpu = d
                .workloads
                .iter()
                .flat_map(|w| &w.sizing)
                .find(|f| f.unit == "vcpu")
                .map(|f| f.value);
            assert!(vcpu.is_some_and(|v| v >= 1.0), "{}: {vcpu:?}", c.name);
            match c.sink {
                Some((role, years, gb)) => {
                    let got = d
                        .workloads
                        .iter()
                        .flat_map(|w| &w.sizing)
                        .find(|f| {
                            f.role.as_str() == role
                                && f.unit == "GB"
                                && f.horizon_years == Some(years)
                        })
                        .map(|f| f.value);
                    assert_eq!(got, Some(gb), "{}", c.name);
                    assert!(
                        d.components.iter().any(|x| x.role.as_str() == role),
                        "{}",
                        c.name
                    );
                }
                None => assert!(
                    !d.components.iter().any(|x| x.id == "archive"),
                    "{}",
                    c.name
                ),
            }
        }
    }
}
