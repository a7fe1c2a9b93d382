//! The operations `infrarch mcp` serves, as plain functions from typed
//! arguments to JSON values, so they are tested without a transport. The
//! protocol side (tool registration, schemas, error mapping) is in [`server`].
//!
//! Every path argument is resolved inside the project root: a path that
//! leaves it (`../../etc/passwd`, an absolute path elsewhere, a symlink out)
//! is refused.

pub mod server;

use std::path::{Component, Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::agent;
use crate::error::{Error, Result};
use crate::ingest;

/// The project the server works in; every path argument stays below it.
#[derive(Debug, Clone)]
pub struct ProjectRoot {
    root: PathBuf,
}

impl ProjectRoot {
    /// `dir`, canonicalised; it must be a directory.
    pub fn new(dir: &Path) -> Result<Self> {
        let root = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
        if !root.is_dir() {
            return Err(Error::NotADirectory { path: root });
        }
        Ok(ProjectRoot { root })
    }

    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Resolve a path argument (relative to the root, or absolute inside it).
    /// The part that exists is canonicalised, so symlinks cannot lead out;
    /// the part that does not exist yet may not contain `..`.
    pub fn resolve(&self, arg: &str) -> Result<PathBuf> {
        let refuse = |why: &str| Error::Invalid(format!("path `{arg}` refused: {why}"));
        if arg.trim().is_empty() {
            return Err(refuse("empty"));
        }
        if arg.contains('\0') {
            return Err(refuse("contains a NUL byte"));
        }
        let given = Path::new(arg);
        let joined = if given.is_absolute() {
            given.to_path_buf()
        } else {
            self.root.join(given)
        };
        let mut existing = joined.as_path();
        let mut missing: Vec<&std::ffi::OsStr> = Vec::new();
        let canonical = loop {
            match existing.canonicalize() {
                Ok(c) => break c,
                Err(_) => {
                    // A dangling symlink leads wherever it names, and a
                    // create through it lands there: not followed, refused.
                    if existing
                        .symlink_metadata()
                        .is_ok_and(|m| m.file_type().is_symlink())
                    {
                        return Err(refuse("a symlink to a path that does not exist"));
                    }
                    let Some(parent) = existing.parent() else {
                        return Err(refuse("no part of it exists"));
                    };
                    match existing.components().next_back() {
                        Some(Component::Normal(name)) => missing.push(name),
                        _ => return Err(refuse("`..` in a part that does not exist")),
                    }
                    existing = parent;
                }
            }
        };
        if !canonical.starts_with(&self.root) {
            return Err(refuse("outside the project root"));
        }
        let mut resolved = canonical;
        for name in missing.into_iter().rev() {
            resolved.push(name);
        }
        Ok(resolved)
    }

    /// A path as shown to the client: relative to the root, `/`-separated.
    pub fn show(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    }

    /// A message with paths below the root shown relative to it.
    pub fn relativise_text(&self, text: &str) -> String {
        text.replace(&format!("{}/", self.root.to_string_lossy()), "")
    }

    /// Rewrite every string in `v` that is a path below the root as a
    /// root-relative one (the library reports paths as it was given them).
    pub fn relativise(&self, v: &mut Value) {
        let prefix = format!("{}/", self.root.to_string_lossy());
        match v {
            Value::String(s) => {
                if let Some(rest) = s.strip_prefix(&prefix) {
                    *s = rest.to_string();
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| self.relativise(x)),
            Value::Object(o) => o.values_mut().for_each(|x| self.relativise(x)),
            _ => {}
        }
    }
}

const DEFAULT_PLANNING: &str = "docs/planning";

/// Arguments of `list_features`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListFeaturesArgs {
    /// Planning directory, relative to the project root (default `docs/planning`).
    #[serde(default)]
    pub planning: Option<String>,
}

/// Arguments of `requirements`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementsArgs {
    /// Feature slug, as `list_features` names it (e.g. `checkout`).
    pub feature: String,
    /// Planning directory, relative to the project root (default `docs/planning`).
    #[serde(default)]
    pub planning: Option<String>,
    /// Write the governing values to the confirm file
    /// (`architecture/infrastructure/{feature}-requirements.toml`) for a person to check.
    #[serde(default)]
    pub write: bool,
    /// Replace an existing confirm file (a backup is kept beside it).
    #[serde(default)]
    pub force: bool,
    /// An edited confirm file (`infrarch.confirmed/v1`, as this tool returns it under
    /// `confirm`) to save; `design` then uses its values. Replacing an existing file needs `force`.
    #[serde(default)]
    pub confirm: Option<crate::confirm::ConfirmFile>,
}

/// Arguments of `design`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DesignArgs {
    /// Feature slug, as `list_features` names it (e.g. `checkout`).
    pub feature: String,
    /// Planning directory, relative to the project root (default `docs/planning`).
    #[serde(default)]
    pub planning: Option<String>,
    /// Write the document and its model (default: preview, nothing written).
    #[serde(default)]
    pub write: bool,
    /// With `write`: replace an existing document (the old one is kept as a backup).
    #[serde(default)]
    pub force: bool,
    /// Requirement values an IDE's model read from the prose, each in its kind's canonical
    /// unit; they govern over the extraction and the confirm file (marked confirmed).
    #[serde(default)]
    pub values: Option<Vec<crate::confirm::ConfirmedValue>>,
}

/// What the review gate should do.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    Approve,
    Skip,
    Revise,
}

/// Arguments of `review`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewArgs {
    /// The infrastructure architecture document, relative to the project root.
    pub document: String,
    /// `approve`, `skip` or `revise`.
    pub action: ReviewAction,
    /// What to change, in plain words (revise only), e.g. "move to GCP; availability 99.99%".
    #[serde(default)]
    pub feedback: Option<String>,
    /// What to change, as typed directives (revise only), applied before the
    /// feedback's: e.g. `[{"kind":"set","field":"availability","value":"99.95"},
    /// {"kind":"use","technology":"aurora"}, {"kind":"drop","component":"waf","reason":"…"}]`.
    #[serde(default)]
    pub directives: Vec<crate::review::directives::DirectiveArg>,
    /// Approve despite lint errors, or revise over hand edits (both recorded).
    #[serde(default)]
    pub force: bool,
}

/// Arguments of `lint`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintArgs {
    /// Documents or folders to lint, relative to the project root.
    pub paths: Vec<String>,
    /// Run only these rules (codes or prefixes, e.g. `IA1`).
    #[serde(default)]
    pub select: Vec<String>,
    /// Skip these rules (codes or prefixes).
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// Arguments of `handoff`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoffArgs {
    /// The infrastructure architecture document, relative to the project root.
    pub document: String,
    /// The receiving agent: application-architecture-agent, data-architecture-agent,
    /// devops-agent or orchestrator.
    pub agent: String,
    /// Hand a document that is not Approved to devops-agent anyway.
    #[serde(default)]
    pub force: bool,
    /// Include the design model (infrarch.design/v1) in the result.
    #[serde(default)]
    pub include_design: bool,
}

fn discover(root: &ProjectRoot, planning: Option<&str>) -> Result<ingest::Inventory> {
    let planning = root.resolve(planning.unwrap_or(DEFAULT_PLANNING))?;
    ingest::discover(&planning).map_err(|e| match e {
        // The CLI's hint names a flag; here the argument is `planning`.
        Error::NoPlanningDir { path } => Error::Invalid(format!(
            "planning directory {} does not exist (pass the `planning` argument)",
            root.show(&path)
        )),
        other => other,
    })
}

/// `list_features`: the features under the planning directory and their documents.
pub fn list_features(root: &ProjectRoot, args: ListFeaturesArgs) -> Result<Value> {
    let inventory = discover(root, args.planning.as_deref())?;
    let inside = |p: &Path| crate::write::is_inside(root.path(), p);
    let mut v = json!({
        "schema": "infrarch.features/v1",
        "planning": root.show(&inventory.planning),
        "features": inventory.features.iter().filter(|f| f.docs.iter().any(|d| inside(&d.path))).map(|f| json!({
            "name": f.name,
            "documents": f.docs.iter().filter(|d| inside(&d.path)).map(|d| json!({
                "path": root.show(&d.path), "kind": d.kind, "date": d.date, "layout": d.layout,
            })).collect::<Vec<_>>(),
            "superseded": f.superseded.iter().filter(|d| inside(&d.path)).map(|d| root.show(&d.path)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "skipped": inventory.problems.iter().map(|p| p.error.to_string()).collect::<Vec<_>>(),
    });
    root.relativise(&mut v);
    Ok(v)
}

/// `requirements`: the `infrarch.requirements/v1` set of one feature.
pub fn requirements(root: &ProjectRoot, args: RequirementsArgs) -> Result<Value> {
    use crate::confirm;
    let set = requirement_set(root, &args.feature, args.planning.as_deref())?;
    let planning = root.resolve(args.planning.as_deref().unwrap_or(DEFAULT_PLANNING))?;
    let path = confirm::path(&planning, &set.feature);
    let mut written = None;
    crate::cancel::check("writing the confirm file")?;
    if let Some(file) = &args.confirm {
        file.validate()
            .map_err(|e| Error::Invalid(format!("confirm: {e}")))?;
        if file.feature != set.feature {
            return Err(Error::Invalid(format!(
                "confirm: file is for feature `{}`, not `{}`",
                file.feature, set.feature
            )));
        }
        written = Some(confirm::write(&path, file, args.force)?);
    } else if args.write {
        written = Some(confirm::write(
            &path,
            &confirm::ConfirmFile::from_set(&set),
            args.force,
        )?);
    }
    let current = match confirm::load(&path)? {
        Some(f) => f,
        None => confirm::ConfirmFile::from_set(&set),
    };
    let mut v = to_json(root, &set)?;
    if let Value::Object(map) = &mut v {
        map.insert(
            "confirm".into(),
            serde_json::to_value(&current).unwrap_or_default(),
        );
        map.insert("confirm_path".into(), json!(root.show(&path)));
        map.insert("confirm_exists".into(), json!(path.exists()));
        if let Some(w) = written {
            map.insert(
                "confirm_backup".into(),
                json!(w.backup.as_deref().map(|b| root.show(b))),
            );
        }
    }
    root.relativise(&mut v);
    Ok(v)
}

/// The confirm file of the feature (when there is one) and then the caller's
/// values, applied over an extraction.
fn apply_confirmed(
    root: &ProjectRoot,
    planning: &Path,
    set: &mut crate::requirements::RequirementSet,
    values: Option<&[crate::confirm::ConfirmedValue]>,
) -> Result<()> {
    use crate::confirm;
    let path = confirm::path(planning, &set.feature);
    let mut file = confirm::load(&path)?;
    if let Some(f) = &file {
        confirm::apply(f, set, &root.show(&path));
    }
    if let Some(values) = values.filter(|v| !v.is_empty()) {
        for v in values {
            confirm::validate_value(v).map_err(|e| Error::Invalid(format!("values: {e}")))?;
        }
        let f = file.get_or_insert_with(|| confirm::ConfirmFile::from_set(set));
        let mut given = confirm::ConfirmFile {
            values: Vec::new(),
            ..f.clone()
        };
        for v in values {
            let mut v = v.clone();
            v.status = confirm::Status::Confirmed;
            if v.source.is_empty() {
                v.source = "design tool values".into();
            }
            given.values.push(v);
        }
        confirm::apply(&given, set, "design tool values");
    }
    Ok(())
}

/// `design`: the `infrarch.design/v1` model of one feature, computed from its
/// requirements and the project's `infrarch.toml` (a preview: nothing is written).
pub fn design(root: &ProjectRoot, args: DesignArgs) -> Result<Value> {
    let planning = root.resolve(args.planning.as_deref().unwrap_or(DEFAULT_PLANNING))?;
    if !args.write {
        let mut set = requirement_set(root, &args.feature, args.planning.as_deref())?;
        apply_confirmed(root, &planning, &mut set, args.values.as_deref())?;
        let project = crate::project::Project::load(root.path())?.unwrap_or_default();
        let model =
            crate::design::design(&set, &project, &crate::design::DesignOptions::default())?;
        return to_json(root, &model);
    }
    let slug = crate::write::slug(&args.feature).map_err(|e| Error::Invalid(e.to_string()))?;
    let mut extracted = crate::pipeline::requirements(&planning, &slug)?;
    if let Some(values) = args.values.as_deref().filter(|v| !v.is_empty()) {
        // The confirm file is applied by the pipeline; the caller's values
        // go on top of it, so apply the file here first and hand over a
        // file-free set plus values.
        apply_confirmed(root, &planning, &mut extracted.requirements, Some(values))?;
    }
    let designed = if args.values.as_deref().is_some_and(|v| !v.is_empty()) {
        crate::pipeline::design_extracted_confirmed(&planning, extracted, &[], Default::default())?
    } else {
        crate::pipeline::design_extracted(&planning, extracted, &[], Default::default())?
    };
    let date = jiff::ZonedDateTime::now().date();
    let rendered = crate::pipeline::render(&planning, &designed, date)?;
    // The last point a cancelled call can stop: nothing is on disk yet.
    crate::cancel::check("writing the document")?;
    let written = crate::write::write_document(
        &rendered.path,
        &rendered.document,
        &rendered.sidecar_json,
        args.force,
    )
    .map_err(|e| Error::Invalid(root.relativise_text(&e.to_string())))?;
    let summary = crate::render::summary(&designed.design, root.show(&written.document));
    let mut v = json!({
        "document": root.show(&written.document),
        "model": root.show(&written.model),
        "backups": written.backups.iter().map(|b| root.show(b)).collect::<Vec<_>>(),
        "summary": {
            "infrastructure_components": summary.components,
            "environments": summary.environments,
            "scaling_rules": summary.scaling_rules,
            "adrs": summary.adrs,
        },
        "status": "Draft",
        "next": "review the document, then call `review` with action approve, skip, or revise with feedback",
    });
    root.relativise(&mut v);
    Ok(v)
}

/// `review`: the gate's approve / skip / revise on a written document.
pub fn review(root: &ProjectRoot, args: ReviewArgs) -> Result<Value> {
    use crate::review::{gate::Gate, revise};
    let doc = root.resolve(&args.document)?;
    confine_beside(root, &doc)?;
    let failed =
        |e: crate::review::gate::GateError| Error::Invalid(root.relativise_text(&e.to_string()));
    crate::write::recover_pair(&doc)
        .map_err(|e| Error::Invalid(root.relativise_text(&e.to_string())))?;
    let mut gate = Gate::open(&doc).map_err(failed)?;
    confine_recorded(root, &gate)?;
    let date = jiff::ZonedDateTime::now().date();
    let outcome = match args.action {
        ReviewAction::Approve => {
            let errors = revise::lint_errors(&gate)?;
            gate.approve(&revise::when(None), errors, args.force)
        }
        ReviewAction::Skip => gate.skip(&revise::when(None)),
        ReviewAction::Revise => {
            let feedback = args.feedback.as_deref().map(str::trim).unwrap_or("");
            if feedback.is_empty() && args.directives.is_empty() {
                return Err(Error::Invalid(
                    "revise needs `feedback` or `directives`".to_string(),
                ));
            }
            let directives = args
                .directives
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    d.to_directive()
                        .map_err(|e| Error::Invalid(format!("directives[{i}]: {e}")))
                })
                .collect::<Result<Vec<_>>>()?;
            let request = crate::review::gate::ReviseRequest {
                feedback: feedback.to_string(),
                directives,
            };
            let when = revise::when(None);
            revise::revise_document(&mut gate, date, &when, &request, args.force)
        }
    }
    .map_err(failed)?;
    let mut v = json!({
        "document": root.show(&doc),
        "status": outcome.status.as_str(),
        "revision": outcome.revision,
        "changes": outcome.changes,
        "unrecognised_feedback": outcome.unrecognised,
        "directives": outcome.report,
        "previous_revision": outcome.previous.as_ref().map(|p| root.show(p)),
        "skipped": gate.sidecar.review.skipped,
    });
    root.relativise(&mut v);
    Ok(v)
}

/// The files the gate opens beside a document (its sidecar, lock and
/// `.revisions/` folder) must resolve inside the root too: a symlink there
/// would otherwise lead the gate's reads and writes out.
fn confine_beside(root: &ProjectRoot, doc: &Path) -> Result<()> {
    let name = doc
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = doc.parent().unwrap_or(root.path());
    for beside in [
        crate::write::model_path(doc),
        dir.join(format!(".{name}.lock")),
        crate::write::journal_path(doc),
        dir.join(".revisions"),
    ] {
        root.resolve(&beside.to_string_lossy())?;
    }
    Ok(())
}

/// Paths a sidecar records (the planning folder a revision re-reads, the
/// kept previous revisions lint compares with) are data from a file, not
/// arguments: they must resolve inside the root too, before anything reads them.
fn confine_recorded(root: &ProjectRoot, gate: &crate::review::gate::Gate) -> Result<()> {
    let dir = gate.doc.parent().unwrap_or(root.path());
    let review = &gate.sidecar.review;
    let recorded = std::iter::once(("planning", review.planning.as_str())).chain(
        review
            .history
            .iter()
            .filter_map(|h| h.previous.as_deref())
            .map(|p| ("previous revision", p)),
    );
    for (what, p) in recorded.filter(|(_, p)| !p.is_empty()) {
        root.resolve(&dir.join(p).to_string_lossy()).map_err(|e| {
            Error::Invalid(format!(
                "{}: the {what} path its review state records, `{}`, is refused: {}",
                root.show(&gate.sidecar_path),
                crate::write::escape_controls(p),
                root.relativise_text(&e.to_string())
            ))
        })?;
    }
    Ok(())
}

/// `lint`: the `infrarch.lint/v1` result over documents or folders. Findings
/// are the result, not a failure.
pub fn lint(root: &ProjectRoot, args: LintArgs) -> Result<Value> {
    if args.paths.is_empty() {
        return Err(Error::Invalid("no paths to lint".to_string()));
    }
    let paths = args
        .paths
        .iter()
        .map(|p| root.resolve(p))
        .collect::<Result<Vec<_>>>()?;
    let opts = crate::lint::LintOptions {
        selection: crate::lint::Selection::new(&args.select, &args.ignore)?,
        baseline: None,
    };
    let run = crate::lint::lint_paths(&paths, &opts)?;
    if run.files == 0 && !run.errors.is_empty() {
        // Nothing could be linted: a failure, not an empty (clean) result.
        let why: Vec<String> = run
            .errors
            .iter()
            .map(|e| format!("{}: {}", root.relativise_text(&e.path), e.message))
            .collect();
        return Err(Error::Invalid(why.join("; ")));
    }
    let mut buf = Vec::new();
    crate::report::reporter(crate::report::LintFormat::Json)
        .report(&run, &mut buf)
        .map_err(|e| Error::Invalid(format!("writing lint result: {e}")))?;
    let mut v: Value = serde_json::from_slice(&buf)
        .map_err(|e| Error::Invalid(format!("lint result is not JSON: {e}")))?;
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "errors".to_string(),
            json!(
                run.errors
                    .iter()
                    .map(|e| json!({"path": e.path, "message": e.message}))
                    .collect::<Vec<_>>()
            ),
        );
    }
    root.relativise(&mut v);
    Ok(v)
}

fn to_json(root: &ProjectRoot, value: &impl serde::Serialize) -> Result<Value> {
    let mut v = serde_json::to_value(value)
        .map_err(|e| Error::Invalid(format!("serialising the result: {e}")))?;
    root.relativise(&mut v);
    Ok(v)
}

fn requirement_set(
    root: &ProjectRoot,
    feature: &str,
    planning: Option<&str>,
) -> Result<crate::requirements::RequirementSet> {
    let inventory = discover(root, planning)?;
    let feature = inventory.feature(feature)?;
    // Planning knowledge comes from inside the root only (a spec-kit folder
    // above `--root docs/planning` is not this project's).
    let mut feature = feature.clone();
    let (inside, outside): (Vec<_>, Vec<_>) = feature
        .docs
        .into_iter()
        .partition(|d| crate::write::is_inside(root.path(), &d.path));
    if inside.is_empty() && !outside.is_empty() {
        return Err(Error::Invalid(format!(
            "feature `{}`: its documents ({}) resolve outside the project root through symlinks; refused",
            feature.name,
            outside
                .iter()
                .map(|d| root.show(&d.path))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    feature.docs = inside;
    let feature = &feature;
    let mut loaded = ingest::load_feature(feature);
    // Sources are cited relative to the project root whatever the server's
    // working directory.
    for doc in &mut loaded.docs {
        doc.display_path = root.show(&doc.path);
    }
    if loaded.docs.is_empty() {
        return Err(Error::Invalid(format!(
            "no document of feature `{}` could be read",
            feature.name
        )));
    }
    let mut set = crate::extract::extract(&feature.name, &loaded.docs);
    set.superseded = feature
        .superseded
        .iter()
        .map(|d| root.show(&d.path))
        .collect();
    Ok(set)
}

/// `handoff`: the handoff prompt with the document and architecture summary.
pub fn handoff(root: &ProjectRoot, args: HandoffArgs) -> Result<Value> {
    let doc = root.resolve(&args.document)?;
    let shown = root.show(&doc);
    let def = agent::builtin();
    let out = agent::handoff::prepare(
        &def,
        &doc,
        &shown,
        &args.agent,
        args.force,
        args.include_design,
    )?;
    let mut v = serde_json::to_value(&out)
        .map_err(|e| Error::Invalid(format!("serialising handoff: {e}")))?;
    root.relativise(&mut v);
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> ProjectRoot {
        ProjectRoot::new(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/checkout")).unwrap()
    }

    #[test]
    fn paths_are_confined_to_the_root() {
        let root = example();
        assert!(
            root.resolve("docs/planning")
                .unwrap()
                .ends_with("docs/planning")
        );
        assert!(
            root.resolve("docs/new/file.md")
                .unwrap()
                .ends_with("docs/new/file.md")
        );
        let inside_abs = root.path().join("docs").to_string_lossy().into_owned();
        assert!(root.resolve(&inside_abs).is_ok());
        for bad in [
            "../../etc/passwd",
            "/etc/passwd",
            "docs/../../..",
            "docs/nope/../../../x",
            "",
            "a\0b",
        ] {
            let e = root.resolve(bad).expect_err(bad).to_string();
            assert!(e.contains("refused"), "{bad}: {e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/etc", dir.path().join("out")).unwrap();
        let root = ProjectRoot::new(dir.path()).unwrap();
        let e = root.resolve("out/passwd").unwrap_err().to_string();
        assert!(e.contains("outside the project root"), "{e}");
    }

    #[test]
    fn design_and_lint_on_the_example() {
        let root = example();
        let v = design(
            &root,
            DesignArgs {
                feature: "checkout".into(),
                planning: None,
                write: false,
                force: false,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(v["schema"], "infrarch.design/v1");
        assert_eq!(v["feature"], "checkout");
        assert!(!v["components"].as_array().unwrap().is_empty());

        let v = lint(
            &root,
            LintArgs {
                paths: vec!["docs/planning/architecture".into()],
                select: vec![],
                ignore: vec![],
            },
        )
        .unwrap();
        assert_eq!(v["schema"], "infrarch.lint/v1");
        assert!(v["diagnostics"].is_array() && v["errors"].is_array());
        for bad in [vec![], vec!["../..".to_string()]] {
            let args = LintArgs {
                paths: bad,
                select: vec![],
                ignore: vec![],
            };
            assert!(lint(&root, args).is_err());
        }
    }

    #[test]
    fn list_and_requirements_on_the_example() {
        let root = example();
        let v = list_features(&root, ListFeaturesArgs::default()).unwrap();
        assert_eq!(v["planning"], "docs/planning");
        assert_eq!(v["features"][0]["name"], "checkout");
        let docs = v["features"][0]["documents"].as_array().unwrap();
        assert!(
            docs.iter()
                .all(|d| d["path"].as_str().unwrap().starts_with("docs/planning/"))
        );
        assert_eq!(
            v["features"][0]["superseded"][0],
            "docs/planning/prd/checkout-20251201.md"
        );

        let v = requirements(
            &root,
            RequirementsArgs {
                feature: "checkout".into(),
                planning: None,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(v["schema"], "infrarch.requirements/v1");
        assert_eq!(v["feature"], "checkout");
        assert!(
            v["sources"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["path"].as_str().unwrap().starts_with("docs/planning/"))
        );

        let avail = v["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "availability" && r["primary"] == true)
            .expect("availability stated in the example PRD");
        assert_eq!(
            avail["source"]["path"],
            "docs/planning/prd/checkout-20260105.md"
        );

        let e = requirements(
            &root,
            RequirementsArgs {
                feature: "payments".into(),
                planning: None,
                ..Default::default()
            },
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("unknown feature `payments`; features found: checkout"),
            "{e}"
        );
    }
}
