//! The kinds of record the store keeps, named by a type instead of by table strings and catalogue keys: each
//! with its table, its link tables, its name in messages and its fields (name as the record serialises it,
//! label, shape), and the one question of whether a store holds anything at all.

use rusqlite::Connection;
use serde::Serialize;

use crate::domain::{
    ActivityKind, Adoption, CaseSource, CaseStatus, Category, CrimeType, EscalationStep,
    FollowUpKind, LegalType, ObjectionOutcome, Rectification, ServiceMethod, UnitLevel,
};
use crate::i18n::{K, Lang};

/// A kind of record, in dependency order (a record only points at kinds before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Unit,
    Case,
    Suggestion,
    FollowUp,
    Activity,
    Plan,
}

impl Entity {
    pub const ALL: [Entity; 6] = [
        Entity::Unit,
        Entity::Case,
        Entity::Suggestion,
        Entity::FollowUp,
        Entity::Activity,
        Entity::Plan,
    ];

    /// The table its records live in (and the name the change log and the exports use).
    pub const fn table(self) -> &'static str {
        match self {
            Entity::Unit => "units",
            Entity::Case => "cases",
            Entity::Suggestion => "suggestions",
            Entity::FollowUp => "follow_ups",
            Entity::Activity => "activities",
            Entity::Plan => "plans",
        }
    }

    /// Tables that hold links owned by its records (deleted with them).
    pub const fn link_tables(self) -> &'static [&'static str] {
        match self {
            Entity::Suggestion => &["suggestion_cases", "suggestion_copies"],
            _ => &[],
        }
    }

    /// Its name in messages ("suggestion", "检察建议").
    pub const fn key(self) -> K {
        match self {
            Entity::Unit => K::EUnit,
            Entity::Case => K::ECase,
            Entity::Suggestion => K::ESuggestion,
            Entity::FollowUp => K::EFollowUp,
            Entity::Activity => K::EActivity,
            Entity::Plan => K::EPlan,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(self.key())
    }

    /// Its fields as the record serialises them (the change log's images, the JSON export and import), in
    /// declaration order, without `id` and `version`.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Entity::Unit => UNIT_FIELDS,
            Entity::Case => CASE_FIELDS,
            Entity::Suggestion => SUGGESTION_FIELDS,
            Entity::FollowUp => FOLLOW_UP_FIELDS,
            Entity::Activity => ACTIVITY_FIELDS,
            Entity::Plan => PLAN_FIELDS,
        }
    }

    pub fn field(self, name: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.name == name)
    }

    /// The entity whose table is `table` (as the change log names it).
    pub fn from_table(table: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.table() == table)
    }
}

/// One field of a record: its serialised name, its catalogue label, and what its values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub label: K,
    pub shape: Shape,
}

/// What a field's values are, so every writer of them (history, sheets, forms) reads them the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Text,
    Date,
    Flag,
    Number,
    /// An amount in fen.
    Money,
    /// A code of one of the domain's closed vocabularies.
    Code(Vocab),
    /// The id of a record of that entity.
    Ref(Entity),
    /// Ids of records of that entity.
    Refs(Entity),
    /// A plan's targets: counts by activity kind.
    Targets,
    /// A suggestion's measures as items, each with its answer.
    Measures,
}

/// The closed vocabularies a field's code can come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocab {
    UnitLevel,
    CaseSource,
    CrimeType,
    CaseStatus,
    Category,
    LegalType,
    ServiceMethod,
    Adoption,
    Rectification,
    FollowUpKind,
    ObjectionOutcome,
    EscalationStep,
    ActivityKind,
}

impl Vocab {
    /// The label of `code` in `lang`, if it is one of this vocabulary's codes.
    pub fn label(self, code: &str, lang: Lang) -> Option<&'static str> {
        match self {
            Vocab::UnitLevel => UnitLevel::from_code(code).map(|c| c.label(lang)),
            Vocab::CaseSource => CaseSource::from_code(code).map(|c| c.label(lang)),
            Vocab::CrimeType => CrimeType::from_code(code).map(|c| c.label(lang)),
            Vocab::CaseStatus => CaseStatus::from_code(code).map(|c| c.label(lang)),
            Vocab::Category => Category::from_code(code).map(|c| c.label(lang)),
            Vocab::LegalType => LegalType::from_code(code).map(|c| c.label(lang)),
            Vocab::ServiceMethod => ServiceMethod::from_code(code).map(|c| c.label(lang)),
            Vocab::Adoption => Adoption::from_code(code).map(|c| c.label(lang)),
            Vocab::Rectification => Rectification::from_code(code).map(|c| c.label(lang)),
            Vocab::FollowUpKind => FollowUpKind::from_code(code).map(|c| c.label(lang)),
            Vocab::ObjectionOutcome => ObjectionOutcome::from_code(code).map(|c| c.label(lang)),
            Vocab::EscalationStep => EscalationStep::from_code(code).map(|c| c.label(lang)),
            Vocab::ActivityKind => ActivityKind::from_code(code).map(|c| c.label(lang)),
        }
    }
}

const fn f(name: &'static str, label: K, shape: Shape) -> Field {
    Field { name, label, shape }
}

const UNIT_FIELDS: &[Field] = &[
    f("name", K::FName, Shape::Text),
    f("industry", K::FIndustry, Shape::Text),
    f("region", K::FRegion, Shape::Text),
    f("level", K::FLevel, Shape::Code(Vocab::UnitLevel)),
    f("key_demo", K::FKeyDemo, Shape::Flag),
    f("key_contact", K::FKeyContact, Shape::Flag),
    f("leading_group", K::FLeadingGroup, Shape::Flag),
    f("contact_person", K::FContactPerson, Shape::Text),
    f("contact_phone", K::FContactPhone, Shape::Text),
    f("notes", K::FNotes, Shape::Text),
];

const CASE_FIELDS: &[Field] = &[
    f("case_no", K::FCaseNo, Shape::Text),
    f("source", K::FSource, Shape::Code(Vocab::CaseSource)),
    f("suspect", K::FSuspect, Shape::Text),
    f("post", K::FPost, Shape::Text),
    f("unit_id", K::FUnit, Shape::Ref(Entity::Unit)),
    f("crime_type", K::FCrimeType, Shape::Code(Vocab::CrimeType)),
    f("amount_fen", K::FAmount, Shape::Money),
    f("status", K::FStatus, Shape::Code(Vocab::CaseStatus)),
    f("filed_on", K::FFiledOn, Shape::Date),
    f("prosecuted_on", K::FProsecutedOn, Shape::Date),
    f("judged_on", K::FJudgedOn, Shape::Date),
    f("closed_on", K::FClosedOn, Shape::Date),
    f("summary", K::FSummary, Shape::Text),
];

const SUGGESTION_FIELDS: &[Field] = &[
    f("doc_no", K::FDocNo, Shape::Text),
    f("category", K::FCategory, Shape::Code(Vocab::Category)),
    f("legal_type", K::FLegalType, Shape::Code(Vocab::LegalType)),
    f("title", K::FTitle, Shape::Text),
    f("problems", K::FProblems, Shape::Text),
    f("measures", K::FMeasures, Shape::Text),
    f("measure_items", K::FMeasureItems, Shape::Measures),
    f("states_by_hand", K::FStatesByHand, Shape::Flag),
    f("recipient_id", K::FRecipient, Shape::Ref(Entity::Unit)),
    f("copied_to", K::FCopiedTo, Shape::Refs(Entity::Unit)),
    f("case_ids", K::FCases, Shape::Refs(Entity::Case)),
    f("decided_on", K::FDecidedOn, Shape::Date),
    f("issued_on", K::FIssuedOn, Shape::Date),
    f("served_on", K::FServedOn, Shape::Date),
    f(
        "service_method",
        K::FServiceMethod,
        Shape::Code(Vocab::ServiceMethod),
    ),
    f("received_on", K::FReceivedOn, Shape::Date),
    // Filed with the superior procuratorate (Art. 21), not a case's filing.
    f("filed_on", K::FRecordFiledOn, Shape::Date),
    f("stated_reply_due", K::FStatedReplyDue, Shape::Date),
    f("replied_on", K::FRepliedOn, Shape::Date),
    f("adoption", K::FAdoption, Shape::Code(Vocab::Adoption)),
    f("reply_summary", K::FReplySummary, Shape::Text),
    f("rectified_on", K::FRectifiedOn, Shape::Date),
    f(
        "rectification",
        K::FRectification,
        Shape::Code(Vocab::Rectification),
    ),
    f("evaluated_on", K::FEvaluatedOn, Shape::Date),
    f("closed_on", K::FClosedOn, Shape::Date),
    f("withdrawn_on", K::FWithdrawnOn, Shape::Date),
    f("notes", K::FNotes, Shape::Text),
];

const FOLLOW_UP_FIELDS: &[Field] = &[
    f(
        "suggestion_id",
        K::FSuggestion,
        Shape::Ref(Entity::Suggestion),
    ),
    f("kind", K::FKind, Shape::Code(Vocab::FollowUpKind)),
    f("date", K::FDate, Shape::Date),
    f("method", K::FMethod, Shape::Text),
    f("record", K::FRecord, Shape::Text),
    f("outcome", K::FOutcome, Shape::Code(Vocab::ObjectionOutcome)),
    f("step", K::FStep, Shape::Code(Vocab::EscalationStep)),
];

const ACTIVITY_FIELDS: &[Field] = &[
    f("kind", K::FKind, Shape::Code(Vocab::ActivityKind)),
    f("title", K::FTitle, Shape::Text),
    f("planned_on", K::FPlannedOn, Shape::Date),
    f("done_on", K::FDoneOn, Shape::Date),
    f("unit_id", K::ColUnit, Shape::Ref(Entity::Unit)),
    f("case_id", K::FCase, Shape::Ref(Entity::Case)),
    f(
        "suggestion_id",
        K::FSuggestion,
        Shape::Ref(Entity::Suggestion),
    ),
    f("attendees", K::FAttendees, Shape::Number),
    f("notes", K::FNotes, Shape::Text),
];

const PLAN_FIELDS: &[Field] = &[
    f("year", K::FYear, Shape::Number),
    f("targets", K::FTargets, Shape::Targets),
    f("suggestion_target", K::FSuggestionTarget, Shape::Number),
    f("focus_industries", K::FFocusIndustries, Shape::Text),
    f("plan_check_on", K::FPlanCheckOn, Shape::Date),
    f("midyear_check_on", K::FMidyearCheckOn, Shape::Date),
    f("yearend_check_on", K::FYearendCheckOn, Shape::Date),
    f("notes", K::FNotes, Shape::Text),
];

/// What a store must lack to count as empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// No record of any entity (the Today welcome; `yufang gen` fills only such a store).
    Records,
    /// No record and no change history either: a fresh file, safe to take a whole export or backup over.
    RecordsAndHistory,
}

/// Whether the store holds nothing of what `blank` names. EXISTS stops at the first row; a count would read a
/// million.
pub(crate) fn is_blank(conn: &Connection, blank: Blank) -> rusqlite::Result<bool> {
    let history = (blank == Blank::RecordsAndHistory).then_some("change_log");
    for t in Entity::ALL.iter().map(|e| e.table()).chain(history) {
        let any: bool = conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {t})"), [], |r| {
            r.get(0)
        })?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_name_their_entities_both_ways() {
        for e in Entity::ALL {
            assert_eq!(Entity::from_table(e.table()), Some(e));
            assert!(!e.label(Lang::Zh).is_empty());
        }
        assert_eq!(Entity::from_table("change_log"), None);
    }

    /// The descriptors name exactly the fields each record serialises (what the change log, the JSON export
    /// and the import carry), in declaration order, so a field added to a record without one fails here.
    #[test]
    fn fields_are_the_records_serialised_fields() {
        use crate::domain::{Activity, Case, FollowUp, Plan, Suggestion, Unit};
        let names = |v: serde_json::Value| -> Vec<String> {
            v.as_object()
                .map(|o| {
                    o.keys()
                        .filter(|k| *k != "id" && *k != "version")
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        };
        let day = chrono::NaiveDate::MIN;
        let images = [
            (Entity::Unit, serde_json::to_value(Unit::new("u"))),
            (Entity::Case, serde_json::to_value(Case::new("c"))),
            (
                Entity::Suggestion,
                serde_json::to_value(Suggestion::new("s", 1)),
            ),
            (
                Entity::FollowUp,
                serde_json::to_value(FollowUp::new(1, FollowUpKind::Visit, day)),
            ),
            (
                Entity::Activity,
                serde_json::to_value(Activity::new(ActivityKind::Other, "a")),
            ),
            (Entity::Plan, serde_json::to_value(Plan::new(2026))),
        ];
        for (e, image) in images {
            let mut want = names(image.unwrap_or_default());
            let mut got: Vec<String> = e.fields().iter().map(|f| f.name.to_string()).collect();
            // serde_json's map sorts its keys.
            want.sort();
            got.sort();
            assert_eq!(got, want, "{e:?}");
        }
    }
}
