//! Named technologies and whether the document chooses or rejects them.
//!
//! A mention is a choice unless its context says otherwise: a negation in
//! its clause ("No Kubernetes", "we will not use Redis", "(no Azure, GCP)"),
//! a rejected or out-of-scope heading, an undecided alternative ("Vercel/Netlify",
//! "S3, Azure Blob, or Supabase storage"), or a hypothetical ("future",
//! "migration path", "could", "e.g."). Hypothetical and undecided mentions are
//! neither chosen nor rejected and are dropped. "X only" pins a choice even
//! under an out-of-scope heading ("Multi-cloud: AWS only").

use super::context::Seg;
use super::vocab::{VOCAB, alias_key, in_text};
use crate::requirements::Stance;

/// How strongly a mention decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    Chosen = 0,
    Rejected = 1,
    /// "AWS only": outranks a rejection elsewhere.
    Pinned = 2,
}

impl Decision {
    pub fn stance(self) -> Stance {
        match self {
            Decision::Rejected => Stance::Rejected,
            Decision::Chosen | Decision::Pinned => Stance::Chosen,
        }
    }
}

/// One decided mention.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index into the vocabulary's technologies.
    pub tech: usize,
    pub decision: Decision,
    pub block: usize,
    /// The matched text, to find its line.
    pub needle: String,
}

/// Bounds of the phrase around a mention: `.` `;` `:` `(` `)` `|` and CJK
/// punctuation end it, so "(no Azure, GCP)" is its own phrase.
fn phrase_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let stop = |c: char| {
        matches!(
            c,
            ';' | ':' | '(' | ')' | '|' | '。' | '；' | '：' | '（' | '）' | '\n' | '!' | '?'
        )
    };
    let mut s = 0;
    for (i, c) in text[..start].char_indices() {
        let full_stop = c == '.' && text[i + 1..].starts_with(' ');
        if stop(c) || full_stop {
            s = i + c.len_utf8();
        }
    }
    let mut e = text.len();
    for (i, c) in text[end..].char_indices() {
        let full_stop = c == '.' && text[end + i + 1..].starts_with(' ');
        if stop(c) || full_stop {
            e = end + i;
            break;
        }
    }
    (s, e)
}

/// Find and decide every technology mention in a segment.
pub fn scan(seg: &Seg, out: &mut Vec<Mention>) {
    let v = &*VOCAB;
    let text = seg.text;
    // Cheap reject: most sentences name no technology.
    let matches: Vec<(usize, usize, usize)> = v
        .tech_re
        .find_iter(text)
        .filter_map(|m| {
            v.tech_alias
                .get(&alias_key(m.as_str()))
                .map(|&i| (m.start(), m.end(), i))
        })
        .collect();
    if matches.is_empty() {
        return;
    }
    // Alternatives: names joined by "/" or "or" are undecided.
    let mut undecided = vec![false; matches.len()];
    let mut chain_start = 0;
    let mut chain_has_or = false;
    for i in 0..matches.len() {
        let joined = i + 1 < matches.len() && {
            let between = text[matches[i].1..matches[i + 1].0]
                .trim()
                .to_ascii_lowercase();
            let between = between.trim_start_matches(',').trim();
            let is_or = matches!(between, "/" | "or" | "、或" | "或" | "또는" | "または");
            chain_has_or |= is_or || between.ends_with(" or") || between == ", or";
            is_or || matches!(between, "" | "," | "and" | "&" | "+" | "、")
        };
        if !joined {
            if chain_has_or {
                for u in &mut undecided[chain_start..=i] {
                    *u = true;
                }
            }
            chain_start = i + 1;
            chain_has_or = false;
        }
    }
    let heading_rejects = v
        .rejected_heading
        .is_match(seg.heading.split(" / ").next().unwrap_or(""))
        || in_text(&v.rejected_heading, seg.header)
        || in_text(&v.rejected_heading, seg.label)
        || in_text(&v.rejected_heading, seg.lead_in);
    let heading_hypothetical = in_text(&v.hypothetical_heading, seg.heading)
        || in_text(&v.hypothetical_heading, seg.header)
        || in_text(&v.hypothetical_heading, seg.lead_in);
    let label_hypothetical = in_text(&v.hypothetical, seg.label);
    for (k, &(start, end, tech)) in matches.iter().enumerate() {
        let (ps, pe) = phrase_bounds(text, start, end);
        let before = &text[ps..start];
        // What follows this name up to the next one: "MongoDB was rejected"
        // speaks of MongoDB, not of the Redis before it.
        let after_own = &text[end..matches.get(k + 1).map_or(text.len(), |n| n.0)];
        // "no Azure, GCP, on-premises": a negation right before a list
        // covers every name of the list.
        let mut list_start = start;
        for j in (0..k).rev() {
            let gap = &text[matches[j].1..list_start];
            let only_separators = gap
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '&' | '、'))
                .all(|w| {
                    w.is_empty() || w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or")
                });
            if matches[j].0 < ps || !only_separators {
                break;
            }
            list_start = matches[j].0;
        }
        let before_list = &text[ps.min(list_start)..list_start];
        // What speaks of this name (and the list it heads): the text since
        // the previous name outside the list, within the phrase.
        let prev_end = matches[..k]
            .iter()
            .rev()
            .find(|p| p.0 < list_start)
            .map_or(0, |p| p.1);
        let scope = &text[ps.max(prev_end).min(list_start)..list_start];
        let after = &text[end..pe];
        let phrase = &text[ps..pe];
        // The generic word "serverless" inside a parenthesis describes the
        // named service next to it; it is not a second choice.
        if v.techs[tech].name == "serverless" && ps > 0 && text[..ps].ends_with('(') {
            continue;
        }
        // "| Backup LLM | Qwen | Alibaba Cloud |": the provider of a bought
        // service, not the cloud the system runs on.
        if v.techs[tech].role == "cloud"
            && !seg.label.is_empty()
            && in_text(&v.external_service_label, seg.label)
        {
            continue;
        }
        let pinned = after.trim_start().to_lowercase().starts_with("only")
            || v.only
                .is_match(before.trim_end().rsplit(' ').next().unwrap_or(""));
        // A negating verb binds to a name within a few words of it
        // ("we will not use Redis"), not to one at the far end of a sentence.
        let negated = v
            .negation
            .find_iter(scope)
            .last()
            .is_some_and(|m| scope[m.end()..].split_whitespace().count() <= 3)
            || v.negation_adjacent.is_match(before_list)
            || v.negation_after.is_match(after_own);
        let decision = if pinned {
            Decision::Pinned
        } else if negated || heading_rejects {
            Decision::Rejected
        } else if undecided[k]
            || heading_hypothetical
            || label_hypothetical
            || v.hypothetical.is_match(scope)
            || v.hypothetical_after.is_match(after_own)
            || v.dev_only.is_match(phrase)
        {
            continue;
        } else {
            Decision::Chosen
        };
        out.push(Mention {
            tech,
            decision,
            block: seg.block,
            needle: text[start..end].to_string(),
        });
    }
}
