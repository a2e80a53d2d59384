//! PDF and WARC input end to end (issue 7).
//!
//! - PDFs rendered by `scripts/make_pdfs.py` from a committed document
//!   whose gold we have (a court decision with running headers, footers,
//!   footnotes and hyphenation; the same in two columns) meet sentence and
//!   date floors against that gold, and their text keeps no page
//!   furniture and no broken words.
//! - The WARC built by `scripts/make_warc.py` from the committed text and
//!   HTML documents gives one record per response, with the same text as
//!   the document read from its file; warcio's test files give records or
//!   error records, never a crash.

use std::collections::HashSet;

use crate::util::{fixture, records, run};

/// Letters and digits of a text, lower case, as words.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;
    use factum::eval::{self, Gold};
    use factum::record::Record;

    const ID: &str = "jur_bva_a25084404";

    fn gold() -> Gold {
        let path = fixture(&format!("gold/{ID}.gold.json"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The record of the generated PDF of the decision in `layout`.
    fn record(layout: &str) -> factum::record::DocRecord {
        let pipeline = factum::Pipeline::builder().build().unwrap();
        let path = fixture(&format!("pdf/{layout}/{ID}.pdf"));
        let mut inputs = factum::input::Inputs::new(&[path], None, 1 << 26);
        let raw = inputs.next().expect("one input");
        assert!(inputs.next().is_none());
        match pipeline.process(raw) {
            Record::Doc(d) => {
                crate::util::assert_valid(&serde_json::to_value(&d).unwrap());
                *d
            }
            Record::Error(e) => panic!("the PDF became an error record: {e:?}"),
        }
    }

    fn check(layout: &str, furniture: &[&str]) {
        let rec = record(layout);
        assert_eq!(rec.id, ID);
        let g = gold();
        let s = eval::score(std::slice::from_ref(&rec), std::slice::from_ref(&g));
        assert!(s.missing.is_empty());
        for (kind, min) in [("sentences", 0.95), ("dates", 0.95)] {
            let k = s.kind(kind);
            assert!(
                k.f1() >= min,
                "{layout}: {kind} F1 {:.3} < {min} (tp {} fp {} fn {})",
                k.f1(),
                k.tp,
                k.fp,
                k.fn_
            );
        }
        // Running headers, footers and page numbers are gone.
        for f in furniture {
            assert!(!rec.text.contains(f), "{layout}: {f:?} left in the text");
        }
        // Words are neither split (`th e`) nor glued across a line end
        // (`exam- ple`, `serviceconnected`): nearly every word of the text
        // is a word of the gold sentences (the rest: footnotes, the title).
        let vocab: HashSet<String> = g.sentences.iter().flat_map(|s| words(s)).collect();
        let text_words = words(&rec.text);
        let unknown: Vec<&String> = text_words.iter().filter(|w| !vocab.contains(*w)).collect();
        assert!(
            unknown.len() * 100 <= text_words.len() * 2,
            "{layout}: {} of {} words are not in the gold: {unknown:?}",
            unknown.len(),
            text_words.len()
        );
        assert!(
            rec.text.contains("service-connected disabilities"),
            "{layout}: a hyphenated word lost its hyphen"
        );
        // Footnote markers stay out of sentences; footnotes come after the
        // body, which ends with the gold's last sentence.
        let last = g.sentences.last().unwrap();
        let end = rec
            .text
            .find(last.as_str())
            .expect("last gold sentence in the text");
        let tail = &rec.text[end + last.len()..];
        assert!(
            tail.contains("applies") || tail.contains("record") || tail.contains("dispute"),
            "{layout}: no footnote after the body: {tail:?}"
        );
        for sent in &rec.sentences {
            let t = sent.text.trim_end();
            assert!(
                !t.ends_with(|c: char| c.is_ascii_digit()) || !t[..t.len() - 1].ends_with('.'),
                "{layout}: a footnote mark in {t:?}"
            );
        }
    }

    #[test]
    fn decision_pdf_with_headers_footnotes_and_hyphenation() {
        check(
            "decision",
            &["Page 2 of", "Case No.", "District Court Of Appeal"],
        );
    }

    #[test]
    fn two_column_pdf_reads_in_column_order() {
        check("twocol", &["LAW REPORTS", "No. 20-6467   3"]);
        // Column order: a sentence that runs from the left column to the
        // right one is whole.
        let rec = record("twocol");
        let g = gold();
        let found = g
            .sentences
            .iter()
            .filter(|s| rec.text.contains(s.as_str()))
            .count();
        assert!(
            found * 100 >= g.sentences.len() * 95,
            "only {found} of {} gold sentences are in the text verbatim",
            g.sentences.len()
        );
    }
}

/// The responses of the WARC made from the committed documents, in order.
const WARC_PAGES: [&str; 7] = [
    "jur_ny_2026nyslipop00028.html",
    "jur_ny_2026nyslipop01932.html",
    "jur_bva_a25084404.txt",
    "000_33f9748ff7c1b5ed.txt",
    "jur_ny_2026nyslipop00028.html",
    "jur_ny_2026nyslipop01932.html",
    "jur_ny_2026nyslipop00028.html",
];

#[cfg(feature = "warc")]
#[test]
fn warc_of_the_documents_gives_their_records() {
    let warc = fixture("warc/factum-docs.warc.gz");
    let out = run(&["extract", "-q", warc.to_str().unwrap()], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    // One record per response: request, metadata, revisit and warcinfo
    // records are skipped.
    assert_eq!(recs.len(), WARC_PAGES.len());
    let ids: HashSet<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), recs.len(), "ids are not distinct");
    for (n, (rec, page)) in recs.iter().zip(WARC_PAGES).enumerate() {
        assert!(rec.get("error").is_none(), "{rec}");
        assert!(rec["id"].as_str().unwrap().starts_with("<urn:uuid:"));
        assert_eq!(rec["source"], format!("https://example.org/{n}/{page}"));
        // The same text as the document read from its file: HTTP headers,
        // chunking, gzip and the windows-1252 charset are undone.
        let direct = run(
            &[
                "extract",
                "-q",
                fixture(&format!("docs/{page}")).to_str().unwrap(),
            ],
            b"",
        );
        let direct = records(&direct);
        assert_eq!(rec["text"], direct[0]["text"], "response {n} ({page})");
        assert!(rec["text"].as_str().unwrap().len() > 500);
        assert_eq!(rec["format"], direct[0]["format"]);
    }
}

#[cfg(feature = "warc")]
#[test]
fn warcio_test_files_give_records_or_error_records() {
    let mut total_errors = 0;
    for e in std::fs::read_dir(fixture("warc")).unwrap() {
        let path = e.unwrap().path();
        let out = run(&["extract", "-q", path.to_str().unwrap()], b"");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {stderr}", path.display());
        assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
        for r in records(&out) {
            match r.get("error") {
                Some(err) => {
                    assert_eq!(err["kind"], "warc", "{r}");
                    total_errors += 1;
                }
                None => assert!(!r["text"].as_str().unwrap().is_empty(), "{r}"),
            }
        }
    }
    // The truncated file gives an error record.
    assert!(total_errors >= 1);
}
