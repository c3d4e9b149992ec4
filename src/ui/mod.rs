//! Drawing only: every function reads `&App` and never loads, touches the store or computes a deadline.
//! One file per pane, plus the form, help, detail and data windows. The room imports `app` (its state, view
//! types and keymap), `i18n` and `text`; never `store`.

mod calendar;
mod cases;
mod data;
mod detail;
pub mod form;
mod help;
pub mod measure_walk;
mod stats;
mod suggestions;
pub mod table;
pub mod theme;
mod today;
mod units;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::keymap::{self, Action, Binding};
use crate::app::{App, MIN_HEIGHT, MIN_WIDTH, Modal, Pane, Tone};
use crate::i18n::K;
use crate::text::{truncate, width};
pub use theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    // Too narrow for wrapped CJK text (ratatui's wrapping cannot split a wide glyph): a short ASCII hint.
    if area.width < 20 {
        let hint = truncate(
            &format!("{MIN_WIDTH}x{MIN_HEIGHT}"),
            usize::from(area.width),
        );
        frame.render_widget(Paragraph::new(hint), area);
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = app.lang.f(
            K::Enlarge,
            &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
        );
        let p = Paragraph::new(text).wrap(Wrap { trim: true });
        frame.render_widget(p, area);
        return;
    }
    let [bar, body, message, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    pane_bar(frame, bar, app, theme);
    match app.pane {
        Pane::Today => today::draw(frame, body, app, theme),
        Pane::Cases => cases::draw(frame, body, app, theme),
        Pane::Suggestions => suggestions::draw(frame, body, app, theme),
        Pane::Units => units::draw(frame, body, app, theme),
        Pane::Calendar => calendar::draw(frame, body, app, theme),
        Pane::Stats => stats::draw(frame, body, app, theme),
    }
    message_line(frame, message, app, theme);
    status_line(frame, status, app, theme);
    if app.modals.is_empty() {
        return;
    }
    for m in &app.modals {
        // Each layer is compared with what lay under it, so a popup over a detail view is mended too.
        let under = frame.buffer_mut().clone();
        match m {
            Modal::Detail { detail, scroll } => {
                detail::draw(frame, body, app, theme, detail, *scroll)
            }
            Modal::Help { scroll } => help::draw(frame, area, app, theme, *scroll),
            Modal::Form { form, .. } => form::render_form_with(frame, area, form, app.keymap()),
            Modal::Confirm(c) => confirm(frame, area, &c.text, app, theme),
            Modal::DatePicker(p) => calendar::date_picker(frame, area, app, theme, p),
            Modal::Palette(p) => data::palette(frame, area, app, theme, p),
            Modal::History(h) => data::history(frame, area, app, theme, h),
            Modal::Walk { walk, .. } => {
                measure_walk::render_walk(frame, area, walk, app.lang, theme);
            }
        }
        mend_wide_overlaps(&under, frame.buffer_mut());
    }
}

/// A popup drawn over a wide (CJK) character's right half leaves the character's left half in the buffer, and
/// the terminal then paints the whole character over the popup's border. Blank such halves: a wide character
/// that the popups left alone while they changed the cell to its right.
fn mend_wide_overlaps(under: &ratatui::buffer::Buffer, buf: &mut ratatui::buffer::Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let wide = width(buf[(x, y)].symbol()) > 1;
            if wide && buf[(x, y)] == under[(x, y)] && buf[(x + 1, y)] != under[(x + 1, y)] {
                buf[(x, y)].set_symbol(" ");
            }
        }
    }
}

fn pane_bar(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for p in Pane::ALL.iter() {
        let style = if *p == app.pane {
            theme.active_tab()
        } else {
            ratatui::style::Style::default()
        };
        spans.push(Span::styled(
            format!(" {} {} ", p.key(), app.t(p.title())),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    let left_w: usize = spans.iter().map(|s| width(&s.content)).sum();
    let mut right = app.lang.f(K::TodayIs, &[&app.today()]);
    let overdue = app.check.overdue_replies.total;
    if overdue > 0 {
        right = format!("! {} {overdue} · {right}", app.t(K::StateOverdue));
    }
    let room = usize::from(area.width).saturating_sub(left_w + 1);
    let right = truncate(&right, room);
    spans.push(Span::raw(" ".repeat(room.saturating_sub(width(&right)))));
    spans.push(Span::styled(
        right,
        if overdue > 0 {
            theme.overdue()
        } else {
            theme.dim()
        },
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn message_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some((tone, text)) = &app.message {
        // One mark per kind, so a refusal never carries a success tick (and colour is never the only signal).
        let (style, mark) = match tone {
            Tone::Error => (theme.error(), "✗ "),
            Tone::Warn => (theme.soon(), "! "),
            Tone::Info => (theme.done(), "✓ "),
        };
        let text = truncate(&format!("{mark}{text}"), usize::from(area.width));
        frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
    }
}

/// The hint line, from the keymap: the hinted bindings of the contexts in force whose action can act on
/// what is selected, lowest rank first; help and quit keep their room at the end whatever the width.
fn status_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if !app.modals.is_empty() {
        // A modal carries its own hints inside its frame.
        return;
    }
    let ctxs = app.contexts();
    let hints = app.keymap().hints(&ctxs, |a| app.can_act(a));
    let kept = |b: &Binding| matches!(b.action, Action::Help | Action::Quit);
    let cell = |b: &Binding| -> Option<(String, &str, usize)> {
        let key = keymap::key_label(*b.keys.first()?);
        let text = app.t(b.help);
        let w = width(&key) + width(text) + 3;
        Some((key, text, w))
    };
    let reserved: usize = hints
        .iter()
        .filter(|b| kept(b))
        .filter_map(|b| cell(b))
        .map(|c| c.2)
        .sum();
    let mut room = usize::from(area.width).saturating_sub(reserved);
    let mut shown: Vec<&Binding> = Vec::new();
    for b in hints.iter().filter(|b| !kept(b)) {
        let Some((_, _, w)) = cell(b) else {
            continue;
        };
        if w > room {
            continue;
        }
        room -= w;
        shown.push(b);
    }
    shown.extend(hints.iter().filter(|b| kept(b)));
    let mut spans = Vec::new();
    for b in shown {
        if let Some((key, text, _)) = cell(b) {
            spans.push(Span::styled(key, theme.key()));
            spans.push(Span::raw(format!(" {text}  ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A centred box of `w`×`h` cells inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn confirm(frame: &mut Frame, area: Rect, text: &str, app: &App, theme: &Theme) {
    let w = (width(text) as u16 + 4).clamp(30, area.width);
    let r = centered(area, w, 5);
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(app.t(K::ConfirmTitle), theme.heading()));
    frame.render_widget(
        Paragraph::new(text.to_string())
            .wrap(Wrap { trim: true })
            .block(block),
        r,
    );
}

/// Renders one frame of `app` at `width`×`height` as plain text (the `snapshot` command and tests). It only
/// draws: size the app and load its pane first (`App::sized`).
pub fn snapshot(app: &App, width: u16, height: u16, theme: &Theme) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let Ok(mut term) = Terminal::new(TestBackend::new(width, height));
    if term.draw(|f| draw(f, app, theme)).is_err() {
        return String::new();
    }
    buffer_text(term.backend().buffer())
}

/// The buffer's text row by row, wide characters once (their trailing cell skipped), trailing spaces cut.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
