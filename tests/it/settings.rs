//! Issue 14: a config file's key rebindings, used in the real app and listed by `yufang keys`; its bad
//! entries reported by line while the defaults stay.

use std::process::Command;

use yufang::domain::Suggestion;

use crate::common::{d, open};
use crate::e2e::{CTRL_S, Pty};

const CONFIG: &str = "[keys.on_suggestion]\nrecord_reply = \"R\"\nadd_urging = \"R\"\n";

#[test]
fn a_key_rebound_in_the_config_file_records_a_reply() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let config = dir.path().join("c.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let office = crate::common::small_office(&mut open(&db, "2026-06-01"));
    let mut app = Pty::spawn(
        &[
            "--db",
            db.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
            "--today",
            "2026-06-01",
            "--lang",
            "en",
        ],
        160,
        30,
    );
    app.wait_for("Overdue replies (1)");
    // The clash is reported with its line, and the app runs with the rest.
    app.wait_for("line 3: [keys.on_suggestion] add_urging: R already does record_reply");
    app.wait_for("R record reply");
    app.send("R");
    app.wait_for("record reply");
    app.send(CTRL_S);
    app.wait_for("suggestion saved");
    app.send("q");
    assert!(app.wait_exit().success());
    let s: Suggestion = open(&db, "2026-06-01").get(office.overdue).unwrap();
    assert_eq!(s.replied_on, Some(d("2026-06-01")));
}

#[test]
fn yufang_keys_lists_the_bindings_in_force_and_reports_the_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        format!("{CONFIG}[keys.sugestions]\nfilter = \"f\"\n[keys.global]\nhelp = \"f1x\"\n"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yufang"))
        .args(["keys", "--lang", "en", "--config", config.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let reply = stdout
        .lines()
        .find(|l| l.contains("record reply"))
        .unwrap_or_default();
    assert!(reply.trim_start().starts_with("R "), "{reply}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let file = config.display();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        vec![
            format!(
                "yufang: config file {file}: line 3: [keys.on_suggestion] add_urging: R already does record_reply; the default key stays"
            ),
            format!(
                "yufang: config file {file}: line 5: [keys.sugestions] is no context (contexts: global, move, lists, suggestions, on_suggestion, cases, units, calendar, stats, detail, form, date_picker, confirm, help, history, palette, filter, import_preview, measure_walk)"
            ),
            format!(
                "yufang: config file {file}: line 7: help: \"f1x\" is not a key (write e.g. \"R\", \"ctrl-s\", \"f4\", \"enter\", \"space\")"
            ),
        ]
    );
}
