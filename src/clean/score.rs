//! Signals on blocks, and the score that says how much a block looks like
//! the author's prose.
//!
//! Each block gets general signals, none tied to a site:
//!
//! - **sentence-likeness**: word count, share of lower-case words, ending
//!   with sentence punctuation;
//! - **vocabulary**: how much of the block is boilerplate phrases from
//!   `patterns/boilerplate.txt`, and sign-offs and salutations;
//! - **repetition**: the same block text twice on the page (share bars,
//!   menus, related lists printed twice);
//! - **dates**: datelines, and time stamps whose other words are times,
//!   weekdays, zones and labels (`Updated 9:21 pm CST, Tuesday, May 2,
//!   2020`; labelled ones are the page's stamp);
//! - **listings**: the date–type–title rhythm of related-article lists
//!   (several date blocks, each followed by short non-prose blocks);
//! - **menu runs**: four or more short blocks in a row without sentence
//!   punctuation;
//! - **language pickers and money pickers**: short blocks in a script
//!   other than the page's, bare amounts (`$50`).
//!
//! [`score`] turns them into a number: prose counts for its length, short
//! blocks cost a little, boilerplate costs a lot. The body is then the
//! best-scoring contiguous run of blocks.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::blocks::script;
use super::meta::DateFinder;
use super::vocab::{Category, Vocabulary};
use crate::document::count_bytes;

/// A block of the page and its signals.
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// Byte range in the page.
    pub range: Range<usize>,
    /// Whitespace-separated words (CJK text: two chars a word).
    pub words: usize,
    /// Share of words that start with a lower-case letter.
    pub lower: f32,
    /// Ends with sentence punctuation (before closing quotes).
    pub terminal: bool,
    /// Looks like a sentence or paragraph of prose.
    pub prose: bool,
    /// Share of the block covered by boilerplate phrases.
    pub coverage: f32,
    /// Boilerplate: vocabulary, language or money picker.
    pub boiler: bool,
    /// Boilerplate beyond doubt: dropped even inside the body.
    pub strong: bool,
    /// Ends the content (copyright line, comment section): the body never
    /// runs across it.
    pub barrier: bool,
    /// A truncated teaser of another article (ends with `...`).
    pub teaser: bool,
    /// Boilerplate next to other boilerplate (a menu, a share bar), as
    /// opposed to one stray block inside the body.
    pub boiler_run: bool,
    /// A letter's sign-off.
    pub closing: bool,
    /// A letter's salutation.
    pub salutation: bool,
    /// Mostly a date (a dateline or a listing date).
    pub date: bool,
    /// A time stamp labelled as the page's (`Updated: May 2, 2020 at
    /// 9:10 pm`); a [`date`](Block::date) too.
    pub stamp: bool,
    /// A time stamp by [`stamp`], labelled or not: never a title, and no
    /// related listing's date.
    pub timed: bool,
    /// A data field rather than a link: a label with a colon, or numbers
    /// (`DOCKET NO. 12-345`, `Case: 4`).
    pub field: bool,
    /// Part of a related-article listing.
    pub listing: bool,
    /// A person's name as signatures print it: two to four capitalised
    /// words with an initial or a surname in capitals (`J. Doe`, `Ann
    /// ROE`).
    pub name: bool,
    /// A short line (sixteen words at most, no final stop) led by a number
    /// or a day of a month: an entry of a list the author wrote (`200 g
    /// sugar`, `3 eggs`, `June 9 – Tampa, FL @ Arena`), not a menu link.
    pub item: bool,
    /// A short label introducing what follows (`ENTER:`, `Signed:`).
    pub label: bool,
    /// Its text occurs more than once on the page (left false for prose,
    /// where it does not count).
    pub repeated: bool,
    /// The attribution line under an embedded post or quote: a dash, a
    /// name and a handle (`— Jane Roe (@janeroe) May 2, 2020`).
    pub attribution: bool,
    /// Led by a boilerplate label with a colon (`Read also: …`, `Photo:
    /// …`), thirty words at most, or by a source label (`Source:
    /// Reuters`, six words at most), or a caption ending with its
    /// credit (`… © Jane Roe`): a pointer or credit, dropped even inside
    /// an HTML body however much it reads as a sentence.
    pub pointer: bool,
    /// Carries a boilerplate or `tail` phrase, or is a news agency's
    /// signature (`dpa/AFP`): the site's line when it ends an HTML body.
    pub tail: bool,
    /// Inside a run of short menu-like blocks.
    pub menu: bool,
    /// No letter or digit at all: a rule line or separator (`--`, `***`).
    pub rule: bool,
    /// Ends with a colon: it introduces what follows (`Features:`, `You
    /// will need:`).
    pub colon: bool,
}

/// Words of a source line led by a `tail` label, at most.
const SOURCE_WORDS: usize = 6;
/// Words of a picture caption ending with a credit, at most.
const CAPTION_WORDS: usize = 60;
/// Words of the credit after a caption's `©` (the sign included), at most.
const CREDIT_WORDS: usize = 5;

/// The most words of a truncated teaser.
const TEASER_WORDS: usize = 60;

/// Compute the signals of every block of `raw`.
pub fn analyze(
    raw: &str,
    ranges: Vec<Range<usize>>,
    vocab: &Vocabulary,
    dates: &DateFinder,
) -> Vec<Block> {
    let hits = vocab.hits(raw);
    let page_script = dominant_script(raw);
    let mut blocks: Vec<Block> = Vec::with_capacity(ranges.len());
    let mut h = 0;
    for r in ranges {
        let text = &raw[r.clone()];
        let mut b = sentence_signals(text);
        b.range = r.clone();
        // Vocabulary hits that start inside this block.
        while h < hits.len() && hits[h].range.start < r.start {
            h += 1;
        }
        let mut covered = 0;
        let mut boiler_hits = 0;
        let mut end_hits = 0;
        let mut tail_hits = 0;
        let mut phrase_hits = 0;
        let mut k = h;
        while k < hits.len() && hits[k].range.start < r.end {
            let hit = &hits[k];
            match hit.category {
                Category::Boilerplate | Category::Language | Category::End => {
                    covered += hit.range.end.min(r.end) - hit.range.start;
                    boiler_hits += 1;
                    phrase_hits += raw[hit.range.clone()].contains(' ') as usize;
                    end_hits += (hit.category == Category::End) as usize;
                    b.pointer |= hit.range.start == r.start
                        && hit.category == Category::Boilerplate
                        && raw[hit.range.clone()].ends_with(':');
                }
                Category::Salutation => b.salutation |= hit.range.start == r.start,
                Category::Closing => {}
                Category::Tail => tail_hits += 1,
                Category::Source => {
                    tail_hits += 1;
                    // A short source line (`Source: Reuters`) is a
                    // credit wherever it stands.
                    b.pointer |= hit.range.start == r.start && b.words <= SOURCE_WORDS;
                }
            }
            k += 1;
        }
        b.coverage = covered as f32 / text.len().max(1) as f32;
        b.pointer &= b.words <= 30;
        b.attribution = is_attribution(text);
        b.tail = boiler_hits > 0 || tail_hits > 0 || is_agency_code(text);
        let whole = vocab.whole(text);
        b.closing = whole == Some(Category::Closing);
        let whole_boiler = matches!(
            whole,
            Some(Category::Boilerplate | Category::Language | Category::End)
        ) || (b.words <= 6
            && vocab.leading(text) == Some(Category::Boilerplate));
        let money = is_money(text);
        b.boiler = whole_boiler
            || b.coverage >= 0.3
            || (boiler_hits == 1 && b.words <= 12)
            || (phrase_hits == 1 && b.words <= 20)
            || (boiler_hits >= 2 && b.words <= 20 * boiler_hits)
            || money
            || (b.words <= 3 && !is_code(text) && foreign_script(text, page_script));
        b.boiler |= is_crumbs(text) || more_in_section(text);
        // A block that starts with the copyright sign is the footer's,
        // however long the legal text after it.
        let copyright = starts_copyright(text);
        b.boiler |= copyright;
        // A picture caption signed with its credit (`The new terminal.
        // © Port Authority`) is the picture's, not the text's.
        b.pointer |= !copyright && b.words <= CAPTION_WORDS && ends_with_credit(text);
        b.strong = whole_boiler || b.coverage >= 0.6 || money;
        b.barrier = copyright || (b.boiler && (end_hits > 0 || whole == Some(Category::End)));
        // A dateline's parts may stand between separators (`May 2, 2020 /
        // 1:07 AM / News`): the separators are no words.
        if b.words <= 8 || (b.words <= 12 && b.words.saturating_sub(separators(text)) <= 8) {
            if let Some(d) = dates.find_range(text) {
                b.date = d.len() * 5 >= text.len() * 2;
            }
        }
        b.date |= b.words <= 4 && is_time_ago(text);
        // A time stamp says more than its date (`Updated 9:21 pm CST,
        // Tuesday, May 2, 2020`, `Published: May 2, 2020 at 8:59 pm |
        // Updated: …`): it is one all the same when its other words are
        // labels, times and at most a source's name, and a label says it
        // is the page's. Without a label (`Saturday, May 8, 2021 at 7:00
        // pm`) it may be an event's time, a line of the text: no date,
        // but no title either.
        if !b.date && b.words <= STAMP_WORDS {
            if let Some(labelled) = stamp(text, dates) {
                b.timed = true;
                b.date = labelled;
                b.stamp = labelled;
            }
        }
        b.name = is_name(text);
        b.item = (2..=16).contains(&b.words)
            && !b.terminal
            && ((b.words <= 6 && is_numbered(text)) || month_led(text));
        // Most blocks start with a letter or digit: no need to read on.
        b.rule = !(text
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphanumeric)
            || text.chars().any(char::is_alphanumeric));
        b.label = b.words <= 2 && text.ends_with(':');
        b.field = is_field(text);
        blocks.push(b);
    }
    mark_repeated(raw, &mut blocks);
    mark_listings(&mut blocks);
    mark_menus(&mut blocks);
    for (b, r) in blocks.iter_mut().map(|b| {
        let r = b.range.clone();
        (b, r)
    }) {
        // A line of six or more capitalised words with no punctuation at
        // all is a row of links, not a heading or a sentence.
        let t = &raw[r];
        if b.words >= 6 && b.lower < 0.25 && !t.contains([',', '.', ';', ':', '(', '?', '!']) {
            b.menu = true;
        }
    }
    for i in 0..blocks.len() {
        let near = |j: Option<usize>| j.and_then(|j| blocks.get(j)).is_some_and(|b| b.boiler);
        blocks[i].boiler_run = blocks[i].boiler && (near(i.checked_sub(1)) || near(Some(i + 1)));
    }
    blocks
}

/// Mark the blocks whose text (of four bytes or more) occurs more than
/// once on the page. Prose is left out, and so not hashed: a repeated
/// sentence still counts as prose ([`score`]).
fn mark_repeated(raw: &str, blocks: &mut [Block]) {
    // Each distinct text gets an id, and `seen` counts its blocks.
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut seen: Vec<u32> = Vec::new();
    let text_ids: Vec<Option<usize>> = blocks
        .iter()
        .map(|b| {
            (b.range.len() >= 4 && !b.prose).then(|| {
                let next = ids.len();
                let id = *ids.entry(&raw[b.range.clone()]).or_insert(next);
                if id == seen.len() {
                    seen.push(0);
                }
                seen[id] += 1;
                id
            })
        })
        .collect();
    for (b, id) in blocks.iter_mut().zip(text_ids) {
        b.repeated = id.is_some_and(|id| seen[id] > 1);
    }
}

/// Clear the repeat mark of the blocks of `longest` bytes or fewer that
/// carry none of the site's vocabulary: on an HTML page the reader has
/// already judged the short repeats (a line repeating in another box, or
/// under no repeated label, is gone before the cleaner), and those left
/// are a structured text's section labels and the lines under them. A
/// repeat with the site's vocabulary (a notice under each box) stays
/// marked.
pub fn forget_kept_repeats(blocks: &mut [Block], longest: usize) {
    for b in blocks.iter_mut() {
        if b.repeated && b.range.len() <= longest && !b.tail && !b.boiler {
            b.repeated = false;
        }
    }
}

/// A data field: a colon inside the block, or two digits or more.
fn is_field(text: &str) -> bool {
    memchr::memchr(b':', text.trim_end_matches(':').as_bytes()).is_some()
        || count_bytes(text.as_bytes(), |b| b.is_ascii_digit()) >= 2
}
/// `u8::is_ascii_whitespace` as a table, for the hot word loop.
const WHITESPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_whitespace();
        b += 1;
    }
    table
};

/// Word counts, case and punctuation of one block.
fn sentence_signals(text: &str) -> Block {
    let (words, lower, inner) = word_counts(text);
    let bytes = text.as_bytes();
    // CJK chars start at U+3040 (lead byte 0xE3): most blocks have none
    // (a counting loop over bytes is vectorised).
    let cjk = if count_bytes(bytes, |b| b >= 0xE3) == 0 {
        0
    } else {
        non_ascii_chars(text).filter(|&c| script(c) == 8).count()
    };
    let words = words.max(cjk / 2);
    let lower_share = if cjk > words {
        1.0
    } else {
        lower as f32 / words.max(1) as f32
    };
    // Invisible format chars (`U+2063` after each line of a recipe
    // plugin, zero-width spaces) and spaces end no sentence either.
    let end = text
        .trim_end_matches(|c: char| {
            matches!(
                c,
                '”' | '’' | '"' | '\'' | ')' | ']' | '»' | '*' | '_' | '\u{200B}'..='\u{200D}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{FEFF}'
            ) || c.is_whitespace()
        })
        .chars()
        .next_back();
    let terminal =
        end.is_some_and(|c| matches!(c, '.' | '!' | '?' | ';' | ':' | '。' | '！' | '？' | '…'));
    // A teaser is an excerpt of a few dozen words (WordPress cuts at 55);
    // a longer paragraph ending in an ellipsis is the author's.
    let teaser = (text.ends_with("...") || text.ends_with('…')) && words <= TEASER_WORDS;
    // A long block without final punctuation is prose only if it has
    // sentence punctuation inside (`inner`: a list of links or icons has
    // none).
    let prose =
        words >= 6 && lower_share >= 0.25 && (terminal || (words >= 20 && inner)) && !teaser;
    Block {
        words,
        lower: lower_share,
        colon: end == Some(':'),
        terminal,
        prose,
        teaser,
        ..Block::default()
    }
}

/// Bytes whose word signals [`word_counts`] counts at a time.
const CHUNK: usize = 64;

/// The words of a block (split at ASCII whitespace), the words that
/// count as lower-case (by their first alphanumeric), and whether sentence
/// punctuation stands inside it (a word ending with `,`, `.` or `;`
/// before a space).
///
/// One pass over the block's byte pairs, counted without branches (vector
/// code): a word starts at a byte that is not whitespace after one that
/// is (or at the block's start). A word led by a letter or digit counts
/// by that byte; only the words led by something else (`(the`, `“We`,
/// `über`) are read to their first alphanumeric char, in the chunks
/// where the counts show one. [`word_counts_general`] is the plain loop
/// the tests compare it with.
fn word_counts(text: &str) -> (usize, usize, bool) {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return (0, 0, false);
    };
    let ws = is_space;
    let (mut words, mut lower, mut inner) = (0, 0, false);
    if !ws(first) {
        words += 1;
        lower += odd_word_lower(text, 0) as usize;
    }
    // Pairs (byte before, byte) for every byte after the first.
    let pairs = bytes[..bytes.len() - 1]
        .chunks(CHUNK)
        .zip(bytes[1..].chunks(CHUNK));
    for (k, (before, at)) in pairs.enumerate() {
        let (mut starts, mut low, mut odd, mut punct) = (0u8, 0u8, 0u8, 0u8);
        for (&x, &y) in before.iter().zip(at) {
            let start = ws(x) & !ws(y);
            starts += start as u8;
            low += (start & y.is_ascii_lowercase()) as u8;
            odd += (start & !y.is_ascii_alphanumeric()) as u8;
            punct += ((y == b' ') & matches!(x, b',' | b'.' | b';')) as u8;
        }
        words += usize::from(starts);
        lower += usize::from(low);
        inner |= punct > 0;
        if odd > 0 {
            for (j, (&x, &y)) in before.iter().zip(at).enumerate() {
                if ws(x) && !ws(y) && !y.is_ascii_alphanumeric() {
                    lower += odd_word_lower(text, k * CHUNK + j + 1) as usize;
                }
            }
        }
    }
    (words, lower, inner)
}

/// `u8::is_ascii_whitespace` without a table (so the counting loop is
/// vector code).
fn is_space(b: u8) -> bool {
    b == b' ' || (b.wrapping_sub(b'\t') < 5 && b != 0x0b)
}

/// Whether the word starting at `start` (a byte after ASCII whitespace,
/// or the first) counts as lower-case: its first alphanumeric char is.
fn odd_word_lower(text: &str, start: usize) -> bool {
    let bytes = text.as_bytes();
    if bytes.get(start).is_some_and(u8::is_ascii_alphanumeric) {
        return bytes[start].is_ascii_lowercase();
    }
    let len = bytes[start..]
        .iter()
        .position(|&b| WHITESPACE[b as usize])
        .unwrap_or(bytes.len() - start);
    let word = text.get(start..start + len).unwrap_or("");
    word.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// [`word_counts`] as a plain loop over the words (the general path the
/// tests compare the counting passes with).
#[cfg(test)]
fn word_counts_general(text: &str) -> (usize, usize, bool) {
    let mut words = 0;
    let mut lower = 0;
    let mut inner = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if WHITESPACE[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !WHITESPACE[bytes[i] as usize] {
            i += 1;
        }
        words += 1;
        if bytes[start].is_ascii_alphanumeric() {
            lower += bytes[start].is_ascii_lowercase() as usize;
        } else {
            let word = text.get(start..i).unwrap_or("");
            if let Some(c) = word.chars().find(|c| c.is_alphanumeric()) {
                lower += c.is_lowercase() as usize;
            }
        }
        inner |= bytes.get(i) == Some(&b' ') && matches!(bytes[i - 1], b',' | b'.' | b';');
    }
    (words, lower, inner)
}

/// A signature name: two to four words, all capitalised, one of them an
/// initial (`M.`) or written in capitals (`HYLAND`).
fn is_name(text: &str) -> bool {
    // Cheap tests first: the first word is capitalised, and the second
    // is not lower-case (read on bytes when the first word and the space
    // after it are ASCII, as in most prose).
    let t = text.trim_start();
    if !t.starts_with(char::is_uppercase) || ascii_second_word_lower(t.as_bytes()) {
        return false;
    }
    // At most four words, all capitalised: stop reading at a fifth word or
    // at the first word that is not capitalised (prose fails at its
    // second word).
    let mut buf = [""; 4];
    let mut n = 0;
    for w in text.split_whitespace() {
        if n == buf.len() || !w.starts_with(char::is_uppercase) {
            return false;
        }
        buf[n] = w;
        n += 1;
    }
    let words = &buf[..n];
    if n < 2 {
        return false;
    }
    let marked = words.iter().any(|w| {
        let letters = w.trim_end_matches(['.', ',']);
        (letters.chars().count() == 1 && w.ends_with('.'))
            || (letters.chars().count() >= 2 && letters.chars().all(char::is_uppercase))
    });
    marked && !text.bytes().any(|b| b.is_ascii_digit())
}

/// Whether `b` opens with an ASCII word, ASCII whitespace and an ASCII
/// lower-case letter: the second word of `str::split_whitespace` (whose
/// whitespace, in ASCII, is `\t` to `\r` and the space) is lower-case.
fn ascii_second_word_lower(b: &[u8]) -> bool {
    let space = |c: u8| c == b' ' || (b'\t'..=b'\r').contains(&c);
    let Some(end) = b.iter().position(|&c| space(c) || c >= 0x80) else {
        return false;
    };
    let next = b[end..].iter().position(|&c| !space(c)).map(|k| b[end + k]);
    space(b[end]) && next.is_some_and(|c| c.is_ascii_lowercase())
}

/// `More in <Section>`: the heading of a list of a section's other
/// stories, its section name capitalised (`More in Local Politics`), not
/// a heading of the text (`More in common than they thought`).
fn more_in_section(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let head = words.next().is_some_and(|w| w.eq_ignore_ascii_case("more"))
        && words.next().is_some_and(|w| w.eq_ignore_ascii_case("in"));
    let mut section = 0;
    head && words.all(|w| {
        section += 1;
        w.chars().next().is_some_and(char::is_uppercase)
    }) && (1..=4).contains(&section)
}

/// Words of a time stamp, at most.
const STAMP_WORDS: usize = 20;
/// Words of a time stamp that are neither date, time nor label (a
/// source's name: `CBS News`), at most.
const STAMP_OTHER: usize = 2;

/// A time stamp: a block with a date (as [`DateFinder`] reads it) whose
/// words are all parts of dates and times (numbers, month and weekday
/// names, `am`/`pm`, time zones such as `CST` or `GMT+1`), separators,
/// or the words that announce them (`Updated`, `Published on:`, `Posted
/// at`, `Last modified`), but for [`STAMP_OTHER`] words. `Some(true)`
/// when a label (`updated`, `published`, `posted`, `modified`) says it
/// is the page's stamp, not a date of the text.
fn stamp(text: &str, dates: &DateFinder) -> Option<bool> {
    // No date without a year: most short blocks stop here.
    if !super::meta::has_four_digits(text.as_bytes()) {
        return None;
    }
    let (mut other, mut labelled, mut lead) = (0, false, true);
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        // A separator (`|`, `/`) may lead a second stamp.
        lead |= w.is_empty();
        if w.is_empty() || w.bytes().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let l = w.to_ascii_lowercase();
        let label = matches!(l.as_str(), "updated" | "published" | "posted" | "modified");
        // A label leads the stamp (`Updated …`, `Last modified …`) or
        // follows a separator (`… | UPDATED: …`), not a word of the text.
        labelled |= label && lead;
        lead = label
            || matches!(
                l.as_str(),
                "last" | "originally" | "first" | "date" | "story" | "article" | "page"
            );
        let zone = w.len() <= 4 && w.bytes().all(|c| c.is_ascii_uppercase()) && w.ends_with('T');
        if label || zone || stamp_word(&l) {
            continue;
        }
        other += 1;
        if other > STAMP_OTHER {
            return None;
        }
    }
    dates.find_range(text).map(|_| labelled)
}

/// Words of a day without its year, at most.
const DAY_WORDS: usize = 3;

/// A day without its year, alone on its line (`Nov 18`, `Monday, 18
/// November`): a month name and a day number, perhaps a weekday. Not a
/// [`Block::date`] (a list of tour dates or a diary has them among its
/// text), but a dateline where one is expected.
pub fn month_day(text: &str) -> bool {
    if text.split_whitespace().count() > DAY_WORDS {
        return false;
    }
    let (mut month, mut day) = (false, false);
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| c == ',' || c == '.');
        if w.len() <= 2 && !w.is_empty() && w.bytes().all(|c| c.is_ascii_digit()) {
            if day {
                return false;
            }
            day = true;
            continue;
        }
        let l = w.to_ascii_lowercase();
        if MONTHS.contains(&l.as_str()) {
            month = true;
        } else if !is_weekday(&l) {
            return false;
        }
    }
    month && day
}

/// A weekday's name, full or abbreviated (lower-case).
fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
    )
}

/// A word of a time stamp that is no number nor label: a month or a
/// weekday (full or abbreviated), `am`/`pm`, `on`/`at` (lower-case).
fn stamp_word(w: &str) -> bool {
    matches!(
        w,
        "last" | "on" | "at" | "am" | "pm" | "a.m" | "p.m" | "utc"
    ) || is_weekday(w)
        || MONTHS.contains(&w)
}

/// Words of `text` that are a lone separator (`/`, `|`, `·`, `•`, `-`).
fn separators(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| matches!(*w, "/" | "|" | "·" | "•" | "-" | "–" | "—"))
        .count()
}

/// The attribution line of an embedded post: led by a dash, a short line
/// with a handle in parentheses (`— Jane Roe (@janeroe) May 2, 2020`).
fn is_attribution(text: &str) -> bool {
    let t = text.trim_start();
    (t.starts_with('—') || t.starts_with('–') || t.starts_with("- "))
        && t.len() <= 160
        && t.contains("(@")
}

/// A news agency's signature under a report: one token of staff
/// initials and agency codes between slashes, or an agency code in
/// parentheses (`aja/PAP`, `ab/DPA`, `(AFP)`), with an upper-case code.
fn is_agency_code(text: &str) -> bool {
    let t = text.trim();
    let inner = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    if t.len() > 24 || inner.is_empty() || (inner.len() == t.len() && !inner.contains('/')) {
        return false;
    }
    let mut upper = false;
    for part in inner.split('/') {
        if !(2..=5).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        upper |= part.len() >= 2 && part.bytes().all(|b| b.is_ascii_uppercase());
    }
    upper
}

/// Whether a block ends with a copyright credit: a `©` followed by a
/// name of [`CREDIT_WORDS`] words at most (`… © Jane Roe/Agency`).
fn ends_with_credit(text: &str) -> bool {
    text.rfind('©')
        .is_some_and(|i| text[i..].split_whitespace().count() <= CREDIT_WORDS)
}

/// Whether a block opens with a copyright notice (`© 2020 …`,
/// `Copyright 2020 …`, `(c) 2020 …`).
fn starts_copyright(text: &str) -> bool {
    if text.starts_with('©') {
        return true;
    }
    let head = text.get(..text.len().min(12)).unwrap_or("");
    let rest = strip_prefix_ignore_case(head, "copyright")
        .or_else(|| strip_prefix_ignore_case(head, "(c)"))
        .map(str::trim_start);
    rest.is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()) || r.starts_with('©'))
}

/// `text` less `prefix` (ASCII), if it starts with it in any case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// A breadcrumb or tag line: three or more short capitalised items
/// between separators (`Home > News > Courts`, `Crimes - Sentence - Probation`).
fn is_crumbs(text: &str) -> bool {
    if text.len() > 200 {
        return false;
    }
    // Cheap tests first: a byte that can follow the first space of a
    // separator at all (a vectorised count), then which separators occur
    // between two spaces.
    const SEPARATORS: [&str; 9] = [
        " > ", " » ", " › ", " | ", " - ", " – ", " / ", " · ", " • ",
    ];
    let b = text.as_bytes();
    let opens = |c: u8| matches!(c, b'>' | b'|' | b'-' | b'/' | 0xC2 | 0xE2);
    if count_bytes(b, opens) == 0 {
        return false;
    }
    let mut present = [false; SEPARATORS.len()];
    for i in (0..b.len()).filter(|&i| b[i] == b' ' && b.get(i + 1).is_some_and(|&c| opens(c))) {
        for k in 2..=4 {
            if let Some(sep) = b.get(i..=i + k) {
                for (j, s) in SEPARATORS.iter().enumerate() {
                    present[j] |= sep == s.as_bytes();
                }
            }
        }
    }
    for (sep, _) in SEPARATORS.iter().zip(present).filter(|(_, p)| *p) {
        let mut n = 0;
        let ok = text.split(sep).all(|item| {
            n += 1;
            let item = item.trim();
            let words = item.split_whitespace().count();
            (1..=4).contains(&words)
                && item.chars().next().is_some_and(char::is_uppercase)
                && !item.ends_with(['.', ',', ';', ':'])
        });
        if ok && n >= 3 {
            return true;
        }
    }
    false
}

/// A relative time as news listings print it: `32M ago`, `2 hours ago`.
fn is_time_ago(text: &str) -> bool {
    let tail = text.trim_end().as_bytes();
    if tail.len() < 4 || !tail[tail.len() - 4..].eq_ignore_ascii_case(b" ago") {
        return false;
    }
    let t = text.trim().to_ascii_lowercase();
    let Some(head) = t.strip_suffix(" ago") else {
        return false;
    };
    let unit = head.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
    unit.len() < head.len()
        && matches!(
            unit,
            "s" | "m"
                | "h"
                | "d"
                | "w"
                | "min"
                | "mins"
                | "minute"
                | "minutes"
                | "hr"
                | "hrs"
                | "hour"
                | "hours"
                | "day"
                | "days"
                | "week"
                | "weeks"
                | "month"
                | "months"
                | "year"
                | "years"
        )
}

/// A bare amount or currency sign: `$50`, `€1,000`, `$`.
fn is_money(text: &str) -> bool {
    let t = text.trim();
    let mut cur = false;
    let mut digits = false;
    for c in t.chars() {
        match c {
            '$' | '€' | '£' | '¥' | '₹' => cur = true,
            '0'..='9' => digits = true,
            ',' | '.' | ' ' => {}
            _ => return false,
        }
    }
    cur && (digits || t.chars().count() == 1)
}

/// The script most letters of the page are in (sampling the first 16 Ki chars).
fn dominant_script(raw: &str) -> u8 {
    // The bytes up to the 16 385th char (a char starts at any byte but a
    // continuation byte).
    let sample = raw.get(..sample_end(raw, 16_384)).unwrap_or(raw);
    let mut counts = [0u32; 10];
    let bytes = sample.as_bytes();
    counts[0] = count_bytes(bytes, |b| b.is_ascii_alphabetic()) as u32;
    // With more ASCII letters than non-ASCII chars, Latin wins anyway.
    if counts[0] as usize > count_bytes(bytes, |b| b >= 0xC0) {
        return 0;
    }
    for c in non_ascii_chars(sample).filter(|c| c.is_alphabetic()) {
        counts[script(c) as usize] += 1;
    }
    (0..10).max_by_key(|&i| counts[i]).unwrap_or(0) as u8
}

/// The byte length of the first `chars` chars of `text` (a char starts at
/// any byte but a continuation byte).
fn sample_end(text: &str, chars: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.len() <= chars {
        return bytes.len();
    }
    let starts = |b: &u8| !(0x80..0xC0).contains(b);
    // At most `chars` chars start in the first `chars` bytes.
    let mut n = count_bytes(&bytes[..chars], |b| starts(&b));
    for (i, b) in bytes.iter().enumerate().skip(chars) {
        if starts(b) {
            if n == chars {
                return i;
            }
            n += 1;
        }
    }
    bytes.len()
}

/// The non-ASCII chars of `text`, decoded at their lead bytes only (ASCII
/// bytes are skipped without decoding).
fn non_ascii_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b >= 0xC0)
        .filter_map(|(i, _)| text.get(i..)?.chars().next())
}

/// Whether a short block reads as code or a command rather than as a
/// language name: a word with an inner `.` between lower-case letters or
/// digits (`game.set_speed`, `os.path`, `2.26`; not `U.S.`),
/// or a sign that no language picker prints (`*`, `_`, `=`, `;`, `{`,
/// `}`, `<`, `>`, `#`, `$`, `%`).
pub fn is_code(text: &str) -> bool {
    let low = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let b = text.as_bytes();
    b.iter().any(|c| {
        matches!(
            c,
            b'*' | b'_' | b'=' | b';' | b'{' | b'}' | b'<' | b'>' | b'#' | b'$' | b'%'
        )
    }) || b.windows(3).any(|w| low(w[0]) && w[1] == b'.' && low(w[2]))
}

/// Whether a line reads as code rather than as a title: a sign titles do
/// not print (`_`, `=`, `{`, `}`; not `;`, which joins a decision's
/// `ORDER GRANTING …; DENYING …`), or a name with an inner `.`
/// between lower-case words (`os.path`, `game.set_speed`; not `e.g.`,
/// `$2.5 million`, `Part 2.1`, `#FreeThemAll`, `12%`).
pub fn is_code_title(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().any(|c| matches!(c, b'_' | b'=' | b'{' | b'}'))
        || b.windows(5).any(|w| {
            w[0].is_ascii_lowercase()
                && w[1].is_ascii_lowercase()
                && w[2] == b'.'
                && w[3].is_ascii_lowercase()
                && w[4].is_ascii_lowercase()
        })
}

/// Whether most letters of `text` are in another script than the page's.
fn foreign_script(text: &str, page: u8) -> bool {
    let (mut same, mut other) = (0, 0);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if script(c) == page {
            same += 1;
        } else {
            other += 1;
        }
    }
    other > same
}

/// Related-article listings: where date blocks come back every few blocks,
/// the dates and the short blocks after them are a listing.
fn mark_listings(blocks: &mut [Block]) {
    let dates: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].date && !blocks[i].timed)
        .collect();
    for (k, &i) in dates.iter().enumerate() {
        let near = |j: Option<&usize>| j.is_some_and(|&j: &usize| j.abs_diff(i) <= 6);
        if !(near(dates.get(k + 1)) || (k > 0 && near(dates.get(k - 1)))) {
            continue;
        }
        blocks[i].listing = true;
        // Items of a listing: everything between two dates a few short
        // blocks apart (title, type, teaser text).
        if let Some(&next) = dates.get(k + 1) {
            if next - i <= 4 && blocks[i + 1..next].iter().all(|b| b.range.len() <= 400) {
                for b in &mut blocks[i + 1..next] {
                    b.listing = true;
                }
            }
        }
        let end = dates.get(k + 1).copied().unwrap_or(blocks.len()).min(i + 4);
        for b in &mut blocks[i + 1..end] {
            if b.prose {
                break;
            }
            b.listing = true;
        }
    }
}

/// Whether `text` opens with a number (digits, maybe with `.` `,` `/` `½`
/// inside) followed by a space and a word: a quantity or list numeral.
fn is_numbered(text: &str) -> bool {
    let lead = text
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'/' | b'-'))
        .count();
    text.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && text[lead..].starts_with(' ')
        && text[lead..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
}

/// English month names and their usual abbreviations.
const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Whether `text` opens with a month name and a day (`June 9 –`,
/// `Sept. 12:`): the entry of a list of dates.
fn month_led(text: &str) -> bool {
    // Cheap test first: the first letter of a month.
    let first = text
        .trim_start()
        .as_bytes()
        .first()
        .map(u8::to_ascii_lowercase);
    if !matches!(
        first,
        Some(b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
    ) {
        return false;
    }
    let mut words = text.split_whitespace();
    let (Some(month), Some(day)) = (words.next(), words.next()) else {
        return false;
    };
    let month = month.trim_end_matches('.');
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(month))
        && day.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// Runs of four or more short blocks without sentence punctuation.
fn mark_menus(blocks: &mut [Block]) {
    let short =
        |b: &Block| b.words <= 4 && !b.terminal && !b.prose && !b.date && !b.field && !b.item;
    let mut i = 0;
    while i < blocks.len() {
        if !short(&blocks[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < blocks.len() && short(&blocks[j]) {
            j += 1;
        }
        if j - i >= 4 {
            for b in &mut blocks[i..j] {
                b.menu = true;
            }
        }
        i = j;
    }
}

/// How much a block adds to a body region: positive for prose, negative
/// for everything else, strongly negative for boilerplate.
pub fn score(b: &Block) -> f64 {
    let len = b.range.len() as f64;
    if b.boiler {
        // A stray block inside the body (an ad label, a credit) costs less
        // than a menu or share bar.
        // A stray block that is boilerplate beyond doubt (`Advertisement`,
        // `Continued on the next page`) is dropped from the body anyway: it
        // says little about where the body ends.
        return match (b.boiler_run, b.strong) {
            (true, _) => -2.0 * (len + 60.0),
            (false, true) => -40.0,
            (false, false) => -(len + 80.0),
        };
    }
    if b.listing || b.teaser || (b.repeated && !b.prose) {
        return -(len + 30.0);
    }
    if b.prose {
        return len * (0.5 + b.lower as f64).min(1.2);
    }
    let mut s = -(15.0 + len.min(100.0) * 0.5);
    if b.terminal && b.words >= 3 {
        s = -5.0;
    }
    if b.menu {
        s -= 10.0;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::blocks;
    use super::*;
    use crate::patterns::Patterns;

    fn run(raw: &str) -> Vec<(String, Block)> {
        let vocab = Vocabulary::new(&Patterns::builtin()).unwrap();
        let ranges = blocks::split(raw, true, &[]);
        analyze(raw, ranges, &vocab, &DateFinder::new())
            .into_iter()
            .map(|b| (raw[b.range.clone()].to_string(), b))
            .collect()
    }

    fn get<'a>(bs: &'a [(String, Block)], text: &str) -> &'a Block {
        &bs.iter().find(|(t, _)| t == text).unwrap().1
    }

    #[test]
    fn more_in_a_section_heads_a_list_but_not_a_sentence() {
        // The heading of a list of other stories from the same section.
        assert!(more_in_section("More in Local Politics"));
        assert!(more_in_section("MORE IN Sports"));
        assert!(!more_in_section("More in store for the appeal court."));
        assert!(!more_in_section("More in common than they thought"));
        assert!(!more_in_section("More in"));
        assert!(!more_in_section("More in A B C D E"));
        assert!(!more_in_section("Morning in the City"));
    }

    #[test]
    fn word_counts_match_the_word_loop() {
        assert!((0..=255u8).all(|b| is_space(b) == b.is_ascii_whitespace()));
        // Words led by letters, digits, signs and non-ASCII chars, glued
        // to punctuation, between every kind of space, across chunk edges.
        let pieces = [
            "the", "The", "court", "A1", "5", "(the", "(The", "(“the", "“We", "“we", "‘s", "'s",
            "über", "Über", "É", "é", "中文", "Я", "—", "–", "§", "§ 5", "...", "…", "-", "x.",
            "a,", "b;", "Dr.", "(1)", "\"", "((", "©", "\u{2063}", ",", ".", ";", ":", " ", "  ",
            "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", " . ", " ; ", ", ",
        ];
        let mut rng = crate::testing::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..4000 {
            let mut t = String::new();
            for _ in 0..next(120) {
                t.push_str(pieces[next(pieces.len())]);
                if next(3) > 0 {
                    t.push(' ');
                }
            }
            assert_eq!(word_counts(&t), word_counts_general(&t), "{t:?}");
        }
        // Long runs: one word of 300 letters, 300 spaces, a word after them.
        for t in [
            "",
            " ",
            "x",
            "(",
            "“",
            &"a".repeat(300),
            &format!("{}(the", " ".repeat(300)),
            &format!("{}“We, said.", "b".repeat(127)),
            &"(a ".repeat(100),
            &"“Über; ".repeat(50),
        ] {
            assert_eq!(word_counts(t), word_counts_general(t), "{t:?}");
        }
        assert_eq!(word_counts("(the Court, “we"), (3, 2, true));
    }

    #[test]
    fn prose_and_headings() {
        let bs = run(
            "Court RulingThe panel found that the lower court erred in its reading of the statute.",
        );
        assert!(!get(&bs, "Court Ruling").prose);
        let p = get(
            &bs,
            "The panel found that the lower court erred in its reading of the statute.",
        );
        assert!(p.prose && p.terminal && !p.boiler);
        assert!(score(p) > 0.0);
        assert!(score(get(&bs, "Court Ruling")) < 0.0);
    }

    #[test]
    fn vocabulary_marks_boilerplate_but_not_prose_mentioning_it() {
        let bs = run("Subscribe to our newsletterWe wrote to the warden about the cookie ban in the prison canteen and the lack of visits.");
        assert!(get(&bs, "Subscribe to our newsletter").boiler);
        let p = get(&bs, "We wrote to the warden about the cookie ban in the prison canteen and the lack of visits.");
        assert!(!p.boiler && p.prose);
    }

    #[test]
    fn end_of_article_credits_and_pitches() {
        let raw = "The agency said the review would finish next year, according to reporting by local papers.\n\
                   (Reporting by Ann Lee; Editing by Bo Chan)\n\
                   Have a tip? Send it to the newsroom. Follow her on Twitter.\n\
                   Write to Ann Lee at ann@example.com\n\
                   Advert\n";
        let bs = run(raw);
        let prose = get(
            &bs,
            "The agency said the review would finish next year, according to reporting by local papers.",
        );
        assert!(prose.prose && !prose.boiler);
        assert!(get(&bs, "(Reporting by Ann Lee; Editing by Bo Chan)").boiler);
        assert!(
            get(
                &bs,
                "Have a tip? Send it to the newsroom. Follow her on Twitter."
            )
            .boiler
        );
        assert!(get(&bs, "Write to Ann Lee at ann@example.com").boiler);
        assert!(get(&bs, "Advert").strong);
        let bs = run("Alle Angaben ohne Gewähr\nUnterstütze uns\nValora esta noticia\n");
        assert!(get(&bs, "Alle Angaben ohne Gewähr").boiler);
        assert!(get(&bs, "Unterstütze uns").boiler);
        assert!(get(&bs, "Valora esta noticia").barrier);
        let bs = run("Never miss the latest news by signing up to our newsletter today!\n");
        assert!(
            get(
                &bs,
                "Never miss the latest news by signing up to our newsletter today!"
            )
            .boiler
        );
    }

    #[test]
    fn numbered_entries_are_list_items_not_menus() {
        assert!(is_numbered("200 g sugar") && is_numbered("1,5 l milk"));
        assert!(is_numbered("12 May Berlin") && is_numbered("3 eggs"));
        assert!(!is_numbered("2020") && !is_numbered("Home") && !is_numbered("12:30 pm"));
        assert!(!is_numbered("1. ") && !is_numbered("10 %"));
        let bs = run("Home\nNews\nSport\nWeather\n200 g flour\n3 eggs\n1 pinch salt\n2 tbsp oil\n");
        assert!(get(&bs, "Home").menu && get(&bs, "Weather").menu);
        let eggs = get(&bs, "3 eggs");
        assert!(eggs.item && !eggs.menu);
        assert!(!get(&bs, "Home").item);
    }

    #[test]
    fn kept_repeats_are_forgotten_unless_site_vocabulary() {
        let mut bs: Vec<Block> = run("Breakfast\nA long sentence that ends here.\nBreakfast")
            .into_iter()
            .map(|(_, b)| b)
            .collect();
        assert!(bs[0].repeated && bs[2].repeated);
        forget_kept_repeats(&mut bs, 8);
        assert!(bs[0].repeated, "longer than the limit: still marked");
        forget_kept_repeats(&mut bs, 9);
        assert!(!bs[0].repeated && !bs[2].repeated);
        // A notice with the site's vocabulary stays a repeat.
        let mut bs: Vec<Block> =
            run("Follow us on Twitter\nA long sentence that ends here.\nFollow us on Twitter")
                .into_iter()
                .map(|(_, b)| b)
                .collect();
        assert!(bs[0].tail || bs[0].boiler);
        forget_kept_repeats(&mut bs, 100);
        assert!(bs[0].repeated && bs[2].repeated);
    }

    #[test]
    fn month_led_lines_are_list_items() {
        assert!(month_led("June 9 – Tampa, FL @ Bayfront Arena"));
        assert!(month_led("Sept. 12: Opening night"));
        assert!(!month_led("May the court grant relief"));
        assert!(!month_led("Mayor 5 votes") && !month_led("June"));
        let bs = run("June 20 – Springfield, IL @ County Fairgrounds Grandstand and Pavilion at the Lake\nMarch 3, 2019 the board met.\n");
        assert!(get(&bs, "June 20 – Springfield, IL @ County Fairgrounds Grandstand and Pavilion at the Lake").item);
        assert!(!get(&bs, "March 3, 2019 the board met.").item);
    }

    #[test]
    fn repetition_money_and_language_pickers() {
        let bs = run("Print pageEnglishFrançais中文Body text is here.$20$40Print page");
        assert!(get(&bs, "Print page").repeated);
        // A repeated sentence is prose all the same.
        let twice = run("The court granted the motion to dismiss the complaint today.\nThe court granted the motion to dismiss the complaint today.\n");
        assert!(twice[0].1.prose && !twice[0].1.repeated && score(&twice[0].1) > 0.0);
        assert!(get(&bs, "中文").boiler);
        assert!(get(&bs, "Français").boiler);
        assert!(get(&bs, "$20").boiler && get(&bs, "$40").strong);
    }

    #[test]
    fn invisible_chars_after_the_stop_end_a_sentence_all_the_same() {
        let bs = run("Remove the tofu and drain it on paper towels.\u{2063}\nAdd the noodles and stir.\u{200B} \n");
        assert!(bs[0].1.terminal && bs[0].1.prose, "{:?}", bs[0]);
        assert!(bs[1].1.terminal);
    }

    #[test]
    fn code_lines_are_no_language_picker() {
        // A few Latin words on a Cyrillic page: a language picker's entry,
        // unless they read as code or a command.
        let page = "Эти команды вводятся в консоли игры по одной строке.\ngame.set_speed jump *\nset_speed 120\nos.path\nEnglish\nU.S. English\nПосле этого сохраните файл и откройте его снова.\n";
        let bs = run(page);
        assert!(!get(&bs, "game.set_speed jump *").boiler);
        assert!(!get(&bs, "set_speed 120").boiler);
        assert!(!get(&bs, "os.path").boiler);
        assert!(get(&bs, "English").boiler);
        assert!(get(&bs, "U.S. English").boiler);
        assert!(is_code("2.26 *") && !is_code("Deutsch (Schweiz)") && !is_code("U.S."));
        // Titles with signs, figures and section numbers are no code.
        for title in [
            "$2 million settlement in jail death case",
            "#FreeThemAll rally outside the detention center",
            "Unemployment in prisons rises to 12% in 2020",
            "Part 2.1 of the report on detention, e.g. in Texas",
            "ORDER GRANTING MOTION TO DISMISS; DENYING MOTION TO STRIKE",
        ] {
            assert!(!is_code_title(title), "{title}");
        }
        assert!(is_code_title("import os.path") && is_code_title("game.set_speed run 120"));
    }

    #[test]
    fn listing_rhythm() {
        let bs = run("More from usMay 2, 2021ReportA Title of a ReportJune 9, 2020StatementAnother Statement TitleThe end of this page is here.");
        for t in [
            "May 2, 2021",
            "Report",
            "A Title of a Report",
            "June 9, 2020",
            "Another Statement Title",
        ] {
            assert!(get(&bs, t).listing, "{t}");
        }
        // A lone dateline is a date but no listing.
        let bs = run("Acme NewsMay 2, 2021 10:00AM EDTWe wrote this letter to you today.");
        let d = get(&bs, "May 2, 2021 10:00AM EDT");
        assert!(d.date && !d.listing);
    }

    #[test]
    fn menu_runs_closings_and_salutations() {
        let bs =
            run("HomeAboutOur ProgramsVolunteerDear Commissioner Smith:We write today.Sincerely,");
        assert!(get(&bs, "Volunteer").menu && get(&bs, "Our Programs").menu);
        assert!(get(&bs, "Dear Commissioner Smith:").salutation);
        assert!(get(&bs, "Sincerely,").closing);
        assert!(!get(&bs, "Sincerely,").boiler);
    }

    #[test]
    fn signature_names() {
        assert!(is_name("M. HYLAND") && is_name("Darrell M. Joseph") && is_name("K. Josey"));
        assert!(!is_name("Police Torture in Turkey") && !is_name("Veterans Law Judge"));
        assert!(!is_name("J. Doe 12") && !is_name("Smith"));
        assert!(ascii_second_word_lower(b"The court") && ascii_second_word_lower(b"A\x0b\tb"));
        assert!(!ascii_second_word_lower(b"The Court") && !ascii_second_word_lower(b"Ann"));
        assert!(!ascii_second_word_lower("Zoë court".as_bytes()));
        assert!(!ascii_second_word_lower("Ann\u{a0}lee".as_bytes()));
        assert!(!is_name("Mr. DOE and") && is_name("Ann\u{a0}LEE"));
    }

    #[test]
    fn crumbs_link_rows_teasers_and_times() {
        assert!(is_crumbs("Home > News > Courts"));
        assert!(is_crumbs("Crimes - Sentence - Probation - Conditions"));
        assert!(is_crumbs("Start » Recht » Urteile"));
        assert!(is_crumbs("News – Courts – Appeals"));
        assert!(!is_crumbs("The court - in a short ruling - agreed with us"));
        assert!(!is_crumbs("Smith - Jones"));
        assert!(is_time_ago("32M ago") && is_time_ago("2 hours ago"));
        assert!(!is_time_ago("long ago") && !is_time_ago("5 ago"));
        let bs = run("Law Library Court Rules Forms Fees Judges Calendar\nThe clerk said the filing fee would rise next year, after the review...\n");
        let row = get(&bs, "Law Library Court Rules Forms Fees Judges Calendar");
        assert!(row.menu && !row.prose);
        let teaser = get(
            &bs,
            "The clerk said the filing fee would rise next year, after the review...",
        );
        assert!(teaser.teaser && !teaser.prose);
        assert!(score(teaser) < 0.0);
        // A paragraph longer than any excerpt is the author's, even when it
        // trails off.
        let long = format!(
            "{}and so on…",
            "The court heard the witnesses one after the other, ".repeat(8)
        );
        let bs = run(&format!("{long}\n"));
        let b = get(&bs, &long);
        assert!(!b.teaser && b.prose && score(b) > 0.0);
    }

    #[test]
    fn agency_signatures() {
        for t in ["aja/PAP", "ab/DPA", "(AFP)", " mp/AP "] {
            assert!(is_agency_code(t), "{t}");
        }
        for t in [
            "and/or",
            "AFP",
            "(see)",
            "km/h",
            "N/A",
            "Oct/Nov 2020",
            "(AB12)",
        ] {
            assert!(!is_agency_code(t), "{t}");
        }
    }

    #[test]
    fn tail_phrases_mark_a_block_without_making_it_boilerplate() {
        let bs = run(
            "The court heard the appeal on Monday and reserved its judgment.\
             For more information on the hearing, see the court's website.",
        );
        let p = get(
            &bs,
            "For more information on the hearing, see the court's website.",
        );
        assert!(p.tail && !p.boiler && score(p) > 0.0);
        assert!(
            !get(
                &bs,
                "The court heard the appeal on Monday and reserved its judgment."
            )
            .tail
        );
    }

    #[test]
    fn attribution_lines_of_embedded_posts() {
        assert!(is_attribution("— Jane Roe (@janeroe) May 2, 2020"));
        assert!(is_attribution("– Court News (@courtnews) 2 May 2020"));
        // A dash-led line without a handle, or a handle without a dash.
        assert!(!is_attribution("— and the court adjourned."));
        assert!(!is_attribution("Jane Roe (@janeroe) May 2, 2020"));
    }

    #[test]
    fn dateline_with_separators_is_a_date() {
        let bs = run("The panel found that the lower court erred in its reading of the statute.");
        assert!(!bs[0].1.date);
        assert_eq!(separators("May 2, 2020 / 1:07 AM / Court News"), 2);
        let vocab = Vocabulary::new(&Patterns::builtin()).unwrap();
        let raw = "November 20, 2019 / 1:07 AM / Court News";
        let b = &analyze(
            raw,
            std::iter::once(0..raw.len()).collect(),
            &vocab,
            &DateFinder::new(),
        )[0];
        assert!(b.words == 9 && b.date);
        // Nine words without separators are no dateline.
        let raw = "November 20, 2019 the court met again in full session";
        let b = &analyze(
            raw,
            std::iter::once(0..raw.len()).collect(),
            &vocab,
            &DateFinder::new(),
        )[0];
        assert!(!b.date);
    }

    #[test]
    fn time_stamp_is_a_date_labelled_or_not() {
        let one = |raw: &str| {
            let vocab = Vocabulary::new(&Patterns::builtin()).unwrap();
            analyze(
                raw,
                std::iter::once(0..raw.len()).collect(),
                &vocab,
                &DateFinder::new(),
            )
            .remove(0)
        };
        // Times, weekdays, zones, labels and a source's name around the
        // date: a stamp, labelled as the page's.
        for raw in [
            "Updated 9:21 pm CST, Tuesday, November 19, 2019",
            "PUBLISHED: May 2, 2020 at 8:59 pm | UPDATED: May 2, 2020 at 10:16 pm",
            "Updated on: November 19, 2019 / 10:07 AM / Court News",
            "Last modified on Mon, 3 Feb 2020 at 10:00 GMT",
        ] {
            let b = one(raw);
            assert!(b.date && b.stamp, "{raw}");
        }
        // A date with its weekday and time but no label: a date, no stamp.
        let b = one("Tuesday, November 19, 2019 at 9:21 pm EST");
        assert!(b.date && !b.stamp);
        // A short sentence with a date is neither.
        let b = one("The court met again on May 2, 2020 in full session.");
        assert!(!b.date && !b.stamp);
        let b = one("Judges posted their ruling on May 2, 2020.");
        assert!(!b.date && !b.stamp);
        // A label and a time without a date are no stamp.
        let b = one("Updated at 9:21 pm CST");
        assert!(!b.date && !b.stamp);
    }

    #[test]
    fn day_without_year_alone_on_its_line() {
        for t in ["Nov 18", "Monday, 18 November", "Sept. 3"] {
            assert!(month_day(t), "{t}");
        }
        for t in [
            "Nov 18 2019 and more",
            "18",
            "November",
            "May 3 4",
            "Chapter 18",
            "on Nov 18",
            "Tuesday 12",
        ] {
            assert!(!month_day(t), "{t}");
        }
        // It is no date of the block's signals: a list of tour dates keeps
        // its rhythm out of the listings.
        let bs = run("Nov 18");
        assert!(!bs[0].1.date);
    }

    /// The signals of `raw` read as a single block.
    fn one_block(vocab: &Vocabulary, raw: &str) -> Block {
        analyze(
            raw,
            std::iter::once(0..raw.len()).collect(),
            vocab,
            &DateFinder::new(),
        )
        .remove(0)
    }

    #[test]
    fn label_led_pointer_lines() {
        let vocab = Vocabulary::new(&Patterns::builtin()).unwrap();
        let one = |raw: &str| one_block(&vocab, raw);
        assert!(one("Read also: How the court ruled on the lease?").pointer);
        // The label must lead the block, and the block be short.
        assert!(!one("The judge said we should read also: the statute.").pointer);
        let long = format!("Read also: {}", "word ".repeat(40));
        assert!(!one(&long).pointer);
        // A short source line, led by its label.
        assert!(one("Source: State Ministry of Health").pointer);
        assert!(one("Quelle: Landesamt").pointer);
        assert!(!one("Source: the ministry said on Monday that the figures were wrong").pointer);
        assert!(!one("The main source: the ministry").pointer);
    }

    #[test]
    fn captions_signed_with_a_credit() {
        let vocab = Vocabulary::new(&Patterns::builtin()).unwrap();
        let one = |raw: &str| one_block(&vocab, raw);
        assert!(one("The new terminal opened in May. © Port Authority").pointer);
        assert!(one("Judges at the opening | © Jane Roe/Agency").pointer);
        // Not a sign followed by a sentence, nor a long paragraph.
        assert!(!one("The © sign was printed on every page the firm sold in the county.").pointer);
        let long = format!("{}© Jane Roe", "word ".repeat(70));
        assert!(!one(&long).pointer);
        assert!(ends_with_credit("Photo © A B") && !ends_with_credit("no sign here"));
    }

    #[test]
    fn barriers_and_stray_boilerplate() {
        let bs = run("The judge granted the motion in part and denied it in part for the reasons given.AdvertisementThe parties were told to file new briefs within a month.© 2020 Court NewsLeave a comment");
        let ad = get(&bs, "Advertisement");
        assert!(ad.strong && !ad.boiler_run && !ad.barrier);
        assert!(score(ad) > -50.0);
        assert!(get(&bs, "© 2020 Court News").barrier);
        let long = run("Intro text.© 2004-2020 Example Media Ltd. All rights reserved. Any information published on this website is not intended as a substitute for advice and you should not take any action before consulting a professional about it.");
        assert!(long[1].1.barrier && long[1].1.boiler);
        assert!(starts_copyright("Copyright 2019 Acme") && starts_copyright("(c) 2019 Acme"));
        assert!(!starts_copyright("Copyright law protects authors"));
        assert!(starts_copyright("COPYRIGHT ©Acme") && starts_copyright("(C)2019"));
        assert!(!starts_copyright("(c)") && !starts_copyright("Copy"));
        assert_eq!(dominant_script("Ελληνικά and English text"), 0);
        assert_eq!(dominant_script("Русский текст, a bit"), 2);
        assert!((0..=255u8).all(|b| WHITESPACE[b as usize] == b.is_ascii_whitespace()));
        let long = "a1 ".repeat(300);
        assert_eq!(count_bytes(long.as_bytes(), |b| b.is_ascii_digit()), 300);
        assert_eq!(count_bytes(b"", |b| b == 0), 0);
        assert_eq!(sample_end("ab", 4), 2);
        assert_eq!(sample_end("abcdef", 4), 4);
        assert_eq!(sample_end("a日本語bc", 4), 10);
        assert_eq!(sample_end("日本語日本語", 4), 12);
        let chars: String = non_ascii_chars("a“b”日本 c").collect();
        assert_eq!(chars, "“”日本");
        let leave = get(&bs, "Leave a comment");
        assert!(leave.barrier && leave.boiler_run);
    }
}
