//! The pipeline run end to end for one feature: ingest → extract → (review
//! directives) → design. The CLI, the MCP server and the review gate all call
//! these, so a feature is designed the same way whoever asks.

use std::path::{Path, PathBuf};

use crate::design::{self, Design, DesignOptions};
use crate::error::{Error, Result};
use crate::ingest::{self, FeatureDocs, Problem};
use crate::project::{PROJECT_FILE, Project};
use crate::requirements::RequirementSet;
use crate::review::apply;
use crate::review::directives::Directive;

/// A feature's requirements, with what could not be read.
#[derive(Debug)]
pub struct Extracted {
    pub feature: FeatureDocs,
    pub requirements: RequirementSet,
    /// Files or folders skipped, each with its reason.
    pub problems: Vec<Problem>,
}

/// Find and read a feature's documents and extract its requirements.
pub fn requirements(planning: &Path, feature: &str) -> Result<Extracted> {
    let inventory = ingest::discover(planning)?;
    let docs = inventory.feature(feature)?.clone();
    let mut problems = inventory.problems;
    let loaded = ingest::load_feature(&docs);
    problems.extend(loaded.problems);
    if loaded.docs.is_empty() {
        return Err(Error::Invalid(format!(
            "no document of feature `{}` could be read",
            docs.name
        )));
    }
    let mut requirements = crate::extract::extract(&docs.name, &loaded.docs);
    requirements.superseded = docs
        .superseded
        .iter()
        .map(|d| ingest::display(&d.path))
        .collect();
    Ok(Extracted {
        feature: docs,
        requirements,
        problems,
    })
}

/// The project root for a planning directory: the nearest folder at or above
/// it holding `infrarch.toml`, else the folder above `docs/planning`.
pub fn project_root(planning: &Path) -> PathBuf {
    let abs = std::path::absolute(planning).unwrap_or_else(|_| planning.to_path_buf());
    let mut dir = Some(abs.as_path());
    while let Some(d) = dir {
        if d.join(PROJECT_FILE).is_file() {
            return d.to_path_buf();
        }
        // A repository's root is as far as project knowledge can come from.
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    match (abs.file_name(), abs.parent()) {
        (Some(n), Some(docs))
            if n == "planning" && docs.file_name().is_some_and(|d| d == "docs") =>
        {
            docs.parent().map(Path::to_path_buf).unwrap_or(abs.clone())
        }
        _ => abs,
    }
}

/// Everything a design was made from, kept for the document and its revisions.
#[derive(Debug)]
pub struct Designed {
    pub extracted: Extracted,
    pub project: Project,
    pub design: Design,
}

/// Design a feature: its requirements, the project file, and any review
/// directives (applied on top of the documents, in order).
pub fn design(
    planning: &Path,
    feature: &str,
    directives: &[Directive],
    mut options: DesignOptions,
) -> Result<Designed> {
    let mut extracted = requirements(planning, feature)?;
    let mut project = Project::load(&project_root(planning))?.unwrap_or_default();
    apply::apply(
        directives,
        &mut extracted.requirements,
        &mut project,
        &mut options,
    );
    let design = design::design(&extracted.requirements, &project, &options)?;
    Ok(Designed {
        extracted,
        project,
        design,
    })
}
