//! Lint throughput: a generated corpus of 2,000 architecture documents
//! (~5 MB, a mix of clean and sloppy ones, all linking one PRD) written to a
//! temporary folder and linted the way `infrarch lint DIR` does it: walk, read,
//! parse, all rules, in parallel, sorted. Prints MB/s.
//!
//! `cargo bench --bench lint` (`INFRARCH_BENCH_CORPUS=DIR` keeps a copy of the corpus)

use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use infrarch::lint::{LintOptions, lint_paths};

const DOCS: usize = 2_000;

/// A tiny deterministic generator (no rand dependency for a benchmark).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

const PROSE: &[&str] = &[
    "The service runs on ECS Fargate in eu-west-1 across two availability zones, 2 to 8 tasks at 60% CPU.",
    "This document describes a robust and scalable infrastructure that follows industry best practices.",
    "RDS for PostgreSQL 16 on db.t4g.large with a Multi-AZ standby; backups kept 14 days with point-in-time recovery.",
    "The architecture will ensure high availability and provide comprehensive monitoring.",
    "CloudFront terminates TLS and caches static assets for 24 h; AWS WAF applies the managed core rule set.",
    "[Brief overview of the infrastructure architectural approach and key decisions]",
    "Logs go to CloudWatch Logs as JSON for 30 days; alerts page the on-call engineer through PagerDuty.",
    "Security groups allow the ALB to reach tasks on 8080 and tasks to reach RDS on 5432; nothing else is open.",
    "TBD after the capacity review with the platform team.",
    "Terraform 1.9 with state in S3 and DynamoDB locking; one workspace per environment, plans posted by CI.",
];

fn document(i: usize, rng: &mut Lcg) -> String {
    let slug = format!("feature-{i}");
    let mut s = format!(
        "# Infrastructure Architecture: Feature {i}\n\n**Source PRD:** [prd](../prd/shared-prd.md)\n**Document ID:** {slug}-infrastructure-architecture-2026{:02}{:02}\n**Author:** @infrastructure-architecture-agent\n**Status:** {}\n**Created:** 2026-01-05\n\n",
        1 + rng.next() % 12,
        1 + rng.next() % 28,
        rng.pick(&["Draft", "In Review", "Approved", "Final"]),
    );
    // The template's section titles, as the linter reads them.
    let titles = infrarch::lint::data::TEMPLATE_DATA
        .section
        .iter()
        .map(|s| s.title.as_str());
    for (n, t) in titles.enumerate() {
        if rng.next().is_multiple_of(10) {
            continue; // a missing section now and then
        }
        s.push_str(&format!("## {}. {t}\n\n{}\n\n", n + 1, rng.pick(PROSE)));
        match n {
            1 => s.push_str(&format!(
                "| Requirement | Specification |\n|---|---|\n| Availability | {} |\n| Performance | p95 < {} ms |\n\n",
                rng.pick(&["99.9% monthly", "High availability", "99.95%"]),
                100 + rng.next() % 400
            )),
            2 => s.push_str(
                "```mermaid\nflowchart LR\n  user([Shopper]) --> alb[ALB] --> api[checkout-api]\n  api --> db[(RDS PostgreSQL)]\n```\n\n",
            ),
            9 => s.push_str(&format!(
                "### ADR-1: Use ECS Fargate\n\n**Status:** Accepted\n\n**Context:** One stateless service.\n\n**Decision:** Run on ECS Fargate.\n\n**Consequences:** No nodes to patch.\n\n**Alternatives Considered:**\n1. {}\n\n",
                rng.pick(&["EKS - a cluster for one service", "Lambda", "EC2 Auto Scaling - more patching work"])
            )),
            _ => {}
        }
    }
    s
}

fn corpus(dir: &Path) -> u64 {
    let mut rng = Lcg(42);
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).expect("mkdir");
    std::fs::create_dir_all(dir.join("prd")).expect("mkdir");
    std::fs::write(
        dir.join("prd/shared-prd.md"),
        "# PRD\n\n| Requirement | Target |\n|---|---|\n| Availability | 99.9% monthly |\n| Latency | p95 under 300 ms |\n",
    )
    .expect("write");
    let mut bytes = 0;
    for i in 0..DOCS {
        let d = document(i, &mut rng);
        bytes += d.len() as u64;
        std::fs::write(
            docs.join(format!("feature-{i}-infrastructure-architecture.md")),
            d,
        )
        .expect("write");
    }
    bytes
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bytes = corpus(tmp.path());
    // INFRARCH_BENCH_CORPUS=DIR also writes the corpus there and keeps it, to
    // time the binary (or another tool) on the same files.
    if let Some(keep) = std::env::var_os("INFRARCH_BENCH_CORPUS") {
        corpus(Path::new(&keep));
    }
    let paths = vec![tmp.path().join("docs")];
    let opts = LintOptions::default();
    // Timed passes outside criterion for plain figures. The machine may be
    // shared, so CPU time is printed too: MB per CPU-second times the cores is
    // what an idle machine would reach.
    let mb = bytes as f64 / 1e6;
    for pass in 1..=3 {
        let cpu0 = cpu_seconds();
        let start = Instant::now();
        let run = lint_paths(&paths, &opts).expect("lint");
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b);
        println!(
            "pass {pass}: {} files, {mb:.2} MB, {} diagnostics, {secs:.3} s wall = {:.1} MB/s on {} threads; {}",
            run.files,
            run.diagnostics.len(),
            mb / secs,
            rayon::current_num_threads(),
            cpu.map_or("cpu time n/a".to_string(), |c| format!(
                "{c:.2} s CPU = {:.1} MB per CPU-second",
                mb / c
            )),
        );
    }
    let mut g = c.benchmark_group("lint");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(10));
    g.bench_function("corpus_2000_docs", |b| {
        b.iter(|| lint_paths(&paths, &opts).expect("lint"))
    });
    g.finish();

    // Where the time goes, on one thread: Markdown parse, lint context, all rules.
    let texts: Vec<String> = (0..DOCS)
        .map(|i| {
            std::fs::read_to_string(
                tmp.path()
                    .join(format!("docs/feature-{i}-infrastructure-architecture.md")),
            )
            .expect("read")
        })
        .collect();
    let phase = |name: &str, f: &dyn Fn(&str)| {
        let start = Instant::now();
        for t in &texts {
            f(t);
        }
        println!(
            "  {name}: {:.1} MB/s (one thread)",
            mb / start.elapsed().as_secs_f64()
        );
    };
    phase("markdown::parse", &|t| {
        std::hint::black_box(infrarch::markdown::parse(t));
    });
    phase("Context::new", &|t| {
        std::hint::black_box(infrarch::lint::Context::new(
            "x.md",
            t,
            infrarch::lint::Inputs::default(),
        ));
    });
    phase("lint_document (no PRD)", &|t| {
        std::hint::black_box(infrarch::lint::lint_document(
            "x.md",
            t,
            infrarch::lint::Inputs::default(),
            &opts.selection,
        ));
    });
}

/// User + system CPU seconds of this process (Linux `/proc`, 100 Hz ticks).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the `(comm)`; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

criterion_group!(benches, bench);
criterion_main!(benches);
