//! IA405 unresolved-source-prd: the rule, its documentation ([`DOC`], which `infrarch rule IA405` prints) and its tests.

use crate::lint::context::{is_local_target, link_target, resolve_link};
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA405",
    name: "unresolved-source-prd",
    severity: Severity::Error,
    summary: "The Source PRD link is not a link, or points at no file",
    help: "link the PRD relative to this document: [checkout-prd](../../prd/checkout-prd-20260101.md)",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks the header's `**Source PRD:**`: it must be a Markdown link, and a
relative link must resolve to a file, relative to the folder of the document
(as a Markdown viewer resolves it). URLs are accepted without a check (the
linter works offline); template variables are left to IA102.

## Why is this bad?
"Reference source PRD": the link is how a reader checks a number against its
source, and how the linter finds the PRD for redundancy (IA701) and drift
(IA702). A PRD that moved or was renamed leaves the architecture unanchored.

## Example
```markdown
**Source PRD:** checkout PRD
**Source PRD:** [checkout](../prd/checkout.md)   <!-- file is not there -->
```
Use instead:
```markdown
**Source PRD:** [checkout-prd-20260101](../../prd/checkout-prd-20260101.md)
```
"####
);

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(f) = ctx.header.field("source prd") else {
        return;
    };
    let len = f.value.chars().count();
    let Some(target) = link_target(&f.value) else {
        if !f.value.contains('{') {
            out.push(
                Finding::new(
                    f.line,
                    f.value_column,
                    format!("Source PRD \"{}\" is not a link", f.value),
                )
                .len(len),
            );
        }
        return;
    };
    if !is_local_target(target) {
        return;
    }
    let Some(dir) = ctx.inputs.dir else { return };
    let resolved = resolve_link(dir, target);
    let loaded = ctx.inputs.prd.is_some_and(|p| p.is_file_at(&resolved));
    if !loaded && !resolved.is_file() {
        let col = f.value.find(target).map_or(f.value_column, |o| {
            f.value_column + f.value[..o].chars().count()
        });
        out.push(
            Finding::new(
                f.line,
                col,
                format!(
                    "Source PRD link `{target}` does not resolve (no file at {})",
                    crate::ingest::display(&resolved)
                ),
            )
            .len(target.chars().count()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::Inputs;
    use crate::lint::rules::{run, run_with};

    #[test]
    fn cases() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("prd")).expect("mkdir");
        std::fs::write(dir.path().join("prd/pay.md"), "# PRD\n").expect("write");
        let arch = dir.path().join("arch");
        std::fs::create_dir_all(&arch).expect("mkdir");
        let inputs = Inputs {
            dir: Some(&arch),
            ..Inputs::default()
        };
        let table: &[(&str, usize)] = &[
            ("# T\n**Source PRD:** [pay](../prd/pay.md)\n", 0),
            ("# T\n**Source PRD:** [pay](../prd/pay.md#nfr)\n", 0),
            ("# T\n**Source PRD:** [pay](../prd/missing.md)\n", 1),
            ("# T\n**Source PRD:** pay PRD\n", 1),
            ("# T\n**Source PRD:** [pay](https://example.org/prd)\n", 0),
            (
                "# T\n**Source PRD:** [{prd-filename}](../prd/{prd-filename}.md)\n",
                0,
            ),
        ];
        for (text, n) in table {
            assert_eq!(run_with("IA405", text, inputs).len(), *n, "{text}");
        }
        // Without a folder (text from stdin or MCP) the link is not resolved.
        assert!(run("IA405", "# T\n**Source PRD:** [pay](../prd/missing.md)\n").is_empty());
    }
}
