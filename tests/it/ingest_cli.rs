//! Discovery of features across layouts, and bad input, through the CLI.

use crate::common::{example, infrarch, stderr, stdout, tree};

#[test]
fn lists_the_bundled_example() {
    let out = infrarch(&example()).arg("requirements").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn lists_features_as_json() {
    let out = infrarch(&example())
        .args(["requirements", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "infrarch.features/v1");
    let f = &v["features"][0];
    assert_eq!(f["name"], "checkout");
    assert_eq!(f["documents"].as_array().unwrap().len(), 5);
    assert_eq!(
        f["superseded"][0], "docs/planning/prd/checkout-20251201.md",
        "the older dated PRD is superseded by the newer one"
    );
}

#[test]
fn flat_architecture_layout_and_newest_wins() {
    let dir = tree(&[
        ("docs/planning/prd/pay-20250101.md", "# PRD\n"),
        ("docs/planning/prd/pay-20250301.md", "# PRD v2\n"),
        (
            "docs/planning/architecture/pay-application-architecture-20250302.md",
            "# App\n",
        ),
        (
            "docs/planning/architecture/pay-data-architecture-20250303.md",
            "# Data\n",
        ),
        (
            "docs/planning/architecture/pay-infrastructure-architecture-20250304.md",
            "# Infra\n",
        ),
        ("docs/planning/prd/search-20250101.md", "# Search PRD\n"),
    ]);
    let out = infrarch(dir.path()).arg("requirements").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn bmad_and_spec_kit_layouts() {
    let dir = tree(&[
        ("shop/docs/prd.md", "# PRD\n\nAvailability 99.9%.\n"),
        ("shop/docs/architecture/tech-stack.md", "# Tech stack\n"),
        ("shop/docs/architecture/deployment.md", "# Deployment\n"),
        ("shop/_bmad-output/planning-artifacts/epics.md", "# Epics\n"),
        ("shop/specs/001-photo-albums/spec.md", "# Spec\n"),
        ("shop/specs/001-photo-albums/plan.md", "# Plan\n"),
    ]);
    let out = infrarch(&dir.path().join("shop"))
        .arg("requirements")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
    // A spec-kit feature answers to its numbered folder name too.
    let out = infrarch(&dir.path().join("shop"))
        .args(["requirements", "001-photo-albums", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["feature"], "photo-albums");
    assert_eq!(v["sources"].as_array().unwrap().len(), 2);
}

#[test]
fn requirements_json_contract_shape() {
    let out = infrarch(&example())
        .args(["requirements", "checkout", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "infrarch.requirements/v1");
    assert_eq!(v["feature"], "checkout");
    for key in ["sources", "requirements", "conflicts", "missing"] {
        assert!(v[key].is_array(), "{key} is an array");
    }
    let kinds: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["prd", "epics", "stories", "app-arch", "data-arch"]);
}

/// Bad input: one line on stderr, exit 2, no panic, no backtrace.
#[test]
fn bad_input_is_one_line_and_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(empty.path().join("docs/planning")).unwrap();
    let example = example();
    let cases: Vec<(Vec<&str>, &std::path::Path, &str)> = vec![
        (
            vec!["requirements", "--planning", "nope"],
            empty.path(),
            "does not exist",
        ),
        (
            vec!["requirements"],
            empty.path(),
            "no planning documents found",
        ),
        (
            vec!["requirements", "nope"],
            &example,
            "unknown feature `nope`; features found: checkout",
        ),
        (
            vec!["requirements", "--file", "missing.md"],
            empty.path(),
            "none of the given files could be read",
        ),
    ];
    for (args, dir, want) in cases {
        let out = infrarch(dir)
            .args(&args)
            .env("RUST_BACKTRACE", "1")
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
        assert!(
            err.trim_end()
                .lines()
                .last()
                .unwrap()
                .starts_with("infrarch: error:"),
            "{err}"
        );
    }
}

/// A bad file is reported by name and the others are still read.
#[test]
fn bad_files_are_skipped_with_a_warning() {
    let big = "# Big\n".to_string() + &"Availability 99.9% of the time. ".repeat(1_700_000);
    let dir = tree(&[
        (
            "docs/planning/prd/shop-20250101.md",
            "# PRD\n\nThe service must be available 99.9% of the time.\n",
        ),
        ("docs/planning/epics/shop-epics-20250102.md", "# Epics\n"),
        (
            "docs/planning/architecture/application/shop-application-architecture-20250103.md",
            &big,
        ),
    ]);
    // Not UTF-8, with a NUL byte: a binary file named like a story.
    std::fs::create_dir_all(dir.path().join("docs/planning/stories")).unwrap();
    std::fs::write(
        dir.path()
            .join("docs/planning/stories/shop-stories-20250104.md"),
        [0x23, 0x20, 0xff, 0xfe, 0x00, 0x01],
    )
    .unwrap();
    // A symlink loop inside a layout folder must not hang discovery.
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", dir.path().join("docs/planning/architecture/loop")).unwrap();

    let out = infrarch(dir.path())
        .args(["requirements", "shop", "--format", "json"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("shop-stories-20250104.md: not valid UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("shop-application-architecture-20250103.md: file is"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "docs/planning/prd/shop-20250101.md",
            "docs/planning/epics/shop-epics-20250102.md"
        ]
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[
        ("docs/planning/prd/shop-20250101.md", "# PRD\n"),
        ("docs/planning/epics/shop-epics-20250102.md", "# Epics\n"),
    ]);
    let locked = dir
        .path()
        .join("docs/planning/epics/shop-epics-20250102.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut expected = "shop-epics-20250102.md: Permission denied";
    if std::fs::read(&locked).is_ok() {
        // Root reads through permissions (as CI does). A file whose read
        // fails for root too: /proc/self/mem is a regular file whose first
        // page is never mapped, so reading it fails with EIO.
        if !std::path::Path::new("/proc/self/mem").exists() {
            crate::skip::note(
                "it::ingest_cli::unreadable_file",
                "running as root without /proc: no file root cannot read",
            );
            return;
        }
        std::fs::remove_file(&locked).unwrap();
        std::os::unix::fs::symlink("/proc/self/mem", &locked).unwrap();
        expected = "shop-epics-20250102.md: Input/output error";
    }
    let out = infrarch(dir.path())
        .args(["requirements", "shop"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    // The rest is still processed.
    assert!(stdout(&out).contains("shop"), "{}", stdout(&out));
}

#[test]
fn requirements_text_of_the_bundled_example() {
    let out = infrarch(&example())
        .args(["requirements", "checkout"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    insta::assert_snapshot!(text);
}

#[test]
fn colour_only_when_forced_and_never_with_no_color() {
    let forced = infrarch(&example())
        .args(["requirements", "checkout"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(
        stdout(&forced).contains('\u{1b}'),
        "CLICOLOR_FORCE colours a pipe"
    );
    let plain = infrarch(&example())
        .args(["requirements", "checkout"])
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!stdout(&plain).contains('\u{1b}'), "NO_COLOR wins");
}
