//! IA403 invalid-document-id: the rule, its documentation ([`DOC`], which `infrarch rule IA403` prints) and its tests.

use std::sync::LazyLock;

use regex::Regex;

use super::invalid_status::clean;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA403",
    name: "invalid-document-id",
    severity: Severity::Error,
    summary: "Document ID is not `{slug}-infrastructure-architecture-{YYYYMMDD}`",
    help: "use `<feature-slug>-infrastructure-architecture-<YYYYMMDD>`, the same as the file name",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks the header's `**Document ID:**`: a lower-case slug (letters, digits,
single dashes), then `-infrastructure-architecture-`, then a real calendar date
as `YYYYMMDD`. When the file is named after the same pattern, the id must match
the file name.

## Why is this bad?
The id is how the orchestrator, the review gate and other documents refer to
this one, and the file name carries it
(`docs/planning/architecture/infrastructure/{id}.md`). An id like `INFRA-001`
or one with an impossible date breaks those links.

## Example
```markdown
**Document ID:** Checkout_Infra_Arch_v2
```
Use instead:
```markdown
**Document ID:** checkout-infrastructure-architecture-20260105
```
"####
);

static ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z0-9]+(?:-[a-z0-9]+)*)-infrastructure-architecture-(\d{4})(\d{2})(\d{2})$")
        .expect("constant regex")
});

/// [`ID`] as (year, month, day) digits. ASCII ids, the usual case, are split
/// by hand: the regex's captures run its slowest engine on every document.
fn id_date(id: &str) -> Option<(&str, &str, &str)> {
    if !id.is_ascii() {
        let c = ID.captures(id)?;
        return Some((c.get(2)?.as_str(), c.get(3)?.as_str(), c.get(4)?.as_str()));
    }
    const MIDDLE: &str = "-infrastructure-architecture-";
    let date_at = id.len().checked_sub(8)?;
    let date = &id[date_at..];
    let slug = id[..date_at].strip_suffix(MIDDLE)?;
    // `[a-z0-9]+(?:-[a-z0-9]+)*`: non-empty parts between single hyphens.
    let slug_ok = slug.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    (slug_ok && date.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (&date[..4], &date[4..6], &date[6..]))
}

fn valid_date(y: &str, m: &str, d: &str) -> bool {
    match (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) {
        (Ok(y), Ok(m), Ok(d)) => jiff::civil::Date::new(y, m, d).is_ok(),
        _ => false,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(f) = ctx.header.field("document id") else {
        return;
    };
    let v = clean(&f.value);
    if v.contains('{') {
        return;
    }
    let len = f.value.chars().count();
    let Some((y, m, d)) = id_date(&v) else {
        out.push(
            Finding::new(
                f.line,
                f.value_column,
                format!(
                    "document id \"{v}\" is not `{{slug}}-infrastructure-architecture-{{YYYYMMDD}}`"
                ),
            )
            .len(len),
        );
        return;
    };
    if !valid_date(y, m, d) {
        out.push(
            Finding::new(
                f.line,
                f.value_column,
                format!("document id \"{v}\" has an impossible date {y}-{m}-{d}"),
            )
            .len(len),
        );
        return;
    }
    if let Some(stem) = ctx.file_name().and_then(|n| n.strip_suffix(".md"))
        && id_date(stem).is_some()
        && stem != v
    {
        out.push(
            Finding::new(
                f.line,
                f.value_column,
                format!("document id \"{v}\" does not match the file name `{stem}.md`"),
            )
            .len(len),
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
                "# T\n**Document ID:** checkout-infrastructure-architecture-20260105\n",
                0,
            ),
            (
                "# T\n**Document ID:** `user-auth-v2-infrastructure-architecture-20251229`\n",
                0,
            ),
            ("# T\n**Document ID:** INFRA-ARCH-001\n", 1),
            (
                "# T\n**Document ID:** Checkout-infrastructure-architecture-20260105\n",
                1,
            ),
            (
                "# T\n**Document ID:** checkout-infrastructure-architecture-2026-01-05\n",
                1,
            ),
            (
                "# T\n**Document ID:** checkout-infrastructure-architecture-20260230\n",
                1,
            ),
            (
                "# T\n**Document ID:** {feature-slug}-infrastructure-architecture-{YYYYMMDD}\n",
                0,
            ),
        ];
        for (text, n) in table {
            assert_eq!(run("IA403", text).len(), *n, "{text}");
        }
    }

    #[test]
    fn ids_split_as_the_regex_does() {
        for id in [
            "",
            "a-infrastructure-architecture-20260105",
            "-infrastructure-architecture-20260105",
            "a--b-infrastructure-architecture-20260105",
            "a-b-infrastructure-architecture-20260105",
            "a-b--infrastructure-architecture-20260105",
            "a-infrastructure-architecture-infrastructure-architecture-20260105",
            "A-infrastructure-architecture-20260105",
            "a_b-infrastructure-architecture-20260105",
            "a-infrastructure-architecture-2026010",
            "a-infrastructure-architecture-202601051",
            "a-infrastructure-architecture-2026o105",
            "a-infrastructure-architecture-٢٠٢٦٠١٠٥",
            "é-infrastructure-architecture-20260105",
            "infrastructure-architecture-20260105",
        ] {
            let want = super::ID
                .captures(id)
                .map(|c| (c[2].to_string(), c[3].to_string(), c[4].to_string()));
            let got =
                super::id_date(id).map(|(y, m, d)| (y.to_string(), m.to_string(), d.to_string()));
            assert_eq!(got, want, "{id}");
        }
    }
}
