//! Data in and out: the JSON round trip and spreadsheets as offices keep them (GBK, BOM, mixed dates, bad
//! rows); backups, history and undo, and the commands on the built binary in the submodules.

mod backups;
mod commands;
mod ledger_cli;
mod ledgers;
mod streaming;
mod undo;
mod workbooks;
mod workbooks_out;

use std::io::Cursor;
use std::path::Path;

use yufang::domain::{Case, Suggestion};
use yufang::i18n::Lang;
use yufang::store::Store;
use yufang::store::export::export_json;
use yufang::store::import::{ImportOptions, ImportReport, Input, OnDuplicate, import};

use crate::common::{d, open, small_office};

const TODAY: &str = "2026-06-01";

fn json_of(store: &Store, with_log: bool) -> String {
    let mut out = Vec::new();
    export_json(
        store,
        &mut out,
        with_log,
        "2026-06-01T09:00:00+08:00",
        &mut |_, _| {},
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn without_time(json: &str) -> String {
    json.lines()
        .filter(|l| !l.trim_start().starts_with("\"exported_at\""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_import(
    store: &mut Store,
    files: Vec<(&str, Vec<u8>)>,
    opts: &ImportOptions,
) -> ImportReport {
    let inputs = files
        .into_iter()
        .map(|(name, bytes)| {
            let len = bytes.len() as u64;
            Input::new(name, Cursor::new(bytes), Some(len))
        })
        .collect();
    import(store, inputs, opts, &mut |_, _| {}).unwrap()
}

fn en() -> ImportOptions {
    ImportOptions {
        lang: Lang::En,
        ..ImportOptions::default()
    }
}

fn gbk(s: &str) -> Vec<u8> {
    let (bytes, _, had_errors) = encoding_rs::GBK.encode(s);
    assert!(!had_errors);
    bytes.into_owned()
}

fn bom(s: &str) -> Vec<u8> {
    let mut v = b"\xEF\xBB\xBF".to_vec();
    v.extend_from_slice(s.as_bytes());
    v
}

fn file_hash(path: &Path) -> Vec<u8> {
    let mut all = std::fs::read(path).unwrap();
    if let Ok(wal) = std::fs::read(format!("{}-wal", path.display())) {
        all.extend(wal);
    }
    all
}

fn demo_store(path: &Path) -> Store {
    let mut store = open(path, TODAY);
    yufang::demo::load(&mut store).unwrap();
    store
}

// ---------------------------------------------------------------------------------------------------------
// JSON

#[test]
fn demo_office_round_trips_through_json_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo_store(&dir.path().join("a.db"));
    for with_log in [true, false] {
        let first = json_of(&a, with_log);
        let mut b = open(&dir.path().join(format!("b-{with_log}.db")), TODAY);
        let report = run_import(
            &mut b,
            vec![("demo.json", first.clone().into_bytes())],
            &en(),
        );
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert!(report.written);
        let second = json_of(&b, with_log);
        assert_eq!(without_time(&first), without_time(&second));
        // The whole history came along (or, without it in the file, one insert per record).
        assert_eq!(
            b.change_count().unwrap(),
            if with_log {
                a.change_count().unwrap()
            } else {
                149
            }
        );
    }
    let text = json_of(&a, false);
    assert!(text.starts_with("{\n  \"format\": \"yufang\",\n  \"format_version\": 1,\n"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["suggestions"].as_array().unwrap().len(), 40);
    assert!(v["suggestions"][0]["id"].is_i64() && v["suggestions"][0]["case_ids"].is_array());
    assert!(v.get("change_log").is_none());
}

#[test]
fn json_into_a_store_with_records_reports_duplicates_and_clashes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let o = small_office(&mut store);
    let text = json_of(&store, true);
    // The same export again: every record is already there and skipped, the log is not taken over.
    let report = run_import(
        &mut store,
        vec![("same.json", text.clone().into_bytes())],
        &en(),
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(
        report.counts.iter().map(|(_, c)| c.skipped).sum::<usize>(),
        7
    );
    let lines = report.lines(Lang::En);
    assert!(
        lines.contains(&"same.json: 7 change-log entries in the file were not taken over: this store already has its own history".to_string()),
        "{lines:?}"
    );
    // Unit #1 renamed in the file: another unit, not a duplicate.
    let clash = text.replacen("\"name\":\"清源县交通运输局\"", "\"name\":\"别的单位\"", 1);
    let before = json_of(&store, true);
    let report = run_import(&mut store, vec![("clash.json", clash.into_bytes())], &en());
    assert_eq!(
        report
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec![format!(
            "clash.json:8: unit #{}: the file's record (别的单位) is not the record with this id in the store (清源县交通运输局)",
            o.unit
        )]
    );
    assert_eq!(json_of(&store, true), before, "nothing changed");
    // Not an export at all, and a newer schema.
    let report = run_import(
        &mut store,
        vec![("x.json", b"{\"format\": \"other\"}".to_vec())],
        &en(),
    );
    assert_eq!(
        report.problems[0].to_string(),
        "x.json:1: not a yufang export (it lacks \"format\": \"yufang\")"
    );
    let v = yufang::store::schema_version();
    let newer = text.replacen(
        &format!("\"schema_version\": {v}"),
        "\"schema_version\": 99",
        1,
    );
    let report = run_import(&mut store, vec![("n.json", newer.into_bytes())], &en());
    assert_eq!(
        report.problems[0].to_string(),
        format!(
            "n.json:4: the export comes from a newer yufang (schema 99, this version knows {v})"
        )
    );
    let report = run_import(
        &mut store,
        vec![("t.json", b"{\"format\": \"yufang\", \"units\": [}".to_vec())],
        &en(),
    );
    assert!(
        report.problems[0]
            .to_string()
            .starts_with("t.json:1:32: not a readable yufang export: expected value"),
        "{:?}",
        report.problems
    );
    assert_eq!(json_of(&store, true), before);
}

// ---------------------------------------------------------------------------------------------------------
// Spreadsheets

/// A GBK file as WPS saves it: a title row above Chinese headers in their own order, mixed date styles,
/// a row-number column, an unknown column and a recipient the store does not know yet.
#[test]
fn gbk_sheet_with_chinese_headers_and_mixed_dates_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let o = small_office(&mut store);
    let csv = "2026年检察建议台账,,,,,,,\r\n\
序号,被建议单位,文书编号,标题,签发日期,签收日期,类别,经办人\r\n\
1,清源县交通运输局,X检建[2026]第21号,关于加强路政执法监督的检察建议,2026/3/5,2026.3.9,类案,张三\r\n\
2,清源县林业局,X检建（2026）22,关于规范林木采伐审批的检察建议,2026年3月10日,2026-03-12,个案,李四\r\n\
3,清源县教育局,,关于规范校外培训收费的检察建议,,,,\r\n\
,,,,,,,\r\n";
    let report = run_import(&mut store, vec![("台账.csv", gbk(csv))], &en());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let lines = report.lines(Lang::En);
    assert_eq!(
        lines,
        vec![
            "台账.csv: read as GBK/GB18030 text: suggestion sheet, 3 data rows",
            "台账.csv:2:8: column \"经办人\" is not recognised and was ignored",
            "台账.csv:4:2: unit \"清源县林业局\" was not in the store and was created",
            "suggestion: 3 added, 0 updated, 0 skipped",
            "1 units created from names in the files",
            "import finished",
        ]
    );
    let forest = store.unit_by_name("清源县林业局").unwrap().unwrap();
    let id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM suggestions WHERE doc_no = 'X检建〔2026〕22号'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let s: Suggestion = store.get(id).unwrap();
    assert_eq!(s.recipient_id, forest.id);
    assert_eq!(s.issued_on, Some(d("2026-03-10")));
    assert_eq!(s.received_on, Some(d("2026-03-12")));
    let id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM suggestions WHERE doc_no = 'X检建〔2026〕21号'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let s: Suggestion = store.get(id).unwrap();
    assert_eq!(
        (s.recipient_id, s.issued_on, s.received_on),
        (o.unit, Some(d("2026-03-05")), Some(d("2026-03-09")))
    );
    assert_eq!(s.category, yufang::domain::Category::Similar);
    // The Chinese report.
    let report = run_import(
        &mut store,
        vec![("台账.csv", gbk(csv))],
        &ImportOptions {
            lang: Lang::Zh,
            dry_run: true,
            ..ImportOptions::default()
        },
    );
    let zh = report.lines(Lang::Zh);
    assert!(zh.contains(&"台账.csv:3:3: 检察建议 X检建〔2026〕21号 已存在：已跳过（用 --on-duplicate update 可覆盖）".to_string()), "{zh:?}");
    assert_eq!(zh.last().unwrap(), "试运行：未写入任何内容");
}

/// UTF-8 with a byte-order mark, English headers, cases: the stage follows from the dates, crime names
/// with 罪, amounts in 万元.
#[test]
fn utf8_bom_sheet_of_cases_with_english_headers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    small_office(&mut store);
    let csv = "Case number,Crime,Unit,Suspect,Filed on,Prosecuted on,金额（万元）\n\
清检刑诉〔2026〕30号,受贿罪,清源县教育局,赵某,2026/1/8,2026/4/2,12.5\n\
清检刑诉〔2026〕31号,embezzlement,,钱某,2026-02-01,,\n";
    let report = run_import(&mut store, vec![("cases.csv", bom(csv))], &en());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.counts[0].1.added, 2);
    let id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM cases WHERE case_no = '清检刑诉〔2026〕30号'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let c: Case = store.get(id).unwrap();
    assert_eq!(c.crime_type, yufang::domain::CrimeType::BribeTaking);
    assert_eq!(c.status, yufang::domain::CaseStatus::Prosecuted);
    assert_eq!(c.amount_fen, Some(12_500_000));
    assert_eq!(
        c.unit_id,
        store.unit_by_name("清源县教育局").unwrap().map(|u| u.id)
    );
    // The same as tab-separated UTF-16 (Excel's "Unicode text"), forced to read as cases: all duplicates.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in csv.replace(',', "\t").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let report = run_import(
        &mut store,
        vec![("cases.txt", utf16)],
        &ImportOptions {
            entity: Some(yufang::store::import::Sheet::Cases),
            ..en()
        },
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.counts[0].1.skipped, 2);
    assert!(report.notes.iter().any(|n| n.message.contains("UTF-16LE")));
}

/// One bad file among good ones: every problem is listed with file, line and column, and nothing at all
/// is written (not even the rows and units before the bad one).
#[test]
fn any_bad_row_aborts_the_whole_import_and_every_problem_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    small_office(&mut store);
    let before = json_of(&store, true);
    let count = store.change_count().unwrap();
    let units = "单位名称,行业,级别\n清源县审计局,审计,县级\n";
    let suggestions = "\u{feff}文号,标题,被建议单位,签发日期,收到日期,采纳情况,关联案件\n\
X检建〔2026〕40号,关于甲的检察建议,清源县审计局,2026/3/5,2026/13/5,,\n\
X检建〔2026〕41号,,清源县新单位,2026-03-06,2026-03-07,可能采纳,清检刑诉〔2026〕99号\n\
X检建〔2026〕40号,关于重复的检察建议,清源县审计局,2026-03-08,,,\n\
X检建〔2025〕42号,关于丙的检察建议,清源县审计局,2026-03-09,2026-03-01,,\n";
    let opts = en();
    let report = run_import(
        &mut store,
        vec![
            ("s.csv", suggestions.as_bytes().to_vec()),
            ("u.csv", units.as_bytes().to_vec()),
        ],
        &opts,
    );
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        vec![
            "s.csv:2:5: 收到日期: \"2026/13/5\" is not a date (e.g. 2026-03-05, 2026/3/5, 2026年3月5日)",
            "s.csv:3:2: title: required",
            "s.csv:3:6: 采纳情况: \"可能采纳\" is not one of: adopted, partly adopted, not adopted",
            "s.csv:3:7: 关联案件: no case numbered \"清检刑诉〔2026〕99号\"",
            "s.csv:4:1: suggestion \"X检建〔2026〕40号\" appears again (first on line 2)",
            "s.csv:5:1: document number: the year in X检建〔2025〕42号 differs from the issue year 2026",
            "s.csv:5:5: received on (2026-03-01) is before issued on (2026-03-09)",
        ]
    );
    assert!(!report.written);
    assert_eq!(
        report.outcome(Lang::En),
        "7 problems: nothing was imported; the store is unchanged"
    );
    assert_eq!(
        report.outcome(Lang::Zh),
        "发现 7 个问题：未导入任何内容，数据库未改动"
    );
    assert_eq!(store.change_count().unwrap(), count);
    assert_eq!(json_of(&store, true), before);
    assert!(store.unit_by_name("清源县审计局").unwrap().is_none());
    assert!(store.unit_by_name("清源县新单位").unwrap().is_none());
}

#[test]
fn missing_columns_and_empty_required_cells_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    small_office(&mut store);
    let before = json_of(&store, true);
    // A suggestion sheet without the recipient column, and a case sheet with an empty case number.
    let s = "文号,标题,签发日期\nX检建〔2026〕50号,关于丁的检察建议,2026-03-05\n";
    let c = "案号,罪名,立案日期\n,贪污,2026/2/30\n清检刑诉〔2026〕51号,,2026-02-01\n";
    let report = run_import(
        &mut store,
        vec![
            ("s.csv", s.as_bytes().to_vec()),
            ("c.csv", c.as_bytes().to_vec()),
        ],
        &en(),
    );
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        vec![
            "s.csv:1: missing column: recipient unit",
            "c.csv:2:1: case number: required",
            "c.csv:2:3: 立案日期: \"2026/2/30\" is not a date (e.g. 2026-03-05, 2026/3/5, 2026年3月5日)",
            "c.csv:3:2: crime type: required",
        ]
    );
    assert_eq!(json_of(&store, true), before);
    // Headers nobody could read.
    let report = run_import(&mut store, vec![("x.csv", b"a,b\n1,2\n".to_vec())], &en());
    assert_eq!(
        report.problems[0].to_string(),
        "x.csv:1: cannot tell whether the file holds units, cases or suggestions: no known column headers in its first lines (use --entity)"
    );
    let report = run_import(
        &mut store,
        vec![("bin.csv", vec![0xff, 0xfe, 0x00, 0xd8])],
        &en(),
    );
    assert!(
        report.problems[0]
            .to_string()
            .starts_with("bin.csv: the file is neither UTF-8 nor GBK")
    );
}

#[test]
fn duplicates_are_skipped_or_updated_and_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let o = small_office(&mut store);
    let csv = "document number,title,recipient,issued on,received on,notes\n\
X检建〔2026〕1号,关于加强工程招投标监管的检察建议,清源县交通运输局,2026-02-02,2026-02-03,已电话催办\n\
X检建〔2026〕60号,关于戊的检察建议,清源县教育局,2026-05-02,2026-05-06,\n";
    let before = json_of(&store, true);
    let dry = run_import(
        &mut store,
        vec![("d.csv", csv.as_bytes().to_vec())],
        &ImportOptions {
            dry_run: true,
            on_duplicate: OnDuplicate::Update,
            ..en()
        },
    );
    assert_eq!(json_of(&store, true), before, "a dry run writes nothing");
    let real = run_import(
        &mut store,
        vec![("d.csv", csv.as_bytes().to_vec())],
        &ImportOptions {
            on_duplicate: OnDuplicate::Update,
            ..en()
        },
    );
    // The same report, apart from its last line.
    let (mut a, mut b) = (dry.lines(Lang::En), real.lines(Lang::En));
    assert_eq!(a.pop().unwrap(), "dry run: nothing was written");
    assert_eq!(b.pop().unwrap(), "import finished");
    assert_eq!(a, b);
    assert!(b.contains(&"d.csv:2:1: suggestion X检建〔2026〕1号 is already in the store: updated from this row".to_string()), "{b:?}");
    assert_eq!(
        b.last().unwrap(),
        "suggestion: 1 added, 1 updated, 0 skipped"
    );
    let s: Suggestion = store.get(o.overdue).unwrap();
    assert_eq!(s.notes, "已电话催办");
    assert_eq!(
        s.filed_on,
        Some(d("2026-02-05")),
        "columns not in the sheet keep their values"
    );
    assert_eq!(s.version, 2);
    // And skipping: nothing changes.
    let again = run_import(&mut store, vec![("d.csv", csv.as_bytes().to_vec())], &en());
    assert_eq!(again.counts[0].1.skipped, 2);
}

#[test]
fn csv_export_imports_back_into_an_empty_store_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo_store(&dir.path().join("a.db"));
    let mut b = open(&dir.path().join("b.db"), TODAY);
    let sheet = |store: &Store, table: &str| {
        let mut out = Vec::new();
        yufang::store::export::export_csv(store, table, Lang::Zh, &mut out, &mut |_| {}).unwrap();
        out
    };
    let files: Vec<(&str, Vec<u8>)> = ["suggestions", "cases", "units"]
        .iter()
        .map(|t| (*t, sheet(&a, t)))
        .collect();
    let report = run_import(
        &mut b,
        files,
        &ImportOptions {
            lang: Lang::Zh,
            ..ImportOptions::default()
        },
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    for t in ["units", "cases", "suggestions"] {
        assert_eq!(
            String::from_utf8(sheet(&a, t)).unwrap(),
            String::from_utf8(sheet(&b, t)).unwrap(),
            "{t}"
        );
    }
    let head = String::from_utf8(sheet(&a, "suggestions")).unwrap();
    assert!(head.starts_with("ID,文号,类别,法定类型,标题,"), "{head}");
}
