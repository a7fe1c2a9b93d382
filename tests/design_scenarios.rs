//! Table-driven design scenarios: requirement sets built in code, decisions and
//! numbers asserted across providers, platforms, compliance and the
//! over-engineering cases of the design rules.

use infrarch::catalog::Provider;
use infrarch::design::{
    self, DeployStrategy, Design, DesignOptions, DrTier, PlatformKind, QuestionReason,
};
use infrarch::project::Project;
use infrarch::requirements::{
    Conflict, Kind, Requirement, RequirementSet, Source, Stance, Technology, Value,
};

/// Builds a requirement set line by line, like an extraction would.
struct Reqs(RequirementSet);

impl Reqs {
    fn new(feature: &str) -> Self {
        Reqs(RequirementSet {
            schema: "infrarch.requirements/v1".into(),
            feature: feature.into(),
            sources: vec![],
            requirements: vec![],
            conflicts: vec![],
            missing: vec![],
            technologies: vec![],
            superseded: vec![],
        })
    }
    fn src(line: usize) -> Source {
        Source {
            path: "docs/planning/prd/x-prd-20260101.md".into(),
            line,
            excerpt: String::new(),
        }
    }
    fn add(mut self, kind: Kind, value: Value, unit: &str) -> Self {
        let primary = !self.0.requirements.iter().any(|r| r.kind == kind);
        let id = format!("R{}", self.0.requirements.len() + 1);
        let line = self.0.requirements.len() + 10;
        self.0.requirements.push(Requirement {
            id,
            kind,
            value,
            unit: unit.into(),
            percentile: (kind == Kind::Latency).then_some(95),
            primary,
            qualifier: None,
            phase: None,
            subject: None,
            source: Self::src(line),
        });
        self
    }
    fn n(self, kind: Kind, v: f64) -> Self {
        let unit = kind.canonical_unit().to_string();
        self.add(kind, Value::Number(v), &unit)
    }
    fn t(self, kind: Kind, v: &str) -> Self {
        self.add(kind, Value::Text(v.into()), "")
    }
    fn tech(mut self, name: &str, role: &str, stance: Stance) -> Self {
        self.0.technologies.push(Technology {
            name: name.into(),
            role: role.into(),
            stance,
            source: Self::src(99),
        });
        self
    }
    fn conflict(mut self, kind: Kind, values: &[f64]) -> Self {
        for v in values {
            self = self.n(kind, *v);
        }
        self.0.conflicts.push(Conflict {
            kind,
            values: values.iter().map(|v| Value::Number(*v)).collect(),
            sources: vec![],
            resolved: None,
        });
        self
    }
    fn done(mut self) -> RequirementSet {
        for k in Kind::ALL {
            if !self.0.requirements.iter().any(|r| r.kind == k) {
                self.0.missing.push(k);
            }
        }
        self.0
    }
}

fn web(feature: &str, cloud: &str, avail: f64) -> Reqs {
    Reqs::new(feature)
        .t(Kind::Cloud, cloud)
        .n(Kind::Availability, avail)
        .n(Kind::Latency, 200.0)
        .n(Kind::Throughput, 500.0)
        .tech("postgresql", "relational_db", Stance::Chosen)
}

fn run(reqs: &RequirementSet) -> Design {
    design::design(reqs, &Project::default(), &DesignOptions::default()).expect("design")
}

fn run_p(reqs: &RequirementSet, project: &Project) -> Design {
    design::design(reqs, project, &DesignOptions::default()).expect("design")
}

#[test]
fn debug_dump() {
    let d = run(&web("checkout", "aws", 99.9).done());
    eprintln!("{}", serde_json::to_string_pretty(&d).unwrap());
}
