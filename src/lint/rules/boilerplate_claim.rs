//! IA202 boilerplate-claim: the rule, its documentation ([`DOC`], which `infrarch rule IA202` prints) and its tests.

use std::sync::LazyLock;

use regex::Regex;

use crate::lint::data::{
    BOILERPLATE_DATA, edges_are_ascii_words, has_technology, never_matches, phrase_of_match,
    phrase_regex, phrase_regex_multiline,
};
use crate::lint::values::has_number;
use crate::lint::{Context, Finding, Rule, Severity};

pub const RULE: Rule = Rule {
    code: "IA202",
    name: "boilerplate-claim",
    severity: Severity::Warning,
    summary: "A generic claim with no number or named technology",
    help: "say what makes it true: a number (99.95%, 2 AZs, p95 200 ms) or the technology and setting",
    doc: DOC,
    check,
};

rule_doc!(
    r####"## What it does
Finds sentences built on boilerplate claims ("robust and scalable", "industry
best practices", "ensure high availability", "comprehensive monitoring"; the
list is `data/lint/boilerplate.toml`) when the same sentence has no number and
names no technology. Besides fixed phrases it knows boilerplate shapes (the
`[[pattern]]` rows): stock adjectives before "foundation", "solution" or
"platform" ("a robust, scalable, and secure foundation"), "a comprehensive
overview of", "ensures optimal performance", "grows with the business",
"state-of-the-art technologies". The finding quotes the sentence.

## Why is this bad?
"No boilerplate — be specific": such a sentence is true of every system and
tells DevOps nothing to build. The same words next to a number or a product
("ensure high availability with 2 ECS tasks in each of 3 AZs") are specific and
are not reported.

## Example
```markdown
The platform will be robust and scalable, following industry best practices.
```
Use instead:
```markdown
The API runs 2–8 Fargate tasks across 3 AZs, scaling on 60% CPU.
```
"####
);

static PHRASES: LazyLock<Regex> = LazyLock::new(|| phrase_regex(&BOILERPLATE_DATA.phrase));
/// Whether a phrase can be read off a match of [`PHRASES`] without captures.
static PHRASE_EDGES_ASCII: LazyLock<bool> = LazyLock::new(|| {
    edges_are_ascii_words(BOILERPLATE_DATA.phrase.iter().map(|p| p.text.as_str()))
});
static PHRASES_ML: LazyLock<Regex> =
    LazyLock::new(|| phrase_regex_multiline(&BOILERPLATE_DATA.phrase));

/// Every boilerplate shape of `data/lint/boilerplate.toml` in one
/// case-insensitive alternation. ASCII word boundaries, as for the phrases: a
/// Unicode `\b` stops the fast engine at the first non-ASCII character.
static PATTERNS: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = BOILERPLATE_DATA
        .pattern
        .iter()
        .map(|p| format!("(?:{})", p.regex.replace(r"\b", r"(?-u:\b)")))
        .collect();
    if alts.is_empty() {
        return never_matches();
    }
    Regex::new(&format!("(?i){}", alts.join("|"))).unwrap_or_else(|_| never_matches())
});

/// Split text into sentences at `.`, `!`, `?` or `;` followed by a space.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?' | b';')
            && bytes.get(i + 1).is_none_or(|b| *b == b' ')
        {
            // "e.g. x" and "v1.2" are not sentence ends.
            let word_before = text[start..i].rsplit(' ').next().unwrap_or("");
            if bytes[i] == b'.' && (word_before.contains('.') || word_before.len() <= 1) {
                continue;
            }
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    phrases(ctx, out);
    shapes(ctx, out);
}

/// The sentence as quoted in a finding: at most 120 characters.
fn shown(s: &str) -> String {
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(119).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Sentences holding one of the boilerplate shapes (and none of the fixed
/// phrases, which [`phrases`] reports).
fn shapes(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (b, t) in ctx.prose_hits(&PATTERNS, &PATTERNS) {
        for s in sentences(t) {
            let Some(m) = PATTERNS.find(s) else {
                continue;
            };
            if PHRASES.is_match(s) || has_number(s) || has_technology(s) {
                continue;
            }
            let claim = m.as_str();
            let (line, col, len) = ctx.locate(b, claim);
            out.push(
                Finding::new(
                    line,
                    col,
                    format!(
                        "boilerplate claim \"{claim}\" with no number or named technology: \"{}\"",
                        shown(s)
                    ),
                )
                .len(len),
            );
        }
    }
}

fn phrases(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (b, t) in ctx.prose_hits(&PHRASES_ML, &PHRASES) {
        for s in sentences(t) {
            let Some(m) = PHRASES.find(s) else {
                continue;
            };
            let read_off = PHRASE_EDGES_ASCII.then(|| phrase_of_match(m.as_str()));
            let phrase = match read_off.flatten() {
                Some((_, p)) => p,
                None => PHRASES
                    .captures_at(s, m.start())
                    .and_then(|c| c.get(1))
                    .map_or("", |g| g.as_str()),
            };
            if has_number(s) || has_technology(s) {
                continue;
            }
            let (line, col, len) = ctx.locate(b, phrase);
            let shown = shown(s);
            out.push(
                Finding::new(
                    line,
                    col,
                    format!(
                        "boilerplate claim \"{phrase}\" with no number or named technology: \"{shown}\""
                    ),
                )
                .len(len),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sentences;
    use crate::lint::rules::run;

    #[test]
    fn cases() {
        let table: &[(&str, usize)] = &[
            ("The platform will be robust and scalable.\n", 1),
            ("The platform will be robust\nand scalable.\n", 1),
            (
                "We follow industry best practices. We ensure high availability.\n",
                2,
            ),
            ("We ensure high availability with 2 tasks per AZ.\n", 0),
            (
                "Comprehensive monitoring through CloudWatch and PagerDuty.\n",
                0,
            ),
            (
                "| Logging | Comprehensive monitoring |\n|---|---|\n| a | b |\n",
                0,
            ),
            (
                "| A | B |\n|---|---|\n| Logs | Comprehensive monitoring |\n",
                1,
            ),
            ("Our high availability target is 99.95%.\n", 0),
        ];
        for (text, n) in table {
            assert_eq!(run("IA202", text).len(), *n, "{text}");
        }
        // Every boilerplate shape finds its examples and none of its look-alikes.
        for p in &crate::lint::data::BOILERPLATE_DATA.pattern {
            assert!(
                !p.examples.is_empty() && !p.look_alikes.is_empty(),
                "{}",
                p.label
            );
            for e in &p.examples {
                assert_eq!(run("IA202", e).len(), 1, "{}: should fire on {e}", p.label);
            }
            for l in &p.look_alikes {
                assert!(
                    run("IA202", l).is_empty(),
                    "{}: should not fire on {l}",
                    p.label
                );
            }
        }
        assert_eq!(
            sentences("Use e.g. RDS. Then v1.2 is fine! Ok"),
            vec!["Use e.g. RDS.", "Then v1.2 is fine!", "Ok"]
        );
    }
}
