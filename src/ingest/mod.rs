//! Ingest: find a feature's planning documents and read them.
//!
//! Knows the copilot-agent-factory layout (`docs/planning/{prd,epics,stories,architecture}`),
//! BMAD (`docs/prd.md`, sharded `docs/prd/*.md`, `_bmad-output/planning-artifacts/`) and
//! spec-kit (`specs/NNN-name/{spec,plan}.md`). Output: [`PlanningDoc`]s, which
//! `extract` reads; nothing downstream touches the file system.

mod discover;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use discover::{
    DocEntry, FeatureDocs, Inventory, Layout, Problem, discover, feature_from_name,
    name_from_title, slugify,
};

use crate::error::{Error, Result};
use crate::markdown::{self, Parsed};
use crate::requirements::DocKind;

/// Planning documents above this size are refused rather than parsed: no real
/// PRD is this large, and a runaway file must not stall the whole run.
pub const MAX_DOC_BYTES: u64 = 16 * 1024 * 1024;

/// One planning document, read and parsed.
#[derive(Debug, Clone)]
pub struct PlanningDoc {
    /// Path as shown to the user (relative to where the command ran when possible).
    pub display_path: String,
    pub path: PathBuf,
    pub kind: DocKind,
    /// The feature slug the file belongs to, when its name says.
    pub feature: Option<String>,
    /// `YYYYMMDD` from the file name, when present.
    pub date: Option<String>,
    pub text: String,
    pub parsed: Parsed,
}

impl PlanningDoc {
    /// Build a document from text already in memory (tests, MCP, benchmarks).
    pub fn from_text(display_path: impl Into<String>, kind: DocKind, text: String) -> Self {
        let display_path = display_path.into();
        let parsed = markdown::parse(&text);
        PlanningDoc {
            path: PathBuf::from(&display_path),
            display_path,
            kind,
            feature: None,
            date: None,
            text,
            parsed,
        }
    }

    /// The text of a 1-based line, trimmed; empty if out of range.
    pub fn line_text(&self, line: usize) -> &str {
        if line == 0 {
            return "";
        }
        crate::markdown::lines(&self.text)
            .nth(line - 1)
            .map(str::trim)
            .unwrap_or("")
    }
}

/// Documents read, and the files that could not be (reported, not fatal).
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<PlanningDoc>,
    pub problems: Vec<Problem>,
}

/// Read a feature's input documents in parallel, keeping discovery order.
/// A file that cannot be read is a [`Problem`]; the others are still read.
pub fn load_feature(feature: &FeatureDocs) -> Loaded {
    let paths: Vec<&DocEntry> = feature.inputs().collect();
    load_entries(&paths)
}

/// Read the given files (`--file`), reporting each bad one.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let results: Vec<(PathBuf, Result<PlanningDoc>)> = paths
        .par_iter()
        .map(|p| (p.clone(), load_file(p)))
        .collect();
    split(results)
}

fn load_entries(entries: &[&DocEntry]) -> Loaded {
    // Rayon's threads do not see the caller's cancellation scope: take it here.
    let token = crate::cancel::current();
    let results: Vec<(PathBuf, Result<PlanningDoc>)> = entries
        .par_iter()
        .map(|e| {
            if let Err(c) = token.check("reading the planning documents") {
                return (e.path.clone(), Err(c));
            }
            let doc = load_file(&e.path).map(|mut d| {
                // Discovery knows the kind better than the file name alone.
                d.kind = e.kind;
                d
            });
            (e.path.clone(), doc)
        })
        .collect();
    split(results)
}

fn split(results: Vec<(PathBuf, Result<PlanningDoc>)>) -> Loaded {
    let mut loaded = Loaded::default();
    for (path, r) in results {
        match r {
            Ok(doc) => loaded.docs.push(doc),
            Err(error) => loaded.problems.push(Problem { path, error }),
        }
    }
    loaded
}

/// Read one file as a planning document, guessing its kind from its path.
pub fn load_file(path: &Path) -> Result<PlanningDoc> {
    // Regular files only, size from the metadata first, read limited: a FIFO
    // named `*.md` would block forever and a device never ends.
    let bytes = crate::write::read_capped(path, MAX_DOC_BYTES)?;
    if bytes.contains(&0) {
        return Err(Error::NotUtf8 {
            path: path.to_path_buf(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8 {
        path: path.to_path_buf(),
    })?;
    if let Some(why) = markdown::over_line_budget(&text) {
        return Err(Error::Invalid(format!(
            "{}: {why}; not read for requirements",
            path.display()
        )));
    }
    let mut doc = PlanningDoc::from_text(display(path), kind_from_path(path), text);
    // The per-document budget: a file over it is reported and skipped, so one
    // generated monster cannot stall the feature's other documents.
    if let Some(why) = markdown::over_extract_budget(&doc.text, &doc.parsed) {
        return Err(Error::Invalid(format!(
            "{}: {why}; not read for requirements",
            path.display()
        )));
    }
    markdown::split_long_blocks(&mut doc.parsed, markdown::MAX_EXTRACT_BLOCK_BYTES);
    doc.path = path.to_path_buf();
    doc.date = date_from_name(path);
    Ok(doc)
}

/// Resolve `.` and `..` in a path without touching the file system, so a
/// planning directory reached as `architecture/infrastructure/../..` reads and
/// displays as the folder it is.
pub fn clean_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Show paths relative to the working directory when they are below it.
pub fn display(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    if rel.as_os_str().is_empty() {
        return ".".to_string();
    }
    rel.to_string_lossy().replace('\\', "/")
}

/// Guess a document's kind from its path (folder names first, then the file name).
pub fn kind_from_path(path: &Path) -> DocKind {
    // Only the last folders say what a document is: the planning directory
    // itself may sit under any path (even one with `architecture/` in it).
    let tail: Vec<String> = path
        .components()
        .rev()
        .take(3)
        .map(|c| c.as_os_str().to_string_lossy().to_ascii_lowercase())
        .collect();
    let p = format!("/{}", tail.into_iter().rev().collect::<Vec<_>>().join("/"));
    let name = p.rsplit('/').next().unwrap_or(&p);
    if p.contains("/architecture/infrastructure/") || name.contains("infrastructure-architecture") {
        DocKind::InfraArch
    } else if p.contains("/architecture/application/")
        || name.contains("application-architecture")
        || name.contains("app-arch")
    {
        DocKind::AppArch
    } else if p.contains("/architecture/data/") || name.contains("data-architecture") {
        DocKind::DataArch
    } else if p.contains("/epics/") || name.contains("epic") {
        DocKind::Epics
    } else if p.contains("/stories/") || name.contains("stor") {
        DocKind::Stories
    } else if name.contains("prd") || p.contains("/prd/") {
        DocKind::Prd
    } else if name == "spec.md" {
        DocKind::Spec
    } else if name == "plan.md" {
        DocKind::Plan
    } else if p.contains("/architecture") || name.contains("architecture") {
        DocKind::AppArch
    } else {
        DocKind::Other
    }
}

/// `checkout-20260101.md` → `20260101`.
pub fn date_from_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let tail = stem.rsplit('-').next()?;
    (tail.len() == 8 && tail.bytes().all(|b| b.is_ascii_digit())).then(|| tail.to_string())
}
