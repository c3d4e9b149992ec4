//! The row and detail types the screen shows, re-exported so `ui` reads them from the app and never imports
//! the store. A type that needs shaping for the screen becomes an app view type here.

pub use super::history_text::{action_label, field_label, field_text};
pub use crate::store::daily::SuggestionItem;
pub use crate::store::lists::{
    CaseDetail, CaseRow, CaseSort, FILTER_COUNT_CAP, StateFilter, SuggestionDetail, SuggestionRow,
    SuggestionSort,
};
pub use crate::store::units::{ActivityRow, UnitDetail, UnitRow};
