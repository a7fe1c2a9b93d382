//! Disaster recovery: the tier the RTO/RPO require (active-active when the
//! topology already runs two regions), backups and the recovery region (see
//! [`crate::design::dr`]).

use super::{Plan, order_error};
use crate::design::dr;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let required = p
        .required_tier
        .ok_or_else(|| order_error("topology", "the required DR tier"))?;
    let db_service = p.sel()?.db.as_ref().map(|r| r.service.clone());
    p.drp = Some(dr::plan(
        &p.ctx,
        required,
        p.multi_region(),
        p.secondary.as_deref(),
        db_service.as_deref(),
    ));
    Ok(())
}
