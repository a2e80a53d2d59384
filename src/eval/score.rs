//! Matching records to gold files, and facts to gold facts.
//!
//! Records are found by id, then by the stem of their source, then by the
//! stem of their id (as the reference scorer does); an error record counts
//! as a missing document. Each document is scored on its own (in
//! parallel) and the counts are added up in gold order, so the totals are
//! micro-averages. Besides the counts, every predicted and every gold fact
//! gets a [`Mark`], which the HTML report draws.
//!
//! Cost is linear in the text: the clean text is normalised once, all
//! boilerplate and body strings are found in one Aho-Corasick pass, the
//! sentence body is located with one substring search, and facts are
//! matched through hash maps keyed by their normalised text.

use std::collections::{HashMap, HashSet, VecDeque};

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rayon::prelude::*;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::{Gold, GoldDate, GoldEntity, Scores};
use crate::record::{AgencyKind, DocRecord, QuoteKind, Record};

/// What became of one fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A prediction with a gold counterpart, or a gold fact found.
    Match,
    /// A gold fact not found.
    Miss,
    /// A prediction with no gold counterpart.
    FalseAlarm,
    /// A prediction the scorer neither rewards nor penalises (a citation
    /// year in `dates_ignored`, a quote of another kind than direct,
    /// anything beyond a partially annotated document).
    Unscored,
}

/// The marks of one fact kind in one document.
#[derive(Clone, Debug, Default)]
pub struct KindDetail {
    /// One per predicted fact, in record order.
    pub pred: Vec<Mark>,
    /// One per gold fact, in gold order: the predicted fact it matched.
    pub gold: Vec<Option<usize>>,
}

/// The marks of every fact of one document.
#[derive(Clone, Debug, Default)]
pub struct Detail {
    /// Dates.
    pub dates: KindDetail,
    /// Agencies.
    pub agencies: KindDetail,
    /// Facilities.
    pub facilities: KindDetail,
    /// People.
    pub people: KindDetail,
    /// Quotes (all kinds; only direct ones are scored).
    pub quotes: KindDetail,
    /// Holdings.
    pub holdings: KindDetail,
    /// Per `boilerplate_must_not_survive` string: it survived.
    pub boilerplate_leaked: Vec<bool>,
    /// Per `body_must_survive` string: it was kept.
    pub body_kept: Vec<bool>,
}

/// One gold document's result.
#[derive(Clone, Debug)]
pub struct DocEval {
    /// Index of its gold file.
    pub gold: usize,
    /// Index of its record, when there is a readable one.
    pub record: Option<usize>,
    /// The message of its error record, if it only has one.
    pub error: Option<String>,
    /// Its scores alone.
    pub scores: Scores,
    /// The marks of its facts.
    pub detail: Detail,
}

/// The result of a run: totals and one entry per gold document.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// Micro-averaged over all documents.
    pub total: Scores,
    /// Per gold document, in gold order.
    pub docs: Vec<DocEval>,
}

const QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»', '„'];

/// Whitespace as Python's `\s` sees it (Unicode White_Space plus the
/// information separators U+001C..U+001F).
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `s` in NFKC; most text already is, and the quick check says so
/// without allocating.
fn nfkc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfkc().collect())
    }
}

/// NFKC, lower-case (the string's full mapping, final sigma included).
fn fold(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        nfkc(s).to_lowercase()
    }
}

/// NFKC, lower-case, typographic apostrophes as `'`, whitespace and
/// Markdown emphasis marks dropped, surrounding quotation marks stripped.
pub fn norm(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            '’' | '‘' => out.push('\''),
            c if is_space(c) || matches!(c, '*' | '_' | '`') => {}
            c => out.push(c),
        }
    }
    let trimmed = out.trim_matches(QUOTES);
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// [`norm`] without trailing punctuation, for quote and holding text.
pub fn norm_loose(s: &str) -> String {
    let n = norm(s);
    n.trim_end_matches(|c: char| ".,;:!?".contains(c) || QUOTES.contains(&c))
        .trim_start_matches(QUOTES)
        .to_string()
}

/// Letters and digits only, after NFKC.
fn alnum(s: &str) -> String {
    if s.is_ascii() {
        s.chars().filter(char::is_ascii_alphanumeric).collect()
    } else {
        nfkc(s).chars().filter(|c| c.is_alphanumeric()).collect()
    }
}

/// Lower-cased word tokens (`\w+`).
fn words(s: &str) -> HashSet<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Python's `os.path.basename(s).split(".")[0]`.
fn py_stem(s: &str) -> &str {
    let base = s.rsplit('/').next().unwrap_or(s);
    base.split('.').next().unwrap_or(base)
}

/// Sentence boundaries (end positions in code points of the
/// letters-and-digits-only text) of the gold, and of the predicted
/// sentences restricted to the gold body; `None` for the prediction when
/// the body's first 40 letters are not found.
fn sentence_counts(pred: &[&str], gold: &[String]) -> (usize, usize, usize) {
    let g = alnum(&gold.concat());
    let glen = g.chars().count();
    let mut gb = HashSet::new();
    let mut pos = 0;
    for s in gold {
        pos += alnum(s).chars().count();
        gb.insert(pos);
    }
    let p_all: Vec<String> = pred.iter().map(|s| alnum(s)).collect();
    let joined = p_all.concat();
    let probe_end = g.char_indices().nth(40).map_or(g.len(), |(i, _)| i);
    let mut pb = HashSet::new();
    if let Some(byte) = joined.find(&g[..probe_end]) {
        let start = joined[..byte].chars().count();
        let (mut pos, mut cum) = (0, 0);
        for s in &p_all {
            let end = pos + s.chars().count();
            if end > start && pos < start + glen {
                cum += end.min(start + glen) - pos.max(start);
                if cum <= glen {
                    pb.insert(cum);
                }
            }
            pos = end;
        }
    }
    let tp = gb.intersection(&pb).count();
    (tp, pb.len() - tp, gb.len() - tp)
}

fn names_of<'a>(
    name: &'a str,
    abbreviation: Option<&'a str>,
    aliases: &'a [String],
) -> HashSet<String> {
    let mut out: HashSet<String> = aliases.iter().map(|a| norm(a)).collect();
    out.insert(norm(name));
    if let Some(a) = abbreviation {
        out.insert(norm(a));
    }
    out.remove("");
    out
}

/// Greedy one-to-one matching, in gold order, of each gold entity to the
/// first unused prediction sharing a name. Returns the gold → prediction
/// links.
fn match_entities(gold: &[HashSet<String>], pred: &[HashSet<String>]) -> Vec<Option<usize>> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, names) in pred.iter().enumerate() {
        for n in names {
            by_name.entry(n.as_str()).or_default().push(j);
        }
    }
    let mut used = vec![false; pred.len()];
    gold.iter()
        .map(|names| {
            let best = names
                .iter()
                .filter_map(|n| by_name.get(n.as_str()))
                .filter_map(|list| list.iter().copied().find(|&j| !used[j]))
                .min()?;
            used[best] = true;
            Some(best)
        })
        .collect()
}

fn gold_names(e: &GoldEntity) -> HashSet<String> {
    names_of(&e.name, e.abbreviation.as_deref(), &e.aliases)
}

/// The lower-case name of an agency kind, as gold files write it.
pub fn kind_name(k: AgencyKind) -> &'static str {
    match k {
        AgencyKind::Government => "government",
        AgencyKind::Court => "court",
        AgencyKind::Intergovernmental => "intergovernmental",
        AgencyKind::Ngo => "ngo",
        AgencyKind::Media => "media",
        AgencyKind::Other => "other",
    }
}

fn truthy(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// A record with nothing in it, for gold documents without one.
fn empty_record() -> DocRecord {
    DocRecord {
        schema: String::new(),
        id: String::new(),
        source: String::new(),
        format: String::new(),
        title: None,
        published: None,
        publisher: None,
        text: String::new(),
        sentences: vec![],
        dates: vec![],
        agencies: vec![],
        facilities: vec![],
        quotes: vec![],
        holdings: vec![],
        people: vec![],
        stats: Default::default(),
    }
}

/// Index records by id, then source stem, then id stem (first wins for
/// stems, last wins for ids).
fn index<'a>(keys: impl Iterator<Item = (&'a str, &'a str)>) -> HashMap<&'a str, usize> {
    let mut by: HashMap<&str, usize> = HashMap::new();
    for (i, (id, source)) in keys.enumerate() {
        by.insert(id, i);
        for stem in [py_stem(source), py_stem(id)] {
            if !stem.is_empty() {
                by.entry(stem).or_insert(i);
            }
        }
    }
    by
}

/// Score records (error records included) against gold files.
pub fn evaluate(records: &[Record], golds: &[Gold]) -> Evaluation {
    let by = index(records.iter().map(|r| match r {
        Record::Doc(d) => (d.id.as_str(), d.source.as_str()),
        Record::Error(e) => (e.id.as_str(), e.source.as_str()),
    }));
    let empty = empty_record();
    let docs: Vec<DocEval> = golds
        .par_iter()
        .enumerate()
        .map(|(gi, g)| {
            let found = by.get(g.id.as_str()).map(|&i| (i, &records[i]));
            let (rec, record, error) = match found {
                Some((i, Record::Doc(d))) => (&**d, Some(i), None),
                Some((_, Record::Error(e))) => (&empty, None, Some(e.error.message.clone())),
                None => (&empty, None, None),
            };
            let (mut scores, detail) = score_doc(rec, g);
            if record.is_none() {
                scores.missing.push(g.id.clone());
            }
            DocEval {
                gold: gi,
                record,
                error,
                scores,
                detail,
            }
        })
        .collect();
    let mut total = Scores::new();
    for d in &docs {
        total.merge(&d.scores);
    }
    Evaluation { total, docs }
}

/// Score records against gold files (totals only).
pub fn score(records: &[DocRecord], golds: &[Gold]) -> Scores {
    let by = index(records.iter().map(|d| (d.id.as_str(), d.source.as_str())));
    let empty = empty_record();
    let per: Vec<Scores> = golds
        .par_iter()
        .map(|g| {
            let rec = by.get(g.id.as_str()).map(|&i| &records[i]);
            let (mut s, _) = score_doc(rec.unwrap_or(&empty), g);
            if rec.is_none() {
                s.missing.push(g.id.clone());
            }
            s
        })
        .collect();
    let mut total = Scores::new();
    for s in &per {
        total.merge(s);
    }
    total
}

/// Score one record against its gold file.
pub fn score_doc(rec: &DocRecord, g: &Gold) -> (Scores, Detail) {
    let mut s = Scores::new();
    let mut d = Detail::default();
    s.documents = 1;
    cleaning(&mut s, &mut d, rec, g);
    if !g.sentences.is_empty() {
        let pred: Vec<&str> = rec.sentences.iter().map(|x| x.text.as_str()).collect();
        let (tp, fp, fn_) = sentence_counts(&pred, &g.sentences);
        s.kind_mut("sentences").add(tp, fp, fn_);
    }
    dates(&mut s, &mut d, rec, g);
    entities(&mut s, &mut d, rec, g);
    // Speakers and tribunals resolve aliases through the gold agency list.
    let mut alias: HashMap<String, String> = HashMap::new();
    for a in &g.agencies {
        let canonical = norm(&a.name);
        for n in gold_names(a) {
            alias.insert(n, canonical.clone());
        }
    }
    let canon = |x: &str| {
        let n = norm(x);
        alias.get(&n).cloned().unwrap_or(n)
    };
    quotes(&mut s, &mut d, rec, g, &canon);
    holdings(&mut s, &mut d, rec, g, &canon);
    (s, d)
}

fn cleaning(s: &mut Scores, d: &mut Detail, rec: &DocRecord, g: &Gold) {
    let text = norm(&rec.text);
    let bp: Vec<String> = g
        .boilerplate_must_not_survive
        .iter()
        .map(|x| norm(x))
        .collect();
    let body: Vec<String> = g.body_must_survive.iter().map(|x| norm(x)).collect();
    // One pass over the text for every needle.
    let needles: Vec<&str> = bp
        .iter()
        .chain(&body)
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    let mut found: HashSet<&str> = HashSet::new();
    // A contiguous NFA: cheap to build for one text (a DFA is not).
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&needles);
    if let Ok(ac) = ac {
        for m in ac.find_overlapping_iter(&text) {
            found.insert(needles[m.pattern().as_usize()]);
        }
    }
    for n in &bp {
        let leaked = !n.is_empty() && found.contains(n.as_str());
        s.boilerplate_leaked.add(leaked);
        d.boilerplate_leaked.push(leaked);
    }
    for n in &body {
        let kept = n.is_empty() || found.contains(n.as_str());
        s.body_kept.add(kept);
        d.body_kept.push(kept);
    }
    if let Some(t) = truthy(&g.title) {
        let p = norm(rec.title.as_deref().unwrap_or(""));
        s.title_ok
            .add(p.trim_matches('.') == norm(t).trim_matches('.'));
    }
    if let Some(p) = truthy(&g.published) {
        s.published_ok.add(rec.published.as_deref() == Some(p));
    }
}

fn dates(s: &mut Scores, d: &mut Detail, rec: &DocRecord, g: &Gold) {
    let gd: Vec<String> = g.dates.iter().map(|x| norm(&x.text)).collect();
    let ignored: HashSet<String> = g
        .dates_ignored
        .iter()
        .map(|v| norm(GoldDate::ignored_text(v)))
        .collect();
    let mut queue: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (j, k) in gd.iter().enumerate() {
        queue.entry(k.as_str()).or_default().push_back(j);
    }
    let pk: Vec<String> = rec.dates.iter().map(|x| norm(&x.text)).collect();
    let mut detail = KindDetail {
        pred: Vec::with_capacity(pk.len()),
        gold: vec![None; gd.len()],
    };
    let (mut tp, mut fp) = (0, 0);
    let mut matched: HashSet<&str> = HashSet::new();
    for (i, k) in pk.iter().enumerate() {
        let in_gold = queue.contains_key(k.as_str());
        if !in_gold && ignored.contains(k) {
            detail.pred.push(Mark::Unscored);
            continue;
        }
        match queue.get_mut(k.as_str()).and_then(VecDeque::pop_front) {
            Some(j) => {
                tp += 1;
                detail.gold[j] = Some(i);
                detail.pred.push(Mark::Match);
                matched.insert(k.as_str());
            }
            None => {
                fp += 1;
                detail.pred.push(if g.dates_partial {
                    Mark::Unscored
                } else {
                    Mark::FalseAlarm
                });
            }
        }
    }
    let fp = if g.dates_partial { 0 } else { fp };
    s.kind_mut("dates").add(tp, fp, gd.len() - tp);
    // Values: per matched text, gold and predicted values paired in order.
    let mut gv: HashMap<&str, Vec<&str>> = HashMap::new();
    for (k, x) in gd.iter().zip(&g.dates) {
        gv.entry(k.as_str()).or_default().push(&x.value);
    }
    let mut pv: HashMap<&str, Vec<&str>> = HashMap::new();
    for (k, x) in pk.iter().zip(&rec.dates) {
        pv.entry(k.as_str()).or_default().push(&x.value);
    }
    for k in matched {
        let (a, b) = (&gv[k], &pv[k]);
        for (x, y) in a.iter().zip(b) {
            s.date_value.add(x == y);
        }
    }
    let pvals: HashSet<&str> = rec.dates.iter().map(|x| x.value.as_str()).collect();
    for v in &g.dates_must_not_appear {
        s.boilerplate_dates_leaked.add(pvals.contains(v.as_str()));
    }
    d.dates = detail;
}

fn entities(s: &mut Scores, d: &mut Detail, rec: &DocRecord, g: &Gold) {
    type Names = Vec<HashSet<String>>;
    let kinds: [(&'static str, &[GoldEntity], Names); 3] = [
        (
            "agencies",
            &g.agencies,
            rec.agencies
                .iter()
                .map(|a| names_of(&a.name, a.abbreviation.as_deref(), &a.aliases))
                .collect(),
        ),
        (
            "facilities",
            &g.facilities,
            rec.facilities
                .iter()
                .map(|f| names_of(&f.name, None, &[]))
                .collect(),
        ),
        (
            "people",
            &g.people,
            rec.people
                .iter()
                .map(|p| names_of(&p.name, None, &[]))
                .collect(),
        ),
    ];
    for (kind, gold, pred) in kinds {
        let gn: Vec<HashSet<String>> = gold.iter().map(gold_names).collect();
        let links = match_entities(&gn, &pred);
        let mut marks = vec![
            if g.entities_partial {
                Mark::Unscored
            } else {
                Mark::FalseAlarm
            };
            pred.len()
        ];
        let mut tp = 0;
        for (gi, link) in links.iter().enumerate() {
            let Some(j) = *link else { continue };
            tp += 1;
            marks[j] = Mark::Match;
            if kind == "agencies" {
                if let Some(k) = truthy(&gold[gi].kind) {
                    s.agency_kind.add(kind_name(rec.agencies[j].kind) == k);
                }
            }
        }
        let fp = if g.entities_partial {
            0
        } else {
            pred.len() - tp
        };
        s.kind_mut(kind).add(tp, fp, gold.len() - tp);
        let detail = KindDetail {
            pred: marks,
            gold: links,
        };
        match kind {
            "agencies" => d.agencies = detail,
            "facilities" => d.facilities = detail,
            _ => d.people = detail,
        }
    }
}

/// Whether a predicted speaker or tribunal is the gold one: both name the
/// same body (through the gold agencies' names), or both say the text
/// does not tell (`null`). The reference scorer counts the second case as
/// wrong, so a perfect prediction cannot reach 1.0 there; this is the one
/// place eval departs from it.
fn same_attr(gold: &Option<String>, pred: &Option<String>, canon: &dyn Fn(&str) -> String) -> bool {
    match (truthy(gold), truthy(pred)) {
        (Some(a), Some(b)) => canon(a) == canon(b),
        (None, None) => true,
        _ => false,
    }
}

fn quotes(
    s: &mut Scores,
    d: &mut Detail,
    rec: &DocRecord,
    g: &Gold,
    canon: &dyn Fn(&str) -> String,
) {
    let terms: HashSet<String> = g.quotes_terms.iter().map(|t| norm_loose(t)).collect();
    let mut gq: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (j, q) in g.quotes.iter().enumerate() {
        gq.entry(norm_loose(&q.text)).or_default().push_back(j);
    }
    let mut detail = KindDetail {
        pred: Vec::with_capacity(rec.quotes.len()),
        gold: vec![None; g.quotes.len()],
    };
    let (mut tp, mut fp) = (0, 0);
    for (i, q) in rec.quotes.iter().enumerate() {
        if q.kind != QuoteKind::Direct {
            detail.pred.push(Mark::Unscored);
            continue;
        }
        let k = norm_loose(&q.text);
        match gq.get_mut(&k).and_then(VecDeque::pop_front) {
            Some(j) => {
                tp += 1;
                detail.gold[j] = Some(i);
                detail.pred.push(Mark::Match);
                s.speaker
                    .add(same_attr(&g.quotes[j].speaker, &q.speaker, canon));
            }
            None => {
                fp += 1;
                s.terms_as_quotes += terms.contains(&k) as u64;
                detail.pred.push(if g.entities_partial {
                    Mark::Unscored
                } else {
                    Mark::FalseAlarm
                });
            }
        }
    }
    let fp = if g.entities_partial { 0 } else { fp };
    s.kind_mut("quotes").add(tp, fp, g.quotes.len() - tp);
    d.quotes = detail;
}

fn holdings(
    s: &mut Scores,
    d: &mut Detail,
    rec: &DocRecord,
    g: &Gold,
    canon: &dyn Fn(&str) -> String,
) {
    let pred: Vec<(String, HashSet<String>)> = rec
        .holdings
        .iter()
        .map(|p| (norm_loose(&p.text), words(&p.text)))
        .collect();
    let mut used = vec![false; pred.len()];
    let mut links = vec![None; g.holdings.len()];
    let mut tp = 0;
    for (gi, h) in g.holdings.iter().enumerate() {
        let ht = norm_loose(&h.text);
        let htok = words(&h.text);
        let found = pred.iter().enumerate().position(|(j, (pt, ptok))| {
            if used[j] || pt.is_empty() {
                return false;
            }
            if ht.contains(pt.as_str()) || pt.contains(ht.as_str()) {
                return true;
            }
            let union = htok.union(ptok).count();
            union > 0 && htok.intersection(ptok).count() as f64 / union as f64 >= 0.6
        });
        if let Some(j) = found {
            used[j] = true;
            links[gi] = Some(j);
            tp += 1;
            s.tribunal
                .add(same_attr(&h.tribunal, &rec.holdings[j].tribunal, canon));
        }
    }
    let unmatched = if g.entities_partial {
        Mark::Unscored
    } else {
        Mark::FalseAlarm
    };
    let marks = used
        .iter()
        .map(|&u| if u { Mark::Match } else { unmatched })
        .collect();
    let fp = if g.entities_partial {
        0
    } else {
        pred.len() - tp
    };
    s.kind_mut("holdings").add(tp, fp, g.holdings.len() - tp);
    d.holdings = KindDetail {
        pred: marks,
        gold: links,
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Agency, Date, Holding, Quote, Sentence};

    fn rec(text: &str) -> DocRecord {
        let mut r = empty_record();
        r.id = "d".into();
        r.text = text.into();
        r
    }

    fn gold(json: &str) -> Gold {
        super::super::gold::parse(std::path::Path::new("t"), json).unwrap()
    }

    fn date(text: &str, value: &str) -> Date {
        Date {
            text: text.into(),
            value: value.into(),
            granularity: "day".into(),
            start: 0,
            end: 0,
            sentence: 0,
            citation: false,
            relative: false,
        }
    }

    #[test]
    fn norm_ignores_space_case_quotes_and_emphasis() {
        assert_eq!(norm(" “The **BIA**  held” "), "thebiaheld");
        assert_eq!(norm_loose("“routinely tortured.”"), "routinelytortured");
        assert_eq!(norm("Guttentag’s"), "guttentag's");
        assert_eq!(norm("a\u{a0}b\u{1f}c"), "abc");
    }

    #[test]
    fn norm_applies_nfkc() {
        // Ligatures, full-width letters and the ellipsis character fold
        // to their compatibility forms, as the reference scorer's NFKC.
        assert_eq!(norm("ﬁled"), "filed");
        assert_eq!(norm("ＢＩＡ"), "bia");
        assert_eq!(norm("wait…"), "wait...");
        assert_eq!(alnum("ﬁ 1½"), "fi112");
        // Final sigma follows the whole-string mapping.
        assert_eq!(norm("ΟΔΟΣ"), "οδος");
    }

    #[test]
    fn stems_follow_python_basename() {
        assert_eq!(py_stem("fixtures/docs/a.b.txt"), "a");
        assert_eq!(py_stem("https://x.org/p/page.html"), "page");
        assert_eq!(py_stem("dir/"), "");
        assert_eq!(py_stem("plain"), "plain");
    }

    #[test]
    fn sentence_boundaries_are_restricted_to_the_gold_body() {
        let gold = vec!["One two.".to_string(), "Three four.".to_string()];
        let pred = ["Menu", "One two.", "Three", "four.", "Footer"];
        // Boundaries: gold {6, 15}; pred restricted {6, 11, 15}.
        assert_eq!(sentence_counts(&pred, &gold), (2, 1, 0));
        // Body not found: every gold boundary is missed.
        assert_eq!(sentence_counts(&["Other"], &gold), (0, 0, 2));
    }

    #[test]
    fn cleaning_strings_and_title() {
        let g = gold(
            r#"{"schema": "factum-gold/1", "id": "d", "title": "The Title.",
                "boilerplate_must_not_survive": ["Donate now", "Share", ""],
                "body_must_survive": ["We write", "signed"]}"#,
        );
        let mut r = rec("We  write to you. DONATE NOW");
        r.title = Some("the title".into());
        let (s, d) = score_doc(&r, &g);
        assert_eq!(d.boilerplate_leaked, [true, false, false]);
        assert_eq!(d.body_kept, [true, false]);
        assert_eq!((s.title_ok.ok, s.title_ok.total), (1, 1));
        assert_eq!(s.published_ok.total, 0);
    }

    #[test]
    fn dates_count_every_occurrence_and_skip_ignored() {
        let g = gold(
            r#"{"schema": "factum-gold/1", "id": "d",
                "dates": [{"text": "May 1, 2001", "value": "2001-05-01"},
                          {"text": "May 1, 2001", "value": "2001-05-01"},
                          {"text": "2003", "value": "2003"}],
                "dates_ignored": [{"text": "2019"}],
                "dates_must_not_appear": ["2022-10-26"]}"#,
        );
        let mut r = rec("");
        r.dates = vec![
            date("May  1, 2001", "2001-05-01"),
            date("2019", "2019"),
            date("2003", "2002"),
            date("June 2", "2022-10-26"),
        ];
        let (s, d) = score_doc(&r, &g);
        let k = s.kind("dates");
        assert_eq!((k.tp, k.fp, k.fn_), (2, 1, 1));
        assert_eq!(
            d.dates.pred,
            [Mark::Match, Mark::Unscored, Mark::Match, Mark::FalseAlarm]
        );
        assert_eq!(d.dates.gold, [Some(0), None, Some(2)]);
        assert_eq!((s.date_value.ok, s.date_value.total), (1, 2));
        assert_eq!(s.boilerplate_dates_leaked.ok, 1);
    }

    #[test]
    fn agencies_match_by_any_name_once() {
        let g = gold(
            r#"{"schema": "factum-gold/1", "id": "d",
                "agencies": [{"name": "Board of Immigration Appeals", "abbreviation": "BIA", "kind": "court"},
                             {"name": "Human Rights Watch", "kind": "ngo"}]}"#,
        );
        let mut r = rec("");
        let ag = |name: &str, abbr: Option<&str>, kind| Agency {
            name: name.into(),
            abbreviation: abbr.map(String::from),
            aliases: vec![],
            kind,
            mentions: vec![],
        };
        r.agencies = vec![
            ag("The BIA", Some("BIA"), AgencyKind::Government),
            ag("BIA", None, AgencyKind::Court),
            ag("Human  Rights Watch", None, AgencyKind::Ngo),
        ];
        let (s, d) = score_doc(&r, &g);
        let k = s.kind("agencies");
        assert_eq!((k.tp, k.fp, k.fn_), (2, 1, 0));
        assert_eq!(d.agencies.gold, [Some(0), Some(2)]);
        assert_eq!(d.agencies.pred[1], Mark::FalseAlarm);
        assert_eq!((s.agency_kind.ok, s.agency_kind.total), (1, 2));
    }

    #[test]
    fn quotes_terms_and_speakers() {
        let g = gold(
            r#"{"schema": "factum-gold/1", "id": "d",
                "agencies": [{"name": "Board of Immigration Appeals", "abbreviation": "BIA"}],
                "quotes": [{"text": "more likely than not.", "speaker": "Board of Immigration Appeals"}],
                "quotes_terms": ["diplomatic assurances"]}"#,
        );
        let mut r = rec("");
        let q = |text: &str, kind, speaker: Option<&str>| Quote {
            text: text.into(),
            kind,
            speaker: speaker.map(String::from),
            start: 0,
            end: 0,
            sentence: 0,
        };
        r.quotes = vec![
            q("More likely than not", QuoteKind::Direct, Some("BIA")),
            q("diplomatic assurances", QuoteKind::Direct, None),
            q("diplomatic assurances", QuoteKind::Term, None),
        ];
        let (s, d) = score_doc(&r, &g);
        let k = s.kind("quotes");
        assert_eq!((k.tp, k.fp, k.fn_), (1, 1, 0));
        assert_eq!(s.terms_as_quotes, 1);
        assert_eq!((s.speaker.ok, s.speaker.total), (1, 1));
        assert_eq!(
            d.quotes.pred,
            [Mark::Match, Mark::FalseAlarm, Mark::Unscored]
        );
    }

    #[test]
    fn unknown_speaker_predicted_unknown_is_right() {
        let g = gold(
            r#"{"schema": "factum-gold/1", "id": "d",
                "quotes": [{"text": "a", "speaker": null}, {"text": "b", "speaker": null},
                           {"text": "c", "speaker": "X"}]}"#,
        );
        let mut r = rec("");
        let q = |text: &str, speaker: Option<&str>| Quote {
            text: text.into(),
            kind: QuoteKind::Direct,
            speaker: speaker.map(String::from),
            start: 0,
            end: 0,
            sentence: 0,
        };
        r.quotes = vec![q("a", None), q("b", Some("X")), q("c", None)];
        let (s, _) = score_doc(&r, &g);
        assert_eq!((s.speaker.ok, s.speaker.total), (1, 3));
    }

    #[test]
    fn holdings_by_containment_or_overlap_and_partial_gold() {
        let g = gold(
            r#"{"schema": "factum-gold/1", "id": "d", "entities_partial": true,
                "holdings": [{"text": "the petition is denied", "tribunal": "Court"},
                             {"text": "the order is affirmed with costs to the respondent", "tribunal": "Court"}]}"#,
        );
        let mut r = rec("");
        let h = |text: &str| Holding {
            text: text.into(),
            tribunal: Some("court".into()),
            date: None,
            start: 0,
            end: 0,
            sentence: 0,
        };
        r.holdings = vec![
            h("Accordingly, the petition is denied."),
            h("the order is affirmed with costs to respondent"),
            h("something else entirely"),
        ];
        let (s, d) = score_doc(&r, &g);
        let k = s.kind("holdings");
        assert_eq!((k.tp, k.fp, k.fn_), (2, 0, 0));
        assert_eq!(d.holdings.pred[2], Mark::Unscored);
        assert_eq!((s.tribunal.ok, s.tribunal.total), (2, 2));
    }

    #[test]
    fn error_records_count_as_missing_and_stems_match() {
        let golds = vec![
            gold(r#"{"schema": "factum-gold/1", "id": "a"}"#),
            gold(r#"{"schema": "factum-gold/1", "id": "b", "sentences": ["X y."]}"#),
            gold(r#"{"schema": "factum-gold/1", "id": "c"}"#),
        ];
        let mut ra = rec("");
        ra.id = "other".into();
        ra.source = "dir/a.html".into();
        ra.sentences = vec![Sentence {
            start: 0,
            end: 4,
            text: "X y.".into(),
        }];
        let err = Record::error(
            "b".into(),
            "b.pdf".into(),
            &crate::Error::new(crate::ErrorKind::Unsupported("pdf".into())),
        );
        let records = vec![Record::Doc(Box::new(ra)), err];
        let e = evaluate(&records, &golds);
        assert_eq!(e.total.missing, ["b", "c"]);
        assert_eq!(e.docs[0].record, Some(0));
        assert!(e.docs[1].error.is_some());
        assert_eq!(e.total.kind("sentences").fn_, 1);
        assert_eq!(e.total.documents, 3);
    }
}
