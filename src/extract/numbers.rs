//! Numbers and units as planning documents write them: `1,000`, `1k`, `10K`,
//! `2 TB`, `4 hours`, `15 min`, `<200ms`, `≥ 99.9%`, `three nines`, `1万`,
//! `3 秒`, `5초`. Everything is normalised to the kind's canonical unit.

use std::sync::LazyLock;

use super::re::Regex;

/// The digits of a number: `1,000`, `1.5`, `99.95`, `10`.
/// A decimal comma ("1,5 s", "99,9 %") is read as a decimal point when one
/// or two digits follow it; three digits are a thousands group.
pub const NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}\b|\d+(?:\.\d+)?";

/// Parse `1,000` / `1.5` / `10K` / `2M` / `1万` into a value.
pub fn parse_number(digits: &str, multiplier: Option<&str>) -> Option<f64> {
    let decimal_comma = digits
        .split_once(',')
        .is_some_and(|(_, frac)| (1..=2).contains(&frac.len()) && !frac.contains(','));
    let clean: String = if decimal_comma {
        digits.replace(',', ".")
    } else {
        digits.chars().filter(|c| *c != ',').collect()
    };
    let n: f64 = clean.parse().ok()?;
    let m = match multiplier.map(str::trim) {
        None | Some("") => 1.0,
        Some(s) => multiplier_factor(s)?,
    };
    let v = n * m;
    v.is_finite().then_some(v)
}

fn multiplier_factor(s: &str) -> Option<f64> {
    Some(match s {
        "k" | "K" | "千" | "천" => 1e3,
        "万" | "萬" | "만" => 1e4,
        "m" | "M" | "mm" | "MM" | "million" | "Million" | "百万" => 1e6,
        "亿" | "億" | "억" => 1e8,
        "b" | "B" | "bn" | "billion" | "Billion" => 1e9,
        _ => return None,
    })
}

/// Seconds in one `unit` of duration (`ms`, `s`, `min`, `hours`, `秒`, `분`…).
pub fn duration_seconds(unit: &str) -> Option<f64> {
    let u = unit.trim().to_lowercase();
    Some(match u.as_str() {
        "ms" | "msec" | "millisecond" | "milliseconds" | "milisegundo" | "milisegundos"
        | "milissegundo" | "milissegundos" | "毫秒" | "ミリ秒" | "밀리초" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" | "segundo" | "segundos" | "秒" | "초"
        | "秒钟" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" | "minuto" | "minutos" | "分钟" | "分鐘"
        | "分間" | "분" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" | "hora" | "horas" | "小时" | "時間" | "시간" => {
            3600.0
        }
        "d" | "day" | "days" | "dia" | "dias" | "día" | "días" | "天" | "日" | "일" => 86400.0,
        "w" | "wk" | "week" | "weeks" | "周" | "週" | "주" => 604_800.0,
        _ => return None,
    })
}

/// Bytes in one `unit` of size (decimal units, as storage is sold).
pub fn size_bytes(unit: &str) -> Option<f64> {
    Some(match unit.to_ascii_uppercase().as_str() {
        "KB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "TB" => 1e12,
        "PB" => 1e15,
        "KIB" => 1024.0,
        "MIB" => 1024.0 * 1024.0,
        "GIB" => 1024.0 * 1024.0 * 1024.0,
        "TIB" => 1024f64.powi(4),
        "PIB" => 1024f64.powi(5),
        _ => return None,
    })
}

/// Seconds in the period of a rate ("per day", "/min", "每秒", "초당").
pub fn period_seconds(unit: &str) -> Option<f64> {
    let u = unit.trim().to_lowercase();
    Some(match u.as_str() {
        "s" | "sec" | "second" | "每秒" | "秒" | "초당" | "초" => 1.0,
        "m" | "min" | "minute" | "分钟" | "分" | "분당" | "분" => 60.0,
        "h" | "hr" | "hour" | "小时" | "時間" | "시간당" | "시간" => 3600.0,
        "d" | "day" | "天" | "日" | "일" => 86400.0,
        "w" | "wk" | "week" => 604_800.0,
        "mo" | "month" | "月" => 2_592_000.0,
        _ => return None,
    })
}

/// Written-out nines ("three nines", "4-nines").
pub const NINES_PATTERN: &str = r"(?i)\b(two|three|four|five|six|2|3|4|5|6)[ -]nines\b";

static NINES: LazyLock<Regex> = LazyLock::new(|| super::vocab::compile(NINES_PATTERN, false));

/// `three nines` → 99.9 (from the vocabulary's written-out numbers).
pub fn nines(text: &str) -> Option<(f64, usize, usize)> {
    let c = NINES.captures(text)?;
    let word = c.get(1)?.as_str().to_ascii_lowercase();
    let count = match word.as_str() {
        "two" | "2" => 2,
        "three" | "3" => 3,
        "four" | "4" => 4,
        "five" | "5" => 5,
        "six" | "6" => 6,
        _ => return None,
    };
    let v = 100.0 - 100.0 * 10f64.powi(-count);
    let m = c.get(0)?;
    Some(((v * 1e6).round() / 1e6, m.start(), m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let cases: &[(&str, Option<&str>, f64)] = &[
            ("1,000", None, 1000.0),
            ("1,5", None, 1.5),
            ("99,95", None, 99.95),
            ("12,345,678", None, 12345678.0),
            ("1", Some("k"), 1000.0),
            ("10", Some("K"), 10_000.0),
            ("1.5", None, 1.5),
            ("2", Some("M"), 2e6),
            ("1", Some("万"), 1e4),
            ("12,345.5", None, 12345.5),
        ];
        for (d, m, want) in cases {
            assert_eq!(parse_number(d, *m), Some(*want), "{d} {m:?}");
        }
        assert_eq!(parse_number("1", Some("zz")), None);
    }

    #[test]
    fn units() {
        let durations: &[(&str, f64)] = &[
            ("ms", 0.001),
            ("seconds", 1.0),
            ("15 min".split(' ').nth(1).unwrap_or(""), 60.0),
            ("hours", 3600.0),
            ("秒", 1.0),
            ("초", 1.0),
            ("ミリ秒", 0.001),
            ("分钟", 60.0),
        ];
        for (u, want) in durations {
            assert_eq!(duration_seconds(u), Some(*want), "{u}");
        }
        assert_eq!(size_bytes("TB"), Some(1e12));
        assert_eq!(size_bytes("GiB"), Some(1024f64.powi(3)));
        assert_eq!(period_seconds("day"), Some(86400.0));
    }

    #[test]
    fn written_nines() {
        assert_eq!(nines("three nines of uptime").map(|n| n.0), Some(99.9));
        assert_eq!(nines("four-nines").map(|n| n.0), Some(99.99));
        assert_eq!(nines("nine lives"), None);
    }
}
