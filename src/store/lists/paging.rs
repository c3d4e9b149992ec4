//! Windows of a list read in SQL: counts capped under a filter, and keyset paging (a window next to the one
//! on screen is sought from the sort key of its boundary row, so it costs the same at any depth; OFFSET is
//! left for the top and for far jumps).

use rusqlite::types::Value;

use crate::i18n::Lang;
use crate::store::error::Result;
use crate::store::record::named;

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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{HolidayTable, Rules, Settings};
    use crate::store::Store;
    use crate::store::lists::{CaseSort, SuggestionSort};

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
