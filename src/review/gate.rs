//! The gate's actions on one document: submit, approve, skip, revise.
//!
//! A [`Gate`] holds an exclusive lock on the document for as long as it lives,
//! so two review commands on one document never interleave: the second is
//! refused with a message naming the document. Every write is atomic, and a
//! revision keeps the one it replaces under `.revisions/` beside the document.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::design::Design;
use crate::review::adrs;
use crate::review::directives::{self, Directive};
use crate::review::state::{
    Action, HistoryEntry, ReviewState, Sidecar, Status, adr_span, set_adr_status,
    set_header_status, set_history, sha256,
};
use crate::write::model_path;

/// Why a gate action did not happen.
#[derive(Debug, thiserror::Error)]
pub enum GateError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: another infrarch command is reviewing this document; try again when it has finished", path.display())]
    Locked { path: PathBuf },
    #[error("{}: no review state beside it ({} is missing); the gate works on documents written by `infrarch design`", doc.display(), sidecar.display())]
    NoSidecar { doc: PathBuf, sidecar: PathBuf },
    #[error("{}: {message}", path.display())]
    BadSidecar { path: PathBuf, message: String },
    #[error("{}: edited by hand since infrarch wrote revision {revision}; nothing was written. Review the changes below, then rerun with --force to replace them (the edited file is kept under .revisions/)\n{diff}", path.display())]
    HandEdited {
        path: PathBuf,
        revision: u32,
        diff: String,
    },
    #[error("{}: lint reports {count} error(s); fix them (see `infrarch lint {}`) or approve with --force", path.display(), path.display())]
    LintErrors { path: PathBuf, count: usize },
    #[error("{}: already approved", path.display())]
    AlreadyApproved { path: PathBuf },
    #[error("revision failed: {0}")]
    Redesign(String),
}

type Result<T> = std::result::Result<T, GateError>;

/// What an action did, for the caller to report.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Status,
    pub revision: u32,
    /// One line per thing that changed.
    pub changes: Vec<String>,
    /// Feedback that was not understood, now an open question.
    pub unrecognised: Vec<String>,
    /// The previous revision, when one was kept.
    pub previous: Option<PathBuf>,
}

/// What a revision re-runs the design with.
#[derive(Debug, Clone)]
pub struct ReviseInputs<'a> {
    /// The planning directory, resolved.
    pub planning: PathBuf,
    pub feature: &'a str,
    /// Every directive so far, the new ones last.
    pub directives: &'a [Directive],
    /// Feedback not understood (all revisions), to list as open questions.
    pub open_feedback: &'a [String],
    /// The design being revised.
    pub previous: &'a Design,
}

/// An open document under review.
#[derive(Debug)]
pub struct Gate {
    pub doc: PathBuf,
    pub sidecar_path: PathBuf,
    /// The document as it is on disk now.
    pub text: String,
    pub sidecar: Sidecar,
    _lock: File,
}

fn io(path: &Path, source: std::io::Error) -> GateError {
    GateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Gate {
    /// Open a document and take its lock.
    pub fn open(doc: &Path) -> Result<Gate> {
        let text = std::fs::read_to_string(doc).map_err(|e| io(doc, e))?;
        let sidecar_path = model_path(doc);
        let lock_path = {
            let mut name = doc.file_name().unwrap_or_default().to_os_string();
            name.push(".lock");
            doc.with_file_name(format!(".{}", name.to_string_lossy()))
        };
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| io(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(GateError::Locked {
                    path: doc.to_path_buf(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&lock_path, e)),
        }
        let raw = match std::fs::read_to_string(&sidecar_path) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(GateError::NoSidecar {
                    doc: doc.to_path_buf(),
                    sidecar: sidecar_path,
                });
            }
            Err(e) => return Err(io(&sidecar_path, e)),
        };
        let mut sidecar: Sidecar =
            serde_json::from_str(&raw).map_err(|e| GateError::BadSidecar {
                path: sidecar_path.clone(),
                message: format!("not an infrarch design model: {e}"),
            })?;
        if sidecar.review.document_sha256.is_empty() {
            // A sidecar written without review state: start it from the document.
            sidecar.review = initial_state(&text, "", "");
        }
        Ok(Gate {
            doc: doc.to_path_buf(),
            sidecar_path,
            text,
            sidecar,
            _lock: lock,
        })
    }

    pub fn status(&self) -> Status {
        self.sidecar.review.status
    }

    /// Has someone changed the document since infrarch last wrote it?
    pub fn hand_edited(&self) -> bool {
        sha256(&self.text) != self.sidecar.review.document_sha256
    }

    /// Unified diff from what infrarch last wrote to the document as it is.
    pub fn hand_edits(&self) -> String {
        unified(
            &self.sidecar.review.document,
            &self.text,
            "as infrarch wrote it",
            "on disk",
        )
    }

    /// Unified diff from the previous revision to this one, if one was kept.
    pub fn diff_previous(&self) -> Option<String> {
        let prev = self
            .sidecar
            .review
            .history
            .iter()
            .rev()
            .find_map(|h| h.previous.clone())?;
        let path = self.doc.parent().unwrap_or(Path::new(".")).join(&prev);
        let old = std::fs::read_to_string(path).ok()?;
        Some(unified(
            &old,
            &self.text,
            &prev,
            &self.doc.display().to_string(),
        ))
    }

    /// Draft → In Review, when the reviewer first looks at the document.
    pub fn submit(&mut self, date: &str) -> Result<Option<Outcome>> {
        if self.status() != Status::Draft {
            return Ok(None);
        }
        let text = set_header_status(&self.text, Status::InReview);
        self.record(
            text,
            Action::Submitted,
            date,
            Status::InReview,
            String::new(),
        )?;
        Ok(Some(self.outcome(
            vec!["status: Draft → In Review".into()],
            vec![],
            None,
        )))
    }

    /// Approve: Accepted ADRs, status Approved. Refused while lint reports
    /// errors, unless forced.
    pub fn approve(&mut self, date: &str, lint_errors: usize, force: bool) -> Result<Outcome> {
        if self.status() == Status::Approved {
            return Err(GateError::AlreadyApproved {
                path: self.doc.clone(),
            });
        }
        if lint_errors > 0 && !force {
            return Err(GateError::LintErrors {
                path: self.doc.clone(),
                count: lint_errors,
            });
        }
        let mut text = set_header_status(&self.text, Status::Approved);
        let mut changes = vec![format!("status: {} → Approved", self.status())];
        for adr in self.sidecar.design.adrs.iter_mut() {
            if adr.status.trim().eq_ignore_ascii_case("proposed") {
                adr.status = "Accepted".into();
                text = set_adr_status(&text, &adr.id, "Accepted");
                changes.push(format!("{}: Proposed → Accepted", adr.id));
            }
        }
        let note = if lint_errors > 0 {
            format!("approved with --force over {lint_errors} lint error(s)")
        } else {
            String::new()
        };
        self.record(text, Action::Approved, date, Status::Approved, note)?;
        Ok(self.outcome(changes, vec![], None))
    }

    /// Skip the phase: recorded for the orchestrator; the document stays as it is.
    pub fn skip(&mut self, date: &str) -> Result<Outcome> {
        self.sidecar.review.skipped = true;
        let status = self.status();
        let text = self.text.clone();
        self.record(text, Action::Skipped, date, status, "phase skipped".into())?;
        Ok(self.outcome(vec!["phase recorded as skipped".into()], vec![], None))
    }

    /// Revise with feedback: read directives, re-run the design with all of
    /// them, keep frozen ADRs, write a new revision and keep the previous one.
    pub fn revise(
        &mut self,
        date: &str,
        feedback: &str,
        force: bool,
        redesign: &dyn Fn(&ReviseInputs<'_>) -> std::result::Result<Design, String>,
        render: &dyn Fn(&Design, &[HistoryEntry]) -> String,
    ) -> Result<Outcome> {
        if self.hand_edited() && !force {
            return Err(GateError::HandEdited {
                path: self.doc.clone(),
                revision: self.sidecar.review.revision,
                diff: self.hand_edits(),
            });
        }
        let parsed = directives::parse(feedback);
        let mut all = self.sidecar.review.directives.clone();
        all.extend(parsed.directives.iter().cloned());
        let mut open = self.sidecar.review.open_feedback.clone();
        open.extend(parsed.unrecognised.iter().cloned());

        let planning = self
            .doc
            .parent()
            .unwrap_or(Path::new("."))
            .join(&self.sidecar.review.planning);
        let inputs = ReviseInputs {
            planning,
            feature: &self.sidecar.design.feature,
            directives: &all,
            open_feedback: &open,
            previous: &self.sidecar.design,
        };
        let mut design = redesign(&inputs).map_err(GateError::Redesign)?;
        let merged = adrs::merge(&self.sidecar.design.adrs, std::mem::take(&mut design.adrs));
        design.adrs = merged.adrs.clone();

        let revision = self.sidecar.review.revision + 1;
        let previous = self.keep_previous()?;
        let mut history = self.sidecar.review.history.clone();
        let entry = HistoryEntry {
            revision,
            action: Action::Revised,
            date: date.to_string(),
            status: Status::InReview,
            note: revision_note(&parsed.directives, &parsed.unrecognised, &merged),
            feedback: Some(feedback.to_string()),
            directives: parsed.directives.clone(),
            unrecognised: parsed.unrecognised.clone(),
            previous: Some(previous.clone()),
        };
        history.push(entry.clone());

        let mut text = render(&design, &history);
        text = set_header_status(&text, Status::InReview);
        // Frozen ADRs: the previous text, byte for byte, but for the status line.
        for id in &merged.frozen {
            let Some(adr) = design.adrs.iter().find(|a| &a.id == id) else {
                continue;
            };
            if let (Some((os, oe)), Some((ns, ne))) =
                (adr_span(&self.text, id), adr_span(&text, id))
            {
                let old = set_adr_status(&self.text[os..oe], id, &adr.status);
                text = format!("{}{}{}", &text[..ns], old, &text[ne..]);
            }
        }
        text = set_history(&text, &history);

        let mut changes: Vec<String> = parsed
            .directives
            .iter()
            .map(|d| format!("applied: {}", describe(d)))
            .collect();
        for (old, new) in &merged.superseded {
            changes.push(format!("{new} supersedes {old}"));
        }
        for id in &merged.deprecated {
            changes.push(format!("{id}: Deprecated (no longer applies)"));
        }
        self.sidecar.design = design;
        self.sidecar.review.directives = all;
        self.sidecar.review.open_feedback = open;
        self.sidecar.review.revision = revision;
        self.sidecar.review.status = Status::InReview;
        self.sidecar.review.history = history;
        self.save(text)?;
        let prev_path = self.doc.parent().unwrap_or(Path::new(".")).join(&previous);
        Ok(self.outcome(changes, parsed.unrecognised, Some(prev_path)))
    }

    /// Copy the current document and sidecar to `.revisions/`, returning the
    /// document copy's path relative to the document's folder.
    fn keep_previous(&self) -> Result<String> {
        let dir = self.doc.parent().unwrap_or(Path::new("."));
        let revs = dir.join(".revisions");
        std::fs::create_dir_all(&revs).map_err(|e| io(&revs, e))?;
        let stem = self
            .doc
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let n = self.sidecar.review.revision;
        // Unique names: a copy under .revisions/ is history (it may hold a
        // person's hand edit) and is never replaced. The sidecar copy takes
        // the name the document copy got.
        let doc_copy =
            crate::write::keep_unique(&revs, &format!("{stem}.r{n}"), "md", self.text.as_bytes())
                .map_err(|e| GateError::Redesign(e.to_string()))?;
        let copy_stem = doc_copy
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = format!(".revisions/{copy_stem}.md");
        let json = std::fs::read(&self.sidecar_path).map_err(|e| io(&self.sidecar_path, e))?;
        crate::write::keep_unique(&revs, &copy_stem, "json", &json)
            .map_err(|e| GateError::Redesign(e.to_string()))?;
        Ok(rel)
    }

    fn record(
        &mut self,
        text: String,
        action: Action,
        date: &str,
        status: Status,
        note: String,
    ) -> Result<()> {
        self.sidecar.review.status = status;
        self.sidecar.review.history.push(HistoryEntry {
            revision: self.sidecar.review.revision,
            action,
            date: date.to_string(),
            status,
            note,
            feedback: None,
            directives: vec![],
            unrecognised: vec![],
            previous: None,
        });
        let text = set_history(&text, &self.sidecar.review.history);
        self.save(text)
    }

    /// Write the document, then the sidecar that vouches for it.
    fn save(&mut self, text: String) -> Result<()> {
        self.sidecar.review.document_sha256 = sha256(&text);
        self.sidecar.review.document = text.clone();
        let json =
            serde_json::to_string_pretty(&self.sidecar).map_err(|e| GateError::BadSidecar {
                path: self.sidecar_path.clone(),
                message: e.to_string(),
            })?;
        // One commit for the pair (see write::commit_pair): never a new
        // document beside the old sidecar.
        crate::write::commit_pair(
            &self.doc,
            text.as_bytes(),
            &self.sidecar_path,
            (json + "\n").as_bytes(),
        )
        .map_err(|e| GateError::Redesign(e.to_string()))?;
        self.text = text;
        Ok(())
    }

    fn outcome(
        &self,
        changes: Vec<String>,
        unrecognised: Vec<String>,
        previous: Option<PathBuf>,
    ) -> Outcome {
        Outcome {
            status: self.status(),
            revision: self.sidecar.review.revision,
            changes,
            unrecognised,
            previous,
        }
    }
}

/// The review state of a document `infrarch design` has just written.
pub fn initial_state(document: &str, planning: &str, date: &str) -> ReviewState {
    ReviewState {
        status: Status::Draft,
        revision: 1,
        planning: planning.to_string(),
        skipped: false,
        directives: vec![],
        open_feedback: vec![],
        document_sha256: sha256(document),
        document: document.to_string(),
        history: vec![HistoryEntry {
            revision: 1,
            action: Action::Created,
            date: date.to_string(),
            status: Status::Draft,
            note: "generated by infrarch design".into(),
            feedback: None,
            directives: vec![],
            unrecognised: vec![],
            previous: None,
        }],
    }
}

/// A directive as a reader would say it.
pub fn describe(d: &Directive) -> String {
    use crate::numfmt::{duration, trim};
    use crate::requirements::Kind;
    match d {
        Directive::Provider { provider } => format!("provider → {}", provider.as_str()),
        Directive::Region { region } => format!("region → {region}"),
        Directive::Platform { platform } => format!("platform → {platform}"),
        Directive::ForbidPlatform { platform } => format!("no {platform}"),
        Directive::Target {
            kind,
            value,
            percentile,
        } => match kind {
            Kind::Availability => format!("availability → {}%", trim(*value)),
            Kind::Latency => format!(
                "latency → p{} {} ms",
                percentile.unwrap_or(95),
                trim(*value)
            ),
            Kind::Rto | Kind::Rpo => format!("{kind} → {}", duration(*value)),
            Kind::Budget => format!("budget → {} USD/month", trim(*value)),
            Kind::Throughput => format!("throughput → {} rps", trim(*value)),
            other => format!("{other} → {}", trim(*value)),
        },
        Directive::AddCompliance { framework } => format!("add {framework}"),
        Directive::DropCompliance { framework } => format!("drop {framework}"),
        Directive::UseTechnology { name } => format!("use {name}"),
        Directive::ForbidTechnology { name } => format!("no {name}"),
        Directive::ReduceCost => "reduce cost".to_string(),
    }
}

fn revision_note(ds: &[Directive], unrecognised: &[String], merged: &adrs::Merged) -> String {
    let mut parts: Vec<String> = ds.iter().map(describe).collect();
    for (old, new) in &merged.superseded {
        parts.push(format!("{new} supersedes {old}"));
    }
    if !unrecognised.is_empty() {
        parts.push(format!(
            "{} feedback item(s) added to Open Questions",
            unrecognised.len()
        ));
    }
    parts.join("; ")
}

fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(old_name, new_name)
        .to_string()
}
