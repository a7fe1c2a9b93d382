//! Regions and residency: the primary region is the project's when it lies in
//! the stated residency, else a catalog region inside the strictest residency
//! (a country before a geography), else the catalog's reference region as a
//! stated assumption. The recovery region is the catalog's pair, kept only
//! when it lies inside the residency too; otherwise the design asks.

use super::Plan;
use crate::design::context::Ctx;
use crate::design::data;
use crate::design::model::*;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let ctx = &mut p.ctx;
    let residency = ctx
        .residency
        .clone()
        .map(|(label, ids)| (data::geo_of(&label), ids));
    let (primary, region_why) = region(ctx, residency.as_ref());
    let pair = ctx
        .cat
        .region(&primary)
        .map(|r| r.pair.clone())
        .filter(|pr| match (&residency, ctx.cat.region(pr)) {
            (Some((geo, _)), Some(r)) => r.geo.eq_ignore_ascii_case(geo) || !known_geo(ctx, geo),
            (Some(_), None) => false,
            _ => true,
        });
    if pair.is_none() {
        ctx.question(
            format!("No recovery region is known for {primary} within the required residency: which region may hold replicas and backup copies?"),
            QuestionReason::Tradeoff,
            region_why.clone(),
        );
    }
    p.residency = residency;
    p.primary = primary;
    p.region_why = region_why;
    p.pair = pair;
    Ok(())
}

fn known_geo(ctx: &Ctx, geo: &str) -> bool {
    ctx.cat.region_in_geo(geo).is_some()
}

fn region(ctx: &mut Ctx, residency: Option<&(String, Vec<String>)>) -> (String, Vec<String>) {
    if let Some(r) = ctx.project.region.clone() {
        if let Some((geo, ids)) = residency
            && let Some(known) = ctx.cat.region(&r)
            && known_geo(ctx, geo)
            && !known.geo.eq_ignore_ascii_case(geo)
        {
            let q = format!(
                "infrarch.toml sets region {r}, outside the required residency {geo}: the design uses a {geo} region instead; confirm"
            );
            ctx.question(q, QuestionReason::Conflict, ids.clone());
        } else {
            return (r, vec!["infrarch.toml region".into()]);
        }
    }
    if let Some((geo, ids)) = residency {
        if let Some(r) = ctx.cat.region_in_geo(geo) {
            return (r.name.clone(), ids.clone());
        }
        let q = format!(
            "Residency `{geo}` matches no region in the {} catalog: which region satisfies it?",
            ctx.cat.provider
        );
        ctx.question(q, QuestionReason::Tradeoff, ids.clone());
    }
    let def = ctx.cat.default_region.clone();
    let a = ctx.assume("primary region", def.clone(), "no residency or project region stated; the catalog's reference region, where its prices were read".into());
    (def, vec![a])
}
