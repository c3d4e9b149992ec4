//! Measures as items: the migration of an older store, a reply recorded measure by measure, the JSON round
//! trip and undo carrying the items.

use std::io::Cursor;

use yufang::domain::{Adoption, Measure, Rectification, Suggestion};
use yufang::i18n::Lang;
use yufang::store::export::export_json;
use yufang::store::import::{ImportOptions, Input, import};
use yufang::store::{MIGRATIONS, Store};

use crate::common::{d, open, small_office};

const TEXTS: &[&str] = &[
    "一、落实不相容岗位分离，U盾、密码分人保管；二、升级国库支付系统；三、建立月度对账和季度抽查制度。",
    "（一）完善审批流程；\n（二）建立台账；\n（三）定期公开。",
    "1. 完善内控制度；\n2. 单笔1.5万元以上集体研究；\n3. 每季度对账。",
    "建议加强资金监管，完善内部控制。",
    "",
];

/// A store at the schema before measures were items, with suggestions of every numbering style, one of
/// them with an adoption recorded for the whole suggestion.
#[test]
fn the_migration_keeps_every_measures_text_and_splits_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        yufang::store::search::register(&conn).unwrap();
        let before = &MIGRATIONS[..MIGRATIONS.len() - 1];
        for sql in before {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", before.len() as i64)
            .unwrap();
        conn.execute(
            "INSERT INTO units (id, name, level) VALUES (1, 'u', 'county')",
            [],
        )
        .unwrap();
        for (i, t) in TEXTS.iter().enumerate() {
            conn.execute(
                "INSERT INTO suggestions (id, category, legal_type, title, recipient_id, measures, issued_on,
                     doc_no, received_on, replied_on, adoption)
                 VALUES (?1, 'single', 'social_governance', 's', 1, ?2, '2026-01-05', ?3, '2026-01-06',
                     '2026-02-01', 'partly')",
                rusqlite::params![i as i64 + 1, t, format!("X检建〔2026〕{}号", i + 1)],
            )
            .unwrap();
        }
    }
    let mut store = open(&path, "2026-06-01");
    let counts: Vec<usize> = (1..=TEXTS.len() as i64)
        .map(|id| store.get::<Suggestion>(id).unwrap().measure_items.len())
        .collect();
    assert_eq!(counts, vec![3, 3, 3, 1, 0]);
    for (i, t) in TEXTS.iter().enumerate() {
        let s: Suggestion = store.get(i as i64 + 1).unwrap();
        assert_eq!(s.measures, *t, "the text is kept whole");
        assert_eq!(
            s.adoption,
            Some(Adoption::Partly),
            "the whole-suggestion state stays"
        );
        for m in &s.measure_items {
            assert!(t.contains(&m.text), "{:?} in {t:?}", m.text);
        }
    }
    let s: Suggestion = store.get(3).unwrap();
    assert_eq!(s.measure_items[1].text, "单笔1.5万元以上集体研究");
    let s: Suggestion = store.get(4).unwrap();
    assert_eq!(s.measure_items[0].text, TEXTS[3]);
    // Saving an unanswered suggestion changes none of its states.
    let mut s: Suggestion = store.get(1).unwrap();
    store.update(&mut s).unwrap();
    assert_eq!(
        store.get::<Suggestion>(1).unwrap().adoption,
        Some(Adoption::Partly)
    );
    drop(store);
    // Opening again splits nothing twice.
    let store = open(&path, "2026-06-01");
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM measures", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 10);
}

fn three_measures(store: &mut Store) -> i64 {
    let o = small_office(store);
    let mut s: Suggestion = store.get(o.overdue).unwrap();
    s.measures = "一、完善招投标监管制度；二、建立评标专家随机抽取机制；三、开展警示教育。".into();
    store.update(&mut s).unwrap();
    o.overdue
}

#[test]
fn a_reply_recorded_measure_by_measure_moves_the_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s.db"), "2026-06-01");
    let id = three_measures(&mut store);
    let mut s: Suggestion = store.get(id).unwrap();
    assert_eq!(s.measure_items.len(), 3);
    assert_eq!((s.adoption, s.rectification), (None, None));

    let log = store.change_count().unwrap();
    s.replied_on = Some(d("2026-05-20"));
    s.measure_items[0].adoption = Some(Adoption::Adopted);
    s.measure_items[1].adoption = Some(Adoption::Adopted);
    s.measure_items[2].adoption = Some(Adoption::Not);
    s.measure_items[0].rectification = Some(Rectification::Full);
    s.measure_items[0].rectified_on = Some(d("2026-05-20"));
    s.measure_items[0].evidence = "回复函附制度文本".into();
    store.update(&mut s).unwrap();
    assert_eq!(store.change_count().unwrap(), log + 1, "one change-log row");
    let back: Suggestion = store.get(id).unwrap();
    assert_eq!(back.adoption, Some(Adoption::Partly));
    assert_eq!(back.rectification, Some(Rectification::Partial));
    assert_eq!(back.rectified_on, Some(d("2026-05-20")));
    assert_eq!(back.measure_items[0].evidence, "回复函附制度文本");
    assert_eq!(back.open_measures(), 2);

    // Statistics by measure: the year's measures, and this suggestion listed with two still open.
    let (from, to) = (d("2026-01-01"), d("2026-12-31"));
    let (counts, open, total) = store.measure_stats(from, to, 10).unwrap();
    assert_eq!(
        (
            counts.measures,
            counts.answered,
            counts.adopted,
            counts.fully_rectified
        ),
        (3, 3, 2, 1)
    );
    assert_eq!(total, 1);
    assert_eq!((open[0].id, open[0].open, open[0].measures), (id, 2, 3));
    // Rectified after the period's end is still open at its end.
    let (c, open, _) = store.measure_stats(from, d("2026-05-19"), 10).unwrap();
    assert_eq!(
        (c.fully_rectified, open.len()),
        (0, 0),
        "not yet replied by then"
    );

    // The look-back check finds the other two rectified.
    let mut s = back;
    for m in &mut s.measure_items {
        m.rectification = Some(Rectification::Full);
        m.rectified_on = Some(d("2026-06-01"));
    }
    store.update(&mut s).unwrap();
    let back: Suggestion = store.get(id).unwrap();
    assert_eq!(back.rectification, Some(Rectification::Full));
    assert_eq!(back.rectified_on, Some(d("2026-06-01")));

    // Undo brings the items back as they were.
    store.undo_last().unwrap().unwrap();
    let undone: Suggestion = store.get(id).unwrap();
    assert_eq!(undone.rectification, Some(Rectification::Partial));
    assert_eq!(undone.open_measures(), 2);

    // A bad answer names the measure and changes nothing.
    let mut bad = undone.clone();
    bad.measure_items[2].rectified_on = Some(d("2026-07-01"));
    bad.measure_items[2].rectification = Some(Rectification::Full);
    let err = store.update(&mut bad).unwrap_err();
    assert!(
        err.message(Lang::En).contains("measure 3"),
        "{}",
        err.message(Lang::En)
    );
    assert_eq!(store.get::<Suggestion>(id).unwrap(), undone);

    // Set by hand, the suggestion's states stop following its measures.
    let mut s = undone;
    s.states_by_hand = true;
    s.adoption = Some(Adoption::Adopted);
    store.update(&mut s).unwrap();
    assert_eq!(
        store.get::<Suggestion>(id).unwrap().adoption,
        Some(Adoption::Adopted)
    );
}

fn json(store: &Store) -> String {
    let mut out = Vec::new();
    export_json(store, &mut out, false, "t", &mut |_, _| {}).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_json_round_trip_carries_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = open(&dir.path().join("a.db"), "2026-06-01");
    let id = three_measures(&mut a);
    let mut s: Suggestion = a.get(id).unwrap();
    s.replied_on = Some(d("2026-05-20"));
    s.measure_items[2] = Measure {
        adoption: Some(Adoption::Not),
        rectification: Some(Rectification::None),
        rectified_on: Some(d("2026-05-20")),
        evidence: "回复称经费不足".into(),
        ..s.measure_items[2].clone()
    };
    a.update(&mut s).unwrap();
    let text = json(&a);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let items = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap()["measure_items"]
        .clone();
    assert_eq!(items[2]["evidence"], "回复称经费不足");
    assert_eq!(items[2]["adoption"], "not");

    let mut b = open(&dir.path().join("b.db"), "2026-06-01");
    let opts = ImportOptions {
        lang: Lang::En,
        ..ImportOptions::default()
    };
    let bytes = text.clone().into_bytes();
    let len = bytes.len() as u64;
    let report = import(
        &mut b,
        vec![Input::new("a.json", Cursor::new(bytes), Some(len))],
        &opts,
        &mut |_, _| {},
    )
    .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(
        b.get::<Suggestion>(id).unwrap(),
        a.get::<Suggestion>(id).unwrap()
    );
    assert_eq!(json(&b), text);
}

#[test]
fn the_check_before_issue_reads_the_office_record() {
    use yufang::domain::issue_check::{self, Check};
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("c.db"), "2026-06-01");
    let o = small_office(&mut store);
    let mut draft = Suggestion::new("关于规范公务用车管理的检察建议", o.unit);
    draft.doc_no = Some("X检建〔2026〕5号".into());
    draft.measures = "一、建立公务用车使用登记和定期公示制度；二、加强管理。".into();
    store.insert(&mut draft).unwrap();
    let facts = store.issue_facts(&draft).unwrap();
    assert_eq!(facts.max_other_seq, Some(3));
    assert!(!facts.recipient_has_contact);
    assert_eq!(facts.category_stated, (0, 3));
    let points = issue_check::check(&draft, &facts, "X检建");
    let failed: Vec<&Check> = issue_check::warnings(&points).map(|p| &p.check).collect();
    assert_eq!(
        failed,
        vec![
            &Check::Grounded,
            &Check::LegalBasis,
            &Check::MeasuresVerifiable(vec![2]),
            &Check::RecipientContact,
            &Check::InSequence(Some("X检建〔2026〕4号".into())),
        ]
    );
    let mut u: yufang::domain::Unit = store.get(o.unit).unwrap();
    u.contact_person = "办公室 张三".into();
    store.update(&mut u).unwrap();
    draft.doc_no = Some("X检建〔2026〕4号".into());
    let facts = store.issue_facts(&draft).unwrap();
    let points = issue_check::check(&draft, &facts, "X检建");
    assert_eq!(issue_check::warnings(&points).count(), 3);
}

/// In the real app: `r` on an overdue suggestion of three measures walks them; one not adopted leaves the
/// suggestion partly adopted and listed among those with a measure still open.
#[test]
fn the_app_records_a_reply_measure_by_measure() {
    use crate::e2e::{CTRL_S, Pty};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let id = {
        let mut store = open(&db, "2026-06-01");
        three_measures(&mut store)
    };
    let mut app = Pty::spawn(
        &[
            "--db",
            db.to_str().unwrap(),
            "--today",
            "2026-06-01",
            "--lang",
            "en",
        ],
        100,
        30,
    );
    app.wait_for("Overdue replies (1)");
    app.send("r");
    app.wait_for("record reply");
    app.send(CTRL_S);
    app.wait_for("measure 1 of 3");
    app.wait_for("建立评标专家随机抽取机制");
    app.send("a");
    app.wait_for("measure 2 of 3");
    app.send("n");
    app.wait_for("measure 3 of 3");
    app.send("1");
    app.wait_for("recorded, measure by measure: 1 adopted; 2 not adopted; 3 adopted");
    app.wait_for("Overdue replies (0)");
    app.send("q");
    assert!(app.wait_exit().success());

    let store = open(&db, "2026-06-01");
    let s: Suggestion = store.get(id).unwrap();
    assert_eq!(s.replied_on, Some(d("2026-06-01")));
    assert_eq!(s.adoption, Some(Adoption::Partly));
    let (counts, open, _) = store
        .measure_stats(d("2026-01-01"), d("2026-12-31"), 10)
        .unwrap();
    assert_eq!((counts.measures, counts.adopted), (3, 2));
    assert_eq!((open[0].id, open[0].open), (id, 3));
}
