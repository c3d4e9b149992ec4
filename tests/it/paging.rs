//! Keyset paging of the long lists: scrolling by page or by row, down and up, and `G` then up, must show exactly
//! the rows of the list's whole ORDER BY read by OFFSET, in every sort order, with NULL keys, ties and filters.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ratatui::crossterm::event::KeyCode;
use yufang::app::units::UnitsFocus;
use yufang::app::{App, Pane, Window};
use yufang::i18n::Lang;
use yufang::store::StoreError;
use yufang::store::lists::{
    CaseQuery, CaseSort, Page, Seek, StateFilter, SuggestionQuery, SuggestionSort,
};
use yufang::store::units::{ActivityQuery, UnitFlag, UnitQuery};

use crate::app::{key, typ};
use crate::common::open;

/// More than any list holds, so a read with it is the whole list.
const ALL: usize = 1_000_000;

/// One generated office for every test here; each test opens its own copy.
fn template() -> &'static Path {
    static PATH: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = PATH.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let mut store = open(&path, "2026-06-01");
        yufang::r#gen::generate(
            &mut store,
            &yufang::r#gen::Options {
                suggestions: 3000,
                seed: 11,
            },
        )
        .unwrap();
        // The generator always dates cases and work and numbers a suggestion in full; a store written by an
        // import or an older version need not, and every list must still page through such rows.
        for sql in [
            "UPDATE cases SET filed_on = NULL WHERE id % 13 = 0",
            "UPDATE cases SET unit_id = NULL WHERE id % 17 = 0",
            "UPDATE activities SET planned_on = NULL, done_on = NULL WHERE id % 19 = 0",
            "UPDATE suggestions SET doc_seq = NULL WHERE id % 23 = 0 AND doc_year IS NOT NULL",
        ] {
            assert!(store.conn().execute(sql, []).unwrap() > 0, "{sql}");
        }
        drop(store);
        (dir, path)
    });
    path
}

fn app_on_copy(dir: &Path) -> App {
    let path = dir.join("y.db");
    std::fs::copy(template(), &path).unwrap();
    let mut app = App::new(open(&path, "2026-06-01"), Lang::En);
    app.resize(100, 20); // 15 rows a page
    app.reload();
    app
}

/// How many rows of `sql` (a count) the generated office has: the walks below are only worth something where
/// the keys they cross have NULLs and ties.
fn count(app: &App, sql: &str) -> i64 {
    crate::common::reopen(app)
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// The window on screen shows `expected[offset..]` and the cursor is on `expected[cursor]`.
fn check<R>(w: &Window<R>, id: &impl Fn(&R) -> i64, expected: &[i64], page: usize, what: &str) {
    let ids: Vec<i64> = w.rows.iter().map(id).collect();
    assert_eq!(w.total, expected.len(), "{what}: total");
    let end = (w.offset + page).min(expected.len());
    assert_eq!(
        ids,
        expected[w.offset.min(end)..end],
        "{what}: rows at offset {} (cursor {})",
        w.offset,
        w.cursor
    );
    if !expected.is_empty() {
        assert_eq!(
            w.selected().map(id),
            Some(expected[w.cursor]),
            "{what}: cursor"
        );
    }
}

/// Scrolls the list `win` reads every way a user can and checks each window against `expected`.
fn walk<R>(
    app: &mut App,
    win: impl Fn(&App) -> &Window<R>,
    id: impl Fn(&R) -> i64,
    page: usize,
    expected: &[i64],
    what: &str,
) {
    let n = expected.len();
    assert!(n > 2 * page, "{what}: {n} rows make too short a walk");
    let last = n - 1;
    typ(app, "g");
    check(win(app), &id, expected, page, &format!("{what} top"));
    for _ in 0..n {
        if win(app).cursor == last {
            break;
        }
        app.handle_key(key(KeyCode::PageDown));
        check(win(app), &id, expected, page, &format!("{what} PgDn"));
    }
    assert_eq!(win(app).cursor, last, "{what}: PgDn reaches the end");
    for _ in 0..n {
        if win(app).cursor == 0 {
            break;
        }
        app.handle_key(key(KeyCode::PageUp));
        check(win(app), &id, expected, page, &format!("{what} PgUp"));
    }
    assert_eq!(win(app).cursor, 0, "{what}: PgUp reaches the top");
    // Row by row the window moves by one, so every row on the way is once the row a seek starts from.
    for _ in 0..last {
        typ(app, "j");
        check(win(app), &id, expected, page, &format!("{what} j"));
    }
    assert_eq!(win(app).cursor, last, "{what}: j reaches the end");
    for _ in 0..last {
        typ(app, "k");
        check(win(app), &id, expected, page, &format!("{what} k"));
    }
    assert_eq!(win(app).cursor, 0, "{what}: k reaches the top");
    typ(app, "G");
    check(win(app), &id, expected, page, &format!("{what} G"));
    assert_eq!(win(app).cursor, last, "{what}: G");
    for _ in 0..3 * page {
        typ(app, "k");
        check(win(app), &id, expected, page, &format!("{what} G k"));
    }
    typ(app, "G");
    app.handle_key(key(KeyCode::PageUp));
    check(win(app), &id, expected, page, &format!("{what} G PgUp"));
}

fn walk_cases(app: &mut App, q: CaseQuery) {
    let expected: Vec<i64> = crate::common::reopen(app)
        .case_rows(&q, Lang::En, 0, ALL)
        .unwrap()
        .iter()
        .map(|r| r.case.id)
        .collect();
    app.cases.query = q.clone();
    app.cases.cursor = 0;
    app.cases.offset = 0;
    app.reload();
    let page = app.page;
    walk(
        app,
        |a| &a.cases,
        |r| r.case.id,
        page,
        &expected,
        &format!("{q:?}"),
    );
}

fn walk_suggestions(app: &mut App, q: SuggestionQuery) {
    let expected: Vec<i64> = crate::common::reopen(app)
        .suggestion_rows(&q, Lang::En, 0, ALL)
        .unwrap()
        .iter()
        .map(|r| r.suggestion.id)
        .collect();
    app.suggestions.query = q.clone();
    app.suggestions.cursor = 0;
    app.suggestions.offset = 0;
    app.reload();
    let page = app.page;
    walk(
        app,
        |a| &a.suggestions,
        |r| r.suggestion.id,
        page,
        &expected,
        &format!("{q:?}"),
    );
}

#[test]
fn case_list_pages_like_offset_in_every_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_copy(dir.path());
    // NULL keys and ties for the seeks to cross.
    assert!(
        count(
            &app,
            "SELECT count(*) FROM (SELECT filed_on FROM cases GROUP BY filed_on HAVING count(*) > 1)"
        ) > 0
    );
    typ(&mut app, "2");
    assert_eq!(app.pane, Pane::Cases);
    for sort in CaseSort::ALL {
        for desc in [false, true] {
            walk_cases(
                &mut app,
                CaseQuery {
                    sort,
                    desc,
                    ..CaseQuery::default()
                },
            );
        }
    }
    walk_cases(
        &mut app,
        CaseQuery {
            filter: "局".into(),
            desc: true,
            ..CaseQuery::default()
        },
    );
}

#[test]
fn suggestion_list_pages_like_offset_in_every_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_copy(dir.path());
    for col in ["doc_year", "received_on", "reply_due"] {
        let nulls = format!("SELECT count(*) FROM suggestions WHERE {col} IS NULL");
        assert!(count(&app, &nulls) > 0, "{col}");
    }
    assert!(
        count(
            &app,
            "SELECT count(*) FROM (SELECT 1 FROM suggestions GROUP BY received_on HAVING count(*) > 1)"
        ) > 0
    );
    typ(&mut app, "3");
    assert_eq!(app.pane, Pane::Suggestions);
    for sort in SuggestionSort::ALL {
        for desc in [false, true] {
            walk_suggestions(
                &mut app,
                SuggestionQuery {
                    sort,
                    desc,
                    ..SuggestionQuery::default()
                },
            );
        }
    }
    for state in [StateFilter::Replied, StateFilter::Closed] {
        walk_suggestions(
            &mut app,
            SuggestionQuery {
                state,
                desc: true,
                ..SuggestionQuery::default()
            },
        );
    }
    walk_suggestions(
        &mut app,
        SuggestionQuery {
            filter: "医".into(),
            sort: SuggestionSort::Received,
            ..SuggestionQuery::default()
        },
    );
}

#[test]
fn unit_and_activity_lists_page_like_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_copy(dir.path());
    assert!(
        count(
            &app,
            "SELECT count(*) FROM (SELECT 1 FROM activities GROUP BY coalesce(done_on, planned_on) HAVING count(*) > 1)"
        ) > 0
    );
    typ(&mut app, "5");
    assert_eq!(app.pane, Pane::Units);
    let (units_page, activities_page) = app.units_pages();
    for flag in [UnitFlag::All, UnitFlag::LeadingGroup] {
        let q = UnitQuery {
            flag,
            ..UnitQuery::default()
        };
        let expected: Vec<i64> = crate::common::reopen(&app)
            .unit_rows(&q, 0, ALL)
            .unwrap()
            .iter()
            .map(|r| r.unit.id)
            .collect();
        app.units_pane.units.query = q;
        app.units_pane.focus = UnitsFocus::Units;
        app.reload();
        walk(
            &mut app,
            |a| &a.units_pane.units,
            |r| r.unit.id,
            units_page,
            &expected,
            &format!("units {flag:?}"),
        );
    }
    for filter in ["", "约谈"] {
        let q = ActivityQuery {
            filter: filter.into(),
            ..ActivityQuery::default()
        };
        let expected: Vec<i64> = crate::common::reopen(&app)
            .activity_rows(&q, Lang::En, 0, ALL)
            .unwrap()
            .iter()
            .map(|r| r.activity.id)
            .collect();
        app.units_pane.activities.query = q;
        app.units_pane.focus = UnitsFocus::Activities;
        app.reload();
        walk(
            &mut app,
            |a| &a.units_pane.activities,
            |r| r.activity.id,
            activities_page,
            &expected,
            &format!("activities {filter:?}"),
        );
    }
}

#[test]
fn a_reload_deep_in_the_list_keeps_the_rows_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_copy(dir.path());
    typ(&mut app, "3");
    for _ in 0..20 {
        app.handle_key(key(KeyCode::PageDown));
    }
    let before: Vec<i64> = app
        .suggestions
        .rows
        .iter()
        .map(|r| r.suggestion.id)
        .collect();
    let (offset, cursor) = (app.suggestions.offset, app.suggestions.cursor);
    app.reload();
    let after: Vec<i64> = app
        .suggestions
        .rows
        .iter()
        .map(|r| r.suggestion.id)
        .collect();
    assert_eq!(after, before);
    assert_eq!(
        (app.suggestions.offset, app.suggestions.cursor),
        (offset, cursor)
    );
    // A taller terminal shows more rows from the same first row.
    app.resize(100, 30);
    let taller: Vec<i64> = app
        .suggestions
        .rows
        .iter()
        .map(|r| r.suggestion.id)
        .collect();
    assert_eq!(taller.len(), 25);
    assert_eq!(taller[..15], before[..]);
    assert_eq!(app.suggestions.offset, offset);
    // Sorting the other way keeps the cursor's index but reads the rows of the new order there.
    typ(&mut app, "S");
    let q = app.suggestions.query.clone();
    let expected: Vec<i64> = crate::common::reopen(&app)
        .suggestion_rows(&q, Lang::En, app.suggestions.offset, 25)
        .unwrap()
        .iter()
        .map(|r| r.suggestion.id)
        .collect();
    let shown: Vec<i64> = app
        .suggestions
        .rows
        .iter()
        .map(|r| r.suggestion.id)
        .collect();
    assert_eq!(shown, expected);
}

/// Rows a seek asks for in the tests of the seeks themselves.
const SEEK_ROWS: usize = 15;

/// Every kind of seek, from every 7th row of the list (so each NULL segment's edge and each run of ties lies
/// inside some seek's rows), reads the rows the whole list has there. The OFFSET a seek carries is 0, so a seek
/// that fell back to OFFSET would read the top instead; the app's own fallback cannot hide a wrong seek here.
fn check_seeks<R>(
    what: &str,
    page: impl Fn(Seek<'_>, usize) -> Result<Page<R>, StoreError>,
    id: impl Fn(&R) -> i64,
) {
    let all = page(Seek::Offset(0), ALL).unwrap();
    let ids: Vec<i64> = all.rows.iter().map(&id).collect();
    let n = ids.len();
    assert!(n > 2 * SEEK_ROWS, "{what}: {n} rows");
    let read = |seek: Seek<'_>| -> Vec<i64> {
        page(seek, SEEK_ROWS)
            .unwrap()
            .rows
            .iter()
            .map(&id)
            .collect()
    };
    for (i, key) in all.keys.iter().enumerate().step_by(7) {
        let after = Seek::After {
            key,
            inclusive: false,
            offset: 0,
        };
        let end = (i + 1 + SEEK_ROWS).min(n);
        assert_eq!(read(after), ids[i + 1..end], "{what}: after row {i}");
        let from = Seek::After {
            key,
            inclusive: true,
            offset: 0,
        };
        let end = (i + SEEK_ROWS).min(n);
        assert_eq!(read(from), ids[i..end], "{what}: from row {i}");
        let before = Seek::Before { key, offset: 0 };
        let start = i.saturating_sub(SEEK_ROWS);
        assert_eq!(read(before), ids[start..i], "{what}: before row {i}");
    }
    assert_eq!(read(Seek::End), ids[n - SEEK_ROWS..], "{what}: end");
}

#[test]
fn every_seek_reads_the_rows_offset_reads() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_on_copy(dir.path());
    let store = &crate::common::reopen(&app);
    for sort in CaseSort::ALL {
        for desc in [false, true] {
            let q = CaseQuery {
                sort,
                desc,
                ..CaseQuery::default()
            };
            check_seeks(
                &format!("{q:?}"),
                |seek, limit| store.case_page(&q, Lang::En, seek, limit),
                |r| r.case.id,
            );
        }
    }
    for sort in SuggestionSort::ALL {
        for desc in [false, true] {
            let q = SuggestionQuery {
                sort,
                desc,
                ..SuggestionQuery::default()
            };
            check_seeks(
                &format!("{q:?}"),
                |seek, limit| store.suggestion_page(&q, Lang::En, seek, limit),
                |r| r.suggestion.id,
            );
        }
    }
    let q = UnitQuery::default();
    check_seeks(
        "units",
        |seek, limit| store.unit_page(&q, seek, limit),
        |r| r.unit.id,
    );
    let q = ActivityQuery::default();
    check_seeks(
        "activities",
        |seek, limit| store.activity_page(&q, Lang::En, seek, limit),
        |r| r.activity.id,
    );
}
