//! Inputs: where documents come from and how their bytes become text.
//!
//! Two halves:
//! - [`Inputs`] walks what the user named (files, directories, `-` for
//!   stdin) lazily and yields one [`RawDoc`] per document: a file, or one
//!   line of a JSON Lines file. Gzip is undone here, by magic bytes.
//!   Unreadable inputs become a `RawDoc` carrying its error, so that every
//!   document still yields one record.
//! - [`load`] turns a `RawDoc` into a [`Document`]: it detects the format
//!   (forced, from the content, from the extension), decodes the charset
//!   ([`decode`]) and converts the format to visible text with its block
//!   structure ([`html`], [`markdown`]).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::document::{Document, Format, RawDoc};
use crate::error::{Error, ErrorKind, Result};

pub mod decode;
pub mod html;
pub mod jsonl;
pub mod markdown;

/// Turn raw bytes into a decoded document of the detected format.
///
/// Metadata the source gave alongside the bytes (JSON Lines fields) wins
/// over what the page itself declares.
pub fn load(raw: RawDoc) -> Result<Document> {
    if let Some(err) = raw.error {
        return Err(err);
    }
    let format = raw
        .format
        .unwrap_or_else(|| detect(&raw.source, &raw.bytes));
    let mut doc = match format {
        Format::Text => {
            let text = normalize_newlines(decode::decode(&raw.bytes, None)?);
            let mut doc = Document::new(raw.id, raw.source, Format::Text, text);
            doc.blocks = has_line_structure(&doc.raw);
            doc
        }
        Format::Html => html::load(raw.id, raw.source, &raw.bytes)?,
        Format::Markdown => {
            let text = decode::decode(&raw.bytes, None)?;
            markdown::load(raw.id, raw.source, &text)
        }
        Format::Pdf => {
            return Err(Error::new(ErrorKind::Unsupported(
                "PDF input is not supported yet".into(),
            )));
        }
        Format::Warc => {
            return Err(Error::new(ErrorKind::Unsupported(
                "WARC input is not supported yet".into(),
            )));
        }
        Format::Jsonl => {
            // A JSONL file is split into documents by `Inputs`; one that
            // reaches here was forced by the caller as a single document.
            return Err(Error::new(ErrorKind::Jsonl(
                "a JSON Lines file must be read through Inputs".into(),
            )));
        }
    };
    doc.input_bytes = raw.input_bytes;
    if raw.title.is_some() {
        doc.title = raw.title;
    }
    if let Some(p) = raw.published.as_deref().and_then(iso_date) {
        doc.published = Some(p);
    }
    if raw.publisher.is_some() {
        doc.publisher = raw.publisher;
    }
    Ok(doc)
}

/// Whether plain text keeps its block structure: one paragraph, heading
/// or list item per line, as a court's text file or a scrape that joined
/// blocks with newlines does.
///
/// Flattened page text (blocks glued with nothing between them) has no or
/// very few newlines for its length. The text counts as having lines when
/// it has at least three non-blank lines and its non-blank lines average
/// at most [`MAX_MEAN_LINE`] bytes: real paragraphs are rarely longer,
/// while a flattened page is one line of many kilobytes.
pub fn has_line_structure(text: &str) -> bool {
    let mut lines = 0usize;
    let mut bytes = 0usize;
    for line in text.split('\n') {
        let line = line.trim();
        if !line.is_empty() {
            lines += 1;
            bytes += line.len();
        }
    }
    lines >= 3 && bytes <= lines * MAX_MEAN_LINE
}

/// The longest mean line (bytes) of plain text read as one block per line.
pub const MAX_MEAN_LINE: usize = 1500;

/// `\r\n` and lone `\r` become `\n`, so that lines are split in one way.
fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char
/// boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Detect the format from the content, then from the extension.
///
/// Content wins for the unambiguous signatures (`%PDF-`, `WARC/`, an HTML
/// doctype or root element, after a BOM, whitespace and comments); then the
/// extension of `source` (a trailing `.gz`, a URL query or fragment
/// ignored); then weaker content hints (front matter, a leading tag).
pub fn detect(source: &str, bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let head_str = String::from_utf8_lossy(head);
    let mut trimmed = head_str.trim_start_matches('\u{feff}').trim_start();
    // Skip leading comments (`<!-- saved from url=… -->`).
    while let Some(rest) = trimmed.strip_prefix("<!--") {
        match rest.find("-->") {
            Some(i) => trimmed = rest[i + 3..].trim_start(),
            None => break,
        }
    }
    let lower = prefix(trimmed, 512).to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<?xml") && lower.contains("<html")
    {
        return Format::Html;
    }
    let path = source.split(['?', '#']).next().unwrap_or(source);
    let ext = Path::new(path.trim_end_matches(".gz"))
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" | "jsp") => Format::Html,
        Some("md" | "markdown" | "mdx") => Format::Markdown,
        Some("pdf") => Format::Pdf,
        Some("warc" | "arc") => Format::Warc,
        Some("jsonl" | "ndjson") => Format::Jsonl,
        Some("txt" | "text") => Format::Text,
        _ if trimmed.starts_with("---\n")
            || trimmed.starts_with("---\r\n")
            || trimmed.starts_with("+++\n")
            || trimmed.starts_with("+++\r\n") =>
        {
            Format::Markdown
        }
        _ if lower.starts_with('<')
            && (lower.contains("<body") || lower.contains("<div") || lower.contains("<p")) =>
        {
            Format::Html
        }
        _ => Format::Text,
    }
}

/// The id of a file: its name without directory, without a `.gz` and
/// without its last extension (`a.html.gz` → `a`, `v1.2.txt` → `v1.2`).
pub fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match name.strip_suffix(".gz") {
        Some(n) if !n.is_empty() => n,
        _ => &name,
    };
    match name.rfind('.') {
        Some(0) | None => name.to_string(),
        Some(i) => name[..i].to_string(),
    }
}

/// Read all of `r`, gunzipping it when it starts with the gzip magic.
pub fn read_maybe_gz(mut r: impl Read) -> io::Result<(Vec<u8>, u64)> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)?;
    let n = bytes.len() as u64;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        return Ok((out, n));
    }
    Ok((bytes, n))
}

/// A publication date as ISO 8601: `YYYY-MM-DD`, or `YYYY-MM` when the
/// value names only a month.
///
/// Accepts what page metadata and front matter carry: ISO dates and
/// timestamps (`2026-04-01T10:00:00Z`), `YYYY/MM/DD`, `YYYYMMDD`, and
/// English written dates (`April 1, 2026`, `1 April 2026`, `Thursday, May
/// 7, 2026`, `Sept. 6, 2006 8:00PM EDT`, `April 2026`). Anything else,
/// including day-month orders that cannot be told apart (`06/09/2006`) and
/// impossible dates, gives `None`.
pub fn iso_date(value: &str) -> Option<String> {
    let v = value.trim();
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = v.get(r)?;
        if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    // Year first: 2026-04-01, 2026/04/01, 2026.04.01, 2026-04, 20260401.
    if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) {
        let year = digits(0..4)?;
        if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
            return ymd(year, digits(4..6)?, Some(digits(6..8)?));
        }
        if b.len() == 4 {
            return None;
        }
        let sep = b[4];
        if !matches!(sep, b'-' | b'/' | b'.') {
            return None;
        }
        let mlen = b[5..].iter().take_while(|c| c.is_ascii_digit()).count();
        let month = digits(5..5 + mlen)?;
        let after = 5 + mlen;
        if after == b.len() {
            return ymd(year, month, None);
        }
        if b[after] != sep {
            return None;
        }
        let dlen = b[after + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let day = digits(after + 1..after + 1 + dlen)?;
        let rest = &b[after + 1 + dlen..];
        // A time may follow: T10:00, " 10:00:00", but no more digits.
        if rest.first().is_some_and(u8::is_ascii_digit) {
            return None;
        }
        return ymd(year, month, Some(day));
    }
    written_date(v)
}

fn ymd(year: u32, month: u32, day: Option<u32>) -> Option<String> {
    if !(1000..=2999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    match day {
        None => Some(format!("{year:04}-{month:02}")),
        Some(d) => {
            let y = i16::try_from(year).ok()?;
            jiff::civil::Date::new(y, month as i8, i8::try_from(d).ok()?).ok()?;
            Some(format!("{year:04}-{month:02}-{d:02}"))
        }
    }
}

/// English month names and their usual abbreviations, 1-based.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// English weekday names and abbreviations, allowed before a date.
const WEEKDAYS: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

/// `April 1, 2026`, `1 April 2026`, `1st of April 2026`, `April 2026`,
/// with an optional weekday before and a time after the year. Any other
/// word makes it not a date.
fn written_date(v: &str) -> Option<String> {
    if v.len() > 64 {
        return None;
    }
    let mut month = None;
    let mut year = None;
    let mut day_before = None; // a day number seen before the month
    let mut day_after = None; // a day number right after the month
    let mut last_was_month = false;
    for tok in v.split(|c: char| !c.is_ascii_alphanumeric()) {
        if tok.is_empty() {
            continue;
        }
        let lower = tok.to_ascii_lowercase();
        if year.is_some() {
            // After the year only a time may follow: 8:00PM EDT, 10 a.m.
            let ok = lower.bytes().all(|c| c.is_ascii_digit())
                || matches!(lower.as_str(), "am" | "pm" | "a" | "p" | "m" | "at")
                || lower.ends_with("am")
                    && lower[..lower.len() - 2].bytes().all(|c| c.is_ascii_digit())
                || lower.ends_with("pm")
                    && lower[..lower.len() - 2].bytes().all(|c| c.is_ascii_digit())
                || (2..=5).contains(&tok.len()) && tok.bytes().all(|c| c.is_ascii_uppercase());
            if !ok {
                return None;
            }
            continue;
        }
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == lower) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
            last_was_month = true;
            continue;
        }
        let num = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &lower[num.len()..];
        if !num.is_empty() && num.bytes().all(|c| c.is_ascii_digit()) {
            if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
                return None;
            }
            if num.len() == 4 && suffix.is_empty() && month.is_some() {
                year = num.parse::<u32>().ok();
            } else if num.len() <= 2 {
                let d: u32 = num.parse().ok()?;
                if month.is_none() && day_before.is_none() {
                    day_before = Some(d);
                } else if last_was_month && day_after.is_none() {
                    day_after = Some(d);
                } else {
                    return None;
                }
            } else {
                return None;
            }
            last_was_month = false;
            continue;
        }
        if WEEKDAYS.contains(&lower.as_str()) && month.is_none() && day_before.is_none()
            || matches!(lower.as_str(), "of" | "the")
        {
            last_was_month = false;
            continue;
        }
        return None;
    }
    let day = match (day_before, day_after) {
        (Some(_), Some(_)) => return None,
        (d, None) | (None, d) => d,
    };
    ymd(year?, month?, day)
}

/// Text with one block per line, built from a stream of inline text and
/// block boundaries (the HTML and Markdown converters share it).
///
/// Inside a line, runs of whitespace collapse to one space and invisible
/// format characters (soft hyphen, zero-width space, BOM) are dropped; no
/// space is added that was not in the source. Lines are trimmed and blank
/// lines never appear; the text does not end with a newline.
#[derive(Debug, Default)]
pub(crate) struct BlockText {
    out: String,
    /// Whether the current line has text.
    line: bool,
    /// Whitespace seen since the last text on this line.
    gap: Gap,
    /// Whether a line ended since the last text.
    newline: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Gap {
    #[default]
    None,
    Space,
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}')
}

impl BlockText {
    /// An empty text with room for `cap` bytes.
    pub(crate) fn with_capacity(cap: usize) -> BlockText {
        BlockText {
            out: String::with_capacity(cap),
            ..BlockText::default()
        }
    }

    /// Append inline text, collapsing its whitespace.
    pub(crate) fn push(&mut self, s: &str) {
        let mut first = true;
        for word in s.split(is_space) {
            if !first && self.line {
                self.gap = Gap::Space;
            }
            first = false;
            if !word.is_empty() {
                self.put(word);
            }
        }
    }

    /// Append preformatted text: its newlines end lines and its other
    /// whitespace is kept inside a line (lines are still trimmed).
    pub(crate) fn push_pre(&mut self, s: &str) {
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                self.end_line();
            }
            let mut rest = line.trim_end_matches('\r');
            while !rest.is_empty() {
                let ws = rest.len() - rest.trim_start_matches(is_space).len();
                if ws > 0 {
                    if self.line {
                        // Kept verbatim: push the whitespace only if more
                        // text follows on this line (trailing is trimmed).
                        let after = &rest[ws..];
                        if !after.is_empty() {
                            self.flush_gap();
                            let w: String = rest[..ws]
                                .chars()
                                .map(|c| if c == '\r' { ' ' } else { c })
                                .collect();
                            self.out.push_str(&w);
                        } else {
                            self.gap = Gap::Space;
                        }
                    }
                    rest = &rest[ws..];
                    continue;
                }
                let end = rest.find(is_space).unwrap_or(rest.len());
                self.put(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }

    /// End the current line (a block boundary). Several boundaries in a
    /// row make one line break.
    pub(crate) fn end_line(&mut self) {
        if self.line {
            self.newline = true;
            self.line = false;
        }
        self.gap = Gap::None;
    }

    fn flush_gap(&mut self) {
        if self.newline {
            self.out.push('\n');
            self.newline = false;
        } else if self.gap == Gap::Space {
            self.out.push(' ');
        }
        self.gap = Gap::None;
    }

    fn put(&mut self, word: &str) {
        if word.contains(is_invisible) {
            let kept: String = word.chars().filter(|&c| !is_invisible(c)).collect();
            if kept.is_empty() {
                return;
            }
            self.flush_gap();
            self.out.push_str(&kept);
        } else {
            self.flush_gap();
            self.out.push_str(word);
        }
        self.line = true;
    }

    /// The text built.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// The documents of a list of inputs, read lazily, in order.
///
/// Files in a directory are visited in name order. A JSON Lines input
/// (by extension, by `--format jsonl`, or stdin whose first byte is `{`)
/// yields one document per line.
pub struct Inputs {
    pending: std::vec::IntoIter<PathBuf>,
    walk: Option<Walk>,
    lines: Option<jsonl::Lines>,
    format: Option<Format>,
    max_bytes: u64,
}

impl Inputs {
    /// Inputs for these paths (`-` is stdin; none means stdin), with an
    /// optional forced format and a per-document size limit.
    pub fn new(paths: &[PathBuf], format: Option<Format>, max_bytes: u64) -> Inputs {
        let mut paths = paths.to_vec();
        if paths.is_empty() {
            paths.push(PathBuf::from("-"));
        }
        Inputs {
            pending: paths.into_iter(),
            walk: None,
            lines: None,
            format,
            max_bytes,
        }
    }

    fn open(&mut self, path: &Path) -> Option<RawDoc> {
        let is_stdin = path == Path::new("-");
        let source = if is_stdin {
            "-".to_string()
        } else {
            path.display().to_string()
        };
        let id = if is_stdin {
            "stdin".to_string()
        } else {
            stem(path)
        };
        let ext_jsonl = matches!(
            Path::new(source.trim_end_matches(".gz"))
                .extension()
                .and_then(|e| e.to_str()),
            Some("jsonl" | "ndjson")
        );
        let reader: Box<dyn Read + Send> = if is_stdin {
            Box::new(io::stdin())
        } else {
            match File::open(path) {
                Ok(f) => {
                    if let Ok(meta) = f.metadata() {
                        if meta.len() > self.max_bytes
                            && !ext_jsonl
                            && self.format != Some(Format::Jsonl)
                        {
                            let err = Error::new(ErrorKind::TooLarge {
                                size: meta.len(),
                                limit: self.max_bytes,
                            });
                            return Some(error_doc(id, source, err));
                        }
                    }
                    Box::new(f)
                }
                Err(e) => {
                    return Some(error_doc(
                        id,
                        source,
                        Error::io(Some(path.to_path_buf()), e),
                    ))
                }
            }
        };
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let gz = match reader.fill_buf() {
            Ok(buf) => buf.starts_with(&[0x1f, 0x8b]),
            Err(e) => {
                return Some(error_doc(
                    id,
                    source,
                    Error::io(Some(path.to_path_buf()), e),
                ))
            }
        };
        let mut reader: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(reader)))
        } else {
            Box::new(reader)
        };
        let first = reader
            .fill_buf()
            .ok()
            .and_then(|b| b.iter().find(|c| !c.is_ascii_whitespace()).copied());
        let jsonl = match self.format {
            Some(Format::Jsonl) => true,
            Some(_) => false,
            None => ext_jsonl || (is_stdin && first == Some(b'{')),
        };
        if jsonl {
            self.lines = Some(jsonl::Lines::new(reader, source, self.max_bytes));
            return None;
        }
        let mut bytes = Vec::new();
        let limit = self.max_bytes;
        match reader
            .by_ref()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
        {
            Ok(_) if bytes.len() as u64 > limit => {
                let err = Error::new(ErrorKind::TooLarge {
                    size: bytes.len() as u64,
                    limit,
                });
                Some(error_doc(id, source, err))
            }
            Ok(_) => {
                let mut raw = RawDoc::new(id, source, bytes);
                raw.format = self.format;
                Some(raw)
            }
            Err(e) => Some(error_doc(
                id,
                source,
                Error::io(Some(path.to_path_buf()), e),
            )),
        }
    }
}

/// A directory walk that skips hidden entries.
type Walk = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// Walk a directory in file name order, following symbolic links (a loop
/// becomes an error record) and skipping hidden files and directories
/// (`.git`, `.DS_Store`), which are never documents.
fn walk(dir: &Path) -> Walk {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(not_hidden as fn(&walkdir::DirEntry) -> bool)
}

fn not_hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
}

fn error_doc(id: String, source: String, err: Error) -> RawDoc {
    let err = err.with_doc(id.clone());
    let mut raw = RawDoc::new(id, source, Vec::new());
    raw.error = Some(err);
    raw
}

impl Iterator for Inputs {
    type Item = RawDoc;

    fn next(&mut self) -> Option<RawDoc> {
        loop {
            if let Some(lines) = &mut self.lines {
                match lines.next() {
                    Some(doc) => return Some(doc),
                    None => self.lines = None,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) if entry.file_type().is_file() => {
                        let path = entry.into_path();
                        if let Some(doc) = self.open(&path) {
                            return Some(doc);
                        }
                        continue;
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(e)) => {
                        let path = e.path().map(Path::to_path_buf);
                        let source = path
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        let id = path.as_deref().map(stem).unwrap_or_default();
                        let io = e
                            .into_io_error()
                            .unwrap_or_else(|| io::Error::other("directory loop"));
                        return Some(error_doc(id, source, Error::io(path, io)));
                    }
                    None => self.walk = None,
                }
            }
            let path = self.pending.next()?;
            if path.is_dir() {
                self.walk = Some(walk(&path));
                continue;
            }
            if let Some(doc) = self.open(&path) {
                return Some(doc);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(detect("a.txt", b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect("a", b"%PDF-1.4"), Format::Pdf);
        assert_eq!(detect("a.md", b"# Title"), Format::Markdown);
        assert_eq!(detect("a", b"---\ntitle: x\n---\nbody"), Format::Markdown);
        assert_eq!(detect("a.txt", b"PrinterWe are writing"), Format::Text);
        assert_eq!(detect("a.html.gz", b"<p>x"), Format::Html);
    }

    #[test]
    fn stems() {
        assert_eq!(stem(Path::new("dir/000_33f9.txt")), "000_33f9");
        assert_eq!(stem(Path::new("a.html.gz")), "a");
    }
}
