//! people: placeholder until implemented.

use crate::document::{Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::Facts;

use super::Extractor;

/// Finds people.
#[derive(Debug)]
pub struct PeopleExtractor {}

impl PeopleExtractor {
    /// Build from the pattern files.
    pub fn new(_p: &Patterns) -> Result<PeopleExtractor> {
        Ok(PeopleExtractor {})
    }
}

impl Extractor for PeopleExtractor {
    fn extract(&self, _doc: &Document, _sentences: &[Span], _facts: &mut Facts) {}
}
