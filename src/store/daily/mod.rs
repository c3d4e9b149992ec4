//! The daily check: what is overdue or due soon today. SQL narrows the rows through the partial indices on
//! open items; the domain rules then decide each row's state, so the Today view, `yufang overdue` and the
//! suggestion list can never disagree with the rules.

use std::ops::Deref;

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::Serialize;

use super::Store;
use super::error::Result;
use super::record::date;
use crate::domain::calendar::DueKind;
use crate::domain::deadline::add_days;
use crate::domain::{Activity, Case, CaseGap, Deadline, Due, Standing, Suggestion};
use crate::i18n::K;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod agree;
mod follow;
mod sql;
mod work;

pub(crate) use follow::{follow_through_between, look_backs_due};
pub(crate) use sql::{FIRST_VISIT, ROLL_MARGIN, hidden_kinds, open_activities, suggestions_where};
pub use sql::{HAS_ANALYSIS, HAS_SUGGESTION, OPEN_FILING, OPEN_INVESTIGATION, OPEN_REPLY};

/// A suggestion row of the daily check.
#[derive(Clone, Debug, Serialize)]
pub struct SuggestionItem {
    #[serde(flatten)]
    pub suggestion: Suggestion,
    pub recipient: String,
    /// The deadline this list is about (reply, filing, visit or investigation).
    pub deadline: Deadline,
    /// Days past the deadline (positive) or left until it (zero or negative means not yet late).
    pub days_overdue: i64,
    /// The domain's standing of that deadline today, and whether it is within its warning window.
    pub standing: Standing,
    pub in_window: bool,
}

impl SuggestionItem {
    /// The row for one of the suggestion's deadlines, as the domain judged it (`None`: it has no date).
    fn new(suggestion: Suggestion, recipient: String, due: Due) -> Option<SuggestionItem> {
        Some(SuggestionItem {
            deadline: due.deadline?,
            days_overdue: due.days_overdue,
            standing: due.standing,
            in_window: due.in_window,
            suggestion,
            recipient,
        })
    }

    pub fn days_left(&self) -> i64 {
        -self.days_overdue
    }

    pub fn is_late(&self) -> bool {
        self.standing == Standing::Late
    }

    /// Not yet late, and within its kind's warning window.
    pub fn is_soon(&self) -> bool {
        self.standing == Standing::Open && self.in_window
    }
}

/// A planned prevention activity that is due or overdue.
#[derive(Clone, Debug, Serialize)]
pub struct ActivityItem {
    #[serde(flatten)]
    pub activity: Activity,
    pub unit: Option<String>,
    pub case_no: Option<String>,
    /// Days past the planned date (positive) or left until it.
    pub days_overdue: i64,
    pub standing: Standing,
}

impl ActivityItem {
    pub fn is_late(&self) -> bool {
        self.standing == Standing::Late
    }
}

/// A case that still lacks prevention follow-up.
#[derive(Clone, Debug, Serialize)]
pub struct CaseGapItem {
    #[serde(flatten)]
    pub case: Case,
    pub unit: Option<String>,
    pub gap: CaseGap,
}

/// The sections of the daily check, in the order Today and `yufang overdue` show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

    /// The section's name in `yufang overdue --json`.
    pub fn code(self) -> &'static str {
        match self {
            Section::Overdue => "overdue_replies",
            Section::DueSoon => "due_soon",
            Section::Filing => "filing_overdue",
            Section::Visits => "visits_due",
            Section::Investigations => "investigations_due",
            Section::Activities => "activities_due",
            Section::Gaps => "case_gaps",
        }
    }

    /// The heading's catalogue key (`HDueSoon` and `HActivitiesDue` take the window in days).
    pub fn key(self) -> K {
        match self {
            Section::Overdue => K::HOverdueReplies,
            Section::DueSoon => K::HDueSoon,
            Section::Filing => K::HFilingOverdue,
            Section::Visits => K::HVisitsDue,
            Section::Investigations => K::HInvestigationsDue,
            Section::Activities => K::HActivitiesDue,
            Section::Gaps => K::HCaseGaps,
        }
    }

    /// Which deadline of a suggestion the section's rows are about (`None`: rows are not suggestions).
    pub fn due_kind(self) -> Option<DueKind> {
        match self {
            Section::Overdue | Section::DueSoon => Some(DueKind::Reply),
            Section::Filing => Some(DueKind::Filing),
            Section::Visits => Some(DueKind::Visit),
            Section::Investigations => Some(DueKind::Investigation),
            Section::Activities | Section::Gaps => None,
        }
    }
}

/// One section of the daily check: the rows listed (all of them, or the first `cap`) and how many there are.
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
pub struct Rows<T> {
    pub rows: Vec<T>,
    /// The section's size; more than `rows.len()` when a capped check cut the list.
    #[serde(skip)]
    pub total: usize,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            rows: Vec::new(),
            total: 0,
        }
    }
}

impl<T> IntoIterator for Rows<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.rows.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Rows<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.rows.iter()
    }
}

impl<T> Deref for Rows<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.rows
    }
}

/// Everything the morning check shows.
#[derive(Clone, Debug, Serialize)]
pub struct DailyCheck {
    pub today: NaiveDate,
    /// Replies due within this many days count as due soon.
    pub within: u32,
    pub overdue_replies: Rows<SuggestionItem>,
    pub due_soon: Rows<SuggestionItem>,
    pub filing_overdue: Rows<SuggestionItem>,
    pub visits_due: Rows<SuggestionItem>,
    pub investigations_due: Rows<SuggestionItem>,
    pub activities_due: Rows<ActivityItem>,
    /// Planned work due within this many days is listed.
    pub activities_within: u32,
    pub case_gaps: Rows<CaseGapItem>,
}

impl DailyCheck {
    /// Nothing loaded yet (the first frame before the first query).
    pub fn empty(today: NaiveDate) -> DailyCheck {
        DailyCheck {
            today,
            within: 0,
            overdue_replies: Rows::default(),
            due_soon: Rows::default(),
            filing_overdue: Rows::default(),
            visits_due: Rows::default(),
            investigations_due: Rows::default(),
            activities_due: Rows::default(),
            activities_within: 0,
            case_gaps: Rows::default(),
        }
    }

    /// The rows of a section about suggestions (`None` for planned work and case gaps).
    pub fn suggestions(&self, s: Section) -> Option<&Rows<SuggestionItem>> {
        match s {
            Section::Overdue => Some(&self.overdue_replies),
            Section::DueSoon => Some(&self.due_soon),
            Section::Filing => Some(&self.filing_overdue),
            Section::Visits => Some(&self.visits_due),
            Section::Investigations => Some(&self.investigations_due),
            Section::Activities | Section::Gaps => None,
        }
    }

    /// (rows listed, rows in all) of a section.
    pub fn size(&self, s: Section) -> (usize, usize) {
        match s {
            Section::Activities => (self.activities_due.len(), self.activities_due.total),
            Section::Gaps => (self.case_gaps.len(), self.case_gaps.total),
            _ => self
                .suggestions(s)
                .map_or((0, 0), |r| (r.rows.len(), r.total)),
        }
    }

    pub fn is_empty(&self) -> bool {
        Section::ALL.iter().all(|s| self.size(*s).0 == 0)
    }
}

/// One read of a suggestion section: rows meeting `cond` (bound to `args`) in `key` order, of which the
/// domain keeps those whose `kind` deadline `keep` admits.
struct SuggestionRead<'a> {
    cond: String,
    args: Vec<Value>,
    key: &'static str,
    kind: DueKind,
    keep: &'a dyn Fn(&Due) -> bool,
}

impl Store {
    /// The daily check on `today` (the store's clock), with "due soon" meaning due within `within` days
    /// (default: the reply warning window).
    pub fn daily_check(&self, within: Option<u32>) -> Result<DailyCheck> {
        self.daily_check_capped(within, None)
    }

    /// Reads one suggestion section, at most `cap` rows, counting the section in SQL when the list was cut.
    fn suggestion_section(
        &self,
        read: SuggestionRead<'_>,
        cap: Option<usize>,
    ) -> Result<Rows<SuggestionItem>> {
        let order = format!(
            "{}, s.id{}",
            read.key,
            cap.map(|n| format!(" LIMIT {n}")).unwrap_or_default()
        );
        let mut rows = Vec::new();
        for (s, recipient) in suggestions_where(&self.conn, &read.cond, read.args.clone(), &order)?
        {
            if let Some(due) = s.due(read.kind, None, self.today, &self.rules)
                && (read.keep)(&due)
            {
                rows.extend(SuggestionItem::new(s, recipient, due));
            }
        }
        let total = if cap.is_none_or(|n| rows.len() < n) {
            rows.len()
        } else {
            let sql = format!("SELECT count(*) FROM suggestions s WHERE {}", read.cond);
            let n: i64 = self
                .conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(read.args), |r| r.get(0))?;
            n as usize
        };
        Ok(Rows { rows, total })
    }

    /// The daily check with at most `cap` rows per section (the totals stay exact), for a screen that shows
    /// the first rows of each section of a national archive.
    pub fn daily_check_capped(
        &self,
        within: Option<u32>,
        cap: Option<usize>,
    ) -> Result<DailyCheck> {
        let today = self.today;
        let rules = &self.rules;
        let within = within.unwrap_or(rules.settings.warn_reply_days);
        let conn = &self.conn;
        let until = add_days(today, i64::from(within));
        let day = |d: NaiveDate| date(Some(d));

        let overdue_replies = self.suggestion_section(
            SuggestionRead {
                cond: format!("{OPEN_REPLY} AND s.reply_due < ?1"),
                args: vec![day(today)],
                key: "s.reply_due",
                kind: DueKind::Reply,
                keep: &Due::is_late,
            },
            cap,
        )?;
        let due_soon = self.suggestion_section(
            SuggestionRead {
                cond: format!("{OPEN_REPLY} AND s.reply_due >= ?1 AND s.reply_due <= ?2"),
                args: vec![day(today), day(until)],
                key: "s.reply_due",
                kind: DueKind::Reply,
                // `within` may differ from the reply warning window (`yufang overdue --within`), so the
                // section asks the domain only whether the reply is owed and not yet late.
                keep: &|d| d.standing == Standing::Open && d.date <= until,
            },
            cap,
        )?;
        let filing_overdue = self.suggestion_section(
            SuggestionRead {
                cond: format!("{OPEN_FILING} AND s.filing_due < ?1"),
                args: vec![day(today)],
                key: "s.filing_due",
                kind: DueKind::Filing,
                keep: &Due::is_late,
            },
            cap,
        )?;

        let visit_until = rules.warn_until(DueKind::Visit, today);
        let mut visits = Vec::new();
        for (suggestion, recipient, deadline) in
            follow_through_between(conn, rules, None, visit_until, cap)?
        {
            // Read through the follow-through indices, so owed; the domain says whether it is in the window.
            let due = Due::owed(DueKind::Visit, deadline, today, rules);
            if due.in_window {
                visits.extend(SuggestionItem::new(suggestion, recipient, due));
            }
        }
        let visits_due = Rows {
            total: match cap {
                Some(n) if visits.len() >= n => {
                    follow::follow_through_count(conn, rules, visit_until)?
                }
                _ => visits.len(),
            },
            rows: visits,
        };

        let investigations_due = self.suggestion_section(
            SuggestionRead {
                cond: format!("{OPEN_INVESTIGATION} AND s.investigation_due <= ?1"),
                args: vec![day(rules.warn_until(DueKind::Investigation, today))],
                key: "s.investigation_due",
                kind: DueKind::Investigation,
                keep: &|d| d.in_window,
            },
            cap,
        )?;
        Ok(DailyCheck {
            today,
            within,
            overdue_replies,
            due_soon,
            filing_overdue,
            visits_due,
            investigations_due,
            activities_due: work::activities_due(conn, rules, today, cap)?,
            activities_within: rules.settings.warn_activity_days,
            case_gaps: work::case_gaps(conn, rules, today, cap)?,
        })
    }
}
