//! Errors at the command line: a closed pipe is success for every command
//! (`infrarch … | head`), and an OS error is printed once, with its path.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn infrarch() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_infrarch"));
    c.env("NO_COLOR", "1");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const DOC: &str = "checkout-infrastructure-architecture-20260120.md";

/// A small approved document and its model, for `handoff`.
fn handoff_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = "# Infrastructure Architecture: Checkout\n\n**Document ID:** checkout-infrastructure-architecture-20260120\n\
               **Author:** @infrastructure-architecture-agent\n**Status:** Approved\n**Created:** 2026-01-20\n\n\
               ## 1. Executive Summary\n\nCheckout runs on ECS Fargate in eu-west-1 across two zones.\n";
    let model = r#"{"schema": "infrarch.design/v1", "feature": "checkout",
      "provider_name": "Amazon Web Services", "region": {"primary": "eu-west-1"},
      "platform": {"decision": {"choice": "Amazon ECS on Fargate"}},
      "components": [{"name": "Application Load Balancer"}], "adrs": [{}]}"#;
    std::fs::write(dir.path().join(DOC), doc).expect("write doc");
    std::fs::write(dir.path().join(DOC.replace(".md", ".json")), model).expect("write model");
    dir
}

/// Run with stdout a pipe whose reading end is already closed: every write
/// fails with EPIPE, deterministically (no race with a `head` exiting).
fn closed_pipe(args: &[&str], cwd: &Path) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    infrarch()
        .args(args)
        .current_dir(cwd)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("infrarch runs")
}

#[test]
fn a_closed_pipe_is_success_for_every_command() {
    let project = handoff_project();
    let planning = root().join("examples/checkout/docs/planning");
    let planning = planning.to_str().expect("utf-8 path");
    let sloppy = root().join("tests/fixtures/lint/sloppy/llm-generic-cloud.md");
    let sloppy = sloppy.to_str().expect("utf-8 path");
    let cases: &[&[&str]] = &[
        &["handoff", DOC, "--to", "devops-agent"],
        &["handoff", DOC, "--to", "devops-agent", "--format", "json"],
        &["requirements", "--planning", planning],
        &["requirements", "checkout", "--planning", planning],
        &[
            "requirements",
            "checkout",
            "--planning",
            planning,
            "--format",
            "json",
        ],
        &[
            "design",
            "checkout",
            "--planning",
            planning,
            "--stdout",
            "--date",
            "2026-01-20",
        ],
        &["lint", sloppy],
        &["lint", sloppy, "--format", "json"],
        &["lint", sloppy, "--format", "sarif"],
        &["rule", "--all"],
        &["rule", "IA202"],
        &["agent", "export", "--platform", "claude-code"],
        &["--help"],
    ];
    for args in cases {
        let out = closed_pipe(args, project.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(!err.contains("error"), "{args:?} printed an error: {err}");
    }
}

#[test]
fn an_os_error_is_printed_once_with_its_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260120.md";
    let cases: &[&[&str]] = &[
        &["handoff", missing, "--to", "devops-agent"],
        &["skip", missing],
        &["approve", missing],
        &["adr", "export", missing],
    ];
    for args in cases {
        let out = infrarch()
            .args(*args)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .output()
            .expect("infrarch runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.contains(missing), "{args:?} names the path: {err}");
        assert_eq!(
            err.matches("No such file or directory").count(),
            1,
            "{args:?} says the OS error once: {err}"
        );
    }
}
