//! The table of rule codes. Adding a rule = one file under `rules/` and one
//! line here; `infrarch rule CODE` and the SARIF rule metadata read this table.

use super::rules;
use super::{Context, Finding, Severity};

/// A lint rule: its code, its documentation and its check.
pub struct Rule {
    /// `IA101`.
    pub code: &'static str,
    /// kebab-case name (`template-slot`).
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Default `help:` text of a finding.
    pub help: &'static str,
    /// What it does / Why is this bad? / Example (Markdown). Printed by
    /// `infrarch rule CODE`.
    pub doc: &'static str,
    pub check: fn(&Context<'_>, &mut Vec<Finding>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.code, self.name)
    }
}

/// Every rule, in code order.
pub static RULES: &[Rule] = &[
    rules::template_slot::RULE,
    rules::template_variable::RULE,
    rules::todo_marker::RULE,
    rules::example_value::RULE,
    rules::template_sentence::RULE,
    rules::boilerplate_claim::RULE,
    rules::template_diagram::RULE,
    rules::generic_diagram::RULE,
    rules::diagram_placeholder::RULE,
    rules::mermaid_syntax::RULE,
    rules::requirement_without_number::RULE,
    rules::invalid_status::RULE,
    rules::invalid_document_id::RULE,
    rules::invalid_created_date::RULE,
    rules::unresolved_source_prd::RULE,
    rules::missing_header_field::RULE,
    rules::missing_section::RULE,
    rules::empty_section::RULE,
    rules::missing_security_part::RULE,
    rules::missing_observability_part::RULE,
    rules::adr_missing_field::RULE,
    rules::adr_alternative_without_reason::RULE,
    rules::adr_multiple_decisions::RULE,
    rules::adr_invalid_status::RULE,
    rules::adr_edited::RULE,
    rules::prd_redundancy::RULE,
    rules::requirement_drift::RULE,
    rules::unused_suppression::RULE,
];

/// Look a rule up by code (case-insensitive) or by name.
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        for w in RULES.windows(2) {
            assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
        }
        for r in RULES {
            assert!(r.code.len() == 5 && r.code.starts_with("IA"), "{}", r.code);
            for part in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(r.doc.contains(part), "{} doc lacks {part}", r.code);
            }
            assert!(!r.help.is_empty() && !r.summary.is_empty());
        }
        assert_eq!(rule("ia101").map(|r| r.name), Some("template-slot"));
        assert_eq!(rule("missing-section").map(|r| r.code), Some("IA501"));
    }
}
