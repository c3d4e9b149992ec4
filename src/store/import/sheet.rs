//! Spreadsheets (CSV/TSV) of units, cases or suggestions as offices keep them: any encoding Excel or WPS
//! writes, a title row above the headers, headers in either language and any order, loose dates, labels
//! instead of codes, units by name.

use std::collections::HashMap;

use super::Run;
use super::cell::Row;
use super::columns::{Col, Meaning, Sheet, label, meaning};
use super::rows::{case_row, suggestion_row, unit_row};
use super::values::decode;
use crate::i18n::K;
use crate::store::error::Result;

/// A decoded spreadsheet whose header row has been found.
pub(crate) struct SheetFile {
    pub name: String,
    pub sheet: Sheet,
    /// Header text of each column, as written in the file.
    pub headers: Vec<String>,
    /// Where each known column is (0-based field index).
    pub cols: HashMap<Col, usize>,
    /// Amounts are in 万元 (the header says so).
    pub wan: bool,
    /// Data rows with their 1-based line numbers; empty rows are left out.
    pub rows: Vec<(u64, Vec<String>)>,
}

/// How many leading rows may sit above the header (a title, a date line).
const HEADER_SEARCH: usize = 10;

/// Decodes and parses a spreadsheet and finds its header row and kind. Problems (unreadable encoding,
/// unknown kind, a missing required column, a repeated column) go to the report and give `None`.
pub(crate) fn load(run: &mut Run<'_>, name: &str, bytes: &[u8]) -> Option<SheetFile> {
    let lang = run.lang();
    let Some((text, encoding)) = decode(bytes) else {
        run.problem(name, None, None, lang.t(K::ImpBadEncoding).to_string());
        return None;
    };
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records: Vec<(u64, Vec<String>)> = Vec::new();
    let mut lines = LineCounter::new(&text);
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| lines.line_at(p.byte()));
                records.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map(|p| lines.line_at(p.byte()));
                run.problem(name, line, None, lang.f(K::ImpBadCsv, &[&e]));
                return None;
            }
        }
    }
    let candidates: Vec<Sheet> = match run.opts.entity {
        Some(s) => vec![s],
        None => Sheet::ALL.to_vec(),
    };
    // The header row: the first of the leading rows that names the most known columns.
    let mut best: Option<(usize, Sheet, usize)> = None;
    for (i, (_, cells)) in records.iter().enumerate().take(HEADER_SEARCH) {
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
    let rows: Vec<(u64, Vec<String>)> = records
        .into_iter()
        .skip(hi + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let msg = lang.f(
        K::ImpFileRead,
        &[&encoding.name(), &lang.t(sheet.entity()), &rows.len()],
    );
    run.note(name, None, None, msg);
    ok.then_some(SheetFile {
        name: name.to_string(),
        sheet,
        headers,
        cols,
        wan,
        rows,
    })
}

/// Line numbers of record starts. The csv reader's own line count lags by one after a CRLF line end (it
/// places a record's start before the `\n`), so lines are counted here from byte offsets.
struct LineCounter<'t> {
    text: &'t [u8],
    pos: usize,
    newlines: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            pos: 0,
            newlines: 0,
        }
    }

    /// The 1-based line of the first character of a record starting at byte `at` (offsets only grow).
    fn line_at(&mut self, at: u64) -> u64 {
        let at = usize::try_from(at)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if at > self.pos {
            self.newlines += self.text[self.pos..at]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.pos = at;
        }
        let skipped = self.text[self.pos..]
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.newlines + skipped + 1
    }
}

/// Tab, semicolon or comma, whichever the first lines use most (Excel's "Unicode text" is tab-separated).
fn sniff_delimiter(text: &str) -> u8 {
    let head: String = text
        .lines()
        .take(HEADER_SEARCH)
        .collect::<Vec<_>>()
        .join("\n");
    let count = |c: char| head.matches(c).count();
    let (tabs, commas, semis) = (count('\t'), count(','), count(';'));
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

/// Imports the rows of one spreadsheet inside the run's transaction.
pub(crate) fn import_sheet(
    run: &mut Run<'_>,
    file: &SheetFile,
    tick: &mut dyn FnMut(u64),
) -> Result<()> {
    for (n, (line, cells)) in file.rows.iter().enumerate() {
        let mut row = Row::new(&mut *run, file, *line, cells);
        match file.sheet {
            Sheet::Units => unit_row(&mut row)?,
            Sheet::Cases => case_row(&mut row)?,
            Sheet::Suggestions => suggestion_row(&mut row)?,
        }
        if n % 256 == 0 {
            tick(n as u64);
        }
    }
    tick(file.rows.len() as u64);
    Ok(())
}
