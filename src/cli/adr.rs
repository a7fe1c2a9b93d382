//! `infrarch adr export`: a document's ADRs as adr-tools files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use infrarch::ingest;
use infrarch::review::adr_export::{self, AdrRecord};
use infrarch::review::gate::Gate;

#[derive(Debug, clap::Subcommand)]
pub enum AdrCommand {
    /// Write the document's ADRs into an adr-tools folder (`NNNN-title.md`),
    /// numbered after the ADRs already there.
    Export {
        /// The infrastructure architecture document.
        doc: PathBuf,
        /// The ADR folder (adr-tools' default is `doc/adr`).
        #[arg(long, default_value = "doc/adr")]
        dir: PathBuf,
    },
}

pub fn run(cmd: AdrCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AdrCommand::Export { doc, dir } => export(&doc, &dir),
    }
}

fn number(id: &str) -> Option<u32> {
    id.trim().trim_start_matches("ADR-").parse().ok()
}

fn export(doc: &std::path::Path, dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    let gate = Gate::open(doc)?;
    let design = &gate.sidecar.design;
    // The date a decision was recorded: the approval that accepted it, else creation.
    let history = &gate.sidecar.review.history;
    let approved = history
        .iter()
        .rev()
        .find(|h| h.action == infrarch::review::state::Action::Approved)
        .map(|h| h.date.clone());
    let created = history.first().map(|h| h.date.clone()).unwrap_or_default();
    let records: Vec<AdrRecord> = design
        .adrs
        .iter()
        .filter_map(|a| {
            let n = number(&a.id)?;
            let superseded_by = a.status.strip_prefix("Superseded by").and_then(number);
            let mut consequences = String::new();
            for (label, items) in [
                ("Positive", &a.consequences.positive),
                ("Negative", &a.consequences.negative),
                ("Risk", &a.consequences.risks),
            ] {
                for i in items {
                    consequences.push_str(&format!("- {label}: {i}\n"));
                }
            }
            if !a.alternatives.is_empty() {
                consequences.push_str("\nAlternatives considered:\n\n");
                for (k, alt) in a.alternatives.iter().enumerate() {
                    consequences.push_str(&format!(
                        "{}. {} - {}\n",
                        k + 1,
                        alt.option,
                        alt.why_not
                    ));
                }
            }
            Some(AdrRecord {
                number: n,
                title: a.title.clone(),
                status: a.status.clone(),
                date: if a.status == "Proposed" {
                    created.clone()
                } else {
                    approved.clone().unwrap_or_else(|| created.clone())
                },
                context: a.context.clone(),
                decision: a.decision.clone(),
                consequences,
                supersedes: a.supersedes.as_deref().and_then(number),
                superseded_by,
            })
        })
        .collect();
    let done = adr_export::export(&records, dir)?;
    let mut out = anstream::stdout().lock();
    for e in &done {
        writeln!(out, "{} {} → {}", e.action, e.adr, ingest::display(&e.file))?;
    }
    Ok(ExitCode::SUCCESS)
}
