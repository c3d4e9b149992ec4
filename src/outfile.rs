//! Files yufang writes: private modes whatever the umask, and the one safe way to write an `--out` target.
//!
//! Every command with `--out` (export, backup, ics, reports, documents) goes through [`check_target`] and
//! [`write`]: `-` means standard output; an existing symlink or non-regular file (a FIFO, a device,
//! `/dev/null`) is refused, never replaced; an existing regular file is replaced only with `--force` or when
//! it is yufang's own earlier output of the same kind (the caller's `ours` test on its first bytes); the
//! bytes go to a private temporary file beside the target, are synced, and renamed over it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::i18n::{K, Lang};

/// Mode of every file yufang creates (store, its -wal and -shm, backups, exports, drafts, crash reports).
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder yufang creates (the data folder, `backups/`, an export folder).
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents, each new one private (0700). Folders that already exist keep
/// their mode: `/tmp` or a user's own folder is not ours to change.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_private_dir(parent)?;
    }
    let mut b = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(DIR_MODE);
    }
    match b.create(dir) {
        Ok(()) => set_mode(dir, DIR_MODE),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sets `mode` exactly (the umask only ever removes bits, and a umask of 0o200 would remove ours too).
pub fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// The permission bits of `path` (unix), for reporting a store others can read.
pub fn mode_of(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Creates a new file that only its owner can read and write; fails if `path` exists.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(FILE_MODE);
    }
    let f = o.open(path)?;
    set_mode(path, FILE_MODE)?;
    Ok(f)
}

/// Writes a small private file (a draft, a crash report) atomically.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_beside(path);
    let _ = fs::remove_file(&tmp);
    let res = (|| {
        let mut f = create_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_dir(path);
        Ok(())
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res
}

/// Where an `--out` goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// Why an `--out` target was refused or could not be written; worded in both languages at display.
#[derive(Debug)]
pub enum OutError {
    /// The target is a symlink, a folder, a FIFO or a device.
    NotRegular {
        path: PathBuf,
        what: K,
    },
    /// A regular file that is not yufang's own earlier output, and no `--force`.
    Exists {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl OutError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OutError::NotRegular { path, what } => {
                lang.f(K::OutNotRegular, &[&path.display(), &lang.t(*what)])
            }
            OutError::Exists { path } => lang.f(K::OutExists, &[&path.display()]),
            OutError::Io { path, error } => lang.f(K::OutCannotWrite, &[&path.display(), error]),
        }
    }
}

impl std::fmt::Display for OutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for OutError {}

/// A test on the first bytes (up to 4 KiB) of an existing file: is it yufang's own earlier output?
pub type Ours = fn(&[u8]) -> bool;

/// Decides whether `path` may be written: `-` is standard output; an existing target must be a regular file
/// (not reached through a symlink) that `ours` recognises, unless `force`. Changes nothing.
pub fn check_target(path: &Path, force: bool, ours: Ours) -> Result<Target, OutError> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::File(path.into())),
        Err(error) => {
            return Err(OutError::Io {
                path: path.into(),
                error,
            });
        }
    };
    let ft = meta.file_type();
    let what = if ft.is_symlink() {
        Some(K::OutSymlink)
    } else if ft.is_dir() {
        Some(K::OutFolder)
    } else if !ft.is_file() {
        Some(K::OutSpecial)
    } else {
        None
    };
    if let Some(what) = what {
        return Err(OutError::NotRegular {
            path: path.into(),
            what,
        });
    }
    if force || starts_like_ours(path, ours) {
        Ok(Target::File(path.into()))
    } else {
        Err(OutError::Exists { path: path.into() })
    }
}

fn starts_like_ours(path: &Path, ours: Ours) -> bool {
    let mut head = Vec::with_capacity(4096);
    File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .is_ok()
        && ours(&head)
}

/// The temporary file beside `path` that [`write`] renames over it.
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.part"))
}

/// Syncs the folder holding `path`, so a rename survives a power cut (best effort: not every system can).
pub fn sync_dir(path: &Path) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `f`'s output to `target` after [`check_target`]: to standard output, or to a private temporary
/// file that is synced and renamed over the target (a failure leaves the target as it was). `E` is the
/// caller's error, which must take an [`OutError`].
pub fn write<T, E: From<OutError>>(
    path: &Path,
    force: bool,
    ours: Ours,
    f: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    match check_target(path, force, ours)? {
        Target::Stdout => {
            let mut w = io::BufWriter::new(io::stdout().lock());
            let t = f(&mut w)?;
            w.flush().map_err(|error| OutError::Io {
                path: path.into(),
                error,
            })?;
            Ok(t)
        }
        Target::File(path) => write_file(&path, f),
    }
}

/// The file half of [`write`], for a target already checked (a folder's files, a backup).
pub fn write_file<T, E: From<OutError>>(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    let io_err = |error| OutError::Io {
        path: path.into(),
        error,
    };
    let tmp = temp_beside(path);
    let _ = fs::remove_file(&tmp);
    let file = create_private(&tmp).map_err(io_err)?;
    let mut w = io::BufWriter::new(file);
    let res = f(&mut w);
    let done = res.and_then(|t| {
        let file = w.into_inner().map_err(|e| io_err(e.into_error()))?;
        file.sync_all().map_err(io_err)?;
        drop(file);
        fs::rename(&tmp, path).map_err(io_err)?;
        sync_dir(path);
        Ok(t)
    });
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    done
}

/// `ours` for a file yufang never recognises (replaced only with `--force`).
pub fn never_ours(_: &[u8]) -> bool {
    false
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        assert_eq!(
            check_target(&p, false, never_ours).unwrap(),
            Target::File(p.clone())
        );
        fs::write(&p, "{\"format\":\"yufang\"").unwrap();
        assert!(matches!(
            check_target(&p, false, never_ours),
            Err(OutError::Exists { .. })
        ));
        assert!(check_target(&p, true, never_ours).is_ok());
        assert!(check_target(&p, false, |h| h.starts_with(b"{\"format\"")).is_ok());
        assert!(matches!(
            check_target(dir.path(), true, never_ours),
            Err(OutError::NotRegular {
                what: K::OutFolder,
                ..
            })
        ));
        assert_eq!(
            check_target(Path::new("-"), false, never_ours).unwrap(),
            Target::Stdout
        );
    }
}
