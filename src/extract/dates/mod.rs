//! Dates: the calendar expressions an author wrote, with ISO 8601 values.
//!
//! Finds full dates (`July 19, 2006`, `19 July 2006`, `Sept. 6, 2006`,
//! `2006-07-19`, `7/19/2006`, `09/30/25`, `19.07.2006`), month and year
//! (`August 2005`), seasons and quarters with a year (`fall of 2003` →
//! `2003-FA`, `Q3 2003` → `2003-Q3`), decades (`the 1990s` → `199`) and bare
//! years used as points in time (`In 2003`, `its 2005 Country Report`),
//! while leaving alone numbers that are amounts or identifiers (`No.
//! 17-3994`, `$2005`, `2005 pages`, `§ 5110`, `2201 C Street`, zip and phone
//! numbers) and words that only look like months (modal `may`, `May v.
//! State`). A range gives each end its own entry (`July 19–21, 2006`,
//! `from May to December 2015`); every occurrence counts.
//!
//! Values keep the written granularity. A year inside a legal citation
//! (`(BIA 2000)`, `[1st Dept 2025]`, `543 U.S. 335 (2005)`) is reported
//! with `citation: true`.
//!
//! A month and day without a year (`July 19th`, `on October 20`) is a
//! calendar date whose year the reader infers: it takes the year of the
//! closest absolute date before it in the text, else that of the document
//! date, and is kept in records with `relative: true` (GUIDELINES counts
//! calendar dates; the flag tells that the year was not written). With no
//! year to infer it is left out of records. Other relative expressions
//! (`last year`, `Friday`, `now`) are never in records, nor is a date
//! that is the whole value of a metadata field on its own line (`DATE:
//! September 30, 2025`, `Decision Date: 09/30/25`): that is the
//! document's own date (the record's `published`), not one of its body.
//!
//! Two entry points share one scanner (`finder.rs`):
//! - the [`Extractor`] (records) reports what the author wrote: spans
//!   without modifiers, absolute dates only;
//! - [`DateExtractor::find`] follows the TimeML (TempEval-3) protocol of
//!   `factum dates --jsonl`: spans include modifiers and weekdays
//!   (`early 2011`, `Thursday, May 7, 2026`), and, given a document
//!   creation date, relative expressions are resolved against it
//!   following the TimeML (TIMEX3) conventions HeidelTime also follows
//!   (`relative.rs`: `Friday`, `last year`, `this week`, `now` and the
//!   generic `today` → `PRESENT_REF`, `the end of the year` by tense,
//!   durations such as `five years` → `P5Y`).
//!
//! Vocabulary (month names, seasons, weekdays, cue and blocking words) is
//! in `patterns/dates.tsv`, compiled once in [`DateExtractor::new`].

mod finder;
mod relative;
mod vocab;

use crate::document::{sentence_at, Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::{Date, Facts};

use super::Extractor;
use finder::{Found, Scan, Value};
use vocab::{Anchor, Vocab};

/// Finds dates; built once from `patterns/dates.tsv`.
#[derive(Debug)]
pub struct DateExtractor {
    vocab: Vocab,
}

/// A calendar day (the document creation date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ymd {
    pub y: i32,
    pub m: u8,
    pub d: u8,
}

impl Ymd {
    /// Parse the date part of an ISO 8601 string (`2013-03-22`,
    /// `2013-03-22T10:00:00Z`).
    pub fn parse(s: &str) -> Option<Ymd> {
        let b = s.trim().as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let n = |r: std::ops::Range<usize>| -> Option<u32> {
            let t = &b[r];
            t.iter()
                .all(u8::is_ascii_digit)
                .then(|| t.iter().fold(0u32, |v, &c| v * 10 + (c - b'0') as u32))
        };
        let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
        let m = u8::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
        let d = u8::try_from(d)
            .ok()
            .filter(|&d| d >= 1 && d <= finder::days_in_month(Some(y as i32), m))?;
        Some(Ymd { y: y as i32, m, d })
    }

    /// Like [`Ymd::parse`], but a value of only a year or a year and
    /// month (`2006`, `2006-09`) gives its first day: records need only
    /// the year of the document date.
    pub fn parse_loose(s: &str) -> Option<Ymd> {
        Ymd::parse(s).or_else(|| {
            let b = s.trim().as_bytes();
            let y = b.get(..4)?;
            if !y.iter().all(u8::is_ascii_digit) || b.get(4).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            let y = y.iter().fold(0i32, |v, &c| v * 10 + (c - b'0') as i32);
            Some(Ymd { y, m: 1, d: 1 })
        })
    }
}

impl DateExtractor {
    /// Build from the pattern files.
    pub fn new(p: &Patterns) -> Result<DateExtractor> {
        Ok(DateExtractor {
            vocab: Vocab::new(p)?,
        })
    }

    /// The dates of `text` in the TimeML protocol, with byte offsets and
    /// `sentence` 0. With `dct` (the document's creation date, ISO 8601)
    /// relative expressions are resolved against it and marked `relative`.
    pub fn find(&self, text: &str, dct: Option<&str>) -> Vec<Date> {
        let dct = dct.and_then(Ymd::parse);
        self.scan(text, dct, true)
            .into_iter()
            .map(|f| to_date(text, &f, f.tstart, 0))
            .collect()
    }

    /// Scan `text`; `timeml` adds relative expressions (with a `dct`) and
    /// keeps TimeML spans.
    fn scan(&self, text: &str, dct: Option<Ymd>, timeml: bool) -> Vec<Found> {
        self.scan_with(text, dct, timeml, timeml)
    }

    /// [`DateExtractor::scan`], with TimeML span starts looked up or not
    /// (`spans`) apart from the protocol.
    fn scan_with(&self, text: &str, dct: Option<Ymd>, timeml: bool, spans: bool) -> Vec<Found> {
        let b = text.as_bytes();
        let mut sc = Scan::new(&self.vocab, text, spans);
        let mut pos = 0;
        for (s, e, p) in self.vocab.matches(text, timeml) {
            if s < pos
                || finder::before(b, s).is_ascii_alphanumeric()
                || finder::at(b, e).is_ascii_alphanumeric()
            {
                continue;
            }
            let anchor = self.vocab.anchors[p];
            pos = match anchor {
                Anchor::Month(mo) => {
                    let before = sc.out.len();
                    let end = sc.month(s, e, mo, self.vocab.abbrev[p]);
                    match dct {
                        Some(dct) if timeml && sc.out.len() == before && !self.vocab.abbrev[p] => {
                            relative::resolve(&mut sc, s, e, anchor, dct).unwrap_or(end)
                        }
                        _ => end,
                    }
                }
                Anchor::Season(_) | Anchor::Quarter(_) | Anchor::Ordinal(_) => {
                    let before = sc.out.len();
                    let end = sc.season_or_quarter(s, e, anchor);
                    if sc.out.len() == before && timeml {
                        if let Some(dct) = dct {
                            relative::resolve(&mut sc, s, e, anchor, dct).unwrap_or(e)
                        } else {
                            end
                        }
                    } else {
                        end
                    }
                }
                _ if timeml => match dct {
                    Some(dct) => relative::resolve(&mut sc, s, e, anchor, dct).unwrap_or(e),
                    None => e,
                },
                _ => e,
            };
        }
        sc.numbers();
        // In TimeML, a month and day without a year in past text after the
        // document date is of the year before; in future text before it,
        // of the year after (as HeidelTime resolves an unknown year).
        let shifts: Vec<i32> = match dct {
            Some(dct) if timeml => sc
                .out
                .iter()
                .filter(|f| f.needs_year)
                .map(|f| match f.value {
                    Value::Day(None, m, d) => {
                        let (past, future) = relative::tense(&sc, f.start);
                        let after = (m, d) > (dct.m, dct.d);
                        let before = (m, d) < (dct.m, dct.d);
                        if past && !future && after {
                            -1
                        } else if future && !past && before {
                            1
                        } else {
                            0
                        }
                    }
                    _ => 0,
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut shifts = shifts.into_iter();
        let mut out = sc.out;
        // Month and day without a year: the closest written year before,
        // else the document date's (in TimeML, the document date's first,
        // shifted by tense).
        let mut last_year = None;
        for f in &mut out {
            if f.needs_year {
                let k = shifts.next().unwrap_or(0);
                let y = if timeml {
                    dct.map(|d| d.y + k).or(last_year)
                } else {
                    last_year.or(dct.map(|d| d.y))
                };
                if let (Value::Day(None, m, d), Some(y)) = (f.value, y) {
                    if d <= finder::days_in_month(Some(y), m) {
                        f.value = Value::Day(Some(y), m, d);
                    }
                }
                f.relative = true;
            } else if !f.citation && !f.relative {
                last_year = f.value.year().or(last_year);
            }
        }
        out
    }
}

/// The record form of a found date, its span starting at `start`.
fn to_date(text: &str, f: &Found, start: usize, sentence: usize) -> Date {
    Date {
        text: text.get(start..f.end).unwrap_or_default().to_string(),
        value: f.value.iso(),
        granularity: f.value.granularity().to_string(),
        start,
        end: f.end,
        sentence,
        citation: f.citation,
        relative: f.relative,
    }
}

/// Whether the date at `s..e` is the whole value of a metadata field on a
/// line of its own (`DATE: September 30, 2025`, `Decision Date: 09/30/25`
/// up to a tab): document metadata, not a date of the body.
fn field_value(b: &[u8], s: usize, e: usize) -> bool {
    // A label is a few words: look back and ahead a bounded window only,
    // so that a long line full of dates stays linear.
    const WINDOW: usize = 64;
    let lo = s.saturating_sub(WINDOW);
    let from = match b[lo..s].iter().rposition(|&c| c == b'\n' || c == b'\t') {
        Some(i) => lo + i + 1,
        None if lo == 0 => 0,
        None => return false,
    };
    let label = b[from..s].trim_ascii();
    let Some((&b':', name)) = label.split_last() else {
        return false;
    };
    let words = name.split(|&c| c == b' ').filter(|w| !w.is_empty()).count();
    let ok_name = (1..=3).contains(&words)
        && name[0].is_ascii_uppercase()
        && name
            .iter()
            .all(|&c| c.is_ascii_alphabetic() || c == b' ' || c == b'.');
    let hi = (e + WINDOW).min(b.len());
    let to = match b[e..hi].iter().position(|&c| c == b'\n' || c == b'\t') {
        Some(i) => e + i,
        None if hi == b.len() => b.len(),
        None => return false,
    };
    ok_name
        && b[e..to]
            .iter()
            .all(|c| c.is_ascii_whitespace() || *c == b'.')
}

impl Extractor for DateExtractor {
    fn extract(&self, doc: &Document, sentences: &[Span], facts: &mut Facts) {
        let dct = doc.published.as_deref().and_then(Ymd::parse_loose);
        for f in self.scan(&doc.text, dct, false) {
            if f.relative && !matches!(f.value, Value::Day(Some(_), ..)) {
                continue;
            }
            if field_value(doc.text.as_bytes(), f.start, f.end) {
                continue;
            }
            let sentence = sentence_at(sentences, f.start);
            facts.dates.push(to_date(&doc.text, &f, f.start, sentence));
        }
    }
}

#[cfg(test)]
mod tests;
