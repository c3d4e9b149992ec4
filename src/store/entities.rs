//! How each domain entity maps onto its table.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::entity::Entity;
use super::error::{Result, StoreError};
use super::record::{Cols, Record, code, date, exists, flag, int, opt_code, text, unique};
use crate::domain::{Activity, ActivityKind, Case, DocNo, FollowUp, Plan, Rules, Suggestion, Unit};

/// The id/version accessors every entity has the same way.
macro_rules! record_meta {
    () => {
        fn id(&self) -> i64 {
            self.id
        }
        fn version(&self) -> i64 {
            self.version
        }
        fn set_meta(&mut self, id: i64, version: i64) {
            self.id = id;
            self.version = version;
        }
    };
}

fn valid(r: std::result::Result<(), Vec<crate::domain::FieldError>>) -> Result<()> {
    r.map_err(StoreError::Invalid)
}

fn must_exist(conn: &Connection, entity: Entity, id: Option<i64>) -> Result<()> {
    if let Some(id) = id
        && !exists(
            conn,
            &format!("SELECT 1 FROM {} WHERE id = ?1", entity.table()),
            id,
        )?
    {
        return Err(StoreError::NotFound {
            entity: entity.key(),
            id,
        });
    }
    Ok(())
}

impl Record for Unit {
    const KIND: Entity = Entity::Unit;
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "industry",
        "region",
        "level",
        "key_demo",
        "key_contact",
        "leading_group",
        "contact_person",
        "contact_phone",
        "notes",
    ];
    record_meta!();
    fn normalize(&mut self) {
        self.name = self.name.trim().to_string();
    }
    fn values(&self, _: &Rules) -> Vec<Value> {
        vec![
            text(&self.name),
            text(&self.industry),
            text(&self.region),
            code(self.level),
            flag(self.key_demo),
            flag(self.key_contact),
            flag(self.leading_group),
            text(&self.contact_person),
            text(&self.contact_phone),
            text(&self.notes),
        ]
    }
    fn from_row(r: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Unit {
            id: r.get()?,
            version: r.get()?,
            name: r.get()?,
            industry: r.get()?,
            region: r.get()?,
            level: r.code()?,
            key_demo: r.get()?,
            key_contact: r.get()?,
            leading_group: r.get()?,
            contact_person: r.get()?,
            contact_phone: r.get()?,
            notes: r.get()?,
        })
    }
    fn check(&self, conn: &Connection, _today: NaiveDate) -> Result<()> {
        valid(self.validate())?;
        unique(
            conn,
            Entity::Unit,
            "name",
            &text(&self.name),
            self.id,
            &self.name,
        )
    }
    fn referenced(conn: &Connection, id: i64) -> Result<bool> {
        Ok(exists(conn, "SELECT 1 FROM cases WHERE unit_id = ?1", id)?
            || exists(
                conn,
                "SELECT 1 FROM suggestions WHERE recipient_id = ?1",
                id,
            )?
            || exists(
                conn,
                "SELECT 1 FROM suggestion_copies WHERE unit_id = ?1",
                id,
            )?
            || exists(conn, "SELECT 1 FROM activities WHERE unit_id = ?1", id)?)
    }
}

impl Record for Case {
    const KIND: Entity = Entity::Case;
    const COLUMNS: &'static [&'static str] = &[
        "case_no",
        "source",
        "suspect",
        "post",
        "unit_id",
        "crime_type",
        "amount_fen",
        "status",
        "filed_on",
        "prosecuted_on",
        "judged_on",
        "closed_on",
        "summary",
        "gap_from",
    ];
    record_meta!();
    fn normalize(&mut self) {
        self.case_no = self.case_no.trim().to_string();
    }
    fn values(&self, _: &Rules) -> Vec<Value> {
        vec![
            text(&self.case_no),
            code(self.source),
            text(&self.suspect),
            text(&self.post),
            int(self.unit_id),
            code(self.crime_type),
            int(self.amount_fen),
            code(self.status),
            date(self.filed_on),
            date(self.prosecuted_on),
            date(self.judged_on),
            date(self.closed_on),
            text(&self.summary),
            date(self.gap_from()),
        ]
    }
    fn from_row(r: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        let c = Case {
            id: r.get()?,
            version: r.get()?,
            case_no: r.get()?,
            source: r.code()?,
            suspect: r.get()?,
            post: r.get()?,
            unit_id: r.get()?,
            crime_type: r.code()?,
            amount_fen: r.get()?,
            status: r.code()?,
            filed_on: r.date()?,
            prosecuted_on: r.date()?,
            judged_on: r.date()?,
            closed_on: r.date()?,
            summary: r.get()?,
        };
        let _gap_from = r.date()?;
        Ok(c)
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        valid(self.validate(today))?;
        must_exist(conn, Entity::Unit, self.unit_id)?;
        unique(
            conn,
            Entity::Case,
            "case_no",
            &text(&self.case_no),
            self.id,
            &self.case_no,
        )
    }
    fn referenced(conn: &Connection, id: i64) -> Result<bool> {
        Ok(exists(
            conn,
            "SELECT 1 FROM suggestion_cases WHERE case_id = ?1",
            id,
        )? || exists(conn, "SELECT 1 FROM activities WHERE case_id = ?1", id)?)
    }
}

pub(crate) const SUGGESTION_COLUMNS: &[&str] = &[
    "doc_no",
    "doc_year",
    "doc_seq",
    "category",
    "legal_type",
    "title",
    "problems",
    "measures",
    "recipient_id",
    "decided_on",
    "issued_on",
    "served_on",
    "service_method",
    "received_on",
    "filed_on",
    "stated_reply_due",
    "replied_on",
    "adoption",
    "reply_summary",
    "rectified_on",
    "rectification",
    "evaluated_on",
    "closed_on",
    "withdrawn_on",
    "notes",
    "states_by_hand",
    "investigation_due",
    "filing_due",
    "reply_due",
    "visit_due",
];

impl Record for Suggestion {
    const KIND: Entity = Entity::Suggestion;
    const COLUMNS: &'static [&'static str] = SUGGESTION_COLUMNS;
    record_meta!();
    fn normalize(&mut self) {
        self.title = self.title.trim().to_string();
        // Store one spelling per number, so 〔2026〕3号 and [2026]第3号 cannot coexist.
        self.doc_no = match self.doc_no.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(t) => Some(DocNo::parse(t).map_or_else(|| t.to_string(), |d| d.to_string())),
        };
        self.case_ids.sort_unstable();
        self.case_ids.dedup();
        self.copied_to.sort_unstable();
        self.copied_to.dedup();
        self.settle_measures();
    }
    fn values(&self, rules: &Rules) -> Vec<Value> {
        let no = self.doc_no.as_deref().and_then(DocNo::parse);
        let due = self.deadlines(rules).dates();
        vec![
            self.doc_no.as_deref().map_or(Value::Null, text),
            int(no.as_ref().map(|d| i64::from(d.year))),
            int(no.as_ref().map(|d| i64::from(d.seq))),
            code(self.category),
            code(self.legal_type),
            text(&self.title),
            text(&self.problems),
            text(&self.measures),
            Value::Integer(self.recipient_id),
            date(self.decided_on),
            date(self.issued_on),
            date(self.served_on),
            opt_code(self.service_method),
            date(self.received_on),
            date(self.filed_on),
            date(self.stated_reply_due),
            date(self.replied_on),
            opt_code(self.adoption),
            text(&self.reply_summary),
            date(self.rectified_on),
            opt_code(self.rectification),
            date(self.evaluated_on),
            date(self.closed_on),
            date(self.withdrawn_on),
            text(&self.notes),
            flag(self.states_by_hand),
            date(due.investigation),
            date(due.filing),
            date(due.reply),
            date(due.visit),
        ]
    }
    fn from_row(r: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        let id = r.get()?;
        let version = r.get()?;
        let doc_no = r.get()?;
        let _year: Option<i64> = r.get()?;
        let _seq: Option<i64> = r.get()?;
        let s = Suggestion {
            id,
            version,
            doc_no,
            category: r.code()?,
            legal_type: r.code()?,
            title: r.get()?,
            problems: r.get()?,
            measures: r.get()?,
            measure_items: Vec::new(),
            states_by_hand: false,
            recipient_id: r.get()?,
            copied_to: Vec::new(),
            case_ids: Vec::new(),
            decided_on: r.date()?,
            issued_on: r.date()?,
            served_on: r.date()?,
            service_method: r.opt_code()?,
            received_on: r.date()?,
            filed_on: r.date()?,
            stated_reply_due: r.date()?,
            replied_on: r.date()?,
            adoption: r.opt_code()?,
            reply_summary: r.get()?,
            rectified_on: r.date()?,
            rectification: r.opt_code()?,
            evaluated_on: r.date()?,
            closed_on: r.date()?,
            withdrawn_on: r.date()?,
            notes: r.get()?,
        };
        let s = Suggestion {
            states_by_hand: r.get()?,
            ..s
        };
        // The four stored due dates follow; readers that need them take them with `Cols::at`.
        for _ in 0..4 {
            let _: Option<NaiveDate> = r.get()?;
        }
        Ok(s)
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        valid(self.validate(today))?;
        must_exist(conn, Entity::Unit, Some(self.recipient_id))?;
        for u in &self.copied_to {
            must_exist(conn, Entity::Unit, Some(*u))?;
        }
        for c in &self.case_ids {
            must_exist(conn, Entity::Case, Some(*c))?;
        }
        if let Some(no) = &self.doc_no {
            unique(conn, Entity::Suggestion, "doc_no", &text(no), self.id, no)?;
        }
        Ok(())
    }
    fn save_links(&self, conn: &Connection) -> Result<()> {
        conn.prepare_cached("DELETE FROM suggestion_cases WHERE suggestion_id = ?1")?
            .execute([self.id])?;
        conn.prepare_cached("DELETE FROM suggestion_copies WHERE suggestion_id = ?1")?
            .execute([self.id])?;
        let mut add_case = conn.prepare_cached(
            "INSERT INTO suggestion_cases (suggestion_id, case_id) VALUES (?1, ?2)",
        )?;
        for c in &self.case_ids {
            add_case.execute([self.id, *c])?;
        }
        let mut add_copy = conn.prepare_cached(
            "INSERT INTO suggestion_copies (suggestion_id, unit_id) VALUES (?1, ?2)",
        )?;
        for u in &self.copied_to {
            add_copy.execute([self.id, *u])?;
        }
        super::measures::save(conn, self.id, &self.measure_items)
    }
    fn load_links(&mut self, conn: &Connection) -> Result<()> {
        let mut q = conn.prepare_cached(
            "SELECT case_id FROM suggestion_cases WHERE suggestion_id = ?1 ORDER BY case_id",
        )?;
        self.case_ids = q
            .query_map([self.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut q = conn.prepare_cached(
            "SELECT unit_id FROM suggestion_copies WHERE suggestion_id = ?1 ORDER BY unit_id",
        )?;
        self.copied_to = q
            .query_map([self.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.measure_items = super::measures::load(conn, self.id)?;
        Ok(())
    }
    fn referenced(conn: &Connection, id: i64) -> Result<bool> {
        Ok(exists(
            conn,
            "SELECT 1 FROM follow_ups WHERE suggestion_id = ?1",
            id,
        )? || exists(
            conn,
            "SELECT 1 FROM activities WHERE suggestion_id = ?1",
            id,
        )?)
    }
}

impl Record for FollowUp {
    const KIND: Entity = Entity::FollowUp;
    const COLUMNS: &'static [&'static str] = &[
        "suggestion_id",
        "kind",
        "date",
        "method",
        "record",
        "outcome",
        "step",
    ];
    record_meta!();
    fn values(&self, _: &Rules) -> Vec<Value> {
        vec![
            Value::Integer(self.suggestion_id),
            code(self.kind),
            date(Some(self.date)),
            text(&self.method),
            text(&self.record),
            opt_code(self.outcome),
            opt_code(self.step),
        ]
    }
    fn from_row(r: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(FollowUp {
            id: r.get()?,
            version: r.get()?,
            suggestion_id: r.get()?,
            kind: r.code()?,
            date: r.day()?,
            method: r.get()?,
            record: r.get()?,
            outcome: r.opt_code()?,
            step: r.opt_code()?,
        })
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        valid(self.validate(today))?;
        must_exist(conn, Entity::Suggestion, Some(self.suggestion_id))
    }
}

impl Record for Activity {
    const KIND: Entity = Entity::Activity;
    const COLUMNS: &'static [&'static str] = &[
        "kind",
        "title",
        "planned_on",
        "done_on",
        "unit_id",
        "case_id",
        "suggestion_id",
        "attendees",
        "notes",
    ];
    record_meta!();
    fn values(&self, _: &Rules) -> Vec<Value> {
        vec![
            code(self.kind),
            text(&self.title),
            date(self.planned_on),
            date(self.done_on),
            int(self.unit_id),
            int(self.case_id),
            int(self.suggestion_id),
            int(self.attendees),
            text(&self.notes),
        ]
    }
    fn from_row(r: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        Ok(Activity {
            id: r.get()?,
            version: r.get()?,
            kind: r.code()?,
            title: r.get()?,
            planned_on: r.date()?,
            done_on: r.date()?,
            unit_id: r.get()?,
            case_id: r.get()?,
            suggestion_id: r.get()?,
            attendees: r.get()?,
            notes: r.get()?,
        })
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        valid(self.validate(today))?;
        must_exist(conn, Entity::Unit, self.unit_id)?;
        must_exist(conn, Entity::Case, self.case_id)?;
        must_exist(conn, Entity::Suggestion, self.suggestion_id)
    }
}

impl Record for Plan {
    const KIND: Entity = Entity::Plan;
    const COLUMNS: &'static [&'static str] = &[
        "year",
        "targets",
        "suggestion_target",
        "focus_industries",
        "plan_check_on",
        "midyear_check_on",
        "yearend_check_on",
        "notes",
    ];
    record_meta!();
    fn values(&self, _: &Rules) -> Vec<Value> {
        let targets: BTreeMap<&str, i64> =
            self.targets.iter().map(|(k, v)| (k.code(), *v)).collect();
        vec![
            Value::Integer(i64::from(self.year)),
            text(&serde_json::to_string(&targets).unwrap_or_else(|_| "{}".into())),
            int(self.suggestion_target),
            text(&self.focus_industries),
            date(self.plan_check_on),
            date(self.midyear_check_on),
            date(self.yearend_check_on),
            text(&self.notes),
        ]
    }
    fn from_row(r: &mut Cols<'_, '_>) -> rusqlite::Result<Self> {
        let id = r.get()?;
        let version = r.get()?;
        let year = r.get()?;
        let pos = r.position();
        let raw: String = r.get()?;
        let parsed: BTreeMap<String, i64> = serde_json::from_str(&raw).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(pos, rusqlite::types::Type::Text, Box::new(e))
        })?;
        let targets = parsed
            .into_iter()
            .filter_map(|(k, v)| ActivityKind::from_code(&k).map(|k| (k, v)))
            .collect();
        Ok(Plan {
            id,
            version,
            year,
            targets,
            suggestion_target: r.get()?,
            focus_industries: r.get()?,
            plan_check_on: r.date()?,
            midyear_check_on: r.date()?,
            yearend_check_on: r.date()?,
            notes: r.get()?,
        })
    }
    fn check(&self, conn: &Connection, _today: NaiveDate) -> Result<()> {
        valid(self.validate())?;
        let y = self.year.to_string();
        unique(
            conn,
            Entity::Plan,
            "year",
            &Value::Integer(i64::from(self.year)),
            self.id,
            &y,
        )
    }
}
