//! IA601 adr-missing-field: the rule, its documentation ([`DOC`], which `infrarch rule IA601` prints) and its tests.

use crate::lint::adr::Field;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA601",
    name: "adr-missing-field",
    severity: Severity::Error,
    summary: "An ADR lacks Status, Context, Decision, Consequences or Alternatives Considered",
    help: "give every ADR the template's five parts: Status, Context, Decision, Consequences, Alternatives Considered",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks every ADR (a heading `ADR-n: Title`) for the five parts of the
template's ADR format, written as `**Field:**` lines or as sub-headings:
Status, Context, Decision, Consequences, Alternatives Considered. A missing
part is reported where it belongs (after the part before it); an empty one at
its label.

## Why is this bad?
"Include context, decision, and consequences; document alternatives
considered." An ADR without its context cannot be re-evaluated when the
context changes; one without consequences hides its costs.

## Example
```markdown
### ADR-1: Use PostgreSQL
**Decision:** Use PostgreSQL.
```
Use instead:
```markdown
### ADR-1: Use Amazon RDS for PostgreSQL
**Status:** Accepted
**Context:** Orders need multi-row transactions; the team runs PostgreSQL today.
**Decision:** RDS for PostgreSQL 16, db.r6g.large, Multi-AZ.
**Consequences:**
- No database servers to patch; ~$420/month.
**Alternatives Considered:**
1. DynamoDB - no multi-item transactions across order lines at our access patterns
```
"####
);

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for adr in &ctx.adrs {
        for (k, f) in Field::ALL.iter().enumerate() {
            match adr.field(*f) {
                Some(af) if af.is_empty() => out.push(Finding::new(
                    af.line,
                    af.column,
                    format!("ADR-{}'s {} is empty", adr.number, f.label()),
                )),
                Some(_) => {}
                None => {
                    // After the nearest earlier part present, else after the heading.
                    let line = Field::ALL[..k]
                        .iter()
                        .rev()
                        .find_map(|p| adr.field(*p))
                        .map(|p| {
                            p.body
                                .iter()
                                .rev()
                                .find(|(_, l)| !l.trim().is_empty())
                                .map_or(p.line, |(n, _)| *n)
                                + 1
                        })
                        .unwrap_or(adr.line + 1);
                    out.push(Finding::new(
                        line,
                        1,
                        format!("ADR-{} ({}) has no {}", adr.number, adr.title, f.label()),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let full = "### ADR-1: X\n\n**Status:** Accepted\n\n**Context:** c\n\n**Decision:** d\n\n**Consequences:**\n- e\n\n**Alternatives Considered:**\n1. f - g\n";
        assert!(run("IA601", full).is_empty());
        let headings = "### ADR-2: Y\n\n#### Status\nProposed\n\n#### Context\nc\n\n#### Decision\nd\n\n#### Consequences\ne\n\n#### Alternatives Considered\n- f: too slow\n";
        assert!(
            run("IA601", headings).is_empty(),
            "{:?}",
            run("IA601", headings)
        );
        let f = run(
            "IA601",
            "### ADR-1: X\n**Status:** Accepted\n**Decision:** d\n",
        );
        assert_eq!(
            f.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![3, 3, 3],
            "a part missing at the end of the file is reported on its last line"
        );
        let e = run(
            "IA601",
            "### ADR-1: X\n**Status:** Accepted\n**Context:**\n\n**Decision:** d\n**Consequences:** e\n**Alternatives Considered:** none - only option\n",
        );
        assert_eq!(e, vec![(3, 3, "ADR-1's Context is empty".to_string())]);
    }
}
