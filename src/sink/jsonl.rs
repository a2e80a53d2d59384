//! JSON Lines output: one record per line.
//!
//! Each record is written into a buffer kept between records, then handed
//! to the writer in one `write_all`. The bytes are exactly those of
//! `serde_json::to_writer(record)` (the tests compare both): a document
//! record is written here, field by field in declaration order, its
//! strings escaped copying the runs that need no escape in one go (eight
//! bytes tested at a time) instead of looking at each byte in turn; error
//! records, rare and small, go through serde.

use std::io::Write;

use crate::error::{Error, Result};
use crate::record::{
    Agency, AgencyKind, Date, DocRecord, Facility, Holding, Mention, Person, Quote, QuoteKind,
    Record, Sentence, Stats,
};

use super::RecordSink;

/// Writes each record as one line of JSON.
pub struct JsonlSink<W: Write> {
    out: W,
    /// The line being written, reused from record to record.
    line: Vec<u8>,
}

impl<W: Write> JsonlSink<W> {
    /// A sink writing to `out` (each record is one `write_all`).
    pub fn new(out: W) -> JsonlSink<W> {
        JsonlSink {
            out,
            line: Vec::new(),
        }
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> RecordSink for JsonlSink<W> {
    fn write(&mut self, record: &Record) -> Result<()> {
        self.line.clear();
        match record {
            Record::Doc(d) => write_doc(&mut self.line, d),
            Record::Error(_) => serde_json::to_writer(&mut self.line, record)
                .map_err(|e| Error::io(None, e.into()))?,
        }
        self.line.push(b'\n');
        self.out
            .write_all(&self.line)
            .map_err(|e| Error::io(None, e))
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(|e| Error::io(None, e))
    }
}

/// A document record as serde writes it (fields in declaration order,
/// empty options and false flags left out as `record.rs` says), its
/// strings escaped by [`push_str`].
fn write_doc(out: &mut Vec<u8>, d: &DocRecord) {
    // Every field of every type is named: a field added to a record type
    // fails to compile here until it is written.
    let DocRecord {
        schema,
        id,
        source,
        format,
        title,
        published,
        publisher,
        text,
        sentences,
        dates,
        agencies,
        facilities,
        quotes,
        holdings,
        people,
        stats,
    } = d;
    let mut o = Obj::new(out);
    o.str("schema", schema)
        .str("id", id)
        .str("source", source)
        .str("format", format)
        .some("title", title)
        .some("published", published)
        .some("publisher", publisher)
        .str("text", text)
        .list("sentences", sentences, |out, s| {
            let Sentence { start, end, text } = s;
            Obj::new(out)
                .num("start", *start)
                .num("end", *end)
                .str("text", text)
                .end();
        })
        .list("dates", dates, write_date)
        .list("agencies", agencies, write_agency)
        .list("facilities", facilities, write_facility)
        .list("quotes", quotes, write_quote)
        .list("holdings", holdings, write_holding)
        .list("people", people, write_person);
    let Stats {
        input_bytes,
        removed_chars,
    } = stats;
    o.key("stats");
    Obj::new(o.out)
        .num64("input_bytes", *input_bytes)
        .num64("removed_chars", *removed_chars)
        .end();
    o.end();
}

fn write_date(out: &mut Vec<u8>, d: &Date) {
    let Date {
        text,
        value,
        granularity,
        start,
        end,
        sentence,
        citation,
        relative,
    } = d;
    Obj::new(out)
        .str("text", text)
        .str("value", value)
        .str("granularity", granularity)
        .num("start", *start)
        .num("end", *end)
        .num("sentence", *sentence)
        .flag("citation", *citation)
        .flag("relative", *relative)
        .end();
}

fn write_mention(out: &mut Vec<u8>, m: &Mention) {
    let Mention {
        text,
        start,
        end,
        sentence,
    } = m;
    Obj::new(out)
        .str("text", text)
        .num("start", *start)
        .num("end", *end)
        .num("sentence", *sentence)
        .end();
}

fn write_agency(out: &mut Vec<u8>, a: &Agency) {
    let Agency {
        name,
        abbreviation,
        aliases,
        kind,
        mentions,
    } = a;
    let kind = match kind {
        AgencyKind::Government => "government",
        AgencyKind::Court => "court",
        AgencyKind::Intergovernmental => "intergovernmental",
        AgencyKind::Ngo => "ngo",
        AgencyKind::Media => "media",
        AgencyKind::Other => "other",
    };
    Obj::new(out)
        .str("name", name)
        .some("abbreviation", abbreviation)
        .list("aliases", aliases, |out, a| push_str(out, a))
        .str("kind", kind)
        .list("mentions", mentions, write_mention)
        .end();
}

fn write_facility(out: &mut Vec<u8>, f: &Facility) {
    let Facility {
        name,
        location,
        kind,
        mentions,
    } = f;
    Obj::new(out)
        .str("name", name)
        .some("location", location)
        .str("kind", kind)
        .list("mentions", mentions, write_mention)
        .end();
}

fn write_quote(out: &mut Vec<u8>, q: &Quote) {
    let Quote {
        text,
        kind,
        speaker,
        start,
        end,
        sentence,
    } = q;
    let kind = match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Term => "term",
        QuoteKind::Title => "title",
    };
    Obj::new(out)
        .str("text", text)
        .str("kind", kind)
        .null_or("speaker", speaker)
        .num("start", *start)
        .num("end", *end)
        .num("sentence", *sentence)
        .end();
}

fn write_holding(out: &mut Vec<u8>, h: &Holding) {
    let Holding {
        text,
        tribunal,
        date,
        start,
        end,
        sentence,
    } = h;
    Obj::new(out)
        .str("text", text)
        .null_or("tribunal", tribunal)
        .null_or("date", date)
        .num("start", *start)
        .num("end", *end)
        .num("sentence", *sentence)
        .end();
}

fn write_person(out: &mut Vec<u8>, p: &Person) {
    let Person {
        name,
        title,
        organization,
        role,
        address,
        mentions,
    } = p;
    Obj::new(out)
        .str("name", name)
        .some("title", title)
        .some("organization", organization)
        .some("role", role)
        .some("address", address)
        .list("mentions", mentions, write_mention)
        .end();
}

/// A JSON object being written: `{`, its fields with a comma before all
/// but the first, then `}` ([`Obj::end`]).
struct Obj<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut Vec<u8>) -> Obj<'a> {
        out.push(b'{');
        Obj { out, first: true }
    }

    /// `"key":`, after a comma unless it is the first field.
    fn key(&mut self, key: &str) -> &mut Vec<u8> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    fn str(&mut self, key: &str, value: &str) -> &mut Self {
        push_str(self.key(key), value);
        self
    }

    fn num(&mut self, key: &str, value: usize) -> &mut Self {
        self.num64(key, value as u64)
    }

    fn num64(&mut self, key: &str, value: u64) -> &mut Self {
        push_u64(self.key(key), value);
        self
    }

    /// A field left out when `None` (`skip_serializing_if`).
    fn some(&mut self, key: &str, value: &Option<String>) -> &mut Self {
        if let Some(v) = value {
            self.str(key, v);
        }
        self
    }

    /// A field written `null` when `None`.
    fn null_or(&mut self, key: &str, value: &Option<String>) -> &mut Self {
        match value {
            Some(v) => self.str(key, v),
            None => {
                self.key(key).extend_from_slice(b"null");
                self
            }
        }
    }

    /// A flag written only when true.
    fn flag(&mut self, key: &str, value: bool) -> &mut Self {
        if value {
            self.key(key).extend_from_slice(b"true");
        }
        self
    }

    fn list<T>(&mut self, key: &str, items: &[T], item: impl Fn(&mut Vec<u8>, &T)) -> &mut Self {
        let out = self.key(key);
        out.push(b'[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            item(out, x);
        }
        out.push(b']');
        self
    }

    fn end(&mut self) {
        self.out.push(b'}');
    }
}

/// The first byte at or after `i` that serde_json escapes in a string (a
/// control character, `"` or `\`), or `b.len()`. Sixteen bytes at a time
/// (two words), then eight, then one by one: in a word `x`, `(v -
/// 0x01…) & !v & 0x80…` marks the bytes of `v` that are zero and `(x -
/// 0x20…) & !x & 0x80…` those of `x` below 0x20; a borrow can only mark a
/// byte above a true mark, so the lowest mark is the first such byte.
fn next_escape(b: &[u8], mut i: usize) -> usize {
    while let Some(two) = b.get(i..).and_then(|r| r.first_chunk::<16>()) {
        let (lo, hi) = two.split_at(8);
        let (lo, hi) = (escape_marks(lo), escape_marks(hi));
        if lo | hi != 0 {
            return if lo != 0 {
                i + (lo.trailing_zeros() / 8) as usize
            } else {
                i + 8 + (hi.trailing_zeros() / 8) as usize
            };
        }
        i += 16;
    }
    if let Some(w) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let marks = escape_marks(w);
        if marks != 0 {
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b
        .get(i)
        .is_some_and(|&c| c >= 0x20 && c != b'"' && c != b'\\')
    {
        i += 1;
    }
    i
}

/// The marks of [`next_escape`] in the eight bytes of `w`.
#[inline]
fn escape_marks(w: &[u8]) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let mut word = [0u8; 8];
    word.copy_from_slice(&w[..8]);
    let x = u64::from_le_bytes(word);
    let quote = x ^ (ONES * u64::from(b'"'));
    let slash = x ^ (ONES * u64::from(b'\\'));
    ((x.wrapping_sub(ONES * 0x20) & !x)
        | (quote.wrapping_sub(ONES) & !quote)
        | (slash.wrapping_sub(ONES) & !slash))
        & HIGH
}

/// `s` as a JSON string, escaped exactly as serde_json escapes it (`\n`,
/// `\t`, `\"`, `\\`, `\b`, `\f`, `\r`, other control characters as
/// `\u00XX`; everything else as is), copying the runs between escapes
/// whole.
fn push_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut run = 0;
    loop {
        let i = next_escape(b, run);
        out.extend_from_slice(&b[run..i]);
        let Some(&c) = b.get(i) else {
            break;
        };
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(c >> 4) as usize],
                HEX[(c & 0xF) as usize],
            ]),
        }
        run = i + 1;
    }
    out.push(b'"');
}

/// `n` in decimal.
fn push_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_str(s: &str) -> String {
        serde_json::to_string(s).unwrap()
    }

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        push_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // every ASCII character, alone and between plain runs
        for c in (0u8..0x80).map(char::from) {
            let one = c.to_string();
            assert_eq!(ours(&one), serde_str(&one), "{c:?}");
            let inside = format!("plain text {c} more plain text{c}");
            assert_eq!(ours(&inside), serde_str(&inside), "{c:?}");
        }
        for s in [
            "",
            "é “quoted” — \u{2028}\u{7f}",
            "line\n\nbreaks\r\n\ttabs \"q\" back\\slash \u{1}\u{1f}",
            "\n\n\n",
        ] {
            assert_eq!(ours(s), serde_str(s), "{s:?}");
        }
    }

    #[test]
    fn next_escape_finds_the_first_escaped_byte_in_and_after_words() {
        let plain = "a plain run, é “curly” ~\u{7f} of text!".repeat(3);
        assert_eq!(next_escape(plain.as_bytes(), 0), plain.len());
        for mark in [b'"', b'\\', b'\n', 0, 0x1f] {
            for at in 0..plain.len() + 1 {
                let mut b = plain.as_bytes().to_vec();
                b.insert(at, mark);
                // a second mark later must not hide the first
                b.push(b'"');
                for from in [0, at.saturating_sub(3), at] {
                    assert_eq!(next_escape(&b, from), at, "{mark} at {at} from {from}");
                }
                assert_eq!(next_escape(&b, at + 1), b.len() - 1);
            }
        }
        assert_eq!(next_escape(b"", 0), 0);
        assert_eq!(next_escape(b"ab\\", 1), 2);
    }

    #[test]
    fn numbers_in_decimal() {
        for n in [0, 7, 10, 99, 12345, u64::MAX] {
            let mut out = Vec::new();
            push_u64(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }

    fn mention(t: &str) -> Mention {
        Mention {
            text: t.into(),
            start: 1,
            end: 2,
            sentence: 0,
        }
    }

    /// A record with every field filled (options set, lists not empty).
    fn full_record(options: bool) -> DocRecord {
        let some = |s: &str| options.then(|| s.to_string());
        DocRecord {
            schema: "factum/1".into(),
            id: "id\"1".into(),
            source: "dir/a b.txt".into(),
            format: "text".into(),
            title: some("A \"title\""),
            published: some("2006-07-19"),
            publisher: some("Court\tof Appeals"),
            text: "First line.\n\n“Second” \\ line\u{1}.".into(),
            sentences: vec![
                Sentence {
                    start: 0,
                    end: 11,
                    text: "First line.".into(),
                },
                Sentence {
                    start: 13,
                    end: 31,
                    text: "“Second” \\ line\u{1}.".into(),
                },
            ],
            dates: vec![Date {
                text: "July 19, 2006".into(),
                value: "2006-07-19".into(),
                granularity: "day".into(),
                start: 3,
                end: 16,
                sentence: 1,
                citation: options,
                relative: !options,
            }],
            agencies: vec![Agency {
                name: "Department of State".into(),
                abbreviation: some("DOS"),
                aliases: vec!["State".into()],
                kind: AgencyKind::Government,
                mentions: vec![mention("State")],
            }],
            facilities: vec![Facility {
                name: "X Prison".into(),
                location: some("Y"),
                kind: "prison".into(),
                mentions: vec![mention("X")],
            }],
            quotes: vec![Quote {
                text: "Second".into(),
                kind: QuoteKind::Direct,
                speaker: some("Jane Doe"),
                start: 14,
                end: 20,
                sentence: 1,
            }],
            holdings: vec![Holding {
                text: "held".into(),
                tribunal: some("Court"),
                date: some("2006-07-19"),
                start: 0,
                end: 4,
                sentence: 0,
            }],
            people: vec![Person {
                name: "Jane Doe".into(),
                title: some("Judge"),
                organization: some("Court"),
                role: some("judge"),
                address: some("1 Main St\nCity"),
                mentions: vec![mention("Doe")],
            }],
            stats: Stats {
                input_bytes: 120,
                removed_chars: 3,
            },
        }
    }

    #[test]
    fn every_kind_is_named_as_serde_names_it() {
        use AgencyKind::*;
        for kind in [Government, Court, Intergovernmental, Ngo, Media, Other] {
            let mut d = full_record(true);
            d.agencies[0].kind = kind;
            let r = Record::Doc(Box::new(d));
            let mut sink = JsonlSink::new(Vec::new());
            sink.write(&r).unwrap();
            assert_eq!(
                String::from_utf8(sink.into_inner()).unwrap(),
                serde_json::to_string(&r).unwrap() + "\n"
            );
        }
        for kind in [QuoteKind::Direct, QuoteKind::Term, QuoteKind::Title] {
            let mut d = full_record(false);
            d.quotes[0].kind = kind;
            let r = Record::Doc(Box::new(d));
            let mut sink = JsonlSink::new(Vec::new());
            sink.write(&r).unwrap();
            assert_eq!(
                String::from_utf8(sink.into_inner()).unwrap(),
                serde_json::to_string(&r).unwrap() + "\n"
            );
        }
    }

    #[test]
    fn document_records_are_written_as_serde_json_writes_them() {
        for options in [true, false] {
            let mut d = full_record(options);
            let mut sink = JsonlSink::new(Vec::new());
            let r = Record::Doc(Box::new(d.clone()));
            sink.write(&r).unwrap();
            assert_eq!(
                String::from_utf8(sink.into_inner()).unwrap(),
                serde_json::to_string(&r).unwrap() + "\n"
            );
            // and with every list empty
            d.sentences.clear();
            d.dates.clear();
            d.agencies.clear();
            d.facilities.clear();
            d.quotes.clear();
            d.holdings.clear();
            d.people.clear();
            let r = Record::Doc(Box::new(d));
            let mut sink = JsonlSink::new(Vec::new());
            sink.write(&r).unwrap();
            assert_eq!(
                String::from_utf8(sink.into_inner()).unwrap(),
                serde_json::to_string(&r).unwrap() + "\n"
            );
        }
    }

    #[test]
    fn one_line_per_record_as_serde_json_writes_it() {
        let records = [
            Record::error(
                "a".into(),
                "x/a".into(),
                &Error::io(None, std::io::Error::other("no")),
            ),
            Record::error(
                "b\n".into(),
                "x/b".into(),
                &Error::io(None, std::io::Error::other("é")),
            ),
        ];
        let mut sink = JsonlSink::new(Vec::new());
        for r in &records {
            sink.write(r).unwrap();
        }
        sink.finish().unwrap();
        let out = String::from_utf8(sink.into_inner()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        for (line, r) in lines.iter().zip(&records) {
            assert_eq!(*line, serde_json::to_string(r).unwrap());
        }
    }
}
