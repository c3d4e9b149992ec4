//! The live app in a pty: kill -9 during saves, SIGTERM and the draft, input bursts.

use rusqlite::Connection;

use super::*;

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
