//! A config file's `[keys.<context>]` tables turned into overrides: names read, keys parsed, and every entry
//! that cannot apply reported with its line, so the app starts with the defaults for those.

use super::names::parse_key_spec;
use super::{Action, Ctx, Keymap, KeymapProblem, Override, key_label};
use crate::i18n::{K, Lang};

/// One `action = "key"` (or `action = ["key", "key"]`) line of a config file, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySetting {
    pub ctx: String,
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
}

/// An entry of the file left out, with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyProblem {
    pub line: usize,
    pub kind: KeyProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyProblemKind {
    UnknownContext(String),
    UnknownAction { ctx: String, action: String },
    BadKey { action: String, key: String },
    Keymap(KeymapProblem),
}

impl KeyProblem {
    /// "config file F: line 3: [keys.suggestions] ...", in the user's language.
    pub fn message(&self, lang: Lang, file: &str) -> String {
        let what = match &self.kind {
            KeyProblemKind::UnknownContext(c) => {
                let known: Vec<&str> = Ctx::ALL.iter().map(|c| c.name()).collect();
                lang.f(K::KyUnknownCtx, &[c, &known.join(", ")])
            }
            KeyProblemKind::UnknownAction { ctx, action } => {
                lang.f(K::KyUnknownAction, &[ctx, action])
            }
            KeyProblemKind::BadKey { action, key } => lang.f(K::KyBadKey, &[action, key]),
            KeyProblemKind::Keymap(KeymapProblem::NotInContext { ctx, action }) => {
                lang.f(K::KyNotInCtx, &[&ctx.name(), &action.name()])
            }
            KeyProblemKind::Keymap(KeymapProblem::NoKeys { ctx, action }) => {
                lang.f(K::KyNoKeys, &[&ctx.name(), &action.name()])
            }
            KeyProblemKind::Keymap(KeymapProblem::Clash {
                ctx,
                key,
                action,
                other,
            }) => lang.f(
                K::KyClash,
                &[&ctx.name(), &action.name(), &key_label(*key), &other.name()],
            ),
        };
        lang.f(K::KyProblem, &[&file, &self.line, &what])
    }
}

impl Keymap {
    /// The defaults with a config file's key settings applied; what could not apply is reported by line.
    pub fn from_settings(settings: &[KeySetting]) -> (Keymap, Vec<KeyProblem>) {
        let mut problems = Vec::new();
        let mut overrides = Vec::new();
        let mut lines = Vec::new();
        for s in settings {
            let Some(ctx) = Ctx::from_name(&s.ctx) else {
                let kind = KeyProblemKind::UnknownContext(s.ctx.clone());
                // One report per unknown table, not one per line in it.
                if !problems.iter().any(|p: &KeyProblem| p.kind == kind) {
                    problems.push(KeyProblem { line: s.line, kind });
                }
                continue;
            };
            let Some(action) = Action::from_name(&s.action) else {
                problems.push(KeyProblem {
                    line: s.line,
                    kind: KeyProblemKind::UnknownAction {
                        ctx: s.ctx.clone(),
                        action: s.action.clone(),
                    },
                });
                continue;
            };
            let mut keys = Vec::new();
            let mut bad = false;
            for k in &s.keys {
                match parse_key_spec(k) {
                    Some(key) => keys.push(key),
                    None => {
                        bad = true;
                        problems.push(KeyProblem {
                            line: s.line,
                            kind: KeyProblemKind::BadKey {
                                action: s.action.clone(),
                                key: k.clone(),
                            },
                        });
                    }
                }
            }
            if bad {
                continue;
            }
            overrides.push(Override { ctx, action, keys });
            lines.push(s.line);
        }
        let (map, found) = Keymap::with_overrides(&overrides);
        for p in found {
            let (ctx, action) = match &p {
                KeymapProblem::NotInContext { ctx, action }
                | KeymapProblem::NoKeys { ctx, action }
                | KeymapProblem::Clash { ctx, action, .. } => (*ctx, *action),
            };
            let line = overrides
                .iter()
                .zip(&lines)
                .find(|(o, _)| o.ctx == ctx && o.action == action)
                .map_or(0, |(_, l)| *l);
            problems.push(KeyProblem {
                line,
                kind: KeyProblemKind::Keymap(p),
            });
        }
        problems.sort_by_key(|p| p.line);
        (map, problems)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::keymap::Act;

    fn set(ctx: &str, action: &str, keys: &[&str], line: usize) -> KeySetting {
        KeySetting {
            ctx: ctx.into(),
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line,
        }
    }

    #[test]
    fn config_spellings_of_keys() {
        let n = KeyModifiers::NONE;
        let c = KeyModifiers::CONTROL;
        for (s, k) in [
            ("R", (KeyCode::Char('R'), n)),
            ("r", (KeyCode::Char('r'), n)),
            ("ctrl-s", (KeyCode::Char('s'), c)),
            ("Ctrl-S", (KeyCode::Char('s'), c)),
            ("f4", (KeyCode::F(4), n)),
            ("F12", (KeyCode::F(12), n)),
            ("enter", (KeyCode::Enter, n)),
            ("space", (KeyCode::Char(' '), n)),
            ("PgDn", (KeyCode::PageDown, n)),
            ("-", (KeyCode::Char('-'), n)),
            ("alt-x", (KeyCode::Char('x'), KeyModifiers::ALT)),
        ] {
            assert_eq!(parse_key_spec(s), Some(k), "{s}");
        }
        for s in ["", "f0", "f99", "ctrl-", "enterr", "xy"] {
            assert_eq!(parse_key_spec(s), None, "{s}");
        }
    }

    #[test]
    fn a_rebinding_applies_and_every_bad_entry_is_reported_by_line() {
        let (map, problems) = Keymap::from_settings(&[
            set("on_suggestion", "record_reply", &["R"], 2),
            set("sugestions", "record_reply", &["x"], 4),
            set("sugestions", "record_service", &["y"], 5),
            set("on_suggestion", "fly", &["z"], 7),
            set("on_suggestion", "record_service", &["ctrl-"], 8),
            set("on_suggestion", "add_urging", &["R"], 9),
            set("calendar", "record_reply", &["Z"], 10),
            set("on_suggestion", "record_filing", &[], 11),
        ]);
        let big_r = KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT);
        assert_eq!(
            map.lookup(&[Ctx::OnSuggestion], &big_r),
            Some(Action::Act(Act::Reply))
        );
        let msgs: Vec<String> = problems
            .iter()
            .map(|p| p.message(Lang::En, "c.toml"))
            .collect();
        assert_eq!(msgs.len(), 6, "{msgs:#?}");
        assert!(msgs[0].starts_with("config file c.toml: line 4: [keys.sugestions] is no context"));
        assert!(msgs[0].contains("on_suggestion"), "{}", msgs[0]);
        assert_eq!(
            msgs[1],
            "config file c.toml: line 7: [keys.on_suggestion] fly: no such action"
        );
        assert_eq!(
            msgs[2],
            "config file c.toml: line 8: record_service: \"ctrl-\" is not a key (write e.g. \"R\", \"ctrl-s\", \"f4\", \"enter\", \"space\")"
        );
        assert_eq!(
            msgs[3],
            "config file c.toml: line 9: [keys.on_suggestion] add_urging: R already does record_reply; the default key stays"
        );
        assert_eq!(
            msgs[4],
            "config file c.toml: line 10: [keys.calendar] record_reply: that action has no key in this context"
        );
        assert_eq!(
            msgs[5],
            "config file c.toml: line 11: [keys.on_suggestion] record_filing: no key given"
        );
        let zh = problems[3].message(Lang::Zh, "c.toml");
        assert!(
            zh.contains("第 9 行") && zh.contains("record_reply"),
            "{zh}"
        );
    }
}
