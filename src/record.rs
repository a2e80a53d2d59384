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
        for_each_offset(&mut f, |o| *o = c(*o));
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

impl Record {
    /// Append the record as compact JSON (no newline) to `out`: the same
    /// bytes as `serde_json::to_writer` gives for it (a test checks),
    /// written directly, with strings escaped 16 bytes at a time.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Record::Doc(d) => d.write_json(out),
            Record::Error(e) => {
                out.extend_from_slice(b"{\"schema\":");
                json::string(out, &e.schema);
                out.extend_from_slice(b",\"id\":");
                json::string(out, &e.id);
                out.extend_from_slice(b",\"source\":");
                json::string(out, &e.source);
                out.extend_from_slice(b",\"error\":{\"kind\":");
                json::string(out, &e.error.kind);
                out.extend_from_slice(b",\"message\":");
                json::string(out, &e.error.message);
                out.extend_from_slice(b"}}");
            }
        }
    }
}

impl DocRecord {
    /// Field by field as serde derives it: declaration order, `None`
    /// options with `skip_serializing_if` left out, others `null`.
    fn write_json(&self, out: &mut Vec<u8>) {
        use json::{list, number, opt_field, opt_string, string};
        out.extend_from_slice(b"{\"schema\":");
        string(out, &self.schema);
        out.extend_from_slice(b",\"id\":");
        string(out, &self.id);
        out.extend_from_slice(b",\"source\":");
        string(out, &self.source);
        out.extend_from_slice(b",\"format\":");
        string(out, &self.format);
        opt_field(out, b",\"title\":", &self.title);
        opt_field(out, b",\"published\":", &self.published);
        opt_field(out, b",\"publisher\":", &self.publisher);
        out.extend_from_slice(b",\"text\":");
        string(out, &self.text);
        out.extend_from_slice(b",\"sentences\":");
        list(out, &self.sentences, |out, s| {
            out.extend_from_slice(b"{\"start\":");
            number(out, s.start as u64);
            out.extend_from_slice(b",\"end\":");
            number(out, s.end as u64);
            out.extend_from_slice(b",\"text\":");
            string(out, &s.text);
            out.push(b'}');
        });
        out.extend_from_slice(b",\"dates\":");
        list(out, &self.dates, |out, d| {
            out.extend_from_slice(b"{\"text\":");
            string(out, &d.text);
            out.extend_from_slice(b",\"value\":");
            string(out, &d.value);
            out.extend_from_slice(b",\"granularity\":");
            string(out, &d.granularity);
            json::position(out, d.start, d.end, d.sentence);
            if d.citation {
                out.extend_from_slice(b",\"citation\":true");
            }
            if d.relative {
                out.extend_from_slice(b",\"relative\":true");
            }
            out.push(b'}');
        });
        out.extend_from_slice(b",\"agencies\":");
        list(out, &self.agencies, |out, a| {
            out.extend_from_slice(b"{\"name\":");
            string(out, &a.name);
            opt_field(out, b",\"abbreviation\":", &a.abbreviation);
            out.extend_from_slice(b",\"aliases\":");
            list(out, &a.aliases, |out, s| string(out, s));
            out.extend_from_slice(b",\"kind\":");
            string(out, a.kind.name());
            out.extend_from_slice(b",\"mentions\":");
            list(out, &a.mentions, json::mention);
            out.push(b'}');
        });
        out.extend_from_slice(b",\"facilities\":");
        list(out, &self.facilities, |out, f| {
            out.extend_from_slice(b"{\"name\":");
            string(out, &f.name);
            opt_field(out, b",\"location\":", &f.location);
            out.extend_from_slice(b",\"kind\":");
            string(out, &f.kind);
            out.extend_from_slice(b",\"mentions\":");
            list(out, &f.mentions, json::mention);
            out.push(b'}');
        });
        out.extend_from_slice(b",\"quotes\":");
        list(out, &self.quotes, |out, q| {
            out.extend_from_slice(b"{\"text\":");
            string(out, &q.text);
            out.extend_from_slice(b",\"kind\":");
            string(out, q.kind.name());
            out.extend_from_slice(b",\"speaker\":");
            opt_string(out, &q.speaker);
            json::position(out, q.start, q.end, q.sentence);
            out.push(b'}');
        });
        out.extend_from_slice(b",\"holdings\":");
        list(out, &self.holdings, |out, h| {
            out.extend_from_slice(b"{\"text\":");
            string(out, &h.text);
            out.extend_from_slice(b",\"tribunal\":");
            opt_string(out, &h.tribunal);
            out.extend_from_slice(b",\"date\":");
            opt_string(out, &h.date);
            json::position(out, h.start, h.end, h.sentence);
            out.push(b'}');
        });
        out.extend_from_slice(b",\"people\":");
        list(out, &self.people, |out, p| {
            out.extend_from_slice(b"{\"name\":");
            string(out, &p.name);
            opt_field(out, b",\"title\":", &p.title);
            opt_field(out, b",\"organization\":", &p.organization);
            opt_field(out, b",\"role\":", &p.role);
            opt_field(out, b",\"address\":", &p.address);
            out.extend_from_slice(b",\"mentions\":");
            list(out, &p.mentions, json::mention);
            out.push(b'}');
        });
        out.extend_from_slice(b",\"stats\":{\"input_bytes\":");
        number(out, self.stats.input_bytes);
        out.extend_from_slice(b",\"removed_chars\":");
        number(out, self.stats.removed_chars);
        out.extend_from_slice(b"}}");
    }
}

/// The pieces of compact JSON that [`Record::write_json`] is made of,
/// written as serde_json writes them.
mod json {
    use super::Mention;

    /// `s` as a JSON string: `"` and `\` escaped, control characters as
    /// `\n`, `\t`, … or `\u00XX`, everything else (all non-ASCII) as is.
    pub fn string(out: &mut Vec<u8>, s: &str) {
        let bytes = s.as_bytes();
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        // `bytes[copied..]` is not written yet.
        let mut copied = 0;
        let (chunks, tail) = bytes.as_chunks::<16>();
        let mut at = 0;
        for chunk in chunks {
            // Most chunks need no escape; on a fixed-size array this test
            // compiles to a few vector instructions.
            if any_escape(chunk) {
                escape_run(out, bytes, at, chunk, &mut copied);
            }
            at += chunk.len();
        }
        // The tail (all of most names and mentions) is tested the same way,
        // padded with spaces.
        let mut last = [b' '; 16];
        last[..tail.len()].copy_from_slice(tail);
        if any_escape(&last) {
            escape_run(out, bytes, at, tail, &mut copied);
        }
        out.extend_from_slice(&bytes[copied..]);
        out.push(b'"');
    }

    /// Write what precedes each byte of `run` (at `at` in `bytes`) that
    /// needs an escape, then its escape.
    fn escape_run(out: &mut Vec<u8>, bytes: &[u8], at: usize, run: &[u8], copied: &mut usize) {
        for (i, &b) in run.iter().enumerate() {
            if needs_escape(b) {
                out.extend_from_slice(&bytes[*copied..at + i]);
                escape(out, b);
                *copied = at + i + 1;
            }
        }
    }

    fn any_escape(chunk: &[u8; 16]) -> bool {
        chunk.iter().fold(false, |any, &b| any | needs_escape(b))
    }

    fn needs_escape(b: u8) -> bool {
        b < 0x20 || b == b'"' || b == b'\\'
    }

    fn escape(out: &mut Vec<u8>, b: u8) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0C => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => {
                let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]];
                out.extend_from_slice(b"\\u00");
                out.extend_from_slice(&hex);
                return;
            }
        };
        out.extend_from_slice(&[b'\\', short]);
    }

    /// An unsigned integer in decimal.
    pub fn number(out: &mut Vec<u8>, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.extend_from_slice(&digits[i..]);
    }

    /// `items` as a JSON array, each written by `item`.
    pub fn list<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
        out.push(b'[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            item(out, x);
        }
        out.push(b']');
    }

    /// A string or `null`.
    pub fn opt_string(out: &mut Vec<u8>, s: &Option<String>) {
        match s {
            Some(s) => string(out, s),
            None => out.extend_from_slice(b"null"),
        }
    }

    /// `key` (with its leading comma and colon) and the string, or nothing
    /// for `None` (`skip_serializing_if = "Option::is_none"`).
    pub fn opt_field(out: &mut Vec<u8>, key: &[u8], s: &Option<String>) {
        if let Some(s) = s {
            out.extend_from_slice(key);
            string(out, s);
        }
    }

    /// The `start`, `end` and `sentence` fields every fact ends with.
    pub fn position(out: &mut Vec<u8>, start: usize, end: usize, sentence: usize) {
        out.extend_from_slice(b",\"start\":");
        number(out, start as u64);
        out.extend_from_slice(b",\"end\":");
        number(out, end as u64);
        out.extend_from_slice(b",\"sentence\":");
        number(out, sentence as u64);
    }

    /// A mention object.
    pub fn mention(out: &mut Vec<u8>, m: &Mention) {
        out.extend_from_slice(b"{\"text\":");
        string(out, &m.text);
        position(out, m.start, m.end, m.sentence);
        out.push(b'}');
    }
}

/// Call `f` on every start and end offset of the facts.
fn for_each_offset(f: &mut Facts, mut each: impl FnMut(&mut usize)) {
    let mut pair = |start: &mut usize, end: &mut usize| {
        each(start);
        each(end);
    };
    for d in &mut f.dates {
        pair(&mut d.start, &mut d.end);
    }
    let agencies = f.agencies.iter_mut().flat_map(|a| a.mentions.iter_mut());
    let facilities = f.facilities.iter_mut().flat_map(|a| a.mentions.iter_mut());
    let people = f.people.iter_mut().flat_map(|a| a.mentions.iter_mut());
    for m in agencies.chain(facilities).chain(people) {
        pair(&mut m.start, &mut m.end);
    }
    for q in &mut f.quotes {
        pair(&mut q.start, &mut q.end);
    }
    for h in &mut f.holdings {
        pair(&mut h.start, &mut h.end);
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
    /// The lower-case name, as in records and pattern files.
    pub fn name(self) -> &'static str {
        match self {
            AgencyKind::Government => "government",
            AgencyKind::Court => "court",
            AgencyKind::Intergovernmental => "intergovernmental",
            AgencyKind::Ngo => "ngo",
            AgencyKind::Media => "media",
            AgencyKind::Other => "other",
        }
    }

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

impl QuoteKind {
    /// The lower-case name, as in records.
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Term => "term",
            QuoteKind::Title => "title",
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn mention(text: &str, start: usize) -> Mention {
        Mention {
            text: text.into(),
            start,
            end: start + 3,
            sentence: 1,
        }
    }

    /// A record with every optional field set, flags on, and strings that
    /// need each kind of escape, some across 16-byte chunk edges.
    fn full() -> DocRecord {
        let mut controls: String = (0u8..0x20).map(char::from).collect();
        controls.push_str("\u{7f} \"quoted\" back\\slash é “curly” ");
        let long = format!(
            "{}\n{}\"{}\\",
            "x".repeat(15),
            "y".repeat(16),
            "z".repeat(31)
        );
        DocRecord {
            schema: SCHEMA.into(),
            id: "doc\t1".into(),
            source: "C:\\pages\\a.html".into(),
            format: "html".into(),
            title: Some("A \"title\"".into()),
            published: Some("2024-05-01".into()),
            publisher: Some("Ministère".into()),
            text: format!("{controls}{long}"),
            sentences: vec![
                Sentence {
                    start: 0,
                    end: 12,
                    text: long.clone(),
                },
                Sentence {
                    start: 12,
                    end: 123_456_789,
                    text: String::new(),
                },
            ],
            dates: vec![Date {
                text: "1 May".into(),
                value: "2024-05-01".into(),
                granularity: "day".into(),
                start: 3,
                end: 8,
                sentence: 0,
                citation: true,
                relative: true,
            }],
            agencies: vec![Agency {
                name: "Court of Appeal".into(),
                abbreviation: Some("CA".into()),
                aliases: vec!["the Court".into(), "CoA".into()],
                kind: AgencyKind::Court,
                mentions: vec![mention("CA", 4), mention("Court", 40)],
            }],
            facilities: vec![Facility {
                name: "X Prison".into(),
                location: Some("Y".into()),
                kind: "prison".into(),
                mentions: vec![mention("X", 9)],
            }],
            quotes: vec![Quote {
                text: "no\nway".into(),
                kind: QuoteKind::Title,
                speaker: Some("Ann".into()),
                start: 1,
                end: 2,
                sentence: 0,
            }],
            holdings: vec![Holding {
                text: "Appeal dismissed.".into(),
                tribunal: Some("CA".into()),
                date: Some("2024".into()),
                start: 5,
                end: 6,
                sentence: 1,
            }],
            people: vec![Person {
                name: "Ann Lee".into(),
                title: Some("Judge".into()),
                organization: Some("CA".into()),
                role: Some("judge".into()),
                address: Some("1 Main St".into()),
                mentions: vec![mention("Lee", 7)],
            }],
            stats: Stats {
                input_bytes: u64::MAX,
                removed_chars: 0,
            },
        }
    }

    fn json(record: &Record) -> String {
        let mut out = Vec::new();
        record.write_json(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn write_json_is_serde_json() {
        let rich = Record::Doc(Box::new(full()));
        assert_eq!(json(&rich), serde_json::to_string(&rich).unwrap());
        assert!(json(&rich).contains(r#"\u0000\u0001"#));
        // Every option unset, every list empty, flags off.
        let mut sparse = full();
        (sparse.title, sparse.published, sparse.publisher) = (None, None, None);
        sparse.text.clear();
        sparse.sentences.clear();
        sparse.dates[0].citation = false;
        sparse.dates[0].relative = false;
        sparse.agencies[0].abbreviation = None;
        sparse.agencies[0].aliases.clear();
        sparse.agencies[0].mentions.clear();
        sparse.facilities[0].location = None;
        sparse.quotes[0].speaker = None;
        sparse.holdings[0].tribunal = None;
        sparse.holdings[0].date = None;
        let p = &mut sparse.people[0];
        (p.title, p.organization, p.role, p.address) = (None, None, None, None);
        let sparse = Record::Doc(Box::new(sparse));
        assert_eq!(json(&sparse), serde_json::to_string(&sparse).unwrap());
        assert!(json(&sparse).contains(r#""speaker":null"#));
        let err = Record::error(
            "e\"1".into(),
            "s".into(),
            &crate::Error::io(None, std::io::Error::other("gone\n")),
        );
        assert_eq!(json(&err), serde_json::to_string(&err).unwrap());
    }

    #[test]
    fn kind_names_are_serde_names() {
        use AgencyKind::*;
        for k in [Government, Court, Intergovernmental, Ngo, Media, Other] {
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.name())
            );
            assert_eq!(AgencyKind::from_name(k.name()), Some(k));
        }
        for k in [QuoteKind::Direct, QuoteKind::Term, QuoteKind::Title] {
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.name())
            );
        }
    }

    #[test]
    fn build_converts_byte_offsets_to_code_points() {
        let text = "Der Richter Müller sagte: “Nein.” Am 1. Mai ging er.";
        let doc = Document::new("d".into(), "s".into(), Format::Text, text.into());
        let byte = |s: &str| text.find(s).unwrap();
        let char_of = |b: usize| text[..b].chars().count();
        let second = byte("Am");
        let sentences = [Span::new(0, second - 1), Span::new(second, text.len())];
        let mut facts = Facts::default();
        let d = byte("1. Mai");
        facts.dates.push(Date {
            text: "1. Mai".into(),
            value: "2024-05-01".into(),
            granularity: "day".into(),
            start: d,
            end: d + "1. Mai".len(),
            sentence: 1,
            citation: false,
            relative: false,
        });
        let q = byte("Nein.");
        facts.quotes.push(Quote {
            text: "Nein.".into(),
            kind: QuoteKind::Direct,
            speaker: None,
            start: q,
            end: q + 5,
            sentence: 0,
        });
        let m = byte("Müller");
        facts.people.push(Person {
            name: "Müller".into(),
            title: None,
            organization: None,
            role: None,
            address: None,
            mentions: vec![Mention {
                text: "Müller".into(),
                start: m,
                end: m + "Müller".len(),
                sentence: 0,
            }],
        });
        let Record::Doc(r) = Record::build(doc, &sentences, facts) else {
            panic!("a document record");
        };
        assert_eq!(r.sentences[1].start, char_of(second));
        assert_eq!(r.sentences[1].end, text.chars().count());
        assert_eq!(r.sentences[1].text, "Am 1. Mai ging er.");
        assert_eq!(
            (r.dates[0].start, r.dates[0].end),
            (char_of(d), char_of(d) + 6)
        );
        assert_eq!(r.quotes[0].start, char_of(q));
        assert!(r.quotes[0].start < q, "code points, not bytes");
        let pm = &r.people[0].mentions[0];
        assert_eq!((pm.start, pm.end), (char_of(m), char_of(m) + 6));
    }
}
