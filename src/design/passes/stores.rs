//! Supporting stores: whether the feature needs a cache (and which catalog
//! row, multi-zone when the request path spans zones), a CDN and object
//! storage. The data pass places them.

use super::Plan;
use crate::catalog::Row;
use crate::design::data;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let (zones, has_db) = {
        let sel = p.sel()?;
        (sel.zones, sel.db.is_some())
    };
    let ctx = &mut p.ctx;
    let cache_need = data::cache_need(ctx, has_db);
    let cache_row = cache_need.as_ref().and_then(|(tech, _)| {
        let rows = data::rows_for_tech(ctx, "cache", tech);
        let multi: Vec<&Row> = rows.iter().filter(|r| r.zones >= 2).collect();
        if zones >= 2 && !multi.is_empty() {
            Some(multi[0].clone())
        } else {
            rows.into_iter().min_by(|a, b| a.zones.cmp(&b.zones))
        }
    });
    let cdn = ctx.public && data::cdn_need(ctx);
    p.storage_need = data::storage_need(ctx, cdn);
    p.cache_need = cache_need;
    p.cache_row = cache_row;
    p.cdn = cdn;
    Ok(())
}
