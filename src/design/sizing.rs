//! Capacity arithmetic in each workload's own units, kept pure: every function
//! returns the number and the formula the document prints beside it.
//!
//! Concurrency is throughput × *service time* (Little's law: L = λ × W with W
//! the time a request spends in the system), never × the latency target: a
//! p95 target of 5 s for an upload says how slow the slowest may be, not how
//! long the average one holds an instance. Zone loss is covered once, by
//! static stability over the zones; pods are packed onto nodes; databases are
//! sized from reads, writes and growth × retention, and a burstable class is
//! only taken when the *sustained* load stays under its CPU baseline.

use super::math;
use crate::numfmt::trim;

/// A number with the arithmetic that produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sized {
    pub value: f64,
    pub formula: String,
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Requests in flight: λ × W, with W the mean service time.
pub fn in_flight(rate_per_s: f64, service_time_s: f64) -> Sized {
    let l = math::littles_law(rate_per_s, service_time_s);
    Sized {
        value: l,
        formula: format!(
            "L = λ × W = {} /s × {} s (service time, not the latency target) = {} in flight",
            trim(r3(rate_per_s)),
            trim(r3(service_time_s)),
            trim(r3(l))
        ),
    }
}

/// Mean service time implied by a latency target at percentile `pct` when no
/// document states one: the mean of an exponential service-time distribution
/// whose `pct`th percentile is the target, target ÷ ln(1 ÷ (1 − p)) (p95 ≈
/// target ÷ 3.0, p99 ≈ ÷ 4.6). A latency *target* bounds the slow tail; the
/// mean is what holds an instance, so it is what Little's law takes. A max
/// (p100) target is read as p99.
pub fn service_time_from_target(target_s: f64, pct: u8) -> Sized {
    let p = (f64::from(pct.clamp(50, 99))) / 100.0;
    let k = (1.0 / (1.0 - p)).ln();
    let v = target_s / k;
    Sized {
        value: v,
        formula: format!(
            "W = p{} target {} s ÷ ln(1 ÷ (1 − {})) = {} ÷ {} = {} s (mean of an exponential service time with that percentile)",
            pct.clamp(50, 99),
            trim(r3(target_s)),
            trim(p),
            trim(r3(target_s)),
            trim((k * 100.0).round() / 100.0),
            trim(r3(v))
        ),
    }
}

/// The service time Little's law takes when no document states one: the
/// typical time a request works (`typical_s`, a stated default), capped by
/// the mean a latency target at percentile `pct` allows
/// ([`service_time_from_target`]). A tight target lowers it; a loose one
/// (a 10 s p99 for an ingest call) does not raise it, because a target says
/// how long a client may wait, not how long a request holds an instance.
pub fn service_time(target_s: f64, pct: u8, typical_s: f64) -> Sized {
    let bound = service_time_from_target(target_s, pct);
    // Within 5% the two readings are one figure at the precision stated.
    if bound.value <= typical_s * 1.05 {
        return bound;
    }
    Sized {
        value: typical_s,
        formula: format!(
            "W = {} s, the typical time a request works; the target allows up to {} s ({}), which bounds it but does not set it",
            trim(r3(typical_s)),
            trim(r3(bound.value)),
            bound.formula
        ),
    }
}

/// Request rate from concurrent users and how often each one sends a request.
/// "20 concurrent users" is 20 people with pages open, not 20 requests a second.
pub fn rate_from_users(users: f64, requests_per_user_per_s: f64) -> Sized {
    let v = users * requests_per_user_per_s;
    Sized {
        value: v,
        formula: format!(
            "{} users × {} requests/s each = {} rps",
            trim(users),
            trim(requests_per_user_per_s),
            trim(r3(v))
        ),
    }
}

/// Instances (or workers) for a load: ceil(λ × W ÷ (per-instance concurrency ×
/// utilisation)). Async workers use the same law with messages/s and the
/// processing time per message.
pub fn instances(
    rate_per_s: f64,
    service_time_s: f64,
    per_instance: f64,
    utilisation: f64,
) -> (u32, String) {
    let l = math::littles_law(rate_per_s, service_time_s);
    let n = math::instances(l, per_instance, utilisation);
    (
        n,
        format!(
            "ceil({} in flight ÷ ({} per instance × {})) = {}",
            trim(r3(l)),
            trim(per_instance),
            trim(utilisation),
            n
        ),
    )
}

/// Zone static stability, applied once: the instances peak needs, spread so
/// that losing one zone leaves enough. Returns (per zone, total).
pub fn across_zones(n: u32, zones: u32) -> (u32, u32) {
    math::static_stability(n, zones)
}

/// CPU and memory of a pod or a node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub vcpu: f64,
    pub memory_gb: f64,
}

/// Which resource limits how many pods fit on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Cpu,
    Memory,
}

/// Pods packed onto nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Packing {
    pub pods_per_node: u32,
    pub nodes: u32,
    pub limit: Limit,
    pub formula: String,
}

/// Packs `pods` of shape `pod` onto nodes of shape `node`, of which
/// `allocatable` (0–1) is left for pods after the system reserve, with at
/// least one node per zone and pods spread evenly over `zones`.
/// Returns `None` when one pod does not fit on the node.
pub fn pack(pods: u32, pod: Shape, node: Shape, allocatable: f64, zones: u32) -> Option<Packing> {
    let by_cpu = (node.vcpu * allocatable / pod.vcpu + 1e-9).floor();
    let by_mem = (node.memory_gb * allocatable / pod.memory_gb + 1e-9).floor();
    let per_node = by_cpu.min(by_mem);
    if per_node < 1.0 || !per_node.is_finite() {
        return None;
    }
    let per_node = per_node as u32;
    let limit = if by_cpu <= by_mem {
        Limit::Cpu
    } else {
        Limit::Memory
    };
    let zones = zones.max(1);
    // Nodes live in zones: each zone needs enough nodes for its share of pods.
    let pods_per_zone = pods.div_ceil(zones);
    let nodes_per_zone = pods_per_zone.div_ceil(per_node).max(1);
    let nodes = nodes_per_zone * zones;
    Some(Packing {
        pods_per_node: per_node,
        nodes,
        limit,
        formula: format!(
            "{} pods of {} vCPU / {} GB on {} vCPU / {} GB nodes ({}% allocatable): {} per node ({}-bound); ceil({} per zone ÷ {}) × {} zones = {} nodes",
            pods,
            trim(pod.vcpu),
            trim(pod.memory_gb),
            trim(node.vcpu),
            trim(node.memory_gb),
            trim(allocatable * 100.0),
            per_node,
            if limit == Limit::Cpu { "CPU" } else { "memory" },
            pods_per_zone,
            per_node,
            zones,
            nodes
        ),
    })
}

/// A database instance class the catalog offers.
#[derive(Debug, Clone, PartialEq)]
pub struct DbClass {
    pub name: String,
    pub vcpu: f64,
    pub memory_gb: f64,
    /// For burstable classes, the share of its vCPUs it may use without
    /// spending credits (t3/t4g: 20–40 %; B-series; shared-core).
    pub burst_baseline: Option<f64>,
}

/// The load a database must carry.
#[derive(Debug, Clone, PartialEq)]
pub struct DbLoad {
    pub peak_reads_per_s: f64,
    pub peak_writes_per_s: f64,
    /// Monthly average as a share of peak: the sustained load.
    pub average_to_peak: f64,
    /// Reads one vCPU serves per second (a stated assumption).
    pub reads_per_vcpu: f64,
    /// Writes one vCPU serves per second (WAL, fsync and index upkeep make
    /// them dearer than reads; a stated assumption).
    pub writes_per_vcpu: f64,
    /// CPU utilisation to size for at peak (0–1).
    pub target_utilisation: f64,
    /// Data that should stay in memory (hot rows and indexes), GB.
    pub working_set_gb: f64,
}

/// The class chosen and why.
#[derive(Debug, Clone, PartialEq)]
pub struct DbChoice {
    pub class: DbClass,
    pub vcpu_needed: f64,
    pub sustained_vcpu: f64,
    pub formula: String,
}

/// The smallest class with the vCPUs peak needs and memory for the working
/// set; a burstable class only when the sustained load stays under its
/// baseline. `None` when no class is large enough (the document then says so).
pub fn db_class(load: &DbLoad, classes: &[DbClass]) -> Option<DbChoice> {
    let cpu_at_peak =
        load.peak_reads_per_s / load.reads_per_vcpu + load.peak_writes_per_s / load.writes_per_vcpu;
    let vcpu_needed = cpu_at_peak / load.target_utilisation.max(0.05);
    let sustained = cpu_at_peak * load.average_to_peak;
    let mut sorted: Vec<&DbClass> = classes.iter().collect();
    sorted.sort_by(|a, b| {
        (a.vcpu, a.memory_gb)
            .partial_cmp(&(b.vcpu, b.memory_gb))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let fits = |c: &DbClass| {
        c.vcpu + 1e-9 >= vcpu_needed
            && c.memory_gb + 1e-9 >= load.working_set_gb
            && c.burst_baseline
                .is_none_or(|b| sustained <= b * c.vcpu + 1e-9 && cpu_at_peak <= c.vcpu)
    };
    let class = sorted.into_iter().find(|c| fits(c))?.clone();
    let formula = format!(
        "CPU at peak = {} reads/s ÷ {} + {} writes/s ÷ {} = {} vCPU; ÷ {} target = {} vCPU; sustained {} vCPU ({} of peak); working set {} GB ⇒ {} ({} vCPU / {} GB{})",
        trim(r3(load.peak_reads_per_s)),
        trim(load.reads_per_vcpu),
        trim(r3(load.peak_writes_per_s)),
        trim(load.writes_per_vcpu),
        trim(r3(cpu_at_peak)),
        trim(load.target_utilisation),
        trim(r3(vcpu_needed)),
        trim(r3(sustained)),
        trim(load.average_to_peak),
        trim(r3(load.working_set_gb)),
        class.name,
        trim(class.vcpu),
        trim(class.memory_gb),
        match class.burst_baseline {
            Some(b) => format!(
                ", burstable: sustained load under its {}% baseline",
                trim(b * 100.0)
            ),
            None => String::new(),
        }
    );
    Some(DbChoice {
        class,
        vcpu_needed,
        sustained_vcpu: sustained,
        formula,
    })
}

/// Storage to provision: what is there now plus growth for as long as data is
/// kept, within the planning horizon: initial + growth × min(retention, horizon).
pub fn storage_gb(
    initial_gb: f64,
    growth_gb_per_month: f64,
    retention_months: Option<f64>,
    horizon_months: f64,
) -> Sized {
    let months = retention_months.map_or(horizon_months, |r| r.min(horizon_months));
    let v = initial_gb + growth_gb_per_month * months;
    let kept = match retention_months {
        Some(r) if r < horizon_months => format!("{} months kept", trim(r)),
        _ => format!("{} months planned", trim(horizon_months)),
    };
    Sized {
        value: v,
        formula: format!(
            "{} GB now + {} GB/month × {kept} = {} GB",
            trim(r3(initial_gb)),
            trim(r3(growth_gb_per_month)),
            trim(r3(v))
        ),
    }
}

/// Batch throughput needed to finish `volume_gb` inside `window_h` with room
/// for `reruns` full re-runs before the deadline: volume × (1 + reruns) ÷ window.
pub fn batch_rate_gb_per_h(volume_gb: f64, window_h: f64, reruns: u32) -> Sized {
    let v = volume_gb * (1.0 + reruns as f64) / window_h.max(1e-9);
    Sized {
        value: v,
        formula: format!(
            "{} GB × (1 + {} re-run) ÷ {} h window = {} GB/h",
            trim(r3(volume_gb)),
            reruns,
            trim(window_h),
            trim(r3(v))
        ),
    }
}

/// Workers for a batch rate, each processing `gb_per_worker_h`.
pub fn batch_workers(rate_gb_per_h: f64, gb_per_worker_h: f64) -> u32 {
    ((rate_gb_per_h / gb_per_worker_h) - 1e-9).ceil().max(1.0) as u32
}

/// Stream shards or partitions: the larger of the record-rate and the
/// byte-rate bound (Kinesis: 1,000 records/s and 1 MB/s in per shard;
/// Event Hubs: the same per throughput unit).
pub fn partitions(
    events_per_s: f64,
    event_kb: f64,
    per_partition_events: f64,
    per_partition_mb_s: f64,
) -> (u32, String) {
    let by_events = (events_per_s / per_partition_events - 1e-9).ceil().max(1.0);
    let mb_s = events_per_s * event_kb / 1000.0;
    let by_bytes = (mb_s / per_partition_mb_s - 1e-9).ceil().max(1.0);
    let n = by_events.max(by_bytes) as u32;
    (
        n,
        format!(
            "max(ceil({} events/s ÷ {}), ceil({} MB/s ÷ {} MB/s)) = {}",
            trim(r3(events_per_s)),
            trim(per_partition_events),
            trim(r3(mb_s)),
            trim(per_partition_mb_s),
            n
        ),
    )
}

/// GPU memory one model replica needs: weights (parameters × bytes each) plus
/// the KV cache of the sequences served at once, plus a runtime overhead share.
pub fn model_memory_gb(
    params_billion: f64,
    bytes_per_param: f64,
    kv_bytes_per_token: f64,
    tokens_per_sequence: f64,
    concurrent_sequences: f64,
    overhead: f64,
) -> Sized {
    let weights = params_billion * bytes_per_param;
    let kv = kv_bytes_per_token * tokens_per_sequence * concurrent_sequences / 1e9;
    let v = (weights + kv) * (1.0 + overhead);
    Sized {
        value: v,
        formula: format!(
            "({} B params × {} bytes = {} GB weights + {} B/token × {} tokens × {} sequences = {} GB KV cache) × {} runtime overhead = {} GB",
            trim(params_billion),
            trim(bytes_per_param),
            trim(r3(weights)),
            trim(kv_bytes_per_token),
            trim(tokens_per_sequence),
            trim(concurrent_sequences),
            trim(r3(kv)),
            trim(1.0 + overhead),
            trim(r3(v))
        ),
    }
}

/// GPUs per replica: the model is split across GPUs (tensor parallel) only
/// when it does not fit one; splits are powers of two.
pub fn gpus_per_replica(memory_needed_gb: f64, gpu_memory_gb: f64) -> u32 {
    let mut n = 1u32;
    while (n as f64) * gpu_memory_gb + 1e-9 < memory_needed_gb && n < 64 {
        n *= 2;
    }
    n
}

/// Replicas for a token rate: ceil(tokens/s needed ÷ tokens/s one replica
/// sustains at its batching knee).
pub fn replicas_for(tokens_per_s: f64, per_replica_tokens_per_s: f64) -> (u32, String) {
    let n = (tokens_per_s / per_replica_tokens_per_s - 1e-9)
        .ceil()
        .max(1.0) as u32;
    (
        n,
        format!(
            "ceil({} tokens/s ÷ {} tokens/s per replica) = {}",
            trim(r3(tokens_per_s)),
            trim(per_replica_tokens_per_s),
            n
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_time_is_the_mean_behind_a_percentile_target() {
        // (target s, percentile) -> mean service time s
        for (target, pct, want) in [
            (0.3, 95u8, 0.3 / 20f64.ln()),
            (5.0, 95, 5.0 / 20f64.ln()),
            (0.8, 99, 0.8 / 100f64.ln()),
            // A max target is read as p99, never ln(∞).
            (2.0, 100, 2.0 / 100f64.ln()),
            (1.0, 50, 1.0 / 2f64.ln()),
        ] {
            let w = service_time_from_target(target, pct);
            assert!(
                (w.value - want).abs() < 1e-9,
                "{target} p{pct}: {}",
                w.value
            );
            // A tail target (p64 and up, where ln(1/(1 − p)) > 1) sits above
            // the mean; a median target sits below it.
            assert_eq!(w.value < target, pct >= 64, "{target} p{pct}");
            assert!(w.formula.contains("ln"));
        }
        // 250 rps on a 300 ms p95 target: 25 in flight, not 75.
        let w = service_time_from_target(0.3, 95).value;
        assert_eq!(in_flight(250.0, w).value.round(), 25.0);
    }

    #[test]
    fn a_loose_target_bounds_the_service_time_but_does_not_set_it() {
        // (target s, percentile, typical s, expected W s)
        let cases: &[(f64, u8, f64, f64)] = &[
            // Tight target: the mean it allows is below the typical work.
            (0.3, 95, 0.1, 0.3 / (20.0f64).ln()),
            (0.15, 99, 0.1, 0.15 / (100.0f64).ln()),
            // At the bound: either reading gives the same W.
            (0.3 * 0.1 / (0.3 / (20.0f64).ln()), 95, 0.1, 0.1),
            // Loose targets (an upload, an ingest call): the typical work.
            (5.0, 95, 0.1, 0.1),
            (10.0, 99, 0.1, 0.1),
            (2.0, 50, 0.25, 0.25),
        ];
        for (target, pct, typical, want) in cases {
            let w = service_time(*target, *pct, *typical);
            assert!(
                (w.value - want).abs() < 1e-9,
                "{target} s p{pct}: {} vs {want}",
                w.value
            );
            assert!(w.value <= *typical * 1.05, "never above the typical work");
            assert!(w.formula.starts_with("W = "), "{}", w.formula);
        }
        // A loose target says so in the formula.
        assert!(
            service_time(10.0, 99, 0.1)
                .formula
                .contains("does not set it")
        );
    }

    #[test]
    fn concurrency_uses_service_time_not_the_latency_target() {
        // An upload API: 30 rps, p95 target 5 s, mean service time 0.4 s.
        // 30 × 0.4 = 12 in flight (not 30 × 5 = 150).
        let l = in_flight(30.0, 0.4);
        assert!((l.value - 12.0).abs() < 1e-9);
        assert!(l.formula.contains("service time"));
        // (rate, service time, per instance, utilisation) -> instances
        for (rate, w, c, u, want) in [
            (250.0, 0.1, 20.0, 0.6, 3), // 25 in flight ÷ 12
            (30.0, 0.4, 20.0, 0.6, 1),  // 12 ÷ 12
            (1000.0, 0.05, 20.0, 0.6, 5),
            (0.02, 0.2, 20.0, 0.6, 1), // a sign-up page
        ] {
            assert_eq!(instances(rate, w, c, u).0, want, "{rate} {w}");
        }
    }

    #[test]
    fn users_are_not_requests_per_second() {
        let r = rate_from_users(20.0, 0.1);
        assert!((r.value - 2.0).abs() < 1e-9, "{}", r.formula);
    }

    #[test]
    fn zone_loss_is_covered_once() {
        // 3 instances needed over 3 zones: 2 per zone, 6 in all; over 2 zones 3 + 3.
        assert_eq!(across_zones(3, 3), (2, 6));
        assert_eq!(across_zones(3, 2), (3, 6));
        assert_eq!(across_zones(1, 1), (1, 1));
    }

    #[test]
    fn pods_are_packed_onto_nodes() {
        let pod = Shape {
            vcpu: 0.5,
            memory_gb: 1.0,
        };
        let m5_large = Shape {
            vcpu: 2.0,
            memory_gb: 8.0,
        };
        let m5_xlarge = Shape {
            vcpu: 4.0,
            memory_gb: 16.0,
        };
        // (pods, node, zones) -> (per node, nodes, limit)
        let cases = [
            (6, m5_large, 3, 3, 3, Limit::Cpu), // 3 per node; 2 pods per zone ⇒ 1 node per zone
            (12, m5_large, 3, 3, 6, Limit::Cpu), // 4 per zone ⇒ 2 nodes per zone
            (12, m5_xlarge, 3, 6, 3, Limit::Cpu),
            (1, m5_xlarge, 2, 6, 2, Limit::Cpu), // one node per zone at least
        ];
        for (pods, node, zones, per, nodes, limit) in cases {
            let p = pack(pods, pod, node, 0.75, zones).unwrap();
            assert_eq!(
                (p.pods_per_node, p.nodes, p.limit),
                (per, nodes, limit),
                "{pods} on {node:?}"
            );
        }
        // Memory-bound pods.
        let fat = Shape {
            vcpu: 0.25,
            memory_gb: 4.0,
        };
        let p = pack(4, fat, m5_large, 0.75, 1).unwrap();
        assert_eq!((p.pods_per_node, p.limit), (1, Limit::Memory));
        // A pod larger than the node does not fit.
        assert!(
            pack(
                1,
                Shape {
                    vcpu: 8.0,
                    memory_gb: 1.0
                },
                m5_large,
                0.75,
                1
            )
            .is_none()
        );
    }

    fn classes() -> Vec<DbClass> {
        let c = |n: &str, v: f64, m: f64, b: Option<f64>| DbClass {
            name: n.into(),
            vcpu: v,
            memory_gb: m,
            burst_baseline: b,
        };
        vec![
            c("db.t3.medium", 2.0, 4.0, Some(0.2)),
            c("db.t3.large", 2.0, 8.0, Some(0.3)),
            c("db.m6g.large", 2.0, 8.0, None),
            c("db.m6g.xlarge", 4.0, 16.0, None),
            c("db.m6g.2xlarge", 8.0, 32.0, None),
            c("db.r6g.4xlarge", 16.0, 128.0, None),
        ]
    }

    #[test]
    fn database_class_follows_load_and_never_bursts_under_sustained_load() {
        let load = |reads: f64, writes: f64, avg: f64, ws: f64| DbLoad {
            peak_reads_per_s: reads,
            peak_writes_per_s: writes,
            average_to_peak: avg,
            reads_per_vcpu: 750.0,
            writes_per_vcpu: 250.0,
            target_utilisation: 0.6,
            working_set_gb: ws,
        };
        // (load, expected class)
        let cases = [
            // A quiet internal tool: burstable is right.
            (load(20.0, 5.0, 0.25, 2.0), "db.t3.medium"),
            // A 1,800 rps ledger, 800 writes/s: sustained ⇒ no burstable; 8 vCPU.
            (load(1000.0, 800.0, 0.5, 20.0), "db.m6g.2xlarge"),
            // Modest but steady load above a t3's baseline.
            (load(500.0, 100.0, 0.8, 4.0), "db.m6g.large"),
            // Working set decides.
            (load(50.0, 10.0, 0.25, 100.0), "db.r6g.4xlarge"),
        ];
        for (l, want) in cases {
            let c = db_class(&l, &classes()).unwrap();
            assert_eq!(c.class.name, want, "{}", c.formula);
        }
        // Nothing big enough.
        assert!(db_class(&load(100_000.0, 50_000.0, 0.5, 10.0), &classes()).is_none());
    }

    #[test]
    fn storage_is_growth_times_retention() {
        // A ledger growing 300 GB a month, kept 7 years, planned for 12 months.
        let s = storage_gb(50.0, 300.0, Some(84.0), 12.0);
        assert!((s.value - 3650.0).abs() < 1e-9, "{}", s.formula);
        // Logs kept 3 months: growth stops at retention.
        let s = storage_gb(0.0, 100.0, Some(3.0), 12.0);
        assert!((s.value - 300.0).abs() < 1e-9);
        assert!(s.formula.contains("3 months kept"));
    }

    #[test]
    fn batch_fits_the_window_with_a_rerun() {
        // 2 TB a day, 6 h window (00:00–06:00), room for one re-run ⇒ 666.7 GB/h.
        let r = batch_rate_gb_per_h(2000.0, 6.0, 1);
        assert!((r.value - 666.667).abs() < 1e-3, "{}", r.formula);
        assert_eq!(batch_workers(r.value, 100.0), 7);
        assert_eq!(batch_workers(50.0, 100.0), 1);
    }

    #[test]
    fn partitions_take_the_tighter_bound() {
        // 5,000 events/s of 0.5 kB: records bind (5), bytes 2.5 MB/s (3).
        assert_eq!(partitions(5000.0, 0.5, 1000.0, 1.0).0, 5);
        // 1,000 events/s of 4 kB: bytes bind (4 MB/s ⇒ 4).
        assert_eq!(partitions(1000.0, 4.0, 1000.0, 1.0).0, 4);
        assert_eq!(partitions(1.0, 1.0, 1000.0, 1.0).0, 1);
    }

    #[test]
    fn gpu_memory_and_replicas() {
        // Llama 3.1 8B bf16 (LLM-MEM): 8.03 B × 2 = 16.06 GB weights; KV 131,072
        // B/token × 4,096 tokens × 8 sequences = 4.29 GB; × 1.1 = 22.4 GB.
        let m = model_memory_gb(8.03, 2.0, 131_072.0, 4096.0, 8.0, 0.1);
        assert!((m.value - 22.39).abs() < 0.01, "{}", m.formula);
        assert_eq!(gpus_per_replica(m.value, 24.0), 1); // A10G / L4
        assert_eq!(gpus_per_replica(m.value, 16.0), 2); // T4: split
        assert_eq!(gpus_per_replica(140.0, 80.0), 2);
        assert_eq!(gpus_per_replica(300.0, 80.0), 4);
        // 1,200 tokens/s at ≈ 500 tokens/s per A100 replica (LLM-TPUT) ⇒ 3.
        assert_eq!(replicas_for(1200.0, 500.0).0, 3);
    }
}
