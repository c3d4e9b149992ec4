//! The import preview: how each column was understood (header → field: samples), the records per entity,
//! then every problem and notice with its cell. Drawn from the app's state only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::App;
use crate::app::view::ImportPreview;
use crate::i18n::K;
use crate::text::truncate;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, p: &ImportPreview) {
    let lang = app.lang;
    let r = centered(
        area,
        area.width.saturating_sub(2).min(110),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, r);
    let inner = usize::from(r.width.saturating_sub(2));
    let rep = &p.report;
    let mut lines: Vec<Line> = Vec::new();
    // The selected column's line, so the scroll can keep it in view.
    let mut selected_at = 0u16;
    if rep.columns.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t(K::ImpPvNoColumns),
            theme.dim(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            app.t(K::ImpPvColumns),
            theme.heading(),
        )));
        for (i, c) in rep.columns.iter().enumerate() {
            let sel = i == p.cursor;
            if sel {
                selected_at = lines.len() as u16;
            }
            let column = lang.f(
                K::ImpPvColumn,
                &[
                    &c.header,
                    &p.field_text(c, lang),
                    &c.samples.join(crate::i18n::list_sep(lang)),
                ],
            );
            let text = format!("{} {column}", if sel { "›" } else { " " });
            let style = if c.field.is_none() && !sel {
                theme.dim()
            } else {
                theme.row(sel)
            };
            lines.push(Line::from(Span::styled(truncate(&text, inner), style)));
        }
    }
    lines.push(Line::from(""));
    if rep.problems.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t(K::ImpPvRecords),
            theme.heading(),
        )));
        for (k, c) in &rep.counts {
            lines.push(Line::from(lang.f(
                K::ImpPvCount,
                &[&lang.t(*k), &c.added, &c.updated, &c.skipped],
            )));
        }
    } else {
        lines.push(Line::from(Span::styled(
            lang.f(K::ImpPvProblems, &[&rep.problems.len()]),
            theme.error(),
        )));
        for i in &rep.problems {
            lines.push(Line::from(Span::styled(i.to_string(), theme.error())));
        }
    }
    if !rep.notes.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            app.t(K::ImpPvNotes),
            theme.heading(),
        )));
        for i in &rep.notes {
            lines.push(Line::from(i.to_string()));
        }
    }
    // Keep the selected column in view; PageUp/PageDown scroll the rest.
    let height = r.height.saturating_sub(2);
    let scroll = if selected_at >= p.scroll.saturating_add(height) || selected_at < p.scroll {
        selected_at.saturating_sub(height / 2)
    } else {
        p.scroll
    };
    let name = p.path.file_name().map_or_else(
        || p.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        truncate(&format!(" {} ", lang.f(K::ImpPvTitle, &[&name])), inner),
        theme.heading(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        r,
    );
}
