//! The extractor's word lists and technology vocabulary, compiled in from
//! `data/extract_vocab.toml`, and the technology names of
//! [`crate::technologies`], turned into regexes once per process.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;

const VOCAB_TOML: &str = include_str!("../../data/extract_vocab.toml");

#[derive(Deserialize)]
struct VocabFile {
    keywords: HashMap<String, String>,
    phases: HashMap<String, String>,
    qualifiers: Qualifiers,
    framework: Vec<FrameworkRow>,
    region: Vec<RegionRow>,
}

#[derive(Deserialize)]
struct Qualifiers {
    patterns: Vec<String>,
}

#[derive(Deserialize)]
struct FrameworkRow {
    id: String,
    pattern: String,
    #[serde(default)]
    exclude: Option<String>,
}

#[derive(Deserialize)]
struct RegionRow {
    code: String,
    pattern: String,
}

/// One technology of the vocabulary: the catalog's row.
pub type TechRow = crate::technologies::Tech;

/// A compliance framework and how to find it.
pub struct Framework {
    pub id: String,
    pub pattern: Regex,
    pub exclude: Option<Regex>,
}

/// A residency region and how to find it.
pub struct Region {
    pub code: String,
    pub pattern: Regex,
}

/// Everything compiled.
pub struct Vocab {
    pub availability: Regex,
    pub availability_exclude: Regex,
    pub latency: Regex,
    pub latency_exclude: Regex,
    pub latency_job: Regex,
    pub latency_heading: Regex,
    pub rto: Regex,
    pub rto_exclude: Regex,
    pub rto_explicit: Regex,
    pub rpo: Regex,
    pub throughput: Regex,
    pub throughput_exclude: Regex,
    pub throughput_label: Regex,
    pub concurrency: Regex,
    pub budget: Regex,
    pub budget_exclude: Regex,
    pub data_volume: Regex,
    pub data_volume_exclude: Regex,
    pub residency: Regex,
    pub rationale: Regex,
    pub risk_heading: Regex,
    pub example: Regex,
    pub negation: Regex,
    pub negation_adjacent: Regex,
    pub negation_after: Regex,
    pub only: Regex,
    pub hypothetical: Regex,
    pub hypothetical_after: Regex,
    pub rejected_heading: Regex,
    pub hypothetical_heading: Regex,
    pub dev_only: Regex,
    pub decided: Regex,
    pub external_service_label: Regex,
    pub achieved: Regex,
    pub target: Regex,
    /// Phase words in one pass: groups `prod`, `beta`, `mvp`.
    pub phases: Regex,
    /// Every qualifier phrase in one alternation.
    pub qualifiers: Regex,
    pub frameworks: Vec<Framework>,
    /// Any framework at all: a cheap first test before the per-framework ones.
    pub frameworks_any: Regex,
    pub regions: Vec<Region>,
    pub techs: &'static [TechRow],
    /// One alternation of every alias, longest first.
    pub tech_re: Regex,
    /// Lower-cased alias → index into `techs`.
    pub tech_alias: HashMap<String, usize>,
    /// One pass over a text telling which recognisers can find anything in
    /// it (indices: the `GATE_*` constants); most text needs none.
    pub gate: RegexSet,
}

pub const GATE_TECH: usize = 0;
pub const GATE_FRAMEWORK: usize = 1;
pub const GATE_RESIDENCY: usize = 2;
pub const GATE_BASED: usize = 3;
pub const GATE_NINES: usize = 4;
pub const GATE_DIGIT: usize = 5;
pub const GATE_CONCURRENCY: usize = 6;
pub const GATE_BUDGET: usize = 7;
pub const GATE_PERCENT: usize = 8;
/// Words of the exposure and tenancy recognisers (see `workload`).
pub const GATE_WORKLOAD: usize = 9;

/// `re` matches somewhere in `text`. Every keyword list needs at least one
/// character, so an empty context string (most cells have no column header,
/// most list items no label) is answered without running the regex engine.
pub fn in_text(re: &Regex, text: &str) -> bool {
    !text.is_empty() && re.is_match(text)
}

/// Compile a compiled-in pattern. Word boundaries are made ASCII-only: a
/// Unicode `\b` stops the regex engine's fast DFA at the first non-ASCII byte
/// (every CJK document, every "≥"), and the names and words bounded here are
/// ASCII anyway. The data files are compiled in and covered by tests; a bad
/// pattern is a build defect, not user input.
pub fn compile(pattern: &str, case_insensitive: bool) -> Regex {
    let ascii_bounds = pattern.replace(r"\b", r"(?-u:\b)");
    RegexBuilder::new(&ascii_bounds)
        .case_insensitive(case_insensitive)
        .build()
        .unwrap_or_else(|e| panic!("bad pattern in compiled-in vocabulary: {pattern}: {e}"))
}

fn ci(pattern: &str) -> Regex {
    compile(pattern, true)
}

/// An alias as a pattern: word boundaries only on ends that are ASCII word
/// characters, so "AWS" does not match inside "laws" while a CJK name
/// ("单机部署") still matches inside a CJK sentence without spaces.
fn bounded(alias: &str) -> String {
    let body = regex::escape(alias).replace(' ', r"\s+");
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let start = if word(alias.chars().next()) {
        r"\b"
    } else {
        ""
    };
    let end = if word(alias.chars().last()) {
        r"\b"
    } else {
        ""
    };
    format!("{start}{body}{end}")
}

/// Normalise an alias or matched text for lookup: lower case, single spaces.
pub fn alias_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The raw keyword patterns, for recognisers that combine several lists into
/// one regex (one pass instead of one per list).
pub fn keyword_patterns() -> impl Fn(&str) -> &'static str {
    static RAW: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
        toml::from_str::<VocabFile>(VOCAB_TOML)
            .map(|v| v.keywords)
            .expect("data/extract_vocab.toml parses")
    });
    |k: &str| {
        RAW.get(k)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("keyword list `{k}` missing"))
    }
}

/// The compiled vocabulary.
pub static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let v: VocabFile = toml::from_str(VOCAB_TOML).expect("data/extract_vocab.toml parses");
    let catalog = crate::technologies::catalog();
    let kw = |k: &str| {
        ci(v.keywords
            .get(k)
            .unwrap_or_else(|| panic!("keyword list `{k}` missing")))
    };
    let ph = |k: &str| {
        ci(v.phases
            .get(k)
            .unwrap_or_else(|| panic!("phase list `{k}` missing")))
    };
    let aliases = catalog.aliases();
    let alternation = aliases
        .iter()
        .map(|(a, _)| bounded(a))
        .collect::<Vec<_>>()
        .join("|");
    let tech_re = ci(&format!("(?:{alternation})"));
    let framework_alternation = v
        .framework
        .iter()
        .map(|f| format!("(?:{})", f.pattern))
        .collect::<Vec<_>>()
        .join("|");
    let ascii = |p: String| p.replace(r"\b", r"(?-u:\b)");
    let raw_kw = |k: &str| {
        v.keywords
            .get(k)
            .cloned()
            .unwrap_or_else(|| panic!("keyword list `{k}` missing"))
    };
    let gate = RegexSetBuilder::new([
        ascii(format!("(?i:{alternation})")),
        ascii(framework_alternation.clone()),
        ascii(format!("(?i:{})", raw_kw("residency"))),
        ascii(super::labels::BASED_PATTERN.to_string()),
        ascii(super::numbers::NINES_PATTERN.to_string()),
        "[0-9]".to_string(),
        ascii(format!("(?i:{})", raw_kw("concurrency"))),
        ascii(format!("(?i:{})", raw_kw("budget"))),
        r"(?i)%|％|percent|pct".to_string(),
        ascii(format!("(?i:{})", raw_kw("workload_gate"))),
    ])
    .build()
    .unwrap_or_else(|e| panic!("gate patterns: {e}"));
    let tech_alias = aliases.iter().map(|(a, i)| (alias_key(a), *i)).collect();
    Vocab {
        availability: kw("availability"),
        availability_exclude: kw("availability_exclude"),
        latency: kw("latency"),
        latency_exclude: kw("latency_exclude"),
        latency_job: kw("latency_job"),
        latency_heading: kw("latency_heading"),
        rto: kw("rto"),
        rto_exclude: kw("rto_exclude"),
        rto_explicit: kw("rto_explicit"),
        rpo: kw("rpo"),
        throughput: kw("throughput"),
        throughput_exclude: kw("throughput_exclude"),
        throughput_label: kw("throughput_label"),
        concurrency: kw("concurrency"),
        budget: kw("budget"),
        budget_exclude: kw("budget_exclude"),
        data_volume: kw("data_volume"),
        data_volume_exclude: kw("data_volume_exclude"),
        residency: kw("residency"),
        rationale: kw("rationale"),
        risk_heading: kw("risk_heading"),
        example: kw("example"),
        negation: kw("negation"),
        negation_adjacent: kw("negation_adjacent"),
        negation_after: kw("negation_after"),
        only: kw("only"),
        hypothetical: kw("hypothetical"),
        hypothetical_after: kw("hypothetical_after"),
        rejected_heading: kw("rejected_heading"),
        hypothetical_heading: kw("hypothetical_heading"),
        dev_only: kw("dev_only"),
        decided: kw("decided"),
        external_service_label: kw("external_service_label"),
        achieved: kw("achieved"),
        target: kw("target"),
        phases: ci(&format!(
            "(?P<prod>{})|(?P<beta>{})|(?P<mvp>{})",
            ph("production"),
            ph("beta"),
            ph("mvp")
        )),
        qualifiers: ci(&v
            .qualifiers
            .patterns
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|")),
        frameworks: v
            .framework
            .iter()
            .map(|f| Framework {
                id: f.id.clone(),
                // Framework acronyms are upper case in prose; case-sensitive
                // matching keeps "sox" (socks) and "appi" out.
                pattern: compile(&f.pattern, false),
                exclude: f.exclude.as_deref().map(ci),
            })
            .collect(),
        frameworks_any: compile(&framework_alternation, false),
        regions: v
            .region
            .iter()
            .map(|r| Region {
                code: r.code.clone(),
                pattern: compile(&r.pattern, false),
            })
            .collect(),
        techs: catalog.all(),
        tech_re,
        tech_alias,
        gate,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_say_where_they_come_from() {
        for (name, text) in [("extract_vocab.toml", VOCAB_TOML)] {
            let t: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            for key in ["source", "as_of"] {
                let v = t.get(key).and_then(|v| v.as_str()).unwrap_or("");
                assert!(!v.trim().is_empty(), "{name} lacks `{key}`");
            }
        }
    }

    #[test]
    fn vocabulary_compiles_and_aliases_are_unique() {
        let v = &*VOCAB;
        assert!(v.techs.len() > 40);
        let total: usize = v.techs.iter().map(|t| t.aliases.len()).sum();
        assert_eq!(total, v.tech_alias.len(), "an alias is listed twice");
        assert!(v.frameworks.iter().any(|f| f.id == "SOC2"));
    }
}
