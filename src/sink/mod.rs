//! Where records go: sibling implementations of one [`RecordSink`] trait.
//!
//! The pipeline pushes records in input order; a sink only writes them.
//! [`JsonlSink`] writes one JSON object per line; `SqliteSink` (feature
//! `sqlite`, on by default) writes tables keyed by document id.

use crate::error::Result;
use crate::record::Record;

pub mod jsonl;
#[cfg(feature = "sqlite")]
pub mod sqlite;

pub use jsonl::JsonlSink;
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteSink;

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
