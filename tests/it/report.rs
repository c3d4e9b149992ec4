//! The year in view: statistics on a small office whose figures are counted by hand here, and the report in
//! every format checked against `report --format json`.

use yufang::domain::stats::{Narrow, Period, RateKind, plan_progress};
use yufang::domain::{
    Activity, ActivityKind, Adoption, Case, Category, CrimeType, FollowUp, FollowUpKind, LegalType,
    Plan, Rectification, ServiceMethod, Suggestion, Unit,
};
use yufang::store::Store;

use crate::common::{d, open};

mod formats;

pub struct Fixture {
    /// Keeps the store's folder alive.
    pub _dir: tempfile::TempDir,
    pub store: Store,
}

#[allow(clippy::too_many_arguments)]
fn sug(
    store: &mut Store,
    no: &str,
    unit: i64,
    category: Category,
    issued: &str,
    received: &str,
    due: &str,
    replied: Option<&str>,
) -> i64 {
    let mut s = Suggestion::new(&format!("关于{no}的检察建议"), unit);
    s.doc_no = Some(no.to_string());
    s.category = category;
    s.legal_type = LegalType::SocialGovernance;
    s.issued_on = Some(d(issued));
    s.served_on = Some(d(received));
    s.service_method = Some(ServiceMethod::Written);
    s.received_on = Some(d(received));
    s.stated_reply_due = Some(d(due));
    s.replied_on = replied.map(d);
    store.insert(&mut s).unwrap()
}

fn edit(store: &mut Store, id: i64, f: impl FnOnce(&mut Suggestion)) {
    let mut s: Suggestion = store.get(id).unwrap();
    f(&mut s);
    store.update(&mut s).unwrap();
}

/// Three units; suggestions of 2024, 2025 (one issued on 31 December and replied in January) and none in
/// 2026; cases, prevention work and a 2025 plan. Today is 2026-03-15.
pub fn office() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), "2026-03-15");
    let mut u = Unit::new("清源县交通运输局");
    u.industry = "交通运输".into();
    u.region = "县直".into();
    u.key_contact = true;
    let a = store.insert(&mut u).unwrap();
    let mut u = Unit::new("清源县教育局");
    u.industry = "教育".into();
    u.region = "城关镇".into();
    let b = store.insert(&mut u).unwrap();
    let mut u = Unit::new("清源县卫生健康局");
    u.industry = "卫生健康".into();
    u.region = "县直".into();
    u.key_demo = true;
    let c = store.insert(&mut u).unwrap();

    // 2025: S1 replied on time, adopted, fully rectified, visited.
    let s1 = sug(
        &mut store,
        "X检建〔2025〕1号",
        a,
        Category::Single,
        "2025-03-01",
        "2025-03-02",
        "2025-05-02",
        Some("2025-04-01"),
    );
    edit(&mut store, s1, |s| {
        s.adoption = Some(Adoption::Adopted);
        s.rectification = Some(Rectification::Full);
        s.rectified_on = Some(d("2025-06-01"));
    });
    store
        .insert(&mut FollowUp::new(
            s1,
            FollowUpKind::ReturnVisit,
            d("2025-06-10"),
        ))
        .unwrap();
    // S2 replied late (71 days), partly adopted, partly rectified; announced service.
    let s2 = sug(
        &mut store,
        "X检建〔2025〕2号",
        b,
        Category::Similar,
        "2025-06-01",
        "2025-06-01",
        "2025-08-01",
        Some("2025-08-11"),
    );
    edit(&mut store, s2, |s| {
        s.adoption = Some(Adoption::Partly);
        s.rectification = Some(Rectification::Partial);
        s.service_method = Some(ServiceMethod::Announced);
    });
    // S3 issued on 31 December, replied in January (20 days): counts in 2025.
    let s3 = sug(
        &mut store,
        "X检建〔2025〕5号",
        a,
        Category::Industry,
        "2025-12-31",
        "2025-12-31",
        "2026-02-28",
        Some("2026-01-20"),
    );
    edit(&mut store, s3, |s| {
        s.adoption = Some(Adoption::Adopted);
        s.legal_type = LegalType::Other;
    });
    // S4 never replied: due 2 November, a Sunday, so 3 November; overdue by 58 days at the year's end.
    sug(
        &mut store,
        "X检建〔2025〕3号",
        c,
        Category::Single,
        "2025-09-01",
        "2025-09-02",
        "2025-11-02",
        None,
    );
    // S5 withdrawn: left out of every figure but its own count.
    let s5 = sug(
        &mut store,
        "X检建〔2025〕4号",
        b,
        Category::Single,
        "2025-10-10",
        "2025-10-11",
        "2025-12-11",
        None,
    );
    edit(&mut store, s5, |s| s.withdrawn_on = Some(d("2025-10-20")));
    // 2024: S6 issued on 31 December 2024, replied in January 2025: counts in 2024.
    sug(
        &mut store,
        "X检建〔2024〕9号",
        c,
        Category::Single,
        "2024-12-31",
        "2025-01-02",
        "2025-03-03",
        Some("2025-01-10"),
    );

    for (no, unit, crime, yuan, filed) in [
        (
            "清检〔2025〕1号",
            a,
            CrimeType::BribeTaking,
            Some(500_000),
            "2025-02-01",
        ),
        (
            "清检〔2025〕2号",
            a,
            CrimeType::Embezzlement,
            Some(20_000),
            "2025-05-01",
        ),
        (
            "清检〔2025〕3号",
            c,
            CrimeType::BribeTaking,
            None,
            "2025-07-01",
        ),
        (
            "清检〔2024〕1号",
            c,
            CrimeType::Dereliction,
            Some(5_000),
            "2024-03-01",
        ),
    ] {
        let mut k = Case::new(no);
        k.unit_id = Some(unit);
        k.crime_type = crime;
        k.amount_fen = yuan.map(|y: i64| y * 100);
        k.filed_on = Some(d(filed));
        store.insert(&mut k).unwrap();
    }
    let mut w = Activity::new(ActivityKind::Warning, "警示教育大会");
    w.unit_id = Some(a);
    w.done_on = Some(d("2025-05-01"));
    store.insert(&mut w).unwrap();
    let mut an = Activity::new(ActivityKind::Analysis, "犯罪分析");
    an.done_on = Some(d("2025-02-10"));
    store.insert(&mut an).unwrap();
    let mut open_a = Activity::new(ActivityKind::Analysis, "未完成的犯罪分析");
    open_a.planned_on = Some(d("2025-11-01"));
    store.insert(&mut open_a).unwrap();
    let mut p = Plan::new(2025);
    p.targets.insert(ActivityKind::Warning, 2);
    p.targets.insert(ActivityKind::Analysis, 4);
    p.suggestion_target = Some(6);
    store.insert(&mut p).unwrap();
    Fixture { _dir: dir, store }
}

#[test]
fn a_year_counted_by_hand() {
    let f = office();
    let v = f
        .store
        .year_in_view(&Period::year(2025).unwrap(), &Narrow::default(), 3)
        .unwrap();
    let s = &v.now.suggestions;
    assert_eq!(v.as_of, d("2025-12-31"));
    // S1, S2, S3, S4 issued; S5 withdrawn.
    assert_eq!((s.issued, s.withdrawn), (4, 1));
    // S3's January reply counts with its December issue.
    assert_eq!(s.replied, 3);
    assert_eq!((s.adopted, s.partly_adopted, s.not_adopted), (2, 1, 0));
    assert_eq!((s.fully_rectified, s.partly_rectified), (1, 1));
    assert_eq!(
        (s.on_time, s.visited, s.overdue_at_end, s.unreplied),
        (2, 1, 1, 1)
    );
    let rate = |k| s.rate(k).text();
    assert_eq!(rate(RateKind::Reply), "3 / 4 = 75.00%");
    assert_eq!(rate(RateKind::Adoption), "3 / 3 = 100.00%");
    assert_eq!(rate(RateKind::AdoptionOfIssued), "3 / 4 = 75.00%");
    assert_eq!(rate(RateKind::OnTime), "2 / 3 = 66.67%");
    assert_eq!(rate(RateKind::Rectification), "1 / 3 = 33.33%");
    assert_eq!(rate(RateKind::ReturnVisit), "1 / 3 = 33.33%");
    // 30, 71 and 20 days from receipt to reply.
    assert_eq!(s.reply_days, vec![(20, 1), (30, 1), (71, 1)]);
    assert_eq!(s.median_days(), Some(30.0));
    assert_eq!(format!("{:.2}", s.average_days().unwrap()), "40.33");
    let cat: Vec<(&str, i64, i64)> = v
        .now
        .by_category
        .iter()
        .map(|g| (g.key.as_str(), g.issued, g.replied))
        .collect();
    assert_eq!(
        cat,
        [("single", 2, 1), ("industry", 1, 1), ("similar", 1, 1)]
    );
    let legal: Vec<(&str, i64)> = v
        .now
        .by_legal_type
        .iter()
        .map(|g| (g.key.as_str(), g.issued))
        .collect();
    assert_eq!(legal, [("social_governance", 3), ("other", 1)]);
    let method: Vec<(&str, i64)> = v
        .now
        .by_service_method
        .iter()
        .map(|g| (g.key.as_str(), g.issued))
        .collect();
    assert_eq!(method, [("written", 3), ("announced", 1)]);
    let region: Vec<(&str, i64)> = v
        .now
        .by_region
        .iter()
        .map(|g| (g.key.as_str(), g.issued))
        .collect();
    assert_eq!(region, [("县直", 3), ("城关镇", 1)]);
    let months: Vec<&str> = v.now.by_month.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(months, ["2025-03", "2025-06", "2025-09", "2025-12"]);

    // The previous year: S6 alone.
    assert_eq!(v.previous, Period::year(2024).unwrap());
    assert_eq!(
        (v.before.suggestions.issued, v.before.suggestions.replied),
        (1, 1)
    );

    // Cases filed in 2025: 500,000 + 20,000 yuan recorded, one without an amount.
    let c = &v.now.cases;
    assert_eq!((c.total, c.amount_fen), (3, 52_000_000));
    let crimes: Vec<(&str, i64)> = c
        .by_crime_type
        .iter()
        .map(|t| (t.key.as_str(), t.count))
        .collect();
    assert_eq!(crimes, [("bribe_taking", 2), ("embezzlement", 1)]);
    let bands: Vec<(&str, i64)> = c
        .by_amount_band
        .iter()
        .map(|t| (t.key.as_str(), t.count))
        .collect();
    assert_eq!(bands, [("10k_100k", 1), ("500k_1m", 1), ("unknown", 1)]);
    let ind: Vec<(&str, i64)> = c
        .by_industry
        .iter()
        .map(|t| (t.key.as_str(), t.count))
        .collect();
    assert_eq!(ind, [("交通运输", 2), ("卫生健康", 1)]);

    // Prevention work against the 2025 plan; the planned analysis that was never done does not count.
    let p: Vec<(String, i64, Option<String>)> = plan_progress(v.plan.as_ref(), &v.now)
        .into_iter()
        .map(|p| (p.kind.clone(), p.done, p.rate().map(|r| r.text())))
        .collect();
    assert_eq!(
        p,
        [
            (
                "analysis".to_string(),
                1,
                Some("1 / 4 = 25.00%".to_string())
            ),
            ("warning".to_string(), 1, Some("1 / 2 = 50.00%".to_string())),
            (
                "suggestions".to_string(),
                4,
                Some("4 / 6 = 66.67%".to_string())
            ),
        ]
    );

    // Risk over 2023-2025: health has two cases and only single-case suggestions; transport had an
    // industry suggestion.
    let risk: Vec<(&str, i64, i64, i64, bool)> = v
        .risk
        .iter()
        .map(|r| {
            (
                r.counts.industry.as_str(),
                r.counts.cases,
                r.counts.industry_suggestions,
                r.counts.key_demo,
                r.flagged,
            )
        })
        .collect();
    assert_eq!(
        risk,
        [("交通运输", 2, 1, 0, false), ("卫生健康", 2, 0, 1, true)]
    );

    // At the year's end: S4 overdue by 58 days; S2 partly rectified (S3 was replied only in January).
    let overdue: Vec<(&str, &str, i64)> = v
        .overdue
        .iter()
        .map(|o| (o.doc_no.as_str(), o.unit.as_str(), o.days_overdue))
        .collect();
    assert_eq!(overdue, [("X检建〔2025〕3号", "清源县卫生健康局", 58)]);
    let open: Vec<&str> = v
        .open_rectifications
        .iter()
        .map(|o| o.doc_no.as_str())
        .collect();
    assert_eq!(open, ["X检建〔2025〕2号"]);
}

#[test]
fn a_period_without_replies_divides_by_nothing() {
    let f = office();
    let v = f
        .store
        .year_in_view(&Period::quarter(2026, 1).unwrap(), &Narrow::default(), 3)
        .unwrap();
    assert_eq!(v.as_of, d("2026-03-15"));
    let s = &v.now.suggestions;
    assert_eq!(s.issued, 0);
    for k in RateKind::ALL {
        assert_eq!(s.rate(k).text(), "0 / 0 = —", "{k:?}");
    }
    assert_eq!(s.average_days(), None);
    assert!(v.plan.is_none());
    // A year earlier: S1 alone (S6's reply came in 2025 Q1, but it was issued in 2024).
    assert_eq!(
        (v.before.suggestions.issued, v.before.suggestions.replied),
        (1, 1)
    );
}

#[test]
fn narrowing_to_a_unit_industry_or_region() {
    let f = office();
    let y = Period::year(2025).unwrap();
    let unit = f
        .store
        .unit_by_name("清源县交通运输局")
        .unwrap()
        .unwrap()
        .id;
    let by_unit = f
        .store
        .counts(
            &y,
            &Narrow {
                unit: Some(unit),
                ..Narrow::default()
            },
        )
        .unwrap();
    assert_eq!(
        (by_unit.suggestions.issued, by_unit.suggestions.replied),
        (2, 2)
    );
    assert_eq!(by_unit.cases.total, 2);
    assert_eq!(by_unit.activities.len(), 1);
    let health = f
        .store
        .counts(
            &y,
            &Narrow {
                industry: Some("卫生健康".into()),
                ..Narrow::default()
            },
        )
        .unwrap();
    assert_eq!(
        (health.suggestions.issued, health.suggestions.unreplied),
        (1, 1)
    );
    assert_eq!(health.cases.total, 1);
    let town = f
        .store
        .counts(
            &y,
            &Narrow {
                region: Some("城关镇".into()),
                ..Narrow::default()
            },
        )
        .unwrap();
    assert_eq!(
        (town.suggestions.issued, town.suggestions.withdrawn),
        (1, 1)
    );
}
