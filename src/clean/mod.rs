//! Boilerplate removal: keep what the author wrote, drop what the site added.
//!
//! A [`Cleaner`] takes a decoded [`Document`] and chooses which ranges of
//! its `raw` text are the author's (with [`Document::keep`], so offsets map
//! back), filling `title`, `published` and `publisher` where the page gives
//! them. [`PageCleaner`] is the default. It works in four steps:
//!
//! 1. **Blocks** ([`blocks`]): lines where the format has them; in
//!    flattened scraped text (`doc.blocks == false`), also the glue points
//!    where the scraper joined blocks with nothing between them
//!    (`PrinterWe are writing`).
//! 2. **Signals** ([`score`]): sentence-likeness, boilerplate vocabulary
//!    from `patterns/boilerplate.txt` ([`vocab`]), repetition, listing
//!    rhythm, menu runs, language and money pickers; each block gets a
//!    score, positive for prose.
//! 3. **Region**: the body is the contiguous run of blocks with the best
//!    total score, then extended forward through a letter's sign-off,
//!    signatures and cc block (up to the first clear boilerplate), back to
//!    a salutation, and, for line-structured text, over the short lines
//!    (docket numbers, datelines, signatures of judges) that touch it.
//!    Inside the region only blocks that are boilerplate beyond doubt (a
//!    whole block of menu or pagination vocabulary) are dropped; headings
//!    and inline dates of the body stay.
//! 4. **Metadata** ([`meta`]): title, publisher and dateline from the
//!    blocks before the body.
//!
//! What it preserves: the kept text is made of verbatim ranges of `raw`,
//! so every offset maps back; nothing outside the chosen region survives,
//! so no date of a related list or a copyright line can leak into the text.
//! A page with no prose at all is kept whole (nothing to choose from).

mod blocks;
mod meta;
mod score;
mod vocab;

use std::ops::Range;

use crate::document::Document;
use crate::error::Result;
use crate::patterns::Patterns;

use meta::DateFinder;
use score::Block;
use vocab::Vocabulary;

/// A boilerplate remover.
pub trait Cleaner: Send + Sync {
    /// Clean `doc` in place: set its clean text and metadata.
    fn clean(&self, doc: &mut Document);
}

/// Blocks of a signature and cc block followed after a sign-off, at most.
const MAX_SIGNATURE_BLOCKS: usize = 60;
/// Short lines joined to a line-structured body on each side, at most.
const MAX_EDGE_LINES: usize = 6;
/// Blocks before the body searched for the dateline and title.
const HEADER_WINDOW: usize = 16;

/// The default cleaner for scraped pages.
#[derive(Debug)]
pub struct PageCleaner {
    vocab: Vocabulary,
    dates: DateFinder,
}

impl PageCleaner {
    /// Build the cleaner from the pattern files.
    pub fn new(patterns: &Patterns) -> Result<PageCleaner> {
        Ok(PageCleaner {
            vocab: Vocabulary::new(patterns)?,
            dates: DateFinder::new(),
        })
    }

    /// The ranges of `raw` to keep, and the blocks with the body's first
    /// block index (for metadata).
    fn choose(&self, raw: &str, glued: bool, lines: bool) -> Choice {
        let ranges = blocks::split(raw, glued);
        let blocks = score::analyze(raw, ranges, &self.vocab, &self.dates);
        let Some((core_start, core_end)) = best_run(&blocks) else {
            return Choice {
                keep: vec![0..raw.len()],
                blocks,
                core_start: 0,
                body: None,
            };
        };
        let (start, end) = extend(&blocks, core_start, core_end, lines);
        let mut keep: Vec<Range<usize>> = Vec::new();
        let mut joined = false;
        for (i, b) in blocks.iter().enumerate().take(end + 1).skip(start) {
            let interior = i != start && i != end;
            if interior && b.strong && !b.prose {
                joined = false;
                continue;
            }
            match keep.last_mut() {
                Some(last) if joined => last.end = b.range.end,
                _ => keep.push(b.range.clone()),
            }
            joined = true;
        }
        Choice {
            keep,
            blocks,
            core_start,
            body: Some((start, end)),
        }
    }

    /// Fill title, publisher and published from the blocks before the body.
    fn metadata(&self, doc: &mut Document, choice: &Choice) {
        let Some((start, end)) = choice.body else {
            return;
        };
        let raw = &doc.raw;
        let blocks = &choice.blocks;
        let text = |i: usize| &raw[blocks[i].range.clone()];
        let header = choice.core_start.saturating_sub(HEADER_WINDOW)..choice.core_start;
        let mut title = None;
        let mut publisher = None;
        if start > 0 {
            if let Some((t, site)) = meta::split_site_title(text(0)) {
                title = Some(t.to_string());
                publisher = Some(site.to_string());
            }
        }
        if title.is_none() {
            title = header
                .clone()
                .rev()
                .filter(|&i| i < start)
                .find(|&i| is_heading(&blocks[i], text(i)))
                .map(|i| text(i).to_string());
        }
        if publisher.is_none() {
            publisher = (end + 1..blocks.len())
                .chain(0..start)
                .find_map(|i| meta::copyright_owner(text(i)).map(str::to_string));
        }
        let published = header
            .rev()
            .filter(|&i| !blocks[i].listing)
            .find_map(|i| self.dates.find(text(i)).map(|d| d.1));
        if doc.title.is_none() {
            doc.title = title;
        }
        if doc.publisher.is_none() {
            doc.publisher = publisher;
        }
        if doc.published.is_none() {
            doc.published = published;
        }
    }
}

/// What the cleaner chose for one page.
struct Choice {
    keep: Vec<Range<usize>>,
    blocks: Vec<Block>,
    core_start: usize,
    body: Option<(usize, usize)>,
}

impl Cleaner for PageCleaner {
    fn clean(&self, doc: &mut Document) {
        let lines = doc.blocks || has_line_structure(&doc.raw);
        let choice = self.choose(&doc.raw, !doc.blocks, lines);
        self.metadata(doc, &choice);
        doc.keep(&choice.keep, "\n");
    }
}

/// Whether plain text keeps its page's lines (a court decision typed as
/// text) rather than being flattened: several line breaks, lines of
/// paragraph size or shorter.
fn has_line_structure(raw: &str) -> bool {
    let breaks = memchr::memchr_iter(b'\n', raw.as_bytes()).count();
    breaks >= 5 && raw.len() / (breaks + 1) < 1500
}

/// The contiguous run of blocks with the highest total score (Kadane),
/// if any run scores above zero.
/// Barriers (copyright lines, comment sections) end a run.
fn best_run(blocks: &[Block]) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let (mut sum, mut from) = (0.0, 0);
    for (i, b) in blocks.iter().enumerate() {
        if b.barrier {
            sum = 0.0;
            continue;
        }
        if sum <= 0.0 {
            sum = 0.0;
            from = i;
        }
        sum += score::score(b);
        if sum > 0.0 && best.is_none_or(|(s, _, _)| sum > s) {
            best = Some((sum, from, i));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

/// Extend the core run `start..=end` to the letter's salutation and
/// sign-off block, and for line-structured text (`lines`) over the short
/// lines touching it.
fn extend(blocks: &[Block], mut start: usize, mut end: usize, lines: bool) -> (usize, usize) {
    // The sign-off: inside the core or just after it.
    let look = (end + 4).min(blocks.len());
    if let Some(c) = (start..look).rev().find(|&i| blocks[i].closing) {
        end = end.max(c);
        let mut j = end + 1;
        while j < blocks.len() && j - end <= MAX_SIGNATURE_BLOCKS {
            let b = &blocks[j];
            if b.boiler || b.date || b.listing || b.teaser || b.prose || b.words > 12 {
                break;
            }
            j += 1;
        }
        end = j - 1;
    } else if lines {
        let mut j = end + 1;
        while j < blocks.len()
            && j - end <= MAX_EDGE_LINES
            && edge_line(&blocks[j])
            && !blocks[j].date
        {
            j += 1;
        }
        end = j - 1;
    }
    // The salutation: one or two blocks before the core.
    if let Some(s) = (start.saturating_sub(2)..start).find(|&i| blocks[i].salutation) {
        start = s;
    } else if lines {
        let mut j = start;
        while j > 0 && start - j < MAX_EDGE_LINES && edge_line(&blocks[j - 1]) {
            j -= 1;
        }
        start = j;
    }
    (start, end)
}

/// A short line that may belong to a line-structured body next to it: a
/// heading, docket line, dateline or signature, but no boilerplate.
fn edge_line(b: &Block) -> bool {
    !(b.boiler || b.listing || b.teaser || b.menu || b.repeated || b.prose) && b.words <= 12
}

/// A block that can be the page's title: a few words of text, no
/// sentence, no date, no boilerplate.
fn is_heading(b: &Block, text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (3..=30).contains(&b.words)
        && !b.boiler
        && !b.date
        && !b.listing
        && !b.prose
        && letters * 2 > text.len()
}

#[cfg(test)]
mod tests {}
