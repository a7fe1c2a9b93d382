//! Writing the document: where it goes, what its name is, and how it lands on
//! disk without ever destroying a document someone may be reviewing.
//!
//! The agent definition says "never overwrite existing architecture docs without
//! confirmation", so an existing file is an error unless the caller forces, and
//! forcing keeps the old file as a numbered backup beside it. Every file is
//! written to a temp file in the same directory and renamed into place, so a
//! crash leaves either the old document or the new one, never half of one.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;

/// Where infrastructure architecture documents live, relative to the planning
/// directory (`docs/planning`), as the agent definition's "Output Location" says.
pub const ARCHITECTURE_SUBDIR: [&str; 2] = ["architecture", "infrastructure"];

/// Longest slug kept: file names stay readable and far below any path limit.
const MAX_SLUG_LEN: usize = 64;

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The document (or its model beside it) already exists and `force` was off.
    #[error(
        "{p} already exists; nothing was written. Rerun with --force to replace it (the current file is kept as a backup beside it), or act on it with `infrarch review {p}`, `infrarch approve {p}` or `infrarch revise {p} --feedback \"…\"`",
        p = path.display()
    )]
    Exists { path: PathBuf },
    /// The feature name cannot become a safe file-name slug.
    #[error("invalid feature name `{input}`: {reason}")]
    InvalidSlug { input: String, reason: &'static str },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl WriteError {
    fn io(path: &Path, source: io::Error) -> Self {
        WriteError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Turn a feature name into the slug used in file names and document ids.
///
/// Lower-case ASCII letters, digits and single dashes (`Check Out!` → `check-out`).
/// Anything that looks like a path (`..`, `/`, `\`, an absolute or drive path) is
/// refused rather than cleaned, because silently writing `../etc` as `etc` would
/// write a document for a feature nobody named.
pub fn slug(feature: &str) -> Result<String, WriteError> {
    let input = feature.trim();
    let refuse = |reason| {
        Err(WriteError::InvalidSlug {
            input: feature.to_string(),
            reason,
        })
    };
    if input.is_empty() {
        return refuse("it is empty");
    }
    let bytes = input.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if input.starts_with('/') || input.starts_with('\\') || drive {
        return refuse("an absolute path is not a feature name");
    }
    if input.split(['/', '\\']).any(|part| part.trim() == "..") || input.contains("..") {
        return refuse("`..` is not allowed in a feature name");
    }
    if input.contains(['/', '\\']) {
        return refuse("path separators are not allowed in a feature name");
    }
    let mut out = String::with_capacity(input.len());
    for c in input.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_matches('-').to_string();
    if out.len() > MAX_SLUG_LEN {
        out.truncate(MAX_SLUG_LEN);
        out = out.trim_end_matches('-').to_string();
    }
    if out.is_empty() {
        return refuse("it has no ASCII letters or digits");
    }
    Ok(out)
}

/// `{slug}-infrastructure-architecture-{YYYYMMDD}`: the document's id and file stem.
pub fn document_id(slug: &str, date: Date) -> String {
    format!(
        "{slug}-infrastructure-architecture-{:04}{:02}{:02}",
        date.year(),
        date.month(),
        date.day()
    )
}

/// The folder documents go to: `{planning}/architecture/infrastructure`.
pub fn document_dir(planning: &Path) -> PathBuf {
    let mut dir = planning.to_path_buf();
    dir.extend(ARCHITECTURE_SUBDIR);
    dir
}

/// Full path of the document for a feature slug and date.
pub fn document_path(planning: &Path, slug: &str, date: Date) -> PathBuf {
    document_dir(planning).join(format!("{}.md", document_id(slug, date)))
}

/// The model (handoff payload) beside a document: same name, `.json`.
pub fn model_path(document: &Path) -> PathBuf {
    document.with_extension("json")
}

/// A relative link from a folder to a file, `/`-separated, computed lexically.
/// Used for the document's `**Source PRD:**` link, which must resolve from the
/// document's folder.
///
/// Relative paths are taken from the working directory, the base `ingest`
/// uses for the display paths the model carries; so when one side is absolute
/// (`--planning /abs/docs/planning`) and the other is not, the relative one is
/// resolved against it first.
pub fn relative_link(from_dir: &Path, to_file: &Path) -> String {
    let absolute = |p: &Path| -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|cwd| cwd.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        }
    };
    let (from_dir, to_file) = if from_dir.is_absolute() == to_file.is_absolute() {
        (from_dir.to_path_buf(), to_file.to_path_buf())
    } else {
        (absolute(from_dir), absolute(to_file))
    };
    let from = normal_components(&from_dir);
    let to = normal_components(&to_file);
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = Vec::new();
    parts.extend(std::iter::repeat_n("..".to_string(), from.len() - common));
    parts.extend(to[common..].iter().cloned());
    parts.join("/")
}

fn normal_components(p: &Path) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if out.last().is_some_and(|l| l != "..") {
                    out.pop();
                } else {
                    out.push("..".into());
                }
            }
            Component::RootDir | Component::Prefix(_) => out.push("/".into()),
            Component::Normal(s) => out.push(s.to_string_lossy().into_owned()),
        }
    }
    out
}

/// A rendered document ready to write: its path, its Markdown and the model
/// (the `infrarch.design/v1` handoff payload) that goes beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub path: PathBuf,
    pub markdown: String,
    pub model_json: String,
}

/// Render a design for the planning directory `planning` and date: the path
/// from the feature's slug, the document (its PRD link relative to that path),
/// and the model as pretty JSON. Nothing is written; `--stdout` prints
/// `markdown`, otherwise pass the parts to [`write_document`].
pub fn prepare(
    planning: &Path,
    design: &crate::design::Design,
    reqs: &crate::requirements::RequirementSet,
    date: Date,
) -> Result<Prepared, WriteError> {
    let slug = slug(&design.feature)?;
    let ctx = crate::render::RenderContext::new(date, planning);
    let markdown = crate::render::document(design, reqs, &ctx);
    let mut model_json = serde_json::to_string_pretty(design).map_err(|e| WriteError::Io {
        path: PathBuf::from(&design.feature),
        source: io::Error::other(e),
    })?;
    model_json.push('\n');
    Ok(Prepared {
        path: document_path(planning, &slug, date),
        markdown,
        model_json,
    })
}

/// What [`write_document`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub document: PathBuf,
    pub model: PathBuf,
    /// Previous files kept because of `force` (document first, then model).
    pub backups: Vec<PathBuf>,
}

/// Write the document and its model beside it, atomically.
///
/// Without `force`, an existing document or model is an error
/// ([`WriteError::Exists`]) and nothing is written. With `force`, each existing
/// file is first kept as `{name}.bak-{n}` with the first `n` free for both files
/// (an earlier backup is never replaced), then replaced by rename.
pub fn write_document(
    document: &Path,
    markdown: &str,
    model_json: &str,
    force: bool,
) -> Result<Written, WriteError> {
    let model = model_path(document);
    let dir = match document.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| WriteError::io(&dir, e))?;

    let mut backups = Vec::new();
    if !force {
        for p in [document, model.as_path()] {
            if p.exists() {
                return Err(WriteError::Exists {
                    path: document.to_path_buf(),
                });
            }
        }
    } else {
        let n = free_backup_number(document, &model);
        for p in [document, model.as_path()] {
            if p.exists() {
                let backup = backup_path(p, n);
                keep_backup(&dir, p, &backup)?;
                backups.push(backup);
            }
        }
    }

    // The model first: a document without its model could not be revised,
    // while a model without its document is simply rewritten next time.
    persist(&dir, &model, model_json.as_bytes(), force)?;
    persist(&dir, document, markdown.as_bytes(), force)?;
    Ok(Written {
        document: document.to_path_buf(),
        model,
        backups,
    })
}

fn backup_path(p: &Path, n: u32) -> PathBuf {
    let mut name = p.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bak-{n}"));
    p.with_file_name(name)
}

fn free_backup_number(document: &Path, model: &Path) -> u32 {
    (1..)
        .find(|&n| !backup_path(document, n).exists() && !backup_path(model, n).exists())
        .unwrap_or(u32::MAX)
}

/// Keep `src` as `backup` without ever replacing an existing backup: a hard
/// link is atomic and fails if the name is taken; where links are not supported
/// the bytes go through a temp file and a no-clobber persist.
fn keep_backup(dir: &Path, src: &Path, backup: &Path) -> Result<(), WriteError> {
    match std::fs::hard_link(src, backup) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::io(backup, e)),
        Err(_) => {
            let bytes = std::fs::read(src).map_err(|e| WriteError::io(src, e))?;
            persist(dir, backup, &bytes, false)
        }
    }
}

fn persist(dir: &Path, target: &Path, bytes: &[u8], replace: bool) -> Result<(), WriteError> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".infrarch-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| WriteError::io(dir, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| WriteError::io(tmp.path(), e))?;
    let result = if replace {
        tmp.persist(target).map(drop)
    } else {
        tmp.persist_noclobber(target).map(drop)
    };
    result.map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Exists {
                path: target.to_path_buf(),
            }
        } else {
            WriteError::io(target, e.error)
        }
    })
}

/// Replace `path` with `bytes` atomically (temp file in the same folder, then
/// rename), for files infrarch owns and has already decided to change.
pub fn replace_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    persist(&dir, path, bytes, true)
}

/// The counts the agent definition's approval prompt shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The document, as the user should see it (relative when possible).
    pub path: PathBuf,
    pub components: usize,
    pub environments: usize,
    pub scaling_rules: usize,
    pub adrs: usize,
}

/// Write the agent definition's approval prompt: the 📋 block with the summary
/// and the commands, each with the `infrarch` command that carries it out.
pub fn write_approval_prompt(out: &mut impl Write, summary: &Summary) -> io::Result<()> {
    let doc = summary.path.display().to_string();
    let arg = shell_quote(&doc);
    writeln!(out, "📋 **Infrastructure Architecture Generated:** `{doc}`")?;
    writeln!(out)?;
    writeln!(out, "**Summary:**")?;
    writeln!(out, "- Infrastructure Components: {}", summary.components)?;
    writeln!(out, "- Environments: {}", summary.environments)?;
    writeln!(out, "- Scaling Rules: {}", summary.scaling_rules)?;
    writeln!(out, "- ADRs: {}", summary.adrs)?;
    writeln!(out)?;
    writeln!(
        out,
        "Please review the infrastructure architecture document."
    )?;
    writeln!(out)?;
    writeln!(out, "**Commands:**")?;
    writeln!(
        out,
        "- `/approve` - Approve infrastructure architecture and proceed to next phase: `infrarch approve {arg}`"
    )?;
    writeln!(out, "- `/skip` - Skip to next phase: `infrarch skip {arg}`")?;
    writeln!(
        out,
        "- `/revise [feedback]` - Request changes to the infrastructure architecture: `infrarch revise {arg} --feedback \"…\"`"
    )?;
    writeln!(out)?;
    writeln!(out, "What would you like to do?")
}

/// Quote a path for a copy-pasteable shell command only when it needs it.
fn shell_quote(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./:@+,".contains(c));
    if plain && !s.is_empty() {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let ok = [
            ("Check Out!", "check-out"),
            ("checkout", "checkout"),
            ("  User_Authentication  ", "user-authentication"),
            ("v2.0 API", "v2-0-api"),
            ("--x--", "x"),
        ];
        for (input, want) in ok {
            assert_eq!(slug(input).unwrap(), want, "{input}");
        }
        for bad in [
            "../etc", "/abs", "a/b", "a\\b", "..", "", "   ", "!!!", "C:x", "a..b",
        ] {
            assert!(slug(bad).is_err(), "{bad:?} must be refused");
        }
        let long = "a".repeat(200);
        assert_eq!(slug(&long).unwrap().len(), MAX_SLUG_LEN);
    }

    #[test]
    fn ids_and_paths() {
        let d = Date::new(2026, 1, 5).unwrap();
        assert_eq!(
            document_id("checkout", d),
            "checkout-infrastructure-architecture-20260105"
        );
        assert_eq!(
            document_path(Path::new("docs/planning"), "checkout", d),
            PathBuf::from(
                "docs/planning/architecture/infrastructure/checkout-infrastructure-architecture-20260105.md"
            )
        );
        assert_eq!(model_path(Path::new("a/b.md")), PathBuf::from("a/b.json"));
    }

    #[test]
    fn relative_links() {
        let cases = [
            (
                "docs/planning/architecture/infrastructure",
                "docs/planning/prd/checkout-20260101.md",
                "../../prd/checkout-20260101.md",
            ),
            ("./docs/planning/x", "docs/planning/prd/a.md", "../prd/a.md"),
            ("/r/d", "/r/d/e.md", "e.md"),
            ("a", "b/c.md", "../b/c.md"),
        ];
        for (from, to, want) in cases {
            assert_eq!(relative_link(Path::new(from), Path::new(to)), want);
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("docs/a-b.md"), "docs/a-b.md");
        assert_eq!(shell_quote("my docs/a.md"), "'my docs/a.md'");
        assert_eq!(shell_quote("it's.md"), r"'it'\''s.md'");
    }
}
