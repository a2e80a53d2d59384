//! Run the extractors on the clean text and sentences of gold files, so
//! extraction can be measured apart from cleaning and segmentation:
//!
//! ```text
//! cargo run --example gold_facts -- fixtures/gold > /tmp/facts.jsonl
//! python3 score_docs.py --pred /tmp/facts.jsonl --gold fixtures/gold
//! ```
//!
//! The text is the gold `text` when the file has one, else its sentences
//! joined by newlines.

use std::io::Write;

use factum::document::{Document, Format, Span};
use factum::Pipeline;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/gold".into());
    let pipeline = Pipeline::builder().build()?;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut out = std::io::stdout().lock();
    for path in paths
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
    {
        let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
        let id = gold["id"].as_str().unwrap_or_default().to_string();
        let sents: Vec<&str> = gold["sentences"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
            .collect();
        let text = match gold["text"].as_str() {
            Some(t) => t.to_string(),
            None => sents.join("\n"),
        };
        // Locate each gold sentence in the text, in order.
        let mut spans = Vec::new();
        let mut from = 0;
        for s in &sents {
            if let Some(i) = text[from..].find(s) {
                spans.push(Span::new(from + i, from + i + s.len()));
                from += i + s.len();
            }
        }
        let mut doc = Document::new(id, path.display().to_string(), Format::Text, text);
        doc.title = gold["title"].as_str().map(String::from);
        doc.published = gold["published"].as_str().map(String::from);
        doc.publisher = gold["publisher"].as_str().map(String::from);
        let rec = pipeline.extract(doc, &spans);
        serde_json::to_writer(&mut out, &rec)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
