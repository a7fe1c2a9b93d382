//! Fuzzing with a time bound per input: generated hostile Markdown through
//! the Markdown → requirements path (read as a planning file, parsed,
//! extracted) and through the linter (read, parsed, every rule), each input
//! on its own thread with a deadline, so a hang is reported as a hang rather
//! than stalling the suite.
//!
//! The inputs are the shapes that once made a stage quadratic or unbounded:
//! arbitrary bytes, CR / LF / CRLF mixes, deep nesting of every container
//! (block quotes, lists, brackets, emphasis, HTML), huge tables (wide and
//! tall), backtick runs, link reference definitions, long lines of numbers.
//! Each test prints its figures: cases, panics, hangs, inputs over the bound,
//! and the slowest input.
//!
//! `INFRARCH_FUZZ_CASES` (default 48 per test) and `INFRARCH_FUZZ_BOUND_MS`
//! (default 5000: debug builds on a loaded 2-core machine; a linear stage
//! takes well under a second on these sizes, a quadratic one minutes) tune it.

use std::io::Write as _;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

fn cases() -> u32 {
    std::env::var("INFRARCH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

fn bound() -> Duration {
    Duration::from_millis(
        std::env::var("INFRARCH_FUZZ_BOUND_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5000),
    )
}

/// Lines joined by a random mix of LF, CRLF, lone CR and LF CR.
fn mixed_endings() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("- Availability: 99.9% monthly".to_string()),
        Just("p95 latency under 250 ms".to_string()),
        Just("| RTO | 1 hour |".to_string()),
        Just("## Non-functional requirements".to_string()),
        Just(String::new()),
        "[^\\r\\n]{0,60}",
    ];
    let eol = prop_oneof![Just("\n"), Just("\r\n"), Just("\r"), Just("\n\r")];
    proptest::collection::vec((line, eol), 0..400)
        .prop_map(|v| v.into_iter().map(|(l, e)| format!("{l}{e}")).collect())
}

/// One container opened `depth` times, with a requirement inside.
fn deep_nesting() -> impl Strategy<Value = String> {
    let opener = prop_oneof![
        Just("> "),
        Just("- "),
        Just("1. "),
        Just("  "),
        Just("["),
        Just("*"),
        Just("_"),
        Just("`"),
        Just("<div>"),
        Just("("),
        Just("!["),
    ];
    (opener, 1usize..3000, 1usize..40).prop_map(|(o, depth, lines)| {
        let prefix = o.repeat(depth);
        (0..lines)
            .map(|i| format!("{prefix}availability 99.{i}% and p99 {i}00 ms\n"))
            .collect()
    })
}

/// A table `cols` wide and `rows` tall, cells of numbers and words.
fn huge_table() -> impl Strategy<Value = String> {
    (1usize..400, 1usize..3000, any::<bool>()).prop_map(|(cols, rows, ragged)| {
        // Keep the table under ~600 KB whatever its shape.
        let rows = rows.min(600_000 / (cols * 8 + 1) + 1);
        let mut t = String::from("# Infrastructure Architecture: fuzz\n\n");
        t.push_str(&"| h ".repeat(cols));
        t.push_str("|\n");
        t.push_str(&"|---".repeat(cols));
        t.push_str("|\n");
        for r in 0..rows {
            let n = if ragged { 1 + r % cols } else { cols };
            for c in 0..n {
                t.push_str(&format!("| {} ", (r * 7 + c) % 1000));
            }
            t.push_str("|\n");
        }
        t
    })
}

/// A unit repeated into a long run: backticks, link definitions, emphasis,
/// numbers on one line, brackets.
fn long_runs() -> impl Strategy<Value = String> {
    let unit = prop_oneof![
        Just("`` a ``` b ```` c "),
        Just("[r]: https://e.example/x\n"),
        Just("**_*_"),
        Just("12 34.5 99.99% 250 ms 3 TB 40 rps 7 days "),
        Just("[[[[]]]]"),
        Just("<!-- "),
        Just("| a "),
        Just("\\"),
        Just("&amp;"),
    ];
    (unit, 1usize..40_000).prop_map(|(u, n)| u.repeat(n))
}

/// Anything: bytes read as text the way a file would be (lossy).
fn arbitrary_bytes() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<u8>(), 0..8192)
        .prop_map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        arbitrary_bytes(),
        mixed_endings(),
        deep_nesting(),
        huge_table(),
        long_runs(),
    ]
}

/// What one run of the fuzzer saw.
#[derive(Default)]
struct Figures {
    cases: usize,
    panics: usize,
    hangs: usize,
    over: usize,
    slowest: Duration,
    slowest_len: usize,
}

/// Run `work` on `text` on a thread with a deadline; panics are caught.
fn bounded(
    figures: &mut Figures,
    text: String,
    work: fn(&Path, &str),
) -> Result<(), TestCaseError> {
    let limit = bound();
    let len = text.len();
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let file: PathBuf = dir.path().join("docs/planning/prd/fuzz-20260101.md");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::File::create(&file)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let (tx, rx) = mpsc::channel();
    let worker_file = file.clone();
    std::thread::spawn(move || {
        let start = Instant::now();
        let ok = std::panic::catch_unwind(AssertUnwindSafe(|| work(&worker_file, &text))).is_ok();
        let _ = tx.send((ok, start.elapsed()));
    });
    figures.cases += 1;
    // Past four bounds the input counts as a hang (the thread is left behind).
    let result = match rx.recv_timeout(limit * 4) {
        Ok((true, t)) => {
            if t > figures.slowest {
                figures.slowest = t;
                figures.slowest_len = len;
            }
            if t > limit {
                figures.over += 1;
                Err(format!(
                    "{len}-byte input took {t:?}, over the {limit:?} bound"
                ))
            } else {
                Ok(())
            }
        }
        Ok((false, _)) => {
            figures.panics += 1;
            Err(format!("{len}-byte input panicked"))
        }
        Err(_) => {
            figures.hangs += 1;
            Err(format!("{len}-byte input ran past {:?}", limit * 4))
        }
    };
    // Keep the file of a hanging input alive for the thread still reading it.
    if result.is_err() {
        std::mem::forget(dir);
    }
    result.map_err(TestCaseError::fail)
}

fn fuzz(name: &str, work: fn(&Path, &str)) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let mut figures = Figures::default();
    let cell = std::cell::RefCell::new(&mut figures);
    let result = runner.run(&hostile(), |text| {
        bounded(&mut cell.borrow_mut(), text, work)
    });
    eprintln!(
        "fuzz {name}: {} cases, {} panics, {} hangs, {} over the {:?} bound; slowest {:?} ({} bytes)",
        figures.cases,
        figures.panics,
        figures.hangs,
        figures.over,
        bound(),
        figures.slowest,
        figures.slowest_len
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// The Markdown → requirements path as the CLI runs it: read the planning
/// file (caps, per-document budgets), parse, extract.
fn requirements(file: &Path, _text: &str) {
    if let Ok(doc) = infrarch::ingest::load_file(file) {
        let set = infrarch::extract::extract("fuzz", std::slice::from_ref(&doc));
        // Every cited line exists.
        let lines = infrarch::markdown::lines(&doc.text).count();
        for r in &set.requirements {
            assert!(r.source.line >= 1 && r.source.line <= lines.max(1));
        }
    }
}

/// The linter as the CLI runs it: read, parse, every rule.
fn lint(file: &Path, _text: &str) {
    let run = infrarch::lint::lint_paths(
        &[file.to_path_buf()],
        &infrarch::lint::LintOptions::default(),
    );
    if let Ok(run) = run {
        for d in &run.diagnostics {
            assert!(d.line >= 1);
        }
    }
}

#[test]
fn fuzz_markdown_to_requirements_within_the_bound() {
    fuzz("markdown → requirements", requirements);
}

#[test]
fn fuzz_linter_within_the_bound() {
    fuzz("lint", lint);
}
