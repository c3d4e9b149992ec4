//! The import preview in the app (issue 13 item 4): a workbook read with a dry run, a column re-mapped and
//! another skipped, then imported in one transaction; Esc writes nothing; the modal drawn in both languages.

use ratatui::crossterm::event::KeyCode;
use rust_xlsxwriter::Workbook;
use yufang::app::{App, Modal};
use yufang::i18n::Lang;
use yufang::ledger::columns::Col;
use yufang::ui::{Theme, snapshot};

use super::TODAY;
use crate::app::{key, typ};
use crate::common::{open, reopen};

/// A small ledger: a document number, title, recipient, issue date and a 经办人 column the import does not
/// know (to be re-mapped to the notes).
fn ledger(path: &std::path::Path) {
    let mut wb = Workbook::new();
    let s = wb.add_worksheet();
    s.set_name("台账").unwrap();
    let rows = [
        ["文号", "建议标题", "被建议单位", "发出日期", "经办人"],
        [
            "X检建〔2025〕1号",
            "关于加强专项资金监管的检察建议",
            "县财政局",
            "2025-03-10",
            "张三",
        ],
        [
            "X检建〔2025〕2号",
            "关于规范工程招投标的检察建议",
            "县住建局",
            "2025-04-02",
            "李四",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn app_with_ledger(dir: &std::path::Path, lang: Lang) -> (App, std::path::PathBuf) {
    let store = open(&dir.join("t.db"), TODAY);
    let mut app = App::new(store, lang);
    app.resize(80, 24);
    app.reload();
    let file = dir.join("ledger.xlsx");
    ledger(&file);
    (app, file)
}

fn preview(app: &App) -> &yufang::app::view::ImportPreview {
    match app.modals.last() {
        Some(Modal::ImportPreview(p)) => p,
        _ => panic!("no preview on top"),
    }
}

fn select(app: &mut App, header: &str) {
    app.handle_key(key(KeyCode::Home));
    for _ in 0..preview(app).report.columns.len() {
        if preview(app).report.columns[preview(app).cursor].header == header {
            return;
        }
        app.handle_key(key(KeyCode::Down));
    }
    panic!("no column {header}: {:?}", preview(app).report);
}

fn count(app: &App) -> i64 {
    let store = reopen(app);
    store
        .conn()
        .query_row("SELECT count(*) FROM suggestions", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_preview_remaps_and_skips_then_imports_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = app_with_ledger(dir.path(), Lang::En);
    // Through the palette and the path form, as a user gets there.
    app.handle_key(key(KeyCode::Char(':')));
    typ(&mut app, "import");
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.modals.last(), Some(Modal::Form { .. })));
    typ(&mut app, &file.display().to_string());
    app.handle_key(key(KeyCode::Enter));
    let p = preview(&app);
    assert!(p.report.problems.is_empty(), "{:?}", p.report.problems);
    assert!(!p.report.written);
    let title = p
        .report
        .columns
        .iter()
        .find(|c| c.header == "建议标题")
        .unwrap();
    assert_eq!(title.field, Some(Col::Title));
    assert_eq!(
        title.samples,
        [
            "关于加强专项资金监管的检察建议",
            "关于规范工程招投标的检察建议"
        ]
    );
    let handler = p
        .report
        .columns
        .iter()
        .find(|c| c.header == "经办人")
        .unwrap();
    assert_eq!(handler.field, None);
    assert_eq!(count(&app), 0, "the preview wrote nothing");

    // 经办人 becomes the notes: m walks through the fields.
    select(&mut app, "经办人");
    for _ in 0..80 {
        let p = preview(&app);
        if p.report.columns[p.cursor].field == Some(Col::Notes) {
            break;
        }
        app.handle_key(key(KeyCode::Char('m')));
    }
    let p = preview(&app);
    assert_eq!(p.report.columns[p.cursor].field, Some(Col::Notes));
    assert!(p.report.problems.is_empty(), "{:?}", p.report.problems);
    // 发出日期 is skipped.
    select(&mut app, "发出日期");
    app.handle_key(key(KeyCode::Char('x')));
    let p = preview(&app);
    assert_eq!(p.report.columns[p.cursor].field, None);
    assert_eq!(
        p.mapping.suggestions.get("发出日期").map(String::as_str),
        Some("skip")
    );

    // The mapping is saved for the next file of that shape, in the --mapping format.
    app.handle_key(key(KeyCode::Char('w')));
    let saved = std::fs::read_to_string(dir.path().join("ledger.mapping.toml")).unwrap();
    let back = yufang::ledger::mapping::Mapping::parse(&saved).unwrap();
    assert_eq!(back, preview(&app).mapping);
    assert!(saved.contains("\"经办人\" = \"notes\""), "{saved}");

    app.handle_key(key(KeyCode::Enter));
    assert!(
        app.modals.is_empty(),
        "the preview closes once imported: {:?} {:?}",
        app.message,
        app.modals.last().map(|_| &preview(&app).report.problems)
    );
    let msg = &app.message.as_ref().unwrap().1;
    assert!(msg.contains("imported 2 records"), "{msg}");
    let store = reopen(&app);
    let (notes, issued): (String, Option<String>) = store
        .conn()
        .query_row(
            "SELECT notes, issued_on FROM suggestions WHERE title = '关于加强专项资金监管的检察建议'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(notes, "张三");
    assert_eq!(issued, None, "the skipped column was not read");
    assert_eq!(count(&app), 2);
}

#[test]
fn esc_cancels_the_preview_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, file) = app_with_ledger(dir.path(), Lang::En);
    app.open_import_preview(&file);
    select(&mut app, "经办人");
    app.handle_key(key(KeyCode::Char('x')));
    app.handle_key(key(KeyCode::Esc));
    assert!(app.modals.is_empty());
    assert_eq!(count(&app), 0);
    assert!(!dir.path().join("ledger.mapping.toml").exists());
    // A file that is not there is a problem in the preview, not a failure.
    app.open_import_preview(dir.path().join("nope.xlsx"));
    let p = preview(&app);
    assert_eq!(p.report.problems.len(), 1);
    assert!(p.report.problems[0].to_string().starts_with("nope.xlsx: "));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.modals.last(), Some(Modal::ImportPreview(_))));
    assert_eq!(count(&app), 0);
}

#[test]
fn the_preview_is_drawn_in_both_languages() {
    for (lang, name) in [
        (Lang::En, "import_preview_en_80x24"),
        (Lang::Zh, "import_preview_zh_80x24"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, file) = app_with_ledger(dir.path(), lang);
        app.open_import_preview(&file);
        select(&mut app, "经办人");
        let shot = snapshot(app.sized(80, 24), 80, 24, &Theme::plain());
        insta::assert_snapshot!(name, shot);
    }
}
