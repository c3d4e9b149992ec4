//! The case and suggestion lists and the detail views: windows of rows sorted and filtered in SQL, so a screen
//! asks for what it shows and never for the whole history. A window next to the one on screen is sought from
//! the sort key of its boundary row (keyset paging), so it costs the same at any depth; OFFSET is left for the
//! top and for far jumps.

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
    fn sql(self) -> &'static [&'static str] {
        match self {
            // Drafts (no number) come last when the newest numbers come first; the index on (doc_year,
            // doc_seq) then serves the order.
            SuggestionSort::DocNo => &["s.doc_year", "s.doc_seq"],
            SuggestionSort::Category => &["s.category"],
            SuggestionSort::Recipient => &["u.name"],
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

/// How many rows of `from` (tables and joins) meet `cond`; with a filter typed, stopping just past the cap.
pub(crate) fn count_where(
    conn: &rusqlite::Connection,
    from: &str,
    (cond, args): (&str, &[(&'static str, Value)]),
    filter: &str,
) -> Result<usize> {
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {cond}{})",
        count_cap(filter)
    );
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(named(args).as_slice(), |r| r.get(0))?;
    Ok(n as usize)
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

/// The sort key of a row as its list's ORDER BY read it: the sort expressions' values, then the row id. It
/// names its order, so a key kept from one order is never used to seek in another.
#[derive(Clone, Debug, PartialEq)]
pub struct SortKey {
    order: String,
    values: Vec<Value>,
}

/// Which rows of a list a window holds.
#[derive(Clone, Copy, Debug)]
pub enum Seek<'a> {
    /// From this index on, by OFFSET: the top, or a jump far from the rows on screen.
    Offset(usize),
    /// The rows that follow `key` (or start with it, when `inclusive`). `offset` is the index of the first row
    /// asked for, read by OFFSET instead when `key` belongs to another order.
    After {
        key: &'a SortKey,
        inclusive: bool,
        offset: usize,
    },
    /// The rows just before `key`, in list order; `offset` as for `After`.
    Before { key: &'a SortKey, offset: usize },
    /// The last rows of the list, read as the first rows of the reversed order.
    End,
}

/// Rows of a list with the sort key of each.
#[derive(Clone, Debug)]
pub struct Page<R> {
    pub rows: Vec<R>,
    pub keys: Vec<SortKey>,
}

/// A condition with its named arguments.
pub(crate) type Cond = (String, Vec<(&'static str, Value)>);

/// Parameter names of the key values in a seek condition.
const KEY_ARGS: [&str; 4] = [":k0", ":k1", ":k2", ":k3"];

/// A list's order: sort expressions all in one direction, then the row id, which breaks ties. SQLite sorts
/// NULL below every value, so NULL keys come first going up and last going down.
pub(crate) struct Order {
    exprs: Vec<&'static str>,
    id: &'static str,
    desc: bool,
    /// Whether a sort expression can be NULL.
    nullable: bool,
}

impl Order {
    /// The lists sort by one or two expressions; more than `KEY_ARGS` has names for are not kept.
    pub(crate) fn new(exprs: &[&'static str], id: &'static str, desc: bool) -> Order {
        Order {
            exprs: exprs.iter().take(KEY_ARGS.len()).copied().collect(),
            id,
            desc,
            nullable: true,
        }
    }

    /// Sort expressions that are never NULL need no seek for the NULLs after a value (SQLite would plan a
    /// scan for it, skipped at run time, but a plan that says SCAN hides a real one).
    pub(crate) fn not_null(self) -> Order {
        Order {
            nullable: false,
            ..self
        }
    }

    fn reversed(&self) -> Order {
        Order {
            exprs: self.exprs.clone(),
            id: self.id,
            desc: !self.desc,
            nullable: self.nullable,
        }
    }

    /// The ORDER BY terms from sort expression `from` on (a seek's condition fixes the earlier ones).
    fn by_from(&self, from: usize) -> String {
        let dir = if self.desc { "DESC" } else { "ASC" };
        let mut parts: Vec<String> = self
            .exprs
            .iter()
            .skip(from)
            .map(|e| format!("{e} {dir}"))
            .collect();
        parts.push(format!("{} {dir}", self.id));
        parts.join(", ")
    }

    pub(crate) fn by(&self) -> String {
        self.by_from(0)
    }

    /// The select-list items that read a row's sort key.
    pub(crate) fn key_columns(&self) -> String {
        let mut cols = self.exprs.clone();
        cols.push(self.id);
        cols.join(", ")
    }

    pub(crate) fn key_len(&self) -> usize {
        self.exprs.len() + 1
    }

    /// The rows that follow `key` in this order, as conditions whose rows follow one another, each with the
    /// ORDER BY that reads it. A row follows `key` where it ties with it on the first i expressions and comes
    /// after it on expression i, or ties on all and has a later id. Each such condition is an equality prefix
    /// and one range, which an index on the expressions serves; a disjunction of them would not be. Going
    /// down, the NULLs after a value are a condition of their own for the same reason.
    fn after(&self, key: &[Value], inclusive: bool) -> Vec<(Cond, String)> {
        let m = self.exprs.len();
        let mut out = Vec::new();
        let Some(id) = key.get(m).filter(|_| key.len() == m + 1) else {
            return out;
        };
        let ties = |n: usize| -> (Vec<String>, Vec<(&'static str, Value)>) {
            self.exprs
                .iter()
                .zip(KEY_ARGS)
                .zip(key)
                .take(n)
                .map(|((e, name), v)| (format!("{e} IS {name}"), (name, v.clone())))
                .unzip()
        };
        let (later, eq) = match (self.desc, inclusive) {
            (false, false) => (">", ""),
            (false, true) => (">", "="),
            (true, false) => ("<", ""),
            (true, true) => ("<", "="),
        };
        let (mut conds, mut args) = ties(m);
        conds.push(format!("{} {later}{eq} :kid", self.id));
        args.push((":kid", id.clone()));
        out.push(((conds.join(" AND "), args), self.by_from(m)));
        for ((i, e), (name, v)) in self
            .exprs
            .iter()
            .enumerate()
            .zip(KEY_ARGS.iter().zip(key))
            .rev()
        {
            // `fixed`: the expressions the condition holds to one value, left out of its ORDER BY (SQLite
            // sorts again by an expression it does not see is constant).
            let mut push = |cond: String, arg: Option<(&'static str, Value)>, fixed: usize| {
                let (mut conds, mut args) = ties(i);
                conds.push(cond);
                args.extend(arg);
                out.push(((conds.join(" AND "), args), self.by_from(fixed)));
            };
            match (self.desc, v == &Value::Null) {
                (false, true) => push(format!("{e} IS NOT NULL"), None, i),
                (false, false) => push(format!("{e} > {name}"), Some((name, v.clone())), i),
                (true, true) => {}
                (true, false) => {
                    push(format!("{e} < {name}"), Some((name, v.clone())), i);
                    if self.nullable {
                        push(format!("{e} IS NULL"), None, i + 1);
                    }
                }
            }
        }
        out
    }
}

/// What reads a list's rows: given a condition on top of the list's own, an ORDER BY, an offset and a limit,
/// the rows with the values of their sort keys.
pub(crate) type ReadRows<'a, R> =
    dyn FnMut(&Cond, &str, usize, usize) -> Result<Vec<(R, Vec<Value>)>> + 'a;

/// One read of a list window for [`seek_page`]: `head` is the query up to `WHERE (…) AND `, followed by the
/// seek's condition, in `by` order, `limit` rows from `offset`; `map` makes each row the list's row and its
/// sort key.
pub(crate) fn read_window<R>(
    conn: &rusqlite::Connection,
    head: &str,
    args: &[(&'static str, Value)],
    (seek, by, offset, limit): (&Cond, &str, usize, usize),
    mut map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<(R, Vec<Value>)>,
) -> Result<Vec<(R, Vec<Value>)>> {
    let sql = format!(
        "{head}({}) ORDER BY {by} LIMIT :limit OFFSET :offset",
        seek.0
    );
    let mut args = args.to_vec();
    args.extend(seek.1.iter().cloned());
    args.push((":limit", Value::Integer(limit as i64)));
    args.push((":offset", Value::Integer(offset as i64)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(named(&args).as_slice(), |row| map(row))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads the rows `seek` asks for, at most `limit` of them, in `order`.
pub(crate) fn seek_page<R>(
    order: &Order,
    seek: Seek<'_>,
    limit: usize,
    read: &mut ReadRows<'_, R>,
) -> Result<Page<R>> {
    let tag = order.by();
    let all: Cond = ("1".into(), Vec::new());
    let fits = |key: &SortKey| key.order == tag && key.values.len() == order.key_len();
    let rows = match seek {
        Seek::Offset(offset) => read(&all, &tag, offset, limit)?,
        Seek::After { key, offset, .. } | Seek::Before { key, offset } if !fits(key) => {
            read(&all, &tag, offset, limit)?
        }
        Seek::After { key, inclusive, .. } => {
            seek_rows(order, &key.values, inclusive, limit, read)?
        }
        Seek::Before { key, .. } => {
            let mut rows = seek_rows(&order.reversed(), &key.values, false, limit, read)?;
            rows.reverse();
            rows
        }
        Seek::End => {
            let mut rows = read(&all, &order.reversed().by(), 0, limit)?;
            rows.reverse();
            rows
        }
    };
    let (rows, keys) = rows
        .into_iter()
        .map(|(row, values)| {
            let order = tag.clone();
            (row, SortKey { order, values })
        })
        .unzip();
    Ok(Page { rows, keys })
}

/// The first `limit` rows after `key`: the conditions of `Order::after` one after another until enough.
fn seek_rows<R>(
    order: &Order,
    key: &[Value],
    inclusive: bool,
    limit: usize,
    read: &mut ReadRows<'_, R>,
) -> Result<Vec<(R, Vec<Value>)>> {
    let mut out = Vec::new();
    for (cond, by) in order.after(key, inclusive) {
        if out.len() >= limit {
            break;
        }
        out.extend(read(&cond, &by, 0, limit - out.len())?);
    }
    Ok(out)
}

/// The values of a row's sort key, read from `order.key_columns()` at column `start`.
pub(crate) fn key_values(
    row: &rusqlite::Row<'_>,
    start: usize,
    order: &Order,
) -> rusqlite::Result<Vec<Value>> {
    (start..start + order.key_len())
        .map(|i| row.get(i))
        .collect()
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{HolidayTable, Rules, Settings};

    /// The query plans of every seek, down and up, from `key` in `order`: the list's FROM with the seek's
    /// condition and ORDER BY (the lists add their filters and columns to the same).
    fn plans(store: &Store, select: &str, order: &Order, key: &[Value]) -> Vec<String> {
        let mut out = Vec::new();
        for o in [order, &order.reversed()] {
            for ((cond, args), by) in o.after(key, false) {
                let sql = format!(
                    "EXPLAIN QUERY PLAN {select} WHERE (1) AND ({cond}) ORDER BY {by} LIMIT 45"
                );
                let mut stmt = store.conn.prepare(&sql).unwrap();
                let rows = stmt
                    .query_map(named(&args).as_slice(), |r| r.get::<_, String>(3))
                    .unwrap();
                let plan: Vec<String> = rows.collect::<rusqlite::Result<_>>().unwrap();
                out.push(format!("{cond} ORDER BY {by}: {}", plan.join("; ")));
            }
        }
        out
    }

    /// Each seek of the default orders reads a range of an index in order: no scan and no sort, so its cost
    /// does not grow with the depth.
    #[test]
    fn default_order_seeks_search_an_index_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let rules = Rules::new(Settings::default(), HolidayTable::builtin());
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let store = Store::open(&dir.path().join("y.db"), rules, today).unwrap();
        let date = || Value::Text("2026-01-05".into());
        let lists: [(&str, Order, &str, Vec<Vec<Value>>); 4] = [
            (
                "SELECT s.title FROM suggestions s JOIN units u ON u.id = s.recipient_id",
                Order::new(SuggestionSort::DocNo.sql(), "s.id", true),
                "SEARCH s USING INDEX suggestions_docseq (",
                vec![
                    vec![Value::Integer(2025), Value::Integer(7), Value::Integer(9)],
                    vec![Value::Integer(2025), Value::Null, Value::Integer(9)],
                    vec![Value::Null, Value::Null, Value::Integer(9)],
                ],
            ),
            (
                "SELECT c.suspect FROM cases c LEFT JOIN units u ON u.id = c.unit_id",
                Order::new(&[CaseSort::Filed.sql()], "c.id", true),
                "SEARCH c USING INDEX cases_filed (",
                vec![
                    vec![date(), Value::Integer(9)],
                    vec![Value::Null, Value::Integer(9)],
                ],
            ),
            (
                "SELECT u.notes FROM units u",
                Order::new(&["u.name"], "u.id", false).not_null(),
                "SEARCH u USING INDEX sqlite_autoindex_units_1 (",
                vec![vec![Value::Text("县局".into()), Value::Integer(9)]],
            ),
            (
                "SELECT a.title FROM activities a",
                Order::new(&["coalesce(a.done_on, a.planned_on)"], "a.id", true),
                "SEARCH a USING INDEX activities_when (",
                vec![
                    vec![date(), Value::Integer(9)],
                    vec![Value::Null, Value::Integer(9)],
                ],
            ),
        ];
        for (select, order, search, keys) in lists {
            for key in keys {
                let plans = plans(&store, select, &order, &key);
                assert!(!plans.is_empty());
                for plan in plans {
                    // SQLite takes no range for IS NOT NULL on an expression index: it reads the index in
                    // order from the NULLs on, so that seek steps over the NULL rows (only where a list's
                    // NULL segment ends) but never over the rows above it.
                    let in_order = plan.contains("IS NOT NULL ORDER BY")
                        && plan.ends_with(": SCAN a USING INDEX activities_when");
                    assert!(
                        (plan.contains(search) || in_order)
                            && !plan.contains("TEMP")
                            && plan.matches("SCAN").count() == usize::from(in_order),
                        "{plan}"
                    );
                }
            }
        }
    }
}
