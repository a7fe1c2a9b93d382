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

#[path = "common/python.rs"]
mod python;
#[path = "common/skip.rs"]
mod skip;

/// Run one client script; its closing lines (the figures) are printed.
fn client(test: &str, script: &str) {
    python::run_script::<&str>(test, script, &[]);
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
