//! holdings: what a court, tribunal or adjudicating agency decided.
//!
//! A sentence is a candidate when it holds a holding verb
//! (`patterns/holding_verbs.txt`) or a disposition verb
//! (`patterns/dispositions.tsv`); sentences without one are skipped by a
//! prefilter that looks each word of the text up in that vocabulary. Within a candidate sentence, in order (a later
//! rule's text may not overlap an earlier one's):
//!
//! 1. `ORDERED that P` (or `it is hereby ordered that P`): P, decided by
//!    the document's own court;
//! 2. a holding verb whose subject is an adjudicating body: `X held that
//!    P`, `the Board finds P`, `we conclude that P`, `…, finding that P`
//!    after such a subject, and the inverted `P, ruled Judge X` / `P, the
//!    court held`. The text is P. The body is an agency of kind `court` or
//!    whose name has a tribunal head noun (`patterns/tribunal_nouns.txt`:
//!    `Board of Immigration Appeals`, `agency of original jurisdiction`),
//!    a generic `the court` / `the Board` / `the district court`, `we` in
//!    a decision (present or base forms only: an NGO's `we found` is not a
//!    holding), or a judge. A defined abbreviation (`(BIA)`), adverbs and
//!    a date (`on 5 May 2020`) may stand between subject and verb;
//! 3. a disposition in the active voice by such a body (`the AOJ granted
//!    …`, `we affirm …`, `the court issued a judgment …`; `issued` and the
//!    like only with a document noun as object). An adverb between subject
//!    and verb (`the Supreme Court properly dismissed …`) is the
//!    document's court reviewing a lower body's act: the tribunal is the
//!    document's court. The text runs from the subject;
//! 4. a disposition in the passive (`Entitlement to … is denied`, `the
//!    condition must be stricken`, `the judgment is affirmed`) whose
//!    subject opens the sentence: not in a relative or subordinate clause
//!    (`who has been granted deferral` is a noun phrase), not perfect
//!    (`has been granted`), not after `will/may be`; a past one (`was
//!    denied`) only when the sentence names the adjudicating body;
//! 5. a decretal paragraph `Judgment, …, modified … and otherwise
//!    affirmed` (a document noun opening the sentence): the text runs from
//!    the first disposition;
//! 6. in a decision, a bare disposition sentence (`Affirmed.`).
//!
//! Not holdings: verbs inside an adverbial clause (`If the court finds
//! …`, `after the AOJ issued …`), inside a party's argument (`the State
//! contends that …`, `patterns/argument_verbs.txt`), citation history
//! (`cert denied 589 US 1302`: no auxiliary, no adjudicating subject),
//! words inside quotation marks, negated verbs (`the court never ruled
//! on`, `were not rejected by`), a modal before the verb (`the court could
//! find`), decisions named in a relative clause (`the statute which this
//! Court upheld`, `the matters the Board has remanded.`), a participle
//! used as a noun (`against a finding that P`), an object without `that`
//! opening with `no` after `we` or `held` (`we find no basis for …`, `the
//! court held no hearing`; the Board's `finds no evidence` stays) or with
//! a preposition before a citation (`the Court held in A v. B:`), a
//! passive whose `by` agent is no adjudicator
//! (`this is denied by the answer`), and anything after the heading of a
//! separate opinion (`JUSTICE X, dissenting.`).
//!
//! A document is a decision when its publisher is a tribunal, its title
//! names a case (`X v Y`) or a court (`United States Court of Appeals,
//! Fourth Circuit.`), or it writes a disposition in capitals (`AFFIRMED`,
//! `ORDERED`); its own court is then the court its title names, else the
//! publisher or the first adjudicating agency named that is not the court
//! below (`a judgment of the X`) — unless the decision, written in the
//! first person, calls that court `the district court` in lower case. The
//! tribunal of `we`, of passive dispositions and of decrees is that court;
//! generic `the court` resolves to it or to the latest named adjudicator
//! with that head noun (`the appeals court` to one whose name has
//! `Appeals`). In a first-person decision a lower-case `the court` is the
//! court below last seen deciding, `that court` a court named before, and
//! an unnamed `the district court` keeps those words. A grading adverb
//! (`the magistrate judge properly found`) gives the holding to the
//! document's court.
//!
//! The date is, for the document's own court, its publication date; else
//! the last date written before the verb in the sentence; else the date of
//! an earlier holding by the same body; else the year of a citation right
//! after the proposition (`X held that P. A v. B, 713 F.3d 112 (Fed. Cir.
//! 2013).`); else the date written where the body is first named with one
//! (`a judgment of the X, dated December 15, 2020`).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use memchr::memmem::Finder;

use crate::document::{sentence_at, Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::{Agency, Date, Facts, Holding};

use super::quotes::lex::{
    char_at, doc_court, has_tribunal_noun, inside_spans, is, is_adjudicator, is_any,
    is_between_word, name_ending_at, name_words, subject_word, words, MentionIndex, Word, WordSet,
    DETERMINERS, REACH, RELATIVES, WORD_BYTE,
};
use super::Extractor;

/// Tense of a holding verb form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Present,
    Base,
    Participle,
}

/// Prepositions that may open a phrase between a holding verb and its
/// `that` (`held in A v. B, … that P`).
const PREPOSITIONS: &[&str] = &["in", "on", "at", "by", "under", "since", "after", "before"];
/// Finite verb forms: a holding verb's object without `that` is a
/// proposition only when it holds one of them.
const FINITE: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "must",
    "should",
    "would",
    "will",
    "shall",
    "can",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "warrants",
    "warranted",
];
/// Conjunctions that, after a comma, open a new main clause and end a
/// proposition (`…, but the prosecutor ordered …`).
const CLAUSE_JOINERS: &[&str] = &["but", "while", "whereas", "although", "though", "yet"];
/// Words that open a subordinate clause: a disposition after one of them
/// is mentioned, not made.
const SUBORDINATORS: &[&str] = &[
    "who", "which", "whom", "whose", "whether", "if", "unless", "because", "although", "though",
    "whereas", "that", "where", "when",
];
/// Words that open an adverbial clause: a verb inside one is a
/// condition or a time, not a decision.
const ADVERBIAL_SUBORDINATORS: &[&str] = &[
    "if", "after", "before", "when", "whenever", "once", "until", "unless", "since", "while",
    "although", "though", "whether", "because", "as",
];
/// Negations: a verb negated between its subject and itself (`the
/// court never ruled on`, `the Board did not find`) decides nothing.
const NEGATIONS: &[&str] = &["not", "never", "nor", "neither"];
/// Object relative pronouns: `the statute which this Court upheld` names a
/// decision, it does not make one.
const OBJECT_RELATIVES: &[&str] = &["which", "whom"];
/// Adverbs by which a court grades another body's act (`the magistrate
/// judge properly found`): the holding is the grading court's.
const REVIEW_ADVERBS: &[&str] = &[
    "properly",
    "correctly",
    "rightly",
    "appropriately",
    "reasonably",
    "improperly",
    "incorrectly",
    "wrongly",
    "erroneously",
    "mistakenly",
];
/// Words that, before a clause-opening participle, make it a noun (`a
/// finding that P` is not `finding that P`).
const NOUN_MAKERS: &[&str] = &["a", "an", "the", "any", "no", "such", "its", "this", "that"];
/// Words of a title that may stand between the capitalised words of a
/// court's name (`United States Court of Appeals, Fourth Circuit`).
const TITLE_CONNECTORS: &[&str] = &["of", "for", "the", "and", "in", "on", "at", "de", "du"];
/// Tribunal head nouns that name a person, not a court: a title `CLAY,
/// Circuit Judge` is no court's name.
const PERSON_NOUNS: &[&str] = &["judge", "justice", "magistrate", "arbitrator"];
/// Auxiliaries of a passive disposition that state the decision.
const PASSIVE_AUX: &[&str] = &["is", "are", "was", "were", "be"];
/// Modals that make `be` + participle a decision (`must be stricken`).
const DECIDING_MODALS: &[&str] = &["must", "shall", "should", "hereby", "to"];

/// Word classes, as bits: holding-verb tenses, disposition forms, and
/// speech participles (`noting that` ends a proposition).
const T_PAST: u16 = 1;
const T_PRESENT: u16 = 2;
const T_BASE: u16 = 4;
const T_PARTICIPLE: u16 = 8;
const D_PARTICIPLE: u16 = 16;
const D_PAST: u16 = 32;
const D_BASE: u16 = 64;
/// Disposition only in the active voice with a document object.
const D_OBJECT: u16 = 128;
const S_PARTICIPLE: u16 = 256;

/// Finds holdings.
#[derive(Debug)]
pub struct HoldingExtractor {
    /// Lower-case word → class bits.
    classes: HashMap<String, u16, crate::extract::WordHash>,
    /// For each first byte (ASCII lower case), a bit per length (31 for
    /// any longer) of the words in `classes`: most words of a sentence are
    /// ruled out without hashing them.
    first_len: [u32; 256],
    tribunal_nouns: WordSet,
    doc_nouns: WordSet,
    argument_verbs: WordSet,
    /// The holding verbs and disposition forms, lower case: a sentence
    /// with one of them as a whole word is a candidate.
    needles: HashSet<Vec<u8>, crate::extract::WordHash>,
    /// `first_len` of the needles alone.
    needle_first_len: [u32; 256],
    /// Like `first_len`, for the last byte of the words in `classes`.
    last_len: [u32; 256],
    /// `last_len` of the needles alone.
    needle_last_len: [u32; 256],
    /// Every tribunal noun is a single word of letters or digits, so a
    /// word that is one is also a run of [`alnum_runs`] (see
    /// [`HoldingExtractor::may_decide`]; otherwise that test keeps every
    /// sentence).
    nouns_are_runs: bool,
    /// The tribunal nouns, lower case.
    nouns: Vec<String>,
    /// `first_len` and `last_len` of the words that mark a sentence (see
    /// [`HoldingExtractor::marks`]): the needles, the tribunal nouns, `we`;
    /// looked up by the byte as written (see [`any_case`]).
    mark_first: [u32; 256],
    mark_last: [u32; 256],
    /// For each ASCII word of at most 32 bytes among those, lower case:
    /// what [`HoldingExtractor::run_class`] gives for a run that is it in
    /// any case.
    run_classes: HashMap<Vec<u8>, RunClass, crate::extract::WordHash>,
    /// `run_classes` of the words of at most 16 bytes, by [`short_key`]:
    /// the runs that pass the byte tables are looked up without hashing
    /// bytes.
    short_runs: HashMap<u128, RunClass, crate::extract::WordHash>,
    /// `classes` of the ASCII words of at most 16 bytes, by [`short_key`].
    short_classes: HashMap<u128, u16, crate::extract::WordHash>,
    /// The marks of an ASCII run that is none of those words.
    other_marks: u8,
    /// The words of separate-opinion headings (see [`separate_opinion`]).
    separate: [Finder<'static>; 4],
    /// First-person plural subjects (see [`first_person`]).
    we: [Finder<'static>; 2],
}

/// What a run of letters and digits is to the prefilter of
/// [`HoldingExtractor::find`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RunClass {
    /// A holding verb or disposition form (any ASCII case).
    needle: bool,
    /// Its class bits when it is a needle, else 0.
    class: u16,
    /// Its [`HoldingExtractor::marks`].
    marks: u8,
}

/// [`HoldingExtractor::marks`]: a participle or `ordered`, which decide
/// with any subject.
const M_DECIDES: u8 = 1;
/// A holding or disposition form.
const M_ANY: u8 = 2;
/// A form that is not the base form (it may have a third-person subject).
const M_FINITE: u8 = 4;
/// `we`.
const M_WE: u8 = 8;
/// A tribunal noun.
const M_NOUN: u8 = 16;
/// Anything: a sentence that must be read.
const M_ALL: u8 = 31;

/// Whether the char at byte `i` of `text` is a letter or digit, and its
/// length.
fn alnum_at(text: &str, i: usize) -> (bool, usize) {
    match char_at(text, i) {
        // General Punctuation (curly quotes, dashes, special spaces) holds
        // no letter or digit: no Unicode table lookup for the commonest
        // non-ASCII chars of legal text
        Some((c, len)) if ('\u{2000}'..='\u{206f}').contains(&c) => (false, len),
        Some((c, len)) => (c.is_alphanumeric(), len),
        None => (false, 1),
    }
}

/// The maximal runs of letters and digits of `text`, as byte ranges, in
/// order: `visit(start, end)` for each.
fn alnum_runs(text: &str, mut visit: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // to the start of a run
        while i < b.len() && WORD_BYTE[b[i] as usize] == 0 {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i] >= 0x80 {
            let (alnum, len) = alnum_at(text, i);
            if !alnum {
                i += len;
                continue;
            }
        }
        // to its end
        let start = i;
        loop {
            while i < b.len() && WORD_BYTE[b[i] as usize] == 1 {
                i += 1;
            }
            if i < b.len() && b[i] >= 0x80 {
                let (alnum, len) = alnum_at(text, i);
                if alnum {
                    i += len;
                    continue;
                }
            }
            break;
        }
        visit(start, i);
    }
}

/// The bit of `first_len` for a word of `len` bytes.
fn len_bit(len: usize) -> u32 {
    1 << len.min(31)
}

impl HoldingExtractor {
    /// Build from `holding_verbs.txt`, `dispositions.tsv`,
    /// `speech_verbs.txt`, `tribunal_nouns.txt`, `document_nouns.txt` and
    /// `argument_verbs.txt`.
    pub fn new(p: &Patterns) -> Result<HoldingExtractor> {
        let mut classes: HashMap<String, u16, crate::extract::WordHash> = HashMap::default();
        for (line, cols) in p.rows("holding_verbs.txt") {
            let bit = match cols.get(1).copied() {
                Some("past") => T_PAST,
                Some("present") => T_PRESENT,
                Some("base") => T_BASE,
                Some("participle") => T_PARTICIPLE,
                _ => {
                    return Err(Patterns::error(
                        "holding_verbs.txt",
                        line,
                        "second column must be past, present, base or participle",
                    ))
                }
            };
            *classes.entry(cols[0].to_lowercase()).or_default() |= bit;
        }
        let mut needles: Vec<String> = classes.keys().cloned().collect();
        for (line, cols) in p.rows("dispositions.tsv") {
            if !(3..=4).contains(&cols.len())
                || cols[..3]
                    .iter()
                    .any(|c| c.is_empty() || c.contains(char::is_whitespace))
                || cols.get(3).is_some_and(|c| *c != "object")
            {
                return Err(Patterns::error(
                    "dispositions.tsv",
                    line,
                    "expected participle, past and base form (single words), and optionally `object`",
                ));
            }
            let object = if cols.len() == 4 { D_OBJECT } else { 0 };
            for (bit, form) in [
                (D_PARTICIPLE, cols[0]),
                (D_PAST, cols[1]),
                (D_BASE, cols[2]),
            ] {
                let form = form.to_lowercase();
                needles.push(form.clone());
                *classes.entry(form).or_default() |= bit | object;
            }
        }
        for (_, l) in p.lines("speech_verbs.txt") {
            let l = l.trim().to_lowercase();
            if l.ends_with("ing") {
                *classes.entry(l).or_default() |= S_PARTICIPLE;
            }
        }
        if let Some(n) = needles
            .iter()
            .find(|n| n.is_empty() || !n.chars().all(char::is_alphanumeric))
        {
            return Err(Patterns::error(
                "holding_verbs.txt",
                0,
                format!("{n:?}: holding verbs and dispositions are single words of letters"),
            ));
        }
        let (needle_first_len, needle_last_len) = edge_len(&needles);
        let keys: Vec<&String> = classes.keys().collect();
        let (first_len, last_len) = edge_len(&keys);
        let nouns: Vec<String> = p
            .lines("tribunal_nouns.txt")
            .map(|(_, l)| l.trim().to_lowercase())
            .collect();
        // ASCII letters and digits, and no `k` (the Kelvin sign lower-cases
        // to it): a word that is a noun in any case is an ASCII run of the
        // same length
        let nouns_are_runs = nouns
            .iter()
            .all(|l| l.bytes().all(|b| b.is_ascii_alphanumeric() && b != b'k'));
        let mut marking: Vec<&str> = needles.iter().map(|n| n.as_str()).collect();
        marking.extend(nouns.iter().map(|n| n.as_str()));
        marking.push("we");
        let (mark_first, mark_last) = edge_len(&marking);
        let (mark_first, mark_last) = (any_case(mark_first), any_case(mark_last));
        let marking: Vec<String> = marking.into_iter().map(str::to_string).collect();
        let needles = needles.into_iter().map(String::into_bytes).collect();
        let mut x = HoldingExtractor {
            classes,
            first_len,
            last_len,
            tribunal_nouns: WordSet::from_lines(p.lines("tribunal_nouns.txt")),
            doc_nouns: WordSet::from_lines(p.lines("document_nouns.txt")),
            argument_verbs: WordSet::from_lines(p.lines("argument_verbs.txt")),
            needles,
            needle_first_len,
            needle_last_len,
            nouns_are_runs,
            nouns,
            mark_first,
            mark_last,
            separate: ["dissenting", "concurring", "DISSENTING", "CONCURRING"].map(Finder::new),
            we: [" we ", "We "].map(Finder::new),
            run_classes: HashMap::default(),
            short_runs: HashMap::default(),
            short_classes: HashMap::default(),
            other_marks: 0,
        };
        // short keys of `classes` first: `class_of`, which
        // `run_class_of_any` calls, reads them
        for (w, &c) in &x.classes {
            if let Some(k) = short_key(w.as_bytes()) {
                x.short_classes.insert(k, c);
            }
        }
        // what the general path gives: computed once per word, not per run
        // a run that is no needle, not `we` and no tribunal noun (see `marks`)
        x.other_marks = if x.nouns_are_runs { 0 } else { M_NOUN };
        for w in marking {
            if w.len() <= 32 && w.is_ascii() {
                let c = x.run_class_of_any(w.as_bytes());
                x.run_classes.insert(w.to_ascii_lowercase().into_bytes(), c);
            }
        }
        for (w, &c) in &x.run_classes {
            if let Some(k) = short_key(w) {
                x.short_runs.insert(k, c);
            }
        }
        Ok(x)
    }

    /// Whether the run of letters and digits `w` is a needle, its class
    /// when it is one, and its marks: looked up for short ASCII runs (the
    /// words of a text, in any case), else computed.
    fn run_class(&self, w: &str) -> RunClass {
        let b = w.as_bytes();
        if let Some(k) = short_key(b) {
            return self.short_runs.get(&k).copied().unwrap_or(RunClass {
                needle: false,
                class: 0,
                marks: self.other_marks,
            });
        }
        if b.len() <= 32 && b.is_ascii() {
            let mut buf = [0u8; 32];
            let lower = &mut buf[..b.len()];
            lower.copy_from_slice(b);
            lower.make_ascii_lowercase();
            return self.run_classes.get(&*lower).copied().unwrap_or(RunClass {
                needle: false,
                class: 0,
                marks: self.other_marks,
            });
        }
        self.run_class_of_any(b)
    }

    /// [`HoldingExtractor::run_class`] for any run.
    fn run_class_of_any(&self, w: &[u8]) -> RunClass {
        let needle = self.is_needle(w);
        let word = std::str::from_utf8(w).unwrap_or("");
        let class = if needle { self.class_of(word) } else { 0 };
        RunClass {
            needle,
            class,
            marks: self.marks(word, class),
        }
    }

    /// Whether the word `w` is one of `needles`, ignoring ASCII case.
    fn is_needle(&self, w: &[u8]) -> bool {
        let Some(&first) = w.first() else {
            return false;
        };
        let bit = len_bit(w.len());
        let last = w[w.len() - 1];
        if self.needle_first_len[first.to_ascii_lowercase() as usize] & bit == 0
            || self.needle_last_len[last.to_ascii_lowercase() as usize] & bit == 0
        {
            return false;
        }
        let mut buf = [0u8; 32];
        let folded: Vec<u8>;
        let lower = match buf.get_mut(..w.len()) {
            Some(b) => {
                b.copy_from_slice(w);
                b.make_ascii_lowercase();
                &*b
            }
            None => {
                folded = w.to_ascii_lowercase();
                &folded
            }
        };
        self.needles.contains(lower)
    }

    /// The class bits of word `w` (0 for any other word).
    fn class(&self, text: &str, w: Word) -> u16 {
        self.class_of(w.text(text))
    }

    /// The class bits of the word `t`: a short ASCII word is looked up by
    /// [`short_key`] (the keys of `classes` are lower case, so its class
    /// is its lower-case form's), any other as written, then lower-cased.
    fn class_of(&self, t: &str) -> u16 {
        if let (Some(&b), Some(&e)) = (t.as_bytes().first(), t.as_bytes().last()) {
            let bit = len_bit(t.len());
            if self.first_len[b.to_ascii_lowercase() as usize] & bit == 0
                || self.last_len[e.to_ascii_lowercase() as usize] & bit == 0
            {
                return 0;
            }
        }
        if let Some(k) = short_key(t.as_bytes()) {
            return self.short_classes.get(&k).copied().unwrap_or(0);
        }
        self.class_of_general(t)
    }

    /// [`HoldingExtractor::class_of`] without the short-word lookup.
    fn class_of_general(&self, t: &str) -> u16 {
        if let (Some(&b), Some(&e)) = (t.as_bytes().first(), t.as_bytes().last()) {
            let bit = len_bit(t.len());
            if self.first_len[b.to_ascii_lowercase() as usize] & bit == 0
                || self.last_len[e.to_ascii_lowercase() as usize] & bit == 0
            {
                return 0;
            }
        }
        if let Some(&c) = self.classes.get(t) {
            return c;
        }
        let b = t.as_bytes();
        if !b.iter().any(u8::is_ascii_uppercase) || !b.is_ascii() || b.len() > 32 {
            return 0;
        }
        let mut buf = [0u8; 32];
        buf[..b.len()].copy_from_slice(b);
        buf[..b.len()].make_ascii_lowercase();
        std::str::from_utf8(&buf[..b.len()])
            .ok()
            .and_then(|l| self.classes.get(l))
            .copied()
            .unwrap_or(0)
    }

    /// The holdings of a document.
    fn find(&self, doc: &Document, sentences: &[Span], facts: &Facts) -> Vec<Holding> {
        let text = doc.text.as_str();
        let Scan {
            candidates,
            marks,
            decree,
        } = self.scan(text, sentences);
        if candidates.is_empty() {
            return Vec::new();
        }
        let titled = self.title_court(doc);
        let opinion = decree || titled.is_some() || self.is_opinion(doc);
        let mut ctx = Ctx {
            text,
            mentions: MentionIndex::new(&facts.agencies),
            agencies: &facts.agencies,
            adjudicator: facts
                .agencies
                .iter()
                .map(|a| is_adjudicator(a, &self.tribunal_nouns))
                .collect(),
            // a title naming a court names the document's own court, even
            // when the page lost its header
            court: opinion
                .then(|| {
                    titled.or_else(|| {
                        doc_court(doc, &facts.agencies, &self.tribunal_nouns, &self.doc_nouns)
                    })
                })
                .flatten(),
            first_person: first_person(text, &self.we),
            lower: RefCell::new(None),
            caption_end: CAPTION_BYTES,
            opinion,
            dates: {
                let mut d: Vec<&Date> = facts.dates.iter().collect();
                d.sort_by_key(|d| d.start);
                d
            },
            published: doc.published.clone(),
            sentences,
            named_dates: HashMap::new(),
        };
        if ctx.first_person && ctx.court.as_deref().is_some_and(|c| calls_other(text, c)) {
            ctx.court = None;
        }
        ctx.named_dates = self.named_dates(&ctx, sentences);
        let mut state = State::default();
        let mut out = Vec::new();
        // a separate opinion (`JUSTICE X, dissenting.`) decides nothing
        let separate = separate_opinion(text, sentences, &self.separate);
        let judged = Judged::new(&facts.agencies, &ctx.adjudicator);
        for si in candidates.into_iter().take_while(|&si| si < separate) {
            let span = sentences
                .get(si)
                .copied()
                .unwrap_or(Span::new(0, text.len()));
            let m = marks.get(si).copied().unwrap_or(M_ALL);
            if !self.may_decide(&ctx, span, m, &judged) {
                continue;
            }
            let ws = words(text, span.start, span.end);
            // quotations overlapping the sentence (facts.quotes is in text order)
            let lo = facts.quotes.partition_point(|q| q.end <= span.start);
            let inside: Vec<Span> = facts.quotes[lo..]
                .iter()
                .take_while(|q| q.start < span.end)
                .map(|q| Span::new(q.start, q.end))
                .collect();
            let quoted = inside_spans(&ws, &inside);
            let class = ws.iter().map(|&w| self.class(text, w)).collect();
            let s = Sent {
                index: si,
                class,
                span,
                ws,
                quoted,
            };
            let mut found: Vec<Found> = Vec::new();
            self.ordered(&ctx, &s, &mut found);
            self.triggers(&ctx, &s, &mut found);
            self.active(&ctx, &s, &mut found);
            self.passive(&ctx, &s, &mut found);
            self.decretal(&ctx, &s, &mut found);
            self.bare(&ctx, &s, &mut found);
            found.sort_by_key(|f| f.span.start);
            for f in found {
                let date = self.date(&ctx, &s, &f, &mut state);
                let t = text.get(f.span.start..f.span.end).unwrap_or("");
                out.push(Holding {
                    text: t.to_string(),
                    tribunal: f.tribunal,
                    date,
                    start: f.span.start,
                    end: f.span.end,
                    sentence: si,
                });
            }
        }
        out
    }

    /// The prefilter of [`HoldingExtractor::find`]: the sentences that
    /// hold a holding or disposition word, what the runs of letters and
    /// digits of each sentence hold (see [`HoldingExtractor::may_decide`])
    /// and whether a disposition is written in capitals.
    ///
    /// What [`HoldingExtractor::scan_general`] gives. When the sentences are
    /// in order and do not overlap (as the segmenter writes them), a run
    /// that marks nothing is left as soon as its first and last bytes and
    /// length rule it out, without following the sentence bounds; the runs
    /// that cross a bound (whose sentences must all be read) are looked for
    /// only around the bounds with a letter, digit or non-ASCII byte on
    /// both sides, which any such run has.
    fn scan(&self, text: &str, sentences: &[Span]) -> Scan {
        let tidy = sentences.iter().all(|s| s.start <= s.end)
            && sentences.windows(2).all(|p| p[0].end <= p[1].start);
        if !tidy {
            return self.scan_general(text, sentences);
        }
        let mut scan = Scan {
            candidates: Vec::new(),
            marks: vec![0; sentences.len().max(1)],
            decree: false,
        };
        mark_crossing_runs(text, sentences, &mut scan.marks);
        let bytes = text.as_bytes();
        // bound k: the start (k even) or end (k odd) of sentence k / 2;
        // they are in order, so a run's sentence follows from how many of
        // them come at or before its start
        let bound = |k: usize| {
            sentences
                .get(k / 2)
                .map(|s| if k.is_multiple_of(2) { s.start } else { s.end })
        };
        let mut passed: usize = 0;
        alnum_runs(text, |start, end| {
            let bit = len_bit(end - start);
            if self.mark_first[bytes[start] as usize] & bit == 0
                || self.mark_last[bytes[end - 1] as usize] & bit == 0
            {
                return;
            }
            while bound(passed).is_some_and(|b| b <= start) {
                passed += 1;
            }
            self.take_run(text, start, end, tidy_sentence_at(passed), &mut scan);
        });
        scan
    }

    /// The prefilter of [`HoldingExtractor::find`]: one pass over the
    /// runs of letters and digits of `text`, looking each up
    /// (general path: any sentences, also overlapping or out of order).
    fn scan_general(&self, text: &str, sentences: &[Span]) -> Scan {
        // per sentence, what its runs hold (see `may_decide`); sentences
        // that overlap or are out of order are never skipped
        let tidy = sentences.iter().all(|s| s.start <= s.end)
            && sentences.windows(2).all(|p| p[0].end <= p[1].start);
        let mut scan = Scan {
            candidates: Vec::new(),
            marks: vec![if tidy { 0 } else { M_ALL }; sentences.len().max(1)],
            decree: false,
        };
        // sentence starts and ends: a run across one is not a run of the
        // sentence, whose words are then unknown here
        let mut bounds: Vec<usize> = sentences.iter().flat_map(|s| [s.start, s.end]).collect();
        bounds.sort_unstable();
        let mut bounds = bounds.into_iter();
        // the first bound after the current run's start, and how many
        // come before: in tidy sentences, starts and ends alternate, so
        // that count gives the run's sentence without a search
        let mut next = bounds.next();
        let mut passed: usize = 0;
        let bytes = text.as_bytes();
        // whole words only (`order` in `border` is no candidate)
        alnum_runs(text, |start, end| {
            while next.is_some_and(|b| b <= start) {
                passed += 1;
                next = bounds.next();
            }
            if next.is_some_and(|b| b < end) {
                let mut si = sentence_at(sentences, start);
                while let Some(m) = scan.marks.get_mut(si) {
                    *m = M_ALL;
                    si += 1;
                    if sentences.get(si).is_none_or(|s| s.start >= end) {
                        break;
                    }
                }
            }
            let w = &bytes[start..end];
            let bit = len_bit(w.len());
            if self.mark_first[w[0].to_ascii_lowercase() as usize] & bit == 0
                || self.mark_last[w[w.len() - 1].to_ascii_lowercase() as usize] & bit == 0
            {
                return;
            }
            let si = if tidy {
                tidy_sentence_at(passed)
            } else {
                sentence_at(sentences, start)
            };
            self.take_run(text, start, end, si, &mut scan);
        });
        scan
    }

    /// Look up the run `start..end` of sentence `si` (its first and last
    /// bytes already passed the tables) and note in `scan` what it holds:
    /// its marks, its sentence as a candidate, a disposition in capitals.
    fn take_run(&self, text: &str, start: usize, end: usize, si: usize, scan: &mut Scan) {
        let RunClass {
            needle,
            class: c,
            marks: run_marks,
        } = self.run_class(&text[start..end]);
        if let Some(m) = scan.marks.get_mut(si) {
            *m |= run_marks;
        }
        if !needle {
            return;
        }
        if scan.candidates.last() != Some(&si) {
            scan.candidates.push(si);
        }
        if !scan.decree {
            let w = Word { start, end };
            scan.decree = w.is_all_caps(text)
                && (is_participle(c)
                    || is(text, w, "ordered")
                    || (c & (D_BASE | T_BASE) != 0 && end - start >= 5));
        }
    }

    /// What the run of letters and digits `w` holds for
    /// [`HoldingExtractor::may_decide`] (`M_` bits), given its class.
    fn marks(&self, w: &str, c: u16) -> u8 {
        let mut m = 0;
        if is_participle(c) || (c != 0 && w.eq_ignore_ascii_case("ordered")) {
            m |= M_DECIDES;
        }
        if c & (T_PAST | T_PRESENT | T_BASE | T_PARTICIPLE | D_PAST | D_BASE) != 0 {
            m |= M_ANY;
        }
        if c & (T_PAST | T_PRESENT | T_PARTICIPLE | D_PAST) != 0 {
            m |= M_FINITE;
        }
        if w.eq_ignore_ascii_case("we") {
            m |= M_WE;
        }
        if !self.nouns_are_runs
            || self
                .nouns
                .iter()
                .any(|n| n.len() == w.len() && n.eq_ignore_ascii_case(w))
        {
            m |= M_NOUN;
        }
        m
    }

    /// Whether a rule may find a holding in the sentence `span` whose runs
    /// of letters and digits hold `marks` (a cheap necessary test, so
    /// that most sentences are never split into words). Every rule starts
    /// at a holding or disposition word: a participle may open a passive,
    /// a decree or a bare disposition, and `ordered` a rule-1 order, with
    /// any subject; any other form needs a subject, which is `we` (only in
    /// a decision) or an adjudicator: a tribunal noun (`the court`, `Judge
    /// X`) or a mention of an adjudicating agency reaching into the
    /// sentence or starting at most a few bytes past it (what
    /// [`HoldingExtractor::inverted`] looks at). No rule changes any state
    /// before it has found such a subject. A word of a sentence with a
    /// class, `we` or a tribunal noun is also such a run.
    fn may_decide(&self, ctx: &Ctx, span: Span, marks: u8, judged: &Judged) -> bool {
        marks & M_DECIDES != 0
            || (marks & M_ANY != 0 && marks & M_WE != 0 && ctx.opinion)
            || (marks & M_FINITE != 0
                && (marks & M_NOUN != 0 || judged.near(span.start, span.end + 4)))
    }

    /// Whether the document is a decision: its publisher is a tribunal or
    /// its title names a case (`X v Y`). (A disposition in capitals is the
    /// third sign, found while prefiltering.)
    fn is_opinion(&self, doc: &Document) -> bool {
        doc.publisher
            .as_deref()
            .is_some_and(|p| has_tribunal_noun(p, &self.tribunal_nouns))
            || doc
                .title
                .as_deref()
                .is_some_and(|t| t.contains(" v ") || t.contains(" v. "))
    }

    /// The court a title names (`United States Court of Appeals, Fourth
    /// Circuit.`, `SUPREME COURT OF THE UNITED STATES`): every word
    /// capitalised or a connector, one a tribunal head noun; not a case
    /// name (`X v. Y`), not a judge (`CLAY, Circuit Judge.`), not the route
    /// of an appeal (`Certiorari to …`, `Appeal from …`).
    fn title_court(&self, doc: &Document) -> Option<String> {
        let t = doc
            .title
            .as_deref()?
            .trim()
            .trim_end_matches('.')
            .trim_end();
        if t.len() > 160 || t.contains(" v ") || t.contains(" v. ") {
            return None;
        }
        let ws = words(t, 0, t.len());
        if !(2..=12).contains(&ws.len()) {
            return None;
        }
        let mut noun = false;
        for &w in &ws {
            if is_any(t, w, PERSON_NOUNS) || is_any(t, w, &["to", "from", "v", "vs"]) {
                return None;
            }
            let capital = w.is_capitalized(t);
            if !(capital || is_any(t, w, TITLE_CONNECTORS)) {
                return None;
            }
            noun |= capital && self.tribunal_nouns.has(t, w);
        }
        noun.then(|| t.to_string())
    }

    /// For each adjudicating agency, the first non-citation date written
    /// in the first sentence that names it with one.
    fn named_dates(&self, ctx: &Ctx, sentences: &[Span]) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for a in ctx.agencies {
            if !is_adjudicator(a, &self.tribunal_nouns) {
                continue;
            }
            let mut ms: Vec<usize> = a.mentions.iter().map(|m| m.start).collect();
            ms.sort_unstable();
            for m in ms {
                let Some(&span) = sentences.get(sentence_at(sentences, m)) else {
                    break;
                };
                let lo = ctx.dates.partition_point(|d| d.start < span.start);
                let found = ctx.dates[lo..]
                    .iter()
                    .take_while(|d| d.start < span.end)
                    .find(|d| !d.citation && !d.relative);
                if let Some(d) = found {
                    out.insert(a.name.clone(), d.value.clone());
                    break;
                }
            }
        }
        out
    }

    /// Whether word `u` is a party's argument verb opening a `that`
    /// clause (`Defendant argues that …`; not the noun in `his asylum
    /// claim was denied`, nor `the Veteran submitted the claim`).
    fn is_argument(&self, text: &str, s: &Sent, u: usize) -> bool {
        self.argument_verbs.has(text, s.ws[u])
            && s.ws.get(u + 1).is_some_and(|&n| is(text, n, "that"))
    }

    /// Rule 1: `ORDERED that P`.
    fn ordered(&self, ctx: &Ctx, s: &Sent, found: &mut Vec<Found>) {
        let text = ctx.text;
        for (i, &w) in s.ws.iter().enumerate() {
            if s.quoted[i] || !is(text, w, "ordered") {
                continue;
            }
            let decree = w.text(text) == "ORDERED"
                || i.checked_sub(1)
                    .is_some_and(|p| is_any(text, s.ws[p], &["hereby", "is", "further"]));
            if !decree || !s.ws.get(i + 1).is_some_and(|&n| is(text, n, "that")) {
                continue;
            }
            let from = s.ws[i + 1].end;
            if let Some(span) = self.proposition(text, s, from, s.span.end) {
                push(found, span, ctx.court.clone(), w.start);
            }
        }
    }

    /// Rule 2: holding verbs with an adjudicating subject.
    fn triggers(&self, ctx: &Ctx, s: &Sent, found: &mut Vec<Found>) {
        let text = ctx.text;
        for (i, &w) in s.ws.iter().enumerate() {
            if s.quoted[i] {
                continue;
            }
            let Some(tense) = tense_of(s.class[i]) else {
                continue;
            };
            let body = if tense == Tense::Participle {
                if !s.ws.get(i + 1).is_some_and(|&n| is(text, n, "that"))
                    || self.is_noun_participle(text, s, i)
                {
                    continue;
                }
                // the subject of an earlier finite verb of the sentence
                (i.saturating_sub(REACH)..i).find_map(|j| {
                    let finite = s.class[j] & (T_PAST | T_PRESENT | D_PAST) != 0;
                    if finite && !s.quoted[j] {
                        self.body(ctx, s, j, Tense::Past)
                    } else {
                        None
                    }
                })
            } else {
                self.body(ctx, s, i, tense)
            };
            let Some(body) = body else {
                // inverted: `P, ruled Judge X`
                if tense == Tense::Past {
                    if let Some((span, tribunal)) = self.inverted(ctx, s, i) {
                        push(found, span, tribunal, w.start);
                    }
                }
                continue;
            };
            // P: after `that` when it comes within three words, or after a
            // prepositional phrase (`held in A v. B, 356 U.S. 44, that P`)
            // `that` within three words; after a prepositional phrase, a
            // `that` right after a comma, past a citation however long
            // (`held in A v. B, 442 U.S. 735, 99 S. Ct. 2577 (1979), that
            // P`), not the determiner of `found in favor of X on that issue`
            let after_preposition =
                s.ws.get(i + 1)
                    .is_some_and(|&n| PREPOSITIONS.iter().any(|p| is(text, n, p)));
            let near = (i + 1..s.ws.len().min(i + 4)).find(|&u| is(text, s.ws[u], "that"));
            let that = if after_preposition && near.is_none() {
                (i + 1..s.ws.len().min(i + 48)).find(|&u| {
                    is(text, s.ws[u], "that")
                        && text
                            .get(..s.ws[u].start)
                            .is_some_and(|t| t.trim_end().ends_with(','))
                })
            } else {
                near
            };
            let from = match that {
                Some(u) => s.ws[u].end,
                None => w.end,
            };
            // Without `that`, an object opening with an indefinite article
            // and holding no finite verb is a noun phrase (`the judge held a
            // hearing`), not a proposition (`the Board finds an earlier
            // date is warranted`).
            let noun_phrase = |span: Span| {
                let ws = words(text, span.start, span.end);
                ws.first()
                    .is_some_and(|&x| is(text, x, "a") || is(text, x, "an"))
                    && !ws.iter().any(|&x| FINITE.iter().any(|f| is(text, x, f)))
            };
            // Without `that`, an object opening with `no` is a step of the
            // reasoning when the document's court speaks (`we find no basis
            // for …`; the Board's `finds no competent evidence` is a
            // finding) or when `held` means conducted (`the court held no
            // hearing`); one opening with a preposition is a citation with
            // a quotation to follow (`the Court held in A v. B:`).
            let we = matches!(body.kind, BodyKind::We);
            let held = is_any(text, w, &["held", "holds", "hold"]);
            let bare_object = |span: Span| {
                let rest = text.get(span.start..s.span.end).unwrap_or("");
                words(text, span.start, span.end).first().is_some_and(|&x| {
                    (is(text, x, "no") && (we || held))
                        || (PREPOSITIONS.iter().any(|p| is(text, x, p))
                            && (rest.contains(" v. ")
                                || rest.contains(" v ")
                                || rest.trim_end().ends_with(':')))
                })
            };
            let proposition = self.proposition(text, s, from, s.span.end);
            if that.is_none() && proposition.is_some_and(|p| noun_phrase(p) || bare_object(p)) {
                continue;
            }
            if let Some(span) = proposition {
                // `the magistrate judge properly found that P`: the grading
                // court decides
                let graded = ctx.court.is_some()
                    && s.ws[..i]
                        .iter()
                        .filter(|b| b.start >= body.verb_gap_start)
                        .any(|&b| is_any(text, b, REVIEW_ADVERBS));
                let tribunal = self.tribunal(ctx, s, &body, graded);
                push(found, span, tribunal, w.start);
            } else if tense == Tense::Past {
                // inverted: `P, the court held.`
                if let Some((span, tribunal)) = self.inverted(ctx, s, i) {
                    push(found, span, tribunal, w.start);
                }
            }
        }
    }

    /// `P, ruled Judge X.` / `P, the court held.`: the proposition before
    /// the comma, when the verb's subject follows it or stands between
    /// the comma and the verb.
    fn inverted(&self, ctx: &Ctx, s: &Sent, i: usize) -> Option<(Span, Option<String>)> {
        let text = ctx.text;
        let w = s.ws[i];
        let before = text.get(s.span.start..w.start)?;
        let comma = s.span.start + before.rfind(',')?;
        // the subject: after the verb (`ruled Judge X`) or between the
        // comma and the verb (`the court held`)
        let after_verb = s.ws.get(i + 1).and_then(|&n| {
            if let Some(a) = ctx.mentions.first_in(n.start, n.end.max(n.start + 4)) {
                return ctx.adjudicator[a].then(|| ctx.agencies[a].name.clone());
            }
            let mut k = i + 1;
            if is(text, n, "the") {
                k += 1;
            }
            let head = *s.ws.get(k)?;
            if !self.tribunal_nouns.has(text, head) {
                return None;
            }
            let name = super::quotes::lex::name_starting_at(text, &s.ws, k)?;
            Some(
                ctx.court
                    .clone()
                    .unwrap_or_else(|| name.slice(text).to_string()),
            )
        });
        let between: Vec<Word> = s.ws[..i]
            .iter()
            .filter(|x| x.start > comma)
            .copied()
            .collect();
        let tribunal = match after_verb {
            Some(t) if between.is_empty() => Some(t),
            None if !between.is_empty() && between.len() <= 3 => {
                let body = self.body(ctx, s, i, Tense::Past)?;
                self.tribunal(ctx, s, &body, false)
            }
            _ => return None,
        };
        let span = trim(text, self.clause_start(text, s), comma)?;
        (words(text, span.start, span.end).len() >= 3).then_some((span, tribunal))
    }

    /// Rule 3: active dispositions by an adjudicating body.
    fn active(&self, ctx: &Ctx, s: &Sent, found: &mut Vec<Found>) {
        let text = ctx.text;
        for (i, &w) in s.ws.iter().enumerate() {
            if s.quoted[i] {
                continue;
            }
            let c = s.class[i];
            let tense = if c & D_PAST != 0 {
                Tense::Past
            } else if c & D_BASE != 0 {
                Tense::Base
            } else {
                continue;
            };
            if c & D_OBJECT != 0
                && !s.ws[i + 1..s.ws.len().min(i + 4)]
                    .iter()
                    .any(|&o| self.doc_nouns.has(text, o))
            {
                continue;
            }
            let Some(body) = self.body(ctx, s, i, tense) else {
                continue;
            };
            if self.is_zero_relative(text, s, i, &body) {
                continue;
            }
            // an adverb between subject and verb: the court reviewing it
            let reviewed = s.ws[..i]
                .iter()
                .rev()
                .take_while(|&&b| b.start >= body.verb_gap_start)
                .any(|&b| is_between_word(text, b) && b.text(text).ends_with("ly"));
            let end = self.clause_end(text, s, i + 1);
            if let Some(span) = trim(text, body.start, end) {
                let tribunal = self.tribunal(ctx, s, &body, reviewed);
                push(found, span, tribunal, w.start);
            }
        }
    }

    /// Whether the disposition verb at word `i`, the last of its sentence,
    /// closes a relative clause without a pronoun (`the matters the Board
    /// has remanded.`): its subject does not open the clause and follows
    /// a noun, not a comma or a conjunction.
    fn is_zero_relative(&self, text: &str, s: &Sent, i: usize, body: &Body) -> bool {
        if i + 1 != s.ws.len() || body.start <= self.clause_start(text, s) {
            return false;
        }
        let k = s.ws.partition_point(|w| w.end <= body.start);
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        let gap = text.get(s.ws[p].end..body.start).unwrap_or("");
        !gap.contains([',', ';', ':', '('])
            && !is_any(
                text,
                s.ws[p],
                &[
                    "and",
                    "but",
                    "so",
                    "then",
                    "thus",
                    "therefore",
                    "accordingly",
                    "hence",
                    "or",
                ],
            )
    }

    /// Rule 4: passive dispositions opening the sentence.
    fn passive(&self, ctx: &Ctx, s: &Sent, found: &mut Vec<Found>) {
        let text = ctx.text;
        for i in 2..s.ws.len() {
            if s.quoted[i] || !is_participle(s.class[i]) {
                continue;
            }
            let mut j = i - 1;
            let mut negated = false;
            while j > 0 && (is(text, s.ws[j], "hereby") || is_between_word(text, s.ws[j])) {
                negated |= is_any(text, s.ws[j], NEGATIONS);
                j -= 1;
            }
            if negated {
                continue;
            }
            let aux = s.ws[j];
            if !is_any(text, aux, PASSIVE_AUX) {
                continue;
            }
            if is(text, aux, "be")
                && !j
                    .checked_sub(1)
                    .is_some_and(|p| is_any(text, s.ws[p], DECIDING_MODALS))
            {
                continue;
            }
            let start = self.clause_start(text, s);
            if j > REACH {
                continue;
            }
            let subject: Vec<usize> = (0..j).filter(|&u| s.ws[u].start >= start).collect();
            if subject.is_empty()
                || subject.iter().any(|&u| {
                    !s.quoted[u]
                        && (is_any(text, s.ws[u], SUBORDINATORS) || self.is_argument(text, s, u))
                })
            {
                continue;
            }
            if self.agent_is_no_adjudicator(ctx, s, i) {
                continue;
            }
            let past = is_any(text, aux, &["was", "were"]);
            let tribunal = if past {
                // a past decision only when the sentence names the body
                // (`charges were dismissed` may be a prosecutor's act)
                let named = ctx
                    .mentions
                    .within(s.span.start, s.span.end)
                    .filter(|m| ctx.adjudicator[m.2])
                    .last()
                    .map(|m| ctx.agencies[m.2].name.clone());
                if named.is_none() {
                    continue;
                }
                named
            } else {
                ctx.court.clone()
            };
            let end = self.clause_end(text, s, i + 1);
            if let Some(span) = trim(text, start, end) {
                push(found, span, tribunal, start);
            }
        }
    }

    /// Whether the participle at word `i` has a `by` agent that is not
    /// an adjudicating body (`this is denied by the answer`, `… is
    /// disputed by the defendant`): a party's act, not a decision.
    fn agent_is_no_adjudicator(&self, ctx: &Ctx, s: &Sent, i: usize) -> bool {
        let text = ctx.text;
        let Some(&by) = s.ws.get(i + 1) else {
            return false;
        };
        if !is(text, by, "by") {
            return false;
        }
        let agent = &s.ws[i + 2..s.ws.len().min(i + 7)];
        !agent.iter().any(|&w| {
            self.tribunal_nouns.has(text, w)
                || ctx.mentions.at(w).is_some_and(|a| ctx.adjudicator[a])
        })
    }

    /// Rule 5: `Judgment, …, unanimously modified, …, and otherwise affirmed`.
    fn decretal(&self, ctx: &Ctx, s: &Sent, found: &mut Vec<Found>) {
        let text = ctx.text;
        let Some(&first) = s.ws.first() else {
            return;
        };
        let opens = first.is_capitalized(text)
            && self.doc_nouns.has(text, first)
            && text.get(first.end..).is_some_and(|r| r.starts_with(','));
        if !opens {
            return;
        }
        let Some(i) = (1..s.ws.len()).find(|&i| {
            !s.quoted[i]
                && is_participle(s.class[i])
                && !is_any(text, s.ws[i - 1], PASSIVE_AUX)
                && !is_any(text, s.ws[i - 1], &["been", "being"])
        }) else {
            return;
        };
        let mut from = i;
        while from > 1 && is_between_word(text, s.ws[from - 1]) {
            from -= 1;
        }
        if let Some(span) = trim(text, s.ws[from].start, s.span.end) {
            push(found, span, ctx.court.clone(), s.ws[i].start);
        }
    }

    /// Rule 6: `Affirmed.`, `Judgment affirmed.`, `Motion denied.`
    fn bare(&self, ctx: &Ctx, s: &Sent, found: &mut Vec<Found>) {
        let text = ctx.text;
        let (Some(&first), Some(&last)) = (s.ws.first(), s.ws.last()) else {
            return;
        };
        if ctx.opinion
            && s.ws.len() <= 3
            && first.is_capitalized(text)
            && s.class.last().is_some_and(|&c| is_participle(c))
            && (s.ws.len() == 1 || !s.ws.iter().any(|&w| is_any(text, w, PASSIVE_AUX)))
        {
            if let Some(span) = trim(text, first.start, s.span.end) {
                push(found, span, ctx.court.clone(), last.start);
            }
        }
    }

    /// The text of a proposition starting at `from`, up to `to` or to a
    /// following `, finding that …` clause.
    fn proposition(&self, text: &str, s: &Sent, from: usize, to: usize) -> Option<Span> {
        let first = s.ws.partition_point(|w| w.start < from);
        let end = self.clause_end(text, s, first).min(to);
        let span = trim(text, from, end)?;
        (words(text, span.start, span.end).len() >= 2).then_some(span)
    }

    /// Whether the participle at word `u` is a noun: `a finding that P`,
    /// `the ruling that P` (an article or determiner right before it).
    fn is_noun_participle(&self, text: &str, s: &Sent, u: usize) -> bool {
        u.checked_sub(1)
            .is_some_and(|p| is_any(text, s.ws[p], NOUN_MAKERS))
    }

    /// Where the clause that goes on at word `from` ends: before a
    /// participle opening another `that` clause (`and noting that`), or
    /// before `because`, or at the end of the sentence.
    fn clause_end(&self, text: &str, s: &Sent, from: usize) -> usize {
        let last = s.ws.len().min(from + 2 * REACH);
        for u in from..last {
            if s.quoted[u] {
                continue;
            }
            let w = s.ws[u];
            if is(text, w, "because") {
                return w.start;
            }
            // `, but the prosecutor ordered …`: a new main clause.
            if u > from
                && CLAUSE_JOINERS.iter().any(|j| is(text, w, j))
                && text
                    .get(..w.start)
                    .is_some_and(|t| t.trim_end().ends_with([',', ';']))
            {
                return s.ws[u - 1].end;
            }
            let participle = s.class[u] & (T_PARTICIPLE | S_PARTICIPLE) != 0
                && !self.is_noun_participle(text, s, u);
            if participle && s.ws.get(u + 1).is_some_and(|&n| is(text, n, "that")) {
                let cut = if u > from && is(text, s.ws[u - 1], "and") {
                    s.ws[u - 1].start
                } else {
                    w.start
                };
                return cut;
            }
        }
        if last < s.ws.len() && last > 0 {
            // a run-on: stop after a bounded number of words
            return s.ws[last - 1].end;
        }
        s.span.end
    }

    /// Start of the main clause: after a short opening adverbial followed
    /// by a comma (`However, `, `In any event, `).
    fn clause_start(&self, text: &str, s: &Sent) -> usize {
        for (k, w) in s.ws.iter().take(3).enumerate() {
            if text.get(w.end..).is_some_and(|r| r.starts_with(',')) {
                return s.ws.get(k + 1).map_or(s.span.start, |n| n.start);
            }
        }
        s.span.start
    }

    /// The adjudicating body that is the subject of the verb `ws[i]`.
    ///
    /// Inside an adverbial clause (`If … the court finds`, `after the
    /// AOJ issued the decision`) the verb states no decision: `None`.
    fn body(&self, ctx: &Ctx, s: &Sent, i: usize, tense: Tense) -> Option<Body> {
        let body = self.subject(ctx, s, i, tense)?;
        let text = ctx.text;
        let head = text.get(s.span.start..body.start).unwrap_or("");
        let from = head.rfind(',').map_or(s.span.start, |c| s.span.start + c);
        let subordinate =
            s.ws.iter()
                .zip(&s.quoted)
                .filter(|(w, &q)| !q && w.start >= from && w.end <= body.start)
                .any(|(&w, _)| is_any(text, w, ADVERBIAL_SUBORDINATORS));
        // `the State contends that the court properly denied …`
        let argued = (0..s.ws.len())
            .take_while(|&u| s.ws[u].end <= body.start)
            .any(|u| !s.quoted[u] && self.is_argument(text, s, u));
        // `the court never ruled on`, `the Board did not find`, `didn't`
        let negated = s.ws[..i.min(s.ws.len())]
            .iter()
            .filter(|w| w.start >= body.verb_gap_start)
            .any(|&w| is_any(text, w, NEGATIONS) || is_contracted_not(text, w));
        // `the statute which this Court upheld`: the object is relativised
        let k = s.ws.partition_point(|w| w.end <= body.start);
        let relative = k
            .checked_sub(1)
            .is_some_and(|p| !s.quoted[p] && is_any(text, s.ws[p], OBJECT_RELATIVES));
        (!subordinate && !argued && !negated && !relative).then_some(body)
    }

    /// The adjudicating body that is the subject of the verb `ws[i]`.
    fn subject(&self, ctx: &Ctx, s: &Sent, i: usize, tense: Tense) -> Option<Body> {
        let text = ctx.text;
        let mut j = subject_word(text, &s.ws, i)?;
        // `A judge on Monday ruled`, `the court in 2019 held`: skip the date
        let lo = ctx.dates.partition_point(|d| d.end <= s.ws[j].start);
        if let Some(d) = ctx.dates.get(lo).filter(|d| d.start <= s.ws[j].start) {
            let first = s.ws.partition_point(|w| w.start < d.start);
            let mut k = first;
            if k > 0 && is_any(text, s.ws[k - 1], &["on", "in", "last", "this", "earlier"]) {
                k -= 1;
            }
            j = subject_word(text, &s.ws, k)?;
        }
        let gap = s.ws[j].end;
        let w = s.ws[j];
        if is(text, w, "we") {
            return (ctx.opinion && matches!(tense, Tense::Present | Tense::Base)).then_some(
                Body {
                    kind: BodyKind::We,
                    start: w.start,
                    verb_gap_start: gap,
                },
            );
        }
        if tense == Tense::Base {
            return None;
        }
        if let Some(a) = ctx.mentions.at(w) {
            if !ctx.adjudicator[a] {
                return None;
            }
            let mstart = ctx
                .mentions
                .last_before(s.span.start, w.end.max(gap))
                .map_or(w.start, |(_, st)| st);
            return Some(Body {
                kind: BodyKind::Agency(a),
                start: with_determiner(text, &s.ws, mstart),
                verb_gap_start: gap,
            });
        }
        if is_any(text, w, RELATIVES) {
            let (a, _) = ctx.mentions.last_before(s.span.start, w.start)?;
            return ctx.adjudicator[a].then_some(Body {
                kind: BodyKind::Agency(a),
                start: w.start,
                verb_gap_start: gap,
            });
        }
        if self.tribunal_nouns.has(text, w) {
            // `the Court`, `this Court`, `the motion court`
            let mut d = j;
            while d > 0 && j - d < 3 && !is_any(text, s.ws[d], DETERMINERS) {
                d -= 1;
            }
            if !is_any(text, s.ws[d], DETERMINERS) {
                return None;
            }
            return Some(Body {
                kind: BodyKind::Generic {
                    noun: w,
                    qualifier: (d + 1 < j).then(|| s.ws[j - 1]),
                },
                start: s.ws[d].start,
                verb_gap_start: gap,
            });
        }
        // `Judge Ann Smith ruled`
        let name = name_ending_at(text, &s.ws, j)?;
        let first = s.ws[s.ws.partition_point(|x| x.start < name.start)];
        self.tribunal_nouns.has(text, first).then_some(Body {
            kind: BodyKind::Judge(name),
            start: name.start,
            verb_gap_start: gap,
        })
    }

    /// The canonical name of the deciding body.
    fn tribunal(&self, ctx: &Ctx, s: &Sent, body: &Body, reviewed: bool) -> Option<String> {
        let t = self.tribunal_of(ctx, s, body);
        if t.is_some() && t != ctx.court && !matches!(body.kind, BodyKind::We) {
            *ctx.lower.borrow_mut() = t.clone();
        }
        if reviewed {
            // the document's court approving or faulting another's act
            return ctx.court.clone();
        }
        t
    }

    /// The deciding body named by `body` (see [`Self::tribunal`]).
    fn tribunal_of(&self, ctx: &Ctx, s: &Sent, body: &Body) -> Option<String> {
        let text = ctx.text;
        match &body.kind {
            BodyKind::Agency(a) => Some(ctx.agencies[*a].name.clone()),
            BodyKind::We => ctx.court.clone(),
            BodyKind::Judge(name) => ctx
                .court
                .clone()
                .or_else(|| Some(name.slice(text).to_string())),
            BodyKind::Generic { noun, qualifier } => {
                let n = noun.text(text);
                let has =
                    |name: &str, word: &str| name_words(name).any(|w| w.eq_ignore_ascii_case(word));
                // the most recently named adjudicator whose name has the
                // qualifier (`the district court`) or the head noun
                let latest = |word: &str| {
                    ctx.mentions
                        .before(s.span.end)
                        .rev()
                        .find(|m| {
                            let name = &ctx.agencies[m.2].name;
                            ctx.adjudicator[m.2] && has(name, word) && has(name, n)
                        })
                        .map(|m| ctx.agencies[m.2].name.clone())
                };
                if let Some(q) = qualifier {
                    // `the district court`: a named one; in a decision, `the
                    // motion court` is the court below, the last other
                    // adjudicator named in the caption (a court cited in
                    // the body is another case's); else the words written
                    return latest(q.text(text))
                        .or_else(|| {
                            ctx.opinion.then_some(()).and_then(|_| {
                                ctx.mentions
                                    .before(s.span.start)
                                    .rev()
                                    .find(|m| {
                                        ctx.adjudicator[m.2]
                                            && ctx.court.as_deref()
                                                != Some(ctx.agencies[m.2].name.as_str())
                                            && ctx.agencies[m.2]
                                                .mentions
                                                .iter()
                                                .any(|x| x.start < ctx.caption_end)
                                    })
                                    .map(|m| ctx.agencies[m.2].name.clone())
                            })
                        })
                        .or_else(|| {
                            ctx.opinion.then_some(())?;
                            text.get(q.start..noun.end)
                                .map(|p| p.to_lowercase())
                                .filter(|p| !p.contains('\n'))
                        });
                }
                // a decision in the first person calls itself `we` or `this
                // Court`: its lower-case `the court` is the court below
                let det = words(text, body.start, noun.start).first().copied();
                let the = det.is_some_and(|d| is(text, d, "the"));
                if ctx.opinion && ctx.first_person && the && !noun.is_capitalized(text) {
                    if let Some(l) = ctx.lower.borrow().clone() {
                        return Some(l);
                    }
                }
                // `that court` points back to a court named before, never
                // to the document's own
                if det.is_some_and(|d| is_any(text, d, &["that", "those"])) {
                    if let Some(l) = ctx
                        .mentions
                        .before(s.span.start)
                        .rev()
                        .find(|m| {
                            ctx.adjudicator[m.2]
                                && ctx.court.as_deref() != Some(ctx.agencies[m.2].name.as_str())
                        })
                        .map(|m| ctx.agencies[m.2].name.clone())
                    {
                        return Some(l);
                    }
                }
                if ctx.court.as_deref().is_some_and(|c| has(c, n)) {
                    return ctx.court.clone();
                }
                latest(n)
                    .or_else(|| ctx.court.clone())
                    .or_else(|| noun.is_capitalized(text).then(|| n.to_string()))
            }
        }
    }

    /// The decision date of a holding.
    fn date(&self, ctx: &Ctx, s: &Sent, f: &Found, state: &mut State) -> Option<String> {
        if ctx.opinion && f.tribunal == ctx.court && ctx.published.is_some() {
            return ctx.published.clone();
        }
        // dates sorted by offset: look only at this sentence's
        let dates = &ctx.dates;
        let lo = dates.partition_point(|d| d.start < s.span.start);
        let written = dates[lo..]
            .iter()
            .take_while(|d| d.start < f.anchor)
            .filter(|d| !d.citation && !d.relative)
            .last()
            .map(|d| d.value.clone());
        let key = f.tribunal.clone().unwrap_or_default();
        if let Some(d) = written {
            state.dates.insert(key, d.clone());
            return Some(d);
        }
        if let Some(d) = state.dates.get(&key) {
            return Some(d.clone());
        }
        // `X held that P. Case v. Case, 713 F.3d 112 (Fed. Cir. 2013).`:
        // the year of the decision cited right after the proposition
        let next_end = ctx
            .sentences
            .get(s.index + 1)
            .map_or(s.span.end, |n| n.end.max(s.span.end));
        let cited = dates[lo..]
            .iter()
            .skip_while(|d| d.start < f.span.end)
            .take_while(|d| d.start < next_end)
            .find(|d| d.citation)
            .map(|d| d.value.clone());
        // else the date written with the body where it is first named
        // (`a judgment of the X, dated December 15, 2020`)
        cited.or_else(|| ctx.named_dates.get(&key).cloned())
    }
}

/// The holding-verb tense of class bits.
fn tense_of(c: u16) -> Option<Tense> {
    if c & T_PARTICIPLE != 0 {
        Some(Tense::Participle)
    } else if c & T_PAST != 0 {
        Some(Tense::Past)
    } else if c & T_PRESENT != 0 {
        Some(Tense::Present)
    } else if c & T_BASE != 0 {
        Some(Tense::Base)
    } else {
        None
    }
}

/// A disposition participle that decides on its own (`affirmed`, not
/// `issued`).
/// The index of the first sentence that heads a separate opinion: a
/// short sentence naming a judge and ending in `dissenting`, `concurring`
/// (`in part`, `in the judgment`), as `JUSTICE X, with whom JUSTICE Y
/// joins, dissenting.`; `usize::MAX` when there is none.
fn separate_opinion(text: &str, sentences: &[Span], needles: &[Finder]) -> usize {
    let mut first = usize::MAX;
    for needle in needles {
        // Each sentence is judged once, however many needles it holds.
        let mut judged = usize::MAX;
        // memmem, not `match_indices`: a SIMD scan of the whole text
        for pos in needle.find_iter(text.as_bytes()) {
            let si = sentence_at(sentences, pos);
            if si >= first {
                break;
            }
            if si == judged {
                continue;
            }
            judged = si;
            let Some(sp) = sentences.get(si) else {
                break;
            };
            let Some(st) = text.get(sp.start..sp.end) else {
                continue;
            };
            let tail = st
                .trim_end()
                .trim_end_matches(['.', ':'])
                .trim_end()
                .to_ascii_lowercase();
            let heads = ["dissenting", "concurring", "in part", "in the judgment"]
                .iter()
                .any(|e| tail.ends_with(e));
            let ws = words(text, sp.start, sp.end);
            let judge = ws
                .iter()
                .any(|&w| w.is_capitalized(text) && is_any(text, w, PERSON_NOUNS));
            if heads && judge && ws.len() <= 40 {
                first = si;
            }
        }
    }
    first
}

/// Whether `w` is the `t` of a contracted `n't` (`didn't`, `don’t`).
fn is_contracted_not(text: &str, w: Word) -> bool {
    is(text, w, "t")
        && text
            .get(..w.start)
            .is_some_and(|t| t.ends_with("n'") || t.ends_with("n\u{2019}"))
}

fn is_participle(c: u16) -> bool {
    c & D_PARTICIPLE != 0 && c & D_OBJECT == 0
}

/// Include a determiner right before `start` (`the Supreme Court`).
fn with_determiner(text: &str, ws: &[Word], start: usize) -> usize {
    let k = ws.partition_point(|w| w.start < start);
    match k.checked_sub(1).map(|p| ws[p]) {
        Some(d) if is_any(text, d, DETERMINERS) => d.start,
        _ => start,
    }
}

/// `from..to` trimmed of whitespace and trailing `.,;:`.
fn trim(text: &str, from: usize, to: usize) -> Option<Span> {
    let s = text.get(from..to)?;
    let lead = s.len() - s.trim_start().len();
    let t = s
        .trim()
        .trim_end_matches(|c: char| c.is_whitespace() || ".,;:".contains(c));
    (!t.is_empty()).then(|| Span::new(from + lead, from + lead + t.len()))
}

/// Add a holding unless it overlaps one already found in the sentence.
fn push(found: &mut Vec<Found>, span: Span, tribunal: Option<String>, anchor: usize) {
    if found
        .iter()
        .any(|f| f.span.start < span.end && span.start < f.span.end)
    {
        return;
    }
    found.push(Found {
        span,
        tribunal,
        anchor,
    });
}

/// [`sentence_at`] of an offset in sentences that are in order and do
/// not overlap, from the number of their starts and ends at or before it
/// (which alternate, so half of them are starts).
fn tidy_sentence_at(bounds_before: usize) -> usize {
    bounds_before.div_ceil(2).saturating_sub(1)
}

/// A word of at most 16 ASCII bytes as one number: its bytes in ASCII
/// lower case, the last with its top bit set (which no ASCII byte has), so
/// that words of different lengths differ even with NUL bytes. `None` for
/// a longer or non-ASCII word.
fn short_key(w: &[u8]) -> Option<u128> {
    if w.len() > 16 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..w.len()].copy_from_slice(w);
    buf.make_ascii_lowercase();
    if let Some(last) = w.len().checked_sub(1) {
        buf[last] |= 0x80;
    }
    Some(u128::from_le_bytes(buf))
}

/// `table` (indexed by ASCII lower-case bytes) indexed by any byte: an
/// ASCII capital reads its lower-case letter's entry, so that a run is
/// looked up without lower-casing its bytes.
fn any_case(table: [u32; 256]) -> [u32; 256] {
    std::array::from_fn(|b| table[(b as u8).to_ascii_lowercase() as usize])
}

/// What the prefilter of [`HoldingExtractor::find`] learns of a document.
#[derive(Debug, PartialEq, Eq)]
struct Scan {
    /// The sentences holding a holding or disposition word, in order.
    candidates: Vec<usize>,
    /// Per sentence (at least one), the `M_` marks of its runs.
    marks: Vec<u8>,
    /// A disposition in capitals (`AFFIRMED`, `ORDERED`) marks a decision.
    decree: bool,
}

/// Mark `M_ALL` the sentences of every run of letters and digits that
/// crosses a bound of `sentences` (in order, not overlapping): the words
/// of such a sentence are not its runs. A bound strictly inside a run has
/// bytes of the run on both sides, so only those bounds are looked at:
/// the stretch around one, between two ASCII bytes that are no letter or
/// digit (which no run crosses), is split into runs as the whole text is,
/// and each run is checked against the next bound after its start. Each
/// stretch is read once, however many bounds it holds.
fn mark_crossing_runs(text: &str, sentences: &[Span], marks: &mut [u8]) {
    let b = text.as_bytes();
    let word = |i: usize| b.get(i).is_some_and(|&c| WORD_BYTE[c as usize] != 0);
    // the first bound after `x`: the end of the sentence `x` is in, else
    // the start of the next one
    let next_bound = |x: usize| {
        let i = sentences.partition_point(|s| s.start <= x);
        match i.checked_sub(1).map(|k| sentences[k].end) {
            Some(e) if e > x => Some(e),
            _ => sentences.get(i).map(|s| s.start),
        }
    };
    let mut read = 0;
    for x in sentences.iter().flat_map(|s| [s.start, s.end]) {
        if x < read || x == 0 || !word(x - 1) || !word(x) {
            continue;
        }
        let lo = b[..x]
            .iter()
            .rposition(|&c| WORD_BYTE[c as usize] == 0)
            .map_or(0, |i| i + 1);
        let hi = b[x..]
            .iter()
            .position(|&c| WORD_BYTE[c as usize] == 0)
            .map_or(b.len(), |i| x + i);
        read = hi;
        let Some(stretch) = text.get(lo..hi) else {
            continue;
        };
        alnum_runs(stretch, |start, end| {
            let (start, end) = (lo + start, lo + end);
            if next_bound(start).is_none_or(|n| n >= end) {
                return;
            }
            let mut si = sentence_at(sentences, start);
            while let Some(m) = marks.get_mut(si) {
                *m = M_ALL;
                si += 1;
                if sentences.get(si).is_none_or(|s| s.start >= end) {
                    break;
                }
            }
        });
    }
}

/// For each first (last) byte, ASCII lower case, a bit per length (31 for
/// any longer) of `words`.
fn edge_len<S: AsRef<str>>(words: &[S]) -> ([u32; 256], [u32; 256]) {
    let (mut first, mut last) = ([0u32; 256], [0u32; 256]);
    for w in words {
        let b = w.as_ref().as_bytes();
        if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
            first[f.to_ascii_lowercase() as usize] |= len_bit(b.len());
            last[l.to_ascii_lowercase() as usize] |= len_bit(b.len());
        }
    }
    (first, last)
}

/// The spans of the mentions of adjudicating agencies, by start.
struct Judged {
    spans: Vec<(usize, usize)>,
    /// The longest mention: one ending after `x` starts after `x - longest`.
    longest: usize,
}

impl Judged {
    fn new(agencies: &[Agency], adjudicator: &[bool]) -> Judged {
        let mut spans: Vec<(usize, usize)> = agencies
            .iter()
            .zip(adjudicator)
            .filter(|(_, &adj)| adj)
            .flat_map(|(a, _)| a.mentions.iter().map(|m| (m.start, m.end)))
            .collect();
        spans.sort_unstable();
        let longest = spans.iter().map(|&(s, e)| e.saturating_sub(s)).max();
        Judged {
            spans,
            longest: longest.unwrap_or(0),
        }
    }

    /// Whether a mention overlaps `from..to`.
    fn near(&self, from: usize, to: usize) -> bool {
        let lo = self.spans.partition_point(|m| m.0 + self.longest <= from);
        self.spans[lo..]
            .iter()
            .take_while(|m| m.0 < to)
            .any(|m| m.1 > from)
    }
}

struct Ctx<'a> {
    text: &'a str,
    mentions: MentionIndex,
    agencies: &'a [Agency],
    /// Per agency, whether it can decide cases.
    adjudicator: Vec<bool>,
    court: Option<String>,
    /// The document is a decision (an opinion), not a letter about one.
    opinion: bool,
    dates: Vec<&'a Date>,
    sentences: &'a [Span],
    /// Per adjudicating body, the first date written in a sentence naming it.
    named_dates: HashMap<String, String>,
    published: Option<String>,
    /// The document speaks in the first person plural (`we hold`): its
    /// court is `we`, and a lower-case `the court` is another one.
    first_person: bool,
    /// The last court other than the document's own that decided in an
    /// earlier holding (`the district court granted …`).
    lower: RefCell<Option<String>>,
    /// Courts first named before this byte are named in the caption.
    caption_end: usize,
}

/// The caption of a decision (parties, court below) fits in this many
/// bytes; a court first named later is named in the facts or in a
/// citation.
const CAPTION_BYTES: usize = 3000;

/// Whether a decision written in the first person speaks of the court
/// `name` in the third person, lower case (`the district court` for
/// `United States District Court for …`): then that court is the one
/// below, not the author.
fn calls_other(text: &str, name: &str) -> bool {
    name_words(name)
        .filter(|w| w.len() > 3 && w.bytes().all(|b| b.is_ascii_alphabetic()))
        .filter(|w| {
            !w.eq_ignore_ascii_case("court")
                && w.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        })
        .any(|w| {
            let needle = format!("the {} court", w.to_ascii_lowercase());
            memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some()
        })
}

/// Whether the text has a first-person plural subject (`We`, ` we `):
/// one of `needles`.
fn first_person(text: &str, needles: &[Finder]) -> bool {
    needles.iter().any(|n| n.find(text.as_bytes()).is_some())
}

#[derive(Default)]
struct State {
    /// Last decision date per tribunal.
    dates: HashMap<String, String>,
}

struct Sent {
    index: usize,
    /// Class bits of each word.
    class: Vec<u16>,
    span: Span,
    ws: Vec<Word>,
    quoted: Vec<bool>,
}

struct Found {
    span: Span,
    tribunal: Option<String>,
    /// A date written before this offset is the decision's date: the
    /// verb (`In August 2005, the BIA held`), or the clause start of a
    /// passive (`Entitlement to … from May 2020 is denied` is no date).
    anchor: usize,
}

struct Body {
    kind: BodyKind,
    /// Where the subject's text starts.
    start: usize,
    /// End of the subject's last word (adverbs after it sit before the verb).
    verb_gap_start: usize,
}

enum BodyKind {
    Agency(usize),
    We,
    /// `the Court`, `the district court`: the head noun and the word
    /// qualifying it, if any.
    Generic {
        noun: Word,
        qualifier: Option<Word>,
    },
    Judge(Span),
}

impl Extractor for HoldingExtractor {
    fn extract(&self, doc: &Document, sentences: &[Span], facts: &mut Facts) {
        let holdings = self.find(doc, sentences, facts);
        facts.holdings.extend(holdings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::extract::quotes::QuoteExtractor;
    use crate::extract::testutil::{agency, sentences};
    use crate::record::{AgencyKind, Date, Mention};
    use crate::testing::Rng;

    fn ex() -> HoldingExtractor {
        HoldingExtractor::new(&Patterns::builtin()).unwrap()
    }

    #[test]
    fn alnum_runs_are_maximal() {
        let t = "border-held, Überheld (held) 2held é";
        let runs = |t: &str| {
            let mut out = Vec::new();
            alnum_runs(t, |s, e| out.push(t[s..e].to_string()));
            out
        };
        assert_eq!(
            runs(t),
            ["border", "held", "Überheld", "held", "2held", "é"]
        );
        assert!(runs("").is_empty());
        assert!(runs(" —, ").is_empty());
        assert_eq!(runs("—ab—"), ["ab"]);
        // against runs of `char::is_alphanumeric`, on crafted texts
        let pieces = [
            "a", "Z", "0", "9", " ", "  ", "-", "—", "’", "é", "Ü", "ß", "\u{2003}", "\u{a0}",
            "\n", "held", "HELD", "x2", "(", ")", ".", "中", "٣", "\u{301}", "🙂",
        ];
        let mut rng = Rng::new(0x7777_1111_3333_9999_u64);
        for _ in 0..2000 {
            let t = rng.text(&pieces, 12);
            let mut expected: Vec<String> = Vec::new();
            let mut run = String::new();
            for c in t.chars() {
                if c.is_alphanumeric() {
                    run.push(c);
                } else if !run.is_empty() {
                    expected.push(std::mem::take(&mut run));
                }
            }
            if !run.is_empty() {
                expected.push(run);
            }
            assert_eq!(runs(&t), expected, "{t:?}");
        }
    }

    #[test]
    fn needles_are_whole_words_in_any_ascii_case() {
        let x = ex();
        for w in ["held", "HELD", "Affirmed", "stricken", "ORDERED"] {
            assert!(x.is_needle(w.as_bytes()), "{w}");
        }
        // speech participles have a class but make no candidate
        assert!(x.class("stating", Word { start: 0, end: 7 }) != 0);
        for w in ["stating", "helds", "border", "", "the", "Héld"] {
            assert!(!x.is_needle(w.as_bytes()), "{w}");
        }
        assert!(!x.is_needle("x".repeat(40).as_bytes()));
    }

    #[test]
    fn general_punctuation_has_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        assert_eq!(alnum_at("’s", 0), (false, 3));
        assert_eq!(alnum_at("és", 0), (true, 2));
    }

    #[test]
    fn tidy_sentence_at_is_sentence_at() {
        for spans in [
            vec![],
            vec![Span::new(0, 5)],
            vec![
                Span::new(2, 5),
                Span::new(5, 9),
                Span::new(12, 12),
                Span::new(12, 20),
            ],
            vec![Span::new(0, 0), Span::new(3, 4)],
        ] {
            let bounds: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
            for offset in 0..25 {
                let before = bounds.iter().filter(|&&b| b <= offset).count();
                assert_eq!(
                    tidy_sentence_at(before),
                    sentence_at(&spans, offset),
                    "{spans:?} {offset}"
                );
            }
        }
    }

    #[test]
    fn edge_len_records_first_and_last_bytes_by_length() {
        let (first, last) = edge_len(&["Held", "we"]);
        assert_ne!(first[b'h' as usize] & len_bit(4), 0);
        assert_ne!(last[b'd' as usize] & len_bit(4), 0);
        assert_eq!(first[b'h' as usize] & len_bit(5), 0);
        assert_ne!(first[b'w' as usize] & len_bit(2), 0);
        assert_eq!(last[b'w' as usize], 0);
    }

    #[test]
    fn run_class_lookup_agrees_with_the_general_path() {
        let x = ex();
        let mut words: Vec<String> = x
            .run_classes
            .keys()
            .map(|k| String::from_utf8(k.clone()).unwrap())
            .collect();
        words.sort();
        words.extend(
            [
                "x",
                "the",
                "Court",
                "COURT",
                "cOuRt",
                "courts",
                "court1",
                "we",
                "We",
                "WE",
                "wE",
                "wee",
                "w",
                "held",
                "HELD",
                "Held",
                "hElD",
                "upheld",
                "helds",
                "ordered",
                "ORDERED",
                "Ordered",
                "orderedx",
                "granted",
                "Granted",
                "denied",
                "DENIED",
                "finding",
                "Finding",
                "noting",
                "NOTING",
                "héld",
                "Cöurt",
                "wé",
                "9",
                "2020",
                "kelvin",
                "\u{212a}elvin",
                "Board",
                "judge",
                "JUDGE",
            ]
            .map(String::from),
        );
        // around the 16 bytes of a short key
        words.push("heldheldheldheld".to_string());
        words.push("heldheldheldhel".to_string());
        words.push("heldheldheldheldh".to_string());
        words.push("held\0".to_string());
        words.push("\0held".to_string());
        // longer than the 32-byte buffer, in every case
        words.push("held".repeat(9));
        words.push("HELD".repeat(9));
        words.push("c".repeat(32));
        words.push("C".repeat(33));
        let mut all = Vec::new();
        for w in &words {
            all.push(w.clone());
            all.push(w.to_uppercase());
            all.push(w.to_ascii_uppercase());
            let mut title = w.clone();
            if let Some(f) = title.get_mut(0..1) {
                f.make_ascii_uppercase();
            }
            all.push(title);
            let alternating: String = w
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            all.push(alternating);
        }
        let mut needles = 0;
        for w in &all {
            let fast = x.run_class(w);
            assert_eq!(fast, x.run_class_of_any(w.as_bytes()), "{w:?}");
            needles += fast.needle as usize;
        }
        // the test holds needles in many cases, and other words
        assert!(
            needles > 100 && needles < all.len(),
            "{needles} of {}",
            all.len()
        );
    }

    #[test]
    fn class_of_agrees_with_the_general_lookup() {
        let x = ex();
        let mut words: Vec<String> = x.classes.keys().cloned().collect();
        words.sort();
        for w in [
            "x",
            "the",
            "court's",
            "Court’s",
            "held",
            "HELD",
            "Held",
            "hElD",
            "héld",
            "HÉLD",
            "noting",
            "NOTING",
            "Noting",
            "ordered",
            "ORDERED",
            "re-held",
            "held-",
            "'held",
            "ǅenied",
            "\u{212a}",
            "finding",
            "FINDING",
            "we",
            "We",
            "",
            "2020",
            "a\0b",
        ] {
            words.push(w.to_string());
        }
        for n in [15, 16, 17, 31, 32, 33] {
            words.push("a".repeat(n));
            words.push("A".repeat(n));
        }
        let mut all = Vec::new();
        for w in &words {
            all.push(w.clone());
            all.push(w.to_uppercase());
            let mut title = w.clone();
            if let Some(f) = title.get_mut(0..1) {
                f.make_ascii_uppercase();
            }
            all.push(title);
            all.push(format!("{w}s"));
            all.push(format!("{w}{w}"));
        }
        let mut classed = 0;
        for w in &all {
            let c = x.class_of(w);
            assert_eq!(c, x.class_of_general(w), "{w:?}");
            classed += usize::from(c != 0);
        }
        assert!(
            classed > 200 && classed < all.len() / 2,
            "{classed} of {}",
            all.len()
        );
    }

    #[test]
    fn marks_say_what_a_run_may_start() {
        let x = ex();
        let m = |w: &str| x.marks(w, x.class_of(w));
        assert_ne!(m("granted") & M_DECIDES, 0);
        assert_ne!(m("ORDERED") & M_DECIDES, 0);
        assert_eq!(m("found") & M_DECIDES, 0);
        assert_ne!(m("found") & M_FINITE, 0);
        assert_eq!(m("grant") & (M_DECIDES | M_FINITE), 0);
        assert_ne!(m("grant") & M_ANY, 0);
        assert_eq!(m("We"), M_WE);
        assert_eq!(m("Court"), M_NOUN);
        assert_eq!(m("the"), 0);
        assert!(x.nouns_are_runs);
    }

    #[test]
    fn judged_mentions_near_a_span() {
        let j = Judged {
            spans: vec![(10, 20), (30, 100), (200, 205)],
            longest: 70,
        };
        assert!(j.near(15, 16));
        assert!(j.near(90, 95));
        assert!(j.near(0, 11));
        assert!(!j.near(0, 10));
        assert!(!j.near(100, 200));
        assert!(j.near(100, 201));
        assert!(!j.near(205, 300));
    }

    #[test]
    fn sentences_without_a_subject_are_skipped_but_not_holdings() {
        // only a mention says the subject adjudicates
        let t = "The claim was heard. The BIA found that the claim fails.";
        let bia = agency(t, "BIA", AgencyKind::Court, &["BIA"]);
        let h = run(t, vec![bia]);
        assert_eq!(texts(&h), ["the claim fails"]);
        // a passive needs no subject word
        assert_eq!(
            texts(&run_opinion("The motion is denied.", vec![])),
            ["The motion is denied"]
        );
        // a finite form with neither a tribunal nor `we` decides nothing
        assert!(run_opinion("The witness found that it rained.", vec![]).is_empty());
        // a subject after a past verb, behind `the`
        let h = run("The statute is void as written, ruled the Court.", vec![]);
        assert_eq!(texts(&h), ["The statute is void as written"]);
        // a tribunal noun that is not the subject of `finds`
        assert!(run("The witness finds that the court is closed.", vec![]).is_empty());
    }

    #[test]
    fn a_run_across_a_sentence_start_keeps_its_sentences() {
        // `XWe` is one run of the text, but the second sentence's words
        // begin with `We`: that sentence must still be read.
        let text = "Findings:XWe affirm the judgment.";
        let mut doc = Document::new("t".into(), "t".into(), Format::Text, text.into());
        doc.publisher = Some("Court of Appeals".into());
        let sents = [Span::new(0, 10), Span::new(10, text.len())];
        let h = ex().find(&doc, &sents, &Facts::default());
        assert_eq!(texts(&h), ["We affirm the judgment"]);
        // overlapping sentences are all read
        let sents = [Span::new(0, 20), Span::new(10, text.len())];
        assert_eq!(ex().find(&doc, &sents, &Facts::default()).len(), 1);
    }

    /// Sentences over `text` drawn by `rng`: in order (possibly empty,
    /// with gaps, bounds inside words and chars, past the end) or, with
    /// `tidy` false, overlapping.
    fn crafted_sentences(rng: &mut Rng, text: &str, tidy: bool) -> Vec<Span> {
        let n = rng.below(12);
        let mut cuts: Vec<usize> = (0..2 * n).map(|_| rng.below(text.len() + 3)).collect();
        cuts.sort_unstable();
        let mut out: Vec<Span> = cuts.chunks(2).map(|c| Span::new(c[0], c[1])).collect();
        if !tidy && out.len() >= 2 {
            let k = rng.below(out.len() - 1);
            out[k].end = out[k + 1].end.max(out[k].end) + 1;
        }
        out
    }

    #[test]
    fn the_scan_agrees_with_the_general_pass() {
        let x = ex();
        let pieces = [
            " ",
            " ",
            " ",
            ". ",
            ", ",
            "\n",
            "\n\n",
            "-",
            "'",
            "’",
            "“",
            "”",
            "—",
            "\u{a0}",
            "(",
            ")",
            ":",
            "held",
            "HELD",
            "Held",
            "hElD",
            "upheld",
            "holding",
            "we",
            "We",
            "WE",
            "wee",
            "court",
            "Court",
            "COURT",
            "Board",
            "judge",
            "the",
            "that",
            "a",
            "ordered",
            "ORDERED",
            "Ordered",
            "AFFIRMED",
            "Affirmed",
            "DENY",
            "GRANT",
            "grants",
            "denied",
            "finding",
            "Finding",
            "noting",
            "issued",
            "ISSUED",
            "2020",
            "9",
            "x",
            "é",
            "É",
            "ß",
            "\u{212a}",
            "Cöurt",
            "héld",
            "日本",
            "١٢",
            "ǅ",
            "XWe",
            "abc",
            "Findings",
            "helds",
            "courtroom",
            "dissenting",
        ];
        let mut rng = Rng::new(0x2545f4914f6cdd1d);
        let (mut cands, mut crossed, mut decrees) = (0, 0, 0);
        for round in 0..3000 {
            let count = 1 + rng.below(40);
            let mut text = rng.text(&pieces, count);
            if round % 50 == 0 {
                // long runs, with and without bounds inside
                text.push_str(&"wE".repeat(200));
                text.push_str(" held ");
            }
            for tidy in [true, false] {
                let sents = crafted_sentences(&mut rng, &text, tidy);
                let fast = x.scan(&text, &sents);
                let general = x.scan_general(&text, &sents);
                assert_eq!(fast, general, "{text:?} {sents:?}");
                if tidy {
                    cands += usize::from(!fast.candidates.is_empty());
                    decrees += usize::from(fast.decree);
                    let mut across = vec![0; sents.len().max(1)];
                    mark_crossing_runs(&text, &sents, &mut across);
                    crossed += usize::from(across.contains(&M_ALL));
                }
            }
            // no sentences at all
            assert_eq!(x.scan(&text, &[]), x.scan_general(&text, &[]));
        }
        // the texts hold candidates, decrees and runs across bounds
        assert!(
            cands > 1000 && decrees > 150 && crossed > 300,
            "{cands} {decrees} {crossed}"
        );
    }

    struct Run {
        publisher: Option<&'static str>,
        published: Option<&'static str>,
        dates: Vec<Date>,
    }

    fn run_with(text: &str, agencies: Vec<Agency>, r: Run) -> Vec<Holding> {
        let mut doc = Document::new("t".into(), "t".into(), Format::Text, text.into());
        doc.publisher = r.publisher.map(String::from);
        doc.published = r.published.map(String::from);
        let sents = sentences(text);
        let mut facts = Facts {
            agencies,
            dates: r.dates,
            ..Facts::default()
        };
        let p = Patterns::builtin();
        QuoteExtractor::new(&p)
            .unwrap()
            .extract(&doc, &sents, &mut facts);
        ex().extract(&doc, &sents, &mut facts);
        facts.holdings
    }

    fn run(text: &str, agencies: Vec<Agency>) -> Vec<Holding> {
        run_with(
            text,
            agencies,
            Run {
                publisher: None,
                published: None,
                dates: vec![],
            },
        )
    }

    /// A decision known by its case-name title.
    fn run_titled(text: &str, agencies: Vec<Agency>, title: &str) -> Vec<Holding> {
        let mut doc = Document::new("t".into(), "t".into(), Format::Text, text.into());
        doc.title = Some(title.into());
        let sents = sentences(text);
        let mut facts = Facts {
            agencies,
            ..Facts::default()
        };
        ex().extract(&doc, &sents, &mut facts);
        facts.holdings
    }

    /// A decision published by a court.
    fn run_opinion(text: &str, agencies: Vec<Agency>) -> Vec<Holding> {
        run_with(
            text,
            agencies,
            Run {
                publisher: Some("Court of Appeals"),
                published: Some("2021-01-19"),
                dates: vec![],
            },
        )
    }

    fn texts(h: &[Holding]) -> Vec<&str> {
        h.iter().map(|h| h.text.as_str()).collect()
    }

    fn date(text: &str, written: &str, value: &str) -> Date {
        let start = text.find(written).unwrap();
        Date {
            text: written.into(),
            value: value.into(),
            granularity: "month".into(),
            start,
            end: start + written.len(),
            sentence: text[..start].matches('\n').count(),
            citation: false,
            relative: false,
        }
    }

    #[test]
    fn held_a_hearing_is_no_holding_and_clauses_end_at_but() {
        let t = "The magistrate judge held a preliminary examination and detention hearing.\nThe court held in A v. B, 356 U.S. 44, that the statute was valid.\nThe court ruled that she should be released, but the prosecutor ordered her arrest.";
        let h = run(t, vec![]);
        assert_eq!(
            texts(&h),
            ["the statute was valid", "she should be released"]
        );
    }

    #[test]
    fn held_that_by_a_court_agency_with_date() {
        let t = "In August 2005, the Board of Immigration Appeals (BIA) held that Mr. Y was entitled to relief.\nThe BIA held that he “more likely than not” would be harmed.";
        let ag = agency(
            t,
            "Board of Immigration Appeals",
            AgencyKind::Court,
            &["Board of Immigration Appeals", "BIA"],
        );
        let h = run_with(
            t,
            vec![ag],
            Run {
                publisher: None,
                published: None,
                dates: vec![date(t, "August 2005", "2005-08")],
            },
        );
        assert_eq!(
            texts(&h),
            [
                "Mr. Y was entitled to relief",
                "he “more likely than not” would be harmed"
            ]
        );
        assert!(h
            .iter()
            .all(|h| h.tribunal.as_deref() == Some("Board of Immigration Appeals")));
        // the second sentence has no date: the body's last decision date
        assert_eq!(h[0].date.as_deref(), Some("2005-08"));
        assert_eq!(h[1].date.as_deref(), Some("2005-08"));
        assert_eq!(h[1].sentence, 1);
    }

    #[test]
    fn letter_about_a_decision_does_not_take_the_publication_date() {
        let t = "We write about Mr. Y.\nHe is detained.\nIn 2005, the Board of Immigration Appeals (BIA) held that he was at risk.\nThe BIA held that he would be harmed.";
        let ag = agency(
            t,
            "Board of Immigration Appeals",
            AgencyKind::Court,
            &["Board of Immigration Appeals", "BIA"],
        );
        let h = run_with(
            t,
            vec![ag],
            Run {
                publisher: Some("Human Rights Watch"),
                published: Some("2006-09-06"),
                dates: vec![date(t, "2005", "2005")],
            },
        );
        assert_eq!(texts(&h), ["he was at risk", "he would be harmed"]);
        assert!(h.iter().all(|h| h.date.as_deref() == Some("2005")));
        assert!(h
            .iter()
            .all(|h| h.tribunal.as_deref() == Some("Board of Immigration Appeals")));
    }

    #[test]
    fn non_adjudicators_finding_is_not_a_holding() {
        // traps: an NGO, a government department, a rapporteur
        let t = "It is documented by the State Department, which found in its report that police beat detainees.\nThe Special Rapporteur concluded that torture is systematic.\nHuman Rights Watch found that abuses continued.";
        let ags = vec![
            agency(
                t,
                "U.S. Department of State",
                AgencyKind::Government,
                &["State Department"],
            ),
            agency(
                t,
                "Special Rapporteur",
                AgencyKind::Intergovernmental,
                &["Special Rapporteur"],
            ),
            agency(
                t,
                "Human Rights Watch",
                AgencyKind::Ngo,
                &["Human Rights Watch"],
            ),
        ];
        assert!(run(t, ags).is_empty());
    }

    #[test]
    fn granted_as_noun_phrase_is_not_a_holding() {
        let t = "We write about a man who has been granted deferral of removal.\nThe agency’s decision to continue detention was communicated.";
        assert!(run(t, vec![]).is_empty());
    }

    #[test]
    fn board_finds_without_that_and_we_hold() {
        let t = "After careful review, the Board finds an increased evaluation is not warranted.\nThe Board finds here that the claim was raised.";
        let h = run_with(
            t,
            vec![],
            Run {
                publisher: Some("Board of Veterans' Appeals"),
                published: Some("2025-09-30"),
                dates: vec![],
            },
        );
        assert_eq!(
            texts(&h),
            [
                "an increased evaluation is not warranted",
                "the claim was raised"
            ]
        );
        assert!(h
            .iter()
            .all(|h| h.tribunal.as_deref() == Some("Board of Veterans' Appeals")));
        assert!(h.iter().all(|h| h.date.as_deref() == Some("2025-09-30")));
    }

    #[test]
    fn we_only_with_present_tense() {
        let t = "We hold that the statute applies.\nIn our research we found that prisoners were beaten.";
        let h = run_opinion(t, vec![]);
        assert_eq!(texts(&h), ["the statute applies"]);
        assert_eq!(h[0].tribunal.as_deref(), Some("Court of Appeals"));
        assert_eq!(h[0].date.as_deref(), Some("2021-01-19"));
        // an NGO letter: `we find` is not a court speaking
        assert!(run("We find that the detention is unlawful.", vec![]).is_empty());
    }

    #[test]
    fn passive_dispositions() {
        let t = "Entitlement to an evaluation in excess of 50 percent is denied.\nHowever, the condition requiring him to “refrain from contact if directed” must be stricken because it is unrelated.\nThis case is affirmed in all other respects.\nThe appeal will be dismissed if untimely.";
        let ag = agency(
            t,
            "Court of Appeals",
            AgencyKind::Court,
            &["Court of Appeals"],
        );
        let h = run(t, vec![ag]);
        assert_eq!(
            texts(&h),
            [
                "Entitlement to an evaluation in excess of 50 percent is denied",
                "the condition requiring him to “refrain from contact if directed” must be stricken",
                "This case is affirmed in all other respects",
            ]
        );
    }

    #[test]
    fn past_passive_needs_a_named_tribunal() {
        let t = "His request for release was denied last week.\nSeveral charges were dismissed and he pleaded guilty.";
        assert!(run(t, vec![]).is_empty());
        assert!(run_opinion(t, vec![]).is_empty());
        let t = "His asylum claim was denied by the Board of Immigration Appeals.";
        let ag = agency(
            t,
            "Board of Immigration Appeals",
            AgencyKind::Court,
            &["Board of Immigration Appeals"],
        );
        let h = run(t, vec![ag]);
        assert_eq!(
            h[0].tribunal.as_deref(),
            Some("Board of Immigration Appeals")
        );
    }

    #[test]
    fn lower_court_under_review_is_not_the_document_court() {
        let t = "The plaintiff appeals from a judgment of the Supreme Court, Queens County.\nORDERED that the judgment is affirmed.";
        let ag = agency(
            t,
            "Supreme Court, Queens County",
            AgencyKind::Court,
            &["Supreme Court, Queens County"],
        );
        let h = run(t, vec![ag]);
        assert_eq!(texts(&h), ["the judgment is affirmed"]);
        assert_eq!(h[0].tribunal, None);
    }

    #[test]
    fn issued_decides_only_with_a_document_object() {
        let t = "The plaintiff appeals from a judgment of the Supreme Court, Queens County, dated December 15, 2020.\nAfter a trial, the Supreme Court issued a judgment in favor of the defendant.\nThe Supreme Court issued a warning to the bar.\nThe rating decision was issued by the Supreme Court in March.";
        let ag = agency(
            t,
            "Supreme Court, Queens County",
            AgencyKind::Court,
            &["Supreme Court, Queens County", "Supreme Court"],
        );
        let h = run_with(
            t,
            vec![ag],
            Run {
                publisher: None,
                published: None,
                dates: vec![date(t, "December 15, 2020", "2020-12-15")],
            },
        );
        assert_eq!(
            texts(&h),
            ["the Supreme Court issued a judgment in favor of the defendant"]
        );
        // the date written where the court is first named with one
        assert_eq!(h[0].date.as_deref(), Some("2020-12-15"));
    }

    #[test]
    fn conditional_and_temporal_clauses_decide_nothing() {
        let t = "If evidence was submitted after the AOJ issued the decision on appeal, the Board did not consider it.\nIf the court finds that the claim is late, it must dismiss it.";
        let ags = vec![
            agency(
                t,
                "agency of original jurisdiction",
                AgencyKind::Government,
                &["AOJ"],
            ),
            agency(t, "Board", AgencyKind::Court, &["Board"]),
        ];
        assert!(run(t, ags).is_empty());
    }

    #[test]
    fn date_between_subject_and_verb() {
        let t = "The European Court of Human Rights on 5 May 2020 ruled that the expulsion violated Article 3.";
        let ag = agency(
            t,
            "European Court of Human Rights",
            AgencyKind::Court,
            &["European Court of Human Rights"],
        );
        let h = run_with(
            t,
            vec![ag],
            Run {
                publisher: None,
                published: None,
                dates: vec![date(t, "5 May 2020", "2020-05-05")],
            },
        );
        assert_eq!(texts(&h), ["the expulsion violated Article 3"]);
        assert_eq!(
            h[0].tribunal.as_deref(),
            Some("European Court of Human Rights")
        );
        assert_eq!(h[0].date.as_deref(), Some("2020-05-05"));
    }

    #[test]
    fn date_from_the_citation_that_follows() {
        let t = "The Court of Appeals for the Federal Circuit held that evaluation is symptom-driven.\nVasquez v. Shinseki, 713 F.3d 112 (Fed. Cir. 2013).";
        let ag = agency(
            t,
            "Court of Appeals for the Federal Circuit",
            AgencyKind::Court,
            &["Court of Appeals for the Federal Circuit"],
        );
        let mut d = date(t, "2013", "2013");
        d.citation = true;
        let h = run_with(
            t,
            vec![ag],
            Run {
                publisher: None,
                published: None,
                dates: vec![d],
            },
        );
        assert_eq!(texts(&h), ["evaluation is symptom-driven"]);
        assert_eq!(h[0].date.as_deref(), Some("2013"));
    }

    #[test]
    fn generic_courts_resolve_to_named_ones() {
        let t = "The Tashkent City Court convicted him in March.\nOn appeal, the Tashkent Regional Appeals Court reviewed it.\nThe appeals court upheld the conviction.\nThe court ruled that the confession was admissible.\nThe motion court denied the motion.";
        let ags = vec![
            agency(
                t,
                "Tashkent City Court",
                AgencyKind::Court,
                &["Tashkent City Court"],
            ),
            agency(
                t,
                "Tashkent Regional Appeals Court",
                AgencyKind::Court,
                &["Tashkent Regional Appeals Court"],
            ),
        ];
        let h = run(t, ags);
        let tr: Vec<Option<&str>> = h.iter().map(|h| h.tribunal.as_deref()).collect();
        assert_eq!(
            tr,
            [
                Some("Tashkent Regional Appeals Court"),
                Some("Tashkent Regional Appeals Court"),
                None
            ]
        );
    }

    #[test]
    fn qualified_generic_needs_both_words() {
        // `The Immigration Judge` is not the Board of Immigration Appeals
        let t = "The Board of Immigration Appeals reviews such cases.\nThe Immigration Judge denied his application.";
        let ag = agency(
            t,
            "Board of Immigration Appeals",
            AgencyKind::Court,
            &["Board of Immigration Appeals"],
        );
        let h = run(t, vec![ag]);
        assert_eq!(texts(&h), ["The Immigration Judge denied his application"]);
        assert_eq!(h[0].tribunal, None);
    }

    #[test]
    fn capitalised_disposition_marks_a_decision() {
        let t = "Lopez appeals the denial of her motion.\nWe AFFIRM.\nThe district court held that the officers had reasonable suspicion.";
        let h = run(t, vec![]);
        assert_eq!(
            texts(&h),
            ["We AFFIRM", "the officers had reasonable suspicion"]
        );
        assert!(run("Lopez appeals.\nWe affirm.", vec![]).is_empty());
    }

    #[test]
    fn a_party_argument_is_not_a_holding() {
        let t = "The State contends that the trial court properly denied the motion.\nDefendant argues that the court held that the stop was lawful.";
        assert!(run_opinion(t, vec![]).is_empty());
        assert!(run_opinion(
            "Defendant argues that the motion should be granted.",
            vec![]
        )
        .is_empty());
        // `submitted` a document is no argument
        let t = "As the Veteran submitted the claim early, the Board finds the claim is timely.";
        assert_eq!(texts(&run_opinion(t, vec![])), ["the claim is timely"]);
        // the same proposition stated by the court is one
        let h = run_opinion("The trial court properly denied the motion.", vec![]);
        assert_eq!(texts(&h), ["The trial court properly denied the motion"]);
    }

    #[test]
    fn order_heading_marks_a_decision_and_courts_come_before_adjudicating_agencies() {
        let t = "ORDER\nEntitlement to a higher rating is denied.\nThe rating decision was issued by the agency of original jurisdiction (AOJ).\nThe Board of Veterans' Appeals notes the appeal.\nThe Board finds the claim is timely.";
        let ags = vec![
            agency(
                t,
                "agency of original jurisdiction",
                AgencyKind::Government,
                &["agency of original jurisdiction", "AOJ"],
            ),
            agency(
                t,
                "Board of Veterans' Appeals",
                AgencyKind::Court,
                &["Board of Veterans' Appeals", "Board"],
            ),
        ];
        let h = run_with(
            t,
            ags,
            Run {
                publisher: None,
                published: Some("2025-09-30"),
                dates: vec![],
            },
        );
        assert_eq!(
            texts(&h),
            [
                "Entitlement to a higher rating is denied",
                "the claim is timely"
            ]
        );
        assert!(h
            .iter()
            .all(|h| h.tribunal.as_deref() == Some("Board of Veterans' Appeals")));
        assert!(h.iter().all(|h| h.date.as_deref() == Some("2025-09-30")));
    }

    #[test]
    fn ordered_that() {
        let t = "ORDERED that the judgment is affirmed insofar as appealed from, with costs.";
        let h = run_with(
            t,
            vec![],
            Run {
                publisher: Some("Appellate Division"),
                published: Some("2026-04-01"),
                dates: vec![],
            },
        );
        assert_eq!(
            texts(&h),
            ["the judgment is affirmed insofar as appealed from, with costs"]
        );
        assert_eq!(h[0].tribunal.as_deref(), Some("Appellate Division"));
    }

    #[test]
    fn decretal_paragraph() {
        let t = "Judgment, Supreme Court, Kings County (A. B., J.), rendered May 2, 2023, convicting defendant of theft, unanimously modified, on the law, to the extent of striking a condition, and otherwise affirmed.";
        let h = run(t, vec![]);
        assert_eq!(
            texts(&h),
            ["unanimously modified, on the law, to the extent of striking a condition, and otherwise affirmed"]
        );
    }

    #[test]
    fn reviewed_lower_court_disposition_belongs_to_the_document_court() {
        let t = "The plaintiff appealed to the Appellate Division from the Supreme Court.\nHere, the Supreme Court properly dismissed the complaint.\nThe plaintiff appeals from so much of the judgment as dismissed the complaint.";
        let ags = vec![
            agency(
                t,
                "Appellate Division",
                AgencyKind::Court,
                &["Appellate Division"],
            ),
            agency(
                t,
                "Supreme Court, Queens County",
                AgencyKind::Court,
                &["Supreme Court"],
            ),
        ];
        let h = run_titled(t, ags, "Smith v Jones");
        assert_eq!(
            texts(&h),
            ["the Supreme Court properly dismissed the complaint"]
        );
        assert_eq!(h[0].tribunal.as_deref(), Some("Appellate Division"));
    }

    #[test]
    fn active_disposition_and_participle_finding() {
        let t = "The Missouri Court of Appeals hears the appeal from the Circuit Court of X County.\nThe motion court overruled the motion finding that the plea was voluntary and noting that counts were dropped.";
        let ags = vec![
            agency(
                t,
                "Missouri Court of Appeals",
                AgencyKind::Court,
                &["Missouri Court of Appeals"],
            ),
            agency(
                t,
                "Circuit Court of X County",
                AgencyKind::Court,
                &["Circuit Court of X County"],
            ),
        ];
        let h = run_with(
            t,
            ags.clone(),
            Run {
                publisher: Some("Missouri Court of Appeals"),
                published: None,
                dates: vec![],
            },
        );
        assert_eq!(
            texts(&h),
            [
                "The motion court overruled the motion",
                "the plea was voluntary"
            ]
        );
        assert!(h
            .iter()
            .all(|h| h.tribunal.as_deref() == Some("Circuit Court of X County")));
        // outside a decision `the motion court` names no known body
        let h = run(t, ags);
        assert_eq!(h.len(), 2);
        assert!(h.iter().all(|h| h.tribunal.is_none()));
    }

    #[test]
    fn we_affirm_and_remand() {
        let t = "Finding no error, we affirm the judgment.\nA clerical error requires that we remand the matter for correction.";
        let h = run_opinion(t, vec![]);
        assert_eq!(
            texts(&h),
            [
                "we affirm the judgment",
                "we remand the matter for correction"
            ]
        );
    }

    #[test]
    fn citation_history_and_agency_grants_by_non_courts() {
        let t = "See People v Thomas, 34 NY3d 545 [2019], cert denied 589 US 1302 [2020].\nThe State dismissed several counts.\nICE granted him a hearing.";
        let ag = agency(t, "ICE", AgencyKind::Government, &["ICE"]);
        assert!(run(t, vec![ag]).is_empty());
    }

    #[test]
    fn adjudicating_agency_by_name_and_its_date_carries_over() {
        let t = "In the March 2023 decision, the AOJ found these examinations showed impairment.\nThe AOJ granted entitlement effective January 23, 2023.";
        let ag = agency(
            t,
            "agency of original jurisdiction",
            AgencyKind::Government,
            &["AOJ"],
        );
        let h = run_with(
            t,
            vec![ag],
            Run {
                publisher: None,
                published: None,
                dates: vec![
                    date(t, "March 2023", "2023-03"),
                    date(t, "January 23, 2023", "2023-01-23"),
                ],
            },
        );
        assert_eq!(
            texts(&h),
            [
                "these examinations showed impairment",
                "The AOJ granted entitlement effective January 23, 2023"
            ]
        );
        assert!(h.iter().all(|h| h.date.as_deref() == Some("2023-03")));
    }

    #[test]
    fn inverted_and_judge() {
        let t = "Judge Ann Smith ruled that the search was unlawful.\nThe evidence must be suppressed, ruled Judge Bo Lee.\nThe ban is void, the court held.\nThe law is bad, critics said.";
        let h = run(t, vec![]);
        assert_eq!(
            texts(&h),
            [
                "the search was unlawful",
                "The evidence must be suppressed",
                "The ban is void"
            ]
        );
        assert_eq!(h[0].tribunal.as_deref(), Some("Judge Ann Smith"));
        assert_eq!(h[1].tribunal.as_deref(), Some("Judge Bo Lee"));
    }

    #[test]
    fn bare_dispositions() {
        let h = run_opinion("Affirmed.\nPetition denied.\nDenied.", vec![]);
        assert_eq!(texts(&h), ["Affirmed", "Petition denied", "Denied"]);
        // outside a decision a bare participle is not a disposition
        assert!(run("Denied.", vec![]).is_empty());
    }

    #[test]
    fn negated_verbs_decide_nothing() {
        let t = "The court never ruled on the motion to suppress.\nThe Board did not find that the claim was timely.\nThe court didn't grant the stay.\nThe Board found that the claim was timely.";
        let h = run_opinion(t, vec![]);
        assert_eq!(texts(&h), ["the claim was timely"]);
        assert_eq!(h[0].sentence, 3);
        // a modal: a hypothetical decision
        let t = "On remand the court could find that the claim was timely.\nThe Board would grant the claim.";
        assert!(run_opinion(t, vec![]).is_empty());
    }

    #[test]
    fn object_relative_and_zero_relative_clauses_name_a_decision() {
        let t = "The statute, which this Court upheld in an earlier case, is different.\nHe may appeal the matters the Board has remanded.\nThe theories, which the court also rejected, were weak.\nWe affirm.";
        let h = run_opinion(t, vec![]);
        assert_eq!(texts(&h), ["We affirm"]);
        // a subject opening its clause keeps an objectless disposition
        let t = "For these reasons, we reverse.";
        assert_eq!(texts(&run_opinion(t, vec![])), ["we reverse"]);
    }

    #[test]
    fn a_finding_that_is_a_noun_not_a_participle() {
        let t = "The Board finds that the evidence is against a finding that the disorder began in service.";
        let h = run_opinion(t, vec![]);
        assert_eq!(
            texts(&h),
            ["the evidence is against a finding that the disorder began in service"]
        );
    }

    #[test]
    fn no_object_and_prepositional_object_without_that_are_no_proposition() {
        let t = "We find no basis for disturbing the verdict.\nThe court held no hearing on the motion.\nThe Court held in Smith v. Jones, 1 U.S. 1:";
        assert!(run_opinion(t, vec![]).is_empty());
        // with `that`, a negative proposition is a holding
        let t = "We find that no basis exists for the claim.";
        assert_eq!(
            texts(&run_opinion(t, vec![])),
            ["no basis exists for the claim"]
        );
        // a fact-finder's `finds no evidence` is a finding; `found in favor
        // of` a decision; a long citation before `that` is passed over
        let t = "The Board finds no competent evidence linking the illness to service.\nThe district court found in favor of the defendants on that factor.\nThe Supreme Court held in Smith v. Maryland, 442 U.S. 735, 99 S. Ct. 2577, 61 L. Ed. 2d 220 (1979), that a person has no expectation of privacy.";
        assert_eq!(
            texts(&run_opinion(t, vec![])),
            [
                "no competent evidence linking the illness to service",
                "in favor of the defendants on that factor",
                "a person has no expectation of privacy"
            ]
        );
    }

    #[test]
    fn a_party_agent_makes_a_passive_no_disposition() {
        let t = "This allegation is denied by the defendant.\nThe motion is denied by the Court.\nThe motion is denied.";
        let h = run_opinion(t, vec![]);
        assert_eq!(
            texts(&h),
            ["The motion is denied by the Court", "The motion is denied"]
        );
    }

    #[test]
    fn a_grading_adverb_gives_the_finding_to_the_document_court() {
        let t = "The magistrate judge properly found that probable cause existed.\nThe magistrate judge found that the witness was credible.";
        let h = run_opinion(t, vec![]);
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].tribunal.as_deref(), Some("Court of Appeals"));
        assert_eq!(h[1].tribunal.as_deref(), Some("magistrate judge"));
    }

    /// A decision whose title names its court, its header lost.
    fn run_court_titled(text: &str, agencies: Vec<Agency>, title: &str) -> Vec<Holding> {
        run_titled(text, agencies, title)
    }

    #[test]
    fn a_title_naming_a_court_names_the_document_court() {
        let t = "The district court granted summary judgment.\nWe affirm the judgment.";
        let ag = agency(t, "Supreme Court", AgencyKind::Court, &[]);
        let h = run_court_titled(
            t,
            vec![ag],
            "United States Court of Appeals, Ninth Circuit.",
        );
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].tribunal.as_deref(), Some("district court"));
        assert_eq!(
            h[1].tribunal.as_deref(),
            Some("United States Court of Appeals, Ninth Circuit")
        );
        let ex = ex();
        let titled = |t: &str| {
            let mut doc = Document::new("t".into(), "t".into(), Format::Text, String::new());
            doc.title = Some(t.into());
            ex.title_court(&doc)
        };
        assert_eq!(
            titled("SUPREME COURT OF THE UNITED STATES").as_deref(),
            Some("SUPREME COURT OF THE UNITED STATES")
        );
        // a judge, a route of appeal, a case name, a headline: no court
        assert_eq!(titled("CLAY, Circuit Judge."), None);
        assert_eq!(
            titled("CERTIORARI TO THE COURT OF APPEALS FOR THE NINTH CIRCUIT"),
            None
        );
        assert_eq!(titled("Smith v. Jones Court"), None);
        assert_eq!(titled("Supreme Court strikes down the law"), None);
    }

    #[test]
    fn a_lower_case_court_in_a_first_person_decision_is_the_court_below() {
        let t = "The district court granted the motion.\nThen the court found that the use was fair.\nWe affirm the judgment.";
        let h = run_opinion(t, vec![]);
        assert_eq!(h.len(), 3);
        assert_eq!(h[1].tribunal.as_deref(), Some("district court"));
        assert_eq!(h[2].tribunal.as_deref(), Some("Court of Appeals"));
        // without `we`, the generic court stays the document's
        let t =
            "The district court granted the motion.\nThen the court found that the use was fair.";
        let h = run_opinion(t, vec![]);
        assert_eq!(h[1].tribunal.as_deref(), Some("Court of Appeals"));
    }

    #[test]
    fn a_court_named_only_in_the_body_is_not_the_court_below() {
        let filler = "The parties filed papers.\n".repeat(130);
        let t = format!("{filler}The matter went to the Supreme Court once.\nThe district court denied the motion.");
        let ag = agency(&t, "Supreme Court", AgencyKind::Court, &["Supreme Court"]);
        let h = run_opinion(&t, vec![ag]);
        assert_eq!(texts(&h), ["The district court denied the motion"]);
        assert_eq!(h[0].tribunal.as_deref(), Some("district court"));
    }

    #[test]
    fn a_court_called_the_district_court_is_not_the_author_of_a_we_decision() {
        let t = "The United States District Court for the Southern District denied the motion.\nWe conclude that the district court erred.";
        let ag = agency(
            t,
            "United States District Court for the Southern District",
            AgencyKind::Court,
            &["United States District Court for the Southern District"],
        );
        let h = run_titled(t, vec![ag.clone()], "Doe v. Roe");
        assert_eq!(h.len(), 2);
        assert_eq!(h[1].tribunal, None);
        assert!(calls_other(t, &ag.name));
        assert!(!calls_other(t, "Court of Appeals"));
    }

    #[test]
    fn that_court_is_a_court_named_before() {
        let t = "In Doe, the Ninth Circuit Court of Appeals heard a threat case.\nFinally, that court concluded that threats are unprotected.\nWe affirm.";
        let ag = agency(
            t,
            "Ninth Circuit Court of Appeals",
            AgencyKind::Court,
            &["Ninth Circuit Court of Appeals"],
        );
        let h = run_opinion(t, vec![ag]);
        assert_eq!(texts(&h), ["threats are unprotected", "We affirm"]);
        assert_eq!(
            h[0].tribunal.as_deref(),
            Some("Ninth Circuit Court of Appeals")
        );
        assert_eq!(h[1].tribunal.as_deref(), Some("Court of Appeals"));
        // `the court` there would be the document's (no court below yet)
        let t = "The court concluded that threats are unprotected.";
        assert_eq!(
            run_opinion(t, vec![])[0].tribunal.as_deref(),
            Some("Court of Appeals")
        );
    }

    #[test]
    fn a_negated_passive_is_no_disposition() {
        let t = "These findings were not rejected by the Court of Appeals.\nThe motion is not granted as to costs.\nThe motion is denied.";
        let ag = agency(
            t,
            "Court of Appeals",
            AgencyKind::Court,
            &["Court of Appeals"],
        );
        assert_eq!(texts(&run_opinion(t, vec![ag])), ["The motion is denied"]);
    }

    #[test]
    fn that_within_three_words_of_the_verb_opens_the_proposition_after_a_preposition_too() {
        for (t, want) in [
            (
                "The court held in 2019 that the claim fails.",
                "the claim fails",
            ),
            (
                "The court found on remand that the claim is barred.",
                "the claim is barred",
            ),
        ] {
            let h = run_opinion(t, vec![]);
            assert_eq!(texts(&h), [want], "{t}");
        }
    }

    #[test]
    fn a_sentence_full_of_separate_opinion_words_is_judged_once() {
        // Linear: each sentence is looked at once, not once per word.
        let t = format!("We affirm. {}", "dissenting, ".repeat(400));
        let sents = sentences(&t);
        assert_eq!(separate_opinion(&t, &sents, &ex().separate), usize::MAX);
    }

    #[test]
    fn separate_opinions_hold_nothing() {
        let t = "We reverse the judgment.\nJUSTICE SMITH, with whom JUSTICE JONES joins, dissenting.\nI would hold that the statute is void.\nWe affirm the judgment.";
        let h = run_opinion(t, vec![]);
        assert_eq!(texts(&h), ["We reverse the judgment"]);
        let sents = sentences(t);
        assert_eq!(separate_opinion(t, &sents, &ex().separate), 1);
        // `dissenting` inside a sentence heads nothing
        let t = "The judge noted the dissenting view.\nWe affirm.";
        assert_eq!(
            separate_opinion(t, &sentences(t), &ex().separate),
            usize::MAX
        );
    }

    #[test]
    fn no_panic_on_random_text_and_bad_offsets() {
        let pieces = [
            "the court",
            " held that ",
            "“",
            "”",
            "\"",
            "'",
            "‘",
            "’",
            "«",
            "»",
            ", ",
            ". ",
            "\n",
            "ORDERED that ",
            "is denied",
            " we affirm",
            "Judgment, ",
            "(BIA)",
            "é",
            "—",
            "was granted",
            " properly dismissed",
            "If ",
            " said ",
            "according to",
            "Board",
            " which found ",
        ];
        let p = Patterns::builtin();
        let (qx, hx) = (QuoteExtractor::new(&p).unwrap(), ex());
        let mut seed = 0x2545_f491_u64;
        for _ in 0..300 {
            let mut t = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let mut ag = agency(&t, "Board", AgencyKind::Court, &["Board", "court"]);
            // offsets past the end, inverted ranges
            ag.mentions.push(Mention {
                text: "x".into(),
                start: t.len() + 7,
                end: t.len() + 3,
                sentence: 99,
            });
            for publisher in [None, Some("Court of Appeals".to_string())] {
                let mut doc = Document::new("t".into(), "t".into(), Format::Text, t.clone());
                doc.publisher = publisher;
                let sents = sentences(&t);
                let mut facts = Facts {
                    agencies: vec![ag.clone()],
                    ..Facts::default()
                };
                qx.extract(&doc, &sents, &mut facts);
                hx.extract(&doc, &sents, &mut facts);
                for h in &facts.holdings {
                    assert!(h.start <= h.end && h.end <= t.len());
                }
            }
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "held",
            "ORDERED that",
            "is denied.",
            "we affirm",
            "Judgment, affirmed",
            "é held that ü",
        ] {
            let _ = run(t, vec![]);
        }
    }
}
