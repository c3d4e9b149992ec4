//! Paging windows: a list's rows on screen, its total, cursor and first row shown, and how the next window
//! is read from the sort key of a row on screen rather than by OFFSET.

use crate::store::StoreError;
use crate::store::lists::{Page, Seek, SortKey};

/// Shows the list's last page (`Seek::End`) with the cursor on its last row.
pub(crate) fn last_page<R>(
    w: &mut Window<R>,
    rows: impl Fn(Seek<'_>) -> Result<Page<R>, StoreError>,
) -> Result<(), StoreError> {
    let p = rows(Seek::End)?;
    w.cursor = w.total.saturating_sub(1);
    w.offset = w.total.saturating_sub(p.rows.len());
    w.put(p);
    Ok(())
}

/// Loads the window of a list after its query or the terminal size changed, or after a reload. The rows
/// on screen are read again from the key of the first of them, so a deep position costs no OFFSET.
pub(crate) fn load_window<R>(
    w: &mut Window<R>,
    page: usize,
    total: usize,
    rows: impl Fn(Seek<'_>) -> Result<Page<R>, StoreError>,
) -> Result<(), StoreError> {
    w.total = total;
    w.cursor = w.cursor.min(total.saturating_sub(1));
    let off = clamp_offset(w.offset, w.cursor, page, total);
    w.fetch(off, page, rows)
}

/// Moves a list's cursor, fetching a new window only when the cursor leaves the one on screen.
pub(crate) fn move_window<R>(
    w: &mut Window<R>,
    page: usize,
    delta: i64,
    rows: impl Fn(Seek<'_>) -> Result<Page<R>, StoreError>,
) -> Result<(), StoreError> {
    if w.total == 0 {
        w.cursor = 0;
        return Ok(());
    }
    w.cursor = (w.cursor as i64)
        .saturating_add(delta)
        .clamp(0, w.total as i64 - 1) as usize;
    let off = clamp_offset(w.offset, w.cursor, page, w.total);
    if off != w.offset || w.rows.is_empty() {
        w.fetch(off, page, rows)?;
    }
    Ok(())
}

/// A window onto a long list: the rows on screen, the total, the cursor (absolute index) and the first row
/// shown. Only the window is ever loaded.
#[derive(Clone, Debug)]
pub struct Window<R> {
    pub rows: Vec<R>,
    /// The sort key of each row on screen, where the next window up or down is sought from.
    keys: Vec<SortKey>,
    pub total: usize,
    pub cursor: usize,
    pub offset: usize,
}

impl<R> Default for Window<R> {
    fn default() -> Self {
        Window {
            rows: Vec::new(),
            keys: Vec::new(),
            total: 0,
            cursor: 0,
            offset: 0,
        }
    }
}

impl<R> Window<R> {
    pub fn selected(&self) -> Option<&R> {
        self.rows.get(self.cursor.checked_sub(self.offset)?)
    }

    fn put(&mut self, p: Page<R>) {
        self.rows = p.rows;
        self.keys = p.keys;
    }

    /// How to read the window that starts at row `off`: from the key of a row on screen when the new window
    /// touches or overlaps this one, so the cost does not grow with the depth; by OFFSET only at the top or
    /// after a far jump.
    fn seek_for(&self, off: usize, page: usize) -> Seek<'_> {
        let (start, n) = (self.offset, self.keys.len());
        let end = off + page;
        if off == 0 || n != self.rows.len() {
            Seek::Offset(off)
        } else if start < off && off <= start + n {
            Seek::After {
                key: &self.keys[off - 1 - start],
                inclusive: false,
                offset: off,
            }
        } else if off == start && n > 0 {
            Seek::After {
                key: &self.keys[0],
                inclusive: true,
                offset: off,
            }
        } else if off < start && start <= end && end < start + n {
            Seek::Before {
                key: &self.keys[end - start],
                offset: off,
            }
        } else if end >= self.total {
            Seek::End
        } else {
            Seek::Offset(off)
        }
    }

    /// Puts the window that starts at row `off` on screen. A key seek that does not bring the rows the count
    /// promises (the list changed since the keys were read) is read again by OFFSET, so the window always
    /// shows the rows its numbers say.
    fn fetch(
        &mut self,
        off: usize,
        page: usize,
        rows: impl Fn(Seek<'_>) -> Result<Page<R>, StoreError>,
    ) -> Result<(), StoreError> {
        let want = page.min(self.total.saturating_sub(off));
        let seek = self.seek_for(off, page);
        let by_offset = matches!(seek, Seek::Offset(_));
        let mut p = rows(seek)?;
        if p.rows.len() != want && !by_offset {
            p = rows(Seek::Offset(off))?;
        }
        self.offset = off;
        self.put(p);
        Ok(())
    }
}

/// First row to show so that `cursor` is visible in a window of `page` rows.
pub fn clamp_offset(offset: usize, cursor: usize, page: usize, total: usize) -> usize {
    let page = page.max(1);
    let mut off = offset;
    if cursor < off {
        off = cursor;
    } else if cursor >= off + page {
        off = cursor + 1 - page;
    }
    off.min(total.saturating_sub(page))
}
