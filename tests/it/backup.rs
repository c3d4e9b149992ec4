//! The live app's daily backup: gentle pace, and what a copy cut short leaves behind.

use chrono::NaiveDateTime;
use yufang::store::backup::{self, Pace};

use crate::common::{open, small_office};

const TODAY: &str = "2026-06-01";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_gentle_daily_backup_clears_partial_copies_left_by_earlier_starts_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    small_office(&mut store);
    // What earlier versions left on every start that quit during the copy, and a restore's cut-short copy
    // of the store it replaced, which is not the daily backup's to remove.
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    for name in [
        ".y-20260530-081500.db.part",
        ".y-20260530-081500.db.part-journal",
        ".y-20260531-090000-2.db.part",
        ".y-before-restore-20260531-100000.db.part",
    ] {
        std::fs::write(backups.join(name), "half a copy").unwrap();
    }
    let made = backup::auto_backup_paced_at(&store, at("2026-06-01 08:00"), Pace::Gentle)
        .unwrap()
        .expect("no backup yet, so one is made");
    assert_eq!(
        names(&backups),
        vec![
            ".y-before-restore-20260531-100000.db.part",
            "y-20260601-080000.db"
        ]
    );
    // The copy passes restore's checks (an intact yufang store) and brings back the rows.
    store
        .insert(&mut yufang::domain::Unit::new("清源县审计局"))
        .unwrap();
    let done = backup::restore(&mut store, &made).unwrap();
    assert_eq!(done.from, made);
    assert_eq!(store.units().unwrap().len(), 2);
    // The same day, no second one.
    assert_eq!(
        backup::auto_backup_paced_at(&store, at("2026-06-01 18:00"), Pace::Gentle).unwrap(),
        None
    );
}
