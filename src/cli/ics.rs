//! `yufang ics`: every open deadline as an iCalendar file that ordinary calendar programs import.

use std::io::Write;
use std::path::Path;

use super::{Ctx, Fail};
use crate::app::ics::to_ics;
use crate::i18n::K;

/// Whether `head` begins like a calendar file yufang wrote.
fn looks_like_ours(head: &[u8]) -> bool {
    head.starts_with(b"BEGIN:VCALENDAR") && String::from_utf8_lossy(head).contains("yufang")
}

pub fn run(ctx: &Ctx, out: Option<&Path>, force: bool) -> Result<(), Fail> {
    let lang = ctx.lang;
    super::data::refuse_the_store(ctx, out)?;
    let items = ctx
        .store
        .all_open_deadlines(lang)
        .map_err(|e| Fail::run(e.message(lang)))?;
    let text = to_ics(&items, lang);
    match out {
        Some(path) if path.as_os_str() != "-" => {
            crate::outfile::write(path, force, looks_like_ours, |w| {
                w.write_all(text.as_bytes())
                    .map_err(|error| crate::outfile::OutError::Io {
                        path: path.into(),
                        error,
                    })
            })
            .map_err(|e| Fail::run(e.message(lang)))?;
            eprintln!(
                "{}",
                lang.f(K::CliIcsWritten, &[&items.len(), &path.display()])
            );
        }
        _ => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .map_err(|e| Fail::run(e.to_string()))?;
        }
    }
    Ok(())
}
