//! The terminal side of the full-screen app: raw mode, the event loop, restoring the terminal.

use std::io::IsTerminal;
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
    // try_init enters raw mode and the alternate screen and installs a panic hook that restores the terminal.
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app, &theme, clock, notices.as_ref());
    let restored = ratatui::try_restore();
    result.and(restored)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    clock: Option<fn() -> NaiveDate>,
    mut notices: Option<&Receiver<String>>,
) -> std::io::Result<()> {
    // A filter's read gives way to the next key instead of holding it up.
    app.input_waiting = Some(|| event::poll(Duration::ZERO).unwrap_or(false));
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    // The first frame comes before the first query, so the screen never stays blank.
    terminal.draw(|f| ui::draw(f, app, theme))?;
    app.reload();
    let mut dirty = true;
    loop {
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
        if !event::poll(Duration::ZERO)? && app.load_rest_of_today() {
            terminal.draw(|f| ui::draw(f, app, theme))?;
        }
        // Block until input (no fixed-rate tick: idle CPU stays at zero); while the backup may still report,
        // wake a little more often to show its message.
        let wait = if notices.is_some() {
            NOTICE_CHECK
        } else {
            CLOCK_CHECK
        };
        if event::poll(wait)? {
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
                if app.quit || !event::poll(Duration::ZERO)? {
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
