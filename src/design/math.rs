//! The arithmetic every design number comes from, kept pure so it can be
//! tested on its own: availability, burn-rate thresholds, Little's law, DR
//! tier selection, monthly cost.

use super::model::DrTier;
use super::rules::DrTierRule;

/// Serial (hard) dependencies: A = Π aᵢ, as fractions.
pub fn serial(parts: &[f64]) -> f64 {
    parts.iter().product()
}

/// Independent redundant copies: A = 1 − Π (1 − aᵢ), as fractions.
pub fn parallel(parts: &[f64]) -> f64 {
    1.0 - parts.iter().map(|a| 1.0 - a).product::<f64>()
}

/// `copies` identical independent copies of availability `a`.
pub fn redundant(a: f64, copies: u32) -> f64 {
    parallel(&vec![a; copies.max(1) as usize])
}

/// Minutes of downtime per 730-hour month at availability `pct`.
pub fn downtime_min_per_month(pct: f64) -> f64 {
    (1.0 - pct / 100.0) * 730.0 * 60.0
}

/// Error-rate threshold (percent) that a burn rate implies for an SLO (percent):
/// burn × (1 − SLO).
pub fn burn_threshold_pct(slo_pct: f64, burn: f64) -> f64 {
    burn * (100.0 - slo_pct)
}

/// Little's law: requests in flight L = λ × W.
pub fn littles_law(rate_per_s: f64, time_s: f64) -> f64 {
    rate_per_s * time_s
}

/// Upper bound on computed instances; anything near it is an input error the
/// open questions surface, not a fleet to build.
pub const MAX_INSTANCES: u32 = 1_000_000;

/// Instances to carry `in_flight` at `utilisation` (0–1) with `per_instance`
/// concurrency: ceil(L / (c × u)), at least 1.
pub fn instances(in_flight: f64, per_instance: f64, utilisation: f64) -> u32 {
    let cap = per_instance * utilisation;
    if cap <= 0.0 || !in_flight.is_finite() {
        return 1;
    }
    // Float noise must not add an instance (50 / 25 = 2.0000000001).
    let n = (in_flight / cap - 1e-9).ceil();
    // Absurd inputs (a typo'd 1e12 rps) must not overflow the zone arithmetic.
    n.clamp(1.0, MAX_INSTANCES as f64) as u32
}

/// Static stability: instances per zone so that `zones − 1` zones carry `n`.
/// Returns (per_zone, total). One zone cannot be statically stable: (n, n).
pub fn static_stability(n: u32, zones: u32) -> (u32, u32) {
    if zones <= 1 {
        return (n, n);
    }
    let per_zone = n.div_ceil(zones - 1).max(1);
    (per_zone, per_zone * zones)
}

/// Cheapest DR tier whose bounds the targets meet (rules in increasing cost).
pub fn dr_tier(rto_s: f64, rpo_s: f64, rules: &[DrTierRule]) -> DrTier {
    rules
        .iter()
        .find(|r| rto_s >= r.min_rto_s && rpo_s >= r.min_rpo_s)
        .map(|r| r.tier)
        .unwrap_or(DrTier::ActiveActive)
}

/// Monthly cost of an hourly price: price × quantity × hours.
pub fn monthly_hourly(price: f64, quantity: f64, hours: f64) -> f64 {
    price * quantity * hours
}

/// Rounds money to cents so sums in the model add up as printed.
pub fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Formats a fraction as a percentage with enough digits to show a shortfall.
/// At least two significant digits of the unavailability are kept, and the
/// value is truncated, never rounded up: 0.99989964 prints as 99.9899, not as
/// a target of 99.99 it does not reach.
pub fn pct_text(fraction: f64) -> String {
    let pct = fraction * 100.0;
    let down = 100.0 - pct;
    if down <= 1e-12 {
        return "100".to_string();
    }
    let digits = (2 - down.log10().floor() as i32).clamp(2, 10);
    let scale = 10f64.powi(digits);
    // The small epsilon keeps 99.93 (stored as 99.92999…) from truncating to 99.9299.
    let t = ((pct * scale) + 1e-6).floor() / scale;
    let s = format!("{t:.*}", digits as usize);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::rules::Rules;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn availability_serial_and_parallel() {
        // AWS-REL-AVAIL: 99.99 %³ = 99.97 %; two 99.9 % copies = 99.9999 %.
        assert!((serial(&[0.9999, 0.9999, 0.9999]) - 0.99970003).abs() < 1e-8);
        assert!(close(parallel(&[0.999, 0.999]), 0.999999));
        assert!(close(redundant(0.999, 2), 0.999999));
        assert!(close(redundant(0.99, 1), 0.99));
        // MS-MWA: region 99.377 % doubled ⇒ 99.996 %.
        assert!((redundant(0.99377, 2) - 0.99996).abs() < 1e-5);
    }

    #[test]
    fn downtime_matches_domain_table() {
        assert!((downtime_min_per_month(99.9) - 43.8).abs() < 1e-9);
        assert!((downtime_min_per_month(99.99) - 4.38).abs() < 1e-9);
        assert!((downtime_min_per_month(99.5) - 219.0).abs() < 1e-9);
    }

    #[test]
    fn burn_thresholds_match_the_workbook_table() {
        for (slo, burn, want) in [
            (99.9, 14.4, 1.44),
            (99.9, 6.0, 0.6),
            (99.9, 3.0, 0.3),
            (99.9, 1.0, 0.1),
            (99.5, 14.4, 7.2),
            (99.99, 14.4, 0.144),
            (99.0, 6.0, 6.0),
            (99.95, 1.0, 0.05),
        ] {
            assert!(
                (burn_threshold_pct(slo, burn) - want).abs() < 1e-9,
                "{slo} {burn}"
            );
        }
    }

    #[test]
    fn littles_law_and_instances() {
        assert!(close(littles_law(200.0, 0.25), 50.0));
        assert!(close(littles_law(1000.0, 0.05), 50.0));
        // 50 in flight, 20 per instance at 60 % ⇒ 50 / 12 = 4.17 ⇒ 5.
        assert_eq!(instances(50.0, 20.0, 0.6), 5);
        assert_eq!(instances(50.0, 25.0, 1.0), 2);
        assert_eq!(instances(0.0, 20.0, 0.6), 1);
        // SRE book N+2 example: 3,470 QPS at 100 per task ⇒ 35.
        assert_eq!(instances(3470.0, 100.0, 1.0), 35);
    }

    #[test]
    fn static_stability_n_minus_one() {
        assert_eq!(static_stability(5, 2), (5, 10));
        assert_eq!(static_stability(5, 3), (3, 9));
        assert_eq!(static_stability(1, 2), (1, 2));
        assert_eq!(static_stability(4, 1), (4, 4));
    }

    #[test]
    fn dr_tier_selection_rule() {
        let r = &Rules::get().unwrap().dr_tier;
        let h = 3600.0;
        assert_eq!(dr_tier(24.0 * h, 4.0 * h, r), DrTier::BackupRestore);
        assert_eq!(dr_tier(48.0 * h, 1.0 * h, r), DrTier::BackupRestore);
        assert_eq!(dr_tier(4.0 * h, 1.0 * h, r), DrTier::BackupRestore);
        assert_eq!(dr_tier(2.0 * h, 1.0 * h, r), DrTier::PilotLight);
        assert_eq!(dr_tier(24.0 * h, 900.0, r), DrTier::PilotLight);
        assert_eq!(dr_tier(900.0, 60.0, r), DrTier::WarmStandby);
        assert_eq!(dr_tier(300.0, 5.0, r), DrTier::WarmStandby);
        assert_eq!(dr_tier(30.0, 0.0, r), DrTier::ActiveActive);
    }

    #[test]
    fn cost_is_price_quantity_hours() {
        assert!(close(cents(monthly_hourly(0.29, 1.0, 730.0)), 211.7));
        assert!(close(cents(monthly_hourly(0.0225, 2.0, 730.0)), 32.85));
        assert_eq!(pct_text(0.99970003), "99.97");
        assert_eq!(pct_text(0.99999951), "99.999951");
        assert_eq!(pct_text(0.9993), "99.93");
        assert_eq!(pct_text(0.99989964), "99.9899");
        assert_eq!(pct_text(0.99930011), "99.93");
    }
}
