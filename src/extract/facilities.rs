//! facilities: placeholder until implemented.

use crate::document::{Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::Facts;

use super::Extractor;

/// Finds facilities.
#[derive(Debug)]
pub struct FacilityExtractor {}

impl FacilityExtractor {
    /// Build from the pattern files.
    pub fn new(_p: &Patterns) -> Result<FacilityExtractor> {
        Ok(FacilityExtractor {})
    }
}

impl Extractor for FacilityExtractor {
    fn extract(&self, _doc: &Document, _sentences: &[Span], _facts: &mut Facts) {}
}
