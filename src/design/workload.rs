//! Workload blueprints: the kinds of system a feature is composed of, as data
//! (`data/design/workloads/*.toml`), and their detection from the
//! requirements and the technologies the documents choose.
//!
//! A blueprint names its component slots (each a catalog [`Role`], with the
//! dependency it is on the critical path), the links between them, its
//! capacity model (in the workload's own units) and the SLO kinds it is judged
//! by. Detection records *why* each blueprint is used: requirement ids and
//! `file:line` of the technology choice, or a stated assumption.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::context::Ctx;
use super::model::*;
use super::plan::{LinkKind, Role};
use crate::error::{Error, Result};
use crate::requirements::{Kind, Stance};

/// Every blueprint file, embedded so the binary stays self-contained (as
/// JSON, see `crate::builtin_json`).
const FILES: &[(&str, &str)] = &[
    (
        "web_api.toml",
        crate::builtin_json!("design/workloads/web_api.toml"),
    ),
    (
        "static_site.toml",
        crate::builtin_json!("design/workloads/static_site.toml"),
    ),
    (
        "files.toml",
        crate::builtin_json!("design/workloads/files.toml"),
    ),
    (
        "async.toml",
        crate::builtin_json!("design/workloads/async.toml"),
    ),
    (
        "batch.toml",
        crate::builtin_json!("design/workloads/batch.toml"),
    ),
    (
        "streaming.toml",
        crate::builtin_json!("design/workloads/streaming.toml"),
    ),
    (
        "gpu_inference.toml",
        crate::builtin_json!("design/workloads/gpu_inference.toml"),
    ),
    (
        "serverless.toml",
        crate::builtin_json!("design/workloads/serverless.toml"),
    ),
    (
        "in_memory.toml",
        crate::builtin_json!("design/workloads/in_memory.toml"),
    ),
    (
        "internal.toml",
        crate::builtin_json!("design/workloads/internal.toml"),
    ),
];

const TECHNOLOGIES: &str = crate::builtin_json!("technologies.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blueprint {
    pub name: String,
    pub title: String,
    pub summary: String,
    /// Composition order in the design (request path first).
    pub order: u32,
    pub detect: Detect,
    #[serde(default)]
    pub slots: Vec<Slot>,
    #[serde(default)]
    pub links: Vec<BlueprintLink>,
    pub capacity: CapacitySpec,
    #[serde(default)]
    pub gpus: Vec<Gpu>,
    /// Whether the blueprint answers requests of its own (an API, a site, a
    /// model endpoint). A feature made only of blueprints that do not (a
    /// stream, a queue's workers, a schedule) has no ingress: no public DNS,
    /// edge or load balancer.
    #[serde(default = "yes")]
    pub serves_requests: bool,
}

fn yes() -> bool {
    true
}

/// What makes a feature use a blueprint; any one signal is enough.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detect {
    /// A stated requirement of one of these kinds.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// A technology the documents choose with one of these roles.
    #[serde(default)]
    pub tech_roles: Vec<String>,
    /// A front-end framework in the project's tech stack.
    #[serde(default)]
    pub frontend: bool,
    /// The system's exposure (`internal`).
    #[serde(default)]
    pub exposure: Option<String>,
    /// The platform requirement names this runtime kind (`functions`).
    #[serde(default)]
    pub platform: Option<String>,
    /// Used, as a stated assumption, when no blueprint is detected.
    #[serde(default)]
    pub default: bool,
    /// Blueprints with an entry (or a store) of their own (a stream, a
    /// queue, a schedule, a model's bucket): when one of them is detected,
    /// this blueprint's signals count only where their line holds one of
    /// `request_words`, because a throughput, a latency, a database or a
    /// bucket then describes that blueprint.
    #[serde(default)]
    pub yields_to: Vec<String>,
    /// Blueprints that serve this one's requests themselves (a chosen API
    /// gateway + functions stack): when one is detected, a latency or a
    /// throughput describes that stack, and this blueprint stays only for a
    /// technology of its own roles that the documents choose.
    #[serde(default)]
    pub served_by: Vec<String>,
    /// Lower-case words that make a line about this blueprint (requests for
    /// an API, files for a file store).
    #[serde(default)]
    pub request_words: Vec<String>,
    /// The blueprint needs a chosen technology of one of these roles (or its
    /// platform signal): the other `tech_roles` only support it (a managed
    /// NoSQL store alone is a store, not a serverless stack).
    #[serde(default)]
    pub needs_one_of: Vec<String>,
    /// Chosen technologies of these roles count only where their line holds
    /// one of `schedule_words` (lower-case whole words): a warehouse is a
    /// batch's when a job loads it on a schedule, not when a stream does.
    #[serde(default)]
    pub scheduled_roles: Vec<String>,
    #[serde(default)]
    pub schedule_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub id: String,
    /// A catalog role, or `@compute` for the platform's compute role.
    pub role: String,
    /// `hard` (in the availability product), `soft` (degrades gracefully) or
    /// `none` (off the request path).
    pub dependency: Dependency,
    pub purpose: String,
    /// Chosen technologies of these roles name the slot's service.
    #[serde(default)]
    pub tech_roles: Vec<String>,
    /// Placed only when the documents choose a technology for it.
    #[serde(default)]
    pub only_if_chosen: bool,
    /// Filled only by a component an earlier pass placed (the request path
    /// and data passes decide it), never placed by the blueprint itself.
    #[serde(default)]
    pub existing_only: bool,
    /// Placed only when a requirement of one of these kinds is stated (an
    /// archive only when a retention is).
    #[serde(default)]
    pub only_if_kinds: Vec<String>,
    /// Not placed when the documents choose a technology of one of these
    /// roles (it takes the slot's job: a chosen warehouse keeps the events a
    /// raw archive would).
    #[serde(default)]
    pub unless_chosen: Vec<String>,
    /// The service per provider (`aws`, `gcp`, `azure`) when the catalog has
    /// no row for the role yet: named, and marked unpriced.
    #[serde(default)]
    pub services: BTreeMap<String, String>,
    /// What the slot's component replaces, and why not.
    #[serde(default)]
    pub alternatives: Vec<SlotAlternative>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlotAlternative {
    pub option: String,
    pub why_not: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dependency {
    Hard,
    Soft,
    None,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlueprintLink {
    pub from: String,
    pub to: String,
    pub protocol: String,
    pub label: String,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacitySpec {
    pub model: CapacityModel,
    pub unit: String,
    #[serde(default)]
    pub slo: Vec<String>,
    #[serde(default)]
    pub assumptions: Vec<Default_>,
}

/// The mathematics a workload sizes with; a new one is a new variant and one
/// function in the `workloads` pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapacityModel {
    None,
    RequestRate,
    StoredBytes,
    QueueWorkers,
    BatchWindow,
    StreamPartitions,
    GpuTokens,
    InMemory,
    /// Static pages and assets served from the edge.
    EdgeRequests,
}

/// A default figure a capacity model uses when the documents are silent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Default_ {
    pub name: String,
    pub value: f64,
    pub why: String,
    pub source: String,
    pub as_of: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gpu {
    pub name: String,
    pub memory_gb: f64,
}

impl Blueprint {
    /// Every blueprint, in composition order; loaded and checked once.
    pub fn all() -> Result<&'static [Blueprint]> {
        static CACHE: OnceLock<std::result::Result<Vec<Blueprint>, String>> = OnceLock::new();
        CACHE
            .get_or_init(|| {
                load_with(FILES, |text| {
                    serde_json::from_str(text).map_err(|e| e.to_string())
                })
            })
            .as_deref()
            .map_err(|e| Error::Invalid(e.clone()))
    }

    pub fn get(name: &str) -> Result<&'static Blueprint> {
        Blueprint::all()?
            .iter()
            .find(|b| b.name == name)
            .ok_or_else(|| Error::Invalid(format!("no workload blueprint `{name}`")))
    }

    /// A default figure by name.
    pub fn default_figure(&self, name: &str) -> Option<&Default_> {
        self.capacity.assumptions.iter().find(|a| a.name == name)
    }
}

/// [`load_with`] on TOML text.
#[cfg(test)]
fn load(files: &[(&str, &str)]) -> std::result::Result<Vec<Blueprint>, String> {
    load_with(files, |text| {
        toml::from_str(text).map_err(|e| e.message().to_string())
    })
}

/// The blueprints of `files` (name, text), each text read with `parse`,
/// checked.
fn load_with(
    files: &[(&str, &str)],
    parse: impl Fn(&str) -> std::result::Result<Blueprint, String>,
) -> std::result::Result<Vec<Blueprint>, String> {
    let mut out: Vec<Blueprint> = Vec::new();
    for (file, text) in files {
        let at = |m: String| format!("data/design/workloads/{file}: {m}");
        let b: Blueprint = parse(text).map_err(at)?;
        for s in &b.slots {
            if s.role != "@compute" && Role::parse(&s.role).is_none() {
                return Err(at(format!("slot `{}` has unknown role `{}`", s.id, s.role)));
            }
        }
        for l in &b.links {
            if LinkKind::parse(&l.kind).is_none() {
                return Err(at(format!(
                    "link {}→{} has unknown kind `{}`",
                    l.from, l.to, l.kind
                )));
            }
        }
        for k in b.slots.iter().flat_map(|s| &s.only_if_kinds) {
            if k.parse::<Kind>().is_err() {
                return Err(at(format!("slot names unknown requirement kind `{k}`")));
            }
        }
        for k in &b.detect.kinds {
            if k.parse::<Kind>().is_err() {
                return Err(at(format!("detect names unknown requirement kind `{k}`")));
            }
        }
        for a in &b.capacity.assumptions {
            if a.source.trim().is_empty() || a.as_of.trim().is_empty() {
                return Err(at(format!(
                    "figure `{}` needs `source` and `as_of`",
                    a.name
                )));
            }
        }
        if out.iter().any(|o| o.name == b.name) {
            return Err(at(format!("blueprint `{}` defined twice", b.name)));
        }
        out.push(b);
    }
    out.sort_by_key(|b| b.order);
    Ok(out)
}

/// The display name of a technology from the one technology catalog
/// (`data/technologies.toml`): its first alias (`kafka` → "Kafka").
pub fn tech_display(name: &str) -> String {
    static NAMES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        #[derive(Deserialize)]
        struct File {
            #[serde(default)]
            tech: Vec<Row>,
        }
        #[derive(Deserialize)]
        struct Row {
            name: String,
            #[serde(default)]
            aliases: Vec<String>,
        }
        serde_json::from_str::<File>(TECHNOLOGIES)
            .map(|f| {
                f.tech
                    .into_iter()
                    .filter_map(|r| r.aliases.first().cloned().map(|a| (r.name, a)))
                    .collect()
            })
            .unwrap_or_default()
    });
    names.get(name).cloned().unwrap_or_else(|| name.to_string())
}

/// Signals found in the inputs for one blueprint: each a provenance id, its
/// evidence (`file:line (what)`) and the line it was read from, when one.
#[derive(Debug, Default)]
struct Signals {
    items: Vec<(String, String, Option<String>)>,
    /// How many of `items`, from the first, are requirement kinds (the rest
    /// are chosen technologies and project or exposure signals).
    from_kinds: usize,
    /// A signal of `needs_one_of` (or the platform) was found.
    needed: bool,
}

impl Signals {
    fn add(&mut self, why: String, evidence: String, line: Option<&str>) {
        self.items.push((why, evidence, line.map(str::to_string)));
    }

    /// Drops the requirement-kind signals, keeping the chosen technologies.
    fn drop_kinds(&mut self) {
        self.items.drain(..self.from_kinds.min(self.items.len()));
        self.from_kinds = 0;
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn why(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (w, _, _) in &self.items {
            push(&mut out, w.clone());
        }
        out
    }

    fn evidence(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (_, e, _) in &self.items {
            push(&mut out, e.clone());
        }
        out
    }

    /// Drops the signals read from a line that holds none of `words`
    /// (whole words, case-insensitive); a signal with no line to read (the
    /// project file, a value given without its line) is kept.
    fn keep_lines_with(&mut self, words: &[String]) {
        self.items.retain(|(_, _, line)| {
            line.as_deref()
                .is_none_or(|l| l.trim().is_empty() || speaks_of(l, words))
        });
    }
}

/// Whether a line holds one of `words` (lower-case whole words).
fn speaks_of(line: &str, words: &[String]) -> bool {
    line.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| words.iter().any(|x| x == w))
}

/// Which blueprints the feature is composed of, each with its provenance.
pub fn detect(ctx: &mut Ctx) -> Result<Vec<Workload>> {
    let mut found: Vec<Workload> = Vec::new();
    let mut default: Option<&Blueprint> = None;
    let mut all: Vec<(&Blueprint, Signals)> = Vec::new();
    for b in Blueprint::all()? {
        let mut s = signals(ctx, b);
        if !b.detect.needs_one_of.is_empty() && !s.needed {
            s = Signals::default();
        }
        all.push((b, s));
    }
    let detected: Vec<String> = all
        .iter()
        .filter(|(_, s)| !s.is_empty())
        .map(|(b, _)| b.name.clone())
        .collect();
    for (b, mut s) in all {
        if b.detect.default {
            default = Some(b);
        }
        if b.detect.served_by.iter().any(|y| detected.contains(y)) {
            s.drop_kinds();
        }
        if b.detect.yields_to.iter().any(|y| detected.contains(y)) {
            s.keep_lines_with(&b.detect.request_words);
        }
        if s.is_empty() {
            continue;
        }
        found.push(workload(b, s));
    }
    if !found.iter().any(|w| w.blueprint != "internal")
        && let Some(b) = default
    {
        let a = ctx.assume(
            "workload",
            b.title.clone(),
            "nothing in the documents describes another kind of system (no schedule, files, stream, queue, model or chosen serverless stack)".into(),
        );
        ctx.question(
            format!("The design assumes a {} ({a}); is that the system? Batch jobs, file stores, streams, queues and model serving are designed differently.", b.title.to_lowercase()),
            QuestionReason::Assumption,
            vec![a.clone()],
        );
        found.insert(
            0,
            workload(
                b,
                Signals {
                    items: vec![(a.to_string(), String::new(), None)],
                    from_kinds: 0,
                    needed: true,
                },
            ),
        );
    }
    Ok(found)
}

fn workload(b: &Blueprint, s: Signals) -> Workload {
    Workload {
        blueprint: b.name.clone(),
        title: b.title.clone(),
        summary: b.summary.clone(),
        why: s.why().into_iter().map(Into::into).collect::<Vec<_>>(),
        evidence: s.evidence(),
        components: vec![],
        sizing: vec![],
    }
}

fn signals(ctx: &Ctx, b: &Blueprint) -> Signals {
    let mut s = Signals::default();
    let d = &b.detect;
    for k in &d.kinds {
        let Ok(kind) = k.parse::<Kind>() else {
            continue;
        };
        if let Some(r) = ctx.reqs.primary(kind) {
            s.add(
                r.id.clone(),
                format!("{}:{} ({})", r.source.path, r.source.line, kind),
                Some(&r.source.excerpt),
            );
        }
    }
    s.from_kinds = s.items.len();
    for t in &ctx.reqs.technologies {
        if t.stance == Stance::Chosen
            && d.tech_roles.iter().any(|r| r == &t.role)
            && !ctx.rejected(&t.name)
            && (!d.scheduled_roles.contains(&t.role)
                || speaks_of(&t.source.excerpt, &d.schedule_words))
        {
            if d.needs_one_of.iter().any(|r| r == &t.role) {
                s.needed = true;
            }
            s.add(
                format!("{}:{}", t.source.path, t.source.line),
                format!(
                    "{}:{} ({} chosen)",
                    t.source.path,
                    t.source.line,
                    tech_display(&t.name)
                ),
                Some(&t.source.excerpt),
            );
        }
    }
    if d.frontend && ctx.public && super::data::cdn_need(ctx) {
        let fe: Vec<&String> = ctx
            .project
            .tech_stack
            .iter()
            .filter(|t| FRONTEND.contains(&t.to_ascii_lowercase().as_str()))
            .collect();
        if !fe.is_empty() {
            s.add(
                "infrarch.toml tech_stack".into(),
                format!(
                    "infrarch.toml tech_stack ({})",
                    fe.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ),
                None,
            );
        }
    }
    if let Some(e) = &d.exposure
        && e == "internal"
        && !ctx.public
    {
        s.add(
            ctx.exposure_basis.to_string(),
            format!("{} (internal)", ctx.exposure_basis),
            None,
        );
    }
    if let Some(pk) = &d.platform
        && let Some(r) = ctx.reqs.primary(Kind::Platform)
        && let Some(label) = r.value.as_text()
        && super::platform::parse_kind(label) == Some(parse_platform(pk))
    {
        s.needed = true;
        s.add(
            r.id.clone(),
            format!("{}:{} (platform {label})", r.source.path, r.source.line),
            Some(&r.source.excerpt),
        );
    }
    s
}

fn parse_platform(s: &str) -> PlatformKind {
    match s {
        "kubernetes" => PlatformKind::Kubernetes,
        "vm" | "virtual_machines" => PlatformKind::VirtualMachines,
        "functions" => PlatformKind::Functions,
        _ => PlatformKind::ManagedContainers,
    }
}

/// Front-end frameworks whose build is a static site.
const FRONTEND: [&str; 9] = [
    "react", "vue", "angular", "svelte", "next.js", "nextjs", "nuxt", "spa", "frontend",
];

fn push(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_blueprint_loads_with_known_roles_and_sources() {
        let all = Blueprint::all().unwrap();
        let names: Vec<&str> = all.iter().map(|b| b.name.as_str()).collect();
        for want in [
            "web_api",
            "static_site",
            "files",
            "async",
            "batch",
            "streaming",
            "gpu_inference",
            "serverless",
            "in_memory",
            "internal",
        ] {
            assert!(names.contains(&want), "{want} missing from {names:?}");
        }
        assert_eq!(all.iter().filter(|b| b.detect.default).count(), 1);
    }

    #[test]
    fn bad_blueprints_are_load_errors() {
        let base = r#"name = "x"
title = "X"
summary = "x"
order = 1
[detect]
[capacity]
model = "none"
unit = "instances"
"#;
        let cases = [
            (
                "[[slots]]\nid = \"a\"\nrole = \"database\"\ndependency = \"hard\"\npurpose = \"p\"\n",
                "unknown role",
            ),
            (
                "[[links]]\nfrom = \"a\"\nto = \"b\"\nprotocol = \"p\"\nlabel = \"l\"\nkind = \"wire\"\n",
                "unknown kind",
            ),
            (
                "[[capacity.assumptions]]\nname = \"n\"\nvalue = 1.0\nwhy = \"w\"\nsource = \"\"\nas_of = \"2026\"\n",
                "needs `source`",
            ),
            ("surprise = 1\n", "unknown field"),
        ];
        for (extra, want) in cases {
            let text = if extra.starts_with("[[capacity.") {
                format!("{base}{extra}")
            } else if extra.starts_with("surprise") {
                format!("{extra}{base}")
            } else {
                format!("{base}{extra}")
            };
            let err = load(&[("x.toml", &text)]).unwrap_err();
            assert!(err.contains(want), "{want}: {err}");
        }
    }

    #[test]
    fn technology_names_display_from_the_technology_catalog() {
        assert_eq!(tech_display("kafka"), "Kafka");
        assert_eq!(tech_display("dynamodb"), "DynamoDB");
        assert_eq!(tech_display("not-a-tech"), "not-a-tech");
    }

    /// Which blueprints a few statements make, as a team would write them.
    #[test]
    fn detection_reads_which_entry_the_figures_describe() {
        use crate::design::testkit::{Set, ctx};
        use crate::requirements::Kind;
        let cases: Vec<(&str, Set, &[&str])> = vec![
            (
                "a stream's own figures do not make an API",
                Set::new()
                    .chose("kafka", "stream", "Meters publish to Kafka.")
                    .num(
                        Kind::Throughput,
                        4000.0,
                        "Sustain 4,000 events/s from the meters.",
                    )
                    .num(
                        Kind::Latency,
                        5000.0,
                        "A reading shows on the dashboard within 5 s.",
                    )
                    .chose(
                        "postgresql",
                        "relational_db",
                        "Aggregates land in PostgreSQL.",
                    ),
                &["streaming"],
            ),
            (
                "a queue beside an API that users call",
                Set::new()
                    .chose("sqs", "queue", "Thumbnails are made from an SQS queue.")
                    .num(
                        Kind::Latency,
                        300.0,
                        "The upload API answers requests within 300 ms.",
                    ),
                &["web_api", "async"],
            ),
            (
                "a NoSQL store alone is not a serverless stack",
                Set::new()
                    .chose("kafka", "stream", "Events go to Kafka.")
                    .chose("dynamodb", "nosql", "Consumers keep state in DynamoDB."),
                &["streaming"],
            ),
            (
                "a served model's size alone makes GPU inference",
                Set::new().num(
                    Kind::ModelSize,
                    14e9,
                    "We serve a 7B-parameter model fine-tuned on our tickets.",
                ),
                &["gpu_inference"],
            ),
            (
                "a chosen warehouse alone is no batch: the stream loads it",
                Set::new()
                    .chose(
                        "pub-sub",
                        "stream",
                        "Every request publishes usage events to Pub/Sub.",
                    )
                    .chose(
                        "bigquery",
                        "warehouse",
                        "A BigQuery subscription writes them into a usage table.",
                    ),
                &["streaming"],
            ),
            (
                "a warehouse a nightly job loads is a batch",
                Set::new().chose(
                    "bigquery",
                    "warehouse",
                    "A nightly job loads the day's orders into BigQuery.",
                ),
                &["batch"],
            ),
            (
                "object storage beside a stream is its archive, not files users move",
                Set::new()
                    .chose(
                        "event-hubs",
                        "stream",
                        "The gateway publishes to Azure Event Hubs.",
                    )
                    .chose(
                        "adls-gen2",
                        "object_storage",
                        "Capture writes the raw stream as Avro to Data Lake Storage.",
                    ),
                &["streaming"],
            ),
            (
                "a deadline with an orchestrator is a batch",
                Set::new()
                    .num(
                        Kind::Deadline,
                        21_600.0,
                        "The curated tables must be complete by 06:00.",
                    )
                    .chose(
                        "airflow",
                        "orchestrator",
                        "Cloud Composer runs the daily DAG.",
                    ),
                &["batch"],
            ),
            (
                "NoSQL with functions is",
                Set::new()
                    .chose("lambda", "functions", "Handlers run on AWS Lambda.")
                    .chose("dynamodb", "nosql", "Stamps are kept in DynamoDB."),
                &["serverless"],
            ),
            (
                "a model's bucket is not a file store",
                Set::new()
                    .num(Kind::ModelSize, 14e9, "We serve a 7B-parameter model.")
                    .chose(
                        "s3",
                        "object_storage",
                        "Model artifacts: S3 (versioned), pulled at pod start.",
                    ),
                &["gpu_inference"],
            ),
            (
                "uploads beside a model are",
                Set::new()
                    .num(Kind::ModelSize, 14e9, "We serve a 7B-parameter model.")
                    .chose(
                        "s3",
                        "object_storage",
                        "Users upload photos to S3 for captioning.",
                    ),
                &["gpu_inference", "files"],
            ),
            (
                "a serverless stack's export bucket is not a file store",
                Set::new()
                    .chose("lambda", "functions", "Handlers run on AWS Lambda.")
                    .chose("dynamodb", "nosql", "Stamps are kept in DynamoDB.")
                    .chose(
                        "s3",
                        "object_storage",
                        "A consumer writes the daily export to S3.",
                    ),
                &["serverless"],
            ),
            (
                "an in-memory store that holds the data, read by an API",
                Set::new()
                    .chose(
                        "valkey",
                        "in_memory_store",
                        "Valkey is not a cache: it is the store.",
                    )
                    .num(Kind::Latency, 50.0, "Board reads answer within 50 ms."),
                &["in_memory", "web_api"],
            ),
            (
                "a site on a CDN in front of an API",
                Set::new()
                    .chose(
                        "cloud-cdn",
                        "cdn",
                        "The SPA is served from a bucket through Cloud CDN.",
                    )
                    .num(
                        Kind::Latency,
                        300.0,
                        "Booking API requests answer within 300 ms.",
                    ),
                &["static_site", "web_api"],
            ),
        ];
        for (name, set, want) in cases {
            let reqs = set.build();
            let project = crate::project::Project::default();
            let mut c = ctx(&reqs, &project);
            let got: Vec<String> = detect(&mut c)
                .unwrap()
                .into_iter()
                .map(|w| w.blueprint)
                .collect();
            let mut got_sorted = got.clone();
            got_sorted.sort();
            let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            want.sort();
            assert_eq!(got_sorted, want, "{name}");
        }
    }

    #[test]
    fn only_stream_queue_or_schedule_blueprints_serve_no_requests() {
        for b in Blueprint::all().unwrap() {
            let fed = ["async", "batch", "streaming"].contains(&b.name.as_str());
            assert_eq!(b.serves_requests, !fed, "{}", b.name);
        }
    }
}
