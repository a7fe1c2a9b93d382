//! `infrarch init`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use infrarch::agent::files;
use infrarch::init::{self, Fact};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Project root to inspect; `infrarch.toml` is written there.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Replace an existing `infrarch.toml` (the old one is kept as `infrarch.toml.bak-N`).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let detection = init::detect(&args.dir)?;
    let target = args.dir.join("infrarch.toml");
    // Refuse before printing a plan that will not be written.
    if target.exists() && !args.force {
        anyhow::bail!(
            "{} already exists; pass --force to replace it (the old file is kept as a backup)",
            target.display()
        );
    }
    let mut out = anstream::stdout().lock();
    writeln!(out, "Detected in {}:", args.dir.display())?;
    for (fact, title) in [
        (Fact::Stack, "tech stack"),
        (Fact::Deployment, "deployment"),
        (Fact::Cloud, "cloud"),
        (Fact::Region, "region"),
        (Fact::Iac, "infrastructure as code"),
    ] {
        let found: Vec<_> = detection
            .findings
            .iter()
            .filter(|f| f.fact == fact)
            .collect();
        if found.is_empty() {
            writeln!(out, "  {title}: nothing found")?;
            continue;
        }
        writeln!(out, "  {title}:")?;
        for f in found {
            writeln!(out, "    {:<16} {}  ({})", f.value, f.file, f.rule)?;
        }
    }
    if detection.source_dirs.is_empty() {
        writeln!(out, "  source directories: nothing found")?;
    } else {
        writeln!(out, "  source directories:")?;
        for (d, why) in &detection.source_dirs {
            writeln!(out, "    {d:<16} {why}")?;
        }
    }
    let text = init::to_toml(&detection.project)?;
    let written = files::write_file(&target, text.as_bytes(), args.force)?;
    writeln!(out)?;
    writeln!(out, "wrote {}", written.path.display())?;
    if let Some(b) = &written.backup {
        writeln!(out, "kept the previous file as {}", b.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
