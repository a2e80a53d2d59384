//! Finds written calendar dates in a text: the scanner behind
//! [`super::DateExtractor`].
//!
//! Two passes, both linear and allocation-free except for the output:
//!
//! 1. the vocabulary automaton ([`super::vocab`]) finds month names (and,
//!    for relative expressions, the other anchor words); each month is
//!    parsed outwards by hand: `July 19, 2006`, `19 July 2006`,
//!    `Sept. 6, 2006`, `July 19th`, `August 2005`, `July of 2005`, ranges
//!    `July 19–21, 2006`, `from May to December 2015`, seasons and quarters
//!    with a year (`fall of 2003`, `Q3 2003`);
//! 2. a byte scan over digit runs not already taken finds numeric dates
//!    (`2006-07-19`, `7/19/2006`, `09/30/25`, `19.07.2006`), decades
//!    (`the 1990s`) and bare years, which must look like points in time:
//!    not amounts, ids, docket, section, page, street or phone numbers.
//!
//! A year that closes a citation parenthetical (`(BIA 2000)`,
//! `[1st Dept 2025]`, `543 U.S. 335 (2005)`) or opens a reporter cite
//! (`2019 WL 123`) is kept with `citation` set. Every found date keeps its
//! core span (what the record reports) and a TimeML span that may also
//! cover a modifier or weekday before it (`early 2011`,
//! `Thursday, May 7, 2026`).

use super::vocab::{Anchor, List, Vocab, SEASONS};

/// A date value at its granularity. A year of `None` is unknown (`XXXX`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Day(Option<i32>, u8, u8),
    Month(Option<i32>, u8),
    Year(i32),
    Season(i32, u8),
    Quarter(i32, u8),
    Week(i32, u8),
    /// The weekend of an ISO week (`2013-W12-WE`).
    Weekend(i32, u8),
    /// A half year (`2013-H1`).
    Half(i32, u8),
    Decade(i32),
    Century(i32),
    Ref(&'static str),
    /// A duration (TimeML protocol only): a count (`None`: unspecified,
    /// `several years`) of a unit letter (`Y`, `Q`, `M`, `W`, `D`).
    Duration(Option<u32>, u8),
}

/// Append `n` in decimal, with leading zeros up to `width` digits (as
/// `format!("{n:0width$}")`).
fn push_padded(s: &mut String, n: u32, width: usize) {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(n);
    for _ in digits.len()..width {
        s.push('0');
    }
    s.push_str(digits);
}

impl Value {
    /// The ISO 8601 / TimeML value.
    pub fn iso(&self) -> String {
        let y = |y: &Option<i32>| match y {
            Some(y) => format!("{y:04}"),
            None => "XXXX".to_string(),
        };
        // the common values without the formatting machinery
        match *self {
            Value::Day(Some(yy), m, d) if (0..=9999).contains(&yy) => {
                let mut s = String::with_capacity(10);
                push_padded(&mut s, yy as u32, 4);
                s.push('-');
                push_padded(&mut s, m.into(), 2);
                s.push('-');
                push_padded(&mut s, d.into(), 2);
                return s;
            }
            Value::Year(yy) if (0..=9999).contains(&yy) => {
                let mut s = String::with_capacity(4);
                push_padded(&mut s, yy as u32, 4);
                return s;
            }
            _ => {}
        }
        match self {
            Value::Day(yy, m, d) => format!("{}-{m:02}-{d:02}", y(yy)),
            Value::Month(yy, m) => format!("{}-{m:02}", y(yy)),
            Value::Year(y) => format!("{y:04}"),
            Value::Season(y, s) => format!("{y:04}-{}", SEASONS[*s as usize % 4]),
            Value::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Value::Week(y, w) => format!("{y:04}-W{w:02}"),
            Value::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Value::Half(y, h) => format!("{y:04}-H{h}"),
            Value::Decade(d) => format!("{d:03}"),
            Value::Century(c) => format!("{c:02}"),
            Value::Ref(r) => r.to_string(),
            Value::Duration(Some(n), u) => format!("P{n}{}", *u as char),
            Value::Duration(None, u) => format!("PX{}", *u as char),
        }
    }

    /// `day`, `month`, `year`, `season`, `quarter`, `week`, `decade`,
    /// `half`, `century`, `ref` or `duration`.
    pub fn granularity(&self) -> &'static str {
        match self {
            Value::Day(..) => "day",
            Value::Month(..) => "month",
            Value::Year(_) => "year",
            Value::Season(..) => "season",
            Value::Quarter(..) => "quarter",
            Value::Week(..) | Value::Weekend(..) => "week",
            Value::Half(..) => "half",
            Value::Decade(_) => "decade",
            Value::Century(_) => "century",
            Value::Ref(_) => "ref",
            Value::Duration(..) => "duration",
        }
    }

    /// The written year, if any.
    pub fn year(&self) -> Option<i32> {
        match *self {
            Value::Day(y, ..) | Value::Month(y, _) => y,
            Value::Year(y)
            | Value::Season(y, _)
            | Value::Quarter(y, _)
            | Value::Week(y, _)
            | Value::Weekend(y, _)
            | Value::Half(y, _) => Some(y),
            _ => None,
        }
    }
}

/// One date found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// Start of the core span (byte).
    pub start: usize,
    /// End of both spans (byte, exclusive).
    pub end: usize,
    /// Start of the TimeML span (at or before `start`).
    pub tstart: usize,
    /// The value.
    pub value: Value,
    /// The year is not written here: taken from context or the document
    /// date (filled in by the caller).
    pub needs_year: bool,
    /// Inside a legal citation.
    pub citation: bool,
    /// Resolved against the document date.
    pub relative: bool,
}

impl Found {
    pub fn new(start: usize, end: usize, value: Value) -> Found {
        Found {
            start,
            end,
            tstart: start,
            value,
            needs_year: false,
            citation: false,
            relative: false,
        }
    }
}

/// Byte at `i`, or 0 past either end.
#[inline]
pub(crate) fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// Byte before `i`, or 0 at the start.
#[inline]
pub(crate) fn before(b: &[u8], i: usize) -> u8 {
    if i == 0 {
        0
    } else {
        at(b, i - 1)
    }
}

#[inline]
fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// Skip spaces (ASCII and no-break space) forward from `i`, at most one
/// line break and a few bytes: dates do not span paragraphs.
pub(crate) fn skip_ws(b: &[u8], mut i: usize) -> usize {
    let start = i;
    let mut newlines = 0;
    while i < b.len() && i - start < 8 {
        match b[i] {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\n' if newlines == 0 => {
                newlines += 1;
                i += 1
            }
            0xC2 if at(b, i + 1) == 0xA0 => i += 2,
            _ => break,
        }
    }
    i
}

/// Skip spaces backward from `i` (exclusive end), as [`skip_ws`].
pub(crate) fn skip_ws_back(b: &[u8], mut i: usize) -> usize {
    let start = i;
    let mut newlines = 0;
    while i > 0 && start - i < 8 {
        match b[i - 1] {
            b' ' | b'\t' | b'\r' => i -= 1,
            b'\n' if newlines == 0 => {
                newlines += 1;
                i -= 1
            }
            0xA0 if before(b, i - 1) == 0xC2 => i -= 2,
            _ => break,
        }
    }
    i
}

/// A run of 1..=`max` ASCII digits at `i` not followed by another digit:
/// `(value, end)`.
pub(crate) fn digits(b: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v = 0u32;
    while j < b.len() && b[j].is_ascii_digit() {
        if j - i == max {
            return None;
        }
        v = v * 10 + (b[j] - b'0') as u32;
        j += 1;
    }
    (j > i).then_some((v, j))
}

/// The word (letters, digits, periods, apostrophes) ending at `i`
/// (exclusive), after skipping spaces back: `(start, end)`.
pub(crate) fn word_before(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let e = skip_ws_back(b, i);
    let mut s = e;
    while s > 0 && (is_alnum(b[s - 1]) || b[s - 1] == b'.' || b[s - 1] == b'\'') && e - s < 40 {
        s -= 1;
    }
    (s < e).then_some((s, e))
}

/// The word (letters, digits, periods) starting at `i` after skipping
/// spaces: `(start, end)`, without a sentence-final period.
pub(crate) fn word_after(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let s = skip_ws(b, i);
    let mut e = s;
    while e < b.len() && (is_alnum(b[e]) || b[e] == b'.') && e - s < 40 {
        e += 1;
    }
    (s < e).then_some((s, e))
}

/// After a range connector (`-`, `–`, `—`, `to`, `through`, `until`,
/// `and`) at `i` (spaces allowed around it): where the next part starts.
pub(crate) fn connector(b: &[u8], i: usize) -> Option<usize> {
    let j = skip_ws(b, i);
    let k = match at(b, j) {
        b'-' => j + 1,
        0xE2 if at(b, j + 1) == 0x80 && matches!(at(b, j + 2), 0x93 | 0x94) => j + 3,
        _ => {
            let (ws, we) = word_after(b, j)?;
            let w = &b[ws..we];
            let ok = [&b"to"[..], b"through", b"thru", b"until", b"till", b"and"]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c));
            if !ok || ws != j {
                return None;
            }
            we
        }
    };
    Some(skip_ws(b, k))
}

/// Days in month `m` of year `y` (`None`: any year).
pub(crate) fn days_in_month(y: Option<i32>, m: u8) -> u8 {
    match m {
        2 => match y {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid_day(y: Option<i32>, m: u8, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) as u32
}

/// The scanner over one text.
pub(crate) struct Scan<'a> {
    pub vocab: &'a Vocab,
    pub text: &'a str,
    pub b: &'a [u8],
    pub out: Vec<Found>,
    /// Whether TimeML span starts (`Found::tstart`) are wanted: only
    /// the TimeML protocol reads them, so records skip their lookups.
    pub spans: bool,
}

impl<'a> Scan<'a> {
    pub fn new(vocab: &'a Vocab, text: &'a str, spans: bool) -> Scan<'a> {
        Scan {
            vocab,
            text,
            b: text.as_bytes(),
            out: Vec::new(),
            spans,
        }
    }

    /// Where the TimeML span of a date at `s` starts (with `part`, also
    /// before `the end of`), when spans are wanted; else `s`, as
    /// [`Found::new`] leaves it.
    fn span_start(&self, s: usize, day: bool, part: bool) -> usize {
        if !self.spans {
            return s;
        }
        let t = self.timeml_start(s, day);
        if part {
            self.part_of(t)
        } else {
            t
        }
    }

    /// The anchor word exactly at `s..e`, if any.
    pub fn anchor_at(&self, s: usize, e: usize) -> Option<(Anchor, bool)> {
        let end = e.min(self.b.len());
        if s >= end {
            return None;
        }
        let m = self
            .vocab
            .ac
            .find(aho_corasick::Input::new(self.text).span(s..end))?;
        (m.start() == s && m.end() == e).then(|| {
            let p = m.pattern().as_usize();
            (self.vocab.anchors[p], self.vocab.abbrev[p])
        })
    }

    /// The anchor of the word of letters starting at `j`.
    pub fn word_anchor(&self, j: usize) -> Option<Anchor> {
        let mut e = j;
        while e < self.b.len() && self.b[e].is_ascii_alphabetic() && e - j < 12 {
            e += 1;
        }
        self.anchor_at(j, e).map(|x| x.0)
    }

    /// A four-digit year at `i` (1000..=2999) not followed by a letter or
    /// digit: `(year, end)`.
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let (y, e) = digits(self.b, i, 4)?;
        if e - i != 4 || !(1000..=2999).contains(&y) || is_alnum(at(self.b, e)) {
            return None;
        }
        // `2006-07` or `2006.5` go on as other numbers.
        if matches!(at(self.b, e), b'.' | b',' | b'/' | b':') && at(self.b, e + 1).is_ascii_digit()
        {
            return None;
        }
        Some((y as i32, e))
    }

    /// A day of month at `i` (`19`, `19th`, `1st`): `(day, end)`.
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let (d, mut e) = digits(self.b, i, 2)?;
        if !(1..=31).contains(&d) || before(self.b, i).is_ascii_alphanumeric() {
            return None;
        }
        let suf = [&b"st"[..], b"nd", b"rd", b"th"];
        if e + 2 <= self.b.len() && suf.iter().any(|s| self.b[e..e + 2].eq_ignore_ascii_case(s)) {
            e += 2;
        }
        if is_alnum(at(self.b, e)) {
            return None;
        }
        // A time (`5:30`) or a decimal (`5.5`) is no day.
        if matches!(at(self.b, e), b':' | b'.' | b',' | b'/') && at(self.b, e + 1).is_ascii_digit()
        {
            return None;
        }
        Some((d, e))
    }

    /// After a day or month at `i`: an optional comma (or `of`) and a year.
    pub fn trailing_year(&self, i: usize) -> Option<(i32, usize)> {
        let mut j = i;
        if at(self.b, j) == b',' {
            j += 1;
        }
        j = skip_ws(self.b, j);
        if let Some((s, e)) = word_after(self.b, j) {
            if s == j && self.b[s..e].eq_ignore_ascii_case(b"of") {
                j = skip_ws(self.b, e);
            }
        }
        if at(self.b, j) == b'\'' || before(self.b, j) == b'\'' {
            return None;
        }
        self.year_at(j)
    }

    /// Parse the dates around the month name at `ms..me`; returns where
    /// scanning may go on.
    pub fn month(&mut self, ms: usize, me: usize, m: u8, abbr: bool) -> usize {
        self.month_in(ms, me, m, abbr, true)
    }

    /// [`Scan::month`]; the second part of a range is parsed with `nest`
    /// false, so ranges never recurse further.
    fn month_in(&mut self, ms: usize, me: usize, m: u8, abbr: bool, nest: bool) -> usize {
        let b = self.b;
        if !capitalised(&b[ms..me]) {
            return me;
        }
        let mut e = me;
        if abbr && at(b, e) == b'.' {
            e += 1;
        }
        let k = skip_ws(b, e);
        // Data fields: `19-Jul-2006`, `19-JUL-06`.
        if let Some(f) = self.dashed(ms, e, m) {
            let end = f.end;
            self.push(f);
            return end;
        }
        // Day first: `19 July 2006`, `19th of July`, `the 3rd of May`.
        if let Some((ds, d)) = self.day_before(ms) {
            let year = self.trailing_year(e);
            let y = year.map(|(y, _)| y);
            if valid_day(y, m, d) {
                let end = year.map_or(e, |(_, ye)| ye);
                // `19–21 July 2006`: the first day of a range.
                if let Some((d0s, d0e, d0)) = self.range_day_before(ds) {
                    if valid_day(y, m, d0) && d0 < d {
                        let mut f = Found::new(d0s, d0e, Value::Day(y, m, d0 as u8));
                        f.needs_year = y.is_none();
                        self.out.push(f);
                    }
                }
                let mut f = Found::new(ds, end, Value::Day(y, m, d as u8));
                f.needs_year = y.is_none();
                self.push(f);
                return end;
            }
        }
        // Month first: `July 19, 2006`, `July 19th`, `Sept. 6, 2006`.
        if let Some((d, de)) = self.day_at(k) {
            if let Some((y, ye)) = self.trailing_year(de) {
                if valid_day(Some(y), m, d) {
                    self.push(Found::new(ms, ye, Value::Day(Some(y), m, d as u8)));
                    return ye;
                }
                return ye;
            }
            if !valid_day(None, m, d) {
                return de;
            }
            // A range: `July 19–21, 2006`, `July 19 to August 3, 2006`.
            if let Some(n) = connector(b, de) {
                if let Some((d2, d2e)) = self.day_at(n) {
                    if let Some((y, ye)) = self.trailing_year(d2e) {
                        if valid_day(Some(y), m, d) && valid_day(Some(y), m, d2) && d2 > d {
                            self.push(Found::new(ms, de, Value::Day(Some(y), m, d as u8)));
                            self.push(Found::new(n, ye, Value::Day(Some(y), m, d2 as u8)));
                            return ye;
                        }
                    }
                }
                if let Some((ns, ne, m2, a2)) = self.month_after(n).filter(|_| nest) {
                    let before = self.out.len();
                    let end = self.month_in(ns, ne, m2, a2, false);
                    let second = self.out[before..].first().map(|f| f.value);
                    let y2 = match second {
                        Some(Value::Day(y, m2, _)) if m2 > m => y,
                        _ => None,
                    };
                    let y2 = y2.filter(|&y| valid_day(Some(y), m, d));
                    let mut f = Found::new(ms, de, Value::Day(y2, m, d as u8));
                    f.needs_year = y2.is_none();
                    f.citation = self.in_citation(ms, de);
                    f.tstart = self.span_start(ms, true, false);
                    self.out.insert(before, f);
                    return end;
                }
            }
            // `July 19th`, `Oct. 19` with the year left to context; not a
            // reporter's volume and page (`23 I&N Dec. 1`).
            if abbr && (at(b, me) != b'.' || b[ms.saturating_sub(6)..ms].contains(&b'&')) {
                return de;
            }
            let mut f = Found::new(ms, de, Value::Day(None, m, d as u8));
            f.needs_year = true;
            self.push(f);
            return de;
        }
        // Month and year: `August 2005`, `July, 2005`, `July of 2005`.
        if let Some((y, ye)) = self.trailing_year(e) {
            self.push(Found::new(ms, ye, Value::Month(Some(y), m)));
            return ye;
        }
        // A lone month starting a range: `from May to December 2015`.
        if let Some(n) = connector(b, e).filter(|_| nest && !abbr) {
            if let Some((ns, ne, m2, a2)) = self.month_after(n) {
                let before = self.out.len();
                let end = self.month_in(ns, ne, m2, a2, false);
                let second = self.out[before..].first().map(|f| f.value);
                if let Some(v2) = second {
                    let (y, m2) = match v2 {
                        Value::Day(y, m2, _) | Value::Month(y, m2) => (y, m2),
                        _ => (None, 0),
                    };
                    if let Some(y) = y.filter(|_| m2 > m) {
                        let mut f = Found::new(ms, e, Value::Month(Some(y), m));
                        f.citation = self.in_citation(ms, e);
                        f.tstart = self.span_start(ms, false, false);
                        self.out.insert(before, f);
                    }
                    return end;
                }
            }
        }
        e
    }

    /// `19-Jul-2006` or `19-Jul-06` around the month at `ms..e`.
    fn dashed(&self, ms: usize, e: usize, m: u8) -> Option<Found> {
        let b = self.b;
        if before(b, ms) != b'-' || at(b, e) != b'-' || ms < 2 {
            return None;
        }
        let mut ds = ms - 1;
        while ds > 0 && b[ds - 1].is_ascii_digit() && ms - 1 - ds < 2 {
            ds -= 1;
        }
        let (d, de) = digits(b, ds, 2)?;
        if de != ms - 1 || is_alnum(before(b, ds)) {
            return None;
        }
        let (yv, ye) = digits(b, e + 1, 4)?;
        let y = match ye - e - 1 {
            4 => yv as i32,
            2 => (if yv < 50 { 2000 } else { 1900 }) + yv as i32,
            _ => return None,
        };
        if is_alnum(at(b, ye)) || !valid_day(Some(y), m, d) {
            return None;
        }
        Some(Found::new(ds, ye, Value::Day(Some(y), m, d as u8)))
    }

    /// A month name starting at `n`: `(start, end, month, abbreviation)`.
    fn month_after(&self, n: usize) -> Option<(usize, usize, u8, bool)> {
        let b = self.b;
        let mut e = n;
        while e < b.len() && b[e].is_ascii_alphabetic() && e - n < 10 {
            e += 1;
        }
        if is_alnum(at(b, e)) {
            return None;
        }
        match self.anchor_at(n, e) {
            Some((Anchor::Month(m), abbr)) if capitalised(&b[n..e]) => Some((n, e, m, abbr)),
            _ => None,
        }
    }

    /// A day number before the month at `ms`: `19 July`, `19th of July`:
    /// `(start, day)`.
    fn day_before(&self, ms: usize) -> Option<(usize, u32)> {
        let b = self.b;
        let mut i = skip_ws_back(b, ms);
        if i == ms && ms > 0 {
            return None;
        }
        if let Some((s, e)) = word_before(b, i) {
            if b[s..e].eq_ignore_ascii_case(b"of") && e == i {
                i = skip_ws_back(b, s);
                // `the 19th day of March`
                if let Some((s2, e2)) = word_before(b, i) {
                    if b[s2..e2].eq_ignore_ascii_case(b"day") && e2 == i {
                        i = skip_ws_back(b, s2);
                    }
                }
            }
        }
        let (mut s, e) = word_before(b, i)?;
        if e != i {
            return None;
        }
        // `14 th August`: a suffix written apart.
        if e - s == 2
            && [&b"st"[..], b"nd", b"rd", b"th"]
                .iter()
                .any(|x| b[s..e].eq_ignore_ascii_case(x))
        {
            let (s2, e2) = word_before(b, s)?;
            if e2 + 1 != s || !b[s2..e2].iter().all(u8::is_ascii_digit) {
                return None;
            }
            let (d, de) = digits(b, s2, 2)?;
            return (de == e2 && (1..=31).contains(&d) && !before(b, s2).is_ascii_alphanumeric())
                .then_some((s2, d));
        }
        let (d, de) = self.day_at(s)?;
        s = s.min(de);
        (de == e).then_some((s, d))
    }

    /// The first day of a range ending at the day starting at `ds`
    /// (`19–` in `19–21 July`): `(start, end, day)`.
    fn range_day_before(&self, ds: usize) -> Option<(usize, usize, u32)> {
        let b = self.b;
        let mut i = skip_ws_back(b, ds);
        if before(b, i) == b'-' {
            i -= 1;
        } else if i >= 3 && b[i - 3] == 0xE2 && b[i - 2] == 0x80 && matches!(b[i - 1], 0x93 | 0x94)
        {
            i -= 3;
        } else {
            // `between 9 and 11 May`, `from 9 to 11 May`.
            let (ws, we) = word_before(b, i).filter(|&(_, we)| we == i && i < ds)?;
            let w = &b[ws..we];
            let ok = [&b"and"[..], b"to", b"through", b"until"]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c));
            if !ok {
                return None;
            }
            i = ws;
        }
        let i = skip_ws_back(b, i);
        let (s, e) = word_before(b, i)?;
        let (d, de) = self.day_at(s)?;
        (de == e && e == i).then_some((s, e, d))
    }

    /// Record a found date, marking citations and TimeML prefixes.
    pub fn push(&mut self, mut f: Found) {
        f.citation = self.in_citation(f.start, f.end);
        f.tstart = self.span_start(f.start, matches!(f.value, Value::Day(..)), true);
        self.out.push(f);
    }

    /// `the end of 2012`, `the beginning of the year`: where the TimeML
    /// span starts when a part-of phrase stands before `s`.
    fn part_of(&self, s: usize) -> usize {
        let b = self.b;
        let Some((os, oe)) = word_before(b, s).filter(|&(_, oe)| oe < s) else {
            return s;
        };
        if !b[os..oe].eq_ignore_ascii_case(b"of") {
            return s;
        }
        match word_before(b, os).filter(|&(_, pe)| pe < os) {
            Some((ps, pe)) if self.vocab.is(List::PartOf, &b[ps..pe]) => {
                match word_before(b, ps).filter(|&(_, te)| te < ps) {
                    Some((ts, te)) if b[ts..te].eq_ignore_ascii_case(b"the") => ts,
                    _ => ps,
                }
            }
            _ => s,
        }
    }

    /// Where the TimeML span of a date at `s` starts: before a modifier
    /// (`early 2011`, `mid-2005`) or, for days, a weekday
    /// (`Thursday, May 7`).
    fn timeml_start(&self, s: usize, day: bool) -> usize {
        let b = self.b;
        let glued = before(b, s) == b'-';
        let i = if glued { s - 1 } else { s };
        if let Some((ws, we)) = word_before(b, i) {
            let adjacent = if glued {
                we == i
            } else {
                we < s && we == skip_ws_back(b, s)
            };
            // Not across a sentence end (`a year earlier. This week`).
            if adjacent && b[we - 1] != b'.' && self.vocab.is(List::Modifier, &b[ws..we]) {
                return ws;
            }
        }
        if day {
            let mut j = skip_ws_back(b, s);
            if j > 0 && before(b, j) == b',' {
                j = skip_ws_back(b, j - 1);
            }
            if j < s {
                if let Some((ws, we)) = word_before(b, j) {
                    if we == j {
                        if let Some((Anchor::Weekday(_), false)) = self.anchor_at(ws, we) {
                            return ws;
                        }
                    }
                }
            }
        }
        s
    }

    /// Whether the date at `s..e` ends a citation parenthetical
    /// (`(Fed. Cir. 2013)`, `[1st Dept 2025]`, `(2005)`) or starts a
    /// reporter cite (`2019 WL 1234`).
    pub fn in_citation(&self, s: usize, e: usize) -> bool {
        let b = self.b;
        let year = e - s == 4;
        let mut j = e;
        let mut words = 0;
        while words < 2 {
            match word_after(b, j) {
                Some((ws, we)) if ws == skip_ws(b, j) => {
                    if self.vocab.is(List::CiteAfter, &b[ws..we]) {
                        return true;
                    }
                    j = we;
                    words += 1;
                }
                _ => break,
            }
        }
        if year {
            // A reporter after the year: `AIR 1951 SC 124`,
            // `2001 SCC (L&S) 976`, `2019(1) PLJR 628`.
            let k = skip_ws(b, e);
            if at(b, k) == b'(' && at(b, k + 1).is_ascii_digit() && k - e <= 1 {
                return true;
            }
            if let Some((ws, we)) = word_after(b, e) {
                let w = &b[ws..we];
                let caps = w.iter().filter(|c| c.is_ascii_uppercase()).count();
                if ws > e
                    && caps >= 2
                    && w.iter().all(|&c| c.is_ascii_uppercase() || c == b'.')
                    && self.number_follows(we)
                {
                    return true;
                }
            }
            // The name of a law: `the Motor Vehicles Act, 1988`,
            // `the Civil Rights Act of 1964`.
            let mut p = skip_ws_back(b, s);
            if before(b, p) == b',' {
                p = skip_ws_back(b, p - 1);
            }
            if let Some((ws, we)) = word_before(b, p) {
                let mut w = (ws, we);
                if we == p && b[ws..we].eq_ignore_ascii_case(b"of") {
                    if let Some(w2) = word_before(b, ws) {
                        w = w2;
                    }
                }
                if b[w.0].is_ascii_uppercase() && self.vocab.is(List::LawWord, &b[w.0..w.1]) {
                    return true;
                }
            }
        }
        let close = at(b, skip_ws(b, e));
        if close != b')' && close != b']' {
            return false;
        }
        let open = if close == b')' { b'(' } else { b'[' };
        let lo = s.saturating_sub(60);
        let Some(o) = b[lo..s].iter().rposition(|&c| c == open || c == close) else {
            return false;
        };
        let o = lo + o;
        if b[o] != open {
            return false;
        }
        // A dateline opens a press release: `(Geneva, 12 May 2023) –`.
        let after = skip_ws(b, skip_ws(b, e) + 1);
        let dash = at(b, after) == b'-'
            || (at(b, after) == 0xE2
                && at(b, after + 1) == 0x80
                && matches!(at(b, after + 2), 0x93 | 0x94));
        if dash || o == 0 || before(b, o) == b'\n' {
            return false;
        }
        let inner = &b[o + 1..s];
        // `(2014) 2 SCC 1`, `[1964] 4 SCR 964`: the year leads a reporter.
        if year && inner.iter().all(|c| c.is_ascii_whitespace()) {
            let c = skip_ws(b, e) + 1;
            if let Some((ns, ne)) = word_after(b, c) {
                if b[ns..ne].iter().all(u8::is_ascii_digit) {
                    if let Some((rs, _)) = word_after(b, ne) {
                        if rs > ne && b[rs].is_ascii_uppercase() {
                            return true;
                        }
                    }
                }
            }
        }
        if inner.iter().all(|c| c.is_ascii_whitespace()) {
            // `[2019]`, or `687 (1984)` after a page number; a lone
            // `(August 2005)` or `report (2005)` is no citation.
            let p = skip_ws_back(b, o);
            return before(b, p).is_ascii_digit() || (year && open == b'[');
        }
        let mut count = 0;
        let mut courtish = false;
        for tok in inner
            .split(|&c| c == b' ' || c == b',' || c == b'\n' || c == b'\t')
            .filter(|t| !t.is_empty())
        {
            count += 1;
            let first = tok[0];
            let ok = first.is_ascii_uppercase()
                || first.is_ascii_digit()
                || tok.contains(&b'.')
                || self.vocab.is(List::CiteWord, tok)
                || tok.iter().all(|&c| !c.is_ascii_alphabetic());
            if !ok || count > 8 {
                return false;
            }
            courtish |=
                tok.contains(&b'.') || first.is_ascii_digit() || self.vocab.is(List::CiteWord, tok);
        }
        // A bare year after capitalised words is a cite (`(BIA 2000)`); a
        // full date needs a court abbreviation (`(9th Cir. Jan. 5, 2010)`).
        year || courtish
    }

    /// Whether a number follows `i` within two words (`SC 124`,
    /// `SCC (L&S) 976`).
    fn number_follows(&self, i: usize) -> bool {
        let b = self.b;
        let mut j = i;
        for _ in 0..2 {
            let k = skip_ws(b, j);
            let k = if at(b, k) == b'(' {
                match b[k..].iter().take(12).position(|&c| c == b')') {
                    Some(c) => skip_ws(b, k + c + 1),
                    None => return false,
                }
            } else {
                k
            };
            match word_after(b, k) {
                Some((ws, we)) if ws == k => {
                    if b[ws].is_ascii_digit() {
                        return true;
                    }
                    j = we;
                }
                _ => return false,
            }
        }
        false
    }

    /// Pass 2: numeric dates and bare years in the digit runs not taken
    /// by pass 1 (`self.out`, sorted).
    pub fn numbers(&mut self) {
        let b = self.b;
        let mut taken = std::mem::take(&mut self.out);
        taken.sort_by_key(|f| (f.start, f.end));
        let mut t = 0;
        let mut i = 0;
        let mut found = Vec::new();
        // from one digit run to the next
        while let Some(s) = next_digit(b, i) {
            let mut e = s;
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
            i = e;
            while t < taken.len() && taken[t].end <= s {
                t += 1;
            }
            if t < taken.len() && taken[t].start <= s {
                continue;
            }
            if is_alnum(before(b, s)) {
                continue;
            }
            let before_len = found.len();
            let next = self.number(s, e, &mut found);
            for f in &mut found[before_len..] {
                f.citation = self.in_citation(f.start, f.end);
                f.tstart = self.span_start(f.start, matches!(f.value, Value::Day(..)), true);
            }
            i = i.max(next);
        }
        found.extend(taken);
        found.sort_by_key(|f| (f.start, f.end));
        self.out = found;
    }

    /// Classify the digit run `s..e`; returns where scanning goes on.
    fn number(&self, s: usize, e: usize, out: &mut Vec<Found>) -> usize {
        let b = self.b;
        let n = e - s;
        let sep = at(b, e);
        // ISO `2006-07-19` (or with slashes).
        if n == 4 && (sep == b'-' || sep == b'/') {
            if let Some((m, me)) = digits(b, e + 1, 2) {
                if me == e + 3 && at(b, me) == sep {
                    if let Some((d, de)) = digits(b, me + 1, 2) {
                        let y = self.num(s, e) as i32;
                        // A time may follow: `2006-07-19T10:00Z`.
                        let timed = at(b, de) == b'T' && at(b, de + 1).is_ascii_digit();
                        if de == me + 3
                            && (!is_alnum(at(b, de)) || timed)
                            && valid_day(Some(y), m as u8, d)
                            && !matches!(before(b, s), b'-' | b'/' | b'.')
                        {
                            out.push(Found::new(s, de, Value::Day(Some(y), m as u8, d as u8)));
                            return de;
                        }
                    }
                }
            }
        }
        // Centuries: `the 20th century` → `19`.
        if n <= 2 && sep.is_ascii_alphabetic() {
            if let Some((_, de)) = self.day_at(s) {
                if let Some((ws, we)) = word_after(b, de) {
                    if ws > de && b[ws..we].eq_ignore_ascii_case(b"century") {
                        let c = self.num(s, e) as i32;
                        if (1..=30).contains(&c) {
                            out.push(Found::new(s, we, Value::Century(c - 1)));
                            return we;
                        }
                    }
                }
            }
            return e;
        }
        // `7/19/2006`, `09/30/25`, `19.07.2006`, `19-07-2006`.
        if n <= 2
            && matches!(sep, b'/' | b'.' | b'-')
            && !(matches!(before(b, s), b'/' | b'.' | b'-') && before(b, s - 1).is_ascii_digit())
        {
            if let Some((a2, me)) = digits(b, e + 1, 2) {
                if at(b, me) == sep {
                    if let Some((yv, ye)) = digits(b, me + 1, 4) {
                        let yl = ye - me - 1;
                        let next = at(b, ye);
                        let tail_ok = !(is_alnum(next)
                            || (matches!(next, b'/' | b'.' | b'-')
                                && at(b, ye + 1).is_ascii_digit()));
                        let year = match yl {
                            4 => Some(yv as i32),
                            2 if sep != b'.' => Some(if yv < 50 { 2000 } else { 1900 } + yv as i32),
                            _ => None,
                        };
                        let id = word_before(b, s).is_some_and(|(ws, we)| {
                            we == skip_ws_back(b, s) && self.vocab.is(List::NotBefore, &b[ws..we])
                        });
                        if let (Some(y), true, false) = (year, tail_ok, id) {
                            let a1 = self.num(s, e);
                            // Month first (US) unless the first number
                            // cannot be a month; dots mean day first.
                            let (m, d) = if sep == b'.' || (a1 > 12 && a2 <= 12) {
                                (a2, a1)
                            } else {
                                (a1, a2)
                            };
                            if valid_day(Some(y), m as u8, d) {
                                out.push(Found::new(s, ye, Value::Day(Some(y), m as u8, d as u8)));
                            }
                            return ye;
                        }
                    }
                }
            }
            return e;
        }
        if n != 4 {
            return e;
        }
        let y = self.num(s, e) as i32;
        // Decades: `the 1990s`, `1990's`.
        if y % 10 == 0 && (1000..=2990).contains(&y) {
            let se = if at(b, e) == b's' {
                e + 1
            } else if at(b, e) == b'\'' && at(b, e + 1) == b's' {
                e + 2
            } else {
                0
            };
            if se > 0 && !is_alnum(at(b, se)) {
                out.push(Found::new(s, se, Value::Decade(y / 10)));
                return se;
            }
        }
        if !self.bare_year(s, e, y) {
            return e;
        }
        // A year range `2009-2010`, `2009–10`: each end its own entry.
        if let Some(n2) = self.dash_after(e) {
            if let Some((y2, e2)) = digits(b, n2, 4) {
                let l2 = e2 - n2;
                let y2 = match l2 {
                    4 => y2 as i32,
                    2 => y - y % 100 + y2 as i32,
                    _ => 0,
                };
                if y2 > y && y2 - y < 100 && !is_alnum(at(b, e2)) {
                    out.push(Found::new(s, e, Value::Year(y)));
                    if l2 == 4 {
                        out.push(Found::new(n2, e2, Value::Year(y2)));
                    }
                    return e2;
                }
            }
            return e;
        }
        out.push(Found::new(s, e, Value::Year(y)));
        e
    }

    /// A dash right after `e` followed by a digit: where the digit is.
    fn dash_after(&self, e: usize) -> Option<usize> {
        let b = self.b;
        let n = match at(b, e) {
            b'-' | b'/' => e + 1,
            0xE2 if at(b, e + 1) == 0x80 && matches!(at(b, e + 2), 0x93 | 0x94) => e + 3,
            _ => return None,
        };
        at(b, n).is_ascii_digit().then_some(n)
    }

    fn num(&self, s: usize, e: usize) -> u32 {
        self.b[s..e].iter().fold(0u32, |v, &c| {
            v.wrapping_mul(10).wrapping_add((c - b'0') as u32)
        })
    }

    /// Whether the four digits `s..e` (value `y`) are a year used as a
    /// point in time rather than an amount or an identifier.
    fn bare_year(&self, s: usize, e: usize, y: i32) -> bool {
        let b = self.b;
        let v = self.vocab;
        if !(1000..=2099).contains(&y) {
            return false;
        }
        let after = at(b, e);
        if is_alnum(after) || after == b'%' {
            return false;
        }
        if matches!(after, b'.' | b',' | b':') && at(b, e + 1).is_ascii_digit() {
            return false;
        }
        let prev = before(b, s);
        if matches!(prev, b'$' | b'#' | b'@' | b'+' | b'=' | b'*') {
            return false;
        }
        // `£`, `§`, `¶`, `©`, `€` right before or a space away.
        let p = skip_ws_back(b, s);
        let pb = before(b, p);
        if (pb == 0xA3 || pb == 0xA7 || pb == 0xB6 || pb == 0xA9) && before(b, p - 1) == 0xC2 {
            return false;
        }
        if pb == 0xAC && p >= 3 && b[p - 3] == 0xE2 {
            return false;
        }
        if p >= 3 && b[p - 3..p].eq_ignore_ascii_case(b"(c)") {
            return false;
        }
        // Digits glued before: `612-2005`, `1,2005`, `3.2005`, `10:2005`.
        if matches!(prev, b'-' | b'/' | b'.' | b',' | b':') && before(b, s - 1).is_ascii_digit() {
            return false;
        }
        if prev == b'/' || prev == b'\\' || prev == b'_' {
            return false;
        }
        // `No. 2734 of 2020`, `Act No. 20 of 2014`: the number of an id.
        if let Some((ws, we)) = word_before(b, s) {
            if we == p && b[ws..we].eq_ignore_ascii_case(b"of") {
                if let Some((ns, ne)) = word_before(b, ws) {
                    if ne == skip_ws_back(b, ws) && b[ns..ne].iter().any(u8::is_ascii_digit) {
                        return false;
                    }
                }
            }
        }
        // Glued to a word: `cv-2005` is an id, `mid-2005` a date.
        if prev == b'-' && before(b, s - 1).is_ascii_alphabetic() {
            match word_before(b, s - 1) {
                Some((ws, we))
                    if we == s - 1
                        && (v.is(List::Modifier, &b[ws..we])
                            || v.is(List::YearCue, &b[ws..we])) => {}
                _ => return false,
            }
        }
        if prev == 0x93 && s >= 4 && b[s - 3] == 0xE2 && before(b, s - 3).is_ascii_digit() {
            return false;
        }
        // A pin cite list: `559, 2005`.
        if pb == b',' && before(b, p - 1).is_ascii_digit() {
            return false;
        }
        if let Some((ws, we)) = word_before(b, s) {
            let w = &b[ws..we];
            if we == p && v.is(List::NotBefore, w) {
                return false;
            }
            // A reporter page: `466 U.S. 2005`, `41 NY3d 2004`.
            let reporter = w.contains(&b'.') && w.iter().any(|c| c.is_ascii_uppercase())
                || (w.iter().any(u8::is_ascii_digit) && w.iter().any(u8::is_ascii_alphabetic));
            if we == p && reporter {
                if let Some((_, pe)) = word_before(b, ws) {
                    if before(b, pe).is_ascii_digit() {
                        return false;
                    }
                }
            }
            if y < 1900 && !(we == p && v.is(List::YearCue, w)) {
                return false;
            }
        } else if y < 1900 {
            return false;
        }
        // Amounts and street numbers by the words after.
        let mut j = e;
        for k in 0..3 {
            match word_after(b, j) {
                Some((ws, we)) if ws == skip_ws(b, j) => {
                    let w = &b[ws..we];
                    if k == 0 && v.is(List::NotAfter, w) {
                        return false;
                    }
                    if v.is(List::Street, w) && b[ws].is_ascii_uppercase() {
                        return false;
                    }
                    if !b[ws].is_ascii_uppercase() {
                        break;
                    }
                    j = we;
                }
                _ => break,
            }
        }
        true
    }

    /// Seasons and quarters with a year: `summer 2005`, `fall of 2003`,
    /// `Q3 2003`, `the third quarter of 2003`.
    pub fn season_or_quarter(&mut self, s: usize, e: usize, a: Anchor) -> usize {
        let b = self.b;
        let (value, end) = match a {
            Anchor::Season(k) => match self.trailing_year(e) {
                Some((y, ye)) => (Value::Season(y, k), ye),
                None => return e,
            },
            Anchor::Quarter(q) => match self.trailing_year(e) {
                Some((y, ye)) => (Value::Quarter(y, q), ye),
                None => return e,
            },
            Anchor::Ordinal(q) if q <= 4 => {
                let Some((ws, we)) = word_after(b, e) else {
                    return e;
                };
                if !b[ws..we].eq_ignore_ascii_case(b"quarter") {
                    return e;
                }
                match self.trailing_year(we) {
                    Some((y, ye)) => (Value::Quarter(y, q), ye),
                    None => return e,
                }
            }
            _ => return e,
        };
        self.push(Found::new(s, end, value));
        end
    }
}

/// A month name as written in running text: `July`, `JULY`, `Sept`.
pub(crate) fn capitalised(w: &[u8]) -> bool {
    match w.split_first() {
        Some((f, rest)) if f.is_ascii_uppercase() => {
            rest.iter().all(u8::is_ascii_lowercase) || rest.iter().all(u8::is_ascii_uppercase)
        }
        _ => false,
    }
}

/// The first ASCII digit of `b` at or after `i`, sixteen bytes at a time
/// (two words), then eight ([`digit_marks`]), then one by one.
fn next_digit(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(two) = b.get(i..).and_then(|r| r.first_chunk::<16>()) {
        let (lo, hi) = two.split_at(8);
        let (lo, hi) = (digit_marks(word(lo)), digit_marks(word(hi)));
        if lo != 0 {
            return Some(i + (lo.trailing_zeros() / 8) as usize);
        }
        if hi != 0 {
            return Some(i + 8 + (hi.trailing_zeros() / 8) as usize);
        }
        i += 16;
    }
    if let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let marks = digit_marks(*chunk);
        if marks != 0 {
            return Some(i + (marks.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..b.len()).find(|&k| b[k].is_ascii_digit())
}

/// The first eight bytes of `w` (which has them).
fn word(w: &[u8]) -> [u8; 8] {
    let mut c = [0u8; 8];
    c.copy_from_slice(&w[..8]);
    c
}

/// The high bit of the bytes of `chunk` (little-endian) that are ASCII
/// digits, and maybe of bytes after the first digit: XOR with `0` maps
/// exactly the digits to bytes below 10, and `(v - 0x0A..) & !v & 0x80..`
/// marks the bytes of `v` below 10, a borrow marking at most bytes above a
/// true mark. The lowest mark is the first digit.
fn digit_marks(chunk: [u8; 8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let v = u64::from_le_bytes(chunk) ^ (ONES * b'0' as u64);
    v.wrapping_sub(ONES * 10) & !v & (ONES * 0x80)
}

/// Whether any of eight bytes is an ASCII digit.
#[cfg(test)]
fn any_digit(chunk: [u8; 8]) -> bool {
    digit_marks(chunk) != 0
}

#[cfg(test)]
mod tests {
    use super::{any_digit, next_digit};

    #[test]
    fn next_digit_is_the_first_digit_from_any_position() {
        // every byte value before and after a digit, at every offset of
        // the eight-byte chunks, from every position
        for fill in [b'a', b' ', 0xFF, 0x80, b'/', b':', 0x00] {
            for pos in 0..36 {
                for v in 0..=255u8 {
                    let mut t = vec![fill; 36];
                    t[pos] = v;
                    if pos + 1 < t.len() {
                        t[pos + 1] = b'7';
                    }
                    for i in 0..=t.len() + 1 {
                        let want = (i..t.len()).find(|&k| t[k].is_ascii_digit());
                        assert_eq!(next_digit(&t, i), want, "{t:?} from {i}");
                    }
                }
            }
        }
        assert_eq!(next_digit(b"", 0), None);
        assert_eq!(next_digit(b"12", 5), None);
    }

    #[test]
    fn any_digit_agrees_with_the_byte_loop() {
        let plain = |c: [u8; 8]| c.iter().any(u8::is_ascii_digit);
        // every byte value in every position, among letters and high bytes
        for fill in [b'a', b' ', 0xFF, 0x80, b'/', b':', 0x00] {
            for pos in 0..8 {
                for v in 0..=255u8 {
                    let mut c = [fill; 8];
                    c[pos] = v;
                    assert_eq!(any_digit(c), plain(c), "{c:?}");
                }
            }
        }
        assert!(any_digit(*b"May 2020"));
        assert!(!any_digit(*b"January "));
        assert!(any_digit([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, b'9']));
        assert!(!any_digit(*b"/:/:/:/:"));
    }
}
