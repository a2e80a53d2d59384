//! The date vocabulary of `patterns/dates.tsv`, compiled once.
//!
//! Words that start a date expression (months, seasons, weekdays, quarter
//! tokens and, for relative expressions, `yesterday`, `now`, `last`, ...)
//! go into one ASCII case-insensitive Aho-Corasick automaton, which is also
//! the prefilter of the finder. Context words (`No.`, `pages`, `Street`,
//! ...) are kept in sorted lists looked up with a lower-cased copy of one
//! word on the stack, so a lookup never allocates.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

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
        let [modifier, year_cue, not_before, not_after, street, cite_after, cite_word, law_word, time_word, quantifier, part_of, present_cue, not_duration, age_cue] =
            lists;
        Ok(Vocab {
            ac,
            anchors,
            abbrev,
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
