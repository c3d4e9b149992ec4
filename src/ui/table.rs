//! Columns laid out by display width: fixed columns keep their width, flexible ones share what is left, and
//! every cell is cut or padded in cells (CJK = 2), so Chinese rows line up with English ones.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::pad;

#[derive(Clone, Copy, Debug)]
pub struct Col {
    /// Fixed width, or the minimum of a flexible column.
    pub width: u16,
    /// Share of the remaining width (0 = fixed).
    pub flex: u16,
    /// 0: always shown; otherwise dropped whole when the row does not fit, highest first, before any
    /// column is cut.
    pub drop: u8,
}

pub const fn fixed(width: u16) -> Col {
    Col {
        width,
        flex: 0,
        drop: 0,
    }
}
pub const fn flex(min: u16, share: u16) -> Col {
    Col {
        width: min,
        flex: share,
        drop: 0,
    }
}

impl Col {
    /// This column may be dropped at narrow widths; columns with a higher `rank` go first.
    pub const fn drop(mut self, rank: u8) -> Col {
        self.drop = rank;
        self
    }

    fn shown(&self) -> bool {
        self.width > 0 || self.flex > 0
    }
}

/// Widths of `cols` in `total` cells with one space between columns. Flexible columns grow into what is
/// left. When the row does not fit at every column's minimum, the droppable columns go whole (highest rank
/// first) before anything is cut: a column that stays keeps its width, so what tells rows apart (a number,
/// a state) is never cut to make room for what they share. Only when nothing more can go are the last
/// columns cut.
pub fn widths(cols: &[Col], total: u16) -> Vec<u16> {
    let mut cols = cols.to_vec();
    let base = |cols: &[Col]| -> u16 {
        let gaps = cols.iter().filter(|c| c.shown()).count().saturating_sub(1) as u16;
        cols.iter().map(|c| c.width).sum::<u16>() + gaps
    };
    while base(&cols) > total {
        let Some(i) = (0..cols.len())
            .filter(|i| cols[*i].shown() && cols[*i].drop > 0)
            .max_by_key(|i| (cols[*i].drop, *i))
        else {
            break;
        };
        cols[i].width = 0;
        cols[i].flex = 0;
    }
    let base = base(&cols);
    let shares: u16 = cols.iter().map(|c| c.flex).sum();
    let mut out: Vec<u16> = cols.iter().map(|c| c.width).collect();
    if total >= base && shares > 0 {
        let extra = total - base;
        let mut given = 0;
        let last_flex = cols.iter().rposition(|c| c.flex > 0).unwrap_or(0);
        for (i, c) in cols.iter().enumerate() {
            if c.flex > 0 {
                let add = if i == last_flex {
                    extra - given
                } else {
                    extra * c.flex / shares
                };
                out[i] += add;
                given += add;
            }
        }
    } else if total < base {
        let mut over = base - total;
        for w in out.iter_mut().rev() {
            let cut = over.min(w.saturating_sub(1));
            *w -= cut;
            over -= cut;
        }
    }
    out
}

/// The first cell of a selectable row: `›` on the cursor row, so the cursor shows without colour too.
pub fn marker(selected: bool) -> (String, Style) {
    (
        (if selected { "›" } else { " " }).to_string(),
        Style::default(),
    )
}

/// One row of cells, each with its style.
pub fn row<'a>(cells: Vec<(String, Style)>, widths: &[u16], base: Style) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, (text, style)) in cells.into_iter().enumerate() {
        let w = widths.get(i).copied().unwrap_or(0) as usize;
        if w == 0 {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(" ", base));
        }
        spans.push(Span::styled(pad(&text, w), base.patch(style)));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flexible_columns_share_the_rest() {
        let w = widths(&[fixed(2), flex(10, 1), fixed(10), flex(10, 2)], 80);
        assert_eq!(w.iter().sum::<u16>() + 3, 80);
        assert_eq!(w[0], 2);
        assert_eq!(w[2], 10);
        assert!(w[3] > w[1]);
        let w = widths(&[fixed(20), fixed(20), fixed(20)], 30);
        assert!(w.iter().sum::<u16>() + 2 <= 30, "{w:?}");
    }

    #[test]
    fn low_priority_columns_go_whole_before_anything_is_cut() {
        let cols = [
            fixed(2),
            flex(10, 1).drop(1),
            fixed(9),
            fixed(10).drop(2),
            flex(8, 1),
        ];
        // Everything fits: nothing dropped.
        let w = widths(&cols, 80);
        assert!(w.iter().all(|w| *w > 0), "{w:?}");
        // 2+10+9+10+8 + 4 gaps = 43: at 40 the rank-2 column goes first, the rest keep their widths.
        let w = widths(&cols, 40);
        assert_eq!(w[3], 0, "{w:?}");
        assert_eq!((w[0], w[2]), (2, 9), "{w:?}");
        assert!(w[1] >= 10 && w[4] >= 8, "{w:?}");
        // Narrower still: the rank-1 column goes too; the fixed number column is never cut.
        let w = widths(&cols, 25);
        assert_eq!((w[1], w[3], w[2]), (0, 0, 9), "{w:?}");
    }
}
