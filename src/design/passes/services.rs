//! Supporting services every design carries: secrets, customer-managed keys
//! when a framework asks for them, logs, metrics, traces, the audit trail,
//! threat detection and configuration monitoring under a framework, the
//! image registry (not for functions) and CI/CD.

use super::Plan;
use super::build::{comp, loc};
use crate::design::cost::Usage;
use crate::design::model::*;
use crate::error::Result;

pub fn run(p: &mut Plan) -> Result<()> {
    let pkind = p.platform()?.kind;
    let regions = p.regions.clone();
    let b = &mut p.b;
    let ctx = &mut p.ctx;
    // Customer-managed keys when a framework asks for them, or when the
    // documents choose a key service themselves.
    let chosen_keys: Vec<Provenance> = ctx
        .reqs
        .technologies
        .iter()
        .filter(|t| {
            t.stance == crate::requirements::Stance::Chosen
                && t.role == "kms"
                && !ctx.rejected(&t.name)
        })
        .map(|t| source_ref(&t.source))
        .take(1)
        .collect();
    let cmk =
        ctx.frameworks.iter().any(|(f, _)| f.customer_managed_keys) || !chosen_keys.is_empty();
    let strict = !ctx.frameworks.is_empty();
    let comp_ids: Vec<Provenance> = ctx
        .frameworks
        .iter()
        .flat_map(|(_, ids)| ids.clone())
        .collect();
    let mut ops: Vec<(&str, &str, &str, Vec<Provenance>)> = vec![(
        "secrets",
        "secrets",
        "Stores database credentials and API keys; rotated automatically",
        vec![],
    )];
    if cmk {
        ops.push((
            "kms",
            "kms",
            "Customer-managed keys for data stores, backups and logs",
            comp_ids.iter().chain(&chosen_keys).cloned().collect(),
        ));
    }
    ops.push(("logs", "logs", "Central structured logs", vec![]));
    ops.push((
        "metrics",
        "metrics",
        "Metrics, SLO burn-rate alerts and dashboards",
        vec![ctx.availability.basis.clone()],
    ));
    ops.push((
        "tracing",
        "tracing",
        "Distributed traces of sampled requests",
        vec![ctx.latency_ms.basis.clone()],
    ));
    ops.push(("audit", "audit_log", "Control-plane audit trail", vec![]));
    if strict {
        ops.push((
            "threat",
            "threat_detection",
            "Threat detection on audit, network and DNS logs",
            comp_ids.clone(),
        ));
        ops.push((
            "config",
            "config_monitoring",
            "Records configuration changes and flags drift",
            comp_ids.clone(),
        ));
    }
    if pkind != PlatformKind::Functions {
        ops.push((
            "registry",
            "registry",
            "Container images, scanned on push",
            vec![],
        ));
    }
    ops.push((
        "cicd",
        "ci_cd",
        "Builds, tests, scans and deploys every change",
        vec![],
    ));
    for (id, role, purpose, why) in ops {
        // A tool the team chose that the provider catalog does not carry
        // (Datadog for metrics): placed under its own name, unpriced, never
        // swapped for the provider's service.
        let chosen = ctx
            .reqs
            .technologies
            .iter()
            .find(|t| {
                t.stance == crate::requirements::Stance::Chosen
                    && t.role == role
                    && !ctx.cat.rows_for(role).any(|r| r.implements(&t.name))
            })
            .cloned();
        if let (Some(t), Some(row)) = (chosen, ctx.cat.first(role).cloned())
            && THIRD_PARTY_ROLES.contains(&role)
        {
            let name = third_party_name(&t.name);
            let mut c = comp(
                id,
                &row,
                purpose,
                format!(
                    "{name} (the team's choice; outside the {} catalog)",
                    ctx.cat.name
                ),
                1,
                loc(0, Scope::Global, &regions[..1]),
                false,
                vec![source_ref(&t.source)],
            )?;
            c.name = name.clone();
            c.service = name.clone();
            c.technology = Some(t.name.clone());
            b.add_unpriced(
                c,
                format!(
                    "{name} is a third-party service; its price is not in the {} catalog",
                    ctx.cat.name
                ),
            );
            continue;
        }
        if let Some(row) = ctx.cat.first(role).cloned() {
            let c = comp(
                id,
                &row,
                purpose,
                row.config.clone(),
                1,
                loc(0, Scope::Regional, &regions[..1]),
                false,
                why,
            )?;
            b.add(ctx, c, &row, Usage::default());
        }
    }
    b.link(
        "app",
        "secrets",
        "HTTPS",
        "read secrets at start",
        LinkKind::Control,
    );
    b.link("app", "logs", "HTTPS", "logs", LinkKind::Telemetry);
    b.link("app", "metrics", "HTTPS", "metrics", LinkKind::Telemetry);
    b.link("app", "tracing", "OTLP", "traces", LinkKind::Telemetry);
    if pkind != PlatformKind::Functions {
        b.link("cicd", "registry", "HTTPS", "push image", LinkKind::Control);
        b.link("registry", "app", "HTTPS", "pull image", LinkKind::Control);
    } else {
        b.link("cicd", "app", "HTTPS", "deploy", LinkKind::Control);
    }
    Ok(())
}

/// Roles a team commonly fills with a third-party tool rather than the
/// provider's service.
const THIRD_PARTY_ROLES: [&str; 4] = ["metrics", "logs", "tracing", "ci_cd"];

/// The name a tool goes by: the technology catalog's, else the name as given
/// with a capital first letter.
fn third_party_name(name: &str) -> String {
    let known = crate::technologies::catalog()
        .get(name)
        .map(|t| t.name.clone())
        .unwrap_or_else(|| name.to_string());
    let mut c = known.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => known,
    }
}

/// `path:line`, or the path alone when there is no line (review feedback).
fn source_ref(s: &crate::requirements::Source) -> Provenance {
    Provenance::Source(if s.line == 0 {
        s.path.clone()
    } else {
        format!("{}:{}", s.path, s.line)
    })
}
