//! Accuracy benchmarking: records scored against gold files (`factum-gold/1`).
//!
//! - [`gold`]: the gold types, loading and validation (errors name the file
//!   and the field), and the JSON Schema of the format.
//! - [`score`](mod@score): matching, per document and over a set, with the
//!   status of every predicted and gold fact (match, miss, false alarm).
//! - [`report`]: the text table, the JSON summary and `--min-f1` gates.
//! - [`html`]: the self-contained visual report.
//! - [`run`](mod@run): the pipeline run that also keeps what the cleaner
//!   removed, for the report.
//!
//! Matching follows the project's annotation guidelines: facts are matched
//! by their text, whitespace-insensitively (NFKC, case, Markdown emphasis
//! and surrounding quotation marks ignored); agencies, facilities and
//! people by any of their names; holdings by containment or token overlap;
//! sentences by boundary positions in the letters-and-digits-only text,
//! restricted to the gold body. The numbers agree with the project's
//! reference scorer (`score_docs.py`), rounding included; see
//! [`report::to_json`].

use std::collections::BTreeMap;

use serde::Serialize;

pub mod gold;
pub mod html;
pub mod report;
pub mod run;
pub mod score;

pub use gold::{Gold, GoldDate, GoldEntity, GoldError, GoldHolding, GoldQuote};
pub use score::{evaluate, norm, norm_loose, score, DocEval, Evaluation, Mark};

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

    /// Precision (0 when nothing was predicted).
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp).unwrap_or(0.0)
    }

    /// Recall (0 when there is no gold).
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_).unwrap_or(0.0)
    }

    /// F1 (0 when precision and recall are both 0).
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

    fn merge(&mut self, o: Count) {
        self.ok += o.ok;
        self.total += o.total;
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

/// Scores over a set of documents (micro-averaged), or of one document.
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
    /// Agency kinds right, over matched agencies whose gold has a kind.
    pub agency_kind: Count,
    /// Gold terms reported as direct quotes.
    pub terms_as_quotes: u64,
    /// Gold documents scored.
    pub documents: u64,
    /// Gold ids with no record (or only an error record).
    pub missing: Vec<String>,
}

impl Scores {
    /// Empty scores with every kind present.
    pub fn new() -> Scores {
        Scores {
            kinds: KINDS.iter().map(|k| (*k, Prf::default())).collect(),
            ..Scores::default()
        }
    }

    /// The score of one kind.
    pub fn kind(&self, kind: &str) -> Prf {
        self.kinds.get(kind).copied().unwrap_or_default()
    }

    fn kind_mut(&mut self, kind: &'static str) -> &mut Prf {
        self.kinds.entry(kind).or_default()
    }

    /// Add another set's counts to these (micro-averaging).
    pub fn merge(&mut self, o: &Scores) {
        for (k, v) in &o.kinds {
            let mine = self.kind_mut(k);
            mine.tp += v.tp;
            mine.fp += v.fp;
            mine.fn_ += v.fn_;
        }
        self.boilerplate_leaked.merge(o.boilerplate_leaked);
        self.body_kept.merge(o.body_kept);
        self.title_ok.merge(o.title_ok);
        self.published_ok.merge(o.published_ok);
        self.boilerplate_dates_leaked
            .merge(o.boilerplate_dates_leaked);
        self.date_value.merge(o.date_value);
        self.speaker.merge(o.speaker);
        self.tribunal.merge(o.tribunal);
        self.agency_kind.merge(o.agency_kind);
        self.terms_as_quotes += o.terms_as_quotes;
        self.documents += o.documents;
        self.missing.extend(o.missing.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(Prf::default().p(), 0.0);
    }

    #[test]
    fn merge_adds_counts() {
        let mut a = Scores::new();
        a.kind_mut("dates").add(1, 2, 3);
        a.speaker.add(true);
        a.documents = 1;
        let mut b = a.clone();
        b.missing.push("x".into());
        a.merge(&b);
        assert_eq!(
            a.kind("dates"),
            Prf {
                tp: 2,
                fp: 4,
                fn_: 6
            }
        );
        assert_eq!(a.speaker, Count { ok: 2, total: 2 });
        assert_eq!(a.documents, 2);
        assert_eq!(a.missing, ["x"]);
        assert_eq!(Count::default().rate(), None);
    }
}
