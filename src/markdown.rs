//! Markdown, read once through comrak into a flat list of blocks with their
//! source lines. Extraction and lint both work on these blocks, so neither
//! needs to know comrak's AST, and neither re-parses.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

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

/// Nesting beyond this depth is flattened: comrak's AST walk and ours are
/// recursive, and a hostile 10,000-deep list must not overflow the stack.
pub const MAX_NESTING: usize = 64;

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.tasklist = true;
    o.extension.front_matter_delimiter = Some("---".to_string());
    o
}

/// Parse Markdown text into blocks.
pub fn parse(text: &str) -> Parsed {
    let (frontmatter, fm_lines) = split_frontmatter(text);
    let guarded;
    let text = if needs_depth_guard(text) {
        guarded = flatten_deep_nesting(text);
        guarded.as_str()
    } else {
        text
    };
    let arena = Arena::new();
    let root = parse_document(&arena, text, &options());
    let mut out = Parsed {
        frontmatter,
        frontmatter_lines: fm_lines,
        blocks: Vec::new(),
    };
    let mut current_heading = None;
    walk(root, 0, &mut out, &mut current_heading);
    out
}

fn walk<'a>(
    node: &'a AstNode<'a>,
    list_depth: usize,
    out: &mut Parsed,
    heading: &mut Option<usize>,
) {
    for child in node.children() {
        let (kind, line, end_line) = {
            let data = child.data.borrow();
            let pos = data.sourcepos;
            let kind = match &data.value {
                NodeValue::Heading(h) => Some(BlockKind::Heading(h.level)),
                NodeValue::Paragraph => Some(if list_depth > 0 {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                }),
                NodeValue::CodeBlock(c) => Some(BlockKind::Code {
                    info: c.info.trim().to_string(),
                }),
                NodeValue::HtmlBlock(_) => Some(BlockKind::Html),
                NodeValue::TableRow(header) => Some(BlockKind::TableRow {
                    header: *header,
                    cells: Vec::new(),
                }),
                _ => None,
            };
            (kind, pos.start.line, pos.end.line)
        };
        match kind {
            Some(BlockKind::TableRow { header, .. }) => {
                let cells: Vec<String> = child.children().map(inline_text).collect();
                let text = cells.join(" | ");
                out.blocks.push(Block {
                    kind: BlockKind::TableRow { header, cells },
                    line,
                    end_line,
                    text,
                    heading: *heading,
                    list_depth,
                });
            }
            Some(BlockKind::Code { info }) => {
                let literal = match &child.data.borrow().value {
                    NodeValue::CodeBlock(c) => c.literal.clone(),
                    _ => String::new(),
                };
                out.blocks.push(Block {
                    kind: BlockKind::Code { info },
                    line,
                    end_line,
                    text: literal,
                    heading: *heading,
                    list_depth,
                });
            }
            Some(BlockKind::Html) => {
                let literal = match &child.data.borrow().value {
                    NodeValue::HtmlBlock(h) => h.literal.clone(),
                    _ => String::new(),
                };
                out.blocks.push(Block {
                    kind: BlockKind::Html,
                    line,
                    end_line,
                    text: literal,
                    heading: *heading,
                    list_depth,
                });
            }
            Some(kind) => {
                let is_heading = matches!(kind, BlockKind::Heading(_));
                out.blocks.push(Block {
                    kind,
                    line,
                    end_line,
                    text: inline_text(child),
                    heading: *heading,
                    list_depth,
                });
                if is_heading {
                    *heading = Some(out.blocks.len() - 1);
                }
            }
            None => {
                let is_item = matches!(
                    child.data.borrow().value,
                    NodeValue::Item(_) | NodeValue::TaskItem(_)
                );
                let depth = if is_item { list_depth + 1 } else { list_depth };
                if depth <= MAX_NESTING {
                    walk(child, depth, out, heading);
                }
            }
        }
    }
}

/// The plain text of a node's inline content.
fn inline_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    collect_text(node, &mut s, 0);
    // Collapse whitespace runs in one pass, without a Vec of pieces: this runs
    // for every block of every document.
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn collect_text<'a>(node: &'a AstNode<'a>, out: &mut String, depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    for child in node.children() {
        match &child.data.borrow().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            // Keep `<br>` as a separator; drop other inline tags.
            NodeValue::HtmlInline(h) if h.to_ascii_lowercase().starts_with("<br") => out.push(' '),
            _ => {}
        }
        collect_text(child, out, depth + 1);
    }
}

/// Split `---` YAML frontmatter from the start of a file.
fn split_frontmatter(text: &str) -> (Option<String>, usize) {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = body.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return (None, 0),
    }
    let mut yaml = String::new();
    let mut n = 1;
    for line in lines {
        n += 1;
        if line.trim_end() == "---" {
            return (Some(yaml), n);
        }
        yaml.push_str(line);
    }
    (None, 0)
}

/// Cheap pre-check: only texts with very long indentation runs can nest deeper
/// than [`MAX_NESTING`] list levels or block quotes.
fn needs_depth_guard(text: &str) -> bool {
    text.lines().any(|l| {
        let lead = l.len() - l.trim_start_matches([' ', '\t', '>', '-', '*', '+']).len();
        lead > MAX_NESTING * 2
    })
}

/// Rewrite lines whose container prefix is deeper than comrak can safely
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
    fn deep_nesting_does_not_overflow() {
        // 10,000 nested list markers on one line, and as many block quotes.
        let s = format!("{}x\n\n{}y\n", "- ".repeat(10_000), "> ".repeat(10_000));
        let p = parse(&s);
        assert!(p.blocks.iter().any(|b| b.text.contains('x')));
        assert!(p.blocks.iter().any(|b| b.text.contains('y')));
    }
}
