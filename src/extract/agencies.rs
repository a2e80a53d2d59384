//! agencies: placeholder until implemented.

use crate::document::{Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::Facts;

use super::Extractor;

/// Finds agencies.
#[derive(Debug)]
pub struct AgencyExtractor {}

impl AgencyExtractor {
    /// Build from the pattern files.
    pub fn new(_p: &Patterns) -> Result<AgencyExtractor> {
        Ok(AgencyExtractor {})
    }
}

impl Extractor for AgencyExtractor {
    fn extract(&self, _doc: &Document, _sentences: &[Span], _facts: &mut Facts) {}
}
