//! The one date reader for forms and imports: every spelling an officer or a spreadsheet uses
//! (`2026-05-06`, `2026/5/6`, `2026.5.6`, `2026年7月31日`, `20260506`, full-width digits), and an impossible
//! day named as such instead of a format complaint.

use chrono::NaiveDate;

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a date in any known spelling.
    Format,
    /// Year, month and day read, but the month has no such day (or there is no such month).
    NoSuchDay { year: i32, month: u32, day: u32 },
}

fn ascii(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '－' => '-',
        '／' => '/',
        '．' => '.',
        _ => c,
    }
}

/// Reads a date in any of the spellings above; a time part after a space (`2026/3/5 0:00`, as Excel
/// writes) is ignored.
pub fn read_date(s: &str) -> Result<NaiveDate, DateProblem> {
    let t: String = s.trim().chars().map(ascii).collect();
    let t = t
        .split_once([' ', 'T'])
        .map_or(t.as_str(), |(d, _)| d)
        .trim();
    let (y, m, d) = if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        (&t[..4], &t[4..6], &t[6..])
    } else {
        let t = t
            .strip_suffix('日')
            .or_else(|| t.strip_suffix('号'))
            .unwrap_or(t);
        let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(DateProblem::Format);
        };
        (y.trim(), m.trim(), d.trim())
    };
    let num = |p: &str, len: std::ops::RangeInclusive<usize>| -> Result<u32, DateProblem> {
        if !len.contains(&p.len()) || !p.chars().all(|c| c.is_ascii_digit()) {
            return Err(DateProblem::Format);
        }
        p.parse().map_err(|_| DateProblem::Format)
    };
    let (year, month, day) = (num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?);
    let year = i32::try_from(year).map_err(|_| DateProblem::Format)?;
    if day == 0 || month == 0 {
        return Err(DateProblem::Format);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::NoSuchDay { year, month, day })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_spelling_reads_the_same_day() {
        for s in [
            "2026-05-06",
            "2026-5-6",
            "2026/5/6",
            "2026.5.6",
            "2026年5月6日",
            "2026年5月6号",
            "20260506",
            "２０２６－０５－０６",
            "2026/5/6 0:00",
            " 2026-05-06 ",
        ] {
            assert_eq!(read_date(s), Ok(d(2026, 5, 6)), "{s}");
        }
    }

    #[test]
    fn an_impossible_day_is_named_and_nonsense_is_a_format_problem() {
        let none = |year, month, day| Err(DateProblem::NoSuchDay { year, month, day });
        assert_eq!(read_date("2026-02-30"), none(2026, 2, 30));
        assert_eq!(read_date("2026年2月29日"), none(2026, 2, 29));
        assert_eq!(read_date("2026-13-01"), none(2026, 13, 1));
        assert_eq!(read_date("2028-02-29"), Ok(d(2028, 2, 29)));
        for s in [
            "",
            "abc",
            "2026-05",
            "26-5-6",
            "2026-05-06-01",
            "2026-0-5",
            "2026-5-x",
        ] {
            assert_eq!(read_date(s), Err(DateProblem::Format), "{s}");
        }
    }
}
