//! Where records go: sibling implementations of one [`RecordSink`] trait.
//!
//! The pipeline pushes records in input order; a sink only writes them.
//! [`JsonlSink`] writes one JSON object per line.

use crate::error::Result;
use crate::record::Record;

pub mod jsonl;

pub use jsonl::JsonlSink;

/// Receives records, in input order.
pub trait RecordSink {
    /// Write one record.
    fn write(&mut self, record: &Record) -> Result<()>;

    /// Called after each batch: make what was written visible (flush).
    fn flush(&mut self) -> Result<()> {
        Ok(())
    }

    /// Called once at the end.
    fn finish(&mut self) -> Result<()> {
        self.flush()
    }
}
