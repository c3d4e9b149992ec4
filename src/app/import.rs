//! The import preview (`:` → import a file): the file is read with the import's own dry run, the user sees
//! how each column was understood, re-maps or skips columns (each change is a new dry run), then imports in
//! one transaction or cancels. The files are read and written by `store::import`, never here.

use std::path::PathBuf;

use super::{App, Modal};
use crate::i18n::K;
use crate::ledger::columns::{Col, Meaning};
use crate::ledger::mapping::{Mapping, all_cols};
use crate::store::import::{self, ImportOptions, ImportReport, SeenColumn};

/// The preview modal's state.
#[derive(Clone, Debug)]
pub struct ImportPreview {
    pub path: PathBuf,
    /// The last dry run, with the mapping below.
    pub report: ImportReport,
    /// The mapping the user has chosen so far (starts as the one the first dry run inferred).
    pub mapping: Mapping,
    /// The selected column (index into `report.columns`).
    pub cursor: usize,
    pub scroll: u16,
}

impl App {
    /// Reads `path` with a dry run and opens the preview.
    pub fn open_import_preview(&mut self, path: impl Into<PathBuf>) {
        let path = path.into();
        match self.dry_run(&path, None) {
            Ok(report) => {
                let mapping = report.mapping.clone();
                self.modals
                    .push(Modal::ImportPreview(Box::new(ImportPreview {
                        path,
                        report,
                        mapping,
                        cursor: 0,
                        scroll: 0,
                    })));
            }
            Err(e) => self.error(e),
        }
    }

    fn import_opts(&self, dry_run: bool, mapping: Option<Mapping>) -> ImportOptions {
        ImportOptions {
            dry_run,
            lang: self.lang,
            mapping,
            ..ImportOptions::default()
        }
    }

    fn dry_run(
        &mut self,
        path: &std::path::Path,
        mapping: Option<Mapping>,
    ) -> Result<ImportReport, crate::store::StoreError> {
        let opts = self.import_opts(true, mapping);
        import::import_path(&mut self.store, path, &opts)
    }

    fn preview_mut(&mut self) -> Option<&mut ImportPreview> {
        match self.modals.last_mut() {
            Some(Modal::ImportPreview(p)) => Some(p),
            _ => None,
        }
    }

    pub(super) fn preview_move(&mut self, by: isize) {
        if let Some(p) = self.preview_mut() {
            let n = p.report.columns.len();
            p.cursor = p.cursor.saturating_add_signed(by).min(n.saturating_sub(1));
        }
    }

    /// Gives the selected column the next field of its sheet (`skip` comes after the last), or skips it,
    /// then reads the file again with the new mapping.
    pub(super) fn preview_remap(&mut self, skip: bool) {
        let Some(p) = self.preview_mut() else {
            return;
        };
        let Some(c) = p.report.columns.get(p.cursor).cloned() else {
            return;
        };
        let next = if skip {
            None
        } else {
            let fields: Vec<Col> = all_cols(c.sheet).collect();
            // From the field last chosen, not the one read: a chosen field another column holds is not read,
            // and the cycle must still move on past it.
            let chosen = match p.mapping.meaning(c.sheet, &c.header) {
                Some(Meaning::Col(f)) => Some(f),
                _ => c.field,
            };
            match chosen.and_then(|f| fields.iter().position(|x| *x == f)) {
                Some(i) => fields.get(i + 1).copied(),
                None => fields.first().copied(),
            }
        };
        p.mapping.set(c.sheet, &c.header, next);
        let (path, mapping, cursor) = (p.path.clone(), p.mapping.clone(), p.cursor);
        match self.dry_run(&path, Some(mapping)) {
            Ok(report) => {
                if let Some(p) = self.preview_mut() {
                    p.report = report;
                    p.cursor = cursor.min(p.report.columns.len().saturating_sub(1));
                }
            }
            Err(e) => self.error(e),
        }
    }

    /// Imports with the chosen mapping in one transaction; on any problem nothing is written and the
    /// preview stays open with them.
    pub(super) fn preview_run(&mut self) {
        let Some(p) = self.preview_mut() else {
            return;
        };
        let (path, mapping) = (p.path.clone(), p.mapping.clone());
        let opts = self.import_opts(false, Some(mapping));
        match import::import_path(&mut self.store, &path, &opts) {
            Ok(report) if report.written => {
                self.modals.pop();
                let n: usize = report.counts.iter().map(|(_, c)| c.added + c.updated).sum();
                self.info(self.lang.f(K::ImpPvWritten, &[&n, &path.display()]));
                self.reload();
            }
            Ok(report) => {
                let n = report.problems.len();
                if let Some(p) = self.preview_mut() {
                    p.report = report;
                }
                self.message = Some((super::Tone::Error, self.lang.f(K::ImpAborted, &[&n])));
            }
            Err(e) => self.error(e),
        }
    }

    /// Saves the chosen mapping beside the file as `NAME.mapping.toml` (never over an existing file).
    pub(super) fn preview_save_mapping(&mut self) {
        let Some(p) = self.preview_mut() else {
            return;
        };
        let (to, mapping) = (mapping_path(&p.path), p.mapping.clone());
        match import::save_mapping(&to, &mapping, self.lang) {
            Ok(()) => self.info(self.lang.f(K::ImpPvMappingSaved, &[&to.display()])),
            Err(m) => self.message = Some((super::Tone::Error, m)),
        }
    }
}

/// Where the preview saves a mapping: beside the file, `ledger.xlsx` → `ledger.mapping.toml`.
pub fn mapping_path(file: &std::path::Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".to_string());
    file.with_file_name(format!("{stem}.mapping.toml"))
}

impl ImportPreview {
    /// What the selected column's field is called, in the UI language (`skipped` when passed over).
    pub fn field_text(&self, c: &SeenColumn, lang: crate::i18n::Lang) -> String {
        match c
            .field
            .and_then(|f| crate::ledger::columns::label(c.sheet, f))
        {
            Some(k) => lang.t(k).to_string(),
            None => lang.t(K::ImpPvSkipped).to_string(),
        }
    }
}
