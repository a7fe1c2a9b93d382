//! Export ADRs as adr-tools files, so a team's existing ADR log (and tools that
//! read it: `adr list`, `adr generate toc|graph`, log4brains, …) picks up the
//! decisions of an infrastructure architecture document.
//!
//! Format (as `adr new` writes it): `NNNN-title-slug.md`; line 1 `# N. Title`;
//! `Date: YYYY-MM-DD`; `## Status` holding the status word and then the link
//! lines `Supersedes [N. Title](file)` / `Superseded by [N. Title](file)`;
//! `## Context`; `## Decision`; `## Consequences`.
//!
//! Numbers continue after the highest already in the folder. An ADR whose title
//! is already there is not written twice: its number is reused for links, and
//! only its Status section is brought up to date when it has been superseded
//! since, exactly what `adr new -s` does to the file it supersedes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One ADR to export, in infrarch's own numbering (`ADR-n` ⇒ `n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrRecord {
    pub number: u32,
    pub title: String,
    /// `Proposed`, `Accepted`, `Deprecated`, `Superseded`… (links are separate).
    pub status: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub context: String,
    pub decision: String,
    /// Markdown for the Consequences section (bullets, alternatives).
    pub consequences: String,
    /// infrarch number of the ADR this one supersedes.
    pub supersedes: Option<u32>,
    /// infrarch number of the ADR that superseded this one.
    pub superseded_by: Option<u32>,
}

/// What the export did with each ADR.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Exported {
    /// infrarch's `ADR-n`.
    pub adr: String,
    pub file: PathBuf,
    /// `written`, `unchanged`, or `status updated`.
    pub action: &'static str,
}

/// An ADR file already in the folder.
#[derive(Debug, Clone)]
struct Existing {
    number: u32,
    title: String,
    path: PathBuf,
}

/// Write `adrs` into `dir` in the adr-tools format. `dir` is created if needed.
pub fn export(adrs: &[AdrRecord], dir: &Path) -> Result<Vec<Exported>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let existing = scan(dir)?;
    let mut next = existing.iter().map(|e| e.number).max().unwrap_or(0) + 1;

    // Decide every ADR's number first: links may point forward.
    let mut number_of: BTreeMap<u32, (u32, String, bool)> = BTreeMap::new();
    for adr in adrs {
        let title = clean_title(&adr.title);
        if let Some(e) = existing
            .iter()
            .find(|e| e.title.eq_ignore_ascii_case(&title))
        {
            number_of.insert(adr.number, (e.number, file_name(e.number, &title), true));
        } else {
            number_of.insert(adr.number, (next, file_name(next, &title), false));
            next += 1;
        }
    }

    let mut out = Vec::new();
    for adr in adrs {
        let (n, name, already) = number_of[&adr.number].clone();
        let path = dir.join(&name);
        let link = |other: u32| -> Option<String> {
            let (on, oname, _) = number_of.get(&other)?;
            let title = adrs
                .iter()
                .find(|a| a.number == other)
                .map(|a| clean_title(&a.title))?;
            Some(format!("[{on}. {title}]({oname})"))
        };
        let mut status = String::new();
        status.push_str(status_word(adr));
        status.push('\n');
        if let Some(l) = adr.supersedes.and_then(link) {
            let _ = write!(status, "\nSupersedes {l}\n");
        }
        if let Some(l) = adr.superseded_by.and_then(link) {
            let _ = write!(status, "\nSuperseded by {l}\n");
        }
        if already {
            let existing_path = existing
                .iter()
                .find(|e| e.number == n)
                .map(|e| e.path.clone())
                .unwrap_or(path.clone());
            let text =
                crate::write::read_text_capped(&existing_path, crate::ingest::MAX_DOC_BYTES)?;
            let updated = replace_status(&text, &status);
            let action = if updated == text {
                "unchanged"
            } else {
                crate::write::replace_atomic(&existing_path, updated.as_bytes())
                    .map_err(|e| Error::Invalid(e.to_string()))?;
                "status updated"
            };
            out.push(Exported {
                adr: format!("ADR-{}", adr.number),
                file: existing_path,
                action,
            });
            continue;
        }
        let mut text = String::new();
        let _ = writeln!(text, "# {n}. {}", clean_title(&adr.title));
        let _ = writeln!(text);
        let _ = writeln!(text, "Date: {}", adr.date);
        let _ = writeln!(text);
        let _ = writeln!(text, "## Status");
        let _ = writeln!(text);
        text.push_str(&status);
        let _ = writeln!(text);
        for (heading, body) in [
            ("Context", &adr.context),
            ("Decision", &adr.decision),
            ("Consequences", &adr.consequences),
        ] {
            let _ = writeln!(text, "## {heading}");
            let _ = writeln!(text);
            let _ = writeln!(text, "{}", body.trim_end());
            let _ = writeln!(text);
        }
        let text = text.trim_end().to_string() + "\n";
        crate::write::replace_atomic(&path, text.as_bytes())
            .map_err(|e| Error::Invalid(e.to_string()))?;
        out.push(Exported {
            adr: format!("ADR-{}", adr.number),
            file: path,
            action: "written",
        });
    }
    Ok(out)
}

/// The status word adr-tools shows: `Superseded` statuses are carried by the
/// link line alone, as `adr new -s` writes them.
fn status_word(adr: &AdrRecord) -> &str {
    let s = adr.status.trim();
    let word = s.split_whitespace().next().unwrap_or("Proposed");
    if adr.superseded_by.is_some() || word.eq_ignore_ascii_case("superseded") {
        // adr-tools replaces the status word with the link line.
        ""
    } else {
        word
    }
}

/// Replace the body of `## Status` (up to the next `## `) with `status`.
fn replace_status(text: &str, status: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_status = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("## ") {
            if in_status {
                in_status = false;
            } else if line.trim_end() == "## Status" {
                out.push_str(line);
                out.push('\n');
                out.push_str(status.trim_start_matches('\n'));
                out.push('\n');
                in_status = true;
                continue;
            }
        }
        if !in_status {
            out.push_str(line);
        }
    }
    // Normalise to one blank line between sections, as the files were written.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.split_inclusive('\n') {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        tidy.push_str(line);
    }
    tidy
}

/// ADR files already in `dir`: `NNNN-*.md` with a `# N. Title` first line.
fn scan(dir: &Path) -> Result<Vec<Existing>> {
    let mut out = Vec::new();
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in rd.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some((digits, _)) = name.split_once('-') else {
            continue;
        };
        if !name.ends_with(".md") || digits.len() != 4 {
            continue;
        }
        let Ok(number) = digits.parse::<u32>() else {
            continue;
        };
        // An ADR name that is not a regular file (a FIFO would block the
        // read forever) refuses the export before anything is written: its
        // number and title cannot be known, so numbering after it could
        // collide.
        let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        if !meta.is_file() {
            return Err(Error::Invalid(format!(
                "{}: {}, not a regular file; not read, and nothing was exported",
                path.display(),
                crate::write::file_type_name(&meta)
            )));
        }
        let first = crate::write::read_text_capped(&path, crate::ingest::MAX_DOC_BYTES)
            .ok()
            .and_then(|t| t.lines().next().map(str::to_string))
            .unwrap_or_default();
        let title = first
            .strip_prefix("# ")
            .and_then(|t| t.split_once(". ").map(|(_, t)| t.trim().to_string()))
            .unwrap_or_default();
        out.push(Existing {
            number,
            title,
            path,
        });
    }
    out.sort_by_key(|e| e.number);
    Ok(out)
}

fn clean_title(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `0004-run-on-ecs-fargate.md`, slugged as adr-tools does (lower case,
/// non-alphanumerics to dashes).
fn file_name(n: u32, title: &str) -> String {
    let slug = crate::ingest::slugify(title);
    format!("{n:04}-{slug}.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: u32, title: &str, status: &str) -> AdrRecord {
        AdrRecord {
            number: n,
            title: title.into(),
            status: status.into(),
            date: "2026-01-20".into(),
            context: "Two services, no cluster experience.".into(),
            decision: "Run on ECS Fargate.".into(),
            consequences: "- No nodes to patch.".into(),
            supersedes: None,
            superseded_by: None,
        }
    }

    #[test]
    fn numbers_after_existing_and_links_supersession() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("0001-record-architecture-decisions.md"),
            "# 1. Record architecture decisions\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n",
        )
        .unwrap();
        let mut a = record(1, "Run on ECS Fargate", "Superseded by ADR-2");
        a.superseded_by = Some(2);
        let mut b = record(2, "Run on EKS", "Accepted");
        b.supersedes = Some(1);
        let done = export(&[a, b], dir.path()).unwrap();
        assert_eq!(
            done[0].file.file_name().unwrap(),
            "0002-run-on-ecs-fargate.md"
        );
        assert_eq!(done[1].file.file_name().unwrap(), "0003-run-on-eks.md");
        let old = std::fs::read_to_string(&done[0].file).unwrap();
        assert!(old.starts_with("# 2. Run on ECS Fargate\n\nDate: 2026-01-20\n\n## Status\n\n"));
        assert!(old.contains("Superseded by [3. Run on EKS](0003-run-on-eks.md)"));
        let new = std::fs::read_to_string(&done[1].file).unwrap();
        assert!(new.contains(
            "Accepted\n\nSupersedes [2. Run on ECS Fargate](0002-run-on-ecs-fargate.md)"
        ));
        assert!(new.contains("## Context\n\nTwo services"));
    }

    #[test]
    fn re_export_updates_only_status() {
        let dir = tempfile::tempdir().unwrap();
        let a = record(1, "Run on ECS Fargate", "Accepted");
        export(std::slice::from_ref(&a), dir.path()).unwrap();
        let again = export(std::slice::from_ref(&a), dir.path()).unwrap();
        assert_eq!(again[0].action, "unchanged");
        let mut a2 = a.clone();
        a2.superseded_by = Some(2);
        let mut b = record(2, "Run on EKS", "Proposed");
        b.supersedes = Some(1);
        let done = export(&[a2, b], dir.path()).unwrap();
        assert_eq!(done[0].action, "status updated");
        assert_eq!(done[1].action, "written");
        let old = std::fs::read_to_string(&done[0].file).unwrap();
        assert!(
            old.contains(
                "## Status\n\nSuperseded by [2. Run on EKS](0002-run-on-eks.md)\n\n## Context"
            ),
            "{old}"
        );
    }
}
