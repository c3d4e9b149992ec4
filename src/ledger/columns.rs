//! The spreadsheet columns of units, cases and suggestions: the header the CSV export writes (the field's
//! catalogue label in the UI language) and the other spellings an import recognises, in Chinese and English.

use super::values::{norm_header, strip_remark};
use crate::i18n::K;

/// Which records a spreadsheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sheet {
    Units,
    Cases,
    Suggestions,
}

impl Sheet {
    pub const ALL: [Sheet; 3] = [Sheet::Units, Sheet::Cases, Sheet::Suggestions];

    pub fn entity(self) -> K {
        match self {
            Sheet::Units => K::EUnit,
            Sheet::Cases => K::ECase,
            Sheet::Suggestions => K::ESuggestion,
        }
    }

    /// `units`, `cases`, `suggestions` (the `--entity` values), also singular and in Chinese.
    pub fn parse(s: &str) -> Option<Sheet> {
        match s.trim().to_lowercase().as_str() {
            "units" | "unit" | "单位" => Some(Sheet::Units),
            "cases" | "case" | "案件" => Some(Sheet::Cases),
            "suggestions" | "suggestion" | "检察建议" | "建议" => Some(Sheet::Suggestions),
            _ => None,
        }
    }

    /// Columns an import reads beyond those the export writes.
    pub fn extra_cols(self) -> &'static [ColDef] {
        match self {
            Sheet::Suggestions => SUGGESTION_EXTRA,
            _ => &[],
        }
    }

    /// The columns the CSV export writes, in its order.
    pub fn cols(self) -> &'static [ColDef] {
        match self {
            Sheet::Units => UNIT_COLS,
            Sheet::Cases => CASE_COLS,
            Sheet::Suggestions => SUGGESTION_COLS,
        }
    }

    /// Columns a file of this kind cannot do without.
    pub fn required(self) -> &'static [Col] {
        match self {
            Sheet::Units => &[Col::Name],
            Sheet::Cases => &[Col::CaseNo, Col::CrimeType],
            Sheet::Suggestions => &[Col::Title, Col::Recipient],
        }
    }
}

/// One column of one sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Col {
    /// The record id: written by the export, ignored by the import (records are matched by name or number).
    Id,
    Name,
    Industry,
    Region,
    Level,
    KeyDemo,
    KeyContact,
    LeadingGroup,
    ContactPerson,
    ContactPhone,
    UnitNotes,
    CaseNo,
    Source,
    Suspect,
    Post,
    CaseUnit,
    CrimeType,
    Amount,
    Status,
    CaseFiledOn,
    ProsecutedOn,
    JudgedOn,
    CaseClosedOn,
    Summary,
    DocNo,
    Category,
    LegalType,
    Title,
    Problems,
    Measures,
    Recipient,
    CopiedTo,
    Cases,
    DecidedOn,
    IssuedOn,
    ServedOn,
    ServiceMethod,
    ReceivedOn,
    RecordFiledOn,
    StatedReplyDue,
    RepliedOn,
    Adoption,
    ReplySummary,
    RectifiedOn,
    Rectification,
    EvaluatedOn,
    ClosedOn,
    WithdrawnOn,
    Notes,
    /// 回复情况 as a state (已回复 / 未回复 / 逾期未回复): read only to check it against the reply date.
    ReplyState,
}

/// A column: its catalogue label (the exported header, in either language) and further spellings.
#[derive(Clone, Copy, Debug)]
pub struct ColDef {
    pub col: Col,
    pub label: K,
    pub aliases: &'static [&'static str],
}

const fn c(col: Col, label: K, aliases: &'static [&'static str]) -> ColDef {
    ColDef {
        col,
        label,
        aliases,
    }
}

const ID: ColDef = c(Col::Id, K::DataColId, &["id", "编号", "记录编号"]);

pub const UNIT_COLS: &[ColDef] = &[
    ID,
    c(
        Col::Name,
        K::FName,
        &["单位名称", "单位", "单位全称", "unit", "unit name", "名称"],
    ),
    c(
        Col::Industry,
        K::FIndustry,
        &["行业", "系统", "行业系统", "所属行业", "industry", "system"],
    ),
    c(
        Col::Region,
        K::FRegion,
        &["区域", "所属地区", "所在地", "乡镇", "area", "region"],
    ),
    c(Col::Level, K::FLevel, &["单位级别", "层级", "level"]),
    c(Col::KeyDemo, K::FKeyDemo, &["示范点", "key demo"]),
    c(Col::KeyContact, K::FKeyContact, &["联系点", "key contact"]),
    c(
        Col::LeadingGroup,
        K::FLeadingGroup,
        &[
            "成员单位",
            "领导小组成员",
            "预防职务犯罪工作领导小组成员单位",
            "leading group",
            "leading group member",
        ],
    ),
    c(
        Col::ContactPerson,
        K::FContactPerson,
        &["联络人", "联系人姓名", "contact"],
    ),
    c(
        Col::ContactPhone,
        K::FContactPhone,
        &["电话", "联系方式", "手机", "phone", "telephone", "tel"],
    ),
    c(Col::UnitNotes, K::FNotes, &["说明", "remarks", "note"]),
];

pub const CASE_COLS: &[ColDef] = &[
    ID,
    c(
        Col::CaseNo,
        K::FCaseNo,
        &[
            "案件编号",
            "案件号",
            "受案号",
            "case no",
            "case number",
            "case",
        ],
    ),
    c(Col::Source, K::FSource, &["来源", "source"]),
    c(
        Col::Suspect,
        K::FSuspect,
        &[
            "嫌疑人",
            "被告人",
            "姓名",
            "犯罪嫌疑人姓名",
            "suspect",
            "defendant",
        ],
    ),
    c(
        Col::Post,
        K::FPost,
        &["职位", "原职务", "身份", "post", "position"],
    ),
    c(
        Col::CaseUnit,
        K::FUnit,
        &["单位", "所在单位", "发案单位", "案发单位", "unit"],
    ),
    c(
        Col::CrimeType,
        K::FCrimeType,
        &["涉嫌罪名", "案由", "罪名类型", "crime", "charge", "offence"],
    ),
    c(
        Col::Amount,
        K::FAmount,
        &["金额", "涉案金额", "涉案数额", "犯罪数额", "amount"],
    ),
    c(
        Col::Status,
        K::FStatus,
        &["案件状态", "诉讼阶段", "办理阶段", "阶段", "stage"],
    ),
    c(
        Col::CaseFiledOn,
        K::FFiledOn,
        &["立案时间", "受案日期", "filed", "filing date"],
    ),
    c(
        Col::ProsecutedOn,
        K::FProsecutedOn,
        &["起诉时间", "提起公诉日期", "公诉日期", "prosecuted"],
    ),
    c(
        Col::JudgedOn,
        K::FJudgedOn,
        &[
            "判决时间",
            "宣判日期",
            "judged on",
            "judged",
            "judgment date",
        ],
    ),
    c(
        Col::CaseClosedOn,
        K::FClosedOn,
        &["结案时间", "办结日期", "closed"],
    ),
    c(
        Col::Summary,
        K::FSummary,
        &["简要案情", "案情", "基本案情", "案情简介", "备注", "notes"],
    ),
];

pub const SUGGESTION_COLS: &[ColDef] = &[
    ID,
    c(
        Col::DocNo,
        K::FDocNo,
        &[
            "文书编号",
            "文书号",
            "建议书文号",
            "检察建议文号",
            "检察建议书文号",
            "发文字号",
            "doc no",
            "document no",
            "document number",
            "number",
        ],
    ),
    c(
        Col::Category,
        K::FCategory,
        &["建议类别", "检察建议类别", "category"],
    ),
    c(
        Col::LegalType,
        K::FLegalType,
        &[
            "检察建议类型",
            "建议类型",
            "法定类别",
            "法定类型",
            "legal type",
            "type",
        ],
    ),
    c(
        Col::Title,
        K::FTitle,
        &[
            "建议标题",
            "检察建议标题",
            "检察建议名称",
            "建议名称",
            "建议书名称",
            "检察建议书名称",
            "建议书标题",
            "检察建议书标题",
            "名称",
            "事由",
            "title",
            "subject",
        ],
    ),
    c(
        Col::Problems,
        K::FProblems,
        &["存在问题", "问题", "主要问题", "problems"],
    ),
    c(
        Col::Measures,
        K::FMeasures,
        &["建议内容", "建议事项", "措施", "measures"],
    ),
    c(
        Col::Recipient,
        K::FRecipient,
        &[
            "被建议单位名称",
            "收文单位",
            "主送单位",
            "建议对象",
            "发往单位",
            "送达单位",
            "recipient",
            "recipient unit",
            "unit",
            "单位",
        ],
    ),
    c(
        Col::CopiedTo,
        K::FCopiedTo,
        &["抄送", "抄送机关", "copied to", "cc", "copy to"],
    ),
    c(
        Col::Cases,
        K::FCases,
        &[
            "案号",
            "关联案号",
            "涉及案件",
            "案件",
            "相关案件",
            "cases",
            "case no",
            "case number",
        ],
    ),
    c(
        Col::DecidedOn,
        K::FDecidedOn,
        &["调查决定日期", "立项日期", "decided"],
    ),
    c(
        Col::IssuedOn,
        K::FIssuedOn,
        &[
            "发出日期",
            "制发日期",
            "发文日期",
            "签发时间",
            "issued",
            "issue date",
        ],
    ),
    c(
        Col::ServedOn,
        K::FServedOn,
        &["送达时间", "served", "service date"],
    ),
    c(
        Col::ServiceMethod,
        K::FServiceMethod,
        &["送达形式", "service method", "service"],
    ),
    c(
        Col::ReceivedOn,
        K::FReceivedOn,
        &[
            "签收日期",
            "收到时间",
            "签收时间",
            "接收日期",
            "收悉日期",
            "received",
            "date of receipt",
            "receipt date",
        ],
    ),
    c(
        Col::RecordFiledOn,
        K::FRecordFiledOn,
        &[
            "备案时间",
            "报备日期",
            "报上级院备案日期",
            "filed on",
            "filed",
            "filing date",
        ],
    ),
    c(
        Col::StatedReplyDue,
        K::FStatedReplyDue,
        &[
            "回复期限",
            "载明回复期限",
            "回复截止日期",
            "reply deadline",
            "reply due",
            "deadline",
        ],
    ),
    c(
        Col::RepliedOn,
        K::FRepliedOn,
        &[
            "回复时间",
            "复函日期",
            "回函日期",
            "书面回复日期",
            "replied",
            "reply date",
        ],
    ),
    c(
        Col::Adoption,
        K::FAdoption,
        &["是否采纳", "采纳", "采纳结果", "adoption", "adopted"],
    ),
    c(
        Col::ReplySummary,
        K::FReplySummary,
        &["回复内容", "回复情况", "回复", "reply", "reply summary"],
    ),
    c(
        Col::RectifiedOn,
        K::FRectifiedOn,
        &["整改完成日期", "整改时间", "整改日期", "rectified"],
    ),
    c(
        Col::Rectification,
        K::FRectification,
        &[
            "整改结果",
            "是否整改",
            "整改情况",
            "整改落实情况",
            "rectification",
        ],
    ),
    c(
        Col::EvaluatedOn,
        K::FEvaluatedOn,
        &["评估日期", "效果评估", "evaluated"],
    ),
    c(
        Col::ClosedOn,
        K::FClosedOn,
        &["归档日期", "结案时间", "办结日期", "closed"],
    ),
    c(
        Col::WithdrawnOn,
        K::FWithdrawnOn,
        &["撤回时间", "withdrawn"],
    ),
    c(Col::Notes, K::FNotes, &["说明", "remarks", "note"]),
];

/// Read on import, never written: the export's dates already say it.
const SUGGESTION_EXTRA: &[ColDef] = &[c(
    Col::ReplyState,
    K::FReplyState,
    &["是否回复", "回复与否"],
)];

/// Headers that are recognised and deliberately ignored (row numbers).
const IGNORED: &[&str] = &["序号", "行号", "no", "#", "seq"];

/// What a header means in a sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    Col(Col),
    /// A row number or similar: skip without comment.
    Skip,
    Unknown,
}

/// Matches one header against a sheet's columns: the exact (normalised) spelling first, then without a
/// parenthesised remark such as `（必填）` or `（元）`.
pub fn meaning(sheet: Sheet, header: &str) -> Meaning {
    let n = norm_header(header);
    if n.is_empty() {
        return Meaning::Skip;
    }
    let find = |n: &str| -> Option<Meaning> {
        for d in sheet.cols().iter().chain(sheet.extra_cols()) {
            if norm_header(d.label.en()) == n
                || norm_header(d.label.zh()) == n
                || d.aliases.iter().any(|a| norm_header(a) == n)
            {
                return Some(Meaning::Col(d.col));
            }
        }
        IGNORED
            .iter()
            .any(|a| norm_header(a) == n)
            .then_some(Meaning::Skip)
    };
    find(&n)
        .or_else(|| strip_remark(&n).and_then(|s| find(&s)))
        .unwrap_or(Meaning::Unknown)
}

/// The label (and so the field key in validation errors) of a column.
pub fn label(sheet: Sheet, col: Col) -> Option<K> {
    sheet
        .cols()
        .iter()
        .chain(sheet.extra_cols())
        .find(|d| d.col == col)
        .map(|d| d.label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_both_languages_and_common_spellings() {
        use Meaning::Col as M;
        let s = Sheet::Suggestions;
        assert_eq!(meaning(s, "文号"), M(Col::DocNo));
        assert_eq!(meaning(s, "文书编号"), M(Col::DocNo));
        assert_eq!(meaning(s, "Document number"), M(Col::DocNo));
        assert_eq!(meaning(s, "被建议单位"), M(Col::Recipient));
        assert_eq!(meaning(s, "Recipient"), M(Col::Recipient));
        assert_eq!(meaning(s, "收到日期"), M(Col::ReceivedOn));
        assert_eq!(meaning(s, "签收日期"), M(Col::ReceivedOn));
        assert_eq!(meaning(s, "received on"), M(Col::ReceivedOn));
        assert_eq!(meaning(s, "文号（必填）"), M(Col::DocNo));
        assert_eq!(meaning(s, "序号"), Meaning::Skip);
        assert_eq!(meaning(s, "经办人"), Meaning::Unknown);
        assert_eq!(meaning(Sheet::Cases, "涉案金额（元）"), M(Col::Amount));
        assert_eq!(meaning(Sheet::Cases, "立案日期"), M(Col::CaseFiledOn));
        assert_eq!(meaning(Sheet::Units, "单位名称"), M(Col::Name));
    }

    #[test]
    fn no_spelling_means_two_columns_of_one_sheet() {
        for sheet in Sheet::ALL {
            let mut seen = std::collections::HashMap::new();
            for d in sheet.cols().iter().chain(sheet.extra_cols()) {
                let mut names: Vec<String> = d.aliases.iter().map(|a| norm_header(a)).collect();
                names.push(norm_header(d.label.en()));
                names.push(norm_header(d.label.zh()));
                names.sort();
                names.dedup();
                for n in names {
                    if let Some(other) = seen.insert(n.clone(), d.col) {
                        panic!("{sheet:?}: {n} means both {other:?} and {:?}", d.col);
                    }
                }
            }
        }
    }
}
