//! Criterion benchmark of the date extractor alone.
//!
//! Input: the committed fixtures, decoded and cleaned once, their texts
//! joined and repeated to about 4 MB. Two paths are measured: the record
//! extractor (`Extractor::extract`, what the pipeline runs) and the TimeML
//! protocol of `factum dates --jsonl` (`DateExtractor::find` with a
//! document creation date, relative expressions resolved). Each iteration
//! asserts the number of dates found (copies × dates of one copy), so a
//! broken extractor cannot look fast.
//!
//! `cargo bench --bench dates` prints throughput in MB/s.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use factum::document::{Document, Format, RawDoc};
use factum::extract::{DateExtractor, Extractor};
use factum::input;
use factum::record::Facts;
use factum::{Patterns, Pipeline};

/// About this many bytes of input.
const TARGET: usize = 4 << 20;

/// The cleaned text of every fixture, joined by blank lines.
fn fixture_text() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let pipeline = Pipeline::builder().build().unwrap();
    let mut text = String::new();
    for p in paths {
        let raw = RawDoc::new(
            input::stem(&p),
            p.display().to_string(),
            std::fs::read(&p).unwrap(),
        );
        let mut doc = input::load(raw).unwrap();
        pipeline.cleaner().clean(&mut doc);
        text.push_str(&doc.text);
        text.push_str("\n\n");
    }
    text
}

fn bench(c: &mut Criterion) {
    let one = fixture_text();
    let copies = TARGET.div_ceil(one.len());
    let big = one.repeat(copies);
    let dates = DateExtractor::new(&Patterns::builtin()).unwrap();

    // Dates of one copy, in each mode; the fixtures hold dozens.
    let dct = Some("2026-01-06");
    let per_find = dates.find(&one, dct).len();
    let doc_of = |t: &str| {
        Document::new(
            "bench".to_string(),
            "bench.txt".to_string(),
            Format::Text,
            t.to_string(),
        )
    };
    let per_extract = {
        let mut f = Facts::default();
        dates.extract(&doc_of(&one), &[], &mut f);
        f.dates.len()
    };
    assert!(per_extract >= 40, "{per_extract} dates in the fixtures");
    assert!(per_find >= per_extract);
    let big_doc = doc_of(&big);

    let mut g = c.benchmark_group("dates");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(20);
    g.bench_function("extract (records)", |b| {
        b.iter(|| {
            let mut f = Facts::default();
            dates.extract(&big_doc, &[], &mut f);
            assert_eq!(f.dates.len(), per_extract * copies);
            black_box(f)
        })
    });
    g.bench_function("find (TimeML, with dct)", |b| {
        b.iter(|| {
            let found = dates.find(&big, dct);
            assert_eq!(found.len(), per_find * copies);
            black_box(found)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
