//! The daily check's two sections that are not about a suggestion: cases without prevention follow-up and
//! planned work falling due.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::sql::{GAP_OPEN, HAS_ANALYSIS, HAS_SUGGESTION, open_activities};
use super::{ActivityItem, CaseGapItem, Rows};
use crate::domain::calendar::DueKind;
use crate::domain::{Activity, Case, Rules};
use crate::store::error::Result;
use crate::store::record::{Cols, Record, date};

pub(super) fn case_gaps(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    cap: Option<usize>,
) -> Result<Rows<CaseGapItem>> {
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
    Ok(Rows { rows: out, total })
}

pub(super) fn activities_due(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    cap: Option<usize>,
) -> Result<Rows<ActivityItem>> {
    let cond = format!("{} AND a.planned_on <= ?1", open_activities(rules));
    let sql = format!(
        "SELECT {}, u.name, c.case_no FROM activities a LEFT JOIN units u ON u.id = a.unit_id \
         LEFT JOIN cases c ON c.id = a.case_id WHERE {cond} ORDER BY a.planned_on, a.id{}",
        Activity::select_list().replace("activities.", "a."),
        cap.map(|n| format!(" LIMIT {n}")).unwrap_or_default()
    );
    let n = 2 + Activity::COLUMNS.len();
    let until = rules.warn_until(DueKind::Activity, today);
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
        if let Some(due) = activity.due_state(today, rules).filter(|d| d.in_window) {
            out.push(ActivityItem {
                activity,
                unit,
                case_no,
                days_overdue: due.days_overdue,
                standing: due.standing,
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
    Ok(Rows { rows: out, total })
}
