//! The JSON format: the `infrarch.lint/v1` contract of `shared/DESIGN.md`.

use std::io::{self, Write};

use serde::Serialize;

use super::Reporter;
use crate::lint::{Diagnostic, FileError, LintRun};

/// Schema tag of the lint JSON output.
pub const LINT_SCHEMA: &str = "infrarch.lint/v1";

/// `{"schema", "files", "diagnostics": [...]}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

#[derive(Serialize)]
struct Output<'a> {
    schema: &'static str,
    files: usize,
    diagnostics: &'a [Diagnostic],
    /// Files that could not be read (additive to the contract; omitted when none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [FileError],
}

impl Reporter for Json {
    fn report(&self, run: &LintRun, out: &mut dyn Write) -> io::Result<()> {
        let o = Output {
            schema: LINT_SCHEMA,
            files: run.files,
            diagnostics: &run.diagnostics,
            errors: &run.errors,
        };
        serde_json::to_writer_pretty(&mut *out, &o).map_err(io::Error::other)?;
        writeln!(out)
    }
}
