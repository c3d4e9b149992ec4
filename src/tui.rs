//! The terminal side of the full-screen app: raw mode, the event loop, restoring the terminal, and leaving
//! cleanly when stopped (SIGTERM, SIGHUP, SIGINT, a panic) with the unsaved form text kept as a draft.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::crossterm::event::{self, Event};

use crate::app::App;
use crate::ui::{self, Theme};

/// How often the loop wakes without input, only to notice that the date changed at midnight.
const CLOCK_CHECK: Duration = Duration::from_secs(60);
/// How often the loop looks for a message from the background backup.
const NOTICE_CHECK: Duration = Duration::from_secs(2);

/// How often the loop looks whether a signal asked it to stop.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// The signal that stopped the app, if one did (for the exit code, 128 + signal).
static STOPPED_BY: AtomicI32 = AtomicI32::new(0);
/// Set by the waiting-for-a-lock notice, which draws outside ratatui: the next frame is drawn in full.
static SCREEN_TOUCHED: AtomicBool = AtomicBool::new(false);

/// How long the drain loop waits for the rest of a burst before it draws. crossterm's tty source (the
/// `use-dev-tty` feature, level-triggered, so a burst of more than its 1,024-byte buffer is not left unread)
/// reads nothing at all for `poll(Duration::ZERO)`; any timeout above zero reads what is there, and a
/// millisecond is below what anyone sees.
const DRAIN_WAIT: Duration = Duration::from_millis(1);
/// The timeout of [`key_waiting`]: above zero, so that the tty is looked at, and short enough to be one
/// `poll(2)` call (it is asked every few thousand SQLite steps while a filter reads).
const KEY_CHECK: Duration = Duration::from_micros(2);

/// Whether a key is waiting, without waiting for one.
fn key_waiting() -> std::io::Result<bool> {
    event::poll(KEY_CHECK)
}

/// The stopping signals, each with the flag its handler sets.
struct Signals(Vec<(i32, Arc<AtomicBool>)>);

impl Signals {
    fn caught(&self) -> Option<i32> {
        self.0
            .iter()
            .find(|(_, f)| f.load(Ordering::Relaxed))
            .map(|(s, _)| *s)
    }
}

/// The signal that ended the last [`run`], if any.
pub fn stopped_by_signal() -> Option<i32> {
    match STOPPED_BY.load(Ordering::Relaxed) {
        0 => None,
        s => Some(s),
    }
}

/// The draft file of the store at `store`: `<stem>.draft.json` beside it.
pub fn draft_path(store: &Path) -> PathBuf {
    let stem = store
        .file_stem()
        .map_or_else(|| "yufang".into(), |s| s.to_string_lossy().into_owned());
    store.with_file_name(format!("{stem}.draft.json"))
}

/// Keeps the unsaved form text, if there is any (best effort: the app is stopping).
fn keep_draft(app: &App) {
    if let Some(d) = app.unsaved_draft() {
        let _ =
            crate::outfile::write_private(&draft_path(app.store_path()), d.to_json().as_bytes());
    }
}

/// Opens the draft a stopped session left, once: the file is removed whether or not it could be used.
fn offer_draft(app: &mut App) {
    let path = draft_path(app.store_path());
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let _ = std::fs::remove_file(&path);
    if let Some(d) = crate::app::form::draft::Draft::from_json(&text) {
        app.restore_draft(d);
    }
}

/// A short crash report in the store's folder, private: what failed and where, nothing of the records.
fn write_crash_report(store: &Path, what: &str) -> Option<PathBuf> {
    let dir = store
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let at = chrono::Local::now();
    let path = dir.join(format!("yufang-crash-{}.txt", at.format("%Y%m%d-%H%M%S")));
    let text = format!(
        "yufang {} stopped on an internal error at {}\n{what}\n",
        env!("CARGO_PKG_VERSION"),
        at.to_rfc3339()
    );
    crate::outfile::write_private(&path, text.as_bytes()).ok()?;
    Some(path)
}

/// The last panic's message and place, recorded by the hook for the crash report.
static PANIC_TEXT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Draws "waiting for another yufang…" on the bottom line, outside ratatui (a write is waiting inside the
/// store, in the middle of handling a key).
fn show_waiting(text: &str) {
    use ratatui::crossterm::{cursor, execute, style, terminal};
    let rows = terminal::size().map_or(1, |(_, h)| h);
    let _ = execute!(
        std::io::stdout(),
        cursor::MoveTo(0, rows.saturating_sub(1)),
        terminal::Clear(terminal::ClearType::CurrentLine),
        style::Print(text)
    );
    SCREEN_TOUCHED.store(true, Ordering::Relaxed);
}

/// Whether a full screen can be used here.
pub fn available() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// Runs the app until the user quits. `clock` gives today's date; it is `None` when `--today` fixed the day.
/// `notices` carries messages from work running beside the app (the daily backup) to the message line.
pub fn run(
    app: &mut App,
    clock: Option<fn() -> NaiveDate>,
    notices: Option<Receiver<String>>,
) -> std::io::Result<()> {
    let theme = Theme::from_env();
    let mut flags = Vec::new();
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let flag = Arc::new(AtomicBool::new(false));
        // The first signal only sets the flag, which the loop reads; a second one, if the app is stuck in a
        // long write, ends it at once.
        signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&flag))?;
        signal_hook::flag::register(sig, Arc::clone(&flag))?;
        flags.push((sig, flag));
    }
    let stop = Signals(flags);
    let wait_text = app.t(crate::i18n::K::StoreWaiting).to_string();
    app.set_store_on_wait(Some(Box::new(move || show_waiting(&wait_text))));
    // Record the panic's text for the report, then let the default hook print it (after ratatui's hook,
    // installed by try_init around this one, has restored the terminal).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut t) = PANIC_TEXT.lock() {
            *t = info.to_string();
        }
        default_hook(info);
    }));
    // try_init enters raw mode and the alternate screen and installs a panic hook that restores the terminal.
    let mut terminal = ratatui::try_init()?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, app, &theme, clock, notices.as_ref(), &stop)
    }));
    let restored = ratatui::try_restore();
    let _ = std::panic::take_hook();
    match result {
        Ok(result) => {
            if let Some(sig) = stop.caught() {
                keep_draft(app);
                STOPPED_BY.store(sig, Ordering::Relaxed);
            }
            result.and(restored)
        }
        Err(_) => {
            keep_draft(app);
            let what = PANIC_TEXT.lock().map(|t| t.clone()).unwrap_or_default();
            let report = write_crash_report(app.store_path(), &what);
            let shown = report.map_or_else(|| "-".to_string(), |p| p.display().to_string());
            Err(std::io::Error::other(
                app.lang.f(crate::i18n::K::CrashSaved, &[&shown]),
            ))
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    clock: Option<fn() -> NaiveDate>,
    mut notices: Option<&Receiver<String>>,
    stop: &Signals,
) -> std::io::Result<()> {
    // A filter's read gives way to the next key instead of holding it up.
    app.input_waiting = Some(|| key_waiting().unwrap_or(false));
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    // The first frame comes before the first query, so the screen never stays blank.
    terminal.draw(|f| ui::draw(f, app, theme))?;
    app.reload();
    offer_draft(app);
    if let Some(mode) = app.store_loose_mode() {
        let path = app.store_path().display().to_string();
        let msg = app.lang.f(
            crate::i18n::K::StoreLooseMode,
            &[&path, &format!("{mode:o}")],
        );
        app.message = Some((crate::app::Tone::Error, msg));
    }
    let mut dirty = true;
    loop {
        if stop.caught().is_some() {
            return Ok(());
        }
        // A damaged store says so whenever the message line is free: it is read-only until restored.
        if app.message.is_none()
            && let Some(problem) = app.store_damaged()
        {
            let path = app.store_path();
            let backups = path.with_file_name("backups").display().to_string();
            let msg = app.lang.f(
                crate::i18n::K::StoreDamagedBanner,
                &[&backups, &path.display(), &problem],
            );
            app.message = Some((crate::app::Tone::Error, msg));
            dirty = true;
        }
        if SCREEN_TOUCHED.swap(false, Ordering::Relaxed) {
            terminal.clear()?;
            dirty = true;
        }
        if let Some(n) = notices {
            match n.try_recv() {
                Ok(msg) => {
                    app.message = Some((crate::app::Tone::Error, msg));
                    dirty = true;
                }
                // The backup is done: back to sleeping until a key.
                Err(TryRecvError::Disconnected) => notices = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if dirty {
            terminal.draw(|f| ui::draw(f, app, theme))?;
            dirty = false;
        }
        if app.quit {
            return Ok(());
        }
        // The screen shows the typed filter; now read the list for it, unless another key comes first.
        if app.run_pending() {
            terminal.draw(|f| ui::draw(f, app, theme))?;
        }
        // Idle right after the first frame: fetch the rest of Today before the first key needs it.
        if !key_waiting()? && app.load_rest_of_today() {
            terminal.draw(|f| ui::draw(f, app, theme))?;
        }
        // Block until input (no fixed-rate tick: idle CPU stays at zero); while the backup may still report,
        // wake a little more often to show its message.
        let wait = if notices.is_some() {
            NOTICE_CHECK
        } else {
            CLOCK_CHECK
        };
        // Woken a few times a second at most, to notice a signal; the clock is still looked at only when
        // the longer wait has passed.
        let mut waited = Duration::ZERO;
        let mut got = false;
        while waited < wait && stop.caught().is_none() {
            if event::poll(SIGNAL_CHECK)? {
                got = true;
                break;
            }
            waited += SIGNAL_CHECK;
        }
        if stop.caught().is_some() {
            return Ok(());
        }
        if got {
            // Drain whatever is queued before drawing again, so fast typing never lags behind.
            loop {
                match event::read()? {
                    Event::Key(k) => {
                        app.handle_key(k);
                        dirty = true;
                    }
                    Event::Resize(w, h) => {
                        app.resize(w, h);
                        dirty = true;
                    }
                    Event::FocusGained | Event::Paste(_) => dirty = true,
                    _ => {}
                }
                if app.quit || !event::poll(DRAIN_WAIT)? {
                    break;
                }
            }
        } else if let Some(now) = clock {
            let today = now();
            if today != app.today() {
                app.set_today(today);
                dirty = true;
            }
        }
    }
}
