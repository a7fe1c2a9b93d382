//! The MCP server against a hostile client, driven by the official Python
//! MCP SDK (`tests/mcp/escapes.py`, `tests/mcp/cancel_test.py`) against the
//! built binary, each fixture built at run time:
//!
//! - every tool that takes a path, called with paths that leave the root
//!   (`..`, absolute, symlinks out for the planning folder, a planning file,
//!   the document, its sidecar, lock, journal and `.revisions/`, the folder a
//!   document is written to) and with a sidecar whose recorded paths point
//!   out: each a tool error, nothing read or written outside;
//! - a cancelled call stops its work (nothing written, CPU stops).
//!
//! Python comes from `INFRARCH_PYTHON`, else `python3`, and must be able to
//! `import mcp`. Without it each test says `skipped: …`, unless
//! `INFRARCH_REQUIRE_EXTERNAL=1`.

use std::path::Path;
use std::process::Command;

#[path = "common/skip.rs"]
mod skip;

fn python_with_mcp() -> Option<String> {
    let py = match std::env::var("INFRARCH_PYTHON") {
        Ok(p) if !p.is_empty() => p,
        _ => "python3".to_string(),
    };
    Command::new(&py)
        .args(["-c", "import mcp"])
        .output()
        .is_ok_and(|o| o.status.success())
        .then_some(py)
}

/// Run one client script; its closing lines (the figures) are printed.
fn client(test: &str, script: &str) {
    let Some(python) = python_with_mcp() else {
        skip::skip(
            test,
            "no Python with the `mcp` package (set INFRARCH_PYTHON to a venv's python)",
        );
        return;
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(&python)
        .arg(manifest.join("tests/mcp").join(script))
        .env("INFRARCH_BIN", env!("CARGO_BIN_EXE_infrarch"))
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{script} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stdout.contains("checks passed"), "{stdout}");
    eprintln!("{}", stdout.trim());
}

#[test]
fn escapes_from_the_root_are_refused() {
    client("mcp_hostile::escapes", "escapes.py");
}

#[cfg(target_os = "linux")]
#[test]
fn a_cancelled_call_stops_its_work() {
    client("mcp_hostile::cancel", "cancel_test.py");
}
