//! Agent definitions and `infrarch agent export`.

use std::path::{Path, PathBuf};

use infrarch::agent::{self, export::MCP_TOOLS};
use serde_json::Value;

use crate::common::{infrarch, stderr, stdout};

/// The sibling `shared` folder (`INFRARCH_SHARED` or `../shared`), or `None`
/// after saying why the test is skipped. Under `INFRARCH_REQUIRE_EXTERNAL=1`
/// its absence fails the test.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("INFRARCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("reference").is_dir() {
        return Some(dir);
    }
    crate::skip::skip(
        "it::agent",
        &format!(
            "shared folder {} not found (set INFRARCH_SHARED)",
            dir.display()
        ),
    );
    None
}

#[test]
fn parses_the_reference_definition() {
    let Some(shared) = shared() else { return };
    let text =
        std::fs::read_to_string(shared.join("reference/infrastructure-architecture-agent.md"))
            .expect("reference readable");
    let reference = agent::parse(&text).expect("reference parses");
    assert_eq!(reference.name, "infrastructure-architecture-agent");
    assert_eq!(reference.model.as_deref(), Some("claude-4-5-opus"));
    assert_eq!(reference.triggers.len(), 4);
    assert!(reference.body.contains("## Boundaries"));
    // infrarch's own copy keeps the reference's identity, triggers and handoffs.
    let ours = agent::builtin();
    assert_eq!(ours.name, reference.name);
    assert_eq!(ours.model, reference.model);
    assert_eq!(ours.triggers, reference.triggers);
    assert_eq!(ours.handoffs, reference.handoffs);
}

/// The frontmatter of an exported file as JSON, and its body.
fn frontmatter(path: &Path) -> (Value, String) {
    let text = std::fs::read_to_string(path).expect("exported file");
    let (yaml, body) = agent::split_frontmatter(&text).expect("frontmatter");
    let v: Value = serde_saphyr::from_str(yaml).expect("frontmatter is YAML");
    (v, body.to_string())
}

fn export(dir: &Path, platform: &str, extra: &[&str]) -> std::process::Output {
    infrarch(dir)
        .args(["agent", "export", "--platform", platform, "--out", "."])
        .args(extra)
        .output()
        .expect("runs")
}

fn assert_body_uses_tools(body: &str) {
    for t in ["list_features", "requirements", "design", "lint", "handoff"] {
        assert!(body.contains(&format!("`{t}`")), "instructions name {t}");
    }
    for c in ["/approve", "/skip", "/revise"] {
        assert!(body.contains(c), "instructions have the review gate {c}");
    }
}

#[test]
fn vscode_agent_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = export(dir.path(), "vscode", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (fm, body) = frontmatter(
        &dir.path()
            .join(".github/agents/infrastructure-architecture.agent.md"),
    );
    assert!(fm["description"].as_str().is_some_and(|d| !d.is_empty()));
    let tools: Vec<&str> = fm["tools"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(tools.contains(&"infrarch/*"), "{tools:?}");
    let handoffs = fm["handoffs"].as_array().unwrap();
    let agents: Vec<&str> = handoffs
        .iter()
        .filter_map(|h| h["agent"].as_str())
        .collect();
    assert_eq!(
        agents,
        [
            "application-architecture-agent",
            "data-architecture-agent",
            "devops-agent",
            "orchestrator"
        ]
    );
    for h in handoffs {
        assert!(h["label"].as_str().is_some_and(|l| !l.is_empty()));
        assert!(h["prompt"].as_str().is_some_and(|p| !p.is_empty()));
        assert_eq!(h["send"], Value::Bool(false));
    }
    assert_body_uses_tools(&body);
    let s = stdout(&out);
    assert!(s.contains(".vscode/mcp.json"), "{s}");
    let json: Value = serde_json::from_str(&s[s.find('{').unwrap()..]).expect("snippet is JSON");
    assert_eq!(json["servers"]["infrarch"]["command"], "infrarch");
    assert_eq!(json["servers"]["infrarch"]["args"][0], "mcp");
}

#[test]
fn claude_code_agent_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = export(dir.path(), "claude-code", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (fm, body) = frontmatter(
        &dir.path()
            .join(".claude/agents/infrastructure-architecture-agent.md"),
    );
    assert_eq!(fm["name"], "infrastructure-architecture-agent");
    assert!(fm["description"].as_str().is_some_and(|d| !d.is_empty()));
    let model = fm["model"].as_str().unwrap();
    assert!(
        ["sonnet", "opus", "haiku", "inherit"].contains(&model),
        "{model}"
    );
    assert_eq!(model, "opus");
    let tools: Vec<&str> = fm["tools"].as_str().unwrap().split(", ").collect();
    for t in MCP_TOOLS {
        assert!(
            tools.contains(&format!("mcp__infrarch__{t}").as_str()),
            "{tools:?}"
        );
    }
    assert_body_uses_tools(&body);
    assert!(
        body.contains("`devops-agent`"),
        "handoffs in the instructions"
    );
    let s = stdout(&out);
    assert!(
        s.contains("claude mcp add --scope project infrarch -- infrarch mcp"),
        "{s}"
    );
    let start = s.find('{').unwrap();
    let end = s.rfind('}').unwrap();
    let json: Value = serde_json::from_str(&s[start..=end]).expect("snippet is JSON");
    assert_eq!(json["mcpServers"]["infrarch"]["args"][0], "mcp");
}

#[test]
fn cursor_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = export(dir.path(), "cursor", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (fm, body) = frontmatter(
        &dir.path()
            .join(".cursor/rules/infrastructure-architecture.mdc"),
    );
    assert!(fm["description"].as_str().is_some_and(|d| !d.is_empty()));
    assert!(
        fm["globs"]
            .as_str()
            .is_some_and(|g| g.starts_with("docs/planning/"))
    );
    assert_eq!(fm["alwaysApply"], Value::Bool(false));
    assert_body_uses_tools(&body);
    let s = stdout(&out);
    assert!(s.contains(".cursor/mcp.json"), "{s}");
    let json: Value = serde_json::from_str(&s[s.find('{').unwrap()..]).expect("snippet is JSON");
    assert_eq!(json["mcpServers"]["infrarch"]["command"], "infrarch");
}

#[test]
fn export_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir
        .path()
        .join(".cursor/rules/infrastructure-architecture.mdc");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "my own rule\n").unwrap();
    let out = export(dir.path(), "cursor", &[]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("already exists") && e.contains("--force"), "{e}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my own rule\n");

    let out = export(dir.path(), "cursor", &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("infrastructure-architecture.mdc.bak-1"));
    assert_eq!(
        std::fs::read_to_string(file.with_file_name("infrastructure-architecture.mdc.bak-1"))
            .unwrap(),
        "my own rule\n"
    );
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("---\n"));
}

#[test]
fn unknown_platform_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = export(dir.path(), "emacs", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("vscode"));
}

#[test]
fn exported_files_snapshot() {
    let def = agent::builtin();
    for platform in agent::export::Platform::ALL {
        let e = agent::export::export(&def, platform);
        insta::assert_snapshot!(
            format!("export_{}", platform.name()),
            format!(
                "path: {}\nmcp file: {}\n{}\n---- agent file ----\n{}",
                e.path.display(),
                e.mcp.file,
                e.mcp.json,
                e.content
            )
        );
    }
}
