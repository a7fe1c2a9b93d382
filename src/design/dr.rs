//! Disaster recovery: tier from RTO/RPO with the bounds in data, backups,
//! PITR, cross-region copies and failover steps.

use super::context::Ctx;
use super::model::*;
use super::{dr_tiers, math};
use crate::numfmt::duration;

/// The tier the targets need (before the topology may raise it).
pub fn required_tier(ctx: &Ctx) -> DrTier {
    math::dr_tier(ctx.rto_s.value, ctx.rpo_s.value, &ctx.rules.dr_tier)
}

/// Why `candidate` was not chosen when `chosen` was, true of the numbers
/// (see [`dr_tiers::reason`]); the tier label is the alternative's own name,
/// so only the reason after it is kept.
pub fn tier_reason(ctx: &Ctx, candidate: DrTier, chosen: DrTier) -> String {
    let full = dr_tiers::reason(
        &ctx.rules.dr_tier,
        candidate,
        chosen,
        ctx.rto_s.value,
        ctx.rpo_s.value,
        "two regions already serve traffic for the availability target, which is active-active",
    );
    let prefix = format!("{}: ", candidate.label());
    full.strip_prefix(&prefix).unwrap_or(&full).to_string()
}

pub fn plan(
    ctx: &Ctx,
    required: DrTier,
    multi_region: bool,
    secondary: Option<&str>,
    db_service: Option<&str>,
) -> DisasterRecovery {
    let d = &ctx.rules.defaults;
    let tier = if multi_region {
        required.max(DrTier::ActiveActive)
    } else {
        required
    };
    let mut selection: Vec<String> = ctx
        .rules
        .dr_tier
        .iter()
        .map(|r| {
            // The bounds are the best each tier achieves, not a minimum the
            // targets must exceed.
            format!(
                "{}: recovers in {} at best, losing {} of writes at best ({})",
                r.tier.label(),
                duration(r.min_rto_s),
                duration(r.min_rpo_s),
                r.source
            )
        })
        .collect();
    selection.push(format!(
        "Targets RTO {} and RPO {} ⇒ the cheapest tier whose best meets both: {}",
        duration(ctx.rto_s.value),
        duration(ctx.rpo_s.value),
        required.label()
    ));
    if tier != required {
        selection.push(format!(
            "The availability target already needs two active regions, which is {}",
            tier.label()
        ));
    }
    let why = vec![ctx.rto_s.basis.clone(), ctx.rpo_s.basis.clone()];
    let gdpr = ctx.frameworks.iter().any(|(f, _)| f.name == "GDPR");
    let retention = d.backup_retention_days;
    let db = db_service.unwrap_or("the data stores");
    let sec = secondary.unwrap_or("a second region");
    let interval: u64 = if db_service.is_some() { 300 } else { 86400 };
    let backup = BackupPlan {
        frequency: if db_service.is_some() {
            "continuous (point-in-time recovery, transaction logs shipped every 5 min) + daily automated snapshot".into()
        } else {
            "daily snapshot of persistent state".into()
        },
        interval_s: interval,
        retention_days: retention,
        pitr: db_service.is_some(),
        pitr_window_days: if db_service.is_some() { retention } else { 0 },
        cross_region_copy: secondary.is_some(),
        copy_region: secondary.map(str::to_string),
        why: {
            let mut w = why.clone();
            if gdpr {
                w.extend(
                    ctx.frameworks
                        .iter()
                        .filter(|(f, _)| f.name == "GDPR")
                        .flat_map(|(_, ids)| ids.iter().map(Provenance::from)),
                );
            }
            w
        },
    };
    let failover_steps: Vec<String> = match tier {
        DrTier::BackupRestore => vec![
            "Declare the disaster (incident commander) and freeze deploys".into(),
            format!("Apply the IaC of the production stack to {sec}"),
            format!("Restore {db} from the latest cross-region copy (point in time as close to the failure as the copies allow)"),
            "Deploy the current image from the replicated registry".into(),
            "Point DNS at the new entry point; watch the SLO dashboard until error rate is back under the 1 h page threshold".into(),
        ],
        DrTier::PilotLight => vec![
            format!("Promote the cross-region replica of {db} in {sec} to primary"),
            format!("Scale the application in {sec} from 0 to the production minimum through IaC"),
            "Switch DNS to the recovery region (health-checked failover record)".into(),
            "Verify the SLO dashboard; rebuild a replica back in the primary region when it returns".into(),
        ],
        DrTier::WarmStandby => vec![
            format!("Promote the replica of {db} in {sec}"),
            format!("Scale the running scaled-down copy in {sec} to the production minimum"),
            "Shift DNS weights to the standby region".into(),
            "Verify the SLO dashboard; re-establish replication to the old primary".into(),
        ],
        DrTier::ActiveActive => vec![
            "Health-checked DNS stops routing to the failed region automatically".into(),
            format!("Promote the {db} writer in the surviving region (automatic where the service supports it, else one command from the runbook)"),
            "Autoscaling in the surviving region absorbs the full peak (each region is sized for it)".into(),
            "Verify the SLO dashboard; restore the second region and re-sync data".into(),
        ],
    };
    let decision = Decision {
        choice: format!(
            "{} with {}-day PITR backups{}",
            tier.label(),
            retention,
            if secondary.is_some() {
                format!(" copied to {sec}")
            } else {
                String::new()
            }
        ),
        rationale: format!(
            "RTO {} / RPO {} are met by {} at the least cost: {}",
            duration(ctx.rto_s.value),
            duration(ctx.rpo_s.value),
            tier.label(),
            match tier {
                DrTier::BackupRestore => "only backups live in the recovery region",
                DrTier::PilotLight => "only the data is replicated; compute is created on failover",
                DrTier::WarmStandby => "a scaled-down copy runs and only needs scaling up",
                DrTier::ActiveActive => "both regions serve traffic all the time",
            }
        ),
        why: why.clone(),
        alternatives: [
            DrTier::BackupRestore,
            DrTier::PilotLight,
            DrTier::WarmStandby,
            DrTier::ActiveActive,
        ]
        .into_iter()
        .filter(|t| *t != tier)
        .map(|t| Alternative {
            option: t.label().to_string(),
            // Computed from the same bounds as the choice, so a tier that
            // meets the targets is never said to miss them.
            why_not: tier_reason(ctx, t, tier),
        })
        .collect(),
    };
    DisasterRecovery {
        tier,
        rto: ctx.rto_s.figure("s"),
        rpo: ctx.rpo_s.figure("s"),
        selection,
        decision,
        backup,
        failover_steps,
        test_frequency: match tier {
            DrTier::BackupRestore => format!("restore test monthly ({})", ctx.cadence_basis),
            _ => format!(
                "failover drill quarterly, restore test monthly ({})",
                ctx.cadence_basis
            ),
        },
    }
}
