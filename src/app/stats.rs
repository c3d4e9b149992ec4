//! The Plan & statistics pane: the year in view of one year (loaded when the year changes, never per
//! draw), laid out as lines the screen draws — gauges against the plan, the figures and rates with the
//! previous year, bars by crime type, industry and month, the industry risk table — each figure carrying
//! the [`Drill`] that opens the records it counts.

use chrono::Datelike;

use super::{App, Pane};
use crate::domain::stats::{
    CaseGroup, Change, Drill, Narrow, Period, RateKind, SuggestionGroup, SuggestionSet,
    plan_progress, points_text,
};
use crate::i18n::{K, Lang};
use crate::report::tables::code_label;
use crate::store::StoreError;
use crate::store::stats::YearInView;

/// One line of the pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatLine {
    Heading(String),
    /// Work done against the plan's target (none: no target set).
    Gauge {
        label: String,
        done: i64,
        target: Option<i64>,
    },
    /// A figure (`12`, `305 / 364 = 83.79%`) and how it moved against the previous year.
    Figure {
        label: String,
        value: String,
        change: String,
    },
    /// A bar of `value` on a scale of `max`; `part` (≤ value) drawn darker inside it.
    Bar {
        label: String,
        value: i64,
        part: Option<i64>,
        max: i64,
    },
    /// A row of the industry risk table.
    Risk {
        industry: String,
        cases: i64,
        similar: i64,
        industry_suggestions: i64,
        flagged: bool,
    },
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatItem {
    pub line: StatLine,
    /// The records behind the figure; `None` for headings and text.
    pub drill: Option<Drill>,
}

/// The pane's state.
#[derive(Clone, Debug, Default)]
pub struct StatsPane {
    pub year: i32,
    pub view: Option<Box<YearInView>>,
    pub items: Vec<StatItem>,
    /// Index into `items` of the selected figure (always one with a drill, when there is one).
    pub cursor: usize,
}

impl StatsPane {
    pub fn selected(&self) -> Option<&StatItem> {
        self.items.get(self.cursor).filter(|i| i.drill.is_some())
    }
}

fn item(line: StatLine, drill: Option<Drill>) -> StatItem {
    StatItem { line, drill }
}

/// The pane's lines for `v`, in `lang`.
pub fn lines(v: &YearInView, lang: Lang) -> Vec<StatItem> {
    let p = v.period;
    let as_of = v.as_of;
    let t = |k: K| lang.t(k).to_string();
    let s = &v.now.suggestions;
    let b = &v.before.suggestions;
    let sug = |set| Some(Drill::suggestions(p, as_of, set));
    let mut out = Vec::new();

    out.push(item(StatLine::Heading(t(K::RpTbWork)), None));
    match &v.plan {
        Some(plan) if !plan.focus_industries.trim().is_empty() => out.push(item(
            StatLine::Text(lang.f(K::RpPlanFocus, &[&plan.focus_industries])),
            None,
        )),
        Some(_) => {}
        None => out.push(item(
            StatLine::Text(lang.f(K::StNoPlan, &[&p.label(lang)])),
            None,
        )),
    }
    for g in plan_progress(v.plan.as_ref(), &v.now) {
        let drill = if g.kind == "suggestions" {
            sug(SuggestionSet::Issued)
        } else {
            Some(Drill::Activities {
                period: p,
                kind: g.kind.clone(),
            })
        };
        out.push(item(
            StatLine::Gauge {
                label: code_label("kind", &g.kind, lang),
                done: g.done,
                target: g.target,
            },
            drill,
        ));
    }

    out.push(item(StatLine::Heading(t(K::RpTbSuggestions)), None));
    let counts = [
        (
            K::RpSuggestionsIssued,
            s.issued,
            b.issued,
            SuggestionSet::Issued,
        ),
        (K::RpReplied, s.replied, b.replied, SuggestionSet::Replied),
        (
            K::RpAdopted,
            s.adopted + s.partly_adopted,
            b.adopted + b.partly_adopted,
            SuggestionSet::Adopted,
        ),
        (
            K::RpFullyRectified,
            s.fully_rectified,
            b.fully_rectified,
            SuggestionSet::FullyRectified,
        ),
        (K::RpVisited, s.visited, b.visited, SuggestionSet::Visited),
        (
            K::RpOverdueAtEnd,
            s.overdue_at_end,
            b.overdue_at_end,
            SuggestionSet::OverdueAtEnd,
        ),
        (
            K::RpUnreplied,
            s.unreplied,
            b.unreplied,
            SuggestionSet::Unreplied,
        ),
    ];
    for (k, now, before, set) in counts {
        out.push(item(
            StatLine::Figure {
                label: t(k),
                value: now.to_string(),
                change: Change::new(now, before).text(),
            },
            sug(set),
        ));
    }
    let cases = Drill::Cases {
        period: p,
        group: None,
    };
    out.push(item(
        StatLine::Figure {
            label: t(K::RpCasesFiled),
            value: v.now.cases.total.to_string(),
            change: Change::new(v.now.cases.total, v.before.cases.total).text(),
        },
        Some(cases),
    ));

    out.push(item(StatLine::Heading(t(K::RpTbRates)), None));
    for k in RateKind::ALL {
        let set = match k {
            RateKind::Reply => SuggestionSet::Replied,
            RateKind::Adoption | RateKind::AdoptionOfIssued => SuggestionSet::Adopted,
            RateKind::OnTime => SuggestionSet::OnTime,
            RateKind::Rectification => SuggestionSet::FullyRectified,
            RateKind::ReturnVisit => SuggestionSet::Visited,
        };
        out.push(item(
            StatLine::Figure {
                label: t(k.key()),
                value: s.rate(k).text(),
                change: points_text(s.rate(k), b.rate(k), lang),
            },
            sug(set),
        ));
    }

    let bars =
        |out: &mut Vec<StatItem>, heading: K, rows: Vec<(String, i64, Option<i64>, Drill)>| {
            out.push(item(StatLine::Heading(t(heading)), None));
            if rows.is_empty() {
                out.push(item(StatLine::Text(t(K::StNothing)), None));
            }
            let max = rows.iter().map(|r| r.1).max().unwrap_or(0);
            for (label, value, part, drill) in rows {
                out.push(item(
                    StatLine::Bar {
                        label,
                        value,
                        part,
                        max,
                    },
                    Some(drill),
                ));
            }
        };
    let case_group = |g| Drill::Cases {
        period: p,
        group: Some(g),
    };
    let crime = v
        .now
        .cases
        .by_crime_type
        .iter()
        .map(|c| {
            let d = case_group(CaseGroup::CrimeType(c.key.clone()));
            (code_label("crime_type", &c.key, lang), c.count, None, d)
        })
        .collect();
    bars(&mut out, K::RpTbCrime, crime);
    let industry = v
        .now
        .cases
        .by_industry
        .iter()
        .map(|c| {
            let d = case_group(CaseGroup::Industry(c.key.clone()));
            (code_label("industry", &c.key, lang), c.count, None, d)
        })
        .collect();
    bars(&mut out, K::RpTbCaseIndustry, industry);
    let months = v
        .now
        .by_month
        .iter()
        .map(|g| {
            let d = Drill::Suggestions {
                period: p,
                as_of,
                set: SuggestionSet::Issued,
                group: Some(SuggestionGroup::Month(g.key.clone())),
            };
            (g.key.clone(), g.issued, Some(g.replied), d)
        })
        .collect();
    bars(&mut out, K::StMonthly, months);

    out.push(item(
        StatLine::Heading(lang.f(K::RpTbRisk, &[&v.risk_years])),
        None,
    ));
    if v.risk.is_empty() {
        out.push(item(
            StatLine::Text(lang.f(K::RpRiskNone, &[&v.risk_years])),
            None,
        ));
    } else {
        out.push(item(StatLine::Text(t(K::StRiskHeader)), None));
    }
    let window = Period::range(
        crate::domain::stats::risk_window(as_of, v.risk_years),
        as_of,
    );
    for r in &v.risk {
        let c = &r.counts;
        out.push(item(
            StatLine::Risk {
                industry: code_label("industry", &c.industry, lang),
                cases: c.cases,
                similar: c.similar,
                industry_suggestions: c.industry_suggestions,
                flagged: r.flagged,
            },
            window.map(|period| Drill::Cases {
                period,
                group: Some(CaseGroup::Industry(c.industry.clone())),
            }),
        ));
    }
    out
}

impl App {
    /// Loads the year in view of the pane's year (today's year the first time).
    pub(super) fn load_stats(&mut self) -> Result<(), StoreError> {
        if self.stats.year == 0 {
            self.stats.year = self.today().year();
        }
        let Some(period) = Period::year(self.stats.year) else {
            return Ok(());
        };
        let risk_years = self.store.rules().settings.risk_years;
        let view = self
            .store
            .year_in_view(&period, &Narrow::default(), risk_years)?;
        self.stats.items = lines(&view, self.lang);
        self.stats.view = Some(Box::new(view));
        let first = self.stats.items.iter().position(|i| i.drill.is_some());
        if self.stats.selected().is_none() {
            self.stats.cursor = first.unwrap_or(0);
        }
        Ok(())
    }

    /// `[` / `]`: the year before or after.
    pub(super) fn stats_year(&mut self, delta: i32) {
        let y = (self.stats.year + delta).clamp(1990, 2100);
        if y == self.stats.year {
            return;
        }
        self.stats.year = y;
        self.stats.cursor = 0;
        if let Err(e) = self.load_stats() {
            self.error(e);
        }
    }

    /// Moves to the next figure with records behind it.
    pub(super) fn stats_move(&mut self, delta: i64) {
        let drillable: Vec<usize> = (0..self.stats.items.len())
            .filter(|i| self.stats.items[*i].drill.is_some())
            .collect();
        if drillable.is_empty() {
            return;
        }
        let at = drillable
            .iter()
            .position(|i| *i >= self.stats.cursor)
            .unwrap_or(0) as i64;
        let to = (at + delta.clamp(-100_000, 100_000)).clamp(0, drillable.len() as i64 - 1);
        self.stats.cursor = drillable[to as usize];
    }

    /// Enter on a figure: the list of the records it counts.
    pub(super) fn stats_open(&mut self) {
        let Some(drill) = self.stats.selected().and_then(|i| i.drill.clone()) else {
            return;
        };
        let pane = match &drill {
            Drill::Suggestions { .. } => {
                let q = &mut self.suggestions.query;
                q.drill = Some(drill);
                q.state = crate::store::lists::StateFilter::All;
                Pane::Suggestions
            }
            Drill::Cases { .. } => {
                self.cases.query.drill = Some(drill);
                Pane::Cases
            }
            Drill::Activities { .. } => {
                self.units_pane.activities.query.drill = Some(drill);
                self.units_pane.focus = super::units::UnitsFocus::Activities;
                Pane::Units
            }
        };
        self.loaded.retain(|p| *p != pane);
        self.pane = pane;
        self.ensure_loaded();
        let n = match pane {
            Pane::Suggestions => self.suggestions.total,
            Pane::Cases => self.cases.total,
            _ => self.units_pane.activities.total,
        };
        let msg = self.lang.f(K::StDrillShown, &[&n]);
        self.info(msg);
    }

    /// Whether a list shows the records behind a figure (Esc then returns to the pane).
    pub fn drilled(&self) -> bool {
        match self.pane {
            Pane::Suggestions => self.suggestions.query.drill.is_some(),
            Pane::Cases => self.cases.query.drill.is_some(),
            Pane::Units => self.units_pane.activities.query.drill.is_some(),
            _ => false,
        }
    }

    /// Drops every list's drill (leaving a drilled list): the lists show everything again.
    pub(super) fn clear_drills(&mut self) {
        let mut any = false;
        if self.suggestions.query.drill.take().is_some() {
            self.loaded.retain(|p| *p != Pane::Suggestions);
            any = true;
        }
        if self.cases.query.drill.take().is_some() {
            self.loaded.retain(|p| *p != Pane::Cases);
            any = true;
        }
        if self.units_pane.activities.query.drill.take().is_some() {
            self.loaded.retain(|p| *p != Pane::Units);
            any = true;
        }
        if any {
            self.ensure_loaded();
        }
    }
}
