//! Whole documents from the design engine: requirement sets built in code (as
//! `extract` would produce them, with file:line sources), designed, rendered
//! and snapshotted. The bundled example's numbers mirror
//! `examples/checkout/docs/planning/prd/checkout-20260105.md`.

use std::path::Path;

use infrarch::design::{self, DesignOptions};
use infrarch::project::Project;
use infrarch::render::{self, RenderContext};
use infrarch::requirements::{
    DocKind, Kind, REQUIREMENTS_SCHEMA, Requirement, RequirementSet, Source, SourceDoc, Stance,
    Technology, Value,
};
use jiff::civil::Date;

fn ctx() -> RenderContext {
    RenderContext::new(Date::new(2026, 3, 1).unwrap(), Path::new("docs/planning"))
}

struct Set {
    prd: String,
    reqs: Vec<Requirement>,
    tech: Vec<Technology>,
}

impl Set {
    fn new(feature: &str) -> Set {
        Set {
            prd: format!("docs/planning/prd/{feature}-20260105.md"),
            reqs: Vec::new(),
            tech: Vec::new(),
        }
    }
    fn req(mut self, kind: Kind, value: Value, line: usize, excerpt: &str) -> Set {
        let id = format!("R{}", self.reqs.len() + 1);
        let primary = !self.reqs.iter().any(|r| r.kind == kind && r.primary);
        self.reqs.push(Requirement {
            id,
            kind,
            unit: kind.canonical_unit().to_string(),
            percentile: (kind == Kind::Latency).then_some(95),
            value,
            primary,
            qualifier: None,
            phase: None,
            subject: None,
            source: Source {
                path: self.prd.clone(),
                line,
                excerpt: excerpt.to_string(),
            },
        });
        self
    }
    fn num(self, kind: Kind, v: f64, line: usize, excerpt: &str) -> Set {
        self.req(kind, Value::Number(v), line, excerpt)
    }
    fn text(self, kind: Kind, v: &str, line: usize, excerpt: &str) -> Set {
        self.req(kind, Value::Text(v.to_string()), line, excerpt)
    }
    fn chose(mut self, name: &str, role: &str, line: usize) -> Set {
        self.tech.push(Technology {
            name: name.to_string(),
            role: role.to_string(),
            stance: Stance::Chosen,
            source: Source {
                path: self.prd.clone(),
                line,
                excerpt: name.to_string(),
            },
        });
        self
    }
    fn build(self, feature: &str) -> RequirementSet {
        let missing = Kind::ALL
            .into_iter()
            .filter(|k| !self.reqs.iter().any(|r| r.kind == *k))
            .collect();
        RequirementSet {
            schema: REQUIREMENTS_SCHEMA.to_string(),
            feature: feature.to_string(),
            sources: vec![SourceDoc {
                path: self.prd,
                kind: DocKind::Prd,
            }],
            requirements: self.reqs,
            conflicts: vec![],
            missing,
            technologies: self.tech,
            superseded: vec![],
            ambiguities: Vec::new(),
        }
    }
}

fn document(reqs: &RequirementSet, project: &Project) -> String {
    let d = design::design(reqs, project, &DesignOptions::default()).expect("design");
    render::document(&d, reqs, &ctx())
}

fn checkout() -> (RequirementSet, Project) {
    let reqs = Set::new("checkout")
        .num(
            Kind::Availability,
            99.95,
            38,
            "| Availability | 99.95% monthly |",
        )
        .num(
            Kind::Latency,
            300.0,
            39,
            "| Checkout API latency | p95 < 300 ms |",
        )
        .num(
            Kind::Rto,
            3600.0,
            44,
            "recover from a regional outage within 1 hour",
        )
        .num(
            Kind::Rpo,
            300.0,
            45,
            "losing at most 5 minutes of orders (RPO)",
        )
        .text(Kind::Compliance, "PCI-DSS", 53, "falls under PCI DSS")
        .num(Kind::Budget, 4000.0, 59, "within $4,000 per month")
        .chose("postgresql", "relational_db", 12)
        .chose("redis", "cache", 13)
        .build("checkout");
    let project: Project = toml::from_str(
        r#"cloud_provider = "aws"
region = "eu-west-1"
tech_stack = ["typescript", "postgresql 16", "redis 7"]
iac_tool = "terraform"
notes = ["Four engineers; no one on the team has run a Kubernetes cluster in production."]
"#,
    )
    .unwrap();
    (reqs, project)
}

fn gcp_kubernetes() -> (RequirementSet, Project) {
    let reqs = Set::new("catalog-search")
        .num(Kind::Availability, 99.95, 30, "99.95% availability")
        .num(Kind::Latency, 300.0, 31, "p95 under 300 ms")
        .num(
            Kind::Throughput,
            150.0,
            33,
            "150 requests per second at peak",
        )
        .text(Kind::Cloud, "gcp", 10, "Runs on Google Cloud")
        .text(
            Kind::Platform,
            "kubernetes",
            12,
            "Deployed on Kubernetes (platform standard)",
        )
        .chose("postgresql", "relational_db", 14)
        .build("catalog-search");
    (reqs, Project::default())
}

fn azure_hipaa() -> (RequirementSet, Project) {
    let reqs = Set::new("patient-portal")
        .num(Kind::Availability, 99.9, 25, "99.9% uptime")
        .num(Kind::Latency, 500.0, 27, "p95 < 500 ms")
        .num(Kind::Throughput, 50.0, 28, "50 rps peak")
        .num(Kind::Rto, 14400.0, 40, "RTO 4 hours")
        .num(Kind::Rpo, 900.0, 41, "RPO 15 minutes")
        .text(Kind::Compliance, "HIPAA", 8, "PHI: HIPAA applies")
        .text(Kind::Cloud, "azure", 9, "Hosted on Azure")
        .chose("postgresql", "relational_db", 15)
        .build("patient-portal");
    (reqs, Project::default())
}

fn internal_tool() -> (RequirementSet, Project) {
    let reqs = Set::new("expense-report")
        .num(Kind::Availability, 99.5, 20, "99.5% during business hours")
        .num(Kind::Budget, 150.0, 22, "under $150 a month")
        .text(Kind::Cloud, "gcp", 9, "our Google Cloud account")
        .chose("postgresql", "relational_db", 14)
        .build("expense-report");
    (reqs, Project::default())
}

#[test]
fn engine_checkout_example() {
    let (r, p) = checkout();
    insta::assert_snapshot!(document(&r, &p));
}

#[test]
fn engine_gcp_kubernetes() {
    let (r, p) = gcp_kubernetes();
    insta::assert_snapshot!(document(&r, &p));
}

#[test]
fn engine_azure_hipaa() {
    let (r, p) = azure_hipaa();
    insta::assert_snapshot!(document(&r, &p));
}

#[test]
fn engine_internal_tool() {
    let (r, p) = internal_tool();
    insta::assert_snapshot!(document(&r, &p));
}

#[test]
fn engine_documents_cite_every_requirement() {
    for (r, p) in [checkout(), gcp_kubernetes(), azure_hipaa(), internal_tool()] {
        let doc = document(&r, &p);
        for q in &r.requirements {
            let cite = format!("`{}:{}`", q.source.path, q.source.line);
            assert!(doc.contains(&cite), "{}: {} not cited", r.feature, q.id);
        }
        assert!(doc.contains("## 14. Open Questions & Risks"));
        assert!(!doc.contains("Region A"));
    }
}
