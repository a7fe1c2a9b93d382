//! Discovery on small planning trees (`tests/fixtures/discovery/`): names
//! matched case-insensitively, nested story folders, and infrarch's own
//! outputs never read as inputs.

use std::path::Path;

use assert_cmd::Command;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/discovery")
        .join(name)
}

fn features_json(dir: &Path) -> serde_json::Value {
    let out = Command::cargo_bin("infrarch")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["requirements", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn upper_case_prd_and_nested_stories_are_found_and_own_outputs_are_not() {
    let v = features_json(&fixture("upper-nested"));
    let features = v["features"].as_array().unwrap();
    assert_eq!(features.len(), 1, "{v:#}");
    let docs: Vec<&str> = features[0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(docs.iter().any(|p| p.ends_with("docs/PRD.md")), "{docs:?}");
    assert!(
        docs.iter()
            .any(|p| p.ends_with("docs/stories/epic-2/2.1.label-printing.md")),
        "{docs:?}"
    );
    assert!(
        !docs
            .iter()
            .any(|p| p.contains(".revisions") || p.contains(".bak-")),
        "{docs:?}"
    );
}

#[test]
fn the_upper_case_prd_is_read_for_requirements() {
    let dir = fixture("upper-nested");
    let v = features_json(&dir);
    let name = v["features"][0]["name"].as_str().unwrap().to_string();
    let out = Command::cargo_bin("infrarch")
        .unwrap()
        .current_dir(&dir)
        .args(["requirements", &name, "--format", "json"])
        .output()
        .unwrap();
    let set: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let avail = set["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "availability" && r["primary"] == true)
        .expect("availability from docs/PRD.md");
    assert_eq!(avail["value"], 99.9);
    assert!(
        avail["source"]["path"]
            .as_str()
            .unwrap()
            .ends_with("PRD.md")
    );
}
