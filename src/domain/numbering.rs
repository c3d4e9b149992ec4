//! Measures texts cut at their numbering (一、… 二、… / 1. 2. / （一）…) and numbered again for a document.

/// A numbering style of measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// 一、二、三、
    CnComma,
    /// 一是…二是…
    CnIs,
    /// （一）（二）, also with ASCII parentheses
    CnParen,
    /// 1. 2. (also the full-width ．)
    ArDot,
    /// 1、2、
    ArComma,
    /// （1）（2）, also with ASCII parentheses
    ArParen,
    /// 1）2） or 1) 2)
    ArClose,
}

const STYLES: [Style; 7] = [
    Style::CnComma,
    Style::CnIs,
    Style::CnParen,
    Style::ArDot,
    Style::ArComma,
    Style::ArParen,
    Style::ArClose,
];

impl Style {
    /// The marker at the start of `s`: its number and its length in bytes.
    fn parse(self, s: &str) -> Option<(u32, usize)> {
        match self {
            Style::CnComma => cn_number(s).and_then(|(n, l)| after(s, l, &['、']).map(|m| (n, m))),
            Style::CnIs => cn_number(s).and_then(|(n, l)| after(s, l, &['是']).map(|m| (n, m))),
            Style::CnParen => {
                let open = after(s, 0, &['（', '('])?;
                let (n, l) = cn_number(&s[open..])?;
                let close = after(s, open + l, &['）', ')'])?;
                Some((n, after(s, close, &['、']).unwrap_or(close)))
            }
            Style::ArDot => {
                let (n, l) = ar_number(s)?;
                let m = after(s, l, &['.', '．'])?;
                // 1.5万元 is an amount, not a measure.
                let digit_follows = s[m..].chars().next().is_some_and(is_digit);
                (!digit_follows).then_some((n, m))
            }
            Style::ArComma => ar_number(s).and_then(|(n, l)| after(s, l, &['、']).map(|m| (n, m))),
            Style::ArParen => {
                let open = after(s, 0, &['（', '('])?;
                let (n, l) = ar_number(&s[open..])?;
                let close = after(s, open + l, &['）', ')'])?;
                Some((n, after(s, close, &['、']).unwrap_or(close)))
            }
            Style::ArClose => {
                ar_number(s).and_then(|(n, l)| after(s, l, &['）', ')']).map(|m| (n, m)))
            }
        }
    }
}

/// The byte offset after the char at `at` when it is one of `chars`.
fn after(s: &str, at: usize, chars: &[char]) -> Option<usize> {
    let c = s.get(at..)?.chars().next()?;
    chars.contains(&c).then(|| at + c.len_utf8())
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        c.to_digit(10)
    } else if ('０'..='９').contains(&c) {
        Some(u32::from(c) - u32::from('０'))
    } else {
        None
    }
}

/// One or two digits (ASCII or full-width) at the start of `s`.
fn ar_number(s: &str) -> Option<(u32, usize)> {
    let mut n = 0;
    let mut len = 0;
    for (count, c) in s.chars().enumerate() {
        let Some(v) = digit_value(c) else { break };
        if count == 2 {
            return None;
        }
        n = n * 10 + v;
        len += c.len_utf8();
    }
    (len > 0 && n > 0).then_some((n, len))
}

const CN_DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn cn_digit(c: char) -> Option<u32> {
    CN_DIGITS
        .iter()
        .position(|d| *d == c)
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// A Chinese numeral from 一 to 九十九 at the start of `s`.
fn cn_number(s: &str) -> Option<(u32, usize)> {
    let chars: Vec<char> = s.chars().take(3).collect();
    let len = |k: usize| chars[..k].iter().map(|c| c.len_utf8()).sum::<usize>();
    match chars.as_slice() {
        [a, '十', b, ..] if cn_digit(*a).is_some() && cn_digit(*b).is_some() => {
            Some((cn_digit(*a)? * 10 + cn_digit(*b)?, len(3)))
        }
        [a, '十', ..] if cn_digit(*a).is_some() => Some((cn_digit(*a)? * 10, len(2))),
        ['十', b, ..] if cn_digit(*b).is_some() => Some((10 + cn_digit(*b)?, len(2))),
        ['十', ..] => Some((10, len(1))),
        [a, ..] => cn_digit(*a).map(|n| (n, len(1))),
        [] => None,
    }
}

/// The Chinese numeral of `n` (1 to 99; larger numbers in digits), as a document numbers its items.
pub fn cn_numeral(n: usize) -> String {
    let digit = |d: usize| CN_DIGITS[d - 1].to_string();
    match n {
        1..=9 => digit(n),
        10 => "十".into(),
        11..=19 => format!("十{}", digit(n - 10)),
        20..=99 if n.is_multiple_of(10) => format!("{}十", digit(n / 10)),
        20..=99 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        _ => n.to_string(),
    }
}

/// Byte offsets where a numbering marker may begin: the start of the text, of a line, or of a clause after
/// ；。：，！？ (a marker in the middle of a word, 统一、规范, is no marker).
fn boundaries(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut open = true;
    for (i, c) in text.char_indices() {
        if c == '\n' || c == '\r' {
            open = true;
        } else if c.is_whitespace() {
        } else if matches!(
            c,
            '；' | ';' | '。' | '：' | ':' | '，' | ',' | '！' | '!' | '？' | '?'
        ) {
            open = true;
        } else {
            if open {
                out.push(i);
            }
            open = false;
        }
    }
    out
}

/// One numbered item of a text, as raw slices: marker and body together rebuild the text exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    pub marker: &'a str,
    pub body: &'a str,
}

impl Piece<'_> {
    /// The measure's own words: no surrounding space, no clause separator at the end.
    pub fn text(&self) -> String {
        clean(self.body)
    }
}

fn clean(s: &str) -> String {
    s.trim()
        .trim_end_matches(['；', ';', '，', ','])
        .trim()
        .to_string()
}

/// A measures text cut at its numbering: `lead` (the words before the first number) and the items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub lead: &'a str,
    pub style: Option<Style>,
    pub pieces: Vec<Piece<'a>>,
}

impl Split<'_> {
    /// The text again, exactly.
    pub fn rejoin(&self) -> String {
        let mut s = self.lead.to_string();
        for p in &self.pieces {
            s.push_str(p.marker);
            s.push_str(p.body);
        }
        s
    }
}

/// Cuts `text` at its numbering: the first marker numbered 1 (in any style) at a clause boundary fixes the
/// style, then each next number of that style at a boundary starts the next item. Nested items of another
/// style stay inside their parent. A text without numbering is one item, whole.
pub fn split(text: &str) -> Split<'_> {
    let cands = boundaries(text);
    let first = cands.iter().enumerate().find_map(|(i, &p)| {
        STYLES.iter().find_map(|st| match st.parse(&text[p..]) {
            Some((1, len)) => Some((i, p, *st, len)),
            _ => None,
        })
    });
    let Some((i0, p0, style, len0)) = first else {
        return whole(text);
    };
    // (start of marker, end of marker) for each item.
    let mut marks = vec![(p0, p0 + len0)];
    for &p in &cands[i0 + 1..] {
        let (_, end) = marks[marks.len() - 1];
        if p < end {
            continue;
        }
        if let Some((n, len)) = style.parse(&text[p..])
            && n as usize == marks.len() + 1
        {
            marks.push((p, p + len));
        }
    }
    let pieces = marks
        .iter()
        .enumerate()
        .map(|(k, &(start, end))| {
            let next = marks.get(k + 1).map_or(text.len(), |m| m.0);
            Piece {
                marker: &text[start..end],
                body: &text[end..next],
            }
        })
        .collect();
    Split {
        lead: &text[..p0],
        style: Some(style),
        pieces,
    }
}

fn whole(text: &str) -> Split<'_> {
    if text.trim().is_empty() {
        Split {
            lead: text,
            style: None,
            pieces: Vec::new(),
        }
    } else {
        Split {
            lead: "",
            style: None,
            pieces: vec![Piece {
                marker: "",
                body: text,
            }],
        }
    }
}

/// The measures' own words, in order (empty items left out).
pub fn items(text: &str) -> Vec<String> {
    split(text)
        .pieces
        .iter()
        .map(Piece::text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The words before the first numbered item ("针对上述问题，建议："), if any.
pub fn lead(text: &str) -> String {
    clean(split(text).lead)
}

/// A measures text from items, one per line, numbered 一、二、三、.
pub fn join(items: &[String]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}、{}", cn_numeral(i + 1), t))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_each_numbering_style() {
        let cases: &[(&str, &[&str])] = &[
            (
                "一、落实不相容岗位分离，U盾、密码分人保管；二、升级国库支付系统；三、建立月度对账和季度抽查制度；四、开展以案促改专题警示教育。",
                &[
                    "落实不相容岗位分离，U盾、密码分人保管",
                    "升级国库支付系统",
                    "建立月度对账和季度抽查制度",
                    "开展以案促改专题警示教育。",
                ],
            ),
            (
                "一、健全制度。\n二、强化监督。\n三、加强教育。",
                &["健全制度。", "强化监督。", "加强教育。"],
            ),
            (
                "（一）完善审批流程；（二）建立台账；（三）定期公开。",
                &["完善审批流程", "建立台账", "定期公开。"],
            ),
            (
                "(一)完善审批流程\n(二)建立台账",
                &["完善审批流程", "建立台账"],
            ),
            (
                "1. 完善内控制度；\n2. 资金支付双人审核，单笔1.5万元以上集体研究；\n3. 每季度对账。",
                &[
                    "完善内控制度",
                    "资金支付双人审核，单笔1.5万元以上集体研究",
                    "每季度对账。",
                ],
            ),
            ("1、建立台账；2、定期检查。", &["建立台账", "定期检查。"]),
            ("１．建立台账\n２．定期检查", &["建立台账", "定期检查"]),
            ("（1）建立台账；（2）定期检查", &["建立台账", "定期检查"]),
            ("1）建立台账；2）定期检查", &["建立台账", "定期检查"]),
            (
                "一是加强制度建设，二是强化监督制约，三是深化警示教育。",
                &["加强制度建设", "强化监督制约", "深化警示教育。"],
            ),
            (
                "针对上述问题，建议：\n一、统一、规范审批；\n二、加强监督。",
                &["统一、规范审批", "加强监督。"],
            ),
            (
                "一、加强管理：（一）建立台账；（二）定期对账。二、强化监督。",
                &["加强管理：（一）建立台账；（二）定期对账。", "强化监督。"],
            ),
        ];
        for (text, want) in cases {
            let got = items(text);
            assert_eq!(got, *want, "{text}");
            assert_eq!(split(text).rejoin(), *text);
        }
        assert_eq!(
            lead("针对上述问题，建议：\n一、甲；二、乙"),
            "针对上述问题，建议："
        );
        let many: Vec<String> = (1..=12).map(|i| format!("措施{i}")).collect();
        assert_eq!(items(&join(&many)), many);
    }

    #[test]
    fn keeps_text_whole_where_it_cannot_split() {
        for text in [
            "建议加强资金监管，完善内部控制。",
            "二、只有第二项；三、第三项",
            "资金1.5万元；2.3万元",
        ] {
            assert_eq!(items(text), vec![text.trim_end_matches('；').to_string()]);
            assert_eq!(split(text).rejoin(), text);
        }
        assert!(items("  \n ").is_empty());
        assert!(items("").is_empty());
    }

    #[test]
    fn numerals() {
        assert_eq!(
            [1, 9, 10, 11, 20, 21, 99, 100].map(cn_numeral),
            ["一", "九", "十", "十一", "二十", "二十一", "九十九", "100"]
        );
        for n in 1..=99u32 {
            let s = format!("{}、", cn_numeral(n as usize));
            assert_eq!(Style::CnComma.parse(&s).map(|x| x.0), Some(n));
        }
    }

    /// Text that holds no clause boundary followed by a marker, so it can sit inside an item.
    fn words() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[加强管理制度监督资金统一二三、1-9.a-z ]{1,12}")
            .unwrap()
            .prop_map(|s| format!("措{s}施"))
    }

    proptest! {
        #[test]
        fn any_text_rejoins_exactly(text in "[一二三十、。；：，（）()1-9.．\n 甲乙丙a是]{0,40}") {
            prop_assert_eq!(split(&text).rejoin(), text);
        }

        #[test]
        fn numbered_items_split_back(
            list in proptest::collection::vec(words(), 1..15),
            style in 0usize..6,
            sep in prop_oneof![Just("；"), Just("\n"), Just("；\n"), Just("，")],
        ) {
            let text: String = list
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let n = i + 1;
                    let marker = match style {
                        0 => format!("{}、", cn_numeral(n)),
                        1 => format!("（{}）", cn_numeral(n)),
                        2 => format!("{n}. "),
                        3 => format!("{n}、"),
                        4 => format!("（{n}）"),
                        _ => format!("{n}）"),
                    };
                    format!("{marker}{t}")
                })
                .collect::<Vec<_>>()
                .join(sep);
            let got = items(&text);
            let want: Vec<String> = list.iter().map(|t| t.trim().to_string()).collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(split(&text).rejoin(), text);
        }
    }
}
