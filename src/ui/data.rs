//! The command palette and the history of a record.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::App;
use crate::app::data::{History, Palette};
use crate::app::history_text::{action_label, field_label, field_text};
use crate::i18n::K;
use crate::text::{pad, truncate, width};

pub fn palette(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, p: &Palette) {
    let cmds = app.palette_commands(p);
    let w = (area.width.saturating_sub(4)).min(64);
    let h = (cmds.len() as u16 + 4).min(area.height);
    let r = centered(area, w, h);
    frame.render_widget(Clear, r);
    let mut lines = vec![Line::from(vec![
        Span::styled(": ", theme.key()),
        Span::raw(p.query.text().to_string()),
    ])];
    for (i, c) in cmds.iter().enumerate() {
        let sel = i == p.cursor;
        let text = format!("{} {}", if sel { "›" } else { " " }, app.t(c.label()));
        lines.push(Line::from(Span::styled(text, theme.row(sel))));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {} ", app.t(K::PaletteTitle)),
            theme.heading(),
        ))
        .title_bottom(Span::styled(
            truncate(app.t(K::PaletteHint), usize::from(w.saturating_sub(2))),
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(lines).block(block), r);
    // The query line takes the terminal cursor, so an input method opens in place.
    let (_, (x, _)) = p.query.layout(u16::MAX);
    frame.set_cursor_position((r.x + 3 + x, r.y + 1));
}

pub fn history(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, h: &History) {
    let lang = app.lang;
    let r = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, r);
    let mut lines = Vec::new();
    if h.changes.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t(K::HistoryEmpty),
            theme.dim(),
        )));
    }
    for c in &h.changes {
        lines.push(Line::from(vec![
            Span::styled(c.at.replace('T', " "), theme.heading()),
            Span::raw("  "),
            Span::styled(action_label(&c.action, lang), theme.key()),
        ]));
        let labels: Vec<String> = c
            .fields
            .iter()
            .map(|f| {
                field_label(h.table, &f.field)
                    .map_or_else(|| f.field.clone(), |k| lang.t(k).to_string())
            })
            .collect();
        let lw = labels.iter().map(|l| width(l)).max().unwrap_or(8).min(24);
        for (f, label) in c.fields.iter().zip(labels) {
            let before = field_text(h.table, &f.field, &f.before, lang);
            let after = field_text(h.table, &f.field, &f.after, lang);
            lines.push(Line::from(vec![
                Span::raw(format!("  {}  ", pad(&label, lw))),
                Span::styled(before.replace('\n', " "), theme.dim()),
                Span::raw(" → "),
                Span::raw(after.replace('\n', " ")),
            ]));
        }
        lines.push(Line::from(""));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", h.title), theme.heading()))
        .title_bottom(Span::styled(
            format!(" {} ", app.t(K::HistoryHint)),
            theme.dim(),
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((h.scroll, 0)),
        r,
    );
}
