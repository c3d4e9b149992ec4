//! The spellings offices use in their ledgers for the closed vocabularies: legal types with and without the
//! 检察建议 suffix, 民事/行政/刑事再审, 诉前检察建议, 采纳/部分采纳/不采纳, 整改到位/整改中, 已回复/逾期未回复 …
//! Each reader tries the domain's own labels and codes first.

use crate::domain::{Adoption, Category, LegalType, Rectification, ServiceMethod};

/// What a 回复情况 column says about the reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyState {
    Replied,
    NotReplied,
    /// 逾期未回复: not replied, and the ledger says the deadline has passed.
    Overdue,
}

/// The cell reduced for matching: no spaces, half-width brackets.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

fn without_suffix(s: &str) -> &str {
    s.strip_suffix("检察建议")
        .or_else(|| s.strip_suffix("建议"))
        .unwrap_or(s)
}

pub fn legal_type(s: &str) -> Option<LegalType> {
    if let Some(v) = LegalType::parse_loose(s) {
        return Some(v);
    }
    let n = norm(s);
    let t = without_suffix(&n);
    if t.contains("公益诉讼") || t == "诉前" || t.ends_with("诉前") {
        return Some(LegalType::PublicInterest);
    }
    if t.ends_with("再审") {
        return Some(LegalType::Retrial);
    }
    match t {
        "社会治理" | "社会治理类" | "社会综合治理" => {
            Some(LegalType::SocialGovernance)
        }
        "纠正违法" | "纠违" => Some(LegalType::Correction),
        "其他" | "其它" => Some(LegalType::Other),
        _ => None,
    }
}

pub fn category(s: &str) -> Option<Category> {
    if let Some(v) = Category::parse_loose(s) {
        return Some(v);
    }
    let n = norm(s);
    match without_suffix(&n) {
        "个案" | "单案" => Some(Category::Single),
        "类案" => Some(Category::Similar),
        "行业(系统)" | "行业" | "系统" | "行业系统" | "行业类" => {
            Some(Category::Industry)
        }
        "区域" | "区域性" => Some(Category::Regional),
        _ => None,
    }
}

pub fn service_method(s: &str) -> Option<ServiceMethod> {
    if let Some(v) = ServiceMethod::parse_loose(s) {
        return Some(v);
    }
    match norm(s).as_str() {
        "书面送达" | "书面" | "直接送达" | "邮寄送达" | "送达" => {
            Some(ServiceMethod::Written)
        }
        "宣告送达" | "宣告" | "当面宣告" | "现场宣告" | "公开宣告" => {
            Some(ServiceMethod::Announced)
        }
        _ => None,
    }
}

pub fn adoption(s: &str) -> Option<Adoption> {
    if let Some(v) = Adoption::parse_loose(s) {
        return Some(v);
    }
    match norm(s).as_str() {
        "采纳" | "全部采纳" | "已采纳" | "完全采纳" | "是" => Some(Adoption::Adopted),
        "部分采纳" => Some(Adoption::Partly),
        "未采纳" | "不采纳" | "否" => Some(Adoption::Not),
        _ => None,
    }
}

pub fn rectification(s: &str) -> Option<Rectification> {
    if let Some(v) = Rectification::parse_loose(s) {
        return Some(v);
    }
    match norm(s).as_str() {
        "已整改" | "整改到位" | "全部整改" | "整改完毕" | "已完成整改" | "完成整改" | "是" => {
            Some(Rectification::Full)
        }
        "整改中" | "正在整改" | "部分整改" | "整改不到位" | "部分整改到位" => {
            Some(Rectification::Partial)
        }
        "未整改" | "没有整改" | "否" => Some(Rectification::None),
        _ => None,
    }
}

pub fn reply_state(s: &str) -> Option<ReplyState> {
    match norm(s).as_str() {
        "已回复" | "已复函" | "已书面回复" | "已答复" => Some(ReplyState::Replied),
        "未回复" | "尚未回复" | "待回复" | "未答复" => Some(ReplyState::NotReplied),
        "逾期未回复" | "超期未回复" | "逾期" => Some(ReplyState::Overdue),
        _ => None,
    }
}

/// What the values of a column are, when they are all of one vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocabulary {
    LegalType,
    Category,
    ServiceMethod,
    Adoption,
    Rectification,
    ReplyState,
}

impl Vocabulary {
    const ALL: [Vocabulary; 6] = [
        Vocabulary::LegalType,
        Vocabulary::Category,
        Vocabulary::ServiceMethod,
        Vocabulary::Adoption,
        Vocabulary::Rectification,
        Vocabulary::ReplyState,
    ];

    fn reads(self, s: &str) -> bool {
        match self {
            Vocabulary::LegalType => legal_type(s).is_some(),
            Vocabulary::Category => category(s).is_some(),
            Vocabulary::ServiceMethod => service_method(s).is_some(),
            Vocabulary::Adoption => adoption(s).is_some(),
            Vocabulary::Rectification => rectification(s).is_some(),
            Vocabulary::ReplyState => reply_state(s).is_some(),
        }
    }
}

/// The one vocabulary every filled value of a column belongs to. 是/否 say nothing (they read as adoption,
/// rectification and any yes/no column alike), so a column of only those is not classed.
pub fn vocabulary<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<Vocabulary> {
    let mut fits: Vec<Vocabulary> = Vocabulary::ALL.to_vec();
    let mut any = false;
    for v in values {
        let v = v.trim();
        if v.is_empty() || matches!(v, "是" | "否") {
            continue;
        }
        any = true;
        fits.retain(|k| k.reads(v));
        if fits.is_empty() {
            return None;
        }
    }
    (any && fits.len() == 1).then(|| fits[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_types_as_ledgers_write_them() {
        use LegalType::*;
        for (s, want) in [
            ("公益诉讼检察建议", PublicInterest),
            ("公益诉讼", PublicInterest),
            ("诉前检察建议", PublicInterest),
            ("社会治理检察建议", SocialGovernance),
            ("社会治理", SocialGovernance),
            ("纠正违法检察建议", Correction),
            ("再审检察建议", Retrial),
            ("民事再审检察建议", Retrial),
            ("行政再审", Retrial),
            ("刑事再审检察建议", Retrial),
            ("其他检察建议", Other),
            ("social governance", SocialGovernance),
        ] {
            assert_eq!(legal_type(s), Some(want), "{s}");
        }
        assert_eq!(legal_type("个案"), None);
        assert_eq!(category("个案检察建议"), Some(Category::Single));
        assert_eq!(category("行业（系统）"), Some(Category::Industry));
        assert_eq!(category("社会治理检察建议"), None);
    }

    #[test]
    fn replies_adoption_rectification_service() {
        assert_eq!(adoption("全部采纳"), Some(Adoption::Adopted));
        assert_eq!(adoption("部分采纳"), Some(Adoption::Partly));
        assert_eq!(adoption("不采纳"), Some(Adoption::Not));
        assert_eq!(adoption("未采纳"), Some(Adoption::Not));
        assert_eq!(rectification("整改到位"), Some(Rectification::Full));
        assert_eq!(rectification("整改中"), Some(Rectification::Partial));
        assert_eq!(rectification("未整改"), Some(Rectification::None));
        assert_eq!(service_method("宣告送达"), Some(ServiceMethod::Announced));
        assert_eq!(reply_state("逾期未回复"), Some(ReplyState::Overdue));
        assert_eq!(reply_state("已回复"), Some(ReplyState::Replied));
    }

    #[test]
    fn a_column_is_known_by_its_values() {
        let v = |xs: &[&str]| vocabulary(xs.iter().copied());
        assert_eq!(
            v(&["社会治理检察建议", "", "公益诉讼检察建议"]),
            Some(Vocabulary::LegalType)
        );
        assert_eq!(v(&["个案", "类案"]), Some(Vocabulary::Category));
        assert_eq!(v(&["已回复", "逾期未回复"]), Some(Vocabulary::ReplyState));
        assert_eq!(v(&["部分采纳", "是"]), Some(Vocabulary::Adoption));
        assert_eq!(v(&["是", "否"]), None);
        assert_eq!(v(&["个案", "县财政局"]), None);
        assert_eq!(v(&[]), None);
    }
}
