//! Which form serves which purpose: building it from a record and turning a submitted form back into one
//! transaction. Field checks happen in the form (syntax) and the domain (rules); errors land on their field.
//! `submit` writes; this file builds. The room imports `app`, `domain`, `store` and `i18n`.

use chrono::Datelike;

use super::App;
use super::form::{Choice, Form, choices};
use super::keymap::Act;
use crate::domain::{
    Activity, ActivityKind, Adoption, Case, CaseSource, CaseStatus, Category, CrimeType,
    EscalationStep, FollowUpKind, LegalType, ObjectionOutcome, Rectification, ServiceMethod,
    Suggestion, Unit, UnitLevel,
};
use crate::i18n::K;
use crate::store::StoreError;

mod submit;
pub use submit::{Rejected, submit};

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
