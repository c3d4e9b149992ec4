//! The source text's three checks of the year (the plan at the start, the middle of the year, the year's
//! end) as checklists: each line answers one of the source's questions with this year's figures and is met
//! or behind. A pure function of the counts and the plan; the app shows it, the store records it done.

use chrono::NaiveDate;

use super::{Counts, RateKind, risk_table};
use super::{RiskCounts, period::ymd};
use crate::domain::activity::Plan;
use crate::i18n::K;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checkpoint {
    Plan,
    MidYear,
    YearEnd,
}

impl Checkpoint {
    pub const ALL: [Checkpoint; 3] = [Checkpoint::Plan, Checkpoint::MidYear, Checkpoint::YearEnd];
    pub fn code(self) -> &'static str {
        match self {
            Checkpoint::Plan => "plan",
            Checkpoint::MidYear => "midyear",
            Checkpoint::YearEnd => "yearend",
        }
    }
    /// The default date of the check in `year` (plan by 31 January, mid-year by 15 July, year-end by
    /// 20 December).
    pub fn default_on(self, year: i32) -> Option<NaiveDate> {
        match self {
            Checkpoint::Plan => ymd(year, 1, 31),
            Checkpoint::MidYear => ymd(year, 7, 15),
            Checkpoint::YearEnd => ymd(year, 12, 20),
        }
    }
    /// The date of the check: the plan's, or the default.
    pub fn on(self, plan: Option<&Plan>, year: i32) -> Option<NaiveDate> {
        let set = plan.and_then(|p| match self {
            Checkpoint::Plan => p.plan_check_on,
            Checkpoint::MidYear => p.midyear_check_on,
            Checkpoint::YearEnd => p.yearend_check_on,
        });
        set.or_else(|| self.default_on(year))
    }
    /// The share of the annual targets due by the check, in percent.
    fn share(self) -> i64 {
        match self {
            Checkpoint::Plan => 0,
            Checkpoint::MidYear => 50,
            Checkpoint::YearEnd => 100,
        }
    }
}

/// One line of a checklist: what is asked, the figure that answers it, met or behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckLine {
    pub question: K,
    /// The answer (`12 / 20`, `3`, a list of names ...).
    pub answer: String,
    pub met: bool,
}

fn line(question: K, answer: String, met: bool) -> CheckLine {
    CheckLine {
        question,
        answer,
        met,
    }
}

/// At least `share`% of `target` (rounded up), `None` without a target.
fn due_share(target: Option<i64>, share: i64) -> Option<i64> {
    target.map(|t| (t * share + 99) / 100)
}

/// The checklist of `cp` for the year of `counts`, with the plan and the industry risk counts.
pub fn check_lines(
    cp: Checkpoint,
    plan: Option<&Plan>,
    counts: &Counts,
    risk: &[RiskCounts],
) -> Vec<CheckLine> {
    let mut out = Vec::new();
    if cp == Checkpoint::Plan {
        out.push(line(K::CkPlanExists, String::new(), plan.is_some()));
        let targets = plan.map_or(0, |p| p.targets.len());
        let has_sug = plan.and_then(|p| p.suggestion_target).is_some();
        out.push(line(
            K::CkTargetsSet,
            (targets + usize::from(has_sug)).to_string(),
            targets > 0 && has_sug,
        ));
        // The plan is built around the local pattern of cases: every flagged industry is a focus.
        let focus = plan.map_or("", |p| p.focus_industries.as_str());
        let missing: Vec<String> = risk_table(risk.to_vec())
            .into_iter()
            .filter(|r| r.flagged && !focus.contains(r.counts.industry.as_str()))
            .map(|r| r.counts.industry)
            .collect();
        let met = missing.is_empty() && !focus.trim().is_empty();
        out.push(line(K::CkFocusCovers, missing.join("、"), met));
        return out;
    }
    let share = cp.share();
    let s = &counts.suggestions;
    let target = plan.and_then(|p| p.suggestion_target);
    let want = due_share(target, share);
    let answer = match want {
        Some(w) => format!("{} / {w}", s.issued),
        None => s.issued.to_string(),
    };
    out.push(line(
        K::CkSuggestionsIssued,
        answer,
        want.is_none_or(|w| s.issued >= w),
    ));
    if let Some(p) = plan {
        for (kind, t) in &p.targets {
            let w = due_share(Some(*t), share).unwrap_or(0);
            let done = counts.done(*kind);
            out.push(CheckLine {
                question: K::CkWorkDone,
                answer: format!("{} {done} / {w}", kind.code()),
                met: done >= w,
            });
        }
    }
    out.push(line(
        K::CkReplies,
        s.rate(RateKind::Reply).text(),
        s.overdue_at_end == 0,
    ));
    out.push(line(
        K::CkOverdueReplies,
        s.overdue_at_end.to_string(),
        s.overdue_at_end == 0,
    ));
    out.push(line(
        K::CkVisits,
        s.rate(RateKind::ReturnVisit).text(),
        s.visited >= s.replied,
    ));
    if cp == Checkpoint::YearEnd {
        out.push(line(
            K::CkRectified,
            s.rate(RateKind::Rectification).text(),
            s.fully_rectified >= s.replied,
        ));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::codes::ActivityKind;
    use crate::domain::stats::{SuggestionCounts, Tally};

    fn counts() -> Counts {
        Counts {
            suggestions: SuggestionCounts {
                issued: 5,
                replied: 4,
                visited: 3,
                fully_rectified: 4,
                overdue_at_end: 1,
                ..SuggestionCounts::default()
            },
            activities: vec![Tally {
                key: ActivityKind::ALL[0].code().into(),
                count: 2,
            }],
            ..Counts::default()
        }
    }

    #[test]
    fn mid_year_asks_for_half_the_targets_and_no_overdue_reply() {
        let mut plan = Plan::new(2026);
        plan.suggestion_target = Some(9);
        plan.targets.insert(ActivityKind::ALL[0], 5);
        let lines = check_lines(Checkpoint::MidYear, Some(&plan), &counts(), &[]);
        let get = |q| lines.iter().find(|l| l.question == q).unwrap();
        // Half of 9, rounded up, is 5: five issued is met.
        assert_eq!(get(K::CkSuggestionsIssued).answer, "5 / 5");
        assert!(get(K::CkSuggestionsIssued).met);
        // Half of 5 is 3: two done is behind.
        assert!(!get(K::CkWorkDone).met);
        assert!(!get(K::CkOverdueReplies).met);
        assert_eq!(get(K::CkVisits).answer, "3 / 4 = 75.00%");
        assert!(!get(K::CkVisits).met);
        let end = check_lines(Checkpoint::YearEnd, Some(&plan), &counts(), &[]);
        let issued = end
            .iter()
            .find(|l| l.question == K::CkSuggestionsIssued)
            .unwrap();
        assert_eq!((issued.answer.as_str(), issued.met), ("5 / 9", false));
        assert!(end.iter().any(|l| l.question == K::CkRectified && l.met));
    }

    #[test]
    fn the_plan_check_wants_every_flagged_industry_as_a_focus() {
        let risk = vec![RiskCounts {
            industry: "交通运输".into(),
            cases: 3,
            ..RiskCounts::default()
        }];
        let none = check_lines(Checkpoint::Plan, None, &Counts::default(), &risk);
        assert!(none.iter().all(|l| !l.met));
        let mut plan = Plan::new(2026);
        plan.focus_industries = "交通运输、教育".into();
        plan.suggestion_target = Some(4);
        plan.targets.insert(ActivityKind::ALL[0], 2);
        let ok = check_lines(Checkpoint::Plan, Some(&plan), &Counts::default(), &risk);
        assert!(ok.iter().all(|l| l.met), "{ok:?}");
        assert_eq!(
            Checkpoint::MidYear.on(Some(&plan), 2026),
            NaiveDate::from_ymd_opt(2026, 7, 15)
        );
    }
}
