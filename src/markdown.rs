//! Markdown, read once through pulldown-cmark into a flat list of blocks
//! with their source lines. Extraction and lint both work on these blocks, so
//! neither needs to know the parser's events, and neither re-parses.
//!
//! pulldown-cmark rather than comrak: both are CommonMark + GFM tables with
//! source positions, but pulldown-cmark streams events without building a
//! node arena, which made parsing 3–4× cheaper, and parsing is a large share
//! of what `requirements` and `lint` cost per document.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of level 1–6.
    Heading(u8),
    Paragraph,
    /// A list item's own text (nested items are blocks of their own).
    ListItem,
    /// One row of a table; `cells` holds its cells' text.
    TableRow {
        header: bool,
        cells: Vec<String>,
    },
    /// A fenced or indented code block, with its info string (`mermaid`, `yaml`).
    Code {
        info: String,
    },
    /// Quoted text (block quote paragraphs are reported as Paragraph inside it).
    Html,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// 1-based first line of the block in the file (frontmatter included).
    pub line: usize,
    /// 1-based last line.
    pub end_line: usize,
    /// Plain text: inline markup removed, soft breaks as spaces. For table rows,
    /// the cells joined by ` | `; for code, the code itself.
    pub text: String,
    /// Index into [`Parsed::blocks`] of the heading this block sits under.
    pub heading: Option<usize>,
    /// How deep the block is nested in lists (0 = not in a list).
    pub list_depth: usize,
    /// Byte length, in `text`, of a bold run-in heading that opens a
    /// paragraph or list item and ends with a full stop ("**Availability.**
    /// 99.9% a month."): a label as "Availability:" is. 0 when there is none.
    /// The stop itself is not counted.
    pub run_in: usize,
}

/// A parsed Markdown file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// YAML frontmatter text between the `---` fences, if any.
    pub frontmatter: Option<String>,
    /// Number of lines the frontmatter occupies, fences included.
    pub frontmatter_lines: usize,
    pub blocks: Vec<Block>,
}

impl Parsed {
    /// The heading block a block sits under.
    pub fn heading_of(&self, block: &Block) -> Option<&Block> {
        block.heading.map(|i| &self.blocks[i])
    }

    /// Headings only, in order.
    pub fn headings(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b.kind, BlockKind::Heading(_)))
    }
}

/// Nesting beyond this depth is flattened: a hostile 10,000-deep list must
/// not make the parser's container handling quadratic.
pub const MAX_NESTING: usize = 64;

/// The lines of `text` as CommonMark ends them: at LF, CRLF or a lone CR
/// (old Mac files), without the line break. Line numbers everywhere (the
/// parser's, the extractor's sources, their excerpts) count with this, so a
/// CR-only file does not put every requirement on line 1.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        if s.is_empty() {
            rest = None;
            return None;
        }
        match s.find(['\n', '\r']) {
            Some(i) => {
                let next = if s[i..].starts_with("\r\n") {
                    i + 2
                } else {
                    i + 1
                };
                rest = Some(&s[next..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Parse Markdown text into blocks.
pub fn parse(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (frontmatter, fm_lines, body_start) = split_frontmatter(text);
    let body = &text[body_start..];
    let guarded;
    let body = if needs_depth_guard(body) {
        guarded = flatten_deep_nesting(body);
        guarded.as_str()
    } else {
        body
    };
    let mut b = Builder {
        text: body.as_bytes(),
        lines: LineIndex::new(body, fm_lines),
        out: Parsed {
            frontmatter,
            frontmatter_lines: fm_lines,
            blocks: Vec::new(),
        },
        heading: None,
        list_depth: 0,
        inline: None,
        row: None,
        cell: None,
        literal: None,
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        b.event(event, range);
    }
    b.flush_inline();
    b.out
}

/// The most blocks a planning document may have before extraction skips it:
/// a real PRD has hundreds; a generated table of a million rows is not read
/// for requirements (it is reported, and the rest of the feature still is).
pub const MAX_EXTRACT_BLOCKS: usize = 20_000;

/// The most numbers a planning document may state before extraction skips
/// it: every number is a candidate requirement, and candidates are compared
/// with each other, so this bounds the work per document.
pub const MAX_EXTRACT_NUMBERS: usize = 20_000;

/// Paragraphs longer than this are read as several pieces (at a sentence end
/// when there is one): the extractor looks at the clause around each number,
/// and a 15 MB line with no punctuation would make each look 15 MB long.
pub const MAX_EXTRACT_BLOCK_BYTES: usize = 2048;

/// Why a planning document is over the per-document extraction budget, if it is.
pub fn over_extract_budget(text: &str, parsed: &Parsed) -> Option<String> {
    if let Some(why) = over_line_budget(text) {
        return Some(why);
    }
    if parsed.blocks.len() > MAX_EXTRACT_BLOCKS {
        return Some(format!(
            "{} blocks, over the budget of {MAX_EXTRACT_BLOCKS} per document",
            parsed.blocks.len()
        ));
    }
    let b = text.as_bytes();
    let numbers = b
        .iter()
        .enumerate()
        .filter(|&(i, c)| c.is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()))
        .count();
    (numbers > MAX_EXTRACT_NUMBERS).then(|| {
        format!("{numbers} numbers, over the budget of {MAX_EXTRACT_NUMBERS} per document")
    })
}

/// The most lines a planning document may have; checked before parsing, so a
/// file far over the block budget costs a line count, not a parse.
pub const MAX_EXTRACT_LINES: usize = 100_000;

/// Why a text has too many lines to parse for requirements, if it has.
pub fn over_line_budget(text: &str) -> Option<String> {
    let lines = text.as_bytes().iter().filter(|&&c| c == b'\n').count();
    (lines > MAX_EXTRACT_LINES)
        .then(|| format!("{lines} lines, over the budget of {MAX_EXTRACT_LINES} per document"))
}

/// Split paragraphs and list items longer than `max` bytes into pieces of at
/// most about `max` bytes, cut after a sentence end when there is one in the
/// second half of the piece, else at a space, else at a character boundary.
/// Each piece keeps the block's lines and heading.
pub fn split_long_blocks(parsed: &mut Parsed, max: usize) {
    let max = max.max(16);
    if !parsed
        .blocks
        .iter()
        .any(|b| b.text.len() > max && matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))
    {
        return;
    }
    let old = std::mem::take(&mut parsed.blocks);
    let mut new_index = vec![0usize; old.len()];
    let mut out: Vec<Block> = Vec::with_capacity(old.len());
    for (i, b) in old.into_iter().enumerate() {
        new_index[i] = out.len();
        let splittable = matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem);
        if !splittable || b.text.len() <= max {
            out.push(b);
            continue;
        }
        let mut rest = b.text.as_str();
        let mut run_in = b.run_in;
        while !rest.is_empty() {
            let cut = piece_end(rest, max);
            out.push(Block {
                text: rest[..cut].trim().to_string(),
                // The run-in heading labels the first piece only.
                run_in: std::mem::take(&mut run_in),
                ..Block {
                    text: String::new(),
                    kind: b.kind.clone(),
                    ..b
                }
            });
            rest = &rest[cut..];
        }
    }
    for b in &mut out {
        if let Some(h) = b.heading.as_mut() {
            *h = new_index[*h];
        }
    }
    parsed.blocks = out;
}

/// Where the first piece of `text` ends (a char boundary, > 0).
fn piece_end(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[..end];
    let half = end / 2;
    let sentence = window
        .rmatch_indices(['.', '!', '?', '。', ';'])
        .map(|(i, m)| i + m.len())
        .find(|&i| i >= half && (i == end || text[i..].starts_with([' ', '\n'])));
    if let Some(i) = sentence {
        return i;
    }
    match window.rfind(' ') {
        Some(i) if i >= half => i + 1,
        _ => end.max(1),
    }
}

/// Byte offset → 1-based line of the file.
struct LineIndex {
    /// Byte offsets where each line of the parsed text starts.
    starts: Vec<usize>,
    /// Lines before the parsed text (the frontmatter).
    offset: usize,
    len: usize,
}

impl LineIndex {
    fn new(text: &str, offset: usize) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        // CommonMark ends a line at LF, CRLF or a lone CR (old Mac files);
        // counting only LF would put every line of a CR-only file on line 1.
        let bytes = text.as_bytes();
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            starts,
            offset,
            len: text.len(),
        }
    }

    fn line(&self, byte: usize) -> usize {
        self.offset + self.starts.partition_point(|&s| s <= byte.min(self.len))
    }

    /// (first line, last line) of a byte range, not counting the line break
    /// that ends it.
    fn span(&self, r: &Range<usize>, text: &[u8]) -> (usize, usize) {
        let mut end = r.end;
        while end > r.start + 1 && matches!(text.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        (
            self.line(r.start),
            self.line(end.saturating_sub(1).max(r.start)),
        )
    }
}

/// What the inline text being collected will become.
enum InlineOf {
    Paragraph,
    Heading(u8),
    /// A tight list item's text, which has no paragraph of its own.
    Implicit,
}

struct Inline {
    of: InlineOf,
    text: String,
    range: Range<usize>,
    /// Bold text opened at the very start of the block and not yet closed.
    lead_strong: bool,
    /// Where that bold text ended in `text`, once closed.
    lead_strong_end: Option<usize>,
}

/// A code or HTML block being collected.
struct Literal {
    kind: BlockKind,
    text: String,
    range: Range<usize>,
}

struct Row {
    header: bool,
    cells: Vec<String>,
    range: Range<usize>,
}

/// Turns the parser's event stream into [`Block`]s.
struct Builder<'t> {
    text: &'t [u8],
    lines: LineIndex,
    out: Parsed,
    heading: Option<usize>,
    list_depth: usize,
    inline: Option<Inline>,
    row: Option<Row>,
    cell: Option<String>,
    literal: Option<Literal>,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => {
                if let Some(l) = &mut self.literal {
                    l.text.push_str(&t);
                } else {
                    self.inline_text(range).push_str(&t);
                }
            }
            Event::Html(t) => match &mut self.literal {
                Some(l) => l.text.push_str(&t),
                None => self.inline_text(range).push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak => self.inline_text(range).push(' '),
            // Keep `<br>` as a separator; drop other inline tags.
            Event::InlineHtml(h) => {
                let br = h.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("<br"));
                let t = self.inline_text(range);
                if br {
                    t.push(' ');
                }
            }
            _ => {}
        }
    }

    /// Where inline text goes: the open table cell, else the open paragraph
    /// or heading, else (a tight list item's text) a new implicit one.
    fn inline_text(&mut self, range: Range<usize>) -> &mut String {
        if let Some(c) = &mut self.cell {
            return c;
        }
        let inline = self.inline.get_or_insert_with(|| Inline {
            of: InlineOf::Implicit,
            text: String::new(),
            range: range.clone(),
            lead_strong: false,
            lead_strong_end: None,
        });
        if matches!(inline.of, InlineOf::Implicit) {
            inline.range.end = inline.range.end.max(range.end);
        }
        &mut inline.text
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Strong => {
                if self.cell.is_none() && self.literal.is_none() {
                    let at_start = self
                        .inline
                        .as_ref()
                        .is_none_or(|i| i.text.trim().is_empty() && i.lead_strong_end.is_none());
                    self.inline_text(range);
                    if at_start && let Some(i) = self.inline.as_mut() {
                        i.lead_strong = true;
                    }
                }
            }
            // Inline markup: its text is collected by the events inside.
            Tag::Emphasis
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {
                if self.cell.is_none() && self.literal.is_none() {
                    self.inline_text(range);
                }
            }
            Tag::TableCell => self.cell = Some(String::new()),
            Tag::Paragraph => {
                self.flush_inline();
                self.inline = Some(Inline {
                    of: InlineOf::Paragraph,
                    text: String::new(),
                    range,
                    lead_strong: false,
                    lead_strong_end: None,
                });
            }
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.inline = Some(Inline {
                    of: InlineOf::Heading(level as u8),
                    text: String::new(),
                    range,
                    lead_strong: false,
                    lead_strong_end: None,
                });
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.literal = Some(Literal {
                    kind: BlockKind::Code { info },
                    text: String::new(),
                    range,
                });
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.literal = Some(Literal {
                    kind: BlockKind::Html,
                    text: String::new(),
                    range,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                self.row = Some(Row {
                    header: matches!(tag, Tag::TableHead),
                    cells: Vec::new(),
                    range,
                });
            }
            Tag::Item => {
                self.flush_inline();
                self.list_depth += 1;
            }
            // Any other block (list, quote, table) ends a tight item's text.
            _ => self.flush_inline(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.flush_inline(),
            TagEnd::Item => {
                self.flush_inline();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::TableCell => {
                if let (Some(cell), Some(row)) = (self.cell.take(), &mut self.row) {
                    row.cells.push(collapse_whitespace(&cell));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(row) = self.row.take() {
                    let text = row.cells.join(" | ");
                    self.push(
                        BlockKind::TableRow {
                            header: row.header,
                            cells: row.cells,
                        },
                        &row.range,
                        text,
                    );
                }
            }
            TagEnd::Strong => {
                if let Some(i) = self.inline.as_mut()
                    && i.lead_strong
                {
                    i.lead_strong = false;
                    i.lead_strong_end = Some(i.text.len());
                }
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                if let Some(l) = self.literal.take() {
                    self.push(l.kind, &l.range, l.text);
                }
            }
            _ => {}
        }
    }

    /// Emit the paragraph, heading or tight item text being collected.
    fn flush_inline(&mut self) {
        let Some(inline) = self.inline.take() else {
            return;
        };
        let kind = match inline.of {
            InlineOf::Heading(level) => BlockKind::Heading(level),
            InlineOf::Paragraph | InlineOf::Implicit if self.list_depth > 0 => BlockKind::ListItem,
            InlineOf::Paragraph | InlineOf::Implicit => BlockKind::Paragraph,
        };
        let is_heading = matches!(kind, BlockKind::Heading(_));
        let text = collapse_whitespace(&inline.text);
        let run_in = match (&kind, inline.lead_strong_end) {
            (BlockKind::Paragraph | BlockKind::ListItem, Some(end)) => {
                run_in_len(&collapse_whitespace(&inline.text[..end]), &text)
            }
            _ => 0,
        };
        self.push(kind, &inline.range, text);
        if let Some(b) = self.out.blocks.last_mut() {
            b.run_in = run_in;
        }
        if is_heading {
            self.heading = Some(self.out.blocks.len() - 1);
        }
    }

    fn push(&mut self, kind: BlockKind, range: &Range<usize>, text: String) {
        let (line, end_line) = self.lines.span(range, self.text);
        self.out.blocks.push(Block {
            kind,
            line,
            end_line,
            text,
            heading: self.heading,
            list_depth: self.list_depth.min(MAX_NESTING),
            run_in: 0,
        });
    }
}

/// The length of a bold lead `strong` (already whitespace-collapsed) as a
/// run-in heading of `text`: a short phrase with a letter, ending in one full
/// stop, followed by more text. 0 otherwise.
fn run_in_len(strong: &str, text: &str) -> usize {
    let Some(label) = strong.strip_suffix('.') else {
        return 0;
    };
    let label = label.trim_end();
    if label.is_empty()
        || label.ends_with('.')
        || label.chars().count() > 60
        || !label.chars().any(char::is_alphabetic)
        || !text.starts_with(label)
        || text.len() <= strong.len()
    {
        return 0;
    }
    label.len()
}

/// Whitespace runs collapsed to one space, ends trimmed. This runs for every
/// block of every document: ASCII text (nearly all of it) is done byte by
/// byte, the rest with Unicode's whitespace.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // `char::is_whitespace` on ASCII: these six bytes.
        let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
        for word in s.as_bytes().split(|&b| space(b)).filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            // Cut at ASCII bytes, so every piece is still UTF-8.
            out.push_str(std::str::from_utf8(word).unwrap_or_default());
        }
        return out;
    }
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Split `---` YAML frontmatter from the start of a file.
/// Returns the YAML, the lines the frontmatter takes (fences included) and
/// the byte offset where the Markdown after it starts.
fn split_frontmatter(text: &str) -> (Option<String>, usize, usize) {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (None, 0, 0);
    };
    if first.trim_end() != "---" {
        return (None, 0, 0);
    }
    let mut consumed = first.len();
    let mut n = 1;
    for line in lines {
        n += 1;
        if line.trim_end() == "---" {
            let yaml = text[first.len()..consumed].to_string();
            return (Some(yaml), n, consumed + line.len());
        }
        consumed += line.len();
    }
    (None, 0, 0)
}

/// Cheap pre-check: only texts with very long indentation runs can nest deeper
/// than [`MAX_NESTING`] list levels or block quotes.
fn needs_depth_guard(text: &str) -> bool {
    text.lines().any(|l| {
        let lead = l.len() - l.trim_start_matches([' ', '\t', '>', '-', '*', '+']).len();
        lead > MAX_NESTING * 2
    })
}

/// Rewrite lines whose container prefix is deeper than the parser can cheaply
/// handle so they keep their text (and their line number) but lose the
/// excess nesting.
fn flatten_deep_nesting(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let stripped = line.trim_start_matches([' ', '\t', '>', '-', '*', '+']);
        let lead = line.len() - stripped.len();
        if lead > MAX_NESTING * 2 {
            out.push_str("- ");
            out.push_str(stripped);
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_read_in_pieces_under_their_heading() {
        let long = "Availability is 99.9% for checkout. ".repeat(200);
        let text = format!("# Goals\n\n{long}\n\n## Next\n\nshort\n");
        let mut parsed = parse(&text);
        split_long_blocks(&mut parsed, 512);
        let pieces: Vec<&Block> = parsed
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph && b.line == 3)
            .collect();
        assert!(pieces.len() > 10, "{}", pieces.len());
        assert!(
            pieces
                .iter()
                .all(|b| b.text.len() <= 512 && b.heading == Some(0))
        );
        assert!(
            pieces.iter().all(|b| b.text.ends_with("checkout.")),
            "cut at sentence ends"
        );
        let next = parsed.blocks.iter().position(|b| b.text == "Next").unwrap();
        assert_eq!(parsed.blocks.last().unwrap().heading, Some(next));
        // No spaces at all: cut at character boundaries, nothing lost.
        let mut p = parse(&"é".repeat(1000));
        split_long_blocks(&mut p, 100);
        assert_eq!(
            p.blocks.iter().map(|b| b.text.as_str()).collect::<String>(),
            "é".repeat(1000)
        );
    }

    #[test]
    fn budget_counts_blocks_and_numbers() {
        let numbers = "1 ".repeat(MAX_EXTRACT_NUMBERS + 1);
        assert!(
            over_extract_budget(&numbers, &parse("x"))
                .unwrap()
                .contains("numbers")
        );
        assert!(over_extract_budget("99.9% and 200 ms", &parse("x")).is_none());
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let cases: [(&str, &[&str]); 6] = [
            ("", &[]),
            ("a", &["a"]),
            ("a\nb\n", &["a", "b"]),
            ("a\r\n\r\nb", &["a", "", "b"]),
            ("a\rb\r\rc\r", &["a", "b", "", "c"]),
            ("a\n\rb", &["a", "", "b"]),
        ];
        for (text, want) in cases {
            assert_eq!(lines(text).collect::<Vec<_>>(), want, "{text:?}");
        }
        // Without lone CRs it is exactly str::lines.
        let t = "x\n\ny\r\nz";
        assert!(lines(t).eq(t.lines()));
    }

    #[test]
    fn cr_only_line_endings_count_lines() {
        let text = "# Title\r\rAvailability is 99.9%.\r\rLatency p95 200 ms.\r";
        let parsed = parse(text);
        let lines: Vec<usize> = parsed.blocks.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![1, 3, 5], "{:?}", parsed.blocks);
        let crlf = parse("# Title\r\n\r\nBody\r\n");
        assert_eq!(
            crlf.blocks.iter().map(|b| b.line).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }

    #[test]
    fn blocks_have_lines_and_headings() {
        let p = parse(
            "---\ntitle: x\n---\n# Title\n\nSome *text*\nmore.\n\n- item one\n  - nested `code`\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(p.frontmatter.as_deref(), Some("title: x\n"));
        let kinds: Vec<_> = p
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.line, b.text.as_str()))
            .collect();
        assert_eq!(kinds[0], (BlockKind::Heading(1), 4, "Title"));
        assert_eq!(kinds[1], (BlockKind::Paragraph, 6, "Some text more."));
        assert_eq!(kinds[2], (BlockKind::ListItem, 9, "item one"));
        assert_eq!(kinds[3], (BlockKind::ListItem, 10, "nested code"));
        assert_eq!(p.blocks[3].list_depth, 2);
        assert!(matches!(
            kinds[4].0,
            BlockKind::TableRow { header: true, .. }
        ));
        assert_eq!(kinds[5].2, "1 | 2");
        assert_eq!(kinds[5].1, 14);
        assert_eq!(p.blocks[5].heading, Some(0));
    }

    #[test]
    fn spans_of_code_html_quotes_and_loose_items() {
        let p = parse(
            "\u{feff}Intro\r\nstill intro\r\n\r\n```mermaid\r\nflowchart LR\r\n```\r\n\r\n<div>\r\nx\r\n</div>\r\n\r\n> quoted **99.9%**\r\n\r\n1. loose\r\n\r\n   second para<br>end\r\n",
        );
        let got: Vec<_> = p
            .blocks
            .iter()
            .map(|b| {
                (
                    b.kind.clone(),
                    b.line,
                    b.end_line,
                    b.text.as_str(),
                    b.list_depth,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Paragraph, 1, 2, "Intro still intro", 0),
                (
                    BlockKind::Code {
                        info: "mermaid".into()
                    },
                    4,
                    6,
                    "flowchart LR\n",
                    0
                ),
                (BlockKind::Html, 8, 10, "<div>\nx\n</div>\n", 0),
                (BlockKind::Paragraph, 12, 12, "quoted 99.9%", 0),
                (BlockKind::ListItem, 14, 14, "loose", 1),
                (BlockKind::ListItem, 16, 16, "second para end", 1),
            ]
        );
    }

    #[test]
    fn whitespace_collapses_the_same_in_ascii_and_unicode_text() {
        for (raw, want) in [
            ("  a \t b\r\n\x0Bc\x0C ", "a b c"),
            ("", ""),
            (" \n ", ""),
            ("可用性\u{3000} 99.9%\n  x", "可用性 99.9% x"),
        ] {
            assert_eq!(collapse_whitespace(raw), want, "{raw:?}");
            let reference: Vec<&str> = raw.split_whitespace().collect();
            assert_eq!(collapse_whitespace(raw), reference.join(" "));
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // 10,000 nested list markers on one line, and as many block quotes.
        let s = format!("{}x\n\n{}y\n", "- ".repeat(10_000), "> ".repeat(10_000));
        let p = parse(&s);
        assert!(p.blocks.iter().any(|b| b.text.contains('x')));
        assert!(p.blocks.iter().any(|b| b.text.contains('y')));
    }
}
