//! IA402 invalid-status: the rule, its documentation ([`DOC`], which `infrarch rule IA402` prints) and its tests.

use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA402",
    name: "invalid-status",
    severity: Severity::Error,
    summary: "Document status is not one of Draft, In Review, Approved",
    help: "set **Status:** to exactly one of Draft, In Review, Approved (the review gate moves it)",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks the header's `**Status:**` value: exactly one of `Draft`, `In Review`,
`Approved` (case is ignored). The template line `Draft | In Review | Approved`
is reported as "lists the choices". A missing Status line is IA406.

## Why is this bad?
The workflow (`/approve`, `/skip`, `/revise`) and the tools that hand the
document to DevOps read this field. "Final", "Done" or "Accepted" (an ADR
status) mean nothing to them, and a document stuck on all three states is in
none.

## Example
```markdown
**Status:** Draft | In Review | Approved
```
Use instead:
```markdown
**Status:** Draft
```
"####
);

const VALID: &[&str] = &["draft", "in review", "approved"];

pub(crate) fn clean(value: &str) -> String {
    value
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '`')
        .trim()
        .to_string()
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(f) = ctx.header.field("status") else {
        return;
    };
    let v = clean(&f.value);
    if v.contains('{') || (v.starts_with('[') && v.ends_with(']')) {
        return;
    }
    if VALID.contains(&v.to_lowercase().as_str()) {
        return;
    }
    let msg = if v.contains('|') {
        format!("status lists the template's choices (\"{v}\") instead of one")
    } else if v.is_empty() {
        "status is empty".to_string()
    } else {
        format!("status \"{v}\" is not one of Draft, In Review, Approved")
    };
    out.push(Finding::new(f.line, f.value_column, msg).len(f.value.chars().count()));
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            (
                "# Infrastructure Architecture: T\n**Status:** Draft | In Review | Approved\n",
                1,
            ),
            ("# Infrastructure Architecture: T\n**Status:** Final\n", 1),
            (
                "# Infrastructure Architecture: T\n**Status:** Accepted\n",
                1,
            ),
            ("# Infrastructure Architecture: T\n**Status:** Draft\n", 0),
            (
                "# Infrastructure Architecture: T\n- **Status:** in review\n",
                0,
            ),
            (
                "# Infrastructure Architecture: T\n**Status:** `Approved`\n",
                0,
            ),
            (
                "# Infrastructure Architecture: T\n\n## 1. Summary\n**Status:** whatever\n",
                0,
            ),
        ];
        for (text, n) in table {
            assert_eq!(run("IA402", text).len(), *n, "{text}");
        }
        assert_eq!(
            run(
                "IA402",
                "# Infrastructure Architecture: T\n**Status:** Done\n"
            )[0]
            .1,
            13
        );
    }
}
