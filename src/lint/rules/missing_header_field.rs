//! IA406 missing-header-field: the rule, its documentation ([`DOC`], which `infrarch rule IA406` prints) and its tests.

use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA406",
    name: "missing-header-field",
    severity: Severity::Error,
    summary: "A header field of the template is missing",
    help: "add the field under the title, as in the template",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks that the lines between the title and the first section hold the
template's five header fields: `**Source PRD:**`, `**Document ID:**`,
`**Author:**`, `**Status:**`, `**Created:**`. Each missing field is reported
at the line where it belongs (after the last field present, or after the title).

## Why is this bad?
The header is what tools and reviewers read first: where the requirements come
from, which document this is, who wrote it, whether it is approved, and when.

## Example
```markdown
# Infrastructure Architecture: Checkout

## 1. Executive Summary
```
Use instead:
```markdown
# Infrastructure Architecture: Checkout

**Source PRD:** [checkout-prd-20260101](../../prd/checkout-prd-20260101.md)
**Document ID:** checkout-infrastructure-architecture-20260105
**Author:** @infrastructure-architecture-agent
**Status:** Draft
**Created:** 2026-01-05
```
"####
);

const FIELDS: &[(&str, &str)] = &[
    ("source prd", "Source PRD"),
    ("document id", "Document ID"),
    ("author", "Author"),
    ("status", "Status"),
    ("created", "Created"),
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let line = ctx.header.insert_line;
    for (key, label) in FIELDS {
        if ctx.header.field(key).is_none() {
            out.push(Finding::new(
                line,
                1,
                format!("header has no **{label}:** line"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let full = "# T\n\n**Source PRD:** [p](p.md)\n**Document ID:** x\n**Author:** me\n**Status:** Draft\n**Created:** 2026-01-01\n\n## 1. Summary\n";
        assert!(run("IA406", full).is_empty());
        let f = run("IA406", "# T\n\n**Status:** Draft\n\n## 1. Summary\n");
        assert_eq!(f.len(), 4);
        assert!(f.iter().all(|x| x.0 == 4));
        assert_eq!(run("IA406", "# T\n\n## 1. Summary\n")[0].0, 2);
    }
}
