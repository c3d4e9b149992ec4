//! History and undo at the store level.

use yufang::app::history_text::UndoneText;
use yufang::domain::{FollowUp, FollowUpKind, Suggestion, Unit};
use yufang::i18n::Lang;
use yufang::store::StoreError;

use super::TODAY;
use crate::common::{d, open, small_office};

#[test]
fn history_lists_each_change_with_its_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let o = small_office(&mut store);
    let mut s: Suggestion = store.get(o.due_soon).unwrap();
    s.replied_on = Some(d("2026-05-30"));
    s.notes = "书面回复已收".into();
    store.update(&mut s).unwrap();
    let h = store.history("suggestions", o.due_soon).unwrap();
    assert_eq!(
        h.iter().map(|c| c.action.as_str()).collect::<Vec<_>>(),
        vec!["insert", "update"]
    );
    let fields: Vec<(&str, String, String)> = h[1]
        .fields
        .iter()
        .map(|f| {
            (
                f.field.as_str(),
                yufang::app::history_text::value_text(&f.before),
                yufang::app::history_text::value_text(&f.after),
            )
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("replied_on", "—".to_string(), "2026-05-30".to_string()),
            ("notes", "—".to_string(), "书面回复已收".to_string()),
        ]
    );
    assert!(
        h[0].fields
            .iter()
            .any(|f| f.field == "doc_no" && f.after == "X检建〔2026〕2号")
    );
    assert!(h[0].at.len() == 19 && h[0].at.contains('T'));
    assert!(store.history("units", 999).unwrap().is_empty());
}

#[test]
fn undo_is_a_stack_over_changes_and_is_itself_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let o = small_office(&mut store);
    let original: Suggestion = store.get(o.replied).unwrap();
    // 1: a new unit; 2: an edit of a suggestion; 3: a deleted suggestion (with its linked case).
    let u = store.insert(&mut Unit::new("清源县审计局")).unwrap();
    let mut s = original.clone();
    s.notes = "改过".into();
    store.update(&mut s).unwrap();
    store.delete::<Suggestion>(o.replied, s.version).unwrap();
    let count = store.change_count().unwrap();

    let undone = store.undo_last().unwrap().unwrap();
    assert_eq!(
        (undone.change.action.as_str(), undone.change.entity_id),
        ("delete", o.replied)
    );
    assert!(
        undone
            .message(Lang::En)
            .starts_with(&format!("undone: deletion of suggestion #{}", o.replied))
    );
    let back: Suggestion = store.get(o.replied).unwrap();
    assert_eq!(
        (back.notes.as_str(), back.case_ids.clone()),
        ("改过", vec![o.case_closed])
    );

    let undone = store.undo_last().unwrap().unwrap();
    assert_eq!(undone.change.action, "update");
    let back: Suggestion = store.get(o.replied).unwrap();
    assert_eq!(
        Suggestion {
            version: original.version,
            ..back.clone()
        },
        original
    );
    assert!(
        back.version > original.version,
        "a fresh version: stale copies cannot overwrite it"
    );

    let undone = store.undo_last().unwrap().unwrap();
    assert_eq!(
        (undone.change.action.as_str(), undone.change.entity_id),
        ("insert", u)
    );
    assert!(matches!(
        store.get::<Unit>(u),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.change_count().unwrap(), count + 3);
    let actions: Vec<String> = store
        .history("suggestions", o.replied)
        .unwrap()
        .into_iter()
        .map(|c| c.action)
        .collect();
    assert_eq!(actions, vec!["insert", "update", "delete", "undo", "undo"]);
    // The next undo goes on down the stack into small_office's own writes (the activity it inserted last).
    let next = store.last_undoable().unwrap().unwrap();
    assert_eq!(
        (next.entity.as_str(), next.action.as_str()),
        ("activities", "insert")
    );
}

#[test]
fn undo_refuses_when_the_record_changed_since_or_a_rule_would_break() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let o = small_office(&mut store);
    // Changed since (by something that bypassed the log).
    let mut f = FollowUp::new(o.overdue, FollowUpKind::Urging, d("2026-05-20"));
    let fid = store.insert(&mut f).unwrap();
    store
        .conn()
        .execute(
            "UPDATE follow_ups SET record = '电话催办' WHERE id = ?1",
            [fid],
        )
        .unwrap();
    let count = store.change_count().unwrap();
    let err = store.undo_last().err().unwrap();
    assert!(matches!(err, StoreError::UndoRefused { .. }));
    assert_eq!(
        err.message(Lang::En),
        format!("cannot undo the last change: follow-up record #{fid} has been changed since")
    );
    assert_eq!(
        err.message(Lang::Zh),
        format!("无法撤销上一次修改：督促落实记录 #{fid} 此后已被改动")
    );
    assert_eq!(store.change_count().unwrap(), count);
    assert!(store.get::<FollowUp>(fid).is_ok());

    // A rename whose old name has been taken since.
    let dir2 = tempfile::tempdir().unwrap();
    let mut store = open(&dir2.path().join("y.db"), TODAY);
    let o = small_office(&mut store);
    let mut u: Unit = store.get(o.other_unit).unwrap();
    u.name = "清源县教育体育局".into();
    store.update(&mut u).unwrap();
    store
        .conn()
        .execute(
            "INSERT INTO units (name, level) VALUES ('清源县教育局', 'county')",
            [],
        )
        .unwrap();
    let err = store.undo_last().err().unwrap();
    assert_eq!(
        err.message(Lang::En),
        format!(
            "cannot undo the last change to unit #{}: unit already exists: 清源县教育局",
            o.other_unit
        )
    );
    assert_eq!(
        store.get::<Unit>(o.other_unit).unwrap().name,
        "清源县教育体育局"
    );
}

#[test]
fn nothing_to_undo_in_an_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    assert_eq!(store.undo_last().unwrap(), None);
    assert_eq!(store.last_undoable().unwrap(), None);
}
