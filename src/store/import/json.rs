//! Reading a yufang JSON export back, streamed record by record (a million suggestions never sit in memory),
//! with the line of each record for the report.
//!
//! Ids and versions are kept, so an export imported into an empty store exports again byte for byte (apart
//! from the export time). Into an empty store, the file's change log replaces the import's own log rows; into
//! a store with history, the file's log is left out (and said so) and every imported record is logged as an
//! insert. A record whose id is already taken counts as a duplicate only if it is the same record (same
//! name, case number, document number or plan year); otherwise the import reports the clash.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::rc::Rc;

use serde::de::{
    DeserializeOwned, DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{OnDuplicate, Run, error_issues, id_exists, insert_with_id};
use crate::domain::{Activity, Case, FollowUp, Plan, Suggestion, Unit};
use crate::i18n::K;
use crate::store::error::{Result, StoreError};
use crate::store::export::{FORMAT_NAME, FORMAT_VERSION};
use crate::store::record::{Record, get_in, insert_in, update_in};
use crate::store::schema_version;

/// A reader that counts the newlines and bytes serde_json has consumed (it reads one byte at a time).
struct Counting<R> {
    inner: R,
    newlines: Rc<Cell<u64>>,
    bytes: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let nl = buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        self.newlines.set(self.newlines.get() + nl);
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }
}

/// What makes a record the same record in another store, when it has such a thing.
pub(crate) trait Keyed {
    fn natural_key(&self) -> Option<String>;
}
impl Keyed for Unit {
    fn natural_key(&self) -> Option<String> {
        Some(self.name.trim().to_string())
    }
}
impl Keyed for Case {
    fn natural_key(&self) -> Option<String> {
        Some(self.case_no.trim().to_string())
    }
}
impl Keyed for Suggestion {
    fn natural_key(&self) -> Option<String> {
        self.doc_no.clone()
    }
}
impl Keyed for Plan {
    fn natural_key(&self) -> Option<String> {
        Some(self.year.to_string())
    }
}
impl Keyed for FollowUp {
    fn natural_key(&self) -> Option<String> {
        None
    }
}
impl Keyed for Activity {
    fn natural_key(&self) -> Option<String> {
        None
    }
}

/// One change-log row as exported.
#[derive(Clone, Debug, serde::Serialize, Deserialize)]
pub(crate) struct LogEntry {
    pub id: i64,
    pub at: String,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

struct State<'s, 'a> {
    run: &'s mut Run<'a>,
    file: String,
    newlines: Rc<Cell<u64>>,
    bytes: Rc<Cell<u64>>,
    tick: &'s mut dyn FnMut(u64),
    /// The store had no records and no history when this file started: take the file's log over.
    restore_log: bool,
    log_cleared: bool,
    log_skipped: usize,
    saw_format: bool,
    seen: u64,
    /// A store failure that ended the parse.
    fatal: Option<StoreError>,
    /// A problem that makes reading on pointless (not an export, too new).
    stop: bool,
    /// Records refused so far, so a record that only fails for pointing at one is not reported again.
    refused: HashSet<(K, i64)>,
}

pub(crate) fn import_json<R: Read>(
    run: &mut Run<'_>,
    reader: R,
    shown: &str,
    tick: &mut dyn FnMut(u64),
) -> Result<()> {
    let lang = run.lang();
    let newlines = Rc::new(Cell::new(0));
    let bytes = Rc::new(Cell::new(0));
    let reader = Counting {
        inner: reader,
        newlines: newlines.clone(),
        bytes: bytes.clone(),
    };
    let restore_log = store_is_empty(run.conn)?;
    let mut st = State {
        run,
        file: shown.to_string(),
        newlines,
        bytes,
        tick,
        restore_log,
        log_cleared: false,
        log_skipped: 0,
        saw_format: false,
        seen: 0,
        fatal: None,
        stop: false,
        refused: HashSet::new(),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let res = Top { st: &mut st }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Some(e) = st.fatal.take() {
        return Err(e);
    }
    match res {
        Err(_) if st.stop => {}
        Err(e) => {
            let text = e.to_string();
            // serde_json appends " at line L column C"; the report puts the place in front instead.
            let msg = text
                .rsplit_once(" at line ")
                .map_or(text.as_str(), |(m, _)| m)
                .to_string();
            let (line, col) = (e.line() as u64, e.column());
            let column = (col > 0).then_some(col);
            st.run.problem(
                shown,
                (line > 0).then_some(line),
                column,
                lang.f(K::ImpBadJson, &[&msg]),
            );
        }
        Ok(()) if !st.saw_format => {
            st.run
                .problem(shown, None, None, lang.t(K::ImpNotExport).to_string());
        }
        Ok(()) => {}
    }
    if st.log_skipped > 0 {
        let msg = lang.f(K::ImpLogNotRestored, &[&st.log_skipped]);
        st.run.note(shown, None, None, msg);
    }
    (st.tick)(st.bytes.get());
    Ok(())
}

/// No records and no history: a fresh store.
fn store_is_empty(conn: &rusqlite::Connection) -> Result<bool> {
    use crate::store::entity::{Blank, is_blank};
    Ok(is_blank(conn, Blank::RecordsAndHistory)?)
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Units,
    Cases,
    Suggestions,
    FollowUps,
    Activities,
    Plans,
    Log,
}

impl State<'_, '_> {
    fn line(&self) -> u64 {
        self.newlines.get() + 1
    }

    fn problem(&mut self, line: u64, message: String) {
        let file = self.file.clone();
        self.run.problem(&file, Some(line), None, message);
    }

    fn header(&mut self, key: &str, v: &Value) {
        let lang = self.run.lang();
        let line = self.line();
        match key {
            "format" => {
                self.saw_format = true;
                if v.as_str() != Some(FORMAT_NAME) {
                    self.problem(line, lang.t(K::ImpNotExport).to_string());
                    self.stop = true;
                }
            }
            "format_version" => {
                let found = v.as_i64().unwrap_or(i64::MAX);
                if found > i64::from(FORMAT_VERSION) || found < 1 {
                    self.problem(line, lang.f(K::ImpFormatTooNew, &[&v, &FORMAT_VERSION]));
                    self.stop = true;
                }
            }
            "schema_version" => {
                let found = v.as_i64().unwrap_or(i64::MAX);
                if found > schema_version() {
                    self.problem(line, lang.f(K::ImpSchemaTooNew, &[&v, &schema_version()]));
                    self.stop = true;
                }
            }
            _ => {}
        }
    }

    fn element(&mut self, kind: Kind, v: Value, line: u64) -> Result<()> {
        self.seen += 1;
        if self.seen.is_multiple_of(256) {
            (self.tick)(self.bytes.get());
        }
        match kind {
            Kind::Units => self.record::<Unit>(v, line),
            Kind::Cases => self.record::<Case>(v, line),
            Kind::Suggestions => self.record::<Suggestion>(v, line),
            Kind::FollowUps => self.record::<FollowUp>(v, line),
            Kind::Activities => self.record::<Activity>(v, line),
            Kind::Plans => self.record::<Plan>(v, line),
            Kind::Log => self.log_entry(v, line),
        }
    }

    fn record<T: Record + DeserializeOwned + Keyed>(&mut self, v: Value, line: u64) -> Result<()> {
        let lang = self.run.lang();
        let id = v.get("id").and_then(Value::as_i64).unwrap_or(0);
        let who = format!("{} #{id}", lang.t(T::ENTITY));
        let mut rec: T = match serde_json::from_value(v) {
            Ok(r) => r,
            Err(e) => {
                self.refused.insert((T::ENTITY, id));
                self.problem(line, lang.f(K::ImpRecordProblem, &[&who, &e]));
                return Ok(());
            }
        };
        let (conn, rules, today) = (self.run.conn, self.run.rules, self.run.today);
        let mut update = false;
        if id > 0 && id_exists(conn, T::TABLE, id)? {
            let stored: T = get_in(conn, id)?;
            if let (Some(a), Some(b)) = (rec.natural_key(), stored.natural_key())
                && a != b
            {
                self.refused.insert((T::ENTITY, id));
                self.problem(line, lang.f(K::ImpIdClash, &[&who, &a, &b]));
                return Ok(());
            }
            match self.run.opts.on_duplicate {
                OnDuplicate::Skip => {
                    let file = self.file.clone();
                    self.run.note(
                        &file,
                        Some(line),
                        None,
                        lang.f(K::ImpDupSkipped, &[&lang.t(T::ENTITY), &format!("#{id}")]),
                    );
                    self.run.report.count(T::ENTITY).skipped += 1;
                    return Ok(());
                }
                OnDuplicate::Update => {
                    let file = self.file.clone();
                    self.run.note(
                        &file,
                        Some(line),
                        None,
                        lang.f(K::ImpDupUpdated, &[&lang.t(T::ENTITY), &format!("#{id}")]),
                    );
                    rec.set_meta(id, stored.version());
                    update = true;
                }
            }
        }
        let res = if update {
            update_in(conn, rules, today, &mut rec)
        } else if id > 0 {
            insert_with_id(conn, rules, today, &mut rec, true)
        } else {
            insert_in(conn, rules, today, &mut rec).map(|_| ())
        };
        match res {
            Ok(()) => {
                let c = self.run.report.count(T::ENTITY);
                if update {
                    c.updated += 1;
                } else {
                    c.added += 1;
                }
            }
            Err(e @ StoreError::Sqlite(_)) => return Err(e),
            Err(e) => {
                self.refused.insert((T::ENTITY, id));
                let follows = matches!(e, StoreError::NotFound { entity, id }
                    if self.refused.contains(&(entity, id)));
                if !follows {
                    for (_, m) in error_issues(&e, lang, |_| None) {
                        self.problem(line, lang.f(K::ImpRecordProblem, &[&who, &m]));
                    }
                }
            }
        }
        Ok(())
    }

    fn log_entry(&mut self, v: Value, line: u64) -> Result<()> {
        if !self.restore_log {
            self.log_skipped += 1;
            return Ok(());
        }
        let lang = self.run.lang();
        let e: LogEntry = match serde_json::from_value(v) {
            Ok(e) => e,
            Err(err) => {
                let who = lang.t(K::DataChangeLog).to_string();
                self.problem(line, lang.f(K::ImpRecordProblem, &[&who, &err]));
                return Ok(());
            }
        };
        if !self.log_cleared {
            // Everything in the log so far was written by this import into an empty store: the file's own
            // history replaces it.
            self.run.conn.execute("DELETE FROM change_log", [])?;
            self.log_cleared = true;
        }
        let before = e.before.as_ref().map(serde_json::to_string).transpose()?;
        let after = e.after.as_ref().map(serde_json::to_string).transpose()?;
        let res = self.run.conn.prepare_cached(
            "INSERT INTO change_log (id, at, entity, entity_id, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(rusqlite::params![e.id, e.at, e.entity, e.entity_id, e.action, before, after]);
        match res {
            Ok(_) => self.run.report.log_restored += 1,
            Err(err) => {
                let who = lang.t(K::DataChangeLog).to_string();
                self.problem(line, lang.f(K::ImpRecordProblem, &[&who, &err]));
            }
        }
        Ok(())
    }
}

/// The top-level object of an export.
struct Top<'t, 's, 'a> {
    st: &'t mut State<'s, 'a>,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a yufang export (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let kind = match key.as_str() {
                "units" => Kind::Units,
                "cases" => Kind::Cases,
                "suggestions" => Kind::Suggestions,
                "follow_ups" => Kind::FollowUps,
                "activities" => Kind::Activities,
                "plans" => Kind::Plans,
                "change_log" => Kind::Log,
                "format" | "format_version" | "schema_version" => {
                    let v: Value = map.next_value()?;
                    self.st.header(&key, &v);
                    if self.st.stop {
                        return Err(A::Error::custom("stop"));
                    }
                    continue;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            map.next_value_seed(Array {
                st: &mut *self.st,
                kind,
            })?;
        }
        Ok(())
    }
}

/// One array of records, handed over one element at a time.
struct Array<'t, 's, 'a> {
    st: &'t mut State<'s, 'a>,
    kind: Kind,
}

impl<'de> DeserializeSeed<'de> for Array<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Array<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> std::result::Result<(), S::Error> {
        while let Some(v) = seq.next_element::<Value>()? {
            // The record has just been read up to its closing brace: its last line.
            let line = self.st.line();
            if let Err(e) = self.st.element(self.kind, v, line) {
                self.st.fatal = Some(e);
                return Err(S::Error::custom("store failure"));
            }
        }
        Ok(())
    }
}
