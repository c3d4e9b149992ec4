//! `yufang overdue`: the daily check without the full screen, as aligned tables or one JSON object.

use std::io::Write;

use serde_json::{Value, json};

use super::{Ctx, Fail};
use crate::domain::calendar::DueKind;
use crate::i18n::{K, Lang};
use crate::store::daily::{ActivityItem, CaseGapItem, DailyCheck, Section, SuggestionItem};
use crate::text::table;

/// Items listed per section unless asked otherwise: a county office never has that many, and a national
/// archive's thousands are for `--all`.
pub const DEFAULT_LIMIT: usize = 50;

/// `limit`: at most this many items per section (`None`: all); the totals always count every item.
pub fn run(
    ctx: &Ctx,
    within: Option<u32>,
    as_json: bool,
    limit: Option<usize>,
) -> Result<(), Fail> {
    let check = ctx
        .store
        .daily_check_capped(within, limit)
        .map_err(|e| Fail::run(e.message(ctx.lang)))?;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if as_json {
        // Straight to the output: a national archive's lists need not sit in memory twice.
        write_json(&check, ctx.lang, &mut stdout)
    } else {
        writeln!(stdout, "{}", to_text(&check, ctx.lang))
    };
    written
        .and_then(|_| stdout.flush())
        .map_err(|e| Fail::run(e.to_string()))
}

fn item_json(i: &SuggestionItem, due: DueKind, lang: Lang) -> Value {
    let s = &i.suggestion;
    let mut v = json!({
        "id": s.id,
        "doc_no": s.doc_no,
        "title": s.title,
        "recipient": i.recipient,
        "category": s.category,
        "decided_on": s.decided_on,
        "issued_on": s.issued_on,
        "received_on": s.received_on,
        "replied_on": s.replied_on,
    });
    if let Value::Object(m) = &mut v {
        m.insert(format!("{}_due", due.code()), json!(i.deadline.date));
        if i.is_late() {
            m.insert("days_overdue".into(), json!(i.days_overdue));
        } else {
            m.insert("days_left".into(), json!(i.days_left()));
        }
        m.insert("explanation".into(), json!(i.deadline.explain(lang)));
    }
    v
}

fn activity_json(a: &ActivityItem, lang: Lang) -> Value {
    let mut v = json!({
        "id": a.activity.id,
        "kind": a.activity.kind,
        "kind_text": a.activity.kind.label(lang),
        "title": a.activity.title,
        "unit": a.unit,
        "case_no": a.case_no,
        "planned_on": a.activity.planned_on,
    });
    if let Value::Object(m) = &mut v {
        if a.is_late() {
            m.insert("days_overdue".into(), json!(a.days_overdue));
        } else {
            m.insert("days_left".into(), json!(-a.days_overdue));
        }
    }
    v
}

fn gap_json(g: &CaseGapItem, lang: Lang) -> Value {
    let mut missing = Vec::new();
    if g.gap.missing_analysis {
        missing.push("crime_analysis");
    }
    if g.gap.missing_suggestion {
        missing.push("suggestion");
    }
    json!({
        "id": g.case.id,
        "case_no": g.case.case_no,
        "suspect": g.case.suspect,
        "unit": g.unit,
        "status": g.case.status,
        "since": g.gap.since,
        "days": g.gap.days,
        "missing": missing,
        "missing_text": missing_text(g, lang),
    })
}

fn missing_text(g: &CaseGapItem, lang: Lang) -> String {
    g.gap.missing_text(lang)
}

/// Writes the JSON object section by section, one item at a time, so a national archive's thousands of items
/// never sit in memory as one document.
pub fn write_json(c: &DailyCheck, lang: Lang, w: &mut dyn Write) -> std::io::Result<()> {
    fn list<T>(
        w: &mut dyn Write,
        key: &str,
        items: &[T],
        last: bool,
        f: impl Fn(&T) -> Value,
    ) -> std::io::Result<()> {
        write!(w, "  {}: [", serde_json::to_string(key)?)?;
        for (i, item) in items.iter().enumerate() {
            write!(w, "{}\n    ", if i == 0 { "" } else { "," })?;
            serde_json::to_writer(&mut *w, &f(item))?;
        }
        writeln!(
            w,
            "{}]{}",
            if items.is_empty() { "" } else { "\n  " },
            if last { "" } else { "," }
        )
    }
    // The totals count every item, so a script can tell a list cut by --limit from a complete one.
    let totals: serde_json::Map<String, Value> = Section::ALL
        .iter()
        .map(|s| (s.code().to_string(), json!(c.size(*s).1)))
        .collect();
    writeln!(w, "{{")?;
    writeln!(w, "  \"today\": {},", serde_json::to_string(&c.today)?)?;
    writeln!(w, "  \"within\": {},", c.within)?;
    writeln!(w, "  \"totals\": {},", Value::Object(totals))?;
    for s in Section::ALL {
        if let (Some(rows), Some(kind)) = (c.suggestions(s), s.due_kind()) {
            list(w, s.code(), rows, false, |i| item_json(i, kind, lang))?;
        }
    }
    list(
        w,
        Section::Activities.code(),
        &c.activities_due,
        false,
        |a| activity_json(a, lang),
    )?;
    list(w, Section::Gaps.code(), &c.case_gaps, true, |g| {
        gap_json(g, lang)
    })?;
    writeln!(w, "}}")
}

fn days_text(i: &SuggestionItem, lang: Lang) -> String {
    crate::i18n::days_text(lang, i.days_overdue)
}

fn doc_no(i: &SuggestionItem, lang: Lang) -> String {
    i.suggestion
        .doc_no
        .clone()
        .unwrap_or_else(|| lang.t(K::NoDocNo).to_string())
}

/// A section: its title with the total, the table of the listed rows, and how many more there are.
fn section(
    out: &mut Vec<String>,
    title: String,
    (shown, total): (usize, usize),
    body: Option<String>,
    lang: Lang,
) {
    out.push(String::new());
    out.push(format!("{title} ({total})"));
    match body {
        Some(b) if shown > 0 => out.push(b),
        _ => out.push(format!("  {}", lang.t(K::HNothing))),
    }
    if total > shown {
        out.push(format!("  {}", lang.f(K::OverdueMore, &[&(total - shown)])));
    }
}

/// The date a row's deadline is counted from.
type BaseOf = dyn Fn(&SuggestionItem) -> Option<chrono::NaiveDate>;

/// A section's heading, with its window where it has one.
fn title(c: &DailyCheck, s: Section, lang: Lang) -> String {
    match s {
        Section::DueSoon => lang.f(s.key(), &[&c.within]),
        Section::Activities => lang.f(s.key(), &[&c.activities_within]),
        _ => lang.t(s.key()).to_string(),
    }
}

/// Compact aligned tables, one per section, each with its count.
pub fn to_text(c: &DailyCheck, lang: Lang) -> String {
    let t = |k| lang.t(k);
    let mut out = vec![lang.f(K::TodayIs, &[&c.today])];
    let caps = [1, 22, 24, 10, 10, 16, 30];
    let suggestion_table = |items: &[SuggestionItem], base: K, base_of: &BaseOf, mark: bool| {
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                vec![
                    if mark && i.is_late() {
                        "!".into()
                    } else {
                        String::new()
                    },
                    doc_no(i, lang),
                    i.recipient.clone(),
                    base_of(i).map(|d| d.to_string()).unwrap_or_default(),
                    i.deadline.date.to_string(),
                    days_text(i, lang),
                    i.suggestion.title.clone(),
                ]
            })
            .collect();
        table(
            &[
                "",
                t(K::ColDocNo),
                t(K::ColRecipient),
                t(base),
                t(K::ColDue),
                t(K::ColDays),
                t(K::ColTitle),
            ],
            &rows,
            &caps,
            "  ",
        )
    };
    for s in Section::ALL {
        let (Some(rows), Some(kind)) = (c.suggestions(s), s.due_kind()) else {
            continue;
        };
        // Each list shows the date its deadline is counted from.
        let (base, base_of): (K, &BaseOf) = match kind {
            DueKind::Filing => (K::ColIssued, &|i| i.suggestion.issued_on),
            DueKind::Visit => (K::ColReplied, &|i| i.suggestion.replied_on),
            DueKind::Investigation => (K::ColDecided, &|i| i.suggestion.decided_on),
            _ => (K::ColReceived, &|i| i.suggestion.received_on),
        };
        section(
            &mut out,
            title(c, s, lang),
            c.size(s),
            Some(suggestion_table(rows, base, base_of, s != Section::DueSoon)),
            lang,
        );
    }
    let act_rows: Vec<Vec<String>> = c
        .activities_due
        .iter()
        .map(|a| {
            vec![
                if a.is_late() {
                    "!".into()
                } else {
                    String::new()
                },
                a.activity.kind.label(lang).to_string(),
                a.unit
                    .clone()
                    .or_else(|| a.case_no.clone())
                    .unwrap_or_default(),
                a.activity
                    .planned_on
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                crate::i18n::days_text(lang, a.days_overdue),
                a.activity.title.clone(),
            ]
        })
        .collect();
    let acts = table(
        &[
            "",
            t(K::FKind),
            t(K::ColUnit),
            t(K::FPlannedOn),
            t(K::ColDays),
            t(K::ColTitle),
        ],
        &act_rows,
        &[1, 16, 24, 10, 16, 30],
        "  ",
    );
    section(
        &mut out,
        title(c, Section::Activities, lang),
        c.size(Section::Activities),
        Some(acts),
        lang,
    );
    let gap_rows: Vec<Vec<String>> = c
        .case_gaps
        .iter()
        .map(|g| {
            vec![
                g.case.case_no.clone(),
                g.unit.clone().unwrap_or_default(),
                g.gap.since.to_string(),
                g.gap.days.to_string(),
                missing_text(g, lang),
            ]
        })
        .collect();
    let gaps = table(
        &[
            t(K::ColCaseNo),
            t(K::ColUnit),
            t(K::ColSince),
            t(K::ColDays),
            t(K::ColMissing),
        ],
        &gap_rows,
        &[24, 24, 10, 6, 30],
        "  ",
    );
    section(
        &mut out,
        title(c, Section::Gaps, lang),
        c.size(Section::Gaps),
        Some(gaps),
        lang,
    );
    out.join("\n")
}
