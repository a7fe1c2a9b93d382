//! Availability as an SRE reasons about it, kept pure so each rule is tested
//! on its own.
//!
//! Published SLAs are financial commitments, not forecasts (MS-METRICS): their
//! product over the hard dependencies is a *floor* below which credits start,
//! and is labelled as such. Soft dependencies (an outbox-backed queue, a
//! cache-aside cache that falls back to the database) do not enter the product
//! (AWS-REL-AVAIL). A single writer with a standby or a cross-region replica is
//! not two parallel copies: the writer stays one point, and promoting the
//! standby is downtime that the error budget pays for. A second region is added
//! only when a *stated* requirement needs it, never for an assumed target.

use crate::numfmt;

/// Hours in the one month length every monthly figure uses (730 h, the
/// convention of the providers' price pages and of Infracost).
pub const HOURS_PER_MONTH: f64 = numfmt::HOURS_PER_MONTH;

/// Minutes in that month.
pub const MINUTES_PER_MONTH: f64 = HOURS_PER_MONTH * 60.0;

/// How a failure of a dependency reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// On the critical path: when it fails, requests fail.
    Hard,
    /// The caller degrades gracefully (outbox, cache-aside with a database
    /// fallback, fire-and-forget analytics): its outages cost no availability.
    Soft,
}

/// One dependency of the request path, as the floor counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub name: String,
    /// Published monthly SLA in percent; `None` when the provider publishes none.
    pub sla_pct: Option<f64>,
    pub strength: Strength,
}

impl Dependency {
    pub fn hard(name: &str, sla_pct: Option<f64>) -> Dependency {
        Dependency {
            name: name.to_string(),
            sla_pct,
            strength: Strength::Hard,
        }
    }
    pub fn soft(name: &str, sla_pct: Option<f64>) -> Dependency {
        Dependency {
            name: name.to_string(),
            sla_pct,
            strength: Strength::Soft,
        }
    }
}

/// The SLA floor of a set of dependencies and what it did and did not count.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    /// Product of the hard dependencies' SLAs, as a fraction.
    pub fraction: f64,
    /// Hard dependencies in the product.
    pub counted: Vec<String>,
    /// Soft dependencies left out of the product (their outages degrade, not fail).
    pub soft: Vec<String>,
    /// Hard dependencies with no published SLA: the floor says nothing about them.
    pub unpublished: Vec<String>,
}

impl Floor {
    pub fn pct(&self) -> f64 {
        self.fraction * 100.0
    }
}

/// The SLA floor: Π SLAᵢ over the hard dependencies (AWS-REL-AVAIL, MS-METRICS).
pub fn sla_floor(deps: &[Dependency]) -> Floor {
    let mut floor = Floor {
        fraction: 1.0,
        counted: Vec::new(),
        soft: Vec::new(),
        unpublished: Vec::new(),
    };
    for d in deps {
        match (d.strength, d.sla_pct) {
            (Strength::Soft, _) => floor.soft.push(d.name.clone()),
            (Strength::Hard, None) => floor.unpublished.push(d.name.clone()),
            (Strength::Hard, Some(p)) => {
                floor.fraction *= p / 100.0;
                floor.counted.push(d.name.clone());
            }
        }
    }
    floor
}

/// Independent redundant copies: 1 − Π (1 − aᵢ). Only for copies that can each
/// serve alone (stateless tiers behind health-checked routing), never for a
/// writer and its replica.
pub fn parallel(parts: &[f64]) -> f64 {
    1.0 - parts.iter().map(|a| 1.0 - a).product::<f64>()
}

/// Minutes of downtime per month that availability `pct` allows.
pub fn budget_minutes(pct: f64) -> f64 {
    (1.0 - pct / 100.0) * MINUTES_PER_MONTH
}

/// Share (0–1+) of the monthly error budget that one outage of `outage_s`
/// seconds uses. More than 1 means one such outage alone breaks the month.
pub fn budget_share(target_pct: f64, outage_s: f64) -> f64 {
    let budget_s = budget_minutes(target_pct) * 60.0;
    if budget_s <= 0.0 {
        return f64::INFINITY;
    }
    outage_s / budget_s
}

/// Availability of stateless tiers run in `regions` regions behind
/// health-checked routing, with a single writer that lives in one region and
/// global services in series: parallel(stateless)ⁿ × writer × global. The
/// writer is not doubled: a cross-region replica is a recovery copy, and its
/// promotion is downtime (see [`single_writer_failover`]).
pub fn multi_region(stateless_per_region: f64, regions: u32, writer: f64, global: f64) -> f64 {
    let copies = vec![stateless_per_region; regions.max(1) as usize];
    parallel(&copies) * writer * global
}

/// What a single-writer failover costs the error budget.
#[derive(Debug, Clone, PartialEq)]
pub struct FailoverCost {
    /// Typical failover time, seconds (low and high end).
    pub low_s: f64,
    pub high_s: f64,
    /// Share of the monthly error budget one failover uses (low and high end).
    pub share_low: f64,
    pub share_high: f64,
    /// Failovers the month's budget absorbs at the high end (0 when one breaks it).
    pub per_month_at_high: u32,
}

/// Promotion of a standby or replica is downtime for writes: one failover of
/// `low_s`–`high_s` seconds against the monthly budget of `target_pct`.
pub fn single_writer_failover(target_pct: f64, low_s: f64, high_s: f64) -> FailoverCost {
    let share_low = budget_share(target_pct, low_s);
    let share_high = budget_share(target_pct, high_s);
    let per_month_at_high = if share_high > 0.0 && share_high.is_finite() {
        (1.0 / share_high).floor().min(u32::MAX as f64) as u32
    } else {
        0
    };
    FailoverCost {
        low_s,
        high_s,
        share_low,
        share_high,
        per_month_at_high,
    }
}

/// Whether an availability target was stated by the documents (a person) or
/// assumed by the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetBasis {
    Stated,
    Assumed,
}

/// Inputs to the serving-region decision.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionInputs {
    pub target_pct: f64,
    pub basis: TargetBasis,
    /// SLA floor of the best single-region, multi-zone configuration (fraction).
    pub single_region_floor: f64,
    /// The highest target a single region with zone redundancy is designed for
    /// (MS-DR tier 1 and AWS-REL-AVAIL: multi-zone designs serve up to 99.99 %;
    /// above it, MS-DR tier 0 is active-active across regions).
    pub single_region_ceiling_pct: f64,
    /// The data tier has one writer (PostgreSQL, MySQL, SQL Server…) rather
    /// than a multi-region, multi-writer store.
    pub single_writer: bool,
}

/// How many regions serve traffic, and why, in words a reviewer can check.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionDecision {
    /// Regions that serve traffic (1 or 2). A recovery region for DR copies is
    /// the DR decision's, not this one.
    pub serving_regions: u32,
    /// The reasoning, one step per line.
    pub reasoning: Vec<String>,
    /// When one region's floor is below the target: the gap and the options.
    pub gap: Option<Gap>,
    /// A caveat the document must state (single writer under active-active).
    pub caveat: Option<String>,
}

/// The distance between a target and a single region's SLA floor.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub floor_pct: f64,
    pub target_pct: f64,
    /// Minutes per month the floor allows beyond the target's budget.
    pub minutes: f64,
    pub options: Vec<String>,
}

/// Serving regions: a second one only when a stated target is above what one
/// region with zone redundancy is designed for. An assumed target never adds
/// a region; a floor below the target inside one region is shown as a gap with
/// options, not answered with a region.
pub fn serving_regions(i: &RegionInputs) -> RegionDecision {
    let floor_pct = i.single_region_floor * 100.0;
    let mut reasoning = vec![format!(
        "One region across zones: SLA floor {}% (product of the hard dependencies' published SLAs; a floor, not a forecast)",
        pct(floor_pct)
    )];
    let gap = (floor_pct + 1e-9 < i.target_pct).then(|| Gap {
        floor_pct,
        target_pct: i.target_pct,
        minutes: budget_minutes(floor_pct) - budget_minutes(i.target_pct),
        options: vec![
            "choose higher-SLA configurations for the dependencies that set the floor (the lowest SLA first)".into(),
            "make a dependency soft (an outbox in front of the queue, cache-aside with a database fallback)".into(),
            "agree the target against the floor: the SLAs are the providers' credit thresholds, and the SLO is measured on the service itself".into(),
        ],
    });
    let above_ceiling = i.target_pct > i.single_region_ceiling_pct + 1e-9;
    let (serving, caveat) = match (i.basis, above_ceiling) {
        (TargetBasis::Assumed, _) => {
            reasoning.push(format!(
                "The {}% target is an assumption, not a requirement: no region is added for it",
                pct(i.target_pct)
            ));
            (1, None)
        }
        (TargetBasis::Stated, false) => {
            reasoning.push(format!(
                "The stated {}% is within what one region with zone redundancy is designed for (≤ {}%): one serving region",
                pct(i.target_pct),
                pct(i.single_region_ceiling_pct)
            ));
            (1, None)
        }
        (TargetBasis::Stated, true) => {
            reasoning.push(format!(
                "The stated {}% is above what one region is designed for (≤ {}%): a regional outage alone would exhaust the budget, so two regions serve traffic",
                pct(i.target_pct),
                pct(i.single_region_ceiling_pct)
            ));
            let caveat = i.single_writer.then(|| {
                "The database has a single writer: the second region serves stateless traffic and reads, and writes fail over only after the replica is promoted. Writes in both regions need a multi-region, multi-writer store and a consistency decision (an ADR).".to_string()
            });
            (2, caveat)
        }
    };
    RegionDecision {
        serving_regions: serving,
        reasoning,
        gap,
        caveat,
    }
}

/// The monthly error budget against the RTO: when the RTO is longer than the
/// budget, one disaster within the RTO breaks the month's SLO.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetVsRto {
    pub budget_min: f64,
    pub rto_min: f64,
    pub exceeds: bool,
    /// What the document says about it (empty when the RTO fits the budget).
    pub statement: Option<String>,
}

pub fn budget_vs_rto(target_pct: f64, rto_s: f64) -> BudgetVsRto {
    let budget_min = budget_minutes(target_pct);
    let rto_min = rto_s / 60.0;
    let exceeds = rto_min > budget_min + 1e-9;
    let statement = exceeds.then(|| {
        format!(
            "The RTO ({}) is longer than the whole monthly error budget of {}% ({} min): a disaster that takes the full RTO breaks that month's SLO. Either the SLO excludes declared disasters (say so in the SLA), or recovery must finish within {} min.",
            numfmt::duration(rto_s),
            pct(target_pct),
            numfmt::trim((budget_min * 10.0).round() / 10.0),
            numfmt::trim((budget_min * 10.0).floor() / 10.0),
        )
    });
    BudgetVsRto {
        budget_min,
        rto_min,
        exceeds,
        statement,
    }
}

/// A percentage as the document prints it.
fn pct(p: f64) -> String {
    numfmt::trim((p * 10_000.0).round() / 10_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    #[test]
    fn soft_dependencies_are_not_in_the_floor() {
        // (dependencies, expected floor %, counted, soft, unpublished)
        let cases: Vec<(Vec<Dependency>, f64, usize, usize, usize)> = vec![
            (
                vec![
                    Dependency::hard("lb", Some(99.99)),
                    Dependency::hard("app", Some(99.99)),
                    Dependency::hard("db", Some(99.95)),
                ],
                99.93,
                3,
                0,
                0,
            ),
            // The queue behind an outbox and a cache-aside cache do not lower it.
            (
                vec![
                    Dependency::hard("lb", Some(99.99)),
                    Dependency::hard("app", Some(99.99)),
                    Dependency::hard("db", Some(99.95)),
                    Dependency::soft("queue", Some(99.9)),
                    Dependency::soft("cache", Some(99.9)),
                ],
                99.93,
                3,
                2,
                0,
            ),
            // A cache that *is* the store is hard.
            (
                vec![
                    Dependency::hard("app", Some(99.99)),
                    Dependency::hard("cache-store", Some(99.99)),
                ],
                99.98,
                2,
                0,
                0,
            ),
            // No published SLA: named, not counted as 100 %.
            (
                vec![
                    Dependency::hard("app", Some(99.99)),
                    Dependency::hard("vendor", None),
                ],
                99.99,
                1,
                0,
                1,
            ),
        ];
        for (deps, want, c, s, u) in cases {
            let f = sla_floor(&deps);
            assert!(close(f.pct(), want, 0.005), "{} vs {want}", f.pct());
            assert_eq!(
                (f.counted.len(), f.soft.len(), f.unpublished.len()),
                (c, s, u)
            );
        }
    }

    #[test]
    fn a_single_writer_is_not_doubled_across_regions() {
        // Two regions of a 99.98 % stateless path with one 99.95 % writer:
        // at most the writer's 99.95 %, never the 99.9999 % of two copies.
        let a = multi_region(0.9998, 2, 0.9995, 1.0);
        assert!(a <= 0.9995 + 1e-12);
        assert!(close(a, 0.9995, 1e-6));
        // One region: the plain product.
        assert!(close(
            multi_region(0.9998, 1, 0.9995, 1.0),
            0.9998 * 0.9995,
            1e-12
        ));
    }

    #[test]
    fn failover_time_is_downtime() {
        // RDS Multi-AZ failover 60–120 s (AWS-RDS-FAILOVER) against 99.99 %
        // (4.38 min per 730-h month): 23–46 % of the budget, two a month at most.
        let f = single_writer_failover(99.99, 60.0, 120.0);
        assert!(close(f.share_low, 60.0 / 262.8, 1e-9));
        assert!(close(f.share_high, 120.0 / 262.8, 1e-9));
        assert_eq!(f.per_month_at_high, 2);
        // At 99.9 % (43.8 min) the same failover is small.
        let f = single_writer_failover(99.9, 60.0, 120.0);
        assert_eq!(f.per_month_at_high, 21);
    }

    #[test]
    fn regions_are_added_only_for_a_stated_target_one_region_cannot_serve() {
        // (target, basis, floor, single writer) -> serving regions, gap?, caveat?
        let cases = [
            (99.9, TargetBasis::Assumed, 0.9993, true, 1, false, false),
            (99.9, TargetBasis::Stated, 0.9993, true, 1, false, false),
            (99.95, TargetBasis::Stated, 0.9993, true, 1, true, false),
            (99.99, TargetBasis::Stated, 0.9997, true, 1, true, false),
            // An assumed four nines adds nothing, whatever the floor.
            (99.99, TargetBasis::Assumed, 0.999, true, 1, true, false),
            (99.995, TargetBasis::Stated, 0.9997, true, 2, true, true),
            (99.999, TargetBasis::Stated, 0.9997, false, 2, true, false),
            (99.999, TargetBasis::Assumed, 0.9997, false, 1, true, false),
        ];
        for (target, basis, floor, sw, regions, gap, caveat) in cases {
            let d = serving_regions(&RegionInputs {
                target_pct: target,
                basis,
                single_region_floor: floor,
                single_region_ceiling_pct: 99.99,
                single_writer: sw,
            });
            assert_eq!(d.serving_regions, regions, "{target} {basis:?}");
            assert_eq!(d.gap.is_some(), gap, "{target} {basis:?}");
            assert_eq!(d.caveat.is_some(), caveat, "{target} {basis:?}");
            assert!(!d.reasoning.is_empty());
        }
    }

    #[test]
    fn gap_minutes_are_the_floor_budget_beyond_the_target() {
        let d = serving_regions(&RegionInputs {
            target_pct: 99.95,
            basis: TargetBasis::Stated,
            single_region_floor: 0.9993,
            single_region_ceiling_pct: 99.99,
            single_writer: true,
        });
        let g = d.gap.unwrap();
        // 0.07 % vs 0.05 % of 43,800 min = 30.66 - 21.9 = 8.76 min.
        assert!(close(g.minutes, 8.76, 1e-6));
        assert_eq!(g.options.len(), 3);
    }

    #[test]
    fn rto_longer_than_the_budget_is_reconciled() {
        // (target, rto seconds, exceeds)
        for (target, rto, exceeds) in [
            (99.99, 900.0, true),  // 15 min vs 4.38 min
            (99.99, 240.0, false), // 4 min fits
            (99.9, 3600.0, true),  // 60 min vs 43.8 min
            (99.9, 1800.0, false),
            (99.5, 3600.0, false), // 219 min
        ] {
            let b = budget_vs_rto(target, rto);
            assert_eq!(b.exceeds, exceeds, "{target} {rto}");
            assert_eq!(b.statement.is_some(), exceeds);
        }
        let s = budget_vs_rto(99.99, 900.0).statement.unwrap();
        assert!(s.contains("15 min") && s.contains("4.4 min"), "{s}");
    }

    #[test]
    fn budget_uses_the_one_month_length() {
        assert!(close(budget_minutes(99.9), 43.8, 1e-9));
        assert!(close(budget_minutes(99.99), 4.38, 1e-9));
        assert!(close(budget_minutes(99.95), 21.9, 1e-9));
    }
}
