//! IA605 adr-edited: the rule, its documentation ([`DOC`], which `infrarch rule IA605` prints) and its tests.

use crate::lint::adr::{AdrChange, immutability};
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA605",
    name: "adr-edited",
    severity: Severity::Error,
    summary: "An Accepted ADR was edited instead of superseded",
    help: "restore the accepted text; record the change as a new ADR and set the old one to `Superseded by ADR-n`",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
With `--baseline PATH` (an earlier revision of the document, or a folder of
them by file name), compares every ADR whose status was `Accepted` there with
the current text. Its lines must be unchanged except the Status line, which may
only move to `Superseded by ADR-n` or `Deprecated`. An accepted ADR that was
rewritten, re-opened (status back to Proposed) or deleted is reported. The
comparison is the library function `lint::adr::immutability`, which the
review gate uses too. Without a baseline the rule has nothing to compare and
reports nothing.

## Why is this bad?
"Keep ADRs immutable (supersede, don't edit)": an accepted ADR is the record of
what was decided and why, at the time. Editing it in place rewrites history —
the reasons a past change was made disappear, and approvals given to the old
text silently apply to the new one.

## Example
Baseline:
```markdown
### ADR-2: Use RDS PostgreSQL
**Status:** Accepted
**Decision:** db.r6g.large, Multi-AZ.
```
Current:
```markdown
### ADR-2: Use RDS PostgreSQL
**Status:** Accepted
**Decision:** db.r6g.xlarge, Multi-AZ.
```
Use instead: keep ADR-2, set it to `Superseded by ADR-5`, and write ADR-5
"Resize orders database" with its own context.
"####
);

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(base) = ctx.inputs.baseline else {
        return;
    };
    for e in immutability(base, ctx.text) {
        let msg = match &e.change {
            AdrChange::Edited => format!(
                "ADR-{} ({}) was Accepted and has been edited",
                e.number, e.title
            ),
            AdrChange::StatusChanged { to } => {
                format!(
                    "ADR-{} ({}) was Accepted and is now \"{to}\"",
                    e.number, e.title
                )
            }
            AdrChange::Removed => format!(
                "ADR-{} ({}) was Accepted and has been removed",
                e.number, e.title
            ),
        };
        out.push(Finding::new(e.line, ctx.first_column(e.line), msg));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::Inputs;
    use crate::lint::rules::{run, run_with};

    #[test]
    fn cases() {
        let base = "### ADR-2: Use RDS PostgreSQL\n\n**Status:** Accepted\n\n**Decision:** db.r6g.large, Multi-AZ.\n";
        let edited = base.replace("large", "xlarge");
        let inputs = Inputs {
            baseline: Some(base),
            ..Inputs::default()
        };
        let f = run_with("IA605", &edited, inputs);
        assert_eq!(
            f,
            vec![(
                5,
                1,
                "ADR-2 (Use RDS PostgreSQL) was Accepted and has been edited".to_string()
            )]
        );
        assert!(run_with("IA605", base, inputs).is_empty());
        assert!(
            run_with(
                "IA605",
                &base.replace("Accepted", "Superseded by ADR-5"),
                inputs
            )
            .is_empty()
        );
        assert!(run("IA605", &edited).is_empty());
    }
}
