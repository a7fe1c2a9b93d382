//! Whole documents rendered from design models: snapshots of four scenarios,
//! plus the properties every document must have (the template's headings in
//! order, no placeholders, sources on every requirement row, nothing after the
//! last section).

mod common;

use std::path::Path;

use common::scenarios::{self, azure_hipaa, checkout, gcp_kubernetes, internal_tool};
use infrarch::render::{self, RenderContext};
use jiff::civil::Date;

fn ctx() -> RenderContext {
    RenderContext::new(Date::new(2026, 3, 1).unwrap(), Path::new("docs/planning"))
}

#[test]
fn snapshot_checkout_aws() {
    let (d, r) = checkout();
    insta::assert_snapshot!(render::document(&d, &r, &ctx()));
}

#[test]
fn snapshot_gcp_kubernetes() {
    let (d, r) = gcp_kubernetes();
    insta::assert_snapshot!(render::document(&d, &r, &ctx()));
}

#[test]
fn snapshot_azure_hipaa() {
    let (d, r) = azure_hipaa();
    insta::assert_snapshot!(render::document(&d, &r, &ctx()));
}

#[test]
fn snapshot_internal_tool() {
    let (d, r) = internal_tool();
    insta::assert_snapshot!(render::document(&d, &r, &ctx()));
}

const HEADINGS: [&str; 14] = [
    "## 1. Executive Summary",
    "## 2. Context & Requirements",
    "## 3. Infrastructure Architecture Overview",
    "## 4. Deployment Architecture",
    "## 5. Scaling Strategy",
    "## 6. High Availability & Disaster Recovery",
    "## 7. Security Infrastructure",
    "## 8. Observability",
    "## 9. Cost Optimization",
    "## 10. Architecture Decision Records",
    "## 11. Migration & Rollout",
    "## 12. Operational Runbooks",
    "## 13. Compliance & Governance",
    "## 14. Open Questions & Risks",
];

const SUBHEADINGS: [&str; 40] = [
    "### 2.1 Business Context",
    "### 2.2 Infrastructure Requirements",
    "### 2.3 Constraints",
    "### 3.1 High-Level Infrastructure Architecture",
    "### 3.2 Infrastructure Components",
    "### 4.1 Deployment Strategy",
    "### 4.2 Environments",
    "### 4.3 Containerization",
    "### 4.4 Infrastructure as Code",
    "### 5.1 Horizontal Scaling",
    "### 5.2 Vertical Scaling",
    "### 5.3 Load Balancing",
    "### 5.4 Caching Strategy",
    "### 6.1 High Availability Design",
    "### 6.2 Disaster Recovery",
    "### 6.3 Redundancy",
    "### 7.1 Network Security",
    "### 7.2 Access Control",
    "### 7.3 Security Monitoring",
    "### 8.1 Logging",
    "### 8.2 Metrics",
    "### 8.3 Tracing",
    "### 8.4 Alerting",
    "### 8.5 Dashboards",
    "### 9.1 Cost Analysis",
    "### 9.2 Cost Optimization Strategies",
    "### ADR-1: ",
    "### 11.1 Migration Strategy",
    "### 11.2 Rollout Plan",
    "### 11.3 Rollback Plan",
    "### 11.4 Infrastructure Migration Checklist",
    "### 12.1 Common Operations",
    "### 12.2 Incident Response",
    "### 12.3 Maintenance Windows",
    "### 13.1 Compliance Requirements",
    "### 13.2 Governance",
    "### Open Questions",
    "### Infrastructure Risks",
    "- **Multi-Region:** ",
    "- **Multi-AZ:** ",
];

#[test]
fn every_document_has_the_template_structure_in_order() {
    for (name, f) in scenarios::all() {
        let (d, r) = f();
        let doc = render::document(&d, &r, &ctx());
        let mut at = 0;
        for h in HEADINGS.iter().chain(SUBHEADINGS[..38].iter()) {
            let _ = at;
            assert!(doc.lines().any(|l| l.starts_with(h)), "{name}: missing {h}");
        }
        for h in HEADINGS {
            let pos = doc
                .find(&format!("\n{h}\n"))
                .unwrap_or_else(|| panic!("{name}: {h}"));
            assert!(pos > at, "{name}: {h} out of order");
            at = pos;
        }
        for h in &SUBHEADINGS[38..] {
            assert!(doc.contains(h), "{name}: bullet form {h}");
        }
    }
}

#[test]
fn header_is_the_templates() {
    let (d, r) = checkout();
    let doc = render::document(&d, &r, &ctx());
    let head: Vec<&str> = doc.lines().take(7).collect();
    assert_eq!(
        head,
        [
            "# Infrastructure Architecture: Checkout",
            "",
            "**Source PRD:** [checkout-20260101](../../prd/checkout-20260101.md)",
            "**Document ID:** checkout-infrastructure-architecture-20260301",
            "**Author:** @infrastructure-architecture-agent",
            "**Status:** Draft",
            "**Created:** 2026-03-01",
        ]
    );
    // The link resolves from the document's folder to the PRD.
    let resolved =
        Path::new("docs/planning/architecture/infrastructure/../../prd/checkout-20260101.md");
    let normal: Vec<_> = resolved.components().fold(Vec::new(), |mut v, c| {
        match c {
            std::path::Component::ParentDir => {
                v.pop();
            }
            c => v.push(c),
        }
        v
    });
    let normal: std::path::PathBuf = normal.iter().collect();
    assert_eq!(normal, Path::new("docs/planning/prd/checkout-20260101.md"));
}

#[test]
fn no_placeholders_no_template_text_nothing_after_the_last_section() {
    let placeholder = regex::Regex::new(r"\[[A-Z][^\]]*\](?:[^(]|$)|\{[a-z_-]+\}|\{\{").unwrap();
    let template_lines = [
        "Brief overview of the infrastructure architectural approach",
        "Summary from PRD",
        "Region A",
        "What is the infrastructure issue that motivates this decision",
        "Please review",
        "/approve",
        "Proposed | Accepted",
        "Draft | In Review",
    ];
    for (name, f) in scenarios::all() {
        let (d, r) = f();
        let doc = render::document(&d, &r, &ctx());
        for (i, line) in doc.lines().enumerate() {
            let stripped = line.replace("- [ ] ", "");
            assert!(
                !placeholder.is_match(&stripped),
                "{name}:{}: placeholder-like text: {line}",
                i + 1
            );
            for t in template_lines {
                assert!(!line.contains(t), "{name}:{}: template text {t:?}", i + 1);
            }
        }
        let last_section = doc.rfind("### Infrastructure Risks").unwrap();
        assert!(!doc[last_section..].contains("\n## "), "{name}");
        assert!(
            doc.ends_with("|\n") || doc.ends_with(".\n"),
            "{name}: ends with {:?}",
            &doc[doc.len().saturating_sub(40)..]
        );
    }
}

#[test]
fn every_requirement_row_cites_its_source_and_assumptions_are_marked() {
    for (name, f) in scenarios::all() {
        let (d, r) = f();
        let doc = render::document(&d, &r, &ctx());
        let start = doc.find("### 2.2 Infrastructure Requirements").unwrap();
        let end = doc.find("### 2.3 Constraints").unwrap();
        let table: Vec<&str> = doc[start..end]
            .lines()
            .skip_while(|l| !l.starts_with("| Requirement"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .collect();
        assert!(!table.is_empty(), "{name}");
        for req in &d.requirements {
            let cite = format!("`{}:{}`", req.source.path, req.source.line);
            assert!(
                table
                    .iter()
                    .any(|row| row.contains(&format!("({})", req.id)) && row.contains(&cite)),
                "{name}: {} without {cite}",
                req.id
            );
        }
        for row in &table {
            let cells: Vec<&str> = row.split(" | ").collect();
            let source = cells.last().unwrap();
            assert!(
                source.contains(".md:")
                    || row.contains("**Assumed:**")
                    || source.contains("no planning document"),
                "{name}: row without a source or an assumption mark: {row}"
            );
        }
        for a in d.assumptions.iter().filter(|a| a.kind.is_some()) {
            assert!(
                table.iter().any(|row| row.contains(&format!("({})", a.id)) && row.contains("**Assumed:**")),
                "{name}: assumption {} not marked in 2.2",
                a.id
            );
        }
    }
}

#[test]
fn open_questions_cover_conflicts_gaps_and_assumptions() {
    let (d, r) = checkout();
    let doc = render::document(&d, &r, &ctx());
    let oq = &doc[doc.find("### Open Questions").unwrap()..];
    assert!(
        oq.contains("(conflict) Which availability target applies: 99.9 or 99.5"),
        "{oq}"
    );
    assert!(oq.contains("checkout-epics-20260102.md:17"));
    assert!(oq.contains("Confirm region: us-east-1 (A1)"), "{oq}");
    // A2 is already asked by Q1: not asked twice.
    assert_eq!(oq.matches("A2").count(), 1, "{oq}");

    let (d, r) = internal_tool();
    let doc = render::document(&d, &r, &ctx());
    let oq = &doc[doc.find("### Open Questions").unwrap()..];
    for gap in [
        "latency target",
        "recovery time objective (RTO)",
        "recovery point objective (RPO)",
    ] {
        assert!(
            oq.contains(&format!("(gap) No planning document states the {gap}")),
            "{gap}: {oq}"
        );
    }
    assert!(
        oq.contains("(gap) No planning document names a compliance framework"),
        "{oq}"
    );
}

#[test]
fn adrs_use_the_template_format() {
    let (d, r) = gcp_kubernetes();
    let doc = render::document(&d, &r, &ctx());
    let adrs = &doc[doc.find("## 10.").unwrap()..doc.find("## 11.").unwrap()];
    for field in [
        "**Status:** Proposed",
        "**Context:**",
        "**Decision:**",
        "**Consequences:**",
        "**Alternatives Considered:**\n1. ",
    ] {
        assert_eq!(adrs.matches(field).count(), d.adrs.len(), "{field}");
    }
    assert_eq!(adrs.matches("\n---\n").count(), d.adrs.len() - 1);
}

#[test]
fn diagrams_show_the_topology_not_the_template() {
    for (name, f) in scenarios::all() {
        let (d, r) = f();
        let doc = render::document(&d, &r, &ctx());
        let s31 = &doc[doc.find("### 3.1").unwrap()..doc.find("### 3.2").unwrap()];
        assert!(!s31.contains("Region A"), "{name}");
        assert_eq!(s31.matches("```mermaid").count(), 1, "{name}");
        for c in d.components.iter().filter(|c| c.critical_path) {
            assert!(s31.contains(&c.name), "{name}: {} not drawn", c.name);
        }
        // Every link appears as a Mermaid edge.
        assert!(
            s31.matches(" --> ").count() + s31.matches(" -->|").count() >= d.links.len(),
            "{name}"
        );
    }
}

#[test]
fn rendering_is_deterministic() {
    for (_, f) in scenarios::all() {
        let (d, r) = f();
        assert_eq!(
            render::document(&d, &r, &ctx()),
            render::document(&d.clone(), &r.clone(), &ctx())
        );
    }
}

#[test]
fn summary_counts_come_from_the_model() {
    let (d, _) = checkout();
    let s = render::summary(&d, "x.md");
    assert_eq!(
        (s.components, s.environments, s.scaling_rules, s.adrs),
        (8, 3, 1, 2)
    );
}

#[test]
fn prepared_document_and_model_round_trip_through_disk() {
    let (mut d, r) = azure_hipaa();
    let tmp = tempfile::tempdir().unwrap();
    let planning = tmp.path().join("docs/planning");
    // Outside the working directory, ingest shows planning files by absolute path.
    for s in &mut d.sources {
        s.path = tmp.path().join(&s.path).display().to_string();
    }
    let date = Date::new(2026, 3, 1).unwrap();
    let p = infrarch::write::prepare(&planning, &d, &r, date).unwrap();
    assert!(p.path.ends_with(
        "docs/planning/architecture/infrastructure/patient-portal-infrastructure-architecture-20260301.md"
    ));
    let w = infrarch::write::write_document(&p.path, &p.markdown, &p.model_json, false).unwrap();
    assert!(
        w.model
            .ends_with("patient-portal-infrastructure-architecture-20260301.json")
    );
    let back: infrarch::design::Design =
        serde_json::from_str(&std::fs::read_to_string(&w.model).unwrap()).unwrap();
    assert_eq!(back, d);
    assert_eq!(std::fs::read_to_string(&w.document).unwrap(), p.markdown);
    // The document's PRD link resolves on disk from where the document is.
    std::fs::create_dir_all(planning.join("prd")).unwrap();
    std::fs::write(planning.join("prd/patient-portal-20260101.md"), "# PRD\n").unwrap();
    let line = p
        .markdown
        .lines()
        .find(|l| l.starts_with("**Source PRD:**"))
        .unwrap();
    let target = &line[line.find("](").unwrap() + 2..line.len() - 1];
    assert!(
        w.document.parent().unwrap().join(target).is_file(),
        "{target}"
    );
}

#[test]
fn a_feature_name_that_is_a_path_is_refused_before_rendering() {
    let (mut d, r) = internal_tool();
    d.feature = "../../etc".into();
    let err = infrarch::write::prepare(
        Path::new("docs/planning"),
        &d,
        &r,
        Date::new(2026, 3, 1).unwrap(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("invalid feature name"), "{err}");
}

/// A model with every list empty still renders a complete document: no
/// header-only table, no dangling `**Label:**`, no empty sub-section.
#[test]
fn a_sparse_model_leaves_no_hole() {
    let (mut d, r) = internal_tool();
    d.summary.clear();
    d.requirements.clear();
    d.assumptions.clear();
    d.constraints.clear();
    d.components.clear();
    d.links.clear();
    d.availability.terms.clear();
    d.availability.steps.clear();
    d.capacity.steps.clear();
    d.capacity.scaling_rules.clear();
    d.load_balancing.clear();
    d.caching.clear();
    d.dr.selection.clear();
    d.dr.failover_steps.clear();
    d.topology.redundancy.clear();
    d.security.firewall_rules.clear();
    d.security.iam_roles.clear();
    d.security.monitoring.clear();
    d.security.network.subnets.clear();
    d.observability = infrarch::design::Observability {
        slos: vec![],
        burn_rate_alerts: vec![],
        metrics: vec![],
        alerts: vec![],
        logging: infrarch::design::Logging {
            levels: vec![],
            ..d.observability.logging.clone()
        },
        tracing: d.observability.tracing.clone(),
        dashboards: vec![],
    };
    d.cost.lines.clear();
    d.cost.savings.clear();
    d.cost.strategies.clear();
    d.deployment.steps.clear();
    d.deployment.environments.clear();
    d.deployment.containerization.image_policy.clear();
    d.operations.rollout.clear();
    d.operations.rollback.steps.clear();
    d.operations.checklist.clear();
    d.operations.runbooks.clear();
    d.operations.incident_response.severities.clear();
    d.operations.incident_response.steps.clear();
    d.governance.clear();
    d.risks.clear();
    d.open_questions.clear();
    d.adrs.clear();
    let doc = render::document(&d, &r, &ctx());
    let lines: Vec<&str> = doc.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("|--") || l.starts_with("|-") {
            assert!(
                lines.get(i + 1).is_some_and(|n| n.starts_with('|')),
                "header-only table at line {}",
                i + 1
            );
        }
        assert!(
            !l.trim_end().ends_with(":**"),
            "dangling label at line {}: {l}",
            i + 1
        );
        if l.starts_with('#') {
            let next = lines[i + 1..].iter().find(|n| !n.is_empty());
            assert!(
                next.is_some_and(|n| {
                    let next_section = n.starts_with("## ");
                    let sibling = l.starts_with("### ") && n.starts_with("### ");
                    !(next_section || sibling)
                }),
                "empty section at line {}: {l}",
                i + 1
            );
        }
    }
}

#[test]
fn graph_takes_drawn_links_and_starts_from_the_outside() {
    use infrarch::render::diagram::{CLIENTS_ID, Graph};
    let targets = |g: &Graph, from: &str| -> Vec<String> {
        let i = g.index(from).unwrap_or_else(|| panic!("no node {from}"));
        g.edges
            .iter()
            .filter(|e| e.from == i)
            .map(|e| g.nodes[e.to].id.clone())
            .collect()
    };
    // External nodes of the model replace the synthetic clients.
    let (d, _) = checkout();
    let g = Graph::from_design(&d);
    let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    assert!(
        !ids.contains(&"secrets"),
        "unlinked, off the request path: {ids:?}"
    );
    assert!(
        ids.contains(&"queue") && ids.contains(&"worker"),
        "linked: {ids:?}"
    );
    assert!(g.index(CLIENTS_ID).is_none());
    assert_eq!(targets(&g, "internet"), ["cdn"]);
    assert_eq!(g.edges.len(), d.links.len());

    // Without external nodes the clients reach the outermost tier only, and
    // telemetry links (app → logs) are not drawn.
    let (d, _) = gcp_kubernetes();
    let g = Graph::from_design(&d);
    assert_eq!(targets(&g, CLIENTS_ID), ["lb"]);
    assert!(g.index("logs").is_none());

    // Control links (app → Key Vault) are not drawn either.
    let (d, _) = azure_hipaa();
    assert!(Graph::from_design(&d).index("kv").is_none());

    let (d, _) = internal_tool();
    let g = Graph::from_design(&d);
    assert_eq!(targets(&g, "staff"), ["app"]);
}
