//! Numbers with units as architecture documents write them: `99.95%`,
//! `p95 < 200 ms`, `RTO 1 hour`, `$4,200/month`. Used by the requirement-row
//! and drift rules; values come back in the canonical units of
//! [`crate::requirements::Kind`] (percent, ms, seconds, USD/month).

use std::sync::LazyLock;

use regex::Regex;

static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,3}(?:\.\d+)?)\s?%").expect("constant regex"));
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d+(?:[.,]\d+)?)\s?(ms|msec|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b")
        .expect("constant regex")
});
static PERCENTILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:p|percentile\s*)(50|90|95|99|100)\b|\b(50|90|95|99)(?:th)?\s*percentile")
        .expect("constant regex")
});
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\$|USD\s?)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?(k|K)?")
        .expect("constant regex")
});
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(RTO|RPO)\b[^0-9\n|]{0,40}?(\d+(?:\.\d+)?)\s?(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b")
        .expect("constant regex")
});

/// A number found in text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    pub value: f64,
    pub start: usize,
    pub end: usize,
}

/// First percentage in the text.
pub fn percent(text: &str) -> Option<Found> {
    let c = PERCENT.captures(text)?;
    let m = c.get(1)?;
    Some(Found {
        value: m.as_str().parse().ok()?,
        start: m.start(),
        end: c.get(0)?.end(),
    })
}

fn unit_seconds(unit: &str) -> Option<f64> {
    let u = unit.to_ascii_lowercase();
    Some(match u.as_str() {
        "ms" | "msec" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        _ => return None,
    })
}

/// First duration in the text, in seconds.
pub fn duration_secs(text: &str) -> Option<Found> {
    let c = DURATION.captures(text)?;
    let n: f64 = c.get(1)?.as_str().replace(',', ".").parse().ok()?;
    Some(Found {
        value: n * unit_seconds(c.get(2)?.as_str())?,
        start: c.get(1)?.start(),
        end: c.get(0)?.end(),
    })
}

/// First latency in the text, in milliseconds, with its percentile if stated.
pub fn latency_ms(text: &str) -> Option<(Found, Option<u8>)> {
    let d = duration_secs(text)?;
    // Latencies above a minute are not request latencies.
    if d.value > 60.0 {
        return None;
    }
    let pct = PERCENTILE
        .captures(text)
        .and_then(|c| c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()));
    Some((
        Found {
            value: d.value * 1000.0,
            ..d
        },
        pct,
    ))
}

/// First dollar amount in the text.
pub fn money(text: &str) -> Option<Found> {
    let c = MONEY.captures(text)?;
    let whole: f64 = c.get(1)?.as_str().replace(',', "").parse().ok()?;
    let frac: f64 = c
        .get(2)
        .map_or(Ok(0.0), |m| format!("0.{}", m.as_str()).parse())
        .ok()?;
    let k = if c.get(3).is_some() { 1000.0 } else { 1.0 };
    let m = c.get(0)?;
    Some(Found {
        value: (whole + frac) * k,
        start: m.start(),
        end: m.end(),
    })
}

/// `RTO`/`RPO` followed (within a few words) by a duration: (label, seconds).
pub fn labelled_objectives(text: &str) -> Vec<(String, Found)> {
    LABELLED
        .captures_iter(text)
        .filter_map(|c| {
            let label = c.get(1)?.as_str().to_ascii_uppercase();
            let n: f64 = c.get(2)?.as_str().parse().ok()?;
            let secs = n * unit_seconds(c.get(3)?.as_str())?;
            Some((
                label,
                Found {
                    value: secs,
                    start: c.get(2)?.start(),
                    end: c.get(0)?.end(),
                },
            ))
        })
        .collect()
}

/// Does the text hold a digit?
pub fn has_number(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)%|\$|€|£|\d\s?(?:ms|s|m|h|d|k|x|gb|tb|mb|pb|gib|tib|mib)\b|\b(?:msec|milliseconds?|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|rps|rpm|qps|tps|req(?:uests)?|users?|sessions?|tenants?|instances?|nodes?|pods?|replicas?|tasks?|vcpus?|cores?|containers?|concurrent|nines|usd|eur|gbp|per|/s|/sec|/min|/month|/mo|transactions?|messages?|events?|orders?|records?|rows?|objects?|files?|gb|tb|mb|pb|gib|tib|regions?|azs?|zones?)\b")
        .expect("constant regex")
});

/// Does the text hold a unit next to its number (`%`, `ms`, `rps`, `GB`, `$`…)?
pub fn has_unit(text: &str) -> bool {
    UNIT.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_values() {
        assert_eq!(percent("99.95% monthly").map(|f| f.value), Some(99.95));
        assert_eq!(duration_secs("RTO < 1 hour").map(|f| f.value), Some(3600.0));
        assert_eq!(duration_secs("15 min").map(|f| f.value), Some(900.0));
        let (l, p) = latency_ms("p95 < 200 ms").expect("latency");
        assert_eq!((l.value, p), (200.0, Some(95)));
        assert_eq!(
            latency_ms("under 1.5s at the 99th percentile").map(|x| (x.0.value, x.1)),
            Some((1500.0, Some(99)))
        );
        assert_eq!(money("$4,200/month").map(|f| f.value), Some(4200.0));
        assert_eq!(money("USD 12.50").map(|f| f.value), Some(12.5));
        assert_eq!(money("$3k").map(|f| f.value), Some(3000.0));
        let o = labelled_objectives("RTO < 1 hour, RPO < 15 min");
        assert_eq!(
            o.iter()
                .map(|(l, f)| (l.as_str(), f.value))
                .collect::<Vec<_>>(),
            vec![("RTO", 3600.0), ("RPO", 900.0)]
        );
        assert!(has_unit("auto-scale 2-10 instances"));
        assert!(has_unit("99.9").eq(&false));
        assert!(has_unit("200ms"));
    }
}
