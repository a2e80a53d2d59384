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
documents in parallel, streaming them through a bounded window, and
writes records in input order. A document that cannot be read becomes an error record; the run
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

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{mpsc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub use document::{Document, Format, RawDoc, Span};
pub use error::{Error, ErrorKind, Result};
pub use patterns::Patterns;
pub use record::Record;

use clean::{Cleaner, PageCleaner};
use extract::Extractor;
use record::Facts;
use segment::{Segmenter, SentenceSegmenter};
use sink::RecordSink;

/// Records written between two flushes of the sink, at most.
const DEFAULT_BATCH: usize = 256;

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

    /// Records written between two flushes of the sink at most (default
    /// 256; for SQLite, one transaction); 1 flushes after every record.
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

    /// Process every document of `inputs` with as many workers as the
    /// current rayon pool has threads (`--threads`), writing records to
    /// `sink` in input order. Stops only when the sink fails (its error is
    /// returned). Every input yields exactly one record.
    ///
    /// Documents stream through three kinds of thread:
    ///
    /// - a reader thread numbers the inputs and hands them out through a
    ///   channel, but only inside a *window*: at most
    ///   [`WINDOW_DOCS_PER_THREAD`] documents per thread, and at most
    ///   [`WINDOW_BYTES`] input bytes (a lone document always goes), read
    ///   and not yet written;
    /// - worker threads (scoped threads of their own, not pool tasks, so
    ///   that `run` may be called from inside pool work) take the next
    ///   document, process it and send its record back;
    /// - the calling thread puts records back in input order and writes
    ///   them, moving the window on.
    ///
    /// No worker waits for another's slow document (there is no batch
    /// barrier), and the window keeps memory bounded whatever the
    /// documents' sizes: while one huge document is processed, the others
    /// cannot pile up more than a window of records behind it.
    ///
    /// The sink is flushed every [`PipelineBuilder::batch`] records (one
    /// SQLite transaction) and once a written record is [`FLUSH_AGE`] old,
    /// so a producer on stdin gets each record back soon after it is done
    /// (the contract of `factum extract -`).
    ///
    /// With one thread in the pool the calling thread processes and writes
    /// each document in turn (the reader still reads ahead), flushing
    /// whenever it has caught up with its input, so that `--threads 1`
    /// measures one core.
    pub fn run<I, S>(&self, inputs: I, sink: &mut S) -> Result<Summary>
    where
        I: IntoIterator<Item = RawDoc>,
        I::IntoIter: Send,
        S: RecordSink + ?Sized,
    {
        let threads = rayon::current_num_threads();
        self.run_in(
            Window::new(threads * WINDOW_DOCS_PER_THREAD, WINDOW_BYTES),
            inputs,
            sink,
        )
    }

    fn run_in<I, S>(&self, window: Window, inputs: I, sink: &mut S) -> Result<Summary>
    where
        I: IntoIterator<Item = RawDoc>,
        I::IntoIter: Send,
        S: RecordSink + ?Sized,
    {
        let inputs = inputs.into_iter();
        let (doc_tx, doc_rx) = mpsc::sync_channel::<(u64, RawDoc)>(window.max_docs as usize);
        let window = &window;
        let workers = rayon::current_num_threads();
        // Shared by the workers; the lock is held while waiting for a document.
        let docs = &Mutex::new(doc_rx);
        std::thread::scope(|threads| {
            let reader = threads.spawn(move || window.feed(inputs, doc_tx));
            // However the writer ends (error, panic), the reader stops; on
            // an early return `rec_rx` below is dropped too before the
            // scope waits for the threads, so workers find a closed
            // channel and end.
            let _stop = StopOnDrop(window);
            let mut out = InOrder::new(sink, window, self.batch);
            if workers == 1 {
                let doc_rx = docs.lock().unwrap_or_else(PoisonError::into_inner);
                while let Some((seq, raw)) = out.next_of(&doc_rx, Duration::ZERO)? {
                    let bytes = raw.input_bytes;
                    out.put(seq, bytes, self.process(raw))?;
                }
            } else {
                // Workers are threads of their own, not tasks of the rayon
                // pool, so that a caller inside pool work cannot starve
                // them (the writer blocks its thread while it waits).
                let (rec_tx, rec_rx) = mpsc::channel::<(u64, u64, Record)>();
                for _ in 0..workers {
                    let rec_tx = rec_tx.clone();
                    threads.spawn(move || loop {
                        let next = docs.lock().unwrap_or_else(PoisonError::into_inner).recv();
                        let Ok((seq, raw)) = next else { break }; // all read
                        let bytes = raw.input_bytes;
                        if rec_tx.send((seq, bytes, self.process(raw))).is_err() {
                            break; // the writer stopped
                        }
                    });
                }
                drop(rec_tx);
                while let Some((seq, bytes, record)) = out.next_of(&rec_rx, WRITER_NAP)? {
                    out.put(seq, bytes, record)?;
                }
            }
            // Every document was read: a panic of the inputs' iterator
            // (which ended the reading early) is the caller's, not a
            // finished run's.
            if let Err(panic) = reader.join() {
                std::panic::resume_unwind(panic);
            }
            out.finish()
        })
    }
}

/// Documents per pool thread that may be read and not yet written: enough
/// for the other threads to go on while one works on a slow document.
pub const WINDOW_DOCS_PER_THREAD: usize = 64;

/// Input bytes that may be read and not yet written (a document larger
/// than this still goes, alone), so that large documents do not pile up.
pub const WINDOW_BYTES: u64 = 32 << 20;

/// How long the writer naps when it has caught up with the workers, so
/// that it wakes once per few records rather than once per record: on a
/// busy machine each wake-up takes a core from a worker (measured: 5%
/// more CPU time, no speed-up on 2 cores, without the nap).
const WRITER_NAP: Duration = Duration::from_millis(1);

/// The longest a written record waits for the sink's flush while more
/// records come (with more than one thread; one thread flushes whenever it
/// has caught up with its input), so a producer on stdin gets its records
/// back soon, however steadily it sends.
const FLUSH_AGE: Duration = Duration::from_millis(10);

/// The documents in flight (read, not yet written), shared by the reader,
/// which waits for room, and the writer, which makes room.
struct Window {
    max_docs: u64,
    max_bytes: u64,
    state: Mutex<InFlight>,
    room: Condvar,
}

#[derive(Default)]
struct InFlight {
    /// Records written so far: the sequence number of the next one.
    written: u64,
    /// Input bytes of the documents read and not yet written.
    bytes: u64,
    /// Set when the writer stopped: the reader gives up.
    stop: bool,
    /// The document (sequence number, bytes) the reader waits to send.
    waiting: Option<(u64, u64)>,
}

impl Window {
    fn new(max_docs: usize, max_bytes: u64) -> Window {
        Window {
            max_docs: max_docs.max(1) as u64,
            max_bytes,
            state: Mutex::default(),
            room: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, InFlight> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether document `seq` of `bytes` fits in `1/share` of the window
    /// (a document alone always fits).
    fn fits(&self, s: &InFlight, seq: u64, bytes: u64, share: u64) -> bool {
        seq < s.written + (self.max_docs / share).max(1)
            && (s.bytes == 0 || s.bytes + bytes <= self.max_bytes / share)
    }

    /// The reader: number the inputs and send each once it fits.
    fn feed(&self, inputs: impl Iterator<Item = RawDoc>, tx: mpsc::SyncSender<(u64, RawDoc)>) {
        for (seq, raw) in (0u64..).zip(inputs) {
            let bytes = raw.input_bytes;
            let mut s = self.lock();
            if !self.fits(&s, seq, bytes, 1) {
                // Wait until the window is half free, so that the reader
                // wakes once per half window rather than once per record.
                s.waiting = Some((seq, bytes));
                while !s.stop && !self.fits(&s, seq, bytes, 2) {
                    s = self.room.wait(s).unwrap_or_else(PoisonError::into_inner);
                }
                s.waiting = None;
            }
            if s.stop {
                return;
            }
            s.bytes += bytes;
            drop(s);
            // Never blocks for long: the channel holds a window.
            if tx.send((seq, raw)).is_err() {
                return;
            }
        }
    }

    /// The writer wrote a record of `bytes`: wake the reader if it waits
    /// and its document now fits.
    fn advance(&self, bytes: u64) {
        let mut s = self.lock();
        s.written += 1;
        s.bytes -= bytes;
        if let Some((seq, wanted)) = s.waiting {
            if self.fits(&s, seq, wanted, 2) {
                self.room.notify_one();
            }
        }
    }
}

/// Stops the reader when dropped.
struct StopOnDrop<'a>(&'a Window);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.lock().stop = true;
        self.0.room.notify_all();
    }
}

/// The writer: records back in input order, counted and flushed.
struct InOrder<'a, S: ?Sized> {
    sink: &'a mut S,
    window: &'a Window,
    /// `done[i]` holds record `summary.documents + i` (with its input
    /// bytes) once it is processed; at most a window long.
    done: VecDeque<Option<(u64, Record)>>,
    summary: Summary,
    unflushed: usize,
    /// When the oldest record not yet flushed was written.
    since: Option<Instant>,
    flush_every: usize,
}

impl<'a, S: RecordSink + ?Sized> InOrder<'a, S> {
    fn new(sink: &'a mut S, window: &'a Window, flush_every: usize) -> Self {
        InOrder {
            sink,
            window,
            done: VecDeque::new(),
            summary: Summary::default(),
            unflushed: 0,
            since: None,
            flush_every,
        }
    }

    /// The next item of `rx` (`None` once all senders are gone). With no
    /// `nap` (one thread: `rx` brings documents), the sink is flushed
    /// whenever the producer is caught up with. Otherwise (`rx` brings
    /// records), the writer first naps (see [`WRITER_NAP`]), then waits,
    /// flushing once the oldest unflushed record is [`FLUSH_AGE`] old.
    fn next_of<T>(&mut self, rx: &mpsc::Receiver<T>, nap: Duration) -> Result<Option<T>> {
        match rx.try_recv() {
            Ok(item) => return Ok(Some(item)),
            Err(mpsc::TryRecvError::Disconnected) => return Ok(None),
            Err(mpsc::TryRecvError::Empty) => {}
        }
        if nap.is_zero() {
            self.flush()?;
            return Ok(rx.recv().ok());
        }
        std::thread::sleep(nap);
        while let Some(since) = self.since {
            match rx.recv_timeout(FLUSH_AGE.saturating_sub(since.elapsed())) {
                Ok(item) => return Ok(Some(item)),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(None),
                Err(mpsc::RecvTimeoutError::Timeout) => self.flush()?,
            }
        }
        Ok(rx.recv().ok())
    }

    /// Take record `seq`, then write every record now next in order.
    fn put(&mut self, seq: u64, bytes: u64, record: Record) -> Result<()> {
        let i = (seq - self.summary.documents) as usize;
        if self.done.len() <= i {
            self.done.resize_with(i + 1, || None);
        }
        self.done[i] = Some((bytes, record));
        while let Some(slot) = self.done.front_mut() {
            let Some((bytes, record)) = slot.take() else {
                break;
            };
            self.done.pop_front();
            self.summary.documents += 1;
            self.summary.errors += record.is_error() as u64;
            self.summary.bytes += bytes;
            self.sink.write(&record)?;
            drop(record);
            self.window.advance(bytes);
            self.unflushed += 1;
            let since = *self.since.get_or_insert_with(Instant::now);
            if self.unflushed >= self.flush_every || since.elapsed() >= FLUSH_AGE {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// Flush the sink if anything was written since the last flush.
    fn flush(&mut self) -> Result<()> {
        if self.unflushed > 0 {
            self.unflushed = 0;
            self.since = None;
            self.sink.flush()?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Summary> {
        // All senders are gone: every record came and was written.
        debug_assert!(self.done.is_empty());
        self.flush()?;
        self.sink.finish()?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    struct Panicky;

    impl Cleaner for Panicky {
        fn clean(&self, doc: &mut Document) {
            if doc.raw.contains("boom") {
                panic!("cleaner bug");
            }
        }
    }

    fn pipeline_with(cleaner: Box<dyn Cleaner>, batch: usize) -> Pipeline {
        let p = Patterns::builtin();
        Pipeline {
            cleaner,
            segmenter: Box::new(SentenceSegmenter::new(&p).unwrap()),
            extractors: extract::default_chain(&p).unwrap(),
            batch,
        }
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    /// Runs `f` on its own thread: a deadlock fails the test instead of
    /// hanging it.
    fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .expect("the run did not end (deadlock?)")
    }

    #[test]
    fn a_panicking_stage_becomes_an_internal_error_record_and_the_run_goes_on() {
        for threads in [1, 2, 4] {
            let pipeline = pipeline_with(Box::new(Panicky), 2);
            let docs = ["fine.", "boom", "also fine."]
                .map(|t| RawDoc::new(t, "mem", t.as_bytes().to_vec()));
            let mut sink = sink::JsonlSink::new(Vec::new());
            let summary = pool(threads)
                .install(|| pipeline.run(docs, &mut sink))
                .unwrap();
            assert_eq!(
                summary,
                Summary {
                    documents: 3,
                    errors: 1,
                    bytes: 19
                },
                "{threads} threads"
            );
            let out = String::from_utf8(sink.into_inner()).unwrap();
            let lines: Vec<serde_json::Value> = out
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(lines.len(), 3);
            assert_eq!(lines[0]["id"], "fine.");
            assert_eq!(lines[1]["id"], "boom");
            assert_eq!(lines[1]["error"]["kind"], "internal");
            assert!(lines[1]["error"]["message"]
                .as_str()
                .unwrap()
                .contains("cleaner bug"));
            assert_eq!(lines[2]["id"], "also fine.");
        }
    }

    /// Records ids and flushes; fails on the write of record `fail_at`.
    /// With `watch`, checks at each write that the reader stays within
    /// the window: it has pulled at most a window of documents (plus the
    /// one it holds) beyond those written.
    #[derive(Default)]
    struct Ids {
        ids: Vec<String>,
        flushes: usize,
        fail_at: Option<usize>,
        watch: Option<(Arc<AtomicUsize>, usize)>,
    }

    impl RecordSink for Ids {
        fn write(&mut self, record: &Record) -> Result<()> {
            if Some(self.ids.len()) == self.fail_at {
                return Err(Error::new(ErrorKind::Internal("disk full".into())));
            }
            if let Some((pulled, window)) = &self.watch {
                let pulled = pulled.load(Ordering::SeqCst);
                assert!(
                    pulled <= self.ids.len() + window + 1,
                    "{pulled} read, {} written",
                    self.ids.len()
                );
            }
            self.ids.push(record.id().to_string());
            Ok(())
        }
        fn flush(&mut self) -> Result<()> {
            self.flushes += 1;
            Ok(())
        }
    }

    /// Texts of varied sizes: mostly a sentence or two, some long pages.
    fn varied_docs(n: usize) -> Vec<String> {
        let mut rng = crate::testing::Rng::new(0x5eed_0f0d_d5e5);
        let pieces = [
            "On May 3, 2019, the Board held that the appeal fails. ",
            "The Department of Justice replied. ",
            "\"We will not comply,\" the director said. ",
            "It was filed.\n\n",
        ];
        (0..n)
            .map(|i| {
                let count = if i % 23 == 5 { 400 } else { 1 + rng.below(6) };
                format!("doc {i}. {}", rng.text(&pieces, count))
            })
            .collect()
    }

    /// The inputs as documents, counting in `pulled` those read.
    fn counted(
        docs: &[String],
        pulled: &Arc<AtomicUsize>,
    ) -> impl Iterator<Item = RawDoc> + Send + 'static {
        let (docs, pulled) = (docs.to_vec(), pulled.clone());
        docs.into_iter().enumerate().map(move |(i, t)| {
            pulled.fetch_add(1, Ordering::SeqCst);
            RawDoc::new(format!("{i}"), "mem", t.into_bytes())
        })
    }

    #[test]
    fn records_come_out_in_input_order_one_per_input_and_are_written_as_they_come() {
        let docs = varied_docs(300);
        let ids: Vec<String> = (0..docs.len()).map(|i| i.to_string()).collect();
        let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
        for threads in [1, 2, 4] {
            let docs = docs.clone();
            let (summary, sink) = within_a_minute(move || {
                let pipeline = pipeline_with(Box::new(Panicky), 4);
                let pulled = Arc::new(AtomicUsize::new(0));
                // A small window, in documents and in bytes (the long
                // pages are ~14 kB): the reader must wait for the writer.
                let window = Window::new(8, 20_000);
                let mut sink = Ids {
                    watch: Some((pulled.clone(), 8)),
                    ..Ids::default()
                };
                let summary = pool(threads)
                    .install(|| pipeline.run_in(window, counted(&docs, &pulled), &mut sink))
                    .unwrap();
                (summary, sink)
            });
            assert_eq!(
                summary,
                Summary {
                    documents: 300,
                    errors: 0,
                    bytes
                },
                "{threads} threads"
            );
            assert_eq!(sink.ids, ids, "{threads} threads");
            // A flush at least every 4 records, never one without records.
            assert!(
                (75..=300).contains(&sink.flushes),
                "{threads} threads: {}",
                sink.flushes
            );
        }
    }

    #[test]
    fn the_default_window_streams_too() {
        let docs = varied_docs(100);
        for threads in [1, 3] {
            let pipeline = Pipeline::builder().build().unwrap();
            let mut sink = Ids::default();
            let pulled = Arc::new(AtomicUsize::new(0));
            let summary = pool(threads)
                .install(|| pipeline.run(counted(&docs, &pulled), &mut sink))
                .unwrap();
            assert_eq!(summary.documents, 100);
            assert_eq!(
                sink.ids,
                (0..100).map(|i| i.to_string()).collect::<Vec<_>>()
            );
            // Fewer than 256 records: flushed at the end, or when the
            // writer waits, never without a record.
            assert!((1..=100).contains(&sink.flushes), "{}", sink.flushes);
        }
    }

    #[test]
    fn runs_inside_pool_work_do_not_starve_their_workers() {
        use rayon::prelude::*;
        // Every pool thread is busy with a run of its own, waiting for
        // records: the workers must not need a free pool thread.
        let docs = varied_docs(60);
        for threads in [2, 4] {
            let docs = docs.clone();
            let counts = within_a_minute(move || {
                let pipeline = Pipeline::builder().build().unwrap();
                pool(threads).install(|| {
                    (0..threads * 2)
                        .into_par_iter()
                        .map(|_| {
                            let mut sink = Ids::default();
                            let docs = docs.iter().enumerate().map(|(i, t)| {
                                RawDoc::new(i.to_string(), "mem", t.as_bytes().to_vec())
                            });
                            pipeline.run(docs, &mut sink).unwrap();
                            sink.ids.len()
                        })
                        .collect::<Vec<_>>()
                })
            });
            assert_eq!(counts, vec![60; threads * 2], "{threads} threads");
        }
    }

    #[test]
    fn a_panicking_input_iterator_is_the_callers_panic() {
        let pipeline = Pipeline::builder().build().unwrap();
        for threads in [1, 2] {
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let docs = (0..10).map(|i| {
                    assert!(i < 5, "input {i} broke");
                    RawDoc::new(i.to_string(), "mem", b"Some text.".to_vec())
                });
                pool(threads).install(|| pipeline.run(docs, &mut Ids::default()))
            }));
            let panic = run.expect_err("the input's panic goes on");
            let message = panic.downcast_ref::<String>().map_or("", String::as_str);
            assert!(
                message.contains("input 5 broke"),
                "{threads} threads: {message}"
            );
        }
    }

    #[test]
    fn a_failing_sink_stops_the_run_with_its_error_and_nothing_hangs() {
        let docs = varied_docs(400);
        for threads in [1, 2, 4] {
            let docs = docs.clone();
            let (result, sink, pulled) = within_a_minute(move || {
                let pipeline = pipeline_with(Box::new(Panicky), 4);
                let pulled = Arc::new(AtomicUsize::new(0));
                let mut sink = Ids {
                    fail_at: Some(30),
                    ..Ids::default()
                };
                let result = pool(threads).install(|| {
                    pipeline.run_in(
                        Window::new(8, WINDOW_BYTES),
                        counted(&docs, &pulled),
                        &mut sink,
                    )
                });
                (result, sink, pulled.load(Ordering::SeqCst))
            });
            let err = result.unwrap_err();
            assert!(
                err.to_string().contains("disk full"),
                "{threads} threads: {err}"
            );
            assert_eq!(sink.ids.len(), 30, "{threads} threads");
            // The reader stopped at the window, far from the end.
            assert!(pulled <= 30 + 8 + 1, "{threads} threads: {pulled} read");
        }
    }
}
