//! The deadline calendar: a cursor day, the open deadlines of the weeks on screen, and the agenda of the
//! cursor day (or its week).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::forms::Purpose;
use super::{App, Modal};
use crate::domain::calendar::{DueKind, month_weeks, shift_months, week_start};
use crate::store::StoreError;
use crate::store::calendar::{CalItem, Target};

#[derive(Clone, Debug)]
pub struct CalendarPane {
    pub cursor: NaiveDate,
    /// Agenda of the cursor's whole week instead of its day.
    pub week_agenda: bool,
    /// How many open deadlines of each kind fall on each day of the weeks of the cursor's month.
    pub counts: BTreeMap<NaiveDate, Vec<(DueKind, usize)>>,
    /// The open deadlines of the agenda: the cursor's day, or its week (a month of a national archive
    /// holds tens of thousands; the grid needs only their counts).
    pub items: Vec<CalItem>,
    /// The days `items` holds.
    pub range: (NaiveDate, NaiveDate),
    pub agenda_cursor: usize,
}

impl CalendarPane {
    pub fn new(today: NaiveDate) -> CalendarPane {
        CalendarPane {
            cursor: today,
            week_agenda: false,
            counts: BTreeMap::new(),
            items: Vec::new(),
            range: (today, today),
            agenda_cursor: 0,
        }
    }
}

/// A date picker opened from a form's date field.
#[derive(Clone, Copy, Debug)]
pub struct DatePicker {
    pub date: NaiveDate,
    pub field: crate::i18n::K,
}

impl App {
    pub fn monday_first(&self) -> bool {
        self.store.rules().settings.week_starts_monday
    }

    /// Whether `day` is a working day, a holiday or an adjusted working day, by the rules in force.
    pub fn day_kind(&self, day: NaiveDate) -> crate::domain::deadline::DayKind {
        self.store.rules().holidays.day_kind(day)
    }

    /// The weeks of the cursor's month as the grid shows them.
    pub fn calendar_weeks(&self) -> Vec<[NaiveDate; 7]> {
        let c = self.calendar.cursor;
        month_weeks(c.year(), c.month(), self.monday_first())
    }

    /// Loads the marks of the cursor's month and the agenda of its week.
    pub(super) fn load_calendar(&mut self) -> Result<(), StoreError> {
        let weeks = self.calendar_weeks();
        let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
            return Ok(());
        };
        self.calendar.counts = self.store.deadline_counts(first[0], last[6])?;
        self.load_agenda()
    }

    /// The days the agenda shows: the cursor's day, or its week.
    fn agenda_range(&self) -> (NaiveDate, NaiveDate) {
        let c = &self.calendar;
        if c.week_agenda {
            let s = week_start(c.cursor, self.monday_first());
            (s, s + Days::new(6))
        } else {
            (c.cursor, c.cursor)
        }
    }

    /// Loads the open deadlines of the agenda's days.
    fn load_agenda(&mut self) -> Result<(), StoreError> {
        let range = self.agenda_range();
        self.calendar.items = self.store.deadlines_between(range.0, range.1, self.lang)?;
        self.calendar.range = range;
        let n = self.agenda().len();
        self.calendar.agenda_cursor = self.calendar.agenda_cursor.min(n.saturating_sub(1));
        Ok(())
    }

    /// Items of the cursor day, or of its week.
    pub fn agenda(&self) -> Vec<&CalItem> {
        let (from, to) = self.agenda_range();
        self.calendar
            .items
            .iter()
            .filter(|i| i.date >= from && i.date <= to)
            .collect()
    }

    /// Switches the agenda between the cursor's day and its week.
    pub(super) fn toggle_week_agenda(&mut self) {
        self.calendar.week_agenda = !self.calendar.week_agenda;
        self.calendar.agenda_cursor = 0;
        if let Err(e) = self.load_agenda() {
            self.error(e);
        }
    }

    /// How many open deadlines of each kind fall on `day` (a day of the cursor's month grid).
    pub fn counts_on(&self, day: NaiveDate) -> &[(DueKind, usize)] {
        self.calendar.counts.get(&day).map_or(&[], Vec::as_slice)
    }

    /// Moves the cursor; a move to another month loads its marks, a move off the agenda's days its agenda.
    pub fn calendar_goto(&mut self, day: NaiveDate) {
        let old = self.calendar.cursor;
        self.calendar.cursor = day;
        self.calendar.agenda_cursor = 0;
        let r = if (old.year(), old.month()) != (day.year(), day.month()) {
            self.load_calendar()
        } else if self.agenda_range() != self.calendar.range {
            self.load_agenda()
        } else {
            Ok(())
        };
        if let Err(e) = r {
            self.error(e);
        }
    }

    pub(super) fn calendar_days(&mut self, n: i64) {
        let d = crate::domain::deadline::add_days(self.calendar.cursor, n);
        self.calendar_goto(d);
    }

    pub(super) fn calendar_months(&mut self, n: i32) {
        let d = shift_months(self.calendar.cursor, n);
        self.calendar_goto(d);
    }

    pub(super) fn agenda_move(&mut self, delta: i64) {
        let n = self.agenda().len() as i64;
        let c = &mut self.calendar.agenda_cursor;
        *c = (*c as i64 + delta).clamp(0, (n - 1).max(0)) as usize;
    }

    /// Enter on the agenda: the item's detail, from where the one-key actions work as usual.
    pub(super) fn calendar_open(&mut self) {
        let Some(target) = self
            .agenda()
            .get(self.calendar.agenda_cursor)
            .map(|i| i.target)
        else {
            return;
        };
        match target {
            Target::Suggestion(id) => self.open_suggestion(id),
            Target::Activity(id) => match self.store.get::<crate::domain::Activity>(id) {
                Ok(a) => self.open_form(Purpose::EditActivity(Box::new(a))),
                Err(e) => self.error(e),
            },
            Target::Plan(_) => {}
        }
    }

    /// Opens the date picker on the focused date field of the form on top.
    pub(super) fn open_date_picker(&mut self) -> bool {
        let Some(Modal::Form { form, .. }) = self.modals.last() else {
            return false;
        };
        let Some(field) = form.focused() else {
            return false;
        };
        if !matches!(field.kind, super::form::FieldKind::Date) {
            return false;
        }
        let date = form.get_date(field.key).unwrap_or(self.today());
        let key = field.key;
        self.modals
            .push(Modal::DatePicker(DatePicker { date, field: key }));
        true
    }
}
