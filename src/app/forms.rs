//! Which form serves which purpose: building it from a record and turning a submitted form back into one
//! transaction. Field checks happen in the form (syntax) and the domain (rules); errors land on their field.

use chrono::Datelike;

use super::App;
use super::form::{Choice, Form, choices};
use super::keymap::Act;
use crate::domain::{
    Activity, ActivityKind, Adoption, Case, CaseSource, CaseStatus, Category, CrimeType,
    EscalationStep, FieldError, FollowUp, FollowUpKind, LegalType, ObjectionOutcome, Rectification,
    ServiceMethod, Suggestion, Unit, UnitLevel,
};
use crate::i18n::K;
use crate::store::StoreError;

#[derive(Clone, Debug)]
pub enum Purpose {
    NewUnit,
    EditUnit(Box<Unit>),
    /// New prevention work, already linked when started from a case (and its unit).
    NewActivity {
        case: Option<i64>,
        unit: Option<i64>,
    },
    EditActivity(Box<Activity>),
    /// The calendar's "go to date" prompt (writes nothing).
    GotoDate,
    NewCase,
    EditCase(Box<Case>),
    NewSuggestion {
        case: Option<i64>,
    },
    EditSuggestion(Box<Suggestion>),
    Act(Act, Box<Suggestion>),
}

impl Act {
    pub fn title(self) -> K {
        match self {
            Act::Reply => K::HkActReply,
            Act::Service => K::HkActService,
            Act::Filing => K::HkActFiling,
            Act::Urging => K::HkActUrging,
            Act::FollowUp => K::HkActFollowUp,
            Act::Objection => K::HkActObjection,
            Act::Escalation => K::HkActEscalation,
            Act::Rectification => K::HkActRectification,
            Act::Close => K::HkActClose,
            Act::Withdraw => K::HkActWithdraw,
        }
    }
}

fn unit_choices(app: &App) -> Result<Vec<Choice>, StoreError> {
    Ok(app
        .store
        .units()?
        .into_iter()
        .map(|u| Choice {
            id: u.id,
            code: String::new(),
            label: u.name,
        })
        .collect())
}

fn case_choices(app: &App) -> Result<Vec<Choice>, StoreError> {
    Ok(app
        .store
        .case_choices()?
        .into_iter()
        .map(|(id, label)| Choice {
            id,
            code: String::new(),
            label,
        })
        .collect())
}

fn subject(s: &Suggestion, app: &App) -> String {
    s.doc_no
        .clone()
        .unwrap_or_else(|| s.title.clone())
        .to_string()
        + &format!(" · {}", app.t(K::ESuggestion))
}

/// New prevention work for a case: a crime analysis when the case still lacks one (the gap the source text
/// warns about), done today, titled after the case; otherwise planned work.
fn new_activity(app: &App, case: Option<i64>, unit: Option<i64>) -> Result<Activity, StoreError> {
    let mut a = Activity::new(ActivityKind::Other, "");
    a.unit_id = unit;
    a.case_id = case;
    match case {
        Some(id) => {
            let d = app.store.case_detail(id)?;
            if !d.row.has_analysis {
                a.kind = ActivityKind::Analysis;
                a.done_on = Some(app.today());
                a.title = format!("{}：{}", app.t(K::ActAnalysis), d.row.case.case_no);
            } else {
                a.kind = ActivityKind::Warning;
                a.planned_on = Some(app.today());
            }
        }
        None => a.planned_on = Some(app.today()),
    }
    Ok(a)
}

/// The form for `purpose`, filled from the record it edits.
pub fn build(app: &App, purpose: &Purpose) -> Result<Form, StoreError> {
    let lang = app.lang;
    let today = app.today();
    let t = |k| lang.t(k).to_string();
    Ok(match purpose {
        Purpose::NewUnit | Purpose::EditUnit(_) => {
            let (u, title) = match purpose {
                Purpose::EditUnit(u) => (
                    (**u).clone(),
                    format!("{} · {}", t(K::FormEditUnit), u.name),
                ),
                _ => (Unit::new(""), t(K::FormNewUnit)),
            };
            Form::new(title, today, lang)
                .text(K::FName, &u.name)
                .required()
                .text(K::FIndustry, &u.industry)
                .text(K::FRegion, &u.region)
                .choice(
                    K::FLevel,
                    choices(UnitLevel::ALL, lang, UnitLevel::key),
                    false,
                    Some(u.level.code()),
                )
                .flag(K::FKeyDemo, u.key_demo)
                .flag(K::FKeyContact, u.key_contact)
                .flag(K::FLeadingGroup, u.leading_group)
                .text(K::FContactPerson, &u.contact_person)
                .text(K::FContactPhone, &u.contact_phone)
                .multiline(K::FNotes, &u.notes)
        }
        Purpose::GotoDate => Form::new(t(K::FormGoto), today, lang)
            .date(K::FDate, Some(app.calendar.cursor))
            .required(),
        Purpose::NewActivity { .. } | Purpose::EditActivity(_) => {
            let (a, title) = match purpose {
                Purpose::EditActivity(a) => (
                    (**a).clone(),
                    format!("{} · {}", t(K::FormEditActivity), a.title),
                ),
                Purpose::NewActivity { case, unit } => {
                    (new_activity(app, *case, *unit)?, t(K::FormNewActivity))
                }
                _ => (
                    Activity::new(ActivityKind::Other, ""),
                    t(K::FormNewActivity),
                ),
            };
            let show_historical = app.store.rules().settings.show_historical;
            let kinds: Vec<ActivityKind> = ActivityKind::ALL
                .iter()
                .copied()
                .filter(|k| show_historical || !k.is_historical() || *k == a.kind)
                .collect();
            let suggestion_choices: Vec<Choice> = app
                .store
                .suggestion_choices()?
                .into_iter()
                .map(|(id, label)| Choice {
                    id,
                    code: String::new(),
                    label,
                })
                .collect();
            let ids = |v: Option<i64>| v.into_iter().collect::<Vec<_>>();
            Form::new(title, today, lang)
                .choice(
                    K::FKind,
                    choices(&kinds, lang, ActivityKind::key),
                    false,
                    Some(a.kind.code()),
                )
                .text(K::FTitle, &a.title)
                .required()
                .date(K::FPlannedOn, a.planned_on)
                .date(K::FDoneOn, a.done_on)
                .pick(K::FUnit, unit_choices(app)?, false, true, &ids(a.unit_id))
                .pick(K::FCase, case_choices(app)?, false, true, &ids(a.case_id))
                .pick(
                    K::FSuggestion,
                    suggestion_choices,
                    false,
                    true,
                    &ids(a.suggestion_id),
                )
                .number(K::FAttendees, a.attendees)
                .multiline(K::FNotes, &a.notes)
        }
        Purpose::NewCase | Purpose::EditCase(_) => {
            let c = match purpose {
                Purpose::EditCase(c) => (**c).clone(),
                _ => Case::new(""),
            };
            let title = if c.id == 0 {
                t(K::FormNewCase)
            } else {
                format!("{} · {}", t(K::FormEditCase), c.case_no)
            };
            Form::new(title, today, lang)
                .text(K::FCaseNo, &c.case_no)
                .required()
                .choice(
                    K::FSource,
                    choices(CaseSource::ALL, lang, CaseSource::key),
                    false,
                    Some(c.source.code()),
                )
                .text(K::FSuspect, &c.suspect)
                .text(K::FPost, &c.post)
                .pick(
                    K::FUnit,
                    unit_choices(app)?,
                    false,
                    true,
                    &c.unit_id.into_iter().collect::<Vec<_>>(),
                )
                .choice(
                    K::FCrimeType,
                    choices(CrimeType::ALL, lang, CrimeType::key),
                    false,
                    Some(c.crime_type.code()),
                )
                .money(K::FAmount, c.amount_fen)
                .choice(
                    K::FStatus,
                    choices(CaseStatus::ALL, lang, CaseStatus::key),
                    false,
                    Some(c.status.code()),
                )
                .date(K::FFiledOn, c.filed_on)
                .date(K::FProsecutedOn, c.prosecuted_on)
                .date(K::FJudgedOn, c.judged_on)
                .date(K::FClosedOn, c.closed_on)
                .multiline(K::FSummary, &c.summary)
        }
        Purpose::NewSuggestion { case } => {
            let unit = match case {
                Some(c) => app.store.unit_of_case(*c)?.map(|u| u.id),
                None => None,
            };
            let next = app.store.next_doc_no(today.year())?.to_string();
            Form::new(t(K::FormNewSuggestion), today, lang)
                .text(K::FDocNo, &next)
                .choice(
                    K::FCategory,
                    choices(Category::ALL, lang, Category::key),
                    false,
                    Some(Category::Single.code()),
                )
                .choice(
                    K::FLegalType,
                    choices(LegalType::ALL, lang, LegalType::key),
                    false,
                    Some(LegalType::SocialGovernance.code()),
                )
                .text(K::FTitle, "")
                .required()
                .pick(
                    K::FRecipient,
                    unit_choices(app)?,
                    false,
                    false,
                    &unit.into_iter().collect::<Vec<_>>(),
                )
                .required()
                .pick(K::FCopiedTo, unit_choices(app)?, true, true, &[])
                .pick(
                    K::FCases,
                    case_choices(app)?,
                    true,
                    true,
                    &case.iter().copied().collect::<Vec<_>>(),
                )
                .date(K::FDecidedOn, None)
                .date(K::FIssuedOn, None)
                .date(K::FStatedReplyDue, None)
                .multiline(K::FProblems, "")
                .multiline(K::FMeasures, "")
                .multiline(K::FNotes, "")
        }
        Purpose::EditSuggestion(s) => {
            let code = |c: Option<&'static str>| c;
            Form::new(
                format!("{} · {}", t(K::FormEditSuggestion), subject(s, app)),
                today,
                lang,
            )
            .text(K::FDocNo, s.doc_no.as_deref().unwrap_or(""))
            .choice(
                K::FCategory,
                choices(Category::ALL, lang, Category::key),
                false,
                Some(s.category.code()),
            )
            .choice(
                K::FLegalType,
                choices(LegalType::ALL, lang, LegalType::key),
                false,
                Some(s.legal_type.code()),
            )
            .text(K::FTitle, &s.title)
            .required()
            .pick(
                K::FRecipient,
                unit_choices(app)?,
                false,
                false,
                &[s.recipient_id],
            )
            .required()
            .pick(K::FCopiedTo, unit_choices(app)?, true, true, &s.copied_to)
            .pick(K::FCases, case_choices(app)?, true, true, &s.case_ids)
            .date(K::FDecidedOn, s.decided_on)
            .date(K::FIssuedOn, s.issued_on)
            .date(K::FServedOn, s.served_on)
            .choice(
                K::FServiceMethod,
                choices(ServiceMethod::ALL, lang, ServiceMethod::key),
                true,
                code(s.service_method.map(|m| m.code())),
            )
            .date(K::FReceivedOn, s.received_on)
            .date(K::FRecordFiledOn, s.filed_on)
            .date(K::FStatedReplyDue, s.stated_reply_due)
            .date(K::FRepliedOn, s.replied_on)
            .choice(
                K::FAdoption,
                choices(Adoption::ALL, lang, Adoption::key),
                true,
                s.adoption.map(|a| a.code()),
            )
            .multiline(K::FReplySummary, &s.reply_summary)
            .choice(
                K::FRectification,
                choices(Rectification::ALL, lang, Rectification::key),
                true,
                s.rectification.map(|a| a.code()),
            )
            .date(K::FRectifiedOn, s.rectified_on)
            .date(K::FEvaluatedOn, s.evaluated_on)
            .date(K::FClosedOn, s.closed_on)
            .date(K::FWithdrawnOn, s.withdrawn_on)
            .multiline(K::FProblems, &s.problems)
            .multiline(K::FMeasures, &s.measures)
            .multiline(K::FNotes, &s.notes)
        }
        Purpose::Act(act, s) => {
            let f = Form::new(
                format!("{} · {}", t(act.title()), subject(s, app)),
                today,
                lang,
            );
            let fu_kinds = [
                FollowUpKind::Inquiry,
                FollowUpKind::Visit,
                FollowUpKind::Consultation,
                FollowUpKind::JointMeeting,
                FollowUpKind::ReturnVisit,
                FollowUpKind::LookBack,
            ];
            match act {
                Act::Reply => f
                    .date(K::FRepliedOn, Some(today))
                    .required()
                    .choice(
                        K::FAdoption,
                        choices(Adoption::ALL, lang, Adoption::key),
                        false,
                        Some(Adoption::Adopted.code()),
                    )
                    .multiline(K::FReplySummary, &s.reply_summary),
                Act::Service => f
                    .date(K::FServedOn, s.served_on.or(Some(today)))
                    .required()
                    .choice(
                        K::FServiceMethod,
                        choices(ServiceMethod::ALL, lang, ServiceMethod::key),
                        false,
                        Some(ServiceMethod::Written.code()),
                    )
                    .date(K::FReceivedOn, s.received_on.or(Some(today)))
                    .required()
                    .date(K::FStatedReplyDue, s.stated_reply_due),
                Act::Filing => f.date(K::FRecordFiledOn, Some(today)).required(),
                Act::Urging => f
                    .date(K::FDate, Some(today))
                    .required()
                    .text(K::FMethod, "")
                    .multiline(K::FRecord, ""),
                Act::FollowUp => f
                    .choice(
                        K::FKind,
                        choices(&fu_kinds, lang, FollowUpKind::key),
                        false,
                        Some(FollowUpKind::ReturnVisit.code()),
                    )
                    .date(K::FDate, Some(today))
                    .required()
                    .text(K::FMethod, "")
                    .multiline(K::FRecord, ""),
                Act::Objection => f
                    .date(K::FDate, Some(today))
                    .required()
                    .multiline(K::FRecord, "")
                    .choice(
                        K::FOutcome,
                        choices(ObjectionOutcome::ALL, lang, ObjectionOutcome::key),
                        true,
                        None,
                    ),
                Act::Escalation => f
                    .date(K::FDate, Some(today))
                    .required()
                    .choice(
                        K::FStep,
                        choices(EscalationStep::ALL, lang, EscalationStep::key),
                        false,
                        Some(EscalationStep::Superior.code()),
                    )
                    .multiline(K::FRecord, ""),
                Act::Rectification => f
                    .choice(
                        K::FRectification,
                        choices(Rectification::ALL, lang, Rectification::key),
                        false,
                        Some(Rectification::Full.code()),
                    )
                    .date(K::FRectifiedOn, Some(today)),
                Act::Close => f
                    .date(K::FClosedOn, Some(today))
                    .required()
                    .date(K::FEvaluatedOn, s.evaluated_on),
                Act::Withdraw => f
                    .date(K::FWithdrawnOn, Some(today))
                    .required()
                    .multiline(K::FNotes, ""),
            }
        }
    })
}

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
            return app.store.insert(&mut f).map(|_| K::EFollowUp);
        }
        Act::Reply => {
            s.replied_on = form.get_date(K::FRepliedOn);
            s.adoption = code_of(form, K::FAdoption, Adoption::from_code);
            s.reply_summary = form.get_text(K::FReplySummary);
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
