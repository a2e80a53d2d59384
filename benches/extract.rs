//! Criterion benchmarks of the extractors one by one, of charset decoding
//! and of building the extractor chain, over the committed fixtures
//! (cleaned and segmented once, outside the timings). Each extractor runs
//! on the facts of the extractors before it, as in the pipeline, and each
//! bench asserts the number of facts it finds, so a broken stage cannot
//! look fast.
//!
//! `cargo bench --bench extract` prints MB/s of document text per stage.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use factum::document::RawDoc;
use factum::extract;
use factum::input;
use factum::record::Facts;
use factum::{Document, Patterns, Pipeline, Span};

/// The extractors of the default chain, in order: the fact kinds after
/// `sentences`.
const NAMES: &[&str] = factum::eval::KINDS.split_at(1).1;

fn count(f: &Facts, stage: usize) -> usize {
    [
        f.dates.len(),
        f.agencies.len(),
        f.facilities.len(),
        f.quotes.len(),
        f.holdings.len(),
        f.people.len(),
    ][stage]
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["fixtures/docs", "fixtures/markdown"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}

fn bench(c: &mut Criterion) {
    let files = fixtures();
    let pipeline = Pipeline::builder().build().unwrap();
    let docs: Vec<(Document, Vec<Span>)> = files
        .iter()
        .map(|(src, bytes)| {
            let raw = RawDoc::new(input::stem(src.as_ref()), src.clone(), bytes.clone());
            let mut d = input::load(raw).unwrap();
            pipeline.cleaner().clean(&mut d);
            let s = pipeline.segmenter().segment(&d.text);
            (d, s)
        })
        .collect();
    let text_bytes: u64 = docs.iter().map(|(d, _)| d.text.len() as u64).sum();
    let patterns = Patterns::builtin();
    let chain = extract::default_chain(&patterns).unwrap();

    // The facts before each stage, and what the stage adds.
    let mut before: Vec<Vec<Facts>> = Vec::new();
    let mut found = [0usize; 6];
    let mut facts: Vec<Facts> = docs.iter().map(|_| Facts::default()).collect();
    for (k, ex) in chain.iter().enumerate() {
        before.push(facts.clone());
        for ((d, s), f) in docs.iter().zip(facts.iter_mut()) {
            ex.extract(d, s, f);
            found[k] += count(f, k);
        }
    }
    assert!(found[0] > 0 && found[1] > 0 && found[5] > 0, "{found:?}");

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text_bytes));
    for (k, ex) in chain.iter().enumerate() {
        g.bench_function(NAMES[k], |b| {
            b.iter(|| {
                let mut n = 0;
                for ((d, s), f) in docs.iter().zip(&before[k]) {
                    let mut f = f.clone();
                    ex.extract(d, s, &mut f);
                    n += count(&f, k);
                }
                assert_eq!(n, found[k]);
                black_box(n)
            })
        });
    }
    g.finish();

    // Charset detection on the cp1252 court file.
    let (_, cp1252) = files
        .iter()
        .find(|(p, _)| p.ends_with("jur_bva_a25084404.txt"))
        .unwrap();
    let mut g = c.benchmark_group("input");
    g.throughput(Throughput::Bytes(cp1252.len() as u64));
    g.bench_function("decode-cp1252", |b| {
        b.iter(|| {
            let t = input::decode::decode(cp1252, None).unwrap();
            assert!(t.contains('§') && !t.contains('\u{fffd}'));
            black_box(t)
        })
    });
    g.finish();

    // Building the chain: paid once per run, so it bounds small runs.
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("extractors", |b| {
        b.iter(|| {
            let chain = extract::default_chain(&patterns).unwrap();
            assert_eq!(chain.len(), NAMES.len());
            black_box(chain)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
