//! `yufang export`, `import`, `backup`, `restore`, and the automatic daily backup of commands that write.

use crate::files::{ExportKind, ExportOptions, export_to_file};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::progress::Bar;
use super::{Ctx, Fail};
use crate::i18n::{K, Lang};
use crate::ledger::mapping::Mapping;
use crate::outfile::{self, Target};
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

/// Refuses an `--out` that is the store itself, before anything opens it: it would be replaced, and
/// closing any descriptor of it drops this process's locks on the store.
pub fn refuse_the_store(ctx: &Ctx, out: Option<&Path>) -> Result<(), Fail> {
    if let Some(p) = out
        && let (Ok(a), Ok(b)) = (p.canonicalize(), ctx.store.path().canonicalize())
        && a == b
    {
        return Err(Fail::usage(ctx.lang.f(K::BakOntoStore, &[&p.display()])));
    }
    Ok(())
}

fn fail(lang: Lang, e: &DataError) -> Fail {
    Fail::run(e.message(lang))
}

/// The workbook options of `yufang export`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Workbook {
    pub ledger: bool,
    pub force: bool,
}

pub fn export(
    ctx: &Ctx,
    format: &str,
    out: Option<&Path>,
    with_log: bool,
    plain_utf8: bool,
    workbook: Workbook,
) -> Result<(), Fail> {
    let lang = ctx.lang;
    let force = workbook.force;
    refuse_the_store(ctx, out)?;
    let refused = |e: outfile::OutError| Fail::run(e.message(lang));
    let format = format.trim().to_lowercase();
    if workbook.ledger && format != "xlsx" {
        return Err(Fail::usage(lang.t(K::ExpLedgerNeedsXlsx).to_string()));
    }
    match format.as_str() {
        "xlsx" => {
            let stem = if workbook.ledger { "ledger" } else { "export" };
            let path = out.map_or_else(
                || PathBuf::from(format!("yufang-{stem}-{}.xlsx", ctx.today)),
                Path::to_path_buf,
            );
            // Never replace a file silently, nor anything that is not a regular file.
            let path = match outfile::check_target(&path, force, |_| false).map_err(refused)? {
                Target::File(p) => p,
                Target::Stdout => return Err(Fail::usage(lang.f(K::ExpExists, &[&"-"]))),
            };
            let mut bar = Bar::new(lang.t(K::ExpProgress));
            let mut tick = |d: u64, t: u64| bar.tick(d, t);
            let (n, done) = if workbook.ledger {
                let n = export::export_ledger(&ctx.store, &path, lang, &mut tick);
                (n, K::ExpLedgerDone)
            } else {
                let n = export::export_xlsx(&ctx.store, &path, lang, &mut tick);
                (n, K::ExpXlsxDone)
            };
            let n = n.map_err(|e| fail(lang, &e))?;
            bar.finish();
            println!("{}", lang.f(done, &[&n, &path.display()]));
            Ok(())
        }
        "json" => {
            let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
            let mut bar = Bar::new(lang.t(K::ExpProgress));
            let mut tick = |d: u64, t: u64| bar.tick(d, t);
            let out = match out
                .map(|p| outfile::check_target(p, force, export::looks_like_json_export))
            {
                None | Some(Ok(Target::Stdout)) => None,
                Some(Ok(Target::File(p))) => Some(p),
                Some(Err(e)) => return Err(refused(e)),
            };
            match out.as_deref() {
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
            check_csv_dir(&ctx.store, &dir, force).map_err(refused)?;
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

/// Refuses a CSV export folder that is a symlink or not a folder, and files in it that are not yufang's
/// earlier export of the same table (compared with the header row this version writes, in either language).
fn check_csv_dir(
    store: &crate::store::Store,
    dir: &Path,
    force: bool,
) -> Result<(), outfile::OutError> {
    if let Ok(m) = std::fs::symlink_metadata(dir) {
        let what = if m.file_type().is_symlink() {
            Some(K::OutSymlink)
        } else if !m.is_dir() {
            Some(K::OutSpecial)
        } else {
            None
        };
        if let Some(what) = what {
            return Err(outfile::OutError::NotRegular {
                path: dir.into(),
                what,
            });
        }
    }
    for (file, table) in CSV_FILES {
        let path = dir.join(file);
        if force || std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let headers = [Lang::En, Lang::Zh].map(|l| csv_header(store, table, l));
        let ours = |head: &[u8]| {
            let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
            headers.iter().any(|h| !h.is_empty() && head.starts_with(h))
        };
        if !csv_target_ok(&path, &ours)? {
            return Err(outfile::OutError::Exists { path });
        }
    }
    Ok(())
}

/// The header line yufang writes for `table` in `lang` (read from the first line of a one-table export).
fn csv_header(store: &crate::store::Store, table: &str, lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    // The rows after the header are thrown away: a header is all that is compared.
    let mut w = FirstLine(&mut out, false);
    let _ = export::export_csv(store, table, lang, &mut w, &mut |_| {});
    out
}

/// Keeps what is written up to the first line break, then refuses the rest, which ends the export early.
struct FirstLine<'a>(&'a mut Vec<u8>, bool);

impl Write for FirstLine<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.1 {
            return Err(std::io::Error::other("header read"));
        }
        match buf.iter().position(|b| *b == b'\n') {
            Some(i) => {
                self.0.extend_from_slice(&buf[..=i]);
                self.1 = true;
            }
            None => self.0.extend_from_slice(buf),
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// [`outfile::check_target`] with a closure for `ours`.
fn csv_target_ok(path: &Path, ours: &dyn Fn(&[u8]) -> bool) -> Result<bool, outfile::OutError> {
    match outfile::check_target(path, true, outfile::never_ours)? {
        Target::Stdout => Ok(true),
        Target::File(p) => {
            use std::io::Read;
            let mut head = Vec::new();
            let _ = File::open(&p).and_then(|f| f.take(4096).read_to_end(&mut head));
            Ok(ours(&head))
        }
    }
}

pub fn import(
    mut ctx: Ctx,
    files: &[PathBuf],
    dry_run: bool,
    on_duplicate: &str,
    entity: Option<&str>,
    sheet: Option<String>,
    mapping_file: Option<&Path>,
) -> Result<(), Fail> {
    let lang = ctx.lang;
    // An existing mapping file is read; a new one is written with the mapping this import chose.
    let mapping = match mapping_file {
        Some(p) if std::fs::symlink_metadata(p).is_ok() => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Fail::usage(lang.f(K::DataCannotRead, &[&p.display(), &e])))?;
            Some(
                Mapping::parse(&text)
                    .map_err(|e| Fail::usage(lang.f(K::ImpMappingBad, &[&p.display(), &e])))?,
            )
        }
        _ => None,
    };
    let save_to = mapping_file.filter(|_| mapping.is_none());
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
        sheet,
        mapping,
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
    if let Some(p) = save_to
        && report.mapping != Mapping::default()
    {
        let saved =
            File::create_new(p).and_then(|mut f| f.write_all(report.mapping.to_toml().as_bytes()));
        let line = match saved {
            Ok(()) => lang.f(K::ImpMappingSaved, &[&p.display(), &p.display()]),
            Err(e) => lang.f(K::DataCannotWrite, &[&p.display(), &e]),
        };
        let _ = writeln!(out, "{line}");
    }
    if report.problems.is_empty() {
        let _ = writeln!(out, "{outcome}");
        Ok(())
    } else {
        Err(Fail::run(outcome))
    }
}

/// Whether `head` is the start of a yufang store (SQLite with yufang's application id), which a backup
/// may replace.
fn looks_like_store(head: &[u8]) -> bool {
    head.starts_with(b"SQLite format 3\0")
        && head.get(68..72) == Some(&crate::store::APPLICATION_ID.to_be_bytes()[..])
}

pub fn backup(ctx: &Ctx, out: Option<&Path>, force: bool) -> Result<(), Fail> {
    let lang = ctx.lang;
    refuse_the_store(ctx, out)?;
    let out = match out.map(|p| outfile::check_target(p, force, looks_like_store)) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => return Err(Fail::run(e.message(lang))),
    };
    if out == Some(Target::Stdout) {
        // SQLite writes a file; the copy goes through a private temporary one.
        let dir = tempfile::tempdir().map_err(|e| Fail::run(e.to_string()))?;
        let tmp = dir.path().join("backup.db");
        backup::backup_to(&ctx.store, &tmp).map_err(|e| fail(lang, &e))?;
        let mut f = File::open(&tmp).map_err(|e| Fail::run(e.to_string()))?;
        std::io::copy(&mut f, &mut std::io::stdout().lock())
            .map_err(|e| Fail::run(lang.f(K::CliWrite, &[&"-", &e])))?;
        return Ok(());
    }
    let out = match &out {
        Some(Target::File(p)) => Some(p.as_path()),
        _ => None,
    };
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
