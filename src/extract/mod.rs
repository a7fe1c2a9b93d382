//! Extract: requirements, with their sources, from planning documents.

use crate::ingest::PlanningDoc;
use crate::requirements::{REQUIREMENTS_SCHEMA, RequirementSet, SourceDoc};

/// Extract the requirements of one feature from its documents.
pub fn extract(feature: &str, docs: &[PlanningDoc]) -> RequirementSet {
    RequirementSet {
        schema: REQUIREMENTS_SCHEMA.to_string(),
        feature: feature.to_string(),
        sources: docs
            .iter()
            .map(|d| SourceDoc {
                path: d.display_path.clone(),
                kind: d.kind,
            })
            .collect(),
        requirements: Vec::new(),
        conflicts: Vec::new(),
        missing: Vec::new(),
        technologies: Vec::new(),
        superseded: Vec::new(),
    }
}
