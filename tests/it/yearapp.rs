//! The year in view in the app: the records behind every figure, the Plan & statistics pane, its year
//! selector and drill-down, the plan form and the three checks.

use yufang::domain::stats::{
    CaseGroup, Counts, Drill, Narrow, Period, SuggestionGroup, SuggestionSet,
};
use yufang::i18n::Lang;
use yufang::store::Store;
use yufang::store::lists::{CaseQuery, SuggestionQuery};
use yufang::store::units::ActivityQuery;

use crate::common::open;

fn sugs(store: &Store, drill: Drill) -> i64 {
    let q = SuggestionQuery {
        drill: Some(drill),
        ..SuggestionQuery::default()
    };
    store.suggestion_count(&q, Lang::En).unwrap() as i64
}

fn cases(store: &Store, drill: Drill) -> i64 {
    let q = CaseQuery {
        drill: Some(drill),
        ..CaseQuery::default()
    };
    store.case_count(&q, Lang::En).unwrap() as i64
}

/// Every figure of `c` against the count of the list its drill opens.
fn check_drills(store: &Store, p: Period, c: &Counts) {
    let as_of = p.as_of(store.today());
    let s = &c.suggestions;
    let sets = [
        (SuggestionSet::Issued, s.issued),
        (SuggestionSet::Replied, s.replied),
        (SuggestionSet::Adopted, s.adopted + s.partly_adopted),
        (SuggestionSet::OnTime, s.on_time),
        (SuggestionSet::FullyRectified, s.fully_rectified),
        (SuggestionSet::Visited, s.visited),
        (SuggestionSet::OverdueAtEnd, s.overdue_at_end),
        (SuggestionSet::Unreplied, s.unreplied),
    ];
    for (set, n) in sets {
        assert_eq!(sugs(store, Drill::suggestions(p, as_of, set)), n, "{set:?}");
    }
    let grouped = |g: SuggestionGroup, set| Drill::Suggestions {
        period: p,
        as_of,
        set,
        group: Some(g),
    };
    for g in &c.by_month {
        let m = || SuggestionGroup::Month(g.key.clone());
        assert_eq!(sugs(store, grouped(m(), SuggestionSet::Issued)), g.issued);
        assert_eq!(sugs(store, grouped(m(), SuggestionSet::Replied)), g.replied);
    }
    for g in &c.by_category {
        let d = grouped(
            SuggestionGroup::Category(g.key.clone()),
            SuggestionSet::Issued,
        );
        assert_eq!(sugs(store, d), g.issued);
    }
    for g in &c.by_industry {
        let d = grouped(
            SuggestionGroup::Industry(g.key.clone()),
            SuggestionSet::Issued,
        );
        assert_eq!(sugs(store, d), g.issued, "industry {}", g.key);
    }
    let case = |group| Drill::Cases { period: p, group };
    assert_eq!(cases(store, case(None)), c.cases.total);
    for t in &c.cases.by_crime_type {
        let n = cases(store, case(Some(CaseGroup::CrimeType(t.key.clone()))));
        assert_eq!(n, t.count, "crime {}", t.key);
    }
    for t in &c.cases.by_industry {
        let n = cases(store, case(Some(CaseGroup::Industry(t.key.clone()))));
        assert_eq!(n, t.count, "case industry {}", t.key);
    }
    for t in &c.activities {
        let q = ActivityQuery {
            drill: Some(Drill::Activities {
                period: p,
                kind: t.key.clone(),
            }),
            ..ActivityQuery::default()
        };
        assert_eq!(
            store.activity_count(&q, Lang::En).unwrap() as i64,
            t.count,
            "{}",
            t.key
        );
    }
}

#[test]
fn drilled_lists_count_what_the_figures_say() {
    let f = crate::report::office();
    for y in [2024, 2025, 2026] {
        let p = Period::year(y).unwrap();
        let c = f.store.counts(&p, &Narrow::default()).unwrap();
        check_drills(&f.store, p, &c);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("demo.db"), "2026-06-01");
    yufang::demo::load(&mut store).unwrap();
    let mut seen = 0;
    for y in [2025, 2026] {
        let p = Period::year(y).unwrap();
        let c = store.counts(&p, &Narrow::default()).unwrap();
        seen += c.suggestions.issued + c.cases.total;
        check_drills(&store, p, &c);
    }
    assert!(seen > 0, "the demo has figures to check");
}

use ratatui::crossterm::event::KeyCode;
use yufang::app::stats::StatLine;
use yufang::app::{App, Pane};
use yufang::ui::{Theme, snapshot};

use crate::app::{key, typ};

/// The report fixture's office (today 2026-03-15) in an app on the Plan & statistics pane.
fn stats_app(lang: Lang) -> (crate::report::Fixture, App) {
    let f = crate::report::office();
    let store = crate::common::open(f.store.path(), "2026-03-15");
    let mut app = App::new(store, lang);
    app.resize(80, 24);
    app.reload();
    typ(&mut app, "6");
    (f, app)
}

fn figure<'a>(app: &'a App, label: &str) -> &'a str {
    app.stats
        .items
        .iter()
        .find_map(|i| match &i.line {
            StatLine::Figure {
                label: l, value, ..
            } if l == label => Some(value.as_str()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no figure {label}"))
}

#[test]
fn the_year_selector_loads_the_year_before_and_after() {
    let (_f, mut app) = stats_app(Lang::En);
    assert_eq!(app.pane, Pane::Stats);
    assert_eq!(app.stats.year, 2026);
    assert_eq!(figure(&app, "suggestions issued"), "0");
    assert_eq!(figure(&app, "reply rate"), "0 / 0 = —");
    typ(&mut app, "[");
    assert_eq!(app.stats.year, 2025);
    // Hand count of the fixture: S1, S2, S3, S4 issued in 2025 (S5 withdrawn); S1, S2, S3 replied.
    assert_eq!(figure(&app, "suggestions issued"), "4");
    assert_eq!(figure(&app, "reply rate"), "3 / 4 = 75.00%");
    typ(&mut app, "]]");
    assert_eq!(app.stats.year, 2027);
    typ(&mut app, "[");
    assert_eq!(app.stats.year, 2026);
}

#[test]
fn every_figure_opens_the_records_it_counts() {
    let (_f, mut app) = stats_app(Lang::En);
    typ(&mut app, "[");
    let mut opened = 0;
    let n = app.stats.items.iter().filter(|i| i.drill.is_some()).count();
    typ(&mut app, "g");
    for step in 0..n {
        let item = app.stats.selected().cloned().unwrap();
        let want = match &item.line {
            StatLine::Gauge { done, .. } => *done,
            StatLine::Figure { value, .. } => value.split(' ').next().unwrap().parse().unwrap(),
            StatLine::Bar { value, .. } => *value,
            StatLine::Risk { cases, .. } => *cases,
            other => panic!("{other:?} has no records"),
        };
        app.handle_key(key(KeyCode::Enter));
        assert!(app.drilled(), "{item:?}");
        let total = match app.pane {
            Pane::Suggestions => app.suggestions.total,
            Pane::Cases => app.cases.total,
            Pane::Units => app.units_pane.activities.total,
            p => panic!("{p:?}"),
        };
        assert_eq!(total as i64, want, "{item:?}");
        opened += 1;
        app.handle_key(key(KeyCode::Esc));
        assert_eq!(app.pane, Pane::Stats, "Esc returns to the pane");
        assert!(app.suggestions.query.drill.is_none() && app.cases.query.drill.is_none());
        assert_eq!(app.stats.selected(), Some(&item), "the cursor stayed");
        if step + 1 < n {
            typ(&mut app, "j");
        }
    }
    assert!(opened > 10, "{opened}");
    // The lists show everything again.
    typ(&mut app, "3");
    assert_eq!(app.suggestions.total, 6);
}

fn report_json(db: &std::path::Path, year: i32) -> serde_json::Value {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yufang"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-03-15", "--lang", "en", "report", "--year"])
        .arg(year.to_string())
        .args(["--format", "json"])
        .env("YUFANG_CONFIG", "/nonexistent/yufang-test-config.toml")
        .env_remove("YUFANG_DB")
        .env_remove("YUFANG_TODAY")
        .env_remove("YUFANG_LANG")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_pane_shows_the_figures_of_report_json() {
    let (f, mut app) = stats_app(Lang::En);
    for year in [2026, 2025] {
        if year == 2025 {
            typ(&mut app, "[");
        }
        let json = report_json(f.store.path(), year);
        for r in json["rates"].as_array().unwrap() {
            let label = r["label"].as_str().unwrap();
            assert_eq!(
                figure(&app, label),
                r["now"]["text"].as_str().unwrap(),
                "{year} {label}"
            );
        }
        let now = &json["now"]["suggestions"];
        assert_eq!(
            figure(&app, "suggestions issued"),
            now["issued"].to_string()
        );
        assert_eq!(figure(&app, "replied"), now["replied"].to_string());
        assert_eq!(
            figure(&app, "overdue at the period's end"),
            now["overdue_at_end"].to_string()
        );
        assert_eq!(
            figure(&app, "cases filed"),
            json["now"]["cases"]["total"].to_string()
        );
        let gauges: Vec<(i64, Option<i64>)> = app
            .stats
            .items
            .iter()
            .filter_map(|i| match &i.line {
                StatLine::Gauge { done, target, .. } => Some((*done, *target)),
                _ => None,
            })
            .collect();
        let want: Vec<(i64, Option<i64>)> = json["plan_progress"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["done"].as_i64().unwrap(), p["target"].as_i64()))
            .collect();
        assert_eq!(gauges, want, "{year}");
        let risk: Vec<i64> = app
            .stats
            .items
            .iter()
            .filter_map(|i| match &i.line {
                StatLine::Risk { cases, .. } => Some(*cases),
                _ => None,
            })
            .collect();
        let want: Vec<i64> = json["risk"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["cases"].as_i64().unwrap())
            .collect();
        assert_eq!(risk, want, "{year}");
    }
}

#[test]
fn the_pane_at_80x24_in_both_languages() {
    for (lang, name) in [(Lang::En, "stats_en_80x24"), (Lang::Zh, "stats_zh_80x24")] {
        let (_f, mut app) = stats_app(lang);
        typ(&mut app, "[");
        let s = snapshot(app.sized(80, 24), 80, 24, &Theme::plain());
        insta::assert_snapshot!(name, s);
        let small = snapshot(app.sized(60, 16), 60, 16, &Theme::plain());
        assert!(small.contains("75.00%") || small.contains('4'), "{small}");
    }
}
