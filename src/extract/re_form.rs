//! The form the extractor's patterns are compiled in (see the module doc of
//! `re.rs`): the pattern rewritten to ASCII outside what needs Unicode,
//! parsed, and, for texts of common characters, its Unicode classes cut to
//! those characters. Shared by the library and by `build.rs`, which compiles
//! the listed patterns to DFAs ahead of time: both must build the very same
//! automaton, so both take the form from here.

use regex_automata::util::syntax;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// `pattern` in the form the module comment describes, parsed; for texts of
/// common characters only when `common` (see [`is_common`]).
pub fn hir(
    pattern: &str,
    case_insensitive: bool,
    common: bool,
) -> Result<Hir, Box<regex_syntax::Error>> {
    let config = syntax::Config::new()
        .case_insensitive(case_insensitive)
        .utf8(true);
    let hir = syntax::parse_with(&ascii_outside_unicode(pattern), &config).map_err(Box::new)?;
    Ok(if common { to_common(hir) } else { hir })
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
pub fn to_common(hir: Hir) -> Hir {
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

/// How the NFA with groups of a pattern is compiled (`re.rs`
/// `groups_engine`; build.rs compiles the same one ahead of time).
pub fn groups_config() -> regex_automata::nfa::thompson::Config {
    regex_automata::nfa::thompson::Config::new()
        .utf8(true)
        .nfa_size_limit(Some(10 * (1 << 20)))
}

/// The words of an NFA as build.rs writes them (`encode_nfa` there) read
/// back: the same states added one by one in order through the NFA
/// builder, which is what the compiler does too, so parsing and compiling
/// the pattern (most of what finding a match's groups cost) is skipped.
/// build.rs checks that each one read back is the compiled NFA itself;
/// `None` when the words are not such an NFA.
///
/// Layout: states, anchored start, unanchored start, pattern start, UTF-8
/// flag, then per state a tag and its fields: 0 byte range (start, end,
/// next), 1 sparse (count, then start, end, next each), 2 look (look, next),
/// 3 union (count, alternates), 4 group start (next, group, name length in
/// bytes + 1 or 0 when unnamed, the name's bytes one a word), 5 group end
/// (next, group), 6 fail, 7 match.
pub fn decode_nfa(words: &[u32]) -> Option<regex_automata::nfa::thompson::NFA> {
    use regex_automata::nfa::thompson::{Builder, Transition};
    use regex_automata::util::look::Look;
    use regex_automata::util::primitives::StateID;

    let mut at = 0;
    let mut word = || {
        let w = words.get(at).copied();
        at += 1;
        w
    };
    let id = |w: u32| StateID::new(w as usize).ok();
    let byte = |w: u32| u8::try_from(w).ok();
    let n = word()?;
    let (anchored, unanchored, start) = (id(word()?)?, id(word()?)?, id(word()?)?);
    let mut b = Builder::new();
    b.set_utf8(word()? == 1);
    b.start_pattern().ok()?;
    for _ in 0..n {
        match word()? {
            0 => {
                let (start, end, next) = (byte(word()?)?, byte(word()?)?, id(word()?)?);
                b.add_range(Transition { start, end, next }).ok()?;
            }
            1 => {
                let mut transitions = Vec::new();
                for _ in 0..word()? {
                    let (start, end, next) = (byte(word()?)?, byte(word()?)?, id(word()?)?);
                    transitions.push(Transition { start, end, next });
                }
                b.add_sparse(transitions).ok()?;
            }
            2 => {
                let look = Look::from_repr(word()?)?;
                b.add_look(id(word()?)?, look).ok()?;
            }
            3 => {
                let mut alternates = Vec::new();
                for _ in 0..word()? {
                    alternates.push(id(word()?)?);
                }
                b.add_union(alternates).ok()?;
            }
            4 => {
                let (next, group) = (id(word()?)?, word()?);
                let name = match word()? {
                    0 => None,
                    len => {
                        let mut bytes = Vec::new();
                        for _ in 1..len {
                            bytes.push(byte(word()?)?);
                        }
                        Some(std::sync::Arc::from(String::from_utf8(bytes).ok()?))
                    }
                };
                b.add_capture_start(next, group, name).ok()?;
            }
            5 => {
                let (next, group) = (id(word()?)?, word()?);
                b.add_capture_end(next, group).ok()?;
            }
            6 => {
                b.add_fail().ok()?;
            }
            7 => {
                b.add_match().ok()?;
            }
            _ => return None,
        }
    }
    b.finish_pattern(start).ok()?;
    b.build(anchored, unanchored).ok()
}
