//! infrarch: the infrastructure-architecture agent as a deterministic program.
//!
//! The pipeline, one module per stage (see `docs/architecture.md`):
//! `ingest` → `extract` → `design` (with `catalog`) → `render` / `lint` / `review`.
//! The library never prints: callers get typed values and render them through
//! `report`.

#![deny(clippy::print_stdout, clippy::print_stderr)]

/// A compiled-in data file (`data/PATH`, a TOML file) as JSON, converted by
/// build.rs (see `data_as_json` there): the same values, parsed several
/// times faster. Read it with `serde_json::from_str`.
macro_rules! builtin_json {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/data/", $path, ".json"))
    };
}
pub(crate) use builtin_json;

pub mod agent;
pub mod cancel;
pub mod catalog;
pub mod confirm;
pub mod design;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod init;
pub mod lint;
pub mod markdown;
pub mod mcp;
pub mod numfmt;
pub mod pipeline;
pub mod project;
pub mod render;
pub mod report;
pub mod requirements;
pub mod review;
pub mod technologies;
pub mod write;

pub use error::{Error, Result};
