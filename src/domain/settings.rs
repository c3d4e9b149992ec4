//! The office's rule settings (periods, warning windows, the gap rule) and the rules bundle the engine uses.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::DueKind;
use super::deadline::{Calendar, HolidayTable, add_days, fnv1a};

/// Settings that shape deadlines and lists. Defaults follow DOMAIN.md section 3.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Art. 19: reply within 2 months of receipt unless the document states another deadline.
    pub reply_months: u32,
    /// Art. 21: filing with the superior procuratorate within 5 days of issue.
    pub filing_days: u32,
    /// Art. 15: preventive investigation within 2 months of the decision.
    pub investigation_months: u32,
    /// Return visit due this many days after the reply.
    pub visit_days: u32,
    pub warn_reply_days: u32,
    pub warn_filing_days: u32,
    pub warn_investigation_days: u32,
    pub warn_visit_days: u32,
    pub warn_activity_days: u32,
    /// A case prosecuted or closed more than this many days ago needs prevention follow-up.
    pub gap_days: u32,
    /// Move a deadline that ends on a rest day to the next working day.
    pub roll_forward: bool,
    /// Document-number prefix, e.g. `X检建`.
    pub doc_prefix: String,
    pub week_starts_monday: bool,
    /// Show historical kinds (bribery-record inquiry).
    pub show_historical: bool,
    /// How many automatic backups to keep in the data folder's `backups/`; 0 switches them off.
    pub backup_keep: u32,
    /// The industry risk table ranks industries by their cases over this many years (issue 12).
    pub risk_years: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            reply_months: 2,
            filing_days: 5,
            investigation_months: 2,
            visit_days: 60,
            warn_reply_days: 14,
            warn_filing_days: 3,
            warn_investigation_days: 14,
            warn_visit_days: 14,
            warn_activity_days: 7,
            gap_days: 30,
            roll_forward: true,
            doc_prefix: "X检建".to_string(),
            week_starts_monday: true,
            show_historical: false,
            backup_keep: 10,
            risk_years: 3,
        }
    }
}

/// Settings plus the holiday table: everything a deadline depends on.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    pub settings: Settings,
    pub holidays: HolidayTable,
}

impl Rules {
    pub fn new(settings: Settings, holidays: HolidayTable) -> Rules {
        Rules { settings, holidays }
    }

    pub fn calendar(&self) -> Calendar<'_> {
        Calendar {
            table: &self.holidays,
            roll_forward: self.settings.roll_forward,
        }
    }

    /// Changes whenever a stored deadline could come out differently, so the store knows to recompute.
    pub fn fingerprint(&self) -> String {
        let s = &self.settings;
        fnv1a(&format!(
            "{}/{}/{}/{}/{}/{}",
            s.reply_months,
            s.filing_days,
            s.investigation_months,
            s.visit_days,
            s.roll_forward,
            self.holidays.fingerprint()
        ))
    }

    /// The last reply-due date that still counts as "due soon" on `today`.
    pub fn reply_warn_until(&self, today: NaiveDate) -> NaiveDate {
        self.warn_until(DueKind::Reply, today)
    }

    /// How many days before a deadline of `kind` it is shown as coming up. A plan checkpoint is a reminder on
    /// its day, so it has no window of its own.
    pub fn warn_days(&self, kind: DueKind) -> u32 {
        let s = &self.settings;
        match kind {
            DueKind::Reply => s.warn_reply_days,
            DueKind::Filing => s.warn_filing_days,
            DueKind::Investigation => s.warn_investigation_days,
            DueKind::Visit => s.warn_visit_days,
            DueKind::Activity => s.warn_activity_days,
            DueKind::Checkpoint => 0,
        }
    }

    /// The last date a deadline of `kind` may fall on to be within its warning window on `today`.
    pub fn warn_until(&self, kind: DueKind, today: NaiveDate) -> NaiveDate {
        add_days(today, i64::from(self.warn_days(kind)))
    }

    /// Cases whose follow-up clock started before this day have passed the gap threshold on `today`
    /// (more than `gap_days` days ago).
    pub fn gap_started_before(&self, today: NaiveDate) -> NaiveDate {
        add_days(today, -i64::from(self.settings.gap_days))
    }
}
