//! A form's fields: text, date, number, money, flag, choice and pick, each with its keys, its options and
//! its syntax check.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::input::Input;
use crate::domain::case::parse_yuan;
use crate::domain::dates::{DateProblem, read_date};
use crate::domain::deadline::add_days;
use crate::domain::{Code, parse_date};
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
    /// Left/Right/Space cycle; a digit picks that option; a typed letter jumps to the next option starting
    /// with it; `optional` adds "—" (digit 0).
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
    pub(super) input: Input,
    /// Selected option of a choice field (None = "—").
    pub(super) choice: Option<usize>,
    /// Selected ids of a pick field, in picking order.
    pub(super) selected: Vec<i64>,
    /// Highlighted candidate of an open pick list.
    pub(super) highlight: usize,
    /// Whether the pick list is open.
    pub(super) open: bool,
    pub(super) flag: bool,
}

/// What the form asks the app to do after a key.
pub(super) fn ascii(s: &str) -> String {
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
pub(super) fn resolve_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let t = ascii(s);
    if let Ok(d) = read_date(&t) {
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

pub(super) fn matches_query(o: &Choice, q: &str) -> bool {
    let q = q.trim().to_lowercase();
    q.is_empty() || o.label.to_lowercase().contains(&q) || o.code.to_lowercase().contains(&q)
}

pub(super) fn starts_with_char(s: &str, c: char) -> bool {
    s.chars()
        .next()
        .is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()))
}

impl Field {
    pub(super) fn new(key: K, kind: FieldKind, text: &str) -> Field {
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

    /// The options of a choice field, in the order their digits pick them.
    pub fn choice_options(&self) -> &[Choice] {
        match &self.kind {
            FieldKind::Choice { options, .. } => options,
            _ => &[],
        }
    }

    pub(super) fn options(&self) -> &[Choice] {
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

    pub(super) fn is_multi(&self) -> bool {
        matches!(self.kind, FieldKind::Pick { multi: true, .. })
    }

    /// Applies a key to the value; true when the value changed.
    /// Ctrl-U: the text before the cursor goes (all of it with the cursor at the end). False for fields
    /// without text.
    pub(super) fn clear_to_cursor(&mut self) -> bool {
        match self.kind {
            FieldKind::Text
            | FieldKind::Multiline
            | FieldKind::Date
            | FieldKind::Number
            | FieldKind::Money => self.input.kill_to_line_start(),
            FieldKind::Flag | FieldKind::Choice { .. } | FieldKind::Pick { .. } => false,
        }
    }

    pub(super) fn handle_key(&mut self, key: &KeyEvent) -> bool {
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
                    // A digit picks the option of that number directly (the screen numbers them), so
                    // "partly adopted" costs no more keys than "adopted"; 0 is "—".
                    KeyCode::Char(d @ '0'..='9') if plain => {
                        let i = d as usize - '0' as usize;
                        if i == 0 && optional {
                            self.choice = None;
                        } else if (1..=n).contains(&i) {
                            self.choice = Some(i - 1);
                        }
                    }
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

    pub(super) fn pick_key(&mut self, key: &KeyEvent, plain: bool) -> bool {
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
    pub(super) fn pick_highlighted(&mut self) -> bool {
        let Some(id) = self.candidates().get(self.highlight).map(|o| o.id) else {
            return false;
        };
        if self.is_multi() {
            if let Some(p) = self.selected.iter().position(|s| *s == id) {
                self.selected.remove(p);
            } else {
                self.selected.push(id);
            }
            // The query has done its work: the list stays open on every option for the next pick.
            if !self.input.is_empty() {
                self.input.set_text("");
                self.highlight = 0;
            }
        } else {
            self.selected = vec![id];
            self.close_pick();
        }
        true
    }

    pub(super) fn close_pick(&mut self) {
        self.open = false;
        self.highlight = 0;
        self.input.set_text("");
    }

    /// Tidies the field as focus leaves it: a date shortcut becomes the date it stands for; an unfinished
    /// single pick whose query matches exactly one option picks it. True when the value changed.
    pub(super) fn settle(&mut self, today: NaiveDate) -> bool {
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
    pub(super) fn problem(&self, today: NaiveDate, lang: Lang) -> Option<String> {
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
            FieldKind::Date => match read_date(&ascii(text)) {
                Err(DateProblem::NoSuchDay { year, month, day }) => {
                    Some(crate::i18n::no_such_day(lang, year, month, day))
                }
                _ => resolve_date(text, today)
                    .is_none()
                    .then(|| lang.f(K::ErrBadDate, &[&text])),
            },
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
