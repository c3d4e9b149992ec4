//! The calendar: open deadlines by day, the month grid in both languages and week starts, the agenda, the
//! date picker, and the iCalendar export read back with a parser.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use yufang::app::{App, Modal, Pane};
use yufang::domain::calendar::DueKind;
use yufang::domain::{Activity, ActivityKind, HolidayTable, Plan, Rules, Settings, Suggestion};
use yufang::i18n::{K, Lang};
use yufang::store::Store;
use yufang::ui::{Theme, snapshot};

use crate::app::{ctrl, key, typ};
use crate::common::{d, small_office};

/// June 2026 seen from 2026-06-10, with one deadline of every kind.
fn june(dir: &std::path::Path, monday_first: bool) -> Store {
    let settings = Settings {
        week_starts_monday: monday_first,
        ..Settings::default()
    };
    let mut store = Store::open(
        &dir.join("cal.db"),
        Rules::new(settings, HolidayTable::builtin()),
        d("2026-06-10"),
    )
    .unwrap();
    let o = small_office(&mut store); // reply due 06-08 (overdue on 06-10)
    let mut s = Suggestion::new("关于规范公务接待的检察建议", o.unit);
    s.doc_no = Some("X检建〔2026〕4号".into());
    s.issued_on = Some(d("2026-06-08")); // filing due 06-13, a Saturday -> 06-15
    store.insert(&mut s).unwrap();
    let mut s = Suggestion::new("关于加强专项资金监管的检察建议（调查中）", o.other_unit);
    s.decided_on = Some(d("2026-04-09")); // investigation due 06-09
    store.insert(&mut s).unwrap();
    let mut s = Suggestion::new("关于规范公车使用的检察建议", o.unit);
    s.doc_no = Some("X检建〔2026〕5号".into());
    s.issued_on = Some(d("2026-03-02"));
    s.received_on = Some(d("2026-03-03"));
    s.filed_on = Some(d("2026-03-03"));
    s.replied_on = Some(d("2026-04-15")); // return visit due 06-14, a Sunday -> 06-15
    store.insert(&mut s).unwrap();
    let mut a = Activity::new(ActivityKind::Warning, "警示教育大会");
    a.planned_on = Some(d("2026-06-18"));
    a.unit_id = Some(o.other_unit);
    store.insert(&mut a).unwrap();
    let mut p = Plan::new(2026);
    p.midyear_check_on = Some(d("2026-06-30"));
    store.insert(&mut p).unwrap();
    store
}

fn app(store: Store, lang: Lang) -> App {
    let mut app = App::new(store, lang);
    app.resize(100, 30);
    app.reload();
    app.pane = Pane::Calendar;
    app
}

#[test]
fn every_kind_falls_on_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let store = june(dir.path(), true);
    let items = store
        .deadlines_between(d("2026-06-01"), d("2026-06-30"), Lang::En)
        .unwrap();
    let by_kind: BTreeMap<DueKind, Vec<String>> = items.iter().fold(BTreeMap::new(), |mut m, i| {
        m.entry(i.kind)
            .or_insert_with(Vec::new)
            .push(i.date.to_string());
        m
    });
    assert_eq!(by_kind[&DueKind::Reply], vec!["2026-06-08"]);
    assert_eq!(by_kind[&DueKind::Filing], vec!["2026-06-15"]);
    assert_eq!(by_kind[&DueKind::Investigation], vec!["2026-06-09"]);
    assert_eq!(by_kind[&DueKind::Visit], vec!["2026-06-15"]);
    assert_eq!(by_kind[&DueKind::Activity], vec!["2026-06-18"]);
    assert_eq!(by_kind[&DueKind::Checkpoint], vec!["2026-06-30"]);
    assert!(
        items
            .iter()
            .find(|i| i.kind == DueKind::Reply)
            .is_some_and(|i| i.overdue())
    );
}

#[test]
fn month_grids_in_both_languages_and_week_starts() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(june(dir.path(), true), Lang::En);
    insta::assert_snapshot!(
        "calendar_june_en_monday",
        snapshot(a.sized(100, 30), 100, 30, &Theme::plain())
    );
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(june(dir.path(), false), Lang::Zh);
    insta::assert_snapshot!(
        "calendar_june_zh_sunday",
        snapshot(a.sized(100, 30), 100, 30, &Theme::plain())
    );
}

/// October 2026: National Day holidays (休) and the adjusted working Saturday 10-10 (班).
#[test]
fn holiday_month_shows_why_deadlines_moved() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(june(dir.path(), true), Lang::Zh);
    a.calendar_goto(d("2026-10-10"));
    let text = snapshot(a.sized(120, 36), 120, 36, &Theme::plain());
    assert!(text.contains("10 班"), "{text}");
    assert!(text.contains(" 1 休"), "{text}");
    insta::assert_snapshot!("calendar_october_zh", text);
}

#[test]
fn keys_move_the_cursor_and_the_agenda_opens_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(june(dir.path(), true), Lang::En);
    typ(&mut a, "4");
    assert_eq!(a.calendar.cursor, d("2026-06-10"));
    typ(&mut a, "hh"); // 06-08: the overdue reply
    assert_eq!(a.agenda().len(), 1);
    assert!(a.agenda()[0].overdue());
    typ(&mut a, "jl"); // +7 +1 = 06-16
    assert_eq!(a.calendar.cursor, d("2026-06-16"));
    typ(&mut a, "w"); // the week of 06-15: filing + visit on the 15th, activity on the 18th
    assert_eq!(
        a.agenda().iter().map(|i| i.kind).collect::<Vec<_>>(),
        vec![DueKind::Filing, DueKind::Visit, DueKind::Activity]
    );
    // Every kind says its days the same short way in the agenda's narrow column.
    let screen = snapshot(a.sized(100, 30), 100, 30, &Theme::plain());
    assert!(
        screen.contains("5d left") && screen.contains("8d left"),
        "{screen}"
    );
    typ(&mut a, "]");
    assert_eq!(a.calendar.cursor, d("2026-07-16"));
    typ(&mut a, "[[");
    assert_eq!(a.calendar.cursor, d("2026-05-16"));
    typ(&mut a, "t");
    assert_eq!(a.calendar.cursor, d("2026-06-10"));
    // g asks for a date.
    typ(&mut a, "g");
    for _ in 0..10 {
        a.handle_key(key(KeyCode::Backspace));
    }
    typ(&mut a, "2026-06-08");
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(a.calendar.cursor, d("2026-06-08"));
    typ(&mut a, "w"); // back to the day's agenda
    assert_eq!(a.agenda().len(), 1);
    let overdue = a.check.overdue_replies.len();
    // Enter on the agenda opens the suggestion; the one-key actions work there.
    a.handle_key(key(KeyCode::Enter));
    assert!(matches!(a.modals.last(), Some(Modal::Detail { .. })));
    typ(&mut a, "r");
    a.handle_key(ctrl('s'));
    assert_eq!(a.check.overdue_replies.len(), overdue - 1);
    a.handle_key(key(KeyCode::Esc));
    assert!(
        a.agenda().is_empty(),
        "the replied deadline left the calendar"
    );
}

#[test]
fn a_date_field_opens_the_calendar_as_a_picker() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(june(dir.path(), true), Lang::En);
    a.pane = Pane::Cases;
    typ(&mut a, "n");
    // case number -> source -> suspect -> post -> unit -> crime -> amount -> status -> filed on
    for _ in 0..8 {
        a.handle_key(key(KeyCode::Tab));
    }
    a.handle_key(key(KeyCode::F(4)));
    assert!(matches!(a.modals.last(), Some(Modal::DatePicker(_))));
    typ(&mut a, "kh"); // 06-10 - 7 - 1 = 06-02
    a.handle_key(key(KeyCode::Enter));
    let Some(Modal::Form { form, .. }) = a.modals.last() else {
        panic!("the form is back")
    };
    assert_eq!(form.get_date(K::FFiledOn), Some(d("2026-06-02")));
    a.handle_key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL));
    assert!(matches!(a.modals.last(), Some(Modal::DatePicker(_))));
    a.handle_key(key(KeyCode::Esc));
    assert!(matches!(a.modals.last(), Some(Modal::Form { .. })));
}

fn events(ics: &str) -> Vec<(String, String, String)> {
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
    cal.components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            let get = |n: &str| {
                c.properties
                    .iter()
                    .find(|p| p.name.as_str() == n)
                    .map(|p| p.val.as_str().to_string())
                    .unwrap_or_default()
            };
            (get("UID"), get("DTSTART"), get("SUMMARY"))
        })
        .collect()
}

#[test]
fn ics_export_reads_back_with_stable_uids() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = june(dir.path(), true);
    let items = store.all_open_deadlines(Lang::Zh).unwrap();
    let first = events(&yufang::app::ics::to_ics(&items, Lang::Zh));
    assert_eq!(first.len(), items.len());
    assert_eq!(
        first.len(),
        6 + 2,
        "six kinds in June plus the small office's overdue reply and return visit"
    );
    let reply = first
        .iter()
        .find(|e| e.0.starts_with("reply-") && e.1 == "20260608")
        .unwrap();
    assert_eq!(reply.1, "20260608");
    assert!(
        reply.2.contains("X检建〔2026〕2号") && reply.2.contains("清源县教育局"),
        "{reply:?}"
    );
    // A stated deadline moves the reply date; the UID stays.
    let id: i64 = reply
        .0
        .trim_start_matches("reply-")
        .trim_end_matches("@yufang")
        .parse()
        .unwrap();
    let mut s: Suggestion = store.get(id).unwrap();
    s.stated_reply_due = Some(d("2026-06-30"));
    store.update(&mut s).unwrap();
    let second = events(&yufang::app::ics::to_ics(
        &store.all_open_deadlines(Lang::Zh).unwrap(),
        Lang::Zh,
    ));
    let uids = |v: &[(String, String, String)]| {
        v.iter()
            .map(|e| e.0.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(uids(&first), uids(&second));
    assert_eq!(
        second.iter().find(|e| e.0 == reply.0).map(|e| e.1.as_str()),
        Some("20260630")
    );
    // Done items are left out.
    s.replied_on = Some(d("2026-06-09"));
    store.update(&mut s).unwrap();
    let third = events(&yufang::app::ics::to_ics(
        &store.all_open_deadlines(Lang::Zh).unwrap(),
        Lang::Zh,
    ));
    assert!(!third.iter().any(|e| e.0 == reply.0));
}

/// The month grid's marks are counted in the indices, the agenda reads rows: on a generated office with
/// every kind of deadline, both must agree for every day of many months, overdue days included.
#[test]
fn month_counts_agree_with_the_rows_of_every_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = crate::common::open(&dir.path().join("g.db"), "2026-06-01");
    yufang::r#gen::generate(
        &mut store,
        &yufang::r#gen::Options {
            suggestions: 3000,
            seed: 11,
        },
    )
    .unwrap();
    let mut plan = Plan::new(2027);
    plan.plan_check_on = Some(d("2026-08-20"));
    store.insert(&mut plan).unwrap();
    let mut kinds = BTreeMap::new();
    let mut start = d("2025-11-24");
    while start < d("2026-09-30") {
        let to = start + chrono::Days::new(41);
        let mut want: BTreeMap<_, BTreeMap<DueKind, usize>> = BTreeMap::new();
        for i in store.deadlines_between(start, to, Lang::En).unwrap() {
            assert_eq!(i.overdue(), i.date < d("2026-06-01"), "{i:?}");
            *want.entry(i.date).or_default().entry(i.kind).or_default() += 1;
            *kinds.entry(i.kind).or_insert(0) += 1;
        }
        let got: BTreeMap<_, BTreeMap<DueKind, usize>> = store
            .deadline_counts(start, to)
            .unwrap()
            .into_iter()
            .map(|(day, c)| (day, c.into_iter().collect()))
            .collect();
        assert_eq!(got, want, "six weeks from {start}");
        start = start + chrono::Days::new(35);
    }
    assert_eq!(kinds.len(), DueKind::ALL.len(), "every kind: {kinds:?}");
}
