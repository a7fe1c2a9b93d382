//! Section 10, Architecture Decision Records, in the template's format.

use super::{Input, alternatives, cite, sentence};
use crate::render::Doc;

pub fn render(d: &mut Doc, x: &Input) {
    d.h2("10. Architecture Decision Records");
    let n = x.design.adrs.len();
    if n == 0 {
        d.para("No decision was significant enough to record.");
    }
    for (i, adr) in x.design.adrs.iter().enumerate() {
        d.h3(&format!("{}: {}", adr.id, adr.title));
        d.para(&format!("**Status:** {}", adr.status));
        d.lines(&["**Context:**".to_string(), cite(&adr.context, &adr.serves)]);
        d.lines(&["**Decision:**".to_string(), sentence(&adr.decision)]);
        let c = &adr.consequences;
        let mut block = vec!["**Consequences:**".to_string()];
        block.extend(
            c.positive
                .iter()
                .map(|s| format!("- Positive: {}", sentence(s))),
        );
        block.extend(
            c.negative
                .iter()
                .map(|s| format!("- Negative: {}", sentence(s))),
        );
        block.extend(c.risks.iter().map(|s| format!("- Risk: {}", sentence(s))));
        d.lines(&block);
        let mut block = vec!["**Alternatives Considered:**".to_string()];
        block.extend(
            alternatives(&adr.alternatives)
                .iter()
                .enumerate()
                .map(|(k, a)| format!("{}. {}", k + 1, sentence(a))),
        );
        d.lines(&block);
        if i + 1 < n {
            d.rule();
        }
    }
}
