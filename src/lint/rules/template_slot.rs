//! IA101 template-slot: the rule, its documentation ([`DOC`], which `infrarch rule IA101` prints) and its tests.

use std::sync::LazyLock;

use regex::Regex;

use super::template_sentence::template_sentence_in_buf;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA101",
    name: "template-slot",
    severity: Severity::Error,
    summary: "A `[...]` slot of the template was left in the document",
    help: "replace the slot with the actual value, or delete the line if it does not apply",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds square-bracket slots of the template (`[Component]`, `[Yes/No, regions]`,
`[e.g., 99.9% uptime]`) that were never replaced. Links (`[text](url)`,
`[text][ref]`), task boxes (`[ ]`, `[x]`), footnotes (`[^1]`), admonitions
(`[!NOTE]`) and numeric ranges (`[0, 1]`) are not slots; nor is anything in code.

## Why is this bad?
"No placeholders": a slot tells the reader the decision was never made, while
the document looks finished. DevOps cannot build `[Config]`.

## Example
```markdown
| Component | Purpose | Technology | Configuration |
|-----------|---------|------------|---------------|
| [Component] | [Purpose] | [Tech] | [Config] |
```
Use instead:
```markdown
| Component | Purpose | Technology | Configuration |
|-----------|---------|------------|---------------|
| API | Checkout HTTP API | ECS Fargate | 2–8 tasks, 0.5 vCPU / 1 GB |
```
"####
);

static SLOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]\n]{1,160})\]").expect("constant regex"));

/// Is a bracket span at `start..end` of `line` a slot (not a link or box)?
pub(crate) fn is_slot(line: &str, start: usize, end: usize, inner: &str) -> bool {
    let after = line[end..].chars().next();
    let before = line[..start].chars().next_back();
    if matches!(after, Some('(') | Some('[')) || before == Some(']') || before == Some('\\') {
        return false;
    }
    if after == Some(':') && line[..start].trim().is_empty() {
        return false; // link reference definition
    }
    let t = inner.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("x") || t.starts_with('^') || t.starts_with('!') {
        return false;
    }
    t.chars().any(char::is_alphabetic)
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut buf = String::new();
    // `find_iter`, not captures: the slot's text is the match less its brackets.
    for all in SLOT.find_iter(&ctx.prose_text) {
        let inner = &all.as_str()[1..all.len() - 1];
        let (line_no, start) = ctx.prose_position(all.start());
        let line = ctx.prose(line_no).unwrap_or("");
        if !is_slot(line, start, start + all.len(), inner)
            || template_sentence_in_buf(inner, &mut buf).is_some()
        {
            continue;
        }
        out.push(
            Finding::new(
                line_no,
                ctx.column(line_no, start),
                format!("template slot `{}` left in the document", all.as_str()),
            )
            .len(all.as_str().chars().count()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            ("| [Component] | [Purpose] |\n", 2),
            ("- **Multi-AZ:** [Yes/No, availability zones]\n", 1),
            (
                "See [the PRD](../prd/x.md) and [ADR-1][adr1].\n\n[adr1]: #adr-1\n",
                0,
            ),
            ("- [ ] Decide retention\n- [x] Pick region\n", 0),
            ("Footnote[^1] and range [0, 1] and `[code]`.\n", 0),
            ("> [!NOTE]\n> text\n", 0),
            ("```\n[Config]\n```\n", 0),
            (
                "[What is the infrastructure issue that motivates this decision?]\n",
                0,
            ),
        ];
        for (text, n) in table {
            assert_eq!(run("IA101", text).len(), *n, "{text}");
        }
        let f = run("IA101", "| a | [Tech] |\n");
        assert_eq!((f[0].0, f[0].1), (1, 7));
    }
}
