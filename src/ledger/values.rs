//! Reading cell values as people type them in spreadsheets: text encodings, loose dates, yes/no, enum labels,
//! header spellings. Pure functions, no SQL.

use chrono::NaiveDate;

/// How a file's bytes were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GBK/GB18030",
        }
    }

    /// The encoding a byte-order mark at the start of `head` names, and the mark's length.
    pub fn from_bom(head: &[u8]) -> Option<(Encoding, usize)> {
        let (enc, len) = encoding_rs::Encoding::for_bom(head)?;
        let which = if enc == encoding_rs::UTF_8 {
            Encoding::Utf8Bom
        } else if enc == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        Some((which, len))
    }

    /// A decoder for the text after any byte-order mark; it refuses bytes that are not text in this encoding
    /// rather than replacing them, so a wrong guess shows.
    pub(crate) fn decoder(self) -> encoding_rs::Decoder {
        let enc = match self {
            Encoding::Utf8 | Encoding::Utf8Bom => encoding_rs::UTF_8,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Gb18030 => encoding_rs::GB18030,
        };
        enc.new_decoder_without_bom_handling()
    }
}

/// Decodes a spreadsheet export: a BOM wins (UTF-8, or UTF-16 as Excel's "Unicode text" writes), then valid
/// UTF-8, then GB18030 (a superset of GBK, what Chinese Excel and WPS write as "CSV"). `None` when the bytes
/// are neither. The import streams files through the same decoders in the same order.
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    let (first, skip) = Encoding::from_bom(bytes).unwrap_or((Encoding::Utf8, 0));
    let body = bytes.get(skip..).unwrap_or_default();
    let read = |enc: Encoding| super::text::Decoded::new(body, enc).into_string().ok();
    if let Some(text) = read(first) {
        return Some((text, first));
    }
    if skip > 0 {
        return None;
    }
    read(Encoding::Gb18030).map(|text| (text, Encoding::Gb18030))
}

/// Parses the date spellings found in spreadsheets: `2026-03-05`, `2026-3-5`, `2026/3/5`, `2026.3.5`,
/// `2026年3月5日`, `20260305`, with an optional time part after a space (`2026/3/5 0:00`, as Excel writes).
pub fn parse_date_loose(s: &str) -> Option<NaiveDate> {
    // One date reader for forms and imports: the domain's.
    crate::domain::dates::read_date(s).ok()
}

/// Yes/no cells: 是/否, Y/N, yes/no, true/false, 1/0, ✓/×; an empty cell is no.
pub fn parse_flag(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "否" | "n" | "no" | "false" | "0" | "×" | "✗" | "x" | "不是" | "无" => {
            Some(false)
        }
        "是" | "y" | "yes" | "true" | "1" | "√" | "✓" | "✔" | "有" => Some(true),
        _ => None,
    }
}

/// Tries a loose enum parser on the cell and on the spellings spreadsheets add: 受贿罪 (crime names with 罪),
/// 个案建议 / 个案检察建议, 社会治理 (without 检察建议).
pub fn parse_choice<T>(s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
    let t = s.trim();
    if let Some(v) = parse(t) {
        return Some(v);
    }
    for suffix in ["罪", "检察建议", "建议", "类"] {
        if let Some(v) = t.strip_suffix(suffix).and_then(&parse) {
            return Some(v);
        }
    }
    parse(&format!("{t}检察建议"))
}

/// Splits a list cell (copied-to units, linked cases): `；`, `;` or line breaks.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([';', '；', '\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A header reduced for matching: case, spaces, underscores, punctuation and full-width forms do not matter;
/// `*` (a "required" marker) is dropped.
pub fn norm_header(s: &str) -> String {
    s.trim_start_matches('\u{feff}')
        .chars()
        .filter_map(|c| match c {
            '（' => Some('('),
            '）' => Some(')'),
            '／' => Some('/'),
            c if c.is_whitespace() || "_-*:：.。·'\"“”‘’#＃、".contains(c) => None,
            c => Some(c.to_lowercase().next().unwrap_or(c)),
        })
        .collect()
}

/// The header without a parenthesised remark, e.g. `文号(必填)` -> `文号`.
pub fn strip_remark(norm: &str) -> Option<String> {
    let open = norm.find('(')?;
    let close = norm[open..].find(')')? + open;
    let out = format!("{}{}", &norm[..open], &norm[close + 1..]);
    (!out.is_empty() && out != norm).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn dates_in_every_spelling() {
        for s in [
            "2026-03-05",
            "2026-3-5",
            "2026/3/5",
            "2026.3.5",
            "2026年3月5日",
            "2026年03月05号",
            " 20260305 ",
            "2026/3/5 0:00:00",
            "2026-03-05T00:00:00",
        ] {
            assert_eq!(parse_date_loose(s), d("2026-03-05"), "{s}");
        }
        for s in [
            "",
            "2026-13-01",
            "2026/2/30",
            "26/3/5",
            "3/5/2026",
            "明天",
            "2026年3月",
        ] {
            assert_eq!(parse_date_loose(s), None, "{s}");
        }
    }

    #[test]
    fn encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("文号,被建议单位\n");
        assert_eq!(
            decode(&gbk),
            Some(("文号,被建议单位\n".to_string(), Encoding::Gb18030))
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("案号".as_bytes());
        assert_eq!(decode(&bom), Some(("案号".to_string(), Encoding::Utf8Bom)));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "案号\t".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16),
            Some(("案号\t".to_string(), Encoding::Utf16Le))
        );
        assert_eq!(decode(b"plain"), Some(("plain".into(), Encoding::Utf8)));
    }

    #[test]
    fn headers_and_cells() {
        assert_eq!(norm_header("\u{feff} Document_Number* "), "documentnumber");
        assert_eq!(norm_header("涉案金额（元）"), "涉案金额(元)");
        assert_eq!(strip_remark("文号(必填)").as_deref(), Some("文号"));
        assert_eq!(parse_flag("是"), Some(true));
        assert_eq!(parse_flag(""), Some(false));
        assert_eq!(parse_flag("maybe"), None);
        assert_eq!(
            split_list("甲局；乙局;\n丙局"),
            vec!["甲局", "乙局", "丙局"]
        );
        use crate::domain::{Category, CrimeType, LegalType};
        assert_eq!(
            parse_choice("受贿罪", CrimeType::parse_loose),
            Some(CrimeType::BribeTaking)
        );
        assert_eq!(
            parse_choice("社会治理", LegalType::parse_loose),
            Some(LegalType::SocialGovernance)
        );
        assert_eq!(
            parse_choice("类案建议", Category::parse_loose),
            Some(Category::Similar)
        );
    }
}
