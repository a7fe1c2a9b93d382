//! The one technology catalog: every technology name infrarch knows, its
//! aliases, its role, the provider it implies and the runtime platform it
//! implies, read from `data/technologies.toml`.
//!
//! Extraction, design, review and lint ask this module what a name is
//! instead of keeping their own lists, so "Postgres" means the same thing to
//! the extractor that finds it and to the engine that places it. Roles are
//! the catalog roles the design engine places (`relational_db`, `cache`,
//! `stream`, `functions`, …) wherever the technology is a component; the
//! few that are not components have their own roles (`cloud`, `hosting`,
//! `backend_platform`, `paas`, `search`, `vector_db`, `identity`,
//! `containers`, `region`).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

#[cfg(test)]
const TECH_TOML: &str = include_str!("../data/technologies.toml");
/// The same file as JSON (see `crate::builtin_json`), what a run parses.
const TECH_JSON: &str = crate::builtin_json!("technologies.toml");

/// Roles a technology may have: the design engine's component roles plus the
/// non-component ones. A row with another role is a build defect (tested).
pub const ROLES: &[&str] = &[
    // component roles (design::Role strings)
    "cdn",
    "waf",
    "load_balancer",
    "vm",
    "kubernetes",
    "managed_containers",
    "functions",
    "relational_db",
    "cache",
    "queue",
    "object_storage",
    "secrets",
    "kms",
    "logs",
    "metrics",
    "tracing",
    "registry",
    "ci_cd",
    "iac",
    "api_gateway",
    "nosql",
    "stream",
    "orchestrator",
    "scheduler",
    "batch_compute",
    "warehouse",
    "gpu_instance",
    "in_memory_store",
    "identity_proxy",
    "vpn",
    "event_router",
    "ai_service",
    // not components the engine places
    "cloud",
    "hosting",
    "backend_platform",
    "paas",
    "search",
    "vector_db",
    "identity",
    "containers",
    // a cloud region the documents name; resolved in the provider's catalog
    "region",
];

#[derive(Deserialize)]
struct TechFile {
    tech: Vec<Tech>,
}

/// One technology.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tech {
    /// Canonical lower-case name (`postgresql`, `kafka`, `cloud-run`).
    pub name: String,
    /// How documents write it; matched case-insensitively on word boundaries.
    pub aliases: Vec<String>,
    /// One of [`ROLES`].
    pub role: String,
    /// The provider choosing it implies (`dynamodb` → `aws`); `None` when it
    /// runs anywhere (PostgreSQL, Kafka).
    #[serde(default, rename = "cloud")]
    pub provider: Option<String>,
    /// The runtime platform choosing it implies (`lambda` → `lambda`).
    #[serde(default)]
    pub platform: Option<String>,
    /// A generic word that names a product only on some providers ("Pub/Sub"
    /// is Google's on Google Cloud and a pattern elsewhere): provider →
    /// canonical name of that product. Written right after another
    /// technology's name ("Redis pub/sub") it is that technology's feature.
    #[serde(default)]
    pub on: HashMap<String, String>,
    /// A product that serves two roles (Google Pub/Sub is both a work queue
    /// and an event stream): role → lower-case words on the line that
    /// chooses it which give it that role instead of `role`.
    #[serde(default)]
    pub role_when: HashMap<String, Vec<String>>,
    /// An engine that is a cache unless the documents make it the data's
    /// home ("Valkey is not a cache here: it is the store"): role →
    /// lower-case phrases which, in a sentence of a chosen mention, give it
    /// that role instead of `role`. One such sentence decides, wherever it
    /// is (src/extract/tech.rs `sentence_role`).
    #[serde(default)]
    pub role_in_sentence: HashMap<String, Vec<String>>,
    /// Short names that name this technology only in a document that
    /// chooses its provider through another name ("S3" alone can be
    /// "scenario 3"; beside "AWS" or "DynamoDB" it is Amazon S3). Matched
    /// like `aliases`; src/extract/tech.rs `drop_ungrounded` keeps or drops them.
    #[serde(default)]
    pub provider_aliases: Vec<String>,
    /// Plain words for the role itself ("a queue", "a stream"): a row with
    /// these stands for the role, not a product, and is only ever read as
    /// rejected ("we do not need a stream", src/extract/rejected_roles.rs).
    #[serde(default)]
    pub role_words: Vec<String>,
    /// A hosting platform that builds or runs the team's container images for
    /// them (Railway, Fly.io): Docker there is the image format, not a
    /// platform the team operates. Managed container services and Kubernetes
    /// run images by their role; see [`Tech::runs_images`].
    #[serde(default)]
    pub runs_images: bool,
}

impl Tech {
    /// A provider or hosting company rather than a component.
    pub fn is_provider(&self) -> bool {
        self.role == "cloud" || self.role == "hosting"
    }

    /// Whether choosing it means someone else runs the team's container
    /// images (ECS, Cloud Run, Kubernetes, Railway).
    pub fn runs_images(&self) -> bool {
        self.runs_images || matches!(self.role.as_str(), "managed_containers" | "kubernetes")
    }
}

/// The parsed catalog.
#[derive(Debug)]
pub struct Catalog {
    techs: Vec<Tech>,
    /// Lower-cased, space-normalised alias or canonical name → index.
    by_key: HashMap<String, usize>,
    /// Every alias with its index, longest first (the order matching tries).
    aliases: Vec<(String, usize)>,
}

/// Normalise a name for lookup: lower case, single spaces.
pub fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Catalog {
    /// The catalog of a TOML text in the form of `data/technologies.toml`.
    #[cfg(test)]
    fn parse(text: &str) -> Result<Catalog, String> {
        Catalog::from_file(toml::from_str(text).map_err(|e| e.to_string())?)
    }

    /// The catalog of the parsed file, checked.
    fn from_file(file: TechFile) -> Result<Catalog, String> {
        let mut by_key = HashMap::new();
        let mut aliases = Vec::new();
        for (i, t) in file.tech.iter().enumerate() {
            if !ROLES.contains(&t.role.as_str()) {
                return Err(format!(
                    "technology `{}`: unknown role `{}`",
                    t.name, t.role
                ));
            }
            if let Some(r) = t
                .role_in_sentence
                .keys()
                .find(|r| !ROLES.contains(&r.as_str()))
            {
                return Err(format!(
                    "technology `{}`: unknown role `{r}` in role_in_sentence",
                    t.name
                ));
            }
            if !t.provider_aliases.is_empty() && t.provider.is_none() {
                return Err(format!(
                    "technology `{}`: provider_aliases need a `cloud`",
                    t.name
                ));
            }
            for a in t.aliases.iter().chain(&t.provider_aliases) {
                if by_key.insert(key(a), i).is_some_and(|j| j != i) {
                    return Err(format!("alias `{a}` names two technologies"));
                }
                aliases.push((a.clone(), i));
            }
            by_key.entry(key(&t.name)).or_insert(i);
        }
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(Catalog {
            techs: file.tech,
            by_key,
            aliases,
        })
    }

    /// Every technology, in file order.
    pub fn all(&self) -> &[Tech] {
        &self.techs
    }

    /// A technology by canonical name or any alias, case-insensitively.
    pub fn get(&self, name: &str) -> Option<&Tech> {
        self.by_key.get(&key(name)).map(|&i| &self.techs[i])
    }

    /// Index of a technology in [`Catalog::all`] by name or alias.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.by_key.get(&key(name)).copied()
    }

    /// The role of a named technology.
    pub fn role_of(&self, name: &str) -> Option<&str> {
        self.get(name).map(|t| t.role.as_str())
    }

    /// Every technology of a role.
    pub fn with_role<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a Tech> + 'a {
        self.techs.iter().filter(move |t| t.role == role)
    }

    /// Every alias with the index of its technology, longest first: the
    /// order a matcher must try them so "Amazon Aurora" wins over "Aurora".
    pub fn aliases(&self) -> &[(String, usize)] {
        &self.aliases
    }

    /// Technologies named in `text`: word-bounded, case-insensitive, the
    /// longest alias at a position wins, matches do not overlap.
    pub fn find_in(&self, text: &str) -> Vec<(Range<usize>, &Tech)> {
        let lower = text.to_lowercase();
        // Lower-casing may change byte lengths outside ASCII; only search
        // when offsets still line up, else fall back to no matches rather
        // than wrong ranges.
        if lower.len() != text.len() {
            return Vec::new();
        }
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let bytes = lower.as_bytes();
        let mut found: Vec<(Range<usize>, usize)> = Vec::new();
        for (alias, i) in &self.aliases {
            let needle = alias.to_lowercase();
            let nb = needle.as_bytes();
            let mut from = 0;
            while let Some(p) = lower[from..].find(&needle) {
                let s = from + p;
                let e = s + needle.len();
                from = s + needle.len().max(1);
                let start_ok =
                    !nb.first().is_some_and(|&b| is_word(b)) || s == 0 || !is_word(bytes[s - 1]);
                let end_ok = !nb.last().is_some_and(|&b| is_word(b))
                    || e == bytes.len()
                    || !is_word(bytes[e]);
                if start_ok && end_ok && !found.iter().any(|(r, _)| r.start < e && s < r.end) {
                    found.push((s..e, *i));
                }
            }
        }
        found.sort_by_key(|(r, _)| r.start);
        found
            .into_iter()
            .map(|(r, i)| (r, &self.techs[i]))
            .collect()
    }
}

/// The role of a generic word that names no product on the provider.
pub const PATTERN: &str = "pattern";

/// Whether a mention of `generic` that starts at `start` is a feature of the
/// technology named right before it ("Redis pub/sub", "NATS Pub/Sub"): only
/// blanks or a hyphen between `prev_end` and `start`. Only generic words
/// (rows with [`Tech::on`]) are read this way.
pub fn qualifies_previous(text: &str, prev_end: usize, start: usize, generic: &Tech) -> bool {
    !generic.on.is_empty()
        && prev_end <= start
        && text
            .get(prev_end..start)
            .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-'))
}

/// The technologies of a requirement set with every generic word resolved
/// for `provider`: the product it names there ("pub-sub" → "pubsub" on
/// Google Cloud), or role [`PATTERN`] where it names none, so no component
/// role matches it; and a two-role product given the role its line speaks
/// of ([`Tech::role_when`]). Positions are kept (`T…` ids count them).
/// `None` when the set holds nothing to resolve.
pub fn resolve_generic(
    techs: &[crate::requirements::Technology],
    provider: &str,
) -> Option<Vec<crate::requirements::Technology>> {
    let cat = catalog();
    let needs = |name: &str| {
        cat.get(name)
            .is_some_and(|t| !t.on.is_empty() || !t.role_when.is_empty())
    };
    if !techs.iter().any(|t| needs(&t.name)) {
        return None;
    }
    let mut out = Vec::new();
    for t in techs {
        let mut r = t.clone();
        if let Some(g) = cat.get(&t.name).filter(|g| !g.on.is_empty()) {
            match g.on.get(provider).and_then(|n| cat.get(n)) {
                Some(product) => {
                    r.name = product.name.clone();
                    r.role = product.role.clone();
                }
                None => r.role = PATTERN.into(),
            }
        }
        if let Some(p) = cat.get(&r.name) {
            let words: Vec<String> = t
                .source
                .excerpt
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_string)
                .collect();
            let mut roles: Vec<(&String, &Vec<String>)> = p.role_when.iter().collect();
            roles.sort();
            if let Some((role, _)) = roles
                .into_iter()
                .find(|(_, ws)| ws.iter().any(|w| words.contains(w)))
            {
                r.role = role.clone();
            }
        }
        out.push(r);
    }
    Some(out)
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    // Compiled in and covered by tests: a bad row is a build defect.
    serde_json::from_str(TECH_JSON)
        .map_err(|e| e.to_string())
        .and_then(Catalog::from_file)
        .unwrap_or_else(|e| panic!("data/technologies.toml: {e}"))
});

/// The technology catalog.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_loads_with_known_roles_and_unique_aliases() {
        let c = catalog();
        assert!(c.all().len() > 40);
        for t in c.all() {
            assert!(ROLES.contains(&t.role.as_str()), "{}", t.name);
            assert_eq!(t.name, t.name.to_lowercase(), "{}", t.name);
        }
    }

    #[test]
    fn data_file_says_where_it_comes_from() {
        let t: toml::Table = toml::from_str(TECH_TOML).unwrap();
        for k in ["source", "as_of"] {
            assert!(
                t.get(k)
                    .and_then(|v| v.as_str())
                    .is_some_and(|s| !s.is_empty())
            );
        }
    }

    #[test]
    fn lookups_by_alias_name_and_role() {
        let c = catalog();
        let cases = [
            ("Postgres", "postgresql", "relational_db"),
            ("postgresql", "postgresql", "relational_db"),
            ("Amazon MSK", "kafka", "stream"),
            ("Fargate", "ecs", "managed_containers"),
            ("Cloud Run", "cloud-run", "managed_containers"),
            ("AWS Lambda", "lambda", "functions"),
            ("EKS", "eks", "kubernetes"),
            ("DynamoDB", "dynamodb", "nosql"),
            ("Airflow", "airflow", "orchestrator"),
            ("  google   cloud ", "gcp", "cloud"),
            // Valkey is its own engine, not Redis under another name.
            ("Memorystore for Valkey", "valkey", "cache"),
            ("Valkey", "valkey", "cache"),
            ("Memorystore for Redis Cluster", "redis", "cache"),
            ("Cloud CDN", "cloud-cdn", "cdn"),
        ];
        for (q, name, role) in cases {
            let t = c.get(q).unwrap_or_else(|| panic!("{q} not found"));
            assert_eq!((t.name.as_str(), t.role.as_str()), (name, role), "{q}");
            assert_eq!(c.role_of(q), Some(role));
        }
        assert_eq!(c.get("DynamoDB").unwrap().provider.as_deref(), Some("aws"));
        assert!(c.get("Amazon").is_none(), "a marketplace is not a cloud");
        assert!(c.with_role("relational_db").any(|t| t.name == "mysql"));
    }

    #[test]
    fn parse_rejects_an_unknown_role_in_a_sentence_role() {
        let bad = "[[tech]]\nname='x'\naliases=['X']\nrole='cache'\nrole_in_sentence={ database=['is the store'] }\n";
        assert!(
            Catalog::parse(bad)
                .unwrap_err()
                .contains("role_in_sentence")
        );
    }

    #[test]
    fn parse_rejects_an_unknown_role_and_a_shared_alias() {
        let bad_role = "[[tech]]\nname='x'\naliases=['X']\nrole='database'\n";
        assert!(
            Catalog::parse(bad_role)
                .unwrap_err()
                .contains("unknown role")
        );
        let shared = "[[tech]]\nname='x'\naliases=['X']\nrole='cache'\n[[tech]]\nname='y'\naliases=['x']\nrole='cache'\n";
        assert!(
            Catalog::parse(shared)
                .unwrap_err()
                .contains("two technologies")
        );
    }

    #[test]
    fn find_in_is_word_bounded_and_prefers_the_longest_alias() {
        let c = catalog();
        let names = |t: &str| {
            c.find_in(t)
                .into_iter()
                .map(|(_, t)| t.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("We run Amazon Aurora and ECS Fargate"),
            ["aurora", "ecs"]
        );
        assert!(names("state laws apply").is_empty(), "AWS inside laws");
        assert_eq!(names("Redis, then Postgres."), ["redis", "postgresql"]);
    }

    #[test]
    fn a_generic_word_names_a_product_only_on_its_provider() {
        use crate::requirements::{Source, Stance, Technology};
        let t = |name: &str, role: &str| Technology {
            name: name.into(),
            role: role.into(),
            stance: Stance::Chosen,
            source: Source {
                path: "docs/plan.md".into(),
                line: 1,
                excerpt: String::new(),
            },
        };
        let set = vec![t("pub-sub", "queue"), t("postgresql", "relational_db")];
        let on = |p: &str| -> Vec<(String, String)> {
            resolve_generic(&set, p)
                .unwrap()
                .into_iter()
                .map(|t| (t.name, t.role))
                .collect()
        };
        assert_eq!(on("gcp")[0], ("pubsub".into(), "queue".into()));
        assert_eq!(on("aws")[0], ("pub-sub".into(), PATTERN.into()));
        assert_eq!(on("aws")[1].0, "postgresql", "positions are kept");
        assert!(resolve_generic(&set[1..], "gcp").is_none());
        // Pub/Sub is the stream when the line choosing it speaks of events.
        let mut events = t("pubsub", "queue");
        events.source.excerpt = "The gateway publishes usage events to Pub/Sub".into();
        let mut jobs = t("pubsub", "queue");
        jobs.source.excerpt = "Thumbnail jobs are handed to workers through Pub/Sub".into();
        let r = resolve_generic(&[events, jobs], "gcp").unwrap();
        assert_eq!(
            (r[0].role.as_str(), r[1].role.as_str()),
            ("stream", "queue")
        );
    }

    #[test]
    fn a_generic_word_after_a_name_is_that_names_feature() {
        let c = catalog();
        let generic = c.get("pub-sub").unwrap();
        let text = "Redis pub/sub fans out; Pub/Sub carries usage";
        assert!(qualifies_previous(text, 5, 6, generic), "Redis pub/sub");
        assert!(!qualifies_previous(text, 5, 24, generic), "a later Pub/Sub");
        let kafka = c.get("kafka").unwrap();
        assert!(
            !qualifies_previous("Redis Kafka", 5, 6, kafka),
            "only generic words"
        );
    }
}
