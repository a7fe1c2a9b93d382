//! `infrarch agent export`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use infrarch::agent::{self, export::Platform, files};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: AgentCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum AgentCommand {
    /// Write infrarch's agent definition as an agent file for an IDE and print
    /// the MCP server configuration that IDE needs.
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub platform: PlatformArg,
    /// Project root the file is written under.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
    /// Replace an existing file (the old one is kept as `NAME.bak-N`).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    Vscode,
    ClaudeCode,
    Cursor,
}

impl From<PlatformArg> for Platform {
    fn from(p: PlatformArg) -> Self {
        match p {
            PlatformArg::Vscode => Platform::Vscode,
            PlatformArg::ClaudeCode => Platform::ClaudeCode,
            PlatformArg::Cursor => Platform::Cursor,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        AgentCommand::Export(a) => export(a),
    }
}

fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let def = agent::builtin();
    let exported = agent::export::export(&def, args.platform.into());
    let path = args.out.join(&exported.path);
    let written = files::write_file(&path, exported.content.as_bytes(), args.force)?;
    let mut out = anstream::stdout().lock();
    writeln!(
        out,
        "wrote {} ({} agent file)",
        written.path.display(),
        exported.platform.name()
    )?;
    if let Some(b) = &written.backup {
        writeln!(out, "kept the previous file as {}", b.display())?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "MCP server configuration: add this to {} (merge with servers already there):",
        exported.mcp.file
    )?;
    writeln!(out)?;
    write!(out, "{}", exported.mcp.json)?;
    if let Some(cmd) = &exported.mcp.command {
        writeln!(out)?;
        writeln!(out, "or run:")?;
        writeln!(out)?;
        writeln!(out, "    {cmd}")?;
    }
    Ok(ExitCode::SUCCESS)
}
