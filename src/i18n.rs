//! The string catalogue: every user-facing text in English and Chinese, in one table.
//!
//! A key that lacks a translation does not compile, because both columns are filled in one macro row.

use std::fmt;

/// The UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Parses `zh`/`en` (and locale-like spellings such as `zh_CN.UTF-8`).
    pub fn parse(s: &str) -> Option<Lang> {
        let l = s.trim().to_ascii_lowercase();
        if l == "zh" || l.starts_with("zh_") || l.starts_with("zh-") || l.starts_with("zh.") {
            Some(Lang::Zh)
        } else if l == "en" || l.starts_with("en_") || l.starts_with("en-") || l.starts_with("en.")
        {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Language from the environment's locale: `LC_ALL`, then `LANG`; zh* gives Chinese.
    pub fn from_locale(lc_all: Option<&str>, lang: Option<&str>) -> Lang {
        for v in [lc_all, lang].into_iter().flatten() {
            if v.is_empty() {
                continue;
            }
            return if v.to_ascii_lowercase().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            };
        }
        Lang::En
    }

    pub fn t(self, k: K) -> &'static str {
        match self {
            Lang::En => k.en(),
            Lang::Zh => k.zh(),
        }
    }

    /// Catalogue text with `{}` placeholders filled in order.
    pub fn f(self, k: K, args: &[&dyn fmt::Display]) -> String {
        fill(self.t(k), args)
    }
}

/// The separator of an inline list: "、" in Chinese, ", " in English.
pub fn list_sep(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "、" } else { ", " }
}

/// An impossible day named as such: "February 2026 has no 30th", "2026年2月没有30日".
pub fn no_such_day(lang: Lang, year: i32, month: u32, day: u32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some(name) = month.checked_sub(1).and_then(|i| MONTHS.get(i as usize)) else {
        return lang.f(K::ErrNoSuchMonth, &[&year, &month]);
    };
    match lang {
        Lang::En => {
            let th = match (day % 10, day % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            lang.f(
                K::ErrNoSuchDay,
                &[&format!("{name} {year}"), &format!("{day}{th}")],
            )
        }
        Lang::Zh => lang.f(
            K::ErrNoSuchDay,
            &[&format!("{year}年{month}月"), &format!("{day}日")],
        ),
    }
}

/// What a case still lacks: "no crime analysis, no suggestion" (the case list, Today, details, the CLI).
pub fn missing_follow_up(lang: Lang, analysis: bool, suggestion: bool) -> String {
    let mut parts = Vec::new();
    if analysis {
        parts.push(lang.t(K::GapAnalysis));
    }
    if suggestion {
        parts.push(lang.t(K::GapSuggestion));
    }
    parts.join(list_sep(lang))
}

/// "12 days overdue" / "due today" / "3 days left" from days past a deadline (positive) or until it.
pub fn days_text(lang: Lang, days_overdue: i64) -> String {
    match days_overdue {
        d if d > 0 => lang.f(K::DaysOverdue, &[&d]),
        0 => lang.t(K::DueToday).to_string(),
        d => lang.f(K::DaysLeft, &[&-d]),
    }
}

/// The same in a narrow column ("3d left").
pub fn days_short(lang: Lang, days_overdue: i64) -> String {
    match days_overdue {
        d if d > 0 => lang.f(K::DaysOverdueShort, &[&d]),
        0 => lang.t(K::DueTodayShort).to_string(),
        d => lang.f(K::DaysLeftShort, &[&-d]),
    }
}

fn fill(template: &str, args: &[&dyn fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut i = 0;
    while let Some(pos) = rest.find("{}") {
        out.push_str(&rest[..pos]);
        if let Some(a) = args.get(i) {
            out.push_str(&a.to_string());
        }
        i += 1;
        rest = &rest[pos + 2..];
    }
    out.push_str(rest);
    out
}

macro_rules! catalogue {
    ($($key:ident => $en:expr, $zh:expr;)*) => {
        /// A catalogue key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum K { $($key),* }
        impl K {
            pub const ALL: &'static [K] = &[$(K::$key),*];
            pub fn en(self) -> &'static str { match self { $(K::$key => $en),* } }
            pub fn zh(self) -> &'static str { match self { $(K::$key => $zh),* } }
        }
    };
}

catalogue! {
    // ---- enum labels: practice category
    CatSingle => "single-case", "个案";
    CatSimilar => "similar-cases", "类案";
    CatIndustry => "industry (system)", "行业（系统）";
    CatRegional => "regional", "区域";
    // legal type (2019 Provisions Art. 5)
    LegalRetrial => "retrial", "再审检察建议";
    LegalCorrection => "correction of violations", "纠正违法检察建议";
    LegalPublicInterest => "public-interest litigation", "公益诉讼检察建议";
    LegalSocialGovernance => "social governance", "社会治理检察建议";
    LegalOther => "other", "其他检察建议";
    // service method
    ServiceWritten => "written service", "书面送达";
    ServiceAnnounced => "announced service", "宣告送达";
    // adoption
    AdoptAdopted => "adopted", "采纳";
    AdoptPartly => "partly adopted", "部分采纳";
    AdoptNot => "not adopted", "不采纳";
    // rectification
    RectFull => "fully rectified", "整改到位";
    RectPartial => "partly rectified", "部分整改";
    RectNone => "not rectified", "未整改";
    // follow-up kinds
    FuUrging => "urging", "催办";
    FuInquiry => "inquiry", "询问";
    FuVisit => "visit", "走访";
    FuConsultation => "consultation", "会商";
    FuJointMeeting => "joint meeting", "联席会议";
    FuReturnVisit => "return visit", "回访";
    FuLookBack => "look-back check", "回头看";
    FuObjection => "objection", "异议";
    FuEscalation => "escalation", "报告/通报";
    // objection outcome
    ObjUpheld => "upheld", "维持";
    ObjModified => "modified", "变更";
    ObjWithdrawn => "withdrawn", "撤回";
    // escalation steps (Art. 25)
    EscSuperior => "reported to the superior procuratorate", "报告上一级人民检察院";
    EscCompetent => "notified the unit's superior/competent department", "通报被建议单位的上级机关或主管部门";
    EscPartyCongress => "reported to the party committee / people's congress", "报告同级党委、人大";
    EscGovDiscipline => "notified the government / discipline and supervision organ", "通报同级政府、纪检监察机关";
    // activity kinds
    ActInvestigation => "preventive investigation", "预防调查";
    ActAnalysis => "crime analysis", "犯罪分析";
    ActInterview => "procuratorial interview", "检察约谈";
    ActWarning => "warning education", "警示教育";
    ActPublicity => "prevention publicity", "预防宣传";
    ActConsultation => "prevention consultation", "预防咨询";
    ActBriberyInquiry => "bribery-record inquiry", "行贿犯罪档案查询";
    ActOther => "other", "其他";
    // case source
    SrcOwn => "own investigation", "自行侦查";
    SrcTransferred => "transferred by the supervisory commission", "监察委员会移送";
    SrcOther => "other", "其他";
    // crime types
    CrimeEmbezzlement => "embezzlement", "贪污";
    CrimeBribeTaking => "accepting bribes", "受贿";
    CrimeBribeGiving => "offering bribes", "行贿";
    CrimeMisappropriation => "misappropriation of public funds", "挪用公款";
    CrimeAbuse => "abuse of power", "滥用职权";
    CrimeDereliction => "dereliction of duty", "玩忽职守";
    CrimeOther => "other", "其他";
    // case status
    StFiled => "case filed", "立案";
    StInvestigating => "investigation", "侦查";
    StProsecuted => "prosecuted", "提起公诉";
    StJudged => "judgment", "判决";
    StClosed => "case closed", "结案";
    // unit level
    LvlProvincial => "provincial", "省级";
    LvlMunicipal => "municipal", "市级";
    LvlCounty => "county", "县级";
    LvlTownship => "township", "乡镇";
    LvlVillage => "village / community", "村（社区）";
    LvlEnterprise => "enterprise", "企业";
    LvlOther => "other", "其他";
    // suggestion states
    StateDraft => "draft", "草拟";
    StateAwaitingService => "awaiting service", "待送达";
    StateAwaitingReply => "awaiting reply", "待回复";
    StateDueSoon => "due soon", "即将到期";
    StateOverdue => "overdue", "逾期未回复";
    StateReplied => "replied", "已回复";
    StateClosed => "closed", "已结";
    StateWithdrawn => "withdrawn", "已撤回";
    // missing follow-up of a case
    GapAnalysis => "no crime analysis", "未作犯罪分析";
    GapSuggestion => "no suggestion", "未发检察建议";

    // ---- field labels
    FName => "name", "名称";
    FIndustry => "industry/system", "行业（系统）";
    FRegion => "region", "地区";
    FLevel => "level", "级别";
    FKeyDemo => "key demonstration area", "重点示范点";
    FKeyContact => "key contact point", "重点联系点";
    FLeadingGroup => "leading-group member unit", "领导小组成员单位";
    FContactPerson => "contact person", "联系人";
    FContactPhone => "contact phone", "联系电话";
    FNotes => "notes", "备注";
    FCaseNo => "case number", "案号";
    FSource => "source", "案件来源";
    FSuspect => "suspect", "犯罪嫌疑人";
    FPost => "post", "职务";
    FUnit => "unit", "涉案单位";
    FCrimeType => "crime type", "罪名";
    FAmount => "amount (yuan)", "涉案金额（元）";
    FStatus => "status", "状态";
    FFiledOn => "filed on", "立案日期";
    FProsecutedOn => "prosecuted on", "起诉日期";
    FJudgedOn => "judgment on", "判决日期";
    FClosedOn => "closed on", "结案日期";
    FSummary => "summary", "案情摘要";
    FDocNo => "document number", "文号";
    FCategory => "category", "类别";
    FLegalType => "legal type", "法定类型";
    FTitle => "title", "标题";
    FProblems => "problems found", "发现的问题";
    FMeasures => "measures suggested", "建议措施";
    FRecipient => "recipient unit", "被建议单位";
    FCopiedTo => "copied to", "抄送单位";
    FCases => "linked cases", "关联案件";
    FDecidedOn => "decided on", "决定调查日期";
    FIssuedOn => "issued on", "签发日期";
    FServedOn => "served on", "送达日期";
    FServiceMethod => "service method", "送达方式";
    FReceivedOn => "received on", "收到日期";
    FRecordFiledOn => "filed with superior on", "备案日期";
    FStatedReplyDue => "stated reply deadline", "文书载明回复期限";
    FRepliedOn => "replied on", "回复日期";
    FAdoption => "adoption", "采纳情况";
    FReplySummary => "reply summary", "回复摘要";
    FRectifiedOn => "rectified on", "整改日期";
    FRectification => "rectification", "整改情况";
    FEvaluatedOn => "evaluated on", "效果评估日期";
    FWithdrawnOn => "withdrawn on", "撤回日期";
    FSuggestion => "suggestion", "检察建议";
    FKind => "kind", "类型";
    FDate => "date", "日期";
    FMethod => "method", "方式";
    FRecord => "record", "记录";
    FOutcome => "outcome", "结果";
    FStep => "step", "步骤";
    FPlannedOn => "planned on", "计划日期";
    FDoneOn => "done on", "完成日期";
    FCase => "case", "案件";
    FAttendees => "attendees", "参加人数";
    FYear => "year", "年度";
    FTargets => "targets", "目标";
    FSuggestionTarget => "suggestion target", "检察建议目标数";
    FFocusIndustries => "focus industries", "重点行业";
    FPlanCheckOn => "plan check", "年初计划检查";
    FMidyearCheckOn => "mid-year data check", "年中数据检查";
    FYearendCheckOn => "year-end effect check", "年终效果检查";

    // ---- validation
    ErrRequired => "{}: required", "{}：必填";
    ErrDateOrder => "{} ({}) is before {} ({})", "{}（{}）早于{}（{}）";
    ErrNeeds => "{} needs {} to be set first", "填写{}前须先填写{}";
    ErrNegative => "{}: must not be negative", "{}：不能为负数";
    ErrBadDocNo => "{}: \"{}\" is not a document number like X检建〔2026〕3号", "{}：“{}”不是形如 X检建〔2026〕3号 的文号";
    ErrDocNoYear => "{}: the year in {} differs from the issue year {}", "{}：文号 {} 的年份与签发年份 {} 不一致";
    ErrBadDate => "\"{}\" is not a date (YYYY-MM-DD)", "“{}”不是日期（YYYY-MM-DD）";
    ErrYearRange => "{}: {} is outside 1990-2100", "{}：{} 不在 1990—2100 年之间";
    ErrFuture => "{}: {} is after today ({})", "{}：{} 晚于今天（{}）";
    ErrTooLong => "{}: at most {} characters", "{}：最多 {} 个字";
    ErrOutcomeOnlyObjection => "{}: only an objection has an outcome", "{}：只有异议记录有结果";
    ErrStepOnlyEscalation => "{}: only an escalation has a step", "{}：只有报告/通报记录有步骤";

    // ---- deadline explanations
    DlReply => "reply", "回复";
    DlFiling => "filing", "备案";
    DlInvestigation => "investigation", "调查";
    DlVisit => "return visit", "回访";
    DlActivity => "planned activity", "计划工作";
    DlCheckpoint => "plan checkpoint", "计划检查点";
    BaseReceived => "received", "收到";
    BaseIssued => "issued", "签发";
    BaseDecided => "decided", "决定调查";
    BaseReplied => "replied", "回复";
    BaseVisited => "last return visit", "上次回访";
    PeriodMonths => "{} months", "{}个月";
    PeriodMonth1 => "1 month", "1个月";
    PeriodDays => "{} days", "{}日";
    PeriodDay1 => "1 day", "1日";
    ExSum => "{} {} + {} = {}", "{}日期 {} + {} = {}";
    ExStated => "deadline stated in the document: {}", "文书载明期限 {}";
    ExMonthEnd => " (that month has no such day: its last day)", "（该月无对应日，取月末）";
    ExWorkday => "{} is a working day", "{} 为工作日";
    ExAdjusted => "{} is an adjusted working day (调休)", "{} 为调休工作日";
    ExRolledHoliday => "{} is a statutory holiday; rolled forward to {}, the first working day after it", "{} 为法定节假日，顺延至其后第一个工作日 {}";
    ExRolledWeekend => "{} is a weekend day; rolled forward to {}, the first working day after it", "{} 为休息日，顺延至其后第一个工作日 {}";
    ExNoRoll => "{} is a rest day; roll-forward is switched off", "{} 为休息日（顺延已关闭）";
    ExNoTable => "no holiday table covers {}: only weekends were considered", "{} 年无节假日表，仅按周末计算";

    // ---- day kinds
    DayWorkday => "working day", "工作日";
    DayWeekend => "weekend", "休息日";
    DayHoliday => "statutory holiday", "法定节假日";
    DayAdjusted => "adjusted working day", "调休工作日";

    // ---- overdue report
    HOverdueReplies => "Overdue replies", "逾期未回复";
    HDueSoon => "Replies due within {} days", "{}日内到期的回复";
    HFilingOverdue => "Filings overdue", "逾期未备案";
    HVisitsDue => "Return visits and look-back checks due", "应回访、回头看";
    HCaseGaps => "Cases needing prevention follow-up", "待跟进预防工作的案件";
    HInvestigationsDue => "Preventive investigations due", "到期的预防调查";
    HActivitiesDue => "Planned prevention work due within {} days", "{}日内到期的计划预防工作";
    HNothing => "none", "无";
    OverdueMore => "… and {} more (--all lists every one)", "……另有 {} 条（加 --all 全部列出）";
    TodayMore => "… and {} more: the lists (2, 3, 5) and the calendar show them all", "……另有 {} 条，可在列表（2、3、5）和日历中查看";
    ColDocNo => "Doc. no.", "文号";
    ColTitle => "Title", "标题";
    ColRecipient => "Recipient", "被建议单位";
    ColReceived => "Received", "收到日期";
    ColDue => "Due", "期限";
    ColDays => "Days", "天数";
    ColIssued => "Issued", "签发日期";
    ColReplied => "Replied", "回复日期";
    ColCaseNo => "Case no.", "案号";
    ColUnit => "Unit", "单位";
    ColSince => "Since", "起算日";
    ColMissing => "Missing", "缺少";
    ColState => "State", "状态";
    ColDecided => "Decided", "决定日期";
    DaysOverdue => "{} days overdue", "逾期{}天";
    DaysLeft => "{} days left", "剩{}天";
    DueToday => "due today", "今日到期";
    DaysOverdueShort => "{}d late", "逾期{}天";
    DaysLeftShort => "{}d left", "剩{}天";
    DueTodayShort => "today", "今日到期";
    TodayIs => "Today: {}", "今天：{}";
    NoDocNo => "(no number)", "（无文号）";

    // ---- command-line errors
    CliBadToday => "--today: \"{}\" is not a date (YYYY-MM-DD)", "--today：“{}”不是日期（YYYY-MM-DD）";
    CliBadLang => "--lang: \"{}\" is not a language (zh or en)", "--lang：“{}”不是可用语言（zh 或 en）";
    CliNoDataDir => "cannot find a data folder for this user; pass --db PATH", "找不到本用户的数据目录，请用 --db 指定数据库文件";
    CliOpenDb => "cannot open the store {}: {}", "无法打开数据库 {}：{}";
    CliConfig => "config file {}: {}", "配置文件 {}：{}";
    CliHolidays => "holiday table {}: {}", "节假日表 {}：{}";
    CliBadPane => "--pane: \"{}\" is not a pane (today, cases, suggestions, calendar, units, stats)", "--pane：“{}”不是可用页面（today、cases、suggestions、calendar、units、stats）";
    CliBadSize => "--width/--height: {}×{} is not a usable size", "--width/--height：{}×{} 不是可用尺寸";
    CliWrite => "cannot write {}: {}", "无法写入 {}：{}";
    CliIcsWritten => "{} open deadlines written to {}", "已将 {} 个未了期限写入 {}";
    CliTerminal => "the terminal cannot be used: {}", "无法使用终端：{}";
    CliDemoReady => "demo office at {}", "演示数据位于 {}";
    StoreTooNew => "the store was written by a newer yufang (schema {}, this version knows {}); it was left untouched", "该数据库由较新版本的 yufang 写入（结构版本 {}，本版本支持 {}），未作任何改动";
    StoreStale => "{} #{} was changed elsewhere since it was loaded; reload and try again", "{} #{} 已在别处被修改，请重新载入后再试";
    StoreDuplicate => "{} already exists: {}", "{}已存在：{}";
    StoreNotFound => "{} #{} does not exist", "{} #{} 不存在";
    StoreInUse => "{} #{} is still referenced by other records", "{} #{} 仍被其他记录引用";

    // ---- the full-screen app
    PaneToday => "Today", "今日";
    PaneCases => "Cases", "案件";
    PaneSuggestions => "Suggestions", "检察建议";
    ConfirmDiscard => "Discard what you typed? (y/n)", "放弃已输入的内容？(y/n)";
    ConfirmDelete => "Delete {} {}? (y/n)", "删除{} {}？(y/n)";
    MsgDeleted => "{} deleted", "已删除{}";
    MsgSaved => "{} saved", "{}已保存";
    FormNewUnit => "New unit", "新建单位";
    FormNewCase => "New case", "新建案件";
    FormEditCase => "Edit case", "修改案件";
    FormNewSuggestion => "New suggestion", "新建检察建议";
    FormEditSuggestion => "Edit suggestion", "修改检察建议";
    HsGlobal => "Everywhere", "全局";
    HsMove => "Moving", "移动";
    HsTable => "Lists", "列表";
    HsSuggestions => "Suggestion list: show only", "检察建议列表：筛选";
    HsOnSuggestion => "On the selected suggestion", "对所选检察建议";
    HsCases => "On the selected case", "对所选案件";
    HsDetail => "Detail view", "详情";
    HkQuit => "quit (close a window)", "退出（或关闭窗口）";
    HkHelp => "this help", "帮助";
    HkBack => "back", "返回";
    HkPaneToday => "Today", "今日";
    HkPaneCases => "cases", "案件";
    HkPaneSuggestions => "suggestions", "检察建议";
    HkNextPane => "next pane", "下一页面";
    HkPrevPane => "previous pane", "上一页面";
    HkNewUnit => "new unit", "新建单位";
    HkDown => "down", "下移";
    HkUp => "up", "上移";
    HkTop => "first", "第一行";
    HkBottom => "last", "最后一行";
    HkPageDown => "page down", "下一页";
    HkPageUp => "page up", "上一页";
    HkOpen => "open", "打开";
    HkFilter => "filter", "筛选";
    HkSort => "sort by next column", "换排序列";
    HkSortReverse => "reverse order", "倒序";
    HkNew => "new", "新建";
    HkEdit => "edit", "修改";
    HkDelete => "delete", "删除";
    HkStateAll => "all", "全部";
    HkStateOverdue => "overdue", "逾期";
    HkStateDueSoon => "due soon", "即将到期";
    HkStateAwaiting => "awaiting reply", "待回复";
    HkStateReplied => "replied", "已回复";
    HkStateClosed => "closed", "已结";
    HkActReply => "record reply", "登记回复";
    HkActService => "record service/receipt", "登记送达";
    HkActFiling => "record filing", "登记备案";
    HkActUrging => "add urging", "催办";
    HkActFollowUp => "add follow-up (visit, inquiry, return visit…)", "督促落实（走访、询问、回访等）";
    HkActObjection => "record objection", "登记异议";
    HkActEscalation => "record escalation step", "登记报告/通报";
    HkActRectification => "record rectification", "登记整改";
    HkActClose => "close", "结案归档";
    HkActWithdraw => "withdraw", "撤回";
    HkDraftFromCase => "draft a suggestion for this case", "为此案起草检察建议";
    HkAddActivity => "add prevention work for this case", "为此案登记预防工作";
    HkPaneUnits => "units & work", "单位与工作";
    HkPaneCalendar => "calendar", "期限日历";
    PaneCalendar => "Calendar", "日历";
    HsCalendar => "Calendar", "日历";
    HkCalLeft => "previous day", "前一天";
    HkCalRight => "next day", "后一天";
    HkCalUp => "previous week", "上一周";
    HkCalDown => "next week", "下一周";
    HkCalPrevMonth => "previous month", "上个月";
    HkCalNextMonth => "next month", "下个月";
    HkCalToday => "back to today", "回到今天";
    HkCalGoto => "go to a date", "跳到日期";
    HkCalWeek => "agenda: day / week", "日程：当天/本周";
    HkAgendaDown => "next agenda row", "日程下一条";
    HkAgendaUp => "previous agenda row", "日程上一条";
    HkAgendaOpen => "open the agenda row", "打开日程条目";
    FormGoto => "Go to date", "跳到日期";
    CalAgendaDay => "Due on {}", "{} 到期";
    CalAgendaWeek => "Due in the week of {}", "{} 所在周到期";
    CalLegend => "R reply · F filing · I investigation · V return visit · A planned work · P plan check · ! overdue · 休 holiday · 班 adjusted working day", "R 回复 · F 备案 · I 调查 · V 回访 · A 计划工作 · P 计划检查 · ! 逾期 · 休 法定节假日 · 班 调休上班";
    CalWeekdaysMon => "Mo Tu We Th Fr Sa Su", "一 二 三 四 五 六 日";
    CalWeekdaysSun => "Su Mo Tu We Th Fr Sa", "日 一 二 三 四 五 六";
    DatePickerTitle => "Pick a date", "选择日期";
    DatePickerHint => "←→↑↓ day/week · [ ] month · t today · Enter choose · Esc back", "←→↑↓ 日/周 · [ ] 月 · t 今天 · Enter 选定 · Esc 返回";
    MarkHoliday => "休", "休";
    MarkWorkday => "班", "班";
    HkFocusUnits => "units list", "单位列表";
    HkFocusActivities => "prevention work list", "预防工作列表";
    HkUnitFlag => "show units by flag", "按标记筛选单位";
    HsUnits => "Units & work", "单位与工作";
    PaneUnits => "Units & work", "单位与工作";
    FormEditUnit => "Edit unit", "修改单位";
    FormNewActivity => "New prevention work", "登记预防工作";
    FormEditActivity => "Edit prevention work", "修改预防工作";
    ColKind => "Kind", "类型";
    ColName => "Name", "名称";
    ColPlanned => "Planned", "计划";
    ColDone => "Done", "完成";
    ColLinked => "Case / suggestion", "案件/检察建议";
    ColFlags => "Flags", "标记";
    ColContact => "Contact", "联系人";
    ColLastContact => "Last contact", "最近联系";
    ColCounts => "Cases/sugg.", "案件/建议";
    ColIndustry => "Industry", "行业";
    ColRegion => "Region", "地区";
    FlagKeyDemo => "demo", "示范";
    FlagKeyContact => "contact", "联系";
    FlagLeading => "group", "成员";
    ShowFlag => "showing: {}", "显示：{}";
    DtCases => "Cases", "案件";
    DtSuggestions => "Suggestions received", "收到的检察建议";
    DtUnitHint => "e edit · Esc back", "e 修改 · Esc 返回";

    // ---- screens
    ColSuspect => "Suspect, post", "嫌疑人、职务";
    ColCrime => "Crime", "罪名";
    ColStatus => "Status", "状态";
    ColFiled => "Filed", "立案";
    ColFollowUp => "Follow-up", "预防跟进";
    ColCategory => "Category", "类别";
    SortBy => "sort: {} {}", "排序：{} {}";
    FilterLabel => "filter", "筛选";
    FilterTyping => "type to filter · Enter keep · Esc clear", "输入筛选 · Enter 保留 · Esc 清除";
    FilterSearching => "searching…", "查找中……";
    ShowState => "showing: {}", "显示：{}";
    RowsOf => "{}–{} of {}", "第{}–{}条，共{}条";
    NoRows => "no records", "无记录";
    Enlarge => "Enlarge the terminal to at least {}×{} (now {}×{})", "请把终端窗口放大到至少 {}×{}（当前 {}×{}）";
    WelcomeTitle => "Welcome to yufang (预防)", "欢迎使用 yufang（预防）";
    WelcomeBody => "The office has no records yet. Press U to add the first unit, then 3 and n for a suggestion or 2 and n for a case. To look around first, quit with q and start `yufang --demo`.", "还没有任何记录。按 U 新建第一个单位，再按 3、n 新建检察建议，或按 2、n 新建案件。想先看看效果，可按 q 退出后运行 `yufang --demo`。";
    HelpTitle => "Keys", "按键";
    HelpFooter => "Esc / ? close · j/k scroll", "Esc / ? 关闭 · j/k 滚动";
    DtState => "State", "状态";
    DtDeadlines => "Deadlines", "期限";
    DtTimeline => "Timeline", "时间线";
    DtLinked => "Linked suggestions", "关联检察建议";
    DtActivities => "Prevention work", "预防工作";
    DtDone => "done", "已办";
    DtPlanned => "planned", "计划";
    DtActsHint => "r reply · d service · f filing · u urge · v follow-up · t rectify · c close · e edit · Esc back", "r 回复 · d 送达 · f 备案 · u 催办 · v 督促 · t 整改 · c 结案 · e 修改 · Esc 返回";
    DtCaseHint => "Enter open first suggestion · p draft suggestion · e edit · Esc back", "Enter 打开首个检察建议 · p 起草检察建议 · e 修改 · Esc 返回";
    GapMark => "needs follow-up", "待跟进";
    ConfirmTitle => "Confirm", "确认";
    DaysSince => "{} days", "{}天";
    VisitDueIn => "visit in {} days", "{}天后回访";
    NoneMark => "—", "—";
    Yes => "yes", "是";
    No => "no", "否";

    // ---- generator
    GenDemo => "gen fills a store of your own, not the demo office: pass --db PATH to a new file", "gen 只填充指定的数据库，不能用于演示数据：请用 --db 指定一个新文件";
    GenZero => "--suggestions must be at least 1", "--suggestions 至少为 1";
    GenNotEmpty => "the store {} already has records; gen fills only an empty store (pass --db PATH to a new file)", "数据库 {} 中已有记录；gen 只填充空数据库（请用 --db 指定一个新文件）";
    GenDone => "generated {} suggestions, {} cases, {} units, {} prevention activities, {} follow-up records and {} annual plans in {} s", "已生成检察建议 {} 件、案件 {} 件、单位 {} 个、预防工作 {} 项、督促落实记录 {} 条、年度工作计划 {} 个，用时 {} 秒";

    // ---- data in and out
    DataColId => "ID", "ID";
    DataChangeLog => "change log", "修改记录";
    DataCannotRead => "cannot read {}: {}", "无法读取 {}：{}";
    DataCannotWrite => "cannot write {}: {}", "无法写入 {}：{}";
    ExpBadFormat => "--format: \"{}\" is not an export format (json, csv or xlsx)", "--format：“{}”不是可用的导出格式（json、csv 或 xlsx）";
    ExpProgress => "exporting", "正在导出";
    ExpJsonDone => "exported {} records to {}", "已导出 {} 条记录到 {}";
    ExpCsvDone => "exported {} records into {} ({} files)", "已导出 {} 条记录到文件夹 {}（{} 个文件）";
    ImpProgress => "importing", "正在导入";
    ImpBadOnDuplicate => "--on-duplicate: \"{}\" is not skip or update", "--on-duplicate：“{}”应为 skip 或 update";
    ImpBadEntity => "--entity: \"{}\" is not units, cases or suggestions", "--entity：“{}”应为 units、cases 或 suggestions";
    ImpBadEncoding => "the file is neither UTF-8 nor GBK/GB18030 text; save it from Excel or WPS as CSV", "文件既不是 UTF-8 也不是 GBK/GB18030 文本，请在 Excel 或 WPS 中另存为 CSV";
    ImpBadCsv => "not readable as CSV: {}", "无法按 CSV 读取：{}";
    ImpUnknownKind => "cannot tell whether the file holds units, cases or suggestions: no known column headers in its first lines (use --entity)", "无法判断文件内容是单位、案件还是检察建议：前几行没有可识别的列名（可用 --entity 指定）";
    ImpNoHeaders => "no known column headers of a {} sheet in the first lines", "前几行没有可识别的{}表列名";
    ImpFileRead => "read as {} text: {} sheet, {} data rows", "按 {} 编码读取：{}表，{} 行数据";
    ImpRepeatedColumn => "column \"{}\" repeats column {}", "列“{}”与第 {} 列重复";
    ImpIgnoredColumn => "column \"{}\" is not recognised and was ignored", "未识别的列“{}”已忽略";
    ImpMissingColumn => "missing column: {}", "缺少必需的列：{}";
    ImpBadDate => "{}: \"{}\" is not a date (e.g. 2026-03-05, 2026/3/5, 2026年3月5日)", "{}：“{}”不是日期（如 2026-03-05、2026/3/5、2026年3月5日）";
    ImpBadChoice => "{}: \"{}\" is not one of: {}", "{}：“{}”不是以下之一：{}";
    ImpBadFlag => "{}: \"{}\" is not yes or no", "{}：“{}”应为“是”或“否”";
    ImpCellProblem => "{}: {}", "{}：{}";
    ImpNoSuchCase => "{}: no case numbered \"{}\"", "{}：没有案号为“{}”的案件";
    ImpUnitCreated => "unit \"{}\" was not in the store and was created", "单位“{}”原先不存在，已新建";
    ImpRepeatedRow => "{} \"{}\" appears again (first on line {})", "{}“{}”重复出现（首次在第 {} 行）";
    ImpRepeatedRowElsewhere => "{} \"{}\" appears again (first at {})", "{}“{}”重复出现（首次在 {}）";
    ImpDupSkipped => "{} {} is already in the store: skipped (--on-duplicate update would overwrite it)", "{} {} 已存在：已跳过（用 --on-duplicate update 可覆盖）";
    ImpDupUpdated => "{} {} is already in the store: updated from this row", "{} {} 已存在：已按本行更新";
    ImpIdClash => "{}: the file's record ({}) is not the record with this id in the store ({})", "{}：文件中的记录（{}）与数据库中同一编号的记录（{}）不是同一条";
    ImpRecordProblem => "{}: {}", "{}：{}";
    ImpBadJson => "not a readable yufang export: {}", "不是可读取的 yufang 导出文件：{}";
    ImpNotExport => "not a yufang export (it lacks \"format\": \"yufang\")", "不是 yufang 导出文件（缺少 \"format\": \"yufang\"）";
    ImpFormatTooNew => "export format {} is not one this yufang reads ({})", "导出格式版本 {} 不是本版本可读取的版本（{}）";
    ImpSchemaTooNew => "the export comes from a newer yufang (schema {}, this version knows {})", "该导出文件来自较新版本的 yufang（结构版本 {}，本版本支持 {}）";
    ImpLogNotRestored => "{} change-log entries in the file were not taken over: this store already has its own history", "文件中的 {} 条修改记录未导入：本数据库已有自己的修改记录";
    ImpCounts => "{}: {} added, {} updated, {} skipped", "{}：新增 {}，更新 {}，跳过 {}";
    ImpUnitsCreated => "{} units created from names in the files", "按文件中的名称新建单位 {} 个";
    ImpLogRestored => "{} change-log entries taken over from the file", "已导入修改记录 {} 条";
    ImpAborted => "{} problems: nothing was imported; the store is unchanged", "发现 {} 个问题：未导入任何内容，数据库未改动";
    ImpDryRunDone => "dry run: nothing was written", "试运行：未写入任何内容";
    ImpDone => "import finished", "导入完成";
    BakAutoFailed => "the automatic backup failed: {}", "自动备份失败：{}";
    BakDemoNeedsOut => "the demo office is throwaway: give --out FILE to keep a copy", "演示数据为临时数据：如需保留请用 --out 指定文件";
    BakOntoStore => "--out {} is the store itself", "--out {} 就是当前数据库本身";
    RstNotSqlite => "{} is not a SQLite database; nothing was restored", "{} 不是 SQLite 数据库，未作恢复";
    RstCorrupt => "{} is damaged ({}); nothing was restored", "{} 已损坏（{}），未作恢复";
    RstTooNew => "{} was written by a newer yufang (schema {}, this version knows {}); nothing was restored", "{} 由较新版本的 yufang 写入（结构版本 {}，本版本支持 {}），未作恢复";
    RstNotYufang => "{} is a SQLite database but not a yufang store; nothing was restored", "{} 是 SQLite 数据库，但不是 yufang 数据库，未作恢复";
    RstDone => "restored {} from {} (schema {}: {} units, {} cases, {} suggestions); the store as it was is kept at {}", "已恢复 {}，来源 {}（结构版本 {}：单位 {} 个、案件 {} 件、检察建议 {} 件）；恢复前的数据库已保存为 {}";
    HistInsert => "addition", "新增";
    HistUpdate => "change", "修改";
    HistDelete => "deletion", "删除";
    HistUndo => "undo", "撤销";
    HistUndone => "undone: {} of {} #{} ({})", "已撤销：{}（{} #{}，{}）";
    HistSummary => "{} of {} #{} ({})", "{}（{} #{}，{}）";
    ConfirmUndo => "Undo the last change: {}? (y/n)", "撤销最近一次改动：{}？(y/n)";
    NothingToUndo => "nothing to undo", "没有可撤销的改动";
    HistoryTitle => "History · {}", "改动记录 · {}";
    HistoryEmpty => "no changes recorded", "没有改动记录";
    HistoryHint => "j/k scroll · Esc close", "j/k 滚动 · Esc 关闭";
    NoRecordSelected => "select a record first", "请先选中一条记录";
    PaletteTitle => "Commands", "命令";
    PaletteHint => "type to filter · ↑↓ choose · Enter run · Esc close", "输入筛选 · ↑↓ 选择 · Enter 执行 · Esc 关闭";
    CmdExportJson => "export everything as JSON", "导出全部数据（JSON）";
    CmdExportCsv => "export spreadsheets (CSV, one per entity)", "导出表格（CSV，每类一个文件）";
    CmdExportIcs => "export open deadlines to a calendar file (.ics)", "导出未了期限到日历文件（.ics）";
    CmdBackup => "back up the store now", "立即备份";
    CmdUndo => "undo the last change", "撤销最近一次改动";
    CmdHistory => "history of the selected record", "所选记录的改动记录";
    MsgExported => "{} records written to {}", "已导出 {} 条记录到 {}";
    MsgBackedUp => "backup written to {}", "已备份到 {}";
    HkPalette => "commands (export, backup, undo, history)", "命令（导出、备份、撤销、改动记录）";
    HkUndo => "undo the last change", "撤销最近一次改动";
    HkHistory => "history of the selected record", "所选记录的改动记录";
    StoreUndoChanged => "cannot undo the last change: {} #{} has been changed since", "无法撤销上一次修改：{} #{} 此后已被改动";
    StoreUndoBroken => "cannot undo the last change to {} #{}", "无法撤销对{} #{}的上一次修改";
    StoreUndoUnknown => "cannot undo the last change to {} #{}: this kind of change cannot be undone", "无法撤销对{} #{}的上一次修改：此类修改不能撤销";
    StoreUndoBecause => "{}: {}", "{}：{}";

    // ---- entity names
    EUnit => "unit", "单位";
    ECase => "case", "案件";
    ESuggestion => "suggestion", "检察建议";
    EFollowUp => "follow-up record", "督促落实记录";
    EActivity => "prevention activity", "预防工作";
    EPlan => "annual plan", "年度工作计划";

    // ---- forms
    FormHint => "Tab next · Ctrl-S save · Esc cancel", "Tab 下一项 · Ctrl-S 保存 · Esc 取消";
    FormHintDate => "t today · +N in N days · -N N days ago", "t 今天 · +N 为N天后 · -N 为N天前";
    FormHintChoice => "←/→ change", "←/→ 切换";
    FormHintFlag => "Space toggle", "空格 切换";
    FormHintMultiline => "Enter new line", "Enter 换行";
    FormHintPick => "type to search · Space list all", "输入以查找 · 空格 列出全部";
    FormHintPickOpen => "↑/↓ move · Enter/Space pick · Esc close list · Tab next", "↑/↓ 移动 · Enter/空格 选定 · Esc 关闭列表 · Tab 下一项";
    FormSearch => "search:", "查找：";
    FormNoMatch => "no match", "无匹配项";
    FormFixErrors => "Please correct the fields marked !", "请更正标有 ! 的项目";
    ErrBadNumber => "{}: \"{}\" is not a whole number", "{}：“{}”不是整数";
    ErrBadMoney => "{}: \"{}\" is not an amount in yuan (e.g. 12345.67 or 1.2万)", "{}：“{}”不是金额（如 12345.67 或 1.2万）";

    // ---- issue 16: search
    FindUnits => "Units", "单位";
    FindCases => "Cases", "案件";
    FindSuggestions => "Suggestions", "检察建议";
    FindActivities => "Prevention work", "预防工作";
    FindFollowUps => "Follow-up records", "督促落实记录";
    FindGroup => "{} ({})", "{}（{}）";
    FindGroupSome => "{} ({}, the best {} shown)", "{}（{}，显示最匹配的 {} 条）";
    FindNothing => "nothing found for \"{}\"", "未找到与“{}”相关的记录";
    FindColNumber => "Number / name", "编号／名称";
    FindColAbout => "About", "内容";
    FindColState => "State", "状态";
    FindColDate => "Date", "日期";
    // ---- issue 17: measures as items, documents from the record, the check before issue
    ErrMeasure => "measure {}: {}", "第{}项措施：{}";
    FMeasureItems => "answers by measure", "逐项落实情况";
    FStatesByHand => "states set by hand", "手动设定采纳与整改情况";
    DocReadTemplate => "cannot read the template {}: {}", "无法读取模板 {}：{}";
    DocTplError => "template {}, line {}: {}", "模板 {} 第{}行：{}";
    DocTplDirective => "unknown directive @{}", "未知的指令 @{}";
    DocTplPlaceholder => "unknown value {{{}}}", "未知的取值 {{{}}}";
    DocTplAlone => "{{{}}} is several paragraphs and must stand alone on its line", "{{{}}} 是多段内容，须单独成行";
    DocTplUnclosed => "@table without @end", "@table 缺少 @end";
    DocTplStrayEnd => "@end without @table", "@end 前没有 @table";
    DocBuild => "cannot build the Word file: {}", "无法生成 Word 文件：{}";
    DocExists => "{} already exists: choose another --out, or add --force to replace it", "{} 已存在：请另选 --out，或加 --force 替换";
    DocNotAFile => "{} is not a regular file: nothing was written", "{} 不是普通文件：未写入";
    DocWritten => "wrote {}", "已写入 {}";
    DocBadKind => "unknown document \"{}\": suggestion, urging, visit or analysis", "未知的文书“{}”：可选 suggestion、urging、visit 或 analysis";
    DocBadFormat => "unknown format \"{}\": docx or md", "未知的格式“{}”：可选 docx 或 md";
    DocNoSuchDocNo => "no suggestion has the document number {}", "没有文号为 {} 的检察建议";
    DocNoSuchCase => "no case has the case number {}", "没有案号为 {} 的案件";
    DocNotOverdue => "{} is not overdue ({}): an urging letter is for an overdue reply", "{} 未逾期（{}）：催办函用于逾期未回复的检察建议";
    DocNotReplied => "{} has no reply yet ({}): a return visit follows the reply", "{} 尚未回复（{}）：回访在书面回复之后进行";
    IcTitle => "Before issue", "签发前检查";
    MwTitle => "{} · {} · measure {} of {}", "{} · {} · 第{}项措施（共{}项）";
    MwReply => "Record the reply", "登记回复";
    HsWalk => "Measure by measure", "逐项登记措施";
    HkWriteDocument => "write the document (Word, into documents/ beside the store)", "生成文书（Word，存于数据文件旁的 documents/）";
    HkWalkKeep => "leave this measure as it is", "本项保持不变";
    HkWalkBack => "back to the measure before", "返回上一项";
    HkWalkCancel => "cancel (nothing is written)", "取消（不写入）";
    MwSaved => "recorded, measure by measure: {}", "已逐项登记：{}";
    MwVisit => "What the visit found", "回访核实";
    MwHint => "letter/digit picks · Enter keeps · Backspace back · Esc cancels", "字母或数字选择 · Enter 不变 · Backspace 上一项 · Esc 取消";
    DocWarning => "warning: {}", "提示：{}";
    IcGroundedOk => "rests on a case or a preventive investigation", "有所依据的案件或预防调查";
    IcGrounded => "no linked case and no preventive investigation", "未关联案件，也无预防调查";
    IcBasisOk => "cites its legal basis", "写明了法律依据";
    IcBasis => "no legal basis cited (《…》 or 第…条) in the problems or measures", "存在的问题或建议措施中未写明法律依据（《…》或第…条）";
    IcMeasuresOk => "every measure names something a visit can verify", "每项措施都可核查";
    IcNoMeasures => "no measures suggested", "未写建议措施";
    IcMeasures => "measures {} are too short to verify (under {} characters)", "第{}项措施过于简短，难以核查（不足{}字）";
    IcReplyOk => "reply period as usual for this category", "回复期限符合本类建议的惯例";
    IcReply => "no stated reply deadline, though this office usually states one for this category", "本院此类检察建议通常写明回复期限，本件未写明";
    IcContactOk => "the recipient has a contact person", "被建议单位有联系人";
    IcContact => "the recipient unit has no contact person", "被建议单位未登记联系人";
    IcSequenceOk => "document number in sequence", "文号连续";
    IcSequence => "document number out of sequence: the next free one is {}", "文号不连续：下一个可用文号为 {}";
    // ---- issue 15: nothing lost, nothing leaked
    OutNotRegular => "{} is {}: yufang does not write there; give the name of a new file (or - for standard output)", "{} 是{}：yufang 不会写入此处；请给出新文件名（或用 - 输出到标准输出）";
    OutSymlink => "a symbolic link", "符号链接";
    OutFolder => "a folder", "文件夹";
    OutSpecial => "not a regular file (a device or a pipe)", "非普通文件（设备或管道）";
    OutExists => "{} already exists and is not an earlier yufang file of this kind: add --force to replace it, or choose another name", "{} 已存在，且不是 yufang 先前生成的同类文件：如要替换请加 --force，或另选文件名";
    OutCannotWrite => "cannot write {}: {}", "无法写入 {}：{}";
    StoreNotAFile => "it is not a regular file", "它不是普通文件";
    StoreEmptyFile => "it is an empty file, and yufang starts a new store only where no file exists", "它是空文件，而 yufang 只在没有文件的位置新建数据库";
    StoreNotSqlite => "it is not an SQLite database (or its first page is damaged: then restore it from a backup with yufang restore FILE)", "它不是 SQLite 数据库（或其首页已损坏：此时请用 yufang restore 文件 从备份恢复）";
    StoreNotYufang => "it is another program's SQLite database", "它是其他程序的 SQLite 数据库";
    StoreForeign => "{} is not a yufang store: {}. Nothing was changed; for a new store give --db the name of a file that does not exist yet", "{} 不是 yufang 数据库：{}。未作任何改动；如要新建数据库，请用 --db 指定一个尚不存在的文件名";
    StoreUnreadable => "the store {} is damaged ({}). Restore it from a backup: yufang restore FILE (the backups are in {})", "数据库 {} 已损坏（{}）。请从备份恢复：yufang restore 文件（备份在 {}）";
    StoreDamagedWrite => "the store {} is damaged ({}) and open read-only: nothing was saved. Quit and restore it from a backup: yufang restore FILE (the backups are in {})", "数据库 {} 已损坏（{}），现以只读方式打开：未作保存。请退出后从备份恢复：yufang restore 文件（备份在 {}）";
    StoreDamagedBanner => "DAMAGED STORE, READ-ONLY: nothing can be saved. Quit and restore a backup from {}: yufang restore FILE ({}: {})", "数据库已损坏，只读：无法保存。请退出后从 {} 恢复备份：yufang restore 文件（{}：{}）";
    StoreBusy => "another yufang is writing to {}: let it finish (or close it), then try again", "另一个 yufang 正在写入 {}：请待其完成（或将其关闭）后重试";
    StoreDiskFull => "the disk holding {} is full ({}): nothing was saved; free some disk space and try again", "{} 所在磁盘已满（{}）：未作保存；请腾出磁盘空间后重试";
    StorePermissions => "cannot write the store {} ({}): check that the file and its folder belong to you and are writable", "无法写入数据库 {}（{}）：请检查该文件及其文件夹是否属于您且可写";
    StoreOther => "store {}: {}", "数据库 {}：{}";
    StoreLooseMode => "run chmod 600 {}: other accounts on this computer can read it (mode {})", "请执行 chmod 600 {}：本机其他账户可以读取它（权限 {}）";
    StoreWaiting => "waiting for another yufang to finish writing…", "正在等待另一个 yufang 写入完成…";
    BakDamaged => "the store {} is damaged ({}): no backup was made, and the good backups are kept. Restore one: yufang restore FILE", "数据库 {} 已损坏（{}）：未作备份，已有的完好备份均予保留。请恢复其中一份：yufang restore 文件";
    RstOtherOpen => "another yufang has {} open: close it, then restore again (nothing was changed)", "另一个 yufang 正在使用 {}：请将其关闭后再恢复（未作任何改动）";
    DraftRestored => "the text you had not saved when yufang was stopped is back in the form: Ctrl-S saves it, Esc discards it", "yufang 被中止时尚未保存的内容已恢复到表单中：Ctrl-S 保存，Esc 放弃";
    CrashSaved => "yufang stopped on an internal error. Unsaved text was kept as a draft; a report is in {}", "yufang 因内部错误而中止。未保存的内容已存为草稿；报告见 {}";
    CfgRange => "config file {}: line {}: {} = {} is out of range (allowed: {} to {})", "配置文件 {}：第 {} 行：{} = {} 超出范围（允许 {} 至 {}）";
    CfgEmpty => "config file {}: line {}: {} must not be empty", "配置文件 {}：第 {} 行：{} 不能为空";
    CfgBadLang => "config file {}: line {}: lang = \"{}\" is not a language (zh or en)", "配置文件 {}：第 {} 行：lang = “{}”不是可用语言（zh 或 en）";
    CfgKey => "config file {}: line {}: {}: {}", "配置文件 {}：第 {} 行：{}：{}";
    CliTodayRange => "--today: {} is outside the years 1949 to 2100", "--today：{} 不在 1949 至 2100 年之间";
    // ---- issue 11: every key in the keymap (modal contexts and their help texts)
    HsForm => "In a form", "表单中";
    HsDatePicker => "Date picker", "日期选择";
    HsConfirm => "A question", "确认提问";
    HsHelp => "This help", "帮助窗口";
    HsHistory => "History window", "修改记录窗口";
    HsPalette => "Command palette", "命令面板";
    HsFilter => "Typing a filter", "输入筛选条件时";
    HkQuitNow => "quit at once (from a pane)", "立即退出（在页面上）";
    HkSave => "save", "保存";
    HkNextField => "next field", "下一项";
    HkPrevField => "previous field", "上一项";
    HkFieldDown => "next field (a list: down)", "下一项（列表中下移）";
    HkFieldUp => "previous field (a list: up)", "上一项（列表中上移）";
    HkNextOrSave => "next field; save on the last", "下一项；最后一项时保存";
    HkDatePicker => "pick the date from a calendar", "从日历选择日期";
    HkClearField => "clear the field up to the cursor", "清除光标前的内容";
    HkCancel => "cancel", "取消";
    HkPickToday => "today", "今天";
    HkPickDate => "choose this date", "选定此日期";
    HkYes => "yes", "是";
    HkNo => "no", "否";
    HkClose => "close", "关闭";
    HkRunCommand => "run the command", "执行命令";
    HkFilterDone => "keep the filter", "保留筛选";
    HkFilterClear => "clear the filter", "清除筛选";

    // ---- issue 12: the year in view (statistics and the annual report)
    StPeriodYear => "{}", "{}年度";
    StPeriodH1 => "the first half of {}", "{}年上半年";
    StPeriodH2 => "the second half of {}", "{}年下半年";
    StPeriodQuarter => "{} Q{}", "{}年第{}季度";
    StPeriodRange => "{} to {}", "{}至{}";
    StRateReply => "reply rate", "回复率";
    StRateAdoption => "adoption rate (of replies)", "采纳率（占回复数）";
    StRateAdoptionIssued => "adoption rate (of issued)", "采纳率（占制发数）";
    StRateOnTime => "on-time reply rate", "按期回复率";
    StRateRect => "rectification rate", "整改到位率";
    StRateVisit => "return-visit rate", "回访率";
    StBasisReply => "reply rate = suggestions replied in writing ÷ suggestions issued.", "回复率 = 已书面回复的检察建议数 ÷ 制发的检察建议数。";
    StBasisAdoption => "adoption rate (of replies) = replies adopting the suggestion fully or partly ÷ replies.", "采纳率（占回复数）= 采纳及部分采纳的回复数 ÷ 回复数。";
    StBasisAdoptionIssued => "adoption rate (of issued) = replies adopting the suggestion fully or partly ÷ suggestions issued (the denominator some official figures use).", "采纳率（占制发数）= 采纳及部分采纳的回复数 ÷ 制发的检察建议数（部分官方统计采用此口径）。";
    StBasisOnTime => "on-time reply rate = replies on or before the reply deadline ÷ replies.", "按期回复率 = 在回复期限内（含当日）回复的数量 ÷ 回复数。";
    StBasisRect => "rectification rate = replies whose rectification is recorded as complete ÷ replies.", "整改到位率 = 整改到位的数量 ÷ 回复数。";
    StBasisVisit => "return-visit rate = replies followed by a return visit or look-back check ÷ replies.", "回访率 = 回复后经回访或“回头看”的数量 ÷ 回复数。";
    StBandUnder10k => "under ¥10,000", "1万元以下";
    StBand10k => "¥10,000 to under ¥100,000", "1万元至不满10万元";
    StBand100k => "¥100,000 to under ¥500,000", "10万元至不满50万元";
    StBand500k => "¥500,000 to under ¥1,000,000", "50万元至不满100万元";
    StBandOver1m => "¥1,000,000 and over", "100万元以上";
    StBandUnknown => "amount not recorded", "未记录金额";
    StPoints => "{} pp", "{}个百分点";
    RpTitle => "Duty-crime prevention report, {} (draft)", "{}职务犯罪预防工作报告（草稿）";
    RpOfficeUnset => "(office name: set office_name in config.toml)", "（院名：请在 config.toml 中设置 office_name）";
    RpMetaPeriod => "Period: {} to {}; figures at the period's end taken on {}.", "统计期间：{}至{}；期末数字截至{}。";
    RpMetaPrevious => "Compared with: {} ({} to {}).", "对比期间：{}（{}至{}）。";
    RpNow => "this period", "本期";
    RpBefore => "a year earlier", "上年同期";
    RpChange => "change", "增减";
    RpFigure => "figure", "项目";
    RpRate => "rate", "比率";
    RpNotRecorded => "(not recorded)", "（未记录）";
    RpNotYet => "not yet", "尚未回复";
    RpSuggestionsIssued => "suggestions issued", "制发检察建议";
    RpIssuedNow => "issued", "制发";
    RpReplied => "replied", "已回复";
    RpAdopted => "adopted (fully or partly)", "采纳（含部分采纳）";
    RpFullyRectified => "fully rectified", "整改到位";
    RpVisited => "return visited", "已回访";
    RpOverdueAtEnd => "overdue at the period's end", "期末逾期未回复";
    RpUnreplied => "not replied yet", "尚未回复";
    RpWithdrawn => "withdrawn (not counted above)", "已撤回（不计入以上各项）";
    RpAverageDays => "average days from receipt to reply", "收到至回复平均天数";
    RpMedianDays => "median days from receipt to reply", "收到至回复天数中位数";
    RpDaysLine => "From receipt to reply took {} days on average (median {} days); a year earlier {} days (median {} days).", "从收到检察建议到书面回复，平均用时{}天，中位数{}天；上年同期平均{}天，中位数{}天。";
    RpSecOverview => "1. Overview", "一、总体情况";
    RpSecCases => "2. Cases and their characteristics", "二、案件情况及特点";
    RpSecWork => "3. Prevention work against the annual plan", "三、预防工作开展情况";
    RpSecSuggestions => "4. Procuratorial suggestions and their effect", "四、检察建议制发及效果";
    RpSecOpen => "5. Replies overdue and rectifications not complete at the period's end", "五、期末逾期未回复及整改未到位的检察建议";
    RpSecFocus => "6. Focus of prevention for the next year", "六、下一年度预防工作重点";
    RpSecNotes => "7. How the figures are counted", "七、统计口径说明";
    RpOverview => "In {} the office issued {} procuratorial suggestions ({} a year earlier, {}) and received {} written replies: reply rate {}; adoption rate (of replies) {}; rectification rate {}. {} duty-crime cases were filed ({} a year earlier), involving ¥{}; {} prevention activities were done ({} a year earlier).", "{}，本院共制发检察建议{}件（上年同期{}件，{}），收到书面回复{}件，回复率为{}；采纳率（占回复数）为{}，整改到位率为{}。期内受理职务犯罪案件{}件（上年同期{}件），涉案金额{}元；开展各类预防工作{}次（上年同期{}次）。";
    RpOverviewOpen => "On {}, {} replies were overdue and {} suggestions had no reply yet (listed in section 5).", "截至{}，逾期未回复{}件，尚未回复{}件（见第五部分）。";
    RpNoCases => "No case was filed in the period ({} a year earlier).", "期内无受理立案的职务犯罪案件（上年同期{}件）。";
    RpCasesTrend => "{} cases were filed in the period ({} a year earlier, {}). ", "期内受理职务犯罪案件{}件（上年同期{}件，{}）。";
    RpCasesTopCrime => "The most frequent crime was {} ({} cases, {} of all). ", "罪名以{}为主，{}件，占{}。";
    RpCasesTopIndustry => "Cases concentrated in {} ({} cases, {} of all). ", "案件集中在{}领域，{}件，占{}。";
    RpCasesAmount => "The amounts involved total ¥{} (a year earlier ¥{}).", "涉案金额合计{}元（上年同期{}元）。";
    RpTbCrime => "Cases by crime type", "案件罪名分布";
    RpTbCaseIndustry => "Cases by industry of the unit", "案件行业（系统）分布";
    RpTbAmount => "Cases by amount involved", "案件涉案金额分布";
    RpTbSource => "Cases by source", "案件来源";
    RpTbStage => "Cases by stage", "案件诉讼阶段";
    RpAmountBand => "amount involved", "涉案金额";
    RpPlanFound => "Work done against the annual work plan of {}:", "对照{}年度工作计划，预防工作完成情况如下：";
    RpPlanNone => "No annual work plan of {} is recorded; the work done is listed without targets.", "未录入{}年度工作计划，以下仅列完成数。";
    RpPlanSpans => "The period spans more than one year, so no annual target applies; the work done is listed.", "统计期间跨年度，不对照年度目标，以下仅列完成数。";
    RpPlanFocus => "Focus industries of the plan: {}.", "年度计划确定的重点行业：{}。";
    RpTbWork => "Prevention work against the plan", "预防工作完成情况";
    RpWorkKind => "work", "工作项目";
    RpDone => "done", "完成";
    RpTarget => "annual target", "年度目标";
    RpProgress => "done / target", "完成率";
    RpTbSuggestions => "Suggestions issued and their outcome", "检察建议制发及落实情况";
    RpTbRates => "Rates (numerator / denominator = percent)", "主要比率（分子 / 分母 = 百分比）";
    RpChartMonthly => "Suggestions issued and replied, by month of issue", "按签发月份统计的检察建议制发及回复数";
    RpTbCategory => "Suggestions by practice category", "检察建议类别";
    RpTbLegal => "Suggestions by legal type", "检察建议类型";
    RpTbMethod => "Suggestions by service method", "检察建议送达方式";
    RpTbIndustry => "Suggestions by industry of the recipient", "被建议单位行业（系统）";
    RpTbRegion => "Suggestions by region of the recipient", "被建议单位地区";
    RpNoOverdue => "No reply was overdue on {}.", "截至{}，无逾期未回复的检察建议。";
    RpOverdueIntro => "On {}, {} replies were overdue:", "截至{}，逾期未回复的检察建议{}件：";
    RpTbOverdue => "Replies overdue at the period's end", "期末逾期未回复的检察建议";
    RpReplyDue => "reply deadline", "回复期限";
    RpDaysAtEnd => "days overdue at the end", "期末逾期天数";
    RpRepliedSince => "replied since", "期后回复日期";
    RpNoOpenRect => "Every suggestion replied by {} was recorded as fully rectified.", "截至{}，已回复的检察建议均已整改到位。";
    RpOpenRectIntro => "On {}, the rectification of {} replied suggestions was not complete:", "截至{}，已回复但整改未到位的检察建议{}件：";
    RpTbOpenRect => "Rectifications not complete at the period's end", "期末整改未到位的检察建议";
    RpRectNow => "rectification recorded now", "目前整改情况";
    RpRiskNone => "No case with a unit of known industry was filed in the last {} years.", "近{}年无可归入行业（系统）的案件。";
    RpRiskTop => "Over the last {} years cases concentrated in: {}.", "近{}年，案件主要集中在{}等行业（系统）。";
    RpRiskFlagged => "In these industries cases recurred in the last {} years but no similar-cases or industry (system) suggestion was ever issued; they are proposed as the focus of prevention for the next year: {}.", "以下行业（系统）近{}年案件多发，但从未制发类案或行业（系统）检察建议，建议列为下一年度预防工作重点：{}。";
    RpTbRisk => "Industry risk table (cases of the last {} years)", "行业风险表（近{}年案件）";
    RpRiskCases => "cases", "案件数";
    RpKeyDemo => "key demonstration areas", "重点示范点";
    RpKeyContact => "key contact points", "重点联系点";
    RpRiskFlag => "note", "提示";
    RpRiskFlagText => "recurring, no similar-cases or industry suggestion", "案件多发，未制发类案或行业建议";
    RpNoteRule => "Period rule: a suggestion counts in the period of its issue date, and its reply, adoption, rectification and return visit count with it, whenever they came.", "统计口径：检察建议按签发日期计入统计期间，其回复、采纳、整改和回访情况随该建议计入同一期间，不论发生在何时。";
    RpNotePrevious => "\"A year earlier\" is the same period one year before (the previous year, or the same half, quarter or dates of the previous year).", "“上年同期”指上一年度的相同期间（上一年度，或上一年度的同一半年、季度或日期）。";
    RpNoteAsOf => "Figures \"at the period's end\" (overdue replies, rectifications not complete) are taken on the period's last day, or on the day of the report while the period is still running.", "“期末”数字（逾期未回复、整改未到位）按统计期间最后一日计；期间尚未结束的，按报告生成之日计。";
    RpNoteWithdrawn => "Withdrawn suggestions are counted on their own and left out of every other figure.", "已撤回的检察建议单独计数，不计入其他各项。";
    RpNoteDays => "Days to reply run from the date of receipt to the date of the written reply; the median is the middle value (the mean of the two middle values for an even count).", "回复用时自被建议单位收到之日起算至书面回复之日；中位数为居中的数值（数量为偶数时取居中两数的平均值）。";
    RpNoteCases => "Cases count in the period of their filing date; the industry is that of the unit involved; amounts are the recorded amounts involved.", "案件按受理（立案）日期计入统计期间；行业为涉案单位所属行业（系统）；金额为录入的涉案金额。";
    RpNoteWork => "Prevention work counts in the period of its completion date, against the annual target of the plan of that year.", "预防工作按完成日期计入统计期间，对照当年度工作计划的年度目标。";
    RpNoteRisk => "The industry risk table ranks industries by the cases filed in the last {} years up to the period's end; similar-cases and industry (system) suggestions are counted over all years up to the period's end; an industry is flagged when two or more cases occurred but no such suggestion was ever issued.", "行业风险表按截至期末近{}年受理的案件数排列；类案和行业（系统）检察建议按截至期末的全部年份计算；案件两件以上但从未制发此类建议的行业予以提示。";
    RpShSuggestions => "Suggestions", "检察建议";
    RpShRates => "Rates", "比率";
    RpShCategory => "By category", "按类别";
    RpShLegal => "By legal type", "按类型";
    RpShMethod => "By service method", "按送达方式";
    RpShIndustry => "By recipient industry", "按被建议单位行业";
    RpShRegion => "By recipient region", "按被建议单位地区";
    RpShCrime => "Cases by crime", "案件罪名";
    RpShCaseIndustry => "Cases by industry", "案件行业";
    RpShAmount => "Cases by amount", "涉案金额";
    RpShSource => "Cases by source", "案件来源";
    RpShStage => "Cases by stage", "诉讼阶段";
    RpShWork => "Prevention work", "预防工作";
    RpShOverdue => "Overdue at end", "期末逾期";
    RpShOpenRect => "Rectification open", "整改未到位";
    RpShRisk => "Industry risk", "行业风险";
    RpTotal => "total", "合计";
    RpCasesFiled => "cases filed", "受理案件";
    RpRollupTitle => "Duty-crime prevention figures of the offices, {} (draft)", "{}各院职务犯罪预防工作统计（草稿）";
    RpRollupIntro => "{}: the figures of {} offices side by side, each counted from its own records; the total adds the counts, so its rates are counted over the sum.", "{}，{}个院的统计数字并列如下，各院数字分别依其自身记录统计；合计栏为各院数量相加，其比率按合计数计算。";
    RpSecRollup => "Figures by office", "各院统计";
    RpTbRollup => "Suggestions, cases and rates by office", "各院检察建议、案件及主要比率";
    RpTbWorkRollup => "Prevention work done by office", "各院预防工作完成情况";
    RpDemoOffice => "Qingyuan County People's Procuratorate", "清源县人民检察院";
    RpCliBadPeriod => "report: give --year YYYY (with --half 1|2 or --quarter 1-4), or --from and --to with --from not after --to", "report：请指定 --year 年份（可加 --half 1|2 或 --quarter 1-4），或 --from 与 --to（起始日不得晚于截止日）";
    RpCliBadDate => "report: {} \"{}\" is not a date (YYYY-MM-DD)", "report：{} “{}”不是日期（YYYY-MM-DD）";
    RpCliBadFormat => "report: unknown format \"{}\" (md, html, docx, csv, xlsx or json)", "report：未知格式“{}”（可用 md、html、docx、csv、xlsx 或 json）";
    RpCliNoUnit => "report: no unit named \"{}\"", "report：没有名为“{}”的单位";
    RpCliOffice => "report: office {}: {}", "report：{}：{}";
    RpCliExists => "report: {} exists; choose another --out or add --force to replace it", "report：{}已存在；请另选 --out，或加 --force 覆盖";
    RpCliBinaryTty => "report: a Word or Excel file is not written to the terminal; give --out FILE (or redirect the output)", "report：Word 或 Excel 文件不输出到终端；请用 --out 指定文件（或重定向输出）";
    RpCliWritten => "report written to {}", "报告已写入{}";
    RpUp => "up {} ({})", "增加{}件，增长{}";
    RpDown => "down {} ({})", "减少{}件，下降{}";
    RpUpNew => "up {}", "增加{}件";
    RpSame => "unchanged", "持平";
    RpXlsNum => "{}: numerator", "{}：分子";
    RpXlsDen => "{}: denominator", "{}：分母";
    RpXlsPct => "{}: %", "{}：百分比";
    // ---- issue 14: settings, keys, themes, the shell around the app
    KyProblem => "config file {}: line {}: {}", "配置文件 {}：第 {} 行：{}";
    KyUnknownCtx => "[keys.{}] is no context (contexts: {})", "[keys.{}] 不是按键场景（可用场景：{}）";
    KyUnknownAction => "[keys.{}] {}: no such action", "[keys.{}] {}：没有这个操作";
    KyBadKey => "{}: \"{}\" is not a key (write e.g. \"R\", \"ctrl-s\", \"f4\", \"enter\", \"space\")", "{}：“{}”不是按键（可写如 \"R\"、\"ctrl-s\"、\"f4\"、\"enter\"、\"space\"）";
    KyNotInCtx => "[keys.{}] {}: that action has no key in this context", "[keys.{}] {}：该操作在此场景中没有按键";
    KyNoKeys => "[keys.{}] {}: no key given", "[keys.{}] {}：未给出按键";
    KyClash => "[keys.{}] {}: {} already does {}; the default key stays", "[keys.{}] {}：{} 已用于 {}，保留默认按键";

    // ---- issue 11: deadline standing
    DueOpen => "open", "未到期";
    DueLate => "late", "已逾期";
    DueMet => "met", "已办理";
    DuePending => "not yet running", "尚未起算";
    DueMoot => "no longer due", "无需办理";
    DlLookBack => "look-back check", "回头看";

    // ---- issue 13: ledgers (workbooks in and out, columns read by their values)
    FReplyState => "reply state", "回复状态";
    ImpColumnByValues => "column \"{}\" holds values such as \"{}\": read as {}", "列“{}”的内容如“{}”：按{}读入";
    ImpSameField => "columns \"{}\" ({}) and \"{}\" ({}) both mean {}: the first is read, the second fills its empty cells and must agree with it", "列“{}”（{}）和列“{}”（{}）都是{}：读入前者，后者只补前者的空白单元格，两者须一致";
    ImpTwinsDisagree => "\"{}\" is \"{}\" but \"{}\" is \"{}\": make them agree or clear one", "“{}”为“{}”，而“{}”为“{}”：请改为一致或清空其一";
    ImpServedInferred => "no service date: the date of receipt {} is taken as the service date", "未填送达日期：以收到日期 {} 作为送达日期";
    ImpServiceNeedsDate => "{}: \"{}\" needs a service date: fill in the service date (送达日期) or the date of receipt (收到日期)", "{}：“{}”须有送达日期：请填写送达日期或收到日期";
    ImpReplyStateNoDate => "{} says \"{}\" but there is no reply date: the reply date is left empty", "{}为“{}”，但未填回复日期：回复日期留空";
    ImpReplyStateContradicts => "{} says \"{}\" but the reply date is {}: correct one of them", "{}为“{}”，但回复日期为 {}：请更正其一";
    ImpPassedOverRow => "\"{}\" is not a record (a signature or total line): passed over", "“{}”不是记录（签名或合计行）：已跳过";
    ImpWbRead => "read as a workbook ({}): {} sheet, {} data rows", "按工作簿（{}）读取：{}表，{} 行数据";
    ImpWbOpen => "not a readable workbook ({}); open it in Excel, WPS or LibreOffice and save it again", "无法读取的工作簿（{}）；请在 Excel、WPS 或 LibreOffice 中打开后重新保存";
    ImpWbEncrypted => "the workbook is password-protected: save a copy without a password and import that", "工作簿设有密码：请另存一份不设密码的副本再导入";
    ImpWbNoSuchSheet => "--sheet: the workbook has no sheet \"{}\" (its sheets: {})", "--sheet：工作簿中没有名为“{}”的工作表（现有：{}）";
    ImpWbSheetPassed => "no units, cases or suggestions on this sheet (no known column headers in its first rows): passed over", "本工作表没有单位、案件或检察建议（前几行没有可识别的列名）：已跳过";
    ImpWbNoRecords => "no sheet of the workbook holds units, cases or suggestions (no known column headers in the first rows of any sheet)", "工作簿中没有任何工作表含单位、案件或检察建议（各表前几行都没有可识别的列名）";
    ImpWbTooWide => "the sheet has {} columns, more than the {} a ledger can have: delete the columns beyond the ledger's", "工作表有 {} 列，超过台账最多的 {} 列：请删除台账以外的列";
    ImpWbCellTooLong => "the cell holds {} characters, more than the {} a cell can hold", "单元格有 {} 个字符，超过单元格上限 {} 个";
    ImpWbCellError => "{}: the cell shows an error ({}): correct the formula or type the value", "{}：单元格显示错误（{}）：请更正公式或直接填写数值";
    ImpWbOtherEntity => "a yufang export sheet ({}): a workbook brings in units, cases and suggestions only (the JSON export moves everything): passed over", "yufang 导出的{}工作表：工作簿只导入单位、案件和检察建议（全部数据请用 JSON 导出迁移）：已跳过";
    ImpMappingBad => "--mapping {}: not a column mapping: {}", "--mapping {}：不是有效的列对应表：{}";
    ImpMappingSaved => "the column mapping was saved to {}: edit it if need be and import the next file of this shape with --mapping {}", "列对应关系已保存到 {}：如有需要可修改，下一个同样格式的文件导入时用 --mapping {}";
    LedSheet => "suggestion ledger", "检察建议台账";
    LedTitle => "Procuratorial suggestions ledger (as of {})", "检察建议台账（截至 {}）";
    LedMark => "overdue", "逾期";
    LedReplyDue => "reply deadline", "回复期限";
    LedState => "state", "状态";
    LedDaysOverdue => "days overdue", "逾期天数";
    ExpXlsxDone => "exported {} records to {}", "已导出 {} 条记录到 {}";
    ExpLedgerDone => "wrote the ledger of {} suggestions to {}", "已将 {} 件检察建议的台账写入 {}";
    ExpLedgerNeedsXlsx => "--ledger is a workbook: use it with --format xlsx", "--ledger 生成工作簿：请与 --format xlsx 一起使用";
    ExpExists => "{} already exists: choose another --out, or add --force to replace it", "{} 已存在：请换一个 --out，或加 --force 覆盖";
    // ---- issue 13: the import preview in the app
    CmdImport => "import a file (preview first)", "导入文件（先预览）";
    FormImport => "Import a file", "导入文件";
    FImportPath => "file (xlsx, xls, ods, csv, json)", "文件（xlsx、xls、ods、csv、json）";
    ImpPvTitle => "Import preview · {}", "导入预览 · {}";
    ImpPvColumns => "Columns (header → field: samples)", "列（表头 → 字段：示例值）";
    ImpPvColumn => "{} → {}: {}", "{} → {}：{}";
    ImpPvSkipped => "skipped", "不导入";
    ImpPvRecords => "Records", "记录";
    ImpPvCount => "{}: {} new, {} updated, {} already there", "{}：新增 {} 条，更新 {} 条，已有 {} 条";
    ImpPvProblems => "Problems ({}): nothing can be imported until they are fixed", "问题（{} 个）：改正之前不能导入";
    ImpPvNotes => "Notices", "提示";
    ImpPvNoColumns => "no spreadsheet columns (a JSON export is read as it is)", "没有表格列（JSON 导出文件按原样读取）";
    ImpPvWritten => "imported {} records from {}", "已导入 {} 条记录（来自 {}）";
    ImpPvMappingSaved => "the column mapping was saved to {} (use it with yufang import --mapping)", "列对应关系已保存到 {}（可用于 yufang import --mapping）";
    HsImport => "Import preview", "导入预览";
    HkImpRemap => "next field for the column", "换成下一个字段";
    HkImpSkip => "skip the column", "不导入此列";
    HkImpRun => "import", "导入";
    HkImpSaveMapping => "save the mapping", "保存对应关系";
    HkImpCancel => "cancel (nothing is written)", "取消（不写入）";
    // ---- issue 18: every screen as an officer reads it
    ErrNoSuchDay => "{} has no {}", "{}没有{}";
    ErrNoSuchMonth => "{} has no month {}", "{}年没有{}月";
    WhyCaseRow => "this row is a case: the key acts on a suggestion ({} drafts one for the case)", "这一行是案件：该键用于检察建议（按 {} 为该案起草建议）";
    WhyNeedsSuggestion => "select a suggestion first: the key acts on a suggestion", "请先选中一条检察建议：该键用于检察建议";
    WhyNeedsCase => "select a case first: the key acts on a case", "请先选中一个案件：该键用于案件";
    WhyCaseHasNoSuggestions => "this case has no suggestions yet: {} drafts one", "该案件尚无检察建议：按 {} 起草";
    WhyDayEmpty => "nothing is due on this day", "这一天没有到期事项";
    WhyNoSort => "this list has no sort order to change", "此列表不能更改排序";
    MsgReloadedOutside => "reloaded: the office was changed in another window", "已刷新：另一窗口修改了本院数据";
    StateShortUnserved => "unserved", "待送达";
    StateShortAwaiting => "awaiting", "待回复";
    StateShortDueSoon => "due soon", "临期";
    StateShortOverdue => "overdue", "逾期";
    WhyAlreadyThere => "already there", "已在此处";
    // ---- issue 12: the Plan & statistics pane and the three checks
    PaneStats => "Stats", "计划统计";
    HkPaneStats => "Plan & statistics", "计划与统计";
    HsStats => "Plan & statistics", "计划与统计";
    HkYearPrev => "year before", "上一年";
    HkYearNext => "year after", "下一年";
    StNoPlan => "No annual work plan for {} is recorded.", "未录入{}工作计划。";
    StNothing => "(none)", "（无）";
    StMonthly => "Suggestions issued (░) and replied (█), by month of issue", "按签发月份：制发（░）与已回复（█）";
    StRiskHeader => "industry · cases · similar-cases / industry suggestions · ⚑ no such suggestion", "行业 · 案件数 · 类案／行业建议数 · ⚑ 从未制发此类建议";
    StDrillShown => "{} records behind the figure; Esc returns to Plan & statistics", "该数字对应的记录共{}条；按 Esc 返回计划与统计";
    StPaneTitle => "Plan & statistics {} · figures on {}", "{}计划与统计 · 数字截至{}";
    StNoTarget => "no target", "未定目标";
    CkPlanExists => "Is an annual work plan recorded?", "是否已制定年度工作计划？";
    CkTargetsSet => "Are targets set for the prevention work and the suggestions?", "是否确定预防工作和检察建议的年度目标？";
    CkFocusCovers => "Is the plan built around the local pattern of cases (every flagged industry a focus)?", "计划是否围绕本地案件规律制定（提示行业均列为重点）？";
    CkSuggestionsIssued => "Have the suggestions been issued, against the target?", "检察建议是否按目标制发？";
    CkWorkDone => "Prevention work done against the target", "预防工作对照目标完成情况";
    CkReplies => "What is the reply?", "回复情况如何？";
    CkOverdueReplies => "Replies overdue", "逾期未回复";
    CkVisits => "Has a return visit been made?", "是否已回访？";
    CkRectified => "Has the rectification been completed?", "整改是否到位？";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_text_in_both_languages_with_matching_placeholders() {
        for k in K::ALL {
            assert!(!k.en().is_empty() && !k.zh().is_empty(), "{k:?}");
            assert_eq!(
                k.en().matches("{}").count(),
                k.zh().matches("{}").count(),
                "{k:?}"
            );
        }
    }

    #[test]
    fn locale_detection() {
        assert_eq!(Lang::from_locale(None, Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(
            Lang::from_locale(Some("en_US.UTF-8"), Some("zh_CN.UTF-8")),
            Lang::En
        );
        assert_eq!(Lang::from_locale(Some(""), Some("zh_TW")), Lang::Zh);
        assert_eq!(Lang::from_locale(None, None), Lang::En);
        assert_eq!(Lang::parse("ZH"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn fill_placeholders() {
        assert_eq!(Lang::En.f(K::DaysOverdue, &[&3]), "3 days overdue");
        assert_eq!(Lang::Zh.f(K::DaysOverdue, &[&3]), "逾期3天");
    }
}
