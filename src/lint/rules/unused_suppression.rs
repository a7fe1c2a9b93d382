//! IA900 unused-suppression: the rule, its documentation ([`DOC`], which `infrarch rule IA900` prints) and its tests.

use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA900",
    name: "unused-suppression",
    severity: Severity::Warning,
    summary: "A suppression comment that suppresses nothing",
    help: "remove the comment (the finding it silenced is gone), or fix its code",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Reports `<!-- infrarch-disable CODE -->` (next line),
`<!-- infrarch-disable-line CODE -->` and `<!-- infrarch-disable-file CODE -->`
comments, or single codes in them, that matched no finding, and codes that
name no rule. Suppressions of rules turned off with `--ignore`/`--select` are
not reported. Codes may be prefixes (`IA1`).

## Why is this bad?
A stale suppression silences the next real finding on that line, and an
unknown code (a typo) silences nothing while looking like it does.

## Example
```markdown
<!-- infrarch-disable IA103 -->
- **RTO:** 1 hour
```
Use instead: remove the comment; the TBD it was hiding has been resolved.
"####
);

/// Unused suppressions are found by the engine after every other rule ran
/// (`lint::suppress`); this check has nothing to look at on its own.
fn check(_ctx: &Context<'_>, _out: &mut Vec<Finding>) {}

#[cfg(test)]
mod tests {
    use crate::lint::{Inputs, Selection, lint_document};

    fn codes(text: &str, select: &[&str]) -> Vec<(&'static str, usize)> {
        let s: Vec<String> = select.iter().map(|s| s.to_string()).collect();
        let sel = Selection::new(&s, &[]).expect("valid");
        lint_document("t.md", text, Inputs::default(), &sel)
            .into_iter()
            .map(|d| (d.code, d.line))
            .collect()
    }

    #[test]
    fn suppression_forms() {
        let sel = ["IA103", "IA900"];
        assert_eq!(codes("x TBD\n", &sel), vec![("IA103", 1)]);
        assert_eq!(
            codes("<!-- infrarch-disable IA103 -->\nx TBD\n", &sel),
            vec![]
        );
        assert_eq!(
            codes("<!-- infrarch-disable IA1 -->\n\nx TBD\n", &sel),
            vec![]
        );
        assert_eq!(
            codes("x TBD <!-- infrarch-disable-line IA103 -->\n", &sel),
            vec![]
        );
        assert_eq!(
            codes(
                "<!-- infrarch-disable-file IA103 -->\n\nx TBD\n\ny TODO\n",
                &sel
            ),
            vec![]
        );
        // Unused, and unknown.
        assert_eq!(
            codes("<!-- infrarch-disable IA103 -->\nfine\n", &sel),
            vec![("IA900", 1)]
        );
        assert_eq!(
            codes("ok <!-- infrarch-disable-line IA999 -->\n", &sel),
            vec![("IA900", 1)]
        );
        // A suppression of a rule that did not run is not stale.
        assert_eq!(
            codes("<!-- infrarch-disable IA301 -->\nfine\n", &sel),
            vec![]
        );
        // In code, a suppression is just text.
        assert_eq!(
            codes("```\n<!-- infrarch-disable IA103 -->\n```\nx TBD\n", &sel),
            vec![("IA103", 4)]
        );
    }
}
