//! JSON Lines input: one document per line.
//!
//! Accepted shapes: `{"id","text"}`, `{"id","html"}`,
//! `{"id","url","content"}`; `format`, `title`, `published` (or `dct`,
//! `date`) and `publisher` fields are honoured when present, and win over
//! what the page itself declares. A line that is not such an object
//! becomes an error record in place, so output lines match input lines
//! one to one (a blank line too). A line longer than the
//! document size limit is skipped without being held in memory and
//! becomes a `too_large` error record.

use std::io::{self, BufRead};

use serde::Deserialize;

use crate::document::{Format, RawDoc};
use crate::error::{Error, ErrorKind};

/// Reads documents from JSON Lines, one per line.
pub struct Lines {
    reader: Box<dyn BufRead + Send>,
    source: String,
    line_no: u64,
    max_bytes: u64,
    buf: Vec<u8>,
}

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    title: Option<serde_json::Value>,
    #[serde(default)]
    published: Option<serde_json::Value>,
    #[serde(default)]
    dct: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    publisher: Option<serde_json::Value>,
}

/// A non-empty string field (numbers are taken as written: a year).
fn string(v: Option<serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Lines {
    /// Read lines from `reader`; `source` names it in records.
    pub fn new(reader: Box<dyn BufRead + Send>, source: String, max_bytes: u64) -> Lines {
        Lines {
            reader,
            source,
            line_no: 0,
            max_bytes,
            buf: Vec::new(),
        }
    }

    fn parse(&self, line: &[u8]) -> RawDoc {
        let fallback_id = format!(
            "{}:{}",
            crate::input::stem(std::path::Path::new(&self.source)),
            self.line_no
        );
        let parsed: Result<Line, _> = serde_json::from_slice(line);
        match parsed {
            Ok(l) => {
                let id = match l.id {
                    Some(serde_json::Value::String(s)) => s,
                    Some(serde_json::Value::Null) | None => fallback_id,
                    Some(v) => v.to_string(),
                };
                let source = l
                    .url
                    .clone()
                    .unwrap_or_else(|| format!("{}:{}", self.source, self.line_no));
                let forced = l.format.as_deref().and_then(Format::from_name);
                let (body, format) = if let Some(t) = l.text {
                    (t, forced.unwrap_or(Format::Text))
                } else if let Some(h) = l.html {
                    (h, forced.unwrap_or(Format::Html))
                } else if let Some(c) = l.content {
                    let f = forced.unwrap_or_else(|| crate::input::detect(&source, c.as_bytes()));
                    (c, f)
                } else {
                    let err = Error::new(ErrorKind::Jsonl(format!(
                        "line {}: no \"text\", \"html\" or \"content\" field",
                        self.line_no
                    )));
                    return error_raw(id, source, err);
                };
                let mut raw = RawDoc::new(id, source, body.into_bytes());
                raw.format = Some(format);
                raw.title = string(l.title);
                raw.published = string(l.published)
                    .or_else(|| string(l.dct))
                    .or_else(|| string(l.date));
                raw.publisher = string(l.publisher);
                raw
            }
            Err(e) => {
                let err = Error::new(ErrorKind::Jsonl(format!("line {}: {e}", self.line_no)));
                error_raw(
                    fallback_id,
                    format!("{}:{}", self.source, self.line_no),
                    err,
                )
            }
        }
    }
}

fn error_raw(id: String, source: String, err: Error) -> RawDoc {
    let mut raw = RawDoc::new(id.clone(), source, Vec::new());
    raw.error = Some(err.with_doc(id));
    raw
}

/// Read one line (through its `\n`) into `buf`, keeping at most `max`
/// bytes of it: a longer line is consumed but not kept. Returns the bytes
/// consumed (0 at the end) and whether the line was too long.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: u64) -> io::Result<(u64, bool)> {
    let mut total = 0u64;
    let mut over = false;
    loop {
        let avail = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok((total, over));
        }
        let (n, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !over {
            if (buf.len() + n) as u64 > max.saturating_add(1) {
                over = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&avail[..n]);
            }
        }
        reader.consume(n);
        total += n as u64;
        if done {
            return Ok((total, over));
        }
    }
}

impl Iterator for Lines {
    type Item = RawDoc;

    fn next(&mut self) -> Option<RawDoc> {
        self.buf.clear();
        self.line_no += 1;
        let (n, over) = match read_line(&mut *self.reader, &mut self.buf, self.max_bytes) {
            Ok((0, _)) => return None,
            Ok(read) => read,
            Err(e) => {
                let id = format!("{}:{}", self.source, self.line_no);
                let err = Error::io(None, e);
                // Stop after reporting: the stream is unreadable.
                self.reader = Box::new(std::io::empty());
                return Some(error_raw(id.clone(), id, err));
            }
        };
        let id = || {
            format!(
                "{}:{}",
                crate::input::stem(std::path::Path::new(&self.source)),
                self.line_no
            )
        };
        let source = || format!("{}:{}", self.source, self.line_no);
        if !over && self.buf.iter().all(|b| b.is_ascii_whitespace()) {
            // Even a blank line gets its record: output lines match input
            // lines one to one.
            let err = Error::new(ErrorKind::Jsonl(format!(
                "line {}: blank line",
                self.line_no
            )));
            return Some(error_raw(id(), source(), err));
        }
        let len = n - u64::from(self.buf.last() == Some(&b'\n'));
        if over || len > self.max_bytes {
            let err = Error::new(ErrorKind::TooLarge {
                size: n,
                limit: self.max_bytes,
            });
            return Some(error_raw(id(), source(), err));
        }
        let line = std::mem::take(&mut self.buf);
        let doc = self.parse(&line);
        self.buf = line;
        Some(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, max: u64) -> Vec<RawDoc> {
        let reader = Box::new(std::io::Cursor::new(input.as_bytes().to_vec()));
        Lines::new(reader, "dump.jsonl".into(), max).collect()
    }

    #[test]
    fn shapes_and_fields() {
        let docs = lines(
            "{\"id\":\"a\",\"text\":\"Hello.\",\"title\":\"T\",\"dct\":\"2024-01-02\",\"publisher\":\"P\"}\n\
             {\"id\":7,\"html\":\"<p>x</p>\"}\n\
             {\"url\":\"https://example.org/a.md?x=1\",\"content\":\"# Hi\"}\n\
             {\"id\":\"f\",\"content\":\"plain\",\"format\":\"markdown\",\"published\":null}\n",
            1000,
        );
        assert_eq!(docs.len(), 4);
        assert_eq!(docs[0].id, "a");
        assert_eq!(docs[0].format, Some(Format::Text));
        assert_eq!(docs[0].bytes, b"Hello.");
        assert_eq!(docs[0].title.as_deref(), Some("T"));
        assert_eq!(docs[0].published.as_deref(), Some("2024-01-02"));
        assert_eq!(docs[0].publisher.as_deref(), Some("P"));
        assert_eq!(docs[0].source, "dump.jsonl:1");
        assert_eq!(docs[1].id, "7");
        assert_eq!(docs[1].format, Some(Format::Html));
        assert_eq!(docs[2].id, "dump:3", "no id: file stem and line number");
        assert_eq!(docs[2].source, "https://example.org/a.md?x=1");
        assert_eq!(docs[2].format, Some(Format::Markdown));
        assert_eq!(docs[3].format, Some(Format::Markdown));
        assert_eq!(docs[3].published, None);
        assert!(docs.iter().all(|d| d.error.is_none()));
    }

    #[test]
    fn bad_lines_become_error_records_in_place() {
        let docs = lines(
            "{\"id\":\"a\",\"text\":\"ok\"}\n\n   \nnot json\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"ok\"}",
            1000,
        );
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "dump:2", "dump:3", "dump:4", "b", "c"]);
        assert!(docs[0].error.is_none());
        assert!(docs[1]
            .error
            .as_ref()
            .unwrap()
            .to_string()
            .contains("blank line"));
        assert!(docs[2]
            .error
            .as_ref()
            .unwrap()
            .to_string()
            .contains("blank line"));
        let e = docs[3].error.as_ref().unwrap();
        assert_eq!(e.kind().name(), "jsonl");
        assert!(e.to_string().contains("line 4"), "{e}");
        assert_eq!(docs[4].error.as_ref().unwrap().kind().name(), "jsonl");
        assert!(docs[5].error.is_none(), "no final newline is fine");
    }

    #[test]
    fn long_lines_are_too_large_and_skipped() {
        let long = format!("{{\"id\":\"x\",\"text\":\"{}\"}}", "a".repeat(5000));
        let input = format!("{long}\n{{\"id\":\"y\",\"text\":\"b\"}}\n{long}");
        let docs = lines(&input, 100);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].error.as_ref().unwrap().kind().name(), "too_large");
        assert_eq!(docs[1].id, "y");
        assert!(docs[1].error.is_none());
        assert_eq!(docs[2].error.as_ref().unwrap().kind().name(), "too_large");
        // Exactly at the limit is allowed.
        let line = "{\"id\":\"z\",\"text\":\"c\"}";
        let docs = lines(&format!("{line}\n"), line.len() as u64);
        assert!(docs[0].error.is_none());
        let docs = lines(line, line.len() as u64 - 1);
        assert!(docs[0].error.is_some());
    }
}
