//! What review feedback names: places (mapped to each provider's region),
//! providers, platforms, technologies with their roles, component words and
//! compliance frameworks. Read from `data/review/lexicon.toml`, the provider
//! catalogs (regions and their geographies) and `data/technologies.toml`.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::catalog::{Catalog, Provider};

const LEXICON_TOML: &str = include_str!("../../data/review/lexicon.toml");

#[derive(Deserialize)]
struct File {
    place: Vec<Place>,
    geo: Vec<Geo>,
    service: Vec<Service>,
    component: Vec<ComponentWords>,
}

/// A city, country or state and the region each provider runs there.
#[derive(Debug, Clone, Deserialize)]
pub struct Place {
    pub names: Vec<String>,
    #[serde(default)]
    pub aws: Option<String>,
    #[serde(default)]
    pub gcp: Option<String>,
    #[serde(default)]
    pub azure: Option<String>,
}

impl Place {
    pub fn region(&self, p: Provider) -> Option<&str> {
        match p {
            Provider::Aws => self.aws.as_deref(),
            Provider::Gcp => self.gcp.as_deref(),
            Provider::Azure => self.azure.as_deref(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
struct Geo {
    names: Vec<String>,
    geo: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Service {
    name: String,
    aliases: Vec<String>,
    role: String,
}

#[derive(Debug, Clone, Deserialize)]
struct ComponentWords {
    role: String,
    names: Vec<String>,
}

/// What a word or phrase of feedback names.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    Provider(Provider),
    /// A region id (`eu-central-1`, `europe-west3`, `westeurope`).
    Region(String),
    /// A place: index into [`Lexicon::places`].
    Place(usize),
    /// A city or country a provider catalog names a region after
    /// (`Catalog::lookup_region` resolves it per provider).
    CatalogPlace(String),
    /// A geography (`EU`, `US`), as the catalogs' `geo` column spells it.
    Geo(String),
    /// A runtime platform, canonical (`kubernetes`, `serverless`…).
    Platform(&'static str),
    /// A technology and the role it fills (empty when unknown).
    Tech {
        name: String,
        role: String,
    },
    /// A component of the design, by catalog role.
    Component(String),
    /// A compliance framework, canonical (`HIPAA`).
    Framework(&'static str),
}

/// One term found in a text, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub term: Term,
    pub start: usize,
    pub end: usize,
}

pub struct Lexicon {
    pub places: Vec<Place>,
    /// Every phrase, lower case, with what it names; longest first.
    phrases: Vec<(String, Term)>,
    re: Regex,
    /// Words typos are corrected towards (key terms of at least five letters).
    pub key_words: Vec<String>,
}

/// Canonical platform for a platform word.
pub fn platform(word: &str) -> Option<&'static str> {
    Some(match word {
        "kubernetes" | "k8s" | "eks" | "gke" | "aks" => "kubernetes",
        "ecs" | "fargate" | "ecs fargate" => "ecs",
        "cloud run" | "cloud-run" => "cloud-run",
        "container apps" | "azure container apps" => "container-apps",
        "serverless" | "lambda" | "lambdas" | "functions" | "cloud functions"
        | "azure functions" => "serverless",
        "vms" | "vm" | "virtual machines" | "ec2" | "compute engine" => "vm",
        _ => return None,
    })
}

const PLATFORM_WORDS: [&str; 22] = [
    "kubernetes",
    "k8s",
    "eks",
    "gke",
    "aks",
    "ecs",
    "fargate",
    "ecs fargate",
    "cloud run",
    "cloud-run",
    "container apps",
    "azure container apps",
    "serverless",
    "lambda",
    "lambdas",
    "cloud functions",
    "azure functions",
    "vms",
    "virtual machines",
    "ec2",
    "compute engine",
    "vm",
];

const FRAMEWORKS: [(&str, &str); 12] = [
    ("hipaa", "HIPAA"),
    ("pci", "PCI-DSS"),
    ("pci dss", "PCI-DSS"),
    ("pci-dss", "PCI-DSS"),
    ("gdpr", "GDPR"),
    ("soc 2", "SOC2"),
    ("soc2", "SOC2"),
    ("soc 2 type ii", "SOC2"),
    ("iso 27001", "ISO27001"),
    ("iso27001", "ISO27001"),
    ("fedramp", "FedRAMP"),
    ("ccpa", "CCPA"),
];

const PROVIDERS: [(&str, Provider); 8] = [
    ("aws", Provider::Aws),
    ("amazon web services", Provider::Aws),
    ("gcp", Provider::Gcp),
    ("google cloud", Provider::Gcp),
    ("google cloud platform", Provider::Gcp),
    ("google", Provider::Gcp),
    ("azure", Provider::Azure),
    ("microsoft azure", Provider::Azure),
];

/// Roles of `data/technologies.toml` that are providers, platforms or
/// regions (read below as places), not technologies a component implements.
const NOT_TECH_ROLES: [&str; 11] = [
    "cloud",
    "hosting",
    "container_orchestration",
    "serverless_functions",
    "container_platform",
    "kubernetes",
    "managed_containers",
    "functions",
    "vm",
    "containers",
    "region",
];

/// The vocabulary's roles as catalog roles, where they differ.
fn catalog_role(role: &str) -> &str {
    match role {
        "document_db" | "key_value_db" | "wide_column_db" => "nosql",
        "task_queue" => "queue",
        r => r,
    }
}

/// Which provider a region id belongs to, by each provider's naming scheme
/// (`eu-central-1`, `europe-west3`, `germanywestcentral`).
pub fn region_provider(region: &str) -> Option<Provider> {
    static AWS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:us|eu|ap|ca|sa|me|af|il|mx)(?:-gov|-iso[a-z]*)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d$").expect("valid")
    });
    static GCP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-[a-z]+\d{1,2}$",
        )
        .expect("valid")
    });
    static AZURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[a-z]*(?:east|west|north|south|central)[a-z]*\d?$|^(?:westeurope|northeurope|southeastasia|eastasia|uksouth|ukwest)$").expect("valid")
    });
    if AWS.is_match(region) {
        Some(Provider::Aws)
    } else if GCP.is_match(region) {
        Some(Provider::Gcp)
    } else if AZURE.is_match(region) && region.len() >= 6 {
        Some(Provider::Azure)
    } else {
        None
    }
}

/// The region of a geography in a provider's catalog (its first region there).
pub fn geo_region(geo: &str, p: Provider) -> Option<String> {
    let cat = Catalog::builtin(p).ok()?;
    cat.region_in_geo(geo).map(|r| r.name.clone())
}

/// Region ids the provider's catalog and the place list know.
fn known_regions() -> Vec<String> {
    let mut out = Vec::new();
    for p in Provider::ALL {
        if let Ok(cat) = Catalog::builtin(p) {
            out.extend(cat.regions.iter().map(|r| r.name.clone()));
        }
    }
    out
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let f: File = toml::from_str(LEXICON_TOML).expect("data/review/lexicon.toml parses");
    let mut phrases: Vec<(String, Term)> = Vec::new();
    for (w, p) in PROVIDERS {
        phrases.push((w.into(), Term::Provider(p)));
    }
    for w in PLATFORM_WORDS {
        if let Some(p) = platform(w) {
            phrases.push((w.into(), Term::Platform(p)));
        }
    }
    for (w, f) in FRAMEWORKS {
        phrases.push((w.into(), Term::Framework(f)));
    }
    for c in &f.component {
        for n in &c.names {
            phrases.push((n.clone(), Term::Component(c.role.clone())));
        }
    }
    for s in &f.service {
        for a in &s.aliases {
            phrases.push((
                a.to_lowercase(),
                Term::Tech {
                    name: s.name.clone(),
                    role: s.role.clone(),
                },
            ));
        }
    }
    for t in crate::extract::vocab::VOCAB.techs {
        if NOT_TECH_ROLES.contains(&t.role.as_str()) {
            continue;
        }
        for a in t.aliases.iter().chain(std::iter::once(&t.name)) {
            let a = a.to_lowercase();
            // Single letters and two-letter aliases read as ordinary words.
            if a.len() < 3 || phrases.iter().any(|(p, _)| *p == a) {
                continue;
            }
            phrases.push((
                a,
                Term::Tech {
                    name: t.name.clone(),
                    role: catalog_role(&t.role).to_string(),
                },
            ));
        }
    }
    for (i, p) in f.place.iter().enumerate() {
        for n in &p.names {
            phrases.push((n.clone(), Term::Place(i)));
        }
    }
    // Cities and countries of every provider's regions, for places the list
    // above does not name.
    for p in Provider::ALL {
        if let Ok(cat) = Catalog::builtin(p) {
            for r in &cat.regions {
                for n in [&r.city, &r.country_name] {
                    let n = n.to_lowercase();
                    if n.len() >= 4 && !phrases.iter().any(|(q, _)| *q == n) {
                        phrases.push((n.clone(), Term::CatalogPlace(n)));
                    }
                }
            }
        }
    }
    for g in &f.geo {
        for n in &g.names {
            phrases.push((n.clone(), Term::Geo(g.geo.clone())));
        }
    }
    for r in known_regions() {
        if !phrases.iter().any(|(p, _)| *p == r) {
            phrases.push((r.clone(), Term::Region(r)));
        }
    }
    phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    let alternation = phrases
        .iter()
        .map(|(p, _)| regex::escape(p).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    // Region ids of any provider's naming scheme, known to the catalogs or not.
    let re = Regex::new(&format!(
        r"(?:^|[^a-z0-9-])(?P<t>{alternation}|[a-z]{{2}}(?:-gov)?-[a-z]+-\d|[a-z]+-[a-z]+\d{{1,2}})(?:$|[^a-z0-9-])"
    ))
    .expect("lexicon regex");
    // Typos are corrected towards technology, platform, component and
    // framework names only: place names are too close to ordinary words
    // ("ditch" is one letter from "dutch", "pairs" from "paris").
    let mut key_words: Vec<String> = phrases
        .iter()
        .filter(|(_, t)| {
            matches!(
                t,
                Term::Tech { .. } | Term::Platform(_) | Term::Component(_) | Term::Framework(_)
            )
        })
        .map(|(p, _)| p.clone())
        .filter(|p| p.len() >= 5 && p.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    key_words.extend(
        [
            "availability",
            "latency",
            "throughput",
            "budget",
            "region",
            "uptime",
            "postgres",
            "cheaper",
            "reduce",
            "remove",
        ]
        .map(String::from),
    );
    key_words.sort();
    key_words.dedup();
    Lexicon {
        places: f.place,
        phrases,
        re,
        key_words,
    }
});

impl Lexicon {
    /// Every term in a lower-case text, left to right, longest match first.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let Some(c) = self.re.captures_at(text, at) else {
                break;
            };
            let m = c.name("t").expect("group t");
            let key = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
            let term = self
                .phrases
                .iter()
                .find(|(p, _)| *p == key)
                .map(|(_, t)| t.clone())
                .or_else(|| region_provider(&key).map(|_| Term::Region(key.clone())));
            if let Some(term) = term {
                out.push(Found {
                    term,
                    start: m.start(),
                    end: m.end(),
                });
            }
            // The next match may start at this one's trailing separator.
            at = m.end();
        }
        out
    }

    /// The technology a name stands for, when the lexicon knows it.
    pub fn tech(&self, name: &str) -> Option<(String, String)> {
        let key = name.trim().to_lowercase();
        self.phrases.iter().find_map(|(p, t)| match t {
            Term::Tech { name, role } if *p == key || *name == key => {
                Some((name.clone(), role.clone()))
            }
            _ => None,
        })
    }

    /// The catalog role a component word stands for.
    pub fn component(&self, word: &str) -> Option<String> {
        let key = word.trim().to_lowercase();
        self.phrases.iter().find_map(|(p, t)| match t {
            Term::Component(r) if *p == key || *r == key => Some(r.clone()),
            _ => None,
        })
    }

    /// The region a place stands for on a provider: the place list first,
    /// else what the provider's catalog says about the place's names.
    pub fn place_region(&self, place: usize, p: Provider) -> Option<String> {
        let pl = self.places.get(place)?;
        pl.region(p).map(String::from).or_else(|| {
            let cat = Catalog::builtin(p).ok()?;
            pl.names
                .iter()
                .find_map(|n| cat.lookup_region(n).map(|m| m.region.name.clone()))
        })
    }

    /// The region a place name (`Frankfurt`, `Germany`, `EU`) stands for on a
    /// provider, when the whole text names one place.
    pub fn resolve_place(&self, text: &str, p: Provider) -> Option<String> {
        let lower = text.trim().to_lowercase();
        let found = self.find(&lower);
        let [f] = found.as_slice() else {
            return None;
        };
        if f.start != 0 || f.end != lower.len() {
            return None;
        }
        match &f.term {
            Term::Place(i) => self.place_region(*i, p),
            Term::CatalogPlace(n) => self.catalog_place_region(n, p),
            Term::Geo(g) => geo_region(g, p),
            _ => None,
        }
    }

    /// The region a catalog city or country stands for on a provider.
    pub fn catalog_place_region(&self, name: &str, p: Provider) -> Option<String> {
        let cat = Catalog::builtin(p).ok()?;
        cat.lookup_region(name).map(|m| m.region.name.clone())
    }

    /// The name a reviewer used for a place.
    pub fn place_name(&self, place: usize) -> String {
        self.places
            .get(place)
            .and_then(|p| p.names.first().cloned())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_ids_belong_to_their_provider() {
        for (r, p) in [
            ("eu-central-1", Some(Provider::Aws)),
            ("us-gov-west-1", Some(Provider::Aws)),
            ("europe-west3", Some(Provider::Gcp)),
            ("northamerica-northeast1", Some(Provider::Gcp)),
            ("westeurope", Some(Provider::Azure)),
            ("germanywestcentral", Some(Provider::Azure)),
            ("frankfurt", None),
        ] {
            assert_eq!(region_provider(r), p, "{r}");
        }
    }

    #[test]
    fn every_place_region_is_of_its_provider() {
        for pl in &LEXICON.places {
            for p in Provider::ALL {
                if let Some(r) = pl.region(p) {
                    assert_eq!(region_provider(r), Some(p), "{r}");
                }
            }
        }
    }

    #[test]
    fn places_resolve_per_provider() {
        let cases = [
            ("Frankfurt", Provider::Aws, Some("eu-central-1")),
            ("Frankfurt", Provider::Gcp, Some("europe-west3")),
            ("germany", Provider::Azure, Some("germanywestcentral")),
            ("Melbourne", Provider::Aws, Some("ap-southeast-4")),
            ("Calgary", Provider::Aws, Some("ca-west-1")),
            ("Ireland", Provider::Gcp, None),
            ("frankfurt and paris", Provider::Aws, None),
        ];
        for (q, p, want) in cases {
            assert_eq!(LEXICON.resolve_place(q, p).as_deref(), want, "{q} on {p}");
        }
    }

    #[test]
    fn finds_terms() {
        let f = LEXICON.find("move to aws in eu-central-1, no redis, drop the waf");
        let terms: Vec<_> = f.into_iter().map(|f| f.term).collect();
        assert_eq!(terms[0], Term::Provider(Provider::Aws));
        assert_eq!(terms[1], Term::Region("eu-central-1".into()));
        assert!(
            matches!(&terms[2], Term::Tech { name, role } if name == "redis" && role == "cache")
        );
        assert_eq!(terms[3], Term::Component("waf".into()));
    }
}
