//! dates: placeholder until implemented.

use crate::document::{Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::Facts;

use super::Extractor;

/// Finds dates.
#[derive(Debug)]
pub struct DateExtractor {}

impl DateExtractor {
    /// Build from the pattern files.
    pub fn new(_p: &Patterns) -> Result<DateExtractor> {
        Ok(DateExtractor {})
    }

    /// The dates of `text`, with byte offsets and `sentence` 0; relative
    /// expressions resolve against `dct` (the document's creation date,
    /// ISO 8601) when given.
    pub fn find(&self, _text: &str, _dct: Option<&str>) -> Vec<crate::record::Date> {
        Vec::new()
    }
}

impl Extractor for DateExtractor {
    fn extract(&self, _doc: &Document, _sentences: &[Span], _facts: &mut Facts) {}
}
