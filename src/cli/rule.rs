//! `infrarch rule CODE` / `infrarch rule --all`.

use std::io::Write;
use std::process::ExitCode;

use infrarch::lint::{RULES, rule};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule code (`IA101`) or name (`template-slot`).
    #[arg(required_unless_present = "all")]
    pub code: Option<String>,
    /// List every rule: code, name, severity, summary.
    #[arg(long, conflicts_with = "code")]
    pub all: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut out = anstream::stdout().lock();
    if args.all {
        for r in RULES {
            writeln!(
                out,
                "{}  {:<32} {:<8} {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let code = args.code.unwrap_or_default();
    let Some(r) = rule(&code) else {
        anyhow::bail!("unknown rule `{code}` (see `infrarch rule --all`)");
    };
    writeln!(out, "# {} ({})\n", r.name, r.code)?;
    writeln!(out, "{} · severity: {}\n", r.summary, r.severity.as_str())?;
    write!(out, "{}", r.doc)?;
    Ok(ExitCode::SUCCESS)
}
