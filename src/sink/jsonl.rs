//! JSON Lines output: one record per line.

use std::io::Write;

use crate::error::{Error, Result};
use crate::record::Record;

use super::RecordSink;

/// Writes each record as one line of JSON.
pub struct JsonlSink<W: Write> {
    out: W,
}

impl<W: Write> JsonlSink<W> {
    /// A sink writing to `out` (buffer it: records are written piecewise).
    pub fn new(out: W) -> JsonlSink<W> {
        JsonlSink { out }
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> RecordSink for JsonlSink<W> {
    fn write(&mut self, record: &Record) -> Result<()> {
        serde_json::to_writer(&mut self.out, record).map_err(|e| Error::io(None, e.into()))?;
        self.out.write_all(b"\n").map_err(|e| Error::io(None, e))
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(|e| Error::io(None, e))
    }
}
