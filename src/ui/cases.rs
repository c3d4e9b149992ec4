//! The case list: a window of rows with sort, live filter and follow-up marks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::table::{fixed, flex, marker, row, widths};
use crate::app::view::{CaseRow, CaseSort};
use crate::app::{App, FilterBox, Window};
use crate::i18n::K;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // Narrow terminals drop the crime, the suspect, the filing date and the follow-up note, in that order,
    // before the case number, unit or status is cut.
    let cols = [
        fixed(1),
        fixed(22),
        flex(10, 2).drop(3),
        flex(10, 2),
        flex(8, 1).drop(4),
        fixed(10),
        fixed(10).drop(2),
        flex(10, 2).drop(1),
    ];
    let w = widths(&cols, area.width);
    let t = |k| app.t(k).to_string();
    let q = &app.cases.query;
    let arrow = |s: CaseSort, label: K| {
        if q.sort == s {
            format!("{}{}", app.t(label), if q.desc { "▼" } else { "▲" })
        } else {
            t(label)
        }
    };
    let header = vec![
        (String::new(), Style::default()),
        (arrow(CaseSort::CaseNo, K::ColCaseNo), Style::default()),
        (arrow(CaseSort::Suspect, K::ColSuspect), Style::default()),
        (arrow(CaseSort::Unit, K::ColUnit), Style::default()),
        (arrow(CaseSort::CrimeType, K::ColCrime), Style::default()),
        (arrow(CaseSort::Status, K::ColStatus), Style::default()),
        (arrow(CaseSort::Filed, K::ColFiled), Style::default()),
        (t(K::ColFollowUp), Style::default()),
    ];
    frame.render_widget(Paragraph::new(row(header, &w, theme.header_row())), head);
    let lines: Vec<Line> = app
        .cases
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| case_line(app, theme, r, &w, app.cases.offset + i == app.cases.cursor))
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", t(K::NoRows)), theme.dim())),
            body,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), body);
    }
    footer(
        frame,
        foot,
        app,
        theme,
        &app.cases.filter,
        &app.cases,
        String::new(),
    );
}

fn case_line<'a>(app: &App, theme: &Theme, r: &CaseRow, w: &[u16], selected: bool) -> Line<'a> {
    let c = &r.case;
    let lang = app.lang;
    let sep = crate::i18n::list_sep(lang);
    let who = [c.suspect.as_str(), c.post.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>();
    let marks = crate::i18n::missing_follow_up(lang, !r.has_analysis, !r.has_suggestion);
    let (mark_text, mark_style) = match &r.gap {
        Some(_) => (format!("! {marks}"), theme.overdue()),
        None if c.gap_from().is_some() => (marks, theme.dim()),
        None => (String::new(), Style::default()),
    };
    let base = theme.row(selected);
    row(
        vec![
            marker(selected),
            (c.case_no.clone(), Style::default()),
            (who.join(sep), Style::default()),
            (
                app.unit_in_list(r.unit.as_deref().unwrap_or_default())
                    .to_string(),
                Style::default(),
            ),
            (c.crime_type.label(lang).into(), Style::default()),
            (c.status.label(lang).into(), Style::default()),
            (
                c.filed_on.map(|d| d.to_string()).unwrap_or_default(),
                Style::default(),
            ),
            (mark_text, mark_style),
        ],
        w,
        base,
    )
}

/// The line under a list: the filter (or how to start one), the rows shown and extra state.
pub fn footer<R>(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    fb: &FilterBox,
    win: &Window<R>,
    extra: String,
) {
    let text = fb.input.text();
    let mut spans = vec![];
    let mut cursor_x = None;
    if fb.editing || !text.is_empty() {
        let label = format!("/{} ", app.t(K::FilterLabel));
        spans.push(Span::styled(label.clone(), theme.key()));
        spans.push(Span::raw(text.to_string()));
        if fb.editing {
            let (_, (x, _)) = fb.input.layout(u16::MAX);
            cursor_x = Some(area.x + crate::text::width(&label) as u16 + x);
            let hint = if app.filter_pending {
                K::FilterSearching
            } else {
                K::FilterTyping
            };
            spans.push(Span::styled(format!("   {}", app.t(hint)), theme.dim()));
        }
        spans.push(Span::raw("   "));
    }
    // Only a filtered count stops at the cap; an unfiltered one is exact however long the list.
    let cap = crate::app::view::FILTER_COUNT_CAP;
    let total = if !text.trim().is_empty() && win.total > cap {
        format!("{cap}+")
    } else {
        win.total.to_string()
    };
    let shown = if win.total == 0 {
        app.t(K::NoRows).to_string()
    } else {
        app.lang.f(
            K::RowsOf,
            &[&(win.offset + 1), &(win.offset + win.rows.len()), &total],
        )
    };
    spans.push(Span::styled(shown, theme.dim()));
    if !extra.is_empty() {
        spans.push(Span::styled(format!("   {extra}"), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if let Some(x) = cursor_x {
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}
