//! The generator's vocabulary: place names, departments, people, titles and short texts, combined so that
//! names are unique and rows read like an office's records.

use crate::domain::UnitLevel;

/// Characters of place names (county, district, town), combined two or more at a time.
pub const PLACE_CHARS: &[&str] = &[
    "清", "源", "安", "平", "永", "宁", "长", "乐", "兴", "华", "新", "丰", "东", "西", "南", "北",
    "阳", "山", "河", "江", "湖", "泉", "林", "石", "云", "桥", "溪", "和", "泰", "昌", "德", "福",
    "嘉", "鹤", "青", "松", "桃", "梅", "龙", "凤",
];

/// County-level place suffixes.
pub const PLACE_SUFFIX: &[&str] = &["县", "区", "市"];

/// A department of a county-level place: name, industry (system), level.
pub struct Dept {
    pub name: &'static str,
    pub industry: &'static str,
    pub level: UnitLevel,
}

const fn dept(name: &'static str, industry: &'static str, level: UnitLevel) -> Dept {
    Dept {
        name,
        industry,
        level,
    }
}

/// The units a county has; a town government's name is built from [`TOWNS`].
pub const DEPTS: &[Dept] = &[
    dept("交通运输局", "交通运输", UnitLevel::County),
    dept("财政局", "财政", UnitLevel::County),
    dept("自然资源局", "自然资源", UnitLevel::County),
    dept("住房和城乡建设局", "住房城乡建设", UnitLevel::County),
    dept("水利局", "水利", UnitLevel::County),
    dept("农业农村局", "农业农村", UnitLevel::County),
    dept("卫生健康局", "卫生健康", UnitLevel::County),
    dept("教育局", "教育", UnitLevel::County),
    dept("民政局", "民政", UnitLevel::County),
    dept(
        "人力资源和社会保障局",
        "人力资源社会保障",
        UnitLevel::County,
    ),
    dept("生态环境局", "生态环境", UnitLevel::County),
    dept("市场监督管理局", "市场监管", UnitLevel::County),
    dept("公安局", "公安", UnitLevel::County),
    dept("医疗保障局", "医疗保障", UnitLevel::County),
    dept("林业局", "林业", UnitLevel::County),
    dept("粮食和物资储备局", "粮食储备", UnitLevel::County),
    dept("审计局", "审计", UnitLevel::County),
    dept("商务局", "商务", UnitLevel::County),
    dept("文化和旅游局", "文化旅游", UnitLevel::County),
    dept("应急管理局", "应急管理", UnitLevel::County),
    dept("城市管理局", "城市管理", UnitLevel::County),
    dept("退役军人事务局", "退役军人事务", UnitLevel::County),
    dept("发展和改革局", "发展改革", UnitLevel::County),
    dept("统计局", "统计", UnitLevel::County),
    dept("人民医院", "卫生健康", UnitLevel::Other),
    dept("中医院", "卫生健康", UnitLevel::Other),
    dept("第一中学", "教育", UnitLevel::Other),
    dept("供电公司", "电力", UnitLevel::Enterprise),
    dept("城市建设投资有限公司", "国有企业", UnitLevel::Enterprise),
    dept("农村信用合作联社", "金融", UnitLevel::Enterprise),
];

/// Town names; `{place}{town}镇人民政府` completes a county's units.
pub const TOWNS: &[&str] = &[
    "城关", "石桥", "河口", "新城", "白沙", "柳林", "双河", "大坪", "龙泉", "黄土",
];

/// Units per county: the departments, then one government per town.
pub fn units_per_place() -> usize {
    DEPTS.len() + TOWNS.len()
}

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];

pub const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "华", "平", "刚", "桂英", "建国", "志强", "海燕", "文", "斌", "红", "玉兰", "辉",
];

pub const POSTS: &[&str] = &[
    "原局长",
    "原副局长",
    "财务科科长",
    "出纳",
    "项目负责人",
    "村党支部书记",
    "村委会主任",
    "办公室主任",
    "工程科科长",
    "会计",
    "站长",
    "所长",
    "院长",
    "校长",
    "经理",
];

pub const VERBS: &[&str] = &["加强", "规范", "完善", "健全", "严格"];

/// Areas of work a suggestion is about.
pub const AREAS: &[&str] = &[
    "工程招投标",
    "专项资金",
    "财务报销",
    "公务用车",
    "政府采购",
    "惠农补贴发放",
    "征地拆迁补偿",
    "医保基金",
    "城乡低保资金",
    "扶贫项目资金",
    "国有资产",
    "土地出让",
    "办公用房",
    "公款存放",
    "涉农资金",
    "教育经费",
    "药品耗材采购",
    "环境执法",
    "行政审批",
    "安全生产监管",
    "工程质量监督",
    "养老服务补贴",
];

pub const ASPECTS: &[&str] = &[
    "管理",
    "监管",
    "监督",
    "内部控制",
    "廉政风险防控",
    "制度建设",
];

pub const PROBLEMS: &[&str] = &[
    "审批把关不严",
    "资金拨付不规范",
    "财务制度执行不到位",
    "关键岗位缺乏轮岗",
    "监督检查流于形式",
    "账目管理混乱",
    "合同签订随意",
    "档案资料缺失",
    "公示制度落实不到位",
    "一人多岗、权力集中",
    "验收程序走过场",
    "台账登记不及时",
];

pub const MEASURES: &[&str] = &[
    "建立健全内部监督制约机制",
    "开展专项清理检查",
    "落实关键岗位定期轮岗",
    "加强警示教育",
    "完善资金审批流程",
    "推行信息公开",
    "追缴违规资金",
    "严格执行财务制度",
    "建立项目全过程台账",
];

pub const REPLIES: &[&str] = &[
    "已召开专题会议研究整改",
    "已制定整改方案并逐项落实",
    "已修订相关管理制度",
    "已开展专项清理",
    "已对相关责任人作出处理",
    "已组织全员警示教育",
];

pub const SUMMARY_ACTS: &[&str] = &[
    "利用职务便利收受他人财物",
    "侵吞项目资金",
    "挪用公款用于个人营利活动",
    "违规审批造成国家损失",
    "玩忽职守致使公共财产遭受重大损失",
    "虚报冒领补贴资金",
];

pub const FOLLOW_METHODS: &[&str] = &["电话", "实地", "书面", "座谈"];

pub const FOLLOW_RECORDS: &[&str] = &[
    "了解整改进展",
    "督促按期书面回复",
    "查看整改台账和制度文件",
    "听取整改情况汇报",
    "核实整改措施落实情况",
];

pub const ACTIVITY_TITLES: &[&str] = &[
    "警示教育大会",
    "预防职务犯罪专题讲座",
    "廉政法治宣传进机关",
    "典型案例剖析会",
    "重点岗位人员集体约谈",
    "预防咨询座谈",
    "行贿犯罪档案查询",
    "预防工作调研",
];
