//! The Plan & statistics pane: the lines the app laid out for the year, drawn to the width (a number is
//! never cut: labels and bars give way first), scrolled so the selected figure stays in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::App;
use crate::app::stats::StatLine;
use crate::i18n::K;
use crate::text::{pad, pad_left, truncate, width};

/// `[████░░░░]`-style bar of `value` (with `part` of it solid) on a scale of `max` in `w` cells.
fn bar(value: i64, part: Option<i64>, max: i64, w: usize) -> String {
    if w == 0 || max <= 0 {
        return " ".repeat(w);
    }
    let cells = |v: i64| ((v.max(0) as u128 * w as u128).div_ceil(max as u128) as usize).min(w);
    let all = cells(value);
    let solid = part.map_or(all, |p| cells(p.min(value)));
    let light = if part.is_some() { '░' } else { '█' };
    format!(
        "{}{}{}",
        "█".repeat(solid),
        light.to_string().repeat(all - solid),
        " ".repeat(w - all)
    )
}

/// A gauge of `done` against `target`, `w` cells between brackets.
fn gauge(done: i64, target: i64, w: usize) -> String {
    if w < 3 {
        return String::new();
    }
    let inner = w - 2;
    let filled = if target <= 0 {
        inner
    } else {
        ((done.max(0) as u128 * inner as u128) / target as u128).min(inner as u128) as usize
    };
    format!("[{}{}]", "█".repeat(filled), "·".repeat(inner - filled))
}

/// Label, middle and value in `w` cells: the value whole at the right, the label cut first, the middle
/// (a bar) only where there is room.
fn row(label: &str, middle: &str, value: &str, w: usize, label_w: usize) -> String {
    let vw = width(value);
    let lw = label_w.min(w.saturating_sub(vw + 2));
    let label = pad(&truncate(label, lw), lw);
    let rest = w.saturating_sub(lw + vw + 2);
    let mid = if width(middle) <= rest && !middle.is_empty() {
        pad(middle, rest)
    } else {
        " ".repeat(rest)
    };
    format!("{label} {mid} {value}")
}

fn text_of(line: &StatLine, w: usize, app: &App) -> String {
    let label_w = (w / 3).clamp(10, 28);
    match line {
        StatLine::Heading(h) | StatLine::Text(h) => truncate(h, w),
        StatLine::Gauge {
            label,
            done,
            target,
        } => {
            let (value, g) = match target {
                Some(t) => {
                    // Values in one column so the gauges line up.
                    let v = pad_left(&crate::domain::stats::Rate::new(*done, *t).text(), 18);
                    let g = w.saturating_sub(label_w + width(&v) + 2);
                    (v, g)
                }
                None => (format!("{done} · {}", app.t(K::StNoTarget)), 0),
            };
            let g = target.map_or(String::new(), |t| gauge(*done, t, g.min(30)));
            row(label, &g, &value, w, label_w)
        }
        StatLine::Figure {
            label,
            value,
            change,
        } => {
            // The value in a column of its own, the change beside it where the width allows.
            let value = pad_left(value, 18);
            let both = format!("{value}  {}", pad(change, 16));
            let v = if width(&both) + 20 <= w { both } else { value };
            row(label, "", &v, w, w)
        }
        StatLine::Bar {
            label,
            value,
            part,
            max,
        } => {
            let v = match part {
                Some(p) => format!("{value} · {p}"),
                None => value.to_string(),
            };
            let room = w.saturating_sub(label_w + width(&v) + 2).min(40);
            row(label, &bar(*value, *part, *max, room), &v, w, label_w)
        }
        StatLine::Risk {
            industry,
            cases,
            similar,
            industry_suggestions,
            flagged,
        } => {
            let flag = if *flagged { "⚑" } else { " " };
            let v = format!("{cases:>4} · {similar:>3} / {industry_suggestions:<3} {flag}");
            row(industry, "", &v, w, label_w)
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let p = &app.stats;
    // Wider than 100 cells the lines would only spread apart: they keep to the left.
    let w = usize::from(area.width).min(100);
    let h = usize::from(area.height);
    if h == 0 {
        return;
    }
    let as_of = p.view.as_ref().map_or(app.today(), |v| v.as_of);
    let title = app.lang.f(K::StPaneTitle, &[&p.year, &as_of]);
    let mut lines = vec![Line::from(Span::styled(
        truncate(&title, w),
        theme.heading(),
    ))];
    let body = h - 1;
    // Keep the selected figure in the middle of the screen once it is past the first half.
    let start = p
        .cursor
        .saturating_sub(body / 2)
        .min(p.items.len().saturating_sub(body));
    for (i, it) in p.items.iter().enumerate().skip(start).take(body) {
        let selected = i == p.cursor && it.drill.is_some();
        let text = match &it.line {
            StatLine::Heading(_) => text_of(&it.line, w, app),
            _ => {
                let mark = if selected { "› " } else { "  " };
                format!("{mark}{}", text_of(&it.line, w.saturating_sub(2), app))
            }
        };
        let style = match &it.line {
            _ if selected => theme.cursor(),
            StatLine::Heading(_) => theme.heading(),
            StatLine::Text(_) => theme.dim(),
            StatLine::Risk { flagged: true, .. } => theme.overdue(),
            _ => Style::default(),
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
