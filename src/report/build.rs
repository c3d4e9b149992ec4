//! Builds the report's document model from the year in view, in the UI language: the sections the source
//! asks for, each figure beside the previous period's with the change, every rate with its denominator.

use super::tables::{
    chart_of, code_label, count_row, group_table, header, monthly_chart, tally_table,
};
use super::{Block, Cell, Doc, Section, Table};
use crate::domain::case::format_yuan;
use crate::domain::stats::{Change, RateKind, Tally, days_text, plan_progress, points_text};
use crate::domain::{ActivityKind, Rectification};
use crate::i18n::{K, Lang, list_sep};
use crate::store::stats::YearInView;

/// How a count moved, in words for the prose ("up 3 (21.43%)" / "增加3件，增长21.43%"); tables use
/// [`Change::text`].
fn change_words(now: i64, before: i64, lang: Lang) -> String {
    let d = now - before;
    let pct = crate::domain::stats::Rate::new(d.abs(), before).percent_text();
    match d {
        0 => lang.t(K::RpSame).to_string(),
        _ if before == 0 => lang.f(K::RpUpNew, &[&d]),
        d if d > 0 => lang.f(K::RpUp, &[&d, &pct]),
        d => lang.f(K::RpDown, &[&-d, &pct]),
    }
}

fn top(t: &[Tally]) -> Option<&Tally> {
    t.iter()
        .filter(|t| !t.key.is_empty())
        .max_by_key(|t| t.count)
}

fn overview(v: &YearInView, lang: Lang) -> Section {
    let (s, b) = (&v.now.suggestions, &v.before.suggestions);
    let done: i64 = v.now.activities.iter().map(|t| t.count).sum();
    let done_before: i64 = v.before.activities.iter().map(|t| t.count).sum();
    let p = lang.f(
        K::RpOverview,
        &[
            &v.period.label(lang),
            &s.issued,
            &b.issued,
            &change_words(s.issued, b.issued, lang),
            &s.replied,
            &s.rate(RateKind::Reply).text(),
            &s.rate(RateKind::Adoption).text(),
            &s.rate(RateKind::Rectification).text(),
            &v.now.cases.total,
            &v.before.cases.total,
            &format_yuan(v.now.cases.amount_fen),
            &done,
            &done_before,
        ],
    );
    let mut blocks = vec![Block::Para(p)];
    if s.overdue_at_end > 0 || s.unreplied > 0 {
        blocks.push(Block::Para(lang.f(
            K::RpOverviewOpen,
            &[&v.as_of, &s.overdue_at_end, &s.unreplied],
        )));
    }
    Section {
        heading: lang.t(K::RpSecOverview).to_string(),
        blocks,
    }
}

fn cases(v: &YearInView, lang: Lang) -> Section {
    let (c, b) = (&v.now.cases, &v.before.cases);
    let mut blocks = Vec::new();
    if c.total == 0 {
        blocks.push(Block::Para(lang.f(K::RpNoCases, &[&b.total])));
    } else {
        let pct = |n: i64| crate::domain::stats::Rate::new(n, c.total).percent_text();
        let mut parts = vec![lang.f(
            K::RpCasesTrend,
            &[&c.total, &b.total, &change_words(c.total, b.total, lang)],
        )];
        if let Some(t) = top(&c.by_crime_type) {
            parts.push(lang.f(
                K::RpCasesTopCrime,
                &[
                    &code_label("crime_type", &t.key, lang),
                    &t.count,
                    &pct(t.count),
                ],
            ));
        }
        if let Some(t) = top(&c.by_industry) {
            parts.push(lang.f(K::RpCasesTopIndustry, &[&t.key, &t.count, &pct(t.count)]));
        }
        parts.push(lang.f(
            K::RpCasesAmount,
            &[&format_yuan(c.amount_fen), &format_yuan(b.amount_fen)],
        ));
        blocks.push(Block::Para(parts.concat()));
    }
    let crimes = tally_table(
        K::RpShCrime,
        K::RpTbCrime,
        K::FCrimeType,
        "crime_type",
        &c.by_crime_type,
        &b.by_crime_type,
        lang,
    );
    blocks.push(Block::Chart(chart_of(&crimes, lang)));
    blocks.push(Block::Table(crimes));
    let industries = tally_table(
        K::RpShCaseIndustry,
        K::RpTbCaseIndustry,
        K::FIndustry,
        "industry",
        &c.by_industry,
        &b.by_industry,
        lang,
    );
    blocks.push(Block::Chart(chart_of(&industries, lang)));
    blocks.push(Block::Table(industries));
    blocks.push(Block::Table(tally_table(
        K::RpShAmount,
        K::RpTbAmount,
        K::RpAmountBand,
        "band",
        &c.by_amount_band,
        &b.by_amount_band,
        lang,
    )));
    blocks.push(Block::Table(tally_table(
        K::RpShSource,
        K::RpTbSource,
        K::FSource,
        "source",
        &c.by_source,
        &b.by_source,
        lang,
    )));
    blocks.push(Block::Table(tally_table(
        K::RpShStage,
        K::RpTbStage,
        K::FStatus,
        "status",
        &c.by_status,
        &b.by_status,
        lang,
    )));
    Section {
        heading: lang.t(K::RpSecCases).to_string(),
        blocks,
    }
}

fn work(v: &YearInView, lang: Lang) -> Section {
    let progress = plan_progress(v.plan.as_ref(), &v.now);
    let before = |kind: &str| {
        if kind == "suggestions" {
            v.before.suggestions.issued
        } else {
            ActivityKind::from_code(kind).map_or(0, |k| v.before.done(k))
        }
    };
    let mut blocks = vec![Block::Para(match (&v.plan, v.period.plan_year()) {
        (Some(p), _) => lang.f(K::RpPlanFound, &[&p.year]),
        (None, Some(y)) => lang.f(K::RpPlanNone, &[&y]),
        (None, None) => lang.t(K::RpPlanSpans).to_string(),
    })];
    let rows = progress
        .iter()
        .map(|p| {
            vec![
                code_label("kind", &p.kind, lang).into(),
                p.done.into(),
                p.target.map_or(Cell::Text("—".into()), Cell::Int),
                p.rate().map_or(Cell::Text("—".into()), Cell::Rate),
                before(&p.kind).into(),
                Change::new(p.done, before(&p.kind)).text().into(),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        sheet: lang.t(K::RpShWork).to_string(),
        title: lang.t(K::RpTbWork).to_string(),
        header: [
            K::RpWorkKind,
            K::RpDone,
            K::RpTarget,
            K::RpProgress,
            K::RpBefore,
            K::RpChange,
        ]
        .iter()
        .map(|k| lang.t(*k).to_string())
        .collect(),
        rows,
    }));
    if let Some(p) = v.plan.as_ref().filter(|p| !p.focus_industries.is_empty()) {
        blocks.push(Block::Para(lang.f(K::RpPlanFocus, &[&p.focus_industries])));
    }
    Section {
        heading: lang.t(K::RpSecWork).to_string(),
        blocks,
    }
}

fn suggestions(v: &YearInView, lang: Lang) -> Section {
    let (s, b) = (&v.now.suggestions, &v.before.suggestions);
    let counts = [
        (K::RpSuggestionsIssued, s.issued, b.issued),
        (K::RpReplied, s.replied, b.replied),
        (K::AdoptAdopted, s.adopted, b.adopted),
        (K::AdoptPartly, s.partly_adopted, b.partly_adopted),
        (K::AdoptNot, s.not_adopted, b.not_adopted),
        (K::RectFull, s.fully_rectified, b.fully_rectified),
        (K::RectPartial, s.partly_rectified, b.partly_rectified),
        (K::RectNone, s.not_rectified, b.not_rectified),
        (K::RpVisited, s.visited, b.visited),
        (K::RpOverdueAtEnd, s.overdue_at_end, b.overdue_at_end),
        (K::RpUnreplied, s.unreplied, b.unreplied),
        (K::RpWithdrawn, s.withdrawn, b.withdrawn),
    ];
    let mut blocks = vec![Block::Table(Table {
        sheet: lang.t(K::RpShSuggestions).to_string(),
        title: lang.t(K::RpTbSuggestions).to_string(),
        header: header(lang, K::RpFigure),
        rows: counts
            .iter()
            .map(|(k, n, b)| count_row(lang.t(*k).to_string(), *n, *b))
            .collect(),
    })];
    blocks.push(Block::Table(Table {
        sheet: lang.t(K::RpShRates).to_string(),
        title: lang.t(K::RpTbRates).to_string(),
        header: header(lang, K::RpRate),
        rows: RateKind::ALL
            .iter()
            .map(|k| {
                vec![
                    lang.t(k.key()).into(),
                    s.rate(*k).into(),
                    b.rate(*k).into(),
                    points_text(s.rate(*k), b.rate(*k), lang).into(),
                ]
            })
            .chain([
                vec![
                    lang.t(K::RpAverageDays).into(),
                    Cell::Days(s.average_days()),
                    Cell::Days(b.average_days()),
                    "".into(),
                ],
                vec![
                    lang.t(K::RpMedianDays).into(),
                    Cell::Days(s.median_days()),
                    Cell::Days(b.median_days()),
                    "".into(),
                ],
            ])
            .collect(),
    }));
    blocks.push(Block::Para(lang.f(
        K::RpDaysLine,
        &[
            &days_text(s.average_days()),
            &days_text(s.median_days()),
            &days_text(b.average_days()),
            &days_text(b.median_days()),
        ],
    )));
    blocks.push(Block::Chart(monthly_chart(&v.now, lang)));
    for (sheet, title, first, what) in [
        (K::RpShCategory, K::RpTbCategory, K::FCategory, "category"),
        (K::RpShLegal, K::RpTbLegal, K::FLegalType, "legal_type"),
        (
            K::RpShMethod,
            K::RpTbMethod,
            K::FServiceMethod,
            "service_method",
        ),
        (K::RpShIndustry, K::RpTbIndustry, K::FIndustry, "industry"),
        (K::RpShRegion, K::RpTbRegion, K::FRegion, "region"),
    ] {
        blocks.push(Block::Table(group_table(
            sheet, title, first, what, v, lang,
        )));
    }
    Section {
        heading: lang.t(K::RpSecSuggestions).to_string(),
        blocks,
    }
}

fn open_items(v: &YearInView, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    if v.overdue.is_empty() {
        blocks.push(Block::Para(lang.f(K::RpNoOverdue, &[&v.as_of])));
    } else {
        blocks.push(Block::Para(
            lang.f(K::RpOverdueIntro, &[&v.as_of, &v.overdue.len()]),
        ));
        blocks.push(Block::Table(Table {
            sheet: lang.t(K::RpShOverdue).to_string(),
            title: lang.t(K::RpTbOverdue).to_string(),
            header: [
                K::FDocNo,
                K::FRecipient,
                K::RpReplyDue,
                K::RpDaysAtEnd,
                K::RpRepliedSince,
            ]
            .iter()
            .map(|k| lang.t(*k).to_string())
            .collect(),
            rows: v
                .overdue
                .iter()
                .map(|o| {
                    vec![
                        o.doc_no.clone().into(),
                        o.unit.clone().into(),
                        o.reply_due.to_string().into(),
                        o.days_overdue.into(),
                        o.replied_on
                            .map_or_else(|| lang.t(K::RpNotYet).to_string(), |d| d.to_string())
                            .into(),
                    ]
                })
                .collect(),
        }));
    }
    if v.open_rectifications.is_empty() {
        blocks.push(Block::Para(lang.f(K::RpNoOpenRect, &[&v.as_of])));
    } else {
        blocks.push(Block::Para(lang.f(
            K::RpOpenRectIntro,
            &[&v.as_of, &v.open_rectifications.len()],
        )));
        blocks.push(Block::Table(Table {
            sheet: lang.t(K::RpShOpenRect).to_string(),
            title: lang.t(K::RpTbOpenRect).to_string(),
            header: [K::FDocNo, K::FRecipient, K::FRepliedOn, K::RpRectNow]
                .iter()
                .map(|k| lang.t(*k).to_string())
                .collect(),
            rows: v
                .open_rectifications
                .iter()
                .map(|o| {
                    let state = o
                        .rectification
                        .as_deref()
                        .and_then(Rectification::from_code)
                        .map_or_else(
                            || lang.t(K::RpNotRecorded).to_string(),
                            |r| r.label(lang).to_string(),
                        );
                    vec![
                        o.doc_no.clone().into(),
                        o.unit.clone().into(),
                        o.replied_on.to_string().into(),
                        state.into(),
                    ]
                })
                .collect(),
        }));
    }
    Section {
        heading: lang.t(K::RpSecOpen).to_string(),
        blocks,
    }
}

fn focus(v: &YearInView, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    let flagged: Vec<&str> = v
        .risk
        .iter()
        .filter(|r| r.flagged)
        .map(|r| r.counts.industry.as_str())
        .collect();
    let first: Vec<&str> = v
        .risk
        .iter()
        .take(3)
        .map(|r| r.counts.industry.as_str())
        .collect();
    if v.risk.is_empty() {
        blocks.push(Block::Para(lang.f(K::RpRiskNone, &[&v.risk_years])));
    } else {
        blocks.push(Block::Para(
            lang.f(K::RpRiskTop, &[&v.risk_years, &first.join(list_sep(lang))]),
        ));
    }
    if !flagged.is_empty() {
        blocks.push(Block::Para(lang.f(
            K::RpRiskFlagged,
            &[&v.risk_years, &flagged.join(list_sep(lang))],
        )));
    }
    if !v.risk.is_empty() {
        blocks.push(Block::Table(Table {
            sheet: lang.t(K::RpShRisk).to_string(),
            title: lang.f(K::RpTbRisk, &[&v.risk_years]),
            header: [
                K::FIndustry,
                K::RpRiskCases,
                K::CatSimilar,
                K::CatIndustry,
                K::RpKeyDemo,
                K::RpKeyContact,
                K::RpRiskFlag,
            ]
            .iter()
            .map(|k| lang.t(*k).to_string())
            .collect(),
            rows: v
                .risk
                .iter()
                .map(|r| {
                    vec![
                        r.counts.industry.clone().into(),
                        r.counts.cases.into(),
                        r.counts.similar.into(),
                        r.counts.industry_suggestions.into(),
                        r.counts.key_demo.into(),
                        r.counts.key_contact.into(),
                        if r.flagged {
                            lang.t(K::RpRiskFlagText).into()
                        } else {
                            "".into()
                        },
                    ]
                })
                .collect(),
        }));
    }
    Section {
        heading: lang.t(K::RpSecFocus).to_string(),
        blocks,
    }
}

/// How each figure is counted: the period rule, the comparison, every rate's denominator.
pub fn notes(lang: Lang, risk_years: u32) -> Section {
    let mut items: Vec<String> = [
        K::RpNoteRule,
        K::RpNotePrevious,
        K::RpNoteAsOf,
        K::RpNoteWithdrawn,
    ]
    .iter()
    .map(|k| lang.t(*k).to_string())
    .collect();
    items.extend(
        RateKind::ALL
            .iter()
            .map(|k| lang.t(k.basis_key()).to_string()),
    );
    items.push(lang.t(K::RpNoteDays).to_string());
    items.push(lang.t(K::RpNoteCases).to_string());
    items.push(lang.t(K::RpNoteWork).to_string());
    items.push(lang.f(K::RpNoteRisk, &[&risk_years]));
    Section {
        heading: lang.t(K::RpSecNotes).to_string(),
        blocks: vec![Block::List(items)],
    }
}

/// The whole report of one office.
pub fn build(v: &YearInView, office: &str, lang: Lang) -> Doc {
    Doc {
        lang,
        office: office.to_string(),
        title: lang.f(K::RpTitle, &[&v.period.label(lang)]),
        meta: vec![
            lang.f(K::RpMetaPeriod, &[&v.period.from, &v.period.to, &v.as_of]),
            lang.f(
                K::RpMetaPrevious,
                &[&v.previous.label(lang), &v.previous.from, &v.previous.to],
            ),
            lang.t(K::RpNoteRule).to_string(),
        ],
        sections: vec![
            overview(v, lang),
            cases(v, lang),
            work(v, lang),
            suggestions(v, lang),
            open_items(v, lang),
            focus(v, lang),
            notes(lang, v.risk_years),
        ],
    }
}
