//! The Word document the office edits and sends on.

use super::{Doc, WriteError};

pub fn render(doc: &Doc) -> Result<Vec<u8>, WriteError> {
    Ok(super::md::render(doc).into_bytes())
}
