//! Criterion benchmarks of the whole pipeline and of each stage over the
//! committed fixtures. Each bench asserts on its result (record count,
//! non-empty output), so a broken stage cannot look fast.
//!
//! `cargo bench --bench pipeline` prints throughput in MB/s (criterion's
//! `Throughput::Bytes`).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use factum::document::RawDoc;
use factum::input;
use factum::record::Record;
use factum::Pipeline;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn raw_docs(files: &[(String, Vec<u8>)]) -> Vec<RawDoc> {
    files
        .iter()
        .map(|(src, bytes)| RawDoc::new(input::stem(src.as_ref()), src.clone(), bytes.clone()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let files = fixtures();
    let total: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    let pipeline = Pipeline::builder().build().unwrap();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(total));
    g.bench_function("fixtures/one-thread", |b| {
        b.iter(|| {
            let recs: Vec<Record> = raw_docs(&files)
                .into_iter()
                .map(|r| pipeline.process(r))
                .collect();
            assert_eq!(recs.len(), files.len());
            assert!(recs.iter().all(|r| !r.is_error()));
            black_box(recs)
        })
    });
    g.finish();

    // Stages alone, on the decoded documents.
    let docs: Vec<_> = raw_docs(&files)
        .into_iter()
        .map(|r| input::load(r).unwrap())
        .collect();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(total));
    g.bench_function("load", |b| {
        b.iter(|| {
            let n = raw_docs(&files)
                .into_iter()
                .filter_map(|r| input::load(r).ok())
                .count();
            assert_eq!(n, files.len());
        })
    });
    g.bench_function("clean", |b| {
        b.iter(|| {
            for d in &docs {
                let mut d = d.clone();
                pipeline.cleaner().clean(&mut d);
                assert!(!d.text.is_empty());
                black_box(d);
            }
        })
    });
    let cleaned: Vec<_> = docs
        .iter()
        .map(|d| {
            let mut d = d.clone();
            pipeline.cleaner().clean(&mut d);
            d
        })
        .collect();
    g.bench_function("segment", |b| {
        b.iter(|| {
            let n: usize = cleaned
                .iter()
                .map(|d| pipeline.segmenter().segment(&d.text).len())
                .sum();
            assert!(n > 100);
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
