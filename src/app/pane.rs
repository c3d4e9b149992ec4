//! The panes of the screen: their order, titles and switching digits.

use crate::i18n::K;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Today,
    Cases,
    Suggestions,
    Calendar,
    Units,
    Stats,
}

impl Pane {
    pub const ALL: [Pane; 6] = [
        Pane::Today,
        Pane::Cases,
        Pane::Suggestions,
        Pane::Calendar,
        Pane::Units,
        Pane::Stats,
    ];
    pub fn title(self) -> K {
        match self {
            Pane::Today => K::PaneToday,
            Pane::Cases => K::PaneCases,
            Pane::Suggestions => K::PaneSuggestions,
            Pane::Calendar => K::PaneCalendar,
            Pane::Units => K::PaneUnits,
            Pane::Stats => K::PaneStats,
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
            Pane::Stats => '6',
        }
    }
    pub fn parse(s: &str) -> Option<Pane> {
        match s {
            "today" => Some(Pane::Today),
            "cases" => Some(Pane::Cases),
            "suggestions" => Some(Pane::Suggestions),
            "calendar" => Some(Pane::Calendar),
            "units" => Some(Pane::Units),
            "stats" => Some(Pane::Stats),
            _ => None,
        }
    }
}
