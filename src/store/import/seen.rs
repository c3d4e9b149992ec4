//! The natural keys an import has met, with the file and line of each, to catch a row that appears twice.
//! There is one key per row of every sheet, so for a file of millions of rows they are moved out of memory
//! into a scratch SQLite table once there are many of them.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::ledger::columns::Sheet;
use crate::store::error::Result;

/// Keys kept in memory before they are moved to the scratch table: enough for an office's own files (and
/// the 138,000 rows of the benchmark) to never touch it, few enough to stay within tens of MiB.
const MEM_KEYS: usize = 200_000;
/// The same bound on the bytes of the keys themselves (a suggestion without a number is keyed by its
/// title and recipient).
const MEM_KEY_BYTES: usize = 16 * 1024 * 1024;

/// Where a key was first met: the file (its index among the import's files) and line.
pub(crate) type Place = (usize, u64);

#[derive(Default)]
pub(crate) struct Seen {
    mem: HashMap<(Sheet, Box<str>), Place>,
    mem_bytes: usize,
    /// Keys moved out of memory. A private connection whose temporary tables live in a file SQLite
    /// deletes itself, so nothing is left behind and the store's own connection is not touched.
    disk: Option<Connection>,
}

impl Seen {
    /// Where `key` was met before in this import; when it was not, it is recorded at `at`.
    pub fn first(&mut self, sheet: Sheet, key: &str, at: Place) -> Result<Option<Place>> {
        let k = (sheet, Box::<str>::from(key));
        if let Some(&p) = self.mem.get(&k) {
            return Ok(Some(p));
        }
        if let Some(db) = &self.disk {
            let found = db
                .prepare_cached("SELECT file, line FROM temp.seen WHERE sheet = ?1 AND key = ?2")?
                .query_row(params![sheet as i64, key], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })
                .optional()?;
            if let Some((file, line)) = found {
                return Ok(Some((
                    usize::try_from(file).unwrap_or(usize::MAX),
                    u64::try_from(line).unwrap_or(0),
                )));
            }
        }
        self.mem_bytes += key.len();
        self.mem.insert(k, at);
        if self.mem.len() >= MEM_KEYS || self.mem_bytes >= MEM_KEY_BYTES {
            self.spill()?;
        }
        Ok(None)
    }

    /// Moves the keys in memory to the scratch table (the map keeps its capacity for the next ones).
    fn spill(&mut self) -> Result<()> {
        let db = match self.disk.take() {
            Some(db) => db,
            None => {
                let db = Connection::open_in_memory()?;
                // `temp_store` must be FILE for the table to go to disk: the bundled SQLite keeps
                // temporary tables in memory by default.
                db.execute_batch(
                    "PRAGMA temp_store = FILE;
                     CREATE TEMP TABLE seen (
                         sheet INTEGER NOT NULL, key TEXT NOT NULL, file INTEGER NOT NULL,
                         line INTEGER NOT NULL, PRIMARY KEY (sheet, key)) WITHOUT ROWID;",
                )?;
                db
            }
        };
        {
            let tx = db.unchecked_transaction()?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO temp.seen (sheet, key, file, line) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut keys: Vec<_> = self.mem.drain().collect();
            // In key order the B-tree fills from one end instead of touching pages all over.
            keys.sort_unstable();
            for ((sheet, key), (file, line)) in keys {
                let file = i64::try_from(file).unwrap_or(i64::MAX);
                let line = i64::try_from(line).unwrap_or(i64::MAX);
                insert.execute(params![sheet as i64, &*key, file, line])?;
            }
            drop(insert);
            tx.commit()?;
        }
        self.mem_bytes = 0;
        self.disk = Some(db);
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_again_after_moving_to_disk() {
        let mut seen = Seen::default();
        let n = MEM_KEYS as u64 * 2 + 10;
        for i in 0..n {
            let key = format!("X检建〔2026〕{i}号");
            assert_eq!(
                seen.first(Sheet::Suggestions, &key, (1, i + 2)).unwrap(),
                None
            );
        }
        assert!(seen.disk.is_some(), "the keys never left memory");
        assert!(seen.mem.len() < MEM_KEYS);
        for i in [0, 1, MEM_KEYS as u64, n - 1] {
            let key = format!("X检建〔2026〕{i}号");
            assert_eq!(
                seen.first(Sheet::Suggestions, &key, (2, 1)).unwrap(),
                Some((1, i + 2))
            );
            // The same text is another key in another sheet.
            assert_eq!(seen.first(Sheet::Cases, &key, (3, 7)).unwrap(), None);
            assert_eq!(
                seen.first(Sheet::Cases, &key, (4, 9)).unwrap(),
                Some((3, 7))
            );
        }
    }
}
