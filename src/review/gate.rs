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
use crate::review::directives::Directive;
use crate::review::effects::{self, Effect};
use crate::review::lexicon::region_provider;
use crate::review::read::{self, ReadContext};
use crate::review::state::{
    Action, HistoryEntry, ReviewState, Sidecar, Status, adr_span, set_adr_status,
    set_header_skipped, set_header_status, set_history, sha256,
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
    /// A file the gate reads could not be read safely (not a regular file,
    /// too large, not UTF-8, or a half-written pair that cannot be recovered).
    #[error("{0}")]
    Read(String),
    #[error("{}: another infrarch command is reviewing this document; try again when it has finished", path.display())]
    Locked { path: PathBuf },
    #[error("{}: no review state beside it ({} is missing); the gate works on documents written by `infrarch design`", doc.display(), sidecar.display())]
    NoSidecar { doc: PathBuf, sidecar: PathBuf },
    #[error("{}: {message}", path.display())]
    BadSidecar { path: PathBuf, message: String },
    #[error("{}: edited by hand since infrarch wrote revision {revision}; nothing was written. Review the changes below, then rerun with --force {then} (the edited file is kept under .revisions/)\n{diff}", path.display())]
    HandEdited {
        path: PathBuf,
        revision: u32,
        /// What --force would do: replace the edits (revise) or approve
        /// the document as edited (approve).
        then: &'static str,
        diff: String,
    },
    #[error("{}: the document is missing, though its review state {} is there; restore the document (earlier revisions may be under .revisions/ beside it) or write it again with `infrarch design --force`", doc.display(), sidecar.display())]
    MissingDocument { doc: PathBuf, sidecar: PathBuf },
    #[error("{}: lint reports {count} error(s); fix them (see `infrarch lint {}`) or approve with --force", path.display(), path.display())]
    LintErrors { path: PathBuf, count: usize },
    #[error("{}: already approved", path.display())]
    AlreadyApproved { path: PathBuf },
    #[error("revision failed: {0}")]
    Redesign(String),
    #[error("{}: {message}; nothing was written", path.display())]
    Refused { path: PathBuf, message: String },
    #[error("{}: nothing to revise: give feedback or at least one directive", path.display())]
    NothingToRevise { path: PathBuf },
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
    /// Each directive of a revision with what it did.
    pub report: Vec<DirectiveReport>,
}

/// One directive of a revision and its effect on the design.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DirectiveReport {
    /// As the `infrarch revise` flags spell it (`set availability=99.95`).
    pub directive: String,
    /// `applied`, `unchanged` or `not_applied`.
    pub outcome: &'static str,
    /// Before → after, or why nothing changed.
    pub detail: String,
}

/// What a revision asks: free-text feedback, structured directives, or both.
#[derive(Debug, Clone, Default)]
pub struct ReviseRequest {
    pub feedback: String,
    pub directives: Vec<Directive>,
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
    _lock: LockGuard,
}

/// The lock on a document, held while a gate lives.
#[derive(Debug)]
struct LockGuard {
    file: File,
    path: PathBuf,
}

/// Whether `path` still names the file `f` (same device and inode): a lock
/// taken on a file another command has since removed locks nothing.
fn names(path: &Path, f: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (f.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (path, f);
        true
    }
}

impl Drop for LockGuard {
    /// No lock file is left beside the document: it is removed while the lock
    /// is still held, and only when it is still the file this gate locked.
    fn drop(&mut self) {
        if cfg!(unix) && names(&self.path, &self.file) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
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
        let sidecar_path = model_path(doc);
        if let Err(e) = std::fs::metadata(doc) {
            // Only the sidecar is left: say which file is missing, not just
            // "no such file".
            if e.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(&sidecar_path).is_ok()
                && !crate::write::journal_path(doc).exists()
            {
                return Err(GateError::MissingDocument {
                    doc: doc.to_path_buf(),
                    sidecar: sidecar_path,
                });
            }
            if !(e.kind() == std::io::ErrorKind::NotFound
                && crate::write::journal_path(doc).exists())
            {
                return Err(io(doc, e));
            }
        }
        let lock_path = {
            let mut name = doc.file_name().unwrap_or_default().to_os_string();
            name.push(".lock");
            doc.with_file_name(format!(".{}", name.to_string_lossy()))
        };
        // The lock file is removed when the gate is dropped; a command that
        // opened it just before then locks a file no longer there, sees so,
        // and tries again on the new one.
        // A confined process (the MCP server) never creates its lock through
        // a symlink leading out of its root.
        crate::write::check_confined(&lock_path).map_err(|e| io(&lock_path, e))?;
        let mut attempts = 0;
        let lock = loop {
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
            if names(&lock_path, &lock) {
                break LockGuard {
                    file: lock,
                    path: lock_path.clone(),
                };
            }
            attempts += 1;
            if attempts >= 3 {
                return Err(GateError::Locked {
                    path: doc.to_path_buf(),
                });
            }
        };
        // Read only once the lock is held, so no other command is mid-write;
        // a pair a killed command left half-written is put back together
        // first. Both files are read capped and only if they are regular
        // files: a FIFO put in the sidecar's place must not hang the gate.
        crate::write::recover_pair(doc).map_err(|e| GateError::Read(e.to_string()))?;
        let text = crate::write::read_text_capped(doc, crate::ingest::MAX_DOC_BYTES)
            .map_err(|e| GateError::Read(e.to_string()))?;
        if let Err(e) = std::fs::symlink_metadata(&sidecar_path) {
            if e.kind() == std::io::ErrorKind::NotFound {
                return Err(GateError::NoSidecar {
                    doc: doc.to_path_buf(),
                    sidecar: sidecar_path,
                });
            }
            return Err(io(&sidecar_path, e));
        }
        let raw = crate::write::read_text_capped(&sidecar_path, crate::ingest::MAX_DOC_BYTES)
            .map_err(|e| GateError::Read(e.to_string()))?;
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
        let (prev, path) = self.previous_copy()?;
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
            "opened for review: Draft → In Review".into(),
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
        // A hand edit is approved only on purpose, as revise replaces one
        // only on purpose; either way the edited file is kept.
        let edited = self.hand_edited();
        if edited && !force {
            return Err(GateError::HandEdited {
                path: self.doc.clone(),
                revision: self.sidecar.review.revision,
                then: "to approve the document as edited",
                diff: self.hand_edits(),
            });
        }
        let kept = if edited {
            Some(self.keep_previous()?)
        } else {
            None
        };
        let mut text = set_header_status(&self.text, Status::Approved);
        let mut changes = vec![format!("status: {} → Approved", self.status())];
        if let Some(k) = &kept {
            changes.push(format!(
                "approved with --force over hand edits; the edited file as it was is kept as {k}"
            ));
        }
        if let Some(missing) = self.missing_previous() {
            changes.push(format!(
                "note: the previous revision {missing} is missing, so hand edits to Accepted ADRs since it were not checked"
            ));
        }
        for adr in self.sidecar.design.adrs.iter_mut() {
            if adr.status.trim().eq_ignore_ascii_case("proposed") {
                adr.status = "Accepted".into();
                text = set_adr_status(&text, &adr.id, "Accepted");
                changes.push(format!("{}: Proposed → Accepted", adr.id));
            }
        }
        let accepted: Vec<&str> = changes
            .iter()
            .filter(|c| c.starts_with("ADR-"))
            .filter_map(|c| c.split(':').next())
            .collect();
        let mut note = if accepted.is_empty() {
            "approved; no ADR was waiting".to_string()
        } else {
            format!("approved; accepted {}", accepted.join(", "))
        };
        if lint_errors > 0 {
            note.push_str(&format!("; with --force over {lint_errors} lint error(s)"));
        }
        if edited {
            note.push_str("; with --force over hand edits");
        }
        self.record_kept(
            text,
            Action::Approved,
            date,
            Status::Approved,
            note,
            kept.clone(),
        )?;
        let dir = self.doc.parent().unwrap_or(Path::new("."));
        Ok(self.outcome(changes, vec![], kept.map(|k| dir.join(k))))
    }

    /// Skip the phase: recorded for the orchestrator; the document stays as it is.
    pub fn skip(&mut self, date: &str) -> Result<Outcome> {
        self.sidecar.review.skipped = true;
        let status = self.status();
        let text = set_header_skipped(&self.text, date);
        self.record(
            text,
            Action::Skipped,
            date,
            status,
            format!("review phase skipped; document left {status}"),
        )?;
        Ok(self.outcome(
            vec![format!("review phase recorded as skipped on {date}")],
            vec![],
            None,
        ))
    }

    /// Revise: read the feedback against the current design, add the
    /// structured directives, re-run the design with every directive so far,
    /// keep frozen ADRs, write a new revision and keep the previous one. Each
    /// new directive is reported with what it changed, or why nothing did.
    pub fn revise(
        &mut self,
        date: &str,
        request: &ReviseRequest,
        force: bool,
        redesign: &dyn Fn(&ReviseInputs<'_>) -> std::result::Result<Design, String>,
        render: &dyn Fn(&Design, &[HistoryEntry]) -> String,
    ) -> Result<Outcome> {
        if self.hand_edited() && !force {
            return Err(GateError::HandEdited {
                path: self.doc.clone(),
                revision: self.sidecar.review.revision,
                then: "to replace them",
                diff: self.hand_edits(),
            });
        }
        let before = self.sidecar.design.clone();
        let feedback = request.feedback.trim();
        let parsed = if feedback.is_empty() {
            read::Parsed::default()
        } else {
            read::read(feedback, &ReadContext::of(&before))
        };
        let mut new: Vec<Directive> = request.directives.clone();
        for d in &parsed.directives {
            if !new.contains(d) {
                new.push(d.clone());
            }
        }
        if new.is_empty() && parsed.unrecognised.is_empty() {
            return Err(GateError::NothingToRevise {
                path: self.doc.clone(),
            });
        }
        self.resolve_places(&mut new);
        self.check_regions(&new)?;
        let mut all = self.sidecar.review.directives.clone();
        all.extend(new.iter().cloned());

        // Questions a directive of this revision answers are closed.
        let answered: Vec<String> = new.iter().flat_map(|d| d.topics()).collect();
        let mut closed = Vec::new();
        let mut open: Vec<String> = Vec::new();
        for q in &self.sidecar.review.open_feedback {
            if read::topics(q).iter().any(|t| answered.contains(t)) {
                closed.push(q.clone());
            } else {
                open.push(q.clone());
            }
        }
        open.extend(parsed.unrecognised.iter().cloned());

        let planning = self
            .doc
            .parent()
            .unwrap_or(Path::new("."))
            .join(&self.sidecar.review.planning);
        let confirm_path = crate::confirm::path(&planning, &self.sidecar.design.feature);
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

        let report: Vec<DirectiveReport> = new
            .iter()
            .map(|d| {
                let e = effects::effect(d, &before, &design);
                let (outcome, detail) = match &e {
                    Effect::Applied(x) => ("applied", x.clone()),
                    Effect::AlreadySo(x) => ("unchanged", format!("already so: {x}")),
                    Effect::NotApplied(x) => ("not_applied", x.clone()),
                };
                let detail = match d {
                    Directive::DropComponent { reason, .. }
                    | Directive::AddComponent { reason, .. }
                        if !reason.is_empty() && !detail.contains(reason.as_str()) =>
                    {
                        format!("{detail}; reason given: {reason}")
                    }
                    _ => detail,
                };
                DirectiveReport {
                    directive: d.spell(),
                    outcome,
                    detail,
                }
            })
            .collect();
        let mut changes: Vec<String> = new
            .iter()
            .zip(&report)
            .map(|(d, r)| {
                let e = match r.outcome {
                    "applied" => Effect::Applied(r.detail.clone()),
                    "unchanged" => {
                        Effect::AlreadySo(r.detail.trim_start_matches("already so: ").to_string())
                    }
                    _ => Effect::NotApplied(r.detail.clone()),
                };
                e.line(d)
            })
            .collect();
        if let Some(delta) = effects::design_delta(&before, &design) {
            changes.push(format!("design: {delta}"));
        }
        for q in &closed {
            changes.push(format!("question closed: \"{q}\""));
        }
        for (old, new) in &merged.superseded {
            changes.push(format!("{new} supersedes {old}"));
        }
        for id in &merged.deprecated {
            changes.push(format!("{id}: Deprecated (no longer applies)"));
        }

        // A value the reviewer set is a confirmed requirement: the feature's
        // confirm file carries it, so `requirements`, `design` and lint agree
        // with the revised document (reviewer over confirmed over extracted).
        if crate::review::apply::confirm_file(&confirm_path, &self.sidecar.design.feature, &all)
            .map_err(|e| GateError::Redesign(e.to_string()))?
        {
            changes.push(format!(
                "requirements as revised: {} (the values set on review, confirmed)",
                crate::ingest::display(&confirm_path)
            ));
        }

        let revision = self.sidecar.review.revision + 1;
        let previous = self.keep_previous()?;
        let mut history = self.sidecar.review.history.clone();
        let entry = HistoryEntry {
            revision,
            action: Action::Revised,
            date: date.to_string(),
            status: Status::InReview,
            note: revision_note(&report, &parsed.unrecognised, &closed, &merged),
            feedback: (!feedback.is_empty()).then(|| feedback.to_string()),
            directives: new.clone(),
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
        if self.sidecar.review.skipped {
            text = set_header_skipped(&text, self.skipped_on().as_deref().unwrap_or(date));
        }
        text = set_history(&text, &history);

        self.sidecar.design = design;
        self.sidecar.review.directives = all;
        self.sidecar.review.open_feedback = open;
        self.sidecar.review.revision = revision;
        self.sidecar.review.status = Status::InReview;
        self.sidecar.review.history = history;
        self.save(text)?;
        let prev_path = self.doc.parent().unwrap_or(Path::new(".")).join(&previous);
        let mut o = self.outcome(changes, parsed.unrecognised, Some(prev_path));
        o.report = report;
        Ok(o)
    }

    /// `--region Frankfurt`: a place, resolved to the region of the provider
    /// the design is on at that point.
    fn resolve_places(&self, new: &mut [Directive]) {
        let mut provider = self.current_provider();
        for d in new.iter_mut() {
            match d {
                Directive::Provider { provider: p } => provider = *p,
                Directive::Region { region } if region_provider(region).is_none() => {
                    if let Some(r) = crate::review::lexicon::LEXICON.resolve_place(region, provider)
                    {
                        *region = r;
                    }
                }
                _ => {}
            }
        }
    }

    /// The provider the design is on after every directive so far.
    fn current_provider(&self) -> crate::catalog::Provider {
        self.sidecar
            .review
            .directives
            .iter()
            .rev()
            .find_map(|d| match d {
                Directive::Provider { provider } => Some(*provider),
                _ => None,
            })
            .unwrap_or(self.sidecar.design.provider)
    }

    /// A region must be one of the provider the design is on at that point
    /// (a provider directive before it in the same revision counts).
    fn check_regions(&self, new: &[Directive]) -> Result<()> {
        let mut provider = self.current_provider();
        for d in new {
            match d {
                Directive::Provider { provider: p } => provider = *p,
                Directive::Region { region } if region_provider(region) != Some(provider) => {
                    let name = crate::catalog::Catalog::builtin(provider)
                        .map(|c| c.name.clone())
                        .unwrap_or_else(|_| provider.as_str().to_string());
                    let known = crate::catalog::Catalog::builtin(provider)
                        .map(|c| {
                            c.regions
                                .iter()
                                .map(|r| r.name.clone())
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default();
                    let whose = match region_provider(region) {
                        Some(other) => format!(
                            "`{region}` is a region of {}, not of {name}",
                            crate::catalog::Catalog::builtin(other)
                                .map(|c| c.name.clone())
                                .unwrap_or_else(|_| other.as_str().to_string())
                        ),
                        None => format!("`{region}` is not a region name of {name}"),
                    };
                    return Err(GateError::Refused {
                        path: self.doc.clone(),
                        message: format!(
                            "{whose}, the design's provider; use one of {name}'s regions ({known}), or move the design with `--provider`"
                        ),
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The date of the skip, when the phase was skipped.
    fn skipped_on(&self) -> Option<String> {
        self.sidecar
            .review
            .history
            .iter()
            .rev()
            .find(|h| h.action == Action::Skipped)
            .map(|h| h.date.clone())
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

    /// The newest previous revision the history names: as recorded, and its
    /// path beside the document.
    fn previous_copy(&self) -> Option<(String, std::path::PathBuf)> {
        let prev = self
            .sidecar
            .review
            .history
            .iter()
            .rev()
            .find_map(|h| h.previous.clone())?;
        let path = self.doc.parent().unwrap_or(Path::new(".")).join(&prev);
        Some((prev, path))
    }

    /// The previous revision the history names, when its copy is gone.
    fn missing_previous(&self) -> Option<String> {
        let (prev, path) = self.previous_copy()?;
        (!path.exists()).then_some(prev)
    }

    fn record(
        &mut self,
        text: String,
        action: Action,
        date: &str,
        status: Status,
        note: String,
    ) -> Result<()> {
        self.record_kept(text, action, date, status, note, None)
    }

    /// [`Self::record`], naming the copy kept under `.revisions/` when one was.
    fn record_kept(
        &mut self,
        text: String,
        action: Action,
        date: &str,
        status: Status,
        note: String,
        previous: Option<String>,
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
            previous,
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
            report: Vec::new(),
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

fn revision_note(
    report: &[DirectiveReport],
    unrecognised: &[String],
    closed: &[String],
    merged: &adrs::Merged,
) -> String {
    let mut parts: Vec<String> = report
        .iter()
        .map(|r| match r.outcome {
            "applied" => format!("applied {}", r.directive),
            "unchanged" => format!("{} (already so)", r.directive),
            _ => format!("{} not applied ({})", r.directive, r.detail),
        })
        .collect();
    for (old, new) in &merged.superseded {
        parts.push(format!("{new} supersedes {old}"));
    }
    if !closed.is_empty() {
        parts.push(format!("{} question(s) closed", closed.len()));
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
