//! The search index (issue 16): Chinese words of any length, document numbers as typed, pinyin, and an index
//! that follows every write and agrees with a plain `LIKE` scan.

use std::collections::BTreeSet;

use yufang::domain::{Activity, ActivityKind, Case, FollowUp, FollowUpKind, Suggestion, Unit};
use yufang::store::Store;
use yufang::store::search::{Kind, Query, Tier};

use crate::common::{d, open};

/// Ids of the records of `kind` that `text` finds, best first.
fn ids(store: &Store, kind: Kind, text: &str) -> Vec<i64> {
    hits(store, kind, text)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

fn hits(store: &Store, kind: Kind, text: &str) -> Vec<(i64, Tier)> {
    store.find_ids(kind, &Query::new(text), 100).unwrap()
}

struct Office {
    finance: i64,
    chongqing: i64,
    hangzhou: i64,
    case_wang: i64,
    s12: i64,
    s_draft: i64,
    s120: i64,
    visit: i64,
    talk: i64,
}

fn office(store: &mut Store) -> Office {
    let mut u = Unit::new("兴丰县财政局");
    u.industry = "财政".into();
    let finance = store.insert(&mut u).unwrap();
    let chongqing = store.insert(&mut Unit::new("重庆市教育局")).unwrap();
    let hangzhou = store.insert(&mut Unit::new("银行杭州分行")).unwrap();
    let mut c = Case::new("X检刑诉〔2025〕7号");
    c.suspect = "王某".into();
    c.unit_id = Some(finance);
    let case_wang = store.insert(&mut c).unwrap();
    let mut s = Suggestion::new("关于规范医保基金管理的检察建议", finance);
    s.doc_no = Some("X检建〔2024〕12号".into());
    let s12 = store.insert(&mut s).unwrap();
    let mut s = Suggestion::new("关于完善学生资助资金管理的检察建议", chongqing);
    s.doc_no = Some("X检建〔2024〕120号".into());
    let s120 = store.insert(&mut s).unwrap();
    let s_draft = store
        .insert(&mut Suggestion::new(
            "关于加强财务报销监管的检察建议",
            hangzhou,
        ))
        .unwrap();
    let mut f = FollowUp::new(s12, FollowUpKind::ReturnVisit, d("2025-03-01"));
    f.record = "查看整改台账".into();
    let visit = store.insert(&mut f).unwrap();
    let mut a = Activity::new(ActivityKind::Warning, "医保基金警示教育");
    a.unit_id = Some(hangzhou);
    a.done_on = Some(d("2025-05-01"));
    let talk = store.insert(&mut a).unwrap();
    Office {
        finance,
        chongqing,
        hangzhou,
        case_wang,
        s12,
        s_draft,
        s120,
        visit,
        talk,
    }
}

#[test]
fn one_and_two_character_chinese_words_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s.db"), "2026-06-01");
    let o = office(&mut store);
    // One character: the unit by its name, and every record that carries the unit's name.
    assert_eq!(ids(&store, Kind::Unit, "财"), vec![o.finance]);
    assert_eq!(ids(&store, Kind::Case, "财"), vec![o.case_wang]);
    // 财 is in the finance bureau's name and in the draft's title (财务).
    assert_eq!(ids(&store, Kind::Suggestion, "财"), vec![o.s_draft, o.s12]);
    // Two characters: only where they stand together.
    assert_eq!(ids(&store, Kind::Suggestion, "财政"), vec![o.s12]);
    assert_eq!(ids(&store, Kind::Case, "王某"), vec![o.case_wang]);
    assert_eq!(ids(&store, Kind::Activity, "医保"), vec![o.talk]);
    assert_eq!(ids(&store, Kind::Suggestion, "医保"), vec![o.s12]);
    assert_eq!(ids(&store, Kind::FollowUp, "台账"), vec![o.visit]);
    // Characters that are in the record but not side by side do not match as a word.
    assert!(ids(&store, Kind::Suggestion, "医基").is_empty());
    // Words apart in the query must each be in the record.
    assert_eq!(ids(&store, Kind::Suggestion, "医保 兴丰"), vec![o.s12]);
    assert!(ids(&store, Kind::Suggestion, "医保 重庆").is_empty());
    // The whole search: grouped by kind, counted exactly.
    let groups = store.find("财政", 10).unwrap();
    let kinds: Vec<(Kind, usize)> = groups.iter().map(|g| (g.kind, g.total)).collect();
    assert_eq!(
        kinds,
        vec![(Kind::Unit, 1), (Kind::Case, 1), (Kind::Suggestion, 1)]
    );
}

#[test]
fn a_document_number_is_found_in_the_spellings_people_type() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s.db"), "2026-06-01");
    let o = office(&mut store);
    for q in [
        "2024 12",
        "〔2024〕12",
        "检建12",
        "[2024]12号",
        "X检建〔2024〕12号",
        "x检建（2024）第012号",
    ] {
        let h = hits(&store, Kind::Suggestion, q);
        // 12, not 120: the number is whole; and it comes first, as the number typed.
        assert_eq!(h.first(), Some(&(o.s12, Tier::Number)), "{q}: {h:?}");
        assert!(
            !h.iter().any(|(id, t)| *id == o.s120 && *t == Tier::Number),
            "{q}"
        );
    }
    // A part of a number is still a substring, ranked after the whole one.
    let h = hits(&store, Kind::Suggestion, "〔2024〕12");
    assert_eq!(h, vec![(o.s12, Tier::Number), (o.s120, Tier::Text)]);
    // Case numbers are numbers too.
    assert_eq!(
        hits(&store, Kind::Case, "2025 7"),
        vec![(o.case_wang, Tier::Number)]
    );
    assert_eq!(
        hits(&store, Kind::Case, "X检刑诉"),
        vec![(o.case_wang, Tier::Prefix)]
    );
}

#[test]
fn initials_and_full_pinyin_find_names_in_every_reading() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s.db"), "2026-06-01");
    let o = office(&mut store);
    for q in [
        "czj",
        "caizhengju",
        "caizheng",
        "xfxczj",
        "CZJ",
        "cai zheng ju",
    ] {
        assert_eq!(
            hits(&store, Kind::Unit, q),
            vec![(o.finance, Tier::Pinyin)],
            "{q}"
        );
    }
    // 重 is zhong or chong, 行 xing or hang: each reading finds the name.
    for q in ["chongqing", "cqs", "zhongqing", "zqsjyj"] {
        assert_eq!(ids(&store, Kind::Unit, q), vec![o.chongqing], "{q}");
    }
    // One other reading at a time: 银行杭州分行 is found as yinhang and as hangzhoufenhang, not with both
    // of its 行 read hang at once.
    for q in ["yinhang", "hangzhoufenhang", "yhhz", "hzfh", "yxhzfx"] {
        assert_eq!(ids(&store, Kind::Unit, q), vec![o.hangzhou], "{q}");
    }
    // Titles and suspects' names too.
    assert_eq!(ids(&store, Kind::Activity, "ybjj"), vec![o.talk]);
    assert_eq!(ids(&store, Kind::Case, "wangmou"), vec![o.case_wang]);
    assert!(ids(&store, Kind::Unit, "qzj").is_empty());
}

#[test]
fn a_query_that_matches_nothing_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s.db"), "2026-06-01");
    office(&mut store);
    for q in [
        "不存在的词",
        "zzzz",
        "9999 99",
        "   ",
        "。",
        "\"",
        "*",
        "a OR b",
        "NEAR(",
        "t:x",
    ] {
        assert!(store.find(q, 10).unwrap().is_empty(), "{q}");
    }
}

#[test]
fn the_index_follows_every_write_in_its_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s.db"), "2026-06-01");
    let o = office(&mut store);
    // An edit: the old title is gone from the index, the new one is there.
    let mut s: Suggestion = store.get(o.s12).unwrap();
    s.title = "关于加强食堂采购监管的检察建议".into();
    store.update(&mut s).unwrap();
    assert!(ids(&store, Kind::Suggestion, "医保").is_empty());
    assert_eq!(ids(&store, Kind::Suggestion, "食堂"), vec![o.s12]);
    // A unit's new name is how its cases and suggestions are found.
    let mut u: Unit = store.get(o.finance).unwrap();
    u.name = "兴丰县审计局".into();
    store.update(&mut u).unwrap();
    assert!(ids(&store, Kind::Suggestion, "财政").is_empty());
    assert_eq!(ids(&store, Kind::Suggestion, "审计"), vec![o.s12]);
    assert_eq!(ids(&store, Kind::Case, "审计"), vec![o.case_wang]);
    assert_eq!(ids(&store, Kind::Unit, "sjj"), vec![o.finance]);
    // A delete takes the record out.
    let f: FollowUp = store.get(o.visit).unwrap();
    store.delete::<FollowUp>(o.visit, f.version).unwrap();
    assert!(ids(&store, Kind::FollowUp, "台账").is_empty());
    // A write that fails changes nothing, in the index either.
    let r = store.batch(|b| {
        b.insert(&mut Unit::new("兴丰县统计局"))?;
        let mut dup = Unit::new("重庆市教育局");
        b.insert(&mut dup)
    });
    assert!(r.is_err());
    assert!(ids(&store, Kind::Unit, "统计").is_empty());
    // Inside a transaction the index already holds what the transaction wrote.
    store
        .batch(|b| {
            b.insert(&mut Unit::new("兴丰县统计局"))?;
            Ok(())
        })
        .unwrap();
    assert_eq!(ids(&store, Kind::Unit, "统计").len(), 1);
    // Undo goes through the same tables, so through the same triggers.
    store.undo_last().unwrap();
    assert!(ids(&store, Kind::Unit, "统计").is_empty());
}

#[test]
fn a_store_from_before_the_index_gets_it_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    // Every migration before the one that builds the index (later ones may follow it).
    let m = yufang::store::MIGRATIONS;
    let search_at = m
        .iter()
        .position(|sql| sql.contains("CREATE VIRTUAL TABLE search"))
        .unwrap();
    let before = &m[..search_at];
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for m in before {
            conn.execute_batch(m).unwrap();
        }
        conn.pragma_update(None, "user_version", before.len() as i64)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO units (id, name, level) VALUES (1, '兴丰县财政局', 'county'), (2, '阿城区教育局', 'county');
             INSERT INTO cases (id, case_no, source, suspect, crime_type, status, unit_id)
                 VALUES (1, 'X检刑诉〔2025〕7号', 'own', '王某', 'other', 'filed', 1);
             INSERT INTO suggestions (id, doc_no, doc_year, doc_seq, category, legal_type, title, recipient_id)
                 VALUES (1, 'X检建〔2024〕12号', 2024, 12, 'single', 'social_governance', '关于规范医保基金管理的检察建议', 1);",
        )
        .unwrap();
    }
    let store = open(&path, "2026-06-01");
    assert_eq!(ids(&store, Kind::Unit, "财"), vec![1]);
    assert_eq!(ids(&store, Kind::Unit, "czj"), vec![1]);
    assert_eq!(ids(&store, Kind::Case, "王某"), vec![1]);
    assert_eq!(
        hits(&store, Kind::Suggestion, "2024 12"),
        vec![(1, Tier::Number)]
    );
    assert_eq!(ids(&store, Kind::Suggestion, "医保"), vec![1]);
    // The sort keys are filled too: 阿 (a) before 兴 (xing).
    let order: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM units ORDER BY name_key")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(order, vec![2, 1]);
}

/// What each kind is found by, written out again as plain SQL over the tables: the index must find exactly
/// the rows a `LIKE` scan of this finds.
const REFERENCE: [(Kind, &str); 5] = [
    (
        Kind::Unit,
        "SELECT id, name || char(1) || industry || char(1) || region || char(1) || contact_person FROM units",
    ),
    (
        Kind::Case,
        "SELECT c.id, c.case_no || char(1) || c.suspect || char(1) || c.post || char(1) || coalesce(u.name, '') \
         || char(1) || c.summary FROM cases c LEFT JOIN units u ON u.id = c.unit_id",
    ),
    (
        Kind::Suggestion,
        "SELECT s.id, coalesce(s.doc_no, '') || char(1) || s.title || char(1) || coalesce(u.name, '') \
         FROM suggestions s LEFT JOIN units u ON u.id = s.recipient_id",
    ),
    (
        Kind::Activity,
        "SELECT a.id, a.title || char(1) || coalesce(u.name, '') || char(1) || a.notes \
         FROM activities a LEFT JOIN units u ON u.id = a.unit_id",
    ),
    (
        Kind::FollowUp,
        "SELECT id, record || char(1) || method FROM follow_ups",
    ),
];

#[test]
fn the_index_finds_what_a_like_scan_finds() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("g.db"), "2026-06-01");
    yufang::r#gen::generate(
        &mut store,
        &yufang::r#gen::Options {
            suggestions: 600,
            seed: 3,
        },
    )
    .unwrap();
    let mut rng = yufang::r#gen::Rng::new(11);
    let mut checked = 0;
    for (kind, sql) in REFERENCE {
        let texts: Vec<String> = store
            .conn()
            .prepare(sql)
            .unwrap()
            .query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let like_sql =
            format!("WITH r(id, text) AS ({sql}) SELECT id FROM r WHERE text LIKE ?1 ESCAPE '\\'");
        let mut like = store.conn().prepare(&like_sql).unwrap();
        for _ in 0..80 {
            // A random substring of a random record's text, one to six characters, within one field.
            let text = &texts[rng.below(texts.len())];
            let field: Vec<char> = {
                let fields: Vec<&str> = text
                    .split('\u{1}')
                    .filter(|f| !f.trim().is_empty())
                    .collect();
                fields[rng.below(fields.len())].chars().collect()
            };
            let len = 1 + rng.below(6.min(field.len()));
            let start = rng.below(field.len() - len + 1);
            let word: String = field[start..start + len].iter().collect();
            if word.trim() != word || word.contains(' ') {
                continue;
            }
            let pattern = format!(
                "%{}%",
                word.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let expected: BTreeSet<i64> = like
                .query_map([&pattern], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let got: BTreeSet<i64> = store
                .find_ids(kind, &Query::text_only(&word), usize::MAX)
                .unwrap()
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            assert_eq!(got, expected, "{kind:?} {word:?}");
            assert_eq!(
                store.find_count(kind, &Query::text_only(&word)).unwrap(),
                expected.len(),
                "{kind:?} {word:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked}");
}

#[test]
fn lists_sorted_by_a_name_sort_by_pinyin() {
    use yufang::i18n::Lang;
    use yufang::store::lists::{CaseQuery, CaseSort, SuggestionQuery, SuggestionSort};
    use yufang::store::units::UnitQuery;
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("s.db"), "2026-06-01");
    // By code point 兴 (U+5174) < 重 (U+91CD) < 银 (U+94F6) < 阿 (U+963F); by pinyin a, xing, yin, zhong.
    let names = [
        "兴丰县财政局",
        "重庆市教育局",
        "银行杭州分行",
        "阿城区审计局",
    ];
    let mut ids = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let u = store.insert(&mut Unit::new(n)).unwrap();
        let mut c = Case::new(&format!("X检刑诉〔2025〕{}号", i + 1));
        c.suspect = ["许某", "张某", "杨某", "安某"][i].into();
        c.unit_id = Some(u);
        store.insert(&mut c).unwrap();
        store
            .insert(&mut Suggestion::new("关于规范管理的检察建议", u))
            .unwrap();
        ids.push(u);
    }
    let pinyin_order = vec![ids[3], ids[0], ids[2], ids[1]];
    let units: Vec<i64> = store
        .unit_rows(&UnitQuery::default(), 0, 10)
        .unwrap()
        .iter()
        .map(|r| r.unit.id)
        .collect();
    assert_eq!(units, pinyin_order);
    let picker: Vec<i64> = store.units().unwrap().iter().map(|u| u.id).collect();
    assert_eq!(picker, pinyin_order);
    let q = CaseQuery {
        sort: CaseSort::Suspect,
        ..CaseQuery::default()
    };
    let suspects: Vec<String> = store
        .case_rows(&q, Lang::Zh, 0, 10)
        .unwrap()
        .into_iter()
        .map(|r| r.case.suspect)
        .collect();
    assert_eq!(suspects, ["安某", "许某", "杨某", "张某"]);
    let q = CaseQuery {
        sort: CaseSort::Unit,
        ..CaseQuery::default()
    };
    let units: Vec<Option<i64>> = store
        .case_rows(&q, Lang::Zh, 0, 10)
        .unwrap()
        .into_iter()
        .map(|r| r.case.unit_id)
        .collect();
    assert_eq!(
        units,
        pinyin_order.iter().map(|u| Some(*u)).collect::<Vec<_>>()
    );
    let q = SuggestionQuery {
        sort: SuggestionSort::Recipient,
        ..SuggestionQuery::default()
    };
    let recipients: Vec<i64> = store
        .suggestion_rows(&q, Lang::Zh, 0, 10)
        .unwrap()
        .into_iter()
        .map(|r| r.suggestion.recipient_id)
        .collect();
    assert_eq!(recipients, pinyin_order);
    // The stored key is indexed, so the unit list reads its window in order at any size.
    let plan: Vec<String> = store
        .conn()
        .prepare("EXPLAIN QUERY PLAN SELECT id FROM units ORDER BY name_key, id LIMIT 40")
        .unwrap()
        .query_map([], |r| r.get(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        plan.iter().any(|p| p.contains("units_name_key")),
        "{plan:?}"
    );
    // A renamed unit moves to its new place.
    let mut u: Unit = store.get(ids[3]).unwrap();
    u.name = "紫金县审计局".into();
    store.update(&mut u).unwrap();
    let picker: Vec<i64> = store.units().unwrap().iter().map(|u| u.id).collect();
    assert_eq!(picker, vec![ids[0], ids[2], ids[1], ids[3]]);
}
