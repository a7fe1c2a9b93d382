//! `infrarch requirements`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use super::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Feature slug (e.g. `checkout`). Omit to list the features found.
    pub feature: Option<String>,
    /// Planning directory.
    #[arg(long, default_value = "docs/planning")]
    pub planning: PathBuf,
    /// Read just these files (repeatable) instead of discovering documents.
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut docs = Vec::new();
    for f in &args.files {
        docs.push(infrarch::ingest::load_file(f)?);
    }
    let feature = args.feature.clone().unwrap_or_else(|| "files".to_string());
    let set = infrarch::extract::extract(&feature, &docs);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &set).context("writing JSON")?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}
