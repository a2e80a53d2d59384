//! Sentence segmentation.
//!
//! A [`Segmenter`] splits a text into sentence spans (byte offsets, in
//! order, not overlapping, trimmed of whitespace, covering every
//! non-whitespace character). [`SentenceSegmenter`] is the default: rule
//! based, in linear time, with the vocabulary in
//! `patterns/abbreviations.txt` and `patterns/sentence_starters.txt`.
//!
//! It works in two steps:
//! - [`lines`] cuts the text into blocks at hard line breaks (headings,
//!   data fields, list labels, signature lines, blank lines) and column
//!   gaps, and joins the lines of a hard-wrapped paragraph;
//! - [`rules`] splits each block at `.`, `?`, `!` and `…`, including
//!   sentences glued together in flattened pages (`held.She`), while keeping
//!   abbreviations, initials, citations (`Id.`, `v.`, `U.S.C.`,
//!   `F. Supp. 2d`), ellipses and footnote markers inside their sentence.
//!
//! The text itself is never changed: spans point into it.

mod abbrev;
mod lines;
mod rules;

use crate::document::Span;
use crate::error::Result;
use crate::patterns::Patterns;

use abbrev::Lexicon;

/// Splits text into sentences.
pub trait Segmenter: Send + Sync {
    /// The sentences of `text`, as byte spans in order.
    fn segment(&self, text: &str) -> Vec<Span>;
}

/// The default rule-based sentence segmenter.
#[derive(Debug)]
pub struct SentenceSegmenter {
    lex: Lexicon,
}

impl SentenceSegmenter {
    /// Build the segmenter from the pattern files (`abbreviations.txt`,
    /// `sentence_starters.txt`); a malformed line is an error.
    pub fn new(patterns: &Patterns) -> Result<SentenceSegmenter> {
        Ok(SentenceSegmenter {
            lex: Lexicon::new(patterns)?,
        })
    }
}

impl Segmenter for SentenceSegmenter {
    fn segment(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::with_capacity(text.len() / 120 + 1);
        for (k, block) in lines::blocks(text, &self.lex).iter().enumerate() {
            // A label opening the whole text begins an inline list instead.
            let label = block.line_start && k > 0;
            rules::split_block(&self.lex, text, block.start, block.end, label, &mut out);
        }
        out
    }
}
