//! IA701 prd-redundancy: the rule, its documentation ([`DOC`], which `infrarch rule IA701` prints) and its tests.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    map: HashMap<u64, usize, BuildHasherDefault<KeyHasher>>,
}

/// The map's keys are shingle hashes already: SipHash over them again costs
/// more than the lookup, so the key is only mixed into the table's bits.
#[derive(Debug, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (x ^ (x >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a over one lower-cased word: what [`line_word_hashes`] computes in
/// one pass, kept as its reference.
#[cfg(test)]
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = FNV_OFFSET;
    if w.is_ascii() {
        for b in w.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(FNV_PRIME);
        }
        return h;
    }
    for c in w.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
    }
    h
}

/// The hash of every word of a line (runs of alphanumeric characters), in
/// order: FNV-1a over the lower-cased word, in one pass over the bytes with
/// no allocation. Lower-casing an ASCII character char-wise or byte-wise gives
/// the same byte, so ASCII and non-ASCII words hash alike.
fn line_word_hashes(line: &str, mut f: impl FnMut(u64)) {
    let bytes = line.as_bytes();
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                in_word = true;
                continue;
            }
        } else {
            let c = line[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &x in l.encode_utf8(&mut buf).as_bytes() {
                        h = (h ^ u64::from(x)).wrapping_mul(FNV_PRIME);
                    }
                }
                in_word = true;
                continue;
            }
        }
        if in_word {
            f(h);
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        f(h);
    }
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
        line_word_hashes(line, |h| out.push(h));
    }
}

impl ShingleIndex {
    pub fn build(text: &str) -> Self {
        let mut hashes = Vec::new();
        let mut at = Vec::new();
        for (i, line) in text.lines().enumerate() {
            line_word_hashes(line, |h| {
                hashes.push(h);
                at.push(i + 1);
            });
        }
        let mut map = HashMap::with_capacity_and_hasher(hashes.len(), Default::default());
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
    use super::{line_word_hashes, word_hash};
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

    #[test]
    fn line_hashes_match_word_by_word() {
        for line in [
            "",
            "  ",
            "The Checkout-API, v1.2 (p95 < 200 ms)!",
            "Élan vital: ÉCOLE d'été — 需求 ǅungla İstanbul ΣΑΣ x",
            "trailing word",
            "1st 2nd_3rd é",
            "\u{212A}elvin ſt ß ẞ",
        ] {
            let reference: Vec<u64> = line
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(word_hash)
                .collect();
            let mut got = Vec::new();
            line_word_hashes(line, |h| got.push(h));
            assert_eq!(got, reference, "{line}");
        }
    }
}
