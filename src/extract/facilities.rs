//! Facilities: named places where people are held, tried or processed
//! (prisons, jails, detention and processing centres, camps, courthouses).
//!
//! The facility types of `patterns/facilities.tsv` are head words found by
//! one leftmost-longest Aho-Corasick automaton built in
//! [`FacilityExtractor::new`]; the name is the run of capitalised words
//! before the head (`Pike County Prison`). Lower-case generic references
//! (`the prison`, `a detention center`) are not facilities. The place
//! written right after the name (`Pike County Prison, Pennsylvania`) is its
//! `location`, unless that text is an agency already found. One
//! [`Facility`] per name, with every mention's byte span into `doc.text`
//! and its sentence; line breaks inside names are matched as spaces. A
//! text holding no head's last word (`Prison`, `Center`) has no facility
//! and is not normalised at all.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::document::{sentence_at, Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::{Facility, Facts, Mention};

use super::agencies::{
    glue_cut, glue_end, is_cap_word, left_ok, next_token, right_ok, split_trailing, Normalized,
};
use super::Extractor;

const FILE: &str = "facilities.tsv";
const RULES_FILE: &str = "agency_rules.tsv";
/// At most this many words in a name before its head.
const MAX_WORDS: usize = 6;

/// Finds facilities.
#[derive(Debug)]
pub struct FacilityExtractor {
    heads: AhoCorasick,
    /// The last word of every head (after its last white space): a text
    /// holding none of them has no facility (see
    /// [`FacilityExtractor::find_in`]).
    last_words: AhoCorasick,
    kinds: Vec<String>,
    stops: HashSet<String>,
}

impl FacilityExtractor {
    /// Build from `facilities.tsv` (and the `stop` and `title` words of
    /// `agency_rules.tsv`, which never begin a name).
    pub fn new(p: &Patterns) -> Result<FacilityExtractor> {
        let mut pats = Vec::new();
        let mut kinds = Vec::new();
        for (line, cols) in p.rows(FILE) {
            let kind = cols
                .get(1)
                .filter(|k| !k.is_empty())
                .ok_or_else(|| Patterns::error(FILE, line, "expected HEAD TAB KIND"))?;
            pats.push(cols[0].to_string());
            kinds.push(kind.to_string());
        }
        let heads = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .map_err(|e| Patterns::error(FILE, 0, e.to_string()))?;
        let last_words: Vec<&str> = pats
            .iter()
            .map(|h| h.rsplit(char::is_whitespace).next().unwrap_or(h))
            .collect();
        // leftmost-first: a match kind the vectorised prefilter serves
        let last_words = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&last_words)
            .map_err(|e| Patterns::error(FILE, 0, e.to_string()))?;
        let stops = p
            .rows(RULES_FILE)
            .filter(|(_, c)| c[0] == "stop" || c[0] == "title")
            .filter_map(|(_, c)| c.get(1).map(|w| w.to_string()))
            .flat_map(|w| [w.trim_end_matches('.').to_string(), w])
            .collect();
        Ok(FacilityExtractor {
            heads,
            last_words,
            kinds,
            stops,
        })
    }

    /// Every facility of `text`, with byte offsets into `text`; `taken`
    /// are spans (agency mentions) a location may not be.
    pub fn find(&self, text: &str, sentences: &[Span], taken: &[Span]) -> Vec<Facility> {
        self.find_in(text, false, sentences, taken)
    }

    /// Like [`FacilityExtractor::find`]; with `blocks`, every line break
    /// ends a block (HTML, Markdown), otherwise only a blank line does.
    pub fn find_in(
        &self,
        text: &str,
        blocks: bool,
        sentences: &[Span],
        taken: &[Span],
    ) -> Vec<Facility> {
        // Normalising changes white space only: a head found in the
        // normalised text has its last word, which holds none, in `text`.
        if !self.last_words.is_match(text) {
            return Vec::new();
        }
        let norm = Normalized::new(text, blocks);
        let t: &str = &norm.text;
        let mut order: Vec<String> = Vec::new();
        let mut by_name: HashMap<String, Facility> = HashMap::new();
        for m in self.heads.find_iter(t) {
            let (hs, he) = (m.start(), m.end());
            if !(left_ok(t, hs) && right_ok(t, he)) {
                continue;
            }
            let kind = &self.kinds[m.pattern().as_usize()];
            let s = self.walk_left(t, hs);
            if s == hs {
                continue;
            }
            let e = he;
            let name = t[s..e].to_string();
            let location = self.location(t, e).and_then(|(ls, le)| {
                let (os, oe) = norm.orig(ls, le);
                let overlaps = taken.iter().any(|sp| sp.start < oe && os < sp.end);
                (!overlaps).then(|| t[ls..le].to_string())
            });
            let (os, oe) = norm.orig(s, e);
            let mention = Mention {
                text: text.get(os..oe).unwrap_or_default().to_string(),
                start: os,
                end: oe,
                sentence: sentence_at(sentences, os),
            };
            let f = by_name.entry(name.clone()).or_insert_with(|| {
                order.push(name.clone());
                Facility {
                    name,
                    location: None,
                    kind: kind.clone(),
                    mentions: Vec::new(),
                }
            });
            if f.location.is_none() {
                f.location = location;
            }
            f.mentions.push(mention);
        }
        order
            .into_iter()
            .filter_map(|n| by_name.remove(&n))
            .collect()
    }

    /// Start of the run of capitalised words ending at `pos` (or `pos`).
    fn walk_left(&self, t: &str, pos: usize) -> usize {
        let mut start = pos;
        let mut at = pos;
        let mut words = 0;
        while at > 0 && t.as_bytes()[at - 1] == b' ' && words < MAX_WORDS {
            let wend = at - 1;
            let wstart = t[..wend].rfind([' ', '\n']).map_or(0, |i| i + 1);
            let tok = &t[wstart..wend];
            let cut = glue_cut(tok);
            let word = &tok[cut..];
            if word.is_empty() || !is_cap_word(word) || self.stops.contains(word) {
                break;
            }
            start = wstart + cut;
            at = wstart;
            words += 1;
            if cut > 0 {
                break;
            }
        }
        start
    }

    /// End of a run of up to `max` capitalised words starting after the
    /// space at `at`.
    fn cap_run_after(&self, t: &str, at: usize, max: usize) -> Option<usize> {
        let mut pos = at + 1;
        let mut end = None;
        for _ in 0..max {
            let Some(tok) = next_token(t, pos) else {
                break;
            };
            let (word, trail) = split_trailing(tok);
            let word = &word[..glue_end(word)];
            if word.is_empty() || !is_cap_word(word) || self.stops.contains(word) {
                break;
            }
            end = Some(pos + word.len());
            if trail > 0 || word.len() < tok.len() {
                break;
            }
            pos += tok.len() + 1;
        }
        end
    }

    /// The place written right after a name ending at `e`: `, Place`, or
    /// `, City, State`.
    fn location(&self, t: &str, e: usize) -> Option<(usize, usize)> {
        if !t[e..].starts_with(", ") {
            return None;
        }
        let first = self.cap_run_after(t, e + 1, 3)?;
        let mut end = first;
        if t[first..].starts_with(", ") {
            if let Some(second) = self.cap_run_after(t, first + 1, 2) {
                let after = t[second..].chars().next();
                if after.is_none_or(|c| ".;:)".contains(c) || c == ',') {
                    end = second;
                }
            }
        }
        Some((e + 2, end))
    }
}

impl Extractor for FacilityExtractor {
    fn extract(&self, doc: &Document, sentences: &[Span], facts: &mut Facts) {
        let taken: Vec<Span> = facts
            .agencies
            .iter()
            .flat_map(|a| a.mentions.iter().map(|m| Span::new(m.start, m.end)))
            .collect();
        facts
            .facilities
            .extend(self.find_in(&doc.text, doc.blocks, sentences, &taken));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Rng;

    fn ex() -> &'static FacilityExtractor {
        static EX: std::sync::OnceLock<FacilityExtractor> = std::sync::OnceLock::new();
        EX.get_or_init(|| FacilityExtractor::new(&Patterns::builtin()).unwrap())
    }

    fn find(t: &str) -> Vec<Facility> {
        ex().find(t, &[Span::new(0, t.len())], &[])
    }

    #[test]
    fn county_prison_with_location() {
        let t = "He is detained by ICE in Pike County Prison, Pennsylvania.He waits.";
        let f = find(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].name, "Pike County Prison");
        assert_eq!(f[0].location.as_deref(), Some("Pennsylvania"));
        assert_eq!(f[0].kind, "prison");
        let m = &f[0].mentions[0];
        assert_eq!(&t[m.start..m.end], "Pike County Prison");
    }

    #[test]
    fn kinds_and_longest_head() {
        let f = find(
            "From the Elizabeth Detention Center, Elizabeth, New Jersey, he went to the \
             Otisville Federal Correctional Institution and then to Rikers Island Jail.",
        );
        assert_eq!(f.len(), 3, "{f:#?}");
        assert_eq!(f[0].name, "Elizabeth Detention Center");
        assert_eq!(f[0].kind, "detention");
        assert_eq!(f[0].location.as_deref(), Some("Elizabeth, New Jersey"));
        assert_eq!(f[1].name, "Otisville Federal Correctional Institution");
        assert_eq!(f[1].kind, "prison");
        assert_eq!(f[2].name, "Rikers Island Jail");
        assert_eq!(f[2].kind, "jail");
    }

    #[test]
    fn camps_and_courthouses() {
        let f = find(
            "He was moved to the Manzanar Internment Camp. The hearing was at the Daley \
             Courthouse. He served at Camp Lejeune.",
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].name, "Manzanar Internment Camp");
        assert_eq!(f[0].kind, "camp");
        assert_eq!(f[1].name, "Daley Courthouse");
        assert_eq!(f[1].kind, "court");
    }

    #[test]
    fn generic_references_are_not_facilities() {
        let f = find(
            "He remains in the prison. The Prison is full. A detention center and the county jail. \
             In Jail he waited. The Camp was closed.",
        );
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn repeated_name_is_one_facility() {
        let f = find("Pike County Prison holds him. Pike County Prison refused visits.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].mentions.len(), 2);
        assert_eq!(f[0].location, None);
    }

    #[test]
    fn location_not_an_agency_or_person() {
        let t = "at Pike County Prison, Human Rights Watch said";
        let taken = [Span::new(23, 41)];
        let f = ex().find(t, &[], &taken);
        assert_eq!(f[0].location, None);
        let f = find("at Pike County Prison, Mr. Smith said");
        assert_eq!(f[0].location, None);
        let f = find("at Pike County Prison, where he is held");
        assert_eq!(f[0].location, None);
    }

    #[test]
    fn line_breaks_inside_names() {
        let t = "He has been held without any hearing since last year at Pike County\nPrison, Pennsylvania.";
        let f = find(t);
        assert_eq!(f[0].name, "Pike County Prison");
        assert_eq!(f[0].mentions[0].text, "Pike County\nPrison");
    }

    #[test]
    fn no_panic_on_random_text() {
        let pieces = [
            "Pike",
            "County",
            "Prison",
            "Jail",
            "Detention Center",
            ",",
            ", ",
            " ",
            "\n",
            "é",
            "\u{a0}",
            "Mr.",
            "Pennsylvania",
            ".",
            "the",
            "Camp",
            "Ü",
            "\t",
            "(",
        ];
        let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15_u64);
        for _ in 0..300 {
            let t = rng.text(&pieces, 30);
            for blocks in [false, true] {
                for f in ex().find_in(&t, blocks, &[], &[]) {
                    for m in &f.mentions {
                        assert_eq!(t.get(m.start..m.end), Some(m.text.as_str()));
                    }
                }
            }
        }
    }

    #[test]
    fn the_last_word_prefilter_loses_no_facility() {
        let pats: Vec<String> = Patterns::builtin()
            .rows(FILE)
            .map(|(_, c)| c[0].to_string())
            .collect();
        let mut all = FacilityExtractor::new(&Patterns::builtin()).unwrap();
        // a prefilter that lets every text through
        all.last_words = AhoCorasick::new([""]).unwrap();
        let mut pieces: Vec<String> = [
            "Pike",
            "County",
            "Mesa",
            "Verde",
            "the",
            ",",
            ", ",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "\u{a0}",
            "\u{2003}",
            "é",
            "Ü",
            "(",
            ".",
            "Pennsylvania",
        ]
        .map(String::from)
        .to_vec();
        // every head, whole and with each white space as a line break,
        // non-breaking space or double space
        for h in &pats {
            pieces.push(h.clone());
            pieces.push(h.replace(' ', "\n"));
            pieces.push(h.replace(' ', "\u{a0}"));
            pieces.push(h.replace(' ', "  "));
            pieces.push(h.to_lowercase());
        }
        let mut seed = 0x0f1e_2d3c_4b5a_6978_u64;
        let (mut found, mut skipped) = (0, 0);
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // heads are a few of many pieces
                let i = (seed % pieces.len() as u64) as usize;
                let i = if seed.is_multiple_of(3) { i } else { i % 19 };
                t.push_str(&pieces[i]);
            }
            skipped += !ex().last_words.is_match(&t) as usize;
            for blocks in [false, true] {
                let fast = ex().find_in(&t, blocks, &[], &[]);
                found += fast.len();
                assert_eq!(
                    format!("{fast:?}"),
                    format!("{:?}", all.find_in(&t, blocks, &[], &[])),
                    "{t:?}"
                );
            }
        }
        assert!(found > 300 && skipped > 300, "{found} {skipped}");
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "Prison",
            " Jail",
            "Camp ",
            "é Prison, ",
            "Camp \u{a0}É",
            "X Jail, ",
        ] {
            let _ = find(t);
        }
    }
}
