//! The `infrarch` binary: parse arguments, run one command, map errors to exit
//! codes. Everything else lives in the library.

mod cli;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`infrarch … | head`) is not a failure.
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            // Escaped: the message may quote a name or file text with
            // terminal escape sequences in it.
            let msg = infrarch::write::escape_controls(&format!("{err:#}"));
            let _ = writeln!(stderr, "infrarch: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
