//! Draws a form as a centred popup: one label column measured in display cells, `›` before the focused field,
//! `*` on required fields, `! ` error lines, and the real cursor at the input position so a Chinese input
//! method's candidate window opens in place. Only modifiers are used (no colours), so `NO_COLOR` holds.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::form::{Field, FieldKind, Form};
use crate::app::keymap::{Ctx, DEFAULT, Keymap, hint_text};
use crate::i18n::K;
use crate::text::{pad, truncate, width, wrap_text as wrap};

/// Cells wanted for values; the popup is no wider than this plus the label column.
const VALUE_WIDTH: usize = 46;
/// Rows a multiline field may take.
const MULTILINE_ROWS: usize = 4;
/// Rows of an open pick list.
const PICK_ROWS: usize = 6;
/// Cells always left for the value when the label column is squeezed.
const MIN_VALUE: usize = 12;

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The rows of one field, and where the cursor goes if it has focus.
struct Rows {
    lines: Vec<Line<'static>>,
    cursor: Option<(usize, usize)>,
}

/// Layout measures shared by every field.
struct Cols {
    /// Label column width.
    label: usize,
    /// Cells before the value: marker (2) + label + `*` + space.
    prefix: usize,
    /// Value width.
    value: usize,
}

pub fn render_form(frame: &mut Frame, area: Rect, form: &Form) {
    render_form_with(frame, area, form, &DEFAULT);
}

/// Draws `form` with the form keys of `keymap` in its hint line.
pub fn render_form_with(frame: &mut Frame, area: Rect, form: &Form, keymap: &Keymap) {
    if area.width < 8 || area.height < 3 {
        return;
    }
    let lang = form.lang();
    let label_w = form
        .fields
        .iter()
        .map(|f| width(f.label(lang)))
        .max()
        .unwrap_or(0);
    let want_w = (label_w + 4 + VALUE_WIDTH + 3).max(width(&form.title) + 6);
    let popup_w = area.width.min(u16::try_from(want_w).unwrap_or(u16::MAX));
    let inner_w = usize::from(popup_w.saturating_sub(2));
    let label = label_w.min(inner_w.saturating_sub(4 + MIN_VALUE + 1));
    let cols = Cols {
        label,
        prefix: label + 4,
        // One cell is kept free on the right for the scroll markers.
        value: inner_w.saturating_sub(label + 4 + 1),
    };

    // Every field's rows, one after another.
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut focus_span = (0, 0);
    let mut cursor = None;
    for (i, f) in form.fields.iter().enumerate() {
        let rows = field_rows(form, i, f, &cols);
        if i == form.focus {
            focus_span = (lines.len(), lines.len() + rows.lines.len());
            cursor = rows.cursor.map(|(r, c)| (lines.len() + r, c));
        }
        lines.extend(rows.lines);
    }

    let mut bottom: Vec<Line<'static>> = Vec::new();
    if let Some(e) = &form.error {
        for (k, l) in wrap(e, inner_w.saturating_sub(3).max(8))
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 { " ! " } else { "   " };
            bottom.push(Line::from(Span::styled(format!("{lead}{l}"), bold())));
        }
    }
    bottom.push(Line::from(Span::styled(
        format!(
            " {}",
            truncate(
                &hint(form, keymap, inner_w.saturating_sub(1)),
                inner_w.saturating_sub(1)
            )
        ),
        Style::new().add_modifier(Modifier::DIM),
    )));

    // Height: the fields, a blank line, the bottom lines, the border.
    let want_h = lines.len() + 1 + bottom.len() + 2;
    let popup_h = area.height.min(u16::try_from(want_h).unwrap_or(u16::MAX));
    let popup = Rect {
        x: area.x + (area.width - popup_w) / 2,
        y: area.y + (area.height - popup_h) / 2,
        width: popup_w,
        height: popup_h,
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(Line::from(Span::styled(
        format!(" {} ", form.title),
        bold(),
    )));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let inner_h = usize::from(inner.height);
    let bottom_h = bottom.len().min(inner_h);
    let gap = usize::from(inner_h > bottom_h + 1);
    let avail = inner_h - bottom_h - gap;

    // Scroll so the focused field (and above all the cursor) is visible.
    let total = lines.len();
    let mut start = 0;
    if total > avail {
        start = focus_span.1.saturating_sub(avail).min(focus_span.0);
        if let Some((row, _)) = cursor
            && row >= start + avail
        {
            start = row + 1 - avail;
        }
        start = start.min(total - avail);
    }
    let end = (start + avail).min(total);
    let fields_area = Rect {
        height: u16::try_from(avail).unwrap_or(0),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines[start..end].to_vec()), fields_area);
    if avail > 0 && inner.width > 0 {
        let x = inner.right() - 1;
        if start > 0 {
            frame.render_widget(Paragraph::new("↑"), Rect::new(x, inner.y, 1, 1));
        }
        if end < total {
            let y = fields_area.bottom() - 1;
            frame.render_widget(Paragraph::new("↓"), Rect::new(x, y, 1, 1));
        }
    }
    let bottom_area = Rect {
        y: inner.bottom() - u16::try_from(bottom_h).unwrap_or(0),
        height: u16::try_from(bottom_h).unwrap_or(0),
        ..inner
    };
    let skip = bottom.len() - bottom_h;
    frame.render_widget(Paragraph::new(bottom[skip..].to_vec()), bottom_area);

    if let Some((row, col)) = cursor
        && row >= start
        && row < end
        && inner.width > 0
    {
        let x = inner.x + u16::try_from(col).unwrap_or(u16::MAX).min(inner.width - 1);
        let y = inner.y + u16::try_from(row - start).unwrap_or(0);
        frame.set_cursor_position(Position::new(x, y));
    }
}

/// The hint line: what the focused field's own keys do, then the form's keys.
fn hint(form: &Form, keymap: &Keymap, max: usize) -> String {
    let lang = form.lang();
    let base = hint_text(lang, &keymap.hints(&[Ctx::Form], |_| true));
    let base = base.as_str();
    let Some(f) = form.focused() else {
        return base.to_string();
    };
    let own = match f.kind {
        FieldKind::Pick { .. } if f.is_open() => return lang.t(K::FormHintPickOpen).to_string(),
        FieldKind::Pick { .. } => Some(K::FormHintPick),
        FieldKind::Date => Some(K::FormHintDate),
        FieldKind::Choice { .. } => Some(K::FormHintChoice),
        FieldKind::Flag => Some(K::FormHintFlag),
        FieldKind::Multiline => Some(K::FormHintMultiline),
        _ => None,
    };
    match own {
        Some(k) => {
            let full = format!("{} · {base}", lang.t(k));
            if width(&full) <= max {
                full
            } else {
                base.to_string()
            }
        }
        None => base.to_string(),
    }
}

/// The rows of field `i`: label and value, extra value rows, an open pick list, the error.
fn field_rows(form: &Form, i: usize, f: &Field, cols: &Cols) -> Rows {
    let lang = form.lang();
    let focused = i == form.focus;
    let indent = " ".repeat(cols.prefix);
    let vw = cols.value;
    let input_style = if focused {
        Style::new().add_modifier(Modifier::UNDERLINED)
    } else {
        Style::new()
    };
    // The `›` marker sits right before the (right-aligned) label, so focus shows without colour.
    let label = truncate(f.label(lang), cols.label);
    let lead = " ".repeat(cols.label - width(&label));
    let mut head = vec![
        Span::raw(format!("{lead}{}", if focused { "› " } else { "  " })),
        Span::styled(
            label,
            if focused {
                Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
            } else {
                Style::new()
            },
        ),
        Span::raw(if f.required { "* " } else { "  " }),
    ];
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cursor = None;

    match &f.kind {
        FieldKind::Text | FieldKind::Date | FieldKind::Number | FieldKind::Money => {
            let hint = form.date_hint(i).map(|h| format!("  {h}"));
            let room = vw.saturating_sub(hint.as_deref().map_or(0, width));
            let text = f.input().text();
            if focused {
                let (shown, x) = f.input().view(u16::try_from(room).unwrap_or(u16::MAX));
                if shown.is_empty() && f.kind == FieldKind::Date {
                    head.push(Span::styled(
                        pad("YYYY-MM-DD", room),
                        input_style.add_modifier(Modifier::DIM),
                    ));
                } else if form.replaces_on_type() {
                    // Shown selected: the first key typed replaces it.
                    head.push(Span::styled(
                        shown.clone(),
                        input_style.add_modifier(Modifier::REVERSED),
                    ));
                    head.push(Span::styled(
                        pad("", room.saturating_sub(width(&shown))),
                        input_style,
                    ));
                } else {
                    head.push(Span::styled(pad(&shown, room), input_style));
                }
                cursor = Some((0, cols.prefix + usize::from(x)));
            } else {
                head.push(Span::raw(truncate(text, room)));
            }
            if let Some(h) = hint {
                head.push(Span::raw(h));
            }
            lines.push(Line::from(head));
        }
        FieldKind::Multiline => {
            let (rows, (cx, cy)) = f.input().layout(u16::try_from(vw).unwrap_or(u16::MAX));
            let n = rows.len().clamp(1, MULTILINE_ROWS);
            let top = if focused {
                usize::from(cy).saturating_sub(n - 1)
            } else {
                0
            };
            for (k, row) in rows.iter().skip(top).take(n).enumerate() {
                let more = !focused && k + 1 == n && rows.len() > n;
                let shown = if more {
                    truncate(&format!("{row}…"), vw)
                } else {
                    row.clone()
                };
                let span = Span::styled(if focused { pad(&shown, vw) } else { shown }, input_style);
                if k == 0 {
                    head.push(span);
                    lines.push(Line::from(std::mem::take(&mut head)));
                } else {
                    lines.push(Line::from(vec![Span::raw(indent.clone()), span]));
                }
            }
            if focused {
                cursor = Some((usize::from(cy) - top, cols.prefix + usize::from(cx)));
            }
        }
        FieldKind::Flag => {
            let v = if f.flag() { "[x]" } else { "[ ]" };
            head.push(Span::styled(v, if focused { bold() } else { Style::new() }));
            lines.push(Line::from(head));
        }
        FieldKind::Choice { .. } => {
            let label = f.chosen().map_or("—", |o| o.label.as_str());
            let v = format!("‹ {} ›", truncate(label, vw.saturating_sub(4)));
            head.push(Span::styled(v, if focused { bold() } else { Style::new() }));
            lines.push(Line::from(head));
            let options = f.choice_options();
            if focused && (2..=9).contains(&options.len()) {
                // The numbers that pick each option directly.
                let list = options
                    .iter()
                    .enumerate()
                    .map(|(k, o)| format!("{} {}", k + 1, o.label))
                    .collect::<Vec<_>>()
                    .join("  ");
                lines.push(Line::from(Span::styled(
                    format!("{indent}{}", truncate(&list, vw)),
                    Style::new().add_modifier(Modifier::DIM),
                )));
            }
        }
        FieldKind::Pick { multi, .. } => {
            let multi = *multi;
            let sel = f.selected_labels().join(form.separator());
            let shown = if sel.is_empty() && !focused {
                "—".to_string()
            } else {
                truncate(&sel, vw)
            };
            let listing = f.is_open() || !f.input().is_empty();
            if focused && !listing {
                let x = width(&shown);
                cursor = Some((0, cols.prefix + x.min(vw.saturating_sub(1))));
            }
            head.push(Span::raw(shown));
            lines.push(Line::from(head));
            if focused && listing {
                // The query row, then the candidates with the highlighted one marked.
                let search = lang.t(K::FormSearch);
                let room = vw.saturating_sub(width(search) + 1);
                let (q, x) = f.input().view(u16::try_from(room).unwrap_or(u16::MAX));
                lines.push(Line::from(vec![
                    Span::raw(format!("{indent}{search} ")),
                    Span::styled(pad(&q, room), input_style),
                ]));
                cursor = Some((1, cols.prefix + width(search) + 1 + usize::from(x)));
                let cands = f.candidates();
                if cands.is_empty() {
                    lines.push(Line::from(Span::styled(
                        format!("{indent}  ({})", lang.t(K::FormNoMatch)),
                        Style::new().add_modifier(Modifier::ITALIC),
                    )));
                }
                let top = f.highlight().saturating_sub(PICK_ROWS - 1);
                for (k, c) in cands.iter().enumerate().skip(top).take(PICK_ROWS) {
                    let lit = k == f.highlight();
                    let mark = if lit { "› " } else { "  " };
                    let tick = match (multi, f.selected_ids().contains(&c.id)) {
                        (false, _) => "",
                        (true, true) => "[x] ",
                        (true, false) => "[ ] ",
                    };
                    let room = vw.saturating_sub(2 + tick.len());
                    let style = if lit {
                        Style::new().add_modifier(Modifier::REVERSED)
                    } else {
                        Style::new()
                    };
                    lines.push(Line::from(vec![
                        Span::raw(format!("{indent}{mark}")),
                        Span::styled(format!("{tick}{}", truncate(&c.label, room)), style),
                    ]));
                }
            }
        }
    }

    if let Some(e) = &f.error {
        for (k, l) in wrap(e, vw.saturating_sub(2).max(8)).into_iter().enumerate() {
            let lead = if k == 0 { "! " } else { "  " };
            lines.push(Line::from(Span::styled(
                format!("{indent}{lead}{l}"),
                bold(),
            )));
        }
    }
    Rows { lines, cursor }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::app::form::{Choice, FormOutcome, choices};
    use crate::domain::Category;
    use crate::i18n::Lang;
    use chrono::NaiveDate;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn press(form: &mut Form, code: KeyCode) -> FormOutcome {
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typ(form: &mut Form, s: &str) {
        for c in s.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    fn draw(form: &Form, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render_form(f, f.area(), form)).unwrap();
        t
    }

    /// A row as text, wide characters counted once.
    fn row(buf: &Buffer, y: u16) -> String {
        let mut s = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            s.push_str(sym);
            x += u16::try_from(width(sym).max(1)).unwrap();
        }
        s
    }

    /// The (x, y) cell where `sym` first appears.
    fn find(buf: &Buffer, sym: &str) -> (u16, u16) {
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                if buf[(x, y)].symbol() == sym {
                    return (x, y);
                }
            }
        }
        panic!("{sym} not on screen");
    }

    fn units() -> Vec<Choice> {
        vec![
            Choice::with_id(1, "清源县交通运输局"),
            Choice::with_id(2, "清源县教育局"),
            Choice::with_id(3, "清源县卫生健康局"),
        ]
    }

    fn zh_form() -> Form {
        Form::new("新建案件", today(), Lang::Zh)
            .text(K::FCaseNo, "甲号")
            .required()
            .text(K::FSuspect, "乙")
            .text(K::FLeadingGroup, "丙")
            .date(K::FFiledOn, None)
            .money(K::FAmount, Some(1_200_000))
            .choice(
                K::FCategory,
                choices(Category::ALL, Lang::Zh, Category::key),
                false,
                Some("similar"),
            )
            .flag(K::FKeyDemo, true)
            .pick(K::FUnit, units(), false, false, &[2])
            .multiline(K::FNotes, "丁第一行\n第二行")
    }

    #[test]
    fn chinese_labels_line_up_by_display_width() {
        let form = zh_form();
        let t = draw(&form, 80, 24);
        let buf = t.backend().buffer();
        let cols: Vec<u16> = ["甲", "乙", "丙", "1", "‹", "[", "清", "丁"]
            .iter()
            .map(|s| find(buf, s).0)
            .collect();
        assert!(cols.windows(2).all(|w| w[0] == w[1]), "{cols:?}");
        // Labels of different widths end in the same column (right-aligned), marked required with `*`.
        let (_, y) = find(buf, "甲");
        assert!(row(buf, y).contains("案号* 甲号"), "{}", row(buf, y));
        assert!(row(buf, y).contains("› "), "the focused field is marked");
        assert!(row(buf, find(buf, "[").1).contains("[x]"));
        assert!(row(buf, find(buf, "‹").1).contains("‹ 类案 ›"));
        assert!(row(buf, find(buf, "丁").1 + 1).contains("第二行"));
        let hint = (0..24)
            .map(|y| row(buf, y))
            .find(|r| r.contains("Ctrl-S 保存"));
        assert!(hint.is_some());
    }

    #[test]
    fn cursor_sits_after_typed_chinese() {
        let mut form = Form::new("新建单位", today(), Lang::Zh)
            .text(K::FName, "")
            .text(K::FNotes, "");
        typ(&mut form, "清源县");
        let mut t = draw(&form, 80, 24);
        let (x, y) = find(t.backend().buffer(), "清");
        let pos = t.get_cursor_position().unwrap();
        assert_eq!(pos, Position::new(x + 6, y));
        // Moving left one char moves the cursor two cells.
        press(&mut form, KeyCode::Left);
        let mut t = draw(&form, 80, 24);
        assert_eq!(t.get_cursor_position().unwrap(), Position::new(x + 4, y));
    }

    #[test]
    fn errors_show_under_their_field_and_at_the_bottom() {
        let mut f2 = Form::new("新建案件", today(), Lang::Zh)
            .text(K::FCaseNo, "")
            .required()
            .date(K::FFiledOn, None);
        press(&mut f2, KeyCode::Tab);
        typ(&mut f2, "2026-02-30");
        assert!(!f2.check());
        let t = draw(&f2, 80, 24);
        let buf = t.backend().buffer();
        let rows: Vec<String> = (0..24).map(|y| row(buf, y)).collect();
        let at = |s: &str| rows.iter().position(|r| r.contains(s));
        let label = at("案号*").unwrap();
        assert_eq!(at("! 案号：必填"), Some(label + 1));
        assert_eq!(at("! 2026年2月没有30日"), Some(label + 3));
        assert!(at("! 请更正标有 ! 的项目").unwrap() > label + 3);
    }

    #[test]
    fn open_pick_list_and_date_hint() {
        let mut form = zh_form();
        form.set_focus(7);
        typ(&mut form, "局");
        press(&mut form, KeyCode::Down);
        let mut t = draw(&form, 80, 24);
        let pos = t.get_cursor_position().unwrap();
        let buf = t.backend().buffer();
        let rows: Vec<String> = (0..24).map(|y| row(buf, y)).collect();
        let q = rows.iter().position(|r| r.contains("查找： 局")).unwrap();
        assert!(rows[q + 1].contains("  清源县交通运输局"));
        assert!(rows[q + 2].contains("› 清源县教育局"));
        assert!(rows[q + 3].contains("  清源县卫生健康局"));
        assert_eq!(usize::from(pos.y), q);
        let lx = (0..80).find(|x| buf[(*x, pos.y)].symbol() == "局").unwrap();
        assert_eq!(pos.x, lx + 2);
        // A date shortcut shows the date it stands for.
        form.set_focus(3);
        typ(&mut form, "+3");
        let t = draw(&form, 80, 24);
        let buf = t.backend().buffer();
        assert!(
            (0..24).any(|y| row(buf, y).contains("+3") && row(buf, y).contains("→ 2026-06-04"))
        );
    }

    #[test]
    fn small_screens_scroll_to_the_focus() {
        let mut form = zh_form();
        for i in 0..form.fields.len() {
            form.set_focus(i);
            for (w, h) in [(80, 24), (40, 10), (20, 6), (8, 3)] {
                let mut t = draw(&form, w, h);
                if h >= 10 && form.focused().unwrap().takes_cursor() {
                    let p = t.get_cursor_position().unwrap();
                    assert!(p.x < w && p.y < h);
                }
            }
        }
        // At 40x10 the focused last field is visible.
        let t = draw(&form, 40, 10);
        let buf = t.backend().buffer();
        assert!((0..10).any(|y| row(buf, y).contains("› ")));
    }

    #[test]
    fn snapshots_in_both_languages() {
        let form = zh_form();
        insta::assert_snapshot!("form_zh_80x24", draw(&form, 80, 24).backend());
        let en = Form::new("New case", today(), Lang::En)
            .text(K::FCaseNo, "QJ-2026-1")
            .required()
            .date(K::FFiledOn, NaiveDate::from_ymd_opt(2026, 5, 20))
            .money(K::FAmount, Some(1_234_500))
            .choice(
                K::FCategory,
                choices(Category::ALL, Lang::En, Category::key),
                true,
                None,
            )
            .pick(K::FCopiedTo, units(), true, true, &[1, 3])
            .flag(K::FLeadingGroup, false);
        insta::assert_snapshot!("form_en_80x24", draw(&en, 80, 24).backend());
    }
}
