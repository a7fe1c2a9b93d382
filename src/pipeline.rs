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
    crate::cancel::check("extracting requirements")?;
    problems.extend(loaded.problems);
    if loaded.docs.is_empty() {
        return Err(Error::Invalid(format!(
            "no document of feature `{}` could be read",
            docs.name
        )));
    }
    let mut requirements = crate::extract::extract(&docs.name, &loaded.docs);
    crate::cancel::check("merging the requirements")?;
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

/// Read just the given files (`--file`) as one feature's documents and
/// extract its requirements; nothing is discovered.
pub fn requirements_from_files(feature: &str, files: &[PathBuf]) -> Result<Extracted> {
    let loaded = ingest::load_paths(files);
    if loaded.docs.is_empty() {
        return Err(Error::Invalid(match loaded.problems.first() {
            Some(p) => format!("none of the given files could be read ({})", p.error),
            None => "no file given".to_string(),
        }));
    }
    let docs = FeatureDocs {
        name: feature.to_string(),
        docs: loaded
            .docs
            .iter()
            .map(|d| ingest::DocEntry {
                path: d.path.clone(),
                kind: d.kind,
                date: d.date.clone(),
                layout: ingest::Layout::FeatureFolder,
            })
            .collect(),
        superseded: Vec::new(),
    };
    let requirements = crate::extract::extract(feature, &loaded.docs);
    Ok(Extracted {
        feature: docs,
        requirements,
        problems: loaded.problems,
    })
}

/// The project root for a planning directory: the nearest folder at or above
/// it holding `infrarch.toml`, else the folder above `docs/planning`.
pub fn project_root(planning: &Path) -> PathBuf {
    let abs = std::path::absolute(planning).unwrap_or_else(|_| planning.to_path_buf());
    let mut dir = Some(abs.as_path());
    while let Some(d) = dir {
        // A confined process (the MCP server) takes no knowledge from above its root.
        if crate::write::confinement().is_some_and(|root| !crate::write::is_inside(root, d)) {
            break;
        }
        if d.join(PROJECT_FILE).is_file() {
            return d.to_path_buf();
        }
        // A repository's root is as far as project knowledge can come from.
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    let root = match (abs.file_name(), abs.parent()) {
        (Some(n), Some(docs))
            if n == "planning" && docs.file_name().is_some_and(|d| d == "docs") =>
        {
            docs.parent().map(Path::to_path_buf).unwrap_or(abs.clone())
        }
        _ => abs,
    };
    match crate::write::confinement() {
        Some(limit) if !crate::write::is_inside(limit, &root) => limit.to_path_buf(),
        _ => root,
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
    options: DesignOptions,
) -> Result<Designed> {
    let extracted = requirements(planning, feature)?;
    design_extracted(planning, extracted, directives, options)
}

/// Design from requirements already extracted (discovered or `--file`):
/// the feature's confirm file first, then the project file and directives.
pub fn design_extracted(
    planning: &Path,
    mut extracted: Extracted,
    directives: &[Directive],
    options: DesignOptions,
) -> Result<Designed> {
    // A person's confirmed values govern over what was extracted.
    let confirm_path = crate::confirm::path(planning, &extracted.feature.name);
    if let Some(file) = crate::confirm::load(&confirm_path)? {
        crate::confirm::apply(
            &file,
            &mut extracted.requirements,
            &ingest::display(&confirm_path),
        );
    }
    design_extracted_confirmed(planning, extracted, directives, options)
}

/// Design from requirements whose confirmed values are already applied.
pub fn design_extracted_confirmed(
    planning: &Path,
    mut extracted: Extracted,
    directives: &[Directive],
    mut options: DesignOptions,
) -> Result<Designed> {
    let root = project_root(planning);
    let mut project = Project::load(&root)?.unwrap_or_default();
    if project.file.is_some() {
        // Shown in the document: relative, so it reads the same on every machine.
        project.file = Some(ingest::display(&root.join(PROJECT_FILE)));
    }
    apply::apply(
        directives,
        &mut extracted.requirements,
        &mut project,
        &mut options,
    );
    let design = design::design(&extracted.requirements, &project, &options)?;
    crate::cancel::check("rendering the document")?;
    Ok(Designed {
        extracted,
        project,
        design,
    })
}

/// A designed feature as its document: rendered, with the Revision History the
/// gate keeps, and the sidecar model (design + review state) to write beside it.
pub struct Rendered {
    pub path: std::path::PathBuf,
    pub document: String,
    pub sidecar_json: String,
}

/// Relative path from a document's folder back to the planning directory it
/// was designed from (`docs/planning/architecture/infrastructure` → `../..`).
pub const PLANNING_FROM_DOCUMENT: &str = "../..";

/// The document alone of [`render`] (what `design --stdout` prints): the
/// sidecar's model copy, its JSON and the document's hash were a fifth of
/// that run.
pub fn render_document(planning: &Path, designed: &Designed, date: jiff::civil::Date) -> String {
    use crate::review::gate::initial_state;
    use crate::review::state::set_history;
    let ctx = crate::render::RenderContext::new(date, planning);
    let document =
        crate::render::document(&designed.design, &designed.extracted.requirements, &ctx);
    let state = initial_state("", PLANNING_FROM_DOCUMENT, &date.to_string());
    set_history(&document, &state.history)
}

/// Render a design for `planning` on `date`.
pub fn render(planning: &Path, designed: &Designed, date: jiff::civil::Date) -> Result<Rendered> {
    use crate::review::gate::initial_state;
    use crate::review::state::Sidecar;
    let document = render_document(planning, designed, date);
    let sidecar = Sidecar {
        design: designed.design.clone(),
        review: initial_state(&document, PLANNING_FROM_DOCUMENT, &date.to_string()),
    };
    let sidecar_json = serde_json::to_string_pretty(&sidecar)
        .map_err(|e| Error::Invalid(format!("serialising the model: {e}")))?
        + "\n";
    Ok(Rendered {
        path: crate::write::document_path(planning, &designed.design.feature, date),
        document,
        sidecar_json,
    })
}
