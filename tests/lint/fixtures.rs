//! Whole documents: the good ones have no finding, the sloppy ones exactly the
//! codes their `.expected` file lists, and their human output is snapshotted.

use std::collections::BTreeSet;

use infrarch::lint::{LintOptions, lint_paths};
use infrarch::report::LintFormat;

use crate::{fixture, md_files, render};

#[test]
fn good_documents_have_no_findings() {
    let files = md_files(&fixture("good"));
    assert!(files.len() >= 2);
    for f in files {
        let run = lint_paths(std::slice::from_ref(&f), &LintOptions::default()).expect("lint");
        assert_eq!(run.files, 1);
        assert!(
            run.diagnostics.is_empty(),
            "{} should be clean:\n{}",
            f.display(),
            render(&run, LintFormat::Text)
        );
    }
}

#[test]
fn sloppy_documents_have_the_expected_codes() {
    let files = md_files(&fixture("sloppy"));
    assert!(files.len() >= 3);
    for f in files {
        let expected_file = f.with_extension("expected");
        let expected: BTreeSet<String> = std::fs::read_to_string(&expected_file)
            .unwrap_or_else(|_| panic!("{} is missing", expected_file.display()))
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let run = lint_paths(std::slice::from_ref(&f), &LintOptions::default()).expect("lint");
        let got: BTreeSet<String> = run.diagnostics.iter().map(|d| d.code.to_string()).collect();
        assert_eq!(got, expected, "{}", f.display());
        let name = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("doc")
            .to_string();
        insta::assert_snapshot!(format!("sloppy__{name}"), render(&run, LintFormat::Text));
    }
}

#[test]
fn walking_the_fixture_tree_is_sorted_and_skips_prds() {
    let run = lint_paths(&[fixture("")], &LintOptions::default()).expect("lint");
    // good/, sloppy/ and rules/ documents; prd/ holds PRDs, which are inputs.
    assert!(run.diagnostics.iter().all(|d| !d.path.contains("/prd/")));
    let mut sorted = run.diagnostics.clone();
    sorted.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.code).cmp(&(&b.path, b.line, b.column, b.code))
    });
    assert_eq!(sorted, run.diagnostics);
}

/// Each good document is read as the template it follows (and so held to that
/// template's sections, with no finding): the agent's, BMAD's full
/// infrastructure-architecture template, BMAD's infrastructure-and-deployment
/// shard, and a free-form note.
#[test]
fn good_documents_are_read_as_their_template() {
    use infrarch::lint::{Context, Inputs, Template};
    let cases = [
        (
            "checkout-infrastructure-architecture-20260105.md",
            Template::Agent,
        ),
        ("reporting-infra.md", Template::Agent),
        (
            "ledgerly-infrastructure-architecture.md",
            Template::BmadInfra,
        ),
        ("infrastructure-and-deployment.md", Template::BmadShard),
        ("search-platform-infrastructure.md", Template::FreeForm),
    ];
    for (name, template) in cases {
        let path = fixture("good").join(name);
        let text = std::fs::read_to_string(&path).expect("fixture");
        let shown = path.display().to_string();
        let ctx = Context::new(&shown, &text, Inputs::default());
        assert_eq!(ctx.template, template, "{name}");
    }
}

/// A BMAD document with its core sections missing: IA501 names BMAD's
/// sections (not the agent's 14), at the heading where each belongs, and
/// never asks for the agent's header fields.
#[test]
fn bmad_document_is_held_to_bmad_sections() {
    let text = "# Shop Infrastructure Architecture\n\n## Infrastructure Overview\n\nAWS in eu-west-1.\n\n\
                ## Infrastructure as Code (IaC)\n\nTerraform 1.9.\n\n## Network Architecture\n\nOne VPC.\n\n\
                ## Shared Responsibility Model\n\nAWS owns hosts.\n\n## CI/CD Pipeline\n\nGitHub Actions.\n";
    let ds = infrarch::lint::lint_document(
        "shop-infrastructure-architecture.md",
        text,
        infrarch::lint::Inputs::default(),
        &infrarch::lint::Selection::default(),
    );
    assert!(ds.iter().all(|d| d.code != "IA406"), "{ds:#?}");
    let missing: Vec<(usize, &str)> = ds
        .iter()
        .filter(|d| d.code == "IA501")
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        missing.first(),
        Some(&(
            11,
            "section Environment Configuration of BMAD's infrastructure-architecture template is missing"
        )),
        "{missing:#?}"
    );
    // Compute, Data and Security belong before Shared Responsibility (line
    // 15), Monitoring before CI/CD (line 19).
    assert!(
        missing
            .iter()
            .any(|(l, m)| *l == 15 && m.contains("Compute Resources"))
    );
    assert!(
        missing
            .iter()
            .any(|(l, m)| *l == 19 && m.contains("Monitoring"))
    );
    assert!(
        missing
            .iter()
            .all(|(_, m)| !m.contains("Executive Summary"))
    );
    assert_eq!(missing.len(), 7, "{missing:#?}");
}
