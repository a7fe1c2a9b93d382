//! IA502 empty-section: the rule, its documentation ([`DOC`], which `infrarch rule IA502` prints) and its tests.

use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA502",
    name: "empty-section",
    severity: Severity::Error,
    summary: "A heading with nothing under it",
    help: "write the section, or remove the heading if the subject does not apply (say so in one line)",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds headings with no content before the next heading of the same or a higher
level (HTML comments do not count as content; sub-sections with content do).

## Why is this bad?
An empty "### 5.2 Vertical Scaling" reads as if the subject was considered.
Either say what was decided ("Not used: the API is stateless and scales
out") or drop the heading.

## Example
```markdown
### 5.2 Vertical Scaling

### 5.3 Load Balancing
```
Use instead:
```markdown
### 5.2 Vertical Scaling
Not used: tasks stay at 0.5 vCPU / 1 GB and scale out (§5.1).
```
"####
);

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for h in &ctx.outline {
        if !h.has_content {
            out.push(
                Finding::new(
                    h.line,
                    ctx.first_column(h.line),
                    format!("section `{}` is empty", h.title),
                )
                .len(
                    ctx.lines
                        .get(h.line - 1)
                        .map_or(0, |l| l.trim().chars().count()),
                ),
            );
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
                "## 5. Scaling\n\n### 5.1 H\n\nx\n\n### 5.2 V\n\n### 5.3 LB\n\ny\n",
                1,
            ),
            ("## 5. Scaling\n\n### 5.1 H\n\nx\n", 0),
            ("## A\n<!-- later -->\n## B\ntext\n", 1),
            ("## A\n```\ncode\n```\n", 0),
            ("## A\n", 1),
        ];
        for (text, n) in table {
            assert_eq!(run("IA502", text).len(), *n, "{text}");
        }
    }
}
