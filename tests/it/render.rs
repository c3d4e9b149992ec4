//! Render tests: whole screens drawn into ratatui's TestBackend through the same code as the live app, compared
//! as text snapshots, in English and Chinese, with a fixed today.

use ratatui::crossterm::event::KeyCode;
use yufang::app::{App, Pane};
use yufang::i18n::Lang;
use yufang::ui::{Theme, snapshot};

use crate::app::{key, typ};
use crate::common::open;

fn demo(dir: &std::path::Path, lang: Lang) -> App {
    let mut store = open(&dir.join("demo.db"), "2026-06-01");
    yufang::demo::load(&mut store).unwrap();
    let mut app = App::new(store, lang);
    app.resize(100, 30);
    app.reload();
    app
}

fn shot(app: &mut App, w: u16, h: u16) -> String {
    snapshot(app.sized(w, h), w, h, &Theme::plain())
}

#[test]
fn today_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, name) in [(Lang::En, "today_en"), (Lang::Zh, "today_zh")] {
        let mut app = demo(dir.path(), lang);
        insta::assert_snapshot!(name, shot(&mut app, 100, 30));
        std::fs::remove_file(dir.path().join("demo.db")).ok();
        for ext in ["-wal", "-shm"] {
            std::fs::remove_file(dir.path().join(format!("demo.db{ext}"))).ok();
        }
    }
}

#[test]
fn lists_and_details() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path(), Lang::Zh);
    app.pane = Pane::Cases;
    insta::assert_snapshot!("cases_zh", shot(&mut app, 120, 30));
    app.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!("case_detail_zh", shot(&mut app, 120, 30));
    app.handle_key(key(KeyCode::Esc));
    typ(&mut app, "3O");
    insta::assert_snapshot!("suggestions_overdue_zh", shot(&mut app, 120, 30));
    app.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!("suggestion_detail_zh", shot(&mut app, 120, 40));
    typ(&mut app, "r");
    insta::assert_snapshot!("reply_form_zh", shot(&mut app, 120, 40));
}

#[test]
fn english_screens_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path(), Lang::En);
    insta::assert_snapshot!("today_en_80x24", shot(&mut app, 80, 24));
    typ(&mut app, "3");
    insta::assert_snapshot!("suggestions_en_80x24", shot(&mut app, 80, 24));
    typ(&mut app, "n");
    insta::assert_snapshot!("new_suggestion_en_80x24", shot(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Esc));
    typ(&mut app, "?");
    insta::assert_snapshot!("help_en_80x24", shot(&mut app, 80, 24));
}

#[test]
fn too_small_says_so_and_an_empty_office_welcomes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("empty.db"), "2026-06-01");
    let mut app = App::new(store, Lang::Zh);
    app.reload();
    let small = shot(&mut app, 40, 10);
    let flat: String = small.lines().map(str::trim).collect();
    assert!(
        flat.contains("请把终端窗口放大到至少 60×16") && flat.contains("40×10）"),
        "{small}"
    );
    insta::assert_snapshot!("welcome_zh", shot(&mut app, 80, 24));
}

/// Every row of the suggestion table starts its columns at the same display column, Chinese or not.
#[test]
fn columns_line_up_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path(), Lang::Zh);
    typ(&mut app, "3");
    let text = shot(&mut app, 120, 30);
    let rows: Vec<&str> = text
        .lines()
        .skip(2)
        .filter(|l| l.contains("X检建"))
        .collect();
    assert!(rows.len() > 10);
    // The first date on a row (the receipt date, after a Chinese recipient name) starts at one display column.
    let date_cols: std::collections::BTreeSet<usize> = rows
        .iter()
        .filter_map(|l| l.find(" 202").map(|i| yufang::text::width(&l[..i])))
        .collect();
    assert_eq!(date_cols.len(), 1, "{date_cols:?}\n{text}");
}

/// A unit with a long Chinese name and a mixed history: cases with and without gaps, suggestions in several
/// states, done and planned work.
#[test]
fn unit_detail_with_a_long_chinese_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo(dir.path(), Lang::Zh);
    let id = crate::common::reopen(&app)
        .unit_by_name("清源县城市建设投资集团有限公司")
        .unwrap()
        .unwrap()
        .id;
    let detail = crate::common::reopen(&app)
        .unit_detail(id, Lang::Zh)
        .unwrap();
    assert!(
        !detail.cases.is_empty() && !detail.suggestions.is_empty() && !detail.activities.is_empty()
    );
    app.pane = Pane::Units;
    app.modals.push(yufang::app::Modal::Detail {
        detail: yufang::app::Detail::Unit(Box::new(detail)),
        scroll: 0,
    });
    insta::assert_snapshot!("unit_detail_zh", shot(&mut app, 100, 30));
    app.lang = Lang::En;
    insta::assert_snapshot!("units_pane_en", {
        app.modals.clear();
        shot(&mut app, 120, 30)
    });
}

/// No size panics: every pane, with and without a popup, from 1×1 up, both languages.
#[test]
fn every_size_draws_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let mut app = demo(dir.path(), lang);
        for pane in Pane::ALL {
            app.pane = pane;
            for (w, h) in [
                (1, 1),
                (2, 30),
                (30, 2),
                (59, 15),
                (60, 16),
                (61, 17),
                (80, 24),
                (97, 31),
                (160, 45),
                (300, 80),
            ] {
                shot(&mut app, w, h);
            }
        }
        app.pane = Pane::Suggestions;
        typ(&mut app, "n");
        for (w, h) in [(1, 1), (60, 16), (80, 24), (160, 45)] {
            shot(&mut app, w, h);
        }
        app.handle_key(key(KeyCode::Esc));
        typ(&mut app, "?");
        for (w, h) in [(1, 1), (60, 16), (80, 24)] {
            shot(&mut app, w, h);
        }
        app.handle_key(key(KeyCode::Esc));
        for ext in ["", "-wal", "-shm"] {
            std::fs::remove_file(dir.path().join(format!("demo.db{ext}"))).ok();
        }
    }
}
