//! The suggestions pane: its list, the state filter, and which suggestion the one-key actions apply to.

use super::forms::Purpose;
use super::keymap::Act;
use super::{App, Detail, Modal, Pane, TodayLine};
use crate::domain::Suggestion;
use crate::i18n::K;
use crate::store::lists::StateFilter;

impl App {
    /// The suggestion the one-key actions apply to, in the current context.
    pub fn selected_suggestion(&self) -> Option<i64> {
        if let Some(Modal::Detail { detail, .. }) = self.modals.last() {
            return match detail {
                Detail::Suggestion(d) => Some(d.row.suggestion.id),
                Detail::Case(_) | Detail::Unit(_) => None,
            };
        }
        match self.pane {
            Pane::Suggestions => self.suggestions.selected().map(|r| r.suggestion.id),
            Pane::Today => match self.today_selected()? {
                TodayLine::Item(s, i) => self.check.suggestions(s)?.get(i).map(|x| x.suggestion.id),
                _ => None,
            },
            Pane::Cases | Pane::Units | Pane::Calendar | Pane::Stats => None,
        }
    }

    /// Shows only the suggestions in one state.
    pub(super) fn set_state_filter(&mut self, f: StateFilter) {
        self.suggestions.query.state = f;
        let (store, lang, page) = (&self.store, self.lang, self.page);
        if let Err(e) = self.suggestions.restart(store, lang, page) {
            self.error(e);
        }
    }

    /// A one-key action on the selected suggestion opens its small form.
    pub(super) fn act_on_suggestion(&mut self, a: Act) {
        if let Some(id) = self.selected_suggestion() {
            match self.store.get::<Suggestion>(id) {
                Ok(s) => self.open_form(Purpose::Act(a, Box::new(s))),
                Err(e) => self.error(e),
            }
        }
    }

    /// What a delete on the suggestions pane would remove: kind, id, version and the name the user knows.
    pub(super) fn suggestion_delete_target(&self) -> Option<(K, i64, i64, String)> {
        self.suggestions.selected().map(|r| {
            let s = &r.suggestion;
            (
                K::ESuggestion,
                s.id,
                s.version,
                s.doc_no.clone().unwrap_or_else(|| s.title.clone()),
            )
        })
    }
}
