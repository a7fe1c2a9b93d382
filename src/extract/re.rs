//! How the extractor's regexes are built: the `regex` crate's engine
//! (`regex_automata::meta`) behind the same small API the recognisers use
//! (`is_match`, `find`, `find_iter`, `captures`, `captures_iter`), built in a
//! form that is cheap to compile. Start-up of `design` and `requirements` is
//! mostly compiling these ~150 patterns, and four things made it slow:
//!
//! - Unicode case folding: under `(?i)` every `k` also matches the Kelvin
//!   sign and every `s` the long s, so each literal grows multi-byte
//!   branches. Folding is ASCII-only here (a cased non-ASCII letter in a
//!   pattern keeps Unicode folding); only text holding those two signs could
//!   match differently.
//! - Unicode digits: `\d` is ~70 ranges; it is `[0-9]` here (and `\D`
//!   `[^0-9]`), since a digit `parse_number` cannot read (it reads ASCII
//!   digits) makes no number anyway. `\w`, `\W` and `\s` stay Unicode:
//!   the word-skipping patterns ("Kafka 暂不 deferred") count CJK words as
//!   words, and no-break and ideographic spaces occur in real documents.
//!   `\b` is ASCII, as it was.
//! - Prefix literals for the prefilter: for a case-insensitive word list
//!   the extractor expands every letter both ways and most of the compile
//!   went there. These patterns run on clauses, labels and headings, where a
//!   lazy DFA scan is as fast as a prefilter, so case-insensitive patterns
//!   are built without one.
//!
//! - Whole Unicode classes: `\w` alone is some 770 ranges, and a counted
//!   repeat (`\W{0,3}`, `(?:\w+\W+){0,5}`) copies its automaton each time.
//!   A text whose characters are all common ones (ASCII, European letters,
//!   punctuation and symbols, emoji: [`is_common`]) is searched with the
//!   pattern's classes cut to those characters, which is exact there; other
//!   text (CJK) gets the whole pattern. Each form is compiled when a text
//!   first needs it, and each pattern when it is first used.
//!
//! What a pattern matches is unchanged otherwise (the tests below compare
//! every vocabulary pattern with the `regex` crate's build on mixed-script
//! text); write new patterns as usual and build them through
//! [`super::vocab::compile`], never `regex::Regex::new`.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::captures::Captures as Caps;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternID, PatternSet};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// A pattern (the subset of `regex::Regex` the recognisers use), compiled
/// on its first search when built with [`Regex::lazy`]: a run needs the
/// recognisers its text calls for, and compiling them all was most of a
/// short run's time.
#[derive(Debug)]
pub struct Regex {
    pattern: Box<str>,
    case_insensitive: bool,
    /// The engine for texts of common characters (see [`is_common`]).
    common: OnceLock<meta::Regex>,
    /// The engine for any text, built only when such a text comes.
    full: OnceLock<meta::Regex>,
}

/// Why a pattern does not compile.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Syntax(#[from] regex_syntax::Error),
    #[error(transparent)]
    Build(#[from] meta::BuildError),
}

/// A match: the haystack and the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(haystack: &'h str, span: regex_automata::Span) -> Match<'h> {
        Match {
            haystack,
            start: span.start,
            end: span.end,
        }
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match.
#[derive(Debug)]
pub struct Captures<'h> {
    haystack: &'h str,
    caps: Caps,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 = the whole match), if it took part.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get_group(i).map(|s| Match::new(self.haystack, s))
    }
    /// The named group, if it took part.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps
            .get_group_by_name(name)
            .map(|s| Match::new(self.haystack, s))
    }
}

impl Regex {
    /// Build `pattern` now (see the module comment for the form). Errors
    /// are the regex syntax's.
    pub fn new(pattern: &str, case_insensitive: bool) -> Result<Regex, Box<BuildError>> {
        let re = Regex::unchecked(pattern, case_insensitive);
        re.check()?;
        Ok(re)
    }
    /// `pattern`, compiled on first use. A compiled-in pattern that does
    /// not compile panics there; [`Regex::check`] compiles it now (a test
    /// calls it on every lazily built recogniser).
    pub fn lazy(pattern: &str, case_insensitive: bool) -> Regex {
        #[cfg(test)]
        LAZY.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((pattern.into(), case_insensitive));
        Regex::unchecked(pattern, case_insensitive)
    }
    fn unchecked(pattern: &str, case_insensitive: bool) -> Regex {
        Regex {
            pattern: pattern.into(),
            case_insensitive,
            common: OnceLock::new(),
            full: OnceLock::new(),
        }
    }
    /// Compile both forms now if not yet compiled; the build error, if any.
    pub fn check(&self) -> Result<(), Box<BuildError>> {
        for (cell, common) in [(&self.common, true), (&self.full, false)] {
            if cell.get().is_none() {
                let re = build(&self.pattern, self.case_insensitive, common)?;
                let _ = cell.set(re);
            }
        }
        Ok(())
    }
    /// The engine that answers for `haystack`.
    fn re(&self, haystack: &str) -> &meta::Regex {
        let common = is_common(haystack);
        let cell = if common { &self.common } else { &self.full };
        cell.get_or_init(|| {
            build(&self.pattern, self.case_insensitive, common).unwrap_or_else(|e| {
                panic!(
                    "bad pattern in compiled-in vocabulary: {}: {e}",
                    self.pattern
                )
            })
        })
    }
    pub fn is_match(&self, haystack: &str) -> bool {
        self.re(haystack).is_match(haystack)
    }
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.re(haystack)
            .find(haystack)
            .map(|m| Match::new(haystack, m.span()))
    }
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.re(haystack)
            .find_iter(haystack)
            .map(move |m| Match::new(haystack, m.span()))
    }
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let re = self.re(haystack);
        let mut caps = re.create_captures();
        re.captures(haystack, &mut caps);
        caps.is_match().then_some(Captures { haystack, caps })
    }
    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.re(haystack)
            .captures_iter(haystack)
            .map(move |caps| Captures { haystack, caps })
    }
}

/// Every pattern built with [`Regex::lazy`] so far, for the test that they
/// all compile (laziness must not hide a broken one).
#[cfg(test)]
static LAZY: std::sync::Mutex<Vec<(Box<str>, bool)>> = std::sync::Mutex::new(Vec::new());

/// Build `pattern` (see the module comment for the form), for texts of
/// common characters only when `common` (see [`is_common`]). Errors are the
/// regex syntax's.
fn build(
    pattern: &str,
    case_insensitive: bool,
    common: bool,
) -> Result<meta::Regex, Box<BuildError>> {
    let hir = parse(pattern, case_insensitive)?;
    let hir = if common { to_common(hir) } else { hir };
    // Prefix extraction explodes on case-insensitive words (see above).
    let no_prefilter = case_insensitive || pattern.contains("(?i");
    meta::Builder::new()
        .configure(config(no_prefilter))
        .build_from_hir(&hir)
        .map_err(|e| Box::new(BuildError::from(e)))
}

/// `pattern` in the form the module comment describes, parsed.
fn parse(pattern: &str, case_insensitive: bool) -> Result<Hir, Box<BuildError>> {
    let config = syntax::Config::new()
        .case_insensitive(case_insensitive)
        .utf8(true);
    syntax::parse_with(&ascii_outside_unicode(pattern), &config)
        .map_err(|e| Box::new(BuildError::from(e)))
}

/// Whether every character of `text` is a common one: ASCII, the Latin
/// letters of European languages (to U+024F), general punctuation, currency,
/// letter-like and number forms, arrows, mathematical and technical symbols,
/// dingbats (U+2000–U+2BFF), and emoji (U+1F000–U+1FAFF). Such a text is
/// searched with the form of a pattern whose Unicode classes keep only these
/// characters ([`to_common`]), which matches there exactly what the whole
/// pattern matches: a class can only ever match a character of the text.
/// The whole classes (`\w` alone is some 770 ranges, copied at every
/// repetition) were most of the compile; CJK text, and any other, gets the
/// pattern built whole, when it first comes.
pub fn is_common(text: &str) -> bool {
    text.is_ascii()
        || text
            .chars()
            .all(|c| matches!(c as u32, 0..=0x24F | 0x2000..=0x2BFF | 0x1_F000..=0x1_FAFF))
}

/// Whether `hir` holds a Unicode class reaching past U+024F (one that
/// [`to_common`] may cut; most of a pattern is literals and ASCII classes,
/// left as they are).
fn reaches_past_latin(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            class.ranges().last().is_some_and(|r| r.end() > '\u{24F}')
        }
        HirKind::Repetition(rep) => reaches_past_latin(&rep.sub),
        HirKind::Capture(cap) => reaches_past_latin(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(reaches_past_latin),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

/// `hir` with each Unicode class cut to the common characters
/// ([`is_common`]); everything else as it was.
fn to_common(hir: Hir) -> Hir {
    if !reaches_past_latin(&hir) {
        return hir;
    }
    static COMMON: std::sync::LazyLock<ClassUnicode> = std::sync::LazyLock::new(|| {
        ClassUnicode::new([
            ClassUnicodeRange::new('\0', '\u{24F}'),
            ClassUnicodeRange::new('\u{2000}', '\u{2BFF}'),
            ClassUnicodeRange::new('\u{1F000}', '\u{1FAFF}'),
        ])
    });
    match hir.into_kind() {
        HirKind::Class(Class::Unicode(mut class)) => {
            class.intersect(&COMMON);
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(class) => Hir::class(class),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Repetition(mut rep) => {
            rep.sub = Box::new(to_common(*rep.sub));
            Hir::repetition(rep)
        }
        HirKind::Capture(mut cap) => {
            cap.sub = Box::new(to_common(*cap.sub));
            Hir::capture(cap)
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(to_common).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(to_common).collect()),
    }
}

/// Several patterns searched at once, answering which of them match
/// anywhere (the subset of `regex::RegexSet` the gate uses).
#[derive(Debug)]
pub struct RegexSet {
    common: OnceLock<meta::Regex>,
    full: OnceLock<meta::Regex>,
    hirs: Vec<Hir>,
}

/// Which patterns of a [`RegexSet`] matched.
#[derive(Debug, Clone)]
pub struct SetMatches(PatternSet);

impl SetMatches {
    pub fn matched(&self, i: usize) -> bool {
        PatternID::new(i).is_ok_and(|p| self.0.contains(p))
    }
    pub fn matched_any(&self) -> bool {
        !self.0.is_empty()
    }
    /// Record that pattern `i` matched (a slot answered outside the set).
    pub fn set(&mut self, i: usize) {
        if let Ok(p) = PatternID::new(i) {
            self.0.insert(p);
        }
    }
}

impl RegexSet {
    /// Build the set; each pattern sets its own flags (`(?i)`). Built
    /// without the prefilter like the case-insensitive patterns: the set
    /// runs once per block. The form for common text is built now (its
    /// errors are the patterns'), the whole one when a text needs it (see
    /// [`is_common`]).
    pub fn new(patterns: &[String]) -> Result<RegexSet, Box<BuildError>> {
        let hirs = patterns
            .iter()
            .map(|p| parse(p, false))
            .collect::<Result<Vec<_>, _>>()?;
        let set = RegexSet {
            common: OnceLock::new(),
            full: OnceLock::new(),
            hirs,
        };
        let common = set.build(true)?;
        let _ = set.common.set(common);
        Ok(set)
    }
    fn build(&self, common: bool) -> Result<meta::Regex, Box<BuildError>> {
        let hirs: Vec<Hir> = if common {
            self.hirs.iter().cloned().map(to_common).collect()
        } else {
            self.hirs.clone()
        };
        meta::Builder::new()
            .configure(
                config(true)
                    .match_kind(MatchKind::All)
                    .which_captures(WhichCaptures::None),
            )
            .build_many_from_hir(&hirs)
            .map_err(|e| Box::new(BuildError::from(e)))
    }
    /// Which patterns match somewhere in `haystack`.
    pub fn matches(&self, haystack: &str) -> SetMatches {
        let common = is_common(haystack);
        let cell = if common { &self.common } else { &self.full };
        // The patterns parsed and the common form built: the whole form
        // builds too (it is the same patterns with larger classes).
        let re = cell.get_or_init(|| {
            self.build(common)
                .unwrap_or_else(|e| panic!("set patterns: {e}"))
        });
        let mut set = PatternSet::new(re.pattern_len());
        re.which_overlapping_matches(&Input::new(haystack), &mut set);
        SetMatches(set)
    }
}

/// A long list of names (the technology aliases) found the way the
/// alternation `(?i)(?:\bname1\b|\bname2\b|…)` would find them, with the
/// spaces inside a name matching any run of white space, but searched with
/// Aho-Corasick: compiling that alternation as a regex was a third of the
/// start-up, and searching with it most of the gate's time. Word bounds
/// (ASCII, as everywhere here) apply on the ends of a name that are ASCII
/// letters or digits; case folding is ASCII. The first name in the list
/// wins among those matching at the same position (list them longest
/// first), and matches do not overlap, as with the regex.
#[derive(Debug, Clone)]
pub struct Names {
    ac: AhoCorasick,
    /// Per name: (word bound at start, word bound at end).
    bounds: Vec<(bool, bool)>,
}

impl Names {
    pub fn new<S: AsRef<str>>(names: &[S]) -> Result<Names, aho_corasick::BuildError> {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let keys: Vec<String> = names
            .iter()
            .map(|n| n.as_ref().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        let bounds = names
            .iter()
            .map(|n| {
                let n = n.as_ref();
                (word(n.chars().next()), word(n.chars().last()))
            })
            .collect();
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&keys)?;
        Ok(Names { ac, bounds })
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.find_iter(haystack).next().is_some()
    }

    /// Every match, leftmost first, not overlapping.
    pub fn find_iter<'h>(&self, haystack: &'h str) -> std::vec::IntoIter<Match<'h>> {
        let (text, map) = squeeze_space(haystack);
        let is_word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        let bytes = text.as_bytes();
        // (start, name index, end) of every occurrence whose bounds hold.
        let mut hits: Vec<(usize, usize, usize)> = self
            .ac
            .find_overlapping_iter(&*text)
            .filter(|m| {
                let (s, e) = (m.start(), m.end());
                let (bs, be) = self.bounds[m.pattern().as_usize()];
                (!bs || s == 0 || !is_word(bytes.get(s - 1))) && (!be || !is_word(bytes.get(e)))
            })
            .map(|m| (m.start(), m.pattern().as_usize(), m.end()))
            .collect();
        hits.sort_unstable();
        let mut out = Vec::new();
        let mut from = 0;
        for (s, _, e) in hits {
            if s >= from {
                out.push(Match {
                    haystack,
                    start: map.as_ref().map_or(s, |m| m[s]),
                    end: map.as_ref().map_or(e, |m| m[e]),
                });
                from = e;
            }
        }
        out.into_iter()
    }
}

/// `text` with each run of white space made one ASCII space, and (when
/// anything changed) the map from its byte offsets back to `text`'s: the
/// start of a run maps to the run's start, the byte after it to the byte
/// after the run.
fn squeeze_space(text: &str) -> (std::borrow::Cow<'_, str>, Option<Vec<usize>>) {
    let plain = !text.char_indices().any(|(i, c)| {
        c.is_whitespace() && (c != ' ' || text[i + 1..].starts_with(char::is_whitespace))
    });
    if plain {
        return (std::borrow::Cow::Borrowed(text), None);
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                map.push(i);
            }
            in_space = true;
        } else {
            in_space = false;
            let at = out.len();
            out.push(c);
            for k in 0..out.len() - at {
                map.push(i + k);
            }
        }
    }
    map.push(text.len());
    (std::borrow::Cow::Owned(out), Some(map))
}

/// The `regex` crate's settings (leftmost-first, empty matches only at
/// character boundaries, its size limits), without the automatic prefilter
/// when `no_prefilter`.
fn config(no_prefilter: bool) -> meta::Config {
    meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .auto_prefilter(!no_prefilter)
}

/// Rewrite `p` so that it runs with Unicode off except where Unicode is
/// part of what it says: the whole pattern goes in `(?-u:…)` (ASCII case
/// folding, ASCII `\b` and `\d`), and `\w`, `\W`, `\s`, `\S`, `\p{…}`,
/// `\P{…}`, `.`, `\x{…}`, `\B`, cased non-ASCII letters and bracket classes
/// that are negated or hold non-ASCII characters or those escapes are
/// wrapped in `(?u:…)` so they match what they matched before (under `-u`
/// they would be ASCII or byte classes).
pub fn ascii_outside_unicode(p: &str) -> String {
    let b: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 32);
    out.push_str("(?-u:");
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (tok, n, unicode): (String, usize, bool) = match c {
            '\\' => {
                let n = escape_len(&b, i);
                let tok: String = b[i..i + n].iter().collect();
                let k = b.get(i + 1).copied().unwrap_or(' ');
                let ascii_class = matches!(k, 'd' | 'D');
                let u = unicode_escape(k);
                // `\D` under `-u` would be a byte class (not valid UTF-8):
                // any character but an ASCII digit.
                let tok = match (ascii_class, k) {
                    (true, 'D') => "(?u:[^0-9])".to_string(),
                    _ => tok,
                };
                (tok, n, u)
            }
            '[' => {
                let end = class_end(&b, i);
                let inner = &b[i + 1..end.saturating_sub(1).max(i + 1)];
                let negated = inner.first() == Some(&'^');
                let u = negated
                    || inner.iter().any(|c| !c.is_ascii())
                    || class_has_unicode_escape(inner);
                let tok = if u {
                    ascii_in_class(&b[i..end])
                } else {
                    b[i..end].iter().collect()
                };
                (tok, end - i, u)
            }
            '.' => (".".into(), 1, true),
            c if !c.is_ascii() && c.to_lowercase().ne(c.to_uppercase()) => (c.into(), 1, true),
            c => (c.into(), 1, false),
        };
        if unicode {
            out.push_str("(?u:");
            out.push_str(&tok);
            out.push(')');
        } else {
            out.push_str(&tok);
        }
        i += n;
    }
    out.push(')');
    out
}

/// Escapes whose meaning depends on Unicode mode and that must keep it.
fn unicode_escape(k: char) -> bool {
    matches!(k, 's' | 'S' | 'w' | 'W' | 'p' | 'P' | 'x' | 'u' | 'U' | 'B')
}

/// Inside a class kept Unicode, make `\d` and `\D` ASCII like everywhere else.
fn ascii_in_class(class: &[char]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < class.len() {
        if class[i] == '\\' {
            let n = escape_len(class, i);
            match class.get(i + 1) {
                Some('d') => out.push_str("0-9"),
                Some('D') => out.push_str("[^0-9]"),
                _ => out.extend(&class[i..i + n]),
            }
            i += n;
        } else {
            out.push(class[i]);
            i += 1;
        }
    }
    out
}

fn class_has_unicode_escape(inner: &[char]) -> bool {
    let mut i = 0;
    while i < inner.len() {
        if inner[i] == '\\' {
            if inner.get(i + 1).is_some_and(|&k| unicode_escape(k)) {
                return true;
            }
            i += escape_len(inner, i);
        } else {
            i += 1;
        }
    }
    false
}

/// Length in chars of the escape starting at `b[i]` (a backslash).
fn escape_len(b: &[char], i: usize) -> usize {
    let Some(&k) = b.get(i + 1) else { return 1 };
    let mut n = 2;
    if matches!(k, 'p' | 'P' | 'x' | 'u' | 'U') {
        if b.get(i + 2) == Some(&'{') {
            while i + n < b.len() && b[i + n] != '}' {
                n += 1;
            }
            n += 1;
        } else {
            n += match k {
                'p' | 'P' => 1,
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
        }
    }
    n.min(b.len() - i)
}

/// One past the `]` closing the class opened at `b[i]`.
fn class_end(b: &[char], i: usize) -> usize {
    let mut j = i + 1;
    if b.get(j) == Some(&'^') {
        j += 1;
    }
    if b.get(j) == Some(&']') {
        j += 1;
    }
    let mut depth = 1;
    while j < b.len() {
        match b[j] {
            '\\' => {
                j += escape_len(b, j);
                continue;
            }
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
        j += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_keeps_unicode_where_it_means_something() {
        for (pattern, want) in [
            (r"\bSLA\b", r"(?-u:\bSLA\b)"),
            (r"\d{1,3}", r"(?-u:\d{1,3})"),
            (r"[^\d]{0,10}", r"(?-u:(?u:[^0-9]){0,10})"),
            (r"\D", r"(?-u:(?u:[^0-9]))"),
            (r"expir\w*", r"(?-u:expir(?u:\w)*)"),
            (r"^\W{0,3}", r"(?-u:^(?u:\W){0,3})"),
            (r"a\s+b", r"(?-u:a(?u:\s)+b)"),
            (r"[(（]", r"(?-u:(?u:[(（]))"),
            (r"[\w()]+", r"(?-u:(?u:[\w()])+)"),
            (r"[KMGTP]i?B", r"(?-u:[KMGTP]i?B)"),
            (r"[:\]]", r"(?-u:[:\]])"),
            (r"a.b", r"(?-u:a(?u:.)b)"),
            (r"\p{Han}", r"(?-u:(?u:\p{Han}))"),
            (r"café", r"(?-u:caf(?u:é))"),
            ("万|千", "(?-u:万|千)"),
            (r"\$|\.|\-", r"(?-u:\$|\.|\-)"),
        ] {
            assert_eq!(ascii_outside_unicode(pattern), want, "{pattern}");
        }
    }

    /// Texts that tell Unicode and ASCII forms apart: CJK words next to
    /// names, no-break and ideographic spaces, full-width digits and
    /// punctuation, accented words.
    const TEXTS: &[&str] = &[
        "Availability: 99.9% uptime SLA (target) during business hours",
        "p95 latency under 200 ms at peak; 1,200 requests per second",
        "Kafka 暂不使用，deferred to phase 2",
        "Redis 用于缓存 later",
        "MongoDB: rejected — not needed",
        "Chrome locale，載入對應 UI map。Post-MVP 支援",
        "並發 ５０ 用户 and 100 concurrent users",
        "budget\u{a0}of $5,000 per month",
        "RTO\u{3000}4 小时，RPO 15 分钟",
        "Job de ingestão de e-mail em ≤ 60 s",
        "データは日本国内に保存（目標）",
        "동시 접속 1만 명, 초당 500건",
        "GDPR and SOC 2 Type II; HIPAA-eligible services",
        "hosted only in the EU; EU-based infrastructure",
        "> 無 Cons",
        "infrastructure costs must stay under €800/month",
        "(target: three nines) expiración 30 min timeout",
        "Verfügbarkeit ≥ 99,9 % — naïve café ✅ 🚀 Ⓐ ℃",
        "“Quoted” – en dash… • bullet™ → 2× the peak, ½ of 1–20 lines",
        "Ⅳ phases: Kafka ‿ deferred; ⁿ-tier Kubernetes",
    ];

    fn same(name: &str, pattern: &str, ci: bool) {
        let old = regex::RegexBuilder::new(&pattern.replace(r"\b", r"(?-u:\b)"))
            .case_insensitive(ci)
            .build()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let new = Regex::new(pattern, ci).unwrap_or_else(|e| panic!("{name}: {e}"));
        let names: Vec<&str> = old.capture_names().flatten().collect();
        for text in TEXTS {
            let a: Vec<_> = old.find_iter(text).map(|m| m.range()).collect();
            let b: Vec<_> = new.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(a, b, "{name} on {text:?}");
            assert_eq!(old.is_match(text), new.is_match(text), "{name} on {text:?}");
            let a: Vec<Vec<_>> = old
                .captures_iter(text)
                .map(|c| names.iter().map(|n| c.name(n).map(|m| m.range())).collect())
                .collect();
            let b: Vec<Vec<_>> = new
                .captures_iter(text)
                .map(|c| names.iter().map(|n| c.name(n).map(|m| m.range())).collect())
                .collect();
            assert_eq!(a, b, "{name} groups on {text:?}");
        }
    }

    #[test]
    fn vocabulary_patterns_match_as_the_regex_crate_builds_them() {
        let vocab: toml::Table =
            toml::from_str(include_str!("../../data/extract_vocab.toml")).expect("parses");
        let mut n = 0;
        for table in ["keywords", "phases"] {
            for (k, v) in vocab[table].as_table().expect("table") {
                same(k, v.as_str().expect("pattern"), true);
                n += 1;
            }
        }
        for row in vocab["framework"].as_array().expect("frameworks") {
            same(
                "framework",
                row["pattern"].as_str().expect("pattern"),
                false,
            );
            n += 1;
        }
        for row in vocab["region"].as_array().expect("regions") {
            same("region", row["pattern"].as_str().expect("pattern"), false);
            n += 1;
        }
        let tech: toml::Table =
            toml::from_str(include_str!("../../data/technologies.toml")).expect("parses");
        for (k, v) in tech["stance"].as_table().expect("stance") {
            if let Some(p) = v.as_str() {
                same(k, p, k != "alternative_word");
                n += 1;
            }
        }
        same("nines", super::super::numbers::NINES_PATTERN, false);
        same("based", super::super::labels::BASED_PATTERN, false);
        assert!(n > 60, "only {n} patterns compared");
    }

    #[test]
    fn common_text_is_told_from_other_text() {
        for (text, common) in [
            ("plain ASCII", true),
            ("café ≥ 99.9% — ✅ 🚀", true),
            ("Kafka 暂不使用", false),
            ("RTO\u{3000}4", false),
            ("동시 접속", false),
            ("Ωmega", false),
        ] {
            assert_eq!(is_common(text), common, "{text:?}");
        }
    }

    /// The recognisers compile on first use; every one the vocabulary and
    /// the technology stance words build must compile.
    #[test]
    fn every_lazily_built_recogniser_compiles() {
        std::sync::LazyLock::force(&super::super::vocab::VOCAB);
        super::super::tech::build_words();
        let built = LAZY
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        assert!(built.len() > 90, "only {} patterns built", built.len());
        for (pattern, ci) in built {
            for common in [true, false] {
                if let Err(e) = build(&pattern, ci, common) {
                    panic!("{pattern}: {e}");
                }
            }
        }
    }

    #[test]
    fn set_reports_the_same_patterns() {
        let pats = [
            r"(?i:\bkafka\b|\bredis\b)".to_string(),
            r"\bSOC ?2\b".to_string(),
            "[0-9]".to_string(),
            r"(?i)%|％|percent|pct".to_string(),
        ];
        let old =
            regex::RegexSet::new(pats.iter().map(|p| p.replace(r"\b", r"(?-u:\b)"))).expect("set");
        let new = RegexSet::new(&pats).expect("set");
        for text in TEXTS {
            let a = old.matches(text);
            let b = new.matches(text);
            assert_eq!(a.matched_any(), b.matched_any(), "{text:?}");
            for i in 0..pats.len() {
                assert_eq!(a.matched(i), b.matched(i), "{i} on {text:?}");
            }
        }
    }
}
