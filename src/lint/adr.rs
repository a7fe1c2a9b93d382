//! Architecture Decision Records inside a document: parsing their fields, and
//! the immutability comparison against an earlier revision (a library function
//! so the review gate can refuse the same edits the linter reports).

use std::sync::LazyLock;

use regex::Regex;

use crate::markdown::{self, BlockKind, Parsed};

/// The fields of the template's ADR format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Status,
    Context,
    Decision,
    Consequences,
    Alternatives,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Status,
        Field::Context,
        Field::Decision,
        Field::Consequences,
        Field::Alternatives,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Status => "Status",
            Field::Context => "Context",
            Field::Decision => "Decision",
            Field::Consequences => "Consequences",
            Field::Alternatives => "Alternatives Considered",
        }
    }

    fn parse(name: &str) -> Option<Field> {
        let n = name.trim().to_ascii_lowercase();
        Some(match n.as_str() {
            "status" => Field::Status,
            "context" | "context and problem" | "problem" => Field::Context,
            "decision" => Field::Decision,
            "consequences" => Field::Consequences,
            "alternatives considered" | "alternatives" | "options considered" => {
                Field::Alternatives
            }
            _ => return None,
        })
    }
}

/// One field of an ADR: its label line, the text after the colon, and the
/// lines up to the next field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrField {
    pub field: Field,
    pub line: usize,
    pub column: usize,
    /// Text after `Field:` on the label line.
    pub inline: String,
    /// 1-based lines after the label line that belong to the field.
    pub body: Vec<(usize, String)>,
}

impl AdrField {
    /// Is there anything in the field?
    pub fn is_empty(&self) -> bool {
        self.inline.trim().is_empty()
            && self
                .body
                .iter()
                .all(|(_, l)| l.trim().is_empty() || l.trim() == "---")
    }

    /// The field's text, inline part and body joined.
    pub fn text(&self) -> String {
        let mut s = self.inline.clone();
        for (_, l) in &self.body {
            s.push('\n');
            s.push_str(l);
        }
        s
    }

    /// List items of the body: (line, indent, item text without the marker).
    pub fn items(&self) -> Vec<(usize, usize, String)> {
        self.body
            .iter()
            .filter_map(|(n, l)| {
                let c = LIST_ITEM.captures(l)?;
                let indent = c.get(1).map_or(0, |m| m.as_str().len());
                Some((
                    *n,
                    indent,
                    c.get(2).map_or("", |m| m.as_str()).trim().to_string(),
                ))
            })
            .collect()
    }
}

/// One ADR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adr {
    pub number: u32,
    pub title: String,
    /// Line of the ADR heading.
    pub line: usize,
    /// Last line of the ADR (trailing blank lines and `---` excluded).
    pub end_line: usize,
    pub fields: Vec<AdrField>,
}

impl Adr {
    pub fn field(&self, f: Field) -> Option<&AdrField> {
        self.fields.iter().find(|x| x.field == f)
    }

    /// The status value, cleaned of emphasis.
    pub fn status(&self) -> Option<&str> {
        self.field(Field::Status).map(|f| {
            f.inline
                .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        })
    }
}

static ADR_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^ADR[-\s_]?0*(\d{1,6})\b\s*[:.\-–—]?\s*(.*)$").expect("constant regex")
});
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$").expect("constant regex")
});

/// Cheap test before the field regexes: does the line start (after list
/// markers, `#` and emphasis) with a field name?
fn may_be_field(raw: &str) -> bool {
    const STARTS: [&str; 7] = [
        "status",
        "context",
        "problem",
        "decision",
        "consequences",
        "alternatives",
        "options",
    ];
    let t = raw.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '*' | '+' | '#' | '_')
    });
    STARTS
        .iter()
        .any(|s| t.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)))
}

const FIELD_NAMES: &[&str] = &[
    "alternatives considered",
    "context and problem",
    "options considered",
    "consequences",
    "alternatives",
    "decision",
    "context",
    "problem",
    "status",
];

/// A field label line: `**Status:** Accepted`, `- **Context:** …`, or a
/// heading `#### Decision`. Returns (byte of the name, name, inline text).
fn field_line(raw: &str) -> Option<(usize, &'static str, &str)> {
    let t = raw.trim_start();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if hashes > 0 {
        let rest = &t[hashes..];
        if !(2..=6).contains(&hashes) || !rest.starts_with([' ', '\t']) {
            return None;
        }
        let name_at = raw.len() - rest.trim_start().len();
        let body = &raw[name_at..];
        let name = FIELD_NAMES.iter().copied().find(|n| {
            body.get(..n.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(n))
                && body[n.len()..]
                    .trim_matches(|c: char| c == ':' || c == '#' || c.is_whitespace())
                    .is_empty()
        })?;
        return Some((name_at, name, ""));
    }
    let (at, name, value_at) = crate::lint::context::labelled_line(raw, FIELD_NAMES)?;
    Some((at, name, &raw[value_at..]))
}

/// Find the ADRs of a parsed document.
pub fn parse_adrs(parsed: &Parsed, lines: &[&str]) -> Vec<Adr> {
    // (block index, line, level) of every heading.
    let heads: Vec<(usize, usize, u8)> = parsed
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b.kind {
            BlockKind::Heading(l) => Some((i, b.line, l)),
            _ => None,
        })
        .collect();
    let mut code_lines = vec![false; lines.len() + 1];
    for b in &parsed.blocks {
        if matches!(b.kind, BlockKind::Code { .. }) {
            let end = b.end_line.min(lines.len());
            if b.line <= end {
                code_lines[b.line..=end].fill(true);
            }
        }
    }
    let mut out = Vec::new();
    for (k, &(bi, line, level)) in heads.iter().enumerate() {
        let block = &parsed.blocks[bi];
        let starts_adr = block
            .text
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("adr"));
        let Some(c) = starts_adr
            .then(|| ADR_HEADING.captures(&block.text))
            .flatten()
        else {
            continue;
        };
        let Some(number) = c.get(1).and_then(|m| m.as_str().parse().ok()) else {
            continue;
        };
        let title = c.get(2).map_or("", |m| m.as_str()).trim().to_string();
        let next = heads[k + 1..]
            .iter()
            .find(|&&(_, _, l)| l <= level)
            .map_or(lines.len(), |&(_, l, _)| l - 1);
        let mut end = next.max(line);
        while end > line {
            let t = lines.get(end - 1).map_or("", |s| s.trim());
            if t.is_empty() || t == "---" || t == "***" {
                end -= 1;
            } else {
                break;
            }
        }
        let mut fields: Vec<AdrField> = Vec::new();
        for n in line + 1..=end {
            let raw = lines.get(n - 1).copied().unwrap_or("");
            if !code_lines.get(n).copied().unwrap_or(false)
                && may_be_field(raw)
                && let Some((name_at, name, inline)) = field_line(raw)
                && let Some(f) = Field::parse(name)
                && fields.iter().all(|x| x.field != f)
            {
                fields.push(AdrField {
                    field: f,
                    line: n,
                    column: raw[..name_at].chars().count() + 1,
                    inline: inline
                        .trim()
                        .trim_end_matches(['*', '_'])
                        .trim()
                        .to_string(),
                    body: Vec::new(),
                });
                continue;
            }
            if let Some(cur) = fields.last_mut() {
                cur.body.push((n, raw.to_string()));
            }
        }
        out.push(Adr {
            number,
            title,
            line,
            end_line: end,
            fields,
        });
    }
    out
}

/// Parse the ADRs of a Markdown text.
pub fn adrs_of(text: &str) -> Vec<Adr> {
    let parsed = markdown::parse(text);
    let lines: Vec<&str> = text.lines().collect();
    parse_adrs(&parsed, &lines)
}

/// How an Accepted ADR was changed instead of superseded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdrChange {
    /// Its text changed (other than the status line).
    Edited,
    /// Its status moved somewhere other than Superseded or Deprecated.
    StatusChanged { to: String },
    /// It is gone.
    Removed,
}

/// One violation of "keep ADRs immutable (supersede, don't edit)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrEdit {
    pub number: u32,
    pub title: String,
    /// Line in the current revision: the first changed line, the status line,
    /// or for a removed ADR the line where it was.
    pub line: usize,
    pub change: AdrChange,
}

/// Is a status Accepted (with or without a date after it)?
pub fn is_accepted(status: &str) -> bool {
    status.to_ascii_lowercase().starts_with("accepted")
}

fn may_follow_accepted(status: &str) -> bool {
    let s = status.to_ascii_lowercase();
    s.starts_with("superseded") || s.starts_with("deprecated") || s.starts_with("accepted")
}

/// The ADR's lines for comparison: status line dropped, trailing spaces ignored.
fn body_for_compare<'a>(adr: &Adr, lines: &[&'a str]) -> Vec<(usize, &'a str)> {
    let status_line = adr.field(Field::Status).map(|f| f.line);
    (adr.line..=adr.end_line)
        .filter(|&n| Some(n) != status_line)
        .filter_map(|n| lines.get(n - 1).map(|l| (n, l.trim_end())))
        .collect()
}

/// Compare the ADRs of an earlier revision with the current text: every ADR
/// that was Accepted before must be unchanged except for its status line, which
/// may only move to Superseded (by ADR-n) or Deprecated.
pub fn immutability(baseline: &str, current: &str) -> Vec<AdrEdit> {
    let old_lines: Vec<&str> = baseline.lines().collect();
    let new_lines: Vec<&str> = current.lines().collect();
    let old = parse_adrs(&markdown::parse(baseline), &old_lines);
    let new = parse_adrs(&markdown::parse(current), &new_lines);
    let mut out = Vec::new();
    for o in old.iter().filter(|a| a.status().is_some_and(is_accepted)) {
        let Some(n) = new.iter().find(|a| a.number == o.number) else {
            let line = new
                .iter()
                .find(|a| a.number > o.number)
                .map(|a| a.line)
                .or_else(|| new.last().map(|a| a.end_line + 1))
                .unwrap_or(1);
            out.push(AdrEdit {
                number: o.number,
                title: o.title.clone(),
                line,
                change: AdrChange::Removed,
            });
            continue;
        };
        if let Some(s) = n.status()
            && !may_follow_accepted(s)
        {
            out.push(AdrEdit {
                number: n.number,
                title: n.title.clone(),
                line: n.field(Field::Status).map_or(n.line, |f| f.line),
                change: AdrChange::StatusChanged { to: s.to_string() },
            });
        }
        let a = body_for_compare(o, &old_lines);
        let b = body_for_compare(n, &new_lines);
        if a.iter().map(|x| x.1).ne(b.iter().map(|x| x.1)) {
            let first = a
                .iter()
                .zip(&b)
                .find(|(x, y)| x.1 != y.1)
                .map(|(_, y)| y.0)
                .unwrap_or_else(|| b.get(a.len()).or(b.last()).map_or(n.line, |y| y.0));
            out.push(AdrEdit {
                number: n.number,
                title: n.title.clone(),
                line: first,
                change: AdrChange::Edited,
            });
        }
    }
    out.sort_by_key(|e| (e.line, e.number));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "## 10. Architecture Decision Records\n\n### ADR-1: Use PostgreSQL\n\n**Status:** Accepted\n\n**Context:** Orders need transactions.\n\n**Decision:** Amazon RDS for PostgreSQL 16, Multi-AZ.\n\n**Consequences:**\n- One engine to run.\n\n**Alternatives Considered:**\n1. DynamoDB - no multi-row transactions\n\n---\n\n### ADR-2: Use ECS\n\n**Status:** Proposed\n\n**Context:** x\n";

    #[test]
    fn parses_fields() {
        let adrs = adrs_of(BASE);
        assert_eq!(adrs.len(), 2);
        assert_eq!(adrs[0].number, 1);
        assert_eq!(adrs[0].status(), Some("Accepted"));
        assert_eq!(adrs[0].fields.len(), 5);
        let alt = adrs[0].field(Field::Alternatives).expect("alternatives");
        assert_eq!(alt.items()[0].2, "DynamoDB - no multi-row transactions");
        assert_eq!(adrs[0].end_line, 15);
    }

    #[test]
    fn superseding_is_allowed_editing_is_not() {
        let superseded = BASE.replace("**Status:** Accepted", "**Status:** Superseded by ADR-3");
        assert!(immutability(BASE, &superseded).is_empty());
        // The Proposed ADR-2 may change freely.
        assert!(immutability(BASE, &BASE.replace("**Context:** x", "**Context:** y")).is_empty());
        let edited = BASE.replace("Multi-AZ", "single-AZ");
        let e = immutability(BASE, &edited);
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].number, e[0].line, &e[0].change),
            (1, 9, &AdrChange::Edited)
        );
        let reopened = BASE.replace("**Status:** Accepted", "**Status:** Proposed");
        assert!(matches!(
            immutability(BASE, &reopened)[0].change,
            AdrChange::StatusChanged { .. }
        ));
        let removed = BASE.replace("### ADR-1: Use PostgreSQL", "### Notes");
        assert_eq!(immutability(BASE, &removed)[0].change, AdrChange::Removed);
    }
}
