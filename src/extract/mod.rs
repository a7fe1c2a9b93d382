//! Extract: requirements, with their sources, from planning documents.
//!
//! The work is split by concern:
//! - [`context`]: the sentence, table cell, row label, column header, list
//!   lead-in and heading chain around every piece of text;
//! - [`numbers`]: numbers and units as documents write them;
//! - [`measures`]: the numeric kinds (availability, latency, throughput,
//!   concurrent users, RTO, RPO, data volume, budget);
//! - [`labels`]: compliance frameworks and residency regions;
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
pub mod tech;
pub mod vocab;

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
}

/// What one document states, before merging with the feature's other documents.
#[derive(Debug, Clone, Default)]
pub struct DocFindings {
    /// Requirements in document order; `id` is empty and `primary` false
    /// until [`extract`] merges them.
    pub requirements: Vec<Requirement>,
    /// Every decided technology mention, in document order.
    pub technologies: Vec<Technology>,
    /// How strongly each technology mention decides (parallel to `technologies`).
    decisions: Vec<tech::Decision>,
}

/// 1-based line lookup with the same line splitting as [`str::lines`].
struct Lines<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            lines: text.lines().collect(),
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
    context::for_each_segment(parsed, &chains, |seg| {
        measures::scan(seg, &mut cands);
        if !seg.is_heading {
            labels::compliance(seg, &mut cands);
            labels::residency(seg, &mut cands);
        }
        tech::scan(seg, &mut mentions);
    });
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
        out.technologies.push(Technology {
            name: row.name.clone(),
            role: row.role.clone(),
            stance: m.decision.stance(),
            source: lines.source(&doc.display_path, line),
        });
        out.decisions.push(m.decision);
    }
    out
}

/// Extract the requirements of one feature from its documents.
///
/// Every requirement carries its source; exactly one requirement per kind
/// present is primary (see [`merge`] for the rules); conflicts between
/// documents or places and the kinds no document states are listed.
pub fn extract(feature: &str, docs: &[PlanningDoc]) -> RequirementSet {
    let findings: Vec<DocFindings> = docs.iter().map(extract_document).collect();
    merge::merge(feature, docs, findings)
}

#[cfg(test)]
mod tests;
