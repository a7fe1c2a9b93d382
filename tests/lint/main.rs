//! Integration tests of `infrarch lint` and `infrarch rule`: one binary with
//! modules (as ripgrep does).

mod cli;
mod corpus;
mod fixtures;
mod rules;
mod sarif;
#[path = "../common/skip.rs"]
mod skip;

use std::path::{Path, PathBuf};

use infrarch::lint::LintRun;
use infrarch::report::{self, LintFormat};

/// The crate root: cargo runs integration tests there, so paths are relative.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures/lint").join(rel)
}

/// Render a run with a reporter, colour stripped.
pub fn render(run: &LintRun, format: LintFormat) -> String {
    let mut out = anstream::StripStream::new(Vec::new());
    report::reporter(format)
        .report(run, &mut out)
        .expect("report");
    String::from_utf8(out.into_inner()).expect("utf-8")
}

/// `*.md` files of a fixture folder, sorted.
pub fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    v.sort();
    v
}
