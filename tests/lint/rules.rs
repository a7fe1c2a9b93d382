//! One fixture per rule (`tests/fixtures/lint/rules/CODE.md`), linted with
//! only that rule selected, human output snapshotted.

use infrarch::ingest::{self, PlanningDoc};
use infrarch::lint::{Inputs, LintRun, RULES, Selection, SourcePrd, lint_document};
use infrarch::report::LintFormat;
use infrarch::requirements::{
    DocKind, Kind, REQUIREMENTS_SCHEMA, Requirement, RequirementSet, Source, Value,
};

use crate::{fixture, render};

/// The source requirements "now": availability tightened to 99.95% and RPO to
/// 5 minutes since the fixture document was written.
fn current_requirements() -> RequirementSet {
    let req = |id: &str, kind: Kind, v: f64, pct: Option<u8>, line: usize| Requirement {
        id: id.into(),
        kind,
        value: Value::Number(v),
        unit: kind.canonical_unit().into(),
        percentile: pct,
        primary: true,
        qualifier: None,
        phase: None,
        subject: None,
        source: Source {
            path: "docs/planning/prd/checkout-prd-20260301.md".into(),
            line,
            excerpt: String::new(),
        },
    };
    RequirementSet {
        schema: REQUIREMENTS_SCHEMA.into(),
        feature: "checkout".into(),
        sources: vec![],
        requirements: vec![
            req("R1", Kind::Availability, 99.95, None, 21),
            req("R2", Kind::Latency, 300.0, Some(95), 22),
            req("R3", Kind::Rto, 3600.0, None, 24),
            req("R4", Kind::Rpo, 300.0, None, 25),
            req("R5", Kind::Budget, 3000.0, None, 27),
        ],
        conflicts: vec![],
        missing: vec![],
        technologies: vec![],
        superseded: vec![],
        ambiguities: Vec::new(),
    }
}

#[test]
fn every_rule_has_a_fixture_and_a_snapshot() {
    let dir = fixture("rules");
    let prd_file = fixture("prd/checkout-prd-20260101.md");
    let prd_doc = ingest::load_file(&prd_file).expect("prd");
    let real_prd = SourcePrd::new(
        prd_doc.clone(),
        infrarch::extract::extract("checkout", std::slice::from_ref(&prd_doc)),
    );
    let drift_prd = SourcePrd::new(
        PlanningDoc::from_text("prd.md", DocKind::Prd, String::new()),
        current_requirements(),
    );
    for rule in RULES {
        let path = dir.join(format!("{}.md", rule.code));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no fixture for {}", rule.code));
        let baseline = std::fs::read_to_string(dir.join(format!("{}.baseline.md", rule.code))).ok();
        let inputs = Inputs {
            dir: Some(&dir),
            prd: match rule.code {
                "IA701" => Some(&real_prd),
                "IA702" => Some(&drift_prd),
                _ => None,
            },
            baseline: baseline.as_deref(),
        };
        // The unused-suppression rule needs the rule it suppresses to run.
        let mut select = vec![rule.code.to_string()];
        if rule.code == "IA900" {
            select.push("IA103".into());
        }
        let selection = Selection::new(&select, &[]).expect("selection");
        let shown = format!("tests/fixtures/lint/rules/{}.md", rule.code);
        let diagnostics = lint_document(&shown, &text, inputs, &selection);
        assert!(
            diagnostics.iter().any(|d| d.code == rule.code),
            "{}'s fixture triggers nothing",
            rule.code
        );
        let run = LintRun {
            files: 1,
            diagnostics,
            errors: vec![],
            skipped: 0,
        };
        insta::assert_snapshot!(
            format!("rule__{}", rule.code),
            render(&run, LintFormat::Text)
        );
    }
}
