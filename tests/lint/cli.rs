//! The binary: exit codes, formats, walking, errors, `rule`.

use assert_cmd::Command;

use crate::root;

fn infrarch() -> Command {
    let mut c = Command::cargo_bin("infrarch").expect("binary");
    c.current_dir(root())
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    c
}

fn stdout(c: &mut Command) -> (i32, String, String) {
    let o = c.output().expect("run");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn exit_codes() {
    let (code, out, _) = stdout(infrarch().args(["lint", "tests/fixtures/lint/good"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("All checks passed (6 files linted)."), "{out}");
    let (code, out, _) =
        stdout(infrarch().args(["lint", "tests/fixtures/lint/sloppy/llm-template-fill.md"]));
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
    assert!(
        out.contains("tests/fixtures/lint/sloppy/llm-template-fill.md:4:18: IA403"),
        "{out}"
    );
    // A missing path is an error line; the other paths are still linted.
    let (code, out, _) =
        stdout(infrarch().args(["lint", "no/such/dir", "tests/fixtures/lint/good"]));
    assert_eq!(code, 2);
    assert!(
        out.contains("no/such/dir: error: No such file or directory"),
        "{out}"
    );
    assert!(
        out.contains("No problems found in 6 files.\n1 file could not be read."),
        "{out}"
    );
    let (code, _, err) =
        stdout(infrarch().args(["lint", "--select", "IA999", "tests/fixtures/lint/good"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule selector `IA999`"), "{err}");
}

#[test]
fn unreadable_file_is_an_error_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a-infrastructure-architecture.md"),
        [0xff, 0xfe, 0x00],
    )
    .expect("write");
    std::fs::write(dir.path().join("b-infrastructure.md"), "# T\n\nRTO: TBD\n").expect("write");
    let (code, out, _) = stdout(
        infrarch()
            .args(["lint", "--select", "IA103"])
            .arg(dir.path()),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("IA103"), "{out}");
    assert!(out.contains("not valid UTF-8"), "{out}");
    assert!(out.contains("1 file could not be read."), "{out}");
    let (code, out, err) = stdout(
        infrarch()
            .args(["lint", "--format", "json", "--select", "IA103"])
            .arg(dir.path()),
    );
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).expect("stdout stays JSON");
    assert_eq!(v["files"], 1);
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn directories_respect_gitignore_and_take_only_markdown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::write(p.join(".gitignore"), "ignored/\n").expect("write");
    std::fs::create_dir_all(p.join("ignored")).expect("mkdir");
    std::fs::create_dir_all(p.join("prd")).expect("mkdir");
    std::fs::write(p.join("ignored/x.md"), "TBD\n").expect("write");
    std::fs::write(p.join("notes.txt"), "TBD\n").expect("write");
    std::fs::write(p.join("prd/checkout-prd.md"), "TBD\n").expect("write");
    std::fs::write(p.join("b-architecture.md"), "TBD\n").expect("write");
    std::fs::write(p.join("a-infrastructure.md"), "TBD\n").expect("write");
    // Not an infrastructure or architecture document: skipped, and counted.
    std::fs::write(p.join("notes.md"), "# Meeting notes\n\nTBD\n").expect("write");
    let (code, out, err) = stdout(
        infrarch()
            .args(["lint", "--format", "json", "--select", "IA103"])
            .arg(p),
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["files"], 2);
    let paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["path"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(
        paths[0].ends_with("a-infrastructure.md") && paths[1].ends_with("b-architecture.md"),
        "{paths:?}"
    );
    // The PRD and the notes were found and left out, and the run says so.
    assert!(err.contains("skipped 2 other Markdown files"), "{err}");
}

/// A BMAD project: `lint docs/` lints the architecture and infrastructure
/// documents and counts the rest; a file named on the command line is linted
/// whatever it is.
#[test]
fn a_walk_lints_architecture_documents_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    let files = [
        ("docs/prd.md", "# Product Requirements\n\nTBD\n"),
        ("docs/stories/1.1.story.md", "# Story 1.1: Sign in\n\nTBD\n"),
        ("docs/brief.md", "# Project Brief\n\nTBD\n"),
        ("README.md", "# Shop\n\nTBD\n"),
        (
            "docs/architecture/infrastructure-and-deployment.md",
            "# Infrastructure and Deployment\n\nTBD\n",
        ),
        (
            "docs/infrastructure-architecture.md",
            "# Shop Infrastructure Architecture\n\nTBD\n",
        ),
    ];
    for (rel, text) in files {
        let f = p.join(rel);
        std::fs::create_dir_all(f.parent().expect("parent")).expect("mkdir");
        std::fs::write(f, text).expect("write");
    }
    let (code, out, err) = stdout(
        infrarch()
            .args(["lint", "--format", "json", "--select", "IA103"])
            .arg(p),
    );
    assert_eq!(code, 1, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["files"], 2, "{out}");
    assert!(err.contains("skipped 4 other Markdown files"), "{err}");
    // Named, a story is linted like any document.
    let (code, out, err) = stdout(
        infrarch()
            .args(["lint", "--format", "json", "--select", "IA103"])
            .arg(p.join("docs/stories/1.1.story.md")),
    );
    assert_eq!(code, 1, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["files"], 1);
    assert!(!err.contains("skipped"), "{err}");
}

#[test]
fn select_and_ignore() {
    let f = "tests/fixtures/lint/sloppy/llm-template-fill.md";
    let (_, out, _) = stdout(infrarch().args([
        "lint", "--format", "json", "--select", "IA4", "--ignore", "IA405", f,
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let codes: std::collections::BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        ["IA401", "IA402", "IA403"]
    );
}

#[test]
fn baseline_reports_edited_adrs() {
    let dir = "tests/fixtures/lint/rules";
    let (code, out, _) = stdout(infrarch().args([
        "lint",
        "--select",
        "IA605",
        "--baseline",
        &format!("{dir}/IA605.baseline.md"),
        &format!("{dir}/IA605.md"),
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("IA605 ADR-1 (Use RDS PostgreSQL) was Accepted and has been edited"),
        "{out}"
    );
    // A file baseline with several documents is ambiguous.
    let (code, _, err) = stdout(infrarch().args([
        "lint",
        "--baseline",
        &format!("{dir}/IA605.baseline.md"),
        dir,
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("needs exactly one document"), "{err}");
}

#[test]
fn rule_prints_its_documentation() {
    let (code, out, _) = stdout(infrarch().args(["rule", "IA101"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("# template-slot (IA101)"), "{out}");
    assert!(out.contains("## Why is this bad?"));
    assert_eq!(
        out.trim_end(),
        format!(
            "# template-slot (IA101)\n\n{} · severity: error\n\n{}",
            infrarch::lint::rule("IA101")
                .map(|r| r.summary)
                .unwrap_or(""),
            infrarch::lint::rule("IA101").map(|r| r.doc).unwrap_or("")
        )
        .trim_end()
    );
    let (code, out, _) = stdout(infrarch().args(["rule", "--all"]));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), infrarch::lint::RULES.len());
    insta::assert_snapshot!("rule__all", out);
    let (code, _, err) = stdout(infrarch().args(["rule", "IA000"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `IA000`"), "{err}");
}
