//! Integration tests, one binary with a module per area (as ripgrep does), so
//! the test build links once.

mod common;
mod design_cli;
mod ingest_cli;
mod review_cli;
mod review_pty;
