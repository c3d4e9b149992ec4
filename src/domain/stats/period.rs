//! Periods (a year, a half, a quarter, any dates) with their previous period and label, and the narrowing
//! of the year in view to one unit, industry or region.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::i18n::{K, Lang};

/// Which kind of period, for its label and for the plan it is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PeriodKind {
    Year { year: i32 },
    Half { year: i32, half: u8 },
    Quarter { year: i32, quarter: u8 },
    Range,
}

/// A closed range of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(flatten)]
    pub kind: PeriodKind,
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The last day of month `m` of year `y`.
fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

impl Period {
    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            from: ymd(year, 1, 1)?,
            to: ymd(year, 12, 31)?,
            kind: PeriodKind::Year { year },
        })
    }
    pub fn half(year: i32, half: u8) -> Option<Period> {
        let (a, b) = match half {
            1 => (1, 6),
            2 => (7, 12),
            _ => return None,
        };
        Some(Period {
            from: ymd(year, a, 1)?,
            to: month_end(year, b)?,
            kind: PeriodKind::Half { year, half },
        })
    }
    pub fn quarter(year: i32, quarter: u8) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let first = u32::from(quarter) * 3 - 2;
        Some(Period {
            from: ymd(year, first, 1)?,
            to: month_end(year, first + 2)?,
            kind: PeriodKind::Quarter { year, quarter },
        })
    }
    /// From `from` to `to`, both included; `None` when they are in the wrong order.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period {
            from,
            to,
            kind: PeriodKind::Range,
        })
    }

    /// The same period a year earlier (year-on-year, as official reports compare): the previous year, the
    /// same half or quarter of the previous year, or the same dates a year earlier (29 February becomes 28).
    pub fn previous(&self) -> Period {
        let back = |d: NaiveDate| {
            d.with_year(d.year() - 1)
                .or_else(|| ymd(d.year() - 1, d.month(), 28))
                .unwrap_or(d)
        };
        let kind = match self.kind {
            PeriodKind::Year { year } => PeriodKind::Year { year: year - 1 },
            PeriodKind::Half { year, half } => PeriodKind::Half {
                year: year - 1,
                half,
            },
            PeriodKind::Quarter { year, quarter } => PeriodKind::Quarter {
                year: year - 1,
                quarter,
            },
            PeriodKind::Range => PeriodKind::Range,
        };
        let to = match self.kind {
            // A range ending on 29 February ends on the last day of February a year earlier.
            PeriodKind::Range => back(self.to),
            _ => month_end(self.to.year() - 1, self.to.month()).unwrap_or(self.to),
        };
        Period {
            from: back(self.from),
            to,
            kind,
        }
    }

    /// The day the "at the period's end" figures are taken: the period's last day, or today while the
    /// period is still running.
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.to.min(today)
    }

    /// The plan year this period is measured against, when it lies within one year.
    pub fn plan_year(&self) -> Option<i32> {
        (self.from.year() == self.to.year()).then_some(self.from.year())
    }

    pub fn label(&self, lang: Lang) -> String {
        match self.kind {
            PeriodKind::Year { year } => lang.f(K::StPeriodYear, &[&year]),
            PeriodKind::Half { year, half: 1 } => lang.f(K::StPeriodH1, &[&year]),
            PeriodKind::Half { year, .. } => lang.f(K::StPeriodH2, &[&year]),
            PeriodKind::Quarter { year, quarter } => {
                let q = match (lang, quarter) {
                    (Lang::Zh, 1) => "一".to_string(),
                    (Lang::Zh, 2) => "二".to_string(),
                    (Lang::Zh, 3) => "三".to_string(),
                    (Lang::Zh, _) => "四".to_string(),
                    (Lang::En, q) => q.to_string(),
                };
                lang.f(K::StPeriodQuarter, &[&year, &q])
            }
            PeriodKind::Range => lang.f(K::StPeriodRange, &[&self.from, &self.to]),
        }
    }
}

/// Narrows every figure to one recipient or case unit, one industry, or one region (each optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Narrow {
    pub unit: Option<i64>,
    pub industry: Option<String>,
    pub region: Option<String>,
}

impl Narrow {
    pub fn is_empty(&self) -> bool {
        self.unit.is_none() && self.industry.is_none() && self.region.is_none()
    }
}
