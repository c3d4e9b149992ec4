//! Data in and out from the full screen: the command palette (export, backup, calendar file), undo of the
//! last change, and the history of the selected record.

use std::path::PathBuf;

use super::history_text::{ChangeText, UndoneText};
use super::input::Input;
use super::units::UnitsFocus;
use super::{App, Confirm, Confirmed, Detail, Modal, Pane};
use crate::files::{ExportKind, ExportOptions, export_to_file};
use crate::i18n::K;
use crate::store::history::Change;

/// What the palette can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    ExportJson,
    ExportCsv,
    ExportIcs,
    Backup,
    Undo,
    History,
}

impl Command {
    pub const ALL: [Command; 6] = [
        Command::ExportJson,
        Command::ExportCsv,
        Command::ExportIcs,
        Command::Backup,
        Command::Undo,
        Command::History,
    ];
    pub fn label(self) -> K {
        match self {
            Command::ExportJson => K::CmdExportJson,
            Command::ExportCsv => K::CmdExportCsv,
            Command::ExportIcs => K::CmdExportIcs,
            Command::Backup => K::CmdBackup,
            Command::Undo => K::CmdUndo,
            Command::History => K::CmdHistory,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Palette {
    pub query: Input,
    pub cursor: usize,
}

#[derive(Clone, Debug)]
pub struct History {
    pub title: String,
    pub table: &'static str,
    pub changes: Vec<Change>,
    pub scroll: u16,
}

impl App {
    /// Palette commands whose label (in the UI language or English) contains the typed text.
    pub fn palette_commands(&self, p: &Palette) -> Vec<Command> {
        let q = p.query.text().trim().to_lowercase();
        Command::ALL
            .iter()
            .copied()
            .filter(|c| {
                q.is_empty()
                    || self.t(c.label()).to_lowercase().contains(&q)
                    || c.label().en().contains(&q)
            })
            .collect()
    }

    /// Where the palette writes: `exports/` beside the store.
    fn exports_dir(&self) -> PathBuf {
        let parent = self
            .store
            .path()
            .parent()
            .map(PathBuf::from)
            .unwrap_or_default();
        parent.join("exports")
    }

    pub(super) fn run_command(&mut self, c: Command) {
        let (lang, today, dir) = (self.lang, self.today(), self.exports_dir());
        let export = |app: &mut App, kind: ExportKind, name: String, done: K| {
            let path = dir.join(name);
            let at = (app.clock)().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
            let opts = ExportOptions {
                at: &at,
                with_log: false,
                plain_utf8: false,
            };
            match export_to_file(&app.store, kind, &path, lang, opts, &mut |_, _| {}) {
                Ok(n) => app.info(lang.f(done, &[&n, &path.display()])),
                Err(m) => app.message = Some((super::Tone::Error, m)),
            }
        };
        match c {
            Command::ExportJson => export(
                self,
                ExportKind::Json,
                format!("yufang-{today}.json"),
                K::MsgExported,
            ),
            Command::ExportCsv => export(
                self,
                ExportKind::Csv,
                format!("yufang-{today}-csv"),
                K::MsgExported,
            ),
            Command::ExportIcs => export(
                self,
                ExportKind::Ics,
                format!("yufang-{today}.ics"),
                K::CliIcsWritten,
            ),
            Command::Backup => match crate::store::backup::backup_now(&self.store) {
                Ok(p) => self.info(lang.f(K::MsgBackedUp, &[&p.display()])),
                Err(e) => self.message = Some((super::Tone::Error, e.message(lang))),
            },
            Command::Undo => self.ask_undo(),
            Command::History => self.open_history(),
        }
    }

    pub(super) fn ask_undo(&mut self) {
        match self.store.last_undoable() {
            Ok(Some(c)) => {
                let text = self.lang.f(K::ConfirmUndo, &[&c.summary(self.lang)]);
                self.modals.push(Modal::Confirm(Confirm {
                    text,
                    then: Confirmed::Undo,
                }));
            }
            Ok(None) => self.refuse(self.t(K::NothingToUndo).to_string()),
            Err(e) => self.error(e),
        }
    }

    pub(super) fn undo(&mut self) {
        match self.store.undo_last() {
            Ok(Some(u)) => {
                self.info(u.message(self.lang));
                self.reload();
            }
            Ok(None) => self.refuse(self.t(K::NothingToUndo).to_string()),
            Err(e) => self.error(e),
        }
    }

    /// The record the history key refers to: the open detail, else the selected row of the pane.
    pub(super) fn history_target(&self) -> Option<(&'static str, i64, String)> {
        if let Some(Modal::Detail { detail, .. }) = self.modals.last() {
            return Some(match detail {
                Detail::Suggestion(d) => {
                    let s = &d.row.suggestion;
                    (
                        "suggestions",
                        s.id,
                        s.doc_no.clone().unwrap_or_else(|| s.title.clone()),
                    )
                }
                Detail::Case(d) => ("cases", d.row.case.id, d.row.case.case_no.clone()),
                Detail::Unit(d) => ("units", d.row.unit.id, d.row.unit.name.clone()),
            });
        }
        if self.pane == Pane::Units {
            return match self.units_pane.focus {
                UnitsFocus::Units => self
                    .selected_unit()
                    .map(|u| ("units", u.id, u.name.clone())),
                UnitsFocus::Activities => self
                    .selected_activity()
                    .map(|a| ("activities", a.id, a.title.clone())),
            };
        }
        if let Some(id) = self.selected_suggestion() {
            return Some(("suggestions", id, format!("#{id}")));
        }
        self.selected_case()
            .map(|id| ("cases", id, format!("#{id}")))
    }

    pub(super) fn open_history(&mut self) {
        let Some((table, id, name)) = self.history_target() else {
            self.refuse(self.t(K::NoRecordSelected).to_string());
            return;
        };
        match self.store.history(table, id) {
            Ok(mut changes) => {
                changes.reverse(); // newest first
                let title = self.lang.f(K::HistoryTitle, &[&name]);
                self.modals.push(Modal::History(History {
                    title,
                    table,
                    changes,
                    scroll: 0,
                }));
            }
            Err(e) => self.error(e),
        }
    }
}
