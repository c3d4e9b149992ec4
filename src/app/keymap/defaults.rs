//! The default bindings, context by context. A binding with a hint rank shows on the hint line (lowest rank
//! first) wherever its context is active and its action can act.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Act, Action, Binding, Ctx, Key};
use crate::i18n::K;
use crate::store::lists::StateFilter;

const N: KeyModifiers = KeyModifiers::NONE;
const SH: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn c(ch: char) -> Key {
    (KeyCode::Char(ch), N)
}
const fn ctrl(ch: char) -> Key {
    (KeyCode::Char(ch), CTRL)
}
const fn k(code: KeyCode) -> Key {
    (code, N)
}

/// One binding: context, keys, action, help text, and the hint rank (0 = not hinted).
fn b(ctx: Ctx, keys: &[Key], action: Action, help: K, hint: u8) -> Binding {
    Binding {
        ctx,
        keys: keys.to_vec(),
        action,
        help,
        hint: (hint > 0).then_some(hint),
    }
}

pub(super) fn bindings() -> Vec<Binding> {
    use Action as A;
    use Ctx::*;
    use KeyCode as KC;
    let st = |f: StateFilter| A::State(f);
    let act = |a: Act| A::Act(a);
    vec![
        b(Global, &[c('q')], A::Quit, K::HkQuit, 99),
        b(Global, &[ctrl('c')], A::QuitNow, K::HkQuitNow, 0),
        b(Global, &[c('?'), k(KC::F(1))], A::Help, K::HkHelp, 98),
        b(Global, &[k(KC::Esc)], A::Back, K::HkBack, 0),
        b(Global, &[c('1')], A::PaneToday, K::HkPaneToday, 0),
        b(Global, &[c('2')], A::PaneCases, K::HkPaneCases, 0),
        b(
            Global,
            &[c('3')],
            A::PaneSuggestions,
            K::HkPaneSuggestions,
            0,
        ),
        b(Global, &[c('4')], A::PaneCalendar, K::HkPaneCalendar, 0),
        b(Global, &[c('5')], A::PaneUnits, K::HkPaneUnits, 0),
        b(Global, &[c('6')], A::PaneStats, K::HkPaneStats, 0),
        b(Stats, &[c('[')], A::StatsPrevYear, K::HkYearPrev, 20),
        b(Stats, &[c(']')], A::StatsNextYear, K::HkYearNext, 21),
        b(Global, &[k(KC::Tab)], A::NextPane, K::HkNextPane, 70),
        b(
            Global,
            &[(KC::BackTab, SH), k(KC::BackTab)],
            A::PrevPane,
            K::HkPrevPane,
            0,
        ),
        b(Global, &[c('U')], A::NewUnit, K::HkNewUnit, 60),
        b(Global, &[c(':')], A::Palette, K::HkPalette, 0),
        b(Global, &[c('Z'), ctrl('z')], A::Undo, K::HkUndo, 0),
        b(Global, &[c('H')], A::History, K::HkHistory, 0),
        b(Move, &[c('j'), k(KC::Down)], A::Down, K::HkDown, 0),
        b(Move, &[c('k'), k(KC::Up)], A::Up, K::HkUp, 0),
        b(Move, &[c('g'), k(KC::Home)], A::Top, K::HkTop, 0),
        b(Move, &[c('G'), k(KC::End)], A::Bottom, K::HkBottom, 0),
        b(
            Move,
            &[k(KC::PageDown), ctrl('f')],
            A::PageDown,
            K::HkPageDown,
            0,
        ),
        b(Move, &[k(KC::PageUp), ctrl('b')], A::PageUp, K::HkPageUp, 0),
        b(Move, &[k(KC::Enter)], A::Open, K::HkOpen, 10),
        b(Table, &[c('/')], A::Filter, K::HkFilter, 15),
        b(Table, &[c('s')], A::SortNext, K::HkSort, 36),
        b(Table, &[c('S')], A::SortReverse, K::HkSortReverse, 0),
        b(Table, &[c('n')], A::New, K::HkNew, 40),
        b(Table, &[c('e')], A::Edit, K::HkEdit, 45),
        b(Table, &[c('x'), k(KC::Delete)], A::Delete, K::HkDelete, 0),
        b(Detail, &[c('e')], A::Edit, K::HkEdit, 0),
        b(Detail, &[c('P')], A::WriteDocument, K::HkWriteDocument, 0),
        b(
            Suggestions,
            &[c('A')],
            st(StateFilter::All),
            K::HkStateAll,
            34,
        ),
        b(
            Suggestions,
            &[c('O')],
            st(StateFilter::Overdue),
            K::HkStateOverdue,
            32,
        ),
        b(
            Suggestions,
            &[c('D')],
            st(StateFilter::DueSoon),
            K::HkStateDueSoon,
            0,
        ),
        b(
            Suggestions,
            &[c('W')],
            st(StateFilter::Awaiting),
            K::HkStateAwaiting,
            0,
        ),
        b(
            Suggestions,
            &[c('R')],
            st(StateFilter::Replied),
            K::HkStateReplied,
            0,
        ),
        b(
            Suggestions,
            &[c('C')],
            st(StateFilter::Closed),
            K::HkStateClosed,
            0,
        ),
        b(OnSuggestion, &[c('r')], act(Act::Reply), K::HkActReply, 20),
        b(
            OnSuggestion,
            &[c('d')],
            act(Act::Service),
            K::HkActService,
            0,
        ),
        b(OnSuggestion, &[c('f')], act(Act::Filing), K::HkActFiling, 0),
        b(
            OnSuggestion,
            &[c('u')],
            act(Act::Urging),
            K::HkActUrging,
            25,
        ),
        b(
            OnSuggestion,
            &[c('v')],
            act(Act::FollowUp),
            K::HkActFollowUp,
            0,
        ),
        b(
            OnSuggestion,
            &[c('o')],
            act(Act::Objection),
            K::HkActObjection,
            0,
        ),
        b(
            OnSuggestion,
            &[c('E')],
            act(Act::Escalation),
            K::HkActEscalation,
            0,
        ),
        b(
            OnSuggestion,
            &[c('t')],
            act(Act::Rectification),
            K::HkActRectification,
            0,
        ),
        b(OnSuggestion, &[c('c')], act(Act::Close), K::HkActClose, 0),
        b(
            OnSuggestion,
            &[c('w')],
            act(Act::Withdraw),
            K::HkActWithdraw,
            0,
        ),
        b(Cases, &[c('p')], A::DraftFromCase, K::HkDraftFromCase, 50),
        b(Cases, &[c('a')], A::AddActivity, K::HkAddActivity, 0),
        b(
            Units,
            &[c('h'), k(KC::Left)],
            A::FocusUnits,
            K::HkFocusUnits,
            23,
        ),
        b(
            Units,
            &[c('l'), k(KC::Right)],
            A::FocusActivities,
            K::HkFocusActivities,
            22,
        ),
        b(Units, &[c('F')], A::UnitFlag, K::HkUnitFlag, 35),
        b(
            Calendar,
            &[c('h'), k(KC::Left)],
            A::CalLeft,
            K::HkCalLeft,
            0,
        ),
        b(
            Calendar,
            &[c('l'), k(KC::Right)],
            A::CalRight,
            K::HkCalRight,
            0,
        ),
        b(Calendar, &[c('k'), k(KC::Up)], A::CalUp, K::HkCalUp, 0),
        b(
            Calendar,
            &[c('j'), k(KC::Down)],
            A::CalDown,
            K::HkCalDown,
            0,
        ),
        b(
            Calendar,
            &[c('['), k(KC::PageUp)],
            A::CalPrevMonth,
            K::HkCalPrevMonth,
            20,
        ),
        b(
            Calendar,
            &[c(']'), k(KC::PageDown)],
            A::CalNextMonth,
            K::HkCalNextMonth,
            21,
        ),
        b(Calendar, &[c('t')], A::CalToday, K::HkCalToday, 24),
        b(Calendar, &[c('g')], A::CalGoto, K::HkCalGoto, 26),
        b(Calendar, &[c('w')], A::CalWeek, K::HkCalWeek, 28),
        b(Calendar, &[c('J')], A::AgendaDown, K::HkAgendaDown, 30),
        b(Calendar, &[c('K')], A::AgendaUp, K::HkAgendaUp, 0),
        b(
            Calendar,
            &[k(KC::Enter)],
            A::AgendaOpen,
            K::HkAgendaOpen,
            10,
        ),
        // The modals: each has its keys to itself (no global keys under a form or a question).
        b(Form, &[ctrl('s'), ctrl('S')], A::Save, K::HkSave, 20),
        b(Form, &[k(KC::Tab)], A::NextField, K::HkNextField, 10),
        b(
            Form,
            &[(KC::BackTab, SH), k(KC::BackTab)],
            A::PrevField,
            K::HkPrevField,
            0,
        ),
        b(Form, &[k(KC::Down)], A::Down, K::HkFieldDown, 0),
        b(Form, &[k(KC::Up)], A::Up, K::HkFieldUp, 0),
        b(Form, &[k(KC::Enter)], A::NextOrSave, K::HkNextOrSave, 0),
        b(
            Form,
            &[k(KC::F(4)), ctrl('d')],
            A::DatePicker,
            K::HkDatePicker,
            0,
        ),
        b(Form, &[ctrl('u')], A::ClearField, K::HkClearField, 0),
        b(Form, &[k(KC::Esc)], A::Back, K::HkCancel, 30),
        b(
            DatePicker,
            &[c('h'), k(KC::Left)],
            A::CalLeft,
            K::HkCalLeft,
            0,
        ),
        b(
            DatePicker,
            &[c('l'), k(KC::Right)],
            A::CalRight,
            K::HkCalRight,
            0,
        ),
        b(DatePicker, &[c('k'), k(KC::Up)], A::CalUp, K::HkCalUp, 0),
        b(
            DatePicker,
            &[c('j'), k(KC::Down)],
            A::CalDown,
            K::HkCalDown,
            0,
        ),
        b(
            DatePicker,
            &[c('['), k(KC::PageUp)],
            A::CalPrevMonth,
            K::HkCalPrevMonth,
            0,
        ),
        b(
            DatePicker,
            &[c(']'), k(KC::PageDown)],
            A::CalNextMonth,
            K::HkCalNextMonth,
            0,
        ),
        b(DatePicker, &[c('t')], A::CalToday, K::HkPickToday, 0),
        b(DatePicker, &[k(KC::Enter)], A::PickDate, K::HkPickDate, 10),
        b(DatePicker, &[k(KC::Esc)], A::Back, K::HkBack, 20),
        b(
            Confirm,
            &[c('y'), c('Y'), k(KC::Enter)],
            A::ConfirmYes,
            K::HkYes,
            10,
        ),
        b(
            Confirm,
            &[c('n'), c('N'), k(KC::Esc)],
            A::ConfirmNo,
            K::HkNo,
            20,
        ),
        b(
            Help,
            &[k(KC::Esc), c('q'), c('?'), k(KC::F(1))],
            A::Back,
            K::HkClose,
            10,
        ),
        b(Help, &[c('j'), k(KC::Down)], A::Down, K::HkDown, 20),
        b(Help, &[c('k'), k(KC::Up)], A::Up, K::HkUp, 0),
        b(Help, &[k(KC::PageDown)], A::PageDown, K::HkPageDown, 0),
        b(Help, &[k(KC::PageUp)], A::PageUp, K::HkPageUp, 0),
        b(Help, &[c('g'), k(KC::Home)], A::Top, K::HkTop, 0),
        b(
            History,
            &[k(KC::Esc), c('q'), c('H')],
            A::Back,
            K::HkClose,
            10,
        ),
        b(History, &[c('j'), k(KC::Down)], A::Down, K::HkDown, 20),
        b(History, &[c('k'), k(KC::Up)], A::Up, K::HkUp, 0),
        b(History, &[k(KC::PageDown)], A::PageDown, K::HkPageDown, 0),
        b(History, &[k(KC::PageUp)], A::PageUp, K::HkPageUp, 0),
        b(Palette, &[k(KC::Up)], A::Up, K::HkUp, 0),
        b(Palette, &[k(KC::Down)], A::Down, K::HkDown, 0),
        b(Palette, &[k(KC::Enter)], A::RunCommand, K::HkRunCommand, 10),
        b(Palette, &[k(KC::Esc)], A::Back, K::HkClose, 20),
        b(ImportPreview, &[c('j'), k(KC::Down)], A::Down, K::HkDown, 0),
        b(ImportPreview, &[c('k'), k(KC::Up)], A::Up, K::HkUp, 0),
        b(ImportPreview, &[c('g'), k(KC::Home)], A::Top, K::HkTop, 0),
        b(
            ImportPreview,
            &[k(KC::PageDown)],
            A::PageDown,
            K::HkPageDown,
            0,
        ),
        b(ImportPreview, &[k(KC::PageUp)], A::PageUp, K::HkPageUp, 0),
        b(ImportPreview, &[c('m')], A::ImpRemap, K::HkImpRemap, 20),
        b(ImportPreview, &[c('x')], A::ImpSkip, K::HkImpSkip, 30),
        b(ImportPreview, &[k(KC::Enter)], A::ImpRun, K::HkImpRun, 10),
        b(
            ImportPreview,
            &[c('w')],
            A::ImpSaveMapping,
            K::HkImpSaveMapping,
            40,
        ),
        b(ImportPreview, &[k(KC::Esc)], A::Back, K::HkImpCancel, 50),
        b(Walk, &[k(KC::Enter)], A::Down, K::HkWalkKeep, 10),
        b(
            Walk,
            &[k(KC::Backspace), k(KC::Up)],
            A::Up,
            K::HkWalkBack,
            20,
        ),
        b(Walk, &[k(KC::Esc)], A::Back, K::HkWalkCancel, 30),
        b(Filter, &[k(KC::Enter)], A::FilterDone, K::HkFilterDone, 10),
        b(Filter, &[k(KC::Esc)], A::FilterClear, K::HkFilterClear, 20),
        b(Filter, &[ctrl('c')], A::QuitNow, K::HkQuitNow, 0),
    ]
}
