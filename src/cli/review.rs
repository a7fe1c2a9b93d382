//! The review gate: `infrarch review` (interactive), `approve`, `skip`,
//! `revise`. The interactive prompt and the one-shot commands run the same
//! library actions ([`infrarch::review::gate::Gate`]).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use infrarch::ingest;
use infrarch::lint;
use infrarch::render;
use infrarch::review::gate::{Gate, Outcome, ReviseRequest};
use infrarch::review::revise;

use super::parse_date;

#[derive(Debug, clap::Args)]
pub struct DocArgs {
    /// The infrastructure architecture document.
    pub doc: PathBuf,
    /// Date recorded in the history (`YYYY-MM-DD`); default today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ApproveArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// Approve even though lint reports errors (recorded in the history).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
#[command(group(
    clap::ArgGroup::new("what")
        .required(true)
        .multiple(true)
        .args(["feedback", "set", "use_", "avoid", "provider", "region", "platform", "avoid_platform", "drop", "add", "reduce_cost", "single_region", "add_compliance", "drop_compliance"])
))]
#[command(
    override_usage = "infrarch revise <DOC> [--feedback TEXT] [DIRECTIVES…]\n       (at least one of --feedback, --set, --use, --avoid, --provider, --region, --platform,\n        --avoid-platform, --drop, --add, --reduce-cost, --single-region, --add-compliance,\n        --drop-compliance)"
)]
pub struct ReviseArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// What to change, in plain words ("move to GCP; availability 99.99%; no Redis").
    #[arg(long)]
    pub feedback: Option<String>,
    /// Set a target: availability=99.95, latency=200ms, latency.p99=1s,
    /// rto=30min, rpo=5min, budget=2000, throughput=1500, users=5000,
    /// deadline=06:00, data_volume_per_day=2TB, file_size=25MB,
    /// retention=7y, model_size=26GB, region=…, provider=…, platform=…
    /// (repeatable).
    #[arg(long, value_name = "KIND=VALUE")]
    pub set: Vec<String>,
    /// Use a technology for its role (aurora, sqs, memcached…; repeatable).
    #[arg(long = "use", value_name = "TECHNOLOGY")]
    pub use_: Vec<String>,
    /// Never use a technology (repeatable).
    #[arg(long, value_name = "TECHNOLOGY")]
    pub avoid: Vec<String>,
    /// Move the design to a provider: aws, gcp or azure.
    #[arg(long, value_name = "PROVIDER")]
    pub provider: Option<String>,
    /// Deploy in a region of the design's provider.
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Require a runtime platform: kubernetes, ecs, cloud-run, container-apps, serverless, vm.
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// Rule a runtime platform out (repeatable).
    #[arg(long, value_name = "PLATFORM")]
    pub avoid_platform: Vec<String>,
    /// Leave a component out: waf, cdn, cache, queue, nat… (repeatable; give --reason).
    #[arg(long, value_name = "COMPONENT")]
    pub drop: Vec<String>,
    /// Add a component: cdn, cache, queue, waf… (repeatable; give --reason).
    #[arg(long, value_name = "COMPONENT")]
    pub add: Vec<String>,
    /// Why components are dropped or added (recorded in the history).
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "",
        hide_default_value = true
    )]
    pub reason: String,
    /// Bring the monthly cost down, optionally by a share (0.33 or 33%).
    #[arg(long, value_name = "SHARE", num_args = 0..=1, default_missing_value = "")]
    pub reduce_cost: Option<String>,
    /// Keep the design in one region.
    #[arg(long)]
    pub single_region: bool,
    /// Add a compliance framework (HIPAA, PCI-DSS, SOC2, GDPR…; repeatable).
    #[arg(long, value_name = "FRAMEWORK")]
    pub add_compliance: Vec<String>,
    /// Drop a compliance framework (repeatable).
    #[arg(long, value_name = "FRAMEWORK")]
    pub drop_compliance: Vec<String>,
    /// Revise even though the document was edited by hand (the edited file is kept).
    #[arg(long)]
    pub force: bool,
}

impl ReviseArgs {
    /// The structured directives, in flag order of kind: provider first (a
    /// region is checked against the provider), then the rest.
    fn request(&self) -> anyhow::Result<ReviseRequest> {
        use infrarch::review::directives as d;
        let mut out = Vec::new();
        let mut push = |r: Result<d::Directive, d::DirectiveError>, flag: &str, v: &str| {
            r.map(|x| out.push(x))
                .map_err(|e| anyhow::anyhow!("--{flag} {v}: {e}"))
        };
        if let Some(p) = &self.provider {
            push(d::from_provider(p), "provider", p)?;
        }
        if let Some(r) = &self.region {
            push(d::from_region(r), "region", r)?;
        }
        if let Some(p) = &self.platform {
            push(d::from_platform(p), "platform", p)?;
        }
        for v in &self.set {
            push(d::from_set(v), "set", v)?;
        }
        for v in &self.use_ {
            push(d::from_use(v), "use", v)?;
        }
        for v in &self.avoid {
            push(d::from_avoid(v), "avoid", v)?;
        }
        for v in &self.avoid_platform {
            let r = d::from_platform(v).map(|p| match p {
                d::Directive::Platform { platform } => d::Directive::ForbidPlatform { platform },
                other => other,
            });
            push(r, "avoid-platform", v)?;
        }
        for v in &self.drop {
            push(d::from_drop(v, &self.reason), "drop", v)?;
        }
        for v in &self.add {
            push(d::from_add(v, &self.reason), "add", v)?;
        }
        if let Some(v) = &self.reduce_cost {
            push(d::from_reduce_cost(Some(v)), "reduce-cost", v)?;
        }
        if self.single_region {
            push(Ok(d::Directive::SingleRegion), "single-region", "")?;
        }
        for v in &self.add_compliance {
            push(d::from_compliance(v, true), "add-compliance", v)?;
        }
        for v in &self.drop_compliance {
            push(d::from_compliance(v, false), "drop-compliance", v)?;
        }
        Ok(ReviseRequest {
            feedback: self.feedback.clone().unwrap_or_default(),
            directives: out,
        })
    }
}

/// What the history row says: the `--date` given, else now (UTC, to the minute).
fn when(raw: Option<&str>) -> anyhow::Result<String> {
    Ok(match raw {
        Some(_) => parse_date(raw)?.to_string(),
        None => revise::when(None),
    })
}

pub fn approve(args: ApproveArgs) -> anyhow::Result<ExitCode> {
    let date = when(args.doc.date.as_deref())?;
    let mut gate = Gate::open(&args.doc.doc)?;
    let errors = lint_errors(&gate)?;
    let outcome = gate.approve(&date, errors, args.force)?;
    let mut out = anstream::stdout().lock();
    report(&mut out, &gate.doc, "Approved", &outcome)?;
    next_steps(&mut out, &gate.doc)?;
    Ok(ExitCode::SUCCESS)
}

pub fn skip(args: DocArgs) -> anyhow::Result<ExitCode> {
    let date = when(args.date.as_deref())?;
    let mut gate = Gate::open(&args.doc)?;
    let outcome = gate.skip(&date)?;
    let mut out = anstream::stdout().lock();
    report(&mut out, &gate.doc, "Skipped", &outcome)?;
    next_steps(&mut out, &gate.doc)?;
    Ok(ExitCode::SUCCESS)
}

pub fn revise(args: ReviseArgs) -> anyhow::Result<ExitCode> {
    let date = parse_date(args.doc.date.as_deref())?;
    let stamp = when(args.doc.date.as_deref())?;
    let request = args.request()?;
    let mut gate = Gate::open(&args.doc.doc)?;
    let outcome = revise_with(&mut gate, date, &stamp, &request, args.force)?;
    let mut out = anstream::stdout().lock();
    report(&mut out, &gate.doc, "Revised", &outcome)?;
    Ok(ExitCode::SUCCESS)
}

fn revise_with(
    gate: &mut Gate,
    date: jiff::civil::Date,
    stamp: &str,
    request: &ReviseRequest,
    force: bool,
) -> anyhow::Result<Outcome> {
    Ok(revise::revise_document(gate, date, stamp, request, force)?)
}

fn lint_run(gate: &Gate) -> anyhow::Result<lint::LintRun> {
    Ok(revise::lint_run(gate)?)
}

fn lint_errors(gate: &Gate) -> anyhow::Result<usize> {
    Ok(revise::lint_errors(gate)?)
}

fn report(out: &mut dyn Write, doc: &Path, verb: &str, o: &Outcome) -> std::io::Result<()> {
    writeln!(
        out,
        "{verb} {} (revision {}, status {})",
        ingest::display(doc),
        o.revision,
        o.status
    )?;
    for c in &o.changes {
        writeln!(out, "  - {c}")?;
    }
    if let Some(p) = &o.previous {
        writeln!(out, "  previous revision kept as {}", ingest::display(p))?;
    }
    if !o.unrecognised.is_empty() {
        writeln!(
            out,
            "Added to Open Questions (not understood, or read two ways):"
        )?;
        for u in &o.unrecognised {
            writeln!(out, "  - \"{u}\"")?;
        }
    }
    Ok(())
}

fn next_steps(out: &mut dyn Write, doc: &Path) -> std::io::Result<()> {
    let d = ingest::display(doc);
    writeln!(
        out,
        "Next: hand off with `infrarch handoff {d} --to devops-agent` or `--to orchestrator`."
    )
}

/// `infrarch review DOC`: the interactive gate.
pub fn review(args: DocArgs) -> anyhow::Result<ExitCode> {
    if !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "`infrarch review` is interactive and standard input is not a terminal; use `infrarch approve {d}`, `infrarch skip {d}` or `infrarch revise {d} --feedback \"…\"`",
            d = args.doc.display()
        );
    }
    let date = parse_date(args.date.as_deref())?;
    let mut gate = Gate::open(&args.doc)?;
    let mut out = anstream::stdout().lock();
    if let Some(o) = gate.submit(&when(args.date.as_deref())?)? {
        report(&mut out, &gate.doc, "Opened", &o)?;
    }
    show_status(&mut out, &gate)?;
    writeln!(
        out,
        "Commands: /approve [--force], /skip, /revise <feedback>, /status, /diff, /quit"
    )?;
    drop(out);

    let mut editor = rustyline::DefaultEditor::new()?;
    loop {
        let line = match editor.readline("review> ") {
            Ok(l) => l,
            Err(
                rustyline::error::ReadlineError::Interrupted | rustyline::error::ReadlineError::Eof,
            ) => break,
            Err(e) => return Err(e.into()),
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(line);
        let (cmd, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        let mut out = anstream::stdout().lock();
        let result: anyhow::Result<bool> = (|| match cmd {
            "/approve" => {
                let force = rest == "--force";
                let errors = lint_errors(&gate)?;
                let o = gate.approve(&when(args.date.as_deref())?, errors, force)?;
                report(&mut out, &gate.doc, "Approved", &o)?;
                next_steps(&mut out, &gate.doc)?;
                Ok(true)
            }
            "/skip" => {
                let o = gate.skip(&when(args.date.as_deref())?)?;
                report(&mut out, &gate.doc, "Skipped", &o)?;
                next_steps(&mut out, &gate.doc)?;
                Ok(true)
            }
            "/revise" => {
                if rest.is_empty() {
                    writeln!(out, "usage: /revise <feedback>")?;
                    return Ok(false);
                }
                let (force, feedback) = match rest.strip_prefix("--force ") {
                    Some(f) => (true, f),
                    None => (false, rest),
                };
                let request = ReviseRequest {
                    feedback: feedback.to_string(),
                    directives: vec![],
                };
                let o = revise_with(
                    &mut gate,
                    date,
                    &when(args.date.as_deref())?,
                    &request,
                    force,
                )?;
                report(&mut out, &gate.doc, "Revised", &o)?;
                writeln!(out, "Type /diff to see what changed.")?;
                Ok(false)
            }
            "/status" => {
                show_status(&mut out, &gate)?;
                Ok(false)
            }
            "/diff" => {
                let diff = if gate.hand_edited() {
                    Some(gate.hand_edits())
                } else {
                    gate.diff_previous()
                };
                match diff {
                    Some(d) if !d.is_empty() => write!(out, "{d}")?,
                    _ => writeln!(out, "No previous revision to compare with.")?,
                }
                Ok(false)
            }
            "/quit" | "/exit" | "/q" => Ok(true),
            "/help" | "/?" => {
                writeln!(
                    out,
                    "/approve [--force]  approve and proceed to the next phase"
                )?;
                writeln!(out, "/skip               skip to the next phase")?;
                writeln!(
                    out,
                    "/revise <feedback>  change the design (e.g. /revise move to GCP; availability 99.99%)"
                )?;
                writeln!(out, "/status             status, revision and history")?;
                writeln!(out, "/diff               what the last revision changed")?;
                writeln!(out, "/quit               leave without deciding")?;
                Ok(false)
            }
            other => {
                writeln!(out, "unknown command `{other}`; type /help")?;
                Ok(false)
            }
        })();
        match result {
            Ok(true) => break,
            Ok(false) => {}
            Err(e) => {
                let mut err = anstream::stderr().lock();
                writeln!(err, "infrarch: {e:#}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show_status(out: &mut dyn Write, gate: &Gate) -> anyhow::Result<()> {
    let d = &gate.sidecar.design;
    let summary = render::summary(d, ingest::display(&gate.doc));
    writeln!(
        out,
        "{}: status {}, revision {}",
        summary.path.display(),
        gate.status(),
        gate.sidecar.review.revision
    )?;
    writeln!(
        out,
        "  Infrastructure Components: {}, Environments: {}, Scaling Rules: {}, ADRs: {}",
        summary.components, summary.environments, summary.scaling_rules, summary.adrs
    )?;
    if gate.hand_edited() {
        writeln!(
            out,
            "  edited by hand since infrarch wrote it (/diff shows how)"
        )?;
    }
    let run = lint_run(gate)?;
    if run.diagnostics.is_empty() {
        writeln!(out, "  lint: clean")?;
    } else {
        writeln!(out, "  lint: {} finding(s)", run.diagnostics.len())?;
        for diag in run.diagnostics.iter().take(10) {
            writeln!(
                out,
                "    {}:{} {} {}",
                diag.line, diag.column, diag.code, diag.message
            )?;
        }
    }
    for h in &gate.sidecar.review.history {
        writeln!(
            out,
            "  r{} {} {} {}",
            h.revision,
            h.date,
            h.action.as_str(),
            h.note
        )?;
    }
    Ok(())
}
