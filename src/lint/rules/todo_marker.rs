//! IA103 todo-marker: the rule, its documentation ([`DOC`], which `infrarch rule IA103` prints) and its tests.

use std::ops::ControlFlow;
use std::sync::LazyLock;

use crate::lint::data::{PLACEHOLDER_DATA, PhraseSearch, lower_for_search};
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA103",
    name: "todo-marker",
    severity: Severity::Warning,
    summary: "TBD / TODO / XXX left where a value should be",
    help: "decide the value, or move the question to §14 Open Questions as a checkbox with an owner",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds markers of undecided content: `TBD`, `TODO`, `XXX`, `FIXME`, `TBC`
(upper case, whole words), "to be determined", "lorem ipsum" (list in
`data/lint/placeholders.toml`). Code blocks and inline code are skipped.

## Why is this bad?
A document that says "RTO: TBD" passes review by looking complete. Open points
belong in §14 Open Questions, where they are tracked, not scattered as markers.

## Example
```markdown
- **RTO (Recovery Time Objective):** TBD
```
Use instead:
```markdown
- **RTO (Recovery Time Objective):** 1 hour (PRD NFR-7)
```
"####
);

pub(crate) static MARKERS: LazyLock<PhraseSearch> =
    LazyLock::new(|| PhraseSearch::words(&PLACEHOLDER_DATA.marker));

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let prose = &ctx.prose_text;
    let lower = lower_for_search(prose);
    MARKERS.each(prose, lower.as_deref(), true, |_, g| {
        let Some(g) = g else {
            return ControlFlow::<()>::Continue(());
        };
        let marker = &prose[g.clone()];
        let (line, start) = ctx.prose_position(g.start);
        out.push(
            Finding::new(
                line,
                ctx.column(line, start),
                format!("`{marker}` marks content that was never written"),
            )
            .len(marker.chars().count()),
        );
        ControlFlow::Continue(())
    });
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            ("- **RTO:** TBD\n", 1),
            ("TODO: pick a region. XXX\n", 2),
            ("Retention is to be determined.\n", 1),
            ("Our todo list app and the tbd-service.\n", 0),
            ("Card numbers are masked as XXXX-1234.\n", 0),
            ("`TODO` in code and\n```\nTODO\n```\n", 0),
        ];
        for (text, n) in table {
            assert_eq!(run("IA103", text).len(), *n, "{text}");
        }
    }
}
