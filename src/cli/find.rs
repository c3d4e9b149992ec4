//! `yufang find TEXT`: one search over every record, grouped by kind, best first, as tables or JSON.

use std::io::Write;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{Ctx, Fail};
use crate::i18n::{K, Lang};
use crate::store::search::{Group, Item, Kind};
use crate::text::table;

/// Records listed per kind unless asked otherwise (the counts are always exact).
pub const DEFAULT_LIMIT: usize = 10;

/// One found record as a line: number or name, what it is about, its state, its key date.
pub struct Line {
    pub id: i64,
    pub number: String,
    pub about: String,
    pub state: String,
    pub date: Option<NaiveDate>,
}

pub fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    lang.t(match kind {
        Kind::Unit => K::FindUnits,
        Kind::Case => K::FindCases,
        Kind::Suggestion => K::FindSuggestions,
        Kind::Activity => K::FindActivities,
        Kind::FollowUp => K::FindFollowUps,
    })
}

fn joined(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The line of an item. States and dates are the domain's: the suggestion's state as the rules give it, the
/// activity's days past its planned date as `Activity::due` gives them.
pub fn line(item: &Item, lang: Lang) -> Line {
    let (id, number, about, state, date) = match item {
        Item::Unit { unit, last_contact } => (
            unit.id,
            unit.name.clone(),
            joined(&[&unit.industry, &unit.region, &unit.contact_person]),
            String::new(),
            *last_contact,
        ),
        Item::Case { case, unit } => (
            case.id,
            case.case_no.clone(),
            joined(&[&case.suspect, &case.post, unit.as_deref().unwrap_or("")]),
            case.status.label(lang).to_string(),
            case.filed_on,
        ),
        Item::Suggestion {
            suggestion: s,
            recipient,
            state,
            reply_due,
        } => {
            let days = state.days_short(lang);
            let date = if days.is_empty() {
                s.closed_on
                    .or(s.replied_on)
                    .or(s.received_on)
                    .or(s.issued_on)
                    .or(s.decided_on)
            } else {
                *reply_due
            };
            (
                s.id,
                s.doc_no.clone().unwrap_or_default(),
                joined(&[&s.title, recipient]),
                joined(&[state.label(lang), &days]),
                date,
            )
        }
        Item::Activity {
            activity: a,
            unit,
            due,
        } => {
            let state = if a.done_on.is_some() {
                lang.t(K::DtDone).to_string()
            } else {
                let late = due
                    .filter(|d| *d > 0)
                    .map(|d| crate::i18n::days_short(lang, d));
                joined(&[lang.t(K::DtPlanned), late.as_deref().unwrap_or("")])
            };
            (
                a.id,
                a.kind.label(lang).to_string(),
                joined(&[&a.title, unit.as_deref().unwrap_or("")]),
                state,
                a.done_on.or(a.planned_on),
            )
        }
        Item::FollowUp {
            follow_up: f,
            suggestion,
        } => (
            f.id,
            f.kind.label(lang).to_string(),
            joined(&[&f.record, suggestion]),
            String::new(),
            Some(f.date),
        ),
    };
    Line {
        id,
        number,
        about,
        state,
        date,
    }
}

pub fn run(ctx: &Ctx, text: &str, as_json: bool, limit: usize) -> Result<(), Fail> {
    let lang = ctx.lang;
    let groups = ctx
        .store
        .find(text, limit)
        .map_err(|e| Fail::run(e.message(lang)))?;
    let out = if as_json {
        to_json(text, &groups, lang).to_string()
    } else {
        to_text(text, &groups, lang)
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{out}")
        .and_then(|_| stdout.flush())
        .map_err(|e| Fail::run(e.to_string()))
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub fn to_text(text: &str, groups: &[Group], lang: Lang) -> String {
    if groups.is_empty() {
        return lang.f(K::FindNothing, &[&text.trim()]);
    }
    let mut out = Vec::new();
    for g in groups {
        let shown = g.hits.len();
        out.push(if shown < g.total {
            lang.f(
                K::FindGroupSome,
                &[&kind_label(g.kind, lang), &g.total, &shown],
            )
        } else {
            lang.f(K::FindGroup, &[&kind_label(g.kind, lang), &g.total])
        });
        let rows: Vec<Vec<String>> = g
            .hits
            .iter()
            .map(|h| {
                let l = line(&h.item, lang);
                vec![l.number, l.about, l.state, date_text(l.date)]
            })
            .collect();
        let headers = [
            lang.t(K::FindColNumber),
            lang.t(K::FindColAbout),
            lang.t(K::FindColState),
            lang.t(K::FindColDate),
        ];
        // Numbers and dates are never cut; the description gives way.
        out.push(table(&headers, &rows, &[usize::MAX, 60, 30, 10], "  "));
    }
    out.join("\n")
}

pub fn to_json(text: &str, groups: &[Group], lang: Lang) -> Value {
    let groups: Vec<Value> = groups
        .iter()
        .map(|g| {
            let hits: Vec<Value> = g
                .hits
                .iter()
                .map(|h| {
                    let l = line(&h.item, lang);
                    json!({
                        "id": l.id,
                        "match": h.tier,
                        "number": l.number,
                        "about": l.about,
                        "state": l.state,
                        "date": l.date,
                        "record": h.item,
                    })
                })
                .collect();
            json!({
                "kind": g.kind,
                "kind_text": kind_label(g.kind, lang),
                "total": g.total,
                "hits": hits,
            })
        })
        .collect();
    json!({ "query": text, "groups": groups })
}
