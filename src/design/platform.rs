//! Compute platform: what a requirement, the project or a chosen technology
//! mandates; otherwise the least complex that fits (functions for spiky low
//! steady load, else managed containers; Kubernetes only when mandated).

use super::context::Ctx;
use super::model::*;
use crate::numfmt;
use crate::requirements::Kind;

/// Reads a platform label ("EKS", "cloud-run", "serverless").
pub fn parse_kind(label: &str) -> Option<PlatformKind> {
    let l = label.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    let k8s = [
        "kubernetes",
        "k8s",
        "eks",
        "gke",
        "aks",
        "openshift",
        "kube",
    ];
    let containers = [
        "ecs",
        "fargate",
        "cloud-run",
        "cloudrun",
        "container-apps",
        "containers",
        "container",
        "app-service",
        "docker",
        "managed-containers",
    ];
    let functions = [
        "serverless",
        "lambda",
        "functions",
        "function",
        "cloud-functions",
        "azure-functions",
        "faas",
    ];
    let vms = [
        "vm",
        "vms",
        "ec2",
        "compute-engine",
        "gce",
        "virtual-machines",
        "virtual-machine",
        "bare-metal",
    ];
    if k8s.iter().any(|k| l == *k || l.contains("kubernetes")) {
        Some(PlatformKind::Kubernetes)
    } else if containers.contains(&l.as_str()) {
        Some(PlatformKind::ManagedContainers)
    } else if functions.contains(&l.as_str()) {
        Some(PlatformKind::Functions)
    } else if vms.contains(&l.as_str()) {
        Some(PlatformKind::VirtualMachines)
    } else {
        None
    }
}

/// Catalog role of a platform.
pub fn role(kind: PlatformKind) -> &'static str {
    match kind {
        PlatformKind::ManagedContainers => "managed_containers",
        PlatformKind::Kubernetes => "kubernetes",
        PlatformKind::Functions => "functions",
        PlatformKind::VirtualMachines => "vm",
    }
}

/// The platform and why (the service is filled once the catalog row is chosen).
pub fn decide(ctx: &mut Ctx) -> (PlatformKind, Vec<Provenance>, String, bool) {
    let mut mandate: Option<(PlatformKind, String, String)> = None;
    if let Some(r) = ctx.reqs.primary(Kind::Platform)
        && let Some(k) = r.value.as_text().and_then(parse_kind)
    {
        mandate = Some((k, r.id.clone(), format!("{} mandates {}", r.id, r.value)));
    }
    if mandate.is_none()
        && let Some(p) = ctx.project.deployment_platform.as_deref()
        && let Some(k) = parse_kind(p)
    {
        mandate = Some((
            k,
            "infrarch.toml deployment_platform".into(),
            format!("the project's deployment platform is `{p}`"),
        ));
    }
    if mandate.is_none() {
        for t in &ctx.reqs.technologies {
            if t.stance == crate::requirements::Stance::Chosen
                && let Some(k) = parse_kind(&t.name)
            {
                mandate = Some((
                    k,
                    format!("{}:{}", t.source.path, t.source.line),
                    format!(
                        "the planning documents choose {} ({}:{})",
                        t.name, t.source.path, t.source.line
                    ),
                ));
                break;
            }
        }
    }
    if mandate.is_none() && ctx.project.runs_kubernetes() {
        mandate = Some((
            PlatformKind::Kubernetes,
            "infrarch.toml tech_stack".into(),
            "the project's stack already runs on Kubernetes".into(),
        ));
    }
    if let Some((k, why, text)) = mandate {
        if k == PlatformKind::Kubernetes && ctx.rejected("kubernetes") {
            ctx.question(
                format!("{text}, but a planning document rejects Kubernetes: which holds? The design follows the mandate."),
                QuestionReason::Conflict,
                vec![why.clone().into()],
            );
        }
        return (k, vec![why.into()], text, true);
    }
    let p = &ctx.rules.platform;
    let avg = ctx.avg_rps();
    let peak = ctx.peak_rps();
    let spiky =
        ctx.avg_ratio.value > 0.0 && 1.0 / ctx.avg_ratio.value >= p.functions_min_peak_to_average;
    let why = vec![
        ctx.throughput.basis.clone(),
        ctx.avg_ratio.basis.clone(),
        ctx.latency_ms.basis.clone(),
    ];
    if avg <= p.functions_max_average_rps
        && spiky
        && ctx.latency_ms.value >= p.functions_min_latency_ms
        && !ctx.rejected("serverless")
        && !ctx.rejected("lambda")
    {
        let text = format!(
            "steady load is low ({} rps average of a {} rps peak) and spiky (peak/average {} ≥ {}), and the {} ms latency target tolerates cold starts",
            numfmt::trim((avg * 100.0).round() / 100.0),
            numfmt::trim(peak),
            numfmt::trim(1.0 / ctx.avg_ratio.value),
            numfmt::trim(p.functions_min_peak_to_average),
            numfmt::trim(ctx.latency_ms.value)
        );
        return (PlatformKind::Functions, why, text, false);
    }
    let text = format!(
        "no platform is mandated; managed containers carry a steady {} rps average without operating a cluster, and nothing requires Kubernetes",
        numfmt::trim((avg * 100.0).round() / 100.0)
    );
    (PlatformKind::ManagedContainers, why, text, false)
}

/// Alternatives to the chosen platform, each with why it is not chosen.
pub fn alternatives(kind: PlatformKind, mandated: bool, ctx: &Ctx) -> Vec<Alternative> {
    let p = &ctx.rules.platform;
    let mut out = Vec::new();
    for other in [
        PlatformKind::ManagedContainers,
        PlatformKind::Kubernetes,
        PlatformKind::Functions,
        PlatformKind::VirtualMachines,
    ] {
        if other == kind {
            continue;
        }
        let service = ctx
            .cat
            .first(role(other))
            .map(|r| r.service.clone())
            .unwrap_or_else(|| role(other).to_string());
        let why_not = if mandated {
            format!("not the mandated platform ({})", kind_name(kind))
        } else {
            match other {
                PlatformKind::Kubernetes => "no requirement, project setting or chosen technology mandates Kubernetes, and a cluster adds control-plane cost, upgrades and node operations for a few services".to_string(),
                PlatformKind::Functions => format!(
                    "average load {} rps exceeds the {} rps functions threshold, or the {} ms latency target leaves no room for cold starts",
                    numfmt::trim((ctx.avg_rps() * 100.0).round() / 100.0),
                    numfmt::trim(p.functions_max_average_rps),
                    numfmt::trim(ctx.latency_ms.value)
                ),
                PlatformKind::VirtualMachines => "VMs add OS patching and image management that managed platforms remove, for no requirement they serve better".to_string(),
                PlatformKind::ManagedContainers => "always-on containers cost more than per-request functions at this low, spiky load".to_string(),
            }
        };
        out.push(Alternative {
            option: service,
            why_not,
        });
    }
    out
}

pub fn kind_name(kind: PlatformKind) -> &'static str {
    match kind {
        PlatformKind::ManagedContainers => "managed containers",
        PlatformKind::Kubernetes => "Kubernetes",
        PlatformKind::Functions => "serverless functions",
        PlatformKind::VirtualMachines => "virtual machines",
    }
}
