//! Workbooks out: the whole office as one `.xlsx` (a sheet per entity with the CSV export's columns, so it
//! imports back unchanged) and the suggestion ledger an office prints. Dates are real date cells, the header
//! row is frozen, columns are as wide as their Chinese text, and text is always written as text (a cell
//! starting with `=` stays a string, never a formula). Sheets are written in constant memory.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::sheets::{each_joined, table_keys, table_rows};
use super::{DataError, DataResult, Tick, counts};
use crate::domain::{State, Suggestion};
use crate::i18n::{K, Lang};
use crate::store::Entity;
use crate::store::Store;
use crate::store::record::Record;

/// Columns never get wider than this (in Excel's character units), so a long title wraps on screen instead
/// of pushing the sheet off it.
const MAX_WIDTH: usize = 60;

/// The header keys whose columns hold dates.
const DATE_KEYS: &[K] = &[
    K::FFiledOn,
    K::FProsecutedOn,
    K::FJudgedOn,
    K::FClosedOn,
    K::FDecidedOn,
    K::FIssuedOn,
    K::FServedOn,
    K::FReceivedOn,
    K::FRecordFiledOn,
    K::FStatedReplyDue,
    K::FRepliedOn,
    K::FRectifiedOn,
    K::FEvaluatedOn,
    K::FWithdrawnOn,
    K::FDate,
    K::FPlannedOn,
    K::FDoneOn,
    K::FPlanCheckOn,
    K::FMidyearCheckOn,
    K::FYearendCheckOn,
    K::LedReplyDue,
];

fn xlsx_err(e: XlsxError) -> DataError {
    DataError::Io(std::io::Error::other(e.to_string()))
}

/// Display width in Excel's units: a CJK character is two.
fn width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let (y, m, day) = (
        u16::try_from(d.year()).ok()?,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    );
    ExcelDateTime::from_ymd(y, m, day).ok()
}

/// One sheet being written: its row, formats and the widest cell of each column.
struct SheetWriter<'w> {
    ws: &'w mut Worksheet,
    row: u32,
    widths: Vec<usize>,
    dates: Vec<bool>,
    date_fmt: Format,
}

impl<'w> SheetWriter<'w> {
    fn new(
        ws: &'w mut Worksheet,
        name: &str,
        keys: &[K],
        lang: Lang,
        first_row: u32,
    ) -> DataResult<Self> {
        ws.set_name(name).map_err(xlsx_err)?;
        let bold = Format::new().set_bold().set_align(FormatAlign::Center);
        let mut widths = Vec::new();
        for (c, k) in keys.iter().enumerate() {
            let h = lang.t(*k);
            ws.write_string_with_format(first_row, col(c), h, &bold)
                .map_err(xlsx_err)?;
            widths.push(width(h));
        }
        ws.set_freeze_panes(first_row + 1, 0).map_err(xlsx_err)?;
        Ok(SheetWriter {
            ws,
            row: first_row + 1,
            widths,
            dates: keys.iter().map(|k| DATE_KEYS.contains(k)).collect(),
            date_fmt: Format::new().set_num_format("yyyy-mm-dd"),
        })
    }

    /// Writes one row; `fmt` (overdue rows of the ledger) applies to every cell.
    fn write(&mut self, cells: &[Cell], fmt: Option<&Format>) -> DataResult<()> {
        for (c, cell) in cells.iter().enumerate() {
            let at = col(c);
            let w = match cell {
                Cell::Empty => 0,
                Cell::Number(n) => {
                    match fmt {
                        Some(f) => self.ws.write_number_with_format(self.row, at, *n, f),
                        None => self.ws.write_number(self.row, at, *n),
                    }
                    .map_err(xlsx_err)?;
                    n.to_string().len()
                }
                Cell::Date(d) => {
                    let Some(x) = excel_date(*d) else {
                        continue;
                    };
                    let f = match fmt {
                        Some(f) => f.clone().set_num_format("yyyy-mm-dd"),
                        None => self.date_fmt.clone(),
                    };
                    self.ws
                        .write_datetime_with_format(self.row, at, x, &f)
                        .map_err(xlsx_err)?;
                    10
                }
                Cell::Text(s) => {
                    // Always a string cell: a value starting with `=` is text someone typed.
                    match fmt {
                        Some(f) => self.ws.write_string_with_format(self.row, at, s, f),
                        None => self.ws.write_string(self.row, at, s),
                    }
                    .map_err(xlsx_err)?;
                    width(s)
                }
            };
            if let Some(m) = self.widths.get_mut(c) {
                *m = (*m).max(w);
            }
        }
        self.row += 1;
        Ok(())
    }

    /// A row of the entity export: dates in date columns, the id as a number, the rest as text.
    fn write_texts(&mut self, cells: Vec<String>) -> DataResult<()> {
        let cells: Vec<Cell> = cells
            .into_iter()
            .enumerate()
            .map(|(c, s)| {
                if s.is_empty() {
                    Cell::Empty
                } else if self.dates.get(c) == Some(&true)
                    && let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                {
                    Cell::Date(d)
                } else if c == 0
                    && let Ok(n) = s.parse::<i64>()
                {
                    Cell::Number(n as f64)
                } else {
                    Cell::Text(s)
                }
            })
            .collect();
        self.write(&cells, None)
    }

    fn finish(self) -> DataResult<()> {
        for (c, w) in self.widths.iter().enumerate() {
            let w = (w + 2).clamp(6, MAX_WIDTH);
            self.ws
                .set_column_width(col(c), w as f64)
                .map_err(xlsx_err)?;
        }
        Ok(())
    }
}

enum Cell {
    Empty,
    Text(String),
    Date(NaiveDate),
    Number(f64),
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Saves through a `.part` file renamed at the end, so a failed export never leaves a half file under the
/// real name.
fn save(wb: &mut Workbook, path: &Path) -> DataResult<()> {
    let cannot =
        |e: &dyn std::fmt::Display| DataError::refused(K::DataCannotWrite, &[&path.display(), e]);
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.part"));
    if let Err(e) = wb.save(&tmp) {
        let _ = std::fs::remove_file(&tmp);
        return Err(cannot(&e));
    }
    std::fs::rename(&tmp, path).map_err(|e| cannot(&e))
}

/// The whole office as one workbook: a sheet per entity, named in the UI language. Returns the rows written.
pub fn export_xlsx(store: &Store, path: &Path, lang: Lang, tick: Tick<'_>) -> DataResult<u64> {
    let total: u64 = counts(store)?.iter().map(|(_, n)| n).sum();
    let mut wb = Workbook::new();
    let mut done = 0u64;
    for e in Entity::ALL {
        let (table, entity) = (e.table(), e.key());
        let keys = table_keys(table);
        let ws = wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
        let mut w = SheetWriter::new(ws, lang.t(entity), &keys, lang, 0)?;
        table_rows(store, table, lang, &mut |cells| {
            w.write_texts(cells)?;
            done += 1;
            if done.is_multiple_of(1024) {
                tick(done, total);
            }
            Ok(())
        })?;
        w.finish()?;
    }
    save(&mut wb, path)?;
    tick(total, total);
    Ok(done)
}

/// The suggestion ledger an office prints, in the UI language: number, title, recipient, dates, the reply
/// deadline, the state and days overdue as the domain's rules give them on the store's today; overdue rows
/// bold red and marked `!` (never colour alone). Returns the rows written.
pub fn export_ledger(store: &Store, path: &Path, lang: Lang, tick: Tick<'_>) -> DataResult<u64> {
    let keys = [
        K::LedMark,
        K::FDocNo,
        K::FTitle,
        K::FRecipient,
        K::FIssuedOn,
        K::FServedOn,
        K::FReceivedOn,
        K::LedReplyDue,
        K::FRepliedOn,
        K::LedState,
        K::LedDaysOverdue,
    ];
    let total: u64 = store
        .conn
        .query_row("SELECT count(*) FROM suggestions", [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n.max(0) as u64)?;
    let (rules, today) = (&store.rules, store.today);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
    let title = lang.f(K::LedTitle, &[&today]);
    ws.write_string_with_format(0, 0, &title, &Format::new().set_bold().set_font_size(14))
        .map_err(xlsx_err)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(1, 1).map_err(xlsx_err)?;
    let mut w = SheetWriter::new(ws, lang.t(K::LedSheet), &keys, lang, 1)?;
    let overdue = Format::new()
        .set_bold()
        .set_font_color(rust_xlsxwriter::Color::RGB(0xC0_0000));
    let sql = format!(
        "SELECT {}, units.name FROM suggestions JOIN units ON units.id = suggestions.recipient_id \
         ORDER BY suggestions.issued_on IS NULL, suggestions.issued_on, suggestions.id",
        Suggestion::select_list()
    );
    let mut n = 0u64;
    each_joined(&store.conn, &sql, |s: Suggestion, rest| {
        let recipient = rest.into_iter().next().flatten().unwrap_or_default();
        let due = s.deadlines(rules).reply.map(|d| d.date);
        let state = s.state(due, today, rules);
        let late = match state {
            State::Overdue { days_overdue } => Some(days_overdue),
            _ => None,
        };
        let date = |d: Option<NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
        let cells = [
            late.map_or(Cell::Empty, |_| Cell::Text("!".into())),
            s.doc_no.clone().map_or(Cell::Empty, Cell::Text),
            Cell::Text(s.title.clone()),
            Cell::Text(recipient),
            date(s.issued_on),
            date(s.served_on),
            date(s.received_on),
            // The deadline only where a reply clock runs or ran.
            date(due.filter(|_| s.received_on.is_some() || s.stated_reply_due.is_some())),
            date(s.replied_on),
            Cell::Text(state.label(lang).to_string()),
            late.map_or(Cell::Empty, |d| Cell::Number(d as f64)),
        ];
        w.write(&cells, late.is_some().then_some(&overdue))?;
        n += 1;
        if n.is_multiple_of(1024) {
            tick(n, total);
        }
        Ok(())
    })?;
    w.finish()?;
    save(&mut wb, path)?;
    tick(total, total);
    Ok(n)
}
