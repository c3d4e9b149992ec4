//! Walking a suggestion's measures one by one: the reply's adoption of each (after `r`), or what a return visit
//! or look-back check found of each one's rectification (after `v`). A letter or digit picks a choice and moves
//! on; Backspace goes back a measure; Enter leaves one unanswered. The walk only edits its copy of the
//! suggestion: the caller writes it once at the end, in one transaction.

use chrono::NaiveDate;

use crate::domain::{Adoption, Rectification, Suggestion};
use crate::i18n::{K, Lang};

/// What the walk records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WalkKind {
    /// The written reply's answer to each measure.
    Reply,
    /// The rectification found on a return visit or look-back check on this day.
    Visit(NaiveDate),
}

/// A key as the walk reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WalkKey {
    Char(char),
    /// Leave this measure as it is and go on.
    Skip,
    Back,
    Cancel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WalkOutcome {
    Continue,
    /// Every measure was passed: write the suggestion.
    Done,
    Cancel,
}

/// One choice of a step: its keys and label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Option3 {
    pub digit: char,
    pub letter: char,
    pub label: K,
}

const ADOPTION: [(char, char, Adoption); 3] = [
    ('1', 'a', Adoption::Adopted),
    ('2', 'p', Adoption::Partly),
    ('3', 'n', Adoption::Not),
];

const RECTIFICATION: [(char, char, Rectification); 3] = [
    ('1', 'f', Rectification::Full),
    ('2', 'p', Rectification::Partial),
    ('3', 'n', Rectification::None),
];

#[derive(Clone, Debug)]
pub struct Walk {
    pub kind: WalkKind,
    /// The suggestion as it will be written.
    pub suggestion: Suggestion,
    /// The measure being answered (0-based).
    pub step: usize,
}

impl Walk {
    /// A walk over `s`'s measures; `None` when it has none (the caller records the suggestion whole).
    pub fn new(kind: WalkKind, s: Suggestion) -> Option<Walk> {
        (!s.measure_items.is_empty()).then_some(Walk {
            kind,
            suggestion: s,
            step: 0,
        })
    }

    pub fn len(&self) -> usize {
        self.suggestion.measure_items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The title line: "Record the reply · X检建〔2026〕4号 · measure 2 of 3".
    pub fn title(&self, lang: Lang) -> String {
        let what = match self.kind {
            WalkKind::Reply => K::MwReply,
            WalkKind::Visit(_) => K::MwVisit,
        };
        let s = &self.suggestion;
        let name = s.doc_no.clone().unwrap_or_else(|| s.title.clone());
        lang.f(
            K::MwTitle,
            &[&lang.t(what), &name, &(self.step + 1), &self.len()],
        )
    }

    /// The choices of this walk, in key order.
    pub fn options(&self) -> [Option3; 3] {
        match self.kind {
            WalkKind::Reply => ADOPTION.map(|(digit, letter, a)| Option3 {
                digit,
                letter,
                label: a.key(),
            }),
            WalkKind::Visit(_) => RECTIFICATION.map(|(digit, letter, r)| Option3 {
                digit,
                letter,
                label: r.key(),
            }),
        }
    }

    /// The answer recorded so far for measure `i`, as its label.
    pub fn answer(&self, i: usize) -> Option<K> {
        let m = self.suggestion.measure_items.get(i)?;
        match self.kind {
            WalkKind::Reply => m.adoption.map(Adoption::key),
            WalkKind::Visit(_) => m.rectification.map(Rectification::key),
        }
    }

    fn advance(&mut self) -> WalkOutcome {
        self.step += 1;
        if self.step >= self.len() {
            self.step = self.len().saturating_sub(1);
            WalkOutcome::Done
        } else {
            WalkOutcome::Continue
        }
    }

    pub fn press(&mut self, key: WalkKey) -> WalkOutcome {
        match key {
            WalkKey::Cancel => WalkOutcome::Cancel,
            WalkKey::Back => {
                self.step = self.step.saturating_sub(1);
                WalkOutcome::Continue
            }
            WalkKey::Skip => self.advance(),
            WalkKey::Char(c) => {
                let c = c.to_ascii_lowercase();
                let Some(m) = self.suggestion.measure_items.get_mut(self.step) else {
                    return WalkOutcome::Done;
                };
                match self.kind {
                    WalkKind::Reply => match ADOPTION.iter().find(|o| o.0 == c || o.1 == c) {
                        Some(&(_, _, a)) => m.adoption = Some(a),
                        None => return WalkOutcome::Continue,
                    },
                    WalkKind::Visit(on) => {
                        match RECTIFICATION.iter().find(|o| o.0 == c || o.1 == c) {
                            Some(&(_, _, r)) => {
                                m.rectification = Some(r);
                                m.rectified_on = Some(on);
                            }
                            None => return WalkOutcome::Continue,
                        }
                    }
                }
                self.advance()
            }
        }
    }

    /// The suggestion to write, its states following its measures again (answering them one by one is not
    /// setting the whole by hand).
    pub fn finish(mut self) -> Suggestion {
        self.suggestion.states_by_hand = false;
        self.suggestion.settle_measures();
        self.suggestion
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn three() -> Suggestion {
        let mut s = Suggestion::new("t", 1);
        s.measures = "一、甲措施内容；二、乙措施内容；三、丙措施内容".into();
        s.settle_measures();
        s
    }

    #[test]
    fn a_reply_walk_picks_by_letter_or_digit() {
        let mut w = Walk::new(WalkKind::Reply, three()).unwrap();
        assert_eq!(w.title(Lang::En), "Record the reply · t · measure 1 of 3");
        assert_eq!(w.press(WalkKey::Char('a')), WalkOutcome::Continue);
        assert_eq!(
            w.press(WalkKey::Char('x')),
            WalkOutcome::Continue,
            "not a choice"
        );
        assert_eq!(w.step, 1);
        assert_eq!(w.press(WalkKey::Char('1')), WalkOutcome::Continue);
        // Back to the second, change it to not adopted, then the third.
        w.press(WalkKey::Back);
        assert_eq!(w.answer(1), Some(K::AdoptAdopted));
        w.press(WalkKey::Char('N'));
        assert_eq!(w.answer(1), Some(K::AdoptNot));
        assert_eq!(w.press(WalkKey::Char('2')), WalkOutcome::Done);
        let s = w.finish();
        assert_eq!(s.adoption, Some(Adoption::Partly));
        assert_eq!(
            s.measure_items
                .iter()
                .map(|m| m.adoption)
                .collect::<Vec<_>>(),
            vec![
                Some(Adoption::Adopted),
                Some(Adoption::Not),
                Some(Adoption::Partly)
            ]
        );
    }

    #[test]
    fn a_visit_walk_records_what_was_found_on_its_day() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let mut w = Walk::new(WalkKind::Visit(day), three()).unwrap();
        w.press(WalkKey::Char('f'));
        w.press(WalkKey::Skip);
        assert_eq!(w.press(WalkKey::Char('3')), WalkOutcome::Done);
        let s = w.finish();
        assert_eq!(s.rectification, Some(Rectification::Partial));
        assert_eq!(s.measure_items[0].rectified_on, Some(day));
        assert_eq!(s.measure_items[1].rectification, None);
        assert_eq!(s.open_measures(), 2);
        assert!(Walk::new(WalkKind::Reply, Suggestion::new("t", 1)).is_none());
        let mut w = Walk::new(WalkKind::Reply, three()).unwrap();
        assert_eq!(w.press(WalkKey::Cancel), WalkOutcome::Cancel);
    }
}
