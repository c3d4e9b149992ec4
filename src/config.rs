//! Where things live (platform folders from `directories`) and the optional config file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::app::keymap::KeySetting;
use crate::domain::{HolidayTable, Settings};
use crate::i18n::{K, Lang};

/// The platform folders (e.g. `~/.local/share/yufang` and `~/.config/yufang` on Linux,
/// `%APPDATA%\yufang` on Windows).
#[derive(Clone, Debug)]
pub struct Dirs {
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Dirs {
    pub fn platform() -> Option<Dirs> {
        let p = directories::ProjectDirs::from("", "", "yufang")?;
        Some(Dirs {
            data: p.data_dir().to_path_buf(),
            config: p.config_dir().to_path_buf(),
        })
    }

    pub fn default_db(&self) -> PathBuf {
        self.data.join("yufang.db")
    }
    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.toml")
    }
    /// A user's own holiday table, used instead of the shipped one when present.
    pub fn holiday_file(&self) -> PathBuf {
        self.config.join("holidays.json")
    }
}

/// `config.toml`: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub lang: Option<String>,
    /// Path of a holiday table in the shipped JSON layout.
    pub holidays: Option<PathBuf>,
    /// The office's name, heading its reports (e.g. 清源县人民检察院).
    pub office_name: Option<String>,
    /// What lists leave off the front of unit names (e.g. 清源县); default: the county of `office_name`.
    /// `""` keeps names whole. The detail always shows the whole name.
    pub county_prefix: Option<String>,
    pub rules: Settings,
    /// The organ's name and contact for documents (`yufang doc`).
    pub documents: crate::docs::Setup,
    /// `[keys.<context>] action = "key"` (or a list of keys): rebindings, checked when the keymap is built.
    keys: BTreeMap<String, BTreeMap<String, toml::Spanned<KeySpec>>>,
    /// The rebindings as written, with their lines (filled by `parse`).
    #[serde(skip)]
    pub key_settings: Vec<KeySetting>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeySpec {
    One(String),
    Many(Vec<String>),
}

/// A config or data file problem, already worded for the user.
#[derive(Debug)]
pub struct ConfigError(pub String);

/// The years a date may fall in (`--today`, and what `gen` writes): the People's Republic's records, with
/// room to 2100. Anything outside is a typing slip, not a real day of this office.
pub const YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

pub fn date_in_range(d: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    YEARS.contains(&d.year())
}

/// The allowed range of every number in `[rules]`: (key, read, lowest, highest).
type Range = (&'static str, fn(&Settings) -> u32, u32, u32);
const RANGES: &[Range] = &[
    ("reply_months", |s| s.reply_months, 1, 24),
    ("filing_days", |s| s.filing_days, 1, 60),
    ("investigation_months", |s| s.investigation_months, 1, 24),
    ("visit_days", |s| s.visit_days, 1, 730),
    ("warn_reply_days", |s| s.warn_reply_days, 0, 365),
    ("warn_filing_days", |s| s.warn_filing_days, 0, 365),
    (
        "warn_investigation_days",
        |s| s.warn_investigation_days,
        0,
        365,
    ),
    ("warn_visit_days", |s| s.warn_visit_days, 0, 365),
    ("warn_activity_days", |s| s.warn_activity_days, 0, 365),
    ("gap_days", |s| s.gap_days, 1, 3650),
    ("backup_keep", |s| s.backup_keep, 0, 1000),
];

impl Config {
    /// Reads `path` if it exists; a missing file is an empty config.
    pub fn load(path: &Path, lang: Lang) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(ConfigError(lang.f(K::CliConfig, &[&path.display(), &e]))),
        };
        Config::parse(&text, path, lang)
    }

    /// Parses and checks the file: every value in its range, each problem named by file, line and key.
    pub fn parse(text: &str, path: &Path, lang: Lang) -> Result<Config, ConfigError> {
        let shown = path.display();
        let mut config = toml::from_str::<Config>(text).map_err(|e| {
            // toml's message spans several lines with a caret drawing; keep the first line, the position,
            // and the key of that line.
            let msg = e.message().to_string();
            let Some(start) = e.span().map(|s| s.start.min(text.len())) else {
                return ConfigError(lang.f(K::CliConfig, &[&shown, &msg]));
            };
            let line = text[..start].lines().count().max(1);
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let this_line = text[line_start..].lines().next().unwrap_or("");
            match this_line.split_once('=').map(|(k, _)| k.trim()) {
                Some(key) if !key.is_empty() && !msg.contains(key) => {
                    ConfigError(lang.f(K::CfgKey, &[&shown, &line, &key, &msg]))
                }
                _ => ConfigError(lang.f(K::CliConfig, &[&shown, &format!("line {line}: {msg}")])),
            }
        })?;
        if let Some(l) = &config.lang
            && Lang::parse(l).is_none()
        {
            let line = key_line(text, None, "lang");
            return Err(ConfigError(lang.f(K::CfgBadLang, &[&shown, &line, l])));
        }
        for (key, get, lo, hi) in RANGES {
            let v = get(&config.rules);
            if v < *lo || v > *hi {
                let line = key_line(text, Some("rules"), key);
                return Err(ConfigError(
                    lang.f(K::CfgRange, &[&shown, &line, key, &v, lo, hi]),
                ));
            }
        }
        if config.rules.doc_prefix.trim().is_empty() {
            let line = key_line(text, Some("rules"), "doc_prefix");
            return Err(ConfigError(
                lang.f(K::CfgEmpty, &[&shown, &line, &"doc_prefix"]),
            ));
        }
        let line_of = |at: usize| text[..at.min(text.len())].lines().count().max(1);
        let line_of = |at: usize| {
            // `lines()` does not count a line that has only begun.
            if text[..at.min(text.len())].ends_with('\n') {
                line_of(at) + 1
            } else {
                line_of(at)
            }
        };
        for (ctx, table) in &config.keys {
            for (action, spec) in table {
                let keys = match spec.get_ref() {
                    KeySpec::One(k) => vec![k.clone()],
                    KeySpec::Many(ks) => ks.clone(),
                };
                config.key_settings.push(KeySetting {
                    ctx: ctx.clone(),
                    action: action.clone(),
                    keys,
                    line: line_of(spec.span().start),
                });
            }
        }
        config.key_settings.sort_by_key(|k| k.line);
        Ok(config)
    }

    /// The language the file asks for (checked by [`Config::parse`]).
    pub fn lang(&self) -> Option<Lang> {
        self.lang.as_deref().and_then(Lang::parse)
    }
}

/// The line of `key` in `table` (`None`: before any table), for messages; 1 if it cannot be found.
fn key_line(text: &str, table: Option<&str>, key: &str) -> usize {
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.split(']').next()) {
            current = Some(name.trim().to_string());
            continue;
        }
        let here = t.split_once('=').map(|(k, _)| k.trim().trim_matches('"'));
        // Also a dotted key before any table: `rules.reply_months = 3`.
        let dotted = table.map(|tb| format!("{tb}.{key}"));
        if here == Some(key) && current.as_deref() == table
            || here.is_some() && here == dotted.as_deref() && current.is_none()
        {
            return i + 1;
        }
    }
    1
}

/// The holiday table: the configured file, else the user's `holidays.json`, else the shipped one.
pub fn load_holidays(
    config: &Config,
    dirs: Option<&Dirs>,
    lang: Lang,
) -> Result<HolidayTable, ConfigError> {
    let path = match (&config.holidays, dirs) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(d)) if d.holiday_file().exists() => Some(d.holiday_file()),
        _ => None,
    };
    match path {
        None => Ok(HolidayTable::builtin()),
        Some(p) => {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| ConfigError(lang.f(K::CliHolidays, &[&p.display(), &e])))?;
            HolidayTable::from_json(&text)
                .map_err(|e| ConfigError(lang.f(K::CliHolidays, &[&p.display(), &e])))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Config::parse(text, Path::new("c.toml"), Lang::En)
            .err()
            .map(|e| e.0)
            .unwrap_or_default()
    }

    #[test]
    fn every_number_has_a_range_named_by_file_line_and_key() {
        for (v, ok) in [
            ("1000", false),
            ("0", false),
            ("4294967295", false),
            ("3", true),
        ] {
            let e = err(&format!("lang = \"en\"\n[rules]\nreply_months = {v}\n"));
            if ok {
                assert_eq!(e, "");
            } else {
                assert_eq!(
                    e,
                    format!(
                        "config file c.toml: line 3: reply_months = {v} is out of range (allowed: 1 to 24)"
                    )
                );
            }
        }
        assert_eq!(
            err("[rules]\ndoc_prefix = \" \"\n"),
            "config file c.toml: line 2: doc_prefix must not be empty"
        );
        assert_eq!(
            err("\n\nlang = \"fr\"\n"),
            "config file c.toml: line 3: lang = \"fr\" is not a language (zh or en)"
        );
        let e = err("[rules]\nbackup_keep = -1\n");
        assert!(
            e.starts_with("config file c.toml: line 2: backup_keep:"),
            "{e}"
        );
    }

    #[test]
    fn config_errors_name_the_line() {
        let text = "lang = \"zh\"\n[rules]\nreply_months = \"two\"\n";
        let e = Config::parse(text, Path::new("c.toml"), Lang::En)
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        assert!(
            e.starts_with("config file c.toml: line 3: reply_months:"),
            "{e}"
        );
        let e = Config::parse("nope = 1\n", Path::new("c.toml"), Lang::En)
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        assert!(e.contains("line 1") && e.contains("nope"), "{e}");
        let ok = Config::parse("[rules]\ngap_days = 45\n", Path::new("c.toml"), Lang::En);
        assert_eq!(ok.map(|c| c.rules.gap_days).ok(), Some(45));
    }
}
