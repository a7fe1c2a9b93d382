//! The MCP `review` tool with typed directives, driven by the official Python
//! MCP SDK: `tests/mcp/review_directives.py` against the built binary.
//!
//! Python comes from `INFRARCH_PYTHON`, else `python3`, and must be able to
//! `import mcp`. Without it the test says `skipped: …`, unless
//! `INFRARCH_REQUIRE_EXTERNAL=1`.

use std::path::Path;

#[path = "common/python.rs"]
mod python;
#[path = "common/skip.rs"]
mod skip;

#[test]
fn typed_directives_through_the_python_sdk() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review/project");
    python::run_script(
        "review_mcp",
        "review_directives.py",
        &[("INFRARCH_PROJECT", project.as_os_str())],
    );
}
