//! One spreadsheet row as a unit, a case or a suggestion: new, a duplicate to skip, or one to update with the
//! columns the sheet has.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::cell::{Row, case_id, unit_id};
use crate::domain::{
    Adoption, Case, CaseSource, CaseStatus, Category, CrimeType, DocNo, LegalType, Rectification,
    ServiceMethod, Suggestion, Unit, UnitLevel,
};
use crate::i18n::K;
use crate::ledger::columns::Col;
use crate::ledger::spell::{self, ReplyState};
use crate::store::error::Result;
use crate::store::record::get_in;

fn required_cell(row: &mut Row<'_, '_>, col: Col, field: K) -> Option<String> {
    let (i, s) = row.raw(col)?;
    if s.is_empty() {
        let msg = row.lang().f(K::ErrRequired, &[&row.lang().t(field)]);
        row.fail(Some(i), msg);
        return None;
    }
    Some(s.to_string())
}

pub(crate) fn unit_row(row: &mut Row<'_, '_>) -> Result<()> {
    let Some(name) = required_cell(row, Col::Name, K::FName) else {
        return Ok(());
    };
    if row.repeated(Col::Name, &name)? {
        return Ok(());
    }
    let existing = unit_id(row.run.conn, &name)?;
    let (mut u, update) = match existing {
        Some(id) => {
            if !row.duplicate(Col::Name, &name) {
                return Ok(());
            }
            (get_in::<Unit>(row.run.conn, id)?, true)
        }
        None => (Unit::new(&name), false),
    };
    if let Some(v) = row.text(Col::Industry) {
        u.industry = v;
    }
    if let Some(v) = row.text(Col::Region) {
        u.region = v;
    }
    if let Some(v) = row.choice(
        Col::Level,
        UnitLevel::parse_loose,
        UnitLevel::ALL,
        UnitLevel::label,
    ) {
        u.level = v.unwrap_or(UnitLevel::County);
    }
    if let Some(v) = row.flag(Col::KeyDemo) {
        u.key_demo = v;
    }
    if let Some(v) = row.flag(Col::KeyContact) {
        u.key_contact = v;
    }
    if let Some(v) = row.flag(Col::LeadingGroup) {
        u.leading_group = v;
    }
    if let Some(v) = row.text(Col::ContactPerson) {
        u.contact_person = v;
    }
    if let Some(v) = row.text(Col::ContactPhone) {
        u.contact_phone = v;
    }
    if let Some(v) = row.text(Col::UnitNotes) {
        u.notes = v;
    }
    row.save(&mut u, update)
}

pub(crate) fn case_row(row: &mut Row<'_, '_>) -> Result<()> {
    let Some(case_no) = required_cell(row, Col::CaseNo, K::FCaseNo) else {
        // Still check the other cells, so one pass reports everything.
        check_case_cells(row)?;
        return Ok(());
    };
    if row.repeated(Col::CaseNo, &case_no)? {
        return Ok(());
    }
    let existing = case_id(row.run.conn, &case_no)?;
    let (mut c, update) = match existing {
        Some(id) => {
            if !row.duplicate(Col::CaseNo, &case_no) {
                return Ok(());
            }
            (get_in::<Case>(row.run.conn, id)?, true)
        }
        None => (Case::new(&case_no), false),
    };
    if let Some(v) = row.choice(
        Col::Source,
        CaseSource::parse_loose,
        CaseSource::ALL,
        CaseSource::label,
    ) {
        c.source = v.unwrap_or(CaseSource::Transferred);
    }
    if let Some(v) = row.text(Col::Suspect) {
        c.suspect = v;
    }
    if let Some(v) = row.text(Col::Post) {
        c.post = v;
    }
    if let Some(v) = row.unit(Col::CaseUnit)? {
        c.unit_id = v;
    }
    if row.has(Col::CrimeType) {
        match row.choice(
            Col::CrimeType,
            CrimeType::parse_loose,
            CrimeType::ALL,
            CrimeType::label,
        ) {
            Some(Some(v)) => c.crime_type = v,
            _ if row.bad => {}
            _ => {
                required_cell(row, Col::CrimeType, K::FCrimeType);
            }
        }
    }
    if let Some(v) = row.amount(Col::Amount) {
        c.amount_fen = v;
    }
    if let Some(v) = row.date(Col::CaseFiledOn) {
        c.filed_on = v;
    }
    if let Some(v) = row.date(Col::ProsecutedOn) {
        c.prosecuted_on = v;
    }
    if let Some(v) = row.date(Col::JudgedOn) {
        c.judged_on = v;
    }
    if let Some(v) = row.date(Col::CaseClosedOn) {
        c.closed_on = v;
    }
    if let Some(v) = row.text(Col::Summary) {
        c.summary = v;
    }
    // The stage, when the sheet does not say it, follows from the latest date filled in.
    match row.choice(
        Col::Status,
        CaseStatus::parse_loose,
        CaseStatus::ALL,
        CaseStatus::label,
    ) {
        Some(Some(s)) => c.status = s,
        Some(None) => c.status = inferred_status(&c),
        None if !update => c.status = inferred_status(&c),
        None => {}
    }
    row.save(&mut c, update)
}

/// Reads a case row's cells only to report their problems (the row cannot be written anyway).
fn check_case_cells(row: &mut Row<'_, '_>) -> Result<()> {
    row.choice(
        Col::Source,
        CaseSource::parse_loose,
        CaseSource::ALL,
        CaseSource::label,
    );
    row.choice(
        Col::CrimeType,
        CrimeType::parse_loose,
        CrimeType::ALL,
        CrimeType::label,
    );
    row.choice(
        Col::Status,
        CaseStatus::parse_loose,
        CaseStatus::ALL,
        CaseStatus::label,
    );
    row.amount(Col::Amount);
    for col in [
        Col::CaseFiledOn,
        Col::ProsecutedOn,
        Col::JudgedOn,
        Col::CaseClosedOn,
    ] {
        row.date(col);
    }
    Ok(())
}

fn inferred_status(c: &Case) -> CaseStatus {
    if c.closed_on.is_some() {
        CaseStatus::Closed
    } else if c.judged_on.is_some() {
        CaseStatus::Judged
    } else if c.prosecuted_on.is_some() {
        CaseStatus::Prosecuted
    } else {
        CaseStatus::Filed
    }
}

pub(crate) fn suggestion_row(row: &mut Row<'_, '_>) -> Result<()> {
    let doc_no = row
        .text(Col::DocNo)
        .filter(|s| !s.is_empty())
        .map(|t| DocNo::parse(&t).map_or(t, |d| d.to_string()));
    let title = row.text(Col::Title).unwrap_or_default();
    let recipient_name = row.text(Col::Recipient).unwrap_or_default();
    // A numbered suggestion is known by its number; a draft by its title and recipient.
    let (key, key_col) = match &doc_no {
        Some(no) => (no.clone(), Col::DocNo),
        None => (format!("{title} / {recipient_name}"), Col::Title),
    };
    let keyed = doc_no.is_some() || (!title.is_empty() && !recipient_name.is_empty());
    if keyed && row.repeated(key_col, &key)? {
        return Ok(());
    }
    let existing: Option<i64> = match &doc_no {
        Some(no) => row
            .run
            .conn
            .prepare_cached("SELECT id FROM suggestions WHERE doc_no = ?1")?
            .query_row([no], |r| r.get(0))
            .optional()?,
        None if keyed => match unit_id(row.run.conn, &recipient_name)? {
            Some(uid) => row
                .run
                .conn
                .prepare_cached(
                    "SELECT id FROM suggestions WHERE doc_no IS NULL AND title = ?1 AND recipient_id = ?2",
                )?
                .query_row(rusqlite::params![title, uid], |r| r.get(0))
                .optional()?,
            None => None,
        },
        None => None,
    };
    let (mut s, update) = match existing {
        Some(id) => {
            if !row.duplicate(key_col, &key) {
                return Ok(());
            }
            (get_in::<Suggestion>(row.run.conn, id)?, true)
        }
        None => (Suggestion::new(&title, 0), false),
    };
    if row.has(Col::DocNo) {
        s.doc_no = doc_no;
    }
    if let Some(v) = row.text(Col::Title) {
        s.title = v;
    }
    if let Some(v) = row.choice(
        Col::Category,
        spell::category,
        Category::ALL,
        Category::label,
    ) {
        s.category = v.unwrap_or(Category::Single);
    }
    if let Some(v) = row.choice(
        Col::LegalType,
        spell::legal_type,
        LegalType::ALL,
        LegalType::label,
    ) {
        s.legal_type = v.unwrap_or(LegalType::SocialGovernance);
    }
    if let Some(v) = row.text(Col::Problems) {
        s.problems = v;
    }
    if let Some(v) = row.text(Col::Measures) {
        s.measures = v;
    }
    if let Some(v) = row.unit(Col::Recipient)? {
        s.recipient_id = v.unwrap_or(0);
    }
    if let Some(v) = row.units(Col::CopiedTo)? {
        s.copied_to = v;
    }
    if let Some(v) = row.cases(Col::Cases)? {
        s.case_ids = v;
    }
    let dates: [(Col, &mut Option<NaiveDate>); 11] = [
        (Col::DecidedOn, &mut s.decided_on),
        (Col::IssuedOn, &mut s.issued_on),
        (Col::ServedOn, &mut s.served_on),
        (Col::ReceivedOn, &mut s.received_on),
        (Col::RecordFiledOn, &mut s.filed_on),
        (Col::StatedReplyDue, &mut s.stated_reply_due),
        (Col::RepliedOn, &mut s.replied_on),
        (Col::RectifiedOn, &mut s.rectified_on),
        (Col::EvaluatedOn, &mut s.evaluated_on),
        (Col::ClosedOn, &mut s.closed_on),
        (Col::WithdrawnOn, &mut s.withdrawn_on),
    ];
    for (col, slot) in dates {
        if let Some(v) = row.date(col) {
            *slot = v;
        }
    }
    if let Some(v) = row.choice(
        Col::ServiceMethod,
        spell::service_method,
        ServiceMethod::ALL,
        ServiceMethod::label,
    ) {
        s.service_method = v;
    }
    if let Some(v) = row.choice(
        Col::Adoption,
        spell::adoption,
        Adoption::ALL,
        Adoption::label,
    ) {
        s.adoption = v;
    }
    if let Some(v) = row.text(Col::ReplySummary) {
        s.reply_summary = v;
    }
    if let Some(v) = row.choice(
        Col::Rectification,
        spell::rectification,
        Rectification::ALL,
        Rectification::label,
    ) {
        s.rectification = v;
    }
    if let Some(v) = row.text(Col::Notes) {
        s.notes = v;
    }
    infer_and_check(row, &mut s);
    row.save(&mut s, update)
}

/// What a ledger leaves out but its other cells tell is filled in and said; what a ledger says that its dates
/// contradict is a problem; a row is refused for a missing value only when the record would be wrong without
/// it, naming what to add.
fn infer_and_check(row: &mut Row<'_, '_>, s: &mut Suggestion) {
    let lang = row.lang();
    if let Some(method) = s.service_method
        && s.served_on.is_none()
    {
        let at = row.raw(Col::ServiceMethod).map(|(i, _)| i);
        match s.received_on {
            // Served in writing or announced: the unit has it the day it signs for it at the latest.
            Some(received) => {
                s.served_on = Some(received);
                let msg = lang.f(K::ImpServedInferred, &[&received]);
                row.note(at, msg);
            }
            None => {
                let msg = lang.f(
                    K::ImpServiceNeedsDate,
                    &[&row.header_of(Col::ServiceMethod), &method.label(lang)],
                );
                row.fail(at, msg);
            }
        }
    }
    let Some((at, said)) = row.raw(Col::ReplyState) else {
        return;
    };
    let Some(state) = spell::reply_state(said) else {
        return;
    };
    let head = row.header_of(Col::ReplyState);
    match (state, s.replied_on) {
        (ReplyState::Replied, None) => {
            let msg = lang.f(K::ImpReplyStateNoDate, &[&head, &said]);
            row.note(Some(at), msg);
        }
        (ReplyState::NotReplied | ReplyState::Overdue, Some(d)) => {
            let msg = lang.f(K::ImpReplyStateContradicts, &[&head, &said, &d]);
            row.fail(Some(at), msg);
        }
        _ => {}
    }
}
