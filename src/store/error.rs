//! Store errors, each with a message in the UI language.

use std::path::PathBuf;

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
            StoreError::Sqlite(e) => e.to_string(),
            StoreError::Json(e) => e.to_string(),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
