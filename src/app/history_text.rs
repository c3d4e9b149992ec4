//! History as the user reads it: the change log's actions, field names and values in the UI language. The
//! store keeps the log as data (`store::history`); these words are presentation and live above it.

use serde_json::Value;

use crate::domain::case::format_yuan;
use crate::i18n::{K, Lang};
use crate::store::Entity;
use crate::store::entity::Shape;
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

/// The catalogue label of a record field as the change log names it (`received_on` -> "received on"), from
/// the entity's field descriptors.
pub fn field_label(table: &str, field: &str) -> Option<K> {
    Some(Entity::from_table(table)?.field(field)?.label)
}

/// A field value as the UI shows it, by the field's shape: a choice by its label, yes/no, an amount in yuan,
/// the rest as [`value_text`] (ids stay ids: the caller knows how to name the record they point at).
pub fn field_text(table: &str, field: &str, v: &Value, lang: Lang) -> String {
    if let Value::Bool(b) = v {
        return lang.t(if *b { K::Yes } else { K::No }).to_string();
    }
    let shape = Entity::from_table(table)
        .and_then(|e| e.field(field))
        .map(|f| f.shape);
    match (shape, v) {
        (Some(Shape::Money), Value::Number(n)) if n.as_i64().is_some() => {
            format_yuan(n.as_i64().unwrap_or_default())
        }
        (Some(Shape::Measures), Value::Array(_)) => {
            serde_json::from_value::<Vec<crate::domain::Measure>>(v.clone()).map_or_else(
                |_| value_text(v),
                |items| crate::domain::measure::summary(&items, lang),
            )
        }
        (Some(Shape::Code(vocab)), Value::String(code)) => vocab
            .label(code, lang)
            .map_or_else(|| value_text(v), str::to_string),
        _ => value_text(v),
    }
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
