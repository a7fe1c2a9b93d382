//! `infrarch lint PATH...`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use infrarch::lint::{self, LintOptions, Selection};
use infrarch::report::{self, LintFormat};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents or directories (walked respecting .gitignore; `*.md` files,
    /// except PRDs, epics and stories, which are inputs rather than architecture).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output: text for people, json (`infrarch.lint/v1`), or sarif (SARIF
    /// 2.1.0, for GitHub code scanning).
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Run only these rules: codes or prefixes, comma-separated or repeated (`IA1,IA301`).
    #[arg(long, value_name = "CODES")]
    pub select: Vec<String>,
    /// Skip these rules: codes or prefixes (`IA2`, `IA103`).
    #[arg(long, value_name = "CODES")]
    pub ignore: Vec<String>,
    /// An earlier revision of the document (or a folder of earlier revisions by
    /// file name): an Accepted ADR changed since then is reported (IA605).
    #[arg(long, value_name = "PATH")]
    pub baseline: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let selection = Selection::new(&args.select, &args.ignore)?;
    if let Some(b) = &args.baseline {
        anyhow::ensure!(
            b.exists(),
            "--baseline {}: no such file or directory",
            b.display()
        );
    }
    let opts = LintOptions {
        selection,
        baseline: args.baseline.clone(),
    };
    let result = lint::lint_paths(&args.paths, &opts)?;
    let format = match args.format {
        FormatArg::Text => LintFormat::Text,
        FormatArg::Json => LintFormat::Json,
        FormatArg::Sarif => LintFormat::Sarif,
    };
    let reporter = report::reporter(format);
    if format == LintFormat::Text {
        // AutoStream strips colour when stdout is not a terminal or NO_COLOR
        // is set; the buffer in front of it keeps writes few.
        let mut out = std::io::BufWriter::new(anstream::stdout().lock());
        reporter
            .report(&result, &mut out)
            .context("writing the report")?;
        out.flush().context("writing the report")?;
    } else {
        // JSON and SARIF never hold colour: no escape-stripping pass over them.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        reporter
            .report(&result, &mut out)
            .context("writing the report")?;
        out.flush().context("writing the report")?;
    }
    if result.skipped > 0 {
        // Said on stderr in every format: stdout stays the report.
        let mut err = anstream::stderr().lock();
        writeln!(
            err,
            "infrarch: note: skipped {} other Markdown file{} (PRDs, stories, notes: not infrastructure or architecture documents); name a file to lint it anyway",
            result.skipped,
            if result.skipped == 1 { "" } else { "s" }
        )?;
    }
    if format != LintFormat::Text {
        // Machine formats keep stdout parseable; unreadable files also go to stderr.
        let mut err = anstream::stderr().lock();
        for e in &result.errors {
            writeln!(err, "infrarch: error: {}: {}", e.path, e.message)?;
        }
    }
    Ok(if !result.errors.is_empty() {
        ExitCode::from(2)
    } else if result.diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
