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

fn requirements_json(dir: &Path, feature: &str) -> serde_json::Value {
    let out = Command::cargo_bin("infrarch")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["requirements", feature, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn feature_name(dir: &Path) -> String {
    features_json(dir)["features"][0]["name"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_whole_prd_beside_its_shards_is_read_once_and_cited_whole() {
    let dir = fixture("whole-and-shards");
    let set = requirements_json(&dir, &feature_name(&dir));
    let sources: Vec<&str> = set["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert!(sources[0].ends_with("docs/prd.md"), "{sources:?}");
    for r in set["requirements"].as_array().unwrap() {
        let p = r["source"]["path"].as_str().unwrap();
        assert!(p.ends_with("docs/prd.md"), "cited a shard: {r:#}");
    }
}

#[test]
fn a_sharded_prd_is_named_by_its_index_not_a_checklist() {
    let dir = fixture("shards-only");
    let inv = infrarch::ingest::discover(&dir.join("docs/planning")).unwrap();
    let f = &inv.features[0];
    let prd = f.prd().expect("a PRD");
    assert!(prd.path.ends_with("docs/prd/index.md"), "{:?}", prd.path);
    // The checklist's "e.g. 99.9%" is an example, and its numbers are not
    // the PRD's: the NFR shard states the target.
    let set = requirements_json(&dir, &f.name);
    for r in set["requirements"].as_array().unwrap() {
        let p = r["source"]["path"].as_str().unwrap();
        assert!(!p.ends_with("checklist.md"), "{r:#}");
    }
}

#[test]
fn a_bmad_docs_folder_given_as_the_planning_folder_is_one_feature_not_one_per_shard() {
    // `--planning docs` on a BMAD project: the PRD's shards are one PRD.
    let dir = fixture("shards-only");
    let inv = infrarch::ingest::discover(&dir.join("docs")).unwrap();
    let names: Vec<&str> = inv.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let prd = inv.features[0].prd().expect("a PRD");
    assert!(prd.path.ends_with("docs/prd/index.md"), "{:?}", prd.path);
    // The same project read from its root names the same feature.
    let root = infrarch::ingest::discover(&dir).unwrap();
    assert_eq!(root.features.len(), 1);
    assert_eq!(root.features[0].name, inv.features[0].name);
}

fn requirements_text(dir: &Path) -> String {
    let out = Command::cargo_bin("infrarch")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["requirements"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn an_unknown_planning_tree_is_one_feature_read_with_its_prd() {
    let dir = fixture("unknown-planning");
    let v = features_json(&dir);
    let features = v["features"].as_array().unwrap();
    // Not one feature per file: the notes and the architecture belong to the
    // product the requirements document is about.
    assert_eq!(features.len(), 1, "{v:#}");
    assert_eq!(features[0]["name"], "harbour-bookings", "{v:#}");
    let docs = features[0]["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 4, "{v:#}");
    let prd = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("requirements.md"))
        .unwrap();
    assert_eq!(prd["kind"], "prd", "{prd:#}");

    let set = requirements_json(&dir, "harbour-bookings");
    let avail = set["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "availability" && r["primary"] == true)
        .expect("availability from the requirements document");
    assert_eq!(avail["value"], 99.5);
    assert!(
        avail["source"]["path"]
            .as_str()
            .unwrap()
            .ends_with("docs/planning/requirements.md")
    );
}

#[test]
fn a_bmad_feature_is_named_from_its_prd_title_not_the_folder() {
    let dir = fixture("bmad-titled");
    assert_eq!(feature_name(&dir), "acme-billing");
}

#[test]
fn a_bmad_config_project_name_wins_over_the_prd_title() {
    let dir = fixture("bmad-config");
    assert_eq!(feature_name(&dir), "tide-tables");
}

#[test]
fn messages_name_only_folders_that_exist() {
    // No docs/planning here: the listing names docs, which was searched.
    let text = requirements_text(&fixture("bmad-titled"));
    let first = text.lines().next().unwrap();
    assert_eq!(first, "Found 1 feature under docs", "{text}");
    assert!(!text.contains("docs/planning"), "{text}");

    // With docs/planning present (and no BMAD files beside it) that is the
    // folder named.
    let text = requirements_text(&fixture("unknown-planning"));
    let first = text.lines().next().unwrap();
    assert_eq!(first, "Found 1 feature under docs/planning, docs", "{text}");
}

#[test]
fn prd_titles_give_project_names() {
    let cases = [
        (
            "Acme Billing Product Requirements Document",
            Some("acme-billing"),
        ),
        (
            "Product Requirements Document: Acme Billing",
            Some("acme-billing"),
        ),
        ("PRD for Harbour Bookings v2", Some("harbour-bookings")),
        (
            "Parcel Lockers — Product Requirements",
            Some("parcel-lockers"),
        ),
        ("Ledger Brownfield Enhancement PRD", Some("ledger")),
        ("Document Vault Requirements", Some("document-vault")),
        ("Product Requirements Document", None),
        ("PRD", None),
    ];
    for (title, want) in cases {
        assert_eq!(
            infrarch::ingest::name_from_title(title).as_deref(),
            want,
            "{title}"
        );
    }
}
