//! The daily check: what is overdue or due soon today. SQL narrows the rows through the partial indices on
//! open items; the domain rules then decide each row's state, so the Today view, `yufang overdue` and the
//! suggestion list can never disagree with the rules.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

use super::Store;
use super::error::Result;
use super::record::{Cols, Record, date};
use crate::domain::deadline::add_days;
use crate::domain::{Activity, Case, CaseGap, Deadline, Rules, State, Suggestion};

/// A suggestion row of the daily check.
#[derive(Clone, Debug, Serialize)]
pub struct SuggestionItem {
    #[serde(flatten)]
    pub suggestion: Suggestion,
    pub recipient: String,
    /// The deadline this list is about (reply, filing, visit or investigation).
    pub deadline: Deadline,
    /// Days past the deadline (positive) or left until it (zero or negative means not yet late).
    pub days_overdue: i64,
}

impl SuggestionItem {
    pub fn days_left(&self) -> i64 {
        -self.days_overdue
    }
}

/// A planned prevention activity that is due or overdue.
#[derive(Clone, Debug, Serialize)]
pub struct ActivityItem {
    #[serde(flatten)]
    pub activity: Activity,
    pub unit: Option<String>,
    pub case_no: Option<String>,
    /// Days past the planned date (positive) or left until it.
    pub days_overdue: i64,
}

/// A case that still lacks prevention follow-up.
#[derive(Clone, Debug, Serialize)]
pub struct CaseGapItem {
    #[serde(flatten)]
    pub case: Case,
    pub unit: Option<String>,
    pub gap: CaseGap,
}

/// Everything the morning check shows.
#[derive(Clone, Debug, Serialize)]
pub struct DailyCheck {
    pub today: NaiveDate,
    /// Replies due within this many days count as due soon.
    pub within: u32,
    pub overdue_replies: Vec<SuggestionItem>,
    pub due_soon: Vec<SuggestionItem>,
    pub filing_overdue: Vec<SuggestionItem>,
    pub visits_due: Vec<SuggestionItem>,
    pub investigations_due: Vec<SuggestionItem>,
    pub activities_due: Vec<ActivityItem>,
    /// Planned work due within this many days is listed.
    pub activities_within: u32,
    pub case_gaps: Vec<CaseGapItem>,
    /// The size of each section; a capped check lists fewer rows.
    #[serde(skip)]
    pub totals: Totals,
}

/// How many rows each section of the daily check has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub overdue_replies: usize,
    pub due_soon: usize,
    pub filing_overdue: usize,
    pub visits_due: usize,
    pub investigations_due: usize,
    pub activities_due: usize,
    pub case_gaps: usize,
}

impl DailyCheck {
    /// Nothing loaded yet (the first frame before the first query).
    pub fn empty(today: NaiveDate) -> DailyCheck {
        DailyCheck {
            today,
            within: 0,
            overdue_replies: vec![],
            due_soon: vec![],
            filing_overdue: vec![],
            visits_due: vec![],
            investigations_due: vec![],
            activities_due: vec![],
            activities_within: 0,
            case_gaps: vec![],
            totals: Totals::default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.overdue_replies.is_empty()
            && self.due_soon.is_empty()
            && self.filing_overdue.is_empty()
            && self.visits_due.is_empty()
            && self.investigations_due.is_empty()
            && self.activities_due.is_empty()
            && self.case_gaps.is_empty()
    }
}

/// The open-reply condition, written exactly as the partial index `suggestions_reply_open` so SQLite uses it.
pub const OPEN_REPLY: &str = "s.issued_on IS NOT NULL AND s.received_on IS NOT NULL AND s.replied_on IS NULL \
     AND s.closed_on IS NULL AND s.withdrawn_on IS NULL";

/// The suggestion columns for lists that may grow long: the long texts are left empty, since the lists show
/// titles and dates and the detail view reads the whole record.
fn light_select() -> String {
    let mut sel = Suggestion::select_list().replace("suggestions.", "s.");
    for long in ["problems", "measures", "reply_summary", "notes"] {
        sel = sel
            .replace(&format!("s.{long},"), "'',")
            .replace(&format!("s.{long}"), "''");
    }
    sel
}

pub(crate) fn suggestions_where(
    conn: &Connection,
    cond: &str,
    args: Vec<Value>,
    order: &str,
) -> Result<Vec<(Suggestion, String)>> {
    let sql = format!(
        "SELECT {}, u.name FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE {cond} ORDER BY {order}",
        light_select()
    );
    let mut q = conn.prepare_cached(&sql)?;
    let n = 2 + Suggestion::COLUMNS.len();
    let rows = q.query_map(params_from_iter(args), |row| {
        let s = Suggestion::from_row(&mut Cols::new(row))?;
        let name: String = row.get(n)?;
        Ok((s, name))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The daily check on `today` (the store's clock), with "due soon" meaning due within `within` days
    /// (default: the reply warning window).
    pub fn daily_check(&self, within: Option<u32>) -> Result<DailyCheck> {
        self.daily_check_capped(within, None)
    }

    /// The daily check with at most `cap` rows per section (the totals stay exact), for a screen that shows
    /// the first rows of each section of a national archive.
    pub fn daily_check_capped(
        &self,
        within: Option<u32>,
        cap: Option<usize>,
    ) -> Result<DailyCheck> {
        let today = self.today;
        let rules = &self.rules;
        let within = within.unwrap_or(rules.settings.warn_reply_days);
        let conn = &self.conn;
        let until = add_days(today, i64::from(within));
        let limited = |order: &str| match cap {
            Some(n) => format!("{order} LIMIT {n}"),
            None => order.to_string(),
        };
        // With a cap, the list may be cut, so the section's size is counted separately.
        let count = |cond: &str, args: Vec<Value>, got: usize| -> Result<usize> {
            if cap.is_none_or(|n| got < n) {
                return Ok(got);
            }
            let sql = format!("SELECT count(*) FROM suggestions s WHERE {cond}");
            let n: i64 = conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(args), |r| r.get(0))?;
            Ok(n as usize)
        };

        let mut overdue_replies = Vec::new();
        let cond = format!("{OPEN_REPLY} AND s.reply_due < ?1");
        for (s, recipient) in suggestions_where(
            conn,
            &cond,
            vec![date(Some(today))],
            &limited("s.reply_due, s.id"),
        )? {
            let dl = s.deadlines(rules);
            if let (State::Overdue { days_overdue }, Some(deadline)) = (
                s.state(dl.reply.as_ref().map(|d| d.date), today, rules),
                dl.reply,
            ) {
                overdue_replies.push(SuggestionItem {
                    suggestion: s,
                    recipient,
                    deadline,
                    days_overdue,
                });
            }
        }

        let overdue_total = count(&cond, vec![date(Some(today))], overdue_replies.len())?;
        let mut due_soon = Vec::new();
        let cond = format!("{OPEN_REPLY} AND s.reply_due >= ?1 AND s.reply_due <= ?2");
        for (s, recipient) in suggestions_where(
            conn,
            &cond,
            vec![date(Some(today)), date(Some(until))],
            &limited("s.reply_due, s.id"),
        )? {
            if let Some(deadline) = s.deadlines(rules).reply {
                let days_overdue = (today - deadline.date).num_days();
                due_soon.push(SuggestionItem {
                    suggestion: s,
                    recipient,
                    deadline,
                    days_overdue,
                });
            }
        }

        let due_soon_total = count(
            &cond,
            vec![date(Some(today)), date(Some(until))],
            due_soon.len(),
        )?;
        let mut filing_overdue = Vec::new();
        let cond = "s.issued_on IS NOT NULL AND s.filed_on IS NULL AND s.withdrawn_on IS NULL AND s.filing_due < ?1";
        for (s, recipient) in suggestions_where(
            conn,
            cond,
            vec![date(Some(today))],
            &limited("s.filing_due, s.id"),
        )? {
            let dl = s.deadlines(rules);
            if let (Some(days), Some(deadline)) = (
                s.filing_overdue(dl.filing.as_ref().map(|d| d.date), today),
                dl.filing,
            ) {
                filing_overdue.push(SuggestionItem {
                    suggestion: s,
                    recipient,
                    deadline,
                    days_overdue: days,
                });
            }
        }

        let filing_total = count(cond, vec![date(Some(today))], filing_overdue.len())?;
        let visit_until = add_days(today, i64::from(rules.settings.warn_visit_days));
        let mut visits_due = Vec::new();
        for (suggestion, recipient, deadline) in
            follow_through_between(conn, rules, None, visit_until)?
        {
            if let Some(left) = Suggestion::follow_through_due(&deadline, today, rules) {
                visits_due.push(SuggestionItem {
                    suggestion,
                    recipient,
                    deadline,
                    days_overdue: -left,
                });
            }
        }
        visits_due.sort_by_key(|i| (i.deadline.date, i.suggestion.id));
        let visits_total = visits_due.len();
        if let Some(n) = cap {
            visits_due.truncate(n);
        }

        let mut investigations_due = Vec::new();
        let inv_until = add_days(today, i64::from(rules.settings.warn_investigation_days));
        let cond = "s.decided_on IS NOT NULL AND s.issued_on IS NULL AND s.withdrawn_on IS NULL AND s.investigation_due <= ?1";
        for (s, recipient) in suggestions_where(
            conn,
            cond,
            vec![date(Some(inv_until))],
            &limited("s.investigation_due, s.id"),
        )? {
            if let Some(deadline) = s.deadlines(rules).investigation {
                let days_overdue = (today - deadline.date).num_days();
                investigations_due.push(SuggestionItem {
                    suggestion: s,
                    recipient,
                    deadline,
                    days_overdue,
                });
            }
        }

        let investigations_total =
            count(cond, vec![date(Some(inv_until))], investigations_due.len())?;
        let (activities_due, activities_total) = activities_due(conn, rules, today, cap)?;
        let (case_gaps, gaps_total) = case_gaps(conn, rules, today, cap)?;
        let totals = Totals {
            overdue_replies: overdue_total,
            due_soon: due_soon_total,
            filing_overdue: filing_total,
            visits_due: visits_total,
            investigations_due: investigations_total,
            activities_due: activities_total,
            case_gaps: gaps_total,
        };
        Ok(DailyCheck {
            today,
            within,
            overdue_replies,
            due_soon,
            filing_overdue,
            visits_due,
            investigations_due,
            activities_due,
            activities_within: rules.settings.warn_activity_days,
            case_gaps,
            totals,
        })
    }
}

/// Whether a case has a done crime analysis of its own, and a suggestion (not withdrawn) linked to it: columns
/// that the triggers of migration 2 keep true on every write.
pub const HAS_ANALYSIS: &str = "c.has_analysis";
pub const HAS_SUGGESTION: &str = "c.has_suggestion";

/// Open replied suggestions, as the partial indices on follow-through are written.
const OPEN_REPLIED: &str =
    "s.replied_on IS NOT NULL AND s.closed_on IS NULL AND s.withdrawn_on IS NULL";

/// Deadlines roll forward over at most this many rest days, so a raw date this much earlier can still land in
/// a window.
const ROLL_MARGIN: i64 = 40;

/// The open replied suggestions whose next follow-through (return visit or look-back check) falls on or before
/// `until` (and on or after `from`), with that deadline. Two index range reads narrow the rows: first visits by
/// their stored due date, and look-backs of visited, not fully rectified suggestions by their last visit; the
/// domain's `follow_through` decides each date.
pub(crate) fn follow_through_between(
    conn: &Connection,
    rules: &Rules,
    from: Option<NaiveDate>,
    until: NaiveDate,
) -> Result<Vec<(Suggestion, String, Deadline)>> {
    let period = i64::from(rules.settings.visit_days);
    let lo = from.unwrap_or(NaiveDate::MIN);
    let first = format!(
        "{OPEN_REPLIED} AND s.visit_due BETWEEN ?1 AND ?2 AND (s.last_visit_on IS NULL OR s.last_visit_on < s.replied_on)"
    );
    let again = format!(
        "{OPEN_REPLIED} AND coalesce(s.rectification, '') <> 'full' AND s.last_visit_on BETWEEN ?1 AND ?2 \
         AND s.last_visit_on >= s.replied_on"
    );
    let lo_visit = if from.is_some() {
        add_days(lo, -period - ROLL_MARGIN)
    } else {
        NaiveDate::MIN
    };
    let ranges = [
        (first, lo, until),
        (again, lo_visit, add_days(until, -period)),
    ];
    let mut out = Vec::new();
    for (cond, a, b) in ranges {
        let sql = format!(
            "SELECT {}, u.name, s.last_visit_on FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE {cond}",
            light_select()
        );
        let n = 2 + Suggestion::COLUMNS.len();
        let mut q = conn.prepare_cached(&sql)?;
        let rows = q.query_map(params_from_iter([date(Some(a)), date(Some(b))]), |row| {
            Ok((
                Suggestion::from_row(&mut Cols::new(row))?,
                row.get::<_, String>(n)?,
                row.get::<_, Option<NaiveDate>>(n + 1)?,
            ))
        })?;
        for r in rows {
            let (s, unit, last) = r?;
            if let Some(d) = s.follow_through(last, rules)
                && d.date <= until
                && d.date >= lo
            {
                out.push((s, unit, d));
            }
        }
    }
    out.sort_by_key(|(s, _, d)| (d.date, s.id));
    Ok(out)
}

fn case_gaps(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    cap: Option<usize>,
) -> Result<(Vec<CaseGapItem>, usize)> {
    let sql = format!(
        "SELECT {}, u.name, {HAS_ANALYSIS}, {HAS_SUGGESTION} FROM cases c LEFT JOIN units u ON u.id = c.unit_id \
         WHERE {GAP_OPEN} ORDER BY c.gap_from, c.id{}",
        Case::select_list().replace("cases.", "c."),
        cap.map(|n| format!(" LIMIT {n}")).unwrap_or_default()
    );
    let n = 2 + Case::COLUMNS.len();
    let mut q = conn.prepare_cached(&sql)?;
    let cutoff = rules.gap_started_before(today);
    let rows = q.query_map([date(Some(cutoff))], |row| {
        let c = Case::from_row(&mut Cols::new(row))?;
        Ok((
            c,
            row.get::<_, Option<String>>(n)?,
            row.get::<_, bool>(n + 1)?,
            row.get::<_, bool>(n + 2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (case, unit, has_analysis, has_suggestion) = row?;
        if let Some(gap) = case.gap(has_analysis, has_suggestion, today, rules) {
            out.push(CaseGapItem { case, unit, gap });
        }
    }
    let total = match cap {
        Some(n) if out.len() >= n => {
            let sql = format!("SELECT count(*) FROM cases c WHERE {GAP_OPEN}");
            let t: i64 = conn
                .prepare_cached(&sql)?
                .query_row([date(Some(cutoff))], |r| r.get(0))?;
            t as usize
        }
        _ => out.len(),
    };
    Ok((out, total))
}

/// Cases past the gap threshold (?1 = the cutoff) still lacking their analysis or a suggestion, as the
/// partial index `cases_gap_open` is written.
const GAP_OPEN: &str =
    "c.gap_from IS NOT NULL AND (c.has_analysis = 0 OR c.has_suggestion = 0) AND c.gap_from < ?1";

fn activities_due(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    cap: Option<usize>,
) -> Result<(Vec<ActivityItem>, usize)> {
    let hidden: Vec<String> = crate::domain::ActivityKind::ALL
        .iter()
        .filter(|k| k.is_historical() && !rules.settings.show_historical)
        .map(|k| format!("'{}'", k.code()))
        .collect();
    let cond = format!(
        "a.done_on IS NULL AND a.planned_on <= ?1 AND a.kind NOT IN ({})",
        hidden.join(", ")
    );
    let sql = format!(
        "SELECT {}, u.name, c.case_no FROM activities a LEFT JOIN units u ON u.id = a.unit_id \
         LEFT JOIN cases c ON c.id = a.case_id WHERE {cond} ORDER BY a.planned_on, a.id{}",
        Activity::select_list().replace("activities.", "a."),
        cap.map(|n| format!(" LIMIT {n}")).unwrap_or_default()
    );
    let n = 2 + Activity::COLUMNS.len();
    let until = add_days(today, i64::from(rules.settings.warn_activity_days));
    let mut q = conn.prepare_cached(&sql)?;
    let rows = q.query_map([date(Some(until))], |row| {
        Ok((
            Activity::from_row(&mut Cols::new(row))?,
            row.get::<_, Option<String>>(n)?,
            row.get::<_, Option<String>>(n + 1)?,
        ))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (activity, unit, case_no) = r?;
        if let Some(days_overdue) = activity.due(today, rules) {
            out.push(ActivityItem {
                activity,
                unit,
                case_no,
                days_overdue,
            });
        }
    }
    let total = match cap {
        Some(n) if out.len() >= n => {
            let sql = format!("SELECT count(*) FROM activities a WHERE {cond}");
            let t: i64 = conn
                .prepare_cached(&sql)?
                .query_row([date(Some(until))], |r| r.get(0))?;
            t as usize
        }
        _ => out.len(),
    };
    Ok((out, total))
}
