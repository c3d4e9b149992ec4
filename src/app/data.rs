//! Data in and out from the full screen: the command palette (export, backup, calendar file), undo of the
//! last change, and the history of the selected record.

use std::path::PathBuf;

use super::input::Input;
use super::units::UnitsFocus;
use super::{App, Confirm, Confirmed, Detail, Modal, Pane};
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
        use crate::store::{backup, calendar, export};
        let lang = self.lang;
        let today = self.today();
        let dir = self.exports_dir();
        let done = |app: &mut App, r: Result<String, String>| match r {
            Ok(m) => app.info(m),
            Err(m) => app.message = Some((super::Tone::Error, m)),
        };
        match c {
            Command::ExportJson => {
                let path = dir.join(format!("yufang-{today}.json"));
                let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
                let r = crate::outfile::create_private_dir(&dir)
                    .map_err(|e| e.to_string())
                    .and_then(|_| {
                        export::export_json_file(&self.store, &path, false, &at, &mut |_, _| {})
                            .map_err(|e| e.message(lang))
                    })
                    .map(|n| lang.f(K::MsgExported, &[&n, &path.display()]));
                done(self, r);
            }
            Command::ExportCsv => {
                let path = dir.join(format!("yufang-{today}-csv"));
                let r = export::export_csv_dir(&self.store, &path, lang, false, &mut |_, _| {})
                    .map_err(|e| e.message(lang))
                    .map(|n| lang.f(K::MsgExported, &[&n, &path.display()]));
                done(self, r);
            }
            Command::ExportIcs => {
                let path = dir.join(format!("yufang-{today}.ics"));
                let r = self
                    .store
                    .all_open_deadlines(lang)
                    .map_err(|e| e.message(lang))
                    .and_then(|items| {
                        let text = calendar::to_ics(&items, lang);
                        crate::outfile::create_private_dir(&dir)
                            .and_then(|_| crate::outfile::write_private(&path, text.as_bytes()))
                            .map(|_| items.len())
                            .map_err(|e| lang.f(K::CliWrite, &[&path.display(), &e]))
                    })
                    .map(|n| lang.f(K::CliIcsWritten, &[&n, &path.display()]));
                done(self, r);
            }
            Command::Backup => {
                let r = backup::backup_now(&self.store)
                    .map_err(|e| e.message(lang))
                    .map(|p| lang.f(K::MsgBackedUp, &[&p.display()]));
                done(self, r);
            }
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
            Ok(None) => self.info(self.t(K::NothingToUndo).to_string()),
            Err(e) => self.error(e),
        }
    }

    pub(super) fn undo(&mut self) {
        match self.store.undo_last() {
            Ok(Some(u)) => {
                self.info(u.message(self.lang));
                self.reload();
            }
            Ok(None) => self.info(self.t(K::NothingToUndo).to_string()),
            Err(e) => self.error(e),
        }
    }

    /// The record the history key refers to: the open detail, else the selected row of the pane.
    fn history_target(&self) -> Option<(&'static str, i64, String)> {
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
            self.info(self.t(K::NoRecordSelected).to_string());
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
