//! Backups and restore with SQLite's online backup API, so a copy is consistent even while the store is open.
//!
//! Backups live in `backups/` next to the store file, named `<store stem>-YYYYMMDD-HHMMSS.db` (local time).
//! The automatic one is made when the newest is more than a day old, and only the newest `backup_keep`
//! (a setting, default 10; 0 switches automatic backups off) are kept. The copy a restore keeps of the store
//! it replaces is named `<stem>-before-restore-YYYYMMDD-HHMMSS.db` and is never pruned.
//!
//! The live app makes its daily backup at a [`Pace::Gentle`] pace beside the user, and a marker file
//! (`backups/.<stem>-backup-attempt`) both keeps a second copy of the same store from running at once and
//! remembers a copy cut short by quitting the app: see [`auto_backup_paced_at`].

use std::ffi::c_int;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate, NaiveDateTime};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, ffi};

use super::Store;
use super::export::{DataError, DataResult};
use crate::i18n::K;

mod restore;

pub use restore::{Restored, restore};

const STAMP: &str = "%Y%m%d-%H%M%S";

/// The folder backups of `store` go to: `backups/` beside the store file.
pub fn backup_dir(store: &Store) -> PathBuf {
    let parent = store
        .path()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join("backups")
}

fn stem(store: &Store) -> String {
    store.path().file_stem().map_or_else(
        || "yufang".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The regular backups of this store, oldest first, with the time in their names.
pub fn list_backups(store: &Store) -> DataResult<Vec<(NaiveDateTime, PathBuf)>> {
    let dir = backup_dir(store);
    let prefix = format!("{}-", stem(store));
    let mut out = Vec::new();
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(at) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".db"))
            .and_then(parse_stamp)
        {
            out.push((at, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// `20260601-093000` or `20260601-093000-2` (a second backup in the same second).
fn parse_stamp(s: &str) -> Option<NaiveDateTime> {
    let (stamp, rest) = (s.get(..15)?, s.get(15..)?);
    if !(rest.is_empty()
        || rest
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
    {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP).ok()
}

/// How fast a copy runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// In one go: someone waits for it (`yufang backup`, the palette, the backup before an import).
    Full,
    /// In steps with a rest after each, so that the daily backup of a large store barely shows beside the
    /// live app. A store smaller than one step is still copied in one go.
    Gentle,
}

/// Pages per step of a gentle copy: 16 MiB at SQLite's default 4 KiB page, so a county office's store of a
/// few MB is copied in one step, without a rest.
const GENTLE_PAGES: c_int = 4096;
/// A gentle copy rests this many times as long as its last step took, so it uses at most about a tenth of
/// one core whatever the disk and processor (a 1 GB store: 20-40 s instead of ~2.5 s at full speed).
const REST_FACTOR: u32 = 9;
/// A file lock another program holds is waited for this long between tries, then given up on.
const BUSY_WAIT: Duration = Duration::from_millis(100);
const BUSY_TRIES: u32 = 50;

/// Copies the open store into `dst` (made atomically: a half-written copy never carries the name), as one
/// self-contained file (rollback journal, no `-wal` beside it).
pub fn backup_to(store: &Store, dst: &Path) -> DataResult<()> {
    copy_to(store, dst, -1, &mut std::thread::sleep)
}

/// [`backup_to`] in steps of `pages` (-1: all), calling `rest` between steps with the time to rest.
fn copy_to(
    store: &Store,
    dst: &Path,
    pages: c_int,
    rest: &mut dyn FnMut(Duration),
) -> DataResult<()> {
    if let Some(parent) = dst.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::outfile::create_private_dir(parent)?;
    }
    let name = dst
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dst.with_file_name(format!(".{name}.part"));
    // A copy cut short (the app quit while it ran) leaves its file and journal; neither is worth keeping.
    let _ = fs::remove_file(&tmp);
    let _ = fs::remove_file(tmp.with_file_name(format!(".{name}.part-journal")));
    let res = (|| -> DataResult<()> {
        // Made private before SQLite opens it; SQLite gives its journal the same mode.
        drop(crate::outfile::create_private(&tmp)?);
        let mut out = Connection::open(&tmp)?;
        // The copy's own commit is synced, so a backup that was reported made is on the disk.
        out.pragma_update(None, "synchronous", "FULL")?;
        copy_pages(&store.conn, &mut out, pages, rest)?;
        out.pragma_update(None, "journal_mode", "DELETE")?;
        drop(out);
        fs::rename(&tmp, dst)?;
        crate::outfile::sync_dir(dst);
        Ok(())
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res
}

fn copy_pages(
    src: &Connection,
    out: &mut Connection,
    pages: c_int,
    rest: &mut dyn FnMut(Duration),
) -> DataResult<()> {
    // One read transaction for the whole copy, so the copy is the store as it was when the copy began.
    // Without it every step reads afresh, and SQLite starts the copy over from the first page whenever
    // another connection (the app saving a record) wrote in between: a slow copy beside a working user
    // might never end. In WAL mode this open read does not hold up the user's writes.
    let snapshot = if src.is_autocommit() {
        // Deferred: a read, which must not take the write lock the store's own transactions ask for.
        let tx =
            rusqlite::Transaction::new_unchecked(src, rusqlite::TransactionBehavior::Deferred)?;
        tx.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        Some(tx)
    } else {
        None
    };
    let b = Backup::new(src, out)?;
    let mut busy = 0;
    loop {
        let started = Instant::now();
        match b.step(pages)? {
            StepResult::Done => break,
            StepResult::Busy | StepResult::Locked => {
                busy += 1;
                if busy > BUSY_TRIES {
                    let e = ffi::Error::new(ffi::SQLITE_BUSY);
                    return Err(rusqlite::Error::SqliteFailure(e, None).into());
                }
                rest(BUSY_WAIT);
            }
            _ => {
                busy = 0;
                rest(started.elapsed() * REST_FACTOR);
            }
        }
    }
    drop(b);
    if let Some(tx) = snapshot {
        tx.rollback()?;
    }
    Ok(())
}

/// A backup into `backups/` now, then the old ones beyond `backup_keep` are removed.
pub fn backup_now(store: &Store) -> DataResult<PathBuf> {
    backup_at(
        store,
        Local::now().naive_local(),
        -1,
        &mut std::thread::sleep,
    )
}

fn backup_at(
    store: &Store,
    now: NaiveDateTime,
    pages: c_int,
    rest: &mut dyn FnMut(Duration),
) -> DataResult<PathBuf> {
    // A damaged store is never copied into the rotation: its copy would push a good backup out.
    if let Some(problem) = integrity_problem(store, pages > 0)? {
        return Err(DataError::refused(
            K::BakDamaged,
            &[&store.path().display(), &problem],
        ));
    }
    let dir = backup_dir(store);
    let base = format!("{}-{}", stem(store), now.format(STAMP));
    let mut path = dir.join(format!("{base}.db"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.db"));
        n += 1;
    }
    copy_to(store, &path, pages, rest)?;
    prune(store)?;
    Ok(path)
}

/// The first problem `PRAGMA integrity_check` finds in the store, if any. `gentle`: resting as a gentle
/// copy does ([`REST_FACTOR`] times the time worked), so the daily check of a large archive beside the live
/// app uses about a tenth of one core.
pub fn integrity_problem(store: &Store, gentle: bool) -> DataResult<Option<String>> {
    // A connection of its own, which may carry a progress handler; SQLite shares the file's locks
    // between the connections of one process.
    let mut conn = Connection::open_with_flags(
        store.path(),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if gentle {
        let mut worked_since = Instant::now();
        conn.progress_handler(
            100_000,
            Some(move || {
                std::thread::sleep(worked_since.elapsed() * REST_FACTOR);
                worked_since = Instant::now();
                false
            }),
        )?;
    }
    let found = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get::<_, String>(0));
    match found {
        Ok(s) if s == "ok" => Ok(None),
        Ok(s) => Ok(Some(s)),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            Ok(Some(e.to_string()))
        }
        Err(e) => Err(e.into()),
    }
}

/// The copies a restore kept of the store it replaced, oldest first.
fn list_before_restore(store: &Store) -> DataResult<Vec<(NaiveDateTime, PathBuf)>> {
    let prefix = format!("{}-before-restore-", stem(store));
    let mut out = Vec::new();
    let entries = match fs::read_dir(backup_dir(store)) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(at) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".db"))
            .and_then(parse_stamp)
        {
            out.push((at, entry.path()));
        }
    }
    Ok(out)
}

/// Removes the oldest copies (backups and before-restore copies together) beyond `backup_keep` (none when
/// it is 0). Only called right after a copy of a store that passed `integrity_check` was made, and the
/// newest copy is always kept, so the newest sound backup is never removed.
fn prune(store: &Store) -> DataResult<()> {
    let keep = store.rules.settings.backup_keep as usize;
    if keep == 0 {
        return Ok(());
    }
    let regular = list_backups(store)?;
    // Regular backups are made only of a store that passed integrity_check; a before-restore copy may be
    // of a damaged one. So the newest regular backup stays even when newer copies fill backup_keep.
    let newest_sound = regular.last().map(|(_, p)| p.clone());
    let mut all = regular;
    all.extend(list_before_restore(store)?);
    all.sort();
    let extra = all.len().saturating_sub(keep);
    for (_, path) in all.into_iter().take(extra) {
        if Some(&path) != newest_sound.as_ref() {
            fs::remove_file(path)?;
        }
    }
    Ok(())
}

/// The start-up backup: made when the newest backup is more than a day old (or there is none), unless
/// `backup_keep` is 0 or the store holds nothing yet. Returns the new file, if one was made. At full speed:
/// for commands that write, which wait for it.
pub fn auto_backup(store: &Store) -> DataResult<Option<PathBuf>> {
    auto_backup_at(store, Local::now().naive_local())
}

/// [`auto_backup`] at the gentle pace, for the live app, which runs it beside the user.
pub fn auto_backup_gently(store: &Store) -> DataResult<Option<PathBuf>> {
    auto_backup_paced_at(store, Local::now().naive_local(), Pace::Gentle)
}

/// [`auto_backup`] with the clock given (tests).
pub fn auto_backup_at(store: &Store, now: NaiveDateTime) -> DataResult<Option<PathBuf>> {
    auto_backup_paced_at(store, now, Pace::Full)
}

/// The daily backup at `pace` with the clock given.
///
/// A copy cut short (the user quit the app while a gentle copy ran) cannot be resumed: SQLite's online
/// backup always starts at the first page, and pages copied earlier may have changed since. Starting over
/// on every start would make short sessions each pay for a copy they never finish. So the marker file keeps
/// the day of an unfinished attempt: a gentle backup does not start again that day (its stale partial copy
/// is removed), and the next day's attempt runs at full speed, a few seconds of one core, so that someone
/// whose sessions are always short still gets a backup at least every other day. A backup at full speed
/// (before an import) always runs. While a copy runs the marker is locked, and no second copy starts.
pub fn auto_backup_paced_at(
    store: &Store,
    now: NaiveDateTime,
    pace: Pace,
) -> DataResult<Option<PathBuf>> {
    auto_backup_with(store, now, pace, GENTLE_PAGES, &mut std::thread::sleep)
}

fn auto_backup_with(
    store: &Store,
    now: NaiveDateTime,
    pace: Pace,
    gentle_pages: c_int,
    rest: &mut dyn FnMut(Duration),
) -> DataResult<Option<PathBuf>> {
    if store.rules.settings.backup_keep == 0
        || store_is_blank(&store.conn)?
        || is_recent(store, now)?
    {
        return Ok(None);
    }
    let Some(mut attempt) = Attempt::begin(store)? else {
        return Ok(None);
    };
    // Checked again under the lock: a copy by another start may have ended since the first look.
    if is_recent(store, now)? {
        return Ok(None);
    }
    remove_parts(store)?;
    let pages = match (attempt.unfinished_on()?, pace) {
        // The marker stays, still saying today.
        (Some(day), Pace::Gentle) if day == now.date() => return Ok(None),
        (Some(_), _) | (None, Pace::Full) => -1,
        (None, Pace::Gentle) => gentle_pages,
    };
    attempt.mark(now.date())?;
    let made = backup_at(store, now, pages, rest);
    // A failure is no interruption: the next start tries again and reports it again, as before.
    attempt.end()?;
    made.map(Some)
}

/// Whether the newest backup is less than a day old.
fn is_recent(store: &Store, now: NaiveDateTime) -> DataResult<bool> {
    Ok(list_backups(store)?
        .last()
        .is_some_and(|(newest, _)| (now - *newest).num_seconds().abs() < 24 * 3600))
}

/// The marker of a daily backup, locked while its copy runs; the lock goes with the process, so a marker
/// found unlocked with a day in it is an attempt cut short.
struct Attempt {
    path: PathBuf,
    file: File,
}

impl Attempt {
    /// Takes the marker, or `None` when another copy of this store runs now.
    fn begin(store: &Store) -> DataResult<Option<Attempt>> {
        let path = marker_path(store);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Attempt { path, file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }

    /// The day an earlier attempt began and did not finish. A marker that cannot be read as a day counts as
    /// unfinished on an unknown day.
    fn unfinished_on(&mut self) -> DataResult<Option<NaiveDate>> {
        let mut text = String::new();
        self.file.read_to_string(&mut text)?;
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        Ok(Some(
            NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or(NaiveDate::MIN),
        ))
    }

    fn mark(&mut self, day: NaiveDate) -> DataResult<()> {
        self.file.set_len(0)?;
        self.file.rewind()?;
        writeln!(self.file, "{}", day.format("%Y-%m-%d"))?;
        Ok(())
    }

    /// The copy ended (made or failed): no marker is left behind.
    fn end(self) -> DataResult<()> {
        drop(self.file);
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}

fn marker_path(store: &Store) -> PathBuf {
    backup_dir(store).join(format!(".{}-backup-attempt", stem(store)))
}

/// Removes the partial copies automatic backups left behind (this version's cut short, or any earlier
/// version's, which started over on every start). Called under the marker's lock, so none is being
/// written now by another daily backup.
fn remove_parts(store: &Store) -> DataResult<()> {
    let prefix = format!(".{}-", stem(store));
    let entries = match fs::read_dir(backup_dir(store)) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = name.strip_prefix(&prefix).is_some_and(|r| {
            r.strip_suffix(".db.part")
                .or_else(|| r.strip_suffix(".db.part-journal"))
                .and_then(parse_stamp)
                .is_some()
        });
        if stale {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn store_is_blank(conn: &Connection) -> DataResult<bool> {
    use super::entity::{Blank, is_blank};
    Ok(is_blank(conn, Blank::RecordsAndHistory)?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::panic::{AssertUnwindSafe, catch_unwind};

    use super::*;
    use crate::domain::{HolidayTable, Rules, Settings, Unit};

    fn open(path: &Path) -> Store {
        let rules = Rules::new(Settings::default(), HolidayTable::builtin());
        Store::open(path, rules, NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()).unwrap()
    }

    /// A store with a few units, in a folder of its own.
    fn office() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("y.db"));
        for name in ["清源县交通运输局", "清源县教育局", "清源县民政局"] {
            store.insert(&mut Unit::new(name)).unwrap();
        }
        (dir, store)
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn parts(store: &Store) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(backup_dir(store))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".db.part"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_user_saving_during_a_slow_copy_neither_waits_nor_makes_it_start_over() {
        let (dir, store) = office();
        let mut user = open(&dir.path().join("y.db"));
        // A writer that waited for the copy would fail at once instead of hanging the test.
        user.conn.busy_timeout(Duration::ZERO).unwrap();
        let pages: u32 = store
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .unwrap();
        assert!(pages > 10, "{pages} pages: too few steps to prove anything");
        let copy = dir.path().join("copy.db");
        let mut saves = 0;
        copy_to(&store, &copy, 1, &mut |_| {
            // Each write by another connection would send an unpinned copy back to the first page.
            assert!(saves < 10 * pages, "the copy keeps starting over");
            saves += 1;
            user.insert(&mut Unit::new(&format!("单位{saves}")))
                .unwrap();
        })
        .unwrap();
        assert_eq!(saves, pages - 1, "one rest between each two one-page steps");
        // The copy is the store as it was when the copy began; the saves are in the store.
        assert_eq!(open(&copy).units().unwrap().len(), 3);
        assert_eq!(store.units().unwrap().len(), 3 + saves as usize);
    }

    #[test]
    fn a_copy_cut_short_is_not_started_again_that_day_and_runs_at_full_speed_the_next() {
        let (_dir, store) = office();
        // The user quits the app during the first rest of the day's gentle copy.
        let quit = catch_unwind(AssertUnwindSafe(|| {
            auto_backup_with(&store, at("2026-06-01 08:00"), Pace::Gentle, 1, &mut |_| {
                panic!("the app quits")
            })
        }));
        assert!(quit.is_err());
        assert!(list_backups(&store).unwrap().is_empty());
        assert_eq!(parts(&store), vec![".y-20260601-080000.db.part"]);
        // A later start the same day makes no copy, and removes the partial one.
        let mut rests = 0;
        let again = auto_backup_with(&store, at("2026-06-01 17:00"), Pace::Gentle, 1, &mut |_| {
            rests += 1
        });
        assert_eq!(again.unwrap(), None);
        assert_eq!((rests, parts(&store)), (0, vec![]));
        assert!(marker_path(&store).exists());
        // The next day's copy goes at full speed: one step, no rest.
        let made = auto_backup_with(&store, at("2026-06-02 08:00"), Pace::Gentle, 1, &mut |_| {
            rests += 1
        });
        let made = made.unwrap().expect("a backup the next day");
        assert_eq!(rests, 0);
        assert_eq!(open(&made).units().unwrap().len(), 3);
        assert!(!marker_path(&store).exists());
        // Once one was made, the gentle pace is back.
        let made = auto_backup_with(&store, at("2026-06-03 08:00"), Pace::Gentle, 1, &mut |_| {
            rests += 1
        });
        assert!(made.unwrap().is_some());
        assert!(rests > 0);
        assert_eq!(
            fs::read_dir(backup_dir(&store)).unwrap().count(),
            2,
            "two backups, nothing else"
        );
    }

    #[test]
    fn a_backup_before_an_import_runs_even_after_a_gentle_copy_was_cut_short_that_day() {
        let (_dir, store) = office();
        let quit = catch_unwind(AssertUnwindSafe(|| {
            auto_backup_with(&store, at("2026-06-01 08:00"), Pace::Gentle, 1, &mut |_| {
                panic!("the app quits")
            })
        }));
        assert!(quit.is_err());
        let made = auto_backup_paced_at(&store, at("2026-06-01 09:00"), Pace::Full).unwrap();
        assert!(made.is_some_and(|p| p.ends_with("y-20260601-090000.db")));
        assert_eq!(parts(&store), Vec::<String>::new());
    }

    #[test]
    fn no_second_copy_starts_while_one_runs_and_its_partial_file_is_left_alone() {
        let (_dir, store) = office();
        let running = Attempt::begin(&store).unwrap().expect("the marker is free");
        let part = backup_dir(&store).join(".y-20260601-075900.db.part");
        fs::write(&part, "being written").unwrap();
        for pace in [Pace::Gentle, Pace::Full] {
            let made = auto_backup_paced_at(&store, at("2026-06-01 08:00"), pace).unwrap();
            assert_eq!(made, None, "{pace:?}");
        }
        assert!(part.exists());
        // Once that copy has ended, the next start makes one and clears what was left.
        running.end().unwrap();
        let made = auto_backup_paced_at(&store, at("2026-06-01 08:01"), Pace::Gentle).unwrap();
        assert!(made.is_some());
        assert!(!part.exists());
    }

    #[test]
    fn backup_names() {
        assert!(parse_stamp("20260601-093000").is_some());
        assert!(parse_stamp("20260601-093000-2").is_some());
        assert!(parse_stamp("before-restore-20260601-093000").is_none());
        assert!(parse_stamp("20260601-093000x").is_none());
        assert!(parse_stamp("2026").is_none());
    }
}
