//! `yufang export`: the complete JSON interchange and one CSV per entity, both streamed row by row from SQLite
//! into a writer (a million suggestions never sit in memory).
//!
//! JSON layout (format "yufang", version 1): one object with `format`, `format_version`, `schema_version`,
//! `exported_at`, `doc_prefix`, then `units`, `cases`, `suggestions`, `follow_ups`, `activities`, `plans`
//! (every field, ids and versions included, ordered by id, one record per line) and, when asked for,
//! `change_log`. The same store always gives the same bytes apart from the `exported_at` line.

pub(crate) mod sheets;
mod workbook;

use std::io::{self, Write};
use std::path::Path;

use rusqlite::{Connection, Rows, Statement};
use serde::Serialize;

use super::Store;
use super::error::StoreError;
use super::history::{LOG_COLUMNS, LogRow};
use super::record::{Cols, Record};
use crate::domain::{Activity, Case, FollowUp, Plan, Suggestion, Unit};
use crate::i18n::{K, Lang};

/// The `format` value of a yufang export.
pub const FORMAT_NAME: &str = "yufang";
/// Raised when the layout changes in a way an older reader would misread.
pub const FORMAT_VERSION: u32 = 1;

/// Failures of export, import files, backup and restore: the store, a file, or a refused file.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// A file is refused, with the reason already worded (both languages kept, chosen at display).
    #[error("{en}")]
    Refused { en: String, zh: String },
}

impl From<rusqlite::Error> for DataError {
    fn from(e: rusqlite::Error) -> Self {
        DataError::Store(StoreError::Sqlite(e))
    }
}

impl From<serde_json::Error> for DataError {
    fn from(e: serde_json::Error) -> Self {
        DataError::Store(StoreError::Json(e))
    }
}

impl DataError {
    /// A refusal worded by a catalogue key in both languages.
    pub fn refused(k: K, args: &[&dyn std::fmt::Display]) -> DataError {
        DataError::Refused {
            en: Lang::En.f(k, args),
            zh: Lang::Zh.f(k, args),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            DataError::Store(e) => e.message(lang),
            DataError::Io(e) => e.to_string(),
            DataError::Csv(e) => e.to_string(),
            DataError::Refused { en, zh } => match lang {
                Lang::En => en.clone(),
                Lang::Zh => zh.clone(),
            },
        }
    }
}

pub type DataResult<T> = std::result::Result<T, DataError>;

/// Progress callback: (rows done, rows in all).
pub use sheets::{CSV_FILES, export_csv, neutralise, unneutralise};
pub use workbook::{export_ledger, export_xlsx};

pub type Tick<'a> = &'a mut dyn FnMut(u64, u64);

/// Rows per entity table, in [`Entity::ALL`](super::Entity::ALL) order.
pub fn counts(store: &Store) -> DataResult<Vec<(&'static str, u64)>> {
    let mut out = Vec::new();
    for t in super::Entity::ALL.map(super::Entity::table) {
        let n: i64 = store
            .conn
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
        out.push((t, u64::try_from(n).unwrap_or(0)));
    }
    Ok(out)
}

fn change_count(conn: &Connection) -> DataResult<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Writes the JSON export of `store` to `out`; returns the number of records (log entries included).
/// `exported_at` is the only line that differs between two exports of the same store.
pub fn export_json(
    store: &Store,
    out: &mut dyn Write,
    with_log: bool,
    exported_at: &str,
    tick: Tick<'_>,
) -> DataResult<u64> {
    let conn = &store.conn;
    let mut total: u64 = counts(store)?.iter().map(|(_, n)| n).sum();
    if with_log {
        total += change_count(conn)?;
    }
    let mut w = JsonWriter {
        out,
        done: 0,
        total,
        tick,
        first: true,
    };
    writeln!(w.out, "{{")?;
    writeln!(
        w.out,
        "  \"format\": {},",
        serde_json::to_string(FORMAT_NAME)?
    )?;
    writeln!(w.out, "  \"format_version\": {FORMAT_VERSION},")?;
    writeln!(w.out, "  \"schema_version\": {},", super::schema_version())?;
    writeln!(
        w.out,
        "  \"exported_at\": {},",
        serde_json::to_string(exported_at)?
    )?;
    writeln!(
        w.out,
        "  \"doc_prefix\": {},",
        serde_json::to_string(&store.rules.settings.doc_prefix)?
    )?;
    w.open("units")?;
    each::<Unit>(conn, |r| w.item(&r))?;
    w.close(false)?;
    w.open("cases")?;
    each::<Case>(conn, |r| w.item(&r))?;
    w.close(false)?;
    w.open("suggestions")?;
    each_suggestion(conn, |r| w.item(&r))?;
    w.close(false)?;
    w.open("follow_ups")?;
    each::<FollowUp>(conn, |r| w.item(&r))?;
    w.close(false)?;
    w.open("activities")?;
    each::<Activity>(conn, |r| w.item(&r))?;
    w.close(false)?;
    w.open("plans")?;
    each::<Plan>(conn, |r| w.item(&r))?;
    w.close(!with_log)?;
    if with_log {
        w.open("change_log")?;
        each_log(conn, |e| w.item(&e))?;
        w.close(true)?;
    }
    writeln!(w.out, "}}")?;
    w.out.flush()?;
    (w.tick)(w.total, w.total);
    Ok(w.done)
}

struct JsonWriter<'w, 't> {
    out: &'w mut dyn Write,
    done: u64,
    total: u64,
    tick: Tick<'t>,
    first: bool,
}

impl JsonWriter<'_, '_> {
    fn open(&mut self, key: &str) -> DataResult<()> {
        write!(self.out, "  \"{key}\": [")?;
        self.first = true;
        Ok(())
    }
    fn item<T: Serialize>(&mut self, rec: &T) -> DataResult<()> {
        self.out
            .write_all(if self.first { b"\n    " } else { b",\n    " })?;
        self.first = false;
        serde_json::to_writer(&mut *self.out, rec)?;
        self.done += 1;
        if self.done.is_multiple_of(1024) {
            (self.tick)(self.done, self.total);
        }
        Ok(())
    }
    fn close(&mut self, last: bool) -> DataResult<()> {
        let comma = if last { "" } else { "," };
        if self.first {
            writeln!(self.out, "]{comma}")?;
        } else {
            writeln!(self.out, "\n  ]{comma}")?;
        }
        Ok(())
    }
}

/// Every record of a table in id order, one at a time.
pub(crate) fn each<T: Record>(
    conn: &Connection,
    mut f: impl FnMut(T) -> DataResult<()>,
) -> DataResult<()> {
    let mut q = conn.prepare(&format!(
        "SELECT {} FROM {} ORDER BY id",
        T::select_list(),
        T::TABLE
    ))?;
    let mut rows = q.query([])?;
    while let Some(row) = rows.next()? {
        f(T::from_row(&mut Cols::new(row))?)?;
    }
    Ok(())
}

/// A cursor over a link table ordered by suggestion id, merged with the suggestions as they stream past.
struct Links<'s> {
    rows: Rows<'s>,
    pending: Option<(i64, i64)>,
}

impl<'s> Links<'s> {
    fn new(stmt: &'s mut Statement<'_>) -> DataResult<Links<'s>> {
        let mut rows = stmt.query([])?;
        let pending = next_pair(&mut rows)?;
        Ok(Links { rows, pending })
    }
    /// The linked ids of suggestion `id` (ascending, as `load_links` gives them).
    fn take(&mut self, id: i64) -> DataResult<Vec<i64>> {
        let mut out = Vec::new();
        while let Some((sid, other)) = self.pending {
            if sid > id {
                break;
            }
            if sid == id {
                out.push(other);
            }
            self.pending = next_pair(&mut self.rows)?;
        }
        Ok(out)
    }
}

fn next_pair(rows: &mut Rows<'_>) -> DataResult<Option<(i64, i64)>> {
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, r.get(1)?)),
        None => None,
    })
}

/// Suggestions with their linked cases and copied-to units, without a query per suggestion.
fn each_suggestion(
    conn: &Connection,
    mut f: impl FnMut(Suggestion) -> DataResult<()>,
) -> DataResult<()> {
    let mut cases_q = conn.prepare(
        "SELECT suggestion_id, case_id FROM suggestion_cases ORDER BY suggestion_id, case_id",
    )?;
    let mut copies_q = conn.prepare(
        "SELECT suggestion_id, unit_id FROM suggestion_copies ORDER BY suggestion_id, unit_id",
    )?;
    let mut measures_q = super::measures::Cursor::statement(conn)?;
    let mut cases = Links::new(&mut cases_q)?;
    let mut copies = Links::new(&mut copies_q)?;
    let mut measures = super::measures::Cursor::new(&mut measures_q)?;
    each::<Suggestion>(conn, |mut s| {
        s.case_ids = cases.take(s.id)?;
        s.copied_to = copies.take(s.id)?;
        s.measure_items = measures.take(s.id)?;
        f(s)
    })
}

/// Every change-log row, oldest first, read as the history reads it; an image that is not JSON fails the
/// export instead of being left out.
fn each_log(conn: &Connection, mut f: impl FnMut(LogRow) -> DataResult<()>) -> DataResult<()> {
    let mut q = conn.prepare(&format!("SELECT {LOG_COLUMNS} FROM change_log ORDER BY id"))?;
    let mut rows = q.query([])?;
    while let Some(r) = rows.next()? {
        match LogRow::read(r)? {
            (_, Some(bad)) => return Err(bad.into()),
            (row, None) => f(row)?,
        }
    }
    Ok(())
}

/// Writes through a private `.part` file, synced and renamed at the end (see [`crate::outfile`]), so a
/// failed export never leaves a half file under the real name. A failure names the file.
pub fn write_atomically(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> DataResult<u64>,
) -> DataResult<u64> {
    let cannot =
        |e: &dyn std::fmt::Display| DataError::refused(K::DataCannotWrite, &[&path.display(), e]);
    crate::outfile::write_file(path, |w| {
        f(w).map_err(|e| Wrapped(cannot(&e.message(Lang::En))))
    })
    .map_err(|e: Wrapped| e.0)
}

/// A [`DataError`] that can also come from [`crate::outfile`].
struct Wrapped(DataError);

impl From<crate::outfile::OutError> for Wrapped {
    fn from(e: crate::outfile::OutError) -> Self {
        Wrapped(DataError::from(e))
    }
}

impl From<crate::outfile::OutError> for DataError {
    fn from(e: crate::outfile::OutError) -> Self {
        DataError::Refused {
            en: e.message(Lang::En),
            zh: e.message(Lang::Zh),
        }
    }
}

/// Whether `head` begins like a JSON export of yufang's (so an earlier one may be replaced).
pub fn looks_like_json_export(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(40)
        .collect();
    compact.starts_with(&format!("{{\"format\":\"{FORMAT_NAME}\""))
}

/// The JSON export into `path` (written atomically); returns the number of records.
pub fn export_json_file(
    store: &Store,
    path: &Path,
    with_log: bool,
    exported_at: &str,
    tick: Tick<'_>,
) -> DataResult<u64> {
    write_atomically(path, |w| export_json(store, w, with_log, exported_at, tick))
}

/// The CSV export: one file per entity in `dir` (created if needed), UTF-8 with a byte-order mark unless
/// `plain_utf8`. `tick` gets (rows done, rows in all). Returns the number of rows.
pub fn export_csv_dir(
    store: &Store,
    dir: &Path,
    lang: Lang,
    plain_utf8: bool,
    tick: Tick<'_>,
) -> DataResult<u64> {
    crate::outfile::create_private_dir(dir)
        .map_err(|e| DataError::refused(K::DataCannotWrite, &[&dir.display(), &e]))?;
    let total: u64 = counts(store)?.iter().map(|(_, n)| n).sum();
    let mut done = 0u64;
    for (file, table) in CSV_FILES {
        let n = write_atomically(&dir.join(file), |w| {
            if !plain_utf8 {
                // Excel takes a CSV without a byte-order mark for the local code page (GBK).
                w.write_all(b"\xEF\xBB\xBF")?;
            }
            export_csv(store, table, lang, w, &mut |d| tick(done + d, total))
        })?;
        done += n;
    }
    Ok(done)
}
