//! The design model: what `design` produces and `render` consumes.
//!
//! Its JSON form is `infrarch.design/v1` (documented in `docs/design-model.md`).
//! Every number carries its provenance so a reader can check it:
//!
//! - `R…` ids point at [`Design::requirements`] (each with its `file:line`),
//! - `A…` ids point at [`Design::assumptions`] (value used and why),
//! - catalog ids (`aws.rds_postgres.multi_az`) point at [`Design::catalog`] rows
//!   (with `source` and `as_of`).
//!
//! Decisions carry `why` (such ids) and the alternatives that were rejected.
//! The model only grows additively: renderers and tools read it by field name.

use serde::{Deserialize, Serialize};

pub use super::plan::{AlertSeverity, LinkKind, Provenance, Role, Scope};
use crate::catalog::Provider;
use crate::requirements::{Kind, Source, SourceDoc, Value};

/// Schema tag of [`Design`] in JSON.
pub const DESIGN_SCHEMA: &str = "infrarch.design/v1";

/// The whole infrastructure design of one feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Design {
    /// Always [`DESIGN_SCHEMA`].
    pub schema: String,
    pub feature: String,
    pub provider: Provider,
    /// Human name of the provider ("Amazon Web Services").
    pub provider_name: String,
    pub region: RegionPlan,
    /// Project knowledge used (the agent template's `{{…}}` fields).
    pub project: ProjectKnowledge,
    /// Planning documents the requirements came from (the PRD link of the header).
    pub sources: Vec<SourceDoc>,
    /// Executive-summary sentences, each naming a concrete decision and number.
    pub summary: Vec<String>,
    /// Requirements the design used, with their sources.
    pub requirements: Vec<RequirementUse>,
    /// Values the design had to assume (missing requirements, sizing inputs).
    pub assumptions: Vec<Assumption>,
    /// Technical, budget, regulatory and timeline constraints (template 2.3).
    pub constraints: Vec<Constraint>,
    /// Catalog rows the design cites (SLAs and prices with their sources).
    pub catalog: CatalogInfo,
    pub platform: PlatformDecision,
    /// The workload blueprints the feature is composed of.
    #[serde(default)]
    pub workloads: Vec<Workload>,
    pub topology: Topology,
    /// Infrastructure components, in request-path order then supporting services.
    pub components: Vec<Component>,
    /// Nodes outside the infrastructure that links start from (`internet`,
    /// `corporate-network`); not components.
    pub external_nodes: Vec<ExternalNode>,
    /// Edges between components; diagrams are drawn from these.
    pub links: Vec<Link>,
    pub availability: Availability,
    pub capacity: Capacity,
    /// Load balancers (template 5.3).
    pub load_balancing: Vec<LoadBalancer>,
    /// Cache layers (template 5.4); empty when no cache is warranted.
    pub caching: Vec<CacheLayer>,
    pub dr: DisasterRecovery,
    pub data: DataTier,
    pub security: Security,
    pub observability: Observability,
    pub cost: Cost,
    pub deployment: Deployment,
    pub operations: Operations,
    /// Compliance frameworks and their controls (template 13.1); empty when none
    /// is stated, because compliance-only controls are not added without one.
    pub compliance: Vec<ComplianceFramework>,
    /// Infrastructure governance policies (template 13.2).
    pub governance: Vec<GovernancePolicy>,
    pub risks: Vec<Risk>,
    pub open_questions: Vec<OpenQuestion>,
    pub adrs: Vec<Adr>,
    /// What the engine did with each review request (drop, add, one region,
    /// cost levers) and why; absent when the design had none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_notes: Vec<super::review::ReviewNote>,
}

/// A number with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: f64,
    /// Unit as written in the document: `percent`, `ms`, `s`, `rps`, `USD/month`, `GB`…
    pub unit: String,
    /// Requirement, assumption or catalog ids the value comes from.
    pub basis: Vec<Provenance>,
    /// The arithmetic when the value is computed (`"200 rps × 0.25 s = 50"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
}

/// A decision: what was chosen, why, and what was rejected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The choice, stated concretely ("Amazon ECS on Fargate").
    pub choice: String,
    /// One or two sentences: why this choice meets the requirements.
    pub rationale: String,
    /// Requirement (`R…`) and assumption (`A…`) ids the decision serves.
    pub why: Vec<Provenance>,
    pub alternatives: Vec<Alternative>,
}

/// An option that was considered and rejected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub option: String,
    pub why_not: String,
}

/// Primary region, optional recovery region, and the residency that pins them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionPlan {
    pub primary: String,
    /// Only when the topology or DR tier needs a second region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary: Option<String>,
    /// Residency requirement the regions satisfy (`EU`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residency: Option<String>,
    pub why: Vec<Provenance>,
}

/// The project's own knowledge (from `infrarch.toml`), as used; absent fields
/// are `None` and the renderer says "not stated".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectKnowledge {
    pub cloud_provider: Option<String>,
    pub deployment_platform: Option<String>,
    pub tech_stack: Vec<String>,
    pub architecture_pattern: Option<String>,
    pub source_dirs: Vec<String>,
    pub region: Option<String>,
    pub iac_tool: Option<String>,
    pub notes: Vec<String>,
    /// Whether the existing system already runs somewhere (not greenfield).
    pub existing_system: Option<String>,
    /// Path of the project file read, if any.
    pub file: Option<String>,
}

/// One requirement as the design used it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementUse {
    /// `R…` id from the requirement set.
    pub id: String,
    pub kind: Kind,
    pub value: Value,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<u8>,
    /// Ready-to-print value: `99.9%`, `p95 < 200 ms`, `RTO 1 h`, `$2,000/month`.
    pub display: String,
    /// Scope the document attached ("business hours").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Whether this is the value the design used for its kind.
    pub primary: bool,
    /// Part of a conflict (the design used the stricter value).
    pub conflicting: bool,
    pub source: Source,
}

/// A value the design assumed because no requirement states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    /// `A1`, `A2`, …
    pub id: String,
    /// The requirement kind it stands in for, when it replaces a missing one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// What is assumed ("per-instance concurrency", "monthly egress").
    pub subject: String,
    /// Ready-to-print value used ("20 in-flight requests").
    pub value: String,
    /// The numeric value, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub why: String,
    /// True when the value came from `DesignOptions` rather than the built-in default.
    pub overridden: bool,
}

/// Category of a constraint (template 2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintKind {
    Technical,
    Budget,
    Regulatory,
    Timeline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Constraint {
    pub kind: ConstraintKind,
    pub text: String,
    pub why: Vec<Provenance>,
}

/// The catalog the design priced and SLA'd against, and the rows it cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogInfo {
    pub provider: Provider,
    /// User catalog file that overrode built-in rows, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_file: Option<String>,
    pub rows: Vec<CatalogRef>,
}

/// A catalog row as cited by the design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogRef {
    /// `provider.role_or_service.config`, e.g. `aws.rds_postgres.multi_az`.
    pub id: String,
    pub role: String,
    pub service: String,
    pub config: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_as_of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    /// `hour`, `month`, `gb_month`, `gb`, `million_requests`, `vcpu_hour`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_as_of: Option<String>,
    /// False when the facts behind the row were not verified against the primary text.
    pub verified: bool,
    /// True when the row stands in for a figure the facts lack (nearest listed row).
    pub assumed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How the application's services run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformKind {
    ManagedContainers,
    Kubernetes,
    Functions,
    VirtualMachines,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformDecision {
    pub kind: PlatformKind,
    /// Provider service ("Amazon ECS on AWS Fargate").
    pub service: String,
    pub decision: Decision,
}

/// Zones and regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topology {
    pub regions: Vec<String>,
    pub multi_region: bool,
    /// Availability zones used in each region (1 = single zone).
    pub zones_per_region: u32,
    pub multi_az: bool,
    pub failover: FailoverMode,
    /// Failover in words, with the RTO it meets ("automatic DB failover in 60–120 s").
    pub failover_text: String,
    /// How redundancy is achieved, one sentence per layer (template 6.3).
    pub redundancy: Vec<String>,
    pub decision: Decision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailoverMode {
    Automatic,
    Manual,
    None,
}

/// One workload blueprint the feature is composed of, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    /// Blueprint name (`web_api`, `files`, `async`, `batch`, `streaming`,
    /// `gpu_inference`, `serverless`, `in_memory`, `static_site`, `internal`).
    pub blueprint: String,
    pub title: String,
    pub summary: String,
    /// Requirement (R…) or assumption (A…) ids, or the `file:line` of a
    /// technology choice, behind it.
    pub why: Vec<Provenance>,
    /// Where each signal was read (`file:line (what)`).
    pub evidence: Vec<String>,
    /// Ids of the components that serve it.
    pub components: Vec<String>,
    /// Sizing in the workload's own units.
    pub sizing: Vec<WorkloadSizing>,
}

/// One figure of a workload's sizing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadSizing {
    /// Role of the component sized.
    pub role: Role,
    /// `workers`, `partitions`, `gpus`, `GB`, `MB_per_s`, `vcpu`, `events_per_s`…
    pub unit: String,
    pub value: f64,
    /// The arithmetic, with its inputs.
    pub formula: String,
    pub basis: Vec<Provenance>,
    /// `baseline` for the figure at the quiet hours; absent for the peak.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// For a stored volume: the years after launch the figure is for;
    /// absent when the volume does not grow with time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon_years: Option<f64>,
}

/// Where a component runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// `global` (edge/DNS), `regional` (spread over zones) or `zonal`.
    pub scope: Scope,
    pub regions: Vec<String>,
    /// Zones per region it spans (0 for global services).
    pub zones: u32,
}

/// A component's SLA as cited from the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentSla {
    pub pct: f64,
    /// Deployment shape the SLA requires ("Multi-AZ DB instance").
    pub config: String,
    pub catalog_id: String,
    pub source: String,
    pub as_of: String,
    pub verified: bool,
}

/// One infrastructure component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Short stable id (`cdn`, `lb`, `app`, `db`, `cache`, `queue`…), used by links.
    pub id: String,
    /// Display name ("Application Load Balancer").
    pub name: String,
    /// Catalog role (`cdn`, `waf`, `dns`, `load_balancer`, `managed_containers`,
    /// `kubernetes`, `functions`, `vm`, `relational_db`, `cache`, `queue`,
    /// `object_storage`, `secrets`, `kms`, `logs`, `metrics`, `tracing`, `ci_cd`, `iac`).
    pub role: Role,
    /// Provider service ("Amazon RDS for PostgreSQL").
    pub service: String,
    /// Application technology it implements, when the planning docs chose one
    /// (`postgresql`, `redis`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<String>,
    pub purpose: String,
    /// Concrete configuration ("Multi-AZ, db.t3.large, 100 GB gp2, PITR 7 d").
    pub configuration: String,
    /// Instances, nodes or tasks at steady state (1 for managed singletons).
    pub count: u32,
    pub placement: Placement,
    /// Whether it is a hard dependency of the request path (enters the availability product).
    pub critical_path: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla: Option<ComponentSla>,
    /// Monthly cost of this component in USD (sum of its [`CostLine`]s).
    pub monthly_cost: f64,
    pub why: Vec<Provenance>,
    pub alternatives: Vec<Alternative>,
}

/// A directed edge for the diagrams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub from: String,
    pub to: String,
    /// `HTTPS`, `HTTP`, `TCP 5432`, `TLS 6379`, `AMQP`, `async`…
    pub protocol: String,
    /// Short edge label ("reads/writes", "cache lookups", "logs").
    pub label: String,
    /// `request` (user traffic), `data` (app to stores), `replication`,
    /// `telemetry`, `control` (deploys, secrets): lets a diagram filter edges.
    pub kind: LinkKind,
}

/// A node outside the design that links refer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExternalNode {
    pub id: String,
    pub name: String,
}

/// Composite availability and how it was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Availability {
    pub target: Figure,
    /// One term per request-path component.
    pub terms: Vec<AvailabilityTerm>,
    /// The arithmetic, one line per step, ready to print.
    pub steps: Vec<String>,
    /// Composite availability in percent.
    pub composite_pct: f64,
    pub meets_target: bool,
    /// Target − composite, in percentage points, when short.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortfall_pct: Option<f64>,
    /// Downtime the target allows per 730-hour month, minutes.
    pub allowed_downtime_min_per_month: f64,
    /// Downtime the composite implies per 730-hour month, minutes.
    pub composite_downtime_min_per_month: f64,
    /// Stated risk when the design cannot reach the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<String>,
    /// Hard dependencies on the request path with no published SLA in the
    /// catalog (service and why): left out of the product, so the floor says
    /// nothing about them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unpublished: Vec<String>,
}

/// One component's contribution to the composite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityTerm {
    pub component: String,
    pub name: String,
    /// SLA of one copy, percent.
    pub sla_pct: f64,
    pub catalog_id: String,
    /// Independent copies in parallel (1 = none; 2 = two regions).
    pub copies: u32,
    /// Availability after redundancy, percent: 1 − (1 − a)^copies.
    pub effective_pct: f64,
    /// `"1 − (1 − 0.9995)^2 = 0.99999975"` or `"0.9995"`.
    pub formula: String,
}

/// Capacity from Little's law, static stability and scaling rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Capacity {
    /// λ: peak arrival rate, requests per second.
    pub peak_rps: Figure,
    /// W: time in system per request, seconds (the latency target's tail).
    pub time_in_system_s: Figure,
    /// L = λ × W: requests in flight at peak.
    pub in_flight: Figure,
    /// Requests one instance serves concurrently (an overridable assumption).
    pub per_instance_concurrency: Figure,
    /// Instance size the concurrency assumption refers to ("1 vCPU / 2 GB task").
    pub instance_size: String,
    /// Target utilisation the autoscaler holds (headroom for bursts).
    pub target_utilisation_pct: Figure,
    /// ceil(L / (concurrency × utilisation)): instances to carry peak.
    pub instances_for_peak: Figure,
    pub static_stability: StaticStability,
    pub min_instances: u32,
    pub max_instances: u32,
    /// Arithmetic, one line per step.
    pub steps: Vec<String>,
    pub scaling_rules: Vec<ScalingRule>,
    /// When and how to scale vertically (template 5.2).
    pub vertical: String,
}

/// N−1: with one zone lost, the remaining zones still carry peak.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaticStability {
    pub zones: u32,
    /// Instances per zone so that zones − 1 carry peak.
    pub per_zone: u32,
    /// Total instances provisioned for static stability.
    pub total: u32,
    pub formula: String,
    pub applies: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScalingRule {
    /// Component id it scales.
    pub component: String,
    /// `cpu_utilisation`, `request_count_per_target`, `queue_depth`, `memory_utilisation`…
    pub metric: String,
    /// Threshold in words with its unit ("> 60 % for 3 min").
    pub threshold: String,
    /// Numeric threshold value, in the metric's unit.
    pub threshold_value: f64,
    pub action: String,
    pub cooldown_s: u32,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancer {
    pub component: String,
    pub name: String,
    /// "Layer 7 (HTTPS)", "Layer 4 (TCP)".
    pub lb_type: String,
    pub algorithm: String,
    pub health_check: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CacheLayer {
    /// Component id, or `cdn` for the edge.
    pub component: String,
    pub layer: String,
    pub purpose: String,
    pub technology: String,
    pub ttl: String,
    pub why: Vec<Provenance>,
}

/// DR strategy tiers, cheapest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrTier {
    BackupRestore,
    PilotLight,
    WarmStandby,
    ActiveActive,
}

impl DrTier {
    /// Label as the AWS/Azure guidance names it.
    pub fn label(self) -> &'static str {
        match self {
            DrTier::BackupRestore => "Backup & restore",
            DrTier::PilotLight => "Pilot light",
            DrTier::WarmStandby => "Warm standby",
            DrTier::ActiveActive => "Multi-site active-active",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisasterRecovery {
    pub tier: DrTier,
    pub rto: Figure,
    pub rpo: Figure,
    /// The selection rule applied, with the tier bounds from data.
    pub selection: Vec<String>,
    pub decision: Decision,
    pub backup: BackupPlan,
    pub failover_steps: Vec<String>,
    /// How often restore and failover are rehearsed.
    pub test_frequency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupPlan {
    /// "continuous (PITR) + daily snapshot".
    pub frequency: String,
    /// Seconds between recovery points the plan guarantees (≤ RPO).
    pub interval_s: u64,
    pub retention_days: u32,
    pub pitr: bool,
    pub pitr_window_days: u32,
    pub cross_region_copy: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_region: Option<String>,
    pub why: Vec<Provenance>,
}

/// Data stores and their HA decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataTier {
    pub stores: Vec<DataStore>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataStore {
    pub component: String,
    /// `relational_db`, `cache`, `queue`, `object_storage`, …
    pub role: String,
    /// Chosen technology it implements (`postgresql`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<String>,
    pub service: String,
    /// "Multi-AZ synchronous standby", "single instance", "zone-redundant HA".
    pub ha_mode: String,
    pub read_replicas: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_gb: Option<Figure>,
    pub decision: Decision,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Security {
    pub network: NetworkLayout,
    pub firewall_rules: Vec<FirewallRule>,
    /// `None` when there is no public endpoint to protect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waf: Option<EdgeProtection>,
    pub ddos: EdgeProtection,
    pub iam_roles: Vec<IamRole>,
    pub secrets: SecretsPlan,
    pub encryption: Encryption,
    /// How operators reach private resources (template 7.2 "VPN/Private Networks").
    pub private_access: String,
    /// Security monitoring and alerting (template 7.3).
    pub monitoring: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkLayout {
    /// "VPC 10.0.0.0/16 in us-east-1 across 2 AZs".
    pub summary: String,
    pub cidr: String,
    pub subnets: Vec<Subnet>,
    pub egress: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    pub name: String,
    /// `public`, `private`, `data`.
    pub tier: String,
    pub cidrs: Vec<String>,
    pub contains: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirewallRule {
    pub name: String,
    pub source: String,
    pub destination: String,
    /// "TCP 443".
    pub port: String,
    /// `allow` or `deny`.
    pub action: String,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeProtection {
    pub service: String,
    pub configuration: String,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IamRole {
    pub name: String,
    /// Who assumes it ("app tasks", "CI pipeline", "on-call engineers").
    pub principal: String,
    pub permissions: Vec<String>,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretsPlan {
    pub service: String,
    pub secrets: Vec<String>,
    pub rotation_days: u32,
    pub access: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encryption {
    pub in_transit: String,
    pub at_rest: String,
    pub key_management: String,
    pub why: Vec<Provenance>,
}

/// A compliance framework and the controls the infrastructure implements for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplianceFramework {
    /// `PCI-DSS`, `HIPAA`, `GDPR`, `SOC2`, …
    pub name: String,
    /// Requirement ids that state it.
    pub requirements: Vec<Provenance>,
    pub controls: Vec<Control>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Control {
    /// The framework's reference ("10.5.1", "164.312(b)", "Art. 17", "CC6.1").
    pub reference: String,
    pub requirement: String,
    /// The numeric parameter, when the control has one ("12 months retained, 3 months hot").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// How this design implements it.
    pub implementation: String,
    pub source: String,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observability {
    pub slos: Vec<Slo>,
    pub burn_rate_alerts: Vec<BurnRateAlert>,
    pub metrics: Vec<MetricSpec>,
    /// Every alert (burn-rate and component alerts), template 8.4.
    pub alerts: Vec<AlertSpec>,
    pub logging: Logging,
    pub tracing: Tracing,
    pub dashboards: Vec<Dashboard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slo {
    pub name: String,
    /// What is measured ("share of non-5xx responses at the load balancer").
    pub sli: String,
    pub objective: Figure,
    pub period_days: u32,
    /// 1 − SLO, percent.
    pub error_budget_pct: f64,
    /// Minutes of full outage the budget allows per 730-hour month; 0 for a
    /// request-share SLO (latency), whose budget is a share of requests.
    pub error_budget_min: f64,
}

/// Alert when both windows' error rate exceeds burn × (1 − SLO).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BurnRateAlert {
    pub slo: String,
    pub severity: AlertSeverity,
    pub long_window: String,
    pub short_window: String,
    pub burn_rate: f64,
    /// Share of the period's budget consumed when it fires, percent.
    pub budget_consumed_pct: f64,
    /// burn × (1 − SLO), percent.
    pub error_rate_threshold_pct: f64,
    pub formula: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSpec {
    pub name: String,
    pub description: String,
    pub threshold: String,
    pub tool: String,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertSpec {
    pub name: String,
    pub condition: String,
    pub severity: AlertSeverity,
    pub notification: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logging {
    pub aggregation: String,
    /// (level, what is logged at it).
    pub levels: Vec<LogLevel>,
    pub format: String,
    /// Total retention, days.
    pub retention_days: u32,
    /// Immediately searchable part, days.
    pub hot_days: u32,
    pub retention_text: String,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogLevel {
    pub level: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tracing {
    pub tool: String,
    pub sampling_pct: f64,
    pub sampling_text: String,
    pub retention_days: u32,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub name: String,
    pub purpose: String,
    pub panels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub currency: String,
    /// Hours per month used for hourly prices (730).
    pub hours_per_month: f64,
    pub lines: Vec<CostLine>,
    /// Assumption ids for usage-based quantities (storage, egress, requests).
    pub usage_assumptions: Vec<String>,
    pub total_monthly: f64,
    /// Components the catalog has no price for; the total excludes them.
    pub unpriced: Vec<Unpriced>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Figure>,
    pub over_budget: bool,
    /// Total − budget (negative = headroom), when a budget is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_delta: Option<f64>,
    /// Concrete savings, largest first; filled when over budget (and always
    /// with the cheap, low-risk ones).
    pub savings: Vec<Saving>,
    /// Cost-optimisation strategies (template 9.2), specific to this design.
    pub strategies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostLine {
    pub component: String,
    /// What is billed ("db.t3.large Multi-AZ instance-hours").
    pub item: String,
    pub price: f64,
    pub unit: String,
    pub quantity: f64,
    /// "2 tasks × 730 h", "50 GB (A7)".
    pub quantity_text: String,
    pub monthly: f64,
    pub catalog_id: String,
    pub source: String,
    pub as_of: String,
    pub verified: bool,
    /// Assumption ids behind the quantity.
    pub basis: Vec<Provenance>,
    /// The region whose price was used when none was read for the region the
    /// component runs in (the line says so rather than pass it off as local).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priced_at: Option<String>,
}

/// A component left out of the total because no sourced price exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unpriced {
    pub component: String,
    pub service: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saving {
    pub component: String,
    pub action: String,
    pub monthly_saving: f64,
    pub trade_off: String,
}

/// Deployment strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeployStrategy {
    Rolling,
    BlueGreen,
    Canary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    pub strategy: DeployStrategy,
    pub decision: Decision,
    pub steps: Vec<String>,
    pub environments: Vec<Environment>,
    pub containerization: Containerization,
    pub iac: Decision,
    /// CI/CD service and pipeline stages.
    pub ci_cd: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    /// `Development`, `Staging`, `Production`.
    pub name: String,
    pub purpose: String,
    pub configuration: String,
    pub access: String,
    /// Monthly cost estimate of the environment, USD.
    pub monthly_cost: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Containerization {
    pub runtime: String,
    pub registry: String,
    pub image_policy: Vec<String>,
    pub orchestration: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operations {
    pub migration: Migration,
    pub rollout: Vec<RolloutPhase>,
    pub rollback: Rollback,
    pub checklist: Vec<String>,
    pub runbooks: Vec<Runbook>,
    pub incident_response: IncidentResponse,
    pub maintenance: Maintenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Migration {
    pub greenfield: bool,
    pub strategy: String,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RolloutPhase {
    pub name: String,
    pub scope: String,
    pub exit_criteria: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rollback {
    pub trigger: String,
    pub steps: Vec<String>,
    pub data: String,
    pub time_to_rollback: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Runbook {
    pub operation: String,
    pub procedure: String,
    pub frequency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentResponse {
    pub severities: Vec<Severity>,
    pub steps: Vec<String>,
    /// Regulatory notification duty (GDPR Art. 33: 72 h), when applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_duty: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Severity {
    pub level: String,
    pub definition: String,
    pub response: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Maintenance {
    pub window: String,
    pub procedure: String,
    /// Whether maintenance needs downtime at this availability target.
    pub zero_downtime: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GovernancePolicy {
    pub policy: String,
    pub detail: String,
    pub why: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    /// `K1`, `K2`, …
    pub id: String,
    pub risk: String,
    pub impact: String,
    pub mitigation: String,
    pub why: Vec<Provenance>,
}

/// Why an open question is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionReason {
    /// Documents disagree; the stricter value was used.
    Conflict,
    /// No document states it; an assumption was used.
    Missing,
    /// A sizing or usage assumption to confirm.
    Assumption,
    /// A trade-off the design cannot settle alone.
    Tradeoff,
    /// Review feedback infrarch could not turn into a change, kept in the
    /// reviewer's own words.
    Feedback,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenQuestion {
    /// `Q1`, `Q2`, …
    pub id: String,
    pub question: String,
    pub reason: QuestionReason,
    /// Requirement and assumption ids involved.
    pub refs: Vec<Provenance>,
}

/// An architecture decision record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adr {
    /// `ADR-1`, `ADR-2`, …
    pub id: String,
    pub title: String,
    /// Always `Proposed` for a generated design.
    pub status: String,
    pub context: String,
    pub decision: String,
    pub consequences: Consequences,
    pub alternatives: Vec<Alternative>,
    /// Requirement and assumption ids the decision serves.
    pub serves: Vec<Provenance>,
    /// What the decision is about (`compute-platform`, `database-ha`, …), stable
    /// across revisions, so a changed decision supersedes the ADR of the same topic.
    #[serde(default)]
    pub topic: String,
    /// `ADR-n` this decision replaces (set by the review gate on revision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consequences {
    pub positive: Vec<String>,
    pub negative: Vec<String>,
    pub risks: Vec<String>,
}
