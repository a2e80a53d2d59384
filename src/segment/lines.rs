//! Layout: which line breaks (and column gaps) end a sentence.
//!
//! A text is cut into *blocks*: runs of lines that read as one piece of
//! prose. A line break is *hard* (the block ends) for headings, data fields,
//! list labels, signature and address lines and blank lines; it is *soft*
//! (only a space) inside a hard-wrapped paragraph, after a comma or a
//! semicolon, after a word that cannot end a sentence (`the`, `of`), before
//! a line that starts in lower case, and around the `v.` line of a case
//! caption. Inside a line, a tab or a run of three or more spaces between
//! two fields (`Decision Date: 08/11/15    Archive Date: 08/20/15`) is hard
//! too. The sentence rules then run inside each block.

use super::abbrev::{Class, Kind, Lexicon};
use super::rules::{is_bullet, label_end};
use crate::document::count_bytes;

/// A block: a byte range of the text that sentence rules split further.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// First byte (not whitespace).
    pub start: usize,
    /// One past the last non-whitespace byte.
    pub end: usize,
    /// The block starts a line after a hard break: a list label in front of
    /// it (`1.`, `(a)`, `II.`) is a sentence of its own.
    pub line_start: bool,
}

/// One cell: the trimmed content of a line, or of a column of a line.
#[derive(Clone, Copy, Debug)]
struct Cell {
    start: usize,
    end: usize,
    /// Blank line(s) before it.
    blank_before: bool,
    /// A column gap before it, on the same line.
    gap_before: bool,
    /// Width in chars of the whole line it belongs to.
    line_chars: usize,
}

/// Words after which a line cannot end a sentence.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "by", "with", "and", "or",
    "nor", "but", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be",
    "been", "than", "as", "its", "his", "her", "their", "our", "this", "these", "those", "into",
    "upon", "under", "between", "if", "whether", "not", "shall", "will", "would", "may", "must",
    "has", "have", "had", "such", "any", "each", "every", "no", "per", "via",
];

/// The lines of `text` cut into cells (trimmed, non-blank).
fn cells(text: &str, wrapped_hint: &mut Vec<usize>) -> Vec<Cell> {
    let b = text.as_bytes();
    let mut gaps = Gaps::new(b);
    // Room for lines of some 60 bytes: no growing on most texts.
    let mut out = Vec::with_capacity(text.len() / 60 + 1);
    let mut blank = false;
    let mut pos = 0;
    while pos <= b.len() {
        let nl = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i);
        let line = &text[pos..nl];
        let lead = line.trim_start();
        let trimmed = lead.trim_end();
        if trimmed.is_empty() {
            blank = true;
        } else {
            let start = pos + (line.len() - lead.len());
            let end = start + trimmed.len();
            // Chars: bytes but UTF-8 continuation bytes (a vectorised count).
            let tb = trimmed.as_bytes();
            let chars = tb.len() - count_bytes(tb, |c| (c & 0xC0) == 0x80);
            wrapped_hint.push(chars);
            let first = out.len();
            if gaps.within(start, end) {
                split_columns(b, start, end, &mut out);
            } else {
                out.push(Cell {
                    start,
                    end,
                    blank_before: false,
                    gap_before: false,
                    line_chars: 0,
                });
            }
            for (k, c) in out[first..].iter_mut().enumerate() {
                c.blank_before = k == 0 && blank;
                c.line_chars = chars;
            }
            blank = false;
        }
        pos = nl + 1;
    }
    out
}

/// The places of a text where a column gap may be: its tabs and its runs
/// of three spaces, each searched once over the whole text (with SIMD)
/// instead of once per line, and read in line order.
struct Gaps<'t> {
    tabs: std::iter::Peekable<memchr::Memchr<'t>>,
    spaces: std::iter::Peekable<memchr::memmem::FindIter<'t, 'static>>,
}

impl<'t> Gaps<'t> {
    fn new(b: &'t [u8]) -> Gaps<'t> {
        Gaps {
            tabs: memchr::memchr_iter(b'\t', b).peekable(),
            spaces: memchr::memmem::find_iter(b, b"   ").peekable(),
        }
    }

    /// Whether the trimmed line `start..end` holds a tab or three spaces
    /// (as searching the line itself would say). Lines must come in
    /// order. A run of three spaces inside a trimmed line lies wholly
    /// inside it, and the first match of every run starts the run (no
    /// match of the non-overlapping search can cross the non-space bytes
    /// around it), so a match starting in `start..end` is one in the line.
    fn within(&mut self, start: usize, end: usize) -> bool {
        fn next_from(
            it: &mut std::iter::Peekable<impl Iterator<Item = usize>>,
            start: usize,
        ) -> Option<usize> {
            while let Some(&p) = it.peek() {
                if p >= start {
                    return Some(p);
                }
                it.next();
            }
            None
        }
        next_from(&mut self.tabs, start).is_some_and(|p| p < end)
            || next_from(&mut self.spaces, start).is_some_and(|p| p < end)
    }
}

/// Split the line `start..end` at column gaps.
fn split_columns(b: &[u8], start: usize, end: usize, out: &mut Vec<Cell>) {
    let mut cell_start = start;
    let mut i = start;
    while i < end {
        if b[i] == b'\t' || (b[i] == b' ' && i + 2 < end && b[i + 1] == b' ' && b[i + 2] == b' ') {
            let gap_start = i;
            let mut tab = false;
            while i < end && (b[i] == b' ' || b[i] == b'\t') {
                tab |= b[i] == b'\t';
                i += 1;
            }
            let spaces = i - gap_start;
            if (tab || spaces >= 3) && i < end && gap_start > cell_start {
                let prev = b[gap_start - 1];
                let next = b[i];
                let prev_ok = prev.is_ascii_alphanumeric() || matches!(prev, b')' | b'.' | b'"');
                // A lone `)` column (`DOCKET NO. 1\t)\tDATE`) is cut off too.
                let lone_paren =
                    next == b')' && (i + 1 == end || b[i + 1] == b' ' || b[i + 1] == b'\t');
                let next_ok = next.is_ascii_uppercase() || next.is_ascii_digit() || lone_paren;
                if prev_ok && next_ok && !ends_with_abbrev_dot(b, cell_start, gap_start) {
                    out.push(Cell {
                        start: cell_start,
                        end: gap_start,
                        blank_before: false,
                        gap_before: cell_start != start,
                        line_chars: 0,
                    });
                    cell_start = i;
                }
            }
            continue;
        }
        i += 1;
    }
    out.push(Cell {
        start: cell_start,
        end,
        blank_before: false,
        gap_before: cell_start != start,
        line_chars: 0,
    });
}

/// Whether `b[start..end]` ends with a dotted citation word (`C.F.R.`),
/// after which spacing is not a column gap.
fn ends_with_abbrev_dot(b: &[u8], start: usize, end: usize) -> bool {
    if end == start || b[end - 1] != b'.' {
        return false;
    }
    let w = &b[start..end - 1];
    let from = w.iter().rposition(|&c| c == b' ').map_or(0, |p| p + 1);
    let word = &w[from..];
    word.contains(&b'.') || word.iter().all(|c| c.is_ascii_uppercase()) && word.len() <= 3
}

/// The width lines are wrapped at, when the text is hard-wrapped.
fn wrap_width(mut lens: Vec<usize>) -> Option<usize> {
    if lens.len() < 4 {
        return None;
    }
    lens.sort_unstable();
    let p90 = lens[(lens.len() * 9) / 10 - 1];
    if !(40..=160).contains(&p90) {
        return None;
    }
    let full = lens.iter().filter(|&&l| l * 10 >= p90 * 7).count();
    (full * 3 >= lens.len()).then_some(p90)
}

/// The last word of `s` (letters only).
fn last_word(s: &str) -> &str {
    let t = s.trim_end_matches(|c: char| !c.is_alphanumeric());
    let from = t
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |p| p + t[p..].chars().next().map_or(1, char::len_utf8));
    &t[from..]
}

/// Length in chars of the first word of `s`.
fn first_word_chars(s: &str) -> usize {
    s.split(char::is_whitespace)
        .next()
        .map_or(0, |w| w.chars().count())
}

/// A caption line joining two parties: `v.`, `vs.`, `v`, `against`, `and`.
fn is_joiner_line(s: &str) -> bool {
    matches!(
        s,
        "v." | "v" | "vs." | "vs" | "V." | "VS." | "versus" | "against" | "and" | "-against-"
    )
}

/// Whether a line starts with a list label or bullet.
fn starts_with_label(text: &str, start: usize, end: usize) -> bool {
    text[start..end].chars().next().is_some_and(is_bullet) || label_end(text, start, end).is_some()
}

/// Whether the break between cells `a` and `n` is only a space.
fn is_soft(text: &str, lex: &Lexicon, a: &Cell, n: &Cell, wrap: Option<usize>) -> bool {
    let prev = &text[a.start..a.end];
    let next = &text[n.start..n.end];
    if is_joiner_line(prev) || is_joiner_line(next) {
        return true;
    }
    // A line of stray punctuation (a caption's `)` column, a rule line
    // `_____`) joins the next one.
    if punct_only(prev) {
        return true;
    }
    if punct_only(next) {
        return false;
    }
    let Some(last) = prev.chars().next_back() else {
        return false;
    };
    // A bracket opened and not closed on the line: `unpreserved (see` /
    // `People v Moreno …)`.
    if unclosed(prev) {
        return true;
    }
    if starts_with_label(text, n.start, n.end) {
        // `; or` / `—` then `(B) to place a person …`: a clause of a
        // statute list, not a new item of a document outline.
        let body = label_end(text, n.start, n.end)
            .and_then(|e| text[e..n.end].trim_start().chars().next());
        let continues = matches!(last, ';' | ',' | ':' | '—' | '–' | '\u{97}')
            || FUNCTION_WORDS.contains(&last_word(prev))
            || wrap.is_some_and(|w| fills(a, next, w));
        return continues && body.is_some_and(char::is_lowercase);
    }
    let first = next.chars().next().unwrap_or(' ');
    let next_lower = first.is_lowercase() && !camel(next);
    match last {
        // `Sincerely,` / `Respectfully submitted,` then the signer's name.
        ',' if prev.len() <= 30 && prev.split_whitespace().count() <= 3 && first.is_uppercase() => {
            return false
        }
        ',' => return true,
        ';' => return !first.is_ascii_digit(),
        '—' | '–' | '-' => return !first.is_uppercase(),
        '.' | '?' | '!' | ':' | '"' | '\'' | ')' | ']' | '”' | '’' => {
            if next_lower && !n.blank_before {
                return true;
            }
            if last == '.' {
                let w = last_word(prev);
                if let Kind::Abbrev(Class::Never) = lex.kind(w.as_bytes()) {
                    // `Gilbert v.` / `Derwinski`, `Hon.` / `Jane Roe`.
                    return true;
                }
            }
        }
        _ if last.is_alphanumeric() => {
            if next_lower {
                return true;
            }
            let w = last_word(prev);
            if w.chars().next().is_some_and(char::is_lowercase) && FUNCTION_WORDS.contains(&w) {
                return true;
            }
        }
        _ => {}
    }
    // Hard-wrapped prose: the next word would not have fitted on the line.
    wrap.is_some_and(|w| !n.blank_before && fills(a, next, w))
}

/// Whether the line `a` was full: the first word of `next` would not have
/// fitted on it at wrap width `w`.
fn fills(a: &Cell, next: &str, w: usize) -> bool {
    a.line_chars + 1 + first_word_chars(next) > w.saturating_sub(2)
}

/// Whether `s` opens more round or square brackets than it closes.
fn unclosed(s: &str) -> bool {
    let b = s.as_bytes();
    let opens = memchr::memchr2_iter(b'(', b'[', b).count();
    opens > 0 && opens > memchr::memchr2_iter(b')', b']', b).count()
}

/// A cell without letters or digits (`)`, `*`, `_____`).
fn punct_only(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

/// Whether `s` starts with a lower-case letter but has capitals inside its
/// first word (`iParadigms`, `eBay`): a name, not a continuation.
pub(crate) fn camel(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| w.chars().skip(1).any(char::is_uppercase))
}

/// The blocks of `text`, in order.
pub(crate) fn blocks(text: &str, lex: &Lexicon) -> Vec<Block> {
    let mut lens = Vec::with_capacity(text.len() / 60 + 1);
    let cells = cells(text, &mut lens);
    let wrap = wrap_width(lens);
    let mut out: Vec<Block> = Vec::new();
    let mut cur: Option<Block> = None;
    for (k, c) in cells.iter().enumerate() {
        let soft = k > 0 && {
            let a = &cells[k - 1];
            (!c.gap_before || punct_only(&text[a.start..a.end])) && is_soft(text, lex, a, c, wrap)
        };
        match (&mut cur, soft) {
            (Some(b), true) => b.end = c.end,
            _ => {
                if let Some(b) = cur.take() {
                    out.push(b);
                }
                cur = Some(Block {
                    start: c.start,
                    end: c.end,
                    line_start: !c.gap_before,
                });
            }
        }
    }
    if let Some(b) = cur {
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::Patterns;

    #[test]
    fn gaps_found_once_per_text_are_those_of_each_line() {
        let pieces = [
            "a", "  ", "   ", "    ", "     ", "\t", " \t ", "\u{a0}", "\u{2003}", "é", "Word",
            "\n", "\n\n", " \n ", "x.", "\r\n",
        ];
        // All texts of up to four pieces.
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for t in &texts {
                for p in pieces {
                    next.push(format!("{t}{p}"));
                }
            }
            texts.extend(next);
            texts.dedup();
        }
        let spaces = memchr::memmem::Finder::new(b"   ");
        let mut lines = 0;
        for text in &texts {
            let b = text.as_bytes();
            let mut gaps = Gaps::new(b);
            let mut pos = 0;
            while pos <= b.len() {
                let nl = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i);
                let line = &text[pos..nl];
                let lead = line.trim_start();
                let trimmed = lead.trim_end();
                if !trimmed.is_empty() {
                    let start = pos + (line.len() - lead.len());
                    let tb = trimmed.as_bytes();
                    let want = memchr::memchr(b'\t', tb).is_some() || spaces.find(tb).is_some();
                    assert_eq!(gaps.within(start, start + tb.len()), want, "{text:?}");
                    lines += 1;
                }
                pos = nl + 1;
            }
        }
        assert!(lines > 10_000, "{lines}");
    }

    #[test]
    fn unclosed_brackets() {
        assert!(unclosed("unpreserved (see"));
        assert!(unclosed("a [b (c) d"));
        assert!(!unclosed("People v Moreno …)"));
        assert!(!unclosed("(a) and [b]"));
        assert!(!unclosed(") ("), "counts, not nesting");
        assert!(!unclosed("no brackets"));
    }

    fn texts(t: &str) -> Vec<&str> {
        let lex = Lexicon::new(&Patterns::builtin()).unwrap();
        blocks(t, &lex).iter().map(|b| &t[b.start..b.end]).collect()
    }

    #[test]
    fn headings_and_fields_are_their_own_blocks() {
        let t = "THE ISSUE\n\nEntitlement to service connection.\n\nCitation Nr: 123\nDecision Date: 08/11/15    Archive Date: 08/20/15\n";
        assert_eq!(
            texts(t),
            [
                "THE ISSUE",
                "Entitlement to service connection.",
                "Citation Nr: 123",
                "Decision Date: 08/11/15",
                "Archive Date: 08/20/15"
            ]
        );
    }

    #[test]
    fn colon_field_with_tab_stays_whole() {
        assert_eq!(
            texts("Appellant represented by:\tThe American Legion\n"),
            ["Appellant represented by:\tThe American Legion"]
        );
    }

    #[test]
    fn caption_v_line_joins_parties() {
        let t = "UNITED STATES of America, Plaintiff-Appellee,\nv.\nErik BOWKER, Defendant.\n\nNo. 02-4086.";
        assert_eq!(
            texts(t),
            [
                "UNITED STATES of America, Plaintiff-Appellee,\nv.\nErik BOWKER, Defendant.",
                "No. 02-4086."
            ]
        );
    }

    #[test]
    fn function_word_and_lowercase_continue_the_line() {
        let t = "On appeal from the\nDepartment of Veterans Affairs\n\nHe said that\nit was over.";
        assert_eq!(
            texts(t),
            [
                "On appeal from the\nDepartment of Veterans Affairs",
                "He said that\nit was over."
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraph_is_one_block() {
        let t = "We are writing to you about the detention of a man who has been held\n\
                 without charge for many months in a county prison in Pennsylvania\n\
                 Despite repeated requests, the authorities have not explained why he\n\
                 remains there. We ask you to release him or to charge him promptly.\n\
                 \n\
                 Sincerely,\n\
                 Jane Doe\n";
        let b = texts(t);
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(b[0].starts_with("We are") && b[0].ends_with("promptly."));
        assert_eq!(b[1..], ["Sincerely,", "Jane Doe"]);
    }

    #[test]
    fn unwrapped_short_lines_stay_apart() {
        let t = "Holly Cartner\nExecutive Director\nHuman Rights Watch";
        assert_eq!(texts(t).len(), 3);
    }

    #[test]
    fn label_line_starts_a_block_even_after_semicolon() {
        let t = "The issues are:\n\n1. Entitlement to a rating;\n\n2. Entitlement to a date.";
        assert_eq!(texts(t).len(), 3);
    }
}
