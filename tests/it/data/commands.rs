//! `export`, `import`, `backup` and `restore` on the built binary.

use std::path::Path;
use std::process::{Command, Output};

use super::{TODAY, file_hash, gbk, without_time};
use crate::common::{open, small_office};

fn yufang(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yufang"))
        .args(args)
        .current_dir(cwd)
        .env_remove("YUFANG_DB")
        .env_remove("YUFANG_TODAY")
        .env_remove("YUFANG_LANG")
        .env("YUFANG_CONFIG", "/nonexistent/yufang-test-config.toml")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn cli_export_import_export_gives_the_same_json() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let out = yufang(
        &[
            "--demo",
            "--today",
            TODAY,
            "export",
            "--format",
            "json",
            "--out",
            "a.json",
            "--with-log",
        ],
        p,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("exported 298 records to a.json"),
        "{}",
        text(&out.stdout)
    );
    let out = yufang(&["--db", "b.db", "--today", TODAY, "import", "a.json"], p);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with("import finished\n"));
    let out = yufang(
        &["--db", "b.db", "--today", TODAY, "export", "--with-log"],
        p,
    );
    assert!(out.status.success());
    let a = std::fs::read_to_string(p.join("a.json")).unwrap();
    assert_eq!(without_time(&a), without_time(&text(&out.stdout)));
    // The store had records when the export command started? No: export does not write, so no backup;
    // the import into a fresh store had nothing to back up either.
    assert!(!p.join("backups").exists());
}

#[test]
fn cli_csv_export_is_utf8_with_bom_in_the_ui_language() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let out = yufang(
        &[
            "--demo", "--today", TODAY, "--lang", "zh", "export", "--format", "csv", "--out",
            "sheets",
        ],
        p,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "已导出 149 条记录到文件夹 sheets（6 个文件）\n"
    );
    let units = std::fs::read(p.join("sheets/units.csv")).unwrap();
    assert!(units.starts_with("\u{feff}ID,名称,行业（系统）,地区,级别".as_bytes()));
    let out = yufang(
        &[
            "--demo",
            "--today",
            TODAY,
            "export",
            "--format",
            "csv",
            "--out",
            "plain",
            "--plain-utf8",
        ],
        p,
    );
    assert!(out.status.success());
    let units = std::fs::read(p.join("plain/units.csv")).unwrap();
    assert!(units.starts_with(b"ID,name,industry/system,region,level"));
    let out = yufang(&["--demo", "export", "--format", "xml"], p);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "yufang: --format: \"xml\" is not an export format (json, csv or xlsx)\n"
    );
}

#[test]
fn cli_import_with_problems_fails_with_the_report_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let db = p.join("y.db");
    {
        let mut store = open(&db, TODAY);
        small_office(&mut store);
    }
    std::fs::write(p.join("bad.csv"), gbk("文号,标题,被建议单位,收到日期\nX检建〔2026〕70号,关于己的检察建议,清源县教育局,2026年2月30日\n")).unwrap();
    let db_arg = db.to_string_lossy().into_owned();
    for dry in [false, true] {
        let mut args = vec!["--db", &db_arg, "--today", TODAY, "import", "bad.csv"];
        if dry {
            args.push("--dry-run");
        }
        let before = file_hash(&db);
        let out = yufang(&args, p);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            text(&out.stdout),
            "bad.csv:2:4: 收到日期: \"2026年2月30日\" is not a date (e.g. 2026-03-05, 2026/3/5, 2026年3月5日)\n\
bad.csv: read as GBK/GB18030 text: suggestion sheet, 1 data rows\n"
        );
        assert_eq!(
            text(&out.stderr),
            "yufang: 1 problems: nothing was imported; the store is unchanged\n"
        );
        assert_eq!(file_hash(&db), before);
    }
    // The daily backup is made before a real import only (and the failed one above made it).
    assert_eq!(std::fs::read_dir(p.join("backups")).unwrap().count(), 1);
}

#[test]
fn cli_backup_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let db = p.join("y.db");
    {
        let mut store = open(&db, TODAY);
        small_office(&mut store);
    }
    let db_arg = db.to_string_lossy().into_owned();
    let out = yufang(&["--db", &db_arg, "backup"], p);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let made = text(&out.stdout).trim().to_string();
    assert!(
        made.starts_with(&p.join("backups").join("y-").display().to_string()),
        "{made}"
    );
    let out = yufang(&["--db", &db_arg, "backup", "--out", "copy.db"], p);
    assert_eq!(text(&out.stdout), "copy.db\n");
    std::fs::write(p.join("junk.db"), "hello").unwrap();
    let before = file_hash(&db);
    let out = yufang(&["--db", &db_arg, "--lang", "zh", "restore", "junk.db"], p);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "yufang: junk.db 不是 SQLite 数据库，未作恢复\n"
    );
    assert_eq!(file_hash(&db), before);
    let out = yufang(&["--db", &db_arg, "restore", "copy.db"], p);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.starts_with(&format!("restored {db_arg} from copy.db (schema {}: 2 units, 1 cases, 3 suggestions); the store as it was is kept at ", yufang::store::schema_version())), "{said}");
    let out = yufang(&["--demo", "backup"], p);
    assert_eq!(out.status.code(), Some(2));
}
