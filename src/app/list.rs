//! One list mechanism for every paged list (cases, suggestions, units, activities): a query, its window
//! and its `/` filter, with load, move, bottom, sort and refilter written once.

use std::fmt::Debug;
use std::ops::{Deref, DerefMut};

use super::filter::FilterBox;
use super::window::{Window, last_page, load_window, move_window};
use crate::i18n::Lang;
use crate::store::lists::{
    CaseQuery, CaseRow, CaseSort, Page, Seek, SuggestionQuery, SuggestionRow, SuggestionSort,
};
use crate::store::units::{ActivityQuery, ActivityRow, UnitQuery, UnitRow};
use crate::store::{Store, StoreError};

/// What a list asks the store: its count and a page of its rows.
pub trait ListQuery: Clone + Debug {
    type Row: Clone + Debug;
    fn count(&self, store: &Store, lang: Lang) -> Result<usize, StoreError>;
    fn page(
        &self,
        store: &Store,
        lang: Lang,
        seek: Seek<'_>,
        n: usize,
    ) -> Result<Page<Self::Row>, StoreError>;
    fn set_filter(&mut self, text: &str);
    /// The next sort order (`reverse`: the same order turned round). Lists without sorts keep theirs and
    /// say so.
    fn sort(&mut self, _reverse: bool) -> bool {
        false
    }
}

/// A list on screen: the query, the window of its rows and its filter box. Derefs to the window, so
/// `list.rows`, `list.total` and `list.selected()` read as before.
#[derive(Clone, Debug)]
pub struct List<Q: ListQuery> {
    pub query: Q,
    pub window: Window<Q::Row>,
    pub filter: FilterBox,
}

impl<Q: ListQuery + Default> Default for List<Q> {
    fn default() -> Self {
        List::new(Q::default())
    }
}

impl<Q: ListQuery> Deref for List<Q> {
    type Target = Window<Q::Row>;
    fn deref(&self) -> &Window<Q::Row> {
        &self.window
    }
}

impl<Q: ListQuery> DerefMut for List<Q> {
    fn deref_mut(&mut self) -> &mut Window<Q::Row> {
        &mut self.window
    }
}

impl<Q: ListQuery> List<Q> {
    pub fn new(query: Q) -> List<Q> {
        List {
            query,
            window: Window::default(),
            filter: FilterBox::default(),
        }
    }

    /// Reads the count and the window again (after a reload, a resize or a changed query).
    pub fn load(&mut self, store: &Store, lang: Lang, page: usize) -> Result<(), StoreError> {
        let total = self.query.count(store, lang)?;
        let q = &self.query;
        load_window(&mut self.window, page, total, |seek| {
            q.page(store, lang, seek, page)
        })
    }

    /// Back to the first row and read again: the query changed.
    pub fn restart(&mut self, store: &Store, lang: Lang, page: usize) -> Result<(), StoreError> {
        self.window.cursor = 0;
        self.window.offset = 0;
        self.load(store, lang, page)
    }

    pub fn move_by(
        &mut self,
        store: &Store,
        lang: Lang,
        page: usize,
        delta: i64,
    ) -> Result<(), StoreError> {
        let q = &self.query;
        move_window(&mut self.window, page, delta, |seek| {
            q.page(store, lang, seek, page)
        })
    }

    /// The last row: the last page is read as the first page of the reversed order, which an index serves
    /// at once, where an OFFSET would walk the whole list.
    pub fn bottom(&mut self, store: &Store, lang: Lang, page: usize) -> Result<(), StoreError> {
        let q = &self.query;
        last_page(&mut self.window, |seek| q.page(store, lang, seek, page))
    }

    /// The filter box's text became the query's filter.
    pub fn refilter(&mut self, store: &Store, lang: Lang, page: usize) -> Result<(), StoreError> {
        let text = self.filter.input.text().to_string();
        self.query.set_filter(&text);
        self.restart(store, lang, page)
    }

    pub fn sort(
        &mut self,
        store: &Store,
        lang: Lang,
        page: usize,
        reverse: bool,
    ) -> Result<(), StoreError> {
        if self.query.sort(reverse) {
            self.load(store, lang, page)
        } else {
            Ok(())
        }
    }
}

/// The next of `all` after `now`, round.
fn next_of<T: PartialEq + Copy>(all: &[T], now: T) -> T {
    let i = all.iter().position(|s| *s == now).unwrap_or(0);
    all[(i + 1) % all.len()]
}

impl ListQuery for CaseQuery {
    type Row = CaseRow;
    fn count(&self, store: &Store, lang: Lang) -> Result<usize, StoreError> {
        store.case_count(self, lang)
    }
    fn page(
        &self,
        store: &Store,
        lang: Lang,
        seek: Seek<'_>,
        n: usize,
    ) -> Result<Page<CaseRow>, StoreError> {
        store.case_page(self, lang, seek, n)
    }
    fn set_filter(&mut self, text: &str) {
        self.filter = text.to_string();
    }
    fn sort(&mut self, reverse: bool) -> bool {
        if reverse {
            self.desc = !self.desc;
        } else {
            self.sort = next_of(&CaseSort::ALL, self.sort);
        }
        true
    }
}

impl ListQuery for SuggestionQuery {
    type Row = SuggestionRow;
    fn count(&self, store: &Store, lang: Lang) -> Result<usize, StoreError> {
        store.suggestion_count(self, lang)
    }
    fn page(
        &self,
        store: &Store,
        lang: Lang,
        seek: Seek<'_>,
        n: usize,
    ) -> Result<Page<SuggestionRow>, StoreError> {
        store.suggestion_page(self, lang, seek, n)
    }
    fn set_filter(&mut self, text: &str) {
        self.filter = text.to_string();
    }
    fn sort(&mut self, reverse: bool) -> bool {
        if reverse {
            self.desc = !self.desc;
        } else {
            self.sort = next_of(&SuggestionSort::ALL, self.sort);
        }
        true
    }
}

impl ListQuery for UnitQuery {
    type Row = UnitRow;
    fn count(&self, store: &Store, _lang: Lang) -> Result<usize, StoreError> {
        store.unit_count(self)
    }
    fn page(
        &self,
        store: &Store,
        _lang: Lang,
        seek: Seek<'_>,
        n: usize,
    ) -> Result<Page<UnitRow>, StoreError> {
        store.unit_page(self, seek, n)
    }
    fn set_filter(&mut self, text: &str) {
        self.filter = text.to_string();
    }
}

impl ListQuery for ActivityQuery {
    type Row = ActivityRow;
    fn count(&self, store: &Store, lang: Lang) -> Result<usize, StoreError> {
        store.activity_count(self, lang)
    }
    fn page(
        &self,
        store: &Store,
        lang: Lang,
        seek: Seek<'_>,
        n: usize,
    ) -> Result<Page<ActivityRow>, StoreError> {
        store.activity_page(self, lang, seek, n)
    }
    fn set_filter(&mut self, text: &str) {
        self.filter = text.to_string();
    }
}
