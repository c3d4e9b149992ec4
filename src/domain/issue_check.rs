//! The check before issue: the common faults of form and content a suggestion document is reviewed for
//! (no case or investigation behind it, no legal basis, a measure too short to verify, no reply period where
//! the office usually states one, a recipient without a contact person, a number out of sequence). Each is a
//! warning for the officer, never a block.

use super::docno::DocNo;
use super::numbering;
use super::suggestion::Suggestion;
use crate::i18n::{K, Lang};

/// A measure shorter than this many characters names no act that a visit could verify ("加强管理").
pub const MIN_MEASURE_CHARS: usize = 8;

/// What the store knows that the suggestion alone does not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IssueFacts {
    /// The recipient unit has a contact person.
    pub recipient_has_contact: bool,
    /// Of the office's recent issued suggestions of this category: how many stated a reply deadline, of how
    /// many.
    pub category_stated: (u64, u64),
    /// The highest number of the document's year and prefix on another suggestion issued before this one.
    pub max_other_seq: Option<u32>,
}

/// One point of the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    Grounded,
    LegalBasis,
    /// The numbers (from 1) of the measures that are too short.
    MeasuresVerifiable(Vec<usize>),
    ReplyPeriod,
    RecipientContact,
    /// The number expected next, when the document's number is another.
    InSequence(Option<String>),
}

/// A point and whether the suggestion passes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    pub check: Check,
    pub ok: bool,
}

impl Point {
    /// The line of the checklist: what was checked, or what is wrong.
    pub fn text(&self, lang: Lang) -> String {
        match (&self.check, self.ok) {
            (Check::Grounded, true) => lang.t(K::IcGroundedOk).into(),
            (Check::Grounded, false) => lang.t(K::IcGrounded).into(),
            (Check::LegalBasis, true) => lang.t(K::IcBasisOk).into(),
            (Check::LegalBasis, false) => lang.t(K::IcBasis).into(),
            (Check::MeasuresVerifiable(_), true) => lang.t(K::IcMeasuresOk).into(),
            (Check::MeasuresVerifiable(ns), false) if ns.is_empty() => {
                lang.t(K::IcNoMeasures).into()
            }
            (Check::MeasuresVerifiable(ns), false) => {
                let list: Vec<String> = ns.iter().map(ToString::to_string).collect();
                lang.f(
                    K::IcMeasures,
                    &[&list.join(crate::i18n::list_sep(lang)), &MIN_MEASURE_CHARS],
                )
            }
            (Check::ReplyPeriod, true) => lang.t(K::IcReplyOk).into(),
            (Check::ReplyPeriod, false) => lang.t(K::IcReply).into(),
            (Check::RecipientContact, true) => lang.t(K::IcContactOk).into(),
            (Check::RecipientContact, false) => lang.t(K::IcContact).into(),
            (Check::InSequence(_), true) => lang.t(K::IcSequenceOk).into(),
            (Check::InSequence(next), false) => {
                lang.f(K::IcSequence, &[&next.clone().unwrap_or_default()])
            }
        }
    }
}

/// Whether a text cites a law, regulation or rule by name (《…》) or by article (第…条).
fn cites_law(text: &str) -> bool {
    let named = text.find('《').is_some_and(|a| text[a..].contains('》'));
    let article = text
        .find('第')
        .is_some_and(|a| text[a..].chars().take(8).any(|c| c == '条'));
    named || article
}

/// The checklist of `s` before it is marked issued, every point in a fixed order.
pub fn check(s: &Suggestion, facts: &IssueFacts, prefix: &str) -> Vec<Point> {
    let point = |check, ok| Point { check, ok };
    let texts: Vec<String> = if s.measure_items.is_empty() {
        numbering::items(&s.measures)
    } else {
        s.measure_items.iter().map(|m| m.text.clone()).collect()
    };
    let short: Vec<usize> = texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.chars().filter(|c| !c.is_whitespace()).count() < MIN_MEASURE_CHARS)
        .map(|(i, _)| i + 1)
        .collect();
    let (stated, of) = facts.category_stated;
    let usually_stated = of >= 3 && stated * 2 > of;
    let sequence = s.doc_no.as_deref().and_then(DocNo::parse).map(|no| {
        let expected = DocNo::next(prefix, no.year, facts.max_other_seq);
        (no == expected).then_some(()).ok_or(expected.to_string())
    });
    vec![
        point(
            Check::Grounded,
            !s.case_ids.is_empty() || s.decided_on.is_some(),
        ),
        point(
            Check::LegalBasis,
            cites_law(&s.problems) || cites_law(&s.measures) || cites_law(&s.notes),
        ),
        point(
            Check::MeasuresVerifiable(short.clone()),
            !texts.is_empty() && short.is_empty(),
        ),
        point(
            Check::ReplyPeriod,
            !usually_stated || s.stated_reply_due.is_some(),
        ),
        point(Check::RecipientContact, facts.recipient_has_contact),
        match sequence {
            None | Some(Ok(())) => point(Check::InSequence(None), true),
            Some(Err(next)) => point(Check::InSequence(Some(next)), false),
        },
    ]
}

/// The points that fail, for the warning line.
pub fn warnings(points: &[Point]) -> impl Iterator<Item = &Point> {
    points.iter().filter(|p| !p.ok)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn good() -> (Suggestion, IssueFacts) {
        let mut s = Suggestion::new("关于加强资金监管的检察建议", 1);
        s.doc_no = Some("X检建〔2026〕4号".into());
        s.case_ids = vec![3];
        s.problems = "违反《中华人民共和国会计法》第二十七条的规定，未实行不相容岗位分离。".into();
        s.measures =
            "一、落实不相容岗位分离，U盾、密码分人保管；二、建立月度对账和季度抽查制度。".into();
        s.settle_measures();
        let facts = IssueFacts {
            recipient_has_contact: true,
            category_stated: (1, 10),
            max_other_seq: Some(3),
        };
        (s, facts)
    }

    fn failing(s: &Suggestion, f: &IssueFacts) -> Vec<String> {
        warnings(&check(s, f, "X检建"))
            .map(|p| p.text(Lang::En))
            .collect()
    }

    #[test]
    fn a_sound_suggestion_passes_every_point() {
        let (s, f) = good();
        let points = check(&s, &f, "X检建");
        assert_eq!(points.len(), 6);
        assert!(points.iter().all(|p| p.ok), "{points:?}");
        assert!(points[0].text(Lang::Zh).contains("案件"));
    }

    #[test]
    fn each_fault_is_named() {
        let (mut s, mut f) = good();
        s.case_ids.clear();
        s.problems = "未实行不相容岗位分离。".into();
        s.measures = "一、加强管理；二、建立月度对账和季度抽查制度；三、完善制度".into();
        s.settle_measures();
        f.recipient_has_contact = false;
        f.category_stated = (7, 10);
        f.max_other_seq = Some(1);
        let got = failing(&s, &f);
        assert_eq!(got.len(), 6, "{got:?}");
        assert!(got[2].contains("1, 3"), "{got:?}");
        assert!(got[5].contains("X检建〔2026〕2号"), "{got:?}");
        // Deciding on a preventive investigation grounds it too; a stated deadline answers the custom.
        s.decided_on = NaiveDate::from_ymd_opt(2026, 1, 5);
        s.stated_reply_due = NaiveDate::from_ymd_opt(2026, 3, 5);
        assert_eq!(failing(&s, &f).len(), 4);
        // No measures at all is a fault of its own.
        s.measures.clear();
        s.settle_measures();
        assert!(failing(&s, &f).iter().any(|m| m.contains("no measures")));
    }
}
