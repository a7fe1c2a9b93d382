//! IA102 template-variable: the rule, its documentation ([`DOC`], which `infrarch rule IA102` prints) and its tests.

use std::sync::LazyLock;

use regex::Regex;

use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA102",
    name: "template-variable",
    severity: Severity::Error,
    summary: "A `{variable}` of the template was never filled in",
    help: "substitute the value (feature name, date, file name)",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds template variables in braces outside code: `{Feature Name}`,
`{YYYYMMDD}`, `{prd-filename}`, `{{cloud_provider}}`.

## Why is this bad?
A variable left in the title, the document id or a link means the document
was generated from the template without its inputs: the id does not identify
anything and the link goes nowhere.

## Example
```markdown
# Infrastructure Architecture: {Feature Name}
**Document ID:** {feature-slug}-infrastructure-architecture-{YYYYMMDD}
```
Use instead:
```markdown
# Infrastructure Architecture: Checkout
**Document ID:** checkout-infrastructure-architecture-20260105
```
"####
);

static VAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{?[ \t]*[A-Za-z][A-Za-z0-9 _./\-]{0,60}\}\}?").expect("constant regex")
});

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for m in VAR.find_iter(&ctx.prose_text) {
        // `${VAR}` is a shell or Terraform interpolation someone quoted.
        if ctx.prose_text[..m.start()].ends_with('$') {
            continue;
        }
        let (line, start) = ctx.prose_position(m.start());
        out.push(
            Finding::new(
                line,
                ctx.column(line, start),
                format!("template variable `{}` was never filled in", m.as_str()),
            )
            .len(m.as_str().chars().count()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            ("# Infrastructure Architecture: {Feature Name}\n", 1),
            (
                "**Document ID:** {feature-slug}-infrastructure-architecture-{YYYYMMDD}\n",
                2,
            ),
            ("- **Cloud Provider:** {{cloud_provider}}\n", 1),
            ("Set `{replicas}` in values and ${ENV} in shell.\n", 0),
            ("```json\n{\"a\": 1}\n```\n", 0),
            ("The set {1, 2, 3} is fine.\n", 0),
        ];
        for (text, n) in table {
            assert_eq!(run("IA102", text).len(), *n, "{text}");
        }
    }
}
