//! Ledgers of the usual shape (issue 13): 建议类型 beside 类别, a service method without a service date,
//! 回复情况 against the reply date, two columns of one field, signature lines under the records.

use yufang::domain::{Adoption, Category, LegalType, ServiceMethod, Suggestion};
use yufang::i18n::Lang;

use super::{TODAY, en, run_import};
use crate::common::{d, open};

fn suggestion(store: &yufang::store::Store, doc_no: &str) -> Suggestion {
    let id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM suggestions WHERE doc_no = ?1",
            [doc_no],
            |r| r.get(0),
        )
        .unwrap();
    store.get(id).unwrap()
}

#[test]
fn legal_type_beside_category_and_service_without_a_service_date_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let csv = "\
序号,文号,建议类型,类别,被建议单位,建议标题,发出日期,送达方式,收到日期,回复日期,采纳情况
1,X检建〔2025〕1号,社会治理检察建议,个案,县财政局,关于加强资金监管的检察建议,2025-03-01,书面送达,2025-03-05,2025-04-20,全部采纳
2,X检建〔2025〕2号,民事再审检察建议,类案,县林业局,关于林权登记的检察建议,2025/4/1,宣告送达,2025年4月3日,,
3,X检建〔2025〕3号,诉前检察建议,行业（系统）,县水利局,关于河道管理的检察建议,2025.5.6,,,,
制表人：张三,,,,,,,,,,
";
    let report = run_import(
        &mut store,
        vec![("台账.csv", csv.as_bytes().to_vec())],
        &en(),
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let lines = report.lines(Lang::En);
    for want in [
        "台账.csv:2:8: no service date: the date of receipt 2025-03-05 is taken as the service date",
        "台账.csv:3:8: no service date: the date of receipt 2025-04-03 is taken as the service date",
        "台账.csv:5: \"制表人：张三\" is not a record (a signature or total line): passed over",
        "suggestion: 3 added, 0 updated, 0 skipped",
    ] {
        assert!(lines.contains(&want.to_string()), "{want}\n{lines:#?}");
    }
    let s = suggestion(&store, "X检建〔2025〕1号");
    assert_eq!(
        (s.legal_type, s.category, s.service_method, s.adoption),
        (
            LegalType::SocialGovernance,
            Category::Single,
            Some(ServiceMethod::Written),
            Some(Adoption::Adopted)
        )
    );
    assert_eq!(s.served_on, Some(d("2025-03-05")));
    let s = suggestion(&store, "X检建〔2025〕2号");
    assert_eq!(
        (s.legal_type, s.category),
        (LegalType::Retrial, Category::Similar)
    );
    assert_eq!(s.served_on, Some(d("2025-04-03")));
    let s = suggestion(&store, "X检建〔2025〕3号");
    assert_eq!(
        (s.legal_type, s.category),
        (LegalType::PublicInterest, Category::Industry)
    );
}

#[test]
fn a_service_method_with_no_date_at_all_names_what_to_add() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let csv = "文号,被建议单位,建议标题,发出日期,送达方式\n\
X检建〔2025〕9号,县财政局,关于甲的检察建议,2025-03-01,书面送达\n";
    let report = run_import(&mut store, vec![("a.csv", csv.as_bytes().to_vec())], &en());
    assert_eq!(
        report
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>(),
        vec![
            "a.csv:2:5: 送达方式: \"written service\" needs a service date: fill in the service date (送达日期) or the date of receipt (收到日期)"
        ]
    );
    assert!(!report.written);
}

#[test]
fn reply_state_is_checked_against_the_reply_date_and_columns_are_known_by_their_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    // 性质 holds categories, 类别 legal types; 建议类别 is a second category column.
    let csv = "\
文号,被建议单位,建议标题,类别,性质,建议类别,发出日期,收到日期,回复日期,回复情况
X检建〔2025〕1号,县财政局,甲,社会治理,个案,个案,2025-03-01,2025-03-05,2025-04-20,已回复
X检建〔2025〕2号,县林业局,乙,公益诉讼,类案,,2025-03-01,2025-03-05,,已回复
X检建〔2025〕3号,县水利局,丙,社会治理,个案,类案,2025-03-01,2025-03-05,2025-04-20,逾期未回复
";
    let report = run_import(&mut store, vec![("b.csv", csv.as_bytes().to_vec())], &en());
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        vec![
            "b.csv:4:6: \"性质\" is \"个案\" but \"建议类别\" is \"类案\": make them agree or clear one",
            "b.csv:4:10: 回复情况 says \"逾期未回复\" but the reply date is 2025-04-20: correct one of them",
        ]
    );
    let notes: Vec<String> = report.notes.iter().map(|p| p.to_string()).collect();
    for want in [
        "b.csv:1:4: column \"类别\" holds values such as \"社会治理\": read as legal type",
        "b.csv:1:5: column \"性质\" holds values such as \"个案\": read as category",
        "b.csv:1:6: columns \"性质\" (E) and \"建议类别\" (F) both mean category: the first is read, the second fills its empty cells and must agree with it",
        "b.csv:3:10: 回复情况 says \"已回复\" but there is no reply date: the reply date is left empty",
    ] {
        assert!(notes.contains(&want.to_string()), "{want}\n{notes:#?}");
    }
    // Row 3 alone is wrong: without it the sheet imports.
    let fixed: String = csv.lines().take(3).map(|l| format!("{l}\n")).collect();
    let report = run_import(&mut store, vec![("b.csv", fixed.into_bytes())], &en());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let s = suggestion(&store, "X检建〔2025〕2号");
    assert_eq!(
        (s.legal_type, s.category, s.replied_on),
        (LegalType::PublicInterest, Category::Similar, None)
    );
}
