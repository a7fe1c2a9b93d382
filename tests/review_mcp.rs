//! The MCP `review` tool with typed directives, driven by the official Python
//! MCP SDK: `tests/mcp/review_directives.py` against the built binary.
//!
//! Python comes from `INFRARCH_PYTHON`, else `python3`, and must be able to
//! `import mcp`. Without it the test says `skipped: …`, unless
//! `INFRARCH_REQUIRE_EXTERNAL=1`.

use std::path::Path;
use std::process::Command;

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

#[test]
fn typed_directives_through_the_python_sdk() {
    let Some(python) = python_with_mcp() else {
        let why = "no Python with the `mcp` package (set INFRARCH_PYTHON to a venv's python)";
        assert!(
            std::env::var("INFRARCH_REQUIRE_EXTERNAL").as_deref() != Ok("1"),
            "{why} and INFRARCH_REQUIRE_EXTERNAL=1"
        );
        eprintln!("skipped: {why}");
        return;
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(&python)
        .arg(manifest.join("tests/mcp/review_directives.py"))
        .env("INFRARCH_BIN", env!("CARGO_BIN_EXE_infrarch"))
        .env(
            "INFRARCH_PROJECT",
            manifest.join("tests/fixtures/review/project"),
        )
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "MCP review client failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stdout.contains("checks passed"), "{stdout}");
    eprintln!("{}", stdout.trim());
}
