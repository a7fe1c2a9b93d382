//! The `infrarch` binary: parse arguments, run one command, map errors to exit
//! codes. Everything else lives in the library.

mod cli;

// See Cargo.toml: start-up is allocation-bound.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::error::Error as StdError;
use std::io::{ErrorKind, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`infrarch … | head`) is the reader saying it has
            // read enough: success, and nothing to say about it.
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            // Escaped: the message may quote a name or file text with
            // terminal escape sequences in it.
            let msg = infrarch::write::escape_controls(&message(&err));
            let _ = writeln!(stderr, "infrarch: error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, each cause once: library errors
/// already name their source in their own text (`{path}: {source}`), so
/// anyhow's `{:#}` would print the OS error a second time.
fn message(err: &anyhow::Error) -> String {
    let mut out = err.to_string();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        if !text.is_empty() && !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
    }
    out
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(cause_is_broken_pipe)
}

/// A closed pipe, however it was wrapped on the way up: an `io::Error`
/// (possibly holding another error), or serde_json's error, whose `source()`
/// skips the `io::Error` it holds, so only `io_error_kind` sees it.
fn cause_is_broken_pipe(cause: &(dyn StdError + 'static)) -> bool {
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        return io.kind() == ErrorKind::BrokenPipe
            || io
                .get_ref()
                .is_some_and(|inner| cause_is_broken_pipe(inner as &(dyn StdError + 'static)));
    }
    if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
        return json.io_error_kind() == Some(ErrorKind::BrokenPipe);
    }
    false
}
