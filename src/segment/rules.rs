//! Sentence rules inside a block: where `.`, `?`, `!` and `…` end a
//! sentence.
//!
//! A terminator, with the closing quotes, brackets, footnote markers
//! (`[57]`, `¹`) and `*` that follow it, ends a sentence when what comes
//! next starts one:
//! - after whitespace: anything but a lower-case word or continuing
//!   punctuation, judged by the word in front of the period (an abbreviation
//!   of class `never` never ends a sentence, one of class `general`, an
//!   initialism or an initial only before a usual sentence starter);
//! - glued, as in flattened pages (`held.She`, `(“CAT”).Any`): a capitalised
//!   word or an opening quote, unless the word in front is an abbreviation
//!   or initialism or the token is a URL or e-mail address; after a plain
//!   word also a heading in capitals (`service.CONCLUSION OF LAW`) or a list
//!   number (`claim.2.An`).
//!
//! Flattened pages also glue headings to the text without any stop: a
//! change of case inside a word (`FINDING OF FACTThe`, `spouseATTORNEY`)
//! is a boundary when it cannot be a camel-case name (`McDONALD`,
//! `LiveJournal`, `CCBill`) or an acronym's plural (`MRIs`).
//!
//! Ellipses (`...`, `…`, `. . .`) end a sentence only when they have four
//! dots or the next word is a usual sentence starter. List labels at the
//! start of a sentence (`1.`, `a.`) do not end it; an inline sequence of
//! labels (`1. … 2. …`) and bullets (`•`) start new sentences. A star page
//! (`*553`, `[*2]`) between two sentences is a sentence of its own. Nothing
//! here allocates per character, and every index is checked.

use super::abbrev::{Class, Kind, Lexicon};
use super::lines::camel;
use crate::document::Span;

/// Longest word looked at in front of a period.
const MAX_TOKEN: usize = 64;
/// How far the URL check looks around a glued period.
const MAX_URL: usize = 256;

/// Whether `c` is a list bullet.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '⁃' | '▪' | '◦' | '●' | '■' | '►' | '‣' | '∙' | '\u{95}'
    )
}

/// Byte length of the whitespace character at `i` (0 when none).
fn ws_len(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c, ..]) => 1,
        Some([0xC2, 0xA0 | 0x85, ..]) => 2,
        Some([0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]) => 3,
        Some([0xE2, 0x81, 0x9F, ..]) | Some([0xE3, 0x80, 0x80, ..]) => 3,
        _ => 0,
    }
}

/// The first non-whitespace byte at or after `i` (at most `end`).
pub(crate) fn skip_ws(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        match ws_len(b, i) {
            0 => break,
            n => i += n,
        }
    }
    i.min(end)
}

/// Whether the character before byte `i` is whitespace.
fn ws_before(b: &[u8], i: usize) -> bool {
    let from = i.saturating_sub(3);
    (from..i).any(|k| ws_len(b, k) == i - k)
}

/// Push `text[s..e]` trimmed, unless it is empty.
fn push(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let Some(t) = text.get(s..e) else {
        return;
    };
    let rest = t.trim_start();
    let lead = t.len() - rest.len();
    let len = rest.trim_end().len();
    if len > 0 {
        out.push(Span::new(s + lead, s + lead + len));
    }
}

/// The char at byte `i`, if `i` is on a char boundary.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// End of a list label at `start` (`1.`, `12)`, `(a)`, `(iii)`, `II.`,
/// `b.`), when whitespace and more text follow it before `end`.
pub(crate) fn label_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let b = b.get(..end)?;
    // Footnote numbers `[12]` and star pages `*553` opening a line.
    if let Some(e) = footnote_or_star(b, start, end) {
        return Some(e);
    }
    let mut i = start;
    let paren = b.get(i) == Some(&b'(');
    if paren {
        i += 1;
    }
    let body = i;
    while i < end && i - body < 6 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let word = &b[body..i];
    // What must follow the word (checked again below): most lines start
    // with a plain word and stop here, before the word is classified.
    let closing = b.get(i).copied();
    if word.is_empty() || !(closing == Some(b')') || (!paren && closing == Some(b'.'))) {
        return None;
    }
    let digits = word.len() <= 3 && word.iter().all(u8::is_ascii_digit);
    let roman_upper = word.iter().all(|c| b"IVXLC".contains(c));
    let roman_lower = word.len() <= 5 && word.iter().all(|c| b"ivxl".contains(c));
    let letter = word.len() == 1 && word[0].is_ascii_alphabetic();
    if !(digits || roman_upper || roman_lower || letter) {
        return None;
    }
    // `v. Shinseki` opening a line is the `v.` of a case name.
    if !paren && word == b"v" {
        return None;
    }
    if paren {
        if b.get(i) != Some(&b')') {
            return None;
        }
        i += 1;
    } else {
        match b.get(i) {
            Some(b'.') => {
                i += 1;
                if b.get(i) == Some(&b')') {
                    i += 1;
                }
            }
            Some(b')') if digits || letter || roman_lower => i += 1,
            _ => return None,
        }
    }
    let next = skip_ws(b, i, end);
    if next == i || next >= end {
        return None;
    }
    // `M. Elias, Counsel`, `P. M. Smith`: initials, not labels.
    if !paren && word.len() == 1 && word[0].is_ascii_uppercase() && b[i - 1] == b'.' {
        let rest = &b[next..end];
        if rest.len() >= 2 && rest[0].is_ascii_uppercase() && rest[1] == b'.' {
            return None;
        }
        let w = rest
            .iter()
            .position(|&c| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if rest.get(w) == Some(&b',') {
            return None;
        }
        // `M. HYLAND` (a signature), but `I. BACKGROUND` (a roman numeral).
        let one_caps_word = w == rest.len() && w >= 2 && rest.iter().all(u8::is_ascii_uppercase);
        if one_caps_word && !b"IVX".contains(&word[0]) {
            return None;
        }
    }
    Some(i)
}

/// `[12]` or `*553` / `[*2]` at `s`, followed by whitespace and more text.
fn footnote_or_star(b: &[u8], s: usize, end: usize) -> Option<usize> {
    if let Some(e) = star_page(b, s, end) {
        return Some(e);
    }
    if b.get(s) != Some(&b'[') {
        return None;
    }
    let d = s + 1;
    let mut i = d;
    while i < end && b[i].is_ascii_digit() && i - d < 4 {
        i += 1;
    }
    if i == d || b.get(i) != Some(&b']') {
        return None;
    }
    i += 1;
    (ws_len(b, i) > 0 && skip_ws(b, i, end) < end).then_some(i)
}

/// A label in front of a sentence that a period does not end: 1-3 digits,
/// one letter or a short roman numeral.
fn is_inline_label(word: &[u8]) -> bool {
    (!word.is_empty() && word.len() <= 3 && word.iter().all(u8::is_ascii_digit))
        || (word.len() == 1 && word[0].is_ascii_alphabetic())
        || (word.len() <= 4 && word.iter().all(|c| b"IVXivx".contains(c)))
}

/// The first byte of the sentence starting at `s` that is neither a bullet
/// nor whitespace.
fn first_token_start(text: &str, mut s: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while s < end {
        match char_at(text, s) {
            Some(c) if is_bullet(c) => s += c.len_utf8(),
            _ => {
                let n = ws_len(b, s);
                if n == 0 {
                    break;
                }
                s += n;
            }
        }
    }
    s
}

/// The ASCII bytes of a word in front of a period: letters, digits, `.`,
/// `'` and `&` (one table look-up instead of five tests per byte).
static TOKEN_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'.' || b == b'\'' || b == b'&';
        c += 1;
    }
    t
};

/// Start of the word in front of the period at `p` (not before `s`).
fn token_start(text: &str, s: usize, p: usize) -> usize {
    let b = text.as_bytes();
    let mut i = p;
    while i > s && p - i < MAX_TOKEN {
        let c = b[i - 1];
        if TOKEN_BYTE[c as usize] {
            i -= 1;
        } else if c >= 0x80 {
            let mut k = i - 1;
            while k > s && (b[k] & 0xC0) == 0x80 {
                k -= 1;
            }
            match char_at(text, k) {
                Some(ch) if ch.is_alphanumeric() || ch == '°' || ch == '’' => i = k,
                _ => break,
            }
        } else {
            break;
        }
    }
    // A word cannot start with a period or an apostrophe.
    while i < p && matches!(b[i], b'.' | b'\'') {
        i += 1;
    }
    i
}

/// Skip closing quotes, brackets, footnote markers and `*` from `j`.
fn closers(text: &str, mut j: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while j < end {
        match &b[j..end] {
            [b'"' | b'\'' | b')' | b']', ..] => j += 1,
            [0xE2, 0x80, 0x9D | 0x99, ..] => j += 3, // ” ’
            [0xC2, 0xBB | 0xB9 | 0xB2 | 0xB3, ..] => j += 2, // » ¹ ² ³
            [0xE2, 0x81, 0xB0 | 0xB4..=0xB9, ..] => j += 3, // ⁰ ⁴-⁹
            [b'*', rest @ ..] if !rest.first().is_some_and(u8::is_ascii_digit) => j += 1,
            // A star page glued to a footnote marker: `Amendment.[16]*263
            // Senator`. Glued to the stop itself it opens the next
            // paragraph of a flattened page (`works.*635 To submit`).
            [b'*', rest @ ..] if b[j - 1] == b']' => {
                let d = rest
                    .iter()
                    .take(7)
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                if d > 6 || !rest.get(d).is_none_or(u8::is_ascii_whitespace) {
                    break;
                }
                j += 1 + d;
            }
            [b'[', rest @ ..] => {
                // [12], [*], [*3]
                let n = rest.iter().take(6).position(|&c| c == b']').filter(|&n| {
                    n > 0 && rest[..n].iter().all(|&c| c == b'*' || c.is_ascii_digit())
                });
                match n {
                    Some(n) => j += n + 2,
                    None => break,
                }
            }
            // A closing quote set off by a space: `. . . .' " Ante`.
            [b' ', b'"', rest @ ..] if rest.first().is_none_or(u8::is_ascii_whitespace) => j += 2,
            _ => break,
        }
    }
    j.min(end)
}

/// Whether the text at `k` continues a sentence: a lower-case word (not a
/// camel-case name like `iParadigms`), continuing punctuation, or a quote
/// or bracket opening on a lower-case word.
fn continues(text: &str, k: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let Some(c) = char_at(text, k) else {
        return true;
    };
    if c.is_lowercase() {
        return !camel(text.get(k..end).unwrap_or(""));
    }
    match c {
        ',' | ';' | ':' | ')' | ']' | '}' | '%' | '-' | '–' => true,
        '(' | '"' | '“' | '‘' | '\'' => {
            let n = c.len_utf8();
            char_at(text, k + n).is_some_and(char::is_lowercase)
        }
        // `[b]oth` opens a sentence; `[sic]` or `[and]` continues one.
        '[' => char_at(text, k + 1).is_some_and(char::is_lowercase) && b.get(k + 2) != Some(&b']'),
        _ => false,
    }
}

/// The range of the letters of the word at `k`, after any opening quote or
/// bracket.
fn next_word(text: &str, mut k: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    while k < end {
        match char_at(text, k) {
            Some(c @ ('"' | '“' | '‘' | '\'' | '(' | '[')) => k += c.len_utf8(),
            _ => break,
        }
    }
    let from = k;
    while k < end && b[k].is_ascii_alphabetic() {
        k += 1;
    }
    (from, k)
}

/// Whether a capitalised word starts at `k` (after an opening quote).
fn capital_word(text: &str, k: usize, end: usize) -> bool {
    let (from, to) = next_word(text, k, end);
    from < to && text.as_bytes()[from].is_ascii_uppercase()
}

/// Whether a glued sentence starts at `j`: a capitalised word
/// (`held.She`, not `ASP.NET`) or an opening quote before a capital.
fn glued_start(text: &str, j: usize, end: usize) -> bool {
    let mut it = text.get(j..end).unwrap_or("").chars();
    match (it.next(), it.next()) {
        (Some('“' | '‘' | '"' | '('), Some(c2)) => c2.is_uppercase(),
        (Some(c1), Some(c2)) => c1.is_uppercase() && c2.is_lowercase(),
        _ => false,
    }
}

/// Whether an initial of a name starts a sentence at `j`
/// (`appellees.H. Albert Young`).
fn glued_initial(b: &[u8], j: usize, end: usize) -> bool {
    let b = &b[..end];
    matches!(
        b.get(j..j + 5),
        Some([i, b'.', b' ', c, l]) if i.is_ascii_uppercase() && c.is_ascii_uppercase() && l.is_ascii_lowercase()
    )
}

/// Whether the label `b[s..le]` is the initial of a name that starts at
/// `next` instead: one capital letter (not a roman numeral) then two
/// capitalised words (`H. Albert Young`, not `A. Standard of Review`).
fn initial_of_name(b: &[u8], s: usize, le: usize, next: usize, end: usize) -> bool {
    if le != s + 2 || !b[s].is_ascii_uppercase() || matches!(b[s], b'I' | b'V' | b'X') {
        return false;
    }
    let b = &b[..end];
    let w1 = b[next..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let k = next + w1;
    k < end && b[k] == b' ' && b.get(k + 1).is_some_and(u8::is_ascii_uppercase)
}

/// Whether a camel-case name starts at `j` (`works.iParadigms asserted`).
fn glued_camel(b: &[u8], j: usize, end: usize) -> bool {
    matches!(
        b[..end].get(j..j + 3),
        Some([a, c, d]) if a.is_ascii_lowercase() && c.is_ascii_uppercase() && d.is_ascii_lowercase()
    )
}

/// Whether a roman numeral (`I`, `II`, `IV`, up to four letters) starts
/// at `j`, followed by a period or by a capitalised word glued to it
/// (`mail.IIProbable Cause`).
fn glued_roman(b: &[u8], j: usize, end: usize) -> bool {
    let b = &b[..end];
    let n = b[j..]
        .iter()
        .take(5)
        .take_while(|c| matches!(c, b'I' | b'V' | b'X'))
        .count();
    if !(1..=4).contains(&n) {
        return false;
    }
    match (b.get(j + n), b.get(j + n + 1)) {
        (Some(b'.'), Some(c)) => c.is_ascii_uppercase() || *c == b' ',
        (Some(c), Some(l)) => c.is_ascii_uppercase() && l.is_ascii_lowercase(),
        _ => false,
    }
}

/// Whether a one-letter word starts a sentence at `j` (`(a).A veteran`,
/// `held.I think`).
fn glued_one_letter(text: &str, j: usize, end: usize) -> bool {
    let mut it = text.get(j..end).unwrap_or("").chars();
    matches!((it.next(), it.next()), (Some('A' | 'I'), Some(' ')))
        && it.next().is_some_and(char::is_lowercase)
}

/// Whether a heading in capitals starts at `j`: a word in capitals
/// (`service.CONCLUSION OF LAW`), a two-letter acronym word (`held.VA
/// has`), a heading glued to the next word (`supra.ORDERService`) or a
/// list number (`claim.2.An acquired`, only when `numbers`).
fn glued_caps(b: &[u8], j: usize, end: usize, numbers: bool) -> bool {
    let b = &b[..end];
    let n = b[j..].iter().take_while(|c| c.is_ascii_uppercase()).count();
    match b.get(j + n) {
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b';') => n >= 2,
        Some(c) if c.is_ascii_lowercase() => n >= 4,
        Some(c) if c.is_ascii_alphanumeric() || *c == b'.' => {
            if !numbers {
                return false;
            }
            // A list number: `2.` then a space or a capital.
            let d = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            (1..=2).contains(&d)
                && b.get(j + d) == Some(&b'.')
                && b.get(j + d + 1)
                    .is_some_and(|c| *c == b' ' || c.is_ascii_uppercase())
        }
        Some(_) => n >= 3,
    }
}

/// Whether the token around byte `p` is a URL or an e-mail address.
fn in_url(b: &[u8], p: usize) -> bool {
    let mut lo = p;
    while lo > 0 && p - lo < MAX_URL && !b[lo - 1].is_ascii_whitespace() {
        lo -= 1;
    }
    let mut hi = p;
    while hi < b.len() && hi - p < MAX_URL && !b[hi].is_ascii_whitespace() {
        hi += 1;
    }
    let tok = &b[lo..hi];
    tok.contains(&b'@')
        || tok.windows(3).any(|w| w == b"://")
        || tok.windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
}

/// Whether the word before `tok` (in the sentence from `s`) is capitalised
/// or absent: then a single capital letter is an initial of a name.
fn prev_word_capitalised(text: &str, s: usize, tok: usize) -> bool {
    let b = text.as_bytes();
    let mut i = tok;
    while i > s && b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i == s || i == tok {
        return true;
    }
    let start = token_start(text, s, i);
    match b.get(start) {
        Some(c) if c.is_ascii_alphabetic() => c.is_ascii_uppercase(),
        _ => false,
    }
}

/// Labels of an inline list that continues the one opening the sentence at
/// `s` (`1. The first item 2. The second item`): their starts.
fn inline_sequence(text: &str, s: usize, end: usize) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let first = first_token_start(text, s, end);
    if first != s {
        // Bulleted items: the bullets start the sentences.
        return out;
    }
    let Some(le) = label_end(text, first, end) else {
        return out;
    };
    let label = &b[first..le];
    let n = label
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 {
        return out;
    }
    let (body, suffix) = label.split_at(n);
    let Ok(suffix) = std::str::from_utf8(suffix) else {
        return out;
    };
    enum Seq {
        Num(u32),
        Letter(u8),
    }
    let mut cur = if body.iter().all(u8::is_ascii_digit) {
        match std::str::from_utf8(body).ok().and_then(|s| s.parse().ok()) {
            Some(v) => Seq::Num(v),
            None => return out,
        }
    } else if body.len() == 1 && body[0].is_ascii_lowercase() && body[0] < b'z' {
        Seq::Letter(body[0])
    } else {
        return out;
    };
    let mut from = le;
    loop {
        let want = match cur {
            Seq::Num(v) => format!("{}{suffix}", v + 1),
            Seq::Letter(c) => format!("{}{suffix}", (c + 1) as char),
        };
        let hay = &text[from..end];
        let found = hay
            .match_indices(want.as_str())
            .map(|(i, _)| from + i)
            .find(|&q| {
                let after = q + want.len();
                ws_before(b, q)
                    && ws_len(b, after) > 0
                    && capital_word(text, skip_ws(b, after, end), end)
            });
        let Some(q) = found else {
            break;
        };
        out.push(q);
        from = q + want.len();
        cur = match cur {
            Seq::Num(v) => Seq::Num(v + 1),
            Seq::Letter(c) if c + 1 < b'z' => Seq::Letter(c + 1),
            Seq::Letter(_) => break,
        };
    }
    out
}

/// A star page (`*553`, `[*2]`) at `s` followed by more text: its end.
fn star_page(b: &[u8], s: usize, end: usize) -> Option<usize> {
    let mut i = s;
    let bracket = b.get(i) == Some(&b'[');
    if bracket {
        i += 1;
    }
    if b.get(i) != Some(&b'*') {
        return None;
    }
    i += 1;
    let d = i;
    while i < end && b[i].is_ascii_digit() && i - d < 6 {
        i += 1;
    }
    if i == d {
        return None;
    }
    if bracket {
        if b.get(i) != Some(&b']') {
            return None;
        }
        i += 1;
    }
    (ws_len(b, i) > 0 && skip_ws(b, i, end) < end).then_some(i)
}

/// Whether a heading or label glued to the next block ends just before the
/// capital at `i`, in flattened text: `FINDING OF FACTThe Veteran` (a word
/// of three or more capitals, then a capitalised word of two or more small
/// letters; not `CCBill`) or
/// `and spouseATTORNEY FOR` (three or more small letters, then a word in
/// capitals). Camel-case names (`McDONALD`, `iPhone`, `LiveJournal`) and
/// plurals of acronyms (`MRIs`) do not match.
fn case_glue(b: &[u8], s: usize, i: usize, end: usize) -> bool {
    let upper = |k: usize| k < end && b[k].is_ascii_uppercase();
    let lower = |k: usize| k < end && b[k].is_ascii_lowercase();
    let letter = |k: usize| k < end && b[k].is_ascii_alphabetic();
    if i < 1 {
        return false;
    }
    // A roman numeral glued after a stop, then a capitalised word:
    // `mail.IIProbable Cause`.
    if s > 0
        && i > s
        && i - s <= 4
        && upper(i)
        && lower(i + 1)
        && ws_len(b, s - 1) == 0
        && matches!(b[s - 1], b'.' | b'?' | b'!' | b'"' | b')')
        && b[s..i].iter().all(|c| matches!(c, b'I' | b'V' | b'X'))
    {
        return true;
    }
    if i < 2 {
        return false;
    }
    // Capitals, then a capitalised word.
    if i >= 3 && upper(i - 1) && upper(i - 2) && upper(i - 3) && lower(i + 1) && lower(i + 2) {
        let mut k = i - 1;
        while k > 0 && upper(k - 1) {
            k -= 1;
        }
        // The capitals start a word or the current sentence
        // (`spouseINTRODUCTIONThe`, already cut before `I`).
        return k <= s || !letter(k - 1);
    }
    // Small letters, then a word in capitals (`CounselINTRODUCTIONThe`).
    if i >= 3 && lower(i - 1) && lower(i - 2) && lower(i - 3) && upper(i + 1) && upper(i + 2) {
        let mut k = i;
        while upper(k) {
            k += 1;
        }
        return !letter(k) || (lower(k) && k - i >= 4);
    }
    false
}

/// Where a sentence glued to a colon starts, when the capital at `i`
/// opens a capitalised word right after `word:` or `word:"` with no space
/// (`Circuit Judge:Plaintiffs brought`): a colon is followed by a space
/// inside a sentence, so in flattened text this is a line break.
fn colon_glue(b: &[u8], s: usize, i: usize, end: usize) -> Option<usize> {
    let lower = |k: usize| k < end && b[k].is_ascii_lowercase();
    if !lower(i + 1) {
        return None;
    }
    let q = if i > 0 && b[i - 1] == b'"' { i - 1 } else { i };
    if q < s + 2 || b[q - 1] != b':' || !b[q - 2].is_ascii_alphabetic() || in_url(b, q - 1) {
        return None;
    }
    Some(q)
}

/// The segmenter's decision at a terminator.
struct Decision {
    /// End of the sentence, when the terminator ends one.
    boundary: Option<usize>,
    /// Where to go on scanning.
    resume: usize,
}

/// Bytes the scanner stops at: terminators, capitals (glue points), and
/// the lead bytes of `…` and bullets.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[0xE2] = true;
    t[0xC2] = true;
    let mut c = b'A';
    while c <= b'Z' {
        t[c as usize] = true;
        c += 1;
    }
    t
};

/// The first byte of `b[i..limit]` that is [`INTERESTING`] (or `limit`),
/// passing over the capitals that cannot glue anything: a heading or a
/// colon is glued to a capital only right after a letter, `:` or `"`, and
/// most capitals follow a space.
fn skip_plain(b: &[u8], mut i: usize, limit: usize) -> usize {
    loop {
        i = crate::document::skip_to(b, i, limit, &INTERESTING);
        match b.get(i) {
            Some(c)
                if i < limit
                    && c.is_ascii_uppercase()
                    && (i == 0
                        || !(b[i - 1].is_ascii_alphabetic()
                            || matches!(b[i - 1], b':' | b'"'))) =>
            {
                i += 1
            }
            _ => return i,
        }
    }
}

/// Split the block `start..end` into sentences.
pub(crate) fn split_block(
    lex: &Lexicon,
    text: &str,
    start: usize,
    end: usize,
    line_start: bool,
    out: &mut Vec<Span>,
) {
    let b = text.as_bytes();
    let mut s = skip_ws(b, start, end);
    if s >= end {
        return;
    }
    if line_start {
        if let Some(le) = label_end(text, s, end) {
            // `(2) the nature of the work;` is a clause of a statute list.
            let next = skip_ws(b, le, end);
            if !char_at(text, next).is_some_and(char::is_lowercase) {
                push(text, s, le, out);
                s = next;
            }
        }
    }
    let forced = inline_sequence(text, s, end);
    let mut fi = 0;
    let mut i = s;
    while i < end {
        while fi < forced.len() && forced[fi] < i {
            fi += 1;
        }
        if fi < forced.len() && forced[fi] == i {
            push(text, s, i, out);
            s = i;
            fi += 1;
        }
        // Skip to the next byte that matters (or the next forced label).
        let limit = forced.get(fi).map_or(end, |&f| f.min(end));
        i = skip_plain(b, i, limit);
        if i >= limit {
            continue;
        }
        let c = b[i];
        match c {
            b'.' | b'?' | b'!' => {}
            0xE2 | 0xC2 => {
                let ch = char_at(text, i).unwrap_or(' ');
                if is_bullet(ch) {
                    if i > s && ws_before(b, i) {
                        push(text, s, i, out);
                        s = i;
                    }
                    i += ch.len_utf8();
                    continue;
                }
                if ch != '…' {
                    i += 1;
                    continue;
                }
            }
            b'A'..=b'Z' => {
                if i > s && case_glue(b, s, i, end) {
                    push(text, s, i, out);
                    s = i;
                } else if let Some(c) = colon_glue(b, s, i, end) {
                    push(text, s, c, out);
                    s = c;
                }
                i += 1;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        }
        let d = decide(lex, text, s, i, end);
        if let Some(e) = d.boundary {
            push(text, s, e, out);
            s = skip_ws(b, e, end);
            // Flattened pages glue a heading's label where a line broke:
            // `stated below.A. Standard of Review`.
            if s == e {
                if let Some(le) = label_end(text, s, end) {
                    let next = skip_ws(b, le, end);
                    if capital_word(text, next, end) && !initial_of_name(b, s, le, next, end) {
                        push(text, s, le, out);
                        s = next;
                    }
                }
            }
            if let Some(se) = star_page(b, s, end) {
                push(text, s, se, out);
                s = skip_ws(b, se, end);
            }
        }
        i = d.resume.max(i + 1);
    }
    push(text, s, end, out);
}

/// Decide at the terminator at `p`, in the sentence that starts at `s`.
fn decide(lex: &Lexicon, text: &str, s: usize, p: usize, end: usize) -> Decision {
    let b = text.as_bytes();
    let none = |resume| Decision {
        boundary: None,
        resume,
    };
    // Does a sentence start after whitespace at `j`?
    let starts_after = |j: usize| -> bool {
        j < end && ws_len(b, j) > 0 && !continues(text, skip_ws(b, j, end), end)
    };
    if b[p] == 0xE2 {
        // `…`
        let j = closers(text, p + 3, end);
        return ellipsis(lex, text, j, end);
    }
    if b[p] != b'.' {
        // `?` `!`, possibly repeated or mixed.
        let mut j = p;
        while j < end && matches!(b[j], b'?' | b'!' | b'.') {
            j += 1;
        }
        let j = closers(text, j, end);
        if j >= end {
            return none(j);
        }
        let ok = if ws_len(b, j) > 0 {
            starts_after(j)
        } else {
            glued_start(text, j, end) && !in_url(b, p)
        };
        return Decision {
            boundary: ok.then_some(j),
            resume: j,
        };
    }
    // Runs of dots, plain (`...`) or spaced (`. . .`).
    let mut n = 1;
    let mut k = p + 1;
    let mut spaced = false;
    loop {
        if k < end && b[k] == b'.' {
            n += 1;
            k += 1;
        } else if let (w @ 1..=3, true) = (ws_len(b, k), k < end) {
            // `. . .`, also with no-break or en spaces.
            if b.get(k + w) != Some(&b'.') || k + w >= end {
                break;
            }
            spaced = true;
            n += 1;
            k += w + 1;
        } else {
            break;
        }
    }
    if n < 3 && spaced {
        // `p. .` is not an ellipsis: only the first dot counts.
        n = 1;
        k = p + 1;
    }
    if n >= 2 {
        let j = closers(text, k, end);
        let attached = p > s && ws_len(b, p - 1) == 0 && !ws_before(b, p);
        if spaced && attached && n >= 4 {
            // `word. . . . Next`: a full stop, then an ellipsis that opens
            // the next sentence.
            return Decision {
                boundary: starts_after(j).then_some(p + 1),
                resume: j,
            };
        }
        if n >= 4 {
            return Decision {
                boundary: starts_after(j).then_some(j),
                resume: j,
            };
        }
        return ellipsis(lex, text, j, end);
    }
    // A single period.
    let tok = token_start(text, s, p);
    let word = &b[tok..p];
    let kind = lex.kind(word);
    let mut j = closers(text, p + 1, end);
    if matches!(kind, Kind::Word | Kind::Empty) {
        // A footnote number glued to the stop: `display.3 While`.
        let d = b[j..end]
            .iter()
            .take(3)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if (1..=2).contains(&d) && ws_len(b, j + d) > 0 {
            j += d;
        }
    }
    if j >= end {
        return none(j);
    }
    if ws_len(b, j) == 0 {
        // After a plain word with small letters (or a closing bracket), a
        // heading in capitals, a list number or a one-letter word may start
        // a sentence too.
        let plain = match kind {
            Kind::Word => word.iter().any(u8::is_ascii_lowercase) && word.len() >= 2,
            Kind::Empty => true,
            _ => false,
        };
        let caps = (plain || matches!(kind, Kind::Number | Kind::Abbrev(Class::End)))
            && glued_caps(b, j, end, plain);
        // A label opening the sentence, glued to the next one:
        // `consideration.I.Defendant`.
        let label = tok == s && is_inline_label(word) && glued_start(text, j, end);
        let ok = (caps
            || label
            || (plain
                && (glued_one_letter(text, j, end)
                    || glued_initial(b, j, end)
                    || glued_roman(b, j, end)
                    || glued_camel(b, j, end)))
            || (matches!(kind, Kind::Word | Kind::Number | Kind::Empty)
                && star_page(b, j, end).is_some())
            || (matches!(
                kind,
                Kind::Word | Kind::Number | Kind::Empty | Kind::Abbrev(Class::End)
            ) && glued_start(text, j, end)))
            && !in_url(b, p);
        return Decision {
            boundary: ok.then_some(j),
            resume: j,
        };
    }
    let k = skip_ws(b, j, end);
    if k >= end || continues(text, k, end) {
        return none(j);
    }
    if is_inline_label(word)
        && (j == p + 1 || &b[p + 1..j] == b")")
        && tok == first_token_start(text, s, end)
    {
        return none(j);
    }
    let (next_start, next_end) = next_word(text, k, end);
    let next = &b[next_start..next_end];
    let next_dotted = b.get(next_end) == Some(&b'.');
    // `A.`, `No.`, `I.` after a period are initials or abbreviations, not
    // the article, the word or the pronoun.
    let starter = !next_dotted && lex.is_starter(next);
    let ok = match kind {
        Kind::Word if next_dotted && abbrev_chain(lex, word, next) => false,
        Kind::Word | Kind::Empty | Kind::Number => true,
        Kind::Abbrev(Class::Never) => false,
        Kind::Abbrev(Class::End) => capital_word(text, k, end),
        Kind::Abbrev(Class::General) | Kind::Initialism | Kind::Letter => starter,
        Kind::Initial => starter && !prev_word_capitalised(text, s, tok),
    };
    Decision {
        boundary: ok.then_some(j),
        resume: j,
    }
}

/// Whether `word.` followed by `next.` reads as a chain of unlisted
/// citation abbreviations (`4 West. Pol. Q.`, `Sat. Eve. Post`): both short
/// and capitalised, the second not a title or `Id.` that would open a
/// sentence.
fn abbrev_chain(lex: &Lexicon, word: &[u8], next: &[u8]) -> bool {
    let capitalised = |w: &[u8]| {
        (2..=6).contains(&w.len())
            && w[0].is_ascii_uppercase()
            && w[1..].iter().all(u8::is_ascii_lowercase)
    };
    capitalised(word)
        && capitalised(next)
        && matches!(lex.abbrev(next), None | Some(Class::General))
}

/// After a three-dot ellipsis ending at `j`: a boundary only before a usual
/// sentence starter (not `I`, which an ellipsis often leaves mid-sentence).
fn ellipsis(lex: &Lexicon, text: &str, j: usize, end: usize) -> Decision {
    let b = text.as_bytes();
    if j >= end || ws_len(b, j) == 0 {
        return Decision {
            boundary: None,
            resume: j,
        };
    }
    let k = skip_ws(b, j, end);
    let (from, to) = next_word(text, k, end);
    let w = &b[from..to];
    let ok = k < end
        && !continues(text, k, end)
        && w != b"I"
        && w.first().is_some_and(u8::is_ascii_uppercase)
        && lex.is_starter(w);
    Decision {
        boundary: ok.then_some(j),
        resume: j,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The label reader before its early exit on what follows the word
    /// (kept to check that the exit changes nothing).
    fn label_end_general(text: &str, start: usize, end: usize) -> Option<usize> {
        let b = text.as_bytes();
        let b = b.get(..end)?;
        // Footnote numbers `[12]` and star pages `*553` opening a line.
        if let Some(e) = footnote_or_star(b, start, end) {
            return Some(e);
        }
        let mut i = start;
        let paren = b.get(i) == Some(&b'(');
        if paren {
            i += 1;
        }
        let body = i;
        while i < end && i - body < 6 && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &b[body..i];
        if word.is_empty() {
            return None;
        }
        let digits = word.len() <= 3 && word.iter().all(u8::is_ascii_digit);
        let roman_upper = word.iter().all(|c| b"IVXLC".contains(c));
        let roman_lower = word.len() <= 5 && word.iter().all(|c| b"ivxl".contains(c));
        let letter = word.len() == 1 && word[0].is_ascii_alphabetic();
        if !(digits || roman_upper || roman_lower || letter) {
            return None;
        }
        // `v. Shinseki` opening a line is the `v.` of a case name.
        if !paren && word == b"v" {
            return None;
        }
        if paren {
            if b.get(i) != Some(&b')') {
                return None;
            }
            i += 1;
        } else {
            match b.get(i) {
                Some(b'.') => {
                    i += 1;
                    if b.get(i) == Some(&b')') {
                        i += 1;
                    }
                }
                Some(b')') if digits || letter || roman_lower => i += 1,
                _ => return None,
            }
        }
        let next = skip_ws(b, i, end);
        if next == i || next >= end {
            return None;
        }
        // `M. Elias, Counsel`, `P. M. Smith`: initials, not labels.
        if !paren && word.len() == 1 && word[0].is_ascii_uppercase() && b[i - 1] == b'.' {
            let rest = &b[next..end];
            if rest.len() >= 2 && rest[0].is_ascii_uppercase() && rest[1] == b'.' {
                return None;
            }
            let w = rest
                .iter()
                .position(|&c| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            if rest.get(w) == Some(&b',') {
                return None;
            }
            // `M. HYLAND` (a signature), but `I. BACKGROUND` (a roman numeral).
            let one_caps_word =
                w == rest.len() && w >= 2 && rest.iter().all(u8::is_ascii_uppercase);
            if one_caps_word && !b"IVX".contains(&word[0]) {
                return None;
            }
        }
        Some(i)
    }

    /// Crafted line starts: labels of every shape, words, initials,
    /// punctuation, Unicode, brackets, stars, truncation by `end`.
    fn label_inputs() -> Vec<String> {
        let heads = [
            "1.", "12)", "(a)", "(iii)", "II.", "b.", "v.", "(v)", "M.", "P. M.", "I.", "IV)",
            "iv)", "C.", "x.)", "123.", "1234.", "(12)", "(ab)", "abcdef.", "abcdefg.", "A)",
            "[12]", "[*2]", "*553", "(", ")", ".", "", "The", "THE", "é.", "(é)", "1.é", "a-b.",
            "(1", "1)", "ii.", "LXV.", "vi.)",
        ];
        let tails = [
            " Then the text",
            " the text",
            "  HYLAND",
            " HYLAND",
            " Elias, Counsel",
            " A. B",
            "\tText",
            "\u{a0}Text",
            "",
            " ",
            "Text",
            " é",
            " P. Smith",
            " BACKGROUND",
        ];
        let mut out = Vec::new();
        for h in heads {
            for t in tails {
                out.push(format!("{h}{t}"));
                out.push(format!("  {h}{t}"));
            }
        }
        out
    }

    #[test]
    fn label_end_early_exit_matches_the_general_reader() {
        for t in label_inputs() {
            for start in 0..t.len().min(4) {
                for end in start..=t.len() {
                    if !t.is_char_boundary(start) || !t.is_char_boundary(end) {
                        continue;
                    }
                    assert_eq!(
                        label_end(&t, start, end),
                        label_end_general(&t, start, end),
                        "{t:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn token_byte_table_is_the_predicate() {
        for c in 0..=255u8 {
            let want = c.is_ascii_alphanumeric() || matches!(c, b'.' | b'\'' | b'&');
            assert_eq!(TOKEN_BYTE[c as usize], want, "{c}");
        }
        let t = "see U.S.C. and Smith&Co. and l'état. Münch. x";
        let p = |w: &str| t.find(w).unwrap() + w.len() - 1;
        assert_eq!(&t[token_start(t, 0, p("U.S.C."))..p("U.S.C.")], "U.S.C");
        assert_eq!(&t[token_start(t, 0, p("Co."))..p("Co.")], "Smith&Co");
        assert_eq!(&t[token_start(t, 0, p("état."))..p("état.")], "l'état");
        assert_eq!(&t[token_start(t, 0, p("Münch."))..p("Münch.")], "Münch");
    }

    #[test]
    fn skip_plain_stops_at_the_first_interesting_byte() {
        let one = |t: &str, i: usize, limit: usize| skip_plain(t.as_bytes(), i, limit);
        let t = "the quick brown fox jumps over the lazy dog and on. Then";
        assert_eq!(one(t, 0, t.len()), t.find('.').unwrap());
        assert_eq!(one(t, 0, 20), 20, "stops at the limit");
        assert_eq!(one(t, 51, t.len()), t.len(), "a capital after a space");
        let g = "Then a word glued toThe next, FACTS:Plaintiffs";
        assert_eq!(
            one(g, 0, g.len()),
            g.find("toThe").unwrap() + 2,
            "a glued capital"
        );
        assert_eq!(one(g, 22, g.len()), g.find("ACTS").unwrap(), "capitals");
        assert_eq!(
            one(g, 35, g.len()),
            g.find("Plaintiffs").unwrap(),
            "after a colon"
        );
        assert_eq!(one(t, 30, 10), 30, "past the limit already");
        let u = "plain words then — a dash";
        assert_eq!(one(u, 0, u.len()), u.find('—').unwrap());
        assert_eq!(one("", 0, 0), 0);
    }
}
