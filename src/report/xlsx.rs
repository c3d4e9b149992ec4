//! The statistic tables as a workbook: one sheet per table, the header in the first row (frozen), real
//! numbers in number cells. A rate takes three columns (numerator, denominator, percent) so a reader can
//! sum and check it; days and yuan are numbers too.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{Cell, Doc, Table, WriteError};
use crate::i18n::{K, Lang};

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
fn sheet_name(t: &Table, used: &mut Vec<String>) -> String {
    let clean: String = t
        .sheet
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(28)
        .collect();
    let mut name = clean.trim().to_string();
    if name.is_empty() {
        name = "Sheet".to_string();
    }
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{} {n}", clean.trim());
        n += 1;
    }
    used.push(name.clone());
    name
}

fn write_table(wb: &mut Workbook, t: &Table, name: &str, lang: Lang) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let pct = Format::new().set_num_format("0.00");
    let one = Format::new().set_num_format("0.0");
    let money = Format::new().set_num_format("#,##0.00");
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let rate_col: Vec<bool> = (0..t.header.len())
        .map(|i| {
            t.rows
                .iter()
                .any(|r| matches!(r.get(i), Some(Cell::Rate(_))))
        })
        .collect();
    let mut col: u16 = 0;
    for (i, h) in t.header.iter().enumerate() {
        if rate_col[i] {
            for k in [K::RpXlsNum, K::RpXlsDen, K::RpXlsPct] {
                ws.write_string_with_format(0, col, lang.f(k, &[h]), &bold)?;
                ws.set_column_width(col, 12)?;
                col += 1;
            }
        } else {
            ws.write_string_with_format(0, col, h, &bold)?;
            ws.set_column_width(col, if i == 0 { 28 } else { 14 })?;
            col += 1;
        }
    }
    for (ri, r) in t.rows.iter().enumerate() {
        let row = u32::try_from(ri + 1).unwrap_or(u32::MAX);
        let mut col: u16 = 0;
        for (i, c) in r.iter().enumerate() {
            let is_rate_col = rate_col.get(i).copied().unwrap_or(false);
            match c {
                Cell::Rate(rate) => {
                    ws.write_number(row, col, rate.num as f64)?;
                    ws.write_number(row, col + 1, rate.den as f64)?;
                    if let Some(p) = rate.percent() {
                        ws.write_number_with_format(row, col + 2, p, &pct)?;
                    }
                    col += 3;
                    continue;
                }
                Cell::Int(n) => {
                    ws.write_number(row, col, *n as f64)?;
                }
                Cell::Days(Some(d)) => {
                    ws.write_number_with_format(row, col, (d * 10.0).round() / 10.0, &one)?;
                }
                Cell::Days(None) => {}
                Cell::Yuan(f) => {
                    ws.write_number_with_format(row, col, *f as f64 / 100.0, &money)?;
                }
                Cell::Text(s) if !s.is_empty() => {
                    ws.write_string(row, col, s)?;
                }
                Cell::Text(_) => {}
            }
            col += if is_rate_col { 3 } else { 1 };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

pub fn render(doc: &Doc) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    let mut used = Vec::new();
    let fail = |e: XlsxError| WriteError(format!("xlsx: {e}"));
    for t in doc.tables() {
        let name = sheet_name(t, &mut used);
        write_table(&mut wb, t, &name, doc.lang).map_err(fail)?;
    }
    if used.is_empty() {
        wb.add_worksheet();
    }
    wb.save_to_buffer().map_err(fail)
}
