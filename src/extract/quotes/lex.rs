//! Lexical helpers shared by the quote and holding extractors: words with
//! byte offsets, case-insensitive word sets loaded from pattern files,
//! quotation-mark pairing, the agency-mention index and the resolution of
//! the subject of a verb (who said it, who decided it).
//!
//! Everything works on byte offsets into `doc.text`; nothing here slices
//! off a char boundary.

use std::collections::HashSet;

use crate::document::{Document, Span};
use crate::record::{Agency, AgencyKind};

/// A word: a run of letters and digits, with inner apostrophes and hyphens
/// (`Department’s`, `then-U`), as a byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Word {
    /// Its text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether it starts with an upper-case letter.
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Whether every letter is upper case (and there are at least two).
    pub fn is_all_caps(&self, text: &str) -> bool {
        let t = self.text(text);
        t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !t.chars().any(char::is_lowercase)
    }

    /// Whether it ends with a possessive `’s` / `'s` / `s’`.
    pub fn is_possessive(&self, text: &str) -> bool {
        let t = self.text(text);
        t.ends_with("’s") || t.ends_with("'s") || t.ends_with("s’") || t.ends_with("s'")
    }
}

/// The char at byte `i` of `s` (a char boundary) and its length: ASCII
/// without decoding.
pub(crate) fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// 1 for the bytes of ASCII letters and digits, 2 for the bytes of
/// non-ASCII chars, 0 for any other ASCII byte (holdings' word runs use
/// it too).
pub(crate) const WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b >= 0x80 {
            2
        } else if b.is_ascii_alphanumeric() {
            1
        } else {
            0
        };
        c += 1;
    }
    t
};

/// The words of `text[from..to]`.
pub(crate) fn words(text: &str, from: usize, to: usize) -> Vec<Word> {
    let to = to.min(text.len());
    let Some(slice) = text.get(from..to) else {
        return Vec::new();
    };
    let b = slice.as_bytes();
    let alnum_at = |i: usize| char_at(slice, i).is_some_and(|(c, _)| c.is_alphanumeric());
    // Prose averages about six bytes a word with its space or stop: room
    // for all of them at once, instead of growing (copying) the vector
    // once or twice per sentence.
    let mut out = Vec::with_capacity(slice.len() / 5 + 1);
    let n = b.len();
    let mut i = 0;
    'words: while i < n {
        // to the first letter or digit: ASCII ones without decoding
        let start = i;
        match WORD_BYTE[b[i] as usize] {
            0 => {
                i += 1;
                continue;
            }
            1 => i += 1,
            _ => {
                let Some((c, len)) = char_at(slice, i) else {
                    break;
                };
                i += len;
                if !c.is_alphanumeric() {
                    continue;
                }
            }
        }
        // to the end of the word
        loop {
            while i < n && WORD_BYTE[b[i] as usize] == 1 {
                i += 1;
            }
            // most words end at a space or punctuation that cannot join
            if i < n && b[i] < 0x80 && b[i] != b'\'' && b[i] != b'-' {
                out.push(Word {
                    start: from + start,
                    end: from + i,
                });
                i += 1;
                continue 'words;
            }
            let Some((c, len)) = char_at(slice, i) else {
                out.push(Word {
                    start: from + start,
                    end: to,
                });
                break 'words;
            };
            if c.is_alphanumeric() || (matches!(c, '\'' | '’' | '-') && alnum_at(i + len)) {
                // a letter, or an inner joiner that stays in the word
                i += len;
                continue;
            }
            // a possessive `s’` keeps its apostrophe
            let end = if (c == '’' || c == '\'') && b[i - 1] == b's' {
                i + len
            } else {
                i
            };
            out.push(Word {
                start: from + start,
                end: from + end,
            });
            i += len;
            continue 'words;
        }
    }
    out
}

/// A set of lower-case words or phrases, matched case-insensitively.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSet {
    set: HashSet<String, crate::extract::WordHash>,
    /// For each first byte, a bit per length (31 for any longer) of the
    /// entries: most words are ruled out without hashing them.
    first_len: FirstLen,
}

/// A bit per (first byte, length) pair of a set of words.
#[derive(Clone, Debug)]
pub(crate) struct FirstLen([u32; 256]);

impl Default for FirstLen {
    fn default() -> FirstLen {
        FirstLen([0; 256])
    }
}

impl FirstLen {
    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// Record the word `w`.
    pub fn add(&mut self, w: &[u8]) {
        if let Some(&b) = w.first() {
            self.0[b as usize] |= FirstLen::bit(w.len());
        }
    }

    /// Whether a recorded word may start with `first` and have `len`
    /// bytes (`false`: it certainly is not one of them).
    pub fn may_have(&self, first: u8, len: usize) -> bool {
        self.0[first as usize] & FirstLen::bit(len) != 0
    }
}

impl WordSet {
    /// The entries of a one-column pattern file.
    pub fn from_lines<'a>(lines: impl Iterator<Item = (usize, &'a str)>) -> WordSet {
        let set: HashSet<String, crate::extract::WordHash> =
            lines.map(|(_, l)| normalize(l.trim())).collect();
        let mut first_len = FirstLen::default();
        for w in &set {
            first_len.add(w.as_bytes());
        }
        WordSet { set, first_len }
    }

    /// Add an entry.
    #[cfg(test)]
    pub fn insert(&mut self, s: &str) {
        let n = normalize(s);
        self.first_len.add(n.as_bytes());
        self.set.insert(n);
    }

    /// Whether `s` (any case, `’` or `'`) is in the set.
    pub fn contains(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let ascii = b.is_ascii();
        // entries are lower case: an ASCII word is looked up lower-cased,
        // with the same first byte and length
        if ascii
            && b.first()
                .is_some_and(|&f| !self.first_len.may_have(f.to_ascii_lowercase(), b.len()))
        {
            return false;
        }
        // (an ASCII word holds no `’`: no need to look for one)
        if b.iter().all(|c| !c.is_ascii_uppercase()) && (ascii || !s.contains('’')) {
            return self.set.contains(s);
        }
        if ascii && b.len() <= 32 {
            // lower-case on the stack: no allocation per capitalised word
            let mut buf = [0u8; 32];
            buf[..b.len()].copy_from_slice(b);
            buf[..b.len()].make_ascii_lowercase();
            return std::str::from_utf8(&buf[..b.len()]).is_ok_and(|l| self.set.contains(l));
        }
        self.set.contains(&normalize(s))
    }

    /// Whether word `w` of `text` is in the set.
    pub fn has(&self, text: &str, w: Word) -> bool {
        self.contains(w.text(text))
    }
}

fn normalize(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

/// Case-insensitive comparison of word `w` with a lower-case ASCII word.
pub(crate) fn is(text: &str, w: Word, lower: &str) -> bool {
    // lengths first: most words differ in length from the one sought
    w.end - w.start == lower.len() && w.text(text).eq_ignore_ascii_case(lower)
}

/// Whether word `w` is one of the lower-case ASCII `list`.
pub(crate) fn is_any(text: &str, w: Word, list: &[&str]) -> bool {
    list.iter().any(|l| is(text, w, l))
}

/// Personal pronouns that refer back to the previous speaker.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i"];
/// Relative pronouns: the subject is the noun phrase before them.
pub(crate) const RELATIVES: &[&str] = &["which", "who"];
/// Determiners and possessives that open a noun phrase.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "such", "any", "each", "every", "no",
];
/// Lower-case words that join the parts of an institution's name.
pub(crate) const NAME_CONNECTORS: &[&str] = &["of", "on", "for", "and", "against", "in", "to"];
/// Auxiliaries and adverbs that may stand between a subject and its verb.
pub(crate) const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "then",
    "later",
    "further",
    "again",
    "thus",
    "therefore",
    "already",
    "did",
    "does",
    "do",
    "not",
    "never",
    "once",
    "here",
    "now",
    "therein",
    "nonetheless",
    "nevertheless",
    "however",
    "first",
    "rightly",
    "likewise",
    "instead",
];

/// Whether `w` is an adverb or auxiliary that may stand between a subject
/// and its verb (`has`, `also`, any lower-case `-ly` word).
pub(crate) fn is_between_word(text: &str, w: Word) -> bool {
    let t = w.text(text);
    is_any(text, w, BETWEEN_SUBJECT_AND_VERB)
        || (t.len() > 3 && t.ends_with("ly") && !w.is_capitalized(text))
}

/// The index of the last word before the verb at `v` that can be its
/// subject: adverbs and auxiliaries are skipped (`has also held`), and so
/// is a parenthesis closing right before the verb (`the Board of
/// Immigration Appeals (BIA) held`).
pub(crate) fn subject_word(text: &str, ws: &[Word], v: usize) -> Option<usize> {
    let mut j = v.checked_sub(1)?;
    loop {
        if is_between_word(text, ws[j]) {
            j = j.checked_sub(1)?;
            continue;
        }
        let closes = text
            .get(ws[j].end..ws[j + 1].start)
            .is_some_and(|g| g.trim_start().starts_with(')'));
        if closes {
            let open = text.get(..ws[j].start)?.rfind('(')?;
            j = ws[..j].iter().rposition(|w| w.end <= open)?;
            continue;
        }
        return Some(j);
    }
}

/// For each word, whether it lies inside one of `spans` (sorted by
/// start): one sweep over both lists.
pub(crate) fn inside_spans(ws: &[Word], spans: &[Span]) -> Vec<bool> {
    let mut out = Vec::with_capacity(ws.len());
    let mut k = 0;
    let mut reach = 0;
    for w in ws {
        while k < spans.len() && spans[k].start <= w.start {
            reach = reach.max(spans[k].end);
            k += 1;
        }
        out.push(w.end <= reach);
    }
    out
}

/// How far (in words) a verb and what it governs may lie apart; also
/// bounds the work on run-on "sentences" of unsegmented text.
pub(crate) const REACH: usize = 80;

/// Where a quotation mark pair was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct QuoteSpan {
    /// Byte of the opening mark.
    pub open: usize,
    /// First byte of the quoted text (whitespace trimmed).
    pub start: usize,
    /// End of the quoted text (whitespace trimmed).
    pub end: usize,
    /// Byte after the closing mark.
    pub close: usize,
    /// A quotation inside another one.
    pub nested: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// `“…”` (or `”…”`).
    Curly,
    /// `"…"`.
    Straight,
    /// `„…“` or `„…”`.
    Low,
    /// `«…»`.
    Guillemet,
    /// `‘…’`.
    CurlySingle,
    /// `'…'`, only inside another quotation.
    StraightSingle,
}

#[derive(Clone, Copy, Debug)]
struct Open {
    pos: usize,
    after: usize,
    mark: Mark,
}

/// Longest quotation considered, in bytes: a mark left open longer than
/// this is a stray.
const MAX_QUOTE: usize = 4000;

/// The bytes that begin a char `find_quotes` looks at: `"`, `'`, a line
/// break, and the lead bytes of `“”„‘’` (0xE2) and `«»` (0xC2).
#[cfg(test)]
const MARK_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xE2] = true;
    t[0xC2] = true;
    t
};

/// The next byte of [`MARK_LEAD`] at or after a position, as
/// `skip_to(bytes, at, bytes.len(), &MARK_LEAD)` gives it: two `memchr`
/// searches (`"`, `'`, line break; the lead bytes 0xE2, 0xC2), each
/// result kept until a later position passes it.
struct MarkFinder<'b> {
    bytes: &'b [u8],
    /// For each search: (searched from, first found or `bytes.len()`);
    /// nothing it looks for lies between the two.
    ascii: Option<(usize, usize)>,
    lead: Option<(usize, usize)>,
}

impl<'b> MarkFinder<'b> {
    fn new(bytes: &'b [u8]) -> MarkFinder<'b> {
        MarkFinder {
            bytes,
            ascii: None,
            lead: None,
        }
    }

    fn next(&mut self, at: usize) -> usize {
        let b = self.bytes;
        if at >= b.len() {
            return at;
        }
        let ascii = cached(&mut self.ascii, b, at, |h| {
            memchr::memchr3(b'"', b'\'', b'\n', h)
        });
        let lead = cached(&mut self.lead, b, at, |h| memchr::memchr2(0xE2, 0xC2, h));
        ascii.min(lead)
    }
}

/// The first position at or after `at` that `find` finds in `b` (or
/// `b.len()`), from `cache` when it covers `at`, else searched and kept.
fn cached(
    cache: &mut Option<(usize, usize)>,
    b: &[u8],
    at: usize,
    find: impl Fn(&[u8]) -> Option<usize>,
) -> usize {
    match *cache {
        Some((from, found)) if from <= at && at <= found => found,
        _ => {
            let found = b.get(at..).and_then(find).map_or(b.len(), |i| at + i);
            *cache = Some((at, found));
            found
        }
    }
}

fn opens_here(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:;,*_>".contains(p))
        && next.is_some_and(|n| !n.is_whitespace())
}

fn closes_here(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| !n.is_alphanumeric())
}

/// Pair the quotation marks of `text`: curly, straight (paired by
/// context: an opening mark follows a space or bracket and precedes a
/// non-space, a closing mark the reverse), low-9 and guillemets at the top
/// level; single marks inside them (or curly singles alone) as nested or
/// top-level quotations. Apostrophes (`don’t`, `Jagels’ pleas` outside any
/// single quotation) are not marks. A blank line closes nothing and drops
/// whatever is open.
pub(crate) fn find_quotes(text: &str) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut outer: Option<Open> = None;
    let mut inner: Option<Open> = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    let emit = |out: &mut Vec<QuoteSpan>, o: Open, close_at: usize, close_len: usize, nested| {
        let Some(inside) = text.get(o.after..close_at) else {
            return;
        };
        let lead = inside.len() - inside.trim_start().len();
        let trimmed = inside.trim();
        if trimmed.is_empty() {
            return;
        }
        out.push(QuoteSpan {
            open: o.pos,
            start: o.after + lead,
            end: o.after + lead + trimmed.len(),
            close: close_at + close_len,
            nested,
        });
    };
    // only quotation marks and line breaks matter: jump from one to the
    // next without decoding the text in between
    let mut marks = MarkFinder::new(bytes);
    loop {
        let i = marks.next(at);
        if i >= bytes.len() {
            break;
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        at = i + len;
        // the chars around the mark, decoded only for the marks whose role
        // depends on them
        let around = || (text[..i].chars().next_back(), text[at..].chars().next());
        let opens = || {
            let (prev, next) = around();
            opens_here(prev, next)
        };
        let closes = || {
            let (prev, next) = around();
            closes_here(prev, next)
        };
        let open = |mark| Open {
            pos: i,
            after: i + c.len_utf8(),
            mark,
        };
        if c == '\n' && i > 0 && bytes[i - 1] == b'\n' {
            outer = None;
            inner = None;
        }
        if outer.is_some_and(|o| i - o.pos > MAX_QUOTE) {
            outer = None;
            inner = None;
        }
        let om = outer.map(|o| o.mark);
        match c {
            '“' if om == Some(Mark::Low) => {
                if let Some(o) = outer.take() {
                    emit(&mut out, o, i, c.len_utf8(), false);
                }
                inner = None;
            }
            '“' => {
                outer = Some(open(Mark::Curly));
                inner = None;
            }
            '”' if matches!(om, Some(Mark::Curly | Mark::Low)) => {
                if let Some(o) = outer.take() {
                    emit(&mut out, o, i, c.len_utf8(), false);
                }
                inner = None;
            }
            '”' if om.is_none() && opens() => {
                outer = Some(open(Mark::Curly));
            }
            '„' => {
                outer = Some(open(Mark::Low));
                inner = None;
            }
            '«' => {
                outer = Some(open(Mark::Guillemet));
                inner = None;
            }
            '»' if om == Some(Mark::Guillemet) => {
                if let Some(o) = outer.take() {
                    emit(&mut out, o, i, c.len_utf8(), false);
                }
                inner = None;
            }
            '"' if om == Some(Mark::Straight) && closes() => {
                if let Some(o) = outer.take() {
                    emit(&mut out, o, i, 1, false);
                }
                inner = None;
            }
            '"' if opens() => {
                outer = Some(open(Mark::Straight));
                inner = None;
            }
            '‘' if outer.is_some() && inner.is_none() && om != Some(Mark::CurlySingle) => {
                inner = Some(open(Mark::CurlySingle));
            }
            '‘' if outer.is_none() && opens() => {
                outer = Some(open(Mark::CurlySingle));
            }
            '’' if inner.is_some_and(|o| o.mark == Mark::CurlySingle) && closes() => {
                if let Some(o) = inner.take() {
                    emit(&mut out, o, i, c.len_utf8(), true);
                }
            }
            '’' if om == Some(Mark::CurlySingle) && closes() => {
                if let Some(o) = outer.take() {
                    emit(&mut out, o, i, c.len_utf8(), false);
                }
            }
            '\'' if inner.is_some_and(|o| o.mark == Mark::StraightSingle) && closes() => {
                if let Some(o) = inner.take() {
                    emit(&mut out, o, i, 1, true);
                }
            }
            '\'' if outer.is_some()
                && inner.is_none()
                && om != Some(Mark::CurlySingle)
                && opens() =>
            {
                inner = Some(open(Mark::StraightSingle));
            }
            _ => {}
        }
    }
    out.sort_by_key(|q| (q.open, q.nested));
    out
}

/// The agency mentions of a document, sorted, for lookups by position.
#[derive(Debug, Default)]
pub(crate) struct MentionIndex {
    /// (start, end, agency index), sorted by start.
    spans: Vec<(usize, usize, usize)>,
}

impl MentionIndex {
    /// Index the mentions of `agencies`.
    pub fn new(agencies: &[Agency]) -> MentionIndex {
        let mut spans: Vec<_> = agencies
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.mentions.iter().map(move |m| (m.start, m.end, i)))
            .collect();
        spans.sort_unstable();
        MentionIndex { spans }
    }

    /// The agency of a mention overlapping `w`.
    pub fn at(&self, w: Word) -> Option<usize> {
        let hi = self.spans.partition_point(|s| s.0 < w.end);
        self.spans[..hi]
            .iter()
            .rev()
            .take(8)
            .find(|s| s.1 > w.start)
            .map(|s| s.2)
    }

    /// The agency of the last mention ending at or before `pos` and
    /// starting at or after `from`.
    pub fn last_before(&self, from: usize, pos: usize) -> Option<(usize, usize)> {
        let hi = self.spans.partition_point(|s| s.0 < pos);
        self.spans[..hi]
            .iter()
            .rev()
            .filter(|s| s.0 >= from && s.1 <= pos)
            .max_by_key(|s| s.1)
            .map(|s| (s.2, s.0))
    }

    /// The agency of a mention starting inside `from..to`.
    pub fn first_in(&self, from: usize, to: usize) -> Option<usize> {
        let lo = self.spans.partition_point(|s| s.0 < from);
        self.spans[lo..]
            .iter()
            .take_while(|s| s.0 < to)
            .next()
            .map(|s| s.2)
    }

    /// Mentions ending at or before `to`, in text order (iterate `.rev()`
    /// for the latest first): (start, end, agency).
    pub fn before(&self, to: usize) -> impl DoubleEndedIterator<Item = (usize, usize, usize)> + '_ {
        let hi = self.spans.partition_point(|s| s.0 < to);
        self.spans[..hi].iter().filter(move |s| s.1 <= to).copied()
    }

    /// Mentions in `from..to`: (start, end, agency).
    pub fn within(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let lo = self.spans.partition_point(|s| s.0 < from);
        self.spans[lo..]
            .iter()
            .take_while(move |s| s.0 < to)
            .filter(move |s| s.1 <= to)
            .copied()
    }
}

/// Whether an agency can decide cases: a court, or an institution whose
/// name has a tribunal head noun (`Board of Immigration Appeals`,
/// `agency of original jurisdiction`).
pub(crate) fn is_adjudicator(a: &Agency, tribunal_nouns: &WordSet) -> bool {
    a.kind == AgencyKind::Court || has_tribunal_noun(&a.name, tribunal_nouns)
}

/// Whether `name` contains a tribunal head noun as a word.
pub(crate) fn has_tribunal_noun(name: &str, tribunal_nouns: &WordSet) -> bool {
    name_words(name).any(|w| tribunal_nouns.contains(w))
}

/// The words of a name, without allocating.
pub(crate) fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .filter(|w| !w.is_empty())
}

/// The deciding body of the document itself: the publisher when it is a
/// tribunal, else the court (else adjudicating agency) mentioned first, passing over
/// the lower court whose decision is under review (`a judgment of the X`,
/// a decretal `Judgment, X, …`).
pub(crate) fn doc_court(
    doc: &Document,
    agencies: &[Agency],
    tn: &WordSet,
    doc_nouns: &WordSet,
) -> Option<String> {
    if let Some(p) = &doc.publisher {
        if has_tribunal_noun(p, tn) {
            return Some(p.clone());
        }
    }
    let text = doc.text.as_str();
    // courts first; an agency that only adjudicates (`agency of original
    // jurisdiction`) when no court is named
    let first = |courts: bool| {
        agencies
            .iter()
            .filter(|a| (a.kind == AgencyKind::Court) == courts && is_adjudicator(a, tn))
            .filter_map(|a| a.mentions.iter().min_by_key(|m| m.start).map(|m| (a, m)))
            .filter(|(_, m)| !is_reviewed(text, m.start, doc_nouns))
            .min_by_key(|(_, m)| m.start)
            .map(|(a, _)| a.name.clone())
    };
    first(true).or_else(|| first(false))
}

/// Whether the court mentioned at `start` is named as the author of the
/// decision under review: `judgment of the X`, `order of X`, or a decretal
/// paragraph opening `Judgment, X`.
fn is_reviewed(text: &str, start: usize, doc_nouns: &WordSet) -> bool {
    let mut from = start.saturating_sub(48);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let ws = words(text, from, start);
    let mut k = ws.len();
    if k > 0 && is_any(text, ws[k - 1], &["the", "a", "an"]) {
        k -= 1;
    }
    let Some(&w1) = k.checked_sub(1).and_then(|i| ws.get(i)) else {
        return false;
    };
    if is(text, w1, "of") {
        return k >= 2 && doc_nouns.has(text, ws[k - 2]);
    }
    w1.is_capitalized(text)
        && doc_nouns.has(text, w1)
        && text.get(w1.end..start).is_some_and(|g| g.trim() == ",")
}

/// A capitalised name ending at word `j` (`Mr. Yusupov`, `Judge Ann
/// Smith`): the byte range of up to five capitalised words, or `None` when
/// it opens with a determiner (`The Commission`) or is a lone word opening
/// the sentence (`Officials`).
pub(crate) fn name_ending_at(text: &str, ws: &[Word], j: usize) -> Option<Span> {
    if !ws.get(j)?.is_capitalized(text) {
        return None;
    }
    let mut i = j;
    while i > 0
        && j - i < 4
        && ws[i - 1].is_capitalized(text)
        && gap_is_name_gap(text, ws[i - 1], ws[i])
    {
        i -= 1;
    }
    person_span(text, ws, i, j)
}

/// A capitalised name starting at word `i` (`said Judge Smith`).
pub(crate) fn name_starting_at(text: &str, ws: &[Word], i: usize) -> Option<Span> {
    if !ws.get(i)?.is_capitalized(text) {
        return None;
    }
    let mut j = i;
    while j + 1 < ws.len()
        && j - i < 4
        && ws[j + 1].is_capitalized(text)
        && gap_is_name_gap(text, ws[j], ws[j + 1])
    {
        j += 1;
    }
    person_span(text, ws, i, j)
}

fn person_span(text: &str, ws: &[Word], i: usize, j: usize) -> Option<Span> {
    if is_any(text, ws[i], DETERMINERS) || is_any(text, ws[i], PRONOUNS) {
        return None;
    }
    // `Special Rapporteur on Torture`: the tail of an institution's name
    if i > 0 && is_any(text, ws[i - 1], NAME_CONNECTORS) && gap_is_name_gap(text, ws[i - 1], ws[i])
    {
        return None;
    }
    if i == j && (i == 0 || ws[i].is_all_caps(text)) {
        return None;
    }
    Some(Span::new(ws[i].start, ws[j].end))
}

/// Words of one name are separated by spaces or an abbreviation's period.
fn gap_is_name_gap(text: &str, a: Word, b: Word) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|g| !g.is_empty() && g.chars().all(|c| c == ' ' || c == '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::skip_to;

    /// `WordSet::contains` as it was before skipping the `’` search for
    /// ASCII words: the reference for the faster one.
    fn contains_general(set: &WordSet, s: &str) -> bool {
        let b = s.as_bytes();
        if b.is_ascii()
            && b.first()
                .is_some_and(|&f| !set.first_len.may_have(f.to_ascii_lowercase(), b.len()))
        {
            return false;
        }
        if b.iter().all(|c| !c.is_ascii_uppercase()) && !s.contains('’') {
            return set.set.contains(s);
        }
        if b.is_ascii() && b.len() <= 32 {
            let mut buf = [0u8; 32];
            buf[..b.len()].copy_from_slice(b);
            buf[..b.len()].make_ascii_lowercase();
            return std::str::from_utf8(&buf[..b.len()]).is_ok_and(|l| set.set.contains(l));
        }
        set.set.contains(&normalize(s))
    }

    #[test]
    fn word_set_lookup_matches_the_general_one() {
        let p = crate::patterns::Patterns::builtin();
        let mut sets: Vec<WordSet> = [
            "speech_verbs.txt",
            "document_nouns.txt",
            "tribunal_nouns.txt",
        ]
        .iter()
        .map(|f| WordSet::from_lines(p.lines(f)))
        .collect();
        let mut extra = WordSet::default();
        extra.insert("court’s");
        extra.insert("état");
        sets.push(extra);
        let mut probes: Vec<String> = Vec::new();
        for set in &sets {
            for w in &set.set {
                probes.push(w.clone());
                probes.push(w.to_uppercase());
                probes.push(w.replace('\'', "’"));
                let mut cap = w.clone();
                if let Some(f) = cap.get_mut(..1) {
                    f.make_ascii_uppercase();
                }
                probes.push(cap);
                probes.push(format!("{w}s"));
                probes.push(w.chars().skip(1).collect());
            }
        }
        for w in [
            "",
            "a",
            "said",
            "Said",
            "SAID",
            "Court’s",
            "COURT’S",
            "État",
            "ÉTAT",
            "x’y",
            "averyveryveryverylongwordthatexceedsthirtytwobytes",
            "AVERYVERYVERYVERYLONGWORDTHATEXCEEDS",
        ] {
            probes.push(w.to_string());
        }
        let mut hits = 0;
        for set in &sets {
            for w in &probes {
                let got = set.contains(w);
                assert_eq!(got, contains_general(set, w), "{w:?}");
                hits += usize::from(got);
            }
        }
        assert!(hits > 100, "{hits}");
    }

    /// The memchr searches stop where the table scan stops, from every
    /// position, in whatever order positions are asked (each mark alone
    /// and glued to others, at every offset, in ASCII and non-ASCII text,
    /// long runs without any).
    #[test]
    fn mark_finder_stops_where_the_table_scan_stops() {
        let marks = [
            "\"", "'", "\n", "“", "”", "„", "‘", "’", "«", "»", "—", "é", "\u{a0}",
        ];
        let fills = ["", "x", "plain text ", "é ü ", &"long run ".repeat(9)];
        let mut texts: Vec<String> = Vec::new();
        for m in marks {
            for n in marks {
                for f in fills {
                    texts.push(format!("{f}{m}{f}{n}{f}"));
                    texts.push(format!("{m}{n}{f}{m}"));
                }
            }
        }
        texts.push(String::new());
        for t in &texts {
            let b = t.as_bytes();
            let want = |at: usize| skip_to(b, at, b.len(), &MARK_LEAD);
            // forward, as find_quotes asks
            let mut f = MarkFinder::new(b);
            for at in 0..=b.len() + 1 {
                assert_eq!(f.next(at), want(at), "{t:?} at {at}");
            }
            // backward and jumping
            let mut f = MarkFinder::new(b);
            for at in (0..=b.len()).rev().chain([3, 0, 7, 1]) {
                assert_eq!(f.next(at), want(at), "{t:?} at {at}");
            }
        }
    }

    fn texts(t: &str) -> Vec<&str> {
        words(t, 0, t.len()).iter().map(|w| w.text(t)).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_possessive_s() {
        assert_eq!(
            texts("the Department’s view, Jagels’ plea — then-U.N. rep"),
            [
                "the",
                "Department’s",
                "view",
                "Jagels’",
                "plea",
                "then-U",
                "N",
                "rep"
            ]
        );
    }

    /// `words` as first written, decoding each char in turn: the
    /// reference for the faster one.
    fn words_one_char_at_a_time(text: &str, from: usize, to: usize) -> Vec<Word> {
        let to = to.min(text.len());
        let Some(slice) = text.get(from..to) else {
            return Vec::new();
        };
        let b = slice.as_bytes();
        let alnum_at = |i: usize| char_at(slice, i).is_some_and(|(c, _)| c.is_alphanumeric());
        let mut out = Vec::with_capacity(slice.len() / 8);
        let mut i = 0;
        'words: while i < b.len() {
            // to the first letter or digit
            while i < b.len() && WORD_BYTE[b[i] as usize] == 0 {
                i += 1;
            }
            let Some((c, len)) = char_at(slice, i) else {
                break;
            };
            if !c.is_alphanumeric() {
                i += len;
                continue;
            }
            let start = i;
            // to the end of the word
            loop {
                while i < b.len() && WORD_BYTE[b[i] as usize] == 1 {
                    i += 1;
                }
                let Some((c, len)) = char_at(slice, i) else {
                    out.push(Word {
                        start: from + start,
                        end: to,
                    });
                    break 'words;
                };
                if c.is_alphanumeric() || (matches!(c, '\'' | '’' | '-') && alnum_at(i + len)) {
                    // a letter, or an inner joiner that stays in the word
                    i += len;
                    continue;
                }
                // a possessive `s’` keeps its apostrophe
                let end = if (c == '’' || c == '\'') && b[i - 1] == b's' {
                    i + len
                } else {
                    i
                };
                out.push(Word {
                    start: from + start,
                    end: from + end,
                });
                i += len;
                continue 'words;
            }
        }
        out
    }

    #[test]
    fn words_as_the_char_by_char_scan_finds_them() {
        let t = "The Board’s “so-called” rule (§ 3.1) — Jagels’ x-ray; l'État, \
                 ’tis Jones' 1990's U.S.C. then-U.N. rep- -x '' ’’ Ωmega ñ9 e\u{301}t";
        for from in 0..t.len() {
            for to in [t.len(), t.len() - 3, from + 7, from] {
                assert_eq!(
                    words(t, from, to),
                    words_one_char_at_a_time(t, from, to),
                    "{from}..{to}"
                );
            }
        }
    }

    #[test]
    fn words_across_non_ascii_letters_and_marks() {
        assert_eq!(
            texts("Müller’s “Überprüfung” l'État- x-"),
            ["Müller’s", "Überprüfung", "l'État", "x"]
        );
        assert_eq!(texts("’tis Jones'"), ["tis", "Jones'"]);
        // offsets into the whole text, from the middle of it
        let t = "ab Çé d";
        assert_eq!(
            words(t, 3, t.len()),
            [Word { start: 3, end: 7 }, Word { start: 8, end: 9 }]
        );
        assert!(words(t, 4, t.len()).is_empty(), "not a char boundary");
    }

    #[test]
    fn char_at_decodes_only_past_ascii() {
        assert_eq!(char_at("a’b", 0), Some(('a', 1)));
        assert_eq!(char_at("a’b", 1), Some(('’', 3)));
        assert_eq!(char_at("a’b", 4), Some(('b', 1)));
        assert_eq!(char_at("a’b", 2), None);
        assert_eq!(char_at("a’b", 5), None);
    }

    #[test]
    fn marks_far_apart_and_blank_lines_between_marks() {
        // the scan jumps between marks: a quote left open over a blank
        // line or longer than MAX_QUOTE is still dropped
        let long = format!("“{}” and “short one”", "word ".repeat(MAX_QUOTE / 5 + 1));
        assert_eq!(inner(&long), [("short one", false)]);
        assert!(inner("“open\n\nclosed”").is_empty());
        assert_eq!(inner("“a\n b” «c»"), [("a\n b", false), ("c", false)]);
    }

    #[test]
    fn first_len_rules_out_only_absent_shapes() {
        let mut f = FirstLen::default();
        f.add(b"held");
        f.add(b"a-very-long-entry-of-more-than-thirty-one-bytes");
        assert!(f.may_have(b'h', 4));
        assert!(!f.may_have(b'h', 5));
        assert!(!f.may_have(b'H', 4), "entries are lower case");
        assert!(f.may_have(b'a', 40), "long lengths share one bit");
        let mut set = WordSet::default();
        set.insert("Court");
        set.insert("agency’s");
        assert!(set.contains("COURT") && set.contains("court"));
        assert!(set.contains("Agency’s") && set.contains("agency's"));
        assert!(!set.contains("courts") && !set.contains("") && !set.contains("Courté"));
    }

    fn inner(t: &str) -> Vec<(&str, bool)> {
        find_quotes(t)
            .iter()
            .map(|q| (&t[q.start..q.end], q.nested))
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes_pair() {
        assert_eq!(
            inner("He said “yes, sir.” Then \"no\" and «oui»."),
            [("yes, sir.", false), ("no", false), ("oui", false)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(inner("Don’t touch Jagels’ plea or the Board's view.").is_empty());
        assert!(inner("the 1990's and 5' tall").is_empty());
    }

    #[test]
    fn nested_single_quotes() {
        let t = "held that \"the regulation requires 'most areas.'\" today";
        assert_eq!(
            inner(t),
            [
                ("the regulation requires 'most areas.'", false),
                ("most areas.", true)
            ]
        );
        let t = "wrote “a ‘term’ here”";
        assert_eq!(inner(t), [("a ‘term’ here", false), ("term", true)]);
    }

    #[test]
    fn stray_marks_and_blank_lines_drop() {
        assert!(inner("an open “quote\n\nnever closed” here").is_empty());
        assert_eq!(inner("a ” stray then “ok”"), [("ok", false)]);
    }

    #[test]
    fn markdown_emphasis_around_quotes() {
        assert_eq!(
            inner("he said **\"no way out\"** and *\"x y\"*"),
            [("no way out", false), ("x y", false)]
        );
    }

    #[test]
    fn straight_quotes_need_context() {
        // a closing mark needs a non-space before it
        assert_eq!(
            inner("say \"a b\" and \"c\""),
            [("a b", false), ("c", false)]
        );
        assert_eq!(inner("5\" long"), Vec::<(&str, bool)>::new());
    }

    #[test]
    fn word_sets_ignore_case_and_apostrophe_style() {
        let mut set = WordSet::default();
        set.insert("Board");
        set.insert("so-called");
        set.insert("court's");
        assert!(set.contains("board") && set.contains("BOARD") && set.contains("So-Called"));
        assert!(set.contains("Court’s") && set.contains("court's"));
        assert!(!set.contains("boards"));
    }

    #[test]
    fn inside_spans_sweeps() {
        let t = "a “b c” d “e” f";
        let ws = words(t, 0, t.len());
        let spans: Vec<Span> = find_quotes(t)
            .iter()
            .map(|q| Span::new(q.start, q.end))
            .collect();
        assert_eq!(
            inside_spans(&ws, &spans),
            [false, true, true, false, true, false]
        );
    }

    #[test]
    fn names() {
        let t = "Later, Mr. Yusupov said. The Commission said. Officials said.";
        let ws = words(t, 0, t.len());
        let said: Vec<usize> = (0..ws.len()).filter(|&i| is(t, ws[i], "said")).collect();
        let n = name_ending_at(t, &ws, said[0] - 1).unwrap();
        assert_eq!(n.slice(t), "Mr. Yusupov");
        assert!(name_ending_at(t, &ws, said[1] - 1).is_none());
        let t2 = "Officials said.";
        let ws2 = words(t2, 0, t2.len());
        assert!(name_ending_at(t2, &ws2, 0).is_none());
    }
}
