//! What a reviewer asked the engine to change, beyond requirement values:
//! components dropped or added by role, one region, a cost reduction. The
//! review gate fills [`ReviewRequests`] from its directives; the engine
//! honours each request or says why not in [`Design::review_notes`].
//!
//! A note says what the engine did, never what the reviewer wished: the gate
//! still decides "applied" by diffing the designs before and after, and uses
//! a note only for the reason when nothing moved.

use serde::{Deserialize, Serialize};

use super::model::{Design, DrTier};
use super::{DesignOptions, run_passes};
use crate::error::Result;
use crate::numfmt::{duration, usd};
use crate::project::Project;
use crate::requirements::RequirementSet;

/// A component role the reviewer wants out of (or into) the design, with the
/// reason they gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoleRequest {
    /// A catalog role (`waf`, `cdn`, `nat`, `queue`…).
    pub role: String,
    /// The reviewer's reason, recorded in the component or the note.
    pub reason: String,
}

/// A cost reduction the reviewer asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CostRequest {
    /// Share of the monthly total to save (0.33 = a third); `None` = as much
    /// as the levers give without breaking a requirement.
    pub target: Option<f64>,
}

/// The reviewer's requests the engine honours (or explains).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewRequests {
    pub drop_roles: Vec<RoleRequest>,
    pub add_roles: Vec<RoleRequest>,
    /// Serve and stand by in one region; backups may still be copied out.
    pub single_region: bool,
    pub reduce_cost: Option<CostRequest>,
}

impl ReviewRequests {
    pub fn is_empty(&self) -> bool {
        self == &ReviewRequests::default()
    }
}

/// What the engine did with one request, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewNote {
    /// `drop:waf`, `add:cdn`, `single_region`, `lever:rightsizing`, `reduce_cost`.
    pub key: String,
    /// The design is as the request asks (for a lever: it lowered the cost).
    pub applied: bool,
    /// What changed, or why nothing did.
    pub reason: String,
}

impl ReviewNote {
    pub fn new(key: impl Into<String>, applied: bool, reason: impl Into<String>) -> Self {
        ReviewNote {
            key: key.into(),
            applied,
            reason: reason.into(),
        }
    }
}

/// The cost levers, in the order they are pulled: the ones that change no
/// requirement's margin first, then the ones that need one checked.
pub const LEVERS: [Lever; 6] = [
    Lever::Rightsizing,
    Lever::DrTier,
    Lever::FewerRegions,
    Lever::ScaleToZero,
    Lever::SmallerNonProd,
    Lever::Commitments,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lever {
    /// Run instances hotter (the reduce-cost autoscaling target).
    Rightsizing,
    /// A cheaper DR tier that still meets RTO/RPO.
    DrTier,
    /// One serving region where no requirement needs two.
    FewerRegions,
    /// Production scaled to zero when idle.
    ScaleToZero,
    /// Smaller non-production environments.
    SmallerNonProd,
    /// Savings plans / committed-use discounts.
    Commitments,
}

impl Lever {
    pub fn key(self) -> &'static str {
        match self {
            Lever::Rightsizing => "rightsizing",
            Lever::DrTier => "dr_tier",
            Lever::FewerRegions => "fewer_regions",
            Lever::ScaleToZero => "scale_to_zero",
            Lever::SmallerNonProd => "smaller_nonprod",
            Lever::Commitments => "commitments",
        }
    }

    /// The options that pull this lever on `current`, or why it cannot be
    /// pulled without breaking a requirement (or has nothing to give).
    fn pull(
        self,
        opts: &DesignOptions,
        current: &Design,
    ) -> std::result::Result<DesignOptions, String> {
        match self {
            Lever::Rightsizing => {
                if opts.target_utilisation_pct.is_some() {
                    return Err("the autoscaling target was set by the caller".into());
                }
                let mut o = opts.clone();
                o.reduce_cost = true;
                Ok(o)
            }
            Lever::DrTier => {
                let dr = &current.dr;
                if current.review_notes.iter().any(|n| n.key == "single_region:dr") {
                    Err(format!(
                        "one region was asked, so the DR tier is already {}, the cheapest",
                        dr.tier.label()
                    ))
                } else if current.topology.multi_region && dr.tier == DrTier::ActiveActive {
                    Err("the DR tier is active-active because two regions serve traffic (see fewer regions)".into())
                } else {
                    Err(format!(
                        "{} is already the cheapest DR tier that meets RTO {} / RPO {}",
                        dr.tier.label(),
                        duration(dr.rto.value),
                        duration(dr.rpo.value)
                    ))
                }
            }
            Lever::FewerRegions => {
                if !current.topology.multi_region {
                    Err(format!(
                        "the design already serves from one region ({})",
                        current.region.primary
                    ))
                } else {
                    Err(format!(
                        "the second serving region is what the stated requirements need ({}); ask for single-region to accept the consequence",
                        current.topology.decision.rationale
                    ))
                }
            }
            Lever::ScaleToZero => Err(if current.platform.kind == super::PlatformKind::Functions
            {
                "functions already scale to zero when idle".to_string()
            } else {
                format!(
                    "production keeps {} instance(s) across zones for the availability target; idle scale-to-zero would add cold starts to the latency target",
                    current
                        .components
                        .iter()
                        .find(|c| c.id == "app")
                        .map(|c| c.count)
                        .unwrap_or(1)
                )
            }),
            Lever::SmallerNonProd => Err(
                "non-production environments are outside the production monthly total (section 11 sizes them at one instance per zone already)".into(),
            ),
            Lever::Commitments => Err(
                "the catalog has no sourced savings-plan or committed-use rate to price it; listed as a cost strategy".into(),
            ),
        }
    }
}

/// Whether `after` keeps what `before` met: the availability target (when the
/// floor met it) and the DR tier.
fn keeps_requirements(before: &Design, after: &Design) -> bool {
    let target = before.availability.target.value;
    let met_before = before.availability.composite_pct + 1e-9 >= target;
    let met_after = after.availability.composite_pct + 1e-9 >= target;
    (!met_before || met_after) && after.dr.tier >= before.dr.tier
}

/// Design with a cost reduction: the design without it first, then each
/// lever in [`LEVERS`] order, kept only when it lowers the cost without
/// breaking a met requirement, until the target share is met or the levers
/// run out. Every lever gets a note.
pub fn reduce_cost(
    reqs: &RequirementSet,
    project: &Project,
    options: &DesignOptions,
    request: CostRequest,
) -> Result<Design> {
    let mut opts = options.clone();
    opts.reduce_cost = false;
    opts.review.reduce_cost = None;
    let mut current = run_passes(reqs, project, &opts)?;
    let start = current.cost.total_monthly;
    let goal = request.target.map(|t| start * (1.0 - t));
    let met = |d: &Design| goal.is_some_and(|g| d.cost.total_monthly <= g + 0.005);
    let mut notes = Vec::new();
    for lever in LEVERS {
        let key = format!("lever:{}", lever.key());
        if met(&current) {
            notes.push(ReviewNote::new(
                key,
                false,
                "not needed: the target was met before this lever",
            ));
            continue;
        }
        match lever.pull(&opts, &current) {
            Err(why) => notes.push(ReviewNote::new(key, false, why)),
            Ok(next) => {
                let d = run_passes(reqs, project, &next)?;
                let was = current.cost.total_monthly;
                let now = d.cost.total_monthly;
                if now < was - 0.005 && keeps_requirements(&current, &d) {
                    notes.push(ReviewNote::new(
                        key,
                        true,
                        format!(
                            "cost {} → {}/month (−{})",
                            usd(was),
                            usd(now),
                            usd(was - now)
                        ),
                    ));
                    current = d;
                    opts = next;
                } else if now < was - 0.005 {
                    notes.push(ReviewNote::new(
                        key,
                        false,
                        format!("it would save {}/month but break a requirement the design met (availability or DR tier)", usd(was - now)),
                    ));
                } else {
                    notes.push(ReviewNote::new(
                        key,
                        false,
                        "it changed no cost line: no instance count moved at the reduce-cost utilisation",
                    ));
                }
            }
        }
    }
    let end = current.cost.total_monthly;
    let saved = start - end;
    let summary = match (request.target, goal) {
        (Some(t), Some(g)) if end <= g + 0.005 => format!(
            "cost {} → {}/month, meeting the target of −{:.0}%",
            usd(start),
            usd(end),
            t * 100.0
        ),
        (Some(t), Some(g)) => format!(
            "cost {} → {}/month; the target of −{:.0}% ({}/month) is {}/month away and no lever is left that keeps the requirements",
            usd(start),
            usd(end),
            t * 100.0,
            usd(g),
            usd(end - g)
        ),
        _ if saved > 0.005 => format!("cost {} → {}/month", usd(start), usd(end)),
        _ => format!(
            "no lever lowered the cost ({}/month) without breaking a requirement",
            usd(end)
        ),
    };
    notes.push(ReviewNote::new(
        "reduce_cost",
        saved > 0.005 && request.target.is_none_or(|_| met(&current)),
        summary,
    ));
    current.review_notes.extend(notes);
    Ok(current)
}

/// The serving-region decision under a reviewer's single-region request, and
/// its note: what one region gives up when the targets wanted two.
pub fn single_region_note(
    decision: &mut super::availability::RegionDecision,
    wanted_second: bool,
    primary: &str,
) -> ReviewNote {
    if !wanted_second {
        return ReviewNote::new(
            "single_region",
            true,
            format!("the design serves from one region ({primary})"),
        );
    }
    let why = decision
        .reasoning
        .last()
        .cloned()
        .unwrap_or_else(|| "the targets asked for a second region".into());
    decision.serving_regions = 1;
    decision.caveat = None;
    let consequence = format!(
        "The reviewer asked for one region, so {primary} alone serves; without it the design would run two because: {why}. A regional outage is now an outage until {primary} returns or DR restores it"
    );
    decision.reasoning.push(consequence.clone());
    ReviewNote::new("single_region", true, consequence)
}
