//! Document numbers of suggestions, `X检建〔2026〕3号` (GB/T 9704-2012: full year in 〔〕, no 第, no leading zeros).

use std::fmt;

/// A parsed document number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DocNo {
    pub prefix: String,
    pub year: i32,
    pub seq: u32,
}

impl fmt::Display for DocNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〔{}〕{}号", self.prefix, self.year, self.seq)
    }
}

impl DocNo {
    /// Parses the canonical form and the variants people type: `[]`, `()`, `（）`, `【】`, `〔〕`, an optional 第,
    /// leading zeros, surrounding spaces. The result formats back in the canonical form.
    pub fn parse(s: &str) -> Option<DocNo> {
        let s = s.trim();
        let open = s
            .char_indices()
            .find(|(_, c)| matches!(c, '〔' | '[' | '(' | '（' | '【' | '［'))?;
        let prefix = s[..open.0].trim();
        let rest = &s[open.0 + open.1.len_utf8()..];
        let close = rest
            .char_indices()
            .find(|(_, c)| matches!(c, '〕' | ']' | ')' | '）' | '】' | '］'))?;
        let year_text = rest[..close.0].trim();
        if year_text.len() != 4 || !year_text.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let mut tail = rest[close.0 + close.1.len_utf8()..].trim();
        tail = tail.strip_prefix('第').unwrap_or(tail).trim();
        tail = tail.strip_suffix('号').unwrap_or(tail).trim();
        if prefix.is_empty() || tail.is_empty() || !tail.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let seq: u32 = tail.parse().ok()?;
        if seq == 0 {
            return None;
        }
        Some(DocNo {
            prefix: prefix.to_string(),
            year,
            seq,
        })
    }

    /// The next free number of a year, given the largest number already used that year.
    pub fn next(prefix: &str, year: i32, max_used: Option<u32>) -> DocNo {
        DocNo {
            prefix: prefix.to_string(),
            year,
            seq: max_used.unwrap_or(0).saturating_add(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        let d = DocNo::parse("X检建〔2026〕3号");
        assert_eq!(
            d,
            Some(DocNo {
                prefix: "X检建".into(),
                year: 2026,
                seq: 3
            })
        );
        assert_eq!(d.map(|d| d.to_string()), Some("X检建〔2026〕3号".into()));
        let v = DocNo::parse(" 某检建[2025]第012号 ").map(|d| d.to_string());
        assert_eq!(v, Some("某检建〔2025〕12号".into()));
        assert_eq!(DocNo::parse("X检建（2024）7").map(|d| d.seq), Some(7));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "X检建2026-3",
            "〔2026〕3号",
            "X检建〔26〕3号",
            "X检建〔2026〕号",
            "X检建〔2026〕0号",
            "X检建〔2026〕三号",
        ] {
            assert_eq!(DocNo::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn next_number() {
        assert_eq!(
            DocNo::next("X检建", 2026, None).to_string(),
            "X检建〔2026〕1号"
        );
        assert_eq!(DocNo::next("X检建", 2026, Some(41)).seq, 42);
    }
}
