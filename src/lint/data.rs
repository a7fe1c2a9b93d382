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

/// Every technology named in `text`, in order (lower-case).
pub fn technologies_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(m) = TECHNOLOGY_RE.captures_at(text, pos).and_then(|c| c.get(1)) else {
            break;
        };
        let name = m.as_str().to_lowercase();
        if !out.contains(&name) {
            out.push(name);
        }
        // Resume at the match's end so its trailing delimiter can lead the next.
        pos = m.end();
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
}
