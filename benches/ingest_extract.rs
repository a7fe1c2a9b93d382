//! Ingest + extract throughput over a generated planning tree of 10,000
//! varied documents (PRDs, epics, stories, application and data architecture;
//! NFR tables, prose, phased targets, CJK text, chosen and rejected
//! technologies). Prints documents/s; the goal is ≥ 5,000 docs/s on 2 cores.
//!
//! Run: `cargo bench --bench ingest_extract`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use infrarch::extract::extract;
use infrarch::ingest::load_file;
use rayon::prelude::*;

const DOCS: usize = 10_000;

/// Documents to generate: 10,000, or `INFRARCH_BENCH_DOCS` (a smaller tree
/// for instruction-level profiling).
fn doc_count() -> usize {
    std::env::var("INFRARCH_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DOCS)
}

const TECHS: &[&str] = &[
    "PostgreSQL",
    "Redis",
    "Kafka",
    "RabbitMQ",
    "MongoDB",
    "Elasticsearch",
    "DynamoDB",
    "SQS",
];
const CLOUDS: &[&str] = &[
    "AWS",
    "Google Cloud",
    "Azure",
    "Vercel",
    "Supabase",
    "Railway",
];
const PLATFORMS: &[&str] = &[
    "Kubernetes",
    "ECS Fargate",
    "Cloud Run",
    "AWS Lambda",
    "Docker containers",
];
const FRAMEWORKS: &[&str] = &[
    "SOC 2 Type II",
    "HIPAA",
    "PCI DSS",
    "GDPR",
    "ISO 27001",
    "WCAG 2.1 AA",
];

/// A small deterministic generator, so every run reads the same tree.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() as usize) % xs.len()]
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }
}

fn document(i: usize, rng: &mut Lcg) -> String {
    let mut s = String::with_capacity(6000);
    let _ = writeln!(
        s,
        "---\ntitle: Feature {i}\nstatus: draft\n---\n# Feature {i} PRD\n"
    );
    let _ = writeln!(
        s,
        "## Overview\n\nThis feature lets customers manage orders. The team reviewed the laws of three states and 99.7% of the bill is compute.\n"
    );
    for _ in 0..rng.range(2, 6) {
        let _ = writeln!(
            s,
            "Users complete checkout in a few steps; scenario S3 covers refunds and the SOC monitoring team is notified. Perps trading is out of scope.\n"
        );
    }
    match i % 4 {
        0 => {
            let _ = writeln!(
                s,
                "## Non-Functional Requirements\n\n| Requirement | Target | Notes |\n|---|---|---|"
            );
            let _ = writeln!(
                s,
                "| Availability | {}% | monthly, excluding maintenance |",
                rng.pick(&["99.9", "99.95", "99.5", "99.99"])
            );
            let _ = writeln!(
                s,
                "| API latency (p95) | < {}ms | checkout endpoints |",
                rng.range(100, 800)
            );
            let _ = writeln!(s, "| Throughput | {} rps | at peak |", rng.range(50, 5000));
            let _ = writeln!(s, "| Concurrent users | {} | GA |", rng.range(100, 20000));
            let _ = writeln!(s, "| RTO | {} hours | |", rng.range(1, 8));
            let _ = writeln!(s, "| RPO | {} min | |\n", rng.range(5, 60));
        }
        1 => {
            let _ = writeln!(
                s,
                "## Performance\n\n- **Page load:** < {} seconds on 4G\n- Search results within {}ms (95th percentile)\n- Support {} concurrent users during MVP and {} at GA\n- MVP: 99% uptime\n- GA: three nines\n",
                rng.range(1, 4),
                rng.range(100, 900),
                rng.range(10, 100),
                rng.range(1000, 9000)
            );
            let _ = writeln!(
                s,
                "## Reliability\n\nThe system recovers within {} minutes (RTO) and loses at most {} minutes of data (RPO). Infrastructure budget: ${}/month.\n",
                rng.range(5, 60),
                rng.range(1, 30),
                rng.range(200, 5000)
            );
        }
        2 => {
            let _ = writeln!(
                s,
                "## 非功能需求\n\n| 指标 | 目标 |\n|---|---|\n| 可用性 | 99.9% |\n| 响应时间（P95） | < {} 毫秒 |\n| 并发用户 | ≥ {} |\n\n가용성 99.95% 이상, 응답 시간 {}ms 이하.\n",
                rng.range(100, 900),
                rng.range(10, 500),
                rng.range(100, 500)
            );
        }
        _ => {
            let _ = writeln!(
                s,
                "## Architecture\n\nCurrent p95 is 1.5s (target: < 2s). We will not use {} for this feature; {} is rejected.\n",
                rng.pick(TECHS),
                rng.pick(TECHS)
            );
        }
    }
    let _ = writeln!(
        s,
        "## Technology Stack\n\n| Component | Technology | Rationale |\n|---|---|---|"
    );
    for _ in 0..rng.range(2, 5) {
        let _ = writeln!(s, "| Data | {} | team knows it |", rng.pick(TECHS));
    }
    let _ = writeln!(s, "| Hosting | {} | managed |", rng.pick(CLOUDS));
    let _ = writeln!(s, "| Runtime | {} | scale to zero |\n", rng.pick(PLATFORMS));
    let _ = writeln!(
        s,
        "No Kubernetes. {} only (no Azure). Future: migrate to {} if needed.\n",
        rng.pick(CLOUDS),
        rng.pick(CLOUDS)
    );
    let _ = writeln!(
        s,
        "## Compliance\n\n- {} compliance is required\n- Data must be stored in the EU\n",
        rng.pick(FRAMEWORKS)
    );
    let _ = writeln!(s, "## Stories\n");
    for k in 0..rng.range(5, 25) {
        let _ = writeln!(
            s,
            "### Story {k}\n\nAs a shopper I want to pay with a saved card so that checkout is fast.\n\n- [ ] Given a saved card, when I pay, then the order is confirmed\n- [ ] Rate limit: 100 requests/minute per user\n- [ ] Vendor timeout 30 s\n"
        );
    }
    let _ = writeln!(s, "```yaml\nreplicas: 3\nimage: app:{i}\n```");
    s
}

fn generate(root: &Path) -> Vec<PathBuf> {
    let mut rng = Lcg(42);
    let kinds = [
        ("prd", "prd"),
        ("epics", "epics"),
        ("stories", "stories"),
        ("architecture/application", "application-architecture"),
        ("architecture/data", "data-architecture"),
    ];
    let n = doc_count();
    let mut paths = Vec::with_capacity(n);
    for i in 0..n {
        let (dir, kind) = kinds[i % kinds.len()];
        let d = root.join("docs/planning").join(dir);
        std::fs::create_dir_all(&d).expect("create planning dir");
        let p = d.join(format!(
            "feature{}-{kind}-2026{:04}.md",
            i / kinds.len(),
            101 + i % 28
        ));
        std::fs::write(&p, document(i, &mut rng)).expect("write document");
        paths.push(p);
    }
    paths
}

/// Ingest and extract every document (in parallel across files); returns the
/// number of requirements found so the work cannot be optimised away.
fn run(paths: &[PathBuf]) -> usize {
    paths
        .par_iter()
        .map(|p| match load_file(p) {
            Ok(doc) => extract("bench", std::slice::from_ref(&doc))
                .requirements
                .len(),
            Err(_) => 0,
        })
        .sum()
}

/// CPU seconds (user + system) this process has used, from `/proc/self/stat`
/// (Linux; clock ticks are 100 per second there). On a machine shared with
/// other jobs wall time says little; CPU time says what the work costs.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the `(comm)` part; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = generate(dir.path());
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    // Warm the page cache, then one timed pass for the headline figure.
    run(&paths);
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let found = run(&paths);
    let secs = t.elapsed().as_secs_f64();
    if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
        let cpu = b - a;
        println!(
            "  CPU time {:.2} s = {:.0} documents per CPU-second ({:.0} documents/s on 2 uncontended cores)",
            cpu,
            paths.len() as f64 / cpu,
            2.0 * paths.len() as f64 / cpu
        );
    }
    println!(
        "ingest+extract: {} documents ({:.1} MB) in {:.3} s = {:.0} documents/s ({} requirements, {} threads)",
        paths.len(),
        bytes as f64 / 1e6,
        secs,
        paths.len() as f64 / secs,
        found,
        rayon::current_num_threads()
    );
    // Where the time goes (CPU seconds): reading + parsing alone, then
    // extracting alone.
    let c0 = cpu_seconds();
    let docs: Vec<_> = paths.par_iter().filter_map(|p| load_file(p).ok()).collect();
    let c1 = cpu_seconds();
    let n: usize = docs
        .par_iter()
        .map(|d| extract("bench", std::slice::from_ref(d)).requirements.len())
        .sum();
    let c2 = cpu_seconds();
    if let (Some(c0), Some(c1), Some(c2)) = (c0, c1, c2) {
        println!(
            "  CPU: load_file (read + parse) {:.2} s, extract {:.2} s ({n} requirements)",
            c1 - c0,
            c2 - c1
        );
    }
    if std::env::var_os("INFRARCH_BENCH_QUICK").is_some() {
        // The figures above only; skip criterion's sampling.
        return;
    }
    let mut g = c.benchmark_group("ingest_extract");
    g.throughput(Throughput::Elements(paths.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(15));
    g.bench_function("10k_documents", |b| b.iter(|| run(&paths)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
