//! The roll-up of several offices, as a municipal procuratorate looks at its counties: the same statistics
//! of each office, one column per office and a total, computed from each office's own counts (the stores
//! are never merged; the total adds counts, so its rates and median are exact, not averages of rates).

use serde_json::{Value, json};

use super::build::notes;
use super::tables::code_label;
use super::{Block, Cell, Doc, Section, Table};
use crate::domain::stats::{Counts, RateKind, Tally, plan_progress};
use crate::i18n::{K, Lang};
use crate::store::stats::YearInView;

fn total(views: &[(String, YearInView)]) -> Counts {
    let mut t = Counts::default();
    for (_, v) in views {
        t.add(&v.now);
    }
    t
}

fn header(views: &[(String, YearInView)], first: K, lang: Lang) -> Vec<String> {
    let mut h = vec![lang.t(first).to_string()];
    h.extend(views.iter().map(|(n, _)| n.clone()));
    h.push(lang.t(K::RpTotal).to_string());
    h
}

/// A count of the roll-up table: its label and how to read it from one office's counts.
type Figure = (K, fn(&Counts) -> i64);

/// A row per figure, a column per office and the total.
fn figure_rows(all: &[&Counts], lang: Lang) -> Vec<Vec<Cell>> {
    let counts: [Figure; 8] = [
        (K::RpSuggestionsIssued, |c| c.suggestions.issued),
        (K::RpReplied, |c| c.suggestions.replied),
        (K::RpAdopted, |c| {
            c.suggestions.adopted + c.suggestions.partly_adopted
        }),
        (K::RpFullyRectified, |c| c.suggestions.fully_rectified),
        (K::RpVisited, |c| c.suggestions.visited),
        (K::RpOverdueAtEnd, |c| c.suggestions.overdue_at_end),
        (K::RpUnreplied, |c| c.suggestions.unreplied),
        (K::RpCasesFiled, |c| c.cases.total),
    ];
    let mut rows: Vec<Vec<Cell>> = counts
        .iter()
        .map(|(k, f)| {
            let mut r = vec![Cell::Text(lang.t(*k).to_string())];
            r.extend(all.iter().map(|c| Cell::Int(f(c))));
            r
        })
        .collect();
    for k in RateKind::ALL {
        let mut r = vec![Cell::Text(lang.t(k.key()).to_string())];
        r.extend(all.iter().map(|c| Cell::Rate(c.suggestions.rate(k))));
        rows.push(r);
    }
    let mut r = vec![Cell::Text(lang.t(K::RpAverageDays).to_string())];
    r.extend(all.iter().map(|c| Cell::Days(c.suggestions.average_days())));
    rows.push(r);
    let mut r = vec![Cell::Text(lang.t(K::RpMedianDays).to_string())];
    r.extend(all.iter().map(|c| Cell::Days(c.suggestions.median_days())));
    rows.push(r);
    rows
}

/// One row per key of any office's tally.
fn tally_rows(
    all: &[&Counts],
    what: &str,
    get: fn(&Counts) -> &Vec<Tally>,
    lang: Lang,
) -> Vec<Vec<Cell>> {
    let Some(total) = all.last() else {
        return Vec::new();
    };
    get(total)
        .iter()
        .map(|t| {
            let mut r = vec![Cell::Text(code_label(what, &t.key, lang))];
            r.extend(all.iter().map(|c| {
                Cell::Int(
                    get(c)
                        .iter()
                        .find(|x| x.key == t.key)
                        .map_or(0, |x| x.count),
                )
            }));
            r
        })
        .collect()
}

pub fn build(views: &[(String, YearInView)], title: &str, lang: Lang) -> Doc {
    let sum = total(views);
    let mut all: Vec<&Counts> = views.iter().map(|(_, v)| &v.now).collect();
    all.push(&sum);
    let period = views.first().map(|(_, v)| v.period);
    let label = period.map(|p| p.label(lang)).unwrap_or_default();
    let mut blocks = vec![Block::Para(
        lang.f(K::RpRollupIntro, &[&label, &views.len()]),
    )];
    blocks.push(Block::Table(Table {
        sheet: lang.t(K::RpShSuggestions).to_string(),
        title: lang.t(K::RpTbRollup).to_string(),
        header: header(views, K::RpFigure, lang),
        rows: figure_rows(&all, lang),
    }));
    blocks.push(Block::Table(Table {
        sheet: lang.t(K::RpShCrime).to_string(),
        title: lang.t(K::RpTbCrime).to_string(),
        header: header(views, K::FCrimeType, lang),
        rows: tally_rows(&all, "crime_type", |c| &c.cases.by_crime_type, lang),
    }));
    blocks.push(Block::Table(Table {
        sheet: lang.t(K::RpShCaseIndustry).to_string(),
        title: lang.t(K::RpTbCaseIndustry).to_string(),
        header: header(views, K::FIndustry, lang),
        rows: tally_rows(&all, "industry", |c| &c.cases.by_industry, lang),
    }));
    blocks.push(Block::Table(Table {
        sheet: lang.t(K::RpShWork).to_string(),
        title: lang.t(K::RpTbWorkRollup).to_string(),
        header: header(views, K::RpWorkKind, lang),
        rows: tally_rows(&all, "kind", |c| &c.activities, lang),
    }));
    let risk_years = views.first().map_or(3, |(_, v)| v.risk_years);
    Doc {
        lang,
        office: title.to_string(),
        title: lang.f(K::RpRollupTitle, &[&label]),
        meta: vec![lang.t(K::RpNoteRule).to_string()],
        sections: vec![
            Section {
                heading: lang.t(K::RpSecRollup).to_string(),
                blocks,
            },
            notes(lang, risk_years),
        ],
    }
}

/// Each office's figures (as `report --format json` gives them for one office) and the total's counts.
pub fn json(views: &[(String, YearInView)], lang: Lang) -> String {
    let sum = total(views);
    let rates: Vec<Value> = RateKind::ALL
        .iter()
        .map(|k| json!({ "kind": k.code(), "label": lang.t(k.key()), "total": sum.suggestions.rate(*k) }))
        .collect();
    let v = json!({
        "offices": views.iter().map(|(n, v)| {
            let mut f = super::json::figures(v, n, lang);
            if let Some(o) = f.as_object_mut() {
                o.insert("plan_progress".into(), json!(plan_progress(v.plan.as_ref(), &v.now)));
            }
            f
        }).collect::<Vec<_>>(),
        "total": {
            "counts": sum,
            "rates": rates,
            "days_to_reply": { "average": sum.suggestions.average_days(), "median": sum.suggestions.median_days() },
        },
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
