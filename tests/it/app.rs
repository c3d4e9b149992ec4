//! App-state tests: key events in, state out, no terminal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use yufang::app::{App, Modal, Pane, Section, TodayLine};
use yufang::domain::{Suggestion, Unit};
use yufang::i18n::Lang;
use yufang::store::lists::StateFilter;

use crate::common::{open, small_office};

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

pub fn app_on(dir: &std::path::Path, lang: Lang) -> (App, crate::common::Office) {
    let mut store = open(&dir.join("y.db"), "2026-06-01");
    let office = small_office(&mut store);
    let mut app = App::new(store, lang);
    app.resize(100, 30);
    app.reload();
    (app, office)
}

fn top_is_form(app: &App) -> bool {
    matches!(app.modals.last(), Some(Modal::Form { .. }))
}

#[test]
fn today_opens_on_the_overdue_reply_and_a_reply_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, o) = app_on(dir.path(), Lang::En);
    assert_eq!(app.pane, Pane::Today);
    assert_eq!(app.selected_suggestion(), Some(o.overdue));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.modals.last(), Some(Modal::Detail { .. })));
    typ(&mut app, "r");
    assert!(top_is_form(&app));
    app.handle_key(ctrl('s'));
    assert!(
        app.modals.iter().all(|m| !matches!(m, Modal::Form { .. })),
        "the form closed"
    );
    assert!(app.check.overdue_replies.is_empty());
    let s = crate::common::reopen(&app)
        .get::<Suggestion>(o.overdue)
        .unwrap();
    assert_eq!(s.replied_on, Some(crate::common::d("2026-06-01")));
    assert_eq!(
        app.message.as_ref().map(|m| m.1.as_str()),
        Some("suggestion saved")
    );
}

#[test]
fn state_filters_and_live_filter_narrow_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, o) = app_on(dir.path(), Lang::Zh);
    typ(&mut app, "3");
    assert_eq!(app.pane, Pane::Suggestions);
    assert_eq!(app.suggestions.total, 3);
    typ(&mut app, "O");
    assert_eq!(app.suggestions.query.state, StateFilter::Overdue);
    assert_eq!(
        app.suggestions
            .rows
            .iter()
            .map(|r| r.suggestion.id)
            .collect::<Vec<_>>(),
        vec![o.overdue]
    );
    typ(&mut app, "A/教育");
    assert_eq!(app.suggestions.total, 1);
    assert_eq!(app.suggestions.rows[0].suggestion.id, o.due_soon);
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.suggestions.total, 3);
    // Filtering by a category label in the UI language works too.
    typ(&mut app, "/个案");
    assert_eq!(app.suggestions.total, 3);
    app.handle_key(key(KeyCode::Enter));
    typ(&mut app, "W");
    assert_eq!(
        app.suggestions.total, 2,
        "awaiting reply = overdue + due soon"
    );
}

#[test]
fn a_bad_form_shows_errors_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), Lang::En);
    let before = crate::common::reopen(&app).change_count().unwrap();
    typ(&mut app, "U");
    assert!(top_is_form(&app));
    app.handle_key(ctrl('s'));
    assert!(top_is_form(&app), "the form stays open");
    let Some(Modal::Form { form, .. }) = app.modals.last() else {
        unreachable!()
    };
    assert!(
        form.fields
            .iter()
            .any(|f| f.error.as_deref() == Some("name: required")),
        "{:?}",
        form.fields.iter().map(|f| &f.error).collect::<Vec<_>>()
    );
    // A duplicate name is refused on its field.
    typ(&mut app, "清源县教育局");
    app.handle_key(ctrl('s'));
    let Some(Modal::Form { form, .. }) = app.modals.last() else {
        unreachable!()
    };
    assert!(
        form.fields[0]
            .error
            .as_deref()
            .unwrap_or("")
            .contains("already exists")
    );
    assert_eq!(crate::common::reopen(&app).change_count().unwrap(), before);
    // Esc on a typed form asks first; n keeps the form, Esc+y discards.
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    typ(&mut app, "n");
    assert!(top_is_form(&app));
    app.handle_key(key(KeyCode::Esc));
    typ(&mut app, "y");
    assert!(app.modals.is_empty());
    assert_eq!(crate::common::reopen(&app).change_count().unwrap(), before);
}

#[test]
fn new_unit_through_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), Lang::En);
    typ(&mut app, "U");
    typ(&mut app, "清源县民政局");
    app.handle_key(ctrl('s'));
    assert!(app.modals.is_empty());
    assert!(
        crate::common::reopen(&app)
            .unit_by_name("清源县民政局")
            .unwrap()
            .is_some()
    );
}

#[test]
fn delete_asks_and_refuses_a_case_still_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, o) = app_on(dir.path(), Lang::En);
    typ(&mut app, "2x");
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    typ(&mut app, "n");
    assert!(app.modals.is_empty());
    typ(&mut app, "xy");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.1.contains("still referenced")),
        "{:?}",
        app.message
    );
    assert!(
        crate::common::reopen(&app)
            .get::<yufang::domain::Case>(o.case_closed)
            .is_ok()
    );
}

#[test]
fn help_lists_every_binding_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), Lang::En);
    typ(&mut app, "?");
    assert!(matches!(app.modals.last(), Some(Modal::Help { .. })));
    app.handle_key(key(KeyCode::Esc));
    assert!(app.modals.is_empty());
    typ(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn moving_past_the_window_loads_the_next_rows_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-06-01");
    let unit = store.insert(&mut Unit::new("县卫健局")).unwrap();
    for i in 0..60 {
        let mut s = Suggestion::new(&format!("建议{i:02}"), unit);
        s.decided_on = Some(crate::common::d("2026-01-01"));
        store.insert(&mut s).unwrap();
    }
    let mut app = App::new(store, Lang::En);
    app.resize(100, 20); // 15 rows a page
    app.reload();
    typ(&mut app, "3");
    assert_eq!(app.suggestions.total, 60);
    assert_eq!(app.suggestions.rows.len(), 15);
    app.handle_key(key(KeyCode::PageDown));
    app.handle_key(key(KeyCode::PageDown));
    assert_eq!(app.suggestions.cursor, 30);
    assert!(app.suggestions.offset <= 30 && 30 < app.suggestions.offset + 15);
    assert_eq!(app.suggestions.rows.len(), 15);
    typ(&mut app, "G");
    assert_eq!(app.suggestions.cursor, 59);
    // Drafts have no number, so the newest-first order falls back to the id: the last row is the first draft.
    assert_eq!(
        app.suggestions
            .selected()
            .map(|r| r.suggestion.title.as_str()),
        Some("建议00")
    );
    // The last page came from the reversed order; moving up from it continues in the list's own order.
    assert_eq!(app.suggestions.offset, 60 - app.suggestions.rows.len());
    typ(&mut app, "k");
    assert_eq!(
        app.suggestions
            .selected()
            .map(|r| r.suggestion.title.as_str()),
        Some("建议01")
    );
    typ(&mut app, "g");
    assert_eq!(app.suggestions.offset, 0);
}

#[test]
fn units_pane_lists_units_and_work_and_edits_a_unit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, o) = app_on(dir.path(), Lang::Zh);
    typ(&mut app, "5");
    assert_eq!(app.pane, Pane::Units);
    assert_eq!(app.units_pane.units.total, 2);
    assert_eq!(app.units_pane.activities.total, 1);
    // Flag filter: nobody is a key demonstration area yet.
    typ(&mut app, "F");
    assert_eq!(app.units_pane.units.total, 0);
    typ(&mut app, "FFF");
    assert_eq!(app.units_pane.units.total, 2);
    // Edit the selected unit: mark it a key demonstration area.
    typ(&mut app, "e");
    assert!(matches!(app.modals.last(), Some(Modal::Form { .. })));
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Tab));
    }
    typ(&mut app, " ");
    app.handle_key(ctrl('s'));
    assert!(app.modals.is_empty(), "{:?}", app.message);
    let edited = app.units_pane.units.rows[0].unit.clone();
    assert!(edited.key_demo);
    typ(&mut app, "F");
    assert_eq!(app.units_pane.units.total, 1);
    // The detail shows the unit's history.
    typ(&mut app, "FFF");
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.modals.last(), Some(Modal::Detail { .. })));
    app.handle_key(key(KeyCode::Esc));
    // Activities list gets focus with l; x asks before deleting.
    typ(&mut app, "l");
    assert!(app.selected_activity().is_some());
    typ(&mut app, "xy");
    assert_eq!(app.units_pane.activities.total, 0);
    let _ = o;
}

#[test]
fn a_crime_analysis_from_the_gap_list_closes_the_gap() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, o) = app_on(dir.path(), Lang::En);
    assert_eq!(app.check.case_gaps.len(), 1);
    typ(&mut app, "G");
    assert!(matches!(
        app.today_selected(),
        Some(yufang::app::TodayLine::Item(yufang::app::Section::Gaps, 0))
    ));
    typ(&mut app, "a");
    let Some(Modal::Form { form, .. }) = app.modals.last() else {
        panic!("no form")
    };
    assert_eq!(
        form.get_code(yufang::i18n::K::FKind).as_deref(),
        Some("analysis")
    );
    assert_eq!(form.get_id(yufang::i18n::K::FCase), Some(o.case_closed));
    app.handle_key(ctrl('s'));
    assert!(app.modals.is_empty(), "{:?}", app.message);
    assert!(app.check.case_gaps.is_empty());
}

#[test]
fn undo_reverts_the_last_change_and_is_itself_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, o) = app_on(dir.path(), Lang::En);
    // Record the reply from Today, then take it back.
    typ(&mut app, "r");
    app.handle_key(ctrl('s'));
    assert!(app.check.overdue_replies.is_empty());
    let before = crate::common::reopen(&app).change_count().unwrap();
    typ(&mut app, "Z");
    let Some(Modal::Confirm(c)) = app.modals.last() else {
        panic!("undo asks first")
    };
    assert!(
        c.text
            .starts_with("Undo the last change: change of suggestion"),
        "{}",
        c.text
    );
    typ(&mut app, "y");
    assert_eq!(
        app.check.overdue_replies.len(),
        1,
        "the reply is gone again"
    );
    assert_eq!(
        crate::common::reopen(&app)
            .get::<Suggestion>(o.overdue)
            .unwrap()
            .replied_on,
        None
    );
    assert_eq!(
        crate::common::reopen(&app).change_count().unwrap(),
        before + 1,
        "the undo is a change of its own"
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.1.starts_with("undone: change of suggestion")),
        "{:?}",
        app.message
    );
    // History shows both, newest first.
    typ(&mut app, "H");
    let Some(Modal::History(h)) = app.modals.last() else {
        panic!("history opens")
    };
    assert_eq!(
        h.changes
            .iter()
            .map(|c| c.action.as_str())
            .collect::<Vec<_>>(),
        vec!["undo", "update", "insert"]
    );
    assert!(h.changes[1].fields.iter().any(|f| f.field == "replied_on"));
}

#[test]
fn the_palette_exports_and_backs_up_and_shows_where() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), Lang::En);
    typ(&mut app, ":json");
    app.handle_key(key(KeyCode::Enter));
    let msg = app.message.clone().unwrap().1;
    let path = dir.path().join("exports").join("yufang-2026-06-01.json");
    assert_eq!(msg, format!("{} records written to {}", 7, path.display()));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"format\": \"yufang\"")
    );
    typ(&mut app, ":back");
    app.handle_key(key(KeyCode::Enter));
    let msg = app.message.clone().unwrap().1;
    assert!(
        msg.starts_with("backup written to ") && msg.contains("backups"),
        "{msg}"
    );
    typ(&mut app, ":ics");
    app.handle_key(key(KeyCode::Enter));
    assert!(
        dir.path()
            .join("exports")
            .join("yufang-2026-06-01.ics")
            .exists(),
        "{:?}",
        app.message
    );
}

/// The app on the suggestion list of an office with `n` draft suggestions titled 草稿建议0, 草稿建议1, ...
fn drafts_in_the_suggestion_list(dir: &std::path::Path, n: usize) -> App {
    let mut store = open(&dir.join("y.db"), "2026-06-01");
    let unit = store.insert(&mut Unit::new("县卫健局")).unwrap();
    store
        .batch(|b| {
            for i in 0..n {
                b.insert(&mut Suggestion::new(&format!("草稿建议{i}"), unit))?;
            }
            Ok(())
        })
        .unwrap();
    let mut app = App::new(store, Lang::En);
    app.resize(100, 30);
    app.reload();
    typ(&mut app, "3");
    app
}

/// A filter that matches more than the count cap says "1000+" instead of reading every match.
#[test]
fn a_broad_filter_stops_counting_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = drafts_in_the_suggestion_list(dir.path(), 1005);
    assert_eq!(
        app.suggestions.total, 1005,
        "without a filter the count is exact"
    );
    let screen = yufang::ui::snapshot(app.sized(100, 30), 100, 30, &yufang::ui::Theme::plain());
    assert!(screen.contains("1–25 of 1005"), "{screen}");
    typ(&mut app, "/草稿");
    assert_eq!(
        app.suggestions.total,
        yufang::store::lists::FILTER_COUNT_CAP + 1
    );
    let screen = yufang::ui::snapshot(app.sized(100, 30), 100, 30, &yufang::ui::Theme::plain());
    assert!(screen.contains("1–25 of 1000+"), "{screen}");
}

/// Today's first load asks for a screenful a section; the rest arrives before the cursor first moves, and
/// the row under the cursor stays the same row.
#[test]
fn today_loads_a_screenful_first_and_the_rest_before_the_cursor_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("g.db"), "2026-06-01");
    yufang::r#gen::generate(
        &mut store,
        &yufang::r#gen::Options {
            suggestions: 5000,
            seed: 3,
        },
    )
    .unwrap();
    let mut app = App::new(store, Lang::En);
    app.resize(100, 20);
    app.reload();
    let screen = 20;
    let long = Section::ALL
        .into_iter()
        .find(|s| app.section_total(*s) > screen)
        .expect("a section longer than the screen");
    let first_len = app.section_len(long);
    assert!(first_len < screen, "{first_len}");
    // The cursor sits on the first row after the cut section: rows arrive above it, and it must stay on
    // its row.
    app.today_cursor = Section::ALL
        .iter()
        .take_while(|s| **s != long)
        .map(|s| app.section_len(*s))
        .sum::<usize>()
        + first_len;
    let selected = app.today_selected();
    let Some(TodayLine::Item(s, 0)) = selected else {
        panic!("a row after the long section: {selected:?}")
    };
    assert_ne!(s, long);
    app.handle_key(key(KeyCode::Char('j')));
    assert!(app.section_len(long) > first_len);
    assert_eq!(
        app.section_len(long),
        app.section_total(long).min(yufang::app::TODAY_ROWS)
    );
    assert_eq!(app.today_selected(), Some(TodayLine::Item(s, 1)));
}

static KEY_WAITING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn key_waiting() -> bool {
    KEY_WAITING.load(std::sync::atomic::Ordering::SeqCst)
}

/// In the terminal the filter's read comes after the screen shows the typed text, and gives way to a key
/// typed meanwhile: a word that matches nothing in a national archive must not hold the keyboard.
#[test]
fn a_filter_read_gives_way_to_the_next_key() {
    use std::sync::atomic::Ordering::SeqCst;
    let dir = tempfile::tempdir().unwrap();
    let mut app = drafts_in_the_suggestion_list(dir.path(), 3000);
    app.input_waiting = Some(key_waiting);
    typ(&mut app, "/不存在");
    assert!(app.filter_pending, "typing only marks the list for reading");
    assert_eq!(app.suggestions.total, 3000);
    let screen = yufang::ui::snapshot(app.sized(100, 30), 100, 30, &yufang::ui::Theme::plain());
    assert!(
        screen.contains("/filter 不存在") && screen.contains("searching…"),
        "{screen}"
    );

    KEY_WAITING.store(true, SeqCst);
    assert!(!app.run_pending(), "a waiting key stops the read");
    assert!(app.filter_pending);
    assert!(
        app.message.is_none(),
        "stopping is not an error: {:?}",
        app.message
    );

    KEY_WAITING.store(false, SeqCst);
    assert!(app.run_pending());
    assert!(!app.filter_pending);
    assert_eq!(app.suggestions.total, 0);
    // The app's connection reads normally afterwards: the stop applies only while a filter is read.
    KEY_WAITING.store(true, SeqCst);
    app.reload();
    assert!(app.message.is_none(), "{:?}", app.message);
    assert_eq!(
        crate::common::reopen(&app)
            .suggestion_count(&Default::default(), Lang::En)
            .unwrap(),
        3000
    );
    KEY_WAITING.store(false, SeqCst);

    // A key that is not for the filter box works on the list as filtered.
    app.handle_key(key(KeyCode::Backspace));
    app.handle_key(key(KeyCode::Enter));
    assert!(app.filter_pending);
    app.handle_key(key(KeyCode::Char('j')));
    assert!(!app.filter_pending);
    assert_eq!(app.suggestions.total, 0, "草稿 is not 不存: still nothing");
}

#[test]
fn the_hint_line_offers_what_acts_here_and_always_help_and_quit() {
    use yufang::ui::{Theme, snapshot};
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let (mut app, _) = {
            let d = dir.path().join(format!("{lang:?}"));
            std::fs::create_dir_all(&d).unwrap();
            app_on(&d, lang)
        };
        for pane in Pane::ALL {
            app.pane = pane;
            for (w, h) in [(60, 16), (80, 24), (160, 45)] {
                let screen = snapshot(app.sized(w, h), w, h, &Theme::plain());
                let hints = screen.lines().last().unwrap_or("");
                let (help, quit) = (
                    lang.t(yufang::i18n::K::HkHelp),
                    lang.t(yufang::i18n::K::HkQuit),
                );
                assert!(
                    hints.contains(&format!("? {help}")) && hints.contains(&format!("q {quit}")),
                    "{pane:?} {w}x{h}: {hints}"
                );
                if pane == Pane::Today {
                    // `n` does nothing on Today: not offered.
                    let new = format!("n {}", lang.t(yufang::i18n::K::HkNew));
                    assert!(!hints.contains(&new), "{hints}");
                }
            }
        }
    }
}

#[test]
fn a_rebound_key_works_in_a_modal_and_the_old_one_no_longer_does() {
    use yufang::app::keymap::{Action, Ctx, Keymap, Override};
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_on(dir.path(), Lang::En);
    let (map, problems) = Keymap::with_overrides(&[Override {
        ctx: Ctx::Confirm,
        action: Action::ConfirmYes,
        keys: vec![(KeyCode::Char('j'), KeyModifiers::NONE)],
    }]);
    assert!(problems.is_empty());
    app.set_keymap(map);
    typ(&mut app, "U");
    typ(&mut app, "x");
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.modals.last(), Some(Modal::Confirm(_))));
    typ(&mut app, "y");
    assert!(
        matches!(app.modals.last(), Some(Modal::Confirm(_))),
        "y is no longer yes"
    );
    typ(&mut app, "j");
    assert!(app.modals.is_empty(), "j discarded the form");
}
