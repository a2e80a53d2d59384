//! Running the pipeline for a report that shows what the cleaner removed.
//!
//! A `factum/1` record keeps only the clean text. When `factum eval` runs
//! the pipeline itself, it can do better for the HTML report: [`run`] takes
//! each document through [`Pipeline::process_with`], which, between
//! cleaning and segmenting, lets it read
//! the document's offset map to collect the raw text that did not make it
//! into the clean text, with the clean offset it was removed at. The
//! records are the same as `factum extract` writes.

use rayon::prelude::*;

use crate::document::Document;
use crate::record::Record;
use crate::{Pipeline, RawDoc};

/// Text the cleaner removed: `(byte offset into the clean text, raw text
/// removed there)`, in text order.
pub type Removed = Vec<(usize, String)>;

/// The raw text between the pieces a cleaned document kept. Offsets are
/// checked against the clean text, so a cleaner that edits the text
/// without its map yields nothing rather than wrong places.
pub fn removed(doc: &Document) -> Removed {
    let mut out = Removed::new();
    let mut raw_pos = 0;
    let push = |at: usize, from: usize, to: usize, out: &mut Removed| {
        if let Some(t) = doc.raw.get(from..to) {
            if !t.trim().is_empty() && doc.text.is_char_boundary(at) {
                out.push((at, t.to_string()));
            }
        }
    };
    for p in &doc.map.pieces {
        if p.raw_start > raw_pos {
            push(p.text_start, raw_pos, p.raw_start, &mut out);
        }
        raw_pos = raw_pos.max(p.raw_start + p.len);
    }
    if raw_pos < doc.raw.len() {
        push(doc.text.len(), raw_pos, doc.raw.len(), &mut out);
    }
    out
}

fn process(pipeline: &Pipeline, raw: RawDoc) -> (Record, Removed) {
    let mut gone = Removed::new();
    let record = pipeline.process_with(raw, |doc| gone = removed(doc));
    (record, gone)
}

/// Process every document in parallel batches, in input order, keeping
/// the removed text of each.
pub fn run(
    pipeline: &Pipeline,
    inputs: impl IntoIterator<Item = RawDoc>,
) -> (Vec<Record>, Vec<Removed>) {
    let mut inputs = inputs.into_iter();
    let (mut records, mut gone) = (Vec::new(), Vec::new());
    loop {
        let batch: Vec<RawDoc> = inputs.by_ref().take(256).collect();
        if batch.is_empty() {
            break;
        }
        let done: Vec<(Record, Removed)> = batch
            .into_par_iter()
            .map(|raw| process(pipeline, raw))
            .collect();
        for (r, g) in done {
            records.push(r);
            gone.push(g);
        }
    }
    (records, gone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn removed_text_sits_where_it_was_cut() {
        let raw = "Menu Home\nDear Sir, we write.\nShare this\nYours.\nFooter";
        let mut doc = Document::new("d".into(), "s".into(), Format::Text, raw.into());
        let a = raw.find("Dear").unwrap();
        let b = raw.find("\nShare").unwrap();
        let c = raw.find("Yours").unwrap();
        let d = raw.find("\nFooter").unwrap();
        doc.keep(&[a..b, c..d], "\n");
        assert_eq!(doc.text, "Dear Sir, we write.\nYours.");
        let r = removed(&doc);
        assert_eq!(
            r,
            [
                (0, "Menu Home\n".to_string()),
                (20, "\nShare this\n".to_string()),
                (26, "\nFooter".to_string())
            ]
        );
        // A document kept whole removed nothing.
        let whole = Document::new("d".into(), "s".into(), Format::Text, raw.into());
        assert!(removed(&whole).is_empty());
    }

    #[test]
    fn run_gives_the_records_of_process() {
        let p = Pipeline::builder().build().unwrap();
        let docs = || {
            vec![
                RawDoc::new(
                    "a",
                    "a.txt",
                    b"On May 1, 2020, the court held that X.".to_vec(),
                ),
                RawDoc::new("b", "b.pdf", b"%PDF-1.4".to_vec()),
            ]
        };
        let (recs, gone) = run(&p, docs());
        assert_eq!(gone.len(), 2);
        let want: Vec<String> = docs()
            .into_iter()
            .map(|r| serde_json::to_string(&p.process(r)).unwrap())
            .collect();
        let got: Vec<String> = recs
            .iter()
            .map(|r| serde_json::to_string(r).unwrap())
            .collect();
        assert_eq!(got, want);
        assert!(recs[1].is_error());
    }
}
