//! Disaster recovery: the tier the RTO/RPO require (active-active when the
//! topology already runs two regions), backups and the recovery region (see
//! [`crate::design::dr`]).

use super::{Plan, order_error};
use crate::design::context::Ctx;
use crate::design::dr;
use crate::design::model::{DrTier, QuestionReason};
use crate::design::review::ReviewNote;
use crate::error::Result;
use crate::numfmt::duration;

pub fn run(p: &mut Plan) -> Result<()> {
    let required = p
        .required_tier
        .ok_or_else(|| order_error("topology", "the required DR tier"))?;
    let db_service = p.sel()?.db.as_ref().map(|r| r.service.clone());
    // One region on review: nothing stands by in another region, so the
    // tier is backup and restore whatever the RTO/RPO ask; the gap is said.
    let single = p.ctx.review.single_region && required > DrTier::BackupRestore;
    let tier = if single {
        DrTier::BackupRestore
    } else {
        required
    };
    let mut plan = dr::plan(
        &p.ctx,
        tier,
        p.multi_region(),
        p.secondary.as_deref(),
        db_service.as_deref(),
    );
    if single {
        let gap = single_region_gap(&p.ctx, required, &p.primary, p.secondary.as_deref());
        plan.selection.push(gap.clone());
        plan.decision.rationale = gap.clone();
        for alt in &mut plan.decision.alternatives {
            let stands_by = [
                DrTier::PilotLight,
                DrTier::WarmStandby,
                DrTier::ActiveActive,
            ]
            .into_iter()
            .any(|t| t <= required && t.label() == alt.option);
            if stands_by {
                alt.why_not =
                    "stands by in a second region; the reviewer asked for one region".into();
            }
        }
        p.ctx.question(
            format!(
                "{gap}. Accept this for a regional outage, or restore {} in a second region?",
                required.label()
            ),
            QuestionReason::Tradeoff,
            vec![p.ctx.rto_s.basis.clone(), p.ctx.rpo_s.basis.clone()],
        );
        p.review_notes
            .push(ReviewNote::new("single_region:dr", true, gap));
    }
    p.drp = Some(plan);
    Ok(())
}

/// What a single region costs the DR targets, in one sentence.
fn single_region_gap(ctx: &Ctx, required: DrTier, primary: &str, copy: Option<&str>) -> String {
    let best = ctx
        .rules
        .dr_tier
        .iter()
        .find(|r| r.tier == DrTier::BackupRestore);
    let floor = best
        .map(|r| {
            format!(
                " (a restore from backups takes at least {} and loses up to {} of data, {})",
                duration(r.min_rto_s),
                duration(r.min_rpo_s),
                r.source
            )
        })
        .unwrap_or_default();
    let copies = match copy {
        Some(c) => format!("backups are still copied to {c} (storage only, nothing runs there)"),
        None => "no recovery region is known for the backup copies".to_string(),
    };
    format!(
        "Single region on review: RTO {} / RPO {} need {}, which stands by in a second region; with one region the tier is {}{floor}, so for the loss of {primary} the RTO/RPO are not met; {copies}",
        duration(ctx.rto_s.value),
        duration(ctx.rpo_s.value),
        required.label(),
        DrTier::BackupRestore.label()
    )
}
