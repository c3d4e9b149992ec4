//! Modals: the stack of layers over a pane (detail, form, confirm, help, date picker, palette, history),
//! what a confirmation leads to, and keeping an open detail up to date.

use ratatui::crossterm::event::KeyEvent;

use super::form::{Form, FormOutcome};
use super::forms::Purpose;
use super::keymap::Action;
use super::measure_walk::{Walk, WalkKey, WalkOutcome};
use super::{App, calendar, data, forms};
use crate::domain::calendar::shift_months;
use crate::domain::{Activity, Case, FollowUp, Suggestion, Unit};
use crate::i18n::K;
use crate::store::StoreError;
use crate::store::lists::{CaseDetail, SuggestionDetail};

#[derive(Clone, Debug)]
pub enum Detail {
    Suggestion(Box<SuggestionDetail>),
    Case(Box<CaseDetail>),
    Unit(Box<crate::store::units::UnitDetail>),
}

/// What a confirmation leads to.
#[derive(Clone, Debug)]
pub enum Confirmed {
    Delete { what: K, id: i64, version: i64 },
    DiscardForm,
    Undo,
}

#[derive(Clone, Debug)]
pub struct Confirm {
    pub text: String,
    pub then: Confirmed,
}

pub enum Modal {
    Help {
        scroll: u16,
    },
    Detail {
        detail: Detail,
        scroll: u16,
    },
    Form {
        form: Box<Form>,
        purpose: Box<Purpose>,
    },
    Confirm(Confirm),
    DatePicker(calendar::DatePicker),
    Palette(data::Palette),
    History(data::History),
    /// A reply or a visit recorded measure by measure; a visit's follow-up record is written with it.
    Walk {
        walk: Box<Walk>,
        follow_up: Option<Box<FollowUp>>,
    },
}

impl App {
    pub(super) fn reload_detail(&mut self) -> Result<(), StoreError> {
        for m in self.modals.iter_mut() {
            if let Modal::Detail { detail, .. } = m {
                match detail {
                    Detail::Suggestion(d) => {
                        let id = d.row.suggestion.id;
                        **d = self.store.suggestion_detail(id)?;
                    }
                    Detail::Case(d) => {
                        let id = d.row.case.id;
                        **d = self.store.case_detail(id)?;
                    }
                    Detail::Unit(d) => {
                        let id = d.row.unit.id;
                        **d = self.store.unit_detail(id, self.lang)?;
                    }
                }
            }
        }
        Ok(())
    }

    pub fn open_suggestion(&mut self, id: i64) {
        match self.store.suggestion_detail(id) {
            Ok(d) => self.modals.push(Modal::Detail {
                detail: Detail::Suggestion(Box::new(d)),
                scroll: 0,
            }),
            Err(e) => self.error(e),
        }
    }

    /// Does what a confirmation was asked for.
    pub(super) fn confirmed(&mut self, then: Confirmed) {
        match then {
            Confirmed::DiscardForm => {
                self.modals.pop();
            }
            Confirmed::Undo => self.undo(),
            Confirmed::Delete { what, id, version } => {
                let r = match what {
                    K::ESuggestion => self.store.delete::<Suggestion>(id, version),
                    K::ECase => self.store.delete::<Case>(id, version),
                    K::EActivity => self.store.delete::<Activity>(id, version),
                    _ => self.store.delete::<Unit>(id, version),
                };
                match r {
                    Ok(()) => {
                        self.info(self.lang.f(K::MsgDeleted, &[&self.t(what)]));
                        self.reload();
                    }
                    Err(e) => self.error(e),
                }
            }
        }
    }

    /// An action for the modal on top when that modal has its own context (help, history, question, date
    /// picker, palette). Returns whether such a modal was on top.
    pub(super) fn modal_act(&mut self, action: Action) -> bool {
        let Some(top) = self.modals.last_mut() else {
            return false;
        };
        match top {
            Modal::Help { scroll } => {
                match action {
                    Action::Back => {
                        self.modals.pop();
                    }
                    Action::Top => *scroll = 0,
                    a => *scroll = scrolled(*scroll, a),
                }
                true
            }
            Modal::History(h) => {
                match action {
                    Action::Back => {
                        self.modals.pop();
                    }
                    a => h.scroll = scrolled(h.scroll, a),
                }
                true
            }
            Modal::Confirm(_) => {
                if let Some(Modal::Confirm(c)) = self.modals.pop()
                    && action == Action::ConfirmYes
                {
                    self.confirmed(c.then);
                }
                true
            }
            Modal::DatePicker(p) => {
                let d = p.date;
                let add = |n: i64| crate::domain::deadline::add_days(d, n);
                match action {
                    Action::CalLeft => p.date = add(-1),
                    Action::CalRight => p.date = add(1),
                    Action::CalUp => p.date = add(-7),
                    Action::CalDown => p.date = add(7),
                    Action::CalPrevMonth => p.date = shift_months(d, -1),
                    Action::CalNextMonth => p.date = shift_months(d, 1),
                    Action::CalToday => p.date = self.store.today(),
                    Action::PickDate => {
                        let (field, date) = (p.field, p.date);
                        self.modals.pop();
                        if let Some(Modal::Form { form, .. }) = self.modals.last_mut() {
                            form.set_date(field, date);
                        }
                    }
                    Action::Back => {
                        self.modals.pop();
                    }
                    _ => {}
                }
                true
            }
            Modal::Palette(p) => {
                match action {
                    Action::Back => {
                        self.modals.pop();
                    }
                    Action::Up => p.cursor = p.cursor.saturating_sub(1),
                    Action::Down => p.cursor += 1,
                    Action::RunCommand => {
                        let p = p.clone();
                        let cmds = self.palette_commands(&p);
                        self.modals.pop();
                        if let Some(c) = cmds.get(p.cursor.min(cmds.len().saturating_sub(1))) {
                            self.run_command(*c);
                        }
                    }
                    _ => {}
                }
                self.clamp_palette();
                true
            }
            Modal::Walk { walk, .. } => {
                let key = match action {
                    Action::Back => WalkKey::Cancel,
                    Action::Up => WalkKey::Back,
                    Action::Down => WalkKey::Skip,
                    _ => return true,
                };
                let outcome = walk.press(key);
                self.walk_outcome(outcome);
                true
            }
            Modal::Detail { .. } | Modal::Form { .. } => false,
        }
    }

    /// Writes the detail's record as a Word document into `documents/` beside the store, under a name not yet
    /// taken, and says where.
    pub(super) fn write_document(&mut self) {
        use crate::docs::{Format, Kind};
        let (kind, id) = match self.modals.last() {
            Some(Modal::Detail {
                detail: Detail::Suggestion(d),
                ..
            }) => (Kind::Suggestion, d.row.suggestion.id),
            Some(Modal::Detail {
                detail: Detail::Case(d),
                ..
            }) => (Kind::Analysis, d.row.case.id),
            _ => return,
        };
        let lang = self.lang;
        let made = match crate::docs::make(
            &self.store,
            kind,
            &id.to_string(),
            Format::Docx,
            &self.docs,
            lang,
        ) {
            Ok(m) => m,
            Err(e) => return self.message = Some((super::Tone::Error, e.0)),
        };
        let dir = self.store.path().parent().map_or_else(
            || std::path::PathBuf::from("documents"),
            |p| p.join("documents"),
        );
        let r = crate::docs::write_unique(&dir, &made.name, &made.bytes, lang);
        match r {
            Ok(path) => {
                let mut msg = lang.f(K::DocWritten, &[&path.display()]);
                if let Some(w) = made.warnings.first() {
                    msg.push_str(&format!(" · {}", lang.f(K::DocWarning, &[w])));
                }
                self.info(msg);
            }
            Err(e) => self.message = Some((super::Tone::Error, e.0)),
        }
    }

    /// A key the walk has no binding for: a letter or digit that picks a choice.
    pub(super) fn walk_type(&mut self, key: &KeyEvent) {
        if let Some(Modal::Walk { walk, .. }) = self.modals.last_mut()
            && let ratatui::crossterm::event::KeyCode::Char(c) = key.code
        {
            let outcome = walk.press(WalkKey::Char(c));
            self.walk_outcome(outcome);
        }
    }

    /// The walk ended: write the suggestion (and a visit's record) in one transaction, or drop it.
    fn walk_outcome(&mut self, outcome: WalkOutcome) {
        if outcome == WalkOutcome::Continue {
            return;
        }
        let Some(Modal::Walk { walk, follow_up }) = self.modals.pop() else {
            return;
        };
        if outcome == WalkOutcome::Cancel {
            return;
        }
        let mut s = walk.finish();
        let summary = crate::domain::measure::summary(&s.measure_items, self.lang);
        let r = self.store.batch(|b| {
            if let Some(mut f) = follow_up {
                b.insert(&mut *f)?;
            }
            b.update(&mut s)
        });
        match r {
            Ok(()) => {
                self.info(self.lang.f(K::MwSaved, &[&summary]));
                self.reload();
            }
            Err(e) => self.error(e),
        }
    }

    /// A key the palette has no binding for: typed into its query.
    pub(super) fn palette_type(&mut self, key: &KeyEvent) {
        if let Some(Modal::Palette(p)) = self.modals.last_mut()
            && p.query.handle_key(key)
        {
            p.cursor = 0;
        }
        self.clamp_palette();
    }

    fn clamp_palette(&mut self) {
        if let Some(Modal::Palette(p)) = self.modals.last() {
            let n = self.palette_commands(p).len();
            if let Some(Modal::Palette(p)) = self.modals.last_mut() {
                p.cursor = p.cursor.min(n.saturating_sub(1));
            }
        }
    }

    /// A key in the form on top: its action if the form context binds it, else typed into the field.
    pub(super) fn form_key(&mut self, action: Option<Action>, key: &KeyEvent) {
        if action == Some(Action::DatePicker) && self.open_date_picker() {
            return;
        }
        let Some(Modal::Form { form, .. }) = self.modals.last_mut() else {
            return;
        };
        let outcome = match action {
            Some(a) if a != Action::DatePicker => form.apply(a, key),
            _ => form.type_key(key),
        };
        match outcome {
            FormOutcome::Continue => {}
            FormOutcome::Submit => self.submit_form(),
            FormOutcome::Cancel => {
                if form.dirty {
                    let text = self.t(K::ConfirmDiscard).to_string();
                    self.modals.push(Modal::Confirm(Confirm {
                        text,
                        then: Confirmed::DiscardForm,
                    }));
                } else {
                    self.modals.pop();
                }
            }
        }
    }

    pub(super) fn open_form(&mut self, purpose: Purpose) {
        match forms::build(self, &purpose) {
            Ok(form) => self.modals.push(Modal::Form {
                form: Box::new(form),
                purpose: Box::new(purpose),
            }),
            Err(e) => self.error(e),
        }
    }

    pub(super) fn submit_form(&mut self) {
        let Some(Modal::Form { form, purpose }) = self.modals.last_mut() else {
            return;
        };
        let mut form = std::mem::replace(
            form,
            Box::new(Form::new(String::new(), self.store.today(), self.lang)),
        );
        let purpose = (**purpose).clone();
        let result = forms::submit(self, &purpose, &mut form);
        match result {
            // The form's part is taken; the measures are walked before anything is written.
            Ok(_) if self.walk_next.is_some() => {
                self.modals.pop();
                if let Some((walk, follow_up)) = self.walk_next.take() {
                    self.modals.push(Modal::Walk {
                        walk: Box::new(walk),
                        follow_up: follow_up.map(Box::new),
                    });
                }
            }
            Ok(saved) => {
                self.modals.pop();
                self.info(saved);
                self.reload();
            }
            Err(forms::Rejected) => {
                if let Some(Modal::Form { form: slot, .. }) = self.modals.last_mut() {
                    *slot = form;
                }
            }
        }
    }
}

/// A help or history scroll after a movement action: a line, or ten for a page.
fn scrolled(scroll: u16, action: Action) -> u16 {
    match action {
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(10),
        Action::PageUp => scroll.saturating_sub(10),
        _ => scroll,
    }
}
