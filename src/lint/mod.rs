//! Lint: the agent's Documentation Quality Standards as rules over an
//! infrastructure architecture document, whoever wrote it.
//!
//! Shape (after ruff): a registry table of codes ([`registry::RULES`]), one file
//! per rule under `rules/` whose `DOC` text is also what `infrarch rule CODE`
//! prints, and a [`Context`] built once per file that every rule reads.
//!
//! Code prefixes:
//!
//! | prefix | family |
//! |---|---|
//! | IA1xx | placeholders left in the text |
//! | IA2xx | template sentences and boilerplate prose |
//! | IA3xx | diagrams |
//! | IA4xx | header fields and requirement rows |
//! | IA5xx | required sections and their parts |
//! | IA6xx | Architecture Decision Records |
//! | IA7xx | redundancy with and drift from the source PRD |
//! | IA9xx | the linter's own comments (suppressions) |
//!
//! Entry points: [`lint_paths`] (what the CLI calls: walk, read, lint in
//! parallel, sort), [`lint_document`] (one document already in memory).

pub mod adr;
pub mod context;
pub mod data;
pub mod mermaid;
pub mod registry;
pub mod rules;
pub mod select;
pub mod suppress;
pub mod values;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ingest::{self, PlanningDoc};
use crate::requirements::{DocKind, RequirementSet};

pub use context::{Context, Template};
pub use registry::{RULES, Rule, rule};
pub use select::Selection;

/// How bad a finding is. Errors are things the template forbids outright
/// (placeholders, missing sections); warnings need a human's judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One finding, in the `infrarch.lint/v1` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub path: String,
    /// 1-based line; for something absent, the line where it belongs.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    pub message: String,
    pub help: String,
    /// Characters to underline from `column` (reporters only; 0 = a caret).
    #[serde(skip)]
    pub len: usize,
    /// The source line, for reporters that show it.
    #[serde(skip)]
    pub source_line: String,
}

/// What a rule reports before the engine stamps code, path and source line on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub column: usize,
    pub len: usize,
    pub message: String,
    /// Overrides the rule's default help when the fix depends on the case.
    pub help: Option<String>,
}

impl Finding {
    pub fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        Finding {
            line,
            column,
            len: 0,
            message: message.into(),
            help: None,
        }
    }
    pub fn len(mut self, len: usize) -> Self {
        self.len = len;
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The source PRD a document links to, read once and shared by every document
/// that links to it.
#[derive(Debug)]
pub struct SourcePrd {
    pub doc: PlanningDoc,
    pub requirements: RequirementSet,
    shingles: OnceLock<rules::prd_redundancy::ShingleIndex>,
    /// The path it was loaded from, when that was a regular file then: every
    /// document linking the PRD checks the link resolves to a file, and this
    /// spares them one `stat` each.
    file: Option<PathBuf>,
}

impl SourcePrd {
    pub fn new(doc: PlanningDoc, requirements: RequirementSet) -> Self {
        SourcePrd {
            doc,
            requirements,
            shingles: OnceLock::new(),
            file: None,
        }
    }

    /// Read and extract a PRD file.
    pub fn load(path: &Path) -> Result<Self> {
        let doc = ingest::load_file(path)?;
        let set = crate::extract::extract("lint", std::slice::from_ref(&doc));
        let mut prd = SourcePrd::new(doc, set);
        prd.file = path.is_file().then(|| path.to_path_buf());
        Ok(prd)
    }

    /// Was this PRD read from `path`, a regular file?
    pub(crate) fn is_file_at(&self, path: &Path) -> bool {
        self.file.as_deref() == Some(path)
    }

    pub(crate) fn shingles(&self) -> &rules::prd_redundancy::ShingleIndex {
        self.shingles
            .get_or_init(|| rules::prd_redundancy::ShingleIndex::build(&self.doc.text))
    }
}

/// Everything a lint of one document may consult besides its own text.
#[derive(Debug, Default, Clone, Copy)]
pub struct Inputs<'a> {
    /// Folder of the document, to resolve its relative links; `None` for text
    /// that has no file (then link resolution is not checked).
    pub dir: Option<&'a Path>,
    /// The source PRD, when the document's link resolved.
    pub prd: Option<&'a SourcePrd>,
    /// An earlier revision of the same document (ADR immutability).
    pub baseline: Option<&'a str>,
}

/// Lint one document in memory. Diagnostics come back sorted by position.
pub fn lint_document(
    path: &str,
    text: &str,
    inputs: Inputs<'_>,
    selection: &Selection,
) -> Vec<Diagnostic> {
    lint_context(&Context::new(path, text, inputs), selection)
}

/// Does a rule apply to a document of this template? Content rules
/// (placeholders, boilerplate, diagrams, ADRs, requirement rows, drift) apply
/// to every document; the header-field rules are the agent template's; the
/// section rules know each template (IA501 reads the template's own list) and
/// have nothing to require of a free-form document.
pub fn applies(code: &str, template: Template) -> bool {
    match code {
        // The agent template's five header fields and their formats.
        "IA402" | "IA403" | "IA404" | "IA406" => template == Template::Agent,
        // Security's and Observability's parts: both the agent's template and
        // BMAD's list network, access and monitoring, logs, metrics, alerts.
        "IA503" | "IA504" => matches!(template, Template::Agent | Template::BmadInfra),
        "IA501" => template != Template::FreeForm,
        _ => true,
    }
}

/// Lint a document already parsed into its context.
pub fn lint_context(ctx: &Context<'_>, selection: &Selection) -> Vec<Diagnostic> {
    let path = ctx.path;
    let mut raw: Vec<(&'static Rule, Finding)> = Vec::new();
    for rule in RULES.iter() {
        if rule.code == suppress::UNUSED_CODE
            || !selection.enabled(rule.code)
            || !applies(rule.code, ctx.template)
        {
            continue;
        }
        let mut found = Vec::new();
        (rule.check)(ctx, &mut found);
        raw.extend(found.into_iter().map(|f| (rule, f)));
    }
    let mut sup = suppress::Suppressions::parse(ctx);
    raw.retain(|(rule, f)| !sup.suppresses(rule.code, f.line));
    if selection.enabled(suppress::UNUSED_CODE)
        && let Some(unused_rule) = registry::rule(suppress::UNUSED_CODE)
    {
        for f in sup.unused(selection, ctx.template) {
            if !sup.suppresses(suppress::UNUSED_CODE, f.line) {
                raw.push((unused_rule, f));
            }
        }
    }
    let mut out: Vec<Diagnostic> = raw
        .into_iter()
        .map(|(rule, f)| {
            let line = f.line.clamp(1, ctx.lines.len().max(1));
            Diagnostic {
                code: rule.code,
                severity: rule.severity,
                path: path.to_string(),
                line,
                column: f.column.max(1),
                message: f.message,
                help: f.help.unwrap_or_else(|| rule.help.to_string()),
                len: f.len,
                source_line: ctx.lines.get(line - 1).copied().unwrap_or("").to_string(),
            }
        })
        .collect();
    sort(&mut out);
    out.dedup_by(|a, b| {
        a.code == b.code && a.line == b.line && a.column == b.column && a.message == b.message
    });
    out
}

fn sort(d: &mut [Diagnostic]) {
    d.sort_by(|a, b| (&a.path, a.line, a.column, a.code).cmp(&(&b.path, b.line, b.column, b.code)));
}

/// Options of a lint run over paths.
#[derive(Debug, Default, Clone)]
pub struct LintOptions {
    pub selection: Selection,
    /// An earlier revision: a file (only with one document) or a folder holding
    /// files of the same names.
    pub baseline: Option<PathBuf>,
}

/// A file that could not be linted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

/// The result of [`lint_paths`].
#[derive(Debug, Default, Clone)]
pub struct LintRun {
    /// Files linted (read successfully).
    pub files: usize,
    /// Markdown files found by walking a folder that are not infrastructure
    /// or architecture documents (PRDs, stories, READMEs), so not linted.
    pub skipped: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: Vec<FileError>,
}

impl LintRun {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Collect the Markdown files under the given paths: files as given (any
/// extension), directories walked respecting `.gitignore`, `*.md` only. A path
/// that does not exist, or a folder that cannot be read, is an error entry and
/// the rest are still collected (as ripgrep does).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileError>) {
    let (files, errors, _) = collect(paths);
    (files.into_iter().map(|(p, _)| p).collect(), errors)
}

/// [`collect_files`], telling which files were named (`true`) rather than
/// found by a walk, and how many Markdown files the walk left out as inputs
/// (PRDs, epics, stories).
fn collect(paths: &[PathBuf]) -> (Vec<(PathBuf, bool)>, Vec<FileError>, usize) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = 0;
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                errors.push(FileError {
                    path: ingest::display(p),
                    message: e.to_string(),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            files.push((p.clone(), true));
            continue;
        }
        let walker = ignore::WalkBuilder::new(p)
            .hidden(true)
            .git_ignore(true)
            .require_git(false)
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(FileError {
                        path: ingest::display(p),
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            let is_md = entry
                .path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            // PRDs, epics and stories are the architecture's inputs, not
            // architecture documents: a walk of `docs/planning` skips them.
            let input_doc = matches!(
                ingest::kind_from_path(entry.path()),
                DocKind::Prd | DocKind::Epics | DocKind::Stories
            );
            if is_md && entry.file_type().is_some_and(|t| t.is_file()) {
                if input_doc {
                    skipped += 1;
                } else {
                    files.push((entry.into_path(), false));
                }
            }
        }
    }
    // A file both named and found by a walk is a named one.
    files.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    files.dedup_by(|a, b| a.0 == b.0);
    (files, errors, skipped)
}

type PrdCache = Mutex<HashMap<PathBuf, Arc<OnceLock<Option<Arc<SourcePrd>>>>>>;

/// Lint files and directories in parallel. A path that does not exist or a
/// file that cannot be read is recorded in [`LintRun::errors`] and the rest
/// are still linted; only a bad `--baseline` is an `Err`.
pub fn lint_paths(paths: &[PathBuf], opts: &LintOptions) -> Result<LintRun> {
    let (files, walk_errors, input_docs) = collect(paths);
    let baseline_file = match &opts.baseline {
        Some(b) if !b.is_dir() => {
            if files.len() > 1 {
                return Err(Error::Invalid(format!(
                    "--baseline {} is a file, so it needs exactly one document (got {}); pass a folder of earlier revisions instead",
                    b.display(),
                    files.len()
                )));
            }
            Some(read_text(b)?)
        }
        _ => None,
    };
    let cache: PrdCache = Mutex::new(HashMap::new());
    // `None`: found by a walk, and not an infrastructure or architecture document.
    // Rayon's threads do not see the caller's cancellation scope: take it here.
    let token = crate::cancel::current();
    let results: Vec<std::result::Result<Option<Vec<Diagnostic>>, FileError>> = files
        .par_iter()
        .map(|(path, named)| {
            let display = ingest::display(path);
            if let Err(e) = token.check("linting the next file") {
                return Err(FileError {
                    path: display,
                    message: e.to_string(),
                });
            }
            let text = read_text(path).map_err(|e| FileError {
                path: display.clone(),
                message: e.to_string(),
            })?;
            let baseline = match (&baseline_file, &opts.baseline) {
                (Some(t), _) => Some(t.clone()),
                (None, Some(dir)) => path.file_name().and_then(|n| read_text(&dir.join(n)).ok()),
                _ => None,
            };
            let dir = path.parent().unwrap_or(Path::new("."));
            let prd =
                context::source_prd_target(&text, dir).and_then(|p| load_prd_cached(&cache, &p));
            let inputs = Inputs {
                dir: Some(dir),
                prd: prd.as_deref(),
                baseline: baseline.as_deref(),
            };
            let ctx = Context::new(&display, &text, inputs);
            if !named && !ctx.is_infra_document() {
                return Ok(None);
            }
            Ok(Some(lint_context(&ctx, &opts.selection)))
        })
        .collect();
    // A cancelled run is not a partial result: the caller gets the error.
    token.check("reporting the lint result")?;
    let mut run = LintRun {
        errors: walk_errors,
        skipped: input_docs,
        ..LintRun::default()
    };
    for r in results {
        match r {
            Ok(Some(d)) => {
                run.files += 1;
                run.diagnostics.extend(d);
            }
            Ok(None) => run.skipped += 1,
            Err(e) => run.errors.push(e),
        }
    }
    sort(&mut run.diagnostics);
    run.errors.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(run)
}

fn load_prd_cached(cache: &PrdCache, path: &Path) -> Option<Arc<SourcePrd>> {
    // Keyed by the joined path, not the canonical one: documents of one folder
    // share it, and this saves a realpath per document.
    let key = path.to_path_buf();
    let cell = {
        let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(map.entry(key.clone()).or_default())
    };
    // A PRD that cannot be read is reported by IA405 from the link itself;
    // here it just means no redundancy or drift check.
    cell.get_or_init(|| SourcePrd::load(&key).ok().map(Arc::new))
        .clone()
}

fn read_text(path: &Path) -> Result<String> {
    // Regular files only (a FIFO blocks, /dev/zero never ends), the size from
    // the metadata before reading, and the read itself limited.
    crate::write::read_text_capped(path, ingest::MAX_DOC_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // Any text, however odd (multi-byte characters next to Markdown
        // syntax, unbalanced fences, stray comments), lints without a panic.
        #[test]
        fn any_text_lints_without_panic(s in "(\\PC|[#|*`\\[\\]{}<>!:\\-\n]|## 7\\. |ADR-1: |\\*\\*Status:\\*\\* |```mermaid\n|<!-- infrarch-disable IA1 -->|\n## 产品需求 |需|é){0,120}") {
            let _ = lint_document("p.md", &s, Inputs::default(), &Selection::default());
        }
    }

    #[test]
    fn baseline_diff_never_panics_on_odd_text() {
        let odd = "### ADR-1: 需\n**Status:** Accepted\n**Decision:** é\n";
        assert!(adr::immutability(odd, "").len() == 1);
    }
}
