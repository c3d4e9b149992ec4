//! The values a document takes from the record: names, numbers and dates as a procuratorate writes them
//! (2026年4月21日, 两个月, （一）…), the reply-period sentence from the deadline engine, the days overdue from the
//! suggestion's state. The rules themselves stay in the domain; this only words their results.

use chrono::{Datelike, NaiveDate};

use super::Setup;
use super::template::{Value, Values};
use crate::domain::numbering::{self, cn_numeral};
use crate::domain::{Case, FollowUpKind, LegalType, Rules, State, Unit};
use crate::i18n::Lang;
use crate::store::lists::{CaseDetail, SuggestionDetail};

/// 2026年4月21日 (GB/T 9704-2012: Arabic numerals, no leading zeros).
pub fn cn_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(cn_date).unwrap_or_default()
}

/// 两个月 / 三个月 (a period of months as a document states it).
fn months(n: u32) -> String {
    match n {
        2 => "两".into(),
        n => cn_numeral(n as usize),
    }
}

fn text(v: impl Into<String>) -> Value {
    Value::Text(v.into())
}

/// The words of each paragraph of a free text.
fn paras(s: &str) -> Value {
    Value::Paras(
        s.lines()
            .map(|l| l.trim().trim_start_matches('　').trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
    )
}

/// A sentence ends with 。 unless it already ends a sentence.
fn sentence(s: &str) -> String {
    let t = s.trim().trim_end_matches(['；', ';', '，', ',']);
    if t.ends_with(['。', '！', '？', '.']) {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

fn common(setup: &Setup) -> Values {
    let mut v = Values::new();
    v.insert("organ", text(&setup.organ));
    let contact = match (setup.contact.trim(), setup.phone.trim()) {
        ("", "") => String::new(),
        (c, "") => format!("（联系人：{c}）"),
        ("", p) => format!("（联系电话：{p}）"),
        (c, p) => format!("（联系人：{c}，联系电话：{p}）"),
    };
    v.insert("contact", text(contact));
    v
}

/// The article of the 2019 Provisions that governs each legal type (Arts. 8-11).
fn basis(t: LegalType) -> String {
    let article = match t {
        LegalType::Retrial => "第八条",
        LegalType::Correction => "第九条",
        LegalType::PublicInterest => "第十条",
        LegalType::SocialGovernance => "第十一条",
        LegalType::Other => "",
    };
    let provisions = if article.is_empty() {
        String::new()
    } else {
        format!("和《人民检察院检察建议工作规定》{article}")
    };
    format!(
        "依照《中华人民共和国人民检察院组织法》第二十一条{provisions}的规定，为堵塞管理漏洞、防范职务犯罪，本院提出如下检察建议："
    )
}

fn case_phrase(c: &Case) -> String {
    let crime = crate::domain::CrimeType::label(c.crime_type, Lang::Zh);
    let who = if c.suspect.trim().is_empty() {
        String::new()
    } else {
        c.suspect.trim().to_string()
    };
    format!("{who}{crime}案（{}）", c.case_no)
}

/// The reply-period sentence: the date when the deadline engine has one (received, or stated in the
/// document), else the period counted from receipt.
fn reply_period(d: &SuggestionDetail, rules: &Rules) -> String {
    let what = "将采纳检察建议和整改落实情况书面回复本院";
    match &d.dues.reply {
        Some(due) if d.row.suggestion.received_on.is_some() => format!(
            "请你单位在收到本检察建议书之日起{}个月以内，即于{}前，{what}。",
            months(rules.settings.reply_months),
            cn_date(due.date)
        ),
        Some(due) => format!("请你单位于{}前{what}。", cn_date(due.date)),
        None => format!(
            "请你单位在收到本检察建议书之日起{}个月以内{what}。",
            months(rules.settings.reply_months)
        ),
    }
}

/// The suggestion document (检察建议书).
pub fn suggestion(
    d: &SuggestionDetail,
    cases: &[Case],
    rules: &Rules,
    today: NaiveDate,
    setup: &Setup,
) -> Values {
    let s = &d.row.suggestion;
    let mut v = common(setup);
    v.insert("doc_no", text(s.doc_no.clone().unwrap_or_default()));
    v.insert("title", text(&s.title));
    v.insert("recipient", text(&d.row.recipient));
    let source = if cases.is_empty() {
        "本院在履行法律监督职责、开展职务犯罪预防工作中发现，你单位在管理中存在以下问题："
            .to_string()
    } else {
        let list: Vec<String> = cases.iter().map(case_phrase).collect();
        format!(
            "本院在办理{}过程中，结合案件剖析和预防调查发现，你单位在管理中存在以下问题：",
            list.join("、")
        )
    };
    v.insert("source", text(source));
    v.insert("problems", paras(&s.problems));
    v.insert("basis", text(basis(s.legal_type)));
    v.insert("lead", text(numbering::lead(&s.measures)));
    let items: Vec<String> = if s.measure_items.is_empty() {
        numbering::items(&s.measures)
    } else {
        s.measure_items.iter().map(|m| m.text.clone()).collect()
    };
    v.insert(
        "measures",
        Value::Paras(
            items
                .iter()
                .enumerate()
                .map(|(i, t)| format!("（{}）{}", cn_numeral(i + 1), sentence(t)))
                .collect(),
        ),
    );
    v.insert("reply_period", text(reply_period(d, rules)));
    v.insert(
        "objection",
        text("你单位对本检察建议有异议的，可以在收到本检察建议书后书面向本院提出。"),
    );
    v.insert("date", text(cn_date(s.issued_on.unwrap_or(today))));
    let copied = if d.copied_to.is_empty() {
        String::new()
    } else {
        format!("{}。", d.copied_to.join("，"))
    };
    v.insert("copied_to", text(copied));
    v.insert(
        "cases",
        text(
            cases
                .iter()
                .map(|c| c.case_no.clone())
                .collect::<Vec<_>>()
                .join("、"),
        ),
    );
    v
}

/// Why a document cannot be made from this record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// An urging letter needs an overdue reply.
    NotOverdue,
    /// A visit record needs a reply to follow up.
    NotReplied,
}

/// The urging letter (催办函) for an overdue reply.
pub fn urging(d: &SuggestionDetail, today: NaiveDate, setup: &Setup) -> Result<Values, Refusal> {
    let s = &d.row.suggestion;
    let State::Overdue { days_overdue } = d.row.state else {
        return Err(Refusal::NotOverdue);
    };
    let due = d.dues.reply.as_ref().ok_or(Refusal::NotOverdue)?;
    let mut v = common(setup);
    v.insert("doc_no", text(s.doc_no.clone().unwrap_or_default()));
    v.insert("title", text(&s.title));
    v.insert("recipient", text(&d.row.recipient));
    v.insert("issued", text(opt_date(s.issued_on)));
    v.insert("received", text(opt_date(s.received_on)));
    v.insert("reply_due", text(cn_date(due.date)));
    v.insert("days_overdue", text(days_overdue.to_string()));
    let before: Vec<String> = d
        .follow_ups
        .iter()
        .filter(|f| f.kind == FollowUpKind::Urging && f.date <= today)
        .map(|f| cn_date(f.date))
        .collect();
    let urgings = if before.is_empty() {
        String::new()
    } else {
        format!("此前，本院已于{}催办，你单位仍未回复。", before.join("、"))
    };
    v.insert("urgings", text(urgings));
    v.insert("date", text(cn_date(today)));
    Ok(v)
}

/// The return-visit record form, one row per measure with what the reply said and what was found.
pub fn visit(d: &SuggestionDetail, recipient: &Unit, setup: &Setup) -> Result<Values, Refusal> {
    let s = &d.row.suggestion;
    if s.replied_on.is_none() {
        return Err(Refusal::NotReplied);
    }
    let mut v = common(setup);
    v.insert("doc_no", text(s.doc_no.clone().unwrap_or_default()));
    v.insert("title", text(&s.title));
    v.insert("recipient", text(&d.row.recipient));
    let person = [
        recipient.contact_person.trim(),
        recipient.contact_phone.trim(),
    ]
    .iter()
    .filter(|x| !x.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("　");
    v.insert("contact_person", text(person));
    v.insert("issued", text(opt_date(s.issued_on)));
    v.insert("received", text(opt_date(s.received_on)));
    v.insert("replied", text(opt_date(s.replied_on)));
    v.insert(
        "adoption",
        text(s.adoption.map(|a| a.label(Lang::Zh)).unwrap_or_default()),
    );
    let rows = s
        .measure_items
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let found = match m.rectification {
                None => String::new(),
                Some(r) => {
                    let mut t = r.label(Lang::Zh).to_string();
                    if let Some(on) = m.rectified_on {
                        t.push_str(&format!("（{}）", cn_date(on)));
                    }
                    if !m.evidence.trim().is_empty() {
                        t.push_str(&format!("：{}", m.evidence.trim()));
                    }
                    t
                }
            };
            vec![
                (i + 1).to_string(),
                m.text.clone(),
                m.adoption
                    .map(|a| a.label(Lang::Zh).to_string())
                    .unwrap_or_default(),
                found,
            ]
        })
        .collect();
    v.insert("measure_rows", Value::Rows(rows));
    Ok(v)
}

/// The crime-analysis report outline from a case: its facts filled in, the analysis as headed prompts.
pub fn analysis(c: &CaseDetail, today: NaiveDate, setup: &Setup) -> Values {
    let case = &c.row.case;
    let mut v = common(setup);
    let unit = c.row.unit.clone().unwrap_or_default();
    v.insert("case_no", text(&case.case_no));
    v.insert("suspect", text(&case.suspect));
    v.insert("post", text(&case.post));
    v.insert("unit", text(&unit));
    v.insert("crime", text(case.crime_type.label(Lang::Zh)));
    let amount = case
        .amount_fen
        .map(crate::domain::case::format_yuan)
        .unwrap_or_default();
    v.insert("amount", text(&amount));
    v.insert("source", text(case.source.label(Lang::Zh)));
    v.insert("filed", text(opt_date(case.filed_on)));
    v.insert("prosecuted", text(opt_date(case.prosecuted_on)));
    v.insert("judged", text(opt_date(case.judged_on)));
    v.insert("status", text(case.status.label(Lang::Zh)));
    let mut facts = Vec::new();
    let who = match (case.suspect.trim(), unit.trim(), case.post.trim()) {
        ("", _, _) => String::new(),
        (s, "", "") => format!("犯罪嫌疑人{s}。"),
        (s, u, p) => format!("犯罪嫌疑人{s}，案发时系{u}{p}。"),
    };
    facts.push(format!(
        "{who}本案案号为{}，案件来源为{}。",
        case.case_no,
        case.source.label(Lang::Zh)
    ));
    let steps: Vec<String> = [
        (case.filed_on, "立案"),
        (case.prosecuted_on, "提起公诉"),
        (case.judged_on, "作出判决"),
        (case.closed_on, "结案"),
    ]
    .iter()
    .filter_map(|(d, what)| d.map(|d| format!("{}{what}", cn_date(d))))
    .collect();
    if !steps.is_empty() {
        facts.push(format!("本案于{}。", steps.join("，")));
    }
    if !amount.is_empty() {
        facts.push(format!("涉案金额人民币{amount}元。"));
    }
    v.insert("case_facts", Value::Paras(vec![facts.concat()]));
    v.insert("summary", paras(&case.summary));
    let sugg: Vec<String> = c
        .suggestions
        .iter()
        .map(|r| {
            let s = &r.suggestion;
            match &s.doc_no {
                Some(no) => format!("本案已向{}发出《{}》（{no}）。", r.recipient, s.title),
                None => format!("拟向{}发出《{}》。", r.recipient, s.title),
            }
        })
        .collect();
    v.insert("suggestions", Value::Paras(sugg));
    v.insert("date", text(cn_date(today)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_as_documents_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap_or_default();
        assert_eq!(cn_date(d), "2026年4月1日");
        assert_eq!(months(2), "两");
        assert_eq!(months(3), "三");
        assert_eq!(sentence("建立台账；"), "建立台账。");
        assert_eq!(sentence("建立台账。"), "建立台账。");
        assert!(basis(LegalType::SocialGovernance).contains("第十一条"));
        assert!(!basis(LegalType::Other).contains("工作规定"));
    }
}
