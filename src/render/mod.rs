//! Render: the design model as the agent definition's infrastructure
//! architecture document, with its 14 numbered sections and their sub-headings,
//! tables where the template has tables, and diagrams drawn from the topology.
//!
//! Nothing here decides anything: every sentence comes from a field of the
//! [`Design`] (or the requirement set it was made from), and ids in parentheses
//! (`R3`, `A2`) point back at the requirement rows and assumptions of section 2.2.
//! Output is a pure function of its inputs: no clock, no hash-map order.

pub mod diagram;
mod doc;
mod sections;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::design::Design;
use crate::requirements::RequirementSet;

pub use doc::Doc;

/// What the document needs beyond the model: its date and where it will live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderContext {
    /// The `**Created:**` date and the date in the document id.
    pub date: Date,
    /// Folder the document is written to, on the same base as the source paths
    /// in the model (both relative to the working directory, or both absolute),
    /// so the `**Source PRD:**` link resolves from the document.
    pub document_dir: PathBuf,
    /// Display name for the title; defaults to the feature slug in title case.
    pub feature_name: Option<String>,
}

impl RenderContext {
    /// Context for a document written under a planning directory
    /// (`docs/planning` → `docs/planning/architecture/infrastructure`).
    pub fn new(date: Date, planning: &Path) -> Self {
        RenderContext {
            date,
            document_dir: crate::write::document_dir(planning),
            feature_name: None,
        }
    }
}

/// The whole document, ending with its last section (the approval prompt is
/// command output, not document text).
pub fn document(design: &Design, reqs: &RequirementSet, ctx: &RenderContext) -> String {
    let input = sections::Input { design, reqs, ctx };
    let mut d = Doc::default();
    sections::header(&mut d, &input);
    sections::summary::render(&mut d, &input);
    sections::context::render(&mut d, &input);
    sections::overview::render(&mut d, &input);
    sections::deployment::render(&mut d, &input);
    sections::scaling::render(&mut d, &input);
    sections::resilience::render(&mut d, &input);
    sections::security::render(&mut d, &input);
    sections::observability::render(&mut d, &input);
    sections::cost::render(&mut d, &input);
    sections::adrs::render(&mut d, &input);
    sections::operations::render(&mut d, &input);
    sections::governance::render(&mut d, &input);
    sections::risks::render(&mut d, &input);
    d.finish()
}

/// The `{slug}-infrastructure-architecture-{YYYYMMDD}` id of a design's document.
/// Falls back to `feature` when the design's feature name is not a valid slug.
pub fn document_id(design: &Design, date: Date) -> String {
    let slug = crate::write::slug(&design.feature).unwrap_or_else(|_| "feature".to_string());
    crate::write::document_id(&slug, date)
}

/// The counts of the approval prompt, taken from the model the document shows.
pub fn summary(design: &Design, path: impl Into<PathBuf>) -> crate::write::Summary {
    crate::write::Summary {
        path: path.into(),
        components: design.components.len(),
        environments: design.deployment.environments.len(),
        scaling_rules: design.capacity.scaling_rules.len(),
        adrs: design.adrs.len(),
    }
}
