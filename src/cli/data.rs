//! `yufang export`, `import`, `backup`, `restore`, and the automatic daily backup of commands that write.

use crate::files::{ExportKind, ExportOptions, export_to_file};
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
                    let opts = ExportOptions {
                        at: &at,
                        with_log,
                        plain_utf8,
                    };
                    let n =
                        export_to_file(&ctx.store, ExportKind::Json, path, lang, opts, &mut tick)
                            .map_err(Fail::run)?;
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
            let mut bar = Bar::new(lang.t(K::ExpProgress));
            let opts = ExportOptions {
                at: "",
                with_log,
                plain_utf8,
            };
            let done = export_to_file(
                &ctx.store,
                ExportKind::Csv,
                &dir,
                lang,
                opts,
                &mut |d, t| bar.tick(d, t),
            )
            .map_err(Fail::run)?;
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
