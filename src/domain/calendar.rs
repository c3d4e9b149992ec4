//! What falls due when: the kinds of deadline the calendar shows, and the month grid (Monday or Sunday first).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::i18n::{K, Lang};

/// The kinds of open deadline, each with a one-character mark for the month grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    Reply,
    Filing,
    Investigation,
    Visit,
    Activity,
    Checkpoint,
}

impl DueKind {
    pub const ALL: [DueKind; 6] = [
        DueKind::Reply,
        DueKind::Filing,
        DueKind::Investigation,
        DueKind::Visit,
        DueKind::Activity,
        DueKind::Checkpoint,
    ];

    /// Distinct ASCII marks, one cell wide in either language (the legend names them).
    pub fn mark(self) -> char {
        match self {
            DueKind::Reply => 'R',
            DueKind::Filing => 'F',
            DueKind::Investigation => 'I',
            DueKind::Visit => 'V',
            DueKind::Activity => 'A',
            DueKind::Checkpoint => 'P',
        }
    }

    pub fn key(self) -> K {
        match self {
            DueKind::Reply => K::DlReply,
            DueKind::Filing => K::DlFiling,
            DueKind::Investigation => K::DlInvestigation,
            DueKind::Visit => K::DlVisit,
            DueKind::Activity => K::DlActivity,
            DueKind::Checkpoint => K::DlCheckpoint,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(self.key())
    }

    pub fn code(self) -> &'static str {
        match self {
            DueKind::Reply => "reply",
            DueKind::Filing => "filing",
            DueKind::Investigation => "investigation",
            DueKind::Visit => "visit",
            DueKind::Activity => "activity",
            DueKind::Checkpoint => "checkpoint",
        }
    }
}

/// The weeks shown for a month: from the week holding the 1st to the week holding the last day, each week
/// starting on Monday (or Sunday).
pub fn month_weeks(year: i32, month: u32, monday_first: bool) -> Vec<[NaiveDate; 7]> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let start_day = if monday_first {
        Weekday::Mon
    } else {
        Weekday::Sun
    };
    let back = (7 + first.weekday().num_days_from_monday() - start_day.num_days_from_monday()) % 7;
    let mut day = first - Days::new(u64::from(back));
    let mut weeks = Vec::new();
    loop {
        let mut week = [day; 7];
        for (i, slot) in week.iter_mut().enumerate() {
            *slot = day + Days::new(i as u64);
        }
        weeks.push(week);
        day = day + Days::new(7);
        if day.month() != month || day.year() != year {
            break;
        }
    }
    weeks
}

/// The same day in the month `delta` months away, clamped to that month's last day.
pub fn shift_months(d: NaiveDate, delta: i32) -> NaiveDate {
    let r = if delta >= 0 {
        d.checked_add_months(chrono::Months::new(delta.unsigned_abs()))
    } else {
        d.checked_sub_months(chrono::Months::new(delta.unsigned_abs()))
    };
    r.unwrap_or(d)
}

/// The Monday (or Sunday) starting the week of `d`.
pub fn week_start(d: NaiveDate, monday_first: bool) -> NaiveDate {
    let n = if monday_first {
        d.weekday().num_days_from_monday()
    } else {
        d.weekday().num_days_from_sunday()
    };
    d - Days::new(u64::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn weeks_cover_the_month() {
        // November 2026 starts on a Sunday.
        let w = month_weeks(2026, 11, true);
        assert_eq!(w[0][0], d("2026-10-26"));
        assert_eq!(w[0][6], d("2026-11-01"));
        assert_eq!(w.last().map(|x| x[6]), Some(d("2026-12-06")));
        assert_eq!(w.len(), 6);
        let s = month_weeks(2026, 11, false);
        assert_eq!(s[0][0], d("2026-11-01"));
        assert_eq!(s.len(), 5);
        // February 2027 starts on a Monday and has exactly four weeks.
        assert_eq!(month_weeks(2027, 2, true).len(), 4);
    }

    #[test]
    fn month_shifts_clamp() {
        assert_eq!(shift_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(shift_months(d("2026-03-31"), -1), d("2026-02-28"));
        assert_eq!(week_start(d("2026-11-28"), true), d("2026-11-23"));
        assert_eq!(week_start(d("2026-11-28"), false), d("2026-11-22"));
    }

    #[test]
    fn marks_are_distinct() {
        let mut m: Vec<char> = DueKind::ALL.iter().map(|k| k.mark()).collect();
        m.dedup();
        assert_eq!(m.len(), DueKind::ALL.len());
    }
}
