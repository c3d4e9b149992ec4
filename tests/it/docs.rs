//! `yufang doc`: the documents parse back as Word files in the GB/T 9704 layout and say what the record
//! says, with the deadline and days overdue that `overdue --json` gives; files are never overwritten silently.

use std::path::Path;
use std::process::{Command, Output};

use docx_rs::{DocumentChild, TableCellContent, TableChild, TableRowChild};

fn yufang(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yufang"))
        .args(["--demo", "--today", "2026-06-01", "--lang", "en"])
        .args(args)
        .env_remove("YUFANG_DB")
        .env_remove("YUFANG_TODAY")
        .env_remove("YUFANG_LANG")
        .env("YUFANG_CONFIG", config)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every paragraph's text, table cells included, in order.
fn texts(bytes: &[u8]) -> Vec<String> {
    let doc = docx_rs::read_docx(bytes).unwrap();
    let mut out = Vec::new();
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => out.push(p.raw_text()),
            DocumentChild::Table(t) => {
                for TableChild::TableRow(r) in &t.rows {
                    for TableRowChild::TableCell(c) in &r.cells {
                        for cc in &c.children {
                            if let TableCellContent::Paragraph(p) = cc {
                                out.push(p.raw_text());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The item of `overdue --json` with this document number, in the section `key`.
fn overdue_item(config: &Path, key: &str, doc_no: &str) -> serde_json::Value {
    let o = yufang(config, &["overdue", "--json", "--all"]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["doc_no"] == doc_no)
        .cloned()
        .unwrap()
}

/// "2026-04-21" as a document writes it.
fn cn(iso: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap();
    yufang::docs::values::cn_date(d)
}

const NO: &str = "X检建〔2026〕4号";

#[test]
fn the_suggestion_document_holds_the_number_recipient_and_tracked_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let out = dir.path().join("s.docx");
    let o = yufang(
        &config,
        &["doc", "suggestion", NO, "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("wrote"));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip");
    let t = texts(&bytes);
    let item = overdue_item(&config, "overdue_replies", NO);
    let due = cn(item["reply_due"].as_str().unwrap());
    assert_eq!(t[0], "清源县人民检察院");
    assert!(t.contains(&NO.to_string()), "{t:?}");
    assert!(t.contains(&"清源县自然资源局：".to_string()), "{t:?}");
    assert!(
        t.iter().any(|p| p.contains(&format!("即于{due}前"))),
        "{due} in {t:?}"
    );
    // The measures, numbered in the document's own style.
    assert!(t.iter().any(|p| p.starts_with("（一）")) && t.iter().any(|p| p.starts_with("（四）")));
    assert!(t.iter().any(|p| p.starts_with("抄送：")));
    // GB/T 9704-2012: A4 and its margins (37/35/28/26 mm in twentieths of a point).
    let doc = docx_rs::read_docx(&bytes).unwrap();
    let sp = &doc.document.section_property;
    let size = serde_json::to_value(&sp.page_size).unwrap();
    assert_eq!(
        (&size["w"], &size["h"]),
        (&11906.into(), &16838.into()),
        "{size}"
    );
    let m = &sp.page_margin;
    assert_eq!((m.top, m.bottom, m.left, m.right), (2098, 1984, 1587, 1474));
    assert!(sp.footer_reference.is_some(), "page numbers");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never over an existing file, unless asked.
    std::fs::write(&out, b"mine").unwrap();
    let o = yufang(
        &config,
        &["doc", "suggestion", NO, "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("already exists"), "{}", err(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"mine");
    let o = yufang(
        &config,
        &[
            "doc",
            "suggestion",
            NO,
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    // Standard output, and Markdown.
    let o = yufang(&config, &["doc", "suggestion", NO, "--out", "-"]);
    assert!(o.stdout.starts_with(b"PK"));
    let o = yufang(
        &config,
        &["doc", "suggestion", NO, "--format", "md", "--out", "-"],
    );
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("# 检察建议书") && md.contains(&due), "{md}");
}

#[test]
fn the_urging_letter_cites_the_number_receipt_and_days_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let out = dir.path().join("u.docx");
    let o = yufang(
        &config,
        &["doc", "urging", NO, "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", err(&o));
    let body = texts(&std::fs::read(&out).unwrap()).join("\n");
    let item = overdue_item(&config, "overdue_replies", NO);
    for want in [
        NO.to_string(),
        cn(item["received_on"].as_str().unwrap()),
        cn(item["reply_due"].as_str().unwrap()),
        format!("已逾期{}日", item["days_overdue"]),
    ] {
        assert!(body.contains(&want), "{want} in {body}");
    }
    // A suggestion that was answered gets no urging letter.
    let o = yufang(
        &config,
        &["doc", "urging", "X检建〔2026〕1号", "--out", "-"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("not overdue (replied)"), "{}", err(&o));
}

#[test]
fn the_visit_form_lists_the_measures_and_the_analysis_outlines_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let o = yufang(&config, &["doc", "visit", "X检建〔2026〕1号", "--out", "-"]);
    assert!(o.status.success(), "{}", err(&o));
    let t = texts(&o.stdout);
    assert!(t.contains(&"清源县交通运输局".to_string()), "{t:?}");
    assert!(t.contains(&"建议措施".to_string()));
    assert!(t.iter().any(|p| p.contains("全面推行非现场缴款")), "{t:?}");

    let o = yufang(
        &config,
        &["doc", "analysis", "清检刑受〔2025〕150号", "--out", "-"],
    );
    assert!(o.status.success(), "{}", err(&o));
    let t = texts(&o.stdout);
    assert!(
        t[1].starts_with("关于清源县卫生健康局") && t[1].ends_with("犯罪分析报告"),
        "{t:?}"
    );
    assert!(t.contains(&"三、原因分析".to_string()));

    let o = yufang(&config, &["doc", "memo", "1"]);
    assert_eq!(o.status.code(), Some(2));
    let o = yufang(&config, &["doc", "suggestion", "X检建〔2099〕1号"]);
    assert!(
        err(&o).contains("no suggestion has the document number"),
        "{}",
        err(&o)
    );
}

#[test]
fn an_office_template_beside_the_config_is_used_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[documents]\norgan = \"城南区人民检察院\"\ncontact = \"李明\"\nphone = \"0000-1234567\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    let tpl = dir.path().join("templates/suggestion.txt");
    std::fs::write(
        &tpl,
        "@organ {{organ}}\n@title 检察建议书\n{{measures}}\n{{contact}}\n",
    )
    .unwrap();
    let o = yufang(&config, &["doc", "suggestion", NO, "--out", "-"]);
    assert!(o.status.success(), "{}", err(&o));
    let t = texts(&o.stdout);
    assert_eq!(t[0], "城南区人民检察院");
    assert_eq!(t.len(), 1 + 1 + 4 + 1, "{t:?}");
    assert_eq!(t[6], "（联系人：李明，联系电话：0000-1234567）");

    std::fs::write(&tpl, "@organ {{organ}}\n正文{{nonsense}}\n").unwrap();
    let o = yufang(&config, &["doc", "suggestion", NO, "--out", "-"]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("suggestion.txt, line 2: unknown value {{nonsense}}"),
        "{e}"
    );
}
