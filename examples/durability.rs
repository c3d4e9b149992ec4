//! What durable saves cost (issue 15): one interactive save and a 100,000-row CSV import with
//! `synchronous=FULL` (what the store runs) against `NORMAL` (what it ran before), on fresh stores in a temp
//! folder on the disk under test; and, given a store, how long `quick_check` and `integrity_check` take on it.
//!
//! ```text
//! cargo run --release --example durability -- [--saves N] [--rows N] [--dir DIR] [--check STORE]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use yufang::domain::{HolidayTable, Rules, Settings, Unit};
use yufang::i18n::Lang;
use yufang::store::Store;
use yufang::store::import::{ImportOptions, Input, OnDuplicate, import};

fn open(path: &Path, sync: &str) -> Store {
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let store = Store::open(
        path,
        Rules::new(Settings::default(), HolidayTable::builtin()),
        today,
    )
    .unwrap();
    store
        .conn()
        .pragma_update(None, "synchronous", sync)
        .unwrap();
    store
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn saves(dir: &Path, sync: &str, n: usize) -> (f64, f64) {
    let path = dir.join(format!("saves-{sync}.db"));
    let mut store = open(&path, sync);
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let started = Instant::now();
        store
            .insert(&mut Unit::new(&format!("单位{i:06}")))
            .unwrap();
        times.push(started.elapsed());
    }
    drop(store);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    (pct(&mut times, 0.5), pct(&mut times, 0.99))
}

fn csv(rows: usize) -> Vec<u8> {
    let mut text = String::from("name,industry/system,region\n");
    for i in 0..rows {
        text.push_str(&format!("单位{i:07},系统{},地区{}\n", i % 17, i % 5));
    }
    text.into_bytes()
}

fn import_once(dir: &Path, sync: &str, bytes: &[u8]) -> f64 {
    let path = dir.join(format!("import-{sync}.db"));
    let mut store = open(&path, sync);
    let opts = ImportOptions {
        dry_run: false,
        on_duplicate: OnDuplicate::Skip,
        entity: None,
        lang: Lang::En,
        sheet: None,
        mapping: None,
    };
    let input = Input::new(
        "units.csv",
        Cursor::new(bytes.to_vec()),
        Some(bytes.len() as u64),
    );
    let started = Instant::now();
    let report = import(&mut store, vec![input], &opts, &mut |_, _| {}).unwrap();
    let took = started.elapsed();
    assert!(report.problems.is_empty());
    drop(store);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    took.as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut n_saves, mut rows, mut dir, mut check) =
        (300usize, 100_000usize, None::<PathBuf>, None::<PathBuf>);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--saves" => n_saves = args.next().unwrap().parse().unwrap(),
            "--rows" => rows = args.next().unwrap().parse().unwrap(),
            "--dir" => dir = Some(args.next().unwrap().into()),
            "--check" => check = Some(args.next().unwrap().into()),
            other => panic!("unknown argument {other}"),
        }
    }
    if let Some(store) = check {
        let c = rusqlite::Connection::open_with_flags(
            &store,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        for pragma in ["quick_check", "integrity_check"] {
            let started = Instant::now();
            let r: String = c
                .query_row(&format!("PRAGMA {pragma}(1)"), [], |r| r.get(0))
                .unwrap();
            println!(
                "{pragma}: {r} in {:.0} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let started = Instant::now();
        let s = Store::open(
            &store,
            Rules::new(Settings::default(), HolidayTable::builtin()),
            today,
        )
        .unwrap();
        println!(
            "Store::open (with the bounded quick_check): {:.0} ms, damaged: {:?}",
            started.elapsed().as_secs_f64() * 1000.0,
            s.damaged()
        );
        return;
    }
    let tmp = tempfile::tempdir_in(dir.unwrap_or_else(std::env::temp_dir)).unwrap();
    for sync in ["NORMAL", "FULL", "NORMAL", "FULL"] {
        let (median, p99) = saves(tmp.path(), sync, n_saves);
        println!(
            "save  synchronous={sync:<6} median {median:.2} ms  p99 {p99:.2} ms  ({n_saves} saves)"
        );
    }
    let bytes = csv(rows);
    for sync in ["NORMAL", "FULL", "NORMAL", "FULL"] {
        let ms = import_once(tmp.path(), sync, &bytes);
        println!("import synchronous={sync:<6} {rows} rows in {ms:.0} ms");
    }
}
