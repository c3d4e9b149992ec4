//! The cases pane: its list, which case is selected (also from Today's gaps and a case's detail), and the
//! actions that start from a case.

use super::forms::Purpose;
use super::{App, Detail, Modal, Pane, Section, TodayLine};
use crate::i18n::K;

impl App {
    pub(super) fn selected_case(&self) -> Option<i64> {
        if let Some(Modal::Detail {
            detail: Detail::Case(d),
            ..
        }) = self.modals.last()
        {
            return Some(d.row.case.id);
        }
        match self.pane {
            Pane::Cases => self.cases.selected().map(|r| r.case.id),
            Pane::Today => match self.today_selected()? {
                TodayLine::Item(Section::Gaps, i) => self.check.case_gaps.get(i).map(|g| g.case.id),
                _ => None,
            },
            Pane::Suggestions | Pane::Units | Pane::Calendar | Pane::Stats => None,
        }
    }

    /// `a` on a case: a prevention activity for it, its unit filled in.
    pub(super) fn add_activity_for_case(&mut self) {
        if let Some(case) = self.selected_case() {
            let unit = self.store.case_unit_id(case).ok().flatten();
            self.open_form(Purpose::NewActivity {
                case: Some(case),
                unit,
            });
        }
    }

    /// `p` on a case: a new suggestion drafted from it.
    pub(super) fn draft_from_case(&mut self) {
        if let Some(id) = self.selected_case() {
            self.open_form(Purpose::NewSuggestion { case: Some(id) });
        }
    }

    pub(super) fn case_delete_target(&self) -> Option<(K, i64, i64, String)> {
        self.cases
            .selected()
            .map(|r| (K::ECase, r.case.id, r.case.version, r.case.case_no.clone()))
    }
}
