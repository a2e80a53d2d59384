//! quotes: quoted material, its kind and its speaker.
//!
//! Quotation marks are paired first (`lex::find_quotes`: curly, straight,
//! low-9, guillemets; single marks inside them; apostrophes are not
//! marks). Each quotation keeps the text between its marks (trimmed of
//! whitespace, with the punctuation that stands inside) and the byte
//! offsets of that inner text. Its kind is decided from its context in the
//! sentence, in this order:
//!
//! 1. nested quotations, parenthesised ones (`(“ICE”)`) and lone acronyms
//!    are **terms**;
//! 2. a cue just before the opening mark (`so-called`, `known as`,
//!    `entitled`, from `patterns/term_cues.txt`) makes a **term** or a
//!    **title**;
//! 3. a Title Case phrase next to a document noun (`a “Decision to Continue
//!    Detention” letter`, `patterns/document_nouns.txt`) or right after a
//!    determiner or possessive (`its “Country Report on Human Rights”`) is
//!    a **title**;
//! 4. words inside the complement of a speech verb (`X said that “…”`,
//!    `X found … that Y “…”`, `Recognizing that … “…”, X held`, `X called
//!    the ruling “…”`; short quotations need `that` or adjacency), after
//!    `according to X`, or followed by an inverted attribution (`“…,” said
//!    X`) are **direct**, with X as speaker;
//! 5. otherwise a quotation of four words or more is **direct** with no
//!    speaker, and a shorter one a **term** (scare quotes).
//!
//! The speaker is the subject of the speech verb, resolved to the
//! canonical name of an agency mentioned there (`facts.agencies`; an
//! abbreviation mention gives the full name), to the previous speaker for
//! a pronoun or a document noun (`The letter concluded`), to the
//! antecedent of `which`/`who`, to the name before an appositive (`Jane
//! Doe, director at X, said`), to a capitalised person name, or to an
//! earlier speaker's full name for a surname (`Smith said`); `None` when
//! the text does not say. An unattributed direct quotation that goes on
//! from an attributed one (same sentence, or a sentence that is only the
//! quotation right after) keeps its speaker; one followed by a citation of
//! a case (`Vasquez, 713 F.3d at 117`) takes the speaker of the sentence
//! that the case's first full citation supported (the court named there).

pub(crate) mod lex;

use std::collections::HashMap;

use regex::Regex;

use crate::document::{sentence_at, Document, Span};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::record::{Facts, Quote, QuoteKind};

use self::lex::{
    doc_court, find_quotes, inside_spans, is, is_any, name_ending_at, name_starting_at,
    subject_word, words, MentionIndex, QuoteSpan, Word, WordSet, DETERMINERS, PRONOUNS, REACH,
    RELATIVES,
};
use super::Extractor;

/// Quoted phrases shorter than this many words are terms unless a speech
/// verb or a cue says otherwise.
const MIN_DIRECT_WORDS: usize = 4;

/// Finds quotations, classifies them and attributes them to a speaker.
#[derive(Debug)]
pub struct QuoteExtractor {
    speech: WordSet,
    doc_nouns: WordSet,
    tribunal_nouns: WordSet,
    /// (kind, cue words), lower case.
    cues: Vec<(QuoteKind, Vec<String>)>,
    /// A full case citation (`Vasquez v. Shinseki, 713 F.3d`); group 1 is
    /// the first word of the case name.
    cite_full: Regex,
    /// A short-form citation (`Vasquez, 713 F.3d at 117`).
    cite_short: Regex,
}

impl QuoteExtractor {
    /// Build from `speech_verbs.txt`, `document_nouns.txt`,
    /// `tribunal_nouns.txt` and `term_cues.txt`.
    pub fn new(p: &Patterns) -> Result<QuoteExtractor> {
        let mut cues = Vec::new();
        for (line, cols) in p.rows("term_cues.txt") {
            let kind = match cols.first().copied() {
                Some("term") => QuoteKind::Term,
                Some("title") => QuoteKind::Title,
                _ => {
                    return Err(Patterns::error(
                        "term_cues.txt",
                        line,
                        "first column must be `term` or `title`",
                    ))
                }
            };
            let Some(cue) = cols.get(1).filter(|c| !c.is_empty()) else {
                return Err(Patterns::error("term_cues.txt", line, "missing cue"));
            };
            let ws: Vec<String> = cue.split_whitespace().map(str::to_lowercase).collect();
            cues.push((kind, ws));
        }
        Ok(QuoteExtractor {
            speech: WordSet::from_lines(p.lines("speech_verbs.txt")),
            doc_nouns: WordSet::from_lines(p.lines("document_nouns.txt")),
            tribunal_nouns: WordSet::from_lines(p.lines("tribunal_nouns.txt")),
            cues,
            cite_full: Regex::new(
                r"([A-Z][A-Za-z'’-]+)(?:\s+[A-Z][A-Za-z'’-]+)*\s+v\.?\s+[A-Z][^,;()\n]{0,80}?,\s+\d+\s",
            )
            .map_err(|e| Patterns::error("speech_verbs.txt", 0, e.to_string()))?,
            cite_short: Regex::new(
                r"([A-Z][A-Za-z'’-]+),\s+\d+\s+[A-Za-z0-9. ]{1,20}?\s+at\s+\d+",
            )
            .map_err(|e| Patterns::error("speech_verbs.txt", 0, e.to_string()))?,
        })
    }

    /// The quotations of `text` with kinds and speakers, given its
    /// sentences and the agencies found in it.
    fn find(&self, doc: &Document, sentences: &[Span], facts: &Facts) -> Vec<Quote> {
        let text = doc.text.as_str();
        if memchr::memchr3(b'"', 0xE2, 0xC2, text.as_bytes()).is_none() {
            return Vec::new();
        }
        let quotes = find_quotes(text);
        if quotes.is_empty() {
            return Vec::new();
        }
        let ctx = Context {
            text,
            mentions: MentionIndex::new(&facts.agencies),
            agencies: &facts.agencies,
            court: doc_court(doc, &facts.agencies, &self.tribunal_nouns, &self.doc_nouns),
        };
        // case citations, scanned only once a quotation needs them
        let mut cites: Option<Citations> = None;
        let mut said_in: HashMap<usize, String> = HashMap::new();
        let mut out = Vec::with_capacity(quotes.len());
        let mut mem = Memory::default();
        let mut cache: Option<(usize, Clause)> = None;
        for q in &quotes {
            let si = sentence_at(sentences, q.open);
            let span = sentences
                .get(si)
                .copied()
                .unwrap_or(Span::new(0, text.len()));
            if cache
                .as_ref()
                .is_none_or(|(i, c)| *i != si || c.span.end < q.close)
            {
                let span = Span::new(span.start.min(q.open), span.end.max(q.close));
                cache = Some((si, Clause::new(text, span, &quotes)));
            }
            let Some((_, clause)) = cache.as_ref() else {
                continue;
            };
            let (kind, mut speaker) = if q.nested {
                (QuoteKind::Term, None)
            } else {
                self.classify(&ctx, clause, q, &mem)
            };
            if kind == QuoteKind::Direct {
                match &speaker {
                    Some(sp) => {
                        said_in.insert(si, sp.clone());
                    }
                    None => {
                        speaker = continuation(text, clause, q, si, &mem).or_else(|| {
                            cites
                                .get_or_insert_with(|| self.citations(text, sentences))
                                .speaker(q.close, si, sentences, &said_in)
                        });
                    }
                }
            }
            if let Some(sp) = &speaker {
                let agency = facts.agencies.iter().any(|a| &a.name == sp);
                mem.remember(sp, agency);
                if kind == QuoteKind::Direct {
                    mem.direct = Some((si, q.close, sp.clone()));
                }
            }
            out.push(Quote {
                text: text[q.start..q.end].to_string(),
                kind,
                speaker,
                start: q.start,
                end: q.end,
                sentence: si,
            });
        }
        out
    }

    fn classify(
        &self,
        ctx: &Context,
        cl: &Clause,
        q: &QuoteSpan,
        mem: &Memory,
    ) -> (QuoteKind, Option<String>) {
        let text = ctx.text;
        let owned;
        let inner = match cl.words_within(text, q) {
            Some(ws) => ws,
            None => {
                owned = words(text, q.start, q.end);
                &owned[..]
            }
        };
        let before = text.get(cl.span.start..q.open).unwrap_or("");
        let after = text.get(q.close..cl.span.end).unwrap_or("");
        // 1. parenthesised, acronym
        if before.trim_end().ends_with('(') && after.trim_start().starts_with(')') {
            return (QuoteKind::Term, None);
        }
        if inner.len() == 1 && inner[0].is_all_caps(text) {
            return (QuoteKind::Term, None);
        }
        // 2. cues
        let k = cl.words.partition_point(|w| w.end <= q.open);
        let adjacent = k > 0
            && text
                .get(cl.words[k - 1].end..q.open)
                .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || c == ',' || c == ':'));
        if adjacent {
            for (kind, cue) in &self.cues {
                let n = cue.len();
                if n <= k
                    && cue
                        .iter()
                        .zip(&cl.words[k - n..k])
                        .all(|(c, &w)| is(text, w, c))
                {
                    return (*kind, None);
                }
            }
        }
        // 3. titles
        let next = cl
            .words
            .get(cl.words.partition_point(|w| w.start < q.close));
        let next_adjacent = next.is_some_and(|w| {
            text.get(q.close..w.start)
                .is_some_and(|g| g.chars().all(char::is_whitespace))
        });
        if inner.len() >= 2
            && is_title_case(text, inner)
            && ((next_adjacent && next.is_some_and(|&w| self.doc_nouns.has(text, w)))
                || (adjacent
                    && (self.doc_nouns.has(text, cl.words[k - 1])
                        || is_any(text, cl.words[k - 1], DETERMINERS)
                        || cl.words[k - 1].is_possessive(text))))
        {
            return (QuoteKind::Title, None);
        }
        // a sentence-case title right after its document noun (`the report
        // “Torture in the name of security”`)
        let inner_text = text.get(q.start..q.end).unwrap_or("");
        if adjacent
            && self.doc_nouns.has(text, cl.words[k - 1])
            && inner.first().is_some_and(|w| w.is_capitalized(text))
            && !inner_text.ends_with(['.', ',', '!', '?', ';', ':'])
        {
            return (QuoteKind::Title, None);
        }
        // 4. attribution
        let long = inner.len() >= MIN_DIRECT_WORDS;
        if let Some(speaker) = self.attribution(ctx, cl, q, k, long, mem) {
            return (QuoteKind::Direct, speaker);
        }
        // 5. length
        if long {
            (QuoteKind::Direct, None)
        } else {
            (QuoteKind::Term, None)
        }
    }

    /// `Some(speaker)` when the quotation is attributed by a speech verb,
    /// `according to`, or an inverted attribution.
    fn attribution(
        &self,
        ctx: &Context,
        cl: &Clause,
        q: &QuoteSpan,
        k: usize,
        long: bool,
        mem: &Memory,
    ) -> Option<Option<String>> {
        let text = ctx.text;
        let ws = &cl.words;
        // a speech verb before the quotation
        for v in (k.saturating_sub(REACH)..k).rev() {
            if cl.quoted[v] || !self.speech.has(text, ws[v]) {
                continue;
            }
            let participle = ws[v].text(text).ends_with("ing");
            if participle {
                if !self.opens_complement(text, ws, v, q) {
                    continue;
                }
                let main = (v + 1..ws.len().min(v + REACH)).find(|&u| {
                    !cl.quoted[u]
                        && self.speech.has(text, ws[u])
                        && !ws[u].text(text).ends_with("ing")
                        && self.is_finite(text, ws, u)
                });
                return Some(main.and_then(|u| self.subject(ctx, cl, u, mem)));
            }
            if !self.is_finite(text, ws, v) {
                continue;
            }
            // `X called the ruling “a travesty”`: a naming verb (a one-word
            // term cue) with its object
            let naming = k - v <= 5
                && self.cues.iter().any(|(kind, c)| {
                    *kind == QuoteKind::Term && c.len() == 1 && is(text, ws[v], &c[0])
                });
            let connected = long
                || naming
                || ws[v + 1..k].iter().any(|&w| is(text, w, "that"))
                || text
                    .get(ws[v].end..q.open)
                    .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || ",:".contains(c)));
            if connected {
                return Some(self.subject(ctx, cl, v, mem));
            }
            break;
        }
        // according to X
        let window = k.saturating_sub(REACH)..ws.len().saturating_sub(1).min(k + REACH);
        if let Some(a) = window
            .into_iter()
            .find(|&i| !cl.quoted[i] && is(text, ws[i], "according") && is(text, ws[i + 1], "to"))
        {
            let mut i = a + 2;
            if ws.get(i).is_some_and(|&w| is(text, w, "the")) {
                i += 1;
            }
            let speaker = ws.get(i).and_then(|&w| {
                ctx.mentions
                    .first_in(w.start, w.end)
                    .map(|ag| ctx.agencies[ag].name.clone())
                    .or_else(|| name_starting_at(text, ws, i).map(|s| s.slice(text).to_string()))
            });
            return Some(speaker);
        }
        // “…,” said X / “…,” X said
        let inner_text = text.get(q.start..q.end).unwrap_or("");
        let after = text.get(q.close..cl.span.end).unwrap_or("").trim_start();
        if inner_text.ends_with([',', '!', '?']) || after.starts_with([',', '—']) {
            let first = ws.partition_point(|w| w.start < q.close);
            for u in first..ws.len().min(first + 6) {
                if cl.quoted[u] {
                    break;
                }
                if self.speech.has(text, ws[u]) && !ws[u].text(text).ends_with("ing") {
                    if u == first {
                        let mut i = u + 1;
                        if ws.get(i).is_some_and(|&w| is(text, w, "the")) {
                            i += 1;
                        }
                        let speaker = ws.get(i).and_then(|&w| {
                            ctx.mentions
                                .first_in(w.start, w.end)
                                .map(|ag| ctx.agencies[ag].name.clone())
                                .or_else(|| {
                                    name_starting_at(text, ws, i).map(|s| s.slice(text).to_string())
                                })
                                .or_else(|| mem.known(text, w))
                        });
                        return Some(speaker);
                    }
                    return Some(self.subject(ctx, cl, u, mem));
                }
            }
        }
        None
    }

    /// Whether the participle `ws[v]` opens a clause holding the quotation:
    /// `that` follows it, or the quotation itself does.
    fn opens_complement(&self, text: &str, ws: &[Word], v: usize, q: &QuoteSpan) -> bool {
        ws.get(v + 1)
            .is_some_and(|&w| is(text, w, "that") && w.start <= q.open)
            || text
                .get(ws[v].end..q.open)
                .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || ",:".contains(c)))
    }

    /// Whether `ws[v]` is used as a finite verb: it has a word before it
    /// that is not a determiner, a possessive or `to` (`its stated
    /// intention`, `to say`).
    fn is_finite(&self, text: &str, ws: &[Word], v: usize) -> bool {
        let Some(&p) = v.checked_sub(1).and_then(|i| ws.get(i)) else {
            return false;
        };
        !(is_any(text, p, DETERMINERS) || p.is_possessive(text) || is(text, p, "to"))
    }

    /// The speaker named by the subject of the verb `ws[v]`.
    fn subject(&self, ctx: &Context, cl: &Clause, v: usize, mem: &Memory) -> Option<String> {
        let text = ctx.text;
        let ws = &cl.words;
        let j = subject_word(text, ws, v)?;
        let w = ws[j];
        // `Jane Doe, director at X, said`: the head before the appositive
        if text
            .get(w.end..ws[v].start)
            .is_some_and(|g| g.contains(','))
        {
            let head = text
                .get(cl.span.start..w.start)
                .and_then(|h| h.rfind(','))
                .and_then(|c| ws[..j].iter().rposition(|x| x.end <= cl.span.start + c));
            if let Some(h) = head {
                if let Some(a) = ctx.mentions.at(ws[h]) {
                    return Some(ctx.agencies[a].name.clone());
                }
                if let Some(n) = name_ending_at(text, ws, h) {
                    return Some(n.slice(text).to_string());
                }
            }
        }
        if let Some(a) = ctx.mentions.at(w) {
            return Some(ctx.agencies[a].name.clone());
        }
        if is_any(text, w, PRONOUNS) {
            return mem.last.clone();
        }
        if is_any(text, w, RELATIVES) {
            return ctx
                .mentions
                .last_before(cl.span.start, w.start)
                .map(|(a, _)| ctx.agencies[a].name.clone())
                .or_else(|| {
                    j.checked_sub(1)
                        .and_then(|i| name_ending_at(text, ws, i))
                        .map(|s| s.slice(text).to_string())
                });
        }
        if self.doc_nouns.has(text, w) {
            // `X’s letter said`: a possessive agency in the noun phrase
            let from = ws[j.saturating_sub(5)].start;
            return ctx
                .mentions
                .within(from, w.start)
                .last()
                .map(|(_, _, a)| ctx.agencies[a].name.clone())
                .or_else(|| mem.last.clone());
        }
        if self.tribunal_nouns.has(text, w) {
            return ctx.court.clone();
        }
        name_ending_at(text, ws, j)
            .map(|s| s.slice(text).to_string())
            .or_else(|| mem.known(text, w))
    }
}

/// The case citations of a document, for quotations of cited decisions.
#[derive(Debug, Default)]
struct Citations<'t> {
    /// (start, first word of the case name), in text order.
    all: Vec<(usize, &'t str)>,
    /// Sentence of the first full citation of each case name.
    first_full: HashMap<&'t str, usize>,
}

impl QuoteExtractor {
    fn citations<'t>(&self, text: &'t str, sentences: &[Span]) -> Citations<'t> {
        let mut c = Citations::default();
        if memchr::memmem::find(text.as_bytes(), b" v").is_none() {
            return c;
        }
        for (at, name) in captures_around(&self.cite_full, text, b"v", full_cite_window) {
            c.all.push((at, name));
            c.first_full
                .entry(name)
                .or_insert_with(|| sentence_at(sentences, at));
        }
        c.all.extend(captures_around(
            &self.cite_short,
            text,
            b"at",
            short_cite_window,
        ));
        c.all.sort_unstable();
        c
    }
}

/// The char before byte `i` of `text`, with its start.
fn char_before(text: &str, i: usize) -> Option<(usize, char)> {
    let c = text.get(..i)?.chars().next_back()?;
    Some((i - c.len_utf8(), c))
}

/// Back from byte `i` over at most `max` chars satisfying `keep`: where
/// they start.
fn back_over(text: &str, mut i: usize, max: usize, keep: impl Fn(char) -> bool) -> usize {
    for _ in 0..max {
        match char_before(text, i) {
            Some((j, c)) if keep(c) => i = j,
            _ => break,
        }
    }
    i
}

/// On from byte `i` over at most `max` chars satisfying `keep`: where
/// they end.
fn on_over(text: &str, i: usize, max: usize, keep: impl Fn(char) -> bool) -> usize {
    let rest = text.get(i..).unwrap_or("");
    let n: usize = rest
        .chars()
        .take(max)
        .take_while(|&c| keep(c))
        .map(char::len_utf8)
        .sum();
    i + n
}

/// A letter of a case name (`[A-Za-z'’-]` in the citation patterns).
fn name_char(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\'' | '’' | '-')
}

/// Whether the case-name letters `run` end with a word of the patterns,
/// `[A-Z][A-Za-z'’-]+`: a capital with a letter after it.
fn ends_in_name(run: &str) -> bool {
    run.char_indices()
        .any(|(j, c)| c.is_ascii_uppercase() && j + 1 < run.len())
}

/// Where a full citation (`Vasquez v. Shinseki, 713 F.3d 112`) whose `v`
/// is at byte `v` can lie, if it can: back over the capitalised words of
/// the case name (a word that is not one, such as `xSmith`, may still
/// hold its start), on to the first comma within 82 chars on the line,
/// then the white space, number and one char that end the pattern.
fn full_cite_window(text: &str, v: usize) -> Option<(usize, usize)> {
    let mut start = back_over(text, v, usize::MAX, char::is_whitespace);
    if start == v || !ends_in_name(&text[back_over(text, start, usize::MAX, name_char)..start]) {
        return None;
    }
    loop {
        let word = back_over(text, start, usize::MAX, name_char);
        let capitalised = text[word..start].starts_with(|c: char| c.is_ascii_uppercase())
            && text[word..start].chars().nth(1).is_some();
        let gap = back_over(text, word, usize::MAX, char::is_whitespace);
        if word == start || !capitalised || gap == word {
            start = word;
            break;
        }
        start = gap;
    }
    let mut end = v + 1;
    if text.as_bytes().get(end) == Some(&b'.') {
        end += 1;
    }
    end = on_over(text, end, usize::MAX, char::is_whitespace);
    if !text[end..].starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let phrase = on_over(text, end, 82, |c| {
        !matches!(c, ',' | ';' | '(' | ')' | '\n')
    });
    if !text[phrase..].starts_with(',') {
        return None;
    }
    // `,\s+\d+\s`: white space, digits, one white space char
    let space = on_over(text, phrase + 1, usize::MAX, char::is_whitespace);
    let digits = on_over(text, space, usize::MAX, char::is_numeric);
    end = on_over(text, digits, 1, char::is_whitespace);
    (space > phrase + 1 && digits > space && end > digits).then_some((start, end))
}

/// Where a short citation (`Vasquez, 713 F.3d at 117`) whose `at` is at
/// byte `at` can lie, if it can: back over white space, the reporter (at
/// most 20 chars of `[A-Za-z0-9. ]`), white space, the volume, white
/// space, a comma and the case name; on over white space and the page.
fn short_cite_window(text: &str, at: usize) -> Option<(usize, usize)> {
    let reporter = |c: char| c.is_whitespace() || c.is_ascii_alphanumeric() || c == '.';
    let mut start = back_over(text, at, usize::MAX, char::is_whitespace);
    start = back_over(text, start, 21, reporter);
    start = back_over(text, start, usize::MAX, char::is_whitespace);
    start = back_over(text, start, usize::MAX, char::is_numeric);
    start = back_over(text, start, usize::MAX, char::is_whitespace);
    let (comma, ',') = char_before(text, start)? else {
        return None;
    };
    start = back_over(text, comma, usize::MAX, name_char);
    let space = on_over(text, at + 2, usize::MAX, char::is_whitespace);
    let end = on_over(text, space, usize::MAX, char::is_numeric);
    (ends_in_name(&text[start..comma]) && space > at + 2 && end > space).then_some((start, end))
}

/// The matches of `re` in `text` (start and text of group 1, which must
/// be the leading run of case-name letters), as `re.captures_iter(text)`
/// gives them, with the regex run only around
/// the cue word every match holds between white space (`v` of a full
/// citation, `at` of a short one): `window` gives, for a cue at a byte,
/// bounds that hold any match around that cue. Overlapping windows are
/// merged, so no match straddles two searched stretches.
fn captures_around<'t>(
    re: &Regex,
    text: &'t str,
    cue: &[u8],
    window: fn(&str, usize) -> Option<(usize, usize)>,
) -> Vec<(usize, &'t str)> {
    let b = text.as_bytes();
    // white space around the cue (a non-ASCII byte may be part of it; a
    // period may follow `v`)
    let space = |i: usize| {
        b.get(i)
            .is_some_and(|&c| c.is_ascii_whitespace() || c == 0x0B || c >= 0x80)
    };
    // a one-byte cue (`v`) by memchr: the same positions, less work per hit
    let hits: Box<dyn Iterator<Item = usize> + '_> = match cue {
        [c] => Box::new(memchr::memchr_iter(*c, b)),
        _ => Box::new(memchr::memmem::find_iter(b, cue)),
    };
    let mut windows: Vec<(usize, usize)> = hits
        .filter(|&at| {
            let after = at + cue.len();
            at > 0 && space(at - 1) && (space(after) || b.get(after) == Some(&b'.'))
        })
        .filter_map(|at| window(text, at))
        .collect();
    windows.sort_unstable();
    let mut stretches: Vec<(usize, usize)> = Vec::with_capacity(windows.len());
    for (s, e) in windows {
        match stretches.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => stretches.push((s, e)),
        }
    }
    let mut out = Vec::new();
    for (s, e) in stretches {
        let Some(stretch) = text.get(s..e) else {
            continue;
        };
        // group 1 is the case name's first word, all the name letters from
        // the start of the match (a letter cannot follow it there): the
        // match alone tells it, without the slower capturing search
        for m in re.find_iter(stretch) {
            let name = m.as_str();
            let len = name.len() - name.trim_start_matches(name_char).len();
            out.push((s + m.start(), name.get(..len).unwrap_or_default()));
        }
    }
    out
}

impl Citations<'_> {
    /// `“…” Vasquez, 713 F.3d at 117.` after `The Federal Circuit held …
    /// “…”. Vasquez v. Shinseki, 713 F.3d 112 (Fed. Cir. 2013).`: the
    /// speaker of the sentence that the case's first full citation
    /// supports.
    fn speaker(
        &self,
        from: usize,
        si: usize,
        sentences: &[Span],
        said_in: &HashMap<usize, String>,
    ) -> Option<String> {
        let to = sentences.get(si + 1).or(sentences.get(si))?.end;
        let i = self.all.partition_point(|c| c.0 < from);
        let &(_, name) = self.all.get(i).filter(|c| c.0 < to)?;
        let k = *self.first_full.get(name)?;
        if k >= si {
            return None;
        }
        said_in
            .get(&k)
            .or_else(|| k.checked_sub(1).and_then(|p| said_in.get(&p)))
            .cloned()
    }
}

/// What earlier quotations said about speakers.
#[derive(Debug, Default)]
struct Memory {
    /// The last speaker named.
    last: Option<String>,
    /// Person names given as speakers so far.
    names: Vec<String>,
    /// The last direct quotation: sentence, end, speaker.
    direct: Option<(usize, usize, String)>,
}

impl Memory {
    /// A person named before whose surname is word `w` (`Smith said`
    /// after `Jane Smith said`).
    fn known(&self, text: &str, w: Word) -> Option<String> {
        if !w.is_capitalized(text) {
            return None;
        }
        let t = w.text(text);
        self.names
            .iter()
            .rev()
            .find(|n| {
                n.len() > t.len() && n.ends_with(t) && n[..n.len() - t.len()].ends_with([' ', '.'])
            })
            .cloned()
    }

    fn remember(&mut self, speaker: &str, agency: bool) {
        self.last = Some(speaker.to_string());
        if !agency && !self.names.iter().any(|n| n == speaker) {
            self.names.push(speaker.to_string());
        }
    }
}

/// What the classifier needs to know about the document.
struct Context<'a> {
    text: &'a str,
    mentions: MentionIndex,
    agencies: &'a [crate::record::Agency],
    court: Option<String>,
}

/// The words of a sentence, with those inside quotation marks flagged.
struct Clause {
    span: Span,
    words: Vec<Word>,
    quoted: Vec<bool>,
}

impl Clause {
    fn new(text: &str, span: Span, quotes: &[QuoteSpan]) -> Clause {
        let words = words(text, span.start, span.end);
        let lo = quotes.partition_point(|q| q.close <= span.start);
        let inside: Vec<Span> = quotes[lo..]
            .iter()
            .take_while(|q| q.open < span.end)
            .filter(|q| !q.nested)
            .map(|q| Span::new(q.start, q.end))
            .collect();
        let quoted = inside_spans(&words, &inside);
        Clause {
            span,
            words,
            quoted,
        }
    }
}

impl Clause {
    /// The words of the quotation `q` (`words(text, q.start, q.end)`),
    /// taken from the sentence's words instead of read again, when they
    /// are the same: the tokenizer reads left to right, so they differ
    /// only where a sentence word runs across an end of the quoted text,
    /// which takes a joining char there. Before `q.start` lie the opening
    /// mark and white space: only a `'` or `’` mark can join (`l’“` does
    /// not). At `q.end` lies white space or the closing mark: a `'`, `’`
    /// or `-` there may join the next letters or keep a possessive `s’`,
    /// and the rest end a word in both readings. `None` in those cases
    /// (and when the quotation is not inside the sentence).
    fn words_within(&self, text: &str, q: &QuoteSpan) -> Option<&[Word]> {
        let b = text.as_bytes();
        if self.span.start > q.open || q.close > self.span.end || q.end > q.close {
            return None;
        }
        let joins = |i: usize| match b.get(i) {
            Some(b'\'' | b'-') => true,
            Some(0xE2) => b.get(i..i + 3) == Some("’".as_bytes()),
            _ => false,
        };
        if joins(q.open) || joins(q.end) {
            return None;
        }
        let from = self.words.partition_point(|w| w.start < q.start);
        let to = self.words.partition_point(|w| w.start < q.end);
        let ws = &self.words[from..to];
        // Belt and braces: a word reaching across an end reads differently.
        let across_start = from > 0 && self.words[from - 1].end > q.start;
        if across_start || ws.last().is_some_and(|w| w.end > q.end) {
            return None;
        }
        Some(ws)
    }
}

/// The speaker of an unattributed direct quotation that goes on from the
/// previous one: in the same sentence (`“…,” said X. “…”` glued), or
/// filling a sentence right after a sentence with an attributed one.
fn continuation(text: &str, cl: &Clause, q: &QuoteSpan, si: usize, mem: &Memory) -> Option<String> {
    let (psi, pclose, speaker) = mem.direct.as_ref()?;
    if *psi == si && *pclose <= q.open {
        return Some(speaker.clone());
    }
    let alone = |t: Option<&str>| {
        t.is_some_and(|t| {
            t.chars()
                .all(|c| c.is_whitespace() || c.is_ascii_punctuation())
        })
    };
    let fills = alone(text.get(cl.span.start..q.open)) && alone(text.get(q.close..cl.span.end));
    (fills && *psi + 1 == si).then(|| speaker.clone())
}

/// First word capitalised and most longer words too (`Decision to
/// Continue Detention`).
fn is_title_case(text: &str, ws: &[Word]) -> bool {
    let Some(first) = ws.first() else {
        return false;
    };
    let long: Vec<&Word> = ws
        .iter()
        .filter(|w| w.text(text).chars().count() > 3)
        .collect();
    let caps = long.iter().filter(|w| w.is_capitalized(text)).count();
    first.is_capitalized(text) && caps * 10 >= long.len() * 7
}

impl Extractor for QuoteExtractor {
    fn extract(&self, doc: &Document, sentences: &[Span], facts: &mut Facts) {
        let quotes = self.find(doc, sentences, facts);
        facts.quotes.extend(quotes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::extract::testutil::{agency, sentences};
    use crate::record::{Agency, AgencyKind};

    fn ex() -> QuoteExtractor {
        QuoteExtractor::new(&Patterns::builtin()).unwrap()
    }

    fn run(text: &str, agencies: Vec<Agency>) -> Vec<Quote> {
        let doc = Document::new("t".into(), "t".into(), Format::Text, text.into());
        let mut facts = Facts {
            agencies,
            ..Facts::default()
        };
        ex().extract(&doc, &sentences(text), &mut facts);
        facts.quotes
    }

    fn one(text: &str, agencies: Vec<Agency>) -> (String, QuoteKind, Option<String>) {
        let q = run(text, agencies);
        assert_eq!(q.len(), 1, "{q:?}");
        (q[0].text.clone(), q[0].kind, q[0].speaker.clone())
    }

    #[test]
    fn citations_are_searched_only_where_they_can_be() {
        let q = ex();
        let all = |re: &Regex, t: &str| -> Vec<(usize, String)> {
            re.captures_iter(t)
                .filter_map(|m| m.get(1))
                .map(|g| (g.start(), g.as_str().to_string()))
                .collect()
        };
        let ours = |re: &Regex, t: &str, cue: &[u8], w| -> Vec<(usize, String)> {
            captures_around(re, t, cue, w)
                .into_iter()
                .map(|(a, n)| (a, n.to_string()))
                .collect()
        };
        let made_up = "See Vasquez v. Shinseki, 713 F.3d 112 (Fed. Cir. 2013); Doe v Roe, 5 X 9; \
             Vasquez, 713 F.3d at 117. In re A\u{a0}v.\u{a0}Bee Cee, 12\u{a0}U.S. at\u{2009}3 and \
             Smith v.\nJones Co, 44\tA.2d at 5, Smith, 44 A.2d at 6; (Roe, 1 F. at 2) \
             Óscar v. Ñu, 3 Y 4; Vasquez,\n713 F.3d\nat\n117\n\
             Smith, 713 at at 5 and Jones,   12     F. Supp. 2d        at   7; Roe, ١٢ X at ٣ \
             xSmith v. Doe, 4 Z Ab Cd\u{2003}v\u{2003}Ef, 9\u{a0}Q v. v. Gh, 1 \
             Kim v. Lee and Co. Ltd, 5 at 6, Park, 2 at";
        for text in [
            include_str!("../../../fixtures/docs/000_33f9748ff7c1b5ed.txt"),
            made_up,
        ] {
            let full = all(&q.cite_full, text);
            let short = all(&q.cite_short, text);
            assert_eq!(ours(&q.cite_full, text, b"v", full_cite_window), full);
            assert_eq!(ours(&q.cite_short, text, b"at", short_cite_window), short);
            if text == made_up {
                assert!(full.len() >= 3 && short.len() >= 5, "{full:?} {short:?}");
            }
        }
    }

    #[test]
    fn offsets_are_those_of_the_inner_text() {
        let t = "The court said “no more.” Fine.";
        let q = run(t, vec![]);
        assert_eq!(&t[q[0].start..q[0].end], "no more.");
        assert_eq!(q[0].sentence, 0);
    }

    #[test]
    fn parenthesised_and_acronyms_are_terms() {
        let t = "the Convention against Torture (“CAT”) applies";
        assert_eq!(one(t, vec![]).1, QuoteKind::Term);
        let t = "Immigration and Customs Enforcement (\"Customs Agency\") said";
        assert_eq!(one(t, vec![]).1, QuoteKind::Term);
        assert_eq!(one("we call it “NATO” now", vec![]).1, QuoteKind::Term);
    }

    #[test]
    fn cues_make_terms_and_titles() {
        let (_, k, _) = one(
            "The ministry said that so-called “enhanced measures” apply.",
            vec![],
        );
        assert_eq!(k, QuoteKind::Term);
        let (_, k, _) = one(
            "a program known as “Safe Return of All Persons Now” began",
            vec![],
        );
        assert_eq!(k, QuoteKind::Term);
        let (_, k, _) = one(
            "a report entitled “We Will Find You Anyway Here” says",
            vec![],
        );
        assert_eq!(k, QuoteKind::Title);
    }

    #[test]
    fn title_case_next_to_a_document_noun_is_a_title() {
        let t = "In a May 2006 “Notice of Intent to Deport” letter, the agency wrote to him.";
        assert_eq!(one(t, vec![]).1, QuoteKind::Title);
        let t = "They published the report “Torture in the name of security” in May.";
        assert_eq!(one(t, vec![]).1, QuoteKind::Title);
        // but a sentence quoted after a document noun is not a title
        let t = "In its letter, “We will not comply with the order,” the ministry wrote.";
        assert_eq!(one(t, vec![]).1, QuoteKind::Direct);
        let t = "The ministry released its “Annual Review of Prison Conditions” today.";
        assert_eq!(one(t, vec![]).1, QuoteKind::Title);
        // Title Case without a document noun is not a title
        let t = "He shouted “Long Live The King Forever” twice.";
        assert_ne!(one(t, vec![]).1, QuoteKind::Title);
    }

    #[test]
    fn speech_verb_with_agency_subject() {
        let t = "In 2005, the Board of Immigration Appeals (BIA) held that Mr. Y “more likely than not” would be harmed.";
        let ag = agency(
            t,
            "Board of Immigration Appeals",
            AgencyKind::Court,
            &["Board of Immigration Appeals", "BIA"],
        );
        let (text, k, s) = one(t, vec![ag]);
        assert_eq!(text, "more likely than not");
        assert_eq!(k, QuoteKind::Direct);
        assert_eq!(s.as_deref(), Some("Board of Immigration Appeals"));
    }

    #[test]
    fn defined_abbreviation_between_subject_and_verb() {
        let t = "The Board of Immigration Appeals (BIA) held that he was “more likely than not” at risk.";
        let ag = agency(
            t,
            "Board of Immigration Appeals",
            AgencyKind::Court,
            &["Board of Immigration Appeals"],
        );
        assert_eq!(
            one(t, vec![ag]).2.as_deref(),
            Some("Board of Immigration Appeals")
        );
    }

    #[test]
    fn abbreviation_mention_resolves_to_canonical_name() {
        let t = "In a letter, ICE informed Mr. Y that “ICE is pursuing assurances from them” soon.";
        let ag = agency(
            t,
            "U.S. Immigration and Customs Enforcement",
            AgencyKind::Government,
            &["ICE"],
        );
        let (_, k, s) = one(t, vec![ag]);
        assert_eq!(k, QuoteKind::Direct);
        assert_eq!(
            s.as_deref(),
            Some("U.S. Immigration and Customs Enforcement")
        );
    }

    #[test]
    fn the_letter_refers_back_to_the_previous_speaker() {
        let t = "The agency ICE said “we will act on this now.”\nThe letter concluded that there is a “significant likelihood” of removal.";
        let ag = agency(t, "ICE", AgencyKind::Government, &["ICE"]);
        let q = run(t, vec![ag]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].text, "significant likelihood");
        assert_eq!(q[1].kind, QuoteKind::Direct);
        assert_eq!(q[1].speaker.as_deref(), Some("ICE"));
        assert_eq!(q[1].sentence, 1);
    }

    #[test]
    fn relative_pronoun_takes_the_antecedent() {
        let t = "It is documented by the State Department, which found in its report that officers “routinely beat detainees to obtain confessions.”";
        let ag = agency(
            t,
            "U.S. Department of State",
            AgencyKind::Government,
            &["State Department"],
        );
        let (_, k, s) = one(t, vec![ag]);
        assert_eq!(k, QuoteKind::Direct);
        assert_eq!(s.as_deref(), Some("U.S. Department of State"));
    }

    #[test]
    fn participle_clause_takes_the_main_subject() {
        let t = "Recognizing that the record was “replete” with evidence, the BIA held that he qualified.";
        let ag = agency(
            t,
            "Board of Immigration Appeals",
            AgencyKind::Court,
            &["BIA"],
        );
        let (_, k, s) = one(t, vec![ag]);
        assert_eq!(k, QuoteKind::Direct);
        assert_eq!(s.as_deref(), Some("Board of Immigration Appeals"));
    }

    #[test]
    fn participle_without_that_does_not_attribute() {
        // trap: the quoted term sits in a participle phrase before the verb
        let t = "Recognizing the risk to dissidents charged with supporting “illegal religious movements” abroad, the State Department has urged restraint.";
        let ag = agency(
            t,
            "U.S. Department of State",
            AgencyKind::Government,
            &["State Department"],
        );
        assert_eq!(one(t, vec![ag]).1, QuoteKind::Term);
    }

    #[test]
    fn stated_as_adjective_is_not_a_speech_verb() {
        // trap: `government’s stated intention to pursue “X”` is a term
        let t = "We are writing about the government’s stated intention to pursue “diplomatic assurances” from them.";
        assert_eq!(one(t, vec![]).1, QuoteKind::Term);
    }

    #[test]
    fn person_speaker_and_inverted_attribution() {
        let t = "Yesterday, Judge Ann Smith said “the hearing will resume on Monday.”";
        assert_eq!(one(t, vec![]).2.as_deref(), Some("Judge Ann Smith"));
        let t = "“We will appeal,” said Maria Lopez.";
        let (_, k, s) = one(t, vec![]);
        assert_eq!(k, QuoteKind::Direct);
        assert_eq!(s.as_deref(), Some("Maria Lopez"));
        let t = "“We will appeal,” the ministry spokesman John Roe said.";
        assert_eq!(one(t, vec![]).2.as_deref(), Some("John Roe"));
    }

    #[test]
    fn appositive_between_speaker_and_verb() {
        let t = "Jane Doe, director at Amnesty International, said: “The verdict is a travesty of justice.”";
        let ag = agency(
            t,
            "Amnesty International",
            AgencyKind::Ngo,
            &["Amnesty International"],
        );
        assert_eq!(one(t, vec![ag]).2.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn naming_verb_with_object_and_known_surname() {
        let t =
            "“It was unfair,” said Jane Smith, a lawyer.\nSmith called the ruling “a travesty.”";
        let q = run(t, vec![]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].kind, QuoteKind::Direct);
        assert_eq!(q[1].speaker.as_deref(), Some("Jane Smith"));
        // without a subject it stays a term cue: `a group called “X”`
        let t = "He joined a group called “Friends of Liberty” in 2001.";
        assert_eq!(one(t, vec![]).1, QuoteKind::Term);
    }

    #[test]
    fn continuation_quotes_keep_the_speaker() {
        let t = "“They held him for months,” said Jane Smith. “They should free him now.”\n“He is innocent and must be released today.”\nThe weather was fine.\n“An unrelated long quotation from nobody in particular.”";
        let q = run(t, vec![]);
        let sp: Vec<Option<&str>> = q.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            sp,
            [
                Some("Jane Smith"),
                Some("Jane Smith"),
                Some("Jane Smith"),
                None
            ]
        );
    }

    #[test]
    fn cited_case_quoted_again_keeps_its_court() {
        let t = "The Court of Appeals for the Federal Circuit held that evaluation is “symptom-driven.”\nVasquez v. Shinseki, 713 F.3d 112, 116 (Fed. Cir. 2013).\nThe symptoms are, rather, “examples of the type and degree of symptom.”\nMauerhan v. Principi, 16 Vet. App. 436 (2002).\nThe analysis requires “an ultimate factual conclusion as to the level of impairment.” Vasquez, 713 F.3d at 118.";
        let ag = agency(
            t,
            "Court of Appeals for the Federal Circuit",
            AgencyKind::Court,
            &["Court of Appeals for the Federal Circuit"],
        );
        let q = run(t, vec![ag]);
        let sp: Vec<Option<&str>> = q.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            sp,
            [
                Some("Court of Appeals for the Federal Circuit"),
                // a case whose court the text never names
                None,
                Some("Court of Appeals for the Federal Circuit"),
            ]
        );
    }

    #[test]
    fn according_to() {
        let t = "According to Amnesty International, “no one was spared in the raid.”";
        let ag = agency(
            t,
            "Amnesty International",
            AgencyKind::Ngo,
            &["Amnesty International"],
        );
        let (_, k, s) = one(t, vec![ag]);
        assert_eq!(k, QuoteKind::Direct);
        assert_eq!(s.as_deref(), Some("Amnesty International"));
    }

    #[test]
    fn unattributed_long_quote_is_direct_short_one_a_term() {
        let t = "The symptoms are, rather, “examples of the type and degree of symptom.”";
        let (_, k, s) = one(t, vec![]);
        assert_eq!(k, QuoteKind::Direct);
        assert_eq!(s, None);
        let t = "They were charged with supporting “illegal religious movements.”";
        assert_eq!(one(t, vec![]).1, QuoteKind::Term);
    }

    #[test]
    fn short_quote_after_unconnected_verb_is_a_term() {
        // the verb's complement does not hold the quote (no `that`, not adjacent)
        let t = "The court found the officer guilty of “gross neglect” yesterday.";
        assert_eq!(one(t, vec![]).1, QuoteKind::Term);
    }

    #[test]
    fn nested_quote_is_a_term_and_outer_keeps_its_punctuation() {
        let t = "The court held that \"the rule requires a finding in 'most areas.'\"";
        let q = run(t, vec![]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].text, "the rule requires a finding in 'most areas.'");
        assert_eq!(q[0].kind, QuoteKind::Direct);
        assert_eq!(q[1].text, "most areas.");
        assert_eq!(q[1].kind, QuoteKind::Term);
    }

    #[test]
    fn quotation_words_from_the_sentence_are_those_read_alone() {
        let opens = ["“", "\"", "‘", "'", "’", "„", "«", "( “", "l’“", "x\""];
        let closes = ["”", "\"", "’", "'", "“", "»", "”)", "”s", "’s", "\"-", "” "];
        let bodies = [
            "the Court’s view",
            "docs’",
            "well-",
            " padded words ",
            "it's a rock 'n' roll",
            "Smith’s",
            "end.",
            "x",
            "État de droit",
            "1.5 per-cent",
            "a ‘nested’ one",
            "-dash",
            "'tis",
        ];
        let befores = ["He said ", "He said,", "He said:", "", "word", "(see "];
        let afters = [
            " and left.",
            ", said X.",
            "s went on",
            "",
            "’s view",
            "-based",
            " ’",
        ];
        let (mut same, mut checked) = (0, 0);
        for o in opens {
            for c in closes {
                for body in bodies {
                    for (bi, a) in afters.iter().enumerate() {
                        let before = befores[bi % befores.len()];
                        let text = format!("{before}{o}{body}{c}{a}");
                        let quotes = find_quotes(&text);
                        let span = Span::new(0, text.len());
                        let cl = Clause::new(&text, span, &quotes);
                        for q in &quotes {
                            checked += 1;
                            if let Some(ws) = cl.words_within(&text, q) {
                                same += 1;
                                assert_eq!(ws, &words(&text, q.start, q.end)[..], "{text:?} {q:?}");
                            }
                        }
                        // a sentence span that starts inside the quotation
                        let late =
                            Clause::new(&text, Span::new(before.len() + 1, text.len()), &quotes);
                        for q in &quotes {
                            if let Some(ws) = late.words_within(&text, q) {
                                assert_eq!(ws, &words(&text, q.start, q.end)[..], "{text:?} late");
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 500 && same * 2 > checked, "{same} of {checked}");
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "“",
            "”",
            "\"",
            "“”",
            "a “ b",
            "«»",
            "‘’",
            "é“ü”",
            "\"\"\"",
            "said “",
        ] {
            let _ = run(t, vec![]);
        }
    }
}
