//! quotes: placeholder until implemented.

use crate::document::{Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::Facts;

use super::Extractor;

/// Finds quotes.
#[derive(Debug)]
pub struct QuoteExtractor {}

impl QuoteExtractor {
    /// Build from the pattern files.
    pub fn new(_p: &Patterns) -> Result<QuoteExtractor> {
        Ok(QuoteExtractor {})
    }
}

impl Extractor for QuoteExtractor {
    fn extract(&self, _doc: &Document, _sentences: &[Span], _facts: &mut Facts) {}
}
