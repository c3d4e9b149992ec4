//! The suggestion tracker: state filters, sort, live filter, days overdue or left on every row.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::cases::footer;
use super::table::{fixed, flex, marker, row, widths};
use crate::app::App;
use crate::app::view::{StateFilter, SuggestionRow, SuggestionSort};
use crate::domain::State;
use crate::i18n::K;

pub fn filter_label(f: StateFilter) -> K {
    match f {
        StateFilter::All => K::HkStateAll,
        StateFilter::Overdue => K::HkStateOverdue,
        StateFilter::DueSoon => K::HkStateDueSoon,
        StateFilter::Awaiting => K::HkStateAwaiting,
        StateFilter::Replied => K::HkStateReplied,
        StateFilter::Closed => K::HkStateClosed,
        StateFilter::Draft => K::StateDraft,
        StateFilter::Withdrawn => K::StateWithdrawn,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // Narrow terminals drop the category, then the receipt date, before squeezing names and titles.
    let show_cat = area.width >= 120;
    let show_received = area.width >= 96;
    let days_w = 9;
    let cols = [
        fixed(1),
        fixed(1),
        fixed(18),
        fixed(if show_cat { 12 } else { 0 }),
        flex(10, 2),
        fixed(if show_received { 10 } else { 0 }),
        fixed(10),
        fixed(if app.lang == crate::i18n::Lang::Zh {
            10
        } else {
            14
        }),
        fixed(days_w),
        flex(8, 3),
    ];
    let w = widths(&cols, area.width);
    let q = &app.suggestions.query;
    let arrow = |s: SuggestionSort, label: K| {
        if q.sort == s {
            format!("{}{}", app.t(label), if q.desc { "▼" } else { "▲" })
        } else {
            app.t(label).to_string()
        }
    };
    let plain = |k: K| (app.t(k).to_string(), Style::default());
    let header = vec![
        (String::new(), Style::default()),
        (String::new(), Style::default()),
        (arrow(SuggestionSort::DocNo, K::ColDocNo), Style::default()),
        (
            arrow(SuggestionSort::Category, K::ColCategory),
            Style::default(),
        ),
        (
            arrow(SuggestionSort::Recipient, K::ColRecipient),
            Style::default(),
        ),
        (
            arrow(SuggestionSort::Received, K::ColReceived),
            Style::default(),
        ),
        (arrow(SuggestionSort::ReplyDue, K::ColDue), Style::default()),
        plain(K::ColState),
        plain(K::ColDays),
        plain(K::ColTitle),
    ];
    frame.render_widget(Paragraph::new(row(header, &w, theme.header_row())), head);
    let lines: Vec<Line> = app
        .suggestions
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            line(
                app,
                theme,
                r,
                &w,
                app.suggestions.offset + i == app.suggestions.cursor,
            )
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", app.t(K::NoRows)), theme.dim())),
            body,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), body);
    }
    let extra = app.lang.f(K::ShowState, &[&app.t(filter_label(q.state))]);
    footer(
        frame,
        foot,
        app,
        theme,
        &app.suggestions.filter,
        &app.suggestions,
        extra,
    );
}

fn line<'a>(app: &App, theme: &Theme, r: &SuggestionRow, w: &[u16], selected: bool) -> Line<'a> {
    let s = &r.suggestion;
    let lang = app.lang;
    let state_style = match r.state {
        State::Overdue { .. } => theme.overdue(),
        State::DueSoon { .. } => theme.soon(),
        State::Closed => theme.done(),
        State::Withdrawn => theme.dim(),
        _ => Style::default(),
    };
    let mark = if matches!(r.state, State::Overdue { .. }) {
        "!"
    } else {
        " "
    };
    let base = theme.row(selected);
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    row(
        vec![
            marker(selected),
            (mark.into(), state_style),
            (
                s.doc_no
                    .clone()
                    .unwrap_or_else(|| lang.t(K::NoDocNo).into()),
                Style::default(),
            ),
            (s.category.label(lang).into(), Style::default()),
            (r.recipient.clone(), Style::default()),
            (date(s.received_on), Style::default()),
            (date(r.due.reply), Style::default()),
            (r.state.label(lang).into(), state_style),
            (r.state.days_short(lang), state_style),
            (s.title.clone(), Style::default()),
        ],
        w,
        base,
    )
}
