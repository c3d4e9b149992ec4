//! The workbook commands on the built binary (issue 13): `export --format xlsx [--ledger] [--force]`,
//! `import FILE.xlsx --sheet NAME`, `import --mapping FILE` saving a mapping and reading it again.

use std::path::Path;
use std::process::{Command, Output};

use super::TODAY;
use super::workbooks::office_ledger;

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
fn cli_xlsx_export_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let demo = ["--demo", "--today", TODAY, "--lang", "en"];
    let run = |extra: &[&str]| yufang(&[&demo[..], extra].concat(), p);
    let out = run(&["export", "--format", "xlsx", "--out", "a.xlsx"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("records to a.xlsx"),
        "{}",
        text(&out.stdout)
    );
    let before = std::fs::read(p.join("a.xlsx")).unwrap();
    let out = run(&["export", "--format", "xlsx", "--ledger", "--out", "a.xlsx"]);
    assert!(!out.status.success());
    assert_eq!(
        text(&out.stderr).trim(),
        "yufang: a.xlsx already exists and is not an earlier yufang file of this kind: add --force to replace it, or choose another name"
    );
    assert_eq!(std::fs::read(p.join("a.xlsx")).unwrap(), before);
    let out = run(&[
        "export", "--format", "xlsx", "--ledger", "--out", "a.xlsx", "--force",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_ne!(std::fs::read(p.join("a.xlsx")).unwrap(), before);
    let out = run(&["export", "--format", "csv", "--ledger"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--ledger is a workbook"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn cli_mapping_is_saved_by_the_first_import_and_read_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("台账.xlsx"), office_ledger()).unwrap();
    let db = p.join("y.db");
    let db = db.to_str().unwrap();
    let base = ["--db", db, "--today", TODAY, "--lang", "en", "import"];
    let out = yufang(
        &[
            &base[..],
            &[
                "台账.xlsx",
                "--sheet",
                "检察建议台账",
                "--dry-run",
                "--mapping",
                "map.toml",
            ],
        ]
        .concat(),
        p,
    );
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("the column mapping was saved to map.toml"),
        "{}",
        text(&out.stdout)
    );
    let map = std::fs::read_to_string(p.join("map.toml")).unwrap();
    assert!(map.contains("\"建议类型\" = \"legal_type\""), "{map}");
    assert!(map.contains("\"经办人\" = \"skip\""), "{map}");
    // The office says 经办人 holds the notes: the next import reads it so.
    std::fs::write(
        p.join("map.toml"),
        map.replace("\"经办人\" = \"skip\"", "\"经办人\" = \"notes\"")
            .replace("\"备注\" = \"notes\"", "\"备注\" = \"skip\""),
    )
    .unwrap();
    let out = yufang(
        &[
            &base[..],
            &[
                "台账.xlsx",
                "--sheet",
                "检察建议台账",
                "--mapping",
                "map.toml",
            ],
        ]
        .concat(),
        p,
    );
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        !text(&out.stdout).contains("saved to"),
        "{}",
        text(&out.stdout)
    );
    let store = crate::common::open(Path::new(db), TODAY);
    let notes: String = store
        .conn()
        .query_row(
            "SELECT notes FROM suggestions WHERE doc_no = 'X检建〔2025〕1号'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(notes, "张三");
    // A mapping naming no field is refused before anything is read.
    std::fs::write(
        p.join("bad.toml"),
        "[suggestions]\n\"类别\" = \"categry\"\n",
    )
    .unwrap();
    let out = yufang(
        &[&base[..], &["台账.xlsx", "--mapping", "bad.toml"]].concat(),
        p,
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--mapping bad.toml: not a column mapping: [suggestions] \"类别\" = \"categry\": not a field"),
        "{}",
        text(&out.stderr)
    );
}
