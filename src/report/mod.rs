//! Reporters: every human or machine-readable output is written here, to an
//! `impl Write` the caller owns. The library itself never prints.

pub mod requirements;
