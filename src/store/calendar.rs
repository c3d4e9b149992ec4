//! Open deadlines in a date range, for the calendar pane, its agenda and the iCalendar export. Every kind is
//! read through its partial index on open items; the domain computes each date and its explanation. The
//! iCalendar text of these items is written above the store, in `app::ics`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Store;
use super::daily::{
    FIRST_VISIT, OPEN_FILING, OPEN_INVESTIGATION, OPEN_REPLY, ROLL_MARGIN, follow_through_between,
    look_backs_due, open_activities, suggestions_where,
};
use super::error::Result;
use super::record::{Cols, Record, date};
use crate::domain::calendar::DueKind;
use crate::domain::deadline::add_days;
use crate::domain::{Activity, Deadline, Due, Plan, Standing, State, Suggestion};
use crate::i18n::{K, Lang};

/// What an agenda row opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "id")]
pub enum Target {
    Suggestion(i64),
    Activity(i64),
    Plan(i64),
}

/// Which checkpoint of an annual plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Checkpoint {
    Plan,
    Midyear,
    Yearend,
}

impl Checkpoint {
    pub fn key(self) -> K {
        match self {
            Checkpoint::Plan => K::FPlanCheckOn,
            Checkpoint::Midyear => K::FMidyearCheckOn,
            Checkpoint::Yearend => K::FYearendCheckOn,
        }
    }
}

/// One open deadline.
#[derive(Clone, Debug, Serialize)]
pub struct CalItem {
    pub kind: DueKind,
    pub date: NaiveDate,
    /// Days past the deadline (positive = overdue).
    pub days_overdue: i64,
    /// The domain's standing on the store's day (every item here is owed: open or late).
    pub standing: Standing,
    /// Document or case number, activity kind, or plan year.
    pub number: Option<String>,
    pub title: String,
    pub unit: Option<String>,
    /// The suggestion's state, for suggestion deadlines.
    pub state: Option<State>,
    /// How the date was computed (suggestion deadlines).
    pub deadline: Option<Deadline>,
    pub checkpoint: Option<Checkpoint>,
    pub target: Target,
    /// Stable across exports: the same item keeps its UID while its date moves.
    pub uid: String,
}

impl CalItem {
    pub fn overdue(&self) -> bool {
        self.standing == Standing::Late
    }
}

impl Store {
    /// Every open deadline from `from` to `to` (inclusive), by date then kind.
    pub fn deadlines_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        lang: Lang,
    ) -> Result<Vec<CalItem>> {
        let today = self.today;
        let rules = &self.rules;
        let conn = &self.conn;
        let range = || vec![date(Some(from)), date(Some(to))];
        let mut out = Vec::new();
        let push_suggestion =
            |kind: DueKind, s: Suggestion, unit: String, dl: Deadline, out: &mut Vec<CalItem>| {
                let state = s.state(s.deadlines(rules).dates().reply, today, rules);
                let due = Due::owed(kind, dl.clone(), today, rules);
                out.push(CalItem {
                    kind,
                    date: dl.date,
                    days_overdue: due.days_overdue,
                    standing: due.standing,
                    number: s.doc_no.clone(),
                    title: s.title.clone(),
                    unit: Some(unit),
                    state: Some(state),
                    deadline: Some(dl),
                    checkpoint: None,
                    target: Target::Suggestion(s.id),
                    uid: format!("{}-{}@yufang", kind.code(), s.id),
                });
            };

        let cond = format!("{OPEN_REPLY} AND s.reply_due BETWEEN ?1 AND ?2");
        for (s, unit) in suggestions_where(conn, &cond, range(), "s.reply_due, s.id")? {
            if let Some(dl) = s.deadlines(rules).reply {
                push_suggestion(DueKind::Reply, s, unit, dl, &mut out);
            }
        }
        let cond = format!("{OPEN_FILING} AND s.filing_due BETWEEN ?1 AND ?2");
        for (s, unit) in suggestions_where(conn, &cond, range(), "s.filing_due, s.id")? {
            if let Some(dl) = s.deadlines(rules).filing {
                push_suggestion(DueKind::Filing, s, unit, dl, &mut out);
            }
        }
        let cond = format!("{OPEN_INVESTIGATION} AND s.investigation_due BETWEEN ?1 AND ?2");
        for (s, unit) in suggestions_where(conn, &cond, range(), "s.investigation_due, s.id")? {
            if let Some(dl) = s.deadlines(rules).investigation {
                push_suggestion(DueKind::Investigation, s, unit, dl, &mut out);
            }
        }
        for (s, unit, dl) in follow_through_between(conn, rules, Some(from), to, None)? {
            push_suggestion(DueKind::Visit, s, unit, dl, &mut out);
        }

        let sql = format!(
            "SELECT {}, u.name, c.case_no FROM activities a LEFT JOIN units u ON u.id = a.unit_id \
             LEFT JOIN cases c ON c.id = a.case_id WHERE {} AND a.planned_on BETWEEN ?1 AND ?2 \
             ORDER BY a.planned_on, a.id",
            Activity::select_list().replace("activities.", "a."),
            open_activities(rules)
        );
        let n = 2 + Activity::COLUMNS.len();
        let mut q = conn.prepare_cached(&sql)?;
        let rows = q.query_map(rusqlite::params_from_iter(range()), |row| {
            Ok((
                Activity::from_row(&mut Cols::new(row))?,
                row.get::<_, Option<String>>(n)?,
                row.get::<_, Option<String>>(n + 1)?,
            ))
        })?;
        for r in rows {
            let (a, unit, case_no) = r?;
            let Some(due) = a.due_state(today, rules) else {
                continue;
            };
            out.push(CalItem {
                kind: DueKind::Activity,
                date: due.date,
                days_overdue: due.days_overdue,
                standing: due.standing,
                number: Some(a.kind.label(lang).to_string()).map(|k| match &case_no {
                    Some(c) => format!("{k} {c}"),
                    None => k,
                }),
                title: a.title.clone(),
                unit,
                state: None,
                deadline: None,
                checkpoint: None,
                target: Target::Activity(a.id),
                uid: format!("activity-{}@yufang", a.id),
            });
        }

        out.extend(self.checkpoints_between(from, to, lang)?);
        out.sort_by(|a, b| (a.date, a.kind, &a.uid).cmp(&(b.date, b.kind, &b.uid)));
        Ok(out)
    }

    /// The plan checkpoints from `from` to `to` still ahead (a handful a year).
    fn checkpoints_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        lang: Lang,
    ) -> Result<Vec<CalItem>> {
        let today = self.today;
        let conn = &self.conn;
        let mut out = Vec::new();
        let sql = format!(
            "SELECT {} FROM plans WHERE plan_check_on BETWEEN ?1 AND ?2 OR midyear_check_on BETWEEN ?1 AND ?2 \
             OR yearend_check_on BETWEEN ?1 AND ?2",
            Plan::select_list()
        );
        let mut q = conn.prepare_cached(&sql)?;
        let plans = q.query_map(
            rusqlite::params_from_iter([date(Some(from)), date(Some(to))]),
            |row| Plan::from_row(&mut Cols::new(row)),
        )?;
        for p in plans {
            let p = p?;
            for (c, d) in [
                (Checkpoint::Plan, p.plan_check_on),
                (Checkpoint::Midyear, p.midyear_check_on),
                (Checkpoint::Yearend, p.yearend_check_on),
            ] {
                let Some(d) = d.filter(|d| *d >= from && *d <= to) else {
                    continue;
                };
                // A checkpoint is a reminder, not a late act: it counts as done once its day has passed.
                if d < today {
                    continue;
                }
                let due = Due::judge(DueKind::Checkpoint, d, Standing::Open, today, &self.rules);
                out.push(CalItem {
                    kind: DueKind::Checkpoint,
                    date: d,
                    days_overdue: due.days_overdue,
                    standing: due.standing,
                    number: Some(format!("{}", p.year)),
                    title: lang.t(c.key()).to_string(),
                    unit: None,
                    state: None,
                    deadline: None,
                    checkpoint: Some(c),
                    target: Target::Plan(p.id),
                    uid: format!("plan-{}-{}@yufang", p.year, c.key().en().replace(' ', "-")),
                });
            }
        }
        Ok(out)
    }

    /// How many open deadlines of each kind fall on each day from `from` to `to`: the month grid's marks,
    /// counted in the partial indices without reading a row, so a month of a national archive costs what a
    /// county's does. The agenda reads the rows of the days it shows with [`Store::deadlines_between`].
    pub fn deadline_counts(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<NaiveDate, Vec<(DueKind, usize)>>> {
        let conn = &self.conn;
        let mut counts: BTreeMap<(NaiveDate, DueKind), usize> = BTreeMap::new();
        let reads = [
            (
                DueKind::Reply,
                "suggestions s",
                OPEN_REPLY.to_string(),
                "s.reply_due",
            ),
            (
                DueKind::Filing,
                "suggestions s",
                OPEN_FILING.to_string(),
                "s.filing_due",
            ),
            (
                DueKind::Investigation,
                "suggestions s",
                OPEN_INVESTIGATION.to_string(),
                "s.investigation_due",
            ),
            (
                DueKind::Visit,
                "suggestions s",
                FIRST_VISIT.to_string(),
                "s.visit_due",
            ),
            (
                DueKind::Activity,
                "activities a",
                open_activities(&self.rules),
                "a.planned_on",
            ),
        ];
        for (kind, table, cond, col) in reads {
            let sql = format!(
                "SELECT {col}, count(*) FROM {table} WHERE {cond} AND {col} BETWEEN ?1 AND ?2 GROUP BY {col}"
            );
            let mut q = conn.prepare_cached(&sql)?;
            let rows = q.query_map([date(Some(from)), date(Some(to))], |r| {
                Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, i64>(1)?))
            })?;
            for row in rows {
                let (day, n) = row?;
                *counts.entry((day, kind)).or_default() += n as usize;
            }
        }
        let period = i64::from(self.rules.settings.visit_days);
        let visits = (add_days(from, -period - ROLL_MARGIN), add_days(to, -period));
        for (due, n) in look_backs_due(conn, &self.rules, visits)? {
            if due >= from && due <= to {
                *counts.entry((due, DueKind::Visit)).or_default() += n;
            }
        }
        for c in self.checkpoints_between(from, to, Lang::En)? {
            *counts.entry((c.date, DueKind::Checkpoint)).or_default() += 1;
        }
        let mut out: BTreeMap<NaiveDate, Vec<(DueKind, usize)>> = BTreeMap::new();
        for ((day, kind), n) in counts {
            out.entry(day).or_default().push((kind, n));
        }
        Ok(out)
    }

    /// Every open deadline, whenever it falls (the iCalendar export).
    pub fn all_open_deadlines(&self, lang: Lang) -> Result<Vec<CalItem>> {
        let from = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
        let to = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap_or(NaiveDate::MAX);
        self.deadlines_between(from, to, lang)
    }
}
