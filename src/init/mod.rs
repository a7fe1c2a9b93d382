//! `infrarch init`: detect what a repository says about its own stack,
//! deployment and cloud, and draft `infrarch.toml` from it.
//!
//! The rules (which file shows which fact) live in `data/detect.toml`; every
//! finding keeps the file that showed it, so the user sees why.

use std::path::{Path, PathBuf};

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The rules, compiled in.
pub const RULES_TOML: &str = include_str!("../../data/detect.toml");

/// Files larger than this are not read for patterns: manifests are small, and
/// a large generated file must not slow `init` down.
const MAX_SCAN_BYTES: u64 = 1024 * 1024;
/// How deep below the root files are looked at (monorepos keep services a
/// level or two down; deeper is dependencies and fixtures).
const MAX_DEPTH: usize = 4;

/// What a finding tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    Stack,
    Deployment,
    Cloud,
    Region,
    Iac,
}

#[derive(Debug, Deserialize)]
struct RuleFile {
    skip_dirs: Vec<String>,
    source_dir_names: Vec<String>,
    rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
struct RawRule {
    kind: Fact,
    name: Option<String>,
    ext: Option<String>,
    under: Option<String>,
    pattern: Option<String>,
    value: String,
    source: String,
    as_of: String,
}

struct Rule {
    raw: RawRule,
    pattern: Option<Regex>,
}

/// One fact and the file that showed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub fact: Fact,
    pub value: String,
    /// The file, relative to the project root, `/`-separated.
    pub file: String,
    /// The convention the rule encodes (from `data/detect.toml`).
    pub rule: String,
    /// Index of the rule in `data/detect.toml`: its priority.
    #[serde(skip)]
    pub priority: usize,
}

/// `infrarch.toml` as `init` writes it: the keys of the project file the design
/// reads (`cloud_provider`, `deployment_platform`, `tech_stack`,
/// `architecture_pattern`, `source_dirs`, `region`, `iac_tool`,
/// `existing_system`, `notes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectDraft {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_platform: Option<String>,
    pub tech_stack: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub architecture_pattern: Option<String>,
    pub source_dirs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iac_tool: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_system: Option<String>,
    pub notes: Vec<String>,
}

/// Everything `init` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detection {
    pub findings: Vec<Finding>,
    /// Source folders and why each was taken.
    pub source_dirs: Vec<(String, String)>,
    pub project: ProjectDraft,
}

fn rules() -> Result<(RuleFile, Vec<Rule>)> {
    let mut file: RuleFile = toml::from_str(RULES_TOML)
        .map_err(|e| Error::Invalid(format!("data/detect.toml: {}", e.message())))?;
    let raws = std::mem::take(&mut file.rule);
    let mut rules = Vec::with_capacity(raws.len());
    for raw in raws {
        if raw.source.is_empty() || raw.as_of.is_empty() {
            return Err(Error::Invalid(format!(
                "data/detect.toml: rule `{}` lacks source or as_of",
                raw.value
            )));
        }
        let pattern = match &raw.pattern {
            Some(p) => Some(Regex::new(p).map_err(|e| {
                Error::Invalid(format!("data/detect.toml: rule `{}`: {e}", raw.value))
            })?),
            None => None,
        };
        rules.push(Rule { raw, pattern });
    }
    Ok((file, rules))
}

impl Rule {
    /// Whether the path alone selects this rule.
    fn selects(&self, rel: &str, name: &str) -> bool {
        let r = &self.raw;
        if r.name.is_none() && r.ext.is_none() && r.under.is_none() {
            return false;
        }
        r.name.as_deref().is_none_or(|n| n == name)
            && r.ext.as_deref().is_none_or(|e| {
                name.rsplit_once('.')
                    .is_some_and(|(_, x)| x.eq_ignore_ascii_case(e))
            })
            && r.under.as_deref().is_none_or(|u| rel.starts_with(u))
    }
}

/// Walk `root` and apply every rule.
pub fn detect(root: &Path) -> Result<Detection> {
    if !root.is_dir() {
        return Err(Error::NotADirectory {
            path: root.to_path_buf(),
        });
    }
    let (file, rules) = rules()?;
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let skip = file.skip_dirs.clone();
    let walker = ignore::WalkBuilder::new(root)
        .max_depth(Some(MAX_DEPTH))
        // Hidden folders such as .github hold evidence; .git is skipped by name.
        .hidden(false)
        .git_ignore(true)
        .require_git(false)
        .filter_entry(move |e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && skip.iter().any(|s| e.file_name() == s.as_str()))
        })
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        files.push((rel, entry.path().to_path_buf()));
    }
    // Walk order depends on the file system; findings must not.
    files.sort();

    let mut findings = Vec::new();
    for (rel, path) in &files {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let mut text: Option<Option<String>> = None;
        for (priority, rule) in rules.iter().enumerate() {
            if !rule.selects(rel, name) {
                continue;
            }
            let value = match &rule.pattern {
                None => Some(rule.raw.value.clone()),
                Some(re) => {
                    let t = text.get_or_insert_with(|| read_small(path));
                    t.as_deref().and_then(|t| {
                        re.captures(t).map(|c| {
                            let mut v = String::new();
                            c.expand(&rule.raw.value, &mut v);
                            v
                        })
                    })
                }
            };
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                findings.push(Finding {
                    fact: rule.raw.kind,
                    value,
                    file: rel.clone(),
                    rule: rule.raw.source.clone(),
                    priority,
                });
            }
        }
    }
    // Priority is the rules' order in the data file, then the path.
    findings.sort_by(|a, b| {
        a.priority
            .cmp(&b.priority)
            .then_with(|| a.file.cmp(&b.file))
    });

    let source_dirs = source_dirs(root, &file.source_dir_names, &files);
    let project = draft(&findings, &source_dirs);
    Ok(Detection {
        findings,
        source_dirs,
        project,
    })
}

fn read_small(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_SCAN_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// Manifest file names whose folder is a deployable unit's source.
const MANIFESTS: &[&str] = &[
    "Cargo.toml",
    "package.json",
    "go.mod",
    "pyproject.toml",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "Gemfile",
    "composer.json",
];

fn source_dirs(
    root: &Path,
    names: &[String],
    files: &[(String, PathBuf)],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // A nested manifest marks a unit of its own (monorepo service or package).
    for (rel, _) in files {
        let Some((dir, name)) = rel.rsplit_once('/') else {
            continue;
        };
        let is_manifest = MANIFESTS.contains(&name) || name.ends_with(".csproj");
        if is_manifest && !out.iter().any(|(d, _)| d == dir) {
            out.push((dir.to_string(), format!("{rel} is a project manifest")));
        }
    }
    for n in names {
        let covered = out
            .iter()
            .any(|(d, _)| d == n || d.starts_with(&format!("{n}/")));
        if root.join(n).is_dir() && !covered {
            out.push((
                n.clone(),
                "conventional source folder at the root".to_string(),
            ));
        }
    }
    out.sort();
    out
}

fn draft(findings: &[Finding], source_dirs: &[(String, String)]) -> ProjectDraft {
    let first = |fact: Fact| findings.iter().find(|f| f.fact == fact);
    let distinct = |fact: Fact| {
        let mut v: Vec<&str> = Vec::new();
        for f in findings.iter().filter(|f| f.fact == fact) {
            if !v.contains(&f.value.as_str()) {
                v.push(&f.value);
            }
        }
        v
    };
    let mut notes = Vec::new();
    let clouds = distinct(Fact::Cloud);
    if clouds.len() > 1 {
        notes.push(format!(
            "infrarch init found hints of several clouds ({}); cloud_provider is the first by rule priority, check it",
            clouds.join(", ")
        ));
    }
    let regions = distinct(Fact::Region);
    if regions.len() > 1 {
        notes.push(format!(
            "several regions appear in the infrastructure code ({}); region is the first found",
            regions.join(", ")
        ));
    }
    let deployments = distinct(Fact::Deployment);
    let existing_system = first(Fact::Deployment).map(|_| {
        let mut by: Vec<String> = Vec::new();
        for d in &deployments {
            if let Some(f) = findings
                .iter()
                .find(|f| f.fact == Fact::Deployment && f.value == *d)
            {
                by.push(format!("{d} ({})", f.file));
            }
        }
        format!("deployment files in the repository: {}", by.join(", "))
    });
    ProjectDraft {
        cloud_provider: first(Fact::Cloud).map(|f| f.value.clone()),
        deployment_platform: first(Fact::Deployment).map(|f| f.value.clone()),
        tech_stack: distinct(Fact::Stack)
            .into_iter()
            .map(String::from)
            .collect(),
        architecture_pattern: None,
        source_dirs: source_dirs.iter().map(|(d, _)| d.clone()).collect(),
        region: first(Fact::Region).map(|f| f.value.clone()),
        iac_tool: first(Fact::Iac).map(|f| f.value.clone()),
        existing_system,
        notes,
    }
}

/// The `infrarch.toml` text for a draft, with a header saying where it came from.
pub fn to_toml(draft: &ProjectDraft) -> Result<String> {
    let body = toml::to_string(draft)
        .map_err(|e| Error::Invalid(format!("cannot write infrarch.toml: {e}")))?;
    let mut s = String::from(
        "# Project knowledge for infrarch, drafted by `infrarch init` from the files in this\n\
         # repository. Check every value; add architecture_pattern and notes (team, on-call,\n\
         # constraints) yourself. Every key is optional.\n",
    );
    s.push_str(&body);
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_provenance_and_compiles() {
        let (file, rules) = rules().unwrap();
        assert!(rules.len() > 40);
        assert!(file.skip_dirs.iter().any(|d| d == "node_modules"));
        for r in &rules {
            assert!(
                r.raw.name.is_some() || r.raw.ext.is_some() || r.raw.under.is_some(),
                "rule {} selects no file",
                r.raw.value
            );
            assert!(r.raw.as_of.len() == 10, "{}", r.raw.value);
        }
    }

    #[test]
    fn draft_keys_are_the_project_file_keys() {
        let d = ProjectDraft {
            cloud_provider: Some("aws".into()),
            deployment_platform: Some("kubernetes".into()),
            tech_stack: vec!["go".into()],
            architecture_pattern: Some("x".into()),
            source_dirs: vec!["cmd".into()],
            region: Some("eu-west-1".into()),
            iac_tool: Some("terraform".into()),
            existing_system: Some("y".into()),
            notes: vec!["z".into()],
        };
        let text = to_toml(&d).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        let mut keys: Vec<&str> = table.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "architecture_pattern",
                "cloud_provider",
                "deployment_platform",
                "existing_system",
                "iac_tool",
                "notes",
                "region",
                "source_dirs",
                "tech_stack"
            ]
        );
        assert_eq!(toml::from_str::<ProjectDraft>(&text).unwrap(), d);
    }
}
