//! Benchmarks on generated offices (issue 7): opening a store and loading Today, key-to-frame (a key through
//! `App::handle_key`, then a whole frame drawn into a 200×50 `TestBackend`), and the deadline engine.
//!
//! Stores of 10,000 / 100,000 / 1,000,000 suggestions are generated once with `yufang::gen` (seed 1, today
//! 2026-06-01) into `target/bench-stores/` and reused while the generator and the schema stay the same.
//! `YUFANG_BENCH_SIZES=10000` picks sizes (comma-separated); `YUFANG_BENCH_DIR` moves the cache.
//!
//! Besides criterion's report, every timed key press is kept, and the end of the run prints the median,
//! 99th percentile and maximum of each key (the targets are percentiles), also written to
//! `target/bench-stores/keys.tsv`.
//!
//! Quick run: `YUFANG_BENCH_SIZES=10000 cargo bench --bench yufang`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, SamplingMode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use yufang::app::{App, Pane};
use yufang::domain::deadline::fnv1a;
use yufang::domain::{HolidayTable, Rules, Settings, Suggestion};
use yufang::r#gen::{GEN_VERSION, Options, generate};
use yufang::i18n::Lang;
use yufang::store::{MIGRATIONS, Store, schema_version};
use yufang::ui::{self, Theme};

const SEED: u64 = 1;
const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn rules() -> Rules {
    Rules::new(Settings::default(), HolidayTable::builtin())
}

fn sizes() -> Vec<u64> {
    let spec =
        std::env::var("YUFANG_BENCH_SIZES").unwrap_or_else(|_| "10000,100000,1000000".into());
    spec.split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect()
}

fn cache_dir() -> PathBuf {
    if let Ok(d) = std::env::var("YUFANG_BENCH_DIR") {
        return PathBuf::from(d);
    }
    // The bench runs as <target>/release/deps/yufang-<hash>.
    let exe = std::env::current_exe().unwrap();
    let target = exe
        .ancestors()
        .nth(3)
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf);
    target.join("bench-stores")
}

/// The generated store of `n` suggestions, generated on first use.
fn store_path(n: u64) -> PathBuf {
    let dir = cache_dir();
    std::fs::create_dir_all(&dir).unwrap();
    // Keyed on the generator's version and the schema's text, so a changed migration regenerates.
    let schema = fnv1a(&MIGRATIONS.concat());
    let path = dir.join(format!(
        "office-{n}-seed{SEED}-gen{GEN_VERSION}-schema{}-{}.db",
        schema_version(),
        &schema[..8]
    ));
    if !path.exists() {
        let tmp = path.with_extension("tmp");
        for ext in ["tmp", "tmp-wal", "tmp-shm", "tmp-journal"] {
            let _ = std::fs::remove_file(path.with_extension(ext));
        }
        let started = Instant::now();
        let mut store = Store::open(&tmp, rules(), today()).unwrap();
        generate(
            &mut store,
            &Options {
                suggestions: n,
                seed: SEED,
            },
        )
        .unwrap();
        drop(store);
        std::fs::rename(&tmp, &path).unwrap();
        eprintln!(
            "generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// Store::open + App::new + the first load at 200×50, as the live app does before its first full frame.
fn open_app(path: &Path) -> App {
    let store = Store::open(path, rules(), today()).unwrap();
    let mut app = App::new(store, Lang::En);
    app.resize(WIDTH, HEIGHT);
    app.reload();
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn char_key(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

/// Every timed key press, by scenario and store size, for the percentile table.
static SAMPLES: Mutex<BTreeMap<(String, u64), Vec<Duration>>> = Mutex::new(BTreeMap::new());

struct Screen {
    app: App,
    term: Terminal<TestBackend>,
    theme: Theme,
}

impl Screen {
    fn new(path: &Path) -> Screen {
        let mut s = Screen {
            app: open_app(path),
            term: Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap(),
            theme: Theme::plain(),
        };
        s.frame();
        s
    }

    fn frame(&mut self) {
        let (app, theme) = (&self.app, &self.theme);
        self.term.draw(|f| ui::draw(f, app, theme)).unwrap();
    }

    /// One key and the frame after it.
    fn press(&mut self, k: KeyEvent) -> Duration {
        let t = Instant::now();
        self.app.handle_key(k);
        self.frame();
        t.elapsed()
    }

    fn go(&mut self, pane: Pane) {
        while self.app.pane != pane {
            self.press(key(KeyCode::Tab));
        }
    }
}

/// A key scenario: `prepare` runs untimed before each timed press (e.g. back to the top after a while).
struct Scenario {
    name: &'static str,
    pane: Pane,
    timed: Vec<KeyEvent>,
    /// Untimed keys before each round of `timed` keys.
    before: Vec<KeyEvent>,
    /// Untimed keys after each round.
    after: Vec<KeyEvent>,
    /// Rounds between two presses of `reset` (untimed).
    reset_every: u64,
    reset: Vec<KeyEvent>,
}

fn scenarios() -> Vec<Scenario> {
    let none = Vec::new;
    vec![
        Scenario {
            name: "today_down",
            pane: Pane::Today,
            timed: vec![char_key('j')],
            before: none(),
            after: none(),
            reset_every: 300,
            reset: vec![char_key('g')],
        },
        Scenario {
            name: "list_down",
            pane: Pane::Suggestions,
            timed: vec![char_key('j')],
            before: none(),
            after: none(),
            reset_every: 300,
            reset: vec![char_key('g')],
        },
        Scenario {
            name: "switch_pane",
            pane: Pane::Today,
            timed: vec![key(KeyCode::Tab)],
            before: none(),
            after: none(),
            reset_every: u64::MAX,
            reset: none(),
        },
        Scenario {
            name: "page_down",
            pane: Pane::Suggestions,
            timed: vec![key(KeyCode::PageDown)],
            before: none(),
            after: none(),
            reset_every: 100,
            reset: vec![char_key('g')],
        },
        Scenario {
            name: "list_end",
            pane: Pane::Suggestions,
            timed: vec![char_key('G')],
            before: none(),
            after: vec![char_key('g')],
            reset_every: u64::MAX,
            reset: none(),
        },
        Scenario {
            // PgUp from the last page: a window as deep as the list goes.
            name: "page_up_end",
            pane: Pane::Suggestions,
            timed: vec![key(KeyCode::PageUp)],
            before: vec![char_key('G')],
            after: none(),
            reset_every: u64::MAX,
            reset: none(),
        },
        Scenario {
            name: "units_end",
            pane: Pane::Units,
            timed: vec![char_key('G')],
            before: none(),
            after: vec![char_key('g')],
            reset_every: u64::MAX,
            reset: none(),
        },
        Scenario {
            // `l` focuses the prevention-work list below the units.
            name: "activities_end",
            pane: Pane::Units,
            timed: vec![char_key('G')],
            before: vec![char_key('l')],
            after: vec![char_key('g')],
            reset_every: u64::MAX,
            reset: none(),
        },
        Scenario {
            name: "filter_char",
            pane: Pane::Suggestions,
            // Typing 医保 (medical insurance): the first character, then the second.
            timed: vec![char_key('医'), char_key('保')],
            before: vec![char_key('/')],
            after: vec![key(KeyCode::Esc)],
            reset_every: u64::MAX,
            reset: none(),
        },
    ]
}

fn bench_open(c: &mut Criterion, sizes: &[(u64, PathBuf)]) {
    let mut g = c.benchmark_group("open_today");
    g.sample_size(10);
    g.sampling_mode(SamplingMode::Flat);
    for (n, path) in sizes {
        g.bench_with_input(BenchmarkId::from_parameter(n), path, |b, p| {
            b.iter(|| black_box(open_app(p)))
        });
    }
    g.finish();
}

fn bench_keys(c: &mut Criterion, sizes: &[(u64, PathBuf)]) {
    for sc in scenarios() {
        let mut g = c.benchmark_group(format!("key_{}", sc.name));
        // Flat sampling: a press that takes seconds on a large store is not repeated 200 times.
        g.sample_size(10);
        g.sampling_mode(SamplingMode::Flat);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(3));
        for (n, path) in sizes {
            let mut screen = Screen::new(path);
            screen.go(sc.pane);
            let mut rounds = 0u64;
            g.bench_function(BenchmarkId::from_parameter(n), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    let mut done = 0;
                    while done < iters {
                        for k in &sc.before {
                            screen.press(*k);
                        }
                        // Whole rounds, so every timed key of a round is measured (the filter's second
                        // character too); the total is scaled back to `iters` presses below.
                        for (i, k) in sc.timed.iter().enumerate() {
                            let d = screen.press(*k);
                            total += d;
                            done += 1;
                            let name = if sc.timed.len() > 1 {
                                format!("{}_{}", sc.name, i + 1)
                            } else {
                                sc.name.to_string()
                            };
                            SAMPLES
                                .lock()
                                .unwrap()
                                .entry((name, *n))
                                .or_default()
                                .push(d);
                        }
                        for k in &sc.after {
                            screen.press(*k);
                        }
                        rounds += 1;
                        if rounds.is_multiple_of(sc.reset_every) {
                            for k in &sc.reset {
                                screen.press(*k);
                            }
                        }
                    }
                    total.mul_f64(iters as f64 / done as f64)
                })
            });
        }
        g.finish();
    }
}

/// The deadline engine alone: the reply deadline of 1,000,000 suggestions received on as many days spread
/// over 20 years (inside and outside the holiday table).
fn bench_deadlines(c: &mut Criterion) {
    let rules = rules();
    let start = NaiveDate::from_ymd_opt(2006, 6, 1).unwrap();
    let mut s = Suggestion::new("t", 1);
    let mut g = c.benchmark_group("deadlines");
    g.sample_size(10);
    g.bench_function("1000000_reply_dates", |b| {
        b.iter(|| {
            let mut last = None;
            for i in 0..1_000_000u64 {
                let d = start + chrono::Days::new(i % 7305);
                s.issued_on = Some(d);
                s.received_on = Some(d);
                last = black_box(s.deadlines(&rules).dates().reply);
            }
            last
        })
    });
    g.finish();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report_percentiles() {
    let samples = SAMPLES.lock().unwrap();
    if samples.is_empty() {
        return;
    }
    let mut out = String::from("key\tsuggestions\tpresses\tmedian_ms\tp99_ms\tmax_ms\n");
    println!("\nkey-to-frame, every timed press (200x50 TestBackend):");
    println!(
        "{:<16} {:>11} {:>8} {:>10} {:>10} {:>10}",
        "key", "suggestions", "presses", "median ms", "p99 ms", "max ms"
    );
    for ((name, n), v) in samples.iter() {
        let mut v = v.clone();
        v.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let (p50, p99, max) = (
            ms(percentile(&v, 0.5)),
            ms(percentile(&v, 0.99)),
            ms(percentile(&v, 1.0)),
        );
        println!(
            "{name:<16} {n:>11} {:>8} {p50:>10.3} {p99:>10.3} {max:>10.3}",
            v.len()
        );
        out.push_str(&format!(
            "{name}\t{n}\t{}\t{p50:.3}\t{p99:.3}\t{max:.3}\n",
            v.len()
        ));
    }
    let _ = std::fs::write(cache_dir().join("keys.tsv"), out);
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let sizes: Vec<(u64, PathBuf)> = sizes().into_iter().map(|n| (n, store_path(n))).collect();
    bench_deadlines(&mut c);
    bench_open(&mut c, &sizes);
    bench_keys(&mut c, &sizes);
    c.final_summary();
    report_percentiles();
}
