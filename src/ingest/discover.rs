//! Finding features and their documents in the layouts planning workflows use.
//!
//! - copilot-agent-factory, under the planning directory: `prd/{f}-{date}.md`,
//!   `epics/{f}-epics-{date}.md`, `stories/{f}-stories-{date}.md`,
//!   `architecture/{application,data,infrastructure}/{f}-{kind}-architecture-{date}.md`
//!   and the flat `architecture/{f}-{kind}-architecture-{date}.md`.
//! - BMAD, beside it: `docs/prd.md`, sharded `docs/prd/*.md`, `docs/architecture.md`,
//!   `docs/architecture/*.md`, `docs/epics.md`, `_bmad-output/planning-artifacts/*.md`.
//!   A BMAD project plans one product, so its feature is named after the project:
//!   its config's `project_name`, else its PRD's title, else its folder.
//! - spec-kit: `specs/NNN-name/spec.md` and `plan.md`; the feature is `name`.
//! - per-feature folders: `docs/features/{f}/*.md`.
//! - any other tree under the planning directory: one feature of all its
//!   documents, named from its PRD's title.
//!
//! Of several dated documents of one kind for one feature the newest is read and the
//! others are reported as superseded, because planning tools write a new dated file
//! for each revision instead of editing the old one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::requirements::DocKind;

use super::{date_from_name, kind_from_path};

/// Which convention a document was found through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    AgentFactory,
    Bmad,
    SpecKit,
    FeatureFolder,
    /// A planning folder in no known layout, read as one feature.
    Planning,
}

/// A document found on disk, not yet read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocEntry {
    pub path: PathBuf,
    pub kind: DocKind,
    /// `YYYYMMDD` from the file name.
    pub date: Option<String>,
    pub layout: Layout,
}

/// One feature and the documents that describe it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FeatureDocs {
    pub name: String,
    /// The documents to read: the newest of each kind (every shard for sharded kinds).
    pub docs: Vec<DocEntry>,
    /// Older dated documents replaced by a newer one of the same kind.
    pub superseded: Vec<DocEntry>,
}

impl FeatureDocs {
    /// Documents requirements are read from: everything but infrastructure
    /// architecture, which is this tool's output, not its input.
    pub fn inputs(&self) -> impl Iterator<Item = &DocEntry> {
        self.docs.iter().filter(|d| d.kind != DocKind::InfraArch)
    }

    /// The PRD the document cites as its source: the whole PRD, else the
    /// index of a sharded one, never one of its shards (a checklist or an
    /// epic list is not "the PRD").
    pub fn prd(&self) -> Option<&DocEntry> {
        let prds = || self.docs.iter().filter(|d| d.kind == DocKind::Prd);
        let shard = |d: &&DocEntry| {
            d.path
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("prd"))
        };
        let named = |d: &&DocEntry, name: &str| {
            d.path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(name))
        };
        prds()
            .find(|d| !shard(d))
            .or_else(|| prds().find(|d| named(d, "index.md")))
            .or_else(|| prds().next())
    }
}

/// A folder or file that could not be looked at; discovery goes on without it.
#[derive(Debug)]
pub struct Problem {
    pub path: PathBuf,
    pub error: Error,
}

/// What discovery found under a planning directory.
#[derive(Debug, Default)]
pub struct Inventory {
    /// The planning directory as given.
    pub planning: PathBuf,
    pub features: Vec<FeatureDocs>,
    pub problems: Vec<Problem>,
    /// The folders that exist and were searched, so messages name only
    /// those (never a `docs/planning` that is not there).
    pub searched: Vec<PathBuf>,
}

impl Inventory {
    /// Look a feature up by name (a spec-kit feature also answers to `NNN-name`).
    pub fn feature(&self, name: &str) -> Result<&FeatureDocs> {
        let wanted = name.trim().to_ascii_lowercase();
        self.features
            .iter()
            .find(|f| f.name == wanted || strip_number_prefix(&wanted) == f.name)
            .ok_or_else(|| Error::UnknownFeature {
                feature: name.to_string(),
                known: if self.features.is_empty() {
                    "none".to_string()
                } else {
                    self.features
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            })
    }
}

/// Folders are walked at most this deep below a layout's root: the layouts are
/// shallow, and a bound keeps a symlink loop from walking forever.
const MAX_DEPTH: usize = 4;

/// Find every feature under `planning` and beside it (BMAD, spec-kit).
pub fn discover(planning: &Path) -> Result<Inventory> {
    let planning = &super::clean_path(planning);
    let mut inv = Inventory {
        planning: planning.to_path_buf(),
        ..Default::default()
    };
    let planning_exists = planning.exists();
    if planning_exists && !planning.is_dir() {
        return Err(Error::NotADirectory {
            path: planning.to_path_buf(),
        });
    }
    let mut found: Vec<(String, DocEntry)> = Vec::new();
    let (docs_dir, project_dir) = neighbours(planning);
    // A BMAD project plans one product: its features are named after the
    // project (config, then PRD title), the folder name only as a last resort.
    let bmad_name = bmad_project_name(project_dir.as_deref(), docs_dir.as_deref(), planning);
    if planning_exists {
        inv.searched.push(planning.to_path_buf());
        // Only a planning folder of its own is read as an unknown tree: a
        // `docs/` folder or project root given as the planning directory is
        // read through the BMAD and spec-kit layouts below.
        let own_folder = !docs_dir
            .as_deref()
            .is_some_and(|d| is_same_dir(d, planning))
            && !project_dir
                .as_deref()
                .is_some_and(|p| is_same_dir(p, planning));
        if !scan_agent_factory(planning, &mut found, &mut inv.problems) && own_folder {
            scan_unknown_tree(
                planning,
                project_dir.as_deref(),
                &mut found,
                &mut inv.problems,
            );
        }
    }
    if let Some(docs) = &docs_dir {
        if !is_same_dir(docs, planning) {
            inv.searched.push(docs.clone());
        }
        scan_bmad_docs(docs, planning, &bmad_name, &mut found, &mut inv.problems);
        scan_feature_folders(&docs.join("features"), &mut found, &mut inv.problems);
    }
    if let Some(project) = &project_dir {
        let artifacts = project.join("_bmad-output").join("planning-artifacts");
        let specs = project.join("specs");
        for dir in [&artifacts, &specs] {
            if dir.is_dir() && !inv.searched.iter().any(|s| is_same_dir(s, dir)) {
                inv.searched.push(dir.clone());
            }
        }
        for path in list_md(&artifacts, 2, &mut inv.problems) {
            found.push((bmad_name.clone(), entry(path, Layout::Bmad)));
        }
        scan_spec_kit(&specs, &mut found, &mut inv.problems);
    }
    if found.is_empty() {
        if !planning_exists && docs_dir.is_none() && project_dir.is_none() {
            return Err(Error::NoPlanningDir {
                path: planning.to_path_buf(),
            });
        }
        if !planning_exists {
            return Err(Error::NoPlanningDir {
                path: planning.to_path_buf(),
            });
        }
        return Err(Error::NoDocuments {
            path: planning.to_path_buf(),
        });
    }
    inv.features = group(found);
    Ok(inv)
}

/// The `docs/` folder and project root around a planning directory, when the
/// planning directory sits at the conventional `docs/planning`, or is itself
/// a `docs/` folder or a project root.
fn neighbours(planning: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    let abs = std::path::absolute(planning).unwrap_or_else(|_| planning.to_path_buf());
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
    };
    if name(&abs).as_deref() == Some("planning")
        && let Some(docs) = abs.parent()
        && name(docs).as_deref() == Some("docs")
    {
        return (
            Some(docs.to_path_buf()).filter(|d| d.is_dir()),
            docs.parent().map(Path::to_path_buf).filter(|p| p.is_dir()),
        );
    }
    if name(&abs).as_deref() == Some("docs") && abs.is_dir() {
        return (Some(abs.clone()), abs.parent().map(Path::to_path_buf));
    }
    if abs.is_dir()
        && (abs.join("docs").is_dir()
            || abs.join("specs").is_dir()
            || abs.join("_bmad-output").is_dir())
    {
        let docs = abs.join("docs");
        return (docs.is_dir().then_some(docs), Some(abs));
    }
    (None, None)
}

fn is_same_dir(a: &Path, b: &Path) -> bool {
    std::path::absolute(a).ok() == std::path::absolute(b).ok()
}

/// Read at most this much of a document to find its title: the title is on
/// the first lines, and a bound keeps a huge file from being read whole.
const TITLE_READ_LIMIT: u64 = 64 * 1024;

/// The BMAD project's name: `project_name` in its config, else the PRD's
/// title, else the project folder.
fn bmad_project_name(project: Option<&Path>, docs: Option<&Path>, planning: &Path) -> String {
    if let Some(name) = project.and_then(bmad_config_name) {
        return name;
    }
    let mut prds: Vec<PathBuf> = Vec::new();
    if let Some(docs) = docs {
        let mut ignored = Vec::new();
        for p in read_dir(docs, &mut ignored) {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase());
            if n.as_deref() == Some("prd.md") && p.is_file() {
                prds.push(p.clone());
            }
            if n.as_deref() == Some("prd") && p.is_dir() {
                prds.push(p.join("index.md"));
            }
        }
    }
    if let Some(project) = project {
        let artifacts = project.join("_bmad-output").join("planning-artifacts");
        let mut ignored = Vec::new();
        prds.extend(
            list_md(&artifacts, 2, &mut ignored)
                .into_iter()
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().to_ascii_lowercase().contains("prd"))
                }),
        );
    }
    prds.sort_by_key(|p| !p.is_file());
    prds.iter()
        .find_map(|p| title_name(p))
        .unwrap_or_else(|| project_name(project, docs.unwrap_or(planning)))
}

#[derive(serde::Deserialize, Default)]
struct BmadConfig {
    #[serde(default, alias = "projectName", alias = "project")]
    project_name: Option<String>,
}

/// `project_name` from BMAD's config (`_bmad/*/config.yaml` in v6,
/// `.bmad-core/core-config.yaml` in v4), when one names the project.
fn bmad_config_name(project: &Path) -> Option<String> {
    let mut ignored = Vec::new();
    let mut files = vec![project.join(".bmad-core").join("core-config.yaml")];
    let bmad = project.join("_bmad");
    files.push(bmad.join("config.yaml"));
    for dir in list_dirs(&bmad, &mut ignored) {
        files.push(dir.join("config.yaml"));
    }
    files.into_iter().find_map(|f| {
        let text = read_head(&f)?;
        let config: BmadConfig = serde_saphyr::from_str(&text).ok()?;
        let slug = slugify(config.project_name?.trim());
        (!slug.is_empty()).then_some(slug)
    })
}

fn read_head(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut buf = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(TITLE_READ_LIMIT)
        .read_to_end(&mut buf)
        .ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// A feature name from a document's first `# ` heading.
fn title_name(path: &Path) -> Option<String> {
    let text = read_head(path)?;
    let title = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("# "))?;
    name_from_title(title)
}

/// `Acme Billing Product Requirements Document` → `acme-billing`: the words
/// that only say "this is a PRD" are not the product's name.
pub fn name_from_title(title: &str) -> Option<String> {
    const PHRASES: [&[&str]; 6] = [
        &["product", "requirements", "document"],
        &["product", "requirement", "document"],
        &["requirements", "document"],
        &["product", "requirements"],
        &["brownfield", "enhancement"],
        &["requirements", "specification"],
    ];
    const WORDS: [&str; 4] = ["prd", "requirements", "requirement", "draft"];
    const EDGE: [&str; 6] = ["for", "the", "of", "a", "an", "and"];
    let slug = slugify(title);
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    'outer: while i < words.len() {
        for phrase in PHRASES {
            if words[i..].starts_with(phrase) {
                i += phrase.len();
                continue 'outer;
            }
        }
        let w = words[i];
        let version =
            w.len() > 1 && w.starts_with('v') && w[1..].bytes().all(|b| b.is_ascii_digit());
        if !WORDS.contains(&w) && !version {
            kept.push(w);
        }
        i += 1;
    }
    while kept.first().is_some_and(|w| EDGE.contains(w)) {
        kept.remove(0);
    }
    while kept.last().is_some_and(|w| EDGE.contains(w)) {
        kept.pop();
    }
    let name = kept.join("-");
    (!name.is_empty()).then_some(name)
}

fn project_name(project: Option<&Path>, fallback: &Path) -> String {
    let dir = project.unwrap_or(fallback);
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let raw = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = slugify(&raw);
    if slug.is_empty() {
        "project".to_string()
    } else {
        slug
    }
}

/// Scan the copilot-agent-factory layout; false when the planning folder
/// does not follow it (no document in `prd/` and none named
/// `{feature}-{date}` or `{feature}-{kind}`), so that an unknown tree is not split into one bogus
/// feature per file.
fn scan_agent_factory(
    planning: &Path,
    found: &mut Vec<(String, DocEntry)>,
    problems: &mut Vec<Problem>,
) -> bool {
    let mut here = Vec::new();
    let mut follows = false;
    for sub in ["prd", "epics", "stories", "architecture"] {
        // A folder with the shard step's `index.md` holds the shards of one
        // BMAD document (`docs/prd/index.md`, `goals-and-background.md`…),
        // not one agent-factory document per feature: the BMAD scan, or the
        // unknown-tree scan, reads it as one.
        if matches!(sub, "prd" | "architecture") && planning.join(sub).join("index.md").is_file() {
            continue;
        }
        for path in list_md(&planning.join(sub), MAX_DEPTH, problems) {
            let Some(feature) = feature_from_name(&path) else {
                continue;
            };
            let e = entry(path, Layout::AgentFactory);
            // infrarch's own output follows the naming whatever the tree.
            // A document in the layout's own `prd/` folder is evidence too
            // (`prd/lending.md`): only loose architecture files are not.
            if e.kind != DocKind::InfraArch && (sub == "prd" || agent_factory_named(&e.path)) {
                follows = true;
            }
            here.push((feature, e));
        }
    }
    if follows {
        found.extend(here);
    }
    follows
}

/// Named as copilot-agent-factory names its documents: a date tail, or a
/// kind suffix (`checkout-prd`, `checkout-data-architecture`). A bare
/// `-architecture` is not evidence: `system-architecture.md` is any team's name.
fn agent_factory_named(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    date_from_name(path).is_some()
        || [
            "-application-architecture",
            "-data-architecture",
            "-infrastructure-architecture",
            "-epics",
            "-stories",
            "-prd",
        ]
        .iter()
        .any(|s| stem.ends_with(s))
}

/// A planning folder in no known layout: one feature made of every document
/// in it, named from its PRD's title (else the project), its requirements
/// document read as the PRD.
fn scan_unknown_tree(
    planning: &Path,
    project: Option<&Path>,
    found: &mut Vec<(String, DocEntry)>,
    problems: &mut Vec<Problem>,
) {
    let mut entries: Vec<DocEntry> = Vec::new();
    for path in list_md(planning, MAX_DEPTH, problems) {
        let mut e = entry(path, Layout::Planning);
        if e.kind == DocKind::Other {
            let name = e
                .path
                .file_stem()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if name.contains("requirement") || name.contains("prd") {
                e.kind = DocKind::Prd;
            }
        }
        entries.push(e);
    }
    // The PRD nearest the top names the feature (a top-level requirements
    // document over one in a sub-folder).
    let depth = |e: &DocEntry| e.path.components().count();
    let name = entries
        .iter()
        .filter(|e| e.kind == DocKind::Prd)
        .min_by_key(|e| (depth(e), e.path.clone()))
        .and_then(|e| title_name(&e.path))
        .unwrap_or_else(|| project_name(project, planning));
    for e in entries {
        // Generated documents of another feature are not this one's.
        if e.kind == DocKind::InfraArch && feature_from_name(&e.path).is_some_and(|f| f != name) {
            continue;
        }
        found.push((name.clone(), e));
    }
}

fn scan_bmad_docs(
    docs: &Path,
    planning: &Path,
    name: &str,
    found: &mut Vec<(String, DocEntry)>,
    problems: &mut Vec<Problem>,
) {
    // Names matched case-insensitively: `docs/PRD.md` is the PRD too.
    let mut top: Vec<PathBuf> = read_dir(docs, problems)
        .into_iter()
        .filter(|p| {
            p.is_file()
                && p.file_name().is_some_and(|n| {
                    let n = n.to_string_lossy().to_ascii_lowercase();
                    matches!(
                        n.as_str(),
                        "prd.md" | "architecture.md" | "epics.md" | "front-end-architecture.md"
                    )
                })
        })
        .collect();
    top.sort();
    for path in &top {
        found.push((name.to_string(), entry(path.clone(), Layout::Bmad)));
    }
    let planning_abs = std::path::absolute(planning).ok();
    let subdirs = list_dirs(docs, problems);
    // BMAD's shard step leaves the whole document beside its shards; reading
    // both would state every requirement twice and cite a shard.
    let whole = |name: &str| {
        top.iter().any(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(name))
        })
    };
    let (whole_prd, whole_arch) = (whole("prd.md"), whole("architecture.md"));
    for sub in ["prd", "architecture", "epics", "stories"] {
        let dir = subdirs
            .iter()
            .find(|d| {
                d.file_name()
                    .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(sub))
            })
            .cloned()
            .unwrap_or_else(|| docs.join(sub));
        // Shards (a folder with the shard step's `index.md`) of a document
        // that is also there whole.
        if ((sub == "prd" && whole_prd) || (sub == "architecture" && whole_arch))
            && dir.join("index.md").is_file()
        {
            continue;
        }
        if planning_abs
            .as_deref()
            .is_some_and(|p| std::path::absolute(&dir).ok().as_deref() == Some(p))
        {
            continue;
        }
        // Stories and epics are often filed per epic (`stories/epic-2/2.1.md`).
        let depth = if matches!(sub, "stories" | "epics") {
            3
        } else {
            1
        };
        for path in list_md(&dir, depth, problems) {
            let mut e = entry(path, Layout::Bmad);
            // A shard takes its kind from the folder it is in, whatever its own name.
            e.kind = match sub {
                "prd" => {
                    if e.kind == DocKind::Epics {
                        DocKind::Epics
                    } else {
                        DocKind::Prd
                    }
                }
                "architecture" => {
                    if e.kind == DocKind::DataArch {
                        DocKind::DataArch
                    } else {
                        DocKind::AppArch
                    }
                }
                "epics" => DocKind::Epics,
                _ => DocKind::Stories,
            };
            found.push((name.to_string(), e));
        }
    }
}

fn scan_feature_folders(
    features: &Path,
    found: &mut Vec<(String, DocEntry)>,
    problems: &mut Vec<Problem>,
) {
    for dir in list_dirs(features, problems) {
        let name = slugify(
            &dir.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        if name.is_empty() {
            continue;
        }
        for path in list_md(&dir, 2, problems) {
            found.push((name.clone(), entry(path, Layout::FeatureFolder)));
        }
    }
}

fn scan_spec_kit(specs: &Path, found: &mut Vec<(String, DocEntry)>, problems: &mut Vec<Problem>) {
    for dir in list_dirs(specs, problems) {
        let raw = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = strip_number_prefix(&slugify(&raw)).to_string();
        if name.is_empty() {
            continue;
        }
        for (file, kind) in [("spec.md", DocKind::Spec), ("plan.md", DocKind::Plan)] {
            let path = dir.join(file);
            if path.is_file() {
                let mut e = entry(path, Layout::SpecKit);
                e.kind = kind;
                found.push((name.clone(), e));
            }
        }
    }
}

fn entry(path: PathBuf, layout: Layout) -> DocEntry {
    DocEntry {
        kind: kind_from_path(&path),
        date: date_from_name(&path),
        path,
        layout,
    }
}

/// Group by feature; within a feature and kind, keep the newest dated document
/// (all of them when undated: shards and spec-kit files are not revisions).
fn group(found: Vec<(String, DocEntry)>) -> Vec<FeatureDocs> {
    let mut by_feature: BTreeMap<String, Vec<DocEntry>> = BTreeMap::new();
    for (name, e) in found {
        let list = by_feature.entry(name).or_default();
        if !list.iter().any(|x| x.path == e.path) {
            list.push(e);
        }
    }
    by_feature
        .into_iter()
        .map(|(name, mut entries)| {
            entries.sort_by(|a, b| {
                a.kind
                    .cmp(&b.kind)
                    .then_with(|| b.date.cmp(&a.date))
                    .then_with(|| a.path.cmp(&b.path))
            });
            let mut docs: Vec<DocEntry> = Vec::new();
            let mut superseded = Vec::new();
            for e in entries {
                let newer_of_kind = docs
                    .iter()
                    .any(|d| d.kind == e.kind && d.layout == e.layout && d.date.is_some());
                if newer_of_kind && e.layout == Layout::AgentFactory {
                    superseded.push(e);
                } else {
                    docs.push(e);
                }
            }
            FeatureDocs {
                name,
                docs,
                superseded,
            }
        })
        .collect()
}

/// `checkout-application-architecture-20260115.md` → `checkout`.
pub fn feature_from_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?.to_ascii_lowercase();
    let mut s = stem.as_str();
    if let Some((head, tail)) = s.rsplit_once('-')
        && tail.len() == 8
        && tail.bytes().all(|b| b.is_ascii_digit())
    {
        s = head;
    }
    for suffix in [
        "-infrastructure-architecture",
        "-infra-architecture",
        "-application-architecture",
        "-app-architecture",
        "-data-architecture",
        "-architecture",
        "-epics",
        "-epic",
        "-stories",
        "-story",
        "-prd",
    ] {
        if let Some(head) = s.strip_suffix(suffix) {
            s = head;
            break;
        }
    }
    let slug = slugify(s);
    (!slug.is_empty() && slug != "readme" && slug != "index").then_some(slug)
}

/// Lower-case letters, digits and single dashes.
pub fn slugify(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn strip_number_prefix(s: &str) -> &str {
    match s.split_once('-') {
        Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => s,
    }
}

fn list_dirs(dir: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = read_dir(dir, problems)
        .into_iter()
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// Markdown files below `dir`, at most `depth` levels down, sorted.
fn list_md(dir: &Path, depth: usize, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 1usize)];
    while let Some((d, level)) = stack.pop() {
        for p in read_dir(&d, problems) {
            let Ok(meta) = std::fs::metadata(&p) else {
                // A dangling symlink is said (the user may expect the file it
                // named to count); a file that vanished meanwhile is not.
                if p.symlink_metadata().is_ok() {
                    problems.push(Problem {
                        path: p.clone(),
                        error: Error::Invalid(format!(
                            "{}: dangling symlink (its target does not exist); skipped",
                            p.display()
                        )),
                    });
                }
                continue;
            };
            // Linked folders are not followed (as ripgrep does by default): a link
            // back up the tree would list every document twice, or loop.
            let linked = p
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink());
            // Hidden entries are never planning inputs: infrarch's own
            // `.revisions/` copies, editor and VCS folders.
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if meta.is_dir() && !linked {
                if level < depth {
                    stack.push((p, level + 1));
                }
            } else if p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read_dir(dir: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Vec::new(),
        Err(e) => {
            problems.push(Problem {
                path: dir.to_path_buf(),
                error: Error::io(dir, e),
            });
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_from_file_names() {
        let cases = [
            ("prd/checkout-20260105.md", Some("checkout")),
            ("epics/checkout-epics-20260110.md", Some("checkout")),
            ("stories/user-auth-stories-20260110.md", Some("user-auth")),
            (
                "architecture/application/checkout-application-architecture-20260115.md",
                Some("checkout"),
            ),
            (
                "architecture/checkout-data-architecture-20260116.md",
                Some("checkout"),
            ),
            ("prd/Checkout Flow.md", Some("checkout-flow")),
            ("prd/README.md", None),
        ];
        for (path, want) in cases {
            assert_eq!(
                feature_from_name(Path::new(path)).as_deref(),
                want,
                "{path}"
            );
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Check Out!"), "check-out");
        assert_eq!(slugify("../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("--"), "");
    }
}
