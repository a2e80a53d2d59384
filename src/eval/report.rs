//! Reporting scores: the text table, the JSON summary and `--min-f1` gates.
//!
//! [`to_json`] writes one object with exactly the keys, key order, number
//! rounding (Python's `round(x, 4)`) and separators of the reference
//! scorer's `--json` line, so the two can be compared with `diff`. With
//! per-document figures it adds a `per_doc` array at the end.

use std::fmt::Write as _;
use std::io;

use serde::Serialize;

use super::{Count, Evaluation, Gold, Prf, Scores, KINDS};

/// `x` rounded to 4 decimals as Python's `round(x, 4)` does (on the exact
/// binary value, ties to even).
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

#[derive(Serialize)]
struct Row {
    p: f64,
    r: f64,
    f1: f64,
    tp: u64,
    fp: u64,
    #[serde(rename = "fn")]
    fn_: u64,
}

impl From<Prf> for Row {
    fn from(k: Prf) -> Row {
        Row {
            p: round4(k.p()),
            r: round4(k.r()),
            f1: round4(k.f1()),
            tp: k.tp,
            fp: k.fp,
            fn_: k.fn_,
        }
    }
}

fn rate(c: Count) -> Option<f64> {
    c.rate().map(round4)
}

#[derive(Serialize)]
struct Cleaning {
    boilerplate_leak: Option<f64>,
    body_kept: Option<f64>,
    title_ok: Option<f64>,
    published_ok: Option<f64>,
    boilerplate_dates_leak: Option<f64>,
}

#[derive(Serialize)]
struct Attributes {
    date_value_acc: Option<f64>,
    speaker_acc: Option<f64>,
    tribunal_acc: Option<f64>,
    agency_kind_acc: Option<f64>,
    terms_reported_as_quotes: u64,
}

#[derive(Serialize)]
struct Figures {
    sentences: Row,
    dates: Row,
    agencies: Row,
    facilities: Row,
    quotes: Row,
    holdings: Row,
    people: Row,
    cleaning: Cleaning,
    attributes: Attributes,
}

impl From<&Scores> for Figures {
    fn from(s: &Scores) -> Figures {
        Figures {
            sentences: s.kind("sentences").into(),
            dates: s.kind("dates").into(),
            agencies: s.kind("agencies").into(),
            facilities: s.kind("facilities").into(),
            quotes: s.kind("quotes").into(),
            holdings: s.kind("holdings").into(),
            people: s.kind("people").into(),
            cleaning: Cleaning {
                boilerplate_leak: rate(s.boilerplate_leaked),
                body_kept: rate(s.body_kept),
                title_ok: rate(s.title_ok),
                published_ok: rate(s.published_ok),
                boilerplate_dates_leak: rate(s.boilerplate_dates_leaked),
            },
            attributes: Attributes {
                date_value_acc: rate(s.date_value),
                speaker_acc: rate(s.speaker),
                tribunal_acc: rate(s.tribunal),
                agency_kind_acc: rate(s.agency_kind),
                terms_reported_as_quotes: s.terms_as_quotes,
            },
        }
    }
}

#[derive(Serialize)]
struct DocFigures<'a> {
    id: &'a str,
    #[serde(flatten)]
    figures: Figures,
    missing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary<'a> {
    #[serde(flatten)]
    figures: Figures,
    documents: u64,
    missing: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    per_doc: Option<Vec<DocFigures<'a>>>,
}

/// Formats JSON as Python's `json.dumps` does by default: `", "` and
/// `": "` separators, non-ASCII characters escaped as `\uXXXX`.
struct PyFormatter;

impl serde_json::ser::Formatter for PyFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if fragment.is_ascii() {
            return w.write_all(fragment.as_bytes());
        }
        let mut buf = [0u16; 2];
        for c in fragment.chars() {
            if c.is_ascii() {
                w.write_all(&[c as u8])?;
            } else {
                for unit in c.encode_utf16(&mut buf) {
                    write!(w, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }
}

/// The JSON summary (one line, no newline): the reference scorer's keys,
/// plus `per_doc` when `per_doc` is set.
pub fn to_json(e: &Evaluation, golds: &[Gold], per_doc: bool) -> String {
    let per = per_doc.then(|| {
        e.docs
            .iter()
            .map(|d| DocFigures {
                id: &golds[d.gold].id,
                figures: (&d.scores).into(),
                missing: d.record.is_none(),
                error: d.error.as_deref(),
            })
            .collect()
    });
    let summary = Summary {
        figures: (&e.total).into(),
        documents: e.total.documents,
        missing: &e.total.missing,
        per_doc: per,
    };
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PyFormatter);
    // Serializing plain structs into memory cannot fail.
    let _ = summary.serialize(&mut ser);
    String::from_utf8(out).unwrap_or_default()
}

fn count(c: Count) -> String {
    match c.rate() {
        Some(r) => format!("{}/{} ({:.3})", c.ok, c.total, r),
        None => "-".to_string(),
    }
}

/// The human-readable report: one row per fact kind, then cleaning and
/// attribute figures, then (with `per_doc`) F1 per document and kind.
pub fn to_text(e: &Evaluation, golds: &[Gold], per_doc: bool) -> String {
    let s = &e.total;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "documents: {}  missing: {}",
        s.documents,
        s.missing.len()
    );
    for d in e.docs.iter().filter(|d| d.record.is_none()) {
        let why = d.error.as_deref().unwrap_or("no record");
        let _ = writeln!(o, "  missing {}: {}", golds[d.gold].id, why);
    }
    let _ = writeln!(
        o,
        "\n{:<11} {:>6} {:>6} {:>6}   tp/fp/fn",
        "kind", "P", "R", "F1"
    );
    for k in KINDS {
        let v = s.kind(k);
        let _ = writeln!(
            o,
            "{k:<11} {:6.3} {:6.3} {:6.3}   {}/{}/{}",
            v.p(),
            v.r(),
            v.f1(),
            v.tp,
            v.fp,
            v.fn_
        );
    }
    let _ = writeln!(o, "\ncleaning");
    for (name, c) in [
        ("boilerplate strings that survived", s.boilerplate_leaked),
        ("body strings kept", s.body_kept),
        ("title right", s.title_ok),
        ("published right", s.published_ok),
        ("boilerplate dates extracted", s.boilerplate_dates_leaked),
    ] {
        let _ = writeln!(o, "  {name:<34} {}", count(c));
    }
    let _ = writeln!(o, "attributes (over matched facts)");
    for (name, c) in [
        ("date value", s.date_value),
        ("quote speaker", s.speaker),
        ("holding tribunal", s.tribunal),
        ("agency kind", s.agency_kind),
    ] {
        let _ = writeln!(o, "  {name:<34} {}", count(c));
    }
    let _ = writeln!(
        o,
        "  {:<34} {}",
        "terms reported as direct quotes", s.terms_as_quotes
    );
    if per_doc {
        let _ = write!(o, "\nF1 per document\n{:<28}", "id");
        for k in KINDS {
            let _ = write!(o, " {:>10}", k);
        }
        let _ = writeln!(o);
        for d in &e.docs {
            let id = &golds[d.gold].id;
            let _ = write!(o, "{id:<28}");
            for k in KINDS {
                let v = d.scores.kind(k);
                if v.tp + v.fp + v.fn_ == 0 {
                    let _ = write!(o, " {:>10}", "-");
                } else {
                    let _ = write!(o, " {:>10.3}", v.f1());
                }
            }
            let _ = writeln!(
                o,
                "{}",
                if d.record.is_none() {
                    "  (missing)"
                } else {
                    ""
                }
            );
        }
    }
    o
}

/// One `--min-f1` threshold.
#[derive(Clone, Debug, PartialEq)]
pub struct Gate {
    /// A name from [`KINDS`].
    pub kind: &'static str,
    /// The lowest acceptable F1.
    pub min: f64,
}

/// Parse `KIND=X[,KIND=Y]` (kinds from [`KINDS`], X between 0 and 1).
pub fn parse_gates(spec: &str) -> Result<Vec<Gate>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, x) = part
            .split_once('=')
            .ok_or_else(|| format!("{part:?}: expected KIND=F1, e.g. dates=0.9"))?;
        let kind = KINDS
            .iter()
            .find(|n| **n == k.trim())
            .ok_or_else(|| format!("{k:?}: unknown kind (one of {})", KINDS.join(", ")))?;
        let min: f64 = x
            .trim()
            .parse()
            .ok()
            .filter(|m: &f64| (0.0..=1.0).contains(m))
            .ok_or_else(|| format!("{part:?}: the F1 must be a number between 0 and 1"))?;
        out.push(Gate { kind, min });
    }
    if out.is_empty() {
        return Err("no KIND=F1 given".into());
    }
    Ok(out)
}

/// The gates that fail, as messages naming the kind and its F1 (rounded
/// as printed, so a printed 0.9000 passes a 0.9 gate).
pub fn check_gates(s: &Scores, gates: &[Gate]) -> Vec<String> {
    gates
        .iter()
        .filter_map(|g| {
            let k = s.kind(g.kind);
            let f1 = round4(k.f1());
            (f1 < g.min).then(|| {
                format!(
                    "{} F1 {f1:.4} is below {} (tp {} fp {} fn {})",
                    g.kind, g.min, k.tp, k.fp, k.fn_
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_pythons() {
        // Python: round(0.03125, 4) == 0.0312, round(2/3, 4) == 0.6667.
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.15625), 0.1562);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(1.0), 1.0);
    }

    #[test]
    fn json_has_the_reference_keys_in_order() {
        let e = Evaluation {
            total: {
                let mut s = Scores::new();
                s.kinds.insert(
                    "dates",
                    Prf {
                        tp: 2,
                        fp: 1,
                        fn_: 0,
                    },
                );
                s.documents = 1;
                s.missing.push("é".into());
                s
            },
            docs: vec![],
        };
        let j = to_json(&e, &[], false);
        assert!(j.starts_with(
            r#"{"sentences": {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}, "dates": {"p": 0.6667, "r": 1.0, "f1": 0.8, "tp": 2"#
        ), "{j}");
        assert!(j.contains(r#""cleaning": {"boilerplate_leak": null, "body_kept": null"#));
        assert!(
            j.contains(r#""terms_reported_as_quotes": 0}, "documents": 1, "missing": ["\u00e9"]}"#),
            "{j}"
        );
        assert!(!j.contains("per_doc"));
    }

    #[test]
    fn gates_parse_and_fail() {
        let g = parse_gates("dates=0.9, quotes=0.5").unwrap();
        assert_eq!(
            g[0],
            Gate {
                kind: "dates",
                min: 0.9
            }
        );
        assert!(parse_gates("date=0.9")
            .unwrap_err()
            .contains("unknown kind"));
        assert!(parse_gates("dates=2").is_err());
        assert!(parse_gates("dates").is_err());
        assert!(parse_gates("").is_err());
        let mut s = Scores::new();
        s.kinds.insert(
            "dates",
            Prf {
                tp: 8,
                fp: 2,
                fn_: 0,
            },
        );
        s.kinds.insert(
            "quotes",
            Prf {
                tp: 1,
                fp: 0,
                fn_: 0,
            },
        );
        let fails = check_gates(&s, &g);
        assert_eq!(fails.len(), 1);
        assert!(
            fails[0].starts_with("dates F1 0.8889 is below 0.9"),
            "{}",
            fails[0]
        );
    }
}
