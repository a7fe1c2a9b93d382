//! The Python MCP SDK client scripts under `tests/mcp/`, run against the
//! built binary. Python comes from `INFRARCH_PYTHON`, else `python3`, and must
//! be able to `import mcp`; without it the test skips visibly (see
//! `common/skip.rs`, which every includer must also include as `mod skip`).

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// A Python that can `import mcp`, if there is one.
pub fn python_with_mcp() -> Option<String> {
    let py = std::env::var("INFRARCH_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".into());
    Command::new(&py)
        .args(["-c", "import mcp"])
        .output()
        .is_ok_and(|o| o.status.success())
        .then_some(py)
}

/// Run `tests/mcp/<script>` with `INFRARCH_BIN` and `env` set; it must exit 0
/// and say `checks passed`. Its closing lines (the figures) are printed and
/// its stdout returned; `None` when the test was skipped for want of Python.
pub fn run_script<V: AsRef<OsStr>>(test: &str, script: &str, env: &[(&str, V)]) -> Option<String> {
    let Some(python) = python_with_mcp() else {
        crate::skip::skip(
            test,
            "no Python with the `mcp` package (set INFRARCH_PYTHON to a venv's python)",
        );
        return None;
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(&python)
        .arg(manifest.join("tests/mcp").join(script))
        .env("INFRARCH_BIN", env!("CARGO_BIN_EXE_infrarch"))
        .envs(env.iter().map(|(k, v)| (k, v.as_ref())))
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{script} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stdout.contains("checks passed"), "{stdout}");
    eprintln!("{}", stdout.trim());
    Some(stdout)
}
