//! Command-line interface: one module per subcommand (as uv does). Commands
//! call the library and write through reporters; they hold no domain logic.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod adr;
mod agent;
mod design;
mod handoff;
mod init;
mod lint;
mod mcp;
mod requirements;
mod review;
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
    /// Design a feature's infrastructure and write its architecture document.
    ///
    /// Writes `architecture/infrastructure/{feature}-infrastructure-architecture-{date}.md`
    /// under the planning directory, with the design model beside it as JSON, then
    /// prints the summary and the approval commands. Never overwrites without --force.
    Design(design::Args),
    /// Check infrastructure architecture documents against the agent's quality standards.
    ///
    /// Exit status: 0 clean, 1 findings, 2 error (bad arguments, unreadable file).
    Lint(lint::Args),
    /// Explain a lint rule: what it does, why it matters, an example.
    Rule(rule::Args),
    /// Review a document interactively: /approve, /skip, /revise <feedback>, /status, /diff.
    Review(review::DocArgs),
    /// Approve a document: status Approved, Proposed ADRs Accepted (refused while lint reports errors).
    Approve(review::ApproveArgs),
    /// Skip the infrastructure architecture phase (recorded for the orchestrator).
    Skip(review::DocArgs),
    /// Revise a document from feedback and/or directives (--set, --use, --avoid, --drop,
    /// --add, --reduce-cost…): re-design with them and write a new revision.
    Revise(Box<review::ReviseArgs>),
    /// Architecture decision records: export to adr-tools.
    #[command(subcommand)]
    Adr(adr::AdrCommand),
    /// Hand an infrastructure architecture document to the next agent.
    Handoff(handoff::Args),
    /// Agent files for IDEs (VS Code Copilot, Claude Code, Cursor).
    Agent(agent::Args),
    /// Detect the project's stack, deployment and cloud and write `infrarch.toml`.
    Init(init::Args),
    /// Serve infrarch's tools to IDE agents over the Model Context Protocol (stdio).
    Mcp(mcp::Args),
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

/// Say so before writing through a symlink that leads out of the planning
/// tree (the CLI follows it; it never does so silently).
pub fn warn_symlinks(tree: &std::path::Path, targets: &[&std::path::Path]) {
    use std::io::Write;
    let mut err = anstream::stderr().lock();
    for w in infrarch::write::symlink_escapes(tree, targets) {
        let _ = writeln!(
            err,
            "infrarch: warning: {}",
            infrarch::write::escape_controls(&w)
        );
    }
}

/// `--date YYYY-MM-DD`, or today.
pub fn parse_date(raw: Option<&str>) -> anyhow::Result<jiff::civil::Date> {
    match raw {
        Some(d) => d
            .parse()
            .map_err(|_| anyhow::anyhow!("invalid --date `{d}`: expected YYYY-MM-DD")),
        None => Ok(jiff::ZonedDateTime::now().date()),
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
        Command::Design(args) => design::run(args),
        Command::Review(args) => review::review(args),
        Command::Approve(args) => review::approve(args),
        Command::Skip(args) => review::skip(args),
        Command::Revise(args) => review::revise(*args),
        Command::Adr(cmd) => adr::run(cmd),
        Command::Lint(args) => lint::run(args),
        Command::Rule(args) => rule::run(args),
    }
}
