//! The output record, schema `factum/1`, as serde types.
//!
//! The fact types here are also what the extractors fill in, with
//! **byte** offsets into the clean text; [`Record::build`] converts every
//! offset into Unicode code point offsets (Python `str` indexing) once, at
//! the end. Optional fields are left out of the JSON when empty, so the
//! records stay small; `factum schema` prints the JSON Schema
//! (`schema/factum-1.schema.json`), which the tests validate records
//! against.

use serde::{Deserialize, Serialize};

use crate::document::{CharIndex, Document, Span};

/// The schema name every record carries.
pub const SCHEMA: &str = "factum/1";

/// The JSON Schema of a record, versioned with [`SCHEMA`].
pub const JSON_SCHEMA: &str = include_str!("../schema/factum-1.schema.json");

/// One output line: a document's facts, or the error that stopped it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    /// A document that could be read.
    Doc(Box<DocRecord>),
    /// A document that could not be read.
    Error(ErrorRecord),
}

impl Record {
    /// The document id.
    pub fn id(&self) -> &str {
        match self {
            Record::Doc(d) => &d.id,
            Record::Error(e) => &e.id,
        }
    }

    /// Whether this is an error record.
    pub fn is_error(&self) -> bool {
        matches!(self, Record::Error(_))
    }

    /// Assemble the record of a cleaned, segmented document and its facts,
    /// converting byte offsets into code point offsets.
    pub fn build(doc: Document, sentences: &[Span], facts: Facts) -> Record {
        let idx = CharIndex::new(&doc.text);
        let c = |b: usize| idx.char_at(b);
        let sentences = sentences
            .iter()
            .map(|s| Sentence {
                start: c(s.start),
                end: c(s.end),
                text: s.slice(&doc.text).to_string(),
            })
            .collect();
        let mut f = facts;
        for d in &mut f.dates {
            (d.start, d.end) = (c(d.start), c(d.end));
        }
        for m in f.agencies.iter_mut().flat_map(|a| a.mentions.iter_mut()) {
            (m.start, m.end) = (c(m.start), c(m.end));
        }
        for m in f.facilities.iter_mut().flat_map(|a| a.mentions.iter_mut()) {
            (m.start, m.end) = (c(m.start), c(m.end));
        }
        for m in f.people.iter_mut().flat_map(|a| a.mentions.iter_mut()) {
            (m.start, m.end) = (c(m.start), c(m.end));
        }
        for q in &mut f.quotes {
            (q.start, q.end) = (c(q.start), c(q.end));
        }
        for h in &mut f.holdings {
            (h.start, h.end) = (c(h.start), c(h.end));
        }
        let removed_chars = doc.removed_chars() as u64;
        Record::Doc(Box::new(DocRecord {
            schema: SCHEMA.to_string(),
            id: doc.id,
            source: doc.source,
            format: doc.format.name().to_string(),
            title: doc.title,
            published: doc.published,
            publisher: doc.publisher,
            text: doc.text,
            sentences,
            dates: f.dates,
            agencies: f.agencies,
            facilities: f.facilities,
            quotes: f.quotes,
            holdings: f.holdings,
            people: f.people,
            stats: Stats {
                input_bytes: doc.input_bytes,
                removed_chars,
            },
        }))
    }

    /// The error record of a document that could not be read.
    pub fn error(id: String, source: String, err: &crate::Error) -> Record {
        Record::Error(ErrorRecord {
            schema: SCHEMA.to_string(),
            id,
            source,
            error: ErrorInfo {
                kind: err.kind().name().to_string(),
                message: err.to_string(),
            },
        })
    }
}

/// The record of a document that was read.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocRecord {
    /// Always `factum/1`.
    pub schema: String,
    /// Stable id: file stem, WARC-Record-ID or the JSONL id field.
    pub id: String,
    /// Path or URL it came from.
    pub source: String,
    /// `text`, `html`, `markdown`, `pdf`, `warc` or `jsonl`.
    pub format: String,
    /// The page's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Publishing organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The clean text; every offset points into it.
    pub text: String,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Calendar expressions.
    pub dates: Vec<Date>,
    /// Named institutions.
    pub agencies: Vec<Agency>,
    /// Places where people are held, tried or processed.
    pub facilities: Vec<Facility>,
    /// Quoted material.
    pub quotes: Vec<Quote>,
    /// What a court or tribunal decided.
    pub holdings: Vec<Holding>,
    /// Named persons.
    pub people: Vec<Person>,
    /// Sizes.
    pub stats: Stats,
}

/// The record of a document that could not be read.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// Always `factum/1`.
    pub schema: String,
    /// The document id.
    pub id: String,
    /// Path or URL it came from.
    pub source: String,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// Kind and message of an error record.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// `io`, `encoding`, `pdf`, `warc`, `jsonl`, `too_large`, `unsupported`.
    pub kind: String,
    /// A message naming the document.
    pub message: String,
}

/// A sentence of the clean text.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Sentence {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Its text.
    pub text: String,
}

/// Sizes of the input and of what cleaning removed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Stats {
    /// Size of the document in bytes (after decompression).
    pub input_bytes: u64,
    /// Characters of the page text removed as boilerplate.
    pub removed_chars: u64,
}

/// All facts of one document, filled by the extractors in order.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Dates.
    pub dates: Vec<Date>,
    /// Agencies.
    pub agencies: Vec<Agency>,
    /// Facilities.
    pub facilities: Vec<Facility>,
    /// Quotes.
    pub quotes: Vec<Quote>,
    /// Holdings.
    pub holdings: Vec<Holding>,
    /// People.
    pub people: Vec<Person>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A calendar expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Date {
    /// As written.
    pub text: String,
    /// ISO 8601 at the written granularity (`2006-07-19`, `2005-08`, `2003`).
    pub value: String,
    /// `day`, `month`, `year` (or `season`, `quarter`, `week`, … for
    /// other TimeML values).
    pub granularity: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
    /// A year inside a legal citation (`(BIA 2000)`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub citation: bool,
    /// Resolved against the document date rather than written in full.
    #[serde(default, skip_serializing_if = "is_false")]
    pub relative: bool,
}

/// Kind of an institution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgencyKind {
    /// Government departments and agencies.
    Government,
    /// Courts and tribunals.
    Court,
    /// Intergovernmental bodies and their mandate holders.
    Intergovernmental,
    /// Non-governmental organisations.
    Ngo,
    /// News media.
    Media,
    /// Anything else.
    Other,
}

impl AgencyKind {
    /// Parse a kind name as written in pattern files.
    pub fn from_name(s: &str) -> Option<AgencyKind> {
        Some(match s.trim() {
            "government" => AgencyKind::Government,
            "court" => AgencyKind::Court,
            "intergovernmental" => AgencyKind::Intergovernmental,
            "ngo" => AgencyKind::Ngo,
            "media" => AgencyKind::Media,
            "other" => AgencyKind::Other,
            _ => return None,
        })
    }
}

/// One place a fact is written in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// As written.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
}

/// A named institution, with all its mentions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agency {
    /// Its fullest written form.
    pub name: String,
    /// The acronym the text defines for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// Other written forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What kind of institution it is.
    pub kind: AgencyKind,
    /// Where it is mentioned.
    pub mentions: Vec<Mention>,
}

/// A place where people are held, tried or processed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facility {
    /// Its name.
    pub name: String,
    /// The place written with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// `prison`, `jail`, `detention`, `camp`, `court`, …
    pub kind: String,
    /// Where it is mentioned.
    pub mentions: Vec<Mention>,
}

/// Kind of quoted material.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// What someone said or wrote.
    Direct,
    /// Scare quotes, terms, defined abbreviations.
    Term,
    /// Titles of documents.
    Title,
}

/// Quoted material, without its quotation marks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted text.
    pub text: String,
    /// What kind of quote it is.
    pub kind: QuoteKind,
    /// Whose words they are (canonical agency name or person), if the text says.
    pub speaker: Option<String>,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
}

/// What a court or tribunal decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Holding {
    /// The proposition or disposition.
    pub text: String,
    /// The deciding body.
    pub tribunal: Option<String>,
    /// Date of the decision, ISO 8601.
    pub date: Option<String>,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
}

/// A named person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Title or position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// `signatory`, `cc`, `subject`, `judge`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Postal address written with the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Where the person is named.
    #[serde(default)]
    pub mentions: Vec<Mention>,
}
