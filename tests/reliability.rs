//! Reliability: the built binary against hostile inputs, each fixture built
//! here at test time (nothing large is committed).
//!
//! - big inputs: requirements / design / lint on 15 MB files of every shape
//!   that was once quadratic, each with a time and a peak-memory bound;
//! - special files: a FIFO in every place a file is read, /dev/zero;
//! - the document+model pair under `kill -9` at random points of
//!   `design --force`, `revise` and `approve` (≥ 200 iterations), checked
//!   after each;
//! - racing gate commands, malformed sidecars, a full file system (where a
//!   small tmpfs can be mounted).
//!
//! Each test prints its figures (cases, panics, hangs, pair mismatches).
//! `INFRARCH_HOSTILE_MB` changes the big-input size (default 15).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_infrarch");

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    timed_out: bool,
    peak_rss_kb: u64,
    elapsed: Duration,
    stderr: String,
    stdout: String,
}

impl Run {
    fn panicked(&self) -> bool {
        self.code == Some(101) || self.stderr.contains("panicked at")
    }
}

/// Peak resident set of a live process, from /proc (0 where there is none).
fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Run `infrarch args` in `dir`, killed after `limit`; the peak RSS is
/// sampled from /proc while it runs.
fn run(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    wait(&mut child, limit)
}

fn wait(child: &mut Child, limit: Duration) -> Run {
    let start = Instant::now();
    let pid = child.id();
    // Drain the pipes on threads so a chatty child never blocks on them.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let out_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut peak = 0;
    let mut timed_out = false;
    let status = loop {
        peak = peak.max(peak_rss_kb(pid));
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if start.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait after kill");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        timed_out,
        peak_rss_kb: peak,
        elapsed: start.elapsed(),
        stdout: out_t.join().unwrap_or_default(),
        stderr: err_t.join().unwrap_or_default(),
    }
}

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// A small, ordinary project: a PRD for `orders` with real targets.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "docs/planning/prd/orders-20260110.md",
        "# Orders PRD\n\n## Goals\n\nShop staff take phone orders and customers order online.\n\n\
         ## Non-functional requirements\n\n- Availability: 99.9% monthly for the order API.\n\
         - p95 latency under 300 ms for placing an order.\n- Peak load: 120 requests per second during the lunch rush.\n\
         - RPO 15 minutes, RTO 1 hour.\n- Budget: about 1,500 USD per month for infrastructure.\n\
         - Customer data stays in the EU (GDPR).\n",
    );
    write(
        dir.path(),
        "infrarch.toml",
        "cloud_provider = \"aws\"\nregion = \"eu-west-1\"\n",
    );
    dir
}

fn hostile_bytes() -> usize {
    std::env::var("INFRARCH_HOSTILE_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(15)
        * 1_000_000
}

/// Text of roughly `size` bytes made of `unit` repeated.
fn repeat_to(unit: &str, size: usize) -> String {
    unit.repeat(size / unit.len().max(1) + 1)
}

/// Debug builds are several times slower than release; the bounds are set so
/// a linear run passes with room on a loaded 2-core CI machine and a
/// quadratic one (minutes, gigabytes) does not.
const BIG_TIME: Duration = Duration::from_secs(120);
const BIG_RSS_KB: u64 = 1_500_000;

#[test]
fn big_inputs_finish_in_bounded_time_and_memory() {
    let n = hostile_bytes();
    let planning_shapes: Vec<(&str, String)> = vec![
        (
            "prose",
            repeat_to(
                "The order service must stay up during the lunch rush and answer quickly. ",
                n,
            ),
        ),
        (
            "one line",
            repeat_to("availability 99.9% latency 200 ms ", n),
        ),
        (
            "tall table",
            format!(
                "| Metric | Target |\n|---|---|\n{}",
                repeat_to("| availability | 99.9% |\n", n)
            ),
        ),
        (
            "numbers",
            repeat_to("12 34.5 99.99% 250 ms 3 TB 40 rps 7 days ", n),
        ),
    ];
    let lint_shapes: Vec<(&str, String)> = vec![
        (
            "wide table",
            format!(
                "# Infrastructure Architecture: x\n\n{}\n{}\n",
                repeat_to("| c ", n / 2),
                repeat_to("|---", n / 2)
            ),
        ),
        ("backtick runs", repeat_to("`` a ``` b ```` c ", n)),
        (
            "link reference definitions",
            (0..n / 40)
                .map(|i| format!("[r{i}]: https://e.example/{i}\n"))
                .collect(),
        ),
    ];
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut panics = 0;
    let mut hangs = 0;
    for (shape, text) in &planning_shapes {
        let dir = project();
        write(
            dir.path(),
            "docs/planning/prd/big-20260110.md",
            text.as_bytes(),
        );
        for args in [
            vec!["requirements", "big"],
            vec!["design", "big", "--stdout", "--date", "2026-01-12"],
        ] {
            cases += 1;
            let r = run(dir.path(), &args, BIG_TIME);
            eprintln!(
                "{shape:>26} | {:<40} | exit {:?} | {:>6.1} s | {:>7} kB",
                args.join(" "),
                r.code,
                r.elapsed.as_secs_f64(),
                r.peak_rss_kb
            );
            panics += usize::from(r.panicked());
            hangs += usize::from(r.timed_out);
            if r.timed_out || r.panicked() || r.peak_rss_kb > BIG_RSS_KB || r.code.is_none() {
                failures.push(format!("{shape}: {args:?}: {r:?}"));
            }
        }
    }
    for (shape, text) in &lint_shapes {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "doc.md", text.as_bytes());
        cases += 1;
        let r = run(dir.path(), &["lint", "doc.md"], BIG_TIME);
        eprintln!(
            "{shape:>26} | lint doc.md | exit {:?} | {:>6.1} s | {:>7} kB",
            r.code,
            r.elapsed.as_secs_f64(),
            r.peak_rss_kb
        );
        panics += usize::from(r.panicked());
        hangs += usize::from(r.timed_out);
        if r.timed_out || r.panicked() || r.peak_rss_kb > BIG_RSS_KB || r.code.is_none() {
            failures.push(format!("{shape}: lint: {r:?}"));
        }
    }
    // /dev/zero never ends: refused as a device, not read.
    let dir = tempfile::tempdir().unwrap();
    cases += 1;
    let r = run(dir.path(), &["lint", "/dev/zero"], Duration::from_secs(20));
    hangs += usize::from(r.timed_out);
    if r.timed_out || r.panicked() || r.peak_rss_kb > 200_000 || r.code != Some(2) {
        failures.push(format!("lint /dev/zero: {r:?}"));
    }
    eprintln!(
        "big inputs: {cases} cases, {panics} panics, {hangs} hangs, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// A document and its model, written by `design` for the `orders` project.
fn designed() -> (tempfile::TempDir, PathBuf) {
    let dir = project();
    let r = run(
        dir.path(),
        &["design", "orders", "--date", "2026-01-12"],
        Duration::from_secs(60),
    );
    assert_eq!(r.code, Some(0), "{r:?}");
    let doc = dir.path().join(
        "docs/planning/architecture/infrastructure/orders-infrastructure-architecture-20260112.md",
    );
    assert!(doc.is_file(), "{r:?}");
    (dir, doc)
}

#[cfg(unix)]
#[test]
fn fifos_anywhere_never_hang() {
    let mut cases = 0;
    let mut hangs = 0;
    let mut failures = Vec::new();
    let limit = Duration::from_secs(30);
    // Every FIFO is skipped (a warning naming it) or refused (exit 2, an
    // error naming it); none is read, so none hangs.
    let mut check = |what: &str, r: Run| {
        cases += 1;
        hangs += usize::from(r.timed_out);
        let named = r.stderr.contains("FIFO") || r.stdout.contains("FIFO");
        if r.timed_out || r.panicked() || !named {
            failures.push(format!("{what}: {r:?}"));
        }
    };

    // A FIFO named like a planning document: skipped with a warning.
    let dir = project();
    if !mkfifo(&dir.path().join("docs/planning/prd/orders-20260111.md")) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    check(
        "planning *.md",
        run(dir.path(), &["requirements", "orders"], limit),
    );

    // A FIFO as infrarch.toml.
    let dir = project();
    std::fs::remove_file(dir.path().join("infrarch.toml")).unwrap();
    mkfifo(&dir.path().join("infrarch.toml"));
    check(
        "infrarch.toml",
        run(dir.path(), &["design", "orders", "--stdout"], limit),
    );

    // A FIFO as the --catalog.
    let dir = project();
    mkfifo(&dir.path().join("cat.toml"));
    check(
        "--catalog",
        run(
            dir.path(),
            &["design", "orders", "--stdout", "--catalog", "cat.toml"],
            limit,
        ),
    );

    // A FIFO as the document linted or handed off.
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("doc.md"));
    check("lint doc", run(dir.path(), &["lint", "doc.md"], limit));
    check(
        "handoff doc",
        run(
            dir.path(),
            &["handoff", "doc.md", "--to", "devops-agent"],
            limit,
        ),
    );

    // A FIFO as the sidecar of a written document.
    let (dir, doc) = designed();
    let model = doc.with_extension("json");
    std::fs::remove_file(&model).unwrap();
    mkfifo(&model);
    let d = doc.to_string_lossy().into_owned();
    check(
        "handoff sidecar",
        run(
            dir.path(),
            &["handoff", &d, "--to", "devops-agent", "--force"],
            limit,
        ),
    );
    // ... and during each gate action.
    for args in [
        vec!["approve", d.as_str()],
        vec!["approve", d.as_str(), "--force"],
        vec!["skip", d.as_str()],
        vec!["revise", d.as_str(), "--feedback", "availability 99.95%"],
        vec![
            "revise",
            d.as_str(),
            "--feedback",
            "availability 99.95%",
            "--force",
        ],
    ] {
        check(
            &format!("sidecar during {}", args.join(" ")),
            run(dir.path(), &args, limit),
        );
    }

    // A FIFO named like an ADR in the folder `adr export` writes to.
    let (dir, doc) = designed();
    let d = doc.to_string_lossy().into_owned();
    mkfifo(
        &dir.path()
            .join("doc/adr/0001-record-architecture-decisions.md"),
    );
    check(
        "ADR export folder",
        run(
            dir.path(),
            &["adr", "export", &d, "--dir", "doc/adr"],
            limit,
        ),
    );
    // A FIFO beside real ADRs in the planning tree of a design.
    let dir = project();
    mkfifo(&dir.path().join(
        "docs/planning/architecture/application/orders-application-architecture-20260111.md",
    ));
    check(
        "architecture folder",
        run(dir.path(), &["design", "orders", "--stdout"], limit),
    );

    eprintln!(
        "fifos: {cases} cases, {hangs} hangs, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Does the model beside `doc` vouch for it (the pair is one commit)?
fn pair_matches(doc: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(doc).map_err(|e| format!("document: {e}"))?;
    let raw =
        std::fs::read_to_string(doc.with_extension("json")).map_err(|e| format!("model: {e}"))?;
    let v: serde_json::Value = serde_json::from_str(&raw).map_err(|e| format!("model: {e}"))?;
    let want = v
        .pointer("/review/document_sha256")
        .and_then(|s| s.as_str())
        .unwrap_or_default();
    if want != infrarch::review::state::sha256(&text) {
        return Err("the model's hash does not match the document".into());
    }
    Ok(())
}

/// A cheap deterministic generator (no dependency): xorshift.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[cfg(unix)]
#[test]
fn kill_nine_never_splits_the_pair() {
    let iterations: usize = std::env::var("INFRARCH_KILL_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(210);
    let (dir, doc) = designed();
    let d = doc.to_string_lossy().into_owned();
    // How long each command takes, so kill points cover its whole run.
    let span = |args: &[&str]| {
        let r = run(dir.path(), args, Duration::from_secs(60));
        r.elapsed.max(Duration::from_millis(5))
    };
    let design_t = span(&["design", "orders", "--force", "--date", "2026-01-12"]);
    let revise_t = span(&["revise", &d, "--feedback", "availability 99.95%", "--force"]);
    let approve_t = span(&["approve", &d, "--force"]);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut mismatches = Vec::new();
    let mut killed = 0;
    let mut kept_revisions = std::collections::BTreeSet::new();
    for i in 0..iterations {
        let (args, t): (Vec<String>, Duration) = match i % 3 {
            0 => (
                ["design", "orders", "--force", "--date", "2026-01-12"]
                    .map(String::from)
                    .to_vec(),
                design_t,
            ),
            1 => (
                vec![
                    "revise".into(),
                    d.clone(),
                    "--feedback".into(),
                    format!("latency p95 {} ms", 100 + i),
                    "--force".into(),
                ],
                revise_t,
            ),
            _ => (
                vec!["approve".into(), d.clone(), "--force".into()],
                approve_t,
            ),
        };
        let at = Duration::from_micros(rng.next() % (t.as_micros() as u64 * 12 / 10 + 1));
        let mut child = Command::new(BIN)
            .args(&args)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            // SIGKILL: no destructor, no cleanup.
            let _ = child.kill();
            killed += 1;
        }
        let _ = child.wait();
        // The next command's recovery step, then the pair must agree.
        infrarch::write::recover_pair(&doc).unwrap();
        if let Err(e) = pair_matches(&doc) {
            mismatches.push(format!("iteration {i} ({}): {e}", args[0]));
            // Start the next iteration from a consistent pair.
            let r = run(
                dir.path(),
                &["design", "orders", "--force", "--date", "2026-01-12"],
                Duration::from_secs(60),
            );
            assert_eq!(r.code, Some(0), "{r:?}");
        }
        if let Ok(rd) = std::fs::read_dir(doc.parent().unwrap().join(".revisions")) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                kept_revisions.insert((
                    name,
                    infrarch::review::state::sha256(&String::from_utf8_lossy(&bytes)),
                ));
            }
        }
    }
    // A kept revision copy is never replaced: each name has one content.
    let mut names = std::collections::BTreeMap::new();
    let mut overwritten = 0;
    for (name, hash) in &kept_revisions {
        if names.insert(name.clone(), hash.clone()).is_some() {
            overwritten += 1;
        }
    }
    eprintln!(
        "kill -9: {iterations} iterations, {killed} killed mid-run, {} pair mismatches, {overwritten} revision copies overwritten",
        mismatches.len()
    );
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(overwritten, 0);
}

#[test]
fn malformed_sidecars_are_errors_naming_them() {
    let bad: [(&str, &[u8]); 5] = [
        ("array", b"[1, 2, 3]\n"),
        (
            "wrong types",
            br#"{"schema": 3, "feature": ["x"], "review": "no"}"#,
        ),
        ("binary", b"\x00\xff\xfe\x01garbage"),
        ("empty", b""),
        (
            "truncated",
            br#"{"schema": "infrarch.design/v1", "feature": "orders""#,
        ),
    ];
    let (dir, doc) = designed();
    let model = doc.with_extension("json");
    let good = std::fs::read(&model).unwrap();
    let d = doc.to_string_lossy().into_owned();
    let shown = model.file_name().unwrap().to_string_lossy().into_owned();
    let mut cases = 0;
    let mut failures = Vec::new();
    for (what, bytes) in bad {
        std::fs::write(&model, bytes).unwrap();
        for args in [
            vec!["handoff", d.as_str(), "--to", "devops-agent", "--force"],
            vec!["approve", d.as_str()],
            vec!["skip", d.as_str()],
        ] {
            cases += 1;
            let r = run(dir.path(), &args, Duration::from_secs(30));
            if r.code != Some(2) || !r.stderr.contains(&shown) || r.panicked() {
                failures.push(format!("{what}: {args:?}: {r:?}"));
            }
        }
    }
    std::fs::write(&model, good).unwrap();
    eprintln!(
        "malformed sidecars: {cases} cases, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn racing_gate_commands_lose_nothing() {
    let (dir, doc) = designed();
    let d = doc.to_string_lossy().into_owned();
    let mut lost = 0;
    let rounds = 10;
    let mut succeeded_revisions = 0;
    for round in 0..rounds {
        let feedback = format!("latency p95 {} ms", 150 + round);
        let children: Vec<Child> = [
            vec!["revise", &d, "--feedback", &feedback, "--force"],
            vec!["skip", &d],
            vec!["revise", &d, "--feedback", "availability 99.95%", "--force"],
        ]
        .iter()
        .map(|args| {
            Command::new(BIN)
                .args(args)
                .current_dir(dir.path())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
        for (k, mut c) in children.into_iter().enumerate() {
            let r = wait(&mut c, Duration::from_secs(60));
            assert!(!r.timed_out && !r.panicked(), "{r:?}");
            assert!(matches!(r.code, Some(0) | Some(2)), "{r:?}");
            if r.code == Some(2) {
                assert!(r.stderr.contains("another infrarch command"), "{r:?}");
            } else if k != 1 {
                succeeded_revisions += 1;
            }
        }
        pair_matches(&doc).unwrap();
        // Every revision that said it succeeded is in the history.
        let raw = std::fs::read_to_string(doc.with_extension("json")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let revised = v["review"]["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["action"] == "revised")
            .count();
        if revised < succeeded_revisions {
            lost += 1;
        }
    }
    let leftovers: Vec<_> = std::fs::read_dir(doc.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".lock") || n.ends_with(".commit"))
        .collect();
    eprintln!(
        "racing gate commands: {rounds} rounds, {lost} lost revisions, leftovers {leftovers:?}"
    );
    assert_eq!(lost, 0);
    assert!(
        leftovers.iter().all(|n| !n.ends_with(".commit")),
        "{leftovers:?}"
    );
}

#[test]
fn bad_project_files_and_feedback_are_refused() {
    // A misspelt key in infrarch.toml is an error naming it.
    let dir = project();
    write(
        dir.path(),
        "infrarch.toml",
        "cloud_provider = \"aws\"\nregoin = \"eu-west-1\"\n",
    );
    let r = run(
        dir.path(),
        &["design", "orders", "--stdout"],
        Duration::from_secs(60),
    );
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(
        r.stderr.contains("regoin") && r.stderr.contains("infrarch.toml"),
        "{r:?}"
    );

    // A terminal escape in a feature name is not echoed raw.
    let r = run(
        dir.path(),
        &["design", "\u{1b}]0;pwned\u{7}\u{1b}[31m", "--stdout"],
        Duration::from_secs(30),
    );
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);

    // A dangling symlink in the planning folder is warned about.
    #[cfg(unix)]
    {
        let dir = project();
        std::os::unix::fs::symlink(
            dir.path().join("nowhere.md"),
            dir.path().join("docs/planning/prd/orders-20260111.md"),
        )
        .unwrap();
        let r = run(
            dir.path(),
            &["requirements", "orders"],
            Duration::from_secs(30),
        );
        assert!(r.stderr.contains("dangling symlink"), "{r:?}");
    }
}

/// A small full file system: a tmpfs of 2 MiB, where this user may mount one.
#[cfg(target_os = "linux")]
#[test]
fn full_disk_never_splits_the_pair() {
    let mnt = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(mnt.path())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root or user namespaces)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.path().to_path_buf());
    let src = project();
    let root = mnt.path().join("p");
    write(
        &root,
        "docs/planning/prd/orders-20260110.md",
        std::fs::read(src.path().join("docs/planning/prd/orders-20260110.md")).unwrap(),
    );
    let r = run(
        &root,
        &["design", "orders", "--date", "2026-01-12"],
        Duration::from_secs(60),
    );
    assert_eq!(r.code, Some(0), "{r:?}");
    let doc = root.join(
        "docs/planning/architecture/infrastructure/orders-infrastructure-architecture-20260112.md",
    );
    let d = doc.to_string_lossy().into_owned();
    // Fill the disk, leaving a little less than one pair.
    let fill = root.join("fill");
    let mut size = 0u64;
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&fill).unwrap();
        let chunk = vec![0u8; 4096];
        while f.write_all(&chunk).is_ok() {
            size += 4096;
        }
        let _ = f.sync_all();
    }
    let free_pair = std::fs::metadata(&doc).unwrap().len()
        + std::fs::metadata(doc.with_extension("json")).unwrap().len();
    let mut cases = 0;
    let mut mismatches = 0;
    // Free a growing amount, so every command fails somewhere different.
    for step in 0..8u64 {
        let keep = size.saturating_sub(free_pair * step / 4);
        let f = std::fs::OpenOptions::new().write(true).open(&fill).unwrap();
        f.set_len(keep).unwrap();
        for args in [
            vec![
                "revise",
                d.as_str(),
                "--feedback",
                "availability 99.95%",
                "--force",
            ],
            vec!["approve", d.as_str(), "--force"],
            vec!["design", "orders", "--force", "--date", "2026-01-12"],
        ] {
            cases += 1;
            let r = run(&root, &args, Duration::from_secs(60));
            assert!(!r.timed_out && !r.panicked(), "{r:?}");
            infrarch::write::recover_pair(&doc).ok();
            if pair_matches(&doc).is_err() {
                mismatches += 1;
            }
        }
    }
    eprintln!("full disk: {cases} cases, {mismatches} pair mismatches");
    assert_eq!(mismatches, 0);
}

/// `approve` treats a hand edit as `revise` does: refused without --force,
/// and with it the edited file is kept under `.revisions/` (created when
/// missing); a removed `.revisions/` does not fail approval; a document with
/// only its sidecar left is named as the missing file.
#[test]
fn gate_hand_edits_and_missing_files() {
    let limit = Duration::from_secs(60);
    let (dir, doc) = designed();
    let d = doc.to_string_lossy().into_owned();
    let revisions = doc.parent().unwrap().join(".revisions");
    let note = "\nA person's note: the ops team wants the DR runbook linked here.\n";
    // Inserted after the first section heading, where a person writes.
    let original = std::fs::read_to_string(&doc).unwrap();
    let at = original.find("\n## ").unwrap() + 1;
    let at = at + original[at..].find('\n').unwrap() + 1;
    let edited = format!("{}{note}{}", &original[..at], &original[at..]);
    std::fs::write(&doc, &edited).unwrap();

    let r = run(dir.path(), &["approve", &d], limit);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(
        r.stderr.contains("edited by hand")
            && r.stderr
                .contains("--force to approve the document as edited")
            && r.stderr.contains("+A person's note"),
        "{r:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&doc).unwrap(),
        edited,
        "nothing written"
    );
    assert!(!revisions.exists());

    let r = run(dir.path(), &["approve", &d, "--force"], limit);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("over hand edits"), "{r:?}");
    let now = std::fs::read_to_string(&doc).unwrap();
    assert!(
        now.contains("**Status:** Approved") && now.contains(note.trim()),
        "{now}"
    );
    let kept: Vec<String> = std::fs::read_dir(&revisions)
        .expect(".revisions/ created")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".md"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(kept.iter().any(|k| k == &edited), "the edit is kept");
    pair_matches(&doc).unwrap();

    // .revisions/ removed after a revision: approve still works and says
    // what it could not check.
    let (dir, doc) = designed();
    let d = doc.to_string_lossy().into_owned();
    let r = run(
        dir.path(),
        &["revise", &d, "--feedback", "availability 99.95%"],
        limit,
    );
    assert_eq!(r.code, Some(0), "{r:?}");
    std::fs::remove_dir_all(doc.parent().unwrap().join(".revisions")).unwrap();
    let r = run(dir.path(), &["approve", &d, "--force"], limit);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("is missing"), "{r:?}");
    pair_matches(&doc).unwrap();

    // Only the sidecar left: the refusal names the missing document.
    let gone = dir.path().join("gone.md");
    std::fs::rename(&doc, &gone).unwrap();
    for args in [
        vec!["approve", d.as_str()],
        vec!["skip", d.as_str()],
        vec!["revise", d.as_str(), "--feedback", "availability 99.9%"],
    ] {
        let r = run(dir.path(), &args, limit);
        assert_eq!(r.code, Some(2), "{r:?}");
        assert!(
            r.stderr.contains(&format!("{d}: the document is missing"))
                && r.stderr.contains(".json is there"),
            "{r:?}"
        );
    }
}

/// A planning file with CR-only line endings: each requirement is cited on
/// its own line, with that line as the excerpt.
#[test]
fn cr_only_line_endings_cite_the_right_lines() {
    let dir = project();
    let lines = [
        "# Orders PRD",
        "",
        "## Non-functional requirements",
        "",
        "- Availability: 99.9% monthly for the order API.",
        "- p95 latency under 300 ms for placing an order.",
        "- Peak load: 120 requests per second during the lunch rush.",
    ];
    for (name, eol) in [("cr", "\r"), ("crlf", "\r\n"), ("mixed", "\r")] {
        let mut text = lines.join(eol) + eol;
        if name == "mixed" {
            // LF in the head, CR-only after: line numbers still count both.
            text = format!("{}\n{}", lines[..4].join("\n"), lines[4..].join("\r"));
        }
        write(dir.path(), "docs/planning/prd/orders-20260110.md", &text);
        let r = run(
            dir.path(),
            &["requirements", "orders", "--format", "json"],
            Duration::from_secs(30),
        );
        assert_eq!(r.code, Some(0), "{name}: {r:?}");
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let cited = |kind: &str| {
            v["requirements"]
                .as_array()
                .unwrap()
                .iter()
                .find(|q| q["kind"] == kind)
                .map(|q| {
                    (
                        q["source"]["line"].as_u64().unwrap(),
                        q["source"]["excerpt"].clone(),
                    )
                })
                .unwrap_or_else(|| panic!("{name}: no {kind}: {}", r.stdout))
        };
        for (kind, line) in [("availability", 5), ("latency", 6), ("throughput", 7)] {
            let (l, excerpt) = cited(kind);
            assert_eq!(l, line, "{name}: {kind}");
            assert_eq!(excerpt, lines[line as usize - 1], "{name}: {kind}");
        }
    }
}

/// The CLI follows a symlink that leads out of the planning tree (it acts
/// for the user), but never without a warning naming where the write lands.
#[cfg(unix)]
#[test]
fn cli_warns_before_writing_through_a_symlink_out_of_the_tree() {
    let limit = Duration::from_secs(60);
    // A plain tree: no warning.
    let (dir, doc) = designed();
    let d = doc.to_string_lossy().into_owned();
    let r = run(dir.path(), &["skip", &d], limit);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(!r.stderr.contains("symlink"), "{r:?}");

    // The folder documents go to leads out.
    let dir = project();
    let outside = tempfile::tempdir().unwrap();
    let arch = dir.path().join("docs/planning/architecture");
    std::fs::create_dir_all(&arch).unwrap();
    std::os::unix::fs::symlink(outside.path(), arch.join("infrastructure")).unwrap();
    let r = run(
        dir.path(),
        &["design", "orders", "--date", "2026-01-12"],
        limit,
    );
    assert_eq!(r.code, Some(0), "{r:?}");
    let real = outside.path().canonicalize().unwrap();
    assert!(
        r.stderr.contains("warning")
            && r.stderr.contains("written through a symlink")
            && r.stderr.contains(&real.display().to_string()),
        "{r:?}"
    );
    let d =
        "docs/planning/architecture/infrastructure/orders-infrastructure-architecture-20260112.md";
    for args in [
        vec!["revise", d, "--feedback", "availability 99.95%"],
        vec!["approve", d, "--force"],
    ] {
        let r = run(dir.path(), &args, limit);
        assert_eq!(r.code, Some(0), "{r:?}");
        assert!(
            r.stderr.contains("written through a symlink"),
            "{args:?}: {r:?}"
        );
    }

    // Only `.revisions/` leads out.
    let (dir, doc) = designed();
    let d = doc.to_string_lossy().into_owned();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), doc.parent().unwrap().join(".revisions")).unwrap();
    let r = run(
        dir.path(),
        &["revise", &d, "--feedback", "availability 99.95%"],
        limit,
    );
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(
        r.stderr.contains(".revisions is written through a symlink"),
        "{r:?}"
    );
}

/// Thousands of stated values across a sharded PRD, each shard within the
/// per-document budgets: design and render stay linear (three lookups per
/// requirement were once scans of every requirement: minutes, not seconds).
#[test]
fn many_stated_values_design_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("flows");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let lines: String = (0..3000)
        .map(|i| {
            format!(
                "- Flow {i}: the order service handles {} requests per second with p95 latency under {} ms and availability 99.9%.\n",
                1 + rng.next() % 900,
                100 + rng.next() % 800
            )
        })
        .collect();
    write(
        &root,
        "docs/prd/index.md",
        "# Flows PRD\n\n## Non-functional requirements\n\n- Availability 99.9%.\n",
    );
    for k in 0..4 {
        write(
            &root,
            &format!("docs/prd/flows-{k}.md"),
            format!("# Flows {k}\n\n{lines}"),
        );
    }
    let limit = Duration::from_secs(40);
    let r = run(
        &root,
        &["design", "flows", "--planning", "docs", "--stdout"],
        limit,
    );
    eprintln!(
        "many stated values: design over 4 shards × 3,000 lines: exit {:?}, {:.1} s, {} kB",
        r.code,
        r.elapsed.as_secs_f64(),
        r.peak_rss_kb
    );
    assert!(!r.timed_out && !r.panicked(), "{r:?}");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("# Infrastructure Architecture"),
        "{}",
        r.stderr
    );
}
