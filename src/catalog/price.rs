//! Pricing a monthly quantity: free allowances, graduated tiers and the
//! price read for a region.

use serde::{Deserialize, Serialize};

use super::{Catalog, Price};

/// One graduated tier: units up to `up_to` (cumulative over the month,
/// in the price's unit) cost `usd` each; the last tier has no bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    #[serde(default)]
    pub up_to: Option<f64>,
    pub usd: f64,
}

/// A price read for a region other than the reference one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalRate {
    pub region: String,
    pub usd: f64,
    /// Tiers in that region; unset = the reference tiers scaled by
    /// `usd / reference usd` (stated as such by [`PriceBasis::Scaled`]).
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// Free quantity in this region when it differs from the reference one
    /// (Cloud Run's free tier is a spending discount at Tier 1 prices, so a
    /// Tier 2 region gets fewer free units).
    #[serde(default)]
    pub free: Option<f64>,
    pub source: String,
    pub as_of: String,
    #[serde(default = "super::yes")]
    pub verified: bool,
}

/// Where a region's price came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PriceBasis {
    /// Read for this region (or the price is the same in every region).
    Exact,
    /// Read for this region; its tiers are the reference tiers scaled.
    Scaled,
    /// No price read for this region: the reference region's price, which
    /// the document must say ("priced at us-east-1").
    Reference { region: String },
}

/// A price as it applies in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionalPrice {
    /// The price with that region's rates, source and date.
    pub price: Price,
    pub region: String,
    pub basis: PriceBasis,
}

impl Price {
    /// Checks tiers, free allowance and regional rates.
    pub(super) fn check(&self) -> Result<(), String> {
        if !(self.free.is_finite() && self.free >= 0.0) {
            return Err(format!("free allowance {} is negative", self.free));
        }
        check_tiers(&self.tiers, self.usd)?;
        for r in &self.regional {
            if !(r.usd.is_finite() && r.usd >= 0.0) {
                return Err(format!(
                    "regional price {} in {} is negative",
                    r.usd, r.region
                ));
            }
            if r.source.is_empty() || r.as_of.is_empty() {
                return Err(format!(
                    "regional price in {} lacks source or as_of",
                    r.region
                ));
            }
            check_tiers(&r.tiers, r.usd).map_err(|e| format!("{}: {e}", r.region))?;
            if r.free.is_some_and(|f| !(f.is_finite() && f >= 0.0)) {
                return Err(format!("free allowance in {} is negative", r.region));
            }
        }
        Ok(())
    }

    /// Monthly cost of `quantity` units: the free allowance comes off the
    /// bottom, the rest is billed through the tiers (or at `usd`).
    pub fn monthly(&self, quantity: f64) -> f64 {
        graduated(&self.tiers, self.usd, self.free, quantity)
    }

    /// Marginal price of the next unit after `quantity` units this month.
    pub fn rate_at(&self, quantity: f64) -> f64 {
        if quantity < self.free {
            return 0.0;
        }
        for t in &self.tiers {
            match t.up_to {
                Some(hi) if quantity >= hi => continue,
                _ => return t.usd,
            }
        }
        self.usd
    }

    /// Whether this price was read for `region` (or is the same everywhere).
    fn read_for(&self, cat: &Catalog, region: &str) -> bool {
        match self.region.as_deref() {
            Some("all") => true,
            Some(r) => r.eq_ignore_ascii_case(region),
            None => cat.default_region.eq_ignore_ascii_case(region),
        }
    }

    /// The price as it applies in `region`.
    pub fn for_region(&self, cat: &Catalog, region: &str) -> RegionalPrice {
        if self.read_for(cat, region) {
            return RegionalPrice {
                price: self.clone(),
                region: region.to_string(),
                basis: PriceBasis::Exact,
            };
        }
        if let Some(r) = self
            .regional
            .iter()
            .find(|r| r.region.eq_ignore_ascii_case(region))
        {
            let (tiers, basis) = if !r.tiers.is_empty() || self.tiers.is_empty() {
                (r.tiers.clone(), PriceBasis::Exact)
            } else {
                let k = if self.usd > 0.0 {
                    r.usd / self.usd
                } else {
                    1.0
                };
                let scaled = self
                    .tiers
                    .iter()
                    .map(|t| Tier {
                        up_to: t.up_to,
                        usd: t.usd * k,
                    })
                    .collect();
                (scaled, PriceBasis::Scaled)
            };
            let mut price = self.clone();
            price.usd = r.usd;
            price.tiers = tiers;
            price.source = r.source.clone();
            price.as_of = r.as_of.clone();
            price.verified = r.verified;
            price.region = Some(r.region.clone());
            if let Some(f) = r.free {
                price.free = f;
            }
            price.regional.clear();
            return RegionalPrice {
                price,
                region: region.to_string(),
                basis,
            };
        }
        RegionalPrice {
            price: self.clone(),
            region: region.to_string(),
            basis: PriceBasis::Reference {
                region: self
                    .region
                    .clone()
                    .unwrap_or_else(|| cat.default_region.clone()),
            },
        }
    }
}

fn check_tiers(tiers: &[Tier], usd: f64) -> Result<(), String> {
    if tiers.is_empty() {
        return Ok(());
    }
    if (tiers[0].usd - usd).abs() > 1e-12 {
        return Err(format!(
            "first tier price {} differs from the row price {usd}",
            tiers[0].usd
        ));
    }
    let mut last = 0.0;
    for (i, t) in tiers.iter().enumerate() {
        if !(t.usd.is_finite() && t.usd >= 0.0) {
            return Err(format!("tier price {} is negative", t.usd));
        }
        match t.up_to {
            Some(hi) if hi > last && hi.is_finite() => last = hi,
            Some(hi) => return Err(format!("tier bound {hi} is not above {last}")),
            None if i + 1 == tiers.len() => {}
            None => return Err("only the last tier may be unbounded".into()),
        }
    }
    if tiers.last().is_some_and(|t| t.up_to.is_some()) {
        return Err("the last tier must be unbounded".into());
    }
    Ok(())
}

/// Cost of `qty` units through `tiers` (flat `usd` when there are none),
/// with the first `free` units not billed.
fn graduated(tiers: &[Tier], usd: f64, free: f64, qty: f64) -> f64 {
    if !(qty.is_finite() && qty > free) {
        return 0.0;
    }
    if tiers.is_empty() {
        return (qty - free) * usd;
    }
    let mut cost = 0.0;
    let mut lo = 0.0_f64;
    for t in tiers {
        let hi = t.up_to.unwrap_or(f64::INFINITY);
        // Units of this tier that are used and not free.
        let billed = (qty.min(hi) - lo.max(free)).max(0.0);
        cost += billed * t.usd;
        if qty <= hi {
            break;
        }
        lo = hi;
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::super::{Catalog, PriceUnit, Provider};
    use super::*;

    /// A tier as written in a test: (upper bound, price).
    type T = (Option<f64>, f64);

    fn price(usd: f64, free: f64, tiers: &[T]) -> Price {
        Price {
            item: "x".into(),
            usd,
            unit: PriceUnit::Gb,
            source: "S".into(),
            as_of: "2026-01-01".into(),
            verified: true,
            assumed: false,
            region: None,
            free,
            tiers: tiers
                .iter()
                .map(|(up_to, usd)| Tier {
                    up_to: *up_to,
                    usd: *usd,
                })
                .collect(),
            regional: vec![],
        }
    }

    #[test]
    fn tiers_and_free_allowances() {
        // AWS-style internet egress: 100 GB free, then 10 TB at 0.09,
        // 40 TB at 0.085, 100 TB at 0.07, the rest at 0.05.
        let egress = price(
            0.09,
            100.0,
            &[
                (Some(10_240.0), 0.09),
                (Some(51_200.0), 0.085),
                (Some(153_600.0), 0.07),
                (None, 0.05),
            ],
        );
        let flat = price(0.40, 0.0, &[]);
        let free_only = price(0.20, 1.0, &[]);
        let cases: &[(&Price, f64, f64)] = &[
            (&egress, 0.0, 0.0),
            (&egress, 50.0, 0.0),
            (&egress, 100.0, 0.0),
            (&egress, 1_100.0, 90.0),
            (&egress, 10_240.0, (10_240.0 - 100.0) * 0.09),
            (
                &egress,
                20_240.0,
                (10_240.0 - 100.0) * 0.09 + 10_000.0 * 0.085,
            ),
            (
                &egress,
                200_000.0,
                10_140.0 * 0.09 + 40_960.0 * 0.085 + 102_400.0 * 0.07 + 46_400.0 * 0.05,
            ),
            (&flat, 2.5, 1.0),
            (&flat, -3.0, 0.0),
            (&flat, f64::NAN, 0.0),
            (&free_only, 0.5, 0.0),
            (&free_only, 3.0, 0.4),
        ];
        for (p, qty, want) in cases {
            let got = p.monthly(*qty);
            assert!((got - want).abs() < 1e-6, "{qty}: {got} vs {want}");
        }
        assert_eq!(egress.rate_at(10.0), 0.0);
        assert_eq!(egress.rate_at(5_000.0), 0.09);
        assert_eq!(egress.rate_at(60_000.0), 0.07);
        assert_eq!(egress.rate_at(1e9), 0.05);
        assert_eq!(flat.rate_at(1e9), 0.40);
    }

    proptest::proptest! {
        /// Through any valid tiers and free allowance, a bill never goes
        /// negative, never falls as usage grows, and never exceeds the usage
        /// priced at the dearest tier.
        #[test]
        fn monthly_is_monotone_and_bounded(
            free in 0.0f64..1e4,
            bounds in proptest::collection::vec(1.0f64..1e5, 0..4),
            rates in proptest::collection::vec(0.0f64..10.0, 1..5),
            a in 0.0f64..1e6,
            b in 0.0f64..1e6,
        ) {
            let mut ups: Vec<f64> = bounds;
            ups.sort_by(|x, y| x.total_cmp(y));
            ups.dedup();
            let n = ups.len().min(rates.len() - 1);
            let mut tiers: Vec<T> = (0..n).map(|i| (Some(ups[i]), rates[i])).collect();
            tiers.push((None, rates[n]));
            let p = price(tiers[0].1, free, &tiers);
            proptest::prop_assert!(p.check().is_ok());
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let (cl, ch) = (p.monthly(lo), p.monthly(hi));
            proptest::prop_assert!(cl >= 0.0);
            proptest::prop_assert!(ch + 1e-9 >= cl);
            let dearest = rates.iter().take(n + 1).cloned().fold(0.0, f64::max);
            proptest::prop_assert!(ch <= hi * dearest + 1e-6);
        }
    }

    #[test]
    fn bad_tiers_are_rejected() {
        let cases: &[(&[T], &str)] = &[
            (&[(Some(10.0), 0.5), (None, 0.4)], "first tier"),
            (
                &[(Some(10.0), 1.0), (Some(5.0), 0.4), (None, 0.1)],
                "not above",
            ),
            (&[(None, 1.0), (None, 0.4)], "only the last"),
            (&[(Some(10.0), 1.0)], "unbounded"),
            (&[(Some(10.0), 1.0), (None, -0.1)], "negative"),
        ];
        for (tiers, want) in cases {
            let e = price(1.0, 0.0, tiers).check().unwrap_err();
            assert!(e.contains(want), "{e}");
        }
        assert!(price(1.0, -1.0, &[]).check().is_err());
    }

    #[test]
    fn regional_prices_state_their_basis() {
        let gcp = Catalog::builtin(Provider::Gcp).unwrap();
        let run = gcp.row("cloud_run").unwrap();
        let cpu = run.price(PriceUnit::VcpuSecond).unwrap();
        // Reference (Tier 1) region: exact.
        let us = cpu.for_region(&gcp, "us-central1");
        assert_eq!(us.basis, PriceBasis::Exact);
        // Frankfurt is a Tier 2 region with its own rate.
        let de = cpu.for_region(&gcp, "europe-west3");
        assert_eq!(de.basis, PriceBasis::Exact);
        assert!(de.price.usd > us.price.usd);
        // A region with no price read falls back to the reference, and says so.
        let au = cpu.for_region(&gcp, "australia-southeast2");
        assert_eq!(
            au.basis,
            PriceBasis::Reference {
                region: "us-central1".into()
            }
        );
        // Cloud Run's free tier is worth its Tier 1 price: a Tier 2 region
        // gets fewer free vCPU-seconds (180,000 × 0.000024 / 0.0000336).
        let fcpu = gcp
            .row("cloud_run_functions")
            .unwrap()
            .price(PriceUnit::VcpuSecond)
            .unwrap();
        let t2 = fcpu.for_region(&gcp, "europe-west3");
        assert!(
            (t2.price.free - 128_571.43).abs() < 0.01,
            "{}",
            t2.price.free
        );
        assert_eq!(fcpu.for_region(&gcp, "us-central1").price.free, 180_000.0);
        // A price that is the same everywhere is exact in every region.
        let aws = Catalog::builtin(Provider::Aws).unwrap();
        let waf = aws.row("waf").unwrap().price(PriceUnit::Month).unwrap();
        assert_eq!(
            waf.for_region(&aws, "ap-northeast-1").basis,
            PriceBasis::Exact
        );
    }

    #[test]
    fn price_in_goes_through_region_free_tier_and_tiers() {
        let aws = Catalog::builtin(Provider::Aws).unwrap();
        // 3 M Lambda requests: the first 1 M are free.
        let (cost, rp) = aws
            .price_in("lambda", PriceUnit::MillionRequests, "us-east-1", 3.0)
            .unwrap();
        assert!((cost - 0.40).abs() < 1e-9, "{cost}");
        assert_eq!(rp.basis, PriceBasis::Exact);
        assert!(
            aws.price_in("lambda", PriceUnit::TibScanned, "us-east-1", 1.0)
                .is_none()
        );
        assert!(
            aws.price_in("no_such_row", PriceUnit::Hour, "us-east-1", 1.0)
                .is_none()
        );
    }
}
