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

pub(crate) fn suggestions_where(
    conn: &Connection,
    cond: &str,
    args: Vec<Value>,
    order: &str,
) -> Result<Vec<(Suggestion, String)>> {
    let sql = format!(
        "SELECT {}, u.name FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE {cond} ORDER BY {order}",
        Suggestion::select_list().replace("suggestions.", "s.")
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
        let today = self.today;
        let rules = &self.rules;
        let within = within.unwrap_or(rules.settings.warn_reply_days);
        let conn = &self.conn;
        let until = add_days(today, i64::from(within));

        let mut overdue_replies = Vec::new();
        for (s, recipient) in suggestions_where(
            conn,
            &format!("{OPEN_REPLY} AND s.reply_due < ?1"),
            vec![date(Some(today))],
            "s.reply_due, s.id",
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

        let mut due_soon = Vec::new();
        let cond = format!("{OPEN_REPLY} AND s.reply_due >= ?1 AND s.reply_due <= ?2");
        for (s, recipient) in suggestions_where(
            conn,
            &cond,
            vec![date(Some(today)), date(Some(until))],
            "s.reply_due, s.id",
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

        let mut filing_overdue = Vec::new();
        let cond = "s.issued_on IS NOT NULL AND s.filed_on IS NULL AND s.withdrawn_on IS NULL AND s.filing_due < ?1";
        for (s, recipient) in
            suggestions_where(conn, cond, vec![date(Some(today))], "s.filing_due, s.id")?
        {
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

        // Follow-through: SQL picks the open replied suggestions whose first return visit falls in the window,
        // or that were visited without full rectification; the domain decides what is due next.
        let mut visits_due = Vec::new();
        let visit_until = add_days(today, i64::from(rules.settings.warn_visit_days));
        let cond = format!(
            "s.replied_on IS NOT NULL AND s.closed_on IS NULL AND s.withdrawn_on IS NULL \
             AND (s.visit_due <= ?1 OR (coalesce(s.rectification, '') <> 'full' AND {LAST_VISIT} IS NOT NULL))"
        );
        let mut last_visit = conn.prepare_cached(&format!(
            "SELECT {LAST_VISIT} FROM suggestions s WHERE s.id = ?1"
        ))?;
        for (s, recipient) in suggestions_where(
            conn,
            &cond,
            vec![date(Some(visit_until))],
            "s.visit_due, s.id",
        )? {
            let last: Option<NaiveDate> = last_visit.query_row([s.id], |r| r.get(0))?;
            if let Some(deadline) = s.follow_through(last, rules)
                && let Some(left) = Suggestion::follow_through_due(&deadline, today, rules)
            {
                visits_due.push(SuggestionItem {
                    suggestion: s,
                    recipient,
                    deadline,
                    days_overdue: -left,
                });
            }
        }
        visits_due.sort_by_key(|i| (i.deadline.date, i.suggestion.id));

        let mut investigations_due = Vec::new();
        let inv_until = add_days(today, i64::from(rules.settings.warn_investigation_days));
        let cond = "s.decided_on IS NOT NULL AND s.issued_on IS NULL AND s.withdrawn_on IS NULL AND s.investigation_due <= ?1";
        for (s, recipient) in suggestions_where(
            conn,
            cond,
            vec![date(Some(inv_until))],
            "s.investigation_due, s.id",
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

        let activities_due = activities_due(conn, rules, today)?;
        let case_gaps = case_gaps(conn, rules, today)?;
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
        })
    }
}

/// The latest return visit or look-back check on or after the reply of suggestion `s`.
pub const LAST_VISIT: &str = "(SELECT max(f.date) FROM follow_ups f WHERE f.suggestion_id = s.id \
     AND f.kind IN ('return_visit', 'look_back') AND f.date >= s.replied_on)";

/// Whether a case has a done crime analysis of its own, and a suggestion (not withdrawn) linked to it.
pub const HAS_ANALYSIS: &str = "EXISTS (SELECT 1 FROM activities a WHERE a.case_id = c.id AND a.kind = 'analysis' AND a.done_on IS NOT NULL)";
pub const HAS_SUGGESTION: &str = "EXISTS (SELECT 1 FROM suggestion_cases sc JOIN suggestions s2 ON s2.id = sc.suggestion_id \
     WHERE sc.case_id = c.id AND s2.withdrawn_on IS NULL)";

fn case_gaps(conn: &Connection, rules: &Rules, today: NaiveDate) -> Result<Vec<CaseGapItem>> {
    let sql = format!(
        "SELECT {}, u.name, {HAS_ANALYSIS}, {HAS_SUGGESTION} FROM cases c LEFT JOIN units u ON u.id = c.unit_id \
         WHERE c.gap_from IS NOT NULL AND c.gap_from < ?1 AND NOT ({HAS_ANALYSIS} AND {HAS_SUGGESTION}) \
         ORDER BY c.gap_from, c.id",
        Case::select_list().replace("cases.", "c.")
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
    Ok(out)
}

fn activities_due(conn: &Connection, rules: &Rules, today: NaiveDate) -> Result<Vec<ActivityItem>> {
    let sql = format!(
        "SELECT {}, u.name, c.case_no FROM activities a LEFT JOIN units u ON u.id = a.unit_id \
         LEFT JOIN cases c ON c.id = a.case_id WHERE a.done_on IS NULL AND a.planned_on <= ?1 \
         ORDER BY a.planned_on, a.id",
        Activity::select_list().replace("activities.", "a.")
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
        if activity.kind.is_historical() && !rules.settings.show_historical {
            continue;
        }
        if let Some(days_overdue) = activity.due(today, rules) {
            out.push(ActivityItem {
                activity,
                unit,
                case_no,
                days_overdue,
            });
        }
    }
    Ok(out)
}
