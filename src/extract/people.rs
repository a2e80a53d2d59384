//! people: named persons, with title, organisation, role and address.
//!
//! The stage runs last and reads `facts.agencies` to tell organisations
//! from people (an agency mention is never a person; the deciding court
//! becomes the organisation of its judges). It finds persons in six
//! places, most reliable first:
//!
//! 1. **Signature, cc and addressee blocks**: after a sign-off
//!    (`Sincerely,`, `Respectfully,`, `ENTER:`) or a copy marker (`cc:`,
//!    `Copy to:`); a name line directly over a title line, or a
//!    `Name, Title` line (a decision's signature; before `Dear …` it is the
//!    addressee). Flattened pages glue the block's lines together
//!    (`Holly CartnerExecutive DirectorHuman Rights Watch`): the block is
//!    cut at line breaks, tabs, lower→Upper case changes without a space,
//!    letter→digit and digit→Letter changes, acronym→word changes
//!    (`NWWashington`) and after `Jr.`-like words, never inside a glued
//!    surname prefix (`McCormick`, `DeHart`). Each piece is then an address,
//!    a title, an organisation, a name, contact details or other text; a
//!    block ends at the first piece that reads as prose or page chrome.
//!    Title lines after the first join with `, `; when several
//!    organisation lines follow a name, the last is the organisation and
//!    the earlier ones belong to the title.
//! 2. **Court captions and panels**: `Name, J.` / `Name, J.P.`, lists
//!    closed by `JJ.` (`Concur—A, J.P., B, C, JJ.`), `Before:` / `Present:`
//!    lists with their titles (`A, Chief Judge, and B, Circuit Judges`),
//!    counsel lines (`Firm (A and B of counsel), for appellant`) and party
//!    lines (`Name, Appellant.`).
//! 3. **Honorifics** in running text (`Mr. X`, `Imam X`, `Judge X`); a
//!    single surname is merged with the one full name that ends with it
//!    (`Mr. Yusupov` → `Bekhzod Yusupov`), else kept with its honorific.
//! 4. **Given name + surname** in running text, when the given name is in
//!    the census list (`first_names.txt`) and no word of the phrase is
//!    organisation, place, title or function vocabulary.
//! 5. **A person's context**: `brought by X`, `X said`, `X, who …`.
//! 6. **Bare surnames** of the persons found become their mentions.
//!
//! Every person keeps its mentions (byte offsets into `doc.text` and the
//! sentence index). Nothing is invented: names, titles, organisations and
//! addresses are substrings of the text, joined with `, ` where they span
//! several lines. Vocabulary lives in `titles.txt`, `people_words.tsv` and
//! `first_names.txt`; every rule looks back a bounded number of bytes, so
//! the stage stays linear in the text.
//!
//! Cost: the text's capitals are listed once (eight bytes at a time) and
//! serve the surname pass; one pass over them lists the capitalised words
//! (`cap_words`: where each pass starts a word, and the word's letters
//! and run, read once) for the honorific, given-name and context passes
//! (a name word is read from at most `MAX_NAME_TOKEN` bytes); context cues
//! are judged once per capitalised word, the cue found there is kept (the
//! before cues are compared again only at a word that has one), and list
//! delimiters are read only before a cued word (searched backwards,
//! vectorised); the commas are
//! listed once for the caption rules anchored at them, and the plural
//! judge suffixes are found by one automaton; signature blocks are cut
//! and classified as they are read, since most end at their first prose
//! piece.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::document::{sentence_at, Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::{Agency, AgencyKind, Facts, Mention, Person};

use super::{Extractor, WordHash};

/// A word list: built once from the pattern files and only looked up
/// afterwards, with rustc's FxHash instead of SipHash, which cost more
/// than the lookups themselves on short words. No untrusted input is ever
/// inserted, so hash flooding is not a concern.
type WordSet = HashSet<String, WordHash>;
type WordMap<V> = HashMap<String, V, WordHash>;

/// Shortest line (bytes) after which a line break may fall inside a name.
const MIN_WRAPPED_LINE: usize = 40;

const TITLES: &str = "titles.txt";
const WORDS: &str = "people_words.tsv";
const FIRST_NAMES: &str = "first_names.txt";

/// Longest run of text read as one signature block.
const MAX_BLOCK: usize = 4000;
/// Longest caption line read as a counsel statement.
const MAX_COUNSEL: usize = 600;
/// The longest token, in bytes, that `name_after` reads as a name word or
/// initials (the longest names are about half as long).
const MAX_NAME_TOKEN: usize = 64;

/// Finds named persons: signatories, cc recipients, judges, counsel,
/// parties and people named in the body.
#[derive(Debug)]
pub struct PeopleExtractor {
    /// Honorific → is it a courtesy (not reported as a title).
    honorifics: WordMap<bool>,
    /// The honorific pattern (`honorific_re` and `honorific_at_re` are
    /// built from it; the tests compare with it).
    #[cfg_attr(not(test), allow(dead_code))]
    honorific_pattern: String,
    /// The honorifics anywhere: built only when `honorific_grams` is
    /// `None` (else `honorific_matches` tries `honorific_at_re` at
    /// capitals instead).
    honorific_re: Option<Regex>,
    /// `honorific_re` at the start of the haystack only.
    honorific_at_re: Regex,
    /// How the honorifics open, when each opens with an ASCII capital:
    /// where `honorific_at_re` is worth trying (see `honorific_matches`).
    /// `None`: everywhere.
    honorific_grams: Option<Grams>,
    /// Lower-cased words that start a title line.
    title_first: WordSet,
    /// Lower-cased modifiers that start a title line without an
    /// organisation word.
    title_mod: WordSet,
    /// Lower-cased words that end a title line.
    title_head: WordSet,
    /// `title_first`, `title_mod` and `title_head` together: a word in it
    /// is never a name word (one lookup instead of three).
    title_any: WordSet,
    /// `stop`, `org` and the honorifics together, as written: a word in
    /// it is never a name word.
    not_name: WordSet,
    /// Cheap first tests of `not_name` and `title_any` membership (most
    /// name-shaped words are in neither).
    not_name_bloom: Bloom,
    title_any_bloom: Bloom,
    /// A cheap first test of `org` membership (see `is_org_word`).
    org_bloom: Bloom,
    judge_suffix: WordSet,
    judges_suffix: WordSet,
    panel_re: Regex,
    generation: WordSet,
    first_names: WordSet,
    /// A cheap first test of `first_names` membership.
    first_name_bloom: Bloom,
    org: WordSet,
    place: WordSet,
    stop: WordSet,
    particle_glued: WordSet,
    particle_lower: WordSet,
    party: WordSet,
    signoff_re: Regex,
    /// Words before a name that mark a person (lower-cased).
    before_cues: Vec<String>,
    /// Words after a name that mark a person.
    after_cues: Vec<String>,
    /// How the after cues may open (their first four bytes): a cheap test
    /// before they are compared (see `segment_cues`).
    after_grams: Grams,
    /// How the before cues and `by` (of a byline) may end, ASCII case
    /// ignored.
    before_grams: Grams,
    /// The before cues and `by`, lower-cased, each with the length and
    /// `before_grams` key of its last (up to four) bytes, compared first.
    before_keyed: Vec<(usize, u32, Vec<u8>)>,
    cc_re: Regex,
    /// `, J.`: anchored at a comma (see `comma_captures`).
    judge_re: Regex,
    /// How the judge suffixes open.
    judge_first: Openers,
    /// `,?[ \t]*` and a plural suffix (`JJ.`): the tests compare with it.
    #[cfg_attr(not(test), allow(dead_code))]
    judges_pattern: String,
    /// How `judges_starts` finds the plural suffixes.
    judges: JudgesSuffixes,
    /// `, for the appellant`: anchored (see `counsel_captures`).
    counsel_re: Regex,
    /// `, Appellant.`: anchored at a comma (see `comma_captures`).
    party_re: Regex,
    /// How the party words open, either case.
    party_first: Openers,
}

impl PeopleExtractor {
    /// Build from `titles.txt`, `people_words.tsv` and `first_names.txt`.
    pub fn new(p: &Patterns) -> Result<PeopleExtractor> {
        let mut honorifics = WordMap::default();
        let mut title_first = WordSet::default();
        let mut title_head = WordSet::default();
        let mut title_mod = WordSet::default();
        let mut judge_suffix = WordSet::default();
        let mut judges_suffix = WordSet::default();
        let mut generation = WordSet::default();
        for (line, cols) in p.rows(TITLES) {
            let [kind, entry] = cols[..] else {
                return Err(Patterns::error(TITLES, line, "expected KIND<TAB>ENTRY"));
            };
            let entry = entry.to_string();
            match kind {
                "courtesy" => {
                    honorifics.insert(entry, true);
                }
                "honorific" => {
                    honorifics.insert(entry, false);
                }
                "title" => {
                    title_first.insert(entry.to_lowercase());
                }
                "modifier" => {
                    title_mod.insert(entry.to_lowercase());
                }
                "head" => {
                    title_head.insert(entry.to_lowercase());
                }
                "judge" => {
                    judge_suffix.insert(entry);
                }
                "judges" => {
                    judges_suffix.insert(entry);
                }
                "generation" => {
                    generation.insert(entry);
                }
                _ => {
                    return Err(Patterns::error(
                        TITLES,
                        line,
                        format!("unknown kind {kind}"),
                    ))
                }
            }
        }
        let mut org = WordSet::default();
        let mut place = WordSet::default();
        let mut stop = WordSet::default();
        let mut particle_glued = WordSet::default();
        let mut particle_lower = WordSet::default();
        let mut party = WordSet::default();
        let mut signoffs = Vec::new();
        let mut before_cues = Vec::new();
        let mut after_cues = Vec::new();
        let mut ccs = Vec::new();
        for (line, cols) in p.rows(WORDS) {
            let [kind, entry] = cols[..] else {
                return Err(Patterns::error(WORDS, line, "expected KIND<TAB>ENTRY"));
            };
            let entry = entry.to_string();
            match kind {
                "org" => {
                    org.insert(entry);
                }
                "place" => {
                    place.insert(entry);
                }
                "stop" => {
                    stop.insert(entry);
                }
                "particle" if entry.starts_with(char::is_lowercase) => {
                    particle_lower.insert(entry);
                }
                "particle" => {
                    particle_glued.insert(entry);
                }
                "party" => {
                    party.insert(entry.to_lowercase());
                }
                "signoff" => signoffs.push(entry),
                "before" => before_cues.push(entry),
                // Columns are trimmed: a cue that starts with a word
                // follows the name after a space.
                "after" if entry.starts_with(char::is_alphabetic) => {
                    after_cues.push(format!(" {entry}"))
                }
                "after" => after_cues.push(entry),
                "cc" => ccs.push(entry),
                _ => return Err(Patterns::error(WORDS, line, format!("unknown kind {kind}"))),
            }
        }
        // Sized once (for at most one name per line): growing the table
        // rehashed its thousands of names several times.
        let lines = memchr::memchr_iter(b'\n', p.text(FIRST_NAMES).as_bytes()).count() + 1;
        let mut first_names = WordSet::with_capacity_and_hasher(lines, WordHash::default());
        first_names.extend(p.lines(FIRST_NAMES).map(|(_, l)| l.trim().to_string()));
        let first_name_bloom = Bloom::new(first_names.iter().map(String::as_bytes));

        let alt = |v: &mut Vec<String>| {
            v.sort_by_key(|s| std::cmp::Reverse(s.len()));
            v.iter()
                .map(|s| {
                    regex::escape(s)
                        .replace("\\ ", r"[ \t]+")
                        .replace(' ', r"[ \t]+")
                })
                .collect::<Vec<_>>()
                .join("|")
        };
        let mut hon: Vec<String> = honorifics.keys().cloned().collect();
        // Spaces after the honorific, or none after a dotted one
        // (`Mr.Justice`): checked where it is used.
        let hon = format!(r"(?-u:\b)(?:{})[ \t\u{{a0}}]*", alt(&mut hon));
        let honorific_at_re = Regex::new(&format!("^{hon}"))
            .map_err(|e| Patterns::error(TITLES, 0, e.to_string()))?;
        // A space inside an honorific matches spaces and tabs: each is
        // known up to its first space.
        let honorific_grams = honorifics
            .keys()
            .all(|h| h.starts_with(|c: char| c.is_ascii_uppercase()))
            .then(|| {
                Grams::new(
                    honorifics
                        .keys()
                        .map(|h| h.split(' ').next().unwrap_or("").as_bytes()),
                    false,
                    false,
                )
            });
        let honorific_re = match honorific_grams {
            Some(_) => None,
            None => Some(Regex::new(&hon).map_err(|e| Patterns::error(TITLES, 0, e.to_string()))?),
        };
        let signoff_re = Regex::new(&format!(r"(?-u:\b)(?:{})[ \t]*[,:]", alt(&mut signoffs)))
            .map_err(|e| Patterns::error(WORDS, 0, e.to_string()))?;
        // `cc:` may be glued to the previous word (`Unioncc:Jane`).
        let cc_re = Regex::new(&format!(r"(?:{})[ \t]*:", alt(&mut ccs)))
            .map_err(|e| Patterns::error(WORDS, 0, e.to_string()))?;
        let mut single: Vec<String> = judge_suffix.iter().cloned().collect();
        let judge_first = Openers::new(&single, false);
        let judge_re = Regex::new(&format!(r"^,[ \t]*({})", alt(&mut single)))
            .map_err(|e| Patterns::error(TITLES, 0, e.to_string()))?;
        let mut plural: Vec<String> = judges_suffix.iter().cloned().collect();
        let judges_pattern = format!(r",?[ \t]*(?:{})", alt(&mut plural));
        // The regex only where the automaton cannot stand for it (it is
        // never compiled with the built-in suffixes).
        let judges = if plural
            .iter()
            .all(|w| !w.is_empty() && !w.starts_with(',') && !w.contains([' ', '\t']))
        {
            JudgesSuffixes::Words(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&plural)
                    .map_err(|e| Patterns::error(TITLES, 0, e.to_string()))?,
            )
        } else {
            JudgesSuffixes::Regex(
                Regex::new(&judges_pattern)
                    .map_err(|e| Patterns::error(TITLES, 0, e.to_string()))?,
            )
        };
        // Only where the keyword opens a line or follows a space or a
        // full stop: `panel_opens`. A literal start lets the regex use a
        // prefilter.
        let panel_re = Regex::new(r"(?:Before|BEFORE|Present|PRESENT|Coram|CORAM)[ \t]*:[ \t\n]*")
            .map_err(|e| Patterns::error(TITLES, 0, e.to_string()))?;
        let mut parties: Vec<String> = party.iter().cloned().collect();
        let party_first = Openers::new(&parties, true);
        let parties = alt(&mut parties);
        let counsel_re = Regex::new(&format!(
            r"^(?i),?[ \t\n]+for[ \t\n]+(?:the[ \t\n]+)?({parties})(?-u:\b)"
        ))
        .map_err(|e| Patterns::error(WORDS, 0, e.to_string()))?;
        let party_re = Regex::new(&format!(r"^(?i),[ \t]*({parties})(?-u:\b)[.,]?"))
            .map_err(|e| Patterns::error(WORDS, 0, e.to_string()))?;
        let title_any: WordSet = title_first
            .iter()
            .chain(&title_mod)
            .chain(&title_head)
            .cloned()
            .collect();
        let not_name: WordSet = stop
            .iter()
            .chain(&org)
            .chain(honorifics.keys())
            .cloned()
            .collect();
        let not_name_bloom = Bloom::new(not_name.iter().map(String::as_bytes));
        let title_any_bloom = Bloom::new(title_any.iter().map(String::as_bytes));
        let org_bloom = Bloom::new(org.iter().map(String::as_bytes));
        let before_cues: Vec<String> = before_cues.iter().map(|c| c.to_lowercase()).collect();
        let after_grams = Grams::new(after_cues.iter().map(String::as_bytes), false, false);
        let before_grams = Grams::new(
            before_cues.iter().map(String::as_bytes).chain([&b"by"[..]]),
            true,
            true,
        );
        let before_keyed = before_cues
            .iter()
            .map(String::as_bytes)
            .chain([&b"by"[..]])
            .map(|c| {
                (
                    c.len().min(4),
                    before_grams.end_key(c),
                    c.to_ascii_lowercase(),
                )
            })
            .collect();
        Ok(PeopleExtractor {
            after_grams,
            before_grams,
            before_keyed,
            title_any,
            not_name,
            not_name_bloom,
            title_any_bloom,
            org_bloom,
            honorifics,
            honorific_pattern: hon,
            honorific_re,
            honorific_at_re,
            honorific_grams,
            title_first,
            title_mod,
            title_head,
            judge_suffix,
            judges_suffix,
            panel_re,
            generation,
            first_names,
            first_name_bloom,
            org,
            place,
            stop,
            particle_glued,
            particle_lower,
            party,
            signoff_re,
            before_cues,
            after_cues,
            cc_re,
            judge_re,
            judge_first,
            judges_pattern,
            judges,
            counsel_re,
            party_re,
            party_first,
        })
    }
}

impl Extractor for PeopleExtractor {
    fn extract(&self, doc: &Document, sentences: &[Span], facts: &mut Facts) {
        let text = doc.text.as_str();
        let ctx = Ctx::new(text, &facts.agencies);
        let mut found = Found::default();
        self.signature_blocks(&ctx, &mut found);
        self.signature_lines(&ctx, &mut found);
        self.judges(&ctx, &mut found);
        self.panels(&ctx, &mut found);
        self.counsel(&ctx, &mut found);
        self.parties(&ctx, &mut found);
        self.honorific_names(&ctx, &mut found);
        self.given_names(&ctx, &mut found);
        self.context_names(&ctx, &mut found);
        found.merge_surnames();
        self.surname_mentions(&ctx, &mut found);
        facts.people.extend(found.finish(text, sentences));
    }
}

/// The text and what earlier stages found in it.
struct Ctx<'t> {
    text: &'t str,
    /// Agency mention spans, sorted.
    agency_spans: Vec<Span>,
    /// Normalised names and aliases of agencies, built on first use
    /// (many documents never ask).
    agency_names: std::cell::OnceCell<WordSet>,
    agencies: &'t [Agency],
    /// Where upper-case letters start (see `capitals`), found on first use.
    caps: std::cell::OnceCell<Vec<usize>>,
    /// The capitalised words (see `cap_words`), found on first use.
    words: std::cell::OnceCell<Vec<CapWord>>,
    /// Where the commas are, found on first use.
    commas: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> Ctx<'t> {
    #[inline(never)]
    fn new(text: &'t str, agencies: &'t [Agency]) -> Ctx<'t> {
        let mut agency_spans: Vec<Span> = agencies
            .iter()
            .flat_map(|a| a.mentions.iter())
            .filter(|m| m.start <= m.end && m.end <= text.len())
            .map(|m| Span::new(m.start, m.end))
            .collect();
        agency_spans.sort();
        Ctx {
            text,
            agency_spans,
            agency_names: std::cell::OnceCell::new(),
            agencies,
            caps: std::cell::OnceCell::new(),
            words: std::cell::OnceCell::new(),
            commas: std::cell::OnceCell::new(),
        }
    }

    /// Where upper-case letters start in the text.
    fn caps(&self) -> &[usize] {
        self.caps.get_or_init(|| capitals(self.text))
    }

    /// The capitalised words of the text: the one list the honorific,
    /// given-name and context passes walk.
    fn words(&self) -> &[CapWord] {
        self.words.get_or_init(|| cap_words(self.text, self.caps()))
    }

    /// Where the commas are in the text.
    fn commas(&self) -> &[usize] {
        self.commas.get_or_init(|| commas(self.text))
    }

    /// Whether `s` overlaps an agency mention.
    fn in_agency(&self, s: Span) -> bool {
        let i = self.agency_spans.partition_point(|a| a.end <= s.start);
        self.agency_spans
            .get(i)
            .is_some_and(|a| a.start < s.end && s.start < a.end)
    }

    /// Whether the phrase is an agency's name.
    fn is_agency_name(&self, s: &str) -> bool {
        if self.agencies.is_empty() {
            return false;
        }
        let names = self.agency_names.get_or_init(|| {
            let n: usize = self.agencies.iter().map(|a| 2 + a.mentions.len()).sum();
            let mut names = WordSet::with_capacity_and_hasher(n, WordHash::default());
            // Mentions repeat their text (often the name): each text is
            // keyed once.
            let mut seen: HashSet<&str, WordHash> =
                HashSet::with_capacity_and_hasher(n, WordHash::default());
            for a in self.agencies {
                names.insert(key(&a.name));
                names.extend(a.aliases.iter().map(|s| key(s)));
                names.extend(a.abbreviation.iter().map(|s| key(s)));
                for m in &a.mentions {
                    if m.text != a.name && seen.insert(m.text.as_str()) {
                        names.insert(key(&m.text));
                    }
                }
            }
            names
        });
        with_key(s, |k| names.contains(k))
    }

    /// The agency mention that ends right before byte `at` (spaces
    /// between allowed).
    fn agency_ending_at(&self, at: usize) -> Option<&'t Agency> {
        let before = self.text.get(..at)?.trim_end();
        let end = before.len();
        self.agencies
            .iter()
            .find(|a| a.mentions.iter().any(|m| m.end == end))
    }

    /// The deciding court: the first court named in the text.
    fn court(&self, exclude: &HashSet<String>) -> Option<String> {
        self.agencies
            .iter()
            .filter(|a| a.kind == AgencyKind::Court && !exclude.contains(&a.name))
            .min_by_key(|a| {
                a.mentions
                    .iter()
                    .map(|m| m.start)
                    .min()
                    .unwrap_or(usize::MAX)
            })
            .map(|a| a.name.clone())
    }
}

/// Lower-case letters and digits only: the key persons are merged by.
fn key(s: &str) -> String {
    if s.is_ascii() {
        let mut k = String::with_capacity(s.len());
        for b in s.bytes().filter(u8::is_ascii_alphanumeric) {
            k.push(char::from(b.to_ascii_lowercase()));
        }
        return k;
    }
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `f(&key(s))`, without allocating for short ASCII phrases.
fn with_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    if s.is_ascii() && s.len() <= buf.len() {
        let mut n = 0;
        for c in s.bytes().filter(u8::is_ascii_alphanumeric) {
            buf[n] = c.to_ascii_lowercase();
            n += 1;
        }
        if let Ok(k) = std::str::from_utf8(&buf[..n]) {
            return f(k);
        }
    }
    f(&key(s))
}

/// A person being assembled.
#[derive(Clone, Debug, Default)]
struct Cand {
    name: String,
    title: Option<String>,
    organization: Option<String>,
    role: Option<String>,
    address: Option<String>,
    spans: Vec<Span>,
    /// A single surname (possibly after an honorific), to be merged into
    /// a full name that ends with it.
    surname: Option<String>,
}

fn push_joined(field: &mut Option<String>, piece: &str) {
    match field {
        Some(f) => {
            f.push_str(", ");
            f.push_str(piece);
        }
        None => *field = Some(piece.to_string()),
    }
}

/// The persons found so far, merged by name.
#[derive(Default)]
struct Found {
    list: Vec<Cand>,
    /// Name key → index into `list`.
    index: WordMap<usize>,
    /// Every mention span, start → end, for overlap tests.
    spans: std::collections::BTreeMap<usize, usize>,
}

impl Found {
    fn add(&mut self, c: Cand) {
        let k = key(&c.name);
        if k.is_empty() {
            return;
        }
        for s in &c.spans {
            let e = self.spans.entry(s.start).or_insert(s.end);
            *e = (*e).max(s.end);
        }
        match self.index.get(&k) {
            Some(&i) => self.list[i].absorb(c),
            None => {
                self.index.insert(k, self.list.len());
                self.list.push(c);
            }
        }
    }

    /// Whether `s` overlaps a mention already found.
    fn overlaps(&self, s: Span) -> bool {
        // Mentions are short: one starting within 200 bytes before `s`
        // is the only kind that can reach into it.
        self.spans
            .range(s.start.saturating_sub(200)..s.end)
            .any(|(&start, &end)| start < s.end && s.start < end)
    }

    /// Merge single surnames into the one full name ending with them.
    fn merge_surnames(&mut self) {
        if self.list.iter().all(|c| c.surname.is_none()) {
            return;
        }
        let mut full: WordMap<Vec<usize>> = WordMap::default();
        for (j, c) in self.list.iter().enumerate() {
            if c.surname.is_none() {
                full.entry(last_name_key(&c.name)).or_default().push(j);
            }
        }
        let moves: Vec<(usize, usize)> = self
            .list
            .iter()
            .enumerate()
            .filter_map(
                |(i, c)| match full.get(&key(c.surname.as_ref()?))?.as_slice() {
                    [j] => Some((i, *j)),
                    _ => None,
                },
            )
            .collect();
        if moves.is_empty() {
            return;
        }
        let mut gone = vec![false; self.list.len()];
        for (i, j) in moves {
            let c = std::mem::take(&mut self.list[i]);
            self.list[j].absorb_fields(c);
            gone[i] = true;
        }
        let mut keep = gone.iter().map(|g| !g);
        self.list.retain(|_| keep.next().unwrap_or(true));
        self.index = self
            .list
            .iter()
            .enumerate()
            .map(|(i, c)| (key(&c.name), i))
            .collect();
    }

    #[inline(never)]
    fn finish(self, text: &str, sentences: &[Span]) -> Vec<Person> {
        let mut out: Vec<(usize, Person)> = self
            .list
            .into_iter()
            .map(|mut c| {
                c.spans.sort();
                c.spans.dedup();
                let first = c.spans.first().map_or(usize::MAX, |s| s.start);
                let mentions = c
                    .spans
                    .iter()
                    .filter_map(|s| {
                        Some(Mention {
                            text: text.get(s.start..s.end)?.to_string(),
                            start: s.start,
                            end: s.end,
                            sentence: sentence_at(sentences, s.start),
                        })
                    })
                    .collect();
                let p = Person {
                    // A name wrapped across lines is one name.
                    name: c.name.split_whitespace().collect::<Vec<_>>().join(" "),
                    title: c.title,
                    organization: c.organization,
                    role: c.role,
                    address: c.address,
                    mentions,
                };
                (first, p)
            })
            .collect();
        out.sort_by_key(|(f, _)| *f);
        out.into_iter().map(|(_, p)| p).collect()
    }
}

impl Cand {
    fn absorb(&mut self, c: Cand) {
        if self.surname.is_some() && c.surname.is_none() {
            self.surname = None;
        }
        self.absorb_fields(c);
    }

    fn absorb_fields(&mut self, c: Cand) {
        self.title = self.title.take().or(c.title);
        self.organization = self.organization.take().or(c.organization);
        self.role = self.role.take().or(c.role);
        self.address = self.address.take().or(c.address);
        self.spans.extend(c.spans);
    }
}

/// Key of the last name word, skipping generation suffixes and initials.
fn last_name_key(name: &str) -> String {
    name.split([' ', ','])
        .filter(|w| !w.is_empty())
        .rev()
        .map(key)
        .find(|k| {
            k.chars().count() > 1
                && !matches!(k.as_str(), "jr" | "sr" | "ii" | "iii" | "iv" | "esq")
        })
        .unwrap_or_default()
}

/// What a piece of a signature block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Cc,
    Address,
    Title,
    Org,
    Name,
    Contact,
    Prose,
    Other,
}

/// A classified piece of a signature block.
struct Piece {
    span: Span,
    kind: Kind,
    /// The position an honorific before the name stands for (`Judge`).
    honorific: Option<String>,
    /// Whether the name came after an honorific (courtesy ones included).
    had_honorific: bool,
}

/// Is `c` a letter that can start or continue a capitalised word?
fn is_upper(c: char) -> bool {
    c.is_uppercase()
}

fn is_lower(c: char) -> bool {
    c.is_lowercase()
}

/// Whether a (trimmed) block piece is contact details: an e-mail, a
/// web address, a phone number (seven digits or more and at most three
/// letters) or a labelled line (`Tel`, `Email` …). The bytes are read
/// once for the digits, `@`, `http` and `www.`.
fn is_contact(t: &str) -> bool {
    let b = t.as_bytes();
    let mut digits = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c == b'@'
            || (c == b'h' && b[i + 1..].starts_with(b"ttp"))
            || (c == b'w' && b[i + 1..].starts_with(b"ww."))
        {
            return true;
        }
    }
    (digits >= 7 && t.chars().filter(|c| c.is_alphabetic()).nth(3).is_none())
        || ["Tel", "Phone", "Fax", "Email", "E-mail", "Mobile"]
            .iter()
            .any(|p| t.starts_with(p))
}

/// Trim spaces and the punctuation that glues list items.
/// Markdown emphasis (`**Jane Roe**`, `_Director_`) and an electronic
/// signature mark (`/s/ Jane Roe`) are trimmed too.
fn trim_piece(text: &str, s: Span) -> Span {
    let junk = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '•' | '·' | '*' | '_');
    let t = &text[s.start..s.end];
    let mut lead = t.len() - t.trim_start_matches(junk).len();
    if let Some(rest) = t[lead..].strip_prefix("/s/") {
        lead = t.len() - rest.trim_start_matches(junk).len();
    }
    let t2 = &t[lead..];
    let tail = t2.trim_end_matches(junk);
    Span::new(s.start + lead, s.start + lead + tail.len())
}

/// The pieces of a block (see `PeopleExtractor::pieces`): the text
/// between cuts, trimmed, empty ones skipped. Cuts come in text order.
struct Pieces<'a> {
    ex: &'a PeopleExtractor,
    text: &'a str,
    /// Where the block ends, and starts.
    end: usize,
    base: usize,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    /// Index of the next character.
    i: usize,
    /// The three characters before it, nearest first (`\0` before the start).
    prev: [char; 3],
    /// Index and byte of the current word's first character.
    word_start: usize,
    word_start_at: usize,
    last_cut: usize,
    /// A cut still to make (after a line break).
    pending: Option<usize>,
    done: bool,
}

impl Pieces<'_> {
    /// Cut at `at`: the piece since the last cut, unless empty.
    fn cut(&mut self, at: usize) -> Option<Span> {
        if at <= self.last_cut {
            return None;
        }
        let p = trim_piece(self.text, Span::new(self.last_cut, at));
        self.last_cut = at;
        (p.start < p.end).then_some(p)
    }
}

impl Iterator for Pieces<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        if let Some(at) = self.pending.take() {
            if let Some(p) = self.cut(at) {
                return Some(p);
            }
        }
        while let Some((off, c)) = self.chars.next() {
            let i = self.i;
            let at = self.base + off;
            let [prev, prev2, prev3] = self.prev;
            self.i += 1;
            self.prev = [c, prev, prev2];
            if c == '\n' || c == '\t' || c == '\r' {
                self.word_start = i + 1;
                self.word_start_at = at + c.len_utf8();
                self.pending = Some(at + c.len_utf8());
                if let Some(p) = self.cut(at) {
                    return Some(p);
                }
                if let Some(p) = self.pending.take().and_then(|x| self.cut(x)) {
                    return Some(p);
                }
                continue;
            }
            if c.is_whitespace() {
                self.word_start = i + 1;
                self.word_start_at = at + c.len_utf8();
                continue;
            }
            if i == 0 {
                continue;
            }
            let next = self.chars.peek().map(|x| x.1);
            let cut = if is_lower(prev) && is_upper(c) {
                // Not inside a glued surname prefix: `McCormick`, `DeHart`.
                !self
                    .ex
                    .particle_glued
                    .contains(&self.text[self.word_start_at..at])
            } else if prev.is_alphabetic() && c.is_ascii_digit() {
                true
            } else if prev.is_ascii_digit() && is_upper(c) {
                next.is_some_and(is_lower)
            } else if is_upper(prev) && is_upper(c) && next.is_some_and(is_lower) {
                // `NWWashington`, `HYLANDVeterans`: two capitals or more before.
                i >= 2 && is_upper(prev2) && i - 2 >= self.word_start
            } else if prev == '.' && is_upper(c) && next.is_some_and(is_lower) {
                // `Jr.District`, `Inc.John`, but not `U.S.Department`.
                i >= 3 && is_lower(prev2) && prev3.is_alphabetic()
            } else {
                prev == ':' && c.is_alphabetic()
            };
            if cut {
                self.word_start = i;
                self.word_start_at = at;
                if let Some(p) = self.cut(at) {
                    return Some(p);
                }
            }
        }
        if self.done {
            return None;
        }
        self.done = true;
        let end = self.end;
        self.cut(end)
    }
}

impl PeopleExtractor {
    // ----- words -----------------------------------------------------

    /// A capitalised word that may be part of a name: `Holly`, `DeHart`,
    /// `O’Brien`, `Guttentag-Smith`, `HYLAND`.
    fn is_name_word(&self, w: &str) -> bool {
        let shape = if w.is_ascii() {
            self.ascii_name_shape(w)
        } else {
            self.name_shape(w)
        };
        shape
            && !(self.not_name_bloom.may_hold(w.as_bytes()) && self.not_name.contains(w))
            && !(self.title_any_bloom.may_hold_lowercase(w)
                && with_lowercase(w, |lower| self.title_any.contains(lower)))
    }

    /// Whether `w` is shaped like a name word: a capital, then letters,
    /// hyphens and apostrophes only, at least two characters, not ending
    /// in `-` or an apostrophe.
    fn name_shape(&self, w: &str) -> bool {
        // One pass over the characters.
        let mut chars = w.char_indices();
        let Some((_, c0)) = chars.next() else {
            return false;
        };
        if !is_upper(c0) {
            return false;
        }
        let mut prev = c0;
        let mut count = 1;
        for (i, c) in chars {
            if !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’')) {
                return false;
            }
            // Every part of a hyphenated name is capitalised (`Jo-Wilfried`).
            if prev == '-' && !is_upper(c) {
                return false;
            }
            // A capital after a small letter only after a surname prefix
            // (`McCormick`, `DeHart`); otherwise two words glued together.
            if is_lower(prev) && is_upper(c) && !self.particle_glued.contains(&w[..i]) {
                return false;
            }
            prev = c;
            count += 1;
        }
        count >= 2 && !matches!(prev, '-' | '\'' | '’')
    }

    /// `name_shape` of an ASCII word, byte by byte.
    fn ascii_name_shape(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let Some(&c0) = b.first() else {
            return false;
        };
        if !c0.is_ascii_uppercase() {
            return false;
        }
        let mut prev = c0;
        for (i, &c) in b.iter().enumerate().skip(1) {
            if !(c.is_ascii_alphabetic() || c == b'-' || c == b'\'') {
                return false;
            }
            if prev == b'-' && !c.is_ascii_uppercase() {
                return false;
            }
            if prev.is_ascii_lowercase()
                && c.is_ascii_uppercase()
                && !self.particle_glued.contains(&w[..i])
            {
                return false;
            }
            prev = c;
        }
        b.len() >= 2 && !matches!(prev, b'-' | b'\'')
    }

    /// An initial: `P.` (also `J.K.`).
    fn is_initial(w: &str) -> bool {
        let b = w.as_bytes();
        !b.is_empty()
            && b.len() <= 6
            && b.chunks(2)
                .all(|c| c.len() == 2 && c[0].is_ascii_uppercase() && c[1] == b'.')
    }

    /// Whether `s` reads as a person's name: 1–4 name words (at least
    /// `min_words`), initials and lower-case particles between them, a
    /// generation suffix at the end, no place phrase.
    fn is_name(&self, s: &str, min_words: usize) -> bool {
        let s = s.trim();
        // The first word is a name word or an initial: a capital.
        if s.len() > 80 || !s.starts_with(is_upper) {
            return false;
        }
        // More than eight tokens are more than six without a suffix.
        let mut buf: [&str; 8] = [""; 8];
        let mut n = 0;
        for t in s.split_whitespace().flat_map(glued_initials) {
            let Some(slot) = buf.get_mut(n) else {
                return false;
            };
            *slot = t;
            n += 1;
        }
        let mut toks = &mut buf[..n];
        // `Bragg, Jr.` / `Smith Jr.`
        if let Some(last) = toks.last() {
            if self.generation.contains(*last) && toks.len() > 1 {
                let k = toks.len() - 1;
                toks = &mut toks[..k];
            }
        }
        if let Some(last) = toks.last_mut() {
            *last = last.trim_end_matches(',');
        }
        if toks.is_empty() || toks.len() > 6 {
            return false;
        }
        // Whether each token is a name word, judged once.
        let mut name_word = [false; 6];
        let mut words = 0;
        for (i, t) in toks.iter().enumerate() {
            if self.is_name_word(t) {
                name_word[i] = true;
                words += 1;
            } else if Self::is_initial(t) {
                if i + 1 == toks.len() {
                    return false;
                }
            } else if self.particle_lower.contains(*t) && i > 0 && i + 1 < toks.len() {
            } else {
                return false;
            }
        }
        if words < min_words.max(1) || words > 4 {
            return false;
        }
        // A two-word phrase may be a place (`New York`, `Queens County`).
        let first = toks[0];
        let last = toks[toks.len() - 1];
        if self.place.contains(first) || self.place.contains(last) {
            return false;
        }
        // All-caps names need an initial or a single word (`M. HYLAND`,
        // `WEBBER`): an all-caps pair is more often a heading.
        let all_caps = |i: usize| name_word[i] && toks[i].chars().all(|c| !is_lower(c));
        let caps = (0..toks.len()).filter(|&i| all_caps(i)).count();
        if caps > 1 && caps == words {
            return false;
        }
        // A short all-caps word among mixed-case ones is an acronym
        // (`Hertha BSC`, `Cleveland ISD`).
        if caps > 0
            && caps < words
            && (0..toks.len()).any(|i| all_caps(i) && toks[i].chars().count() <= 4)
        {
            return false;
        }
        true
    }

    /// Tokens of a phrase, with trailing punctuation stripped.
    fn first_word(s: &str) -> &str {
        s.split_whitespace().next().unwrap_or("")
    }

    fn last_word(s: &str) -> &str {
        s.split_whitespace()
            .last()
            .unwrap_or("")
            .trim_end_matches([',', '.', ';', ':'])
    }

    fn is_title(&self, s: &str) -> bool {
        let first = Self::first_word(s).trim_end_matches(',');
        if !first.starts_with(is_upper) {
            return false;
        }
        let is_org_word = |w: &str| self.is_org_word(w.trim_matches([',', ';', '(', ')']));
        // The title sets are all in `title_any`: its bloom rules most
        // words out before they are lower-cased.
        let title_word = |w: &str| self.title_any_bloom.may_hold_lowercase(w);
        let (first_title, first_mod) = if title_word(first) {
            with_lowercase(first, |lower| {
                (
                    self.title_first.contains(lower),
                    self.title_mod.contains(lower),
                )
            })
        } else {
            (false, false)
        };
        if first_title {
            return true;
        }
        if first_mod && !s.split_whitespace().any(is_org_word) {
            return true;
        }
        // `Veterans Law Judge`, `Associate Justice`, but not
        // `U.S. Department of Justice`.
        let last = Self::last_word(s);
        // The last word, or it without a plural `s`, may be a head (the
        // bloom lets every non-ASCII word by, and an ASCII word's lower
        // case ends with `s` when it ends with `s` or `S`).
        let may_head = title_word(last) || last.strip_suffix(['s', 'S']).is_some_and(title_word);
        let head = may_head
            && with_lowercase(last, |last| {
                self.title_head.contains(last)
                    || last
                        .strip_suffix('s')
                        .is_some_and(|l| self.title_head.contains(l))
            });
        if !head {
            return false;
        }
        let words = s.split_whitespace().count();
        words <= 8
            && !s
                .split_whitespace()
                .take(words.saturating_sub(1))
                .any(is_org_word)
    }

    /// Whether `w` is an organisation word, as written.
    fn is_org_word(&self, w: &str) -> bool {
        self.org_bloom.may_hold(w.as_bytes()) && self.org.contains(w)
    }

    fn is_org(&self, ctx: &Ctx, s: &str) -> bool {
        has_bytes(s, " & ")
            || s.split_whitespace().any(|w| {
                let w = w.trim_matches([',', ';', '(', ')']);
                let tc = title_case(w);
                self.is_org_word(w)
                    // A borrowed `tc` is `w`, looked up already.
                    || (matches!(tc, std::borrow::Cow::Owned(_)) && self.is_org_word(tc.as_ref()))
                    || tc.strip_suffix('s').is_some_and(|x| self.is_org_word(x))
            })
            || ctx.is_agency_name(s)
    }

    fn is_address(s: &str) -> bool {
        let t = s.trim();
        let Some(c0) = t.chars().next() else {
            return false;
        };
        let has_alpha = t.chars().any(char::is_alphabetic);
        // `2201 C Street NW`, `1630 Connecticut Ave.`
        if c0.is_ascii_digit() && has_alpha {
            let words = t.split_whitespace().count();
            return (2..=8).contains(&words);
        }
        if t.starts_with("P.O.") || t.starts_with("PO Box") || t.starts_with("Suite ") {
            return true;
        }
        // `Washington, DC 20520`, `New York, NY 10118-3299`, `Washington, D.C.`
        if let Some((city, rest)) = rfind_comma_space(t).map(|i| (&t[..i], &t[i + 2..])) {
            let city_ok = city.split_whitespace().nth(4).is_none()
                && city.starts_with(is_upper)
                && !city.chars().any(|c| c.is_ascii_digit());
            let rest = rest.trim();
            let mut parts = rest.split_whitespace();
            let state = parts.next().unwrap_or("");
            let zip = parts.next();
            // Two capitals once the full stops are dropped (`DC`, `D.C.`).
            let state_ok = {
                let mut letters = state.bytes().filter(|c| *c != b'.');
                letters.next().is_some_and(|c| c.is_ascii_uppercase())
                    && letters.next().is_some_and(|c| c.is_ascii_uppercase())
                    && letters.next().is_none()
            };
            let zip_ok = zip
                .is_none_or(|z| z.len() >= 5 && z.chars().all(|c| c.is_ascii_digit() || c == '-'))
                && parts.next().is_none();
            if city_ok && state_ok && zip_ok {
                return true;
            }
        }
        false
    }

    fn is_prose(s: &str) -> bool {
        let mut words = 0;
        let mut lower = 0;
        for w in s.split_whitespace() {
            words += 1;
            if w.starts_with(is_lower)
                && !matches!(w, "of" | "and" | "for" | "the" | "on" | "in" | "to" | "&")
            {
                lower += 1;
            }
            // Prose for sure: the rest of a long line need not be read.
            if words >= 14 || lower >= 3 {
                return true;
            }
        }
        lower >= 2 && s.trim_end().ends_with(['.', '!', '?'])
    }

    fn classify(&self, ctx: &Ctx, s: &str) -> Kind {
        let t = s.trim();
        if t.is_empty() {
            return Kind::Other;
        }
        if is_contact(t) {
            return Kind::Contact;
        }
        if Self::is_address(t) {
            return Kind::Address;
        }
        if Self::is_prose(t) {
            return Kind::Prose;
        }
        if self.is_title(t) {
            return Kind::Title;
        }
        if self.is_org(ctx, t) {
            return Kind::Org;
        }
        if self.is_name(t, 1) && t.split_whitespace().nth(1).is_some() {
            return Kind::Name;
        }
        Kind::Other
    }

    // ----- splitting glued blocks ------------------------------------

    /// Cut `span` of `text` into pieces: at line breaks and tabs, and at
    /// the glue points of flattened text. The pieces are cut as they are
    /// read (a block mostly ends at its first prose piece).
    fn pieces<'a>(&'a self, text: &'a str, span: Span) -> Pieces<'a> {
        let seg = span.slice(text);
        Pieces {
            ex: self,
            text,
            end: span.end,
            base: span.start,
            chars: seg.char_indices().peekable(),
            i: 0,
            prev: ['\0'; 3],
            word_start: 0,
            word_start_at: span.start,
            last_cut: span.start,
            pending: None,
            done: false,
        }
    }

    /// `Jane Roe, Director`: a name and what follows on its line become
    /// two pieces (addresses keep their commas): the piece, and the rest
    /// after the name when it is cut.
    fn split_name_comma(&self, text: &str, p: Span) -> (Span, Option<Span>) {
        let s = p.slice(text);
        let cut = find_comma_space(s).filter(|&i| {
            let rest = s[i + 2..].trim();
            !Self::is_address(s)
                && (self.is_name(&s[..i], 2)
                    || self
                        .honorific_name(text, Span::new(p.start, p.start + i))
                        .is_some())
                && !self
                    .generation
                    .contains(Self::first_word(rest).trim_end_matches(','))
        });
        match cut {
            Some(i) => (
                Span::new(p.start, p.start + i),
                Some(trim_piece(text, Span::new(p.start + i + 1, p.end))),
            ),
            None => (p, None),
        }
    }

    /// A line that is a name after an optional `The` and honorific
    /// (`The Honorable Jane Roe`, `Dr. Jane Roe`): the name's span and the
    /// honorific when it is a position.
    fn honorific_name(&self, text: &str, p: Span) -> Option<(Span, Option<String>)> {
        let s = p.slice(text);
        let mut at = s.len() - s.strip_prefix("The ").unwrap_or(s).len();
        let mut title = None;
        let mut any = false;
        // `Hon'ble Mr. Justice X`: several honorifics in a row.
        for _ in 0..4 {
            if !self.may_open_honorific(&s.as_bytes()[at..]) {
                break;
            }
            let Some(m) = self.honorific_at_re.find(&s[at..]) else {
                break;
            };
            let hon = s[at..at + m.end()].trim_end();
            if !glue_ok(hon, m.as_str()) {
                break;
            }
            if !self.honorifics.get(hon).copied().unwrap_or(false) {
                title = Some(hon.to_string());
            }
            any = true;
            at += m.end();
        }
        let name = Span::new(p.start + at, p.end);
        (any && self.is_name(name.slice(text), 2)).then_some((name, title))
    }

    /// `Before: A, Chief Judge, and B and C, Circuit Judges.`,
    /// `Present: A, J.P., B, C, JJ.`: the judges of a panel.
    #[inline(never)]
    fn panels(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        let court = ctx.court(&HashSet::new());
        let mut last_end = 0;
        for m in self.panel_re.find_iter(text) {
            if !panel_opens(text, m.start(), last_end) {
                continue;
            }
            last_end = m.end();
            let start = m.end();
            let lim = floor_char(text, text.len().min(start + 400));
            let seg = &text[start..lim];
            // The list ends at its line's end or at a full stop after a
            // small letter (`Circuit Judges.`).
            let mut end = seg.find('\n').unwrap_or(seg.len());
            let sb = seg.as_bytes();
            if let Some(i) = (1..end).find(|&i| {
                sb[i] == b'.'
                    && sb[i - 1].is_ascii_lowercase()
                    && sb.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
            }) {
                end = i;
            }
            let list = Span::new(start, start + end);
            let mut pending: Vec<Cand> = Vec::new();
            let mut done: Vec<Cand> = Vec::new();
            for (sp, _) in self.items(text, list) {
                let t = sp.slice(text).trim_end_matches('.');
                let t_dot = sp.slice(text);
                let plural =
                    self.judges_suffix_contains(t_dot) || (self.is_title(t) && t.ends_with('s'));
                if self.judge_suffix.contains(t_dot)
                    || self.judges_suffix_contains(t_dot)
                    || self.is_title(t)
                {
                    let title = if self.judges_suffix_contains(t_dot) {
                        None
                    } else if plural {
                        Some(t.trim_end_matches('s').to_string())
                    } else if self.judge_suffix.contains(t_dot) {
                        Some(t_dot.to_string())
                    } else {
                        Some(t.to_string())
                    };
                    let n = if plural {
                        pending.len()
                    } else {
                        pending.len().min(1)
                    };
                    let split = pending.len() - n;
                    done.extend(pending.drain(..split));
                    for mut c in pending.drain(..) {
                        c.title = c.title.or(title.clone());
                        done.push(c);
                    }
                    continue;
                }
                let (name, title) = match self.honorific_name(text, sp) {
                    Some((n, t)) => (n, t),
                    None if self.is_name(sp.slice(text), 1) => (sp, None),
                    None => break,
                };
                pending.push(Cand {
                    name: name.slice(text).to_string(),
                    title,
                    organization: court.clone(),
                    role: Some("judge".into()),
                    spans: vec![name],
                    surname: single_word(name.slice(text)),
                    ..Cand::default()
                });
            }
            done.extend(pending);
            for c in done {
                if !ctx.in_agency(c.spans[0]) {
                    found.add(c);
                }
            }
        }
    }

    fn judges_suffix_contains(&self, s: &str) -> bool {
        self.judges_suffix.contains(s)
    }

    // ----- 1. signature and cc blocks --------------------------------

    #[inline(never)]
    fn signature_blocks(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        let mut markers: Vec<(usize, usize, &'static str)> = Vec::new();
        for m in self.signoff_re.find_iter(text) {
            markers.push((m.start(), m.end(), "signatory"));
        }
        for m in self.cc_re.find_iter(text) {
            // The marker is a line start or glued to the previous word, and
            // a name follows.
            let after = text[m.end()..].trim_start_matches([' ', '\t', '\n', '\r']);
            if after.starts_with(is_upper) {
                markers.push((m.start(), m.end(), "cc"));
            }
        }
        markers.sort();
        let mut last_end = 0;
        for (i, &(start, end, role)) in markers.iter().enumerate() {
            if start < last_end {
                continue;
            }
            let limit = markers
                .get(i + 1)
                .map_or(text.len(), |m| m.0)
                .min(end + MAX_BLOCK);
            let limit = floor_char(text, limit);
            if role == "cc" && i > 0 && markers[i - 1].2 != "cc" && markers[i - 1].1 == start {
                continue;
            }
            last_end = self.read_block(ctx, Span::new(end, limit), role, true, found);
        }
    }

    /// A name line directly followed by a title line, where the text keeps
    /// its lines (a decision's signature without a sign-off).
    #[inline(never)]
    fn signature_lines(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        if !text.contains('\n') {
            return;
        }
        let lines: Vec<Span> = line_spans(text)
            .map(|s| trim_piece(text, s))
            .filter(|s| s.start < s.end)
            .collect();
        // A name block before the salutation is the addressee's.
        let salutation = memchr::memmem::find(text.as_bytes(), b"Dear ").unwrap_or(0);
        let mut i = 0;
        while i < lines.len() {
            let l = lines[i].slice(text);
            let next = lines.get(i + 1).map(|n| n.slice(text));
            // `R. TALBOT` over `Veterans Law Judge`, or `Jane Roe, Judge`.
            let name_over_title = l.len() <= 60
                && (self.is_name(l, 1) || self.honorific_name(text, lines[i]).is_some())
                && next.is_some_and(|n| self.classify(ctx, n) == Kind::Title);
            let name_comma_title = l.len() <= 80
                && !l.ends_with(['.', ';'])
                && find_comma_space(l).is_some_and(|k| {
                    self.is_name(&l[..k], 2)
                        && !self
                            .generation
                            .contains(Self::first_word(&l[k + 2..]).trim_end_matches(','))
                        && self.classify(ctx, &l[k + 2..]) == Kind::Title
                });
            if (name_over_title || name_comma_title) && !ctx.in_agency(lines[i]) {
                let end = self.read_block(
                    ctx,
                    Span::new(
                        lines[i].start,
                        floor_char(text, text.len().min(lines[i].start + MAX_BLOCK)),
                    ),
                    if lines[i].start < salutation {
                        "recipient"
                    } else {
                        "signatory"
                    },
                    false,
                    found,
                );
                i += 1;
                while i < lines.len() && lines[i].start < end {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
    }

    /// Split and classify pieces from `raw` until `pieces` holds `n` (or
    /// `raw` runs out).
    fn fill_pieces(&self, ctx: &Ctx, raw: &mut Pieces, pieces: &mut Vec<Piece>, n: usize) {
        while pieces.len() < n {
            let Some(p) = raw.next() else { return };
            let (p, rest) = self.split_name_comma(ctx.text, p);
            pieces.push(self.classify_piece(ctx, p));
            if let Some(r) = rest {
                pieces.push(self.classify_piece(ctx, r));
            }
        }
    }

    /// What a block piece is; a line that is a name after an honorific is
    /// narrowed to the name and keeps the honorific.
    fn classify_piece(&self, ctx: &Ctx, p: Span) -> Piece {
        let text = ctx.text;
        let s = p.slice(text);
        let piece = |span, kind| Piece {
            span,
            kind,
            honorific: None,
            had_honorific: false,
        };
        // The whole piece is a marker, which ends with its colon.
        if s.ends_with(':')
            && self
                .cc_re
                .find(s)
                .is_some_and(|m| m.start() == 0 && m.end() == s.len())
        {
            return piece(p, Kind::Cc);
        }
        let k = self.classify(ctx, s);
        if k != Kind::Name {
            if let Some((name, title)) = self.honorific_name(text, p) {
                return Piece {
                    span: name,
                    kind: Kind::Name,
                    honorific: title,
                    had_honorific: true,
                };
            }
        }
        piece(p, k)
    }

    /// Read one block; returns where it ended.
    fn read_block(
        &self,
        ctx: &Ctx,
        span: Span,
        role: &'static str,
        after_marker: bool,
        found: &mut Found,
    ) -> usize {
        let text = ctx.text;
        // Pieces are split and classified on demand: a block mostly ends
        // at its first prose piece, long before `MAX_BLOCK` bytes.
        let mut raw = self.pieces(text, span);
        let mut pieces: Vec<Piece> = Vec::new();
        let mut role = role;
        let mut cur: Option<Cand> = None;
        let mut pending_title: Option<String> = None;
        let mut seen_org_or_addr = false;
        let mut orgs = 0;
        let mut title_is_honorific = false;
        let mut at_start = after_marker;
        let mut end = span.start;
        for i in 0.. {
            self.fill_pieces(ctx, &mut raw, &mut pieces, i + 1);
            let Some(&Piece {
                span: p, kind: k, ..
            }) = pieces.get(i)
            else {
                break;
            };
            let s = p.slice(text);
            match k {
                Kind::Prose => break,
                Kind::Cc => {
                    if let Some(c) = cur.take() {
                        found.add(c);
                    }
                    role = "cc";
                    at_start = true;
                    end = p.end;
                    continue;
                }
                Kind::Name => {
                    self.fill_pieces(ctx, &mut raw, &mut pieces, i + 2);
                    let next = pieces.get(i + 1).map(|n| n.kind);
                    let known = self.first_names.contains(Self::first_word(s))
                        || s.split_whitespace().any(Self::is_initial);
                    let confirmed =
                        at_start || known || pieces[i].had_honorific || next == Some(Kind::Title);
                    if confirmed && !ctx.in_agency(p) {
                        if let Some(c) = cur.take() {
                            found.add(c);
                        }
                        let title = pending_title.take();
                        let role_here = if title.is_some() {
                            None
                        } else {
                            Some(role.to_string())
                        };
                        title_is_honorific = title.is_none() && pieces[i].honorific.is_some();
                        let title = title.or_else(|| pieces[i].honorific.clone());
                        cur = Some(Cand {
                            name: s.to_string(),
                            role: role_here,
                            title,
                            spans: vec![p],
                            ..Cand::default()
                        });
                        seen_org_or_addr = false;
                        orgs = 0;
                    } else if cur.is_none() {
                        break;
                    }
                }
                Kind::Title => match cur.as_mut() {
                    // A position line replaces an honorific (`Hon.`).
                    Some(c) if !seen_org_or_addr && title_is_honorific => {
                        c.title = Some(s.to_string());
                        title_is_honorific = false;
                    }
                    Some(c) if !seen_org_or_addr => push_joined(&mut c.title, s),
                    _ => pending_title = Some(s.to_string()),
                },
                Kind::Org => {
                    orgs += 1;
                    if orgs > 2 {
                        // Three organisation lines in a row: page chrome.
                        break;
                    }
                    if let Some(c) = cur.as_mut() {
                        if c.address.is_some() {
                            // An organisation after the address starts nothing.
                        } else if let Some(old) = c.organization.take() {
                            push_joined(&mut c.title, &old);
                            c.organization = Some(s.to_string());
                        } else {
                            c.organization = Some(s.to_string());
                        }
                        seen_org_or_addr = true;
                    }
                }
                Kind::Address => {
                    if let Some(c) = cur.as_mut() {
                        push_joined(&mut c.address, s);
                        seen_org_or_addr = true;
                    }
                }
                Kind::Other => {
                    if let Some(c) = cur.as_mut() {
                        if c.title.is_some() && !seen_org_or_addr {
                            push_joined(&mut c.title, s);
                        } else if seen_org_or_addr {
                            break;
                        }
                    } else if !at_start {
                        break;
                    }
                }
                Kind::Contact => {}
            }
            at_start = false;
            end = p.end;
        }
        if let Some(c) = cur.take() {
            found.add(c);
        }
        end
    }

    // ----- 2. courts -------------------------------------------------

    /// The name written right before byte `at`, back to a list delimiter;
    /// `(start, name span)`.
    fn name_before(&self, text: &str, at: usize) -> Option<Span> {
        let lo = back(text, at, 200);
        let before = text.get(lo..at)?;
        let delim = before.rfind(['(', ',', '\n', '—', '–', ':', ';', '[']);
        if delim.is_none() && lo > 0 {
            return None;
        }
        let from = lo
            + delim.map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        // A sentence before the name (`justice. Concur—X`,
        // `Auberge.CHRISTOPHER`): a full stop after a small letter.
        let seg = &text[from..at];
        let sb = seg.as_bytes();
        let start = (1..sb.len())
            .rev()
            .find(|&i| {
                sb[i] == b'.'
                    && sb[i - 1].is_ascii_lowercase()
                    && i >= 2
                    && sb[i - 2].is_ascii_alphabetic()
                    && sb
                        .get(i + 1)
                        .is_some_and(|c| *c == b' ' || c.is_ascii_uppercase())
            })
            .map_or(from, |i| from + i + 1);
        let mut s = trim_piece(text, Span::new(start, at));
        let t = s.slice(text);
        if let Some(i) = t.rfind(" and ") {
            s = trim_piece(text, Span::new(s.start + i + 5, s.end));
        } else if t.starts_with("and ") {
            s = trim_piece(text, Span::new(s.start + 4, s.end));
        }
        (s.start < s.end && self.is_name(s.slice(text), 1)).then_some(s)
    }

    #[inline(never)]
    fn judges(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        let mut lower_courts = HashSet::new();
        let mut singles: Vec<(Span, String, Option<String>)> = Vec::new();
        for (m, suf) in comma_captures(&self.judge_re, text, ctx.commas(), &self.judge_first) {
            let suf = suf.slice(text);
            // The suffix ends the item: `)`, `,`, `;`, line end or text end.
            let rest = &text[m.end..];
            if !(rest.is_empty() || rest.starts_with([')', ',', ';', '\n', '\r'])) {
                continue;
            }
            let Some(name) = self.name_before(text, m.start) else {
                continue;
            };
            // `Court (Name, J.)`: the lower court named before the parenthesis.
            let open = text[..name.start].trim_end();
            let org = open
                .strip_suffix('(')
                .and_then(|_| ctx.agency_ending_at(open.len() - 1))
                .map(|a| a.name.clone());
            if let Some(o) = &org {
                lower_courts.insert(o.clone());
            }
            singles.push((name, suf.to_string(), org));
        }
        let court = ctx.court(&lower_courts);
        for (name, suf, org) in singles {
            found.add(Cand {
                name: name.slice(text).to_string(),
                title: Some(suf),
                organization: org.or_else(|| court.clone()),
                role: Some("judge".into()),
                spans: vec![name],
                surname: single_word(name.slice(text)),
                ..Cand::default()
            });
        }
        // Panels: `A, J.P., B, C and D, JJ.`
        for start in self.judges_starts(text) {
            let mut at = start;
            for _ in 0..20 {
                let Some(name) = self.name_before(text, at) else {
                    break;
                };
                // `and` joins the last two names inside one item.
                let lo = back(text, name.start, 200);
                let item_start = text[lo..name.start].rfind([',', '\n', '(', '—', '–', ':']);
                found.add(Cand {
                    name: name.slice(text).to_string(),
                    organization: court.clone(),
                    role: Some("judge".into()),
                    spans: vec![name],
                    surname: single_word(name.slice(text)),
                    ..Cand::default()
                });
                let before = text[..name.start].trim_end();
                let before = before.strip_suffix("and").map_or(before, str::trim_end);
                let stop_here = item_start.is_none()
                    || !(before.ends_with(',')
                        || before.ends_with('\n')
                        || text[..name.start].ends_with(" and ")
                        || text[..name.start].ends_with('\n'));
                if stop_here {
                    break;
                }
                let mut next_at = before.len();
                let b = &text[..next_at];
                let b = b.strip_suffix(',').unwrap_or(b);
                // Skip a `J.P.` between two names.
                let bt = b.trim_end();
                if let Some(s) = self.judge_suffix.iter().find(|s| bt.ends_with(s.as_str())) {
                    next_at = bt.len() - s.len();
                    let nb = text[..next_at].trim_end();
                    next_at = nb.strip_suffix(',').map_or(nb.len(), str::len);
                } else {
                    next_at = b.len();
                }
                if next_at >= at {
                    break;
                }
                at = next_at;
            }
        }
    }

    /// Where the matches of `judges_re` start, as `find_iter` gives them:
    /// a match is a suffix after an optional comma and spaces or tabs,
    /// so it starts at the comma, else the spaces, before the leftmost
    /// suffix (never inside the previous match, which ended with its
    /// suffix).
    fn judges_starts(&self, text: &str) -> Vec<usize> {
        let ac = match &self.judges {
            JudgesSuffixes::Words(ac) => ac,
            JudgesSuffixes::Regex(re) => return re.find_iter(text).map(|m| m.start()).collect(),
        };
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut last_end = 0;
        for m in ac.find_iter(text) {
            let mut s = m.start();
            while s > last_end && matches!(b[s - 1], b' ' | b'\t') {
                s -= 1;
            }
            if s > last_end && b[s - 1] == b',' {
                s -= 1;
            }
            out.push(s);
            last_end = m.end();
        }
        out
    }

    /// `Firm, City (A, B and C of counsel), for appellant.`
    #[inline(never)]
    fn counsel(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        for (m, party) in counsel_captures(&self.counsel_re, text, &self.party_first) {
            // The statement's start: its line, or earlier lines while a
            // parenthesis is open (`(A of` / `counsel), for appellant`).
            let floor = floor_char(text, m.start.saturating_sub(MAX_COUNSEL));
            let mut line_start = text[floor..m.start]
                .rfind('\n')
                .map_or(floor, |i| floor + i + 1);
            for _ in 0..6 {
                let c = &text[line_start..m.start];
                if c.matches('(').count() >= c.matches(')').count() || line_start <= floor {
                    break;
                }
                let end = line_start.saturating_sub(1).max(floor);
                line_start = text[floor..end]
                    .rfind('\n')
                    .map_or(floor, |i| floor + i + 1);
            }
            let line_start = line_start.max(floor);
            let clause = Span::new(line_start, m.start);
            let role = format!("counsel for {}", party.slice(text).to_lowercase());
            self.read_counsel(ctx, clause, &role, found);
        }
    }

    fn read_counsel(&self, ctx: &Ctx, clause: Span, role: &str, found: &mut Found) {
        let text = ctx.text;
        let c = clause.slice(text);
        // Clause starts after the last sentence end before the parenthesis.
        let (head, paren) = match (c.find('('), c.rfind(')')) {
            (Some(o), Some(e)) if o < e => (
                Span::new(clause.start, clause.start + o),
                Some(Span::new(clause.start + o + 1, clause.start + e)),
            ),
            _ => (clause, None),
        };
        let head = {
            let h = head.slice(text);
            match h.rfind(". ") {
                Some(i) if !h[..i].ends_with(|c: char| c.is_uppercase()) => {
                    Span::new(head.start + i + 2, head.end)
                }
                _ => head,
            }
        };
        let head_items = self.items(text, head);
        let mut head_org: Option<String> = None;
        let mut people: Vec<Cand> = Vec::new();
        for (sp, kind) in &head_items {
            let s = sp.slice(text);
            match kind {
                Kind::Name => people.push(Cand {
                    name: s.to_string(),
                    role: Some(role.to_string()),
                    spans: vec![*sp],
                    ..Cand::default()
                }),
                Kind::Title => {
                    if let Some(p) = people.last_mut() {
                        p.title.get_or_insert_with(|| s.to_string());
                    }
                }
                Kind::Org => {
                    head_org.get_or_insert_with(|| s.to_string());
                }
                _ => {}
            }
        }
        for p in &mut people {
            p.organization = head_org.clone();
        }
        if let Some(paren) = paren {
            let mut inner = paren;
            let t = inner.slice(text);
            // `… of counsel`, possibly across a line break.
            let trimmed = t.trim_end();
            if let Some(rest) = trimmed.strip_suffix("counsel") {
                let rest = rest.trim_end();
                if let Some(rest) = rest.strip_suffix("of") {
                    inner = Span::new(inner.start, inner.start + rest.len());
                }
            }
            let mut paren_org: Option<String> = None;
            for (sp, kind) in self.items(text, inner) {
                let s = sp.slice(text);
                let bracketed = text[..sp.start].ends_with('[');
                match kind {
                    Kind::Name => people.push(Cand {
                        name: s.to_string(),
                        role: Some(role.to_string()),
                        organization: if bracketed { paren_org.clone() } else { None }
                            .or_else(|| head_org.clone()),
                        spans: vec![sp],
                        ..Cand::default()
                    }),
                    Kind::Org => paren_org = Some(s.to_string()),
                    _ => {}
                }
            }
        }
        for p in people {
            if !ctx.in_agency(p.spans[0]) {
                found.add(p);
            }
        }
    }

    /// Split a caption phrase into items at `, `, ` and `, `[`, `]`; a
    /// generation suffix joins the name before it, a company suffix the
    /// organisation before it.
    fn items(&self, text: &str, span: Span) -> Vec<(Span, Kind)> {
        let s = span.slice(text);
        let mut raw: Vec<Span> = Vec::new();
        let mut from = 0;
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let sep = if matches!(b[i], b',' | b'[' | b']' | b';') {
                1
            } else if b[i..].starts_with(b" and ") {
                5
            } else {
                0
            };
            if sep > 0 {
                raw.push(Span::new(span.start + from, span.start + i));
                from = i + sep;
                i += sep;
            } else {
                i += 1;
            }
        }
        raw.push(Span::new(span.start + from, span.end));
        let mut out: Vec<(Span, Kind)> = Vec::new();
        for r in raw {
            let r = trim_piece(text, r);
            if r.start >= r.end {
                continue;
            }
            let t = r.slice(text);
            if let Some((prev, kind)) = out.last_mut() {
                if self.generation.contains(t) && *kind == Kind::Name {
                    *prev = Span::new(prev.start, r.end);
                    continue;
                }
                if matches!(
                    t,
                    "LLP" | "LLC" | "L.L.P." | "L.L.C." | "P.C." | "PLLC" | "Inc." | "Ltd."
                ) {
                    *prev = Span::new(prev.start, r.end);
                    *kind = Kind::Org;
                    continue;
                }
            }
            let kind = if self.is_title(t) {
                Kind::Title
            } else if self.is_org(&Ctx::new(text, &[]), t) {
                Kind::Org
            } else if self.is_name(t, 2) {
                Kind::Name
            } else {
                Kind::Other
            };
            out.push((r, kind));
        }
        out
    }

    /// `Name, Appellant.` on a caption line.
    #[inline(never)]
    fn parties(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        for (m, _) in comma_captures(&self.party_re, text, ctx.commas(), &self.party_first) {
            let lo = back(text, m.start, 120);
            let Some(line_start) = text[lo..m.start]
                .rfind('\n')
                .map(|i| lo + i + 1)
                .or((lo == 0).then_some(0))
            else {
                continue;
            };
            // Only a caption line: the name is all that precedes the party.
            let rest = text[m.end..].trim_start_matches([' ', '\t']);
            if !(rest.is_empty() || rest.starts_with(['\n', '\r'])) {
                continue;
            }
            let name = trim_piece(text, Span::new(line_start, m.start));
            let s = name.slice(text);
            if self.is_name(s, 2) && !ctx.in_agency(name) && !ctx.is_agency_name(s) {
                found.add(Cand {
                    name: s.to_string(),
                    role: Some("subject".into()),
                    spans: vec![name],
                    ..Cand::default()
                });
            }
        }
    }

    // ----- 3. honorifics ---------------------------------------------

    /// Name words after byte `at`: up to four, initials included.
    fn name_after(&self, text: &str, at: usize) -> Option<Span> {
        let rest = text.get(at..)?;
        let mut end = 0;
        let mut words = 0;
        let mut pos = 0;
        let mut dangling = false;
        for n in 0..5 {
            // Spaces (one line break at most) before every word but the first.
            if n > 0 {
                let ws = rest[pos..].len() - rest[pos..].trim_start().len();
                // No space only after glued initials (`S.M.Subramaniam`).
                let glued = ws == 0 && rest[..pos].ends_with('.') && dangling;
                let breaks = rest[pos..pos + ws].matches('\n').count();
                if (ws == 0 && !glued) || breaks > 1 {
                    break;
                }
                // A name wraps only at the end of a long (hard-wrapped)
                // line, not after a heading or a short block (`Joe
                // Biden⏎Volker`).
                if breaks == 1 {
                    let upto = &text[..at + pos];
                    let line = upto.rfind('\n').map_or(upto, |i| &upto[i + 1..]);
                    if line.len() < MIN_WRAPPED_LINE {
                        break;
                    }
                }
                pos += ws;
            }
            // Only the first bytes are read: a longer token is no name
            // word, and a huge one (`A-A-A-…`) is not re-read at each of
            // its capitals.
            let tok_len = token_len(head_of(&rest[pos..], MAX_NAME_TOKEN + 8));
            if tok_len > MAX_NAME_TOKEN {
                break;
            }
            let tok = &rest[pos..pos + tok_len];
            if tok.is_empty() {
                break;
            }
            // Strip trailing punctuation and a possessive.
            let core = tok.trim_end_matches([',', ';', ':', ')', '.', '!', '?', '”', '"']);
            let core = core
                .strip_suffix("’s")
                .or_else(|| core.strip_suffix("'s"))
                .unwrap_or(core);
            let init = tok.trim_end_matches([',', ';']);
            let bare = init.len() == 1 && init.starts_with(|c: char| c.is_ascii_uppercase());
            if Self::is_initial(init) || bare {
                dangling = true;
                if init.len() != tok.len() {
                    break;
                }
                pos += tok_len;
                continue;
            }
            if !self.is_name_word(core) {
                break;
            }
            words += 1;
            dangling = false;
            end = pos + core.len();
            if core.len() != tok.len() {
                break;
            }
            pos += tok_len;
        }
        // `Mr. Amar N.` then something else: the name is cut, not known.
        (words > 0 && !dangling).then(|| Span::new(at, at + end))
    }

    /// May an honorific open `rest` (`honorific_at_re` match it)?
    fn may_open_honorific(&self, rest: &[u8]) -> bool {
        self.honorific_grams.as_ref().is_none_or(|g| {
            rest.first().is_some_and(|&c| g.first[usize::from(c)]) && g.may_start(rest)
        })
    }

    /// The matches of `honorific_re` through `text`, as `find_iter` gives
    /// them. Each honorific opens with an ASCII capital after a word
    /// boundary: the anchored regex is tried only at such capitals (the
    /// `OPENS` words of `cap_words(text, …)`) where `honorific_grams`
    /// says one may open.
    fn honorific_matches(&self, text: &str, words: &[CapWord]) -> Vec<Span> {
        let Some(g) = &self.honorific_grams else {
            return self
                .honorific_re
                .iter()
                .flat_map(|re| re.find_iter(text))
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
        };
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut next = 0;
        for w in words {
            let j = w.start;
            if j < next || !w.is(OPENS) || !g.first[usize::from(b[j])] {
                continue;
            }
            if g.may_start(&b[j..]) {
                if let Some(m) = self.honorific_at_re.find(&text[j..]) {
                    out.push(Span::new(j, j + m.end()));
                    next = j + m.end().max(1);
                }
            }
        }
        out
    }

    #[inline(never)]
    fn honorific_names(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        let mut cache: WordMap<Option<Span>> = WordMap::default();
        for m in self.honorific_matches(text, ctx.words()) {
            let hon = m.slice(text).trim_end();
            if !glue_ok(hon, m.slice(text)) {
                continue;
            }
            let courtesy = self.honorifics.get(hon).copied().unwrap_or(false);
            // `the General Rating Formula`: a determiner makes it a noun.
            let before = text[..m.start].trim_end_matches([' ', '\t']);
            let det = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| {
                    matches!(
                        w,
                        "the" | "The" | "a" | "A" | "an" | "An" | "its" | "their" | "our"
                    )
                });
            if det && before.len() < m.start {
                continue;
            }
            // `Peerless General Finance`: a position word inside a
            // capitalised phrase is no honorific.
            if !courtesy && before.len() + 1 == m.start {
                let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
                let prev_start = before.len() - prev.len();
                let opens = text[..prev_start]
                    .trim_end()
                    .chars()
                    .last()
                    .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':'));
                if prev.starts_with(is_upper)
                    && !self.honorifics.contains_key(prev)
                    && !self.stop.contains(prev)
                    && !prev.ends_with([',', '.', ';', ':', ')'])
                    && !opens
                {
                    continue;
                }
            }
            // A job word is an honorific only when capitalised mid-sentence
            // or at a line start: `Judge Lee`, not `the judge`.
            let Some(name) = self.name_after(text, m.end) else {
                continue;
            };
            let full = Span::new(m.start, name.end);
            if ctx.in_agency(full) || ctx.in_agency(name) {
                continue;
            }
            let s = name.slice(text);
            let after = text[name.end..].trim_start_matches([' ', ',']);
            let next_word = after.split_whitespace().next().unwrap_or("");
            let next_word = next_word.trim_end_matches([',', '.', ';', ':']);
            // `Hon'ble Supreme Court`, `Hon'ble Prime Minister`: the phrase
            // goes on with organisation or title words, or another honorific.
            if self.honorific_at_re.is_match(&text[name.start..])
                || (!text[name.end..].starts_with([',', '.', ';', ':', '\n'])
                    && next_word.starts_with(is_upper)
                    && (self.is_org_word(next_word)
                        || self.title_first.contains(&next_word.to_lowercase())
                        || self.title_head.contains(&next_word.to_lowercase())))
                || [" v. ", " v ", " vs. ", " vs ", " versus "]
                    .iter()
                    .any(|v| text[name.end..].starts_with(v))
            {
                continue;
            }
            if after.starts_with('&')
                || ["LLC", "LLP", "Inc", "Ltd", "Co."]
                    .iter()
                    .any(|c| after.starts_with(c))
                || self.place.contains(s)
            {
                continue;
            }
            let title = (!courtesy).then(|| hon.to_string());
            let toks: Vec<&str> = s.split_whitespace().flat_map(glued_initials).collect();
            let words = toks.iter().filter(|w| !Self::is_initial(w)).count();
            if words >= 2 || (words == 1 && toks.len() > 1) {
                if self.is_name(s, words.min(2)) {
                    found.add(Cand {
                        name: s.to_string(),
                        title,
                        spans: vec![name],
                        ..Cand::default()
                    });
                }
            } else {
                // `Mr. Smith`, `Secretary Smith`: kept with the honorific,
                // like `Imam X`, unless a full name matches.
                self.add_surname(ctx, found, &mut cache, full, name, title);
            }
        }
    }

    /// A surname after an honorific: merged with the full name written
    /// elsewhere (`Bekhzod Yusupov … Mr. Yusupov`), else kept with its
    /// honorific (`Imam Nazarov`).
    fn add_surname(
        &self,
        ctx: &Ctx,
        found: &mut Found,
        cache: &mut WordMap<Option<Span>>,
        full: Span,
        name: Span,
        title: Option<String>,
    ) {
        let text = ctx.text;
        let surname = name.slice(text);
        let elsewhere = *cache
            .entry(surname.to_string())
            .or_insert_with(|| self.full_name_elsewhere(ctx, surname));
        if let Some(fs) = elsewhere {
            found.add(Cand {
                name: fs.slice(text).to_string(),
                spans: vec![fs],
                ..Cand::default()
            });
            found.add(Cand {
                name: fs.slice(text).to_string(),
                spans: vec![full],
                ..Cand::default()
            });
            return;
        }
        found.add(Cand {
            name: full.slice(text).to_string(),
            title,
            spans: vec![full],
            surname: Some(surname.to_string()),
            ..Cand::default()
        });
    }

    /// The one full name (`Given [M.] Surname`) that ends with `surname`.
    fn full_name_elsewhere(&self, ctx: &Ctx, surname: &str) -> Option<Span> {
        let text = ctx.text;
        let mut hit: Option<Span> = None;
        for i in memchr::memmem::find_iter(text.as_bytes(), surname.as_bytes()) {
            let end = i + surname.len();
            if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            // Walk back over name words and initials separated by one space.
            let mut start = i;
            let mut words = 0;
            loop {
                let before = &text[..start];
                let Some(b) = before.strip_suffix(' ') else {
                    break;
                };
                let ws = b
                    .rfind(|c: char| c.is_whitespace() || "(,;:“\"—".contains(c))
                    .map_or(0, |k| k + b[k..].chars().next().map_or(1, char::len_utf8));
                let w = &b[ws..];
                if self.is_name_word(w) && !self.honorifics.contains_key(w) {
                    words += 1;
                } else if !(Self::is_initial(w) && words == 0) {
                    break;
                }
                start = ws;
                if words >= 2 {
                    break;
                }
            }
            if words == 0 {
                continue;
            }
            // Not glued to a previous capitalised word (`Radio Free Europe`).
            let sp = Span::new(start, end);
            if ctx.in_agency(sp) || !self.is_name(sp.slice(text), 2) {
                continue;
            }
            match hit {
                Some(h) if key(h.slice(text)) != key(sp.slice(text)) => return None,
                _ => hit = Some(hit.unwrap_or(sp)),
            }
        }
        hit
    }

    /// Bare surnames of the persons found (`Jagels appeals …`) become
    /// their mentions, when one person alone has that surname and it is
    /// not an ordinary capitalised word.
    #[inline(never)]
    fn surname_mentions(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in found.list.iter().enumerate() {
            if p.surname.is_some() || p.name.split_whitespace().count() < 2 {
                continue;
            }
            let last = p
                .name
                .split([' ', ','])
                .rfind(|w| !w.is_empty() && !self.generation.contains(*w))
                .unwrap_or("");
            if last.chars().count() >= 3
                && self.is_name_word(last)
                && !self.first_names.contains(last)
                && !self.place.contains(last)
            {
                by_surname.entry(last.to_string()).or_default().push(i);
            }
        }
        let unique: Vec<(String, usize)> = by_surname
            .into_iter()
            .filter_map(|(s, who)| match who[..] {
                [i] => Some((s, i)),
                _ => None,
            })
            .collect();
        if unique.is_empty() {
            return;
        }
        let mut hits = Vec::new();
        for (at, end, i) in surname_occurrences(text, ctx.caps(), &unique) {
            let sp = Span::new(at, end);
            let before_ok = text[..at]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = &text[sp.end..];
            let after_ok = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
            let citation = [" v. ", " v ", " vs. ", " versus "]
                .iter()
                .any(|v| after.starts_with(v))
                || text[..at].ends_with(" v. ")
                || text[..at].ends_with(" v ");
            // Not inside a longer capitalised phrase (`Miller Foundation`).
            let next_cap = after
                .strip_prefix(' ')
                .is_some_and(|a| a.starts_with(is_upper) || a.starts_with('&'))
                || text[..at].ends_with("& ");
            let prev_cap = text[..at]
                .strip_suffix(' ')
                .and_then(|b| b.rsplit(char::is_whitespace).next())
                .is_some_and(|w| w.starts_with(is_upper) && !w.ends_with(['.', ',', ':', ';']));
            if before_ok
                && after_ok
                && !citation
                && !next_cap
                && !prev_cap
                && !found.overlaps(sp)
                && !ctx.in_agency(sp)
            {
                hits.push((i, sp));
            }
        }
        for (i, sp) in hits {
            found.list[i].spans.push(sp);
        }
    }

    // ----- 5. names in a person's context -----------------------------

    /// Which context cue sits at the capitalised word starting at `s`:
    /// a before cue and one space right before it (`brought by Jane`,
    /// `By Jane`; ASCII case ignored), or an after cue (`, who`, ` said`,
    /// followed by a non-alphanumeric) where a name ending with this word
    /// may end. Every cue `context_names` accepts is at such a word: a
    /// name found by `name_after` ends with a name word, which starts with
    /// a capital after a non-alphanumeric and runs over letters, hyphens
    /// and apostrophes up to the name's end, or up to a possessive `’s`
    /// after it. A person's name has two name words at least, so an
    /// after cue counts only after a word that follows a capitalised token.
    /// `run_end`: where the word's run of name-word characters ends (see
    /// `word_run`).
    fn cue_at(&self, text: &str, s: usize, run_end: usize) -> Cue {
        let b = text.as_bytes();
        let before = s > 0 && b[s - 1] == b' ' && self.before_grams.may_end(&b[..s - 1]) && {
            // The keys of the text's last one to four bytes before the space.
            let head = &b[..s - 1];
            let mut keys = [0u32; 5];
            for (k, &c) in head.iter().rev().take(4).enumerate() {
                keys[k + 1] = self.before_grams.push(keys[k], k, c);
            }
            self.before_keyed.iter().any(|(n, key, c)| {
                head.len() >= c.len()
                    && keys[*n] == *key
                    && head[head.len() - c.len()..].eq_ignore_ascii_case(c)
            })
        };
        if before {
            return Cue::Before;
        }
        let end = run_end;
        let word = &text[s..end];
        // The cue first (its bytes are at hand), then the token before.
        let after = [
            Some(end),
            word.strip_suffix("’s").map(|w| s + w.len()),
            word.strip_suffix("'s").map(|w| s + w.len()),
        ]
        .into_iter()
        .flatten()
        .any(|p| self.after_cue_at(text, p));
        if after && follows_a_capitalised_token(b, s) {
            Cue::After
        } else {
            Cue::None
        }
    }

    /// Whether an after cue opens `text[p..]` and is followed by a
    /// non-alphanumeric (`after_grams` first: it never rejects a cue).
    fn after_cue_at(&self, text: &str, p: usize) -> bool {
        self.after_grams_allow(text.as_bytes(), p)
            && self.after_cues.iter().any(|c| {
                let rest = &text[p..];
                rest.starts_with(c.as_str())
                    && rest[c.len()..]
                        .chars()
                        .next()
                        .is_none_or(|n| !n.is_alphanumeric())
            })
    }

    /// Whether `window` (the text before a word) ends with a before cue,
    /// ASCII case ignored, then one space, the cue not glued to an
    /// alphanumeric before it.
    fn before_cue_ends(&self, window: &str) -> bool {
        let w = window.trim_end_matches(' ');
        w.len() + 1 == window.len()
            && self.before_cues.iter().any(|c| {
                w.len() >= c.len()
                    && w.is_char_boundary(w.len() - c.len())
                    && w[w.len() - c.len()..].eq_ignore_ascii_case(c)
                    && w[..w.len() - c.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|p| !p.is_alphanumeric())
            })
    }

    /// May an after cue open at byte `p` (`after_grams`: never `false`
    /// where one does)?
    fn after_grams_allow(&self, b: &[u8], p: usize) -> bool {
        b.get(p)
            .is_some_and(|&c| self.after_grams.first[usize::from(c)])
            && self.after_grams.may_start(&b[p..])
    }

    /// Capitalised names whose context says they are persons:
    /// `brought by Wing Lo Chau,`, `Amara Diallo, who`, `Kofi Mensah said`.
    #[inline(never)]
    fn context_names(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        let b = text.as_bytes();
        // The capitalised words (`WORD`: a capital after a
        // non-alphanumeric), and those where a context cue is (`cue_at`),
        // with whether it is a before cue.
        let words = ctx.words();
        let mut cued: Vec<(usize, bool)> = Vec::new();
        for w in words.iter().filter(|w| w.is(WORD)) {
            match self.cue_at(text, w.start, w.run_end) {
                Cue::None => {}
                c => cued.push((w.start, c == Cue::Before)),
            }
        }
        // No name reaches past a list delimiter (see `is_name_stop`): a
        // person needs a cue at a capitalised word between its start and
        // the next delimiter. `clear`: a stretch known to hold none before
        // the next cued word.
        let mut clear: Option<(usize, usize)> = None;
        let (mut w, mut k) = (0, 0);
        // The next word start visited is the first at or after `i`.
        let mut i = 0;
        loop {
            while words.get(w).is_some_and(|x| x.start < i || !x.is(WORD)) {
                w += 1;
            }
            let Some(at) = words.get(w).map(|x| x.start) else {
                break;
            };
            i = at;
            while cued.get(k).is_some_and(|&(q, _)| q < i) {
                k += 1;
            }
            let Some(&(cue, before_here)) = cued.get(k) else {
                break;
            };
            // A before cue is only where `cue_at` found one at this word.
            let before_here = before_here && cue == i;
            if !clear.is_some_and(|(from, to)| to == cue && from <= i) {
                match last_name_stop(&b[i..cue]) {
                    // Not before the last delimiter ahead of the cue.
                    Some(d) => {
                        i += d + 1;
                        continue;
                    }
                    None => clear = Some((i, cue)),
                }
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let Some(name) = self.name_after(text, i) else {
                i += c.len_utf8();
                continue;
            };
            let s = name.slice(text);
            let after = &text[name.end..];
            let lo = back(text, i, 24);
            let window = &text[lo..i];
            // A byline: `By Jane Roe` alone at a line start.
            let byline = || {
                let line_start = window
                    .rfind('\n')
                    .map(|k| lo + k + 1)
                    .or((lo == 0).then_some(0));
                line_start.is_some_and(|ls| matches!(&text[ls..i], "By " | "by "))
            };
            let cue_before = before_here && (byline() || self.before_cue_ends(window));
            let known = self.first_names.contains(Self::first_word(s))
                || s.split_whitespace().any(Self::is_initial);
            let cue_after = self.after_grams_allow(b, name.end)
                && self.after_cues.iter().any(|c| {
                    after.starts_with(c.as_str())
                        && after[c.len()..]
                            .chars()
                            .next()
                            .is_none_or(|n| !n.is_alphanumeric())
                        // An apposition (`X, a …`) also fits things: it needs a
                        // known given name or an initial.
                        && (known || !(c.starts_with(", a")))
                });
            // `Coalition for Fair Trade`: the capitalised phrase began
            // before a small connector.
            let inside_phrase = {
                let w = window.trim_end_matches(' ');
                let conn = w.rsplit(' ').next().unwrap_or("");
                matches!(
                    conn,
                    "for" | "of" | "and" | "on" | "in" | "&" | "the" | "de"
                ) && w[..w.len() - conn.len()]
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .is_some_and(|p| p.starts_with(is_upper))
            };
            if (cue_before || cue_after)
                && !inside_phrase
                && self.is_name(s, 2)
                && s.split_whitespace()
                    .filter(|w| !Self::is_initial(w))
                    .count()
                    <= 3
                && !ctx.in_agency(name)
                && !ctx.is_agency_name(s)
                && !self.is_org(ctx, s)
                && !found.overlaps(name)
            {
                found.add(Cand {
                    name: s.to_string(),
                    spans: vec![name],
                    ..Cand::default()
                });
            }
            i = name.end.max(i + c.len_utf8());
        }
    }

    // ----- 4. given name + surname -----------------------------------

    #[inline(never)]
    fn given_names(&self, ctx: &Ctx, found: &mut Found) {
        let text = ctx.text;
        // The next word start visited is the first at or after `i`.
        let mut i = 0;
        // Word starts: an ASCII capital after a non-letter (`GIVEN`).
        for w in ctx.words() {
            if w.start < i || !w.is(GIVEN) {
                continue;
            }
            i = w.start;
            let end = w.letters_end;
            let word = &text[i..end];
            if !(self.first_name_bloom.may_hold(word.as_bytes()) && self.first_names.contains(word))
            {
                i = end.max(i + 1);
                continue;
            }
            // The previous word must not be capitalised (`Radio Free …`)
            // nor an honorific (handled above).
            let prev = text[..i].trim_end_matches(' ');
            let prev_word = prev
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            // … unless it opens the sentence (`Yesterday Susan Miller`).
            let prev_start = prev.len() - prev_word.len();
            let opens_sentence = text[..prev_start]
                .trim_end()
                .chars()
                .last()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | '”' | '"'));
            let glued_cap = prev.len() + 1 == i
                && prev_word.starts_with(is_upper)
                && !prev_word.ends_with([',', '.', ';', ':', ')', '”', '"'])
                && !self.stop.contains(prev_word)
                && !opens_sentence;
            if glued_cap || self.honorifics.contains_key(prev_word) {
                i = end;
                continue;
            }
            if let Some(name) = self.name_after(text, i) {
                let s = name.slice(text);
                let after = &text[name.end..];
                let citation = after.starts_with(" v. ")
                    || after.starts_with(" v ")
                    || prev.ends_with(" v.")
                    || prev.ends_with(" v");
                // The phrase goes on with capitalised words: an organisation.
                let more_caps = after
                    .strip_prefix(' ')
                    .is_some_and(|a| a.starts_with(is_upper));
                if !citation
                    && !more_caps
                    && self.is_name(s, 2)
                    && s.split_whitespace()
                        .filter(|w| !Self::is_initial(w))
                        .count()
                        <= 3
                    && !ctx.in_agency(name)
                    && !ctx.is_agency_name(s)
                    && !self.is_org(ctx, s)
                    && !found.overlaps(name)
                {
                    // `Appellant Jane Roe`: a party named in the body.
                    let party = self.party.contains(&prev_word.to_lowercase());
                    found.add(Cand {
                        name: s.to_string(),
                        role: party.then(|| "subject".to_string()),
                        spans: vec![name],
                        ..Cand::default()
                    });
                }
                i = name.end.max(end);
            } else {
                i = end;
            }
        }
    }
}

/// The context cue at a capitalised word (see `cue_at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    /// A before cue and a space right before the word.
    Before,
    /// An after cue where a name ending with the word may end.
    After,
}

/// How the plural judge suffixes are found: the suffixes alone, in the
/// pattern's order, when none opens with what `,?[ \t]*` matches nor
/// holds a space or tab (then `judges_starts` finds them with one
/// automaton and reaches back), else the whole pattern.
#[derive(Debug)]
enum JudgesSuffixes {
    Words(AhoCorasick),
    Regex(Regex),
}

/// How the words of an alternation may open: their first three bytes
/// (ASCII case ignored with `ignore_case`). A cheap test before an
/// anchored regex runs; text with a non-ASCII byte there always may
/// match (`(?i)` folds `ſ` to `s`), and so may any text if a word is
/// empty or opens with a non-ASCII byte.
#[derive(Debug)]
struct Openers {
    /// Lower-cased with `ignore_case`; `None`: anything may open.
    prefixes: Option<Vec<Vec<u8>>>,
    /// The prefixes of one, two and three bytes, as sorted keys (see
    /// `key`): where the text's next three bytes are ASCII, one lookup
    /// per length instead of a comparison per prefix.
    keys: [Vec<u32>; 3],
    ignore_case: bool,
    /// The bytes that may open a word (both cases with `ignore_case`,
    /// and every non-ASCII byte): a first, one-lookup test.
    first: [bool; 256],
}

impl Openers {
    fn new(words: &[String], ignore_case: bool) -> Openers {
        let mut prefixes = Vec::new();
        for w in words {
            let p = &w.as_bytes()[..w.len().min(3)];
            if p.is_empty() || !p.is_ascii() {
                return Openers {
                    prefixes: None,
                    keys: Default::default(),
                    ignore_case,
                    first: [true; 256],
                };
            }
            let p = if ignore_case {
                p.to_ascii_lowercase()
            } else {
                p.to_vec()
            };
            if !prefixes.contains(&p) {
                prefixes.push(p);
            }
        }
        let mut first = [false; 256];
        first[0x80..].fill(true);
        for p in &prefixes {
            first[usize::from(p[0])] = true;
            first[usize::from(p[0].to_ascii_uppercase())] |= ignore_case;
        }
        let mut keys: [Vec<u32>; 3] = Default::default();
        for p in &prefixes {
            keys[p.len() - 1].push(Self::key(p));
        }
        for k in &mut keys {
            k.sort_unstable();
        }
        Openers {
            prefixes: Some(prefixes),
            keys,
            ignore_case,
            first,
        }
    }

    /// Up to three bytes as a number (lower-cased already where case
    /// is ignored).
    fn key(p: &[u8]) -> u32 {
        p.iter().fold(0, |k, &c| k << 8 | u32::from(c))
    }

    /// May one of the words open `rest`?
    fn may_open(&self, rest: &[u8]) -> bool {
        let Some(prefixes) = &self.prefixes else {
            return true;
        };
        if !rest.first().is_some_and(|&t| self.first[usize::from(t)]) {
            return false;
        }
        // Three ASCII bytes: a prefix opens `rest` iff it is the (folded)
        // first one, two or three of them.
        if let Some(head) = rest.get(..3).filter(|h| h.is_ascii()) {
            let mut h = [head[0], head[1], head[2]];
            if self.ignore_case {
                h.make_ascii_lowercase();
            }
            return (1..=3).any(|n| self.keys[n - 1].binary_search(&Self::key(&h[..n])).is_ok());
        }
        prefixes.iter().any(|p| {
            rest.iter().zip(p).all(|(&t, &w)| {
                t >= 0x80 || t == w || (self.ignore_case && t.to_ascii_lowercase() == w)
            }) && (rest.len() >= p.len() || rest.iter().any(|&t| t >= 0x80))
        })
    }
}

/// The leftmost-first matches of `re` through `text`, as `captures_iter`
/// of the unanchored regex would give them, with the span of group 1:
/// `re` is anchored (`^,[ \t]*(…)`), opens with a comma then spaces or
/// tabs, then one of the words of `open`; so it is tried only at such
/// commas.
fn comma_captures(re: &Regex, text: &str, commas: &[usize], open: &Openers) -> Vec<(Span, Span)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    for &c in commas {
        if c < at {
            continue;
        }
        at = c + 1;
        let next = b[c + 1..]
            .iter()
            .position(|&x| x != b' ' && x != b'\t')
            .map_or(b.len(), |k| c + 1 + k);
        if !open.may_open(&b[next..]) {
            continue;
        }
        let Some(caps) = re.captures(&text[c..]) else {
            continue;
        };
        let Some(m) = caps.get(0) else { continue };
        at = c + m.end().max(1);
        if let Some(g) = caps.get(1) {
            out.push((
                Span::new(c + m.start(), c + m.end()),
                Span::new(c + g.start(), c + g.end()),
            ));
        }
    }
    out
}

/// The leftmost-first matches of the anchored counsel regex
/// (`^(?i),?[ \t\n]+for[ \t\n]+…`) through `text`, with the span of
/// group 1, as `captures_iter` of the unanchored regex would give them.
/// A match holds `for` after spaces, then a word of `open`: at each such
/// `for`, the regex is tried
/// once, from the start of the spaces before it (and a comma before
/// those), never reaching back into the previous match.
fn counsel_captures(re: &Regex, text: &str, open: &Openers) -> Vec<(Span, Span)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut last_end = 0;
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b'f', b'F', &b[from..]) {
        let f = from + k;
        from = f + 1;
        if !b
            .get(f + 1..f + 3)
            .is_some_and(|r| r.eq_ignore_ascii_case(b"or"))
        {
            continue;
        }
        // Then spaces, maybe `the` and spaces, and a party word.
        let is_space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n');
        let skip = |i: usize| {
            b[i..]
                .iter()
                .position(|c| !is_space(c))
                .map_or(b.len(), |k| i + k)
        };
        if !b.get(f + 3).is_some_and(is_space) {
            continue;
        }
        let w = skip(f + 3);
        let the = b
            .get(w..w + 4)
            .is_some_and(|t| t[..3].eq_ignore_ascii_case(b"the") && is_space(&t[3]));
        if !(open.may_open(&b[w..]) || the && open.may_open(&b[skip(w + 3)..])) {
            continue;
        }
        let mut s = f;
        while s > last_end && matches!(b[s - 1], b' ' | b'\t' | b'\n') {
            s -= 1;
        }
        if s == f {
            continue;
        }
        if s > last_end && b[s - 1] == b',' {
            s -= 1;
        }
        let Some(caps) = re.captures(&text[s..]) else {
            continue;
        };
        let Some(m) = caps.get(0) else { continue };
        last_end = s + m.end();
        from = last_end.max(from);
        if let Some(g) = caps.get(1) {
            out.push((
                Span::new(s + m.start(), s + m.end()),
                Span::new(s + g.start(), s + g.end()),
            ));
        }
    }
    out
}

/// Where the `surnames` occur in `text`: `(start, end, person)` of the
/// leftmost-longest, non-overlapping occurrences (and of some inside
/// those, see below). A surname
/// of letters and digits only cannot overlap another occurrence that
/// starts a word, so each is looked for on its own: at the capitals
/// (`caps`, see `capitals`) when all start with an upper-case letter,
/// in one pass for all of them (an occurrence inside another of the same
/// surname, which `memmem` would skip, follows a letter: the caller drops
/// it), else with `memmem`. With a hyphen or apostrophe in some surname,
/// one automaton keeps the leftmost-longest order exactly.
fn surname_occurrences(
    text: &str,
    caps: &[usize],
    surnames: &[(String, usize)],
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    if surnames
        .iter()
        .all(|(s, _)| s.chars().all(char::is_alphanumeric))
    {
        if surnames
            .iter()
            .all(|(s, _)| s.chars().next().is_some_and(char::is_uppercase))
        {
            let mut first = [false; 256];
            for (s, _) in surnames {
                if let Some(&c) = s.as_bytes().first() {
                    first[usize::from(c)] = true;
                }
            }
            let b = text.as_bytes();
            for &at in caps {
                let Some(rest) = b.get(at..) else { continue };
                if !rest.first().is_some_and(|&c| first[usize::from(c)]) {
                    continue;
                }
                // The first byte before the whole comparison (a call each).
                for (s, i) in surnames {
                    if s.as_bytes().first() == rest.first() && rest.starts_with(s.as_bytes()) {
                        out.push((at, at + s.len(), *i));
                    }
                }
            }
            return out;
        }
        for (s, i) in surnames {
            for at in memchr::memmem::find_iter(text.as_bytes(), s.as_bytes()) {
                out.push((at, at + s.len(), *i));
            }
        }
        return out;
    }
    // A contiguous NFA builds several times faster than the DFA `auto`
    // would pick, and the prefilter does most of the search anyway.
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(surnames.iter().map(|(s, _)| s.as_str()))
    else {
        return out;
    };
    for hit in ac.find_iter(text) {
        out.push((hit.start(), hit.end(), surnames[hit.pattern().as_usize()].1));
    }
    out
}

/// A token with its glued initials split off: `S.M.Subramaniam` →
/// `S.M.`, `Subramaniam`.
fn glued_initials(t: &str) -> impl Iterator<Item = &str> {
    let n = token_len(t).min(t.len());
    let (a, b) = if n < t.len() && t[..n].ends_with('.') && t.is_char_boundary(n) {
        t.split_at(n)
    } else {
        (t, "")
    };
    std::iter::once(a).chain((!b.is_empty()).then_some(b))
}

/// Whether a panel keyword at `at` opens its list: at a line start, or
/// after a space or a full stop not inside the previous list marker (which
/// ended at `last_end`): `Before: A`, `…justice. Present: B`.
fn panel_opens(text: &str, at: usize, last_end: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    before.is_empty()
        || before.ends_with('\n')
        || before.chars().next_back().is_some_and(|c| {
            (c.is_whitespace() || c == '.') && before.len() - c.len_utf8() >= last_end
        })
}

/// An honorific match is followed by spaces, or glued to the name only
/// after a full stop (`Mr.Justice`, not `GeneralMotors`).
fn glue_ok(hon: &str, matched: &str) -> bool {
    matched.len() > hon.len() || hon.ends_with('.')
}

/// Whether `c` is a character no name found by `name_after` contains
/// (`,;()[]`): they end its tokens and no space follows them inside a
/// token. Written as comparisons the compiler can vectorise in
/// `next_byte`.
fn is_name_stop(c: u8) -> bool {
    (c == b',') | (c == b';') | (c == b'(') | (c == b')') | (c == b'[') | (c == b']')
}

/// Where the commas are in `text`, in order (the caption rules are
/// anchored at commas: one search serves them all).
fn commas(text: &str) -> Vec<usize> {
    memchr::memchr_iter(b',', text.as_bytes()).collect()
}

/// Where the last byte `is_name_stop` accepts is in `hay`: two vector
/// searches backwards instead of a test per byte.
fn last_name_stop(hay: &[u8]) -> Option<usize> {
    let a = memchr::memrchr3(b',', b';', b'(', hay);
    let b = memchr::memrchr3(b')', b'[', b']', hay);
    a.max(b)
}

/// Where upper-case letters start in `text`, in order: eight bytes at a
/// time while they hold neither an ASCII capital nor a non-ASCII byte
/// (only those are decoded).
fn capitals(text: &str) -> Vec<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            // Per byte, without carries: the high bit of `x`, or of the
            // low seven bits plus 0x3F (>= `A`) and not plus 0x25 (>= `[`).
            let low = x & !HIGH;
            let m = (x | ((low + 0x3F * ONES) & !(low + 0x25 * ONES))) & HIGH;
            if m == 0 {
                i += 8;
                continue;
            }
            if x & HIGH == 0 {
                // All ASCII: every byte marked is a capital.
                let mut m = m;
                while m != 0 {
                    out.push(i + (m.trailing_zeros() / 8) as usize);
                    m &= m - 1;
                }
                i += 8;
                continue;
            }
            i += (m.trailing_zeros() / 8) as usize;
        }
        let c = b[i];
        if c.is_ascii_uppercase() {
            out.push(i);
            i += 1;
        } else if c < 0x80 {
            i += 1;
        } else {
            match text.get(i..).and_then(|t| t.chars().next()) {
                Some(ch) => {
                    if ch.is_uppercase() {
                        out.push(i);
                    }
                    i += ch.len_utf8();
                }
                None => i += 1,
            }
        }
    }
    out
}

/// A capital that starts a word for at least one of the passes over
/// capitalised words (see `cap_words`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CapWord {
    /// Where the capital is.
    start: usize,
    /// Where the letters from `start` end (`letters_end`); `start` unless
    /// the word is `WORD` or `GIVEN`.
    letters_end: usize,
    /// Where the run of name-word characters from `start` ends
    /// (`word_run`); `start` unless the word is `WORD`.
    run_end: usize,
    /// `WORD`, `GIVEN` and `OPENS`.
    flags: u8,
}

/// After a character that is not alphanumeric, or at the text's start:
/// where the context pass starts words.
const WORD: u8 = 1;
/// An ASCII capital after a byte that is neither an ASCII letter nor
/// part of a non-ASCII character, or at the start: where the given-name
/// pass looks.
const GIVEN: u8 = 2;
/// After a byte that is neither ASCII alphanumeric nor `_`, or at the
/// start (a regex word boundary before an ASCII capital): where an
/// honorific may open.
const OPENS: u8 = 4;

impl CapWord {
    fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// The capitalised words of `text`, from its capitals `caps` (see
/// `capitals`), in one pass: each capital is judged once for the three
/// passes that walk capitalised words (honorifics, given names, context
/// cues), and the letters and the run of a word are read once. A capital
/// no pass starts a word at is left out.
///
/// Linear: a word's letters never hold the start of another listed word
/// (its first character follows a non-letter), and the words inside one
/// run (`Jo-Ann`, `A-A-A-…`) share the run's end, which is read once.
fn cap_words(text: &str, caps: &[usize]) -> Vec<CapWord> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(caps.len());
    // The end of the last run read: a word before it is inside it.
    let mut last_run_end = 0;
    for &s in caps {
        let prev = s.checked_sub(1).map(|p| b[p]);
        let word = match prev {
            None => true,
            Some(p) if p.is_ascii() => !p.is_ascii_alphanumeric(),
            Some(_) => text[..s]
                .chars()
                .next_back()
                .is_none_or(|p| !p.is_alphanumeric()),
        };
        let given = b[s].is_ascii_uppercase()
            && prev.is_none_or(|p| !(p.is_ascii_alphabetic() || p >= 0x80));
        let opens = prev.is_none_or(|p| !(p.is_ascii_alphanumeric() || p == b'_'));
        let flags = (u8::from(word) * WORD) | (u8::from(given) * GIVEN) | (u8::from(opens) * OPENS);
        if flags == 0 {
            continue;
        }
        let mut letters = s;
        let mut run_end = s;
        if word || given {
            letters = letters_end(text, s);
            if word {
                if s >= last_run_end {
                    // Letters are name-word characters: the run goes on
                    // from where they end, if at all (a hyphen, an
                    // apostrophe or a non-ASCII character).
                    last_run_end = match b.get(letters) {
                        Some(&c) if c == b'-' || c == b'\'' || c >= 0x80 => {
                            letters + word_run(&text[letters..])
                        }
                        _ => letters,
                    };
                }
                run_end = last_run_end;
            }
        }
        out.push(CapWord {
            start: s,
            letters_end: letters,
            run_end,
            flags,
        });
    }
    out
}

/// How many ASCII letters open `b`: eight bytes at a time (a name word
/// is mostly read in one or two steps), the last few one by one.
fn ascii_letters(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let x = u64::from_le_bytes(w);
        // Per byte, without carries: lower-cased (`| 0x20`), its low seven
        // bits plus 0x1F reach the high bit from `a` on, plus 0x05 from
        // the byte after `z` on; a non-ASCII byte is no letter.
        let low = (x | (0x20 * ONES)) & !HIGH;
        let letter = (low + 0x1F * ONES) & !(low + 0x05 * ONES) & !x & HIGH;
        let other = !letter & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..]
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(b.len() - n)
}

/// Where the letters from `i` end: ASCII ones byte by byte, then (at a
/// non-ASCII byte) any alphabetic characters, decoded.
fn letters_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut end = i + ascii_letters(&b[i..]);
    if b.get(end).is_some_and(|&c| c >= 0x80) {
        end = text[end..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(text.len(), |k| end + k);
    }
    end
}

/// Whether the word at `s` may be the second or a later word of a name
/// `name_after` reads: it follows spaces after a token with a capital at
/// a word start (a name word or an initial, perhaps after punctuation),
/// or a glued initial's full stop.
/// Non-ASCII bytes around are taken to allow it.
fn follows_a_capitalised_token(b: &[u8], s: usize) -> bool {
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    match s.checked_sub(1).map(|k| b[k]) {
        Some(c) if c == b'.' || c >= 0x80 => return true,
        Some(c) if space(c) => {}
        _ => return false,
    }
    let mut k = s - 1;
    while k > 0 && space(b[k - 1]) {
        k -= 1;
    }
    // The token before the spaces, read backwards until a non-ASCII byte
    // or a capital that starts a word in it: a name may be glued to
    // punctuation before it (`(Amara Diallo`, `"Amara`, `x-Amara`), and
    // any such capital counts, as it does where `context_names` starts a
    // name (the token's first byte follows a space or the text's start).
    let mut p = k;
    while p > 0 && !space(b[p - 1]) {
        p -= 1;
        let c = b[p];
        if c >= 0x80 || (c.is_ascii_uppercase() && (p == 0 || !b[p - 1].is_ascii_alphanumeric())) {
            return true;
        }
    }
    false
}

/// Whether `needle` occurs in the short `hay`: a plain scan, without the
/// set-up a substring searcher costs on every call.
fn has_bytes(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Where the first `, ` is in the short `s` (`str::find(", ")`, without
/// the set-up a substring searcher costs on every call).
fn find_comma_space(s: &str) -> Option<usize> {
    s.as_bytes().windows(2).position(|w| w == b", ")
}

/// Where the last `, ` is in the short `s` (`str::rfind(", ")`).
fn rfind_comma_space(s: &str) -> Option<usize> {
    s.as_bytes().windows(2).rposition(|w| w == b", ")
}

/// Length of the run of letters, hyphens and apostrophes that opens `s`
/// (the characters of a name word).
fn word_run(s: &str) -> usize {
    const RUN: [bool; 256] = {
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            t[c] = b.is_ascii_alphabetic() || b == b'-' || b == b'\'';
            c += 1;
        }
        t
    };
    let b = s.as_bytes();
    let n = b
        .iter()
        .position(|&c| !RUN[usize::from(c)])
        .unwrap_or(b.len());
    if b.get(n).is_some_and(|&c| c >= 0x80) {
        return s[n..]
            .find(|c: char| !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
            .map_or(s.len(), |k| n + k);
    }
    n
}

/// A cheap first test of whether a word is in a large set: one bit per
/// hashed word length and first four bytes, in a table sparse enough that
/// most other words miss. It never rejects a word of the set.
#[derive(Debug)]
struct Bloom {
    bits: Vec<u64>,
}

impl Bloom {
    const BITS: u32 = 16;

    fn new<'w>(words: impl Iterator<Item = &'w [u8]>) -> Bloom {
        let mut b = Bloom {
            bits: vec![0; (1 << Self::BITS) / 64],
        };
        for w in words {
            let h = Self::slot(w);
            b.bits[h / 64] |= 1 << (h % 64);
        }
        b
    }

    fn slot(w: &[u8]) -> usize {
        let v = w
            .iter()
            .take(4)
            .enumerate()
            .fold(w.len() as u32, |v, (k, &c)| v ^ u32::from(c) << (8 * k));
        (v.wrapping_mul(0x9E37_79B1) >> (32 - Self::BITS)) as usize
    }

    /// May the set hold `w`?
    fn may_hold(&self, w: &[u8]) -> bool {
        let h = Self::slot(w);
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }

    /// May the set (of lower-cased words) hold `w.to_lowercase()`? Read
    /// without lower-casing `w` when it is ASCII (its lower case is then
    /// its ASCII lower case, of the same length); else always `true`.
    fn may_hold_lowercase(&self, w: &str) -> bool {
        if !w.is_ascii() {
            return true;
        }
        let b = w.as_bytes();
        let mut head = [0u8; 4];
        let n = b.len().min(4);
        head[..n].copy_from_slice(&b[..n]);
        head.make_ascii_lowercase();
        let v = head[..n]
            .iter()
            .enumerate()
            .fold(b.len() as u32, |v, (k, &c)| v ^ u32::from(c) << (8 * k));
        let h = (v.wrapping_mul(0x9E37_79B1) >> (32 - Self::BITS)) as usize;
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }
}

/// A cheap test of whether one of a few words may start (or end) at a
/// position, before they are compared one by one: the bytes that may open
/// them, and a bitset of their hashed first (or last) one to four bytes.
/// It never rejects a position where a word is.
#[derive(Debug)]
struct Grams {
    /// The bytes the words may open with (both ASCII cases with `fold`).
    first: [bool; 256],
    /// Which lengths (0 to 4) the words' keys have: their first (or last)
    /// four bytes, or the whole of a shorter word.
    lens: [bool; 5],
    bits: [u64; 64],
    /// The words' first (or last) two bytes, last one nearest with
    /// `at_end`: one bit per pair, an exact first test (see `pair_ok`).
    /// `None` when a word is shorter than two bytes.
    pairs: Option<Box<[u64; 1024]>>,
    /// Whether ASCII case is ignored.
    fold: bool,
}

impl Grams {
    /// From the `words`; `fold` ignores ASCII case, `at_end` keys them by
    /// their last bytes (for `may_end`), else by their first (`may_start`).
    fn new<'w>(words: impl Iterator<Item = &'w [u8]>, fold: bool, at_end: bool) -> Grams {
        let mut g = Grams {
            first: [false; 256],
            lens: [false; 5],
            bits: [0; 64],
            pairs: Some(Box::new([0; 1024])),
            fold,
        };
        for w in words {
            match w {
                [.., a, b] if at_end => g.set_pair(*b, *a),
                [a, b, ..] if !at_end => g.set_pair(*a, *b),
                _ => g.pairs = None,
            }
            if let Some(&c) = w.first() {
                g.first[usize::from(c)] = true;
                g.first[usize::from(c.to_ascii_lowercase())] |= fold;
                g.first[usize::from(c.to_ascii_uppercase())] |= fold;
            }
            let n = w.len().min(4);
            g.lens[n] = true;
            // The key reads the bytes from the word's edge inwards.
            let mut v = 0;
            for k in 0..n {
                v = g.push(v, k, if at_end { w[w.len() - 1 - k] } else { w[k] });
            }
            let h = Self::slot(v, n);
            g.bits[h / 64] |= 1 << (h % 64);
        }
        g
    }

    /// The bit of the pair `a`, `b` (ASCII case folded with `fold`).
    fn pair_bit(&self, a: u8, b: u8) -> usize {
        let f = |c: u8| if self.fold { c.to_ascii_lowercase() } else { c };
        usize::from(f(a)) << 8 | usize::from(f(b))
    }

    fn set_pair(&mut self, a: u8, b: u8) {
        let i = self.pair_bit(a, b);
        if let Some(p) = self.pairs.as_mut() {
            p[i / 64] |= 1 << (i % 64);
        }
    }

    /// Whether a word may open (or end) with the bytes `a`, `b` (the last
    /// byte `a` with `at_end`): exact, where the keys are hashed. Only
    /// `false` when every word has two bytes at least and none has these
    /// two, so it never rejects a position where a word is.
    #[inline]
    fn pair_ok(&self, a: u8, b: u8) -> bool {
        self.pairs.as_ref().is_none_or(|p| {
            let i = self.pair_bit(a, b);
            p[i / 64] & (1 << (i % 64)) != 0
        })
    }

    /// The key `v` of `k` bytes, extended by `c`.
    #[inline]
    fn push(&self, v: u32, k: usize, c: u8) -> u32 {
        let c = if self.fold { c.to_ascii_lowercase() } else { c };
        v | u32::from(c) << (8 * k)
    }

    #[inline]
    fn slot(v: u32, n: usize) -> usize {
        (v.wrapping_add(n as u32).wrapping_mul(0x9E37_79B1) >> 20) as usize
    }

    #[inline]
    fn has(&self, v: u32, n: usize) -> bool {
        let h = Self::slot(v, n);
        self.lens[n] && self.bits[h / 64] & (1 << (h % 64)) != 0
    }

    /// The key of `w`'s last (up to four) bytes, as `may_end` reads them.
    fn end_key(&self, w: &[u8]) -> u32 {
        w.iter()
            .rev()
            .take(4)
            .enumerate()
            .fold(0, |v, (k, &c)| self.push(v, k, c))
    }

    /// May a word start `rest` (a `Grams` keyed by first bytes)?
    #[inline]
    fn may_start(&self, rest: &[u8]) -> bool {
        if let [a, b, ..] = rest {
            if !self.pair_ok(*a, *b) {
                return false;
            }
        }
        let mut v = 0;
        self.lens[0]
            || rest.iter().take(4).enumerate().any(|(k, &c)| {
                v = self.push(v, k, c);
                self.has(v, k + 1)
            })
    }

    /// May a word end `before` (a `Grams` keyed by last bytes)?
    #[inline]
    fn may_end(&self, before: &[u8]) -> bool {
        if let [.., b, a] = before {
            if !self.pair_ok(*a, *b) {
                return false;
            }
        }
        let mut v = 0;
        self.lens[0]
            || before.iter().rev().take(4).enumerate().any(|(k, &c)| {
                v = self.push(v, k, c);
                self.has(v, k + 1)
            })
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a
/// character boundary.
fn head_of(s: &str, max: usize) -> &str {
    let mut n = max.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// Length of the token at the start of `s`: up to whitespace or list
/// punctuation, or just after an initial glued to a name (`M.Thombra`).
fn token_len(s: &str) -> usize {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_whitespace() || is_name_stop(c) {
            return i;
        }
        // Initials glued to a name: `M.Thombra`, `S.M.Subramaniam`.
        if c == b'.'
            && i % 2 == 1
            && b[..i].iter().step_by(2).all(u8::is_ascii_uppercase)
            && b[1..i].iter().step_by(2).all(|x| *x == b'.')
            && b.get(i + 1).is_some_and(u8::is_ascii_uppercase)
            && b.get(i + 2).is_some_and(u8::is_ascii_lowercase)
        {
            return i + 1;
        }
        if c >= 0x80
            && s.get(i..)
                .is_some_and(|t| t.starts_with(['\u{a0}', '\u{2009}']))
        {
            return i;
        }
    }
    s.len()
}

/// `f(w.to_lowercase())`, without allocating for short ASCII words.
fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 48];
    if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(b) {
            return f(lower);
        }
    }
    f(&w.to_lowercase())
}

/// `OFFICES` → `Offices`; other words unchanged (borrowed when possible).
fn title_case(w: &str) -> std::borrow::Cow<'_, str> {
    if w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()) {
        let mut out = String::with_capacity(w.len());
        for (i, c) in w.chars().enumerate() {
            if i == 0 {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// The single word of a one-word name (`WEBBER`), for surname merging.
fn single_word(s: &str) -> Option<String> {
    (s.split_whitespace().count() == 1).then(|| s.to_string())
}

/// The char boundary at most `n` bytes before `at`: how far back a rule
/// looks, so that no rule rescans the text before it.
fn back(text: &str, at: usize, n: usize) -> usize {
    floor_char(text, at.saturating_sub(n))
}

/// The largest char boundary at or below `i`.
fn floor_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The lines of `text`, without their line breaks (`\r` and `\n` at
/// their end), as `split_inclusive('\n')` cuts them.
fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let b = text.as_bytes();
    let last = (!b.is_empty() && !text.ends_with('\n')).then_some(b.len());
    let mut start = 0;
    memchr::memchr_iter(b'\n', b)
        .map(|i| i + 1)
        .chain(last)
        .map(move |end| {
            let mut e = end;
            while e > start && matches!(b[e - 1], b'\n' | b'\r') {
                e -= 1;
            }
            let s = Span::new(start, e);
            start = end;
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn ex() -> PeopleExtractor {
        PeopleExtractor::new(&Patterns::builtin()).expect("patterns compile")
    }

    fn run_with(text: &str, agencies: Vec<Agency>) -> Vec<Person> {
        let doc = Document::new("t".into(), "test".into(), Format::Text, text.into());
        let sentences = vec![Span::new(0, text.len())];
        let mut facts = Facts {
            agencies,
            ..Facts::default()
        };
        ex().extract(&doc, &sentences, &mut facts);
        for p in &facts.people {
            for m in &p.mentions {
                assert_eq!(
                    &text[m.start..m.end],
                    m.text,
                    "mention offsets of {}",
                    p.name
                );
            }
        }
        facts.people
    }

    fn run(text: &str) -> Vec<Person> {
        run_with(text, Vec::new())
    }

    fn names(people: &[Person]) -> Vec<&str> {
        people.iter().map(|p| p.name.as_str()).collect()
    }

    fn get<'a>(people: &'a [Person], name: &str) -> &'a Person {
        people
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} not in {:?}", names(people)))
    }

    /// An agency named `name`, mentioned wherever its name occurs.
    fn agency(name: &str, text: &str, kind: AgencyKind) -> Agency {
        crate::extract::testutil::agency(text, name, kind, &[name])
    }

    fn piece_texts(text: &str) -> Vec<String> {
        let e = ex();
        e.pieces(text, Span::new(0, text.len()))
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    /// Cut `span` of `text` into pieces: at line breaks and tabs, and at
    /// the glue points of flattened text.
    fn pieces_reference(e: &PeopleExtractor, text: &str, span: Span) -> Vec<Span> {
        let mut cuts = vec![span.start];
        let seg = &text[span.start..span.end];
        let chars: Vec<(usize, char)> = seg.char_indices().collect();
        let mut word_start = 0usize; // index into chars
        for i in 0..chars.len() {
            let (off, c) = chars[i];
            let at = span.start + off;
            if c == '\n' || c == '\t' || c == '\r' {
                cuts.push(at);
                cuts.push(at + c.len_utf8());
                word_start = i + 1;
                continue;
            }
            if c.is_whitespace() {
                word_start = i + 1;
                continue;
            }
            if i == 0 {
                continue;
            }
            let prev = chars[i - 1].1;
            let next = chars.get(i + 1).map(|x| x.1);
            let cut = if is_lower(prev) && is_upper(c) {
                // Not inside a glued surname prefix: `McCormick`, `DeHart`.
                let word: String = chars[word_start..i].iter().map(|x| x.1).collect();
                !e.particle_glued.contains(&word)
            } else if prev.is_alphabetic() && c.is_ascii_digit() {
                true
            } else if prev.is_ascii_digit() && is_upper(c) {
                next.is_some_and(is_lower)
            } else if is_upper(prev) && is_upper(c) && next.is_some_and(is_lower) {
                // `NWWashington`, `HYLANDVeterans`: two capitals or more before.
                i >= 2 && is_upper(chars[i - 2].1) && i - 2 >= word_start
            } else if prev == '.' && is_upper(c) && next.is_some_and(is_lower) {
                // `Jr.District`, `Inc.John`, but not `U.S.Department`.
                i >= 3 && is_lower(chars[i - 2].1) && chars[i - 3].1.is_alphabetic()
            } else {
                prev == ':' && c.is_alphabetic()
            };
            if cut {
                cuts.push(at);
                word_start = i;
            }
        }
        cuts.push(span.end);
        cuts.sort_unstable();
        cuts.dedup();
        cuts.windows(2)
            .map(|w| trim_piece(text, Span::new(w[0], w[1])))
            .filter(|s| s.start < s.end)
            .collect()
    }

    #[test]
    fn pieces_are_cut_as_the_whole_block_was() {
        let e = ex();
        let texts = [
            "Jane P. McAllisterSenior CounselState2201 C Street NWWashington, DC 20520Paul DeWittJr.Director",
            "U.S.Department of Labor\nClerk\tA. Moss\r\n\n\t M. KELLERVeterans Law Judge",
            "cc:Jane Roe, Esq.;Inc.John 3Main Street\n\n|•·*_ x:y: ÉMILE ZolaÉcole  ",
            "",
            "\n",
            "a",
        ];
        for t in texts {
            for (from, to) in [(0, t.len()), (t.len().min(3), t.len())] {
                if !t.is_char_boundary(from) {
                    continue;
                }
                let span = Span::new(from, to);
                let got: Vec<Span> = e.pieces(t, span).collect();
                assert_eq!(got, pieces_reference(&e, t, span), "{t:?} {from}");
            }
        }
    }

    #[test]
    fn names_wrap_only_at_the_end_of_long_lines() {
        let t = "Meeting with Joe Biden\nVolker said the talks went well, according to officials who attended the long meeting with Mr. John\nSmith on Tuesday.";
        let names: Vec<String> = run(t).into_iter().map(|p| p.name).collect();
        assert!(names.contains(&"Joe Biden".to_string()), "{names:?}");
        assert!(names.contains(&"John Smith".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("Volker")), "{names:?}");
    }

    #[test]
    fn lowercase_lookups_match_to_lowercase() {
        for w in ["McCormick", "HYLAND", "Étienne", "Ó", &"Ab".repeat(40), ""] {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase());
        }
        let mut set = WordSet::default();
        set.insert("judge".to_string());
        assert!(with_lowercase("JUDGE", |l| set.contains(l)));
        assert!(!with_lowercase("Judges", |l| set.contains(l)));
    }

    #[test]
    fn glue_points_split_but_surname_prefixes_do_not() {
        assert_eq!(
            piece_texts("Jane P. McAllisterSenior CounselState2201 C Street NWWashington, DC 20520Paul DeWittJr.Director"),
            vec![
                "Jane P. McAllister",
                "Senior Counsel",
                "State",
                "2201 C Street NW",
                "Washington, DC 20520",
                "Paul DeWitt",
                "Jr.",
                "Director"
            ]
        );
        // Abbreviations with dots stay whole; line breaks and tabs cut.
        assert_eq!(
            piece_texts("U.S.Department of Labor\nClerk\tA. Moss"),
            vec!["U.S.Department of Labor", "Clerk", "A. Moss"]
        );
        assert_eq!(
            piece_texts("M. KELLERVeterans Law Judge"),
            vec!["M. KELLER", "Veterans Law Judge"]
        );
    }

    #[test]
    fn glued_signature_and_cc_block() {
        let text = "We ask you to act now.Sincerely,Maria GonzalezExecutive DirectorAmericas RegionFreedom Advocacy NetworkPeter J. McAllisterSenior CounselRefugee ProjectCitizens Legal Unioncc:Jonathan BarnesSecretary of the InteriorU.S. Department of the Interior1849 C Street NWWashington, DC 20240Olga PetrenkoDeputy DirectorU.S. Bureau of Prisons320 First Street NWWashington, D.C. 20534";
        let p = run(text);
        assert_eq!(
            names(&p),
            vec![
                "Maria Gonzalez",
                "Peter J. McAllister",
                "Jonathan Barnes",
                "Olga Petrenko"
            ]
        );
        let m = get(&p, "Maria Gonzalez");
        assert_eq!(
            m.title.as_deref(),
            Some("Executive Director, Americas Region")
        );
        assert_eq!(m.organization.as_deref(), Some("Freedom Advocacy Network"));
        assert_eq!(m.role.as_deref(), Some("signatory"));
        assert_eq!(m.address, None);
        let pj = get(&p, "Peter J. McAllister");
        // Several organisation lines: the last is the organisation.
        assert_eq!(pj.title.as_deref(), Some("Senior Counsel, Refugee Project"));
        assert_eq!(pj.organization.as_deref(), Some("Citizens Legal Union"));
        let j = get(&p, "Jonathan Barnes");
        assert_eq!(j.role.as_deref(), Some("cc"));
        assert_eq!(j.title.as_deref(), Some("Secretary of the Interior"));
        assert_eq!(
            j.organization.as_deref(),
            Some("U.S. Department of the Interior")
        );
        assert_eq!(
            j.address.as_deref(),
            Some("1849 C Street NW, Washington, DC 20240")
        );
        let o = get(&p, "Olga Petrenko");
        assert_eq!(o.role.as_deref(), Some("cc"));
        assert_eq!(
            o.address.as_deref(),
            Some("320 First Street NW, Washington, D.C. 20534")
        );
        assert_eq!(o.mentions.len(), 1);
        assert_eq!(o.mentions[0].text, "Olga Petrenko");
    }

    #[test]
    fn line_separated_signature_with_commas() {
        let text = "Please reply soon.\n\nRespectfully,\n\nAnna Kowalski, Legal Director\nCentre for Migration Studies\n\nCc: Robert Chen, Commissioner\nState Office of Refugees\n";
        let p = run(text);
        assert_eq!(names(&p), vec!["Anna Kowalski", "Robert Chen"]);
        let a = get(&p, "Anna Kowalski");
        assert_eq!(a.title.as_deref(), Some("Legal Director"));
        assert_eq!(
            a.organization.as_deref(),
            Some("Centre for Migration Studies")
        );
        assert_eq!(a.role.as_deref(), Some("signatory"));
        let r = get(&p, "Robert Chen");
        assert_eq!(r.title.as_deref(), Some("Commissioner"));
        assert_eq!(r.role.as_deref(), Some("cc"));
    }

    #[test]
    fn organisation_lines_are_not_people() {
        // No agency facts: the head nouns decide.
        assert!(run("Thank you.Sincerely,Open Society InstituteAmnesty International").is_empty());
        // An agency the previous stage found is not a person, whatever its shape.
        let text = "Sincerely,\nGreen Meadow\nTom Harris\nDirector\n";
        let p = run_with(text, vec![agency("Green Meadow", text, AgencyKind::Ngo)]);
        assert_eq!(names(&p), vec!["Tom Harris"]);
        // Page chrome after a sign-off block stops the block.
        let p = run("Sincerely,Kate MooreDirectorWatch GroupRelated ArticlesMost Viewed This Week In The News Today And More");
        assert_eq!(names(&p), vec!["Kate Moore"]);
    }

    #[test]
    fn places_are_not_people() {
        let e = ex();
        for s in [
            "United States",
            "New York",
            "Queens County",
            "South Africa",
            "HUMAN RIGHTS",
        ] {
            assert!(!e.is_name(s, 2), "{s}");
        }
        for s in [
            "Maria Gonzalez",
            "James P. DeHart",
            "M. HYLAND",
            "Sean O’Brien",
            "Ana de Souza",
        ] {
            assert!(e.is_name(s, 1), "{s}");
        }
        assert!(
            run("Officials of the United States and Central America met in New York.").is_empty()
        );
    }

    #[test]
    fn honorific_surname_merges_with_full_name() {
        let text = "An Egyptian citizen, Karim Haddad, was arrested.Mr. Haddad remains in custody, and Mr. Haddad’s lawyer appealed.";
        let p = run(text);
        assert_eq!(names(&p), vec!["Karim Haddad"]);
        assert_eq!(p[0].mentions.len(), 3);
        assert_eq!(p[0].mentions[1].text, "Mr. Haddad");
        assert_eq!(p[0].title, None);
    }

    #[test]
    fn honorific_alone_keeps_honorific_and_full_names_drop_it() {
        let p =
            run("He followed Sheikh Bakri. Imam Yusuf Kareem, a friend of Sheikh Bakri, was held.");
        assert_eq!(names(&p), vec!["Sheikh Bakri", "Yusuf Kareem"]);
        assert_eq!(get(&p, "Sheikh Bakri").mentions.len(), 2);
        assert_eq!(get(&p, "Yusuf Kareem").title.as_deref(), Some("Imam"));
    }

    #[test]
    fn honorific_words_used_as_nouns_are_not_people() {
        assert!(run("This code uses the General Rating Formula for disorders.").is_empty());
        assert!(run("The Justice Department and the Secretary General Office replied.").is_empty());
    }

    #[test]
    fn judge_suffixes_and_panels() {
        let text = "Appeal from an order of the Supreme Court, Kings County (John Q. Adams, J.), dated May 2, 2020.\nPresent: Rivera, J.P., Lopez, Marsh and Kaplan, JJ.";
        let court = agency("Appellate Term", text, AgencyKind::Court);
        let mut lower = agency("Supreme Court, Kings County", text, AgencyKind::Court);
        lower.mentions.truncate(1);
        let p = run_with(text, vec![lower, court]);
        assert_eq!(
            names(&p),
            vec!["John Q. Adams", "Rivera", "Lopez", "Marsh", "Kaplan"]
        );
        let a = get(&p, "John Q. Adams");
        assert_eq!(a.title.as_deref(), Some("J."));
        assert_eq!(
            a.organization.as_deref(),
            Some("Supreme Court, Kings County")
        );
        assert_eq!(a.role.as_deref(), Some("judge"));
        assert_eq!(get(&p, "Rivera").title.as_deref(), Some("J.P."));
        assert_eq!(get(&p, "Marsh").title, None);
    }

    #[test]
    fn caption_panel_merges_with_concurring_surnames() {
        let text = "Maria Rivera, J.P.\nAndrew Lopez\nSusan Marsh\nDavid Kaplan, JJ.\nThe order is affirmed.\nRIVERA, J.P., LOPEZ, MARSH and KAPLAN, JJ., concur.";
        let p = run(text);
        assert_eq!(
            names(&p),
            vec![
                "Maria Rivera",
                "Andrew Lopez",
                "Susan Marsh",
                "David Kaplan"
            ]
        );
        for x in &p {
            assert_eq!(x.mentions.len(), 2, "{}", x.name);
        }
        assert_eq!(get(&p, "Maria Rivera").title.as_deref(), Some("J.P."));
        // Flattened: the sentence before the concurrence is not a name.
        let p = run("The order is affirmed.Concur—Webster, J.P., Oduya, Lind, JJ.");
        assert_eq!(names(&p), vec!["Webster", "Oduya", "Lind"]);
    }

    #[test]
    fn counsel_lines() {
        let text = "Smith & Jones LLP, Albany, NY (Karen L. White and Paul Grey of\ncounsel), for respondent.\nOmar Diallo, Legal Aid Bureau, Buffalo (Ruth K. Stein of counsel), for appellant.\nWalter B. Ames, Jr., District Attorney, Rochester (Lena Cho of counsel), for respondent.";
        let p = run(text);
        assert_eq!(
            names(&p),
            vec![
                "Karen L. White",
                "Paul Grey",
                "Omar Diallo",
                "Ruth K. Stein",
                "Walter B. Ames, Jr.",
                "Lena Cho"
            ]
        );
        let k = get(&p, "Karen L. White");
        assert_eq!(k.organization.as_deref(), Some("Smith & Jones LLP"));
        assert_eq!(k.role.as_deref(), Some("counsel for respondent"));
        assert_eq!(
            get(&p, "Ruth K. Stein").organization.as_deref(),
            Some("Legal Aid Bureau")
        );
        assert_eq!(
            get(&p, "Omar Diallo").role.as_deref(),
            Some("counsel for appellant")
        );
        assert_eq!(
            get(&p, "Walter B. Ames, Jr.").title.as_deref(),
            Some("District Attorney")
        );
    }

    #[test]
    fn counsel_bracketed_names_take_the_firm_before_them() {
        let text = "Reed & Hale, LLP (Ann Reed and Cole Legal Group, Utica, NY [Ben T. Cole], of counsel), for appellant.";
        let p = run(text);
        assert_eq!(names(&p), vec!["Ann Reed", "Ben T. Cole"]);
        assert_eq!(
            get(&p, "Ann Reed").organization.as_deref(),
            Some("Reed & Hale, LLP")
        );
        assert_eq!(
            get(&p, "Ben T. Cole").organization.as_deref(),
            Some("Cole Legal Group")
        );
    }

    #[test]
    fn party_lines() {
        let text = "The People of the State of New York,\nRespondent,\nv\nMarcus Field, Appellant.\nAcme Holdings, LLC, respondent,\n";
        let p = run(text);
        assert_eq!(names(&p), vec!["Marcus Field"]);
        assert_eq!(p[0].role.as_deref(), Some("subject"));
    }

    #[test]
    fn signature_lines_without_sign_off() {
        let text = "The appeal is denied.\n\n\nR. TALBOT\n\nVeterans Law Judge\n\nBoard of Veterans' Appeals\n\nAttorney for the Board\tJ. Moss\n\nThe Board's decision in this case is binding only with respect to the instant matter decided.";
        let p = run(text);
        assert_eq!(names(&p), vec!["R. TALBOT", "J. Moss"]);
        let t = get(&p, "R. TALBOT");
        assert_eq!(t.title.as_deref(), Some("Veterans Law Judge"));
        assert_eq!(
            t.organization.as_deref(),
            Some("Board of Veterans' Appeals")
        );
        assert_eq!(t.role.as_deref(), Some("signatory"));
        let m = get(&p, "J. Moss");
        assert_eq!(m.title.as_deref(), Some("Attorney for the Board"));
        assert_eq!(m.role, None);
    }

    #[test]
    fn given_names_in_running_text() {
        let text = "Yesterday Susan Miller told reporters that the Susan Miller Foundation had paid. See Miller v. Jones, 12 F.3d 4. Radio Free Europe said so.";
        let p = run(text);
        assert_eq!(names(&p), vec!["Susan Miller"]);
        assert_eq!(p[0].mentions.len(), 1);
        // A name inside an agency mention is not a person.
        let text = "The Robert Kennedy Center wrote.";
        let p = run_with(
            text,
            vec![agency("Robert Kennedy Center", text, AgencyKind::Ngo)],
        );
        assert!(p.is_empty());
    }

    #[test]
    fn party_in_body_and_bare_surname_mentions() {
        let text = "Appellant Dana K. Whitcombe appeals the judgment. Whitcombe argues the plea was coerced. See Whitcombe v. State, 5 S.W.3d 1. The Whitcombe Trust paid.";
        let p = run(text);
        assert_eq!(names(&p), vec!["Dana K. Whitcombe"]);
        assert_eq!(p[0].role.as_deref(), Some("subject"));
        // The full name and the bare surname; not the citation, not the trust.
        let m: Vec<&str> = p[0].mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(m, vec!["Dana K. Whitcombe", "Whitcombe"]);
    }

    #[test]
    fn name_comma_title_line_is_a_signature() {
        let text = "The judgment is affirmed.\n\nLaura B. Fenwick, Judge\n\nPaul T. Ortega, P.J., and Mia R. Haddon, J., concur.";
        let p = run(text);
        assert_eq!(
            names(&p),
            vec!["Laura B. Fenwick", "Paul T. Ortega", "Mia R. Haddon"]
        );
        let f = get(&p, "Laura B. Fenwick");
        assert_eq!(f.title.as_deref(), Some("Judge"));
        assert_eq!(f.role.as_deref(), Some("signatory"));
        assert_eq!(get(&p, "Paul T. Ortega").title.as_deref(), Some("P.J."));
        assert_eq!(get(&p, "Mia R. Haddon").title.as_deref(), Some("J."));
    }

    #[test]
    fn honorific_traps() {
        // A cut name (dangling initial), a position inside a company name,
        // honorifics before courts and titles, a case name.
        let text = "One Mr. Ravi N. \n\nfiled it. In Peerless General Finance & Co. the Hon'ble Supreme Court and the Hon'ble Prime Minister agreed. Mr. Osei v. Brandt was cited.";
        assert!(run(text).is_empty(), "{:?}", names(&run(text)));
        // Courtesy + position + name: the name, with the position as title.
        let p = run("Before the Hon'ble Mr. Justice Arun K. Mehta,J. today.");
        assert_eq!(names(&p), vec!["Arun K. Mehta"]);
        assert_eq!(p[0].title.as_deref(), Some("Justice"));
    }

    #[test]
    fn markdown_and_electronic_signatures() {
        let text = "We look forward to your reply.\n\nSincerely,\n\n/s/ Priya Raman\n\n**Priya Raman**\n_Staff Attorney_\nBorder Rights Clinic\n";
        let p = run(text);
        assert_eq!(names(&p), vec!["Priya Raman"]);
        assert_eq!(p[0].title.as_deref(), Some("Staff Attorney"));
        assert_eq!(p[0].organization.as_deref(), Some("Border Rights Clinic"));
        assert_eq!(p[0].role.as_deref(), Some("signatory"));
    }

    #[test]
    fn addressee_block_and_honorable_in_cc() {
        let text = "The Honorable Alan Whitford\nAttorney General\nU.S. Department of Justice\n950 Pennsylvania Avenue NW\nWashington, DC 20530\n\nDear Attorney General Whitford:\n\nWe write about the case.\n\nSincerely,\nNadia Farouk\ncc: Hon. Carla Mendes, Chair\nSenate Judiciary Committee\n";
        let p = run(text);
        assert_eq!(
            names(&p),
            vec!["Alan Whitford", "Nadia Farouk", "Carla Mendes"]
        );
        let a = get(&p, "Alan Whitford");
        assert_eq!(a.role.as_deref(), Some("recipient"));
        assert_eq!(a.title.as_deref(), Some("Attorney General"));
        assert_eq!(
            a.organization.as_deref(),
            Some("U.S. Department of Justice")
        );
        assert_eq!(
            a.address.as_deref(),
            Some("950 Pennsylvania Avenue NW, Washington, DC 20530")
        );
        // The salutation's surname is a mention of the same person.
        assert_eq!(a.mentions.len(), 2);
        let c = get(&p, "Carla Mendes");
        assert_eq!(c.role.as_deref(), Some("cc"));
        assert_eq!(
            c.organization.as_deref(),
            Some("Senate Judiciary Committee")
        );
    }

    #[test]
    fn names_in_a_persons_context() {
        let text = "The issue was decided in an action brought by Tan Wei Ming, on behalf of the plaintiff. Kwame Asante said the ruling was wrong. Zofia Brzęczek, who fled in 2004, testified.";
        let p = run(text);
        assert_eq!(
            names(&p),
            vec!["Tan Wei Ming", "Kwame Asante", "Zofia Brzęczek"]
        );
        // Context alone does not make organisations, nationalities or
        // capitalised phrases persons.
        let text = "Uzbek Authorities said so. Coalition for Fair Trade, a group, said so. With Fast Fuel, a charge lasts.";
        assert!(run(text).is_empty(), "{:?}", names(&run(text)));
    }

    #[test]
    fn before_and_present_panels() {
        let text = "UNITED STATES COURT OF APPEALS\nBefore: MOORE, Chief Judge, and CLAY and GIBBONS, Circuit Judges.\nThe petition is denied.";
        let p = run(text);
        assert_eq!(names(&p), vec!["MOORE", "CLAY", "GIBBONS"]);
        assert_eq!(get(&p, "MOORE").title.as_deref(), Some("Chief Judge"));
        assert_eq!(get(&p, "CLAY").title.as_deref(), Some("Circuit Judge"));
        assert_eq!(get(&p, "GIBBONS").role.as_deref(), Some("judge"));
        let p = run("Coram:\nHon'ble Mr. Justice Arvind P. Rao\n\nThe appeal is allowed.");
        assert_eq!(names(&p), vec!["Arvind P. Rao"]);
        assert_eq!(p[0].title.as_deref(), Some("Justice"));
    }

    #[test]
    fn attorney_signature_with_contact_lines() {
        let text = "Respectfully submitted,\n/s/ Dana Whitlock\nDana Whitlock\nLAW OFFICES OF DANA WHITLOCK\n12 Elm Street\nSpringfield, IL 62701\n(217) 555-0142\ndana@example.org\n";
        let p = run(text);
        assert_eq!(names(&p), vec!["Dana Whitlock"]);
        assert_eq!(
            p[0].organization.as_deref(),
            Some("LAW OFFICES OF DANA WHITLOCK")
        );
        assert_eq!(
            p[0].address.as_deref(),
            Some("12 Elm Street, Springfield, IL 62701")
        );
        assert_eq!(p[0].mentions.len(), 2);
    }

    #[test]
    fn mentions_carry_sentence_index() {
        let text = "First sentence here. Then Laura Ng spoke.";
        let doc = Document::new("t".into(), "s".into(), Format::Text, text.into());
        let sentences = vec![Span::new(0, 20), Span::new(21, text.len())];
        let mut facts = Facts::default();
        ex().extract(&doc, &sentences, &mut facts);
        assert_eq!(names(&facts.people), vec!["Laura Ng"]);
        let m = &facts.people[0].mentions[0];
        assert_eq!((m.start, m.sentence), (26, 1));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            "cc:",
            "Sincerely,",
            "ENTER:",
            ", J.",
            "JJ.",
            "(, J.)",
            "Mr. ",
            "Łukasz ŻółćDirectorÉcole Ünion cc:Ça",
            "Sincerely,ÉÉÉÉ ÖÖÖ\u{a0}Ä12Ö",
            "x, for appellant",
            "(((( of counsel), for respondent",
            "Sincerely,\t\t\n\n  ",
            "Ann Lee\nDirector",
            "A, B and C, JJ., concur",
            "“Mr. ”Smith’s",
        ] {
            let _ = run(t);
        }
    }

    #[test]
    fn shuffled_fragments_do_not_panic() {
        let parts = [
            "Mr. ",
            "Ünïon ",
            ", J.",
            ", JJ.",
            "(",
            ")",
            " of counsel), for appellant",
            "Sincerely,",
            "é",
            "—",
            "\n",
            "cc:",
            "Łukasz Żółć",
            "Director",
            " and ",
            "[",
            "]",
            "2201 C Street NW",
            "Washington, DC 20520",
            "Present: ",
            ", Appellant.",
            "Jane Q. Roe",
            "’s",
            ". ",
            "Hon'ble ",
            "\t",
            "/s/ ",
            "**",
            "Before:",
            "said",
            ", who",
            "brought by ",
            "Ａ",
            "\u{a0}",
        ];
        let e = ex();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..1500 {
            let mut t = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(parts[(seed >> 33) as usize % parts.len()]);
            }
            let doc = Document::new("t".into(), "s".into(), Format::Text, t.clone());
            let mut facts = Facts::default();
            e.extract(&doc, &[Span::new(0, t.len())], &mut facts);
            for p in &facts.people {
                for m in &p.mentions {
                    assert!(t.get(m.start..m.end).is_some(), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn glued_honorifics_and_initials() {
        let p = run("The Honourable Mr.Justice S.M.Subramaniam\nCounsel for the petitioner: Sri K. Venugopal Rao\nGeneralMotors sold cars.");
        assert_eq!(names(&p), vec!["S.M.Subramaniam", "K. Venugopal Rao"]);
        assert_eq!(get(&p, "S.M.Subramaniam").title.as_deref(), Some("Justice"));
    }

    #[test]
    fn inverted_attribution_in_press_releases() {
        let text = "“The ruling is a disgrace,” said Oyelaran Adebayo, Africa researcher. “We will appeal,” said Human Rights Watch. “No,” says U.S. Ambassador Reed.";
        let p = run(text);
        assert_eq!(names(&p), vec!["Oyelaran Adebayo", "Ambassador Reed"]);
    }

    #[test]
    fn bylines() {
        let text = "# Court Rules on Detention\nBy Temitope Okafor\n\nThe court ruled, as reported by Central Asia Desk staff.";
        assert_eq!(names(&run(text)), vec!["Temitope Okafor"]);
    }

    #[test]
    fn builtin_vocabulary_loads() {
        let e = ex();
        assert!(e.first_names.contains("Maria"));
        assert!(!e.first_names.contains("August"));
        assert!(e.title_first.contains("director"));
        assert!(e.org.contains("Watch"));
        assert!(e.honorifics.get("Mr.") == Some(&true));
        assert!(e.honorifics.get("Judge") == Some(&false));
    }

    /// Whether a cue is at the word at `s`, its run read from there.
    fn cued_at(e: &PeopleExtractor, t: &str, s: usize) -> bool {
        e.cue_at(t, s, s + word_run(&t[s..])) != Cue::None
    }

    #[test]
    fn cues_sit_at_capitalised_words() {
        let e = ex();
        let text = "Kofi Mensah said it, who knows. Brought by Jane Roe, saidx.\nBy Ann Lee";
        let cued = |t: &str| -> Vec<usize> {
            capitals(t)
                .into_iter()
                .filter(|&s| cued_at(&e, t, s))
                .collect()
        };
        let at = |s: &str| text.find(s).unwrap();
        // ` said` after a name word; not `, who` after `it`; `Roe, saidx`
        // is a longer word; `brought by ` (any case) and a byline's `By `.
        assert_eq!(cued(text), vec![at("Mensah"), at("Jane"), at("Ann")]);
        assert_eq!(cued("Amy Lee, who"), vec![4]);
        // One name word is no person's name: no cue after it alone.
        assert!(cued("the Lee, who; ( Lee said").is_empty());
        assert!(follows_a_capitalised_token(b"A. Lee", 3));
        assert!(follows_a_capitalised_token(b"S.M.Raju", 4));
        assert!(!follows_a_capitalised_token(b"the Lee", 4));
        assert!(follows_a_capitalised_token(b"(Amara Diallo", 7));
        assert!(follows_a_capitalised_token(b"\"Amara Diallo", 7));
        assert!(follows_a_capitalised_token(b"x-Amara Diallo", 8));
        assert!(!follows_a_capitalised_token(b"aB Diallo", 3));
        assert!(!follows_a_capitalised_token(b"(Lee", 1));
        assert!(!follows_a_capitalised_token(b" Lee", 1));
        // A possessive after the name word: `Lee’s` may end at `Lee`.
        assert!(cued_at(&e, "Amy Lee’s, who", 4));
        assert!(cued("the man, who; Room 12, who; said it").is_empty());
    }

    #[test]
    fn cues_agree_with_a_search_for_every_cue() {
        // Every cue occurrence, found with one automaton over the text: a
        // before cue and a space before a capital marks that word, and an
        // after cue at the end of a name `name_after` reads marks the
        // name's last word.
        let e = ex();
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(
                e.after_cues
                    .iter()
                    .chain(&e.before_cues)
                    .map(String::as_str)
                    .chain(["by"]),
            )
            .unwrap();
        let texts = [
            "Ann Lee, who spoke, and Bo Kim said. According to Cy Dee, a man; by Di Eve \
             (filed by Ed Fay), Client Gus Hu, SAID Ivy Jo, whose dog, an Owl. said Kay",
            "x said, Lee said Bo,said Cy , who; Dee saidé said Éva, explained Ümit",
            "by By  Ann by\tBo, a, an, who; Jo-Ann Lee said; Ann O’Brien’s, who; \
             Mr. d’Artagnan said; Amy Lee's said; ÉMILE ZOLA, who; S.M.Raju said",
        ];
        for text in texts {
            let n_after = e.after_cues.len();
            let caps = capitals(text);
            let words: Vec<usize> = caps
                .iter()
                .copied()
                .filter(|&s| {
                    text[..s]
                        .chars()
                        .next_back()
                        .is_none_or(|p| !p.is_alphanumeric())
                })
                .collect();
            let mut after = Vec::new();
            for m in ac.find_overlapping_iter(text) {
                let k = m.pattern().as_usize();
                let rest = &text[m.start()..];
                if k < n_after {
                    let c = &e.after_cues[k];
                    if rest.starts_with(c.as_str())
                        && rest[c.len()..]
                            .chars()
                            .next()
                            .is_none_or(|n| !n.is_alphanumeric())
                    {
                        after.push(m.start());
                    }
                } else if text[m.end()..].starts_with(' ') && words.contains(&(m.end() + 1)) {
                    let q = m.end() + 1;
                    assert!(cued_at(&e, text, q), "{text:?} {q}");
                }
            }
            for &i in &words {
                let Some(name) = e.name_after(text, i) else {
                    continue;
                };
                if after.contains(&name.end) && e.is_name(name.slice(text), 2) {
                    let last = words.iter().rev().find(|&&s| s >= i && s < name.end);
                    assert!(
                        last.is_some_and(|&s| cued_at(&e, text, s)),
                        "{text:?} {name:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_long_hyphenated_run_is_read_once() {
        // Every `A` after a hyphen starts a word of the same run: reading
        // the run again for each word (to look for a cue after it) would
        // take quadratic time (no timing is asserted: the result is).
        let t = format!("{} the end.", "A-".repeat(50_000));
        assert!(run(&t).is_empty());
    }

    #[test]
    fn name_after_reads_a_bounded_token() {
        let e = ex();
        let t = "Jean-Pierre Dupont said so.";
        assert_eq!(
            e.name_after(t, 0),
            Some(Span::new(0, "Jean-Pierre Dupont".len()))
        );
        // A token longer than any name is no name word, however it goes on.
        let long = format!("{}B", "Ab-".repeat(MAX_NAME_TOKEN / 3 + 1));
        assert!(long.len() > MAX_NAME_TOKEN);
        assert_eq!(e.name_after(&format!("{long} said so."), 0), None);
        assert_eq!(
            e.name_after(&format!("Jean {long} said so."), 0),
            Some(Span::new(0, 4))
        );
        // Cut inside a multi-byte character: the head stops before it.
        assert_eq!(head_of("Zoë", 3), "Zo");
        assert_eq!(head_of("Zoë", 9), "Zoë");
    }

    #[test]
    fn a_long_hyphenated_run_before_a_cue_is_not_read_at_every_capital() {
        // `name_after` is tried at each capital of the run, a cue being
        // later in the same stretch; the run is no name word (`-b`), so
        // the search moves on by one word each time: reading the whole
        // run each time would be quadratic (the bound itself is checked
        // by `name_after_reads_a_bounded_token`; no timing is asserted).
        let t = format!("Then {}b Kofi Mensah said so.", "A-".repeat(20_000));
        assert_eq!(names(&run(&t)), ["Kofi Mensah"]);
    }

    #[test]
    fn a_context_name_after_punctuation_is_found() {
        for t in [
            "Yesterday (Amara Diallo said no).",
            "Yesterday \"Amara Diallo said no\".",
            "Yesterday [Amara Diallo, who was there, left.]",
        ] {
            assert_eq!(names(&run(t)), ["Amara Diallo"], "{t}");
        }
    }

    #[test]
    fn capitals_are_the_upper_case_letters() {
        for t in [
            "",
            "a",
            "Ab cD, éÉ ÜBER straße ΣΑΣ x Y",
            "lower case text that runs for more than eight bytes Then A capital",
            "’“” Émile\u{a0}Zola Œuvre ǅ",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ AZaz\x7f",
        ]
        .into_iter()
        .map(String::from)
        .chain(crafted(
            &[
                "A", "Z", "a", "@", "[", " ", "é", "É", "ǅ", "\u{a0}", "Qq", "abcdefgh", "\x7f",
            ],
            3000,
            30,
        )) {
            let t = t.as_str();
            let want: Vec<usize> = t
                .char_indices()
                .filter(|(_, c)| c.is_uppercase())
                .map(|(i, _)| i)
                .collect();
            assert_eq!(capitals(t), want, "{t:?}");
        }
    }

    #[test]
    fn comma_space_searches_are_the_str_searches() {
        let parts = [
            ",", " ", ", ", ",,", "  ", "a", "\u{e9}", "\u{a0}", "\n", "\u{ff0c}",
        ];
        for t in crafted(&parts, 3000, 8) {
            assert_eq!(find_comma_space(&t), t.find(", "), "{t:?}");
            assert_eq!(rfind_comma_space(&t), t.rfind(", "), "{t:?}");
            assert_eq!(
                rfind_comma_space(&t).map(|i| (&t[..i], &t[i + 2..])),
                t.rsplit_once(", ")
            );
        }
    }

    #[test]
    fn name_words_are_judged_as_without_the_blooms() {
        let e = ex();
        // Every word of both sets, and case variants of them, passes its
        // bloom test.
        assert!(e
            .not_name
            .iter()
            .all(|w| e.not_name_bloom.may_hold(w.as_bytes())));
        for w in &e.title_any {
            for v in [
                w.clone(),
                w.to_uppercase(),
                title_case(&w.to_uppercase()).into_owned(),
            ] {
                assert!(e.title_any_bloom.may_hold_lowercase(&v), "{v:?}");
            }
        }
        let reference = |w: &str| {
            let shape = if w.is_ascii() {
                e.ascii_name_shape(w)
            } else {
                e.name_shape(w)
            };
            shape
                && !e.not_name.contains(w)
                && with_lowercase(w, |lower| !e.title_any.contains(lower))
        };
        let mut words: Vec<String> = e
            .title_any
            .iter()
            .chain(&e.not_name)
            .flat_map(|w| {
                let mut c = w.chars();
                let first: String = c.next().into_iter().flat_map(char::to_uppercase).collect();
                [
                    w.clone(),
                    w.to_uppercase(),
                    format!("{first}{}", c.as_str()),
                    format!("{first}{}s", c.as_str()),
                ]
            })
            .collect();
        let parts = [
            "Jo", "JO", "an", "\u{c9}", "\u{e9}", "-", "'", "Mc", "Ann", "Judge", "ice",
        ];
        words.extend(crafted(&parts, 3000, 4));
        let mut names = 0;
        for w in &words {
            assert_eq!(e.is_name_word(w), reference(w), "{w:?}");
            names += usize::from(reference(w));
        }
        assert!(names > 100, "{names}");
    }

    /// `is_title` and `is_org` as they read before the blooms.
    fn title_and_org_reference(e: &PeopleExtractor, s: &str) -> (bool, bool) {
        let is_org_word = |w: &str| e.org.contains(w.trim_matches([',', ';', '(', ')']));
        let title = (|| {
            let first = PeopleExtractor::first_word(s).trim_end_matches(',');
            if !first.starts_with(is_upper) {
                return false;
            }
            let (first_title, first_mod) = with_lowercase(first, |lower| {
                (e.title_first.contains(lower), e.title_mod.contains(lower))
            });
            if first_title {
                return true;
            }
            if first_mod && !s.split_whitespace().any(is_org_word) {
                return true;
            }
            let head = with_lowercase(PeopleExtractor::last_word(s), |last| {
                e.title_head.contains(last)
                    || last
                        .strip_suffix('s')
                        .is_some_and(|l| e.title_head.contains(l))
            });
            let words = s.split_whitespace().count();
            head && words <= 8
                && !s
                    .split_whitespace()
                    .take(words.saturating_sub(1))
                    .any(is_org_word)
        })();
        let org = has_bytes(s, " & ")
            || s.split_whitespace().any(|w| {
                let w = w.trim_matches([',', ';', '(', ')']);
                let tc = title_case(w);
                e.org.contains(w)
                    || e.org.contains(tc.as_ref())
                    || tc.strip_suffix('s').is_some_and(|x| e.org.contains(x))
            });
        (title, org)
    }

    #[test]
    fn titles_and_organisations_are_judged_as_without_the_blooms() {
        let e = ex();
        let ctx = Ctx::new("", &[]);
        // Vocabulary words in several cases, plurals, punctuation.
        let mut parts: Vec<String> = Vec::new();
        for w in e.title_any.iter().chain(&e.org).take(400) {
            let mut c = w.chars();
            let first: String = c.next().into_iter().flat_map(char::to_uppercase).collect();
            let cap = format!("{first}{}", c.as_str());
            parts.extend([
                format!("{cap} "),
                format!("{} ", w.to_uppercase()),
                format!("{cap}s "),
                format!("{cap}S "),
                format!("{cap}, "),
            ]);
        }
        for p in [
            "Jane ",
            "of ",
            "the ",
            "& ",
            "(",
            ") ",
            "\u{c9}tat ",
            "Stra\u{df}e ",
            "x",
        ] {
            parts.push(p.to_string());
        }
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let (mut titles, mut orgs) = (0, 0);
        for t in crafted(&parts, 6000, 5) {
            let t = t.trim();
            let (title, org) = title_and_org_reference(&e, t);
            assert_eq!(e.is_title(t), title, "{t:?}");
            assert_eq!(e.is_org(&ctx, t), org, "{t:?}");
            titles += usize::from(title);
            orgs += usize::from(org);
        }
        assert!(titles > 500 && orgs > 500, "{titles} {orgs}");
    }

    #[test]
    fn the_first_name_bloom_holds_every_first_name() {
        let e = ex();
        assert!(e
            .first_names
            .iter()
            .all(|n| e.first_name_bloom.may_hold(n.as_bytes())));
        // It is sparse: most capitalised words that are no names miss it.
        let misses = [
            "Court",
            "Department",
            "Justice",
            "State",
            "Federal",
            "Appeals",
            "Board",
        ]
        .iter()
        .filter(|w| !e.first_name_bloom.may_hold(w.as_bytes()))
        .count();
        assert!(misses >= 4, "{misses}");
    }

    /// `Grams::may_start` / `may_end` without the pair test: the hashed
    /// keys alone, as they were read before.
    fn grams_hashed(g: &Grams, t: &[u8], at_end: bool) -> bool {
        let mut v = 0;
        let mut bytes = t.to_vec();
        if at_end {
            bytes.reverse();
        }
        g.lens[0]
            || bytes.iter().take(4).enumerate().any(|(k, &c)| {
                v = g.push(v, k, c);
                g.has(v, k + 1)
            })
    }

    #[test]
    fn the_pair_test_only_rejects_where_no_word_is() {
        // Word lists with and without short words, both cases, non-ASCII.
        let lists: [&[&[u8]]; 4] = [
            &[b"by", b", who", b"said", b"according to", b"son of"],
            &[b"Mr", b"Mrs", b"Judge", b"Hon'ble", "Sa\u{e9}d".as_bytes()],
            &[b"x", b"said"],
            &[b"", b"said"],
        ];
        let parts = [
            "by",
            "BY",
            "By",
            "said",
            "SAID",
            ", who",
            ",who",
            "son of",
            "Mr",
            "MR",
            "mr",
            "Mrs",
            "Judge",
            "judge",
            "Hon'ble",
            "Sa\u{e9}d",
            "S\u{e9}",
            "x",
            "X",
            " ",
            "  ",
            "\n",
            "a",
            "of",
            "ac",
            "according to",
            "ACCORDING TO",
            "\u{e9}",
            "\u{2019}",
            ",",
            ".",
            "Jo",
        ];
        for words in lists {
            for fold in [false, true] {
                let start = Grams::new(words.iter().copied(), fold, false);
                let end = Grams::new(words.iter().copied(), fold, true);
                let eq = |a: &[u8], b: &[u8]| {
                    if fold {
                        a.eq_ignore_ascii_case(b)
                    } else {
                        a == b
                    }
                };
                for t in crafted(&parts, 3000, 5) {
                    let t = t.as_bytes();
                    // A word there: the test must pass.
                    let opens = words
                        .iter()
                        .any(|w| t.len() >= w.len() && eq(&t[..w.len()], w));
                    let ends = words
                        .iter()
                        .any(|w| t.len() >= w.len() && eq(&t[t.len() - w.len()..], w));
                    assert!(!opens || start.may_start(t), "{t:?}");
                    assert!(!ends || end.may_end(t), "{t:?}");
                    // And it only narrows the hashed test.
                    assert!(!start.may_start(t) || grams_hashed(&start, t, false));
                    assert!(!end.may_end(t) || grams_hashed(&end, t, true));
                }
            }
        }
    }

    /// `Openers::may_open` as it read before the sorted keys: every
    /// prefix compared.
    fn may_open_reference(o: &Openers, rest: &[u8]) -> bool {
        let Some(prefixes) = &o.prefixes else {
            return true;
        };
        rest.first().is_some_and(|&t| o.first[usize::from(t)])
            && prefixes.iter().any(|p| {
                rest.iter().zip(p).all(|(&t, &w)| {
                    t >= 0x80 || t == w || (o.ignore_case && t.to_ascii_lowercase() == w)
                }) && (rest.len() >= p.len() || rest.iter().any(|&t| t >= 0x80))
            })
    }

    #[test]
    fn openers_keys_agree_with_comparing_every_prefix() {
        let lists: [&[&str]; 3] = [
            &["J.", "P.J.", "J.P.", "C.J."],
            &[
                "appellant",
                "appellants",
                "respondent",
                "petitioner",
                "a",
                "de",
            ],
            &["Plaintiff", "plaintiffs", "x"],
        ];
        let parts = [
            "J", ".", "P", "p", "j", "C", "app", "APP", "ApP", "ellant", "a", "A", "d", "D", "e",
            "E", "res", "RES", "pla", "PLA", "Pla", "x", "X", " ", ",", "\u{e9}", "\u{17f}", "K",
            "\u{212a}",
        ];
        for words in lists {
            let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            for ignore_case in [false, true] {
                let o = Openers::new(&words, ignore_case);
                for t in crafted(&parts, 4000, 4) {
                    assert_eq!(
                        o.may_open(t.as_bytes()),
                        may_open_reference(&o, t.as_bytes()),
                        "{t:?} {words:?} {ignore_case}"
                    );
                }
            }
        }
    }

    #[test]
    fn grams_never_reject_a_word() {
        let words: [&[u8]; 4] = [b"by", b", who", b"said", b"according to"];
        let g = Grams::new(words.iter().copied(), true, false);
        let g_end = Grams::new(words.iter().copied(), true, true);
        for w in words {
            let mut t = b"xx ".to_vec();
            t.extend(w.to_ascii_uppercase());
            assert!(g.may_start(&t[3..]) && g_end.may_end(&t));
            assert!(g.first[usize::from(t[3])]);
        }
        assert!(!g.may_start(b"the court") && !g_end.may_end(b"the court"));
        let exact = Grams::new(words.iter().copied(), false, false);
        assert!(exact.may_start(b"said it") && !exact.may_start(b"SAID it"));
        assert!(!exact.first[usize::from(b'S')]);
    }

    #[test]
    fn honorific_matches_are_the_regex_matches() {
        let e = ex();
        let texts = [
            "Mr. Smith met Mrs Jones and Dr.Lee; MrX, Judge Ann, Chief  Judge Bo, the Hon’ble \
             Justice Cy, Vice\tPresident Di, aMr. Eve, _Mr. Fay, 3Dr. Gus, Mr\u{a0}Hu, Sen.Ivy",
            "Mr. Mr. Mr.Mr. Judge. Judges Ms",
            "",
        ];
        for t in texts {
            let re = Regex::new(&e.honorific_pattern).unwrap();
            let want: Vec<Span> = re
                .find_iter(t)
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            assert_eq!(
                e.honorific_matches(t, &cap_words(t, &capitals(t))),
                want,
                "{t:?}"
            );
            assert!(!want.is_empty() || t.is_empty());
        }
    }

    /// `n` deterministic pseudo-random texts of up to `max_parts` of
    /// `parts` each (a linear congruential generator: no dependency).
    fn crafted(parts: &[&str], n: usize, max_parts: usize) -> Vec<String> {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as usize
        };
        (0..n)
            .map(|_| {
                let len = next() % (max_parts + 1);
                (0..len).map(|_| parts[next() % parts.len()]).collect()
            })
            .collect()
    }

    /// Pieces of crafted texts around capitalised words: punctuation,
    /// digits, `_`, Unicode capitals and letters, apostrophes, hyphen
    /// runs, line breaks, cues.
    const CAP_PARTS: [&str; 46] = [
        "Ann",
        " ",
        "  ",
        "\n",
        "\t",
        ",",
        ", ",
        ".",
        "-",
        "'",
        "’",
        "’s",
        "'s",
        "(",
        "\"",
        "“",
        "—",
        "3",
        "_",
        "x",
        "Lee",
        "ÉMILE",
        "Zoë",
        "Ümit",
        "é",
        "Ω",
        "O’Brien",
        "Jo-Ann",
        "A-",
        "McDonald",
        " said",
        ", who",
        "brought by",
        "By",
        " by ",
        "Mr. ",
        "Dr.",
        "according to",
        ", a",
        "İ",
        "brought by ",
        "according to Ann",
        "\nBy ",
        "SAID ",
        "Lawyer ",
        "Xsaid ",
    ];

    #[test]
    fn cap_words_are_the_words_each_pass_judged() {
        // The tests each pass made at every capital before the list was
        // shared (context, given names, honorifics), and the letters and
        // run each read from there.
        let old = |t: &str, s: usize| -> (bool, bool, bool) {
            let b = t.as_bytes();
            let word = match s.checked_sub(1).map(|p| b[p]) {
                None => true,
                Some(p) if p.is_ascii() => !p.is_ascii_alphanumeric(),
                Some(_) => t[..s]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric()),
            };
            let given = b[s].is_ascii_uppercase()
                && (s == 0 || !(b[s - 1].is_ascii_alphabetic() || b[s - 1] >= 0x80));
            let opens = s == 0 || !(b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'_');
            (word, given, opens)
        };
        // The longest run of alphabetic characters.
        let letters = |t: &str, i: usize| -> usize {
            let end = t[i..]
                .char_indices()
                .find(|&(_, c)| !c.is_alphabetic())
                .map_or(t.len(), |(k, _)| i + k);
            end
        };
        let mut texts = crafted(&CAP_PARTS, 6000, 10);
        texts.push(format!("{}b Kofi", "A-".repeat(300)));
        texts.push(format!("x{}", "éA".repeat(300)));
        texts.push("Jo-Ann-Lee’s O'Neil-Smith".to_string());
        for t in &texts {
            let caps = capitals(t);
            let mut want = Vec::new();
            for &s in &caps {
                let (word, given, opens) = old(t, s);
                let flags =
                    (u8::from(word) * WORD) | (u8::from(given) * GIVEN) | (u8::from(opens) * OPENS);
                if flags == 0 {
                    continue;
                }
                let l = if word || given { letters(t, s) } else { s };
                let r = if word { s + word_run(&t[s..]) } else { s };
                want.push(CapWord {
                    start: s,
                    letters_end: l,
                    run_end: r,
                    flags,
                });
            }
            assert_eq!(cap_words(t, &caps), want, "{t:?}");
        }
    }

    #[test]
    fn ascii_letters_counts_as_a_byte_scan() {
        let scan = |b: &[u8]| {
            b.iter()
                .position(|c| !c.is_ascii_alphabetic())
                .unwrap_or(b.len())
        };
        // Every byte value at every place of a word up to 20 bytes long.
        for len in 0..20 {
            for at in 0..=len {
                for c in 0..=255u8 {
                    let mut b = b"ZabcdefghijklmnopqrstuvwxyY"[..len].to_vec();
                    b.insert(at, c);
                    assert_eq!(ascii_letters(&b), scan(&b), "{b:?}");
                }
            }
        }
        for t in crafted(&CAP_PARTS, 3000, 6) {
            let b = t.as_bytes();
            for i in 0..b.len() {
                assert_eq!(ascii_letters(&b[i..]), scan(&b[i..]), "{t:?} {i}");
            }
        }
    }

    #[test]
    fn before_cues_are_only_at_words_cue_at_marks() {
        // `context_names` compares the before cues at a word only where
        // `cue_at` found a before cue: every word the full comparison
        // accepts must be one.
        let e = ex();
        let mut hits = 0;
        for t in crafted(&CAP_PARTS, 6000, 8) {
            for w in cap_words(&t, &capitals(&t)).iter().filter(|w| w.is(WORD)) {
                let i = w.start;
                let lo = back(&t, i, 24);
                let window = &t[lo..i];
                let line_start = window
                    .rfind('\n')
                    .map(|k| lo + k + 1)
                    .or((lo == 0).then_some(0));
                let byline = line_start.is_some_and(|ls| matches!(&t[ls..i], "By " | "by "));
                if byline || e.before_cue_ends(window) {
                    hits += 1;
                    assert_eq!(e.cue_at(&t, i, w.run_end), Cue::Before, "{t:?} {i}");
                }
            }
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn after_grams_never_reject_an_after_cue() {
        let e = ex();
        let mut hits = 0;
        for t in crafted(&CAP_PARTS, 4000, 8) {
            let b = t.as_bytes();
            for p in (0..=t.len()).filter(|&p| t.is_char_boundary(p)) {
                if e.after_cues.iter().any(|c| t[p..].starts_with(c.as_str())) {
                    hits += 1;
                    assert!(e.after_grams_allow(b, p), "{t:?} {p}");
                }
            }
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn judges_starts_are_the_regex_match_starts() {
        let e = ex();
        let parts = [
            ",", " ", "\t", "\n", "JJ.", "J.J.", "J.", "J", ".", "x", "é", "Smith", " and ", "ſ",
        ];
        let texts = crafted(&parts, 4000, 12);
        let fixed = [
            "A, B and C, JJ.",
            "",
            ", \t JJ.JJ.,J.J.",
            "JJ.J.J.",
            ",,\t,JJ.",
        ];
        let mut seen = 0;
        assert!(matches!(e.judges, JudgesSuffixes::Words(_)));
        let judges_re = Regex::new(&e.judges_pattern).unwrap();
        for t in texts.iter().map(String::as_str).chain(fixed) {
            let want: Vec<usize> = judges_re.find_iter(t).map(|m| m.start()).collect();
            assert_eq!(e.judges_starts(t), want, "{t:?}");
            seen += want.len();
        }
        assert!(seen > 1000, "{seen}");
    }

    #[test]
    fn line_spans_are_the_lines_split_inclusive_gives() {
        let parts = ["a", "\n", "\r", "\r\n", " ", "é", "xyz"];
        for t in crafted(&parts, 2000, 12) {
            let mut start = 0;
            let want: Vec<Span> = t
                .split_inclusive('\n')
                .map(|l| {
                    let s = Span::new(start, start + l.trim_end_matches(['\n', '\r']).len());
                    start += l.len();
                    s
                })
                .collect();
            assert_eq!(line_spans(&t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    #[test]
    fn with_key_gives_the_key() {
        let parts = ["Jane", " ", "O’Brien", "-", "ROE", "3", "É", ",", "x"];
        for t in crafted(&parts, 2000, 30) {
            assert_eq!(with_key(&t, str::to_string), key(&t), "{t:?}");
        }
    }

    #[test]
    fn ascii_name_shape_is_name_shape() {
        let e = ex();
        let parts = [
            "A", "a", "Mc", "De", "-", "'", "Z", "x", "O", "Brien", "C", "1", " ", ".", "Van",
            "ormick",
        ];
        let mut shaped = 0;
        for w in crafted(&parts, 5000, 5) {
            let want = e.name_shape(&w);
            assert_eq!(e.ascii_name_shape(&w), want, "{w:?}");
            shaped += usize::from(want);
        }
        assert!(shaped > 200, "{shaped}");
        assert!(e.is_name_word("McCormick") && e.is_name_word("O'Brien") && !e.is_name_word("AbC"));
    }

    #[test]
    fn one_backward_pass_finds_a_capitalised_token() {
        // The two passes `follows_a_capitalised_token` made before.
        let reference = |b: &[u8], s: usize| -> bool {
            let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
            match s.checked_sub(1).map(|k| b[k]) {
                Some(c) if c == b'.' || c >= 0x80 => return true,
                Some(c) if space(c) => {}
                _ => return false,
            }
            let mut k = s - 1;
            while k > 0 && space(b[k - 1]) {
                k -= 1;
            }
            let mut t = k;
            while t > 0 && !space(b[t - 1]) {
                if b[t - 1] >= 0x80 {
                    return true;
                }
                t -= 1;
            }
            (t..k)
                .any(|j| b[j].is_ascii_uppercase() && (j == t || !b[j - 1].is_ascii_alphanumeric()))
        };
        let parts = [
            "A", "a", " ", "\t", "\n", "(", "\"", "-", "x", "Z", "é", ".", "1", "_", "aB", "\r",
            "\u{b}",
        ];
        let mut yes = 0;
        for t in crafted(&parts, 3000, 14) {
            let b = t.as_bytes();
            for s in 0..=b.len() {
                let want = reference(b, s);
                assert_eq!(follows_a_capitalised_token(b, s), want, "{t:?} {s}");
                yes += usize::from(want);
            }
        }
        assert!(yes > 1000, "{yes}");
    }

    #[test]
    fn contact_pieces_are_found_in_one_pass() {
        // The tests `classify` made before `is_contact`.
        let reference = |t: &str| {
            let digits = t.bytes().filter(u8::is_ascii_digit).count();
            let few_letters = || t.chars().filter(|c| c.is_alphabetic()).nth(3).is_none();
            t.contains('@')
                || (digits >= 7 && few_letters())
                || has_bytes(t, "http")
                || has_bytes(t, "www.")
                || ["Tel", "Phone", "Fax", "Email", "E-mail", "Mobile"]
                    .iter()
                    .any(|p| t.starts_with(p))
        };
        let parts = [
            "h", "ttp", "w", "ww.", "ww", "@", "1", "23", "(202) ", "-", "a", "é", "Tel", "Fax",
            "E-mail", " ", "x", "www", ".",
        ];
        let mut yes = 0;
        for t in crafted(&parts, 5000, 10) {
            let want = reference(&t);
            assert_eq!(is_contact(&t), want, "{t:?}");
            yes += usize::from(want);
        }
        assert!(yes > 1000, "{yes}");
    }

    #[test]
    fn last_name_stop_is_the_last_stop_byte() {
        let parts = [
            ",", ";", "(", ")", "[", "]", "a", " ", "é", "—", "x y z ", "\n",
        ];
        for t in crafted(&parts, 3000, 60) {
            let b = t.as_bytes();
            let want = b.iter().rposition(|&c| is_name_stop(c));
            assert_eq!(last_name_stop(b), want, "{t:?}");
        }
    }

    #[test]
    fn memmem_finds_the_occurrences_match_indices_finds() {
        // `full_name_elsewhere` reads the occurrences with `memmem`.
        let parts = ["Ab", "A", "b", " ", "é", "AbAb", "-"];
        let hays = crafted(&parts, 1000, 30);
        for (h, n) in hays.iter().zip(hays.iter().skip(1)) {
            let n = head_of(n, 4);
            if n.is_empty() {
                continue;
            }
            let want: Vec<usize> = h.match_indices(n).map(|(i, _)| i).collect();
            let got: Vec<usize> = memchr::memmem::find_iter(h.as_bytes(), n.as_bytes()).collect();
            assert_eq!(got, want, "{h:?} {n:?}");
        }
    }

    #[test]
    fn anchored_captures_match_the_unanchored_regexes() {
        let ex = ex();
        let parts = [
            ",",
            " ",
            "\t",
            "\n",
            "Appellant",
            "appellants",
            "RESPONDENT",
            "for",
            "For ",
            "the",
            " J.",
            "J.P.",
            "C.J.",
            ".",
            "x",
            "é",
            "ſ",
            "Plaintiff-Appellant",
            "Int",
            "Jane Roe",
        ];
        let generated = crafted(&parts, 3000, 12);
        let texts = [
            "Jane Roe, Appellant.\nJohn Doe ,\tRESPONDENTS,\nA ,, appellant",
            "Smith, J., Lee, C.J. and Kim,J.S.C.;,J., x,  P.J.",
            "Firm, for appellant. Firm,\n for the Respondent; for\tthe plaintiff \
             forthe appellant ,for appellant, , for   for the defendant Ford for",
            ",,,, for,for ,\t, FOR THE APPELLANT,ſ, Appellant é, for",
        ];
        let unanchored = |re: &Regex| Regex::new(&re.as_str()[1..]).unwrap();
        let spans = |re: &Regex, t: &str| -> Vec<(Span, Span)> {
            re.captures_iter(t)
                .map(|c| {
                    let (m, g) = (c.get(0).unwrap(), c.get(1).unwrap());
                    (Span::new(m.start(), m.end()), Span::new(g.start(), g.end()))
                })
                .collect()
        };
        let mut seen = 0;
        for t in texts
            .into_iter()
            .chain(generated.iter().map(String::as_str))
        {
            let want = spans(&unanchored(&ex.judge_re), t);
            assert_eq!(
                comma_captures(&ex.judge_re, t, &commas(t), &ex.judge_first),
                want
            );
            let want_p = spans(&unanchored(&ex.party_re), t);
            assert_eq!(
                comma_captures(&ex.party_re, t, &commas(t), &ex.party_first),
                want_p
            );
            let want_c = spans(&unanchored(&ex.counsel_re), t);
            assert_eq!(counsel_captures(&ex.counsel_re, t, &ex.party_first), want_c);
            seen += want.len() + want_p.len() + want_c.len();
        }
        assert!(seen >= 200, "{seen}");
        let j = Openers::new(&["J.".into(), "P.J.".into()], false);
        assert!(j.may_open(b"J., ") && j.may_open(b"P.J.") && !j.may_open(b"j."));
        assert!(!j.may_open(b"J") && !j.may_open(b"P.K") && j.may_open("P\u{e9}".as_bytes()));
        let a = Openers::new(&["appellant".into()], true);
        assert!(a.may_open(b"APPELLANT") && a.may_open(b"Appx") && !a.may_open(b"Apt"));
        assert!(Openers::new(&["".into()], false).may_open(b"x"));
    }

    #[test]
    fn a_name_line_is_cut_at_its_comma() {
        let e = ex();
        let t = "Jane Roe, Director";
        assert_eq!(
            e.split_name_comma(t, Span::new(0, t.len())),
            (Span::new(0, 8), Some(Span::new(10, t.len())))
        );
        for t in ["Jane Roe, Jr.", "Office of Policy, Director", "Jane Roe"] {
            let whole = Span::new(0, t.len());
            assert_eq!(e.split_name_comma(t, whole), (whole, None), "{t:?}");
        }
    }

    #[test]
    fn last_name_key_skips_suffixes_and_initials() {
        assert_eq!(last_name_key("John Smith, Jr."), "smith");
        assert_eq!(last_name_key("Mary O'Neil III"), "oneil");
        assert_eq!(last_name_key("Ann B."), "ann");
        assert_eq!(last_name_key("A. B."), "");
    }

    #[test]
    fn merging_surnames_keeps_the_index() {
        let cand = |name: &str, surname: Option<&str>, at: usize| Cand {
            name: name.to_string(),
            surname: surname.map(str::to_string),
            spans: vec![Span::new(at, at + name.len())],
            ..Cand::default()
        };
        // Nothing to merge: the list and the index stay as they are.
        let mut f = Found::default();
        f.add(cand("Jane Roe", None, 0));
        f.add(cand("John Doe", None, 20));
        f.merge_surnames();
        assert_eq!(f.list.len(), 2);
        assert_eq!(f.index.get("johndoe"), Some(&1));
        // A single surname goes into the one full name ending with it.
        let mut f = Found::default();
        f.add(cand("Roe", Some("Roe"), 40));
        f.add(cand("Jane Roe", None, 0));
        f.merge_surnames();
        assert_eq!(f.list.len(), 1);
        assert_eq!(f.index.get("janeroe"), Some(&0));
        assert_eq!(f.list[0].spans.len(), 2);
    }

    #[test]
    fn surname_occurrences_match_the_automaton() {
        let text = "Lee met Leeds; Lee-Ann and O'Brien, Brien.";
        let plain = vec![("Lee".to_string(), 0), ("Leeds".to_string(), 1)];
        let caps = capitals(text);
        let mut got = surname_occurrences(text, &caps, &plain);
        got.sort();
        assert_eq!(got, vec![(0, 3, 0), (8, 11, 0), (8, 13, 1), (15, 18, 0)]);
        // A surname not starting with a capital: searched with `memmem`,
        // same places.
        let mixed = vec![("Lee".to_string(), 0), ("eeds".to_string(), 1)];
        let mut got = surname_occurrences(text, &caps, &mixed);
        got.sort();
        assert_eq!(got, vec![(0, 3, 0), (8, 11, 0), (9, 13, 1), (15, 18, 0)]);
        // Non-ASCII first letters are found at their capitals.
        let t = "Émile met Öz, then Émile.";
        let acc = vec![("Émile".to_string(), 0), ("Öz".to_string(), 1)];
        let mut got = surname_occurrences(t, &capitals(t), &acc);
        got.sort();
        assert_eq!(got, vec![(0, 6, 0), (11, 14, 1), (21, 27, 0)]);
        // An occurrence inside another (`memmem` skips it) follows a
        // letter, which the caller rejects.
        let t = "AbAbAb";
        let got = surname_occurrences(t, &capitals(t), &[("AbAb".to_string(), 0)]);
        assert_eq!(got, vec![(0, 4, 0), (2, 6, 0)]);
        // An apostrophe: one leftmost-longest automaton (`O'Brien` hides
        // the `Brien` inside it).
        let marked = vec![("O'Brien".to_string(), 0), ("Brien".to_string(), 1)];
        assert_eq!(
            surname_occurrences(text, &caps, &marked),
            vec![(27, 34, 0), (36, 41, 1)]
        );
    }

    #[test]
    fn panel_keyword_opens_a_line_or_follows_a_space() {
        let t = "Before: A\nPresent: B. Coram: C xPresent: D";
        assert!(panel_opens(t, 0, 0));
        assert!(panel_opens(t, t.find("Present").unwrap(), 8));
        assert!(panel_opens(t, t.find("Coram").unwrap(), 0));
        assert!(!panel_opens(t, t.find("xPresent").unwrap() + 1, 0));
        // The space was taken by the marker before: `Before:  Present:`.
        let t = "Before:  Present: B";
        assert!(!panel_opens(t, t.find("Present").unwrap(), 9));
        assert!(panel_opens(t, t.find("Present").unwrap(), 8));
    }
}
