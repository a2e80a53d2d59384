//! JSON Lines output: one record per line.
//!
//! Each record is written into a buffer kept between records, then handed
//! to the writer in one `write_all`. The bytes are exactly those of
//! `serde_json::to_writer(record)`: serde writes the small parts (facts,
//! stats, error records), while the document's strings (above all the
//! clean `text` and the sentence texts, most of a record's bytes) are
//! escaped here, copying the runs that need no escape in one go instead of
//! looking at each byte in turn.

use std::io::Write;

use crate::error::{Error, Result};
use crate::record::{DocRecord, Record, Sentence};

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
            Record::Error(_) => serde_json::to_writer(&mut self.line, record),
        }
        .map_err(|e| Error::io(None, e.into()))?;
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
/// empty options left out), with its strings escaped by [`push_str`].
fn write_doc(out: &mut Vec<u8>, d: &DocRecord) -> serde_json::Result<()> {
    // Every field named: a field added to `DocRecord` fails to compile
    // here until it is written.
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
    out.extend_from_slice(b"{\"schema\":");
    push_str(out, schema);
    field(out, "id", id);
    field(out, "source", source);
    field(out, "format", format);
    for (key, value) in [
        ("title", title),
        ("published", published),
        ("publisher", publisher),
    ] {
        if let Some(v) = value {
            field(out, key, v);
        }
    }
    field(out, "text", text);
    out.extend_from_slice(b",\"sentences\":[");
    for (i, Sentence { start, end, text }) in sentences.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"start\":");
        push_usize(out, *start);
        out.extend_from_slice(b",\"end\":");
        push_usize(out, *end);
        out.extend_from_slice(b",\"text\":");
        push_str(out, text);
        out.push(b'}');
    }
    out.push(b']');
    out.extend_from_slice(b",\"dates\":");
    serde_json::to_writer(&mut *out, dates)?;
    out.extend_from_slice(b",\"agencies\":");
    serde_json::to_writer(&mut *out, agencies)?;
    out.extend_from_slice(b",\"facilities\":");
    serde_json::to_writer(&mut *out, facilities)?;
    out.extend_from_slice(b",\"quotes\":");
    serde_json::to_writer(&mut *out, quotes)?;
    out.extend_from_slice(b",\"holdings\":");
    serde_json::to_writer(&mut *out, holdings)?;
    out.extend_from_slice(b",\"people\":");
    serde_json::to_writer(&mut *out, people)?;
    out.extend_from_slice(b",\"stats\":");
    serde_json::to_writer(&mut *out, stats)?;
    out.push(b'}');
    Ok(())
}

/// `,"key":"value"`.
fn field(out: &mut Vec<u8>, key: &str, value: &str) {
    out.extend_from_slice(b",\"");
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
    push_str(out, value);
}

/// The first byte at or after `i` that serde_json escapes in a string (a
/// control character, `"` or `\`), or `b.len()`. Eight bytes at a time:
/// in a word `x`, `(v - 0x01…) & !v & 0x80…` marks the bytes of `v` that
/// are zero and `(x - 0x20…) & !x & 0x80…` those of `x` below 0x20; a
/// borrow can only mark a byte above a true mark, so the lowest mark is
/// the first such byte.
fn next_escape(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    while let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let x = u64::from_le_bytes(word);
        let quote = x ^ (ONES * u64::from(b'"'));
        let slash = x ^ (ONES * u64::from(b'\\'));
        let marks = ((x.wrapping_sub(ONES * 0x20) & !x)
            | (quote.wrapping_sub(ONES) & !quote)
            | (slash.wrapping_sub(ONES) & !slash))
            & HIGH;
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
fn push_usize(out: &mut Vec<u8>, n: usize) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut n = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[k..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{
        Agency, AgencyKind, Date, Facility, Holding, Mention, Person, Quote, QuoteKind, Stats,
    };

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
        for n in [0, 7, 10, 99, 12345, usize::MAX] {
            let mut out = Vec::new();
            push_usize(&mut out, n);
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
                relative: false,
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
                date: None,
                start: 0,
                end: 4,
                sentence: 0,
            }],
            people: vec![Person {
                name: "Jane Doe".into(),
                title: some("Judge"),
                organization: some("Court"),
                role: some("judge"),
                address: None,
                mentions: vec![mention("Doe")],
            }],
            stats: Stats {
                input_bytes: 120,
                removed_chars: 3,
            },
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
