//! Finding a sheet's header row among its leading rows and what each column means.

use std::collections::HashMap;

use super::columns::{Col, Meaning, Sheet, meaning};

/// How many leading rows may sit above the header (a title, a date line).
pub const HEADER_SEARCH: usize = 10;

/// How many data rows below the header are looked at to tell what a column holds.
pub const SAMPLE_ROWS: usize = 200;

/// How the columns of a sheet were understood.
#[derive(Clone, Debug)]
pub struct Layout {
    pub sheet: Sheet,
    /// Index of the header among the leading rows.
    pub header: usize,
    /// Header text of each column, as written in the file.
    pub headers: Vec<String>,
    /// Where each known column is (0-based field index).
    pub cols: HashMap<Col, usize>,
    /// Amounts are in 万元 (the header says so).
    pub wan: bool,
}

/// Something to tell about a column; `at` is the 0-based field index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnNote {
    /// A second column meaning the same field as the one at `first`: the sheet cannot be read.
    Repeated { at: usize, first: usize },
    /// A header nothing matches: the column is passed over.
    Ignored { at: usize },
    /// A column the sheet cannot do without is missing.
    Missing(Col),
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

/// The header row: the first of the leading rows that names the most known columns of one of `candidates`.
pub fn find_header(candidates: &[Sheet], leading: &[Vec<String>]) -> Option<(usize, Sheet)> {
    let mut best: Option<(usize, Sheet, usize)> = None;
    for (i, cells) in leading.iter().take(HEADER_SEARCH).enumerate() {
        for &sheet in candidates {
            let score = header_score(sheet, cells);
            if score > 0 && best.is_none_or(|(_, _, b)| score > b) {
                best = Some((i, sheet, score));
            }
        }
    }
    best.map(|(i, s, _)| (i, s))
}

/// What each column of the header row at `header` means; the notes say what could not be placed. The
/// layout is readable only when no note is `Repeated` or `Missing`.
pub fn layout(sheet: Sheet, leading: &[Vec<String>], header: usize) -> (Layout, Vec<ColumnNote>) {
    let headers = leading.get(header).cloned().unwrap_or_default();
    let mut cols = HashMap::new();
    let mut wan = false;
    let mut notes = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match meaning(sheet, h) {
            Meaning::Col(c) => {
                if let Some(&first) = cols.get(&c) {
                    notes.push(ColumnNote::Repeated { at: i, first });
                } else {
                    cols.insert(c, i);
                    if c == Col::Amount && h.contains('万') {
                        wan = true;
                    }
                }
            }
            Meaning::Skip => {}
            Meaning::Unknown => notes.push(ColumnNote::Ignored { at: i }),
        }
    }
    for req in sheet.required() {
        if !cols.contains_key(req) {
            notes.push(ColumnNote::Missing(*req));
        }
    }
    let layout = Layout {
        sheet,
        header,
        headers,
        cols,
        wan,
    };
    (layout, notes)
}

impl ColumnNote {
    /// Whether the sheet cannot be imported with this.
    pub fn is_problem(&self) -> bool {
        !matches!(self, ColumnNote::Ignored { .. })
    }
}
