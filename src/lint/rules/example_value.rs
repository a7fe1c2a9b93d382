//! IA104 example-value: the rule, its documentation ([`DOC`], which `infrarch rule IA104` prints) and its tests.

use std::sync::LazyLock;

use regex::Regex;

use super::cell_spans;
use crate::lint::data::{PLACEHOLDER_DATA, Phrase};
use crate::lint::{Context, Finding, Rule, Severity};
use crate::markdown::BlockKind;

pub const RULE: Rule = Rule {
    code: "IA104",
    name: "example-value",
    severity: Severity::Error,
    summary: "A value cell holds an example (`e.g.`) instead of a value",
    help: "state the value this system uses; an example is not a decision",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds table cells (and `**Label:** value` list items) whose value opens with
an example marker: `e.g.`, `eg.`, "for example", "such as" (optionally after a
`[` or `(`). The template's own cells read `[e.g., 99.9% uptime]`. An example
inside a description ("grouping (e.g. by parent)") is prose and is left alone.

## Why is this bad?
"e.g., 99.9% uptime" is not a requirement: nobody can tell whether the system
needs 99.9% or something else, and the cost and DR design depend on it.

## Example
```markdown
| Availability | e.g., 99.9% uptime |
```
Use instead:
```markdown
| Availability | 99.9% monthly (PRD NFR-2) |
```
"####
);

fn regexes(phrases: &[Phrase]) -> (Regex, Regex) {
    let any: Vec<String> = phrases
        .iter()
        .filter(|p| p.anywhere)
        .map(|p| regex::escape(&p.text))
        .collect();
    let start: Vec<String> = phrases
        .iter()
        .filter(|p| !p.anywhere)
        .map(|p| regex::escape(&p.text))
        .collect();
    let mk = |alts: &[String], anchored: bool| {
        if alts.is_empty() {
            return crate::lint::data::never_matches();
        }
        let body = alts.join("|");
        let pat = if anchored {
            format!(r"(?i)^\s*[\[(]?\s*({body})")
        } else {
            format!(r"(?i)(?:^|[^\w])({body})")
        };
        Regex::new(&pat).unwrap_or_else(|_| crate::lint::data::never_matches())
    };
    (mk(&any, false), mk(&start, true))
}

static EXAMPLE: LazyLock<(Regex, Regex)> = LazyLock::new(|| regexes(&PLACEHOLDER_DATA.example));
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*+]\s+)?\*\*[^*]{1,60}:?\*\*:?\s*").expect("constant regex")
});

fn hit(value: &str) -> Option<(usize, usize)> {
    let (any, start) = &*EXAMPLE;
    any.captures(value)
        .or_else(|| start.captures(value))
        .and_then(|c| c.get(1))
        .map(|m| (m.start(), m.len()))
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for b in &ctx.parsed.blocks {
        match &b.kind {
            BlockKind::TableRow {
                header: false,
                cells,
            } => {
                let Some(raw) = ctx.lines.get(b.line - 1).copied() else {
                    continue;
                };
                let spans = cell_spans(raw);
                for (idx, cell) in cells.iter().enumerate() {
                    let Some(&(s, e)) = spans.get(idx) else {
                        continue;
                    };
                    if let Some((off, len)) = hit(&raw[s..e]) {
                        out.push(
                            Finding::new(
                                b.line,
                                ctx.column(b.line, s + off),
                                format!("cell `{cell}` holds an example, not a value"),
                            )
                            .len(len),
                        );
                    }
                }
            }
            BlockKind::ListItem => {
                let Some(raw) = ctx.lines.get(b.line - 1).copied() else {
                    continue;
                };
                let Some(label) = LABELLED.find(raw) else {
                    continue;
                };
                if let Some((off, len)) = hit(&raw[label.end()..]) {
                    out.push(
                        Finding::new(
                            b.line,
                            ctx.column(b.line, label.end() + off),
                            format!("`{}` gives an example, not a value", b.text),
                        )
                        .len(len),
                    );
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            (
                "| Requirement | Specification |\n|---|---|\n| Availability | [e.g., 99.9% uptime] |\n",
                1,
            ),
            ("| A | B |\n|---|---|\n| Cache | such as Redis |\n", 1),
            (
                "| A | B |\n|---|---|\n| Cache | Managed services such as ElastiCache |\n",
                0,
            ),
            ("- **Log Aggregation:** e.g. CloudWatch\n", 1),
            ("- Use managed services, e.g. RDS, to cut toil.\n", 0),
        ];
        for (text, n) in table {
            assert_eq!(run("IA104", text).len(), *n, "{text}");
        }
        assert!(
            run(
                "IA104",
                "| A | B |\n|---|---|\n| Tenant | Parent company grouping (e.g. Aviva) |\n"
            )
            .is_empty()
        );
        assert!(
            run(
                "IA104",
                "- **Component Files:** PascalCase.tsx (e.g., Switcher.tsx).\n"
            )
            .is_empty()
        );
        let f = run("IA104", "| A | B |\n|---|---|\n| x | e.g. 5 |\n");
        assert_eq!(f[0].1, 7);
    }
}
