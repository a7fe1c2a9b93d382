//! Visible skips. A test whose outside program (node with Mermaid's parser,
//! the Python MCP SDK, adr-tools) or the sibling `shared` corpus is missing
//! calls [`skip`]: it fails under `INFRARCH_REQUIRE_EXTERNAL=1` (CI installs
//! them all), and otherwise says why on stderr and records it under
//! `target/tmp/infrarch-skips/`, which `scripts/test` lists at the end of the
//! run, so a skip is seen without `--nocapture`.

#![allow(dead_code)]

use std::path::PathBuf;

/// Where skips are recorded: one file per skipped test, holding `test: why`.
pub fn skip_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("infrarch-skips")
}

/// Skip `test` because `why`, or fail when outside programs are required.
pub fn skip(test: &str, why: &str) {
    assert!(
        std::env::var("INFRARCH_REQUIRE_EXTERNAL").as_deref() != Ok("1"),
        "{test}: {why}, and INFRARCH_REQUIRE_EXTERNAL=1 requires it"
    );
    note(test, why);
}

/// Record a skip that no installation can fix (running as root makes a
/// permission test meaningless): listed like the others, never a failure.
pub fn note(test: &str, why: &str) {
    eprintln!("skipped: {test}: {why}");
    let dir = skip_dir();
    let name: String = test
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    // Best effort: a skip that cannot be recorded is still printed above.
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{name}.txt")), format!("{test}: {why}\n"));
}
