//! Reading the cells of one spreadsheet row: each refused cell is reported at its line and column, and the
//! row's record is still checked so one pass reports everything.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::sheet::SheetFile;
use super::{OnDuplicate, Run, error_issues};
use crate::domain::Unit;
use crate::domain::case::parse_yuan;
use crate::i18n::{K, Lang};
use crate::ledger::columns::{Col, label};
use crate::ledger::values::{parse_choice, parse_date_loose, parse_flag, split_list};
use crate::store::error::Result;
use crate::store::record::{insert_in, update_in};

/// One data row being read; `bad` once any cell was refused (the row is then not written, but every cell is
/// still checked so the report is complete).
pub(crate) struct Row<'r, 'a> {
    pub run: &'r mut Run<'a>,
    pub f: &'r SheetFile,
    line: u64,
    cells: &'r csv::StringRecord,
    pub bad: bool,
    /// Columns already reported in this row, so the record check does not report them twice.
    bad_cols: Vec<usize>,
}

impl<'r, 'a> Row<'r, 'a> {
    pub fn new(
        run: &'r mut Run<'a>,
        f: &'r SheetFile,
        line: u64,
        cells: &'r csv::StringRecord,
    ) -> Self {
        Row {
            run,
            f,
            line,
            cells,
            bad: false,
            bad_cols: Vec::new(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.run.lang()
    }

    /// The column's field index and trimmed cell, when the file has the column. An empty cell is filled
    /// from a second column of the same field.
    pub fn raw(&self, col: Col) -> Option<(usize, &'r str)> {
        let i = *self.f.cols.get(&col)?;
        let cells: &'r csv::StringRecord = self.cells;
        let s = cells.get(i).map_or("", str::trim);
        if s.is_empty()
            && let Some(&j) = self.f.also.get(&col)
        {
            let t = cells.get(j).map_or("", str::trim);
            if !t.is_empty() {
                return Some((j, crate::store::export::unneutralise(t)));
            }
        }
        // A formula-like cell of yufang's CSV export carries a leading apostrophe: read the original text.
        Some((i, crate::store::export::unneutralise(s)))
    }

    /// Two columns of one field that both say something must say the same.
    pub fn check_twins(&mut self) {
        let pairs: Vec<(usize, usize)> = self
            .f
            .also
            .iter()
            .filter_map(|(c, j)| self.f.cols.get(c).map(|i| (*i, *j)))
            .collect();
        for (i, j) in pairs {
            let a = self.cells.get(i).map_or("", str::trim);
            let b = self.cells.get(j).map_or("", str::trim);
            let same =
                a == b || parse_date_loose(a).is_some_and(|d| parse_date_loose(b) == Some(d));
            if !a.is_empty() && !b.is_empty() && !same {
                let msg = self.lang().f(
                    K::ImpTwinsDisagree,
                    &[&self.header(i), &a, &self.header(j), &b],
                );
                self.fail(Some(j), msg);
            }
        }
    }

    /// The header of the column at a field index, for messages.
    pub fn header_at(&self, i: usize) -> String {
        self.header(i)
    }

    /// The header of a column, for messages.
    pub fn header_of(&self, col: Col) -> String {
        self.f
            .cols
            .get(&col)
            .map(|i| self.header(*i))
            .unwrap_or_default()
    }

    pub fn has(&self, col: Col) -> bool {
        self.f.cols.contains_key(&col)
    }

    fn header(&self, i: usize) -> String {
        self.f
            .headers
            .get(i)
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .unwrap_or_default()
    }

    pub fn fail(&mut self, i: Option<usize>, message: String) {
        self.bad = true;
        self.bad_cols.extend(i);
        let (name, line) = (self.f.name.clone(), self.line);
        self.run
            .problem(&name, Some(line), i.map(|i| i + 1), message);
    }

    pub fn note(&mut self, i: Option<usize>, message: String) {
        let (name, line) = (self.f.name.clone(), self.line);
        self.run.note(&name, Some(line), i.map(|i| i + 1), message);
    }

    pub fn text(&self, col: Col) -> Option<String> {
        self.raw(col).map(|(_, s)| s.to_string())
    }

    /// `None`: no such column; `Some(None)`: empty (or refused) cell.
    pub fn date(&mut self, col: Col) -> Option<Option<NaiveDate>> {
        let (i, s) = self.raw(col)?;
        if s.is_empty() {
            return Some(None);
        }
        match parse_date_loose(s) {
            Some(d) => Some(Some(d)),
            None => {
                let msg = self.lang().f(K::ImpBadDate, &[&self.header(i), &s]);
                self.fail(Some(i), msg);
                Some(None)
            }
        }
    }

    pub fn choice<T: Copy>(
        &mut self,
        col: Col,
        parse: fn(&str) -> Option<T>,
        all: &[T],
        label: fn(T, Lang) -> &'static str,
    ) -> Option<Option<T>> {
        let (i, s) = self.raw(col)?;
        if s.is_empty() {
            return Some(None);
        }
        match parse_choice(s, parse) {
            Some(v) => Some(Some(v)),
            None => {
                let lang = self.lang();
                let sep = crate::i18n::list_sep(lang);
                let options: Vec<&str> = all.iter().map(|v| label(*v, lang)).collect();
                let msg = lang.f(K::ImpBadChoice, &[&self.header(i), &s, &options.join(sep)]);
                self.fail(Some(i), msg);
                Some(None)
            }
        }
    }

    pub fn flag(&mut self, col: Col) -> Option<bool> {
        let (i, s) = self.raw(col)?;
        match parse_flag(s) {
            Some(b) => Some(b),
            None => {
                let msg = self.lang().f(K::ImpBadFlag, &[&self.header(i), &s]);
                self.fail(Some(i), msg);
                Some(false)
            }
        }
    }

    pub fn amount(&mut self, col: Col) -> Option<Option<i64>> {
        let (i, s) = self.raw(col)?;
        if s.is_empty() {
            return Some(None);
        }
        let parsed = if self.f.wan && !s.ends_with('万') {
            parse_yuan(&format!("{s}万"))
        } else {
            parse_yuan(s)
        };
        if parsed.is_none() {
            let msg = self.lang().f(K::ErrBadMoney, &[&self.header(i), &s]);
            self.fail(Some(i), msg);
        }
        Some(parsed)
    }

    /// A unit by name, created (and reported) when the store has none of that name.
    fn unit_named(&mut self, i: usize, name: &str) -> Result<Option<i64>> {
        if let Some(id) = unit_id(self.run.conn, name)? {
            return Ok(Some(id));
        }
        let mut u = Unit::new(name);
        match insert_in(self.run.conn, self.run.rules, self.run.today, &mut u) {
            Ok(id) => {
                self.run.report.units_created += 1;
                let msg = self.lang().f(K::ImpUnitCreated, &[&u.name]);
                self.note(Some(i), msg);
                Ok(Some(id))
            }
            Err(e) => {
                let lang = self.lang();
                for (_, m) in error_issues(&e, lang, |_| None) {
                    let msg = lang.f(K::ImpCellProblem, &[&self.header(i), &m]);
                    self.fail(Some(i), msg);
                }
                Ok(None)
            }
        }
    }

    /// The unit column: `None` no column, `Some(None)` empty or refused.
    pub fn unit(&mut self, col: Col) -> Result<Option<Option<i64>>> {
        let Some((i, s)) = self.raw(col) else {
            return Ok(None);
        };
        if s.is_empty() {
            return Ok(Some(None));
        }
        Ok(Some(self.unit_named(i, s)?))
    }

    pub fn units(&mut self, col: Col) -> Result<Option<Vec<i64>>> {
        let Some((i, s)) = self.raw(col) else {
            return Ok(None);
        };
        let mut ids = Vec::new();
        for name in split_list(s) {
            if let Some(id) = self.unit_named(i, &name)? {
                ids.push(id);
            }
        }
        Ok(Some(ids))
    }

    pub fn cases(&mut self, col: Col) -> Result<Option<Vec<i64>>> {
        let Some((i, s)) = self.raw(col) else {
            return Ok(None);
        };
        let mut ids = Vec::new();
        for no in split_list(s) {
            match case_id(self.run.conn, &no)? {
                Some(id) => ids.push(id),
                None => {
                    let msg = self.lang().f(K::ImpNoSuchCase, &[&self.header(i), &no]);
                    self.fail(Some(i), msg);
                }
            }
        }
        Ok(Some(ids))
    }

    /// Reports a second row with the same key in this import; true when it is one.
    pub fn repeated(&mut self, key_col: Col, key: &str) -> Result<bool> {
        let here = (self.f.index, self.line);
        let Some((file, line)) = self.run.seen.first(self.f.sheet, key, here)? else {
            return Ok(false);
        };
        let lang = self.lang();
        let entity = lang.t(self.f.sheet.entity());
        let msg = if file == self.f.index {
            lang.f(K::ImpRepeatedRow, &[&entity, &key, &line])
        } else {
            let file = self.run.files.get(file).map_or("", String::as_str);
            lang.f(
                K::ImpRepeatedRowElsewhere,
                &[&entity, &key, &format!("{file}:{line}")],
            )
        };
        let i = self.raw(key_col).map(|(i, _)| i);
        self.fail(i, msg);
        Ok(true)
    }

    /// A record already in the store: reported, then skipped (`false`) or to be updated (`true`).
    pub fn duplicate(&mut self, key_col: Col, key: &str) -> bool {
        let lang = self.lang();
        let entity = lang.t(self.f.sheet.entity());
        let i = self.raw(key_col).map(|(i, _)| i);
        match self.run.opts.on_duplicate {
            OnDuplicate::Skip => {
                let msg = lang.f(K::ImpDupSkipped, &[&entity, &key]);
                self.note(i, msg);
                self.run.report.count(self.f.sheet.entity()).skipped += 1;
                false
            }
            OnDuplicate::Update => {
                let msg = lang.f(K::ImpDupUpdated, &[&entity, &key]);
                self.note(i, msg);
                true
            }
        }
    }

    /// Writes the record unless a cell was refused; validation problems land on their columns.
    pub fn save<T: crate::store::Record>(&mut self, rec: &mut T, update: bool) -> Result<()> {
        let (conn, rules, today) = (self.run.conn, self.run.rules, self.run.today);
        if self.bad {
            // The row is not written, but its record is still checked so one pass reports everything.
            rec.normalize();
            if let Err(e) = rec.check(conn, today) {
                self.report(e, true)?;
            }
            return Ok(());
        }
        let res = if update {
            update_in(conn, rules, today, rec)
        } else {
            insert_in(conn, rules, today, rec).map(|_| ())
        };
        match res {
            Ok(()) => {
                let c = self.run.report.count(self.f.sheet.entity());
                if update {
                    c.updated += 1;
                } else {
                    c.added += 1;
                }
                Ok(())
            }
            Err(e) => self.report(e, false),
        }
    }

    /// Record-level problems on their columns (a store failure is passed on).
    fn report(&mut self, e: crate::store::StoreError, skip_reported: bool) -> Result<()> {
        if matches!(e, crate::store::StoreError::Sqlite(_)) {
            return Err(e);
        }
        let sheet = self.f.sheet;
        let cols = &self.f.cols;
        let column_of = |k: K| {
            cols.iter()
                .find(|(c, _)| label(sheet, **c) == Some(k))
                .map(|(_, i)| *i)
        };
        for (i, m) in error_issues(&e, self.lang(), column_of) {
            if skip_reported && i.is_some_and(|i| self.bad_cols.contains(&i)) {
                continue;
            }
            self.fail(i, m);
        }
        Ok(())
    }
}

pub(crate) fn unit_id(conn: &rusqlite::Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM units WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?)
}

pub(crate) fn case_id(conn: &rusqlite::Connection, case_no: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM cases WHERE case_no = ?1")?
        .query_row([case_no.trim()], |r| r.get(0))
        .optional()?)
}
