//! Follow-through (return visits and look-back checks) read from its two partial indices: in deadline order
//! with an early stop for a capped screen, counted from the indices alone, and counted per visit date for the
//! calendar.

use chrono::NaiveDate;
use rusqlite::{Connection, params_from_iter};

use super::sql::{FIRST_VISIT, LOOK_BACK, ROLL_MARGIN, light_select};
use crate::domain::deadline::add_days;
use crate::domain::{Deadline, Rules, Suggestion};
use crate::store::error::Result;
use crate::store::record::{Cols, Record, date};

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
pub(super) fn follow_through_count(
    conn: &Connection,
    rules: &Rules,
    until: NaiveDate,
) -> Result<usize> {
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
