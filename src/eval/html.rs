//! The visual report: one self-contained HTML page.
//!
//! On top, the summary table (per fact kind P, R, F1, tp/fp/fn), the
//! cleaning and attribute figures and a table of documents. Then, per
//! document, its clean text with every predicted and gold fact
//! highlighted by kind, as displaCy does: a match is filled with a solid
//! border, a miss (gold not found) has a dashed border and no fill, a
//! false alarm is struck through with a dotted red border, and a
//! prediction the scorer ignores has a thin dotted border. Hovering shows
//! the attributes (value, speaker, tribunal, kind) in the `title`. A
//! missed gold fact is placed where its text occurs in the clean text
//! (whitespace- and case-insensitively); one that does not occur is listed
//! below the text. Boilerplate the gold says must go but that the record
//! kept is greyed and struck; text the cleaner removed is not in a record,
//! and the page says so.
//!
//! The page has no script and loads nothing: styles are inline, and a
//! Content-Security-Policy forbids scripts and any fetch. Every piece of
//! document, record and gold text is HTML-escaped, attributes included, so
//! a scraped page cannot inject markup into the report.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::run::Removed;
use super::score::{kind_name, Detail, KindDetail};
use super::{norm, Count, Evaluation, Gold, Mark, Prf, Scores, KINDS};
use crate::record::{DocRecord, QuoteKind, Record};

/// Escape text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What a highlighted span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Holding,
    Quote,
    Date,
    Agency,
    Facility,
    Person,
    Boilerplate,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Holding => "k-holding",
            Kind::Quote => "k-quote",
            Kind::Date => "k-date",
            Kind::Agency => "k-agency",
            Kind::Facility => "k-facility",
            Kind::Person => "k-person",
            Kind::Boilerplate => "k-boilerplate",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Holding => "holding",
            Kind::Quote => "quote",
            Kind::Date => "date",
            Kind::Agency => "agency",
            Kind::Facility => "facility",
            Kind::Person => "person",
            Kind::Boilerplate => "boilerplate",
        }
    }
}

/// How a highlighted span fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Match,
    Miss,
    False,
    Unscored,
    Leak,
}

impl Status {
    fn of(m: Mark) -> Status {
        match m {
            Mark::Match => Status::Match,
            Mark::Miss => Status::Miss,
            Mark::FalseAlarm => Status::False,
            Mark::Unscored => Status::Unscored,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Status::Match => "m-match",
            Status::Miss => "m-miss",
            Status::False => "m-false",
            Status::Unscored => "m-unscored",
            Status::Leak => "m-leak",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Status::Match => "match",
            Status::Miss => "missed (gold not found)",
            Status::False => "false alarm",
            Status::Unscored => "not scored",
            Status::Leak => "boilerplate that survived cleaning",
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Status::Match => "",
            Status::Miss => " · miss",
            Status::False => " · false",
            Status::Unscored => " · n/s",
            Status::Leak => "",
        }
    }
}

/// A highlighted span: byte offsets into the clean text.
struct Ann {
    start: usize,
    end: usize,
    kind: Kind,
    status: Status,
    tip: String,
    fact: usize,
}

const QUOTE_MARKS: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»', '„'];

/// Finds gold strings in the clean text whitespace- and case-insensitively,
/// mapping matches back to byte ranges of the text.
struct Locator {
    norm: String,
    /// Per byte of `norm`: start and end byte of the text char it came from.
    src: Vec<(usize, usize)>,
}

fn squeeze(c: char, mut push: impl FnMut(char)) {
    match c {
        c if c.is_whitespace() || matches!(c, '*' | '_' | '`') => {}
        '’' | '‘' => push('\''),
        c => c.to_lowercase().for_each(push),
    }
}

impl Locator {
    fn new(text: &str) -> Locator {
        let mut norm = String::with_capacity(text.len());
        let mut src = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let e = i + c.len_utf8();
            squeeze(c, |l| {
                norm.push(l);
                src.extend(std::iter::repeat_n((i, e), l.len_utf8()));
            });
        }
        Locator { norm, src }
    }

    fn needle(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            squeeze(c, |l| out.push(l));
        }
        out.trim_matches(QUOTE_MARKS).to_string()
    }

    /// The first occurrence of `s` for which `free` holds, else the first.
    fn find(&self, s: &str, free: impl Fn(usize, usize) -> bool) -> Option<(usize, usize)> {
        let n = Locator::needle(s);
        if n.is_empty() {
            return None;
        }
        let mut first = None;
        for (p, _) in self.norm.match_indices(n.as_str()) {
            let (start, end) = (self.src[p].0, self.src[p + n.len() - 1].1);
            if free(start, end) {
                return Some((start, end));
            }
            first.get_or_insert((start, end));
        }
        first
    }
}

/// Builds the annotations of one document.
struct Doc<'a> {
    text: &'a str,
    /// Byte offset of each code point index (and of the end).
    bytes: Vec<usize>,
    anns: Vec<Ann>,
    bad_offsets: usize,
    unplaced: Vec<(Kind, String)>,
    loc: Option<Locator>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Doc<'a> {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        Doc {
            text,
            bytes,
            anns: vec![],
            bad_offsets: 0,
            unplaced: vec![],
            loc: None,
        }
    }

    /// Add a predicted span given in code points; bad offsets (from a
    /// foreign or edited record) are counted, not trusted.
    fn pred(&mut self, start: usize, end: usize, kind: Kind, status: Status, tip: String) {
        match (self.bytes.get(start), self.bytes.get(end)) {
            (Some(&s), Some(&e)) if s < e => {
                let fact = self.anns.len();
                self.anns.push(Ann {
                    start: s,
                    end: e,
                    kind,
                    status,
                    tip,
                    fact,
                });
            }
            _ => self.bad_offsets += 1,
        }
    }

    /// Place a gold string that no prediction matched.
    fn gold(&mut self, names: &[&str], kind: Kind, status: Status, tip: String) {
        let loc = self.loc.get_or_insert_with(|| Locator::new(self.text));
        let anns = &self.anns;
        let free = |s: usize, e: usize| {
            !anns
                .iter()
                .any(|a| a.kind == kind && a.start < e && s < a.end)
        };
        let found = names.iter().find_map(|n| loc.find(n, free));
        match found {
            Some((start, end)) => {
                let fact = self.anns.len();
                self.anns.push(Ann {
                    start,
                    end,
                    kind,
                    status,
                    tip,
                    fact,
                });
            }
            None => self
                .unplaced
                .push((kind, names.first().copied().unwrap_or("").to_string())),
        }
    }
}

fn opt(label: &str, v: Option<&str>) -> String {
    match v {
        Some(v) if !v.is_empty() => format!("\n{label}: {v}"),
        _ => String::new(),
    }
}

fn tip(kind: Kind, status: Status, text: &str, extra: String) -> String {
    format!("{} · {}\n“{}”{}", kind.label(), status.word(), text, extra)
}

/// Gold index per predicted index.
fn paired(d: &KindDetail) -> HashMap<usize, usize> {
    d.gold
        .iter()
        .enumerate()
        .filter_map(|(g, p)| p.map(|p| (p, g)))
        .collect()
}

fn annotate<'a>(rec: &'a DocRecord, g: &Gold, det: &Detail) -> Doc<'a> {
    let mut doc = Doc::new(&rec.text);
    let st =
        |d: &KindDetail, i: usize| Status::of(d.pred.get(i).copied().unwrap_or(Mark::Unscored));
    // Holdings and quotes first: long spans are drawn outermost.
    let pair = paired(&det.holdings);
    for (i, h) in rec.holdings.iter().enumerate() {
        let s = st(&det.holdings, i);
        let gold_t = pair
            .get(&i)
            .and_then(|&j| g.holdings[j].tribunal.as_deref());
        let extra = opt("tribunal", h.tribunal.as_deref())
            + &opt("date", h.date.as_deref())
            + &opt("gold tribunal", gold_t);
        doc.pred(
            h.start,
            h.end,
            Kind::Holding,
            s,
            tip(Kind::Holding, s, &h.text, extra),
        );
    }
    let pair = paired(&det.quotes);
    for (i, q) in rec.quotes.iter().enumerate() {
        let s = st(&det.quotes, i);
        let kind = match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Term => "term",
            QuoteKind::Title => "title",
        };
        let gold_s = pair.get(&i).and_then(|&j| g.quotes[j].speaker.as_deref());
        let extra = format!("\nkind: {kind}")
            + &opt("speaker", q.speaker.as_deref())
            + &opt("gold speaker", gold_s);
        doc.pred(
            q.start,
            q.end,
            Kind::Quote,
            s,
            tip(Kind::Quote, s, &q.text, extra),
        );
    }
    let pair = paired(&det.dates);
    for (i, d) in rec.dates.iter().enumerate() {
        let s = st(&det.dates, i);
        let gold_v = pair.get(&i).map(|&j| g.dates[j].value.as_str());
        let mut extra = format!("\nvalue: {}", d.value) + &opt("gold value", gold_v);
        if d.citation {
            extra.push_str("\ncitation year");
        }
        doc.pred(
            d.start,
            d.end,
            Kind::Date,
            s,
            tip(Kind::Date, s, &d.text, extra),
        );
    }
    let pair = paired(&det.agencies);
    for (i, a) in rec.agencies.iter().enumerate() {
        let s = st(&det.agencies, i);
        let gold_k = pair.get(&i).and_then(|&j| g.agencies[j].kind.as_deref());
        let extra = opt("name", Some(&a.name))
            + &opt("abbreviation", a.abbreviation.as_deref())
            + &format!("\nkind: {}", kind_name(a.kind))
            + &opt("gold kind", gold_k);
        for m in &a.mentions {
            let t = tip(Kind::Agency, s, &m.text, extra.clone());
            doc.pred(m.start, m.end, Kind::Agency, s, t);
        }
    }
    for (i, f) in rec.facilities.iter().enumerate() {
        let s = st(&det.facilities, i);
        let extra = opt("name", Some(&f.name))
            + &opt("location", f.location.as_deref())
            + &opt("kind", Some(&f.kind));
        for m in &f.mentions {
            let t = tip(Kind::Facility, s, &m.text, extra.clone());
            doc.pred(m.start, m.end, Kind::Facility, s, t);
        }
    }
    for (i, p) in rec.people.iter().enumerate() {
        let s = st(&det.people, i);
        let extra = opt("name", Some(&p.name))
            + &opt("title", p.title.as_deref())
            + &opt("organization", p.organization.as_deref())
            + &opt("role", p.role.as_deref());
        for m in &p.mentions {
            let t = tip(Kind::Person, s, &m.text, extra.clone());
            doc.pred(m.start, m.end, Kind::Person, s, t);
        }
    }
    // Gold facts no prediction matched.
    let miss = Status::Miss;
    for (h, _) in g
        .holdings
        .iter()
        .zip(&det.holdings.gold)
        .filter(|x| x.1.is_none())
    {
        let extra = opt("tribunal", h.tribunal.as_deref());
        doc.gold(
            &[&h.text],
            Kind::Holding,
            miss,
            tip(Kind::Holding, miss, &h.text, extra),
        );
    }
    for (q, _) in g
        .quotes
        .iter()
        .zip(&det.quotes.gold)
        .filter(|x| x.1.is_none())
    {
        let extra = opt("speaker", q.speaker.as_deref());
        doc.gold(
            &[&q.text],
            Kind::Quote,
            miss,
            tip(Kind::Quote, miss, &q.text, extra),
        );
    }
    for (d, _) in g
        .dates
        .iter()
        .zip(&det.dates.gold)
        .filter(|x| x.1.is_none())
    {
        let extra = format!("\nvalue: {}", d.value);
        doc.gold(
            &[&d.text],
            Kind::Date,
            miss,
            tip(Kind::Date, miss, &d.text, extra),
        );
    }
    for (kind, list, d) in [
        (Kind::Agency, &g.agencies, &det.agencies),
        (Kind::Facility, &g.facilities, &det.facilities),
        (Kind::Person, &g.people, &det.people),
    ] {
        for (e, _) in list.iter().zip(&d.gold).filter(|x| x.1.is_none()) {
            let mut names: Vec<&str> = vec![&e.name];
            names.extend(e.abbreviation.as_deref());
            names.extend(e.aliases.iter().map(String::as_str));
            let extra = opt("abbreviation", e.abbreviation.as_deref())
                + &opt("aliases", Some(&e.aliases.join("; ")))
                + &opt("kind", e.kind.as_deref());
            doc.gold(&names, kind, miss, tip(kind, miss, &e.name, extra));
        }
    }
    for (b, _) in g
        .boilerplate_must_not_survive
        .iter()
        .zip(&det.boilerplate_leaked)
        .filter(|x| *x.1)
    {
        let t = tip(Kind::Boilerplate, Status::Leak, b, String::new());
        doc.gold(&[b], Kind::Boilerplate, Status::Leak, t);
    }
    doc
}

/// Render the clean text with its annotations: the text is cut at every
/// annotation boundary and each piece is wrapped in the marks covering it,
/// longest outermost, so overlapping facts nest.
fn render_text(out: &mut String, doc: &Doc, removed: &[(usize, String)]) {
    let text = doc.text;
    let mut cuts: Vec<usize> = doc
        .anns
        .iter()
        .flat_map(|a| [a.start, a.end])
        .chain([0, text.len()])
        .chain(
            removed
                .iter()
                .map(|r| r.0)
                .filter(|&at| text.is_char_boundary(at)),
        )
        .collect();
    let mut gone = removed.iter().peekable();
    let mut emit_removed = |out: &mut String, upto: usize| {
        while let Some((_, t)) = gone.next_if(|r| r.0 <= upto) {
            let _ = write!(
                out,
                "<span class=\"removed\" title=\"removed by the cleaner\">{}</span>",
                escape(t)
            );
        }
    };
    cuts.sort_unstable();
    cuts.dedup();
    let mut order: Vec<usize> = (0..doc.anns.len()).collect();
    order.sort_by_key(|&i| doc.anns[i].start);
    let mut next = 0;
    let mut active: Vec<usize> = vec![];
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        emit_removed(out, a);
        active.retain(|&i| doc.anns[i].end > a);
        while next < order.len() && doc.anns[order[next]].start <= a {
            if doc.anns[order[next]].end > a {
                active.push(order[next]);
            }
            next += 1;
        }
        let mut here: Vec<&Ann> = active.iter().map(|&i| &doc.anns[i]).collect();
        here.sort_by(|x, y| {
            (y.end - y.start)
                .cmp(&(x.end - x.start))
                .then(x.kind.cmp(&y.kind))
                .then(x.fact.cmp(&y.fact))
        });
        for ann in &here {
            let last = ann.end == b;
            let _ = write!(
                out,
                "<mark class=\"f {} {}{}{}\" data-fact=\"{}\" title=\"{}\"",
                ann.kind.class(),
                ann.status.class(),
                if ann.start == a { " start" } else { "" },
                if last { " end" } else { "" },
                ann.fact,
                escape(&ann.tip)
            );
            if last {
                let _ = write!(
                    out,
                    " data-label=\"{}{}\"",
                    ann.kind.label(),
                    ann.status.suffix()
                );
            }
            out.push('>');
        }
        // Cuts are annotation boundaries, which are char boundaries.
        out.push_str(&escape(text.get(a..b).unwrap_or("")));
        for _ in &here {
            out.push_str("</mark>");
        }
    }
    emit_removed(out, usize::MAX);
}

const STYLE: &str = r#"
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em 2em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .6em 0 1em; }
th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: right; font-variant-numeric: tabular-nums; }
th:first-child, td:first-child { text-align: left; }
th { background: #f6f6f6; }
.bar { display: inline-block; height: .7em; background: #4c9be8; vertical-align: middle; }
.bar.r { background: #9bc53d; }
.note { color: #666; font-size: .9em; }
.legend mark.f { margin-right: .6em; }
.doc { margin-bottom: 3em; }
.text { white-space: pre-wrap; line-height: 2.3; border: 1px solid #e4e4e4; border-radius: 4px; padding: 1em 1.2em; background: #fcfcfc; overflow-wrap: anywhere; }
.k-date { --c: #bfe1d9; --d: #2a9d8f; }
.k-agency { --c: #a6e9f0; --d: #1d8fa3; }
.k-facility { --c: #fed59a; --d: #d9822b; }
.k-person { --c: #d2c9ff; --d: #6a4fd8; }
.k-quote { --c: #f9d3e3; --d: #c2477c; }
.k-holding { --c: #fff1a8; --d: #b59a00; }
.k-boilerplate { --c: #e6e6e6; --d: #999; }
mark.f { background: none; color: inherit; padding: 1px 2px; margin: 0 1px; border-radius: 4px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.m-match { background: var(--c); border: 2px solid var(--d); }
mark.m-miss { background: transparent; border: 2px dashed var(--d); }
mark.m-false { background: var(--c); border: 2px dotted #d00; text-decoration: line-through; text-decoration-color: #d00; text-decoration-thickness: 2px; }
mark.m-unscored { background: transparent; border: 1px dotted #999; }
mark.m-leak { background: #eee; color: #999; border: 1px solid #ccc; text-decoration: line-through; }
mark.f:not(.start) { border-left-width: 0; margin-left: 0; padding-left: 0; border-top-left-radius: 0; border-bottom-left-radius: 0; }
mark.f:not(.end) { border-right-width: 0; margin-right: 0; padding-right: 0; border-top-right-radius: 0; border-bottom-right-radius: 0; }
mark.k-holding, mark.k-quote { border-width: 0 0 3px 0; padding: 0; margin: 0; border-radius: 0; }
mark.k-holding.m-match, mark.k-quote.m-match { background: color-mix(in srgb, var(--c) 60%, transparent); }
mark.end::after { content: attr(data-label); font-size: .62em; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: var(--d); margin-left: .35em; vertical-align: .15em; text-decoration: none; display: inline-block; }
mark.m-false.end::after { color: #d00; }
.removed { color: #9a9a9a; background: #f1f1f1; font-size: .9em; }
ul.unplaced li { margin: .2em 0; }
.bad { color: #b00; }
.ok { color: #080; }
"#;

fn bar(x: f64, class: &str) -> String {
    format!(
        "<span class=\"bar{class}\" style=\"width:{:.0}px\"></span>",
        (x * 120.0).clamp(0.0, 120.0)
    )
}

fn kind_rows(out: &mut String, s: &Scores) {
    out.push_str(
        "<table class=\"kinds\"><thead><tr><th>kind</th><th>P</th><th>R</th><th>F1</th><th></th>\
         <th>tp</th><th>fp</th><th>fn</th></tr></thead><tbody>\n",
    );
    for k in KINDS {
        let v: Prf = s.kind(k);
        if v.tp + v.fp + v.fn_ == 0 {
            let _ = writeln!(
                out,
                "<tr class=\"kind\" data-kind=\"{k}\"><td>{k}</td><td>–</td><td>–</td><td>–</td>\
                 <td></td><td>0</td><td>0</td><td>0</td></tr>"
            );
            continue;
        }
        let _ = writeln!(
            out,
            "<tr class=\"kind\" data-kind=\"{k}\"><td>{k}</td><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            v.p(),
            v.r(),
            v.f1(),
            bar(v.f1(), ""),
            v.tp,
            v.fp,
            v.fn_
        );
    }
    out.push_str("</tbody></table>\n");
}

fn count_cell(c: Count) -> String {
    match c.rate() {
        Some(r) => format!("{}/{} ({:.3})", c.ok, c.total, r),
        None => "–".into(),
    }
}

fn extra_rows(out: &mut String, s: &Scores) {
    out.push_str("<table class=\"figures\"><tbody>\n");
    let rows = [
        (
            "boilerplate strings that survived",
            count_cell(s.boilerplate_leaked),
        ),
        ("body strings kept", count_cell(s.body_kept)),
        ("title right", count_cell(s.title_ok)),
        ("published right", count_cell(s.published_ok)),
        (
            "boilerplate dates extracted",
            count_cell(s.boilerplate_dates_leaked),
        ),
        ("date value accuracy", count_cell(s.date_value)),
        ("quote speaker accuracy", count_cell(s.speaker)),
        ("holding tribunal accuracy", count_cell(s.tribunal)),
        ("agency kind accuracy", count_cell(s.agency_kind)),
        (
            "terms reported as direct quotes",
            s.terms_as_quotes.to_string(),
        ),
    ];
    for (name, v) in rows {
        let _ = writeln!(out, "<tr><td>{name}</td><td>{}</td></tr>", escape(&v));
    }
    out.push_str("</tbody></table>\n");
}

const LEGEND: &str = "<p class=\"legend\">\
<mark class=\"start end f k-date m-match start end\">match</mark>\
<mark class=\"start end f k-date m-miss\">missed gold</mark>\
<mark class=\"start end f k-date m-false\">false alarm</mark>\
<mark class=\"start end f k-date m-unscored\">not scored</mark>\
<mark class=\"start end f k-boilerplate m-leak\">boilerplate kept</mark>\
&nbsp; kinds: <mark class=\"start end f k-date m-match\">date</mark>\
<mark class=\"start end f k-agency m-match\">agency</mark>\
<mark class=\"start end f k-facility m-match\">facility</mark>\
<mark class=\"start end f k-person m-match\">person</mark>\
<mark class=\"start end f k-quote m-match\">quote</mark>\
<mark class=\"start end f k-holding m-match\">holding</mark></p>";

/// The whole report page. `removed` holds, per record, the text the
/// cleaner removed (see [`super::run`]); it may be empty (saved records
/// do not keep it).
pub fn render(e: &Evaluation, golds: &[Gold], records: &[Record], removed: &[Removed]) -> String {
    let mut out = String::with_capacity(1 << 16);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>factum eval report</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style></head><body>\n<h1>factum eval</h1>\n");
    let s = &e.total;
    let _ = writeln!(
        out,
        "<p class=\"note\">{} gold documents, {} missing{}.</p>",
        s.documents,
        s.missing.len(),
        if s.missing.is_empty() {
            String::new()
        } else {
            format!(" ({})", escape(&s.missing.join(", ")))
        }
    );
    out.push_str("<section id=\"summary\"><h2>Summary</h2>\n");
    kind_rows(&mut out, s);
    extra_rows(&mut out, s);
    out.push_str("<h3>F1 per document</h3><table class=\"docs\"><thead><tr><th>document</th>");
    for k in KINDS {
        let _ = write!(out, "<th>{k}</th>");
    }
    out.push_str("</tr></thead><tbody>\n");
    for (n, d) in e.docs.iter().enumerate() {
        let id = escape(&golds[d.gold].id);
        let _ = write!(
            out,
            "<tr class=\"doc-row\"><td><a href=\"#doc-{n}\">{id}</a>"
        );
        if d.record.is_none() {
            out.push_str(" <span class=\"bad\">missing</span>");
        }
        out.push_str("</td>");
        for k in KINDS {
            let v = d.scores.kind(k);
            if v.tp + v.fp + v.fn_ == 0 {
                out.push_str("<td>–</td>");
            } else {
                let _ = write!(out, "<td>{:.3}</td>", v.f1());
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></section>\n<h2>Documents, facts highlighted</h2>\n");
    out.push_str(LEGEND);
    out.push_str(if removed.iter().any(|r| !r.is_empty()) {
        "<p class=\"note\">Hover a highlight for its attributes. Text the cleaner removed \
         is shown <span class=\"removed\">greyed like this</span> where it was cut. \
         Boilerplate strings of the gold that survived cleaning are greyed and struck \
         through.</p>\n"
    } else {
        "<p class=\"note\">Hover a highlight for its attributes. Text the cleaner removed \
         is not shown: a factum/1 record keeps only the clean text (run factum eval on the \
         input documents rather than --pred to see it). Boilerplate strings of the gold \
         that survived cleaning are shown greyed and struck through.</p>\n"
    });
    let empty_detail = Detail::default();
    for (n, d) in e.docs.iter().enumerate() {
        let g = &golds[d.gold];
        let rec = d.record.and_then(|i| match records.get(i) {
            Some(Record::Doc(r)) => Some(&**r),
            _ => None,
        });
        let _ = writeln!(
            out,
            "<section class=\"doc\" id=\"doc-{n}\"><h2>{}</h2>",
            escape(&g.id)
        );
        let Some(rec) = rec else {
            let why = d
                .error
                .as_deref()
                .unwrap_or("no record has this id or source stem");
            let _ = writeln!(
                out,
                "<p class=\"bad missing\">Missing: {}. All its gold facts count as misses.</p></section>",
                escape(why)
            );
            continue;
        };
        let _ = writeln!(out, "<p class=\"note\">source: {}</p>", escape(&rec.source));
        kind_rows(&mut out, &d.scores);
        title_lines(&mut out, rec, g);
        let det = if d.detail.dates.pred.len() == rec.dates.len() {
            &d.detail
        } else {
            &empty_detail
        };
        lost_body(&mut out, g, det);
        let doc = annotate(rec, g, det);
        out.push_str("<div class=\"text\">");
        let gone = d
            .record
            .and_then(|i| removed.get(i))
            .map_or(&[][..], Vec::as_slice);
        render_text(&mut out, &doc, gone);
        out.push_str("</div>\n");
        if doc.bad_offsets > 0 {
            let _ = writeln!(
                out,
                "<p class=\"bad\">{} predicted spans had offsets outside the text and are not shown.</p>",
                doc.bad_offsets
            );
        }
        if !doc.unplaced.is_empty() {
            out.push_str(
                "<p>Gold facts not found in the clean text (all missed):</p><ul class=\"unplaced\">\n",
            );
            for (k, t) in &doc.unplaced {
                let _ = writeln!(
                    out,
                    "<li><mark class=\"f {} {}\">{}</mark> <span class=\"note\">{}</span></li>",
                    k.class(),
                    if *k == Kind::Boilerplate {
                        "m-leak"
                    } else {
                        "m-miss"
                    },
                    escape(t),
                    k.label()
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body></html>\n");
    out
}

fn title_lines(out: &mut String, rec: &DocRecord, g: &Gold) {
    let line = |out: &mut String, name: &str, got: Option<&str>, want: Option<&str>, ok: bool| {
        let Some(want) = want.filter(|w| !w.is_empty()) else {
            return;
        };
        let _ = writeln!(
            out,
            "<p class=\"meta\">{name}: <span class=\"{}\">{}</span> {}</p>",
            if ok { "ok" } else { "bad" },
            escape(got.unwrap_or("(none)")),
            if ok {
                "✓".to_string()
            } else {
                format!("≠ gold {}", escape(want))
            }
        );
    };
    let t_ok = g.title.as_deref().is_some_and(|t| {
        norm(rec.title.as_deref().unwrap_or("")).trim_matches('.') == norm(t).trim_matches('.')
    });
    line(out, "title", rec.title.as_deref(), g.title.as_deref(), t_ok);
    let p_ok = rec.published.is_some() && rec.published == g.published;
    line(
        out,
        "published",
        rec.published.as_deref(),
        g.published.as_deref(),
        p_ok,
    );
}

fn lost_body(out: &mut String, g: &Gold, det: &Detail) {
    let lost: Vec<&String> = g
        .body_must_survive
        .iter()
        .zip(&det.body_kept)
        .filter(|x| !*x.1)
        .map(|x| x.0)
        .collect();
    if lost.is_empty() {
        return;
    }
    out.push_str("<p class=\"bad\">Body text the cleaner lost:</p><ul class=\"lost\">\n");
    for b in lost {
        let _ = writeln!(out, "<li>{}</li>", escape(b));
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::evaluate;

    fn gold(json: &str) -> Gold {
        crate::eval::gold::parse(std::path::Path::new("t"), json).unwrap()
    }

    /// A record with two dates (one right, one a false alarm) in `text`.
    fn record(text: &str) -> Record {
        let at = |t: &str| text.find(t).map(|b| text[..b].chars().count()).unwrap();
        let date = |t: &str, v: &str| {
            serde_json::json!({"text": t, "value": v, "granularity": "day",
                "start": at(t), "end": at(t) + t.chars().count(), "sentence": 0})
        };
        let v = serde_json::json!({
            "schema": "factum/1", "id": "d", "source": "d.txt", "format": "text",
            "text": text, "sentences": [],
            "dates": [date("July 19, 2006", "2006-07-19"), date("August 2005", "2005-08")],
            "agencies": [], "facilities": [], "quotes": [], "holdings": [], "people": [],
            "stats": {"input_bytes": 1, "removed_chars": 0}});
        Record::Doc(Box::new(serde_json::from_value(v).unwrap()))
    }

    #[test]
    fn escape_covers_markup_and_attributes() {
        assert_eq!(
            escape(r#"<script>"a"&'b'</script>"#),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn locator_is_space_and_case_insensitive() {
        let text = "We met on\nJuly  19, 2006 and on july 19, 2006.";
        let loc = Locator::new(text);
        let (s, e) = loc.find("July 19, 2006", |_, _| true).unwrap();
        assert_eq!(&text[s..e], "July  19, 2006");
        let (s2, e2) = loc.find("july 19,2006", |s, _| s > 20).unwrap();
        assert_eq!(&text[s2..e2], "july 19, 2006");
        assert!(loc.find("August", |_, _| true).is_none());
        assert!(loc.find("  ", |_, _| true).is_none());
    }

    #[test]
    fn overlapping_spans_nest_and_text_is_escaped() {
        let mut doc = Doc::new("a <b> c d");
        doc.pred(0, 9, Kind::Holding, Status::Match, "h".into());
        doc.pred(2, 5, Kind::Date, Status::False, "x\"y".into());
        doc.pred(4, 7, Kind::Agency, Status::Miss, "z".into());
        doc.pred(3, 99, Kind::Agency, Status::Match, "bad".into());
        assert_eq!(doc.bad_offsets, 1);
        let mut out = String::new();
        render_text(&mut out, &doc, &[(2, "<nav>".into()), (9, "end".into())]);
        assert!(out.starts_with("<mark"), "{out}");
        assert!(
            out.contains(
                "<span class=\"removed\" title=\"removed by the cleaner\">&lt;nav&gt;</span>"
            ),
            "{out}"
        );
        assert!(
            out.ends_with(
                "</mark><span class=\"removed\" title=\"removed by the cleaner\">end</span>"
            ),
            "{out}"
        );
        assert!(!out.contains("<b>"), "{out}");
        assert!(out.contains("&lt;b"), "{out}");
        assert!(out.contains("title=\"x&quot;y\""), "{out}");
        assert_eq!(out.matches("<mark").count(), out.matches("</mark>").count());
        // The holding wraps every piece: it is cut into 5 pieces.
        assert_eq!(out.matches("k-holding").count(), 5);
        assert_eq!(out.matches("data-label=\"holding\"").count(), 1);
        assert_eq!(out.matches("data-label=\"date · false\"").count(), 1);
    }

    #[test]
    fn report_marks_matches_misses_and_false_alarms() {
        let rec = record(
            "On July 19, 2006, and in August 2005, the court ruled. Donate now <script>x</script>",
        );
        let g = gold(
            r#"{"schema": "factum-gold/1", "id": "d",
                "dates": [{"text": "July 19, 2006", "value": "2006-07-19"},
                          {"text": "the court", "value": "2001"}],
                "boilerplate_must_not_survive": ["Donate now"]}"#,
        );
        let golds = vec![g];
        let records = vec![rec];
        let e = evaluate(&records, &golds);
        let html = render(&e, &golds, &records, &[]);
        let dates = e.total.kind("dates");
        assert_eq!((dates.tp, dates.fp, dates.fn_), (1, 1, 1));
        assert!(html.contains("k-date m-match"));
        assert!(
            html.contains("k-date m-miss"),
            "the gold-only date is placed"
        );
        assert!(html.contains("k-boilerplate m-leak"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert_eq!(html.matches("<section class=\"doc\"").count(), 1);
        assert_eq!(html.matches("<tr class=\"kind\"").count(), 2 * KINDS.len());
    }
}
