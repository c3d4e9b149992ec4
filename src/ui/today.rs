//! The Today view: the daily check in sections, each with its count; nothing to press to see it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::table::{fixed, flex, marker, row, widths};
use crate::app::view::SuggestionItem;
use crate::app::{App, Section, TodayLine};
use crate::i18n::{K, Lang};

fn section_title(app: &App, s: Section) -> String {
    let l = app.lang;
    match s {
        Section::DueSoon => l.f(s.key(), &[&app.check.within]),
        Section::Activities => l.f(s.key(), &[&app.check.activities_within]),
        _ => l.t(s.key()).to_string(),
    }
}

fn days_text(days_overdue: i64, lang: Lang) -> String {
    crate::i18n::days_text(lang, days_overdue)
}

fn item<'a>(app: &App, theme: &Theme, it: &SuggestionItem, w: &[u16], selected: bool) -> Line<'a> {
    let late = it.is_late();
    let style = if late {
        theme.overdue()
    } else if it.is_soon() {
        theme.soon()
    } else {
        Style::default()
    };
    let base = theme.row(selected);
    let s = &it.suggestion;
    row(
        vec![
            marker(selected),
            (if late { "!".into() } else { " ".into() }, style),
            (
                s.doc_no.clone().unwrap_or_else(|| app.t(K::NoDocNo).into()),
                Style::default(),
            ),
            (
                app.unit_in_list(&it.recipient).to_string(),
                Style::default(),
            ),
            (it.deadline.date.to_string(), Style::default()),
            (days_text(it.days_overdue, app.lang), style),
            (
                crate::text::title_core(&s.title).to_string(),
                Style::default(),
            ),
        ],
        w,
        base,
    )
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.office_empty {
        let text = vec![
            Line::from(Span::styled(app.t(K::WelcomeTitle), theme.heading())),
            Line::from(""),
            Line::from(app.t(K::WelcomeBody)),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let days_w = if app.lang == Lang::Zh { 10 } else { 16 };
    let cols = [
        fixed(1),
        fixed(1),
        fixed(22),
        flex(12, 1),
        fixed(10).drop(1),
        fixed(days_w),
        flex(10, 2).drop(2),
    ];
    let w = widths(&cols, area.width);
    let selected = app.today_selected();
    // Lay out the lines as cheap slots first (a separator before every section but the first), and format
    // only those that fit on screen: Today may hold 200 rows in each of seven sections.
    let mut slots: Vec<Option<TodayLine>> = Vec::new();
    for l in app.today_lines() {
        if matches!(l, TodayLine::Header(_)) && !slots.is_empty() {
            slots.push(None);
        }
        slots.push(Some(l));
    }
    let h = usize::from(area.height);
    if slots.len() > h {
        // Tight screen: drop the blank lines between sections before anything scrolls away.
        slots.retain(Option::is_some);
    }
    let cursor_line = slots
        .iter()
        .position(|l| l.is_some() && *l == selected)
        .unwrap_or(0);
    // Keep the cursor visible with a little context below it.
    // ...but never scroll past the last line.
    let offset = (cursor_line + 3)
        .saturating_sub(h)
        .min(slots.len().saturating_sub(h));
    let end = (offset + h).min(slots.len());
    let mut lines: Vec<Line> = Vec::with_capacity(end - offset);
    for slot in &slots[offset..end] {
        let Some(l) = *slot else {
            lines.push(Line::from(""));
            continue;
        };
        let is_sel = Some(l) == selected;
        match l {
            TodayLine::Header(s) => {
                let n = app.section_total(s);
                let style = if s == Section::Overdue && n > 0 {
                    theme.overdue()
                } else {
                    theme.heading()
                };
                lines.push(Line::from(Span::styled(
                    format!("{} ({n})", section_title(app, s)),
                    style,
                )));
            }
            TodayLine::More(s) => lines.push(Line::from(Span::styled(
                format!(
                    "   {}",
                    app.lang.f(
                        K::TodayMore,
                        &[&(app.section_total(s) - app.section_len(s))]
                    )
                ),
                theme.dim(),
            ))),
            TodayLine::Empty(_) => lines.push(Line::from(Span::styled(
                format!("   {}", app.t(K::HNothing)),
                theme.dim(),
            ))),
            TodayLine::Item(s, i) => {
                let c = &app.check;
                if let Some(it) = c.suggestions(s).and_then(|l| l.get(i)) {
                    lines.push(item(app, theme, it, &w, is_sel));
                } else if s == Section::Activities
                    && let Some(a) = c.activities_due.get(i)
                {
                    let late = a.is_late();
                    let style = if late { theme.overdue() } else { theme.soon() };
                    let base = theme.row(is_sel);
                    lines.push(row(
                        vec![
                            marker(is_sel),
                            (if late { "!".into() } else { " ".into() }, style),
                            (a.activity.kind.label(app.lang).into(), Style::default()),
                            (
                                a.unit
                                    .clone()
                                    .or_else(|| a.case_no.clone())
                                    .unwrap_or_default(),
                                Style::default(),
                            ),
                            (
                                a.activity
                                    .planned_on
                                    .map(|d| d.to_string())
                                    .unwrap_or_default(),
                                Style::default(),
                            ),
                            (days_text(a.days_overdue, app.lang), style),
                            (a.activity.title.clone(), Style::default()),
                        ],
                        &w,
                        base,
                    ));
                } else if let Some(g) = c.case_gaps.get(i).filter(|_| s == Section::Gaps) {
                    let missing = g.gap.missing_text(app.lang);
                    let base = theme.row(is_sel);
                    lines.push(row(
                        vec![
                            marker(is_sel),
                            (" ".into(), Style::default()),
                            (g.case.case_no.clone(), Style::default()),
                            (g.unit.clone().unwrap_or_default(), Style::default()),
                            (g.gap.since.to_string(), Style::default()),
                            (app.lang.f(K::DaysSince, &[&g.gap.days]), theme.soon()),
                            (missing, theme.soon()),
                        ],
                        &w,
                        base,
                    ));
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
