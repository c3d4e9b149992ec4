//! Backups: the daily one and its rotation, on demand, and restore with its checks.

use chrono::NaiveDateTime;
use yufang::domain::{HolidayTable, Rules, Settings, Suggestion, Unit};
use yufang::i18n::Lang;
use yufang::store::{Store, backup};

use super::{TODAY, file_hash};
use crate::common::{d, open, small_office};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

#[test]
fn backup_then_restore_brings_back_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let mut store = open(&path, TODAY);
    let o = small_office(&mut store);
    let copy = backup::backup_now(&store).unwrap();
    assert_eq!(copy.parent().unwrap(), dir.path().join("backups"));
    assert!(
        copy.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("office-")
    );
    // More work after the backup.
    let added = store.insert(&mut Unit::new("清源县审计局")).unwrap();
    let mut s: Suggestion = store.get(o.due_soon).unwrap();
    s.replied_on = Some(d("2026-05-30"));
    store.update(&mut s).unwrap();

    let done = backup::restore(&mut store, &copy).unwrap();
    assert!(store.unit_by_name("清源县审计局").unwrap().is_none());
    assert_eq!(
        store.get::<Suggestion>(o.due_soon).unwrap().replied_on,
        None
    );
    assert_eq!(
        done.counts
            .iter()
            .find(|(t, _)| *t == "suggestions")
            .unwrap()
            .1,
        3
    );
    // The store as it was before the restore is kept, with the later work in it.
    let kept = open(&done.kept, TODAY);
    assert_eq!(kept.get::<Unit>(added).unwrap().name, "清源县审计局");
    // The restored store works on: writes, deadlines, the daily check.
    store.insert(&mut Unit::new("清源县统计局")).unwrap();
    assert_eq!(store.daily_check(None).unwrap().overdue_replies.len(), 1);
    drop(store);
    let store = open(&path, TODAY);
    assert!(store.unit_by_name("清源县统计局").unwrap().is_some());
}

#[test]
fn restoring_garbage_a_corrupt_or_a_newer_file_is_refused_and_the_store_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    let mut store = open(&path, TODAY);
    small_office(&mut store);
    let good = dir.path().join("good.db");
    backup::backup_to(&store, &good).unwrap();
    let before = file_hash(&path);

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库").unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let corrupt = dir.path().join("corrupt.db");
    let mut bytes = std::fs::read(&good).unwrap();
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0x5a;
    }
    std::fs::write(&corrupt, bytes).unwrap();
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let cases = [
        (&text, "is not a SQLite database; nothing was restored"),
        (&empty, "is not a SQLite database; nothing was restored"),
        (&corrupt, "is damaged ("),
        (
            &newer,
            &format!(
                "was written by a newer yufang (schema 99, this version knows {}); nothing was restored",
                yufang::store::schema_version()
            ),
        ),
        (
            &other,
            "is a SQLite database but not a yufang store; nothing was restored",
        ),
    ];
    for (file, want) in cases {
        let err = backup::restore(&mut store, file).err().unwrap();
        let en = err.message(Lang::En);
        assert!(
            en.starts_with(&file.display().to_string()) && en.contains(want),
            "{en}"
        );
        assert!(!err.message(Lang::Zh).is_empty() && err.message(Lang::Zh) != en);
        assert_eq!(file_hash(&path), before, "{}", file.display());
    }
    // No copy of the current store was taken for a refused file.
    assert!(!dir.path().join("backups").exists());
    assert_eq!(store.units().unwrap().len(), 2);
}

#[test]
fn the_automatic_backup_runs_once_a_day_and_keeps_the_last_n() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("y.db");
    let settings = Settings {
        backup_keep: 3,
        ..Settings::default()
    };
    let mut store = Store::open(
        &path,
        Rules::new(settings, HolidayTable::builtin()),
        d(TODAY),
    )
    .unwrap();
    assert_eq!(
        backup::auto_backup_at(&store, at("2026-06-01 08:00")).unwrap(),
        None,
        "an empty store"
    );
    small_office(&mut store);
    let first = backup::auto_backup_at(&store, at("2026-06-01 08:00"))
        .unwrap()
        .unwrap();
    assert!(
        first.ends_with("backups/y-20260601-080000.db"),
        "{}",
        first.display()
    );
    assert_eq!(
        backup::auto_backup_at(&store, at("2026-06-02 07:59")).unwrap(),
        None,
        "less than a day"
    );
    for day in [
        "2026-06-02 08:00",
        "2026-06-03 09:00",
        "2026-06-05 09:00",
        "2026-06-09 09:00",
    ] {
        assert!(
            backup::auto_backup_at(&store, at(day)).unwrap().is_some(),
            "{day}"
        );
    }
    let names: Vec<String> = backup::list_backups(&store)
        .unwrap()
        .iter()
        .map(|(_, p)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec![
            "y-20260603-090000.db",
            "y-20260605-090000.db",
            "y-20260609-090000.db"
        ]
    );
    // A backup is a store of its own with the same rows.
    let copy = open(&dir.path().join("backups/y-20260609-090000.db"), TODAY);
    assert_eq!(copy.units().unwrap().len(), 2);
    // backup_keep = 0: no automatic backups.
    let off = Store::open(
        &path,
        Rules::new(
            Settings {
                backup_keep: 0,
                ..Settings::default()
            },
            HolidayTable::builtin(),
        ),
        d(TODAY),
    )
    .unwrap();
    assert_eq!(
        backup::auto_backup_at(&off, at("2026-07-01 09:00")).unwrap(),
        None
    );
}
