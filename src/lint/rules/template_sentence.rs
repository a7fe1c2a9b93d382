//! IA201 template-sentence: the rule, its documentation ([`DOC`], which `infrarch rule IA201` prints) and its tests.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::lint::context::words;
use crate::lint::data::TEMPLATE_DATA;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA201",
    name: "template-sentence",
    severity: Severity::Error,
    summary: "A sentence of the template itself was left as content",
    help: "replace the template's instruction with what this system does",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds sentences copied from the template's instructions ("Brief overview of the
infrastructure architectural approach and key decisions", "How redundancy is
achieved", "What is the infrastructure issue that motivates this decision?"),
with or without their brackets. The list is `data/lint/template.toml`; words
are compared ignoring case and punctuation. Short sentences (under six words)
only match a block or cell that says nothing else.

## Why is this bad?
The template's prompts describe what to write; left in place they read as
content and hide that the section is empty.

## Example
```markdown
### 6.3 Redundancy
How redundancy is achieved
```
Use instead:
```markdown
### 6.3 Redundancy
Two tasks per AZ in 2 AZs behind the ALB; RDS Multi-AZ standby with
synchronous replication; S3 objects replicated to eu-west-1.
```
"####
);

struct Sentences {
    /// ` word word … ` forms of sentences under six words: they must be the
    /// whole text.
    short: Vec<(String, &'static str)>,
    /// The longer sentences, which may sit anywhere in a text.
    long: Vec<&'static str>,
    /// One search for all the long ` word word … ` forms (padded with spaces so
    /// a match is whole words); pattern index = index into `long`.
    long_search: Option<AhoCorasick>,
}

/// ` word word … `: lower-case alphanumeric words, single spaces, padded.
#[cfg(test)]
fn padded_words(text: &str) -> String {
    let mut out = String::new();
    padded_words_into(text, &mut out);
    out
}

/// [`padded_words`] into a reused buffer, in one pass over the bytes: ASCII
/// words are copied whole and lower-cased together at the end.
fn padded_words_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len() + 2);
    out.push(' ');
    let bytes = text.as_bytes();
    // Start of the ASCII run of the current word not yet copied.
    let mut run: Option<usize> = None;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            run.get_or_insert(i);
            in_word = true;
            i += 1;
            continue;
        }
        if let Some(r) = run.take() {
            out.push_str(&text[r..i]);
        }
        if b.is_ascii() {
            i += 1;
            if in_word {
                out.push(' ');
                in_word = false;
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_alphanumeric() {
            // Lower-casing never yields an upper-case ASCII letter, so the
            // final ASCII pass leaves this as it is.
            out.extend(c.to_lowercase());
            in_word = true;
        } else if in_word {
            out.push(' ');
            in_word = false;
        }
    }
    if let Some(r) = run {
        out.push_str(&text[r..]);
    }
    if in_word {
        out.push(' ');
    }
    out.make_ascii_lowercase();
}

static SENTENCES: LazyLock<Sentences> = LazyLock::new(|| {
    let mut short = Vec::new();
    let mut long = Vec::new();
    let mut long_padded = Vec::new();
    let mut p = String::new();
    for row in &TEMPLATE_DATA.sentence {
        padded_words_into(&row.text, &mut p);
        if words(&row.text).len() >= 6 {
            long_padded.push(p.clone());
            long.push(row.text.as_str());
        } else {
            short.push((p.clone(), row.text.as_str()));
        }
    }
    let long_search = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&long_padded)
        .ok();
    Sentences {
        short,
        long,
        long_search,
    }
});

/// The longest word of every template sentence: a text without any of them
/// cannot hold a sentence, and one regex search over it is far cheaper than
/// normalising every paragraph. With it, whether every word is ASCII
/// alphanumeric (then [`Context::prose_hits_words`] applies).
static ANCHORS: LazyLock<(regex::Regex, bool)> = LazyLock::new(|| {
    let mut alts: Vec<String> = TEMPLATE_DATA
        .sentence
        .iter()
        // "infrastructure" is in every document: a useless anchor.
        .filter_map(|row| {
            words(&row.text)
                .into_iter()
                .filter(|w| w != "infrastructure")
                .max_by_key(String::len)
        })
        .map(|w| regex::escape(&w))
        .collect();
    alts.sort();
    alts.dedup();
    if alts.is_empty() {
        return (crate::lint::data::never_matches(), false);
    }
    let ascii_words = alts
        .iter()
        .all(|w| w.bytes().all(|b| b.is_ascii_alphanumeric()));
    // ASCII word boundaries keep the search in the lazy DFA on non-ASCII text.
    let re = regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alts.join("|")))
        .unwrap_or_else(|_| crate::lint::data::never_matches());
    (re, ascii_words)
});

/// The template sentence a text is or contains, if any; `w` is a buffer the
/// caller reuses across texts.
pub(crate) fn template_sentence_in_buf(text: &str, w: &mut String) -> Option<&'static str> {
    padded_words_into(text, w);
    if w.len() <= 1 {
        return None;
    }
    let s = &*SENTENCES;
    if let Some((_, orig)) = s.short.iter().find(|(sw, _)| sw == w) {
        return Some(orig);
    }
    // The first sentence of the list that occurs, wherever it occurs.
    s.long_search
        .as_ref()?
        .find_overlapping_iter(w.as_str())
        .map(|m| m.pattern().as_usize())
        .min()
        .and_then(|i| s.long.get(i).copied())
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // One finding per block: the first template sentence in it.
    let mut reported: Option<&crate::markdown::Block> = None;
    let mut buf = String::new();
    let (anchors, ascii_words) = &*ANCHORS;
    let hits = if *ascii_words {
        ctx.prose_hits_words(anchors, anchors)
    } else {
        ctx.prose_hits(anchors, anchors)
    };
    for (b, t) in hits {
        if reported.is_some_and(|r| std::ptr::eq(r, b)) {
            continue;
        }
        if let Some(s) = template_sentence_in_buf(t, &mut buf) {
            reported = Some(b);
            let first = s.split_whitespace().next().unwrap_or(s);
            let (line, col, _) = ctx.locate(b, first);
            out.push(Finding::new(
                line,
                col,
                format!("template sentence left as content: \"{s}\""),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            (
                "[Brief overview of the infrastructure architectural approach and key decisions]\n",
                1,
            ),
            ("How redundancy is achieved\n", 1),
            (
                "**Context:**\n[What is the infrastructure issue that motivates this decision?]\n",
                1,
            ),
            ("- [Budget constraints]\n", 1),
            (
                "Budget constraints limit us to $2,000/month, so one NAT gateway.\n",
                0,
            ),
            ("Redundancy is achieved with two AZs.\n", 0),
        ];
        for (text, n) in table {
            assert_eq!(run("IA201", text).len(), *n, "{text}");
        }
    }

    #[test]
    fn padded_words_as_split_and_lowercase() {
        for text in [
            "",
            " - ",
            "How redundancy is achieved",
            "[What is the infrastructure issue that motivates this decision?]",
            "Élan — ÉCOLE d'été, 需求 İstanbul ΣΑΣ \u{212A}elvin ſt x9",
            "aÉb ÉB c x\u{212A}Y ABC-DEF_G 12.5 é",
            "é",
            "-é-",
        ] {
            let mut want = String::from(" ");
            for w in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                want.extend(w.chars().flat_map(char::to_lowercase));
                want.push(' ');
            }
            assert_eq!(super::padded_words(text), want, "{text}");
        }
    }
}
