//! Text output of `infrarch requirements`: requirements grouped by kind with
//! `file:line`, then conflicts and gaps. Colour is applied with ANSI codes here
//! and stripped by the caller's stream (anstream) when it is not a terminal or
//! NO_COLOR is set, so this code never asks about the terminal itself.

use std::io::{self, Write};

use owo_colors::OwoColorize;

use crate::ingest::{FeatureDocs, Inventory};
use crate::requirements::{Kind, RequirementSet};

/// Write the requirement set as a readable table.
pub fn write_text(out: &mut dyn Write, set: &RequirementSet) -> io::Result<()> {
    writeln!(
        out,
        "{} {} ({} document{})",
        "Requirements for".bold(),
        set.feature.bold(),
        set.sources.len(),
        if set.sources.len() == 1 { "" } else { "s" }
    )?;
    for s in &set.sources {
        writeln!(out, "  {:<10} {}", s.kind.as_str().dimmed(), s.path)?;
    }
    for s in &set.superseded {
        writeln!(out, "  {:<10} {} (superseded)", "old".dimmed(), s.dimmed())?;
    }
    writeln!(out)?;

    let width = set
        .requirements
        .iter()
        .map(|r| r.display_value().chars().count())
        .max()
        .unwrap_or(0);
    for kind in Kind::ALL {
        let reqs: Vec<_> = set.all(kind).collect();
        if reqs.is_empty() {
            continue;
        }
        let conflicted = set.conflicts.iter().any(|c| c.kind == kind);
        let title = if conflicted {
            format!("{} {}", kind.as_str(), "(conflict)".yellow())
        } else {
            kind.as_str().to_string()
        };
        writeln!(out, "{}", title.bold())?;
        for r in reqs {
            let marker = if r.primary {
                "*".green().to_string()
            } else {
                " ".to_string()
            };
            let mut notes = Vec::new();
            if let Some(s) = &r.subject {
                notes.push(s.clone());
            }
            if let Some(p) = &r.phase {
                notes.push(format!("phase {p}"));
            }
            if let Some(q) = &r.qualifier {
                notes.push(q.clone());
            }
            let value = r.display_value();
            let pad = width.saturating_sub(value.chars().count());
            writeln!(
                out,
                "  {marker} {:<4} {value}{}  {}{}",
                r.id.dimmed(),
                " ".repeat(pad),
                format!("{}:{}", r.source.path, r.source.line).cyan(),
                if notes.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", notes.join("; "))
                }
            )?;
        }
    }
    if !set.technologies.is_empty() {
        writeln!(out, "{}", "technologies".bold())?;
        for t in &set.technologies {
            let stance = match t.stance {
                crate::requirements::Stance::Chosen => "chosen".green().to_string(),
                crate::requirements::Stance::Rejected => "rejected".red().to_string(),
            };
            writeln!(
                out,
                "    {:<14} {:<24} {:<8}  {}",
                t.name,
                t.role.dimmed(),
                stance,
                format!("{}:{}", t.source.path, t.source.line).cyan()
            )?;
        }
    }
    if !set.conflicts.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", "Conflicts".yellow().bold())?;
        for c in &set.conflicts {
            let values: Vec<String> = c
                .values
                .iter()
                .zip(&c.sources)
                .map(|(v, s)| format!("{v} ({}:{})", s.path, s.line))
                .collect();
            let resolved = c
                .resolved
                .as_ref()
                .map(|v| format!(" → design uses {v} (stricter)"))
                .unwrap_or_default();
            writeln!(out, "  ! {}: {}{resolved}", c.kind, values.join(" vs "))?;
        }
    }
    if !set.ambiguities.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            "Two readings (not used; the design asks)".yellow().bold()
        )?;
        for a in &set.ambiguities {
            writeln!(
                out,
                "  ? {} {}",
                a.readings.join(" | "),
                format!("{}:{}", a.source.path, a.source.line).cyan()
            )?;
        }
    }
    // Workload kinds (schedule, files, model…) matter only to some systems:
    // the design asks about them through the blueprint that needs them.
    let missing: Vec<&Kind> = set.missing.iter().filter(|k| k.always_expected()).collect();
    if !missing.is_empty() {
        writeln!(out)?;
        let names: Vec<&str> = missing.iter().map(|k| k.as_str()).collect();
        writeln!(
            out,
            "{} {} (design states an assumption for each)",
            "Not stated:".yellow().bold(),
            names.join(", ")
        )?;
    }
    Ok(())
}

/// Write the features found by discovery, with their documents.
pub fn write_features(out: &mut dyn Write, inv: &Inventory) -> io::Result<()> {
    writeln!(
        out,
        "{} {} feature{} under {}",
        "Found".bold(),
        inv.features.len(),
        if inv.features.len() == 1 { "" } else { "s" },
        inv.searched
            .iter()
            .map(|p| crate::ingest::display(p))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    for f in &inv.features {
        write_feature(out, f)?;
    }
    Ok(())
}

fn write_feature(out: &mut dyn Write, f: &FeatureDocs) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", f.name.bold())?;
    for d in &f.docs {
        writeln!(
            out,
            "  {:<10} {}",
            d.kind.as_str().dimmed(),
            crate::ingest::display(&d.path)
        )?;
    }
    for d in &f.superseded {
        writeln!(
            out,
            "  {:<10} {} {}",
            d.kind.as_str().dimmed(),
            crate::ingest::display(&d.path).dimmed(),
            "(superseded)".dimmed()
        )?;
    }
    Ok(())
}
