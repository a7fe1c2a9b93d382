//! Suppression comments:
//! `<!-- infrarch-disable CODE -->` (the next non-blank line),
//! `<!-- infrarch-disable-line CODE -->` (its own line),
//! `<!-- infrarch-disable-file CODE -->` (the whole file).
//! Several codes or prefixes may be listed, separated by commas or spaces.
//! A suppression that suppresses nothing is itself reported (IA900), like
//! ruff's unused `noqa`, so stale ones do not pile up.

use std::sync::LazyLock;

use regex::Regex;

use super::select::{Selection, is_known_selector};
use super::{Context, Finding};

/// The code of the unused-suppression rule.
pub const UNUSED_CODE: &str = "IA900";

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*infrarch-disable(-line|-file|-next-line)?\b\s*([^>]*?)\s*-->")
        .expect("constant regex")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Line(usize),
    File,
}

#[derive(Debug)]
struct Entry {
    selector: String,
    scope: Scope,
    line: usize,
    column: usize,
    used: bool,
}

/// The suppressions of one file, with which of them were used.
#[derive(Debug, Default)]
pub struct Suppressions {
    entries: Vec<Entry>,
}

impl Suppressions {
    pub fn parse(ctx: &Context<'_>) -> Self {
        let mut entries = Vec::new();
        if !ctx.text.contains("infrarch-disable") {
            return Suppressions { entries };
        }
        for (i, line) in ctx.lines.iter().enumerate() {
            if ctx.in_code[i] || !line.contains("infrarch-disable") {
                continue;
            }
            for cap in COMMENT.captures_iter(line) {
                let kind = cap.get(1).map(|m| m.as_str()).unwrap_or("");
                let scope = match kind {
                    "-line" => Scope::Line(i + 1),
                    "-file" => Scope::File,
                    _ => Scope::Line(next_content_line(ctx, i)),
                };
                let Some(codes) = cap.get(2) else { continue };
                let mut offset = codes.start();
                for code in codes.as_str().split([',', ' ', '\t']) {
                    let start = offset;
                    offset += code.len() + 1;
                    if code.is_empty() {
                        continue;
                    }
                    entries.push(Entry {
                        selector: code.to_ascii_uppercase(),
                        scope,
                        line: i + 1,
                        column: ctx.column(i + 1, start),
                        used: false,
                    });
                }
            }
        }
        Suppressions { entries }
    }

    /// Is a finding of `code` on `line` suppressed? Marks the suppression used.
    pub fn suppresses(&mut self, code: &str, line: usize) -> bool {
        let mut hit = false;
        for e in &mut self.entries {
            let applies = match e.scope {
                Scope::File => true,
                Scope::Line(l) => l == line,
            };
            if applies && code.starts_with(e.selector.as_str()) {
                e.used = true;
                hit = true;
            }
        }
        hit
    }

    /// Findings for suppressions that matched nothing (only for rules that ran:
    /// a suppression of a rule turned off by `--ignore` is not stale).
    pub fn unused(&self, selection: &Selection, template: super::Template) -> Vec<Finding> {
        let mut out = Vec::new();
        for e in &self.entries {
            if e.used || e.selector == UNUSED_CODE {
                continue;
            }
            if !is_known_selector(&e.selector) {
                out.push(
                    Finding::new(
                        e.line,
                        e.column,
                        format!("suppression names unknown rule `{}`", e.selector),
                    )
                    .len(e.selector.chars().count())
                    .help("use a code from `infrarch rule --all`, or remove the comment"),
                );
                continue;
            }
            let active = super::RULES.iter().any(|r| {
                r.code.starts_with(e.selector.as_str())
                    && selection.enabled(r.code)
                    && super::applies(r.code, template)
            });
            if !active {
                continue;
            }
            let what = match e.scope {
                Scope::File => "in this file".to_string(),
                Scope::Line(l) => format!("on line {l}"),
            };
            out.push(
                Finding::new(
                    e.line,
                    e.column,
                    format!("unused suppression: no `{}` finding {what}", e.selector),
                )
                .len(e.selector.chars().count()),
            );
        }
        out
    }
}

/// The line a next-line suppression covers: the next line that is neither
/// blank nor another suppression comment, so comments can be stacked.
fn next_content_line(ctx: &Context<'_>, from: usize) -> usize {
    for (j, line) in ctx.lines.iter().enumerate().skip(from + 1) {
        let t = line.trim();
        if t.is_empty() || (t.starts_with("<!--") && t.contains("infrarch-disable")) {
            continue;
        }
        return j + 1;
    }
    from + 2
}
