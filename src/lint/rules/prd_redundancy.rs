//! IA701 prd-redundancy: the rule, its documentation ([`DOC`], which `infrarch rule IA701` prints) and its tests.

use std::collections::HashMap;

use crate::lint::{Context, Finding, Rule, Severity};
use crate::markdown::BlockKind;

pub const RULE: Rule = Rule {
    code: "IA701",
    name: "prd-redundancy",
    severity: Severity::Warning,
    summary: "A passage copied verbatim from the source PRD",
    help: "summarise in a line and link the PRD section; the architecture should add decisions, not repeat requirements",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Compares each paragraph, list item and table row with the source PRD (found
through the `**Source PRD:**` link) using 12-word shingles: sequences of 12
consecutive words, case and punctuation ignored. A block is reported when the
words covered by shared shingles reach 20, with the PRD line it was copied
from.

## Why is this bad?
"No redundancy — don't repeat PRD/epic content verbatim." A copied passage
doubles the reading, and when the PRD changes the copy silently goes stale.

## Example
PRD: "The checkout service must remain available during regional promotions when
traffic can reach ten times the normal weekday volume for several hours."
Architecture: the same sentence in §2.1.

Use instead: "Promotions bring 10× weekday traffic for hours (PRD §4.2); §5.1
sizes auto-scaling for it."
"####
);

/// Words per shingle.
pub const SHINGLE: usize = 12;
/// Copied words in one block before it is reported.
pub const MIN_COPIED: usize = 20;

/// The PRD's shingles: hash → 1-based line where the shingle starts.
#[derive(Debug, Default)]
pub struct ShingleIndex {
    map: HashMap<u64, usize>,
}

fn word_hash(w: &str) -> u64 {
    // FNV-1a over the lower-cased word: stable across runs, no allocation.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if w.is_ascii() {
        for b in w.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        return h;
    }
    for c in w.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn shingle_hashes(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    words.windows(SHINGLE).map(|w| {
        w.iter().fold(0u64, |h, x| {
            h.rotate_left(5) ^ x.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        })
    })
}

fn word_hashes<'t>(lines: impl Iterator<Item = &'t str>, out: &mut Vec<u64>) {
    out.clear();
    for line in lines {
        out.extend(
            line.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(word_hash),
        );
    }
}

impl ShingleIndex {
    pub fn build(text: &str) -> Self {
        let mut hashes = Vec::new();
        let mut at = Vec::new();
        for (i, line) in text.lines().enumerate() {
            for w in line
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                hashes.push(word_hash(w));
                at.push(i + 1);
            }
        }
        let mut map = HashMap::with_capacity(hashes.len());
        for (k, h) in shingle_hashes(&hashes).enumerate() {
            map.entry(h).or_insert(at[k]);
        }
        ShingleIndex { map }
    }

    /// For a run of words, how many are covered by shared shingles, and the
    /// PRD line of the first shared shingle.
    pub fn copied(&self, words: &[u64]) -> (usize, Option<usize>) {
        let mut first = None;
        let mut covered = 0;
        // Shingles come in order, so covered words are counted as a union of
        // intervals: only the part past the last covered word is new.
        let mut covered_to = 0;
        for (k, h) in shingle_hashes(words).enumerate() {
            if let Some(&line) = self.map.get(&h) {
                first.get_or_insert(line);
                let end = k + SHINGLE;
                covered += end - k.max(covered_to);
                covered_to = end;
            }
        }
        (covered, first)
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(prd) = ctx.inputs.prd else { return };
    let index = prd.shingles();
    let mut words = Vec::new();
    for b in &ctx.parsed.blocks {
        if !matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableRow { .. }
        ) {
            continue;
        }
        word_hashes(
            (b.line..=b.end_line).filter_map(|n| ctx.prose(n)),
            &mut words,
        );
        if words.len() < SHINGLE {
            continue;
        }
        let (copied, prd_line) = index.copied(&words);
        if copied >= MIN_COPIED
            && let Some(pl) = prd_line
        {
            out.push(Finding::new(
                b.line,
                ctx.first_column(b.line),
                format!(
                    "{copied} words copied verbatim from the source PRD ({}:{pl})",
                    prd.doc.display_path
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::PlanningDoc;
    use crate::lint::rules::run_with;
    use crate::lint::{Inputs, SourcePrd};
    use crate::requirements::DocKind;

    #[test]
    fn cases() {
        let prd_text = "# PRD\n\n## Goals\n\nThe checkout service must remain available during regional promotions when traffic\ncan reach ten times the normal weekday volume for several hours at a time.\n";
        let doc = PlanningDoc::from_text("prd.md", DocKind::Prd, prd_text.to_string());
        let set = crate::extract::extract("x", std::slice::from_ref(&doc));
        let prd = SourcePrd::new(doc, set);
        let inputs = Inputs {
            prd: Some(&prd),
            ..Inputs::default()
        };
        let copied = "## 2.1 Business Context\n\nThe Checkout Service must remain available during regional promotions, when traffic can reach ten times the normal weekday volume for several hours at a time.\n";
        let f = run_with("IA701", copied, inputs);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].2
                .ends_with("words copied verbatim from the source PRD (prd.md:5)"),
            "{}",
            f[0].2
        );
        let summary = "## 2.1 Business Context\n\nPromotions bring ten times weekday traffic for hours (PRD Goals); auto-scaling in 5.1 covers it.\n";
        assert!(run_with("IA701", summary, inputs).is_empty());
        // A short shared phrase is not a copy.
        let short = "The checkout service must remain available during regional promotions when traffic spikes.\n";
        assert!(run_with("IA701", short, inputs).is_empty());
    }
}
