//! Platform: the runtime the documents or project mandate, else the least
//! complex one the requirements allow (see [`crate::design::platform`]).

use super::{Plan, PlatformPick};
use crate::design::platform;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let (kind, why, text, mandated) = platform::decide(&mut p.ctx);
    p.platform = Some(PlatformPick {
        kind,
        why,
        text,
        mandated,
    });
    Ok(())
}
