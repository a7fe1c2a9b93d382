//! Platform: the runtime the documents or project mandate, else the least
//! complex one the requirements allow (see [`crate::design::platform`]).

use super::{Plan, PlatformPick};
use crate::design::model::PlatformKind;
use crate::design::platform;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let (kind, why, text, mandated) = platform::decide(&mut p.ctx);
    // Functions are sized one request per execution (concurrent executions
    // = requests in flight): the assumed per-instance concurrency does not
    // apply, so the assumption says what the arithmetic uses instead.
    if kind == PlatformKind::Functions {
        let id = p.ctx.concurrency.basis.clone();
        if let Some(a) = p
            .ctx
            .assumptions
            .iter_mut()
            .find(|a| a.id == id.as_str() && !a.overridden)
        {
            a.subject = "concurrency per function execution".into();
            a.value = "1 in-flight request per execution".into();
            a.number = Some(1.0);
            a.why = "the functions are sized at one request per execution (concurrent executions = requests in flight); a runtime that serves several requests per execution needs fewer, so confirm by load test".into();
            p.ctx.concurrency.value = 1.0;
        }
    }
    p.platform = Some(PlatformPick {
        kind,
        why,
        text,
        mandated,
    });
    Ok(())
}
