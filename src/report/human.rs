//! The human format: `path:line:col: CODE message`, the source line with a
//! marker under the column, a `help:` line, and a summary. Colours are always
//! written; the caller's stream decides whether they reach the terminal
//! (`anstream` strips them when stdout is not a tty or `NO_COLOR` is set).

use std::io::{self, Write};

use owo_colors::OwoColorize;

use super::Reporter;
use crate::lint::{LintRun, Severity};

/// Human-readable diagnostics.
#[derive(Debug, Clone, Copy, Default)]
pub struct Human;

impl Reporter for Human {
    fn report(&self, run: &LintRun, out: &mut dyn Write) -> io::Result<()> {
        for d in &run.diagnostics {
            let code = match d.severity {
                Severity::Error => d.code.red().bold().to_string(),
                Severity::Warning => d.code.yellow().bold().to_string(),
            };
            writeln!(
                out,
                "{}: {code} {}",
                format!("{}:{}:{}", d.path, d.line, d.column).bold(),
                d.message
            )?;
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            // Tabs would shift the marker; show them as one space each.
            let src = d.source_line.replace('\t', " ");
            writeln!(out, "{} {} {src}", num.blue().bold(), "|".blue().bold())?;
            let caret_at = d.column.saturating_sub(1).min(src.chars().count());
            let marker = "^".repeat(d.len.max(1));
            writeln!(
                out,
                "{pad} {} {}{}",
                "|".blue().bold(),
                " ".repeat(caret_at),
                marker.red().bold()
            )?;
            writeln!(
                out,
                "{pad} {} {}",
                "=".blue().bold(),
                format!("help: {}", d.help).cyan()
            )?;
            writeln!(out)?;
        }
        for e in &run.errors {
            writeln!(
                out,
                "{}: {} {}",
                e.path.bold(),
                "error:".red().bold(),
                e.message
            )?;
        }
        let errors = run.count(Severity::Error);
        let warnings = run.count(Severity::Warning);
        let files = plural(run.files, "file");
        let summary = if run.diagnostics.is_empty() && !run.errors.is_empty() {
            format!("No problems found in {files}.").bold().to_string()
        } else if run.diagnostics.is_empty() {
            format!("All checks passed ({files} linted).")
                .green()
                .bold()
                .to_string()
        } else {
            let with: std::collections::BTreeSet<&str> =
                run.diagnostics.iter().map(|d| d.path.as_str()).collect();
            format!(
                "Found {} ({}, {}) in {} of {files}.",
                plural(run.diagnostics.len(), "problem"),
                plural(errors, "error"),
                plural(warnings, "warning"),
                with.len()
            )
            .bold()
            .to_string()
        };
        writeln!(out, "{summary}")?;
        if !run.errors.is_empty() {
            writeln!(
                out,
                "{} could not be read.",
                plural(run.errors.len(), "file")
            )?;
        }
        Ok(())
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
