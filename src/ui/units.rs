//! The Units & work pane: the unit registry above, prevention activities below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::cases::footer;
use super::table::{fixed, flex, marker, row, widths};
use crate::app::App;
use crate::app::units::UnitsFocus;
use crate::app::view::{ActivityRow, UnitRow};
use crate::domain::Unit;
use crate::i18n::{K, Lang};

/// "示范、联系" for the flags a unit carries.
pub fn flags(u: &Unit, lang: Lang) -> String {
    let mut f = Vec::new();
    if u.key_demo {
        f.push(lang.t(K::FlagKeyDemo));
    }
    if u.key_contact {
        f.push(lang.t(K::FlagKeyContact));
    }
    if u.leading_group {
        f.push(lang.t(K::FlagLeading));
    }
    f.join(crate::i18n::list_sep(lang))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (up, _) = app.units_pages();
    let [uh, ub, uf, ah, ab, af] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(up as u16),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let p = &app.units_pane;
    let focus_u = p.focus == UnitsFocus::Units;
    let t = |k| (app.t(k).to_string(), Style::default());

    // Narrow terminals drop region, industry, contact, last contact and flags, in that order, before the
    // name or the counts are cut.
    let ucols = [
        fixed(1),
        flex(14, 3),
        flex(8, 1).drop(4),
        flex(6, 1).drop(5),
        fixed(14).drop(1),
        flex(10, 2).drop(3),
        fixed(9),
        fixed(10).drop(2),
    ];
    let uw = widths(&ucols, area.width);
    let head_style = |focused: bool| {
        if focused {
            theme.header_row()
        } else {
            theme.dim()
        }
    };
    frame.render_widget(
        Paragraph::new(row(
            vec![
                (
                    if focus_u { "▸".into() } else { " ".into() },
                    Style::default(),
                ),
                t(K::ColName),
                t(K::ColIndustry),
                t(K::ColRegion),
                t(K::ColFlags),
                t(K::ColContact),
                t(K::ColCounts),
                t(K::ColLastContact),
            ],
            &uw,
            head_style(focus_u),
        )),
        uh,
    );
    let lines: Vec<Line> = p
        .units
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            unit_line(
                app,
                theme,
                r,
                &uw,
                focus_u && p.units.offset + i == p.units.cursor,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), ub);
    let flag = app
        .lang
        .f(K::ShowFlag, &[&app.t(p.units.query.flag.label())]);
    footer(frame, uf, app, theme, &p.units.filter, &p.units, flag);

    let acols = [
        fixed(1),
        fixed(1),
        fixed(14),
        flex(14, 3),
        fixed(10),
        fixed(10).drop(1),
        flex(10, 2).drop(2),
        flex(10, 2).drop(3),
    ];
    let aw = widths(&acols, area.width);
    frame.render_widget(
        Paragraph::new(row(
            vec![
                (
                    if focus_u { " ".into() } else { "▸".into() },
                    Style::default(),
                ),
                (String::new(), Style::default()),
                t(K::ColKind),
                t(K::ColTitle),
                t(K::ColPlanned),
                t(K::ColDone),
                t(K::ColUnit),
                t(K::ColLinked),
            ],
            &aw,
            head_style(!focus_u),
        )),
        ah,
    );
    let lines: Vec<Line> = p
        .activities
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            activity_line(
                app,
                theme,
                r,
                &aw,
                !focus_u && p.activities.offset + i == p.activities.cursor,
            )
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", app.t(K::NoRows)), theme.dim())),
            ab,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), ab);
    }
    footer(
        frame,
        af,
        app,
        theme,
        &p.activities.filter,
        &p.activities,
        String::new(),
    );
}

fn unit_line<'a>(app: &App, theme: &Theme, r: &UnitRow, w: &[u16], selected: bool) -> Line<'a> {
    let u = &r.unit;
    let contact = u.contact();
    let base = theme.row(selected);
    row(
        vec![
            marker(selected),
            (app.unit_in_list(&u.name).to_string(), Style::default()),
            (u.industry.clone(), Style::default()),
            (u.region.clone(), Style::default()),
            (flags(u, app.lang), Style::default()),
            (contact, Style::default()),
            (format!("{}/{}", r.cases, r.suggestions), Style::default()),
            (
                r.last_contact.map(|d| d.to_string()).unwrap_or_default(),
                Style::default(),
            ),
        ],
        w,
        base,
    )
}

pub fn activity_line<'a>(
    app: &App,
    theme: &Theme,
    r: &ActivityRow,
    w: &[u16],
    selected: bool,
) -> Line<'a> {
    let a = &r.activity;
    let late = r.days_overdue.is_some();
    let linked = [r.case_no.clone(), r.doc_no.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let base = theme.row(selected);
    let planned = a.planned_on.map(|d| d.to_string()).unwrap_or_default();
    row(
        vec![
            marker(selected),
            (if late { "!".into() } else { " ".into() }, theme.overdue()),
            (a.kind.label(app.lang).into(), Style::default()),
            (a.title.clone(), Style::default()),
            (
                planned,
                if late {
                    theme.overdue()
                } else {
                    Style::default()
                },
            ),
            (
                a.done_on.map(|d| d.to_string()).unwrap_or_default(),
                theme.done(),
            ),
            (r.unit.clone().unwrap_or_default(), Style::default()),
            (linked, Style::default()),
        ],
        w,
        base,
    )
}
