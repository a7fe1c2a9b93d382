//! The confirm step end to end: `requirements --write` → a person edits the
//! file → `design` uses the edit and marks it confirmed → lint's drift rule
//! agrees with the document; then the same over MCP with the Python SDK.

use std::path::Path;

use assert_cmd::Command as Cmd;

#[path = "common/python.rs"]
mod python;
#[path = "common/skip.rs"]
mod skip;

fn infrarch(dir: &Path) -> Cmd {
    let mut c = Cmd::cargo_bin("infrarch").expect("binary built");
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

const PRD: &str = "# Lending desk PRD\n\n## Non-functional requirements\n\n\
- The service must be available 99.9% of the time each month.\n\
- Loan decisions are returned within 800 ms at p95.\n\
- We deploy on AWS.\n";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let prd = dir.path().join("docs/planning/prd/lending.md");
    std::fs::create_dir_all(prd.parent().unwrap()).unwrap();
    std::fs::write(prd, PRD).unwrap();
    dir
}

const CONFIRM: &str = "docs/planning/architecture/infrastructure/lending-requirements.toml";
const DOC: &str =
    "docs/planning/architecture/infrastructure/lending-infrastructure-architecture-20261203.md";

#[test]
fn write_edit_design_lint_over_the_cli() {
    let dir = project();
    let root = dir.path();
    infrarch(root)
        .args(["requirements", "lending", "--write"])
        .assert()
        .success();
    let path = root.join(CONFIRM);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("schema = \"infrarch.confirmed/v1\""),
        "{text}"
    );
    assert!(text.contains("value = 99.9\n"), "{text}");
    assert!(text.contains("status = \"extracted\""), "{text}");

    // A second --write would lose a person's edits: refused, file untouched.
    let edited = text
        .replacen("value = 99.9\n", "value = 99.95\n", 1)
        .replacen("status = \"extracted\"", "status = \"confirmed\"", 1);
    std::fs::write(&path, &edited).unwrap();
    infrarch(root)
        .args(["requirements", "lending", "--write"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);

    // design reads the edit first and says which values are confirmed.
    let out = infrarch(root)
        .args(["design", "lending", "--date", "2026-12-03", "--stdout"])
        .output()
        .unwrap();
    let doc = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let row = doc
        .lines()
        .find(|l| l.starts_with("| Availability (") && l.contains("99.95%"))
        .unwrap_or_else(|| panic!("no confirmed availability row:\n{doc}"));
    assert!(
        row.contains("confirmed") && row.contains("lending-requirements.toml"),
        "{row}"
    );
    assert!(
        doc.contains("not confirmed"),
        "the latency stays marked extracted"
    );
    assert!(
        doc.lines()
            .any(|l| l.contains("99.9% ") && l.contains("not used")),
        "the PRD's value is shown as not used"
    );

    // The written document agrees with the confirm file: no drift...
    infrarch(root)
        .args(["design", "lending", "--date", "2026-12-03"])
        .assert()
        .success();
    let lint = infrarch(root).args(["lint", DOC]).output().unwrap();
    let report = String::from_utf8_lossy(&lint.stdout);
    assert!(!report.contains("IA702"), "{report}");
    // ...and without the file the PRD's 99.9% is what it drifted from.
    std::fs::remove_file(&path).unwrap();
    let lint = infrarch(root).args(["lint", DOC]).output().unwrap();
    let report = String::from_utf8_lossy(&lint.stdout);
    assert!(report.contains("IA702"), "{report}");

    // --force replaces it and keeps the person's file as a backup.
    std::fs::write(&path, &edited).unwrap();
    infrarch(root)
        .args(["requirements", "lending", "--write", "--force"])
        .assert()
        .success();
    let backup = root.join(format!("{CONFIRM}.bak-1"));
    assert_eq!(std::fs::read_to_string(backup).unwrap(), edited);
    // The backup is infrarch's output, never a planning input.
    let list = infrarch(root).args(["requirements"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&list.stdout).contains("bak-1"));
}

#[test]
fn design_reads_given_files() {
    let dir = tempfile::tempdir().unwrap();
    let prd = dir.path().join("notes/Lending PRD.md");
    std::fs::create_dir_all(prd.parent().unwrap()).unwrap();
    std::fs::write(&prd, PRD).unwrap();
    let out = infrarch(dir.path())
        .args([
            "design",
            "lending",
            "--file",
            "notes/Lending PRD.md",
            "--date",
            "2026-12-03",
            "--stdout",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = String::from_utf8_lossy(&out.stdout);
    assert!(
        doc.contains("99.9%") && doc.contains("notes/Lending PRD.md:5"),
        "{doc}"
    );
}

#[test]
fn confirm_round_trip_over_mcp_with_the_python_sdk() {
    let dir = project();
    let env = [("INFRARCH_PROJECT", dir.path().as_os_str())];
    if let Some(stdout) = python::run_script("confirm_roundtrip::mcp", "confirm_test.py", &env) {
        assert!(stdout.contains("confirm checks passed"), "{stdout}");
    }
}
