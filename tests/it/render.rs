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

/// The detail view shows each deadline as the domain judges it: a withdrawn suggestion owes no filing, a
/// stated reply date on a suggestion never received is not running, and after a return visit the visit row
/// is the look-back check. No closed deadline carries the `!` of a late one.
#[test]
fn detail_deadlines_follow_the_domain() {
    use yufang::domain::{FollowUp, FollowUpKind, Rectification, Suggestion, Unit};

    use crate::common::d;
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-08-20");
    let unit = store.insert(&mut Unit::new("清源县水利局")).unwrap();
    let mut s = Suggestion::new("撤回的建议", unit);
    s.doc_no = Some("X检建〔2026〕5号".into());
    s.decided_on = Some(d("2026-01-05"));
    s.issued_on = Some(d("2026-03-10"));
    s.stated_reply_due = Some(d("2026-04-10"));
    s.withdrawn_on = Some(d("2026-03-12"));
    let withdrawn = store.insert(&mut s).unwrap();
    s.id = 0;
    s.doc_no = Some("X检建〔2026〕7号".into());
    s.title = "未送达的建议".into();
    s.withdrawn_on = None;
    s.filed_on = Some(d("2026-03-11"));
    let unserved = store.insert(&mut s).unwrap();
    let mut s = Suggestion::new("回访过的建议", unit);
    s.doc_no = Some("X检建〔2026〕6号".into());
    s.issued_on = Some(d("2026-03-10"));
    s.received_on = Some(d("2026-03-10"));
    s.filed_on = Some(d("2026-03-11"));
    s.replied_on = Some(d("2026-05-06")); // return visit due 07-06
    s.rectification = Some(Rectification::Partial);
    let visited = store.insert(&mut s).unwrap();
    store
        .insert(&mut FollowUp::new(
            visited,
            FollowUpKind::ReturnVisit,
            d("2026-07-01"),
        ))
        .unwrap();
    let mut app = App::new(store, Lang::En);
    app.reload();
    let deadlines = |text: &str| -> Vec<String> {
        let start = text.find("Deadlines").unwrap();
        let end = text.find("Timeline").unwrap();
        text[start..end]
            .lines()
            .map(|l| l.trim_matches(|c| c == '│' || c == ' ').to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };

    app.open_suggestion(withdrawn);
    let text = shot(&mut app, 100, 30);
    let rows = deadlines(&text);
    assert!(!rows.iter().any(|l| l.contains('!')), "{text}");
    let row = |rows: &[String], label: &str| {
        rows.iter()
            .find(|l| l.starts_with(label))
            .cloned()
            .unwrap_or_default()
    };
    assert!(
        row(&rows, "filing").ends_with("2026-03-16  no longer due"),
        "{text}"
    );
    assert!(
        row(&rows, "reply").ends_with("2026-04-10  no longer due"),
        "{text}"
    );
    assert!(
        row(&rows, "investigation").ends_with("2026-03-05  met"),
        "{text}"
    );

    app.open_suggestion(unserved);
    let text = shot(&mut app, 100, 30);
    let rows = deadlines(&text);
    assert!(!rows.iter().any(|l| l.contains('!')), "{text}");
    assert!(
        row(&rows, "reply").ends_with("2026-04-10  not yet running"),
        "{text}"
    );

    app.open_suggestion(visited);
    let text = shot(&mut app, 100, 30);
    let rows = deadlines(&text);
    assert!(!rows.iter().any(|l| l.contains('!')), "{text}");
    assert!(row(&rows, "filing").ends_with("met"), "{text}");
    assert!(row(&rows, "reply").ends_with("met"), "{text}");
    // Visited on 07-01 and only partly rectified: the look-back falls 60 days after the visit.
    let look_back = row(&rows, "look-back check");
    assert!(look_back.contains(" 2026-08-31  "), "{text}");
    assert!(
        rows.iter()
            .any(|l| l.starts_with("last return visit 2026-07-01 + 60 days")),
        "{text}"
    );
    assert!(!text.contains("2026-07-06"), "{text}");
}
