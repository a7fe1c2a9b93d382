//! SARIF 2.1.0, the format GitHub code scanning ingests. Written with serde
//! structs of just the properties we emit (serde-sarif would add a build-time
//! code generator for the whole schema); `tests/lint_sarif.rs` validates the
//! output against the official schema.

use std::io::{self, Write};

use serde::Serialize;

use super::Reporter;
use crate::lint::{LintRun, RULES, Severity};

/// SARIF 2.1.0 log.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sarif;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A path as a relative URI reference: `/` separators, and every byte outside
/// RFC 3986's unreserved set (and `/`) percent-encoded.
pub fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Reporter for Sarif {
    fn report(&self, run: &LintRun, out: &mut dyn Write) -> io::Result<()> {
        let rules = RULES
            .iter()
            .map(|r| RuleDescriptor {
                id: r.code,
                name: r.name,
                short_description: Text {
                    text: r.summary.to_string(),
                },
                full_description: Text {
                    text: r
                        .doc
                        .lines()
                        .skip(1)
                        .take_while(|l| !l.starts_with("## "))
                        .collect::<Vec<_>>()
                        .join(" ")
                        .trim()
                        .to_string(),
                },
                help: Help {
                    text: r.help.to_string(),
                    markdown: r.doc.to_string(),
                },
                default_configuration: Configuration {
                    level: level(r.severity),
                },
            })
            .collect();
        let results = run
            .diagnostics
            .iter()
            .map(|d| SarifResult {
                rule_id: d.code,
                rule_index: RULES.iter().position(|r| r.code == d.code).unwrap_or(0),
                level: level(d.severity),
                message: Text {
                    text: format!("{} (help: {})", d.message, d.help),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: path_to_uri(&d.path),
                        },
                        region: Some(Region {
                            start_line: d.line.max(1),
                            start_column: d.column.max(1),
                            end_column: (d.len > 0).then_some(d.column.max(1) + d.len),
                        }),
                    },
                }],
            })
            .collect();
        let notifications = run
            .errors
            .iter()
            .map(|e| Notification {
                level: "error",
                message: Text {
                    text: e.message.clone(),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: path_to_uri(&e.path),
                        },
                        region: None,
                    },
                }],
            })
            .collect();
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "infrarch",
                        version: env!("CARGO_PKG_VERSION"),
                        rules,
                    },
                },
                invocations: vec![Invocation {
                    execution_successful: run.errors.is_empty(),
                    tool_execution_notifications: notifications,
                }],
                results,
                column_kind: "unicodeCodePoints",
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::path_to_uri;

    #[test]
    fn uris() {
        assert_eq!(path_to_uri("docs/a b/x.md"), "docs/a%20b/x.md");
        assert_eq!(path_to_uri("docs\\x#1.md"), "docs/x%231.md");
        assert_eq!(path_to_uri("é.md"), "%C3%A9.md");
    }
}
