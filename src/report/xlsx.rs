//! The statistic tables as a workbook.

use super::{Doc, WriteError};

pub fn render(doc: &Doc) -> Result<Vec<u8>, WriteError> {
    Ok(super::csv::render(doc))
}
