//! The requirements model: what `extract` produces and `design` consumes.
//!
//! Its JSON form is the fixed contract `infrarch.requirements/v1` (see
//! `shared/DESIGN.md`): other tools parse it, so field names and the meaning of
//! `primary` must not change. Fields beyond the contract (`id`, `technologies`,
//! `superseded`) are additive.

use serde::{Deserialize, Serialize};

/// Schema tag of [`RequirementSet`] in JSON.
pub const REQUIREMENTS_SCHEMA: &str = "infrarch.requirements/v1";

/// What a requirement constrains. The order is the order of text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Percent of time (or requests) the service must be up.
    Availability,
    /// Milliseconds at a percentile (100 = maximum).
    Latency,
    /// Requests (or events, messages) per second.
    Throughput,
    /// Simultaneous users, sessions or tenants.
    ConcurrentUsers,
    /// Recovery time objective, seconds.
    Rto,
    /// Recovery point objective, seconds.
    Rpo,
    /// Stored data, bytes.
    DataVolume,
    /// A compliance framework the system itself must meet.
    Compliance,
    /// A region data must stay in.
    Residency,
    /// Infrastructure budget per month.
    Budget,
    /// A chosen cloud or hosting provider.
    Cloud,
    /// A chosen runtime platform.
    Platform,
    /// Who reaches the system: `public` or `internal`.
    Exposure,
    /// Time of day (seconds after local midnight) a scheduled output must be ready.
    Deadline,
    /// Data arriving per day, bytes.
    DataVolumePerDay,
    /// Size of one file or object (typical or maximum; `subject` says which files), bytes.
    FileSize,
    /// How long a class of data must be kept (`subject` names the class), seconds.
    Retention,
    /// Memory the model weights need, bytes.
    ModelSize,
    /// Isolation between customers: `shared` or `isolated`.
    Tenancy,
}

impl Kind {
    pub const ALL: [Kind; 19] = [
        Kind::Availability,
        Kind::Latency,
        Kind::Throughput,
        Kind::ConcurrentUsers,
        Kind::Rto,
        Kind::Rpo,
        Kind::DataVolume,
        Kind::Compliance,
        Kind::Residency,
        Kind::Budget,
        Kind::Cloud,
        Kind::Platform,
        Kind::Exposure,
        Kind::Deadline,
        Kind::DataVolumePerDay,
        Kind::FileSize,
        Kind::Retention,
        Kind::ModelSize,
        Kind::Tenancy,
    ];

    /// The snake_case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Availability => "availability",
            Kind::Latency => "latency",
            Kind::Throughput => "throughput",
            Kind::ConcurrentUsers => "concurrent_users",
            Kind::Rto => "rto",
            Kind::Rpo => "rpo",
            Kind::DataVolume => "data_volume",
            Kind::Compliance => "compliance",
            Kind::Residency => "residency",
            Kind::Budget => "budget",
            Kind::Cloud => "cloud",
            Kind::Platform => "platform",
            Kind::Exposure => "exposure",
            Kind::Deadline => "deadline",
            Kind::DataVolumePerDay => "data_volume_per_day",
            Kind::FileSize => "file_size",
            Kind::Retention => "retention",
            Kind::ModelSize => "model_size",
            Kind::Tenancy => "tenancy",
        }
    }

    /// Kinds every system has a value for (stated or assumed); the workload
    /// kinds (exposure, schedule, files, retention, model, tenancy) matter
    /// only to the systems whose blueprints read them.
    pub fn always_expected(self) -> bool {
        !matches!(
            self,
            Kind::Exposure
                | Kind::Deadline
                | Kind::DataVolumePerDay
                | Kind::FileSize
                | Kind::Retention
                | Kind::ModelSize
                | Kind::Tenancy
        )
    }

    /// Kinds whose value is a label (framework, region, provider) rather than a number.
    pub fn is_set(self) -> bool {
        matches!(
            self,
            Kind::Compliance
                | Kind::Residency
                | Kind::Cloud
                | Kind::Platform
                | Kind::Exposure
                | Kind::Tenancy
        )
    }

    /// The unit every numeric value of this kind is normalised to.
    pub fn canonical_unit(self) -> &'static str {
        match self {
            Kind::Availability => "percent",
            Kind::Latency => "ms",
            Kind::Throughput => "rps",
            Kind::ConcurrentUsers => "users",
            Kind::Rto | Kind::Rpo => "s",
            Kind::DataVolume | Kind::FileSize | Kind::ModelSize => "bytes",
            Kind::DataVolumePerDay => "bytes/day",
            Kind::Deadline | Kind::Retention => "s",
            Kind::Budget => "USD/month",
            Kind::Compliance
            | Kind::Residency
            | Kind::Cloud
            | Kind::Platform
            | Kind::Exposure
            | Kind::Tenancy => "",
        }
    }

    /// For numeric kinds: is a smaller value the stricter one?
    /// Used to resolve conflicts ("conflicts use the stricter value").
    pub fn smaller_is_stricter(self) -> bool {
        matches!(self, Kind::Latency | Kind::Rto | Kind::Rpo | Kind::Budget)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown requirement kind `{s}`"))
    }
}

/// A requirement's value: a number in the kind's unit, or a label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

impl Value {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Text(_) => None,
        }
    }
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            Value::Number(_) => None,
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{}", crate::numfmt::trim(*n)),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// Where a requirement was read: the planning file, the 1-based line, and the
/// line's text (trimmed) so a reader can check it without opening the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
    pub line: usize,
    pub excerpt: String,
}

/// One stated requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// Stable id within one extraction (`R1`, `R2`, …), used by design
    /// decisions to say which requirement they serve.
    pub id: String,
    pub kind: Kind,
    pub value: Value,
    /// Canonical unit of the kind; another currency keeps its code for budgets.
    pub unit: String,
    /// Latency only: 50, 90, 95, 99, or 100 for a maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<u8>,
    /// Exactly one requirement per kind is primary: the one the design uses.
    pub primary: bool,
    /// Scope the document attaches ("during business hours", "excluding maintenance").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// Phase the value belongs to when the document phases targets ("MVP", "GA").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// What the number is about when the document says so ("dashboard load",
    /// "authentication"); lets several latencies of one document be told apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub source: Source,
}

impl Requirement {
    /// The value with its unit as a reader expects it: `99.95%`, `p95 300 ms`,
    /// `max 2 s`, `250 rps`, `1 h`, `120 GB`, `4,000 USD/month`, `PCI-DSS`.
    pub fn display_value(&self) -> String {
        use crate::numfmt::{bytes, duration, thousands, trim};
        let Some(n) = self.value.as_f64() else {
            return self.value.to_string();
        };
        match self.kind {
            Kind::Availability => format!("{}%", trim(n)),
            Kind::Latency => {
                let v = if n >= 1000.0 && n % 100.0 == 0.0 {
                    format!("{} s", trim(n / 1000.0))
                } else {
                    format!("{} ms", trim(n))
                };
                match self.percentile {
                    Some(100) | None => format!("max {v}"),
                    Some(p) => format!("p{p} {v}"),
                }
            }
            Kind::Throughput => format!("{} rps", trim(n)),
            Kind::ConcurrentUsers => format!("{} users", thousands(n.round() as u64)),
            Kind::Rto | Kind::Rpo => duration(n),
            Kind::DataVolume | Kind::FileSize | Kind::ModelSize => bytes(n),
            Kind::DataVolumePerDay => format!("{}/day", bytes(n)),
            Kind::Retention => duration(n),
            Kind::Deadline => format!(
                "ready by {:02}:{:02}",
                (n / 3600.0).floor() as u64 % 24,
                ((n % 3600.0) / 60.0).floor() as u64
            ),
            Kind::Budget => format!("{} {}", thousands(n.round() as u64), self.unit),
            Kind::Compliance
            | Kind::Residency
            | Kind::Cloud
            | Kind::Platform
            | Kind::Exposure
            | Kind::Tenancy => trim(n),
        }
    }
}

/// Two or more documents (or places) state different values for one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub kind: Kind,
    pub values: Vec<Value>,
    pub sources: Vec<Source>,
    /// The value the design uses (the stricter one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Value>,
}

/// One statement with two plausible readings ("handle 500 orders within 2
/// seconds": 250 orders/s, or 2 s for each order). Neither reading is a
/// requirement: a misread value would drive the design, so the design asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ambiguity {
    pub source: Source,
    /// Each plausible reading, in words with its number.
    pub readings: Vec<String>,
}

/// Whether a document chooses or rejects a technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Chosen,
    Rejected,
}

/// A named technology in the planning documents (PostgreSQL, Redis, Kafka,
/// Kubernetes…): the application and data architecture choose them, and the
/// design must use the chosen ones and never the rejected ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Technology {
    /// Canonical lower-case name (`postgresql`, `redis`, `kafka`).
    pub name: String,
    /// What it is for (`relational_db`, `cache`, `queue`, `search`, `object_storage`,
    /// `kubernetes`, `functions`, …): a role of [`crate::technologies`].
    pub role: String,
    pub stance: Stance,
    pub source: Source,
}

/// What kind of planning document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    Prd,
    Epics,
    Stories,
    AppArch,
    DataArch,
    InfraArch,
    Spec,
    Plan,
    Other,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Prd => "prd",
            DocKind::Epics => "epics",
            DocKind::Stories => "stories",
            DocKind::AppArch => "app-arch",
            DocKind::DataArch => "data-arch",
            DocKind::InfraArch => "infra-arch",
            DocKind::Spec => "spec",
            DocKind::Plan => "plan",
            DocKind::Other => "other",
        }
    }
}

impl std::fmt::Display for DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document the requirements were read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDoc {
    pub path: String,
    pub kind: DocKind,
}

/// The output of `extract`: the `infrarch.requirements/v1` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementSet {
    pub schema: String,
    pub feature: String,
    pub sources: Vec<SourceDoc>,
    pub requirements: Vec<Requirement>,
    pub conflicts: Vec<Conflict>,
    /// Kinds no document states.
    pub missing: Vec<Kind>,
    /// Technologies named as chosen or rejected.
    #[serde(default)]
    pub technologies: Vec<Technology>,
    /// Older dated documents of a kind that a newer one replaced; not read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub superseded: Vec<String>,
    /// Statements with two plausible readings, kept out of `requirements`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ambiguities: Vec<Ambiguity>,
}

impl RequirementSet {
    /// The requirement the design uses for a kind.
    pub fn primary(&self, kind: Kind) -> Option<&Requirement> {
        self.requirements
            .iter()
            .find(|r| r.kind == kind && r.primary)
    }

    /// Every requirement of a kind, primary first.
    pub fn all(&self, kind: Kind) -> impl Iterator<Item = &Requirement> {
        self.requirements.iter().filter(move |r| r.kind == kind)
    }

    /// Primary numeric value of a kind.
    pub fn number(&self, kind: Kind) -> Option<f64> {
        self.primary(kind).and_then(|r| r.value.as_f64())
    }

    /// All distinct labels of a set kind (compliance, residency, cloud, platform).
    pub fn labels(&self, kind: Kind) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in self.all(kind) {
            if let Some(t) = r.value.as_text()
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
        out
    }

    pub fn by_id(&self, id: &str) -> Option<&Requirement> {
        // Ids are `R{position}` as extraction numbers them: look there first
        // (a linear scan per lookup made rendering quadratic).
        id.strip_prefix('R')
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| self.requirements.get(n.checked_sub(1)?))
            .filter(|r| r.id == id)
            .or_else(|| self.requirements.iter().find(|r| r.id == id))
    }
}
