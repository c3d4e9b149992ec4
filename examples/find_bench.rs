//! Times the search on a store: for each query, the first results of every kind (the best ten of each, as
//! the search box shows them) and the exact counts of every kind, warm, as the median of several runs.
//!
//! ```text
//! cargo run --release --example find_bench -- FILE [RUNS] [QUERY...]
//! ```
//!
//! Without queries it runs a fixed set of 1 to 10 characters: common, rare and absent Chinese words,
//! document numbers in three spellings, pinyin initials and syllables. Prints one tab-separated line a query:
//! `query  chars  found  first_ms  count_ms`. Then it times writes: one suggestion's title changed and
//! saved, each save one transaction (with the index's triggers, so the index follows in it), median of 50.
//! With `FIND_BENCH_REBUILD=1` it first rebuilds the index from the tables, as the migration and the bulk
//! loader do, and prints how long that took.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use yufang::domain::{HolidayTable, Rules, Settings, Suggestion};
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
    let mut store = Store::open(
        &path,
        Rules::new(Settings::default(), HolidayTable::builtin()),
        today,
    )
    .unwrap();
    if std::env::var("FIND_BENCH_STATS").is_ok_and(|v| v == "1") {
        // Tokens a kind puts in each column, counted from the views the index is built from.
        for view in ["units", "cases", "suggestions", "activities", "follow_ups"] {
            let (t, p): (i64, i64) = store
                .conn()
                .query_row(
                    &format!(
                        "SELECT sum(length(t) - length(replace(t, ' ', '')) + 1), \
                         sum(CASE WHEN p = '' THEN 0 ELSE length(p) - length(replace(p, ' ', '')) + 1 END) \
                         FROM search_{view}"
                    ),
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            println!("tokens\t{view}\tt={t}\tp={p}");
        }
    }
    if std::env::var("FIND_BENCH_REBUILD").is_ok_and(|v| v == "1") {
        let t = Instant::now();
        store
            .conn()
            .execute_batch(
                "BEGIN;
                 INSERT INTO search (search) VALUES ('delete-all');
                 INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_units ORDER BY id;
                 INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_cases ORDER BY id;
                 INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_suggestions ORDER BY id;
                 INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_activities ORDER BY id;
                 INSERT INTO search (rowid, t, p) SELECT key, t, p FROM search_follow_ups ORDER BY id;
                 INSERT INTO search (search) VALUES ('optimize');
                 UPDATE units SET name_key = yf_sort_key(name);
                 UPDATE cases SET suspect_key = yf_sort_key(suspect);
                 COMMIT;",
            )
            .unwrap();
        println!("rebuild_s\t{:.1}", t.elapsed().as_secs_f64());
    }
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
    let ids: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM suggestions ORDER BY id DESC LIMIT 50")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut writes = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let mut s: Suggestion = store.get(*id).unwrap();
        s.title = format!("关于规范第{i}项管理的检察建议");
        let t = Instant::now();
        store.update(&mut s).unwrap();
        writes.push(t.elapsed());
    }
    if !writes.is_empty() {
        println!(
            "write_ms\t{:.2}\t(median of {} saves)",
            median(writes),
            ids.len()
        );
    }
}
