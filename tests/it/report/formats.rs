//! The command: every format carries the figures of `report --format json`; files are private and never
//! overwritten silently; the roll-up adds offices without merging them.

use super::office;

fn yufang(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_yufang"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-03-15"])
        .args(args)
        .env_remove("YUFANG_DB")
        .env_remove("YUFANG_TODAY")
        .env_remove("YUFANG_LANG")
        .env("YUFANG_CONFIG", "/nonexistent/yufang-test-config.toml")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

fn report(db: &std::path::Path, lang: &str, format: &str) -> Vec<u8> {
    let o = yufang(
        db,
        &[
            "--lang", lang, "report", "--year", "2025", "--format", format,
        ],
    );
    assert!(
        o.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// The strings every format must show: each rate of both periods as `a / b = p%`, the counts of the
/// suggestions table, the overdue and open documents, the flagged industry.
fn expected(json: &serde_json::Value) -> Vec<String> {
    let mut want = Vec::new();
    for r in json["rates"].as_array().unwrap() {
        want.push(r["now"]["text"].as_str().unwrap().to_string());
        want.push(r["before"]["text"].as_str().unwrap().to_string());
    }
    for o in json["overdue"].as_array().unwrap() {
        want.push(o["doc_no"].as_str().unwrap().to_string());
        want.push(o["unit"].as_str().unwrap().to_string());
    }
    for o in json["open_rectifications"].as_array().unwrap() {
        want.push(o["doc_no"].as_str().unwrap().to_string());
    }
    for r in json["risk"].as_array().unwrap() {
        want.push(r["industry"].as_str().unwrap().to_string());
    }
    for p in json["plan_progress"].as_array().unwrap() {
        if let Some(t) = p["rate"]["text"].as_str() {
            want.push(t.to_string());
        }
    }
    want
}

#[test]
fn every_format_carries_the_json_figures() {
    let f = office();
    let db = f._dir.path().join("y.db");
    drop(f.store);
    for lang in ["zh", "en"] {
        let json: serde_json::Value = serde_json::from_slice(&report(&db, lang, "json")).unwrap();
        // The figures counted by hand above, as the script sees them.
        assert_eq!(json["now"]["suggestions"]["issued"], 4);
        assert_eq!(json["rates"][0]["now"]["text"], "3 / 4 = 75.00%");
        assert_eq!(json["rates"][0]["now"]["percent"], 75.0);
        assert_eq!(json["days_to_reply"]["median"]["now"], 30.0);
        assert_eq!(json["risk"][1]["flagged"], true);
        let want = expected(&json);
        assert!(want.len() > 15, "{want:?}");

        let md = String::from_utf8(report(&db, lang, "md")).unwrap();
        let html = String::from_utf8(report(&db, lang, "html")).unwrap();
        let csv = String::from_utf8(report(&db, lang, "csv")).unwrap();
        assert!(csv.starts_with('\u{feff}'));
        let docx = docx_rs::read_docx(&report(&db, lang, "docx")).unwrap();
        let docx_text = serde_json::to_string(&docx).unwrap();
        for w in &want {
            assert!(md.contains(w), "md lacks {w}");
            assert!(
                html.contains(&yufang::report::html::esc(w)),
                "html lacks {w}"
            );
            assert!(csv.contains(w), "csv lacks {w}");
            assert!(docx_text.contains(w), "docx lacks {w}");
        }
        // The period rule is stated in every report.
        let rule = json["period_rule"].as_str().unwrap();
        assert!(
            md.contains(rule)
                && docx_text.contains(rule)
                && html.contains(&yufang::report::html::esc(rule))
        );

        // The workbook: real numbers, the rate in three columns.
        use calamine::{Data, Reader};
        let bytes = report(&db, lang, "xlsx");
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = if lang == "zh" { "比率" } else { "Rates" };
        let range = wb.worksheet_range(sheet).unwrap();
        let row: Vec<&Data> = range.rows().nth(1).unwrap().iter().collect();
        assert_eq!(
            row[0],
            &Data::String(json["rates"][0]["label"].as_str().unwrap().into())
        );
        assert_eq!(
            row[1..4],
            [&Data::Float(3.0), &Data::Float(4.0), &Data::Float(75.0)]
        );
        // Issued this year and last in the suggestions sheet.
        let sheet = if lang == "zh" {
            "检察建议"
        } else {
            "Suggestions"
        };
        let range = wb.worksheet_range(sheet).unwrap();
        let row: Vec<&Data> = range.rows().nth(1).unwrap().iter().collect();
        assert_eq!(row[1..3], [&Data::Float(4.0), &Data::Float(1.0)]);
    }
}

/// A minimal well-formedness check: every element closes in order (void elements excepted), quotes pair,
/// and nothing refers to anything outside the file.
#[test]
fn the_html_is_well_formed_and_self_contained() {
    let f = office();
    let db = f._dir.path().join("y.db");
    drop(f.store);
    let html = String::from_utf8(report(&db, "zh", "html")).unwrap();
    for bad in ["http:", "https:", "//", "url(", "src=", "href=", "@import"] {
        assert!(!html.contains(bad), "html refers outside: {bad}");
    }
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("an unclosed tag");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        assert_eq!(tag.matches('"').count() % 2, 0, "quotes in <{tag}>");
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.starts_with('/') {
            assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "</{name}>");
        } else if !(tag.ends_with('/') || name == "meta") {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "{stack:?}");
    assert!(
        html.contains("<svg") && html.contains("<rect"),
        "charts as inline SVG"
    );
}

#[test]
fn the_docx_is_a4_in_fangsong_with_page_numbers() {
    let f = office();
    let db = f._dir.path().join("y.db");
    drop(f.store);
    let docx = docx_rs::read_docx(&report(&db, "zh", "docx")).unwrap();
    let s = serde_json::to_string(&docx).unwrap();
    for want in [
        "仿宋_GB2312",
        "方正小标宋简体",
        "黑体",
        "11906",
        "16838",
        "PAGE",
    ] {
        assert!(s.contains(want), "docx lacks {want}");
    }
    // The title in 22 pt (44 half points) and the body in 16 pt (32).
    assert!(s.contains("\"sz\":44"), "a 22 pt title");
    assert!(s.contains("\"sz\":32"), "a 16 pt body");
}

#[test]
fn out_files_are_private_and_never_overwritten_silently() {
    let f = office();
    let db = f._dir.path().join("y.db");
    drop(f.store);
    let out = f._dir.path().join("r.md");
    let o = yufang(
        &db,
        &["report", "--year", "2025", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    std::fs::write(&out, "mine").unwrap();
    let o = yufang(
        &db,
        &["report", "--year", "2025", "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let o = yufang(
        &db,
        &[
            "report",
            "--year",
            "2025",
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("3 / 4 = 75.00%")
    );
    // Bad periods are refused with a message, not a panic.
    for args in [
        &["report", "--from", "2025-03-01", "--to", "2025-01-01"][..],
        &["report", "--from", "2025-02-30", "--to", "2025-03-01"][..],
        &["report", "--year", "2025", "--format", "pdf"][..],
        &["report", "--year", "2025", "--unit", "没有的单位"][..],
    ] {
        let o = yufang(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!o.stderr.is_empty());
    }
}

#[test]
fn a_roll_up_adds_offices_without_merging_them() {
    let f = office();
    let dir = f._dir.path().to_path_buf();
    let db = dir.join("y.db");
    // A second office as a JSON export of the first, a third as a copy of the store file.
    let export = dir.join("east.json");
    let o = yufang(&db, &["export", "--out", export.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    drop(f.store);
    let west = dir.join("west.db");
    std::fs::copy(&db, &west).unwrap();
    let before = std::fs::read(&west).unwrap();
    let o = yufang(
        &db,
        &[
            "report",
            "--year",
            "2025",
            "--format",
            "json",
            "--offices",
            west.to_str().unwrap(),
            export.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["offices"].as_array().unwrap().len(), 2);
    assert_eq!(j["offices"][0]["office"], "west");
    assert_eq!(j["offices"][1]["now"]["suggestions"]["issued"], 4);
    assert_eq!(j["total"]["counts"]["suggestions"]["issued"], 8);
    assert_eq!(j["total"]["rates"][0]["total"]["text"], "6 / 8 = 75.00%");
    assert_eq!(j["total"]["days_to_reply"]["median"], 30.0);
    // The office's file was read, not migrated or changed.
    assert_eq!(std::fs::read(&west).unwrap(), before);
    // Nor is a store created where --db points.
    let none = dir.join("none.db");
    let o = yufang(
        &none,
        &[
            "report",
            "--year",
            "2025",
            "--offices",
            west.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!none.exists());
    let o = yufang(
        &db,
        &[
            "--lang",
            "zh",
            "report",
            "--year",
            "2025",
            "--offices",
            west.to_str().unwrap(),
            export.to_str().unwrap(),
        ],
    );
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("| west") || md.contains("west "), "{md}");
    assert!(md.contains("6 / 8 = 75.00%"), "{md}");
}

#[test]
fn halves_quarters_and_dates() {
    let f = office();
    let db = f._dir.path().join("y.db");
    drop(f.store);
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["report", "--format", "json"];
        all.extend_from_slice(args);
        let o = yufang(&db, &all);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        serde_json::from_slice(&o.stdout).unwrap()
    };
    // The second half of 2025: S4 and S3 (issued 31 December); S5 was withdrawn in October.
    let h2 = json(&["--year", "2025", "--half", "2"]);
    assert_eq!(h2["period"]["from"], "2025-07-01");
    assert_eq!(h2["now"]["suggestions"]["issued"], 2);
    assert_eq!(h2["now"]["suggestions"]["withdrawn"], 1);
    assert_eq!(h2["rates"][0]["now"]["text"], "1 / 2 = 50.00%");
    // The previous period is the second half of 2024: S6 alone.
    assert_eq!(h2["previous"]["from"], "2024-07-01");
    assert_eq!(h2["before"]["suggestions"]["issued"], 1);
    let q1 = json(&["--year", "2025", "--quarter", "1"]);
    assert_eq!(q1["period"]["to"], "2025-03-31");
    assert_eq!(q1["now"]["suggestions"]["issued"], 1);
    // Dates across the new year: no annual plan applies.
    let r = json(&["--from", "2024-12-01", "--to", "2025-01-31"]);
    assert_eq!(r["now"]["suggestions"]["issued"], 1);
    assert_eq!(r["plan"], serde_json::Value::Null);
    assert_eq!(r["now"]["suggestions"]["replied"], 1);
}

/// A ledger of 300 suggestions of mixed types, as an office keeps it, imported and reported: the counts by
/// category, legal type and service method and the rates equal those counted from the sheet itself.
#[test]
fn an_imported_ledger_reports_what_its_rows_say() {
    use yufang::domain::{Adoption, Category, LegalType, ServiceMethod};
    use yufang::i18n::{K, Lang};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let units = "单位名称,行业,级别\n清源县甲局,交通运输,县级\n清源县乙局,教育,县级\n";
    let head = [
        K::FDocNo,
        K::FTitle,
        K::FRecipient,
        K::FCategory,
        K::FLegalType,
        K::FIssuedOn,
        K::FServedOn,
        K::FServiceMethod,
        K::FReceivedOn,
        K::FRepliedOn,
        K::FAdoption,
    ]
    .map(|k| k.zh())
    .join(",");
    let cats = [Category::Single, Category::Similar, Category::Industry];
    let legal = [
        LegalType::SocialGovernance,
        LegalType::SocialGovernance,
        LegalType::PublicInterest,
        LegalType::Correction,
        LegalType::Other,
    ];
    let methods = [ServiceMethod::Written, ServiceMethod::Announced];
    let adoption = [
        None,
        Some(Adoption::Adopted),
        Some(Adoption::Partly),
        Some(Adoption::Not),
    ];
    let mut sheet = format!("{head}\n");
    let day = |n: i64| (crate::common::d("2025-01-01") + chrono::Duration::days(n)).to_string();
    for i in 0..300_i64 {
        let issued = i % 360;
        let replied = adoption[(i % 4) as usize].map(|_| day(issued + 31));
        sheet.push_str(&format!(
            "X检建〔2025〕{}号,关于第{}件的检察建议,{},{},{},{},{},{},{},{},{}\n",
            i + 1,
            i + 1,
            if i % 2 == 0 {
                "清源县甲局"
            } else {
                "清源县乙局"
            },
            cats[(i % 3) as usize].label(Lang::Zh),
            legal[(i % 5) as usize].label(Lang::Zh),
            day(issued),
            day(issued + 1),
            methods[(i % 2) as usize].label(Lang::Zh),
            day(issued + 1),
            replied.unwrap_or_default(),
            adoption[(i % 4) as usize].map_or("", |a| a.label(Lang::Zh)),
        ));
    }
    std::fs::write(dir.path().join("units.csv"), units).unwrap();
    std::fs::write(dir.path().join("ledger.csv"), sheet).unwrap();
    let o = yufang(
        &db,
        &[
            "import",
            dir.path().join("units.csv").to_str().unwrap(),
            dir.path().join("ledger.csv").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let o = yufang(&db, &["report", "--year", "2025", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &j["now"]["suggestions"];
    // Counted from the rows: every fourth has no reply; of the replies a third each adopted, partly, not.
    assert_eq!(
        (s["issued"].as_i64(), s["replied"].as_i64()),
        (Some(300), Some(225))
    );
    assert_eq!(
        (
            s["adopted"].as_i64(),
            s["partly_adopted"].as_i64(),
            s["not_adopted"].as_i64()
        ),
        (Some(75), Some(75), Some(75))
    );
    let rate = |i: usize| j["rates"][i]["now"]["text"].as_str().unwrap().to_string();
    assert_eq!(rate(0), "225 / 300 = 75.00%");
    assert_eq!(rate(1), "150 / 225 = 66.67%");
    assert_eq!(rate(2), "150 / 300 = 50.00%");
    // Replied 30 days after receipt, well within two months.
    assert_eq!(rate(3), "225 / 225 = 100.00%");
    assert_eq!(j["days_to_reply"]["median"]["now"], 30.0);
    let by = |what: &str| -> Vec<(String, i64)> {
        j["now"][what]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["key"].as_str().unwrap().to_string(),
                    g["issued"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        by("by_category"),
        [
            ("industry".into(), 100),
            ("similar".into(), 100),
            ("single".into(), 100)
        ]
    );
    assert_eq!(
        by("by_legal_type"),
        [
            ("social_governance".into(), 120),
            ("correction".into(), 60),
            ("other".into(), 60),
            ("public_interest".into(), 60)
        ]
    );
    assert_eq!(
        by("by_service_method"),
        [("announced".into(), 150), ("written".into(), 150)]
    );
}
