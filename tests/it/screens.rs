//! Issue 18: screens as an officer reads them — refusals that say why, a second window that notices
//! changes, and rendered rows where no number is cut and no Chinese line opens with a pausing mark.

use ratatui::crossterm::event::KeyCode;
use yufang::app::{App, Pane, Tone};
use yufang::domain::Suggestion;
use yufang::i18n::Lang;
use yufang::ui::{Theme, snapshot};

use crate::app::{app_on, key, typ};
use crate::common::open;

#[test]
fn a_second_window_reloads_after_another_connection_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, o) = app_on(dir.path(), Lang::En);
    assert_eq!(app.check.overdue_replies.len(), 1);
    // Another window records the reply.
    let mut other = crate::common::reopen(&app);
    let mut s = other.get::<Suggestion>(o.overdue).unwrap();
    s.replied_on = Some(crate::common::d("2026-05-30"));
    other.save(&mut s).unwrap();
    // The next key notices without being asked to reload.
    app.handle_key(key(KeyCode::Down));
    assert!(app.check.overdue_replies.is_empty());
    // Its own writes and idle keys do not reload again and again.
    app.notice_changes();
    assert!(app.check.overdue_replies.is_empty());
}

#[test]
fn a_key_that_cannot_act_says_why_without_a_tick() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("e.db"), "2026-06-01");
    let mut app = App::new(store, Lang::En);
    app.reload();
    typ(&mut app, "Z");
    let (tone, text) = app.message.clone().unwrap();
    assert_eq!(tone, Tone::Error, "{text}");
    typ(&mut app, "2");
    typ(&mut app, "e");
    let (tone, text) = app.message.clone().unwrap();
    assert_eq!(
        (tone, text.as_str()),
        (Tone::Error, "select a record first")
    );
    let shot = snapshot(app.sized(80, 24), 80, 24, &Theme::plain());
    assert!(shot.contains("✗ select a record first"), "{shot}");
    assert!(!shot.contains("✓ select"), "{shot}");
}

/// The closing and pausing marks a Chinese line must not begin with, checked on every rendered line.
const NO_START: &[char] = &['、', '，', '。', '；', '：', '）', '」'];

/// Whether a digit sits right before an ellipsis: a cut number (`逾期10…` for 102 days).
fn cut_number(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1] == '…')
}

#[test]
fn no_number_is_cut_and_no_chinese_line_opens_with_a_pause_at_any_size() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let mut store = open(&dir.path().join("demo.db"), "2026-06-01");
        yufang::demo::load(&mut store).unwrap();
        let mut app = App::new(store, lang);
        app.county_prefix = "清源县".into();
        app.reload();
        for pane in Pane::ALL {
            app.pane = pane;
            for (w, h) in [(60, 16), (80, 24), (160, 45)] {
                let shot = snapshot(app.sized(w, h), w, h, &Theme::plain());
                for line in shot.lines() {
                    assert!(
                        !cut_number(line),
                        "{lang:?} {pane:?} {w}x{h}: {line}\n{shot}"
                    );
                    if lang == Lang::Zh {
                        let t = line.trim_start_matches([' ', '│', '┃']);
                        assert!(!t.starts_with(NO_START), "{pane:?} {w}x{h}: {line}\n{shot}");
                    }
                }
            }
        }
        drop(app);
        for ext in ["", "-wal", "-shm"] {
            std::fs::remove_file(dir.path().join(format!("demo.db{ext}"))).ok();
        }
    }
}

#[test]
fn lists_leave_off_the_county_and_the_title_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("demo.db"), "2026-06-01");
    yufang::demo::load(&mut store).unwrap();
    let mut app = App::new(store, Lang::Zh);
    app.county_prefix = "清源县".into();
    app.reload();
    typ(&mut app, "3");
    let shot = snapshot(app.sized(120, 30), 120, 30, &Theme::plain());
    let rows: Vec<&str> = shot.lines().filter(|l| l.contains("检建")).collect();
    assert!(rows.len() > 5, "{shot}");
    for r in &rows {
        assert!(!r.contains("清源县"), "{r}");
        assert!(!r.contains(" 关于"), "{r}");
    }
    insta::assert_snapshot!("suggestions_zh_120x30_short_forms", shot);
    for (w, h, name) in [
        (60, 16, "suggestions_zh_60x16"),
        (80, 24, "suggestions_zh_80x24"),
    ] {
        insta::assert_snapshot!(name, snapshot(app.sized(w, h), w, h, &Theme::plain()));
    }
    app.lang = Lang::En;
    app.reload();
    insta::assert_snapshot!(
        "suggestions_en_60x16",
        snapshot(app.sized(60, 16), 60, 16, &Theme::plain())
    );
}
