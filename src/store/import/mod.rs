//! `yufang import`: a JSON export (ids kept), spreadsheets (CSV/TSV) or workbooks (xlsx/xlsm/xls/ods) of
//! units, cases and suggestions, in one transaction. Every problem is collected with its file, line and column; any problem, or a dry run, rolls
//! the whole import back, so the store changes completely or not at all.

mod cell;
mod json;
mod rows;
mod seen;
mod sheet;
mod workbook;

use std::fmt;
use std::io::{BufRead, BufReader, Read, Seek};

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::Store;
use super::error::{Result, StoreError};
use super::record::{Record, log_change};
use crate::domain::{FieldError, Rules};
use crate::i18n::{K, Lang};
pub use crate::ledger::columns::Sheet;
use crate::ledger::mapping::Mapping;
use crate::ledger::workbook::Format;

/// What to do with a record that is already in the store (same document number, case number, unit name;
/// for a JSON export: same id).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnDuplicate {
    #[default]
    Skip,
    Update,
}

impl OnDuplicate {
    pub fn parse(s: &str) -> Option<OnDuplicate> {
        match s.trim().to_lowercase().as_str() {
            "skip" => Some(OnDuplicate::Skip),
            "update" => Some(OnDuplicate::Update),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Check everything and report, then roll back.
    pub dry_run: bool,
    pub on_duplicate: OnDuplicate,
    /// What the spreadsheets hold, when their headers should not decide.
    pub entity: Option<Sheet>,
    /// The language of the report.
    pub lang: Lang,
    /// Only this sheet of a workbook (`--sheet`).
    pub sheet: Option<String>,
    /// How headers are to be read, from a saved mapping (`--mapping`).
    pub mapping: Option<Mapping>,
}

/// One problem or note, at a place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub file: String,
    /// 1-based physical line of the file.
    pub line: Option<u64>,
    /// 1-based column (field) number, as spreadsheets count.
    pub column: Option<usize>,
    pub message: String,
    /// The place is a workbook cell: shown `file[sheet]!B7` as Excel names it, not `file:7:2`.
    pub a1: bool,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.a1 {
            match (self.line, self.column) {
                (Some(l), Some(c)) => {
                    write!(f, "!{}{l}", crate::ledger::header::column_letters(c - 1))?
                }
                (Some(l), None) => write!(f, "!{l}:{l}")?,
                _ => {}
            }
            return write!(f, ": {}", self.message);
        }
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Added, updated and skipped records of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
}

/// What an import found and did.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// Anything here aborted the import.
    pub problems: Vec<Issue>,
    /// What the import noticed or did on the way: encodings, created units, duplicates, ignored columns.
    pub notes: Vec<Issue>,
    /// Per entity (catalogue key of the entity name), in the order first met.
    pub counts: Vec<(K, Counts)>,
    pub units_created: usize,
    /// Change-log entries taken over from a JSON export.
    pub log_restored: usize,
    pub dry_run: bool,
    /// Whether the transaction was committed.
    pub written: bool,
    /// How the spreadsheets' headers were read, to save for the next file of that shape.
    pub mapping: Mapping,
}

impl ImportReport {
    pub(crate) fn count(&mut self, entity: K) -> &mut Counts {
        let i = match self.counts.iter().position(|(k, _)| *k == entity) {
            Some(i) => i,
            None => {
                self.counts.push((entity, Counts::default()));
                self.counts.len() - 1
            }
        };
        &mut self.counts[i].1
    }

    /// The whole report in the UI language: problems, then notes, then (when it went through) one line per
    /// entity, and the outcome last.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.problems.iter().map(Issue::to_string).collect();
        out.extend(self.notes.iter().map(Issue::to_string));
        if !self.problems.is_empty() {
            // Nothing was written: counts would only mislead.
            out.push(self.outcome(lang));
            return out;
        }
        for (k, c) in &self.counts {
            out.push(lang.f(
                K::ImpCounts,
                &[&lang.t(*k), &c.added, &c.updated, &c.skipped],
            ));
        }
        if self.units_created > 0 {
            out.push(lang.f(K::ImpUnitsCreated, &[&self.units_created]));
        }
        if self.log_restored > 0 {
            out.push(lang.f(K::ImpLogRestored, &[&self.log_restored]));
        }
        out.push(self.outcome(lang));
        out
    }

    /// The last line: aborted, dry run, or done.
    pub fn outcome(&self, lang: Lang) -> String {
        if !self.problems.is_empty() {
            lang.f(K::ImpAborted, &[&self.problems.len()])
        } else if self.dry_run {
            lang.t(K::ImpDryRunDone).to_string()
        } else {
            lang.t(K::ImpDone).to_string()
        }
    }
}

/// Progress callback: (done, total) in rows for spreadsheets, bytes for JSON.
pub type Tick<'a> = &'a mut dyn FnMut(u64, u64);

/// Shared state of one import run inside its transaction.
pub(crate) struct Run<'a> {
    pub conn: &'a Connection,
    pub rules: &'a Rules,
    pub today: NaiveDate,
    pub opts: &'a ImportOptions,
    pub report: ImportReport,
    /// Natural keys met so far in this import, with where, to catch a repeated row.
    pub seen: seen::Seen,
    /// Names of the spreadsheets, in the order they were read (`seen` refers to them by index).
    pub files: Vec<String>,
    /// Names (`file[sheet]`) whose places are workbook cells.
    pub a1: std::collections::HashSet<String>,
}

impl Run<'_> {
    pub fn lang(&self) -> Lang {
        self.opts.lang
    }
    pub fn problem(
        &mut self,
        file: &str,
        line: Option<u64>,
        column: Option<usize>,
        message: String,
    ) {
        let a1 = self.a1.contains(file);
        self.report.problems.push(Issue {
            file: file.to_string(),
            line,
            column,
            message,
            a1,
        });
    }
    pub fn note(&mut self, file: &str, line: Option<u64>, column: Option<usize>, message: String) {
        let a1 = self.a1.contains(file);
        self.report.notes.push(Issue {
            file: file.to_string(),
            line,
            column,
            message,
            a1,
        });
    }
}

/// Bytes that can be read again from the start: a spreadsheet is read twice (once for its encoding, header
/// and size, once to import it) so that it never has to sit in memory whole. Files and cursors are.
pub trait ReadSeek: Read + Seek {}

impl<T: Read + Seek> ReadSeek for T {}

/// An input file being read.
pub(crate) type Source = BufReader<Box<dyn ReadSeek>>;

/// One file to import: its name for the report and its bytes.
pub struct Input {
    pub name: String,
    pub reader: Box<dyn ReadSeek>,
    /// Size in bytes, when known (progress of a JSON import).
    pub len: Option<u64>,
}

impl Input {
    pub fn new(
        name: impl Into<String>,
        reader: impl ReadSeek + 'static,
        len: Option<u64>,
    ) -> Input {
        Input {
            name: name.into(),
            reader: Box::new(reader),
            len,
        }
    }
}

/// Imports `inputs` into `store` as one transaction. A file that starts with `{` is read as a yufang JSON
/// export; anything else as a spreadsheet. Spreadsheets are taken in the order units, cases, suggestions,
/// whatever the order of the arguments, so names resolve. `Err` only for a failing store; every problem with
/// the input is in the report.
pub fn import(
    store: &mut Store,
    inputs: Vec<Input>,
    opts: &ImportOptions,
    tick: Tick<'_>,
) -> Result<ImportReport> {
    let lang = opts.lang;
    let tx = store.conn.transaction()?;
    let mut run = Run {
        conn: &tx,
        rules: &store.rules,
        today: store.today,
        opts,
        report: ImportReport {
            dry_run: opts.dry_run,
            ..ImportReport::default()
        },
        seen: seen::Seen::default(),
        files: Vec::new(),
        a1: Default::default(),
    };
    let mut sheets = Vec::new();
    let mut jsons = Vec::new();
    let mut total = 0u64;
    for input in inputs {
        let mut reader = BufReader::new(input.reader);
        let (first, format) = match reader.fill_buf() {
            Ok(buf) => (first_char(buf), Format::of(buf)),
            Err(e) => {
                let msg = lang.f(K::DataCannotRead, &[&input.name, &e]);
                run.problem(&input.name, None, None, msg);
                continue;
            }
        };
        if first == Some(b'{') {
            let len = input.len.unwrap_or(0);
            total += len;
            jsons.push((input.name, reader, len));
            continue;
        }
        if let Some(format) = format {
            for (s, part) in workbook::load(&mut run, &input.name, format, reader) {
                total += part.rows;
                sheets.push((s, Part::Book(part)));
            }
            continue;
        }
        if let Some((s, body)) = sheet::load(&mut run, &input.name, reader) {
            total += body.rows;
            sheets.push((s, Part::Csv(body)));
        }
    }
    let mut done = 0u64;
    for (name, reader, len) in jsons {
        json::import_json(&mut run, reader, &name, &mut |d: u64| tick(done + d, total))?;
        done += len;
    }
    sheets.sort_by_key(|(s, _)| s.sheet);
    for (s, part) in &mut sheets {
        let mut at = |d: u64| tick(done + d, total);
        let rows = match part {
            Part::Csv(body) => {
                sheet::import_sheet(&mut run, s, body, &mut at)?;
                body.rows
            }
            Part::Book(b) => {
                workbook::import_sheet(&mut run, s, b, &mut at)?;
                b.rows
            }
        };
        done += rows;
    }
    tick(total, total);
    let mut report = run.report;
    sort_issues(&mut report.problems);
    sort_issues(&mut report.notes);
    if report.problems.is_empty() && !opts.dry_run {
        tx.commit()?;
        report.written = true;
    }
    // Otherwise dropping `tx` rolls everything back.
    Ok(report)
}

/// Where the rows of a spreadsheet are.
enum Part {
    Csv(sheet::Body),
    Book(workbook::BookSheet),
}

/// Orders issues by file (in the order the files were read), then line and column.
fn sort_issues(v: &mut [Issue]) {
    let mut files: Vec<String> = Vec::new();
    for i in v.iter() {
        if !files.contains(&i.file) {
            files.push(i.file.clone());
        }
    }
    v.sort_by_key(|i| (files.iter().position(|f| *f == i.file), i.line, i.column));
}

/// The first byte that is not a BOM or white space.
fn first_char(buf: &[u8]) -> Option<u8> {
    let body = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
    body.iter().find(|b| !b.is_ascii_whitespace()).copied()
}

/// Inserts a record keeping its id and version (a JSON import, an undone delete), with the same checks as
/// any insert. `log` writes the change-log row.
pub(crate) fn insert_with_id<T: Record>(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    rec: &mut T,
    log: bool,
) -> Result<()> {
    rec.normalize();
    rec.check(conn, today)?;
    let cols = T::COLUMNS.join(", ");
    let marks = vec!["?"; T::COLUMNS.len() + 2].join(", ");
    let sql = format!(
        "INSERT INTO {} (id, version, {cols}) VALUES ({marks})",
        T::TABLE
    );
    let mut vals = vec![
        Value::Integer(rec.id()),
        Value::Integer(rec.version().max(1)),
    ];
    vals.extend(rec.values(rules));
    conn.prepare_cached(&sql)?.execute(params_from_iter(vals))?;
    rec.set_meta(rec.id(), rec.version().max(1));
    rec.save_links(conn)?;
    if log {
        log_change(conn, T::TABLE, rec.id(), "insert", None, Some(&*rec))?;
    }
    Ok(())
}

/// Whether a row with this id exists in `table`.
pub(crate) fn id_exists(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    super::record::exists(conn, &format!("SELECT 1 FROM {table} WHERE id = ?1"), id)
}

/// A store error as report lines: validation errors one per field (with the field's column when the file has
/// one), anything else as one line.
pub(crate) fn error_issues(
    err: &StoreError,
    lang: Lang,
    column_of: impl Fn(K) -> Option<usize>,
) -> Vec<(Option<usize>, String)> {
    match err {
        StoreError::Invalid(errs) => errs
            .iter()
            .map(|e: &FieldError| (column_of(e.field), e.message(lang)))
            .collect(),
        other => vec![(None, other.message(lang))],
    }
}
