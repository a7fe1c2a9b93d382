//! Regions and the words planning documents use for them.
//!
//! Each provider's `[[region]]` list is the one owner of region vocabulary:
//! a residency requirement ("data stays in Germany", "EU only"), a city
//! ("Frankfurt") or a region id all resolve here, so the engine and the
//! review gate never keep their own lists.

use serde::{Deserialize, Serialize};

use super::Catalog;

/// A region, where it is (for residency) and its recovery pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// The provider's id (`eu-central-1`, `europe-west3`, `germanywestcentral`).
    pub name: String,
    /// Residency geography a requirement names: `US`, `EU`, `UK`, `CA`,
    /// `AU`, `APAC`… (`EU` means inside the European Union).
    pub geo: String,
    /// ISO 3166-1 alpha-2 code of the country the region is in (`DE`).
    pub country: String,
    /// The country's English name (`Germany`), matched case-insensitively.
    pub country_name: String,
    /// City or metro the provider names the region after (`Frankfurt`).
    pub city: String,
    /// `Europe`, `North America`, `Asia Pacific`, `Oceania`.
    pub continent: String,
    /// Region used for DR copies and a second active region; the same
    /// country where the provider has two regions there.
    pub pair: String,
}

/// Which property of a region a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Id,
    City,
    Country,
    Geography,
    Continent,
}

/// A region a query resolved to, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionMatch<'a> {
    pub region: &'a Region,
    pub by: MatchKind,
}

/// Other spellings documents use for a geography code.
fn geo_alias(q: &str) -> Option<&'static str> {
    Some(match q {
        "eu" | "european union" | "eea" | "european economic area" => "EU",
        "us" | "usa" | "united states" | "united states of america" | "america" => "US",
        "uk" | "united kingdom" | "great britain" | "britain" | "gb" => "UK",
        "ca" | "canada" => "CA",
        "au" | "australia" => "AU",
        "apac" | "asia" | "asia pacific" | "asia-pacific" => "APAC",
        _ => return None,
    })
}

impl Region {
    /// How this region matches `query`, most specific property first.
    pub fn matches(&self, query: &str) -> Option<MatchKind> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return None;
        }
        if self.name.eq_ignore_ascii_case(&q) {
            return Some(MatchKind::Id);
        }
        if self.city.eq_ignore_ascii_case(&q) {
            return Some(MatchKind::City);
        }
        if self.country.eq_ignore_ascii_case(&q) || self.country_name.eq_ignore_ascii_case(&q) {
            return Some(MatchKind::Country);
        }
        // The EEA is the EU and Norway, Iceland and Liechtenstein (`EEA`).
        if matches!(q.as_str(), "eea" | "european economic area")
            && ["EU", "EEA"]
                .iter()
                .any(|g| self.geo.eq_ignore_ascii_case(g))
        {
            return Some(MatchKind::Geography);
        }
        let geo = geo_alias(&q)
            .map(str::to_string)
            .unwrap_or(q.to_uppercase());
        if self.geo.eq_ignore_ascii_case(&geo) {
            return Some(MatchKind::Geography);
        }
        if self.continent.eq_ignore_ascii_case(&q) {
            return Some(MatchKind::Continent);
        }
        None
    }
}

impl Catalog {
    /// Regions matching a query (region id, city, country code or name,
    /// geography, continent), best match kind first and, within a kind, in
    /// file order (the order is the catalog's preference).
    pub fn regions_matching(&self, query: &str) -> Vec<RegionMatch<'_>> {
        let mut out: Vec<RegionMatch<'_>> = self
            .regions
            .iter()
            .filter_map(|r| r.matches(query).map(|by| RegionMatch { region: r, by }))
            .collect();
        out.sort_by_key(|m| m.by);
        let best = out.first().map(|m| m.by);
        out.retain(|m| Some(m.by) == best);
        out
    }

    /// The preferred region for a query, if any region matches it.
    pub fn lookup_region(&self, query: &str) -> Option<RegionMatch<'_>> {
        self.regions_matching(query).into_iter().next()
    }

    /// Regions in a country (ISO code or English name), in file order.
    pub fn regions_in_country(&self, country: &str) -> Vec<&Region> {
        self.regions
            .iter()
            .filter(|r| {
                r.country.eq_ignore_ascii_case(country.trim())
                    || r.country_name.eq_ignore_ascii_case(country.trim())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Catalog, Provider};
    use super::MatchKind;

    fn first(p: Provider, q: &str) -> Option<(String, MatchKind)> {
        let c = Catalog::builtin(p).unwrap();
        c.lookup_region(q).map(|m| (m.region.name.clone(), m.by))
    }

    #[test]
    fn residency_words_resolve_per_provider() {
        let cases: &[(&str, Provider, &str, MatchKind)] = &[
            ("Germany", Provider::Aws, "eu-central-1", MatchKind::Country),
            ("Germany", Provider::Gcp, "europe-west3", MatchKind::Country),
            (
                "germany",
                Provider::Azure,
                "germanywestcentral",
                MatchKind::Country,
            ),
            ("DE", Provider::Gcp, "europe-west3", MatchKind::Country),
            ("Frankfurt", Provider::Aws, "eu-central-1", MatchKind::City),
            ("Frankfurt", Provider::Gcp, "europe-west3", MatchKind::City),
            ("EU", Provider::Aws, "eu-west-1", MatchKind::Geography),
            (
                "European Union",
                Provider::Azure,
                "westeurope",
                MatchKind::Geography,
            ),
            ("EU", Provider::Gcp, "europe-west1", MatchKind::Geography),
            ("UK", Provider::Aws, "eu-west-2", MatchKind::Geography),
            (
                "United Kingdom",
                Provider::Azure,
                "uksouth",
                MatchKind::Country,
            ),
            ("London", Provider::Gcp, "europe-west2", MatchKind::City),
            ("us-east-1", Provider::Aws, "us-east-1", MatchKind::Id),
            ("EUROPE-WEST4", Provider::Gcp, "europe-west4", MatchKind::Id),
            ("Japan", Provider::Azure, "japaneast", MatchKind::Country),
            ("Tokyo", Provider::Gcp, "asia-northeast1", MatchKind::City),
            (
                "Australia",
                Provider::Aws,
                "ap-southeast-2",
                MatchKind::Country,
            ),
            ("US", Provider::Azure, "eastus", MatchKind::Country),
            ("Norway", Provider::Azure, "norwayeast", MatchKind::Country),
            ("EEA", Provider::Azure, "westeurope", MatchKind::Geography),
            ("EEA", Provider::Aws, "eu-west-1", MatchKind::Geography),
            (
                "United States",
                Provider::Gcp,
                "us-central1",
                MatchKind::Country,
            ),
        ];
        for (q, p, want, by) in cases {
            assert_eq!(first(*p, q), Some((want.to_string(), *by)), "{p} {q}");
        }
    }

    /// The EEA holds the EU and Norway; the EU does not hold Norway.
    #[test]
    fn the_eea_is_the_union_and_norway() {
        let c = Catalog::builtin(Provider::Azure).unwrap();
        let r = c.region("norwayeast").unwrap();
        let cases = [
            ("EEA", true),
            ("European Economic Area", true),
            ("EU", false),
            ("Norway", true),
        ];
        for (q, inside) in cases {
            assert_eq!(r.matches(q).is_some(), inside, "{q}");
        }
        assert!(c.region("westeurope").unwrap().matches("EEA").is_some());
    }

    #[test]
    fn eu_never_resolves_outside_the_union() {
        for p in Provider::ALL {
            let c = Catalog::builtin(p).unwrap();
            let eu = c.regions_matching("EU");
            assert!(!eu.is_empty(), "{p}");
            for m in eu {
                assert_eq!(m.region.geo, "EU", "{p}: {}", m.region.name);
                assert_ne!(m.region.country, "GB", "{p}: {}", m.region.name);
            }
        }
    }

    #[test]
    fn unknown_or_empty_queries_match_nothing() {
        let c = Catalog::builtin(Provider::Aws).unwrap();
        assert!(c.lookup_region("Atlantis").is_none());
        assert!(c.lookup_region("  ").is_none());
    }

    #[test]
    fn every_region_is_complete_and_its_pair_exists() {
        for p in Provider::ALL {
            let c = Catalog::builtin(p).unwrap();
            for r in &c.regions {
                assert_eq!(r.country.len(), 2, "{p} {}", r.name);
                assert!(
                    !r.city.is_empty() && !r.country_name.is_empty(),
                    "{}",
                    r.name
                );
                assert!(
                    c.region(&r.pair).is_some(),
                    "{p}: pair {} of {}",
                    r.pair,
                    r.name
                );
            }
            // Where a country has two regions, the pair stays in it, so a DR
            // copy keeps country residency.
            for r in &c.regions {
                if c.regions_in_country(&r.country).len() > 1 {
                    let pair = c.region(&r.pair).unwrap();
                    assert_eq!(pair.country, r.country, "{p}: {} → {}", r.name, r.pair);
                }
            }
        }
    }
}
