//! The curated lists under `data/lint/`, compiled in and parsed once.
//!
//! The files ship inside the binary, so a parse failure is a build defect, not
//! bad user input: `tests::data_files_parse` keeps them valid, and a broken file
//! degrades to an empty list rather than a panic at lint time.

use std::ops::{ControlFlow, Range};
use std::sync::LazyLock;

use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Anchored, Input, meta};
use serde::Deserialize;

const TEMPLATE: &str = include_str!("../../data/lint/template.toml");
const BOILERPLATE: &str = include_str!("../../data/lint/boilerplate.toml");
const PLACEHOLDERS: &str = include_str!("../../data/lint/placeholders.toml");

/// A row every list shares: where it came from and when it was checked.
#[derive(Debug, Clone, Deserialize)]
pub struct Provenance {
    pub source: String,
    pub as_of: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Phrase {
    pub text: String,
    #[serde(default)]
    pub case_sensitive: bool,
    /// Match anywhere in a value, not only at its start (IA104's `e.g.`).
    #[serde(default)]
    pub anywhere: bool,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Technology {
    pub name: String,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// One of the 14 numbered sections of the template.
#[derive(Debug, Clone, Deserialize)]
pub struct SectionSpec {
    pub number: u8,
    pub title: String,
    pub aliases: Vec<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A part a section must cover (Security's network, access, monitoring).
#[derive(Debug, Clone, Deserialize)]
pub struct PartSpec {
    pub section: u8,
    pub title: String,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A section of one of BMAD's templates (no numbers: matched by title).
#[derive(Debug, Clone, Deserialize)]
pub struct NamedSectionSpec {
    pub title: String,
    pub aliases: Vec<String>,
    /// Reported by IA501 when absent.
    pub required: bool,
    /// A title only this template uses as a section: evidence of the template.
    pub distinctive: bool,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Default, Deserialize)]
pub struct TemplateData {
    #[serde(default)]
    pub sentence: Vec<Phrase>,
    #[serde(default)]
    pub section: Vec<SectionSpec>,
    #[serde(default)]
    pub part: Vec<PartSpec>,
    /// BMAD's infrastructure-architecture template.
    #[serde(default)]
    pub bmad_section: Vec<NamedSectionSpec>,
    /// The sharded `infrastructure-and-deployment.md` of BMAD's architecture.
    #[serde(default)]
    pub bmad_shard_section: Vec<NamedSectionSpec>,
}

/// A boilerplate shape (a regex), with the sentences it must find and the
/// look-alikes it must not.
#[derive(Debug, Clone, Deserialize)]
pub struct BoilerplatePattern {
    pub label: String,
    pub regex: String,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub look_alikes: Vec<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Default, Deserialize)]
pub struct BoilerplateData {
    #[serde(default)]
    pub phrase: Vec<Phrase>,
    #[serde(default)]
    pub pattern: Vec<BoilerplatePattern>,
    #[serde(default)]
    pub technology: Vec<Technology>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PlaceholderData {
    #[serde(default)]
    pub marker: Vec<Phrase>,
    #[serde(default)]
    pub example: Vec<Phrase>,
    #[serde(default)]
    pub diagram_phrase: Vec<Phrase>,
    #[serde(default)]
    pub generic_label: Vec<Phrase>,
}

fn load<T: Default + for<'de> Deserialize<'de>>(text: &str) -> T {
    toml::from_str(text).unwrap_or_default()
}

pub static TEMPLATE_DATA: LazyLock<TemplateData> = LazyLock::new(|| load(TEMPLATE));
pub static BOILERPLATE_DATA: LazyLock<BoilerplateData> = LazyLock::new(|| load(BOILERPLATE));
pub static PLACEHOLDER_DATA: LazyLock<PlaceholderData> = LazyLock::new(|| load(PLACEHOLDERS));

/// Technology names as one case-insensitive whole-word regex; short acronyms
/// (`ALB`, `S3`) match case-sensitively so "alb" inside prose is not a product.
pub static TECHNOLOGY_RE: LazyLock<regex::Regex> = LazyLock::new(|| {
    let mut ci = Vec::new();
    let mut cs = Vec::new();
    for t in &BOILERPLATE_DATA.technology {
        let esc = regex::escape(&t.name);
        if t.name.len() <= 4 && t.name.chars().all(|c| !c.is_lowercase()) {
            cs.push(esc);
        } else {
            ci.push(esc);
        }
    }
    let mut alts = Vec::new();
    if !ci.is_empty() {
        alts.push(format!("(?i:{})", ci.join("|")));
    }
    if !cs.is_empty() {
        alts.push(cs.join("|"));
    }
    let pattern = format!(r"(?:^|[^\w])({})(?:[^\w]|$)", alts.join("|"));
    regex::Regex::new(&pattern).unwrap_or_else(|_| never_matches())
});

/// A regex that matches nothing, for when a data list is empty or broken.
pub fn never_matches() -> regex::Regex {
    regex::Regex::new(r"[^\s\S]").expect("constant regex")
}

/// Build a whole-word alternation over phrases (case-insensitive unless the
/// row says otherwise).
pub fn phrase_regex(phrases: &[Phrase]) -> regex::Regex {
    let alts: Vec<String> = phrases
        .iter()
        .map(|p| {
            let esc = regex::escape(&p.text);
            if p.case_sensitive {
                esc
            } else {
                format!("(?i:{esc})")
            }
        })
        .collect();
    if alts.is_empty() {
        return never_matches();
    }
    // \b cannot sit next to punctuation ("e.g."), so word edges are spelled out.
    let pattern = format!(r"(?:^|[^\w])({})(?:[^\w]|$)", alts.join("|"));
    regex::Regex::new(&pattern).unwrap_or_else(|_| never_matches())
}

/// Do all the phrases start and end with an ASCII word character? Then the
/// phrase inside a match of [`phrase_regex`] (its group 1) is the match less
/// its delimiters, read off with [`phrase_of_match`] instead of the captures
/// engine.
pub fn edges_are_ascii_words<'p>(mut phrases: impl Iterator<Item = &'p str>) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    phrases.all(|p| word(p.chars().next()) && word(p.chars().next_back()))
}

/// The phrase inside a match of a [`phrase_regex`] whose phrases all pass
/// [`edges_are_ascii_words`], as (byte offset in the match, phrase). A
/// delimiter is a non-word character, so an ASCII edge of the match that is
/// not a word character is a delimiter, and an ASCII word character is the
/// phrase's. `None` when an edge is not ASCII: it may be a delimiter or a
/// character that folds to the phrase's (`ſ` for `s`); ask the captures.
pub fn phrase_of_match(m: &str) -> Option<(usize, &str)> {
    let (first, last) = (*m.as_bytes().first()?, *m.as_bytes().last()?);
    if !first.is_ascii() || !last.is_ascii() {
        return None;
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let start = usize::from(!word(first));
    let end = m.len() - usize::from(!word(last));
    Some((start, m.get(start..end.max(start))?))
}

/// Do all technology names pass [`edges_are_ascii_words`]?
static TECHNOLOGY_EDGES_ASCII: LazyLock<bool> = LazyLock::new(|| {
    edges_are_ascii_words(BOILERPLATE_DATA.technology.iter().map(|t| t.name.as_str()))
});

/// The technology name inside a match of [`TECHNOLOGY_RE`] (its group 1), as
/// (byte offset in `text`, name).
fn technology_name<'t>(text: &'t str, m: regex::Match<'t>) -> Option<(usize, &'t str)> {
    if *TECHNOLOGY_EDGES_ASCII && let Some((at, name)) = phrase_of_match(m.as_str()) {
        return Some((m.start() + at, name));
    }
    let g = TECHNOLOGY_RE.captures_at(text, m.start())?.get(1)?;
    Some((g.start(), g.as_str()))
}

/// Every technology named in `text`, in order (lower-case).
pub fn technologies_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some((at, name)) = TECHNOLOGY_RE
            .find_at(text, pos)
            .and_then(|m| technology_name(text, m))
        else {
            break;
        };
        let lower = name.to_lowercase();
        if !out.contains(&lower) {
            out.push(lower);
        }
        // Resume at the name's end so its trailing delimiter can lead the next.
        pos = at + name.len();
    }
    out
}

/// A whole-word alternation over phrases where a space matches any run of
/// white space (so a phrase broken across lines of a paragraph is found):
/// the prefilter form of [`phrase_regex`].
pub fn phrase_regex_multiline(phrases: &[Phrase]) -> regex::Regex {
    let alts: Vec<String> = phrases
        .iter()
        .map(|p| {
            let esc = regex::escape(&p.text).replace(' ', r"\s+");
            if p.case_sensitive {
                esc
            } else {
                format!("(?i:{esc})")
            }
        })
        .collect();
    if alts.is_empty() {
        return never_matches();
    }
    // ASCII word boundaries: a Unicode `\b` makes the lazy DFA give up on
    // any non-ASCII text (em dashes, arrows), falling back to a slow engine.
    regex::Regex::new(&format!(r"(?-u:\b)(?:{})", alts.join("|")))
        .unwrap_or_else(|_| never_matches())
}

/// Does `text` name a technology? ([`technology_in`] without the captures.)
pub fn has_technology(text: &str) -> bool {
    TECHNOLOGY_RE.is_match(text)
}

/// A [`phrase_regex`] and a fast way to run it over a whole text, for phrase
/// lists that are rare in prose (placeholder markers, diagram promises).
///
/// The regex has no literal prefix for its engine to skip ahead with (its
/// edges are Unicode classes), so over a text it advances byte by byte.
/// Instead, a search for the phrases themselves, lower-cased, in the text
/// lower-cased (ASCII only, so byte offsets are kept) skips ahead, and the
/// regex runs anchored only where a match can start. The matches are exactly
/// those of [`regex::Regex::find_iter`] / `captures_iter` over the text: a
/// match starts one character before an occurrence of its phrase (or at it,
/// at the start of the text), every occurrence is tried in order, and an
/// anchored search gives the same match as an unanchored one whose leftmost
/// match starts there.
///
/// That holds when an ASCII-lower-cased text holds every case variant a `(?i)`
/// literal matches: true unless the text has one of the two non-ASCII
/// characters that fold to ASCII letters, `ſ` and the Kelvin sign (see
/// [`lower_for_search`]); then the regex runs alone.
#[derive(Debug)]
pub struct PhraseSearch {
    /// The regex that defines the matches.
    pub re: regex::Regex,
    fast: Option<Fast>,
}

#[derive(Debug)]
struct Fast {
    /// `re` again, for anchored searches.
    anchored: meta::Regex,
    /// The phrases lower-cased, as one alternation of literals; searched from
    /// one past each hit, so overlapping occurrences are all seen.
    literals: meta::Regex,
}

/// The text ASCII-lower-cased for [`PhraseSearch`], or `None` when it holds a
/// character whose case folding is an ASCII letter (`ſ` → s, Kelvin sign → k):
/// then a `(?i)` phrase may match where the lower-cased text does not show it.
pub fn lower_for_search(text: &str) -> Option<String> {
    (!folds_to_ascii_letter(text)).then(|| text.to_ascii_lowercase())
}

/// Does `text` hold `ſ` or the Kelvin sign, the two non-ASCII characters a
/// case-insensitive match takes for ASCII letters (s, k)? Searches that look
/// at ASCII case only are not exact on such text.
pub fn folds_to_ascii_letter(text: &str) -> bool {
    // Two substring searches (memchr-fast) rather than one char-by-char walk.
    text.contains('\u{17F}') || text.contains('\u{212A}')
}

/// The configuration `regex::Regex::new` uses, so a meta regex built with it
/// matches the same.
fn meta_regex(pattern: &str) -> Option<meta::Regex> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(10 * (1 << 20)))
                .hybrid_cache_capacity(2 * (1 << 20)),
        )
        .build(pattern)
        .ok()
}

impl PhraseSearch {
    /// [`phrase_regex`] over `phrases`.
    pub fn words(phrases: &[Phrase]) -> Self {
        let re = phrase_regex(phrases);
        let fast = (|| {
            if phrases.is_empty()
                || phrases
                    .iter()
                    .any(|p| p.text.is_empty() || !p.text.is_ascii())
            {
                return None;
            }
            let alts: Vec<String> = phrases
                .iter()
                .map(|p| regex::escape(&p.text.to_ascii_lowercase()))
                .collect();
            Some(Fast {
                anchored: meta_regex(re.as_str())?,
                literals: meta_regex(&alts.join("|"))?,
            })
        })();
        PhraseSearch { re, fast }
    }

    /// Each match in `hay`, in order, as (whole match, group 1). `lower` is
    /// [`lower_for_search`] of `hay`; without it the regex runs alone. Group 1
    /// is only read when `group` is set.
    pub fn each<B>(
        &self,
        hay: &str,
        lower: Option<&str>,
        group: bool,
        mut f: impl FnMut(Range<usize>, Option<Range<usize>>) -> ControlFlow<B>,
    ) -> Option<B> {
        let (Some(fast), Some(lower)) = (&self.fast, lower) else {
            return self.each_slow(hay, group, f);
        };
        debug_assert_eq!(lower.len(), hay.len());
        let mut slots = [None::<NonMaxUsize>; 4];
        // `at`: where to look for the next literal; `pos`: where the last
        // match ended (the next starts there or later).
        let (mut at, mut pos) = (0, 0);
        while at < lower.len() {
            let Some(lit) = fast.literals.search(&Input::new(lower).range(at..)) else {
                break;
            };
            // Phrases are ASCII, so both are character boundaries.
            let p = lit.start();
            at = p + 1;
            // The character before the phrase (at the very start, `^`).
            let mut s = p.saturating_sub(1);
            while !hay.is_char_boundary(s) {
                s -= 1;
            }
            if s < pos {
                continue;
            }
            let input = Input::new(hay).range(s..).anchored(Anchored::Yes);
            let (all, g) = if group {
                slots.fill(None);
                fast.anchored.search_slots(&input, &mut slots);
                let span =
                    |a: Option<NonMaxUsize>, b: Option<NonMaxUsize>| Some(a?.get()..b?.get());
                let Some(all) = span(slots[0], slots[1]) else {
                    continue;
                };
                (all, span(slots[2], slots[3]))
            } else {
                let Some(m) = fast.anchored.search(&input) else {
                    continue;
                };
                (m.range(), None)
            };
            // The next match starts at or after this one's end, and so does
            // its literal.
            pos = all.end;
            at = at.max(all.end);
            if let ControlFlow::Break(b) = f(all, g) {
                return Some(b);
            }
        }
        None
    }

    fn each_slow<B>(
        &self,
        hay: &str,
        group: bool,
        mut f: impl FnMut(Range<usize>, Option<Range<usize>>) -> ControlFlow<B>,
    ) -> Option<B> {
        if group {
            for c in self.re.captures_iter(hay) {
                let Some(all) = c.get(0) else { continue };
                if let ControlFlow::Break(b) = f(all.range(), c.get(1).map(|m| m.range())) {
                    return Some(b);
                }
            }
        } else {
            for m in self.re.find_iter(hay) {
                if let ControlFlow::Break(b) = f(m.range(), None) {
                    return Some(b);
                }
            }
        }
        None
    }

    /// Does the regex match anywhere in `hay`?
    pub fn is_match(&self, hay: &str, lower: Option<&str>) -> bool {
        self.each(hay, lower, false, |_, _| ControlFlow::Break(()))
            .is_some()
    }
}

/// First technology named in `text`, if any.
pub fn technology_in(text: &str) -> Option<&str> {
    TECHNOLOGY_RE
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let t: TemplateData = toml::from_str(TEMPLATE).expect("template.toml");
        assert_eq!(t.section.len(), 14);
        assert!(t.sentence.len() > 20);
        assert!(t.part.iter().any(|p| p.section == 7));
        let b: BoilerplateData = toml::from_str(BOILERPLATE).expect("boilerplate.toml");
        assert!(b.phrase.iter().any(|p| p.text == "robust and scalable"));
        assert!(b.technology.len() > 50);
        let p: PlaceholderData = toml::from_str(PLACEHOLDERS).expect("placeholders.toml");
        assert!(p.marker.iter().any(|m| m.text == "TBD"));
        for row in t
            .sentence
            .iter()
            .chain(&b.phrase)
            .chain(&p.marker)
            .chain(&p.example)
        {
            assert!(!row.provenance.source.is_empty() && row.provenance.as_of.len() == 10);
        }
    }

    #[test]
    fn technologies_are_whole_words() {
        assert_eq!(
            technology_in("Run it on Kubernetes 1.30"),
            Some("Kubernetes")
        );
        assert_eq!(technology_in("objects live in S3."), Some("S3"));
        assert_eq!(technology_in("a ralb valve"), None);
        assert_eq!(technology_in("the laws of physics"), None);
    }

    #[test]
    fn technologies_read_off_matches_as_captures() {
        let by_captures = |text: &str| {
            let mut out: Vec<String> = Vec::new();
            let mut pos = 0;
            while pos <= text.len() {
                let Some(m) = TECHNOLOGY_RE.captures_at(text, pos).and_then(|c| c.get(1)) else {
                    break;
                };
                let name = m.as_str().to_lowercase();
                if !out.contains(&name) {
                    out.push(name);
                }
                pos = m.end();
            }
            out
        };
        for text in [
            "",
            "AWS",
            "Use EKS, RDS and S3.",
            "EKS EKS\nRDS—Kafka→Redis (Fly.io) «Pub/Sub» X-Ray_ k8s",
            "éKafka Kafkaé Kafka é ALB需ALB",
            "ISO 27001 SOC 2 SOC2;GDPR",
            "\u{212A}afka and \u{212A}8ſ on \u{212A}ubernetes—Kafka",
        ] {
            assert_eq!(technologies_in(text), by_captures(text), "{text}");
        }
        assert!(*TECHNOLOGY_EDGES_ASCII);
        let phrases = phrase_regex(&BOILERPLATE_DATA.phrase);
        assert!(edges_are_ascii_words(
            BOILERPLATE_DATA.phrase.iter().map(|p| p.text.as_str())
        ));
        for text in [
            "robust and scalable",
            "A robust and scalable, secure system.",
            "é robust security—cutting-edge→world-class需",
            "(state-of-the-art)",
            "x robust ſecurity",
        ] {
            let by_captures = phrases
                .captures(text)
                .and_then(|c| c.get(1))
                .map(|g| (g.start(), g.as_str()));
            let m = phrases.find(text).expect("a phrase");
            // Read off when both edges are ASCII; else the caller asks the captures.
            if let Some((at, p)) = phrase_of_match(m.as_str()) {
                assert_eq!(Some((m.start() + at, p)), by_captures, "{text}");
            } else {
                assert!(!m.as_str().is_ascii(), "{text}");
            }
        }
    }

    #[test]
    fn only_long_s_and_kelvin_fold_to_ascii_letters() {
        // What lower_for_search relies on: no other non-ASCII character is a
        // case variant of an ASCII letter.
        let letter = regex::Regex::new("(?i)^[a-z]$").expect("regex");
        let folding: Vec<char> = (0x80..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, vec!['\u{17F}', '\u{212A}']);
    }

    fn both_ways(search: &PhraseSearch, hay: &str) {
        type Found = Vec<(Range<usize>, Option<Range<usize>>)>;
        let mut fast: Found = Vec::new();
        search.each(hay, lower_for_search(hay).as_deref(), true, |a, g| {
            fast.push((a, g));
            ControlFlow::<()>::Continue(())
        });
        let slow: Found = search
            .re
            .captures_iter(hay)
            .filter_map(|c| Some((c.get(0)?.range(), c.get(1).map(|m| m.range()))))
            .collect();
        assert_eq!(fast, slow, "{hay:?}");
        assert_eq!(
            search.is_match(hay, lower_for_search(hay).as_deref()),
            !slow.is_empty()
        );
        let mut ends = Vec::new();
        search.each(hay, lower_for_search(hay).as_deref(), false, |a, _| {
            ends.push(a);
            ControlFlow::<()>::Continue(())
        });
        assert_eq!(
            ends,
            slow.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>()
        );
    }

    static SEARCHES: LazyLock<Vec<PhraseSearch>> = LazyLock::new(|| {
        [
            &PLACEHOLDER_DATA.marker,
            &PLACEHOLDER_DATA.diagram_phrase,
            &PLACEHOLDER_DATA.example,
            &BOILERPLATE_DATA.phrase,
        ]
        .iter()
        .map(|l| PhraseSearch::words(l))
        .collect()
    });

    #[test]
    fn phrase_search_finds_what_the_regex_finds() {
        let searches = &*SEARCHES;
        assert!(searches.iter().all(|s| s.fast.is_some()));
        for hay in [
            "",
            "TBD",
            "TBD TBD",
            "TBD\nTBD",
            "tbd TbD TODO: xTBD TBDx XXXX XXX-XXX",
            "é TBD é—TBD—ſ",
            "to be determined; To Be Decided. TO BE DEFINED",
            "to be\ndetermined, lorem  ipsum, Lorem Ipsum",
            "lorem ipſum and TBD",
            "\u{212A}ubernetes TBD",
            "insert diagram here: diagram goes here. Add Diagram",
            "e.g. eg. for example, such as; e.g.x (e.g.) ée.g.",
            "robust and scalable and robust, highly available and scalable",
            "需TBD需 TBD需 需TBD",
        ] {
            for s in searches.iter() {
                both_ways(s, hay);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn phrase_search_as_the_regex_on_any_mix(hay in "(TBD|tbd|TODO|XXX|xx|to be |decided|determined|To Be|lorem|ipsum|diagram|here|insert|e\\.g\\.|eg|\\.|robust|and|scalable|highly|available| |\n|-|_|é|需|ſ|\u{212A}|[a-zA-Z]){0,30}") {
            for s in SEARCHES.iter() {
                both_ways(s, &hay);
            }
        }
    }
}
