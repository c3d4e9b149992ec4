//! Workbooks out (issue 13): the xlsx export imports back unchanged, its dates are date cells and its text is
//! never a formula; the printed ledger gives each suggestion's deadline, state and days overdue as the
//! domain does.

use calamine::{Data, Reader, Xlsx};
use yufang::domain::{State, Suggestion};
use yufang::i18n::Lang;
use yufang::store::Store;
use yufang::store::export::{export_ledger, export_xlsx};
use yufang::store::import::ImportOptions;

use super::workbooks::office_ledger;
use super::{TODAY, demo_store, en, json_of, run_import, without_time};
use crate::common::open;

fn xlsx_of(store: &Store, dir: &std::path::Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    export_xlsx(store, &path, Lang::Zh, &mut |_, _| {}).unwrap();
    std::fs::read(path).unwrap()
}

fn sheet_csv(store: &Store, table: &str) -> String {
    let mut out = Vec::new();
    yufang::store::export::export_csv(store, table, Lang::Zh, &mut out, &mut |_| {}).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn xlsx_export_imports_into_an_empty_store_and_the_json_export_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&dir.path().join("a.db"), TODAY);
    let report = run_import(&mut a, vec![("台账.xlsx", office_ledger())], &en());
    assert!(report.written, "{:?}", report.problems);
    let bytes = xlsx_of(&a, dir.path(), "a.xlsx");
    let mut b = open(&dir.path().join("b.db"), TODAY);
    let report = run_import(&mut b, vec![("a.xlsx", bytes)], &en());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(
        without_time(&json_of(&a, false)),
        without_time(&json_of(&b, false))
    );
}

#[test]
fn the_demo_office_round_trips_through_xlsx_sheet_for_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo_store(&dir.path().join("a.db"));
    let bytes = xlsx_of(&a, dir.path(), "demo.xlsx");
    let mut b = open(&dir.path().join("b.db"), TODAY);
    let opts = ImportOptions {
        lang: Lang::Zh,
        ..ImportOptions::default()
    };
    let report = run_import(&mut b, vec![("demo.xlsx", bytes)], &opts);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // The sheets only the JSON export brings back are named, not read as something else.
    let notes = report.lines(Lang::Zh).join("\n");
    for sheet in ["督促落实记录", "预防工作", "年度工作计划"] {
        assert!(
            notes.contains(&format!("demo.xlsx[{sheet}]: yufang 导出的")),
            "{sheet}\n{notes}"
        );
    }
    for t in ["units", "cases", "suggestions"] {
        assert_eq!(sheet_csv(&a, t), sheet_csv(&b, t), "{t}");
    }
}

#[test]
fn dates_are_date_cells_and_text_that_looks_like_a_formula_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("a.db"), TODAY);
    let csv = "文号,被建议单位,建议标题,发出日期\nX检建〔2025〕1号,县财政局,=HYPERLINK(\"http://x\"),2025-03-01\n";
    let report = run_import(&mut store, vec![("a.csv", csv.as_bytes().to_vec())], &en());
    assert!(report.written, "{:?}", report.problems);
    let path = dir.path().join("a.xlsx");
    export_xlsx(&store, &path, Lang::En, &mut |_, _| {}).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec![
            "unit",
            "case",
            "suggestion",
            "follow-up record",
            "prevention activity",
            "annual plan"
        ]
    );
    let range = wb.worksheet_range("suggestion").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let row = range.rows().nth(1).unwrap();
    assert!(
        matches!(&row[col("issued on")], Data::DateTime(d) if d.as_datetime().unwrap().date().to_string() == "2025-03-01"),
        "{:?}",
        row[col("issued on")]
    );
    assert_eq!(
        row[col("title")],
        Data::String("=HYPERLINK(\"http://x\")".into())
    );
    let formulas = wb.worksheet_formula("suggestion").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn the_ledger_gives_the_domains_deadline_state_and_days_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir.path().join("a.db"));
    let path = dir.path().join("ledger.xlsx");
    let n = export_ledger(&store, &path, Lang::Zh, &mut |_, _| {}).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec!["检察建议台账"]);
    let range = wb.worksheet_range("检察建议台账").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], format!("检察建议台账（截至 {TODAY}）"));
    assert_eq!(
        rows[1],
        vec![
            "逾期",
            "文号",
            "标题",
            "被建议单位",
            "签发日期",
            "送达日期",
            "收到日期",
            "回复期限",
            "回复日期",
            "状态",
            "逾期天数"
        ]
    );
    assert_eq!(rows.len() as u64, n + 2);
    let mut overdue = 0;
    for r in &rows[2..] {
        if r[1].is_empty() {
            continue;
        }
        let id: i64 = store
            .conn()
            .query_row(
                "SELECT id FROM suggestions WHERE doc_no = ?1",
                [&r[1]],
                |x| x.get(0),
            )
            .unwrap();
        let s: Suggestion = store.get(id).unwrap();
        let due = s.deadlines(store.rules()).reply.map(|d| d.date);
        let state = s.state(due, store.today(), store.rules());
        assert_eq!(r[9], state.label(Lang::Zh), "{r:?}");
        match state {
            State::Overdue { days_overdue } => {
                overdue += 1;
                assert_eq!(
                    (r[0].as_str(), r[10].as_str()),
                    ("!", days_overdue.to_string().as_str())
                );
            }
            _ => assert_eq!((r[0].as_str(), r[10].as_str()), ("", ""), "{r:?}"),
        }
    }
    assert!(overdue > 0, "the demo office has overdue replies");
}
