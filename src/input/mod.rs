//! Inputs: where documents come from and how their bytes become text.
//!
//! Two halves:
//! - [`Inputs`] walks what the user named (files, directories, `-` for
//!   stdin) lazily and yields one [`RawDoc`] per document: a file, or one
//!   line of a JSON Lines file. Gzip is undone here, by magic bytes.
//!   Unreadable inputs become a `RawDoc` carrying its error, so that every
//!   document still yields one record. A web archive yields one document
//!   per record ([`warc`], feature `warc`), read lazily as well.
//! - [`load`] turns a `RawDoc` into a [`Document`]: it detects the format
//!   (forced, from the content, from the extension), decodes the charset
//!   ([`decode`]) and converts the format to visible text with its block
//!   structure ([`html`], [`markdown`], [`pdf`] with feature `pdf`).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::document::{Document, Format, RawDoc};
use crate::error::{Error, ErrorKind, Result};

pub mod decode;
pub mod html;
pub mod jsonl;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
#[cfg(feature = "warc")]
pub mod warc;

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
            let text = normalize_newlines(decode::decode(&raw.bytes, raw.charset.as_deref())?);
            let mut doc = Document::new(raw.id, raw.source, Format::Text, text);
            doc.blocks = has_line_structure(&doc.raw);
            doc.published = date_line(&doc.raw);
            doc
        }
        Format::Html => {
            html::load_with_charset(raw.id, raw.source, &raw.bytes, raw.charset.as_deref())?
        }
        Format::Markdown => {
            let text = decode::decode(&raw.bytes, raw.charset.as_deref())?;
            markdown::load(raw.id, raw.source, &text)
        }
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::load(raw.id, raw.source, &raw.bytes)?,
        #[cfg(not(feature = "pdf"))]
        Format::Pdf => {
            return Err(Error::new(ErrorKind::Unsupported(
                "PDF input needs factum built with the `pdf` feature".into(),
            )));
        }
        #[cfg(feature = "warc")]
        Format::Warc => {
            // An archive holds many documents: `Inputs` splits it into
            // records. One that reaches here came as a single document
            // (a JSON Lines field, a library caller).
            return Err(Error::new(ErrorKind::Warc(
                "a web archive must be read through Inputs, one document per record".into(),
            )));
        }
        #[cfg(not(feature = "warc"))]
        Format::Warc => {
            return Err(Error::new(ErrorKind::Unsupported(
                "WARC input needs factum built with the `warc` feature".into(),
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
    // `from_utf8` checks ASCII a word at a time; the lossy decoder, only
    // needed for a head that is not UTF-8 (or cut inside a character),
    // goes byte by byte.
    let head_str = match std::str::from_utf8(head) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(head),
    };
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

/// Lines from the top of a text where a dateline is looked for.
const DATELINE_LINES: usize = 30;

/// Labels of a dateline (`Date: April 1, 2026`), lower case; a label
/// ending in ` date` (`Decision date:`, `Publication Date:`) counts too.
const DATE_LABELS: &[&str] = &["date", "dated", "published", "posted", "issued", "decided"];

/// The publication date of a text with lines: the first of its first
/// `DATELINE_LINES` (30) lines that is a date alone (`April 1, 2026`,
/// `Thursday, 6 September 2006`) or a labelled date (`DATE: September 30,
/// 2025`, `Decided: 1 April 2026`), as ISO 8601.
pub fn date_line(raw: &str) -> Option<String> {
    raw.lines()
        .take(DATELINE_LINES)
        .filter(|l| l.len() <= 80)
        .find_map(|line| {
            iso_date(line).or_else(|| {
                let (label, value) = line.split_once(':')?;
                let label = label.trim().to_ascii_lowercase();
                let labelled = DATE_LABELS.contains(&label.as_str()) || label.ends_with(" date");
                labelled.then(|| iso_date(value)).flatten()
            })
        })
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

/// Bytes that are ASCII and not `char::is_whitespace`: inside a word,
/// whatever follows.
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        plain[b] = !matches!(b as u8, b' ' | b'\t'..=b'\r');
        b += 1;
    }
    plain
};

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
    ///
    /// Words are split at `char::is_whitespace`; ASCII bytes are told apart
    /// without decoding, and an all-ASCII word (no invisible characters
    /// possible) is copied as is.
    pub(crate) fn push(&mut self, s: &str) {
        let bytes = s.as_bytes();
        // Start of the current word, and whether it is ASCII so far.
        let (mut start, mut ascii) = (0, true);
        let mut i = 0;
        while i < bytes.len() {
            // Skip the plain ASCII bytes of a word.
            i += bytes[i..]
                .iter()
                .position(|&b| !PLAIN[usize::from(b)])
                .unwrap_or(bytes.len() - i);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            let (space, len) = if b < 0x80 {
                (true, 1)
            } else {
                match s[i..].chars().next() {
                    Some(c) => (is_space(c), c.len_utf8()),
                    None => break,
                }
            };
            if space {
                if start < i {
                    self.put_word(&s[start..i], ascii);
                }
                if self.line {
                    self.gap = Gap::Space;
                }
                (start, ascii) = (i + len, true);
            } else if b >= 0x80 {
                ascii = false;
            }
            i += len;
        }
        if start < bytes.len() {
            self.put_word(&s[start..], ascii);
        }
    }

    /// [`BlockText::put`], skipping the search for invisible characters in
    /// an ASCII word.
    fn put_word(&mut self, word: &str, ascii: bool) {
        if ascii {
            self.flush_gap();
            self.out.push_str(word);
            self.line = true;
        } else {
            self.put(word);
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

    /// Bytes of text built so far.
    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether the current line has text (a block boundary since the last
    /// text clears it).
    pub(crate) fn has_line(&self) -> bool {
        self.line
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
    #[cfg(feature = "warc")]
    records: Option<warc::Records>,
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
            #[cfg(feature = "warc")]
            records: None,
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
        let ext_format = (!is_stdin).then(|| detect(&source, b""));
        let ext_jsonl = ext_format == Some(Format::Jsonl);
        // Archives are read record by record: the file size is no limit.
        let archive = cfg!(feature = "warc")
            && (self.format == Some(Format::Warc)
                || self.format.is_none() && ext_format == Some(Format::Warc));
        let reader: Box<dyn Read + Send> = if is_stdin {
            Box::new(io::stdin())
        } else {
            match File::open(path) {
                Ok(f) => {
                    if let Ok(meta) = f.metadata() {
                        if meta.len() > self.max_bytes
                            && !ext_jsonl
                            && !archive
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
            Box::new(BufReader::new(Members::new(reader)))
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
        #[cfg(feature = "warc")]
        {
            let warc_bytes = reader
                .fill_buf()
                .is_ok_and(|b| b.starts_with(b"WARC/") || b.starts_with(b"filedesc://"));
            if archive || self.format.is_none() && warc_bytes {
                self.records = Some(warc::Records::new(reader, source, self.max_bytes));
                return None;
            }
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

/// The concatenated members of a gzip stream, decoded member by member.
///
/// Like [`flate2::read::MultiGzDecoder`] on good input; on a corrupt or
/// truncated member it returns the error once, then skips to the next
/// gzip header, so that a web archive compressed record by record loses
/// only the records of the bad member (a member whose corrupt deflate
/// data runs on into the next member's bytes takes that one with it: a
/// stream cannot be rewound).
pub struct Members<R: BufRead> {
    state: GzState<Counted<R>>,
    /// Where the current member started in the compressed stream.
    member_at: u64,
}

enum GzState<R: BufRead> {
    Raw(R),
    Member(flate2::bufread::GzDecoder<R>),
    Gone,
}

impl<R: BufRead> Members<R> {
    /// Decode the gzip members read from `inner`.
    pub fn new(inner: R) -> Members<R> {
        Members {
            state: GzState::Raw(Counted { inner, pos: 0 }),
            member_at: 0,
        }
    }
}

/// A reader that counts the bytes consumed.
pub(crate) struct Counted<R> {
    pub(crate) inner: R,
    pub(crate) pos: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// Skip up to the next gzip header (`1f 8b 08`), or to a possible header
/// cut by the end of the buffer (the decoder then tells); with
/// `skip_first`, skip at least one byte.
fn skip_to_member(r: &mut impl BufRead, mut skip_first: bool) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        let from = usize::from(skip_first);
        skip_first = false;
        if buf.len() <= from {
            let n = buf.len();
            r.consume(n);
            continue;
        }
        if let Some(i) = memchr::memmem::find(&buf[from..], &[0x1f, 0x8b, 0x08]) {
            r.consume(from + i);
            return Ok(());
        }
        let cut = if buf.ends_with(&[0x1f, 0x8b]) {
            2
        } else if buf.ends_with(&[0x1f]) {
            1
        } else {
            0
        };
        let n = buf.len();
        let keep_from = (n - cut).max(from);
        r.consume(keep_from);
        if keep_from < n {
            return Ok(());
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, GzState::Gone) {
                GzState::Gone => return Ok(0),
                GzState::Member(mut dec) => match dec.read(buf) {
                    Ok(0) => self.state = GzState::Raw(dec.into_inner()),
                    Ok(n) => {
                        self.state = GzState::Member(dec);
                        return Ok(n);
                    }
                    Err(e) => {
                        let mut inner = dec.into_inner();
                        // A member that consumed nothing must not be
                        // tried again.
                        let stuck = inner.pos == self.member_at;
                        let at = self.member_at;
                        skip_to_member(&mut inner, stuck)?;
                        self.state = GzState::Raw(inner);
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("corrupt gzip member at byte {at}: {e}"),
                        ));
                    }
                },
                GzState::Raw(mut inner) => {
                    let head = inner.fill_buf()?;
                    if head.is_empty() {
                        self.state = GzState::Raw(inner);
                        return Ok(0);
                    }
                    if head.starts_with(&[0x1f]) && (head.len() < 2 || head[1] == 0x8b) {
                        self.member_at = inner.pos;
                        self.state = GzState::Member(flate2::bufread::GzDecoder::new(inner));
                        continue;
                    }
                    skip_to_member(&mut inner, true)?;
                    self.state = GzState::Raw(inner);
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "bytes after a gzip member that are not gzip",
                    ));
                }
            }
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
            #[cfg(feature = "warc")]
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(doc) => return Some(doc),
                    None => self.records = None,
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
    use std::io::Write;

    use super::*;

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir =
                std::env::temp_dir().join(format!("factum-input-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
            let path = self.0.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(&path, bytes).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    fn all(paths: &[PathBuf], format: Option<Format>, max: u64) -> Vec<RawDoc> {
        Inputs::new(paths, format, max).collect()
    }

    #[test]
    fn detects_formats() {
        assert_eq!(detect("a.txt", b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect("a", b"%PDF-1.4"), Format::Pdf);
        assert_eq!(detect("a.txt", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(detect("a.md", b"# Title"), Format::Markdown);
        assert_eq!(detect("a", b"---\ntitle: x\n---\nbody"), Format::Markdown);
        assert_eq!(
            detect("a", b"+++\ntitle = 'x'\n+++\nbody"),
            Format::Markdown
        );
        assert_eq!(detect("a.txt", b"---\nnot front matter"), Format::Text);
        assert_eq!(detect("a.txt", b"PrinterWe are writing"), Format::Text);
        assert_eq!(detect("a.html.gz", b"<p>x"), Format::Html);
        assert_eq!(detect("a.JSONL", b"{}"), Format::Jsonl);
        assert_eq!(detect("x", b"<div>page</div>"), Format::Html);
        assert_eq!(
            detect(
                "a.txt",
                b"\xef\xbb\xbf<!-- saved from url=x -->\n<HTML><body>"
            ),
            Format::Html
        );
        assert_eq!(
            detect("https://x.org/page.html?id=3#top", b"text"),
            Format::Html
        );
        assert_eq!(
            detect("https://x.org/doc.pdf?dl=1", b"garbage"),
            Format::Pdf
        );
        // A doctype after 511 bytes of multi-byte text must not break the
        // prefix cut.
        let mut head = "<!doctype html>".to_string();
        head.push_str(&"é".repeat(600));
        assert_eq!(detect("a", head.as_bytes()), Format::Html);
    }

    #[test]
    fn stems() {
        assert_eq!(stem(Path::new("dir/000_33f9.txt")), "000_33f9");
        assert_eq!(stem(Path::new("a.html.gz")), "a");
        assert_eq!(stem(Path::new("v1.2.letter.txt")), "v1.2.letter");
        assert_eq!(stem(Path::new("README")), "README");
        assert_eq!(stem(Path::new(".hidden")), ".hidden");
        assert_eq!(stem(Path::new("x.gz")), "x");
    }

    #[test]
    fn iso_dates() {
        let cases = [
            ("2026-04-01", Some("2026-04-01")),
            ("2006-09-06T20:00:00-04:00", Some("2006-09-06")),
            ("2006-09-06 10:00", Some("2006-09-06")),
            ("2006/9/6", Some("2006-09-06")),
            ("20060906", Some("2006-09-06")),
            ("2006-09", Some("2006-09")),
            ("April 1, 2026", Some("2026-04-01")),
            ("1 April 2026", Some("2026-04-01")),
            ("1st of April, 2026", Some("2026-04-01")),
            ("Thursday, May 7, 2026", Some("2026-05-07")),
            ("Sept. 6, 2006 8:00PM EDT", Some("2006-09-06")),
            ("September 6, 2006 8:00 PM", Some("2006-09-06")),
            ("April 2026", Some("2026-04")),
            (" JANUARY 6 , 2026 ", Some("2026-01-06")),
            ("2026", None),
            ("06/09/2006", None),
            ("2026-02-30", None),
            ("2026-13-01", None),
            ("February 30, 2026", None),
            ("Decided on April 1, 2026", None),
            ("April 1, 2026 and more words", None),
            ("1 April 2 2026", None),
            ("April May 2026", None),
            ("20261", None),
            ("", None),
            ("é2026-01-01", None),
        ];
        for (input, want) in cases {
            assert_eq!(iso_date(input).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn datelines() {
        assert_eq!(
            date_line("Title\nApril 1, 2026\nbody").as_deref(),
            Some("2026-04-01")
        );
        assert_eq!(
            date_line("Title\nDate: 5 March 2024").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            date_line("Publication Date: 2024-03-05").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            date_line("Decided: March 5, 2024").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            date_line("Meeting: March 5, 2024"),
            None,
            "not a date label"
        );
        assert_eq!(date_line("Decided on March 5, 2024, the court held"), None);
        assert_eq!(date_line("Decision Date: 09/30/25"), None, "ambiguous");
        let late = format!("{}April 1, 2026", "line\n".repeat(40));
        assert_eq!(date_line(&late), None, "too far from the top");
    }

    #[test]
    fn block_text_builder() {
        let mut b = BlockText::default();
        b.end_line();
        b.push("  Hello,\n  ");
        b.push("world ");
        b.end_line();
        b.end_line();
        b.push("\u{a0}next\u{200b} line ");
        b.push_pre("\n  pre  kept \n\n");
        b.push("tail");
        b.end_line();
        assert_eq!(b.finish(), "Hello, world\nnext line\npre  kept\ntail");
    }

    #[test]
    fn block_text_push_splits_as_char_whitespace() {
        // The word splitting of `push` before it classified ASCII bytes
        // itself.
        fn reference(b: &mut BlockText, s: &str) {
            let mut first = true;
            for word in s.split(is_space) {
                if !first && b.line {
                    b.gap = Gap::Space;
                }
                first = false;
                if !word.is_empty() {
                    b.put(word);
                }
            }
        }
        let pieces = [
            "  Hello,\n  ",
            "world ",
            "a\u{b}b\u{c}c\rd\te",
            "x\u{1c}y\u{7f}z",
            "\u{a0}next\u{200b} line ",
            "caf\u{e9}\u{2009}na\u{ef}ve\u{3000}",
            "\u{ad}\u{feff}",
            "\u{85}end\u{2028}",
            "",
            " ",
            "tail",
        ];
        let (mut fast, mut slow) = (BlockText::default(), BlockText::default());
        for (i, p) in pieces.iter().enumerate() {
            fast.push(p);
            reference(&mut slow, p);
            if i % 3 == 2 {
                fast.end_line();
                slow.end_line();
            }
        }
        let fast = fast.finish();
        assert_eq!(fast, slow.finish());
        assert!(fast.contains("a b c d e"));
        assert!(fast.contains("x\u{1c}y\u{7f}z"), "not whitespace");
    }

    #[test]
    fn line_structure_decision() {
        let bva = decode::decode(
            include_bytes!("../../fixtures/docs/jur_bva_a25084404.txt"),
            None,
        )
        .unwrap();
        assert!(has_line_structure(&bva));
        let flat = include_str!("../../fixtures/docs/000_33f9748ff7c1b5ed.txt");
        assert!(!has_line_structure(flat));
        assert!(!has_line_structure("one line only"));
        assert!(has_line_structure(
            "Title\n\nFirst paragraph.\nSecond paragraph.\n"
        ));
        // A flattened page with a stray newline or two is still flat.
        let long = "x".repeat(4000);
        assert!(!has_line_structure(&format!("{long}\n{long}\n{long}")));
    }

    #[test]
    fn text_documents() {
        let raw = RawDoc::new(
            "a",
            "a.txt",
            b"Line one.\r\nLine two.\rLine three.\n".to_vec(),
        );
        let doc = load(raw).unwrap();
        assert_eq!(doc.raw, "Line one.\nLine two.\nLine three.\n");
        assert_eq!(doc.format, Format::Text);
        assert!(doc.blocks);
        let flat = load(RawDoc::new("b", "b.txt", b"PrinterWe are writing".to_vec())).unwrap();
        assert!(!flat.blocks);
        let bva = load(RawDoc::new(
            "jur_bva_a25084404",
            "jur_bva_a25084404.txt",
            include_bytes!("../../fixtures/docs/jur_bva_a25084404.txt").to_vec(),
        ))
        .unwrap();
        assert!(bva.blocks);
        assert!(bva.raw.contains("38 U.S.C. §§ 1155"));
        // `Decision Date: 09/30/25` is ambiguous; `DATE: September 30, 2025` is not.
        assert_eq!(bva.published.as_deref(), Some("2025-09-30"));
    }

    #[test]
    fn source_metadata_wins() {
        let mut raw = RawDoc::new(
            "a",
            "a.html",
            b"<title>A page title | Site</title><p>x</p>".to_vec(),
        );
        raw.title = Some("Given".into());
        raw.published = Some("March 5, 2024".into());
        let doc = load(raw).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Given"));
        assert_eq!(doc.published.as_deref(), Some("2024-03-05"));
        assert_eq!(doc.publisher.as_deref(), Some("Site"));
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // Deterministic pseudo-random inputs: bytes biased towards markup
        // and multi-byte sequences, in every format.
        let alphabet: &[u8] =
            b"<>/=\"' \n\r\t-+#*[]()!&;:|`>abcpdiv\xc3\xa9\xe2\x80\x9c\xa7\xff\x00";
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for round in 0..300 {
            let len = (round * 7) % 400;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            for format in [Format::Text, Format::Html, Format::Markdown] {
                let mut raw = RawDoc::new("r", "r", bytes.clone());
                raw.format = Some(format);
                let doc = load(raw).unwrap();
                assert!(!doc.raw.contains("\n\n") || format == Format::Text);
            }
            let _ = detect("r", &bytes);
            let _ = iso_date(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn pdf_and_warc_errors_in_load() {
        let pdf = if cfg!(feature = "pdf") {
            "pdf"
        } else {
            "unsupported"
        };
        let warc = if cfg!(feature = "warc") {
            "warc"
        } else {
            "unsupported"
        };
        for (name, bytes, kind) in [
            ("a.pdf", &b"%PDF-1.7\n..."[..], pdf),
            ("a.warc", b"WARC/1.0\r\n", warc),
        ] {
            let err = load(RawDoc::new("a", name, bytes.to_vec())).unwrap_err();
            assert_eq!(err.kind().name(), kind, "{name}");
        }
    }

    #[cfg(feature = "warc")]
    #[test]
    fn warcio_test_files() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/warc");
        // (file, documents, error records)
        let cases = [
            ("warcio-example.warc.gz", 1, 0),
            ("warcio-example-iana.org-chunked.warc", 1, 0),
            ("warcio-example-digest.warc", 0, 0),
            ("warcio-example-resource.warc.gz", 1, 0),
            ("warcio-post-test.warc.gz", 0, 0),
            ("warcio-example.arc.gz", 1, 0),
            ("warcio-example-trunc.warc", 0, 1),
            ("warcio-example-bad-non-chunked.warc.gz", 1, 0),
            ("warcio-example-wrong-chunks.warc.gz", 1, 0),
        ];
        for (name, want_docs, want_errors) in cases {
            let docs = all(&[dir.join(name)], None, 1 << 20);
            let errors = docs.iter().filter(|d| d.error.is_some()).count();
            assert_eq!(
                (docs.len() - errors, errors),
                (want_docs, want_errors),
                "{name}"
            );
            for raw in docs {
                if let Some(e) = &raw.error {
                    assert_eq!(e.kind().name(), "warc");
                    assert!(e.to_string().contains(name), "{e}");
                    assert!(e.to_string().contains("record at offset 1197"), "{e}");
                    continue;
                }
                assert!(raw.source.starts_with("http://"), "{name}: {}", raw.source);
                let doc = load(raw).unwrap();
                assert_eq!(doc.format, Format::Html);
                assert!(doc.raw.len() > 100, "{name}: {:?}", doc.raw);
                assert!(!doc.raw.contains("HTTP/1."), "{name}: headers left");
            }
        }
        let iana = all(
            &[dir.join("warcio-example-iana.org-chunked.warc")],
            None,
            1 << 20,
        );
        assert_eq!(
            iana[0].id,
            "<urn:uuid:a96ae1a5-931d-4c45-96f3-98576d155f8b>"
        );
        // Chunk size lines are gone from the dechunked page.
        assert!(
            iana[0].bytes.starts_with(b"<!doctype html>")
                || iana[0].bytes.starts_with(b"<!DOCTYPE")
        );
    }

    #[cfg(feature = "warc")]
    #[test]
    fn warc_found_by_content_or_forced() {
        let dir = TempDir::new("warc-sniff");
        let warc = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/warc/warcio-example-iana.org-chunked.warc"),
        )
        .unwrap();
        // No extension: the `WARC/` line tells.
        let plain = dir.write("capture.dat", &warc);
        let docs = all(std::slice::from_ref(&plain), None, 1 << 20);
        assert_eq!(docs.len(), 1);
        assert!(docs[0].id.starts_with("<urn:uuid:"));
        // Gzipped, no extension.
        let gz = dir.write("capture.bin", &gzip(&warc));
        assert_eq!(all(&[gz], None, 1 << 20).len(), 1);
        // Forced on something that is not an archive: an error record.
        let txt = dir.write("note.txt", b"just text\n");
        let docs = all(&[txt], Some(Format::Warc), 1 << 20);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].error.as_ref().unwrap().kind().name(), "warc");
    }

    #[cfg(feature = "warc")]
    #[test]
    fn warc_built_from_fixture_pages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs");
        let pages = [
            ("jur_ny_2026nyslipop00028.html", "text/html; charset=utf-8"),
            ("jur_ny_2026nyslipop01932.html", "text/html"),
            ("jur_bva_a25084404.txt", "text/plain; charset=windows-1252"),
            ("doctor_mo_ed108783.pdf", "application/pdf"),
        ];
        let mut file = Vec::new();
        let mut plain = Vec::new();
        for (i, (name, ct)) in pages.iter().enumerate() {
            let body = std::fs::read(root.join(name)).unwrap();
            let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\n").into_bytes();
            // Every other page is gzipped and chunked by the server.
            let body = if i % 2 == 1 {
                http.extend_from_slice(b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n");
                let gz = gzip(&body);
                let mut chunked = Vec::new();
                for part in gz.chunks(1000) {
                    chunked.extend(format!("{:X}\r\n", part.len()).into_bytes());
                    chunked.extend_from_slice(part);
                    chunked.extend_from_slice(b"\r\n");
                }
                chunked.extend_from_slice(b"0\r\n\r\n");
                chunked
            } else {
                body
            };
            http.extend_from_slice(b"\r\n");
            http.extend_from_slice(&body);
            let mut rec = format!(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:page-{i}>\r\n\
                 WARC-Target-URI: https://example.org/{name}\r\n\
                 Content-Type: application/http;msgtype=response\r\nContent-Length: {}\r\n\r\n",
                http.len()
            )
            .into_bytes();
            rec.extend(http);
            rec.extend_from_slice(b"\r\n\r\n");
            let req = format!(
                "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:req-{i}>\r\n\
                 Content-Type: application/http;msgtype=request\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n"
            );
            file.extend(gzip(&rec));
            file.extend(gzip(req.as_bytes()));
            plain.extend(rec);
            plain.extend_from_slice(req.as_bytes());
        }
        let dir = TempDir::new("warc-built");
        let gz_path = dir.write("crawl.warc.gz", &file);
        let plain_path = dir.write("crawl.warc", &plain);
        for path in [gz_path, plain_path] {
            // A limit below the file size: archives are read record by record.
            let docs = all(std::slice::from_ref(&path), None, 200_000);
            let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
            assert_eq!(
                ids,
                [
                    "<urn:uuid:page-0>",
                    "<urn:uuid:page-1>",
                    "<urn:uuid:page-2>",
                    "<urn:uuid:page-3>"
                ],
                "{}",
                path.display()
            );
            for (raw, (name, _)) in docs.into_iter().zip(pages) {
                assert_eq!(raw.source, format!("https://example.org/{name}"));
                let original = std::fs::read(root.join(name)).unwrap();
                assert_eq!(raw.bytes, original, "{name}");
                if raw.format == Some(Format::Pdf) && !cfg!(feature = "pdf") {
                    continue;
                }
                let doc = load(raw).unwrap();
                assert!(doc.raw.len() > 1000, "{name}");
            }
        }
        // The cp1252 text file decodes with the charset of the header.
        let docs = all(&[dir.0.join("crawl.warc")], None, 1 << 20);
        assert_eq!(docs[2].charset.as_deref(), Some("windows-1252"));
        assert!(load(docs.into_iter().nth(2).unwrap())
            .unwrap()
            .raw
            .contains('§'));
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn pdf_documents() {
        let bytes = include_bytes!("../../fixtures/docs/doctor_mo_ed108783.pdf");
        let doc = load(RawDoc::new("d", "d.pdf", bytes.to_vec())).unwrap();
        assert_eq!(doc.format, Format::Pdf);
        assert!(doc.blocks);
        // Five pages of some 25 printed lines each, rejoined into
        // paragraphs, headings and caption rows.
        let lines: Vec<&str> = doc.raw.lines().collect();
        assert!((20..80).contains(&lines.len()), "{} lines", lines.len());
        // A sentence printed across a line break is on one line.
        assert!(doc
            .raw
            .contains("Finding no error, we affirm the motion court’s judgment that"));
        // No page number lines left (the opinion numbers its pages).
        assert!(!lines.iter().any(|l| l.trim().parse::<u32>().is_ok()));
        // No paragraph goes on in lower case on the next line (caption
        // rows, `vs.   )   No. 1`, keep their fields apart).
        assert!(lines.iter().filter(|l| l.contains("   ")).count() >= 3);
        let lower: Vec<&&str> = lines
            .iter()
            .filter(|l| l.starts_with(|c: char| c.is_lowercase()) && !l.contains("   "))
            .collect();
        assert!(lower.is_empty(), "{lower:#?}\n{}", doc.raw);
    }

    #[test]
    fn gz_round_trip() {
        let dir = TempDir::new("gz");
        let text = b"<html><body><p>Gzipped page.</p></body></html>".repeat(50);
        let gz = gzip(&text);
        let path = dir.write("page.html.gz", &gz);
        let docs = all(std::slice::from_ref(&path), None, 1 << 20);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "page");
        assert_eq!(docs[0].bytes, text);
        assert_eq!(docs[0].input_bytes, text.len() as u64);
        let doc = load(docs.into_iter().next().unwrap()).unwrap();
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.raw, "Gzipped page.", "repeated lines are dropped");
        // Decompressed size counts for the limit.
        let docs = all(&[path], None, 100);
        assert_eq!(docs[0].error.as_ref().unwrap().kind().name(), "too_large");
    }

    #[test]
    fn gz_jsonl() {
        let dir = TempDir::new("gzjsonl");
        let jsonl = b"{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n";
        let path = dir.write("dump.jsonl.gz", &gzip(jsonl));
        let ids: Vec<String> = all(&[path], None, 1 << 20)
            .into_iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn directory_walk_order() {
        let dir = TempDir::new("walk");
        dir.write("b.txt", b"b");
        dir.write("a.txt", b"a");
        dir.write("sub/c.txt", b"c");
        dir.write(
            "d.jsonl",
            b"{\"id\":\"d1\",\"text\":\"x\"}\n{\"id\":\"d2\",\"text\":\"y\"}\n",
        );
        dir.write(".hidden.txt", b"h");
        dir.write(".git/objects/x", b"h");
        let other = TempDir::new("walk-other");
        let single = other.write("z.md", b"# z");
        let docs = all(&[dir.0.clone(), single], None, 1 << 20);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "d1", "d2", "c", "z"]);
        assert!(docs.iter().all(|d| d.error.is_none()));
    }

    #[test]
    fn missing_files_and_limits() {
        let dir = TempDir::new("limits");
        let big = dir.write("big.txt", &[b'x'; 200]);
        let missing = dir.0.join("missing.txt");
        let docs = all(&[missing, big.clone()], None, 100);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "missing");
        assert_eq!(docs[0].error.as_ref().unwrap().kind().name(), "io");
        assert_eq!(docs[1].error.as_ref().unwrap().kind().name(), "too_large");
        // No limit at all must not overflow.
        let docs = all(&[big], None, u64::MAX);
        assert_eq!(docs[0].bytes.len(), 200);
    }

    #[test]
    fn forced_format() {
        let dir = TempDir::new("forced");
        let txt = dir.write("page.txt", b"<p>not detected as html</p>");
        let docs = all(std::slice::from_ref(&txt), Some(Format::Html), 1 << 20);
        assert_eq!(docs[0].format, Some(Format::Html));
        assert_eq!(
            load(docs.into_iter().next().unwrap()).unwrap().raw,
            "not detected as html"
        );
        let docs = all(&[txt], None, 1 << 20);
        assert_eq!(docs[0].format, None);
        let lines = dir.write("lines.txt", b"{\"id\":\"x\",\"text\":\"1\"}\nbad\n");
        let docs = all(std::slice::from_ref(&lines), Some(Format::Jsonl), 1 << 20);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "x");
        assert!(docs[1].error.is_some());
        // Not forced: a .txt is one document.
        assert_eq!(all(&[lines], None, 1 << 20).len(), 1);
    }
}
