//! JSON Lines input: one document per line.
//!
//! Accepted shapes: `{"id","text"}`, `{"id","html"}`,
//! `{"id","url","content"}`; `title`, `published`/`dct` and `format`
//! fields are honoured when present. A line that is not such an object
//! becomes an error record in place, so output lines match input lines.

use std::io::BufRead;

use serde::Deserialize;

use crate::document::{Format, RawDoc};
use crate::error::{Error, ErrorKind};

/// Reads documents from JSON Lines, one per non-blank line.
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

impl Iterator for Lines {
    type Item = RawDoc;

    fn next(&mut self) -> Option<RawDoc> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(n) => {
                    if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    if n as u64 > self.max_bytes {
                        let id = format!(
                            "{}:{}",
                            crate::input::stem(std::path::Path::new(&self.source)),
                            self.line_no
                        );
                        let err = Error::new(ErrorKind::TooLarge {
                            size: n as u64,
                            limit: self.max_bytes,
                        });
                        return Some(error_raw(
                            id,
                            format!("{}:{}", self.source, self.line_no),
                            err,
                        ));
                    }
                    let line = std::mem::take(&mut self.buf);
                    let doc = self.parse(&line);
                    self.buf = line;
                    return Some(doc);
                }
                Err(e) => {
                    let id = format!("{}:{}", self.source, self.line_no);
                    let err = Error::io(None, e);
                    // Stop after reporting: the stream is unreadable.
                    self.reader = Box::new(std::io::empty());
                    return Some(error_raw(id.clone(), id, err));
                }
            }
        }
    }
}
