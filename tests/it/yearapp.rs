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
