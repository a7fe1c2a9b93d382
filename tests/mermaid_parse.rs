//! Every Mermaid block the renderer writes must parse with the real Mermaid
//! parser (the `mermaid` npm package under jsdom, see `tests/mermaid/`).
//!
//! Needs `node` and `npm ci` run in `tests/mermaid`. Without them the test says
//! "skipped: …" and passes, unless `INFRARCH_REQUIRE_EXTERNAL=1`, when it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::scenarios;
use infrarch::render::{self, RenderContext};
use jiff::civil::Date;

fn harness() -> Result<(PathBuf, PathBuf), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid");
    let node = Command::new("node").arg("--version").output();
    match node {
        Ok(o) if o.status.success() => {}
        _ => return Err("node is not installed".into()),
    }
    if !dir.join("node_modules/mermaid").is_dir() || !dir.join("node_modules/jsdom").is_dir() {
        return Err(format!(
            "mermaid/jsdom not installed (run `npm ci` in {})",
            dir.display()
        ));
    }
    Ok((dir.join("check.mjs"), dir))
}

fn skip_or_fail(why: &str) {
    common::skip::skip("mermaid_parse", why);
}

fn run(script: &Path, cwd: &Path, files: &[PathBuf]) -> (bool, String) {
    let out = Command::new("node")
        .arg(script)
        .args(files)
        .current_dir(cwd)
        .output()
        .expect("node ran a moment ago");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn generated_mermaid_parses_with_the_real_parser() {
    let (script, cwd) = match harness() {
        Ok(h) => h,
        Err(why) => return skip_or_fail(&why),
    };
    let tmp = tempfile::tempdir().unwrap();
    let ctx = RenderContext::new(Date::new(2026, 3, 1).unwrap(), Path::new("docs/planning"));
    let mut files = Vec::new();
    for (name, f) in scenarios::all() {
        let (d, r) = f();
        let path = tmp.path().join(format!("{name}.md"));
        std::fs::write(&path, render::document(&d, &r, &ctx)).unwrap();
        files.push(path);
    }
    let rendered = files.len();
    // The snapshot tests pin every other generated document (the engine's
    // included) to its .snap file, so parsing those covers them too.
    let snaps = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut pinned: Vec<PathBuf> = std::fs::read_dir(&snaps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "snap"))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("```mermaid")))
        .collect();
    pinned.sort();
    let documents = rendered + pinned.len();
    files.extend(pinned);
    let (ok, text) = run(&script, &cwd, &files);
    assert!(ok, "Mermaid parse failures:\n{text}");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("OK ")).count(),
        documents,
        "one Mermaid block per document:\n{text}"
    );
    assert!(
        documents >= rendered + 4,
        "the engine's documents are parsed too"
    );
}

#[test]
fn the_harness_rejects_a_broken_diagram() {
    // Guards the guard: a harness that passes everything proves nothing.
    let (script, cwd) = match harness() {
        Ok(h) => h,
        Err(why) => return skip_or_fail(&why),
    };
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.md");
    std::fs::write(&bad, "```mermaid\nflowchart TD\n  a --> end\n```\n").unwrap();
    let (ok, text) = run(&script, &cwd, &[bad]);
    assert!(!ok, "{text}");
    assert!(text.contains("FAIL "), "{text}");
}
