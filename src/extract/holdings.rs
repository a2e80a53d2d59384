//! holdings: placeholder until implemented.

use crate::document::{Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::Facts;

use super::Extractor;

/// Finds holdings.
#[derive(Debug)]
pub struct HoldingExtractor {}

impl HoldingExtractor {
    /// Build from the pattern files.
    pub fn new(_p: &Patterns) -> Result<HoldingExtractor> {
        Ok(HoldingExtractor {})
    }
}

impl Extractor for HoldingExtractor {
    fn extract(&self, _doc: &Document, _sentences: &[Span], _facts: &mut Facts) {}
}
