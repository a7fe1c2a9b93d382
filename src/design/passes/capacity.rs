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
    let has_db = p.sel()?.db.is_some();
    let mut cap = capacity::finish(&p.ctx, base, pkind, zones, "app", has_queue);
    // Without a relational writer there is no database to scale up, and
    // functions have no instance size to keep: say what the plan has.
    if !has_db || pkind == crate::design::model::PlatformKind::Functions {
        cap.vertical = match (
            has_db,
            pkind == crate::design::model::PlatformKind::Functions,
        ) {
            (false, true) => format!(
                "No tier scales vertically: the functions scale out per request at {} each, and the managed stores scale themselves; raise the function memory only when measured duration shows it is CPU-bound.",
                cap.instance_size
            ),
            (false, false) => format!(
                "No tier scales vertically: the application stays at {} per instance and scales out, and the managed stores scale themselves.",
                cap.instance_size
            ),
            _ => cap
                .vertical
                .replace("stateless instances stay at", "the functions stay at"),
        };
    }
    p.cap = Some(cap);
    Ok(())
}
