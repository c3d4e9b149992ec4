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
    pub rules: Settings,
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

    pub fn parse(text: &str, path: &Path, lang: Lang) -> Result<Config, ConfigError> {
        let mut config = toml::from_str::<Config>(text).map_err(|e| {
            // toml's message spans several lines with a caret drawing; keep the first line and the position.
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            let msg = e.message().to_string();
            let msg = match line {
                Some(l) => format!("line {l}: {msg}"),
                None => msg,
            };
            ConfigError(lang.f(K::CliConfig, &[&path.display(), &msg]))
        })?;
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

    #[test]
    fn config_errors_name_the_line() {
        let text = "lang = \"zh\"\n[rules]\nreply_months = \"two\"\n";
        let e = Config::parse(text, Path::new("c.toml"), Lang::En)
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        assert!(e.starts_with("config file c.toml: line 3:"), "{e}");
        let e = Config::parse("nope = 1\n", Path::new("c.toml"), Lang::En)
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        assert!(e.contains("line 1") && e.contains("nope"), "{e}");
        let ok = Config::parse("[rules]\ngap_days = 45\n", Path::new("c.toml"), Lang::En);
        assert_eq!(ok.map(|c| c.rules.gap_days).ok(), Some(45));
    }
}
