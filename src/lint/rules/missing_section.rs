//! IA501 missing-section: the rule, its documentation ([`DOC`], which `infrarch rule IA501` prints) and its tests.

use crate::lint::data::TEMPLATE_DATA;
use crate::lint::{Context, Finding, Rule, Severity, Template};

pub const RULE: Rule = Rule {
    code: "IA501",
    name: "missing-section",
    severity: Severity::Error,
    summary: "One of the template's 14 numbered sections is missing",
    help: "add the section; if it does not apply, say why in one sentence rather than dropping it",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Checks that the 14 numbered sections of the template are present as top-level
sections: 1 Executive Summary, 2 Context & Requirements, 3 Infrastructure
Architecture Overview, 4 Deployment Architecture, 5 Scaling Strategy, 6 High
Availability & Disaster Recovery, 7 Security Infrastructure, 8 Observability,
9 Cost Optimization, 10 Architecture Decision Records, 11 Migration & Rollout,
12 Operational Runbooks, 13 Compliance & Governance, 14 Open Questions & Risks.
A renamed heading still counts when it names the subject ("## 7. Security").
A missing section is reported at the line where it belongs: the heading of the
next section present (or the end of the document). ADRs kept under another
heading count for section 10.

The sections required depend on the template the document follows: a document
written from BMAD's infrastructure-architecture template is held to that
template's core sections (Infrastructure Overview, Infrastructure as Code,
Environment Configuration, Network Architecture, Compute Resources, Data
Resources, Security Architecture, Monitoring & Observability, CI/CD Pipeline,
Disaster Recovery, Cost Optimization), BMAD's `infrastructure-and-deployment.md`
shard to its five (Infrastructure as Code, Deployment Strategy, Environments,
Environment Promotion Flow, Rollback Strategy), and a free-form document to
none. Headings count by their subject: "Networking" for Network Architecture.

## Why is this bad?
Reviewers and the DevOps hand-off expect every concern to be addressed; the
agent's boundaries say to always consider security and design for observability.
A dropped section is a decision nobody made.

## Example
```markdown
## 6. High Availability & Disaster Recovery
...
## 8. Observability
```
Use instead: add `## 7. Security Infrastructure` between them.
"####
);

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    match ctx.template {
        Template::Agent => agent_sections(ctx, out),
        Template::BmadInfra | Template::BmadShard => named_sections(ctx, out),
        Template::FreeForm => {}
    }
}

/// Where a missing section belongs: at the heading of the next section of the
/// template that is present, else after the document's last line.
fn belongs_at(ctx: &Context<'_>, next_present: Option<usize>) -> usize {
    next_present.map_or(ctx.lines.len().max(1), |oi| ctx.outline[oi].line)
}

fn agent_sections(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, spec) in TEMPLATE_DATA.section.iter().enumerate() {
        if ctx.sections.get(i).copied().flatten().is_some() {
            continue;
        }
        // ADRs kept under another heading ("Key Decisions", "Implementation
        // Handoff") are still the decision records the section asks for.
        if spec.number == 10 && !ctx.adrs.is_empty() {
            continue;
        }
        let next = ctx.sections[i + 1..].iter().find_map(|s| *s);
        let line = if next.is_none() && ctx.sections[..i].iter().all(Option::is_none) {
            // No section at all: under the header.
            ctx.header
                .insert_line
                .max(ctx.header.title_line.map_or(1, |l| l + 1))
        } else {
            belongs_at(ctx, next)
        };
        out.push(Finding::new(
            line,
            1,
            format!("section {}. {} is missing", spec.number, spec.title),
        ));
    }
}

fn named_sections(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let specs = ctx.template.named_sections();
    for (i, spec) in specs.iter().enumerate() {
        if !spec.required || ctx.named_sections.get(i).copied().flatten().is_some() {
            continue;
        }
        let next = ctx.named_sections[i + 1..].iter().find_map(|s| *s);
        out.push(
            Finding::new(
                belongs_at(ctx, next),
                1,
                format!(
                    "section {} of {} is missing",
                    spec.title,
                    ctx.template.as_str()
                ),
            )
            .help(format!(
                "add a `{}` section; if it does not apply, say why in one sentence",
                spec.title
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn reported_where_it_belongs() {
        let mut doc = String::from("# T\n\n**Status:** Draft\n\n");
        // The template's own section list, as the rule reads it.
        let titles: Vec<&str> = crate::lint::data::TEMPLATE_DATA
            .section
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(titles.len(), 14);
        for (i, t) in titles.iter().enumerate() {
            if i == 0 || i == 6 {
                continue; // drop 1 and 7
            }
            doc.push_str(&format!("## {}. {t}\n\nText.\n\n", i + 1));
        }
        let f = run("IA501", &doc);
        assert_eq!(f.len(), 2);
        // Section 1 belongs before section 2: at its heading.
        assert_eq!(
            f[0],
            (5, 1, "section 1. Executive Summary is missing".to_string())
        );
        // Section 7 belongs after section 6, i.e. where section 8 starts.
        let s8 = doc
            .lines()
            .position(|l| l.starts_with("## 8."))
            .expect("s8")
            + 1;
        assert_eq!(f[1].0, s8);
        // Renamed headings count.
        for renamed in [
            "## 9. Costs",
            "## High-Level Architecture",
            "## Operational Procedures",
        ] {
            let f = run(
                "IA501",
                &format!("# Infrastructure Architecture: T\n{renamed}\nx\n"),
            );
            assert_eq!(f.len(), 13, "{renamed}: {f:?}");
        }
        assert!(
            !run(
                "IA501",
                "# Infrastructure Architecture: T\n## Security\nx\n"
            )
            .iter()
            .any(|x| x.2.contains("7."))
        );
    }
}
