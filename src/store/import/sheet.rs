//! Spreadsheets (CSV/TSV) of units, cases or suggestions as offices keep them: any encoding Excel or WPS
//! writes, a title row above the headers, headers in either language and any order, loose dates, labels
//! instead of codes, units by name.

use std::collections::HashMap;

use ::csv::StringRecord;

use super::cell::Row;
use super::rows::{case_row, suggestion_row, unit_row};
use super::{Run, Source};
use crate::i18n::K;
use crate::ledger::columns::{Col, Sheet, label};
use crate::ledger::csv::{self as text_csv, Stop, filled, next, records};
use crate::ledger::header::{self, ColumnNote, column_letters, find_header};
use crate::ledger::values::Encoding;
use crate::store::error::Result;

/// A spreadsheet whose header row has been found: what its rows are read against.
pub(crate) struct SheetFile {
    pub name: String,
    /// Where `name` is in the run's list of files.
    pub index: usize,
    pub sheet: Sheet,
    /// Header text of each column, as written in the file.
    pub headers: Vec<String>,
    /// Where each known column is (0-based field index).
    pub cols: HashMap<Col, usize>,
    /// A second column of the same field (see [`header::Layout::also`]).
    pub also: HashMap<Col, usize>,
    /// Amounts are in 万元 (the header says so).
    pub wan: bool,
}

/// How to read a spreadsheet's rows again, as the first pass found them. The rows themselves are not kept:
/// the import reads them from the file a second time, one at a time.
pub(crate) struct Body {
    reader: Source,
    encoding: Encoding,
    /// Length of the byte-order mark the text starts after.
    bom: u64,
    delimiter: u8,
    /// Index of the header among the file's records.
    header: usize,
    /// Data rows (empty rows are left out).
    pub rows: u64,
}

/// Reads and parses a spreadsheet once to find its encoding, header row, kind and size. Problems
/// (unreadable encoding, unknown kind, a missing required column, a repeated column) go to the report and
/// give `None`.
pub(crate) fn load(run: &mut Run<'_>, name: &str, mut reader: Source) -> Option<(SheetFile, Body)> {
    let lang = run.lang();
    let scan = match text_csv::scan(&mut reader) {
        Ok(s) => s,
        Err(Stop::Encoding) => {
            run.problem(name, None, None, lang.t(K::ImpBadEncoding).to_string());
            return None;
        }
        Err(Stop::Read(e)) => {
            run.problem(name, None, None, lang.f(K::DataCannotRead, &[&name, &e]));
            return None;
        }
        Err(Stop::Csv(e, line)) => {
            run.problem(name, line, None, lang.f(K::ImpBadCsv, &[&e]));
            return None;
        }
    };
    let records = &scan.leading;
    let candidates: Vec<Sheet> = match run.opts.entity {
        Some(s) => vec![s],
        None => Sheet::ALL.to_vec(),
    };
    let cells: Vec<Vec<String>> = records.iter().map(|(_, c)| c.clone()).collect();
    let Some((hi, sheet)) = find_header(&candidates, &cells) else {
        let msg = match run.opts.entity {
            Some(s) => lang.f(K::ImpNoHeaders, &[&lang.t(s.entity())]),
            None => lang.t(K::ImpUnknownKind).to_string(),
        };
        run.problem(name, records.first().map(|r| r.0), None, msg);
        return None;
    };
    let header_line = records[hi].0;
    let (layout, notes) = header::layout(sheet, &cells, hi, run.opts.mapping.as_ref());
    run.report.mapping.merge(layout.mapping());
    let ok = column_notes(run, name, &layout, &notes, |at| {
        (Some(header_line), at.map(|i| i + 1))
    });
    let above = records[..=hi].iter().filter(|(_, c)| filled(c)).count();
    let rows = scan.filled - above as u64;
    let msg = lang.f(
        K::ImpFileRead,
        &[&scan.encoding.name(), &lang.t(sheet.entity()), &rows],
    );
    run.note(name, None, None, msg);
    if !ok {
        return None;
    }
    run.files.push(name.to_string());
    let file = SheetFile {
        name: name.to_string(),
        index: run.files.len() - 1,
        sheet,
        headers: layout.headers,
        cols: layout.cols,
        also: layout.also,
        wan: layout.wan,
    };
    let body = Body {
        reader,
        encoding: scan.encoding,
        bom: scan.bom,
        delimiter: scan.delimiter,
        header: hi,
        rows,
    };
    Some((file, body))
}

/// Reports how the columns were understood; false when the sheet cannot be read. `place` gives the line
/// and column of the header cell of a field index (or of the header row for `None`).
pub(crate) fn column_notes(
    run: &mut Run<'_>,
    name: &str,
    layout: &header::Layout,
    notes: &[ColumnNote],
    place: impl Fn(Option<usize>) -> (Option<u64>, Option<usize>),
) -> bool {
    let lang = run.lang();
    let sheet = layout.sheet;
    let head = |i: usize| layout.headers.get(i).map_or("", |h| h.trim());
    let field = |c: Col| lang.t(label(sheet, c).unwrap_or(K::FName));
    let mut ok = true;
    for n in notes {
        match n {
            ColumnNote::Same { at, first, col } => {
                let msg = lang.f(
                    K::ImpSameField,
                    &[
                        &head(*first),
                        &column_letters(*first),
                        &head(*at),
                        &column_letters(*at),
                        &field(*col),
                    ],
                );
                let (l, c) = place(Some(*at));
                run.note(name, l, c, msg);
            }
            ColumnNote::ByValues { at, col, sample } => {
                let msg = lang.f(K::ImpColumnByValues, &[&head(*at), sample, &field(*col)]);
                let (l, c) = place(Some(*at));
                run.note(name, l, c, msg);
            }
            ColumnNote::Ignored { at } => {
                let msg = lang.f(K::ImpIgnoredColumn, &[&head(*at)]);
                let (l, c) = place(Some(*at));
                run.note(name, l, c, msg);
            }
            ColumnNote::Missing(req) => {
                let msg = lang.f(K::ImpMissingColumn, &[&field(*req)]);
                let (l, c) = place(None);
                run.problem(name, l, c, msg);
                ok = false;
            }
        }
    }
    ok
}

/// One data row of a CSV file or a workbook sheet: a signature or total line is passed over, anything else
/// read as a record of the sheet's kind.
pub(crate) fn import_row(
    run: &mut Run<'_>,
    file: &SheetFile,
    line: u64,
    rec: &StringRecord,
    errors: &[(usize, String)],
) -> Result<()> {
    let cells: Vec<&str> = rec.iter().collect();
    if let Some(what) = header::footer(&cells) {
        let msg = run.lang().f(K::ImpPassedOverRow, &[&what]);
        let name = file.name.clone();
        run.note(&name, Some(line), None, msg);
        return Ok(());
    }
    let mut row = Row::new(&mut *run, file, line, rec);
    row.check_twins();
    for (at, e) in errors {
        if file
            .cols
            .values()
            .chain(file.also.values())
            .any(|i| i == at)
        {
            let msg = row.lang().f(K::ImpWbCellError, &[&row.header_at(*at), e]);
            row.fail(Some(*at), msg);
        }
    }
    match file.sheet {
        Sheet::Units => unit_row(&mut row),
        Sheet::Cases => case_row(&mut row),
        Sheet::Suggestions => suggestion_row(&mut row),
    }
}

/// Imports the rows of one spreadsheet inside the run's transaction, reading them from the file again one
/// at a time. A file that cannot be read the second time is a problem, so the import is rolled back.
pub(crate) fn import_sheet(
    run: &mut Run<'_>,
    file: &SheetFile,
    body: &mut Body,
    tick: &mut dyn FnMut(u64),
) -> Result<()> {
    let lang = run.lang();
    let name = file.name.as_str();
    let mut rdr = match records(&mut body.reader, body.encoding, body.bom, body.delimiter) {
        Ok(r) => r,
        Err(e) => {
            run.problem(name, None, None, lang.f(K::DataCannotRead, &[&name, &e]));
            return Ok(());
        }
    };
    let mut rec = StringRecord::new();
    let mut index = 0usize;
    let mut n = 0u64;
    loop {
        let line = match next(&mut rdr, &mut rec) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            // The first pass read all of it: the file changed or went away since.
            Err(Stop::Encoding) => {
                run.problem(name, None, None, lang.t(K::ImpBadEncoding).to_string());
                break;
            }
            Err(Stop::Read(e)) => {
                run.problem(name, None, None, lang.f(K::DataCannotRead, &[&name, &e]));
                break;
            }
            Err(Stop::Csv(e, line)) => {
                run.problem(name, line, None, lang.f(K::ImpBadCsv, &[&e]));
                break;
            }
        };
        index += 1;
        if index <= body.header + 1 || !filled(&rec) {
            continue;
        }
        import_row(run, file, line, &rec, &[])?;
        if n.is_multiple_of(256) {
            tick(n);
        }
        n += 1;
    }
    tick(body.rows);
    Ok(())
}
