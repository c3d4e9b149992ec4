//! The unit registry and the prevention-activity list: windows of rows (sought by sort key like the case and
//! suggestion lists), filters, and a unit's whole history.

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::Store;
use super::daily::hidden_kinds;
use super::error::{Result, StoreError};
use super::lists::{
    CaseQuery, CaseRow, Cond, Order, Page, Seek, SuggestionQuery, SuggestionRow, count_where,
    key_values, like, read_window, seek_page,
};
use super::record::{Cols, Record, text};
use crate::domain::{Activity, ActivityKind, Unit};
use crate::i18n::{K, Lang};

/// Which flag a unit must carry to be listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnitFlag {
    #[default]
    All,
    KeyDemo,
    KeyContact,
    LeadingGroup,
}

impl UnitFlag {
    pub const ALL: [UnitFlag; 4] = [
        UnitFlag::All,
        UnitFlag::KeyDemo,
        UnitFlag::KeyContact,
        UnitFlag::LeadingGroup,
    ];
    fn sql(self) -> &'static str {
        match self {
            UnitFlag::All => "1",
            UnitFlag::KeyDemo => "u.key_demo = 1",
            UnitFlag::KeyContact => "u.key_contact = 1",
            UnitFlag::LeadingGroup => "u.leading_group = 1",
        }
    }
    pub fn label(self) -> K {
        match self {
            UnitFlag::All => K::HkStateAll,
            UnitFlag::KeyDemo => K::FKeyDemo,
            UnitFlag::KeyContact => K::FKeyContact,
            UnitFlag::LeadingGroup => K::FLeadingGroup,
        }
    }
}

/// The `/` filter matches name, industry, region and contact, so "filter by industry or region" is typing it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitQuery {
    pub filter: String,
    pub flag: UnitFlag,
}

#[derive(Clone, Debug)]
pub struct UnitRow {
    pub unit: Unit,
    pub cases: i64,
    pub suggestions: i64,
    pub last_contact: Option<NaiveDate>,
}

/// A unit's whole history.
#[derive(Clone, Debug)]
pub struct UnitDetail {
    pub row: UnitRow,
    pub cases: Vec<CaseRow>,
    pub suggestions: Vec<SuggestionRow>,
    pub activities: Vec<ActivityRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityQuery {
    pub filter: String,
    /// Only the work behind a figure of the year in view (of any kind, the historical ones too).
    pub drill: Option<crate::domain::stats::Drill>,
}

#[derive(Clone, Debug)]
pub struct ActivityRow {
    pub activity: Activity,
    pub unit: Option<String>,
    pub case_no: Option<String>,
    pub doc_no: Option<String>,
    /// Days past the planned date of work not yet done (positive = late).
    pub days_overdue: Option<i64>,
}

/// The latest contact with unit `u` (a service, a follow-up on one of its suggestions, or work done there),
/// kept by the triggers of migration 5.
const LAST_CONTACT: &str = "u.last_contact_on";

/// Rows fetched for the detail view's lists; a unit's history is long only in a synthetic store.
const DETAIL_ROWS: usize = 500;

impl Store {
    fn unit_where(&self, q: &UnitQuery) -> (String, Vec<(&'static str, Value)>) {
        let mut cond = q.flag.sql().to_string();
        let mut args = Vec::new();
        if !q.filter.trim().is_empty() {
            cond = format!(
                "{cond} AND (u.name || ' ' || u.industry || ' ' || u.region || ' ' || u.contact_person || ' ' || u.notes) \
                 LIKE :f ESCAPE '\\'"
            );
            args.push((":f", text(&like(&q.filter))));
        }
        (cond, args)
    }

    pub fn unit_count(&self, q: &UnitQuery) -> Result<usize> {
        let (cond, args) = self.unit_where(q);
        count_where(&self.conn, "units u", (&cond, &args), &q.filter)
    }

    pub fn unit_rows(&self, q: &UnitQuery, offset: usize, limit: usize) -> Result<Vec<UnitRow>> {
        Ok(self.unit_page(q, Seek::Offset(offset), limit)?.rows)
    }

    /// The units `seek` asks for, at most `limit`, by name in pinyin order (the stored key, which an index
    /// serves), with their sort keys.
    pub fn unit_page(&self, q: &UnitQuery, seek: Seek<'_>, limit: usize) -> Result<Page<UnitRow>> {
        let order = Order::new(&["u.name_key"], "u.id", false).not_null();
        let (cond, args) = self.unit_where(q);
        let head = format!(
            "SELECT {}, (SELECT count(*) FROM cases c WHERE c.unit_id = u.id), \
             (SELECT count(*) FROM suggestions s WHERE s.recipient_id = u.id), {LAST_CONTACT}, {} \
             FROM units u WHERE ({cond}) AND ",
            Unit::select_list().replace("units.", "u."),
            order.key_columns()
        );
        let n = 2 + Unit::COLUMNS.len();
        let mut read = |seek: &Cond, by: &str, offset: usize, limit: usize| {
            read_window(&self.conn, &head, &args, (seek, by, offset, limit), |r| {
                let unit = UnitRow {
                    unit: Unit::from_row(&mut Cols::new(r))?,
                    cases: r.get(n)?,
                    suggestions: r.get(n + 1)?,
                    last_contact: r.get(n + 2)?,
                };
                Ok((unit, key_values(r, n + 3, &order)?))
            })
        };
        seek_page(&order, seek, limit, &mut read)
    }

    pub fn unit_detail(&self, id: i64, lang: Lang) -> Result<UnitDetail> {
        let sql = format!(
            "SELECT {}, (SELECT count(*) FROM cases c WHERE c.unit_id = u.id), \
             (SELECT count(*) FROM suggestions s WHERE s.recipient_id = u.id), {LAST_CONTACT} FROM units u WHERE u.id = ?1",
            Unit::select_list().replace("units.", "u.")
        );
        let n = 2 + Unit::COLUMNS.len();
        let row = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |row| {
                Ok(UnitRow {
                    unit: Unit::from_row(&mut Cols::new(row))?,
                    cases: row.get(n)?,
                    suggestions: row.get(n + 1)?,
                    last_contact: row.get(n + 2)?,
                })
            })
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound {
                    entity: K::EUnit,
                    id,
                },
                e => e.into(),
            })?;
        let cases = self.case_rows(
            &CaseQuery {
                unit_id: Some(id),
                desc: true,
                ..CaseQuery::default()
            },
            lang,
            0,
            DETAIL_ROWS,
        )?;
        let suggestions = self.suggestion_rows(
            &SuggestionQuery {
                recipient_id: Some(id),
                desc: true,
                ..SuggestionQuery::default()
            },
            lang,
            0,
            DETAIL_ROWS,
        )?;
        let activities = self
            .activity_page_where(
                "a.unit_id = :unit",
                vec![(":unit", Value::Integer(id))],
                Seek::Offset(0),
                DETAIL_ROWS,
            )?
            .rows;
        Ok(UnitDetail {
            row,
            cases,
            suggestions,
            activities,
        })
    }

    fn activity_where(
        &self,
        q: &ActivityQuery,
        lang: Lang,
    ) -> (String, Vec<(&'static str, Value)>) {
        let (mut cond, mut args) = match &q.drill {
            Some(d) => super::stats::drill_cond(d),
            None => (
                format!("a.kind NOT IN ({})", hidden_kinds(&self.rules)),
                Vec::new(),
            ),
        };
        if !q.filter.trim().is_empty() {
            let kinds = super::lists::label_codes(
                ActivityKind::ALL,
                &q.filter,
                lang,
                |v, l| v.label(l),
                |v| v.code(),
            );
            cond = format!(
                "{cond} AND ((a.title || ' ' || a.notes || ' ' || coalesce(u.name, '') || ' ' || coalesce(c.case_no, '') \
                 || ' ' || coalesce(s.doc_no, '')) LIKE :f ESCAPE '\\' OR a.kind IN ({kinds}))"
            );
            args.push((":f", text(&like(&q.filter))));
        }
        (cond, args)
    }

    const ACTIVITY_FROM: &'static str = "activities a LEFT JOIN units u ON u.id = a.unit_id \
         LEFT JOIN cases c ON c.id = a.case_id LEFT JOIN suggestions s ON s.id = a.suggestion_id";

    pub fn activity_count(&self, q: &ActivityQuery, lang: Lang) -> Result<usize> {
        if q.filter.trim().is_empty() && q.drill.is_none() {
            // All minus the hidden kinds: SQLite counts a whole table from its smallest index without looking
            // at a row, and the hidden kinds are a range of `activities_kind`, where a million rows tested
            // one by one took 40 ms.
            let sql = format!(
                "SELECT (SELECT count(*) FROM activities) - \
                 (SELECT count(*) FROM activities WHERE kind IN ({}))",
                hidden_kinds(&self.rules)
            );
            let n: i64 = self
                .conn
                .prepare_cached(&sql)?
                .query_row([], |r| r.get(0))?;
            return Ok(n as usize);
        }
        let (cond, args) = self.activity_where(q, lang);
        count_where(&self.conn, Self::ACTIVITY_FROM, (&cond, &args), &q.filter)
    }

    pub fn activity_rows(
        &self,
        q: &ActivityQuery,
        lang: Lang,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ActivityRow>> {
        Ok(self
            .activity_page(q, lang, Seek::Offset(offset), limit)?
            .rows)
    }

    /// The activities `seek` asks for, at most `limit`, with their sort keys.
    pub fn activity_page(
        &self,
        q: &ActivityQuery,
        lang: Lang,
        seek: Seek<'_>,
        limit: usize,
    ) -> Result<Page<ActivityRow>> {
        let (cond, args) = self.activity_where(q, lang);
        self.activity_page_where(&cond, args, seek, limit)
    }

    /// Newest first: planned work not yet done comes by its planned date, done work by its done date.
    fn activity_page_where(
        &self,
        cond: &str,
        args: Vec<(&'static str, Value)>,
        seek: Seek<'_>,
        limit: usize,
    ) -> Result<Page<ActivityRow>> {
        let order = Order::new(&["coalesce(a.done_on, a.planned_on)"], "a.id", true);
        let head = format!(
            "SELECT {}, u.name, c.case_no, s.doc_no, {} FROM {} WHERE ({cond}) AND ",
            Activity::select_list().replace("activities.", "a."),
            order.key_columns(),
            Self::ACTIVITY_FROM
        );
        let n = 2 + Activity::COLUMNS.len();
        let mut read = |seek: &Cond, by: &str, offset: usize, limit: usize| {
            read_window(&self.conn, &head, &args, (seek, by, offset, limit), |r| {
                let activity = Activity::from_row(&mut Cols::new(r))?;
                let days_overdue = activity
                    .due_state(self.today, &self.rules)
                    .filter(|d| d.is_late())
                    .map(|d| d.days_overdue);
                let row = ActivityRow {
                    activity,
                    unit: r.get(n)?,
                    case_no: r.get(n + 1)?,
                    doc_no: r.get(n + 2)?,
                    days_overdue,
                };
                Ok((row, key_values(r, n + 3, &order)?))
            })
        };
        seek_page(&order, seek, limit, &mut read)
    }

    /// Where a new activity for a case goes: the case's unit.
    pub fn case_unit_id(&self, case_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT unit_id FROM cases WHERE id = ?1", [case_id], |r| {
                r.get(0)
            })?)
    }

    /// Suggestions as (id, "doc no  title") for pickers.
    pub fn suggestion_choices(&self) -> Result<Vec<(i64, String)>> {
        let mut q = self.conn.prepare_cached(
            "SELECT id, coalesce(doc_no, '') || '  ' || title FROM suggestions ORDER BY issued_on IS NULL, issued_on DESC, id DESC",
        )?;
        let rows = q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
