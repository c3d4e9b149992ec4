//! The deadline calendar: a month grid (Monday or Sunday first) with per-day counts by kind, holiday and
//! adjusted-working-day marks, and the agenda of the cursor day or week.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::table::{fixed, flex, marker, row, widths};
use super::{Theme, centered};
use crate::app::App;
use crate::app::calendar::DatePicker;
use crate::domain::calendar::{DueKind, month_weeks};
use crate::domain::deadline::DayKind;
use crate::domain::due::is_late;
use crate::i18n::{K, Lang, days_short};
use crate::text::{pad, truncate, width};

fn month_title(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月", d.year(), d.month()),
        Lang::En => d.format("%B %Y").to_string(),
    }
}

/// The weekday header, one label per column, each centred in `cell` cells.
fn weekday_header(monday_first: bool, lang: Lang, cell: usize) -> String {
    let names = lang.t(if monday_first {
        K::CalWeekdaysMon
    } else {
        K::CalWeekdaysSun
    });
    names
        .split(' ')
        .map(|n| pad(&format!(" {n}"), cell))
        .collect()
}

/// "R2 F !" for a day: counts by kind, overdue marked with `!`.
/// A day's marks, `R2V` style, in the legend's order; whether any of them is overdue.
fn marks(counts: &[(DueKind, usize)], day: NaiveDate, today: NaiveDate) -> (String, bool) {
    let mut out = String::new();
    for k in DueKind::ALL {
        let n: usize = counts.iter().filter(|(c, _)| *c == k).map(|(_, n)| n).sum();
        match n {
            0 => {}
            1 => out.push(k.mark()),
            n => out.push_str(&format!("{}{n}", k.mark())),
        }
    }
    // Only open deadlines are counted, so the domain's rule for an owed date says whether they are late.
    (out, !counts.is_empty() && is_late(day, today))
}

/// One day cell: `cell_h` lines of `cell_w` cells.
fn day_cell<'a>(
    app: &App,
    theme: &Theme,
    day: NaiveDate,
    month: u32,
    cell_w: usize,
    cell_h: usize,
) -> Vec<Span<'a>> {
    let lang = app.lang;
    let today = app.today();
    let cursor = app.calendar.cursor;
    let kind = app.day_kind(day);
    let hol = match kind {
        DayKind::Holiday => lang.t(K::MarkHoliday),
        DayKind::AdjustedWorkday => lang.t(K::MarkWorkday),
        _ => "",
    };
    let num = if day == today {
        format!("[{:>2}]", day.day())
    } else {
        format!(" {:>2} ", day.day())
    };
    let lead = if day == cursor { "›" } else { " " };
    let first = pad(&format!("{lead}{num}{hol}"), cell_w);
    let mut style = Style::default();
    if day.month() != month {
        style = style.add_modifier(Modifier::DIM);
    } else if kind.is_rest() {
        style = style.add_modifier(Modifier::ITALIC);
    }
    if day == today {
        style = style.add_modifier(Modifier::BOLD);
    }
    if day == cursor {
        style = style.add_modifier(Modifier::REVERSED);
    }
    let (m, late) = marks(app.counts_on(day), day, today);
    let m = if late { format!("!{m}") } else { m };
    let mark_style = if late { theme.overdue() } else { theme.soon() };
    let mut lines = vec![Span::styled(first, style)];
    // The marks wrap over the remaining lines of the cell.
    let body_w = cell_w.saturating_sub(1).max(1);
    let chars: Vec<char> = m.chars().collect();
    for i in 1..cell_h {
        let start = (i - 1) * body_w;
        let part: String = chars.iter().skip(start).take(body_w).collect();
        lines.push(Span::styled(pad(&format!(" {part}"), cell_w), mark_style));
    }
    lines
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let monday = app.monday_first();
    let cursor = app.calendar.cursor;
    let weeks = month_weeks(cursor.year(), cursor.month(), monday);
    let side = area.width >= 110;
    let grid_w = if side {
        (area.width * 3 / 5).clamp(56, 98)
    } else {
        area.width
    };
    let cell_w = usize::from(grid_w / 7).max(6);
    let legend_h = 1;
    let avail = usize::from(area.height).saturating_sub(2 + legend_h);
    let (cell_h, agenda_h) = if side {
        (
            (avail / weeks.len().max(1)).clamp(2, 3),
            usize::from(area.height),
        )
    } else {
        let min_agenda = 4;
        let cell_h = (avail.saturating_sub(min_agenda) / weeks.len().max(1)).clamp(2, 3);
        (cell_h, avail.saturating_sub(cell_h * weeks.len()))
    };

    let mut lines: Vec<Line> = Vec::new();
    let title = format!(
        "{}   {}",
        month_title(cursor, lang),
        app.lang.f(K::TodayIs, &[&app.today()])
    );
    lines.push(Line::from(Span::styled(title, theme.heading())));
    lines.push(Line::from(Span::styled(
        weekday_header(monday, lang, cell_w),
        theme.header_row(),
    )));
    for week in &weeks {
        let cells: Vec<Vec<Span>> = week
            .iter()
            .map(|d| day_cell(app, theme, *d, cursor.month(), cell_w, cell_h))
            .collect();
        for i in 0..cell_h {
            lines.push(Line::from(
                cells
                    .iter()
                    .filter_map(|c| c.get(i).cloned())
                    .collect::<Vec<_>>(),
            ));
        }
    }
    let grid_h = lines.len() as u16;
    let grid_area = Rect {
        x: area.x,
        y: area.y,
        width: grid_w.min(area.width),
        height: grid_h.min(area.height),
    };
    frame.render_widget(Paragraph::new(lines), grid_area);
    let legend_area = Rect {
        x: area.x,
        y: area.y + area.height.saturating_sub(1),
        width: area.width,
        height: 1,
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(lang.t(K::CalLegend), usize::from(area.width)),
            theme.dim(),
        )),
        legend_area,
    );
    let agenda_area = if side {
        Rect {
            x: area.x + grid_w + 1,
            y: area.y,
            width: area.width.saturating_sub(grid_w + 1),
            height: area.height.saturating_sub(1),
        }
    } else {
        Rect {
            x: area.x,
            y: area.y + grid_h,
            width: area.width,
            height: (agenda_h as u16).min(area.height.saturating_sub(grid_h + 1)),
        }
    };
    agenda(frame, agenda_area, app, theme);
}

fn agenda(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 || area.width < 10 {
        return;
    }
    let lang = app.lang;
    let c = &app.calendar;
    let day = c.cursor;
    let head = if c.week_agenda {
        lang.f(K::CalAgendaWeek, &[&day])
    } else {
        lang.f(
            K::CalAgendaDay,
            &[&format!("{day} {}", weekday_name(day, lang))],
        )
    };
    let items = app.agenda();
    let mut lines = vec![Line::from(Span::styled(
        format!("{head} ({})", items.len()),
        theme.heading(),
    ))];
    let w = widths(
        &[
            fixed(1),
            fixed(1),
            fixed(if c.week_agenda { 5 } else { 0 }),
            fixed(if lang == Lang::Zh { 8 } else { 13 }),
            fixed(18),
            flex(6, 2),
            fixed(12),
        ],
        area.width,
    );
    if items.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("   {}", lang.t(K::HNothing)),
            theme.dim(),
        )));
    }
    let visible = usize::from(area.height).saturating_sub(1).max(1);
    let first = (c.agenda_cursor + 1).saturating_sub(visible);
    for (i, it) in items.iter().enumerate().skip(first).take(visible) {
        let sel = i == c.agenda_cursor;
        let late = it.overdue();
        let style = if late {
            theme.overdue()
        } else {
            Style::default()
        };
        let status = days_short(lang, it.days_overdue);
        lines.push(row(
            vec![
                marker(sel),
                (if late { "!".into() } else { " ".into() }, style),
                (it.date.format("%m-%d").to_string(), Style::default()),
                (it.kind.label(lang).into(), Style::default()),
                (
                    it.number.clone().unwrap_or_else(|| it.title.clone()),
                    Style::default(),
                ),
                (it.unit.clone().unwrap_or_default(), Style::default()),
                (status, style),
            ],
            &w,
            theme.row(sel),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn weekday_name(d: NaiveDate, lang: Lang) -> String {
    let names = lang.t(K::CalWeekdaysMon);
    let i = d.weekday().num_days_from_monday() as usize;
    names.split(' ').nth(i).unwrap_or("").to_string()
}

/// The small month grid of the date picker.
pub fn date_picker(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, p: &DatePicker) {
    let lang = app.lang;
    let monday = app.monday_first();
    let weeks = month_weeks(p.date.year(), p.date.month(), monday);
    let cell = 4usize;
    let mut lines = vec![
        Line::from(Span::styled(month_title(p.date, lang), theme.heading())),
        Line::from(Span::styled(
            weekday_header(monday, lang, cell),
            theme.header_row(),
        )),
    ];
    for week in &weeks {
        let spans: Vec<Span> = week
            .iter()
            .map(|d| {
                let kind = app.day_kind(*d);
                let mut style = Style::default();
                if d.month() != p.date.month() {
                    style = style.add_modifier(Modifier::DIM);
                } else if kind.is_rest() {
                    style = style.add_modifier(Modifier::ITALIC);
                }
                if *d == p.date {
                    style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
                }
                let text = if *d == app.today() {
                    format!("[{:>2}]", d.day())
                } else {
                    format!(" {:>2} ", d.day())
                };
                Span::styled(text, style)
            })
            .collect();
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        p.date.to_string(),
        theme.heading(),
    )));
    let hint = lang.t(K::DatePickerHint);
    let w = (cell * 7 + 2).max(width(hint).min(60) + 2) as u16;
    let r = centered(area, w, lines.len() as u16 + 3);
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {} ", lang.t(K::DatePickerTitle)),
            theme.heading(),
        ))
        .title_bottom(Span::styled(
            truncate(hint, usize::from(w.saturating_sub(2))),
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(lines).block(block), r);
}
