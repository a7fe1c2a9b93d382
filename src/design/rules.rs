//! Rules and default assumptions from `data/design/*.toml`, parsed once.

use std::sync::OnceLock;

use serde::Deserialize;

use super::model::DrTier;
use crate::error::{Error, Result};

// As JSON (see `crate::builtin_json`).
const RULES: &str = crate::builtin_json!("design/rules.toml");
const COMPLIANCE: &str = crate::builtin_json!("design/compliance.toml");

#[derive(Debug, Deserialize)]
pub struct Rules {
    pub dr_tier: Vec<DrTierRule>,
    pub dr_default: Vec<DrDefault>,
    pub burn_window: Vec<BurnWindow>,
    pub slo: SloRule,
    pub defaults: Defaults,
    pub platform: PlatformRule,
    pub cache: CacheRule,
    pub deploy: DeployRule,
    pub regions: RegionsRule,
    #[serde(skip)]
    pub frameworks: Vec<Framework>,
}

#[derive(Debug, Deserialize)]
pub struct DrTierRule {
    pub tier: DrTier,
    pub min_rto_s: f64,
    pub min_rpo_s: f64,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct DrDefault {
    pub min_availability: f64,
    pub rto_s: f64,
    pub rpo_s: f64,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct BurnWindow {
    /// `page` or `ticket`; anything else is a load error.
    pub severity: super::plan::AlertSeverity,
    pub long: String,
    pub short: String,
    pub burn: f64,
    pub budget_pct: f64,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct SloRule {
    pub period_days: u32,
}

#[derive(Debug, Deserialize)]
pub struct Defaults {
    pub availability_pct: f64,
    pub availability_source: String,
    /// Highest stated availability one multi-zone region is designed for.
    pub single_region_ceiling_pct: f64,
    pub latency_ms: f64,
    pub latency_percentile: u8,
    pub throughput_rps: f64,
    pub requests_per_user_per_s: f64,
    pub per_instance_concurrency: f64,
    pub instance_vcpu: f64,
    pub instance_memory_gb: f64,
    pub target_utilisation_pct: f64,
    pub target_utilisation_source: String,
    /// Autoscaling target when the reviewer asked to reduce cost.
    pub reduce_cost_utilisation_pct: f64,
    /// Mean service time of one request/response call when no document
    /// states it; the latency target caps it.
    pub request_service_time_s: f64,
    pub peak_factor: f64,
    pub average_to_peak: f64,
    pub storage_gb: f64,
    pub response_kb: f64,
    pub messages_per_request: f64,
    pub message_kb: f64,
    pub read_share: f64,
    pub db_read_capacity_rps: f64,
    pub burst_headroom: f64,
    pub node_allocatable: f64,
    pub function_memory_gb: f64,
    pub trace_budget_per_s: f64,
    pub log_retention_days: u32,
    pub backup_retention_days: u32,
    pub secret_rotation_days: u32,
    pub cache_ttl_s: u32,
    /// Writes one database vCPU sustains per second.
    pub db_writes_per_vcpu: f64,
    /// CPU share per vCPU a burstable database class sustains.
    pub burstable_baseline: f64,
    pub burstable_source: String,
    /// Typical promotion time of a relational writer's standby, seconds.
    pub writer_failover_low_s: f64,
    pub writer_failover_high_s: f64,
    pub writer_failover_source: String,
}

#[derive(Debug, Deserialize)]
pub struct PlatformRule {
    pub functions_max_average_rps: f64,
    pub functions_min_peak_to_average: f64,
    pub functions_min_latency_ms: f64,
}

#[derive(Debug, Deserialize)]
pub struct CacheRule {
    pub add_below_latency_ms: f64,
}

/// How the regions pass reads a region the documents name.
#[derive(Debug, Deserialize)]
pub struct RegionsRule {
    /// Words that make a named region the home of copies, not of the system.
    pub copy_words: Vec<String>,
    pub source: String,
}

impl RegionsRule {
    /// Whether a line speaks of copies (whole words, case-insensitive).
    pub fn speaks_of_copies(&self, line: &str) -> bool {
        let lower = line.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        self.copy_words.iter().any(|cw| {
            let cw: Vec<&str> = cw.split(' ').collect();
            words.windows(cw.len()).any(|w| w == cw.as_slice())
        })
    }
}

#[derive(Debug, Deserialize)]
pub struct DeployRule {
    pub detection_min: f64,
    pub rolling_rollback_min: f64,
    pub blue_green_switch_min: f64,
    pub canary_share: f64,
    pub max_budget_share: f64,
}

#[derive(Debug, Deserialize)]
struct ComplianceFile {
    framework: Vec<Framework>,
}

/// A compliance framework's infrastructure controls.
#[derive(Debug, Clone, Deserialize)]
pub struct Framework {
    pub name: String,
    pub aliases: Vec<String>,
    pub log_retention_days: u32,
    pub log_hot_days: u32,
    pub customer_managed_keys: bool,
    pub segmented_network: bool,
    #[serde(default)]
    pub baa: bool,
    #[serde(default)]
    pub residency: Option<String>,
    pub control: Vec<ControlRule>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ControlRule {
    pub reference: String,
    pub requirement: String,
    #[serde(default)]
    pub parameter: Option<String>,
    pub implementation: String,
    pub source: String,
    #[serde(default = "yes")]
    pub verified: bool,
}

fn yes() -> bool {
    true
}

impl Rules {
    /// The compiled-in rules (parsed once per process).
    pub fn get() -> Result<&'static Rules> {
        static CACHE: OnceLock<std::result::Result<Rules, String>> = OnceLock::new();
        CACHE
            .get_or_init(|| {
                let mut rules: Rules = serde_json::from_str(RULES)
                    .map_err(|e| format!("data/design/rules.toml: {e}"))?;
                let c: ComplianceFile = serde_json::from_str(COMPLIANCE)
                    .map_err(|e| format!("data/design/compliance.toml: {e}"))?;
                rules.frameworks = c.framework;
                Ok(rules)
            })
            .as_ref()
            .map_err(|e| Error::Invalid(e.clone()))
    }

    /// The framework a compliance label names, if known.
    pub fn framework(&self, label: &str) -> Option<&Framework> {
        let l = label.trim().to_ascii_lowercase();
        self.frameworks
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(&l) || f.aliases.contains(&l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_and_tiers_are_ordered() {
        let r = Rules::get().unwrap();
        assert_eq!(r.dr_tier.len(), 4);
        assert!(r.dr_tier.windows(2).all(|w| w[0].tier < w[1].tier));
        assert_eq!(r.burn_window.len(), 4);
        assert!(r.framework("PCI DSS").is_some());
        assert!(r.framework("soc 2").is_some());
        assert!(r.framework("FedRAMP").is_none());
    }
}
