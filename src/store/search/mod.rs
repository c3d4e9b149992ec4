//! One search over every record: units, cases, suggestions, activities and follow-up records, by any
//! substring of their numbers, names and titles (one Chinese character included), by document number in the
//! spellings people type, and by the pinyin of names and titles.
//!
//! The index is the FTS5 table `search` (the search migration in schema.rs): its rows are keyed `kind << 40 | id`, so one kind is a
//! range of keys and a window of the newest matches is read in key order without a sort. Its text is written
//! by the SQL functions registered here, called from the `search_*` views, which triggers on every table read
//! in the same statement as the write (so in its transaction) and the bulk loader reads once at the end.

mod tokens;

use chrono::NaiveDate;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

pub use tokens::{Number, index_text, pinyin_text, sort_key};

use super::Store;
use super::error::Result;
use crate::domain::{Activity, Case, FollowUp, State, Suggestion, Unit};

/// Registers the functions the search views and triggers call; every connection that writes needs them.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    // Innocuous: they read only their arguments, so SQLite lets the schema call them even with
    // `trusted_schema` off.
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("yf_text", -1, flags, |ctx| {
        Ok(index_text(args(ctx).iter().map(String::as_str)))
    })?;
    conn.create_scalar_function("yf_pinyin", -1, flags, |ctx| {
        Ok(pinyin_text(args(ctx).iter().map(String::as_str), true))
    })?;
    conn.create_scalar_function("yf_title_pinyin", -1, flags, |ctx| {
        Ok(pinyin_text(args(ctx).iter().map(String::as_str), false))
    })?;
    conn.create_scalar_function("yf_sort_key", 1, flags, |ctx| {
        Ok(sort_key(&args(ctx).concat()))
    })
}

/// The arguments as text: NULL as empty, numbers as written.
fn args(ctx: &Context<'_>) -> Vec<String> {
    (0..ctx.len())
        .map(|i| match ctx.get_raw(i) {
            ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
            ValueRef::Integer(n) => n.to_string(),
            ValueRef::Real(x) => x.to_string(),
            ValueRef::Null => String::new(),
        })
        .collect()
}

/// The kinds of record the search finds, in the order their groups are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Unit = 1,
    Case = 2,
    Suggestion = 3,
    Activity = 4,
    FollowUp = 5,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Unit,
        Kind::Case,
        Kind::Suggestion,
        Kind::Activity,
        Kind::FollowUp,
    ];

    /// The first and last index key of this kind.
    fn keys(self) -> (i64, i64) {
        let base = (self as i64) << 40;
        (base, base + (1 << 40) - 1)
    }
}

/// Why a record matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Its document or case number is the one typed.
    Number,
    /// Its number or name starts with the text.
    Prefix,
    /// The text is part of it.
    Text,
    /// The letters are the pinyin (initials or syllables) of its name or title.
    Pinyin,
}

/// A typed query, compiled to FTS5 expressions, one a tier.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    tiers: Vec<(Tier, String)>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        let mut tiers = Vec::new();
        if let Some(n) = Number::parse(text).and_then(|n| n.fts()) {
            tiers.push((Tier::Number, n));
        }
        if let Some(p) = tokens::text_match(text, true) {
            tiers.push((Tier::Prefix, p));
        }
        if let Some(t) = tokens::text_match(text, false) {
            tiers.push((Tier::Text, t));
        }
        if let Some(p) = tokens::pinyin_match(text) {
            tiers.push((Tier::Pinyin, p));
        }
        Query { tiers }
    }

    /// Only the substring tier: the records whose text holds every word, as `LIKE '%word%'` would find them.
    pub fn text_only(text: &str) -> Query {
        Query {
            tiers: tokens::text_match(text, false)
                .map(|t| vec![(Tier::Text, t)])
                .unwrap_or_default(),
        }
    }

    /// Whether the query asks for anything (blank text and bare punctuation do not).
    pub fn is_empty(&self) -> bool {
        self.tiers.is_empty()
    }

    /// Every record any tier finds (the prefix tier finds a subset of the text tier's).
    fn any(&self) -> String {
        self.tiers
            .iter()
            .filter(|(t, _)| *t != Tier::Prefix)
            .map(|(_, e)| format!("({e})"))
            .collect::<Vec<_>>()
            .join(" OR ")
    }
}

/// One record found, with what its line shows: its state and key date come from the domain's rules.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    Unit {
        unit: Unit,
        last_contact: Option<NaiveDate>,
    },
    Case {
        case: Case,
        unit: Option<String>,
    },
    Suggestion {
        suggestion: Suggestion,
        recipient: String,
        state: State,
        /// The reply deadline, while a reply clock runs.
        reply_due: Option<NaiveDate>,
    },
    Activity {
        activity: Activity,
        unit: Option<String>,
        /// Days past (positive) or until a planned activity's date, when within the warning window.
        due: Option<i64>,
    },
    FollowUp {
        follow_up: FollowUp,
        /// The number (or title) of the suggestion it follows.
        suggestion: String,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub tier: Tier,
    pub item: Item,
}

/// The matches of one kind: how many in all, and the best few.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub kind: Kind,
    pub total: usize,
    pub hits: Vec<Hit>,
}

impl Store {
    /// Ids of up to `limit` records of `kind` that match, best tier first and newest first within a tier.
    pub fn find_ids(&self, kind: Kind, q: &Query, limit: usize) -> Result<Vec<(i64, Tier)>> {
        let (lo, hi) = kind.keys();
        let mut out: Vec<(i64, Tier)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM search WHERE search MATCH ?1 AND rowid BETWEEN ?2 AND ?3 \
             ORDER BY rowid DESC LIMIT ?4",
        )?;
        for (tier, expr) in &q.tiers {
            if out.len() >= limit {
                break;
            }
            // Each tier reads as many as could still be new, since earlier tiers' rows come again.
            let want = i64::try_from(limit.saturating_add(out.len())).unwrap_or(-1);
            let rows = stmt.query_map(params![expr, lo, hi, want], |r| r.get::<_, i64>(0))?;
            for key in rows {
                let id = key? - lo;
                if out.len() < limit && seen.insert(id) {
                    out.push((id, *tier));
                }
            }
        }
        Ok(out)
    }

    /// How many records of `kind` match, exactly.
    pub fn find_count(&self, kind: Kind, q: &Query) -> Result<usize> {
        if q.is_empty() {
            return Ok(0);
        }
        let (lo, hi) = kind.keys();
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM search WHERE search MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
            )?
            .query_row(params![q.any(), lo, hi], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Every kind with matches: its count and its best `per_kind` records.
    pub fn find(&self, text: &str, per_kind: usize) -> Result<Vec<Group>> {
        let q = Query::new(text);
        let mut groups = Vec::new();
        if q.is_empty() {
            return Ok(groups);
        }
        for kind in Kind::ALL {
            let total = self.find_count(kind, &q)?;
            if total == 0 {
                continue;
            }
            let hits = self
                .find_ids(kind, &q, per_kind)?
                .into_iter()
                .map(|(id, tier)| {
                    Ok(Hit {
                        tier,
                        item: self.found_item(kind, id)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            groups.push(Group { kind, total, hits });
        }
        Ok(groups)
    }

    /// The record behind a match, with its state and key date.
    pub fn found_item(&self, kind: Kind, id: i64) -> Result<Item> {
        let unit_name = |id: Option<i64>| -> Result<Option<String>> {
            let Some(id) = id else { return Ok(None) };
            Ok(self
                .conn
                .prepare_cached("SELECT name FROM units WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?)
        };
        Ok(match kind {
            Kind::Unit => {
                let last_contact = self
                    .conn
                    .prepare_cached("SELECT last_contact_on FROM units WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))?;
                Item::Unit {
                    unit: self.get(id)?,
                    last_contact,
                }
            }
            Kind::Case => {
                let case: Case = self.get(id)?;
                let unit = unit_name(case.unit_id)?;
                Item::Case { case, unit }
            }
            Kind::Suggestion => {
                let s: Suggestion = self.get(id)?;
                let recipient = unit_name(Some(s.recipient_id))?.unwrap_or_default();
                let reply_due = s.deadlines(&self.rules).dates().reply;
                let state = s.state(reply_due, self.today, &self.rules);
                Item::Suggestion {
                    suggestion: s,
                    recipient,
                    state,
                    reply_due,
                }
            }
            Kind::Activity => {
                let a: Activity = self.get(id)?;
                let unit = unit_name(a.unit_id)?;
                let due = a.due(self.today, &self.rules);
                Item::Activity {
                    activity: a,
                    unit,
                    due,
                }
            }
            Kind::FollowUp => {
                let f: FollowUp = self.get(id)?;
                let s: Suggestion = self.get(f.suggestion_id)?;
                Item::FollowUp {
                    follow_up: f,
                    suggestion: s.doc_no.unwrap_or(s.title),
                }
            }
        })
    }
}
