//! The confirm step: the governing requirement values of a feature in a small
//! file a person can read, correct and confirm before anything is designed on
//! them (`architecture/infrastructure/{feature}-requirements.toml`, schema
//! `infrarch.confirmed/v1`).
//!
//! Extraction is good, not perfect; a misread number silently drives a
//! design. So `requirements --write` puts each governing value here with its
//! source and the values it did not use, a person edits or confirms them, and
//! `design` reads this file first. Lint's drift rule compares documents
//! against it, and the review gate writes reviewer-set values through
//! [`ConfirmFile::set`].

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::requirements::{Kind, Requirement, RequirementSet, Source, Value};

/// Schema tag of [`ConfirmFile`].
pub const CONFIRMED_SCHEMA: &str = "infrarch.confirmed/v1";

/// Where a value in the file stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read from the planning documents; nobody has checked it yet.
    Extracted,
    /// A person (or a reviewer) set or checked it.
    Confirmed,
    /// A person says this is not a requirement: the design must not use it.
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Extracted => "extracted",
            Status::Confirmed => "confirmed",
            Status::Rejected => "rejected",
        }
    }
}

/// A value of the kind the extraction found but did not use, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotUsed {
    #[schemars(with = "NumberOrText")]
    pub value: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<u8>,
    /// `path:line` of the statement.
    pub source: String,
    pub why: String,
}

/// JSON Schema stand-in for [`Value`]: a number in the kind's canonical unit
/// or a label.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum NumberOrText {
    Number(f64),
    Text(String),
}

/// One governing value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmedValue {
    /// `availability`, `latency`, `throughput`, `concurrent_users`, `rto`,
    /// `rpo`, `data_volume`, `compliance`, `residency`, `budget`, `cloud`,
    /// `platform`, …
    #[schemars(with = "String")]
    pub kind: Kind,
    /// A number in the kind's canonical unit (percent, ms, rps, users, s,
    /// bytes, USD/month) or a label (`PCI-DSS`, `EU`, `aws`, `kubernetes`).
    #[schemars(with = "NumberOrText")]
    pub value: Value,
    /// Latency only: 50, 90, 95, 99, or 100 for a maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub percentile: Option<u8>,
    pub status: Status,
    /// Where the value comes from: `path:line`, `review feedback`, `person`.
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Other values of this kind the documents state, not used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_used: Vec<NotUsed>,
}

/// The file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmFile {
    /// Always `infrarch.confirmed/v1`.
    pub schema: String,
    pub feature: String,
    /// What the documents leave open: conflicting or ambiguous statements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    #[serde(default, rename = "value")]
    pub values: Vec<ConfirmedValue>,
}

fn source_text(s: &Source) -> String {
    if s.line == 0 {
        s.path.clone()
    } else {
        format!("{}:{}", s.path, s.line)
    }
}

/// Why `other` is not the governing value `primary`.
fn why_not_used(set: &RequirementSet, primary: &Requirement, other: &Requirement) -> String {
    let conflicting = set
        .conflicts
        .iter()
        .any(|c| c.kind == other.kind && c.values.contains(&other.value));
    if other.phase.is_some() && other.phase != primary.phase {
        return format!(
            "{} target; {} governs",
            other.phase.as_deref().unwrap_or(""),
            primary.phase.as_deref().unwrap_or("the production value")
        );
    }
    if other.kind == Kind::Latency && other.subject != primary.subject {
        return format!(
            "a target for {}; {} governs",
            other.subject.as_deref().unwrap_or("another operation"),
            primary.id
        );
    }
    if conflicting {
        return format!("conflicts with {}; the stricter value is used", primary.id);
    }
    format!("{} governs", primary.id)
}

impl ConfirmFile {
    /// The governing values of an extraction, each `extracted`, with the
    /// values not used and the open questions.
    pub fn from_set(set: &RequirementSet) -> ConfirmFile {
        let mut values = Vec::new();
        for kind in Kind::ALL {
            if kind.is_set() {
                for r in set.all(kind) {
                    if !values
                        .iter()
                        .any(|v: &ConfirmedValue| v.kind == kind && v.value == r.value)
                    {
                        values.push(ConfirmedValue::from_requirement(r, Status::Extracted));
                    }
                }
                continue;
            }
            let Some(p) = set.primary(kind) else { continue };
            let mut v = ConfirmedValue::from_requirement(p, Status::Extracted);
            v.not_used = set
                .all(kind)
                .filter(|r| !r.primary)
                .map(|r| NotUsed {
                    value: r.value.clone(),
                    percentile: r.percentile,
                    source: source_text(&r.source),
                    why: why_not_used(set, p, r),
                })
                .collect();
            values.push(v);
        }
        let questions = set
            .conflicts
            .iter()
            .map(|c| {
                let options: Vec<String> = c
                    .values
                    .iter()
                    .zip(&c.sources)
                    .map(|(v, s)| format!("{v} ({}: \"{}\")", source_text(s), s.excerpt))
                    .collect();
                match &c.resolved {
                    Some(r) => format!(
                        "{}: the documents disagree ({}); {r} is used. Which governs?",
                        c.kind,
                        options.join(" vs ")
                    ),
                    None => format!(
                        "{}: two readings are plausible ({}); neither is used. Which is meant?",
                        c.kind,
                        options.join(" vs ")
                    ),
                }
            })
            .chain(set.ambiguities.iter().map(|a| {
                format!(
                    "{} (\"{}\") reads as {}; neither is used. Which is meant? Add it as a value below.",
                    source_text(&a.source),
                    a.source.excerpt,
                    a.readings.join(", or as ")
                )
            }))
            .collect();
        ConfirmFile {
            schema: CONFIRMED_SCHEMA.to_string(),
            feature: set.feature.clone(),
            questions,
            values,
        }
    }

    /// Set the governing value of a kind (a person's or a reviewer's
    /// decision). For a label kind the label is added (or re-stated); for a
    /// numeric kind it replaces the value, and the old one is kept as not used.
    pub fn set(
        &mut self,
        kind: Kind,
        value: Value,
        percentile: Option<u8>,
        status: Status,
        source: &str,
    ) {
        let new = ConfirmedValue {
            kind,
            value,
            percentile,
            status,
            source: source.to_string(),
            excerpt: None,
            subject: None,
            qualifier: None,
            phase: None,
            not_used: Vec::new(),
        };
        if kind.is_set() {
            match self
                .values
                .iter_mut()
                .find(|v| v.kind == kind && v.value == new.value)
            {
                Some(v) => *v = new,
                None => self.values.push(new),
            }
            return;
        }
        match self.values.iter_mut().find(|v| v.kind == kind) {
            Some(old) => {
                let mut new = new;
                new.not_used = std::mem::take(&mut old.not_used);
                if old.value != new.value {
                    new.not_used.insert(
                        0,
                        NotUsed {
                            value: old.value.clone(),
                            percentile: old.percentile,
                            source: old.source.clone(),
                            why: format!("replaced by {source}"),
                        },
                    );
                }
                *old = new;
            }
            None => self.values.push(new),
        }
    }

    /// Parse the file's text, checking the schema tag and each value's type.
    pub fn parse(text: &str, path: &Path) -> Result<ConfirmFile> {
        let file: ConfirmFile = toml::from_str(text).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            message: e.message().to_string(),
        })?;
        file.validate().map_err(|message| Error::Parse {
            path: path.to_path_buf(),
            message,
        })?;
        Ok(file)
    }

    /// Values must fit their kind: a number for a numeric kind (finite, and a
    /// percentage within 0–100), a label for a label kind.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if self.schema != CONFIRMED_SCHEMA {
            return Err(format!(
                "schema is `{}`, expected `{CONFIRMED_SCHEMA}`",
                self.schema
            ));
        }
        for v in &self.values {
            validate_value(v)?;
        }
        Ok(())
    }

    /// TOML text of the file, with a header telling a person what to do.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_default();
        format!(
            "# Requirements infrarch extracted for `{}`. Check each value: correct it and set\n\
             # status = \"confirmed\", or set status = \"rejected\" if it is not a requirement.\n\
             # `infrarch design` reads this file first; values here govern the design.\n\n{body}",
            self.feature
        )
    }
}

/// One value against its kind.
pub fn validate_value(v: &ConfirmedValue) -> std::result::Result<(), String> {
    match (&v.value, v.kind.is_set()) {
        (Value::Text(t), true) if !t.trim().is_empty() => {}
        (Value::Number(n), false) if n.is_finite() && *n >= 0.0 => {
            if v.kind == Kind::Availability && *n > 100.0 {
                return Err(format!("availability {n} is over 100 (percent)"));
            }
        }
        (Value::Text(t), false) => {
            return Err(format!(
                "{} needs a number in {}, got `{t}`",
                v.kind,
                v.kind.canonical_unit()
            ));
        }
        (Value::Number(n), true) => {
            return Err(format!("{} needs a label, got {n}", v.kind));
        }
        _ => return Err(format!("{}: empty or negative value", v.kind)),
    }
    if let Some(p) = v.percentile
        && (p == 0 || p > 100)
    {
        return Err(format!("percentile {p} is not within 1–100"));
    }
    Ok(())
}

impl ConfirmedValue {
    fn from_requirement(r: &Requirement, status: Status) -> ConfirmedValue {
        ConfirmedValue {
            kind: r.kind,
            value: r.value.clone(),
            percentile: r.percentile,
            status,
            source: source_text(&r.source),
            excerpt: (!r.source.excerpt.is_empty()).then(|| r.source.excerpt.clone()),
            subject: r.subject.clone(),
            qualifier: r.qualifier.clone(),
            phase: r.phase.clone(),
            not_used: Vec::new(),
        }
    }
}

/// The confirm file of a feature under a planning directory.
pub fn path(planning: &Path, feature: &str) -> PathBuf {
    crate::write::document_dir(planning).join(format!("{feature}-requirements.toml"))
}

/// Read a confirm file; `None` when there is none.
pub fn load(path: &Path) -> Result<Option<ConfirmFile>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    ConfirmFile::parse(&text, path).map(Some)
}

/// What [`write`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// Copy of the file it replaced (only with `force`).
    pub backup: Option<PathBuf>,
}

/// Write a confirm file. An existing one holds a person's edits: it is never
/// replaced without `force`, and with `force` it is first copied to
/// `{path}.bak-N` (the first free N).
pub fn write(path: &Path, file: &ConfirmFile, force: bool) -> Result<Written> {
    let mut backup = None;
    if path.exists() {
        if !force {
            return Err(Error::Invalid(format!(
                "{} exists and may hold confirmed values; pass --force to replace it (a backup is kept)",
                path.display()
            )));
        }
        let mut n = 1;
        let b = loop {
            let candidate = PathBuf::from(format!("{}.bak-{n}", path.display()));
            if !candidate.exists() {
                break candidate;
            }
            n += 1;
        };
        std::fs::copy(path, &b).map_err(|e| Error::io(&b, e))?;
        backup = Some(b);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    crate::write::replace_atomic(path, file.to_toml().as_bytes())
        .map_err(|e| Error::Invalid(e.to_string()))?;
    Ok(Written {
        path: path.to_path_buf(),
        backup,
    })
}

/// `path:line` back into its parts.
fn parse_source(s: &str) -> Option<(String, usize)> {
    let (path, line) = s.rsplit_once(':')?;
    let line = line.parse().ok()?;
    (!path.is_empty()).then(|| (path.to_string(), line))
}

/// The marker a requirement from the file carries in its qualifier.
fn mark(status: Status) -> &'static str {
    match status {
        Status::Confirmed => "confirmed",
        _ => "extracted, not confirmed",
    }
}

/// Make the file's values govern an extraction. Kinds the file lists are
/// replaced by its values (rejected ones dropped); the extraction's other
/// values of those kinds stay as not primary; kinds the file does not list
/// keep what was extracted. A value a person changed but left `extracted` is
/// treated as confirmed: someone edited it. `display_path` names the file
/// in sources.
pub fn apply(file: &ConfirmFile, set: &mut RequirementSet, display_path: &str) {
    let fresh = set.clone();
    let listed: Vec<Kind> = {
        let mut k: Vec<Kind> = file.values.iter().map(|v| v.kind).collect();
        k.sort();
        k.dedup();
        k
    };
    for kind in &listed {
        let entries: Vec<&ConfirmedValue> =
            file.values.iter().filter(|v| v.kind == *kind).collect();
        if kind.is_set() {
            set.requirements.retain(|r| r.kind != *kind);
        } else {
            for r in set.requirements.iter_mut().filter(|r| r.kind == *kind) {
                r.primary = false;
            }
        }
        // A rejected value is not a requirement, wherever it was read.
        for e in entries.iter().filter(|e| e.status == Status::Rejected) {
            set.requirements
                .retain(|r| !(r.kind == *kind && r.value == e.value));
        }
        let mut first = true;
        for e in entries.iter().filter(|e| e.status != Status::Rejected) {
            let edited = fresh
                .primary(*kind)
                .is_none_or(|p| p.value != e.value || p.percentile != e.percentile)
                && !kind.is_set();
            let status = if edited { Status::Confirmed } else { e.status };
            let qualifier = match &e.qualifier {
                Some(q) if !q.is_empty() => format!("{q}; {}", mark(status)),
                _ => mark(status).to_string(),
            };
            set.requirements.push(Requirement {
                id: String::new(),
                kind: *kind,
                value: e.value.clone(),
                unit: kind.canonical_unit().to_string(),
                percentile: e.percentile,
                primary: first || kind.is_set(),
                qualifier: Some(qualifier),
                phase: e.phase.clone(),
                subject: e.subject.clone(),
                // An unconfirmed value still comes from its document; a
                // confirmed one from the person who confirmed it, in the file.
                source: match (status, parse_source(&e.source)) {
                    (Status::Extracted, Some((path, line))) => Source {
                        path,
                        line,
                        excerpt: e.excerpt.clone().unwrap_or_default(),
                    },
                    _ => Source {
                        path: display_path.to_string(),
                        line: 0,
                        excerpt: format!("{} (from {})", status.as_str(), e.source),
                    },
                },
            });
            first = false;
        }
        if !kind.is_set() && set.primary(*kind).is_none() {
            // Every value was rejected: the kind is missing, the design assumes.
            set.requirements.retain(|r| r.kind != *kind);
        }
        set.conflicts.retain(|c| c.kind != *kind);
    }
    // Primary first within a kind, kinds in the usual order; fresh ids.
    set.requirements.sort_by_key(|r| (r.kind, !r.primary));
    for (n, r) in set.requirements.iter_mut().enumerate() {
        r.id = format!("R{}", n + 1);
    }
    set.missing = Kind::ALL
        .into_iter()
        .filter(|k| !set.requirements.iter().any(|r| r.kind == *k))
        .collect();
}

/// The feature a generated document belongs to, from its file name
/// (`{feature}-infrastructure-architecture-{date}.md`).
pub fn feature_of_document(doc: &Path) -> Option<String> {
    let stem = doc.file_stem()?.to_str()?;
    let (feature, _) = stem.split_once("-infrastructure-architecture")?;
    (!feature.is_empty()).then(|| feature.to_string())
}

/// `set` with the confirm file beside a generated document applied (for the
/// drift lint); `None` when there is no such file or it cannot be read.
pub fn for_document(doc: &Path, set: &RequirementSet) -> Option<RequirementSet> {
    let feature = feature_of_document(doc)?;
    let path = doc
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!("{feature}-requirements.toml"));
    let file = load(&path).ok()??;
    let mut out = set.clone();
    apply(&file, &mut out, &path.display().to_string());
    Some(out)
}

/// Confirmed values for the document in `doc_dir` of `feature` (for the drift
/// lint): the values of the feature's confirm file beside the document,
/// rejected ones left out. Empty when there is no file or it cannot be read.
pub fn confirmed_values(doc_dir: &Path, feature: &str) -> Vec<ConfirmedValue> {
    let p = doc_dir.join(format!("{feature}-requirements.toml"));
    match load(&p) {
        Ok(Some(f)) => f
            .values
            .into_iter()
            .filter(|v| v.status != Status::Rejected)
            .collect(),
        _ => Vec::new(),
    }
}

/// JSON Schema of a list of values (the MCP `design` tool's `values`).
pub fn values_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Vec<ConfirmedValue>)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requirements::REQUIREMENTS_SCHEMA;

    fn req(id: &str, kind: Kind, value: Value, primary: bool, line: usize) -> Requirement {
        Requirement {
            id: id.into(),
            kind,
            value,
            unit: kind.canonical_unit().into(),
            percentile: None,
            primary,
            qualifier: None,
            phase: None,
            subject: None,
            source: Source {
                path: "docs/prd.md".into(),
                line,
                excerpt: format!("line {line}"),
            },
        }
    }

    fn set() -> RequirementSet {
        RequirementSet {
            schema: REQUIREMENTS_SCHEMA.into(),
            feature: "shop".into(),
            sources: vec![],
            requirements: vec![
                req("R1", Kind::Availability, Value::Number(99.9), true, 4),
                req("R2", Kind::Availability, Value::Number(99.5), false, 9),
                req("R3", Kind::Cloud, Value::Text("aws".into()), true, 12),
            ],
            conflicts: vec![],
            missing: vec![Kind::Latency],
            technologies: vec![],
            superseded: vec![],
            ambiguities: Vec::new(),
        }
    }

    #[test]
    fn from_set_keeps_governing_values_with_alternatives_and_round_trips_toml() {
        let f = ConfirmFile::from_set(&set());
        assert_eq!(f.values.len(), 2);
        assert_eq!(f.values[0].value, Value::Number(99.9));
        assert_eq!(f.values[0].source, "docs/prd.md:4");
        assert_eq!(f.values[0].not_used[0].value, Value::Number(99.5));
        let text = f.to_toml();
        let back = ConfirmFile::parse(&text, Path::new("x.toml")).unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn an_edited_value_governs_and_is_marked_confirmed() {
        let mut f = ConfirmFile::from_set(&set());
        f.values[0].value = Value::Number(99.95);
        let mut s = set();
        apply(&f, &mut s, "arch/shop-requirements.toml");
        let p = s.primary(Kind::Availability).unwrap();
        assert_eq!(p.value, Value::Number(99.95));
        assert_eq!(p.qualifier.as_deref(), Some("confirmed"));
        assert_eq!(p.source.path, "arch/shop-requirements.toml");
        // The unchanged cloud stays extracted, and the document says so.
        let c = s.primary(Kind::Cloud).unwrap();
        assert_eq!(c.qualifier.as_deref(), Some("extracted, not confirmed"));
        assert_eq!((c.source.path.as_str(), c.source.line), ("docs/prd.md", 12));
        assert_eq!(s.all(Kind::Availability).count(), 3);
        assert_eq!(
            s.requirements.iter().filter(|r| r.primary).count(),
            2,
            "one primary per kind"
        );
    }

    #[test]
    fn a_rejected_value_is_dropped_and_its_kind_becomes_missing() {
        let mut f = ConfirmFile::from_set(&set());
        f.values[1].status = Status::Rejected;
        let mut s = set();
        apply(&f, &mut s, "x");
        assert!(s.primary(Kind::Cloud).is_none());
        assert!(s.missing.contains(&Kind::Cloud));
    }

    #[test]
    fn set_replaces_a_value_and_keeps_the_old_one_as_not_used() {
        let mut f = ConfirmFile::from_set(&set());
        f.set(
            Kind::Availability,
            Value::Number(99.99),
            None,
            Status::Confirmed,
            "review feedback",
        );
        assert_eq!(f.values[0].value, Value::Number(99.99));
        assert_eq!(f.values[0].not_used[0].value, Value::Number(99.9));
        assert_eq!(f.values[0].not_used.len(), 2);
    }

    #[test]
    fn bad_files_are_one_line_errors() {
        let cases = [
            ("schema = \"x\"\nfeature = \"a\"\n", "schema is"),
            (
                "schema = \"infrarch.confirmed/v1\"\nfeature = \"a\"\n[[value]]\nkind = \"availability\"\nvalue = \"high\"\nstatus = \"confirmed\"\n",
                "needs a number",
            ),
            (
                "schema = \"infrarch.confirmed/v1\"\nfeature = \"a\"\n[[value]]\nkind = \"availability\"\nvalue = 120\nstatus = \"confirmed\"\n",
                "over 100",
            ),
            (
                "schema = \"infrarch.confirmed/v1\"\nfeature = \"a\"\n[[value]]\nkind = \"cloud\"\nvalue = 3\nstatus = \"confirmed\"\n",
                "needs a label",
            ),
            (
                "schema = \"infrarch.confirmed/v1\"\nfeature = \"a\"\n[[value]]\nkind = \"speed\"\nvalue = 3\nstatus = \"confirmed\"\n",
                "",
            ),
        ];
        for (text, want) in cases {
            let e = ConfirmFile::parse(text, Path::new("f.toml"))
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("f.toml: ") && e.contains(want), "{e}");
            assert!(!e.trim_end().contains('\n'), "one line: {e}");
        }
    }

    #[test]
    fn write_never_replaces_a_file_without_force_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/shop-requirements.toml");
        let f = ConfirmFile::from_set(&set());
        assert_eq!(write(&p, &f, false).unwrap().backup, None);
        std::fs::write(&p, "edited by a person").unwrap();
        assert!(write(&p, &f, false).is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "edited by a person");
        let w = write(&p, &f, true).unwrap();
        let b = w.backup.unwrap();
        assert!(b.to_string_lossy().ends_with(".bak-1"));
        assert_eq!(std::fs::read_to_string(b).unwrap(), "edited by a person");
        assert_eq!(load(&p).unwrap().unwrap(), f);
    }

    #[test]
    fn a_document_finds_its_feature_and_confirm_file() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir
            .path()
            .join("shop-infrastructure-architecture-20261203.md");
        assert_eq!(feature_of_document(&doc).as_deref(), Some("shop"));
        assert!(for_document(&doc, &set()).is_none());
        let mut f = ConfirmFile::from_set(&set());
        f.values[0].value = Value::Number(99.99);
        write(&dir.path().join("shop-requirements.toml"), &f, false).unwrap();
        let s = for_document(&doc, &set()).unwrap();
        assert_eq!(s.number(Kind::Availability), Some(99.99));
    }

    #[test]
    fn the_values_schema_names_the_fields() {
        let s = values_schema().to_string();
        for k in ["kind", "value", "status", "percentile", "not_used"] {
            assert!(s.contains(k), "{k}");
        }
    }
}
