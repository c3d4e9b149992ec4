//! The only code that speaks SQL: opening the file, migrations, entity tables, the daily-check queries.

pub mod backup;
pub mod bulk;
pub mod calendar;
pub mod daily;
mod entities;
pub mod error;
pub mod export;
pub mod history;
pub mod import;
pub mod lists;
pub mod record;
mod schema;
pub mod stats;
pub mod units;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use error::{Result, StoreError};
pub use record::Record;
use record::{Cols, delete_in, get_in, insert_in, update_in};
pub use schema::MIGRATIONS;

use crate::domain::{DocNo, Rules, Suggestion};

/// An open store: one SQLite file, the rules its stored deadlines were computed with, and the injected today.
pub struct Store {
    conn: Connection,
    rules: Rules,
    today: NaiveDate,
    path: PathBuf,
}

/// The schema version this program writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

impl Store {
    /// Opens (creating if needed) the store at `path`, migrates it, and brings stored deadlines in line with
    /// `rules`. A store from a newer program is refused before anything is written to it.
    pub fn open(path: &Path, rules: Rules, today: NaiveDate) -> Result<Store> {
        let open_err = |e: rusqlite::Error| StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        // Read the version first: refusing a newer store must not change a single byte of it.
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open_err)?;
        if found > schema_version() {
            return Err(StoreError::TooNew {
                found,
                known: schema_version(),
            });
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // WAL is safe on a local disk; on a network share SQLite falls back and still works.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // The daily check alone prepares about twenty statements; rusqlite's default cache holds sixteen,
        // so every reload would parse them all again.
        conn.set_prepared_statement_cache_capacity(128);
        let mut store = Store {
            conn,
            rules,
            today,
            path: path.to_path_buf(),
        };
        store.migrate()?;
        store.sync_rules()?;
        Ok(store)
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
        let tx = self.conn.transaction()?;
        let id = insert_in(&tx, &self.rules, self.today, rec)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn update<T: Record>(&mut self, rec: &mut T) -> Result<()> {
        let tx = self.conn.transaction()?;
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
        let tx = self.conn.transaction()?;
        delete_in::<T>(&tx, id, version)?;
        tx.commit()?;
        Ok(())
    }

    pub fn get<T: Record>(&self, id: i64) -> Result<T> {
        get_in(&self.conn, id)
    }

    /// Runs `f` inside one transaction (imports, the demo office): all of it is written or none.
    pub fn batch<R>(&mut self, f: impl FnOnce(&mut Batch<'_>) -> Result<R>) -> Result<R> {
        let tx = self.conn.transaction()?;
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

    /// Every unit by name, for pickers and name matching.
    pub fn units(&self) -> Result<Vec<crate::domain::Unit>> {
        let mut q = self.conn.prepare_cached(&format!(
            "SELECT {} FROM units ORDER BY name",
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
