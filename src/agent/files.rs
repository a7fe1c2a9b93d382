//! Writing the files infrarch generates for a project (agent files,
//! `infrarch.toml`) without ever destroying one a person may have edited.
//!
//! An existing file is an error unless the caller forces; forcing keeps the old
//! file as `{name}.bak-{n}` (first free `n`, never replacing a backup). The new
//! file goes to a temp file in the same folder and is renamed into place, so a
//! crash leaves the old file or the new one, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What [`write_file`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// The previous file, kept because of `force`.
    pub backup: Option<PathBuf>,
}

/// Write `bytes` to `path`, creating parent folders.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<Written> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let exists = path.symlink_metadata().is_ok();
    if exists && !force {
        return Err(exists_error(path));
    }
    let backup = if exists {
        let n = (1..)
            .find(|&n| backup_path(path, n).symlink_metadata().is_err())
            .unwrap_or(u32::MAX);
        let backup = backup_path(path, n);
        let old = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        persist(&dir, &backup, &old, false)?;
        Some(backup)
    } else {
        None
    };
    persist(&dir, path, bytes, exists)?;
    Ok(Written {
        path: path.to_path_buf(),
        backup,
    })
}

fn exists_error(path: &Path) -> Error {
    Error::Invalid(format!(
        "{} already exists; pass --force to replace it (the old file is kept as a backup)",
        path.display()
    ))
}

/// `infrarch.toml` → `infrarch.toml.bak-1`.
pub fn backup_path(path: &Path, n: u32) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bak-{n}"));
    path.with_file_name(name)
}

fn persist(dir: &Path, target: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".infrarch-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(tmp.path(), e))?;
    let result = if replace {
        tmp.persist(target).map(drop)
    } else {
        // No-clobber: a file created meanwhile by someone else is not replaced.
        tmp.persist_noclobber(target).map(drop)
    };
    result.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            exists_error(target)
        } else {
            Error::io(target, e.error)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_then_forces_with_numbered_backups() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/x.md");
        let w = write_file(&p, b"one", false).unwrap();
        assert_eq!(w.backup, None);
        let e = write_file(&p, b"two", false).unwrap_err().to_string();
        assert!(e.contains("already exists") && e.contains("--force"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        let w = write_file(&p, b"two", true).unwrap();
        assert_eq!(w.backup.as_deref(), Some(backup_path(&p, 1).as_path()));
        let w = write_file(&p, b"three", true).unwrap();
        assert_eq!(w.backup.as_deref(), Some(backup_path(&p, 2).as_path()));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "three");
        assert_eq!(std::fs::read_to_string(backup_path(&p, 1)).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(backup_path(&p, 2)).unwrap(), "two");
        let leftovers: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
