//! Modals: the stack of layers over a pane (detail, form, confirm, help, date picker, palette, history),
//! what a confirmation leads to, and keeping an open detail up to date.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::form::{Form, FormOutcome};
use super::forms::Purpose;
use super::{App, calendar, data};
use crate::domain::{Activity, Case, Suggestion, Unit};
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

    /// A key for the modal on top. Returns whether a modal took it.
    pub(super) fn modal_key(&mut self, key: KeyEvent) -> bool {
        let picker_key = key.code == KeyCode::F(4)
            || (key.code == KeyCode::Char('d') && key.modifiers.contains(KeyModifiers::CONTROL));
        if picker_key && self.open_date_picker() {
            return true;
        }
        if let Some(Modal::DatePicker(p)) = self.modals.last_mut() {
            let monday = self.store.rules().settings.week_starts_monday;
            let _ = monday;
            let d = p.date;
            let add = |n: i64| crate::domain::deadline::add_days(d, n);
            match key.code {
                KeyCode::Left | KeyCode::Char('h') => p.date = add(-1),
                KeyCode::Right | KeyCode::Char('l') => p.date = add(1),
                KeyCode::Up | KeyCode::Char('k') => p.date = add(-7),
                KeyCode::Down | KeyCode::Char('j') => p.date = add(7),
                KeyCode::PageUp | KeyCode::Char('[') => {
                    p.date = crate::domain::calendar::shift_months(d, -1)
                }
                KeyCode::PageDown | KeyCode::Char(']') => {
                    p.date = crate::domain::calendar::shift_months(d, 1)
                }
                KeyCode::Char('t') => p.date = self.store.today(),
                KeyCode::Enter => {
                    let (field, date) = (p.field, p.date);
                    self.modals.pop();
                    if let Some(Modal::Form { form, .. }) = self.modals.last_mut() {
                        form.set_date(field, date);
                    }
                }
                KeyCode::Esc => {
                    self.modals.pop();
                }
                _ => {}
            }
            return true;
        }
        if let Some(Modal::Palette(p)) = self.modals.last_mut() {
            match key.code {
                KeyCode::Esc => {
                    self.modals.pop();
                }
                KeyCode::Up => p.cursor = p.cursor.saturating_sub(1),
                KeyCode::Down => p.cursor += 1,
                KeyCode::Enter => {
                    let p = p.clone();
                    let cmds = self.palette_commands(&p);
                    self.modals.pop();
                    if let Some(c) = cmds.get(p.cursor.min(cmds.len().saturating_sub(1))) {
                        self.run_command(*c);
                    }
                }
                _ => {
                    if p.query.handle_key(&key) {
                        p.cursor = 0;
                    }
                }
            }
            if let Some(Modal::Palette(p)) = self.modals.last() {
                let n = self.palette_commands(p).len();
                if let Some(Modal::Palette(p)) = self.modals.last_mut() {
                    p.cursor = p.cursor.min(n.saturating_sub(1));
                }
            }
            return true;
        }
        if let Some(Modal::History(h)) = self.modals.last_mut() {
            match key.code {
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('H') => {
                    self.modals.pop();
                }
                KeyCode::Char('j') | KeyCode::Down => h.scroll = h.scroll.saturating_add(1),
                KeyCode::Char('k') | KeyCode::Up => h.scroll = h.scroll.saturating_sub(1),
                KeyCode::PageDown => h.scroll = h.scroll.saturating_add(10),
                KeyCode::PageUp => h.scroll = h.scroll.saturating_sub(10),
                _ => {}
            }
            return true;
        }
        match self.modals.last_mut() {
            Some(Modal::Form { form, .. }) => {
                match form.handle_key(key) {
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
                return true;
            }
            Some(Modal::Confirm(_)) => {
                let yes = matches!(
                    key.code,
                    KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter
                );
                let no = matches!(
                    key.code,
                    KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc
                );
                if yes {
                    if let Some(Modal::Confirm(c)) = self.modals.pop() {
                        self.confirmed(c.then);
                    }
                } else if no {
                    self.modals.pop();
                }
                return true;
            }
            Some(Modal::Help { scroll }) => {
                match key.code {
                    KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::F(1) => {
                        self.modals.pop();
                    }
                    KeyCode::Char('j') | KeyCode::Down => *scroll = scroll.saturating_add(1),
                    KeyCode::Char('k') | KeyCode::Up => *scroll = scroll.saturating_sub(1),
                    KeyCode::PageDown => *scroll = scroll.saturating_add(10),
                    KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                    KeyCode::Char('g') | KeyCode::Home => *scroll = 0,
                    _ => {}
                }
                return true;
            }
            _ => {}
        }
        false
    }
}
