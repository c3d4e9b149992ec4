//! `yufang gen`: a believable synthetic office history at any scale, for benchmarks and for trying the app on
//! a large archive. Deterministic for a seed: the same seed, size and today give the same store.
//!
//! N suggestions are spread over the 20 years that end on the store's today, more in recent years (twice the
//! rate at the end as at the start). Each follows its lifecycle (decision, issue, service, receipt, filing,
//! reply, rectification, return visit, closing) with random delays; a step whose date lies after today has not
//! happened yet, so old suggestions are closed and recent ones are open in every state, with as many overdue,
//! due-soon and late items as an office of that size would have (tens for a county, thousands for a national
//! roll-up). N/3 cases, N/20 units and N prevention activities go with them, plus follow-up records (urging,
//! inquiries, return visits, look-back checks, objections, escalations) and an annual plan per year. The last
//! few suggestions are pinned to one state each, so even a tiny store has every state.
//!
//! Rows go through [`Store::bulk_load`]: one transaction, no change log, no validation. Every stored deadline is
//! still computed by the domain (`Suggestion::deadlines(rules).dates()` inside `Record::values`), every case's
//! `gap_from` by `Case::gap_from`, and the unit test checks that generated records pass the domain's validation.

mod words;

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::domain::deadline::add_days;
use crate::domain::{
    Activity, ActivityKind, Adoption, Case, CaseSource, CaseStatus, Category, CrimeType, DocNo,
    EscalationStep, FollowUp, FollowUpKind, LegalType, ObjectionOutcome, Plan, Rectification,
    ServiceMethod, Suggestion, Unit,
};
use crate::store::bulk::BulkLoad;
use crate::store::{Result, Store, StoreError};
use words::*;

/// Changes whenever the same seed would give a different store (benchmark caches are keyed on it).
pub const GEN_VERSION: u32 = 2;

/// Years of history a generated office covers.
pub const YEARS: i64 = 20;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub suggestions: u64,
    pub seed: u64,
}

/// Counts of what was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub units: u64,
    pub cases: u64,
    pub suggestions: u64,
    pub follow_ups: u64,
    pub activities: u64,
    pub plans: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("the store already has records")]
    NotEmpty,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Fills an empty store; refuses one that has any record.
pub fn generate(store: &mut Store, opts: &Options) -> std::result::Result<Summary, GenError> {
    if store.has_records()? {
        return Err(GenError::NotEmpty);
    }
    let today = store.today();
    Ok(store.bulk_load(|b| Gen::new(b, opts, today).run())?)
}

/// splitmix64: tiny, fast, and the same sequence on every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn float(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n); 0 when n is 0.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in [lo, hi], both included.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.float() < p
    }

    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// One of `xs` by weight.
    pub fn weighted<T: Copy>(&mut self, xs: &[(T, f64)]) -> T {
        let total: f64 = xs.iter().map(|x| x.1).sum();
        let mut r = self.float() * total;
        for (v, w) in xs {
            if r < *w {
                return *v;
            }
            r -= w;
        }
        xs[xs.len() - 1].0
    }
}

/// A case that can be written up in a suggestion from `ready` on (a few weeks after prosecution or closing).
#[derive(Clone, Copy, Debug)]
struct CaseRef {
    ready: NaiveDate,
    id: i64,
    unit: Option<i64>,
}

/// Pinned states of the last suggestions, so every state exists whatever N is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pin {
    Overdue,
    DueSoon,
    AwaitingReply,
    AwaitingService,
    Draft,
    Replied,
    Closed,
    Withdrawn,
}

const PINS: [Pin; 8] = [
    Pin::Overdue,
    Pin::DueSoon,
    Pin::AwaitingReply,
    Pin::AwaitingService,
    Pin::Draft,
    Pin::Replied,
    Pin::Closed,
    Pin::Withdrawn,
];

/// The random course of one suggestion, in days after the step before; `None` where a step never happens.
#[derive(Clone, Debug)]
struct Fate {
    decision: bool,
    issue_after: i64,
    withdraw_after: Option<i64>,
    serve_after: i64,
    announced: bool,
    receive_after: i64,
    file_after: Option<i64>,
    stated_after: Option<i64>,
    reply_after: Option<i64>,
    adoption: Adoption,
    rectification: Rectification,
    rectify_after: i64,
    visit_after: Option<i64>,
    look_back_after: Option<i64>,
    close_after: i64,
    objection: Option<(i64, ObjectionOutcome)>,
    inquiry: Option<(i64, FollowUpKind)>,
    escalate: Option<EscalationStep>,
    investigation: bool,
}

struct Gen<'b, 'c> {
    b: &'b mut BulkLoad<'c>,
    rng: Rng,
    n: u64,
    today: NaiveDate,
    start: NaiveDate,
    span: i64,
    prefix: String,
    units: Vec<i64>,
    cases: Vec<CaseRef>,
    next_case: usize,
    doc_seq: BTreeMap<i32, u32>,
    case_seq: BTreeMap<i32, u32>,
    sum: Summary,
    /// Titles of unnumbered suggestions by recipient: an import tells them apart by title and recipient.
    draft_titles: HashSet<(String, i64)>,
}

impl<'b, 'c> Gen<'b, 'c> {
    fn new(b: &'b mut BulkLoad<'c>, opts: &Options, today: NaiveDate) -> Gen<'b, 'c> {
        let start = today
            .with_year(today.year() - YEARS as i32)
            .unwrap_or_else(|| add_days(today, -365 * YEARS));
        let prefix = b.rules().settings.doc_prefix.clone();
        Gen {
            b,
            rng: Rng::new(opts.seed),
            n: opts.suggestions,
            today,
            start,
            span: (today - start).num_days(),
            prefix,
            units: Vec::new(),
            cases: Vec::new(),
            next_case: 0,
            doc_seq: BTreeMap::new(),
            case_seq: BTreeMap::new(),
            sum: Summary::default(),
            draft_titles: HashSet::new(),
        }
    }

    fn run(mut self) -> Result<Summary> {
        self.units((self.n / 20).max(1))?;
        self.cases(self.n / 3)?;
        for i in 0..self.n {
            self.suggestion(i)?;
        }
        let rest = self.n.saturating_sub(self.sum.activities);
        for _ in 0..rest {
            self.activity()?;
        }
        self.plans()?;
        Ok(self.sum)
    }

    /// The date at fraction `u` of the history, with the rate growing linearly to twice the start's.
    fn date_at(&self, u: f64) -> NaiveDate {
        // Density 1 + t on [0, 1]: the inverse of F(t) = (t + t²/2) / 1.5.
        let t = ((1.0 + 3.0 * u.clamp(0.0, 1.0)).sqrt() - 1.0).clamp(0.0, 1.0);
        add_days(self.start, (t * self.span as f64) as i64)
    }

    fn random_unit(&mut self) -> i64 {
        self.units[self.rng.below(self.units.len())]
    }

    fn person(&mut self) -> String {
        let s = self.rng.pick(SURNAMES);
        let g = self.rng.pick(GIVEN);
        format!("{s}{g}")
    }

    // ---- units

    fn units(&mut self, count: u64) -> Result<()> {
        let per = units_per_place() as u64;
        for i in 0..count {
            let place = place_name(i / per);
            let k = (i % per) as usize;
            let mut u = match DEPTS.get(k) {
                Some(d) => {
                    let mut u = Unit::new(&format!("{place}{}", d.name));
                    u.industry = d.industry.to_string();
                    u.level = d.level;
                    u.leading_group =
                        d.level == crate::domain::UnitLevel::County && self.rng.chance(0.4);
                    u
                }
                None => {
                    let town = TOWNS[(k - DEPTS.len()) % TOWNS.len()];
                    let mut u = Unit::new(&format!("{place}{town}镇人民政府"));
                    u.industry = "乡镇政府".to_string();
                    u.level = crate::domain::UnitLevel::Township;
                    u
                }
            };
            u.region = place;
            u.key_demo = self.rng.chance(0.02);
            u.key_contact = self.rng.chance(0.06);
            u.contact_person = self.person();
            u.contact_phone = format!(
                "0{:03}-{:07}",
                self.rng.between(310, 999),
                self.rng.between(2_000_000, 8_999_999)
            );
            let id = self.b.insert(&mut u)?;
            self.units.push(id);
            self.sum.units += 1;
        }
        Ok(())
    }

    // ---- cases

    fn cases(&mut self, count: u64) -> Result<()> {
        let modern = NaiveDate::from_ymd_opt(2018, 3, 1).unwrap_or(self.today);
        for i in 0..count {
            let filed = self.date_at((i as f64 + 0.5) / count as f64);
            let source = if filed < modern {
                self.rng.weighted(&[
                    (CaseSource::Own, 0.7),
                    (CaseSource::Transferred, 0.2),
                    (CaseSource::Other, 0.1),
                ])
            } else {
                self.rng.weighted(&[
                    (CaseSource::Transferred, 0.9),
                    (CaseSource::Own, 0.07),
                    (CaseSource::Other, 0.03),
                ])
            };
            let year = filed.year();
            let seq = self.case_seq.entry(year).or_insert(0);
            *seq += 1;
            let kind = match source {
                CaseSource::Own => "侦",
                CaseSource::Transferred => "刑受",
                CaseSource::Other => "刑诉",
            };
            let mut c = Case::new(&format!("X检{kind}〔{year}〕{seq}号"));
            c.source = source;
            c.crime_type = self.rng.weighted(&[
                (CrimeType::BribeTaking, 0.4),
                (CrimeType::Embezzlement, 0.2),
                (CrimeType::Misappropriation, 0.1),
                (CrimeType::AbuseOfPower, 0.1),
                (CrimeType::Dereliction, 0.1),
                (CrimeType::BribeGiving, 0.08),
                (CrimeType::Other, 0.02),
            ]);
            let surname = self.rng.pick(SURNAMES);
            c.suspect = format!("{surname}某");
            c.post = self.rng.pick(POSTS).to_string();
            c.unit_id = self
                .rng
                .chance(0.95)
                .then(|| self.units[self.rng.below(self.units.len())]);
            // Log-uniform from 10,000 to 5,000,000 yuan.
            let yuan = 10_000.0 * 500f64.powf(self.rng.float());
            c.amount_fen = Some((yuan as i64) * 100);
            c.summary = format!(
                "{}{}期间{}，涉案金额{}万元。",
                c.suspect,
                c.post,
                self.rng.pick(SUMMARY_ACTS),
                (yuan / 10_000.0).round()
            );
            c.filed_on = Some(filed);
            let today = self.today;
            if self.rng.chance(0.06) {
                // Closed without prosecution.
                c.closed_on = after(filed, self.rng.between(60, 300), today);
            } else {
                c.prosecuted_on = after(filed, self.rng.between(45, 200), today);
                c.judged_on = c
                    .prosecuted_on
                    .and_then(|p| after(p, self.rng.between(30, 180), today));
                c.closed_on = c
                    .judged_on
                    .and_then(|j| after(j, self.rng.between(10, 60), today));
            }
            c.status = if c.closed_on.is_some() {
                CaseStatus::Closed
            } else if c.judged_on.is_some() {
                CaseStatus::Judged
            } else if c.prosecuted_on.is_some() {
                CaseStatus::Prosecuted
            } else if (today - filed).num_days() > 30 {
                CaseStatus::Investigating
            } else {
                CaseStatus::Filed
            };
            let id = self.b.insert(&mut c)?;
            self.sum.cases += 1;
            if let Some(from) = c.gap_from() {
                // The crime analysis of the case; a few never get one, recent ones are still planned.
                if !self.rng.chance(0.004) {
                    let on = add_days(from, self.rng.between(3, 60));
                    let mut a = Activity::new(
                        ActivityKind::Analysis,
                        &format!(
                            "{}{}案犯罪分析",
                            c.suspect,
                            c.crime_type.label(crate::i18n::Lang::Zh)
                        ),
                    );
                    a.case_id = Some(id);
                    a.unit_id = c.unit_id;
                    if on <= today {
                        a.done_on = Some(on);
                    } else {
                        a.planned_on = Some(on);
                    }
                    self.b.insert(&mut a)?;
                    self.sum.activities += 1;
                }
                // A few cases are never written up in a suggestion.
                if !self.rng.chance(0.004) {
                    self.cases.push(CaseRef {
                        ready: add_days(from, self.rng.between(7, 90)),
                        id,
                        unit: c.unit_id,
                    });
                }
            }
        }
        self.cases.sort_by_key(|c| (c.ready, c.id));
        Ok(())
    }

    /// The next case ready to be written up by `on`; once all ready cases are taken, one of the latest taken
    /// (a second suggestion from the same case).
    fn take_case(&mut self, on: NaiveDate) -> Option<CaseRef> {
        if let Some(c) = self.cases.get(self.next_case).copied()
            && c.ready <= on
        {
            self.next_case += 1;
            return Some(c);
        }
        if self.next_case == 0 {
            return None;
        }
        let back = self.rng.below(self.next_case.min(200)) + 1;
        self.cases.get(self.next_case - back).copied()
    }

    // ---- suggestions

    fn fate(&mut self, received_recently: bool) -> Fate {
        let r = &mut self.rng;
        let stated_after = r.chance(0.05).then(|| r.between(15, 30));
        let due_after = stated_after.unwrap_or(61);
        let roll = r.float();
        let reply_after = if roll < 0.88 {
            Some(r.between(10, due_after.min(58)))
        } else if roll < 0.995 || !received_recently {
            Some(due_after + r.between(1, 120))
        } else {
            None
        };
        let file_roll = r.float();
        let file_after = if file_roll < 0.92 {
            Some(r.between(0, 5))
        } else if file_roll < 0.995 {
            Some(r.between(6, 25))
        } else if received_recently {
            None
        } else {
            Some(r.between(26, 90))
        };
        Fate {
            decision: r.chance(0.95),
            issue_after: r.between(10, 75),
            withdraw_after: r.chance(0.006).then(|| r.between(3, 40)),
            serve_after: r.between(0, 10),
            announced: r.chance(0.2),
            receive_after: r.between(0, 3),
            file_after,
            stated_after,
            reply_after,
            adoption: r.weighted(&[
                (Adoption::Adopted, 0.85),
                (Adoption::Partly, 0.12),
                (Adoption::Not, 0.03),
            ]),
            rectification: r.weighted(&[
                (Rectification::Full, 0.75),
                (Rectification::Partial, 0.2),
                (Rectification::None, 0.05),
            ]),
            rectify_after: r.between(0, 90),
            visit_after: r.chance(0.97).then(|| r.between(20, 75)),
            look_back_after: r.chance(0.1).then(|| r.between(180, 400)),
            close_after: r.between(15, 150),
            objection: r.chance(0.01).then(|| {
                (
                    r.between(3, 9),
                    r.weighted(&[
                        (ObjectionOutcome::Upheld, 0.8),
                        (ObjectionOutcome::Modified, 0.2),
                    ]),
                )
            }),
            inquiry: r.chance(0.2).then(|| {
                (
                    r.between(10, 50),
                    r.pick(&[
                        FollowUpKind::Inquiry,
                        FollowUpKind::Visit,
                        FollowUpKind::Consultation,
                        FollowUpKind::JointMeeting,
                    ]),
                )
            }),
            escalate: r.chance(0.3).then(|| r.pick(EscalationStep::ALL)),
            investigation: r.chance(0.4),
        }
    }

    /// Overrides the random course so that the suggestion ends in `pin`'s state; returns its decision date.
    fn pin(&self, pin: Pin, f: &mut Fate) -> NaiveDate {
        let t = self.today;
        f.decision = true;
        f.withdraw_after = None;
        f.issue_after = 20;
        f.serve_after = 1;
        f.receive_after = 0;
        f.file_after = Some(2);
        f.stated_after = None;
        f.reply_after = None;
        match pin {
            // Received 129 days ago: two months have long passed.
            Pin::Overdue => add_days(t, -150),
            // A stated deadline five days ahead (at most 14 after a roll over a holiday).
            Pin::DueSoon => {
                f.stated_after = Some(25);
                add_days(t, -41)
            }
            Pin::AwaitingReply => add_days(t, -26),
            Pin::AwaitingService => {
                f.serve_after = 30;
                add_days(t, -22)
            }
            Pin::Draft => {
                f.issue_after = 60;
                add_days(t, -10)
            }
            Pin::Replied => {
                f.reply_after = Some(40);
                f.close_after = 10_000;
                f.visit_after = None;
                add_days(t, -200)
            }
            Pin::Closed => {
                f.reply_after = Some(30);
                f.visit_after = Some(40);
                f.close_after = 30;
                add_days(t, -800)
            }
            Pin::Withdrawn => {
                f.withdraw_after = Some(5);
                add_days(t, -100)
            }
        }
    }

    fn suggestion(&mut self, i: u64) -> Result<()> {
        let today = self.today;
        let mut decided = self.date_at((i as f64 + 0.5) / self.n as f64);
        let recent = (today - decided).num_days() < 730;
        let mut f = self.fate(recent);
        let pin = (self.n - 1 - i)
            .try_into()
            .ok()
            .and_then(|k: usize| PINS.get(k).copied());
        if let Some(p) = pin {
            decided = self.pin(p, &mut f);
        }

        let category = self.rng.weighted(&[
            (Category::Single, 0.5),
            (Category::Similar, 0.2),
            (Category::Industry, 0.2),
            (Category::Regional, 0.1),
        ]);
        let wanted = match category {
            Category::Single => 1,
            Category::Similar => self.rng.between(2, 3),
            Category::Industry => i64::from(self.rng.chance(0.3)),
            Category::Regional => 0,
        };
        let mut cases: Vec<CaseRef> = Vec::new();
        for _ in 0..wanted {
            if let Some(c) = self.take_case(decided)
                && !cases.iter().any(|x| x.id == c.id)
            {
                cases.push(c);
            }
        }
        let recipient = match cases.iter().find_map(|c| c.unit) {
            Some(u) => u,
            None => self.random_unit(),
        };
        let area = self.rng.pick(AREAS);
        let title = format!(
            "关于{}{}{}的检察建议",
            self.rng.pick(VERBS),
            area,
            self.rng.pick(ASPECTS)
        );
        let mut s = Suggestion::new(&title, recipient);
        s.category = category;
        s.legal_type = self.rng.weighted(&[
            (LegalType::SocialGovernance, 0.95),
            (LegalType::Other, 0.03),
            (LegalType::Correction, 0.02),
        ]);
        let first = self.rng.below(PROBLEMS.len());
        let second = (first + 1 + self.rng.below(PROBLEMS.len() - 1)) % PROBLEMS.len();
        s.problems = format!(
            "{}年以来，该单位在{area}工作中存在{}、{}等问题，存在职务犯罪风险。",
            decided.year() - 1,
            PROBLEMS[first],
            PROBLEMS[second]
        );
        s.measures = format!(
            "建议{}，{}。",
            self.rng.pick(MEASURES),
            self.rng.pick(MEASURES)
        );
        let mut follow_ups: Vec<FollowUp> = Vec::new();
        let investigation = f.investigation && f.decision;
        self.lifecycle(&mut s, decided, &f, &mut follow_ups);
        if s.doc_no.is_none() {
            // Two drafts with one title for one unit would be one record to an import: vary the wording.
            let mut k = 0;
            while !self.draft_titles.insert((s.title.clone(), recipient)) {
                k += 1;
                s.title = format!(
                    "关于{}{area}{}的检察建议（{}）",
                    self.rng.pick(VERBS),
                    self.rng.pick(ASPECTS),
                    k + 1
                );
            }
        }

        let id = self.b.insert(&mut s)?;
        self.sum.suggestions += 1;
        for c in &cases {
            self.b.link_case(id, c.id)?;
        }
        if self.rng.chance(0.15) {
            let other = self.random_unit();
            if other != recipient {
                self.b.copy_to(id, other)?;
            }
        }
        for mut fu in follow_ups {
            fu.suggestion_id = id;
            fu.method = self.rng.pick(FOLLOW_METHODS).to_string();
            fu.record = self.rng.pick(FOLLOW_RECORDS).to_string();
            self.b.insert(&mut fu)?;
            self.sum.follow_ups += 1;
        }
        if investigation {
            let on = add_days(decided, self.rng.between(5, 40));
            let mut a = Activity::new(ActivityKind::Investigation, &format!("{area}领域预防调查"));
            a.unit_id = Some(recipient);
            a.suggestion_id = Some(id);
            a.case_id = cases.first().map(|c| c.id);
            // The investigation comes before the suggestion is issued.
            let on = s.issued_on.map_or(on, |iss| on.min(iss));
            if on <= today {
                a.done_on = Some(on);
            } else {
                a.planned_on = Some(on);
            }
            self.b.insert(&mut a)?;
            self.sum.activities += 1;
        }
        Ok(())
    }

    /// Fills the dates of `s` from its decision date and course; steps after today have not happened.
    fn lifecycle(
        &mut self,
        s: &mut Suggestion,
        decided: NaiveDate,
        f: &Fate,
        fus: &mut Vec<FollowUp>,
    ) {
        let today = self.today;
        s.decided_on = f.decision.then_some(decided);
        let Some(issued) = after(decided, f.issue_after, today) else {
            // Still a draft; a few drafts are dropped before they are issued.
            s.withdrawn_on = f.withdraw_after.and_then(|w| after(decided, w, today));
            return;
        };
        s.issued_on = Some(issued);
        let year = issued.year();
        let seq = self.doc_seq.entry(year).or_insert(0);
        *seq += 1;
        s.doc_no = Some(
            DocNo {
                prefix: self.prefix.clone(),
                year,
                seq: *seq,
            }
            .to_string(),
        );
        s.withdrawn_on = f.withdraw_after.and_then(|w| after(issued, w, today));
        // Nothing happens after a withdrawal.
        let limit = s.withdrawn_on.unwrap_or(today);
        s.filed_on = f.file_after.and_then(|a| after(issued, a, limit));
        let Some(served) = after(issued, f.serve_after, limit) else {
            return;
        };
        s.served_on = Some(served);
        s.service_method = Some(if f.announced {
            ServiceMethod::Announced
        } else {
            ServiceMethod::Written
        });
        let receive_after = if f.announced { 0 } else { f.receive_after };
        let Some(received) = after(served, receive_after, limit) else {
            return;
        };
        s.received_on = Some(received);
        s.stated_reply_due = f.stated_after.map(|a| add_days(received, a));
        let due = add_days(received, f.stated_after.unwrap_or(61));
        let replied = f.reply_after.and_then(|a| after(received, a, limit));
        let fu = |kind, date| FollowUp::new(0, kind, date);

        if let Some((days, outcome)) = f.objection
            && let Some(on) = after(received, days, replied.unwrap_or(limit))
        {
            let mut o = fu(FollowUpKind::Objection, on);
            o.outcome = Some(outcome);
            fus.push(o);
        }
        if let Some((days, kind)) = f.inquiry
            && let Some(on) = after(received, days, replied.unwrap_or(limit))
        {
            fus.push(fu(kind, on));
        }
        // Urging once the reply is a week late, and again a month later.
        let reply_or_now = replied.unwrap_or(limit);
        if reply_or_now > add_days(due, 7) {
            if let Some(on) = after(due, self.rng.between(3, 7), reply_or_now) {
                fus.push(fu(FollowUpKind::Urging, on));
            }
            if let Some(on) = after(due, self.rng.between(30, 40), reply_or_now) {
                fus.push(fu(FollowUpKind::Urging, on));
            }
        }
        if replied.is_none()
            && let Some(step) = f.escalate
            && let Some(on) = after(due, self.rng.between(45, 60), limit)
        {
            let mut e = fu(FollowUpKind::Escalation, on);
            e.step = Some(step);
            fus.push(e);
        }
        let Some(replied) = replied else {
            return;
        };
        s.replied_on = Some(replied);
        s.adoption = Some(f.adoption);
        s.reply_summary = format!("{}，{}。", self.rng.pick(REPLIES), self.rng.pick(REPLIES));
        let mut settled = replied;
        if f.rectification != Rectification::None
            && let Some(on) = after(replied, f.rectify_after, limit)
        {
            s.rectification = Some(f.rectification);
            s.rectified_on = Some(on);
            settled = on;
        } else if f.rectification == Rectification::None {
            s.rectification = Some(Rectification::None);
        }
        let rectified_or_replied = settled;
        let visited = f.visit_after.and_then(|a| after(replied, a, limit));
        if let Some(v) = visited {
            fus.push(fu(FollowUpKind::ReturnVisit, v));
            settled = settled.max(v);
            // Not fully rectified at the visit: a look-back check follows before the file is closed.
            if s.rectification != Some(Rectification::Full) {
                match after(v, self.rng.between(40, 75), limit) {
                    Some(on) => {
                        fus.push(fu(FollowUpKind::LookBack, on));
                        // Never before the rectification: closing (and evaluating) comes after both.
                        settled = settled.max(on);
                    }
                    None => settled = add_days(today, 10_000),
                }
            }
        }
        if let Some(on) = f.look_back_after.and_then(|a| after(replied, a, limit)) {
            fus.push(fu(FollowUpKind::LookBack, on));
        }
        let closed = if visited.is_some() {
            after(settled, f.close_after, limit)
        } else if f.visit_after.is_none() {
            // Never visited: closed much later, if at all.
            after(settled, f.close_after.saturating_mul(4).max(200), limit)
        } else {
            None
        };
        if let Some(closed) = closed {
            s.closed_on = Some(closed);
            let room = (closed - rectified_or_replied).num_days().clamp(0, 10);
            s.evaluated_on = Some(add_days(closed, -self.rng.between(0, room)));
        }
    }

    // ---- other prevention work, plans

    fn activity(&mut self) -> Result<()> {
        let stopped = NaiveDate::from_ymd_opt(2018, 8, 1).unwrap_or(self.today);
        let u = self.rng.float();
        let mut on = self.date_at(u);
        let planned_ahead = self.rng.chance(0.01);
        if planned_ahead {
            on = add_days(self.today, self.rng.between(1, 60));
        }
        let mut kind = self.rng.weighted(&[
            (ActivityKind::Warning, 0.3),
            (ActivityKind::Publicity, 0.25),
            (ActivityKind::Interview, 0.15),
            (ActivityKind::Consultation, 0.15),
            (ActivityKind::BriberyInquiry, 0.1),
            (ActivityKind::Other, 0.05),
        ]);
        if kind == ActivityKind::BriberyInquiry && on >= stopped {
            kind = ActivityKind::Warning;
        }
        let title = match kind {
            ActivityKind::Warning => ACTIVITY_TITLES[0],
            ActivityKind::Publicity => ACTIVITY_TITLES[2],
            ActivityKind::Interview => ACTIVITY_TITLES[4],
            ActivityKind::Consultation => ACTIVITY_TITLES[5],
            ActivityKind::BriberyInquiry => ACTIVITY_TITLES[6],
            _ => ACTIVITY_TITLES[7],
        };
        let mut a = Activity::new(kind, title);
        if self.rng.chance(0.7) {
            a.unit_id = Some(self.random_unit());
        }
        if kind == ActivityKind::Warning {
            a.attendees = Some(self.rng.between(30, 400));
        }
        if planned_ahead || ((self.today - on).num_days() < 60 && self.rng.chance(0.03)) {
            a.planned_on = Some(on);
        } else {
            a.done_on = Some(on);
            if self.rng.chance(0.7) {
                a.planned_on = Some(add_days(on, -self.rng.between(0, 20)));
            }
        }
        self.b.insert(&mut a)?;
        self.sum.activities += 1;
        Ok(())
    }

    fn plans(&mut self) -> Result<()> {
        let per_year = (self.n / YEARS as u64).max(1) as i64;
        for year in self.start.year()..=self.today.year() {
            let mut p = Plan::new(year);
            p.suggestion_target = Some(per_year);
            for (k, share) in [
                (ActivityKind::Investigation, 2),
                (ActivityKind::Analysis, 2),
                (ActivityKind::Warning, 3),
                (ActivityKind::Publicity, 2),
            ] {
                p.targets.insert(k, per_year * share / 5);
            }
            p.focus_industries = format!("{}、{}", self.rng.pick(AREAS), self.rng.pick(AREAS));
            let on = |m, d| NaiveDate::from_ymd_opt(year, m, d).filter(|x| *x <= self.today);
            p.plan_check_on = on(1, 20);
            p.midyear_check_on = on(7, 10);
            p.yearend_check_on = on(12, 20);
            self.b.insert(&mut p)?;
            self.sum.plans += 1;
        }
        Ok(())
    }
}

/// `d + days`, or `None` when that is after `limit` (the step has not happened yet).
fn after(d: NaiveDate, days: i64, limit: NaiveDate) -> Option<NaiveDate> {
    Some(add_days(d, days)).filter(|x| *x <= limit)
}

/// A unique county-level place name for index `p`: two characters and a suffix (三 characters and more once
/// the two-character names run out).
fn place_name(p: u64) -> String {
    let c = PLACE_CHARS.len() as u64;
    let suffix = PLACE_SUFFIX[(p % PLACE_SUFFIX.len() as u64) as usize];
    let r = p / PLACE_SUFFIX.len() as u64;
    let mut out = String::new();
    if r < c * c {
        // An affine permutation of the two-character names, so neighbours do not look alike.
        let x = (r * 797 + 331) % (c * c);
        out.push_str(PLACE_CHARS[(x / c) as usize]);
        out.push_str(PLACE_CHARS[(x % c) as usize]);
    } else {
        let mut x = r - c * c;
        let mut digits = 0;
        while digits < 3 || x > 0 {
            out.push_str(PLACE_CHARS[(x % c) as usize]);
            x /= c;
            digits += 1;
        }
    }
    out.push_str(suffix);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::domain::{HolidayTable, Rules, Settings, StateKind};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or(NaiveDate::MIN)
    }

    fn open(dir: &tempfile::TempDir, name: &str) -> Store {
        let rules = Rules::new(Settings::default(), HolidayTable::builtin());
        Store::open(&dir.path().join(name), rules, today()).unwrap()
    }

    /// Every row of the generated tables, as text, in id order.
    fn dump(store: &Store) -> Vec<String> {
        let mut out = Vec::new();
        for t in [
            "units",
            "cases",
            "suggestions",
            "suggestion_cases",
            "suggestion_copies",
            "follow_ups",
            "activities",
            "plans",
        ] {
            let mut q = store
                .conn()
                .prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2"))
                .unwrap();
            let n = q.column_count();
            let rows = q
                .query_map([], |r| {
                    let mut line = t.to_string();
                    for i in 0..n {
                        let v: rusqlite::types::Value = r.get(i)?;
                        line.push_str(&format!("|{v:?}"));
                    }
                    Ok(line)
                })
                .unwrap();
            out.extend(rows.map(|r| r.unwrap()));
        }
        out
    }

    #[test]
    fn same_seed_same_office_other_seed_other_office() {
        let dir = tempfile::tempdir().unwrap();
        let opts = Options {
            suggestions: 300,
            seed: 7,
        };
        let mut a = open(&dir, "a.db");
        let mut b = open(&dir, "b.db");
        let mut c = open(&dir, "c.db");
        let sa = generate(&mut a, &opts).unwrap();
        let sb = generate(&mut b, &opts).unwrap();
        generate(&mut c, &Options { seed: 8, ..opts }).unwrap();
        assert_eq!(sa, sb);
        assert_eq!(
            (sa.suggestions, sa.cases, sa.units, sa.activities),
            (300, 100, 15, 300)
        );
        assert!(sa.follow_ups > 100, "{sa:?}");
        assert_eq!(dump(&a), dump(&b));
        assert_ne!(dump(&a), dump(&c));
    }

    #[test]
    fn every_state_valid_records_and_domain_deadlines() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir, "g.db");
        let indices = |s: &Store| -> i64 {
            s.conn()
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'index'",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let before = indices(&store);
        let sum = generate(
            &mut store,
            &Options {
                suggestions: 400,
                seed: 1,
            },
        )
        .unwrap();
        assert_eq!(indices(&store), before, "indices rebuilt after the load");
        let mode: String = store
            .conn()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let rules = store.rules().clone();
        let t = today();
        let mut states = BTreeSet::new();
        for id in 1..=sum.suggestions as i64 {
            let s: Suggestion = store.get(id).unwrap();
            assert_eq!(s.validate(t), Ok(()), "{s:?}");
            let due = s.deadlines(&rules).dates();
            let stored: (Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>) = store
                .conn()
                .query_row(
                    "SELECT investigation_due, filing_due, reply_due, visit_due FROM suggestions WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .unwrap();
            assert_eq!(
                stored,
                (due.investigation, due.filing, due.reply, due.visit)
            );
            states.insert(format!("{:?}", s.state(due.reply, t, &rules).kind()));
        }
        let all: BTreeSet<String> = StateKind::ALL.iter().map(|k| format!("{k:?}")).collect();
        assert_eq!(states, all);
        for id in 1..=sum.cases as i64 {
            let c: Case = store.get(id).unwrap();
            assert_eq!(c.validate(t), Ok(()), "{c:?}");
            let gap: Option<NaiveDate> = store
                .conn()
                .query_row("SELECT gap_from FROM cases WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(gap, c.gap_from());
        }
        for id in 1..=sum.follow_ups as i64 {
            let f: FollowUp = store.get(id).unwrap();
            assert_eq!(f.validate(t), Ok(()), "{f:?}");
        }
        for id in 1..=sum.activities as i64 {
            let a: Activity = store.get(id).unwrap();
            assert_eq!(a.validate(t), Ok(()), "{a:?}");
        }
        let unnumbered: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM suggestions WHERE (doc_no IS NULL) <> (issued_on IS NULL) \
                 OR (doc_no IS NOT NULL AND (doc_year IS NULL OR doc_seq IS NULL))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unnumbered, 0);
        // The daily check finds open work in a store of this size.
        let check = store.daily_check(None).unwrap();
        assert!(!check.overdue_replies.is_empty() && !check.due_soon.is_empty());
    }

    #[test]
    fn refuses_a_store_with_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir, "u.db");
        store.insert(&mut Unit::new("清源县财政局")).unwrap();
        let r = generate(
            &mut store,
            &Options {
                suggestions: 10,
                seed: 1,
            },
        );
        assert!(matches!(r, Err(GenError::NotEmpty)), "{r:?}");
        assert_eq!(store.units().unwrap().len(), 1);
    }

    #[test]
    fn place_names_are_unique() {
        let names: BTreeSet<String> = (0..20_000).map(place_name).collect();
        assert_eq!(names.len(), 20_000);
    }
}
