//! `infrarch mcp` driven by a real MCP client: the official Python SDK runs
//! `tests/mcp/client_test.py` against the built binary.
//!
//! Python comes from `INFRARCH_PYTHON`, else `python3`, and must be able to
//! `import mcp` (`.ci/run` creates such a virtual environment). Without it the
//! test says `skipped: …`, unless `INFRARCH_REQUIRE_EXTERNAL=1`.

use std::ffi::OsStr;
use std::path::Path;

#[path = "common/python.rs"]
mod python;
#[path = "common/skip.rs"]
mod skip;

#[test]
fn python_sdk_client_against_infrarch_mcp() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/checkout");
    let tools = infrarch::agent::export::MCP_TOOLS.join(",");
    python::run_script(
        "mcp_client",
        "client_test.py",
        &[
            ("INFRARCH_EXAMPLE", example.as_os_str()),
            ("INFRARCH_MCP_TOOLS", OsStr::new(&tools)),
        ],
    );
}
