//! Keys as data: (context, key) -> action, each binding with its help text and whether it is hinted, so the
//! help overlay, the hint line, `yufang keys` and the README table are generated from the same table the app
//! dispatches on. `defaults` holds the table, `names` the stable names a config file can rebind by. The room
//! imports `i18n` and the store's state filter only.

mod defaults;
mod names;
mod overrides;

use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::{K, Lang};
use crate::store::lists::StateFilter;
pub use names::{parse_key, parse_key_spec};
pub use overrides::{KeyProblem, KeyProblemKind, KeySetting};

/// A key as bindings name it: code and modifiers.
pub type Key = (KeyCode, KeyModifiers);

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    Global,
    /// Any list-like pane or detail view: cursor movement.
    Move,
    /// The case and suggestion tables.
    Table,
    Suggestions,
    /// Acting on the selected suggestion (suggestion list, Today rows, suggestion detail).
    OnSuggestion,
    Cases,
    /// The Units & work pane.
    Units,
    /// The calendar pane (its own movement keys).
    Calendar,
    /// The Plan & statistics pane.
    Stats,
    Detail,
    /// A form on top: keys not bound here are typed into the focused field.
    Form,
    DatePicker,
    Confirm,
    Help,
    History,
    /// The command palette: keys not bound here are typed into its query.
    Palette,
    /// A list's `/` filter being typed: keys not bound here are typed into it.
    Filter,
    /// The import preview: columns, counts, problems.
    ImportPreview,
    /// Walking a suggestion's measures: a letter or digit not bound here picks a choice.
    Walk,
}

/// One-key actions on a suggestion; each opens a small form and writes one transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Reply,
    Service,
    Filing,
    Urging,
    FollowUp,
    Objection,
    Escalation,
    Rectification,
    Close,
    Withdraw,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-C: leave at once from the panes (not from under a modal).
    QuitNow,
    Help,
    Back,
    PaneToday,
    PaneCases,
    PaneSuggestions,
    PaneUnits,
    PaneCalendar,
    PaneStats,
    /// The Plan & statistics pane's year selector.
    StatsPrevYear,
    StatsNextYear,
    Palette,
    Undo,
    History,
    /// The detail view's record as a Word document (suggestion document, crime-analysis outline).
    WriteDocument,
    CalLeft,
    CalRight,
    CalUp,
    CalDown,
    CalPrevMonth,
    CalNextMonth,
    CalToday,
    CalGoto,
    CalWeek,
    AgendaDown,
    AgendaUp,
    AgendaOpen,
    FocusUnits,
    FocusActivities,
    UnitFlag,
    AddActivity,
    NextPane,
    PrevPane,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Filter,
    SortNext,
    SortReverse,
    New,
    NewUnit,
    Edit,
    Delete,
    State(StateFilter),
    Act(Act),
    DraftFromCase,
    ConfirmYes,
    ConfirmNo,
    /// The date picker's date goes into the form's field.
    PickDate,
    /// The palette runs its highlighted command.
    RunCommand,
    /// The import preview: the selected column becomes the next field / is skipped; import; save the mapping.
    ImpRemap,
    ImpSkip,
    ImpRun,
    ImpSaveMapping,
    Save,
    NextField,
    PrevField,
    /// Enter in a form: the next field, or save on the last.
    NextOrSave,
    DatePicker,
    ClearField,
    FilterDone,
    FilterClear,
}

#[derive(Clone, Debug)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: K,
    /// Shown on the hint line (lowest first) where the action can act; `None`: only in help.
    pub hint: Option<u8>,
}

/// A user's rebinding of one action in one context: its keys replace the default ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub ctx: Ctx,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// Why an override was not applied (the default stays in force).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeymapProblem {
    /// The action has no binding in that context.
    NotInContext {
        ctx: Ctx,
        action: Action,
    },
    /// The key already does another action in that context.
    Clash {
        ctx: Ctx,
        key: Key,
        action: Action,
        other: Action,
    },
    NoKeys {
        ctx: Ctx,
        action: Action,
    },
}

/// The bindings in force: the defaults, or the defaults with a user's overrides.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: defaults::bindings(),
        }
    }
}

/// The default keymap, for code that has no app at hand (form tests, `yufang keys` without a config).
pub static DEFAULT: LazyLock<Keymap> = LazyLock::new(Keymap::default);

impl Keymap {
    /// The defaults with `overrides` applied in order; an override that names no binding, has no keys or
    /// takes a key another action of its context has is skipped and reported.
    pub fn with_overrides(overrides: &[Override]) -> (Keymap, Vec<KeymapProblem>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        for o in overrides {
            let Some(i) = map
                .bindings
                .iter()
                .position(|b| b.ctx == o.ctx && b.action == o.action)
            else {
                problems.push(KeymapProblem::NotInContext {
                    ctx: o.ctx,
                    action: o.action,
                });
                continue;
            };
            if o.keys.is_empty() {
                problems.push(KeymapProblem::NoKeys {
                    ctx: o.ctx,
                    action: o.action,
                });
                continue;
            }
            let clash = o.keys.iter().find_map(|k| {
                map.bindings
                    .iter()
                    .enumerate()
                    .find(|(j, b)| *j != i && b.ctx == o.ctx && b.keys.contains(k))
                    .map(|(_, b)| (*k, b.action))
            });
            if let Some((key, other)) = clash {
                problems.push(KeymapProblem::Clash {
                    ctx: o.ctx,
                    key,
                    action: o.action,
                    other,
                });
                continue;
            }
            map.bindings[i].keys = o.keys.clone();
        }
        (map, problems)
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action bound to `key` in the first of `ctxs` that has one.
    pub fn lookup(&self, ctxs: &[Ctx], key: &KeyEvent) -> Option<Action> {
        for ctx in ctxs {
            for b in self.bindings.iter().filter(|b| b.ctx == *ctx) {
                if b.keys.iter().any(|k| matches(*k, key)) {
                    return Some(b.action);
                }
            }
        }
        None
    }

    /// The binding of `action` in the first of `ctxs` that has it.
    pub fn binding(&self, ctxs: &[Ctx], action: Action) -> Option<&Binding> {
        ctxs.iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.ctx == *ctx && b.action == action)
        })
    }

    /// Help sections in display order: the context heading and its bindings.
    pub fn help_sections(&self) -> Vec<(K, Vec<&Binding>)> {
        HELP_ORDER
            .iter()
            .map(|(ctx, title)| {
                (
                    *title,
                    self.bindings.iter().filter(|b| b.ctx == *ctx).collect(),
                )
            })
            .collect()
    }

    /// The hinted bindings of `ctxs` whose action `can_act`, by rank; a key shadowed by a more specific
    /// context is left out.
    pub fn hints(&self, ctxs: &[Ctx], can_act: impl Fn(Action) -> bool) -> Vec<&Binding> {
        let mut out: Vec<&Binding> = Vec::new();
        for ctx in ctxs {
            for b in self.bindings.iter().filter(|b| b.ctx == *ctx) {
                let Some(first) = b.keys.first() else {
                    continue;
                };
                let ev = KeyEvent::new(first.0, first.1);
                let shadowed = self.lookup(ctxs, &ev) != Some(b.action);
                if b.hint.is_some() && !shadowed && can_act(b.action) {
                    out.push(b);
                }
            }
        }
        out.sort_by_key(|b| b.hint);
        out
    }
}

const HELP_ORDER: [(Ctx, K); 19] = [
    (Ctx::Global, K::HsGlobal),
    (Ctx::Move, K::HsMove),
    (Ctx::Table, K::HsTable),
    (Ctx::Suggestions, K::HsSuggestions),
    (Ctx::OnSuggestion, K::HsOnSuggestion),
    (Ctx::Cases, K::HsCases),
    (Ctx::Units, K::HsUnits),
    (Ctx::Calendar, K::HsCalendar),
    (Ctx::Stats, K::HsStats),
    (Ctx::Detail, K::HsDetail),
    (Ctx::Form, K::HsForm),
    (Ctx::DatePicker, K::HsDatePicker),
    (Ctx::Confirm, K::HsConfirm),
    (Ctx::Help, K::HsHelp),
    (Ctx::History, K::HsHistory),
    (Ctx::Palette, K::HsPalette),
    (Ctx::Filter, K::HsFilter),
    (Ctx::ImportPreview, K::HsImport),
    (Ctx::Walk, K::HsWalk),
];

/// Normalises what terminals send: Shift+letter arrives as an upper-case char, sometimes with SHIFT set.
fn matches(binding: Key, key: &KeyEvent) -> bool {
    let mods = key.modifiers - KeyModifiers::SHIFT;
    match (binding.0, key.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b && mods == (binding.1 - KeyModifiers::SHIFT),
        (KeyCode::BackTab, KeyCode::BackTab) => true,
        (a, b) => a == b && key.modifiers == binding.1,
    }
}

pub fn key_label(k: (KeyCode, KeyModifiers)) -> String {
    let base = match k.0 {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if k.1.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

/// "j/↓" for a binding's keys (deduplicated, BackTab once).
pub fn keys_label(b: &Binding) -> String {
    let mut labels: Vec<String> = Vec::new();
    for k in &b.keys {
        let l = key_label(*k);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    labels.join("/")
}

/// A line of hints: "Enter open · r record reply".
pub fn hint_text(lang: Lang, bindings: &[&Binding]) -> String {
    bindings
        .iter()
        .filter_map(|b| {
            let key = key_label(*b.keys.first()?);
            Some(format!("{key} {}", lang.t(b.help)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_where_contexts_meet() {
        // Contexts that are active together must not share a key.
        let together: &[&[Ctx]] = &[
            &[
                Ctx::Global,
                Ctx::Move,
                Ctx::Table,
                Ctx::Suggestions,
                Ctx::OnSuggestion,
            ],
            &[Ctx::Global, Ctx::Move, Ctx::Table, Ctx::Cases],
            &[Ctx::Global, Ctx::Move, Ctx::Detail, Ctx::OnSuggestion],
            &[Ctx::Global, Ctx::Move, Ctx::Table, Ctx::Units],
            &[Ctx::Global, Ctx::Calendar],
            &[Ctx::Global, Ctx::Move, Ctx::Stats],
            &[Ctx::Global, Ctx::Move, Ctx::Detail, Ctx::Cases],
            &[Ctx::Form],
            &[Ctx::DatePicker],
            &[Ctx::Confirm],
            &[Ctx::Help],
            &[Ctx::History],
            &[Ctx::Palette],
            &[Ctx::Filter],
            &[Ctx::ImportPreview],
        ];
        for set in together {
            let mut seen: Vec<Key> = Vec::new();
            for b in DEFAULT.bindings().iter().filter(|b| set.contains(&b.ctx)) {
                for k in &b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {set:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn shifted_letters_match() {
        let k = KeyEvent::new(KeyCode::Char('O'), KeyModifiers::SHIFT);
        assert_eq!(
            DEFAULT.lookup(&[Ctx::Suggestions], &k),
            Some(Action::State(StateFilter::Overdue))
        );
        let k = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE);
        assert_eq!(
            DEFAULT.lookup(&[Ctx::Suggestions, Ctx::OnSuggestion], &k),
            Some(Action::Act(Act::Objection))
        );
    }

    #[test]
    fn every_action_has_one_stable_name_and_every_context_too() {
        let all = Action::all();
        for a in &all {
            assert_eq!(Action::from_name(a.name()), Some(*a), "{a:?}");
            let n = a.name();
            assert!(
                n.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{n} is not snake_case"
            );
        }
        let mut names: Vec<&str> = all.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "two actions share a name");
        for c in Ctx::ALL {
            assert_eq!(Ctx::from_name(c.name()), Some(c));
        }
        // Every bound action is one a config can name.
        for b in DEFAULT.bindings() {
            assert!(
                all.contains(&b.action),
                "{:?} missing from Action::all",
                b.action
            );
        }
    }

    #[test]
    fn every_default_key_label_reads_back_as_the_same_key() {
        for b in DEFAULT.bindings() {
            for k in &b.keys {
                let label = key_label(*k);
                let back = parse_key(&label).unwrap_or_else(|| panic!("{label} unreadable"));
                let ev = KeyEvent::new(back.0, back.1);
                assert!(
                    b.keys.iter().any(|k| matches(*k, &ev)),
                    "{label} read back as {back:?}, not {k:?}"
                );
            }
        }
        assert_eq!(
            parse_key("Ctrl-S"),
            Some((KeyCode::Char('s'), KeyModifiers::CONTROL))
        );
        assert_eq!(parse_key("Ctrl-"), None);
        assert_eq!(parse_key("nonsense"), None);
    }

    #[test]
    fn an_override_rebinds_and_a_bad_one_keeps_the_default() {
        let reply = Action::Act(Act::Reply);
        let big_r = (KeyCode::Char('R'), KeyModifiers::NONE);
        let (map, problems) = Keymap::with_overrides(&[Override {
            ctx: Ctx::OnSuggestion,
            action: reply,
            keys: vec![(KeyCode::Char('y'), KeyModifiers::NONE)],
        }]);
        assert!(problems.is_empty(), "{problems:?}");
        let y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(map.lookup(&[Ctx::OnSuggestion], &y), Some(reply));
        assert_eq!(map.lookup(&[Ctx::OnSuggestion], &r), None);
        // `d` is the service key in the same context: refused, the default stays.
        let (map, problems) = Keymap::with_overrides(&[
            Override {
                ctx: Ctx::OnSuggestion,
                action: reply,
                keys: vec![(KeyCode::Char('d'), KeyModifiers::NONE)],
            },
            Override {
                ctx: Ctx::Calendar,
                action: reply,
                keys: vec![big_r],
            },
        ]);
        assert_eq!(
            problems,
            vec![
                KeymapProblem::Clash {
                    ctx: Ctx::OnSuggestion,
                    key: (KeyCode::Char('d'), KeyModifiers::NONE),
                    action: reply,
                    other: Action::Act(Act::Service),
                },
                KeymapProblem::NotInContext {
                    ctx: Ctx::Calendar,
                    action: reply
                },
            ]
        );
        assert_eq!(map.lookup(&[Ctx::OnSuggestion], &r), Some(reply));
    }
}
