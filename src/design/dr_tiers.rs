//! Choosing the disaster-recovery tier, and saying truthfully why each other
//! tier was not chosen.
//!
//! Each tier's bounds in `data/design/rules.toml` are the *best* RTO and RPO it
//! achieves (AWS-REL13-BP02: backup & restore "hours", pilot light "tens of
//! minutes", warm standby "minutes", active-active near zero). A tier meets a
//! target when its best is at or under the target; the choice is the cheapest
//! tier that meets both. Every rejected alternative's reason is computed from
//! the same numbers, so an ADR can never say "pilot light cannot meet RTO 1 h"
//! while the resilience section shows that it can.

use super::model::DrTier;
use super::rules::DrTierRule;
use crate::numfmt::duration;

/// Whether `rule`'s tier achieves both targets.
pub fn meets(rule: &DrTierRule, rto_s: f64, rpo_s: f64) -> bool {
    rule.min_rto_s <= rto_s && rule.min_rpo_s <= rpo_s
}

/// The cheapest tier that meets both targets (rules listed cheapest first);
/// active-active when none does. One rule, in [`super::math::dr_tier`].
pub use super::math::dr_tier as cheapest;

/// Why a tier other than the chosen one was not chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// The tier chosen.
    Chosen,
    /// Cheaper, but its best recovery is slower than the RTO, the RPO, or both.
    TooSlow { rto: bool, rpo: bool },
    /// It meets the targets too, at more cost and complexity than needed.
    MoreThanNeeded,
    /// A dearer tier forced by something other than RTO/RPO (e.g. two serving
    /// regions already run everything in both).
    Forced,
}

/// The verdict on `candidate` when `chosen` was chosen for these targets.
pub fn verdict(
    rules: &[DrTierRule],
    candidate: DrTier,
    chosen: DrTier,
    rto_s: f64,
    rpo_s: f64,
) -> Verdict {
    if candidate == chosen {
        return Verdict::Chosen;
    }
    let Some(rule) = rules.iter().find(|r| r.tier == candidate) else {
        return Verdict::MoreThanNeeded;
    };
    let rto_fail = rule.min_rto_s > rto_s;
    let rpo_fail = rule.min_rpo_s > rpo_s;
    if rto_fail || rpo_fail {
        Verdict::TooSlow {
            rto: rto_fail,
            rpo: rpo_fail,
        }
    } else if candidate > chosen {
        Verdict::MoreThanNeeded
    } else {
        // Cheaper and meeting the targets, yet not chosen: something else
        // forced the dearer tier.
        Verdict::Forced
    }
}

/// The sentence an ADR or the resilience section prints for `candidate`.
/// `forced_by` names what forced the choice when the verdict is [`Verdict::Forced`].
pub fn reason(
    rules: &[DrTierRule],
    candidate: DrTier,
    chosen: DrTier,
    rto_s: f64,
    rpo_s: f64,
    forced_by: &str,
) -> String {
    let rule = rules.iter().find(|r| r.tier == candidate);
    // The tier's own bounds are never written as "RTO x": beside the
    // document's targets that would read as a second, conflicting target
    // (and the drift lint, IA702, would flag it).
    let best = |r: &DrTierRule| {
        format!(
            "at best it recovers in {} and loses {} of writes",
            duration(r.min_rto_s),
            duration(r.min_rpo_s)
        )
    };
    match (verdict(rules, candidate, chosen, rto_s, rpo_s), rule) {
        (Verdict::Chosen, Some(r)) => format!(
            "{}: the cheapest tier that meets RTO {} / RPO {} ({})",
            candidate.label(),
            duration(rto_s),
            duration(rpo_s),
            best(r)
        ),
        (Verdict::TooSlow { rto, rpo }, Some(r)) => {
            let mut misses = Vec::new();
            if rto {
                misses.push(format!(
                    "the {} recovery-time target (it recovers in {} at best)",
                    duration(rto_s),
                    duration(r.min_rto_s)
                ));
            }
            if rpo {
                misses.push(format!(
                    "the {} recovery-point target (it loses up to {} of writes at best)",
                    duration(rpo_s),
                    duration(r.min_rpo_s)
                ));
            }
            format!("{}: cannot meet {}", candidate.label(), misses.join(" or "))
        }
        (Verdict::MoreThanNeeded, Some(r)) => format!(
            "{}: also meets RTO {} / RPO {} ({}), but runs more in the recovery region than the targets need",
            candidate.label(),
            duration(rto_s),
            duration(rpo_s),
            best(r)
        ),
        (Verdict::Forced, Some(r)) => format!(
            "{}: would meet RTO {} / RPO {} ({}), but {forced_by}",
            candidate.label(),
            duration(rto_s),
            duration(rpo_s),
            best(r)
        ),
        (_, None) => format!("{}: no bounds known for this tier", candidate.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::rules::Rules;

    const H: f64 = 3600.0;
    const MIN: f64 = 60.0;

    fn rules() -> &'static [DrTierRule] {
        &Rules::get().unwrap().dr_tier
    }

    #[test]
    fn the_cheapest_tier_meeting_both_targets_at_and_around_every_bound() {
        let r = rules();
        let bound = |t: DrTier| r.iter().find(|x| x.tier == t).unwrap();
        let br = bound(DrTier::BackupRestore);
        let pl = bound(DrTier::PilotLight);
        let ws = bound(DrTier::WarmStandby);
        let cases = [
            // Nightly backups are fine: RTO 8 h / RPO 24 h is backup & restore.
            (8.0 * H, 24.0 * H, DrTier::BackupRestore),
            (24.0 * H, 24.0 * H, DrTier::BackupRestore),
            // Exactly at backup & restore's best, and just under it.
            (br.min_rto_s, br.min_rpo_s, DrTier::BackupRestore),
            (br.min_rto_s - 1.0, br.min_rpo_s, DrTier::PilotLight),
            (br.min_rto_s, br.min_rpo_s - 1.0, DrTier::PilotLight),
            // Pilot light at and under its bounds.
            (pl.min_rto_s, pl.min_rpo_s, DrTier::PilotLight),
            (1.0 * H, 5.0 * MIN, DrTier::PilotLight),
            (pl.min_rto_s - 1.0, pl.min_rpo_s, DrTier::WarmStandby),
            (pl.min_rto_s, pl.min_rpo_s - 1.0, DrTier::WarmStandby),
            // Warm standby at and under.
            (ws.min_rto_s, ws.min_rpo_s, DrTier::WarmStandby),
            (ws.min_rto_s - 1.0, ws.min_rpo_s, DrTier::ActiveActive),
            (0.0, 0.0, DrTier::ActiveActive),
        ];
        for (rto, rpo, want) in cases {
            assert_eq!(cheapest(rto, rpo, r), want, "RTO {rto} RPO {rpo}");
        }
    }

    #[test]
    fn bounds_are_best_achievable_and_ordered() {
        let r = rules();
        // Cheaper tiers recover no faster than dearer ones.
        for w in r.windows(2) {
            assert!(w[0].tier < w[1].tier);
            assert!(w[0].min_rto_s >= w[1].min_rto_s);
            assert!(w[0].min_rpo_s >= w[1].min_rpo_s);
        }
        // Backup & restore is "hours" (AWS-REL13-BP02), not "24 h at best".
        assert!(r[0].min_rto_s < 24.0 * H);
    }

    #[test]
    fn every_rejected_alternative_states_a_true_reason() {
        let r = rules();
        let tiers = [
            DrTier::BackupRestore,
            DrTier::PilotLight,
            DrTier::WarmStandby,
            DrTier::ActiveActive,
        ];
        for (rto, rpo) in [
            (8.0 * H, 24.0 * H),
            (1.0 * H, 5.0 * MIN),
            (15.0 * MIN, 1.0 * MIN),
            (30.0, 0.0),
        ] {
            let chosen = cheapest(rto, rpo, r);
            for t in tiers {
                let v = verdict(r, t, chosen, rto, rpo);
                let rule = r.iter().find(|x| x.tier == t).unwrap();
                match v {
                    Verdict::Chosen => assert_eq!(t, chosen),
                    Verdict::TooSlow { rto: a, rpo: b } => {
                        // The stated reason is true of the numbers.
                        assert_eq!(a, rule.min_rto_s > rto);
                        assert_eq!(b, rule.min_rpo_s > rpo);
                        assert!(t < chosen);
                    }
                    Verdict::MoreThanNeeded => {
                        assert!(meets(rule, rto, rpo) && t > chosen)
                    }
                    Verdict::Forced => panic!("nothing forced {chosen:?}"),
                }
            }
        }
    }

    #[test]
    fn a_forced_tier_says_what_forced_it() {
        let r = rules();
        // RTO 1 h / RPO 5 min is pilot light; two serving regions force active-active.
        let s = reason(
            r,
            DrTier::PilotLight,
            DrTier::ActiveActive,
            H,
            5.0 * MIN,
            "two regions already serve traffic",
        );
        assert!(s.contains("would meet") && s.contains("two regions"), "{s}");
        let s = reason(
            r,
            DrTier::BackupRestore,
            DrTier::PilotLight,
            H,
            5.0 * MIN,
            "",
        );
        assert!(
            s.contains("cannot meet the 1 h recovery-time target")
                && s.contains("recovers in 4 h at best"),
            "{s}"
        );
    }
}
