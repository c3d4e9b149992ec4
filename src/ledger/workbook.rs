//! Workbooks as offices keep them (`.xlsx`, `.xlsm`, `.xls`, `.ods`), read with calamine one sheet at a time
//! and handed on as rows of text, the way the CSV path sees them: date cells as ISO dates (either date
//! base), whole numbers without `.0`, formula cells by their cached value. An `.xlsx` sheet streams: its
//! rows are never all in memory.

use std::io::{BufRead, Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx};

/// More columns than any ledger has: a sheet this wide is refused rather than read into memory.
pub const MAX_COLUMNS: usize = 1024;

/// Excel's own limit on the characters in a cell; a longer cell is refused.
pub const MAX_CELL_CHARS: usize = 32_767;

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A zip: `.xlsx` / `.xlsm`, or `.ods` when its first entry says so.
    Xlsx,
    Ods,
    /// An OLE compound file: `.xls`, or an Office file encrypted with a password.
    Xls,
}

impl Format {
    pub fn of(head: &[u8]) -> Option<Format> {
        if head.starts_with(b"PK\x03\x04") {
            // ODF puts an uncompressed `mimetype` entry first (ISO/IEC 26300, 3.3).
            let ods = head.len() > 38
                && &head[30..38] == b"mimetype"
                && head[38..].windows(11).any(|w| w == b"opendocumen");
            Some(if ods { Format::Ods } else { Format::Xlsx })
        } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            Some(Format::Xls)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel (.xlsx)",
            Format::Ods => "OpenDocument (.ods)",
            Format::Xls => "Excel 97-2003 (.xls)",
        }
    }
}

/// Why a workbook cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BookError {
    Encrypted,
    /// The reader's own words.
    Unreadable(String),
}

/// An open workbook.
pub enum Book<RS: Read + Seek> {
    Xlsx(Xlsx<RS>),
    Xls(Xls<RS>),
    Ods(Ods<RS>),
}

/// One row of a sheet: its 1-based number, its cells as text (index = column, A = 0), and what could not
/// be read as text.
#[derive(Clone, Debug, Default)]
pub struct BookRow {
    pub number: u64,
    pub cells: Vec<String>,
    /// Cells that show an error (`#DIV/0!`, `#N/A` …), by column.
    pub errors: Vec<(usize, String)>,
    /// Cells longer than [`MAX_CELL_CHARS`], by column, with their length.
    pub too_long: Vec<(usize, usize)>,
    /// One past the last column that had anything, when it is beyond [`MAX_COLUMNS`] (those cells are
    /// dropped).
    pub too_wide: Option<usize>,
}

impl BookRow {
    fn put(&mut self, col: usize, value: Cell) {
        if col >= MAX_COLUMNS {
            self.too_wide = Some(self.too_wide.unwrap_or(0).max(col + 1));
            return;
        }
        let text = match value {
            Cell::Empty => return,
            Cell::Text(t) => t,
            Cell::Error(e) => {
                self.errors.push((col, e));
                return;
            }
        };
        let chars = text.chars().count();
        if chars > MAX_CELL_CHARS {
            self.too_long.push((col, chars));
            return;
        }
        if self.cells.len() <= col {
            self.cells.resize(col + 1, String::new());
        }
        self.cells[col] = text;
    }

    fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
            && self.errors.is_empty()
            && self.too_long.is_empty()
            && self.too_wide.is_none()
    }
}

enum Cell {
    Empty,
    Text(String),
    Error(String),
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

fn date_time(dt: &calamine::ExcelDateTime) -> String {
    if !dt.is_datetime() {
        return number(dt.as_f64());
    }
    match dt.as_datetime() {
        Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
        Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => number(dt.as_f64()),
    }
}

fn bool_text(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

fn cell_ref(v: DataRef<'_>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Text(i.to_string()),
        DataRef::Float(f) => Cell::Text(number(f)),
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Bool(b) => Cell::Text(bool_text(b)),
        DataRef::DateTime(dt) => Cell::Text(date_time(&dt)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn cell(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Text(i.to_string()),
        Data::Float(f) => Cell::Text(number(*f)),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(bool_text(*b)),
        Data::DateTime(dt) => Cell::Text(date_time(dt)),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Runs a reader call, turning a panic inside the reader (a malformed file it did not expect) into an error.
fn guarded<T>(f: impl FnOnce() -> Result<T, BookError>) -> Result<T, BookError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(BookError::Unreadable(
            "the file's structure is damaged".into(),
        ))
    })
}

impl<RS: BufRead + Read + Seek> Book<RS> {
    /// Opens a workbook of a format [`Format::of`] found.
    pub fn open(format: Format, mut rs: RS) -> Result<Book<RS>, BookError> {
        guarded(|| match format {
            Format::Xlsx => Xlsx::new(rs)
                .map(Book::Xlsx)
                .map_err(|e| BookError::Unreadable(e.to_string())),
            Format::Ods => Ods::new(rs)
                .map(Book::Ods)
                .map_err(|e| BookError::Unreadable(e.to_string())),
            Format::Xls => {
                let encrypted = ole_has_stream(&mut rs, "EncryptionInfo");
                match Xls::new(rs) {
                    Ok(b) => Ok(Book::Xls(b)),
                    Err(calamine::XlsError::Password) => Err(BookError::Encrypted),
                    Err(_) if encrypted => Err(BookError::Encrypted),
                    Err(e) => Err(BookError::Unreadable(e.to_string())),
                }
            }
        })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    /// Calls `f` with each row of `sheet` that has anything in it, in order, until it returns false.
    pub fn rows(
        &mut self,
        sheet: &str,
        mut f: impl FnMut(BookRow) -> bool,
    ) -> Result<(), BookError> {
        let unreadable = |e: &dyn std::fmt::Display| BookError::Unreadable(e.to_string());
        guarded(|| match self {
            Book::Xlsx(b) => {
                let mut cells = b
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| unreadable(&e))?;
                let mut row = BookRow::default();
                while let Some(c) = cells.next_cell().map_err(|e| unreadable(&e))? {
                    let (r, col) = c.get_position();
                    let number = u64::from(r) + 1;
                    if number != row.number {
                        let done = std::mem::take(&mut row);
                        if !done.is_empty() && !f(done) {
                            return Ok(());
                        }
                        row.number = number;
                    }
                    row.put(col as usize, cell_ref(c.get_value().clone()));
                }
                if !row.is_empty() {
                    f(row);
                }
                Ok(())
            }
            Book::Xls(b) => {
                let range = b.worksheet_range(sheet).map_err(|e| unreadable(&e))?;
                each_row(&range, f);
                Ok(())
            }
            Book::Ods(b) => {
                let range = b.worksheet_range(sheet).map_err(|e| unreadable(&e))?;
                each_row(&range, f);
                Ok(())
            }
        })
    }
}

fn each_row(range: &calamine::Range<Data>, mut f: impl FnMut(BookRow) -> bool) {
    let (top, left) = range.start().unwrap_or((0, 0));
    for (i, cells) in range.rows().enumerate() {
        let mut row = BookRow {
            number: u64::from(top) + i as u64 + 1,
            ..BookRow::default()
        };
        for (j, v) in cells.iter().enumerate() {
            row.put(left as usize + j, cell(v));
        }
        if !row.is_empty() && !f(row) {
            return;
        }
    }
}

/// Whether an OLE compound file names a stream `name` in its directory (an encrypted `.xlsx` is such a file
/// with an `EncryptionInfo` stream). A look at the raw bytes: the names are UTF-16 in the directory sectors.
fn ole_has_stream<R: Read + Seek>(rs: &mut R, name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut buf = Vec::new();
    let ok = rs.seek(std::io::SeekFrom::Start(0)).is_ok()
        && rs.by_ref().take(4 << 20).read_to_end(&mut buf).is_ok()
        && rs.seek(std::io::SeekFrom::Start(0)).is_ok();
    ok && buf.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_formats() {
        assert_eq!(number(12345.0), "12345");
        assert_eq!(number(12345.67), "12345.67");
        assert_eq!(number(13812345678.0), "13812345678");
        assert_eq!(Format::of(b"PK\x03\x04rest"), Some(Format::Xlsx));
        assert_eq!(Format::of(b"\xEF\xBB\xBF\xE5\xBA"), None);
        let dt =
            calamine::ExcelDateTime::new(45721.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date_time(&dt), "2025-03-05");
        let dt = calamine::ExcelDateTime::new(44259.0, calamine::ExcelDateTimeType::DateTime, true);
        assert_eq!(date_time(&dt), "2025-03-05");
    }
}
