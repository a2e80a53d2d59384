//! JSON Lines output: one record per line.
//!
//! Each record is serialised by serde into a buffer kept between
//! records, then handed to the writer in one `write_all`.

use std::io::Write;

use crate::error::{Error, Result};
use crate::record::Record;

use super::RecordSink;

/// Writes each record as one line of JSON.
pub struct JsonlSink<W: Write> {
    out: W,
    /// The line being written, reused from record to record.
    line: Vec<u8>,
}

impl<W: Write> JsonlSink<W> {
    /// A sink writing to `out` (each record is one `write_all`).
    pub fn new(out: W) -> JsonlSink<W> {
        JsonlSink {
            out,
            line: Vec::new(),
        }
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> RecordSink for JsonlSink<W> {
    fn write(&mut self, record: &Record) -> Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, record).map_err(|e| Error::io(None, e.into()))?;
        self.line.push(b'\n');
        self.out
            .write_all(&self.line)
            .map_err(|e| Error::io(None, e))
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(|e| Error::io(None, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_record_as_serde_json_writes_it() {
        let records = [
            Record::error(
                "a".into(),
                "x/a".into(),
                &Error::io(None, std::io::Error::other("no")),
            ),
            Record::error(
                "b\n".into(),
                "x/b".into(),
                &Error::io(None, std::io::Error::other("é")),
            ),
        ];
        let mut sink = JsonlSink::new(Vec::new());
        for r in &records {
            sink.write(r).unwrap();
        }
        sink.finish().unwrap();
        let out = String::from_utf8(sink.into_inner()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        for (line, r) in lines.iter().zip(&records) {
            assert_eq!(*line, serde_json::to_string(r).unwrap());
        }
    }
}
