//! The `/` filter box of a list: typing it, and reading the list for it without holding up the next key.

use ratatui::crossterm::event::KeyEvent;

use super::input::Input;
use super::units::UnitsFocus;
use super::{App, Pane};
use crate::store::StoreError;

/// A list's `/` filter: the text and whether it is being typed.
#[derive(Clone, Debug)]
pub struct FilterBox {
    pub input: Input,
    pub editing: bool,
}

impl Default for FilterBox {
    fn default() -> Self {
        FilterBox {
            input: Input::new("", false),
            editing: false,
        }
    }
}

impl App {
    /// The filter box of the list in focus, if it has one.
    pub(super) fn filter_box(&mut self) -> Option<&mut FilterBox> {
        match self.pane {
            Pane::Cases => Some(&mut self.cases.filter),
            Pane::Suggestions => Some(&mut self.suggestions.filter),
            Pane::Units => Some(match self.units_pane.focus {
                UnitsFocus::Units => &mut self.units_pane.units.filter,
                UnitsFocus::Activities => &mut self.units_pane.activities.filter,
            }),
            Pane::Today | Pane::Calendar | Pane::Stats => None,
        }
    }

    /// Whether a filter is being typed (then keys go to it, not to the keymap).
    pub fn filter_editing(&self) -> bool {
        match self.pane {
            Pane::Cases => self.cases.filter.editing,
            Pane::Suggestions => self.suggestions.filter.editing,
            Pane::Units => match self.units_pane.focus {
                UnitsFocus::Units => self.units_pane.units.filter.editing,
                UnitsFocus::Activities => self.units_pane.activities.filter.editing,
            },
            Pane::Today | Pane::Calendar | Pane::Stats => false,
        }
    }

    /// A key the filter context has no binding for: typed into the filter box.
    pub(super) fn filter_type(&mut self, key: &KeyEvent) {
        if let Some(fb) = self.filter_box()
            && fb.input.handle_key(key)
        {
            self.filter_edited();
        }
    }

    /// The filter text changed. In the terminal the list is read after the screen shows the text, and that
    /// read gives way to the next key ([`App::run_pending`]); without a terminal it is read at once.
    pub(super) fn filter_edited(&mut self) {
        if self.input_waiting.is_some() {
            self.filter_pending = true;
        } else {
            self.filter_changed();
        }
    }

    /// Reads the list for a changed filter, unless a key arrives first: then it stays pending, and the
    /// key is handled at once. Returns whether the screen changed.
    pub fn run_pending(&mut self) -> bool {
        if !self.filter_pending {
            return false;
        }
        if let Err(e) = self.store.set_interrupt(self.input_waiting) {
            self.error(e);
        }
        let r = self.try_filter_changed();
        if let Err(e) = self.store.set_interrupt(None) {
            self.error(e);
        }
        match r {
            Err(e) if e.is_interrupted() => false,
            Err(e) => {
                self.filter_pending = false;
                self.error(e);
                true
            }
            Ok(()) => {
                self.filter_pending = false;
                true
            }
        }
    }

    pub(super) fn filter_changed(&mut self) {
        if let Err(e) = self.try_filter_changed() {
            self.error(e);
        }
    }

    fn try_filter_changed(&mut self) -> Result<(), StoreError> {
        let (store, lang, page) = (&self.store, self.lang, self.page);
        match self.pane {
            Pane::Cases => self.cases.refilter(store, lang, page),
            Pane::Suggestions => self.suggestions.refilter(store, lang, page),
            Pane::Units => {
                let (up, ap) = self.units_pages();
                let p = &mut self.units_pane;
                match p.focus {
                    UnitsFocus::Units => p.units.refilter(store, lang, up),
                    UnitsFocus::Activities => p.activities.refilter(store, lang, ap),
                }
            }
            Pane::Today | Pane::Calendar | Pane::Stats => Ok(()),
        }
    }
}
