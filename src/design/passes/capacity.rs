//! Capacity: finishes the instance plan with the zones the topology chose
//! (see [`crate::design::capacity`]).

use super::{Plan, order_error};
use crate::design::capacity;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let pkind = p.platform()?.kind;
    let (zones, has_queue) = {
        let sel = p.sel()?;
        (sel.zones, sel.queue.is_some())
    };
    let base = p
        .base
        .take()
        .ok_or_else(|| order_error("topology", "the capacity base"))?;
    p.cap = Some(capacity::finish(
        &p.ctx, base, pkind, zones, "app", has_queue,
    ));
    Ok(())
}
