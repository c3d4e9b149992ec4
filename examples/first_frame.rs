//! Time to the first full screen of the live app: spawns a command (normally `yufang --db FILE`) in a
//! pseudo-terminal, feeds its output to a terminal emulator, and measures from the spawn until the screen
//! shows the loaded Today view (the cursor mark `›` on its first row, and the status line drawn). Then it can
//! watch the idle app for a while (CPU time used while nobody types) and quits it with `q`.
//!
//! ```text
//! cargo run --release --example first_frame -- [--runs N] [--cols C] [--rows R] [--idle SECONDS]
//!     [--wait TEXT]... -- PROGRAM ARGS...
//! ```
//!
//! Prints one line per run and a summary: `first_frame_ms median=… min=… max=… runs=…` and, with `--idle`,
//! `idle_cpu_ms=… over … s` (user + system time of the process, from /proc, while idle, from one second after
//! the first frame).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Args {
    runs: usize,
    cols: u16,
    rows: u16,
    idle: u64,
    wait: Vec<String>,
    command: Vec<String>,
}

fn parse_args() -> Args {
    let mut a = Args {
        runs: 5,
        cols: 200,
        rows: 50,
        idle: 0,
        wait: Vec::new(),
        command: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().expect("a value after the option");
        match arg.as_str() {
            "--runs" => a.runs = value().parse().expect("--runs N"),
            "--cols" => a.cols = value().parse().expect("--cols C"),
            "--rows" => a.rows = value().parse().expect("--rows R"),
            "--idle" => a.idle = value().parse().expect("--idle SECONDS"),
            "--wait" => a.wait.push(value()),
            "--" => {
                a.command = it.by_ref().collect();
                break;
            }
            other => {
                panic!("unknown option {other}; usage: first_frame [options] -- PROGRAM ARGS...")
            }
        }
    }
    assert!(!a.command.is_empty(), "no command after --");
    if a.wait.is_empty() {
        a.wait.push("›".into());
    }
    a
}

/// The loaded screen: every wait text present and the status line (last row) drawn.
fn ready(screen: &vt100::Screen, wait: &[String], rows: u16) -> bool {
    let text = screen.contents();
    let last = screen
        .rows(0, screen.size().1.get())
        .nth(usize::from(rows) - 1);
    wait.iter().all(|w| text.contains(w.as_str())) && last.is_some_and(|l| !l.trim().is_empty())
}

/// User + system CPU time of a process so far, in clock ticks (/proc/PID/stat fields 14 and 15).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces; the fields after it follow the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

fn run_once(a: &Args, measure_idle: bool) -> (Duration, Option<f64>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: a.rows,
            cols: a.cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(&a.command[0]);
    cmd.args(&a.command[1..]);
    cmd.env("TERM", "xterm-256color");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(a.rows).unwrap(),
        NonZeroU16::new(a.cols).unwrap(),
        0,
    )));
    let seen: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    {
        let (parser, seen, wait, rows) = (parser.clone(), seen.clone(), a.wait.clone(), a.rows);
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut p = parser.lock().unwrap();
                p.process(&buf[..n]);
                let mut s = seen.lock().unwrap();
                if s.is_none() && ready(p.screen(), &wait, rows) {
                    *s = Some(Instant::now());
                }
            }
        });
    }
    let deadline = started + Duration::from_secs(600);
    let at = loop {
        if let Some(t) = *seen.lock().unwrap() {
            break t;
        }
        if Instant::now() > deadline || child.try_wait().ok().flatten().is_some() {
            let screen = parser.lock().unwrap().screen().contents();
            panic!("the screen never became ready; it shows:\n{screen}");
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let took = at - started;
    let idle = if measure_idle && a.idle > 0 {
        let pid = child.process_id().unwrap();
        // Right after its first frame the app fetches the rest of Today (a few ms): start-up work, not idling.
        std::thread::sleep(Duration::from_secs(1));
        let before = cpu_ticks(pid).unwrap_or(0);
        std::thread::sleep(Duration::from_secs(a.idle));
        let after = cpu_ticks(pid).unwrap_or(0);
        // Linux reports 100 ticks per second (USER_HZ).
        Some((after.saturating_sub(before)) as f64 * 10.0)
    } else {
        None
    };
    let mut w = pair.master.take_writer().unwrap();
    let _ = w.write_all(b"q");
    let _ = w.flush();
    let quit_by = Instant::now() + Duration::from_secs(10);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > quit_by {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (took, idle)
}

fn main() {
    let a = parse_args();
    let mut times = Vec::new();
    let mut idle = None;
    for i in 0..a.runs {
        let last = i + 1 == a.runs;
        let (t, cpu) = run_once(&a, last);
        println!("run {}: first full screen after {:.1} ms", i + 1, ms(t));
        times.push(t);
        idle = idle.or(cpu);
    }
    times.sort();
    println!(
        "first_frame_ms median={:.1} min={:.1} max={:.1} runs={}",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
    if let Some(cpu) = idle {
        println!("idle_cpu_ms={cpu:.0} over {} s", a.idle);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
