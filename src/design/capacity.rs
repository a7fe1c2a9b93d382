//! Capacity: Little's law (L = λ × W) with per-instance concurrency as an
//! explicit assumption, static stability (N−1 zones carry peak), min/max
//! instances and the scaling rules.

use super::context::Ctx;
use super::model::*;
use super::{math, sizing};
use crate::numfmt;

/// λ, W, L and the instances peak needs, before zones are known.
pub struct Base {
    pub peak: Figure,
    pub w: Figure,
    pub l: Figure,
    pub per_instance: Figure,
    pub util: Figure,
    pub n: u32,
    pub instances_for_peak: Figure,
    pub instance_size: String,
    pub steps: Vec<String>,
}

pub fn base(ctx: &mut Ctx, platform: PlatformKind, vm_vcpu: f64) -> Base {
    // W in Little's law is the mean time a request holds an instance (its
    // service time), not the latency target: the target bounds the slow tail.
    let service = sizing::service_time(
        ctx.latency_ms.value / 1000.0,
        ctx.latency_pct,
        ctx.rules.defaults.request_service_time_s,
    );
    let w_id = ctx.assume(
        "service time",
        format!("{} ms per request", numfmt::trim((service.value * 1000.0).round())),
        format!(
            "no document states the time one request holds an instance; {}. Measure it in the first load test",
            service.formula
        ),
    );
    let d = &ctx.rules.defaults;
    let peak = ctx.peak_rps();
    // The assumption is stated in whole milliseconds; the arithmetic uses
    // the same figure so every step reproduces from what is printed.
    let w = ((service.value * 1000.0).round() / 1000.0).max(0.001);
    let l = math::littles_law(peak, w);
    let scale = if platform == PlatformKind::VirtualMachines {
        vm_vcpu / d.instance_vcpu
    } else {
        1.0
    };
    let c = ctx.concurrency.value * scale;
    let u = ctx.utilisation.value / 100.0;
    let n = if platform == PlatformKind::Functions {
        l.ceil().max(1.0) as u32
    } else {
        math::instances(l, c, u)
    };
    let mut steps = vec![
        format!(
            "λ = {} rps × peak factor {} = {} rps",
            numfmt::trim(ctx.throughput.value),
            numfmt::trim(ctx.peak_factor.value),
            numfmt::trim(peak)
        ),
        format!(
            "W = mean service time {} s (the p{} latency target {} ms bounds the slow tail, not the mean)",
            numfmt::trim((w * 1000.0).round() / 1000.0),
            ctx.latency_pct,
            numfmt::trim(ctx.latency_ms.value),
        ),
        format!(
            "L = λ × W = {} × {} = {} requests in flight",
            numfmt::trim(peak),
            numfmt::trim((w * 1000.0).round() / 1000.0),
            numfmt::trim((l * 1000.0).round() / 1000.0)
        ),
    ];
    let instance_size = if platform == PlatformKind::VirtualMachines {
        format!("{} vCPU VM", numfmt::trim(vm_vcpu))
    } else if platform == PlatformKind::Functions {
        format!("{} GB function", numfmt::trim(d.function_memory_gb))
    } else {
        format!(
            "{} vCPU / {} GB",
            numfmt::trim(d.instance_vcpu),
            numfmt::trim(d.instance_memory_gb)
        )
    };
    let formula = if platform == PlatformKind::Functions {
        let s = format!("concurrent executions = ceil(L) = {n}");
        steps.push(s.clone());
        s
    } else {
        let s = format!(
            "instances = ceil(L / (c × u)) = ceil({} / ({} × {})) = {}",
            numfmt::trim((l * 1000.0).round() / 1000.0),
            numfmt::trim(c),
            numfmt::trim(u),
            n
        );
        steps.push(s.clone());
        s
    };
    let mut per_basis = vec![ctx.concurrency.basis.clone()];
    if scale != 1.0 {
        per_basis.push(format!("{} vCPU per VM", numfmt::trim(vm_vcpu)).into());
    }
    Base {
        peak: Figure {
            value: peak,
            unit: "rps".into(),
            basis: vec![ctx.throughput.basis.clone(), ctx.peak_factor.basis.clone()],
            formula: Some(steps[0].clone()),
        },
        w: Figure {
            value: (w * 1e6).round() / 1e6,
            unit: "s".into(),
            basis: vec![ctx.latency_ms.basis.clone(), w_id.clone()],
            formula: Some(service.formula.clone()),
        },
        l: Figure {
            value: (l * 1000.0).round() / 1000.0,
            unit: "requests".into(),
            basis: vec![ctx.throughput.basis.clone(), w_id.clone()],
            formula: Some(steps[2].clone()),
        },
        per_instance: Figure {
            value: c,
            unit: "requests".into(),
            basis: per_basis,
            formula: None,
        },
        util: ctx.utilisation.figure("percent"),
        n,
        instances_for_peak: Figure {
            value: n as f64,
            unit: "instances".into(),
            basis: vec![
                ctx.throughput.basis.clone(),
                w_id,
                ctx.concurrency.basis.clone(),
                ctx.utilisation.basis.clone(),
            ],
            formula: Some(formula),
        },
        instance_size,
        steps,
    }
}

pub fn finish(
    ctx: &Ctx,
    b: Base,
    platform: PlatformKind,
    zones: u32,
    compute_id: &str,
    queue: bool,
) -> Capacity {
    let d = &ctx.rules.defaults;
    let mut steps = b.steps.clone();
    let (per_zone, total) = math::static_stability(b.n, zones);
    let applies = zones > 1 && platform != PlatformKind::Functions;
    let ss_formula = if applies {
        format!(
            "per zone = ceil({} / ({} − 1)) = {}; total = {} × {} = {}",
            b.n, zones, per_zone, per_zone, zones, total
        )
    } else if platform == PlatformKind::Functions {
        "functions: the provider runs executions across zones; no instances to pre-provision"
            .to_string()
    } else {
        format!("single zone: {} instances, no zone to fail over to", b.n)
    };
    steps.push(ss_formula.clone());
    let (min, max) = if platform == PlatformKind::Functions {
        (0, ((b.n as f64) * d.burst_headroom).ceil() as u32)
    } else {
        let min = if applies { total } else { b.n };
        (min, ((min as f64) * d.burst_headroom).ceil() as u32)
    };
    steps.push(format!(
        "min = {min}; max = min × burst headroom {} = {max}",
        numfmt::trim(d.burst_headroom)
    ));
    let u = ctx.utilisation.value;
    let mut rules = Vec::new();
    let why = vec![ctx.utilisation.basis.clone(), ctx.concurrency.basis.clone()];
    if platform == PlatformKind::Functions {
        rules.push(ScalingRule {
            component: compute_id.into(),
            metric: "concurrent_executions".into(),
            threshold: format!(
                "> {} (80% of the {max} concurrency limit)",
                (max as f64 * 0.8).floor()
            ),
            threshold_value: (max as f64 * 0.8).floor(),
            action:
                "provider scales executions automatically; alert to raise the reserved concurrency"
                    .into(),
            cooldown_s: 0,
            why: why.clone(),
        });
    } else {
        rules.push(ScalingRule {
            component: compute_id.into(),
            metric: "cpu_utilisation".into(),
            threshold: format!("target {}% average CPU", numfmt::trim(u)),
            threshold_value: u,
            action: format!("target tracking between {min} and {max} instances"),
            cooldown_s: 60,
            why: vec![ctx.utilisation.basis.clone()],
        });
        let per_instance_rps = b.per_instance.value * u / 100.0 / b.w.value.max(1e-9);
        let per_instance_rps = (per_instance_rps * 10.0).round() / 10.0;
        rules.push(ScalingRule {
            component: compute_id.into(),
            metric: "request_count_per_target".into(),
            threshold: format!(
                "> {} rps per instance (c × u / W = {} × {} / {})",
                numfmt::trim(per_instance_rps),
                numfmt::trim(b.per_instance.value),
                numfmt::trim(u / 100.0),
                numfmt::trim((b.w.value * 1000.0).round() / 1000.0)
            ),
            threshold_value: per_instance_rps,
            action: "add instances; scale in after 300 s below".into(),
            cooldown_s: 300,
            why: vec![
                ctx.concurrency.basis.clone(),
                ctx.utilisation.basis.clone(),
                ctx.latency_ms.basis.clone(),
            ],
        });
    }
    if queue {
        rules.push(ScalingRule {
            component: compute_id.into(),
            metric: "queue_backlog_per_instance".into(),
            threshold: format!(
                "> {} messages per instance",
                numfmt::trim(b.per_instance.value)
            ),
            threshold_value: b.per_instance.value,
            action: "add consumer instances".into(),
            cooldown_s: 120,
            why: vec![ctx.concurrency.basis.clone()],
        });
    }
    let db_cpu = u + (100.0 - u) / 2.0;
    let vertical = format!(
        "Scale vertically only the stateful tier: when database CPU stays above {}% (midway between the {}% target and saturation) for 30 min after query tuning, move to the next instance size in the maintenance window; stateless instances stay at {} and scale out.",
        numfmt::trim(db_cpu),
        numfmt::trim(u),
        b.instance_size
    );
    Capacity {
        peak_rps: b.peak,
        time_in_system_s: b.w,
        in_flight: b.l,
        per_instance_concurrency: b.per_instance,
        instance_size: b.instance_size,
        target_utilisation_pct: b.util,
        instances_for_peak: b.instances_for_peak,
        static_stability: StaticStability {
            zones,
            per_zone,
            total,
            formula: ss_formula,
            applies,
        },
        min_instances: min,
        max_instances: max,
        steps,
        scaling_rules: rules,
        vertical,
    }
}
