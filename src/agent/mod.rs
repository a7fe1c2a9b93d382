//! Agent definition files: YAML frontmatter (name, model, description, triggers,
//! handoffs) and a Markdown body of instructions, in the format of the
//! copilot-agent-factory agents. infrarch ships its own definition
//! ([`builtin`]), which `agent export` turns into each IDE's agent file and
//! `handoff` reads its handoffs from.

pub mod export;
pub mod files;
pub mod handoff;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// infrarch's own agent definition, compiled in.
pub const BUILTIN_TEXT: &str = include_str!("../../agents/infrastructure-architecture-agent.md");

/// A parsed agent definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgentDef {
    pub name: String,
    /// Model as the definition names it (`claude-4-5-opus`); each IDE maps it.
    pub model: Option<String>,
    pub description: String,
    pub triggers: Vec<String>,
    pub handoffs: Vec<Handoff>,
    /// The Markdown instructions after the frontmatter.
    pub body: String,
}

/// A transition to another agent, offered after this agent's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Handoff {
    /// The receiving agent (`target:` or `agent:` in the file).
    pub target: String,
    pub label: String,
    pub prompt: String,
    /// Whether the IDE sends the prompt at once (false: the user reviews it first).
    pub send: bool,
}

#[derive(Deserialize)]
struct RawDef {
    name: Option<String>,
    model: Option<String>,
    description: Option<String>,
    #[serde(default)]
    triggers: Vec<String>,
    #[serde(default)]
    handoffs: Vec<RawHandoff>,
}

#[derive(Deserialize)]
struct RawHandoff {
    target: Option<String>,
    agent: Option<String>,
    label: Option<String>,
    prompt: Option<String>,
    #[serde(default)]
    send: bool,
}

impl AgentDef {
    /// The handoff to `target`, or an error that lists the known targets.
    pub fn handoff(&self, target: &str) -> Result<&Handoff> {
        let wanted = target.trim().trim_start_matches('@');
        self.handoffs
            .iter()
            .find(|h| h.target.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown agent `{target}`; known agents: {}",
                    self.handoff_targets().join(", ")
                ))
            })
    }

    /// Names of the agents this one hands off to, in file order.
    pub fn handoff_targets(&self) -> Vec<&str> {
        self.handoffs.iter().map(|h| h.target.as_str()).collect()
    }
}

/// infrarch's own definition. The text is compiled in and covered by tests, so
/// a parse failure here is a build defect, not user input.
pub fn builtin() -> AgentDef {
    parse(BUILTIN_TEXT).expect("the shipped agent definition parses (tested)")
}

/// Split a Markdown file into its YAML frontmatter and body. `None` when the
/// file does not start with a `---` line or the block is never closed.
pub fn split_frontmatter(text: &str) -> Option<(&str, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let rest = &text[first_end + 1..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Some((&rest[..offset], body));
        }
        offset += line.len();
    }
    None
}

/// Parse an agent definition file.
pub fn parse(text: &str) -> Result<AgentDef> {
    let invalid = |m: String| Error::Invalid(format!("agent definition: {m}"));
    let (yaml, body) = split_frontmatter(text)
        .ok_or_else(|| invalid("no YAML frontmatter between `---` lines".into()))?;
    let raw: RawDef = serde_saphyr::from_str(yaml)
        .map_err(|e| invalid(e.to_string().lines().next().unwrap_or("bad YAML").into()))?;
    let name = non_empty(raw.name).ok_or_else(|| invalid("missing `name`".into()))?;
    let description =
        non_empty(raw.description).ok_or_else(|| invalid("missing `description`".into()))?;
    let mut handoffs = Vec::with_capacity(raw.handoffs.len());
    for (i, h) in raw.handoffs.into_iter().enumerate() {
        let n = i + 1;
        let target = match (non_empty(h.target), non_empty(h.agent)) {
            (Some(t), None) | (None, Some(t)) => t,
            (Some(t), Some(a)) if t == a => t,
            (Some(_), Some(_)) => {
                return Err(invalid(format!(
                    "handoff {n} names both `target` and `agent`, differently"
                )));
            }
            (None, None) => return Err(invalid(format!("handoff {n} has no `target` or `agent`"))),
        };
        let label = non_empty(h.label).unwrap_or_else(|| target.clone());
        let prompt = non_empty(h.prompt)
            .ok_or_else(|| invalid(format!("handoff {n} ({target}) has no `prompt`")))?;
        handoffs.push(Handoff {
            target,
            label,
            prompt,
            send: h.send,
        });
    }
    Ok(AgentDef {
        name,
        model: non_empty(raw.model),
        description,
        triggers: raw.triggers,
        handoffs,
        body: body.trim_start_matches(['\r', '\n']).to_string(),
    })
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_definition_keeps_the_reference_shape() {
        let def = builtin();
        assert_eq!(def.name, "infrastructure-architecture-agent");
        assert_eq!(def.model.as_deref(), Some("claude-4-5-opus"));
        assert_eq!(def.triggers.len(), 4);
        assert_eq!(
            def.handoff_targets(),
            [
                "application-architecture-agent",
                "data-architecture-agent",
                "devops-agent",
                "orchestrator"
            ]
        );
        assert!(def.handoffs.iter().all(|h| !h.send));
        for tool in ["list_features", "requirements", "design", "lint", "handoff"] {
            assert!(def.body.contains(&format!("`{tool}`")), "body names {tool}");
        }
        for cmd in ["/approve", "/skip", "/revise"] {
            assert!(def.body.contains(cmd), "body has {cmd}");
        }
        assert!(def.body.contains("### 🚫 Never"));
        assert!(def.body.starts_with("You are"));
    }

    #[test]
    fn handoff_lookup_and_unknown_agent() {
        let def = builtin();
        assert_eq!(
            def.handoff("@devops-agent").unwrap().label,
            "Implement DevOps"
        );
        assert_eq!(def.handoff("Orchestrator").unwrap().target, "orchestrator");
        let e = def.handoff("qa-agent").unwrap_err().to_string();
        assert!(e.contains("unknown agent `qa-agent`"), "{e}");
        assert!(e.contains("devops-agent, orchestrator"), "{e}");
    }

    #[test]
    fn agent_key_and_target_key_are_equivalent() {
        let text = "---\nname: a\ndescription: d\nhandoffs:\n  - agent: b\n    label: L\n    prompt: P\n    send: true\n  - target: c\n    prompt: Q\n---\nbody\n";
        let def = parse(text).unwrap();
        assert_eq!(def.handoff_targets(), ["b", "c"]);
        assert!(def.handoffs[0].send);
        assert_eq!(def.handoffs[1].label, "c");
        assert_eq!(def.body, "body\n");
        assert_eq!(def.model, None);
    }

    #[test]
    fn bad_definitions_are_one_line_errors() {
        let cases = [
            ("no frontmatter", "# Agent\n"),
            ("unclosed", "---\nname: a\n"),
            ("no name", "---\ndescription: d\n---\n"),
            ("no description", "---\nname: a\n---\n"),
            (
                "handoff without target",
                "---\nname: a\ndescription: d\nhandoffs:\n  - label: x\n    prompt: p\n---\n",
            ),
            (
                "handoff without prompt",
                "---\nname: a\ndescription: d\nhandoffs:\n  - target: x\n---\n",
            ),
            (
                "conflicting target and agent",
                "---\nname: a\ndescription: d\nhandoffs:\n  - target: x\n    agent: y\n    prompt: p\n---\n",
            ),
            ("bad yaml", "---\nname: [a\n---\n"),
            (
                "triggers not a list",
                "---\nname: a\ndescription: d\ntriggers: 3\n---\n",
            ),
        ];
        for (what, text) in cases {
            let e = parse(text).expect_err(what).to_string();
            assert!(!e.contains('\n'), "{what}: {e}");
            assert!(e.starts_with("agent definition:"), "{what}: {e}");
        }
    }

    proptest::proptest! {
        /// Any text is either a definition or a one-line error, never a panic.
        #[test]
        fn parse_never_panics(text in "(---\n)?[a-z:\\- \n\"\\[\\]{}#|>]{0,200}(\n---\n)?.{0,40}") {
            if let Err(e) = parse(&text) {
                proptest::prop_assert!(!e.to_string().contains('\n'));
            }
        }

        /// A definition survives arbitrary handoff text when quoted.
        #[test]
        fn quoted_prompts_round_trip(prompt in "[^\u{0}-\u{1f}\u{7f}-\u{9f}]{1,80}") {
            let prompt = prompt.trim().to_string();
            proptest::prop_assume!(!prompt.is_empty());
            let text = format!(
                "---\nname: a\ndescription: d\nhandoffs:\n  - target: b\n    prompt: {}\n---\n",
                serde_json::to_string(&prompt).unwrap()
            );
            let def = parse(&text).unwrap();
            proptest::prop_assert_eq!(&def.handoffs[0].prompt, &prompt);
        }
    }

    #[test]
    fn frontmatter_split_handles_crlf_and_bom() {
        let (y, b) = split_frontmatter("\u{feff}---\r\nname: a\r\n---\r\nbody").unwrap();
        assert_eq!(y, "name: a\r\n");
        assert_eq!(b, "body");
    }
}
