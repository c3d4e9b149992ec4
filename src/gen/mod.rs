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

mod lifecycle;
mod records;
#[cfg(test)]
mod tests;
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
