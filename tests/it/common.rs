//! Shared fixtures: dates, rules, a store on a temp file, a small office.

use std::path::Path;

use chrono::NaiveDate;
use yufang::domain::{
    Activity, ActivityKind, Case, CaseStatus, HolidayTable, Rules, Settings, Suggestion, Unit,
};
use yufang::store::Store;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn rules() -> Rules {
    Rules::new(Settings::default(), HolidayTable::builtin())
}

pub fn open(path: &Path, today: &str) -> Store {
    Store::open(path, rules(), d(today)).unwrap()
}

/// A connection of the test's own to the store an app works on: tests read the store directly, not
/// through the app.
pub fn reopen(app: &yufang::app::App) -> Store {
    Store::open(app.store_path(), rules(), app.today()).unwrap()
}

/// Ids of the small office written by [`small_office`].
pub struct Office {
    pub unit: i64,
    pub other_unit: i64,
    pub case_closed: i64,
    pub overdue: i64,
    pub due_soon: i64,
    pub replied: i64,
}

/// Two units, one closed case without follow-up, and suggestions that are overdue, due soon and replied on
/// 2026-06-01.
pub fn small_office(store: &mut Store) -> Office {
    let mut u = Unit::new("清源县交通运输局");
    u.industry = "交通运输".into();
    let unit = store.insert(&mut u).unwrap();
    let other_unit = store.insert(&mut Unit::new("清源县教育局")).unwrap();
    let mut c = Case::new("清检刑诉〔2026〕12号");
    c.unit_id = Some(unit);
    c.suspect = "王某".into();
    c.status = CaseStatus::Closed;
    c.filed_on = Some(d("2026-01-05"));
    c.prosecuted_on = Some(d("2026-03-02"));
    c.closed_on = Some(d("2026-04-01"));
    let case_closed = store.insert(&mut c).unwrap();

    let mut s = Suggestion::new("关于加强工程招投标监管的检察建议", unit);
    s.doc_no = Some("X检建〔2026〕1号".into());
    s.issued_on = Some(d("2026-02-02"));
    s.received_on = Some(d("2026-02-03")); // due 2026-04-03, a Friday before the Qingming holiday
    s.filed_on = Some(d("2026-02-05"));
    let overdue = store.insert(&mut s).unwrap();

    let mut s = Suggestion::new("关于规范学生资助资金管理的检察建议", other_unit);
    s.doc_no = Some("X检建〔2026〕2号".into());
    s.issued_on = Some(d("2026-04-07"));
    s.received_on = Some(d("2026-04-08")); // due 2026-06-08
    s.filed_on = Some(d("2026-04-09"));
    let due_soon = store.insert(&mut s).unwrap();

    let mut s = Suggestion::new("关于完善车辆管理制度的检察建议", unit);
    s.doc_no = Some("X检建〔2026〕3号".into());
    s.issued_on = Some(d("2026-01-10"));
    s.received_on = Some(d("2026-01-12"));
    s.filed_on = Some(d("2026-01-12"));
    s.replied_on = Some(d("2026-03-01"));
    s.case_ids = vec![case_closed];
    let replied = store.insert(&mut s).unwrap();

    let mut a = Activity::new(ActivityKind::Warning, "警示教育大会");
    a.unit_id = Some(unit);
    a.done_on = Some(d("2026-05-01"));
    a.attendees = Some(120);
    store.insert(&mut a).unwrap();
    Office {
        unit,
        other_unit,
        case_closed,
        overdue,
        due_soon,
        replied,
    }
}
