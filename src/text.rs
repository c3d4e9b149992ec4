//! Display-width text helpers: CJK characters take two cells, so widths are measured, never `len()`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let tw = width(&t);
    format!("{t}{}", " ".repeat(w.saturating_sub(tw)))
}

/// `s` right-aligned in `w` cells.
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    format!("{}{t}", " ".repeat(w.saturating_sub(width(&t))))
}

/// A plain-text table whose columns line up by display width. `max` caps each column's width.
pub fn table(headers: &[&str], rows: &[Vec<String>], max: &[usize], indent: &str) -> String {
    let n = headers.len();
    let mut w: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            w[i] = w[i].max(width(c));
        }
    }
    for (i, m) in max.iter().enumerate().take(n) {
        w[i] = w[i].min(*m);
    }
    let line = |cells: Vec<&str>| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, w[i]))
            .collect();
        format!("{indent}{}", parts.join("  ").trim_end())
    };
    let mut out = vec![line(headers.to_vec())];
    for r in rows {
        out.push(line(r.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_widths() {
        assert_eq!(width("清源县"), 6);
        assert_eq!(truncate("清源县交通运输局", 7), "清源县…");
        assert_eq!(pad("县", 4), "县  ");
        assert_eq!(pad_left("12", 4), "  12");
        let t = table(
            &["A", "名称"],
            &[
                vec!["x".into(), "清源县".into()],
                vec!["长一点".into(), "b".into()],
            ],
            &[],
            "",
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "A       名称");
        assert_eq!(lines[1], "x       清源县");
        assert_eq!(lines[2], "长一点  b");
    }
}
