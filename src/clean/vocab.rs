//! The boilerplate vocabulary of `patterns/boilerplate.txt`, compiled once.
//!
//! Phrases matched anywhere go into one ASCII-case-insensitive
//! Aho-Corasick automaton run once over the whole page; whole-block
//! phrases (`=Home`) go into a set looked up with the trimmed,
//! lower-cased block; leading phrases (`^read the`) are compared with the
//! start of short link-like blocks. See the file's header for the format.

use std::ops::Range;

use rustc_hash::FxHashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::blocks::script;
use crate::error::Result;
use crate::patterns::Patterns;

const FILE: &str = "boilerplate.txt";

/// What a vocabulary entry marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// Website furniture of any kind (every category but the two below).
    Boilerplate,
    /// A letter's sign-off (`Sincerely,`).
    Closing,
    /// A letter's opening (`Dear ...`).
    Salutation,
    /// A language name, as in language pickers.
    Language,
    /// Boilerplate that ends the page's content: copyright lines and
    /// comment sections. The body never runs across it.
    End,
    /// A line the site adds after an article (`follow us on Twitter`,
    /// `for more information`, `Source:`), boilerplate only at the end
    /// of an HTML page's body: inside it the same words are the author's.
    Tail,
    /// A source label (`Source:`, `Quelle:`): a [`Category::Tail`] line,
    /// and a credit wherever a short line starts with it.
    Source,
}

impl Category {
    fn from_name(name: &str) -> Option<Category> {
        Some(match name {
            "closing" => Category::Closing,
            "salutation" => Category::Salutation,
            "language" => Category::Language,
            "tail" => Category::Tail,
            "source" => Category::Source,
            "copyright" | "comments" => Category::End,
            "skip" | "nav" | "share" | "donate" | "newsletter" | "cookie" | "related" | "tags"
            | "footer" | "ads" | "meta" | "disclaimer" | "pagination" | "credit" | "action" => {
                Category::Boilerplate
            }
            _ => return None,
        })
    }
}

/// One vocabulary hit in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the page.
    pub range: Range<usize>,
    /// What the phrase marks.
    pub category: Category,
}

/// The compiled vocabulary.
#[derive(Debug)]
pub struct Vocabulary {
    anywhere: AhoCorasick,
    categories: Vec<Category>,
    whole: FxHashMap<String, Category>,
    leading: Vec<(String, Category)>,
    /// The indexes in `leading` of the phrases starting with each ASCII
    /// byte, in file order.
    leading_by_first: Vec<Vec<usize>>,
}

/// Most words of a block a leading phrase (`^read the`) marks: a link
/// line, not a heading or sentence that happens to start the same way.
const MAX_LEADING_WORDS: usize = 6;

impl Vocabulary {
    /// Compile `patterns/boilerplate.txt`.
    pub fn new(patterns: &Patterns) -> Result<Vocabulary> {
        let mut phrases = Vec::new();
        let mut categories = Vec::new();
        let mut whole = FxHashMap::default();
        let mut leading = Vec::new();
        for (line, cols) in patterns.rows(FILE) {
            let [cat, phrase] = cols[..] else {
                return Err(Patterns::error(FILE, line, "expected category<TAB>phrase"));
            };
            let Some(category) = Category::from_name(cat) else {
                return Err(Patterns::error(
                    FILE,
                    line,
                    format!("unknown category {cat:?}"),
                ));
            };
            if let Some(p) = phrase.strip_prefix('=') {
                whole.insert(normalize_whole(p).to_lowercase(), category);
            } else if let Some(p) = phrase.strip_prefix('^') {
                if p.trim().is_empty() {
                    return Err(Patterns::error(FILE, line, "empty phrase"));
                }
                leading.push((p.trim().to_lowercase(), category));
            } else if phrase.is_empty() {
                return Err(Patterns::error(FILE, line, "empty phrase"));
            } else {
                phrases.push(phrase.to_string());
                categories.push(category);
                // The automaton folds ASCII case only: add the capitalised
                // form of a phrase that starts with a non-ASCII letter.
                let mut chars = phrase.chars();
                if let Some(first) = chars.next().filter(|c| !c.is_ascii()) {
                    let upper: String = first.to_uppercase().chain(chars).collect();
                    if upper != phrase {
                        phrases.push(upper);
                        categories.push(category);
                    }
                }
            }
        }
        let anywhere = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .map_err(|e| Patterns::error(FILE, 0, e.to_string()))?;
        let mut leading_by_first = vec![Vec::new(); 128];
        for (i, (p, _)) in leading.iter().enumerate() {
            if let Some(&b) = p.as_bytes().first().filter(|b| b.is_ascii()) {
                leading_by_first[b as usize].push(i);
            }
        }
        Ok(Vocabulary {
            anywhere,
            categories,
            whole,
            leading,
            leading_by_first,
        })
    }

    /// Every phrase found in `text`, at word boundaries, in order.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for m in self.anywhere.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let word = |b: u8| b.is_ascii_alphanumeric();
            // A boundary matters only on an ASCII word edge of the phrase.
            let left_ok = !word(bytes[s]) || s == 0 || !is_word_before(text, s);
            let right_ok = !word(bytes[e - 1]) || e == bytes.len() || !is_word_at(text, e);
            if left_ok && right_ok {
                out.push(Hit {
                    range: s..e,
                    category: self.categories[m.pattern().as_usize()],
                });
            }
        }
        out
    }

    /// The category of a block that is, as a whole, a vocabulary entry.
    pub fn whole(&self, block: &str) -> Option<Category> {
        let b = normalize_whole(block);
        if b.len() > 40 {
            return None;
        }
        if !b.is_ascii() {
            return self.whole.get(&b.to_lowercase()).copied();
        }
        // Lower-case ASCII on the stack.
        let mut buf = [0u8; 40];
        let lower = &mut buf[..b.len()];
        lower.copy_from_slice(b.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower)
            .ok()
            .and_then(|l| self.whole.get(l).copied())
    }
}

impl Vocabulary {
    /// The category of a short link-like block (at most six words, no
    /// sentence punctuation at its end) that starts with a leading phrase:
    /// `Read the letter`, `Download the report (PDF)`.
    pub fn leading(&self, block: &str) -> Option<Category> {
        let b = block.trim();
        // Most blocks cannot start with a leading phrase: one table look-up.
        // An ASCII block is compared only with the phrases starting with
        // its first letter (the phrases are lower-case).
        let candidates: &[usize] = match b.as_bytes().first() {
            None => return None,
            Some(&c) if c.is_ascii() => {
                let first = &self.leading_by_first[c.to_ascii_lowercase() as usize];
                if first.is_empty() {
                    return None;
                }
                first
            }
            _ => &[],
        };
        if b.len() > 80 || b.ends_with(['.', '!', '?', ';', ',']) {
            return None;
        }
        let starts = |lower: &str, p: &str| -> bool {
            let rest = lower.get(p.len()..);
            rest.is_some_and(|rest| rest.chars().next().is_none_or(|n| !n.is_alphanumeric()))
        };
        let found = if b.is_ascii() {
            // An ASCII block is compared in place, ignoring case.
            candidates.iter().find_map(|&i| {
                let (p, c) = &self.leading[i];
                let head = b.as_bytes().get(..p.len())?;
                (head.eq_ignore_ascii_case(p.as_bytes()) && starts(b, p)).then_some(*c)
            })
        } else {
            let lower = b.to_lowercase();
            self.leading.iter().find_map(|(p, c)| {
                (lower.starts_with(p.as_str()) && starts(&lower, p)).then_some(*c)
            })
        };
        found.filter(|_| b.split_whitespace().count() <= MAX_LEADING_WORDS)
    }
}

/// A block trimmed of spaces and of trailing punctuation that menus add.
fn normalize_whole(s: &str) -> &str {
    s.trim()
        .trim_end_matches([':', '.', ',', '»', '›', '>', '|', '…'])
        .trim()
}

fn is_word_before(text: &str, at: usize) -> bool {
    let (Some(a), Some(b)) = (text[..at].chars().next_back(), text[at..].chars().next()) else {
        return false;
    };
    joined(a, b)
}

fn is_word_at(text: &str, at: usize) -> bool {
    is_word_before(text, at)
}

/// Whether `a` and `b` are inside one word. In glued text a lower-case
/// letter before a capital (`MenuSkip`), a digit next to a letter
/// (`2022Share`) or a change of script (`English中文`) is a word edge.
fn joined(a: char, b: char) -> bool {
    if a.is_alphabetic() && b.is_alphabetic() {
        !(a.is_lowercase() && b.is_uppercase()) && script(a) == script(b)
    } else {
        a.is_ascii_digit() && b.is_ascii_digit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new(&Patterns::builtin()).unwrap()
    }

    #[test]
    fn builtin_file_compiles() {
        let v = vocab();
        assert!(v.whole.len() > 50);
        assert!(v.categories.len() > 50);
    }

    #[test]
    fn finds_phrases_at_word_boundaries_in_glued_text() {
        let v = vocab();
        let t = "MenuSkip to main contentDonate NowSearch";
        let hits: Vec<&str> = v.hits(t).iter().map(|h| &t[h.range.clone()]).collect();
        assert_eq!(hits, ["Skip to main content", "Donate Now"]);
        // `cookies` inside a longer word is not a hit.
        assert!(v.hits("fortunecookiesx").is_empty());
        // Non-ASCII edges match inside glued text.
        assert_eq!(v.hits("©2020Acme").len(), 1);
        assert_eq!(v.hits("EnglishFrançais中文").len(), 2);
        // A phrase starting with a non-ASCII letter, capitalised.
        assert_eq!(v.hits("Über den Autor").len(), 1);
        // Lower case on both sides is one word.
        assert!(v.hits("unsharethisx").is_empty());
    }

    #[test]
    fn whole_block_entries_need_the_whole_block() {
        let v = vocab();
        assert_eq!(v.whole("Home"), Some(Category::Boilerplate));
        assert_eq!(v.whole("  Search: "), Some(Category::Boilerplate));
        assert_eq!(v.whole("Sincerely,"), Some(Category::Closing));
        assert_eq!(v.whole("Sincerely yours, John"), None);
        assert_eq!(v.whole("The home of the accused"), None);
        // Headings of related lists and controls, in several languages.
        assert_eq!(v.whole("Mehr Themen:"), Some(Category::Boilerplate));
        assert_eq!(
            v.whole("Noticias relacionadas"),
            Some(Category::Boilerplate)
        );
        assert_eq!(v.whole("mehr anzeigen"), Some(Category::Boilerplate));
        assert_eq!(v.whole("Bildnachweis"), Some(Category::Boilerplate));
        assert_eq!(
            v.leading("Mehr zu Klima und Umwelt"),
            Some(Category::Boilerplate)
        );
        assert_eq!(v.whole("Die Themen der Woche im Parlament"), None);
        // Phrases that also disclaim in the author's prose are no entries.
        assert!(v
            .hits("The views expressed by readers do not necessarily reflect ours.")
            .is_empty());
        // A source label is its own category.
        assert_eq!(
            v.hits("Source: Wire Agency")
                .iter()
                .map(|h| h.category)
                .collect::<Vec<_>>(),
            [Category::Source]
        );
    }

    #[test]
    fn leading_phrases_mark_short_link_lines_only() {
        let v = vocab();
        assert_eq!(v.leading("Read the letter"), Some(Category::Boilerplate));
        assert_eq!(v.leading("READ THE LETTER"), Some(Category::Boilerplate));
        // Each phrase is in the bucket of its first byte.
        for (i, (p, _)) in v.leading.iter().enumerate() {
            if let Some(&b) = p.as_bytes().first().filter(|b| b.is_ascii()) {
                assert!(v.leading_by_first[b as usize].contains(&i), "{p}");
            }
        }
        assert_eq!(
            v.leading("Download the full report (PDF)"),
            Some(Category::Boilerplate)
        );
        // A sentence, a long line, or a longer word are not link lines.
        assert_eq!(v.leading("Read the letter."), None);
        assert_eq!(
            v.leading("Read the letter we sent to the governor last week"),
            None
        );
        assert_eq!(v.leading("Readers of the letter"), None);
        assert_eq!(v.leading("Sincerely,"), None);
    }

    #[test]
    fn rejects_malformed_lines() {
        let mut p = Patterns::builtin();
        let dir = std::env::temp_dir().join(format!("factum-vocab-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(FILE), "nav\tok\nbogus\tphrase\n").unwrap();
        p = Patterns::with_dir(&dir).unwrap_or(p);
        let err = Vocabulary::new(&p).unwrap_err().to_string();
        assert!(err.contains("unknown category"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
