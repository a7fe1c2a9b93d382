//! The lint context: one parse of the document and the views every rule needs
//! (raw lines for columns, a "prose" view without code, the header fields, the
//! outline of headings, the required sections, the ADRs), built once per file.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::markdown::{self, Block, BlockKind, Parsed};

use super::Inputs;
use super::adr::{self, Adr};
use super::data::{TEMPLATE_DATA, folds_to_ascii_letter};
use super::mermaid::{self, Diagram, MermaidError};

/// One `**Field:** value` line of the header block under the title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderField {
    /// Lower-case field name (`status`, `document id`, `source prd`).
    pub name: String,
    pub value: String,
    pub line: usize,
    /// 1-based column where the value starts.
    pub value_column: usize,
}

/// The header: title and fields before the first section.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// Line of the `#` title, if any.
    pub title_line: Option<usize>,
    pub fields: Vec<HeaderField>,
    /// Line where a missing header field belongs: after the last one present,
    /// else after the title.
    pub insert_line: usize,
}

impl Header {
    pub fn field(&self, name: &str) -> Option<&HeaderField> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A heading and the lines it governs.
#[derive(Debug, Clone)]
pub struct HeadingSpan {
    /// Index of the heading block in [`Parsed::blocks`].
    pub block: usize,
    pub level: u8,
    pub title: String,
    /// Title without its number, lower-case, `&` spelled `and`, words only.
    pub norm: String,
    /// Leading section number (`7`, `7.1`), if the title has one.
    pub number: Option<String>,
    pub line: usize,
    /// Last line before the next heading of the same or a higher level.
    pub end_line: usize,
    /// Index (into `Parsed::blocks`) one past the last block of the span.
    pub end_block: usize,
    /// Does any block other than a heading or comment sit in the span?
    pub has_content: bool,
    /// Last line of content (or of the heading) inside the span.
    pub last_line: usize,
}

/// The template a document follows, which decides the structural rules that
/// apply to it (sections, header fields); content rules apply to all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// The infrastructure-architecture agent's 14-section template.
    Agent,
    /// BMAD's infrastructure-architecture template (infrastructure-devops pack).
    BmadInfra,
    /// BMAD's `infrastructure-and-deployment.md` shard of its architecture.
    BmadShard,
    /// None of them: only content rules.
    FreeForm,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Agent => "the agent's 14-section template",
            Template::BmadInfra => "BMAD's infrastructure-architecture template",
            Template::BmadShard => "BMAD's infrastructure-and-deployment shard",
            Template::FreeForm => "no known template",
        }
    }

    /// The named sections of a BMAD template, in template order.
    pub fn named_sections(self) -> &'static [super::data::NamedSectionSpec] {
        match self {
            Template::BmadInfra => &TEMPLATE_DATA.bmad_section,
            Template::BmadShard => &TEMPLATE_DATA.bmad_shard_section,
            Template::Agent | Template::FreeForm => &[],
        }
    }
}

/// Everything a rule reads.
pub struct Context<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub lines: Vec<&'a str>,
    pub parsed: Parsed,
    pub inputs: Inputs<'a>,
    /// Per line (0-based index): inside a code block (fences included) or the
    /// YAML frontmatter.
    pub in_code: Vec<bool>,
    /// The "prose" view: the text with code blocks and frontmatter blanked,
    /// inline code spans and HTML comments replaced by spaces, lines joined by
    /// `\n`. Byte offsets within a line match [`Self::lines`]; a rule scans the
    /// whole view with one regex search and maps offsets back with
    /// [`Self::prose_position`].
    pub prose_text: String,
    /// Byte offset in [`Self::prose_text`] where each line starts.
    pub line_starts: Vec<usize>,
    pub header: Header,
    pub outline: Vec<HeadingSpan>,
    /// For each of the 14 template sections (index = number − 1): the outline
    /// entry that holds it.
    pub sections: Vec<Option<usize>>,
    /// The template the document follows.
    pub template: Template,
    /// For a BMAD template, each of [`Template::named_sections`]: the outline
    /// entry that holds it.
    pub named_sections: Vec<Option<usize>>,
    pub adrs: Vec<Adr>,
    /// Mermaid validation of the code blocks whose info string names Mermaid,
    /// by block index: two rules read it, so it is computed once, on demand.
    mermaid: OnceCell<Vec<(usize, Result<Diagram, MermaidError>)>>,
}

impl<'a> Context<'a> {
    pub fn new(path: &'a str, text: &'a str, inputs: Inputs<'a>) -> Self {
        let parsed = markdown::parse(text);
        let lines: Vec<&str> = text.lines().collect();
        let mut in_code = vec![false; lines.len()];
        for b in &parsed.blocks {
            if matches!(b.kind, BlockKind::Code { .. }) {
                for l in b.line..=b.end_line.min(lines.len()) {
                    if l >= 1 {
                        in_code[l - 1] = true;
                    }
                }
            }
        }
        // YAML frontmatter is metadata, not prose: rules skip it like code.
        for flag in in_code.iter_mut().take(parsed.frontmatter_lines) {
            *flag = true;
        }
        let (prose_text, line_starts) = prose_view(&lines, &in_code);
        let header = parse_header(&lines, &in_code, parsed.frontmatter_lines);
        let outline = build_outline(&parsed, lines.len());
        let sections = match_sections(&outline);
        let template = detect_template(path, &header, &outline, &sections);
        let named_sections = match_named_sections(&outline, template);
        let adrs = adr::parse_adrs(&parsed, &lines);
        Context {
            path,
            text,
            lines,
            parsed,
            inputs,
            in_code,
            prose_text,
            line_starts,
            header,
            outline,
            sections,
            template,
            named_sections,
            adrs,
            mermaid: OnceCell::new(),
        }
    }

    /// Is this an infrastructure or architecture document, what a walk of a
    /// folder lints? It follows a known template, or its path or title says
    /// infrastructure, architecture or deployment. PRDs, stories, READMEs and
    /// notes do not.
    pub fn is_infra_document(&self) -> bool {
        if self.template != Template::FreeForm {
            return true;
        }
        let says = |s: &str| {
            let l = s.to_ascii_lowercase();
            ["infra", "architecture", "deploy"]
                .iter()
                .any(|w| l.contains(w))
        };
        says(self.path)
            || self
                .outline
                .iter()
                .find(|h| h.level == 1)
                .is_some_and(|h| says(&h.title))
    }

    /// [`mermaid::check`] of a code block whose info string starts with
    /// `mermaid` (or whose first word is `mermaid`); `None` for other blocks.
    pub fn mermaid(&self, block: usize) -> Option<&Result<Diagram, MermaidError>> {
        let all = self.mermaid.get_or_init(|| {
            self.parsed
                .blocks
                .iter()
                .enumerate()
                .filter_map(|(i, b)| match &b.kind {
                    BlockKind::Code { info }
                        if info.starts_with("mermaid")
                            || info.split_whitespace().next() == Some("mermaid") =>
                    {
                        Some((i, mermaid::check(&b.text)))
                    }
                    _ => None,
                })
                .collect()
        });
        all.binary_search_by_key(&block, |(i, _)| *i)
            .ok()
            .map(|k| &all[k].1)
    }

    /// Which lines (index = line − 1) a regex match over the prose view
    /// touches: a rule searches the whole file once, then looks closer only at
    /// blocks on those lines.
    pub fn lines_hit(&self, re: &Regex) -> Vec<bool> {
        let mut hit = vec![false; self.lines.len() + 1];
        for m in re.find_iter(&self.prose_text) {
            let (a, _) = self.prose_position(m.start());
            let (b, _) = self.prose_position(m.end().saturating_sub(1).max(m.start()));
            for flag in hit.iter_mut().take(b).skip(a - 1) {
                *flag = true;
            }
        }
        hit
    }

    /// The prose texts (paragraphs, list items, body-row cells) on lines where
    /// `lines` matches, that `texts` matches too, with their blocks. One search
    /// over the whole file first, so files without a hit cost one regex pass.
    pub fn prose_hits(&self, lines: &Regex, texts: &Regex) -> Vec<(&Block, &str)> {
        let hit = self.lines_hit(lines);
        if !hit.contains(&true) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for b in self
            .parsed
            .blocks
            .iter()
            .filter(|b| Self::block_hit(&hit, b))
        {
            out.extend(prose_texts(b).iter().map(|t| (b, t.as_str())));
        }
        out.retain(|(_, t)| texts.is_match(t));
        out
    }

    /// [`Self::prose_hits`] for a `lines` regex of whole ASCII-alphanumeric
    /// words between `(?-u:\b)` edges (any case), such as the template
    /// sentences' anchor words. Such a match is one word, so it lies within a
    /// line and never overlaps another: a block's lines hold a match of the
    /// whole-file search exactly when its own lines do, and `is_match` over
    /// them stops at the first. (Unless the text has a non-ASCII character
    /// that folds to an ASCII letter, `ſ` or the Kelvin sign: then as
    /// [`Self::prose_hits`].)
    pub fn prose_hits_words(&self, lines: &Regex, texts: &Regex) -> Vec<(&Block, &str)> {
        if folds_to_ascii_letter(&self.prose_text) {
            return self.prose_hits(lines, texts);
        }
        let mut out = Vec::new();
        for b in &self.parsed.blocks {
            let cells = prose_texts(b);
            if cells.is_empty() {
                continue;
            }
            // The block's lines in the prose view; its edges are line breaks
            // or the ends of the text, word edges either way.
            let (first, last) = (b.line.max(1), b.end_line.min(self.lines.len()));
            if first > last {
                continue;
            }
            let start = self.line_starts[first - 1];
            let end = self
                .line_starts
                .get(last)
                .map_or(self.prose_text.len(), |e| e - 1);
            if !lines.is_match(&self.prose_text[start..end]) {
                continue;
            }
            out.extend(
                cells
                    .iter()
                    .filter(|t| texts.is_match(t))
                    .map(|t| (b, t.as_str())),
            );
        }
        out
    }

    /// Does a block sit on a line of [`Self::lines_hit`]'s result?
    pub fn block_hit(hit: &[bool], block: &Block) -> bool {
        (block.line..=block.end_line).any(|l| hit.get(l.wrapping_sub(1)).copied().unwrap_or(false))
    }

    /// The prose view of a 1-based line.
    pub fn prose(&self, line: usize) -> Option<&str> {
        let i = line.checked_sub(1)?;
        let start = *self.line_starts.get(i)?;
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.prose_text.len(), |e| e - 1);
        self.prose_text.get(start..end)
    }

    /// A byte offset in [`Self::prose_text`] as (1-based line, byte offset in
    /// that line).
    pub fn prose_position(&self, offset: usize) -> (usize, usize) {
        let i = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        (
            i + 1,
            offset - self.line_starts.get(i).copied().unwrap_or(0),
        )
    }

    /// 1-based character column of a byte offset in a 1-based line.
    pub fn column(&self, line: usize, byte: usize) -> usize {
        let Some(l) = line.checked_sub(1).and_then(|i| self.lines.get(i)) else {
            return 1;
        };
        let mut b = byte.min(l.len());
        while !l.is_char_boundary(b) {
            b -= 1;
        }
        l[..b].chars().count() + 1
    }

    /// Where `needle` (case-insensitive) first appears in the prose of a block's
    /// lines: (line, column, length in chars). Falls back to the block's first
    /// non-blank character.
    pub fn locate(&self, block: &Block, needle: &str) -> (usize, usize, usize) {
        let lower = needle.to_lowercase();
        if !lower.is_empty() {
            for line in block.line..=block.end_line {
                let Some(p) = self.prose(line) else {
                    continue;
                };
                if let Some(off) = find_ci(p, &lower) {
                    return (line, self.column(line, off), needle.chars().count());
                }
            }
        }
        (block.line, self.first_column(block.line), 0)
    }

    /// Column of the first non-blank character of a line.
    pub fn first_column(&self, line: usize) -> usize {
        let Some(l) = line.checked_sub(1).and_then(|i| self.lines.get(i)) else {
            return 1;
        };
        let lead = l.len() - l.trim_start().len();
        self.column(line, lead)
    }

    /// The outline entry of a template section (1–14), if present.
    pub fn section(&self, number: u8) -> Option<&HeadingSpan> {
        self.sections
            .get(usize::from(number).wrapping_sub(1))
            .copied()
            .flatten()
            .map(|i| &self.outline[i])
    }

    /// Blocks inside a heading's span (sub-headings included).
    pub fn blocks_in(&self, span: &HeadingSpan) -> &[Block] {
        &self.parsed.blocks[span.block + 1..span.end_block]
    }

    /// Is a block a content block (not a heading, not an HTML comment)?
    pub fn is_content(block: &Block) -> bool {
        match block.kind {
            BlockKind::Heading(_) => false,
            BlockKind::Html => !block.text.trim_start().starts_with("<!--"),
            _ => true,
        }
    }

    /// The file name of the document, when linted from a file.
    pub fn file_name(&self) -> Option<&str> {
        Path::new(self.path).file_name().and_then(|n| n.to_str())
    }
}

/// The prose texts of a block: a paragraph's or list item's text, or a body
/// row's cells; none for headings, header rows, code and HTML.
fn prose_texts(b: &Block) -> &[String] {
    match &b.kind {
        BlockKind::Paragraph | BlockKind::ListItem => std::slice::from_ref(&b.text),
        BlockKind::TableRow {
            header: false,
            cells,
        } => cells,
        _ => &[],
    }
}

/// Case-insensitive find of an already lower-cased needle; returns a byte
/// offset into `hay`.
pub fn find_ci(hay: &str, lower_needle: &str) -> Option<usize> {
    if hay.is_ascii() && lower_needle.is_ascii() {
        let h = hay.as_bytes();
        let n = lower_needle.as_bytes();
        if n.len() > h.len() {
            return None;
        }
        let Some(&first) = n.first() else {
            return Some(0);
        };
        return (0..=h.len() - n.len()).find(|&i| {
            h[i].eq_ignore_ascii_case(&first) && h[i..i + n.len()].eq_ignore_ascii_case(n)
        });
    }
    // Lower-casing can change byte lengths outside ASCII; walk char starts.
    hay.char_indices()
        .map(|(i, _)| i)
        .find(|&i| hay[i..].to_lowercase().starts_with(lower_needle))
}

fn prose_view(lines: &[&str], in_code: &[bool]) -> (String, Vec<usize>) {
    let total: usize = lines.iter().map(|l| l.len() + 1).sum();
    let mut out: Vec<u8> = Vec::with_capacity(total);
    let mut starts = Vec::with_capacity(lines.len());
    let mut in_comment = false;
    for (i, line) in lines.iter().enumerate() {
        starts.push(out.len());
        let bytes = line.as_bytes();
        if in_code[i] {
            out.resize(out.len() + bytes.len(), b' ');
            out.push(b'\n');
            continue;
        }
        let base = out.len();
        out.extend_from_slice(bytes);
        // Fast path: nothing to mask on this line.
        if !in_comment && !bytes.iter().any(|&b| b == b'`' || b == b'<') {
            out.push(b'\n');
            continue;
        }
        let masked = &mut out[base..];
        let mut j = 0;
        while j < bytes.len() {
            if in_comment {
                if bytes[j..].starts_with(b"-->") {
                    masked[j..j + 3].fill(b' ');
                    j += 3;
                    in_comment = false;
                } else {
                    masked[j] = b' ';
                    j += 1;
                }
                continue;
            }
            if bytes[j..].starts_with(b"<!--") {
                in_comment = true;
                masked[j..j + 4].fill(b' ');
                j += 4;
                continue;
            }
            if bytes[j] == b'`' {
                let run = bytes[j..].iter().take_while(|&&b| b == b'`').count();
                let fence = &bytes[j..j + run];
                let mut k = j + run;
                let mut close = None;
                while k + run <= bytes.len() {
                    if &bytes[k..k + run] == fence
                        && bytes.get(k + run) != Some(&b'`')
                        && (k == 0 || bytes[k - 1] != b'`')
                    {
                        close = Some(k);
                        break;
                    }
                    k += 1;
                }
                if let Some(c) = close {
                    masked[j..c + run].fill(b' ');
                    j = c + run;
                } else {
                    j += run;
                }
                continue;
            }
            j += 1;
        }
        out.push(b'\n');
    }
    // Only whole characters were replaced, byte for byte, so this is UTF-8.
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, starts)
}

/// Header field names, longest first so `Doc ID` does not shadow nothing.
const HEADER_NAMES: &[&str] = &[
    "Last Updated",
    "Document ID",
    "Source PRD",
    "Created",
    "Version",
    "Author",
    "Status",
    "Doc ID",
    "Date",
];

/// Parse a `**Label:** value` line (also `- **Label:** value`, `**Label**:
/// value`, `Label: value`) whose label is one of `names` (case-insensitive).
/// Returns (byte where the label starts, the label as listed, byte where the
/// value starts). A colon is required. Hand-written because it runs on many
/// lines of every file, where a capturing regex costs more than the rest.
pub(crate) fn labelled_line(
    line: &str,
    names: &[&'static str],
) -> Option<(usize, &'static str, usize)> {
    let b = line.as_bytes();
    let ws = |i: usize| {
        let mut i = i;
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        i
    };
    let mut i = ws(0);
    if i + 1 < b.len()
        && matches!(b[i], b'-' | b'*' | b'+')
        && (b[i + 1] == b' ' || b[i + 1] == b'\t')
    {
        i = ws(i + 1);
    }
    let emph = |i: usize| {
        if b[i..].starts_with(b"**") || b[i..].starts_with(b"__") {
            i + 2
        } else {
            i
        }
    };
    i = emph(i);
    let start = i;
    let name = names.iter().copied().find(|n| {
        line.get(start..start + n.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(n))
            && !b
                .get(start + n.len())
                .is_some_and(|c| c.is_ascii_alphanumeric())
    })?;
    let mut j = ws(start + name.len());
    let mut colon = false;
    for _ in 0..2 {
        if b.get(j) == Some(&b':') {
            colon = true;
            j = ws(j + 1);
        }
        j = ws(emph(j));
    }
    colon.then_some((start, name, j))
}

fn parse_header(lines: &[&str], in_code: &[bool], skip: usize) -> Header {
    let mut h = Header::default();
    for (i, line) in lines.iter().enumerate().skip(skip) {
        if in_code[i] {
            continue;
        }
        let t = line.trim_start();
        if t.starts_with("## ") || (t.starts_with("# ") && h.title_line.is_some()) {
            break;
        }
        if t.starts_with("# ") {
            h.title_line = Some(i + 1);
            continue;
        }
        // The field must be the start of the line, with a colon, to be a field.
        if !line.contains(':') {
            continue;
        }
        if let Some((_, name, value_at)) = labelled_line(line, HEADER_NAMES) {
            let mut n = name.to_ascii_lowercase();
            if n == "doc id" {
                n = "document id".into();
            }
            if h.field(&n).is_none() {
                h.fields.push(HeaderField {
                    name: n,
                    value: line[value_at..].trim_end().to_string(),
                    line: i + 1,
                    value_column: line[..value_at].chars().count() + 1,
                });
            }
        }
    }
    h.insert_line = h
        .fields
        .iter()
        .map(|f| f.line + 1)
        .max()
        .or(h.title_line.map(|l| l + 1))
        .unwrap_or(skip + 1);
    h
}

/// Normalise a heading title: drop its number, lower-case, `&` → `and`,
/// punctuation → spaces.
pub fn normalise_title(title: &str) -> (String, Option<String>) {
    let (rest, number) = split_number(title);
    let mut out = String::with_capacity(rest.len() + 4);
    // Words are separated by anything not alphanumeric; `&` reads as "and".
    // One pass over the characters, so a word is never held apart.
    let mut in_word = false;
    for c in rest.chars() {
        if c.is_alphanumeric() {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            in_word = true;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            in_word = false;
            if c == '&' {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str("and");
            }
        }
    }
    (out, number.map(str::to_string))
}

/// `7.1 Network` → (`Network`, `7.1`); also `Section 7.`, `7)`. Hand-written:
/// this runs for every heading of every file.
fn split_number(title: &str) -> (&str, Option<&str>) {
    let t = title.trim_start();
    let body = match t.get(..8) {
        Some(p) if p.eq_ignore_ascii_case("section ") => t[8..].trim_start(),
        _ => t,
    };
    let digits = body
        .char_indices()
        .take_while(|&(_, c)| c.is_ascii_digit() || c == '.')
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if digits == 0 || !body.as_bytes()[0].is_ascii_digit() {
        return (title, None);
    }
    let number = body[..digits].trim_end_matches('.');
    let after = body[digits..].strip_prefix(')').unwrap_or(&body[digits..]);
    if !after.starts_with(char::is_whitespace) {
        return (title, None);
    }
    (after.trim_start(), Some(number))
}

/// Lower-case alphanumeric words of a text.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn build_outline(parsed: &Parsed, n_lines: usize) -> Vec<HeadingSpan> {
    let heads: Vec<(usize, u8)> = parsed
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b.kind {
            BlockKind::Heading(l) => Some((i, l)),
            _ => None,
        })
        .collect();
    let mut out = Vec::with_capacity(heads.len());
    for (k, &(bi, level)) in heads.iter().enumerate() {
        let next = heads[k + 1..]
            .iter()
            .find(|&&(_, l)| l <= level)
            .map(|&(j, _)| j);
        let end_block = next.unwrap_or(parsed.blocks.len());
        let end_line = next.map_or(n_lines, |j| parsed.blocks[j].line.saturating_sub(1));
        let block = &parsed.blocks[bi];
        // Direct content only: a heading whose text is all in sub-headings is
        // a parent, and its children are judged on their own.
        let direct_end = heads.get(k + 1).map_or(parsed.blocks.len(), |&(j, _)| j);
        let direct = &parsed.blocks[bi + 1..direct_end];
        let all = &parsed.blocks[bi + 1..end_block];
        let has_content = all.iter().any(Context::is_content);
        let last_line = all
            .iter()
            .filter(|b| Context::is_content(b) || matches!(b.kind, BlockKind::Heading(_)))
            .map(|b| b.end_line)
            .max()
            .unwrap_or(block.end_line);
        let _ = direct;
        let (norm, number) = normalise_title(&block.text);
        out.push(HeadingSpan {
            block: bi,
            level,
            title: block.text.clone(),
            norm,
            number,
            line: block.line,
            end_line: end_line.max(block.line),
            end_block,
            has_content,
            last_line,
        });
    }
    out
}

/// Does a normalised title contain an alias as whole words?
pub fn title_has(norm: &str, alias: &str) -> bool {
    norm.match_indices(alias).any(|(i, _)| {
        let end = i + alias.len();
        (i == 0 || norm.as_bytes()[i - 1] == b' ')
            && (end == norm.len() || norm.as_bytes()[end] == b' ')
    })
}

fn match_sections(outline: &[HeadingSpan]) -> Vec<Option<usize>> {
    let specs = &TEMPLATE_DATA.section;
    let mut out: Vec<Option<usize>> = vec![None; specs.len()];
    // Top level = shallowest heading level after the document title.
    let first_h1 = outline.iter().position(|h| h.level == 1);
    let top = outline
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != first_h1)
        .map(|(_, h)| h.level)
        .min();
    let Some(top) = top else { return out };
    for (oi, h) in outline.iter().enumerate() {
        if h.level != top || Some(oi) == first_h1 {
            continue;
        }
        let matches =
            |s: &super::data::SectionSpec| s.aliases.iter().any(|a| title_has(&h.norm, a));
        let by_number = h
            .number
            .as_deref()
            .and_then(|n| n.parse::<u8>().ok())
            .and_then(|n| specs.iter().position(|s| s.number == n && matches(s)));
        let pick = by_number.or_else(|| {
            specs
                .iter()
                .enumerate()
                .position(|(si, s)| out[si].is_none() && matches(s))
        });
        if let Some(si) = pick
            && out[si].is_none()
        {
            out[si] = Some(oi);
        }
    }
    out
}

/// The headings that stand for sections: the shallowest level after the
/// document title (the first level-1 heading, when there is one).
fn top_headings(outline: &[HeadingSpan]) -> impl Iterator<Item = (usize, &HeadingSpan)> {
    let first_h1 = outline.iter().position(|h| h.level == 1);
    let top = outline
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != first_h1)
        .map(|(_, h)| h.level)
        .min();
    outline
        .iter()
        .enumerate()
        .filter(move |(i, h)| Some(*i) != first_h1 && Some(h.level) == top)
}

/// Which template a document follows, from its own evidence, strongest first:
/// the agent's title form (`# Infrastructure Architecture: X`) or its header
/// fields, or four of its numbered sections; the shard's title or file name;
/// three section titles only BMAD's template uses; then one numbered section
/// of the agent's, or half of its sections by name. Anything else is
/// free-form.
fn detect_template(
    path: &str,
    header: &Header,
    outline: &[HeadingSpan],
    sections: &[Option<usize>],
) -> Template {
    let specs = &TEMPLATE_DATA.section;
    let title = outline.iter().find(|h| h.level == 1);
    let agent_title = title.is_some_and(|h| {
        h.norm.starts_with("infrastructure architecture") && h.title.contains(':')
    });
    let agent_fields =
        header.field("document id").is_some() || header.field("source prd").is_some();
    let numbered = sections
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            s.is_some_and(|oi| {
                outline[oi]
                    .number
                    .as_deref()
                    .and_then(|n| n.parse::<usize>().ok())
                    == specs.get(*i).map(|spec| usize::from(spec.number))
            })
        })
        .count();
    if agent_title || agent_fields || numbered >= 4 {
        return Template::Agent;
    }
    let file = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    let shard_title = title.is_some_and(|h| h.norm == "infrastructure and deployment");
    if shard_title || file == "infrastructure-and-deployment.md" {
        return Template::BmadShard;
    }
    let distinctive = TEMPLATE_DATA
        .bmad_section
        .iter()
        .filter(|spec| {
            spec.distinctive
                && top_headings(outline)
                    .any(|(_, h)| spec.aliases.iter().any(|a| title_has(&h.norm, a)))
        })
        .count();
    if distinctive >= 3 {
        return Template::BmadInfra;
    }
    let named = sections.iter().filter(|s| s.is_some()).count();
    if numbered >= 1 || named * 2 >= specs.len() {
        return Template::Agent;
    }
    Template::FreeForm
}

/// Match the headings to a BMAD template's named sections: each section
/// heading to the first section of the template it names that is still free.
fn match_named_sections(outline: &[HeadingSpan], template: Template) -> Vec<Option<usize>> {
    let specs = template.named_sections();
    let mut out = vec![None; specs.len()];
    if specs.is_empty() {
        return out;
    }
    let candidates: Vec<(usize, &HeadingSpan)> = if template == Template::BmadShard {
        // The shard's sections sit under its title, at whatever level.
        let first_h1 = outline.iter().position(|h| h.level == 1);
        outline
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != first_h1)
            .collect()
    } else {
        top_headings(outline).collect()
    };
    for (oi, h) in candidates {
        if let Some(si) = specs.iter().enumerate().position(|(si, s)| {
            out[si].is_none() && s.aliases.iter().any(|a| title_has(&h.norm, a))
        }) {
            out[si] = Some(oi);
        }
    }
    out
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)"#).expect("constant regex")
});

/// The target of a Markdown link in a header value, if any.
pub fn link_target(value: &str) -> Option<&str> {
    LINK.captures(value)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// Is a link target something to resolve on disk (not a URL, not a placeholder)?
pub fn is_local_target(target: &str) -> bool {
    !(target.contains("://")
        || target.starts_with("mailto:")
        || target.starts_with('#')
        || target.contains('{'))
}

/// Resolve a relative link against the document's folder: drop the anchor,
/// decode `%20`.
pub fn resolve_link(dir: &Path, target: &str) -> PathBuf {
    let t = target
        .split('#')
        .next()
        .unwrap_or(target)
        .replace("%20", " ");
    lexical_clean(&dir.join(t))
}

/// Remove `.` and `x/..` from a path without touching the file system (the
/// target may not exist, and a realpath per document costs syscalls).
pub fn lexical_clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// The file the document's `**Source PRD:**` link points at, without building
/// a whole context (the PRD is loaded before linting, and shared).
pub fn source_prd_target(text: &str, dir: &Path) -> Option<PathBuf> {
    for line in text.lines().take(60) {
        if line.trim_start().starts_with("## ") {
            break;
        }
        if let Some((_, "Source PRD", value_at)) = labelled_line(line, HEADER_NAMES) {
            let target = link_target(&line[value_at..])?;
            return is_local_target(target).then(|| resolve_link(dir, target));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_lines() {
        let names = &["Status", "Source PRD"];
        assert_eq!(
            labelled_line("**Status:** Draft", names),
            Some((2, "Status", 12))
        );
        assert_eq!(
            labelled_line("- **Status**: Draft", names),
            Some((4, "Status", 14))
        );
        assert_eq!(
            labelled_line("  __status__ : x", names),
            Some((4, "Status", 15))
        );
        assert_eq!(
            labelled_line("Status: Draft", names),
            Some((0, "Status", 8))
        );
        assert_eq!(labelled_line("**Status** Draft", names), None);
        assert_eq!(labelled_line("Statuses: x", names), None);
        assert_eq!(
            labelled_line("**Source PRD:** [p](p.md)", names).map(|x| x.2),
            Some(16)
        );
    }

    #[test]
    fn titles_normalise() {
        assert_eq!(
            normalise_title("6. High Availability & Disaster Recovery"),
            (
                "high availability and disaster recovery".into(),
                Some("6".into())
            )
        );
        assert_eq!(
            normalise_title("7.1 Network Security").1.as_deref(),
            Some("7.1")
        );
        assert_eq!(normalise_title("Observability").0, "observability");
        assert_eq!(
            normalise_title("Section 7. Security"),
            ("security".into(), Some("7".into()))
        );
        assert_eq!(
            normalise_title("7) R&D"),
            ("r and d".into(), Some("7".into()))
        );
        assert_eq!(normalise_title("7.1Network").1, None);
        assert_eq!(normalise_title("产品需求文档（PRD）").1, None);
        assert_eq!(normalise_title("ADR-1: Use ECS").0, "adr 1 use ecs");
        assert!(title_has(
            "high availability and disaster recovery",
            "disaster recovery"
        ));
        assert!(!title_has("costs", "cost"));
        // The word-by-word form this replaced, as the reference.
        let reference = |title: &str| {
            let (rest, number) = split_number(title);
            let mut out = String::new();
            for w in rest
                .split(|c: char| !c.is_alphanumeric() && c != '&')
                .flat_map(|w| w.split_inclusive('&'))
            {
                for part in [
                    w.trim_end_matches('&'),
                    if w.ends_with('&') { "and" } else { "" },
                ] {
                    if part.is_empty() {
                        continue;
                    }
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.extend(part.chars().flat_map(char::to_lowercase));
                }
            }
            (out, number.map(str::to_string))
        };
        for t in [
            "",
            "&",
            "&&",
            "a&&b",
            "&a& b &",
            " R & D ",
            "6. High Availability & Disaster Recovery",
            "Section 12) Ops/Runbooks: day-2",
            "ÉCOLE & Straße İ — 需求 x_y",
            "7.1Network",
        ] {
            assert_eq!(normalise_title(t), reference(t), "{t}");
        }
    }

    #[test]
    fn prose_masks_code_and_comments() {
        let ctx = Context::new(
            "x.md",
            "a `[x]` b <!-- c --> d\n```\n[y]\n```\n",
            Inputs::default(),
        );
        assert_eq!(ctx.prose(1), Some("a       b            d"));
        assert!(ctx.prose(3).is_some_and(|l| l.trim().is_empty()));
        assert_eq!(ctx.prose(5), None);
        assert!(ctx.in_code[1] && ctx.in_code[3]);
    }

    #[test]
    fn header_fields_and_sections() {
        let doc = "# Infrastructure Architecture: Pay\n\n**Source PRD:** [prd](../prd/pay.md)\n**Status:** Draft\n\n## 1. Executive Summary\n\nText.\n\n## 7. Security\n\n### 7.1 Network Security\n\nVPC.\n";
        let ctx = Context::new("x.md", doc, Inputs::default());
        assert_eq!(
            ctx.header.field("status").map(|f| f.value.as_str()),
            Some("Draft")
        );
        assert_eq!(ctx.header.field("source prd").map(|f| f.line), Some(3));
        assert_eq!(ctx.header.insert_line, 5);
        assert_eq!(ctx.section(1).map(|s| s.line), Some(6));
        assert_eq!(ctx.section(7).map(|s| s.line), Some(10));
        assert!(ctx.section(2).is_none());
        assert_eq!(
            source_prd_target(doc, Path::new("/d/arch")),
            Some(PathBuf::from("/d/prd/pay.md"))
        );
        assert_eq!(
            lexical_clean(Path::new("a/./b/../../../c")),
            PathBuf::from("../c")
        );
    }
}
