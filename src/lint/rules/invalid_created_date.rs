//! IA404 invalid-created-date: the rule, its documentation ([`DOC`], which `infrarch rule IA404` prints) and its tests.

use std::sync::LazyLock;

use regex::Regex;

use super::invalid_status::clean;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA404",
    name: "invalid-created-date",
    severity: Severity::Error,
    summary: "Created is not a date",
    help: "write the creation date as YYYY-MM-DD",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks the header's `**Created:**` value is a real calendar date:
`2026-01-05` (a time may follow), `January 5, 2026` or `5 January 2026`.
Template variables (`{date}`) are left to IA102.

## Why is this bad?
The date orders revisions and ties the document to the requirements it was
written against; "today", "Q1" or "2026-02-30" do neither.

## Example
```markdown
**Created:** Today
```
Use instead:
```markdown
**Created:** 2026-01-05
```
"####
);

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:]+(?:Z|[+-][0-9:]+)?)?(?:\s*\(.*\))?$")
        .expect("constant regex")
});
static LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4}))$")
        .expect("constant regex")
});

fn month(name: &str) -> Option<i8> {
    const M: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let n = name.to_ascii_lowercase();
    if n.len() < 3 {
        return None;
    }
    M.iter()
        .position(|m| n.starts_with(m))
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// Parse a Created value; `None` when it is not a real date.
pub(crate) fn parse_date(v: &str) -> Option<jiff::civil::Date> {
    if let Some(c) = ISO.captures(v) {
        return jiff::civil::Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
            .ok();
    }
    let c = LONG.captures(v)?;
    let (m, d, y) = match (c.get(1), c.get(4)) {
        (Some(m), _) => (m.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()),
        (None, Some(d)) => (c.get(5)?.as_str(), d.as_str(), c.get(6)?.as_str()),
        _ => return None,
    };
    jiff::civil::Date::new(y.parse().ok()?, month(m)?, d.parse().ok()?).ok()
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(f) = ctx.header.field("created") else {
        return;
    };
    let v = clean(&f.value);
    if v.contains('{') || (v.starts_with('[') && v.ends_with(']')) {
        return;
    }
    if parse_date(&v).is_none() {
        out.push(
            Finding::new(
                f.line,
                f.value_column,
                format!("Created \"{v}\" is not a date"),
            )
            .len(f.value.chars().count()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            (
                "# Infrastructure Architecture: T\n**Created:** 2026-01-05\n",
                0,
            ),
            (
                "# Infrastructure Architecture: T\n**Created:** January 5, 2026\n",
                0,
            ),
            (
                "# Infrastructure Architecture: T\n**Created:** 5 Jan 2026\n",
                0,
            ),
            (
                "# Infrastructure Architecture: T\n**Created:** 2026-01-05T10:00:00Z\n",
                0,
            ),
            ("# Infrastructure Architecture: T\n**Created:** Today\n", 1),
            (
                "# Infrastructure Architecture: T\n**Created:** 2026-02-30\n",
                1,
            ),
            (
                "# Infrastructure Architecture: T\n**Created:** Q1 2026\n",
                1,
            ),
            ("# Infrastructure Architecture: T\n**Created:** {date}\n", 0),
        ];
        for (text, n) in table {
            assert_eq!(run("IA404", text).len(), *n, "{text}");
        }
    }
}
