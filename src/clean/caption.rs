//! The header of a court decision: court, caption, counsel, panel, docket.
//!
//! A decision prints above its text the court's name, the caption (the
//! parties with their designations, joined by a `v` line), the counsel
//! lines, the judges of the panel and the docket number. These lines are
//! short and not sentences, so the body's region does not reach them, yet
//! they are the decision's own text: they name its parties, lawyers, judges
//! and court. Reporter and site lines are printed among them (`Published
//! by …`, `As corrected through …`, citation and topic lines).
//!
//! [`Captions::header`] walks back from the body's first block and picks
//! the blocks of those shapes (vocabulary in `patterns/caption.tsv`):
//! boilerplate, date lines (the date goes to `published`), page markers
//! (`[*1]`) and rule lines are passed over and dropped; two other blocks in
//! a row end the header. Nothing is kept unless a caption line with a
//! party designation (`…, Appellant.`) is among the picked blocks, so a
//! page that only mentions a court keeps nothing more.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::score::Block;
use crate::error::Result;
use crate::patterns::Patterns;

const FILE: &str = "caption.tsv";

/// Blocks before the body searched for the decision's header.
const WINDOW: usize = 24;
/// Other blocks in a row (a title, a citation line) that end the header.
const MAX_OTHER: usize = 2;
/// Longest block (bytes) that can be a header line.
const MAX_LINE: usize = 400;

/// The shape of one header line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    /// `Teon Seymore, Appellant.`
    Party,
    /// `v`, `-against-`.
    Joiner,
    /// `X, Center for …, New York (Y of counsel), for appellant.`
    Counsel,
    /// `Appellate Division, First Department`.
    Court,
    /// `Present: …`, `Linda Christopher, J.P.`, `Helen Voutsinas, JJ.`
    Panel,
    /// A bare name between panel lines: `William G. Ford`.
    Name,
    /// `2020-09425, (Index No. 707503/15)`.
    Docket,
    /// Passed over and dropped: boilerplate, dates, page markers.
    Skip,
    /// Anything else.
    Other,
}

/// The compiled caption vocabulary.
#[derive(Debug)]
pub struct Captions {
    parties: Vec<String>,
    joiners: HashSet<String>,
    counsel: Phrases,
    courts: HashSet<String>,
    panels: HashSet<String>,
    judges: Vec<String>,
    dockets: Phrases,
}

impl Captions {
    /// Compile `patterns/caption.tsv`.
    pub fn new(patterns: &Patterns) -> Result<Captions> {
        let mut parties = Vec::new();
        let mut joiners = HashSet::new();
        let mut counsel = Vec::new();
        let mut courts = HashSet::new();
        let mut panels = HashSet::new();
        let mut judges = Vec::new();
        let mut dockets = Vec::new();
        for (line, cols) in patterns.rows(FILE) {
            let [kind, entry] = cols[..] else {
                return Err(Patterns::error(FILE, line, "expected KIND<TAB>ENTRY"));
            };
            if entry.is_empty() {
                return Err(Patterns::error(FILE, line, "empty entry"));
            }
            let lower = entry.to_lowercase();
            match kind {
                "party" => parties.push(lower.trim_end_matches('.').to_string()),
                "joiner" => {
                    joiners.insert(lower);
                }
                "counsel" => counsel.push(lower),
                "court" => {
                    courts.insert(lower);
                }
                "panel" => {
                    panels.insert(lower);
                }
                "judge" => judges.push(entry.to_string()),
                "docket" => dockets.push(lower),
                _ => {
                    return Err(Patterns::error(
                        FILE,
                        line,
                        format!("unknown kind {kind:?}"),
                    ))
                }
            }
        }
        // `for appellant`, `for the respondents`.
        for p in &parties {
            counsel.push(format!("for {p}"));
            counsel.push(format!("for the {p}"));
        }
        Ok(Captions {
            parties,
            joiners,
            counsel: Phrases::new(&counsel)?,
            courts,
            panels,
            judges,
            dockets: Phrases::new(&dockets)?,
        })
    }

    /// The blocks before `start` (the body's first block) that are the
    /// decision's header, in order; empty when no line bears a party
    /// designation.
    pub fn header(&self, raw: &str, blocks: &[Block], start: usize) -> Vec<usize> {
        let mut picked: Vec<(usize, Line)> = Vec::new();
        let mut others = 0;
        let from = start.min(blocks.len());
        for i in (from.saturating_sub(WINDOW)..from).rev() {
            let b = &blocks[i];
            if b.barrier {
                break;
            }
            let text = raw.get(b.range.clone()).unwrap_or("");
            let mut line = self.classify(b, text);
            let next = picked.last().filter(|(j, _)| *j == i + 1).map(|p| p.1);
            if line == Line::Other && is_name(text) {
                // A bare name belongs to the panel when the line after it
                // is a judge's line or another name of the panel.
                if matches!(next, Some(Line::Panel | Line::Name)) {
                    line = Line::Name;
                }
            }
            if line == Line::Other && matches!(next, Some(Line::Party)) && text.ends_with(',') {
                // `JOHN DOE,` above its designation `Plaintiff-Appellant,`.
                line = Line::Party;
            }
            match line {
                Line::Skip => continue,
                Line::Other => {
                    others += 1;
                    if others >= MAX_OTHER {
                        break;
                    }
                }
                _ => {
                    others = 0;
                    picked.push((i, line));
                }
            }
        }
        if !picked.iter().any(|(_, l)| *l == Line::Party) {
            return Vec::new();
        }
        picked.reverse();
        picked.into_iter().map(|(i, _)| i).collect()
    }

    /// The shape of one block.
    fn classify(&self, b: &Block, text: &str) -> Line {
        if b.boiler || b.strong || b.date || b.rule || page_marker(text) {
            return Line::Skip;
        }
        if text.len() > MAX_LINE || b.teaser || b.listing {
            return Line::Other;
        }
        let lower = text.to_lowercase();
        if self.joiners.contains(lower.as_str()) {
            return Line::Joiner;
        }
        if self.counsel(&lower) {
            return Line::Counsel;
        }
        if self.party(self.without_joiners(&lower)) {
            return Line::Party;
        }
        if self.panel(text, &lower) {
            return Line::Panel;
        }
        if self.docket(b, &lower) {
            return Line::Docket;
        }
        if self.court(b, text) {
            return Line::Court;
        }
        Line::Other
    }

    /// `lower` without a joiner line at its start or end (a party line
    /// that a reader joined with the `v` line next to it).
    fn without_joiners<'a>(&self, lower: &'a str) -> &'a str {
        let mut t = lower.trim();
        if let Some((head, last)) = t.rsplit_once('\n') {
            if self.joiners.contains(last.trim()) {
                t = head.trim_end();
            }
        }
        if let Some((first, rest)) = t.split_once('\n') {
            if self.joiners.contains(first.trim()) {
                t = rest.trim_start();
            }
        }
        t
    }

    /// `X, Appellant.`, `Acme LLC, respondent, et al., defendant.`
    /// A designation on a line of its own (`Plaintiff-Appellant,`,
    /// `Respondent`) counts too.
    fn party(&self, lower: &str) -> bool {
        let t = lower.trim_end_matches(['.', ',', ';', ':', ' ']);
        self.parties.iter().any(|p| {
            t.strip_suffix(p.as_str()).is_some_and(|head| {
                head.trim().is_empty() || (lower.contains(',') && head.ends_with([' ', ',']))
            })
        })
    }

    /// `(Y of counsel)`, `for appellant`, `for the respondents`.
    fn counsel(&self, lower: &str) -> bool {
        self.counsel.any_in(lower)
    }

    /// `Present: …`, `Before: …`, or a line ending with a judicial title
    /// after a name (`Linda Christopher, J.P.`, `Roe, Poe, JJ.`).
    fn panel(&self, text: &str, lower: &str) -> bool {
        if let Some((head, _)) = lower.split_once(':') {
            if self.panels.contains(head.trim()) {
                return true;
            }
        }
        let t = text.trim_end_matches([',', ';', ' ']);
        self.judges.iter().any(|j| {
            t.strip_suffix(j.as_str())
                .is_some_and(|head| head.ends_with(", ") || head.ends_with(','))
        })
    }

    /// A short line with digits and a docket label: `Index No. 707503/15`.
    fn docket(&self, b: &Block, lower: &str) -> bool {
        b.words <= 12 && lower.bytes().any(|c| c.is_ascii_digit()) && self.dockets.any_in(lower)
    }

    /// A short capitalised line without digits or sentence punctuation
    /// (a closing full stop is allowed, as reporters print court lines)
    /// that holds a court noun in capitals: `Appellate Division, First
    /// Department`, `SUPREME COURT OF THE STATE OF NEW YORK`, `United
    /// States Court of Appeals, Sixth Circuit.`.
    fn court(&self, b: &Block, text: &str) -> bool {
        if !(2..=16).contains(&b.words)
            || b.lower > 0.4
            || text.bytes().any(|c| c.is_ascii_digit())
            || text.ends_with(['!', '?', ';', ':'])
            || !text.chars().next().is_some_and(char::is_uppercase)
        {
            return false;
        }
        text.split(|c: char| !c.is_alphanumeric()).any(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && self.courts.contains(w.to_lowercase().as_str())
        })
    }
}

/// Lower-case phrases looked for together in one pass over a line
/// (Aho-Corasick, compiled once), each found only as whole words.
#[derive(Debug)]
struct Phrases {
    automaton: AhoCorasick,
    /// Per phrase: whether it starts and ends with a letter or digit (an
    /// edge is needed there only).
    edges: Vec<(bool, bool)>,
}

impl Phrases {
    fn new(phrases: &[String]) -> Result<Phrases> {
        // Few short lines are searched per page: a contiguous NFA, quick
        // to build, is fast enough.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(phrases)
            .map_err(|e| Patterns::error(FILE, 0, e.to_string()))?;
        let edges = phrases
            .iter()
            .map(|p| {
                (
                    p.starts_with(char::is_alphanumeric),
                    p.ends_with(char::is_alphanumeric),
                )
            })
            .collect();
        Ok(Phrases { automaton, edges })
    }

    /// Whether a phrase occurs in `text` with no letter or digit on
    /// either side.
    fn any_in(&self, text: &str) -> bool {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.automaton.find_overlapping_iter(text).any(|m| {
            let (starts, ends) = self.edges[m.pattern().as_usize()];
            let before = text.get(..m.start()).and_then(|t| t.chars().next_back());
            let after = text.get(m.end()..).and_then(|t| t.chars().next());
            (!starts || !alnum(before)) && (!ends || !alnum(after))
        })
    }
}

/// A star-paging marker of a reporter: `[*1]`, `[**12]`.
fn page_marker(text: &str) -> bool {
    text.len() <= 8
        && text.starts_with('[')
        && text.ends_with(']')
        && text.bytes().any(|c| c.is_ascii_digit())
}

/// A bare name: two to four capitalised words, no digits, no sentence
/// punctuation but initials (`William G. Ford`).
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && (!w.ends_with('.') || w.chars().count() <= 3)
        })
        && !text
            .bytes()
            .any(|c| c.is_ascii_digit() || matches!(c, b',' | b':' | b';'))
}

#[cfg(test)]
mod tests {
    use super::super::{blocks, meta::DateFinder, score, vocab::Vocabulary};
    use super::*;

    fn header(raw: &str) -> Vec<String> {
        let p = Patterns::builtin();
        let bs = score::analyze(
            raw,
            blocks::split(raw, false, &[]),
            &Vocabulary::new(&p).unwrap(),
            &DateFinder::new(),
        );
        let start = bs.iter().position(|b| b.prose && b.words > 20).unwrap();
        Captions::new(&p)
            .unwrap()
            .header(raw, &bs, start)
            .into_iter()
            .map(|i| raw[bs[i].range.clone()].to_string())
            .collect()
    }

    const BODY: &str = "The order is affirmed because the court below properly weighed the evidence and applied the correct standard to the claims of both sides, as the record shows.";

    #[test]
    fn caption_counsel_court_and_panel_are_picked_chrome_is_not() {
        let raw = format!(
            "Doe v Roe\nMarch 3, 2025\nCourt of Appeals, Third District\nPublished by the Example Reporter\n[*1]\nJane Doe, Petitioner-Appellant,\nv\nRichard Roe, Respondent.\nAnn Lee, Legal Aid Office, Springfield (Bo Park of counsel), for appellant.\nDocket No. 2024-117\nPresent: Smith, P.J.\nTom Green\nAmy Brown, JJ.\n{BODY}\n"
        );
        assert_eq!(
            header(&raw),
            [
                "Court of Appeals, Third District",
                "Jane Doe, Petitioner-Appellant,",
                "v",
                "Richard Roe, Respondent.",
                "Ann Lee, Legal Aid Office, Springfield (Bo Park of counsel), for appellant.",
                "Docket No. 2024-117",
                "Present: Smith, P.J.",
                "Tom Green",
                "Amy Brown, JJ.",
            ]
        );
    }

    #[test]
    fn designation_lines_and_party_names_above_them() {
        let raw = format!(
            "UNITED STATES COURT OF APPEALS\nFOR THE NINTH CIRCUIT\nJOHN DOE,\nPlaintiff-Appellant,\nv.\nACME CORP.,\nDefendant-Appellee.\nNo. 21-12345\nOPINION\nBefore: SMITH, JONES, and LEE, Circuit Judges.\n{BODY}\n"
        );
        assert_eq!(
            header(&raw),
            [
                "UNITED STATES COURT OF APPEALS",
                "FOR THE NINTH CIRCUIT",
                "JOHN DOE,",
                "Plaintiff-Appellant,",
                "v.",
                "ACME CORP.,",
                "Defendant-Appellee.",
                "No. 21-12345",
                "Before: SMITH, JONES, and LEE, Circuit Judges.",
            ]
        );
    }

    #[test]
    fn no_caption_no_header() {
        // A court line and names before an article are not a decision's
        // header without a caption.
        let raw = format!("Supreme Court of Ohio\nNews Desk\nJohn Smith, J.\n{BODY}\n");
        assert!(header(&raw).is_empty());
    }

    #[test]
    fn two_other_lines_end_the_header() {
        let raw = format!(
            "Acme Inc., Plaintiff,\nv.\nBeta LLC, Defendant.\nOur Latest Stories\nFive Reasons To Visit\nFrontier County Court\n{BODY}\n"
        );
        // The court line is picked, but the caption lies beyond two other
        // lines: no caption, no header.
        assert!(header(&raw).is_empty());
    }

    #[test]
    fn shapes() {
        let c = Captions::new(&Patterns::builtin()).unwrap();
        assert!(c.party("acme llc, respondent, et al., defendant."));
        assert!(c.party("teon seymore, appellant."));
        assert!(!c.party("the appellant"));
        assert!(c.party(c.without_joiners("the people, respondent,\nv")));
        assert!(c.party(c.without_joiners("v.\nteon seymore, appellant.")));
        assert!(!c.party(c.without_joiners("v\nthe appellant")));
        assert!(c.counsel("x, district attorney, new york (y of counsel), for respondent."));
        assert!(!c.counsel("the counselor spoke"));
        // Whole words only, wherever the phrase occurs in the line.
        assert!(c.docket(&Block::default(), "index no. 12"));
        assert!(!c.docket(&Block::default(), "casino. 12"));
        assert!(c.docket(&Block::default(), "casino. 12, no. 4"));
        assert!(!c.counsel("pro sex"));
        assert!(c.counsel("john doe, pro se"));
        assert!(c.panel(
            "PRESENT: WHALEN, P.J., SMITH",
            "present: whalen, p.j., smith"
        ));
        assert!(c.panel("Helen Voutsinas, JJ.", "helen voutsinas, jj."));
        assert!(!c.panel(
            "Before the hearing, the court met",
            "before the hearing, the court met"
        ));
        assert!(page_marker("[*1]") && !page_marker("[sic]"));
        assert!(is_name("William G. Ford") && !is_name("Read more."));
    }

    #[test]
    fn malformed_lines_are_errors() {
        let dir = std::env::temp_dir().join(format!("factum-caption-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(FILE), "party\tappellant\nbogus\tx\n").unwrap();
        let p = Patterns::with_dir(&dir).unwrap();
        let err = Captions::new(&p).unwrap_err().to_string();
        assert!(err.contains("unknown kind"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
