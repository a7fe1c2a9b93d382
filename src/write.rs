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
    #[error("invalid feature name `{}`: {reason}", escape_controls(input))]
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
    check_confined(&dir).map_err(|e| WriteError::io(&dir, e))?;
    std::fs::create_dir_all(&dir).map_err(|e| WriteError::io(&dir, e))?;

    // An interrupted commit from an earlier command is finished first, so the
    // existence checks below see the pair as it really is.
    recover_pair(document)?;
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

    // One commit for the pair: a reader never sees a new document beside an
    // old model (the next revise would call it hand-edited).
    commit_pair(document, markdown.as_bytes(), &model, model_json.as_bytes())?;
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
    check_confined(backup).map_err(|e| WriteError::io(backup, e))?;
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
    check_confined(target).map_err(|e| WriteError::io(target, e))?;
    let tmp = synced_temp(dir, bytes)?;
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

/// A temp file in `dir` holding `bytes`, flushed to disk, with the mode a
/// plain `create` would give it (tempfile makes 0600; documents are shared).
fn synced_temp(dir: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    check_confined(dir).map_err(|e| WriteError::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| WriteError::io(dir, e))?;
    set_umask_mode(tmp.as_file());
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| WriteError::io(tmp.path(), e))?;
    Ok(tmp)
}

/// Prefix of every temp file infrarch writes beside a document.
const TEMP_PREFIX: &str = ".infrarch-";

#[cfg(unix)]
fn set_umask_mode(file: &std::fs::File) {
    use std::os::unix::fs::PermissionsExt;
    let mode = 0o666 & !process_umask();
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn set_umask_mode(_file: &std::fs::File) {}

/// The process umask, read from `/proc/self/status` (the `umask` call needs
/// unsafe code, which this crate denies); 022 where it cannot be read.
#[cfg(unix)]
fn process_umask() -> u32 {
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or(0o022)
    })
}

/// The journal of a pair commit: `.{document name}.commit` beside it.
pub fn journal_path(document: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(document.file_name().unwrap_or_default());
    name.push(".commit");
    document.with_file_name(name)
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Replace a document and its model as one commit: both are written to temp
/// files and flushed, then a journal naming the two renames is put in place
/// (the commit point), then the renames happen and the journal goes. Killed
/// before the journal lands, nothing changed; killed after, the next
/// [`recover_pair`] finishes the renames. Either way the model vouches for
/// the document beside it.
pub fn commit_pair(
    document: &Path,
    document_bytes: &[u8],
    model: &Path,
    model_bytes: &[u8],
) -> Result<(), WriteError> {
    let dir = parent_dir(document);
    if parent_dir(model) != dir {
        return Err(WriteError::io(
            model,
            io::Error::other("the model must sit beside its document"),
        ));
    }
    for p in [document, model] {
        check_confined(p).map_err(|e| WriteError::io(p, e))?;
    }
    recover_pair(document)?;
    let model_tmp = synced_temp(&dir, model_bytes)?.into_temp_path();
    let doc_tmp = synced_temp(&dir, document_bytes)?.into_temp_path();
    let name = |p: &Path| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let journal = format!(
        "{}\t{}\n{}\t{}\n",
        name(&model_tmp),
        name(model),
        name(&doc_tmp),
        name(document)
    );
    // The journal itself lands by rename, so it is whole or absent.
    let journal_path = journal_path(document);
    persist(&dir, &journal_path, journal.as_bytes(), true)?;
    // From here the temps belong to the journal: never delete them on drop.
    let _ = model_tmp.keep();
    let _ = doc_tmp.keep();
    sync_dir(&dir);
    apply_journal(&dir, &journal_path, &journal)
}

/// Finish a pair commit a killed command left behind (see [`commit_pair`]).
/// Harmless when there is none; safe to run while another command commits
/// (a rename already done is skipped).
pub fn recover_pair(document: &Path) -> Result<(), WriteError> {
    let journal_path = journal_path(document);
    let text = match std::fs::read_to_string(&journal_path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(WriteError::io(&journal_path, e)),
    };
    apply_journal(&parent_dir(document), &journal_path, &text)
}

fn apply_journal(dir: &Path, journal_path: &Path, text: &str) -> Result<(), WriteError> {
    for line in text.lines() {
        let Some((tmp, target)) = line.split_once('\t') else {
            continue;
        };
        // Only plain names in this folder: a journal cannot move files elsewhere.
        let plain = |n: &str| !n.is_empty() && !n.contains(['/', '\\']) && n != ".." && n != ".";
        if !plain(tmp) || !plain(target) || !tmp.starts_with(TEMP_PREFIX) {
            continue;
        }
        match std::fs::rename(dir.join(tmp), dir.join(target)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(WriteError::io(&dir.join(target), e)),
        }
    }
    sync_dir(dir);
    match std::fs::remove_file(journal_path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(WriteError::io(journal_path, e)),
    }
}

/// Flush a folder's entries (the renames) to disk where the platform allows.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Write `bytes` as `{dir}/{stem}.{ext}`, or `{stem}-2.{ext}`, `-3`… : the
/// first free name, never replacing a file (revision copies are history).
/// Returns the name used.
pub fn keep_unique(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    for k in 1u32.. {
        let name = if k == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{k}.{ext}")
        };
        let path = dir.join(name);
        match persist(dir, &path, bytes, false) {
            Ok(()) => return Ok(path),
            Err(WriteError::Exists { .. }) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(WriteError::io(dir, io::Error::other("no free name")))
}

/// `s` with control characters other than newline and tab shown as
/// `\u{1b}`: names and file text quoted back in messages must not drive
/// the terminal (an escape sequence in a feature name would).
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The folder every read and write of this process must stay in, once set.
///
/// `infrarch mcp` serves a client that names paths; the server must not read
/// or write outside its root even through a symlink or a path recorded in a
/// sidecar. One process serves one root, so a process-wide setting checked at
/// the two choke points (this module's reads and writes) covers every path,
/// however it was reached. The CLI never sets it: it acts for the user.
static CONFINED_TO: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Confine this process's reads and writes through this module to `root`
/// (canonicalised). Set once; a second call is ignored.
pub fn confine_to(root: &Path) -> io::Result<()> {
    let root = root.canonicalize()?;
    let _ = CONFINED_TO.set(root);
    Ok(())
}

/// The confinement root, when one is set.
pub fn confinement() -> Option<&'static Path> {
    CONFINED_TO.get().map(PathBuf::as_path)
}

/// Whether `path`, with every symlink in its existing part resolved, stays in
/// `root`. The part that does not exist yet may not contain `..`.
pub fn is_inside(root: &Path, path: &Path) -> bool {
    let abs = match std::path::absolute(path) {
        Ok(p) => p,
        Err(_) => return false,
    };
    let mut existing = abs.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(c) => {
                return c.starts_with(root) && rest.iter().all(|n| *n != ".." && *n != ".");
            }
            // A dangling symlink: a create through it lands wherever it names.
            Err(_)
                if existing
                    .symlink_metadata()
                    .is_ok_and(|m| m.file_type().is_symlink()) =>
            {
                return false;
            }
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name);
                    existing = parent;
                }
                _ => return false,
            },
        }
    }
}

/// What a write to each of `targets` would do outside `tree` because a
/// symlink inside the tree leads out, one message per target (none when
/// every target stays in). The CLI acts for the user and may follow such
/// links, but never without saying so; the MCP server refuses them instead
/// ([`check_confined`]).
///
/// A target whose folder resolves outside is written there; a target that is
/// itself a symlink leading out is replaced by a regular file (an atomic
/// rename replaces the link, not what it points to).
pub fn symlink_escapes(tree: &Path, targets: &[&Path]) -> Vec<String> {
    // `..` is taken as written (`infrastructure/../..` is the planning
    // folder even when `infrastructure` is a symlink leading out).
    let Ok(tree_abs) = std::path::absolute(tree).map(|p| lexical(&p)) else {
        return Vec::new();
    };
    let Ok(tree_real) = tree_abs.canonicalize() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for target in targets {
        let Ok(abs) = std::path::absolute(target) else {
            continue;
        };
        // Only paths that are in the tree as written: a path the user named
        // elsewhere is not reached through a symlink.
        let written = normal_components(&abs);
        if !written.starts_with(&normal_components(&tree_abs)) {
            continue;
        }
        // A folder written into (`.revisions/`) is checked itself, a file
        // by its folder.
        let dir = if abs.is_dir() {
            abs.clone()
        } else {
            parent_dir(&abs)
        };
        if !is_inside(&tree_real, &dir) {
            let real = resolve_existing(&dir);
            out.push(format!(
                "{} is written through a symlink: it lands in {}, outside the planning tree {}",
                target.display(),
                real.display(),
                lexical(tree).display()
            ));
            continue;
        }
        let is_link = std::fs::symlink_metadata(&abs).is_ok_and(|m| m.file_type().is_symlink());
        if is_link && !is_inside(&tree_real, &abs) {
            let to = std::fs::read_link(&abs).unwrap_or_default();
            out.push(format!(
                "{} is a symlink to {}, outside the planning tree {}; it is replaced by a regular file and {} is left as it was",
                target.display(),
                to.display(),
                lexical(tree).display(),
                to.display()
            ));
        }
    }
    out
}

/// `path` with `.` and `..` removed lexically, symlinks not followed.
fn lexical(path: &Path) -> PathBuf {
    normal_components(path).iter().collect()
}

/// `path` with the part that exists canonicalised (symlinks resolved).
fn resolve_existing(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            out.extend(rest.iter().rev());
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Refuse a path outside the confinement root (when one is set).
pub fn check_confined(path: &Path) -> io::Result<()> {
    match confinement() {
        Some(root) if !is_inside(root, path) => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} resolves outside the project root {}; refused",
                path.display(),
                root.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// Read a file infrarch was asked to read, safely: only a regular file (a
/// FIFO would block forever, a device never ends), its size checked from the
/// metadata before reading, and the read itself limited to `cap` bytes in
/// case the file grows meanwhile.
pub fn read_capped(path: &Path, cap: u64) -> crate::error::Result<Vec<u8>> {
    use crate::error::Error;
    use std::io::Read;
    check_confined(path).map_err(|e| Error::io(path, e))?;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::Invalid(format!(
            "{}: {}, not a regular file; not read",
            path.display(),
            file_type_name(&meta)
        )));
    }
    if meta.len() > cap {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: cap,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > cap {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: cap,
        });
    }
    Ok(bytes)
}

/// [`read_capped`] as UTF-8 text.
pub fn read_text_capped(path: &Path, cap: u64) -> crate::error::Result<String> {
    let bytes = read_capped(path, cap)?;
    String::from_utf8(bytes).map_err(|_| crate::error::Error::NotUtf8 {
        path: path.to_path_buf(),
    })
}

/// What kind of special file a path is, for the message that skips it.
pub fn file_type_name(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    "a special file"
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
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_controls("line\nnext\tx"), "line\nnext\tx");
        let e = slug("\x1b]\x07").unwrap_err().to_string();
        assert!(!e.contains('\x1b') && e.contains("\\u{1b}"), "{e}");
    }

    #[test]
    fn pair_commit_recovers_from_its_journal() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.md");
        let model = model_path(&doc);
        commit_pair(&doc, b"doc 1", &model, b"model 1").unwrap();
        assert_eq!(std::fs::read(&doc).unwrap(), b"doc 1");
        assert!(!journal_path(&doc).exists());
        // A commit killed after its journal landed: temps and journal on disk.
        let t1 = dir.path().join(".infrarch-x1.tmp");
        let t2 = dir.path().join(".infrarch-x2.tmp");
        std::fs::write(&t1, b"model 2").unwrap();
        std::fs::write(&t2, b"doc 2").unwrap();
        std::fs::write(
            journal_path(&doc),
            "infrarch-evil\t../escape\n.infrarch-x1.tmp\ta.json\n.infrarch-x2.tmp\ta.md\n",
        )
        .unwrap();
        recover_pair(&doc).unwrap();
        assert_eq!(std::fs::read(&doc).unwrap(), b"doc 2");
        assert_eq!(std::fs::read(&model).unwrap(), b"model 2");
        assert!(!journal_path(&doc).exists() && !t1.exists() && !t2.exists());
        // Half done (the model renamed, the document not): finished.
        std::fs::write(&t2, b"doc 3").unwrap();
        std::fs::write(
            journal_path(&doc),
            ".infrarch-x1.tmp\ta.json\n.infrarch-x2.tmp\ta.md\n",
        )
        .unwrap();
        recover_pair(&doc).unwrap();
        assert_eq!(std::fs::read(&doc).unwrap(), b"doc 3");
        assert_eq!(std::fs::read(&model).unwrap(), b"model 2");
    }

    #[test]
    fn kept_copies_are_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let a = keep_unique(dir.path(), "x.r1", "md", b"one").unwrap();
        let b = keep_unique(dir.path(), "x.r1", "md", b"two").unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        assert!(b.ends_with("x.r1-2.md"));
    }

    #[cfg(unix)]
    #[test]
    fn reads_only_regular_files_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.md");
        std::fs::write(&big, vec![b'a'; 100]).unwrap();
        assert!(read_capped(&big, 100).is_ok());
        let e = read_capped(&big, 99).unwrap_err().to_string();
        assert!(e.contains("limit"), "{e}");
        let e = read_capped(Path::new("/dev/zero"), 1 << 20)
            .unwrap_err()
            .to_string();
        assert!(e.contains("device"), "{e}");
        let e = read_capped(dir.path(), 10).unwrap_err().to_string();
        assert!(e.contains("directory"), "{e}");
    }

    #[test]
    fn inside_checks_resolve_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("in")).unwrap();
        assert!(is_inside(&root, &root.join("in/new/file.md")));
        assert!(!is_inside(&root, &root.join("in/missing/../../../x")));
        assert!(!is_inside(&root, Path::new("/etc/passwd")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/tmp", root.join("out")).unwrap();
            assert!(!is_inside(&root, &root.join("out/x.md")));
            // A dangling link: creating through it would land outside.
            std::os::unix::fs::symlink("/tmp/infrarch-nowhere/x", root.join("in/dangling"))
                .unwrap();
            assert!(!is_inside(&root, &root.join("in/dangling")));
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_leading_out_of_the_tree_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("docs/planning");
        let outside = dir.path().join("elsewhere");
        std::fs::create_dir_all(tree.join("architecture")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let plain = tree.join("architecture/a.md");
        assert!(symlink_escapes(&tree, &[&plain]).is_empty());
        // A folder symlink leading out: written there.
        std::os::unix::fs::symlink(&outside, tree.join("architecture/infrastructure")).unwrap();
        let through = tree.join("architecture/infrastructure/b.md");
        let w = symlink_escapes(&tree, &[&through, &plain]);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("written through a symlink") && w[0].contains("elsewhere"),
            "{w:?}"
        );
        // A folder written into is checked itself.
        std::os::unix::fs::symlink(&outside, tree.join("revs")).unwrap();
        let w = symlink_escapes(&tree.join("architecture/../."), &[&tree.join("revs")]);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains(&format!("planning tree {}", tree.display())),
            "{w:?}"
        );
        // The file itself a symlink leading out: replaced, target untouched.
        std::fs::write(outside.join("t.md"), "x").unwrap();
        let link = tree.join("architecture/c.md");
        std::os::unix::fs::symlink(outside.join("t.md"), &link).unwrap();
        let w = symlink_escapes(&tree, &[&link]);
        assert!(
            w.len() == 1 && w[0].contains("replaced by a regular file"),
            "{w:?}"
        );
        // A path named elsewhere by the user is not a symlink escape.
        assert!(symlink_escapes(&tree, &[&outside.join("d.md")]).is_empty());
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("docs/a-b.md"), "docs/a-b.md");
        assert_eq!(shell_quote("my docs/a.md"), "'my docs/a.md'");
        assert_eq!(shell_quote("it's.md"), r"'it'\''s.md'");
    }
}
