//! Where a number sits: the sentence or table cell around it, the label of
//! its row or list item, the column header, the lead-in sentence of its list
//! and the chain of headings above it. Recognisers read these to decide what
//! a number means; nothing here knows about kinds.

use crate::markdown::{Block, BlockKind, Parsed};

/// One piece of text to scan, with its context.
#[derive(Debug, Clone, Copy)]
pub struct Seg<'a> {
    /// Index of the block in `Parsed::blocks`.
    pub block: usize,
    /// The text scanned: one sentence, or one table cell.
    pub text: &'a str,
    /// The whole sentence, or the whole table row.
    pub sentence: &'a str,
    /// The row label (first cell), or a list item's `Label:` prefix.
    pub label: &'a str,
    /// The column header of a table cell.
    pub header: &'a str,
    /// The sentence ending in `:` that introduces the list the block is in.
    pub lead_in: &'a str,
    /// Headings above the block, innermost first, joined by ` / `.
    pub heading: &'a str,
    /// The block is itself a heading.
    pub is_heading: bool,
}

impl Seg<'_> {
    /// The heading the block sits directly under (without its parents).
    pub fn innermost_heading(&self) -> &str {
        self.heading.split(" / ").next().unwrap_or("")
    }
}

/// Heading chains for every heading block of a document (index = block index).
pub fn heading_chains(parsed: &Parsed) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; parsed.blocks.len()];
    // Stack of (level, text) of the headings currently open.
    let mut stack: Vec<(u8, &str)> = Vec::new();
    for (i, b) in parsed.blocks.iter().enumerate() {
        if let BlockKind::Heading(level) = b.kind {
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            stack.push((level, b.text.as_str()));
            let mut chain = String::new();
            for (_, t) in stack.iter().rev() {
                if !chain.is_empty() {
                    chain.push_str(" / ");
                }
                chain.push_str(t);
            }
            out[i] = Some(chain);
        }
    }
    out
}

/// Does `before` (the text up to a full stop) end with an abbreviation
/// that never ends a sentence?
fn abbreviation(before: &str) -> bool {
    let b = before.trim_end().to_ascii_lowercase();
    ["e.g", "i.e", " vs", "(vs", " approx", " incl", " cf"]
        .iter()
        .any(|a| b.ends_with(a))
        || b == "vs"
        || initial(before.trim_end())
}

/// Whether text ends with an initial: one capital letter after a space or a
/// bracket ("US East (N. Virginia)", "J. Weber").
fn initial(before: &str) -> bool {
    let mut rev = before.chars().rev();
    matches!(
        (rev.next(), rev.next()),
        (Some(c), Some(' ' | '(')) if c.is_ascii_uppercase()
    )
}

/// Split text into sentences: `. ` `! ` `? ` `; ` and their CJK forms.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        loop {
            let Some((i, c)) = chars.next() else {
                // The rest after the last boundary.
                let rest = text[start..].trim();
                start = text.len();
                return (!rest.is_empty()).then_some(rest);
            };
            let end = i + c.len_utf8();
            let boundary = match c {
                '。' | '！' | '？' | '；' => true,
                // A full stop ends a sentence only before whitespace: keeps
                // `1.5`, `e.g.x` and `Fly.io` whole.
                // Nor after an abbreviation that never ends a sentence
                // ("e.g. 99.9%", "i.e. the API", "vs. Azure").
                '.' => {
                    (end >= bytes.len() || bytes[end].is_ascii_whitespace())
                        && !abbreviation(&text[start..i])
                }
                '!' | '?' | ';' => end >= bytes.len() || bytes[end].is_ascii_whitespace(),
                _ => false,
            };
            if boundary {
                let piece = text[start..end].trim();
                start = end;
                if !piece.is_empty() {
                    return Some(piece);
                }
            }
        }
    })
}

/// Bounds of the clause around `pos`: delimited by `, ` `;` `，` `；` `、`
/// (a comma inside `1,000` has no space after it and does not split).
pub fn clause_bounds(text: &str, pos: usize) -> (usize, usize) {
    let pos = pos.min(text.len());
    let b = text.as_bytes();
    // Byte search: each delimiter starts with a byte that only ever starts a
    // character, so no decoding is needed. Returns the delimiter's length.
    let delim = |i: usize| -> Option<usize> {
        match b[i] {
            b';' | b'\n' => Some(1),
            b',' if b.get(i + 1) == Some(&b' ') => Some(1),
            // '，' U+FF0C and '；' U+FF1B
            0xEF if matches!(b.get(i + 1..i + 3), Some([0xBC, 0x8C | 0x9B])) => Some(3),
            // '、' U+3001
            0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x81]) => Some(3),
            _ => None,
        }
    };
    let start = (0..pos)
        .rev()
        .find_map(|i| delim(i).map(|n| i + n))
        .unwrap_or(0);
    let end = (pos..b.len())
        .find(|&i| delim(i).is_some())
        .unwrap_or(b.len());
    (start, end)
}

/// A table's first cell that is only an identifier (`NFR1`, `FK-6.6`,
/// `NFR-PERF-001`) says nothing; the next cell is the real label.
pub fn is_identifier(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.len() <= 20
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '#'))
}

/// `Label: value` → (label, value), when the label is short.
pub fn split_label(text: &str) -> (&str, &str) {
    // The first colon, ASCII or full-width, that starts no later than just
    // after byte 240; found by byte search, since most blocks have none.
    let b = text.as_bytes();
    let limit = b.len().min(248);
    // A colon between digits is a clock time or a ratio ("23:30", "16:9"),
    // never the end of a label.
    let clock = |i: usize| {
        i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    let Some(i) = (0..limit).find(|&i| {
        (b[i] == b':' && !clock(i)) || (b[i] == 0xEF && b.get(i + 1..i + 3) == Some(&[0xBC, 0x9A]))
    }) else {
        return ("", text);
    };
    // A colon counts when the character before it starts at byte 240 or
    // earlier (labels are short; a colon deep in prose is not a label's).
    let prev_start = text[..i].char_indices().next_back().map_or(0, |(p, _)| p);
    if prev_start > 240 {
        return ("", text);
    }
    let colon_len = if b[i] == b':' { 1 } else { 3 };
    let label = &text[..i];
    if label.chars().count() <= 60 && !label.trim().is_empty() {
        return (label.trim(), text[i + colon_len..].trim());
    }
    ("", text)
}

/// Walk a document's blocks and call `f` with every segment to scan.
/// Code and raw HTML are skipped: they are examples and markup, not statements.
pub fn for_each_segment<'a>(
    parsed: &'a Parsed,
    chains: &'a [Option<String>],
    mut f: impl FnMut(&Seg<'a>),
) {
    let mut header: Option<&'a [String]> = None;
    let mut lead_in: &'a str = "";
    for (i, b) in parsed.blocks.iter().enumerate() {
        let heading = heading_of(b, chains);
        match &b.kind {
            BlockKind::Code { .. } | BlockKind::Html => {
                header = None;
                lead_in = "";
            }
            BlockKind::Heading(_) => {
                header = None;
                lead_in = "";
                let own = chains[i].as_deref().unwrap_or("");
                f(&Seg {
                    block: i,
                    text: &b.text,
                    sentence: &b.text,
                    label: "",
                    header: "",
                    lead_in: "",
                    heading: own,
                    is_heading: true,
                });
            }
            BlockKind::TableRow {
                header: true,
                cells,
            } => {
                // The paragraph that introduces a table ("We timed the
                // prototype:") stays the lead-in of its rows.
                header = Some(cells.as_slice());
            }
            BlockKind::TableRow {
                header: false,
                cells,
            } => {
                let label_idx = usize::from(cells.len() > 2 && is_identifier(&cells[0]));
                let label = cells.get(label_idx).map(String::as_str).unwrap_or("");
                for (c, cell) in cells.iter().enumerate() {
                    // An identifier cell ("NFR-3") holds no value.
                    if cell.trim().is_empty() || c < label_idx {
                        continue;
                    }
                    let col = header
                        .and_then(|h| h.get(c))
                        .map(String::as_str)
                        .unwrap_or("");
                    f(&Seg {
                        block: i,
                        text: cell,
                        sentence: &b.text,
                        label: if c == label_idx { "" } else { label },
                        header: col,
                        lead_in,
                        heading,
                        is_heading: false,
                    });
                }
            }
            BlockKind::Paragraph | BlockKind::ListItem => {
                header = None;
                let is_item = b.kind == BlockKind::ListItem;
                let (mut label, _) = split_label(&b.text);
                // "**Availability.** 99.9% a month.": a bold run-in heading
                // labels its paragraph as "Availability:" would.
                if label.is_empty() && b.run_in > 0 {
                    label = &b.text[..b.run_in];
                }
                for s in sentences(&b.text) {
                    f(&Seg {
                        block: i,
                        text: s,
                        sentence: s,
                        label,
                        header: "",
                        lead_in: if is_item { lead_in } else { "" },
                        heading,
                        is_heading: false,
                    });
                }
                let t = b.text.trim_end();
                if t.ends_with(':') || t.ends_with('：') || (!is_item && is_title(t)) {
                    lead_in = &b.text;
                } else if !is_item {
                    lead_in = "";
                }
            }
        }
    }
}

/// A short line with no sentence end ("**PR-4: Monitoring Check**"): a
/// title in bold that introduces the list after it, as a heading would.
fn is_title(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 80
        && !t.ends_with(['.', '!', '?', '。', '！', '？'])
        && sentences(t).count() == 1
}

fn heading_of<'a>(b: &Block, chains: &'a [Option<String>]) -> &'a str {
    b.heading
        .and_then(|h| chains.get(h))
        .and_then(|c| c.as_deref())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_splitting_keeps_decimals_and_names() {
        let s: Vec<&str> = sentences("Uptime 99.9%. Hosted on Fly.io; p95 1.5s。下一句").collect();
        assert_eq!(
            s,
            vec!["Uptime 99.9%.", "Hosted on Fly.io;", "p95 1.5s。", "下一句"]
        );
    }

    #[test]
    fn an_initial_does_not_end_a_sentence() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Runs in US East (N. Virginia) today. Next.",
                &["Runs in US East (N. Virginia) today.", "Next."],
            ),
            (
                "Written by J. Weber. Approved.",
                &["Written by J. Weber.", "Approved."],
            ),
            ("We chose plan b. Then c.", &["We chose plan b.", "Then c."]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = sentences(text).collect();
            assert_eq!(got, want.to_vec(), "{text}");
        }
    }

    #[test]
    fn clauses_do_not_split_thousands() {
        let t = "P50 <3s, P95 <10s, 1,000 users";
        let (a, b) = clause_bounds(t, t.find("10s").unwrap_or(0));
        assert_eq!(&t[a..b], " P95 <10s");
        let (a, b) = clause_bounds(t, t.find("1,000").unwrap_or(0));
        assert_eq!(&t[a..b], " 1,000 users");
    }

    #[test]
    fn clause_bounds_match_a_char_by_char_reading() {
        // The rule read one character at a time, as it is specified.
        fn reference(text: &str, pos: usize) -> (usize, usize) {
            let is_delim = |i: usize| -> Option<usize> {
                let rest = &text[i..];
                let c = rest.chars().next()?;
                match c {
                    '，' | '；' | '、' | ';' | '\n' => Some(c.len_utf8()),
                    ',' if rest[1..].starts_with(' ') => Some(1),
                    _ => None,
                }
            };
            let mut start = 0;
            for (i, _) in text[..pos].char_indices() {
                if let Some(n) = is_delim(i) {
                    start = i + n;
                }
            }
            let end = text[pos..]
                .char_indices()
                .find(|(i, _)| is_delim(pos + i).is_some())
                .map_or(text.len(), |(i, _)| pos + i);
            (start, end)
        }
        let pieces = [
            ",", ", ", ";", "，", "；", "、", "\n", "a", "1,000", " ", "可",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for (pos, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert_eq!(clause_bounds(&t, pos), reference(&t, pos), "{t:?} at {pos}");
            }
        }
    }

    #[test]
    fn labels_and_identifiers() {
        assert_eq!(split_label("Page Load: < 3 s"), ("Page Load", "< 3 s"));
        assert_eq!(split_label("no label here"), ("", "no label here"));
        assert_eq!(split_label("可用性：99.9%"), ("可用性", "99.9%"));
        assert_eq!(split_label(": value"), ("", ": value"));
        let long = format!("{}: x", "a".repeat(61));
        assert_eq!(split_label(&long), ("", long.as_str()));
        let far = format!("{} b: x", "a ".repeat(130));
        assert_eq!(split_label(&far), ("", far.as_str()));
        for (cell, want) in [
            ("NFR1", true),
            ("FK-6.6", true),
            ("Availability", false),
            ("99.9%", false),
        ] {
            assert_eq!(is_identifier(cell), want, "{cell}");
        }
    }

    #[test]
    fn heading_chain_follows_levels() {
        let p = crate::markdown::parse("# A\n## B\n### C\n## D\ntext\n");
        let chains = heading_chains(&p);
        let last = p.blocks.last().and_then(|b| b.heading).unwrap_or(0);
        assert_eq!(chains[last].as_deref(), Some("D / A"));
    }
}
