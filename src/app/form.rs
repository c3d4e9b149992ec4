//! The form model: typed fields with a focus index, key handling, syntax checks with per-field errors in the
//! form's language, and typed getters. No terminal here; `ui::form` draws it.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::input::Input;
use crate::domain::case::parse_yuan;
use crate::domain::deadline::add_days;
use crate::domain::{Code, FieldError, parse_date};
use crate::i18n::{K, Lang};

/// One option of a choice or pick field: enums carry a code (id 0), units and cases an id (code "").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: i64,
    pub code: String,
    pub label: String,
}

impl Choice {
    /// An enum option identified by its storage code.
    pub fn coded(code: &str, label: &str) -> Choice {
        Choice {
            id: 0,
            code: code.to_string(),
            label: label.to_string(),
        }
    }

    /// A record option identified by its id.
    pub fn with_id(id: i64, label: &str) -> Choice {
        Choice {
            id,
            code: String::new(),
            label: label.to_string(),
        }
    }
}

/// Options for a code enum, e.g. `choices(Category::ALL, lang, Category::key)`.
pub fn choices<T: Code>(all: &[T], lang: Lang, key: impl Fn(T) -> K) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice::coded(v.code_str(), lang.t(key(*v))))
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Multiline,
    /// Strict YYYY-MM-DD, or `t` (today), `+N`/`-N` (days from today); empty means none.
    Date,
    /// A whole number >= 0; empty means none.
    Number,
    /// Yuan text, read as fen.
    Money,
    /// Yes/no; Space toggles.
    Flag,
    /// Left/Right/Space cycle; a typed char jumps to the next option starting with it; `optional` adds "—".
    Choice {
        options: Vec<Choice>,
        optional: bool,
    },
    /// Type-ahead over the labels; Up/Down move in the candidates, Enter/Space pick (toggle when `multi`).
    Pick {
        options: Vec<Choice>,
        multi: bool,
        optional: bool,
    },
}

/// One field of a form. Its label is the catalogue text of `key`; domain `FieldError`s name the same key.
#[derive(Clone, Debug)]
pub struct Field {
    pub key: K,
    pub kind: FieldKind,
    pub required: bool,
    pub error: Option<String>,
    /// Text of text-like fields; the search query of a pick field.
    input: Input,
    /// Selected option of a choice field (None = "—").
    choice: Option<usize>,
    /// Selected ids of a pick field, in picking order.
    selected: Vec<i64>,
    /// Highlighted candidate of an open pick list.
    highlight: usize,
    /// Whether the pick list is open.
    open: bool,
    flag: bool,
}

/// What the form asks the app to do after a key.
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
    today: NaiveDate,
    lang: Lang,
}

/// Full-width digits and signs (as a Chinese input method types them) made ASCII.
fn ascii(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '＋' => '+',
            '．' | '。' => '.',
            _ => c,
        })
        .collect()
}

/// A date typed strictly, or a shortcut resolved against `today`.
fn resolve_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let t = ascii(s);
    if let Some(d) = parse_date(&t) {
        return Some(d);
    }
    if matches!(t.to_lowercase().as_str(), "t" | "today") || t == "今" || t == "今天" {
        return Some(today);
    }
    let (sign, digits) = match t.chars().next() {
        Some('+') => (1, &t[1..]),
        Some('-') => (-1, &t[1..]),
        _ => return None,
    };
    if digits.is_empty() || digits.len() > 5 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(add_days(today, sign * n))
}

fn matches_query(o: &Choice, q: &str) -> bool {
    let q = q.trim().to_lowercase();
    q.is_empty() || o.label.to_lowercase().contains(&q) || o.code.to_lowercase().contains(&q)
}

fn starts_with_char(s: &str, c: char) -> bool {
    s.chars()
        .next()
        .is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()))
}

impl Field {
    fn new(key: K, kind: FieldKind, text: &str) -> Field {
        let multiline = kind == FieldKind::Multiline;
        Field {
            key,
            kind,
            required: false,
            error: None,
            input: Input::new(text, multiline),
            choice: None,
            selected: Vec::new(),
            highlight: 0,
            open: false,
            flag: false,
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.t(self.key)
    }

    /// The text buffer (the query of a pick field).
    pub fn input(&self) -> &Input {
        &self.input
    }

    pub fn flag(&self) -> bool {
        self.flag
    }

    /// Whether the real cursor belongs in this field when it has focus.
    pub fn takes_cursor(&self) -> bool {
        !matches!(self.kind, FieldKind::Flag | FieldKind::Choice { .. })
    }

    fn options(&self) -> &[Choice] {
        match &self.kind {
            FieldKind::Choice { options, .. } | FieldKind::Pick { options, .. } => options,
            _ => &[],
        }
    }

    /// The selected option of a choice field.
    pub fn chosen(&self) -> Option<&Choice> {
        match &self.kind {
            FieldKind::Choice { options, .. } => self.choice.and_then(|i| options.get(i)),
            _ => None,
        }
    }

    pub fn selected_ids(&self) -> &[i64] {
        &self.selected
    }

    /// Labels of the picked options, in picking order.
    pub fn selected_labels(&self) -> Vec<&str> {
        let opts = self.options();
        self.selected
            .iter()
            .filter_map(|id| opts.iter().find(|o| o.id == *id).map(|o| o.label.as_str()))
            .collect()
    }

    /// Pick options matching the query.
    pub fn candidates(&self) -> Vec<&Choice> {
        let q = self.input.text();
        self.options()
            .iter()
            .filter(|o| matches_query(o, q))
            .collect()
    }

    /// Index of the highlighted candidate in `candidates()`.
    pub fn highlight(&self) -> usize {
        self.highlight
    }

    /// Whether the pick candidate list is showing.
    pub fn is_open(&self) -> bool {
        self.open
    }

    fn is_multi(&self) -> bool {
        matches!(self.kind, FieldKind::Pick { multi: true, .. })
    }

    /// Applies a key to the value; true when the value changed.
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match &self.kind {
            FieldKind::Text
            | FieldKind::Multiline
            | FieldKind::Date
            | FieldKind::Number
            | FieldKind::Money => {
                let before = self.input.text().to_string();
                self.input.handle_key(key);
                self.input.text() != before
            }
            FieldKind::Flag => {
                let before = self.flag;
                match key.code {
                    KeyCode::Char(' ') => self.flag = !self.flag,
                    KeyCode::Char('y' | 'Y' | 'x' | 'X') if plain => self.flag = true,
                    KeyCode::Char('n' | 'N') if plain => self.flag = false,
                    _ => {}
                }
                self.flag != before
            }
            FieldKind::Choice { options, optional } => {
                let (n, optional) = (options.len(), *optional);
                // Positions in cycling order: None ("—") first when optional.
                let slots: Vec<Option<usize>> = optional
                    .then_some(None)
                    .into_iter()
                    .chain((0..n).map(Some))
                    .collect();
                let before = self.choice;
                let at = slots.iter().position(|s| *s == self.choice).unwrap_or(0);
                match key.code {
                    KeyCode::Left if !slots.is_empty() => {
                        self.choice = slots[(at + slots.len() - 1) % slots.len()];
                    }
                    KeyCode::Right | KeyCode::Char(' ') if !slots.is_empty() => {
                        self.choice = slots[(at + 1) % slots.len()];
                    }
                    KeyCode::Backspace | KeyCode::Delete if optional => self.choice = None,
                    KeyCode::Char(c) if plain => {
                        let from = self.choice.map_or(0, |i| i + 1);
                        if let Some(i) = (0..n).map(|k| (from + k) % n).find(|i| {
                            starts_with_char(&options[*i].label, c)
                                || starts_with_char(&options[*i].code, c)
                        }) {
                            self.choice = Some(i);
                        }
                    }
                    _ => {}
                }
                self.choice != before
            }
            FieldKind::Pick { .. } => self.pick_key(key, plain),
        }
    }

    fn pick_key(&mut self, key: &KeyEvent, plain: bool) -> bool {
        let count = self.candidates().len();
        match key.code {
            KeyCode::Up if self.open => {
                self.highlight = self.highlight.saturating_sub(1);
                false
            }
            KeyCode::Down if self.open => {
                self.highlight = (self.highlight + 1).min(count.saturating_sub(1));
                false
            }
            KeyCode::Enter | KeyCode::Char(' ') if self.open => self.pick_highlighted(),
            KeyCode::Char(' ') => {
                self.open = true;
                self.highlight = 0;
                false
            }
            KeyCode::Backspace | KeyCode::Delete if self.input.is_empty() => {
                self.selected.pop().is_some()
            }
            KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete if plain => {
                let before = self.input.text().to_string();
                self.input.handle_key(key);
                if self.input.text() != before {
                    self.open = true;
                    self.highlight = 0;
                }
                false
            }
            _ => {
                self.input.handle_key(key);
                false
            }
        }
    }

    /// Picks the highlighted candidate: replaces the selection, or toggles it in a multi pick (which stays
    /// open for more).
    fn pick_highlighted(&mut self) -> bool {
        let Some(id) = self.candidates().get(self.highlight).map(|o| o.id) else {
            return false;
        };
        if self.is_multi() {
            if let Some(p) = self.selected.iter().position(|s| *s == id) {
                self.selected.remove(p);
            } else {
                self.selected.push(id);
            }
        } else {
            self.selected = vec![id];
            self.close_pick();
        }
        true
    }

    fn close_pick(&mut self) {
        self.open = false;
        self.highlight = 0;
        self.input.set_text("");
    }

    /// Tidies the field as focus leaves it: a date shortcut becomes the date it stands for; an unfinished
    /// single pick whose query matches exactly one option picks it. True when the value changed.
    fn settle(&mut self, today: NaiveDate) -> bool {
        match self.kind {
            FieldKind::Date => {
                let t = self.input.text().trim().to_string();
                if parse_date(&t).is_none()
                    && let Some(d) = resolve_date(&t, today)
                {
                    self.input.set_text(&d.to_string());
                }
                false
            }
            FieldKind::Pick { multi, .. } => {
                let mut changed = false;
                if !multi && !self.input.is_empty() {
                    let c = self.candidates();
                    if let [only] = c.as_slice() {
                        let id = only.id;
                        changed = self.selected != [id];
                        self.selected = vec![id];
                    }
                }
                self.close_pick();
                changed
            }
            _ => false,
        }
    }

    /// The syntax problem with this field, as a message.
    fn problem(&self, today: NaiveDate, lang: Lang) -> Option<String> {
        let label = lang.t(self.key);
        let text = self.input.text().trim();
        let required = || lang.f(K::ErrRequired, &[&label]);
        match &self.kind {
            FieldKind::Text | FieldKind::Multiline if self.required && text.is_empty() => {
                Some(required())
            }
            FieldKind::Date | FieldKind::Number | FieldKind::Money if text.is_empty() => {
                self.required.then(required)
            }
            FieldKind::Date => resolve_date(text, today)
                .is_none()
                .then(|| lang.f(K::ErrBadDate, &[&text])),
            FieldKind::Number => {
                let t = ascii(text);
                let digits = t.strip_prefix('-').unwrap_or(&t);
                let ok = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
                if ok && digits.parse::<i64>().is_ok() {
                    t.starts_with('-')
                        .then(|| lang.f(K::ErrNegative, &[&label]))
                } else {
                    Some(lang.f(K::ErrBadNumber, &[&label, &text]))
                }
            }
            FieldKind::Money => match parse_yuan(&ascii(text)) {
                Some(_) => None,
                None if ascii(text).starts_with('-') => Some(lang.f(K::ErrNegative, &[&label])),
                None => Some(lang.f(K::ErrBadMoney, &[&label, &text])),
            },
            FieldKind::Choice { .. } if self.required && self.chosen().is_none() => {
                Some(required())
            }
            FieldKind::Pick { .. } if self.required && self.selected.is_empty() => Some(required()),
            _ => None,
        }
    }
}

impl Form {
    pub fn new(title: impl Into<String>, today: NaiveDate, lang: Lang) -> Form {
        Form {
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            error: None,
            dirty: false,
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
        let s = fen
            .map(|f| {
                let sign = if f < 0 { "-" } else { "" };
                let (y, r) = (f.unsigned_abs() / 100, f.unsigned_abs() % 100);
                if r == 0 {
                    format!("{sign}{y}")
                } else {
                    format!("{sign}{y}.{r:02}")
                }
            })
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

    /// Handles one key. Submit is returned only when `check` passes; otherwise the errors are shown and
    /// focus goes to the first bad field.
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        if key.kind == KeyEventKind::Release {
            return FormOutcome::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('s' | 'S')) {
            return self.submit();
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return match key.code {
                KeyCode::Esc => FormOutcome::Cancel,
                KeyCode::Enter => FormOutcome::Submit,
                _ => FormOutcome::Continue,
            };
        };
        let open = field.open;
        let multiline = field.kind == FieldKind::Multiline;
        match key.code {
            KeyCode::Esc if open => field.close_pick(),
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Tab => self.next(true),
            KeyCode::BackTab => self.prev(true),
            KeyCode::Down if !multiline && !open => self.next(false),
            KeyCode::Up if !multiline && !open => self.prev(false),
            KeyCode::Enter if !multiline && !open => {
                if self.focus + 1 >= self.fields.len() {
                    return self.submit();
                }
                self.next(false);
            }
            _ => {
                if field.handle_key(&key) {
                    // An edited field's old error no longer applies.
                    field.error = None;
                    self.dirty = true;
                }
            }
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

pub mod draft;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::domain::Category;
    use crate::domain::validate::Problem;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typ(form: &mut Form, s: &str) {
        for c in s.chars() {
            assert_eq!(
                form.handle_key(key(KeyCode::Char(c))),
                FormOutcome::Continue
            );
        }
    }

    fn units() -> Vec<Choice> {
        vec![
            Choice::with_id(1, "清源县交通运输局"),
            Choice::with_id(2, "清源县教育局"),
            Choice::with_id(3, "清源县卫生健康局"),
            Choice::with_id(4, "Qingyuan Water Bureau"),
        ]
    }

    fn case_form(lang: Lang) -> Form {
        Form::new("New case", today(), lang)
            .text(K::FCaseNo, "")
            .required()
            .date(K::FFiledOn, None)
            .number(K::FAttendees, None)
            .money(K::FAmount, None)
            .flag(K::FKeyDemo, false)
            .choice(
                K::FCategory,
                choices(Category::ALL, lang, Category::key),
                true,
                None,
            )
            .pick(K::FUnit, units(), false, false, &[])
            .pick(K::FCopiedTo, units(), true, true, &[])
            .multiline(K::FNotes, "")
    }

    #[test]
    fn typing_focus_and_getters() {
        let mut f = case_form(Lang::Zh);
        assert!(!f.dirty);
        typ(&mut f, " 清检刑诉〔2026〕1号 ");
        assert!(f.dirty);
        assert_eq!(f.get_text(K::FCaseNo), "清检刑诉〔2026〕1号");
        assert_eq!(f.handle_key(key(KeyCode::Tab)), FormOutcome::Continue);
        assert_eq!(f.focus, 1);
        f.handle_key(key(KeyCode::BackTab));
        assert_eq!(f.focus, 0);
        f.handle_key(key(KeyCode::BackTab));
        assert_eq!(f.focus, f.fields.len() - 1, "Shift-Tab wraps");
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.focus, 0, "Tab wraps");
        f.handle_key(key(KeyCode::Down));
        f.handle_key(key(KeyCode::Enter));
        assert_eq!(f.focus, 2);
        typ(&mut f, "１2");
        assert_eq!(f.get_number(K::FAttendees), Some(12));
        f.handle_key(key(KeyCode::Up));
        assert_eq!(f.focus, 1);
        f.set_focus(3);
        typ(&mut f, "1.2万");
        assert_eq!(f.get_money(K::FAmount), Some(1_200_000));
        f.set_focus(4);
        f.handle_key(key(KeyCode::Char(' ')));
        assert!(f.get_flag(K::FKeyDemo));
        // The multiline field takes Enter and Up/Down; Tab still leaves it.
        f.set_focus(8);
        typ(&mut f, "第一行");
        f.handle_key(key(KeyCode::Enter));
        typ(&mut f, "2");
        f.handle_key(key(KeyCode::Up));
        assert_eq!(f.focus, 8);
        assert_eq!(f.get_text(K::FNotes), "第一行\n2");
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.focus, 0);
    }

    #[test]
    fn date_shortcuts_and_bad_dates() {
        let mut f = Form::new("d", today(), Lang::En)
            .date(K::FFiledOn, None)
            .date(K::FServedOn, NaiveDate::from_ymd_opt(2026, 5, 2));
        assert_eq!(
            f.get_date(K::FServedOn),
            NaiveDate::from_ymd_opt(2026, 5, 2)
        );
        assert_eq!(f.get_date(K::FFiledOn), None);
        for (typed, want) in [
            ("t", "2026-06-01"),
            ("+3", "2026-06-04"),
            ("-2", "2026-05-30"),
            ("+30", "2026-07-01"),
        ] {
            f.fields[0].input.set_text("");
            typ(&mut f, typed);
            assert_eq!(f.get_date(K::FFiledOn).unwrap().to_string(), want);
            assert_eq!(f.date_hint(0), Some(format!("→ {want}")));
        }
        f.fields[0].input.set_text("2026-06-09");
        assert_eq!(f.date_hint(0), None, "a full date needs no hint");
        // Leaving the field writes the resolved date in place of the shortcut.
        f.fields[0].input.set_text("+3");
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.fields[0].input().text(), "2026-06-04");
        // A bad date is reported under its field in the form's language.
        f.fields[1].input.set_text("2026-13-01");
        assert!(!f.check());
        assert_eq!(
            f.fields[1].error.as_deref(),
            Some("\"2026-13-01\" is not a date (YYYY-MM-DD)")
        );
        assert_eq!(f.focus, 1);
        f.fields[1].input.set_text("2026/06/01");
        f.lang = Lang::Zh;
        assert!(!f.check());
        assert_eq!(
            f.fields[1].error.as_deref(),
            Some("“2026/06/01”不是日期（YYYY-MM-DD）")
        );
    }

    #[test]
    fn required_number_and_money_errors() {
        let mut f = case_form(Lang::Zh)
            .pick(K::FRecipient, units(), false, false, &[])
            .required();
        f.set_focus(2);
        typ(&mut f, "-3");
        f.set_focus(3);
        typ(&mut f, "abc");
        assert_eq!(f.handle_key(ctrl('s')), FormOutcome::Continue);
        assert_eq!(f.fields[0].error.as_deref(), Some("案号：必填"));
        assert_eq!(f.fields[2].error.as_deref(), Some("参加人数：不能为负数"));
        assert!(
            f.fields[3]
                .error
                .as_deref()
                .unwrap()
                .contains("“abc”不是金额")
        );
        assert_eq!(f.fields[9].error.as_deref(), Some("被建议单位：必填"));
        assert_eq!(f.error.as_deref(), Some(Lang::Zh.t(K::FormFixErrors)));
        assert_eq!(f.focus, 0, "focus goes to the first bad field");
        typ(&mut f, "A1");
        assert_eq!(f.fields[0].error, None, "editing a field clears its error");
        f.fields[2].input.set_text("x");
        assert!(!f.check());
        assert_eq!(f.fields[2].error.as_deref(), Some("参加人数：“x”不是整数"));
        f.fields[2].input.set_text("");
        f.fields[3].input.set_text("12,345.60");
        f.fields[9].selected = vec![2];
        assert!(f.check());
        assert_eq!(f.error, None);
        assert_eq!(f.get_money(K::FAmount), Some(1_234_560));
        assert_eq!(f.get_number(K::FAttendees), None);
        assert_eq!(f.handle_key(ctrl('s')), FormOutcome::Submit);
    }

    #[test]
    fn pick_type_ahead_with_chinese_labels() {
        let mut f = case_form(Lang::Zh);
        f.set_focus(6);
        typ(&mut f, "教育");
        let fl = &f.fields[6];
        assert!(fl.is_open());
        let labels: Vec<&str> = fl.candidates().iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, vec!["清源县教育局"]);
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
        assert_eq!(f.get_id(K::FUnit), Some(2));
        assert_eq!(f.get_text(K::FUnit), "清源县教育局");
        assert!(!f.fields[6].is_open());
        assert_eq!(f.focus, 6, "picking does not leave the field");
        // ASCII is case-insensitive; Backspace edits the query; Down moves in the list, not the focus.
        typ(&mut f, "WATERx");
        assert!(f.fields[6].candidates().is_empty());
        f.handle_key(key(KeyCode::Backspace));
        assert_eq!(f.fields[6].candidates().len(), 1);
        f.handle_key(key(KeyCode::Esc));
        assert!(!f.fields[6].is_open(), "Esc closes the list, not the form");
        assert_eq!(f.get_id(K::FUnit), Some(2));
        typ(&mut f, "局");
        f.handle_key(key(KeyCode::Down));
        f.handle_key(key(KeyCode::Down));
        assert_eq!(f.focus, 6);
        f.handle_key(key(KeyCode::Up));
        assert_eq!(f.fields[6].highlight(), 1);
        f.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(f.get_id(K::FUnit), Some(2));
        // Leaving with a query that matches exactly one option picks it.
        typ(&mut f, "卫生");
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.get_id(K::FUnit), Some(3));
        assert_eq!(f.focus, 7);
    }

    #[test]
    fn multi_pick_toggles() {
        let mut f = case_form(Lang::En);
        f.set_focus(7);
        typ(&mut f, "局");
        f.handle_key(key(KeyCode::Enter));
        f.handle_key(key(KeyCode::Down));
        f.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(f.get_ids(K::FCopiedTo), vec![1, 2]);
        assert!(f.fields[7].is_open(), "a multi pick stays open");
        f.handle_key(key(KeyCode::Up));
        f.handle_key(key(KeyCode::Enter));
        assert_eq!(f.get_ids(K::FCopiedTo), vec![2]);
        f.handle_key(key(KeyCode::Esc));
        // Space on a closed list opens it with every option.
        f.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(f.fields[7].candidates().len(), 4);
        f.handle_key(key(KeyCode::Down));
        f.handle_key(key(KeyCode::Down));
        f.handle_key(key(KeyCode::Down));
        f.handle_key(key(KeyCode::Enter));
        assert_eq!(f.get_ids(K::FCopiedTo), vec![2, 4]);
        assert_eq!(
            f.get_text(K::FCopiedTo),
            "清源县教育局, Qingyuan Water Bureau"
        );
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.focus, 8);
        f.handle_key(key(KeyCode::BackTab));
        f.handle_key(key(KeyCode::Backspace));
        assert_eq!(
            f.get_ids(K::FCopiedTo),
            vec![2],
            "Backspace on an empty query drops the last pick"
        );
    }

    #[test]
    fn choice_cycling_and_jumping() {
        let mut f = case_form(Lang::En);
        f.set_focus(5);
        assert_eq!(f.get_code(K::FCategory), None, "optional starts at —");
        f.handle_key(key(KeyCode::Right));
        assert_eq!(f.get_code(K::FCategory).as_deref(), Some("single"));
        f.handle_key(key(KeyCode::Left));
        f.handle_key(key(KeyCode::Left));
        assert_eq!(f.get_code(K::FCategory).as_deref(), Some("regional"));
        f.handle_key(key(KeyCode::Char(' ')));
        assert_eq!(f.get_code(K::FCategory), None, "cycling wraps through —");
        f.handle_key(key(KeyCode::Char('i')));
        assert_eq!(f.get_code(K::FCategory).as_deref(), Some("industry"));
        f.handle_key(key(KeyCode::Char('s')));
        f.handle_key(key(KeyCode::Char('s')));
        assert_eq!(f.get_code(K::FCategory).as_deref(), Some("similar"));
        assert_eq!(f.get_text(K::FCategory), "similar-cases");
        // Chinese labels jump by their first character; a non-optional choice starts on its first option.
        let mut z = Form::new("z", today(), Lang::Zh).choice(
            K::FCategory,
            choices(Category::ALL, Lang::Zh, Category::key),
            false,
            Some("industry"),
        );
        assert_eq!(z.get_code(K::FCategory).as_deref(), Some("industry"));
        z.handle_key(key(KeyCode::Char('区')));
        assert_eq!(z.get_code(K::FCategory).as_deref(), Some("regional"));
        z.handle_key(key(KeyCode::Right));
        assert_eq!(z.get_code(K::FCategory).as_deref(), Some("single"));
        let z2 = Form::new("z", today(), Lang::Zh).choice(K::FCategory, vec![], false, None);
        assert_eq!(z2.get_code(K::FCategory), None);
    }

    #[test]
    fn submit_cancel_and_enter_on_last_field() {
        let mut f = Form::new("u", today(), Lang::En)
            .text(K::FName, "x")
            .flag(K::FKeyDemo, true);
        assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
        assert!(!f.dirty);
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
        assert_eq!(f.handle_key(ctrl('s')), FormOutcome::Submit);
        f.handle_key(key(KeyCode::Char('n')));
        assert!(f.dirty);
        assert!(!f.get_flag(K::FKeyDemo));
        assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
        // Key releases (Windows) are ignored.
        let mut rel = key(KeyCode::Char('z'));
        rel.kind = KeyEventKind::Release;
        f.set_focus(0);
        f.handle_key(rel);
        assert_eq!(f.get_text(K::FName), "x");
    }

    #[test]
    fn domain_errors_map_to_fields_by_key() {
        let mut f = case_form(Lang::Zh);
        f.set_focus(8);
        f.apply_errors(&[
            FieldError::new(K::FFiledOn, Problem::Required),
            FieldError::new(K::FFiledOn, Problem::Negative),
        ]);
        assert_eq!(f.focus, 1);
        assert_eq!(f.fields[1].error.as_deref(), Some("立案日期：必填"));
        f.set_error(K::FYear, "boom".into());
        assert_eq!(f.error.as_deref(), Some("boom"));
        f.clear_errors();
        assert!(f.error.is_none() && f.fields.iter().all(|x| x.error.is_none()));
        // Initial values come back through the getters.
        let g = Form::new("g", today(), Lang::En)
            .money(K::FAmount, Some(123_405))
            .number(K::FYear, Some(2026))
            .pick(K::FCopiedTo, units(), true, true, &[3, 99, 1]);
        assert_eq!(g.fields[0].input().text(), "1234.05");
        assert_eq!(g.get_money(K::FAmount), Some(123_405));
        assert_eq!(g.get_number(K::FYear), Some(2026));
        assert_eq!(g.get_ids(K::FCopiedTo), vec![3, 1]);
    }
}
