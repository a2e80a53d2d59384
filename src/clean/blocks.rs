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

/// Split `raw` into blocks: at line breaks and, when `glued` is set, at
/// glue points inside lines.
pub fn split(raw: &str, glued: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in raw.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        if glued {
            let mut from = start;
            for cut in glue_points(line) {
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
pub fn glue_points(line: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut it = line.char_indices().peekable();
    let (mut p3, mut p2, mut p): (Option<char>, Option<char>, Option<char>) = (None, None, None);
    while let Some((at, c)) = it.next() {
        let n = it.peek().map(|&(_, c)| c);
        if let Some(p) = p {
            if is_glue(p3, p2, p, c, n) || (p.is_ascii_digit() && caps_word(&line[at..])) {
                cuts.push(at);
            }
        }
        (p3, p2, p) = (p2, p, Some(c));
    }
    cuts
}

/// Whether a block boundary falls between `p` and `c` (`p3` and `p2`
/// before `p`, `n` after `c`).
fn is_glue(p3: Option<char>, p2: Option<char>, p: char, c: char, n: Option<char>) -> bool {
    // Fast path for the common case inside words and between them.
    if c == ' ' {
        return false;
    }
    if c.is_ascii_lowercase() {
        return !p.is_ascii() && p.is_alphabetic() && script(p) != 0;
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
        split(s, true).into_iter().map(|r| &s[r]).collect()
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
        let got: Vec<&str> = split(s, false).into_iter().map(|r| &s[r]).collect();
        assert_eq!(got, ["Title", "Body text here.", "End"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["", "\n\n", "é", "a\u{301}B", "$", "”A", ".A", "日A"] {
            let _ = split(s, true);
        }
    }
}
