//! The design as an ordered list of decision passes.
//!
//! Every pass has one signature, `fn(&mut Plan) -> Result<()>`: it reads what
//! earlier passes decided from the [`Plan`] and records its own decision
//! there. [`PASSES`] is the registry; [`super::design`] runs it in order. A new
//! decision is one file here plus one registry line, the way a lint rule is
//! one file in `src/lint/rules/`.
//!
//! The order matters where a pass records an assumption or a question: ids
//! (`A1`, `A2`, …) are handed out in the order passes ask for them.

pub mod availability;
pub mod build;
pub mod capacity;
pub mod cost;
pub mod data;
pub mod delivery;
pub mod dr;
pub mod observability;
pub mod platform;
pub mod questions;
pub mod regions;
pub mod request_path;
pub mod review;
pub mod security;
pub mod services;
pub mod stores;
pub mod topology;
pub mod workloads;

use super::capacity::Base;
use super::context::Ctx;
use super::model::*;
use super::topology::{Selection, Slots};
use crate::catalog::Row;
use crate::error::{Error, Result};
pub use build::Builder;

/// One decision pass: a name (used in errors and in `docs/design-model.md`)
/// and the function that makes the decision.
pub struct Pass {
    pub name: &'static str,
    /// What the pass decides, in one line.
    pub decides: &'static str,
    pub run: fn(&mut Plan) -> Result<()>,
}

/// The passes, in the order they run.
pub const PASSES: &[Pass] = &[
    Pass {
        name: "regions",
        decides: "primary and recovery regions from residency, project and catalog",
        run: regions::run,
    },
    Pass {
        name: "workloads",
        decides: "which workload blueprints the feature is composed of, with provenance",
        run: workloads::run,
    },
    Pass {
        name: "platform",
        decides: "the runtime platform (containers, Kubernetes, functions, VMs)",
        run: platform::run,
    },
    Pass {
        name: "topology",
        decides: "zones and regions of the request path from catalog SLAs",
        run: topology::run,
    },
    Pass {
        name: "capacity",
        decides: "instances from Little's law, static stability and autoscaling bounds",
        run: capacity::run,
    },
    Pass {
        name: "stores",
        decides: "which supporting stores (cache, CDN, object storage) the feature needs",
        run: stores::run,
    },
    Pass {
        name: "dr",
        decides: "the DR tier, backups and recovery region",
        run: dr::run,
    },
    Pass {
        name: "request_path",
        decides: "DNS, edge, entry point, application tier and outbound access",
        run: request_path::run,
    },
    Pass {
        name: "data",
        decides: "databases, replicas, caches, queues and object storage",
        run: data::run,
    },
    Pass {
        name: "workload_components",
        decides: "the components, links and sizing of each blueprint beyond the request path",
        run: workloads::place,
    },
    Pass {
        name: "services",
        decides: "secrets, keys, telemetry, audit and delivery services",
        run: services::run,
    },
    Pass {
        name: "review",
        decides: "components the reviewer dropped or added, each honoured or explained",
        run: review::run,
    },
    Pass {
        name: "availability",
        decides: "composite availability, the topology decision and load balancing",
        run: availability::run,
    },
    Pass {
        name: "security",
        decides: "network, identity, encryption and compliance controls",
        run: security::run,
    },
    Pass {
        name: "observability",
        decides: "SLOs, alerts, dashboards and telemetry retention",
        run: observability::run,
    },
    Pass {
        name: "cost",
        decides: "monthly cost, budget verdict and savings",
        run: cost::run,
    },
    Pass {
        name: "delivery",
        decides: "deployment, environments, rollout, runbooks and governance",
        run: delivery::run,
    },
    Pass {
        name: "questions",
        decides: "the assembled design, risks, ADRs and open questions",
        run: questions::run,
    },
];

/// The platform decision as the platform pass records it.
#[derive(Debug, Clone)]
pub struct PlatformPick {
    pub kind: PlatformKind,
    pub why: Vec<Provenance>,
    pub text: String,
    /// The documents or project mandate the platform (no alternatives offered).
    pub mandated: bool,
}

/// A technology a store implements and the requirement/assumption ids behind it.
pub type Need = Option<(String, Vec<Provenance>)>;

/// Everything decided so far. Fields are filled by the pass named in their
/// comment; a later pass that finds one empty reports the order error.
pub struct Plan<'a> {
    pub ctx: Ctx<'a>,
    /// regions: residency geography and the requirement ids stating it.
    pub residency: Option<(String, Vec<Provenance>)>,
    /// regions.
    pub primary: String,
    pub region_why: Vec<Provenance>,
    /// regions: the catalog's paired region inside the residency, if any.
    pub pair: Option<String>,
    /// workloads: the blueprints used (components and sizing filled by
    /// workload_components).
    pub workloads: Vec<Workload>,
    /// workloads: whether the feature answers requests of its own; without,
    /// the request path has no DNS, edge or load balancer.
    pub ingress: bool,
    /// platform.
    pub platform: Option<PlatformPick>,
    /// topology.
    pub db_need: Need,
    pub queue_need: Need,
    pub slots: Option<Slots>,
    pub base: Option<Base>,
    pub per_node: f64,
    pub required_tier: Option<DrTier>,
    pub sel: Option<Selection>,
    /// topology: how many regions serve traffic and why (issue 12 reasoning).
    pub region_decision: Option<crate::design::availability::RegionDecision>,
    pub regions: Vec<String>,
    pub secondary: Option<String>,
    /// capacity.
    pub cap: Option<Capacity>,
    /// stores.
    pub cache_need: Need,
    pub cache_row: Option<Row>,
    pub cdn: bool,
    pub storage_need: Need,
    /// dr.
    pub drp: Option<DisasterRecovery>,
    /// request_path, data, services: components, links and cost lines.
    pub b: Builder,
    pub external: (&'static str, &'static str),
    /// request_path: a CDN was placed.
    pub edge: bool,
    /// data.
    pub stores: Vec<DataStore>,
    /// data: the database's vCPUs (the class priced), its arithmetic and
    /// the ids behind it.
    pub db_vcpu: Option<(f64, String, Vec<Provenance>)>,
    pub caching: Vec<CacheLayer>,
    /// availability.
    pub availability: Option<Availability>,
    pub topology: Option<Topology>,
    pub platform_decision: Option<PlatformDecision>,
    pub load_balancing: Vec<LoadBalancer>,
    /// security.
    pub security: Option<Security>,
    pub compliance: Vec<ComplianceFramework>,
    /// observability.
    pub observability: Option<Observability>,
    /// cost.
    pub cost: Option<Cost>,
    /// delivery.
    pub deployment: Option<Deployment>,
    pub operations: Option<Operations>,
    pub governance: Vec<GovernancePolicy>,
    /// topology, dr, review: what the engine did with each review request.
    pub review_notes: Vec<crate::design::review::ReviewNote>,
    /// questions: the finished design.
    pub design: Option<Design>,
}

impl<'a> Plan<'a> {
    pub fn new(ctx: Ctx<'a>) -> Self {
        Plan {
            ctx,
            residency: None,
            primary: String::new(),
            region_why: vec![],
            pair: None,
            workloads: vec![],
            ingress: true,
            platform: None,
            db_need: None,
            queue_need: None,
            slots: None,
            base: None,
            per_node: 1.0,
            required_tier: None,
            sel: None,
            region_decision: None,
            regions: vec![],
            secondary: None,
            cap: None,
            cache_need: None,
            cache_row: None,
            cdn: false,
            storage_need: None,
            drp: None,
            b: Builder::default(),
            external: ("internet", "Internet users"),
            edge: false,
            stores: vec![],
            db_vcpu: None,
            caching: vec![],
            availability: None,
            topology: None,
            platform_decision: None,
            load_balancing: vec![],
            security: None,
            compliance: vec![],
            observability: None,
            cost: None,
            deployment: None,
            operations: None,
            governance: vec![],
            review_notes: vec![],
            design: None,
        }
    }

    /// Runs every pass of [`PASSES`] in order and returns the design.
    pub fn run_all(mut self) -> Result<Design> {
        for pass in PASSES {
            crate::cancel::check("the next design pass")?;
            (pass.run)(&mut self)?;
        }
        self.design
            .ok_or_else(|| order_error("questions", "the assembled design"))
    }

    pub fn platform(&self) -> Result<&PlatformPick> {
        self.platform
            .as_ref()
            .ok_or_else(|| order_error("platform", "the platform"))
    }

    pub fn sel(&self) -> Result<&Selection> {
        self.sel
            .as_ref()
            .ok_or_else(|| order_error("topology", "the request-path selection"))
    }

    pub fn cap(&self) -> Result<&Capacity> {
        self.cap
            .as_ref()
            .ok_or_else(|| order_error("capacity", "the capacity plan"))
    }

    pub fn drp(&self) -> Result<&DisasterRecovery> {
        self.drp
            .as_ref()
            .ok_or_else(|| order_error("dr", "the DR plan"))
    }

    /// Whether the placed request path is multi-region.
    pub fn multi_region(&self) -> bool {
        self.sel.as_ref().is_some_and(|s| s.regions > 1)
    }
}

/// A pass read a decision no earlier pass made: a bug in [`PASSES`]' order,
/// reported as an error rather than a panic.
pub fn order_error(pass: &str, what: &str) -> Error {
    Error::Invalid(format!(
        "internal: {what} is read before the `{pass}` pass decided it"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_names_are_unique_and_end_with_questions() {
        let mut names: Vec<&str> = PASSES.iter().map(|p| p.name).collect();
        assert_eq!(names.last(), Some(&"questions"));
        names.sort();
        names.dedup();
        assert_eq!(names.len(), PASSES.len());
    }

    #[test]
    fn regions_come_before_everything_that_places_components() {
        let pos = |n: &str| PASSES.iter().position(|p| p.name == n).unwrap();
        assert!(pos("regions") < pos("request_path"));
        assert!(pos("capacity") < pos("request_path"));
        assert!(pos("workloads") < pos("platform"));
        assert!(pos("data") < pos("workload_components"));
        assert!(pos("workload_components") < pos("cost"));
        assert!(pos("data") < pos("availability"));
        // Drops and adds land before anything sums or describes components.
        assert!(pos("services") < pos("review"));
        assert!(pos("review") < pos("availability"));
        assert!(pos("review") < pos("security"));
    }
}
