//! Page metadata: title, publication date and publisher.
//!
//! The cleaner fills [`Document`](crate::Document) fields that the input
//! left empty from the blocks around the body:
//!
//! - the title from the page title block at the very start
//!   (`Title | Site`), or else the heading just before the body;
//! - the publisher from the site name after the title separator, or else
//!   from the copyright line (`© 2022 Acme Foundation`);
//! - the publication date from the dateline nearest before the body
//!   (`September 6, 2006 8:00PM EDT` gives `2006-09-06`).
//!
//! Dates are written with the English month names (full or abbreviated),
//! day–month–year or month–day–year, or ISO `YYYY-MM-DD`; they are checked
//! with `jiff` so `February 30` is not a date.

use std::ops::Range;

use regex::Regex;

/// Separators between a page title and the site name, longest first.
const SITE_SEPARATORS: &[&str] = &[" | ", " – ", " — ", " :: ", " - "];

/// Finds dates written out in a block.
#[derive(Debug)]
pub struct DateFinder {
    re: Regex,
}

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

impl DateFinder {
    /// Compile the date expressions.
    pub fn new() -> DateFinder {
        let m = MONTHS;
        let re = format!(
            r"(?i)(?-u:\b)(?:(?P<m1>{m})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<m2>{m})\.?,?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))(?-u:\b)"
        );
        DateFinder {
            // The expression is a constant: failing to compile is a bug.
            re: Regex::new(&re).expect("date regex compiles"),
        }
    }

    /// The first valid date in `text`: its byte range and ISO value.
    pub fn find(&self, text: &str) -> Option<(Range<usize>, String)> {
        let (range, (y, m, d)) = self.find_date(text)?;
        Some((range, format!("{y:04}-{m:02}-{d:02}")))
    }

    /// The byte range of the first valid date in `text` (no ISO string
    /// built).
    pub fn find_range(&self, text: &str) -> Option<Range<usize>> {
        self.find_date(text).map(|(range, _)| range)
    }

    /// The first valid date in `text`: its byte range, year, month, day.
    fn find_date(&self, text: &str) -> Option<(Range<usize>, (i16, i8, i8))> {
        // Cheap prefilter: every form has four digits in a row.
        if !has_four_digits(text.as_bytes()) {
            return None;
        }
        // The groups by index (named in `new`): m1 d1 y1, d2 m2 y2, y3 m3 d3.
        for c in self.re.captures_iter(text) {
            let whole = c.get(0)?;
            let (y, m, d) = if let (Some(m), Some(d), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
                (y.as_str(), month_number(m.as_str()), d.as_str())
            } else if let (Some(d), Some(m), Some(y)) = (c.get(4), c.get(5), c.get(6)) {
                (y.as_str(), month_number(m.as_str()), d.as_str())
            } else if let (Some(y), Some(m), Some(d)) = (c.get(7), c.get(8), c.get(9)) {
                (y.as_str(), m.as_str().parse().ok(), d.as_str())
            } else {
                continue;
            };
            let (Ok(y), Some(m), Ok(d)) = (y.parse::<i16>(), m, d.parse::<i8>()) else {
                continue;
            };
            if jiff::civil::Date::new(y, m, d).is_ok() {
                return Some((whole.range(), (y, m, d)));
            }
        }
        None
    }
}

impl Default for DateFinder {
    fn default() -> DateFinder {
        DateFinder::new()
    }
}

/// Whether `b` holds four ASCII digits in a row, as every date
/// [`DateFinder`] finds does.
pub(crate) fn has_four_digits(b: &[u8]) -> bool {
    let mut run = 0;
    for &c in b {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

fn month_number(name: &str) -> Option<i8> {
    let n = name.get(..3)?.to_ascii_lowercase();
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|&m| m == n)?;
    Some(i as i8 + 1)
}

/// Split a page title block into title and site name, when it has a
/// separator: `Letter to the Minister | Example Watch` gives
/// `("Letter to the Minister", Some("Example Watch"))`. The site name
/// must be short (at most six words).
pub fn split_site_title(block: &str) -> Option<(&str, &str)> {
    for sep in SITE_SEPARATORS {
        if let Some(i) = block.rfind(sep) {
            let (title, site) = (block[..i].trim(), block[i + sep.len()..].trim());
            let site_words = site.split_whitespace().count();
            // A site name has at most one word with digits (not `2026 NY
            // Slip Op 01932`, a citation).
            let numeric = site
                .split_whitespace()
                .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
                .count();
            if !title.is_empty()
                && (1..=6).contains(&site_words)
                && numeric <= 1
                && title.len() > site.len()
            {
                return Some((title, site));
            }
        }
    }
    None
}

/// The organisation named by a publisher line: `Published by the Example
/// Law Reporting Bureau pursuant to ...` gives `Example Law Reporting
/// Bureau` (its capitalised words, with `of`, `and`, `for`, `the` inside).
pub fn published_by(block: &str) -> Option<&str> {
    let lower = block.to_ascii_lowercase();
    let at = lower.find("published by ")? + "published by ".len();
    let rest = block.get(at..)?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let mut pos = 0;
    let mut org_end = 0;
    for w in rest.split(' ') {
        let bare = w.trim_end_matches([',', '.', ';']);
        if bare.chars().next().is_some_and(char::is_uppercase) {
            org_end = pos + bare.len();
            if bare.len() < w.len() {
                break;
            }
        } else if !matches!(w, "of" | "and" | "for" | "the" | "on" | "&") {
            break;
        }
        pos += w.len() + 1;
    }
    let org = rest.get(..org_end)?.trim();
    (org.split_whitespace().count() >= 2).then_some(org)
}

/// The owner named by a copyright line: `© 2022 Acme Foundation. All
/// rights reserved.` gives `Acme Foundation`.
pub fn copyright_owner(block: &str) -> Option<&str> {
    let i = block.find('©').map(|i| i + '©'.len_utf8()).or_else(|| {
        let lower = block.to_ascii_lowercase();
        lower.find("copyright").map(|i| i + "copyright".len())
    })?;
    let rest = block.get(i..)?;
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '–' | ',' | '©')
    });
    let rest = rest.strip_prefix("(c)").unwrap_or(rest).trim_start();
    let end = rest
        .find(['.', '|', '\n'])
        .or_else(|| rest.to_ascii_lowercase().find("all rights"))
        .unwrap_or(rest.len());
    let owner = rest[..end].trim().trim_end_matches(',').trim();
    let words = owner.split_whitespace().count();
    ((1..=8).contains(&words) && owner.chars().next().is_some_and(char::is_uppercase))
        .then_some(owner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_in_three_forms() {
        let f = DateFinder::new();
        assert_eq!(
            f.find("March 3, 2019 10:00AM GMT").map(|d| d.1),
            Some("2019-03-03".into())
        );
        assert_eq!(
            f.find("3 Sept. 2019").map(|d| d.1),
            Some("2019-09-03".into())
        );
        assert_eq!(
            f.find("on 2021-12-31.").map(|d| d.1),
            Some("2021-12-31".into())
        );
        assert_eq!(f.find("February 30, 2019"), None);
        assert_eq!(f.find("Mayday 2019"), None);
        assert_eq!(f.find("no date"), None);
        // The groups read by index are the named ones.
        let names: Vec<_> = f.re.capture_names().skip(1).collect();
        let want = ["m1", "d1", "y1", "d2", "m2", "y2", "y3", "m3", "d3"];
        assert_eq!(names, want.map(Some));
        assert_eq!(f.find_range("Posted: June 1, 2020"), Some(8..20));
        let (r, _) = f.find("Posted: June 1, 2020").unwrap();
        assert_eq!(r, 8..20);
    }

    #[test]
    fn splits_site_titles() {
        assert_eq!(
            split_site_title("Letter on Prison Visits | Example Watch"),
            Some(("Letter on Prison Visits", "Example Watch"))
        );
        assert_eq!(
            split_site_title("Court Rules - Appeal Denied - Acme News"),
            Some(("Court Rules - Appeal Denied", "Acme News"))
        );
        assert_eq!(split_site_title("No separator here"), None);
        assert_eq!(
            split_site_title("Smith Holdings, LLC v Jones Savings Bank :: 2020 NY Slip Op 01234"),
            None
        );
        // A site part longer than the title is not a site name.
        assert_eq!(split_site_title("Hi | a much longer part of words"), None);
    }

    #[test]
    fn reads_publisher_lines() {
        assert_eq!(
            published_by("Published by the Example Law Reporting Bureau pursuant to Act § 4."),
            Some("Example Law Reporting Bureau")
        );
        assert_eq!(
            published_by("Published by Office of the Court Clerk."),
            Some("Office of the Court Clerk")
        );
        assert_eq!(published_by("It was published by a friend."), None);
    }

    #[test]
    fn reads_copyright_owners() {
        assert_eq!(
            copyright_owner("© 2021 Acme Foundation"),
            Some("Acme Foundation")
        );
        assert_eq!(
            copyright_owner("Copyright © 2010-2021 Legal Aid Society. All rights reserved."),
            Some("Legal Aid Society")
        );
        assert_eq!(copyright_owner("© 2021"), None);
    }
}
