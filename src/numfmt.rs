//! Number formatting shared by every output, so a value reads the same in the
//! document, the JSON and the terminal.

/// Hours in the one month length every monthly figure uses, in money and in
/// error budgets alike: 730 h (365 × 24 ÷ 12), the providers' and Infracost's
/// convention. A 30-day month (720 h) beside it would make the same target
/// read 21.6 min of budget in one section and 21.9 min in another.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// `99.9` stays `99.9`, `200.0` becomes `200`, float noise is rounded away.
pub fn trim(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let s = format!("{n:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Thousands separators for counts and money: `12,345`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Dollars with cents only when they matter: `$1,234` or `$12.40`.
pub fn usd(n: f64) -> String {
    let cents = (n * 100.0).round() as i64;
    let whole = (cents / 100).unsigned_abs();
    let frac = (cents % 100).abs();
    let sign = if cents < 0 { "-" } else { "" };
    if whole >= 100 || frac == 0 {
        // Above $100 cents are noise in a monthly estimate.
        let rounded = (n.abs()).round() as u64;
        format!("{sign}${}", thousands(rounded))
    } else {
        format!("{sign}${}.{frac:02}", thousands(whole))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims() {
        assert_eq!(trim(99.9), "99.9");
        assert_eq!(trim(200.0), "200");
        assert_eq!(trim(0.1 + 0.2), "0.3");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(usd(1234.4), "$1,234");
        assert_eq!(usd(12.4), "$12.40");
        assert_eq!(usd(7.0), "$7");
    }
}

/// An amount in its own currency: `$4,000` for USD, `5,500 EUR` otherwise
/// (a budget stated in euros stays in euros).
pub fn money(n: f64, currency: &str) -> String {
    if currency.eq_ignore_ascii_case("USD") {
        usd(n)
    } else {
        // The same rounding as dollars, with the code after the amount.
        let s = usd(n);
        let (sign, digits) = match s.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", s.as_str()),
        };
        format!("{sign}{} {currency}", digits.trim_start_matches('$'))
    }
}

/// Seconds as the largest whole unit that reads naturally: `300` → `5 min`,
/// `3600` → `1 h`, `90` → `90 s`, `5400` → `1.5 h`.
pub fn duration(secs: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(86_400.0, "d"), (3_600.0, "h"), (60.0, "min"), (1.0, "s")];
    for (size, name) in UNITS {
        let n = secs / size;
        // Use a unit when the value is at least one of it and has at most one decimal.
        if n >= 1.0 && ((n * 10.0).round() - n * 10.0).abs() < 1e-9 {
            return format!("{} {name}", trim(n));
        }
    }
    format!("{} s", trim(secs))
}

/// Bytes in decimal units, as storage is priced: `120000000000` → `120 GB`.
pub fn bytes(b: f64) -> String {
    const UNITS: [(f64, &str); 5] = [
        (1e15, "PB"),
        (1e12, "TB"),
        (1e9, "GB"),
        (1e6, "MB"),
        (1e3, "kB"),
    ];
    for (size, name) in UNITS {
        if b >= size {
            return format!("{} {name}", trim((b / size * 10.0).round() / 10.0));
        }
    }
    format!("{} B", trim(b))
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn durations_and_sizes() {
        assert_eq!(duration(300.0), "5 min");
        assert_eq!(duration(3600.0), "1 h");
        assert_eq!(duration(5400.0), "1.5 h");
        assert_eq!(duration(90.0), "1.5 min");
        assert_eq!(duration(45.0), "45 s");
        assert_eq!(duration(0.5), "0.5 s");
        assert_eq!(duration(900.0), "15 min");
        assert_eq!(money(4000.0, "USD"), "$4,000");
        assert_eq!(money(5500.0, "EUR"), "5,500 EUR");
        assert_eq!(money(12.5, "GBP"), "12.50 GBP");
        assert_eq!(duration(86_400.0), "1 d");
        assert_eq!(duration(172_800.0), "2 d");
        assert_eq!(bytes(120e9), "120 GB");
        assert_eq!(bytes(2.5e12), "2.5 TB");
    }
}
