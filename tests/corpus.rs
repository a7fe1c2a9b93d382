//! The extractor against the hand-labelled corpus of real planning documents
//! (`shared/corpus/labels.tsv`). Prints per-field TP/FP/FN, precision, recall
//! and F1, and the micro-averaged F1; fails below the quality bar.
//!
//! Run: `INFRARCH_SHARED=/work/shared cargo test --test corpus -- --nocapture`

#[path = "common/skip.rs"]
mod skip;

use std::collections::BTreeSet;
use std::path::PathBuf;

use infrarch::extract::extract;
use infrarch::ingest::load_file;
use infrarch::requirements::{Kind, RequirementSet};

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("INFRARCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.join("corpus/labels.tsv").is_file().then_some(dir)
}

/// A labelled field: which kind it is and whether it is a set.
const FIELDS: &[(&str, Kind)] = &[
    ("availability_pct", Kind::Availability),
    ("latency", Kind::Latency),
    ("throughput_rps", Kind::Throughput),
    ("concurrent_users", Kind::ConcurrentUsers),
    ("rto_s", Kind::Rto),
    ("rpo_s", Kind::Rpo),
    ("compliance", Kind::Compliance),
    ("residency", Kind::Residency),
    ("budget_usd_month", Kind::Budget),
    ("cloud", Kind::Cloud),
    ("platform", Kind::Platform),
];

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    labelled: usize,
}

impl Score {
    fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Numbers match within half a unit of the label's last written digit, or
/// 0.1 %, whichever is larger ("0.02" rps accepts 0.0174).
fn num_match(pred: f64, label: &str) -> bool {
    let Ok(l) = label.parse::<f64>() else {
        return false;
    };
    let decimals = label.split('.').nth(1).map_or(0, str::len) as i32;
    let tol = (0.5 * 10f64.powi(-decimals)).max(1e-3 * l.abs());
    (pred - l).abs() <= tol
}

/// `p95<=200ms` → (95, 200).
fn parse_latency(s: &str) -> Option<(u8, i64)> {
    let s = s.trim().strip_prefix('p')?;
    let (p, v) = s.split_once("<=")?;
    Some((
        p.parse().ok()?,
        v.trim_end_matches("ms").parse::<f64>().ok()?.round() as i64,
    ))
}

fn predicted_set(set: &RequirementSet, kind: Kind) -> BTreeSet<String> {
    if kind == Kind::Latency {
        set.all(kind)
            .filter_map(|r| {
                Some(format!(
                    "p{}<={}ms",
                    r.percentile?,
                    r.value.as_f64()?.round() as i64
                ))
            })
            .collect()
    } else {
        set.labels(kind).into_iter().map(str::to_string).collect()
    }
}

fn label_set(cell: &str, kind: Kind) -> BTreeSet<String> {
    if cell.trim() == "-" || cell.trim().is_empty() {
        return BTreeSet::new();
    }
    cell.split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            if kind == Kind::Latency {
                parse_latency(s).map_or(s.to_string(), |(p, v)| format!("p{p}<={v}ms"))
            } else {
                s.to_string()
            }
        })
        .collect()
}

#[test]
fn corpus_quality_bar() {
    let Some(shared) = shared_dir() else {
        skip::skip(
            "corpus",
            "shared corpus not found (set INFRARCH_SHARED=/path/to/shared)",
        );
        return;
    };
    let corpus = shared.join("corpus");
    let tsv = std::fs::read_to_string(corpus.join("labels.tsv")).expect("labels.tsv readable");
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines
        .next()
        .expect("labels.tsv has a header")
        .split('\t')
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .expect("column present")
    };
    let mut scores = vec![Score::default(); FIELDS.len()];
    let mut misses: Vec<String> = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let file = cells[col("file")];
        let doc = load_file(&corpus.join(file)).expect("corpus file loads");
        let set = extract("corpus", std::slice::from_ref(&doc));
        for (fi, (name, kind)) in FIELDS.iter().enumerate() {
            let cell = cells.get(col(name)).copied().unwrap_or("-");
            let s = &mut scores[fi];
            if kind.is_set() || *kind == Kind::Latency {
                let want = label_set(cell, *kind);
                let got = predicted_set(&set, *kind);
                s.labelled += want.len();
                for g in &got {
                    if want.contains(g) {
                        s.tp += 1;
                    } else {
                        s.fp += 1;
                        misses.push(format!("{file}\t{name}\tFP {g}"));
                    }
                }
                for w in want.difference(&got) {
                    s.fn_ += 1;
                    misses.push(format!("{file}\t{name}\tFN {w}"));
                }
            } else {
                let got = set.number(*kind);
                let want = (cell.trim() != "-").then_some(cell.trim());
                if want.is_some() {
                    s.labelled += 1;
                }
                match (got, want) {
                    (Some(g), Some(w)) if num_match(g, w) => s.tp += 1,
                    (Some(g), Some(w)) => {
                        s.fp += 1;
                        s.fn_ += 1;
                        misses.push(format!("{file}\t{name}\tgot {g} want {w}"));
                    }
                    (Some(g), None) => {
                        s.fp += 1;
                        misses.push(format!("{file}\t{name}\tFP {g}"));
                    }
                    (None, Some(w)) => {
                        s.fn_ += 1;
                        misses.push(format!("{file}\t{name}\tFN {w}"));
                    }
                    (None, None) => {}
                }
            }
        }
    }
    let mut out = String::new();
    out.push_str(&format!(
        "{:<18} {:>4} {:>4} {:>4} {:>5} {:>6} {:>6} {:>6}\n",
        "field", "TP", "FP", "FN", "lab", "prec", "recall", "F1"
    ));
    let mut total = Score::default();
    for ((name, _), s) in FIELDS.iter().zip(&scores) {
        total.tp += s.tp;
        total.fp += s.fp;
        total.fn_ += s.fn_;
        total.labelled += s.labelled;
        out.push_str(&format!(
            "{:<18} {:>4} {:>4} {:>4} {:>5} {:>6.3} {:>6.3} {:>6.3}\n",
            name,
            s.tp,
            s.fp,
            s.fn_,
            s.labelled,
            s.p(),
            s.r(),
            s.f1()
        ));
    }
    out.push_str(&format!(
        "{:<18} {:>4} {:>4} {:>4} {:>5} {:>6.3} {:>6.3} {:>6.3}  (micro)\n",
        "ALL",
        total.tp,
        total.fp,
        total.fn_,
        total.labelled,
        total.p(),
        total.r(),
        total.f1()
    ));
    println!("{out}");
    if std::env::var_os("INFRARCH_CORPUS_VERBOSE").is_some() {
        println!("{}", misses.join("\n"));
    }
    let micro = total.f1();
    assert!(
        micro >= 0.85,
        "micro-F1 {micro:.3} below 0.85\n{}",
        misses.join("\n")
    );
    for ((name, _), s) in FIELDS.iter().zip(&scores) {
        if s.labelled >= 3 {
            assert!(
                s.f1() >= 0.6,
                "{name}: F1 {:.3} below 0.6 (P {:.3}, R {:.3})\n{}",
                s.f1(),
                s.p(),
                s.r(),
                misses.join("\n")
            );
        }
    }
}
