//! History as the user reads it: the change log's actions, field names and values in the UI language. The
//! store keeps the log as data (`store::history`); these words are presentation and live above it.

use serde_json::Value;

use crate::domain::{
    ActivityKind, Adoption, CaseSource, CaseStatus, Category, CrimeType, EscalationStep,
    FollowUpKind, LegalType, ObjectionOutcome, Rectification, ServiceMethod, UnitLevel,
};
use crate::i18n::{K, Lang};
use crate::store::Entity;
use crate::store::history::{Change, UNDO, UndoneChange};

/// The one-line texts of a change for the status line and the undo prompt.
pub trait ChangeText {
    fn summary(&self, lang: Lang) -> String;
}

/// The status-line text of an undo.
pub trait UndoneText {
    fn message(&self, lang: Lang) -> String;
}

impl UndoneText for UndoneChange {
    /// "undone: update of suggestion #5 (2026-06-01T10:00:00)".
    fn message(&self, lang: Lang) -> String {
        let c = &self.change;
        let entity = Entity::from_table(&c.entity).map_or(c.entity.as_str(), |e| e.label(lang));
        lang.f(
            K::HistUndone,
            &[&action_label(&c.action, lang), &entity, &c.entity_id, &c.at],
        )
    }
}

impl ChangeText for Change {
    /// "change of suggestion #5 (2026-06-01T10:00:00)".
    fn summary(&self, lang: Lang) -> String {
        let entity =
            Entity::from_table(&self.entity).map_or(self.entity.as_str(), |e| e.label(lang));
        lang.f(
            K::HistSummary,
            &[
                &action_label(&self.action, lang),
                &entity,
                &self.entity_id,
                &self.at,
            ],
        )
    }
}

/// The action in the UI language.
pub fn action_label(action: &str, lang: Lang) -> String {
    match action {
        "insert" => lang.t(K::HistInsert).to_string(),
        "update" => lang.t(K::HistUpdate).to_string(),
        "delete" => lang.t(K::HistDelete).to_string(),
        UNDO => lang.t(K::HistUndo).to_string(),
        other => other.to_string(),
    }
}

/// A field value as short text: strings bare, lists joined, nothing as `—`.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "—".to_string(),
        Value::String(s) if s.is_empty() => "—".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "—".to_string(),
        Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The catalogue label of a record field as the change log names it (`received_on` -> "received on").
pub fn field_label(table: &str, field: &str) -> Option<K> {
    Some(match (table, field) {
        ("cases", "unit_id") => K::FUnit,
        ("activities", "unit_id") => K::ColUnit,
        ("suggestions", "filed_on") => K::FRecordFiledOn,
        (_, f) => match f {
            "name" => K::FName,
            "industry" => K::FIndustry,
            "region" => K::FRegion,
            "level" => K::FLevel,
            "key_demo" => K::FKeyDemo,
            "key_contact" => K::FKeyContact,
            "leading_group" => K::FLeadingGroup,
            "contact_person" => K::FContactPerson,
            "contact_phone" => K::FContactPhone,
            "notes" => K::FNotes,
            "case_no" => K::FCaseNo,
            "source" => K::FSource,
            "suspect" => K::FSuspect,
            "post" => K::FPost,
            "crime_type" => K::FCrimeType,
            "amount_fen" => K::FAmount,
            "status" => K::FStatus,
            "filed_on" => K::FFiledOn,
            "prosecuted_on" => K::FProsecutedOn,
            "judged_on" => K::FJudgedOn,
            "closed_on" => K::FClosedOn,
            "summary" => K::FSummary,
            "doc_no" => K::FDocNo,
            "category" => K::FCategory,
            "legal_type" => K::FLegalType,
            "title" => K::FTitle,
            "problems" => K::FProblems,
            "measures" => K::FMeasures,
            "recipient_id" => K::FRecipient,
            "copied_to" => K::FCopiedTo,
            "case_ids" => K::FCases,
            "decided_on" => K::FDecidedOn,
            "issued_on" => K::FIssuedOn,
            "served_on" => K::FServedOn,
            "service_method" => K::FServiceMethod,
            "received_on" => K::FReceivedOn,
            "stated_reply_due" => K::FStatedReplyDue,
            "replied_on" => K::FRepliedOn,
            "adoption" => K::FAdoption,
            "reply_summary" => K::FReplySummary,
            "rectified_on" => K::FRectifiedOn,
            "rectification" => K::FRectification,
            "evaluated_on" => K::FEvaluatedOn,
            "withdrawn_on" => K::FWithdrawnOn,
            "suggestion_id" => K::FSuggestion,
            "kind" => K::FKind,
            "date" => K::FDate,
            "method" => K::FMethod,
            "record" => K::FRecord,
            "outcome" => K::FOutcome,
            "step" => K::FStep,
            "planned_on" => K::FPlannedOn,
            "done_on" => K::FDoneOn,
            "case_id" => K::FCase,
            "attendees" => K::FAttendees,
            "year" => K::FYear,
            "targets" => K::FTargets,
            "suggestion_target" => K::FSuggestionTarget,
            "focus_industries" => K::FFocusIndustries,
            "plan_check_on" => K::FPlanCheckOn,
            "midyear_check_on" => K::FMidyearCheckOn,
            "yearend_check_on" => K::FYearendCheckOn,
            _ => return None,
        },
    })
}

/// A field value as the UI shows it: a choice by its label, yes/no, an amount in yuan, the rest as
/// [`value_text`] (ids stay ids: the caller knows how to name the record they point at).
pub fn field_text(table: &str, field: &str, v: &Value, lang: Lang) -> String {
    if let Value::Bool(b) = v {
        return lang.t(if *b { K::Yes } else { K::No }).to_string();
    }
    if let (Some(fen), "amount_fen") = (v.as_i64(), field) {
        return crate::domain::case::format_yuan(fen);
    }
    if let Value::String(code) = v {
        let label = match (table, field) {
            (_, "level") => UnitLevel::from_code(code).map(|c| c.label(lang)),
            (_, "source") => CaseSource::from_code(code).map(|c| c.label(lang)),
            (_, "crime_type") => CrimeType::from_code(code).map(|c| c.label(lang)),
            ("cases", "status") => CaseStatus::from_code(code).map(|c| c.label(lang)),
            (_, "category") => Category::from_code(code).map(|c| c.label(lang)),
            (_, "legal_type") => LegalType::from_code(code).map(|c| c.label(lang)),
            (_, "service_method") => ServiceMethod::from_code(code).map(|c| c.label(lang)),
            (_, "adoption") => Adoption::from_code(code).map(|c| c.label(lang)),
            (_, "rectification") => Rectification::from_code(code).map(|c| c.label(lang)),
            ("follow_ups", "kind") => FollowUpKind::from_code(code).map(|c| c.label(lang)),
            ("activities", "kind") => ActivityKind::from_code(code).map(|c| c.label(lang)),
            (_, "outcome") => ObjectionOutcome::from_code(code).map(|c| c.label(lang)),
            (_, "step") => EscalationStep::from_code(code).map(|c| c.label(lang)),
            _ => None,
        };
        if let Some(l) = label {
            return l.to_string();
        }
    }
    value_text(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_and_values_in_the_ui_language() {
        assert_eq!(value_text(&json!("a")), "a");
        assert_eq!(value_text(&json!([1, 2])), "1, 2");
        assert_eq!(value_text(&json!(null)), "—");
        assert_eq!(
            field_label("suggestions", "received_on"),
            Some(K::FReceivedOn)
        );
        assert_eq!(
            field_label("suggestions", "filed_on"),
            Some(K::FRecordFiledOn)
        );
        assert_eq!(
            field_text("units", "level", &json!("county"), Lang::Zh),
            "县级"
        );
        assert_eq!(
            field_text("units", "key_demo", &json!(true), Lang::En),
            "yes"
        );
        assert_eq!(
            field_text("cases", "amount_fen", &json!(1_234_500), Lang::En),
            "12,345.00"
        );
        assert_eq!(
            field_text("suggestions", "notes", &json!(""), Lang::En),
            "—"
        );
    }
}
