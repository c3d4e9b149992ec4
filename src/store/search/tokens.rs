//! How stored text becomes the search index's tokens, and what a typed query asks of them.
//!
//! The index is FTS5 with its plain `unicode61` tokenizer over text written here as one token per character:
//! every Chinese character, ASCII letter and digit stands alone, and every other character becomes a token
//! named by its code point (`x3014` for 〔). A substring of any length, one Chinese character included, is
//! then the phrase of its characters' tokens, and matches exactly where `LIKE '%…%'` on the same text would.
//! Fields are kept apart by [`BREAK`], so a phrase never runs from one field into the next.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::OnceLock;

use pinyin::{ToPinyin, ToPinyinMulti};

/// The token between two fields (or two pinyin lines). Code-point tokens are hexadecimal and characters are
/// single, so nothing else is ever `xx`.
pub const BREAK: &str = "xx";

/// How many alternative readings of one polyphonic character are indexed.
const MAX_READINGS: usize = 3;
/// Characters of context kept on each side of an alternative reading. A name is indexed whole in each of
/// its readings; in a long title a query that spans a rarer reading and more than this on one side is not
/// found by pinyin (it still is by its characters).
const READING_CONTEXT: usize = 4;
/// Spellings of one full-pinyin query that are tried (`xian` is xian, xi'an, xia'n…).
const MAX_SPELLINGS: usize = 8;

/// Chinese characters that are written as themselves (the rest of the non-ASCII world is written as code
/// points, whose category the tokenizer cannot misread).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The character as it is compared: full-width ASCII as ASCII, letters in lower case.
fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut low = c.to_lowercase();
    match (low.next(), low.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn push_token(out: &mut String, tok: impl std::fmt::Display) {
    if !out.is_empty() {
        out.push(' ');
    }
    let _ = write!(out, "{tok}");
}

fn push_char(out: &mut String, c: char) {
    let c = fold(c);
    if c.is_ascii_alphanumeric() || is_cjk(c) {
        push_token(out, c);
    } else if !c.is_control() {
        push_token(out, format_args!("x{:x}", u32::from(c)));
    }
}

/// The indexed form of `fields`: each character a token, [`BREAK`] between fields.
pub fn index_text<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            push_token(&mut out, BREAK);
        }
        f.chars().for_each(|c| push_char(&mut out, c));
    }
    out
}

/// The FTS5 phrase of one word of a query (no whitespace in it), or None when nothing in it is indexed.
fn phrase(word: &str) -> Option<String> {
    let mut toks = String::new();
    word.chars().for_each(|c| push_char(&mut toks, c));
    (!toks.is_empty()).then(|| format!("\"{toks}\""))
}

/// What a query asks of the characters: each whitespace-separated word is a substring of the record.
/// `prefix` asks that the first word start the record's first field (its number or name).
pub fn text_match(query: &str, prefix: bool) -> Option<String> {
    let mut parts = Vec::new();
    for (i, w) in query.split_whitespace().enumerate() {
        let p = phrase(w)?;
        parts.push(if prefix && i == 0 {
            format!("t : ^ {p}")
        } else {
            format!("t : {p}")
        });
    }
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

// ---- document numbers

/// A document or case number as people type it: `X检建〔2024〕12号`, `〔2024〕12`, `2024 12`, `检建12`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub prefix: String,
    pub year: Option<i32>,
    pub seq: u32,
}

impl Number {
    pub fn parse(query: &str) -> Option<Number> {
        let q = query.trim();
        if let Some(d) = crate::domain::DocNo::parse(q) {
            return Some(Number {
                prefix: d.prefix,
                year: Some(d.year),
                seq: d.seq,
            });
        }
        let q: String = q.chars().map(fold).collect();
        let q = q.strip_suffix('号').unwrap_or(&q).trim_end();
        let digits_at = q.find(|c: char| c.is_ascii_digit() || "〔[(（【［".contains(c))?;
        let prefix = q[..digits_at].trim();
        if prefix.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        // The rest is a year and a number (bracketed or apart), or a number alone after a prefix.
        let rest: String = q[digits_at..]
            .chars()
            .map(|c| if c.is_ascii_digit() { c } else { ' ' })
            .collect();
        let mut nums = rest.split_whitespace();
        let (year, seq) = match (nums.next(), nums.next(), nums.next()) {
            (Some(y), Some(n), None) if y.len() == 4 => (Some(y.parse().ok()?), n),
            (Some(n), None, None) if !prefix.is_empty() && !q[digits_at..].contains(' ') => {
                (None, n)
            }
            _ => return None,
        };
        let rest_ok = q[digits_at..]
            .chars()
            .all(|c| c.is_ascii_digit() || " -/.第〔〕[]()（）【】［］".contains(c));
        let seq: u32 = seq.parse().ok()?;
        (rest_ok && seq > 0).then(|| Number {
            prefix: prefix.to_string(),
            year,
            seq,
        })
    }

    /// The number as an FTS5 query on the canonical form `prefix〔year〕seq号` (the form the store writes).
    pub fn fts(&self) -> Option<String> {
        let tail = match self.year {
            Some(y) => format!("{}〔{y}〕{}号", self.prefix, self.seq),
            None => format!("〕{}号", self.seq),
        };
        let tail = format!("t : {}", phrase(&tail)?);
        match (self.year, self.prefix.is_empty()) {
            (None, false) => Some(format!(
                "t : NEAR({} {}, 6)",
                phrase(&format!("{}〔", self.prefix))?,
                &tail[4..]
            )),
            _ => Some(tail),
        }
    }
}

// ---- pinyin

/// The plain readings of a character, the common one first, as typed (ü as v); empty when it has none.
fn readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |p: &str| {
        let p: String = p
            .chars()
            .map(|c| if c == 'ü' { 'v' } else { c })
            .filter(char::is_ascii_alphabetic)
            .collect();
        if !p.is_empty() && !out.contains(&p) {
            out.push(p);
        }
    };
    if let Some(p) = c.to_pinyin() {
        add(p.plain());
    }
    if let Some(m) = c.to_pinyin_multi() {
        m.into_iter().for_each(|p| add(p.plain()));
    }
    out
}

/// One slot of a pinyin line: a character's readings, an ASCII letter or digit as itself, or a break.
fn slots(s: &str) -> Vec<Vec<String>> {
    s.chars()
        .map(|c| {
            let c = fold(c);
            if c.is_ascii_alphanumeric() {
                vec![c.to_string()]
            } else {
                readings(c)
            }
        })
        .collect()
}

fn push_line(out: &mut String, syllables: impl Iterator<Item = Option<String>>) {
    push_token(out, BREAK);
    for s in syllables {
        push_token(out, s.as_deref().unwrap_or(BREAK));
    }
}

/// The pinyin form of `fields` (names and titles): for each, its initials one token each, then its full
/// syllables one token each, then, with `every_reading`, short lines for the other readings of polyphonic
/// characters. Names get every reading; a title only its common one, since the pinyin table lists rare
/// readings for most characters of a title and their lines would make up two thirds of the index.
pub fn pinyin_text<'a>(fields: impl IntoIterator<Item = &'a str>, every_reading: bool) -> String {
    let mut out = String::new();
    for f in fields {
        let slots = slots(f);
        if slots.iter().all(Vec::is_empty) {
            continue;
        }
        let first = |v: &Vec<String>| v.first().cloned();
        let initial = |v: &Vec<String>| v.first().map(|s| s[..1].to_string());
        push_line(&mut out, slots.iter().map(initial));
        push_line(&mut out, slots.iter().map(first));
        for (i, r) in slots.iter().enumerate().filter(|_| every_reading) {
            for alt in r.iter().skip(1).take(MAX_READINGS) {
                let lo = i.saturating_sub(READING_CONTEXT);
                let hi = (i + READING_CONTEXT + 1).min(slots.len());
                let pick = |j: usize, whole: bool| {
                    if j == i {
                        Some(if whole {
                            alt.clone()
                        } else {
                            alt[..1].to_string()
                        })
                    } else if whole {
                        first(&slots[j])
                    } else {
                        initial(&slots[j])
                    }
                };
                if alt[..1] != r[0][..1] {
                    push_line(&mut out, (lo..hi).map(|j| pick(j, false)));
                }
                push_line(&mut out, (lo..hi).map(|j| pick(j, true)));
            }
        }
    }
    out
}

/// Every plain syllable the pinyin table knows.
fn syllables() -> &'static BTreeSet<String> {
    static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        ('\u{4E00}'..='\u{9FFF}')
            .flat_map(readings)
            .collect::<BTreeSet<String>>()
    })
}

/// Ways to read `s` as whole syllables followed by the start of one, fewest syllables first.
fn spellings(s: &str) -> Vec<Vec<&str>> {
    let set = syllables();
    let is_start = |p: &str| {
        set.range(p.to_string()..)
            .next()
            .is_some_and(|x| x.starts_with(p))
    };
    let mut out = Vec::new();
    let mut stack: Vec<(usize, Vec<&str>)> = vec![(0, Vec::new())];
    while let Some((at, parts)) = stack.pop() {
        if out.len() >= MAX_SPELLINGS * 4 {
            break;
        }
        let rest = &s[at..];
        if is_start(rest) {
            let mut done = parts.clone();
            done.push(rest);
            out.push(done);
        }
        for end in (at + 1..s.len()).rev() {
            if set.contains(&s[at..end]) {
                let mut next = parts.clone();
                next.push(&s[at..end]);
                stack.push((end, next));
            }
        }
    }
    out.sort_by_key(Vec::len);
    out.truncate(MAX_SPELLINGS);
    out
}

/// What a query of letters asks of the pinyin: its letters as initials, or its spellings as syllables with
/// the last one begun. None unless the query is two or more ASCII letters (with spaces between syllables
/// allowed).
pub fn pinyin_match(query: &str) -> Option<String> {
    let q: String = query
        .chars()
        .map(fold)
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .collect();
    if q.len() < 2 || !q.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let mut alts = vec![format!("\"{}\"", index_text([q.as_str()]))];
    for sp in spellings(&q) {
        alts.push(format!("\"{}\" *", sp.join(" ")));
    }
    Some(format!("p : ({})", alts.join(" OR ")))
}

/// The key a name sorts by: its full pinyin, then the name itself to order names that read alike.
pub fn sort_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 3);
    for c in name.chars() {
        let c = fold(c);
        match c.to_pinyin() {
            Some(p) if is_cjk(c) => {
                key.push_str(p.plain());
                key.push(' ');
            }
            _ => key.push(c),
        }
    }
    key.push('\u{1}');
    key.push_str(name);
    key
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn text_is_one_token_a_character() {
        assert_eq!(
            index_text(["X检建〔2024〕12号", "财政局"]),
            "x 检 建 x3014 2 0 2 4 x3015 1 2 号 xx 财 政 局"
        );
        assert_eq!(index_text(["ＡＢ　c"]), "a b x20 c");
        assert_eq!(text_match("财政", false).unwrap(), "t : \"财 政\"");
        assert_eq!(
            text_match(" 财政  局 ", true).unwrap(),
            "t : ^ \"财 政\" AND t : \"局\""
        );
        assert_eq!(text_match("   ", false), None);
    }

    #[test]
    fn numbers_in_the_spellings_people_type() {
        let n = |y, s| Number {
            prefix: String::new(),
            year: Some(y),
            seq: s,
        };
        assert_eq!(Number::parse("2024 12"), Some(n(2024, 12)));
        assert_eq!(Number::parse("〔2024〕12"), Some(n(2024, 12)));
        assert_eq!(Number::parse("[2024]12号"), Some(n(2024, 12)));
        assert_eq!(Number::parse("2024-012"), Some(n(2024, 12)));
        assert_eq!(
            Number::parse("检建12"),
            Some(Number {
                prefix: "检建".into(),
                year: None,
                seq: 12
            })
        );
        assert_eq!(
            Number::parse("X检建〔2024〕12号").map(|n| n.prefix),
            Some("X检建".into())
        );
        for not in [
            "财政",
            "12",
            "2024",
            "检建",
            "检建 12 3",
            "1 2",
            "检建12a",
            "2024 0",
        ] {
            assert_eq!(Number::parse(not), None, "{not}");
        }
        assert_eq!(
            n(2024, 12).fts().unwrap(),
            "t : \"x3014 2 0 2 4 x3015 1 2 号\""
        );
        assert_eq!(
            Number::parse("检建12").unwrap().fts().unwrap(),
            "t : NEAR(\"检 建 x3014\" \"x3015 1 2 号\", 6)"
        );
    }

    #[test]
    fn pinyin_of_names_with_every_reading() {
        let p = pinyin_text(["财政局"], true);
        assert_eq!(p, "xx c z j xx cai zheng ju");
        // 重 reads zhong and chong; the second reading is indexed too, initials and syllables.
        let p = pinyin_text(["重庆"], true);
        assert!(p.contains("xx z q xx zhong qing"), "{p}");
        assert!(p.contains("xx c q xx chong qing"), "{p}");
        assert_eq!(
            readings('行')[..2],
            ["xing".to_string(), "hang".to_string()]
        );
        assert_eq!(pinyin_text(["--"], true), "");
        // A title: the common reading only.
        assert_eq!(pinyin_text(["重庆"], false), "xx z q xx zhong qing");
    }

    #[test]
    fn pinyin_queries() {
        assert_eq!(pinyin_match("czj").unwrap(), "p : (\"c z j\")");
        let q = pinyin_match("caizhengju").unwrap();
        assert!(q.contains("\"cai zheng ju\" *"), "{q}");
        let q = pinyin_match("xian").unwrap();
        assert!(q.contains("\"xian\" *") && q.contains("\"xi an\" *"), "{q}");
        assert_eq!(pinyin_match("财政"), None);
        assert_eq!(pinyin_match("c"), None);
        assert_eq!(pinyin_match("c1"), None);
    }

    #[test]
    fn names_sort_by_pinyin() {
        let mut names = vec!["张三", "阿明", "王五", "李四", "Zed"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["阿明", "李四", "王五", "Zed", "张三"]);
    }
}
