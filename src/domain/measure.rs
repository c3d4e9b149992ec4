//! The measures of a suggestion as items: each measure's adoption and rectification, kept in line with the
//! measures text, and the suggestion's states that follow from them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::{Adoption, Rectification};
use super::numbering::items;
use super::suggestion::Suggestion;
use super::validate::{FieldError, Problem};
use crate::i18n::K;

/// One measure of a suggestion, with the unit's answer to it once replied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub text: String,
    #[serde(default)]
    pub adoption: Option<Adoption>,
    #[serde(default)]
    pub rectification: Option<Rectification>,
    /// When the rectification state was found (by the reply, a return visit or a look-back check).
    #[serde(default)]
    pub rectified_on: Option<NaiveDate>,
    /// What the state rests on: the reply's passage, the visit's record, a document seen.
    #[serde(default)]
    pub evidence: String,
}

impl Measure {
    pub fn new(text: &str) -> Measure {
        Measure {
            text: text.to_string(),
            adoption: None,
            rectification: None,
            rectified_on: None,
            evidence: String::new(),
        }
    }

    /// Open at the end of the follow-through: not (yet) fully rectified.
    pub fn is_open(&self) -> bool {
        self.rectification != Some(Rectification::Full)
    }
}

/// The items of `text`, keeping each answer recorded against an unchanged measure (or, when only the words
/// were edited and the count stayed, against the measure in the same place).
pub fn reconcile(text: &str, old: &[Measure]) -> Vec<Measure> {
    let texts = items(text);
    if texts.len() == old.len() && texts.iter().zip(old).all(|(t, m)| *t == m.text) {
        return old.to_vec();
    }
    let mut used = vec![false; old.len()];
    let same_count = texts.len() == old.len();
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let hit = old
                .iter()
                .enumerate()
                .position(|(j, m)| !used[j] && m.text == *t)
                .or_else(|| (same_count && !used[i]).then_some(i));
            match hit {
                Some(j) => {
                    used[j] = true;
                    Measure {
                        text: t.clone(),
                        ..old[j].clone()
                    }
                }
                None => Measure::new(t),
            }
        })
        .collect()
}

/// The suggestion's adoption as its measures give it: none until a measure is answered; then adopted when
/// every measure is, not adopted when none is, partly otherwise. An unanswered measure beside answered ones
/// counts as not adopted: the reply passed over it.
pub fn adoption_of(items: &[Measure]) -> Option<Adoption> {
    if items.iter().all(|m| m.adoption.is_none()) {
        return None;
    }
    let adopted = |m: &Measure| m.adoption == Some(Adoption::Adopted);
    let none = |m: &Measure| matches!(m.adoption, None | Some(Adoption::Not));
    Some(if items.iter().all(adopted) {
        Adoption::Adopted
    } else if items.iter().all(none) {
        Adoption::Not
    } else {
        Adoption::Partly
    })
}

/// The same for rectification, with the latest date a measure's state was found.
pub fn rectification_of(items: &[Measure]) -> Option<(Rectification, Option<NaiveDate>)> {
    if items.iter().all(|m| m.rectification.is_none()) {
        return None;
    }
    let full = |m: &Measure| m.rectification == Some(Rectification::Full);
    let none = |m: &Measure| matches!(m.rectification, None | Some(Rectification::None));
    let state = if items.iter().all(full) {
        Rectification::Full
    } else if items.iter().all(none) {
        Rectification::None
    } else {
        Rectification::Partial
    };
    Some((state, items.iter().filter_map(|m| m.rectified_on).max()))
}

impl Suggestion {
    /// Brings the items in line with the measures text (the truth of their words) and, unless the states were set by hand, the
    /// suggestion's adoption and rectification in line with its items. A suggestion whose measures have no
    /// answers yet keeps the states it has (a store from before measures were items recorded them whole).
    pub fn settle_measures(&mut self) {
        self.measure_items = reconcile(&self.measures, &self.measure_items);
        if self.states_by_hand {
            return;
        }
        if let Some(a) = adoption_of(&self.measure_items) {
            self.adoption = Some(a);
        }
        if let Some((r, on)) = rectification_of(&self.measure_items) {
            self.rectification = Some(r);
            self.rectified_on = on.or(self.rectified_on);
        }
    }

    /// Measures not fully rectified (the "issued and forgotten" ones).
    pub fn open_measures(&self) -> usize {
        self.measure_items.iter().filter(|m| m.is_open()).count()
    }
}

/// The measures of the suggestions issued in a period (DOMAIN.md: a suggestion counts in the period of its
/// issue, and its answers count with it whenever they came; rectification counts when found by the end).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MeasureCounts {
    /// Suggestions issued in the period that have measures.
    pub suggestions: u64,
    pub measures: u64,
    /// Measures the reply answered.
    pub answered: u64,
    pub adopted: u64,
    pub partly_adopted: u64,
    /// Measures found fully rectified by the period's end.
    pub fully_rectified: u64,
}

/// A replied suggestion with a measure not fully rectified at the period's end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenMeasures {
    pub id: i64,
    pub doc_no: Option<String>,
    pub title: String,
    pub recipient: String,
    pub open: u64,
    pub measures: u64,
}

/// The items in one line, each with its answer: "1 adopted, fully rectified; 2 not adopted; 3 —".
pub fn summary(items: &[Measure], lang: crate::i18n::Lang) -> String {
    if items.is_empty() {
        return "—".into();
    }
    items
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let states: Vec<&str> = [
                m.adoption.map(|a| a.label(lang)),
                m.rectification.map(|r| r.label(lang)),
            ]
            .into_iter()
            .flatten()
            .collect();
            let states = if states.is_empty() {
                "—".to_string()
            } else {
                states.join(crate::i18n::list_sep(lang))
            };
            format!("{} {states}", i + 1)
        })
        .collect::<Vec<_>>()
        .join(if lang == crate::i18n::Lang::Zh {
            "；"
        } else {
            "; "
        })
}

/// Field errors of the items, each naming its measure by number.
pub fn validate(s: &Suggestion, today: NaiveDate) -> Vec<FieldError> {
    let mut out = Vec::new();
    for (i, m) in s.measure_items.iter().enumerate() {
        let mut push = |field: K, problem: Problem| {
            out.push(FieldError::new(
                K::FMeasures,
                Problem::Measure {
                    n: i + 1,
                    error: Box::new(FieldError::new(field, problem)),
                },
            ));
        };
        if (m.adoption.is_some() || m.rectification.is_some()) && s.replied_on.is_none() {
            let field = if m.adoption.is_some() {
                K::FAdoption
            } else {
                K::FRectification
            };
            push(field, Problem::Needs(K::FRepliedOn));
        }
        if m.rectified_on.is_some() && m.rectification.is_none() {
            push(K::FRectifiedOn, Problem::Needs(K::FRectification));
        }
        if let Some(on) = m.rectified_on {
            if on > today {
                push(K::FRectifiedOn, Problem::Future { date: on, today });
            }
            if let Some(issued) = s.issued_on
                && on < issued
            {
                push(
                    K::FRectifiedOn,
                    Problem::Before {
                        other: K::FIssuedOn,
                        date: on,
                        other_date: issued,
                    },
                );
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    fn answered(a: Option<Adoption>, r: Option<Rectification>, on: Option<&str>) -> Measure {
        Measure {
            adoption: a,
            rectification: r,
            rectified_on: on.map(d),
            ..Measure::new("x")
        }
    }

    #[test]
    fn suggestion_states_follow_the_measures() {
        use Adoption::*;
        let mut s = Suggestion::new("t", 1);
        s.measures = "一、甲；二、乙；三、丙".into();
        s.adoption = Some(Adopted); // recorded whole before measures were items
        s.settle_measures();
        assert_eq!(s.measure_items.len(), 3);
        assert_eq!(s.adoption, Some(Adopted), "no measure answered: kept");

        s.measure_items[0].adoption = Some(Adopted);
        s.measure_items[1].adoption = Some(Adopted);
        s.settle_measures();
        assert_eq!(s.adoption, Some(Partly), "one passed over");
        s.measure_items[2].adoption = Some(Adopted);
        s.settle_measures();
        assert_eq!(s.adoption, Some(Adopted));
        s.measure_items[2].adoption = Some(Not);
        s.settle_measures();
        assert_eq!(s.adoption, Some(Partly));
        for m in &mut s.measure_items {
            m.adoption = Some(Not);
        }
        s.settle_measures();
        assert_eq!(s.adoption, Some(Not));

        s.measure_items[0].rectification = Some(Rectification::Full);
        s.measure_items[0].rectified_on = Some(d("2026-05-01"));
        s.settle_measures();
        assert_eq!(s.rectification, Some(Rectification::Partial));
        assert_eq!(s.rectified_on, Some(d("2026-05-01")));
        assert_eq!(s.open_measures(), 2);
        for m in &mut s.measure_items {
            m.rectification = Some(Rectification::Full);
            m.rectified_on = Some(d("2026-06-01"));
        }
        s.settle_measures();
        assert_eq!(s.rectification, Some(Rectification::Full));
        assert_eq!(s.rectified_on, Some(d("2026-06-01")));
        assert_eq!(s.open_measures(), 0);

        // Set by hand: the measures no longer decide.
        s.states_by_hand = true;
        s.adoption = Some(Partly);
        s.settle_measures();
        assert_eq!(s.adoption, Some(Partly));

        assert_eq!(
            rectification_of(&[
                answered(None, Some(Rectification::None), None),
                answered(None, None, None)
            ]),
            Some((Rectification::None, None))
        );
    }

    #[test]
    fn answers_survive_edits_of_the_text() {
        let mut s = Suggestion::new("t", 1);
        s.measures = "一、甲；二、乙".into();
        s.settle_measures();
        s.measure_items[1].adoption = Some(Adoption::Adopted);
        // Reordered and one added: the answer follows its words.
        s.measures = "一、丙；二、乙；三、甲".into();
        s.settle_measures();
        assert_eq!(
            s.measure_items
                .iter()
                .map(|m| (m.text.as_str(), m.adoption))
                .collect::<Vec<_>>(),
            vec![("丙", None), ("乙", Some(Adoption::Adopted)), ("甲", None)]
        );
        // Only the words edited: the answer stays in its place.
        s.measures = "一、丙；二、乙（修改）；三、甲".into();
        s.settle_measures();
        assert_eq!(s.measure_items[1].adoption, Some(Adoption::Adopted));
        // The text is the measures' truth: cleared, it leaves no items behind.
        s.measures.clear();
        s.settle_measures();
        assert!(s.measure_items.is_empty());
    }

    #[test]
    fn one_line_summary() {
        let items = [
            answered(Some(Adoption::Adopted), Some(Rectification::Full), None),
            answered(Some(Adoption::Not), None, None),
            answered(None, None, None),
        ];
        assert_eq!(
            summary(&items, Lang::En),
            "1 adopted, fully rectified; 2 not adopted; 3 —"
        );
        assert!(summary(&items, Lang::Zh).starts_with("1 采纳、"));
    }

    #[test]
    fn item_errors_name_the_measure() {
        let mut s = Suggestion::new("t", 1);
        s.measures = "一、甲；二、乙".into();
        s.settle_measures();
        s.measure_items[1].adoption = Some(Adoption::Adopted);
        s.measure_items[1].rectified_on = Some(d("2026-07-01"));
        let msgs: Vec<String> = validate(&s, d("2026-06-01"))
            .iter()
            .map(|e| e.message(Lang::En))
            .collect();
        assert_eq!(
            msgs,
            vec![
                "measure 2: adoption needs replied on to be set first",
                "measure 2: rectified on needs rectification to be set first",
                "measure 2: rectified on: 2026-07-01 is after today (2026-06-01)",
            ]
        );
    }
}
