//! Store errors, each with a message in the UI language.

use std::path::{Path, PathBuf};

use crate::domain::FieldError;
use crate::i18n::{K, Lang};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("schema version {found} is newer than this program knows ({known})")]
    TooNew { found: i64, known: i64 },
    #[error("{entity:?} #{id} was changed elsewhere")]
    Stale { entity: K, id: i64 },
    #[error("{entity:?} #{id} does not exist")]
    NotFound { entity: K, id: i64 },
    #[error("{entity:?} already exists: {value}")]
    Duplicate { entity: K, value: String },
    #[error("{entity:?} #{id} is still referenced")]
    InUse { entity: K, id: i64 },
    #[error("invalid record")]
    Invalid(Vec<FieldError>),
    #[error("cannot open {path}: {message}")]
    Open { path: PathBuf, message: String },
    /// An undo that would not be safe (the record changed since, or reverting breaks a rule); `reason` is
    /// the catalogue text taking the entity and id, `why` the rule that would break.
    #[error("cannot undo the change to {entity:?} #{id}: {reason:?}")]
    UndoRefused {
        reason: K,
        entity: K,
        id: i64,
        why: Option<Box<StoreError>>,
    },
    /// The file is not a yufang store (another program's, an empty file, not SQLite); left untouched.
    #[error("{path} is not a yufang store ({why:?})")]
    Foreign { path: PathBuf, why: K },
    /// SQLite cannot read the file at all (its header or first pages are damaged).
    #[error("{path} cannot be read: {message}")]
    Unreadable { path: PathBuf, message: String },
    /// A write to a store opened read-only because `quick_check` found damage.
    #[error("{path} is damaged: {problem}")]
    Damaged { path: PathBuf, problem: String },
    /// Another connection held the write lock for longer than a write waits.
    #[error("{path} is busy")]
    Busy { path: PathBuf },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// Whether the query was stopped by [`super::Store::interruptible`]'s check.
    pub fn is_interrupted(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::OperationInterrupted
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::TooNew { found, known } => lang.f(K::StoreTooNew, &[found, known]),
            StoreError::Stale { entity, id } => lang.f(K::StoreStale, &[&lang.t(*entity), id]),
            StoreError::NotFound { entity, id } => {
                lang.f(K::StoreNotFound, &[&lang.t(*entity), id])
            }
            StoreError::Duplicate { entity, value } => {
                lang.f(K::StoreDuplicate, &[&lang.t(*entity), value])
            }
            StoreError::InUse { entity, id } => lang.f(K::StoreInUse, &[&lang.t(*entity), id]),
            StoreError::Invalid(errs) => {
                let sep = if lang == Lang::Zh { "；" } else { "; " };
                errs.iter()
                    .map(|e| e.message(lang))
                    .collect::<Vec<_>>()
                    .join(sep)
            }
            StoreError::Open { path, message } => lang.f(K::CliOpenDb, &[&path.display(), message]),
            StoreError::UndoRefused {
                reason,
                entity,
                id,
                why,
            } => {
                let base = lang.f(*reason, &[&lang.t(*entity), id]);
                match why {
                    Some(e) => lang.f(K::StoreUndoBecause, &[&base, &e.message(lang)]),
                    None => base,
                }
            }
            StoreError::Foreign { path, why } => {
                lang.f(K::StoreForeign, &[&path.display(), &lang.t(*why)])
            }
            StoreError::Unreadable { path, message } => lang.f(
                K::StoreUnreadable,
                &[&path.display(), message, &backups_of(path)],
            ),
            StoreError::Damaged { path, problem } => lang.f(
                K::StoreDamagedWrite,
                &[&path.display(), problem, &backups_of(path)],
            ),
            StoreError::Busy { path } => lang.f(K::StoreBusy, &[&path.display()]),
            StoreError::Sqlite(e) => sqlite_message(e, lang),
            StoreError::Json(e) => e.to_string(),
        }
    }
}

/// The backups folder of the store at `path`, as the place to restore from.
fn backups_of(path: &Path) -> String {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
        .display()
        .to_string()
}

/// A bare SQLite error, with the store named and what to do about it.
fn sqlite_message(e: &rusqlite::Error, lang: Lang) -> String {
    use rusqlite::ErrorCode as C;
    let Some((path, damaged)) = super::last_path() else {
        return e.to_string();
    };
    let shown = path.display();
    match e.sqlite_error_code() {
        Some(C::ReadOnly) if let Some(problem) = damaged => lang.f(
            K::StoreDamagedWrite,
            &[&shown, &problem, &backups_of(&path)],
        ),
        Some(C::DatabaseCorrupt | C::NotADatabase) => {
            lang.f(K::StoreUnreadable, &[&shown, e, &backups_of(&path)])
        }
        Some(C::DiskFull) => lang.f(K::StoreDiskFull, &[&shown, e]),
        Some(C::ReadOnly | C::PermissionDenied | C::CannotOpen | C::SystemIoFailure) => {
            lang.f(K::StorePermissions, &[&shown, e])
        }
        Some(C::DatabaseBusy | C::DatabaseLocked) => lang.f(K::StoreBusy, &[&shown]),
        Some(_) => lang.f(K::StoreOther, &[&shown, e]),
        None => e.to_string(),
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: std::ffi::c_int) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn bare_sqlite_errors_say_what_to_do_in_both_languages() {
        // Some store must have been opened in this process for the file to be named.
        super::super::remember_path(Path::new("/data/y.db"), None);
        for (code, en, zh) in [
            (
                rusqlite::ffi::SQLITE_FULL,
                "free some disk space",
                "腾出磁盘空间",
            ),
            (
                rusqlite::ffi::SQLITE_READONLY,
                "check that the file",
                "请检查该文件",
            ),
            (
                rusqlite::ffi::SQLITE_CORRUPT,
                "Restore it from a backup",
                "请从备份恢复",
            ),
            (
                rusqlite::ffi::SQLITE_BUSY,
                "another yufang is writing",
                "另一个 yufang 正在写入",
            ),
        ] {
            let e = failure(code);
            let (m_en, m_zh) = (e.message(Lang::En), e.message(Lang::Zh));
            // Another test may open its own store meanwhile; whichever it is, the file is named.
            assert!(m_en.contains(".db") && m_en.contains(en), "{m_en}");
            assert!(m_zh.contains(".db") && m_zh.contains(zh), "{m_zh}");
        }
    }
}
