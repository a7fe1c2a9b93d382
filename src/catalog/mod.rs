//! Provider catalogs: for each infrastructure role the managed service, its SLA
//! and its price, each with the `source` and `as_of` they were read from.
//!
//! Built-in catalogs live in `data/catalog/{aws,gcp,azure}.toml` and are
//! compiled in; a user file can override or add rows.

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub mod fx;
mod price;
mod region;
mod unit;

pub use price::{PriceBasis, RegionalPrice, RegionalRate, Tier};
pub use region::{MatchKind, Region, RegionMatch};
pub use unit::{PriceUnit, UnknownUnit};

/// A cloud provider with a built-in catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Aws,
    Gcp,
    Azure,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Aws, Provider::Gcp, Provider::Azure];

    /// Lower-case key used in JSON, file names and catalog ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Gcp => "gcp",
            Provider::Azure => "azure",
        }
    }

    /// Reads the names planning documents and project files use for a provider.
    pub fn parse(s: &str) -> Option<Provider> {
        let s = s.trim().to_ascii_lowercase();
        match s.as_str() {
            "aws" | "amazon" | "amazon web services" => Some(Provider::Aws),
            "gcp" | "google" | "google cloud" | "google cloud platform" => Some(Provider::Gcp),
            "azure" | "microsoft azure" => Some(Provider::Azure),
            _ => None,
        }
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// The compiled-in catalogs, as JSON (see `crate::builtin_json`).
const AWS: &str = crate::builtin_json!("catalog/aws.toml");
const GCP: &str = crate::builtin_json!("catalog/gcp.toml");
const AZURE: &str = crate::builtin_json!("catalog/azure.toml");

/// A provider's services with SLAs and prices, as read from the data files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub provider: Provider,
    /// Human name ("Amazon Web Services").
    pub name: String,
    pub default_region: String,
    /// Hours per month hourly prices are multiplied by (730, the Infracost convention).
    pub hours_per_month: f64,
    #[serde(default, rename = "region")]
    pub regions: Vec<Region>,
    #[serde(default, rename = "source")]
    pub sources: Vec<SourceEntry>,
    #[serde(default, rename = "row")]
    pub rows: Vec<Row>,
    /// User file merged over the built-in rows, if any.
    #[serde(default, skip)]
    pub override_file: Option<String>,
}

/// A source key and where it points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub key: String,
    pub url: String,
    pub date: String,
}

/// One (role, configuration) of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Unique within the catalog (`rds_postgres.multi_az`).
    pub id: String,
    /// `dns`, `cdn`, `waf`, `ddos`, `load_balancer`, `nat`, `managed_containers`,
    /// `kubernetes`, `functions`, `vm`, `relational_db`, `cache`, `queue`,
    /// `object_storage`, `egress`, `inter_region_transfer`, `secrets`, `kms`,
    /// `logs`, `metrics`, `tracing`, `audit_log`, `threat_detection`,
    /// `config_monitoring`, `registry`, `ci_cd`, `iac`.
    pub role: String,
    pub service: String,
    pub config: String,
    /// Application technologies the row implements (`postgresql`, `redis`).
    #[serde(default)]
    pub technologies: Vec<String>,
    /// 0 = global, 1 = one zone, 2+ = spans that many zones.
    #[serde(default)]
    pub zones: u32,
    /// Nodes the configuration runs (cache primary + replica = 2).
    #[serde(default)]
    pub nodes: Option<u32>,
    #[serde(default)]
    pub capacity_gb: Option<f64>,
    #[serde(default)]
    pub vcpu: Option<f64>,
    #[serde(default)]
    pub memory_gb: Option<f64>,
    #[serde(default)]
    pub ha_mode: Option<String>,
    #[serde(default)]
    pub lb_type: Option<String>,
    /// For load balancers that only serve one exposure.
    #[serde(default)]
    pub public: Option<bool>,
    /// Object storage class: `standard`, `infrequent` or `archive`.
    #[serde(default)]
    pub storage_class: Option<StorageClass>,
    /// How the service bills: per running instance, per request, per
    /// provisioned capacity, on demand, or serverless capacity.
    #[serde(default)]
    pub billing: Option<Billing>,
    /// GPU model of a GPU instance type (`NVIDIA L4`).
    #[serde(default)]
    pub gpu_model: Option<String>,
    #[serde(default)]
    pub gpu_count: Option<u32>,
    /// Memory of one GPU, GB.
    #[serde(default)]
    pub gpu_memory_gb: Option<f64>,
    /// Ids of rows this row is the read replica for: a replica is priced as
    /// one instance, never as the primary's Multi-AZ or HA pair.
    #[serde(default)]
    pub replica_for: Vec<String>,
    #[serde(default)]
    pub sla: Option<Sla>,
    #[serde(default)]
    pub prices: Vec<Price>,
    /// Instance classes the configuration can run on, smallest first, each
    /// with its price per hour for the whole configuration (writer + standby
    /// or reader): the data tier sizes the class from the load and prices it
    /// instead of the row's first hourly price.
    #[serde(default, rename = "class")]
    pub classes: Vec<InstanceClass>,
    #[serde(default = "yes")]
    pub verified: bool,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: String,
}

/// One instance class of a database configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceClass {
    /// The provider's class name (`db.r4.xlarge`).
    pub name: String,
    pub vcpu: f64,
    pub memory_gb: f64,
    /// For a burstable class, the share of each vCPU it sustains without
    /// spending CPU credits (t3.large: 0.30), as the provider publishes it.
    #[serde(default)]
    pub burst_baseline: Option<f64>,
    /// Where the baseline was read (a `[[source]]` key).
    #[serde(default)]
    pub baseline_source: Option<String>,
    /// Price per hour of the whole configuration on this class.
    pub usd: f64,
    pub source: String,
    pub as_of: String,
    #[serde(default = "yes")]
    pub verified: bool,
    #[serde(default)]
    pub note: String,
}

/// Object storage classes a design chooses between by access pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageClass {
    Standard,
    Infrequent,
    Archive,
}

/// How a service bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// Per running instance, whether or not it serves requests (Cloud Run
    /// with CPU always allocated, VMs, containers).
    Instance,
    /// Per request and per resource-second while requests run.
    Request,
    /// Per provisioned capacity unit (RU/s, shards, slots).
    Provisioned,
    /// Per unit of work done (request units, bytes scanned).
    OnDemand,
    /// Serverless capacity billed per unit-hour while work runs (RPU-hours).
    Serverless,
}

/// A published monthly uptime SLA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    pub pct: f64,
    pub source: String,
    pub as_of: String,
    #[serde(default = "yes")]
    pub verified: bool,
    #[serde(default)]
    pub assumed: bool,
    #[serde(default)]
    pub note: String,
}

/// One priced dimension of a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub item: String,
    /// Price of one unit in the reference region (the first tier's price
    /// when the price is tiered).
    pub usd: f64,
    pub unit: PriceUnit,
    pub source: String,
    pub as_of: String,
    #[serde(default = "yes")]
    pub verified: bool,
    #[serde(default)]
    pub assumed: bool,
    /// Region `usd` was read for: `all` when the price is the same in every
    /// region; unset = the catalog's default region.
    #[serde(default)]
    pub region: Option<String>,
    /// Quantity per month that is free before the first tier is billed.
    #[serde(default)]
    pub free: f64,
    /// Graduated tiers over the monthly quantity, cheapest last.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// The price read for other regions.
    #[serde(default)]
    pub regional: Vec<RegionalRate>,
}

fn yes() -> bool {
    true
}

/// A user override file: any subset of rows, regions and sources.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    provider: Option<Provider>,
    default_region: Option<String>,
    #[serde(default, rename = "region")]
    regions: Vec<Region>,
    #[serde(default, rename = "source")]
    sources: Vec<SourceEntry>,
    #[serde(default, rename = "row")]
    rows: Vec<Row>,
}

impl Catalog {
    /// The compiled-in catalog of a provider (parsed once per process, and
    /// only the one asked for: parsing all three was a tenth of a `design`).
    pub fn builtin(provider: Provider) -> Result<Catalog> {
        type Parsed = OnceLock<std::result::Result<Catalog, String>>;
        static CACHE: [Parsed; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        const SOURCES: [(&str, &str); 3] = [
            (AWS, "data/catalog/aws.toml"),
            (GCP, "data/catalog/gcp.toml"),
            (AZURE, "data/catalog/azure.toml"),
        ];
        let idx = Provider::ALL
            .iter()
            .position(|p| *p == provider)
            .unwrap_or(0);
        let (text, label) = SOURCES[idx];
        CACHE[idx]
            .get_or_init(|| {
                let cat: Catalog =
                    serde_json::from_str(text).map_err(|e| format!("{label}: {e}"))?;
                cat.validate().map_err(|e| format!("{label}: {e}"))?;
                Ok(cat)
            })
            .clone()
            .map_err(Error::Invalid)
    }

    /// Parses and validates a whole catalog; `label` names it in errors.
    pub fn parse(text: &str, label: &str) -> std::result::Result<Catalog, String> {
        let cat: Catalog =
            toml::from_str(text).map_err(|e| format!("{label}: {}", locate(text, &e)))?;
        cat.validate().map_err(|e| format!("{label}: {e}"))?;
        Ok(cat)
    }

    /// Merges a user file over this catalog: rows with a known id replace the
    /// built-in row, new ids are added; same for regions and sources.
    pub fn with_override(self, path: &Path) -> Result<Catalog> {
        // Regular files only, size-capped: a FIFO as --catalog must not hang.
        let text = crate::write::read_text_capped(path, crate::ingest::MAX_DOC_BYTES)?;
        let mut merged = self.merge_str(&text).map_err(|message| Error::Parse {
            path: path.to_path_buf(),
            message,
        })?;
        merged.override_file = Some(path.display().to_string());
        Ok(merged)
    }

    /// [`Catalog::with_override`] on text already read.
    pub fn merge_str(mut self, text: &str) -> std::result::Result<Catalog, String> {
        let overlay: Overlay = toml::from_str(text).map_err(|e| locate(text, &e))?;
        if let Some(p) = overlay.provider
            && p != self.provider
        {
            return Err(format!(
                "catalog override is for provider `{p}` but the design uses `{}`",
                self.provider
            ));
        }
        if let Some(r) = overlay.default_region {
            self.default_region = r;
        }
        for r in overlay.regions {
            match self.regions.iter_mut().find(|x| x.name == r.name) {
                Some(x) => *x = r,
                None => self.regions.push(r),
            }
        }
        for s in overlay.sources {
            match self.sources.iter_mut().find(|x| x.key == s.key) {
                Some(x) => *x = s,
                None => self.sources.push(s),
            }
        }
        for row in overlay.rows {
            match self.rows.iter_mut().find(|x| x.id == row.id) {
                Some(x) => *x = row,
                None => self.rows.push(row),
            }
        }
        self.validate()?;
        Ok(self)
    }

    fn validate(&self) -> std::result::Result<(), String> {
        if self.hours_per_month.is_nan() || self.hours_per_month <= 0.0 {
            return Err("hours_per_month must be positive".into());
        }
        let mut seen = std::collections::HashSet::new();
        for row in &self.rows {
            if !seen.insert(row.id.as_str()) {
                return Err(format!("row `{}` appears twice", row.id));
            }
            if let Some(sla) = &row.sla
                && !(sla.pct > 0.0 && sla.pct <= 100.0)
            {
                return Err(format!(
                    "row `{}`: SLA {} is not a percentage",
                    row.id, sla.pct
                ));
            }
            for c in &row.classes {
                if !(c.vcpu > 0.0 && c.usd >= 0.0 && c.usd.is_finite())
                    || c.burst_baseline.is_some_and(|b| !(b > 0.0 && b <= 1.0))
                    || c.burst_baseline.is_some() != c.baseline_source.is_some()
                    || c.source.is_empty()
                    || c.as_of.is_empty()
                {
                    return Err(format!(
                        "row `{}`: class `{}` needs vCPUs, a price, a source and a date, and a burst baseline in (0, 1] only with its source",
                        row.id, c.name
                    ));
                }
            }
            for p in &row.prices {
                if !(p.usd >= 0.0 && p.usd.is_finite()) {
                    return Err(format!(
                        "row `{}`: price {} of `{}` is negative",
                        row.id, p.usd, p.item
                    ));
                }
                if p.source.is_empty() || p.as_of.is_empty() {
                    return Err(format!(
                        "row `{}`: price `{}` lacks source or as_of",
                        row.id, p.item
                    ));
                }
                p.check()
                    .map_err(|e| format!("row `{}`, price `{}`: {e}", row.id, p.item))?;
                for r in &p.regional {
                    if self.region(&r.region).is_none() {
                        return Err(format!(
                            "row `{}`, price `{}`: regional price for unknown region `{}`",
                            row.id, p.item, r.region
                        ));
                    }
                }
            }
            for id in &row.replica_for {
                if !self.rows.iter().any(|r| &r.id == id) {
                    return Err(format!(
                        "row `{}`: replica_for names unknown row `{id}`",
                        row.id
                    ));
                }
            }
        }
        for r in &self.regions {
            if self.region(&r.pair).is_none() {
                return Err(format!(
                    "region `{}`: pair `{}` is not a listed region",
                    r.name, r.pair
                ));
            }
        }
        if self.region(&self.default_region).is_none() {
            return Err(format!(
                "default_region `{}` is not a listed region",
                self.default_region
            ));
        }
        Ok(())
    }

    /// The read-replica row for a primary row, if the catalog lists one
    /// (role `read_replica`, so replicas are never candidates for the primary).
    pub fn read_replica_for(&self, primary: &Row) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.replica_for.iter().any(|id| id == &primary.id))
    }

    /// How many of the catalog's prices were read for `region` (or hold in
    /// every region) and how many fall back to the reference region there, so
    /// a document can say how much of a regional estimate is borrowed.
    pub fn price_coverage(&self, region: &str) -> PriceCoverage {
        let mut c = PriceCoverage::default();
        for p in self.rows.iter().flat_map(|r| r.prices.iter()) {
            match p.for_region(self, region).basis {
                PriceBasis::Reference { .. } => c.reference += 1,
                PriceBasis::Exact | PriceBasis::Scaled => c.exact += 1,
            }
        }
        c
    }

    /// Monthly cost of `quantity` units of a row's price in a region, through
    /// its free allowance and tiers; `None` if the row or unit is unknown.
    pub fn price_in(
        &self,
        row_id: &str,
        unit: PriceUnit,
        region: &str,
        quantity: f64,
    ) -> Option<(f64, RegionalPrice)> {
        let p = self.row(row_id)?.price(unit)?;
        let rp = p.for_region(self, region);
        Some((rp.price.monthly(quantity), rp))
    }

    /// Rows of a role, in file order.
    pub fn rows_for<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a Row> + 'a {
        self.rows.iter().filter(move |r| r.role == role)
    }

    /// First row of a role.
    pub fn first(&self, role: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.role == role)
    }

    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }

    pub fn region(&self, name: &str) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name))
    }

    /// First listed region of a geography (`EU`).
    pub fn region_in_geo(&self, geo: &str) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| r.geo.eq_ignore_ascii_case(geo))
    }

    pub fn source_url(&self, key: &str) -> Option<&str> {
        self.sources
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.url.as_str())
    }

    /// Catalog-wide id of a row: `provider.row_id`.
    pub fn ref_id(&self, row: &Row) -> String {
        format!("{}.{}", self.provider, row.id)
    }
}

/// Prices read for a region vs borrowed from the reference region.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PriceCoverage {
    pub exact: usize,
    pub reference: usize,
}

/// A TOML error with the line and the `[[row]]` it happened in, so "unknown
/// price unit `foo`" or "unknown field `prise`" points at the row to fix.
fn locate(text: &str, e: &toml::de::Error) -> String {
    let Some(span) = e.span() else {
        return e.message().to_string();
    };
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    // The row the error is in: the last `[[row]]` header before it, and the
    // `id` written after that header.
    let header = before
        .rfind("[[")
        .filter(|&i| before[i..].starts_with("[[row]]"));
    let row = header.and_then(|start| {
        let rest = &text[start..];
        let end = rest[7..].find("[[").map(|i| i + 7).unwrap_or(rest.len());
        rest[..end].lines().find_map(|l| {
            let l = l.trim();
            let v = l.strip_prefix("id")?.trim_start().strip_prefix('=')?.trim();
            Some(v.trim_matches(|c| c == '"' || c == '\'').to_string())
        })
    });
    match row {
        Some(id) => format!("line {line}, row `{id}`: {}", e.message()),
        None => format!("line {line}: {}", e.message()),
    }
}

impl Row {
    /// Price of a unit, if the row has one.
    pub fn price(&self, unit: PriceUnit) -> Option<&Price> {
        self.prices.iter().find(|p| p.unit == unit)
    }

    /// Whether the row implements a technology (case-insensitive).
    pub fn implements(&self, tech: &str) -> bool {
        self.technologies
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tech))
    }

    /// Whether every figure in the row is verified and none borrowed.
    pub fn fully_verified(&self) -> bool {
        self.verified
            && self.sla.as_ref().is_none_or(|s| s.verified)
            && self.prices.iter().all(|p| p.verified)
    }

    /// Whether any figure is borrowed from a nearest row.
    pub fn any_assumed(&self) -> bool {
        self.assumed
            || self.sla.as_ref().is_some_and(|s| s.assumed)
            || self.prices.iter().any(|p| p.assumed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::{Billing, StorageClass};

    #[test]
    fn builtin_catalogs_parse_and_cover_every_role() {
        let roles = [
            "dns",
            "cdn",
            "waf",
            "ddos",
            "load_balancer",
            "managed_containers",
            "kubernetes",
            "functions",
            "vm",
            "relational_db",
            "cache",
            "queue",
            "object_storage",
            "secrets",
            "kms",
            "logs",
            "metrics",
            "tracing",
            "ci_cd",
            "iac",
            "egress",
        ];
        for p in Provider::ALL {
            let c = Catalog::builtin(p).unwrap();
            assert_eq!(c.provider, p);
            for role in roles {
                assert!(c.first(role).is_some(), "{p}: no row for {role}");
            }
            for row in &c.rows {
                if let Some(sla) = &row.sla {
                    assert!(
                        c.source_url(&sla.source).is_some() || sla.source == "K",
                        "{}",
                        row.id
                    );
                }
                for price in &row.prices {
                    assert!(
                        c.source_url(&price.source).is_some() || price.source == "K",
                        "{}",
                        row.id
                    );
                }
                // A row that borrows a figure must say so in words.
                if row.any_assumed() || !row.fully_verified() {
                    assert!(
                        !row.note.is_empty(),
                        "{}: flagged row without a note",
                        row.id
                    );
                }
            }
            assert!(c.region(&c.default_region).is_some());
        }
    }

    #[test]
    fn override_replaces_and_adds_rows() {
        let c = Catalog::builtin(Provider::Aws).unwrap();
        let merged = c
            .clone()
            .merge_str(
                r#"
[[row]]
id = "route53"
role = "dns"
service = "Amazon Route 53"
config = "custom"
prices = [{ item = "zone", usd = 0.75, unit = "zone_month", source = "MINE", as_of = "2026-01-01" }]
[[row]]
id = "extra"
role = "dns"
service = "Other DNS"
config = "x"
"#,
            )
            .unwrap();
        assert_eq!(merged.row("route53").unwrap().prices[0].usd, 0.75);
        assert!(merged.row("extra").is_some());
        assert_eq!(merged.rows.len(), c.rows.len() + 1);
    }

    #[test]
    fn override_errors_are_clear() {
        let c = Catalog::builtin(Provider::Gcp).unwrap();
        let e = c.clone().merge_str("provider = \"aws\"").unwrap_err();
        assert!(e.contains("provider"), "{e}");
        let e = c
            .merge_str("[[row]]\nid='x'\nrole='dns'\nservice='s'\nconfig='c'\nsla={pct=120.0,source='s',as_of='d'}")
            .unwrap_err();
        assert!(e.contains("not a percentage"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let e = Catalog::builtin(Provider::Aws)
            .unwrap()
            .with_override(&missing)
            .unwrap_err();
        assert!(e.to_string().contains("nope.toml"));
    }

    #[test]
    fn unknown_units_keys_and_tables_are_load_errors_naming_them() {
        let base = "provider = \"aws\"\nname = \"n\"\ndefault_region = \"r1\"\nhours_per_month = 730\n[[region]]\nname = \"r1\"\ngeo = \"US\"\ncountry = \"US\"\ncountry_name = \"United States\"\ncity = \"c\"\ncontinent = \"North America\"\npair = \"r1\"\n";
        let row = |price: &str| {
            format!(
                "{base}[[row]]\nid = \"dns\"\nrole = \"dns\"\nservice = \"s\"\nconfig = \"c\"\n[[row]]\nid = \"bad_row\"\nrole = \"dns\"\nservice = \"s\"\nconfig = \"c\"\nprices = [{price}]\n"
            )
        };
        let ok = row(
            "{ item = \"z\", usd = 0.5, unit = \"zone_month\", source = \"S\", as_of = \"d\" }",
        );
        assert!(Catalog::parse(&ok, "data/catalog/x.toml").is_ok());
        let cases: &[(String, &[&str])] = &[
            (
                row(
                    "{ item = \"z\", usd = 0.5, unit = \"per_zone\", source = \"S\", as_of = \"d\" }",
                ),
                &[
                    "data/catalog/x.toml",
                    "row `bad_row`",
                    "unknown price unit `per_zone`",
                ],
            ),
            (
                row(
                    "{ item = \"z\", usd = 0.5, unit = \"zone_month\", source = \"S\", as_of = \"d\", discount = 0.1 }",
                ),
                &["row `bad_row`", "unknown field `discount`"],
            ),
            (
                format!("{base}[[rows]]\nid = \"x\"\n"),
                &["unknown field `rows`"],
            ),
            (
                format!("{base}currency = \"EUR\"\n"),
                &["unknown field `currency`"],
            ),
            (
                row(
                    "{ item = \"z\", usd = 0.5, unit = \"gb\", source = \"S\", as_of = \"d\", regional = [{ region = \"mars-1\", usd = 1.0, source = \"S\", as_of = \"d\" }] }",
                ),
                &["row `bad_row`", "unknown region `mars-1`"],
            ),
            (
                row(
                    "{ item = \"z\", usd = 0.5, unit = \"gb\", source = \"S\", as_of = \"d\", tiers = [{ up_to = 10.0, usd = 0.5 }] }",
                ),
                &["row `bad_row`", "unbounded"],
            ),
        ];
        for (text, wants) in cases {
            let e = Catalog::parse(text, "data/catalog/x.toml").unwrap_err();
            for w in *wants {
                assert!(e.contains(w), "{e} lacks {w}");
            }
        }
        // A `--catalog` override is held to the same rules.
        let c = Catalog::builtin(Provider::Aws).unwrap();
        let e = c
            .clone()
            .merge_str("[[row]]\nid = \"route53\"\nrole = \"dns\"\nservice = \"s\"\nconfig = \"c\"\nprices = [{ item = \"z\", usd = 0.5, unit = \"zones\", source = \"S\", as_of = \"d\" }]\n")
            .unwrap_err();
        assert!(
            e.contains("row `route53`") && e.contains("unknown price unit `zones`"),
            "{e}"
        );
        let e = c.merge_str("providr = \"aws\"\n").unwrap_err();
        assert!(e.contains("unknown field `providr`"), "{e}");
    }

    #[test]
    fn read_replicas_are_single_instances() {
        for p in Provider::ALL {
            let c = Catalog::builtin(p).unwrap();
            for row in c.rows_for("relational_db") {
                if row.zones > 1 {
                    let rep = c
                        .read_replica_for(row)
                        .unwrap_or_else(|| panic!("{p}: no read replica row for {}", row.id));
                    assert_eq!(rep.zones, 1, "{}", rep.id);
                    // The configuration's hourly price: per instance × the
                    // instances it runs (writer + reader) for node-hour rows.
                    let hourly = |r: &Row| {
                        r.price(PriceUnit::Hour).map(|x| x.usd).unwrap_or_else(|| {
                            r.price(PriceUnit::NodeHour)
                                .map_or(0.0, |x| x.usd * f64::from(r.nodes.unwrap_or(1)))
                        })
                    };
                    assert!(
                        hourly(rep) < hourly(row),
                        "{}: replica not cheaper than {}",
                        rep.id,
                        row.id
                    );
                }
            }
        }
    }

    #[test]
    fn new_roles_have_rows_for_every_provider() {
        let roles = [
            "api_gateway",
            "nosql",
            "stream",
            "orchestrator",
            "scheduler",
            "batch_compute",
            "warehouse",
            "gpu_instance",
            "in_memory_store",
            "identity_proxy",
            "private_access",
            "vpn",
        ];
        for p in Provider::ALL {
            let c = Catalog::builtin(p).unwrap();
            for role in roles {
                assert!(c.first(role).is_some(), "{p}: no row for {role}");
            }
            for row in c.rows_for("gpu_instance") {
                assert!(
                    row.gpu_model.is_some() && row.gpu_memory_gb.is_some(),
                    "{}",
                    row.id
                );
            }
            for class in [
                StorageClass::Standard,
                StorageClass::Infrequent,
                StorageClass::Archive,
            ] {
                assert!(
                    c.rows_for("object_storage")
                        .any(|r| r.storage_class == Some(class)),
                    "{p}: no {class:?} object storage"
                );
            }
        }
    }

    #[test]
    fn fixed_catalog_errors_stay_fixed() {
        let gcp = Catalog::builtin(Provider::Gcp).unwrap();
        let run = gcp.row("cloud_run").unwrap();
        assert_eq!(run.billing, Some(Billing::Instance));
        assert!(
            run.price(PriceUnit::MillionRequests).is_none(),
            "always-on Cloud Run has no request fee"
        );
        assert_eq!(run.price(PriceUnit::VcpuSecond).unwrap().usd, 0.000018);
        let f = gcp.row("cloud_run_functions").unwrap();
        assert!(
            f.price(PriceUnit::VcpuSecond).is_some(),
            "functions CPU priced"
        );
        let dns = &gcp.row("cloud_dns").unwrap().prices[0];
        assert_eq!(dns.usd, 0.20);
        assert!((dns.monthly(30.0) - (25.0 * 0.20 + 5.0 * 0.10)).abs() < 1e-9);
        assert_eq!(
            gcp.row("cloud_lb")
                .unwrap()
                .price(PriceUnit::Hour)
                .unwrap()
                .usd,
            0.025
        );
        let az = Catalog::builtin(Provider::Azure).unwrap();
        let fd = az.row("front_door").unwrap();
        assert!(fd.service.contains("Standard"));
        assert_eq!(fd.price(PriceUnit::Month).unwrap().usd, 35.0);
        for vm in az.rows_for("vm") {
            assert!(
                vm.prices.iter().any(|p| p.item.contains("OS disk")),
                "{}",
                vm.id
            );
        }
        assert!(az.row("egress").unwrap().prices[0].source != "INFRACOST");
    }

    #[test]
    fn price_coverage_counts_prices_read_for_a_region() {
        let aws = Catalog::builtin(Provider::Aws).unwrap();
        let home = aws.price_coverage(&aws.default_region);
        let frankfurt = aws.price_coverage("eu-central-1");
        assert_eq!(
            home.exact + home.reference,
            frankfurt.exact + frankfurt.reference
        );
        // Most AWS prices were read for us-east-1; in Frankfurt only the
        // same-everywhere ones and the Lambda GB-s rate are exact.
        assert!(home.exact > frankfurt.exact, "{home:?} vs {frankfurt:?}");
        assert!(
            frankfurt.exact > 0 && frankfurt.reference > 0,
            "{frankfurt:?}"
        );
        let gcp = Catalog::builtin(Provider::Gcp).unwrap();
        assert!(
            gcp.price_coverage("europe-west3").exact > gcp.price_coverage("europe-west2").exact
        );
    }

    #[test]
    fn provider_names() {
        assert_eq!(Provider::parse("AWS"), Some(Provider::Aws));
        assert_eq!(Provider::parse("Google Cloud"), Some(Provider::Gcp));
        assert_eq!(Provider::parse("azure"), Some(Provider::Azure));
        assert_eq!(Provider::parse("hetzner"), None);
    }
}
