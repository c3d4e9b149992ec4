//! Spreadsheets larger than the import's read buffers: it reads them twice, row by row, instead of holding
//! them, and must still find the encoding from the whole file, report each problem at its physical line,
//! and write nothing when anything, even the second read, goes wrong.

use std::io::{self, Cursor, Read, Seek, SeekFrom};

use yufang::store::Store;
use yufang::store::import::{Input, import};

use super::{TODAY, en, gbk, json_of, run_import};
use crate::common::{open, small_office};

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// A suggestion sheet of `n` rows to one unit: CRLF line ends, a blank line after every 100th row and a
/// notes cell over two lines in every 7th. `bad` rows get a date that does not exist. Returns the text and
/// the physical line of each row. Numbers start at 10001, clear of the small office's.
fn long_sheet(n: usize, bad: &[usize]) -> (String, Vec<u64>) {
    let mut text =
        "Suggestion ledger 2026\r\ndocument number,title,recipient unit,issued on,notes\r\n"
            .to_string();
    let mut line = 3u64;
    let mut lines = Vec::new();
    for i in 1..=n {
        let issued = if bad.contains(&i) {
            "2026/13/5"
        } else {
            "2026-03-05"
        };
        let notes = if i % 7 == 0 {
            "\"已电话催办\r\n仍未回复\""
        } else {
            "已送达"
        };
        text.push_str(&format!(
            "X检建〔2026〕{}号,关于第{i}项问题的检察建议,清源县交通运输局,{issued},{notes}\r\n",
            10_000 + i
        ));
        lines.push(line);
        line += 1 + u64::from(i % 7 == 0);
        if i % 100 == 0 {
            text.push_str("\r\n");
            line += 1;
        }
    }
    (text, lines)
}

#[test]
fn problems_deep_in_a_long_sheet_are_at_their_lines_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    small_office(&mut store);
    let before = json_of(&store, true);
    let n = 3000;
    let (text, lines) = long_sheet(n, &[1, 1400, 2999]);
    assert!(
        text.len() > 256 * 1024,
        "the sheet must outgrow the read buffers"
    );
    // One row repeats an earlier number, far from it.
    let text = text.replace("X检建〔2026〕12990号", "X检建〔2026〕10015号");
    let report = run_import(&mut store, vec![("long.csv", text.into_bytes())], &en());
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    let date = "issued on: \"2026/13/5\" is not a date (e.g. 2026-03-05, 2026/3/5, 2026年3月5日)";
    assert_eq!(
        problems,
        vec![
            format!("long.csv:{}:4: {date}", lines[0]),
            format!("long.csv:{}:4: {date}", lines[1399]),
            format!(
                "long.csv:{}:1: suggestion \"X检建〔2026〕10015号\" appears again (first on line {})",
                lines[2989], lines[14]
            ),
            format!("long.csv:{}:4: {date}", lines[2998]),
        ]
    );
    assert!(!report.written);
    assert_eq!(json_of(&store, true), before);
}

#[test]
fn a_long_sheet_is_written_whole_with_progress_up_to_its_row_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    small_office(&mut store);
    let had = count(&store, "suggestions");
    let (text, _) = long_sheet(3000, &[]);
    let len = text.len() as u64;
    let inputs = vec![Input::new(
        "long.csv",
        Cursor::new(text.into_bytes()),
        Some(len),
    )];
    let mut ticks = Vec::new();
    let report = import(&mut store, inputs, &en(), &mut |d, t| ticks.push((d, t))).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.message == "read as UTF-8 text: suggestion sheet, 3000 data rows")
    );
    assert_eq!(count(&store, "suggestions"), had + 3000);
    assert_eq!(ticks.last(), Some(&(3000, 3000)));
    assert!(ticks.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 == 3000));
    let notes: String = store
        .conn()
        .query_row(
            "SELECT notes FROM suggestions WHERE doc_no = 'X检建〔2026〕12996号'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(notes, "已电话催办\r\n仍未回复");
}

/// Plain ASCII for far longer than any buffer, then one GBK title: the whole file is GBK, as it was when
/// the import decoded the file in one piece.
#[test]
fn one_gbk_character_far_into_a_file_makes_the_whole_file_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let mut csv = "name,industry,notes\n".to_string();
    for i in 0..4000 {
        csv.push_str(&format!("Unit {i},audit,plain ascii notes for unit {i}\n"));
    }
    csv.push_str("清源县审计局,审计,\n");
    assert!(csv.len() > 128 * 1024);
    let report = run_import(&mut store, vec![("u.csv", gbk(&csv))], &en());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(
        report.notes[0].to_string(),
        "u.csv: read as GBK/GB18030 text: unit sheet, 4001 data rows"
    );
    let u = store.unit_by_name("清源县审计局").unwrap().unwrap();
    assert_eq!(u.industry, "审计");
}

/// A UTF-16 file cut off mid-character at its very end, after thousands of good rows, next to a good file.
#[test]
fn a_bad_last_byte_refuses_the_file_and_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    small_office(&mut store);
    let before = json_of(&store, true);
    let mut text = "单位名称\t行业\r\n".to_string();
    for i in 0..3000 {
        text.push_str(&format!("清源县第{i}单位\t财政\r\n"));
    }
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    utf16.push(b'x');
    let good = "单位名称,行业\n清源县审计局,审计\n".as_bytes().to_vec();
    let report = run_import(
        &mut store,
        vec![("good.csv", good), ("cut.txt", utf16)],
        &en(),
    );
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        vec![
            "cut.txt: the file is neither UTF-8 nor GBK/GB18030 text; save it from Excel or WPS as CSV"
        ]
    );
    assert_eq!(json_of(&store, true), before);
}

/// Bytes that fail to read from some offset on, once the reader has been rewound `healthy_seeks` times:
/// a disk error, or a file swapped or cut short between the import's two readings.
struct Failing {
    bytes: Cursor<Vec<u8>>,
    seeks: usize,
    healthy_seeks: usize,
    from: u64,
}

impl Read for Failing {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.seeks > self.healthy_seeks && self.bytes.position() >= self.from {
            return Err(io::Error::other("disk gone"));
        }
        let room = if self.seeks > self.healthy_seeks {
            (self.from - self.bytes.position()).min(buf.len() as u64) as usize
        } else {
            buf.len()
        };
        self.bytes.read(&mut buf[..room])
    }
}

impl Seek for Failing {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.seeks += 1;
        self.bytes.seek(to)
    }
}

#[test]
fn a_read_failure_in_either_pass_is_a_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    small_office(&mut store);
    let before = json_of(&store, true);
    let (text, _) = long_sheet(3000, &[]);
    let bytes = text.into_bytes();
    // Past the middle, so the second pass has written rows by the time it fails.
    let from = bytes.len() as u64 * 2 / 3;
    // The first pass seeks once to the text's start, the second once more.
    for healthy_seeks in [0, 1] {
        let reader = Failing {
            bytes: Cursor::new(bytes.clone()),
            seeks: 0,
            healthy_seeks,
            from,
        };
        let inputs = vec![Input::new("flaky.csv", reader, None)];
        let report = import(&mut store, inputs, &en(), &mut |_, _| {}).unwrap();
        let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            vec!["flaky.csv: cannot read flaky.csv: disk gone"],
            "failing after {healthy_seeks} seeks"
        );
        assert!(!report.written);
        assert_eq!(json_of(&store, true), before);
    }
}

#[test]
fn a_row_repeated_in_another_file_names_that_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("y.db"), TODAY);
    let a = "单位名称\n清源县审计局\n清源县统计局\n";
    let b = "title row\n单位名称\n清源县林业局\n清源县统计局\n";
    let report = run_import(
        &mut store,
        vec![("a.csv", a.into()), ("b.csv", b.into())],
        &en(),
    );
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        vec!["b.csv:4:1: unit \"清源县统计局\" appears again (first at a.csv:3)"]
    );
}
