//! The conditions of the daily check's reads, each written exactly as the partial index on open items that
//! serves it (so SQLite reads only that index), and the light row read they share with the calendar.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use crate::domain::{Rules, Suggestion};
use crate::store::error::Result;
use crate::store::record::{Cols, Record};

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
pub(super) fn light_select() -> String {
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

/// Cases past the gap threshold (?1 = the cutoff) still lacking their analysis or a suggestion, as the
/// partial index `cases_gap_open` is written.
pub(super) const GAP_OPEN: &str =
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
