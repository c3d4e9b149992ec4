//! Times the search on a store: for each query, the first results of every kind (the best ten of each, as
//! the search box shows them) and the exact counts of every kind, warm, as the median of several runs.
//!
//! ```text
//! cargo run --release --example find_bench -- FILE [RUNS] [QUERY...]
//! ```
//!
//! Without queries it runs a fixed set of 1 to 10 characters: common, rare and absent Chinese words,
//! document numbers in three spellings, pinyin initials and syllables. Prints one tab-separated line a query:
//! `query  chars  found  first_ms  count_ms`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use yufang::domain::{HolidayTable, Rules, Settings};
use yufang::store::Store;
use yufang::store::search::{Kind, Query};

const QUERIES: &[&str] = &[
    "局",
    "财政",
    "医保",
    "王某",
    "不存在",
    "财政局",
    "龙泉镇",
    "医保基金",
    "整改台账",
    "工程招投标",
    "查看整改台账和制度",
    "关于规范医保基金管理的",
    "2024 12",
    "〔2024〕12",
    "检建12",
    "czj",
    "caizhengju",
    "ybjj",
    "zzzzzz",
    "x",
    "2",
];

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .expect("usage: find_bench FILE [RUNS] [QUERY...]"),
    );
    let runs: usize = args.next().map_or(5, |r| r.parse().expect("RUNS"));
    let asked: Vec<String> = args.collect();
    let queries: Vec<String> = if asked.is_empty() {
        QUERIES.iter().map(|q| q.to_string()).collect()
    } else {
        asked
    };
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let store = Store::open(
        &path,
        Rules::new(Settings::default(), HolidayTable::builtin()),
        today,
    )
    .unwrap();
    println!("query\tchars\tfound\tfirst_ms\tcount_ms");
    for text in &queries {
        let q = Query::new(text);
        let (mut first, mut count) = (Vec::new(), Vec::new());
        let mut found = 0;
        // One run more than asked: the first warms the cache and is not counted.
        for run in 0..=runs {
            let t = Instant::now();
            for kind in Kind::ALL {
                std::hint::black_box(store.find_ids(kind, &q, 10).unwrap());
            }
            let f = t.elapsed();
            let t = Instant::now();
            found = Kind::ALL
                .iter()
                .map(|k| store.find_count(*k, &q).unwrap())
                .sum::<usize>();
            let c = t.elapsed();
            if run > 0 {
                first.push(f);
                count.push(c);
            }
        }
        println!(
            "{text}\t{}\t{found}\t{:.2}\t{:.2}",
            text.chars().count(),
            median(first),
            median(count)
        );
    }
}
