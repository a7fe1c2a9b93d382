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
            ';' | ':'
                | '('
                | ')'
                | '|'
                | '。'
                | '；'
                | '：'
                | '（'
                | '）'
                | '，'
                | '\n'
                | '!'
                | '?'
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
    let enumerated = enumerations(text, &matches);
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
    // "Chosen option: ECS" states the decision even under "Options".
    let decided_context = in_text(&v.decided, seg.label)
        || in_text(&v.decided, seg.lead_in)
        || in_text(&v.decided, seg.heading.split(" / ").next().unwrap_or(""));
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
        let decided = decided_context || in_text(&v.decided, scope);
        // "a binary or Docker container": an option beside something unnamed.
        let or_other = {
            let b = before.trim_end().to_ascii_lowercase();
            let a = after_own.trim_start().to_ascii_lowercase();
            b.ends_with(" or")
                || b == "or"
                || b.ends_with('或')
                || b.ends_with("또는")
                || a.starts_with("or ")
                || a.starts_with('或')
                // "(Railway/Render)": an alternative the catalog does not name.
                || (b.ends_with('/') && !b.ends_with("//"))
                || (a.starts_with('/') && !a.starts_with("//"))
        };
        // "**Vercel:**" alone: the title of an option's block (its pros and
        // cons follow), not a decision.
        let title_only = text[..start].trim().is_empty()
            && text[end..].trim().trim_matches(['*', '_']).trim() == ":";
        // An option, not a decision: listed among others, for development
        // only, or hypothetical unless the context states the decision.
        let option = undecided[k]
            || enumerated[k]
            || or_other
            || title_only
            || v.dev_only.is_match(phrase)
            || (!decided
                && (heading_hypothetical
                    || label_hypothetical
                    || v.hypothetical.is_match(scope)
                    || v.hypothetical_after.is_match(after_own)));
        let decision = if pinned {
            Decision::Pinned
        } else if negated || heading_rejects {
            Decision::Rejected
        } else if option {
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

/// Names listed as options rather than chosen: a bare list (commas, slashes,
/// "、") of two or more providers ("platforms (Railway, Render, Vercel)",
/// "any provider (AWS, GCP, Azure, DigitalOcean etc.)") or of three or more
/// runtimes ("single VM, HA pair, Docker Swarm, Kubernetes"). A stack the
/// team chose is written with "and", "+", or one name per row.
fn enumerations(text: &str, matches: &[(usize, usize, usize)]) -> Vec<bool> {
    let techs = VOCAB.techs;
    let mut out = vec![false; matches.len()];
    let list_gap = |gap: &str| {
        let g = gap.trim();
        if g.is_empty() || !g.contains([',', '/', '、', '，']) {
            return false;
        }
        g.split([',', '/', '、', '，']).all(|item| {
            let words: Vec<&str> = item.split_whitespace().collect();
            words.len() <= 3
                && !words
                    .iter()
                    .any(|w| matches!(w.to_ascii_lowercase().as_str(), "and" | "&" | "+" | "with"))
        })
    };
    let mut start = 0;
    for i in 0..matches.len() {
        let last = i + 1 == matches.len() || !list_gap(&text[matches[i].1..matches[i + 1].0]);
        if !last {
            continue;
        }
        let chain = &matches[start..=i];
        let providers = chain
            .iter()
            .filter(|m| techs[m.2].is_provider())
            .map(|m| &techs[m.2].name)
            .collect::<std::collections::HashSet<_>>()
            .len();
        let runtimes = chain
            .iter()
            .filter(|m| techs[m.2].platform.is_some() || techs[m.2].is_provider())
            .map(|m| &techs[m.2].name)
            .collect::<std::collections::HashSet<_>>()
            .len();
        if providers >= 2 || runtimes >= 3 {
            for o in &mut out[start..=i] {
                *o = true;
            }
        }
        start = i + 1;
    }
    out
}
