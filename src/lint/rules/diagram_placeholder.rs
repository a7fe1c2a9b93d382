//! IA303 diagram-placeholder: the rule, its documentation ([`DOC`], which `infrarch rule IA303` prints) and its tests.

use std::sync::LazyLock;

use crate::lint::data::{PLACEHOLDER_DATA, PhraseSearch, lower_for_search};
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA303",
    name: "diagram-placeholder",
    severity: Severity::Error,
    summary: "A diagram was promised (\"diagram here\") but not drawn",
    help: "draw the diagram (Mermaid renders on GitHub), or remove the promise if the text is clear without it",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds phrases that stand in for a diagram: "diagram here", "insert diagram",
"diagram to be added", "see diagram below" (list in
`data/lint/placeholders.toml`), in prose or alone in a code block.

## Why is this bad?
The reader is sent to a picture that does not exist. "Include diagrams only
when they clarify complexity": either the diagram is needed and must be drawn,
or it is not and the promise should go.

## Example
```markdown
### 3.1 High-Level Infrastructure Architecture
[Architecture diagram here]
```
Use instead: a Mermaid `flowchart` of the real components, or a sentence that
says what runs where.
"####
);

static PHRASES: LazyLock<PhraseSearch> =
    LazyLock::new(|| PhraseSearch::words(&PLACEHOLDER_DATA.diagram_phrase));

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // One search over the whole file first: almost no document has a phrase.
    if !PHRASES.is_match(ctx.text, lower_for_search(ctx.text).as_deref()) {
        return;
    }
    for (i, line) in ctx.lines.iter().enumerate() {
        // In prose the masked view hides inline code; inside a code block the
        // raw line is the diagram itself.
        let hay: &str = if ctx.in_code[i] {
            line
        } else {
            ctx.prose(i + 1).unwrap_or("")
        };
        if let Some(m) = PHRASES.re.captures(hay).and_then(|c| c.get(1)) {
            out.push(
                Finding::new(
                    i + 1,
                    ctx.column(i + 1, m.start()),
                    format!("\"{}\": the diagram was promised but not drawn", m.as_str()),
                )
                .len(m.as_str().chars().count()),
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
            ("[Architecture diagram here]\n", 1),
            ("```\nInsert diagram\n```\n", 1),
            ("The diagram below shows the VPC layout.\n", 0),
        ];
        for (text, n) in table {
            assert_eq!(run("IA303", text).len(), *n, "{text}");
        }
    }
}
