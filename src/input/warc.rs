//! Web archives: WARC 1.0 and 1.1, and legacy ARC, read record by record.
//!
//! [`Records`] is a lazy iterator over the documents of one archive, read
//! from a [`BufRead`] of the uncompressed stream (a per-record gzip file is
//! undone member by member by [`super::Members`], so one bad member loses
//! only its own records). Nothing but the current record is held in
//! memory, and a record larger than the document size limit is skipped
//! without being read into memory.
//!
//! What becomes a document:
//! - `response` records whose HTTP payload is HTML, plain text, Markdown or
//!   PDF (by the HTTP `Content-Type`, or by content when that is missing or
//!   generic) and whose status is 2xx; `resource` records of those types.
//!   The id is the `WARC-Record-ID`, the source the `WARC-Target-URI`. The
//!   HTTP status line and headers are parsed and stripped, chunked
//!   transfer-encoding and gzip/deflate content-encoding are undone, and the
//!   charset of the HTTP `Content-Type` is handed to decoding.
//! - `request`, `metadata`, `revisit`, `warcinfo`, `conversion` and
//!   `continuation` records, other media types (images, scripts, JSON) and
//!   non-2xx responses (redirects, errors) are not documents and are
//!   skipped.
//! - A truncated or malformed record becomes an error record (kind `warc`)
//!   whose message names the file and the record's offset in the
//!   uncompressed stream; reading goes on with the next record (found by
//!   its `Content-Length`, or else by looking for the next `WARC/` line).
//!
//! ARC files (`filedesc://` first line) are read the same way: every
//! record after the file description is a response.

use std::io::{self, BufRead, Read};
use std::path::Path;

use super::Counted;
use crate::document::{Format, RawDoc};
use crate::error::{Error, ErrorKind};

/// The longest header line accepted (bytes); a longer one is malformed.
const MAX_LINE: usize = 64 * 1024;

/// The largest header block accepted (bytes, WARC or HTTP headers).
const MAX_HEADERS: usize = 1024 * 1024;

/// Consecutive read errors after which a file is given up.
const MAX_ERRORS: usize = 64;

/// The documents of one web archive, read lazily, in order.
pub struct Records {
    reader: Counted<Box<dyn BufRead + Send>>,
    source: String,
    stem: String,
    max_bytes: u64,
    /// `Some(true)` for ARC, `Some(false)` for WARC, `None` before the first
    /// record.
    arc: Option<bool>,
    /// A version line read while looking for the next record.
    pending: Option<Vec<u8>>,
    /// Where the line last returned by `read_line` started.
    line_at: u64,
    /// Where `pending` started.
    pending_at: u64,
    done: bool,
    line: Vec<u8>,
}

/// What reading one record gave.
enum Step {
    Doc(Box<RawDoc>),
    Skip,
    End,
}

/// A record-level failure: the message, and whether the reader still knows
/// where the next record starts (`false`: look for it).
struct Bad {
    message: String,
    id: Option<String>,
    uri: Option<String>,
    in_sync: bool,
}

impl Bad {
    fn new(message: impl Into<String>, in_sync: bool) -> Bad {
        Bad {
            message: message.into(),
            id: None,
            uri: None,
            in_sync,
        }
    }
}

impl From<io::Error> for Bad {
    fn from(e: io::Error) -> Bad {
        let message = if e.kind() == io::ErrorKind::UnexpectedEof {
            "truncated: the file ends inside the record".to_string()
        } else {
            e.to_string()
        };
        Bad::new(message, false)
    }
}

impl Records {
    /// Read the archive in `reader` (already uncompressed); `source` names
    /// the file in records and errors.
    pub fn new(reader: Box<dyn BufRead + Send>, source: String, max_bytes: u64) -> Records {
        let stem = super::stem(Path::new(&source));
        Records {
            reader: Counted {
                inner: reader,
                pos: 0,
            },
            source,
            stem,
            max_bytes,
            arc: None,
            pending: None,
            line_at: 0,
            pending_at: 0,
            done: false,
            line: Vec::new(),
        }
    }

    /// The next line (without its line ending), `None` at the end of the
    /// stream. A line longer than [`MAX_LINE`] is an error.
    fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        if let Some(line) = self.pending.take() {
            self.line_at = self.pending_at;
            return Ok(Some(line));
        }
        self.line_at = self.reader.pos;
        self.line.clear();
        let n = read_line_limited(&mut self.reader, &mut self.line, MAX_LINE)?;
        if n == 0 {
            return Ok(None);
        }
        let mut line = std::mem::take(&mut self.line);
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        Ok(Some(line))
    }

    /// Skip lines until one that starts a record (`WARC/`, or an ARC
    /// header line), kept for the next read.
    fn resync(&mut self) {
        let mut errors = 0;
        loop {
            match self.read_line() {
                Ok(Some(line)) => {
                    errors = 0;
                    let starts = if self.arc == Some(true) {
                        arc_header(&line).is_some()
                    } else {
                        line.starts_with(b"WARC/")
                    };
                    if starts {
                        self.pending = Some(line);
                        self.pending_at = self.line_at;
                        return;
                    }
                }
                Ok(None) => {
                    self.done = true;
                    return;
                }
                Err(_) => {
                    errors += 1;
                    if errors >= MAX_ERRORS {
                        self.done = true;
                        return;
                    }
                }
            }
        }
    }

    /// Read one record; `start` is set to its offset once known.
    fn record(&mut self, start: &mut u64) -> Result<Step, Bad> {
        // Blank lines between records (the record end's CRLF CRLF).
        let first = loop {
            match self.read_line()? {
                None => return Ok(Step::End),
                Some(l) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Some(l) => break l,
            }
        };
        *start = self.line_at;
        if self.arc.is_none() {
            self.arc = Some(first.starts_with(b"filedesc://"));
        }
        if self.arc == Some(true) {
            self.arc_record(&first)
        } else {
            self.warc_record(&first, *start)
        }
    }

    fn warc_record(&mut self, version: &[u8], start: u64) -> Result<Step, Bad> {
        if !version.starts_with(b"WARC/") {
            return Err(Bad::new(
                format!(
                    "expected a WARC/ version line, found {:?}",
                    preview(version)
                ),
                false,
            ));
        }
        let mut headers = Vec::new();
        let mut total = 0usize;
        loop {
            let line = self.read_line()?.ok_or_else(|| {
                Bad::new("truncated: the file ends inside the WARC headers", false)
            })?;
            if line.is_empty() {
                break;
            }
            total += line.len();
            if total > MAX_HEADERS {
                return Err(Bad::new("WARC headers too large", false));
            }
            push_header(&mut headers, &line);
        }
        let get = |name: &str| header(&headers, name).map(str::to_string);
        let id = get("warc-record-id");
        let uri = get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let with = |mut b: Bad| {
            b.id.clone_from(&id);
            b.uri.clone_from(&uri);
            b
        };
        let Some(len) = get("content-length").and_then(|v| v.trim().parse::<u64>().ok()) else {
            return Err(with(Bad::new("no valid Content-Length", false)));
        };
        let kind = get("warc-type").unwrap_or_default().to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "resource");
        if !wanted {
            self.skip(len).map_err(with)?;
            self.record_end(len).map_err(with)?;
            return Ok(Step::Skip);
        }
        if len > self.max_bytes {
            self.skip(len).map_err(with)?;
            self.record_end(len).map_err(with)?;
            return Err(with(Bad::new(
                format!(
                    "{kind} record of {len} bytes exceeds the limit of {} bytes",
                    self.max_bytes
                ),
                true,
            )));
        }
        let block = self.read_block(len).map_err(with)?;
        self.record_end(len).map_err(with)?;
        let content_type = get("content-type").unwrap_or_default();
        let http = kind == "response"
            && (content_type
                .to_ascii_lowercase()
                .starts_with("application/http")
                || block.starts_with(b"HTTP/"));
        let id = id.unwrap_or_else(|| format!("{}:{start}", self.stem));
        let source = uri.clone().unwrap_or_else(|| self.source.clone());
        let payload = if http {
            match self.http_payload(&block, len) {
                Ok(Some(p)) => p,
                Ok(None) => return Ok(Step::Skip),
                Err(mut b) => {
                    b.id = Some(id);
                    b.uri = uri;
                    return Err(b);
                }
            }
        } else {
            Payload {
                body: block,
                content_type,
            }
        };
        Ok(self.document(id, source, payload, len))
    }

    fn arc_record(&mut self, line: &[u8]) -> Result<Step, Bad> {
        let Some((url, len)) = arc_header(line) else {
            return Err(Bad::new(
                format!("expected an ARC header line, found {:?}", preview(line)),
                false,
            ));
        };
        let id = format!("{}:{}", self.stem, self.line_at);
        let with = |mut b: Bad| {
            b.id = Some(id.clone());
            b.uri = Some(url.clone());
            b
        };
        if url.starts_with("filedesc:") || url.starts_with("dns:") {
            self.skip(len).map_err(with)?;
            return Ok(Step::Skip);
        }
        if len > self.max_bytes {
            self.skip(len).map_err(with)?;
            return Err(with(Bad::new(
                format!(
                    "record of {len} bytes exceeds the limit of {} bytes",
                    self.max_bytes
                ),
                true,
            )));
        }
        let block = self.read_block(len).map_err(with)?;
        let payload = if block.starts_with(b"HTTP/") {
            match self.http_payload(&block, len) {
                Ok(Some(p)) => p,
                Ok(None) => return Ok(Step::Skip),
                Err(b) => return Err(with(b)),
            }
        } else {
            let mime = String::from_utf8_lossy(line)
                .split_whitespace()
                .nth(3)
                .unwrap_or_default()
                .to_string();
            Payload {
                body: block,
                content_type: mime,
            }
        };
        Ok(self.document(id, url, payload, len))
    }

    /// A document from a payload, or a skip when it is not HTML, text or
    /// PDF.
    fn document(&self, id: String, source: String, p: Payload, len: u64) -> Step {
        let (mime, charset) = parse_content_type(&p.content_type);
        let format = match mime.as_str() {
            "text/html" | "application/xhtml+xml" => Format::Html,
            "text/plain" => Format::Text,
            "text/markdown" | "text/x-markdown" => Format::Markdown,
            "application/pdf" | "application/x-pdf" => Format::Pdf,
            "" | "application/octet-stream" | "binary/octet-stream" | "unknown/unknown" => {
                match super::detect(&source, &p.body) {
                    f @ (Format::Html | Format::Pdf) => f,
                    _ => return Step::Skip,
                }
            }
            _ => return Step::Skip,
        };
        let mut raw = RawDoc::new(id, source, p.body);
        raw.format = Some(format);
        raw.charset = charset;
        raw.input_bytes = len;
        Step::Doc(Box::new(raw))
    }

    /// Read exactly `len` bytes of a record block.
    fn read_block(&mut self, len: u64) -> Result<Vec<u8>, Bad> {
        let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
        let n = (&mut self.reader).take(len).read_to_end(&mut block)?;
        if (n as u64) < len {
            return Err(Bad::new(
                format!("truncated: the block has {n} of its {len} bytes"),
                false,
            ));
        }
        Ok(block)
    }

    /// Check that the record ends where its `Content-Length` says: line
    /// ends, then the next record's `WARC/` or the end of the stream.
    fn record_end(&mut self, len: u64) -> Result<(), Bad> {
        let mut eols = 0;
        loop {
            let buf = self.reader.fill_buf()?;
            match buf.first() {
                Some(b'\r' | b'\n') if eols < 64 => {
                    self.reader.consume(1);
                    eols += 1;
                }
                None => return Ok(()),
                Some(_) => {
                    let n = buf.len().min(5);
                    if buf[..n] == b"WARC/"[..n] {
                        return Ok(());
                    }
                    return Err(Bad::new(
                        format!(
                            "the record does not end after its Content-Length of {len} bytes \
                             (truncated or wrong length)"
                        ),
                        false,
                    ));
                }
            }
        }
    }

    /// Skip `len` bytes of a record block without keeping them.
    fn skip(&mut self, len: u64) -> Result<(), Bad> {
        let n = io::copy(&mut (&mut self.reader).take(len), &mut io::sink())?;
        if n < len {
            return Err(Bad::new(
                format!("truncated: the block has {n} of its {len} bytes"),
                false,
            ));
        }
        Ok(())
    }

    /// The payload of an HTTP response block: status and headers parsed
    /// and stripped, transfer and content encodings undone. `None` for a
    /// response that is not a document (not 2xx).
    fn http_payload(&self, block: &[u8], len: u64) -> Result<Option<Payload>, Bad> {
        let Some((head_len, body_at)) = header_end(block) else {
            return Err(Bad::new("malformed HTTP response: no end of headers", true));
        };
        let head = String::from_utf8_lossy(&block[..head_len]);
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or_default();
        let mut parts = status_line.split_whitespace();
        let proto = parts.next().unwrap_or_default();
        let status: Option<u16> = parts.next().and_then(|s| s.parse().ok());
        let Some(status) = status.filter(|_| proto.starts_with("HTTP/")) else {
            return Err(Bad::new(
                format!(
                    "malformed HTTP status line {:?}",
                    preview(status_line.as_bytes())
                ),
                true,
            ));
        };
        if !(200..300).contains(&status) {
            return Ok(None);
        }
        let mut headers = Vec::new();
        for line in lines {
            push_header(&mut headers, line.as_bytes());
        }
        let mut body = block[body_at..].to_vec();
        let te = header(&headers, "transfer-encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if te.contains("chunked") {
            body = dechunk(&body);
        }
        let ce = header(&headers, "content-encoding")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let limit = self.max_bytes;
        body = match ce.as_str() {
            "" | "identity" | "none" => body,
            "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)
                .map_err(|e| Bad::new(format!("bad gzip content-encoding: {e}"), true))?,
            "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), limit))
                .map_err(|e| Bad::new(format!("bad deflate content-encoding: {e}"), true))?,
            other => {
                return Err(Bad::new(
                    format!("unsupported content-encoding {other:?} ({len} byte record)"),
                    true,
                ))
            }
        };
        Ok(Some(Payload {
            body,
            content_type: header(&headers, "content-type")
                .unwrap_or_default()
                .to_string(),
        }))
    }

    fn error_doc(&self, start: u64, bad: Bad) -> RawDoc {
        let id = bad.id.unwrap_or_else(|| format!("{}:{start}", self.stem));
        let source = bad.uri.unwrap_or_else(|| self.source.clone());
        let err = Error::new(ErrorKind::Warc(format!(
            "{}: record at offset {start}: {}",
            self.source, bad.message
        )))
        .with_offset(start)
        .with_doc(id.clone());
        let mut raw = RawDoc::new(id, source, Vec::new());
        raw.error = Some(err);
        raw
    }
}

impl Iterator for Records {
    type Item = RawDoc;

    fn next(&mut self) -> Option<RawDoc> {
        loop {
            if self.done {
                return None;
            }
            let mut start = self.reader.pos;
            match self.record(&mut start) {
                Ok(Step::Doc(raw)) => return Some(*raw),
                Ok(Step::Skip) => continue,
                Ok(Step::End) => {
                    self.done = true;
                    return None;
                }
                Err(bad) => {
                    if !bad.in_sync {
                        self.resync();
                    }
                    return Some(self.error_doc(start, bad));
                }
            }
        }
    }
}

/// A payload and its media type.
struct Payload {
    body: Vec<u8>,
    content_type: String,
}

/// Append a line (with its `\n`) to `out`, reading at most `limit` bytes;
/// the number of bytes read, 0 at the end of the stream.
fn read_line_limited(r: &mut impl BufRead, out: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(read);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if read + take > limit {
            r.consume(take);
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("line longer than {limit} bytes"),
            ));
        }
        out.extend_from_slice(&buf[..take]);
        r.consume(take);
        read += take;
        if done {
            return Ok(read);
        }
    }
}

/// Add a `Name: value` header line (lower-case name), or continue the
/// previous value when the line starts with a space or tab.
fn push_header(headers: &mut Vec<(String, String)>, line: &[u8]) {
    let line = String::from_utf8_lossy(line);
    if line.starts_with([' ', '\t']) {
        if let Some((_, v)) = headers.last_mut() {
            v.push(' ');
            v.push_str(line.trim());
        }
        return;
    }
    if let Some((name, value)) = line.split_once(':') {
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
}

/// The first value of a header (`name` in lower case).
fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The media type (lower case, without parameters) and charset of a
/// `Content-Type` value.
fn parse_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    });
    (mime, charset)
}

/// The end of an HTTP header block: (length of the headers, offset of the
/// body), for `\r\n\r\n` or a bare `\n\n`.
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    let limit = block.len().min(MAX_HEADERS);
    let head = &block[..limit];
    let crlf = memchr::memmem::find(head, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(head, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Undo chunked transfer-encoding. As browsers and warcio do, a body that
/// is declared chunked but is not (a bad chunk size line) is kept as it is
/// from that point on.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut at = 0;
    loop {
        let rest = &body[at..];
        let Some(nl) = memchr::memchr(b'\n', rest).filter(|&i| i <= 1024) else {
            out.extend_from_slice(rest);
            return out;
        };
        let line = String::from_utf8_lossy(&rest[..nl]);
        let size_str = line.trim().split(';').next().unwrap_or_default().trim();
        let size = match usize::from_str_radix(size_str, 16) {
            Ok(s) if !size_str.is_empty() => s,
            _ => {
                out.extend_from_slice(rest);
                return out;
            }
        };
        if size == 0 {
            return out;
        }
        let data = nl + 1;
        let end = data.saturating_add(size).min(rest.len());
        out.extend_from_slice(&rest[data..end]);
        if end == rest.len() {
            return out;
        }
        at += end;
        // The CRLF after the chunk data.
        if body[at..].starts_with(b"\r\n") {
            at += 2;
        } else if body[at..].starts_with(b"\n") {
            at += 1;
        }
    }
}

/// Read a decoder to the end, at most `limit` bytes.
fn inflate(r: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "decompressed payload exceeds the limit of {limit} bytes"
        )));
    }
    Ok(out)
}

/// An ARC header line: `URL IP DATE MIME LENGTH` (version 1) or the ten
/// fields of version 2, with the length last. Gives the URL and length.
fn arc_header(line: &[u8]) -> Option<(String, u64)> {
    let line = std::str::from_utf8(line).ok()?;
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.len() != 5 && fields.len() != 10 {
        return None;
    }
    let len = fields.last()?.parse().ok()?;
    let url = fields[0];
    url.contains(':').then(|| (url.to_string(), len))
}

/// The start of a line for an error message.
fn preview(line: &[u8]) -> String {
    let s = String::from_utf8_lossy(&line[..line.len().min(40)]);
    s.into_owned()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn records(bytes: &[u8]) -> Vec<RawDoc> {
        records_limit(bytes, 1 << 20)
    }

    fn records_limit(bytes: &[u8], max: u64) -> Vec<RawDoc> {
        let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(bytes.to_vec()));
        Records::new(reader, "t.warc".into(), max).collect()
    }

    /// A gzip file member by member, as the reader of [`super::super::Inputs`] does.
    fn gz_records(bytes: &[u8]) -> Vec<RawDoc> {
        let members = super::super::Members::new(io::Cursor::new(bytes.to_vec()));
        let reader: Box<dyn BufRead + Send> = Box::new(io::BufReader::new(members));
        Records::new(reader, "t.warc.gz".into(), 1 << 20).collect()
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    /// One WARC record.
    fn record(kind: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {id}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2026-04-01T10:00:00Z\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(id: &str, uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut http = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        http.extend_from_slice(body);
        record(
            "response",
            id,
            uri,
            "application/http; msgtype=response",
            &http,
        )
    }

    fn err(doc: &RawDoc) -> String {
        let e = doc.error.as_ref().expect("an error record");
        assert_eq!(e.kind().name(), "warc");
        e.to_string()
    }

    #[test]
    fn response_and_resource_records_are_documents() {
        let mut warc = record(
            "warcinfo",
            "<urn:uuid:0>",
            "",
            "application/warc-fields",
            b"software: x\r\n",
        );
        warc.extend(response(
            "<urn:uuid:1>",
            "http://example.org/a",
            "Content-Type: text/html; charset=windows-1252\r\n",
            b"<p>Caf\xe9</p>",
        ));
        warc.extend(record(
            "request",
            "<urn:uuid:2>",
            "http://example.org/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n",
        ));
        warc.extend(record(
            "resource",
            "<urn:uuid:3>",
            "file:///letter.txt",
            "text/plain",
            b"A letter.",
        ));
        warc.extend(record(
            "metadata",
            "<urn:uuid:4>",
            "http://example.org/a",
            "application/warc-fields",
            b"via: x\r\n",
        ));
        warc.extend(record(
            "revisit",
            "<urn:uuid:5>",
            "http://example.org/a",
            "application/http; msgtype=response",
            b"HTTP/1.1 304 Not Modified\r\n\r\n",
        ));
        let docs = records(&warc);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "<urn:uuid:1>");
        assert_eq!(docs[0].source, "http://example.org/a");
        assert_eq!(docs[0].format, Some(Format::Html));
        assert_eq!(docs[0].bytes, b"<p>Caf\xe9</p>");
        assert_eq!(docs[0].charset.as_deref(), Some("windows-1252"));
        let doc = crate::input::load(docs.into_iter().next().unwrap()).unwrap();
        assert_eq!(doc.raw, "Café");
        let docs = records(&warc);
        assert_eq!(docs[1].id, "<urn:uuid:3>");
        assert_eq!(docs[1].format, Some(Format::Text));
        assert_eq!(docs[1].bytes, b"A letter.");
    }

    #[test]
    fn media_types_and_statuses() {
        let mut warc = Vec::new();
        let cases: &[(&str, &str, &[u8])] = &[
            ("1", "Content-Type: image/png\r\n", b"\x89PNG"),
            ("2", "Content-Type: application/json\r\n", b"{}"),
            ("3", "Content-Type: application/pdf\r\n", b"%PDF-1.4"),
            ("4", "", b"<!doctype html><p>x"),
            (
                "5",
                "Content-Type: application/octet-stream\r\n",
                b"\x00\x01",
            ),
        ];
        for (id, h, body) in cases {
            warc.extend(response(id, "http://x/", h, body));
        }
        let mut redirect =
            b"HTTP/1.1 301 Moved\r\nLocation: /b\r\nContent-Type: text/html\r\n\r\n<a>b</a>"
                .to_vec();
        warc.extend(record(
            "response",
            "6",
            "http://x/",
            "application/http; msgtype=response",
            &redirect,
        ));
        redirect.clear();
        let docs = records(&warc);
        let got: Vec<(&str, Option<Format>)> =
            docs.iter().map(|d| (d.id.as_str(), d.format)).collect();
        assert_eq!(got, [("3", Some(Format::Pdf)), ("4", Some(Format::Html))]);
    }

    #[test]
    fn chunked_and_gzip_payloads() {
        let gz = gzip(b"<p>Unzipped text.</p>");
        let mut chunked = Vec::new();
        for part in gz.chunks(7) {
            chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let warc = response(
            "<urn:uuid:c>",
            "http://x/",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        );
        let docs = records(&warc);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].bytes, b"<p>Unzipped text.</p>");
        // Declared chunked but not chunked: kept as it is.
        let warc = response(
            "<urn:uuid:d>",
            "http://x/",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            b"<p>plain</p>",
        );
        assert_eq!(records(&warc)[0].bytes, b"<p>plain</p>");
        assert_eq!(dechunk(b"3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n"), b"abcde");
        assert_eq!(dechunk(b"3\r\nabc\r\nzz\r\nrest"), b"abczz\r\nrest");
        assert_eq!(dechunk(b"ff\r\nshort"), b"short");
    }

    #[test]
    fn truncated_and_malformed_records_are_errors_and_reading_goes_on() {
        // Bad gzip content: an error record, and the next record is read.
        let mut warc = response(
            "<urn:uuid:bad>",
            "http://x/bad",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gzip(b"<p>cut</p>")[..10],
        );
        warc.extend(response(
            "<urn:uuid:ok>",
            "http://x/ok",
            "Content-Type: text/plain\r\n",
            b"fine",
        ));
        // Garbage between records, then a good record.
        warc.extend_from_slice(b"garbage line\r\nmore\r\n");
        warc.extend(response(
            "<urn:uuid:ok2>",
            "http://x/ok2",
            "Content-Type: text/plain\r\n",
            b"fine too",
        ));
        // A record without Content-Length.
        warc.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nxx\r\n\r\n");
        // A record cut by the end of the file.
        let last = response(
            "<urn:uuid:cut>",
            "http://x/cut",
            "Content-Type: text/plain\r\n",
            b"the end is missing",
        );
        let cut_at = warc.len();
        warc.extend_from_slice(&last[..last.len() - 12]);
        let docs = records(&warc);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), 5, "{ids:?}");
        assert_eq!(ids[0], "<urn:uuid:bad>");
        assert_eq!(ids[1], "<urn:uuid:ok>");
        assert_eq!(ids[2], "<urn:uuid:ok2>");
        assert!(ids[3].starts_with("t:"), "{ids:?}");
        assert_eq!(ids[4], "<urn:uuid:cut>");
        assert!(err(&docs[0]).contains("gzip"), "{}", err(&docs[0]));
        assert!(err(&docs[0]).starts_with("<urn:uuid:bad>: t.warc: record at offset 0:"));
        // Garbage after a record: its Content-Length cannot be trusted.
        assert!(err(&docs[1]).contains("does not end after its Content-Length"));
        assert_eq!(docs[2].bytes, b"fine too");
        assert!(err(&docs[3]).contains("no valid Content-Length"));
        let msg = err(&docs[4]);
        assert!(msg.contains("truncated"), "{msg}");
        assert!(msg.contains(&format!("record at offset {cut_at}")), "{msg}");
        assert_eq!(
            docs[4].error.as_ref().unwrap().offset(),
            Some(cut_at as u64)
        );
        // A version line that is not one.
        let docs = records(b"HTTP/1.1 200 OK\r\n\r\n");
        assert_eq!(docs.len(), 1);
        assert!(err(&docs[0]).contains("expected a WARC/ version line"));
    }

    #[test]
    fn too_large_records_are_skipped_unread() {
        let mut warc = response(
            "<urn:uuid:big>",
            "http://x/big",
            "Content-Type: text/plain\r\n",
            &[b'x'; 5000],
        );
        warc.extend(response(
            "<urn:uuid:small>",
            "http://x/small",
            "Content-Type: text/plain\r\n",
            b"small",
        ));
        let docs = records_limit(&warc, 1000);
        assert_eq!(docs.len(), 2);
        assert!(err(&docs[0]).contains("exceeds the limit"));
        assert_eq!(docs[1].bytes, b"small");
    }

    #[test]
    fn gzip_member_by_member() {
        let a = response("a", "http://x/a", "Content-Type: text/plain\r\n", b"one");
        let b = response("b", "http://x/b", "Content-Type: text/plain\r\n", b"two");
        let c = response("c", "http://x/c", "Content-Type: text/plain\r\n", b"three");
        let mut file = gzip(&a);
        // A member with a wrong checksum, then one with a broken header.
        let mut bad = gzip(&b);
        let n = bad.len();
        bad[n - 8] ^= 0xFF;
        file.extend(bad);
        let mut bad = gzip(&b);
        bad[3] = 0xE0; // reserved flag bits set
        file.extend(bad);
        file.extend(gzip(&c));
        let docs = gz_records(&file);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.first(), Some(&"a"));
        assert_eq!(ids.last(), Some(&"c"));
        assert!(docs.iter().any(|d| d.error.is_some()));
        assert_eq!(docs.last().unwrap().bytes, b"three");
        // Good members: the same as the plain file.
        let mut good = gzip(&a);
        good.extend(gzip(&b));
        let ids: Vec<String> = gz_records(&good).into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn arc_files() {
        let body = b"HTTP/1.0 200 OK\nContent-Type: text/html\n\n<p>arc page</p>";
        let mut arc =
            b"filedesc://x.arc 0.0.0.0 20140216050221 text/plain 9\n1 0 test\n\n".to_vec();
        arc.extend(
            format!(
                "http://example.org/ 1.2.3.4 20140216050221 text/html {}\n",
                body.len()
            )
            .into_bytes(),
        );
        arc.extend_from_slice(body);
        arc.push(b'\n');
        let docs = records(&arc);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].source, "http://example.org/");
        assert_eq!(docs[0].bytes, b"<p>arc page</p>");
        assert!(docs[0].id.starts_with("t:"));
    }

    #[test]
    fn helpers() {
        assert_eq!(
            parse_content_type("Text/HTML; Charset=\"ISO-8859-1\""),
            ("text/html".to_string(), Some("ISO-8859-1".to_string()))
        );
        assert_eq!(parse_content_type(""), (String::new(), None));
        assert_eq!(
            header_end(b"HTTP/1.1 200\r\nA: b\r\n\r\nbody"),
            Some((18, 22))
        );
        assert_eq!(header_end(b"HTTP/1.0 200\nA: b\n\nbody"), Some((17, 19)));
        assert_eq!(header_end(b"HTTP/1.0 200\r\nno end"), None);
        let mut h = Vec::new();
        push_header(&mut h, b"X-Long: one");
        push_header(&mut h, b"\ttwo");
        push_header(&mut h, b"not a header");
        assert_eq!(header(&h, "x-long"), Some("one two"));
        assert_eq!(h.len(), 1);
        assert!(arc_header(b"http://a/ 1.2.3.4 20140216050221 text/html 12").is_some());
        assert!(arc_header(b"<p>not a header</p>").is_none());
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let base = response(
            "<urn:uuid:1>",
            "http://x/",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            b"5\r\nhello\r\n0\r\n\r\n",
        );
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for round in 0..400 {
            let mut bytes = base.clone();
            for _ in 0..(round % 6 + 1) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed % bytes.len() as u64) as usize;
                match seed % 3 {
                    0 => bytes[at] = (seed >> 8) as u8,
                    1 => bytes.truncate(at),
                    _ => bytes.insert(at, b'\n'),
                }
                if bytes.is_empty() {
                    break;
                }
            }
            for doc in records(&bytes) {
                if let Some(e) = doc.error {
                    assert_eq!(e.kind().name(), "warc");
                }
            }
            let _ = gz_records(&bytes);
        }
    }
}
