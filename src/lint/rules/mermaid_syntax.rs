//! IA304 mermaid-syntax: the rule, its documentation ([`DOC`], which `infrarch rule IA304` prints) and its tests.

use crate::lint::{Context, Finding, Rule, Severity};
use crate::markdown::BlockKind;

pub const RULE: Rule = Rule {
    code: "IA304",
    name: "mermaid-syntax",
    severity: Severity::Error,
    summary: "A Mermaid block that does not parse",
    help: "fix the syntax; quote labels holding brackets: id[\"API (Node 20)\"]",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks every ```` ```mermaid ```` block with a structural validator: a known
diagram type and direction, node ids, balanced and quoted labels, arrow syntax
with a target, `subgraph`/`end` balance for flowcharts; participants,
`Note` placement, message arrows with `: text`, and `alt`/`loop`/`end`
balance for sequence diagrams. Other diagram types are checked by header only.

## Why is this bad?
GitHub and most viewers show "Unable to render rich display" instead of a
diagram that does not parse: the document silently loses the picture. LLMs
often put parentheses in unquoted labels, which Mermaid rejects.

## Example
```mermaid
flowchart LR
  api[API (Node 20)] --> db[(PostgreSQL)]
```
Use instead:
```mermaid
flowchart LR
  api["API (Node 20)"] --> db[(PostgreSQL)]
```
"####
);

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, b) in ctx.parsed.blocks.iter().enumerate() {
        let BlockKind::Code { info } = &b.kind else {
            continue;
        };
        if info.split_whitespace().next() != Some("mermaid") {
            continue;
        }
        if let Some(Err(e)) = ctx.mermaid(i) {
            // Content starts on the line after the opening fence.
            let line = (b.line + 1 + e.line).min(b.end_line.max(b.line));
            let raw = ctx.lines.get(line - 1).copied().unwrap_or("");
            let content = b.text.lines().nth(e.line).unwrap_or("");
            let indent = raw
                .find(content)
                .map_or(0, |off| raw[..off].chars().count());
            out.push(Finding::new(
                line,
                e.column + indent,
                format!("Mermaid diagram does not parse: {}", e.message),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let f = run(
            "IA304",
            "Text\n\n```mermaid\nflowchart LR\n  api[API (Node 20)] --> db\n```\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0, f[0].1), (5, 11));
        assert!(
            run(
                "IA304",
                "```mermaid\nflowchart LR\n  api[\"API (Node 20)\"] --> db\n```\n"
            )
            .is_empty()
        );
        assert!(run("IA304", "```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n").is_empty());
        assert_eq!(run("IA304", "```mermaid\nflowchrt LR\n```\n").len(), 1);
    }
}
