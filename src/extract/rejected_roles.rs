//! A role the documents turn down in plain words, without naming a product:
//! "we do not need a stream", "no queue — requests are handled
//! synchronously", "a cache is not needed". Each becomes a rejected mention
//! of the role's row in `data/technologies.toml` (`role_words`), and the
//! design never places a component of that role. Kept apart from the name
//! scanner in `tech.rs`: this reads plain words, which the name scanner
//! must never match as choices.

use std::sync::LazyLock;

use super::context::Seg;
use super::re::Regex;
use super::tech::{Decision, Mention};
use super::vocab::compile;

struct Reader {
    /// "no X", "without a X", "do not need a X", "don't want any X".
    before: Regex,
    /// "X is not needed", "X are not required".
    after: Regex,
    /// Lower-case role word → index of its technology row.
    words: Vec<(String, usize)>,
}

static READER: LazyLock<Reader> = LazyLock::new(|| {
    let mut words: Vec<(String, usize)> = Vec::new();
    for (i, t) in crate::technologies::catalog().all().iter().enumerate() {
        for w in &t.role_words {
            words.push((w.to_lowercase(), i));
        }
    }
    // Longest first, so "message queue" wins over "queue".
    words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    let alternation = words
        .iter()
        .map(|(w, _)| w.replace(' ', r"\s+").replace('-', r"[- ]"))
        .collect::<Vec<_>>()
        .join("|");
    let article = r"(?:\s+(?:a|an|any|the|separate|dedicated|extra|additional|own))*";
    let need = r"(?:need|use|want|run|add|require|introduce|deploy)";
    Reader {
        before: compile(
            &format!(
                r"\b(?:no|without{article}|(?:do|does|did|will|shall|should)\s+not\s+{need}{article}|(?:don't|doesn't|didn't|won't|shouldn't|don’t|doesn’t|won’t)\s+{need}{article}|there\s+is\s+no|is\s+no)\s+(?P<w>{alternation})\b(?P<rest>.{{0,24}})"
            ),
            true,
        ),
        after: compile(
            &format!(
                r"\b(?:a|an|the|any)\s+(?P<w>{alternation})\s+(?:is|are|was|would\s+be)\s+(?:not|n't)\s+(?:needed|required|necessary|used|wanted|warranted)\b"
            ),
            true,
        ),
        words,
    }
});

/// Words after "no queue" that make the role word part of a longer noun
/// ("no queue depth alarm", "no cache invalidation") rather than the thing
/// itself: the word must end its phrase.
fn ends_phrase(rest: &str) -> bool {
    let r = rest.trim_start();
    if r.is_empty() {
        return true;
    }
    if r.starts_with(|c: char| ".,;:!?)—–-(".contains(c)) {
        return true;
    }
    let next = r
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    [
        "is", "are", "at", "here", "for", "in", "between", "yet", "needed", "required", "and",
        "or", "because", "since", "as", "we", "this", "of", "on", "behind", "in", "to", "with",
        "before", "after", "inside", "either", "involved", "yet",
    ]
    .contains(&next.as_str())
}

/// Rejected roles in one segment.
pub fn scan(seg: &Seg, out: &mut Vec<Mention>) {
    if seg.is_heading {
        return;
    }
    let r = &*READER;
    let mut push = |word: &str, needle: &str| {
        let w = word
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if let Some((_, i)) = r.words.iter().find(|(x, _)| *x == w) {
            out.push(Mention {
                tech: *i,
                decision: Decision::Rejected,
                block: seg.block,
                needle: needle.to_string(),
                section: 1,
            });
        }
    };
    for c in r.before.captures_iter(seg.text) {
        let (Some(w), Some(m)) = (c.name("w"), c.get(0)) else {
            continue;
        };
        if ends_phrase(c.name("rest").map_or("", |x| x.as_str())) {
            let needle = &seg.text[m.start()..w.end()];
            push(w.as_str(), needle);
        }
    }
    for c in r.after.captures_iter(seg.text) {
        let (Some(w), Some(m)) = (c.name("w"), c.get(0)) else {
            continue;
        };
        push(w.as_str(), m.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejected(text: &str) -> Vec<String> {
        let seg = Seg {
            block: 0,
            text,
            sentence: text,
            label: "",
            header: "",
            lead_in: "",
            heading: "",
            is_heading: false,
        };
        let mut out = Vec::new();
        scan(&seg, &mut out);
        let all = crate::technologies::catalog().all();
        out.into_iter().map(|m| all[m.tech].role.clone()).collect()
    }

    #[test]
    fn roles_turned_down_in_plain_words() {
        let cases: &[(&str, &[&str])] = &[
            (
                "We do not need a stream; nightly files are enough.",
                &["stream"],
            ),
            ("No queue — requests are handled synchronously.", &["queue"]),
            ("A cache is not needed at this volume.", &["cache"]),
            ("We don't want a separate cache.", &["cache"]),
            (
                "It runs without a load balancer behind the VPN.",
                &["load_balancer"],
            ),
            ("There is no data warehouse in scope.", &["warehouse"]),
            // Look-alikes: a role word inside a longer noun, a negation of
            // something else, a plain mention.
            ("No queue depth alarm fired last quarter.", &[]),
            ("No messages are lost from the queue.", &[]),
            ("Workers read the queue and write results.", &[]),
            ("No cache invalidation logic is required.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(rejected(text), *want, "{text}");
        }
    }
}
