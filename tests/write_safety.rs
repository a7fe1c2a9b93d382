//! Writing a document never destroys one: no overwrite without force, backups
//! that are never replaced, atomic writes that leave no temp files.

use std::fs;
use std::path::Path;

use infrarch::write::{self, WriteError};
use jiff::civil::Date;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn doc_path(root: &Path) -> std::path::PathBuf {
    let date = Date::new(2026, 3, 1).unwrap();
    write::document_path(&root.join("docs/planning"), "checkout", date)
}

#[test]
fn first_write_creates_document_and_model() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = doc_path(tmp.path());
    let w = write::write_document(&doc, "# v1\n", "{\"v\":1}", false).unwrap();
    assert_eq!(fs::read_to_string(&doc).unwrap(), "# v1\n");
    assert_eq!(fs::read_to_string(&w.model).unwrap(), "{\"v\":1}");
    assert!(w.backups.is_empty());
    assert_eq!(
        names(doc.parent().unwrap()),
        [
            "checkout-infrastructure-architecture-20260301.json",
            "checkout-infrastructure-architecture-20260301.md"
        ]
    );
}

#[test]
fn existing_document_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = doc_path(tmp.path());
    write::write_document(&doc, "# v1\n", "{}", false).unwrap();
    let err = write::write_document(&doc, "# v2\n", "{\"v\":2}", false).unwrap_err();
    assert!(matches!(err, WriteError::Exists { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(!msg.contains('\n'), "one line: {msg}");
    for needle in [
        "checkout-infrastructure-architecture-20260301.md",
        "--force",
        "infrarch review",
        "infrarch approve",
        "infrarch revise",
    ] {
        assert!(msg.contains(needle), "message lacks {needle}: {msg}");
    }
    assert_eq!(fs::read_to_string(&doc).unwrap(), "# v1\n");
    assert_eq!(fs::read_to_string(write::model_path(&doc)).unwrap(), "{}");
    assert_eq!(names(doc.parent().unwrap()).len(), 2, "no temp file left");
}

#[test]
fn a_lone_model_also_blocks_the_write() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = doc_path(tmp.path());
    fs::create_dir_all(doc.parent().unwrap()).unwrap();
    fs::write(write::model_path(&doc), "{\"old\":true}").unwrap();
    let err = write::write_document(&doc, "# v1\n", "{}", false).unwrap_err();
    assert!(matches!(err, WriteError::Exists { .. }));
    assert!(!doc.exists());
}

#[test]
fn force_keeps_every_previous_version() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = doc_path(tmp.path());
    let dir = doc.parent().unwrap().to_path_buf();
    write::write_document(&doc, "# v1\n", "{\"v\":1}", false).unwrap();

    let w2 = write::write_document(&doc, "# v2\n", "{\"v\":2}", true).unwrap();
    assert_eq!(w2.backups.len(), 2);
    assert_eq!(fs::read_to_string(&doc).unwrap(), "# v2\n");
    assert_eq!(fs::read_to_string(&w2.backups[0]).unwrap(), "# v1\n");
    assert_eq!(fs::read_to_string(&w2.backups[1]).unwrap(), "{\"v\":1}");

    let w3 = write::write_document(&doc, "# v3\n", "{\"v\":3}", true).unwrap();
    assert_eq!(fs::read_to_string(&doc).unwrap(), "# v3\n");
    assert_eq!(fs::read_to_string(&w3.backups[0]).unwrap(), "# v2\n");
    // The first backup is still there, untouched.
    assert_eq!(fs::read_to_string(&w2.backups[0]).unwrap(), "# v1\n");
    assert_ne!(w2.backups[0], w3.backups[0]);

    let stem = "checkout-infrastructure-architecture-20260301";
    assert_eq!(
        names(&dir),
        [
            format!("{stem}.json"),
            format!("{stem}.json.bak-1"),
            format!("{stem}.json.bak-2"),
            format!("{stem}.md"),
            format!("{stem}.md.bak-1"),
            format!("{stem}.md.bak-2"),
        ],
        "backups kept, no temp files left"
    );
}

#[test]
fn force_skips_a_backup_number_already_taken() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = doc_path(tmp.path());
    write::write_document(&doc, "# v1\n", "{}", false).unwrap();
    let taken = doc.with_file_name(format!(
        "{}.bak-1",
        doc.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&taken, "someone's file").unwrap();
    let w = write::write_document(&doc, "# v2\n", "{}", true).unwrap();
    assert_eq!(fs::read_to_string(&taken).unwrap(), "someone's file");
    assert!(w.backups[0].to_string_lossy().ends_with(".md.bak-2"));
    assert_eq!(fs::read_to_string(&w.backups[0]).unwrap(), "# v1\n");
}

#[test]
fn feature_names_become_safe_slugs() {
    assert_eq!(write::slug("Check Out!").unwrap(), "check-out");
    for bad in ["../etc", "/abs", "a/b", "", "..\\x"] {
        let err = write::slug(bad).unwrap_err();
        assert!(
            matches!(err, WriteError::InvalidSlug { .. }),
            "{bad:?}: {err:?}"
        );
        assert!(err.to_string().starts_with("invalid feature name"));
    }
}

#[test]
fn approval_prompt_names_every_command() {
    let summary = write::Summary {
        path: "docs/planning/architecture/infrastructure/x-infrastructure-architecture-20260301.md"
            .into(),
        components: 7,
        environments: 3,
        scaling_rules: 2,
        adrs: 4,
    };
    let mut out = Vec::new();
    write::write_approval_prompt(&mut out, &summary).unwrap();
    let text = String::from_utf8(out).unwrap();
    insta::assert_snapshot!(text);
}
