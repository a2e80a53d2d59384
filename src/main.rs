//! The `factum` command line: parses arguments, builds the pipeline
//! through the library's builders, and maps errors to exit codes
//! (0 done, 1 `--strict` with error records, 2 the run failed). A closed
//! output pipe ends the run quietly.

use std::fs::File;
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use serde::{Deserialize, Serialize};

use factum::clean::{Cleaner, PageCleaner};
use factum::document::{CharIndex, Format};
use factum::eval;
use factum::extract::DateExtractor;
use factum::input::{self, Inputs};
use factum::record::{DocRecord, ErrorRecord, Record};
use factum::segment::{Segmenter, SentenceSegmenter};
use factum::sink::{JsonlSink, RecordSink};
use factum::{Patterns, Pipeline, RawDoc};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "factum",
    version,
    about = "Turn scraped legal correspondence into structured facts."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one factum/1 record per input document.
    Extract(ExtractArgs),
    /// Print the sentences of each input (one per line), or with --jsonl
    /// read {"id","text"} lines and write {"id","sentences"} lines.
    Segment(StageArgs),
    /// Print the clean text of each input, or with --jsonl read
    /// {"id","html"} (or "text") lines and write {"id","text"} lines.
    Clean(StageArgs),
    /// Print the dates of each input, or with --jsonl read
    /// {"id","text","dct"} lines and write {"id","dates"} lines.
    Dates(StageArgs),
    /// Score records against gold files (factum-gold/1): per fact kind
    /// precision, recall and F1, cleaning and attribute figures.
    Eval(EvalArgs),
    /// Print the JSON Schema of the factum/1 record (or, with --gold, of
    /// the factum-gold/1 gold format).
    Schema(SchemaArgs),
}

#[derive(Args)]
struct SchemaArgs {
    /// The schema of gold files (factum-gold/1) instead of records.
    #[arg(long)]
    gold: bool,
}

#[derive(Args)]
struct EvalArgs {
    /// Gold files, or directories of *.gold.json files (repeatable).
    #[arg(long, required = true, value_name = "DIR")]
    gold: Vec<PathBuf>,
    /// Score saved records (factum extract's JSON Lines) instead of running
    /// the pipeline on INPUTs; error records count as missing documents.
    #[arg(long, value_name = "OUT.jsonl", conflicts_with = "inputs")]
    pred: Option<PathBuf>,
    /// Print one JSON object with the reference scorer's keys.
    #[arg(long)]
    json: bool,
    /// Add a breakdown per document.
    #[arg(long)]
    per_doc: bool,
    /// Exit with 1 when a kind's F1 falls below its threshold, e.g.
    /// dates=0.9,quotes=0.8 (kinds: sentences, dates, agencies,
    /// facilities, quotes, holdings, people).
    #[arg(long, value_name = "KIND=X[,KIND=Y]", value_parser = parse_gates)]
    min_f1: Option<Gates>,
    /// Write a self-contained HTML report with every fact highlighted.
    #[arg(long, value_name = "REPORT.html")]
    html: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone)]
struct Gates(Vec<eval::report::Gate>);

fn parse_gates(s: &str) -> std::result::Result<Gates, String> {
    eval::report::parse_gates(s).map(Gates)
}

#[derive(Args)]
struct Common {
    /// Files, directories (walked) or - for stdin; none reads stdin.
    inputs: Vec<PathBuf>,
    /// Force the input format instead of detecting it.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// Replace built-in pattern files with those in DIR.
    #[arg(long, value_name = "DIR")]
    patterns: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Documents larger than this become error records (bytes).
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    max_doc_bytes: u64,
}

#[derive(Args)]
struct ExtractArgs {
    #[command(flatten)]
    common: Common,
    /// Write records to OUT instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Output format: JSON Lines, or a SQLite database (needs -o).
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "sqlite"])]
    to: String,
    /// Exit with 1 when any document became an error record.
    #[arg(long)]
    strict: bool,
    /// No summary line on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct StageArgs {
    #[command(flatten)]
    common: Common,
    /// JSON Lines in and out (the scorers' batch protocol).
    #[arg(long)]
    jsonl: bool,
}

fn parse_format(s: &str) -> std::result::Result<Format, String> {
    Format::from_name(s)
        .ok_or_else(|| format!("unknown format {s:?} (text, html, markdown, pdf, warc, jsonl)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("factum: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Segment(args) => segment(args),
        Command::Clean(args) => clean(args),
        Command::Dates(args) => dates(args),
        Command::Eval(args) => evaluate(args),
        Command::Schema(args) => {
            let mut out = io::stdout().lock();
            let schema = if args.gold {
                eval::gold::JSON_SCHEMA
            } else {
                factum::record::JSON_SCHEMA
            };
            out.write_all(schema.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `--threads N`: the one knob for all parallelism (rayon's global pool).
fn init_threads(common: &Common) -> Result<()> {
    if let Some(n) = common.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start threads")?;
    }
    Ok(())
}

fn setup(common: &Common) -> Result<Pipeline> {
    init_threads(common)?;
    let mut b = Pipeline::builder();
    if let Some(dir) = &common.patterns {
        b.patterns_dir(dir);
    }
    b.build().context("cannot build the pipeline")
}

fn patterns(common: &Common) -> Result<Patterns> {
    Ok(match &common.patterns {
        Some(dir) => Patterns::with_dir(dir)?,
        None => Patterns::builtin(),
    })
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let pipeline = setup(&args.common)?;
    let mut sink: Box<dyn RecordSink> = match (args.to.as_str(), &args.output) {
        ("sqlite", Some(path)) => sqlite_sink(path)?,
        ("sqlite", None) => anyhow::bail!("--to sqlite needs -o FILE"),
        (_, Some(path)) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            Box::new(JsonlSink::new(BufWriter::with_capacity(1 << 16, file)))
        }
        (_, None) => Box::new(JsonlSink::new(BufWriter::with_capacity(
            1 << 16,
            io::stdout().lock(),
        ))),
    };
    let inputs = Inputs::new(
        &args.common.inputs,
        args.common.format,
        args.common.max_doc_bytes,
    );
    let start = std::time::Instant::now();
    let summary = if !args.quiet && io::stderr().is_terminal() {
        let mut sink = ProgressSink::new(sink, total_size(&args.common.inputs));
        let summary = pipeline.run(inputs, &mut sink)?;
        sink.bar.finish_and_clear();
        summary
    } else {
        pipeline.run(inputs, &mut *sink)?
    };
    if !args.quiet && (args.output.is_some() || io::stderr().is_terminal()) {
        let secs = start.elapsed().as_secs_f64();
        let mb = summary.bytes as f64 / 1e6;
        eprintln!(
            "factum: {} documents, {} errors, {:.1} MB in {:.2} s ({:.1} MB/s)",
            summary.documents,
            summary.errors,
            mb,
            secs,
            mb / secs.max(1e-9)
        );
    }
    Ok(if args.strict && summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Total size of the named inputs, when all are files or directories.
fn total_size(paths: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    for p in paths {
        if p.as_os_str() == "-" {
            return None;
        }
        for entry in walkdir::WalkDir::new(p).into_iter().filter_map(|e| e.ok()) {
            if entry.file_type().is_file() {
                total += entry.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    (!paths.is_empty()).then_some(total)
}

/// Shows documents/s, MB/s, errors and (when the input size is known) an
/// ETA on stderr while passing records on to the real sink.
struct ProgressSink {
    inner: Box<dyn RecordSink>,
    bar: indicatif::ProgressBar,
    errors: u64,
    docs: u64,
    start: std::time::Instant,
}

impl ProgressSink {
    fn new(inner: Box<dyn RecordSink>, total: Option<u64>) -> ProgressSink {
        let bar = match total {
            Some(n) => indicatif::ProgressBar::new(n).with_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ETA {eta}",
                )
                .expect("valid template"),
            ),
            None => indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {bytes} {binary_bytes_per_sec} {msg}",
                )
                .expect("valid template"),
            ),
        };
        ProgressSink {
            inner,
            bar,
            errors: 0,
            docs: 0,
            start: std::time::Instant::now(),
        }
    }
}

impl RecordSink for ProgressSink {
    fn write(&mut self, record: &factum::Record) -> factum::Result<()> {
        self.docs += 1;
        match record {
            factum::Record::Doc(d) => self.bar.inc(d.stats.input_bytes),
            factum::Record::Error(_) => self.errors += 1,
        }
        self.inner.write(record)
    }

    fn flush(&mut self) -> factum::Result<()> {
        let rate = self.docs as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
        self.bar.set_message(format!(
            "{} docs ({rate:.0}/s), {} errors",
            self.docs, self.errors
        ));
        self.inner.flush()
    }

    fn finish(&mut self) -> factum::Result<()> {
        self.inner.finish()
    }
}

#[cfg(feature = "sqlite")]
fn sqlite_sink(path: &std::path::Path) -> Result<Box<dyn RecordSink>> {
    let sink = factum::sink::SqliteSink::create(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    Ok(Box::new(sink))
}

#[cfg(not(feature = "sqlite"))]
fn sqlite_sink(_: &std::path::Path) -> Result<Box<dyn RecordSink>> {
    anyhow::bail!("this build has no SQLite support (build with --features sqlite)")
}

/// A `{"id","text"|"html","dct"}` line of the stage protocols.
#[derive(Deserialize)]
struct StageLine {
    id: serde_json::Value,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    dct: Option<String>,
}

/// Lines of stdin handled as one parallel batch, at most.
const STAGE_BATCH: usize = 256;
/// Bytes of stdin lines handled as one parallel batch, at most (a batch
/// closes after the line that passes this).
const STAGE_BATCH_BYTES: usize = 32 << 20;

/// Run `f` over each JSONL line of stdin, writing its answer as a line,
/// in input order. Lines are read in bounded batches, each spread over
/// the rayon pool (`--threads`).
fn each_line<T: Serialize + Send>(f: impl Fn(StageLine) -> T + Sync) -> Result<()> {
    use rayon::prelude::*;
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut lines = stdin.lines().enumerate();
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(STAGE_BATCH);
    loop {
        batch.clear();
        let mut bytes = 0;
        for (n, line) in lines.by_ref() {
            let line = line.context("cannot read stdin")?;
            if line.trim().is_empty() {
                continue;
            }
            bytes += line.len();
            batch.push((n, line));
            if batch.len() == STAGE_BATCH || bytes > STAGE_BATCH_BYTES {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let answers: Vec<Result<T>> = batch
            .par_iter()
            .map(|(n, line)| {
                let parsed: StageLine =
                    serde_json::from_str(line).with_context(|| format!("stdin line {}", n + 1))?;
                Ok(f(parsed))
            })
            .collect();
        for answer in answers {
            serde_json::to_writer(&mut out, &answer?)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The decoded, not yet cleaned, documents of the inputs.
fn documents(common: &Common) -> impl Iterator<Item = factum::Result<factum::Document>> {
    Inputs::new(&common.inputs, common.format, common.max_doc_bytes).map(input::load)
}

fn segment(args: StageArgs) -> Result<ExitCode> {
    init_threads(&args.common)?;
    // The stage alone: building the whole pipeline would triple start-up.
    let segmenter = SentenceSegmenter::new(&patterns(&args.common)?)?;
    let seg = &segmenter;
    if args.jsonl {
        #[derive(Serialize)]
        struct Out {
            id: serde_json::Value,
            sentences: Vec<String>,
        }
        each_line(|l| {
            let text = l.text.unwrap_or_default();
            let sentences = seg
                .segment(&text)
                .iter()
                .map(|s| s.slice(&text).to_string())
                .collect();
            Out {
                id: l.id,
                sentences,
            }
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for doc in documents(&args.common) {
        let doc = doc?;
        for s in seg.segment(&doc.raw) {
            writeln!(out, "{}", s.slice(&doc.raw).replace(['\n', '\r'], " "))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn clean(args: StageArgs) -> Result<ExitCode> {
    init_threads(&args.common)?;
    let cleaner = PageCleaner::new(&patterns(&args.common)?)?;
    if args.jsonl {
        #[derive(Serialize)]
        struct Out {
            id: serde_json::Value,
            text: String,
        }
        each_line(|l| {
            let (bytes, format) = match (l.html, l.text) {
                (Some(h), _) => (h.into_bytes(), Format::Html),
                (None, t) => (t.unwrap_or_default().into_bytes(), Format::Text),
            };
            let id = match &l.id {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let mut raw = RawDoc::new(id, "stdin", bytes);
            raw.format = Some(format);
            let text = match input::load(raw) {
                Ok(mut doc) => {
                    cleaner.clean(&mut doc);
                    doc.text
                }
                Err(_) => String::new(),
            };
            Out { id: l.id, text }
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for doc in documents(&args.common) {
        let mut doc = doc?;
        cleaner.clean(&mut doc);
        writeln!(out, "{}", doc.text)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn dates(args: StageArgs) -> Result<ExitCode> {
    init_threads(&args.common)?;
    let finder = DateExtractor::new(&patterns(&args.common)?)?;
    #[derive(Serialize)]
    struct OutDate {
        start: usize,
        end: usize,
        value: String,
        text: String,
    }
    let convert = |text: &str, dct: Option<&str>| -> Vec<OutDate> {
        let idx = CharIndex::new(text);
        finder
            .find(text, dct)
            .into_iter()
            .map(|d| OutDate {
                start: idx.char_at(d.start),
                end: idx.char_at(d.end),
                value: d.value,
                text: d.text,
            })
            .collect()
    };
    if args.jsonl {
        #[derive(Serialize)]
        struct Out {
            id: serde_json::Value,
            dates: Vec<OutDate>,
        }
        each_line(|l| {
            let text = l.text.unwrap_or_default();
            Out {
                id: l.id,
                dates: convert(&text, l.dct.as_deref()),
            }
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for doc in documents(&args.common) {
        let doc = doc?;
        for d in convert(&doc.raw, doc.published.as_deref()) {
            writeln!(out, "{}\t{}\t{}\t{}", doc.id, d.start, d.value, d.text)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Keeps every record in memory, in input order.
#[derive(Default)]
struct Collect(Vec<Record>);

impl RecordSink for Collect {
    fn write(&mut self, record: &Record) -> factum::Result<()> {
        self.0.push(record.clone());
        Ok(())
    }
}

/// Parse saved records, one per line, in parallel.
fn read_records(path: &std::path::Path) -> Result<Vec<Record>> {
    use rayon::prelude::*;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read records from {}", path.display()))?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    lines
        .par_iter()
        .map(|&(n, line)| match serde_json::from_str::<DocRecord>(line) {
            Ok(d) => Ok(Record::Doc(Box::new(d))),
            Err(doc_err) => serde_json::from_str::<ErrorRecord>(line)
                .map(Record::Error)
                .map_err(|_| {
                    anyhow::anyhow!(
                        "{} line {}: not a factum/1 record: {doc_err}",
                        path.display(),
                        n + 1
                    )
                }),
        })
        .collect()
}

fn evaluate(args: EvalArgs) -> Result<ExitCode> {
    let golds = eval::gold::load(&args.gold)?;
    let mut removed = Vec::new();
    let records = match &args.pred {
        Some(path) => {
            init_threads(&args.common)?;
            read_records(path)?
        }
        None => {
            if args.common.inputs.is_empty() {
                anyhow::bail!(
                    "give INPUT files or directories to run the pipeline on, or --pred OUT.jsonl"
                );
            }
            let pipeline = setup(&args.common)?;
            let inputs = Inputs::new(
                &args.common.inputs,
                args.common.format,
                args.common.max_doc_bytes,
            );
            if args.html.is_some() {
                // The same stages, keeping what the cleaner removed.
                let (records, gone) = eval::run::run(&pipeline, inputs);
                removed = gone;
                records
            } else {
                let mut sink = Collect::default();
                pipeline.run(inputs, &mut sink)?;
                sink.0
            }
        }
    };
    let result = eval::evaluate(&records, &golds);
    if let Some(path) = &args.html {
        let page = eval::html::render(&result, &golds, &records, &removed);
        std::fs::write(path, page).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            eval::report::to_json(&result, &golds, args.per_doc)
        )?;
    } else {
        out.write_all(eval::report::to_text(&result, &golds, args.per_doc).as_bytes())?;
    }
    out.flush()?;
    if let Some(Gates(gates)) = &args.min_f1 {
        let failed = eval::report::check_gates(&result.total, gates);
        for f in &failed {
            eprintln!("factum: --min-f1: {f}");
        }
        if !failed.is_empty() {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
