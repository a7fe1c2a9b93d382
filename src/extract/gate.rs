//! Which recognisers can find anything in a text, decided with literal tests
//! and prefiltered `is_match` calls before any capturing regex runs. Most
//! text in a planning document holds no requirement; this keeps it cheap.

use super::labels::based_phrase;
use super::vocab::VOCAB;

/// What a text could hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gate {
    pub digit: bool,
    pub nines: bool,
    pub percent: bool,
    pub concurrency: bool,
    pub budget: bool,
    pub tech: bool,
    pub framework: bool,
    pub residency: bool,
}

/// ASCII case-insensitive substring test without allocating.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

impl Gate {
    /// Test a text.
    pub fn of(text: &str) -> Gate {
        let v = &*VOCAB;
        let digit = text.bytes().any(|b| b.is_ascii_digit());
        Gate {
            digit,
            nines: contains_ci(text, "nines"),
            percent: digit
                && (text.contains(['%', '％'])
                    || contains_ci(text, "percent")
                    || contains_ci(text, "pct")),
            concurrency: digit && v.concurrency.is_match(text),
            budget: digit && v.budget.is_match(text),
            tech: v.tech_re.is_match(text),
            framework: v.frameworks_any.is_match(text),
            residency: v.residency.is_match(text) || based_phrase(text),
        }
    }

    /// Could any recogniser find something?
    pub fn any(&self) -> bool {
        *self != Gate::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates() {
        let g = Gate::of("Uptime 99.9% on AWS, GDPR, data stored in the EU");
        assert!(g.digit && g.percent && g.tech && g.framework && g.residency);
        assert!(!Gate::of("As a shopper I want to pay with a saved card.").any());
        assert!(Gate::of("three nines").nines);
        assert!(Gate::of("US-based infrastructure").residency);
        assert!(Gate::of("支持 100 并发用户").concurrency);
    }
}
