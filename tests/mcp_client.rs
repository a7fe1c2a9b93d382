//! `infrarch mcp` driven by a real MCP client: the official Python SDK runs
//! `tests/mcp/client_test.py` against the built binary.
//!
//! Python comes from `INFRARCH_PYTHON`, else `python3`, and must be able to
//! `import mcp` (`.ci/run` creates such a virtual environment). Without it the
//! test says `skipped: …`, unless `INFRARCH_REQUIRE_EXTERNAL=1`.

use std::path::Path;
use std::process::Command;

#[path = "common/skip.rs"]
mod skip;

fn python_with_mcp() -> Option<String> {
    let candidates: Vec<String> = match std::env::var("INFRARCH_PYTHON") {
        Ok(p) if !p.is_empty() => vec![p],
        _ => vec!["python3".to_string()],
    };
    candidates.into_iter().find(|py| {
        Command::new(py)
            .args(["-c", "import mcp"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn python_sdk_client_against_infrarch_mcp() {
    let Some(python) = python_with_mcp() else {
        skip::skip(
            "mcp_client",
            "no Python with the `mcp` package (set INFRARCH_PYTHON to a venv's python)",
        );
        return;
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tools = infrarch::agent::export::MCP_TOOLS.join(",");
    let out = Command::new(&python)
        .arg(manifest.join("tests/mcp/client_test.py"))
        .env("INFRARCH_BIN", env!("CARGO_BIN_EXE_infrarch"))
        .env("INFRARCH_EXAMPLE", manifest.join("examples/checkout"))
        .env("INFRARCH_MCP_TOOLS", tools)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "MCP client test failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stdout.contains("checks passed"), "{stdout}");
    eprintln!("{}", stdout.trim());
}
