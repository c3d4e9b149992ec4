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
use crate::domain::calendar::DueKind;
use crate::domain::deadline::add_days;
use crate::domain::{Activity, Case, CaseGap, Deadline, Due, Rules, Standing, Suggestion};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "daily_agree.rs"]
mod agree;

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
    /// The domain's standing of that deadline today, and whether it is within its warning window.
    pub standing: Standing,
    pub in_window: bool,
}

impl SuggestionItem {
    /// The row for one of the suggestion's deadlines, as the domain judged it (`None`: it has no date).
    fn new(suggestion: Suggestion, recipient: String, due: Due) -> Option<SuggestionItem> {
        Some(SuggestionItem {
            deadline: due.deadline?,
            days_overdue: due.days_overdue,
            standing: due.standing,
            in_window: due.in_window,
            suggestion,
            recipient,
        })
    }

    pub fn days_left(&self) -> i64 {
        -self.days_overdue
    }

    pub fn is_late(&self) -> bool {
        self.standing == Standing::Late
    }

    /// Not yet late, and within its kind's warning window.
    pub fn is_soon(&self) -> bool {
        self.standing == Standing::Open && self.in_window
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
    pub standing: Standing,
}

impl ActivityItem {
    pub fn is_late(&self) -> bool {
        self.standing == Standing::Late
    }
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

/// Filings not yet made with the superior procuratorate, as the partial index `suggestions_filing_open`.
pub const OPEN_FILING: &str =
    "s.issued_on IS NOT NULL AND s.filed_on IS NULL AND s.withdrawn_on IS NULL";

/// Preventive investigations decided but not yet ended by an issued suggestion, as the partial index
/// `suggestions_investigation_open`.
pub const OPEN_INVESTIGATION: &str =
    "s.decided_on IS NOT NULL AND s.issued_on IS NULL AND s.withdrawn_on IS NULL";

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
            if let Some(due) = s.due(DueKind::Reply, None, today, rules)
                && due.is_late()
            {
                overdue_replies.extend(SuggestionItem::new(s, recipient, due));
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
            // `within` may differ from the reply warning window (`yufang overdue --within`), so the section
            // asks the domain only whether the reply is owed and not yet late.
            if let Some(due) = s.due(DueKind::Reply, None, today, rules)
                && due.standing == Standing::Open
                && due.date <= until
            {
                due_soon.extend(SuggestionItem::new(s, recipient, due));
            }
        }

        let due_soon_total = count(
            &cond,
            vec![date(Some(today)), date(Some(until))],
            due_soon.len(),
        )?;
        let mut filing_overdue = Vec::new();
        let cond = format!("{OPEN_FILING} AND s.filing_due < ?1");
        for (s, recipient) in suggestions_where(
            conn,
            &cond,
            vec![date(Some(today))],
            &limited("s.filing_due, s.id"),
        )? {
            if let Some(due) = s.due(DueKind::Filing, None, today, rules)
                && due.is_late()
            {
                filing_overdue.extend(SuggestionItem::new(s, recipient, due));
            }
        }

        let filing_total = count(&cond, vec![date(Some(today))], filing_overdue.len())?;
        let visit_until = rules.warn_until(DueKind::Visit, today);
        let mut visits_due = Vec::new();
        for (suggestion, recipient, deadline) in
            follow_through_between(conn, rules, None, visit_until, cap)?
        {
            // Read through the follow-through indices, so owed; the domain says whether it is in the window.
            let due = Due::owed(DueKind::Visit, deadline, today, rules);
            if due.in_window {
                visits_due.extend(SuggestionItem::new(suggestion, recipient, due));
            }
        }
        let visits_total = match cap {
            Some(n) if visits_due.len() >= n => follow_through_count(conn, rules, visit_until)?,
            _ => visits_due.len(),
        };

        let mut investigations_due = Vec::new();
        let inv_until = rules.warn_until(DueKind::Investigation, today);
        let cond = format!("{OPEN_INVESTIGATION} AND s.investigation_due <= ?1");
        for (s, recipient) in suggestions_where(
            conn,
            &cond,
            vec![date(Some(inv_until))],
            &limited("s.investigation_due, s.id"),
        )? {
            if let Some(due) = s.due(DueKind::Investigation, None, today, rules)
                && due.in_window
            {
                investigations_due.extend(SuggestionItem::new(s, recipient, due));
            }
        }

        let investigations_total =
            count(&cond, vec![date(Some(inv_until))], investigations_due.len())?;
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

/// The two kinds of follow-through, each written exactly as its partial index (migration 4) so SQLite reads
/// only that index: first return visits, by their stored due date, and look-back checks of visited, not fully
/// rectified suggestions, by their last visit.
pub(crate) const FIRST_VISIT: &str = "s.replied_on IS NOT NULL AND s.closed_on IS NULL AND s.withdrawn_on IS NULL \
     AND (s.last_visit_on IS NULL OR s.last_visit_on < s.replied_on)";
pub(crate) const LOOK_BACK: &str = "s.replied_on IS NOT NULL AND s.closed_on IS NULL AND s.withdrawn_on IS NULL \
     AND coalesce(s.rectification, '') <> 'full' AND s.last_visit_on >= s.replied_on";

/// Deadlines roll forward over at most this many rest days, so a raw date this much earlier can still land in
/// a window.
pub(crate) const ROLL_MARGIN: i64 = 40;

/// One follow-through read: rows of one partial index in the order of its key, and what the domain's
/// deadline can be at the earliest for a key (the first visit's stored due date is the deadline itself; a
/// look-back falls `visit_days` after the last visit, later if that is a rest day).
struct FollowRead {
    cond: &'static str,
    key: &'static str,
    /// Days from the key to the earliest possible deadline.
    lead: i64,
}

fn follow_reads(rules: &Rules) -> [FollowRead; 2] {
    [
        FollowRead {
            cond: FIRST_VISIT,
            key: "s.visit_due",
            lead: 0,
        },
        FollowRead {
            cond: LOOK_BACK,
            key: "s.last_visit_on",
            lead: i64::from(rules.settings.visit_days),
        },
    ]
}

/// Walks one follow-through read over keys in `[key_lo, key_hi]` in key order, handing `f` each row's key,
/// the suggestion, its recipient and the domain's next follow-through, until `f` says stop.
fn walk_follow_through(
    conn: &Connection,
    rules: &Rules,
    read: &FollowRead,
    (key_lo, key_hi): (NaiveDate, NaiveDate),
    mut f: impl FnMut(NaiveDate, Suggestion, String, Option<Deadline>) -> bool,
) -> Result<()> {
    let sql = format!(
        "SELECT {}, u.name, s.last_visit_on, {key} FROM suggestions s JOIN units u ON u.id = s.recipient_id \
         WHERE {cond} AND {key} BETWEEN ?1 AND ?2 ORDER BY {key}, s.id",
        light_select(),
        key = read.key,
        cond = read.cond,
    );
    let n = 2 + Suggestion::COLUMNS.len();
    let mut q = conn.prepare_cached(&sql)?;
    let mut rows = q.query(params_from_iter([date(Some(key_lo)), date(Some(key_hi))]))?;
    while let Some(row) = rows.next()? {
        let s = Suggestion::from_row(&mut Cols::new(row))?;
        let next = s.follow_through(row.get(n + 1)?, rules);
        if !f(row.get(n + 2)?, s, row.get(n)?, next) {
            break;
        }
    }
    Ok(())
}

/// The open replied suggestions whose next follow-through (return visit or look-back check) falls on or before
/// `until` (and on or after `from`), with that deadline, in deadline order; with `cap`, only the first `cap`.
/// Each read walks its index in key order. A deadline never comes before `key + lead` and grows with the
/// key, so once `cap` rows are in hand a read stops at the first key whose earliest deadline is past the
/// last of them: the first screen of a national archive reads a few hundred rows, not every candidate.
pub(crate) fn follow_through_between(
    conn: &Connection,
    rules: &Rules,
    from: Option<NaiveDate>,
    until: NaiveDate,
    cap: Option<usize>,
) -> Result<Vec<(Suggestion, String, Deadline)>> {
    if cap == Some(0) {
        return Ok(Vec::new());
    }
    let lo = from.unwrap_or(NaiveDate::MIN);
    let mut out = Vec::new();
    for read in follow_reads(rules) {
        let key_lo = match from {
            None => NaiveDate::MIN,
            Some(f) if read.lead == 0 => f,
            Some(f) => first_visit_due_from(f, rules),
        };
        let mut kept = 0;
        let mut enough_by: Option<NaiveDate> = None;
        walk_follow_through(
            conn,
            rules,
            &read,
            (key_lo, add_days(until, -read.lead)),
            |key, s, unit, next| {
                if enough_by.is_some_and(|last| add_days(key, read.lead) > last) {
                    return false;
                }
                if let Some(d) = next.filter(|d| d.date >= lo && d.date <= until) {
                    kept += 1;
                    if cap == Some(kept) {
                        enough_by = Some(d.date);
                    }
                    out.push((s, unit, d));
                }
                true
            },
        )?;
    }
    out.sort_by_key(|(s, _, d)| (d.date, s.id));
    if let Some(n) = cap {
        out.truncate(n);
    }
    Ok(out)
}

/// The earliest last-visit date whose look-back check falls on or after `from`. The domain's date grows with
/// the visit date and rolls forward at most `ROLL_MARGIN` days, so a short walk finds it, and the calendar
/// reads the look-backs of one day, not those of the weeks before it.
fn first_visit_due_from(from: NaiveDate, rules: &Rules) -> NaiveDate {
    let lead = i64::from(rules.settings.visit_days);
    let mut visit = add_days(from, -lead - ROLL_MARGIN);
    while visit < add_days(from, -lead)
        && Suggestion::look_back_due(visit, rules).is_some_and(|d| d.date < from)
    {
        visit = add_days(visit, 1);
    }
    visit
}

/// How many follow-throughs fall on or before `until`, from the indices alone. A first visit's key is its
/// deadline. Every row of the look-back index owes a look-back whose deadline depends on the last visit
/// alone: visits so early that no roll-forward carries them past `until` are counted by SQL, and the few
/// dozen visit dates of the last weeks before that edge are decided by the domain, each with its count.
fn follow_through_count(conn: &Connection, rules: &Rules, until: NaiveDate) -> Result<usize> {
    let count = |sql: String, bound: NaiveDate| -> Result<usize> {
        let n: i64 = conn
            .prepare_cached(&sql)?
            .query_row([date(Some(bound))], |r| r.get(0))?;
        Ok(n as usize)
    };
    let first = count(
        format!("SELECT count(*) FROM suggestions s WHERE {FIRST_VISIT} AND s.visit_due <= ?1"),
        until,
    )?;
    let visit_hi = add_days(until, -i64::from(rules.settings.visit_days));
    let edge = add_days(visit_hi, -ROLL_MARGIN);
    let surely = count(
        format!("SELECT count(*) FROM suggestions s WHERE {LOOK_BACK} AND s.last_visit_on <= ?1"),
        edge,
    )?;
    let near: usize = look_backs_due(conn, rules, (add_days(edge, 1), visit_hi))?
        .into_iter()
        .filter(|(due, _)| *due <= until)
        .map(|(_, n)| n)
        .sum();
    Ok(first + surely + near)
}

/// The look-back checks owed after visits from `visits.0` to `visits.1`, as (deadline, how many): every row
/// of the look-back index owes one whose date depends on the visit date alone, so a count per visit date
/// from the index and the domain's date for each give them all.
pub(crate) fn look_backs_due(
    conn: &Connection,
    rules: &Rules,
    visits: (NaiveDate, NaiveDate),
) -> Result<Vec<(NaiveDate, usize)>> {
    let sql = format!(
        "SELECT s.last_visit_on, count(*) FROM suggestions s WHERE {LOOK_BACK} \
         AND s.last_visit_on BETWEEN ?1 AND ?2 GROUP BY s.last_visit_on"
    );
    let mut q = conn.prepare_cached(&sql)?;
    let rows = q.query_map([date(Some(visits.0)), date(Some(visits.1))], |r| {
        Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (visit, n) = row?;
        if let Some(due) = Suggestion::look_back_due(visit, rules) {
            out.push((due.date, n as usize));
        }
    }
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

/// The activity kinds the settings hide (the historical ones), as an SQL list: `'a', 'b'`, or empty.
pub(crate) fn hidden_kinds(rules: &Rules) -> String {
    let hidden: Vec<String> = crate::domain::ActivityKind::ALL
        .iter()
        .filter(|k| k.is_historical() && !rules.settings.show_historical)
        .map(|k| format!("'{}'", k.code()))
        .collect();
    hidden.join(", ")
}

/// Planned work not yet done, leaving out the kinds the settings hide.
pub(crate) fn open_activities(rules: &Rules) -> String {
    format!(
        "a.done_on IS NULL AND a.kind NOT IN ({})",
        hidden_kinds(rules)
    )
}

fn activities_due(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    cap: Option<usize>,
) -> Result<(Vec<ActivityItem>, usize)> {
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
    Ok((out, total))
}
