//! Markdown that reads well as plain text: pipe tables padded to display width (CJK counts two columns),
//! numbers right-aligned, no markup beyond headings, lists and tables.

use super::{Block, Cell, Doc, Table};
use crate::text::{pad, pad_left, width};

fn table(t: &Table, out: &mut String) {
    out.push_str(&format!("**{}**\n\n", t.title));
    let cols = t.header.len();
    let mut w: Vec<usize> = t.header.iter().map(|h| width(h).max(3)).collect();
    let cells: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate().take(cols) {
            w[i] = w[i].max(width(c));
        }
    }
    let numeric: Vec<bool> = (0..cols)
        .map(|i| !t.rows.is_empty() && t.rows.iter().all(|r| r.get(i).is_none_or(Cell::is_number)))
        .collect();
    let line = |vals: Vec<String>| {
        let parts: Vec<String> = vals
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if numeric[i] {
                    pad_left(v, w[i])
                } else {
                    pad(v, w[i])
                }
            })
            .collect();
        format!("| {} |\n", parts.join(" | "))
    };
    out.push_str(&line(t.header.clone()));
    let rule: Vec<String> = (0..cols)
        .map(|i| {
            if numeric[i] {
                format!("{}:", "-".repeat(w[i] - 1))
            } else {
                "-".repeat(w[i])
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for r in cells {
        let mut r = r;
        r.resize(cols, String::new());
        out.push_str(&line(r));
    }
    out.push('\n');
}

pub fn render(doc: &Doc) -> String {
    let mut out = format!("# {}\n\n## {}\n\n", doc.office, doc.title);
    for m in &doc.meta {
        out.push_str(&format!("{m}  \n"));
    }
    out.push('\n');
    for s in &doc.sections {
        out.push_str(&format!("### {}\n\n", s.heading));
        for b in &s.blocks {
            match b {
                Block::Para(p) => out.push_str(&format!("{p}\n\n")),
                Block::List(items) => {
                    for i in items {
                        out.push_str(&format!("- {i}\n"));
                    }
                    out.push('\n');
                }
                Block::Table(t) => table(t, &mut out),
                // The chart's figures are in the table beside it.
                Block::Chart(_) => {}
            }
        }
    }
    out
}
