//! Provider catalogs: for each infrastructure role the managed service, its SLA
//! and its price, each with the `source` and `as_of` they were read from.
//!
//! Built-in catalogs live in `data/catalog/{aws,gcp,azure}.toml` and are
//! compiled in; a user file can override or add rows.

use serde::{Deserialize, Serialize};

/// A cloud provider with a built-in catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Aws,
    Gcp,
    Azure,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Aws, Provider::Gcp, Provider::Azure];

    /// Lower-case key used in JSON, file names and catalog ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Gcp => "gcp",
            Provider::Azure => "azure",
        }
    }

    /// Reads the names planning documents and project files use for a provider.
    pub fn parse(s: &str) -> Option<Provider> {
        let s = s.trim().to_ascii_lowercase();
        match s.as_str() {
            "aws" | "amazon" | "amazon web services" => Some(Provider::Aws),
            "gcp" | "google" | "google cloud" | "google cloud platform" => Some(Provider::Gcp),
            "azure" | "microsoft azure" => Some(Provider::Azure),
            _ => None,
        }
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
