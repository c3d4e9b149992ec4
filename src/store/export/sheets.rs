//! CSV export: one file per entity, headers and choices in the UI language, references by name or number,
//! so the units, cases and suggestions files import back.

use std::io::Write;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{DataResult, each};
use crate::domain::{Activity, Case, FollowUp, Plan, Suggestion, Unit};
use crate::i18n::{K, Lang};
use crate::ledger::columns::{CASE_COLS, ColDef, SUGGESTION_COLS, UNIT_COLS};
use crate::store::Store;
use crate::store::record::{Cols, Record};

// units, cases and suggestions files import back.

/// The CSV files of an export, in [`Entity::ALL`](crate::store::Entity::ALL) order: (file name, entity table).
pub const CSV_FILES: &[(&str, &str)] = &[
    ("units.csv", "units"),
    ("cases.csv", "cases"),
    ("suggestions.csv", "suggestions"),
    ("follow_ups.csv", "follow_ups"),
    ("activities.csv", "activities"),
    ("plans.csv", "plans"),
];

/// Writes one entity table as CSV (no BOM: the caller decides) and returns the number of rows.
pub fn export_csv(
    store: &Store,
    table: &str,
    lang: Lang,
    out: &mut dyn Write,
    tick: &mut dyn FnMut(u64),
) -> DataResult<u64> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let keys = table_keys(table);
    if !keys.is_empty() {
        w.write_record(labels(&keys, lang))?;
    }
    let mut n = 0u64;
    table_rows(store, table, lang, &mut |cells| {
        w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
        n += 1;
        if n.is_multiple_of(1024) {
            tick(n);
        }
        Ok(())
    })?;
    w.flush()?;
    tick(n);
    Ok(n)
}

/// The header of one entity table's sheet, as catalogue keys (the CSV and workbook exports write them in
/// the UI language; the import reads either language).
pub(crate) fn table_keys(table: &str) -> Vec<K> {
    let cols = |c: &[ColDef]| c.iter().map(|d| d.label).collect();
    match table {
        "units" => cols(UNIT_COLS),
        "cases" => cols(CASE_COLS),
        "suggestions" => cols(SUGGESTION_COLS),
        "follow_ups" => vec![
            K::DataColId,
            K::FSuggestion,
            K::FKind,
            K::FDate,
            K::FMethod,
            K::FRecord,
            K::FOutcome,
            K::FStep,
        ],
        "activities" => vec![
            K::DataColId,
            K::FKind,
            K::FTitle,
            K::FPlannedOn,
            K::FDoneOn,
            K::ColUnit,
            K::FCase,
            K::FSuggestion,
            K::FAttendees,
            K::FNotes,
        ],
        "plans" => vec![
            K::DataColId,
            K::FYear,
            K::FTargets,
            K::FSuggestionTarget,
            K::FFocusIndustries,
            K::FPlanCheckOn,
            K::FMidyearCheckOn,
            K::FYearendCheckOn,
            K::FNotes,
        ],
        _ => Vec::new(),
    }
}

/// The rows of one entity table as the cells of its sheet, in [`table_keys`] order.
pub(crate) fn table_rows(
    store: &Store,
    table: &str,
    lang: Lang,
    row: &mut dyn FnMut(Vec<String>) -> DataResult<()>,
) -> DataResult<()> {
    let f = Fmt { lang };
    let conn = &store.conn;
    match table {
        "units" => {
            each::<Unit>(conn, |u| row(f.unit(&u)))?;
        }
        "cases" => {
            let sql = format!(
                "SELECT {}, units.name FROM cases LEFT JOIN units ON units.id = cases.unit_id ORDER BY cases.id",
                Case::select_list()
            );
            each_joined(conn, &sql, |c: Case, rest| row(f.case(&c, rest)))?;
        }
        "suggestions" => {
            let sql = format!(
                "SELECT {}, units.name, \
                 (SELECT group_concat(u.name, char(10) ORDER BY u.name) FROM suggestion_copies x \
                  JOIN units u ON u.id = x.unit_id WHERE x.suggestion_id = suggestions.id), \
                 (SELECT group_concat(c.case_no, char(10) ORDER BY c.case_no) FROM suggestion_cases x \
                  JOIN cases c ON c.id = x.case_id WHERE x.suggestion_id = suggestions.id) \
                 FROM suggestions JOIN units ON units.id = suggestions.recipient_id ORDER BY suggestions.id",
                Suggestion::select_list()
            );
            each_joined(
                conn,
                &sql,
                |s: Suggestion, rest| row(f.suggestion(&s, rest)),
            )?;
        }
        "follow_ups" => {
            let sql = format!(
                "SELECT {}, coalesce(s.doc_no, s.title) FROM follow_ups \
                 JOIN suggestions s ON s.id = follow_ups.suggestion_id ORDER BY follow_ups.id",
                FollowUp::select_list()
            );
            each_joined(conn, &sql, |x: FollowUp, rest| row(f.follow_up(&x, rest)))?;
        }
        "activities" => {
            let sql = format!(
                "SELECT {}, u.name, c.case_no, coalesce(s.doc_no, s.title) FROM activities \
                 LEFT JOIN units u ON u.id = activities.unit_id \
                 LEFT JOIN cases c ON c.id = activities.case_id \
                 LEFT JOIN suggestions s ON s.id = activities.suggestion_id ORDER BY activities.id",
                Activity::select_list()
            );
            each_joined(conn, &sql, |a: Activity, rest| row(f.activity(&a, rest)))?;
        }
        "plans" => {
            each::<Plan>(conn, |p| row(f.plan(&p)))?;
        }
        _ => {}
    }
    Ok(())
}

/// Characters that make a spreadsheet read a cell as a formula (the OWASP CSV-injection list).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `s`, after any leading apostrophes, starts like a formula.
fn formula_like(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A cell as written to CSV: one that a spreadsheet would run as a formula gets a leading `'` (so a unit
/// named `=HYPERLINK(...)` stays text). Text that already starts with apostrophes before such a character
/// gets one more, so [`unneutralise`] gives back exactly the original.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(s) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The original text of a cell [`neutralise`] wrote (import calls it on every cell).
pub fn unneutralise(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => s,
    }
}

fn labels(keys: &[K], lang: Lang) -> Vec<&'static str> {
    keys.iter().map(|k| lang.t(*k)).collect()
}

/// Rows of a query that selects a record and then extra text columns (names of what it points at).
pub(super) fn each_joined<T: Record>(
    conn: &Connection,
    sql: &str,
    mut f: impl FnMut(T, Vec<Option<String>>) -> DataResult<()>,
) -> DataResult<()> {
    let mut q = conn.prepare(sql)?;
    let width = q.column_count();
    let mut rows = q.query([])?;
    while let Some(row) = rows.next()? {
        let mut cols = Cols::new(row);
        let rec = T::from_row(&mut cols)?;
        let mut rest = Vec::new();
        for i in cols.position()..width {
            rest.push(row.get::<_, Option<String>>(i)?);
        }
        f(rec, rest)?;
    }
    Ok(())
}

/// Cell formatting in the UI language.
struct Fmt {
    lang: Lang,
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn opt_int(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Fen as plain yuan (`12345.67`): no grouping, so spreadsheets read a number.
fn yuan(fen: Option<i64>) -> String {
    use crate::domain::case::{YuanStyle, yuan_text};
    fen.map(|f| yuan_text(f, YuanStyle::Plain))
        .unwrap_or_default()
}

impl Fmt {
    fn flag(&self, b: bool) -> String {
        self.lang.t(if b { K::Yes } else { K::No }).to_string()
    }
    fn sep(&self) -> &'static str {
        if self.lang == Lang::Zh { "；" } else { "; " }
    }
    /// A `char(10)`-joined list from SQL, joined the way the import splits it.
    fn list(&self, v: &Option<String>) -> String {
        v.as_deref()
            .map(|s| s.split('\n').collect::<Vec<_>>().join(self.sep()))
            .unwrap_or_default()
    }

    fn unit(&self, u: &Unit) -> Vec<String> {
        let l = self.lang;
        vec![
            u.id.to_string(),
            u.name.clone(),
            u.industry.clone(),
            u.region.clone(),
            u.level.label(l).to_string(),
            self.flag(u.key_demo),
            self.flag(u.key_contact),
            self.flag(u.leading_group),
            u.contact_person.clone(),
            u.contact_phone.clone(),
            u.notes.clone(),
        ]
    }

    fn case(&self, c: &Case, rest: Vec<Option<String>>) -> Vec<String> {
        let l = self.lang;
        let unit = rest.into_iter().next().flatten().unwrap_or_default();
        vec![
            c.id.to_string(),
            c.case_no.clone(),
            c.source.label(l).to_string(),
            c.suspect.clone(),
            c.post.clone(),
            unit,
            c.crime_type.label(l).to_string(),
            yuan(c.amount_fen),
            c.status.label(l).to_string(),
            date(c.filed_on),
            date(c.prosecuted_on),
            date(c.judged_on),
            date(c.closed_on),
            c.summary.clone(),
        ]
    }

    fn suggestion(&self, s: &Suggestion, rest: Vec<Option<String>>) -> Vec<String> {
        let l = self.lang;
        let mut rest = rest.into_iter();
        let recipient = rest.next().flatten().unwrap_or_default();
        let copies = self.list(&rest.next().flatten());
        let cases = self.list(&rest.next().flatten());
        let label = |v: Option<&'static str>| v.unwrap_or_default().to_string();
        vec![
            s.id.to_string(),
            s.doc_no.clone().unwrap_or_default(),
            s.category.label(l).to_string(),
            s.legal_type.label(l).to_string(),
            s.title.clone(),
            s.problems.clone(),
            s.measures.clone(),
            recipient,
            copies,
            cases,
            date(s.decided_on),
            date(s.issued_on),
            date(s.served_on),
            label(s.service_method.map(|m| m.label(l))),
            date(s.received_on),
            date(s.filed_on),
            date(s.stated_reply_due),
            date(s.replied_on),
            label(s.adoption.map(|a| a.label(l))),
            s.reply_summary.clone(),
            date(s.rectified_on),
            label(s.rectification.map(|r| r.label(l))),
            date(s.evaluated_on),
            date(s.closed_on),
            date(s.withdrawn_on),
            s.notes.clone(),
        ]
    }

    fn follow_up(&self, x: &FollowUp, rest: Vec<Option<String>>) -> Vec<String> {
        let l = self.lang;
        vec![
            x.id.to_string(),
            rest.into_iter().next().flatten().unwrap_or_default(),
            x.kind.label(l).to_string(),
            date(Some(x.date)),
            x.method.clone(),
            x.record.clone(),
            x.outcome
                .map(|o| o.label(l).to_string())
                .unwrap_or_default(),
            x.step.map(|s| s.label(l).to_string()).unwrap_or_default(),
        ]
    }

    fn activity(&self, a: &Activity, rest: Vec<Option<String>>) -> Vec<String> {
        let l = self.lang;
        let mut rest = rest.into_iter();
        let mut next = || rest.next().flatten().unwrap_or_default();
        vec![
            a.id.to_string(),
            a.kind.label(l).to_string(),
            a.title.clone(),
            date(a.planned_on),
            date(a.done_on),
            next(),
            next(),
            next(),
            opt_int(a.attendees),
            a.notes.clone(),
        ]
    }

    fn plan(&self, p: &Plan) -> Vec<String> {
        let l = self.lang;
        let targets: Vec<String> = p
            .targets
            .iter()
            .map(|(k, v)| format!("{} {v}", k.label(l)))
            .collect();
        vec![
            p.id.to_string(),
            p.year.to_string(),
            targets.join(self.sep()),
            opt_int(p.suggestion_target),
            p.focus_industries.clone(),
            date(p.plan_check_on),
            date(p.midyear_check_on),
            date(p.yearend_check_on),
            p.notes.clone(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_as_wide_as_their_headers() {
        let f = Fmt { lang: Lang::Zh };
        assert_eq!(f.unit(&Unit::new("x")).len(), UNIT_COLS.len());
        assert_eq!(f.case(&Case::new("x"), vec![]).len(), CASE_COLS.len());
        assert_eq!(
            f.suggestion(&Suggestion::new("x", 1), vec![]).len(),
            SUGGESTION_COLS.len()
        );
        assert_eq!(yuan(Some(123_456)), "1234.56");
        assert_eq!(yuan(Some(5)), "0.05");
    }
}
