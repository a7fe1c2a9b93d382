//! IA604 adr-invalid-status: the rule, its documentation ([`DOC`], which `infrarch rule IA604` prints) and its tests.

use std::sync::LazyLock;

use regex::Regex;

use crate::lint::adr::Field;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA604",
    name: "adr-invalid-status",
    severity: Severity::Error,
    summary: "ADR status is not Proposed, Accepted, Deprecated or Superseded by ADR-n",
    help: "use one of Proposed, Accepted, Deprecated, Superseded by ADR-n",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks each ADR's Status: one of `Proposed`, `Accepted`, `Deprecated`, or
`Superseded by ADR-n` (a date or note may follow in parentheses). The
template line `Proposed | Accepted | Deprecated | Superseded` and a bare
`Superseded` (by what?) are reported.

## Why is this bad?
ADRs are immutable and superseded, not edited: the status is what tells a
reader which decision is in force, and "Superseded" must say which ADR
replaced it.

## Example
```markdown
**Status:** Proposed | Accepted | Deprecated | Superseded
**Status:** Superseded
```
Use instead:
```markdown
**Status:** Accepted
**Status:** Superseded by ADR-4
```
"####
);

static VALID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:proposed|accepted|deprecated|superseded\s+by\s+\[?ADR[-\s]?\d+)\b")
        .expect("constant regex")
});

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for adr in &ctx.adrs {
        let (Some(f), Some(s)) = (adr.field(Field::Status), adr.status()) else {
            continue;
        };
        if s.is_empty() || s.contains(['{', '[']) && !s.contains("ADR") {
            continue; // empty is IA601's, slots are IA101's
        }
        if VALID.is_match(s) && !s.contains('|') {
            continue;
        }
        let msg = if s.contains('|') {
            format!(
                "ADR-{} status lists the template's choices (\"{s}\") instead of one",
                adr.number
            )
        } else if s.to_lowercase().starts_with("superseded") {
            format!("ADR-{} is \"{s}\" without saying by which ADR", adr.number)
        } else {
            format!(
                "ADR-{} status \"{s}\" is not Proposed, Accepted, Deprecated or Superseded by ADR-n",
                adr.number
            )
        };
        out.push(Finding::new(f.line, f.column, msg));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            ("### ADR-1: X\n**Status:** Accepted\n", 0),
            ("### ADR-1: X\n**Status:** Accepted (2026-01-05)\n", 0),
            ("### ADR-1: X\n**Status:** Superseded by ADR-4\n", 0),
            (
                "### ADR-1: X\n**Status:** Superseded by [ADR-4](#adr-4)\n",
                0,
            ),
            (
                "### ADR-1: X\n**Status:** Proposed | Accepted | Deprecated | Superseded\n",
                1,
            ),
            ("### ADR-1: X\n**Status:** Superseded\n", 1),
            ("### ADR-1: X\n**Status:** Approved\n", 1),
            ("### ADR-1: X\n**Status:** Decided\n", 1),
        ];
        for (text, n) in table {
            assert_eq!(run("IA604", text).len(), *n, "{text}");
        }
    }
}
