//! Scoring records against gold files (`factum-gold/1`).
//!
//! Matching follows the project's annotation guidelines: facts are matched
//! by their text, whitespace-insensitively (case, Markdown emphasis and
//! surrounding quotation marks ignored); agencies, facilities and people by
//! any of their names; holdings by containment or token overlap; sentences
//! by boundary positions in the letters-and-digits-only text, restricted to
//! the gold body. The numbers are meant to agree with the project's
//! reference scorer (`score_docs.py`).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::record::DocRecord;

/// A gold file, `factum-gold/1`. Unknown fields are ignored.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Gold {
    /// Document id (matched against record ids and source stems).
    pub id: String,
    /// Expected title.
    pub title: Option<String>,
    /// Expected publication date.
    pub published: Option<String>,
    /// Strings that must not appear in the clean text.
    pub boilerplate_must_not_survive: Vec<String>,
    /// Strings that must appear in the clean text.
    pub body_must_survive: Vec<String>,
    /// Sentences of the prose body.
    pub sentences: Vec<String>,
    /// Dates.
    pub dates: Vec<GoldDate>,
    /// Date values that must not be extracted.
    pub dates_must_not_appear: Vec<String>,
    /// Dates (citation years) neither rewarded nor penalised.
    pub dates_ignored: Vec<serde_json::Value>,
    /// Only the first part of the document has date gold.
    pub dates_partial: bool,
    /// Only the first part of the document has entity gold.
    pub entities_partial: bool,
    /// Agencies.
    pub agencies: Vec<GoldEntity>,
    /// Facilities.
    pub facilities: Vec<GoldEntity>,
    /// People.
    pub people: Vec<GoldEntity>,
    /// Direct quotes.
    pub quotes: Vec<GoldQuote>,
    /// Quoted material that is not speech.
    pub quotes_terms: Vec<String>,
    /// Holdings.
    pub holdings: Vec<GoldHolding>,
}

/// A gold date.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldDate {
    /// As written.
    pub text: String,
    /// ISO value.
    pub value: String,
}

/// A gold agency, facility or person.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldEntity {
    /// Name.
    pub name: String,
    /// Abbreviation.
    pub abbreviation: Option<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Kind (agencies).
    pub kind: Option<String>,
}

/// A gold quote.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldQuote {
    /// Quoted text.
    pub text: String,
    /// Speaker.
    pub speaker: Option<String>,
}

/// A gold holding.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldHolding {
    /// The proposition.
    pub text: String,
    /// The deciding body.
    pub tribunal: Option<String>,
}

/// Precision, recall and F1 from counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// True positives.
    pub tp: u64,
    /// False positives.
    pub fp: u64,
    /// False negatives.
    pub fn_: u64,
}

impl Prf {
    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        self.tp += tp as u64;
        self.fp += fp as u64;
        self.fn_ += fn_ as u64;
    }

    /// Precision.
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp).unwrap_or(0.0)
    }

    /// Recall.
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_).unwrap_or(0.0)
    }

    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// A numerator and denominator, for accuracies and rates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Count {
    /// How many were right (or leaked, for leak rates).
    pub ok: u64,
    /// Out of how many.
    pub total: u64,
}

impl Count {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.ok += ok as u64;
    }

    /// `ok / total`, or `None` when nothing was counted.
    pub fn rate(&self) -> Option<f64> {
        ratio(self.ok, self.total)
    }
}

/// The fact kinds scored, in report order.
pub const KINDS: [&str; 7] = [
    "sentences",
    "dates",
    "agencies",
    "facilities",
    "quotes",
    "holdings",
    "people",
];

/// Scores over a set of documents (micro-averaged).
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Per fact kind, keyed by the names in [`KINDS`].
    pub kinds: BTreeMap<&'static str, Prf>,
    /// Boilerplate strings that survived.
    pub boilerplate_leaked: Count,
    /// Body strings kept.
    pub body_kept: Count,
    /// Titles right.
    pub title_ok: Count,
    /// Publication dates right.
    pub published_ok: Count,
    /// Boilerplate dates extracted.
    pub boilerplate_dates_leaked: Count,
    /// Date values right, over matched dates.
    pub date_value: Count,
    /// Quote speakers right, over matched quotes.
    pub speaker: Count,
    /// Holding tribunals right, over matched holdings.
    pub tribunal: Count,
    /// Agency kinds right, over matched agencies.
    pub agency_kind: Count,
    /// Gold terms reported as direct quotes.
    pub terms_as_quotes: u64,
    /// Gold ids with no record.
    pub missing: Vec<String>,
}

impl Scores {
    /// The score of one kind.
    pub fn kind(&self, kind: &str) -> Prf {
        self.kinds.get(kind).copied().unwrap_or_default()
    }
}

const QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»', '„'];

/// Lower-case, drop whitespace and emphasis marks, strip surrounding quotes.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_whitespace() || matches!(c, '*' | '_' | '`') => {}
            '’' | '‘' => out.push('\''),
            '\u{a0}' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim_matches(QUOTES).to_string()
}

/// [`norm`] without trailing punctuation, for quote and holding text.
pub fn norm_loose(s: &str) -> String {
    let n = norm(s);
    n.trim_end_matches(|c: char| ".,;:!?".contains(c) || QUOTES.contains(&c))
        .trim_start_matches(QUOTES)
        .to_string()
}

fn alnum(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn boundaries<'a>(sents: impl Iterator<Item = &'a str>) -> (HashSet<usize>, usize) {
    let mut pos = 0;
    let mut out = HashSet::new();
    for s in sents {
        pos += alnum(s).chars().count();
        out.insert(pos);
    }
    (out, pos)
}

/// The predicted sentences that cover the gold body, cut to it.
fn restrict(pred: &[String], gold: &[String]) -> Option<Vec<String>> {
    let g: Vec<char> = alnum(&gold.concat()).chars().collect();
    let p_all: Vec<Vec<char>> = pred.iter().map(|s| alnum(s).chars().collect()).collect();
    let joined: Vec<char> = p_all.concat();
    let probe = &g[..g.len().min(40)];
    let start =
        (0..=joined.len().saturating_sub(probe.len())).find(|&i| joined[i..].starts_with(probe))?;
    let mut out = Vec::new();
    let mut pos = 0;
    for s in &p_all {
        let end = pos + s.len();
        if end > start && pos < start + g.len() {
            let (a, b) = (pos.max(start), end.min(start + g.len()));
            out.push(joined[a..b].iter().collect());
        }
        pos = end;
    }
    Some(out)
}

fn names_of(name: &str, abbreviation: Option<&str>, aliases: &[String]) -> HashSet<String> {
    let mut out: HashSet<String> = aliases.iter().map(|a| norm(a)).collect();
    out.insert(norm(name));
    if let Some(a) = abbreviation {
        out.insert(norm(a));
    }
    out.remove("");
    out
}

fn words(s: &str) -> HashSet<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Greedy one-to-one matching of entities by any shared name; returns
/// (matched gold index, matched pred index) pairs.
fn match_entities(gold: &[HashSet<String>], pred: &[HashSet<String>]) -> Vec<(usize, usize)> {
    let mut used = HashSet::new();
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(j) = (0..pred.len()).find(|j| !used.contains(j) && !pred[*j].is_disjoint(g)) {
            used.insert(j);
            pairs.push((gi, j));
        }
    }
    pairs
}

/// Score records against gold files. Records are looked up by id, then by
/// the stem of their source.
pub fn score(records: &[DocRecord], golds: &[Gold]) -> Scores {
    let mut by_id: HashMap<String, &DocRecord> = HashMap::new();
    for r in records {
        by_id.insert(r.id.clone(), r);
        let stem = crate::input::stem(std::path::Path::new(&r.source));
        by_id.entry(stem).or_insert(r);
    }
    let mut s = Scores::default();
    for k in KINDS {
        s.kinds.insert(k, Prf::default());
    }
    let empty = DocRecord {
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
    };
    for g in golds {
        let rec = match by_id.get(&g.id) {
            Some(r) => *r,
            None => {
                s.missing.push(g.id.clone());
                &empty
            }
        };
        score_one(&mut s, rec, g);
    }
    s
}

fn score_one(s: &mut Scores, rec: &DocRecord, g: &Gold) {
    let text = norm(&rec.text);
    for b in &g.boilerplate_must_not_survive {
        let n = norm(b);
        s.boilerplate_leaked.add(!n.is_empty() && text.contains(&n));
    }
    for b in &g.body_must_survive {
        s.body_kept.add(text.contains(&norm(b)));
    }
    if let Some(t) = &g.title {
        let ok = rec
            .title
            .as_deref()
            .is_some_and(|p| norm(p).trim_matches('.') == norm(t).trim_matches('.'));
        s.title_ok.add(ok);
    }
    if let Some(p) = &g.published {
        s.published_ok
            .add(rec.published.as_deref() == Some(p.as_str()));
    }
    // Sentences.
    if !g.sentences.is_empty() {
        let pred: Vec<String> = rec.sentences.iter().map(|x| x.text.clone()).collect();
        let ps = restrict(&pred, &g.sentences).unwrap_or_default();
        let (gb, glen) = boundaries(g.sentences.iter().map(String::as_str));
        let (pb, _) = boundaries(ps.iter().map(String::as_str));
        let pb: HashSet<usize> = pb.into_iter().filter(|b| *b <= glen).collect();
        let tp = gb.intersection(&pb).count();
        s.kinds
            .get_mut("sentences")
            .unwrap()
            .add(tp, pb.len() - tp, gb.len() - tp);
    }
    // Dates.
    let gd: Vec<String> = g.dates.iter().map(|d| norm(&d.text)).collect();
    let ignored: HashSet<String> = g
        .dates_ignored
        .iter()
        .map(|d| {
            norm(
                d.get("text")
                    .and_then(|t| t.as_str())
                    .or(d.as_str())
                    .unwrap_or(""),
            )
        })
        .collect();
    let pd: Vec<String> = rec
        .dates
        .iter()
        .map(|d| norm(&d.text))
        .filter(|d| gd.contains(d) || !ignored.contains(d))
        .collect();
    let mut left: HashMap<&str, usize> = HashMap::new();
    for d in &gd {
        *left.entry(d).or_default() += 1;
    }
    let mut matched: HashSet<String> = HashSet::new();
    let mut tp = 0;
    for d in &pd {
        if let Some(n) = left.get_mut(d.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            tp += 1;
            matched.insert(d.clone());
        }
    }
    let fp = if g.dates_partial { 0 } else { pd.len() - tp };
    s.kinds.get_mut("dates").unwrap().add(tp, fp, gd.len() - tp);
    for k in &matched {
        let gv = g
            .dates
            .iter()
            .filter(|d| &norm(&d.text) == k)
            .map(|d| d.value.as_str());
        let pv = rec
            .dates
            .iter()
            .filter(|d| &norm(&d.text) == k)
            .map(|d| d.value.as_str());
        for (a, b) in gv.zip(pv) {
            s.date_value.add(a == b);
        }
    }
    let pvals: HashSet<&str> = rec.dates.iter().map(|d| d.value.as_str()).collect();
    for v in &g.dates_must_not_appear {
        s.boilerplate_dates_leaked.add(pvals.contains(v.as_str()));
    }
    // Entities.
    let entity_kinds: [(&str, &[GoldEntity], Vec<HashSet<String>>); 3] = [
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
    for (kind, gold, pred) in entity_kinds {
        let gn: Vec<HashSet<String>> = gold
            .iter()
            .map(|e| names_of(&e.name, e.abbreviation.as_deref(), &e.aliases))
            .collect();
        let pairs = match_entities(&gn, &pred);
        if kind == "agencies" {
            for &(gi, pj) in &pairs {
                if let Some(k) = &gold[gi].kind {
                    let pk = serde_json::to_value(rec.agencies[pj].kind).ok();
                    s.agency_kind
                        .add(pk.as_ref().and_then(|v| v.as_str()) == Some(k.as_str()));
                }
            }
        }
        let fp = if g.entities_partial {
            0
        } else {
            pred.len() - pairs.len()
        };
        s.kinds
            .get_mut(kind)
            .unwrap()
            .add(pairs.len(), fp, gold.len() - pairs.len());
    }
    // Speakers and tribunals resolve aliases through the gold agency list.
    let mut alias: HashMap<String, String> = HashMap::new();
    for a in &g.agencies {
        for n in names_of(&a.name, a.abbreviation.as_deref(), &a.aliases) {
            alias.insert(n, norm(&a.name));
        }
    }
    let canon = |x: &str| alias.get(&norm(x)).cloned().unwrap_or_else(|| norm(x));
    // Quotes: only direct quotes are scored.
    let terms: HashSet<String> = g.quotes_terms.iter().map(|t| norm_loose(t)).collect();
    let mut gq: HashMap<String, Vec<&GoldQuote>> = HashMap::new();
    for q in &g.quotes {
        gq.entry(norm_loose(&q.text)).or_default().push(q);
    }
    let mut taken: HashMap<String, usize> = HashMap::new();
    let (mut tp, mut fp) = (0, 0);
    for q in rec
        .quotes
        .iter()
        .filter(|q| q.kind == crate::record::QuoteKind::Direct)
    {
        let k = norm_loose(&q.text);
        let t = taken.entry(k.clone()).or_default();
        match gq.get(&k).and_then(|v| v.get(*t)) {
            Some(gold_q) => {
                *t += 1;
                tp += 1;
                let ok = match (&gold_q.speaker, &q.speaker) {
                    (Some(a), Some(b)) => canon(a) == canon(b),
                    _ => false,
                };
                s.speaker.add(ok);
            }
            None => {
                fp += 1;
                s.terms_as_quotes += terms.contains(&k) as u64;
            }
        }
    }
    let fp = if g.entities_partial { 0 } else { fp };
    s.kinds
        .get_mut("quotes")
        .unwrap()
        .add(tp, fp, g.quotes.len() - tp);
    // Holdings: containment or token overlap.
    let mut used = HashSet::new();
    let mut tp = 0;
    for h in &g.holdings {
        let ht = norm_loose(&h.text);
        let htok = words(&h.text);
        let found = rec.holdings.iter().enumerate().find(|(j, p)| {
            if used.contains(j) {
                return false;
            }
            let pt = norm_loose(&p.text);
            let ptok = words(&p.text);
            let union = htok.union(&ptok).count();
            let jac = if union > 0 {
                htok.intersection(&ptok).count() as f64 / union as f64
            } else {
                0.0
            };
            !pt.is_empty() && (ht.contains(&pt) || pt.contains(&ht) || jac >= 0.6)
        });
        if let Some((j, p)) = found {
            used.insert(j);
            tp += 1;
            let ok = match (&p.tribunal, &h.tribunal) {
                (Some(a), Some(b)) => canon(a) == canon(b),
                _ => false,
            };
            s.tribunal.add(ok);
        }
    }
    let fp = if g.entities_partial {
        0
    } else {
        rec.holdings.len() - used.len()
    };
    s.kinds
        .get_mut("holdings")
        .unwrap()
        .add(tp, fp, g.holdings.len() - tp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_ignores_space_case_quotes_and_emphasis() {
        assert_eq!(norm(" “The **BIA**  held” "), "thebiaheld");
        assert_eq!(norm_loose("“routinely tortured.”"), "routinelytortured");
        assert_eq!(norm("Guttentag’s"), "guttentag's");
    }

    #[test]
    fn prf_arithmetic() {
        let p = Prf {
            tp: 8,
            fp: 2,
            fn_: 0,
        };
        assert!((p.p() - 0.8).abs() < 1e-9);
        assert!((p.r() - 1.0).abs() < 1e-9);
        assert!((p.f1() - 2.0 * 0.8 / 1.8).abs() < 1e-9);
        assert_eq!(Prf::default().f1(), 0.0);
    }

    #[test]
    fn sentence_boundaries_are_restricted_to_the_gold_body() {
        let gold = vec!["One two.".to_string(), "Three four.".to_string()];
        let pred = vec![
            "Menu".to_string(),
            "One two.".to_string(),
            "Three".to_string(),
            "four.".to_string(),
        ];
        let ps = restrict(&pred, &gold).unwrap();
        let (gb, glen) = boundaries(gold.iter().map(String::as_str));
        let (pb, _) = boundaries(ps.iter().map(String::as_str));
        let pb: HashSet<usize> = pb.into_iter().filter(|b| *b <= glen).collect();
        assert_eq!(gb.intersection(&pb).count(), 2);
        assert_eq!(pb.len(), 3);
    }
}
