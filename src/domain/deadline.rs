//! The deadline engine: Civil-Code counting, month-end clamping, the holiday table with adjusted working days,
//! roll-forward, and an explanation for every computed date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::i18n::{K, Lang};

/// China's statutory holidays and adjusted working days (调休), by year, with the notice each year comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HolidayTable {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
    pub sources: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct HolidayFile {
    #[serde(default)]
    source: BTreeMap<String, String>,
    holidays: BTreeMap<String, Vec<NaiveDate>>,
    #[serde(default)]
    workdays: BTreeMap<String, Vec<NaiveDate>>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HolidayError {
    #[error("{0}")]
    Parse(String),
    #[error("year key \"{0}\" is not a year")]
    BadYear(String),
    #[error("{date} is listed under {key} but belongs to {year}", year = date.year())]
    WrongYear { key: i32, date: NaiveDate },
    #[error("{0} is listed both as a holiday and as an adjusted working day")]
    Both(NaiveDate),
}

/// The table shipped with the program (a copy of the State Council notices for 2024-2026).
pub const BUILTIN_HOLIDAYS: &str = include_str!("../../assets/holidays-cn.json");

impl HolidayTable {
    /// Parses and checks a table in the shipped JSON layout.
    pub fn from_json(text: &str) -> Result<HolidayTable, HolidayError> {
        let file: HolidayFile =
            serde_json::from_str(text).map_err(|e| HolidayError::Parse(e.to_string()))?;
        let mut t = HolidayTable {
            sources: file.source,
            ..Default::default()
        };
        for (list, target) in [
            (&file.holidays, &mut t.holidays),
            (&file.workdays, &mut t.workdays),
        ] {
            for (key, dates) in list {
                let year: i32 = key
                    .trim()
                    .parse()
                    .map_err(|_| HolidayError::BadYear(key.clone()))?;
                t.years.insert(year);
                for d in dates {
                    // A holiday block may start in the previous year (e.g. 2023-12-30); allow neighbours.
                    if (d.year() - year).abs() > 1 {
                        return Err(HolidayError::WrongYear {
                            key: year,
                            date: *d,
                        });
                    }
                    target.insert(*d);
                }
            }
        }
        if let Some(d) = t.holidays.intersection(&t.workdays).next() {
            return Err(HolidayError::Both(*d));
        }
        Ok(t)
    }

    /// The shipped table. It is checked by a unit test, so falling back to an empty table cannot happen in a
    /// released build; it only keeps this path free of a panic.
    pub fn builtin() -> HolidayTable {
        HolidayTable::from_json(BUILTIN_HOLIDAYS).unwrap_or_default()
    }

    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    pub fn day_kind(&self, d: NaiveDate) -> DayKind {
        if self.holidays.contains(&d) {
            DayKind::Holiday
        } else if self.workdays.contains(&d) {
            DayKind::AdjustedWorkday
        } else if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        }
    }

    pub fn is_rest_day(&self, d: NaiveDate) -> bool {
        self.day_kind(d).is_rest()
    }

    /// A stable fingerprint of the table's content, so stored deadlines can be recomputed when it changes.
    pub fn fingerprint(&self) -> String {
        let mut s = String::new();
        for d in &self.holidays {
            s.push_str(&format!("h{d}"));
        }
        for d in &self.workdays {
            s.push_str(&format!("w{d}"));
        }
        for y in &self.years {
            s.push_str(&format!("y{y}"));
        }
        fnv1a(&s)
    }
}

/// FNV-1a, 64 bit: a hash that stays the same across Rust versions (std's does not promise that).
pub fn fnv1a(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    Workday,
    Weekend,
    Holiday,
    AdjustedWorkday,
}

impl DayKind {
    pub fn is_rest(self) -> bool {
        matches!(self, DayKind::Weekend | DayKind::Holiday)
    }
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            DayKind::Workday => K::DayWorkday,
            DayKind::Weekend => K::DayWeekend,
            DayKind::Holiday => K::DayHoliday,
            DayKind::AdjustedWorkday => K::DayAdjusted,
        })
    }
}

/// A period counted from a start day that is not itself counted (Civil Code Art. 201).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Days(u32),
    Months(u32),
}

impl Period {
    /// The last day of the period, before any roll-forward; `None` only past the calendar's range.
    pub fn end(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(n) => start.checked_add_days(Days::new(u64::from(n))),
            // chrono clamps to the month's last day, as Art. 202 requires (12-31 + 2 months = 02-28/29).
            Period::Months(n) => start.checked_add_months(Months::new(n)),
        }
    }

    fn describe(self, lang: Lang) -> String {
        match self {
            Period::Days(1) => lang.t(K::PeriodDay1).to_string(),
            Period::Months(1) => lang.t(K::PeriodMonth1).to_string(),
            Period::Days(n) => lang.f(K::PeriodDays, &[&n]),
            Period::Months(n) => lang.f(K::PeriodMonths, &[&n]),
        }
    }
}

/// What a deadline is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    Received,
    Issued,
    Decided,
    Replied,
    /// The latest return visit or look-back check.
    Visited,
}

impl Base {
    fn key(self) -> K {
        match self {
            Base::Received => K::BaseReceived,
            Base::Issued => K::BaseIssued,
            Base::Decided => K::BaseDecided,
            Base::Replied => K::BaseReplied,
            Base::Visited => K::BaseVisited,
        }
    }
}

/// How the end of a period was found; enough to explain the date in either language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum Origin {
    Counted {
        base: Base,
        from: NaiveDate,
        period: Period,
        clamped: bool,
    },
    Stated,
}

/// A computed deadline with everything needed to explain it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The deadline after roll-forward: the last day on which the act is on time.
    pub date: NaiveDate,
    /// The period's last day before roll-forward.
    pub raw: NaiveDate,
    pub origin: Origin,
    pub raw_kind: DayKind,
    pub rolled: bool,
    /// Years the computation touched that the holiday table does not cover.
    pub uncovered: Vec<i32>,
}

/// The part of the rules the engine needs.
#[derive(Clone, Copy, Debug)]
pub struct Calendar<'a> {
    pub table: &'a HolidayTable,
    pub roll_forward: bool,
}

impl Calendar<'_> {
    /// End of `period` counted from `from`, rolled to a working day if that is on.
    pub fn counted(&self, base: Base, from: NaiveDate, period: Period) -> Option<Deadline> {
        let raw = period.end(from)?;
        let clamped = matches!(period, Period::Months(_)) && raw.day() != from.day();
        Some(self.finish(
            raw,
            Origin::Counted {
                base,
                from,
                period,
                clamped,
            },
        ))
    }

    /// A deadline written in the document itself; it wins over the default period.
    pub fn stated(&self, date: NaiveDate) -> Deadline {
        self.finish(date, Origin::Stated)
    }

    fn finish(&self, raw: NaiveDate, origin: Origin) -> Deadline {
        let mut uncovered = BTreeSet::new();
        let mut note = |d: NaiveDate| {
            if !self.table.covers(d.year()) {
                uncovered.insert(d.year());
            }
        };
        note(raw);
        let raw_kind = self.table.day_kind(raw);
        let mut date = raw;
        if self.roll_forward {
            // Bounded: no real table has a month of consecutive rest days.
            for _ in 0..40 {
                if !self.table.is_rest_day(date) {
                    break;
                }
                match date.succ_opt() {
                    Some(n) => date = n,
                    None => break,
                }
                note(date);
            }
        }
        Deadline {
            date,
            raw,
            origin,
            raw_kind,
            rolled: date != raw,
            uncovered: uncovered.into_iter().collect(),
        }
    }
}

impl Deadline {
    /// "received 2026-03-15 + 2 months = 2026-05-15; 2026-05-15 is a working day".
    pub fn explain(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Zh { "；" } else { "; " };
        let mut parts = Vec::new();
        match &self.origin {
            Origin::Counted {
                base,
                from,
                period,
                clamped,
            } => {
                let mut s = lang.f(
                    K::ExSum,
                    &[&lang.t(base.key()), from, &period.describe(lang), &self.raw],
                );
                if *clamped {
                    s.push_str(lang.t(K::ExMonthEnd));
                }
                parts.push(s);
            }
            Origin::Stated => parts.push(lang.f(K::ExStated, &[&self.raw])),
        }
        let raw = self.raw;
        parts.push(match (self.raw_kind, self.rolled) {
            (_, true) if self.raw_kind == DayKind::Holiday => {
                lang.f(K::ExRolledHoliday, &[&raw, &self.date])
            }
            (_, true) => lang.f(K::ExRolledWeekend, &[&raw, &self.date]),
            (DayKind::AdjustedWorkday, false) => lang.f(K::ExAdjusted, &[&raw]),
            (DayKind::Workday, false) => lang.f(K::ExWorkday, &[&raw]),
            (_, false) => lang.f(K::ExNoRoll, &[&raw]),
        });
        for y in &self.uncovered {
            parts.push(lang.f(K::ExNoTable, &[y]));
        }
        parts.join(sep)
    }
}

/// Signed whole days from `a` to `b` (positive when `b` is later).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// `d` moved by `n` days, saturating at the calendar's ends instead of failing.
pub fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let r = if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    r.unwrap_or(if n >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    fn cal(table: &HolidayTable) -> Calendar<'_> {
        Calendar {
            table,
            roll_forward: true,
        }
    }

    #[test]
    fn builtin_table_parses_and_covers_2024_to_2026() {
        let t = HolidayTable::from_json(BUILTIN_HOLIDAYS);
        assert!(t.is_ok(), "{t:?}");
        let t = HolidayTable::builtin();
        assert!(t.covers(2024) && t.covers(2025) && t.covers(2026) && !t.covers(2027));
        assert_eq!(t.day_kind(d("2026-10-01")), DayKind::Holiday);
        assert_eq!(t.day_kind(d("2026-02-28")), DayKind::AdjustedWorkday);
        assert_eq!(t.day_kind(d("2026-11-28")), DayKind::Weekend);
        assert_eq!(t.day_kind(d("2026-11-27")), DayKind::Workday);
    }

    #[test]
    fn month_end_clamps_and_adjusted_working_day_stays() {
        let t = HolidayTable::builtin();
        // 2026-02-28 is a Saturday but an adjusted working day, so no roll-forward.
        let dl = cal(&t).counted(Base::Received, d("2025-12-31"), Period::Months(2));
        let dl = dl.unwrap_or_else(|| cal(&t).stated(NaiveDate::MIN));
        assert_eq!(dl.date, d("2026-02-28"));
        assert!(!dl.rolled);
        assert_eq!(dl.raw_kind, DayKind::AdjustedWorkday);
        let en = dl.explain(Lang::En);
        assert!(
            en.contains("received 2025-12-31 + 2 months = 2026-02-28"),
            "{en}"
        );
        assert!(
            en.contains("last day") && en.contains("adjusted working day"),
            "{en}"
        );
        let zh = dl.explain(Lang::Zh);
        assert!(
            zh.contains("收到日期 2025-12-31 + 2个月 = 2026-02-28") && zh.contains("调休"),
            "{zh}"
        );
    }

    #[test]
    fn holiday_rolls_to_next_working_day() {
        let t = HolidayTable::builtin();
        // Received 2026-08-01 + 2 months = 2026-10-01, National Day; the holiday runs to 10-07,
        // so the first working day is 10-08.
        let dl = cal(&t).counted(Base::Received, d("2026-08-01"), Period::Months(2));
        assert_eq!(dl.as_ref().map(|x| x.date), Some(d("2026-10-08")));
        let text = dl.map(|x| x.explain(Lang::En)).unwrap_or_default();
        assert!(
            text.contains("statutory holiday; rolled forward to 2026-10-08"),
            "{text}"
        );
    }

    #[test]
    fn ordinary_weekend_rolls_to_monday() {
        let t = HolidayTable::builtin();
        // 2026-11-28 is an ordinary Saturday.
        let dl = cal(&t).counted(Base::Issued, d("2026-11-23"), Period::Days(5));
        assert_eq!(
            dl.as_ref().map(|x| (x.raw, x.date)),
            Some((d("2026-11-28"), d("2026-11-30")))
        );
        assert!(
            dl.map(|x| x.explain(Lang::En))
                .unwrap_or_default()
                .contains("weekend day")
        );
    }

    #[test]
    fn roll_forward_can_be_switched_off() {
        let t = HolidayTable::builtin();
        let c = Calendar {
            table: &t,
            roll_forward: false,
        };
        let dl = c.counted(Base::Issued, d("2026-11-23"), Period::Days(5));
        assert_eq!(dl.as_ref().map(|x| x.date), Some(d("2026-11-28")));
        assert!(
            dl.map(|x| x.explain(Lang::En))
                .unwrap_or_default()
                .contains("switched off")
        );
    }

    #[test]
    fn stated_deadline_is_used_as_written() {
        let t = HolidayTable::builtin();
        let dl = cal(&t).stated(d("2026-06-10"));
        assert_eq!(dl.date, d("2026-06-10"));
        assert_eq!(
            dl.explain(Lang::En),
            "deadline stated in the document: 2026-06-10; 2026-06-10 is a working day"
        );
    }

    #[test]
    fn leap_day_counting() {
        let t = HolidayTable::builtin();
        // 2024-02-29 + 1 month = 2024-03-29 (a Friday, working day).
        let dl = cal(&t).counted(Base::Received, d("2024-02-29"), Period::Months(1));
        assert_eq!(dl.map(|x| x.date), Some(d("2024-03-29")));
        // 2023-12-29 + 2 months = 2024-02-29 exists in a leap year: no clamping.
        let dl = cal(&t).counted(Base::Received, d("2023-12-29"), Period::Months(2));
        assert_eq!(dl.as_ref().map(|x| x.raw), Some(d("2024-02-29")));
        assert!(
            !dl.map(|x| x.explain(Lang::En))
                .unwrap_or_default()
                .contains("last day")
        );
        // 2024-02-29 + 12 months clamps to 2025-02-28 (Friday).
        let dl = cal(&t).counted(Base::Received, d("2024-02-29"), Period::Months(12));
        assert_eq!(dl.map(|x| x.date), Some(d("2025-02-28")));
    }

    #[test]
    fn a_date_past_the_table_says_so() {
        let t = HolidayTable::builtin();
        // 2027-01-01 is a Friday; without a 2027 table only weekends count, so it stays.
        let dl = cal(&t).counted(Base::Received, d("2026-11-01"), Period::Months(2));
        let dl = dl.unwrap_or_else(|| cal(&t).stated(NaiveDate::MIN));
        assert_eq!(dl.date, d("2027-01-01"));
        assert_eq!(dl.uncovered, vec![2027]);
        assert!(
            dl.explain(Lang::En)
                .contains("no holiday table covers 2027")
        );
        assert!(dl.explain(Lang::Zh).contains("2027 年无节假日表"));
    }

    #[test]
    fn bad_tables_are_refused() {
        assert!(matches!(
            HolidayTable::from_json("{"),
            Err(HolidayError::Parse(_))
        ));
        let both = r#"{"holidays":{"2026":["2026-01-01"]},"workdays":{"2026":["2026-01-01"]}}"#;
        assert_eq!(
            HolidayTable::from_json(both),
            Err(HolidayError::Both(d("2026-01-01")))
        );
        let wrong = r#"{"holidays":{"2026":["2020-01-01"]}}"#;
        assert!(matches!(
            HolidayTable::from_json(wrong),
            Err(HolidayError::WrongYear { .. })
        ));
    }

    #[test]
    fn fingerprint_changes_with_content() {
        let a = HolidayTable::builtin();
        let b =
            HolidayTable::from_json(r#"{"holidays":{"2026":["2026-01-01"]}}"#).unwrap_or_default();
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint(), HolidayTable::builtin().fingerprint());
    }
}
