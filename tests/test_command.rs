//! `scripts/test`, the README's test command: its last line lists the tests
//! that skipped, and under `INFRARCH_REQUIRE_EXTERNAL=1` a skip fails the run.
//! Driven with a stand-in for cargo (the script runs `$CARGO`), so it does not
//! run the suite inside itself.

use std::path::Path;
use std::process::Command;

/// Run the script with a fake cargo that records `skips` the way
/// `tests/common/skip.rs` does, and exits `cargo_status`.
fn run(skips: &[(&str, &str)], cargo_status: i32, require: bool) -> (i32, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let target = tmp.path().join("target");
    let mut body = String::from(
        "#!/usr/bin/env bash\nd=\"$CARGO_TARGET_DIR/tmp/infrarch-skips\"\nmkdir -p \"$d\"\n",
    );
    for (i, (test, why)) in skips.iter().enumerate() {
        body.push_str(&format!("echo '{test}: {why}' > \"$d/{i}.txt\"\n"));
    }
    body.push_str(&format!("exit {cargo_status}\n"));
    let fake = tmp.path().join("cargo");
    std::fs::write(&fake, body).expect("write fake cargo");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/test");
    let mut cmd = Command::new("bash");
    cmd.arg(&script)
        .env("CARGO", &fake)
        .env("CARGO_TARGET_DIR", &target)
        .env("INFRARCH_SKIP_NPM_CI", "1")
        .env_remove("INFRARCH_REQUIRE_EXTERNAL");
    if require {
        cmd.env("INFRARCH_REQUIRE_EXTERNAL", "1");
    }
    let out = cmd.output().expect("bash runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

#[test]
fn final_line_lists_the_skipped_tests() {
    let (code, out) = run(
        &[
            ("mermaid_parse", "node is not installed"),
            ("mcp_client", "no Python with the `mcp` package"),
        ],
        0,
        false,
    );
    assert_eq!(code, 0, "{out}");
    let last = last_line(&out);
    assert!(last.starts_with("skipped: 2 test(s): "), "{out}");
    assert!(
        last.contains("mermaid_parse") && last.contains("mcp_client"),
        "{out}"
    );
    // The reasons are listed just above it.
    assert!(
        out.contains("  mermaid_parse: node is not installed"),
        "{out}"
    );
}

#[test]
fn final_line_says_when_nothing_skipped() {
    let (code, out) = run(&[], 0, false);
    assert_eq!(code, 0, "{out}");
    assert_eq!(last_line(&out), "skipped: none");
}

#[test]
fn failures_and_required_skips_fail_the_run() {
    let (code, out) = run(&[], 101, false);
    assert_eq!(code, 101, "cargo's failure is the script's: {out}");
    let (code, out) = run(&[("adr_tools", "adr-tools not installed")], 0, true);
    assert_ne!(
        code, 0,
        "a skip under INFRARCH_REQUIRE_EXTERNAL=1 fails: {out}"
    );
    assert!(last_line(&out).contains("adr_tools"), "{out}");
}
