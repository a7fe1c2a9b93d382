//! Integration tests, one binary with a module per area (as ripgrep does), so
//! the test build links once.

mod agent;
mod common;
mod handoff;
mod ingest_cli;
mod init;
