//! Where each deadline stands on a day: owed and not yet late, late, met, or not running — the one answer the
//! detail view, Today, the calendar, the lists, `yufang overdue` and the store's row mapping all take, so no
//! layer above decides again whether a deadline is open or late.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::DueKind;
use super::deadline::{Deadline, days_between};
use super::settings::Rules;
use super::suggestion::Suggestion;
use super::{Activity, Deadlines};
use crate::i18n::{K, Lang};

/// Whether a deadline is still owed on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Owed, and today is on or before the date.
    Open,
    /// Owed, and the date has passed.
    Late,
    /// The act it sets a date for was done.
    Met,
    /// The clock has not started: a reply date stated in a document that was never received.
    Pending,
    /// No longer owed: the suggestion was withdrawn (or closed) before the act.
    Moot,
}

impl Standing {
    /// Owed on `today` for a deadline on `date`: late once the day has passed, never on it.
    pub fn owed(date: NaiveDate, today: NaiveDate) -> Standing {
        if is_late(date, today) {
            Standing::Late
        } else {
            Standing::Open
        }
    }

    pub fn is_owed(self) -> bool {
        matches!(self, Standing::Open | Standing::Late)
    }

    pub fn key(self) -> K {
        match self {
            Standing::Open => K::DueOpen,
            Standing::Late => K::DueLate,
            Standing::Met => K::DueMet,
            Standing::Pending => K::DuePending,
            Standing::Moot => K::DueMoot,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(self.key())
    }
}

/// An owed deadline on `date` is late on `today` when its last day has passed (the last day itself is on time).
pub fn is_late(date: NaiveDate, today: NaiveDate) -> bool {
    today > date
}

/// One deadline of one item on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Due {
    pub kind: DueKind,
    pub date: NaiveDate,
    pub standing: Standing,
    /// Days past the date (positive) or left until it (zero or negative), counted whatever the standing.
    pub days_overdue: i64,
    /// Owed and due on or before the end of its kind's warning window (late ones included).
    pub in_window: bool,
    /// How the date was computed, where it was (an activity's planned date is simply written down).
    pub deadline: Option<Deadline>,
}

impl Due {
    /// Judges a deadline on `date` that is owed, met or not running as `standing` says (`Open` means owed).
    pub fn judge(
        kind: DueKind,
        date: NaiveDate,
        owed: Standing,
        today: NaiveDate,
        rules: &Rules,
    ) -> Due {
        let standing = match owed {
            Standing::Open | Standing::Late => Standing::owed(date, today),
            other => other,
        };
        Due {
            kind,
            date,
            standing,
            days_overdue: days_between(date, today),
            in_window: standing.is_owed() && date <= rules.warn_until(kind, today),
            deadline: None,
        }
    }

    /// An owed deadline (the store read it through a partial index on open items).
    pub fn owed(kind: DueKind, deadline: Deadline, today: NaiveDate, rules: &Rules) -> Due {
        Due::of(kind, deadline, Standing::Open, today, rules)
    }

    fn of(
        kind: DueKind,
        deadline: Deadline,
        owed: Standing,
        today: NaiveDate,
        rules: &Rules,
    ) -> Due {
        Due {
            deadline: Some(deadline.clone()),
            ..Due::judge(kind, deadline.date, owed, today, rules)
        }
    }

    pub fn is_late(&self) -> bool {
        self.standing == Standing::Late
    }

    /// Owed, not yet late, and within the warning window: what screens mark as due soon.
    pub fn is_soon(&self) -> bool {
        self.standing == Standing::Open && self.in_window
    }

    pub fn days_left(&self) -> i64 {
        -self.days_overdue
    }
}

/// Every deadline of one suggestion on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Dues {
    pub investigation: Option<Due>,
    pub filing: Option<Due>,
    pub reply: Option<Due>,
    /// The return visit after the reply, or the look-back check after the last visit when that is what is
    /// owed next.
    pub visit: Option<Due>,
}

impl Dues {
    /// In the order of the lifecycle.
    pub fn iter(&self) -> impl Iterator<Item = &Due> {
        [&self.investigation, &self.filing, &self.reply, &self.visit]
            .into_iter()
            .flatten()
    }
}

impl Suggestion {
    /// Where each deadline of this suggestion stands on `today`. `last_visit` is the latest return visit or
    /// look-back check (as the store keeps it), which decides whether the visit row is the return visit or the
    /// next look-back. Each "owed" here is the same condition as the store's partial index on open items.
    pub fn dues(&self, last_visit: Option<NaiveDate>, today: NaiveDate, rules: &Rules) -> Dues {
        let dl = Deadlines::compute(self, rules);
        let mut dues = Dues::default();
        for kind in [
            DueKind::Investigation,
            DueKind::Filing,
            DueKind::Reply,
            DueKind::Visit,
        ] {
            let due = self.judge(&dl, kind, last_visit, today, rules);
            match kind {
                DueKind::Investigation => dues.investigation = due,
                DueKind::Filing => dues.filing = due,
                DueKind::Reply => dues.reply = due,
                _ => dues.visit = due,
            }
        }
        dues
    }

    /// One deadline of [`Suggestion::dues`] (`last_visit` matters only to the visit).
    pub fn due(
        &self,
        kind: DueKind,
        last_visit: Option<NaiveDate>,
        today: NaiveDate,
        rules: &Rules,
    ) -> Option<Due> {
        self.judge(
            &Deadlines::compute(self, rules),
            kind,
            last_visit,
            today,
            rules,
        )
    }

    fn judge(
        &self,
        dl: &Deadlines,
        kind: DueKind,
        last_visit: Option<NaiveDate>,
        today: NaiveDate,
        rules: &Rules,
    ) -> Option<Due> {
        let withdrawn = self.withdrawn_on.is_some();
        let done_or = |done: bool, moot: bool| {
            if done {
                Standing::Met
            } else if moot {
                Standing::Moot
            } else {
                Standing::Open
            }
        };
        let of = |d: &Option<Deadline>, owed: Standing| {
            d.clone().map(|d| Due::of(kind, d, owed, today, rules))
        };
        match kind {
            DueKind::Investigation => of(
                &dl.investigation,
                done_or(self.issued_on.is_some(), withdrawn),
            ),
            DueKind::Filing => of(&dl.filing, done_or(self.filed_on.is_some(), withdrawn)),
            DueKind::Reply => {
                let owed = match done_or(
                    self.replied_on.is_some(),
                    withdrawn || self.closed_on.is_some(),
                ) {
                    // The reply clock runs from receipt (Art. 19); a stated date alone does not start it.
                    Standing::Open if self.issued_on.is_none() || self.received_on.is_none() => {
                        Standing::Pending
                    }
                    other => other,
                };
                of(&dl.reply, owed)
            }
            DueKind::Visit => {
                let first = dl.visit.clone()?;
                let visited = last_visit.zip(self.replied_on).is_some_and(|(v, r)| v >= r);
                Some(match self.follow_through(last_visit, rules) {
                    Some(next) => Due::of(kind, next, Standing::Open, today, rules),
                    None if visited => Due::of(kind, first, Standing::Met, today, rules),
                    None => Due::of(kind, first, Standing::Moot, today, rules),
                })
            }
            DueKind::Activity | DueKind::Checkpoint => None,
        }
    }
}

impl Activity {
    /// Where the planned date of this activity stands on `today` (`None`: nothing planned).
    pub fn due_state(&self, today: NaiveDate, rules: &Rules) -> Option<Due> {
        let planned = self.planned_on?;
        let owed = if self.done_on.is_some() {
            Standing::Met
        } else {
            Standing::Open
        };
        Some(Due::judge(DueKind::Activity, planned, owed, today, rules))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FollowUpKind, HolidayTable, Rectification, Settings};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    fn rules() -> Rules {
        Rules::new(Settings::default(), HolidayTable::builtin())
    }

    fn issued(on: &str) -> Suggestion {
        let mut s = Suggestion::new("t", 1);
        s.doc_no = Some("X检建〔2026〕1号".into());
        s.issued_on = Some(d(on));
        s
    }

    #[test]
    fn a_withdrawn_suggestion_owes_no_filing() {
        let r = rules();
        let mut s = issued("2026-03-10"); // filing due 03-16
        let f = s.dues(None, d("2026-03-20"), &r).filing;
        assert_eq!(f.as_ref().map(|f| f.standing), Some(Standing::Late));
        assert_eq!(f.map(|f| f.days_overdue), Some(4));
        s.withdrawn_on = Some(d("2026-03-12"));
        let f = s.dues(None, d("2026-03-20"), &r).filing;
        assert_eq!(f.as_ref().map(|f| f.standing), Some(Standing::Moot));
        assert_eq!(f.map(|f| f.in_window), Some(false));
    }

    #[test]
    fn filing_warning_window_comes_from_its_setting() {
        let mut r = rules();
        let s = issued("2026-03-10"); // filing due 03-16
        let f = |r: &Rules, today| s.dues(None, d(today), r).filing.map(|f| f.is_soon());
        assert_eq!(f(&r, "2026-03-13"), Some(true));
        assert_eq!(f(&r, "2026-03-12"), Some(false));
        r.settings.warn_filing_days = 6;
        assert_eq!(f(&r, "2026-03-10"), Some(true));
    }

    #[test]
    fn a_stated_reply_date_does_not_run_before_receipt() {
        let r = rules();
        let mut s = issued("2026-03-10");
        s.stated_reply_due = Some(d("2026-04-10"));
        let reply = s.dues(None, d("2026-05-01"), &r).reply;
        assert_eq!(reply.map(|x| x.standing), Some(Standing::Pending));
        s.received_on = Some(d("2026-03-12"));
        let reply = s.dues(None, d("2026-05-01"), &r).reply;
        assert_eq!(reply.map(|x| x.standing), Some(Standing::Late));
        s.replied_on = Some(d("2026-04-20"));
        let reply = s.dues(None, d("2026-05-01"), &r).reply;
        assert_eq!(reply.map(|x| x.standing), Some(Standing::Met));
    }

    #[test]
    fn the_visit_row_moves_to_the_look_back_after_a_visit() {
        let r = rules();
        let mut s = issued("2026-03-10");
        s.received_on = Some(d("2026-03-10"));
        s.replied_on = Some(d("2026-05-06")); // return visit due 07-06
        let v = s.dues(None, d("2026-06-01"), &r).visit;
        assert_eq!(v.as_ref().map(|v| v.date), Some(d("2026-07-06")));
        // Visited on 07-01, not fully rectified: the look-back is due 60 days later.
        let v = s.dues(Some(d("2026-07-01")), d("2026-07-10"), &r).visit;
        assert_eq!(
            v.as_ref().map(|v| (v.date, v.standing)),
            Some((d("2026-08-31"), Standing::Open))
        );
        // Visited and fully rectified: the return visit was met.
        s.rectification = Some(Rectification::Full);
        let v = s.dues(Some(d("2026-07-01")), d("2026-07-10"), &r).visit;
        assert_eq!(
            v.map(|v| (v.date, v.standing)),
            Some((d("2026-07-06"), Standing::Met))
        );
        // Closed without a visit: not owed any more.
        s.rectification = None;
        s.closed_on = Some(d("2026-06-02"));
        let v = s.dues(None, d("2026-07-10"), &r).visit;
        assert_eq!(v.map(|v| v.standing), Some(Standing::Moot));
        assert!(FollowUpKind::LookBack.is_return_visit());
    }

    #[test]
    fn reply_states_agree_with_the_suggestion_state() {
        let r = rules();
        let mut s = issued("2026-03-10");
        s.received_on = Some(d("2026-03-16")); // due 05-18
        for (today, late, soon) in [
            ("2026-04-01", false, false),
            ("2026-05-04", false, true),
            ("2026-05-18", false, true),
            ("2026-05-19", true, false),
        ] {
            let reply = s.dues(None, d(today), &r).reply;
            let state = s.state(reply.as_ref().map(|x| x.date), d(today), &r);
            assert_eq!(reply.as_ref().map(Due::is_late), Some(late), "{today}");
            assert_eq!(reply.as_ref().map(Due::is_soon), Some(soon), "{today}");
            assert_eq!(matches!(state, crate::domain::State::DueSoon { .. }), soon);
        }
    }

    #[test]
    fn planned_work() {
        let r = rules();
        let mut a = Activity::new(crate::domain::ActivityKind::Warning, "警示教育");
        a.planned_on = Some(d("2026-06-10"));
        let due = |a: &Activity, t| a.due_state(d(t), &r);
        assert_eq!(due(&a, "2026-06-01").map(|x| x.in_window), Some(false));
        assert_eq!(due(&a, "2026-06-03").map(|x| x.is_soon()), Some(true));
        assert_eq!(due(&a, "2026-06-12").map(|x| x.days_overdue), Some(2));
        a.done_on = Some(d("2026-06-11"));
        assert_eq!(
            due(&a, "2026-06-12").map(|x| x.standing),
            Some(Standing::Met)
        );
    }
}
