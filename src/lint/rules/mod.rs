//! One file per rule. Each holds `pub const RULE` (code, name, severity,
//! summary, help, `DOC` text, check function) and its table-driven tests.

/// Declare a rule's documentation once: the text becomes the rustdoc of its
/// `DOC` constant and is the string `infrarch rule CODE` prints.
macro_rules! rule_doc {
    ($text:literal) => {
        #[doc = $text]
        pub const DOC: &str = $text;
    };
}

pub mod adr_alternative_without_reason;
pub mod adr_edited;
pub mod adr_invalid_status;
pub mod adr_missing_field;
pub mod adr_multiple_decisions;
pub mod boilerplate_claim;
pub mod diagram_placeholder;
pub mod empty_section;
pub mod example_value;
pub mod generic_diagram;
pub mod invalid_created_date;
pub mod invalid_document_id;
pub mod invalid_status;
pub mod mermaid_syntax;
pub mod missing_header_field;
pub mod missing_observability_part;
pub mod missing_section;
pub mod missing_security_part;
pub mod prd_redundancy;
pub mod requirement_drift;
pub mod requirement_without_number;
pub mod template_diagram;
pub mod template_sentence;
pub mod template_slot;
pub mod template_variable;
pub mod todo_marker;
pub mod unresolved_source_prd;
pub mod unused_suppression;

use crate::markdown::{Block, BlockKind};

use super::Finding;
use super::context::{Context, title_has};
use super::data::PartSpec;
#[cfg(test)]
use super::{Inputs, Selection};

/// Run one rule over a text and return (line, column, message) triples, for
/// the rules' table-driven tests.
#[cfg(test)]
pub(crate) fn run(code: &str, text: &str) -> Vec<(usize, usize, String)> {
    run_with(code, text, Inputs::default())
}

#[cfg(test)]
pub(crate) fn run_with(code: &str, text: &str, inputs: Inputs<'_>) -> Vec<(usize, usize, String)> {
    let selection = Selection::new(&[code.to_string()], &[]).expect("known code");
    super::lint_document("t.md", text, inputs, &selection)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (d.line, d.column, d.message))
        .collect()
}

/// Rows of requirement tables: tables whose header's first cell says
/// "Requirement" (the template's §2.2 table, or any like it).
pub(crate) fn requirement_rows<'c>(ctx: &'c Context<'_>) -> Vec<&'c Block> {
    let mut out = Vec::new();
    let mut in_req_table = false;
    let mut last_line = 0;
    for b in &ctx.parsed.blocks {
        match &b.kind {
            BlockKind::TableRow {
                header: true,
                cells,
            } => {
                let first = cells
                    .first()
                    .map(|c| c.to_ascii_lowercase())
                    .unwrap_or_default();
                in_req_table = first.starts_with("requirement")
                    || first == "nfr"
                    || first.contains("non-functional");
            }
            BlockKind::TableRow { header: false, .. }
                if in_req_table && b.line <= last_line + 2 =>
            {
                out.push(b)
            }
            BlockKind::TableRow { .. } => {}
            _ => in_req_table = false,
        }
        last_line = b.end_line;
    }
    out
}

/// Cells of a table row block.
pub(crate) fn cells(b: &Block) -> &[String] {
    match &b.kind {
        BlockKind::TableRow { cells, .. } => cells,
        _ => &[],
    }
}

/// The byte range of cell `idx` in a raw table line (between pipes).
pub(crate) fn cell_span(line: &str, idx: usize) -> Option<(usize, usize)> {
    cell_spans(line).get(idx).copied()
}

/// The byte range of every cell in a raw table line, in one pass (asking
/// [`cell_span`] per cell rescans the line: quadratic on a wide table).
pub(crate) fn cell_spans(line: &str) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let bytes = line.as_bytes();
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && !escaped {
            bounds.push(i);
        }
        escaped = b == b'\\';
    }
    let leading = line.trim_start().starts_with('|');
    let starts: Vec<usize> = if leading {
        bounds.iter().map(|b| b + 1).collect()
    } else {
        std::iter::once(0)
            .chain(bounds.iter().map(|b| b + 1))
            .collect()
    };
    // Each cell ends at the first pipe at or after its start; starts and
    // pipes both ascend, so one cursor walks them together.
    let mut next = 0;
    starts
        .into_iter()
        .map(|s| {
            while next < bounds.len() && bounds[next] < s {
                next += 1;
            }
            (s, bounds.get(next).copied().unwrap_or(line.len()))
        })
        .collect()
}

/// Each part's keywords as one case-insensitive regex (substring match, as
/// the keywords are stems: `monitor`, `log`).
static PART_KEYWORDS: std::sync::LazyLock<Vec<(String, regex::Regex)>> =
    std::sync::LazyLock::new(|| {
        super::data::TEMPLATE_DATA
            .part
            .iter()
            .filter_map(|p| {
                let alts: Vec<String> = p.keywords.iter().map(|k| regex::escape(k)).collect();
                let re = regex::Regex::new(&format!("(?i:{})", alts.join("|"))).ok()?;
                Some((p.title.clone(), re))
            })
            .collect()
    });

/// Is a required part of a section present (a sub-heading naming it, or the
/// section's text mentioning one of its keywords)? Returns false when the
/// section itself is absent.
pub(crate) fn part_present(ctx: &Context<'_>, part: &PartSpec) -> bool {
    let Some(sec) = ctx.section(part.section) else {
        return true;
    };
    // Sub-headings of the section, already normalised in the outline.
    let subs = ctx
        .outline
        .iter()
        .filter(|h| h.block > sec.block && h.block < sec.end_block);
    for h in subs {
        if part.aliases.iter().any(|a| title_has(&h.norm, a)) {
            // A heading with nothing under it does not cover the part.
            return h.has_content;
        }
    }
    let Some(re) = PART_KEYWORDS
        .iter()
        .find(|(t, _)| *t == part.title)
        .map(|(_, r)| r)
    else {
        return false;
    };
    ctx.blocks_in(sec)
        .iter()
        .filter(|b| Context::is_content(b))
        .any(|b| re.is_match(&b.text))
}

/// Report missing parts of a section at the section's heading.
pub(crate) fn missing_parts(ctx: &Context<'_>, section: u8, out: &mut Vec<Finding>) {
    let Some(sec) = ctx.section(section) else {
        return;
    };
    if !sec.has_content {
        // An empty section is IA502's finding; listing its parts adds noise.
        return;
    }
    for part in super::data::TEMPLATE_DATA
        .part
        .iter()
        .filter(|p| p.section == section)
    {
        if !part_present(ctx, part) {
            let line = sec.line;
            out.push(
                Finding::new(
                    line,
                    1,
                    format!("section `{}` does not cover {}", sec.title, part.title),
                )
                .help(format!(
                    "add a `{}` subsection with concrete choices ({})",
                    part.title,
                    part.keywords
                        .iter()
                        .take(4)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
}

#[cfg(test)]
mod cell_tests {
    use super::{cell_span, cell_spans};

    #[test]
    fn cell_spans_split_at_unescaped_pipes() {
        let cases: [(&str, &[(usize, usize)]); 4] = [
            ("| a | b |", &[(1, 4), (5, 8), (9, 9)]),
            ("a | b", &[(0, 2), (3, 5)]),
            ("| a \\| x | b |", &[(1, 9), (10, 13), (14, 14)]),
            ("  | x |", &[(3, 6), (7, 7)]),
        ];
        for (line, want) in cases {
            assert_eq!(cell_spans(line), want, "{line:?}");
            for (i, w) in want.iter().enumerate() {
                assert_eq!(cell_span(line, i), Some(*w), "{line:?} cell {i}");
            }
            assert_eq!(cell_span(line, want.len()), None);
        }
    }
}
