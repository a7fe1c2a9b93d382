//! The real planning documents in `shared/corpus`: every file lints without
//! an error, and their (valid) Mermaid diagrams raise no IA3xx finding.

use std::path::PathBuf;

use infrarch::lint::{LintOptions, lint_paths};

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("INFRARCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::root().join("../shared"));
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    crate::skip::skip(
        "lint::corpus",
        &format!(
            "shared corpus not found at {} (set INFRARCH_SHARED)",
            dir.display()
        ),
    );
    None
}

#[test]
fn corpus_documents_lint_without_errors_or_diagram_false_positives() {
    let Some(dir) = shared() else { return };
    let files: Vec<PathBuf> = crate::md_files(&dir.join("corpus"));
    assert!(files.len() >= 10);
    let run = lint_paths(&files, &LintOptions::default()).expect("lint");
    assert!(run.errors.is_empty(), "{:?}", run.errors);
    assert_eq!(run.files, files.len());
    let diagrams: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("IA3"))
        .map(|d| format!("{}:{} {} {}", d.path, d.line, d.code, d.message))
        .collect();
    assert!(diagrams.is_empty(), "{diagrams:#?}");
}
