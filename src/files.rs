//! Export files: the one function the palette and the CLI both call to write an export to a path. It sits
//! just above the store (it imports only `store` and `i18n`), so the app asks for a file without writing it
//! itself, and the time stamped into the file comes from the caller's clock.

use std::path::Path;

use crate::i18n::{K, Lang};
use crate::store::Store;
use crate::store::export::{self, Tick};

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The whole store as one JSON file.
    Json,
    /// One CSV file per table in the folder `path`.
    Csv,
    /// Every open deadline as an iCalendar file.
    Ics,
}

/// How to write an export.
#[derive(Clone, Copy, Debug)]
pub struct ExportOptions<'a> {
    /// The export's time stamp (RFC 3339), from the caller's clock.
    pub at: &'a str,
    /// The JSON file carries the change log too.
    pub with_log: bool,
    /// CSV files without the byte-order mark spreadsheet programs want.
    pub plain_utf8: bool,
}

/// Writes `kind` to `path` (creating its folder) and returns how many records or deadlines it holds.
/// Errors come as the message to show.
pub fn export_to_file(
    store: &Store,
    kind: ExportKind,
    path: &Path,
    lang: Lang,
    opts: ExportOptions<'_>,
    tick: Tick<'_>,
) -> Result<u64, String> {
    let write_err = |e: std::io::Error| lang.f(K::CliWrite, &[&path.display(), &e]);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && kind != ExportKind::Csv
    {
        crate::outfile::create_private_dir(parent).map_err(write_err)?;
    }
    match kind {
        ExportKind::Json => export::export_json_file(store, path, opts.with_log, opts.at, tick)
            .map_err(|e| e.message(lang)),
        ExportKind::Csv => export::export_csv_dir(store, path, lang, opts.plain_utf8, tick)
            .map_err(|e| e.message(lang)),
        ExportKind::Ics => {
            let items = store
                .all_open_deadlines(lang)
                .map_err(|e| e.message(lang))?;
            crate::outfile::write_private(path, crate::app::ics::to_ics(&items, lang).as_bytes())
                .map_err(write_err)?;
            Ok(items.len() as u64)
        }
    }
}
