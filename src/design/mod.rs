//! The design engine: from requirements, project knowledge and a provider
//! catalog to a [`Design`] with every number computed and every decision traced.

pub mod model;

use std::path::PathBuf;

pub use model::*;

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
    /// Stored data in GB when no requirement states a volume.
    pub storage_gb: Option<f64>,
    /// Internet egress per month, GB.
    pub egress_gb_month: Option<f64>,
    /// Force a provider when neither requirements nor project name one.
    pub provider: Option<crate::catalog::Provider>,
    /// A user catalog file whose rows override or extend the built-in one.
    pub catalog_override: Option<PathBuf>,
    /// The reviewer asked to bring cost down (`/revise reduce cost`): take the
    /// cheaper option wherever no requirement needs the dearer one.
    pub reduce_cost: bool,
}
