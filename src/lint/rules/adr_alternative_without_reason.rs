//! IA602 adr-alternative-without-reason: the rule, its documentation ([`DOC`], which `infrarch rule IA602` prints) and its tests.

use crate::lint::adr::Field;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA602",
    name: "adr-alternative-without-reason",
    severity: Severity::Error,
    summary: "An alternative in an ADR is listed without why it was rejected",
    help: "add why it lost: `DynamoDB - no multi-item transactions at our access patterns`",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks each item under an ADR's Alternatives Considered: it must carry a reason,
after a separator (` - `, ` — `, `: `, "because", "rejected", a parenthesis)
or as a sentence of six words or more, or in a nested list item under it.

## Why is this bad?
"Vague ADRs that don't explain trade-offs" are an anti-pattern the agent
definition names. A bare list of product names shows options were known, not
that they were weighed; the next team cannot tell whether the reason still holds.

## Example
```markdown
**Alternatives Considered:**
1. Kubernetes
2. Lambda
```
Use instead:
```markdown
**Alternatives Considered:**
1. EKS - a cluster to run for 3 services; no one on the team operates Kubernetes
2. Lambda - checkout holds connections for 30 s; cold starts break p95 200 ms
```
"####
);

const SEPARATORS: &[&str] = &[
    " - ",
    " – ",
    " — ",
    ": ",
    " because ",
    " since ",
    " due to ",
    "rejected",
    " as ",
    "(",
    " but ",
];

/// Does an alternative's text carry a reason?
pub(crate) fn has_reason(item: &str) -> bool {
    let t = item.trim().trim_start_matches(['*', '_']);
    let lower = t.to_lowercase();
    for sep in SEPARATORS {
        if let Some(p) = lower.find(sep) {
            let after = &lower[p + sep.len()..];
            if after
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
                >= 2
            {
                return true;
            }
        }
    }
    t.split_whitespace().count() >= 6
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for adr in &ctx.adrs {
        let Some(f) = adr.field(Field::Alternatives) else {
            continue;
        };
        let items = f.items();
        if items.is_empty() {
            if !f.inline.trim().is_empty()
                && !has_reason(&f.inline)
                && !f.inline.contains(['[', '{'])
            {
                out.push(Finding::new(
                    f.line,
                    f.column,
                    format!(
                        "ADR-{}: alternative \"{}\" has no reason it was rejected",
                        adr.number,
                        f.inline.trim()
                    ),
                ));
            }
            continue;
        }
        let top = items.iter().map(|i| i.1).min().unwrap_or(0);
        for (k, (line, indent, text)) in items.iter().enumerate() {
            if *indent != top {
                continue;
            }
            let nested = items.get(k + 1).is_some_and(|n| n.1 > top);
            // Template slots are IA101's finding.
            if nested || has_reason(text) || text.trim_start().starts_with('[') {
                continue;
            }
            let raw = ctx.lines.get(line - 1).copied().unwrap_or("");
            let col = raw.find(text.as_str()).map_or(1, |o| ctx.column(*line, o));
            out.push(
                Finding::new(
                    *line,
                    col,
                    format!(
                        "ADR-{}: alternative \"{text}\" has no reason it was rejected",
                        adr.number
                    ),
                )
                .len(text.chars().count()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::has_reason;
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let doc = "### ADR-1: X\n**Alternatives Considered:**\n1. Kubernetes\n2. Lambda - cold starts break p95\n3. Nomad\n   - nobody runs it here\n4. Self-managed PostgreSQL on EC2 instances was too much toil\n";
        let f = run("IA602", doc);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].0, f[0].1), (3, 4));
        assert!(has_reason("DynamoDB: no joins across orders"));
        assert!(has_reason("Aurora (2x the cost for no gain at this size)"));
        assert!(!has_reason("Aurora Serverless"));
        assert!(!has_reason("**GKE**"));
        assert!(
            run(
                "IA602",
                "### ADR-1: X\n**Alternatives Considered:**\n1. [Alternative 1] - [Why rejected]\n"
            )
            .is_empty()
        );
    }
}
