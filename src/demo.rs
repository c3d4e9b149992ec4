//! The sample office behind `--demo`: the fictional duty-crime prevention section of 清源县人民检察院, read from
//! `assets/demo.json` and written in one transaction.
//!
//! Every date in the file is a day offset from the store's today, so the office always looks current and the
//! same today always gives the same office. The daily check always has something in every list (overdue and
//! due-soon replies, a late filing, a return visit, an investigation, case gaps), and the suggestions cover
//! every derived state. The offsets keep margins for the calendar: a 2-month reply period is 59-62 days, and
//! roll-forward over rest days adds at most 9 days (the longest rest run in the holiday table).
//!
//! The file refers to things by name: a case names its unit; a suggestion names its recipient and copied-to
//! units and its cases (by case number as written in the file); follow-ups and activities name a suggestion by
//! the `key` it has in the file. The loader resolves the names and fails with a clear error on an unknown one.
//!
//! Two things are filled in by the loader rather than written in the file:
//! - case numbers may contain `{year}`, replaced by the year of the case's filed date (today's year if it has
//!   none), so a number never contradicts its dates;
//! - document numbers: issued suggestions are sorted by (issued date, file order) and numbered 1, 2, 3 ... per
//!   issue year with the configured prefix (the number's year must equal the issue year). Drafts get none.
//!
//! The annual plan is for today's year, `last_year_plan` for the year before; their three checkpoints are
//! written as `MM-DD` of their year.

/// The procuratorate of the sample office (its units are 清源县...).
pub const ORGAN: &str = "清源县人民检察院";

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::domain::deadline::add_days;
use crate::domain::{
    Activity, ActivityKind, Adoption, Case, CaseSource, CaseStatus, Category, CrimeType, DocNo,
    EscalationStep, FollowUp, FollowUpKind, LegalType, ObjectionOutcome, Plan, Rectification,
    ServiceMethod, Suggestion, Unit, UnitLevel,
};
use crate::i18n::Lang;
use crate::store::{Batch, Result, Store, StoreError};

/// The demo office, embedded in the binary.
pub const DEMO_JSON: &str = include_str!("../assets/demo.json");

/// Counts of what the demo loader wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub units: usize,
    pub cases: usize,
    pub suggestions: usize,
    pub follow_ups: usize,
    pub activities: usize,
    pub plans: usize,
}

/// Fills an empty store with the sample office, dates placed relative to the store's today.
pub fn load(store: &mut Store) -> Result<DemoSummary> {
    let file = parse(DEMO_JSON)?;
    load_file(store, &file)
}

// ---------------------------------------------------------------------------------------------------------
// The file's shape. Unknown fields are refused, so a misspelt date field cannot silently become "no date".

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    #[serde(default, rename = "note")]
    _note: String,
    #[serde(default, rename = "county")]
    _county: String,
    units: Vec<DemoUnit>,
    cases: Vec<DemoCase>,
    suggestions: Vec<DemoSuggestion>,
    follow_ups: Vec<DemoFollowUp>,
    activities: Vec<DemoActivity>,
    plan: DemoPlan,
    /// Last year's plan, its checkpoints as `MM-DD` of last year (issue 12: the year in view compares).
    #[serde(default)]
    last_year_plan: Option<DemoPlan>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoUnit {
    name: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    region: String,
    level: UnitLevel,
    #[serde(default)]
    key_demo: bool,
    #[serde(default)]
    key_contact: bool,
    #[serde(default)]
    leading_group: bool,
    #[serde(default)]
    contact_person: String,
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    notes: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCase {
    /// May contain `{year}` (the filed year).
    case_no: String,
    source: CaseSource,
    #[serde(default)]
    suspect: String,
    #[serde(default)]
    post: String,
    unit: Option<String>,
    crime_type: CrimeType,
    amount_fen: Option<i64>,
    status: CaseStatus,
    filed: Option<i64>,
    prosecuted: Option<i64>,
    judged: Option<i64>,
    closed: Option<i64>,
    #[serde(default)]
    summary: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSuggestion {
    /// How follow-ups and activities in the file refer to this suggestion.
    key: String,
    category: Category,
    legal_type: LegalType,
    title: String,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    measures: String,
    recipient: String,
    #[serde(default)]
    copied_to: Vec<String>,
    #[serde(default)]
    cases: Vec<String>,
    decided: Option<i64>,
    issued: Option<i64>,
    served: Option<i64>,
    service_method: Option<ServiceMethod>,
    received: Option<i64>,
    filed: Option<i64>,
    stated_reply_due: Option<i64>,
    replied: Option<i64>,
    adoption: Option<Adoption>,
    #[serde(default)]
    reply_summary: String,
    rectified: Option<i64>,
    rectification: Option<Rectification>,
    evaluated: Option<i64>,
    closed: Option<i64>,
    withdrawn: Option<i64>,
    #[serde(default)]
    notes: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFollowUp {
    suggestion: String,
    kind: FollowUpKind,
    date: i64,
    #[serde(default)]
    method: String,
    #[serde(default)]
    record: String,
    outcome: Option<ObjectionOutcome>,
    step: Option<EscalationStep>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoActivity {
    kind: ActivityKind,
    title: String,
    planned: Option<i64>,
    done: Option<i64>,
    unit: Option<String>,
    case: Option<String>,
    suggestion: Option<String>,
    attendees: Option<i64>,
    #[serde(default)]
    notes: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPlan {
    #[serde(default)]
    targets: BTreeMap<ActivityKind, i64>,
    suggestion_target: Option<i64>,
    #[serde(default)]
    focus_industries: String,
    /// `MM-DD` of the plan year (today's year).
    plan_check: Option<String>,
    midyear_check: Option<String>,
    yearend_check: Option<String>,
    #[serde(default)]
    notes: String,
}

fn parse(text: &str) -> Result<DemoFile> {
    Ok(serde_json::from_str(text)?)
}

/// A problem with the demo file itself, reported as a JSON error.
fn demo_error(message: String) -> StoreError {
    StoreError::Json(<serde_json::Error as serde::de::Error>::custom(format!(
        "demo.json: {message}"
    )))
}

/// Names the record when it fails validation (a bug in the file, so the developer needs to know which one).
fn within<T>(what: impl FnOnce() -> String, r: Result<T>) -> Result<T> {
    r.map_err(|e| match e {
        StoreError::Invalid(errs) => demo_error(format!(
            "{}: {}",
            what(),
            StoreError::Invalid(errs).message(Lang::En)
        )),
        other => other,
    })
}

/// Names already written, so later records can refer to them.
struct Names {
    today: NaiveDate,
    units: BTreeMap<String, i64>,
    cases: BTreeMap<String, i64>,
    suggestions: BTreeMap<String, i64>,
}

impl Names {
    fn day(&self, offset: Option<i64>) -> Option<NaiveDate> {
        offset.map(|o| add_days(self.today, o))
    }

    fn find(map: &BTreeMap<String, i64>, what: &str, name: &str, owner: &str) -> Result<i64> {
        map.get(name.trim())
            .copied()
            .ok_or_else(|| demo_error(format!("{owner}: unknown {what} \"{name}\"")))
    }
    fn unit(&self, name: &str, owner: &str) -> Result<i64> {
        Self::find(&self.units, "unit", name, owner)
    }
    fn case(&self, case_no: &str, owner: &str) -> Result<i64> {
        Self::find(&self.cases, "case number", case_no, owner)
    }
    fn suggestion(&self, key: &str, owner: &str) -> Result<i64> {
        Self::find(&self.suggestions, "suggestion key", key, owner)
    }

    fn remember(map: &mut BTreeMap<String, i64>, what: &str, name: &str, id: i64) -> Result<()> {
        if map.insert(name.trim().to_string(), id).is_some() {
            return Err(demo_error(format!("duplicate {what} \"{name}\"")));
        }
        Ok(())
    }
}

/// The document number of each suggestion (by file position): issued ones sorted by (issued date, file order)
/// and numbered from 1 within each issue year; drafts get none.
fn doc_numbers(issued: &[Option<NaiveDate>], prefix: &str) -> Vec<Option<String>> {
    let mut order: Vec<(NaiveDate, usize)> = issued
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.map(|d| (d, i)))
        .collect();
    order.sort_unstable();
    let mut last: BTreeMap<i32, u32> = BTreeMap::new();
    let mut out = vec![None; issued.len()];
    for (date, i) in order {
        let seq = last.entry(date.year()).or_insert(0);
        *seq += 1;
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(
                DocNo {
                    prefix: prefix.to_string(),
                    year: date.year(),
                    seq: *seq,
                }
                .to_string(),
            );
        }
    }
    out
}

fn load_file(store: &mut Store, file: &DemoFile) -> Result<DemoSummary> {
    let today = store.today();
    let prefix = store.rules().settings.doc_prefix.clone();
    store.batch(|b| write(b, file, today, &prefix))
}

fn write(
    b: &mut Batch<'_>,
    file: &DemoFile,
    today: NaiveDate,
    prefix: &str,
) -> Result<DemoSummary> {
    let mut names = Names {
        today,
        units: BTreeMap::new(),
        cases: BTreeMap::new(),
        suggestions: BTreeMap::new(),
    };
    let mut summary = DemoSummary::default();

    for u in &file.units {
        let mut unit = Unit {
            id: 0,
            version: 0,
            name: u.name.clone(),
            industry: u.industry.clone(),
            region: u.region.clone(),
            level: u.level,
            key_demo: u.key_demo,
            key_contact: u.key_contact,
            leading_group: u.leading_group,
            contact_person: u.contact_person.clone(),
            contact_phone: u.contact_phone.clone(),
            notes: u.notes.clone(),
        };
        let id = within(|| format!("unit \"{}\"", u.name), b.insert(&mut unit))?;
        Names::remember(&mut names.units, "unit", &u.name, id)?;
        summary.units += 1;
    }

    for c in &file.cases {
        let owner = format!("case \"{}\"", c.case_no);
        let filed_on = names.day(c.filed);
        let year = filed_on.unwrap_or(today).year();
        let mut case = Case {
            id: 0,
            version: 0,
            case_no: c.case_no.replace("{year}", &year.to_string()),
            source: c.source,
            suspect: c.suspect.clone(),
            post: c.post.clone(),
            unit_id: c
                .unit
                .as_deref()
                .map(|n| names.unit(n, &owner))
                .transpose()?,
            crime_type: c.crime_type,
            amount_fen: c.amount_fen,
            status: c.status,
            filed_on,
            prosecuted_on: names.day(c.prosecuted),
            judged_on: names.day(c.judged),
            closed_on: names.day(c.closed),
            summary: c.summary.clone(),
        };
        let id = within(|| owner.clone(), b.insert(&mut case))?;
        Names::remember(&mut names.cases, "case number", &c.case_no, id)?;
        summary.cases += 1;
    }

    let issued: Vec<Option<NaiveDate>> = file
        .suggestions
        .iter()
        .map(|s| names.day(s.issued))
        .collect();
    let numbers = doc_numbers(&issued, prefix);
    for (s, doc_no) in file.suggestions.iter().zip(numbers) {
        let owner = format!("suggestion \"{}\"", s.key);
        let copied_to = s
            .copied_to
            .iter()
            .map(|n| names.unit(n, &owner))
            .collect::<Result<Vec<_>>>()?;
        let case_ids = s
            .cases
            .iter()
            .map(|n| names.case(n, &owner))
            .collect::<Result<Vec<_>>>()?;
        let mut sug = Suggestion {
            id: 0,
            version: 0,
            doc_no,
            category: s.category,
            legal_type: s.legal_type,
            title: s.title.clone(),
            problems: s.problems.clone(),
            measures: s.measures.clone(),
            measure_items: Vec::new(),
            states_by_hand: false,
            recipient_id: names.unit(&s.recipient, &owner)?,
            copied_to,
            case_ids,
            decided_on: names.day(s.decided),
            issued_on: names.day(s.issued),
            served_on: names.day(s.served),
            service_method: s.service_method,
            received_on: names.day(s.received),
            filed_on: names.day(s.filed),
            stated_reply_due: names.day(s.stated_reply_due),
            replied_on: names.day(s.replied),
            adoption: s.adoption,
            reply_summary: s.reply_summary.clone(),
            rectified_on: names.day(s.rectified),
            rectification: s.rectification,
            evaluated_on: names.day(s.evaluated),
            closed_on: names.day(s.closed),
            withdrawn_on: names.day(s.withdrawn),
            notes: s.notes.clone(),
        };
        let id = within(|| owner.clone(), b.insert(&mut sug))?;
        Names::remember(&mut names.suggestions, "suggestion key", &s.key, id)?;
        summary.suggestions += 1;
    }

    for (i, f) in file.follow_ups.iter().enumerate() {
        let owner = format!("follow-up #{} ({})", i + 1, f.suggestion);
        let mut fu = FollowUp {
            id: 0,
            version: 0,
            suggestion_id: names.suggestion(&f.suggestion, &owner)?,
            kind: f.kind,
            date: add_days(today, f.date),
            method: f.method.clone(),
            record: f.record.clone(),
            outcome: f.outcome,
            step: f.step,
        };
        within(|| owner.clone(), b.insert(&mut fu))?;
        summary.follow_ups += 1;
    }

    for a in &file.activities {
        let owner = format!("activity \"{}\"", a.title);
        let mut act = Activity {
            id: 0,
            version: 0,
            kind: a.kind,
            title: a.title.clone(),
            planned_on: names.day(a.planned),
            done_on: names.day(a.done),
            unit_id: a
                .unit
                .as_deref()
                .map(|n| names.unit(n, &owner))
                .transpose()?,
            case_id: a
                .case
                .as_deref()
                .map(|n| names.case(n, &owner))
                .transpose()?,
            suggestion_id: a
                .suggestion
                .as_deref()
                .map(|k| names.suggestion(k, &owner))
                .transpose()?,
            attendees: a.attendees,
            notes: a.notes.clone(),
        };
        within(|| owner.clone(), b.insert(&mut act))?;
        summary.activities += 1;
    }

    // This year's plan, and last year's when the file has one (for the year in view's comparison).
    let plans = std::iter::once((&file.plan, today.year()))
        .chain(file.last_year_plan.iter().map(|p| (p, today.year() - 1)));
    for (p, year) in plans {
        let checkpoint = |md: &Option<String>| -> Result<Option<NaiveDate>> {
            md.as_deref()
                .map(|md| {
                    NaiveDate::parse_from_str(&format!("{year}-{}", md.trim()), "%Y-%m-%d")
                        .map_err(|_| demo_error(format!("plan: checkpoint \"{md}\" is not MM-DD")))
                })
                .transpose()
        };
        let mut plan = Plan {
            id: 0,
            version: 0,
            year,
            targets: p.targets.clone(),
            suggestion_target: p.suggestion_target,
            focus_industries: p.focus_industries.clone(),
            plan_check_on: checkpoint(&p.plan_check)?,
            midyear_check_on: checkpoint(&p.midyear_check)?,
            yearend_check_on: checkpoint(&p.yearend_check)?,
            notes: p.notes.clone(),
        };
        within(|| format!("plan {year}"), b.insert(&mut plan))?;
        summary.plans += 1;
    }

    Ok(summary)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::domain::{HolidayTable, Rules, Settings, StateKind};
    use crate::store::Record;
    use crate::store::daily::DailyCheck;

    const TODAYS: [&str; 4] = ["2026-06-01", "2026-11-28", "2025-01-15", "2030-02-10"];

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn open(path: &Path, today: NaiveDate) -> Store {
        let rules = Rules::new(Settings::default(), HolidayTable::builtin());
        Store::open(path, rules, today).expect("open store")
    }

    /// A store on a fresh temp file with the demo loaded.
    fn loaded(today: NaiveDate) -> (tempfile::TempDir, Store, DemoSummary) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = open(&dir.path().join("demo.db"), today);
        let summary = load(&mut store)
            .unwrap_or_else(|e| panic!("{today}: demo load failed: {}", e.message(Lang::En)));
        (dir, store, summary)
    }

    fn all<T: Record>(store: &Store) -> Vec<T> {
        let sql = format!("SELECT id FROM {} ORDER BY id", T::TABLE);
        let mut q = store.conn().prepare(&sql).unwrap();
        let ids: Vec<i64> = q
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        ids.into_iter().map(|id| store.get(id).unwrap()).collect()
    }

    fn counts(dc: &DailyCheck) -> [usize; 6] {
        [
            dc.overdue_replies.len(),
            dc.due_soon.len(),
            dc.filing_overdue.len(),
            dc.visits_due.len(),
            dc.investigations_due.len(),
            dc.case_gaps.len(),
        ]
    }

    /// Overdue replies, due soon, filing overdue, visits due, investigations due, case gaps.
    const MINIMA: [usize; 6] = [2, 2, 1, 1, 1, 2];

    fn states(store: &Store) -> Vec<StateKind> {
        let rules = store.rules();
        all::<Suggestion>(store)
            .iter()
            .map(|s| {
                let due = s.deadlines(rules).reply.map(|d| d.date);
                s.state(due, store.today(), rules).kind()
            })
            .collect()
    }

    #[test]
    fn summary_matches_the_file() {
        let file = parse(DEMO_JSON).unwrap();
        let (_dir, store, summary) = loaded(d(TODAYS[0]));
        assert_eq!(
            summary,
            DemoSummary {
                units: file.units.len(),
                cases: file.cases.len(),
                suggestions: file.suggestions.len(),
                follow_ups: file.follow_ups.len(),
                activities: file.activities.len(),
                plans: 1 + usize::from(file.last_year_plan.is_some()),
            }
        );
        assert!(summary.units >= 15 && summary.cases >= 25 && summary.suggestions >= 40);
        assert_eq!(store.units().unwrap().len(), summary.units);
        assert_eq!(all::<Case>(&store).len(), summary.cases);
        assert_eq!(all::<FollowUp>(&store).len(), summary.follow_ups);
        assert_eq!(all::<Activity>(&store).len(), summary.activities);
        let plans = all::<Plan>(&store);
        assert_eq!(plans.len(), summary.plans);
        let this_year = plans.iter().find(|p| p.year == 2026).unwrap();
        assert_eq!(this_year.midyear_check_on, Some(d("2026-07-15")));
    }

    #[test]
    fn the_file_covers_every_kind() {
        let file = parse(DEMO_JSON).unwrap();
        let has = |v: &[String], want: &[&str]| want.iter().all(|w| v.iter().any(|x| x == w));
        let codes =
            |it: &mut dyn Iterator<Item = &'static str>| it.map(String::from).collect::<Vec<_>>();
        let crimes = codes(&mut file.cases.iter().map(|c| c.crime_type.code()));
        assert!(has(
            &crimes,
            &CrimeType::ALL.iter().map(|c| c.code()).collect::<Vec<_>>()
        ));
        let statuses = codes(&mut file.cases.iter().map(|c| c.status.code()));
        assert!(has(
            &statuses,
            &CaseStatus::ALL.iter().map(|c| c.code()).collect::<Vec<_>>()
        ));
        let sources = codes(&mut file.cases.iter().map(|c| c.source.code()));
        assert!(has(
            &sources,
            &CaseSource::ALL.iter().map(|c| c.code()).collect::<Vec<_>>()
        ));
        let cats = codes(&mut file.suggestions.iter().map(|s| s.category.code()));
        assert!(has(
            &cats,
            &Category::ALL.iter().map(|c| c.code()).collect::<Vec<_>>()
        ));
        let kinds = codes(&mut file.follow_ups.iter().map(|f| f.kind.code()));
        assert!(has(
            &kinds,
            &FollowUpKind::ALL
                .iter()
                .map(|c| c.code())
                .collect::<Vec<_>>()
        ));
        assert!(file.follow_ups.iter().any(|f| f.outcome.is_some()));
        assert!(file.follow_ups.iter().any(|f| f.step.is_some()));
        let social = file
            .suggestions
            .iter()
            .filter(|s| s.legal_type == LegalType::SocialGovernance)
            .count();
        assert!(
            social * 10 >= file.suggestions.len() * 9,
            "mostly social governance"
        );
        // Activities: analyses linked to cases, warning education with attendees, future plans, one missed.
        assert!(
            file.activities
                .iter()
                .any(|a| a.kind == ActivityKind::Analysis && a.case.is_some())
        );
        assert!(
            file.activities
                .iter()
                .any(|a| a.kind == ActivityKind::Warning && a.attendees.is_some())
        );
        assert!(
            file.activities
                .iter()
                .filter(|a| a.planned.is_some_and(|p| p > 0))
                .count()
                >= 2
        );
        let missed = file
            .activities
            .iter()
            .filter(|a| a.done.is_none() && a.planned.is_some_and(|p| p < 0))
            .count();
        assert_eq!(missed, 1);
        let levels: BTreeSet<UnitLevel> = file.units.iter().map(|u| u.level).collect();
        assert!(levels.len() >= 5);
        assert!(file.units.iter().any(|u| u.key_demo));
        assert!(file.units.iter().any(|u| u.key_contact));
        assert!(file.units.iter().any(|u| u.leading_group));
    }

    #[test]
    fn every_list_of_the_daily_check_has_items_on_any_today() {
        for t in TODAYS {
            let (_dir, store, _) = loaded(d(t));
            let got = counts(&store.daily_check(None).unwrap());
            assert!(
                got.iter().zip(MINIMA).all(|(g, m)| *g >= m),
                "{t}: got {got:?}, want at least {MINIMA:?}"
            );
        }
    }

    #[test]
    fn every_state_occurs_and_states_do_not_depend_on_today() {
        let mut first: Option<Vec<StateKind>> = None;
        for t in TODAYS {
            let (_dir, store, _) = loaded(d(t));
            let got = states(&store);
            for want in StateKind::ALL {
                assert!(got.contains(&want), "{t}: no suggestion is {want:?}");
            }
            let rectified = all::<Suggestion>(&store)
                .iter()
                .filter(|s| {
                    s.rectification == Some(Rectification::Full) && s.rectified_on.is_some()
                })
                .count();
            assert!(rectified >= 3, "{t}: {rectified} fully rectified");
            match &first {
                None => first = Some(got),
                Some(f) => assert_eq!(f, &got, "{t}: states differ from {}", TODAYS[0]),
            }
        }
    }

    #[test]
    fn document_numbers_run_per_issue_year_in_issue_order() {
        // Late January: the history spans three issue years.
        let (_dir, store, _) = loaded(d("2026-01-20"));
        let prefix = store.rules().settings.doc_prefix.clone();
        let sugs = all::<Suggestion>(&store);
        let mut by_year: BTreeMap<i32, Vec<(NaiveDate, i64, u32)>> = BTreeMap::new();
        for s in &sugs {
            match (s.issued_on, s.doc_no.as_deref()) {
                (None, None) => {}
                (Some(issued), Some(no)) => {
                    let no = DocNo::parse(no).expect("well-formed number");
                    assert_eq!(no.prefix, prefix);
                    assert_eq!(no.year, issued.year(), "{}", s.title);
                    by_year
                        .entry(no.year)
                        .or_default()
                        .push((issued, s.id, no.seq));
                }
                _ => panic!("issued and numbered must go together: {}", s.title),
            }
        }
        assert!(by_year.len() >= 3, "{:?}", by_year.keys());
        for (year, mut list) in by_year {
            list.sort_unstable();
            let seqs: Vec<u32> = list.iter().map(|x| x.2).collect();
            let want: Vec<u32> = (1..=seqs.len() as u32).collect();
            assert_eq!(seqs, want, "{year}");
        }
        // Case numbers carry the year they were filed in.
        for c in all::<Case>(&store) {
            let year = c.filed_on.map(|f| f.year()).unwrap_or(2026);
            assert!(c.case_no.contains(&format!("〔{year}〕")), "{}", c.case_no);
        }
    }

    /// A change-log row without its wall-clock `at`.
    type LogRow = (String, i64, String, Option<String>, Option<String>);

    #[test]
    fn same_today_gives_the_same_office() {
        let today = d("2026-11-28");
        let dump = |store: &Store| -> String {
            let log: Vec<LogRow> = {
                let mut q = store
                    .conn()
                    .prepare("SELECT entity, entity_id, action, before, after FROM change_log ORDER BY id")
                    .unwrap();
                q.query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
            };
            serde_json::to_string(&(
                store.daily_check(None).unwrap(),
                all::<Unit>(store),
                all::<Case>(store),
                all::<Suggestion>(store),
                all::<FollowUp>(store),
                all::<Activity>(store),
                all::<Plan>(store),
                log,
            ))
            .unwrap()
        };
        let (_d1, a, _) = loaded(today);
        let (_d2, b, _) = loaded(today);
        assert_eq!(dump(&a), dump(&b));
        // A different today moves every date by the same number of days.
        let (_d3, c, _) = loaded(d("2026-11-29"));
        let shift = |store: &Store| {
            all::<Suggestion>(store)
                .iter()
                .map(|s| s.received_on.map(|r| (store.today() - r).num_days()))
                .collect::<Vec<_>>()
        };
        assert_eq!(shift(&a), shift(&c));
    }

    #[test]
    fn unknown_names_are_reported_and_nothing_is_written() {
        let file = parse(DEMO_JSON).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("t.db"), d("2026-06-01"));
        let typo = "清源县交通局";
        let mut cases: Vec<(&str, DemoFile)> = Vec::new();
        let mut f = file.clone();
        f.cases[0].unit = Some(typo.into());
        cases.push((typo, f));
        let mut f = file.clone();
        f.suggestions[3].recipient = typo.into();
        cases.push((typo, f));
        let mut f = file.clone();
        f.suggestions[6].copied_to.push(typo.into());
        cases.push((typo, f));
        let mut f = file.clone();
        f.suggestions[6]
            .cases
            .push("清检刑受〔{year}〕999号".into());
        cases.push(("999号", f));
        let mut f = file.clone();
        f.follow_ups[2].suggestion = "no-such-key".into();
        cases.push(("no-such-key", f));
        let mut f = file.clone();
        f.activities[0].case = Some("清检刑受〔2026〕14号".into());
        cases.push(("〔2026〕14号", f));
        let mut f = file.clone();
        f.activities[0].unit = Some(typo.into());
        cases.push((typo, f));
        let mut f = file.clone();
        f.activities[21].suggestion = Some("jz-baozang".into());
        cases.push(("jz-baozang", f));
        let mut f = file.clone();
        f.suggestions[1].key = f.suggestions[0].key.clone();
        cases.push(("duplicate suggestion key", f));
        for (want, f) in &cases {
            let err = load_file(&mut store, f).expect_err("must fail");
            assert!(matches!(err, StoreError::Json(_)), "{err:?}");
            let msg = err.message(Lang::En);
            assert!(msg.contains(want), "{want:?} not in {msg:?}");
            assert!(msg.starts_with("demo.json: "), "{msg}");
        }
        // Each failure rolled its transaction back.
        assert!(store.units().unwrap().is_empty());
        assert_eq!(store.change_count().unwrap(), 0);
        assert!(load_file(&mut store, &file).is_ok());
    }

    #[test]
    fn a_broken_file_is_a_json_store_error() {
        assert!(matches!(parse("{"), Err(StoreError::Json(_))));
        let misspelt = DEMO_JSON.replacen("\"received\": -637", "\"recieved\": -637", 1);
        assert_ne!(misspelt, DEMO_JSON);
        let err = parse(&misspelt).expect_err("unknown field");
        assert!(
            err.message(Lang::En).contains("recieved"),
            "{}",
            err.message(Lang::En)
        );
        let bad_code = DEMO_JSON.replacen("\"kind\": \"urging\"", "\"kind\": \"nagging\"", 1);
        assert!(matches!(parse(&bad_code), Err(StoreError::Json(_))));
    }

    /// Every day of several years, including the holiday-heavy ones (slow: `cargo test -- --ignored`).
    #[test]
    #[ignore]
    fn every_today_from_2024_to_2031() {
        let mut today = d("2024-01-01");
        while today <= d("2031-12-31") {
            let (_dir, store, _) = loaded(today);
            let got = counts(&store.daily_check(None).unwrap());
            assert!(
                got.iter().zip(MINIMA).all(|(g, m)| *g >= m),
                "{today}: {got:?}"
            );
            let st = states(&store);
            assert!(StateKind::ALL.iter().all(|k| st.contains(k)), "{today}");
            today = add_days(today, 1);
        }
    }
}
