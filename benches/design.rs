//! One feature's design, in process: the goal is a median under 5 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use infrarch::design::{DesignOptions, design};
use infrarch::project::Project;
use infrarch::requirements::{
    Kind, Requirement, RequirementSet, Source, Stance, Technology, Value,
};

fn req(id: usize, kind: Kind, value: Value, unit: &str) -> Requirement {
    Requirement {
        id: format!("R{id}"),
        kind,
        value,
        unit: unit.into(),
        percentile: (kind == Kind::Latency).then_some(95),
        primary: true,
        qualifier: None,
        phase: None,
        subject: None,
        source: Source {
            path: "docs/planning/prd/checkout-prd-20260101.md".into(),
            line: 10 + id,
            excerpt: String::new(),
        },
    }
}

/// A realistic feature: AWS, 99.95 %, 800 rps, PostgreSQL + Redis, PCI DSS, a budget.
fn checkout() -> RequirementSet {
    let n = |v: f64| Value::Number(v);
    let t = |v: &str| Value::Text(v.into());
    let src = Source {
        path: "docs/planning/architecture/data/checkout.md".into(),
        line: 5,
        excerpt: String::new(),
    };
    RequirementSet {
        schema: "infrarch.requirements/v1".into(),
        feature: "checkout".into(),
        sources: vec![],
        requirements: vec![
            req(1, Kind::Cloud, t("aws"), ""),
            req(2, Kind::Availability, n(99.95), "percent"),
            req(3, Kind::Latency, n(200.0), "ms"),
            req(4, Kind::Throughput, n(800.0), "rps"),
            req(5, Kind::Rto, n(3600.0), "s"),
            req(6, Kind::Rpo, n(300.0), "s"),
            req(7, Kind::Compliance, t("PCI-DSS"), ""),
            req(8, Kind::Budget, n(5000.0), "USD/month"),
        ],
        conflicts: vec![],
        missing: vec![
            Kind::ConcurrentUsers,
            Kind::DataVolume,
            Kind::Residency,
            Kind::Platform,
        ],
        technologies: vec![
            Technology {
                name: "postgresql".into(),
                role: "relational_db".into(),
                stance: Stance::Chosen,
                source: src.clone(),
            },
            Technology {
                name: "redis".into(),
                role: "cache".into(),
                stance: Stance::Chosen,
                source: src,
            },
        ],
        superseded: vec![],
        ambiguities: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let reqs = checkout();
    let project = Project::default();
    let opts = DesignOptions::default();
    c.bench_function("design checkout (aws, 99.95, PCI-DSS)", |b| {
        b.iter(|| design(std::hint::black_box(&reqs), &project, &opts).expect("design"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
