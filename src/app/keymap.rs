//! Keys as data: (context, key) -> action, each binding with its help text, so the help overlay and the
//! status-line hints are generated from the same table the app dispatches on.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::{K, Lang};
use crate::store::lists::StateFilter;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    Global,
    /// Any list-like pane or detail view: cursor movement.
    Move,
    /// The case and suggestion tables.
    Table,
    Suggestions,
    /// Acting on the selected suggestion (suggestion list, Today rows, suggestion detail).
    OnSuggestion,
    Cases,
    /// The Units & work pane.
    Units,
    /// The calendar pane (its own movement keys).
    Calendar,
    Detail,
}

/// One-key actions on a suggestion; each opens a small form and writes one transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Reply,
    Service,
    Filing,
    Urging,
    FollowUp,
    Objection,
    Escalation,
    Rectification,
    Close,
    Withdraw,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Back,
    PaneToday,
    PaneCases,
    PaneSuggestions,
    PaneUnits,
    PaneCalendar,
    Palette,
    Undo,
    History,
    CalLeft,
    CalRight,
    CalUp,
    CalDown,
    CalPrevMonth,
    CalNextMonth,
    CalToday,
    CalGoto,
    CalWeek,
    AgendaDown,
    AgendaUp,
    AgendaOpen,
    FocusUnits,
    FocusActivities,
    UnitFlag,
    AddActivity,
    NextPane,
    PrevPane,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Filter,
    SortNext,
    SortReverse,
    New,
    NewUnit,
    Edit,
    Delete,
    State(StateFilter),
    Act(Act),
    DraftFromCase,
}

#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    pub help: K,
}

const N: KeyModifiers = KeyModifiers::NONE;
const SH: KeyModifiers = KeyModifiers::SHIFT;

const fn c(ch: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(ch), N)
}

macro_rules! b {
    ($ctx:ident, [$($k:expr),+], $action:expr, $help:ident) => {
        Binding { ctx: Ctx::$ctx, keys: &[$($k),+], action: $action, help: K::$help }
    };
}

pub static BINDINGS: &[Binding] = &[
    b!(Global, [c('q')], Action::Quit, HkQuit),
    b!(Global, [c('?'), (KeyCode::F(1), N)], Action::Help, HkHelp),
    b!(Global, [(KeyCode::Esc, N)], Action::Back, HkBack),
    b!(Global, [c('1')], Action::PaneToday, HkPaneToday),
    b!(Global, [c('2')], Action::PaneCases, HkPaneCases),
    b!(Global, [c('3')], Action::PaneSuggestions, HkPaneSuggestions),
    b!(Global, [c('4')], Action::PaneCalendar, HkPaneCalendar),
    b!(Global, [c('5')], Action::PaneUnits, HkPaneUnits),
    b!(Global, [(KeyCode::Tab, N)], Action::NextPane, HkNextPane),
    b!(
        Global,
        [(KeyCode::BackTab, SH), (KeyCode::BackTab, N)],
        Action::PrevPane,
        HkPrevPane
    ),
    b!(Global, [c('U')], Action::NewUnit, HkNewUnit),
    b!(Global, [c(':')], Action::Palette, HkPalette),
    b!(
        Global,
        [c('Z'), (KeyCode::Char('z'), KeyModifiers::CONTROL)],
        Action::Undo,
        HkUndo
    ),
    b!(Global, [c('H')], Action::History, HkHistory),
    b!(Move, [c('j'), (KeyCode::Down, N)], Action::Down, HkDown),
    b!(Move, [c('k'), (KeyCode::Up, N)], Action::Up, HkUp),
    b!(Move, [c('g'), (KeyCode::Home, N)], Action::Top, HkTop),
    b!(Move, [c('G'), (KeyCode::End, N)], Action::Bottom, HkBottom),
    b!(
        Move,
        [
            (KeyCode::PageDown, N),
            (KeyCode::Char('f'), KeyModifiers::CONTROL)
        ],
        Action::PageDown,
        HkPageDown
    ),
    b!(
        Move,
        [
            (KeyCode::PageUp, N),
            (KeyCode::Char('b'), KeyModifiers::CONTROL)
        ],
        Action::PageUp,
        HkPageUp
    ),
    b!(Move, [(KeyCode::Enter, N)], Action::Open, HkOpen),
    b!(Table, [c('/')], Action::Filter, HkFilter),
    b!(Table, [c('s')], Action::SortNext, HkSort),
    b!(Table, [c('S')], Action::SortReverse, HkSortReverse),
    b!(Table, [c('n')], Action::New, HkNew),
    b!(Table, [c('e')], Action::Edit, HkEdit),
    b!(
        Table,
        [c('x'), (KeyCode::Delete, N)],
        Action::Delete,
        HkDelete
    ),
    b!(Detail, [c('e')], Action::Edit, HkEdit),
    b!(
        Suggestions,
        [c('A')],
        Action::State(StateFilter::All),
        HkStateAll
    ),
    b!(
        Suggestions,
        [c('O')],
        Action::State(StateFilter::Overdue),
        HkStateOverdue
    ),
    b!(
        Suggestions,
        [c('D')],
        Action::State(StateFilter::DueSoon),
        HkStateDueSoon
    ),
    b!(
        Suggestions,
        [c('W')],
        Action::State(StateFilter::Awaiting),
        HkStateAwaiting
    ),
    b!(
        Suggestions,
        [c('R')],
        Action::State(StateFilter::Replied),
        HkStateReplied
    ),
    b!(
        Suggestions,
        [c('C')],
        Action::State(StateFilter::Closed),
        HkStateClosed
    ),
    b!(OnSuggestion, [c('r')], Action::Act(Act::Reply), HkActReply),
    b!(
        OnSuggestion,
        [c('d')],
        Action::Act(Act::Service),
        HkActService
    ),
    b!(
        OnSuggestion,
        [c('f')],
        Action::Act(Act::Filing),
        HkActFiling
    ),
    b!(
        OnSuggestion,
        [c('u')],
        Action::Act(Act::Urging),
        HkActUrging
    ),
    b!(
        OnSuggestion,
        [c('v')],
        Action::Act(Act::FollowUp),
        HkActFollowUp
    ),
    b!(
        OnSuggestion,
        [c('o')],
        Action::Act(Act::Objection),
        HkActObjection
    ),
    b!(
        OnSuggestion,
        [c('E')],
        Action::Act(Act::Escalation),
        HkActEscalation
    ),
    b!(
        OnSuggestion,
        [c('t')],
        Action::Act(Act::Rectification),
        HkActRectification
    ),
    b!(OnSuggestion, [c('c')], Action::Act(Act::Close), HkActClose),
    b!(
        OnSuggestion,
        [c('w')],
        Action::Act(Act::Withdraw),
        HkActWithdraw
    ),
    b!(Cases, [c('p')], Action::DraftFromCase, HkDraftFromCase),
    b!(Cases, [c('a')], Action::AddActivity, HkAddActivity),
    b!(
        Units,
        [c('h'), (KeyCode::Left, N)],
        Action::FocusUnits,
        HkFocusUnits
    ),
    b!(
        Units,
        [c('l'), (KeyCode::Right, N)],
        Action::FocusActivities,
        HkFocusActivities
    ),
    b!(Units, [c('F')], Action::UnitFlag, HkUnitFlag),
    b!(
        Calendar,
        [c('h'), (KeyCode::Left, N)],
        Action::CalLeft,
        HkCalLeft
    ),
    b!(
        Calendar,
        [c('l'), (KeyCode::Right, N)],
        Action::CalRight,
        HkCalRight
    ),
    b!(Calendar, [c('k'), (KeyCode::Up, N)], Action::CalUp, HkCalUp),
    b!(
        Calendar,
        [c('j'), (KeyCode::Down, N)],
        Action::CalDown,
        HkCalDown
    ),
    b!(
        Calendar,
        [c('['), (KeyCode::PageUp, N)],
        Action::CalPrevMonth,
        HkCalPrevMonth
    ),
    b!(
        Calendar,
        [c(']'), (KeyCode::PageDown, N)],
        Action::CalNextMonth,
        HkCalNextMonth
    ),
    b!(Calendar, [c('t')], Action::CalToday, HkCalToday),
    b!(Calendar, [c('g')], Action::CalGoto, HkCalGoto),
    b!(Calendar, [c('w')], Action::CalWeek, HkCalWeek),
    b!(Calendar, [c('J')], Action::AgendaDown, HkAgendaDown),
    b!(Calendar, [c('K')], Action::AgendaUp, HkAgendaUp),
    b!(
        Calendar,
        [(KeyCode::Enter, N)],
        Action::AgendaOpen,
        HkAgendaOpen
    ),
];

/// Normalises what terminals send: Shift+letter arrives as an upper-case char, sometimes with SHIFT set.
fn matches(binding: (KeyCode, KeyModifiers), key: &KeyEvent) -> bool {
    let mods = key.modifiers - KeyModifiers::SHIFT;
    match (binding.0, key.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b && mods == (binding.1 - KeyModifiers::SHIFT),
        (KeyCode::BackTab, KeyCode::BackTab) => true,
        (a, b) => a == b && key.modifiers == binding.1,
    }
}

/// The action bound to `key` in the first of `ctxs` that has one.
pub fn lookup(ctxs: &[Ctx], key: &KeyEvent) -> Option<Action> {
    for ctx in ctxs {
        for b in BINDINGS.iter().filter(|b| b.ctx == *ctx) {
            if b.keys.iter().any(|k| matches(*k, key)) {
                return Some(b.action);
            }
        }
    }
    None
}

pub fn key_label(k: (KeyCode, KeyModifiers)) -> String {
    let base = match k.0 {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if k.1.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// "j/↓" for a binding's keys (deduplicated, BackTab once).
pub fn keys_label(b: &Binding) -> String {
    let mut labels: Vec<String> = Vec::new();
    for k in b.keys {
        let l = key_label(*k);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    labels.join("/")
}

/// Help sections in display order: the context heading and its bindings.
pub fn help_sections() -> Vec<(K, Vec<&'static Binding>)> {
    let order = [
        (Ctx::Global, K::HsGlobal),
        (Ctx::Move, K::HsMove),
        (Ctx::Table, K::HsTable),
        (Ctx::Suggestions, K::HsSuggestions),
        (Ctx::OnSuggestion, K::HsOnSuggestion),
        (Ctx::Cases, K::HsCases),
        (Ctx::Units, K::HsUnits),
        (Ctx::Calendar, K::HsCalendar),
        (Ctx::Detail, K::HsDetail),
    ];
    order
        .iter()
        .map(|(ctx, title)| (*title, BINDINGS.iter().filter(|b| b.ctx == *ctx).collect()))
        .collect()
}

/// A few bindings for the status line of a context: "r reply · d service · ? help".
pub fn hints(lang: Lang, ctxs: &[Ctx], max: usize) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for ctx in ctxs {
        for b in BINDINGS.iter().filter(|b| b.ctx == *ctx) {
            if out.len() >= max {
                return out;
            }
            out.push((keys_label(b), lang.t(b.help)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_where_contexts_meet() {
        // Contexts that are active together must not share a key.
        let together: &[&[Ctx]] = &[
            &[
                Ctx::Global,
                Ctx::Move,
                Ctx::Table,
                Ctx::Suggestions,
                Ctx::OnSuggestion,
            ],
            &[Ctx::Global, Ctx::Move, Ctx::Table, Ctx::Cases],
            &[Ctx::Global, Ctx::Move, Ctx::Detail, Ctx::OnSuggestion],
            &[Ctx::Global, Ctx::Move, Ctx::Table, Ctx::Units],
            &[Ctx::Global, Ctx::Calendar],
            &[Ctx::Global, Ctx::Move, Ctx::Detail, Ctx::Cases],
        ];
        for set in together {
            let mut seen: Vec<(KeyCode, KeyModifiers)> = Vec::new();
            for b in BINDINGS.iter().filter(|b| set.contains(&b.ctx)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {set:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn shifted_letters_match() {
        let k = KeyEvent::new(KeyCode::Char('O'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&[Ctx::Suggestions], &k),
            Some(Action::State(StateFilter::Overdue))
        );
        let k = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&[Ctx::Suggestions, Ctx::OnSuggestion], &k),
            Some(Action::Act(Act::Objection))
        );
    }
}
