//! Issue 15: nothing lost, nothing leaked — locks, foreign and damaged stores, private modes, `--out`,
//! formula cells, signals. The helpers shared by the tests are here; the tests are in the submodules.

mod app;
mod files;
mod store;

use std::path::Path;

use rusqlite::Connection;

pub fn units_seen_by_another_connection(path: &Path) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let mut q = c.prepare("SELECT name FROM units ORDER BY id").unwrap();
    q.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

pub fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_yufang"));
    c.env("YUFANG_CONFIG", "/nonexistent/yufang-safety.toml")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("YUFANG_DB")
        .env_remove("YUFANG_TODAY")
        .env_remove("YUFANG_LANG");
    c
}

/// The binary under `sh -c 'umask U; exec yufang ARGS'`.
pub fn under_umask(umask: &str, args: &[&str]) -> std::process::Output {
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_yufang"))
        .args(args)
        .env("YUFANG_CONFIG", "/nonexistent/yufang-safety.toml")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL");
    c.output().unwrap()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

pub fn integrity(path: &Path) -> String {
    let c = Connection::open(path).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

pub fn kill(pid: u32, sig: &str) {
    let st = std::process::Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
}

/// A units spreadsheet of `n` rows in the export's own layout.
pub fn units_csv(path: &Path, n: usize) {
    let mut text = String::from("name,industry/system,region\n");
    for i in 0..n {
        text.push_str(&format!("单位{i:06},系统{},地区{}\n", i % 17, i % 5));
    }
    std::fs::write(path, text).unwrap();
}

/// Overwrites the b-tree header of the `units` table's root page with junk.
pub fn corrupt_units_page(db: &Path) {
    let (root, page_size): (i64, i64) = {
        let c = Connection::open(db).unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE")
            .unwrap();
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'units'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        (root, size)
    };
    let mut bytes = std::fs::read(db).unwrap();
    let at = ((root - 1) * page_size) as usize;
    bytes[at..at + 12].copy_from_slice(&[0xFF; 12]);
    std::fs::write(db, bytes).unwrap();
}
