//! One self-contained HTML file: inline CSS, bar charts as inline SVG, nothing fetched from anywhere (no
//! URL at all), laid out to print on A4.

use super::{Block, Chart, Doc, Table};

/// Escapes text for element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str = "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: 'FangSong', 'FangSong_GB2312', '仿宋_GB2312', '仿宋', 'STFangsong', 'Noto Serif CJK SC', serif;
       font-size: 16pt; line-height: 28pt; max-width: 156mm; margin: 2em auto; color: #000; }
h1, h2 { font-family: '方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'SimSun', 'Noto Serif CJK SC', serif; font-size: 22pt;
         font-weight: normal; text-align: center; line-height: 1.5; margin: 0; }
h2 { margin-bottom: 1em; }
h3 { font-family: '黑体', 'SimHei', 'Noto Sans CJK SC', sans-serif; font-size: 16pt; font-weight: normal;
     margin: 1em 0 0; text-indent: 2em; page-break-after: avoid; }
p { text-indent: 2em; margin: 0; text-align: justify; }
p.meta { text-indent: 2em; }
ol { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; line-height: 1.4; margin: 0.3em 0 0.8em;
        page-break-inside: auto; }
caption { font-family: '黑体', 'SimHei', 'Noto Sans CJK SC', sans-serif; font-size: 12pt; padding: 0.3em; }
th, td { border: 1px solid #000; padding: 2px 5px; text-align: left; }
td.n { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
figure { margin: 0.5em 0; page-break-inside: avoid; }
figcaption { font-size: 11pt; text-align: center; }
.legend { font-size: 10pt; }
@media print { body { margin: 0; max-width: none; } }
";

const COLORS: [&str; 2] = ["#444", "#aaa"];

fn table(t: &Table, out: &mut String) {
    out.push_str(&format!(
        "<table>\n<caption>{}</caption>\n<thead><tr>",
        esc(&t.title)
    ));
    for h in &t.header {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str("<tr>");
        for c in r {
            let class = if c.is_number() { " class=\"n\"" } else { "" };
            out.push_str(&format!("<td{class}>{}</td>", esc(&c.text())));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Horizontal bars, one row per label, one bar per series; the numbers are written beside the bars.
fn chart(c: &Chart, out: &mut String) {
    if c.bars.is_empty() {
        return;
    }
    let max = c
        .bars
        .iter()
        .flat_map(|(_, v)| v.iter())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let (label_w, bar_w, bar_h) = (130.0, 380.0, 9.0);
    let row_h = bar_h * c.series.len() as f64 + 6.0;
    let h = row_h * c.bars.len() as f64 + 24.0;
    out.push_str(&format!(
        "<figure><svg width=\"560\" height=\"{h:.0}\" role=\"img\" aria-label=\"{}\">\n",
        esc(&c.title)
    ));
    for (i, (label, values)) in c.bars.iter().enumerate() {
        let y = i as f64 * row_h;
        out.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text>\n",
            label_w - 6.0,
            y + row_h / 2.0 + 3.0,
            // 24 cells of a 10-unit font fit the 124 units left of the bars.
            esc(&crate::text::truncate(label, 24))
        ));
        for (j, v) in values.iter().enumerate() {
            let w = bar_w * (*v as f64) / (max as f64);
            let by = y + j as f64 * bar_h + 2.0;
            out.push_str(&format!(
                "<rect x=\"{label_w:.0}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\">{v}</text>\n",
                bar_h - 1.0,
                COLORS[j % COLORS.len()],
                label_w + w + 3.0,
                by + bar_h - 2.0
            ));
        }
    }
    let ly = h - 8.0;
    for (j, s) in c.series.iter().enumerate() {
        let x = label_w + j as f64 * 120.0;
        out.push_str(&format!(
            "<rect x=\"{x:.0}\" y=\"{:.0}\" width=\"10\" height=\"8\" fill=\"{}\"/><text x=\"{:.0}\" y=\"{ly:.0}\" font-size=\"9\">{}</text>\n",
            ly - 7.0,
            COLORS[j % COLORS.len()],
            x + 14.0,
            esc(s)
        ));
    }
    out.push_str(&format!(
        "</svg><figcaption>{}</figcaption></figure>\n",
        esc(&c.title)
    ));
}

pub fn render(doc: &Doc) -> String {
    let lang = if doc.lang == crate::i18n::Lang::Zh {
        "zh-CN"
    } else {
        "en"
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<h2>{}</h2>\n",
        esc(&format!("{} {}", doc.office, doc.title)),
        esc(&doc.office),
        esc(&doc.title)
    );
    for m in &doc.meta {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", esc(m)));
    }
    for s in &doc.sections {
        out.push_str(&format!("<h3>{}</h3>\n", esc(&s.heading)));
        for b in &s.blocks {
            match b {
                Block::Para(p) => out.push_str(&format!("<p>{}</p>\n", esc(p))),
                Block::List(items) => {
                    out.push_str("<ol>\n");
                    for i in items {
                        out.push_str(&format!("<li>{}</li>\n", esc(i)));
                    }
                    out.push_str("</ol>\n");
                }
                Block::Table(t) => table(t, &mut out),
                Block::Chart(c) => chart(c, &mut out),
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
