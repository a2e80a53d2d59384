//! SQLite output: one table per fact kind, keyed by document id.
//!
//! Tables: `documents` (one row per input document, error records
//! included), `sentences`, `dates`, `agencies`, `agency_mentions`,
//! `facilities`, `quotes`, `holdings`, `people` and `errors`, each with a
//! `doc_id` foreign key to `documents(id)` (`ON DELETE CASCADE`) and
//! indexes on what people join and filter by. Writing a document whose id
//! is already in the database replaces it, so a rerun never duplicates;
//! each batch is one transaction, so an interrupted run leaves whole
//! documents only, and rerunning completes it. The journal is WAL.
//! Offsets are code point offsets, as in the JSON record.

use std::path::Path;

use rusqlite::{params, Connection};

use crate::error::{Error, ErrorKind, Result};
use crate::record::Record;

use super::RecordSink;

const SCHEMA_SQL: &str = r#"
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, format TEXT, title TEXT,
  published TEXT, publisher TEXT, text TEXT,
  input_bytes INTEGER, removed_chars INTEGER, error_kind TEXT
);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE TABLE IF NOT EXISTS sentences (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS dates (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text TEXT NOT NULL, value TEXT NOT NULL, granularity TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence INTEGER NOT NULL,
  citation INTEGER NOT NULL, relative INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dates_doc ON dates(doc_id);
CREATE INDEX IF NOT EXISTS dates_value ON dates(value);
CREATE TABLE IF NOT EXISTS agencies (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, name TEXT NOT NULL, abbreviation TEXT, aliases TEXT NOT NULL, kind TEXT NOT NULL,
  PRIMARY KEY (doc_id, idx)
);
CREATE INDEX IF NOT EXISTS agencies_name ON agencies(name);
CREATE INDEX IF NOT EXISTS agencies_kind ON agencies(kind);
CREATE TABLE IF NOT EXISTS agency_mentions (
  doc_id TEXT NOT NULL, agency_idx INTEGER NOT NULL,
  text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence INTEGER NOT NULL,
  FOREIGN KEY (doc_id, agency_idx) REFERENCES agencies(doc_id, idx) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS agency_mentions_agency ON agency_mentions(doc_id, agency_idx);
CREATE TABLE IF NOT EXISTS facilities (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  name TEXT NOT NULL, location TEXT, kind TEXT NOT NULL, mentions INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS facilities_doc ON facilities(doc_id);
CREATE INDEX IF NOT EXISTS facilities_name ON facilities(name);
CREATE TABLE IF NOT EXISTS quotes (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text TEXT NOT NULL, kind TEXT NOT NULL, speaker TEXT,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS holdings (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text TEXT NOT NULL, tribunal TEXT, date TEXT,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS holdings_doc ON holdings(doc_id);
CREATE INDEX IF NOT EXISTS holdings_tribunal ON holdings(tribunal);
CREATE TABLE IF NOT EXISTS people (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  name TEXT NOT NULL, title TEXT, organization TEXT, role TEXT, address TEXT, mentions INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS people_doc ON people(doc_id);
CREATE INDEX IF NOT EXISTS people_name ON people(name);
CREATE TABLE IF NOT EXISTS errors (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS errors_doc ON errors(doc_id);
"#;

/// Writes records into a SQLite database.
pub struct SqliteSink {
    conn: Connection,
    in_tx: bool,
}

fn db_err(e: rusqlite::Error) -> Error {
    Error::new(ErrorKind::Io {
        path: None,
        source: std::io::Error::other(e),
    })
}

impl SqliteSink {
    /// Open (or create) the database at `path` and its tables.
    pub fn create(path: &Path) -> Result<SqliteSink> {
        let conn = Connection::open(path).map_err(|e| {
            Error::new(ErrorKind::Io {
                path: Some(path.to_path_buf()),
                source: std::io::Error::other(e),
            })
        })?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(db_err)?;
        conn.execute_batch(SCHEMA_SQL).map_err(db_err)?;
        Ok(SqliteSink { conn, in_tx: false })
    }

    /// The connection, for queries after the run.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn begin(&mut self) -> Result<()> {
        if !self.in_tx {
            self.conn.execute_batch("BEGIN").map_err(db_err)?;
            self.in_tx = true;
        }
        Ok(())
    }

    fn insert(&mut self, record: &Record) -> rusqlite::Result<()> {
        let c = &self.conn;
        c.execute("DELETE FROM documents WHERE id = ?1", [record.id()])?;
        let d = match record {
            Record::Error(e) => {
                c.execute(
                    "INSERT INTO documents (id, source, error_kind) VALUES (?1, ?2, ?3)",
                    params![e.id, e.source, e.error.kind],
                )?;
                c.execute(
                    "INSERT INTO errors (doc_id, kind, message) VALUES (?1, ?2, ?3)",
                    params![e.id, e.error.kind, e.error.message],
                )?;
                return Ok(());
            }
            Record::Doc(d) => d,
        };
        c.execute(
            "INSERT INTO documents (id, source, format, title, published, publisher, text, input_bytes, removed_chars)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                d.id,
                d.source,
                d.format,
                d.title,
                d.published,
                d.publisher,
                d.text,
                d.stats.input_bytes as i64,
                d.stats.removed_chars as i64
            ],
        )?;
        let id = &d.id;
        let mut st = c.prepare_cached("INSERT INTO sentences VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, s) in d.sentences.iter().enumerate() {
            st.execute(params![id, i as i64, s.start as i64, s.end as i64, s.text])?;
        }
        let mut st =
            c.prepare_cached("INSERT INTO dates VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
        for x in &d.dates {
            st.execute(params![
                id,
                x.text,
                x.value,
                x.granularity,
                x.start as i64,
                x.end as i64,
                x.sentence as i64,
                x.citation,
                x.relative
            ])?;
        }
        let mut st = c.prepare_cached("INSERT INTO agencies VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        let mut sm =
            c.prepare_cached("INSERT INTO agency_mentions VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        for (i, a) in d.agencies.iter().enumerate() {
            let aliases = serde_json::to_string(&a.aliases).unwrap_or_default();
            let kind = serde_json::to_value(a.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from));
            st.execute(params![id, i as i64, a.name, a.abbreviation, aliases, kind])?;
            for m in &a.mentions {
                sm.execute(params![
                    id,
                    i as i64,
                    m.text,
                    m.start as i64,
                    m.end as i64,
                    m.sentence as i64
                ])?;
            }
        }
        let mut st = c.prepare_cached("INSERT INTO facilities VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for f in &d.facilities {
            st.execute(params![
                id,
                f.name,
                f.location,
                f.kind,
                f.mentions.len() as i64
            ])?;
        }
        let mut st = c.prepare_cached("INSERT INTO quotes VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for q in &d.quotes {
            let kind = serde_json::to_value(q.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from));
            st.execute(params![
                id,
                q.text,
                kind,
                q.speaker,
                q.start as i64,
                q.end as i64,
                q.sentence as i64
            ])?;
        }
        let mut st =
            c.prepare_cached("INSERT INTO holdings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for h in &d.holdings {
            st.execute(params![
                id,
                h.text,
                h.tribunal,
                h.date,
                h.start as i64,
                h.end as i64,
                h.sentence as i64
            ])?;
        }
        let mut st = c.prepare_cached("INSERT INTO people VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for p in &d.people {
            st.execute(params![
                id,
                p.name,
                p.title,
                p.organization,
                p.role,
                p.address,
                p.mentions.len() as i64
            ])?;
        }
        Ok(())
    }
}

impl RecordSink for SqliteSink {
    fn write(&mut self, record: &Record) -> Result<()> {
        self.begin()?;
        self.insert(record)
            .map_err(|e| db_err(e).with_doc(record.id().to_string()))
    }

    fn flush(&mut self) -> Result<()> {
        if self.in_tx {
            self.conn.execute_batch("COMMIT").map_err(db_err)?;
            self.in_tx = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ErrorInfo, ErrorRecord, Facts};

    fn doc(id: &str) -> Record {
        let mut d = crate::Document::new(
            id.into(),
            "mem".into(),
            crate::Format::Text,
            "It was May 1, 2020.".into(),
        );
        d.title = Some("T".into());
        let mut facts = Facts::default();
        facts.dates.push(crate::record::Date {
            text: "May 1, 2020".into(),
            value: "2020-05-01".into(),
            granularity: "day".into(),
            start: 7,
            end: 18,
            sentence: 0,
            citation: false,
            relative: false,
        });
        Record::build(d, &[crate::Span::new(0, 19)], facts)
    }

    fn count(c: &Connection, table: &str) -> i64 {
        c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn rewrite_replaces_by_id() {
        let dir = std::env::temp_dir().join(format!("factum-sqlite-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db");
        let _ = std::fs::remove_file(&path);
        for _ in 0..2 {
            let mut s = SqliteSink::create(&path).unwrap();
            s.write(&doc("a")).unwrap();
            s.write(&doc("b")).unwrap();
            let err = Record::Error(ErrorRecord {
                schema: "factum/1".into(),
                id: "c".into(),
                source: "x".into(),
                error: ErrorInfo {
                    kind: "io".into(),
                    message: "gone".into(),
                },
            });
            s.write(&err).unwrap();
            s.finish().unwrap();
        }
        let s = SqliteSink::create(&path).unwrap();
        let c = s.connection();
        assert_eq!(count(c, "documents"), 3);
        assert_eq!(count(c, "dates"), 2);
        assert_eq!(count(c, "sentences"), 2);
        assert_eq!(count(c, "errors"), 1);
        let v: String = c
            .query_row("SELECT value FROM dates WHERE doc_id = 'a'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(v, "2020-05-01");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
