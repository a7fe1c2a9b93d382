//! Security and compliance: network, identity, encryption and the controls of
//! each stated framework, over the placed components (see
//! [`crate::design::security`]).

use super::Plan;
use crate::design::security;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let pkind = p.platform()?.kind;
    let zones = p.sel()?.zones;
    let retention_days = p.drp()?.backup.retention_days;
    p.security = Some(security::plan(
        &mut p.ctx,
        &p.b.components,
        pkind,
        zones,
        &p.regions,
        p.secondary.as_deref(),
    ));
    p.compliance = security::compliance(&p.ctx, &p.b.components, &p.primary, retention_days);
    Ok(())
}
