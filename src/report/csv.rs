//! Every statistic table of the report in one CSV file (UTF-8 with the byte-order mark Excel needs): each
//! table is its title row, its header row and its rows, with an empty line between tables.

use super::{Cell, Doc};

pub fn render(doc: &Doc) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let _ = w.write_record([doc.office.as_str(), doc.title.as_str()]);
        for t in doc.tables() {
            let _ = w.write_record([""]);
            let _ = w.write_record([t.title.as_str()]);
            let _ = w.write_record(&t.header);
            for r in &t.rows {
                let _ = w.write_record(r.iter().map(Cell::text));
            }
        }
        let _ = w.flush();
    }
    out
}
