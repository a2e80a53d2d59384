//! The segmenter's lexicon: abbreviations by class, sentence starters, and
//! the shape of the word in front of a period.
//!
//! Built once from `patterns/abbreviations.txt` and
//! `patterns/sentence_starters.txt`; lookups allocate nothing (keys are
//! folded into a small stack buffer).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::error::Result;
use crate::patterns::Patterns;

const ABBREV_FILE: &str = "abbreviations.txt";
const STARTER_FILE: &str = "sentence_starters.txt";

/// Longest word the lexicon looks at; longer words are plain words.
const MAX_KEY: usize = 24;

/// When the period of an abbreviation may still end a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Never a boundary (`Mr.`, `v.`, `e.g.`).
    Never,
    /// A boundary only before a usual sentence starter (`Inc.`, `U.S.C.`).
    General,
    /// A boundary before any capitalised word (`Id.`, `etc.`).
    End,
}

/// What the word in front of a period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Nothing: the period follows a closing quote or bracket.
    Empty,
    /// A listed abbreviation.
    Abbrev(Class),
    /// Dotted letters: `U.S`, `D.C`, `S.J.A`.
    Initialism,
    /// One capital letter: an initial (`J. Smith`) or `I`.
    Initial,
    /// One small letter (`p. 55`, list label `a.`).
    Letter,
    /// Ends in a digit: `2004`, `1026.253.553`.
    Number,
    /// Any other word.
    Word,
}

/// Abbreviations and sentence starters.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    exact: HashMap<Vec<u8>, Class>,
    /// Entries written in lower case (`etc.`, `e.g.`): any case matches.
    folded_any: HashMap<Vec<u8>, Class>,
    /// Entries written capitalised (`So.`, `Pa.`, `No.`): only a
    /// capitalised word matches, so `so.` and `no.` stay plain words.
    folded_cap: HashMap<Vec<u8>, Class>,
    starters: HashSet<Vec<u8>>,
    /// The shapes of the abbreviations and of the starters: most words are
    /// neither, and are told so without hashing.
    abbrev_shapes: Shapes,
    starter_shapes: Shapes,
}

/// For each ASCII first letter (folded to lower case), the lengths of the
/// keys that start with it, as bits (31: longer). A key shape absent here
/// is absent from the maps.
#[derive(Debug)]
struct Shapes([u32; 128]);

impl Default for Shapes {
    fn default() -> Shapes {
        Shapes([0; 128])
    }
}

impl Shapes {
    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    fn add(&mut self, key: &[u8]) {
        match key.first() {
            Some(&c) if c.is_ascii() => {
                self.0[c.to_ascii_lowercase() as usize] |= Self::bit(key.len())
            }
            // Other first bytes are looked up in the maps.
            _ => {}
        }
    }

    /// Whether no key has the shape of `word` (which starts with an ASCII
    /// byte).
    fn surely_absent(&self, word: &[u8]) -> bool {
        match word.first() {
            Some(&c) if c.is_ascii() => {
                self.0[c.to_ascii_lowercase() as usize] & Self::bit(word.len()) == 0
            }
            _ => false,
        }
    }
}

/// Fold ASCII letters to lower case into `buf`; `None` when too long.
fn fold<'b>(word: &[u8], buf: &'b mut [u8; MAX_KEY]) -> Option<&'b [u8]> {
    if word.len() > MAX_KEY {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..word.len()])
}

impl Lexicon {
    /// Read both pattern files.
    pub(crate) fn new(patterns: &Patterns) -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        for (line, cols) in patterns.rows(ABBREV_FILE) {
            let class = match cols.get(1).copied() {
                Some("never") => Class::Never,
                Some("general") => Class::General,
                Some("end") => Class::End,
                other => {
                    return Err(Patterns::error(
                        ABBREV_FILE,
                        line,
                        format!("class must be never, general or end, not {other:?}"),
                    ))
                }
            };
            let case_sensitive = match cols.get(2).copied() {
                None | Some("") => false,
                Some("cs") => true,
                Some(other) => {
                    return Err(Patterns::error(
                        ABBREV_FILE,
                        line,
                        format!("third column must be `cs` or empty, not {other:?}"),
                    ))
                }
            };
            let mut any = false;
            for word in cols[0].split(' ') {
                let Some(key) = word.strip_suffix('.') else {
                    continue;
                };
                any = true;
                // Single letters are judged by shape, not by the list.
                if key.chars().count() < 2 && key != "v" {
                    continue;
                }
                let folded = key.to_ascii_lowercase().into_bytes();
                lex.abbrev_shapes.add(key.as_bytes());
                if case_sensitive {
                    lex.exact.insert(key.as_bytes().to_vec(), class);
                } else if key.starts_with(|c: char| c.is_uppercase()) {
                    lex.folded_cap.insert(folded, class);
                } else {
                    lex.folded_any.insert(folded, class);
                }
            }
            if !any {
                return Err(Patterns::error(
                    ABBREV_FILE,
                    line,
                    "an abbreviation must end with a period",
                ));
            }
        }
        for (line, word) in patterns.lines(STARTER_FILE) {
            let word = word.trim();
            if word.contains(char::is_whitespace) || word.len() > MAX_KEY {
                return Err(Patterns::error(
                    STARTER_FILE,
                    line,
                    "one short word per line",
                ));
            }
            lex.starter_shapes.add(word.as_bytes());
            lex.starters.insert(word.to_ascii_lowercase().into_bytes());
        }
        Ok(lex)
    }

    /// The class of `word` (without its final period) when it is listed.
    pub(crate) fn abbrev(&self, word: &[u8]) -> Option<Class> {
        if self.abbrev_shapes.surely_absent(word) {
            return None;
        }
        if let Some(c) = self.exact.get(word) {
            return Some(*c);
        }
        let mut buf = [0u8; MAX_KEY];
        let key = fold(word, &mut buf)?;
        if word[0].is_ascii_uppercase() {
            if let Some(c) = self.folded_cap.get(key) {
                return Some(*c);
            }
        }
        self.folded_any.get(key).copied()
    }

    /// Whether `word` usually starts a sentence (`The`, `However`, `See`).
    pub(crate) fn is_starter(&self, word: &[u8]) -> bool {
        if self.starter_shapes.surely_absent(word) {
            return false;
        }
        let mut buf = [0u8; MAX_KEY];
        match fold(word, &mut buf) {
            Some(k) => self.starters.contains(k),
            None => false,
        }
    }

    /// What the word `word` (the bytes in front of a period, without it) is.
    pub(crate) fn kind(&self, word: &[u8]) -> Kind {
        if word.is_empty() {
            return Kind::Empty;
        }
        if let Some(c) = self.abbrev(word) {
            return Kind::Abbrev(c);
        }
        let last = word[word.len() - 1];
        if word.contains(&b'.') {
            let letters_only = word
                .split(|&b| b == b'.')
                .all(|seg| (1..=2).contains(&seg.len()) && seg.iter().all(u8::is_ascii_alphabetic));
            if letters_only {
                return Kind::Initialism;
            }
            // `Uzbekistan.Mr`, `example.com`: the part after the last dot.
            if let Some(dot) = word.iter().rposition(|&b| b == b'.') {
                let tail = &word[dot + 1..];
                if !tail.is_empty() && !word[..dot].iter().all(|b| b.is_ascii_digit() || *b == b'.')
                {
                    return self.kind(tail);
                }
            }
        }
        if last.is_ascii_digit() {
            return Kind::Number;
        }
        if word.len() == 1 {
            if last.is_ascii_uppercase() {
                return Kind::Initial;
            }
            if last.is_ascii_lowercase() {
                return Kind::Letter;
            }
        }
        Kind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(&Patterns::builtin()).unwrap()
    }

    #[test]
    fn listed_abbreviations_have_their_class() {
        let l = lex();
        assert_eq!(l.kind(b"Mr"), Kind::Abbrev(Class::Never));
        assert_eq!(l.kind(b"MR"), Kind::Abbrev(Class::Never));
        assert_eq!(l.kind(b"v"), Kind::Abbrev(Class::Never));
        assert_eq!(l.kind(b"Inc"), Kind::Abbrev(Class::General));
        assert_eq!(l.kind(b"Supp"), Kind::Abbrev(Class::General));
        assert_eq!(l.kind(b"App"), Kind::Abbrev(Class::General));
        assert_eq!(l.kind(b"U.S.C"), Kind::Abbrev(Class::General));
        assert_eq!(l.kind(b"Id"), Kind::Abbrev(Class::End));
        assert_eq!(l.kind(b"e.g"), Kind::Abbrev(Class::Never));
    }

    #[test]
    fn shapes_are_recognised() {
        let l = lex();
        assert_eq!(l.kind(b"U.S"), Kind::Initialism);
        assert_eq!(l.kind(b"S.J.A"), Kind::Initialism);
        assert_eq!(l.kind(b"J"), Kind::Initial);
        assert_eq!(l.kind(b"p"), Kind::Letter);
        assert_eq!(l.kind(b"2004"), Kind::Number);
        assert_eq!(l.kind(b"1026.253.553"), Kind::Number);
        assert_eq!(l.kind(b"CAT"), Kind::Word);
        assert_eq!(l.kind(b"Uzbekistan"), Kind::Word);
        assert_eq!(l.kind(b""), Kind::Empty);
    }

    #[test]
    fn v_is_case_sensitive_and_starters_fold() {
        let l = lex();
        assert_eq!(l.abbrev(b"V"), None);
        // Capitalised entries do not swallow lower-case words.
        assert_eq!(l.abbrev(b"so"), None);
        assert_eq!(l.abbrev(b"no"), None);
        assert_eq!(l.abbrev(b"So"), Some(Class::General));
        assert_eq!(l.abbrev(b"ETC"), Some(Class::End));
        assert!(l.is_starter(b"The"));
        assert!(l.is_starter(b"HOWEVER"));
        assert!(!l.is_starter(b"Government"));
        // The shape filter lets every listed key through, in any case.
        for key in l.folded_any.keys().chain(l.folded_cap.keys()) {
            assert!(!l.abbrev_shapes.surely_absent(key), "{key:?}");
            assert!(l.abbrev(&key.to_ascii_uppercase()).is_some(), "{key:?}");
        }
        for key in l.exact.keys() {
            assert!(l.abbrev(key).is_some(), "{key:?}");
        }
        for key in &l.starters {
            assert!(l.is_starter(&key.to_ascii_uppercase()), "{key:?}");
        }
        assert!(l
            .abbrev_shapes
            .surely_absent(b"Uzbekistanis-and-more-than-thirty-one"));
    }

    #[test]
    fn bad_class_is_an_error_with_line() {
        let dir = std::env::temp_dir().join(format!("factum-abbrev-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(ABBREV_FILE), "# x\nMr.\tsometimes\n").unwrap();
        let p = Patterns::with_dir(&dir).unwrap();
        let err = Lexicon::new(&p).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains('2'), "{err}");
    }
}
