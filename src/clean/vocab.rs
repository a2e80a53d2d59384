//! The boilerplate vocabulary of `patterns/boilerplate.txt`, compiled once.
//!
//! Phrases matched anywhere are found, ignoring ASCII case, at their
//! leftmost-longest places in one pass over the page; whole-block
//! phrases (`=Home`) go into a set looked up with the trimmed,
//! lower-cased block; leading phrases (`^read the`) are compared with the
//! start of short link-like blocks. See the file's header for the format.
//!
//! The anywhere phrases are split by alphabet, which keeps start-up cheap
//! (a full DFA costs states × byte classes to build, and the non-ASCII
//! phrases bring most of both): the ASCII phrases are one DFA over a
//! 43-class alphabet, run over an ASCII-lower-cased copy of the page; the
//! few phrases with non-ASCII letters (`über den autor`, `العربية`, `©`)
//! are a small NFA run only in windows around the bytes that can start
//! their first non-ASCII char. The two streams are merged into exactly the
//! leftmost-longest matches of all phrases together
//! ([`Vocabulary::hits`]); the tests compare them with one automaton over
//! all phrases.

use std::ops::Range;

use rustc_hash::FxHashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, Match, MatchKind,
};

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
    /// The ASCII anywhere phrases, lower-case, as a DFA (searched by
    /// [`find_longest`]).
    ascii: DFA,
    /// The category of each phrase of `ascii`.
    categories: Vec<Category>,
    /// The anywhere phrases with a non-ASCII byte, ASCII-lower-cased.
    rare: Rare,
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
        let mut phrases: Vec<String> = Vec::new();
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
        // Matching lower-cased phrases in a lower-cased page is matching
        // them ignoring ASCII case; each phrase keeps its file order
        // within its automaton, which settles ties as one automaton would.
        let (mut ascii, mut ascii_cats) = (Vec::new(), Vec::new());
        let (mut rare, mut rare_cats) = (Vec::new(), Vec::new());
        for (p, c) in phrases.iter().zip(categories) {
            if p.is_ascii() {
                ascii.push(p.to_ascii_lowercase());
                ascii_cats.push(c);
            } else {
                rare.push(p.to_ascii_lowercase());
                rare_cats.push(c);
            }
        }
        let ascii = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(&ascii)
            .map_err(|e| Patterns::error(FILE, 0, e.to_string()))?;
        let rare = Rare::new(rare, rare_cats)?;
        let mut leading_by_first = vec![Vec::new(); 128];
        for (i, (p, _)) in leading.iter().enumerate() {
            if let Some(&b) = p.as_bytes().first().filter(|b| b.is_ascii()) {
                leading_by_first[b as usize].push(i);
            }
        }
        Ok(Vocabulary {
            ascii,
            categories: ascii_cats,
            rare,
            whole,
            leading,
            leading_by_first,
        })
    }

    /// Every phrase found in `text`, at word boundaries, in order.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let lower = ascii_lowercase(bytes);
        let mut out = Vec::new();
        // The next match of each automaton at or after `pos` (`None`: no
        // more), kept while it starts at or after `pos`: a leftmost-longest
        // match found from an earlier place is still the one from `pos`.
        let mut pos = 0;
        let mut next_ascii: Option<Option<Match>> = None;
        let mut next_rare: Option<Option<Match>> = None;
        loop {
            let stale = |m: &Option<Option<Match>>| match m {
                None => true,
                Some(m) => m.is_some_and(|m| m.start() < pos),
            };
            if stale(&next_ascii) {
                next_ascii = Some(find_longest(&self.ascii, &lower, pos));
            }
            if stale(&next_rare) {
                next_rare = Some(self.rare.find(&lower, pos));
            }
            // The leftmost of the two, the longer at one start (a phrase
            // of each alphabet never has the same bytes).
            let (m, category) = match (next_ascii.flatten(), next_rare.flatten()) {
                (None, None) => break,
                (Some(a), Some(r))
                    if (r.start(), std::cmp::Reverse(r.end()))
                        < (a.start(), std::cmp::Reverse(a.end())) =>
                {
                    (r, self.rare.categories[r.pattern().as_usize()])
                }
                (Some(a), _) => (a, self.categories[a.pattern().as_usize()]),
                (None, Some(r)) => (r, self.rare.categories[r.pattern().as_usize()]),
            };
            let (s, e) = (m.start(), m.end());
            pos = e;
            let word = |b: u8| b.is_ascii_alphanumeric();
            // A boundary matters only on an ASCII word edge of the phrase.
            let left_ok = !word(bytes[s]) || s == 0 || !is_word_before(text, s);
            let right_ok = !word(bytes[e - 1]) || e == bytes.len() || !is_word_at(text, e);
            if left_ok && right_ok {
                out.push(Hit {
                    range: s..e,
                    category,
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

/// The leftmost-longest match of `dfa` in `hay` starting at or after
/// `pos`: `AhoCorasick::find`'s own routine (as the `Automaton` docs give
/// it), with the steps between special states in a loop of their own
/// ([`walk`]) that carries nothing but the state. The tests compare it
/// with the crate's search.
fn find_longest(dfa: &DFA, hay: &[u8], pos: usize) -> Option<Match> {
    let mut sid = dfa.start_state(Anchored::No).ok()?;
    let get_match = |sid, end: usize| {
        let pid = dfa.match_pattern(sid, 0);
        Match::new(pid, end - dfa.pattern_len(pid)..end)
    };
    let mut mat = dfa.is_match(sid).then(|| get_match(sid, pos));
    let mut at = pos;
    loop {
        // Each round steps at least one byte, or ends the search.
        (at, sid) = walk(dfa, hay, at, sid);
        if !dfa.is_special(sid) || dfa.is_dead(sid) {
            return mat;
        }
        if dfa.is_match(sid) {
            mat = Some(get_match(sid, at));
        }
        if at >= hay.len() {
            return mat;
        }
    }
}

/// Step `dfa` from `sid` over `hay[at..]` until it enters a special
/// (dead or match) state or the bytes end: the position after the last
/// byte read, and the state.
#[inline(always)]
fn walk(dfa: &DFA, hay: &[u8], mut at: usize, mut sid: StateID) -> (usize, StateID) {
    while let Some(&b) = hay.get(at) {
        sid = dfa.next_state(Anchored::No, sid, b);
        at += 1;
        if dfa.is_special(sid) {
            break;
        }
    }
    (at, sid)
}

/// A leftmost-longest automaton over lower-case `phrases`.
fn build(kind: AhoCorasickKind, phrases: &[String]) -> Result<AhoCorasick> {
    AhoCorasickBuilder::new()
        .kind(Some(kind))
        .match_kind(MatchKind::LeftmostLongest)
        .build(phrases)
        .map_err(|e| Patterns::error(FILE, 0, e.to_string()))
}

/// The anywhere phrases with a non-ASCII byte, searched only near the
/// bytes that can start one of them.
///
/// Each such phrase is ASCII up to its first non-ASCII byte, the lead
/// byte of a char. Let `x` be the first byte at or after `pos` that is
/// such a lead. A match starting in `pos..=x` cannot hold `x` in its
/// ASCII part: `x` is its first non-ASCII byte, so it starts at most
/// `lead_at[b]` bytes before `x` and ends by `x + len[b]` (`b` the byte
/// at `x`). A match starting after `x` is found from `x + 1`.
#[derive(Debug)]
struct Rare {
    automaton: AhoCorasick,
    categories: Vec<Category>,
    /// For each lead byte `b` of a phrase's first non-ASCII char: the
    /// most bytes before it in those phrases (`lead_at[b]`), and their
    /// longest length (`len[b]`, zero when `b` is no lead).
    lead_at: [u8; 256],
    len: [u8; 256],
}

impl Rare {
    fn new(phrases: Vec<String>, categories: Vec<Category>) -> Result<Rare> {
        let mut lead_at = [0u8; 256];
        let mut len = [0u8; 256];
        for p in &phrases {
            let Some(i) = p.bytes().position(|b| !b.is_ascii()) else {
                continue;
            };
            let b = p.as_bytes()[i] as usize;
            let too_long = || Patterns::error(FILE, 0, format!("phrase too long: {p:?}"));
            lead_at[b] = lead_at[b].max(u8::try_from(i).map_err(|_| too_long())?);
            len[b] = len[b].max(u8::try_from(p.len()).map_err(|_| too_long())?);
        }
        Ok(Rare {
            automaton: build(AhoCorasickKind::ContiguousNFA, &phrases)?,
            categories,
            lead_at,
            len,
        })
    }

    /// The leftmost-longest match in `hay` starting at or after `pos`.
    fn find(&self, hay: &[u8], mut pos: usize) -> Option<Match> {
        loop {
            let x = self.next_lead(hay, pos)?;
            // A match starting in `pos..=x` lies inside the window, so
            // the window shows the leftmost-longest one if it starts by
            // `x`.
            let b = hay[x] as usize;
            let from = pos.max(x.saturating_sub(self.lead_at[b].into()));
            let to = hay.len().min(x + usize::from(self.len[b]));
            if let Some(m) = self.automaton.find(Input::new(hay).span(from..to)) {
                if m.start() <= x {
                    return Some(m);
                }
            }
            // No match starts in `pos..=x`.
            pos = x + 1;
        }
    }

    /// The first byte at or after `pos` that is one of `leads`.
    fn next_lead(&self, hay: &[u8], pos: usize) -> Option<usize> {
        let rest = hay.get(pos..)?;
        // Pass over runs of ASCII (no lead) a word at a time.
        let mut at = 0;
        for chunk in rest.chunks(64) {
            if !chunk.is_ascii() {
                if let Some(i) = chunk.iter().position(|&b| self.len[b as usize] > 0) {
                    return Some(pos + at + i);
                }
            }
            at += chunk.len();
        }
        None
    }
}

/// `bytes` with ASCII capitals lower-cased (a loop the compiler turns
/// into vector code).
fn ascii_lowercase(bytes: &[u8]) -> Vec<u8> {
    bytes
        .iter()
        .map(|&b| b | (u8::from(b.wrapping_sub(b'A') < 26) << 5))
        .collect()
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

    /// The matches of the general path: one ASCII-case-insensitive DFA
    /// over all anywhere phrases (with the capitalised forms), run over
    /// the page itself, with the same boundary rule.
    fn reference_automaton() -> (AhoCorasick, Vec<Category>) {
        let p = Patterns::builtin();
        let (mut phrases, mut cats) = (Vec::new(), Vec::new());
        for (_, cols) in p.rows(FILE) {
            let (cat, phrase) = (cols[0], cols[1]);
            if phrase.starts_with(['=', '^']) {
                continue;
            }
            let c = Category::from_name(cat).unwrap();
            phrases.push(phrase.to_string());
            cats.push(c);
            let mut chars = phrase.chars();
            if let Some(first) = chars.next().filter(|c| !c.is_ascii()) {
                let upper: String = first.to_uppercase().chain(chars).collect();
                if upper != phrase {
                    phrases.push(upper);
                    cats.push(c);
                }
            }
        }
        let ac = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .unwrap();
        (ac, cats)
    }

    fn reference_hits(
        (ac, cats): &(AhoCorasick, Vec<Category>),
        text: &str,
    ) -> Vec<(Range<usize>, Category)> {
        let bytes = text.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric();
        ac.find_iter(text)
            .filter(|m| {
                let (s, e) = (m.start(), m.end());
                (!word(bytes[s]) || s == 0 || !is_word_before(text, s))
                    && (!word(bytes[e - 1]) || e == bytes.len() || !is_word_at(text, e))
            })
            .map(|m| (m.range(), cats[m.pattern().as_usize()]))
            .collect()
    }

    fn fast_hits(v: &Vocabulary, text: &str) -> Vec<(Range<usize>, Category)> {
        v.hits(text)
            .into_iter()
            .map(|h| (h.range, h.category))
            .collect()
    }

    #[test]
    fn split_automata_find_what_one_automaton_finds() {
        let v = vocab();
        // Phrases of both alphabets, cut, re-cased and glued with
        // separators that do and do not make word edges.
        let p = Patterns::builtin();
        let phrases: Vec<String> = p
            .rows(FILE)
            .map(|(_, c)| c[1].to_string())
            .filter(|s| !s.starts_with(['=', '^']))
            .collect();
        let rare: Vec<&String> = phrases.iter().filter(|s| !s.is_ascii()).collect();
        assert!(rare.len() > 10 && v.rare.lead_at.iter().any(|&n| n > 0));
        let reference = reference_automaton();
        let reference_hits = |t: &str| reference_hits(&reference, t);
        for b in 0u8..=255 {
            assert_eq!(ascii_lowercase(&[b]), [b.to_ascii_lowercase()]);
        }
        let seps = [
            "", " ", "  ", "\n", "x", "A", "1", ".", ",", "’", "“", "é", "Ü", "©", "中", "Я",
            "\u{a0}", " the ", "ü", "ç",
        ];
        let mut rng = crate::testing::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        let mut checked = 0;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..1 + next(8) {
                t.push_str(seps[next(seps.len())]);
                // Half the pieces are non-ASCII phrases, so they meet and
                // overlap the ASCII ones.
                let ph = if next(2) == 0 {
                    rare[next(rare.len())].as_str()
                } else {
                    phrases[next(phrases.len())].as_str()
                };
                let cut: String = match next(4) {
                    // A prefix or a suffix, on char boundaries.
                    0 => ph.chars().take(ph.chars().count() / 2 + 1).collect(),
                    1 => ph.chars().skip(1).collect(),
                    _ => ph.to_string(),
                };
                let cased: String = match next(3) {
                    0 => cut.to_uppercase(),
                    1 => cut
                        .chars()
                        .enumerate()
                        .map(|(i, c)| {
                            if i % 2 == 0 {
                                c.to_ascii_uppercase()
                            } else {
                                c
                            }
                        })
                        .collect(),
                    _ => cut,
                };
                t.push_str(&cased);
            }
            assert_eq!(fast_hits(&v, &t), reference_hits(&t), "{t:?}");
            checked += !reference_hits(&t).is_empty() as usize;
        }
        assert!(checked > 1000, "{checked}");
        // Long runs: non-ASCII text with no phrase, and phrases far apart.
        let long = format!(
            "{}Über den Autor{}© 2020 Acme{}",
            "Straße ".repeat(300),
            "ab".repeat(5000),
            "中文".repeat(200)
        );
        assert_eq!(fast_hits(&v, &long), reference_hits(&long));
        assert!(!reference_hits(&long).is_empty());
        // Phrases of one alphabet inside or across those of the other.
        for t in [
            "",
            "©",
            "Ü",
            "é",
            "Français",
            "xFrançais",
            "français©",
            "Copyright © 2020 Acme. All rights reserved.",
            "COPYRIGHT©2020",
            "copyright copyright ©",
            "Über den AutorÜber den Autor",
            "über den autorenseite",
            "Tous droits réservés©",
        ] {
            assert_eq!(fast_hits(&v, t), reference_hits(t), "{t:?}");
        }
    }

    #[test]
    fn dfa_loop_finds_what_the_crate_finds() {
        // The same DFA searched by the crate and by `find_longest`, from
        // every position of pages of cut and glued phrases.
        let v = vocab();
        let p = Patterns::builtin();
        let ascii: Vec<String> = p
            .rows(FILE)
            .map(|(_, c)| c[1].to_ascii_lowercase())
            .filter(|s| !s.starts_with(['=', '^']) && s.is_ascii())
            .collect();
        let ac = build(AhoCorasickKind::DFA, &ascii).unwrap();
        let mut rng = crate::testing::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        let seps = ["", " ", "x", ".", "é", "\n", "ab", "the "];
        let mut found = 0;
        for _ in 0..300 {
            let mut t = String::new();
            for _ in 0..1 + next(6) {
                t.push_str(seps[next(seps.len())]);
                let ph = &ascii[next(ascii.len())];
                let keep = 1 + next(ph.len());
                t.push_str(&ph[..keep]);
            }
            let hay = t.as_bytes();
            for pos in 0..=hay.len() {
                let want = ac.find(Input::new(hay).span(pos..hay.len()));
                assert_eq!(find_longest(&v.ascii, hay, pos), want, "{t:?} at {pos}");
                found += want.is_some() as usize;
            }
        }
        assert!(found > 1000, "{found}");
        assert_eq!(find_longest(&v.ascii, b"abc", 4), None);
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
