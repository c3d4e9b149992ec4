//! Pure domain types and rules: no I/O, no SQL, no terminal. `today` is always a parameter.

pub mod activity;
pub mod calendar;
pub mod case;
pub mod codes;
pub mod dates;
pub mod deadline;
pub mod docno;
pub mod due;
pub mod issue_check;
pub mod measure;
pub mod numbering;
pub mod settings;
pub mod stats;
pub mod suggestion;
pub mod unit;
pub mod validate;

pub use activity::{Activity, Plan};
pub use case::{Case, CaseGap};
pub use codes::*;
pub use deadline::{Deadline, HolidayTable};
pub use docno::DocNo;
pub use due::{Due, Dues, Standing};
pub use measure::Measure;
pub use settings::{Rules, Settings};
pub use suggestion::{Deadlines, DueDates, FollowUp, State, StateKind, Suggestion};
pub use unit::Unit;
pub use validate::FieldError;

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let t = s.trim();
    if t.len() != 10 {
        return None;
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}
