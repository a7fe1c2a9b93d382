//! The review gate: `/approve`, `/skip`, `/revise <feedback>`, with revision
//! history, ADR supersession and hand-edit detection.

pub mod adr_export;
pub mod adrs;
pub mod apply;
pub mod directives;
pub mod effects;
pub mod gate;
pub mod lexicon;
pub mod read;
pub mod revise;
pub mod state;
