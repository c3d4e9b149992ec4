//! The SQL copy of the suggestion states, held to the domain: over random suggestions (with return visits)
//! and random days, every state filter of the suggestion list and every partial-index query of the daily
//! check and the calendar selects exactly the suggestions the domain's rules name. A rule edited on one side
//! only fails here.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use proptest::prelude::*;
use rusqlite::params_from_iter;

use super::sql::LOOK_BACK;
use crate::domain::calendar::DueKind;
use crate::domain::deadline::add_days;
use crate::domain::{
    Due, FollowUp, FollowUpKind, HolidayTable, Rectification, Rules, Settings, Suggestion, Unit,
};
use crate::i18n::Lang;
use crate::store::Store;
use crate::store::calendar::{CalItem, Target};
use crate::store::daily::{
    FIRST_VISIT, OPEN_FILING, OPEN_INVESTIGATION, OPEN_REPLY, SuggestionItem,
};
use crate::store::lists::{StateFilter, SuggestionQuery};
use crate::store::record::date;

/// One generated suggestion: which lifecycle steps happened, each a number of days after the one before.
#[derive(Clone, Debug)]
struct Plan {
    start: u16,
    decided: Option<u8>,
    issued: Option<u8>,
    received: Option<u8>,
    filed: Option<u8>,
    stated: Option<u8>,
    replied: Option<u8>,
    rectification: Option<u8>,
    closed: Option<u8>,
    withdrawn: Option<u8>,
    /// Return visits and look-back checks, in days from the reply (or the start), some before it.
    visits: Vec<(i16, bool)>,
}

fn plan() -> impl Strategy<Value = Plan> {
    let step = || proptest::option::weighted(0.6, 0u8..80);
    (
        (0u16..420, step(), step(), step(), step(), step()),
        (
            step(),
            proptest::option::of(0u8..3),
            proptest::option::weighted(0.2, 0u8..90),
            proptest::option::weighted(0.15, 0u8..90),
            proptest::collection::vec((-20i16..140, any::<bool>()), 0..3),
        ),
    )
        .prop_map(
            |(
                (start, decided, issued, received, filed, stated),
                (replied, rectification, closed, withdrawn, visits),
            )| Plan {
                start,
                decided,
                issued,
                received,
                filed,
                stated,
                replied,
                rectification,
                closed,
                withdrawn,
                visits,
            },
        )
}

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

/// A suggestion the store accepts (dates in lifecycle order) and its follow-ups.
fn build(p: &Plan, n: usize, unit: i64) -> (Suggestion, Vec<(NaiveDate, FollowUpKind)>) {
    let after = |d: NaiveDate, off: Option<u8>| off.map(|o| add_days(d, i64::from(o)));
    let mut s = Suggestion::new(&format!("建议{n}"), unit);
    let start = add_days(day0(), i64::from(p.start));
    s.decided_on = after(start, p.decided);
    let base = s.decided_on.unwrap_or(start);
    s.issued_on = after(base, p.issued);
    if let Some(issued) = s.issued_on {
        s.doc_no = Some(format!(
            "X检建〔{}〕{}号",
            chrono::Datelike::year(&issued),
            n + 1
        ));
        s.received_on = after(issued, p.received);
        s.served_on = s.received_on;
        s.filed_on = after(issued, p.filed);
        s.stated_reply_due = after(issued, p.stated);
        s.withdrawn_on = after(issued, p.withdrawn);
    } else {
        s.withdrawn_on = after(base, p.withdrawn);
    }
    if let Some(received) = s.received_on {
        s.replied_on = after(received, p.replied);
    }
    if s.replied_on.is_some() {
        s.rectification = p.rectification.and_then(|r| match r {
            0 => Some(Rectification::Full),
            1 => Some(Rectification::Partial),
            _ => None,
        });
    }
    let latest = s.replied_on.or(s.issued_on).unwrap_or(base);
    s.closed_on = after(latest, p.closed);
    let from = s.replied_on.unwrap_or(start);
    let visits = p
        .visits
        .iter()
        .map(|(off, look_back)| {
            let kind = if *look_back {
                FollowUpKind::LookBack
            } else {
                FollowUpKind::ReturnVisit
            };
            (add_days(from, i64::from(*off)), kind)
        })
        .collect();
    (s, visits)
}

struct Office {
    _dir: tempfile::TempDir,
    store: Store,
    /// Each suggestion as the store holds it, with its latest return visit or look-back.
    items: Vec<(Suggestion, Option<NaiveDate>)>,
}

fn office(plans: &[Plan]) -> Office {
    let dir = tempfile::tempdir().unwrap();
    let rules = Rules::new(Settings::default(), HolidayTable::builtin());
    // Entered "later", so no generated date is in the future for validation.
    let later = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let mut store = Store::open(&dir.path().join("y.db"), rules, later).unwrap();
    let unit = store.insert(&mut Unit::new("清源县水利局")).unwrap();
    let mut items = Vec::new();
    for (n, p) in plans.iter().enumerate() {
        let (mut s, visits) = build(p, n, unit);
        let id = store
            .insert(&mut s)
            .unwrap_or_else(|e| panic!("{e:?} for {s:?}"));
        let mut last = None;
        for (day, kind) in visits {
            store.insert(&mut FollowUp::new(id, kind, day)).unwrap();
            last = last.max(Some(day));
        }
        let s: Suggestion = store.get(id).unwrap();
        items.push((s, last));
    }
    Office {
        _dir: dir,
        store,
        items,
    }
}

fn ids_where(store: &Store, cond: &str, args: &[NaiveDate]) -> BTreeSet<i64> {
    let sql = format!("SELECT s.id FROM suggestions s WHERE {cond}");
    let mut q = store.conn.prepare(&sql).unwrap();
    let rows = q
        .query_map(params_from_iter(args.iter().map(|d| date(Some(*d)))), |r| {
            r.get(0)
        })
        .unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

fn ids(items: &[SuggestionItem]) -> BTreeSet<i64> {
    items.iter().map(|i| i.suggestion.id).collect()
}

/// Which of the domain's answers a selection should hold.
type Judged = dyn Fn(&Due) -> bool;

/// Checks every SQL selection against the domain on `today`.
fn agree(o: &mut Office, today: NaiveDate) -> Result<(), TestCaseError> {
    o.store.set_today(today);
    let rules = o.store.rules.clone();
    let store = &o.store;
    let due = |kind, f: &Judged| -> BTreeSet<i64> {
        o.items
            .iter()
            .filter(|(s, last)| s.due(kind, *last, today, &rules).is_some_and(|d| f(&d)))
            .map(|(s, _)| s.id)
            .collect()
    };

    // The list's state filters.
    for filter in StateFilter::ALL {
        let q = SuggestionQuery {
            state: filter,
            ..Default::default()
        };
        let sql: BTreeSet<i64> = store
            .suggestion_rows(&q, Lang::En, 0, 10_000)
            .unwrap_or_default()
            .iter()
            .map(|r| r.suggestion.id)
            .collect();
        let domain: BTreeSet<i64> = o
            .items
            .iter()
            .filter(|(s, _)| {
                let reply = s.deadlines(&rules).dates().reply;
                filter.admits(s.state(reply, today, &rules).kind())
            })
            .map(|(s, _)| s.id)
            .collect();
        prop_assert_eq!(&sql, &domain, "state filter {:?} on {}", filter, today);
        prop_assert_eq!(
            store.suggestion_count(&q, Lang::En).unwrap_or(usize::MAX),
            domain.len()
        );
    }

    // The partial-index conditions themselves: owed exactly when the domain says so.
    let reads: [(&str, DueKind, &Judged); 3] = [
        (OPEN_REPLY, DueKind::Reply, &|d| d.standing.is_owed()),
        (OPEN_FILING, DueKind::Filing, &|d| d.standing.is_owed()),
        (OPEN_INVESTIGATION, DueKind::Investigation, &|d| {
            d.standing.is_owed()
        }),
    ];
    for (cond, kind, f) in reads {
        prop_assert_eq!(
            ids_where(store, cond, &[]),
            due(kind, f),
            "{} {}",
            cond,
            today
        );
    }
    let first = ids_where(store, FIRST_VISIT, &[]);
    let look_back = ids_where(store, LOOK_BACK, &[]);
    prop_assert!(first.is_disjoint(&look_back));
    let owed_visits = due(DueKind::Visit, &|d| d.standing.is_owed());
    prop_assert_eq!(
        first.union(&look_back).copied().collect::<BTreeSet<_>>(),
        owed_visits
    );

    // The daily check's sections, uncapped and with the SQL counts of a capped check.
    let check = store.daily_check(None).unwrap();
    let capped = store.daily_check_capped(None, Some(1)).unwrap();
    let sections: [(&[SuggestionItem], usize, DueKind, &Judged); 5] = [
        (
            &check.overdue_replies,
            capped.overdue_replies.total,
            DueKind::Reply,
            &|d| d.is_late(),
        ),
        (
            &check.due_soon,
            capped.due_soon.total,
            DueKind::Reply,
            &|d| d.is_soon(),
        ),
        (
            &check.filing_overdue,
            capped.filing_overdue.total,
            DueKind::Filing,
            &|d| d.is_late(),
        ),
        (
            &check.visits_due,
            capped.visits_due.total,
            DueKind::Visit,
            &|d| d.in_window,
        ),
        (
            &check.investigations_due,
            capped.investigations_due.total,
            DueKind::Investigation,
            &|d| d.in_window,
        ),
    ];
    for (i, (rows, total, kind, f)) in sections.into_iter().enumerate() {
        let want = due(kind, f);
        prop_assert_eq!(ids(rows), want.clone(), "section {} on {}", i, today);
        prop_assert_eq!(total, want.len(), "section {} total on {}", i, today);
        for r in rows {
            let d = o
                .items
                .iter()
                .find(|(s, _)| s.id == r.suggestion.id)
                .and_then(|(s, last)| s.due(kind, *last, today, &rules));
            prop_assert_eq!(
                d.map(|d| (d.date, d.days_overdue)),
                Some((r.deadline.date, r.days_overdue))
            );
        }
    }

    // The calendar: counts from the indices and the items of a range, against every owed deadline.
    let (from, to) = (add_days(today, -20), add_days(today, 45));
    let mut want: BTreeMap<(NaiveDate, DueKind), usize> = BTreeMap::new();
    let mut want_items = BTreeSet::new();
    for (s, last) in &o.items {
        for d in s.dues(*last, today, &rules).iter() {
            if d.standing.is_owed() && d.date >= from && d.date <= to {
                *want.entry((d.date, d.kind)).or_default() += 1;
                want_items.insert((d.date, d.kind, s.id));
            }
        }
    }
    let counts = store.deadline_counts(from, to).unwrap();
    let got: BTreeMap<(NaiveDate, DueKind), usize> = counts
        .iter()
        .flat_map(|(day, ks)| ks.iter().map(|(k, n)| ((*day, *k), *n)))
        .collect();
    prop_assert_eq!(got, want, "calendar counts on {}", today);
    let items: Vec<CalItem> = store.deadlines_between(from, to, Lang::En).unwrap();
    let got_items: BTreeSet<(NaiveDate, DueKind, i64)> = items
        .iter()
        .filter_map(|i| match i.target {
            Target::Suggestion(id) => Some((i.date, i.kind, id)),
            _ => None,
        })
        .collect();
    prop_assert_eq!(got_items, want_items, "calendar items on {}", today);
    Ok(())
}

proptest! {
    // Bounded so the whole property runs in a few seconds of `cargo test`.
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn list_state_filters_agree_with_the_domain(
        plans in proptest::collection::vec(plan(), 1..12),
        days in proptest::collection::vec(0i64..560, 1..3),
        edges in proptest::collection::vec(any::<prop::sample::Index>(), 1..4),
    ) {
        let mut o = office(&plans);
        for d in days {
            agree(&mut o, add_days(day0(), d))?;
        }
        // Random days rarely fall on a boundary, so also the days around an owed deadline's date and the
        // start of its warning window, where a `<` written for a `<=` shows.
        let rules = o.store.rules.clone();
        let owed: Vec<(NaiveDate, DueKind)> = o
            .items
            .iter()
            .flat_map(|(s, last)| s.dues(*last, day0(), &rules).iter().cloned().collect::<Vec<_>>())
            .filter(|d| d.standing.is_owed())
            .map(|d| (d.date, d.kind))
            .collect();
        if owed.is_empty() {
            return Ok(());
        }
        for which in edges {
            let (date, kind) = owed[which.index(owed.len())];
            let start = -i64::from(rules.warn_days(kind));
            for off in [start - 1, start, 0, 1] {
                agree(&mut o, add_days(date, off))?;
            }
        }
    }
}
