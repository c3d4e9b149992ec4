//! The unsaved text of an open form, kept as a draft when yufang is stopped (a signal, a crash) and offered
//! again on the next start.

use serde::{Deserialize, Serialize};

use super::{FieldKind, Form};
use crate::app::forms::Purpose;
use crate::app::keymap::Act;
use crate::app::{App, Modal};
use crate::domain::{Activity, Case, Suggestion, Unit};
use crate::i18n::K;

/// What the form was for, in a form that can be written down (the record edited travels whole, so the
/// draft reopens the same edit even if the record moved on; the save then meets the usual version check).
#[derive(Clone, Debug, Serialize, Deserialize)]
enum Kept {
    NewUnit,
    EditUnit(Box<Unit>),
    NewActivity {
        case: Option<i64>,
        unit: Option<i64>,
    },
    EditActivity(Box<Activity>),
    NewCase,
    EditCase(Box<Case>),
    NewSuggestion {
        case: Option<i64>,
    },
    EditSuggestion(Box<Suggestion>),
    Act(String, Box<Suggestion>),
}

const ACTS: [Act; 10] = [
    Act::Reply,
    Act::Service,
    Act::Filing,
    Act::Urging,
    Act::FollowUp,
    Act::Objection,
    Act::Escalation,
    Act::Rectification,
    Act::Close,
    Act::Withdraw,
];

impl Kept {
    fn of(p: &Purpose) -> Option<Kept> {
        Some(match p.clone() {
            Purpose::NewUnit => Kept::NewUnit,
            Purpose::EditUnit(u) => Kept::EditUnit(u),
            Purpose::NewActivity { case, unit } => Kept::NewActivity { case, unit },
            Purpose::EditActivity(a) => Kept::EditActivity(a),
            // Nothing to lose in a date prompt.
            Purpose::GotoDate => return None,
            Purpose::NewCase => Kept::NewCase,
            Purpose::EditCase(c) => Kept::EditCase(c),
            Purpose::NewSuggestion { case } => Kept::NewSuggestion { case },
            Purpose::EditSuggestion(s) => Kept::EditSuggestion(s),
            Purpose::Act(a, s) => Kept::Act(format!("{a:?}"), s),
        })
    }

    fn purpose(self) -> Option<Purpose> {
        Some(match self {
            Kept::NewUnit => Purpose::NewUnit,
            Kept::EditUnit(u) => Purpose::EditUnit(u),
            Kept::NewActivity { case, unit } => Purpose::NewActivity { case, unit },
            Kept::EditActivity(a) => Purpose::EditActivity(a),
            Kept::NewCase => Purpose::NewCase,
            Kept::EditCase(c) => Purpose::EditCase(c),
            Kept::NewSuggestion { case } => Purpose::NewSuggestion { case },
            Kept::EditSuggestion(s) => Purpose::EditSuggestion(s),
            Kept::Act(name, s) => Purpose::Act(*ACTS.iter().find(|a| format!("{a:?}") == name)?, s),
        })
    }
}

/// One field's value, by the catalogue key naming the field.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Value {
    key: String,
    text: String,
    choice: Option<usize>,
    selected: Vec<i64>,
    flag: bool,
}

/// The unsaved text of one form.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Draft {
    purpose: Kept,
    values: Vec<Value>,
}

impl Draft {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A draft written by [`Draft::to_json`]; anything else (an older layout, a damaged file) is `None`.
    pub fn from_json(text: &str) -> Option<Draft> {
        serde_json::from_str(text).ok()
    }
}

fn values(form: &Form) -> Vec<Value> {
    form.fields
        .iter()
        .map(|f| Value {
            key: format!("{:?}", f.key),
            text: f.input.text().to_string(),
            choice: f.choice,
            selected: f.selected.clone(),
            flag: f.flag,
        })
        .collect()
}

fn fill(form: &mut Form, values: &[Value]) {
    for f in &mut form.fields {
        let Some(v) = values.iter().find(|v| v.key == format!("{:?}", f.key)) else {
            continue;
        };
        f.input.set_text(&v.text);
        f.flag = v.flag;
        match &f.kind {
            FieldKind::Choice { options, .. } => {
                f.choice = v.choice.filter(|i| *i < options.len());
            }
            FieldKind::Pick { options, .. } => {
                f.selected = v
                    .selected
                    .iter()
                    .copied()
                    .filter(|id| options.iter().any(|o| o.id == *id))
                    .collect();
            }
            _ => {}
        }
    }
    form.dirty = true;
}

impl App {
    /// The form the user was typing in and has not saved (the topmost one), if anything was changed in it.
    pub fn unsaved_draft(&self) -> Option<Draft> {
        self.modals.iter().rev().find_map(|m| match m {
            Modal::Form { form, purpose } if form.dirty => Some(Draft {
                purpose: Kept::of(purpose)?,
                values: values(form),
            }),
            _ => None,
        })
    }

    /// Opens the draft's form again with its text, and says so. False when the form cannot be built any
    /// more (its unit was deleted, say).
    pub fn restore_draft(&mut self, draft: Draft) -> bool {
        let Some(purpose) = draft.purpose.purpose() else {
            return false;
        };
        let Ok(mut form) = crate::app::forms::build(self, &purpose) else {
            return false;
        };
        fill(&mut form, &draft.values);
        self.modals.push(Modal::Form {
            form: Box::new(form),
            purpose: Box::new(purpose),
        });
        self.message = Some((crate::app::Tone::Info, self.lang.t(K::DraftRestored).into()));
        true
    }
}
