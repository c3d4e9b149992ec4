//! The measures of each suggestion, one row per item: written and read with their suggestion (so every change
//! is the suggestion's change, logged and undone with it), split from the text for stores that predate them,
//! and streamed beside the suggestions for the export.

use rusqlite::{Connection, OptionalExtension, Rows, Statement, params};

use super::error::Result;
use super::record::{Cols, date, opt_code, text};
use chrono::{Datelike, NaiveDate};

use crate::domain::Measure;
use crate::domain::measure::{MeasureCounts, OpenMeasures};
use crate::domain::numbering;

const COLUMNS: &str = "text, adoption, rectification, rectified_on, evidence";

fn read(r: &mut Cols<'_, '_>) -> rusqlite::Result<Measure> {
    Ok(Measure {
        text: r.get()?,
        adoption: r.opt_code()?,
        rectification: r.opt_code()?,
        rectified_on: r.date()?,
        evidence: r.get()?,
    })
}

/// Replaces the items of suggestion `id` (inside the caller's transaction).
pub(crate) fn save(conn: &Connection, id: i64, items: &[Measure]) -> Result<()> {
    conn.prepare_cached("DELETE FROM measures WHERE suggestion_id = ?1")?
        .execute([id])?;
    insert(conn, id, items)
}

fn insert(conn: &Connection, id: i64, items: &[Measure]) -> Result<()> {
    let mut add = conn.prepare_cached(&format!(
        "INSERT INTO measures (suggestion_id, position, {COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    ))?;
    for (i, m) in items.iter().enumerate() {
        add.execute(params![
            id,
            i as i64 + 1,
            text(&m.text),
            opt_code(m.adoption),
            opt_code(m.rectification),
            date(m.rectified_on),
            text(&m.evidence),
        ])?;
    }
    Ok(())
}

/// The items of suggestion `id`, in order.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Vec<Measure>> {
    let mut q = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM measures WHERE suggestion_id = ?1 ORDER BY position"
    ))?;
    let rows = q.query_map([id], |row| read(&mut Cols::new(row)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Splits the measures text of every suggestion that has a text and no items yet: a store from before
/// measures were items (run once, in the migration's transaction), and the generator's bulk load, which
/// writes no links through the records. Unanswered items: a state recorded for the whole suggestion stays
/// the suggestion's.
pub(crate) fn fill_missing(conn: &Connection) -> Result<u64> {
    let mut q = conn.prepare(
        "SELECT id, measures FROM suggestions s WHERE measures <> ''
         AND NOT EXISTS (SELECT 1 FROM measures m WHERE m.suggestion_id = s.id) ORDER BY id",
    )?;
    let mut rows = q.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let text: String = row.get(1)?;
        let items: Vec<Measure> = numbering::items(&text)
            .iter()
            .map(|t| Measure::new(t))
            .collect();
        insert(conn, id, &items)?;
        n += 1;
    }
    Ok(n)
}

/// The measures of the suggestions as they stream past in id order, without a query per suggestion.
pub(crate) struct Cursor<'s> {
    rows: Rows<'s>,
    pending: Option<(i64, Measure)>,
}

impl<'s> Cursor<'s> {
    pub(crate) fn statement(conn: &Connection) -> rusqlite::Result<Statement<'_>> {
        conn.prepare(&format!(
            "SELECT suggestion_id, {COLUMNS} FROM measures ORDER BY suggestion_id, position"
        ))
    }

    pub(crate) fn new(stmt: &'s mut Statement<'_>) -> rusqlite::Result<Cursor<'s>> {
        let mut rows = stmt.query([])?;
        let pending = next(&mut rows)?;
        Ok(Cursor { rows, pending })
    }

    /// The items of suggestion `id`; suggestions must be asked for in ascending id order.
    pub(crate) fn take(&mut self, id: i64) -> rusqlite::Result<Vec<Measure>> {
        let mut out = Vec::new();
        while let Some((sid, _)) = &self.pending {
            if *sid > id {
                break;
            }
            if let Some((sid, m)) = self.pending.take()
                && sid == id
            {
                out.push(m);
            }
            self.pending = next(&mut self.rows)?;
        }
        Ok(out)
    }
}

fn next(rows: &mut Rows<'_>) -> rusqlite::Result<Option<(i64, Measure)>> {
    Ok(match rows.next()? {
        Some(r) => {
            let mut c = Cols::new(r);
            Some((c.get()?, read(&mut c)?))
        }
        None => None,
    })
}

impl super::Store {
    /// The suggestion with this document number, in any spelling (`[2026]第3号` finds `〔2026〕3号`).
    pub fn suggestion_id_by_doc_no(&self, doc_no: &str) -> Result<Option<i64>> {
        let canonical = crate::domain::DocNo::parse(doc_no)
            .map_or_else(|| doc_no.trim().to_string(), |d| d.to_string());
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM suggestions WHERE doc_no = ?1",
                [canonical],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The case with this case number.
    pub fn case_id_by_no(&self, case_no: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM cases WHERE case_no = ?1",
                [case_no.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// What the check before issue needs beyond the suggestion: the recipient's contact person, the office's
    /// custom of stating a reply deadline for this category (its suggestions numbered this year and last,
    /// read through the document-number index), and the highest number of the document's year
    /// issued before it (numbers follow the order of issue).
    pub fn issue_facts(
        &self,
        s: &crate::domain::Suggestion,
    ) -> Result<crate::domain::issue_check::IssueFacts> {
        let recipient_has_contact: bool = self
            .conn
            .query_row(
                "SELECT trim(contact_person) <> '' FROM units WHERE id = ?1",
                [s.recipient_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false);
        let no = s.doc_no.as_deref().and_then(crate::domain::DocNo::parse);
        let year = no
            .as_ref()
            .map(|n| n.year)
            .or(s.issued_on.map(|d| chrono::Datelike::year(&d)))
            .unwrap_or_else(|| chrono::Datelike::year(&self.today));
        let (stated, of): (i64, i64) = self.conn.query_row(
            "SELECT count(stated_reply_due), count(*) FROM suggestions
             WHERE doc_year IN (?1, ?1 - 1) AND category = ?2 AND id <> ?3",
            params![year, s.category.code(), s.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let max_other_seq = match &no {
            None => None,
            Some(n) => self
                .conn
                .query_row(
                    "SELECT max(doc_seq) FROM suggestions WHERE doc_year = ?1 AND doc_no LIKE ?2 || '%' AND id <> ?3
                     AND issued_on IS NOT NULL
                     AND (?4 IS NULL OR issued_on < ?4 OR (issued_on = ?4 AND doc_seq < ?5))",
                    params![n.year, n.prefix, s.id, s.issued_on, n.seq],
                    |r| r.get::<_, Option<i64>>(0),
                )?
                .and_then(|m| u32::try_from(m).ok()),
        };
        Ok(crate::domain::issue_check::IssueFacts {
            recipient_has_contact,
            category_stated: (
                u64::try_from(stated).unwrap_or(0),
                u64::try_from(of).unwrap_or(0),
            ),
            max_other_seq,
        })
    }

    /// Measures of the suggestions issued from `from` to `to` (inclusive), counted in SQL; and the replied
    /// ones among them with a measure still open at `to`, most open first (at most `limit`, with the full
    /// count). Issued suggestions carry a number of their issue year, so the year index narrows the read.
    pub fn measure_stats(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        limit: usize,
    ) -> Result<(MeasureCounts, Vec<OpenMeasures>, u64)> {
        let (y1, y2) = (from.year(), to.year());
        let scope = "s.doc_year BETWEEN ?1 AND ?2 AND s.issued_on BETWEEN ?3 AND ?4 AND s.withdrawn_on IS NULL";
        let args = params![y1, y2, date(Some(from)), date(Some(to))];
        let counts = self.conn.query_row(
            &format!(
                "SELECT count(DISTINCT s.id), count(*), count(m.adoption),
                        coalesce(sum(m.adoption = 'adopted'), 0), coalesce(sum(m.adoption = 'partly'), 0),
                        coalesce(sum(m.rectification = 'full' AND m.rectified_on <= ?4), 0)
                 FROM suggestions s JOIN measures m ON m.suggestion_id = s.id WHERE {scope}"
            ),
            args,
            |r| {
                let n = |i: usize| -> rusqlite::Result<u64> {
                    Ok(u64::try_from(r.get::<_, i64>(i)?).unwrap_or(0))
                };
                Ok(MeasureCounts {
                    suggestions: n(0)?,
                    measures: n(1)?,
                    answered: n(2)?,
                    adopted: n(3)?,
                    partly_adopted: n(4)?,
                    fully_rectified: n(5)?,
                })
            },
        )?;
        let open = format!(
            "SELECT s.id, s.doc_no, s.title, u.name,
                    sum(NOT coalesce(m.rectification = 'full' AND m.rectified_on <= ?4, 0)) AS open, count(*)
             FROM suggestions s JOIN measures m ON m.suggestion_id = s.id JOIN units u ON u.id = s.recipient_id
             WHERE {scope} AND s.replied_on <= ?4
             GROUP BY s.id HAVING open > 0"
        );
        let total: i64 =
            self.conn
                .query_row(&format!("SELECT count(*) FROM ({open})"), args, |r| {
                    r.get(0)
                })?;
        let mut q = self.conn.prepare(&format!(
            "{open} ORDER BY open DESC, s.doc_year, s.doc_seq LIMIT ?5"
        ))?;
        let rows = q.query_map(
            params![y1, y2, date(Some(from)), date(Some(to)), limit as i64],
            |r| {
                Ok(OpenMeasures {
                    id: r.get(0)?,
                    doc_no: r.get(1)?,
                    title: r.get(2)?,
                    recipient: r.get(3)?,
                    open: u64::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                    measures: u64::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
                })
            },
        )?;
        let list = rows.collect::<rusqlite::Result<_>>()?;
        Ok((counts, list, u64::try_from(total).unwrap_or(0)))
    }
}
