//! Stable names for contexts, actions and keys: what a config file writes (`[keys.suggestions]
//! record_reply = "R"`) and what `yufang keys` could print. A name, once shipped, does not change.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Act, Action, Ctx, Key};
use crate::store::lists::StateFilter;

impl Ctx {
    pub const ALL: [Ctx; 19] = [
        Ctx::Global,
        Ctx::Move,
        Ctx::Table,
        Ctx::Suggestions,
        Ctx::OnSuggestion,
        Ctx::Cases,
        Ctx::Units,
        Ctx::Calendar,
        Ctx::Stats,
        Ctx::Detail,
        Ctx::Form,
        Ctx::DatePicker,
        Ctx::Confirm,
        Ctx::Help,
        Ctx::History,
        Ctx::Palette,
        Ctx::Filter,
        Ctx::ImportPreview,
        Ctx::Walk,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Ctx::Global => "global",
            Ctx::Move => "move",
            Ctx::Table => "lists",
            Ctx::Suggestions => "suggestions",
            Ctx::OnSuggestion => "on_suggestion",
            Ctx::Cases => "cases",
            Ctx::Units => "units",
            Ctx::Calendar => "calendar",
            Ctx::Stats => "stats",
            Ctx::Detail => "detail",
            Ctx::Form => "form",
            Ctx::DatePicker => "date_picker",
            Ctx::Confirm => "confirm",
            Ctx::Help => "help",
            Ctx::History => "history",
            Ctx::Palette => "palette",
            Ctx::Filter => "filter",
            Ctx::ImportPreview => "import_preview",
            Ctx::Walk => "measure_walk",
        }
    }

    pub fn from_name(s: &str) -> Option<Ctx> {
        Ctx::ALL.iter().copied().find(|c| c.name() == s)
    }
}

impl Act {
    pub const ALL: [Act; 10] = [
        Act::Reply,
        Act::Service,
        Act::Filing,
        Act::Urging,
        Act::FollowUp,
        Act::Objection,
        Act::Escalation,
        Act::Rectification,
        Act::Close,
        Act::Withdraw,
    ];
}

const STATES: [StateFilter; 6] = [
    StateFilter::All,
    StateFilter::Overdue,
    StateFilter::DueSoon,
    StateFilter::Awaiting,
    StateFilter::Replied,
    StateFilter::Closed,
];

impl Action {
    /// Every action a key can be bound to.
    pub fn all() -> Vec<Action> {
        use Action as A;
        let mut v = vec![
            A::Quit,
            A::QuitNow,
            A::Help,
            A::Back,
            A::PaneToday,
            A::PaneCases,
            A::PaneSuggestions,
            A::PaneUnits,
            A::PaneCalendar,
            A::PaneStats,
            A::StatsPrevYear,
            A::StatsNextYear,
            A::Palette,
            A::Undo,
            A::History,
            A::WriteDocument,
            A::CalLeft,
            A::CalRight,
            A::CalUp,
            A::CalDown,
            A::CalPrevMonth,
            A::CalNextMonth,
            A::CalToday,
            A::CalGoto,
            A::CalWeek,
            A::AgendaDown,
            A::AgendaUp,
            A::AgendaOpen,
            A::FocusUnits,
            A::FocusActivities,
            A::UnitFlag,
            A::AddActivity,
            A::NextPane,
            A::PrevPane,
            A::Up,
            A::Down,
            A::Top,
            A::Bottom,
            A::PageUp,
            A::PageDown,
            A::Open,
            A::Filter,
            A::SortNext,
            A::SortReverse,
            A::New,
            A::NewUnit,
            A::Edit,
            A::Delete,
            A::DraftFromCase,
            A::ConfirmYes,
            A::ConfirmNo,
            A::PickDate,
            A::RunCommand,
            A::ImpRemap,
            A::ImpSkip,
            A::ImpRun,
            A::ImpSaveMapping,
            A::Save,
            A::NextField,
            A::PrevField,
            A::NextOrSave,
            A::DatePicker,
            A::ClearField,
            A::FilterDone,
            A::FilterClear,
        ];
        v.extend(STATES.iter().map(|f| A::State(*f)));
        v.extend(Act::ALL.iter().map(|a| A::Act(*a)));
        v
    }

    /// The action's stable snake_case name.
    pub fn name(self) -> &'static str {
        use Action as A;
        match self {
            A::Quit => "quit",
            A::QuitNow => "quit_now",
            A::Help => "help",
            A::Back => "back",
            A::PaneToday => "pane_today",
            A::PaneCases => "pane_cases",
            A::PaneSuggestions => "pane_suggestions",
            A::PaneUnits => "pane_units",
            A::PaneCalendar => "pane_calendar",
            A::PaneStats => "pane_stats",
            A::StatsPrevYear => "year_before",
            A::StatsNextYear => "year_after",
            A::Palette => "palette",
            A::Undo => "undo",
            A::History => "history",
            A::WriteDocument => "write_document",
            A::CalLeft => "day_before",
            A::CalRight => "day_after",
            A::CalUp => "week_before",
            A::CalDown => "week_after",
            A::CalPrevMonth => "month_before",
            A::CalNextMonth => "month_after",
            A::CalToday => "go_today",
            A::CalGoto => "go_to_date",
            A::CalWeek => "agenda_day_week",
            A::AgendaDown => "agenda_down",
            A::AgendaUp => "agenda_up",
            A::AgendaOpen => "agenda_open",
            A::FocusUnits => "focus_units",
            A::FocusActivities => "focus_activities",
            A::UnitFlag => "unit_flag",
            A::AddActivity => "add_activity",
            A::NextPane => "next_pane",
            A::PrevPane => "prev_pane",
            A::Up => "up",
            A::Down => "down",
            A::Top => "top",
            A::Bottom => "bottom",
            A::PageUp => "page_up",
            A::PageDown => "page_down",
            A::Open => "open",
            A::Filter => "filter",
            A::SortNext => "sort_next",
            A::SortReverse => "sort_reverse",
            A::New => "new",
            A::NewUnit => "new_unit",
            A::Edit => "edit",
            A::Delete => "delete",
            A::DraftFromCase => "draft_from_case",
            A::ConfirmYes => "confirm_yes",
            A::ConfirmNo => "confirm_no",
            A::PickDate => "pick_date",
            A::RunCommand => "run_command",
            A::ImpRemap => "import_remap",
            A::ImpSkip => "import_skip",
            A::ImpRun => "import_run",
            A::ImpSaveMapping => "import_save_mapping",
            A::Save => "save",
            A::NextField => "next_field",
            A::PrevField => "prev_field",
            A::NextOrSave => "next_or_save",
            A::DatePicker => "date_picker",
            A::ClearField => "clear_field",
            A::FilterDone => "filter_done",
            A::FilterClear => "filter_clear",
            A::State(f) => match f {
                StateFilter::All => "show_all",
                StateFilter::Overdue => "show_overdue",
                StateFilter::DueSoon => "show_due_soon",
                StateFilter::Awaiting => "show_awaiting",
                StateFilter::Replied => "show_replied",
                StateFilter::Closed => "show_closed",
                StateFilter::Draft => "show_drafts",
                StateFilter::Withdrawn => "show_withdrawn",
            },
            A::Act(a) => match a {
                Act::Reply => "record_reply",
                Act::Service => "record_service",
                Act::Filing => "record_filing",
                Act::Urging => "add_urging",
                Act::FollowUp => "add_follow_up",
                Act::Objection => "record_objection",
                Act::Escalation => "record_escalation",
                Act::Rectification => "record_rectification",
                Act::Close => "close_suggestion",
                Act::Withdraw => "withdraw_suggestion",
            },
        }
    }

    pub fn from_name(s: &str) -> Option<Action> {
        Action::all().into_iter().find(|a| a.name() == s)
    }
}

/// Reads a key as `key_label` writes it: `q`, `Ctrl-S`, `F4`, `Enter`, `Shift-Tab`, `PgDn`, `↑` or `Up`.
pub fn parse_key(s: &str) -> Option<Key> {
    let (mods, base) = match s.strip_prefix("Ctrl-") {
        Some(rest) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
        _ => (KeyModifiers::NONE, s),
    };
    let code = match base {
        "Space" => KeyCode::Char(' '),
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Shift-Tab" => return Some((KeyCode::BackTab, KeyModifiers::SHIFT)),
        "↑" | "Up" => KeyCode::Up,
        "↓" | "Down" => KeyCode::Down,
        "←" | "Left" => KeyCode::Left,
        "→" | "Right" => KeyCode::Right,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "PgUp" => KeyCode::PageUp,
        "PgDn" => KeyCode::PageDown,
        "Del" => KeyCode::Delete,
        "Backspace" => KeyCode::Backspace,
        f if f.len() > 1 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok()?),
        ch => {
            let mut it = ch.chars();
            let c = it.next()?;
            if it.next().is_some() {
                return None;
            }
            // A control letter is one key whichever case is written.
            let c = if mods == KeyModifiers::CONTROL {
                c.to_ascii_lowercase()
            } else {
                c
            };
            KeyCode::Char(c)
        }
    };
    Some((code, mods))
}

/// Reads a key as a config file spells it: `R`, `ctrl-s`, `f4`, `enter`, `space`, `shift-tab`, `pgdn`; names
/// and modifiers in any case, a single character as written (so `R` and `r` differ). The labels
/// `key_label` prints (`Ctrl-S`, `↑`) read too.
pub fn parse_key_spec(s: &str) -> Option<Key> {
    let s = s.trim();
    if s.chars().count() == 1 {
        return s
            .chars()
            .next()
            .map(|c| (KeyCode::Char(c), KeyModifiers::NONE));
    }
    let lower = s.to_ascii_lowercase();
    let (mut mods, mut rest) = (KeyModifiers::NONE, lower.as_str());
    let mut orig = s;
    loop {
        let next = [
            ("ctrl-", KeyModifiers::CONTROL),
            ("alt-", KeyModifiers::ALT),
        ]
        .iter()
        .find_map(|(p, m)| rest.strip_prefix(p).map(|r| (r, *m, p.len())));
        match next {
            Some((r, m, n)) if !r.is_empty() => {
                mods |= m;
                rest = r;
                orig = &orig[n..];
            }
            _ => break,
        }
    }
    let code = match rest {
        "space" => KeyCode::Char(' '),
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => return Some((KeyCode::BackTab, mods | KeyModifiers::SHIFT)),
        "up" | "↑" => KeyCode::Up,
        "down" | "↓" => KeyCode::Down,
        "left" | "←" => KeyCode::Left,
        "right" | "→" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "del" | "delete" => KeyCode::Delete,
        "backspace" => KeyCode::Backspace,
        "insert" | "ins" => KeyCode::Insert,
        f if f.len() > 1 && f.starts_with('f') && f[1..].chars().all(|c| c.is_ascii_digit()) => {
            match f[1..].parse::<u8>().ok()? {
                n @ 1..=24 => KeyCode::F(n),
                _ => return None,
            }
        }
        _ => {
            let mut it = orig.chars();
            let c = it.next()?;
            if it.next().is_some() {
                return None;
            }
            // A control letter is one key whichever case is written.
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
    };
    Some((code, mods))
}
