//! Ledgers as offices keep them, read without a database: text encodings, CSV records, the header row and
//! what each column means, cell values as people type them. `store::import` writes what this finds; nothing
//! here may import `store`, `app` or `ui`.

pub mod columns;
pub mod csv;
pub mod header;
pub mod mapping;
pub mod spell;
pub mod text;
pub mod values;
pub mod workbook;
