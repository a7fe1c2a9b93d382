//! Command-line interface: one module per subcommand (as uv does). Commands
//! call the library and write through reporters; they hold no domain logic.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod agent;
mod handoff;
mod init;
mod lint;
mod mcp;
mod requirements;
mod rule;

/// Infrastructure architecture from planning documents: requirements with their
/// sources, a computed design, the document, its lint, and the review gate.
#[derive(Debug, Parser)]
#[command(name = "infrarch", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract infrastructure requirements from a feature's planning documents.
    ///
    /// Without FEATURE, lists the features found and their documents.
    Requirements(requirements::Args),
    /// Agent files for IDEs (VS Code Copilot, Claude Code, Cursor).
    Agent(agent::Args),
    /// Detect the project's stack, deployment and cloud and write `infrarch.toml`.
    Init(init::Args),
    /// Hand an infrastructure architecture document to the next agent.
    Handoff(handoff::Args),
    /// Serve infrarch's tools to IDE agents over the Model Context Protocol (stdio).
    Mcp(mcp::Args),
    /// Check infrastructure architecture documents against the agent's quality standards.
    ///
    /// Exit status: 0 clean, 1 findings, 2 error (bad arguments, unreadable file).
    Lint(lint::Args),
    /// Explain a lint rule: what it does, why it matters, an example.
    Rule(rule::Args),
}

/// Output format shared by commands that print a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Report files that could not be read; the command goes on without them.
pub fn warn_problems(problems: &[infrarch::ingest::Problem]) {
    use std::io::Write;
    let mut err = anstream::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "infrarch: warning: skipped {}", p.error);
    }
}

pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Requirements(args) => requirements::run(args),
        Command::Agent(args) => agent::run(args),
        Command::Init(args) => init::run(args),
        Command::Handoff(args) => handoff::run(args),
        Command::Mcp(args) => mcp::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Rule(args) => rule::run(args),
    }
}
