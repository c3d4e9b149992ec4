//! The help overlay, generated from the keymap: every binding with its description in the UI language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centered};
use crate::app::App;
use crate::app::keymap::keys_label;
use crate::i18n::K;
use crate::text::{pad, width};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, scroll: u16) {
    let sections = app.keymap().help_sections();
    let kw = sections
        .iter()
        .flat_map(|(_, bs)| bs.iter().map(|b| width(&keys_label(b))))
        .max()
        .unwrap_or(6);
    let mut lines = Vec::new();
    for (title, bindings) in sections {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(app.t(title), theme.heading())));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&keys_label(b), kw)), theme.key()),
                Span::raw(format!("  {}", app.t(b.help))),
            ]));
        }
    }
    let w = lines.iter().map(|l| l.width()).max().unwrap_or(40) as u16 + 4;
    let r = centered(area, w.max(40), area.height.saturating_sub(2));
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {} ", app.t(K::HelpTitle)),
            theme.heading(),
        ))
        .title_bottom(Span::styled(
            format!(" {} ", app.t(K::HelpFooter)),
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), r);
}
