//! The year in view's counts, gathered with SQL aggregates (GROUP BY over indices; no record is loaded).
//!
//! How to call it for a pane (or a check, or a report): build a [`Period`] (`Period::year(2026)`,
//! `Period::half(2026, 1)`, `Period::quarter(..)`, `Period::range(from, to)`) and a [`Narrow`] (all `None`
//! for the whole office), then `store.year_in_view(&period, &narrow, rules.settings.risk_years)` returns a
//! [`YearInView`]: this period's and the previous period's [`Counts`], the plan, the industry risk table and
//! the two lists of the period's end. Every figure on screen comes from the domain over those counts:
//! `view.now.suggestions.rate(RateKind::Reply).text()`, `Change::new(now, before).text()`,
//! `plan_progress(view.plan.as_ref(), &view.now)`, `view.risk` (already ranked and flagged). The cheaper
//! [`Store::counts`] alone gives one period's counts (e.g. per month for a chart). A pane reloads it when
//! the year changes, not on every draw.
//!
//! The period rule lives here as SQL: a suggestion counts in the period of its issue date and its reply,
//! adoption, rectification and return visit count with it whenever they came.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::{Result, Store};
use crate::domain::Plan;
use crate::domain::stats::{
    AMOUNT_BANDS, AMOUNT_UNKNOWN, CaseCounts, CaseGroup, Counts, Drill, Group, Narrow,
    OpenRectification, OverdueItem, Period, RiskCounts, RiskRow, SuggestionCounts, SuggestionGroup,
    SuggestionSet, Tally, risk_table, risk_window,
};
use crate::store::record::{Cols, Record};

/// Everything the pane, the checks and the report show for one period.
#[derive(Clone, Debug, serde::Serialize)]
pub struct YearInView {
    pub period: Period,
    pub previous: Period,
    /// The day the "at the period's end" figures are taken (the end, or today while the period runs).
    pub as_of: NaiveDate,
    pub now: Counts,
    pub before: Counts,
    /// The plan of the period's year, when the period lies within one year and a plan exists.
    pub plan: Option<Plan>,
    pub risk_years: u32,
    pub risk: Vec<RiskRow>,
    pub overdue: Vec<OverdueItem>,
    pub open_rectifications: Vec<OpenRectification>,
}

fn text(d: NaiveDate) -> Value {
    Value::Text(d.format("%Y-%m-%d").to_string())
}

/// A WHERE clause over the period and the narrowing, with its bound values. `$u` is the alias of the unit
/// table (joined only when the narrowing or the breakdown needs it) and `$col` the unit column of `$t`.
struct Filter {
    sql: String,
    values: Vec<Value>,
}

impl Filter {
    fn new(date_col: &str, period: &Period) -> Filter {
        Filter {
            sql: format!("{date_col} BETWEEN ?1 AND ?2"),
            values: vec![text(period.from), text(period.to)],
        }
    }
    fn and(&mut self, cond: &str, v: Value) {
        self.values.push(v);
        self.sql.push_str(&format!(
            " AND {}",
            cond.replace('?', &format!("?{}", self.values.len()))
        ));
    }
    fn narrow(&mut self, unit_col: &str, n: &Narrow) {
        if let Some(id) = n.unit {
            self.and(&format!("{unit_col} = ?"), Value::Integer(id));
        }
        if let Some(i) = &n.industry {
            self.and("u.industry = ?", Value::Text(i.clone()));
        }
        if let Some(r) = &n.region {
            self.and("u.region = ?", Value::Text(r.clone()));
        }
    }
    fn push(&mut self, v: Value) -> String {
        self.values.push(v);
        format!("?{}", self.values.len())
    }
}

/// The unit join, when anything reads `u`.
fn unit_join(needed: bool, unit_col: &str) -> String {
    if needed {
        format!(" JOIN units u ON u.id = {unit_col}")
    } else {
        String::new()
    }
}

fn needs_units(n: &Narrow) -> bool {
    n.industry.is_some() || n.region.is_some()
}

fn tallies(conn: &Connection, sql: &str, values: &[Value]) -> Result<Vec<Tally>> {
    let mut q = conn.prepare_cached(sql)?;
    let rows = q.query_map(params_from_iter(values.iter()), |r| {
        Ok(Tally {
            key: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
            count: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Suggestions issued in the period, not withdrawn: the base every suggestion figure counts over.
fn suggestion_filter(period: &Period, n: &Narrow) -> Filter {
    let mut f = Filter::new("s.issued_on", period);
    f.sql.push_str(" AND s.issued_on IS NOT NULL");
    f.narrow("s.recipient_id", n);
    f
}

/// The condition of the records behind `drill`, with its named values, for the suggestion list (`s`, its
/// recipient `u`), the case list (`c`, its unit `u`) or the activity list (`a`): the conditions the aggregates above count with, so a
/// figure and its list agree (the store test `drilled_lists_count_what_the_figures_say` holds them so).
pub(crate) fn drill_cond(drill: &Drill) -> (String, Vec<(&'static str, Value)>) {
    let (period, mut cond) = match drill {
        Drill::Suggestions { period, .. } => (
            period,
            "s.issued_on BETWEEN :dfrom AND :dto AND s.withdrawn_on IS NULL".to_string(),
        ),
        Drill::Cases { period, .. } => (period, "c.filed_on BETWEEN :dfrom AND :dto".to_string()),
        Drill::Activities { period, .. } => (
            period,
            "a.done_on BETWEEN :dfrom AND :dto AND a.done_on IS NOT NULL".to_string(),
        ),
    };
    let mut args = vec![(":dfrom", text(period.from)), (":dto", text(period.to))];
    let replied = "s.replied_on IS NOT NULL";
    let (extra, key) = match drill {
        Drill::Suggestions {
            as_of, set, group, ..
        } => {
            let set = match set {
                SuggestionSet::Issued => String::new(),
                SuggestionSet::Replied => replied.to_string(),
                SuggestionSet::Adopted => {
                    format!("{replied} AND s.adoption IN ('adopted', 'partly')")
                }
                SuggestionSet::OnTime => {
                    format!("{replied} AND s.reply_due IS NOT NULL AND s.replied_on <= s.reply_due")
                }
                SuggestionSet::FullyRectified => format!("{replied} AND s.rectification = 'full'"),
                SuggestionSet::Visited => format!("{replied} AND s.last_visit_on >= s.replied_on"),
                SuggestionSet::OverdueAtEnd => {
                    args.push((":dasof", text(*as_of)));
                    "s.received_on IS NOT NULL AND s.received_on <= :dasof AND s.reply_due < :dasof \
                     AND (s.replied_on IS NULL OR s.replied_on > :dasof) \
                     AND (s.closed_on IS NULL OR s.closed_on > :dasof)"
                        .to_string()
                }
                SuggestionSet::Unreplied => {
                    "s.replied_on IS NULL AND s.closed_on IS NULL".to_string()
                }
            };
            let g = match group {
                None => None,
                Some(SuggestionGroup::Month(m)) => Some(("substr(s.issued_on, 1, 7) = :dkey", m)),
                Some(SuggestionGroup::Category(c)) => Some(("s.category = :dkey", c)),
                Some(SuggestionGroup::Industry(i)) => Some(("coalesce(u.industry, '') = :dkey", i)),
            };
            (set, g)
        }
        Drill::Cases { group, .. } => {
            let g = match group {
                None => None,
                Some(CaseGroup::CrimeType(t)) => Some(("coalesce(c.crime_type, '') = :dkey", t)),
                Some(CaseGroup::Industry(i)) => Some(("coalesce(u.industry, '') = :dkey", i)),
            };
            (String::new(), g)
        }
        Drill::Activities { kind, .. } => (String::new(), Some(("a.kind = :dkey", kind))),
    };
    if !extra.is_empty() {
        cond.push_str(" AND ");
        cond.push_str(&extra);
    }
    if let Some((c, k)) = key {
        cond.push_str(" AND ");
        cond.push_str(c);
        args.push((":dkey", Value::Text(k.clone())));
    }
    (cond, args)
}

impl Store {
    /// The counts of one period, narrowed.
    pub fn counts(&self, period: &Period, narrow: &Narrow) -> Result<Counts> {
        let as_of = period.as_of(self.today);
        let (mut suggestions, groups) = self.suggestion_groups(period, narrow, as_of)?;
        suggestions.reply_days = self.reply_days(period, narrow)?;
        let [
            by_category,
            by_legal_type,
            by_service_method,
            by_month,
            by_industry,
            by_region,
        ] = groups;
        Ok(Counts {
            suggestions,
            by_category,
            by_legal_type,
            by_service_method,
            by_industry,
            by_region,
            by_month,
            cases: self.case_counts(period, narrow)?,
            activities: self.activity_counts(period, narrow)?,
        })
    }

    /// One pass over the period's suggestions, grouped by the six breakdowns at once (a few hundred or
    /// thousand groups, whatever the archive's size), then folded into the totals and each breakdown: the
    /// same figures as six GROUP BY queries at a sixth of the reads.
    fn suggestion_groups(
        &self,
        period: &Period,
        n: &Narrow,
        as_of: NaiveDate,
    ) -> Result<(SuggestionCounts, [Vec<Group>; 6])> {
        let mut f = suggestion_filter(period, n);
        let a = f.push(text(as_of));
        // Overdue at the period's end: the daily check's rule (received, due date passed, no reply, not
        // closed) taken on `as_of` instead of today.
        let sql = format!(
            "SELECT s.category, s.legal_type, coalesce(s.service_method, ''), substr(s.issued_on, 1, 7),
                u.industry, u.region,
                sum(s.withdrawn_on IS NULL),
                sum(s.withdrawn_on IS NOT NULL),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.adoption = 'adopted'),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.adoption = 'partly'),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.adoption = 'not'),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.rectification = 'full'),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.rectification = 'partial'),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.rectification = 'none'),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.reply_due IS NOT NULL
                    AND s.replied_on <= s.reply_due),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.last_visit_on >= s.replied_on),
                sum(s.withdrawn_on IS NULL AND s.received_on IS NOT NULL AND s.received_on <= {a}
                    AND s.reply_due < {a} AND (s.replied_on IS NULL OR s.replied_on > {a})
                    AND (s.closed_on IS NULL OR s.closed_on > {a})),
                sum(s.withdrawn_on IS NULL AND s.replied_on IS NULL AND s.closed_on IS NULL)
             FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE {}
             GROUP BY 1, 2, 3, 4, 5, 6",
            f.sql
        );
        let mut q = self.conn.prepare_cached(&sql)?;
        let mut rows = q.query(params_from_iter(f.values.iter()))?;
        let mut total = SuggestionCounts::default();
        let mut maps: [BTreeMap<String, Group>; 6] = Default::default();
        while let Some(r) = rows.next()? {
            let keys: Vec<String> = (0..6)
                .map(|i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default))
                .collect::<rusqlite::Result<_>>()?;
            let v: Vec<i64> = (6..19)
                .map(|i| r.get::<_, Option<i64>>(i).map(|x| x.unwrap_or(0)))
                .collect::<rusqlite::Result<_>>()?;
            let g = SuggestionCounts {
                issued: v[0],
                withdrawn: v[1],
                replied: v[2],
                adopted: v[3],
                partly_adopted: v[4],
                not_adopted: v[5],
                fully_rectified: v[6],
                partly_rectified: v[7],
                not_rectified: v[8],
                on_time: v[9],
                visited: v[10],
                overdue_at_end: v[11],
                unreplied: v[12],
                reply_days: Vec::new(),
            };
            total.add(&g);
            if g.issued == 0 {
                continue;
            }
            for (map, key) in maps.iter_mut().zip(keys) {
                let e = map.entry(key.clone()).or_insert_with(|| Group {
                    key,
                    ..Group::default()
                });
                e.issued += g.issued;
                e.replied += g.replied;
                e.adopted += g.adopted + g.partly_adopted;
                e.fully_rectified += g.fully_rectified;
            }
        }
        let groups = maps.map(|m| {
            let mut v: Vec<Group> = m.into_values().collect();
            v.sort_by(|a, b| b.issued.cmp(&a.issued).then_with(|| a.key.cmp(&b.key)));
            v
        });
        let [c, l, m, mut month, i, r] = groups;
        month.sort_by(|a, b| a.key.cmp(&b.key));
        Ok((total, [c, l, m, month, i, r]))
    }

    /// Days from receipt to reply of the period's replies, as a histogram (the median needs no row).
    fn reply_days(&self, period: &Period, n: &Narrow) -> Result<Vec<(i64, i64)>> {
        let f = suggestion_filter(period, n);
        let sql = format!(
            "SELECT CAST(julianday(s.replied_on) - julianday(s.received_on) AS INTEGER) AS d, count(*)
             FROM suggestions s{} WHERE {} AND s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL
               AND s.received_on IS NOT NULL
             GROUP BY d ORDER BY d",
            unit_join(needs_units(n), "s.recipient_id"),
            f.sql
        );
        let mut q = self.conn.prepare_cached(&sql)?;
        let rows = q.query_map(params_from_iter(f.values.iter()), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn case_counts(&self, period: &Period, n: &Narrow) -> Result<CaseCounts> {
        let mut f = Filter::new("c.filed_on", period);
        f.narrow("c.unit_id", n);
        let join = unit_join(needs_units(n), "c.unit_id");
        let base = format!("FROM cases c{join} WHERE {}", f.sql);
        let (total, amount_fen): (i64, Option<i64>) = self.conn.query_row(
            &format!("SELECT count(*), sum(c.amount_fen) {base}"),
            params_from_iter(f.values.iter()),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let by = |col: &str| -> Result<Vec<Tally>> {
            tallies(
                &self.conn,
                &format!("SELECT {col} AS k, count(*) {base} GROUP BY k ORDER BY count(*) DESC, k"),
                &f.values,
            )
        };
        let mut band = String::from("CASE WHEN c.amount_fen IS NULL THEN '");
        band.push_str(AMOUNT_UNKNOWN);
        band.push('\'');
        for (code, lower) in AMOUNT_BANDS.iter().rev() {
            band.push_str(&format!(" WHEN c.amount_fen >= {lower} THEN '{code}'"));
        }
        band.push_str(" ELSE 'under_10k' END");
        // The industry needs the unit even without a narrowing; cases without a unit count as ''.
        let by_industry = tallies(
            &self.conn,
            &format!(
                "SELECT coalesce(u.industry, '') AS k, count(*) FROM cases c LEFT JOIN units u ON u.id = c.unit_id
                 WHERE {} GROUP BY k ORDER BY count(*) DESC, k",
                f.sql
            ),
            &f.values,
        )?;
        let mut by_amount_band = by(&band)?;
        // Bands in their natural order, not by count.
        let order = |k: &str| {
            AMOUNT_BANDS
                .iter()
                .position(|(c, _)| *c == k)
                .unwrap_or(AMOUNT_BANDS.len())
        };
        by_amount_band.sort_by_key(|t| order(&t.key));
        Ok(CaseCounts {
            total,
            amount_fen: amount_fen.unwrap_or(0),
            by_crime_type: by("c.crime_type")?,
            by_industry,
            by_source: by("c.source")?,
            by_status: by("c.status")?,
            by_amount_band,
        })
    }

    fn activity_counts(&self, period: &Period, n: &Narrow) -> Result<Vec<Tally>> {
        let mut f = Filter::new("a.done_on", period);
        f.sql.push_str(" AND a.done_on IS NOT NULL");
        f.narrow("a.unit_id", n);
        tallies(
            &self.conn,
            &format!(
                "SELECT a.kind AS k, count(*) FROM activities a{} WHERE {} GROUP BY k ORDER BY count(*) DESC, k",
                unit_join(needs_units(n), "a.unit_id"),
                f.sql
            ),
            &f.values,
        )
    }

    /// The industry risk table's counts: cases filed in the `years` years ending on `end`, by the industry of
    /// the case unit; similar-cases and industry suggestions issued to the industry's units up to `end`; its
    /// key demonstration areas and contact points.
    pub fn risk_counts(&self, end: NaiveDate, years: u32, n: &Narrow) -> Result<Vec<RiskCounts>> {
        let from = risk_window(end, years);
        let window = Period::range(from, end).unwrap_or(Period {
            from: end,
            to: end,
            kind: crate::domain::stats::PeriodKind::Range,
        });
        let mut f = Filter::new("c.filed_on", &window);
        f.narrow("c.unit_id", n);
        let cases = tallies(
            &self.conn,
            &format!(
                "SELECT u.industry AS k, count(*) FROM cases c JOIN units u ON u.id = c.unit_id
                 WHERE {} AND u.industry <> '' GROUP BY k",
                f.sql
            ),
            &f.values,
        )?;
        let mut rows: Vec<RiskCounts> = cases
            .into_iter()
            .map(|t| RiskCounts {
                industry: t.key,
                cases: t.count,
                ..RiskCounts::default()
            })
            .collect();
        // Grouped by recipient first over the covering index `suggestions_pattern`, then by industry, so a
        // national archive reads index entries and one unit per recipient, not every suggestion's row.
        let mut q = self.conn.prepare_cached(
            "SELECT u.industry, g.category, sum(g.n) FROM (
                 SELECT recipient_id, category, count(*) AS n FROM suggestions
                 WHERE category IN ('similar', 'industry') AND issued_on IS NOT NULL AND withdrawn_on IS NULL
                   AND issued_on <= ?1
                 GROUP BY category, recipient_id) AS g
             JOIN units u ON u.id = g.recipient_id GROUP BY u.industry, g.category",
        )?;
        let got = q.query_map([text(end)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for g in got {
            let (industry, category, count) = g?;
            if let Some(row) = rows.iter_mut().find(|r| r.industry == industry) {
                if category == "similar" {
                    row.similar += count;
                } else {
                    row.industry_suggestions += count;
                }
            }
        }
        let mut q = self.conn.prepare_cached(
            "SELECT industry, sum(key_demo <> 0), sum(key_contact <> 0) FROM units
             WHERE key_demo <> 0 OR key_contact <> 0 GROUP BY industry",
        )?;
        let got = q.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for g in got {
            let (industry, demo, contact) = g?;
            if let Some(row) = rows.iter_mut().find(|r| r.industry == industry) {
                row.key_demo = demo;
                row.key_contact = contact;
            }
        }
        Ok(rows)
    }

    /// Replies overdue at `as_of` among the period's suggestions, oldest due date first.
    pub fn overdue_at_end(&self, period: &Period, n: &Narrow) -> Result<Vec<OverdueItem>> {
        let as_of = period.as_of(self.today);
        let mut f = suggestion_filter(period, n);
        let a = f.push(text(as_of));
        let sql = format!(
            "SELECT s.id, coalesce(s.doc_no, ''), u.name, s.reply_due, s.replied_on
             FROM suggestions s JOIN units u ON u.id = s.recipient_id
             WHERE {} AND s.withdrawn_on IS NULL AND s.received_on IS NOT NULL AND s.received_on <= {a}
               AND s.reply_due < {a} AND (s.replied_on IS NULL OR s.replied_on > {a})
               AND (s.closed_on IS NULL OR s.closed_on > {a})
             ORDER BY s.reply_due, s.doc_year, s.doc_seq, s.id",
            f.sql
        );
        let mut q = self.conn.prepare_cached(&sql)?;
        let rows = q.query_map(params_from_iter(f.values.iter()), |r| {
            let mut c = Cols::new(r);
            let id: i64 = c.get()?;
            let doc_no: String = c.get()?;
            let unit: String = c.get()?;
            let reply_due = c.day()?;
            let replied_on = c.date()?;
            Ok(OverdueItem {
                id,
                doc_no,
                unit,
                reply_due,
                replied_on,
                days_overdue: OverdueItem::days_at(reply_due, as_of),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replied suggestions of the period whose rectification was not complete at `as_of`.
    pub fn open_rectifications(
        &self,
        period: &Period,
        n: &Narrow,
    ) -> Result<Vec<OpenRectification>> {
        let as_of = period.as_of(self.today);
        let mut f = suggestion_filter(period, n);
        let a = f.push(text(as_of));
        let sql = format!(
            "SELECT s.id, coalesce(s.doc_no, ''), u.name, s.replied_on, s.rectification
             FROM suggestions s JOIN units u ON u.id = s.recipient_id
             WHERE {} AND s.withdrawn_on IS NULL AND s.replied_on IS NOT NULL AND s.replied_on <= {a}
               AND (coalesce(s.rectification, '') <> 'full' OR coalesce(s.rectified_on, s.replied_on) > {a})
             ORDER BY s.replied_on, s.doc_year, s.doc_seq, s.id",
            f.sql
        );
        let mut q = self.conn.prepare_cached(&sql)?;
        let rows = q.query_map(params_from_iter(f.values.iter()), |r| {
            let mut c = Cols::new(r);
            Ok(OpenRectification {
                id: c.get()?,
                doc_no: c.get()?,
                unit: c.get()?,
                replied_on: c.day()?,
                rectification: c.get()?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The plan of `year`, if one is stored.
    pub fn plan_of(&self, year: i32) -> Result<Option<Plan>> {
        let sql = format!("SELECT {} FROM plans WHERE year = ?1", Plan::select_list());
        let mut q = self.conn.prepare_cached(&sql)?;
        let mut rows = q.query_map([year], |row| Plan::from_row(&mut Cols::new(row)))?;
        Ok(rows.next().transpose()?)
    }

    /// Everything of the year in view, in one call: see the module's doc.
    pub fn year_in_view(
        &self,
        period: &Period,
        narrow: &Narrow,
        risk_years: u32,
    ) -> Result<YearInView> {
        let previous = period.previous();
        let plan = match period.plan_year() {
            Some(y) => self.plan_of(y)?,
            None => None,
        };
        Ok(YearInView {
            period: *period,
            previous,
            as_of: period.as_of(self.today),
            now: self.counts(period, narrow)?,
            before: self.counts(&previous, narrow)?,
            plan,
            risk_years,
            risk: risk_table(self.risk_counts(period.as_of(self.today), risk_years, narrow)?),
            overdue: self.overdue_at_end(period, narrow)?,
            open_rectifications: self.open_rectifications(period, narrow)?,
        })
    }
}
