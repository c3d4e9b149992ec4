//! Detail views: a suggestion's whole lifecycle with every deadline explained, and a case's timeline.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use crate::app::view::UnitDetail;
use crate::app::view::{CaseDetail, SuggestionDetail};
use crate::app::{App, Detail};
use crate::domain::case::format_yuan;
use crate::domain::deadline::{Base, Origin};
use crate::domain::{Due, State};
use crate::i18n::{K, Lang};
use crate::text::{pad, width};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, detail: &Detail, scroll: u16) {
    frame.render_widget(Clear, area);
    let (title, lines, hint) = match detail {
        Detail::Suggestion(d) => suggestion(app, theme, d),
        Detail::Case(d) => case(app, theme, d),
        Detail::Unit(d) => unit(app, theme, d),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.heading()))
        .title_bottom(Span::styled(format!(" {} ", app.t(hint)), theme.dim()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

fn field<'a>(label: &str, value: String, label_w: usize) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{}  ", pad(label, label_w)), Style::default()),
        Span::raw(value),
    ])
}

fn heading<'a>(theme: &Theme, k: K, lang: Lang) -> Line<'a> {
    Line::from(Span::styled(lang.t(k).to_string(), theme.heading()))
}

fn join(items: &[String], lang: Lang) -> String {
    items.join(crate::i18n::list_sep(lang))
}

fn state_style(theme: &Theme, s: State) -> Style {
    match s {
        State::Overdue { .. } => theme.overdue(),
        State::DueSoon { .. } => theme.soon(),
        State::Closed => theme.done(),
        _ => Style::default(),
    }
}

fn suggestion<'a>(app: &App, theme: &Theme, d: &SuggestionDetail) -> (String, Vec<Line<'a>>, K) {
    let lang = app.lang;
    let s = &d.row.suggestion;
    let t = |k| lang.t(k);
    let title = format!(
        "{} · {}",
        s.doc_no.clone().unwrap_or_else(|| t(K::NoDocNo).into()),
        s.title
    );
    let labels = [
        K::DtState,
        K::FRecipient,
        K::FCopiedTo,
        K::FCategory,
        K::FLegalType,
        K::FCases,
    ];
    let lw = labels.iter().map(|k| width(t(*k))).max().unwrap_or(8);
    let mut lines = Vec::new();
    let state = d.row.state;
    let mark = if matches!(state, State::Overdue { .. }) {
        "! "
    } else {
        ""
    };
    let days = state.days_text(lang);
    lines.push(Line::from(vec![
        Span::raw(format!("{}  ", pad(t(K::DtState), lw))),
        Span::styled(
            format!(
                "{mark}{}{}",
                state.label(lang),
                if days.is_empty() {
                    String::new()
                } else {
                    format!(" · {days}")
                }
            ),
            state_style(theme, state),
        ),
    ]));
    lines.push(field(t(K::FRecipient), d.row.recipient.clone(), lw));
    if !d.copied_to.is_empty() {
        lines.push(field(t(K::FCopiedTo), join(&d.copied_to, lang), lw));
    }
    lines.push(field(
        t(K::FCategory),
        format!("{} · {}", s.category.label(lang), s.legal_type.label(lang)),
        lw,
    ));
    if !d.cases.is_empty() {
        lines.push(field(
            t(K::FCases),
            join(
                &d.cases.iter().map(|c| c.1.clone()).collect::<Vec<_>>(),
                lang,
            ),
            lw,
        ));
    }

    lines.push(Line::from(""));
    lines.push(heading(theme, K::DtDeadlines, lang));
    // Each row's standing is the domain's (`Suggestion::dues`): the screen only chooses how it looks.
    let rows: Vec<(K, &Due)> = d.dues.iter().map(|x| (due_label(x), x)).collect();
    let kw = rows.iter().map(|r| width(t(r.0))).max().unwrap_or(6);
    let any = !rows.is_empty();
    for (k, x) in rows {
        let late = x.is_late();
        let style = if late {
            theme.overdue()
        } else if x.is_soon() {
            theme.soon()
        } else if x.standing.is_owed() {
            Style::default()
        } else {
            theme.dim()
        };
        let status = if x.standing.is_owed() {
            crate::i18n::days_text(lang, x.days_overdue)
        } else {
            x.standing.label(lang).to_string()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {}  ", pad(t(k), kw))),
            Span::styled(
                format!("{}{}  {status}", if late { "!" } else { " " }, x.date),
                style,
            ),
        ]));
        if let Some(dl) = &x.deadline {
            lines.push(Line::from(Span::styled(
                format!("  {}   {}", " ".repeat(kw), dl.explain(lang)),
                theme.dim(),
            )));
        }
    }
    if !any {
        lines.push(nothing(theme, lang));
    }

    lines.push(Line::from(""));
    lines.push(heading(theme, K::DtTimeline, lang));
    let mut events: Vec<(NaiveDate, u8, String)> = Vec::new();
    let mut ev = |d: Option<NaiveDate>, order: u8, text: String| {
        if let Some(d) = d {
            events.push((d, order, text));
        }
    };
    ev(s.decided_on, 0, t(K::FDecidedOn).into());
    ev(s.issued_on, 1, t(K::FIssuedOn).into());
    // "served on · written service": a lifecycle step with the choice recorded with it.
    let with = |k: K, extra: Option<&str>| {
        format!(
            "{}{}",
            t(k),
            extra.map(|e| format!(" · {e}")).unwrap_or_default()
        )
    };
    ev(
        s.served_on,
        2,
        with(K::FServedOn, s.service_method.map(|m| m.label(lang))),
    );
    ev(s.received_on, 3, t(K::FReceivedOn).into());
    ev(s.filed_on, 4, t(K::FRecordFiledOn).into());
    ev(
        s.replied_on,
        6,
        with(K::FRepliedOn, s.adoption.map(|a| a.label(lang))),
    );
    ev(
        s.rectified_on,
        7,
        with(K::FRectifiedOn, s.rectification.map(|a| a.label(lang))),
    );
    ev(s.evaluated_on, 8, t(K::FEvaluatedOn).into());
    ev(s.closed_on, 9, t(K::FClosedOn).into());
    ev(s.withdrawn_on, 9, t(K::FWithdrawnOn).into());
    for f in &d.follow_ups {
        let mut text = f.kind.label(lang).to_string();
        if let Some(o) = f.outcome {
            text.push_str(&format!(" · {}", o.label(lang)));
        }
        if let Some(st) = f.step {
            text.push_str(&format!(" · {}", st.label(lang)));
        }
        for part in [&f.method, &f.record] {
            if !part.is_empty() {
                text.push_str(&format!(" · {}", part.replace('\n', " ")));
            }
        }
        ev(Some(f.date), 5, text);
    }
    for a in &d.activities {
        let tag = if a.done_on.is_some() {
            t(K::DtDone)
        } else {
            t(K::DtPlanned)
        };
        ev(
            a.done_on.or(a.planned_on),
            5,
            format!("{} · {} ({tag})", a.kind.label(lang), a.title),
        );
    }
    events.sort_by_key(|e| (e.0, e.1));
    if events.is_empty() {
        lines.push(nothing(theme, lang));
    }
    for (date, _, text) in events {
        lines.push(Line::from(format!("  {date}  {text}")));
    }
    for (k, text) in [
        (K::FProblems, &s.problems),
        (K::FMeasures, &s.measures),
        (K::FReplySummary, &s.reply_summary),
        (K::FNotes, &s.notes),
    ] {
        if k == K::FMeasures && !s.measure_items.is_empty() {
            lines.push(Line::from(""));
            lines.push(heading(theme, k, lang));
            lines.extend(measure_lines(s, theme, lang));
        } else if !text.trim().is_empty() {
            lines.push(Line::from(""));
            lines.push(heading(theme, k, lang));
            for l in text.lines() {
                lines.push(Line::from(format!("  {l}")));
            }
        }
    }
    (title, lines, K::DtActsHint)
}

/// Each measure with its answer: "1. 建立台账 — adopted · fully rectified 2026-05-20 (回复函附制度)"; an
/// unanswered or not fully rectified one carries `!` once the suggestion is replied, so it is seen without colour.
fn measure_lines<'a>(s: &crate::domain::Suggestion, theme: &Theme, lang: Lang) -> Vec<Line<'a>> {
    s.measure_items
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut states: Vec<String> = Vec::new();
            if let Some(a) = m.adoption {
                states.push(a.label(lang).to_string());
            }
            if let Some(r) = m.rectification {
                let mut t = r.label(lang).to_string();
                if let Some(on) = m.rectified_on {
                    t.push_str(&format!(" {on}"));
                }
                states.push(t);
            }
            if !m.evidence.trim().is_empty() {
                states.push(format!("({})", m.evidence.trim()));
            }
            let open = s.replied_on.is_some() && m.is_open();
            let mark = if open { "! " } else { "  " };
            let state = if states.is_empty() {
                String::new()
            } else {
                format!(" — {}", states.join(" · "))
            };
            let line = format!("{mark}{}. {}{state}", i + 1, m.text);
            if open {
                Line::styled(line, theme.soon())
            } else {
                Line::from(line)
            }
        })
        .collect()
}

fn case<'a>(app: &App, theme: &Theme, d: &CaseDetail) -> (String, Vec<Line<'a>>, K) {
    let lang = app.lang;
    let t = |k| lang.t(k);
    let c = &d.row.case;
    let title = format!("{} · {}", c.case_no, c.suspect);
    let labels = [
        K::FUnit,
        K::FPost,
        K::FCrimeType,
        K::FStatus,
        K::FSource,
        K::FAmount,
        K::ColFollowUp,
    ];
    let lw = labels.iter().map(|k| width(t(*k))).max().unwrap_or(8);
    let mut lines = vec![
        field(t(K::FUnit), d.row.unit.clone().unwrap_or_default(), lw),
        field(t(K::FPost), c.post.clone(), lw),
        field(t(K::FCrimeType), c.crime_type.label(lang).into(), lw),
        field(t(K::FStatus), c.status.label(lang).into(), lw),
        field(t(K::FSource), c.source.label(lang).into(), lw),
    ];
    if let Some(a) = c.amount_fen {
        lines.push(field(t(K::FAmount), format_yuan(a), lw));
    }
    if let Some(g) = &d.row.gap {
        let missing = g.missing_text(lang);
        lines.push(Line::from(vec![
            Span::raw(format!("{}  ", pad(t(K::ColFollowUp), lw))),
            Span::styled(
                format!(
                    "! {} · {} · {}",
                    t(K::GapMark),
                    missing,
                    lang.f(K::DaysSince, &[&g.days])
                ),
                theme.overdue(),
            ),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(heading(theme, K::DtTimeline, lang));
    let mut events: Vec<(NaiveDate, String)> = Vec::new();
    for (k, dt) in [
        (K::FFiledOn, c.filed_on),
        (K::FProsecutedOn, c.prosecuted_on),
        (K::FJudgedOn, c.judged_on),
        (K::FClosedOn, c.closed_on),
    ] {
        if let Some(dt) = dt {
            events.push((dt, t(k).into()));
        }
    }
    for a in &d.activities {
        let (date, tag) = match (a.done_on, a.planned_on) {
            (Some(done), _) => (done, t(K::DtDone)),
            (None, Some(p)) => (p, t(K::DtPlanned)),
            (None, None) => continue,
        };
        events.push((
            date,
            format!("{} · {} ({tag})", a.kind.label(lang), a.title),
        ));
    }
    for s in &d.suggestions {
        if let Some(issued) = s.suggestion.issued_on {
            events.push((
                issued,
                format!(
                    "{} · {}",
                    t(K::FIssuedOn),
                    s.suggestion.doc_no.clone().unwrap_or_default()
                ),
            ));
        }
    }
    events.sort();
    for (date, text) in events {
        lines.push(Line::from(format!("  {date}  {text}")));
    }
    lines.push(Line::from(""));
    lines.push(heading(theme, K::DtLinked, lang));
    if d.suggestions.is_empty() {
        lines.push(nothing(theme, lang));
    }
    lines.extend(
        d.suggestions
            .iter()
            .map(|s| suggestion_line(theme, s, lang)),
    );
    if !c.summary.trim().is_empty() {
        lines.push(Line::from(""));
        lines.push(heading(theme, K::FSummary, lang));
        for l in c.summary.lines() {
            lines.push(Line::from(format!("  {l}")));
        }
    }
    (title, lines, K::DtCaseHint)
}

fn unit<'a>(app: &App, theme: &Theme, d: &UnitDetail) -> (String, Vec<Line<'a>>, K) {
    let lang = app.lang;
    let t = |k| lang.t(k);
    let u = &d.row.unit;
    let labels = [
        K::FIndustry,
        K::FRegion,
        K::FLevel,
        K::ColFlags,
        K::FContactPerson,
        K::ColLastContact,
    ];
    let lw = labels.iter().map(|k| width(t(*k))).max().unwrap_or(8);
    let contact = u.contact();
    let mut lines = vec![
        field(t(K::FIndustry), u.industry.clone(), lw),
        field(t(K::FRegion), u.region.clone(), lw),
        field(t(K::FLevel), u.level.label(lang).into(), lw),
        field(t(K::ColFlags), super::units::flags(u, lang), lw),
        field(t(K::FContactPerson), contact, lw),
        field(
            t(K::ColLastContact),
            d.row
                .last_contact
                .map(|x| x.to_string())
                .unwrap_or_default(),
            lw,
        ),
    ];
    if !u.notes.trim().is_empty() {
        lines.push(field(t(K::FNotes), u.notes.replace('\n', " "), lw));
    }
    lines.push(Line::from(""));
    lines.push(heading(theme, K::DtCases, lang));
    if d.cases.is_empty() {
        lines.push(nothing(theme, lang));
    }
    for r in &d.cases {
        let c = &r.case;
        let mark = match &r.gap {
            Some(g) => format!("! {}", g.missing_text(lang)),
            None => String::new(),
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "  {}  {}  {}  {}  ",
                pad(&c.case_no, 22),
                pad(&c.suspect, 8),
                pad(c.crime_type.label(lang), 10),
                pad(c.status.label(lang), 10)
            )),
            Span::styled(mark, theme.overdue()),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(heading(theme, K::DtSuggestions, lang));
    if d.suggestions.is_empty() {
        lines.push(nothing(theme, lang));
    }
    lines.extend(
        d.suggestions
            .iter()
            .map(|s| suggestion_line(theme, s, lang)),
    );
    lines.push(Line::from(""));
    lines.push(heading(theme, K::DtActivities, lang));
    if d.activities.is_empty() {
        lines.push(nothing(theme, lang));
    }
    for a in &d.activities {
        let x = &a.activity;
        let (date, tag) = match (x.done_on, x.planned_on) {
            (Some(done), _) => (done, t(K::DtDone)),
            (None, Some(p)) => (p, t(K::DtPlanned)),
            (None, None) => continue,
        };
        let style = if a.days_overdue.is_some() {
            theme.overdue()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(
            format!("  {date}  {} · {} ({tag})", x.kind.label(lang), x.title),
            style,
        )));
    }
    (u.name.clone(), lines, K::DtUnitHint)
}

/// The row label of a deadline: the visit row names the look-back check once a return visit has taken place.
fn due_label(x: &Due) -> K {
    match &x.deadline {
        Some(dl)
            if matches!(
                dl.origin,
                Origin::Counted {
                    base: Base::Visited,
                    ..
                }
            ) =>
        {
            K::DlLookBack
        }
        _ => x.kind.key(),
    }
}

/// A linked suggestion in a case's or unit's history: number, state with days, title.
fn suggestion_line<'a>(theme: &Theme, s: &crate::app::view::SuggestionRow, lang: Lang) -> Line<'a> {
    let st = s.state;
    let no = s
        .suggestion
        .doc_no
        .clone()
        .unwrap_or_else(|| lang.t(K::NoDocNo).into());
    Line::from(vec![
        Span::raw(format!("  {}  ", pad(&no, 18))),
        Span::styled(
            pad(&format!("{} {}", st.label(lang), st.days_text(lang)), 22),
            state_style(theme, st),
        ),
        Span::raw(format!("  {}", s.suggestion.title)),
    ])
}

/// The dim "none" line under an empty section.
fn nothing<'a>(theme: &Theme, lang: Lang) -> Line<'a> {
    Line::from(Span::styled(
        format!("  {}", lang.t(K::HNothing)),
        theme.dim(),
    ))
}
