//! Splitting a page into blocks.
//!
//! A block is a trimmed byte range of `raw`. Line breaks always separate
//! blocks. In flattened scraped text (a page whose blocks were joined with
//! nothing between them) the blocks are found again at *glue points*: a
//! place where one block's last character touches the next block's first
//! one with no space, which ordinary prose never does:
//!
//! - lower-case letter, closing punctuation or quote, then a capital:
//!   `PrinterWe`, `case.Sincerely`, `Sincerely,Holly`, `information.”Other`;
//! - digit then a capitalised word: `2022Statement`, `20520James`;
//! - an acronym then a capitalised word: `EDTLetter`, and a digit then a
//!   word in capitals of four letters or more: `2025ORDER`;
//! - a currency sign after a digit or letter: `$50$100`, `Other$`, and a
//!   copyright sign: `8:16 AM© 2019`;
//! - a change of script between two letters: `العربية简中`, `日本語Русский`.
//!
//! Initialisms (`U.S.`, `D.C.`) and apostrophes inside names (`O’Brien`)
//! are not glue points. Splitting inside a word by mistake (`DeHart`) is
//! harmless: the cleaner keeps contiguous regions, so both halves stay
//! together in the body.
//!
//! Every range starts and ends on a char boundary, does not start or end
//! with whitespace, and the ranges are sorted and disjoint.

use std::ops::Range;

use crate::document::skip_to;

/// Split `raw` into blocks: at line breaks and, when `glued` is set, at
/// glue points inside lines.
pub fn split(raw: &str, glued: bool, particles: &[String]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in raw.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        if glued {
            let mut from = start;
            for cut in glue_points(line, particles) {
                push_trimmed(raw, from..start + cut, &mut out);
                from = start + cut;
            }
            push_trimmed(raw, from..start + line.len(), &mut out);
        } else {
            push_trimmed(raw, start..start + line.len(), &mut out);
        }
    }
    out
}

/// Blocks of line-structured text from its paragraphs (trimmed ranges in
/// order, as [`crate::segment::SentenceSegmenter::paragraphs`] gives them):
/// the lines of a hard-wrapped sentence stay one block. Two cuts are put
/// back: ranges that share a physical line (columns of one line) are one
/// block, so a block never starts or ends inside a line; and a paragraph
/// is cut again where a line ends a sentence and the next starts a new one
/// (`… to Mars.` / `Report Error`): a block of whole sentences scores as
/// prose anyway, and a link line after a paragraph of HTML or of a
/// newline-joined page stays apart from it.
pub fn from_paragraphs(raw: &str, paragraphs: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(paragraphs.len());
    for r in paragraphs {
        if r.start >= r.end || raw.get(r.clone()).is_none() {
            continue;
        }
        let mut first = true;
        for piece in sentence_lines(raw, r) {
            match out.last_mut() {
                Some(last)
                    if first
                        && last.end <= piece.start
                        && !raw.as_bytes()[last.end..piece.start].contains(&b'\n') =>
                {
                    last.end = piece.end
                }
                _ => out.push(piece),
            }
            first = false;
        }
    }
    out
}

/// Fewest words of a line that runs on into the next one in a block.
const MIN_WRAPPED_WORDS: usize = 6;

/// `r` cut at the line breaks after a short line or a truncated teaser,
/// and where a line ends
/// with sentence punctuation and the next line starts with a capital, a
/// digit or an opening quote.
fn sentence_lines(raw: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = r.start;
    let mut line_start = r.start;
    let text = &raw[r.clone()];
    for (i, _) in text.match_indices('\n') {
        let at = r.start + i;
        let prev = raw[line_start..at].trim_end();
        let next = raw[at + 1..r.end].trim_start();
        line_start = at + 1;
        let ends = prev
            .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
            .ends_with(['.', '!', '?']);
        let starts = next
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“'));
        // A short line (heading, menu item, link, signature line) ends its
        // block: only the lines of a wrapped paragraph run on.
        let short = prev.split_whitespace().count() < MIN_WRAPPED_WORDS;
        // A truncated teaser (`…`, `...`) ends its block whatever follows.
        let teaser = prev.ends_with("...") || prev.ends_with('…');
        if (ends && starts) || short || teaser {
            push_trimmed(raw, from..at, &mut out);
            from = at + 1;
        }
    }
    push_trimmed(raw, from..r.end, &mut out);
    out
}

/// Push `r` trimmed of surrounding whitespace, if anything is left.
fn push_trimmed(raw: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &raw[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

/// Byte offsets (into `line`) where a new block starts without a space.
/// A capitalised surname prefix among `particles` (`Mc`, `De`) is no
/// block end: `McCormick`, `DeHart` stay whole.
pub fn glue_points(line: &str, particles: &[String]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let bytes = line.as_bytes();
    let mut at = 1;
    while at < bytes.len() {
        // Jump over the bytes no block starts at (eight at a time): most
        // places are inside a lower-case word or a space.
        at = skip_to(bytes, at, bytes.len(), &MAY_START);
        if at >= bytes.len() {
            break;
        }
        // Most stops are a capital or a digit after a space: decided on
        // the two bytes.
        if !never_glue(bytes[at - 1], bytes[at]) {
            glue_at(line, at, particles, &mut cuts);
        }
        if bytes[at] < 0x80 {
            at += 1;
            continue;
        }
        // A non-ASCII char: no block starts inside it, and after it even a
        // lower-case letter may start one (`中文english`), which the table
        // does not mark: look at the byte after the char too.
        at += utf8_len(bytes[at]);
        if at < bytes.len() && !MAY_START[bytes[at] as usize] {
            glue_at(line, at, particles, &mut cuts);
            at += 1;
        }
    }
    cuts
}

/// The length of the UTF-8 char whose first byte is `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The bytes a block may start at whatever the byte before it, when that
/// one is ASCII (see [`never_glue`]): capitals, digits, `$ ( " [`, the `v`
/// of a glued caption and the first bytes of non-ASCII chars.
static MAY_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_uppercase()
            || b.is_ascii_digit()
            || matches!(b, b'$' | b'(' | b'"' | b'[' | b'v')
            || b >= 0xC0;
        c += 1;
    }
    t
};

/// Push `at` to `cuts` when a block starts there.
fn glue_at(line: &str, at: usize, particles: &[String], cuts: &mut Vec<usize>) {
    let bytes = line.as_bytes();
    // No block starts inside a multi-byte char.
    let b = bytes[at];
    if never_glue(bytes[at - 1], b) || (0x80..0xC0).contains(&b) {
        return;
    }
    let (Some(before), Some(after)) = (line.get(..at), line.get(at..)) else {
        return;
    };
    let mut next = after.chars();
    let mut prev = before.chars().rev();
    let (Some(c), n) = (next.next(), next.next()) else {
        return;
    };
    let Some(p) = prev.next() else {
        return;
    };
    let p2 = prev.next();
    let p3 = prev.next();
    let cut = is_glue(p3, p2, p, c, n) || (p.is_ascii_digit() && caps_word(after));
    // The letters before `c`, back to the last cut.
    let from = cuts.last().copied().unwrap_or(0);
    if cut && !is_particle(line, from, at, p, c, particles) {
        cuts.push(at);
    }
}

/// Whether no block can start at byte `b` after byte `q`, whatever the
/// chars around them (what [`is_glue`] and the capitals rule of
/// [`glue_points`] say, decided on the two bytes): after a space; at ASCII
/// whitespace or punctuation that opens nothing; at a digit after a digit;
/// at an ASCII lower-case letter after an ASCII char (but `,v` and `.v`).
fn never_glue(q: u8, b: u8) -> bool {
    q == b' '
        || (b < 0x80 && !b.is_ascii_alphanumeric() && !matches!(b, b'$' | b'(' | b'"' | b'['))
        || (b.is_ascii_digit() && q.is_ascii_digit())
        || (b.is_ascii_lowercase() && q < 0x80 && !(b == b'v' && matches!(q, b',' | b'.')))
}

/// Where the run of letters that ends at `at` starts, not before `floor`.
fn word_start(line: &str, floor: usize, at: usize) -> usize {
    line.get(floor..at)
        .and_then(|s| {
            s.char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphabetic())
                .last()
        })
        .map_or(at, |(i, _)| floor + i)
}

/// Whether the letters before a capital `c` at `at` (back to the last
/// cut, `from`) are a surname prefix among `particles` (`Mc` in
/// `McCormick`).
fn is_particle(line: &str, from: usize, at: usize, p: char, c: char, particles: &[String]) -> bool {
    p.is_lowercase()
        && c.is_uppercase()
        && line
            .get(word_start(line, from, at)..at)
            .is_some_and(|w| particles.iter().any(|x| x == w))
}

/// A `v` joining two parties glued between them in a flattened caption
/// (`Respondent,vTeon Seymore`): a block of its own.
fn caption_v(p: char, c: char, n: Option<char>) -> bool {
    c == 'v' && matches!(p, ',' | '.') && n.is_some_and(char::is_uppercase)
}

/// Whether a block boundary falls between `p` and `c` (`p3` and `p2`
/// before `p`, `n` after `c`).
fn is_glue(p3: Option<char>, p2: Option<char>, p: char, c: char, n: Option<char>) -> bool {
    // Fast path for the common case inside words and between them.
    if c == ' ' {
        return false;
    }
    if c.is_ascii_lowercase() {
        return (!p.is_ascii() && p.is_alphabetic() && script(p) != 0) || caption_v(p, c, n);
    }
    let c_starts_word = c.is_uppercase() || (is_opening(c) && n.is_some_and(char::is_uppercase));
    if c == '©' {
        return !p.is_whitespace() && !is_opening(p);
    }
    if is_currency(c) {
        return !p.is_whitespace() && !is_currency(p) && !is_opening(p);
    }
    if c_starts_word {
        if p.is_lowercase() {
            // `NGOs` style plurals are not glue: handled by the upper case
            // rule below, here p is lower case.
            return true;
        }
        if p.is_ascii_digit() {
            // `2022Statement`, but not `10A` or `8:00PM`.
            return c.is_uppercase() && n.is_some_and(char::is_lowercase);
        }
        if is_currency(p) {
            return c.is_uppercase() && n.is_some_and(char::is_lowercase);
        }
        if p.is_uppercase() && c.is_uppercase() {
            // `EDTLetter`: an acronym of two or more capitals, then a
            // capitalised word; not `NGOs`.
            return p2.is_some_and(char::is_uppercase)
                && n.is_some_and(|n| n.is_lowercase() && n != 's');
        }
        match p {
            '.' => {
                // `U.S.` and `D.C.`: a one-letter word before the period.
                let initial =
                    p2.is_some_and(char::is_alphabetic) && !p3.is_some_and(char::is_alphabetic);
                return !initial;
            }
            '!' | '?' | ':' | ';' | ',' | '”' | ')' | ']' | '»' => {
                return p2.is_some_and(|q| !q.is_whitespace());
            }
            '’' | '"' | '\'' => {
                // A closing quote after the end of a sentence; not the
                // apostrophe in `O’Brien`.
                return p2.is_some_and(|q| matches!(q, '.' | ',' | '!' | '?' | ';'));
            }
            _ => {}
        }
    }
    if c.is_ascii_digit() && p.is_lowercase() {
        return p2.is_some_and(char::is_lowercase);
    }
    if p.is_alphabetic() && c.is_alphabetic() {
        return script(p) != script(c);
    }
    false
}

/// Whether `s` starts with a word of four or more capitals (`DOCKET`,
/// `ORDER`): after a digit it starts a new block (`09/30/25DOCKET`), where
/// units after numbers are shorter (`10AM`, `5GB`, `100USD`).
fn caps_word(s: &str) -> bool {
    let n = s.chars().take_while(|c| c.is_uppercase()).count();
    n >= 4 && !s.chars().nth(n).is_some_and(char::is_alphabetic)
}

fn is_opening(c: char) -> bool {
    matches!(c, '“' | '‘' | '"' | '(' | '[' | '«' | '¿' | '¡')
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹')
}

/// A coarse script class for letters, enough to see language pickers.
pub fn script(c: char) -> u8 {
    match c as u32 {
        0..=0x024F | 0x1E00..=0x1EFF => 0, // Latin
        0x0370..=0x03FF => 1,              // Greek
        0x0400..=0x052F => 2,              // Cyrillic
        0x0590..=0x05FF => 3,              // Hebrew
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => 4, // Arabic
        0x0900..=0x0DFF => 5,              // Indic
        0x0E00..=0x0EFF => 6,              // Thai, Lao
        0x1100..=0x11FF | 0xAC00..=0xD7AF => 7, // Hangul
        0x3040..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF => 8, // Kana, Han
        _ => 9,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<&str> {
        let particles = ["Mc".to_string(), "De".to_string()];
        split(s, true, &particles)
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn surname_prefixes_and_caption_v() {
        assert_eq!(
            pieces("Scott A. Klein, and Terence W. McCormick of counsel"),
            ["Scott A. Klein, and Terence W. McCormick of counsel"]
        );
        assert_eq!(pieces("Ann DeHart said"), ["Ann DeHart said"]);
        assert_eq!(
            pieces("New York, Respondent,vTeon Seymore, Appellant."),
            ["New York, Respondent,", "v", "Teon Seymore, Appellant."]
        );
        // Other words before a capital still end a block.
        assert_eq!(pieces("Print this MacroWe"), ["Print this Macro", "We"]);
    }

    #[test]
    fn splits_lower_then_capital() {
        assert_eq!(
            pieces("Print this pageWe write to you."),
            ["Print this page", "We write to you."]
        );
    }

    #[test]
    fn splits_after_sentence_and_comma() {
        assert_eq!(
            pieces("in this matter.Yours truly,Jane RoeDirector"),
            ["in this matter.", "Yours truly,", "Jane Roe", "Director"]
        );
    }

    #[test]
    fn keeps_initialisms_and_spaced_sentences() {
        assert_eq!(
            pieces("the U.S. government and D.C. courts. They agreed."),
            ["the U.S. government and D.C. courts. They agreed."]
        );
        assert_eq!(pieces("Ms. O’Brien said so."), ["Ms. O’Brien said so."]);
    }

    #[test]
    fn splits_digits_money_and_acronyms() {
        assert_eq!(pieces("$25$75Other$"), ["$25", "$75", "Other", "$"]);
        assert_eq!(
            pieces("March 3, 2019Press ReleaseNew rules"),
            ["March 3, 2019", "Press Release", "New rules"]
        );
        assert_eq!(pieces("10:00AM GMTLetter"), ["10:00AM GMT", "Letter"]);
        assert_eq!(pieces("the NGOs and 10A"), ["the NGOs and 10A"]);
        assert_eq!(
            pieces("Date: 09/30/25DOCKET NO. 12DATE: May 2, 2020ORDER"),
            [
                "Date: 09/30/25",
                "DOCKET NO. 12",
                "DATE: May 2, 2020",
                "ORDER"
            ]
        );
        assert_eq!(pieces("at 10AM and 100USD"), ["at 10AM and 100USD"]);
    }

    #[test]
    fn splits_quotes_and_scripts() {
        assert_eq!(
            pieces("it said “no.”Then they left"),
            ["it said “no.”", "Then they left"]
        );
        assert_eq!(
            pieces("SvenskaΕλληνικάРусский日本語"),
            ["Svenska", "Ελληνικά", "Русский", "日本語"]
        );
    }

    #[test]
    fn lines_are_blocks_and_trimmed() {
        let s = "  Title\n\nBody text here.  \r\nEnd";
        let got: Vec<&str> = split(s, false, &[]).into_iter().map(|r| &s[r]).collect();
        assert_eq!(got, ["Title", "Body text here.", "End"]);
    }

    #[test]
    fn fast_path_agrees_with_the_rules() {
        // Every ASCII pair the fast path passes over is no glue point, in
        // any context.
        let ctx = [
            None,
            Some(' '),
            Some('a'),
            Some('A'),
            Some('.'),
            Some('1'),
            Some('é'),
        ];
        for q in 0u8..0x80 {
            for b in 0u8..0x80 {
                if !never_glue(q, b) {
                    continue;
                }
                let (p, c) = (q as char, b as char);
                for p2 in ctx {
                    for p3 in ctx {
                        for n in ctx {
                            assert!(!is_glue(p3, p2, p, c, n), "{p3:?} {p2:?} {p:?} {c:?} {n:?}");
                        }
                    }
                }
                let after = format!("{c}ABCD");
                assert!(!(p.is_ascii_digit() && caps_word(&after)), "{p:?} {c:?}");
            }
        }
        assert!(!never_glue(b'a', b'B') && !never_glue(b',', b'v') && !never_glue(b'1', b'A'));
    }

    #[test]
    fn skipping_finds_the_glue_points_of_a_byte_by_byte_reading() {
        let particles = ["Mc".to_string()];
        let every = |line: &str| {
            let mut cuts = Vec::new();
            for at in 1..line.len() {
                glue_at(line, at, &particles, &mut cuts);
            }
            cuts
        };
        // The table passes over exactly the bytes no block starts at after
        // an ASCII byte.
        // (A continuation byte never follows an ASCII byte.)
        for q in 0u8..0x80 {
            for b in (0u8..0x80).chain(0xC0..=0xFF) {
                assert!(MAY_START[b as usize] || never_glue(q, b), "{q} {b}");
            }
        }
        for c in ['a', 'é', '—', '中', '😀'] {
            assert_eq!(utf8_len(c.to_string().as_bytes()[0]), c.len_utf8());
        }
        for line in [
            "MenuSkip to main contentDonate NowSearch",
            "Respondent,vTeon Seymore and McCormick2022Statement EDTLetter",
            "العربية简中English中文english Русскийtext ©2020Acme $50$100",
            "case.Sincerely,Holly information.”Other (“CAT”).Any [Note]“Quote”",
            "é",
            "aé",
            "éb",
            "日本語text and more text after it for a chunk",
            "“Quoted”and—dashed—words’s glued中e😀x",
        ] {
            assert_eq!(glue_points(line, &particles), every(line), "{line}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["", "\n\n", "é", "a\u{301}B", "$", "”A", ".A", "日A"] {
            let _ = split(s, true, &[]);
        }
    }
}
