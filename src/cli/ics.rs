//! `yufang ics`: every open deadline as an iCalendar file that ordinary calendar programs import.

use std::io::Write;
use std::path::Path;

use super::{Ctx, Fail};
use crate::app::ics::to_ics;
use crate::i18n::K;

pub fn run(ctx: &Ctx, out: Option<&Path>) -> Result<(), Fail> {
    let lang = ctx.lang;
    let items = ctx
        .store
        .all_open_deadlines(lang)
        .map_err(|e| Fail::run(e.message(lang)))?;
    let text = to_ics(&items, lang);
    match out {
        Some(path) => {
            std::fs::write(path, text)
                .map_err(|e| Fail::run(lang.f(K::CliWrite, &[&path.display(), &e])))?;
            eprintln!(
                "{}",
                lang.f(K::CliIcsWritten, &[&items.len(), &path.display()])
            );
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .map_err(|e| Fail::run(e.to_string()))?;
        }
    }
    Ok(())
}
