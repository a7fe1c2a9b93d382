//! Extract: requirements, with their sources, from planning documents.
//!
//! The work is split by concern:
//! - [`context`]: the sentence, table cell, row label, column header, list
//!   lead-in and heading chain around every piece of text;
//! - [`numbers`]: numbers and units as documents write them;
//! - [`measures`]: the numeric kinds (availability, latency, throughput,
//!   concurrent users, RTO, RPO, data volume, budget);
//! - [`labels`]: compliance frameworks and residency regions;
//! - [`workload`]: the workload kinds (exposure, deadline, data per day,
//!   file size, retention, model size, tenancy);
//! - [`tech`]: named technologies, chosen or rejected, from which the cloud
//!   and platform requirements follow;
//! - [`merge`]: ids, the primary of each kind, conflicts and gaps.
//!
//! Word lists and the technology vocabulary live in `data/` and are compiled in.

pub mod context;
pub mod labels;
pub mod measures;
pub mod merge;
pub mod numbers;
pub mod re;
mod re_form;
pub mod rejected_roles;
pub mod tech;
pub mod vocab;
pub mod workload;

use crate::ingest::PlanningDoc;
use crate::requirements::{Kind, Requirement, RequirementSet, Source, Technology, Value};

/// A requirement found in one block, before it has a line and an id.
#[derive(Debug, Clone)]
pub struct Cand {
    pub kind: Kind,
    pub value: Value,
    pub unit: String,
    pub percentile: Option<u8>,
    pub qualifier: Option<String>,
    pub phase: Option<String>,
    /// 3 production/GA, 2 untagged, 1 beta, 0 MVP.
    pub phase_rank: u8,
    pub subject: Option<String>,
    pub block: usize,
    /// Text of the match, used to find the exact line inside the block.
    pub needle: String,
    /// Throughput stated per minute, hour or day: what is counted
    /// ("question retrievals"), so rates of different operations can be added.
    pub counted: Option<String>,
    /// Set when the statement reads two ways: the readings, and the
    /// candidate is a question, not a requirement.
    pub readings: Option<Vec<String>>,
}

/// What one document states, before merging with the feature's other documents.
#[derive(Debug, Clone, Default)]
pub struct DocFindings {
    /// Requirements in document order; `id` is empty and `primary` false
    /// until [`extract`] merges them.
    pub requirements: Vec<Requirement>,
    /// Every decided technology mention, in document order.
    pub technologies: Vec<Technology>,
    /// Statements with two plausible readings, in document order.
    pub ambiguities: Vec<crate::requirements::Ambiguity>,
    /// How strongly each technology mention decides and with what authority
    /// (parallel to `technologies`).
    decisions: Vec<tech::Weight>,
}

/// 1-based line lookup with the parser's line splitting ([`crate::markdown::lines`]:
/// LF, CRLF or a lone CR).
struct Lines<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            lines: crate::markdown::lines(text).collect(),
        }
    }

    /// The line of `block_line..=block_end` that contains `needle`, else the
    /// block's first line; always a line that exists.
    fn locate(&self, block_line: usize, block_end: usize, needle: &str) -> usize {
        let n = self.lines.len().max(1);
        let first = block_line.clamp(1, n);
        let last = block_end.clamp(first, n);
        if !needle.is_empty() {
            for l in first..=last {
                if self.lines.get(l - 1).is_some_and(|t| t.contains(needle)) {
                    return l;
                }
            }
        }
        first
    }

    fn source(&self, path: &str, line: usize) -> Source {
        Source {
            path: path.to_string(),
            line,
            excerpt: self
                .lines
                .get(line.wrapping_sub(1))
                .map_or(String::new(), |t| t.trim().to_string()),
        }
    }
}

/// Extract what one document states: numeric and label requirements, and
/// technology mentions, each with its source line.
pub fn extract_document(doc: &PlanningDoc) -> DocFindings {
    let parsed = &doc.parsed;
    let chains = context::heading_chains(parsed);
    let mut cands: Vec<Cand> = Vec::new();
    let mut mentions: Vec<tech::Mention> = Vec::new();
    let v = &*vocab::VOCAB;
    // The gate runs once per block (paragraph, list item, table row): what
    // the block could hold is a superset of what each of its sentences or
    // cells could, and the recognisers find nothing where nothing is.
    let mut block_gate: Option<(usize, re::SetMatches)> = None;
    context::for_each_segment(parsed, &chains, |seg| {
        if block_gate.as_ref().is_none_or(|(b, _)| *b != seg.block) {
            let text = parsed.blocks.get(seg.block).map_or("", |b| b.text.as_str());
            block_gate = Some((seg.block, v.gate.matches(text)));
        }
        let Some((_, gate)) = &block_gate else { return };
        if !gate.matched_any() && seg.label.is_empty() {
            return;
        }
        measures::scan(seg, gate, &mut cands);
        workload::scan(
            seg,
            gate.matched(vocab::GATE_WORKLOAD),
            gate.matched(vocab::GATE_DIGIT),
            &mut cands,
        );
        if !seg.is_heading {
            if gate.matched(vocab::GATE_FRAMEWORK) {
                labels::compliance(seg, &mut cands);
            }
            if gate.matched(vocab::GATE_RESIDENCY)
                || gate.matched(vocab::GATE_BASED)
                || (!seg.label.is_empty() && v.residency.is_match(seg.label))
            {
                labels::residency(seg, &mut cands);
            }
        }
        if gate.matched(vocab::GATE_TECH) {
            tech::scan(seg, &mut mentions);
        }
        // Roles turned down in plain words ("we do not need a stream").
        rejected_roles::scan(seg, &mut mentions);
    });
    sum_operation_rates(parsed, &mut cands);
    tech::settle_document(parsed, &mut mentions);
    tech::drop_ungrounded(&mut mentions);
    let mut out = DocFindings::default();
    if cands.is_empty() && mentions.is_empty() {
        return out;
    }
    let lines = Lines::new(&doc.text);
    let block_span = |i: usize| {
        parsed
            .blocks
            .get(i)
            .map_or((1, 1), |b| (b.line, b.end_line))
    };
    for c in cands {
        let (l, e) = block_span(c.block);
        let line = lines.locate(l, e, &c.needle);
        if let Some(readings) = c.readings {
            out.ambiguities.push(crate::requirements::Ambiguity {
                source: lines.source(&doc.display_path, line),
                readings,
            });
            continue;
        }
        out.requirements.push(Requirement {
            id: String::new(),
            kind: c.kind,
            value: c.value,
            unit: c.unit,
            percentile: c.percentile,
            primary: false,
            qualifier: c.qualifier,
            phase: c.phase,
            subject: c.subject,
            source: lines.source(&doc.display_path, line),
        });
    }
    for m in mentions {
        let (l, e) = block_span(m.block);
        // Names in tables and headings are matched case-insensitively; look
        // the line up the same way.
        let line = lines.locate(l, e, &m.needle);
        let row = &vocab::VOCAB.techs[m.tech];
        let role = parsed
            .blocks
            .get(m.block)
            .and_then(|b| tech::sentence_role(row, m.decision, &b.text, &m.needle))
            .unwrap_or_else(|| row.role.clone());
        out.technologies.push(Technology {
            name: row.name.clone(),
            role,
            stance: m.decision.stance(),
            source: lines.source(&doc.display_path, line),
        });
        out.decisions
            .push(tech::Weight::new(m.decision, doc.kind, m.section));
    }
    out
}

/// "Handle 1,000 question retrievals per day" and "process 500 answer
/// submissions per day" in one list are one load: the system serves their
/// sum. Rates of different operations stated in separate items under one
/// heading are replaced by their total (the largest rate per operation, so a
/// rate restated in other units is not counted twice).
fn sum_operation_rates(parsed: &crate::markdown::Parsed, cands: &mut Vec<Cand>) {
    let heading_of = |c: &Cand| parsed.blocks.get(c.block).and_then(|b| b.heading);
    let mut i = 0;
    while i < cands.len() {
        if cands[i].counted.is_none() {
            i += 1;
            continue;
        }
        let h = heading_of(&cands[i]);
        let group: Vec<usize> = (i..cands.len())
            .filter(|&j| {
                cands[j].counted.is_some()
                    && heading_of(&cands[j]) == h
                    && cands[j].phase_rank == cands[i].phase_rank
            })
            .collect();
        let mut per_op: Vec<(&str, f64, usize)> = Vec::new();
        for &j in &group {
            let op = cands[j].counted.as_deref().unwrap_or("");
            let v = cands[j].value.as_f64().unwrap_or(0.0);
            match per_op.iter_mut().find(|(o, _, _)| *o == op) {
                Some(slot) => slot.1 = slot.1.max(v),
                None => per_op.push((op, v, cands[j].block)),
            }
        }
        let blocks: std::collections::HashSet<usize> = per_op.iter().map(|p| p.2).collect();
        if per_op.len() < 2 || blocks.len() < 2 {
            i += 1;
            continue;
        }
        let total: f64 = per_op.iter().map(|p| p.1).sum();
        let what = per_op.iter().map(|p| p.0).collect::<Vec<_>>().join(" + ");
        let mut sum = cands[i].clone();
        sum.value = Value::Number((total * 1000.0).round() / 1000.0);
        sum.subject = Some(what);
        sum.qualifier = Some(format!("sum of {} stated rates", per_op.len()));
        sum.counted = None;
        for &j in group.iter().rev() {
            cands.remove(j);
        }
        cands.insert(i, sum);
        i += 1;
    }
}

/// Extract the requirements of one feature from its documents.
///
/// Every requirement carries its source; exactly one requirement per kind
/// present is primary (see [`merge`] for the rules); conflicts between
/// documents or places and the kinds no document states are listed.
pub fn extract(feature: &str, docs: &[PlanningDoc]) -> RequirementSet {
    // A cancelled call stops between documents; its caller checks the token
    // next and drops this partial set.
    let token = crate::cancel::current();
    let findings: Vec<DocFindings> = docs
        .iter()
        .take_while(|_| !token.is_cancelled())
        .map(extract_document)
        .collect();
    merge::merge(feature, docs, findings)
}

#[cfg(test)]
mod tests;
