//! The store: the write lock, kill -9 during an import, damaged, foreign and old stores, restore.

use std::time::{Duration, Instant};

use rusqlite::Connection;
use yufang::domain::Unit;

use super::*;
use crate::common::open;

#[test]
fn a_save_while_another_connection_holds_the_write_lock_succeeds_once_it_is_released() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    let mut store = open(&path, "2026-06-01");
    let told = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let t = told.clone();
    store.set_on_wait(Some(Box::new(move || {
        t.store(true, std::sync::atomic::Ordering::SeqCst)
    })));
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let holder = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        other.execute_batch("COMMIT").unwrap();
    });
    let started = Instant::now();
    store.insert(&mut Unit::new("清源县交通运输局")).unwrap();
    assert!(started.elapsed() >= Duration::from_millis(1000));
    assert!(
        told.load(std::sync::atomic::Ordering::SeqCst),
        "the wait was announced"
    );
    holder.join().unwrap();
    // Committed: another connection sees it, and the next save does not wait.
    assert_eq!(
        units_seen_by_another_connection(&path),
        ["清源县交通运输局"]
    );
    store.insert(&mut Unit::new("清源县教育局")).unwrap();
    assert_eq!(units_seen_by_another_connection(&path).len(), 2);
}

#[test]
fn kill_9_during_an_import_leaves_the_store_whole_and_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let csv = dir.path().join("units.csv");
    units_csv(&csv, 40_000);
    // One unit before, so the store exists and the import is the only writer.
    let mut store = open(&db, "2026-06-01");
    store.insert(&mut Unit::new("清源县交通运输局")).unwrap();
    drop(store);
    let mut child = bin()
        .args(["--db", &s(&db), "--today", "2026-06-01", "import", &s(&csv)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once the import is writing: its WAL has grown past the first pages.
    let wal = dir.path().join("y.db-wal");
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&wal).map_or(0, |m| m.len()) < 400_000 {
        assert!(
            Instant::now() < deadline,
            "the import never started writing"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended first"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(integrity(&db), "ok");
    let n = units_seen_by_another_connection(&db).len();
    assert!(n == 1 || n == 40_001, "{n} units: not all or nothing");
    // The store opens and works afterwards.
    let mut store = open(&db, "2026-06-01");
    store.insert(&mut Unit::new("清源县教育局")).unwrap();
}

#[test]
fn a_damaged_store_opens_read_only_and_is_never_backed_up_over_good_backups() {
    use yufang::store::backup::{auto_backup_at, list_backups};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let mut store = open(&db, "2026-06-01");
    for name in ["清源县交通运输局", "清源县教育局"] {
        store.insert(&mut Unit::new(name)).unwrap();
    }
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let settings = yufang::domain::Settings {
        backup_keep: 2,
        ..Default::default()
    };
    drop(store);
    let rules = yufang::domain::Rules::new(settings, yufang::domain::HolidayTable::builtin());
    let today = crate::common::d("2026-06-01");
    let store = yufang::store::Store::open(&db, rules.clone(), today).unwrap();
    auto_backup_at(&store, at("2026-06-01 08:00"))
        .unwrap()
        .unwrap();
    auto_backup_at(&store, at("2026-06-02 08:00"))
        .unwrap()
        .unwrap();
    let good: Vec<(std::path::PathBuf, Vec<u8>)> = list_backups(&store)
        .unwrap()
        .into_iter()
        .map(|(_, p)| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert_eq!(good.len(), 2);
    drop(store);

    corrupt_units_page(&db);
    let mut store = yufang::store::Store::open(&db, rules, today).unwrap();
    assert!(store.damaged().is_some(), "quick_check finds the damage");
    let e = store.insert(&mut Unit::new("清源县民政局")).unwrap_err();
    let msg = e.message(yufang::i18n::Lang::En);
    assert!(
        msg.contains("is damaged") && msg.contains("yufang restore"),
        "{msg}"
    );
    assert!(msg.contains(&s(&db)), "{msg}");
    // Day after day the daily backup is refused, and the two good backups stay.
    for day in ["2026-06-03 08:00", "2026-06-04 08:00", "2026-06-05 08:00"] {
        let e = auto_backup_at(&store, at(day)).unwrap_err();
        assert!(
            e.message(yufang::i18n::Lang::En)
                .contains("no backup was made")
        );
    }
    let now: Vec<(std::path::PathBuf, Vec<u8>)> = list_backups(&store)
        .unwrap()
        .into_iter()
        .map(|(_, p)| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert_eq!(now, good);
    // And the good backup restores it.
    yufang::store::backup::restore(&mut store, &good[1].0).unwrap();
    assert!(store.damaged().is_none());
    store.insert(&mut Unit::new("清源县民政局")).unwrap();
    assert_eq!(store.units().unwrap().len(), 3);
}

#[test]
fn a_foreign_sqlite_file_an_empty_file_and_a_text_file_are_refused_with_their_bytes_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other.db");
    {
        let c = Connection::open(&foreign).unwrap();
        // A user_version in range, as another program may well set.
        c.execute_batch(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x'); PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database at all, but long enough to have a header\n".repeat(20),
    )
    .unwrap();
    for (path, says) in [
        (&foreign, "another program's SQLite database"),
        (&empty, "it is an empty file"),
        (&text, "not an SQLite database"),
    ] {
        let before = std::fs::read(path).unwrap();
        let out = bin()
            .args(["--db", &s(path), "--today", "2026-06-01", "overdue"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", s(path));
        let err = stderr(&out);
        assert!(
            err.contains("is not a yufang store") && err.contains(says),
            "{err}"
        );
        assert_eq!(std::fs::read(path).unwrap(), before, "{} changed", s(path));
        let wal = std::path::PathBuf::from(format!("{}-wal", s(path)));
        assert!(!wal.exists(), "no WAL was made beside {}", s(path));
    }
    // A path that does not exist is a new store.
    let new = dir.path().join("new.db");
    let out = bin()
        .args(["--db", &s(&new), "--today", "2026-06-01", "overdue"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let c = Connection::open(&new).unwrap();
    let id: i32 = c
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, yufang::store::APPLICATION_ID);
}

#[test]
fn a_store_from_before_the_application_id_gets_it_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    {
        let c = Connection::open(&db).unwrap();
        yufang::store::search::register(&c).unwrap();
        let m = yufang::store::MIGRATIONS;
        for (i, sql) in m[..m.len() - 1].iter().enumerate() {
            c.execute_batch(sql).unwrap();
            c.pragma_update(None, "user_version", (i + 1) as i64)
                .unwrap();
        }
    }
    let store = open(&db, "2026-06-01");
    let id: i32 = store
        .conn()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, yufang::store::APPLICATION_ID);
}

#[test]
fn restore_with_another_yufang_open_says_so_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let mut store = open(&db, "2026-06-01");
    store.insert(&mut Unit::new("清源县交通运输局")).unwrap();
    let copy = dir.path().join("copy.db");
    yufang::store::backup::backup_to(&store, &copy).unwrap();
    // `store` stays open, as the app would.
    let out = bin()
        .args([
            "--db",
            &s(&db),
            "--today",
            "2026-06-01",
            "restore",
            &s(&copy),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("another yufang has") && err.lines().count() == 1,
        "{err}"
    );
    let backups = dir.path().join("backups");
    let left = std::fs::read_dir(&backups).map_or(0, |d| d.count());
    assert_eq!(left, 0, "no before-restore copy is left");
    store.insert(&mut Unit::new("清源县教育局")).unwrap();
    drop(store);
    // With the app closed it works, and the before-restore copies count toward backup_keep.
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[rules]\nbackup_keep = 2\n").unwrap();
    for _ in 0..4 {
        let out = bin()
            .args([
                "--db",
                &s(&db),
                "--config",
                &s(&config),
                "--today",
                "2026-06-01",
                "restore",
                &s(&copy),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 2);
}

#[test]
fn a_restore_over_a_damaged_store_never_prunes_the_newest_sound_backup() {
    use yufang::store::backup::{auto_backup_at, list_backups, restore};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let settings = yufang::domain::Settings {
        backup_keep: 1,
        ..Default::default()
    };
    let rules = yufang::domain::Rules::new(settings, yufang::domain::HolidayTable::builtin());
    let today = crate::common::d("2026-06-01");
    let mut store = yufang::store::Store::open(&db, rules.clone(), today).unwrap();
    store.insert(&mut Unit::new("清源县交通运输局")).unwrap();
    let at = chrono::NaiveDateTime::parse_from_str("2026-06-01 08:00", "%Y-%m-%d %H:%M").unwrap();
    let good = auto_backup_at(&store, at).unwrap().unwrap();
    drop(store);
    corrupt_units_page(&db);
    let mut store = yufang::store::Store::open(&db, rules, today).unwrap();
    assert!(store.damaged().is_some());
    let done = restore(&mut store, &good).unwrap();
    // The damaged store's before-restore copy is the newest copy, and backup_keep is 1: the good backup
    // still stays.
    assert!(done.kept.exists());
    assert_eq!(
        list_backups(&store).unwrap().last().map(|(_, p)| p.clone()),
        Some(good)
    );
}
