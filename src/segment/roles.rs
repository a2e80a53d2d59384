//! Roles: which spans of a block are prose sentences.
//!
//! The segmenter cuts headings, data fields and list labels into spans of
//! their own (the SBD convention, where they count as sentences). A record
//! lists only the sentences of the prose body, so each span also gets a
//! [`Role`], judged from its shape and its place in its block:
//! - a *label* has no letters or digits (`?`, `—`) or is only a list label
//!   (`1.`, `(a)`, `II.`); a star page or footnote number (`*633`, `[5]`)
//!   is text a reader quotes: it joins the span it opens;
//! - a span that ends like a sentence (`.`, `?`, `!`, `…`, then closing
//!   quotes, brackets and footnote markers) is a *sentence*, and so is a
//!   bulleted list item;
//! - a span standing alone on its line (after its label, if any) that
//!   does not end like a sentence is a *field* when shaped `Key: value`
//!   (`DATE: September 30, 2025`) and a *heading* otherwise (`ORDER`,
//!   `Increased Rating`, `(Continued on the next page)`, a signature line),
//!   unless it is long enough to be a sentence that lost its stop, it
//!   introduces a list (`The issues on appeal are:`), it is an item of a
//!   list that is one sentence (`release the detainees;`) or it goes on in
//!   lower case;
//! - inside a block, a span without a stop is a heading when it is in
//!   capitals or glued to the next span with no space, as flattened pages
//!   glue headings (`FINDING OF FACTThe Veteran`); otherwise a sentence.

use crate::document::Span;

use super::rules::is_bullet;

/// What a span of text is to a reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A sentence of prose (a list item included).
    Sentence,
    /// A line of its own that does not end like a sentence: a heading, a
    /// caption, a title or signature line, a print note.
    Heading,
    /// A data field on a line of its own: `Key: value`.
    Field,
    /// A list label alone (`1.`, `(a)`, `II.`), or stray punctuation.
    Label,
}

/// A span of text and its role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Byte range into the text.
    pub span: Span,
    /// What the span is.
    pub role: Role,
}

/// A line without a stop longer than this (in words) is taken for a
/// sentence that lost its stop, not a heading.
const MAX_HEADING_WORDS: usize = 30;
/// A line ending with a colon is a field label (`ENTER:`, `Appellant
/// represented by:`) up to this many words, and a sentence introducing a
/// list above.
const MAX_FIELD_LABEL_WORDS: usize = 3;
/// Longest key of a `Key: value` field, in words.
const MAX_KEY_WORDS: usize = 4;

/// The roles of `spans`, the spans one block was cut into, appended to
/// `out`.
pub(crate) fn classify(text: &str, spans: &[Span], out: &mut Vec<Segment>) {
    let mut prev_label = false;
    let mut prev_roman = false;
    // The start of a star page or footnote number opening the next span.
    let mut marker: Option<usize> = None;
    for (k, &span) in spans.iter().enumerate() {
        let t = text.get(span.start..span.end).unwrap_or("");
        if is_marker(t) {
            if k + 1 < spans.len() {
                marker.get_or_insert(span.start);
                continue;
            }
            // A marker closing its block: kept, its digits are text.
            let start = marker.take().unwrap_or(span.start);
            out.push(Segment {
                span: Span::new(start, span.end),
                role: Role::Sentence,
            });
            continue;
        }
        let span = Span::new(marker.take().unwrap_or(span.start), span.end);
        // Alone on its line: the whole block, or all of it after a label.
        let alone = spans.len() == 1 || (spans.len() == 2 && k == 1 && prev_label);
        let glued = spans
            .get(k + 1)
            .is_some_and(|n| n.start == span.end && span.end > span.start);
        let mut role = role(t, alone, glued);
        // A line opened by a roman numeral (`II. Remand is required …`) is
        // a section heading of an opinion, even when it reads as a
        // sentence; numbered items (`1. The Veteran served.`) stay prose.
        if prev_roman && alone && t.split_whitespace().count() <= MAX_ROMAN_HEADING_WORDS {
            role = Role::Heading;
        }
        prev_label = role == Role::Label;
        prev_roman = prev_label && is_roman_label(t);
        out.push(Segment { span, role });
    }
}

/// Longest line after a roman-numeral label that is read as a heading.
const MAX_ROMAN_HEADING_WORDS: usize = 30;

/// An upper-case roman-numeral list label: `I.`, `IV.`, `(II)`.
fn is_roman_label(t: &str) -> bool {
    let core = t.trim_matches(|c: char| matches!(c, '(' | ')' | '.'));
    !core.is_empty() && core.len() <= 5 && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// The role of the span `t`.
fn role(t: &str, alone: bool, glued: bool) -> Role {
    if is_label(t) {
        return Role::Label;
    }
    if ends_sentence(t) || t.chars().next().is_some_and(is_bullet) {
        return Role::Sentence;
    }
    if alone {
        let words = t.split_whitespace().count();
        // A line that goes on in lower case, or a list item ending in `;`
        // or `,` (`release the detainees;`), is part of a sentence; a short
        // line ending in a comma is a sign-off (`Sincerely,`).
        if t.chars().next().is_some_and(char::is_lowercase)
            || (t.ends_with([';', ',']) && words > MAX_FIELD_LABEL_WORDS)
        {
            return Role::Sentence;
        }
        if t.ends_with(':') {
            return if words > MAX_FIELD_LABEL_WORDS {
                Role::Sentence
            } else {
                Role::Field
            };
        }
        if is_field(t) {
            return Role::Field;
        }
        return if words > MAX_HEADING_WORDS {
            Role::Sentence
        } else {
            Role::Heading
        };
    }
    if glued || in_capitals(t) {
        Role::Heading
    } else {
        Role::Sentence
    }
}

/// A star page or footnote number alone: `*633`, `[*2]`, `[5]`. Its
/// digits are part of the text a reader quotes, so it opens the sentence
/// that follows it instead of being dropped.
fn is_marker(t: &str) -> bool {
    let b = t.as_bytes();
    let (open, close) = match b {
        [b'[', .., b']'] => (1, b.len() - 1),
        _ => (0, b.len()),
    };
    let body = b.get(open..close).unwrap_or(&[]);
    let digits = |d: &[u8]| !d.is_empty() && d.len() <= 6 && d.iter().all(u8::is_ascii_digit);
    match body {
        [b'*', rest @ ..] => digits(rest),
        _ => open == 1 && body.len() <= 4 && digits(body),
    }
}

/// A span with no letter or digit, or one list label: `1.`, `12)`,
/// `(a)`, `(iii)`, `II.`, `b.`.
fn is_label(t: &str) -> bool {
    if !t.chars().any(char::is_alphanumeric) {
        return true;
    }
    let b = t.as_bytes();
    if b.len() > 10 || b.iter().any(u8::is_ascii_whitespace) || is_marker(t) {
        return false;
    }
    let open = usize::from(b.first() == Some(&b'('));
    let n = b[open..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let word = &b[open..open + n];
    let rest = &b[open + n..];
    if n == 0 || !rest.iter().all(|c| matches!(c, b'.' | b')')) {
        return false;
    }
    let digits = word.len() <= 4 && word.iter().all(u8::is_ascii_digit);
    // A bare number is a label only with its punctuation (`1.`, `(2)`).
    let marked = open > 0 || !rest.is_empty();
    let letter = word.len() == 1 && word[0].is_ascii_alphabetic();
    let roman = word.len() <= 5
        && (word.iter().all(|c| b"IVXL".contains(c)) || word.iter().all(|c| b"ivxl".contains(c)));
    marked && (digits || letter || roman)
}

/// Whether `t` ends like a sentence: `.`, `?`, `!` or `…`, then any closing
/// quotes, brackets, superscript footnote markers, `[12]` or `*263`.
fn ends_sentence(t: &str) -> bool {
    let mut t = t.trim_end();
    loop {
        let Some(c) = t.chars().next_back() else {
            return false;
        };
        match c {
            '.' | '?' | '!' | '…' => return true,
            '"' | '\'' | ')' | '”' | '’' | '»' | '¹' | '²' | '³' | '⁰' | '⁴'..='⁹' => {
                t = &t[..t.len() - c.len_utf8()];
            }
            ']' => {
                // `[12]`, `[*2]`, `[*]`; not `[2023]` (a citation year is
                // not a marker after a stop, but it is four digits and
                // harmless to treat alike).
                let inner = &t[..t.len() - 1];
                let Some(open) = inner.rfind('[') else {
                    // A closing bracket of a longer bracket.
                    t = inner;
                    continue;
                };
                let body = &inner[open + 1..];
                if body.len() <= 5 && body.bytes().all(|c| c == b'*' || c.is_ascii_digit()) {
                    t = &inner[..open];
                } else {
                    t = inner;
                }
            }
            '0'..='9' => {
                // A star page glued to the stop: `Amendment.*263`.
                let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
                let head = &t[..t.len() - digits];
                match head.strip_suffix('*') {
                    Some(h) if digits <= 6 => t = h,
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
}

/// `Key: value` with a short capitalised key: `DATE: September 30, 2025`,
/// `Citation Nr: A25084404`.
fn is_field(t: &str) -> bool {
    let Some(colon) = t.find(':') else {
        return false;
    };
    let key = &t[..colon];
    let value = t[colon + 1..].trim();
    !value.is_empty()
        && key.chars().next().is_some_and(char::is_uppercase)
        && !key.is_empty()
        && key.split_whitespace().count() <= MAX_KEY_WORDS
        && !key.contains(['.', ',', ';', '(', '"', '“'])
}

/// Whether the letters of `t` are all capitals (two at least).
fn in_capitals(t: &str) -> bool {
    let mut n = 0;
    for c in t.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        n += 1;
    }
    n >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for t in ["1.", "12)", "(a)", "(iii)", "II.", "b.", "3.)", "?", "—"] {
            assert!(is_label(t), "{t}");
        }
        for t in [
            "Id.", "No.", "See id.", "2023", "The end.", "U.S.", "Inc.", "[5]", "*633",
        ] {
            assert!(!is_label(t), "{t}");
        }
        for t in ["[5]", "*633", "[*2]"] {
            assert!(is_marker(t), "{t}");
        }
        for t in ["[2023 ]", "*", "[a]", "5", "(5)"] {
            assert!(!is_marker(t), "{t}");
        }
    }

    #[test]
    fn sentence_ends() {
        for t in [
            "It held.",
            "Did it?",
            "He said “enough.”",
            "It was so (as he said.)",
            "The Court took jurisdiction.[2]",
            "Argument was heard.¹",
            "It was added to the Amendment.[16]*263",
            "I never meant that…",
        ] {
            assert!(ends_sentence(t), "{t}");
        }
        for t in [
            "ORDER",
            "Entitlement to a rating for PTSD (PTSD)",
            "(Continued on the next page)",
            "Sincerely,",
            "DATE: September 30, 2025",
            "Section 3",
            "See People v Thomas [2019]",
            "",
        ] {
            assert!(!ends_sentence(t), "{t}");
        }
    }

    #[test]
    fn lines_alone_without_a_stop_are_headings_or_fields() {
        assert_eq!(role("ORDER", true, false), Role::Heading);
        assert_eq!(role("Increased Rating", true, false), Role::Heading);
        assert_eq!(
            role("(Continued on the next page)", true, false),
            Role::Heading
        );
        assert_eq!(role("DATE: September 30, 2025", true, false), Role::Field);
        assert_eq!(role("Citation Nr: A25084404", true, false), Role::Field);
        assert_eq!(role("ENTER:", true, false), Role::Field);
        assert_eq!(
            role("The issues on appeal are the following:", true, false),
            Role::Sentence
        );
        // A sentence that lost its stop is too long for a heading.
        let long = "word ".repeat(MAX_HEADING_WORDS + 1);
        assert_eq!(role(long.trim(), true, false), Role::Sentence);
        // Items of a list that is one sentence, and a sign-off.
        assert_eq!(
            role("Ensure that detainees have access to counsel;", true, false),
            Role::Sentence
        );
        assert_eq!(role("release the detainees", true, false), Role::Sentence);
        assert_eq!(role("Sincerely,", true, false), Role::Heading);
        // A bulleted item is a sentence.
        assert_eq!(role("• Release him now", true, false), Role::Sentence);
        // A sentence with a colon is no field.
        assert_eq!(
            role("The Board held: the claim is denied.", true, false),
            Role::Sentence
        );
    }

    #[test]
    fn spans_inside_a_block() {
        // Glued headings of flattened pages.
        assert_eq!(role("CONCLUSION OF LAW", false, false), Role::Heading);
        assert_eq!(role("Appellant and spouse", false, true), Role::Heading);
        // Inline list items and stop-less tails are sentences.
        assert_eq!(role("a. The first item", false, false), Role::Sentence);
        assert_eq!(role("It ends here", false, false), Role::Sentence);
    }

    #[test]
    fn markers_open_the_next_sentence() {
        let t = "*491 The doctrine failed.";
        let mut out = Vec::new();
        classify(t, &[Span::new(0, 4), Span::new(5, t.len())], &mut out);
        assert_eq!(
            out,
            [Segment {
                span: Span::new(0, t.len()),
                role: Role::Sentence
            }]
        );
        // Alone on its line, it stays a span of its own.
        out.clear();
        classify("[*2]", &[Span::new(0, 4)], &mut out);
        assert_eq!(out[0].role, Role::Sentence);
    }

    #[test]
    fn a_roman_numbered_line_is_a_heading() {
        let t = "II. Remand is required to correct the judgment.";
        let mut out = Vec::new();
        classify(t, &[Span::new(0, 3), Span::new(4, t.len())], &mut out);
        assert_eq!(
            out.iter().map(|s| s.role).collect::<Vec<_>>(),
            [Role::Label, Role::Heading]
        );
        assert!(is_roman_label("IV.") && is_roman_label("(II)") && !is_roman_label("1."));
    }

    #[test]
    fn classify_a_numbered_heading_and_a_numbered_finding() {
        let t = "1. Entitlement to an effective date";
        let mut out = Vec::new();
        classify(t, &[Span::new(0, 2), Span::new(3, t.len())], &mut out);
        assert_eq!(
            out.iter().map(|s| s.role).collect::<Vec<_>>(),
            [Role::Label, Role::Heading]
        );
        let t = "1. The Veteran served.";
        out.clear();
        classify(t, &[Span::new(0, 2), Span::new(3, t.len())], &mut out);
        assert_eq!(
            out.iter().map(|s| s.role).collect::<Vec<_>>(),
            [Role::Label, Role::Sentence]
        );
        // Two stop-less spans on one line: the first glued to the second.
        let t = "REPRESENTATIONAppellant";
        out.clear();
        classify(t, &[Span::new(0, 14), Span::new(14, t.len())], &mut out);
        assert_eq!(
            out.iter().map(|s| s.role).collect::<Vec<_>>(),
            [Role::Heading, Role::Sentence]
        );
    }
}
