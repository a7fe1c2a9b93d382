//! The review state kept in a document's sidecar (`{document}.json`), and the
//! text edits the gate makes to the document itself.
//!
//! The sidecar is the design model (`infrarch.design/v1`, the handoff payload)
//! with one more key, `review`: status, revision number, the full history, the
//! directives applied so far, and the document exactly as infrarch last wrote
//! it. That copy is what hand edits are detected (by hash) and diffed against.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::design::Design;
use crate::review::directives::Directive;

/// Where a document stands in the gate. The header's `**Status:**` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Approved,
}

impl Status {
    /// The header's wording, as the agent definition's template spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In Review",
            Status::Approved => "Approved",
        }
    }

    /// Read the header's wording back.
    pub fn parse(s: &str) -> Option<Status> {
        match s.trim().to_ascii_lowercase().as_str() {
            "draft" => Some(Status::Draft),
            "in review" | "in-review" => Some(Status::InReview),
            "approved" => Some(Status::Approved),
            _ => None,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Created,
    Submitted,
    Revised,
    Approved,
    Skipped,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Submitted => "submitted for review",
            Action::Revised => "revised",
            Action::Approved => "approved",
            Action::Skipped => "skipped",
        }
    }
}

/// One entry of the revision history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub revision: u32,
    pub action: Action,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Status after the action.
    pub status: Status,
    /// What a reader should know: the feedback, what changed, who forced what.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Feedback as the reviewer wrote it (revise only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// Directives read from that feedback.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directives: Vec<Directive>,
    /// Feedback clauses that were not understood, in the reviewer's words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unrecognised: Vec<String>,
    /// Where the revision this one replaced is kept (relative to the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

/// The `review` key of the sidecar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewState {
    pub status: Status,
    /// 1 for the document `infrarch design` wrote; +1 per revision.
    pub revision: u32,
    /// The planning directory the design was made from, relative to the
    /// document's folder, so a revision re-reads the same sources.
    pub planning: String,
    /// Set when the phase was skipped (`/skip`), for the orchestrator.
    #[serde(default)]
    pub skipped: bool,
    /// Every directive applied so far, in order; a revision re-applies all of
    /// them, so earlier feedback is not lost when new feedback arrives.
    #[serde(default)]
    pub directives: Vec<Directive>,
    /// Feedback not understood so far; each stays an open question.
    #[serde(default)]
    pub open_feedback: Vec<String>,
    /// SHA-256 of [`ReviewState::document`].
    pub document_sha256: String,
    /// The document exactly as infrarch last wrote it.
    pub document: String,
    pub history: Vec<HistoryEntry>,
}

/// The sidecar file: the design model plus the review state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sidecar {
    #[serde(flatten)]
    pub design: Design,
    #[serde(default)]
    pub review: ReviewState,
}

/// Hex SHA-256 of a text.
pub fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// Replace the value of the header's `**Status:**` line (the first one: ADRs
/// have status lines of their own further down).
pub fn set_header_status(text: &str, status: Status) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with("**Status:**") {
            let eol = if line.ends_with('\n') { "\n" } else { "" };
            out.push_str(&format!("**Status:** {}{eol}", status.as_str()));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Label of the header line that says the review phase was skipped.
pub const SKIPPED_LABEL: &str = "**Review:**";

/// Say in the header, on its own line under `**Status:**`, that the review
/// phase was skipped (the status itself stays one of the gate's three).
pub fn set_header_skipped(text: &str, date: &str) -> String {
    let line = format!("{SKIPPED_LABEL} phase skipped on {date} (`infrarch skip`)\n");
    let mut out = String::with_capacity(text.len() + line.len());
    let mut done = false;
    for l in text.split_inclusive('\n') {
        if l.starts_with(SKIPPED_LABEL) {
            continue;
        }
        out.push_str(l);
        if !done && l.starts_with("**Status:**") {
            if !l.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&line);
            done = true;
        }
    }
    out
}

/// The header's current status, if it names one of the gate's three.
pub fn header_status(text: &str) -> Option<Status> {
    text.lines()
        .find_map(|l| l.strip_prefix("**Status:**"))
        .and_then(Status::parse)
}

/// Title of the section the gate keeps at the end of the document.
pub const HISTORY_HEADING: &str = "## Revision History";

/// Write (or rewrite) the Revision History section at the end of the document.
pub fn set_history(text: &str, history: &[HistoryEntry]) -> String {
    let body = match text.find(&format!("\n{HISTORY_HEADING}\n")) {
        Some(i) => &text[..i + 1],
        None => text,
    };
    let mut out = body.trim_end().to_string();
    out.push_str("\n\n");
    out.push_str(HISTORY_HEADING);
    out.push_str("\n\n| Revision | Date | Action | Status | Notes |\n|---|---|---|---|---|\n");
    for h in history {
        let note = if h.note.is_empty() {
            h.feedback.clone().unwrap_or_default()
        } else {
            h.note.clone()
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            h.revision,
            h.date,
            h.action.as_str(),
            h.status.as_str(),
            note.replace('|', "\\|").replace('\n', " ")
        ));
    }
    out.push_str("\nFull history, with the feedback and the directives read from it, is in the JSON file beside this document.\n");
    out
}

/// The text of one ADR section (`### ADR-n: …` up to the next ADR, `---`
/// separator or `## ` section), as byte offsets into `text`.
pub fn adr_span(text: &str, id: &str) -> Option<(usize, usize)> {
    let head = format!("### {id}:");
    let mut offset = 0;
    let mut start = None;
    for line in text.split_inclusive('\n') {
        let end = offset + line.len();
        match start {
            None if line.starts_with(&head) => start = Some(offset),
            Some(s)
                if line.starts_with("### ")
                    || line.starts_with("## ")
                    || line.trim_end() == "---" =>
            {
                return Some((s, offset));
            }
            _ => {}
        }
        offset = end;
    }
    start.map(|s| (s, text.len()))
}

/// Change the `**Status:**` line inside one ADR section and nothing else.
pub fn set_adr_status(text: &str, id: &str, status: &str) -> String {
    let Some((s, e)) = adr_span(text, id) else {
        return text.to_string();
    };
    let section = &text[s..e];
    let mut new = String::with_capacity(section.len() + 16);
    let mut done = false;
    for line in section.split_inclusive('\n') {
        if !done && line.starts_with("**Status:**") {
            let eol = if line.ends_with('\n') { "\n" } else { "" };
            new.push_str(&format!("**Status:** {status}{eol}"));
            done = true;
        } else {
            new.push_str(line);
        }
    }
    format!("{}{}{}", &text[..s], new, &text[e..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Infrastructure Architecture: Checkout\n\n**Status:** Draft\n**Created:** 2026-01-20\n\n## 10. Architecture Decision Records\n\n### ADR-1: Run on ECS Fargate\n\n**Status:** Proposed\n\n**Context:**\nTwo services.\n\n---\n\n### ADR-2: Multi-AZ PostgreSQL\n\n**Status:** Proposed\n\n**Decision:**\nRDS Multi-AZ.\n\n## 11. Migration & Rollout\n";

    #[test]
    fn header_status_round_trip() {
        assert_eq!(header_status(DOC), Some(Status::Draft));
        let t = set_header_status(DOC, Status::InReview);
        assert_eq!(header_status(&t), Some(Status::InReview));
        // Only the header changed.
        assert_eq!(t.matches("**Status:** Proposed").count(), 2);
    }

    #[test]
    fn adr_status_changes_one_line() {
        let t = set_adr_status(DOC, "ADR-2", "Accepted");
        let (s, e) = adr_span(&t, "ADR-2").unwrap();
        assert!(t[s..e].contains("**Status:** Accepted"));
        let (s1, e1) = adr_span(&t, "ADR-1").unwrap();
        assert!(t[s1..e1].contains("**Status:** Proposed"));
        assert_eq!(t.len(), DOC.len() + "Accepted".len() - "Proposed".len());
    }

    #[test]
    fn history_section_is_replaced_not_repeated() {
        let h = HistoryEntry {
            revision: 1,
            action: Action::Created,
            date: "2026-01-20".into(),
            status: Status::Draft,
            note: "generated by infrarch design".into(),
            feedback: None,
            directives: vec![],
            unrecognised: vec![],
            previous: None,
        };
        let once = set_history(DOC, std::slice::from_ref(&h));
        let twice = set_history(&once, &[h.clone(), h]);
        assert_eq!(twice.matches(HISTORY_HEADING).count(), 1);
        assert_eq!(twice.matches("| 1 | 2026-01-20 | created |").count(), 2);
        assert!(twice.starts_with(DOC.trim_end()));
    }

    #[test]
    fn skip_is_shown_under_the_status_once() {
        let once = set_header_skipped(DOC, "2026-01-22");
        assert!(once.contains(
            "**Status:** Draft\n**Review:** phase skipped on 2026-01-22 (`infrarch skip`)\n**Created:**"
        ));
        let twice = set_header_skipped(&once, "2026-01-23");
        assert_eq!(twice.matches("**Review:**").count(), 1);
        assert!(twice.contains("skipped on 2026-01-23"));
        assert_eq!(header_status(&twice), Some(Status::Draft));
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(
            sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
