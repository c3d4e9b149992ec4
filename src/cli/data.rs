//! `yufang export`, `import`, `backup`, `restore`, and the automatic daily backup of commands that write.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::progress::Bar;
use super::{Ctx, Fail};
use crate::i18n::{K, Lang};
use crate::store::backup;
use crate::store::export::{self, CSV_FILES, DataError};
use crate::store::import::{self, ImportOptions, Input, OnDuplicate, Sheet};

/// The daily backup at the start of the full-screen app and of commands that write. Never for the
/// throwaway demo office. Quiet when it works (the file is in `backups/`); a failure is one line on stderr
/// and does not stop the command.
pub fn auto_backup(ctx: &Ctx) {
    if ctx.demo_dir.is_some() {
        return;
    }
    if let Err(e) = backup::auto_backup(&ctx.store) {
        eprintln!(
            "yufang: {}",
            ctx.lang.f(K::BakAutoFailed, &[&e.message(ctx.lang)])
        );
    }
}

fn fail(lang: Lang, e: &DataError) -> Fail {
    Fail::run(e.message(lang))
}

/// Writes through a `.part` file renamed at the end, so a failed export never leaves a half file under the
/// real name.
fn write_atomically(
    path: &Path,
    lang: Lang,
    f: impl FnOnce(&mut dyn Write) -> Result<u64, DataError>,
) -> Result<u64, Fail> {
    let cannot =
        |e: &dyn std::fmt::Display| Fail::run(lang.f(K::DataCannotWrite, &[&path.display(), e]));
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.part"));
    let file = File::create(&tmp).map_err(|e| cannot(&e))?;
    let mut w = BufWriter::new(file);
    let res = f(&mut w).and_then(|n| {
        w.flush()?;
        Ok(n)
    });
    drop(w);
    match res {
        Ok(n) => {
            std::fs::rename(&tmp, path).map_err(|e| cannot(&e))?;
            Ok(n)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(cannot(&e.message(lang)))
        }
    }
}

pub fn export(
    ctx: &Ctx,
    format: &str,
    out: Option<&Path>,
    with_log: bool,
    plain_utf8: bool,
) -> Result<(), Fail> {
    let lang = ctx.lang;
    match format.trim().to_lowercase().as_str() {
        "json" => {
            let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
            let mut bar = Bar::new(lang.t(K::ExpProgress));
            let mut tick = |d: u64, t: u64| bar.tick(d, t);
            match out {
                None => {
                    let stdout = std::io::stdout();
                    let mut w = BufWriter::new(stdout.lock());
                    export::export_json(&ctx.store, &mut w, with_log, &at, &mut tick)
                        .map_err(|e| fail(lang, &e))?;
                }
                Some(path) => {
                    let n = write_atomically(path, lang, |w| {
                        export::export_json(&ctx.store, w, with_log, &at, &mut tick)
                    })?;
                    bar.finish();
                    println!("{}", lang.f(K::ExpJsonDone, &[&n, &path.display()]));
                }
            }
            Ok(())
        }
        "csv" => {
            let dir = out.map_or_else(
                || PathBuf::from(format!("yufang-export-{}", ctx.today)),
                Path::to_path_buf,
            );
            std::fs::create_dir_all(&dir)
                .map_err(|e| Fail::run(lang.f(K::DataCannotWrite, &[&dir.display(), &e])))?;
            let total: u64 = export::counts(&ctx.store)
                .map_err(|e| fail(lang, &e))?
                .iter()
                .map(|(_, n)| n)
                .sum();
            let mut bar = Bar::new(lang.t(K::ExpProgress));
            let mut done = 0u64;
            for (file, table) in CSV_FILES {
                let path = dir.join(file);
                let n = write_atomically(&path, lang, |w| {
                    if !plain_utf8 {
                        // Excel takes a CSV without a byte-order mark for the local code page (GBK).
                        w.write_all(b"\xEF\xBB\xBF")?;
                    }
                    export::export_csv(&ctx.store, table, lang, w, &mut |d| {
                        bar.tick(done + d, total)
                    })
                })?;
                done += n;
            }
            bar.finish();
            println!(
                "{}",
                lang.f(K::ExpCsvDone, &[&done, &dir.display(), &CSV_FILES.len()])
            );
            Ok(())
        }
        other => Err(Fail::usage(lang.f(K::ExpBadFormat, &[&other]))),
    }
}

pub fn import(
    mut ctx: Ctx,
    files: &[PathBuf],
    dry_run: bool,
    on_duplicate: &str,
    entity: Option<&str>,
) -> Result<(), Fail> {
    let lang = ctx.lang;
    let on_duplicate = OnDuplicate::parse(on_duplicate)
        .ok_or_else(|| Fail::usage(lang.f(K::ImpBadOnDuplicate, &[&on_duplicate])))?;
    let entity = match entity {
        None => None,
        Some(e) => {
            Some(Sheet::parse(e).ok_or_else(|| Fail::usage(lang.f(K::ImpBadEntity, &[&e])))?)
        }
    };
    let mut inputs = Vec::new();
    for path in files {
        let file = File::open(path)
            .map_err(|e| Fail::run(lang.f(K::DataCannotRead, &[&path.display(), &e])))?;
        let len = file.metadata().ok().map(|m| m.len());
        let name = path.display().to_string();
        inputs.push(Input::new(name, file, len));
    }
    if !dry_run {
        auto_backup(&ctx);
    }
    let opts = ImportOptions {
        dry_run,
        on_duplicate,
        entity,
        lang,
    };
    let mut bar = Bar::new(lang.t(K::ImpProgress));
    let report = import::import(&mut ctx.store, inputs, &opts, &mut |d, t| bar.tick(d, t))
        .map_err(|e| Fail::run(e.message(lang)))?;
    bar.finish();
    let mut lines = report.lines(lang);
    let outcome = lines.pop().unwrap_or_default();
    let mut out = std::io::stdout().lock();
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    if report.problems.is_empty() {
        let _ = writeln!(out, "{outcome}");
        Ok(())
    } else {
        Err(Fail::run(outcome))
    }
}

pub fn backup(ctx: &Ctx, out: Option<&Path>) -> Result<(), Fail> {
    let lang = ctx.lang;
    let path = match out {
        None if ctx.demo_dir.is_some() => {
            return Err(Fail::usage(lang.t(K::BakDemoNeedsOut).to_string()));
        }
        None => backup::backup_now(&ctx.store).map_err(|e| fail(lang, &e))?,
        Some(p) => {
            let same = match (p.canonicalize(), ctx.store.path().canonicalize()) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            };
            if same {
                return Err(Fail::usage(lang.f(K::BakOntoStore, &[&p.display()])));
            }
            backup::backup_to(&ctx.store, p).map_err(|e| fail(lang, &e))?;
            p.to_path_buf()
        }
    };
    println!("{}", path.display());
    Ok(())
}

pub fn restore(mut ctx: Ctx, file: &Path) -> Result<(), Fail> {
    let lang = ctx.lang;
    let done = backup::restore(&mut ctx.store, file).map_err(|e| fail(lang, &e))?;
    let count = |t: &str| {
        done.counts
            .iter()
            .find(|(n, _)| *n == t)
            .map_or(0, |(_, c)| *c)
    };
    println!(
        "{}",
        lang.f(
            K::RstDone,
            &[
                &ctx.store.path().display(),
                &done.from.display(),
                &done.schema,
                &count("units"),
                &count("cases"),
                &count("suggestions"),
                &done.kept.display(),
            ],
        )
    );
    Ok(())
}
