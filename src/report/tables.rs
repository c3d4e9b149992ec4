//! The report's building blocks: labels of stored codes, count tables against the previous period,
//! suggestion breakdowns, and the charts drawn from them.

use super::{Cell, Chart, Table};
use crate::domain::stats::{Change, Counts, Group, Rate, Tally, amount_band_key};
use crate::domain::{
    ActivityKind, CaseSource, CaseStatus, Category, CrimeType, LegalType, ServiceMethod,
};
use crate::i18n::{K, Lang};
use crate::store::stats::YearInView;

/// The label of a stored code of the breakdown `what` (an unknown or empty code shows as "not recorded").
pub fn code_label(what: &str, code: &str, lang: Lang) -> String {
    let label = match what {
        "category" => Category::from_code(code).map(|c| c.label(lang)),
        "legal_type" => LegalType::from_code(code).map(|c| c.label(lang)),
        "service_method" => ServiceMethod::from_code(code).map(|c| c.label(lang)),
        "crime_type" => CrimeType::from_code(code).map(|c| c.label(lang)),
        "source" => CaseSource::from_code(code).map(|c| c.label(lang)),
        "status" => CaseStatus::from_code(code).map(|c| c.label(lang)),
        "kind" if code == "suggestions" => Some(lang.t(K::RpSuggestionsIssued)),
        "kind" => ActivityKind::from_code(code).map(|c| c.label(lang)),
        "band" => Some(lang.t(amount_band_key(code))),
        _ => None,
    };
    match label {
        Some(l) => l.to_string(),
        None if code.is_empty() => lang.t(K::RpNotRecorded).to_string(),
        None => code.to_string(),
    }
}

pub(super) fn header(lang: Lang, first: K) -> Vec<String> {
    vec![
        lang.t(first).to_string(),
        lang.t(K::RpNow).to_string(),
        lang.t(K::RpBefore).to_string(),
        lang.t(K::RpChange).to_string(),
    ]
}

pub(super) fn count_row(label: String, now: i64, before: i64) -> Vec<Cell> {
    vec![
        label.into(),
        now.into(),
        before.into(),
        Change::new(now, before).text().into(),
    ]
}

/// A tally now against the previous period, every key of either side.
pub(super) fn tally_table(
    sheet: K,
    title: K,
    first: K,
    what: &str,
    now: &[Tally],
    before: &[Tally],
    lang: Lang,
) -> Table {
    let mut keys: Vec<&str> = now.iter().map(|t| t.key.as_str()).collect();
    for t in before {
        if !keys.contains(&t.key.as_str()) {
            keys.push(&t.key);
        }
    }
    let get = |v: &[Tally], k: &str| v.iter().find(|t| t.key == k).map_or(0, |t| t.count);
    Table {
        sheet: lang.t(sheet).to_string(),
        title: lang.t(title).to_string(),
        header: header(lang, first),
        rows: keys
            .into_iter()
            .map(|k| count_row(code_label(what, k, lang), get(now, k), get(before, k)))
            .collect(),
    }
}

/// Suggestions by one dimension: issued (with last year's), replied, adopted, fully rectified, reply rate.
pub(super) fn group_table(
    sheet: K,
    title: K,
    first: K,
    what: &str,
    v: &YearInView,
    lang: Lang,
) -> Table {
    let (now, before) = match what {
        "category" => (&v.now.by_category, &v.before.by_category),
        "legal_type" => (&v.now.by_legal_type, &v.before.by_legal_type),
        "service_method" => (&v.now.by_service_method, &v.before.by_service_method),
        "industry" => (&v.now.by_industry, &v.before.by_industry),
        _ => (&v.now.by_region, &v.before.by_region),
    };
    let get = |g: &[Group], k: &str| g.iter().find(|x| x.key == k).map_or(0, |x| x.issued);
    let mut rows: Vec<Vec<Cell>> = now
        .iter()
        .map(|g| {
            vec![
                code_label(what, &g.key, lang).into(),
                g.issued.into(),
                get(before, &g.key).into(),
                g.replied.into(),
                g.adopted.into(),
                g.fully_rectified.into(),
                Rate::new(g.replied, g.issued).into(),
            ]
        })
        .collect();
    for g in before.iter().filter(|g| get(now, &g.key) == 0) {
        rows.push(vec![
            code_label(what, &g.key, lang).into(),
            0.into(),
            g.issued.into(),
            0.into(),
            0.into(),
            0.into(),
            Rate::new(0, 0).into(),
        ]);
    }
    Table {
        sheet: lang.t(sheet).to_string(),
        title: lang.t(title).to_string(),
        header: [
            first,
            K::RpIssuedNow,
            K::RpBefore,
            K::RpReplied,
            K::RpAdopted,
            K::RpFullyRectified,
            K::StRateReply,
        ]
        .iter()
        .map(|k| lang.t(*k).to_string())
        .collect(),
        rows,
    }
}

/// Now against before, as bars (the first two numeric columns of a count table).
pub(super) fn chart_of(t: &Table, lang: Lang) -> Chart {
    Chart {
        title: t.title.clone(),
        series: vec![
            lang.t(K::RpNow).to_string(),
            lang.t(K::RpBefore).to_string(),
        ],
        bars: t
            .rows
            .iter()
            .map(|r| {
                let n = |i: usize| match r.get(i) {
                    Some(Cell::Int(n)) => *n,
                    _ => 0,
                };
                (
                    r.first().map(Cell::text).unwrap_or_default(),
                    vec![n(1), n(2)],
                )
            })
            .collect(),
    }
}

pub(super) fn monthly_chart(c: &Counts, lang: Lang) -> Chart {
    Chart {
        title: lang.t(K::RpChartMonthly).to_string(),
        series: vec![
            lang.t(K::RpSuggestionsIssued).to_string(),
            lang.t(K::RpReplied).to_string(),
        ],
        bars: c
            .by_month
            .iter()
            .map(|g| (g.key.clone(), vec![g.issued, g.replied]))
            .collect(),
    }
}
