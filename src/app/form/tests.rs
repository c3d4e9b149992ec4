//! Tests of the form model: keys, checks and getters.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::domain::Category;
use crate::domain::validate::Problem;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typ(form: &mut Form, s: &str) {
    for c in s.chars() {
        assert_eq!(
            form.handle_key(key(KeyCode::Char(c))),
            FormOutcome::Continue
        );
    }
}

fn units() -> Vec<Choice> {
    vec![
        Choice::with_id(1, "清源县交通运输局"),
        Choice::with_id(2, "清源县教育局"),
        Choice::with_id(3, "清源县卫生健康局"),
        Choice::with_id(4, "Qingyuan Water Bureau"),
    ]
}

fn case_form(lang: Lang) -> Form {
    Form::new("New case", today(), lang)
        .text(K::FCaseNo, "")
        .required()
        .date(K::FFiledOn, None)
        .number(K::FAttendees, None)
        .money(K::FAmount, None)
        .flag(K::FKeyDemo, false)
        .choice(
            K::FCategory,
            choices(Category::ALL, lang, Category::key),
            true,
            None,
        )
        .pick(K::FUnit, units(), false, false, &[])
        .pick(K::FCopiedTo, units(), true, true, &[])
        .multiline(K::FNotes, "")
}

#[test]
fn typing_focus_and_getters() {
    let mut f = case_form(Lang::Zh);
    assert!(!f.dirty);
    typ(&mut f, " 清检刑诉〔2026〕1号 ");
    assert!(f.dirty);
    assert_eq!(f.get_text(K::FCaseNo), "清检刑诉〔2026〕1号");
    assert_eq!(f.handle_key(key(KeyCode::Tab)), FormOutcome::Continue);
    assert_eq!(f.focus, 1);
    f.handle_key(key(KeyCode::BackTab));
    assert_eq!(f.focus, 0);
    f.handle_key(key(KeyCode::BackTab));
    assert_eq!(f.focus, f.fields.len() - 1, "Shift-Tab wraps");
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.focus, 0, "Tab wraps");
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.focus, 2);
    typ(&mut f, "１2");
    assert_eq!(f.get_number(K::FAttendees), Some(12));
    f.handle_key(key(KeyCode::Up));
    assert_eq!(f.focus, 1);
    f.set_focus(3);
    typ(&mut f, "1.2万");
    assert_eq!(f.get_money(K::FAmount), Some(1_200_000));
    f.set_focus(4);
    f.handle_key(key(KeyCode::Char(' ')));
    assert!(f.get_flag(K::FKeyDemo));
    // The multiline field takes Enter and Up/Down; Tab still leaves it.
    f.set_focus(8);
    typ(&mut f, "第一行");
    f.handle_key(key(KeyCode::Enter));
    typ(&mut f, "2");
    f.handle_key(key(KeyCode::Up));
    assert_eq!(f.focus, 8);
    assert_eq!(f.get_text(K::FNotes), "第一行\n2");
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.focus, 0);
}

#[test]
fn date_shortcuts_and_bad_dates() {
    let mut f = Form::new("d", today(), Lang::En)
        .date(K::FFiledOn, None)
        .date(K::FServedOn, NaiveDate::from_ymd_opt(2026, 5, 2));
    assert_eq!(
        f.get_date(K::FServedOn),
        NaiveDate::from_ymd_opt(2026, 5, 2)
    );
    assert_eq!(f.get_date(K::FFiledOn), None);
    for (typed, want) in [
        ("t", "2026-06-01"),
        ("+3", "2026-06-04"),
        ("-2", "2026-05-30"),
        ("+30", "2026-07-01"),
    ] {
        f.fields[0].input.set_text("");
        typ(&mut f, typed);
        assert_eq!(f.get_date(K::FFiledOn).unwrap().to_string(), want);
        assert_eq!(f.date_hint(0), Some(format!("→ {want}")));
    }
    f.fields[0].input.set_text("2026-06-09");
    assert_eq!(f.date_hint(0), None, "a full date needs no hint");
    // Leaving the field writes the resolved date in place of the shortcut.
    f.fields[0].input.set_text("+3");
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.fields[0].input().text(), "2026-06-04");
    // A bad date is reported under its field in the form's language.
    f.fields[1].input.set_text("2026-1x-01");
    assert!(!f.check());
    assert_eq!(
        f.fields[1].error.as_deref(),
        Some("\"2026-1x-01\" is not a date (YYYY-MM-DD)")
    );
    assert_eq!(f.focus, 1);
    // 2026/06/01 is a date now (one reader for forms and import); 2026/06 is not.
    f.fields[1].input.set_text("2026/06");
    f.lang = Lang::Zh;
    assert!(!f.check());
    assert_eq!(
        f.fields[1].error.as_deref(),
        Some("“2026/06”不是日期（YYYY-MM-DD）")
    );
}

#[test]
fn required_number_and_money_errors() {
    let mut f = case_form(Lang::Zh)
        .pick(K::FRecipient, units(), false, false, &[])
        .required();
    f.set_focus(2);
    typ(&mut f, "-3");
    f.set_focus(3);
    typ(&mut f, "abc");
    assert_eq!(f.handle_key(ctrl('s')), FormOutcome::Continue);
    assert_eq!(f.fields[0].error.as_deref(), Some("案号：必填"));
    assert_eq!(f.fields[2].error.as_deref(), Some("参加人数：不能为负数"));
    assert!(
        f.fields[3]
            .error
            .as_deref()
            .unwrap()
            .contains("“abc”不是金额")
    );
    assert_eq!(f.fields[9].error.as_deref(), Some("被建议单位：必填"));
    assert_eq!(f.error.as_deref(), Some(Lang::Zh.t(K::FormFixErrors)));
    assert_eq!(f.focus, 0, "focus goes to the first bad field");
    typ(&mut f, "A1");
    assert_eq!(f.fields[0].error, None, "editing a field clears its error");
    f.fields[2].input.set_text("x");
    assert!(!f.check());
    assert_eq!(f.fields[2].error.as_deref(), Some("参加人数：“x”不是整数"));
    f.fields[2].input.set_text("");
    f.fields[3].input.set_text("12,345.60");
    f.fields[9].selected = vec![2];
    assert!(f.check());
    assert_eq!(f.error, None);
    assert_eq!(f.get_money(K::FAmount), Some(1_234_560));
    assert_eq!(f.get_number(K::FAttendees), None);
    assert_eq!(f.handle_key(ctrl('s')), FormOutcome::Submit);
}

#[test]
fn pick_type_ahead_with_chinese_labels() {
    let mut f = case_form(Lang::Zh);
    f.set_focus(6);
    typ(&mut f, "教育");
    let fl = &f.fields[6];
    assert!(fl.is_open());
    let labels: Vec<&str> = fl.candidates().iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, vec!["清源县教育局"]);
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    assert_eq!(f.get_id(K::FUnit), Some(2));
    assert_eq!(f.get_text(K::FUnit), "清源县教育局");
    assert!(!f.fields[6].is_open());
    assert_eq!(f.focus, 6, "picking does not leave the field");
    // ASCII is case-insensitive; Backspace edits the query; Down moves in the list, not the focus.
    typ(&mut f, "WATERx");
    assert!(f.fields[6].candidates().is_empty());
    f.handle_key(key(KeyCode::Backspace));
    assert_eq!(f.fields[6].candidates().len(), 1);
    f.handle_key(key(KeyCode::Esc));
    assert!(!f.fields[6].is_open(), "Esc closes the list, not the form");
    assert_eq!(f.get_id(K::FUnit), Some(2));
    typ(&mut f, "局");
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Down));
    assert_eq!(f.focus, 6);
    f.handle_key(key(KeyCode::Up));
    assert_eq!(f.fields[6].highlight(), 1);
    f.handle_key(key(KeyCode::Char(' ')));
    assert_eq!(f.get_id(K::FUnit), Some(2));
    // Leaving with a query that matches exactly one option picks it.
    typ(&mut f, "卫生");
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.get_id(K::FUnit), Some(3));
    assert_eq!(f.focus, 7);
}

#[test]
fn multi_pick_toggles() {
    let mut f = case_form(Lang::En);
    f.set_focus(7);
    typ(&mut f, "局");
    f.handle_key(key(KeyCode::Enter));
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Char(' ')));
    assert_eq!(f.get_ids(K::FCopiedTo), vec![1, 2]);
    assert!(f.fields[7].is_open(), "a multi pick stays open");
    f.handle_key(key(KeyCode::Up));
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.get_ids(K::FCopiedTo), vec![2]);
    f.handle_key(key(KeyCode::Esc));
    // Space on a closed list opens it with every option.
    f.handle_key(key(KeyCode::Char(' ')));
    assert_eq!(f.fields[7].candidates().len(), 4);
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.get_ids(K::FCopiedTo), vec![2, 4]);
    assert_eq!(
        f.get_text(K::FCopiedTo),
        "清源县教育局, Qingyuan Water Bureau"
    );
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.focus, 8);
    f.handle_key(key(KeyCode::BackTab));
    f.handle_key(key(KeyCode::Backspace));
    assert_eq!(
        f.get_ids(K::FCopiedTo),
        vec![2],
        "Backspace on an empty query drops the last pick"
    );
}

#[test]
fn choice_cycling_and_jumping() {
    let mut f = case_form(Lang::En);
    f.set_focus(5);
    assert_eq!(f.get_code(K::FCategory), None, "optional starts at —");
    f.handle_key(key(KeyCode::Right));
    assert_eq!(f.get_code(K::FCategory).as_deref(), Some("single"));
    f.handle_key(key(KeyCode::Left));
    f.handle_key(key(KeyCode::Left));
    assert_eq!(f.get_code(K::FCategory).as_deref(), Some("regional"));
    f.handle_key(key(KeyCode::Char(' ')));
    assert_eq!(f.get_code(K::FCategory), None, "cycling wraps through —");
    f.handle_key(key(KeyCode::Char('i')));
    assert_eq!(f.get_code(K::FCategory).as_deref(), Some("industry"));
    f.handle_key(key(KeyCode::Char('s')));
    f.handle_key(key(KeyCode::Char('s')));
    assert_eq!(f.get_code(K::FCategory).as_deref(), Some("similar"));
    assert_eq!(f.get_text(K::FCategory), "similar-cases");
    // Chinese labels jump by their first character; a non-optional choice starts on its first option.
    let mut z = Form::new("z", today(), Lang::Zh).choice(
        K::FCategory,
        choices(Category::ALL, Lang::Zh, Category::key),
        false,
        Some("industry"),
    );
    assert_eq!(z.get_code(K::FCategory).as_deref(), Some("industry"));
    z.handle_key(key(KeyCode::Char('区')));
    assert_eq!(z.get_code(K::FCategory).as_deref(), Some("regional"));
    z.handle_key(key(KeyCode::Right));
    assert_eq!(z.get_code(K::FCategory).as_deref(), Some("single"));
    let z2 = Form::new("z", today(), Lang::Zh).choice(K::FCategory, vec![], false, None);
    assert_eq!(z2.get_code(K::FCategory), None);
}

#[test]
fn submit_cancel_and_enter_on_last_field() {
    let mut f = Form::new("u", today(), Lang::En)
        .text(K::FName, "x")
        .flag(K::FKeyDemo, true);
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
    assert!(!f.dirty);
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
    assert_eq!(f.handle_key(ctrl('s')), FormOutcome::Submit);
    f.handle_key(key(KeyCode::Char('n')));
    assert!(f.dirty);
    assert!(!f.get_flag(K::FKeyDemo));
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
    // Key releases (Windows) are ignored.
    let mut rel = key(KeyCode::Char('z'));
    rel.kind = KeyEventKind::Release;
    f.set_focus(0);
    f.handle_key(rel);
    assert_eq!(f.get_text(K::FName), "x");
}

#[test]
fn domain_errors_map_to_fields_by_key() {
    let mut f = case_form(Lang::Zh);
    f.set_focus(8);
    f.apply_errors(&[
        FieldError::new(K::FFiledOn, Problem::Required),
        FieldError::new(K::FFiledOn, Problem::Negative),
    ]);
    assert_eq!(f.focus, 1);
    assert_eq!(f.fields[1].error.as_deref(), Some("立案日期：必填"));
    f.set_error(K::FYear, "boom".into());
    assert_eq!(f.error.as_deref(), Some("boom"));
    f.clear_errors();
    assert!(f.error.is_none() && f.fields.iter().all(|x| x.error.is_none()));
    // Initial values come back through the getters.
    let g = Form::new("g", today(), Lang::En)
        .money(K::FAmount, Some(123_405))
        .number(K::FYear, Some(2026))
        .pick(K::FCopiedTo, units(), true, true, &[3, 99, 1]);
    assert_eq!(g.fields[0].input().text(), "1234.05");
    assert_eq!(g.get_money(K::FAmount), Some(123_405));
    assert_eq!(g.get_number(K::FYear), Some(2026));
    assert_eq!(g.get_ids(K::FCopiedTo), vec![3, 1]);
}

#[test]
fn first_printable_key_replaces_a_prefilled_value() {
    let mut f = Form::new("Reply", today(), Lang::En)
        .date(K::FRepliedOn, Some(today()))
        .text(K::FCaseNo, "清检刑〔2026〕7号");
    assert!(f.replaces_on_type());
    typ(&mut f, "2026-05-29");
    assert_eq!(f.get_text(K::FRepliedOn), "2026-05-29");
    assert!(!f.replaces_on_type());
    // Tab into the next pre-filled field: an editing key first keeps the value and moves within it.
    f.handle_key(key(KeyCode::Tab));
    assert!(f.replaces_on_type());
    f.handle_key(key(KeyCode::Left));
    typ(&mut f, "1");
    assert_eq!(f.get_text(K::FCaseNo), "清检刑〔2026〕71号");
    // Backspace is an edit too: one char goes, not the value.
    f.handle_key(key(KeyCode::BackTab));
    f.handle_key(key(KeyCode::Backspace));
    assert_eq!(f.get_text(K::FRepliedOn), "2026-05-2");
    // An empty field has nothing to replace.
    let mut e = Form::new("x", today(), Lang::En).text(K::FCaseNo, "");
    assert!(!e.replaces_on_type());
    typ(&mut e, "ab");
    assert_eq!(e.get_text(K::FCaseNo), "ab");
}

#[test]
fn a_digit_picks_a_choice_directly() {
    let opts = choices(Category::ALL, Lang::Zh, Category::key);
    let mut f = Form::new("x", today(), Lang::Zh).choice(K::FCategory, opts.clone(), true, None);
    typ(&mut f, "2");
    assert_eq!(
        f.get_code(K::FCategory).as_deref(),
        Some(opts[1].code.as_str())
    );
    typ(&mut f, "1");
    assert_eq!(
        f.get_code(K::FCategory).as_deref(),
        Some(opts[0].code.as_str())
    );
    typ(&mut f, "0");
    assert_eq!(f.get_code(K::FCategory), None);
    // A digit past the options changes nothing.
    typ(&mut f, "3");
    typ(&mut f, "9");
    assert_eq!(
        f.get_code(K::FCategory).as_deref(),
        Some(opts[2].code.as_str())
    );
}

#[test]
fn a_multi_pick_clears_its_query_after_each_pick() {
    let mut f = Form::new("x", today(), Lang::Zh).pick(K::FCopiedTo, units(), true, true, &[]);
    typ(&mut f, "教育");
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(f.get_ids(K::FCopiedTo), vec![2]);
    assert_eq!(f.focused().unwrap().input().text(), "");
    assert!(f.focused().unwrap().is_open());
}

#[test]
fn forms_read_every_date_spelling_and_name_an_impossible_day() {
    for lang in [Lang::En, Lang::Zh] {
        let mut f = Form::new("x", today(), lang).date(K::FRepliedOn, None);
        typ(&mut f, "2026年7月31日");
        assert!(f.check());
        assert_eq!(
            f.get_date(K::FRepliedOn),
            NaiveDate::from_ymd_opt(2026, 7, 31)
        );
        let mut f = Form::new("x", today(), lang).date(K::FRepliedOn, None);
        typ(&mut f, "2026/5/6");
        assert_eq!(
            f.get_date(K::FRepliedOn),
            NaiveDate::from_ymd_opt(2026, 5, 6)
        );
        let mut f = Form::new("x", today(), lang).date(K::FRepliedOn, None);
        typ(&mut f, "2026-02-30");
        assert!(!f.check());
        let want = match lang {
            Lang::En => "February 2026 has no 30th",
            Lang::Zh => "2026年2月没有30日",
        };
        assert_eq!(f.fields[0].error.as_deref(), Some(want));
    }
}
