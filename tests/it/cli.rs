//! The built binary on a temp database with a fixed --today: both output forms and bad input.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{open, small_office};

fn yufang(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yufang"))
        .args(args)
        .env_remove("YUFANG_DB")
        .env_remove("YUFANG_TODAY")
        .env_remove("YUFANG_LANG")
        .env("YUFANG_CONFIG", "/nonexistent/yufang-test-config.toml")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

fn office(dir: &Path) -> String {
    let path = dir.join("y.db");
    let mut store = open(&path, "2026-06-01");
    small_office(&mut store);
    path.to_string_lossy().into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn overdue_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let out = yufang(&["--db", &db, "--today", "2026-06-01", "overdue", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for key in [
        "today",
        "overdue_replies",
        "due_soon",
        "filing_overdue",
        "visits_due",
        "case_gaps",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["today"], "2026-06-01");
    let item = &v["overdue_replies"][0];
    assert_eq!(item["doc_no"], "X检建〔2026〕1号");
    assert_eq!(item["recipient"], "清源县交通运输局");
    assert_eq!(item["received_on"], "2026-02-03");
    assert_eq!(item["reply_due"], "2026-04-03");
    assert_eq!(item["days_overdue"], 59);
    assert_eq!(
        item["explanation"],
        "received 2026-02-03 + 2 months = 2026-04-03; 2026-04-03 is a working day"
    );
    assert_eq!(v["due_soon"][0]["days_left"], 7);
    assert_eq!(
        v["case_gaps"][0]["missing"],
        serde_json::json!(["crime_analysis"])
    );
}

#[test]
fn overdue_text_is_an_aligned_table_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let out = yufang(&["--db", &db, "--today", "2026-06-01", "overdue"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Overdue replies (1)"), "{text}");
    assert!(text.contains("59 days overdue"), "{text}");
    let out = yufang(&[
        "--db",
        &db,
        "--today",
        "2026-06-01",
        "--lang",
        "zh",
        "overdue",
        "--within",
        "3",
    ]);
    let text = stdout(&out);
    assert!(text.contains("逾期未回复 (1)"), "{text}");
    assert!(text.contains("3日内到期的回复 (0)"), "{text}");
    // The table's columns line up by display width: the "Due" column starts at the same cell on every row.
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("逾期未回复"))
        .skip(1)
        .take(2)
        .collect();
    let col = |l: &str, needle: &str| yufang::text::width(&l[..l.find(needle).unwrap()]);
    assert_eq!(
        col(lines[0], "期限"),
        col(lines[1], "2026-04-03"),
        "{lines:?}"
    );
}

#[test]
fn the_same_answer_from_locale_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_yufang"))
        .args(["--db", &db, "--today", "2026-06-01", "overdue"])
        .env("YUFANG_CONFIG", "/nonexistent/c.toml")
        .env_remove("LC_ALL")
        .env_remove("YUFANG_LANG")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("今天：2026-06-01"));
    let cfg = dir.path().join("c.toml");
    std::fs::write(&cfg, "lang = \"en\"\n[rules]\nwarn_reply_days = 3\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yufang"))
        .args(["--db", &db, "--today", "2026-06-01", "overdue"])
        .env("YUFANG_CONFIG", &cfg)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("YUFANG_LANG")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("Replies due within 3 days (0)"), "{text}");
}

#[test]
fn bad_input_exits_non_zero_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let under_file = file.join("y.db");
    let bad_cfg = dir.path().join("bad.toml");
    std::fs::write(&bad_cfg, "[rules]\ngap_days = -3\n").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--lang", "fr", "overdue"],
            "--lang: \"fr\" is not a language (zh or en)",
        ),
        (
            vec!["--today", "2026-02-30", "overdue"],
            "--today: \"2026-02-30\" is not a date (YYYY-MM-DD)",
        ),
        (vec!["--today", "tomorrow", "overdue"], "is not a date"),
        (
            vec!["--db", under_file.to_str().unwrap(), "overdue"],
            "cannot open the store",
        ),
        (
            vec![
                "--db",
                &db,
                "--config",
                bad_cfg.to_str().unwrap(),
                "overdue",
            ],
            "line 2",
        ),
    ];
    for (args, want) in cases {
        let out = yufang(&args);
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn demo_overdue_json_lists_only_past_due_replies() {
    let out = yufang(&["--demo", "--today", "2026-06-01", "overdue", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let items = v["overdue_replies"].as_array().unwrap();
    assert!(!items.is_empty());
    for i in items {
        assert!(i["reply_due"].as_str().unwrap() < "2026-06-01", "{i}");
        assert!(i["days_overdue"].as_i64().unwrap() > 0);
    }
}

/// `--limit` cuts each list but never the totals; `--all` lists what the totals count, in the same order.
#[test]
fn overdue_limit_cuts_lists_and_keeps_totals() {
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["--demo", "--today", "2026-06-01", "overdue", "--json"];
        args.extend_from_slice(extra);
        let out = yufang(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let all = json(&["--all"]);
    let cut = json(&["--limit", "1"]);
    let mut cut_somewhere = false;
    for key in ["overdue_replies", "due_soon", "visits_due", "case_gaps"] {
        let every = all[key].as_array().unwrap();
        assert_eq!(all["totals"][key], every.len(), "{key}");
        assert_eq!(cut["totals"][key], every.len(), "{key}");
        let first = cut[key].as_array().unwrap();
        assert_eq!(first.len(), every.len().min(1), "{key}");
        assert_eq!(first.first(), every.first(), "{key}");
        cut_somewhere |= every.len() > 1;
    }
    assert!(
        cut_somewhere,
        "the demo office should have a section longer than one item"
    );

    let n = all["overdue_replies"].as_array().unwrap().len();
    let out = yufang(&["--demo", "--today", "2026-06-01", "overdue", "--limit", "1"]);
    let text = stdout(&out);
    assert!(
        text.contains(&format!("and {} more (--all", n - 1)),
        "{text}"
    );
    let out = yufang(&[
        "--demo",
        "--today",
        "2026-06-01",
        "overdue",
        "--limit",
        "1",
        "--all",
    ]);
    assert!(
        !out.status.success(),
        "--limit and --all contradict each other"
    );
}

/// The Today screen and `overdue --json` come from the same query: same documents, same order.
#[test]
fn snapshot_today_agrees_with_overdue_json() {
    let json = yufang(&["--demo", "--today", "2026-06-01", "overdue", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let want: Vec<String> = v["overdue_replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["doc_no"].as_str().unwrap().to_string())
        .collect();
    let shot = yufang(&[
        "--demo",
        "--today",
        "2026-06-01",
        "snapshot",
        "--pane",
        "today",
        "--width",
        "100",
        "--height",
        "30",
    ]);
    assert!(shot.status.success(), "{}", stderr(&shot));
    let text = stdout(&shot);
    let section: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Overdue replies"))
        .skip(1)
        .take_while(|l| l.contains('!'))
        .collect();
    let got: Vec<String> = section
        .iter()
        .filter_map(|l| {
            l.split_whitespace()
                .find(|w| w.contains("检建"))
                .map(str::to_string)
        })
        .collect();
    assert_eq!(got, want, "{text}");
    let bad = yufang(&["--demo", "snapshot", "--pane", "nowhere"]);
    assert_eq!(
        stderr(&bad).trim(),
        "yufang: --pane: \"nowhere\" is not a pane (today, cases, suggestions, calendar, units, stats)"
    );
}

#[test]
fn the_readme_key_table_is_the_keymap() {
    let out = yufang(&["keys", "--markdown"]);
    let table = stdout(&out);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(table.trim_end()),
        "README.md's key table is stale: run scripts/readme-keys.sh"
    );
}
