//! Observability: SLOs and burn-rate alerts from the targets, dashboards and
//! telemetry for the placed components (see [`crate::design::observability`]).

use super::Plan;
use crate::design::observability;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let has_queue = p.sel()?.queue.is_some();
    let tier = p.drp()?.tier;
    p.observability = Some(observability::plan(
        &p.ctx,
        &p.b.components,
        p.cap()?,
        p.cache_row.is_some(),
        has_queue,
        tier,
    ));
    Ok(())
}
