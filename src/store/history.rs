//! History and undo over the change log (every write appends a row with the record before and after).
//!
//! Undo is a stack over ordinary changes: `undo_last` reverts the newest change not yet undone (an insert is
//! deleted, an update is written back to its before image, a delete is re-inserted with the same id) and
//! records that as a change with the action `undo`. Calling it again reverts the change before that; an undo
//! itself is never undone. Each undo is one transaction and is refused, leaving everything as it was, when
//! the record has changed since or the revert would break a rule (a name taken since, a unit still in use).

use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::Store;
use super::entity::Entity;
use super::error::{Result, StoreError};
use super::import::{id_exists, insert_with_id};
use super::record::{Record, delete_in, get_in, update_in};
use crate::domain::{Activity, Case, FollowUp, Plan, Rules, Suggestion, Unit};
use crate::i18n::K;

/// The action an undo is logged with.
pub const UNDO: &str = "undo";

/// One change-log row, read as the fields it changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The change-log row id (increasing).
    pub seq: i64,
    /// Local wall-clock time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// The entity table (`units`, `cases`, `suggestions`, `follow_ups`, `activities`, `plans`).
    pub entity: String,
    pub entity_id: i64,
    /// `insert`, `update`, `delete` or `undo`.
    pub action: String,
    /// For an insert, the fields it set; for a delete, the fields the record had; otherwise the fields whose
    /// value differs. `id` and `version` are left out.
    pub fields: Vec<FieldChange>,
}

/// One field of a change: JSON values as the record serialises (`null` when absent).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// What `undo_last` reverted.
#[derive(Clone, Debug, PartialEq)]
pub struct UndoneChange {
    /// The change that was reverted.
    pub change: Change,
    /// The change-log row of the undo itself.
    pub undo_seq: i64,
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Bool(b) => !b,
        Value::Number(_) => false,
    }
}

/// The changed fields between two record images.
fn diff(action: &str, before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let empty = Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = a.keys().collect();
    keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
    let null = Value::Null;
    keys.into_iter()
        .filter(|k| *k != "id" && *k != "version")
        .filter_map(|k| {
            let bv = b.get(k).unwrap_or(&null);
            let av = a.get(k).unwrap_or(&null);
            let show = match action {
                "insert" => !is_empty(av),
                "delete" => !is_empty(bv),
                _ => bv != av,
            };
            show.then(|| FieldChange {
                field: k.clone(),
                before: bv.clone(),
                after: av.clone(),
            })
        })
        .collect()
}

/// One change-log row with its record images, as [`LOG_COLUMNS`] selects it and the JSON export writes it.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct LogRow {
    pub id: i64,
    pub at: String,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl LogRow {
    /// The row, and the first record image that is not JSON, if any (it reads as no image): the history
    /// still shows the rest, an export refuses to lose it.
    pub(crate) fn read(
        r: &rusqlite::Row<'_>,
    ) -> rusqlite::Result<(LogRow, Option<serde_json::Error>)> {
        let mut bad = None;
        let mut image = |i: usize| -> rusqlite::Result<Option<Value>> {
            let t: Option<String> = r.get(i)?;
            Ok(t.and_then(|t| match serde_json::from_str(&t) {
                Ok(v) => Some(v),
                Err(e) => {
                    bad.get_or_insert(e);
                    None
                }
            }))
        };
        let (before, after) = (image(5)?, image(6)?);
        let row = LogRow {
            id: r.get(0)?,
            at: r.get(1)?,
            entity: r.get(2)?,
            entity_id: r.get(3)?,
            action: r.get(4)?,
            before,
            after,
        };
        Ok((row, bad))
    }

    fn read_lenient(r: &rusqlite::Row<'_>) -> rusqlite::Result<LogRow> {
        Ok(LogRow::read(r)?.0)
    }

    fn change(&self) -> Change {
        Change {
            seq: self.id,
            at: self.at.clone(),
            entity: self.entity.clone(),
            entity_id: self.entity_id,
            action: self.action.clone(),
            fields: diff(&self.action, self.before.as_ref(), self.after.as_ref()),
        }
    }
}

pub(crate) const LOG_COLUMNS: &str = "id, at, entity, entity_id, action, before, after";

impl Store {
    /// Every change of one record, oldest first.
    pub fn history(&self, entity_table: &str, id: i64) -> Result<Vec<Change>> {
        let mut q = self.conn.prepare_cached(&format!(
            "SELECT {LOG_COLUMNS} FROM change_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY id"
        ))?;
        let rows = q.query_map(rusqlite::params![entity_table, id], LogRow::read_lenient)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r?.change());
        }
        Ok(out)
    }

    /// The change `undo_last` would revert now, if any (to ask before undoing).
    pub fn last_undoable(&self) -> Result<Option<Change>> {
        Ok(next_to_undo(&self.conn)?.map(|r| r.change()))
    }

    /// Reverts the newest change not yet undone, as one transaction logged with the action `undo`.
    /// `Ok(None)` when there is nothing left to undo.
    pub fn undo_last(&mut self) -> Result<Option<UndoneChange>> {
        let tx = self.conn.transaction()?;
        let Some(target) = next_to_undo(&tx)? else {
            return Ok(None);
        };
        let (rules, today) = (&self.rules, self.today);
        match Entity::from_table(&target.entity) {
            Some(Entity::Unit) => revert::<Unit>(&tx, rules, today, &target)?,
            Some(Entity::Case) => revert::<Case>(&tx, rules, today, &target)?,
            Some(Entity::Suggestion) => revert::<Suggestion>(&tx, rules, today, &target)?,
            Some(Entity::FollowUp) => revert::<FollowUp>(&tx, rules, today, &target)?,
            Some(Entity::Activity) => revert::<Activity>(&tx, rules, today, &target)?,
            Some(Entity::Plan) => revert::<Plan>(&tx, rules, today, &target)?,
            None => {
                return Err(refused(
                    K::StoreUndoUnknown,
                    K::DataChangeLog,
                    target.id,
                    None,
                ));
            }
        }
        // The revert went through the ordinary write path, which logged it as insert/update/delete.
        let undo_seq: i64 = tx.query_row("SELECT max(id) FROM change_log", [], |r| r.get(0))?;
        tx.execute(
            "UPDATE change_log SET action = ?1 WHERE id = ?2",
            rusqlite::params![UNDO, undo_seq],
        )?;
        tx.commit()?;
        Ok(Some(UndoneChange {
            change: target.change(),
            undo_seq,
        }))
    }
}

/// Walks the log from the newest row: each undo cancels the newest ordinary change before it that no later
/// undo has cancelled, so the first ordinary change left over is next.
fn next_to_undo(conn: &Connection) -> Result<Option<LogRow>> {
    let mut q = conn.prepare(&format!(
        "SELECT {LOG_COLUMNS} FROM change_log ORDER BY id DESC"
    ))?;
    let mut rows = q.query([])?;
    let mut pending = 0usize;
    while let Some(r) = rows.next()? {
        let action: String = r.get(4)?;
        if action == UNDO {
            pending += 1;
        } else if pending > 0 {
            pending -= 1;
        } else {
            return Ok(Some(LogRow::read_lenient(r)?));
        }
    }
    Ok(None)
}

fn refused(reason: K, entity: K, id: i64, why: Option<StoreError>) -> StoreError {
    StoreError::UndoRefused {
        reason,
        entity,
        id,
        why: why.map(Box::new),
    }
}

fn image<T: DeserializeOwned>(v: Option<&Value>, entity: K, id: i64) -> Result<T> {
    let v = v.ok_or_else(|| refused(K::StoreUndoUnknown, entity, id, None))?;
    serde_json::from_value(v.clone())
        .map_err(|e| refused(K::StoreUndoBroken, entity, id, Some(StoreError::Json(e))))
}

/// Whether the stored record still is what the change left behind. Versions are not compared: an undone
/// update restores the content under a new version, and the change before it must stay undoable.
fn same_content<T: Record>(current: &T, after: Option<&Value>) -> Result<bool> {
    let Some(Value::Object(after)) = after else {
        return Ok(false);
    };
    let Value::Object(mut now) = serde_json::to_value(current)? else {
        return Ok(false);
    };
    let mut after = after.clone();
    now.remove("version");
    after.remove("version");
    Ok(now == after)
}

fn revert<T: Record + DeserializeOwned>(
    conn: &Connection,
    rules: &Rules,
    today: chrono::NaiveDate,
    row: &LogRow,
) -> Result<()> {
    let (entity, id) = (T::ENTITY, row.entity_id);
    let changed = || refused(K::StoreUndoChanged, entity, id, None);
    let broken = |e: StoreError| match e {
        e @ StoreError::Sqlite(_) => e,
        e => refused(K::StoreUndoBroken, entity, id, Some(e)),
    };
    let current: Option<T> = match get_in::<T>(conn, id) {
        Ok(r) => Some(r),
        Err(StoreError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    match row.action.as_str() {
        "insert" => {
            let cur = current.ok_or_else(changed)?;
            if !same_content(&cur, row.after.as_ref())? {
                return Err(changed());
            }
            delete_in::<T>(conn, id, cur.version()).map_err(broken)
        }
        "update" => {
            let cur = current.ok_or_else(changed)?;
            if !same_content(&cur, row.after.as_ref())? {
                return Err(changed());
            }
            let mut rec: T = image(row.before.as_ref(), entity, id)?;
            rec.set_meta(id, cur.version());
            update_in(conn, rules, today, &mut rec).map_err(broken)
        }
        "delete" => {
            if current.is_some() || id_exists(conn, T::TABLE, id)? {
                return Err(changed());
            }
            let mut rec: T = image(row.before.as_ref(), entity, id)?;
            // A fresh version, so a copy loaded before the delete cannot overwrite the restored record.
            let v = rec.version() + 1;
            rec.set_meta(id, v);
            insert_with_id(conn, rules, today, &mut rec, true).map_err(broken)
        }
        _ => Err(refused(K::StoreUndoUnknown, entity, id, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_shows_what_changed() {
        let b = json!({"id": 1, "version": 1, "name": "a", "notes": "", "level": "county"});
        let a = json!({"id": 1, "version": 2, "name": "b", "notes": "", "level": "county"});
        let d = diff("update", Some(&b), Some(&a));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field, "name");
        assert_eq!((&d[0].before, &d[0].after), (&json!("a"), &json!("b")));
        let ins = diff("insert", None, Some(&a));
        let names: Vec<&str> = ins.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, vec!["name", "level"]);
    }
}
