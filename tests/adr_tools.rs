//! The adr-tools export read back by Debian's adr-tools (`adr list`,
//! `adr generate toc`, `adr generate graph`), including a supersession.
//! Skips when `adr` is not installed, unless INFRARCH_REQUIRE_EXTERNAL=1.

use std::path::Path;
use std::process::Command;

#[path = "common/skip.rs"]
mod skip;

use infrarch::review::adr_export::{AdrRecord, export};

fn adr_available() -> bool {
    let found = Command::new("adr").arg("help").output().is_ok();
    if !found {
        skip::skip(
            "adr_tools",
            "adr-tools not installed (apt-get install adr-tools)",
        );
    }
    found
}

fn adr(project: &Path, args: &[&str]) -> String {
    let out = Command::new("adr")
        .args(args)
        .current_dir(project)
        .output()
        .expect("run adr");
    assert!(
        out.status.success(),
        "adr {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn record(n: u32, title: &str, status: &str) -> AdrRecord {
    AdrRecord {
        number: n,
        title: title.into(),
        status: status.into(),
        date: "2026-01-20".into(),
        context: "Checkout runs two stateless services; the team has no cluster experience.".into(),
        decision: format!("{title}."),
        consequences: "- Positive: no nodes to patch.\n- Negative: fewer scheduling controls."
            .into(),
        supersedes: None,
        superseded_by: None,
    }
}

#[test]
fn adr_tools_reads_the_export_back() {
    if !adr_available() {
        return;
    }
    let project = tempfile::tempdir().unwrap();
    // A team's existing log: the export numbers after it.
    adr(project.path(), &["init", "doc/adr"]);
    let dir = project.path().join("doc/adr");

    let mut ecs = record(
        1,
        "Run the checkout API on ECS Fargate",
        "Superseded by ADR-3",
    );
    ecs.superseded_by = Some(3);
    let rds = record(2, "PostgreSQL on RDS Multi-AZ", "Accepted");
    let mut eks = record(3, "Run the checkout API on EKS", "Proposed");
    eks.supersedes = Some(1);
    let done = export(&[ecs, rds, eks], &dir).unwrap();
    assert_eq!(done.len(), 3);

    let list = adr(project.path(), &["list"]);
    assert_eq!(
        list.lines().collect::<Vec<_>>(),
        [
            "doc/adr/0001-record-architecture-decisions.md",
            "doc/adr/0002-run-the-checkout-api-on-ecs-fargate.md",
            "doc/adr/0003-postgresql-on-rds-multi-az.md",
            "doc/adr/0004-run-the-checkout-api-on-eks.md",
        ]
    );
    let toc = adr(project.path(), &["generate", "toc"]);
    assert!(toc.contains("* [2. Run the checkout API on ECS Fargate](0002-run-the-checkout-api-on-ecs-fargate.md)"), "{toc}");
    assert!(
        toc.contains("* [4. Run the checkout API on EKS](0004-run-the-checkout-api-on-eks.md)"),
        "{toc}"
    );
    // adr-tools reads the supersession from the Status links.
    let graph = adr(project.path(), &["generate", "graph"]);
    assert!(graph.contains("_4 -> _2 [label=\"Supersedes\""), "{graph}");

    // adr-tools can keep working on the exported log.
    adr(
        project.path(),
        &["new", "-s", "4", "Run the checkout API on Cloud Run"],
    );
    let eks = std::fs::read_to_string(dir.join("0004-run-the-checkout-api-on-eks.md")).unwrap();
    assert!(
        eks.contains("Superseded by [5. Run the checkout API on Cloud Run]"),
        "{eks}"
    );
}
