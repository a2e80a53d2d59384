//! Fact extraction: one file per fact kind.
//!
//! An [`Extractor`] reads the clean text and its sentences and appends to
//! its own field of [`Facts`]. Extractors run in a fixed order because
//! later ones read earlier results: dates and agencies first, then
//! facilities, quotes (speakers resolve to agencies), holdings (tribunal
//! from agencies, decision date from dates) and people. [`default_chain`]
//! builds that order. Offsets are byte offsets into `doc.text`; every fact
//! carries the index of its sentence ([`crate::document::sentence_at`]).

use crate::document::{Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::Facts;

pub mod agencies;
pub mod dates;
pub mod facilities;
pub mod holdings;
pub mod people;
pub mod quotes;

pub use agencies::AgencyExtractor;
pub use dates::DateExtractor;
pub use facilities::FacilityExtractor;
pub use holdings::HoldingExtractor;
pub use people::PeopleExtractor;
pub use quotes::QuoteExtractor;

/// The hasher of the extractors' word lists (FxHash: fast on short keys;
/// the lists are built from pattern files, never from untrusted input).
pub(crate) type WordHash = rustc_hash::FxBuildHasher;

/// Finds one kind of fact.
pub trait Extractor: Send + Sync {
    /// Append the facts found in `doc.text` to `facts`.
    fn extract(&self, doc: &Document, sentences: &[Span], facts: &mut Facts);
}

/// The extractors, in the order they must run.
pub fn default_chain(p: &Patterns) -> Result<Vec<Box<dyn Extractor>>> {
    Ok(vec![
        Box::new(DateExtractor::new(p)?),
        Box::new(AgencyExtractor::new(p)?),
        Box::new(FacilityExtractor::new(p)?),
        Box::new(QuoteExtractor::new(p)?),
        Box::new(HoldingExtractor::new(p)?),
        Box::new(PeopleExtractor::new(p)?),
    ])
}

/// Test helpers shared by the extractors' unit tests.
#[cfg(test)]
pub(crate) mod testutil {
    use crate::document::Span;
    use crate::record::{Agency, AgencyKind, Mention};

    /// One sentence per line.
    pub(crate) fn sentences(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices('\n') {
            out.push(Span::new(start, i));
            start = i + 1;
        }
        out.push(Span::new(start, text.len()));
        out
    }

    /// An agency mentioned wherever one of `forms` occurs (sentence = line).
    pub(crate) fn agency(text: &str, name: &str, kind: AgencyKind, forms: &[&str]) -> Agency {
        let mut mentions = Vec::new();
        for f in forms {
            for (i, _) in text.match_indices(f) {
                mentions.push(Mention {
                    text: f.to_string(),
                    start: i,
                    end: i + f.len(),
                    sentence: text[..i].matches('\n').count(),
                });
            }
        }
        Agency {
            name: name.into(),
            abbreviation: None,
            aliases: vec![],
            kind,
            mentions,
        }
    }
}
