//! Review directives: what a reviewer asked the design to change, from
//! structured flags (`--set availability=99.95 --use aurora …`), from the MCP
//! tool's typed list, or read from free text ([`crate::review::read`]).
//!
//! The spelled form ([`Directive::spell`]) is the CLI's: `set availability=99.95`,
//! `use aurora`, `drop waf`, so reports, tests and flags all say the same thing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::Provider;
use crate::requirements::Kind;

pub use crate::review::read::{Parsed, ReadContext, parse, read};

/// One change the reviewer asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "directive", rename_all = "snake_case")]
pub enum Directive {
    /// Move the design to another cloud provider.
    Provider { provider: Provider },
    /// Deploy in a named region.
    Region { region: String },
    /// Require a runtime platform (`kubernetes`, `ecs`, `cloud-run`, `serverless`, `vm`…).
    Platform { platform: String },
    /// Rule a runtime platform out.
    ForbidPlatform { platform: String },
    /// Set a numeric target; `value` is in the kind's canonical unit.
    Target {
        kind: Kind,
        value: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        percentile: Option<u8>,
    },
    /// Add a compliance framework.
    AddCompliance { framework: String },
    /// Drop a compliance framework.
    DropCompliance { framework: String },
    /// Use a named technology (for its role, from the technology catalog).
    UseTechnology {
        name: String,
        /// The role the reviewer named ("use Datadog for metrics"), if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
    },
    /// Never use a named technology.
    ForbidTechnology { name: String },
    /// Bring the monthly cost down where no requirement stops it; `target` is
    /// the share of the current monthly cost to save (0.33 = a third).
    ReduceCost {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<f64>,
    },
    /// Leave a component (by catalog role) out of the design.
    DropComponent {
        role: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// Put a component (by catalog role) into the design.
    AddComponent {
        role: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// Keep the design in one region.
    SingleRegion,
}

/// Spelling of a kind in `set KIND=VALUE`.
pub fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Availability => "availability",
        Kind::Latency => "latency",
        Kind::Throughput => "throughput",
        Kind::ConcurrentUsers => "users",
        Kind::Rto => "rto",
        Kind::Rpo => "rpo",
        Kind::DataVolume => "data",
        Kind::Budget => "budget",
        Kind::Compliance => "compliance",
        Kind::Residency => "residency",
        Kind::Cloud => "provider",
        Kind::Platform => "platform",
        // Workload facts (deadline, data_volume_per_day, file_size,
        // retention, model_size…) are named as the requirements name them.
        other => other.as_str(),
    }
}

/// Seconds in a retention unit; a month is 30 days and a year 365, as
/// retention rules are written (and as storage lifecycle rules count).
fn retention_seconds(unit: &str) -> Option<f64> {
    Some(match unit {
        "" | "s" | "sec" | "secs" | "seconds" => 1.0,
        "min" | "mins" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "wk" | "week" | "weeks" => 604_800.0,
        "mo" | "month" | "months" => 30.0 * 86_400.0,
        "y" | "yr" | "yrs" | "year" | "years" => 365.0 * 86_400.0,
        _ => return None,
    })
}

/// `06:00` (local time the output must be ready) as seconds after midnight.
fn clock_seconds(raw: &str) -> Option<f64> {
    let (h, m) = raw.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    (h < 24 && m < 60).then(|| f64::from(h * 3600 + m * 60))
}

fn short(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

impl Directive {
    /// The directive as the `infrarch revise` flags spell it.
    pub fn spell(&self) -> String {
        match self {
            Directive::Provider { provider } => format!("provider {}", provider.as_str()),
            Directive::Region { region } => format!("region {region}"),
            Directive::Platform { platform } => format!("platform {platform}"),
            Directive::ForbidPlatform { platform } => format!("avoid-platform {platform}"),
            Directive::Target {
                kind,
                value,
                percentile,
            } => {
                let key = match (kind, percentile) {
                    (Kind::Latency, Some(p)) if *p != 95 => format!("latency.p{p}"),
                    _ => kind_key(*kind).to_string(),
                };
                format!("set {key}={}", short(*value))
            }
            Directive::AddCompliance { framework } => format!("add-compliance {framework}"),
            Directive::DropCompliance { framework } => format!("drop-compliance {framework}"),
            Directive::UseTechnology { name, .. } => format!("use {name}"),
            Directive::ForbidTechnology { name } => format!("avoid {name}"),
            Directive::ReduceCost { target: None } => "reduce-cost".into(),
            Directive::ReduceCost { target: Some(t) } => format!("reduce-cost {}", short(*t)),
            Directive::DropComponent { role, .. } => format!("drop {role}"),
            Directive::AddComponent { role, .. } => format!("add {role}"),
            Directive::SingleRegion => "single-region".into(),
        }
    }

    /// The directive in a reader's words ("RTO 2 h", "availability 99.95%"),
    /// for open questions in the document.
    pub fn describe(&self) -> String {
        use crate::numfmt::{duration, trim, usd};
        match self {
            Directive::Target {
                kind,
                value,
                percentile,
            } => match kind {
                Kind::Availability => format!("availability {}%", trim(*value)),
                Kind::Latency => {
                    format!("p{} latency {} ms", percentile.unwrap_or(95), trim(*value))
                }
                Kind::Rto => format!("RTO {}", duration(*value)),
                Kind::Rpo => format!("RPO {}", duration(*value)),
                Kind::Budget => format!("a budget of {}/month", usd(*value)),
                Kind::Throughput => format!("{} requests/s", trim(*value)),
                Kind::ConcurrentUsers => format!("{} concurrent users", trim(*value)),
                Kind::Deadline => {
                    let m = (*value / 60.0).round() as u64;
                    format!("ready by {:02}:{:02}", m / 60, m % 60)
                }
                Kind::DataVolumePerDay => format!("{}/day", crate::numfmt::bytes(*value)),
                Kind::FileSize => format!("files of {}", crate::numfmt::bytes(*value)),
                Kind::ModelSize => format!("a model of {}", crate::numfmt::bytes(*value)),
                Kind::Retention => format!("retention {}", duration(*value)),
                other => format!("{other} {}", trim(*value)),
            },
            Directive::UseTechnology { name, .. } => format!("use {name}"),
            Directive::Region { region } => format!("region {region}"),
            Directive::Provider { provider } => format!("provider {}", provider.as_str()),
            Directive::Platform { platform } => format!("platform {platform}"),
            other => other.spell(),
        }
    }

    /// What the directive is about, for matching questions it answers.
    pub fn topics(&self) -> Vec<String> {
        match self {
            Directive::Provider { .. } => vec!["provider".into()],
            Directive::Region { .. } => vec!["region".into()],
            // One region or two is an availability decision too.
            Directive::SingleRegion => vec!["region".into(), "availability".into()],
            Directive::Platform { .. } | Directive::ForbidPlatform { .. } => {
                vec!["platform".into()]
            }
            Directive::Target { kind, .. } => vec![kind_key(*kind).into()],
            Directive::AddCompliance { .. } | Directive::DropCompliance { .. } => {
                vec!["compliance".into()]
            }
            Directive::UseTechnology { name, role } => {
                let mut t = vec![format!("tech:{name}")];
                let role = role
                    .clone()
                    .or_else(|| crate::review::lexicon::LEXICON.tech(name).map(|(_, r)| r));
                if let Some(r) = role {
                    t.push(format!("role:{r}"));
                }
                t
            }
            Directive::ForbidTechnology { name } => {
                let mut t = vec![format!("tech:{name}")];
                if let Some((_, r)) = crate::review::lexicon::LEXICON.tech(name) {
                    t.push(format!("role:{r}"));
                }
                t
            }
            Directive::ReduceCost { .. } => vec!["budget".into(), "cost".into()],
            Directive::DropComponent { role, .. } | Directive::AddComponent { role, .. } => {
                vec![format!("role:{role}")]
            }
        }
    }
}

/// Why a structured directive was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DirectiveError {
    #[error(
        "`{0}` is not KIND=VALUE (e.g. availability=99.95, latency=200ms, rto=30min, budget=2000)"
    )]
    NotKeyValue(String),
    #[error(
        "unknown setting `{0}`; one of availability, latency, latency.p99, rto, rpo, budget, throughput, users, deadline, data_volume_per_day, file_size, retention, model_size, region, provider, platform"
    )]
    UnknownKey(String),
    #[error("`{value}` is not a value for {key}: {why}")]
    BadValue {
        key: String,
        value: String,
        why: String,
    },
    #[error("unknown provider `{0}`; one of aws, gcp, azure")]
    UnknownProvider(String),
    #[error(
        "unknown platform `{0}`; one of kubernetes, ecs, cloud-run, container-apps, serverless, vm"
    )]
    UnknownPlatform(String),
    #[error("`{0}` is not a component role (e.g. waf, cdn, cache, queue, nat, load_balancer)")]
    UnknownComponent(String),
    #[error(
        "reduce-cost target `{0}` must be a share between 0 and 1 (0.33) or a percentage (33%)"
    )]
    BadShare(String),
    #[error("an empty name")]
    Empty,
}

/// A number with an optional unit suffix, in the key's canonical unit.
fn value_of(key: &str, raw: &str) -> Result<f64, DirectiveError> {
    let bad = |why: &str| DirectiveError::BadValue {
        key: key.to_string(),
        value: raw.to_string(),
        why: why.to_string(),
    };
    let s = raw.trim().trim_start_matches('$').replace(['_', ','], "");
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().map_err(|_| bad("not a number"))?;
    if !n.is_finite() || n < 0.0 {
        return Err(bad("not a positive number"));
    }
    let unit = unit.trim().to_ascii_lowercase();
    let v = match key {
        "availability" => {
            if !(unit.is_empty() || unit == "%") {
                return Err(bad("availability is a percentage"));
            }
            if !(50.0..=100.0).contains(&n) {
                return Err(bad("an availability between 50 and 100 percent"));
            }
            n
        }
        "latency" => match unit.as_str() {
            "" | "ms" => n,
            "s" | "sec" | "seconds" => n * 1000.0,
            _ => return Err(bad("milliseconds (200, 200ms) or seconds (1s)")),
        },
        "rto" | "rpo" => match unit.as_str() {
            "" | "s" | "sec" | "secs" | "seconds" => n,
            "m" | "min" | "mins" | "minutes" => n * 60.0,
            "h" | "hr" | "hrs" | "hours" => n * 3600.0,
            "d" | "day" | "days" => n * 86400.0,
            _ => return Err(bad("seconds, or a unit: 30min, 4h, 1d")),
        },
        "budget" => match unit.as_str() {
            "" | "usd" | "/month" | "/mo" => n,
            "k" => n * 1000.0,
            _ => return Err(bad("US dollars a month (2000, 2k)")),
        },
        "throughput" | "users" => match unit.as_str() {
            "" | "rps" => n,
            "k" => n * 1000.0,
            _ => return Err(bad("a count (1500, 2k)")),
        },
        // Bytes, in the decimal units storage is sold in (or binary KiB…).
        "data_volume_per_day" | "file_size" | "model_size" => {
            let unit = unit.trim_end_matches("/day").trim_end_matches("/d").trim();
            let per = match unit {
                "" | "b" | "bytes" => 1.0,
                u => crate::extract::numbers::size_bytes(u)
                    .ok_or_else(|| bad("bytes, or a size: 25MB, 2TB, 26GB"))?,
            };
            n * per
        }
        "retention" => {
            n * retention_seconds(&unit)
                .ok_or_else(|| bad("a duration: 90d, 7y, 6mo, or seconds"))?
        }
        "deadline" => {
            let secs = match unit.as_str() {
                "" | "s" => n,
                "min" | "m" => n * 60.0,
                "h" | "hr" => n * 3600.0,
                _ => return Err(bad("a time of day (06:00) or hours after midnight (6h)")),
            };
            if secs >= 86_400.0 {
                return Err(bad("a time of day before 24:00"));
            }
            secs
        }
        _ => n,
    };
    if v == 0.0 && key != "budget" {
        return Err(bad("must be above zero"));
    }
    Ok(v)
}

/// `--set KIND=VALUE`.
pub fn from_set(arg: &str) -> Result<Directive, DirectiveError> {
    let (k, v) = arg
        .split_once('=')
        .ok_or_else(|| DirectiveError::NotKeyValue(arg.to_string()))?;
    let key = k.trim().to_ascii_lowercase();
    let v = v.trim();
    let target = |kind: Kind, key: &str, percentile: Option<u8>| {
        value_of(key, v).map(|value| Directive::Target {
            kind,
            value,
            percentile,
        })
    };
    match key.as_str() {
        "availability" | "uptime" => target(Kind::Availability, "availability", None),
        "latency" => target(Kind::Latency, "latency", Some(95)),
        "latency.p50" | "latency.p90" | "latency.p95" | "latency.p99" => {
            let p = key[9..].parse().ok();
            target(Kind::Latency, "latency", p)
        }
        "rto" => target(Kind::Rto, "rto", None),
        "rpo" => target(Kind::Rpo, "rpo", None),
        "budget" => target(Kind::Budget, "budget", None),
        "throughput" | "rps" => target(Kind::Throughput, "throughput", None),
        "users" | "concurrent_users" => target(Kind::ConcurrentUsers, "users", None),
        "deadline" | "ready_by" => match clock_seconds(v) {
            Some(value) => Ok(Directive::Target {
                kind: Kind::Deadline,
                value,
                percentile: None,
            }),
            None if v.contains(':') => Err(DirectiveError::BadValue {
                key: "deadline".into(),
                value: v.to_string(),
                why: "a time of day between 00:00 and 23:59".into(),
            }),
            None => target(Kind::Deadline, "deadline", None),
        },
        "data_volume_per_day" | "daily_volume" => {
            target(Kind::DataVolumePerDay, "data_volume_per_day", None)
        }
        "file_size" => target(Kind::FileSize, "file_size", None),
        "retention" => target(Kind::Retention, "retention", None),
        "model_size" => target(Kind::ModelSize, "model_size", None),
        "region" => from_region(v),
        "provider" | "cloud" => from_provider(v),
        "platform" => from_platform(v),
        _ => Err(DirectiveError::UnknownKey(key)),
    }
}

pub fn from_provider(v: &str) -> Result<Directive, DirectiveError> {
    Provider::parse(v)
        .map(|provider| Directive::Provider { provider })
        .ok_or_else(|| DirectiveError::UnknownProvider(v.to_string()))
}

pub fn from_region(v: &str) -> Result<Directive, DirectiveError> {
    let r = v.trim().to_ascii_lowercase();
    if r.is_empty() {
        return Err(DirectiveError::Empty);
    }
    Ok(Directive::Region { region: r })
}

pub fn from_platform(v: &str) -> Result<Directive, DirectiveError> {
    let w = v.trim().to_ascii_lowercase();
    crate::review::lexicon::platform(&w)
        .or(match w.as_str() {
            "container-apps" => Some("container-apps"),
            _ => None,
        })
        .map(|p| Directive::Platform {
            platform: p.to_string(),
        })
        .ok_or(DirectiveError::UnknownPlatform(w))
}

/// `--use NAME` (a platform name is a platform, not a technology).
pub fn from_use(v: &str) -> Result<Directive, DirectiveError> {
    let w = v.trim().to_ascii_lowercase();
    if w.is_empty() {
        return Err(DirectiveError::Empty);
    }
    if let Some(p) = crate::review::lexicon::platform(&w) {
        return Ok(Directive::Platform { platform: p.into() });
    }
    if let Some(provider) = Provider::parse(&w) {
        return Ok(Directive::Provider { provider });
    }
    let name = crate::review::lexicon::LEXICON
        .tech(&w)
        .map(|(n, _)| n)
        .unwrap_or(w);
    Ok(Directive::UseTechnology { name, role: None })
}

/// `--avoid NAME`.
pub fn from_avoid(v: &str) -> Result<Directive, DirectiveError> {
    let w = v.trim().to_ascii_lowercase();
    if w.is_empty() {
        return Err(DirectiveError::Empty);
    }
    if let Some(p) = crate::review::lexicon::platform(&w) {
        return Ok(Directive::ForbidPlatform { platform: p.into() });
    }
    let name = crate::review::lexicon::LEXICON
        .tech(&w)
        .map(|(n, _)| n)
        .unwrap_or(w);
    Ok(Directive::ForbidTechnology { name })
}

fn role_of(v: &str) -> Result<String, DirectiveError> {
    let w = v.trim().to_ascii_lowercase().replace('-', "_");
    // A catalog role as the engine spells it (`relational_db`, `api_gateway`)
    // first, then the reviewer's words for it ("load balancer", "nat-gateway").
    if let Some(role) = crate::design::Role::parse(&w) {
        return Ok(role.as_str().to_string());
    }
    crate::review::lexicon::LEXICON
        .component(&w.replace('_', " "))
        .or_else(|| crate::review::lexicon::LEXICON.component(&w))
        .ok_or_else(|| DirectiveError::UnknownComponent(v.to_string()))
}

/// `--drop ROLE` with the reason (`--reason`).
pub fn from_drop(v: &str, reason: &str) -> Result<Directive, DirectiveError> {
    Ok(Directive::DropComponent {
        role: role_of(v)?,
        reason: reason.trim().to_string(),
    })
}

/// `--add ROLE` with the reason (`--reason`).
pub fn from_add(v: &str, reason: &str) -> Result<Directive, DirectiveError> {
    Ok(Directive::AddComponent {
        role: role_of(v)?,
        reason: reason.trim().to_string(),
    })
}

/// `--reduce-cost [SHARE]`: `0.33`, `33%` or nothing.
pub fn from_reduce_cost(v: Option<&str>) -> Result<Directive, DirectiveError> {
    let Some(raw) = v.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(Directive::ReduceCost { target: None });
    };
    let bad = || DirectiveError::BadShare(raw.to_string());
    let share = match raw.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map_err(|_| bad())? / 100.0,
        None => raw.parse::<f64>().map_err(|_| bad())?,
    };
    if !(share > 0.0 && share < 1.0) {
        return Err(bad());
    }
    Ok(Directive::ReduceCost {
        target: Some(share),
    })
}

pub fn from_compliance(v: &str, add: bool) -> Result<Directive, DirectiveError> {
    let w = v.trim().to_ascii_lowercase();
    let found = crate::review::lexicon::LEXICON.find(&w);
    let framework = found
        .iter()
        .find_map(|f| match f.term {
            crate::review::lexicon::Term::Framework(f) => Some(f.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| v.trim().to_ascii_uppercase());
    if framework.is_empty() {
        return Err(DirectiveError::Empty);
    }
    Ok(if add {
        Directive::AddCompliance { framework }
    } else {
        Directive::DropCompliance { framework }
    })
}

/// A directive as an IDE agent passes it to the MCP `review` tool.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum DirectiveArg {
    /// Set a target: availability (percent), latency (ms, p95 unless
    /// `latency.p99`…), rto / rpo (seconds, or with a unit: `30min`, `4h`),
    /// budget (USD a month), throughput (requests per second), users
    /// (concurrent), deadline (time of day, `06:00`), data_volume_per_day /
    /// file_size / model_size (bytes, or `2TB`, `25MB`, `26GB`), retention
    /// (seconds, or `90d`, `7y`), or region / provider / platform.
    Set {
        /// `availability`, `latency`, `latency.p99`, `rto`, `rpo`, `budget`,
        /// `throughput`, `users`, `deadline`, `data_volume_per_day`,
        /// `file_size`, `retention`, `model_size`, `region`, `provider`,
        /// `platform`.
        field: String,
        /// The value, e.g. `99.95`, `200ms`, `30min`, `2000`, `eu-central-1`, `aws`.
        value: String,
    },
    /// Move to a provider: `aws`, `gcp` or `azure`.
    Provider { provider: String },
    /// Deploy in a region of the design's provider.
    Region { region: String },
    /// Require a runtime platform: kubernetes, ecs, cloud-run, container-apps, serverless, vm.
    Platform { platform: String },
    /// Rule a runtime platform out.
    AvoidPlatform { platform: String },
    /// Use a technology (aurora, sqs, memcached, datadog…) for its role.
    Use { technology: String },
    /// Never use a technology.
    Avoid { technology: String },
    /// Leave a component out (waf, cdn, cache, queue, nat, load_balancer…).
    Drop {
        component: String,
        #[serde(default)]
        reason: String,
    },
    /// Add a component (waf, cdn, cache, queue…).
    Add {
        component: String,
        #[serde(default)]
        reason: String,
    },
    /// Bring the monthly cost down; `target` is the share to save (0.33 = a third).
    ReduceCost {
        #[serde(default)]
        target: Option<f64>,
    },
    /// Keep the design in one region.
    SingleRegion,
    /// Add a compliance framework (HIPAA, PCI-DSS, SOC2, GDPR, ISO27001…).
    AddCompliance { framework: String },
    /// Drop a compliance framework.
    DropCompliance { framework: String },
}

impl DirectiveArg {
    pub fn to_directive(&self) -> Result<Directive, DirectiveError> {
        match self {
            DirectiveArg::Set { field, value } => from_set(&format!("{field}={value}")),
            DirectiveArg::Provider { provider } => from_provider(provider),
            DirectiveArg::Region { region } => from_region(region),
            DirectiveArg::Platform { platform } => from_platform(platform),
            DirectiveArg::AvoidPlatform { platform } => {
                let Directive::Platform { platform } = from_platform(platform)? else {
                    unreachable!("from_platform returns a platform")
                };
                Ok(Directive::ForbidPlatform { platform })
            }
            DirectiveArg::Use { technology } => from_use(technology),
            DirectiveArg::Avoid { technology } => from_avoid(technology),
            DirectiveArg::Drop { component, reason } => from_drop(component, reason),
            DirectiveArg::Add { component, reason } => from_add(component, reason),
            DirectiveArg::ReduceCost { target } => match target {
                None => Ok(Directive::ReduceCost { target: None }),
                Some(t) => from_reduce_cost(Some(&t.to_string())),
            },
            DirectiveArg::SingleRegion => Ok(Directive::SingleRegion),
            DirectiveArg::AddCompliance { framework } => from_compliance(framework, true),
            DirectiveArg::DropCompliance { framework } => from_compliance(framework, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_into_directives() {
        let cases: Vec<(Result<Directive, DirectiveError>, &str)> = vec![
            (from_set("availability=99.95"), "set availability=99.95"),
            (from_set("latency=200ms"), "set latency=200"),
            (from_set("latency.p99=1s"), "set latency.p99=1000"),
            (from_set("rto=30min"), "set rto=1800"),
            (from_set("rpo=5m"), "set rpo=300"),
            (from_set("budget=$2,500"), "set budget=2500"),
            (from_set("throughput=2k"), "set throughput=2000"),
            (from_set("region=eu-central-1"), "region eu-central-1"),
            (from_set("provider=AWS"), "provider aws"),
            (from_use("aurora"), "use aurora"),
            (from_use("Postgres"), "use postgresql"),
            (from_use("k8s"), "platform kubernetes"),
            (from_avoid("redis"), "avoid redis"),
            (from_avoid("lambda"), "avoid-platform serverless"),
            (from_drop("waf", "Cloudflare in front"), "drop waf"),
            (from_add("nat-gateway", ""), "add nat"),
            (from_add("load-balancer", ""), "add load_balancer"),
            (from_reduce_cost(Some("0.33")), "reduce-cost 0.33"),
            (from_reduce_cost(Some("20%")), "reduce-cost 0.2"),
            (from_reduce_cost(None), "reduce-cost"),
        ];
        for (got, want) in cases {
            assert_eq!(got.map(|d| d.spell()).as_deref(), Ok(want));
        }
    }

    #[test]
    fn bad_flags_are_refused_with_the_reason() {
        for bad in [
            from_set("availability"),
            from_set("availability=120"),
            from_set("latency=fast"),
            from_set("colour=blue"),
            from_set("rto=3 fortnights"),
            from_set("provider=oracle"),
            from_drop("the thing", ""),
            from_reduce_cost(Some("1.5")),
            from_reduce_cost(Some("abc")),
            from_use(" "),
        ] {
            assert!(bad.is_err(), "{bad:?}");
        }
    }

    #[test]
    fn old_sidecars_still_read() {
        let d: Directive = serde_json::from_str(r#"{"directive":"reduce_cost"}"#).unwrap();
        assert_eq!(d, Directive::ReduceCost { target: None });
        let d: Directive =
            serde_json::from_str(r#"{"directive":"use_technology","name":"aurora"}"#).unwrap();
        assert_eq!(d.spell(), "use aurora");
    }

    #[test]
    fn typed_arguments_read_into_directives() {
        let args: Vec<DirectiveArg> = serde_json::from_str(
            r#"[{"kind":"set","field":"availability","value":"99.95"},
                {"kind":"use","technology":"aurora"},
                {"kind":"drop","component":"waf","reason":"Cloudflare in front"},
                {"kind":"reduce_cost","target":0.25},
                {"kind":"single_region"}]"#,
        )
        .unwrap();
        let spelled: Vec<String> = args
            .iter()
            .map(|a| a.to_directive().unwrap().spell())
            .collect();
        assert_eq!(
            spelled,
            [
                "set availability=99.95",
                "use aurora",
                "drop waf",
                "reduce-cost 0.25",
                "single-region"
            ]
        );
    }
}
