//! One file per group of template sections. Each `render` appends its sections
//! to the [`Doc`]; shared formatting (figures, id references) lives here.

pub mod adrs;
pub mod context;
pub mod cost;
pub mod deployment;
pub mod governance;
pub mod observability;
pub mod operations;
pub mod overview;
pub mod resilience;
pub mod risks;
pub mod scaling;
pub mod security;
pub mod summary;

use std::path::Path;

use super::{Doc, RenderContext};
use crate::design::{Alternative, Design, Figure};
use crate::numfmt;
use crate::requirements::{DocKind, Kind, RequirementSet};

/// Everything a section may read.
pub struct Input<'a> {
    pub design: &'a Design,
    pub reqs: &'a RequirementSet,
    pub ctx: &'a RenderContext,
}

/// The title and header fields, exactly as the template lays them out.
pub fn header(d: &mut Doc, x: &Input) {
    let name = x
        .ctx
        .feature_name
        .clone()
        .unwrap_or_else(|| title_case(&x.design.feature));
    d.h1(&format!("Infrastructure Architecture: {name}"));
    let prd = x
        .design
        .sources
        .iter()
        .find(|s| s.kind == DocKind::Prd)
        .map(|s| s.path.as_str());
    let source = match prd {
        Some(p) => format!("**Source PRD:** {}", link(x, p)),
        None => {
            let read: Vec<String> = x.design.sources.iter().map(|s| link(x, &s.path)).collect();
            if read.is_empty() {
                "**Source PRD:** none found; no planning document was read".to_string()
            } else {
                format!(
                    "**Source PRD:** none found; requirements read from {}",
                    read.join(", ")
                )
            }
        }
    };
    d.lines(&[
        source,
        format!(
            "**Document ID:** {}",
            super::document_id(x.design, x.ctx.date)
        ),
        "**Author:** @infrastructure-architecture-agent".to_string(),
        "**Status:** Draft".to_string(),
        format!("**Created:** {}", x.ctx.date),
    ]);
}

/// `[stem](relative/path.md)` from the document's folder.
pub fn link(x: &Input, path: &str) -> String {
    let target = crate::write::relative_link(&x.ctx.document_dir, Path::new(path));
    let stem = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    format!("[{stem}]({target})")
}

/// `checkout-flow` → `Checkout Flow`.
pub fn title_case(slug: &str) -> String {
    slug.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// ` (R1, A2)` after a statement, or nothing when there is no id.
pub fn refs<S: AsRef<str>>(ids: &[S]) -> String {
    let ids: Vec<&str> = ids
        .iter()
        .map(AsRef::as_ref)
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        String::new()
    } else {
        format!(" ({})", ids.join(", "))
    }
}

/// A figure's value in its unit.
pub fn value(f: &Figure) -> String {
    let v = f.value;
    match f.unit.as_str() {
        "percent" | "%" => format!("{}%", numfmt::trim(v)),
        "s" | "seconds" => numfmt::duration(v),
        "USD/month" => format!("{}/month", numfmt::usd(v)),
        u if u.len() == 9
            && u.ends_with("/month")
            && u[..3].chars().all(|c| c.is_ascii_uppercase()) =>
        {
            format!("{}/month", numfmt::money(v, &u[..3]))
        }
        "USD" => numfmt::usd(v),
        "" => numfmt::trim(v),
        u => format!("{} {u}", numfmt::trim(v)),
    }
}

/// A figure with its ids and, when computed, its arithmetic.
pub fn figure(f: &Figure) -> String {
    let mut s = value(f);
    if let Some(formula) = f.formula.as_deref().filter(|t| !t.is_empty()) {
        s.push_str(&format!(" ({formula})"));
    }
    s.push_str(&refs(&f.basis));
    s
}

/// Nested bullet lines under a list item; `head` alone when there are none.
pub fn nested<S: AsRef<str>>(head: &str, items: &[S]) -> String {
    let mut s = head.to_string();
    for i in items {
        s.push_str(&format!("\n  - {}", i.as_ref()));
    }
    s
}

/// Alternatives as the ADR format numbers them: `Option - why not`.
pub fn alternatives(alts: &[Alternative]) -> Vec<String> {
    alts.iter()
        .map(|a| format!("{} - {}", a.option, a.why_not))
        .collect()
}

/// A statement with its ids before the full stop: `Meets the RTO (R5, R6).`
pub fn cite<S: AsRef<str>>(text: &str, ids: &[S]) -> String {
    let t = text.trim();
    let (body, end) = match t.chars().last() {
        Some(c @ ('.' | '!' | '?')) => (&t[..t.len() - c.len_utf8()], c),
        _ => (t, '.'),
    };
    format!("{}{}{end}", capital(body), refs(ids))
}

/// How a question names a requirement kind.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Availability => "availability target",
        Kind::Latency => "latency target",
        Kind::Throughput => "peak throughput",
        Kind::ConcurrentUsers => "number of concurrent users",
        Kind::Rto => "recovery time objective (RTO)",
        Kind::Rpo => "recovery point objective (RPO)",
        Kind::DataVolume => "data volume",
        Kind::Compliance => "compliance framework",
        Kind::Residency => "data residency",
        Kind::Budget => "monthly budget",
        Kind::Cloud => "cloud provider",
        Kind::Platform => "runtime platform",
        Kind::Exposure => "exposure (public or internal)",
        Kind::Deadline => "time the output must be ready",
        Kind::DataVolumePerDay => "data volume per day",
        Kind::FileSize => "file size",
        Kind::Retention => "retention period",
        Kind::ModelSize => "model size",
        Kind::Tenancy => "tenant isolation",
    }
}

/// Upper-case first letter, for a field that starts a sentence.
pub fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A sentence ends with one full stop.
pub fn sentence(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() || t.ends_with(['.', '!', '?', ':']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::model::Provenance;

    #[test]
    fn formats() {
        assert_eq!(title_case("user-authentication"), "User Authentication");
        assert_eq!(refs::<Provenance>(&["R1".into(), "A2".into()]), " (R1, A2)");
        assert_eq!(refs::<Provenance>(&[]), "");
        assert_eq!(sentence("ok"), "ok.");
        assert_eq!(sentence("ok."), "ok.");
        assert_eq!(
            cite::<Provenance>("Meets it.", &["R5".into()]),
            "Meets it (R5)."
        );
        assert_eq!(cite::<String>("Why?", &[]), "Why?");
        let f = Figure {
            value: 99.95,
            unit: "percent".into(),
            basis: vec!["R1".into()],
            formula: None,
        };
        assert_eq!(figure(&f), "99.95% (R1)");
        // Durations go through the one formatter (numfmt::duration).
        let rto = Figure {
            value: 86_400.0,
            unit: "s".into(),
            basis: vec![],
            formula: None,
        };
        assert_eq!(value(&rto), crate::numfmt::duration(86_400.0));
    }
}
