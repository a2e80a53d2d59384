//! SQLite output: row counts equal the JSON Lines' fact counts, and a
//! rerun replaces documents instead of duplicating them.
#![cfg(feature = "sqlite")]

use crate::util::{fixture, records, run, tempdir};

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn sqlite_rows_match_jsonl_facts_and_reruns_replace() {
    let dir = tempdir("sqlite");
    let db = dir.join("out.db");
    let docs = fixture("docs");
    let missing = dir.join("missing.txt");
    let args = ["extract", docs.to_str().unwrap(), missing.to_str().unwrap()];
    let recs = records(&run(&args, b""));
    assert_eq!(recs.len(), 6);
    for _ in 0..2 {
        let out = run(
            &[
                &args[..],
                &["--to", "sqlite", "-o", db.to_str().unwrap(), "--quiet"],
            ]
            .concat(),
            b"",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let sum = |k: &str| {
        recs.iter()
            .map(|r| r[k].as_array().map_or(0, |a| a.len()) as i64)
            .sum::<i64>()
    };
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), 6);
    assert_eq!(count(&db, "SELECT count(*) FROM errors"), 1);
    for table in [
        "sentences",
        "dates",
        "agencies",
        "facilities",
        "quotes",
        "holdings",
        "people",
    ] {
        assert_eq!(
            count(&db, &format!("SELECT count(*) FROM {table}")),
            sum(table),
            "{table}"
        );
    }
    let mentions: i64 = recs
        .iter()
        .flat_map(|r| r["agencies"].as_array().cloned().unwrap_or_default())
        .map(|a| a["mentions"].as_array().unwrap().len() as i64)
        .sum();
    assert_eq!(count(&db, "SELECT count(*) FROM agency_mentions"), mentions);
}
