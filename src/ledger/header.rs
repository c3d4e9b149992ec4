//! Finding a sheet's header row among its leading rows and what each column means.

use std::collections::HashMap;

use super::columns::{Col, Meaning, Sheet, meaning};
use super::mapping::Mapping;
use super::spell::{Vocabulary, vocabulary};
use crate::domain::DocNo;

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
    /// A second column meaning the same field: it fills the first one's empty cells and must agree with it.
    pub also: HashMap<Col, usize>,
    /// Amounts are in 万元 (the header says so).
    pub wan: bool,
}

/// Something to tell about a column; `at` is the 0-based field index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnNote {
    /// A second column meaning the same field as the one at `first`.
    Same { at: usize, first: usize, col: Col },
    /// The column's values, not its header, said what it is (`sample` is one of them).
    ByValues { at: usize, col: Col, sample: String },
    /// A header nothing matches: the column is passed over.
    Ignored { at: usize },
    /// A column the sheet cannot do without is missing.
    Missing(Col),
}

/// The columns a vocabulary of values belongs to, and those whose header may be overruled by their values.
fn vocabulary_col(v: Vocabulary) -> Col {
    match v {
        Vocabulary::LegalType => Col::LegalType,
        Vocabulary::Category => Col::Category,
        Vocabulary::ServiceMethod => Col::ServiceMethod,
        Vocabulary::Adoption => Col::Adoption,
        Vocabulary::Rectification => Col::Rectification,
        Vocabulary::ReplyState => Col::ReplyState,
    }
}

const OVERRULED: &[Col] = &[
    Col::LegalType,
    Col::Category,
    Col::ServiceMethod,
    Col::Adoption,
    Col::Rectification,
    Col::ReplySummary,
    Col::ReplyState,
];

/// Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA.
pub fn column_letters(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
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

/// What each column of the header row at `header` means, from its header and, for the columns of a closed
/// vocabulary, from the values in the rows below it; the notes say what was decided and what could not be
/// placed. The layout is readable unless a note `is_problem`.
pub fn layout(
    sheet: Sheet,
    leading: &[Vec<String>],
    header: usize,
    mapping: Option<&Mapping>,
) -> (Layout, Vec<ColumnNote>) {
    let headers = leading.get(header).cloned().unwrap_or_default();
    let below = leading.get(header + 1..).unwrap_or_default();
    let mut cols = HashMap::new();
    let mut also = HashMap::new();
    let mut wan = false;
    let mut notes = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        // A saved mapping is the user's own word: neither the header nor the values overrule it.
        if let Some(m) = mapping.and_then(|m| m.meaning(sheet, h)) {
            match m {
                Meaning::Col(c) if !cols.contains_key(&c) => {
                    cols.insert(c, i);
                }
                Meaning::Col(_) | Meaning::Unknown => notes.push(ColumnNote::Ignored { at: i }),
                Meaning::Skip => {}
            }
            continue;
        }
        let mut m = meaning(sheet, h);
        // 编号 is often the document number, not a row number: its values tell.
        if sheet == Sheet::Suggestions && m == Meaning::Col(Col::Id) {
            let mut values = below
                .iter()
                .filter_map(|r| r.get(i))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .peekable();
            if values.peek().is_some() && values.all(|v| DocNo::parse(v).is_some()) {
                let sample = below
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|v| v.trim())
                    .find(|v| !v.is_empty());
                notes.push(ColumnNote::ByValues {
                    at: i,
                    col: Col::DocNo,
                    sample: sample.unwrap_or_default().to_string(),
                });
                m = Meaning::Col(Col::DocNo);
            }
        }
        if sheet == Sheet::Suggestions {
            let overrulable = match m {
                Meaning::Col(c) => OVERRULED.contains(&c),
                Meaning::Unknown => true,
                Meaning::Skip => false,
            };
            let values = || below.iter().filter_map(|r| r.get(i)).map(String::as_str);
            if let Some(col) = overrulable
                .then(|| vocabulary(values()))
                .flatten()
                .map(vocabulary_col)
                .filter(|c| m != Meaning::Col(*c))
            {
                let sample = values().map(str::trim).find(|v| !v.is_empty());
                notes.push(ColumnNote::ByValues {
                    at: i,
                    col,
                    sample: sample.unwrap_or_default().to_string(),
                });
                m = Meaning::Col(col);
            }
        }
        match m {
            Meaning::Col(c) => {
                if let Some(&first) = cols.get(&c) {
                    if let std::collections::hash_map::Entry::Vacant(e) = also.entry(c) {
                        e.insert(i);
                        notes.push(ColumnNote::Same {
                            at: i,
                            first,
                            col: c,
                        });
                    } else {
                        notes.push(ColumnNote::Ignored { at: i });
                    }
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
        also,
        wan,
    };
    (layout, notes)
}

impl Layout {
    /// The mapping this layout amounts to: each header and the field it was read as, or skip.
    pub fn mapping(&self) -> Mapping {
        let mut m = Mapping::default();
        for (i, h) in self.headers.iter().enumerate() {
            let col = self
                .cols
                .iter()
                .chain(&self.also)
                .find(|(_, at)| **at == i)
                .map(|(c, _)| *c);
            m.set(self.sheet, h, col);
        }
        m
    }
}

impl ColumnNote {
    /// Whether the sheet cannot be imported with this.
    pub fn is_problem(&self) -> bool {
        matches!(self, ColumnNote::Missing(_))
    }
}

/// Lines offices put below a ledger's records: who made it, who checked it, totals. Matched at the start of
/// the row's first filled cell.
const FOOTERS: &[&str] = &[
    "制表人",
    "制表",
    "填表人",
    "填报人",
    "审核人",
    "审核",
    "负责人",
    "统计人",
    "合计",
    "总计",
    "小计",
    "共计",
    "制表日期",
    "填报日期",
    "填表日期",
];

/// The first filled cell of a row that is a signature or total line, not a record.
pub fn footer<S: AsRef<str>>(cells: &[S]) -> Option<&str> {
    let first = cells
        .iter()
        .map(|c| c.as_ref().trim())
        .find(|c| !c.is_empty())?;
    let bare: String = first.chars().filter(|c| !c.is_whitespace()).collect();
    FOOTERS.iter().any(|f| bare.starts_with(f)).then_some(first)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rows(rs: &[&[&str]]) -> Vec<Vec<String>> {
        rs.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn legal_type_and_category_side_by_side() {
        let leading = rows(&[
            &["某县人民检察院检察建议台账", "", "", "", ""],
            &["序号", "建议类型", "类别", "被建议单位", "建议标题"],
            &["1", "社会治理检察建议", "个案", "县财政局", "甲"],
            &["2", "公益诉讼检察建议", "类案", "县林业局", "乙"],
        ]);
        let (hi, sheet) = find_header(&Sheet::ALL, &leading).unwrap();
        assert_eq!((hi, sheet), (1, Sheet::Suggestions));
        let (l, notes) = layout(sheet, &leading, hi, None);
        assert_eq!(l.cols[&Col::LegalType], 1);
        assert_eq!(l.cols[&Col::Category], 2);
        assert!(notes.iter().all(|n| !n.is_problem()), "{notes:?}");
    }

    #[test]
    fn values_overrule_the_header_and_two_columns_of_one_field_are_noted() {
        let leading = rows(&[
            &[
                "建议标题",
                "被建议单位",
                "类别",
                "性质",
                "建议类别",
                "回复情况",
            ],
            &["甲", "县财政局", "社会治理", "个案", "个案", "已回复"],
            &["乙", "县林业局", "公益诉讼", "类案", "", "逾期未回复"],
        ]);
        let (l, notes) = layout(Sheet::Suggestions, &leading, 0, None);
        assert_eq!(l.cols[&Col::LegalType], 2);
        assert_eq!(l.cols[&Col::Category], 3);
        assert_eq!(l.also[&Col::Category], 4);
        assert_eq!(l.cols[&Col::ReplyState], 5);
        assert!(notes.contains(&ColumnNote::Same {
            at: 4,
            first: 3,
            col: Col::Category
        }));
        assert!(notes.iter().any(|n| matches!(
            n,
            ColumnNote::ByValues {
                at: 2,
                col: Col::LegalType,
                ..
            }
        )));
        assert!(notes.iter().all(|n| !n.is_problem()));
    }

    #[test]
    fn a_numbered_column_of_document_numbers_is_the_document_number() {
        let leading = rows(&[
            &["编号", "建议名称", "被建议单位"],
            &["X检建〔2025〕1号", "甲", "县财政局"],
        ]);
        let (l, notes) = layout(Sheet::Suggestions, &leading, 0, None);
        assert_eq!(l.cols[&Col::DocNo], 0);
        assert_eq!(l.cols[&Col::Title], 1);
        assert!(!l.cols.contains_key(&Col::Id));
        assert!(notes.iter().all(|n| !n.is_problem()));
        let leading = rows(&[
            &["编号", "建议名称", "被建议单位"],
            &["7", "甲", "县财政局"],
        ]);
        let (l, _) = layout(Sheet::Suggestions, &leading, 0, None);
        assert_eq!(l.cols[&Col::Id], 0);
    }

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }
}
