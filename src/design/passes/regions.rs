//! Regions and residency. The strictest residency stated wins: a country
//! ("stay in Germany") before a geography ("in the EU"), matched through the
//! catalog's region table (id, city, country, geography, continent). The
//! primary region is the project's when it lies inside that residency, else
//! the catalog's first region inside it, else (no residency) the project's or
//! the catalog's reference region as a stated assumption. The recovery region
//! — where DR copies, backups and log archives go — is the catalog's pair
//! when it lies inside the residency too, else another region inside it,
//! else none, and the design asks.

use super::Plan;
use crate::catalog::MatchKind;
use crate::design::context::Ctx;
use crate::design::model::*;
use crate::error::Result;
use crate::requirements::Kind;

/// The residency label the design honours and the ids stating it.
#[derive(Debug, Clone, PartialEq)]
pub struct Residency {
    pub label: String,
    pub ids: Vec<String>,
    /// How specific the label is (country before geography).
    pub by: Option<MatchKind>,
}

pub fn run(p: &mut Plan) -> Result<()> {
    let ctx = &mut p.ctx;
    let residency = strictest(ctx);
    let (primary, region_why) = region(ctx, residency.as_ref());
    let inside = |ctx: &Ctx, name: &str| match &residency {
        Some(r) if r.by.is_some() => ctx
            .cat
            .region(name)
            .and_then(|reg| reg.matches(&r.label))
            .is_some_and(|m| Some(m) <= r.by),
        _ => true,
    };
    let pair = ctx
        .cat
        .region(&primary)
        .map(|r| r.pair.clone())
        .filter(|pr| pr != &primary && ctx.cat.region(pr).is_some() && inside(ctx, pr))
        .or_else(|| {
            let label = &residency.as_ref()?.label;
            ctx.cat
                .regions_matching(label)
                .into_iter()
                .map(|m| m.region.name.clone())
                .find(|n| n != &primary)
        });
    if pair.is_none() {
        ctx.question(
            format!("No recovery region is known for {primary} within the required residency: which region may hold replicas and backup copies?"),
            QuestionReason::Tradeoff,
            region_why.clone(),
        );
    }
    p.residency = residency.map(|r| (r.label, r.ids));
    // Later passes (governance, risks) name the residency the design honours.
    if p.residency.is_some() {
        p.ctx.residency = p.residency.clone();
    }
    p.primary = primary;
    p.region_why = region_why;
    p.pair = pair;
    Ok(())
}

/// The most specific residency any requirement states (a country before a
/// geography before a continent); the primary one on a tie.
pub fn strictest(ctx: &Ctx) -> Option<Residency> {
    let mut best: Option<Residency> = None;
    for r in ctx.reqs.all(Kind::Residency) {
        let Some(label) = r.value.as_text() else {
            continue;
        };
        let by = ctx.cat.lookup_region(label).map(|m| m.by);
        let cand = Residency {
            label: label.to_string(),
            ids: vec![r.id.clone()],
            by,
        };
        let better = match &best {
            None => true,
            Some(b) => match (cand.by, b.by) {
                (Some(c), Some(o)) => c < o,
                (Some(_), None) => true,
                _ => false,
            },
        };
        if better {
            best = Some(cand);
        }
    }
    best
}

fn region(ctx: &mut Ctx, residency: Option<&Residency>) -> (String, Vec<String>) {
    if let Some(r) = ctx.project.region.clone() {
        if let Some(res) = residency
            && res.by.is_some()
            && let Some(known) = ctx.cat.region(&r)
            && known.matches(&res.label).is_none_or(|m| Some(m) > res.by)
        {
            let q = format!(
                "infrarch.toml sets region {r}, outside the required residency {}: the design uses a region inside it instead; confirm",
                res.label
            );
            ctx.question(q, QuestionReason::Conflict, res.ids.clone());
        } else {
            return (r, vec!["infrarch.toml region".into()]);
        }
    }
    if let Some(res) = residency {
        if let Some(m) = ctx.cat.lookup_region(&res.label) {
            return (m.region.name.clone(), res.ids.clone());
        }
        let q = format!(
            "Residency `{}` matches no region in the {} catalog: which region satisfies it?",
            res.label, ctx.cat.provider
        );
        ctx.question(q, QuestionReason::Tradeoff, res.ids.clone());
    }
    let def = ctx.cat.default_region.clone();
    let a = ctx.assume("primary region", def.clone(), "no residency or project region stated; the catalog's reference region, where its prices were read".into());
    (def, vec![a])
}
