//! The Today model: the daily check's sections, their lines on screen, the cursor over their items, and
//! loading the rest of the sections after the first screen.

use super::{App, TODAY_ROWS};

/// The sections of the Today view: the daily check's, indexed once in the store.
pub use crate::store::daily::Section;

/// A line of the Today view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TodayLine {
    Header(Section),
    Item(Section, usize),
    Empty(Section),
    /// The section has more rows than are loaded.
    More(Section),
}

impl App {
    pub fn today_lines(&self) -> Vec<TodayLine> {
        let mut out = Vec::new();
        for s in Section::ALL {
            out.push(TodayLine::Header(s));
            let n = self.section_len(s);
            if n == 0 {
                out.push(TodayLine::Empty(s));
            }
            for i in 0..n {
                out.push(TodayLine::Item(s, i));
            }
            if self.section_total(s) > n {
                out.push(TodayLine::More(s));
            }
        }
        out
    }

    /// How many rows a section has in all (more than are loaded when it is long).
    pub fn section_total(&self, s: Section) -> usize {
        self.check.size(s).1
    }

    pub fn section_len(&self, s: Section) -> usize {
        self.check.size(s).0
    }

    /// How many selectable rows (items) Today has loaded.
    pub(super) fn today_item_count(&self) -> usize {
        Section::ALL.iter().map(|s| self.section_len(*s)).sum()
    }

    /// The item at a cursor position: the sections' items follow one another.
    fn today_item_at(&self, mut cursor: usize) -> Option<TodayLine> {
        for s in Section::ALL {
            let n = self.section_len(s);
            if cursor < n {
                return Some(TodayLine::Item(s, cursor));
            }
            cursor -= n;
        }
        None
    }

    pub fn today_selected(&self) -> Option<TodayLine> {
        self.today_item_at(self.today_cursor)
    }

    /// Today starts with the rows a screen can show, so the first frame of a national archive waits for
    /// no more than that; the rest (up to `TODAY_ROWS` a section) comes before the cursor first moves,
    /// or when the terminal is idle right after the first frame. Returns whether more rows were loaded.
    pub fn load_rest_of_today(&mut self) -> bool {
        if self.today_full {
            return false;
        }
        self.today_full = true;
        if Section::ALL
            .iter()
            .all(|s| self.section_total(*s) == self.section_len(*s))
        {
            return false;
        }
        let selected = self.today_selected();
        match self.store.daily_check_capped(None, Some(TODAY_ROWS)) {
            Ok(check) => self.check = check,
            Err(e) => {
                self.error(e);
                return false;
            }
        }
        // The same row stays selected: rows were added at the ends of the sections, not before it.
        if let Some(TodayLine::Item(sel, i)) = selected {
            let before: usize = Section::ALL
                .iter()
                .take_while(|s| **s != sel)
                .map(|s| self.section_len(*s))
                .sum();
            self.today_cursor = before + i;
        }
        true
    }
}
