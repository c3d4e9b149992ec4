//! The year in view: periods, narrowing, and the pure figures (rates with numerator and denominator, days to
//! reply, changes against the previous period, the industry risk table) computed from counts the store
//! gathers with SQL aggregates. Nothing here reads a record; every figure is a function of counts.
//!
//! The period rule (DOMAIN.md section 4, a design choice stated in every report): a suggestion counts in the
//! period of its issue date, and its reply, adoption, rectification and return visit count with it, whenever
//! they came.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::activity::Plan;
use super::codes::ActivityKind;
use super::deadline::days_between;
use crate::i18n::{K, Lang};

pub mod checks;
mod drill;
mod period;

pub use drill::{CaseGroup, Drill, SuggestionGroup, SuggestionSet};
use period::ymd;
pub use period::{Narrow, Period, PeriodKind};

/// A rate as official figures give it: numerator, denominator, and the percent with two decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub num: i64,
    pub den: i64,
}

impl Rate {
    pub fn new(num: i64, den: i64) -> Rate {
        Rate { num, den }
    }
    /// Hundredths of a percent, rounded half up in integers (so 83.785 never becomes 83.78 by a float);
    /// `None` when the denominator is 0.
    pub fn basis(&self) -> Option<i64> {
        if self.den <= 0 {
            return None;
        }
        // Half away from zero, on the magnitude, so a fall rounds like a rise.
        let n = i128::from(self.num.abs()) * 20_000 + i128::from(self.den);
        let b = i64::try_from(n / (2 * i128::from(self.den))).ok()?;
        Some(if self.num < 0 { -b } else { b })
    }
    /// `83.79%`, or `—` when the denominator is 0.
    pub fn percent_text(&self) -> String {
        match self.basis() {
            Some(b) => format!("{}%", hundredths(b)),
            None => "—".to_string(),
        }
    }
    /// `305 / 364 = 83.79%`; `0 / 0 = —`.
    pub fn text(&self) -> String {
        format!("{} / {} = {}", self.num, self.den, self.percent_text())
    }
    /// The percent as a number (for spreadsheets and scripts), two decimals.
    pub fn percent(&self) -> Option<f64> {
        self.basis().map(|b| b as f64 / 100.0)
    }
}

impl Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Rate", 4)?;
        st.serialize_field("num", &self.num)?;
        st.serialize_field("den", &self.den)?;
        st.serialize_field("percent", &self.percent())?;
        st.serialize_field("text", &self.text())?;
        st.end()
    }
}

/// `12345` hundredths as `123.45`, with the sign in front.
fn hundredths(b: i64) -> String {
    let sign = if b < 0 { "-" } else { "" };
    let a = b.abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// The rates of section 4 of DOMAIN.md, each naming its denominator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    /// replies ÷ issued
    Reply,
    /// adopted (fully or partly) ÷ replies
    Adoption,
    /// adopted (fully or partly) ÷ issued, the other denominator official figures use
    AdoptionOfIssued,
    /// replies on or before the due date ÷ replies
    OnTime,
    /// fully rectified ÷ replies
    Rectification,
    /// return visited after the reply ÷ replies
    ReturnVisit,
}

impl RateKind {
    pub const ALL: [RateKind; 6] = [
        RateKind::Reply,
        RateKind::Adoption,
        RateKind::AdoptionOfIssued,
        RateKind::OnTime,
        RateKind::Rectification,
        RateKind::ReturnVisit,
    ];
    pub fn code(self) -> &'static str {
        match self {
            RateKind::Reply => "reply",
            RateKind::Adoption => "adoption",
            RateKind::AdoptionOfIssued => "adoption_of_issued",
            RateKind::OnTime => "on_time",
            RateKind::Rectification => "rectification",
            RateKind::ReturnVisit => "return_visit",
        }
    }
    pub fn key(self) -> K {
        match self {
            RateKind::Reply => K::StRateReply,
            RateKind::Adoption => K::StRateAdoption,
            RateKind::AdoptionOfIssued => K::StRateAdoptionIssued,
            RateKind::OnTime => K::StRateOnTime,
            RateKind::Rectification => K::StRateRect,
            RateKind::ReturnVisit => K::StRateVisit,
        }
    }
    /// How it is counted, for the report's notes.
    pub fn basis_key(self) -> K {
        match self {
            RateKind::Reply => K::StBasisReply,
            RateKind::Adoption => K::StBasisAdoption,
            RateKind::AdoptionOfIssued => K::StBasisAdoptionIssued,
            RateKind::OnTime => K::StBasisOnTime,
            RateKind::Rectification => K::StBasisRect,
            RateKind::ReturnVisit => K::StBasisVisit,
        }
    }
    pub fn of(self, s: &SuggestionCounts) -> Rate {
        let adopted = s.adopted + s.partly_adopted;
        match self {
            RateKind::Reply => Rate::new(s.replied, s.issued),
            RateKind::Adoption => Rate::new(adopted, s.replied),
            RateKind::AdoptionOfIssued => Rate::new(adopted, s.issued),
            RateKind::OnTime => Rate::new(s.on_time, s.replied),
            RateKind::Rectification => Rate::new(s.fully_rectified, s.replied),
            RateKind::ReturnVisit => Rate::new(s.visited, s.replied),
        }
    }
}

/// The suggestion counts of one period (issued in it, by the period rule).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SuggestionCounts {
    /// Issued in the period and not withdrawn.
    pub issued: i64,
    /// Issued in the period and later withdrawn (left out of every other figure).
    pub withdrawn: i64,
    pub replied: i64,
    pub adopted: i64,
    pub partly_adopted: i64,
    pub not_adopted: i64,
    pub fully_rectified: i64,
    pub partly_rectified: i64,
    pub not_rectified: i64,
    /// Replied on or before the reply due date.
    pub on_time: i64,
    /// Replied and return visited (or looked back at) on or after the reply.
    pub visited: i64,
    /// Not replied by the period's end although the reply was due before it.
    pub overdue_at_end: i64,
    /// Not replied (as of the report).
    pub unreplied: i64,
    /// Days from receipt to reply, as (days, how many replies): the histogram averages and medians come from.
    pub reply_days: Vec<(i64, i64)>,
}

impl SuggestionCounts {
    pub fn rate(&self, kind: RateKind) -> Rate {
        kind.of(self)
    }
    /// Average days from receipt to reply, `None` without replies.
    pub fn average_days(&self) -> Option<f64> {
        let n: i64 = self.reply_days.iter().map(|(_, c)| c).sum();
        let sum: i64 = self.reply_days.iter().map(|(d, c)| d * c).sum();
        (n > 0).then(|| sum as f64 / n as f64)
    }
    /// Median days from receipt to reply (the mean of the two middle values for an even count).
    pub fn median_days(&self) -> Option<f64> {
        median(&self.reply_days)
    }
    /// Adds another group's or office's counts; histograms are merged so the median stays exact.
    pub fn add(&mut self, o: &SuggestionCounts) {
        self.issued += o.issued;
        self.withdrawn += o.withdrawn;
        self.replied += o.replied;
        self.adopted += o.adopted;
        self.partly_adopted += o.partly_adopted;
        self.not_adopted += o.not_adopted;
        self.fully_rectified += o.fully_rectified;
        self.partly_rectified += o.partly_rectified;
        self.not_rectified += o.not_rectified;
        self.on_time += o.on_time;
        self.visited += o.visited;
        self.overdue_at_end += o.overdue_at_end;
        self.unreplied += o.unreplied;
        let mut h: BTreeMap<i64, i64> = self.reply_days.iter().copied().collect();
        for (d, c) in &o.reply_days {
            *h.entry(*d).or_default() += c;
        }
        self.reply_days = h.into_iter().collect();
    }
}

/// The median of a histogram of (value, count) pairs.
pub fn median(hist: &[(i64, i64)]) -> Option<f64> {
    let mut h: Vec<(i64, i64)> = hist.iter().copied().filter(|(_, c)| *c > 0).collect();
    h.sort_unstable();
    let n: i64 = h.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    // The values at 0-based positions (n-1)/2 and n/2 of the sorted list.
    let at = |pos: i64| {
        let mut seen = 0;
        for (v, c) in &h {
            seen += c;
            if pos < seen {
                return *v;
            }
        }
        h.last().map_or(0, |(v, _)| *v)
    };
    Some((at((n - 1) / 2) + at(n / 2)) as f64 / 2.0)
}

/// One value of a breakdown with its suggestion figures (a category, an industry, a month ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Group {
    pub key: String,
    pub issued: i64,
    pub replied: i64,
    pub adopted: i64,
    pub fully_rectified: i64,
}

/// One value of a count breakdown (a crime type, an activity kind ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub key: String,
    pub count: i64,
}

/// Amount bands of cases (a design choice: the bands county reports commonly use), as lower bounds in fen.
pub const AMOUNT_BANDS: [(&str, i64); 5] = [
    ("under_10k", 0),
    ("10k_100k", 1_000_000),
    ("100k_500k", 10_000_000),
    ("500k_1m", 50_000_000),
    ("over_1m", 100_000_000),
];
/// The band of cases without a recorded amount.
pub const AMOUNT_UNKNOWN: &str = "unknown";

pub fn amount_band_key(code: &str) -> K {
    match code {
        "under_10k" => K::StBandUnder10k,
        "10k_100k" => K::StBand10k,
        "100k_500k" => K::StBand100k,
        "500k_1m" => K::StBand500k,
        "over_1m" => K::StBandOver1m,
        _ => K::StBandUnknown,
    }
}

/// Cases filed (立案) in the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CaseCounts {
    pub total: i64,
    /// Sum of the recorded amounts, in fen.
    pub amount_fen: i64,
    pub by_crime_type: Vec<Tally>,
    pub by_industry: Vec<Tally>,
    pub by_source: Vec<Tally>,
    pub by_status: Vec<Tally>,
    pub by_amount_band: Vec<Tally>,
}

/// Everything counted for one period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub suggestions: SuggestionCounts,
    pub by_category: Vec<Group>,
    pub by_legal_type: Vec<Group>,
    pub by_service_method: Vec<Group>,
    pub by_industry: Vec<Group>,
    pub by_region: Vec<Group>,
    /// Per month of issue (`YYYY-MM`).
    pub by_month: Vec<Group>,
    pub cases: CaseCounts,
    /// Prevention work done in the period, by kind code.
    pub activities: Vec<Tally>,
}

fn merge_groups(into: &mut Vec<Group>, from: &[Group]) {
    for g in from {
        match into.iter_mut().find(|x| x.key == g.key) {
            Some(x) => {
                x.issued += g.issued;
                x.replied += g.replied;
                x.adopted += g.adopted;
                x.fully_rectified += g.fully_rectified;
            }
            None => into.push(g.clone()),
        }
    }
    into.sort_by(|a, b| b.issued.cmp(&a.issued).then_with(|| a.key.cmp(&b.key)));
}

fn merge_tallies(into: &mut Vec<Tally>, from: &[Tally]) {
    for t in from {
        match into.iter_mut().find(|x| x.key == t.key) {
            Some(x) => x.count += t.count,
            None => into.push(t.clone()),
        }
    }
    into.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
}

impl Counts {
    /// Adds another office's counts (the roll-up): sums, and histograms merged so the median stays exact.
    pub fn add(&mut self, o: &Counts) {
        self.suggestions.add(&o.suggestions);
        merge_groups(&mut self.by_category, &o.by_category);
        merge_groups(&mut self.by_legal_type, &o.by_legal_type);
        merge_groups(&mut self.by_service_method, &o.by_service_method);
        merge_groups(&mut self.by_industry, &o.by_industry);
        merge_groups(&mut self.by_region, &o.by_region);
        merge_groups(&mut self.by_month, &o.by_month);
        self.by_month.sort_by(|a, b| a.key.cmp(&b.key));
        let c = &mut self.cases;
        c.total += o.cases.total;
        c.amount_fen += o.cases.amount_fen;
        merge_tallies(&mut c.by_crime_type, &o.cases.by_crime_type);
        merge_tallies(&mut c.by_industry, &o.cases.by_industry);
        merge_tallies(&mut c.by_source, &o.cases.by_source);
        merge_tallies(&mut c.by_status, &o.cases.by_status);
        merge_tallies(&mut c.by_amount_band, &o.cases.by_amount_band);
        merge_tallies(&mut self.activities, &o.activities);
    }

    /// Prevention work done of `kind`.
    pub fn done(&self, kind: ActivityKind) -> i64 {
        self.activities
            .iter()
            .find(|t| t.key == kind.code())
            .map_or(0, |t| t.count)
    }
}

/// A count now and in the previous period, and how it moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub now: i64,
    pub before: i64,
}

impl Change {
    pub fn new(now: i64, before: i64) -> Change {
        Change { now, before }
    }
    pub fn diff(&self) -> i64 {
        self.now - self.before
    }
    /// `+3 (+25.00%)`, `-2 (-10.00%)`, `0`, or `+4` when there was nothing before.
    pub fn text(&self) -> String {
        let d = self.diff();
        if d == 0 {
            return "0".to_string();
        }
        let sign = if d > 0 { "+" } else { "" };
        match Rate::new(d, self.before).basis() {
            Some(b) => format!("{sign}{d} ({sign}{}%)", hundredths(b)),
            None => format!("{sign}{d}"),
        }
    }
}

/// How a rate moved, in percentage points (`+3.21 pp` / `+3.21个百分点`); `—` when either side has no
/// denominator.
pub fn points_text(now: Rate, before: Rate, lang: Lang) -> String {
    match (now.basis(), before.basis()) {
        (Some(a), Some(b)) => {
            let d = a - b;
            let sign = if d > 0 { "+" } else { "" };
            lang.f(K::StPoints, &[&format!("{sign}{}", hundredths(d))])
        }
        _ => "—".to_string(),
    }
}

/// Days formatted with one decimal, or `—`.
pub fn days_text(d: Option<f64>) -> String {
    d.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// One industry's counts for the risk table, as the store gathers them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RiskCounts {
    pub industry: String,
    /// Cases filed in the window of the last N years.
    pub cases: i64,
    /// Similar-cases suggestions issued to units of the industry up to the window's end (ever).
    pub similar: i64,
    /// Industry (system) suggestions, likewise.
    pub industry_suggestions: i64,
    pub key_demo: i64,
    pub key_contact: i64,
}

/// A row of the industry risk table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RiskRow {
    #[serde(flatten)]
    pub counts: RiskCounts,
    /// Cases recur (two or more in the window) but no similar-cases or industry suggestion was ever issued:
    /// the "prevention disconnected from cases" the source warns about.
    pub flagged: bool,
}

/// Ranks industries by cases (most first, then by name), flagging recurring cases without a
/// similar-cases or industry suggestion. Industries without cases in the window are left out.
pub fn risk_table(mut rows: Vec<RiskCounts>) -> Vec<RiskRow> {
    rows.retain(|r| r.cases > 0);
    rows.sort_by(|a, b| {
        b.cases
            .cmp(&a.cases)
            .then_with(|| a.industry.cmp(&b.industry))
    });
    rows.into_iter()
        .map(|counts| RiskRow {
            flagged: counts.cases >= 2 && counts.similar + counts.industry_suggestions == 0,
            counts,
        })
        .collect()
}

/// The window of the risk table: the last `years` years ending on `end` (both included).
pub fn risk_window(end: NaiveDate, years: u32) -> NaiveDate {
    let y = end.year() - i32::try_from(years.max(1)).unwrap_or(1);
    end.with_year(y)
        .or_else(|| ymd(y, end.month(), 28))
        .and_then(|d| d.succ_opt())
        .unwrap_or(end)
}

/// Prevention work of one kind against the plan's target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub kind: String,
    pub done: i64,
    pub target: Option<i64>,
}

impl Progress {
    /// `done / target = p%` when there is a target.
    pub fn rate(&self) -> Option<Rate> {
        self.target.map(|t| Rate::new(self.done, t))
    }
}

/// Every shown kind with work done or a target, in the kinds' order, then the suggestions against their
/// target (kind `suggestions`). Historical kinds appear only when work of them was done.
pub fn plan_progress(plan: Option<&Plan>, counts: &Counts) -> Vec<Progress> {
    let mut out: Vec<Progress> = ActivityKind::ALL
        .iter()
        .filter_map(|k| {
            let target = plan.and_then(|p| p.targets.get(k).copied());
            let done = counts.done(*k);
            (done > 0 || target.is_some()).then(|| Progress {
                kind: k.code().to_string(),
                done,
                target,
            })
        })
        .collect();
    out.push(Progress {
        kind: "suggestions".to_string(),
        done: counts.suggestions.issued,
        target: plan.and_then(|p| p.suggestion_target),
    });
    out
}

/// A reply overdue at the period's end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverdueItem {
    pub id: i64,
    pub doc_no: String,
    pub unit: String,
    pub reply_due: NaiveDate,
    /// Replied after the period's end, if it has been since.
    pub replied_on: Option<NaiveDate>,
    /// Days past the due date at the period's end.
    pub days_overdue: i64,
}

impl OverdueItem {
    /// The rule of the daily check (`Suggestion::state`: overdue when the day is past the due date), taken
    /// on the period's end.
    pub fn days_at(reply_due: NaiveDate, as_of: NaiveDate) -> i64 {
        days_between(reply_due, as_of)
    }
}

/// A replied suggestion whose rectification was not complete at the period's end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenRectification {
    pub id: i64,
    pub doc_no: String,
    pub unit: String,
    pub replied_on: NaiveDate,
    /// The rectification recorded now (`full` when it was completed after the period's end).
    pub rectification: Option<String>,
}

#[cfg(test)]
mod tests;
