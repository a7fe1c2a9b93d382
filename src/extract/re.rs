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
//! Even so, compiling the patterns a run needs was 120 M of the 201 M
//! instructions of `infrarch design` on the bundled example, and filling
//! the lazy DFAs' caches another 30 M. So the patterns are compiled ahead of
//! time: `build.rs` turns every pattern listed in
//! `data/extract_patterns.txt` (each form: common text and any text; the
//! gate's [`RegexSet`] too) into a forward and a reverse DFA (what
//! `regex_automata::dfa::regex::Regex` is), made sparse (dense ones were
//! 47 MB for the list; sparse, 8 MB) except the forward DFAs of the
//! common-text form under 512 KB, kept dense (a sparse state scans its byte
//! ranges for each byte, and searching was a fifth of a run; +6 MB), and
//! embedded. A run reads the ones it uses in place:
//!
//! - without re-validating them (`from_bytes_unchecked`, the crate's one
//!   unsafe call): the checked read walks every transition and cost 81 M
//!   instructions, more than compiling did. The bytes are what the same
//!   regex-automata serialised in the same build; a test validates every
//!   one fully.
//! - `is_match`, `find` and `find_iter` are the DFAs' answers. For the
//!   groups (`captures`), the DFAs find the match and an NFA simulation
//!   (PikeVM, from the forward NFA only) compiled on the first match runs
//!   anchored on that span; a pattern with groups that matches nothing is
//!   never compiled.
//! - a pattern that is not listed, or cannot be a DFA (a Unicode word
//!   boundary), or whose DFA is too large (see `build.rs`; the whole form
//!   of the patterns with `\w` under a counted repeat), is compiled at run
//!   time as above. A test fails when a recogniser builds a pattern that is
//!   not listed; `INFRARCH_BLESS_PATTERNS=1` on that test rewrites the list.
//!
//! What a pattern matches is unchanged otherwise (the tests below compare
//! every vocabulary pattern and every listed one, through the DFAs, with the
//! `regex` crate's build on mixed-script text); write new patterns as usual
//! and build them through [`super::vocab::compile`], never
//! `regex::Regex::new`.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex_automata::dfa::{Automaton, dense, sparse};
use regex_automata::meta;
use regex_automata::nfa::thompson;
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::util::captures::Captures as Caps;
use regex_automata::util::iter::Searcher;
use regex_automata::{Anchored, HalfMatch, Input, MatchError, MatchKind, PatternID, PatternSet};

#[cfg(test)]
use super::re_form::ascii_outside_unicode;
pub use super::re_form::is_common;

/// The precompiled DFAs (see `build.rs`).
mod precompiled {
    /// Where a pattern's DFAs are in the blob (see the generated doc).
    pub type Slots = [(u32, u32); 4];
    /// One pattern's entry (see the generated doc).
    pub type Entry = (&'static str, bool, Slots, bool, (u32, u32));
    include!(concat!(env!("OUT_DIR"), "/re_dfa.rs"));
}

/// The blob's bytes, 8-aligned: a dense DFA is read in place as `u32`s
/// (build.rs starts every DFA at a multiple of 8 in the blob).
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u64; 0],
    bytes: B,
}

/// The NFAs with groups (`build.rs`), little-endian words end to end.
static NFA_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/re_nfa.bin"));

/// The NFA with groups build.rs compiled for the common-text form of
/// `pattern`, if it did.
fn precompiled_nfa(pattern: &str, case_insensitive: bool) -> Option<thompson::NFA> {
    let index = precompiled::INDEX;
    let i = index
        .binary_search_by(|(p, ci, ..)| (*p, *ci).cmp(&(pattern, case_insensitive)))
        .ok()?;
    let (offset, len) = index[i].4;
    let bytes = NFA_BLOB.get(offset as usize * 4..(offset as usize + len as usize) * 4)?;
    if bytes.is_empty() {
        return None;
    }
    let words: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    super::re_form::decode_nfa(&words)
}

/// The precompiled DFAs, end to end (`build.rs`).
static BLOB: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/re_dfa.bin")),
};

/// One precompiled DFA: dense (the forward DFA of the common-text form when
/// small enough, see `build.rs`) or sparse.
#[derive(Debug, Clone)]
enum Table {
    Dense(dense::DFA<&'static [u32]>),
    Sparse(sparse::DFA<&'static [u8]>),
}

impl Table {
    fn try_search_fwd(&self, input: &Input<'_>) -> Result<Option<HalfMatch>, MatchError> {
        match self {
            Table::Dense(d) => d.try_search_fwd(input),
            Table::Sparse(d) => d.try_search_fwd(input),
        }
    }
    fn try_search_rev(&self, input: &Input<'_>) -> Result<Option<HalfMatch>, MatchError> {
        match self {
            Table::Dense(d) => d.try_search_rev(input),
            Table::Sparse(d) => d.try_search_rev(input),
        }
    }
    fn is_always_start_anchored(&self) -> bool {
        match self {
            Table::Dense(d) => d.is_always_start_anchored(),
            Table::Sparse(d) => d.is_always_start_anchored(),
        }
    }
}

/// The DFA at `(offset, length)` of the blob, dense or sparse as build.rs
/// wrote it; `None` for an empty slot.
#[allow(unsafe_code)]
fn read_dfa((offset, len): (u32, u32), dense: bool) -> Option<Table> {
    let bytes = BLOB
        .bytes
        .get(offset as usize..offset as usize + len as usize)?;
    if bytes.is_empty() {
        return None;
    }
    // SAFETY: `bytes` is one whole DFA that build.rs serialised with
    // `sparse::DFA::to_bytes_*_endian` or `dense::DFA::write_to_*_endian` (as
    // `dense` says) of this same regex-automata (the lock file has one
    // version for the build script and the library), and a DFA its
    // serialiser wrote is valid, which is all `from_bytes_unchecked` asks.
    // It still checks the header (label, endianness, version) and, for a
    // dense one, the alignment. The checked `from_bytes` validates every
    // transition, which cost more than compiling the pattern did (81 M
    // instructions of a 190 M run); the test
    // `every_precompiled_dfa_passes_full_validation` runs it on every DFA.
    unsafe {
        if dense {
            dense::DFA::from_bytes_unchecked(bytes)
                .ok()
                .map(|(dfa, _)| Table::Dense(dfa))
        } else {
            sparse::DFA::from_bytes_unchecked(bytes)
                .ok()
                .map(|(dfa, _)| Table::Sparse(dfa))
        }
    }
}

/// A pattern's precompiled forward and reverse DFAs, searched as
/// `regex_automata::dfa::regex::Regex` searches them (which wants both of
/// one kind: here the forward one may be dense and the reverse one sparse).
#[derive(Debug, Clone)]
struct Dfa {
    fwd: Table,
    rev: Table,
}

impl Dfa {
    fn is_match(&self, haystack: &str) -> bool {
        let input = Input::new(haystack).earliest(true);
        self.fwd
            .try_search_fwd(&input)
            .map(|m| m.is_some())
            .expect("the precompiled DFAs have no quit bytes")
    }
    fn find(&self, haystack: &str) -> Option<regex_automata::Match> {
        self.try_search(&Input::new(haystack))
            .expect("the precompiled DFAs have no quit bytes")
    }
    fn find_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = regex_automata::Match> + 'r
    where
        'h: 'r,
    {
        let mut it = Searcher::new(Input::new(haystack));
        std::iter::from_fn(move || it.advance(|input| self.try_search(input)))
    }
    /// `regex_automata::dfa::regex::Regex::try_search`: the forward DFA
    /// finds the end, the reverse DFA, anchored there, the start.
    fn try_search(&self, input: &Input<'_>) -> Result<Option<regex_automata::Match>, MatchError> {
        let Some(end) = self.fwd.try_search_fwd(input)? else {
            return Ok(None);
        };
        if input.start() == end.offset() {
            return Ok(Some(regex_automata::Match::new(
                end.pattern(),
                end.offset()..end.offset(),
            )));
        }
        let anchored = match input.get_anchored() {
            Anchored::No => self.fwd.is_always_start_anchored(),
            Anchored::Yes | Anchored::Pattern(_) => true,
        };
        if anchored {
            return Ok(Some(regex_automata::Match::new(
                end.pattern(),
                input.start()..end.offset(),
            )));
        }
        let revsearch = input
            .clone()
            .span(input.start()..end.offset())
            .anchored(Anchored::Yes)
            .earliest(false);
        let start = self
            .rev
            .try_search_rev(&revsearch)?
            .expect("reverse search must match if forward search does");
        Ok(Some(regex_automata::Match::new(
            end.pattern(),
            start.offset()..end.offset(),
        )))
    }
}

/// The precompiled DFAs of `pattern` in the form for common text (see
/// [`is_common`]) or for any text; `None` when `build.rs` did not compile
/// that form (the pattern is not listed, or cannot be a DFA).
fn precompiled(pattern: &str, case_insensitive: bool, common: bool) -> Option<Dfa> {
    let index = precompiled::INDEX;
    let i = index
        .binary_search_by(|(p, ci, ..)| (*p, *ci).cmp(&(pattern, case_insensitive)))
        .ok()?;
    let (_, _, slots, dense_fwd, _) = index[i];
    let k = if common { 0 } else { 2 };
    Some(Dfa {
        fwd: read_dfa(slots[k], common && dense_fwd)?,
        rev: read_dfa(slots[k + 1], false)?,
    })
}

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
    /// The precompiled DFAs for common text, if any, read on first use.
    dfa_common: OnceLock<Option<Dfa>>,
    /// The precompiled DFAs for any text, if any.
    dfa_full: OnceLock<Option<Dfa>>,
    /// The engine for the groups of a match the DFAs found, for common
    /// text; compiled on the first such match.
    groups_common: OnceLock<Groups>,
    /// The same for any text.
    groups_full: OnceLock<Groups>,
}

/// An NFA simulation with groups and its scratch space, kept between
/// matches: creating the scratch space for each match cost more than the
/// search did.
#[derive(Debug)]
struct Groups {
    vm: PikeVM,
    cache: std::sync::Mutex<pikevm::Cache>,
}

/// Why a pattern does not compile.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Syntax(#[from] regex_syntax::Error),
    #[error(transparent)]
    Build(#[from] meta::BuildError),
    #[error(transparent)]
    Nfa(#[from] thompson::BuildError),
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
            dfa_common: OnceLock::new(),
            dfa_full: OnceLock::new(),
            groups_common: OnceLock::new(),
            groups_full: OnceLock::new(),
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
    /// The precompiled DFAs that answer for `haystack`, if there are any.
    fn dfa(&self, haystack: &str) -> Option<&Dfa> {
        let common = is_common(haystack);
        let cell = if common {
            &self.dfa_common
        } else {
            &self.dfa_full
        };
        cell.get_or_init(|| precompiled(&self.pattern, self.case_insensitive, common))
            .as_ref()
    }
    pub fn is_match(&self, haystack: &str) -> bool {
        match self.dfa(haystack) {
            Some(dfa) => dfa.is_match(haystack),
            None => self.re(haystack).is_match(haystack),
        }
    }
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        match self.dfa(haystack) {
            Some(dfa) => dfa.find(haystack),
            None => self.re(haystack).find(haystack),
        }
        .map(|m| Match::new(haystack, m.span()))
    }
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        let (dfa, re) = match self.dfa(haystack) {
            Some(dfa) => (Some(dfa.find_iter(haystack)), None),
            None => (None, Some(self.re(haystack).find_iter(haystack))),
        };
        dfa.into_iter()
            .flatten()
            .chain(re.into_iter().flatten())
            .map(move |m| Match::new(haystack, m.span()))
    }
    /// The groups of the match at `span` (found by the DFAs): an NFA
    /// simulation with groups, compiled on the first match (only the
    /// forward NFA: a third of what the full engine compiles), run anchored
    /// there. The match it finds is the same: the leftmost-first match
    /// starts at the span's start, and the highest-priority match starting
    /// there ends at the span's end (look-around still sees the whole
    /// haystack).
    fn captures_at<'h>(&self, haystack: &'h str, span: regex_automata::Span) -> Captures<'h> {
        let common = is_common(haystack);
        let cell = if common {
            &self.groups_common
        } else {
            &self.groups_full
        };
        let groups = cell.get_or_init(|| {
            let vm =
                groups_engine(&self.pattern, self.case_insensitive, common).unwrap_or_else(|e| {
                    panic!(
                        "bad pattern in compiled-in vocabulary: {}: {e}",
                        self.pattern
                    )
                });
            let cache = std::sync::Mutex::new(vm.create_cache());
            Groups { vm, cache }
        });
        let vm = &groups.vm;
        let mut caps = vm.create_captures();
        let input = Input::new(haystack).span(span).anchored(Anchored::Yes);
        // Another thread searching with this pattern gets scratch space of
        // its own rather than waiting (the search resets it either way).
        match groups.cache.try_lock() {
            Ok(mut cache) => vm.search(&mut cache, &input, &mut caps),
            Err(_) => vm.search(&mut vm.create_cache(), &input, &mut caps),
        }
        debug_assert_eq!(caps.get_match().map(|m| m.span()), Some(span));
        Captures { haystack, caps }
    }
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        if let Some(dfa) = self.dfa(haystack) {
            let m = dfa.find(haystack)?;
            return Some(self.captures_at(haystack, m.span()));
        }
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
        let (dfa, re) = match self.dfa(haystack) {
            Some(dfa) => (Some(dfa.find_iter(haystack)), None),
            None => (None, Some(self.re(haystack).captures_iter(haystack))),
        };
        dfa.into_iter()
            .flatten()
            .map(move |m| self.captures_at(haystack, m.span()))
            .chain(
                re.into_iter()
                    .flatten()
                    .map(move |caps| Captures { haystack, caps }),
            )
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
    let hir = super::re_form::hir(pattern, case_insensitive, common)
        .map_err(|e| Box::new(BuildError::from(*e)))?;
    // Prefix extraction explodes on case-insensitive words (see above).
    let no_prefilter = case_insensitive || pattern.contains("(?i");
    meta::Builder::new()
        .configure(config(no_prefilter))
        .build_from_hir(&hir)
        .map_err(|e| Box::new(BuildError::from(e)))
}

/// The NFA simulation with groups of `pattern` (see `captures_at`).
fn groups_engine(
    pattern: &str,
    case_insensitive: bool,
    common: bool,
) -> Result<PikeVM, Box<BuildError>> {
    // Compiled ahead of time for common text (parsing the pattern was most
    // of compiling it).
    if common && let Some(nfa) = precompiled_nfa(pattern, case_insensitive) {
        return PikeVM::new_from_nfa(nfa).map_err(|e| Box::new(BuildError::from(e)));
    }
    let hir = super::re_form::hir(pattern, case_insensitive, common)
        .map_err(|e| Box::new(BuildError::from(*e)))?;
    let nfa = thompson::Compiler::new()
        .configure(super::re_form::groups_config())
        .build_from_hir(&hir)
        .map_err(|e| Box::new(BuildError::from(e)))?;
    PikeVM::new_from_nfa(nfa).map_err(|e| Box::new(BuildError::from(e)))
}

/// Several patterns searched at once, answering which of them match
/// anywhere (the subset of `regex::RegexSet` the gate uses): each pattern's
/// `is_match`, on its precompiled DFA. One DFA of the whole set (all
/// matches, overlapping) was 10 MB and took 16 s to build; nine scans of a
/// block with small DFAs cost less than the set's lazy DFA did.
#[derive(Debug)]
pub struct RegexSet {
    patterns: Vec<Regex>,
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
    /// Build the set; each pattern sets its own flags (`(?i)`). A pattern
    /// `build.rs` did not precompile is compiled now (its errors are the
    /// set's); the others compiled then.
    pub fn new(patterns: &[String]) -> Result<RegexSet, Box<BuildError>> {
        let patterns = patterns
            .iter()
            .map(|p| {
                let re = Regex::lazy(p, false);
                if re.dfa("").is_none() {
                    re.check()?;
                }
                Ok(re)
            })
            .collect::<Result<Vec<_>, Box<BuildError>>>()?;
        Ok(RegexSet { patterns })
    }
    /// Which patterns match somewhere in `haystack`.
    pub fn matches(&self, haystack: &str) -> SetMatches {
        let mut set = SetMatches(PatternSet::new(self.patterns.len()));
        for (i, re) in self.patterns.iter().enumerate() {
            if re.is_match(haystack) {
                set.set(i);
            }
        }
        set
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
        "每秒处理 1.5万 次请求，峰值 2k rps; 500 GB of data, 30 TiB in 2 years",
        "Postgres over MongoDB; Redis (optional, later) — RPO 5 min, RTO under 1 h",
        "ready by 06:00 UTC; p99 < 300ms for 95% of requests; 10,000 daily active users",
    ];

    fn same(name: &str, pattern: &str, ci: bool) {
        same_as(name, &pattern.replace(r"\b", r"(?-u:\b)"), pattern, ci);
    }

    /// [`Regex`] of `pattern` finds what the `regex` crate's build of
    /// `reference` finds.
    fn same_as(name: &str, reference: &str, pattern: &str, ci: bool) {
        let old = regex::RegexBuilder::new(reference)
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
            assert_eq!(
                old.find(text).map(|m| m.range()),
                new.find(text).map(|m| m.range()),
                "{name} on {text:?}"
            );
            assert_eq!(
                old.captures(text).map(|c| names
                    .iter()
                    .map(|n| c.name(n).map(|m| m.range()))
                    .collect::<Vec<_>>()),
                new.captures(text).map(|c| names
                    .iter()
                    .map(|n| c.name(n).map(|m| m.range()))
                    .collect::<Vec<_>>()),
                "{name} first groups on {text:?}"
            );
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

    /// Every DFA build.rs embedded is valid: the full validation that
    /// [`read_dfa`] skips at run time passes on each, and each fills its
    /// slot exactly.
    #[test]
    fn every_precompiled_dfa_passes_full_validation() {
        let mut n = 0;
        let mut dense_n = 0;
        for (pattern, _, slots, dense_fwd, _) in precompiled::INDEX {
            for (k, (offset, len)) in slots.iter().enumerate().filter(|(_, (_, len))| *len > 0) {
                let bytes = &BLOB.bytes[*offset as usize..(*offset + *len) as usize];
                let read = if k == 0 && *dense_fwd {
                    dense_n += 1;
                    dense::DFA::from_bytes(bytes).map(|(_, read)| read)
                } else {
                    sparse::DFA::from_bytes(bytes).map(|(_, read)| read)
                }
                .unwrap_or_else(|e| panic!("{pattern}: {e}"));
                assert_eq!(read, bytes.len(), "{pattern}");
                n += 1;
            }
        }
        assert!(dense_n > 100, "only {dense_n} dense forward DFAs embedded");
        assert!(n > 300, "only {n} DFAs embedded");
    }

    /// Every listed pattern with groups has an NFA build.rs embedded, and
    /// it reads back as the NFA the run time would compile for it.
    #[test]
    fn every_precompiled_groups_nfa_is_the_compiled_one() {
        let mut n = 0;
        for (pattern, ci, ..) in precompiled::INDEX {
            let hir = super::super::re_form::hir(pattern, *ci, true).expect("parses");
            if hir.properties().explicit_captures_len() == 0 {
                continue;
            }
            let compiled = thompson::Compiler::new()
                .configure(super::super::re_form::groups_config())
                .build_from_hir(&hir)
                .expect("compiles");
            let read = precompiled_nfa(pattern, *ci)
                .unwrap_or_else(|| panic!("no NFA with groups embedded: {pattern}"));
            assert_eq!(format!("{read:?}"), format!("{compiled:?}"), "{pattern}");
            assert!(read.states() == compiled.states(), "{pattern}");
            n += 1;
        }
        assert!(n > 15, "only {n} patterns with groups listed");
    }

    /// Every listed pattern, answered by its precompiled DFAs where it has
    /// them (and by the NFA simulation for the groups), finds what the
    /// `regex` crate's build of its form finds on mixed-script text.
    #[test]
    fn precompiled_patterns_match_as_the_regex_crate_builds_them() {
        let mut with_dfa = 0;
        for (pattern, ci, ..) in precompiled::INDEX {
            let re = Regex::new(pattern, *ci).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            if re.dfa("ascii").is_some() {
                with_dfa += 1;
            }
            // Against the form the engine compiled before (ASCII `\d` and
            // folding, see the module doc), so the DFAs answer as it did.
            same_as(pattern, &ascii_outside_unicode(pattern), pattern, *ci);
        }
        assert!(
            with_dfa * 10 > precompiled::INDEX.len() * 9,
            "only {with_dfa} of {} patterns precompiled",
            precompiled::INDEX.len()
        );
    }

    /// The list build.rs compiles (`data/extract_patterns.txt`) holds every
    /// pattern the recognisers build on the repository's planning documents
    /// (an unlisted one still works, compiled at run time, only slower).
    /// `INFRARCH_BLESS_PATTERNS=1` rewrites the list from what was built;
    /// run this test alone then.
    #[test]
    fn pattern_list_holds_every_recogniser() {
        std::sync::LazyLock::force(&super::super::vocab::VOCAB);
        super::super::tech::build_words();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut docs = Vec::new();
        let mut dirs = vec![root.join("examples"), root.join("tests/fixtures")];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "md")
                    && let Ok(doc) = crate::ingest::load_file(&p)
                {
                    docs.push(doc);
                }
            }
        }
        assert!(docs.len() > 50, "found only {} documents", docs.len());
        for doc in &docs {
            super::super::extract("t", std::slice::from_ref(doc));
        }
        let mut built = LAZY
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        built.sort();
        built.dedup();
        assert!(built.len() > 120, "only {} patterns built", built.len());
        if std::env::var_os("INFRARCH_BLESS_PATTERNS").is_some() {
            let lines = built.iter().map(|(p, ci)| (if *ci { 'i' } else { 's' }, p));
            let list: String = lines
                .map(|(flag, p)| {
                    assert!(!p.contains('\n'), "a pattern holds a line break: {p}");
                    format!("{flag}\t{p}\n")
                })
                .collect();
            std::fs::write(root.join("data/extract_patterns.txt"), list).expect("write list");
            return;
        }
        let listed = |p: &str, ci: bool| {
            precompiled::INDEX
                .binary_search_by(|(q, c, ..)| (*q, *c).cmp(&(p, ci)))
                .is_ok()
        };
        for (p, ci) in &built {
            assert!(
                listed(p, *ci),
                "not in data/extract_patterns.txt (rerun this test alone with \
                 INFRARCH_BLESS_PATTERNS=1): {p}"
            );
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
