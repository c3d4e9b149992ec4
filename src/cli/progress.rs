//! A progress bar on stderr for long imports and exports: drawn only when stderr is a terminal and the work
//! has taken more than a moment, so pipes, scripts and tests see nothing.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Draws `label [#####.....] 45%` on one stderr line, at most ten times a second.
pub struct Bar {
    label: String,
    on: bool,
    started: Instant,
    last: Option<Instant>,
}

const WIDTH: u64 = 30;
const QUIET_START: Duration = Duration::from_millis(400);
const EVERY: Duration = Duration::from_millis(100);

impl Bar {
    pub fn new(label: &str) -> Bar {
        Bar {
            label: label.to_string(),
            on: std::io::stderr().is_terminal(),
            started: Instant::now(),
            last: None,
        }
    }

    pub fn tick(&mut self, done: u64, total: u64) {
        if !self.on || total == 0 || self.started.elapsed() < QUIET_START {
            return;
        }
        if self.last.is_some_and(|l| l.elapsed() < EVERY) && done < total {
            return;
        }
        self.last = Some(Instant::now());
        let done = done.min(total);
        let filled = done * WIDTH / total;
        let bar: String = (0..WIDTH)
            .map(|i| if i < filled { '#' } else { '.' })
            .collect();
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{} [{bar}] {:>3}% ", self.label, done * 100 / total);
        let _ = err.flush();
    }

    /// Clears the bar's line (if it was ever drawn).
    pub fn finish(&mut self) {
        if self.last.take().is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.finish();
    }
}
