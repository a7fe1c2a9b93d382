//! The billing unit of a catalog price.
//!
//! A unit is what the usage quantity is counted in, so a price row whose unit
//! the engine does not know cannot be multiplied by anything: it is a load
//! error, never a silent $0 line.

use serde::{Deserialize, Serialize};

macro_rules! price_units {
    ($($variant:ident => $text:literal : $doc:literal,)+) => {
        /// Billing unit of a [`super::Price`]; serialised as the snake_case
        /// string used in `data/catalog/*.toml`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub enum PriceUnit {
            $(#[doc = $doc] $variant,)+
        }

        impl PriceUnit {
            /// Every unit, in declaration order.
            pub const ALL: &'static [PriceUnit] = &[$(PriceUnit::$variant,)+];

            /// The string used in the data files and the design JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(PriceUnit::$variant => $text,)+
                }
            }

            /// What one unit is, in words (for cost tables and errors).
            pub fn describe(self) -> &'static str {
                match self {
                    $(PriceUnit::$variant => $doc,)+
                }
            }
        }

        impl std::str::FromStr for PriceUnit {
            type Err = UnknownUnit;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok(PriceUnit::$variant),)+
                    _ => Err(UnknownUnit(s.to_string())),
                }
            }
        }
    };
}

price_units! {
    Hour => "hour": "one resource running for one hour",
    NodeHour => "node_hour": "one node of a multi-node row for one hour",
    Month => "month": "one resource for one month",
    ZoneMonth => "zone_month": "one DNS zone for one month",
    RuleMonth => "rule_month": "one firewall rule or rule group for one month",
    KeyMonth => "key_month": "one customer-managed key for one month",
    SecretMonth => "secret_month": "one stored secret for one month",
    GbMonth => "gb_month": "one GB stored for one month",
    BackupGbMonth => "backup_gb_month": "one GB of backup or cross-region copy for one month",
    ArchiveGbMonth => "archive_gb_month": "one GB in an archive class for one month",
    InfrequentGbMonth => "infrequent_gb_month": "one GB in an infrequent-access class for one month",
    Gb => "gb": "one GB transferred",
    EdgeGb => "edge_gb": "one GB served from the edge to clients",
    ProcessedGb => "processed_gb": "one GB processed by a load balancer or gateway",
    GbIngested => "gb_ingested": "one GB of logs or events ingested",
    MillionRequests => "million_requests": "one million requests or invocations",
    MillionWriteRequests => "million_write_requests": "one million write (class A) object requests",
    MillionReadRequests => "million_read_requests": "one million read (class B) object requests",
    MillionWriteUnits => "million_write_units": "one million NoSQL write request units",
    MillionReadUnits => "million_read_units": "one million NoSQL read request units",
    MillionMessages => "million_messages": "one million messages or events",
    MillionTransitions => "million_transitions": "one million workflow state transitions",
    MillionRequestUnits => "million_request_units": "one million Cosmos DB request units consumed",
    ThousandRuns => "thousand_runs": "one thousand orchestration activity runs",
    VcpuHour => "vcpu_hour": "one vCPU for one hour",
    GbHour => "gb_hour": "one GB of memory for one hour",
    VcpuSecond => "vcpu_second": "one vCPU for one second",
    GbSecond => "gb_second": "one GB of memory for one second",
    LcuHour => "lcu_hour": "one load-balancer capacity unit for one hour",
    VmHour => "vm_hour": "one VM served by a shared gateway for one hour",
    ConnectionHour => "connection_hour": "one client connection for one hour",
    ShardHour => "shard_hour": "one stream shard for one hour",
    ThroughputUnitHour => "throughput_unit_hour": "one stream throughput unit for one hour",
    Ru100Hour => "ru_100_hour": "100 RU/s of provisioned throughput for one hour",
    RpuHour => "rpu_hour": "one warehouse processing unit for one hour",
    SlotHour => "slot_hour": "one warehouse slot for one hour",
    CuHour => "cu_hour": "one capacity unit for one hour",
    DwuHour => "dwu_hour": "100 data warehouse units for one hour",
    TbScanned => "tb_scanned": "one TB (10^12 bytes) scanned by a query",
    TibScanned => "tib_scanned": "one TiB (2^40 bytes) scanned by a query",
    Tib => "tib": "one TiB of messages ingested",
    AlarmMonth => "alarm_month": "one alarm (or alerted time series) for one month",
    DashboardMonth => "dashboard_month": "one dashboard for one month",
    BuildMinute => "build_minute": "one minute of a build machine",
    ConfigItem => "config_item": "one configuration change recorded",
    RuleEvaluation => "rule_evaluation": "one evaluation of a conformance rule",
    MillionTraces => "million_traces": "one million traces recorded",
}

/// A unit string no [`PriceUnit`] spells.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown price unit `{0}`")]
pub struct UnknownUnit(pub String);

impl TryFrom<String> for PriceUnit {
    type Error = UnknownUnit;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<PriceUnit> for String {
    fn from(u: PriceUnit) -> String {
        u.as_str().to_string()
    }
}

impl std::fmt::Display for PriceUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for PriceUnit {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PriceUnit {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PriceUnit {
    /// Whether the unit is counted per hour of running time (hourly rows are
    /// multiplied by the month length).
    pub fn is_hourly(self) -> bool {
        matches!(
            self,
            PriceUnit::Hour
                | PriceUnit::NodeHour
                | PriceUnit::VcpuHour
                | PriceUnit::GbHour
                | PriceUnit::LcuHour
                | PriceUnit::VmHour
                | PriceUnit::ConnectionHour
                | PriceUnit::ShardHour
                | PriceUnit::ThroughputUnitHour
                | PriceUnit::Ru100Hour
                | PriceUnit::RpuHour
                | PriceUnit::SlotHour
                | PriceUnit::CuHour
                | PriceUnit::DwuHour
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_round_trips_through_its_string() {
        for u in PriceUnit::ALL {
            assert_eq!(u.as_str().parse::<PriceUnit>(), Ok(*u));
            assert_eq!(String::from(*u), u.as_str());
            assert!(!u.describe().is_empty());
        }
    }

    #[test]
    fn unknown_and_near_miss_strings_are_errors() {
        for bad in ["", "Hour", "hours", "gb-month", "per_request", "usd"] {
            let e = bad.parse::<PriceUnit>().unwrap_err();
            assert_eq!(e.to_string(), format!("unknown price unit `{bad}`"));
        }
    }

    #[test]
    fn compares_with_strings() {
        assert!(PriceUnit::EdgeGb == "edge_gb");
        assert!(PriceUnit::Hour != "node_hour");
        assert!(PriceUnit::Hour.is_hourly() && !PriceUnit::GbMonth.is_hourly());
    }
}
