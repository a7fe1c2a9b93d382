//! IA401 requirement-without-number: the rule, its documentation ([`DOC`], which `infrarch rule IA401` prints) and its tests.

use super::{cell_span, cells, requirement_rows};
use crate::lint::values::{has_number, has_unit};
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA401",
    name: "requirement-without-number",
    severity: Severity::Error,
    summary: "A measurable requirement row states no number, or a number without a unit",
    help: "state the target with its unit and where it comes from (`99.9% monthly (PRD NFR-2)`)",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks the rows of requirement tables (a table whose first header cell is
"Requirement", like the template's §2.2) whose requirement is measurable:
availability, performance/latency, throughput, scalability/capacity,
concurrency, disaster recovery/RTO/RPO, budget/cost, storage. The
specification must hold a number, and the number a unit (`%`, `ms`, `rps`,
`users`, `instances`, `hour`, `$`, `GB`…). Rows of labels (Compliance,
Residency) are not checked. Cells that are still template slots are left to
IA101/IA102.

## Why is this bad?
"Be specific": "High availability" or "fast" cannot be designed for, tested or
costed. A number without a unit ("Performance | 200") is ambiguous.

## Example
```markdown
| Requirement | Specification |
|-------------|---------------|
| Availability | High availability |
| Performance | 200 |
```
Use instead:
```markdown
| Availability | 99.9% monthly, excluding planned maintenance |
| Performance | p95 < 200 ms for checkout API calls |
```
"####
);

const MEASURABLE: &[&str] = &[
    "availability",
    "uptime",
    "sla",
    "slo",
    "performance",
    "latency",
    "response",
    "throughput",
    "scalability",
    "scale",
    "capacity",
    "concurren",
    "users",
    "load",
    "disaster",
    "recovery",
    "rto",
    "rpo",
    "budget",
    "cost",
    "storage",
    "data volume",
    "requests",
    "traffic",
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for row in requirement_rows(ctx) {
        let c = cells(row);
        let (Some(name), Some(spec)) = (c.first(), c.get(1)) else {
            continue;
        };
        let lname = name.to_lowercase();
        if !MEASURABLE.iter().any(|m| lname.contains(m)) {
            continue;
        }
        let s = spec.trim();
        // Slots, variables and TBD markers are IA101/IA102/IA103's findings.
        if (s.starts_with('[') && s.ends_with(']'))
            || s.contains('{')
            || super::todo_marker::MARKERS.re.is_match(s)
        {
            continue;
        }
        let raw = ctx.lines.get(row.line - 1).copied().unwrap_or("");
        let (col, len) = cell_span(raw, 1)
            .map(|(a, b)| {
                let lead = raw[a..b].len() - raw[a..b].trim_start().len();
                (
                    ctx.column(row.line, a + lead),
                    raw[a..b].trim().chars().count(),
                )
            })
            .unwrap_or((1, 0));
        let msg = if s.is_empty() {
            format!("requirement `{name}` has no specification")
        } else if !has_number(s) {
            format!("requirement `{name}` states no number: \"{s}\"")
        } else if !has_unit(s) {
            format!("requirement `{name}` has a number without a unit: \"{s}\"")
        } else {
            continue;
        };
        out.push(Finding::new(row.line, col, msg).len(len));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    const HEAD: &str = "| Requirement | Specification |\n|---|---|\n";

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            ("| Availability | High availability |\n", 1),
            ("| Performance | 200 |\n", 1),
            ("| Disaster Recovery | |\n", 1),
            (
                "| Availability | 99.9% monthly |\n| Performance | p95 < 200 ms |\n| Disaster Recovery | RTO 1 hour, RPO 15 min |\n| Scalability | 2–10 tasks |\n| Budget | $4,000/month |\n",
                0,
            ),
            (
                "| Compliance | SOC 2 Type II |\n| Residency | EU only |\n",
                0,
            ),
            ("| Availability | [e.g., 99.9% uptime] |\n", 0),
            ("| Disaster Recovery | TBD |\n", 0),
        ];
        for (rows, n) in table {
            assert_eq!(run("IA401", &format!("{HEAD}{rows}")).len(), *n, "{rows}");
        }
        // Other tables are not requirement tables.
        assert!(
            run(
                "IA401",
                "| Metric | Threshold |\n|---|---|\n| Availability | high |\n"
            )
            .is_empty()
        );
        let f = run("IA401", &format!("{HEAD}| Performance | fast |\n"));
        assert_eq!((f[0].0, f[0].1), (3, 17));
    }
}
