//! `infrarch handoff`.

use serde_json::Value;

use crate::common::{infrarch, stderr, stdout, tree};

const DOC: &str =
    "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260120.md";
const MODEL: &str =
    "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260120.json";

fn doc(status: &str) -> String {
    format!(
        "# Infrastructure Architecture: Checkout\n\n**Source PRD:** [checkout-20260105](../../prd/checkout-20260105.md)\n\
         **Document ID:** checkout-infrastructure-architecture-20260120\n**Author:** @infrastructure-architecture-agent\n\
         **Status:** {status}\n**Created:** 2026-01-20\n\n## 1. Executive Summary\n\nCheckout runs on ECS Fargate in eu-west-1 \
         across two zones.\n\n## 10. Architecture Decision Records\n\n### ADR-1: ECS\n\n### ADR-2: Aurora\n"
    )
}

const MODEL_JSON: &str = r#"{"schema": "infrarch.design/v1", "feature": "checkout",
  "provider_name": "Amazon Web Services", "region": {"primary": "eu-west-1"},
  "platform": {"decision": {"choice": "Amazon ECS on Fargate"}},
  "components": [{"name": "Application Load Balancer"}, {"name": "ECS service"}],
  "adrs": [{}, {}]}"#;

#[test]
fn approved_document_to_devops_with_model() {
    let dir = tree(&[(DOC, &doc("Approved")), (MODEL, MODEL_JSON)]);
    let out = infrarch(dir.path())
        .args(["handoff", DOC, "--to", "devops-agent"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.starts_with("Implement DevOps → @devops-agent\n"), "{s}");
    assert!(
        s.contains("Please implement CI/CD and DevOps practices"),
        "{s}"
    );
    assert!(
        s.contains(&format!(
            "Infrastructure architecture: {DOC} (Status: Approved)"
        )),
        "{s}"
    );
    assert!(s.contains("- Platform: Amazon ECS on Fargate"), "{s}");
    assert!(
        s.contains("- Infrastructure components: 2 (Application Load Balancer, ECS service)"),
        "{s}"
    );
    assert!(s.contains(&format!("Design model: {MODEL}")), "{s}");
    assert!(!s.contains("note:"), "{s}");

    let out = infrarch(dir.path())
        .args(["handoff", DOC, "--to", "devops-agent", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "infrarch.handoff/v1");
    assert_eq!(v["agent"], "devops-agent");
    assert_eq!(v["send"], false);
    assert_eq!(v["header"]["status"], "Approved");
    assert_eq!(v["design"]["schema"], "infrarch.design/v1");
    assert_eq!(v["design"]["feature"], "checkout");
}

#[test]
fn devops_needs_approval_unless_forced() {
    let dir = tree(&[(DOC, &doc("In Review"))]);
    let out = infrarch(dir.path())
        .args(["handoff", DOC, "--to", "devops-agent"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains("`In Review`, not Approved") && e.contains("--force"),
        "{e}"
    );

    let out = infrarch(dir.path())
        .args(["handoff", DOC, "--to", "devops-agent", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = stdout(&out);
    assert!(
        s.contains("note: handed off with status `In Review`"),
        "{s}"
    );
    // Without a model the summary comes from the document.
    assert!(
        s.contains("- Executive summary: Checkout runs on ECS Fargate"),
        "{s}"
    );
    assert!(s.contains("- ADRs: 2"), "{s}");
    assert!(s.contains("note: no design model"), "{s}");

    // Other agents take drafts: review happens with them.
    let out = infrarch(dir.path())
        .args(["handoff", DOC, "--to", "orchestrator"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Continue Workflow → @orchestrator"));
}

#[test]
fn unknown_agent_lists_the_known_ones() {
    let dir = tree(&[(DOC, &doc("Approved"))]);
    let out = infrarch(dir.path())
        .args(["handoff", DOC, "--to", "qa-agent"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains("unknown agent `qa-agent`; known agents: application-architecture-agent, data-architecture-agent, devops-agent, orchestrator"),
        "{e}"
    );
}

#[test]
fn bad_inputs() {
    let dir = tree(&[
        (DOC, &doc("Approved")),
        (MODEL, r#"{"schema": "something/v9"}"#),
    ]);
    std::fs::write(dir.path().join("bin.md"), b"\xff\xfe# x\n").unwrap();
    let out = infrarch(dir.path())
        .args(["handoff", DOC, "--to", "devops-agent"])
        .output()
        .unwrap();
    // A model that is there but not an infrarch model is an error naming it.
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains(MODEL) && e.contains("schema"), "{e}");
    for (args, want) in [
        (
            vec!["handoff", "missing.md", "--to", "devops-agent"],
            "missing.md",
        ),
        (vec!["handoff", "docs", "--to", "devops-agent"], "directory"),
    ] {
        let out = infrarch(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(want), "{}", stderr(&out));
    }
    let out = infrarch(dir.path())
        .args(["handoff", "bin.md", "--to", "orchestrator"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
}

#[test]
fn text_output_snapshot() {
    let dir = tree(&[(DOC, &doc("Approved")), (MODEL, MODEL_JSON)]);
    let out = infrarch(dir.path())
        .args(["handoff", DOC, "--to", "devops-agent"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}
