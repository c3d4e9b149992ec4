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

// ---- the real binary

fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_yufang"));
    c.env("YUFANG_CONFIG", "/nonexistent/yufang-safety.toml")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("YUFANG_DB")
        .env_remove("YUFANG_TODAY")
        .env_remove("YUFANG_LANG");
    c
}

/// The binary under `sh -c 'umask U; exec yufang ARGS'`.
fn under_umask(umask: &str, args: &[&str]) -> std::process::Output {
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_yufang"))
        .args(args)
        .env("YUFANG_CONFIG", "/nonexistent/yufang-safety.toml")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL");
    c.output().unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

fn integrity(path: &Path) -> String {
    let c = Connection::open(path).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn kill(pid: u32, sig: &str) {
    let st = std::process::Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
}

/// A units spreadsheet of `n` rows in the export's own layout.
fn units_csv(path: &Path, n: usize) {
    let mut text = String::from("name,industry/system,region\n");
    for i in 0..n {
        text.push_str(&format!("单位{i:06},系统{},地区{}\n", i % 17, i % 5));
    }
    std::fs::write(path, text).unwrap();
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
fn kill_9_during_a_burst_of_saves_in_the_app_keeps_every_save_whole() {
    use crate::e2e::{CTRL_S, Pty};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let mut app = Pty::spawn(
        &["--db", &s(&db), "--today", "2026-06-01", "--lang", "en"],
        100,
        30,
    );
    app.wait_for("Welcome to yufang");
    app.send("U");
    app.wait_for("New unit");
    app.send("第一单位");
    app.send(CTRL_S);
    app.wait_for("unit saved");
    // A burst: keys for twenty more saves at once, then the kill while they are being handled.
    let mut burst = String::new();
    for i in 0..20 {
        burst.push_str(&format!("U单位{i:02}{CTRL_S}"));
    }
    app.send(&burst);
    kill(app.pid(), "-KILL");
    app.wait_exit();
    assert_eq!(integrity(&db), "ok");
    let c = Connection::open(&db).unwrap();
    let units: i64 = c
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
        .unwrap();
    let logged: i64 = c
        .query_row(
            "SELECT count(*) FROM change_log WHERE entity = 'units' AND action = 'insert'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!((1..=21).contains(&units), "{units}");
    assert_eq!(units, logged, "every saved unit has its change-log row");
}

/// Overwrites the b-tree header of the `units` table's root page with junk.
fn corrupt_units_page(db: &Path) {
    let (root, page_size): (i64, i64) = {
        let c = Connection::open(db).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE")
            .unwrap();
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'units'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        (root, size)
    };
    let mut bytes = std::fs::read(db).unwrap();
    let at = ((root - 1) * page_size) as usize;
    bytes[at..at + 12].copy_from_slice(&[0xFF; 12]);
    std::fs::write(db, bytes).unwrap();
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
fn files_are_private_whatever_the_umask() {
    for umask in ["022", "000"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let db = data.join("y.db");
        let db_s = s(&db);
        let base = ["--db", db_s.as_str(), "--today", "2026-06-01"];
        let run = |more: &[&str]| {
            let args: Vec<&str> = base.iter().chain(more).copied().collect();
            let o = under_umask(umask, &args);
            assert!(o.status.success(), "{more:?}: {}", stderr(&o));
        };
        let units = dir.path().join("units.csv");
        units_csv(&units, 3);
        run(&["import", &s(&units)]);
        run(&["backup"]);
        let json = dir.path().join("e.json");
        run(&["export", "--out", &s(&json)]);
        let csv = dir.path().join("csv");
        run(&["export", "--format", "csv", "--out", &s(&csv)]);
        let ics = dir.path().join("c.ics");
        run(&["ics", "--out", &s(&ics)]);
        assert_eq!(mode(&data), 0o700, "umask {umask}: data folder");
        assert_eq!(mode(&data.join("backups")), 0o700, "umask {umask}");
        assert_eq!(mode(&csv), 0o700, "umask {umask}: export folder");
        let mut files = vec![db.clone(), json, ics];
        for dir in [data.join("backups"), csv] {
            for e in std::fs::read_dir(dir).unwrap() {
                files.push(e.unwrap().path());
            }
        }
        assert!(files.len() >= 10);
        for f in files {
            assert_eq!(mode(&f), 0o600, "umask {umask}: {}", s(&f));
        }
    }
    // The -wal and -shm of an open store too.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let mut store = open(&db, "2026-06-01");
    store.insert(&mut Unit::new("清源县交通运输局")).unwrap();
    for f in ["y.db", "y.db-wal", "y.db-shm"] {
        assert_eq!(mode(&dir.path().join(f)), 0o600, "{f}");
    }
}

#[test]
fn out_at_a_symlink_a_fifo_or_someone_elses_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    open(&db, "2026-06-01")
        .insert(&mut Unit::new("清源县交通运输局"))
        .unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let db_s = s(&db);
    for cmd in [
        &["export", "--out"][..],
        &["export", "--force", "--out"][..],
        &["backup", "--out"][..],
        &["ics", "--out"][..],
    ] {
        for (target, says) in [(&link, "symbolic link"), (&fifo, "not a regular file")] {
            let t = s(target);
            let mut args = vec!["--db", db_s.as_str(), "--today", "2026-06-01"];
            args.extend_from_slice(cmd);
            args.push(&t);
            let out = bin().args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        }
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!std::fs::symlink_metadata(&fifo).unwrap().is_file());
    // Someone else's file needs --force; yufang's own earlier export does not.
    let out = bin()
        .args([
            "--db",
            &db_s,
            "--today",
            "2026-06-01",
            "export",
            "--out",
            &s(&victim),
        ])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let json = dir.path().join("e.json");
    for _ in 0..2 {
        let out = bin()
            .args([
                "--db",
                &db_s,
                "--today",
                "2026-06-01",
                "export",
                "--out",
                &s(&json),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // `-` is standard output.
    let out = bin()
        .args([
            "--db",
            &db_s,
            "--today",
            "2026-06-01",
            "export",
            "--out",
            "-",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"format\": \"yufang\""));
}

#[test]
fn formula_cells_are_neutralised_in_csv_and_read_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let names = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+86 10 1234",
        "-1",
        "@SUM(A1)",
        "\tindent",
        "'=already quoted",
        "''+two",
        "'plain apostrophe",
        "清源县教育局",
    ];
    let mut store = open(&db, "2026-06-01");
    for n in names {
        store.insert(&mut Unit::new(n)).unwrap();
    }
    drop(store);
    let out = dir.path().join("csv");
    let o = bin()
        .args([
            "--db",
            &s(&db),
            "--today",
            "2026-06-01",
            "export",
            "--format",
            "csv",
            "--plain-utf8",
            "--out",
            &s(&out),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(out.join("units.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let cells: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap().get(1).unwrap().to_string())
        .collect();
    for c in &cells {
        let first = c.chars().next().unwrap();
        assert!(!"=+-@\t\r".contains(first), "a live formula cell: {c:?}");
    }
    assert!(cells.contains(&"'=HYPERLINK(\"http://x\",\"y\")".to_string()));
    assert!(
        cells.contains(&"'plain apostrophe".to_string()),
        "left alone"
    );
    // Imported into a new store, every name is the original text.
    let fresh = dir.path().join("fresh.db");
    let o = bin()
        .args([
            "--db",
            &s(&fresh),
            "--today",
            "2026-06-01",
            "import",
            &s(&out.join("units.csv")),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let mut back = units_seen_by_another_connection(&fresh);
    let mut want: Vec<String> = names.iter().map(|n| n.trim().to_string()).collect();
    back.sort();
    want.sort();
    assert_eq!(back, want);
}

#[test]
fn sigterm_restores_the_terminal_and_the_next_start_offers_the_draft() {
    use crate::e2e::Pty;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let args = ["--db", &s(&db), "--today", "2026-06-01", "--lang", "en"];
    let mut app = Pty::spawn(&args, 100, 30);
    app.wait_for("Welcome to yufang");
    app.send("U");
    app.wait_for("New unit");
    app.send("清源县水利局");
    assert!(app.alternate_screen());
    kill(app.pid(), "-TERM");
    let status = app.wait_exit();
    assert!(!status.success());
    assert!(
        !app.alternate_screen(),
        "the terminal is back to its main screen"
    );
    let draft = dir.path().join("y.draft.json");
    assert_eq!(mode(&draft), 0o600);
    let mut app = Pty::spawn(&args, 100, 30);
    app.wait_for("is back in the form");
    app.wait_for("清源县水利局");
    app.send(crate::e2e::CTRL_S);
    app.wait_for("unit saved");
    app.send(crate::e2e::ESC);
    app.send("q");
    app.wait_exit();
    assert_eq!(units_seen_by_another_connection(&db), ["清源县水利局"]);
    assert!(!draft.exists(), "offered once");
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
fn dates_outside_1949_to_2100_are_refused() {
    for day in ["0000-01-01", "1948-12-31", "2101-01-01"] {
        let out = bin()
            .args(["--demo", "--today", day, "overdue"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{day}");
        assert!(
            stderr(&out).contains("outside the years 1949 to 2100"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_burst_of_more_than_a_thousand_key_bytes_is_handled_without_waiting_for_another_key() {
    use crate::e2e::Pty;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let mut app = Pty::spawn(
        &["--db", &s(&db), "--today", "2026-06-01", "--lang", "en"],
        100,
        30,
    );
    app.wait_for("Welcome to yufang");
    app.send("U");
    app.wait_for("New unit");
    // 3,000 bytes at once, as a paste without bracketed-paste markers or a key held down comes.
    app.send(&format!("{}END", "x".repeat(2997)));
    app.wait_for("xxEND");
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
