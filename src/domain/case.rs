//! Duty-crime cases and the case follow-up gap rule (打防脱节: a closed case nobody analysed).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::{CaseSource, CaseStatus, CrimeType};
use super::deadline::days_between;
use super::settings::Rules;
use super::validate::{Checker, FieldError, Problem};
use crate::i18n::K;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    pub case_no: String,
    pub source: CaseSource,
    #[serde(default)]
    pub suspect: String,
    #[serde(default)]
    pub post: String,
    pub unit_id: Option<i64>,
    pub crime_type: CrimeType,
    /// Amount involved, in fen (1/100 yuan), so sums never round.
    pub amount_fen: Option<i64>,
    pub status: CaseStatus,
    pub filed_on: Option<NaiveDate>,
    pub prosecuted_on: Option<NaiveDate>,
    pub judged_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    #[serde(default)]
    pub summary: String,
}

/// What a case still lacks, and since when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseGap {
    pub since: NaiveDate,
    pub days: i64,
    pub missing_analysis: bool,
    pub missing_suggestion: bool,
}

impl CaseGap {
    /// "no crime analysis, no suggestion" in `lang`.
    pub fn missing_text(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::missing_follow_up(lang, self.missing_analysis, self.missing_suggestion)
    }
}

impl Case {
    pub fn new(case_no: &str) -> Case {
        Case {
            id: 0,
            version: 0,
            case_no: case_no.to_string(),
            source: CaseSource::Transferred,
            suspect: String::new(),
            post: String::new(),
            unit_id: None,
            crime_type: CrimeType::BribeTaking,
            amount_fen: None,
            status: CaseStatus::Filed,
            filed_on: None,
            prosecuted_on: None,
            judged_on: None,
            closed_on: None,
            summary: String::new(),
        }
    }

    /// When the prevention follow-up clock starts: the case was prosecuted or closed (the earlier of the two;
    /// a judgment implies prosecution).
    pub fn gap_from(&self) -> Option<NaiveDate> {
        [self.prosecuted_on, self.judged_on, self.closed_on]
            .into_iter()
            .flatten()
            .min()
    }

    /// The gap rule (DOMAIN.md 3): prosecuted or closed more than `gap_days` ago and still without a done crime
    /// analysis of this case, or without any (not withdrawn) suggestion linked to it.
    pub fn gap(
        &self,
        has_analysis: bool,
        has_suggestion: bool,
        today: NaiveDate,
        rules: &Rules,
    ) -> Option<CaseGap> {
        let since = self.gap_from()?;
        if since >= rules.gap_started_before(today) || (has_analysis && has_suggestion) {
            return None;
        }
        Some(CaseGap {
            since,
            days: days_between(since, today),
            missing_analysis: !has_analysis,
            missing_suggestion: !has_suggestion,
        })
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        c.required_text(K::FCaseNo, &self.case_no);
        c.max_len(K::FCaseNo, &self.case_no, 60);
        if self.amount_fen.is_some_and(|a| a < 0) {
            c.push(K::FAmount, Problem::Negative);
        }
        c.order(
            (K::FFiledOn, self.filed_on),
            (K::FProsecutedOn, self.prosecuted_on),
        );
        c.order((K::FFiledOn, self.filed_on), (K::FClosedOn, self.closed_on));
        c.order(
            (K::FProsecutedOn, self.prosecuted_on),
            (K::FJudgedOn, self.judged_on),
        );
        c.order(
            (K::FJudgedOn, self.judged_on),
            (K::FClosedOn, self.closed_on),
        );
        for (k, d) in [
            (K::FFiledOn, self.filed_on),
            (K::FProsecutedOn, self.prosecuted_on),
            (K::FJudgedOn, self.judged_on),
            (K::FClosedOn, self.closed_on),
        ] {
            c.not_future(k, d, today);
        }
        // The status must be backed by its date, so the gap rule has something to count from.
        match self.status {
            CaseStatus::Prosecuted => c.required(K::FProsecutedOn, &self.prosecuted_on),
            CaseStatus::Judged => c.required(K::FJudgedOn, &self.judged_on),
            CaseStatus::Closed => c.required(K::FClosedOn, &self.closed_on),
            CaseStatus::Filed | CaseStatus::Investigating => {}
        }
        c.finish()
    }
}

/// How an amount in fen is written as yuan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YuanStyle {
    /// For reading: thousands grouped, two decimals (`12,345.67`).
    Grouped,
    /// For spreadsheets: no grouping, two decimals (`12345.67`), so a cell reads as a number.
    Plain,
    /// For typing over: no grouping, decimals only when there are fen (`12345`, `12345.60`).
    Input,
}

/// Amount in fen as yuan text in `style`; the one place fen become yuan.
pub fn yuan_text(fen: i64, style: YuanStyle) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let f = fen.unsigned_abs();
    let (yuan, rest) = ((f / 100).to_string(), f % 100);
    let whole = match style {
        YuanStyle::Grouped => {
            let mut grouped = String::new();
            for (i, ch) in yuan.chars().enumerate() {
                if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(ch);
            }
            grouped
        }
        YuanStyle::Plain | YuanStyle::Input => yuan,
    };
    if style == YuanStyle::Input && rest == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{rest:02}")
    }
}

/// Amount in fen as yuan text, e.g. 1234567 -> "12,345.67".
pub fn format_yuan(fen: i64) -> String {
    yuan_text(fen, YuanStyle::Grouped)
}

/// Parses yuan text ("12345.6", "12,345.67", "1.2万") into fen.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，' && *c != ' ')
        .collect();
    let t = t.strip_suffix('元').unwrap_or(&t);
    let (t, mult) = match t.strip_suffix('万') {
        Some(r) => (r, 10_000i64),
        None => (t, 1),
    };
    if t.is_empty() || t.starts_with('-') {
        return None;
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || int.is_empty()
    {
        return None;
    }
    let int: i64 = int.parse().ok()?;
    // Keep enough decimals for 万 (4 places) plus fen (2 places).
    let mut frac6 = frac.to_string();
    if frac6.len() > 6 {
        return None;
    }
    while frac6.len() < 6 {
        frac6.push('0');
    }
    let frac6: i64 = frac6.parse().ok()?;
    let micro = int
        .checked_mul(1_000_000)?
        .checked_add(frac6)?
        .checked_mul(mult)?;
    if micro % 10_000 != 0 {
        return None; // finer than a fen
    }
    Some(micro / 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::HolidayTable;
    use crate::domain::settings::Settings;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn gap_starts_after_exactly_n_days() {
        let rules = Rules::new(Settings::default(), HolidayTable::builtin());
        let mut c = Case::new("X-1");
        c.status = CaseStatus::Closed;
        c.closed_on = Some(d("2026-05-01"));
        // 30 days later: not yet "more than 30 days".
        assert_eq!(c.gap(false, false, d("2026-05-31"), &rules), None);
        let g = c.gap(false, true, d("2026-06-01"), &rules);
        assert_eq!(
            g.as_ref()
                .map(|g| (g.days, g.missing_analysis, g.missing_suggestion)),
            Some((31, true, false))
        );
        assert_eq!(c.gap(true, true, d("2026-09-01"), &rules), None);
        c.prosecuted_on = Some(d("2026-03-01"));
        assert_eq!(
            c.gap(true, false, d("2026-04-01"), &rules).map(|g| g.since),
            Some(d("2026-03-01"))
        );
        assert_eq!(
            Case::new("open").gap(false, false, d("2030-01-01"), &rules),
            None
        );
    }

    #[test]
    fn validation_names_fields() {
        let mut c = Case::new("");
        c.status = CaseStatus::Closed;
        c.filed_on = Some(d("2026-03-01"));
        c.prosecuted_on = Some(d("2026-02-01"));
        c.amount_fen = Some(-1);
        let errs = c.validate(d("2026-06-01")).err().unwrap_or_default();
        let en: Vec<String> = errs
            .iter()
            .map(|e| e.message(crate::i18n::Lang::En))
            .collect();
        assert!(en.contains(&"case number: required".to_string()), "{en:?}");
        assert!(
            en.iter()
                .any(|m| m.starts_with("prosecuted on (2026-02-01) is before filed on")),
            "{en:?}"
        );
        assert!(en.contains(&"closed on: required".to_string()), "{en:?}");
        assert!(
            en.contains(&"amount (yuan): must not be negative".to_string()),
            "{en:?}"
        );
        let zh = errs[0].message(crate::i18n::Lang::Zh);
        assert_eq!(zh, "案号：必填");
    }

    #[test]
    fn yuan_round_trip() {
        assert_eq!(format_yuan(123_456_789), "1,234,567.89");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(parse_yuan("1,234,567.89"), Some(123_456_789));
        assert_eq!(parse_yuan("12.5万"), Some(12_500_000));
        assert_eq!(parse_yuan("300元"), Some(30_000));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan("-5"), None);
    }

    #[test]
    fn yuan_styles() {
        for (fen, grouped, plain, input) in [
            (123_456_789, "1,234,567.89", "1234567.89", "1234567.89"),
            (1_234_500, "12,345.00", "12345.00", "12345"),
            (-1_250, "-12.50", "-12.50", "-12.50"),
            (0, "0.00", "0.00", "0"),
        ] {
            assert_eq!(yuan_text(fen, YuanStyle::Grouped), grouped);
            assert_eq!(yuan_text(fen, YuanStyle::Plain), plain);
            assert_eq!(yuan_text(fen, YuanStyle::Input), input);
            assert_eq!(
                parse_yuan(input).map(|f| f == fen),
                (fen >= 0).then_some(true)
            );
        }
    }
}
