//! Reporters: every human or machine-readable output is written here, to an
//! `impl Write` the caller owns; the library itself never prints. Lint results
//! go through one trait with three implementations (human, JSON, SARIF), after
//! typos' reporter design.

mod human;
mod json;
pub mod requirements;
mod sarif;

use std::io::{self, Write};

use crate::lint::LintRun;

pub use human::Human;
pub use json::{Json, LINT_SCHEMA};
pub use sarif::Sarif;

/// Writes a whole lint run.
pub trait Reporter {
    fn report(&self, run: &LintRun, out: &mut dyn Write) -> io::Result<()>;
}

/// The output formats of `infrarch lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintFormat {
    Text,
    Json,
    Sarif,
}

/// The reporter of a format.
pub fn reporter(format: LintFormat) -> Box<dyn Reporter> {
    match format {
        LintFormat::Text => Box::new(Human),
        LintFormat::Json => Box::new(Json),
        LintFormat::Sarif => Box::new(Sarif),
    }
}
