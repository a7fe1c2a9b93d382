//! The review gate: `infrarch review` (interactive), `approve`, `skip`,
//! `revise`. The interactive prompt and the one-shot commands run the same
//! library actions ([`infrarch::review::gate::Gate`]).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use infrarch::ingest;
use infrarch::lint;
use infrarch::render;
use infrarch::review::gate::{Gate, Outcome};
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
pub struct ReviseArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// What to change, in plain words ("move to GCP; availability 99.99%; no Redis").
    #[arg(long)]
    pub feedback: String,
    /// Revise even though the document was edited by hand (the edited file is kept).
    #[arg(long)]
    pub force: bool,
}

pub fn approve(args: ApproveArgs) -> anyhow::Result<ExitCode> {
    let date = parse_date(args.doc.date.as_deref())?.to_string();
    let mut gate = Gate::open(&args.doc.doc)?;
    let errors = lint_errors(&gate)?;
    let outcome = gate.approve(&date, errors, args.force)?;
    let mut out = anstream::stdout().lock();
    report(&mut out, &gate.doc, "Approved", &outcome)?;
    next_steps(&mut out, &gate.doc)?;
    Ok(ExitCode::SUCCESS)
}

pub fn skip(args: DocArgs) -> anyhow::Result<ExitCode> {
    let date = parse_date(args.date.as_deref())?.to_string();
    let mut gate = Gate::open(&args.doc)?;
    let outcome = gate.skip(&date)?;
    let mut out = anstream::stdout().lock();
    report(&mut out, &gate.doc, "Skipped", &outcome)?;
    next_steps(&mut out, &gate.doc)?;
    Ok(ExitCode::SUCCESS)
}

pub fn revise(args: ReviseArgs) -> anyhow::Result<ExitCode> {
    let date = parse_date(args.doc.date.as_deref())?;
    let mut gate = Gate::open(&args.doc.doc)?;
    let outcome = revise_with(&mut gate, date, &args.feedback, args.force)?;
    let mut out = anstream::stdout().lock();
    report(&mut out, &gate.doc, "Revised", &outcome)?;
    Ok(ExitCode::SUCCESS)
}

fn revise_with(
    gate: &mut Gate,
    date: jiff::civil::Date,
    feedback: &str,
    force: bool,
) -> anyhow::Result<Outcome> {
    Ok(revise::revise_document(gate, date, feedback, force)?)
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
            "Not understood, added to Open Questions in your words:"
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
    if let Some(o) = gate.submit(&date.to_string())? {
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
                let o = gate.approve(&date.to_string(), errors, force)?;
                report(&mut out, &gate.doc, "Approved", &o)?;
                next_steps(&mut out, &gate.doc)?;
                Ok(true)
            }
            "/skip" => {
                let o = gate.skip(&date.to_string())?;
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
                let o = revise_with(&mut gate, date, feedback, force)?;
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
