//! Backups and restore with SQLite's online backup API, so a copy is consistent even while the store is open.
//!
//! Backups live in `backups/` next to the store file, named `<store stem>-YYYYMMDD-HHMMSS.db` (local time).
//! The automatic one is made when the newest is more than a day old, and only the newest `backup_keep`
//! (a setting, default 10; 0 switches automatic backups off) are kept. The copy a restore keeps of the store
//! it replaces is named `<stem>-before-restore-YYYYMMDD-HHMMSS.db` and is never pruned.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::Store;
use super::export::{DataError, DataResult, TABLES};
use crate::i18n::K;

const STAMP: &str = "%Y%m%d-%H%M%S";

/// The folder backups of `store` go to: `backups/` beside the store file.
pub fn backup_dir(store: &Store) -> PathBuf {
    let parent = store
        .path()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join("backups")
}

fn stem(store: &Store) -> String {
    store.path().file_stem().map_or_else(
        || "yufang".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The regular backups of this store, oldest first, with the time in their names.
pub fn list_backups(store: &Store) -> DataResult<Vec<(NaiveDateTime, PathBuf)>> {
    let dir = backup_dir(store);
    let prefix = format!("{}-", stem(store));
    let mut out = Vec::new();
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(at) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".db"))
            .and_then(parse_stamp)
        {
            out.push((at, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// `20260601-093000` or `20260601-093000-2` (a second backup in the same second).
fn parse_stamp(s: &str) -> Option<NaiveDateTime> {
    let (stamp, rest) = (s.get(..15)?, s.get(15..)?);
    if !(rest.is_empty()
        || rest
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
    {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP).ok()
}

/// Copies the open store into `dst` (made atomically: a half-written copy never carries the name), as one
/// self-contained file (rollback journal, no `-wal` beside it).
pub fn backup_to(store: &Store, dst: &Path) -> DataResult<()> {
    if let Some(parent) = dst.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let name = dst
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dst.with_file_name(format!(".{name}.part"));
    // A copy cut short (the app quit while it ran) leaves its file and journal; neither is worth keeping.
    let _ = fs::remove_file(&tmp);
    let _ = fs::remove_file(tmp.with_file_name(format!(".{name}.part-journal")));
    let res = (|| -> DataResult<()> {
        let mut out = Connection::open(&tmp)?;
        {
            let b = Backup::new(&store.conn, &mut out)?;
            b.run_to_completion(256, Duration::ZERO, None)?;
        }
        out.pragma_update(None, "journal_mode", "DELETE")?;
        drop(out);
        fs::rename(&tmp, dst)?;
        Ok(())
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res
}

/// A backup into `backups/` now, then the old ones beyond `backup_keep` are removed.
pub fn backup_now(store: &Store) -> DataResult<PathBuf> {
    backup_at(store, Local::now().naive_local())
}

fn backup_at(store: &Store, now: NaiveDateTime) -> DataResult<PathBuf> {
    let dir = backup_dir(store);
    let base = format!("{}-{}", stem(store), now.format(STAMP));
    let mut path = dir.join(format!("{base}.db"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.db"));
        n += 1;
    }
    backup_to(store, &path)?;
    prune(store)?;
    Ok(path)
}

/// Removes the oldest regular backups beyond `backup_keep` (none when it is 0).
fn prune(store: &Store) -> DataResult<()> {
    let keep = store.rules.settings.backup_keep as usize;
    if keep == 0 {
        return Ok(());
    }
    let all = list_backups(store)?;
    let extra = all.len().saturating_sub(keep);
    for (_, path) in all.into_iter().take(extra) {
        fs::remove_file(path)?;
    }
    Ok(())
}

/// The start-up backup: made when the newest backup is more than a day old (or there is none), unless
/// `backup_keep` is 0 or the store holds nothing yet. Returns the new file, if one was made.
pub fn auto_backup(store: &Store) -> DataResult<Option<PathBuf>> {
    auto_backup_at(store, Local::now().naive_local())
}

/// [`auto_backup`] with the clock given (tests).
pub fn auto_backup_at(store: &Store, now: NaiveDateTime) -> DataResult<Option<PathBuf>> {
    if store.rules.settings.backup_keep == 0 || store_is_blank(&store.conn)? {
        return Ok(None);
    }
    if let Some((newest, _)) = list_backups(store)?.last()
        && (now - *newest).num_seconds().abs() < 24 * 3600
    {
        return Ok(None);
    }
    backup_at(store, now).map(Some)
}

fn store_is_blank(conn: &Connection) -> DataResult<bool> {
    for t in TABLES.iter().map(|(t, _)| *t).chain(["change_log"]) {
        let any: bool = conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {t})"), [], |r| {
            r.get(0)
        })?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}

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
    if schema > super::schema_version() {
        return Err(DataError::refused(
            K::RstTooNew,
            &[&shown, &schema, &super::schema_version()],
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
    let kept = backup_dir(store).join(format!(
        "{}-before-restore-{}.db",
        stem(store),
        Local::now().format(STAMP)
    ));
    backup_to(store, &kept)?;
    // A WAL database only takes a backup of the same page size; a rollback journal takes any.
    let _: String = store
        .conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    {
        let b = Backup::new(&checked.conn, &mut store.conn)?;
        b.run_to_completion(256, Duration::ZERO, None)?;
    }
    let _: String = store
        .conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    store.migrate()?;
    // The restored meta carries the fingerprint of the rules it was written under; force a recompute.
    store
        .conn
        .execute("DELETE FROM meta WHERE key = 'rules_fingerprint'", [])?;
    store.sync_rules()?;
    let counts = super::export::counts(store)?;
    Ok(Restored {
        from: file.to_path_buf(),
        kept,
        schema: checked.schema,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names() {
        assert!(parse_stamp("20260601-093000").is_some());
        assert!(parse_stamp("20260601-093000-2").is_some());
        assert!(parse_stamp("before-restore-20260601-093000").is_none());
        assert!(parse_stamp("20260601-093000x").is_none());
        assert!(parse_stamp("2026").is_none());
    }
}
