//! Requirement sets written by hand for the passes' unit tests: a few
//! requirements and technologies, each on a line of one PRD, so a test reads
//! as the statement it models.

use crate::design::context::Ctx;
use crate::design::{Design, DesignOptions};
use crate::project::Project;
use crate::requirements::{
    DocKind, Kind, REQUIREMENTS_SCHEMA, Requirement, RequirementSet, Source, SourceDoc, Stance,
    Technology, Value,
};

pub const PRD: &str = "docs/prd.md";

#[derive(Default)]
pub struct Set {
    reqs: Vec<Requirement>,
    tech: Vec<Technology>,
}

impl Set {
    pub fn new() -> Set {
        Set::default()
    }

    fn line(&self) -> usize {
        self.reqs.len() + self.tech.len() + 1
    }

    /// A requirement stated on its own line of the PRD (`excerpt` is the line).
    pub fn req(mut self, kind: Kind, value: Value, excerpt: &str) -> Set {
        let line = self.line();
        let primary = !self.reqs.iter().any(|r| r.kind == kind && r.primary);
        self.reqs.push(Requirement {
            id: format!("R{}", self.reqs.len() + 1),
            kind,
            unit: kind.canonical_unit().to_string(),
            percentile: (kind == Kind::Latency).then_some(95),
            value,
            primary,
            qualifier: None,
            phase: None,
            subject: None,
            source: Source {
                path: PRD.into(),
                line,
                excerpt: excerpt.into(),
            },
        });
        self
    }

    pub fn num(self, kind: Kind, v: f64, excerpt: &str) -> Set {
        self.req(kind, Value::Number(v), excerpt)
    }

    pub fn text(self, kind: Kind, v: &str, excerpt: &str) -> Set {
        self.req(kind, Value::Text(v.into()), excerpt)
    }

    /// A technology named with a stance on its own line (`excerpt` is the line).
    pub fn tech(mut self, name: &str, role: &str, stance: Stance, excerpt: &str) -> Set {
        let line = self.line();
        self.tech.push(Technology {
            name: name.into(),
            role: role.into(),
            stance,
            source: Source {
                path: PRD.into(),
                line,
                excerpt: excerpt.into(),
            },
        });
        self
    }

    pub fn chose(self, name: &str, role: &str, excerpt: &str) -> Set {
        self.tech(name, role, Stance::Chosen, excerpt)
    }

    pub fn build(self) -> RequirementSet {
        let missing = Kind::ALL
            .into_iter()
            .filter(|k| !self.reqs.iter().any(|r| r.kind == *k))
            .collect();
        RequirementSet {
            schema: REQUIREMENTS_SCHEMA.to_string(),
            feature: "unit".into(),
            sources: vec![SourceDoc {
                path: PRD.into(),
                kind: DocKind::Prd,
            }],
            requirements: self.reqs,
            conflicts: vec![],
            missing,
            technologies: self.tech,
            superseded: vec![],
            ambiguities: vec![],
        }
    }
}

/// The context a pass sees for these requirements and no project file.
pub fn ctx<'a>(reqs: &'a RequirementSet, project: &'a Project) -> Ctx<'a> {
    Ctx::new(reqs, project, &DesignOptions::default()).expect("context")
}

/// The whole design of these requirements.
pub fn design(reqs: &RequirementSet) -> Design {
    crate::design::design(reqs, &Project::default(), &DesignOptions::default()).expect("design")
}
