//! Currency conversion at one dated, sourced table of reference rates
//! (`data/catalog/fx.toml`), so a EUR budget stays in EUR and is compared
//! with USD list prices at a rate the document can cite.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};

const FX: &str = include_str!("../../data/catalog/fx.toml");

/// One day's reference rates, quoted as units of each currency per one unit
/// of `base` (how the ECB publishes them).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fx {
    /// ISO 4217 code the table is quoted against (`EUR`).
    pub base: String,
    /// The day every rate in the table was published.
    pub as_of: String,
    pub source: String,
    #[serde(default = "yes")]
    pub verified: bool,
    #[serde(default)]
    pub note: String,
    /// Units of the currency per one unit of `base`.
    rates: BTreeMap<String, f64>,
}

fn yes() -> bool {
    true
}

/// The rate of one currency against another, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub from: String,
    pub to: String,
    /// Units of `to` per one unit of `from`.
    pub rate: f64,
    pub as_of: String,
    pub source: String,
    pub verified: bool,
}

/// A currency the table does not quote.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no exchange rate for `{0}` in data/catalog/fx.toml")]
pub struct UnknownCurrency(pub String);

impl Fx {
    /// The compiled-in table (parsed once per process).
    pub fn builtin() -> Result<&'static Fx> {
        static CACHE: OnceLock<std::result::Result<Fx, String>> = OnceLock::new();
        CACHE
            .get_or_init(|| Fx::parse(FX, "data/catalog/fx.toml"))
            .as_ref()
            .map_err(|e| Error::Invalid(e.clone()))
    }

    /// Parses and checks a table; `label` names it in errors.
    pub fn parse(text: &str, label: &str) -> std::result::Result<Fx, String> {
        let mut fx: Fx = toml::from_str(text).map_err(|e| format!("{label}: {}", e.message()))?;
        fx.base = fx.base.to_ascii_uppercase();
        fx.rates = std::mem::take(&mut fx.rates)
            .into_iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), v))
            .collect();
        for (code, rate) in &fx.rates {
            if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(format!("{label}: `{code}` is not an ISO 4217 code"));
            }
            if !(rate.is_finite() && *rate > 0.0) {
                return Err(format!("{label}: rate {rate} for {code} is not positive"));
            }
        }
        if fx.as_of.trim().is_empty() || fx.source.trim().is_empty() {
            return Err(format!("{label}: the table needs `as_of` and `source`"));
        }
        Ok(fx)
    }

    /// Currencies the table can convert between (the base included).
    pub fn currencies(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.rates.keys().map(String::as_str).collect();
        if !self.rates.contains_key(&self.base) {
            v.push(&self.base);
        }
        v.sort_unstable();
        v
    }

    /// Units of `code` per one unit of the base.
    fn per_base(&self, code: &str) -> std::result::Result<f64, UnknownCurrency> {
        let code = code.trim().to_ascii_uppercase();
        if code == self.base {
            return Ok(1.0);
        }
        self.rates.get(&code).copied().ok_or(UnknownCurrency(code))
    }

    /// The cross rate `from` → `to` (units of `to` per one `from`), derived
    /// from the same day's table.
    pub fn rate(&self, from: &str, to: &str) -> std::result::Result<Rate, UnknownCurrency> {
        let a = self.per_base(from)?;
        let b = self.per_base(to)?;
        Ok(Rate {
            from: from.trim().to_ascii_uppercase(),
            to: to.trim().to_ascii_uppercase(),
            rate: b / a,
            as_of: self.as_of.clone(),
            source: self.source.clone(),
            verified: self.verified,
        })
    }

    /// `amount` of `from` expressed in `to`.
    pub fn convert(
        &self,
        amount: f64,
        from: &str,
        to: &str,
    ) -> std::result::Result<f64, UnknownCurrency> {
        Ok(amount * self.rate(from, to)?.rate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_is_dated_and_sourced() {
        let fx = Fx::builtin().unwrap();
        assert_eq!(fx.base, "EUR");
        assert!(fx.as_of.starts_with("20"));
        assert!(fx.source.contains("ecb.europa.eu"));
        for c in ["USD", "EUR", "GBP", "JPY", "CAD", "AUD"] {
            assert!(fx.currencies().contains(&c), "{c}");
        }
    }

    #[test]
    fn conversions_use_the_published_rates_and_cross_rates() {
        let fx = Fx::builtin().unwrap();
        // ECB 2025-02-28: 1 EUR = 1.0411 USD.
        let cases: &[(f64, &str, &str, f64)] = &[
            (1000.0, "EUR", "USD", 1041.10),
            (1041.10, "USD", "EUR", 1000.0),
            (100.0, "usd", "usd", 100.0),
            // GBP per USD = 0.82608 / 1.0411
            (1000.0, "USD", "GBP", 793.47),
            // JPY per USD = 156.96 / 1.0411
            (1.0, "USD", "JPY", 150.76),
            (5000.0, "EUR", "EUR", 5000.0),
        ];
        for (amount, from, to, want) in cases {
            let got = fx.convert(*amount, from, to).unwrap();
            assert!(
                (got - want).abs() < 0.01,
                "{amount} {from}→{to}: {got} vs {want}"
            );
        }
        // A round trip returns the amount.
        let there = fx.convert(1234.5, "AUD", "CAD").unwrap();
        let back = fx.convert(there, "CAD", "AUD").unwrap();
        assert!((back - 1234.5).abs() < 1e-9);
        let r = fx.rate("EUR", "USD").unwrap();
        assert_eq!(r.as_of, fx.as_of);
    }

    #[test]
    fn unknown_currency_is_an_error_naming_it() {
        let fx = Fx::builtin().unwrap();
        let e = fx.convert(1.0, "USD", "XYZ").unwrap_err();
        assert_eq!(
            e.to_string(),
            "no exchange rate for `XYZ` in data/catalog/fx.toml"
        );
    }

    #[test]
    fn bad_tables_are_rejected() {
        let ok = "base='EUR'\nas_of='2025-01-01'\nsource='x'\n[rates]\nUSD=1.1\n";
        assert!(Fx::parse(ok, "t").is_ok());
        for (bad, want) in [
            (
                "base='EUR'\nas_of='2025-01-01'\nsource='x'\n[rates]\nUSD=0.0\n",
                "not positive",
            ),
            (
                "base='EUR'\nas_of='2025-01-01'\nsource='x'\n[rates]\nDOLLAR=1.0\n",
                "ISO 4217",
            ),
            (
                "base='EUR'\nas_of=''\nsource='x'\n[rates]\nUSD=1.0\n",
                "as_of",
            ),
            (
                "base='EUR'\nas_of='d'\nsource='x'\nextra=1\n[rates]\nUSD=1.0\n",
                "unknown field",
            ),
        ] {
            let e = Fx::parse(bad, "t").unwrap_err();
            assert!(e.contains(want), "{e}");
        }
    }
}
