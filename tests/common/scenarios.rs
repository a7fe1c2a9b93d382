//! The four renderer scenarios: AWS checkout (PCI-DSS, a conflict), GCP with
//! mandated Kubernetes, Azure with HIPAA, and a small internal tool at 99.5%.

use super::*;
use infrarch::catalog::Provider;
use infrarch::design::*;
use infrarch::requirements::{Conflict, Kind, RequirementSet, Source, Value};

// Positional on purpose: the scenario tables below read like a component table.
#[allow(clippy::too_many_arguments)]
pub fn comp<'a>(
    id: &'a str,
    name: &'a str,
    role: &'a str,
    service: &'a str,
    config: &'a str,
    count: u32,
    cost: f64,
    sla: Option<f64>,
) -> Comp<'a> {
    let critical = !matches!(role, "secrets" | "logs" | "queue" | "object_storage");
    Comp {
        id,
        name,
        role,
        service,
        config,
        count,
        critical,
        cost,
        sla,
    }
}

/// AWS checkout: CDN, WAF'd load balancer, Fargate, PostgreSQL, Redis, a queue and
/// a worker, PCI-DSS, a conflict between the PRD's and the epic's availability.
pub fn checkout() -> (Design, RequirementSet) {
    let prd = "docs/planning/prd/checkout-20260101.md";
    let epic = "docs/planning/epics/checkout-epics-20260102.md";
    let mut r1 = req(
        "R1",
        Kind::Availability,
        Value::Number(99.9),
        "percent",
        "99.9%",
        prd,
        42,
    );
    r1.qualifier = Some("monthly, excluding maintenance".into());
    r1.conflicting = true;
    let mut r10 = req(
        "R10",
        Kind::Availability,
        Value::Number(99.5),
        "percent",
        "99.5%",
        epic,
        17,
    );
    r10.primary = false;
    r10.conflicting = true;
    build(Scenario {
        feature: "checkout",
        provider: Provider::Aws,
        provider_name: "Amazon Web Services",
        region: "us-east-1",
        zones: 2,
        platform: (PlatformKind::ManagedContainers, "Amazon ECS on AWS Fargate"),
        components: vec![
            comp("cdn", "CloudFront", "cdn", "Amazon CloudFront", "TLS 1.2, 24 h asset TTL", 1, 45.0, Some(99.9)),
            comp("lb", "Application Load Balancer", "load_balancer", "Elastic Load Balancing", "2 AZs, HTTPS listener", 1, 22.0, Some(99.99)),
            comp("app", "Checkout API", "managed_containers", "Amazon ECS on AWS Fargate", "1 vCPU / 2 GB tasks", 6, 216.0, Some(99.99)),
            comp("worker", "Fulfilment worker", "managed_containers", "Amazon ECS on AWS Fargate", "0.5 vCPU / 1 GB tasks", 2, 36.0, None),
            comp("db", "Orders database", "relational_db", "Amazon RDS for PostgreSQL", "Multi-AZ db.t3.large, 100 GB gp3, PITR 7 d", 1, 210.0, Some(99.95)),
            comp("cache", "Session cache", "cache", "Amazon ElastiCache for Redis", "cache.t3.small, primary + replica", 2, 50.0, Some(99.9)),
            comp("queue", "Order events", "queue", "Amazon SQS", "standard queue, DLQ after 5 tries", 1, 2.0, None),
            comp("secrets", "Secrets", "secrets", "AWS Secrets Manager", "6 secrets, 90-day rotation", 1, 3.0, None),
        ],
        links: vec![
            link("internet", "cdn", "HTTPS", ""),
            link("cdn", "lb", "HTTPS", "dynamic requests"),
            link("lb", "app", "HTTP", ""),
            link("app", "db", "TCP 5432", "reads/writes"),
            link("app", "cache", "TLS 6379", "cache lookups"),
            link("app", "queue", "HTTPS", "order events"),
            link("queue", "worker", "HTTPS", "poll"),
            link("worker", "db", "TCP 5432", "status updates"),
        ],
        requirements: vec![
            r1,
            req("R2", Kind::Latency, Value::Number(200.0), "ms", "p95 < 200 ms", prd, 44),
            req("R3", Kind::Throughput, Value::Number(200.0), "rps", "200 rps peak", prd, 46),
            req("R5", Kind::Rto, Value::Number(3600.0), "s", "RTO 1 h", prd, 50),
            req("R6", Kind::Rpo, Value::Number(300.0), "s", "RPO 5 min", prd, 51),
            req("R8", Kind::Compliance, Value::Text("PCI-DSS".into()), "", "PCI-DSS", prd, 55),
            req("R9", Kind::Budget, Value::Number(3000.0), "USD/month", "$3,000/month", prd, 60),
            r10,
        ],
        assumptions: vec![
            assumption("A1", None, "region", "us-east-1", "No region is stated; the provider's largest region has every service used"),
            assumption("A2", None, "per-instance concurrency", "20 in-flight requests", "Typical for a 1 vCPU service doing I/O-bound work"),
        ],
        target: 99.9,
        composite: 99.79,
        rto_s: 3600.0,
        rpo_s: 300.0,
        tier: DrTier::BackupRestore,
        compliance: vec![ComplianceFramework {
            name: "PCI-DSS".into(),
            requirements: vec!["R8".into()],
            controls: vec![
                Control {
                    reference: "10.5.1".into(),
                    requirement: "Retain audit logs for 12 months".into(),
                    parameter: Some("12 months retained, 3 months hot".into()),
                    implementation: "Log archive with 365-day retention, 90 days searchable".into(),
                    source: "PCI DSS v4.0.1".into(),
                    verified: true,
                },
                Control {
                    reference: "4.2.1".into(),
                    requirement: "Strong cryptography for cardholder data in transit".into(),
                    parameter: None,
                    implementation: "TLS 1.2+ on every listener; the app never sees PANs (hosted payment fields)".into(),
                    source: "PCI DSS v4.0.1".into(),
                    verified: false,
                },
            ],
        }],
        budget: Some(3000.0),
        greenfield: true,
        deploy: DeployStrategy::Rolling,
        min_max: (6, 12),
        conflicts: vec![Conflict {
            kind: Kind::Availability,
            values: vec![Value::Number(99.9), Value::Number(99.5)],
            sources: vec![
                Source { path: prd.into(), line: 42, excerpt: String::new() },
                Source { path: epic.into(), line: 17, excerpt: String::new() },
            ],
            resolved: Some(Value::Number(99.9)),
        }],
        missing: vec![],
        external: vec![("internet", "Shoppers (internet)")],
        unpriced: vec![],
    })
}

/// GCP with Kubernetes mandated by the project: GKE, Cloud Load Balancing,
/// Cloud SQL, three zones, no compliance.
pub fn gcp_kubernetes() -> (Design, RequirementSet) {
    let prd = "docs/planning/prd/catalog-search-20260101.md";
    let mut p = req(
        "R7",
        Kind::Platform,
        Value::Text("kubernetes".into()),
        "",
        "Kubernetes (mandated)",
        prd,
        12,
    );
    p.qualifier = Some("platform team standard".into());
    build(Scenario {
        feature: "catalog-search",
        provider: Provider::Gcp,
        provider_name: "Google Cloud",
        region: "europe-west1",
        zones: 3,
        platform: (
            PlatformKind::Kubernetes,
            "Google Kubernetes Engine (Autopilot)",
        ),
        components: vec![
            comp(
                "lb",
                "External Application Load Balancer",
                "load_balancer",
                "Cloud Load Balancing",
                "global anycast IP, HTTPS",
                1,
                18.0,
                Some(99.99),
            ),
            comp(
                "app",
                "Search API",
                "kubernetes",
                "Google Kubernetes Engine (Autopilot)",
                "regional cluster, 0.5 vCPU / 1 GiB pods",
                6,
                190.0,
                Some(99.95),
            ),
            comp(
                "db",
                "Catalog database",
                "relational_db",
                "Cloud SQL for PostgreSQL",
                "HA (regional), 2 vCPU / 8 GB, 50 GB SSD",
                1,
                190.0,
                Some(99.99),
            ),
            comp(
                "logs",
                "Cloud Logging",
                "logs",
                "Cloud Logging",
                "30-day default bucket",
                1,
                10.0,
                None,
            ),
        ],
        links: vec![
            link("lb", "app", "HTTPS", ""),
            link("app", "db", "TCP 5432", "queries"),
            link("app", "logs", "HTTPS", "logs"),
        ],
        requirements: vec![
            req(
                "R1",
                Kind::Availability,
                Value::Number(99.95),
                "percent",
                "99.95%",
                prd,
                30,
            ),
            req(
                "R2",
                Kind::Latency,
                Value::Number(300.0),
                "ms",
                "p95 < 300 ms",
                prd,
                31,
            ),
            req(
                "R3",
                Kind::Throughput,
                Value::Number(150.0),
                "rps",
                "150 rps peak",
                prd,
                33,
            ),
            req(
                "R4",
                Kind::Cloud,
                Value::Text("gcp".into()),
                "",
                "Google Cloud",
                prd,
                10,
            ),
            p,
        ],
        assumptions: vec![
            assumption(
                "A1",
                None,
                "region",
                "europe-west1",
                "The users are in Europe (PRD market section)",
            ),
            assumption(
                "A5",
                Some(Kind::Rto),
                "recovery time objective",
                "4 h",
                "No document states one; a business-hours internal tier",
            ),
            assumption(
                "A6",
                Some(Kind::Rpo),
                "recovery point objective",
                "1 h",
                "No document states one",
            ),
        ],
        target: 99.95,
        composite: 99.93,
        rto_s: 14400.0,
        rpo_s: 3600.0,
        tier: DrTier::BackupRestore,
        compliance: vec![],
        budget: None,
        greenfield: true,
        deploy: DeployStrategy::Canary,
        min_max: (6, 15),
        conflicts: vec![],
        missing: vec![Kind::Rto, Kind::Rpo],
        external: vec![],
        unpriced: vec![],
    })
}

/// Azure with HIPAA: App Service-free container design with Front Door,
/// zone-redundant PostgreSQL, HIPAA controls and a notification duty.
pub fn azure_hipaa() -> (Design, RequirementSet) {
    let prd = "docs/planning/prd/patient-portal-20260101.md";
    let (mut d, r) = build(Scenario {
        feature: "patient-portal",
        provider: Provider::Azure,
        provider_name: "Microsoft Azure",
        region: "eastus2",
        zones: 3,
        platform: (PlatformKind::ManagedContainers, "Azure Container Apps"),
        components: vec![
            comp("edge", "Front Door", "cdn", "Azure Front Door Premium", "WAF policy, private link to origin", 1, 330.0, Some(99.99)),
            comp("app", "Portal API", "managed_containers", "Azure Container Apps", "zone-redundant environment, 1 vCPU / 2 GiB", 3, 160.0, Some(99.95)),
            comp("db", "Patient records", "relational_db", "Azure Database for PostgreSQL flexible server", "zone-redundant HA, D2ds_v5, 128 GB", 1, 290.0, Some(99.99)),
            comp("blob", "Documents", "object_storage", "Azure Blob Storage", "ZRS, immutable 6-year retention", 1, 25.0, None),
            comp("kv", "Key Vault", "secrets", "Azure Key Vault", "customer-managed keys", 1, 0.0, None),
        ],
        links: vec![
            link("edge", "app", "HTTPS", "private link"),
            link("app", "db", "TCP 5432", "PHI reads/writes"),
            link("app", "blob", "HTTPS", "documents"),
            link("app", "kv", "HTTPS", "keys"),
        ],
        requirements: vec![
            req("R1", Kind::Availability, Value::Number(99.9), "percent", "99.9%", prd, 25),
            req("R2", Kind::Latency, Value::Number(500.0), "ms", "p95 < 500 ms", prd, 27),
            req("R3", Kind::Throughput, Value::Number(50.0), "rps", "50 rps peak", prd, 28),
            req("R5", Kind::Rto, Value::Number(14400.0), "s", "RTO 4 h", prd, 40),
            req("R6", Kind::Rpo, Value::Number(900.0), "s", "RPO 15 min", prd, 41),
            req("R8", Kind::Compliance, Value::Text("HIPAA".into()), "", "HIPAA", prd, 8),
            req("R11", Kind::Cloud, Value::Text("azure".into()), "", "Azure", prd, 9),
        ],
        assumptions: vec![assumption("A1", None, "region", "eastus2", "Covered by the provider's BAA and zone-redundant")],
        target: 99.9,
        composite: 99.93,
        rto_s: 14400.0,
        rpo_s: 900.0,
        tier: DrTier::PilotLight,
        compliance: vec![ComplianceFramework {
            name: "HIPAA".into(),
            requirements: vec!["R8".into()],
            controls: vec![
                Control {
                    reference: "164.312(b)".into(),
                    requirement: "Audit controls".into(),
                    parameter: Some("6 years".into()),
                    implementation: "Diagnostic settings on every resource to a Log Analytics workspace with 6-year archive".into(),
                    source: "45 CFR 164.312".into(),
                    verified: true,
                },
                Control {
                    reference: "164.312(a)(2)(iv)".into(),
                    requirement: "Encryption and decryption".into(),
                    parameter: None,
                    implementation: "Customer-managed keys in Key Vault for the database and Blob Storage".into(),
                    source: "45 CFR 164.312".into(),
                    verified: true,
                },
            ],
        }],
        budget: None,
        greenfield: true,
        deploy: DeployStrategy::BlueGreen,
        min_max: (3, 9),
        conflicts: vec![],
        missing: vec![Kind::Budget],
        external: vec![],
        unpriced: vec![Unpriced {
            component: "kv".into(),
            service: "Azure Key Vault".into(),
            reason: "priced per operation; no sourced operation count".into(),
        }],
    });
    d.operations.incident_response.notification_duty = Some(
        "HIPAA breach notification to affected individuals within 60 days of discovery".into(),
    );
    (d, r)
}

/// A small internal tool at 99.5%: Cloud Run, one zone, no load balancer of its
/// own, no cache, no compliance, a $150 budget it exceeds.
pub fn internal_tool() -> (Design, RequirementSet) {
    let prd = "docs/planning/prd/expense-report-20260101.md";
    let (mut d, r) = build(Scenario {
        feature: "expense-report",
        provider: Provider::Gcp,
        provider_name: "Google Cloud",
        region: "us-central1",
        zones: 1,
        platform: (PlatformKind::Functions, "Cloud Run"),
        components: vec![
            comp(
                "app",
                "Expense API",
                "functions",
                "Cloud Run",
                "1 vCPU / 512 MiB, scale to zero",
                1,
                25.0,
                Some(99.95),
            ),
            comp(
                "db",
                "Expenses database",
                "relational_db",
                "Cloud SQL for PostgreSQL",
                "db-g1-small, single zone, 20 GB",
                1,
                140.0,
                Some(99.5),
            ),
        ],
        links: vec![
            link("staff", "app", "HTTPS", "IAP"),
            link("app", "db", "TCP 5432", ""),
        ],
        requirements: vec![
            req(
                "R1",
                Kind::Availability,
                Value::Number(99.5),
                "percent",
                "99.5%",
                prd,
                20,
            ),
            req(
                "R9",
                Kind::Budget,
                Value::Number(150.0),
                "USD/month",
                "$150/month",
                prd,
                22,
            ),
        ],
        assumptions: vec![
            assumption(
                "A3",
                Some(Kind::Throughput),
                "peak request rate",
                "5 rps",
                "200 employees filing at month end",
            ),
            assumption(
                "A4",
                Some(Kind::Latency),
                "latency target",
                "p95 < 1 s",
                "An internal form; no document states one",
            ),
            assumption(
                "A5",
                Some(Kind::Rto),
                "recovery time objective",
                "24 h",
                "No document states one",
            ),
            assumption(
                "A6",
                Some(Kind::Rpo),
                "recovery point objective",
                "24 h",
                "Daily backups suffice for a tool with paper receipts",
            ),
        ],
        target: 99.5,
        composite: 99.45,
        rto_s: 86400.0,
        rpo_s: 86400.0,
        tier: DrTier::BackupRestore,
        compliance: vec![],
        budget: Some(150.0),
        greenfield: false,
        deploy: DeployStrategy::Rolling,
        min_max: (0, 3),
        conflicts: vec![],
        missing: vec![
            Kind::Latency,
            Kind::Throughput,
            Kind::Rto,
            Kind::Rpo,
            Kind::Compliance,
        ],
        external: vec![("staff", "Employees (corporate network)")],
        unpriced: vec![],
    });
    d.security.waf = None;
    d.availability.risk = Some("The single-zone database SLA (99.5%) alone consumes the whole target; a zone outage is an outage".into());
    d.project.existing_system = Some("a spreadsheet on a shared drive".into());
    d.project.tech_stack = vec!["python".into(), "postgresql".into()];
    d.project.file = Some("infrarch.toml".into());
    d.operations.migration.strategy =
        "Import the current spreadsheet once at launch; the spreadsheet becomes read-only".into();
    (d, r)
}

pub type Scn = fn() -> (Design, RequirementSet);

/// Every scenario with its snapshot name.
pub fn all() -> [(&'static str, Scn); 4] {
    [
        ("checkout_aws", checkout),
        ("gcp_kubernetes", gcp_kubernetes),
        ("azure_hipaa", azure_hipaa),
        ("internal_tool", internal_tool),
    ]
}
