//! Library errors. Each variant renders as one line a user can act on; the
//! binary prints it and exits with status 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid UTF-8 text (is it a binary file?)")]
    NotUtf8 { path: PathBuf },
    #[error("{path}: file is {size} bytes, over the {limit}-byte limit for a planning document")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: not a directory")]
    NotADirectory { path: PathBuf },
    #[error("planning directory {path} does not exist (pass --planning DIR)")]
    NoPlanningDir { path: PathBuf },
    #[error("no planning documents found under {path}")]
    NoDocuments { path: PathBuf },
    #[error("unknown feature `{feature}`; features found: {known}")]
    UnknownFeature { feature: String, known: String },
    #[error("invalid feature name `{0}`: use letters, digits and dashes")]
    InvalidFeature(String),
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
    /// The caller cancelled the work (an MCP `notifications/cancelled`); it
    /// stopped before `stage`, and nothing after that stage was written.
    #[error("cancelled by the client; stopped before {stage}, nothing from there on was done")]
    Cancelled { stage: &'static str },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
