//! The form model: typed fields with a focus index, key handling, syntax checks with per-field errors in the
//! form's language, and typed getters. No terminal here; `ui::form` draws it. `field` holds the field kinds;
//! the room imports `domain` (parsing, codes) and `i18n`, never `store`.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::keymap::{Action, Ctx, DEFAULT};

use crate::domain::case::parse_yuan;
use crate::domain::{FieldError, parse_date};
use crate::i18n::{K, Lang};

pub mod draft;
mod field;
#[cfg(test)]
mod tests;

pub use field::{Choice, Field, FieldKind, choices};
use field::{ascii, resolve_date};
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormOutcome {
    Continue,
    /// The fields passed `check`; read them with the getters.
    Submit,
    /// Esc: the app decides whether to ask "discard?" using `dirty`.
    Cancel,
}

#[derive(Clone, Debug)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Form-level error line (e.g. a store error or "please correct ...").
    pub error: Option<String>,
    /// The user changed something.
    pub dirty: bool,
    /// The focused field has had no key since focus arrived: the first printable key replaces a pre-filled
    /// value (as in the forms people know), an editing key keeps it and moves within it.
    fresh: bool,
    today: NaiveDate,
    lang: Lang,
}

/// Full-width digits and signs (as a Chinese input method types them) made ASCII.
impl Form {
    pub fn new(title: impl Into<String>, today: NaiveDate, lang: Lang) -> Form {
        Form {
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            error: None,
            dirty: false,
            fresh: true,
            today,
            lang,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    fn push(mut self, field: Field) -> Self {
        self.fields.push(field);
        self
    }

    pub fn text(self, key: K, value: &str) -> Self {
        self.push(Field::new(key, FieldKind::Text, value))
    }

    pub fn multiline(self, key: K, value: &str) -> Self {
        self.push(Field::new(key, FieldKind::Multiline, value))
    }

    pub fn date(self, key: K, value: Option<NaiveDate>) -> Self {
        let s = value.map(|d| d.to_string()).unwrap_or_default();
        self.push(Field::new(key, FieldKind::Date, &s))
    }

    pub fn number(self, key: K, value: Option<i64>) -> Self {
        let s = value.map(|n| n.to_string()).unwrap_or_default();
        self.push(Field::new(key, FieldKind::Number, &s))
    }

    /// A money field showing `fen` as plain yuan ("1234.5" style, no grouping, so it re-parses as typed).
    pub fn money(self, key: K, fen: Option<i64>) -> Self {
        use crate::domain::case::{YuanStyle, yuan_text};
        let s = fen
            .map(|f| yuan_text(f, YuanStyle::Input))
            .unwrap_or_default();
        self.push(Field::new(key, FieldKind::Money, &s))
    }

    pub fn flag(self, key: K, value: bool) -> Self {
        let mut f = Field::new(key, FieldKind::Flag, "");
        f.flag = value;
        self.push(f)
    }

    /// A choice; without a (known) `selected_code` it starts at "—" when optional, else at the first option.
    pub fn choice(
        self,
        key: K,
        options: Vec<Choice>,
        optional: bool,
        selected_code: Option<&str>,
    ) -> Self {
        let sel = selected_code.and_then(|c| options.iter().position(|o| o.code == c));
        let start = sel.or_else(|| (!optional && !options.is_empty()).then_some(0));
        let mut f = Field::new(key, FieldKind::Choice { options, optional }, "");
        f.choice = start;
        self.push(f)
    }

    pub fn pick(
        self,
        key: K,
        options: Vec<Choice>,
        multi: bool,
        optional: bool,
        selected_ids: &[i64],
    ) -> Self {
        let selected: Vec<i64> = selected_ids
            .iter()
            .copied()
            .filter(|id| options.iter().any(|o| o.id == *id))
            .take(if multi { usize::MAX } else { 1 })
            .collect();
        let mut f = Field::new(
            key,
            FieldKind::Pick {
                options,
                multi,
                optional,
            },
            "",
        );
        f.selected = selected;
        self.push(f)
    }

    /// Marks the last added field required.
    pub fn required(mut self) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.required = true;
        }
        self
    }

    pub fn field(&self, key: K) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Writes a date chosen elsewhere (the calendar date picker) into a date field.
    pub fn set_date(&mut self, key: K, date: NaiveDate) {
        if let Some(f) = self
            .fields
            .iter_mut()
            .find(|f| f.key == key && matches!(f.kind, FieldKind::Date))
        {
            f.input.set_text(&date.format("%Y-%m-%d").to_string());
            f.error = None;
            self.dirty = true;
            self.fresh = true;
        }
    }

    /// Moves focus, tidying the field being left.
    pub fn set_focus(&mut self, to: usize) {
        if to == self.focus || to >= self.fields.len() {
            return;
        }
        let today = self.today;
        if let Some(f) = self.fields.get_mut(self.focus)
            && f.settle(today)
        {
            self.dirty = true;
        }
        self.focus = to;
        self.fresh = true;
    }

    /// Whether the next printable key replaces the focused field's whole value (the screen shows the value
    /// selected).
    pub fn replaces_on_type(&self) -> bool {
        self.fresh
            && self.focused().is_some_and(|f| {
                matches!(
                    f.kind,
                    FieldKind::Text | FieldKind::Date | FieldKind::Number | FieldKind::Money
                ) && !f.input.is_empty()
            })
    }

    fn next(&mut self, wrap: bool) {
        let n = self.fields.len();
        if self.focus + 1 < n {
            self.set_focus(self.focus + 1);
        } else if wrap {
            self.set_focus(0);
        }
    }

    fn prev(&mut self, wrap: bool) {
        if self.focus > 0 {
            self.set_focus(self.focus - 1);
        } else if wrap {
            self.set_focus(self.fields.len().saturating_sub(1));
        }
    }

    /// Handles one key through the default keymap's form context (tests and callers without an app).
    /// Submit is returned only when `check` passes; otherwise the errors are shown and focus goes to the
    /// first bad field.
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        if key.kind == KeyEventKind::Release {
            return FormOutcome::Continue;
        }
        match DEFAULT.lookup(&[Ctx::Form], &key) {
            Some(a) => self.apply(a, &key),
            None => self.type_key(&key),
        }
    }

    /// Does a form-context action. `key` is the key that asked for it: where the action does not apply
    /// (Enter in a multi-line field, Up in an open pick list, Esc in an open list) the field gets the key.
    pub fn apply(&mut self, action: Action, key: &KeyEvent) -> FormOutcome {
        if action == Action::Save {
            return self.submit();
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return match action {
                Action::Back => FormOutcome::Cancel,
                Action::NextOrSave => FormOutcome::Submit,
                _ => FormOutcome::Continue,
            };
        };
        let open = field.open;
        let multiline = field.kind == FieldKind::Multiline;
        match action {
            Action::Back if open => field.close_pick(),
            Action::Back => return FormOutcome::Cancel,
            Action::NextField => self.next(true),
            Action::PrevField => self.prev(true),
            Action::Down if !multiline && !open => self.next(false),
            Action::Up if !multiline && !open => self.prev(false),
            Action::NextOrSave if !multiline && !open => {
                if self.focus + 1 >= self.fields.len() {
                    return self.submit();
                }
                self.next(false);
            }
            Action::ClearField if field.clear_to_cursor() => {
                field.error = None;
                self.dirty = true;
                self.fresh = false;
            }
            _ => return self.type_key(key),
        }
        FormOutcome::Continue
    }

    /// A key no form binding took: the focused field's own editing keys and typing.
    pub fn type_key(&mut self, key: &KeyEvent) -> FormOutcome {
        let printable = matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let replace = printable && self.replaces_on_type();
        self.fresh = false;
        if let Some(field) = self.fields.get_mut(self.focus)
            && replace
        {
            field.input.set_text("");
            field.error = None;
            self.dirty = true;
        }
        if let Some(field) = self.fields.get_mut(self.focus)
            && field.handle_key(key)
        {
            // An edited field's old error no longer applies.
            field.error = None;
            self.dirty = true;
        }
        FormOutcome::Continue
    }

    fn submit(&mut self) -> FormOutcome {
        let today = self.today;
        if let Some(f) = self.fields.get_mut(self.focus)
            && f.settle(today)
        {
            self.dirty = true;
        }
        if self.check() {
            FormOutcome::Submit
        } else {
            FormOutcome::Continue
        }
    }

    /// Clears the errors, checks each field's syntax (required, date, number, money) and writes per-field
    /// messages; on failure also sets the form-level line and focuses the first bad field.
    pub fn check(&mut self) -> bool {
        self.clear_errors();
        let (today, lang) = (self.today, self.lang);
        for f in &mut self.fields {
            f.error = f.problem(today, lang);
        }
        let ok = self.fields.iter().all(|f| f.error.is_none());
        if !ok {
            self.error = Some(lang.t(K::FormFixErrors).to_string());
            self.focus_first_error();
        }
        ok
    }

    pub fn clear_errors(&mut self) {
        self.error = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    /// Puts an error on the field with `key` (or on the form when no field has it) and focuses the first
    /// field with an error.
    pub fn set_error(&mut self, key: K, message: String) {
        match self.fields.iter_mut().find(|f| f.key == key) {
            Some(f) => f.error = Some(message),
            None => self.error = Some(message),
        }
        self.focus_first_error();
    }

    /// Maps domain validation errors onto their fields (the first error per field wins).
    pub fn apply_errors(&mut self, errors: &[FieldError]) {
        for e in errors {
            if self.field(e.field).is_some_and(|f| f.error.is_some()) {
                continue;
            }
            self.set_error(e.field, e.message(self.lang));
        }
    }

    fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.set_focus(i);
        }
    }

    /// For a date field holding a shortcut, the date it resolves to, e.g. "→ 2026-06-04".
    pub fn date_hint(&self, idx: usize) -> Option<String> {
        let f = self.fields.get(idx)?;
        if f.kind != FieldKind::Date {
            return None;
        }
        let t = f.input.text().trim();
        if t.is_empty() || parse_date(&ascii(t)).is_some() {
            return None;
        }
        resolve_date(t, self.today).map(|d| format!("→ {d}"))
    }

    /// Text of a field: trimmed for single-line text, as typed for multiline; a choice's label; the picked
    /// labels joined.
    pub fn get_text(&self, key: K) -> String {
        let Some(f) = self.field(key) else {
            return String::new();
        };
        match &f.kind {
            FieldKind::Multiline => f.input.text().to_string(),
            FieldKind::Choice { .. } => f.chosen().map(|o| o.label.clone()).unwrap_or_default(),
            FieldKind::Pick { .. } => f.selected_labels().join(self.separator()),
            FieldKind::Flag => String::new(),
            _ => f.input.text().trim().to_string(),
        }
    }

    /// The separator between picked labels in this form's language.
    pub fn separator(&self) -> &'static str {
        crate::i18n::list_sep(self.lang)
    }

    pub fn get_date(&self, key: K) -> Option<NaiveDate> {
        let f = self.field(key)?;
        resolve_date(f.input.text(), self.today)
    }

    pub fn get_number(&self, key: K) -> Option<i64> {
        let t = ascii(self.field(key)?.input.text());
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    }

    /// Money in fen.
    pub fn get_money(&self, key: K) -> Option<i64> {
        parse_yuan(&ascii(self.field(key)?.input.text()))
    }

    pub fn get_flag(&self, key: K) -> bool {
        self.field(key).is_some_and(|f| f.flag)
    }

    /// Code of the chosen option (None for "—" or an id-only option).
    pub fn get_code(&self, key: K) -> Option<String> {
        let o = self.field(key)?.chosen()?;
        (!o.code.is_empty()).then(|| o.code.clone())
    }

    /// Id of the chosen option, or the first picked id.
    pub fn get_id(&self, key: K) -> Option<i64> {
        let f = self.field(key)?;
        match f.kind {
            FieldKind::Choice { .. } => f.chosen().map(|o| o.id),
            _ => f.selected.first().copied(),
        }
    }

    pub fn get_ids(&self, key: K) -> Vec<i64> {
        self.field(key)
            .map(|f| f.selected.clone())
            .unwrap_or_default()
    }
}
