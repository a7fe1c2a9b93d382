//! `infrarch design` end to end on the bundled example: the document, its
//! safety rules, and that what it writes lints clean.

use std::path::Path;

use crate::common::{example, infrarch, stderr, stdout};

const DOC: &str =
    "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260120.md";

/// A private copy of the example to write into.
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(&example(), dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

pub fn design(dir: &Path) -> std::process::Output {
    infrarch(dir)
        .args(["design", "checkout", "--date", "2026-01-20"])
        .output()
        .unwrap()
}

#[test]
fn the_example_document_end_to_end() {
    let out = infrarch(&example())
        .args(["design", "checkout", "--date", "2026-01-20", "--stdout"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = stdout(&out);
    // The project file's absolute path differs per machine.
    let root = example().display().to_string();
    insta::assert_snapshot!(doc.replace(&root, "[example]"));
    assert!(!example().join(DOC).exists(), "--stdout writes nothing");
}

#[test]
fn writes_document_and_model_then_prints_the_approval_prompt() {
    let dir = project();
    let out = design(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
    let doc = dir.path().join(DOC);
    assert!(doc.is_file());
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(doc.with_extension("json")).unwrap())
            .unwrap();
    assert_eq!(model["schema"], "infrarch.design/v1");
    assert_eq!(model["review"]["status"], "draft");
    // Every document infrarch writes lints clean.
    let lint = infrarch(dir.path()).args(["lint", DOC]).output().unwrap();
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
}

#[test]
fn never_overwrites_and_force_keeps_a_backup() {
    let dir = project();
    assert!(design(dir.path()).status.success());
    let doc = dir.path().join(DOC);
    std::fs::write(&doc, "# my edits\n").unwrap();

    let again = design(dir.path());
    assert_eq!(again.status.code(), Some(1));
    let err = stderr(&again);
    assert!(
        err.contains(DOC) && err.contains("--force") && err.contains("infrarch revise"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&doc).unwrap(),
        "# my edits\n",
        "untouched"
    );

    let forced = infrarch(dir.path())
        .args(["design", "checkout", "--date", "2026-01-20", "--force"])
        .output()
        .unwrap();
    assert!(forced.status.success(), "{}", stderr(&forced));
    let backup = dir.path().join(format!("{DOC}.bak-1"));
    assert_eq!(std::fs::read_to_string(backup).unwrap(), "# my edits\n");
    assert!(
        std::fs::read_to_string(&doc)
            .unwrap()
            .starts_with("# Infrastructure Architecture: Checkout")
    );
}

#[test]
fn feature_names_are_slugs_not_paths() {
    let dir = project();
    for bad in ["../etc", "/abs", "a/b"] {
        let out = infrarch(dir.path()).args(["design", bad]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains("invalid feature name"),
            "{bad}: {}",
            stderr(&out)
        );
    }
    // A name that slugs cleanly is looked up as its slug.
    let out = infrarch(dir.path())
        .args(["design", "Check Out!", "--stdout"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown feature `check-out`"),
        "{}",
        stderr(&out)
    );
}
