//! The TUI's state machine: what is on screen and what each key does. No terminal, no files, no clock here:
//! tests drive it with key events and read its state.
//!
//! This file holds `App`, routing (which contexts are active, where a key goes) and the action dispatcher.
//! The rooms: `window` (paging windows), `list` (the one list mechanism), `today` (the Today model),
//! `cases`, `suggestions`, `units`, `calendar` (the panes), `modal` (the modal stack), `filter` (the `/`
//! box), `form`/`forms` (forms and their purposes), `keymap` (keys as data), `data` (palette, undo,
//! history). The app may import `domain`, `store` and `i18n`; nothing below it imports the app.

pub mod calendar;
mod cases;
pub mod data;
pub mod filter;
pub mod form;
pub mod forms;
pub mod history_text;
pub mod ics;
pub mod input;
pub mod keymap;
pub mod list;
pub mod measure_walk;
pub mod modal;
mod pane;
pub mod stats;
mod stopping;
mod suggestions;
pub mod today;
pub mod units;
pub mod view;
pub mod window;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::domain::{Case, Suggestion};
use crate::i18n::{K, Lang};
use crate::store::daily::DailyCheck;
use crate::store::lists::{CaseQuery, SuggestionQuery};
use crate::store::{Store, StoreError};
pub use filter::FilterBox;
use forms::Purpose;
use input::Input;
use keymap::{Action, Ctx, Keymap};
pub use list::{List, ListQuery};
pub use modal::{Confirm, Confirmed, Detail, Modal};
pub use pane::Pane;
pub use today::{Section, TodayLine};
pub use window::{Window, clamp_offset};

/// Screen rows that are not list rows: pane bar, table header, filter line, message line, status line.
pub const CHROME_ROWS: u16 = 5;
/// Rows loaded per Today section; the header shows the full count (a national archive has thousands).
pub const TODAY_ROWS: usize = 200;
/// Below this the app shows "enlarge the terminal" instead of a squeezed screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Done: shown with ✓.
    Info,
    /// Done, but something needs a look: shown with `!`.
    Warn,
    /// Refused or failed, nothing changed: shown with ✗ (never with a success tick).
    Error,
}

pub struct App {
    store: Store,
    pub lang: Lang,
    pub pane: Pane,
    pub check: DailyCheck,
    pub today_cursor: usize,
    /// Whether a key is waiting (set by the terminal loop): a filter query stops for it.
    pub input_waiting: Option<fn() -> bool>,
    /// The filter text changed and the list has not been read for it yet.
    pub filter_pending: bool,
    /// Whether Today holds up to `TODAY_ROWS` rows a section, or only the first screen's worth.
    today_full: bool,
    pub today_offset: usize,
    pub cases: List<CaseQuery>,
    pub suggestions: List<SuggestionQuery>,
    pub units_pane: units::UnitsPane,
    pub calendar: calendar::CalendarPane,
    pub stats: stats::StatsPane,
    pub modals: Vec<Modal>,
    pub message: Option<(Tone, String)>,
    pub quit: bool,
    /// Rows a list shows at the current terminal size.
    pub page: usize,
    pub size: (u16, u16),
    /// No records at all: Today shows a welcome instead of empty sections.
    pub office_empty: bool,
    /// Panes whose lists are loaded since the last reload.
    loaded: Vec<Pane>,
    /// The bindings in force: every key goes through it.
    keymap: Keymap,
    /// What lists leave off the front of unit names (the office's own county); details show names whole.
    pub county_prefix: String,
    /// The store's `data_version` when what is on screen was read: a different value means another
    /// connection wrote since.
    seen_version: Option<i64>,
    /// The time stamped into exports: the terminal injects the wall clock; without one (tests), the Unix epoch, so files are reproducible.
    clock: fn() -> chrono::DateTime<chrono::FixedOffset>,
    /// A reply or visit form was submitted for a suggestion with measures: walk them before writing.
    pub(super) walk_next: Option<(measure_walk::Walk, Option<crate::domain::FollowUp>)>,
    /// The office's particulars for documents (`[documents]` in config.toml).
    pub docs: crate::docs::Setup,
}

impl App {
    pub fn new(store: Store, lang: Lang) -> App {
        let today = store.today();
        App {
            check: DailyCheck::empty(today),
            store,
            lang,
            pane: Pane::Today,
            today_cursor: 0,
            input_waiting: None,
            filter_pending: false,
            today_full: false,
            today_offset: 0,
            cases: List::new(CaseQuery {
                desc: true,
                ..CaseQuery::default()
            }),
            suggestions: List::new(SuggestionQuery {
                desc: true,
                ..SuggestionQuery::default()
            }),
            units_pane: units::UnitsPane::default(),
            calendar: calendar::CalendarPane::new(today),
            stats: stats::StatsPane::default(),
            modals: vec![],
            message: None,
            quit: false,
            page: 20,
            size: (100, 30),
            office_empty: false,
            loaded: Vec::new(),
            keymap: Keymap::default(),
            seen_version: None,
            county_prefix: String::new(),
            clock: || chrono::DateTime::UNIX_EPOCH.fixed_offset(),
            walk_next: None,
            docs: crate::docs::Setup::default().organ_or_blank(),
        }
    }

    /// Gives the app a clock for the time stamps of what it exports (the app reads no clock itself).
    pub fn set_clock(&mut self, clock: fn() -> chrono::DateTime<chrono::FixedOffset>) {
        self.clock = clock;
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Puts a keymap in force (the defaults with a config file's overrides).
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    pub fn today(&self) -> NaiveDate {
        self.store.today()
    }

    /// The store's file, for a caller that opens its own connection (tests compare the app with the store).
    pub fn store_path(&self) -> &std::path::Path {
        self.store.path()
    }

    pub fn t(&self, k: K) -> &'static str {
        self.lang.t(k)
    }

    /// Loads everything on screen. Errors go to the message line; the app keeps running.
    pub fn reload(&mut self) {
        if let Err(e) = self.try_reload() {
            self.error(e);
        }
    }

    fn try_reload(&mut self) -> Result<(), StoreError> {
        let cap = if self.today_full {
            TODAY_ROWS
        } else {
            self.page.clamp(1, TODAY_ROWS)
        };
        self.seen_version = Some(self.store.data_version()?);
        self.check = self.store.daily_check_capped(None, Some(cap))?;
        self.office_empty = self.store.is_empty()?;
        let n = self.today_item_count();
        self.today_cursor = self.today_cursor.min(n.saturating_sub(1));
        self.loaded.clear();
        self.load_pane()?;
        self.reload_detail()?;
        Ok(())
    }

    /// Loads the lists of the pane on screen, once after each reload: the other panes load when they are
    /// shown, so starting on Today asks the store for the daily check only.
    fn load_pane(&mut self) -> Result<(), StoreError> {
        if self.loaded.contains(&self.pane) {
            return Ok(());
        }
        match self.pane {
            Pane::Today => {}
            Pane::Cases => self.cases.load(&self.store, self.lang, self.page)?,
            Pane::Suggestions => self.suggestions.load(&self.store, self.lang, self.page)?,
            Pane::Calendar => self.load_calendar()?,
            Pane::Stats => self.load_stats()?,
            Pane::Units => {
                self.load_units()?;
                self.load_activities()?;
            }
        }
        self.loaded.push(self.pane);
        Ok(())
    }

    /// Makes sure the pane on screen has its data (after the pane was set directly, as tests and the
    /// snapshot command do).
    pub fn ensure_loaded(&mut self) {
        if let Err(e) = self.load_pane() {
            self.error(e);
        }
    }

    /// The terminal changed size: lists show a different number of rows.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let page = usize::from(height.saturating_sub(CHROME_ROWS)).max(1);
        if page != self.page {
            self.page = page;
            self.loaded.clear();
            self.ensure_loaded();
        }
    }

    /// A unit name as lists show it: without the office's own county prefix.
    pub fn unit_in_list<'a>(&self, name: &'a str) -> &'a str {
        crate::text::without_prefix(name, &self.county_prefix)
    }

    /// Reloads what is on screen when another connection (a second window, a CLI import) wrote to the store
    /// since it was read. Called on each key; one pragma, no query.
    pub fn notice_changes(&mut self) {
        let Some(seen) = self.seen_version else {
            return;
        };
        match self.store.data_version() {
            Ok(v) if v != seen => {
                self.reload();
                if self.message.is_none() {
                    self.warn(self.t(K::MsgReloadedOutside).to_string());
                }
            }
            Ok(_) => {}
            Err(e) => self.error(e),
        }
    }

    /// Sizes the app for a `width`×`height` screen and loads the pane on screen, so a frame can be drawn from
    /// `&App` alone.
    pub fn sized(&mut self, width: u16, height: u16) -> &App {
        self.resize(width, height);
        self.ensure_loaded();
        self
    }

    /// The date changed (midnight passed): everything that depends on today is recomputed.
    pub fn set_today(&mut self, today: NaiveDate) {
        if today != self.store.today() {
            self.store.set_today(today);
            self.reload();
        }
    }

    pub fn info(&mut self, text: String) {
        self.message = Some((Tone::Info, text));
    }

    pub fn warn(&mut self, text: String) {
        self.message = Some((Tone::Warn, text));
    }

    /// A key or request that could not act: the message says why, in the refusal style.
    pub fn refuse(&mut self, text: String) {
        self.message = Some((Tone::Error, text));
    }

    /// Why `action` cannot act where the cursor is (the hint line leaves it out; the key says this).
    pub fn why_not(&self, action: Action) -> String {
        let k = match action {
            Action::Act(_) if self.selected_case().is_some() => K::WhyCaseRow,
            Action::Act(_) => K::WhyNeedsSuggestion,
            Action::DraftFromCase | Action::AddActivity => K::WhyNeedsCase,
            Action::Open
                if matches!(
                    self.modals.last(),
                    Some(Modal::Detail {
                        detail: Detail::Case(_),
                        ..
                    })
                ) =>
            {
                K::WhyCaseHasNoSuggestions
            }
            Action::AgendaOpen => K::WhyDayEmpty,
            Action::SortNext | Action::SortReverse => K::WhyNoSort,
            Action::FocusUnits | Action::FocusActivities => K::WhyAlreadyThere,
            _ => K::NoRecordSelected,
        };
        let draft = self
            .keymap
            .binding(&[Ctx::Cases], Action::DraftFromCase)
            .and_then(|b| b.keys.first())
            .map(|k| keymap::key_label(*k))
            .unwrap_or_default();
        self.lang.f(k, &[&draft])
    }

    pub fn error(&mut self, e: StoreError) {
        self.message = Some((Tone::Error, e.message(self.lang)));
    }

    /// Whether `action` can do something with what is on screen and selected: the hint line offers only
    /// those.
    pub fn can_act(&self, action: Action) -> bool {
        let selected = || match self.pane {
            Pane::Today => self.today_selected().is_some(),
            Pane::Cases => self.cases.selected().is_some(),
            Pane::Suggestions => self.suggestions.selected().is_some(),
            Pane::Units => self.selected_unit().is_some() || self.selected_activity().is_some(),
            Pane::Calendar => !self.agenda().is_empty(),
            Pane::Stats => self.stats.selected().is_some(),
        };
        match action {
            Action::Act(_) => self.selected_suggestion().is_some(),
            Action::DraftFromCase | Action::AddActivity => self.selected_case().is_some(),
            Action::Open => match self.modals.last() {
                Some(Modal::Detail {
                    detail: Detail::Case(d),
                    ..
                }) => !d.suggestions.is_empty(),
                Some(_) => false,
                None => selected(),
            },
            Action::Edit | Action::Delete => self.modals.last().is_some() || selected(),
            Action::AgendaOpen => !self.agenda().is_empty(),
            Action::SortNext | Action::SortReverse => {
                matches!(self.pane, Pane::Cases | Pane::Suggestions)
            }
            Action::FocusUnits => self.units_pane.focus == units::UnitsFocus::Activities,
            Action::FocusActivities => self.units_pane.focus == units::UnitsFocus::Units,
            Action::History => self.history_target().is_some(),
            Action::WriteDocument => matches!(
                self.modals.last(),
                Some(Modal::Detail {
                    detail: Detail::Suggestion(_) | Detail::Case(_),
                    ..
                })
            ),
            _ => true,
        }
    }

    /// Contexts whose bindings apply now, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        match self.modals.last() {
            Some(Modal::Detail {
                detail: Detail::Suggestion(_),
                ..
            }) => {
                vec![Ctx::Detail, Ctx::OnSuggestion, Ctx::Move, Ctx::Global]
            }
            Some(Modal::Detail {
                detail: Detail::Case(_),
                ..
            }) => vec![Ctx::Detail, Ctx::Cases, Ctx::Move, Ctx::Global],
            Some(Modal::Detail {
                detail: Detail::Unit(_),
                ..
            }) => vec![Ctx::Detail, Ctx::Move, Ctx::Global],
            Some(Modal::Form { .. }) => vec![Ctx::Form],
            Some(Modal::DatePicker(_)) => vec![Ctx::DatePicker],
            Some(Modal::Confirm(_)) => vec![Ctx::Confirm],
            Some(Modal::Help { .. }) => vec![Ctx::Help],
            Some(Modal::History(_)) => vec![Ctx::History],
            Some(Modal::Palette(_)) => vec![Ctx::Palette],
            Some(Modal::Walk { .. }) => vec![Ctx::Walk],
            None if self.filter_editing() => vec![Ctx::Filter],
            None => match self.pane {
                Pane::Today => {
                    if self.selected_case().is_some() {
                        vec![Ctx::Move, Ctx::Cases, Ctx::Global]
                    } else {
                        vec![Ctx::Move, Ctx::OnSuggestion, Ctx::Global]
                    }
                }
                Pane::Cases => vec![Ctx::Table, Ctx::Cases, Ctx::Move, Ctx::Global],
                Pane::Units => vec![Ctx::Table, Ctx::Units, Ctx::Move, Ctx::Global],
                Pane::Calendar => vec![Ctx::Calendar, Ctx::Global],
                Pane::Stats => vec![Ctx::Stats, Ctx::Move, Ctx::Global],
                Pane::Suggestions => vec![
                    Ctx::Table,
                    Ctx::Suggestions,
                    Ctx::OnSuggestion,
                    Ctx::Move,
                    Ctx::Global,
                ],
            },
        }
    }

    /// Feeds one key to the app.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.notice_changes();
        let action = self.keymap.lookup(&self.contexts(), &key);
        // Where a context types text, a key without a binding is typed.
        match self.modals.last() {
            Some(Modal::Form { .. }) => return self.form_key(action, &key),
            Some(Modal::Palette(_)) if action.is_none() => return self.palette_type(&key),
            Some(Modal::Walk { .. }) if action.is_none() => return self.walk_type(&key),
            None if self.filter_editing() => {
                return match action {
                    Some(a) => self.act(a),
                    None => self.filter_type(&key),
                };
            }
            _ => {}
        }
        let Some(action) = action else {
            return;
        };
        if self.modal_act(action) {
            return;
        }
        // Any other key works on the list as filtered.
        if self.filter_pending {
            self.filter_pending = false;
            self.filter_changed();
        }
        self.message = None;
        if !self.can_act(action) {
            let why = self.why_not(action);
            return self.refuse(why);
        }
        self.act(action);
    }

    pub fn act(&mut self, action: Action) {
        match action {
            Action::QuitNow => {
                if self.modals.is_empty() {
                    self.quit = true;
                }
            }
            Action::FilterDone => {
                if let Some(fb) = self.filter_box() {
                    fb.editing = false;
                }
            }
            Action::FilterClear => {
                if let Some(fb) = self.filter_box() {
                    fb.editing = false;
                    fb.input.set_text("");
                    self.filter_edited();
                }
            }
            // The modals' own actions reach them through `modal_act` and `form_key`.
            Action::ConfirmYes
            | Action::ConfirmNo
            | Action::PickDate
            | Action::RunCommand
            | Action::Save
            | Action::NextField
            | Action::PrevField
            | Action::NextOrSave
            | Action::DatePicker
            | Action::ClearField => {}
            Action::Quit => {
                if self.modals.is_empty() {
                    self.quit = true;
                } else {
                    self.modals.pop();
                }
            }
            Action::Help => self.modals.push(Modal::Help { scroll: 0 }),
            Action::Back => {
                if self.modals.pop().is_none() && self.drilled() {
                    self.switch(Pane::Stats);
                }
            }
            Action::PaneToday => self.switch(Pane::Today),
            Action::PaneCases => self.switch(Pane::Cases),
            Action::PaneSuggestions => self.switch(Pane::Suggestions),
            Action::PaneUnits => self.switch(Pane::Units),
            Action::PaneCalendar => self.switch(Pane::Calendar),
            Action::PaneStats => self.switch(Pane::Stats),
            Action::StatsPrevYear => self.stats_year(-1),
            Action::StatsNextYear => self.stats_year(1),
            Action::Palette => self.modals.push(Modal::Palette(data::Palette {
                query: Input::new("", false),
                cursor: 0,
            })),
            Action::Undo => self.ask_undo(),
            Action::History => self.open_history(),
            Action::WriteDocument => self.write_document(),
            Action::CalLeft => self.calendar_days(-1),
            Action::CalRight => self.calendar_days(1),
            Action::CalUp => self.calendar_days(-7),
            Action::CalDown => self.calendar_days(7),
            Action::CalPrevMonth => self.calendar_months(-1),
            Action::CalNextMonth => self.calendar_months(1),
            Action::CalToday => {
                let t = self.today();
                self.calendar_goto(t);
            }
            Action::CalGoto => self.open_form(Purpose::GotoDate),
            Action::CalWeek => self.toggle_week_agenda(),
            Action::AgendaDown => self.agenda_move(1),
            Action::AgendaUp => self.agenda_move(-1),
            Action::AgendaOpen => self.calendar_open(),
            Action::FocusUnits => self.units_pane.focus = units::UnitsFocus::Units,
            Action::FocusActivities => self.units_pane.focus = units::UnitsFocus::Activities,
            Action::UnitFlag => self.next_unit_flag(),
            Action::AddActivity => self.add_activity_for_case(),
            Action::NextPane | Action::PrevPane => {
                let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
                let n = Pane::ALL.len();
                let j = if action == Action::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.switch(Pane::ALL[j]);
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page as i64)),
            Action::PageDown => self.move_by(self.page as i64),
            Action::Top => self.move_by(i64::MIN / 2),
            Action::Bottom => self.go_bottom(),
            Action::Open => self.open_selected(),
            Action::Filter => {
                if let Some(fb) = self.filter_box() {
                    fb.editing = true;
                }
            }
            Action::SortNext | Action::SortReverse => self.sort(action == Action::SortReverse),
            Action::State(f) => self.set_state_filter(f),
            Action::New => match self.pane {
                Pane::Cases => self.open_form(Purpose::NewCase),
                Pane::Units => self.units_new(),
                _ => self.open_form(Purpose::NewSuggestion { case: None }),
            },
            Action::NewUnit => self.open_form(Purpose::NewUnit),
            Action::Edit => self.edit_selected(),
            Action::Delete => self.delete_selected(),
            Action::Act(a) => self.act_on_suggestion(a),
            Action::DraftFromCase => self.draft_from_case(),
        }
    }

    /// The last row of the list in focus (of a modal: its end).
    fn go_bottom(&mut self) {
        if !self.modals.is_empty() {
            self.move_by(i64::MAX / 2);
            return;
        }
        let (store, lang, page) = (&self.store, self.lang, self.page);
        let r = match self.pane {
            Pane::Cases => self.cases.bottom(store, lang, page),
            Pane::Suggestions => self.suggestions.bottom(store, lang, page),
            Pane::Units => self.units_end(),
            Pane::Today | Pane::Calendar | Pane::Stats => {
                self.move_by(i64::MAX / 2);
                Ok(())
            }
        };
        if let Err(e) = r {
            self.error(e);
        }
    }

    fn switch(&mut self, pane: Pane) {
        self.modals.clear();
        self.clear_drills();
        self.pane = pane;
        self.ensure_loaded();
    }

    fn move_by(&mut self, delta: i64) {
        if let Some(Modal::Detail { scroll, .. }) = self.modals.last_mut() {
            let v = (i64::from(*scroll) + delta.clamp(-10_000, 10_000)).clamp(0, 10_000);
            *scroll = v as u16;
            return;
        }
        let r = match self.pane {
            Pane::Today => {
                self.load_rest_of_today();
                let n = self.today_item_count() as i64;
                self.today_cursor = (self.today_cursor as i64)
                    .saturating_add(delta)
                    .clamp(0, (n - 1).max(0)) as usize;
                Ok(())
            }
            Pane::Cases => self.cases.move_by(&self.store, self.lang, self.page, delta),
            Pane::Suggestions => self
                .suggestions
                .move_by(&self.store, self.lang, self.page, delta),
            Pane::Units => self.units_move(delta),
            Pane::Calendar => Ok(()),
            Pane::Stats => {
                self.stats_move(delta);
                Ok(())
            }
        };
        if let Err(e) = r {
            self.error(e);
        }
    }

    fn sort(&mut self, reverse: bool) {
        let (store, lang, page) = (&self.store, self.lang, self.page);
        let r = match self.pane {
            Pane::Cases => self.cases.sort(store, lang, page, reverse),
            Pane::Suggestions => self.suggestions.sort(store, lang, page, reverse),
            Pane::Today | Pane::Units | Pane::Calendar | Pane::Stats => Ok(()),
        };
        if let Err(e) = r {
            self.error(e);
        }
    }

    fn open_selected(&mut self) {
        if let Some(Modal::Detail {
            detail: Detail::Case(d),
            ..
        }) = self.modals.last()
        {
            // Enter in a case's detail opens its first linked suggestion.
            if let Some(s) = d.suggestions.first() {
                let id = s.suggestion.id;
                self.open_suggestion(id);
            }
            return;
        }
        if !self.modals.is_empty() {
            return;
        }
        if self.pane == Pane::Units {
            self.units_open();
            return;
        }
        if self.pane == Pane::Stats {
            self.stats_open();
            return;
        }
        if let Some(TodayLine::Item(Section::Activities, i)) =
            self.today_selected().filter(|_| self.pane == Pane::Today)
        {
            if let Some(a) = self.check.activities_due.get(i) {
                let a = a.activity.clone();
                self.open_form(Purpose::EditActivity(Box::new(a)));
            }
            return;
        }
        if let Some(id) = self.selected_suggestion() {
            self.open_suggestion(id);
        } else if let Some(id) = self.selected_case() {
            match self.store.case_detail(id) {
                Ok(d) => self.modals.push(Modal::Detail {
                    detail: Detail::Case(Box::new(d)),
                    scroll: 0,
                }),
                Err(e) => self.error(e),
            }
        }
    }

    fn edit_selected(&mut self) {
        if self.pane == Pane::Units
            || matches!(
                self.modals.last(),
                Some(Modal::Detail {
                    detail: Detail::Unit(_),
                    ..
                })
            )
        {
            self.units_edit();
            return;
        }
        if let Some(id) = self.selected_suggestion() {
            match self.store.get::<Suggestion>(id) {
                Ok(s) => self.open_form(Purpose::EditSuggestion(Box::new(s))),
                Err(e) => self.error(e),
            }
        } else if let Some(id) = self.selected_case() {
            match self.store.get::<Case>(id) {
                Ok(c) => self.open_form(Purpose::EditCase(Box::new(c))),
                Err(e) => self.error(e),
            }
        }
    }

    fn delete_selected(&mut self) {
        let target = match self.pane {
            Pane::Units => return self.units_delete(),
            Pane::Suggestions => self.suggestion_delete_target(),
            Pane::Cases => self.case_delete_target(),
            Pane::Today | Pane::Calendar | Pane::Stats => None,
        };
        if let Some((what, id, version, name)) = target {
            let text = self.lang.f(K::ConfirmDelete, &[&self.t(what), &name]);
            self.modals.push(Modal::Confirm(Confirm {
                text,
                then: Confirmed::Delete { what, id, version },
            }));
        }
    }
}
