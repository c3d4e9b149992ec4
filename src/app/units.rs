//! The Units & work pane: the unit registry above, prevention activities below, one of them focused.

use super::forms::Purpose;
use super::{App, Confirm, Confirmed, Detail, List, Modal, clamp_offset};
use crate::domain::{Activity, Unit};
use crate::i18n::K;
use crate::store::StoreError;
use crate::store::units::{ActivityQuery, UnitFlag, UnitQuery};

/// Which of the pane's two lists the keys move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum UnitsFocus {
    #[default]
    Units,
    Activities,
}

/// The pane's state.
#[derive(Clone, Debug, Default)]
pub struct UnitsPane {
    pub focus: UnitsFocus,
    pub units: List<UnitQuery>,
    pub activities: List<ActivityQuery>,
}

impl App {
    /// Rows each list shows: the units list gets the larger half of the body; each list has its own header
    /// and footer line.
    pub fn units_pages(&self) -> (usize, usize) {
        let body = self.page + 2; // page = body - header - footer
        let units = (body * 11 / 20).saturating_sub(2).max(1);
        let activities = body.saturating_sub(units + 4).max(1);
        (units, activities)
    }

    pub(super) fn load_units(&mut self) -> Result<(), StoreError> {
        let (page, _) = self.units_pages();
        self.units_pane.units.load(&self.store, self.lang, page)
    }

    pub(super) fn load_activities(&mut self) -> Result<(), StoreError> {
        let (_, page) = self.units_pages();
        self.units_pane
            .activities
            .load(&self.store, self.lang, page)
    }

    pub(super) fn units_move(&mut self, delta: i64) -> Result<(), StoreError> {
        let (up, ap) = self.units_pages();
        let (store, lang, p) = (&self.store, self.lang, &mut self.units_pane);
        match p.focus {
            UnitsFocus::Units => p.units.move_by(store, lang, up, delta),
            UnitsFocus::Activities => p.activities.move_by(store, lang, ap, delta),
        }
    }

    /// `G` in the focused list: its last page.
    pub(super) fn units_end(&mut self) -> Result<(), StoreError> {
        let (up, ap) = self.units_pages();
        let (store, lang, p) = (&self.store, self.lang, &mut self.units_pane);
        match p.focus {
            UnitsFocus::Units => p.units.bottom(store, lang, up),
            UnitsFocus::Activities => p.activities.bottom(store, lang, ap),
        }
    }

    pub(super) fn next_unit_flag(&mut self) {
        let q = &mut self.units_pane.units.query;
        let i = UnitFlag::ALL.iter().position(|f| *f == q.flag).unwrap_or(0);
        q.flag = UnitFlag::ALL[(i + 1) % UnitFlag::ALL.len()];
        let (page, _) = self.units_pages();
        if let Err(e) = self.units_pane.units.restart(&self.store, self.lang, page) {
            self.error(e);
        }
    }

    pub fn selected_unit(&self) -> Option<&Unit> {
        if let Some(Modal::Detail {
            detail: Detail::Unit(d),
            ..
        }) = self.modals.last()
        {
            return Some(&d.row.unit);
        }
        if self.units_pane.focus != UnitsFocus::Units {
            return None;
        }
        self.units_pane.units.selected().map(|r| &r.unit)
    }

    pub fn selected_activity(&self) -> Option<&Activity> {
        if self.units_pane.focus != UnitsFocus::Activities {
            return None;
        }
        self.units_pane.activities.selected().map(|r| &r.activity)
    }

    pub(super) fn units_open(&mut self) {
        if let Some(id) = self.selected_unit().map(|u| u.id) {
            match self.store.unit_detail(id, self.lang) {
                Ok(d) => self.modals.push(Modal::Detail {
                    detail: Detail::Unit(Box::new(d)),
                    scroll: 0,
                }),
                Err(e) => self.error(e),
            }
        } else if let Some(a) = self.selected_activity().cloned() {
            self.open_form(Purpose::EditActivity(Box::new(a)));
        }
    }

    pub(super) fn units_new(&mut self) {
        match self.units_pane.focus {
            UnitsFocus::Units => self.open_form(Purpose::NewUnit),
            UnitsFocus::Activities => self.open_form(Purpose::NewActivity {
                case: None,
                unit: None,
            }),
        }
    }

    pub(super) fn units_edit(&mut self) {
        if let Some(u) = self.selected_unit().cloned() {
            self.open_form(Purpose::EditUnit(Box::new(u)));
        } else if let Some(a) = self.selected_activity().cloned() {
            self.open_form(Purpose::EditActivity(Box::new(a)));
        }
    }

    pub(super) fn units_delete(&mut self) {
        let target = if let Some(u) = self.selected_unit() {
            Some((K::EUnit, u.id, u.version, u.name.clone()))
        } else {
            self.selected_activity()
                .map(|a| (K::EActivity, a.id, a.version, a.title.clone()))
        };
        if let Some((what, id, version, name)) = target {
            let text = self.lang.f(K::ConfirmDelete, &[&self.t(what), &name]);
            self.modals.push(Modal::Confirm(Confirm {
                text,
                then: Confirmed::Delete { what, id, version },
            }));
        }
    }

    /// The first row to show so the cursor stays visible (for tests of the pane's windows).
    pub fn units_offset_for(&self, cursor: usize) -> usize {
        let (page, _) = self.units_pages();
        clamp_offset(
            self.units_pane.units.offset,
            cursor,
            page,
            self.units_pane.units.total,
        )
    }
}
