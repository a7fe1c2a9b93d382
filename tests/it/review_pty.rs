//! The interactive gate driven through a pseudo-terminal, as a person types it.

#![cfg(unix)]

use std::time::Duration;

use expectrl::{Expect, Session};

use crate::design_cli::{design, project};

const DOC: &str =
    "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260120.md";

#[test]
fn revise_then_approve_at_the_prompt() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("infrarch"));
    cmd.current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["review", DOC, "--date", "2026-01-21"]);
    let mut p = Session::spawn(cmd).expect("spawn in a pty");
    p.set_expect_timeout(Some(Duration::from_secs(30)));

    p.expect("status In Review").expect("opened for review");
    p.expect("review> ").expect("prompt");
    // While the session holds the document, a second review command refuses.
    let second = crate::common::infrarch(dir.path())
        .args(["approve", DOC])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(2));
    assert!(crate::common::stderr(&second).contains("another infrarch command is reviewing"));
    p.send_line("/revise availability 99.9%; the runbooks need an owner")
        .unwrap();
    p.expect("Revised").expect("revised");
    p.expect("\"the runbooks need an owner\"")
        .expect("unrecognised kept");
    p.expect("review> ").expect("prompt again");
    p.send_line("/diff").unwrap();
    p.expect("+++").expect("a diff of the revision");
    p.expect("review> ").expect("prompt again");
    p.send_line("/approve").unwrap();
    p.expect("Approved").expect("approved");
    p.expect(expectrl::Eof)
        .expect("the session ends after a decision");

    let doc = std::fs::read_to_string(dir.path().join(DOC)).unwrap();
    assert!(doc.contains("**Status:** Approved"));
    assert!(doc.contains("| 2 | 2026-01-21 | revised | In Review |"));
    assert!(doc.contains("| 2 | 2026-01-21 | approved | Approved |"));
    assert!(
        dir.path()
            .join("docs/planning/architecture/infrastructure/.revisions/checkout-infrastructure-architecture-20260120.r1.md")
            .is_file()
    );
}
