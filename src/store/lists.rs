//! The case and suggestion lists and the detail views: windows of rows (LIMIT/OFFSET) sorted and filtered in
//! SQL, so a screen asks for what it shows and never for the whole history.

use rusqlite::types::Value;

use super::Store;
use super::daily::{HAS_ANALYSIS, HAS_SUGGESTION, OPEN_REPLY};
use super::error::Result;
use super::record::{Cols, Record, date, named, text};
use crate::domain::{
    Activity, Case, CaseGap, CaseStatus, Category, CrimeType, Deadlines, DueDates, FollowUp, State,
    StateKind, Suggestion, Unit,
};
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CaseSort {
    CaseNo,
    Suspect,
    Unit,
    CrimeType,
    Status,
    #[default]
    Filed,
}

impl CaseSort {
    pub const ALL: [CaseSort; 6] = [
        CaseSort::CaseNo,
        CaseSort::Suspect,
        CaseSort::Unit,
        CaseSort::CrimeType,
        CaseSort::Status,
        CaseSort::Filed,
    ];
    fn sql(self) -> &'static str {
        match self {
            CaseSort::CaseNo => "c.case_no",
            CaseSort::Suspect => "c.suspect",
            CaseSort::Unit => "u.name",
            CaseSort::CrimeType => "c.crime_type",
            CaseSort::Status => "c.status",
            CaseSort::Filed => "c.filed_on",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseQuery {
    pub filter: String,
    /// Only the cases of this unit (the unit detail view).
    pub unit_id: Option<i64>,
    pub sort: CaseSort,
    pub desc: bool,
}

#[derive(Clone, Debug)]
pub struct CaseRow {
    pub case: Case,
    pub unit: Option<String>,
    pub has_analysis: bool,
    pub has_suggestion: bool,
    pub gap: Option<CaseGap>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SuggestionSort {
    #[default]
    DocNo,
    Category,
    Recipient,
    Received,
    ReplyDue,
}

impl SuggestionSort {
    pub const ALL: [SuggestionSort; 5] = [
        SuggestionSort::DocNo,
        SuggestionSort::Category,
        SuggestionSort::Recipient,
        SuggestionSort::Received,
        SuggestionSort::ReplyDue,
    ];
    fn sql(self) -> &'static str {
        match self {
            // Drafts (no number) come last when the newest numbers come first; the index on (doc_year,
            // doc_seq) then serves the order.
            SuggestionSort::DocNo => "s.doc_year, s.doc_seq",
            SuggestionSort::Category => "s.category",
            SuggestionSort::Recipient => "u.name",
            // Plain columns, so their indices serve the order (empty dates sort first going up).
            SuggestionSort::Received => "s.received_on",
            SuggestionSort::ReplyDue => "s.reply_due",
        }
    }
}

/// The one-key state filters of the suggestion list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StateFilter {
    #[default]
    All,
    Overdue,
    DueSoon,
    /// Received and waiting for a reply, whether due soon, overdue or not yet.
    Awaiting,
    Replied,
    Closed,
    Draft,
    Withdrawn,
}

impl StateFilter {
    /// The SQL form of the domain's states, with ?today and ?warn_until bound by the caller. The store test
    /// `list_state_filters_agree_with_the_domain` holds these to `Suggestion::state`.
    fn sql(self) -> String {
        let live = "s.withdrawn_on IS NULL AND s.closed_on IS NULL";
        match self {
            StateFilter::All => "1".into(),
            StateFilter::Overdue => format!("{OPEN_REPLY} AND s.reply_due < :today"),
            StateFilter::DueSoon => {
                format!("{OPEN_REPLY} AND s.reply_due >= :today AND s.reply_due <= :warn")
            }
            StateFilter::Awaiting => OPEN_REPLY.into(),
            StateFilter::Replied => format!("{live} AND s.replied_on IS NOT NULL"),
            StateFilter::Closed => "s.withdrawn_on IS NULL AND s.closed_on IS NOT NULL".into(),
            StateFilter::Draft => {
                format!("{live} AND s.replied_on IS NULL AND s.issued_on IS NULL")
            }
            StateFilter::Withdrawn => "s.withdrawn_on IS NOT NULL".into(),
        }
    }

    /// Whether a row in `state` belongs under this filter (the domain's side of the same definition).
    pub fn admits(self, state: StateKind) -> bool {
        match self {
            StateFilter::All => true,
            StateFilter::Overdue => state == StateKind::Overdue,
            StateFilter::DueSoon => state == StateKind::DueSoon,
            StateFilter::Awaiting => {
                matches!(
                    state,
                    StateKind::AwaitingReply | StateKind::DueSoon | StateKind::Overdue
                )
            }
            StateFilter::Replied => state == StateKind::Replied,
            StateFilter::Closed => state == StateKind::Closed,
            StateFilter::Draft => state == StateKind::Draft,
            StateFilter::Withdrawn => state == StateKind::Withdrawn,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuggestionQuery {
    pub filter: String,
    /// Only the suggestions sent to this unit (the unit detail view).
    pub recipient_id: Option<i64>,
    pub sort: SuggestionSort,
    pub desc: bool,
    pub state: StateFilter,
}

#[derive(Clone, Debug)]
pub struct SuggestionRow {
    pub suggestion: Suggestion,
    pub recipient: String,
    pub due: DueDates,
    pub state: State,
}

/// Everything the suggestion detail view shows.
#[derive(Clone, Debug)]
pub struct SuggestionDetail {
    pub row: SuggestionRow,
    /// Every computed deadline with its explanation.
    pub deadlines: Deadlines,
    pub copied_to: Vec<String>,
    pub cases: Vec<(i64, String)>,
    pub follow_ups: Vec<FollowUp>,
    pub activities: Vec<Activity>,
}

/// Everything the case detail view shows.
#[derive(Clone, Debug)]
pub struct CaseDetail {
    pub row: CaseRow,
    pub suggestions: Vec<SuggestionRow>,
    pub activities: Vec<Activity>,
}

/// A text filter counts at most this many matches: past it the list says "1000+" and the count stops reading,
/// so a keystroke stays quick on a million rows.
pub const FILTER_COUNT_CAP: usize = 1000;

/// The LIMIT that bounds a filtered count (none without a filter: then the count is exact and indexed).
pub(crate) fn count_cap(filter: &str) -> String {
    if filter.trim().is_empty() {
        String::new()
    } else {
        format!(" LIMIT {}", FILTER_COUNT_CAP + 1)
    }
}

pub(crate) fn like(filter: &str) -> String {
    let esc = filter
        .trim()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{esc}%")
}

/// Codes of an enum whose label in `lang` (or code) contains the filter text, as an SQL list.
pub(crate) fn label_codes<T: Copy>(
    all: &[T],
    filter: &str,
    lang: Lang,
    label: impl Fn(T, Lang) -> &'static str,
    code: impl Fn(T) -> &'static str,
) -> String {
    let f = filter.trim().to_lowercase();
    let hits: Vec<String> = all
        .iter()
        .filter(|v| label(**v, lang).to_lowercase().contains(&f))
        .map(|v| format!("'{}'", code(*v)))
        .collect();
    if hits.is_empty() {
        "''".into()
    } else {
        hits.join(", ")
    }
}

impl Store {
    fn case_where(&self, q: &CaseQuery, lang: Lang) -> (String, Vec<(&'static str, Value)>) {
        let (unit_cond, mut args) = match q.unit_id {
            Some(u) => (
                "c.unit_id = :unit".to_string(),
                vec![(":unit", Value::Integer(u))],
            ),
            None => ("1".to_string(), vec![]),
        };
        if q.filter.trim().is_empty() {
            return (unit_cond, args);
        }
        let crimes = label_codes(
            CrimeType::ALL,
            &q.filter,
            lang,
            |v, l| v.label(l),
            |v| v.code(),
        );
        let statuses = label_codes(
            CaseStatus::ALL,
            &q.filter,
            lang,
            |v, l| v.label(l),
            |v| v.code(),
        );
        let cond = format!(
            "((c.case_no || ' ' || c.suspect || ' ' || c.post || ' ' || coalesce(u.name, '') || ' ' || c.summary) \
             LIKE :f ESCAPE '\\' OR c.crime_type IN ({crimes}) OR c.status IN ({statuses})) AND {unit_cond}"
        );
        args.push((":f", text(&like(&q.filter))));
        (cond, args)
    }

    pub fn case_count(&self, q: &CaseQuery, lang: Lang) -> Result<usize> {
        let (cond, args) = self.case_where(q, lang);
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM cases c LEFT JOIN units u ON u.id = c.unit_id WHERE {cond}{})",
            count_cap(&q.filter)
        );
        let args = named(&args);
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(args.as_slice(), |r| r.get(0))?;
        Ok(n as usize)
    }

    pub fn case_rows(
        &self,
        q: &CaseQuery,
        lang: Lang,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>> {
        let (cond, args) = self.case_where(q, lang);
        let dir = if q.desc { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {}, u.name, {HAS_ANALYSIS}, {HAS_SUGGESTION} FROM cases c LEFT JOIN units u ON u.id = c.unit_id \
             WHERE {cond} ORDER BY {} {dir}, c.id {dir} LIMIT :limit OFFSET :offset",
            Case::select_list().replace("cases.", "c."),
            q.sort.sql()
        );
        let mut args: Vec<(&str, Value)> = args;
        args.push((":limit", Value::Integer(limit as i64)));
        args.push((":offset", Value::Integer(offset as i64)));
        let refs = named(&args);
        let n = 2 + Case::COLUMNS.len();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(refs.as_slice(), |row| {
            Ok((
                Case::from_row(&mut Cols::new(row))?,
                row.get::<_, Option<String>>(n)?,
                row.get::<_, bool>(n + 1)?,
                row.get::<_, bool>(n + 2)?,
            ))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (case, unit, has_analysis, has_suggestion) = r?;
            let gap = case.gap(has_analysis, has_suggestion, self.today, &self.rules);
            out.push(CaseRow {
                case,
                unit,
                has_analysis,
                has_suggestion,
                gap,
            });
        }
        Ok(out)
    }

    fn suggestion_where(
        &self,
        q: &SuggestionQuery,
        lang: Lang,
    ) -> (String, Vec<(&'static str, Value)>) {
        let mut cond = q.state.sql();
        let mut args = vec![];
        if cond.contains(":today") {
            args.push((":today", date(Some(self.today))));
        }
        if cond.contains(":warn") {
            args.push((":warn", date(Some(self.rules.reply_warn_until(self.today)))));
        }
        if let Some(r) = q.recipient_id {
            cond = format!("({cond}) AND s.recipient_id = :recipient");
            args.push((":recipient", Value::Integer(r)));
        }
        if !q.filter.trim().is_empty() {
            let cats = label_codes(
                Category::ALL,
                &q.filter,
                lang,
                |v, l| v.label(l),
                |v| v.code(),
            );
            cond = format!(
                "({cond}) AND ((coalesce(s.doc_no, '') || ' ' || s.title || ' ' || u.name || ' ' || s.problems || ' ' || \
                 s.measures || ' ' || s.reply_summary || ' ' || s.notes) LIKE :f ESCAPE '\\' OR s.category IN ({cats}))"
            );
            args.push((":f", text(&like(&q.filter))));
        }
        (cond, args)
    }

    pub fn suggestion_count(&self, q: &SuggestionQuery, lang: Lang) -> Result<usize> {
        let (cond, args) = self.suggestion_where(q, lang);
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE {cond}{})",
            count_cap(&q.filter)
        );
        let refs = named(&args);
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(refs.as_slice(), |r| r.get(0))?;
        Ok(n as usize)
    }

    pub fn suggestion_rows(
        &self,
        q: &SuggestionQuery,
        lang: Lang,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<SuggestionRow>> {
        let (cond, mut args) = self.suggestion_where(q, lang);
        let dir = if q.desc { "DESC" } else { "ASC" };
        let order: Vec<String> = q
            .sort
            .sql()
            .split(", ")
            .map(|part| format!("{part} {dir}"))
            .collect();
        let sql = format!(
            "SELECT {}, u.name FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE {cond} \
             ORDER BY {}, s.id {dir} LIMIT :limit OFFSET :offset",
            Suggestion::select_list().replace("suggestions.", "s."),
            order.join(", ")
        );
        args.push((":limit", Value::Integer(limit as i64)));
        args.push((":offset", Value::Integer(offset as i64)));
        let refs = named(&args);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(refs.as_slice(), |row| self.suggestion_row(row))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A row selected as `Suggestion::select_list(), u.name`.
    fn suggestion_row(&self, row: &rusqlite::Row<'_>) -> rusqlite::Result<SuggestionRow> {
        let s = Suggestion::from_row(&mut Cols::new(row))?;
        let n = 2 + Suggestion::COLUMNS.len();
        let mut dues = Cols::at(row, n - 4);
        let due = DueDates {
            investigation: dues.get()?,
            filing: dues.get()?,
            reply: dues.get()?,
            visit: dues.get()?,
        };
        let recipient: String = row.get(n)?;
        let state = s.state(due.reply, self.today, &self.rules);
        Ok(SuggestionRow {
            suggestion: s,
            recipient,
            due,
            state,
        })
    }

    pub fn suggestion_detail(&self, id: i64) -> Result<SuggestionDetail> {
        let sql = format!(
            "SELECT {}, u.name FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE s.id = ?1",
            Suggestion::select_list().replace("suggestions.", "s.")
        );
        let mut row = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |r| self.suggestion_row(r))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => super::StoreError::NotFound {
                    entity: crate::i18n::K::ESuggestion,
                    id,
                },
                e => e.into(),
            })?;
        row.suggestion.load_links(&self.conn)?;
        let mut q = self.conn.prepare_cached(
            "SELECT u.name FROM suggestion_copies c JOIN units u ON u.id = c.unit_id WHERE c.suggestion_id = ?1 ORDER BY u.name",
        )?;
        let copied_to = q
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut q = self.conn.prepare_cached(
            "SELECT c.id, c.case_no FROM suggestion_cases sc JOIN cases c ON c.id = sc.case_id WHERE sc.suggestion_id = ?1 ORDER BY c.case_no",
        )?;
        let cases = q
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let follow_ups =
            self.select_where::<FollowUp>("suggestion_id = ?1 ORDER BY date, id", id)?;
        let activities = self.select_where::<Activity>(
            "suggestion_id = ?1 ORDER BY coalesce(done_on, planned_on), id",
            id,
        )?;
        let deadlines = row.suggestion.deadlines(&self.rules);
        Ok(SuggestionDetail {
            row,
            deadlines,
            copied_to,
            cases,
            follow_ups,
            activities,
        })
    }

    pub fn case_detail(&self, id: i64) -> Result<CaseDetail> {
        let sql = format!(
            "SELECT {}, u.name, {HAS_ANALYSIS}, {HAS_SUGGESTION} FROM cases c LEFT JOIN units u ON u.id = c.unit_id WHERE c.id = ?1",
            Case::select_list().replace("cases.", "c.")
        );
        let n = 2 + Case::COLUMNS.len();
        let (case, unit, has_analysis, has_suggestion) = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |row| {
                Ok((
                    Case::from_row(&mut Cols::new(row))?,
                    row.get::<_, Option<String>>(n)?,
                    row.get::<_, bool>(n + 1)?,
                    row.get::<_, bool>(n + 2)?,
                ))
            })
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => super::StoreError::NotFound {
                    entity: crate::i18n::K::ECase,
                    id,
                },
                e => e.into(),
            })?;
        let gap = case.gap(has_analysis, has_suggestion, self.today, &self.rules);
        let sql = format!(
            "SELECT {}, u.name FROM suggestions s JOIN units u ON u.id = s.recipient_id \
             JOIN suggestion_cases sc ON sc.suggestion_id = s.id WHERE sc.case_id = ?1 ORDER BY s.issued_on, s.id",
            Suggestion::select_list().replace("suggestions.", "s.")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let suggestions = stmt
            .query_map([id], |r| self.suggestion_row(r))?
            .collect::<rusqlite::Result<_>>()?;
        let activities = self.select_where::<Activity>(
            "case_id = ?1 ORDER BY coalesce(done_on, planned_on), id",
            id,
        )?;
        Ok(CaseDetail {
            row: CaseRow {
                case,
                unit,
                has_analysis,
                has_suggestion,
                gap,
            },
            suggestions,
            activities,
        })
    }

    /// Rows of `T` matching a condition on one id parameter.
    fn select_where<T: Record>(&self, cond: &str, id: i64) -> Result<Vec<T>> {
        let sql = format!("SELECT {} FROM {} WHERE {cond}", T::select_list(), T::TABLE);
        let mut q = self.conn.prepare_cached(&sql)?;
        let rows = q.query_map([id], |row| T::from_row(&mut Cols::new(row)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Cases as (id, "case number  suspect  unit") for pickers.
    pub fn case_choices(&self) -> Result<Vec<(i64, String)>> {
        let mut q = self.conn.prepare_cached(
            "SELECT c.id, c.case_no || '  ' || c.suspect || '  ' || coalesce(u.name, '') FROM cases c \
             LEFT JOIN units u ON u.id = c.unit_id ORDER BY c.filed_on DESC, c.id DESC",
        )?;
        let rows = q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the office has no records yet (the Today view then shows a welcome).
    pub fn is_empty(&self) -> Result<bool> {
        // EXISTS stops at the first row; a count would read a million.
        let any: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM suggestions) OR EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM units)",
            [],
            |r| r.get(0),
        )?;
        Ok(!any)
    }

    /// The unit of a case, if any (for drafting from a case).
    pub fn unit_of_case(&self, case_id: i64) -> Result<Option<Unit>> {
        let c: Case = self.get(case_id)?;
        c.unit_id.map(|u| self.get(u)).transpose()
    }
}
