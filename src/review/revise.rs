//! A revision end to end: re-run the pipeline with every directive so far,
//! render, and let the gate write it. Shared by `infrarch revise`, the
//! interactive prompt and the MCP server.

use std::cell::RefCell;
use std::path::Path;

use jiff::civil::Date;

use crate::design::{Design, DesignOptions, OpenQuestion, QuestionReason};
use crate::lint::{self, LintOptions, LintRun};
use crate::pipeline;
use crate::render::{self, RenderContext};
use crate::requirements::RequirementSet;
use crate::review::gate::{Gate, GateError, Outcome, ReviseInputs, ReviseRequest};
use crate::review::state::HistoryEntry;

/// Revise the gate's document with feedback and directives, dated `date` in
/// the history.
/// `when` is what the history row says (a date, or a date and time).
pub fn revise_document(
    gate: &mut Gate,
    date: Date,
    when: &str,
    request: &ReviseRequest,
    force: bool,
) -> Result<Outcome, GateError> {
    let doc_dir = gate.doc.parent().unwrap_or(Path::new(".")).to_path_buf();
    let planning = doc_dir.join(&gate.sidecar.review.planning);
    // The document keeps the date in its id; revisions are dated in the history.
    let created = created_date(&gate.text).unwrap_or(date);
    let requirements: RefCell<Option<RequirementSet>> = RefCell::new(None);
    let redesign = |inputs: &ReviseInputs<'_>| -> Result<Design, String> {
        let mut designed = pipeline::design(
            &inputs.planning,
            inputs.feature,
            inputs.directives,
            DesignOptions::default(),
        )
        .map_err(|e| e.to_string())?;
        add_feedback_questions(&mut designed.design, inputs.open_feedback);
        *requirements.borrow_mut() = Some(designed.extracted.requirements);
        Ok(designed.design)
    };
    let render_doc = |design: &Design, _history: &[HistoryEntry]| -> String {
        let ctx = RenderContext::new(created, &planning);
        requirements
            .borrow()
            .as_ref()
            .map(|r| render::document(design, r, &ctx))
            .unwrap_or_default()
    };
    gate.revise(when, request, force, &redesign, &render_doc)
}

/// When a history row happened: the date given (`--date`, for reproducible
/// documents), else the current UTC date and time to the minute.
pub fn when(date: Option<Date>) -> String {
    match date {
        Some(d) => d.to_string(),
        None => jiff::Timestamp::now()
            .strftime("%Y-%m-%d %H:%M UTC")
            .to_string(),
    }
}

/// Feedback the directives did not cover becomes open questions, verbatim.
fn add_feedback_questions(design: &mut Design, open: &[String]) {
    for text in open {
        let id = format!("Q{}", design.open_questions.len() + 1);
        // "… (could mean: RTO 2 h or RPO 2 h)": read two ways, asked back.
        let question = match text.rsplit_once(" (could mean: ") {
            Some((clause, readings)) => format!(
                "Reviewer feedback \"{clause}\" could mean {}: which one?",
                readings.trim_end_matches(')')
            ),
            None => format!("Reviewer feedback not yet applied: \"{text}\""),
        };
        design.open_questions.push(OpenQuestion {
            id,
            question,
            reason: QuestionReason::Feedback,
            refs: vec![],
        });
    }
}

fn created_date(text: &str) -> Option<Date> {
    text.lines()
        .find_map(|l| l.strip_prefix("**Created:**"))
        .and_then(|d| d.trim().parse().ok())
}

/// Lint the gate's document, against the revision before it when one was
/// kept, so an Accepted ADR edited by hand is caught (IA605) before approval.
pub fn lint_run(gate: &Gate) -> crate::Result<LintRun> {
    let baseline = gate
        .sidecar
        .review
        .history
        .iter()
        .rev()
        .find_map(|h| h.previous.as_ref())
        .map(|p| gate.doc.parent().unwrap_or(Path::new(".")).join(p))
        // A removed `.revisions/` copy leaves nothing to compare against;
        // the gate says so in its outcome rather than failing the lint.
        .filter(|p| p.is_file());
    let opts = LintOptions {
        baseline,
        ..LintOptions::default()
    };
    lint::lint_paths(std::slice::from_ref(&gate.doc), &opts)
}

/// Errors lint reports on the document (warnings do not block approval).
pub fn lint_errors(gate: &Gate) -> crate::Result<usize> {
    Ok(lint_run(gate)?.count(lint::Severity::Error))
}
