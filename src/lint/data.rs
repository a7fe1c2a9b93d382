//! The curated lists under `data/lint/`, compiled in and parsed once.
//!
//! The files ship inside the binary, so a parse failure is a build defect, not
//! bad user input: `tests::data_files_parse` keeps them valid, and a broken file
//! degrades to an empty list rather than a panic at lint time.

use std::sync::LazyLock;

use serde::Deserialize;

const TEMPLATE: &str = include_str!("../../data/lint/template.toml");
const BOILERPLATE: &str = include_str!("../../data/lint/boilerplate.toml");
const PLACEHOLDERS: &str = include_str!("../../data/lint/placeholders.toml");

/// A row every list shares: where it came from and when it was checked.
#[derive(Debug, Clone, Deserialize)]
pub struct Provenance {
    pub source: String,
    pub as_of: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Phrase {
    pub text: String,
    #[serde(default)]
    pub case_sensitive: bool,
    /// Match anywhere in a value, not only at its start (IA104's `e.g.`).
    #[serde(default)]
    pub anywhere: bool,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Technology {
    pub name: String,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// One of the 14 numbered sections of the template.
#[derive(Debug, Clone, Deserialize)]
pub struct SectionSpec {
    pub number: u8,
    pub title: String,
    pub aliases: Vec<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A part a section must cover (Security's network, access, monitoring).
#[derive(Debug, Clone, Deserialize)]
pub struct PartSpec {
    pub section: u8,
    pub title: String,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Default, Deserialize)]
pub struct TemplateData {
    #[serde(default)]
    pub sentence: Vec<Phrase>,
    #[serde(default)]
    pub section: Vec<SectionSpec>,
    #[serde(default)]
    pub part: Vec<PartSpec>,
}

#[derive(Debug, Default, Deserialize)]
pub struct BoilerplateData {
    #[serde(default)]
    pub phrase: Vec<Phrase>,
    #[serde(default)]
    pub technology: Vec<Technology>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PlaceholderData {
    #[serde(default)]
    pub marker: Vec<Phrase>,
    #[serde(default)]
    pub example: Vec<Phrase>,
    #[serde(default)]
    pub diagram_phrase: Vec<Phrase>,
    #[serde(default)]
    pub generic_label: Vec<Phrase>,
}

fn load<T: Default + for<'de> Deserialize<'de>>(text: &str) -> T {
    toml::from_str(text).unwrap_or_default()
}

pub static TEMPLATE_DATA: LazyLock<TemplateData> = LazyLock::new(|| load(TEMPLATE));
pub static BOILERPLATE_DATA: LazyLock<BoilerplateData> = LazyLock::new(|| load(BOILERPLATE));
pub static PLACEHOLDER_DATA: LazyLock<PlaceholderData> = LazyLock::new(|| load(PLACEHOLDERS));

/// Technology names as one case-insensitive whole-word regex; short acronyms
/// (`ALB`, `S3`) match case-sensitively so "alb" inside prose is not a product.
pub static TECHNOLOGY_RE: LazyLock<regex::Regex> = LazyLock::new(|| {
    let mut ci = Vec::new();
    let mut cs = Vec::new();
    for t in &BOILERPLATE_DATA.technology {
        let esc = regex::escape(&t.name);
        if t.name.len() <= 4 && t.name.chars().all(|c| !c.is_lowercase()) {
            cs.push(esc);
        } else {
            ci.push(esc);
        }
    }
    let mut alts = Vec::new();
    if !ci.is_empty() {
        alts.push(format!("(?i:{})", ci.join("|")));
    }
    if !cs.is_empty() {
        alts.push(cs.join("|"));
    }
    let pattern = format!(r"(?:^|[^\w])({})(?:[^\w]|$)", alts.join("|"));
    regex::Regex::new(&pattern).unwrap_or_else(|_| never_matches())
});

/// A regex that matches nothing, for when a data list is empty or broken.
pub fn never_matches() -> regex::Regex {
    regex::Regex::new(r"[^\s\S]").expect("constant regex")
}

/// Build a whole-word alternation over phrases (case-insensitive unless the
/// row says otherwise).
pub fn phrase_regex(phrases: &[Phrase]) -> regex::Regex {
    let alts: Vec<String> = phrases
        .iter()
        .map(|p| {
            let esc = regex::escape(&p.text);
            if p.case_sensitive {
                esc
            } else {
                format!("(?i:{esc})")
            }
        })
        .collect();
    if alts.is_empty() {
        return never_matches();
    }
    // \b cannot sit next to punctuation ("e.g."), so word edges are spelled out.
    let pattern = format!(r"(?:^|[^\w])({})(?:[^\w]|$)", alts.join("|"));
    regex::Regex::new(&pattern).unwrap_or_else(|_| never_matches())
}

/// Do all technology names start and end with an ASCII word character? Then
/// the name inside a match of [`TECHNOLOGY_RE`] is the match less its
/// delimiters, read off the match itself without running the captures engine.
static TECHNOLOGY_EDGES_ASCII: LazyLock<bool> = LazyLock::new(|| {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    BOILERPLATE_DATA
        .technology
        .iter()
        .all(|t| word(t.name.chars().next()) && word(t.name.chars().next_back()))
});

/// The technology name inside a match of [`TECHNOLOGY_RE`] (its group 1), as
/// (byte offset in `text`, name).
fn technology_name<'t>(text: &'t str, m: regex::Match<'t>) -> Option<(usize, &'t str)> {
    if !*TECHNOLOGY_EDGES_ASCII {
        let g = TECHNOLOGY_RE.captures_at(text, m.start())?.get(1)?;
        return Some((g.start(), g.as_str()));
    }
    // A delimiter is a non-word character; a name's edges are ASCII word
    // characters, so an edge that is not one is a delimiter.
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let s = m.as_str();
    let first = s.chars().next()?;
    let last = s.chars().next_back()?;
    let start = if word(first) { 0 } else { first.len_utf8() };
    let end = if word(last) {
        s.len()
    } else {
        s.len() - last.len_utf8()
    };
    Some((m.start() + start, s.get(start..end)?))
}

/// Every technology named in `text`, in order (lower-case).
pub fn technologies_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some((at, name)) = TECHNOLOGY_RE
            .find_at(text, pos)
            .and_then(|m| technology_name(text, m))
        else {
            break;
        };
        let lower = name.to_lowercase();
        if !out.contains(&lower) {
            out.push(lower);
        }
        // Resume at the name's end so its trailing delimiter can lead the next.
        pos = at + name.len();
    }
    out
}

/// A whole-word alternation over phrases where a space matches any run of
/// white space (so a phrase broken across lines of a paragraph is found):
/// the prefilter form of [`phrase_regex`].
pub fn phrase_regex_multiline(phrases: &[Phrase]) -> regex::Regex {
    let alts: Vec<String> = phrases
        .iter()
        .map(|p| {
            let esc = regex::escape(&p.text).replace(' ', r"\s+");
            if p.case_sensitive {
                esc
            } else {
                format!("(?i:{esc})")
            }
        })
        .collect();
    if alts.is_empty() {
        return never_matches();
    }
    // ASCII word boundaries: a Unicode `\b` makes the lazy DFA give up on
    // any non-ASCII text (em dashes, arrows), falling back to a slow engine.
    regex::Regex::new(&format!(r"(?-u:\b)(?:{})", alts.join("|")))
        .unwrap_or_else(|_| never_matches())
}

/// Does `text` name a technology? ([`technology_in`] without the captures.)
pub fn has_technology(text: &str) -> bool {
    TECHNOLOGY_RE.is_match(text)
}

/// First technology named in `text`, if any.
pub fn technology_in(text: &str) -> Option<&str> {
    TECHNOLOGY_RE
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let t: TemplateData = toml::from_str(TEMPLATE).expect("template.toml");
        assert_eq!(t.section.len(), 14);
        assert!(t.sentence.len() > 20);
        assert!(t.part.iter().any(|p| p.section == 7));
        let b: BoilerplateData = toml::from_str(BOILERPLATE).expect("boilerplate.toml");
        assert!(b.phrase.iter().any(|p| p.text == "robust and scalable"));
        assert!(b.technology.len() > 50);
        let p: PlaceholderData = toml::from_str(PLACEHOLDERS).expect("placeholders.toml");
        assert!(p.marker.iter().any(|m| m.text == "TBD"));
        for row in t
            .sentence
            .iter()
            .chain(&b.phrase)
            .chain(&p.marker)
            .chain(&p.example)
        {
            assert!(!row.provenance.source.is_empty() && row.provenance.as_of.len() == 10);
        }
    }

    #[test]
    fn technologies_are_whole_words() {
        assert_eq!(
            technology_in("Run it on Kubernetes 1.30"),
            Some("Kubernetes")
        );
        assert_eq!(technology_in("objects live in S3."), Some("S3"));
        assert_eq!(technology_in("a ralb valve"), None);
        assert_eq!(technology_in("the laws of physics"), None);
    }

    #[test]
    fn technologies_read_off_matches_as_captures() {
        let by_captures = |text: &str| {
            let mut out: Vec<String> = Vec::new();
            let mut pos = 0;
            while pos <= text.len() {
                let Some(m) = TECHNOLOGY_RE.captures_at(text, pos).and_then(|c| c.get(1)) else {
                    break;
                };
                let name = m.as_str().to_lowercase();
                if !out.contains(&name) {
                    out.push(name);
                }
                pos = m.end();
            }
            out
        };
        for text in [
            "",
            "AWS",
            "Use EKS, RDS and S3.",
            "EKS EKS\nRDS—Kafka→Redis (Fly.io) «Pub/Sub» X-Ray_ k8s",
            "éKafka Kafkaé Kafka é ALB需ALB",
            "ISO 27001 SOC 2 SOC2;GDPR",
        ] {
            assert_eq!(technologies_in(text), by_captures(text), "{text}");
        }
        assert!(*TECHNOLOGY_EDGES_ASCII);
    }
}
