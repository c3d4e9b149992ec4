//! `yufang report`: the prevention report draft of a period in md, html, docx, csv, xlsx or json, for this
//! office or (`--offices`) for several offices side by side.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args};

use super::{Ctx, Fail};
use crate::domain::parse_date;
use crate::domain::stats::{Narrow, Period};
use crate::i18n::{K, Lang};
use crate::report::{self, Format};
use crate::store::Store;
use crate::store::stats::YearInView;

#[derive(Args, Debug, Clone)]
#[command(group(ArgGroup::new("period").required(true).args(["year", "from"])))]
pub struct ReportArgs {
    /// The year (with --half or --quarter: part of it).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    #[arg(long, value_name = "1|2", requires = "year", conflicts_with = "quarter",
          value_parser = clap::value_parser!(u8).range(1..=2))]
    pub half: Option<u8>,
    #[arg(long, value_name = "1-4", requires = "year",
          value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quarter: Option<u8>,
    /// First day of the period (with --to).
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        requires = "to",
        conflicts_with = "year"
    )]
    pub from: Option<String>,
    /// Last day of the period (with --from).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<String>,
    /// md, html, docx, csv, xlsx or json.
    #[arg(long, default_value = "md", value_name = "FORMAT")]
    pub format: String,
    /// Write to this file (`-`: standard output). An existing file is kept unless --force.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing --out file.
    #[arg(long)]
    pub force: bool,
    /// Only suggestions to, cases of and work at this unit (by name).
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,
    /// Only units of this industry (system).
    #[arg(long, value_name = "INDUSTRY")]
    pub industry: Option<String>,
    /// Only units of this region.
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// A roll-up: the same statistics of each office (store files or JSON exports), one column per office
    /// and a total; the stores are read, never merged or changed.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub offices: Vec<PathBuf>,
}

fn period(a: &ReportArgs, lang: Lang) -> Result<Period, Fail> {
    let bad = || Fail::usage(lang.t(K::RpCliBadPeriod).to_string());
    match (a.year, &a.from, &a.to) {
        (Some(y), _, _) => {
            if !(1990..=2100).contains(&y) {
                return Err(bad());
            }
            match (a.half, a.quarter) {
                (Some(h), _) => Period::half(y, h),
                (_, Some(q)) => Period::quarter(y, q),
                _ => Period::year(y),
            }
            .ok_or_else(bad)
        }
        (None, Some(f), Some(t)) => {
            let day = |s: &str, flag: &str| {
                parse_date(s).ok_or_else(|| Fail::usage(lang.f(K::RpCliBadDate, &[&flag, &s])))
            };
            Period::range(day(f, "--from")?, day(t, "--to")?).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

fn narrow(ctx: &Ctx, a: &ReportArgs) -> Result<Narrow, Fail> {
    let lang = ctx.lang;
    let unit = match &a.unit {
        None => None,
        Some(name) => Some(
            ctx.store
                .unit_by_name(name)
                .map_err(|e| Fail::run(e.message(lang)))?
                .ok_or_else(|| Fail::usage(lang.f(K::RpCliNoUnit, &[name])))?
                .id,
        ),
    };
    Ok(Narrow {
        unit,
        industry: a.industry.clone(),
        region: a.region.clone(),
    })
}

/// The office name heading the report: the config's, the sample office's, or a reminder to set it.
/// (A roll-up runs on a throwaway store too, but is not the sample office.)
fn office_name(ctx: &Ctx, rollup: bool) -> String {
    match &ctx.office_name {
        Some(n) if !n.trim().is_empty() => n.trim().to_string(),
        _ if ctx.demo_dir.is_some() && !rollup => ctx.lang.t(K::RpDemoOffice).to_string(),
        _ => ctx.lang.t(K::RpOfficeUnset).to_string(),
    }
}

pub fn run(ctx: &Ctx, a: &ReportArgs) -> Result<(), Fail> {
    let lang = ctx.lang;
    let format = Format::parse(&a.format)
        .ok_or_else(|| Fail::usage(lang.f(K::RpCliBadFormat, &[&a.format])))?;
    let period = period(a, lang)?;
    let narrow = narrow(ctx, a)?;
    let risk_years = ctx.store.rules().settings.risk_years;
    let bytes = if a.offices.is_empty() {
        let view = ctx
            .store
            .year_in_view(&period, &narrow, risk_years)
            .map_err(|e| Fail::run(e.message(lang)))?;
        let office = office_name(ctx, false);
        render_one(&view, &office, lang, format)?
    } else {
        let mut views = Vec::new();
        for path in &a.offices {
            let (_dir, store) = open_office(ctx, path)?;
            let view = store
                .year_in_view(&period, &narrow, risk_years)
                .map_err(|e| {
                    Fail::run(lang.f(K::RpCliOffice, &[&path.display(), &e.message(lang)]))
                })?;
            let name = path.file_stem().map_or_else(
                || path.display().to_string(),
                |s| s.to_string_lossy().to_string(),
            );
            views.push((name, view));
        }
        let title = office_name(ctx, true);
        match format {
            Format::Json => report::rollup::json(&views, lang).into_bytes(),
            f => report::render(&report::rollup::build(&views, &title, lang), f)
                .map_err(|e| Fail::run(e.0))?,
        }
    };
    write_out(a.out.as_deref(), a.force, format, &bytes, lang)
}

fn render_one(
    view: &YearInView,
    office: &str,
    lang: Lang,
    format: Format,
) -> Result<Vec<u8>, Fail> {
    match format {
        Format::Json => Ok(report::json::render(view, office, lang).into_bytes()),
        f => report::render(&report::build(view, office, lang), f).map_err(|e| Fail::run(e.0)),
    }
}

/// One office of a roll-up on a private temporary copy: a store file is copied with SQLite's backup (the
/// original is opened read-only, so it is neither migrated nor changed); a JSON export is imported.
fn open_office(ctx: &Ctx, path: &Path) -> Result<(tempfile::TempDir, Store), Fail> {
    let lang = ctx.lang;
    let fail = |m: String| Fail::run(lang.f(K::RpCliOffice, &[&path.display(), &m]));
    let dir = tempfile::Builder::new()
        .prefix("yufang-rollup-")
        .tempdir()
        .map_err(|e| fail(e.to_string()))?;
    let copy = dir.path().join("office.db");
    let head = {
        use std::io::Read;
        let mut b = [0u8; 16];
        let n = std::fs::File::open(path)
            .and_then(|mut f| f.read(&mut b))
            .map_err(|e| fail(e.to_string()))?;
        b[..n].to_vec()
    };
    let rules = ctx.store.rules().clone();
    if head.starts_with(b"SQLite format 3") {
        let src =
            rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| fail(e.to_string()))?;
        src.backup(
            rusqlite::MAIN_DB,
            &copy,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .map_err(|e| fail(e.to_string()))?;
        let store = Store::open(&copy, rules, ctx.today).map_err(|e| fail(e.message(lang)))?;
        return Ok((dir, store));
    }
    let mut store = Store::open(&copy, rules, ctx.today).map_err(|e| fail(e.message(lang)))?;
    let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    let len = file.metadata().ok().map(|m| m.len());
    let opts = crate::store::import::ImportOptions {
        lang,
        ..Default::default()
    };
    let input = crate::store::import::Input::new(path.display().to_string(), file, len);
    let rep = crate::store::import::import(&mut store, vec![input], &opts, &mut |_, _| {})
        .map_err(|e| fail(e.message(lang)))?;
    if !rep.problems.is_empty() {
        return Err(fail(rep.lines(lang).join("; ")));
    }
    Ok((dir, store))
}

/// Standard output, or a new file readable by its owner only; an existing file is replaced only with
/// `--force`. Word and Excel files are not poured onto a terminal.
fn write_out(
    out: Option<&Path>,
    force: bool,
    format: Format,
    bytes: &[u8],
    lang: Lang,
) -> Result<(), Fail> {
    let to_stdout = out.is_none_or(|p| p == Path::new("-"));
    if to_stdout {
        let mut stdout = std::io::stdout().lock();
        if format.is_binary() && stdout.is_terminal() {
            return Err(Fail::usage(lang.t(K::RpCliBinaryTty).to_string()));
        }
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Fail::run(e.to_string()));
    }
    let Some(path) = out else { return Ok(()) };
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true);
    if force {
        opts.create(true).truncate(true);
    } else {
        opts.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Fail::usage(lang.f(K::RpCliExists, &[&path.display()]))
        } else {
            Fail::run(lang.f(K::CliWrite, &[&path.display(), &e]))
        }
    })?;
    #[cfg(unix)]
    {
        // A file replaced with --force keeps no wider permissions than a new one.
        use std::os::unix::fs::PermissionsExt;
        let _ = f.set_permissions(std::fs::Permissions::from_mode(0o600));
    }
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| Fail::run(lang.f(K::CliWrite, &[&path.display(), &e])))?;
    eprintln!("{}", lang.f(K::RpCliWritten, &[&path.display()]));
    Ok(())
}
