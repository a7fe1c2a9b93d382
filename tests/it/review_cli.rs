//! The review gate through the CLI: approve, revise with feedback, ADR
//! immutability, hand-edit refusal, the lint gate, and the interactive command
//! refusing a non-terminal.

use crate::common::{infrarch, stderr, stdout};
use crate::design_cli::{design, project};

const DOC: &str =
    "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260120.md";

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    infrarch(dir).args(args).output().unwrap()
}

/// The text of one ADR section, up to the separator before the next.
fn adr(doc: &str, id: &str) -> String {
    let start = doc
        .find(&format!("### {id}:"))
        .unwrap_or_else(|| panic!("{id} in document"));
    let end = doc[start..].find("\n---").map_or(doc.len(), |e| start + e);
    doc[start..end].to_string()
}

#[test]
fn approve_then_revise_supersedes_instead_of_editing() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let doc = dir.path().join(DOC);

    let approved = run(dir.path(), &["approve", DOC, "--date", "2026-01-21"]);
    assert!(approved.status.success(), "{}", stderr(&approved));
    let before = std::fs::read_to_string(&doc).unwrap();
    assert!(before.contains("**Status:** Approved"));
    assert!(
        !before.contains("**Status:** Proposed"),
        "every ADR accepted"
    );
    let adr1_before = adr(&before, "ADR-1");
    let adr3_before = adr(&before, "ADR-3");

    let revised = run(
        dir.path(),
        &[
            "revise",
            DOC,
            "--feedback",
            "Use Kubernetes. The on-call rota worries me.",
            "--date",
            "2026-01-22",
        ],
    );
    assert!(revised.status.success(), "{}", stderr(&revised));
    let out = stdout(&revised);
    assert!(out.contains("applied: platform → kubernetes"), "{out}");
    assert!(
        out.contains("\"The on-call rota worries me\""),
        "unrecognised feedback is reported: {out}"
    );
    let after = std::fs::read_to_string(&doc).unwrap();
    assert!(after.contains("**Status:** In Review"));
    assert!(after.contains("Reviewer feedback not yet applied: \"The on-call rota worries me\""));

    // ADR-1 (the platform) is superseded: only its status line changed.
    let adr1_after = adr(&after, "ADR-1");
    let new_id = adr1_after
        .lines()
        .find_map(|l| l.strip_prefix("**Status:** Superseded by "))
        .expect("ADR-1 superseded")
        .to_string();
    assert_eq!(
        adr1_after.replace(
            &format!("**Status:** Superseded by {new_id}"),
            "**Status:** Accepted"
        ),
        adr1_before,
        "an Accepted ADR survives byte for byte apart from its status line"
    );
    assert!(adr(&after, &new_id).contains("**Supersedes:** ADR-1"));
    assert!(adr(&after, &new_id).contains("Kubernetes"));
    // An unchanged decision stays exactly as it was.
    assert_eq!(adr(&after, "ADR-3"), adr3_before);

    // The previous revision is kept, and the revised document lints clean,
    // including against it (no Accepted ADR edited).
    let kept = dir.path().join("docs/planning/architecture/infrastructure/.revisions/checkout-infrastructure-architecture-20260120.r1.md");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), before);
    let lint = run(
        dir.path(),
        &["lint", DOC, "--baseline", kept.to_str().unwrap()],
    );
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
}

#[test]
fn hand_edits_are_not_clobbered() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let doc = dir.path().join(DOC);
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        text.replace(
            "## 1. Executive Summary\n",
            "## 1. Executive Summary\n\nHand-written note.\n",
        ),
    )
    .unwrap();

    let refused = run(
        dir.path(),
        &["revise", DOC, "--feedback", "availability 99.9%"],
    );
    assert_eq!(refused.status.code(), Some(2));
    let err = stderr(&refused);
    assert!(
        err.contains("edited by hand") && err.contains("+Hand-written note."),
        "{err}"
    );
    assert!(
        std::fs::read_to_string(&doc)
            .unwrap()
            .contains("Hand-written note.")
    );

    let forced = run(
        dir.path(),
        &["revise", DOC, "--feedback", "availability 99.9%", "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    let kept = dir.path().join("docs/planning/architecture/infrastructure/.revisions/checkout-infrastructure-architecture-20260120.r1.md");
    assert!(
        std::fs::read_to_string(kept)
            .unwrap()
            .contains("Hand-written note."),
        "the edited file is kept"
    );
}

#[test]
fn approve_refuses_while_lint_reports_errors() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let doc = dir.path().join(DOC);
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        text.replace(
            "## 1. Executive Summary\n",
            "## 1. Executive Summary\n\n[Brief overview of the infrastructure approach]\n",
        ),
    )
    .unwrap();
    let refused = run(dir.path(), &["approve", DOC]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("lint reports"),
        "{}",
        stderr(&refused)
    );
    assert!(
        std::fs::read_to_string(&doc)
            .unwrap()
            .contains("**Status:** Draft")
    );
    let forced = run(dir.path(), &["approve", DOC, "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    let model = std::fs::read_to_string(doc.with_extension("json")).unwrap();
    assert!(model.contains("approved with --force over"));
}

#[test]
fn skip_is_recorded_for_the_orchestrator() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let out = run(dir.path(), &["skip", DOC, "--date", "2026-01-21"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(DOC).with_extension("json")).unwrap(),
    )
    .unwrap();
    assert_eq!(model["review"]["skipped"], true);
    assert_eq!(model["review"]["history"][1]["action"], "skipped");
}

#[test]
fn interactive_review_needs_a_terminal() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let out = run(dir.path(), &["review", DOC]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("not a terminal")
            && err.contains("infrarch approve")
            && err.contains("infrarch revise"),
        "{err}"
    );
}
