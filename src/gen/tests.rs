//! The generator's tests: determinism, every state present, records valid by the domain's rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use super::*;
use crate::domain::{HolidayTable, Rules, Settings, StateKind};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or(NaiveDate::MIN)
}

fn open(dir: &tempfile::TempDir, name: &str) -> Store {
    let rules = Rules::new(Settings::default(), HolidayTable::builtin());
    Store::open(&dir.path().join(name), rules, today()).unwrap()
}

/// Every row of the generated tables, as text, in id order.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for t in [
        "units",
        "cases",
        "suggestions",
        "suggestion_cases",
        "suggestion_copies",
        "follow_ups",
        "activities",
        "plans",
    ] {
        let mut q = store
            .conn()
            .prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2"))
            .unwrap();
        let n = q.column_count();
        let rows = q
            .query_map([], |r| {
                let mut line = t.to_string();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("|{v:?}"));
                }
                Ok(line)
            })
            .unwrap();
        out.extend(rows.map(|r| r.unwrap()));
    }
    out
}

#[test]
fn same_seed_same_office_other_seed_other_office() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        suggestions: 300,
        seed: 7,
    };
    let mut a = open(&dir, "a.db");
    let mut b = open(&dir, "b.db");
    let mut c = open(&dir, "c.db");
    let sa = generate(&mut a, &opts).unwrap();
    let sb = generate(&mut b, &opts).unwrap();
    generate(&mut c, &Options { seed: 8, ..opts }).unwrap();
    assert_eq!(sa, sb);
    assert_eq!(
        (sa.suggestions, sa.cases, sa.units, sa.activities),
        (300, 100, 15, 300)
    );
    assert!(sa.follow_ups > 100, "{sa:?}");
    assert_eq!(dump(&a), dump(&b));
    assert_ne!(dump(&a), dump(&c));
}

#[test]
fn every_state_valid_records_and_domain_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, "g.db");
    let indices = |s: &Store| -> i64 {
        s.conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = indices(&store);
    let sum = generate(
        &mut store,
        &Options {
            suggestions: 400,
            seed: 1,
        },
    )
    .unwrap();
    assert_eq!(indices(&store), before, "indices rebuilt after the load");
    let mode: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let rules = store.rules().clone();
    let t = today();
    let mut states = BTreeSet::new();
    for id in 1..=sum.suggestions as i64 {
        let s: Suggestion = store.get(id).unwrap();
        assert_eq!(s.validate(t), Ok(()), "{s:?}");
        let due = s.deadlines(&rules).dates();
        let stored: (Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>) = store
            .conn()
            .query_row(
                "SELECT investigation_due, filing_due, reply_due, visit_due FROM suggestions WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(
            stored,
            (due.investigation, due.filing, due.reply, due.visit)
        );
        states.insert(format!("{:?}", s.state(due.reply, t, &rules).kind()));
    }
    let all: BTreeSet<String> = StateKind::ALL.iter().map(|k| format!("{k:?}")).collect();
    assert_eq!(states, all);
    for id in 1..=sum.cases as i64 {
        let c: Case = store.get(id).unwrap();
        assert_eq!(c.validate(t), Ok(()), "{c:?}");
        let gap: Option<NaiveDate> = store
            .conn()
            .query_row("SELECT gap_from FROM cases WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(gap, c.gap_from());
    }
    for id in 1..=sum.follow_ups as i64 {
        let f: FollowUp = store.get(id).unwrap();
        assert_eq!(f.validate(t), Ok(()), "{f:?}");
    }
    for id in 1..=sum.activities as i64 {
        let a: Activity = store.get(id).unwrap();
        assert_eq!(a.validate(t), Ok(()), "{a:?}");
    }
    let unnumbered: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM suggestions WHERE (doc_no IS NULL) <> (issued_on IS NULL) \
             OR (doc_no IS NOT NULL AND (doc_year IS NULL OR doc_seq IS NULL))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unnumbered, 0);
    // The daily check finds open work in a store of this size.
    let check = store.daily_check(None).unwrap();
    assert!(!check.overdue_replies.is_empty() && !check.due_soon.is_empty());
}

#[test]
fn refuses_a_store_with_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, "u.db");
    store.insert(&mut Unit::new("清源县财政局")).unwrap();
    let r = generate(
        &mut store,
        &Options {
            suggestions: 10,
            seed: 1,
        },
    );
    assert!(matches!(r, Err(GenError::NotEmpty)), "{r:?}");
    assert_eq!(store.units().unwrap().len(), 1);
}

#[test]
fn place_names_are_unique() {
    let names: BTreeSet<String> = (0..20_000).map(place_name).collect();
    assert_eq!(names.len(), 20_000);
}
