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
pub fn load(raw: RawDoc) -> Result<Document> {
    if let Some(err) = raw.error {
        return Err(err);
    }
    let format = raw
        .format
        .unwrap_or_else(|| detect(&raw.source, &raw.bytes));
    let mut doc = match format {
        Format::Text => {
            let text = decode::decode(&raw.bytes, None)?;
            Document::new(raw.id, raw.source, Format::Text, text)
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
    Ok(doc)
}

/// Detect the format from the content, then from the extension.
pub fn detect(source: &str, bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    let head_str = String::from_utf8_lossy(head);
    let trimmed = head_str.trim_start_matches('\u{feff}').trim_start();
    let lower = trimmed
        .get(..trimmed.len().min(512))
        .unwrap_or("")
        .to_ascii_lowercase();
    if head.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml") && lower.contains("<html")
    {
        return Format::Html;
    }
    let ext = Path::new(source.trim_end_matches(".gz"))
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        Some("pdf") => Format::Pdf,
        Some("warc" | "arc") => Format::Warc,
        Some("jsonl" | "ndjson") => Format::Jsonl,
        _ if trimmed.starts_with("---\n") || trimmed.starts_with("---\r\n") => Format::Markdown,
        _ if lower.starts_with('<')
            && (lower.contains("<body") || lower.contains("<div") || lower.contains("<p")) =>
        {
            Format::Html
        }
        _ => Format::Text,
    }
}

/// The id of a file: its name without directory and extensions.
pub fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.find('.') {
        Some(0) | None => name,
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

/// The documents of a list of inputs, read lazily, in order.
///
/// Files in a directory are visited in name order. A JSON Lines input
/// (by extension, by `--format jsonl`, or stdin whose first byte is `{`)
/// yields one document per line.
pub struct Inputs {
    pending: std::vec::IntoIter<PathBuf>,
    walk: Option<walkdir::IntoIter>,
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
        match reader.by_ref().take(limit + 1).read_to_end(&mut bytes) {
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
                self.walk = Some(walkdir::WalkDir::new(&path).sort_by_file_name().into_iter());
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
