//! The case and suggestion lists and the detail views: windows of rows sorted and filtered in SQL, so a screen
//! asks for what it shows and never for the whole history. A window next to the one on screen is sought from
//! the sort key of its boundary row (keyset paging), so it costs the same at any depth; OFFSET is left for the
//! top and for far jumps.

use rusqlite::types::Value;

use super::Store;
use super::daily::{HAS_ANALYSIS, HAS_SUGGESTION, OPEN_REPLY};
use super::error::Result;
use super::record::{Cols, Record, date, text};
use crate::domain::{
    Activity, Case, CaseGap, CaseStatus, Category, CrimeType, DueDates, Dues, FollowUp, State,
    StateKind, Suggestion, Unit,
};
use crate::i18n::Lang;

mod paging;

pub(crate) use paging::{
    Cond, Order, count_where, key_values, label_codes, like, read_window, seek_page,
};
pub use paging::{FILTER_COUNT_CAP, Page, Seek, SortKey};

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
    pub(crate) fn sql(self) -> &'static str {
        match self {
            CaseSort::CaseNo => "c.case_no",
            // Names sort by their pinyin (keys kept by triggers, from the search migration).
            CaseSort::Suspect => "c.suspect_key",
            CaseSort::Unit => "u.name_key",
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
    /// Only the cases behind a figure of the year in view.
    pub drill: Option<crate::domain::stats::Drill>,
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
    pub(crate) fn sql(self) -> &'static [&'static str] {
        match self {
            // Drafts (no number) come last when the newest numbers come first; the index on (doc_year,
            // doc_seq) then serves the order.
            SuggestionSort::DocNo => &["s.doc_year", "s.doc_seq"],
            SuggestionSort::Category => &["s.category"],
            SuggestionSort::Recipient => &["u.name_key"],
            // Plain columns, so their indices serve the order (empty dates sort first going up).
            SuggestionSort::Received => &["s.received_on"],
            SuggestionSort::ReplyDue => &["s.reply_due"],
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
    pub const ALL: [StateFilter; 8] = [
        StateFilter::All,
        StateFilter::Overdue,
        StateFilter::DueSoon,
        StateFilter::Awaiting,
        StateFilter::Replied,
        StateFilter::Closed,
        StateFilter::Draft,
        StateFilter::Withdrawn,
    ];

    /// The SQL form of the domain's states, with :today and :warn bound by the caller. The property test
    /// `list_state_filters_agree_with_the_domain` (store/daily_agree.rs) holds each to [`StateFilter::admits`]
    /// of `Suggestion::state` over random suggestions and days.
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
    /// Only the suggestions behind a figure of the year in view.
    pub drill: Option<crate::domain::stats::Drill>,
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
    /// Every deadline, how it was computed, and where it stands today.
    pub dues: Dues,
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

impl Store {
    fn case_where(&self, q: &CaseQuery, lang: Lang) -> (String, Vec<(&'static str, Value)>) {
        let (unit_cond, mut args) = match q.unit_id {
            Some(u) => (
                "c.unit_id = :unit".to_string(),
                vec![(":unit", Value::Integer(u))],
            ),
            None => ("1".to_string(), vec![]),
        };
        let unit_cond = match &q.drill {
            Some(d) => {
                let (c, a) = super::stats::drill_cond(d);
                args.extend(a);
                format!("{unit_cond} AND {c}")
            }
            None => unit_cond,
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
        count_where(
            &self.conn,
            "cases c LEFT JOIN units u ON u.id = c.unit_id",
            (&cond, &args),
            &q.filter,
        )
    }

    pub fn case_rows(
        &self,
        q: &CaseQuery,
        lang: Lang,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>> {
        Ok(self.case_page(q, lang, Seek::Offset(offset), limit)?.rows)
    }

    /// The cases `seek` asks for, at most `limit`, with their sort keys.
    pub fn case_page(
        &self,
        q: &CaseQuery,
        lang: Lang,
        seek: Seek<'_>,
        limit: usize,
    ) -> Result<Page<CaseRow>> {
        let order = Order::new(&[q.sort.sql()], "c.id", q.desc);
        let (cond, args) = self.case_where(q, lang);
        let head = format!(
            "SELECT {}, u.name, {HAS_ANALYSIS}, {HAS_SUGGESTION}, {} FROM cases c LEFT JOIN units u ON u.id = c.unit_id \
             WHERE ({cond}) AND ",
            Case::select_list().replace("cases.", "c."),
            order.key_columns()
        );
        let n = 2 + Case::COLUMNS.len();
        let mut read = |seek: &Cond, by: &str, offset: usize, limit: usize| {
            read_window(&self.conn, &head, &args, (seek, by, offset, limit), |r| {
                let case = Case::from_row(&mut Cols::new(r))?;
                let (has_analysis, has_suggestion) = (r.get(n + 1)?, r.get(n + 2)?);
                let gap = case.gap(has_analysis, has_suggestion, self.today, &self.rules);
                let row = CaseRow {
                    case,
                    unit: r.get(n)?,
                    has_analysis,
                    has_suggestion,
                    gap,
                };
                Ok((row, key_values(r, n + 3, &order)?))
            })
        };
        seek_page(&order, seek, limit, &mut read)
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
        if let Some(d) = &q.drill {
            let (c, a) = super::stats::drill_cond(d);
            cond = format!("({cond}) AND {c}");
            args.extend(a);
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
        count_where(
            &self.conn,
            "suggestions s JOIN units u ON u.id = s.recipient_id",
            (&cond, &args),
            &q.filter,
        )
    }

    pub fn suggestion_rows(
        &self,
        q: &SuggestionQuery,
        lang: Lang,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<SuggestionRow>> {
        Ok(self
            .suggestion_page(q, lang, Seek::Offset(offset), limit)?
            .rows)
    }

    /// The suggestions `seek` asks for, at most `limit`, with their sort keys.
    pub fn suggestion_page(
        &self,
        q: &SuggestionQuery,
        lang: Lang,
        seek: Seek<'_>,
        limit: usize,
    ) -> Result<Page<SuggestionRow>> {
        let order = Order::new(q.sort.sql(), "s.id", q.desc);
        let (cond, args) = self.suggestion_where(q, lang);
        let head = format!(
            "SELECT {}, u.name, {} FROM suggestions s JOIN units u ON u.id = s.recipient_id WHERE ({cond}) AND ",
            Suggestion::select_list().replace("suggestions.", "s."),
            order.key_columns()
        );
        let n = 2 + Suggestion::COLUMNS.len();
        let mut read = |seek: &Cond, by: &str, offset: usize, limit: usize| {
            read_window(&self.conn, &head, &args, (seek, by, offset, limit), |r| {
                Ok((self.suggestion_row(r)?, key_values(r, n + 1, &order)?))
            })
        };
        seek_page(&order, seek, limit, &mut read)
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
        // The same fact the triggers keep in `suggestions.last_visit_on`, read off the follow-ups in hand.
        let last_visit = follow_ups
            .iter()
            .filter(|f| f.kind.is_return_visit())
            .map(|f| f.date)
            .max();
        let dues = row.suggestion.dues(last_visit, self.today, &self.rules);
        Ok(SuggestionDetail {
            row,
            dues,
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
        Ok(super::entity::is_blank(
            &self.conn,
            super::entity::Blank::Records,
        )?)
    }

    /// The unit of a case, if any (for drafting from a case).
    pub fn unit_of_case(&self, case_id: i64) -> Result<Option<Unit>> {
        let c: Case = self.get(case_id)?;
        c.unit_id.map(|u| self.get(u)).transpose()
    }
}
