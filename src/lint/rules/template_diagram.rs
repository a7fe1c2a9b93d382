//! IA301 template-diagram: the rule, its documentation ([`DOC`], which `infrarch rule IA301` prints) and its tests.

use crate::lint::{Context, Finding, Rule, Severity};
use crate::markdown::{Block, BlockKind};

pub const RULE: Rule = Rule {
    code: "IA301",
    name: "template-diagram",
    severity: Severity::Error,
    summary: "The template's Region A/B/C drawing was left in the document",
    help: "draw this system: its real components, regions and data flows, or remove the diagram",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds the template's example drawing in a code block: boxes labelled
`Region A`, `Region B` (and `Region C`), whether drawn with box characters or
as Mermaid.

## Why is this bad?
"No placeholder diagrams": the drawing shows three identical regions with an
App and a DB each. It is the template's illustration, not a design; it even
contradicts most real designs (one region, managed database).

## Example
```text
     ┌─────────┐    ┌─────────┐    ┌─────────┐
     │Region A │    │Region B │    │Region C │
     │  │App │ │    │  │App │ │    │  │App │ │
```
Use instead: a diagram of this system (`CloudFront → ALB → ECS checkout-api →
RDS PostgreSQL (Multi-AZ)`), or none when the text says it.
"####
);

/// Does a code block hold the template's Region A/B/C drawing?
pub(crate) fn is_template_diagram(b: &Block) -> bool {
    matches!(b.kind, BlockKind::Code { .. })
        && b.text.contains("Region A")
        && b.text.contains("Region B")
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for b in ctx.parsed.blocks.iter().filter(|b| is_template_diagram(b)) {
        let (line, col, len) = b
            .text
            .lines()
            .position(|l| l.contains("Region A"))
            .map(|k| {
                let line = b.line + 1 + k;
                let raw = ctx.lines.get(line - 1).copied().unwrap_or("");
                let off = raw.find("Region A").unwrap_or(0);
                (line, ctx.column(line, off), 8)
            })
            .unwrap_or((b.line, 1, 0));
        out.push(
            Finding::new(
                line,
                col,
                "the template's Region A/B/C example diagram was left in the document",
            )
            .len(len),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let tpl = "```\n┌────┐ ┌────┐\n│Region A │ │Region B │\n```\n";
        assert_eq!(
            run("IA301", tpl),
            vec![(
                3,
                2,
                "the template's Region A/B/C example diagram was left in the document".to_string()
            )]
        );
        assert!(
            run(
                "IA301",
                "```mermaid\ngraph LR\n a[eu-west-1] --> b[eu-central-1]\n```\n"
            )
            .is_empty()
        );
        assert!(
            run(
                "IA301",
                "We deploy to Region A and Region B of the provider.\n"
            )
            .is_empty()
        );
    }
}
