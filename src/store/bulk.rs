//! Bulk loading for generated offices (`yufang gen`): the whole load in one transaction through cached
//! prepared statements, without the per-record change log and validation. Stored deadlines still come from
//! the domain: every row goes through [`Record::values`], which computes them with the store's rules.

use std::time::Duration;

use rusqlite::{Connection, params, params_from_iter};

use super::Store;
use super::entity::{Blank, Entity, is_blank};
use super::error::Result;
use super::record::Record;
use crate::domain::Rules;

/// Tables a generated office fills: every entity's and its links'.
fn tables() -> Vec<&'static str> {
    Entity::ALL
        .iter()
        .flat_map(|e| std::iter::once(e.table()).chain(e.link_tables().iter().copied()))
        .collect()
}

/// Pages of cache for the load (64 MiB would not fit the generator's memory budget; 16 MiB is plenty).
const LOAD_CACHE_KIB: i64 = 16 * 1024;

impl Store {
    /// Whether any entity table has a row (the generator only fills an empty store).
    pub fn has_records(&self) -> Result<bool> {
        // Link rows need a suggestion, so the entity tables alone tell.
        Ok(!is_blank(&self.conn, Blank::Records)?)
    }

    /// Runs `f` as one all-or-nothing load. During the load the store uses a rollback journal instead of the
    /// WAL: pages that are new need no journal copy, so each page is written once instead of twice (WAL, then
    /// checkpoint). The secondary indices are dropped first and built again at the end, in the same
    /// transaction, from their own stored definitions: one sort per index instead of a million scattered
    /// inserts. The WAL comes back afterwards, whatever the outcome.
    pub fn bulk_load<R>(&mut self, f: impl FnOnce(&mut BulkLoad<'_>) -> Result<R>) -> Result<R> {
        let _: String = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -LOAD_CACHE_KIB)?;
        let result = self.load_in_transaction(f);
        let restored = self.restore_after_load();
        let r = result?;
        restored?;
        Ok(r)
    }

    fn load_in_transaction<R>(
        &mut self,
        f: impl FnOnce(&mut BulkLoad<'_>) -> Result<R>,
    ) -> Result<R> {
        let tx = self.conn.transaction()?;
        let indices = secondary_indices(&tx)?;
        for (name, _) in &indices {
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        }
        // The triggers that keep follow-up facts would search tables whose indices are gone, once per row;
        // they are set aside and the facts computed once at the end instead.
        let triggers = schema_objects(&tx, "trigger")?;
        for (name, _) in &triggers {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
        }
        let r = {
            let mut b = BulkLoad {
                conn: &tx,
                rules: &self.rules,
            };
            f(&mut b)?
        };
        super::measures::fill_missing(&tx)?;
        for (_, sql) in &indices {
            tx.execute_batch(sql)?;
        }
        tx.execute_batch(super::schema::REFRESH_FOLLOW_UP_FACTS)?;
        tx.execute_batch(super::schema::REBUILD_SEARCH)?;
        for (_, sql) in &triggers {
            tx.execute_batch(sql)?;
        }
        tx.commit()?;
        Ok(r)
    }

    fn restore_after_load(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -2000)?;
        self.conn.busy_timeout(Duration::from_secs(5))?;
        let _: String = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        Ok(())
    }
}

/// Name and definition of every schema object of `kind` (e.g. trigger).
fn schema_objects(conn: &Connection, kind: &str) -> Result<Vec<(String, String)>> {
    let mut q = conn.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = ?1 AND sql IS NOT NULL ORDER BY name",
    )?;
    let rows = q.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Name and definition of every index created by a migration (not the automatic ones behind UNIQUE and
/// PRIMARY KEY, which have no SQL and stay).
fn secondary_indices(conn: &Connection) -> Result<Vec<(String, String)>> {
    let tables = tables();
    let placeholders = vec!["?"; tables.len()].join(", ");
    let mut q = conn.prepare(&format!(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
         AND tbl_name IN ({placeholders}) ORDER BY name"
    ))?;
    let rows = q.query_map(params_from_iter(tables), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes inside the load's transaction. Links are written explicitly ([`BulkLoad::link_case`],
/// [`BulkLoad::copy_to`]), not from the record's lists.
pub struct BulkLoad<'a> {
    conn: &'a Connection,
    rules: &'a Rules,
}

impl BulkLoad<'_> {
    pub fn rules(&self) -> &Rules {
        self.rules
    }

    /// Inserts a record as it is (normalized, not validated, no change-log row); returns its id.
    pub fn insert<T: Record>(&mut self, rec: &mut T) -> Result<i64> {
        rec.normalize();
        let marks = vec!["?"; T::COLUMNS.len()].join(", ");
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({marks})",
            T::TABLE,
            T::COLUMNS.join(", ")
        );
        self.conn
            .prepare_cached(&sql)?
            .execute(params_from_iter(rec.values(self.rules)))?;
        let id = self.conn.last_insert_rowid();
        rec.set_meta(id, 1);
        Ok(id)
    }

    /// Links a suggestion to a case it was written for.
    pub fn link_case(&mut self, suggestion: i64, case: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO suggestion_cases (suggestion_id, case_id) VALUES (?1, ?2)",
            )?
            .execute(params![suggestion, case])?;
        Ok(())
    }

    /// Records a unit a suggestion was copied to.
    pub fn copy_to(&mut self, suggestion: i64, unit: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO suggestion_copies (suggestion_id, unit_id) VALUES (?1, ?2)",
            )?
            .execute(params![suggestion, unit])?;
        Ok(())
    }
}
