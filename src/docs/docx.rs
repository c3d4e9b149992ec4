//! Layout blocks as a Word file in the GB/T 9704-2012 layout (A4, margins 37/35/28/26 mm, 仿宋_GB2312 16 pt
//! body at 22 lines a page, 方正小标宋简体 22 pt title, 黑体/楷体 headings, red organ heading and line,
//! page numbers "— 1 —" outside), written by docx-rs.

use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableRow, WidthType,
};

use super::template::Block;

const FANGSONG: &str = "仿宋_GB2312";
const XIAOBIAOSONG: &str = "方正小标宋简体";
const HEITI: &str = "黑体";
const KAITI: &str = "楷体_GB2312";
const SONGTI: &str = "宋体";
const LATIN: &str = "Times New Roman";
const RED: &str = "FF0000";

/// Millimetres in twentieths of a point.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

/// Font sizes in half points: 三号 16 pt, 二号 22 pt, 四号 14 pt, the organ's heading 26 pt.
const BODY: usize = 32;
const TITLE: usize = 44;
const SMALL: usize = 28;
const ORGAN: usize = 52;
/// 22 lines in the 225 mm type area: exactly 28.95 pt a line.
const LINE: i32 = 579;
/// Two characters of the body size.
const INDENT2: i32 = 640;
/// The type area's width: 210 mm less 28 and 26 mm.
fn text_width() -> i32 {
    mm(210.0 - 28.0 - 26.0)
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn exact() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE)
}

fn para(text: &str, font: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, size))
        .line_spacing(exact())
}

fn rule(position: ParagraphBorderPosition, color: &str, size: usize) -> ParagraphBorder {
    ParagraphBorder::new(position)
        .val(BorderType::Single)
        .size(size)
        .space(4)
        .color(color)
}

fn block(b: &Block) -> Option<Paragraph> {
    Some(match b {
        Block::Organ(t) => Paragraph::new()
            .add_run(run(t, XIAOBIAOSONG, ORGAN).color(RED))
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240)
                    .before(u32::try_from(LINE).unwrap_or(0))
                    .after(u32::try_from(LINE / 2).unwrap_or(0)),
            ),
        // The red line under the number is the paragraph's bottom border: as wide as the type area.
        Block::DocNo(t) => para(t, FANGSONG, BODY)
            .align(AlignmentType::Center)
            .set_borders(ParagraphBorders::with_empty().set(rule(
                ParagraphBorderPosition::Bottom,
                RED,
                18,
            ))),
        Block::Title(t) => Paragraph::new()
            .add_run(run(t, XIAOBIAOSONG, TITLE))
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(LINE + 100)
                    .before(u32::try_from(LINE).unwrap_or(0))
                    .after(u32::try_from(LINE).unwrap_or(0)),
            ),
        Block::To(t) => para(t, FANGSONG, BODY),
        Block::H1(t) => para(t, HEITI, BODY).indent(
            None,
            Some(SpecialIndentType::FirstLine(INDENT2)),
            None,
            None,
        ),
        Block::H2(t) => para(t, KAITI, BODY).indent(
            None,
            Some(SpecialIndentType::FirstLine(INDENT2)),
            None,
            None,
        ),
        Block::Para(t) => para(t, FANGSONG, BODY).align(AlignmentType::Both).indent(
            None,
            Some(SpecialIndentType::FirstLine(INDENT2)),
            None,
            None,
        ),
        Block::Right(t) => para(t, FANGSONG, BODY).align(AlignmentType::Right).indent(
            None,
            None,
            Some(INDENT2 * 2),
            None,
        ),
        Block::Note(t) => para(t, FANGSONG, SMALL).indent(
            None,
            Some(SpecialIndentType::FirstLine(INDENT2)),
            None,
            None,
        ),
        Block::Copy(t) => para(t, FANGSONG, SMALL)
            .indent(Some(280), None, Some(280), None)
            .set_borders(
                ParagraphBorders::with_empty()
                    .set(rule(ParagraphBorderPosition::Top, "000000", 8))
                    .set(rule(ParagraphBorderPosition::Bottom, "000000", 8)),
            ),
        Block::Blank => para("", FANGSONG, BODY),
        Block::Table(_) => return None,
    })
}

fn table(rows: &[Vec<String>]) -> Table {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = usize::try_from(text_width()).unwrap_or(8845);
    // Columns as wide as their words want (a number column narrow, a measure's text wide), from the rows
    // that fill every column.
    let weights: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter(|r| r.len() == cols)
                // A blank is room to write in.
                .map(
                    |r| match unicode_width::UnicodeWidthStr::width(r[c].trim()) {
                        0 => 16,
                        w => w,
                    },
                )
                .max()
                .unwrap_or(8)
                .clamp(4, 24)
        })
        .collect();
    let total: usize = weights.iter().sum::<usize>().max(1);
    let grid: Vec<usize> = weights.iter().map(|w| width * w / total).collect();
    let trs = rows
        .iter()
        .map(|cells| {
            let n = cells.len().max(1);
            let tcs = cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let span = if i + 1 == n { cols - (n - 1) } else { 1 };
                    let w: usize = grid[i.min(cols - 1)..(i + span).min(cols)].iter().sum();
                    let mut p = Paragraph::new()
                        .add_run(run(c, FANGSONG, SMALL))
                        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto));
                    if c.chars().count() <= 12 {
                        p = p.align(AlignmentType::Center);
                    }
                    let cell = TableCell::new().add_paragraph(p).width(w, WidthType::Dxa);
                    if span > 1 { cell.grid_span(span) } else { cell }
                })
                .collect();
            // Rows for an answer written by hand get room to write.
            let empty = cells.iter().skip(1).all(|c| c.trim().is_empty()) && cells.len() > 1;
            let row = TableRow::new(tcs);
            if empty {
                row.row_height(1600.0)
            } else {
                row.row_height(520.0)
            }
        })
        .collect();
    Table::new(trs).set_grid(grid).width(width, WidthType::Dxa)
}

fn page_number(align: AlignmentType, left: Option<i32>, right: Option<i32>) -> Footer {
    let p = Paragraph::new()
        .add_run(run("— ", SONGTI, SMALL))
        .add_page_num(PageNum::new())
        .add_run(run(" —", SONGTI, SMALL))
        .size(SMALL)
        .fonts(fonts(SONGTI))
        .align(align)
        .indent(left, None, right, None);
    Footer::new().add_paragraph(p)
}

/// The document as .docx bytes.
pub fn render(blocks: &[Block]) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(21.0)),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(BODY)
        // GB/T 9704: the page number sits one character in from the outside edge.
        .footer(page_number(AlignmentType::Right, None, Some(320)))
        .even_footer(page_number(AlignmentType::Left, Some(320), None));
    for b in blocks {
        doc = match b {
            Block::Table(rows) => doc.add_table(table(rows)),
            other => match block(other) {
                Some(p) => doc.add_paragraph(p),
                None => doc,
            },
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
