//! `agent export`: infrarch's agent definition in each IDE's own file format,
//! and the MCP server entry that IDE needs to reach `infrarch mcp`.
//!
//! Formats (as documented by each IDE):
//! - VS Code custom agents: `.github/agents/NAME.agent.md`, frontmatter
//!   `description`, `tools` (an MCP server's tools as `server/*`), `handoffs`
//!   with `agent`, `label`, `prompt`, `send`. MCP servers in `.vscode/mcp.json`
//!   under `servers`.
//! - Claude Code subagents: `.claude/agents/NAME.md`, frontmatter `name`,
//!   `description`, `tools` (comma-separated; MCP tools as `mcp__server__tool`),
//!   `model` (`sonnet`, `opus`, `haiku` or `inherit`). MCP servers in `.mcp.json`
//!   under `mcpServers`, or `claude mcp add`.
//! - Cursor project rules: `.cursor/rules/NAME.mdc`, frontmatter `description`,
//!   `globs`, `alwaysApply`. MCP servers in `.cursor/mcp.json` under `mcpServers`.
//!
//! Claude Code and Cursor have no handoff field, so their files carry the
//! handoffs in the instructions instead.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::AgentDef;

/// The MCP server's name in every IDE configuration; VS Code's `infrarch/*`
/// and Claude Code's `mcp__infrarch__…` tool names derive from it.
pub const MCP_SERVER_NAME: &str = "infrarch";

/// Tools `infrarch mcp` serves (the MCP server test checks the list matches).
pub const MCP_TOOLS: &[&str] = &[
    "list_features",
    "requirements",
    "design",
    "review",
    "lint",
    "handoff",
];

/// An IDE that runs agents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Vscode,
    ClaudeCode,
    Cursor,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Vscode, Platform::ClaudeCode, Platform::Cursor];

    /// Name as given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Vscode => "vscode",
            Platform::ClaudeCode => "claude-code",
            Platform::Cursor => "cursor",
        }
    }
}

/// One exported agent file and the MCP configuration that goes with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub platform: Platform,
    /// Where the file goes, relative to the project root.
    pub path: PathBuf,
    pub content: String,
    pub mcp: McpConfig,
}

/// The MCP server entry for one IDE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct McpConfig {
    /// The configuration file, relative to the project root.
    pub file: &'static str,
    /// A complete JSON document for that file holding just the infrarch server.
    pub json: String,
    /// A command that registers the server instead, where the IDE has one.
    pub command: Option<String>,
}

/// The agent file for `platform`.
pub fn export(def: &AgentDef, platform: Platform) -> Export {
    match platform {
        Platform::Vscode => vscode(def),
        Platform::ClaudeCode => claude_code(def),
        Platform::Cursor => cursor(def),
    }
}

/// A YAML double-quoted scalar. JSON string syntax is a subset of YAML's
/// double-quoted style, so serde_json's escaping is correct here.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The short file-name stem every IDE file uses.
const STEM: &str = "infrastructure-architecture";

fn vscode(def: &AgentDef) -> Export {
    let mut fm = String::new();
    let _ = writeln!(fm, "name: {}", q(&def.name));
    let _ = writeln!(fm, "description: {}", q(&def.description));
    // Built-in tool sets to read planning documents and fix lint findings in
    // place, plus every tool of the infrarch MCP server.
    let _ = writeln!(
        fm,
        "tools: [{}, \"read\", \"search\", \"edit\"]",
        q(&format!("{MCP_SERVER_NAME}/*"))
    );
    if !def.handoffs.is_empty() {
        fm.push_str("handoffs:\n");
        for h in &def.handoffs {
            let _ = writeln!(fm, "  - label: {}", q(&h.label));
            let _ = writeln!(fm, "    agent: {}", q(&h.target));
            let _ = writeln!(fm, "    prompt: {}", q(&h.prompt));
            // The user reviews the prompt before it goes: never auto-send.
            fm.push_str("    send: false\n");
        }
    }
    let content = format!("---\n{fm}---\n\n{}", def.body);
    let json = serde_json::json!({
        "servers": {
            MCP_SERVER_NAME: {
                "type": "stdio",
                "command": "infrarch",
                "args": ["mcp", "--root", "${workspaceFolder}"],
            }
        }
    });
    Export {
        platform: Platform::Vscode,
        path: PathBuf::from(format!(".github/agents/{STEM}.agent.md")),
        content,
        mcp: McpConfig {
            file: ".vscode/mcp.json",
            json: pretty(&json),
            command: None,
        },
    }
}

/// Claude Code accepts only these model aliases in a subagent file (or a full
/// model id, which would tie the file to one release).
pub fn claude_model_alias(model: Option<&str>) -> &'static str {
    let m = model.unwrap_or("").to_ascii_lowercase();
    if m.contains("opus") {
        "opus"
    } else if m.contains("sonnet") {
        "sonnet"
    } else if m.contains("haiku") {
        "haiku"
    } else {
        "inherit"
    }
}

fn claude_code(def: &AgentDef) -> Export {
    let mut tools: Vec<String> = ["Read", "Grep", "Glob", "Edit"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    tools.extend(
        MCP_TOOLS
            .iter()
            .map(|t| format!("mcp__{MCP_SERVER_NAME}__{t}")),
    );
    let mut fm = String::new();
    let _ = writeln!(fm, "name: {}", def.name);
    let _ = writeln!(fm, "description: {}", q(&def.description));
    let _ = writeln!(fm, "tools: {}", tools.join(", "));
    let _ = writeln!(fm, "model: {}", claude_model_alias(def.model.as_deref()));
    let content = format!("---\n{fm}---\n\n{}{}", def.body, handoff_section(def));
    let json = serde_json::json!({
        "mcpServers": { MCP_SERVER_NAME: { "command": "infrarch", "args": ["mcp"] } }
    });
    Export {
        platform: Platform::ClaudeCode,
        path: PathBuf::from(format!(".claude/agents/{}.md", def.name)),
        content,
        mcp: McpConfig {
            file: ".mcp.json",
            json: pretty(&json),
            command: Some(format!(
                "claude mcp add --scope project {MCP_SERVER_NAME} -- infrarch mcp"
            )),
        },
    }
}

fn cursor(def: &AgentDef) -> Export {
    let mut fm = String::new();
    let _ = writeln!(fm, "description: {}", q(&def.description));
    // Attached when planning or architecture documents are in context, and
    // requestable by description otherwise; not forced into every chat.
    fm.push_str("globs: docs/planning/**/*.md\n");
    fm.push_str("alwaysApply: false\n");
    let content = format!("---\n{fm}---\n\n{}{}", def.body, handoff_section(def));
    let json = serde_json::json!({
        "mcpServers": {
            MCP_SERVER_NAME: {
                "command": "infrarch",
                "args": ["mcp", "--root", "${workspaceFolder}"],
            }
        }
    });
    Export {
        platform: Platform::Cursor,
        path: PathBuf::from(format!(".cursor/rules/{STEM}.mdc")),
        content,
        mcp: McpConfig {
            file: ".cursor/mcp.json",
            json: pretty(&json),
            command: None,
        },
    }
}

/// The handoff prompts, for IDEs without a handoff field.
fn handoff_section(def: &AgentDef) -> String {
    if def.handoffs.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "\n## Handoff prompts\n\nCall the `handoff` tool with the document and the agent; it returns the \
         prompt below with the document path and a summary of the architecture attached.\n\n",
    );
    for h in &def.handoffs {
        let _ = writeln!(s, "- **{}** → `{}`: {}", h.label, h.target, h.prompt);
    }
    s
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_aliases() {
        for (model, alias) in [
            (Some("claude-4-5-opus"), "opus"),
            (Some("claude-sonnet-4-5"), "sonnet"),
            (Some("Claude Haiku 4.5"), "haiku"),
            (Some("gpt-5"), "inherit"),
            (None, "inherit"),
        ] {
            assert_eq!(claude_model_alias(model), alias, "{model:?}");
        }
    }

    #[test]
    fn yaml_quoting_escapes() {
        assert_eq!(q("a \"b\"\nc"), "\"a \\\"b\\\"\\nc\"");
    }
}
