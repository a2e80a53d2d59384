/*!
factum turns scraped legal correspondence into structured facts.

A document flows through fixed stages, each a module with one small trait:

```text
Inputs ─► RawDoc ─► input::load ─► Cleaner ─► Segmenter ─► Extractors ─► Record ─► RecordSink
(files,    bytes     charset,       boiler-    sentences    dates, agencies,        JSONL
 dirs, -)            HTML/MD text   plate out               facilities, quotes,
                                                            holdings, people
```

- [`input`]: [`input::Inputs`] yields [`RawDoc`]s lazily; [`input::load`]
  decodes one into a [`Document`].
- [`clean`]: a [`clean::Cleaner`] keeps the author's text.
- [`segment`]: a [`segment::Segmenter`] splits it into sentences.
- [`extract`]: [`extract::Extractor`]s append [`record::Facts`], in order.
- [`record`]: the `factum/1` record, with code point offsets.
- [`sink`]: a [`sink::RecordSink`] writes records.

[`Pipeline`] holds one of each stage, built once from the pattern files
([`patterns`]) and shared by all threads; [`Pipeline::run`] processes
documents in parallel in bounded batches and writes records in input
order. A document that cannot be read becomes an error record; the run
goes on.

```
let pipeline = factum::Pipeline::builder().build().unwrap();
let raw = factum::RawDoc::new("d1", "memory", b"In August 2005, the Board held that X.".to_vec());
let record = pipeline.process(raw);
assert_eq!(record.id(), "d1");
```
*/
#![warn(missing_docs)]

pub mod clean;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod input;
pub mod patterns;
pub mod record;
pub mod segment;
pub mod sink;
#[cfg(test)]
mod testing;

use std::path::PathBuf;

use rayon::prelude::*;

pub use document::{Document, Format, RawDoc, Span};
pub use error::{Error, ErrorKind, Result};
pub use patterns::Patterns;
pub use record::Record;

use clean::{Cleaner, PageCleaner};
use extract::Extractor;
use record::Facts;
use segment::{Segmenter, SentenceSegmenter};
use sink::RecordSink;

/// Documents per parallel batch: large enough to keep all threads busy,
/// small enough to bound memory.
const DEFAULT_BATCH: usize = 256;

/// Input bytes after which a batch is closed, whatever its length, so that
/// a few large documents do not pile up in memory.
pub const BATCH_BYTES: u64 = 32 << 20;

/// The stages, built once and shared by all worker threads.
pub struct Pipeline {
    cleaner: Box<dyn Cleaner>,
    segmenter: Box<dyn Segmenter>,
    extractors: Vec<Box<dyn Extractor>>,
    batch: usize,
}

/// Configures and builds a [`Pipeline`].
#[derive(Debug, Default)]
pub struct PipelineBuilder {
    patterns_dir: Option<PathBuf>,
    batch: Option<usize>,
}

impl PipelineBuilder {
    /// Replace built-in pattern files with those found in `dir`.
    pub fn patterns_dir(&mut self, dir: impl Into<PathBuf>) -> &mut PipelineBuilder {
        self.patterns_dir = Some(dir.into());
        self
    }

    /// Documents per parallel batch (default 256; 1 streams record by record).
    pub fn batch(&mut self, n: usize) -> &mut PipelineBuilder {
        self.batch = Some(n.max(1));
        self
    }

    /// Compile every stage's patterns.
    pub fn build(&self) -> Result<Pipeline> {
        let patterns = match &self.patterns_dir {
            Some(dir) => Patterns::with_dir(dir)?,
            None => Patterns::builtin(),
        };
        Ok(Pipeline {
            cleaner: Box::new(PageCleaner::new(&patterns)?),
            segmenter: Box::new(SentenceSegmenter::new(&patterns)?),
            extractors: extract::default_chain(&patterns)?,
            batch: self.batch.unwrap_or(DEFAULT_BATCH),
        })
    }
}

/// Counts of a finished run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written.
    pub documents: u64,
    /// Of which error records.
    pub errors: u64,
    /// Input bytes read.
    pub bytes: u64,
}

impl Pipeline {
    /// A builder with the defaults: built-in patterns.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Take one document through every stage. Never fails: a document that
    /// cannot be read becomes an error record.
    pub fn process(&self, raw: RawDoc) -> Record {
        self.process_with(raw, |_| {})
    }

    /// [`Pipeline::process`], calling `after_clean` with the cleaned
    /// document before it is segmented (`factum eval` reads what the
    /// cleaner removed this way).
    ///
    /// A bug in a stage must not lose the document or stop the run: a
    /// panic becomes an `internal` error record naming the document.
    pub fn process_with(&self, raw: RawDoc, after_clean: impl FnOnce(&Document)) -> Record {
        let (id, source) = (raw.id.clone(), raw.source.clone());
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            input::load(raw).map(|doc| self.clean_and_extract(doc, after_clean))
        }));
        let err = match result {
            Ok(Ok(record)) => return record,
            Ok(Err(err)) => err,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                Error::new(ErrorKind::Internal(what))
            }
        };
        let err = if err.doc().is_some() {
            err
        } else {
            err.with_doc(id.clone())
        };
        Record::error(id, source, &err)
    }

    /// Clean, segment and extract an already decoded document.
    pub fn process_document(&self, doc: Document) -> Record {
        self.clean_and_extract(doc, |_| {})
    }

    fn clean_and_extract(&self, mut doc: Document, after_clean: impl FnOnce(&Document)) -> Record {
        self.cleaner.clean(&mut doc);
        after_clean(&doc);
        let sentences = self.segmenter.prose(&doc.text);
        self.extract(doc, &sentences)
    }

    /// Run the extractors alone on a clean document with known sentences
    /// (for measuring extraction apart from cleaning and segmentation).
    pub fn extract(&self, doc: Document, sentences: &[Span]) -> Record {
        let mut facts = Facts::default();
        for ex in &self.extractors {
            ex.extract(&doc, sentences, &mut facts);
        }
        Record::build(doc, sentences, facts)
    }

    /// The cleaner stage alone.
    pub fn cleaner(&self) -> &dyn Cleaner {
        &*self.cleaner
    }

    /// The segmenter stage alone.
    pub fn segmenter(&self) -> &dyn Segmenter {
        &*self.segmenter
    }

    /// Process every document of `inputs` in parallel batches on the
    /// current rayon pool, writing records to `sink` in input order. Stops
    /// only when the sink fails.
    ///
    /// A reader thread pulls documents from `inputs` into a bounded
    /// channel while the current batch is processed, so reading overlaps
    /// work and memory stays bounded (at most three batches in flight:
    /// one being read, one processed, one written). A batch takes what is
    /// already read, up to the batch size or [`BATCH_BYTES`], and never
    /// waits for more input once it has one document: a slow producer on
    /// stdin gets each record back as soon as it is done (the contract of
    /// `factum extract -`).
    ///
    /// With more than one thread in the pool, the records of one batch
    /// are written (serialised, inserted) on the calling thread while the
    /// pool processes the next batch, so the pool never waits for the sink.
    /// With one thread everything runs in turn, so that `--threads 1`
    /// measures one core.
    pub fn run<I, S>(&self, inputs: I, sink: &mut S) -> Result<Summary>
    where
        I: IntoIterator<Item = RawDoc>,
        I::IntoIter: Send,
        S: RecordSink + ?Sized,
    {
        use std::sync::mpsc::TryRecvError;

        let inputs = inputs.into_iter();
        let overlap = rayon::current_num_threads() > 1;
        let (tx, rx) = std::sync::mpsc::sync_channel::<RawDoc>(self.batch);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for raw in inputs {
                    if tx.send(raw).is_err() {
                        break; // the writer stopped (sink error)
                    }
                }
            });
            // Owned here, so that it is dropped (and the reader unblocked)
            // when this closure returns early on a sink error.
            let rx = rx;
            let mut summary = Summary::default();
            // Records processed but not yet written.
            let mut pending: Vec<Record> = Vec::new();
            loop {
                let first = match rx.try_recv() {
                    Ok(raw) => raw,
                    Err(TryRecvError::Disconnected) => break,
                    Err(TryRecvError::Empty) => {
                        // Nothing to overlap with: write what is done
                        // before waiting for input.
                        write_records(sink, &mut pending, &mut summary)?;
                        match rx.recv() {
                            Ok(raw) => raw,
                            Err(_) => break,
                        }
                    }
                };
                let mut bytes = first.input_bytes;
                let mut batch = Vec::with_capacity(self.batch);
                batch.push(first);
                while batch.len() < self.batch && bytes < BATCH_BYTES {
                    match rx.try_recv() {
                        Ok(raw) => {
                            bytes += raw.input_bytes;
                            batch.push(raw);
                        }
                        Err(_) => break,
                    }
                }
                summary.bytes += bytes;
                let process = move || -> Vec<Record> {
                    batch.into_par_iter().map(|raw| self.process(raw)).collect()
                };
                pending = if overlap {
                    // The batch goes to the current pool (the caller's, under
                    // `ThreadPool::install`) while this thread writes.
                    let mut done = Vec::new();
                    let written = rayon::in_place_scope(|s| {
                        s.spawn(|_| done = process());
                        write_records(sink, &mut pending, &mut summary)
                    });
                    written?;
                    done
                } else {
                    write_records(sink, &mut pending, &mut summary)?;
                    process()
                };
            }
            write_records(sink, &mut pending, &mut summary)?;
            sink.finish()?;
            Ok(summary)
        })
    }
}

/// Write and flush `records` (emptying it), counting them in `summary`.
fn write_records<S: RecordSink + ?Sized>(
    sink: &mut S,
    records: &mut Vec<Record>,
    summary: &mut Summary,
) -> Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    for rec in records.drain(..) {
        summary.documents += 1;
        summary.errors += rec.is_error() as u64;
        sink.write(&rec)?;
    }
    sink.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Panicky;

    impl Cleaner for Panicky {
        fn clean(&self, doc: &mut Document) {
            if doc.raw.contains("boom") {
                panic!("cleaner bug");
            }
        }
    }

    #[test]
    fn a_panicking_stage_becomes_an_internal_error_record_and_the_run_goes_on() {
        let p = Patterns::builtin();
        let pipeline = Pipeline {
            cleaner: Box::new(Panicky),
            segmenter: Box::new(SentenceSegmenter::new(&p).unwrap()),
            extractors: extract::default_chain(&p).unwrap(),
            batch: 2,
        };
        let docs =
            ["fine.", "boom", "also fine."].map(|t| RawDoc::new(t, "mem", t.as_bytes().to_vec()));
        let mut sink = sink::JsonlSink::new(Vec::new());
        let summary = pipeline.run(docs, &mut sink).unwrap();
        assert_eq!(
            summary,
            Summary {
                documents: 3,
                errors: 1,
                bytes: 19
            }
        );
        let out = String::from_utf8(sink.into_inner()).unwrap();
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[1]["id"], "boom");
        assert_eq!(lines[1]["error"]["kind"], "internal");
        assert!(lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cleaner bug"));
        assert_eq!(lines[2]["id"], "also fine.");
    }

    /// Counts flushes, to see batches written one by one.
    struct Ids(Vec<String>, usize);

    impl RecordSink for Ids {
        fn write(&mut self, record: &Record) -> Result<()> {
            self.0.push(record.id().to_string());
            Ok(())
        }
        fn flush(&mut self) -> Result<()> {
            self.1 += 1;
            Ok(())
        }
    }

    #[test]
    fn records_come_out_in_input_order_whether_batches_overlap_the_writer_or_not() {
        let docs: Vec<String> = (0..50).map(|i| format!("doc {i}. It was filed.")).collect();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut pipeline = Pipeline::builder().build().unwrap();
            pipeline.batch = 4;
            let mut sink = Ids(Vec::new(), 0);
            let raws = docs
                .iter()
                .map(|t| RawDoc::new(t.clone(), "mem", t.as_bytes().to_vec()));
            let summary = pool.install(|| pipeline.run(raws, &mut sink)).unwrap();
            assert_eq!(summary.documents, 50, "{threads} threads");
            assert_eq!(sink.0, docs, "{threads} threads");
            // At least one flush per batch of 4 (13 batches), never one
            // without records.
            assert!((13..=50).contains(&sink.1), "{threads} threads: {}", sink.1);
        }
    }
}
