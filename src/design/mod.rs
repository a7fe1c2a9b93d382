//! The design engine: from requirements, project knowledge and a provider
//! catalog to a [`Design`] with every number computed and every decision traced.
//!
//! `design()` is the ordered list of decision passes in [`passes::PASSES`],
//! each one file with one signature over a shared [`passes::Plan`]. The
//! modules beside it hold each area's reasoning: [`platform`], [`topology`]
//! (zones, regions, availability), [`capacity`], [`dr`], [`data`],
//! [`security`], [`observability`], [`cost`], [`delivery`] (deployment,
//! environments, rollout, runbooks) and [`questions`] (risks, open
//! questions, ADRs). [`plan`] holds the typed vocabulary (roles, link kinds,
//! scopes).

pub mod availability;
pub mod capacity;
pub mod context;
pub mod cost;
pub mod data;
pub mod delivery;
pub mod dr;
pub mod dr_tiers;
pub mod math;
pub mod model;
pub mod observability;
pub mod passes;
pub mod plan;
pub mod platform;
pub mod questions;
pub mod review;
pub mod rules;
pub mod security;
pub mod sizing;
#[cfg(test)]
pub(crate) mod testkit;
pub mod topology;
pub mod vocab;
pub mod workload;

use std::path::PathBuf;

pub use model::*;

use crate::error::Result;
use crate::project::Project;
use crate::requirements::{Kind, RequirementSet};
use context::Ctx;

/// Assumptions a caller may override. Every field left `None` falls back to the
/// built-in default (stated in the design as an assumption with its reason).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DesignOptions {
    /// Requests one instance (task, pod, VM) serves concurrently.
    pub per_instance_concurrency: Option<f64>,
    /// Peak rate ÷ stated throughput when the stated figure is an average.
    pub peak_factor: Option<f64>,
    /// Autoscaler target utilisation, percent.
    pub target_utilisation_pct: Option<f64>,
    /// Monthly average load as a share of peak (0–1), for usage-priced items.
    pub average_to_peak: Option<f64>,
    /// Average response size in KB, for egress.
    pub response_kb: Option<f64>,
    /// Stored data in GB when no requirement states a volume.
    pub storage_gb: Option<f64>,
    /// Force a provider when neither requirements nor project name one.
    pub provider: Option<crate::catalog::Provider>,
    /// A user catalog file whose rows override or extend the built-in one.
    pub catalog_override: Option<PathBuf>,
    /// The reviewer asked to bring cost down (`/revise reduce cost`): take the
    /// cheaper option wherever no requirement needs the dearer one.
    pub reduce_cost: bool,
    /// What a reviewer asked beyond requirement values (drops, adds, one
    /// region, a cost target); each is honoured or explained in
    /// [`Design::review_notes`].
    pub review: review::ReviewRequests,
}

/// Designs the infrastructure of one feature: runs [`passes::PASSES`] in order.
/// A cost reduction is the passes run once per lever (see
/// [`review::reduce_cost`]).
pub fn design(reqs: &RequirementSet, project: &Project, options: &DesignOptions) -> Result<Design> {
    match options.review.reduce_cost {
        Some(request) => review::reduce_cost(reqs, project, options, request),
        None => run_passes(reqs, project, options),
    }
}

/// One run of [`passes::PASSES`].
fn run_passes(reqs: &RequirementSet, project: &Project, options: &DesignOptions) -> Result<Design> {
    let ctx = Ctx::new(reqs, project, options)?;
    // A generic word ("Pub/Sub") names a product only once the provider is
    // known: resolve it for that provider and design from the resolved set.
    if let Some(techs) =
        crate::technologies::resolve_generic(&reqs.technologies, ctx.cat.provider.as_str())
    {
        drop(ctx);
        let resolved = RequirementSet {
            technologies: techs,
            ..reqs.clone()
        };
        let ctx = Ctx::new(&resolved, project, options)?;
        return passes::Plan::new(ctx).run_all();
    }
    passes::Plan::new(ctx).run_all()
}

/// Requirement kinds the design reads, for the requirements echo.
pub const USED_KINDS: [Kind; 19] = Kind::ALL;
