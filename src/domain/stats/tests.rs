//! Unit tests of the year in view's pure figures.
#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]

use super::*;

fn d(s: &str) -> NaiveDate {
    crate::domain::parse_date(s).unwrap_or(NaiveDate::MIN)
}

#[test]
fn rates_carry_numerator_denominator_and_two_decimals() {
    assert_eq!(Rate::new(305, 364).text(), "305 / 364 = 83.79%");
    assert_eq!(Rate::new(0, 0).text(), "0 / 0 = —");
    assert_eq!(Rate::new(0, 0).percent(), None);
    assert_eq!(Rate::new(1, 3).text(), "1 / 3 = 33.33%");
    assert_eq!(Rate::new(2, 3).text(), "2 / 3 = 66.67%");
    // 1/8 = 12.5% exactly; half-up in integers, never a float's 12.49.
    assert_eq!(Rate::new(1, 8).text(), "1 / 8 = 12.50%");
    assert_eq!(Rate::new(1, 800).text(), "1 / 800 = 0.13%");
    assert_eq!(Rate::new(5, 5).text(), "5 / 5 = 100.00%");
}

#[test]
fn medians_come_from_the_histogram() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[(10, 1)]), Some(10.0));
    // 10, 20, 20, 50 -> (20 + 20) / 2
    assert_eq!(median(&[(50, 1), (10, 1), (20, 2)]), Some(20.0));
    // 10, 30 -> 20
    assert_eq!(median(&[(10, 1), (30, 1)]), Some(20.0));
    // 1, 2, 2, 2, 9 -> 2
    assert_eq!(median(&[(1, 1), (2, 3), (9, 1)]), Some(2.0));
    let s = SuggestionCounts {
        reply_days: vec![(10, 1), (20, 2), (50, 1)],
        ..SuggestionCounts::default()
    };
    assert_eq!(s.average_days(), Some(25.0));
    assert_eq!(days_text(s.median_days()), "20.0");
    assert_eq!(days_text(SuggestionCounts::default().average_days()), "—");
}

#[test]
fn every_rate_names_its_denominator() {
    let s = SuggestionCounts {
        issued: 10,
        replied: 8,
        adopted: 5,
        partly_adopted: 1,
        not_adopted: 2,
        fully_rectified: 4,
        on_time: 7,
        visited: 3,
        ..SuggestionCounts::default()
    };
    assert_eq!(s.rate(RateKind::Reply).text(), "8 / 10 = 80.00%");
    assert_eq!(s.rate(RateKind::Adoption).text(), "6 / 8 = 75.00%");
    assert_eq!(s.rate(RateKind::AdoptionOfIssued).text(), "6 / 10 = 60.00%");
    assert_eq!(s.rate(RateKind::OnTime).text(), "7 / 8 = 87.50%");
    assert_eq!(s.rate(RateKind::Rectification).text(), "4 / 8 = 50.00%");
    assert_eq!(s.rate(RateKind::ReturnVisit).text(), "3 / 8 = 37.50%");
    let none = SuggestionCounts {
        issued: 4,
        ..SuggestionCounts::default()
    };
    assert_eq!(none.rate(RateKind::Reply).text(), "0 / 4 = 0.00%");
    for k in [
        RateKind::Adoption,
        RateKind::OnTime,
        RateKind::Rectification,
    ] {
        assert_eq!(none.rate(k).text(), "0 / 0 = —");
    }
}

#[test]
fn periods_and_their_previous() {
    let y = Period::year(2026).unwrap();
    assert_eq!((y.from, y.to), (d("2026-01-01"), d("2026-12-31")));
    assert_eq!(y.previous(), Period::year(2025).unwrap());
    let h = Period::half(2024, 1).unwrap();
    assert_eq!((h.from, h.to), (d("2024-01-01"), d("2024-06-30")));
    let q = Period::quarter(2024, 1).unwrap();
    assert_eq!(q.to, d("2024-03-31"));
    assert_eq!(Period::quarter(2025, 4).unwrap().from, d("2025-10-01"));
    assert_eq!(Period::quarter(2025, 5), None);
    assert_eq!(Period::half(2025, 3), None);
    let r = Period::range(d("2024-02-01"), d("2024-02-29")).unwrap();
    let p = r.previous();
    assert_eq!((p.from, p.to), (d("2023-02-01"), d("2023-02-28")));
    assert_eq!(Period::range(d("2024-03-01"), d("2024-02-01")), None);
    assert_eq!(y.as_of(d("2026-06-01")), d("2026-06-01"));
    assert_eq!(y.as_of(d("2027-01-20")), d("2026-12-31"));
    assert_eq!(r.plan_year(), Some(2024));
    assert_eq!(
        Period::range(d("2024-12-01"), d("2025-01-31"))
            .unwrap()
            .plan_year(),
        None
    );
    assert_eq!(y.label(Lang::Zh), "2026年度");
    assert_eq!(q.label(Lang::Zh), "2024年第一季度");
    assert_eq!(q.label(Lang::En), "2024 Q1");
}

#[test]
fn changes_and_points() {
    assert_eq!(Change::new(12, 10).text(), "+2 (+20.00%)");
    assert_eq!(Change::new(8, 10).text(), "-2 (-20.00%)");
    assert_eq!(Change::new(3, 0).text(), "+3");
    assert_eq!(Change::new(5, 5).text(), "0");
    assert_eq!(
        points_text(Rate::new(9, 10), Rate::new(8, 10), Lang::En),
        "+10.00 pp"
    );
    assert_eq!(
        points_text(Rate::new(1, 3), Rate::new(1, 2), Lang::Zh),
        "-16.67个百分点"
    );
    assert_eq!(points_text(Rate::new(1, 3), Rate::new(0, 0), Lang::En), "—");
}

#[test]
fn the_risk_table_ranks_and_flags() {
    let r = |industry: &str, cases, similar, ind| RiskCounts {
        industry: industry.to_string(),
        cases,
        similar,
        industry_suggestions: ind,
        ..RiskCounts::default()
    };
    let t = risk_table(vec![
        r("教育", 1, 0, 0),
        r("交通运输", 4, 1, 0),
        r("卫生健康", 3, 0, 0),
        r("水利", 0, 2, 0),
    ]);
    let names: Vec<&str> = t.iter().map(|r| r.counts.industry.as_str()).collect();
    assert_eq!(names, ["交通运输", "卫生健康", "教育"]);
    let flags: Vec<bool> = t.iter().map(|r| r.flagged).collect();
    // One case does not recur; a similar-cases suggestion answers the pattern.
    assert_eq!(flags, [false, true, false]);
    assert_eq!(risk_window(d("2026-12-31"), 3), d("2024-01-01"));
    assert_eq!(risk_window(d("2024-02-29"), 1), d("2023-03-01"));
}

#[test]
fn roll_up_adds_counts_and_keeps_the_median_exact() {
    let mut a = Counts::default();
    a.suggestions.issued = 3;
    a.suggestions.reply_days = vec![(10, 1), (30, 1)];
    a.cases.by_crime_type = vec![Tally {
        key: "bribe_taking".into(),
        count: 2,
    }];
    let mut b = Counts::default();
    b.suggestions.issued = 2;
    b.suggestions.reply_days = vec![(30, 2), (40, 1)];
    b.cases.by_crime_type = vec![
        Tally {
            key: "embezzlement".into(),
            count: 3,
        },
        Tally {
            key: "bribe_taking".into(),
            count: 2,
        },
    ];
    let mut total = Counts::default();
    total.add(&a);
    total.add(&b);
    assert_eq!(total.suggestions.issued, 5);
    // 10, 30, 30, 30, 40
    assert_eq!(total.suggestions.median_days(), Some(30.0));
    assert_eq!(total.cases.by_crime_type[0].key, "bribe_taking");
    assert_eq!(total.cases.by_crime_type[0].count, 4);
}

#[test]
fn plan_progress_lists_targets_and_work() {
    let mut plan = Plan::new(2026);
    plan.targets.insert(ActivityKind::Warning, 8);
    plan.suggestion_target = Some(24);
    let mut c = Counts::default();
    c.activities = vec![Tally {
        key: "analysis".into(),
        count: 5,
    }];
    c.suggestions.issued = 6;
    let p = plan_progress(Some(&plan), &c);
    let kinds: Vec<&str> = p.iter().map(|p| p.kind.as_str()).collect();
    assert_eq!(kinds, ["analysis", "warning", "suggestions"]);
    assert_eq!(p[0].rate(), None);
    assert_eq!(
        p[1].rate().map(|r| r.text()).as_deref(),
        Some("0 / 8 = 0.00%")
    );
    assert_eq!(
        p[2].rate().map(|r| r.text()).as_deref(),
        Some("6 / 24 = 25.00%")
    );
}
