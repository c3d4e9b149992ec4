//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back through a terminal
//! emulator, then the database reopened to see exactly what was written.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use yufang::domain::Suggestion;

use crate::common::{d, open};

pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yufang"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("YUFANG_CONFIG", "/nonexistent/yufang-e2e.toml");
        cmd.env("NO_COLOR", "1");
        for var in ["YUFANG_DB", "YUFANG_TODAY", "YUFANG_LANG", "LC_ALL"] {
            cmd.env_remove(var);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let p = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Pty {
            parser,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `text` is on screen; fails with the screen when it never comes.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `text` has left the screen (a closed window), so the next key is read on its own: an Esc
    /// and a key sent together read as Alt and that key.
    pub fn wait_gone(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if !s.contains(text) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?} to go; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the app take each burst in turn, as a person typing would.
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                self.child.kill().ok();
                panic!("the app did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The app's process id (to send it a signal).
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }
}

pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
pub const CTRL_S: &str = "\x13";
pub const ESC: &str = "\x1b";

/// The small office of `common` on 2026-06-01, open in the real app at 100×30 in `lang`.
fn small_office_app(
    lang: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    crate::common::Office,
    Pty,
) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let office = crate::common::small_office(&mut open(&db, "2026-06-01"));
    let app = Pty::spawn(
        &[
            "--db",
            &db_arg(&db),
            "--today",
            "2026-06-01",
            "--lang",
            lang,
        ],
        100,
        30,
    );
    (dir, db, office, app)
}

fn db_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[test]
fn a_new_office_records_a_unit_a_suggestion_and_its_reply() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let mut app = Pty::spawn(
        &[
            "--db",
            &db_arg(&db),
            "--today",
            "2026-06-01",
            "--lang",
            "en",
        ],
        100,
        30,
    );
    app.wait_for("Welcome to yufang");

    app.send("U");
    app.wait_for("New unit");
    app.send("清源县水利局");
    app.send(CTRL_S);
    app.wait_for("unit saved");

    app.send("3");
    app.send("n");
    app.wait_for("New suggestion");
    // document number (pre-filled) -> category -> legal type -> title
    app.send(&TAB.repeat(3));
    app.send("关于加强防汛资金管理的检察建议");
    app.send(TAB);
    app.send("水利");
    app.send(ENTER);
    // recipient -> copied to -> cases -> decided on -> issued on
    app.send(&TAB.repeat(4));
    app.send("t");
    app.send(CTRL_S);
    app.wait_for("suggestion saved");
    app.wait_for("X检建〔2026〕1号");
    app.wait_for("unserved");

    app.send("d");
    app.wait_for("record service/receipt");
    app.send(CTRL_S);
    app.wait_for("awaiting");

    app.send("r");
    app.wait_for("record reply");
    app.send(CTRL_S);
    let screen = app.wait_for("replied");
    assert!(screen.contains("1–1 of 1"), "{screen}");

    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!app.alternate_screen(), "the terminal was restored");

    let store = open(&db, "2026-06-01");
    let units = store.units().unwrap();
    assert_eq!(
        units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        vec!["清源县水利局"]
    );
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM suggestions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    let id: i64 = store
        .conn()
        .query_row("SELECT id FROM suggestions", [], |r| r.get(0))
        .unwrap();
    let s: Suggestion = store.get(id).unwrap();
    assert_eq!(s.title, "关于加强防汛资金管理的检察建议");
    assert_eq!(s.doc_no.as_deref(), Some("X检建〔2026〕1号"));
    assert_eq!(s.recipient_id, units[0].id);
    assert_eq!(
        (s.issued_on, s.received_on, s.replied_on),
        (
            Some(d("2026-06-01")),
            Some(d("2026-06-01")),
            Some(d("2026-06-01"))
        )
    );
}

#[test]
fn the_demo_opens_on_today_in_chinese_and_quits_cleanly() {
    let mut app = Pty::spawn(&["--demo", "--today", "2026-06-01", "--lang", "zh"], 80, 24);
    app.wait_for("逾期未回复 (3)");
    app.send("?");
    app.wait_for("按键");
    app.send(ESC);
    app.wait_gone("按键");
    app.send("q");
    assert!(app.wait_exit().success());
}

/// From a closed case in the gap list, one key adds the crime analysis; the case leaves the gap list.
#[test]
fn a_crime_analysis_from_today_clears_the_case_gap() {
    let (_dir, db, _office, mut app) = small_office_app("zh");
    let screen = app.wait_for("待跟进预防工作的案件 (1)");
    assert!(screen.contains("清检刑诉〔2026〕12号"));
    app.send("G");
    app.send("a");
    app.wait_for("登记预防工作");
    app.send(CTRL_S);
    let screen = app.wait_for("待跟进预防工作的案件 (0)");
    assert!(!screen.contains("清检刑诉〔2026〕12号"), "{screen}");
    app.send("q");
    assert!(app.wait_exit().success());
    let store = open(&db, "2026-06-01");
    let n: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM activities WHERE kind = 'analysis' AND done_on = '2026-06-01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

/// The calendar: go to the day of an overdue reply, open it from the agenda, record the reply.
#[test]
fn an_overdue_reply_is_found_in_the_calendar_and_recorded() {
    let (_dir, db, office, mut app) = small_office_app("en");
    let id = office.overdue;
    app.wait_for("Overdue replies (1)");
    app.send("4");
    app.wait_for("June 2026");
    app.send("[");
    app.wait_for("May 2026");
    app.send("[");
    app.wait_for("April 2026");
    app.send("g");
    app.wait_for("Go to date");
    app.send(&"\x7f".repeat(10));
    app.send("2026-04-03");
    app.send(ENTER);
    app.wait_for("Due on 2026-04-03 Fr (1)");
    app.wait_for("X检建〔2026〕1号");
    app.send(ENTER);
    app.wait_for("Deadlines");
    app.send("r");
    app.wait_for("record reply");
    app.send(CTRL_S);
    app.wait_for("suggestion saved");
    app.send(ESC);
    app.wait_for("Due on 2026-04-03 Fr (0)");
    app.send("q");
    assert!(app.wait_exit().success());
    let store = open(&db, "2026-06-01");
    let s: Suggestion = store.get(id).unwrap();
    assert_eq!(s.replied_on, Some(d("2026-06-01")));
}

/// Undo in the real app: a reply recorded by mistake is taken back, and the database shows it.
#[test]
fn undo_takes_back_a_reply() {
    let (_dir, db, office, mut app) = small_office_app("en");
    let id = office.overdue;
    app.wait_for("Overdue replies (1)");
    app.send("r");
    app.wait_for("record reply");
    app.send(CTRL_S);
    app.wait_for("Overdue replies (0)");
    app.send("Z");
    app.wait_for("Undo the last change");
    app.send("y");
    app.wait_for("undone: change of suggestion");
    app.wait_for("Overdue replies (1)");
    app.send("q");
    assert!(app.wait_exit().success());
    let store = open(&db, "2026-06-01");
    let s: Suggestion = store.get(id).unwrap();
    assert_eq!(s.replied_on, None);
}
