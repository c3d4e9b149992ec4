//! The records behind a figure of the year in view: a pane opens them as a filtered list, so every number
//! on screen can be checked against the records it counts. The store turns a [`Drill`] into the same
//! conditions its aggregates count with.

use chrono::NaiveDate;

use super::Period;

/// Which suggestions of the period (issued in it, not withdrawn) a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuggestionSet {
    Issued,
    Replied,
    /// Fully or partly adopted.
    Adopted,
    OnTime,
    FullyRectified,
    Visited,
    /// Overdue at the drill's `as_of` day.
    OverdueAtEnd,
    Unreplied,
}

/// A breakdown value a suggestion figure is narrowed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuggestionGroup {
    /// `YYYY-MM` of the issue date.
    Month(String),
    Category(String),
    /// The recipient's industry (`''`: not recorded).
    Industry(String),
}

/// A breakdown value a case figure is narrowed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseGroup {
    CrimeType(String),
    /// The industry of the case's unit (`''`: no unit or not recorded).
    Industry(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drill {
    Suggestions {
        period: Period,
        as_of: NaiveDate,
        set: SuggestionSet,
        group: Option<SuggestionGroup>,
    },
    /// Cases filed in the period.
    Cases {
        period: Period,
        group: Option<CaseGroup>,
    },
    /// Prevention work of one kind (by code) done in the period.
    Activities { period: Period, kind: String },
}

impl Drill {
    pub fn suggestions(period: Period, as_of: NaiveDate, set: SuggestionSet) -> Drill {
        Drill::Suggestions {
            period,
            as_of,
            set,
            group: None,
        }
    }
    pub fn period(&self) -> &Period {
        match self {
            Drill::Suggestions { period, .. }
            | Drill::Cases { period, .. }
            | Drill::Activities { period, .. } => period,
        }
    }
}
