//! `infrarch handoff`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use infrarch::agent::{self, handoff};

use super::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The infrastructure architecture document to hand off.
    pub doc: PathBuf,
    /// The receiving agent (one of the definition's handoffs, e.g. `devops-agent`).
    #[arg(long)]
    pub to: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Hand a document that is not Approved to devops-agent anyway.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let def = agent::builtin();
    let shown = infrarch::ingest::display(&args.doc);
    let out_value = handoff::prepare(
        &def,
        &args.doc,
        &shown,
        &args.to,
        args.force,
        args.format == Format::Json,
    )?;
    let mut out = anstream::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &out_value)?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(out, "{} → @{}", out_value.label, out_value.agent)?;
            writeln!(out)?;
            writeln!(out, "{}", out_value.message)?;
            for w in &out_value.warnings {
                writeln!(out)?;
                writeln!(out, "note: {w}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
