//! IA302 generic-diagram: the rule, its documentation ([`DOC`], which `infrarch rule IA302` prints) and its tests.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::template_diagram::is_template_diagram;
use crate::lint::data::{PLACEHOLDER_DATA, has_technology};
use crate::lint::{Context, Finding, Rule, Severity};
use crate::markdown::BlockKind;

pub const RULE: Rule = Rule {
    code: "IA302",
    name: "generic-diagram",
    severity: Severity::Error,
    summary: "A diagram whose boxes are only generic labels (App, DB, Server)",
    help: "label each box with the component and technology (`checkout-api (ECS Fargate)`, `orders-db (RDS PostgreSQL 16)`)",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds diagrams (Mermaid flowcharts and sequence diagrams, or box drawings in a
code block) with at least three distinct labels, every one of them generic:
App, DB, Server, API, Cache, Load Balancer, Internet, CDN, User (list in
`data/lint/placeholders.toml`), and no technology named.

## Why is this bad?
"Every diagram should convey specific information": `User → LB → App → DB` is
true of every web system. A diagram earns its place when it shows which
components, in which network zones, talk over which protocols.

## Example
```mermaid
flowchart LR
  User --> LB --> App --> DB
```
Use instead:
```mermaid
flowchart LR
  user([Shopper]) --> cf[CloudFront] --> alb[ALB] --> api[checkout-api on ECS]
  api --> db[(RDS PostgreSQL Multi-AZ)]
```
"####
);

const BOX: &[char] = &[
    '│', '┌', '┐', '└', '┘', '─', '┬', '┴', '┼', '├', '┤', '▼', '▲', '►', '◄', '|', '+', '═', '║',
    '╔', '╗', '╚', '╝', '↓', '↑', '→', '←', '<', '>', 'v', '^',
];

fn box_labels(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        for seg in line.split(|c: char| BOX.contains(&c)) {
            for part in seg.split("  ") {
                let t = part
                    .trim()
                    .trim_matches(|c: char| c == '-' || c == '=' || c == '.');
                let t = t.trim();
                if t.chars().any(char::is_alphanumeric) {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
}

/// The generic labels, lower-cased once.
static GENERIC: LazyLock<Vec<String>> = LazyLock::new(|| {
    PLACEHOLDER_DATA
        .generic_label
        .iter()
        .map(|g| g.text.to_lowercase())
        .collect()
});

fn is_generic(label: &str) -> bool {
    let l = label.trim().trim_matches(|c: char| !c.is_alphanumeric());
    if l.is_ascii() {
        return GENERIC.iter().any(|g| g.eq_ignore_ascii_case(l));
    }
    let l = l.to_lowercase();
    GENERIC.contains(&l)
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, b) in ctx.parsed.blocks.iter().enumerate() {
        let BlockKind::Code { info } = &b.kind else {
            continue;
        };
        if is_template_diagram(b) {
            continue;
        }
        let boxes;
        let labels: &[String] = if info.starts_with("mermaid") {
            match ctx.mermaid(i) {
                Some(Ok(d)) => &d.labels,
                _ => continue,
            }
        } else if b.text.chars().any(|c| "│┌└─┐┘║═".contains(c)) || b.text.contains("+--")
        {
            boxes = box_labels(&b.text);
            &boxes
        } else {
            continue;
        };
        // One specific label clears the diagram: checked before the distinct
        // count, which allocates.
        if labels.iter().any(|l| !is_generic(l) || has_technology(l)) {
            continue;
        }
        let distinct: BTreeSet<String> = labels.iter().map(|l| l.to_lowercase()).collect();
        if distinct.len() < 3 {
            continue;
        }
        let shown: Vec<&str> = labels
            .iter()
            .map(String::as_str)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        out.push(Finding::new(
            b.line,
            ctx.first_column(b.line),
            format!(
                "diagram shows only generic boxes ({}), nothing specific to this system",
                shown.join(", ")
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            (
                "```mermaid\nflowchart LR\n  User --> LB --> App --> DB\n```\n",
                1,
            ),
            (
                "```mermaid\nflowchart LR\n  u[User] --> a[App] --> d[(Database)]\n```\n",
                1,
            ),
            (
                "```\n┌─────┐    ┌────┐    ┌────┐\n│ App │ -> │ DB │ -> │Cache│\n└─────┘    └────┘    └────┘\n```\n",
                1,
            ),
            (
                "```mermaid\nflowchart LR\n  u[User] --> a[checkout-api] --> d[(Database)]\n```\n",
                0,
            ),
            ("```mermaid\nflowchart LR\n  App --> DB\n```\n", 0),
            (
                "```mermaid\nflowchart LR\n  u[User] --> a[App on ECS] --> d[(DB)]\n```\n",
                0,
            ),
        ];
        for (text, n) in table {
            assert_eq!(run("IA302", text).len(), *n, "{text}");
        }
    }
}
