//! The document as it moves through the stages, and the offsets it keeps.
//!
//! A [`RawDoc`] is what an input source yields: bytes with an id and a
//! source. [`crate::input::load`] decodes it into a [`Document`] whose
//! `raw` field holds the page's visible text, one block per line where the
//! format has blocks (HTML, Markdown) and as it came for flattened text. The
//! cleaner then chooses which ranges of `raw` are the author's text; the
//! document keeps them in an [`OffsetMap`], so any span of the clean `text`
//! maps back to `raw`.
//!
//! Inside the library all offsets are **byte** offsets into `text` (cheap
//! to slice, always on a char boundary). Only the record converts them to
//! Unicode code point offsets, once, with a [`CharIndex`].

use std::ops::Range;

/// The input formats factum reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain or flattened page text.
    Text,
    /// An HTML page.
    Html,
    /// Markdown, optionally with front matter.
    Markdown,
    /// A PDF file.
    Pdf,
    /// A web archive (WARC or ARC).
    Warc,
    /// JSON Lines, one document per line.
    Jsonl,
}

impl Format {
    /// The lower-case name used in records and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Pdf => "pdf",
            Format::Warc => "warc",
            Format::Jsonl => "jsonl",
        }
    }

    /// Parse a name as accepted by `--format`.
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "markdown" | "md" => Format::Markdown,
            "pdf" => Format::Pdf,
            "warc" | "arc" => Format::Warc,
            "jsonl" | "ndjson" => Format::Jsonl,
            _ => return None,
        })
    }
}

/// A document as an input source yields it: undecoded bytes.
#[derive(Debug)]
pub struct RawDoc {
    /// Stable id: file stem, WARC-Record-ID or the JSONL `id` field.
    pub id: String,
    /// Path or URL it came from.
    pub source: String,
    /// The format, when the source knows it (forced, or a JSONL field);
    /// otherwise it is detected from the bytes and the source's extension.
    pub format: Option<Format>,
    /// The bytes, already gunzipped.
    pub bytes: Vec<u8>,
    /// Size of the input as read (before decompression).
    pub input_bytes: u64,
    /// A reading error that makes this document an error record.
    pub error: Option<crate::Error>,
    /// Title given by the source (a JSON Lines field); wins over the page's.
    pub title: Option<String>,
    /// Publication date given by the source; wins over the page's.
    pub published: Option<String>,
    /// Publisher given by the source; wins over the page's.
    pub publisher: Option<String>,
    /// Charset declared outside the bytes (an HTTP `Content-Type` header in
    /// a web archive); wins over what the page declares.
    pub charset: Option<String>,
}

impl RawDoc {
    /// A document from bytes in memory.
    pub fn new(id: impl Into<String>, source: impl Into<String>, bytes: Vec<u8>) -> RawDoc {
        let input_bytes = bytes.len() as u64;
        RawDoc {
            id: id.into(),
            source: source.into(),
            format: None,
            bytes,
            input_bytes,
            error: None,
            title: None,
            published: None,
            publisher: None,
            charset: None,
        }
    }
}

/// A decoded document, cleaned in place by the cleaner.
#[derive(Clone, Debug)]
pub struct Document {
    /// Stable id.
    pub id: String,
    /// Path or URL it came from.
    pub source: String,
    /// The format it was read as.
    pub format: Format,
    /// Size of the input in bytes.
    pub input_bytes: u64,
    /// The visible text of the page before cleaning.
    pub raw: String,
    /// Whether `raw` keeps the page's block structure (one block per line),
    /// as HTML and Markdown do; `false` for flattened scraped text.
    pub blocks: bool,
    /// The clean text: what the author wrote. Equal to `raw` until cleaned.
    pub text: String,
    /// Where each piece of `text` came from in `raw`.
    pub map: OffsetMap,
    /// The title, when the page gives one.
    pub title: Option<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// The publishing organisation.
    pub publisher: Option<String>,
}

impl Document {
    /// A document whose clean text is, for now, all of `raw`.
    pub fn new(id: String, source: String, format: Format, raw: String) -> Document {
        let map = OffsetMap::identity(raw.len());
        Document {
            id,
            source,
            format,
            input_bytes: raw.len() as u64,
            text: raw.clone(),
            raw,
            blocks: false,
            map,
            title: None,
            published: None,
            publisher: None,
        }
    }

    /// Keep only these ranges of `raw` (sorted, disjoint, on char
    /// boundaries) as the clean text. Pieces that were not adjacent in
    /// `raw` are joined with `sep`.
    pub fn keep(&mut self, ranges: &[Range<usize>], sep: &str) {
        let mut text = String::with_capacity(ranges.iter().map(|r| r.len()).sum());
        let mut map = OffsetMap::default();
        let mut last_end: Option<usize> = None;
        for r in ranges {
            if r.is_empty() {
                continue;
            }
            if let Some(e) = last_end {
                if e != r.start {
                    text.push_str(sep);
                }
            }
            map.pieces.push(Piece {
                text_start: text.len(),
                raw_start: r.start,
                len: r.len(),
            });
            text.push_str(&self.raw[r.clone()]);
            last_end = Some(r.end);
        }
        self.text = text;
        self.map = map;
    }

    /// Characters of `raw` that did not make it into `text`.
    pub fn removed_chars(&self) -> usize {
        let kept: usize = self
            .map
            .pieces
            .iter()
            .map(|p| self.raw[p.raw_start..p.raw_start + p.len].chars().count())
            .sum();
        self.raw.chars().count().saturating_sub(kept)
    }
}

/// A half-open byte range `start..end` into a document's clean text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The text this span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The index of the sentence that contains byte `offset`: the last
/// sentence starting at or before it (0 when there is none).
pub fn sentence_at(sentences: &[Span], offset: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= offset)
        .saturating_sub(1)
}

/// One piece of the clean text copied from `raw`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Where it starts in `text`.
    pub text_start: usize,
    /// Where it starts in `raw`.
    pub raw_start: usize,
    /// Its length in bytes.
    pub len: usize,
}

/// Maps byte offsets of the clean text back to the raw text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// The pieces, in order.
    pub pieces: Vec<Piece>,
}

impl OffsetMap {
    /// The map of a text kept whole.
    pub fn identity(len: usize) -> OffsetMap {
        OffsetMap {
            pieces: vec![Piece {
                text_start: 0,
                raw_start: 0,
                len,
            }],
        }
    }

    /// The raw offset of clean offset `at`, or `None` for a separator
    /// inserted between pieces.
    pub fn to_raw(&self, at: usize) -> Option<usize> {
        let i = self
            .pieces
            .partition_point(|p| p.text_start <= at)
            .checked_sub(1)?;
        let p = self.pieces[i];
        (at <= p.text_start + p.len).then(|| p.raw_start + (at - p.text_start))
    }
}

/// Converts byte offsets into Unicode code point offsets, in O(1) per
/// lookup after one pass over the text (one `u32` every 64 bytes; none for
/// ASCII text, where the two offsets are equal).
#[derive(Debug)]
pub struct CharIndex<'t> {
    text: &'t str,
    /// Code points before each 64-byte block; empty for ASCII text.
    blocks: Vec<u32>,
}

const BLOCK: usize = 64;

impl<'t> CharIndex<'t> {
    /// Index `text`.
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return CharIndex {
                text,
                blocks: Vec::new(),
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += count_chars(chunk) as u32;
        }
        CharIndex { text, blocks }
    }

    /// The code point offset of byte offset `byte` (clamped to the text).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.blocks.is_empty() {
            // ASCII (or empty): one byte per code point.
            return byte;
        }
        let block = byte / BLOCK;
        let Some(&base) = self.blocks.get(block) else {
            return self.text.chars().count();
        };
        let from = block * BLOCK;
        base as usize + count_chars(&self.text.as_bytes()[from..byte])
    }
}

/// Code points starting in `bytes`: the bytes that are not UTF-8
/// continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.len() - count_bytes(bytes, |b| b & 0xC0 == 0x80)
}

/// How many bytes match `pred` (counted in chunks with byte-sized
/// counters, which the compiler vectorises).
#[inline]
pub(crate) fn count_bytes(bytes: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| chunk.iter().fold(0u8, |n, &b| n + pred(b) as u8) as usize)
        .sum()
}

/// The first position of `bytes[from..limit]` whose byte is marked in
/// `table` (or `limit`): eight bytes at a time while none of them is, so
/// scanners jump over plain text without decoding it.
pub(crate) fn skip_to(bytes: &[u8], mut from: usize, limit: usize, table: &[bool; 256]) -> usize {
    let limit = limit.min(bytes.len());
    while from + 8 <= limit && !bytes[from..from + 8].iter().any(|&c| table[c as usize]) {
        from += 8;
    }
    while from < limit && !table[bytes[from] as usize] {
        from += 1;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_to_finds_the_first_marked_byte_before_the_limit() {
        let mut table = [false; 256];
        table[b'"' as usize] = true;
        let text = b"plain text, long enough for a chunk \"x\"";
        let first = text.iter().position(|&b| b == b'"').unwrap();
        assert_eq!(skip_to(text, 0, text.len(), &table), first);
        assert_eq!(skip_to(text, first + 1, text.len(), &table), first + 2);
        // The limit stops the scan, also inside a chunk of eight.
        assert_eq!(skip_to(text, 0, first, &table), first);
        assert_eq!(skip_to(text, 0, 3, &table), 3);
        assert_eq!(skip_to(text, 0, 999, &table), first);
        assert_eq!(skip_to(b"", 0, 5, &table), 0);
        assert_eq!(count_chars("é a".as_bytes()), 3);
    }

    #[test]
    fn char_index_matches_chars() {
        let text = "a“b”c — ".repeat(40) + "end";
        let idx = CharIndex::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_at(bi), ci, "byte {bi}");
        }
        assert_eq!(idx.char_at(text.len()), text.chars().count());
        // Inside a character: the code points that start before it.
        assert_eq!(idx.char_at(2), 2);
        assert_eq!(idx.char_at(text.len() + 5), text.chars().count());
        // ASCII text: byte and code point offsets agree, clamped.
        let ascii = CharIndex::new("plain text");
        assert_eq!(ascii.char_at(6), 6);
        assert_eq!(ascii.char_at(99), 10);
        assert_eq!(CharIndex::new("").char_at(1), 0);
    }

    #[test]
    fn keep_maps_back_to_raw() {
        let mut doc = Document::new(
            "d".into(),
            "s".into(),
            Format::Text,
            "MenuHello.Footer".into(),
        );
        doc.keep(&[Range { start: 4, end: 10 }], "\n");
        assert_eq!(doc.text, "Hello.");
        assert_eq!(doc.map.to_raw(0), Some(4));
        assert_eq!(doc.removed_chars(), 10);
        doc.keep(&[0..4, 10..16], "\n");
        assert_eq!(doc.text, "Menu\nFooter");
        assert_eq!(doc.map.to_raw(5), Some(10));
    }

    #[test]
    fn sentence_lookup() {
        let s = [Span::new(0, 5), Span::new(5, 9), Span::new(12, 20)];
        assert_eq!(sentence_at(&s, 0), 0);
        assert_eq!(sentence_at(&s, 6), 1);
        assert_eq!(sentence_at(&s, 10), 1);
        assert_eq!(sentence_at(&s, 19), 2);
    }
}
