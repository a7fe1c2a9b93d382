//! Review: the components a reviewer dropped or added by role
//! ([`crate::design::review::ReviewRequests`]), after every other pass has
//! placed its components and before anything sums, links into availability
//! or describes them. A drop takes the component, its cost lines and links
//! out and joins what was on either side of it; a drop that would break the
//! request path, a stated framework's control or the DR tier is refused with
//! the reason. An add places the provider's catalog row for the role, priced
//! like any other. Every request leaves a note.

use super::Plan;
use super::build::{comp, loc};
use crate::design::cost::Usage;
use crate::design::model::*;
use crate::design::review::ReviewNote;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    // A role the documents turn down in plain words ("no queue: requests are
    // handled synchronously") is taken out like a reviewer's drop; where it
    // cannot go (a hard dependency), the design asks.
    for (role, at) in p.ctx.rejected_roles() {
        let placed = Role::parse(&role).is_some_and(|r| p.b.components.iter().any(|c| c.role == r));
        if !placed {
            continue;
        }
        let note = drop_role(p, &role, &format!("the documents turn it down ({at})"));
        if !note.applied {
            p.ctx.question(
                format!("The documents turn down a {role} ({at}), but the design needs one: {}. Which is right?", note.reason),
                QuestionReason::Conflict,
                vec![at.clone().into()],
            );
        }
        p.review_notes.push(note);
    }
    let review = p.ctx.review.clone();
    for req in &review.drop_roles {
        let note = drop_role(p, &req.role, &req.reason);
        p.review_notes.push(note);
    }
    for req in &review.add_roles {
        let note = add_role(p, &req.role, &req.reason)?;
        p.review_notes.push(note);
    }
    Ok(())
}

/// Why a component of `role` must stay, if it must.
fn keep_reason(p: &Plan, role: Role, ids: &[String]) -> Option<String> {
    let comps = &p.b.components;
    let first = comps.iter().find(|c| c.role == role)?;
    let line = format!("{} ({})", first.id, first.service);
    if ids.iter().any(|id| id == "app" || id == "cluster") {
        return Some(format!(
            "{line} runs the feature itself: without it nothing serves requests"
        ));
    }
    if role == Role::LoadBalancer {
        let n = comps
            .iter()
            .find(|c| c.id == "app")
            .map(|c| c.count)
            .unwrap_or(1);
        return Some(format!(
            "{line} spreads requests over the {n} application instance(s) and health-checks them across zones"
        ));
    }
    // Operations the document's own sections are built on: dropping one
    // would leave them naming nothing. The team's tool replaces it (`use`).
    let section = match role {
        Role::Metrics | Role::Logs | Role::Tracing => {
            Some("the SLO alerts, dashboards and logging of section 8 run on it")
        }
        Role::Secrets => Some("the secrets plan of section 7 keeps the credentials in it"),
        Role::CiCd | Role::Registry => Some("the deployment pipeline of section 4 runs on it"),
        _ => None,
    };
    if let Some(why) = section {
        return Some(format!(
            "{line}: {why}; name the team's own tool with `use` instead"
        ));
    }
    // The edge of the request path (DNS, CDN, WAF) may go; anything else on
    // the path is a hard dependency: replace it (`use TECH`), don't drop it.
    let edge = matches!(role, Role::Dns | Role::Cdn | Role::Waf | Role::Ddos);
    if let Some(c) = comps
        .iter()
        .find(|c| ids.contains(&c.id) && c.critical_path && !edge)
    {
        return Some(format!(
            "{} ({}) is on the request path (a hard dependency): requests fail without it; name a replacement with `use` instead",
            c.id, c.service
        ));
    }
    if ids.iter().any(|id| id.starts_with("dr-")) {
        let tier = p
            .drp
            .as_ref()
            .map(|d| d.tier.label())
            .unwrap_or("the DR tier");
        return Some(format!(
            "{line} is what {tier} needs to meet the RTO/RPO; change the RTO/RPO or ask for single-region instead"
        ));
    }
    // A stated framework whose control is implemented by the component.
    for (f, req_ids) in &p.ctx.frameworks {
        for id in ids {
            let placeholder = format!("{{{id}}}");
            if let Some(ctl) = f
                .control
                .iter()
                .find(|c| c.implementation.contains(&placeholder))
            {
                let by = if req_ids.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", req_ids.join(", "))
                };
                return Some(format!(
                    "{line} implements {} {} ({}) for the stated {}{by}; drop the framework first if it no longer applies",
                    f.name, ctl.reference, ctl.requirement, f.name
                ));
            }
        }
    }
    None
}

fn drop_role(p: &mut Plan, raw: &str, reason: &str) -> ReviewNote {
    let key = format!("drop:{raw}");
    let Some(role) = Role::parse(raw) else {
        return ReviewNote::new(key, false, format!("`{raw}` is not a component role"));
    };
    let ids: Vec<String> =
        p.b.components
            .iter()
            .filter(|c| c.role == role)
            .map(|c| c.id.clone())
            .collect();
    if ids.is_empty() {
        return ReviewNote::new(key, true, format!("the design has no {raw} component"));
    }
    if let Some(why) = keep_reason(p, role, &ids) {
        return ReviewNote::new(key, false, format!("kept: {why}"));
    }
    let gone: Vec<String> =
        p.b.components
            .iter()
            .filter(|c| ids.contains(&c.id))
            .map(|c| format!("{} ({})", c.id, c.service))
            .collect();
    let saved: f64 =
        p.b.lines
            .iter()
            .filter(|l| ids.contains(&l.component))
            .map(|l| l.monthly)
            .sum();
    p.b.components.retain(|c| !ids.contains(&c.id));
    p.b.lines.retain(|l| !ids.contains(&l.component));
    p.b.unpriced.retain(|u| !ids.contains(&u.component));
    // What was on either side of the dropped component is joined, so a
    // request that went internet → waf → lb now goes internet → lb.
    let mut joined = Vec::new();
    let mut dependents = Vec::new();
    let links = std::mem::take(&mut p.b.links);
    let (touching, kept): (Vec<Link>, Vec<Link>) = links
        .into_iter()
        .partition(|l| ids.contains(&l.from) || ids.contains(&l.to));
    p.b.links = kept;
    for inbound in touching.iter().filter(|l| ids.contains(&l.to)) {
        if !ids.contains(&inbound.from) && !dependents.contains(&inbound.from) {
            dependents.push(inbound.from.clone());
        }
        for outbound in touching.iter().filter(|l| ids.contains(&l.from)) {
            if ids.contains(&outbound.to) || outbound.to == inbound.from {
                continue;
            }
            let exists =
                p.b.links
                    .iter()
                    .any(|l| l.from == inbound.from && l.to == outbound.to);
            if !exists {
                p.b.link(
                    &inbound.from,
                    &outbound.to,
                    &outbound.protocol,
                    &inbound.label,
                    inbound.kind,
                );
                joined.push(format!("{} → {}", inbound.from, outbound.to));
            }
        }
    }
    // Descriptions of the dropped component go with it.
    p.caching.retain(|c| !ids.contains(&c.component));
    p.stores.retain(|s| !ids.contains(&s.component));
    for w in &mut p.workloads {
        w.components.retain(|c| !ids.contains(c));
    }
    match role {
        Role::Cache => p.cache_row = None,
        Role::Cdn => p.edge = false,
        _ => {}
    }
    let mut text = format!(
        "removed {} (−{}/month)",
        gone.join(", "),
        crate::numfmt::usd(saved)
    );
    if !joined.is_empty() {
        text.push_str(&format!("; now {} directly", joined.join(", ")));
    }
    let lost: Vec<&String> = dependents
        .iter()
        .filter(|d| !joined.iter().any(|j| j.starts_with(&format!("{d} → "))))
        .collect();
    if !lost.is_empty() {
        text.push_str(&format!(
            "; {} no longer reach {raw}: what they used it for must be provided outside this design",
            lost.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !reason.is_empty() {
        text.push_str(&format!("; reviewer's reason: {reason}"));
    }
    ReviewNote::new(key, true, text)
}

/// The component id the engine gives a role elsewhere, so later passes
/// (security, compliance) find a reviewer-added component by its usual name.
fn id_for(role: Role) -> String {
    match role {
        Role::ObjectStorage => "storage".into(),
        Role::AuditLog => "audit".into(),
        Role::ThreatDetection => "threat".into(),
        Role::ConfigMonitoring => "config".into(),
        Role::CiCd => "cicd".into(),
        Role::LoadBalancer => "lb".into(),
        other => other.as_str().replace('_', "-"),
    }
}

fn add_role(p: &mut Plan, raw: &str, reason: &str) -> Result<ReviewNote> {
    let key = format!("add:{raw}");
    let Some(role) = Role::parse(raw) else {
        return Ok(ReviewNote::new(
            key,
            false,
            format!("`{raw}` is not a component role"),
        ));
    };
    if let Some(c) = p.b.components.iter().find(|c| c.role == role) {
        return Ok(ReviewNote::new(
            key,
            true,
            format!("{} ({}) is in the design", c.id, c.service),
        ));
    }
    let edge = matches!(role, Role::Waf | Role::Cdn | Role::Ddos);
    if edge && !p.ctx.public {
        return Ok(ReviewNote::new(
            key,
            false,
            format!(
                "the design has no public endpoint to put a {raw} in front of (exposure: {})",
                p.ctx.exposure_basis
            ),
        ));
    }
    let provider = p.ctx.cat.name.clone();
    let Some(row) = p.ctx.cat.rows_for(raw).find(|r| p.ctx.allowed(r)).cloned() else {
        return Ok(ReviewNote::new(
            key,
            false,
            format!("the {provider} catalog has no {raw} service this design may use"),
        ));
    };
    let id = id_for(role);
    let why = if reason.is_empty() {
        "review feedback".to_string()
    } else {
        format!("review feedback: {reason}")
    };
    let regions = p.regions.clone();
    let zones = p.sel.as_ref().map(|s| s.zones).unwrap_or(1);
    let scope = if row.zones == 0 {
        Scope::Global
    } else {
        Scope::Regional
    };
    let c = comp(
        &id,
        &row,
        &format!("Added on review ({why})"),
        row.config.clone(),
        1,
        loc(row.zones.min(zones), scope, &regions),
        false,
        vec![why.clone().into()],
    )?;
    let ctx = &mut p.ctx;
    let app_count =
        p.b.components
            .iter()
            .find(|c| c.id == "app")
            .map(|c| c.count as f64)
            .unwrap_or(1.0);
    let usage = Usage {
        count: 1.0,
        instances: 1.0,
        vms: app_count,
        requests_m: ctx.avg_rps() * 3600.0 * ctx.hours() / 1e6,
        storage_gb: if role == Role::ObjectStorage {
            ctx.storage_gb.value
        } else {
            0.0
        },
        basis: vec![ctx.avg_ratio.basis.clone()],
        ..Default::default()
    };
    p.b.add(ctx, c, &row, usage);
    // Where it sits: an edge service in front of the entry point, anything
    // else beside the application.
    let external = p.external.0;
    let mut linked = String::new();
    if edge && role != Role::Cdn {
        if let Some(l) =
            p.b.links
                .iter_mut()
                .find(|l| l.from == external && l.kind == LinkKind::Request && l.to != "dns")
        {
            let entry = std::mem::replace(&mut l.to, id.clone());
            p.b.link(&id, &entry, "HTTPS", "allowed requests", LinkKind::Request);
            linked = format!("; {external} → {id} → {entry}");
        }
    } else if role == Role::Cdn {
        p.b.link(external, &id, "HTTPS", "static assets", LinkKind::Request);
        p.edge = true;
        linked = format!("; {external} → {id} (static assets)");
    } else if p.b.get("app").is_some() {
        let kind = match role {
            Role::Logs | Role::Metrics | Role::Tracing => LinkKind::Telemetry,
            Role::Kms | Role::Secrets | Role::AuditLog | Role::ConfigMonitoring => {
                LinkKind::Control
            }
            _ => LinkKind::Data,
        };
        p.b.link("app", &id, "HTTPS", "uses", kind);
        linked = format!("; app → {id}");
    }
    let placed = p.b.get(&id).map(|c| c.monthly_cost).unwrap_or(0.0);
    let priced = if p.b.unpriced.iter().any(|u| u.component == id) {
        "not priced: usage not estimated, listed with the unpriced services".to_string()
    } else {
        format!("{}/month", crate::numfmt::usd(placed))
    };
    Ok(ReviewNote::new(
        key,
        true,
        format!("added {id} ({}), {priced}{linked}", row.service),
    ))
}

#[cfg(test)]
mod tests {
    /// A role the documents turn down in plain words is never in the design.
    #[test]
    fn a_role_the_documents_reject_is_not_designed() {
        use crate::design::testkit::{Set, design};
        use crate::requirements::{Kind, Stance};
        let base = || {
            Set::new()
                .text(Kind::Cloud, "aws", "We run on AWS.")
                .num(Kind::Availability, 99.9, "Search is up 99.9% of the month.")
                .num(Kind::Latency, 30.0, "Search answers requests within 30 ms.")
                .num(
                    Kind::Throughput,
                    200.0,
                    "About 200 searches a second at peak.",
                )
                .chose(
                    "postgresql",
                    "relational_db",
                    "Listings live in PostgreSQL.",
                )
        };
        // (case, statements, cache placed)
        let cases = [
            ("a tight latency target adds a cache", base(), true),
            (
                "unless the documents turn a cache down",
                base().tech(
                    "any-cache",
                    "cache",
                    Stance::Rejected,
                    "We don't want a separate cache.",
                ),
                false,
            ),
        ];
        for (name, set, cache) in cases {
            let d = design(&set.build());
            let has = d.components.iter().any(|c| c.role == Role::Cache);
            assert_eq!(has, cache, "{name}");
            if !cache {
                assert!(
                    d.links.iter().all(|l| l.to != "cache" && l.from != "cache"),
                    "{name}"
                );
                assert!(
                    d.review_notes
                        .iter()
                        .any(|n| n.applied && n.key == "drop:cache"),
                    "{name}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn added_components_take_the_ids_other_passes_look_for() {
        let cases = [
            (Role::ObjectStorage, "storage"),
            (Role::AuditLog, "audit"),
            (Role::Waf, "waf"),
            (Role::Nat, "nat"),
            (Role::ApiGateway, "api-gateway"),
            (Role::CiCd, "cicd"),
        ];
        for (role, id) in cases {
            assert_eq!(id_for(role), id, "{role}");
        }
    }
}
