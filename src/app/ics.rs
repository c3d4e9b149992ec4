//! The iCalendar text of open deadlines (RFC 5545), for the app's export and `yufang ics`: presentation of
//! what `Store::all_open_deadlines` reads, kept out of the store.

use icalendar::{Calendar, Component, Event, EventLike};

use crate::i18n::{K, Lang};
use crate::store::calendar::CalItem;

/// "reply · X检建〔2026〕3号 · 清源县水利局" style summary in `lang`.
pub fn summary(it: &CalItem, lang: Lang) -> String {
    let mut parts = vec![match it.checkpoint {
        Some(c) => lang.t(c.key()).to_string(),
        None => it.kind.label(lang).to_string(),
    }];
    if let Some(n) = &it.number {
        parts.push(n.clone());
    }
    if let Some(u) = &it.unit {
        parts.push(u.clone());
    }
    parts.join(" · ")
}

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
            format!("! {}", summary(it, lang))
        } else {
            summary(it, lang)
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
