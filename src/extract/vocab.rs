//! The extractor's word lists and technology vocabulary, compiled in from
//! `data/extract_vocab.toml`, and the technology names of
//! [`crate::technologies`], turned into regexes once per process.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::re::{Names, Regex, RegexSet, SetMatches};
use serde::Deserialize;

#[cfg(test)]
const VOCAB_TOML: &str = include_str!("../../data/extract_vocab.toml");
/// The same file as JSON (see `crate::builtin_json`), what a run parses.
const VOCAB_JSON: &str = crate::builtin_json!("extract_vocab.toml");

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
    /// The whole system's running cost as a subject ("running costs", a
    /// "Cost" label), as opposed to one item's ("storage costs").
    pub budget_subject: Regex,
    /// A ceiling word right before an amount ("up to", "under", "at most").
    pub budget_limit: Regex,
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
    /// A heading over the present system: its figures are not targets.
    pub achieved_heading: Regex,
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
    /// Every alias, longest first, found as the alternation
    /// `(?i)\balias1\b|\balias2\b|…` would (see [`Names`]).
    pub tech_re: Names,
    /// Lower-cased alias → index into `techs`.
    pub tech_alias: HashMap<String, usize>,
    /// One pass over a text telling which recognisers can find anything in
    /// it (indices: the `GATE_*` constants); most text needs none.
    pub gate: Gate,
}

/// The gate: a [`RegexSet`] over the recognisers' cheap tests, with the
/// technology slot ([`GATE_TECH`]) answered by the alias search instead of
/// a regex alternation of every alias (slow to compile and to run).
pub struct Gate {
    set: RegexSet,
    tech: Names,
}

impl Gate {
    /// Which `GATE_*` slots can find something in `text`.
    pub fn matches(&self, text: &str) -> SetMatches {
        let mut m = self.set.matches(text);
        if self.tech.is_match(text) {
            m.set(GATE_TECH);
        }
        m
    }
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

/// Compile a compiled-in pattern; every extractor pattern is built here (see
/// [`super::re`] for the cheap-to-compile form: ASCII `\b`, `\d` and case
/// folding, Unicode `\w` and `\s`). Word boundaries are ASCII-only: a
/// Unicode `\b` stops the regex engine's fast DFA at the first non-ASCII byte
/// (every CJK document, every "≥"), and the names and words bounded here are
/// ASCII anyway. The data files are compiled in and covered by tests; a bad
/// pattern is a build defect, not user input.
pub fn compile(pattern: &str, case_insensitive: bool) -> Regex {
    Regex::lazy(pattern, case_insensitive)
}

fn ci(pattern: &str) -> Regex {
    compile(pattern, true)
}

/// An alias as a pattern: word boundaries only on ends that are ASCII word
/// characters, so "AWS" does not match inside "laws" while a CJK name
/// ("单机部署") still matches inside a CJK sentence without spaces. The
/// alternation of these is what [`Names`] must find (tested below).
#[cfg(test)]
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
        serde_json::from_str::<VocabFile>(VOCAB_JSON)
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
    let v: VocabFile = serde_json::from_str(VOCAB_JSON).expect("data/extract_vocab.toml parses");
    let catalog = crate::technologies::catalog();
    let kw = |k: &str| {
        ci(v.keywords
            .get(k)
            .unwrap_or_else(|| panic!("keyword list `{k}` missing")))
    };
    // Phase lists are combined into one regex below: their patterns, not
    // a regex each.
    let ph = |k: &str| {
        v.phases
            .get(k)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("phase list `{k}` missing"))
    };
    let aliases = catalog.aliases();
    let tech_re = Names::new(&aliases.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>())
        .unwrap_or_else(|e| panic!("technology aliases: {e}"));
    let framework_alternation = v
        .framework
        .iter()
        .map(|f| format!("(?:{})", f.pattern))
        .collect::<Vec<_>>()
        .join("|");
    let raw_kw = |k: &str| {
        v.keywords
            .get(k)
            .cloned()
            .unwrap_or_else(|| panic!("keyword list `{k}` missing"))
    };
    let gate = RegexSet::new(&[
        // GATE_TECH: answered by `tech_re` (see `Gate`); a class that matches
        // nothing keeps the slot.
        r"[^\s\S]".to_string(),
        framework_alternation.clone(),
        format!("(?i:{})", raw_kw("residency")),
        super::labels::BASED_PATTERN.to_string(),
        super::numbers::NINES_PATTERN.to_string(),
        "[0-9]".to_string(),
        format!("(?i:{})", raw_kw("concurrency")),
        format!("(?i:{}|{})", raw_kw("budget"), raw_kw("budget_subject")),
        r"(?i)%|％|percent|pct".to_string(),
        format!("(?i:{})", raw_kw("workload_gate")),
    ])
    .unwrap_or_else(|e| panic!("gate patterns: {e}"));
    let gate = Gate {
        set: gate,
        tech: tech_re.clone(),
    };
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
        budget_subject: kw("budget_subject"),
        budget_limit: kw("budget_limit"),
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
        achieved_heading: kw("achieved_heading"),
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
        let total: usize = v
            .techs
            .iter()
            .map(|t| t.aliases.len() + t.provider_aliases.len())
            .sum();
        assert_eq!(total, v.tech_alias.len(), "an alias is listed twice");
        assert!(v.frameworks.iter().any(|f| f.id == "SOC2"));
    }

    /// The alias search finds what the regex alternation of every alias
    /// found, on hand-made edge cases and on every planning document in the
    /// repository's examples and fixtures.
    #[test]
    fn alias_search_finds_what_the_alternation_found() {
        let alternation = crate::technologies::catalog()
            .aliases()
            .iter()
            .map(|(a, _)| bounded(a))
            .collect::<Vec<_>>()
            .join("|");
        let old =
            regex::RegexBuilder::new(&format!("(?:{alternation})").replace(r"\b", r"(?-u:\b)"))
                .case_insensitive(true)
                .size_limit(1 << 26)
                .build()
                .expect("alternation");
        let mut texts: Vec<String> = [
            "We run on AWS with Amazon Aurora; the laws say so.",
            "Azure  Kubernetes\n\tService (AKS) and Google\u{a0}Kubernetes Engine",
            "腾讯云 或 阿里云，单机部署；单机",
            "Postgres/Redis, redis_cache, ECS/Fargate, S3-compatible MinIO",
            "aws",
            "",
            "   Kafka   ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in [
            "examples",
            "tests/fixtures/corpus",
            "tests/fixtures/workloads",
        ] {
            for e in walk(&root.join(dir)) {
                if e.extension().is_some_and(|x| x == "md") {
                    texts.push(std::fs::read_to_string(&e).unwrap_or_default());
                }
            }
        }
        assert!(texts.len() > 20, "found only {} texts", texts.len());
        let v = &*VOCAB;
        for t in &texts {
            let a: Vec<_> = old.find_iter(t).map(|m| m.range()).collect();
            let b: Vec<_> = v.tech_re.find_iter(t).map(|m| m.range()).collect();
            assert_eq!(a, b, "on {:?}", &t[..t.len().min(200)]);
            assert_eq!(old.is_match(t), v.tech_re.is_match(t));
        }
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }
}
