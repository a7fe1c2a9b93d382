//! IA603 adr-multiple-decisions: the rule, its documentation ([`DOC`], which `infrarch rule IA603` prints) and its tests.

use super::boilerplate_claim::sentences;
use crate::lint::adr::Field;
use crate::lint::data::technologies_in;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA603",
    name: "adr-multiple-decisions",
    severity: Severity::Warning,
    summary: "An ADR records several independent decisions",
    help: "split it: one ADR per decision, each with its own context and alternatives",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Looks at an ADR's Decision: when two or more of its statements (list items, or
sentences) start with a decision verb ("Use", "Adopt", "Deploy", "We will"…)
and name technologies with nothing in common ("Use EKS for compute", "Use
DynamoDB for sessions"), the ADR holds several decisions. Statements that
refine one choice ("Use RDS PostgreSQL", "Use RDS Proxy for pooling") share a
technology and are one decision.

## Why is this bad?
"One decision per ADR": a bundle cannot be superseded in part, its
alternatives and consequences blur together, and reviewers approve choices
nobody argued for.

## Example
```markdown
**Decision:**
- Use EKS for compute
- Use DynamoDB for sessions
- Use Kafka for events
```
Use instead: ADR-1 compute platform (EKS), ADR-2 session store (DynamoDB),
ADR-3 event bus (Kafka), each with its context, consequences and alternatives.
"####
);

const VERBS: &[&str] = &[
    "use",
    "adopt",
    "deploy",
    "choose",
    "select",
    "run",
    "host",
    "migrate",
    "introduce",
    "switch",
    "implement",
    "standardize",
    "standardise",
    "we",
    "go",
];
/// Providers name where, not what: "Use AWS Lambda" and "Use AWS RDS" are not one decision.
const PROVIDERS: &[&str] = &["aws", "amazon", "azure", "gcp", "google cloud"];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for adr in &ctx.adrs {
        let Some(f) = adr.field(Field::Decision) else {
            continue;
        };
        let items = f.items();
        let texts: Vec<String> = if items.is_empty() {
            // Sentences only (a `;` joins parts of one decision).
            sentences(&f.text().replace('\n', " "))
                .into_iter()
                .map(str::to_string)
                .fold(Vec::<String>::new(), |mut acc, s| {
                    match acc.last_mut() {
                        Some(prev) if prev.ends_with(';') => {
                            prev.push(' ');
                            prev.push_str(&s);
                        }
                        _ => acc.push(s),
                    }
                    acc
                })
        } else {
            let top = items.iter().map(|i| i.1).min().unwrap_or(0);
            items
                .into_iter()
                .filter(|i| i.1 == top)
                .map(|i| i.2)
                .collect()
        };
        let mut sets: Vec<(String, Vec<String>)> = Vec::new();
        for t in texts {
            let head = t
                .trim_start_matches(['*', '_'])
                .split_whitespace()
                .next()
                .unwrap_or("");
            // A statement of its own starts with a capital: "Use EKS", not
            // "run it from CI" continuing the previous one.
            let first = head.to_lowercase();
            if !head.starts_with(char::is_uppercase) || !VERBS.contains(&first.as_str()) {
                continue;
            }
            let techs: Vec<String> = technologies_in(&t)
                .into_iter()
                .filter(|x| !PROVIDERS.contains(&x.as_str()))
                .collect();
            if !techs.is_empty() {
                sets.push((t, techs));
            }
        }
        let mut disjoint = None;
        'outer: for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                if sets[i].1.iter().all(|x| !sets[j].1.contains(x)) {
                    disjoint = Some((i, j));
                    break 'outer;
                }
            }
        }
        if let Some((i, j)) = disjoint {
            out.push(Finding::new(
                f.line,
                f.column,
                format!(
                    "ADR-{} decides several things: \"{}\" and \"{}\"",
                    adr.number, sets[i].0, sets[j].0
                ),
            ));
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
                "### ADR-1: Stack\n**Decision:**\n- Use EKS for compute\n- Use DynamoDB for sessions\n",
                1,
            ),
            (
                "### ADR-1: Stack\n**Decision:** Use EKS for compute. Use Kafka for events.\n",
                1,
            ),
            (
                "### ADR-1: DB\n**Decision:**\n- Use RDS PostgreSQL 16 Multi-AZ\n- Use RDS Proxy for pooling\n",
                0,
            ),
            (
                "### ADR-1: DB\n**Decision:** Use Aurora PostgreSQL with 2 readers; size db.r6g.large.\n",
                0,
            ),
            (
                "### ADR-1: DB\n**Decision:**\n- Use RDS PostgreSQL\n- Enable 35-day backups\n",
                0,
            ),
            (
                "### ADR-1: IaC\n**Decision:** Use Terraform for all infrastructure; run it from GitHub Actions.\n",
                0,
            ),
        ];
        for (text, n) in table {
            assert_eq!(run("IA603", text).len(), *n, "{text}");
        }
    }
}
