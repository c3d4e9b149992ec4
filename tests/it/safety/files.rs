//! Files: private modes, `--out` targets, formula cells in CSV, dates out of range.

use yufang::domain::Unit;

use super::*;
use crate::common::open;

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
