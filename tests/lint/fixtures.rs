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
