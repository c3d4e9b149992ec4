//! Issue 15: nothing lost, nothing leaked — locks, foreign and damaged stores, private modes, `--out`,
//! formula cells, signals.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use yufang::domain::Unit;

use crate::common::{open, rules};

fn units_seen_by_another_connection(path: &Path) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let mut q = c.prepare("SELECT name FROM units ORDER BY id").unwrap();
    q.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

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
    let _ = rules();
}
