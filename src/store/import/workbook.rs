//! Workbooks in: each sheet of an `.xlsx`, `.xlsm`, `.xls` or `.ods` file read on its own as a spreadsheet of
//! units, cases or suggestions (a sheet with none is named and passed over), places reported as Excel names
//! them (`file[sheet]!B7`).

use std::cell::RefCell;
use std::rc::Rc;

use csv::StringRecord;

use super::sheet::{SheetFile, column_notes, import_row};
use super::{Run, Source};
use crate::i18n::{K, Lang};
use crate::ledger::columns::{Col, Sheet};
use crate::ledger::csv::LEADING;
use crate::ledger::header::{self, HEADER_SEARCH, find_header};
use crate::ledger::workbook::{Book, BookError, BookRow, Format, MAX_CELL_CHARS, MAX_COLUMNS};
use crate::store::Entity;
use crate::store::error::Result;
use crate::store::export::sheets::table_keys;

pub(crate) type SharedBook = Rc<RefCell<Book<Source>>>;

/// One sheet to import: where its rows are and where its header is.
pub(crate) struct BookSheet {
    pub book: SharedBook,
    pub sheet: String,
    pub header_row: u64,
    pub rows: u64,
}

/// The problems of a row that no column reading sees: cells too long, a sheet too wide.
fn row_limits(run: &mut Run<'_>, name: &str, row: &BookRow) -> bool {
    let lang = run.lang();
    let mut ok = true;
    if let Some(w) = row.too_wide {
        let msg = lang.f(K::ImpWbTooWide, &[&w, &MAX_COLUMNS]);
        run.problem(name, Some(row.number), None, msg);
        ok = false;
    }
    for (col, chars) in &row.too_long {
        let msg = lang.f(K::ImpWbCellTooLong, &[chars, &MAX_CELL_CHARS]);
        run.problem(name, Some(row.number), Some(col + 1), msg);
        ok = false;
    }
    ok
}

/// Opens a workbook and finds what each sheet holds (one pass over each). Every sheet that holds records is
/// returned with its columns; problems go to the report.
pub(crate) fn load(
    run: &mut Run<'_>,
    name: &str,
    format: Format,
    reader: Source,
) -> Vec<(SheetFile, BookSheet)> {
    let lang = run.lang();
    let book = match Book::open(format, reader) {
        Ok(b) => b,
        Err(e) => {
            book_problem(run, name, &e);
            return Vec::new();
        }
    };
    let names = book.sheet_names();
    let wanted: Vec<String> = match &run.opts.sheet {
        Some(s) => match names.iter().find(|n| n.trim() == s.trim()) {
            Some(n) => vec![n.clone()],
            None => {
                let list = names.join(crate::i18n::list_sep(lang));
                let msg = lang.f(K::ImpWbNoSuchSheet, &[s, &list]);
                run.problem(name, None, None, msg);
                return Vec::new();
            }
        },
        None => names,
    };
    let candidates: Vec<Sheet> = match run.opts.entity {
        Some(s) => vec![s],
        None => Sheet::ALL.to_vec(),
    };
    let book = Rc::new(RefCell::new(book));
    let mut out = Vec::new();
    for sheet in wanted {
        let place = format!("{name}[{sheet}]");
        run.a1.insert(place.clone());
        let mut leading: Vec<BookRow> = Vec::new();
        let mut filled = 0u64;
        let mut fits = true;
        let read = book.borrow_mut().rows(&sheet, |row| {
            filled += 1;
            // A sheet far too wide is refused on its first such row, before it is read any further.
            if row.too_wide.is_some() {
                fits = false;
            }
            if leading.len() < LEADING || !fits {
                leading.push(row);
            }
            fits
        });
        if let Err(e) = read {
            book_problem(run, &place, &e);
            continue;
        }
        if !fits {
            if let Some(row) = leading.last() {
                row_limits(run, &place, row);
            }
            continue;
        }
        let cells: Vec<Vec<String>> = leading.iter().map(|r| r.cells.clone()).collect();
        if let Some(entity) = exported_other(&cells) {
            let msg = lang.f(K::ImpWbOtherEntity, &[&lang.t(entity)]);
            run.note(&place, None, None, msg);
            continue;
        }
        let found = find_header(&candidates, &cells).map(|(hi, kind)| {
            let (layout, notes) = header::layout(kind, &cells, hi, run.opts.mapping.as_ref());
            (hi, kind, layout, notes)
        });
        // Any sheet may sit in a workbook: one that names few of a kind's columns and lacks the ones it
        // needs is not a sheet of that kind.
        let Some((hi, kind, layout, notes)) = found.filter(|(_, _, l, n)| {
            let known = l.cols.keys().filter(|c| **c != Col::Id).count();
            known >= 3 || !n.iter().any(|n| n.is_problem())
        }) else {
            run.note(&place, None, None, lang.t(K::ImpWbSheetPassed).to_string());
            continue;
        };
        run.report.mapping.merge(layout.mapping());
        let header_row = leading[hi].number;
        let ok = column_notes(run, &place, &layout, &notes, |at| {
            (Some(header_row), at.map(|i| i + 1))
        });
        let rows = filled - hi as u64 - 1;
        let msg = lang.f(
            K::ImpWbRead,
            &[&format.name(), &lang.t(kind.entity()), &rows],
        );
        run.note(&place, None, None, msg);
        if !ok {
            continue;
        }
        run.files.push(place.clone());
        let file = SheetFile {
            name: place,
            index: run.files.len() - 1,
            sheet: kind,
            headers: layout.headers,
            cols: layout.cols,
            also: layout.also,
            wan: layout.wan,
        };
        let part = BookSheet {
            book: Rc::clone(&book),
            sheet,
            header_row,
            rows,
        };
        out.push((file, part));
    }
    if out.is_empty()
        && run
            .report
            .problems
            .iter()
            .all(|p| !p.file.starts_with(name))
    {
        run.problem(name, None, None, lang.t(K::ImpWbNoRecords).to_string());
    }
    out
}

/// The export's own sheets of follow-up records, activities and plans (in either language), which only the
/// JSON export carries back in.
fn exported_other(leading: &[Vec<String>]) -> Option<K> {
    let others = Entity::ALL
        .into_iter()
        .map(|e| (e.table(), e.key()))
        .filter(|(t, _)| !matches!(*t, "units" | "cases" | "suggestions"));
    for row in leading.iter().take(HEADER_SEARCH) {
        let mut cells: Vec<&str> = row.iter().map(|c| c.trim()).collect();
        while cells.last() == Some(&"") {
            cells.pop();
        }
        for (table, entity) in others.clone() {
            let keys = table_keys(table);
            for lang in [Lang::En, Lang::Zh] {
                if keys.len() == cells.len()
                    && keys.iter().zip(&cells).all(|(k, c)| lang.t(*k) == *c)
                {
                    return Some(entity);
                }
            }
        }
    }
    None
}

fn book_problem(run: &mut Run<'_>, name: &str, e: &BookError) {
    let lang = run.lang();
    let msg = match e {
        BookError::Encrypted => lang.t(K::ImpWbEncrypted).to_string(),
        BookError::Unreadable(why) => lang.f(K::ImpWbOpen, &[why]),
    };
    run.problem(name, None, None, msg);
}

/// Imports the rows of one sheet below its header, reading the sheet again.
pub(crate) fn import_sheet(
    run: &mut Run<'_>,
    file: &SheetFile,
    part: &BookSheet,
    tick: &mut dyn FnMut(u64),
) -> Result<()> {
    let mut failed = None;
    let mut n = 0u64;
    let read = part.book.borrow_mut().rows(&part.sheet, |row| {
        if row.number <= part.header_row {
            return true;
        }
        if !row_limits(run, &file.name, &row) {
            return true;
        }
        let rec = StringRecord::from(row.cells);
        if let Err(e) = import_row(run, file, row.number, &rec, &row.errors) {
            failed = Some(e);
            return false;
        }
        if n.is_multiple_of(256) {
            tick(n);
        }
        n += 1;
        true
    });
    if let Some(e) = failed {
        return Err(e);
    }
    if let Err(e) = read {
        book_problem(run, &file.name, &e);
    }
    tick(part.rows);
    Ok(())
}
