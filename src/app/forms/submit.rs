//! Turning a submitted form back into one transaction, and putting the store's refusals on their fields.

use super::Purpose;
use crate::app::App;
use crate::app::form::Form;
use crate::app::keymap::Act;
use crate::app::measure_walk::{Walk, WalkKind};
use crate::domain::{
    Activity, ActivityKind, Adoption, Case, CaseSource, CaseStatus, Category, CrimeType,
    EscalationStep, FieldError, FollowUp, FollowUpKind, LegalType, ObjectionOutcome, Rectification,
    ServiceMethod, Suggestion, Unit, UnitLevel,
};
use crate::i18n::K;
use crate::store::StoreError;

/// Puts store errors where the user will see them: field errors on their fields, the rest on the form.
fn show(form: &mut Form, e: StoreError, lang: crate::i18n::Lang) {
    match e {
        StoreError::Invalid(errs) => show_fields(form, &errs, lang),
        StoreError::Duplicate {
            entity: K::ESuggestion,
            ..
        } => form.set_error(K::FDocNo, e.message(lang)),
        StoreError::Duplicate {
            entity: K::ECase, ..
        } => form.set_error(K::FCaseNo, e.message(lang)),
        StoreError::Duplicate {
            entity: K::EUnit, ..
        } => form.set_error(K::FName, e.message(lang)),
        other => form.error = Some(other.message(lang)),
    }
}

fn show_fields(form: &mut Form, errs: &[FieldError], lang: crate::i18n::Lang) {
    for e in errs.iter().rev() {
        if form.fields.iter().any(|f| f.key == e.field) {
            form.set_error(e.field, e.message(lang));
        } else {
            // A rule about a field this form does not show (e.g. a date order against a stored date).
            form.error = Some(e.message(lang));
        }
    }
}

fn code_of<T: Copy>(form: &Form, k: K, parse: fn(&str) -> Option<T>) -> Option<T> {
    form.get_code(k).and_then(|c| parse(&c))
}

/// The form stays open: its fields already show what is wrong.
#[derive(Debug)]
pub struct Rejected;

/// Writes the submitted form in one transaction. `Ok` carries the confirmation text; on `Err` the form
/// already shows what is wrong.
pub fn submit(app: &mut App, purpose: &Purpose, form: &mut Form) -> Result<String, Rejected> {
    let lang = app.lang;
    form.clear_errors();
    if !form.check() {
        return Err(Rejected);
    }
    let saved = |k: K| lang.f(K::MsgSaved, &[&lang.t(k)]);
    if let Purpose::GotoDate = purpose {
        let day = form.get_date(K::FDate).unwrap_or(app.today());
        app.calendar_goto(day);
        return Ok(day.to_string());
    }
    let result: Result<K, StoreError> = match purpose {
        Purpose::NewUnit | Purpose::EditUnit(_) => {
            let mut u = match purpose {
                Purpose::EditUnit(u) => (**u).clone(),
                _ => Unit::new(""),
            };
            u.name = form.get_text(K::FName);
            u.industry = form.get_text(K::FIndustry);
            u.region = form.get_text(K::FRegion);
            u.level = code_of(form, K::FLevel, UnitLevel::from_code).unwrap_or(UnitLevel::Other);
            u.key_demo = form.get_flag(K::FKeyDemo);
            u.key_contact = form.get_flag(K::FKeyContact);
            u.leading_group = form.get_flag(K::FLeadingGroup);
            u.contact_person = form.get_text(K::FContactPerson);
            u.contact_phone = form.get_text(K::FContactPhone);
            u.notes = form.get_text(K::FNotes);
            app.store.save(&mut u).map(|_| K::EUnit)
        }
        Purpose::NewActivity { .. } | Purpose::EditActivity(_) => {
            let mut a = match purpose {
                Purpose::EditActivity(a) => (**a).clone(),
                _ => Activity::new(ActivityKind::Other, ""),
            };
            a.kind = code_of(form, K::FKind, ActivityKind::from_code).unwrap_or(a.kind);
            a.title = form.get_text(K::FTitle);
            a.planned_on = form.get_date(K::FPlannedOn);
            a.done_on = form.get_date(K::FDoneOn);
            a.unit_id = form.get_id(K::FUnit);
            a.case_id = form.get_id(K::FCase);
            a.suggestion_id = form.get_id(K::FSuggestion);
            a.attendees = form.get_number(K::FAttendees);
            a.notes = form.get_text(K::FNotes);
            app.store.save(&mut a).map(|_| K::EActivity)
        }
        Purpose::NewCase | Purpose::EditCase(_) => {
            let mut c = match purpose {
                Purpose::EditCase(c) => (**c).clone(),
                _ => Case::new(""),
            };
            c.case_no = form.get_text(K::FCaseNo);
            c.source = code_of(form, K::FSource, CaseSource::from_code).unwrap_or(c.source);
            c.suspect = form.get_text(K::FSuspect);
            c.post = form.get_text(K::FPost);
            c.unit_id = form.get_id(K::FUnit);
            c.crime_type =
                code_of(form, K::FCrimeType, CrimeType::from_code).unwrap_or(c.crime_type);
            c.amount_fen = form.get_money(K::FAmount);
            c.status = code_of(form, K::FStatus, CaseStatus::from_code).unwrap_or(c.status);
            c.filed_on = form.get_date(K::FFiledOn);
            c.prosecuted_on = form.get_date(K::FProsecutedOn);
            c.judged_on = form.get_date(K::FJudgedOn);
            c.closed_on = form.get_date(K::FClosedOn);
            c.summary = form.get_text(K::FSummary);
            app.store.save(&mut c).map(|_| K::ECase)
        }
        Purpose::NewSuggestion { .. } | Purpose::EditSuggestion(_) => {
            let mut s = match purpose {
                Purpose::EditSuggestion(s) => (**s).clone(),
                _ => Suggestion::new("", 0),
            };
            let doc = form.get_text(K::FDocNo);
            s.doc_no = if doc.is_empty() { None } else { Some(doc) };
            s.category = code_of(form, K::FCategory, Category::from_code).unwrap_or(s.category);
            s.legal_type =
                code_of(form, K::FLegalType, LegalType::from_code).unwrap_or(s.legal_type);
            s.title = form.get_text(K::FTitle);
            s.recipient_id = form.get_id(K::FRecipient).unwrap_or(0);
            s.copied_to = form.get_ids(K::FCopiedTo);
            s.case_ids = form.get_ids(K::FCases);
            s.decided_on = form.get_date(K::FDecidedOn);
            s.issued_on = form.get_date(K::FIssuedOn);
            s.stated_reply_due = form.get_date(K::FStatedReplyDue);
            s.problems = form.get_text(K::FProblems);
            s.measures = form.get_text(K::FMeasures);
            s.notes = form.get_text(K::FNotes);
            // A new draft keeps its number only once it is issued; an unissued draft with the pre-filled
            // number would otherwise reserve it and fail the year check later.
            if s.id == 0 && s.issued_on.is_none() {
                s.doc_no = None;
            }
            if s.id == 0 {
                app.store.insert(&mut s).map(|_| K::ESuggestion)
            } else {
                s.served_on = form.get_date(K::FServedOn);
                s.service_method = code_of(form, K::FServiceMethod, ServiceMethod::from_code);
                s.received_on = form.get_date(K::FReceivedOn);
                s.filed_on = form.get_date(K::FRecordFiledOn);
                s.replied_on = form.get_date(K::FRepliedOn);
                s.adoption = code_of(form, K::FAdoption, Adoption::from_code);
                s.reply_summary = form.get_text(K::FReplySummary);
                s.rectification = code_of(form, K::FRectification, Rectification::from_code);
                s.rectified_on = form.get_date(K::FRectifiedOn);
                s.evaluated_on = form.get_date(K::FEvaluatedOn);
                s.closed_on = form.get_date(K::FClosedOn);
                s.withdrawn_on = form.get_date(K::FWithdrawnOn);
                app.store.update(&mut s).map(|_| K::ESuggestion)
            }
        }
        Purpose::Act(act, s) => submit_act(app, *act, s, form),
        Purpose::GotoDate => return Err(Rejected),
    };
    match result {
        Ok(k) => Ok(saved(k)),
        Err(e) => {
            show(form, e, lang);
            Err(Rejected)
        }
    }
}

fn submit_act(app: &mut App, act: Act, s: &Suggestion, form: &Form) -> Result<K, StoreError> {
    let mut s = s.clone();
    let follow_up = |kind: FollowUpKind| {
        let mut f = FollowUp::new(s.id, kind, form.get_date(K::FDate).unwrap_or(app.today()));
        f.method = form.get_text(K::FMethod);
        f.record = form.get_text(K::FRecord);
        f
    };
    match act {
        Act::Urging | Act::FollowUp | Act::Objection | Act::Escalation => {
            let mut f = match act {
                Act::Urging => follow_up(FollowUpKind::Urging),
                Act::FollowUp => follow_up(
                    code_of(form, K::FKind, FollowUpKind::from_code)
                        .unwrap_or(FollowUpKind::ReturnVisit),
                ),
                Act::Objection => {
                    let mut f = follow_up(FollowUpKind::Objection);
                    f.outcome = code_of(form, K::FOutcome, ObjectionOutcome::from_code);
                    f
                }
                _ => {
                    let mut f = follow_up(FollowUpKind::Escalation);
                    f.step = code_of(form, K::FStep, EscalationStep::from_code);
                    f
                }
            };
            // A return visit or look-back check goes on to what it found of each measure.
            if f.kind.is_return_visit()
                && let Some(w) = Walk::new(WalkKind::Visit(f.date), s.clone())
            {
                app.walk_next = Some((w, Some(f)));
                return Ok(K::MwVisit);
            }
            return app.store.insert(&mut f).map(|_| K::EFollowUp);
        }
        Act::Reply => {
            s.replied_on = form.get_date(K::FRepliedOn);
            s.adoption = code_of(form, K::FAdoption, Adoption::from_code);
            s.reply_summary = form.get_text(K::FReplySummary);
            // Validated now, so a wrong date is mended in the form, not found after the walk.
            if let Err(e) = s.validate(app.today()) {
                return Err(StoreError::Invalid(e));
            }
            if let Some(w) = Walk::new(WalkKind::Reply, s.clone()) {
                app.walk_next = Some((w, None));
                return Ok(K::MwReply);
            }
        }
        Act::Service => {
            s.served_on = form.get_date(K::FServedOn);
            s.service_method = code_of(form, K::FServiceMethod, ServiceMethod::from_code);
            s.received_on = form.get_date(K::FReceivedOn);
            s.stated_reply_due = form.get_date(K::FStatedReplyDue);
        }
        Act::Filing => s.filed_on = form.get_date(K::FRecordFiledOn),
        Act::Rectification => {
            s.rectification = code_of(form, K::FRectification, Rectification::from_code);
            s.rectified_on = form.get_date(K::FRectifiedOn);
        }
        Act::Close => {
            s.closed_on = form.get_date(K::FClosedOn);
            s.evaluated_on = form.get_date(K::FEvaluatedOn);
        }
        Act::Withdraw => {
            s.withdrawn_on = form.get_date(K::FWithdrawnOn);
            let why = form.get_text(K::FNotes);
            if !why.is_empty() {
                s.notes = if s.notes.is_empty() {
                    why
                } else {
                    format!("{}\n{why}", s.notes)
                };
            }
        }
    }
    app.store.update(&mut s).map(|_| K::ESuggestion)
}
