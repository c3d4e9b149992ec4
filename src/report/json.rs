//! The report's figures as one JSON object for scripts: the raw counts of both periods (as the store
//! gathered them) and every derived figure (rates with numerator, denominator, percent and text; days to
//! reply; plan progress; the risk table; the lists of the period's end).

use serde_json::{Value, json};

use crate::domain::stats::{RateKind, SuggestionCounts, plan_progress, points_text};
use crate::i18n::{K, Lang};
use crate::store::stats::YearInView;

fn rates(s: &SuggestionCounts, b: &SuggestionCounts, lang: Lang) -> Value {
    Value::Array(
        RateKind::ALL
            .iter()
            .map(|k| {
                json!({
                    "kind": k.code(),
                    "label": lang.t(k.key()),
                    "basis": lang.t(k.basis_key()),
                    "now": s.rate(*k),
                    "before": b.rate(*k),
                    "change": points_text(s.rate(*k), b.rate(*k), lang),
                })
            })
            .collect(),
    )
}

/// The figures of one office's view.
pub fn figures(v: &YearInView, office: &str, lang: Lang) -> Value {
    let (s, b) = (&v.now.suggestions, &v.before.suggestions);
    json!({
        "office": office,
        "lang": lang,
        "period": { "from": v.period.from, "to": v.period.to, "label": v.period.label(lang) },
        "previous": { "from": v.previous.from, "to": v.previous.to, "label": v.previous.label(lang) },
        "as_of": v.as_of,
        "period_rule": lang.t(K::RpNoteRule),
        "rates": rates(s, b, lang),
        "days_to_reply": {
            "average": { "now": s.average_days(), "before": b.average_days() },
            "median": { "now": s.median_days(), "before": b.median_days() },
        },
        "now": v.now,
        "before": v.before,
        "plan": v.plan,
        "plan_progress": plan_progress(v.plan.as_ref(), &v.now).iter().map(|p| json!({
            "kind": p.kind, "done": p.done, "target": p.target, "rate": p.rate(),
        })).collect::<Vec<_>>(),
        "risk_years": v.risk_years,
        "risk": v.risk,
        "overdue": v.overdue,
        "open_rectifications": v.open_rectifications,
    })
}

pub fn render(v: &YearInView, office: &str, lang: Lang) -> String {
    let mut s = serde_json::to_string_pretty(&figures(v, office, lang)).unwrap_or_default();
    s.push('\n');
    s
}
