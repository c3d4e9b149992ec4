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
}

pub const fn fixed(width: u16) -> Col {
    Col { width, flex: 0 }
}
pub const fn flex(min: u16, share: u16) -> Col {
    Col {
        width: min,
        flex: share,
    }
}

/// Widths of `cols` in `total` cells with one space between columns. Flexible columns shrink to their minimum
/// first; when even that does not fit, the last columns get less.
pub fn widths(cols: &[Col], total: u16) -> Vec<u16> {
    // A zero-width fixed column is hidden and takes no gap.
    let gaps = cols
        .iter()
        .filter(|c| c.width > 0 || c.flex > 0)
        .count()
        .saturating_sub(1) as u16;
    let base: u16 = cols.iter().map(|c| c.width).sum::<u16>() + gaps;
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
}
