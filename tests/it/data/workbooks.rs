//! Workbooks in (issue 13): an office's ledger built the way Excel, WPS or LibreOffice keep one — a merged
//! title row, date cells beside dates typed as text, 建议类型 beside 类别, a service method without a service
//! date, a hidden column, a formula, a blank row, a 制表人 line, a notes sheet — and workbooks that cannot be
//! read, each refused with one line.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use yufang::domain::{Category, LegalType, Suggestion};
use yufang::i18n::Lang;
use yufang::store::import::ImportOptions;

use super::{TODAY, en, run_import};
use crate::common::{d, open};

fn date(y: u16, m: u8, d: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(y, m, d).unwrap()
}

/// The ledger a new user brings: three sheets, typed the way offices type them.
pub fn office_ledger() -> Vec<u8> {
    let mut wb = Workbook::new();
    let day = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let notes = wb.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes.write_string(0, 0, "填表说明").unwrap();
    notes
        .write_string(1, 0, "日期一律填写为年月日；单位写全称。")
        .unwrap();

    let units = wb.add_worksheet();
    units.set_name("单位").unwrap();
    for (c, h) in ["单位名称", "行业", "区域", "重点联系点"]
        .iter()
        .enumerate()
    {
        units.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["县财政局", "财政", "城关镇", "是"].iter().enumerate() {
        units.write_string(1, c as u16, *v).unwrap();
    }

    let s = wb.add_worksheet();
    s.set_name("检察建议台账").unwrap();
    s.merge_range(
        0,
        0,
        0,
        12,
        "某县人民检察院2025年检察建议台账",
        &Format::new(),
    )
    .unwrap();
    let headers = [
        "序号",
        "文号",
        "建议类型",
        "类别",
        "被建议单位",
        "建议标题",
        "发出日期",
        "送达方式",
        "收到日期",
        "回复日期",
        "采纳情况",
        "经办人",
        "备注",
    ];
    for (c, h) in headers.iter().enumerate() {
        s.write_string(1, c as u16, *h).unwrap();
    }
    s.set_column_hidden(11).unwrap();
    // Row 3: date cells, a formula for the row number, a text date for the reply.
    s.write_formula(2, 0, Formula::new("=ROW()-2").set_result("1"))
        .unwrap();
    for (c, v) in [
        (1, "X检建〔2025〕1号"),
        (2, "社会治理检察建议"),
        (3, "个案"),
        (4, "县财政局"),
        (5, "关于加强专项资金监管的检察建议"),
        (7, "书面送达"),
        (9, "2025年4月20日"),
        (10, "全部采纳"),
        (11, "张三"),
    ] {
        s.write_string(2, c, v).unwrap();
    }
    s.write_datetime_with_format(2, 6, date(2025, 3, 1), &day)
        .unwrap();
    s.write_datetime_with_format(2, 8, date(2025, 3, 5), &day)
        .unwrap();
    // Row 4: everything typed as text, the row number too.
    for (c, v) in [
        (0, "2"),
        (1, "X检建〔2025〕2号"),
        (2, "民事再审检察建议"),
        (3, "类案"),
        (4, "县林业局"),
        (5, "关于规范林权登记的检察建议"),
        (6, "2025/4/1"),
        (7, "宣告送达"),
        (8, "2025.4.3"),
        (12, "已催办"),
    ] {
        s.write_string(3, c, v).unwrap();
    }
    // Row 5 left blank; row 6: a number for the row number.
    s.write_number(5, 0, 3.0).unwrap();
    for (c, v) in [
        (1, "X检建〔2025〕3号"),
        (2, "诉前检察建议"),
        (3, "行业（系统）"),
        (4, "县水利局"),
        (5, "关于加强河道采砂监管的检察建议"),
    ] {
        s.write_string(5, c, v).unwrap();
    }
    s.write_datetime_with_format(5, 6, date(2025, 5, 6), &day)
        .unwrap();
    s.write_string(7, 0, "制表人：李四").unwrap();
    s.write_string(7, 4, "审核人：王五").unwrap();
    wb.save_to_buffer().unwrap()
}

fn suggestion(store: &yufang::store::Store, doc_no: &str) -> Suggestion {
    let id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM suggestions WHERE doc_no = ?1",
            [doc_no],
            |r| r.get(0),
        )
        .unwrap();
    store.get(id).unwrap()
}

/// What the office ledger must give, whichever format it came in.
pub fn check_office_ledger(
    store: &yufang::store::Store,
    report: &yufang::store::import::ImportReport,
    file: &str,
) {
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.written);
    let lines = report.lines(Lang::En);
    for want in [
        format!(
            "{file}[填表说明]: no units, cases or suggestions on this sheet (no known column headers in its first rows): passed over"
        ),
        format!(
            "{file}[检察建议台账]!H4: no service date: the date of receipt 2025-04-03 is taken as the service date"
        ),
        format!(
            "{file}[检察建议台账]!H3: no service date: the date of receipt 2025-03-05 is taken as the service date"
        ),
        format!(
            "{file}[检察建议台账]!8:8: \"制表人：李四\" is not a record (a signature or total line): passed over"
        ),
        "unit: 1 added, 0 updated, 0 skipped".to_string(),
        "suggestion: 3 added, 0 updated, 0 skipped".to_string(),
    ] {
        assert!(lines.contains(&want), "{want}\n{lines:#?}");
    }
    let finance = store.unit_by_name("县财政局").unwrap().unwrap();
    assert!(finance.key_contact);
    let s = suggestion(store, "X检建〔2025〕1号");
    assert_eq!(s.recipient_id, finance.id);
    assert_eq!(
        (s.legal_type, s.category),
        (LegalType::SocialGovernance, Category::Single)
    );
    assert_eq!(
        (s.issued_on, s.served_on, s.received_on, s.replied_on),
        (
            Some(d("2025-03-01")),
            Some(d("2025-03-05")),
            Some(d("2025-03-05")),
            Some(d("2025-04-20"))
        )
    );
    let s = suggestion(store, "X检建〔2025〕2号");
    assert_eq!(
        (s.legal_type, s.category),
        (LegalType::Retrial, Category::Similar)
    );
    assert_eq!(
        (s.issued_on, s.received_on),
        (Some(d("2025-04-01")), Some(d("2025-04-03")))
    );
    assert_eq!(s.notes, "已催办");
    let s = suggestion(store, "X检建〔2025〕3号");
    assert_eq!(
        (s.legal_type, s.category, s.issued_on),
        (
            LegalType::PublicInterest,
            Category::Industry,
            Some(d("2025-05-06"))
        )
    );
}

#[test]
fn an_office_ledger_in_xlsx_imports_at_the_first_try() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let report = run_import(&mut store, vec![("台账.xlsx", office_ledger())], &en());
    check_office_ledger(&store, &report, "台账.xlsx");
}

#[test]
fn sheet_picks_one_sheet_and_an_unknown_sheet_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let opts = ImportOptions {
        sheet: Some("单位".into()),
        ..en()
    };
    let report = run_import(&mut store, vec![("台账.xlsx", office_ledger())], &opts);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.counts.len(), 1);
    let opts = ImportOptions {
        sheet: Some("汇总".into()),
        ..en()
    };
    let report = run_import(&mut store, vec![("台账.xlsx", office_ledger())], &opts);
    assert_eq!(
        report
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>(),
        vec![
            "台账.xlsx: --sheet: the workbook has no sheet \"汇总\" (its sheets: 填表说明, 单位, 检察建议台账)"
        ]
    );
}

/// The same ledger saved by LibreOffice as `.xls` and `.ods` (`soffice --headless --convert-to xls|ods`
/// from [`office_ledger`]).
#[test]
fn the_ledger_saved_as_xls_and_ods_imports_the_same() {
    for (name, bytes) in [
        (
            "ledger.xls",
            &include_bytes!("../../fixtures/ledger.xls")[..],
        ),
        (
            "ledger.ods",
            &include_bytes!("../../fixtures/ledger.ods")[..],
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("y.db"), TODAY);
        let report = run_import(&mut store, vec![(name, bytes.to_vec())], &en());
        check_office_ledger(&store, &report, name);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Workbooks that cannot be read: written by hand, since no writer makes them.

/// CRC-32 (IEEE), for the zip below.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip of stored (uncompressed) entries.
fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let len = data.len() as u32;
        let head = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(0u16.to_le_bytes()); // stored
            h.extend(0u32.to_le_bytes()); // time, date
            h.extend(crc.to_le_bytes());
            h.extend(len.to_le_bytes());
            h.extend(len.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        let local = head(0x0403_4b50, false);
        central.extend(head(0x0201_4b50, true));
        out.extend(local);
        out.extend(data);
    }
    let start = out.len() as u32;
    let size = central.len() as u32;
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(size.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A minimal `.xlsx` of one sheet whose `<sheetData>` is `rows` (inline strings), optionally on the 1904
/// date base.
fn xlsx(rows: &str, date1904: bool) -> Vec<u8> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr{}/><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        if date1904 { r#" date1904="1""# } else { "" }
    );
    let wb_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    zip(&[
        ("[Content_Types].xml", types.into()),
        ("_rels/.rels", rels.into()),
        ("xl/workbook.xml", workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels", wb_rels.into()),
        ("xl/styles.xml", styles.into()),
        ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
    ])
}

fn s(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

fn header_and(rows: &str) -> String {
    format!(
        "<row r=\"1\">{}{}{}{}</row>{rows}",
        s("A1", "文号"),
        s("B1", "被建议单位"),
        s("C1", "建议标题"),
        s("D1", "发出日期")
    )
}

#[test]
fn date_cells_on_the_1904_base_read_as_the_same_day() {
    // 2025-03-05 is serial 45721 on the 1900 base and 44259 on the 1904 base.
    for (serial, base1904) in [(45721, false), (44259, true)] {
        let rows = header_and(&format!(
            "<row r=\"2\">{}{}{}<c r=\"D2\" s=\"1\"><v>{serial}</v></c></row>",
            s("A2", "X检建〔2025〕1号"),
            s("B2", "县财政局"),
            s("C2", "甲")
        ));
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("y.db"), TODAY);
        let report = run_import(&mut store, vec![("a.xlsx", xlsx(&rows, base1904))], &en());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let s = suggestion(&store, "X检建〔2025〕1号");
        assert_eq!(s.issued_on, Some(d("2025-03-05")), "1904: {base1904}");
    }
}

/// Each bad workbook: exactly one problem, nothing written, no panic.
#[test]
fn bad_workbooks_fail_with_one_clear_line_and_import_nothing() {
    let mut wide = String::from("<row r=\"1\">");
    for c in 0..10_000u32 {
        let mut n = c + 1;
        let mut col = String::new();
        while n > 0 {
            col.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
            n = (n - 1) / 26;
        }
        wide.push_str(&s(&format!("{col}1"), "文号"));
    }
    wide.push_str("</row>");
    let big = "建".repeat((10 << 20) / 3);
    let big_cell = header_and(&format!(
        "<row r=\"2\">{}{}{}</row>",
        s("A2", "X检建〔2025〕1号"),
        s("B2", "县财政局"),
        s("C2", &big)
    ));
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend([0u8; 504]);
    encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    encrypted.extend([0u8; 1024]);
    let mut corrupt = xlsx(&header_and(""), false);
    corrupt.truncate(corrupt.len() / 2);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "corrupt.xlsx",
            corrupt,
            "corrupt.xlsx: not a readable workbook (",
        ),
        (
            "locked.xlsx",
            encrypted,
            "locked.xlsx: the workbook is password-protected: save a copy without a password and import that",
        ),
        (
            "noheader.xlsx",
            xlsx(
                &format!("<row r=\"1\">{}{}</row>", s("A1", "1"), s("B1", "2")),
                false,
            ),
            "noheader.xlsx: no sheet of the workbook holds units, cases or suggestions",
        ),
        (
            "wide.xlsx",
            xlsx(&wide, false),
            "wide.xlsx[台账]!1:1: the sheet has 10000 columns, more than the 1024 a ledger can have",
        ),
        (
            "big.xlsx",
            xlsx(&big_cell, false),
            "big.xlsx[台账]!C2: the cell holds 3495253 characters, more than the 32767 a cell can hold",
        ),
    ];
    for (name, bytes, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("y.db"), TODAY);
        let report = run_import(&mut store, vec![(name, bytes)], &en());
        let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 1, "{name}: {problems:#?}");
        assert!(problems[0].starts_with(want), "{name}: {problems:#?}");
        assert!(!report.written);
        let n: i64 = store
            .conn()
            .query_row("SELECT COUNT(*) FROM suggestions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{name}");
    }
}
