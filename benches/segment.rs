//! Criterion benchmark of the sentence segmenter alone, on the legal SBD
//! slice (`fixtures/sbd/legal_slice.jsonl`: a BVA decision, an intellectual
//! property opinion and a Supreme Court opinion, with gold sentence spans).
//!
//! `cargo bench --bench segment` prints throughput in MB/s of text. Each
//! iteration checks its result against the gold: the sentence count must be
//! within 5% of the gold count, so a broken segmenter cannot look fast.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use factum::segment::{Segmenter, SentenceSegmenter};
use factum::Patterns;

/// One document of the slice: its text and number of gold sentences.
struct Doc {
    text: String,
    gold: usize,
}

fn slice() -> Vec<Doc> {
    #[derive(serde::Deserialize)]
    struct Line {
        text: String,
        spans: Vec<(usize, usize)>,
    }
    include_str!("../fixtures/sbd/legal_slice.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let d: Line = serde_json::from_str(l).expect("legal slice line");
            Doc {
                gold: d.spans.len(),
                text: d.text,
            }
        })
        .collect()
}

/// Whether `n` predicted sentences are within 5% of `gold`.
fn close(n: usize, gold: usize) -> bool {
    n * 100 >= gold * 95 && n * 100 <= gold * 105
}

fn bench(c: &mut Criterion) {
    let docs = slice();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let gold: usize = docs.iter().map(|d| d.gold).sum();
    let seg = SentenceSegmenter::new(&Patterns::builtin()).expect("segmenter");

    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("legal_slice/segment", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| black_box(seg.segment(black_box(&d.text))).len())
                .sum();
            assert!(close(n, gold), "{n} sentences, gold {gold}");
            n
        })
    });
    // With roles, as the pipeline uses it (headings and labels dropped).
    g.bench_function("legal_slice/prose", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| black_box(seg.prose(black_box(&d.text))).len())
                .sum();
            assert!(n > 0 && n <= gold, "{n} prose sentences, gold {gold}");
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
