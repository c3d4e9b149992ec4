//! Prevention activities (预防工作) and the annual work plan.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::ActivityKind;
use super::settings::Rules;
use super::validate::{Checker, FieldError, Problem};
use crate::i18n::K;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    pub kind: ActivityKind,
    pub title: String,
    pub planned_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub unit_id: Option<i64>,
    pub case_id: Option<i64>,
    pub suggestion_id: Option<i64>,
    /// For warning education: how many attended.
    pub attendees: Option<i64>,
    #[serde(default)]
    pub notes: String,
}

impl Activity {
    pub fn new(kind: ActivityKind, title: &str) -> Activity {
        Activity {
            id: 0,
            version: 0,
            kind,
            title: title.to_string(),
            planned_on: None,
            done_on: None,
            unit_id: None,
            case_id: None,
            suggestion_id: None,
            attendees: None,
            notes: String::new(),
        }
    }

    /// Days past (positive) or until (zero or negative) a planned activity that is not done, when its planned
    /// date falls within the activity warning window. Planned work is a deadline too.
    pub fn due(&self, today: NaiveDate, rules: &Rules) -> Option<i64> {
        self.due_state(today, rules)
            .filter(|d| d.in_window)
            .map(|d| d.days_overdue)
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        c.required_text(K::FTitle, &self.title);
        c.max_len(K::FTitle, &self.title, 200);
        if self.planned_on.is_none() && self.done_on.is_none() {
            c.push(K::FPlannedOn, Problem::Required);
        }
        c.not_future(K::FDoneOn, self.done_on, today);
        if self.attendees.is_some_and(|a| a < 0) {
            c.push(K::FAttendees, Problem::Negative);
        }
        c.finish()
    }
}

/// The annual work plan with targets and the source text's three checkpoints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    pub year: i32,
    /// Target count per activity kind (by code).
    #[serde(default)]
    pub targets: BTreeMap<ActivityKind, i64>,
    pub suggestion_target: Option<i64>,
    #[serde(default)]
    pub focus_industries: String,
    pub plan_check_on: Option<NaiveDate>,
    pub midyear_check_on: Option<NaiveDate>,
    pub yearend_check_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

impl Plan {
    pub fn new(year: i32) -> Plan {
        Plan {
            id: 0,
            version: 0,
            year,
            targets: BTreeMap::new(),
            suggestion_target: None,
            focus_industries: String::new(),
            plan_check_on: None,
            midyear_check_on: None,
            yearend_check_on: None,
            notes: String::new(),
        }
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        if !(1990..=2100).contains(&self.year) {
            c.push(K::FYear, Problem::YearRange(self.year));
        }
        if self.targets.values().any(|v| *v < 0) {
            c.push(K::FTargets, Problem::Negative);
        }
        if self.suggestion_target.is_some_and(|v| v < 0) {
            c.push(K::FSuggestionTarget, Problem::Negative);
        }
        c.order(
            (K::FPlanCheckOn, self.plan_check_on),
            (K::FMidyearCheckOn, self.midyear_check_on),
        );
        c.order(
            (K::FMidyearCheckOn, self.midyear_check_on),
            (K::FYearendCheckOn, self.yearend_check_on),
        );
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{HolidayTable, Settings};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn planned_work_falls_due() {
        let r = Rules::new(Settings::default(), HolidayTable::builtin());
        let mut a = Activity::new(ActivityKind::Warning, "警示教育");
        a.planned_on = Some(d("2026-06-10"));
        assert_eq!(a.due(d("2026-06-01"), &r), None);
        assert_eq!(a.due(d("2026-06-03"), &r), Some(-7));
        assert_eq!(a.due(d("2026-06-12"), &r), Some(2));
        a.done_on = Some(d("2026-06-11"));
        assert_eq!(a.due(d("2026-06-12"), &r), None);
    }
}
