//! What each directive did to the design: the revise report.
//!
//! Every directive comes back with what changed (before → after: the
//! requirement, the components, the cost) or why nothing did (already so; a
//! requirement or framework needs it; not offered by this provider). A
//! directive is "applied" only when the design it produced differs from the
//! one before in the way the directive asks; the engine's
//! [`Design::review_notes`] give the reason, never the verdict.

use crate::design::{Component, Design, PlatformKind};
use crate::numfmt::{duration, trim, usd};
use crate::requirements::Kind;
use crate::review::directives::Directive;
use crate::review::lexicon::LEXICON;

/// The outcome of one directive.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The design changed as asked: before → after.
    Applied(String),
    /// The design already was so; nothing to change.
    AlreadySo(String),
    /// Nothing changed, and why.
    NotApplied(String),
}

impl Effect {
    pub fn line(&self, d: &Directive) -> String {
        match self {
            Effect::Applied(what) => format!("applied: {} — {what}", d.spell()),
            Effect::AlreadySo(why) => format!("unchanged: {} — already so: {why}", d.spell()),
            Effect::NotApplied(why) => format!("not applied: {} — {why}", d.spell()),
        }
    }

    pub fn applied(&self) -> bool {
        matches!(self, Effect::Applied(_))
    }
}

fn show(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Availability => format!("{}%", trim(v)),
        Kind::Latency => format!("{} ms", trim(v)),
        Kind::Rto | Kind::Rpo => duration(v),
        Kind::Budget => format!("{}/month", usd(v)),
        Kind::Throughput => format!("{} rps", trim(v)),
        _ => trim(v),
    }
}

fn primary(d: &Design, kind: Kind, percentile: Option<u8>) -> Option<f64> {
    d.requirements
        .iter()
        .filter(|r| r.kind == kind && r.primary)
        .find(|r| kind != Kind::Latency || percentile.is_none() || r.percentile == percentile)
        .and_then(|r| r.value.as_f64())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn component_line(c: &Component) -> String {
    format!("{} ({})", c.id, c.service)
}

/// Components, regions and cost that differ between two designs, in one line.
pub fn design_delta(before: &Design, after: &Design) -> Option<String> {
    let mut parts = Vec::new();
    for c in &after.components {
        match before.components.iter().find(|b| b.id == c.id) {
            None => parts.push(format!("+ {}", component_line(c))),
            Some(b) if b.service != c.service => {
                parts.push(format!("{}: {} → {}", c.id, b.service, c.service))
            }
            Some(b) if b.configuration != c.configuration || b.count != c.count => parts.push(
                format!("{}: {} → {}", c.id, b.configuration, c.configuration),
            ),
            _ => {}
        }
    }
    for b in &before.components {
        if !after.components.iter().any(|c| c.id == b.id) {
            parts.push(format!("− {}", component_line(b)));
        }
    }
    if before.topology.regions != after.topology.regions {
        parts.push(format!(
            "regions {} → {}",
            before.topology.regions.join(" + "),
            after.topology.regions.join(" + ")
        ));
    }
    if !close(before.cost.total_monthly, after.cost.total_monthly) {
        parts.push(format!(
            "cost {} → {}/month",
            usd(before.cost.total_monthly),
            usd(after.cost.total_monthly)
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn platform_matches(kind: PlatformKind, service: &str, p: &str) -> bool {
    let s = service.to_ascii_lowercase();
    match p {
        "kubernetes" => kind == PlatformKind::Kubernetes,
        "serverless" => kind == PlatformKind::Functions,
        "vm" => kind == PlatformKind::VirtualMachines,
        "ecs" => kind == PlatformKind::ManagedContainers && s.contains("ecs"),
        "cloud-run" => kind == PlatformKind::ManagedContainers && s.contains("cloud run"),
        "container-apps" => kind == PlatformKind::ManagedContainers && s.contains("container apps"),
        _ => false,
    }
}

/// Components using a technology (by the technology field or the service name).
fn using<'a>(d: &'a Design, name: &str) -> Vec<&'a Component> {
    let n = name.to_ascii_lowercase();
    let aliases: Vec<String> = std::iter::once(n.clone())
        .chain(LEXICON.tech(&n).map(|(canon, _)| canon))
        .collect();
    d.components
        .iter()
        .filter(|c| {
            let service = c.service.to_ascii_lowercase();
            let tech = c
                .technology
                .clone()
                .unwrap_or_default()
                .to_ascii_lowercase();
            aliases.iter().any(|a| {
                tech == *a
                    || service
                        .split(|ch: char| !ch.is_alphanumeric())
                        .any(|w| w == a.as_str())
            })
        })
        .collect()
}

/// Nothing runs outside the primary region: no second serving region and no
/// standby (a DR replica or warm copy) elsewhere. Global services and backup
/// copies do not count.
fn one_region(d: &Design) -> bool {
    !d.topology.multi_region && regions_in_use(d) == [d.region.primary.as_str()]
}

/// Regions something runs in (serving or standing by), primary first.
fn regions_in_use(d: &Design) -> Vec<&str> {
    let mut out = vec![d.region.primary.as_str()];
    for c in &d.components {
        if c.placement.scope == crate::design::Scope::Global {
            continue;
        }
        for r in &c.placement.regions {
            if !out.contains(&r.as_str()) {
                out.push(r);
            }
        }
    }
    out
}

/// The engine's note on a review request (`drop:waf`, `single_region`…).
fn note<'a>(d: &'a Design, key: &str) -> Option<&'a str> {
    d.review_notes
        .iter()
        .find(|n| n.key == key)
        .map(|n| n.reason.as_str())
}

fn has_role<'a>(d: &'a Design, role: &str) -> Option<&'a Component> {
    d.components.iter().find(|c| c.role.as_str() == role)
}

/// The directive's own change; when the design moved no component, region or
/// cost at all, say so (the revision's whole change is reported once, apart).
fn with_delta(head: String, before: &Design, after: &Design) -> String {
    match design_delta(before, after) {
        Some(_) => head,
        None => format!("{head} (no component, region or cost changed: the design already met it)"),
    }
}

/// What happened to the components that use a technology: replaced or added.
fn swapped(before: &Design, now: &[&Component]) -> String {
    now.iter()
        .map(|c| match before.components.iter().find(|b| b.id == c.id) {
            Some(b) if b.service != c.service => format!("{}: {} → {}", c.id, b.service, c.service),
            Some(_) => component_line(c),
            None => format!("+ {}", component_line(c)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What `d` did, comparing the design before the revision with the one after.
pub fn effect(d: &Directive, before: &Design, after: &Design) -> Effect {
    let provider = after.provider_name.clone();
    match d {
        Directive::Target {
            kind,
            value,
            percentile,
        } => {
            let was = primary(before, *kind, *percentile);
            let now = primary(after, *kind, *percentile);
            match (was, now) {
                (Some(w), _) if close(w, *value) => {
                    Effect::AlreadySo(format!("{} {}", kind, show(*kind, w)))
                }
                (_, Some(n)) if close(n, *value) => Effect::Applied(with_delta(
                    format!(
                        "{} {} → {}",
                        kind,
                        was.map(|w| show(*kind, w))
                            .unwrap_or_else(|| "not stated".into()),
                        show(*kind, n)
                    ),
                    before,
                    after,
                )),
                _ => Effect::NotApplied(format!(
                    "the design still uses {}",
                    now.map(|n| show(*kind, n))
                        .unwrap_or_else(|| "no value".into())
                )),
            }
        }
        Directive::Provider { provider: p } => {
            if before.provider == *p {
                Effect::AlreadySo(format!("the design is on {}", before.provider_name))
            } else if after.provider == *p {
                Effect::Applied(with_delta(
                    format!(
                        "provider {} → {}",
                        before.provider_name, after.provider_name
                    ),
                    before,
                    after,
                ))
            } else {
                Effect::NotApplied(format!("the design stayed on {provider}"))
            }
        }
        Directive::Region { region } => {
            if before.region.primary == *region {
                Effect::AlreadySo(format!("the primary region is {region}"))
            } else if after.region.primary == *region {
                Effect::Applied(with_delta(
                    format!("region {} → {}", before.region.primary, region),
                    before,
                    after,
                ))
            } else {
                let why = after
                    .open_questions
                    .iter()
                    .find(|q| q.question.contains(region.as_str()))
                    .map(|q| q.question.clone())
                    .unwrap_or_else(|| format!("the design kept {}", after.region.primary));
                Effect::NotApplied(why)
            }
        }
        Directive::Platform { platform } => {
            if platform_matches(before.platform.kind, &before.platform.service, platform) {
                Effect::AlreadySo(format!("the services run on {}", before.platform.service))
            } else if platform_matches(after.platform.kind, &after.platform.service, platform) {
                Effect::Applied(with_delta(
                    format!(
                        "platform {} → {}",
                        before.platform.service, after.platform.service
                    ),
                    before,
                    after,
                ))
            } else {
                Effect::NotApplied(format!(
                    "the design kept {}: {}",
                    after.platform.service, after.platform.decision.rationale
                ))
            }
        }
        Directive::ForbidPlatform { platform } => {
            let used_before =
                platform_matches(before.platform.kind, &before.platform.service, platform);
            let used_after =
                platform_matches(after.platform.kind, &after.platform.service, platform);
            match (used_before, used_after) {
                (false, false) => Effect::AlreadySo(format!(
                    "the design runs on {}, not {platform}",
                    before.platform.service
                )),
                (true, false) => Effect::Applied(with_delta(
                    format!(
                        "platform {} → {}",
                        before.platform.service, after.platform.service
                    ),
                    before,
                    after,
                )),
                (_, true) => Effect::NotApplied(format!(
                    "{} is still the platform: {}",
                    after.platform.service, after.platform.decision.rationale
                )),
            }
        }
        Directive::UseTechnology { name, role } => {
            let before_uses = using(before, name);
            let after_uses = using(after, name);
            if !before_uses.is_empty() {
                return Effect::AlreadySo(format!(
                    "{} uses it",
                    before_uses
                        .iter()
                        .map(|c| component_line(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if !after_uses.is_empty() {
                return Effect::Applied(with_delta(swapped(before, &after_uses), before, after));
            }
            let role = role.clone().or_else(|| LEXICON.tech(name).map(|(_, r)| r));
            Effect::NotApplied(match role {
                None => format!(
                    "infrarch's technology catalog does not know {name}, so it has no role to place it in"
                ),
                Some(r) if has_role(after, &r).is_some() => format!(
                    "the {} catalog has no {r} service implementing {name}, so {} stays",
                    after.provider_name,
                    has_role(after, &r).map(component_line).unwrap_or_default()
                ),
                Some(r) => format!(
                    "the design engine places no {r} component for a named technology yet; recorded as a chosen technology"
                ),
            })
        }
        Directive::ForbidTechnology { name } => {
            let before_uses = using(before, name);
            let after_uses = using(after, name);
            match (before_uses.is_empty(), after_uses.is_empty()) {
                (true, true) => Effect::AlreadySo(format!("no component uses {name}")),
                (false, true) => Effect::Applied(with_delta(
                    format!(
                        "{} no longer used",
                        before_uses
                            .iter()
                            .map(|c| component_line(c))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    before,
                    after,
                )),
                (_, false) => Effect::NotApplied(format!(
                    "{} still uses it: the design engine has no other service for its role",
                    after_uses
                        .iter()
                        .map(|c| component_line(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
        Directive::AddComponent { role, .. } => {
            match (has_role(before, role), has_role(after, role)) {
                (Some(c), _) => {
                    Effect::AlreadySo(format!("{} is in the design", component_line(c)))
                }
                (None, Some(c)) => Effect::Applied(with_delta(
                    match note(after, &format!("add:{role}")) {
                        // The engine's own words when it placed it on request.
                        Some(n) if n.starts_with("added ") => n.to_string(),
                        _ => format!("+ {}", component_line(c)),
                    },
                    before,
                    after,
                )),
                (None, None) => {
                    Effect::NotApplied(if let Some(n) = note(after, &format!("add:{role}")) {
                        n.to_string()
                    } else if role == "cdn" || role == "waf" {
                        format!("the design has no public endpoint to put a {role} in front of")
                    } else if crate::review::apply::ADDABLE.contains(&role.as_str()) {
                        format!("the {provider} catalog has no {role} service the design can place")
                    } else {
                        format!("no {role} component was placed")
                    })
                }
            }
        }
        Directive::DropComponent { role, .. } => {
            match (has_role(before, role), has_role(after, role)) {
                (None, _) => Effect::AlreadySo(format!("the design has no {role} component")),
                (Some(c), None) => Effect::Applied(with_delta(
                    match note(after, &format!("drop:{role}")) {
                        Some(n) => n.to_string(),
                        None => format!("− {}", component_line(c)),
                    },
                    before,
                    after,
                )),
                (Some(_), Some(c)) => {
                    Effect::NotApplied(match note(after, &format!("drop:{role}")) {
                        Some(n) => n.to_string(),
                        None => format!(
                            "{} is still in the design; the request and its reason are recorded in the history",
                            component_line(c)
                        ),
                    })
                }
            }
        }
        Directive::SingleRegion => {
            if one_region(before) {
                Effect::AlreadySo(format!(
                    "the design runs in one region ({})",
                    before.region.primary
                ))
            } else if one_region(after) {
                let mut what = format!(
                    "regions in use {} → {}",
                    regions_in_use(before).join(" + "),
                    regions_in_use(after).join(" + ")
                );
                // The consequence is part of the change, not a footnote.
                let mut keys = vec!["single_region:dr"];
                if before.topology.multi_region {
                    keys.insert(0, "single_region");
                }
                for key in keys {
                    if let Some(n) = note(after, key) {
                        what.push_str(&format!("; {n}"));
                    }
                }
                Effect::Applied(with_delta(what, before, after))
            } else {
                Effect::NotApplied(format!(
                    "the design still runs {}: {}",
                    after.topology.regions.join(" + "),
                    note(after, "single_region").unwrap_or(&after.topology.decision.rationale)
                ))
            }
        }
        Directive::ReduceCost { target } => reduce_cost(*target, before, after),
        Directive::AddCompliance { framework } => {
            let has = |d: &Design| {
                d.compliance
                    .iter()
                    .any(|c| c.name.eq_ignore_ascii_case(framework))
            };
            match (has(before), has(after)) {
                (true, _) => Effect::AlreadySo(format!("{framework} is in scope")),
                (false, true) => Effect::Applied(with_delta(
                    format!("{framework} controls added"),
                    before,
                    after,
                )),
                (false, false) => {
                    Effect::NotApplied(format!("infrarch has no control set for {framework}"))
                }
            }
        }
        Directive::DropCompliance { framework } => {
            let has = |d: &Design| {
                d.compliance
                    .iter()
                    .any(|c| c.name.eq_ignore_ascii_case(framework))
            };
            match (has(before), has(after)) {
                (false, _) => Effect::AlreadySo(format!("{framework} was not in scope")),
                (true, false) => Effect::Applied(with_delta(
                    format!("{framework} controls removed"),
                    before,
                    after,
                )),
                (true, true) => Effect::NotApplied(format!(
                    "{framework} is still required by the planning documents"
                )),
            }
        }
    }
}

fn reduce_cost(target: Option<f64>, before: &Design, after: &Design) -> Effect {
    let was = before.cost.total_monthly;
    let now = after.cost.total_monthly;
    let levers: Vec<String> = after
        .cost
        .savings
        .iter()
        .filter(|s| s.monthly_saving > 0.0)
        .map(|s| {
            format!(
                "{} ({}): −{}/month, {}",
                s.action,
                s.component,
                usd(s.monthly_saving),
                s.trade_off
            )
        })
        .collect();
    // The engine's levers, in the order it pulled them, each with its saving
    // or why it gave none.
    let pulled: Vec<String> = after
        .review_notes
        .iter()
        .filter_map(|n| {
            let lever = n.key.strip_prefix("lever:")?.replace('_', " ");
            Some(if n.applied {
                format!("{lever}: {}", n.reason)
            } else {
                format!("{lever}: not pulled, {}", n.reason)
            })
        })
        .collect();
    let mut further = if pulled.is_empty() {
        String::new()
    } else {
        format!("; levers in order: {}", pulled.join("; "))
    };
    if !levers.is_empty() {
        further.push_str(&format!(
            "; other options, not applied: {}",
            levers.join("; ")
        ));
    }
    let goal = target.map(|t| (t, was * (1.0 - t)));
    if now < was - 0.005 {
        let saved = was - now;
        let verdict = match goal {
            Some((t, want)) if now <= want + 0.005 => {
                format!(", meeting the target of −{:.0}%", t * 100.0)
            }
            Some((t, want)) => format!(
                ", short of the target of −{:.0}% ({}/month) by {}/month",
                t * 100.0,
                usd(want),
                usd(now - want)
            ),
            None => String::new(),
        };
        Effect::Applied(format!(
            "cost {} → {}/month (−{}, −{:.1}%){verdict}{further}",
            usd(was),
            usd(now),
            usd(saved),
            saved / was * 100.0
        ))
    } else {
        let gap = goal
            .map(|(t, want)| {
                format!(
                    "; the target of −{:.0}% ({}/month) is {}/month away",
                    t * 100.0,
                    usd(want),
                    usd(now - want)
                )
            })
            .unwrap_or_default();
        Effect::NotApplied(format!(
            "no lever lowered the cost without breaking a requirement ({}/month){gap}{further}",
            usd(now)
        ))
    }
}
