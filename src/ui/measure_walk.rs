//! Draws the walk over a suggestion's measures as a centred popup: the measures with their answers so far
//! (`›` on the one being answered), its words in full, and the three choices with their keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::Theme;
use crate::app::input::wrap;
use crate::app::measure_walk::Walk;
use crate::i18n::{K, Lang};
use crate::text::{truncate, width};

pub fn render_walk(frame: &mut Frame, area: Rect, walk: &Walk, lang: Lang, theme: &Theme) {
    if area.width < 12 || area.height < 6 {
        return;
    }
    let w = area.width.min(72);
    let inner = usize::from(w.saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();
    let items = &walk.suggestion.measure_items;
    for (i, m) in items.iter().enumerate() {
        let answer = walk
            .answer(i)
            .map_or_else(|| "—".to_string(), |k| lang.t(k).to_string());
        let mark = if i == walk.step { "› " } else { "  " };
        let head = format!("{mark}{}. ", i + 1);
        let room = inner.saturating_sub(width(&head) + width(&answer) + 2);
        let text = truncate(&m.text, room);
        let gap = inner.saturating_sub(width(&head) + width(&text) + width(&answer));
        let style = theme.row(i == walk.step);
        lines.push(Line::from(vec![
            Span::styled(format!("{head}{text}{}", " ".repeat(gap)), style),
            Span::styled(answer, style),
        ]));
    }
    lines.push(Line::from(""));
    if let Some(m) = items.get(walk.step) {
        for l in wrap(&m.text, inner.saturating_sub(2)) {
            lines.push(Line::from(Span::styled(format!("  {l}"), theme.heading())));
        }
    }
    lines.push(Line::from(""));
    let mut choices = vec![Span::raw("  ")];
    for o in walk.options() {
        choices.push(Span::styled(
            format!("{}/{}", o.digit, o.letter),
            theme.key(),
        ));
        choices.push(Span::raw(format!(" {}   ", lang.t(o.label))));
    }
    lines.push(Line::from(choices));
    for l in wrap(lang.t(K::MwHint), inner) {
        lines.push(Line::from(Span::styled(l, theme.dim())));
    }
    let h = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = super::centered(area, w, h);
    // Too low for every line: keep the measure being answered and the choices in view.
    let skip = (lines.len() + 2).saturating_sub(usize::from(h));
    let shown: Vec<Line<'static>> = if skip > 0 {
        let keep_from = walk.step.min(skip);
        lines.drain(keep_from..keep_from + skip.min(lines.len()));
        lines
    } else {
        lines
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(shown).block(Block::bordered().title(walk.title(lang))),
        popup,
    );
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::app::measure_walk::{WalkKey, WalkKind};
    use crate::domain::Suggestion;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn screen(lang: Lang, w: u16, h: u16) -> String {
        let mut s = Suggestion::new("t", 1);
        s.doc_no = Some("X检建〔2026〕4号".into());
        s.measures = "一、落实不相容岗位分离，U盾、密码分人保管；二、升级国库支付系统，实现支付凭证与预算指标自动校验；三、建立月度对账和季度抽查制度。".into();
        s.settle_measures();
        let mut walk = Walk::new(WalkKind::Reply, s).unwrap();
        walk.press(WalkKey::Char('a'));
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render_walk(f, f.area(), &walk, lang, &Theme::plain()))
            .unwrap();
        let buf = t.backend().buffer().clone();
        (0..h)
            .map(|y| {
                let mut line = String::new();
                let mut x = 0;
                while x < w {
                    let c = &buf[(x, y)];
                    line.push_str(c.symbol());
                    x += u16::try_from(width(c.symbol()).max(1)).unwrap();
                }
                line.trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn shows_the_measure_being_answered_and_the_keys() {
        let en = screen(Lang::En, 80, 24);
        assert!(
            en.contains("Record the reply · X检建〔2026〕4号 · measure 2 of 3"),
            "{en}"
        );
        assert!(en.contains("1. 落实不相容岗位分离"), "{en}");
        assert!(en.contains("adopted"));
        assert!(en.contains("› 2."));
        assert!(
            en.contains("1/a adopted   2/p partly adopted   3/n not adopted"),
            "{en}"
        );
        let zh = screen(Lang::Zh, 60, 16);
        assert!(
            zh.contains("登记回复 · X检建〔2026〕4号 · 第2项措施（共3项）"),
            "{zh}"
        );
        assert!(zh.contains("升级国库支付系统"), "{zh}");
        assert!(zh.contains("3/n 不采纳"), "{zh}");
    }
}
