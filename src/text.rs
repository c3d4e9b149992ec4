//! Display-width text helpers: CJK characters take two cells, so widths are measured, never `len()`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(ch);
        w += cw;
    }
    // A number is never cut: a part of one reads as a different number (`10…` for 102), so the whole
    // number goes and the `…` says something was left out.
    if out.ends_with(|c: char| c.is_ascii_digit()) {
        let keep = out
            .trim_end_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/' | ':')
            })
            .len();
        out.truncate(keep);
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let tw = width(&t);
    format!("{t}{}", " ".repeat(w.saturating_sub(tw)))
}

/// `s` right-aligned in `w` cells.
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    format!("{}{t}", " ".repeat(w.saturating_sub(width(&t))))
}

/// A plain-text table whose columns line up by display width. `max` caps each column's width.
pub fn table(headers: &[&str], rows: &[Vec<String>], max: &[usize], indent: &str) -> String {
    let n = headers.len();
    let mut w: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            w[i] = w[i].max(width(c));
        }
    }
    for (i, m) in max.iter().enumerate().take(n) {
        w[i] = w[i].min(*m);
    }
    let line = |cells: Vec<&str>| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, w[i]))
            .collect();
        format!("{indent}{}", parts.join("  ").trim_end())
    };
    let mut out = vec![line(headers.to_vec())];
    for r in rows {
        out.push(line(r.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

/// Wraps prose into lines of at most `max` cells at the break opportunities of UAX #14 (`unicode-linebreak`):
/// between words and between CJK characters, never inside a word, a date or a number, and never before a
/// closing or pausing mark (、，。；：）」). A piece longer than a line is cut by cells as a last resort.
/// Hard newlines are kept; spaces at a break are dropped.
pub fn wrap_text(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    for (at, op) in unicode_linebreak::linebreaks(text) {
        let mandatory = op == unicode_linebreak::BreakOpportunity::Mandatory;
        // UAX #14 allows 2026年 | 5月 and 102 | 天: a number keeps its unit and a date its parts, so no
        // break touches a digit unless a space stands there.
        let prev = text[..at].chars().next_back();
        let next = text[at..].chars().next();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if !mandatory
            && at < text.len()
            && !prev.is_some_and(char::is_whitespace)
            && (digit(prev) || digit(next))
        {
            continue;
        }
        let piece = &text[start..at];
        start = at;
        let body = piece.trim_end_matches(['\n', '\r']);
        if width(cur.trim_end()) + width(body.trim_end()) > max && !cur.trim().is_empty() {
            lines.push(cur.trim_end().to_string());
            cur = String::new();
        }
        // A piece wider than a whole line: cut it by cells.
        let mut rest = body;
        if cur.is_empty() {
            rest = rest.trim_start_matches(' ');
        }
        while width(rest.trim_end()) > max {
            let mut w = 0;
            let cut = rest
                .char_indices()
                .find(|(_, c)| {
                    w += c.width().unwrap_or(0);
                    w > max
                })
                .map_or(rest.len(), |(i, _)| i);
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
        }
        cur.push_str(rest);
        if mandatory && at < text.len() {
            lines.push(cur.trim_end().to_string());
            cur = String::new();
        }
    }
    if !cur.trim_end().is_empty() || lines.is_empty() {
        lines.push(cur.trim_end().to_string());
    }
    lines
}

/// A suggestion title without the frame every title shares (`关于…的检察建议`), for lists where the frame
/// would fill the column: the detail shows the title whole.
pub fn title_core(title: &str) -> &str {
    let t = title.trim();
    let t = t.strip_prefix("关于").unwrap_or(t);
    let t = [
        "的检察建议",
        "的检察建议书",
        "检察建议书",
        "检察建议",
        "的建议",
    ]
    .iter()
    .find_map(|s| t.strip_suffix(s))
    .unwrap_or(t);
    if t.trim().is_empty() { title.trim() } else { t }
}

/// The county (or district, city, banner) an office's name begins with: 清源县人民检察院 → 清源县,
/// 北京市海淀区人民检察院 → 北京市海淀区.
pub fn county_of(office: &str) -> Option<&str> {
    let t = office.trim();
    if let Some(place) = t.strip_suffix("人民检察院")
        && place.ends_with(['县', '区', '市', '旗'])
    {
        return Some(place);
    }
    let (i, c) = t
        .char_indices()
        .take(12)
        .find(|(_, c)| matches!(c, '县' | '区' | '市' | '旗'))?;
    Some(&t[..i + c.len_utf8()])
}

/// A unit name without the office's own county prefix, for lists (清源县教育局 → 教育局); the name is kept
/// whole when nothing would be left.
pub fn without_prefix<'a>(name: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() {
        return name;
    }
    match name.strip_prefix(prefix) {
        Some(rest) if !rest.trim().is_empty() => rest,
        _ => name,
    }
}

/// Closing and pausing marks a Chinese line must not begin with.
pub const NO_LINE_START: &[char] = &[
    '、', '，', '。', '；', '：', '）', '」', '』', '》', '〕', '】', '！', '？', ',', '.', ';',
    ':', ')',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_widths() {
        assert_eq!(width("清源县"), 6);
        assert_eq!(truncate("清源县交通运输局", 7), "清源县…");
        // Never a part of a number: 逾期10… would read as ten days.
        assert_eq!(truncate("逾期102天", 8), "逾期…");
        assert_eq!(truncate("102 days", 3), "…");
        assert_eq!(truncate("102 days overdue", 9), "102 days…");
        assert_eq!(pad("县", 4), "县  ");
        assert_eq!(pad_left("12", 4), "  12");
        let t = table(
            &["A", "名称"],
            &[
                vec!["x".into(), "清源县".into()],
                vec!["长一点".into(), "b".into()],
            ],
            &[],
            "",
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "A       名称");
        assert_eq!(lines[1], "x       清源县");
        assert_eq!(lines[2], "长一点  b");
    }

    #[test]
    fn wrap_text_breaks_between_words_and_cjk_characters_only() {
        let en = wrap_text("reply due 2026-05-29 was not met; reload the list", 12);
        assert!(en.iter().all(|l| width(l) <= 12), "{en:?}");
        assert!(en.contains(&"2026-05-29".to_string()), "{en:?}");
        assert_eq!(
            en.join(" "),
            "reply due 2026-05-29 was not met; reload the list"
        );
        let zh = wrap_text(
            "清源县教育局已于2026年5月29日回复，部分采纳；整改情况待回访。",
            16,
        );
        assert!(zh.iter().all(|l| width(l) <= 16), "{zh:?}");
        for l in &zh {
            assert!(!l.starts_with(NO_LINE_START), "{zh:?}");
        }
        assert_eq!(
            zh.concat(),
            "清源县教育局已于2026年5月29日回复，部分采纳；整改情况待回访。"
        );
        assert!(zh.iter().any(|l| l.contains("2026年5月29日")), "{zh:?}");
        let n = wrap_text("已逾期102天，请催办", 8);
        assert!(n.iter().any(|l| l.contains("102天")), "{n:?}");
        assert_eq!(wrap_text("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap_text("", 10), vec![""]);
        // A word longer than the line is cut, not lost.
        assert_eq!(wrap_text("abcdefgh", 3).concat(), "abcdefgh");
    }

    #[test]
    fn list_forms_of_titles_and_unit_names() {
        assert_eq!(
            title_core("关于加强工程招投标监管的检察建议"),
            "加强工程招投标监管"
        );
        assert_eq!(title_core("Fix the ledger"), "Fix the ledger");
        assert_eq!(title_core("检察建议"), "检察建议");
        assert_eq!(county_of("清源县人民检察院"), Some("清源县"));
        assert_eq!(county_of("北京市海淀区人民检察院"), Some("北京市海淀区"));
        assert_eq!(county_of("清源县检察院"), Some("清源县"));
        assert_eq!(county_of("Qingyuan"), None);
        assert_eq!(without_prefix("清源县教育局", "清源县"), "教育局");
        assert_eq!(without_prefix("清源县", "清源县"), "清源县");
        assert_eq!(without_prefix("市教育局", ""), "市教育局");
    }
}
