//! The date vocabulary of `patterns/dates.tsv`, compiled once.
//!
//! Words that start a date expression (months, seasons, weekdays, quarter
//! tokens and, for relative expressions, `yesterday`, `now`, `last`, ...)
//! go into one ASCII case-insensitive Aho-Corasick automaton, which is also
//! the prefilter of the finder. Context words (`No.`, `pages`, `Street`,
//! ...) are kept in sorted lists looked up with a lower-cased copy of one
//! word on the stack, so a lookup never allocates.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::error::Result;
use crate::patterns::Patterns;

const FILE: &str = "dates.tsv";

/// The longest context word looked up; longer words match nothing.
pub(crate) const MAX_WORD: usize = 24;

/// What an anchor word of the automaton is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// A month, 1-12.
    Month(u8),
    /// A season, index into [`SEASONS`].
    Season(u8),
    /// A weekday, 1 (Monday) - 7.
    Weekday(u8),
    /// `Q1`..`Q4`.
    Quarter(u8),
    /// An ordinal word (`third`).
    Ordinal(u8),
    /// A day relative to the document date (`yesterday` = -1).
    DayRef(i8),
    /// A vague reference (`now`), index into [`REFS`].
    Ref(u8),
    /// `last` (-1), `this` (0), `next` (1).
    Shift(i8),
    /// `ago`.
    Ago,
    /// A calendar unit word (`year`, `days`): `the end of the year`,
    /// durations (`five years`).
    Unit(Unit),
}

/// TimeML season codes, indexed by [`Anchor::Season`].
pub(crate) const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// TimeML vague reference values, indexed by [`Anchor::Ref`].
pub(crate) const REFS: [&str; 3] = ["PRESENT_REF", "FUTURE_REF", "PAST_REF"];

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Year,
    Quarter,
    Month,
    Week,
    Day,
    /// Saturday and Sunday (TimeML `2013-W12-WE`).
    Weekend,
}

/// The compiled vocabulary.
#[derive(Debug)]
pub(crate) struct Vocab {
    /// Anchor words, leftmost-longest, ASCII case-insensitive.
    pub ac: AhoCorasick,
    /// The anchor of each automaton pattern.
    pub anchors: Vec<Anchor>,
    /// Whether each pattern is a multi-letter abbreviation (`Sept`), which
    /// may take a period and is never a date on its own.
    pub abbrev: Vec<bool>,
    /// The anchors records need (months, seasons, quarters, ordinals),
    /// with their cheap word-start prefilter; `None` when the vocabulary
    /// does not allow it (see [`Vocab::record_matches`]).
    record: Option<RecordAnchors>,
    units: Vec<(Vec<u8>, Unit)>,
    numbers: Vec<(Vec<u8>, u8)>,
    modifier: Vec<Vec<u8>>,
    year_cue: Vec<Vec<u8>>,
    not_before: Vec<Vec<u8>>,
    not_after: Vec<Vec<u8>>,
    street: Vec<Vec<u8>>,
    cite_after: Vec<Vec<u8>>,
    cite_word: Vec<Vec<u8>>,
    law_word: Vec<Vec<u8>>,
    time_word: Vec<Vec<u8>>,
    quantifier: Vec<Vec<u8>>,
    part_of: Vec<Vec<u8>>,
    present_cue: Vec<Vec<u8>>,
    not_duration: Vec<Vec<u8>>,
    age_cue: Vec<Vec<u8>>,
    tense: Vec<(Vec<u8>, Tense)>,
    parts: Vec<(Vec<u8>, Part)>,
}

/// Which part of a period a `part_of` word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Start,
    Mid,
    End,
}

/// What a word says of the tense of its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    /// A past form (`was`, `said`).
    Past,
    /// A future marker (`will`, `expected`).
    Future,
    /// Neither, though it looks like a past participle (`hundred`).
    None,
}

/// Which context list to look a word up in.
#[derive(Clone, Copy, Debug)]
pub(crate) enum List {
    Modifier,
    YearCue,
    NotBefore,
    NotAfter,
    Street,
    CiteAfter,
    CiteWord,
    LawWord,
    TimeWord,
    Quantifier,
    PartOf,
    PresentCue,
    NotDuration,
    AgeCue,
}

impl Vocab {
    pub fn new(p: &Patterns) -> Result<Vocab> {
        let mut words: Vec<String> = Vec::new();
        let mut anchors = Vec::new();
        let mut abbrev = Vec::new();
        let mut units = Vec::new();
        let mut numbers = Vec::new();
        let mut tense = Vec::new();
        let mut parts = Vec::new();
        let mut lists: [Vec<Vec<u8>>; 14] = Default::default();
        for (line, cols) in p.rows(FILE) {
            let bad = |m: &str| crate::patterns::Patterns::error(FILE, line, m.to_string());
            if cols.len() != 3 {
                return Err(bad(
                    "expected three TAB-separated columns: kind, entry, value",
                ));
            }
            let (kind, entry, value) = (cols[0], cols[1].to_ascii_lowercase(), cols[2]);
            if entry.is_empty() {
                return Err(bad("empty entry"));
            }
            let num = |lo: i32, hi: i32| -> Result<i32> {
                value
                    .parse::<i32>()
                    .ok()
                    .filter(|n| (lo..=hi).contains(n))
                    .ok_or_else(|| bad(&format!("value must be a number {lo}..{hi}")))
            };
            let anchor = match kind {
                "month" => Some(Anchor::Month(num(1, 12)? as u8)),
                "season" => Some(Anchor::Season(
                    SEASONS
                        .iter()
                        .position(|s| *s == value)
                        .ok_or_else(|| bad("season value must be SP, SU, FA or WI"))?
                        as u8,
                )),
                "weekday" => Some(Anchor::Weekday(num(1, 7)? as u8)),
                "quarter" => Some(Anchor::Quarter(num(1, 4)? as u8)),
                "ordinal" => Some(Anchor::Ordinal(num(1, 31)? as u8)),
                "ago" => Some(Anchor::Ago),
                "dayref" => Some(Anchor::DayRef(num(-7, 7)? as i8)),
                "shift" => Some(Anchor::Shift(num(-1, 1)? as i8)),
                "ref" => Some(Anchor::Ref(
                    REFS.iter().position(|s| *s == value).ok_or_else(|| {
                        bad("ref value must be PRESENT_REF, FUTURE_REF or PAST_REF")
                    })? as u8,
                )),
                _ => None,
            };
            if let Some(a) = anchor {
                abbrev.push(
                    matches!(a, Anchor::Month(_))
                        && entry.len() <= 4
                        && entry != "june"
                        && entry != "july"
                        && entry != "may",
                );
                words.push(entry);
                anchors.push(a);
                continue;
            }
            let list = match kind {
                "unit" => {
                    let u = match value {
                        "year" => Unit::Year,
                        "quarter" => Unit::Quarter,
                        "month" => Unit::Month,
                        "week" => Unit::Week,
                        "day" => Unit::Day,
                        "weekend" => Unit::Weekend,
                        _ => {
                            return Err(bad(
                                "unit value must be year, quarter, month, week, day or weekend",
                            ))
                        }
                    };
                    units.push((entry.as_bytes().to_vec(), u));
                    // Also an anchor, for `the end of the year` and
                    // durations in the TimeML protocol.
                    words.push(entry);
                    anchors.push(Anchor::Unit(u));
                    abbrev.push(false);
                    continue;
                }
                "tense" => {
                    let t = match value {
                        "past" => Tense::Past,
                        "future" => Tense::Future,
                        "none" => Tense::None,
                        _ => return Err(bad("tense value must be past, future or none")),
                    };
                    tense.push((entry.into_bytes(), t));
                    continue;
                }
                "number" => {
                    numbers.push((entry.into_bytes(), num(1, 99)? as u8));
                    continue;
                }
                "modifier" => 0,
                "year_cue" => 1,
                "not_before" => 2,
                "not_after" => 3,
                "street" => 4,
                "cite_after" => 5,
                "cite_word" => 6,
                "law_word" => 7,
                "time_word" => 8,
                "quantifier" => 9,
                "part_of" => {
                    let part = match value {
                        "start" => Part::Start,
                        "mid" => Part::Mid,
                        "end" => Part::End,
                        _ => return Err(bad("part_of value must be start, mid or end")),
                    };
                    parts.push((entry.as_bytes().to_vec(), part));
                    10
                }
                "present_cue" => 11,
                "not_duration" => 12,
                "age_cue" => 13,
                _ => return Err(bad(&format!("unknown kind {kind:?}"))),
            };
            let e = entry.trim_end_matches('.');
            if e.len() > MAX_WORD {
                return Err(bad(&format!("entry longer than {MAX_WORD} bytes")));
            }
            lists[list].push(e.as_bytes().to_vec());
        }
        if !anchors.iter().any(|a| matches!(a, Anchor::Month(_))) {
            return Err(crate::patterns::Patterns::error(FILE, 0, "no month names"));
        }
        for l in &mut lists {
            l.sort();
            l.dedup();
        }
        units.sort_by(|a, b| a.0.cmp(&b.0));
        numbers.sort();
        tense.sort_by(|a, b| a.0.cmp(&b.0));
        parts.sort_by(|a, b| a.0.cmp(&b.0));
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .map_err(|e| crate::patterns::Patterns::error(FILE, 0, e.to_string()))?;
        let record = RecordAnchors::new(&words, &anchors)?;
        let [modifier, year_cue, not_before, not_after, street, cite_after, cite_word, law_word, time_word, quantifier, part_of, present_cue, not_duration, age_cue] =
            lists;
        Ok(Vocab {
            ac,
            anchors,
            abbrev,
            record,
            units,
            numbers,
            modifier,
            year_cue,
            not_before,
            not_after,
            street,
            cite_after,
            cite_word,
            law_word,
            time_word,
            quantifier,
            part_of,
            present_cue,
            not_duration,
            age_cue,
            tense,
            parts,
        })
    }

    /// The matches of the automaton in `text` (`(start, end, pattern)`,
    /// leftmost-longest, not overlapping), keeping only those that matter
    /// to records when `all` is false: months, seasons, quarters and
    /// ordinals at a word start. Every such match that [`Vocab::ac`] gives
    /// at a word start is given, with the same end.
    pub fn matches(&self, text: &str, all: bool) -> Vec<(usize, usize, usize)> {
        match (&self.record, all) {
            (Some(r), false) => r.matches(text),
            _ => self
                .ac
                .find_iter(text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect(),
        }
    }

    /// Whether `word` (any case, trailing periods ignored) is in `list`.
    pub fn is(&self, list: List, word: &[u8]) -> bool {
        let l = match list {
            List::Modifier => &self.modifier,
            List::YearCue => &self.year_cue,
            List::NotBefore => &self.not_before,
            List::NotAfter => &self.not_after,
            List::Street => &self.street,
            List::CiteAfter => &self.cite_after,
            List::CiteWord => &self.cite_word,
            List::LawWord => &self.law_word,
            List::TimeWord => &self.time_word,
            List::Quantifier => &self.quantifier,
            List::PartOf => &self.part_of,
            List::PresentCue => &self.present_cue,
            List::NotDuration => &self.not_duration,
            List::AgeCue => &self.age_cue,
        };
        with_lower(word, |w| {
            l.binary_search_by(|e| e.as_slice().cmp(w)).is_ok()
        })
    }

    /// The number a cardinal word (`two`) or digits (`12`) stand for.
    pub fn number(&self, word: &[u8]) -> Option<u32> {
        if !word.is_empty() && word.len() <= 4 && word.iter().all(u8::is_ascii_digit) {
            return Some(word.iter().fold(0, |v, &c| v * 10 + (c - b'0') as u32));
        }
        with_lower(word, |w| {
            self.numbers
                .binary_search_by(|(e, _)| e.as_slice().cmp(w))
                .ok()
                .map(|i| self.numbers[i].1 as u32)
        })
    }

    /// The tense a word marks: listed words, else `Past` for a word of
    /// five letters or more in `-ed` (not `-eed`: `proceed`).
    pub fn tense(&self, word: &[u8]) -> Option<Tense> {
        with_lower(word, |w| {
            if let Ok(i) = self.tense.binary_search_by(|(e, _)| e.as_slice().cmp(w)) {
                return Some(self.tense[i].1);
            }
            (w.len() >= 5 && w.ends_with(b"ed") && !w.ends_with(b"eed")).then_some(Tense::Past)
        })
    }

    /// The part of a period a `part_of` word (`end`) names.
    pub fn part(&self, word: &[u8]) -> Option<Part> {
        with_lower(word, |w| {
            self.parts
                .binary_search_by(|(e, _)| e.as_slice().cmp(w))
                .ok()
                .map(|i| self.parts[i].1)
        })
    }

    /// The unit `word` names.
    pub fn unit(&self, word: &[u8]) -> Option<Unit> {
        with_lower(word, |w| {
            self.units
                .binary_search_by(|(e, _)| e.as_slice().cmp(w))
                .ok()
                .map(|i| self.units[i].1)
        })
    }
}

/// The anchors records need, searched only at word starts whose first
/// four bytes may begin one of them.
///
/// Same matches as the full automaton at word starts, because:
/// - these anchors are ASCII letters and digits only, so one of their
///   matches never crosses a word start and never hides another;
/// - no other anchor can hide one of them: `RecordAnchors::new` checks that
///   no other anchor, from its start or from a word inside it (`the past`),
///   is a prefix of one of them or has one of them as a prefix.
#[derive(Debug)]
struct RecordAnchors {
    /// Anchored, leftmost-longest, ASCII case-insensitive.
    ac: AhoCorasick,
    /// The index in [`Vocab::anchors`] of each pattern of `ac`.
    index: Vec<usize>,
    /// `trigrams[k]`: bit `class(c2)` of row `class(c0) * CLASSES +
    /// class(c1)` is set when some pattern has bytes `c0 c1 c2` at offset
    /// `k` (all bits when it ends before). Both must hold at a start.
    trigrams: [Vec<u64>; 2],
    /// Whether some pattern's first byte has the class of this byte: what
    /// the first trigram needs, looked up before the four classes are
    /// (most words, and every number, start with no anchor's first letter).
    first: [bool; 256],
}

/// Byte classes of the prefilter: 26 letters, 10 digits, anything else.
const CLASSES: usize = 37;

fn class(c: u8) -> usize {
    CLASS[c as usize] as usize
}

/// [`class`] of every byte.
const CLASS: [u8; 256] = {
    let mut t = [36u8; 256];
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = c as u8;
        t[b'A' as usize + c] = c as u8;
        c += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 26 + d as u8;
        d += 1;
    }
    t
};

impl RecordAnchors {
    /// `None` when the vocabulary breaks one of the conditions above (the
    /// full automaton is then searched).
    fn new(words: &[String], anchors: &[Anchor]) -> Result<Option<RecordAnchors>> {
        let is_record = |a: &Anchor| {
            matches!(
                a,
                Anchor::Month(_) | Anchor::Season(_) | Anchor::Quarter(_) | Anchor::Ordinal(_)
            )
        };
        let index: Vec<usize> = (0..words.len())
            .filter(|&i| is_record(&anchors[i]))
            .collect();
        let pats: Vec<&[u8]> = index.iter().map(|&i| words[i].as_bytes()).collect();
        if pats
            .iter()
            .any(|p| p.len() < 2 || !p.iter().all(u8::is_ascii_alphanumeric))
        {
            return Ok(None);
        }
        let others = (0..words.len()).filter(|&i| !is_record(&anchors[i]));
        for w in others.map(|i| words[i].as_bytes()) {
            let starts = (0..w.len()).filter(|&j| j == 0 || !w[j - 1].is_ascii_alphanumeric());
            for j in starts {
                let tail = &w[j..];
                if pats
                    .iter()
                    .any(|p| tail.starts_with(p) || p.starts_with(tail))
                {
                    return Ok(None);
                }
            }
        }
        let mut trigrams = [vec![0u64; CLASSES * CLASSES], vec![0u64; CLASSES * CLASSES]];
        for p in &pats {
            for (k, table) in trigrams.iter_mut().enumerate() {
                let (Some(&c0), Some(&c1)) = (p.get(k), p.get(k + 1)) else {
                    // shorter than this trigram: no condition
                    table.iter_mut().for_each(|r| *r = (1 << CLASSES) - 1);
                    continue;
                };
                table[class(c0) * CLASSES + class(c1)] |= match p.get(k + 2) {
                    Some(&c) => 1 << class(c),
                    None => (1 << CLASSES) - 1,
                };
            }
        }
        let mut first = [false; 256];
        for (c, f) in first.iter_mut().enumerate() {
            *f = pats.iter().any(|p| class(p[0]) == class(c as u8));
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&pats)
            .map_err(|e| crate::patterns::Patterns::error(FILE, 0, e.to_string()))?;
        Ok(Some(RecordAnchors {
            ac,
            index,
            trigrams,
            first,
        }))
    }

    /// Whether some pattern may start at `s`.
    #[inline]
    fn may_start(&self, b: &[u8], s: usize) -> bool {
        // the first trigram's row is empty for any other first class
        if !b.get(s).is_some_and(|&c0| self.first[c0 as usize]) {
            return false;
        }
        self.trigrams_allow(b, s)
    }

    /// The trigram test alone (what [`RecordAnchors::may_start`] decides).
    #[inline]
    fn trigrams_allow(&self, b: &[u8], s: usize) -> bool {
        let c = |i: usize| class(b.get(i).copied().unwrap_or(0));
        let (c0, c1, c2) = (c(s), c(s + 1), c(s + 2));
        self.trigrams[0][c0 * CLASSES + c1] & (1 << c2) != 0
            && self.trigrams[1][c1 * CLASSES + c2] & (1 << c(s + 3)) != 0
    }

    /// The longest match at each word start that may start one.
    fn matches(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        // eight bytes at a time: the word starts are the alphanumeric
        // bytes after a byte that is not
        let mut prev_alnum = false;
        let mut chunks = b.chunks_exact(8);
        let mut base = 0;
        for chunk in &mut chunks {
            let chunk = <[u8; 8]>::try_from(chunk).unwrap_or_default();
            let alnum = alnum_bytes(chunk);
            let mut starts = alnum & !((alnum << 8) | u64::from(prev_alnum) << 7);
            prev_alnum = alnum >> 63 != 0;
            while starts != 0 {
                let s = base + starts.trailing_zeros() as usize / 8;
                if self.may_start(b, s) {
                    self.find_at(text, s, &mut out);
                }
                starts &= starts - 1;
            }
            base += 8;
        }
        for (k, &c) in chunks.remainder().iter().enumerate() {
            if c.is_ascii_alphanumeric() && !prev_alnum && self.may_start(b, base + k) {
                self.find_at(text, base + k, &mut out);
            }
            prev_alnum = c.is_ascii_alphanumeric();
        }
        out
    }

    /// The longest match starting at `s`, if any, into `out`.
    fn find_at(&self, text: &str, s: usize, out: &mut Vec<(usize, usize, usize)>) {
        let input = Input::new(text).span(s..text.len()).anchored(Anchored::Yes);
        if let Some(m) = self.ac.find(input) {
            out.push((m.start(), m.end(), self.index[m.pattern().as_usize()]));
        }
    }
}

/// The high bit of each byte of the result (little-endian) is set when
/// that byte of `chunk` is an ASCII letter or digit. Each byte is tested
/// on its low seven bits, with no carry or borrow between bytes (the
/// sums `128 + hi - y` and `y + 128 - lo` have their high bit set
/// exactly when `lo <= y <= hi`), and bytes of 0x80 and above are cleared.
fn alnum_bytes(chunk: [u8; 8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let x = u64::from_le_bytes(chunk);
    let y = x & (ONES * 0x7F);
    let between = |y: u64, lo: u8, hi: u8| {
        (ONES * (128 + hi as u64)).wrapping_sub(y) & (y + ONES * (128 - lo as u64)) & HIGH
    };
    // `| 0x20` folds upper-case letters onto lower-case ones
    let letters = between(y | (ONES * 0x20), b'a', b'z');
    let digits = between(y, b'0', b'9');
    (letters | digits) & !x
}

/// Call `f` with `word` lower-cased and stripped of trailing periods, in a
/// stack buffer; words longer than [`MAX_WORD`] give `f(b"")`.
fn with_lower<T>(word: &[u8], f: impl FnOnce(&[u8]) -> T) -> T {
    let mut end = word.len();
    while end > 0 && word[end - 1] == b'.' {
        end -= 1;
    }
    let word = &word[..end];
    let mut buf = [0u8; MAX_WORD];
    if word.len() > MAX_WORD {
        return f(b"");
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    f(&buf[..word.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabulary_compiles_and_looks_up_any_case() {
        let v = Vocab::new(&Patterns::builtin()).unwrap();
        assert!(v.is(List::NotBefore, b"No."));
        assert!(v.is(List::NotAfter, b"PAGES"));
        assert!(v.is(List::Street, b"St."));
        assert!(!v.is(List::Street, b"report"));
        assert_eq!(v.unit(b"Years"), Some(Unit::Year));
        let m = v.ac.find("the 3rd of SEPTEMBER").unwrap();
        assert_eq!(v.anchors[m.pattern().as_usize()], Anchor::Month(9));
        assert_eq!(m.end() - m.start(), "september".len());
    }

    #[test]
    fn record_matches_are_the_full_automaton_s_at_word_starts() {
        let v = Vocab::new(&Patterns::builtin()).unwrap();
        assert!(
            v.record.is_some(),
            "the builtin vocabulary allows the prefilter"
        );
        let text = "On 3 SEPT. 2006 the past Decision of Sept 4, in spring, Q3 2003; \
                    undecided Mayor bathe past May, second quarter, 1st of January, \
                    these days; élan March xmarch Q1x octOber the fourth";
        let record = |p: usize| {
            matches!(
                v.anchors[p],
                Anchor::Month(_) | Anchor::Season(_) | Anchor::Quarter(_) | Anchor::Ordinal(_)
            )
        };
        let b = text.as_bytes();
        let full: Vec<_> = v
            .matches(text, true)
            .into_iter()
            .filter(|&(s, _, p)| record(p) && (s == 0 || !b[s - 1].is_ascii_alphanumeric()))
            .collect();
        let fast = v.matches(text, false);
        assert_eq!(fast, full);
        assert!(fast.len() >= 10, "{fast:?}");
        let words: Vec<&str> = fast.iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert!(words.contains(&"SEPT") && words.contains(&"Dec") && words.contains(&"May"));
    }

    #[test]
    fn the_first_byte_table_rejects_only_what_the_trigrams_reject() {
        let v = Vocab::new(&Patterns::builtin()).unwrap();
        let r = v.record.as_ref().unwrap();
        // every byte first, then every byte second after an anchor's first
        // letters, and random runs of letters, digits and others
        let mut rejected = 0;
        for c0 in 0..=255u8 {
            for c1 in [b'a', b'E', b'p', b'1', b' ', 0xE2, c0] {
                for tail in [&b"ptember"[..], b"rst", b"", b"4x", b"ing"] {
                    let mut b = vec![c0, c1];
                    b.extend_from_slice(tail);
                    assert_eq!(r.may_start(&b, 0), r.trigrams_allow(&b, 0), "{b:?}");
                    rejected += usize::from(!r.first[c0 as usize]);
                }
            }
        }
        let mut rng = crate::testing::Rng::new(0xf1_257);
        let pieces = [
            "jan", "Sep", "Q", "4", "fi", "rst", "x", " ", "é", "Sum", "mer", "9",
        ];
        for n in 1..400 {
            let t = rng.text(&pieces, n % 20 + 1);
            let b = t.as_bytes();
            for s in 0..=b.len() {
                assert_eq!(r.may_start(b, s), r.trigrams_allow(b, s), "{t:?} {s}");
            }
        }
        assert!(rejected > 1000, "{rejected}");
    }

    #[test]
    fn alnum_bytes_agrees_with_the_byte_test() {
        let plain = |c: [u8; 8]| {
            c.iter().enumerate().fold(0u64, |m, (k, b)| {
                m | u64::from(b.is_ascii_alphanumeric()) << (8 * k + 7)
            })
        };
        for fill in [b'a', b' ', 0xFF, 0x80, b'Z', b'0', 0x00, b'@', b'['] {
            for pos in 0..8 {
                for v in 0..=255u8 {
                    let mut c = [fill; 8];
                    c[pos] = v;
                    assert_eq!(alnum_bytes(c), plain(c), "{c:?}");
                }
            }
        }
    }

    #[test]
    fn a_record_anchor_inside_another_anchor_disables_the_prefilter() {
        let words: Vec<String> = ["may", "the mayday", "now"].map(String::from).to_vec();
        let anchors = [Anchor::Month(5), Anchor::Ref(0), Anchor::Ref(0)];
        assert!(RecordAnchors::new(&words, &anchors).unwrap().is_none());
        let anchors = [Anchor::Month(5), Anchor::Ref(0), Anchor::Ref(0)];
        let words: Vec<String> = ["may", "the past", "now"].map(String::from).to_vec();
        assert!(RecordAnchors::new(&words, &anchors).unwrap().is_some());
        let words: Vec<String> = ["may", "ma", "now"].map(String::from).to_vec();
        assert!(RecordAnchors::new(&words, &anchors).unwrap().is_none());
    }

    #[test]
    fn malformed_lines_are_reported_with_their_line() {
        let dir = std::env::temp_dir().join(format!("factum-dates-vocab-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(FILE), "# x\nmonth\tjanuary\t13\n").unwrap();
        let p = Patterns::with_dir(&dir).unwrap();
        let err = Vocab::new(&p).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains("dates.tsv") && err.contains('2'), "{err}");
    }
}
