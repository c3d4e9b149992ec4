//! The TUI's state machine: what is on screen and what each key does. No terminal here: tests drive it with
//! key events and read its state.

pub mod calendar;
pub mod data;
pub mod form;
pub mod forms;
pub mod input;
pub mod keymap;
pub mod measure_walk;
pub mod units;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::domain::{Case, Suggestion, Unit};
use crate::i18n::{K, Lang};
use crate::store::daily::DailyCheck;
use crate::store::lists::{
    CaseDetail, CaseQuery, CaseRow, CaseSort, Page, Seek, SortKey, SuggestionDetail,
    SuggestionQuery, SuggestionRow, SuggestionSort,
};
use crate::store::{Store, StoreError};
use form::{Form, FormOutcome};
use forms::Purpose;
use input::Input;
use keymap::{Action, Ctx};

/// Screen rows that are not list rows: pane bar, table header, filter line, message line, status line.
pub const CHROME_ROWS: u16 = 5;
/// Rows loaded per Today section; the header shows the full count (a national archive has thousands).
pub const TODAY_ROWS: usize = 200;
/// Below this the app shows "enlarge the terminal" instead of a squeezed screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Today,
    Cases,
    Suggestions,
    Calendar,
    Units,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Today,
        Pane::Cases,
        Pane::Suggestions,
        Pane::Calendar,
        Pane::Units,
    ];
    pub fn title(self) -> K {
        match self {
            Pane::Today => K::PaneToday,
            Pane::Cases => K::PaneCases,
            Pane::Suggestions => K::PaneSuggestions,
            Pane::Calendar => K::PaneCalendar,
            Pane::Units => K::PaneUnits,
        }
    }
    /// The digit that switches to the pane (also shown in the pane bar).
    pub fn key(self) -> char {
        match self {
            Pane::Today => '1',
            Pane::Cases => '2',
            Pane::Suggestions => '3',
            Pane::Calendar => '4',
            Pane::Units => '5',
        }
    }
    pub fn parse(s: &str) -> Option<Pane> {
        match s {
            "today" => Some(Pane::Today),
            "cases" => Some(Pane::Cases),
            "suggestions" => Some(Pane::Suggestions),
            "calendar" => Some(Pane::Calendar),
            "units" => Some(Pane::Units),
            _ => None,
        }
    }
}

/// Shows the list's last page (`Seek::End`) with the cursor on its last row.
fn last_page<R>(
    w: &mut Window<R>,
    rows: impl Fn(Seek<'_>) -> Result<Page<R>, StoreError>,
) -> Result<(), StoreError> {
    let p = rows(Seek::End)?;
    w.cursor = w.total.saturating_sub(1);
    w.offset = w.total.saturating_sub(p.rows.len());
    w.put(p);
    Ok(())
}

/// Loads the window of a list after its query or the terminal size changed, or after a reload. The rows
/// on screen are read again from the key of the first of them, so a deep position costs no OFFSET.
pub(crate) fn load_window<R>(
    w: &mut Window<R>,
    page: usize,
    total: usize,
    rows: impl Fn(Seek<'_>) -> Result<Page<R>, StoreError>,
) -> Result<(), StoreError> {
    w.total = total;
    w.cursor = w.cursor.min(total.saturating_sub(1));
    let off = clamp_offset(w.offset, w.cursor, page, total);
    w.fetch(off, page, rows)
}

/// Moves a list's cursor, fetching a new window only when the cursor leaves the one on screen.
pub(crate) fn move_window<R>(
    w: &mut Window<R>,
    page: usize,
    delta: i64,
    rows: impl Fn(Seek<'_>) -> Result<Page<R>, StoreError>,
) -> Result<(), StoreError> {
    if w.total == 0 {
        w.cursor = 0;
        return Ok(());
    }
    w.cursor = (w.cursor as i64)
        .saturating_add(delta)
        .clamp(0, w.total as i64 - 1) as usize;
    let off = clamp_offset(w.offset, w.cursor, page, w.total);
    if off != w.offset || w.rows.is_empty() {
        w.fetch(off, page, rows)?;
    }
    Ok(())
}

/// A window onto a long list: the rows on screen, the total, the cursor (absolute index) and the first row
/// shown. Only the window is ever loaded.
#[derive(Clone, Debug)]
pub struct Window<R> {
    pub rows: Vec<R>,
    /// The sort key of each row on screen, where the next window up or down is sought from.
    keys: Vec<SortKey>,
    pub total: usize,
    pub cursor: usize,
    pub offset: usize,
}

impl<R> Default for Window<R> {
    fn default() -> Self {
        Window {
            rows: Vec::new(),
            keys: Vec::new(),
            total: 0,
            cursor: 0,
            offset: 0,
        }
    }
}

impl<R> Window<R> {
    pub fn selected(&self) -> Option<&R> {
        self.rows.get(self.cursor.checked_sub(self.offset)?)
    }

    fn put(&mut self, p: Page<R>) {
        self.rows = p.rows;
        self.keys = p.keys;
    }

    /// How to read the window that starts at row `off`: from the key of a row on screen when the new window
    /// touches or overlaps this one, so the cost does not grow with the depth; by OFFSET only at the top or
    /// after a far jump.
    fn seek_for(&self, off: usize, page: usize) -> Seek<'_> {
        let (start, n) = (self.offset, self.keys.len());
        let end = off + page;
        if off == 0 || n != self.rows.len() {
            Seek::Offset(off)
        } else if start < off && off <= start + n {
            Seek::After {
                key: &self.keys[off - 1 - start],
                inclusive: false,
                offset: off,
            }
        } else if off == start && n > 0 {
            Seek::After {
                key: &self.keys[0],
                inclusive: true,
                offset: off,
            }
        } else if off < start && start <= end && end < start + n {
            Seek::Before {
                key: &self.keys[end - start],
                offset: off,
            }
        } else if end >= self.total {
            Seek::End
        } else {
            Seek::Offset(off)
        }
    }

    /// Puts the window that starts at row `off` on screen. A key seek that does not bring the rows the count
    /// promises (the list changed since the keys were read) is read again by OFFSET, so the window always
    /// shows the rows its numbers say.
    fn fetch(
        &mut self,
        off: usize,
        page: usize,
        rows: impl Fn(Seek<'_>) -> Result<Page<R>, StoreError>,
    ) -> Result<(), StoreError> {
        let want = page.min(self.total.saturating_sub(off));
        let seek = self.seek_for(off, page);
        let by_offset = matches!(seek, Seek::Offset(_));
        let mut p = rows(seek)?;
        if p.rows.len() != want && !by_offset {
            p = rows(Seek::Offset(off))?;
        }
        self.offset = off;
        self.put(p);
        Ok(())
    }
}

/// The sections of the Today view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Overdue,
    DueSoon,
    Filing,
    Visits,
    Investigations,
    Activities,
    Gaps,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Overdue,
        Section::DueSoon,
        Section::Filing,
        Section::Visits,
        Section::Investigations,
        Section::Activities,
        Section::Gaps,
    ];
}

/// A line of the Today view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TodayLine {
    Header(Section),
    Item(Section, usize),
    Empty(Section),
    /// The section has more rows than are loaded.
    More(Section),
}

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

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

pub struct App {
    pub store: Store,
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
    pub cases: Window<CaseRow>,
    pub case_query: CaseQuery,
    pub case_filter: FilterBox,
    pub suggestions: Window<SuggestionRow>,
    pub suggestion_query: SuggestionQuery,
    pub suggestion_filter: FilterBox,
    pub units_pane: units::UnitsPane,
    pub calendar: calendar::CalendarPane,
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
            cases: Window::default(),
            case_query: CaseQuery {
                desc: true,
                ..CaseQuery::default()
            },
            case_filter: FilterBox::default(),
            suggestions: Window::default(),
            suggestion_query: SuggestionQuery {
                desc: true,
                ..SuggestionQuery::default()
            },
            suggestion_filter: FilterBox::default(),
            units_pane: units::UnitsPane::default(),
            calendar: calendar::CalendarPane::new(today),
            modals: vec![],
            message: None,
            quit: false,
            page: 20,
            size: (100, 30),
            office_empty: false,
            loaded: Vec::new(),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.store.today()
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
            Pane::Cases => self.load_cases()?,
            Pane::Suggestions => self.load_suggestions()?,
            Pane::Calendar => self.load_calendar()?,
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

    fn load_cases(&mut self) -> Result<(), StoreError> {
        let total = self.store.case_count(&self.case_query, self.lang)?;
        let (store, q, lang, page) = (&self.store, &self.case_query, self.lang, self.page);
        load_window(&mut self.cases, page, total, |seek| {
            store.case_page(q, lang, seek, page)
        })
    }

    fn load_suggestions(&mut self) -> Result<(), StoreError> {
        let total = self
            .store
            .suggestion_count(&self.suggestion_query, self.lang)?;
        let (store, q, lang, page) = (&self.store, &self.suggestion_query, self.lang, self.page);
        load_window(&mut self.suggestions, page, total, |seek| {
            store.suggestion_page(q, lang, seek, page)
        })
    }

    fn reload_detail(&mut self) -> Result<(), StoreError> {
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

    pub fn error(&mut self, e: StoreError) {
        self.message = Some((Tone::Error, e.message(self.lang)));
    }

    pub fn today_lines(&self) -> Vec<TodayLine> {
        let mut out = Vec::new();
        for s in Section::ALL {
            out.push(TodayLine::Header(s));
            let n = self.section_len(s);
            if n == 0 {
                out.push(TodayLine::Empty(s));
            }
            for i in 0..n {
                out.push(TodayLine::Item(s, i));
            }
            if self.section_total(s) > n {
                out.push(TodayLine::More(s));
            }
        }
        out
    }

    /// How many rows a section has in all (more than are loaded when it is long).
    pub fn section_total(&self, s: Section) -> usize {
        let t = &self.check.totals;
        match s {
            Section::Overdue => t.overdue_replies,
            Section::DueSoon => t.due_soon,
            Section::Filing => t.filing_overdue,
            Section::Visits => t.visits_due,
            Section::Investigations => t.investigations_due,
            Section::Activities => t.activities_due,
            Section::Gaps => t.case_gaps,
        }
    }

    pub fn section_len(&self, s: Section) -> usize {
        let c = &self.check;
        match s {
            Section::Overdue => c.overdue_replies.len(),
            Section::DueSoon => c.due_soon.len(),
            Section::Filing => c.filing_overdue.len(),
            Section::Visits => c.visits_due.len(),
            Section::Investigations => c.investigations_due.len(),
            Section::Activities => c.activities_due.len(),
            Section::Gaps => c.case_gaps.len(),
        }
    }

    /// How many selectable rows (items) Today has loaded.
    fn today_item_count(&self) -> usize {
        Section::ALL.iter().map(|s| self.section_len(*s)).sum()
    }

    /// The item at a cursor position: the sections' items follow one another.
    fn today_item_at(&self, mut cursor: usize) -> Option<TodayLine> {
        for s in Section::ALL {
            let n = self.section_len(s);
            if cursor < n {
                return Some(TodayLine::Item(s, cursor));
            }
            cursor -= n;
        }
        None
    }

    pub fn today_selected(&self) -> Option<TodayLine> {
        self.today_item_at(self.today_cursor)
    }

    /// Today starts with the rows a screen can show, so the first frame of a national archive waits for
    /// no more than that; the rest (up to `TODAY_ROWS` a section) comes before the cursor first moves,
    /// or when the terminal is idle right after the first frame. Returns whether more rows were loaded.
    pub fn load_rest_of_today(&mut self) -> bool {
        if self.today_full {
            return false;
        }
        self.today_full = true;
        if Section::ALL
            .iter()
            .all(|s| self.section_total(*s) == self.section_len(*s))
        {
            return false;
        }
        let selected = self.today_selected();
        match self.store.daily_check_capped(None, Some(TODAY_ROWS)) {
            Ok(check) => self.check = check,
            Err(e) => {
                self.error(e);
                return false;
            }
        }
        // The same row stays selected: rows were added at the ends of the sections, not before it.
        if let Some(TodayLine::Item(sel, i)) = selected {
            let before: usize = Section::ALL
                .iter()
                .take_while(|s| **s != sel)
                .map(|s| self.section_len(*s))
                .sum();
            self.today_cursor = before + i;
        }
        true
    }

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
                TodayLine::Item(s, i) => {
                    let c = &self.check;
                    let list = match s {
                        Section::Overdue => &c.overdue_replies,
                        Section::DueSoon => &c.due_soon,
                        Section::Filing => &c.filing_overdue,
                        Section::Visits => &c.visits_due,
                        Section::Investigations => &c.investigations_due,
                        Section::Gaps | Section::Activities => return None,
                    };
                    list.get(i).map(|x| x.suggestion.id)
                }
                _ => None,
            },
            Pane::Cases | Pane::Units | Pane::Calendar => None,
        }
    }

    fn selected_case(&self) -> Option<i64> {
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
            Pane::Suggestions | Pane::Units | Pane::Calendar => None,
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
            Some(_) => vec![],
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

    fn filter_box(&mut self) -> Option<&mut FilterBox> {
        match self.pane {
            Pane::Cases => Some(&mut self.case_filter),
            Pane::Suggestions => Some(&mut self.suggestion_filter),
            Pane::Units => Some(self.units_filter_box()),
            Pane::Today | Pane::Calendar => None,
        }
    }

    /// Feeds one key to the app.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL)
            && key.code == KeyCode::Char('c')
            && self.modals.is_empty()
        {
            self.quit = true;
            return;
        }
        let picker_key = key.code == KeyCode::F(4)
            || (key.code == KeyCode::Char('d') && key.modifiers.contains(KeyModifiers::CONTROL));
        if picker_key && self.open_date_picker() {
            return;
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
            return;
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
            return;
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
            return;
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
                return;
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
                return;
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
                return;
            }
            _ => {}
        }
        if self.modals.is_empty()
            && let Some(fb) = self.filter_box()
            && fb.editing
        {
            match key.code {
                KeyCode::Enter => fb.editing = false,
                KeyCode::Esc => {
                    fb.editing = false;
                    fb.input.set_text("");
                    self.filter_edited();
                }
                _ => {
                    if fb.input.handle_key(&key) {
                        self.filter_edited();
                    }
                }
            }
            return;
        }
        // Any other key works on the list as filtered.
        if self.filter_pending {
            self.filter_pending = false;
            self.filter_changed();
        }
        let ctxs = self.contexts();
        if let Some(action) = keymap::lookup(&ctxs, &key) {
            self.message = None;
            self.act(action);
        }
    }

    /// The filter text changed. In the terminal the list is read after the screen shows the text, and that
    /// read gives way to the next key ([`App::run_pending`]); without a terminal it is read at once.
    fn filter_edited(&mut self) {
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

    fn filter_changed(&mut self) {
        if let Err(e) = self.try_filter_changed() {
            self.error(e);
        }
    }

    fn try_filter_changed(&mut self) -> Result<(), StoreError> {
        let text = |f: &FilterBox| f.input.text().to_string();
        match self.pane {
            Pane::Cases => {
                self.case_query.filter = text(&self.case_filter);
                self.cases.cursor = 0;
                self.cases.offset = 0;
                self.load_cases()
            }
            Pane::Suggestions => {
                self.suggestion_query.filter = text(&self.suggestion_filter);
                self.suggestions.cursor = 0;
                self.suggestions.offset = 0;
                self.load_suggestions()
            }
            Pane::Units => self.units_filter_changed(),
            Pane::Today | Pane::Calendar => Ok(()),
        }
    }

    pub fn act(&mut self, action: Action) {
        match action {
            Action::Quit => {
                if self.modals.is_empty() {
                    self.quit = true;
                } else {
                    self.modals.pop();
                }
            }
            Action::Help => self.modals.push(Modal::Help { scroll: 0 }),
            Action::Back => {
                self.modals.pop();
            }
            Action::PaneToday => self.switch(Pane::Today),
            Action::PaneCases => self.switch(Pane::Cases),
            Action::PaneSuggestions => self.switch(Pane::Suggestions),
            Action::PaneUnits => self.switch(Pane::Units),
            Action::PaneCalendar => self.switch(Pane::Calendar),
            Action::Palette => self.modals.push(Modal::Palette(data::Palette {
                query: Input::new("", false),
                cursor: 0,
            })),
            Action::Undo => self.ask_undo(),
            Action::History => self.open_history(),
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
            Action::AddActivity => {
                if let Some(case) = self.selected_case() {
                    let unit = self.store.case_unit_id(case).ok().flatten();
                    self.open_form(Purpose::NewActivity {
                        case: Some(case),
                        unit,
                    });
                }
            }
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
            Action::State(f) => {
                self.suggestion_query.state = f;
                self.suggestions.cursor = 0;
                self.suggestions.offset = 0;
                if let Err(e) = self.load_suggestions() {
                    self.error(e);
                }
            }
            Action::New => match self.pane {
                Pane::Cases => self.open_form(Purpose::NewCase),
                Pane::Units => self.units_new(),
                _ => self.open_form(Purpose::NewSuggestion { case: None }),
            },
            Action::NewUnit => self.open_form(Purpose::NewUnit),
            Action::Edit => self.edit_selected(),
            Action::Delete => self.delete_selected(),
            Action::Act(a) => {
                if let Some(id) = self.selected_suggestion() {
                    match self.store.get::<Suggestion>(id) {
                        Ok(s) => self.open_form(Purpose::Act(a, Box::new(s))),
                        Err(e) => self.error(e),
                    }
                }
            }
            Action::DraftFromCase => {
                if let Some(id) = self.selected_case() {
                    self.open_form(Purpose::NewSuggestion { case: Some(id) });
                }
            }
        }
    }

    /// The last row: on the long lists the last page is read as the first page of the reversed order, which
    /// an index serves at once, where an OFFSET would walk the whole list.
    fn go_bottom(&mut self) {
        if !self.modals.is_empty() {
            self.move_by(i64::MAX / 2);
            return;
        }
        let (store, lang, page) = (&self.store, self.lang, self.page);
        let r = match self.pane {
            Pane::Cases => {
                let q = &self.case_query;
                last_page(&mut self.cases, |seek| store.case_page(q, lang, seek, page))
            }
            Pane::Suggestions => {
                let q = &self.suggestion_query;
                last_page(&mut self.suggestions, |seek| {
                    store.suggestion_page(q, lang, seek, page)
                })
            }
            Pane::Units => self.units_end(),
            Pane::Today | Pane::Calendar => {
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
            Pane::Cases => {
                let (store, q, lang, page) = (&self.store, &self.case_query, self.lang, self.page);
                move_window(&mut self.cases, page, delta, |seek| {
                    store.case_page(q, lang, seek, page)
                })
            }
            Pane::Suggestions => {
                let (store, q, lang, page) =
                    (&self.store, &self.suggestion_query, self.lang, self.page);
                move_window(&mut self.suggestions, page, delta, |seek| {
                    store.suggestion_page(q, lang, seek, page)
                })
            }
            Pane::Units => self.units_move(delta),
            Pane::Calendar => Ok(()),
        };
        if let Err(e) = r {
            self.error(e);
        }
    }

    fn sort(&mut self, reverse: bool) {
        let r = match self.pane {
            Pane::Cases => {
                let q = &mut self.case_query;
                if reverse {
                    q.desc = !q.desc;
                } else {
                    let i = CaseSort::ALL.iter().position(|s| *s == q.sort).unwrap_or(0);
                    q.sort = CaseSort::ALL[(i + 1) % CaseSort::ALL.len()];
                }
                self.load_cases()
            }
            Pane::Suggestions => {
                let q = &mut self.suggestion_query;
                if reverse {
                    q.desc = !q.desc;
                } else {
                    let i = SuggestionSort::ALL
                        .iter()
                        .position(|s| *s == q.sort)
                        .unwrap_or(0);
                    q.sort = SuggestionSort::ALL[(i + 1) % SuggestionSort::ALL.len()];
                }
                self.load_suggestions()
            }
            Pane::Today | Pane::Units | Pane::Calendar => Ok(()),
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

    pub fn open_suggestion(&mut self, id: i64) {
        match self.store.suggestion_detail(id) {
            Ok(d) => self.modals.push(Modal::Detail {
                detail: Detail::Suggestion(Box::new(d)),
                scroll: 0,
            }),
            Err(e) => self.error(e),
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
        if self.pane == Pane::Units {
            self.units_delete();
            return;
        }
        let target = match self.pane {
            Pane::Suggestions => self.suggestions.selected().map(|r| {
                let s = &r.suggestion;
                (
                    K::ESuggestion,
                    s.id,
                    s.version,
                    s.doc_no.clone().unwrap_or_else(|| s.title.clone()),
                )
            }),
            Pane::Cases => self
                .cases
                .selected()
                .map(|r| (K::ECase, r.case.id, r.case.version, r.case.case_no.clone())),
            Pane::Today | Pane::Units | Pane::Calendar => None,
        };
        if let Some((what, id, version, name)) = target {
            let text = self.lang.f(K::ConfirmDelete, &[&self.t(what), &name]);
            self.modals.push(Modal::Confirm(Confirm {
                text,
                then: Confirmed::Delete { what, id, version },
            }));
        }
    }

    fn confirmed(&mut self, then: Confirmed) {
        match then {
            Confirmed::DiscardForm => {
                self.modals.pop();
            }
            Confirmed::Undo => self.undo(),
            Confirmed::Delete { what, id, version } => {
                let r = match what {
                    K::ESuggestion => self.store.delete::<Suggestion>(id, version),
                    K::ECase => self.store.delete::<Case>(id, version),
                    K::EActivity => self.store.delete::<crate::domain::Activity>(id, version),
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

    fn open_form(&mut self, purpose: Purpose) {
        match forms::build(self, &purpose) {
            Ok(form) => self.modals.push(Modal::Form {
                form: Box::new(form),
                purpose: Box::new(purpose),
            }),
            Err(e) => self.error(e),
        }
    }

    fn submit_form(&mut self) {
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

/// First row to show so that `cursor` is visible in a window of `page` rows.
pub fn clamp_offset(offset: usize, cursor: usize, page: usize, total: usize) -> usize {
    let page = page.max(1);
    let mut off = offset;
    if cursor < off {
        off = cursor;
    } else if cursor >= off + page {
        off = cursor + 1 - page;
    }
    off.min(total.saturating_sub(page))
}
