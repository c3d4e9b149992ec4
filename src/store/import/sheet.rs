//! Spreadsheets (CSV/TSV) of units, cases or suggestions as offices keep them: any encoding Excel or WPS
//! writes, a title row above the headers, headers in either language and any order, loose dates, labels
//! instead of codes, units by name.

use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};

use csv::StringRecord;

use super::cell::Row;
use super::columns::{Col, Meaning, Sheet, label, meaning};
use super::rows::{case_row, suggestion_row, unit_row};
use super::text::{Decoded, is_bad_encoding};
use super::values::Encoding;
use super::{Run, Source};
use crate::i18n::K;
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

/// How many leading rows may sit above the header (a title, a date line).
const HEADER_SEARCH: usize = 10;

/// Why a pass over a file stopped early.
enum Stop {
    /// The bytes are not text in the encoding tried.
    Encoding,
    /// The file could not be read (the error's text).
    Read(String),
    Csv(csv::Error, Option<u64>),
}

/// What the first pass finds: the leading records (where the header is) with their lines, and the number
/// of non-empty records.
struct Scan {
    delimiter: u8,
    leading: Vec<(u64, Vec<String>)>,
    filled: u64,
}

/// Reads and parses a spreadsheet once to find its encoding, header row, kind and size. Problems
/// (unreadable encoding, unknown kind, a missing required column, a repeated column) go to the report and
/// give `None`.
pub(crate) fn load(run: &mut Run<'_>, name: &str, mut reader: Source) -> Option<(SheetFile, Body)> {
    let lang = run.lang();
    let mut head = Vec::new();
    if let Err(e) = reader.by_ref().take(3).read_to_end(&mut head) {
        run.problem(name, None, None, lang.f(K::DataCannotRead, &[&name, &e]));
        return None;
    }
    let (mut encoding, bom) = Encoding::from_bom(&head).unwrap_or((Encoding::Utf8, 0));
    let bom = bom as u64;
    let scan = loop {
        match scan(&mut reader, encoding, bom) {
            Ok(s) => break s,
            // Valid UTF-8 all through, or else GB18030: only the whole file tells.
            Err(Stop::Encoding) if encoding == Encoding::Utf8 => encoding = Encoding::Gb18030,
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
        }
    };
    let records = scan.leading;
    let candidates: Vec<Sheet> = match run.opts.entity {
        Some(s) => vec![s],
        None => Sheet::ALL.to_vec(),
    };
    // The header row: the first of the leading rows that names the most known columns.
    let mut best: Option<(usize, Sheet, usize)> = None;
    for (i, (_, cells)) in records.iter().enumerate() {
        for &sheet in &candidates {
            let score = header_score(sheet, cells);
            if score > 0 && best.is_none_or(|(_, _, b)| score > b) {
                best = Some((i, sheet, score));
            }
        }
    }
    let Some((hi, sheet, _)) = best else {
        let msg = match run.opts.entity {
            Some(s) => lang.f(K::ImpNoHeaders, &[&lang.t(s.entity())]),
            None => lang.t(K::ImpUnknownKind).to_string(),
        };
        run.problem(name, records.first().map(|r| r.0), None, msg);
        return None;
    };
    let (header_line, headers) = records[hi].clone();
    let mut cols = HashMap::new();
    let mut wan = false;
    let mut ok = true;
    for (i, h) in headers.iter().enumerate() {
        match meaning(sheet, h) {
            Meaning::Col(c) => {
                if let Some(&first) = cols.get(&c) {
                    let first_col = first + 1;
                    let msg = lang.f(K::ImpRepeatedColumn, &[&h.trim(), &first_col]);
                    run.problem(name, Some(header_line), Some(i + 1), msg);
                    ok = false;
                } else {
                    cols.insert(c, i);
                    if c == Col::Amount && h.contains('万') {
                        wan = true;
                    }
                }
            }
            Meaning::Skip => {}
            Meaning::Unknown => {
                let msg = lang.f(K::ImpIgnoredColumn, &[&h.trim()]);
                run.note(name, Some(header_line), Some(i + 1), msg);
            }
        }
    }
    for req in sheet.required() {
        if !cols.contains_key(req) {
            let l = label(sheet, *req).unwrap_or(K::FName);
            let msg = lang.f(K::ImpMissingColumn, &[&lang.t(l)]);
            run.problem(name, Some(header_line), None, msg);
            ok = false;
        }
    }
    let above = records[..=hi].iter().filter(|(_, c)| filled(c)).count();
    let rows = scan.filled - above as u64;
    let msg = lang.f(
        K::ImpFileRead,
        &[&encoding.name(), &lang.t(sheet.entity()), &rows],
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
        headers,
        cols,
        wan,
    };
    let body = Body {
        reader,
        encoding,
        bom,
        delimiter: scan.delimiter,
        header: hi,
        rows,
    };
    Some((file, body))
}

/// Whether a row has anything in it.
fn filled<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> bool {
    cells.into_iter().any(|c| !c.as_ref().trim().is_empty())
}

/// The records of the text after the byte-order mark, decoded as they are read.
fn records(
    reader: &mut Source,
    encoding: Encoding,
    bom: u64,
    delimiter: u8,
) -> io::Result<csv::Reader<Decoded<&mut Source>>> {
    reader.seek(SeekFrom::Start(bom))?;
    Ok(csv_reader(delimiter, Decoded::new(reader, encoding)))
}

fn csv_reader<R: Read>(delimiter: u8, text: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
}

/// The first pass: the whole file is decoded and parsed, so a bad byte or a broken record anywhere stops
/// the import before anything is written, but only the leading records are kept.
fn scan(reader: &mut Source, encoding: Encoding, bom: u64) -> std::result::Result<Scan, Stop> {
    let stop = |e: io::Error| {
        if is_bad_encoding(&e) {
            Stop::Encoding
        } else {
            Stop::Read(e.to_string())
        }
    };
    reader.seek(SeekFrom::Start(bom)).map_err(stop)?;
    let mut text = Decoded::new(&mut *reader, encoding);
    let delimiter = sniff_delimiter(text.head(HEADER_SEARCH).map_err(stop)?);
    let mut rdr = csv_reader(delimiter, text);
    let mut rec = StringRecord::new();
    let mut leading = Vec::new();
    let mut count = 0u64;
    loop {
        match next(&mut rdr, &mut rec) {
            Ok(None) => break,
            Ok(Some(line)) => {
                if leading.len() < HEADER_SEARCH {
                    leading.push((line, rec.iter().map(str::to_string).collect()));
                }
                if filled(&rec) {
                    count += 1;
                }
            }
            Err(Stop::Csv(e, line)) => {
                // A bad byte further on means the encoding was guessed wrong: that comes first.
                rdr.into_inner().check_rest().map_err(stop)?;
                return Err(Stop::Csv(e, line));
            }
            Err(other) => return Err(other),
        }
    }
    Ok(Scan {
        delimiter,
        leading,
        filled: count,
    })
}

/// Reads the next record into `rec`; its line, or `None` at the end.
fn next<R: std::io::BufRead>(
    rdr: &mut csv::Reader<Decoded<R>>,
    rec: &mut StringRecord,
) -> std::result::Result<Option<u64>, Stop> {
    match rdr.read_record(rec) {
        Ok(false) => Ok(None),
        Ok(true) => {
            let at = rec.position().map_or(0, csv::Position::byte);
            Ok(Some(rdr.get_mut().line_at(at)))
        }
        Err(e) => {
            let line = e.position().map(|p| rdr.get_mut().line_at(p.byte()));
            match e.kind() {
                csv::ErrorKind::Io(io) if is_bad_encoding(io) => Err(Stop::Encoding),
                // csv shows an I/O error as the error itself.
                csv::ErrorKind::Io(_) => Err(Stop::Read(e.to_string())),
                _ => Err(Stop::Csv(e, line)),
            }
        }
    }
}

/// Tab, semicolon or comma, whichever the first lines use most (Excel's "Unicode text" is tab-separated).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let count = |c: u8| head.iter().filter(|b| **b == c).count();
    let (tabs, commas, semis) = (count(b'\t'), count(b','), count(b';'));
    if tabs > 0 && tabs >= commas {
        b'\t'
    } else if commas == 0 && semis > 0 {
        b';'
    } else {
        b','
    }
}

/// How well a row reads as the header of `sheet`: distinct known columns, far more when every required
/// column is among them.
fn header_score(sheet: Sheet, cells: &[String]) -> usize {
    let mut found: Vec<Col> = cells
        .iter()
        .filter_map(|h| match meaning(sheet, h) {
            Meaning::Col(c) if c != Col::Id => Some(c),
            _ => None,
        })
        .collect();
    found.sort_by_key(|c| *c as usize);
    found.dedup();
    let complete = sheet.required().iter().all(|r| found.contains(r));
    found.len() + if complete { 100 } else { 0 }
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
        let mut row = Row::new(&mut *run, file, line, &rec);
        match file.sheet {
            Sheet::Units => unit_row(&mut row)?,
            Sheet::Cases => case_row(&mut row)?,
            Sheet::Suggestions => suggestion_row(&mut row)?,
        }
        if n.is_multiple_of(256) {
            tick(n);
        }
        n += 1;
    }
    tick(body.rows);
    Ok(())
}
