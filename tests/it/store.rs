//! Store tests on a temp SQLite file: migrations, every entity, locking, the change log, the daily check.

use std::collections::BTreeSet;

use yufang::domain::{
    Activity, ActivityKind, Adoption, Case, EscalationStep, FollowUp, FollowUpKind, HolidayTable,
    Plan, Rules, Settings, State, Suggestion, Unit,
};
use yufang::i18n::{K, Lang};
use yufang::store::{Store, StoreError, schema_version};

use crate::common::{d, open, rules, small_office};

fn hash(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn migrates_from_empty_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    {
        let store = open(&path, "2026-06-01");
        let v: i64 = store
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema_version());
        let fk: i64 = store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }
    let mut store = open(&path, "2026-06-01");
    let id = store.insert(&mut Unit::new("县财政局")).unwrap();
    drop(store);
    let store = open(&path, "2026-06-01");
    assert_eq!(store.get::<Unit>(id).unwrap().name, "县财政局");
}

#[test]
fn every_entity_round_trips_and_every_write_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    let mut store = open(&path, "2026-06-01");
    let o = small_office(&mut store);
    let mut f = FollowUp::new(o.overdue, FollowUpKind::Escalation, d("2026-05-20"));
    f.step = Some(EscalationStep::CompetentDept);
    f.record = "函告县交通运输局主管部门".into();
    let fid = store.insert(&mut f).unwrap();
    let mut p = Plan::new(2026);
    p.targets.insert(ActivityKind::Analysis, 6);
    p.targets.insert(ActivityKind::Warning, 4);
    p.suggestion_target = Some(10);
    p.midyear_check_on = Some(d("2026-07-01"));
    let pid = store.insert(&mut p).unwrap();
    let mut s = store.get::<Suggestion>(o.replied).unwrap();
    s.copied_to = vec![o.other_unit];
    s.adoption = Some(Adoption::Partly);
    store.update(&mut s).unwrap();
    let before = store.change_count().unwrap();
    drop(store);

    let store = open(&path, "2026-06-01");
    assert_eq!(store.get::<FollowUp>(fid).unwrap(), f);
    assert_eq!(store.get::<Plan>(pid).unwrap(), p);
    let back = store.get::<Suggestion>(o.replied).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.case_ids, vec![o.case_closed]);
    assert_eq!(back.copied_to, vec![o.other_unit]);
    assert_eq!(back.version, 2);
    let c = store.get::<Case>(o.case_closed).unwrap();
    assert_eq!(c.suspect, "王某");
    // small_office: 2 units + 1 case + 3 suggestions + 1 activity; then 1 follow-up, 1 plan, 1 update.
    assert_eq!(before, 10);
    let (action, before_json, after_json): (String, Option<String>, Option<String>) = store
        .conn()
        .query_row(
            "SELECT action, before, after FROM change_log WHERE entity = 'suggestions' AND entity_id = ?1 ORDER BY id DESC LIMIT 1",
            [o.replied],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(action, "update");
    assert!(before_json.unwrap().contains("\"adoption\":null"));
    assert!(after_json.unwrap().contains("\"adoption\":\"partly\""));
}

#[test]
fn a_newer_store_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    {
        let store = open(&path, "2026-06-01");
        store
            .conn()
            .pragma_update(None, "user_version", schema_version() + 1)
            .unwrap();
        store
            .conn()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    let before = hash(&path);
    let err = Store::open(&path, rules(), d("2026-06-01")).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { .. }));
    assert!(err.message(Lang::En).contains("newer yufang"));
    assert!(err.message(Lang::Zh).contains("较新版本"));
    assert_eq!(hash(&path), before);
}

#[test]
fn duplicate_document_numbers_are_rejected_in_any_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-06-01");
    let o = small_office(&mut store);
    let count = store.change_count().unwrap();
    let mut s = Suggestion::new("重复文号", o.unit);
    s.doc_no = Some("X检建[2026]第1号".into());
    s.issued_on = Some(d("2026-05-01"));
    let err = store.insert(&mut s).err().unwrap();
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                entity: K::ESuggestion,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.message(Lang::En),
        "suggestion already exists: X检建〔2026〕1号"
    );
    assert_eq!(
        store.change_count().unwrap(),
        count,
        "a refused write leaves no log row"
    );
    s.doc_no = Some("X检建〔2026〕4号".into());
    store.insert(&mut s).unwrap();
    assert_eq!(
        store.next_doc_no(2026).unwrap().to_string(),
        "X检建〔2026〕5号"
    );
    assert_eq!(
        store.next_doc_no(2027).unwrap().to_string(),
        "X检建〔2027〕1号"
    );
}

#[test]
fn stale_updates_fail_loudly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    let mut a = open(&path, "2026-06-01");
    let mut b = open(&path, "2026-06-01");
    let id = a.insert(&mut Unit::new("县水利局")).unwrap();
    let mut first = a.get::<Unit>(id).unwrap();
    let mut second = b.get::<Unit>(id).unwrap();
    first.contact_person = "李某".into();
    a.update(&mut first).unwrap();
    second.contact_person = "赵某".into();
    let err = b.update(&mut second).err().unwrap();
    assert!(matches!(err, StoreError::Stale { .. }));
    assert_eq!(
        err.message(Lang::En),
        format!("unit #{id} was changed elsewhere since it was loaded; reload and try again")
    );
    assert_eq!(a.get::<Unit>(id).unwrap().contact_person, "李某");
}

#[test]
fn invalid_records_and_dangling_references_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-06-01");
    let o = small_office(&mut store);
    let n = store.change_count().unwrap();
    let mut s = Suggestion::new("", 999);
    let err = store.insert(&mut s).err().unwrap();
    assert!(
        err.message(Lang::En).contains("title: required"),
        "{}",
        err.message(Lang::En)
    );
    let mut s = Suggestion::new("x", 999);
    assert!(matches!(
        store.insert(&mut s),
        Err(StoreError::NotFound {
            entity: K::EUnit,
            id: 999
        })
    ));
    let err = store.delete::<Unit>(o.unit, 1).err().unwrap();
    assert!(matches!(err, StoreError::InUse { .. }));
    assert_eq!(store.change_count().unwrap(), n);
}

#[test]
fn daily_check_lists_what_is_late() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-06-01");
    let o = small_office(&mut store);
    let c = store.daily_check(None).unwrap();
    let ids = |v: &[yufang::store::daily::SuggestionItem]| {
        v.iter().map(|i| i.suggestion.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(&c.overdue_replies), vec![o.overdue]);
    assert_eq!(c.overdue_replies[0].deadline.date, d("2026-04-03"));
    assert_eq!(c.overdue_replies[0].days_overdue, 59);
    assert_eq!(ids(&c.due_soon), vec![o.due_soon]);
    assert_eq!(c.due_soon[0].days_left(), 7);
    assert_eq!(ids(&c.visits_due), vec![o.replied]);
    assert!(c.filing_overdue.is_empty());
    assert_eq!(c.case_gaps.len(), 1);
    assert!(c.case_gaps[0].gap.missing_analysis && !c.case_gaps[0].gap.missing_suggestion);

    // Recording the missing work clears the lists.
    let mut a = Activity::new(ActivityKind::Analysis, "犯罪分析");
    a.case_id = Some(o.case_closed);
    a.done_on = Some(d("2026-05-30"));
    store.insert(&mut a).unwrap();
    let mut f = FollowUp::new(o.replied, FollowUpKind::ReturnVisit, d("2026-05-31"));
    f.record = "回访整改情况".into();
    store.insert(&mut f).unwrap();
    let mut s = store.get::<Suggestion>(o.overdue).unwrap();
    s.replied_on = Some(d("2026-06-01"));
    store.update(&mut s).unwrap();
    let c = store.daily_check(None).unwrap();
    assert!(c.overdue_replies.is_empty() && c.case_gaps.is_empty() && c.visits_due.is_empty());
}

/// SQL narrows through the indices and the domain decides: the two must agree for every day and every row.
#[test]
fn indexed_queries_agree_with_the_domain_rules_on_every_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-11-28");
    let unit = store.insert(&mut Unit::new("县住建局")).unwrap();
    let mut all = Vec::new();
    let start = d("2025-12-01");
    for i in 0..120i64 {
        let received = start + chrono::Days::new((i * 3) as u64);
        let mut s = Suggestion::new(&format!("建议{i}"), unit);
        s.doc_no = Some(format!(
            "X检建〔{}〕{}号",
            chrono::Datelike::year(&received),
            i + 1
        ));
        s.issued_on = Some(received);
        s.received_on = Some(received);
        if i % 7 == 0 {
            s.stated_reply_due = Some(received + chrono::Days::new(20));
        }
        if i % 5 == 0 {
            s.replied_on = Some(received + chrono::Days::new(30).min(chrono::Days::new(i as u64)));
        }
        if i % 11 == 0 {
            s.withdrawn_on = Some(received);
        }
        if i % 4 != 0 {
            s.filed_on = Some(received);
        }
        if chrono::Datelike::year(&received) != chrono::Datelike::year(&s.issued_on.unwrap()) {
            continue;
        }
        if s.validate(d("2026-11-28")).is_err() {
            continue;
        }
        store.insert(&mut s).unwrap();
        all.push(s);
    }
    let r = rules();
    let mut day = d("2026-01-01");
    let mut seen = [0usize; 3];
    while day <= d("2026-11-28") {
        store.set_today(day);
        let c = store.daily_check(None).unwrap();
        let got: BTreeSet<i64> = c.overdue_replies.iter().map(|i| i.suggestion.id).collect();
        let soon: BTreeSet<i64> = c.due_soon.iter().map(|i| i.suggestion.id).collect();
        let filing: BTreeSet<i64> = c.filing_overdue.iter().map(|i| i.suggestion.id).collect();
        let mut want = BTreeSet::new();
        let mut want_soon = BTreeSet::new();
        let mut want_filing = BTreeSet::new();
        for s in &all {
            // Records dated after `day` did not exist yet on that day in reality, but the rules still apply.
            let due = s.deadlines(&r).dates();
            match s.state(due.reply, day, &r) {
                State::Overdue { .. } => {
                    want.insert(s.id);
                }
                State::DueSoon { .. } => {
                    want_soon.insert(s.id);
                }
                _ => {}
            }
            if s.filing_overdue(due.filing, day).is_some() {
                want_filing.insert(s.id);
            }
        }
        // A capped check lists the first rows of the same order and counts the rest.
        let capped = store.daily_check_capped(None, Some(2)).unwrap();
        let first = |v: &[yufang::store::daily::SuggestionItem]| {
            v.iter()
                .take(2)
                .map(|i| i.suggestion.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(first(&capped.overdue_replies), first(&c.overdue_replies));
        assert_eq!(first(&capped.filing_overdue), first(&c.filing_overdue));
        assert_eq!(first(&capped.visits_due), first(&c.visits_due));
        assert_eq!(capped.overdue_replies.total, c.overdue_replies.len());
        assert_eq!(capped.due_soon.total, c.due_soon.len());
        assert_eq!(capped.filing_overdue.total, c.filing_overdue.len());
        assert_eq!(capped.visits_due.total, c.visits_due.len());
        seen[0] += got.len();
        seen[1] += soon.len();
        seen[2] += filing.len();
        assert_eq!(got, want, "overdue on {day}");
        assert_eq!(soon, want_soon, "due soon on {day}");
        assert_eq!(filing, want_filing, "filing on {day}");
        day = day + chrono::Days::new(9);
    }
    assert!(
        seen.iter().all(|n| *n > 20),
        "the fixture must exercise every list: {seen:?}"
    );
}

/// Return visits and look-back checks: the daily check reads them from two indices in key order and stops
/// early when capped; the calendar reads a window. All must list exactly what the domain says, in order,
/// across two Spring Festivals (roll-forward over long holidays) and visits dated before the reply.
#[test]
fn follow_through_lists_agree_with_the_domain_on_every_day() {
    use yufang::domain::Rectification;
    use yufang::domain::calendar::DueKind;
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-11-28");
    let unit = store.insert(&mut Unit::new("县住建局")).unwrap();
    let days = |n: i64| chrono::Days::new(n as u64);
    let mut all: Vec<(Suggestion, Option<chrono::NaiveDate>)> = Vec::new();
    for i in 0..160i64 {
        let received = d("2024-09-02") + days(i * 4);
        let mut s = Suggestion::new(&format!("建议{i}"), unit);
        s.issued_on = Some(received);
        s.received_on = Some(received);
        s.filed_on = Some(received);
        s.doc_no = Some(format!(
            "X检建〔{}〕{}号",
            chrono::Datelike::year(&received),
            i + 1
        ));
        s.replied_on = Some(received + days(20 + i % 9));
        s.rectification = match i % 4 {
            0 => Some(Rectification::Full),
            1 => Some(Rectification::Partial),
            _ => None,
        };
        if i % 17 == 0 {
            s.closed_on = s.replied_on;
        }
        if s.replied_on > Some(d("2026-11-28")) {
            continue;
        }
        store.insert(&mut s).unwrap();
        let replied = s.replied_on.unwrap();
        let visits: Vec<chrono::NaiveDate> = match i % 5 {
            0 => vec![],
            1 => vec![replied + days(50 + i % 23)],
            2 => vec![replied + days(58), replied + days(120 + i % 11)],
            3 => vec![replied - days(3)],
            _ => vec![replied + days(i % 61)],
        };
        let visits: Vec<_> = visits
            .into_iter()
            .filter(|v| *v <= d("2026-11-28"))
            .collect();
        for (k, v) in visits.iter().enumerate() {
            let kind = if k == 0 {
                FollowUpKind::ReturnVisit
            } else {
                FollowUpKind::LookBack
            };
            let mut f = FollowUp::new(s.id, kind, *v);
            f.record = "回访".into();
            store.insert(&mut f).unwrap();
        }
        all.push((s, visits.into_iter().max()));
    }
    let r = rules();
    let mut day = d("2024-11-01");
    let (mut seen, mut look_backs) = (0, 0);
    while day <= d("2026-11-28") {
        store.set_today(day);
        let until = day + days(i64::from(r.settings.warn_visit_days));
        let mut want: Vec<(chrono::NaiveDate, i64)> = all
            .iter()
            .filter_map(|(s, last)| s.follow_through(*last, &r).map(|dl| (dl.date, s.id)))
            .filter(|(date, _)| *date <= until)
            .collect();
        want.sort();
        let c = store.daily_check(None).unwrap();
        let got: Vec<_> = c
            .visits_due
            .iter()
            .map(|i| (i.deadline.date, i.suggestion.id))
            .collect();
        assert_eq!(got, want, "visits due on {day}");
        for cap in [0, 1, 4, 9] {
            let capped = store.daily_check_capped(None, Some(cap)).unwrap();
            let got: Vec<_> = capped
                .visits_due
                .iter()
                .map(|i| (i.deadline.date, i.suggestion.id))
                .collect();
            assert_eq!(got, want[..want.len().min(cap)], "first {cap} on {day}");
            assert_eq!(capped.visits_due.total, want.len(), "total on {day}");
        }
        let to = day + days(41);
        let cal: Vec<_> = store
            .deadlines_between(day, to, Lang::En)
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == DueKind::Visit)
            .map(|i| i.date)
            .collect();
        let mut want_cal: Vec<_> = all
            .iter()
            .filter_map(|(s, last)| s.follow_through(*last, &r))
            .map(|dl| dl.date)
            .filter(|date| *date >= day && *date <= to)
            .collect();
        want_cal.sort();
        let mut cal = cal;
        cal.sort();
        assert_eq!(cal, want_cal, "calendar from {day}");
        seen += want.len();
        look_backs += c
            .visits_due
            .iter()
            .filter(|i| {
                i.deadline
                    .explain(Lang::En)
                    .starts_with("last return visit")
            })
            .count();
        day = day + days(1);
    }
    assert!(
        seen > 500 && look_backs > 50,
        "the fixture must exercise both reads: {seen} {look_backs}"
    );
}

#[test]
fn changing_the_rules_recomputes_stored_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    let mut store = open(&path, "2026-06-01");
    let o = small_office(&mut store);
    drop(store);
    let settings = Settings {
        reply_months: 1,
        ..Settings::default()
    };
    let store = Store::open(
        &path,
        Rules::new(settings, HolidayTable::builtin()),
        d("2026-06-01"),
    )
    .unwrap();
    let c = store.daily_check(None).unwrap();
    // With a one-month period the second suggestion (received 04-08) is overdue too.
    let ids: Vec<i64> = c.overdue_replies.iter().map(|i| i.suggestion.id).collect();
    assert_eq!(ids, vec![o.overdue, o.due_soon]);
}

#[test]
fn plans_are_unique_per_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-06-01");
    store.insert(&mut Plan::new(2026)).unwrap();
    assert!(matches!(
        store.insert(&mut Plan::new(2026)),
        Err(StoreError::Duplicate { .. })
    ));
    let mut bad = Plan::new(1900);
    assert!(matches!(
        store.insert(&mut bad),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn gap_rule_counts_only_this_cases_own_analysis_and_live_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-06-01");
    let o = small_office(&mut store);
    // A second closed case of the same unit, with its own crime analysis.
    let mut other = Case::new("清检刑诉〔2026〕13号");
    other.unit_id = Some(o.unit);
    other.status = yufang::domain::CaseStatus::Closed;
    other.closed_on = Some(d("2026-03-01"));
    let other = store.insert(&mut other).unwrap();
    let mut a = Activity::new(ActivityKind::Analysis, "另案犯罪分析");
    a.case_id = Some(other);
    a.unit_id = Some(o.unit);
    a.done_on = Some(d("2026-05-01"));
    store.insert(&mut a).unwrap();
    let gaps = |store: &Store| {
        store
            .daily_check(None)
            .unwrap()
            .case_gaps
            .into_iter()
            .map(|g| (g.case.id, g.gap.missing_analysis, g.gap.missing_suggestion))
            .collect::<Vec<_>>()
    };
    // The analysis of the other case does not cover ours; the other case still lacks a suggestion.
    assert_eq!(
        gaps(&store),
        vec![(other, false, true), (o.case_closed, true, false)]
    );
    // A planned, not yet done, analysis does not count either.
    let mut planned = Activity::new(ActivityKind::Analysis, "计划中的分析");
    planned.case_id = Some(o.case_closed);
    planned.planned_on = Some(d("2026-06-10"));
    store.insert(&mut planned).unwrap();
    assert!(gaps(&store).contains(&(o.case_closed, true, false)));
    // Withdrawing the only linked suggestion reopens the suggestion gap.
    let mut s = store.get::<Suggestion>(o.replied).unwrap();
    s.withdrawn_on = Some(d("2026-05-30"));
    store.update(&mut s).unwrap();
    assert!(gaps(&store).contains(&(o.case_closed, true, true)));
}

/// A store from schema 1 gains the trigger-kept follow-up facts with the right values when it is opened.
#[test]
fn migration_2_fills_the_follow_up_facts_of_an_old_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(yufang::store::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO units (id, name, level) VALUES (1, 'u', 'county');
             INSERT INTO cases (id, case_no, source, crime_type, status, closed_on, gap_from, unit_id)
                 VALUES (1, 'c1', 'own', 'other', 'closed', '2025-01-01', '2025-01-01', 1),
                        (2, 'c2', 'own', 'other', 'closed', '2025-01-01', '2025-01-01', 1);
             INSERT INTO activities (kind, title, done_on, case_id) VALUES ('analysis', 'a', '2025-02-01', 1);
             INSERT INTO suggestions (id, category, legal_type, title, recipient_id, replied_on)
                 VALUES (1, 'single', 'social_governance', 's', 1, '2025-03-01');
             INSERT INTO suggestion_cases VALUES (1, 2);
             INSERT INTO follow_ups (suggestion_id, kind, date) VALUES (1, 'return_visit', '2025-04-01');",
        )
        .unwrap();
    }
    let store = open(&path, "2026-06-01");
    let flags: Vec<(i64, bool, bool)> = store
        .conn()
        .prepare("SELECT id, has_analysis, has_suggestion FROM cases ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(flags, vec![(1, true, false), (2, false, true)]);
    let last: Option<String> = store
        .conn()
        .query_row(
            "SELECT last_visit_on FROM suggestions WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last.as_deref(), Some("2025-04-01"));
    assert_eq!(store.daily_check(None).unwrap().case_gaps.len(), 2);
}

/// The generator loads without triggers; the follow-up facts it leaves must equal what the triggers keep,
/// and every generated suggestion passes validation (evaluation never before rectification).
#[test]
fn generated_stores_carry_true_follow_up_facts() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("g.db"), "2026-06-01");
    yufang::r#gen::generate(
        &mut store,
        &yufang::r#gen::Options {
            suggestions: 3000,
            seed: 7,
        },
    )
    .unwrap();
    let bad: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM cases c WHERE c.has_analysis <> EXISTS (SELECT 1 FROM activities a WHERE a.case_id = c.id \
             AND a.kind = 'analysis' AND a.done_on IS NOT NULL) OR c.has_suggestion <> EXISTS (SELECT 1 FROM suggestion_cases sc \
             JOIN suggestions s ON s.id = sc.suggestion_id WHERE sc.case_id = c.id AND s.withdrawn_on IS NULL)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
    let bad: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM suggestions s WHERE s.last_visit_on IS NOT (SELECT max(f.date) FROM follow_ups f \
             WHERE f.suggestion_id = s.id AND f.kind IN ('return_visit', 'look_back')) OR s.evaluated_on < s.rectified_on",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
    let triggers = |store: &Store| -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let fresh = open(&dir.path().join("fresh.db"), "2026-06-01");
    assert!(triggers(&fresh) >= 18);
    assert_eq!(
        triggers(&store),
        triggers(&fresh),
        "the triggers are back after the load"
    );
    assert_eq!(stale_contacts(&store), 0);
}

/// Units whose stored latest contact differs from what their suggestions, follow-ups and activities say.
fn stale_contacts(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM units u WHERE u.last_contact_on IS NOT (SELECT max(d) FROM ( \
             SELECT s.served_on AS d FROM suggestions s WHERE s.recipient_id = u.id \
             UNION ALL SELECT f.date FROM follow_ups f JOIN suggestions s ON s.id = f.suggestion_id \
             WHERE s.recipient_id = u.id \
             UNION ALL SELECT a.done_on FROM activities a WHERE a.unit_id = u.id))",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// Every write that can change a unit's latest contact keeps it true: services, follow-ups and work done,
/// added, moved to another unit or suggestion, redated and deleted, and undone.
#[test]
fn a_units_latest_contact_follows_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-06-01");
    let o = small_office(&mut store);
    let contact = |store: &Store, id: i64| -> Option<String> {
        store
            .conn()
            .query_row(
                "SELECT last_contact_on FROM units WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(stale_contacts(&store), 0);
    // An old contact recorded late leaves the latest one alone.
    let mut old = FollowUp::new(o.replied, FollowUpKind::Inquiry, d("2025-01-02"));
    old.record = "补录".into();
    store.insert(&mut old).unwrap();
    assert_eq!(stale_contacts(&store), 0);
    let mut f = FollowUp::new(o.replied, FollowUpKind::Inquiry, d("2026-05-31"));
    f.record = "电话询问".into();
    store.insert(&mut f).unwrap();
    let unit = store.get::<Suggestion>(o.replied).unwrap().recipient_id;
    assert_eq!(contact(&store, unit).as_deref(), Some("2026-05-31"));
    f.date = d("2026-05-30");
    store.update(&mut f).unwrap();
    assert_eq!(contact(&store, unit).as_deref(), Some("2026-05-30"));
    assert_eq!(stale_contacts(&store), 0);
    f.suggestion_id = o.overdue;
    store.update(&mut f).unwrap();
    assert_eq!(stale_contacts(&store), 0);
    store.delete::<FollowUp>(f.id, f.version).unwrap();
    assert_eq!(stale_contacts(&store), 0);

    let mut a = Activity::new(ActivityKind::Warning, "警示教育讲座");
    a.unit_id = Some(o.other_unit);
    a.done_on = Some(d("2026-06-01"));
    store.insert(&mut a).unwrap();
    assert_eq!(contact(&store, o.other_unit).as_deref(), Some("2026-06-01"));
    a.unit_id = Some(o.unit);
    store.update(&mut a).unwrap();
    assert_eq!(contact(&store, o.unit).as_deref(), Some("2026-06-01"));
    assert_eq!(stale_contacts(&store), 0);
    store.undo_last().unwrap();
    assert_eq!(contact(&store, o.other_unit).as_deref(), Some("2026-06-01"));
    assert_eq!(stale_contacts(&store), 0);
    let a = store.get::<Activity>(a.id).unwrap();
    store.delete::<Activity>(a.id, a.version).unwrap();
    assert_eq!(stale_contacts(&store), 0);

    let mut s = Suggestion::new("关于规范公务接待的检察建议", o.other_unit);
    s.doc_no = Some("X检建〔2026〕9号".into());
    s.issued_on = Some(d("2026-05-20"));
    s.served_on = Some(d("2026-05-21"));
    store.insert(&mut s).unwrap();
    assert_eq!(stale_contacts(&store), 0);
    s.recipient_id = o.unit;
    store.update(&mut s).unwrap();
    assert_eq!(stale_contacts(&store), 0);
    store.delete::<Suggestion>(s.id, s.version).unwrap();
    assert_eq!(stale_contacts(&store), 0);
}

/// The unfiltered count of the prevention-work list is taken as "all minus the hidden kinds"; it must equal
/// the rows the list shows, with the historical kinds hidden and shown.
#[test]
fn the_activity_count_matches_the_listed_rows_with_historical_kinds_hidden_or_shown() {
    use yufang::store::units::ActivityQuery;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    let mut store = open(&path, "2026-06-01");
    small_office(&mut store);
    for (kind, title) in [
        (ActivityKind::BriberyInquiry, "行贿犯罪档案查询"),
        (ActivityKind::BriberyInquiry, "行贿犯罪档案查询（二）"),
        (ActivityKind::Publicity, "法治宣传"),
    ] {
        let mut a = Activity::new(kind, title);
        a.done_on = Some(d("2018-03-01"));
        store.insert(&mut a).unwrap();
    }
    let q = ActivityQuery::default();
    let listed = |store: &Store| store.activity_rows(&q, Lang::En, 0, 1000).unwrap().len();
    let hidden_count = store.activity_count(&q, Lang::En).unwrap();
    assert_eq!(hidden_count, listed(&store));
    drop(store);
    let settings = Settings {
        show_historical: true,
        ..Settings::default()
    };
    let store = Store::open(
        &path,
        Rules::new(settings, HolidayTable::builtin()),
        d("2026-06-01"),
    )
    .unwrap();
    let shown_count = store.activity_count(&q, Lang::En).unwrap();
    assert_eq!(shown_count, listed(&store));
    assert_eq!(shown_count, hidden_count + 2);
}
