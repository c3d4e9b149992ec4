//! Procuratorial suggestions (检察建议), their follow-up records, their deadlines and their derived state.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::DueKind;
use super::codes::{
    Adoption, Category, EscalationStep, FollowUpKind, LegalType, ObjectionOutcome, Rectification,
    ServiceMethod,
};
use super::deadline::{Base, Deadline, Period, days_between};
use super::docno::DocNo;
use super::measure::Measure;
use super::settings::Rules;
use super::validate::{Checker, FieldError, Problem};
use crate::i18n::{K, Lang};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    /// Assigned at sign-off; a draft has none.
    pub doc_no: Option<String>,
    pub category: Category,
    pub legal_type: LegalType,
    pub title: String,
    #[serde(default)]
    pub problems: String,
    #[serde(default)]
    pub measures: String,
    /// The measures as items, in order, with each one's answer; kept in line with `measures` by
    /// [`Suggestion::settle_measures`].
    #[serde(default)]
    pub measure_items: Vec<Measure>,
    /// Adoption and rectification were set for the whole suggestion and no longer follow the measures.
    #[serde(default)]
    pub states_by_hand: bool,
    pub recipient_id: i64,
    #[serde(default)]
    pub copied_to: Vec<i64>,
    #[serde(default)]
    pub case_ids: Vec<i64>,
    pub decided_on: Option<NaiveDate>,
    pub issued_on: Option<NaiveDate>,
    pub served_on: Option<NaiveDate>,
    pub service_method: Option<ServiceMethod>,
    pub received_on: Option<NaiveDate>,
    pub filed_on: Option<NaiveDate>,
    /// A reply deadline written in the document; wins over the default period (Art. 19).
    pub stated_reply_due: Option<NaiveDate>,
    pub replied_on: Option<NaiveDate>,
    pub adoption: Option<Adoption>,
    #[serde(default)]
    pub reply_summary: String,
    pub rectified_on: Option<NaiveDate>,
    pub rectification: Option<Rectification>,
    pub evaluated_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

/// The computed deadlines of one suggestion, each with its explanation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    pub investigation: Option<Deadline>,
    pub filing: Option<Deadline>,
    pub reply: Option<Deadline>,
    pub visit: Option<Deadline>,
}

impl Deadlines {
    pub fn compute(s: &Suggestion, rules: &Rules) -> Deadlines {
        let cal = rules.calendar();
        let st = &rules.settings;
        Deadlines {
            investigation: s.decided_on.and_then(|d| {
                cal.counted(Base::Decided, d, Period::Months(st.investigation_months))
            }),
            filing: s
                .issued_on
                .and_then(|d| cal.counted(Base::Issued, d, Period::Days(st.filing_days))),
            reply: match (s.stated_reply_due, s.received_on) {
                (Some(stated), _) => Some(cal.stated(stated)),
                (None, Some(r)) => cal.counted(Base::Received, r, Period::Months(st.reply_months)),
                (None, None) => None,
            },
            visit: s
                .replied_on
                .and_then(|d| cal.counted(Base::Replied, d, Period::Days(st.visit_days))),
        }
    }

    /// Just the dates, as the store keeps them for its indexed queries.
    pub fn dates(&self) -> DueDates {
        DueDates {
            investigation: self.investigation.as_ref().map(|d| d.date),
            filing: self.filing.as_ref().map(|d| d.date),
            reply: self.reply.as_ref().map(|d| d.date),
            visit: self.visit.as_ref().map(|d| d.date),
        }
    }
}

/// The deadline dates alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueDates {
    pub investigation: Option<NaiveDate>,
    pub filing: Option<NaiveDate>,
    pub reply: Option<NaiveDate>,
    pub visit: Option<NaiveDate>,
}

/// Where a suggestion stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum State {
    Draft,
    AwaitingService,
    AwaitingReply { days_left: i64 },
    DueSoon { days_left: i64 },
    Overdue { days_overdue: i64 },
    Replied,
    Closed,
    Withdrawn,
}

/// The state filters of the suggestion list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateKind {
    Draft,
    AwaitingService,
    AwaitingReply,
    DueSoon,
    Overdue,
    Replied,
    Closed,
    Withdrawn,
}

impl StateKind {
    pub const ALL: [StateKind; 8] = [
        StateKind::Draft,
        StateKind::AwaitingService,
        StateKind::AwaitingReply,
        StateKind::DueSoon,
        StateKind::Overdue,
        StateKind::Replied,
        StateKind::Closed,
        StateKind::Withdrawn,
    ];
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            StateKind::Draft => K::StateDraft,
            StateKind::AwaitingService => K::StateAwaitingService,
            StateKind::AwaitingReply => K::StateAwaitingReply,
            StateKind::DueSoon => K::StateDueSoon,
            StateKind::Overdue => K::StateOverdue,
            StateKind::Replied => K::StateReplied,
            StateKind::Closed => K::StateClosed,
            StateKind::Withdrawn => K::StateWithdrawn,
        })
    }
}

impl State {
    pub fn kind(self) -> StateKind {
        match self {
            State::Draft => StateKind::Draft,
            State::AwaitingService => StateKind::AwaitingService,
            State::AwaitingReply { .. } => StateKind::AwaitingReply,
            State::DueSoon { .. } => StateKind::DueSoon,
            State::Overdue { .. } => StateKind::Overdue,
            State::Replied => StateKind::Replied,
            State::Closed => StateKind::Closed,
            State::Withdrawn => StateKind::Withdrawn,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        self.kind().label(lang)
    }

    /// "12 days overdue" / "3 days left" / "due today", where a reply clock runs.
    /// The same, compact, for narrow table columns.
    pub fn days_short(self, lang: Lang) -> String {
        match self {
            State::Overdue { days_overdue } => crate::i18n::days_short(lang, days_overdue),
            State::DueSoon { days_left } | State::AwaitingReply { days_left } => {
                crate::i18n::days_short(lang, -days_left)
            }
            _ => String::new(),
        }
    }

    pub fn days_text(self, lang: Lang) -> String {
        match self {
            State::Overdue { days_overdue } => lang.f(K::DaysOverdue, &[&days_overdue]),
            State::DueSoon { days_left: 0 } | State::AwaitingReply { days_left: 0 } => {
                lang.t(K::DueToday).into()
            }
            State::DueSoon { days_left } | State::AwaitingReply { days_left } => {
                lang.f(K::DaysLeft, &[&days_left])
            }
            _ => String::new(),
        }
    }
}

impl Suggestion {
    pub fn new(title: &str, recipient_id: i64) -> Suggestion {
        Suggestion {
            id: 0,
            version: 0,
            doc_no: None,
            category: Category::Single,
            legal_type: LegalType::SocialGovernance,
            title: title.to_string(),
            problems: String::new(),
            measures: String::new(),
            measure_items: Vec::new(),
            states_by_hand: false,
            recipient_id,
            copied_to: Vec::new(),
            case_ids: Vec::new(),
            decided_on: None,
            issued_on: None,
            served_on: None,
            service_method: None,
            received_on: None,
            filed_on: None,
            stated_reply_due: None,
            replied_on: None,
            adoption: None,
            reply_summary: String::new(),
            rectified_on: None,
            rectification: None,
            evaluated_on: None,
            closed_on: None,
            withdrawn_on: None,
            notes: String::new(),
        }
    }

    pub fn deadlines(&self, rules: &Rules) -> Deadlines {
        Deadlines::compute(self, rules)
    }

    /// The derived state on `today`, given the reply-due date (computed by [`Deadlines`]).
    pub fn state(&self, reply_due: Option<NaiveDate>, today: NaiveDate, rules: &Rules) -> State {
        if self.withdrawn_on.is_some() {
            return State::Withdrawn;
        }
        if self.closed_on.is_some() {
            return State::Closed;
        }
        if self.replied_on.is_some() {
            return State::Replied;
        }
        if self.issued_on.is_none() {
            return State::Draft;
        }
        let Some(due) =
            reply_due.filter(|_| self.received_on.is_some() || self.stated_reply_due.is_some())
        else {
            return State::AwaitingService;
        };
        if self.received_on.is_none() {
            return State::AwaitingService;
        }
        let left = days_between(today, due);
        if super::due::is_late(due, today) {
            State::Overdue {
                days_overdue: -left,
            }
        } else if due <= rules.warn_until(DueKind::Reply, today) {
            State::DueSoon { days_left: left }
        } else {
            State::AwaitingReply { days_left: left }
        }
    }

    /// Days the filing with the superior procuratorate is late (Art. 21), if it is.
    pub fn filing_overdue(&self, filing_due: Option<NaiveDate>, today: NaiveDate) -> Option<i64> {
        if self.withdrawn_on.is_some() || self.filed_on.is_some() {
            return None;
        }
        let due = filing_due?;
        super::due::is_late(due, today).then(|| days_between(due, today))
    }

    /// The next rectification follow-through (DOMAIN.md: a reply alone does not close a suggestion).
    /// `last_visit` is the latest return visit or look-back check on or after the reply.
    ///
    /// - replied, no visit since: the return visit is due `visit_days` after the reply (even when the reply
    ///   claims full rectification: the visit checks it);
    /// - visited, rectification not recorded as complete: the next look-back is due `visit_days` after the
    ///   last visit;
    /// - visited and fully rectified, closed, withdrawn or not replied: nothing is due.
    pub fn follow_through(&self, last_visit: Option<NaiveDate>, rules: &Rules) -> Option<Deadline> {
        if self.withdrawn_on.is_some() || self.closed_on.is_some() {
            return None;
        }
        let replied = self.replied_on?;
        match last_visit.filter(|v| *v >= replied) {
            None => rules.calendar().counted(
                Base::Replied,
                replied,
                Period::Days(rules.settings.visit_days),
            ),
            Some(_) if self.rectification == Some(Rectification::Full) => None,
            Some(v) => Suggestion::look_back_due(v, rules),
        }
    }

    /// The look-back check due after a return visit on `visit`, for a suggestion that still needs one.
    pub fn look_back_due(visit: NaiveDate, rules: &Rules) -> Option<Deadline> {
        rules.calendar().counted(
            Base::Visited,
            visit,
            Period::Days(rules.settings.visit_days),
        )
    }

    /// Days until (negative: since) a follow-through deadline, when it falls within the visit warning window.
    pub fn follow_through_due(deadline: &Deadline, today: NaiveDate, rules: &Rules) -> Option<i64> {
        let due = super::Due::owed(DueKind::Visit, deadline.clone(), today, rules);
        due.in_window.then(|| due.days_left())
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        c.required_text(K::FTitle, &self.title);
        c.max_len(K::FTitle, &self.title, 200);
        if self.recipient_id <= 0 {
            c.push(K::FRecipient, Problem::Required);
        }
        match self
            .doc_no
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(text) => match DocNo::parse(text) {
                None => c.push(K::FDocNo, Problem::BadDocNo(text.to_string())),
                Some(no) => {
                    if let Some(issued) = self.issued_on
                        && chrono::Datelike::year(&issued) != no.year
                    {
                        c.push(
                            K::FDocNo,
                            Problem::DocNoYear {
                                doc_no: no.to_string(),
                                year: chrono::Datelike::year(&issued),
                            },
                        );
                    }
                }
            },
            None => {
                if self.issued_on.is_some() {
                    c.push(K::FDocNo, Problem::Required);
                }
            }
        }
        let seq = [
            (K::FDecidedOn, self.decided_on),
            (K::FIssuedOn, self.issued_on),
            (K::FServedOn, self.served_on),
            (K::FReceivedOn, self.received_on),
            (K::FRepliedOn, self.replied_on),
            (K::FRectifiedOn, self.rectified_on),
            (K::FEvaluatedOn, self.evaluated_on),
        ];
        for w in seq.windows(2) {
            c.order(w[0], w[1]);
        }
        c.order(
            (K::FIssuedOn, self.issued_on),
            (K::FReceivedOn, self.received_on),
        );
        c.order(
            (K::FIssuedOn, self.issued_on),
            (K::FRepliedOn, self.replied_on),
        );
        c.order(
            (K::FIssuedOn, self.issued_on),
            (K::FRecordFiledOn, self.filed_on),
        );
        c.order(
            (K::FIssuedOn, self.issued_on),
            (K::FStatedReplyDue, self.stated_reply_due),
        );
        c.order(
            (K::FIssuedOn, self.issued_on),
            (K::FClosedOn, self.closed_on),
        );
        c.order(
            (K::FRepliedOn, self.replied_on),
            (K::FClosedOn, self.closed_on),
        );
        c.order(
            (K::FIssuedOn, self.issued_on),
            (K::FWithdrawnOn, self.withdrawn_on),
        );
        c.needs(
            (K::FServedOn, &self.served_on),
            (K::FIssuedOn, &self.issued_on),
        );
        c.needs(
            (K::FReceivedOn, &self.received_on),
            (K::FIssuedOn, &self.issued_on),
        );
        c.needs(
            (K::FRecordFiledOn, &self.filed_on),
            (K::FIssuedOn, &self.issued_on),
        );
        c.needs(
            (K::FRepliedOn, &self.replied_on),
            (K::FReceivedOn, &self.received_on),
        );
        c.needs(
            (K::FAdoption, &self.adoption),
            (K::FRepliedOn, &self.replied_on),
        );
        c.needs(
            (K::FRectification, &self.rectification),
            (K::FRepliedOn, &self.replied_on),
        );
        c.needs(
            (K::FRectifiedOn, &self.rectified_on),
            (K::FRectification, &self.rectification),
        );
        c.needs(
            (K::FServiceMethod, &self.service_method),
            (K::FServedOn, &self.served_on),
        );
        for (k, d) in [
            (K::FIssuedOn, self.issued_on),
            (K::FServedOn, self.served_on),
            (K::FReceivedOn, self.received_on),
            (K::FRecordFiledOn, self.filed_on),
            (K::FRepliedOn, self.replied_on),
            (K::FRectifiedOn, self.rectified_on),
            (K::FEvaluatedOn, self.evaluated_on),
            (K::FClosedOn, self.closed_on),
            (K::FWithdrawnOn, self.withdrawn_on),
        ] {
            c.not_future(k, d, today);
        }
        c.errors.extend(super::measure::validate(self, today));
        c.finish()
    }
}

/// A follow-up record of a suggestion: urging, inquiry, visits, objection, escalation (Arts. 22-25).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    pub suggestion_id: i64,
    pub kind: FollowUpKind,
    pub date: NaiveDate,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub record: String,
    /// Only for an objection: the re-examination's outcome.
    pub outcome: Option<ObjectionOutcome>,
    /// Only for an escalation: which Art. 25 step was taken.
    pub step: Option<EscalationStep>,
}

impl FollowUp {
    pub fn new(suggestion_id: i64, kind: FollowUpKind, date: NaiveDate) -> FollowUp {
        FollowUp {
            id: 0,
            version: 0,
            suggestion_id,
            kind,
            date,
            method: String::new(),
            record: String::new(),
            outcome: None,
            step: None,
        }
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        if self.suggestion_id <= 0 {
            c.push(K::FSuggestion, Problem::Required);
        }
        c.not_future(K::FDate, Some(self.date), today);
        if self.outcome.is_some() && self.kind != FollowUpKind::Objection {
            c.push(K::FOutcome, Problem::OnlyObjection);
        }
        if self.kind == FollowUpKind::Escalation {
            c.required(K::FStep, &self.step);
        } else if self.step.is_some() {
            c.push(K::FStep, Problem::OnlyEscalation);
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::HolidayTable;
    use crate::domain::settings::Settings;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    fn rules() -> Rules {
        Rules::new(Settings::default(), HolidayTable::builtin())
    }

    fn received(on: &str) -> Suggestion {
        let mut s = Suggestion::new("t", 1);
        s.doc_no = Some("X检建〔2026〕1号".into());
        s.issued_on = Some(d(on));
        s.received_on = Some(d(on));
        s
    }

    #[test]
    fn stated_deadline_wins_over_default_period() {
        let r = rules();
        let mut s = received("2026-03-16");
        assert_eq!(s.deadlines(&r).dates().reply, Some(d("2026-05-18"))); // 05-16 Saturday -> Monday
        s.stated_reply_due = Some(d("2026-04-15"));
        let dl = s.deadlines(&r);
        assert_eq!(dl.dates().reply, Some(d("2026-04-15")));
        assert!(
            dl.reply
                .map(|x| x.explain(Lang::En))
                .unwrap_or_default()
                .starts_with("deadline stated")
        );
    }

    #[test]
    fn states_through_the_lifecycle() {
        let r = rules();
        let mut s = Suggestion::new("t", 1);
        let due = |s: &Suggestion| s.deadlines(&r).dates().reply;
        assert_eq!(s.state(due(&s), d("2026-06-01"), &r), State::Draft);
        s.doc_no = Some("X检建〔2026〕1号".into());
        s.issued_on = Some(d("2026-03-10"));
        assert_eq!(
            s.state(due(&s), d("2026-06-01"), &r),
            State::AwaitingService
        );
        s.received_on = Some(d("2026-03-16")); // due 2026-05-18
        assert_eq!(
            s.state(due(&s), d("2026-04-01"), &r),
            State::AwaitingReply { days_left: 47 }
        );
        assert_eq!(
            s.state(due(&s), d("2026-05-04"), &r),
            State::DueSoon { days_left: 14 }
        );
        assert_eq!(
            s.state(due(&s), d("2026-05-03"), &r),
            State::AwaitingReply { days_left: 15 }
        );
        assert_eq!(
            s.state(due(&s), d("2026-05-18"), &r),
            State::DueSoon { days_left: 0 }
        );
        assert_eq!(
            s.state(due(&s), d("2026-05-19"), &r),
            State::Overdue { days_overdue: 1 }
        );
        s.replied_on = Some(d("2026-05-20"));
        assert_eq!(s.state(due(&s), d("2026-06-01"), &r), State::Replied);
        s.closed_on = Some(d("2026-08-01"));
        assert_eq!(s.state(due(&s), d("2026-09-01"), &r), State::Closed);
        s.withdrawn_on = Some(d("2026-08-02"));
        assert_eq!(s.state(due(&s), d("2026-09-01"), &r), State::Withdrawn);
    }

    #[test]
    fn filing_and_visit_flags() {
        let r = rules();
        let mut s = received("2026-03-10");
        let fd = s.deadlines(&r).dates().filing; // 03-15 is Sunday -> 03-16
        assert_eq!(fd, Some(d("2026-03-16")));
        assert_eq!(s.filing_overdue(fd, d("2026-03-16")), None);
        assert_eq!(s.filing_overdue(fd, d("2026-03-18")), Some(2));
        s.filed_on = Some(d("2026-03-18"));
        assert_eq!(s.filing_overdue(fd, d("2026-04-01")), None);
        s.replied_on = Some(d("2026-05-06")); // visit due 07-05 (Sunday) -> 07-06
        assert_eq!(s.deadlines(&r).dates().visit, Some(d("2026-07-06")));
        let ft = s.follow_through(None, &r);
        assert_eq!(ft.as_ref().map(|x| x.date), Some(d("2026-07-06")));
        let due = |ft: &Option<Deadline>, today: &str| {
            ft.as_ref()
                .and_then(|x| Suggestion::follow_through_due(x, d(today), &r))
        };
        assert_eq!(due(&ft, "2026-06-01"), None);
        assert_eq!(due(&ft, "2026-06-22"), Some(14));
        assert_eq!(due(&ft, "2026-07-10"), Some(-4));
        // A visit before the reply does not count.
        assert_eq!(
            s.follow_through(Some(d("2026-05-01")), &r).map(|x| x.date),
            Some(d("2026-07-06"))
        );
    }

    #[test]
    fn a_reply_alone_does_not_close_a_suggestion() {
        let r = rules();
        let mut s = received("2026-03-10");
        s.replied_on = Some(d("2026-05-06"));
        // Fully rectified by the unit's own account: the return visit is still due.
        s.rectification = Some(Rectification::Full);
        assert!(s.follow_through(None, &r).is_some());
        // Visited and fully rectified: nothing more is due.
        assert_eq!(s.follow_through(Some(d("2026-07-01")), &r), None);
        // Visited but only partly rectified: a look-back check is due 60 days after the visit.
        s.rectification = Some(Rectification::Partial);
        let next = s.follow_through(Some(d("2026-07-01")), &r);
        assert_eq!(next.as_ref().map(|x| x.date), Some(d("2026-08-31")));
        assert!(
            next.map(|x| x.explain(Lang::En))
                .unwrap_or_default()
                .starts_with("last return visit 2026-07-01 + 60 days")
        );
        s.rectification = None;
        assert!(
            s.follow_through(Some(d("2026-07-01")), &r).is_some(),
            "no rectification recorded yet"
        );
        // Closed or withdrawn suggestions need nothing.
        s.closed_on = Some(d("2026-09-01"));
        assert_eq!(s.follow_through(Some(d("2026-07-01")), &r), None);
        s.closed_on = None;
        s.withdrawn_on = Some(d("2026-06-01"));
        assert_eq!(s.follow_through(None, &r), None);
    }

    #[test]
    fn validation() {
        let mut s = Suggestion::new(" ", 0);
        s.issued_on = Some(d("2026-03-10"));
        s.received_on = Some(d("2026-03-01"));
        s.replied_on = Some(d("2026-12-01"));
        s.adoption = None;
        s.rectification = Some(Rectification::Full);
        let errs = s.validate(d("2026-06-01")).err().unwrap_or_default();
        let en: Vec<String> = errs.iter().map(|e| e.message(Lang::En)).collect();
        for want in [
            "title: required",
            "recipient unit: required",
            "document number: required",
            "received on (2026-03-01) is before issued on (2026-03-10)",
            "replied on: 2026-12-01 is after today (2026-06-01)",
        ] {
            assert!(en.iter().any(|m| m == want), "missing {want:?} in {en:?}");
        }
        let mut ok = received("2026-03-10");
        assert_eq!(ok.validate(d("2026-06-01")), Ok(()));
        ok.doc_no = Some("X检建〔2025〕1号".into());
        let zh: Vec<String> = ok
            .validate(d("2026-06-01"))
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.message(Lang::Zh))
            .collect();
        assert_eq!(
            zh,
            vec!["文号：文号 X检建〔2025〕1号 的年份与签发年份 2026 不一致".to_string()]
        );
    }

    #[test]
    fn follow_up_validation() {
        let mut f = FollowUp::new(1, FollowUpKind::Escalation, d("2026-05-01"));
        assert!(f.validate(d("2026-06-01")).is_err());
        f.step = Some(EscalationStep::Superior);
        assert!(f.validate(d("2026-06-01")).is_ok());
        f.outcome = Some(ObjectionOutcome::Upheld);
        assert!(f.validate(d("2026-06-01")).is_err());
    }
}
