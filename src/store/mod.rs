//! The only code that speaks SQL: opening the file, migrations, entity tables, the daily-check queries.

pub mod backup;
pub mod bulk;
pub mod calendar;
pub mod daily;
mod entities;
pub mod entity;
pub mod error;
pub mod export;
pub mod history;
pub mod import;
pub mod lists;
mod measures;
pub mod record;
mod schema;
pub mod search;
pub mod stats;
pub mod units;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

pub use entity::Entity;
pub use error::{Result, StoreError};
pub use record::Record;
use record::{Cols, delete_in, get_in, insert_in, update_in};
pub use schema::MIGRATIONS;

use crate::domain::{DocNo, Rules, Suggestion};
use crate::i18n::K;

/// An open store: one SQLite file, the rules its stored deadlines were computed with, and the injected today.
pub struct Store {
    conn: Connection,
    rules: Rules,
    today: NaiveDate,
    path: PathBuf,
    damaged: Option<String>,
    loose_mode: Option<u32>,
    on_wait: Option<Box<dyn Fn() + Send>>,
}

/// The `application_id` in the header of every yufang store ("yufa" in ASCII), so that another program's
/// SQLite file is never taken for a store.
pub const APPLICATION_ID: i32 = 0x7975_6661;
/// How long any statement waits for another connection's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// A write waits this long quietly, then says it is waiting.
const FIRST_WAIT: Duration = Duration::from_millis(500);
/// How long a write keeps waiting for another yufang before it gives up and says so.
const WRITE_PATIENCE: Duration = Duration::from_secs(120);
/// `quick_check` runs on open for a store up to this size, which it checks in a few tens of milliseconds
/// (BENCHMARKS.md, "Durable saves and checks"): every county office's store. A larger archive is not
/// checked on open, where it would delay every command and the first screen; the full `integrity_check`
/// before its daily backup (beside the live app) finds the damage and says so.
const QUICK_CHECK_MAX_BYTES: i64 = 64 << 20;
/// And it stops after this long in any case (a slow disk), then giving no verdict.
const QUICK_CHECK_BUDGET: Duration = Duration::from_millis(200);

pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Whether `conn` holds the tables every yufang schema version has.
fn has_yufang_tables(conn: &Connection) -> rusqlite::Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN \
         ('meta', 'units', 'cases', 'suggestions', 'change_log')",
        [],
        |r| r.get(0),
    )?;
    Ok(n == 5)
}

/// `PRAGMA quick_check` of a store up to [`QUICK_CHECK_MAX_BYTES`], stopped after [`QUICK_CHECK_BUDGET`]
/// (then no verdict): the first problem found.
fn quick_check(conn: &mut Connection) -> rusqlite::Result<Option<String>> {
    let pages: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    if pages.saturating_mul(page_size) > QUICK_CHECK_MAX_BYTES {
        return Ok(None);
    }
    let started = std::time::Instant::now();
    conn.progress_handler(10_000, Some(move || started.elapsed() > QUICK_CHECK_BUDGET))?;
    let found = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0));
    conn.progress_handler(0, None::<fn() -> bool>)?;
    match found {
        Ok(s) if s == "ok" => Ok(None),
        Ok(s) => Ok(Some(s)),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) => {
            Ok(None)
        }
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            Ok(Some(e.to_string()))
        }
        Err(e) => Err(e),
    }
}

/// The store this process opened last, for naming the file in a bare SQLite error (the one store of the
/// app or a command; tests that open many only see a name that may be another of theirs).
/// With it, what `quick_check` found wrong (a write to it then fails as read-only).
static LAST_PATH: std::sync::Mutex<Option<(PathBuf, Option<String>)>> = std::sync::Mutex::new(None);

pub(crate) fn remember_path(path: &Path, damaged: Option<&str>) {
    if let Ok(mut p) = LAST_PATH.lock() {
        *p = Some((path.to_path_buf(), damaged.map(str::to_string)));
    }
}

pub(crate) fn last_path() -> Option<(PathBuf, Option<String>)> {
    LAST_PATH.lock().ok().and_then(|p| p.clone())
}

/// The schema version this program writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

impl Store {
    /// Opens (creating if needed) the store at `path`, migrates it, and brings stored deadlines in line with
    /// `rules`. Refused before anything is written to them: a store from a newer program, another program's
    /// file, an existing empty file. A damaged store (`quick_check` finds a problem) opens read-only, see
    /// [`Store::damaged`].
    pub fn open(path: &Path, rules: Rules, today: NaiveDate) -> Result<Store> {
        let io_err = |e: std::io::Error| StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let foreign = |why: K| StoreError::Foreign {
            path: path.to_path_buf(),
            why,
        };
        // Followed through a symlink on purpose: a store kept on an encrypted disk may be linked to.
        let existed = match std::fs::metadata(path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_err(e)),
        };
        let mut loose_mode = None;
        match &existed {
            None => {
                if let Some(dir) = path.parent() {
                    crate::outfile::create_private_dir(dir).map_err(io_err)?;
                }
                // SQLite gives the -wal and -shm files the store's own mode, so all three stay private.
                crate::outfile::create_private(path).map_err(io_err)?;
            }
            Some(m) if !m.is_file() => return Err(foreign(K::StoreNotAFile)),
            // An empty file is only a new store when yufang made it just now; one found is someone's.
            Some(m) if m.len() == 0 => return Err(foreign(K::StoreEmptyFile)),
            // The header is read by SQLite, never by opening the file here: closing any descriptor of a
            // file drops every POSIX lock this process holds on it, so in a process that has the store
            // open already (the app's backup thread) another program would think the store unused and
            // delete its WAL under the app's feet.
            Some(_) => loose_mode = crate::outfile::mode_of(path).filter(|m| m & 0o077 != 0),
        }
        let created = existed.is_none();
        let opened = Store::open_file(path, rules, today, created, loose_mode);
        if opened.is_err() && created {
            // A store that could not be set up is not left behind as an empty file, which the next start
            // would refuse as someone else's.
            for ext in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
            }
        }
        opened
    }

    fn open_file(
        path: &Path,
        rules: Rules,
        today: NaiveDate,
        created: bool,
        loose_mode: Option<u32>,
    ) -> Result<Store> {
        let open_err = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Foreign {
                path: path.to_path_buf(),
                why: K::StoreNotSqlite,
            },
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Unreadable {
                path: path.to_path_buf(),
                message: e.to_string(),
            },
            _ => StoreError::Open {
                path: path.to_path_buf(),
                message: e.to_string(),
            },
        };
        let foreign = |why: K| StoreError::Foreign {
            path: path.to_path_buf(),
            why,
        };
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        // Only reads until the file is known to be ours: refusing must not change a single byte of it.
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open_err)?;
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(open_err)?;
        let legacy = app_id == 0 && !created;
        if app_id != APPLICATION_ID && !(app_id == 0 && created) {
            // A store from before the application id: a user_version this program wrote and its tables.
            if !(legacy && found >= 1 && has_yufang_tables(&conn).map_err(open_err)?) {
                return Err(foreign(K::StoreNotYufang));
            }
        }
        if found > schema_version() {
            return Err(StoreError::TooNew {
                found,
                known: schema_version(),
            });
        }
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        search::register(&conn)?;
        // Deferred transactions read first and then ask for the write lock, which SQLite cannot wait for;
        // asking at BEGIN lets the busy timeout apply.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        let damaged = if !created {
            quick_check(&mut conn).map_err(open_err)?
        } else {
            None
        };
        remember_path(path, damaged.as_deref());
        conn.pragma_update(None, "foreign_keys", true)?;
        if damaged.is_some() {
            conn.pragma_update(None, "query_only", true)?;
        } else {
            // WAL is safe on a local disk; on a network share SQLite falls back and still works.
            let _mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            // FULL syncs the WAL at every commit: a record shown as saved survives a power cut.
            // The cost is measured in BENCHMARKS.md.
            conn.pragma_update(None, "synchronous", "FULL")?;
            if app_id != APPLICATION_ID {
                conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            }
        }
        // The daily check alone prepares about twenty statements; rusqlite's default cache holds sixteen,
        // so every reload would parse them all again.
        conn.set_prepared_statement_cache_capacity(128);
        let mut store = Store {
            conn,
            rules,
            today,
            path: path.to_path_buf(),
            damaged,
            loose_mode,
            on_wait: None,
        };
        if store.damaged.is_none() {
            store.migrate()?;
            store.sync_rules()?;
        }
        Ok(store)
    }

    /// What `quick_check` found wrong when the store was opened; the store is then read-only.
    pub fn damaged(&self) -> Option<&str> {
        self.damaged.as_deref()
    }

    /// The permission bits of an existing store that other accounts can read or write.
    pub fn loose_mode(&self) -> Option<u32> {
        self.loose_mode
    }

    /// Called once when a write finds another program holding the store's write lock, before it waits
    /// longer (the app shows "waiting for another yufang…").
    pub fn set_on_wait(&mut self, f: Option<Box<dyn Fn() + Send>>) {
        self.on_wait = f;
    }

    /// Starts a write transaction, waiting for another connection's write lock: a short wait, then
    /// [`Store::set_on_wait`]'s notice and a longer one, then an error that says what holds the store.
    fn begin(&self) -> Result<rusqlite::Transaction<'_>> {
        if let Some(problem) = &self.damaged {
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                problem: problem.clone(),
            });
        }
        let started = std::time::Instant::now();
        self.conn.busy_timeout(FIRST_WAIT)?;
        let mut told = false;
        let tx = loop {
            match rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Err(e) if is_busy(&e) && started.elapsed() < WRITE_PATIENCE => {
                    if !told {
                        told = true;
                        if let Some(f) = &self.on_wait {
                            f();
                        }
                        self.conn.busy_timeout(BUSY_TIMEOUT)?;
                    }
                }
                other => break other,
            }
        };
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        tx.map_err(|e| {
            if is_busy(&e) {
                StoreError::Busy {
                    path: self.path.clone(),
                }
            } else {
                e.into()
            }
        })
    }

    fn migrate(&mut self) -> Result<()> {
        let current: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= schema_version() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        // Measures texts written before measures were items become items (a no-op once they all are).
        measures::fill_missing(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Stored due dates depend on the rules (periods, holiday table); when those change, recompute them all
    /// in one transaction so the indexed queries stay truthful.
    fn sync_rules(&mut self) -> Result<()> {
        let fp = self.rules.fingerprint();
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'rules_fingerprint'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if stored.as_deref() == Some(fp.as_str()) {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        {
            let mut read = tx.prepare(&format!(
                "SELECT {} FROM suggestions",
                Suggestion::select_list()
            ))?;
            let mut write = tx.prepare(
                "UPDATE suggestions SET investigation_due = ?1, filing_due = ?2, reply_due = ?3, visit_due = ?4 WHERE id = ?5",
            )?;
            let mut rows = read.query([])?;
            while let Some(row) = rows.next()? {
                let s = Suggestion::from_row(&mut Cols::new(row))?;
                let d = s.deadlines(&self.rules).dates();
                write.execute(params![d.investigation, d.filing, d.reply, d.visit, s.id])?;
            }
        }
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('rules_fingerprint', ?1)",
            [&fp],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }
    pub fn today(&self) -> NaiveDate {
        self.today
    }
    /// The clock moved (midnight passed while the app was open).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }
    pub fn path(&self) -> &Path {
        &self.path
    }
    /// Read access for queries elsewhere in the store layer and for tests.
    /// Makes every statement stop as soon as `stop` says so (checked every few thousand steps of the SQLite
    /// machine), with an error for which [`StoreError::is_interrupted`] holds; `None` lifts it. For the
    /// live filter, where a word that matches nothing reads a whole national archive and a key typed
    /// meanwhile should not wait for that. Only around reads: a stopped write would be rolled back.
    pub fn set_interrupt(&mut self, stop: Option<fn() -> bool>) -> Result<()> {
        match stop {
            Some(f) => self.conn.progress_handler(4_000, Some(f))?,
            None => self.conn.progress_handler(0, None::<fn() -> bool>)?,
        }
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn insert<T: Record>(&mut self, rec: &mut T) -> Result<i64> {
        let tx = self.begin()?;
        let id = insert_in(&tx, &self.rules, self.today, rec)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn update<T: Record>(&mut self, rec: &mut T) -> Result<()> {
        let tx = self.begin()?;
        update_in(&tx, &self.rules, self.today, rec)?;
        tx.commit()?;
        Ok(())
    }

    /// Inserts a new record (id 0) or updates a stored one.
    pub fn save<T: Record>(&mut self, rec: &mut T) -> Result<()> {
        if rec.id() == 0 {
            self.insert(rec).map(|_| ())
        } else {
            self.update(rec)
        }
    }

    pub fn delete<T: Record>(&mut self, id: i64, version: i64) -> Result<()> {
        let tx = self.begin()?;
        delete_in::<T>(&tx, id, version)?;
        tx.commit()?;
        Ok(())
    }

    pub fn get<T: Record>(&self, id: i64) -> Result<T> {
        get_in(&self.conn, id)
    }

    /// Runs `f` inside one transaction (imports, the demo office): all of it is written or none.
    pub fn batch<R>(&mut self, f: impl FnOnce(&mut Batch<'_>) -> Result<R>) -> Result<R> {
        let tx = self.begin()?;
        let r = {
            let mut b = Batch {
                conn: &tx,
                rules: &self.rules,
                today: self.today,
            };
            f(&mut b)?
        };
        tx.commit()?;
        Ok(r)
    }

    /// The next free document number of `year` with the configured prefix.
    pub fn next_doc_no(&self, year: i32) -> Result<DocNo> {
        let prefix = self.rules.settings.doc_prefix.clone();
        let max: Option<i64> = self.conn.query_row(
            "SELECT max(doc_seq) FROM suggestions WHERE doc_year = ?1 AND doc_no LIKE ?2 || '%'",
            params![year, prefix],
            |r| r.get(0),
        )?;
        Ok(DocNo::next(
            &prefix,
            year,
            max.and_then(|m| u32::try_from(m).ok()),
        ))
    }

    /// SQLite's counter of commits made by other connections (`PRAGMA data_version`): cheap enough to ask on
    /// every key, so a second window notices what the first saved.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Number of rows in the change log (for tests and the history view).
    pub fn change_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?)
    }

    /// Every unit by name in pinyin order, for pickers and name matching.
    pub fn units(&self) -> Result<Vec<crate::domain::Unit>> {
        let mut q = self.conn.prepare_cached(&format!(
            "SELECT {} FROM units ORDER BY name_key",
            crate::domain::Unit::select_list()
        ))?;
        let rows = q.query_map([], |row| crate::domain::Unit::from_row(&mut Cols::new(row)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn unit_by_name(&self, name: &str) -> Result<Option<crate::domain::Unit>> {
        let id: Option<i64> = self
            .conn
            .query_row("SELECT id FROM units WHERE name = ?1", [name.trim()], |r| {
                r.get(0)
            })
            .optional()?;
        id.map(|id| self.get(id)).transpose()
    }
}

/// Writes inside one open transaction.
pub struct Batch<'a> {
    conn: &'a Connection,
    rules: &'a Rules,
    today: NaiveDate,
}

impl Batch<'_> {
    pub fn insert<T: Record>(&mut self, rec: &mut T) -> Result<i64> {
        insert_in(self.conn, self.rules, self.today, rec)
    }
    pub fn update<T: Record>(&mut self, rec: &mut T) -> Result<()> {
        update_in(self.conn, self.rules, self.today, rec)
    }
    pub fn get<T: Record>(&self, id: i64) -> Result<T> {
        get_in(self.conn, id)
    }
}
