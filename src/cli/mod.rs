//! The command line: global options, setting up the store, and the non-interactive commands, one file per
//! command family. The room imports everything below it (`store`, `domain`, `files`, `gen`, `app`, `ui`,
//! `tui`); nothing imports `cli` but `main`.

mod data;
mod doc;
mod find;
mod r#gen;
mod ics;
mod overdue;
mod progress;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::config::{Config, Dirs, load_holidays};
use crate::domain::{Rules, parse_date};
use crate::i18n::{K, Lang};
use crate::store::Store;

#[derive(Parser, Debug)]
#[command(
    name = "yufang",
    version,
    about = "预防 yufang: deadlines and records of a duty-crime prevention office"
)]
pub struct Cli {
    /// The store (SQLite file); default: yufang.db in the platform data folder.
    #[arg(long, global = true, env = "YUFANG_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Work on a throwaway copy of a sample office (dates placed around --today).
    #[arg(long, global = true)]
    pub demo: bool,
    /// The date to treat as today.
    #[arg(long, global = true, env = "YUFANG_TODAY", value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// UI language: zh or en (default: config, then LC_ALL/LANG).
    #[arg(long, global = true, env = "YUFANG_LANG", value_name = "zh|en")]
    pub lang: Option<String>,
    /// Config file; default: config.toml in the platform config folder.
    #[arg(long, global = true, env = "YUFANG_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The daily check: overdue replies, replies due soon, filings overdue, return visits due, case gaps.
    Overdue {
        /// Replies due within this many days count as due soon (default: the warning window).
        #[arg(long, value_name = "DAYS")]
        within: Option<u32>,
        /// One JSON object instead of tables.
        #[arg(long)]
        json: bool,
        /// List at most this many items per section; the totals still count them all.
        #[arg(long, value_name = "N", default_value_t = overdue::DEFAULT_LIMIT, conflicts_with = "all")]
        limit: usize,
        /// List every item of every section (a national archive has thousands).
        #[arg(long)]
        all: bool,
    },
    /// Print one rendered frame of a pane as plain text (the same drawing code as the live screen).
    Snapshot {
        /// today, cases, suggestions, calendar or units
        #[arg(long, default_value = "today")]
        pane: String,
        #[arg(long, default_value_t = 100)]
        width: u16,
        #[arg(long, default_value_t = 30)]
        height: u16,
    },
    /// Every open deadline as an iCalendar (.ics) file for ordinary calendar programs.
    Ics {
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE even if it is not an earlier yufang calendar.
        #[arg(long)]
        force: bool,
    },
    /// Export every record: JSON (complete, to move or keep an office) or CSV (one file per entity).
    Export {
        /// json, csv or xlsx
        #[arg(long, default_value = "json", value_name = "json|csv|xlsx")]
        format: String,
        /// JSON: the file (default: standard output). CSV: the folder (default: yufang-export-<today>).
        /// xlsx: the workbook (default: yufang-export-<today>.xlsx, or yufang-ledger-<today>.xlsx).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// xlsx: the suggestion ledger an office prints (deadlines, state, days overdue) instead of the data.
        #[arg(long)]
        ledger: bool,
        /// JSON: include the change log.
        #[arg(long)]
        with_log: bool,
        /// CSV: UTF-8 without the byte-order mark (which Excel needs to read UTF-8).
        #[arg(long)]
        plain_utf8: bool,
        /// Replace existing files even if they are not an earlier yufang export.
        #[arg(long)]
        force: bool,
    },
    /// Import a JSON export, or spreadsheets (CSV/TSV) or workbooks (xlsx/xls/ods) of units, cases and
    /// suggestions, in one transaction.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Check and report everything, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// What to do with a record already in the store: skip or update.
        #[arg(long, default_value = "skip", value_name = "skip|update")]
        on_duplicate: String,
        /// What the spreadsheets hold, instead of guessing from their headers.
        #[arg(long, value_name = "units|cases|suggestions")]
        entity: Option<String>,
        /// Only this sheet of a workbook (by its name on the tab).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Read the headers as this column mapping says; when FILE does not exist yet, save there the
        /// mapping this import chose, to edit and reuse for the next file of the same shape.
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
    },
    /// Make a backup now (into backups/ beside the store, or FILE) and print its path.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE even if it is not a yufang store.
        #[arg(long)]
        force: bool,
    },
    /// Replace the store with a backup, after checking it; the current store is kept in backups/.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print every key of the full-screen app with what it does.
    Keys {
        /// A Markdown table with both languages (as in the README).
        #[arg(long)]
        markdown: bool,
    },
    /// Find any record by a word of its number, name or title, or by pinyin (initials or full).
    Find {
        #[arg(value_name = "TEXT")]
        text: String,
        /// One JSON object instead of tables.
        #[arg(long)]
        json: bool,
        /// List at most this many records of each kind; the counts still count them all.
        #[arg(long, value_name = "N", default_value_t = find::DEFAULT_LIMIT)]
        limit: usize,
    },
    /// A document from the record: the suggestion document, the urging letter, the return-visit form, or the
    /// crime-analysis report outline of a case (Word in the GB/T 9704-2012 layout, or Markdown).
    Doc {
        /// suggestion, urging, visit (of a suggestion) or analysis (of a case)
        #[arg(value_name = "suggestion|urging|visit|analysis")]
        kind: String,
        /// The suggestion's id or document number; for analysis, the case's id or case number.
        #[arg(value_name = "ID")]
        id: String,
        /// docx or md
        #[arg(long, default_value = "docx", value_name = "docx|md")]
        format: String,
        /// The file to write (default: the document's name in this folder); - for standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// A completion script for a shell, to standard output (e.g. `yufang completions bash > ~/.local/share/bash-completion/completions/yufang`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), to standard output (e.g. `yufang man > yufang.1; man ./yufang.1`).
    Man,
    /// The prevention report draft of a period (issue 12), or a roll-up of several offices.
    Report(report::ReportArgs),
    /// Fill an empty store (--db) with a synthetic office history over 20 years ending at --today.
    Gen {
        /// How many suggestions (with N/3 cases, N/20 units, N activities and their follow-up records).
        #[arg(long, value_name = "N")]
        suggestions: u64,
        /// The same seed gives the same office.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// A failure worded for the user, with the exit code to leave with.
#[derive(Debug)]
pub struct Fail {
    pub code: u8,
    pub message: String,
}

impl Fail {
    pub fn usage(message: String) -> Fail {
        Fail { code: 2, message }
    }
    pub fn run(message: String) -> Fail {
        Fail { code: 1, message }
    }
}

/// Everything a command needs: the language, the day, the open store.
pub struct Ctx {
    pub lang: Lang,
    pub today: NaiveDate,
    pub store: Store,
    pub dirs: Option<Dirs>,
    /// The `office_name` config key, heading reports.
    pub office_name: Option<String>,
    /// The `county_prefix` config key: what lists leave off the front of unit names.
    pub county_prefix: Option<String>,
    /// The keys in force: the defaults with the config file's rebindings.
    pub keymap: crate::app::keymap::Keymap,
    /// The config file's rebindings that could not apply, worded with file and line.
    pub key_problems: Vec<String>,
    /// Keeps the demo's temp folder alive until the command ends.
    pub(crate) demo_dir: Option<tempfile::TempDir>,
    /// The office's particulars for documents and where its own templates are.
    pub docs: crate::docs::Setup,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        // Stopped by SIGTERM, SIGHUP or SIGINT: the terminal is restored, the exit code says which.
        Ok(()) => match crate::tui::stopped_by_signal() {
            Some(sig) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
            None => ExitCode::SUCCESS,
        },
        Err(f) => {
            eprintln!("yufang: {}", f.message.replace('\n', " "));
            ExitCode::from(f.code)
        }
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

pub fn run(cli: Cli) -> Result<(), Fail> {
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "yufang", &mut std::io::stdout());
            return Ok(());
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| Fail::run(e.to_string()))?;
            use std::io::Write;
            return std::io::stdout()
                .write_all(&out)
                .map_err(|e| Fail::run(e.to_string()));
        }
        _ => {}
    }
    if let Some(Command::Keys { markdown }) = cli.command {
        let lang = setup_lang(&cli)?;
        let (config, path) = load_config(&cli, lang)?;
        let (keymap, problems) = keymap_from(&config, path.as_deref(), lang);
        for p in &problems {
            eprintln!("yufang: {p}");
        }
        print!("{}", keys_text(&keymap, lang, markdown));
        return Ok(());
    }
    let ctx = setup(&cli)?;
    // The full screen shows them in its message line; a command says them once on stderr.
    if cli.command.is_some() || !crate::tui::available() {
        for p in &ctx.key_problems {
            eprintln!("yufang: {p}");
        }
    }
    match cli.command {
        Some(Command::Overdue {
            within,
            json,
            limit,
            all,
        }) => overdue::run(&ctx, within, json, (!all).then_some(limit)),
        Some(Command::Ics { out, force }) => ics::run(&ctx, out.as_deref(), force),
        Some(Command::Find { text, json, limit }) => find::run(&ctx, &text, json, limit),
        Some(Command::Gen { suggestions, seed }) => {
            r#gen::command(ctx, cli.demo, suggestions, seed)
        }
        Some(Command::Keys { .. } | Command::Completions { .. } | Command::Man) => Ok(()),
        Some(Command::Report(args)) => report::run(&ctx, &args),
        Some(Command::Export {
            format,
            out,
            with_log,
            plain_utf8,
            ledger,
            force,
        }) => data::export(
            &ctx,
            &format,
            out.as_deref(),
            with_log,
            plain_utf8,
            data::Workbook { ledger, force },
        ),
        Some(Command::Import {
            files,
            dry_run,
            on_duplicate,
            entity,
            sheet,
            mapping,
        }) => data::import(
            ctx,
            &files,
            dry_run,
            &on_duplicate,
            entity.as_deref(),
            sheet,
            mapping.as_deref(),
        ),
        Some(Command::Backup { out, force }) => data::backup(&ctx, out.as_deref(), force),
        Some(Command::Doc {
            kind,
            id,
            format,
            out,
            force,
        }) => doc::run(&ctx, &kind, &id, &format, out.as_deref(), force),
        Some(Command::Restore { file }) => data::restore(ctx, &file),
        Some(Command::Snapshot {
            pane,
            width,
            height,
        }) => snapshot(ctx, &pane, width, height),
        // Without a terminal (a pipe, a script) the bare command prints the daily check instead.
        None if !crate::tui::available() => {
            overdue::run(&ctx, None, false, Some(overdue::DEFAULT_LIMIT))
        }
        None => full_screen(ctx, cli.today.is_none()),
    }
}

fn snapshot(ctx: Ctx, pane: &str, width: u16, height: u16) -> Result<(), Fail> {
    let lang = ctx.lang;
    let pane = crate::app::Pane::parse(pane)
        .ok_or_else(|| Fail::usage(lang.f(K::CliBadPane, &[&pane])))?;
    if width == 0 || height == 0 || width > 1000 || height > 1000 {
        return Err(Fail::usage(lang.f(K::CliBadSize, &[&width, &height])));
    }
    let prefix = county_prefix(&ctx);
    let mut app = crate::app::App::new(ctx.store, lang);
    app.county_prefix = prefix;
    app.pane = pane;
    app.resize(width, height);
    app.reload();
    if let Some((crate::app::Tone::Error, msg)) = &app.message {
        return Err(Fail::run(msg.clone()));
    }
    print!(
        "{}",
        crate::ui::snapshot(
            app.sized(width, height),
            width,
            height,
            &crate::ui::Theme::plain()
        )
    );
    Ok(())
}

/// What lists leave off unit names: the setting, else the county of the office's name (the sample office's
/// for `--demo`), else nothing.
fn county_prefix(ctx: &Ctx) -> String {
    if let Some(p) = &ctx.county_prefix {
        return p.trim().to_string();
    }
    let demo = ctx.demo_dir.is_some().then(|| Lang::Zh.t(K::RpDemoOffice));
    ctx.office_name
        .as_deref()
        .or(demo)
        .and_then(crate::text::county_of)
        .unwrap_or_default()
        .to_string()
}

fn full_screen(ctx: Ctx, follow_clock: bool) -> Result<(), Fail> {
    let lang = ctx.lang;
    let is_demo = ctx.demo_dir.is_some();
    let prefix = county_prefix(&ctx);
    let _demo = ctx.demo_dir; // the demo's folder lives until the app ends
    // The daily backup copies the whole store; on a large archive that takes seconds, so it runs beside the
    // first screen on its own connection, at a gentle pace so the app stays idle in effect, and reports only
    // a failure, in the message line. Quitting cuts it short; the backup module decides when to try again.
    let notices = if !is_demo {
        let (tx, rx) = std::sync::mpsc::channel();
        let (path, rules, today) = (
            ctx.store.path().to_path_buf(),
            ctx.store.rules().clone(),
            ctx.today,
        );
        std::thread::spawn(move || {
            let result = Store::open(&path, rules, today)
                .map_err(|e| e.message(lang))
                .and_then(|s| {
                    crate::store::backup::auto_backup_gently(&s).map_err(|e| e.message(lang))
                });
            if let Err(msg) = result {
                let _ = tx.send(lang.f(K::BakAutoFailed, &[&msg]));
            }
        });
        Some(rx)
    } else {
        None
    };
    let docs = ctx.docs.clone();
    let mut app = crate::app::App::new(ctx.store, lang);
    app.docs = docs;
    app.county_prefix = prefix;
    app.set_keymap(ctx.keymap);
    if !ctx.key_problems.is_empty() {
        app.message = Some((crate::app::Tone::Error, ctx.key_problems.join(" · ")));
    }
    app.set_clock(|| chrono::Local::now().fixed_offset());
    let clock: Option<fn() -> NaiveDate> = if follow_clock {
        Some(|| chrono::Local::now().date_naive())
    } else {
        None
    };
    crate::tui::run(&mut app, clock, notices).map_err(|e| Fail::run(lang.f(K::CliTerminal, &[&e])))
}

/// The key reference from the keymap itself, so it can never disagree with the app.
pub fn keys_text(keymap: &crate::app::keymap::Keymap, lang: Lang, markdown: bool) -> String {
    use crate::app::keymap::keys_label;
    let mut out = String::new();
    if markdown {
        out.push_str("| where | keys | does | 作用 |\n|---|---|---|---|\n");
    }
    for (title, bindings) in keymap.help_sections() {
        if !markdown {
            out.push_str(&format!("{}\n", lang.t(title)));
        }
        for b in bindings {
            let keys = keys_label(b);
            if markdown {
                let keys: Vec<String> = keys
                    .split('/')
                    .map(|k| format!("`{}`", if k.is_empty() { "/" } else { k }))
                    .collect();
                let keys = if keys_label(b) == "/" {
                    "`/`".to_string()
                } else {
                    keys.join(" ")
                };
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    title.en(),
                    keys,
                    b.help.en(),
                    b.help.zh()
                ));
            } else {
                out.push_str(&format!(
                    "  {}  {}\n",
                    crate::text::pad(&keys, 14),
                    lang.t(b.help)
                ));
            }
        }
    }
    out
}

fn setup_lang(cli: &Cli) -> Result<Lang, Fail> {
    let locale_lang = Lang::from_locale(env("LC_ALL").as_deref(), env("LANG").as_deref());
    match cli.lang.as_deref() {
        None => Ok(locale_lang),
        Some(s) => Lang::parse(s).ok_or_else(|| Fail::usage(locale_lang.f(K::CliBadLang, &[&s]))),
    }
}

/// Resolves language, today, config, rules and the store, in that order, so every later error can be worded
/// in the user's language.
pub fn setup(cli: &Cli) -> Result<Ctx, Fail> {
    let locale_lang = Lang::from_locale(env("LC_ALL").as_deref(), env("LANG").as_deref());
    let flag_lang = match cli.lang.as_deref() {
        None => None,
        Some(s) => {
            Some(Lang::parse(s).ok_or_else(|| Fail::usage(locale_lang.f(K::CliBadLang, &[&s])))?)
        }
    };
    let mut lang = flag_lang.unwrap_or(locale_lang);
    let today = match cli.today.as_deref() {
        None => chrono::Local::now().date_naive(),
        Some(s) => {
            let d = parse_date(s).ok_or_else(|| Fail::usage(lang.f(K::CliBadToday, &[&s])))?;
            if !crate::config::date_in_range(d) {
                return Err(Fail::usage(lang.f(K::CliTodayRange, &[&s])));
            }
            d
        }
    };
    let dirs = Dirs::platform();
    let (config, config_path) = load_config(cli, lang)?;
    if flag_lang.is_none()
        && let Some(l) = config.lang()
    {
        lang = l;
    }
    let holidays = load_holidays(&config, dirs.as_ref(), lang).map_err(|e| Fail::usage(e.0))?;
    let (keymap, key_problems) = keymap_from(&config, config_path.as_deref(), lang);
    let rules = Rules::new(config.rules.clone(), holidays);

    // A roll-up reads the offices' own files: it must not create or touch the default store.
    let rollup = matches!(&cli.command, Some(Command::Report(a)) if !a.offices.is_empty());
    let (path, demo_dir) = if cli.demo || rollup {
        let dir = tempfile::Builder::new()
            .prefix("yufang-demo-")
            .tempdir()
            .map_err(|e| Fail::run(lang.f(K::CliOpenDb, &[&"demo", &e])))?;
        (dir.path().join("demo.db"), Some(dir))
    } else {
        let path = match (&cli.db, &dirs) {
            (Some(p), _) => p.clone(),
            (None, Some(d)) => d.default_db(),
            (None, None) => return Err(Fail::usage(lang.t(K::CliNoDataDir).to_string())),
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Err(e) = crate::outfile::create_private_dir(parent)
        {
            return Err(Fail::run(lang.f(K::CliOpenDb, &[&path.display(), &e])));
        }
        (path, None)
    };
    let mut store = Store::open(&path, rules, today).map_err(|e| Fail::run(e.message(lang)))?;
    // A command that meets another yufang's write says so once on stderr, then keeps waiting.
    store.set_on_wait(Some(Box::new(move || {
        eprintln!("yufang: {}", lang.t(K::StoreWaiting));
    })));
    if cli.demo {
        crate::demo::load(&mut store).map_err(|e| Fail::run(e.message(lang)))?;
    }
    let mut docs = config.documents.clone();
    if docs.templates.is_none() {
        docs.templates = config_path
            .as_ref()
            .and_then(|p| p.parent())
            .map(|p| p.join("templates"));
    }
    if docs.organ.trim().is_empty()
        && let Some(name) = config.office_name.as_deref()
    {
        docs.organ = name.trim().to_string();
    }
    if cli.demo && docs.organ.trim().is_empty() {
        docs.organ = crate::demo::ORGAN.to_string();
    }
    Ok(Ctx {
        lang,
        today,
        store,
        dirs,
        office_name: config.office_name.clone(),
        county_prefix: config.county_prefix.clone(),
        keymap,
        key_problems,
        demo_dir,
        docs: docs.organ_or_blank(),
    })
}

/// The config file in force (`--config`, `YUFANG_CONFIG`, else the platform folder's) and its path.
fn load_config(cli: &Cli, lang: Lang) -> Result<(Config, Option<PathBuf>), Fail> {
    let path = cli
        .config
        .clone()
        .or_else(|| Dirs::platform().map(|d| d.config_file()));
    let config = match &path {
        Some(p) => Config::load(p, lang).map_err(|e| Fail::usage(e.0))?,
        None => Config::default(),
    };
    Ok((config, path))
}

/// The keymap of a config, and its rebindings that could not apply (the defaults stay for those).
fn keymap_from(
    config: &Config,
    path: Option<&std::path::Path>,
    lang: Lang,
) -> (crate::app::keymap::Keymap, Vec<String>) {
    let (map, problems) = crate::app::keymap::Keymap::from_settings(&config.key_settings);
    let file = path.map(|p| p.display().to_string()).unwrap_or_default();
    let msgs = problems.iter().map(|p| p.message(lang, &file)).collect();
    (map, msgs)
}
