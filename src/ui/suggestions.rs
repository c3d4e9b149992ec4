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
use crate::text::width;

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

/// A state as a list column shows it: short enough never to be cut (the detail gives the full label).
pub fn state_short(state: State, lang: crate::i18n::Lang) -> &'static str {
    use crate::domain::StateKind as S;
    lang.t(match state.kind() {
        S::Draft => K::StateDraft,
        S::AwaitingService => K::StateShortUnserved,
        S::AwaitingReply => K::StateShortAwaiting,
        S::DueSoon => K::StateShortDueSoon,
        S::Overdue => K::StateShortOverdue,
        S::Replied => K::StateReplied,
        S::Closed => K::StateClosed,
        S::Withdrawn => K::StateWithdrawn,
    })
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // Narrow terminals drop the category, the receipt date, the title and the due date, in that order,
    // before anything is cut: the state and the day count tell rows apart and are never cut.
    // The state and day columns grow to what the rows on screen hold (`逾期102天`, `1024d late`).
    let lang = app.lang;
    let cells = |f: &dyn Fn(&SuggestionRow) -> usize, head: K| {
        let most = app.suggestions.rows.iter().map(f).max().unwrap_or(0);
        u16::try_from(most.max(width(app.t(head)))).unwrap_or(u16::MAX)
    };
    let state_w = cells(&|r| width(state_short(r.state, lang)), K::ColState);
    let days_w = cells(&|r| width(&r.state.days_short(lang)), K::ColDays);
    let cols = [
        fixed(1),
        fixed(1),
        fixed(18),
        fixed(12).drop(4),
        flex(10, 2),
        fixed(10).drop(3),
        fixed(10).drop(1),
        fixed(state_w),
        fixed(days_w),
        flex(8, 3).drop(2),
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
            (app.unit_in_list(&r.recipient).to_string(), Style::default()),
            (date(s.received_on), Style::default()),
            (date(r.due.reply), Style::default()),
            (state_short(r.state, lang).into(), state_style),
            (r.state.days_short(lang), state_style),
            (
                crate::text::title_core(&s.title).to_string(),
                Style::default(),
            ),
        ],
        w,
        base,
    )
}
