//! Recognisers for the label kinds read from prose: compliance frameworks
//! and data-residency regions.

use std::sync::LazyLock;

use super::re::Regex;

use super::Cand;
use super::context::{Seg, clause_bounds};
use super::measures::phase_of;
use super::vocab::{VOCAB, in_text};
use crate::requirements::{Kind, Value};

/// "US-based infrastructure", "EU-hosted servers": a region attached to where
/// the system runs.
pub const BASED_PATTERN: &str = r"(?i)[-\s](?:based|hosted|only)\s+(?:infrastructure|hosting|servers?|data ?cent(?:er|re)s?|cloud|regions?|storage)\b";

static BASED: LazyLock<Regex> = LazyLock::new(|| super::vocab::compile(BASED_PATTERN, false));

fn cand(seg: &Seg, kind: Kind, value: String, needle: &str) -> Cand {
    let (phase_rank, phase) = phase_of(&[seg.text, seg.label, seg.lead_in]);
    Cand {
        kind,
        value: Value::Text(value),
        unit: String::new(),
        percentile: None,
        qualifier: None,
        phase,
        phase_rank,
        subject: None,
        block: seg.block,
        needle: needle.to_string(),
        counted: None,
        readings: None,
    }
}

/// Frameworks the system must meet. A framework cited as a rationale, listed
/// as an example ("GDPR, HIPAA, etc."), named under a risk or scenario
/// heading, or negated ("no HIPAA data") is not an obligation.
pub fn compliance(seg: &Seg, out: &mut Vec<Cand>) {
    let v = &*VOCAB;
    if !v.frameworks_any.is_match(seg.text) {
        return;
    }
    if v.rationale.is_match(seg.sentence) || in_text(&v.rationale, seg.label) {
        return;
    }
    if v.risk_heading.is_match(seg.innermost_heading()) || in_text(&v.risk_heading, seg.header) {
        return;
    }
    // Found frameworks in text order, so the first one stated comes first.
    let mut found: Vec<(usize, Cand)> = Vec::new();
    for fw in &v.frameworks {
        for m in fw.pattern.find_iter(seg.text) {
            let (cs, ce) = clause_bounds(seg.text, m.start());
            let clause = &seg.text[cs..ce];
            if v.example.is_match(clause)
                || v.example.is_match(enclosing_parens(seg.text, m.start()))
            {
                continue;
            }
            if fw.exclude.as_ref().is_some_and(|x| x.is_match(clause)) {
                continue;
            }
            let before = &seg.text[cs..m.start()];
            if v.negation.is_match(before) || v.negation_adjacent.is_match(before) {
                continue;
            }
            found.push((
                m.start(),
                cand(seg, Kind::Compliance, fw.id.clone(), m.as_str()),
            ));
            break;
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    out.extend(found.into_iter().map(|(_, c)| c));
}

/// The text inside the parentheses around `pos`, or "" when it is not in any.
fn enclosing_parens(text: &str, pos: usize) -> &str {
    let before = &text[..pos];
    let Some(open) = before.rfind(['(', '（']) else {
        return "";
    };
    if before[open..].contains([')', '）']) {
        return "";
    }
    let close = text[pos..]
        .find([')', '）'])
        .map_or(text.len(), |i| pos + i);
    &text[open..close]
}

/// Regions data must stay in: a residency phrase ("stored exclusively in",
/// "data residency", "US-based infrastructure") with a region in the sentence.
pub fn residency(seg: &Seg, out: &mut Vec<Cand>) {
    let v = &*VOCAB;
    let phrase = v.residency.find(seg.text);
    let based = BASED.find(seg.text);
    let label_says = !seg.label.is_empty() && in_text(&v.residency, seg.label);
    if phrase.is_none() && based.is_none() && !label_says {
        return;
    }
    // "No data residency requirement": nothing to keep. A negated phrase
    // followed by a stated one ("have not asked for data to stay in Canada;
    // all data may be hosted in the United States") keeps the stated one,
    // and only the regions from its clause on.
    let anchor = phrase.or(based).map_or(0, |m| m.start());
    let negated = |at: usize| {
        let (cs, _) = clause_bounds(seg.text, at);
        v.negation.is_match(&seg.text[cs..at])
    };
    let mut from = 0;
    if negated(anchor) {
        let Some(next) = phrase.and_then(|p| {
            v.residency
                .find_iter(&seg.text[p.end()..])
                .map(|m| p.end() + m.start())
                .find(|&at| !negated(at))
        }) else {
            return;
        };
        from = clause_bounds(seg.text, next).0;
    }
    for r in &v.regions {
        if from > 0 {
            if let Some(m) = r.pattern.find(&seg.text[from..]) {
                out.push(cand(seg, Kind::Residency, r.code.clone(), m.as_str()));
            }
            continue;
        }
        let hit = if let Some(b) = based.filter(|_| phrase.is_none() && !label_says) {
            // Only the region written right before "-based".
            let head = &seg.text[..b.start()];
            r.pattern
                .find_iter(head)
                .last()
                .filter(|m| head[m.end()..].trim().is_empty())
        } else {
            r.pattern.find(seg.text)
        };
        if let Some(m) = hit {
            out.push(cand(seg, Kind::Residency, r.code.clone(), m.as_str()));
        }
    }
}
