//! The Word document the office edits and sends on, in the manner of GB/T 9704-2012: A4 with the standard's
//! margins, the title in 方正小标宋简体 22 pt, headings in 黑体, the body in 仿宋_GB2312 16 pt on a fixed
//! 28 pt line, bordered tables, page numbers `— 1 —` at the foot. Latin text and digits use Times New Roman.
//! A machine without these fonts (LibreOffice on Linux, WPS without the GB fonts) substitutes its own Song
//! and FangSong faces; the names are the ones Word and WPS offices have installed.

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Table as DTable, TableCell, TableRow, WidthType,
};

use super::{Block, Doc, Table, WriteError};
use crate::i18n::Lang;

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const HEADING_FONT: &str = "黑体";
const LATIN: &str = "Times New Roman";
/// Sizes in half points.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const TABLE_SIZE: usize = 21;
/// A4 and the standard's margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twips.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
const TEXT_W: usize = 11_906 - 1_588 - 1_474;

fn fonts(east: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn exact(line_twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line_twips)
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, BODY_SIZE))
        .align(AlignmentType::Both)
        .line_spacing(exact(560))
        // Two characters of first-line indent, as official documents begin each paragraph.
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
}

fn centered(text: &str, font: &str, size: usize, line: i32) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, size))
        .align(AlignmentType::Center)
        .line_spacing(exact(line))
}

/// A first-level heading: 黑体 in Chinese (never bold, as the standard has it); bold for Latin text, which
/// 黑体 does not cover.
fn heading(text: &str, lang: Lang) -> Paragraph {
    let r = run(text, HEADING_FONT, BODY_SIZE);
    Paragraph::new()
        .add_run(if lang == Lang::En { r.bold() } else { r })
        .line_spacing(exact(560))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .keep_next(true)
}

fn cell(text: &str, bold: bool, align: AlignmentType) -> TableCell {
    let mut r = run(text, BODY_FONT, TABLE_SIZE);
    if bold {
        r = r.bold();
    }
    TableCell::new().add_paragraph(
        Paragraph::new().add_run(r).align(align).line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(240),
        ),
    )
}

fn table(t: &Table) -> DTable {
    let cols = t.header.len().max(1);
    // Columns as wide as their widest cell (a header counts for its longest word),
    // scaled to the text width: a rate `17 / 24 = 70.83%` stays on one line.
    let mut want: Vec<usize> = t
        .header
        .iter()
        .map(|h| {
            // Chinese headers wrap anywhere, so they ask for four characters at most; an English header
            // wraps between words, never inside one.
            if h.is_ascii() {
                h.split_whitespace()
                    .map(crate::text::width)
                    .max()
                    .unwrap_or(0)
            } else {
                crate::text::width(h).min(8)
            }
            .clamp(4, 12)
        })
        .collect();
    want.resize(cols, 4);
    for r in &t.rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            want[i] = want[i].max(crate::text::width(&c.text()));
        }
    }
    // Room for the cell margins.
    for w in &mut want {
        *w += 2;
    }
    let total: usize = want.iter().sum::<usize>().max(1);
    let grid: Vec<usize> = want.iter().map(|w| TEXT_W * w / total).collect();
    let mut rows = vec![TableRow::new(
        t.header
            .iter()
            .zip(&grid)
            .map(|(h, w)| cell(h, true, AlignmentType::Center).width(*w, WidthType::Dxa))
            .collect(),
    )];
    for r in &t.rows {
        let mut cells: Vec<TableCell> = r
            .iter()
            .zip(&grid)
            .map(|(c, w)| {
                let align = if c.is_number() {
                    AlignmentType::Right
                } else {
                    AlignmentType::Left
                };
                cell(&c.text(), false, align).width(*w, WidthType::Dxa)
            })
            .collect();
        while cells.len() < cols {
            cells.push(cell("", false, AlignmentType::Left));
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    DTable::new(rows)
        .set_grid(grid)
        .width(TEXT_W, WidthType::Dxa)
}

/// Chinese numbering of the notes: （一）（二）…; English: 1. 2. …
fn item_label(lang: Lang, i: usize) -> String {
    const N: [&str; 20] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
        "十五", "十六", "十七", "十八", "十九", "二十",
    ];
    match (lang, N.get(i)) {
        (Lang::Zh, Some(n)) => format!("（{n}）"),
        _ => format!("{}. ", i + 1),
    }
}

pub fn render(doc: &Doc) -> Result<Vec<u8>, WriteError> {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(run("— ", "宋体", 28))
            .add_page_num(PageNum::new())
            .add_run(run(" —", "宋体", 28))
            .size(28)
            .fonts(fonts("宋体"))
            .align(AlignmentType::Center),
    );
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(2_098)
                .bottom(1_984)
                .left(1_588)
                .right(1_474)
                .header(851)
                .footer(992),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .footer(footer);
    d = d
        .add_paragraph(centered(&doc.office, TITLE_FONT, TITLE_SIZE, 700))
        .add_paragraph(centered(&doc.title, TITLE_FONT, TITLE_SIZE, 700))
        .add_paragraph(centered("", BODY_FONT, BODY_SIZE, 560));
    for m in &doc.meta {
        d = d.add_paragraph(body(m));
    }
    for s in &doc.sections {
        d = d.add_paragraph(heading(&s.heading, doc.lang));
        for b in &s.blocks {
            match b {
                Block::Para(p) => d = d.add_paragraph(body(p)),
                Block::List(items) => {
                    for (i, it) in items.iter().enumerate() {
                        d = d.add_paragraph(body(&format!("{}{it}", item_label(doc.lang, i))));
                    }
                }
                Block::Table(t) => {
                    d = d
                        .add_paragraph(
                            Paragraph::new()
                                .add_run(run(&t.title, HEADING_FONT, 24))
                                .align(AlignmentType::Center)
                                .line_spacing(exact(480))
                                .keep_next(true),
                        )
                        .add_table(table(t))
                        .add_paragraph(centered("", BODY_FONT, TABLE_SIZE, 240));
                }
                // The chart's figures are in the table beside it; Word gets the table.
                Block::Chart(_) => {}
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| WriteError(format!("docx: {e}")))?;
    Ok(out.into_inner())
}
