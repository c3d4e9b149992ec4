//! One mechanism for every entity table: insert, optimistic-locked update, delete, get, each in one
//! transaction with a change-log row. Entities only describe their columns.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::Serialize;

use super::entity::Entity;
use super::error::{Result, StoreError};
use crate::domain::{Code, Rules};
use crate::i18n::K;

/// An entity stored in one table (plus link tables it owns).
pub trait Record: Serialize + Sized {
    const KIND: Entity;
    const TABLE: &'static str = Self::KIND.table();
    /// The entity's name in messages.
    const ENTITY: K = Self::KIND.key();
    /// Stored columns after `id, version`, in the order of [`Record::values`] and [`Record::from_row`].
    const COLUMNS: &'static [&'static str];

    fn id(&self) -> i64;
    fn version(&self) -> i64;
    fn set_meta(&mut self, id: i64, version: i64);
    /// Canonical forms (e.g. the document number) before validation and writing.
    fn normalize(&mut self) {}
    fn values(&self, rules: &Rules) -> Vec<Value>;
    /// Reads a row selected as `id, version, COLUMNS...`; links are loaded separately.
    fn from_row(r: &mut Cols<'_, '_>) -> rusqlite::Result<Self>;
    /// Field validation and uniqueness, inside the write transaction.
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()>;
    fn save_links(&self, _conn: &Connection) -> Result<()> {
        Ok(())
    }
    fn load_links(&mut self, _conn: &Connection) -> Result<()> {
        Ok(())
    }
    /// Whether other rows still point at this one (deleting it would orphan them).
    fn referenced(_conn: &Connection, _id: i64) -> Result<bool> {
        Ok(false)
    }
    fn select_list() -> String {
        format!(
            "{}.id, {}.version, {}",
            Self::TABLE,
            Self::TABLE,
            Self::COLUMNS
                .iter()
                .map(|c| format!("{}.{c}", Self::TABLE))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// Sequential reader over a row's columns.
pub struct Cols<'a, 'b> {
    row: &'a Row<'b>,
    i: usize,
}

impl<'a, 'b> Cols<'a, 'b> {
    pub fn new(row: &'a Row<'b>) -> Self {
        Cols { row, i: 0 }
    }
    pub fn at(row: &'a Row<'b>, start: usize) -> Self {
        Cols { row, i: start }
    }
    pub fn get<T: rusqlite::types::FromSql>(&mut self) -> rusqlite::Result<T> {
        let v = self.row.get(self.i);
        self.i += 1;
        v
    }
    pub fn code<T: Code>(&mut self) -> rusqlite::Result<T> {
        let idx = self.i;
        let s: String = self.get()?;
        T::parse_code(&s).ok_or_else(|| bad_code(idx, &s))
    }
    pub fn opt_code<T: Code>(&mut self) -> rusqlite::Result<Option<T>> {
        let idx = self.i;
        let s: Option<String> = self.get()?;
        match s {
            None => Ok(None),
            Some(s) => T::parse_code(&s).map(Some).ok_or_else(|| bad_code(idx, &s)),
        }
    }
    /// A date column. Stored dates are always `YYYY-MM-DD`, read here without chrono's general format
    /// parser, which costs more than the rest of a row; anything else goes through rusqlite's own
    /// conversion, with its errors.
    pub fn date(&mut self) -> rusqlite::Result<Option<NaiveDate>> {
        let idx = self.i;
        self.i += 1;
        match self.row.get_ref(idx)? {
            rusqlite::types::ValueRef::Null => return Ok(None),
            rusqlite::types::ValueRef::Text(b) => {
                if let Some(d) = iso_date(b) {
                    return Ok(Some(d));
                }
            }
            _ => {}
        }
        self.row.get(idx)
    }
    /// A date column that is never empty.
    pub fn day(&mut self) -> rusqlite::Result<NaiveDate> {
        let idx = self.i;
        match self.date()? {
            Some(d) => Ok(d),
            None => Err(rusqlite::Error::InvalidColumnType(
                idx,
                String::new(),
                rusqlite::types::Type::Null,
            )),
        }
    }
    pub fn position(&self) -> usize {
        self.i
    }
}

/// `YYYY-MM-DD` with ASCII digits, if that is what `b` holds and it is a real date.
fn iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

fn bad_code(idx: usize, s: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unknown code \"{s}\"").into(),
    )
}

pub fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}
pub fn date(d: Option<NaiveDate>) -> Value {
    use chrono::Datelike;
    // Written out by hand: chrono's `format` interprets its pattern on every call, and the queries bind
    // dates on every key.
    d.map_or(Value::Null, |d| {
        Value::Text(match d.year() {
            0..=9999 => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            _ => d.format("%Y-%m-%d").to_string(),
        })
    })
}
pub fn int(i: Option<i64>) -> Value {
    i.map_or(Value::Null, Value::Integer)
}
pub fn code<T: Code>(c: T) -> Value {
    Value::Text(c.code_str().to_string())
}
pub fn opt_code<T: Code>(c: Option<T>) -> Value {
    c.map_or(Value::Null, |c| Value::Text(c.code_str().to_string()))
}
pub fn flag(b: bool) -> Value {
    Value::Integer(i64::from(b))
}

/// Wall-clock time of a change, for the log only (deadlines never read it).
fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

pub fn log_change<T: Serialize>(
    conn: &Connection,
    entity: &str,
    id: i64,
    action: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let b = before.map(serde_json::to_string).transpose()?;
    let a = after.map(serde_json::to_string).transpose()?;
    conn.execute(
        "INSERT INTO change_log (at, entity, entity_id, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![now_text(), entity, id, action, b, a],
    )?;
    Ok(())
}

/// Inserts inside an open transaction; sets the record's id and version.
pub fn insert_in<T: Record>(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    rec: &mut T,
) -> Result<i64> {
    rec.normalize();
    rec.check(conn, today)?;
    let cols = T::COLUMNS.join(", ");
    let marks = vec!["?"; T::COLUMNS.len()].join(", ");
    let sql = format!("INSERT INTO {} ({cols}) VALUES ({marks})", T::TABLE);
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(rec.values(rules)))?;
    let id = conn.last_insert_rowid();
    rec.set_meta(id, 1);
    rec.save_links(conn)?;
    log_change(conn, T::TABLE, id, "insert", None, Some(&*rec))?;
    Ok(id)
}

/// Updates inside an open transaction, refusing a record whose version is not the stored one.
pub fn update_in<T: Record>(
    conn: &Connection,
    rules: &Rules,
    today: NaiveDate,
    rec: &mut T,
) -> Result<()> {
    rec.normalize();
    let before: T = get_in(conn, rec.id())?;
    if before.version() != rec.version() {
        return Err(StoreError::Stale {
            entity: T::ENTITY,
            id: rec.id(),
        });
    }
    rec.check(conn, today)?;
    let sets: Vec<String> = T::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let n = T::COLUMNS.len();
    let sql = format!(
        "UPDATE {} SET {}, version = version + 1 WHERE id = ?{} AND version = ?{}",
        T::TABLE,
        sets.join(", "),
        n + 1,
        n + 2
    );
    let mut vals = rec.values(rules);
    vals.push(Value::Integer(rec.id()));
    vals.push(Value::Integer(rec.version()));
    let changed = conn.prepare_cached(&sql)?.execute(params_from_iter(vals))?;
    if changed != 1 {
        return Err(StoreError::Stale {
            entity: T::ENTITY,
            id: rec.id(),
        });
    }
    rec.set_meta(rec.id(), rec.version() + 1);
    rec.save_links(conn)?;
    log_change(
        conn,
        T::TABLE,
        rec.id(),
        "update",
        Some(&before),
        Some(&*rec),
    )?;
    Ok(())
}

pub fn delete_in<T: Record>(conn: &Connection, id: i64, version: i64) -> Result<()> {
    let before: T = get_in(conn, id)?;
    if before.version() != version {
        return Err(StoreError::Stale {
            entity: T::ENTITY,
            id,
        });
    }
    if T::referenced(conn, id)? {
        return Err(StoreError::InUse {
            entity: T::ENTITY,
            id,
        });
    }
    conn.execute(&format!("DELETE FROM {} WHERE id = ?1", T::TABLE), [id])?;
    log_change(conn, T::TABLE, id, "delete", Some(&before), None)?;
    Ok(())
}

pub fn get_in<T: Record>(conn: &Connection, id: i64) -> Result<T> {
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        T::select_list(),
        T::TABLE
    );
    let rec = conn
        .prepare_cached(&sql)?
        .query_row([id], |row| T::from_row(&mut Cols::new(row)))
        .optional()?;
    let mut rec = rec.ok_or(StoreError::NotFound {
        entity: T::ENTITY,
        id,
    })?;
    rec.load_links(conn)?;
    Ok(rec)
}

/// Fails with `Duplicate` when another row already has `value` in `column`.
pub fn unique(
    conn: &Connection,
    entity: Entity,
    column: &str,
    value: &Value,
    id: i64,
    shown: &str,
) -> Result<()> {
    let sql = format!(
        "SELECT 1 FROM {} WHERE {column} = ?1 AND id <> ?2",
        entity.table()
    );
    let hit: Option<i64> = conn
        .prepare_cached(&sql)?
        .query_row(params![value, id], |r| r.get(0))
        .optional()?;
    if hit.is_some() {
        return Err(StoreError::Duplicate {
            entity: entity.key(),
            value: shown.to_string(),
        });
    }
    Ok(())
}

pub fn exists(conn: &Connection, sql: &str, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Named SQL parameters as rusqlite takes them.
pub fn named<'a>(
    args: &'a [(&'static str, Value)],
) -> Vec<(&'static str, &'a dyn rusqlite::ToSql)> {
    args.iter()
        .map(|(k, v)| (*k, v as &dyn rusqlite::ToSql))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// The fast path must give exactly what rusqlite's own conversion gives, for good and bad text alike.
    #[test]
    fn dates_read_as_rusqlite_reads_them() {
        let conn = Connection::open_in_memory().unwrap();
        for v in [
            "'2026-02-28'",
            "'0001-01-01'",
            "'2024-02-29'",
            "NULL",
            "'2023-02-29'",
            "'2026-02-30'",
            "'2026-2-28'",
            "'2026-0a-28'",
            "'２０２６-02-28'",
            "''",
            "42",
            "'2026-02-28T10:00:00'",
        ] {
            let (fast, slow) = conn
                .query_row(&format!("SELECT {v}"), [], |row| {
                    Ok((Cols::new(row).date(), row.get::<_, Option<NaiveDate>>(0)))
                })
                .unwrap();
            assert_eq!(fast.ok(), slow.ok(), "{v}");
        }
        for d in ["0001-01-01", "2026-02-28", "9999-12-31"] {
            let parsed = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
            assert_eq!(date(Some(parsed)), Value::Text(d.into()));
            assert_eq!(iso_date(d.as_bytes()), Some(parsed));
        }
        let min = date(Some(NaiveDate::MIN));
        assert_eq!(
            min,
            Value::Text(NaiveDate::MIN.format("%Y-%m-%d").to_string())
        );
        let day = conn.query_row("SELECT NULL", [], |row| Cols::new(row).day());
        assert!(day.is_err());
        assert!(iso_date(b"2024-02-29").is_some());
        assert_eq!(iso_date(b"2023-02-29"), None);
    }
}
