//! Every record validates against `factum schema`. (`util::records`
//! validates every record it parses; these tests add inputs chosen to
//! reach every record shape, and offset invariants.)

use crate::util::{fixture, records, run, tempdir, write};

#[test]
fn printed_schema_is_the_published_one() {
    let out = run(&["schema"], b"");
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    let file: serde_json::Value =
        serde_json::from_str(include_str!("../schema/factum-1.schema.json")).unwrap();
    assert_eq!(printed, file);
}

#[test]
fn schema_rejects_a_broken_record() {
    let bad = serde_json::json!({"schema": "factum/1", "id": "x", "source": "s", "format": "text",
        "text": "", "sentences": [], "dates": [{"text": "May", "start": 0}], "agencies": [],
        "facilities": [], "quotes": [], "holdings": [], "people": [], "stats": {"input_bytes": 0, "removed_chars": 0}});
    let r = std::panic::catch_unwind(|| crate::util::assert_valid(&bad));
    assert!(r.is_err(), "a date without value validated");
}

#[test]
fn fixture_records_validate() {
    let docs = fixture("docs");
    let out = run(&["extract", docs.to_str().unwrap()], b"");
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
}

#[test]
fn error_and_odd_records_validate() {
    let dir = tempdir("schema");
    write(&dir, "a.pdf", b"%PDF-1.4 broken");
    write(&dir, "b.txt", b"");
    write(&dir, "c.html", b"<html><body><p>Hi \xff\xfe there.</p>");
    write(
        &dir,
        "d.md",
        b"---\ntitle: T\n---\n# Head\n\nText on 1 May 2020.",
    );
    let out = run(
        &["extract", dir.to_str().unwrap(), "does-not-exist.txt"],
        b"",
    );
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    let out = run(
        &["extract", "-"],
        b"{\"id\":\"x\",\"text\":\"The court held that it was so.\"}\nnot json\n",
    );
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn offsets_point_into_text() {
    let docs = fixture("docs");
    let out = run(&["extract", docs.to_str().unwrap()], b"");
    for r in records(&out) {
        let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        let slice = |s: &serde_json::Value| -> String {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert!(
                a <= b && b <= text.len(),
                "span {a}..{b} outside text of {}",
                text.len()
            );
            text[a..b].iter().collect()
        };
        let nsent = r["sentences"].as_array().unwrap().len();
        for s in r["sentences"].as_array().unwrap() {
            assert_eq!(slice(s), s["text"].as_str().unwrap());
        }
        let mut facts: Vec<&serde_json::Value> = vec![];
        for k in ["dates", "quotes", "holdings"] {
            facts.extend(r[k].as_array().unwrap());
        }
        for k in ["agencies", "facilities", "people"] {
            for e in r[k].as_array().unwrap() {
                facts.extend(e["mentions"].as_array().unwrap());
            }
        }
        for f in facts {
            let s = slice(f);
            assert!((f["sentence"].as_u64().unwrap() as usize) < nsent.max(1));
            if f.get("tribunal").is_none() {
                assert_eq!(
                    s,
                    f["text"].as_str().unwrap(),
                    "fact text differs from its span in {}",
                    r["id"]
                );
            }
        }
    }
}
