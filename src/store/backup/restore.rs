//! `yufang restore`: a backup checked on a private copy, then copied over the store, which is kept first as
//! a before-restore copy in `backups/` (counted toward `backup_keep`).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Local;
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::{STAMP, backup_dir, backup_to, prune, stem};
use crate::i18n::K;
use crate::store::Store;
use crate::store::export::{DataError, DataResult};

/// What a restore did.
#[derive(Clone, Debug)]
pub struct Restored {
    pub from: PathBuf,
    /// The copy of the store as it was before.
    pub kept: PathBuf,
    pub schema: i64,
    /// Rows per entity table of the restored store.
    pub counts: Vec<(&'static str, u64)>,
}

/// A backup file that passed the checks, opened from a private copy.
struct Checked {
    conn: Connection,
    schema: i64,
    _dir: tempfile::TempDir,
}

/// Checks that `file` is an intact yufang store this version can read, on a private copy so nothing can
/// change it between the check and the restore. Refusals are worded for the user.
fn check(file: &Path) -> DataResult<Checked> {
    let shown = file.display().to_string();
    let mut head = [0u8; 16];
    let read_head = fs::File::open(file).and_then(|mut f| {
        use std::io::Read;
        f.read_exact(&mut head)
    });
    match read_head {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(DataError::refused(K::RstNotSqlite, &[&shown]));
        }
        Err(e) => return Err(DataError::refused(K::DataCannotRead, &[&shown, &e])),
        Ok(()) if &head != b"SQLite format 3\0" => {
            return Err(DataError::refused(K::RstNotSqlite, &[&shown]));
        }
        Ok(()) => {}
    }
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join("restore.db");
    fs::copy(file, &copy)?;
    let wal = PathBuf::from(format!("{}-wal", file.display()));
    if wal.exists() {
        fs::copy(&wal, dir.path().join("restore.db-wal"))?;
    }
    let corrupt = |detail: String| DataError::refused(K::RstCorrupt, &[&shown, &detail]);
    let conn = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| corrupt(e.to_string()))?;
    let problems: Vec<String> = (|| -> rusqlite::Result<Vec<String>> {
        let mut q = conn.prepare("PRAGMA integrity_check")?;
        let rows = q.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })()
    .map_err(|e| corrupt(e.to_string()))?;
    if problems.first().map(String::as_str) != Some("ok") {
        let detail: Vec<String> = problems.into_iter().take(3).collect();
        return Err(corrupt(detail.join("; ")));
    }
    let schema: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| corrupt(e.to_string()))?;
    if schema > crate::store::schema_version() {
        return Err(DataError::refused(
            K::RstTooNew,
            &[&shown, &schema, &crate::store::schema_version()],
        ));
    }
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN \
             ('meta', 'units', 'cases', 'suggestions', 'follow_ups', 'activities', 'plans', 'change_log')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| corrupt(e.to_string()))?;
    if schema < 1 || tables != 8 {
        return Err(DataError::refused(K::RstNotYufang, &[&shown]));
    }
    Ok(Checked {
        conn,
        schema,
        _dir: dir,
    })
}

/// Replaces the store's contents with `file`: checks the file first (SQLite, intact, a yufang store, not
/// newer), keeps a copy of the current store in `backups/`, copies the file in with the online backup API,
/// then migrates it to this version and recomputes its deadlines under the current rules.
pub fn restore(store: &mut Store, file: &Path) -> DataResult<Restored> {
    let checked = check(file)?;
    let shown = store.path().display().to_string();
    let other_open = || DataError::refused(K::RstOtherOpen, &[&shown]);
    // Leaving WAL needs the store to itself: another yufang that has it open is found here, before anything
    // is written, instead of failing half-way with "database is locked".
    store.conn.busy_timeout(Duration::from_millis(500))?;
    let _ = store.conn.pragma_update(None, "query_only", false);
    let left_wal = store
        .conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0));
    let _ = store.conn.busy_timeout(Duration::from_secs(5));
    match left_wal {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => {}
        Ok(_) => return Err(other_open()),
        Err(e) if crate::store::is_busy(&e) => return Err(other_open()),
        Err(e) => return Err(e.into()),
    }
    let back_to_wal = |store: &mut Store| {
        let _: rusqlite::Result<String> =
            store
                .conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0));
    };
    let base = format!(
        "{}-before-restore-{}",
        stem(store),
        Local::now().format(STAMP)
    );
    let mut kept = backup_dir(store).join(format!("{base}.db"));
    let mut n = 2;
    while kept.exists() {
        kept = backup_dir(store).join(format!("{base}-{n}.db"));
        n += 1;
    }
    if let Err(e) = backup_to(store, &kept) {
        back_to_wal(store);
        return Err(e);
    }
    let copied = (|| -> DataResult<()> {
        // A WAL database only takes a backup of the same page size; a rollback journal takes any.
        let b = Backup::new(&checked.conn, &mut store.conn)?;
        b.run_to_completion(256, Duration::ZERO, None)?;
        Ok(())
    })();
    if let Err(e) = copied {
        back_to_wal(store);
        let _ = fs::remove_file(&kept);
        return Err(match &e {
            DataError::Store(crate::store::StoreError::Sqlite(s)) if crate::store::is_busy(s) => {
                other_open()
            }
            _ => e,
        });
    }
    let _: String = store
        .conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    store.damaged = None;
    if store
        .conn
        .query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))?
        != crate::store::APPLICATION_ID
    {
        store
            .conn
            .pragma_update(None, "application_id", crate::store::APPLICATION_ID)?;
    }
    store.migrate()?;
    // The restored meta carries the fingerprint of the rules it was written under; force a recompute.
    store
        .conn
        .execute("DELETE FROM meta WHERE key = 'rules_fingerprint'", [])?;
    store.sync_rules()?;
    // The before-restore copy counts toward backup_keep.
    prune(store)?;
    let counts = crate::store::export::counts(store)?;
    Ok(Restored {
        from: file.to_path_buf(),
        kept,
        schema: checked.schema,
        counts,
    })
}
