//! Delivery: deployment and environments, rollout, runbooks and governance
//! (see [`crate::design::delivery`]).

use super::{Plan, order_error};
use crate::design::delivery;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let pkind = p.platform()?.kind;
    let sel = p.sel()?.clone();
    let cap = p.cap()?.clone();
    let drp = p.drp()?.clone();
    let multi_region = p.multi_region();
    let cost = p
        .cost
        .as_ref()
        .ok_or_else(|| order_error("cost", "the cost model"))?;
    let observability = p
        .observability
        .as_ref()
        .ok_or_else(|| order_error("observability", "the observability plan"))?;
    let deployment = delivery::deployment(
        &mut p.ctx,
        pkind,
        &p.b.components,
        &cap,
        sel.zones,
        cost,
        multi_region,
    );
    let operations = delivery::operations(
        &mut p.ctx,
        &p.b.components,
        &deployment,
        &drp,
        observability,
        pkind,
        sel.db.is_some(),
        sel.db.as_ref().is_some_and(|r| {
            r.zones >= 2 || r.ha_mode.as_deref().is_some_and(|h| h.contains("HA"))
        }),
        multi_region,
    );
    p.governance = delivery::governance(&p.ctx, &p.primary);
    p.deployment = Some(deployment);
    p.operations = Some(operations);
    Ok(())
}
