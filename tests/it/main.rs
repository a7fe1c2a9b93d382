//! Integration tests, one binary with a module per area (as ripgrep does), so
//! the test build links once.

mod agent;
mod common;
mod design_cli;
mod document_numbers;
mod handoff;
mod ingest_cli;
mod init;
mod review_cli;
mod review_pty;
#[path = "../common/skip.rs"]
mod skip;
