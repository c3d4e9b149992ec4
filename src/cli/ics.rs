//! `yufang ics`: every open deadline as an iCalendar file that ordinary calendar programs import.

use std::io::Write;
use std::path::Path;

use icalendar::{Calendar, Component, Event, EventLike};

use super::{Ctx, Fail};
use crate::i18n::{K, Lang};
use crate::store::calendar::CalItem;

/// The calendar text: one all-day VEVENT per open deadline, with a UID that stays the same across exports.
pub fn to_ics(items: &[CalItem], lang: Lang) -> String {
    let mut cal = Calendar::new();
    cal.name(&format!("yufang {}", lang.t(K::PaneCalendar)));
    for it in items {
        let mut description = vec![it.title.clone()];
        if let Some(d) = &it.deadline {
            description.push(d.explain(lang));
        }
        if let Some(s) = it.state {
            let days = s.days_text(lang);
            description.push(if days.is_empty() {
                s.label(lang).to_string()
            } else {
                format!("{} · {days}", s.label(lang))
            });
        }
        let summary = if it.overdue() {
            format!("! {}", it.summary(lang))
        } else {
            it.summary(lang)
        };
        let ev = Event::new()
            .uid(&it.uid)
            .summary(&summary)
            .description(&description.join("\n"))
            // All-day: DTEND is exclusive (RFC 5545), so the event ends the next day.
            .starts(it.date)
            .ends(it.date.succ_opt().unwrap_or(it.date))
            .done();
        cal.push(ev);
    }
    cal.done().to_string()
}

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
