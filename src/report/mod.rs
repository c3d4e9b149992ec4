//! The annual prevention report (`yufang report`): one document model built from the year in view, written
//! in each format by its own file (md, html, docx, csv, xlsx; json carries the same figures for scripts).
//!
//! Every writer renders the same [`Doc`], so a figure can never differ between formats; the tests check each
//! against `report --format json`.

mod build;
pub mod csv;
pub mod docx;
pub mod html;
pub mod json;
pub mod md;
pub mod rollup;
pub mod tables;
pub mod xlsx;

pub use build::build;
pub use tables::code_label;

use crate::domain::stats::Rate;
use crate::i18n::Lang;

/// One cell of a statistic table: writers that can keep a number (xlsx, json) keep it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A rate: xlsx writes numerator, denominator and percent as three numbers.
    Rate(Rate),
    /// Days (one decimal), `—` when there is none.
    Days(Option<f64>),
    /// Money in fen, shown in yuan.
    Yuan(i64),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Rate(r) => r.text(),
            Cell::Days(d) => crate::domain::stats::days_text(*d),
            Cell::Yuan(f) => crate::domain::case::format_yuan(*f),
        }
    }
    /// Right-aligned in tables (numbers), as opposed to names.
    pub fn is_number(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}
impl From<Rate> for Cell {
    fn from(r: Rate) -> Cell {
        Cell::Rate(r)
    }
}

/// A statistic table: a title, a header row and rows. `sheet` names it in a workbook (short, unique).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A bar chart (html draws it as inline SVG; the other formats carry its table).
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    /// Names of the bars in each group (e.g. issued, replied); one colour each.
    pub series: Vec<String>,
    pub bars: Vec<(String, Vec<i64>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Para(String),
    List(Vec<String>),
    Table(Table),
    Chart(Chart),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// The whole report: office name, title, the lines under the title, the sections.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub lang: Lang,
    pub office: String,
    pub title: String,
    pub meta: Vec<String>,
    pub sections: Vec<Section>,
}

impl Doc {
    /// Every table of the report, in order (csv and xlsx carry these).
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
        })
    }
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Md,
    Html,
    Docx,
    Csv,
    Xlsx,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Md),
            "html" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
    /// Binary formats are never written to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Xlsx)
    }
}

/// A writer's failure (the docx and xlsx crates), already worded.
#[derive(Debug)]
pub struct WriteError(pub String);

/// Writes `doc` in `format` (json is written from the figures, see [`json`]).
pub fn render(doc: &Doc, format: Format) -> Result<Vec<u8>, WriteError> {
    match format {
        Format::Md => Ok(md::render(doc).into_bytes()),
        Format::Html => Ok(html::render(doc).into_bytes()),
        Format::Csv => Ok(csv::render(doc)),
        Format::Docx => docx::render(doc),
        Format::Xlsx => xlsx::render(doc),
        Format::Json => Err(WriteError("json is written from the figures".into())),
    }
}
