//! Section 13, Compliance & Governance.

use super::{Input, cite, nested, refs, sentence};
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    d.h2("13. Compliance & Governance");
    d.h3("13.1 Compliance Requirements");
    if x.design.compliance.is_empty() {
        d.bullets(&["None: no planning document names a compliance framework, so no compliance-only controls are added."]);
    } else {
        let items: Vec<String> = x
            .design
            .compliance
            .iter()
            .map(|f| {
                let controls: Vec<String> = f
                    .controls
                    .iter()
                    .map(|c| {
                        let param = c
                            .parameter
                            .as_deref()
                            .map(|p| format!(" ({p})"))
                            .unwrap_or_default();
                        let flag = if c.verified { "" } else { " (unverified)" };
                        format!(
                            "{} {}{param}: {} Source: {}{flag}",
                            c.reference,
                            c.requirement.trim_end_matches('.'),
                            sentence(&c.implementation),
                            c.source
                        )
                    })
                    .collect();
                nested(
                    &format!("**{}**{}", f.name, refs(&f.requirements)),
                    &controls,
                )
            })
            .collect();
        d.bullets(&items);
    }

    d.h3("13.2 Governance");
    let items: Vec<String> = x
        .design
        .governance
        .iter()
        .map(|g| format!("**{}:** {}", g.policy, cite(&g.detail, &g.why)))
        .collect();
    if items.is_empty() {
        d.para("Changes go through the infrastructure-as-code pipeline of 4.4; no further policy is needed at this size.");
    } else {
        d.bullets(&items);
    }
}
