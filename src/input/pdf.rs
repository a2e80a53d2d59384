//! PDF input: the text layer of a PDF, one line per printed line.
//!
//! `pdf-extract` (on `lopdf`) interprets the page content streams and
//! reports every glyph with its position and size; this module rebuilds
//! the text from those positions rather than from the order of the content
//! stream:
//!
//! - glyphs are grouped into lines by baseline (a superscript footnote
//!   marker stays in its line), lines are ordered top to bottom and glyphs
//!   left to right;
//! - a space is put where the gap between two glyphs is wider than a
//!   fraction of the font size, so words drawn glyph by glyph with kerning
//!   are not split apart (`th e`) and words drawn without space glyphs are
//!   not glued; a glyph drawn twice at the same place (fake bold) counts
//!   once; a wide gap inside a line (two fields) becomes three spaces;
//! - a vertical gap clearly wider than the page's line spacing becomes a
//!   blank line (a paragraph break); page breaks are not breaks;
//! - lines at the top or bottom of pages that repeat on most pages once
//!   digits are ignored (running headers, `Page 3 of 9`) and lone page
//!   numbers are removed;
//! - a word hyphenated at a line end is joined (`exam-` / `ple` →
//!   `example`), the fragment moving up to the first line.
//!
//! An encrypted PDF that opens without a password is read; one that needs
//! a password, a broken file, and a PDF without a text layer (a scan: no
//! OCR is done) are errors of kind `pdf`. `pdf-extract` can panic on odd
//! files: extraction runs under `catch_unwind` and a panic becomes an
//! error too.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::document::{Document, Format};
use crate::error::{Error, ErrorKind, Result};

/// Lines at the top and at the bottom of a page looked at for running
/// headers and footers.
const MARGIN_LINES: usize = 3;

/// A gap between two glyphs wider than this many font sizes is a space.
const SPACE_GAP: f64 = 0.15;

/// A gap wider than this many font sizes separates two fields.
const FIELD_GAP: f64 = 2.5;

/// A line gap wider than this many times the page's usual line spacing is
/// a paragraph break.
const PARAGRAPH_GAP: f64 = 1.45;

/// Read a PDF into a document whose `raw` text has one printed line per
/// line and a blank line between paragraphs.
pub fn load(id: String, source: String, bytes: &[u8]) -> Result<Document> {
    let pages = extract(bytes)?;
    let text = assemble(&pages);
    if text.trim().is_empty() {
        return Err(pdf_error(if pages.is_empty() {
            "the PDF has no pages".to_string()
        } else {
            format!(
                "the PDF has no text layer ({} page(s) of images only: a scan? factum does no OCR)",
                pages.len()
            )
        }));
    }
    let mut doc = Document::new(id, source, Format::Pdf, text);
    doc.blocks = true;
    doc.published = super::date_line(&doc.raw);
    Ok(doc)
}

fn pdf_error(message: String) -> Error {
    Error::new(ErrorKind::Pdf(message))
}

/// One glyph as drawn: position of its baseline start (y grows downwards),
/// end of its advance, font size, text.
#[derive(Clone, Debug)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// A line of a page: its baseline, font size and text.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    y: f64,
    size: f64,
    text: String,
}

/// Collects the glyphs of each page.
#[derive(Default)]
struct Collector {
    /// Height of the current page: y is flipped to grow downwards.
    height: f64,
    page: Vec<Glyph>,
    pages: Vec<Vec<Glyph>>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.page.clear();
        Ok(())
    }

    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        self.pages.push(std::mem::take(&mut self.page));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> std::result::Result<(), OutputError> {
        // The font size vector through the text matrix; the size is the
        // side of the square of the same area.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        let end = x + width * size;
        self.page.push(Glyph {
            x,
            y,
            end: if end.is_finite() { end } else { x },
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

/// The lines of each page, read under `catch_unwind`.
fn extract(bytes: &[u8]) -> Result<Vec<Vec<Line>>> {
    let run = || -> Result<Vec<Vec<Glyph>>> {
        let mut doc = pdf_extract::Document::load_mem(bytes)
            .map_err(|e| pdf_error(format!("cannot read the PDF: {e}")))?;
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(pdf_error(
                "the PDF is encrypted and needs a password".to_string(),
            ));
        }
        let mut out = Collector::default();
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        for n in pages {
            if let Err(e) = pdf_extract::output_doc_page(&doc, &mut out, n) {
                return Err(pdf_error(format!("cannot read page {n}: {e:?}")));
            }
        }
        Ok(out.pages)
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(pages) => Ok(pages?.into_iter().map(|g| lines(&g)).collect()),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(pdf_error(format!(
                "the PDF reader failed on this file ({})",
                super::prefix(&what, 200)
            )))
        }
    }
}

/// Group a page's glyphs into lines, top to bottom.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    // Runs of glyphs on one baseline, in content order.
    let mut runs: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        if g.text.trim().is_empty() && g.text != " " {
            continue;
        }
        let same = runs.last().and_then(|r| r.first()).is_some_and(|first| {
            let size = first.size.max(g.size);
            (g.y - first.y).abs() <= 0.6 * size
        });
        match runs.last_mut() {
            Some(run) if same => run.push(g),
            _ => runs.push(vec![g]),
        }
    }
    // Top to bottom; runs on the same baseline merge.
    let base = |r: &Vec<&Glyph>| r.first().map_or(0.0, |g| g.y);
    runs.sort_by(|a, b| base(a).total_cmp(&base(b)));
    let mut merged: Vec<Vec<&Glyph>> = Vec::new();
    for run in runs {
        let y = base(&run);
        let size = run.first().map_or(0.0, |g| g.size);
        match merged.last_mut() {
            Some(last) if (base(last) - y).abs() <= 0.3 * size => last.extend(run),
            _ => merged.push(run),
        }
    }
    merged
        .into_iter()
        .filter_map(|mut run| {
            run.sort_by(|a, b| a.x.total_cmp(&b.x));
            // The line's baseline and size are those of its body text, not
            // of a superscript: the most common size wins, then the lowest
            // baseline of that size.
            let size = body_size(&run);
            let y = run
                .iter()
                .filter(|g| (g.size - size).abs() < 0.5)
                .map(|g| g.y)
                .fold(f64::MIN, f64::max);
            // Footnote references (small raised digits or marks after
            // some body text) are kept out of the text.
            let mut body_seen = false;
            run.retain(|g| {
                let raised = g.size < 0.8 * size && g.y < y - 0.2 * size;
                let reference = raised && body_seen && is_marker(&g.text);
                body_seen |= !raised;
                !reference
            });
            let text = line_text(&run);
            if text.is_empty() {
                return None;
            }
            Some(Line { y, size, text })
        })
        .collect()
}

/// A footnote reference mark: digits, `*`, daggers.
fn is_marker(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '§' | '¶'))
}

/// The most common font size of a line (rounded to half points).
fn body_size(run: &[&Glyph]) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for g in run {
        let k = (g.size * 2.0).round() as i64;
        match counts.iter_mut().find(|(s, _)| *s == k) {
            Some((_, n)) => *n += g.text.len(),
            None => counts.push((k, g.text.len())),
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(0.0, |(k, _)| *k as f64 / 2.0)
}

/// The text of a line of glyphs sorted by x, with spaces from the gaps.
fn line_text(run: &[&Glyph]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in run {
        if let Some(p) = prev {
            // Fake bold: the same glyph drawn again almost in place.
            if p.text == g.text
                && (g.x - p.x).abs() < 0.1 * g.size
                && (g.y - p.y).abs() < 0.1 * g.size
            {
                continue;
            }
            let gap = g.x - p.end;
            let size = p.size.max(g.size);
            if gap > FIELD_GAP * size {
                out.push_str("   ");
            } else if gap > SPACE_GAP * size {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        prev = Some(g);
    }
    // Collapse whitespace runs (space glyphs and gaps together), keeping
    // field gaps of three spaces.
    let mut clean = String::with_capacity(out.len());
    let mut spaces = 0;
    for c in out.trim().chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            spaces += 1;
            continue;
        }
        if spaces > 0 {
            clean.push_str(if spaces >= 3 { "   " } else { " " });
            spaces = 0;
        }
        if !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}' | '\0') {
            clean.push(c);
        }
    }
    clean
}

/// A line normalised for repetition across pages: lower case, digit runs
/// as `#`, whitespace collapsed.
fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut digit = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !digit {
                out.push('#');
            }
            digit = true;
            continue;
        }
        digit = false;
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out.trim().to_string()
}

/// A page number alone: `3`, `- 3 -`, `Page 3`, `Page 3 of 9`, `iv`.
fn is_page_number(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let lower = t.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("page")
        .map(str::trim_start)
        .unwrap_or(&lower);
    let (num, tail) = match rest.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if !num.is_empty() && num.len() <= 4 {
        let tail = tail.trim();
        return tail.is_empty()
            || tail.strip_prefix("of").is_some_and(|n| {
                !n.trim().is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit())
            });
    }
    is_roman(rest)
}

/// A lower-case roman numeral from 1 to 39 (front matter page numbers).
fn is_roman(s: &str) -> bool {
    let units = s.trim_start_matches('x');
    s.len() - units.len() <= 3
        && !s.is_empty()
        && ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"].contains(&units)
}

/// The text of the pages: headers, footers and page numbers removed,
/// paragraph breaks as blank lines, hyphenation undone.
fn assemble(pages: &[Vec<Line>]) -> String {
    let n_pages = pages.len();
    // How many pages each margin line shape appears on.
    let mut seen: Vec<(String, usize)> = Vec::new();
    for page in pages {
        let mut shapes: Vec<String> = margins(page).map(|i| shape(&page[i].text)).collect();
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            match seen.iter_mut().find(|(k, _)| *k == s) {
                Some((_, n)) => *n += 1,
                None => seen.push((s, 1)),
            }
        }
    }
    let repeated = |s: &str| {
        n_pages >= 2
            && seen
                .iter()
                .any(|(k, n)| k == s && *n >= 2 && *n * 2 >= n_pages)
    };
    let mut out: Vec<String> = Vec::new();
    // Footnotes of all pages, moved after the body so that they do not
    // cut a sentence that runs on to the next page.
    let mut notes: Vec<String> = Vec::new();
    for page in pages {
        let drop: Vec<usize> = margins(page)
            .filter(|&i| {
                let text = &page[i].text;
                repeated(&shape(text)) || n_pages >= 2 && is_page_number(text)
            })
            .collect();
        let mut kept: Vec<&Line> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, l)| l)
            .collect();
        let at = footnotes_start(&kept);
        if at < kept.len() {
            notes.push(String::new());
            notes.extend(kept[at..].iter().map(|l| l.text.clone()));
            kept.truncate(at);
            // A rule above the notes goes with them.
            if kept.last().is_some_and(|l| is_rule(&l.text)) {
                kept.pop();
            }
        }
        let spacing = line_spacing(&kept);
        for (i, line) in kept.iter().enumerate() {
            if i > 0 {
                let dy = line.y - kept[i - 1].y;
                if spacing > 0.0
                    && dy > PARAGRAPH_GAP * spacing
                    && out.last().is_some_and(|l| !l.is_empty())
                {
                    out.push(String::new());
                }
            }
            out.push(line.text.clone());
        }
    }
    out.extend(notes);
    dehyphenate(&mut out);
    let mut text = String::new();
    for line in out {
        if line.is_empty() && (text.is_empty() || text.ends_with("\n\n")) {
            continue;
        }
        text.push_str(&line);
        text.push('\n');
    }
    text.trim_end().to_string()
}

/// Where the footnotes at the bottom of a page start (the number of lines
/// when there are none): the last lines, in a font clearly smaller than the
/// page's body text, the first of them starting with a note mark, and
/// fewer than half the page.
fn footnotes_start(lines: &[&Line]) -> usize {
    let n = lines.len();
    if n < 4 {
        return n;
    }
    // The body size: the size of most of the page's text.
    let mut sizes: Vec<(i64, usize)> = Vec::new();
    for l in lines {
        let k = (l.size * 2.0).round() as i64;
        match sizes.iter_mut().find(|(s, _)| *s == k) {
            Some((_, c)) => *c += l.text.len(),
            None => sizes.push((k, l.text.len())),
        }
    }
    let body = sizes
        .iter()
        .max_by_key(|(_, c)| *c)
        .map_or(0.0, |(k, _)| *k as f64 / 2.0);
    let small = |l: &Line| l.size < 0.88 * body;
    let mut start = n;
    while start > 0 && small(lines[start - 1]) {
        start -= 1;
    }
    if start == n || (n - start) * 2 > n {
        return n;
    }
    // The notes begin at the first small line that starts with a mark.
    let first = (start..n).find(|&i| {
        lines[i]
            .text
            .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡'))
    });
    first.unwrap_or(n)
}

/// A line that is only a rule drawn with characters (`_____`, `-----`).
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 5 && t.chars().all(|c| matches!(c, '_' | '-' | '—' | '─'))
}

/// The indices of the margin lines of a page: the first and last
/// [`MARGIN_LINES`], at most a quarter of the page's lines each.
fn margins(page: &[Line]) -> impl Iterator<Item = usize> {
    let n = page.len();
    let top = 0..MARGIN_LINES.min(n / 4);
    let bottom = n.saturating_sub(MARGIN_LINES.min(n / 4)).max(top.end)..n;
    top.chain(bottom)
}

/// The usual distance between consecutive baselines of a page: the median
/// of the positive gaps.
fn line_spacing(lines: &[&Line]) -> f64 {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 0.0)
        .collect();
    if gaps.is_empty() {
        return 0.0;
    }
    gaps.sort_by(f64::total_cmp);
    gaps[gaps.len() / 2]
}

/// Join words hyphenated at line ends: when a line ends with a letter and
/// `-` and the next starts with a lower-case letter, the first word of the
/// next line moves up without the hyphen.
fn dehyphenate(lines: &mut [String]) {
    for i in 0..lines.len().saturating_sub(1) {
        let ends = {
            let l = &lines[i];
            let mut rev = l.chars().rev();
            rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
        };
        if !ends || !lines[i + 1].starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let next = std::mem::take(&mut lines[i + 1]);
        let cut = next.find(' ').unwrap_or(next.len());
        let (word, rest) = next.split_at(cut);
        lines[i].pop();
        lines[i].push_str(word);
        lines[i + 1] = rest.trim_start().to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(items: &[(f64, f64, f64, &str)]) -> Vec<Glyph> {
        // (x, y, size, text); each glyph 0.5 em wide.
        items
            .iter()
            .flat_map(|&(x, y, size, text)| {
                text.chars().enumerate().map(move |(i, c)| Glyph {
                    x: x + i as f64 * 0.5 * size,
                    y,
                    end: x + (i as f64 + 1.0) * 0.5 * size,
                    size,
                    text: c.to_string(),
                })
            })
            .collect()
    }

    fn line(y: f64, text: &str) -> Line {
        Line {
            y,
            size: 12.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn glyphs_make_lines_with_spaces_from_gaps() {
        let mut g = glyphs(&[(100.0, 200.0, 10.0, "the"), (117.5, 200.0, 10.0, "court")]);
        // The second line is drawn first: order comes from positions.
        g.splice(0..0, glyphs(&[(100.0, 214.0, 10.0, "held")]));
        // A footnote reference: smaller and raised, stays out of the line
        // without breaking it.
        g.extend(glyphs(&[(142.5, 196.5, 6.0, "1")]));
        let got = lines(&g);
        let texts: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["the court", "held"]);
        assert_eq!(got[0].y, 200.0);
        assert_eq!(got[0].size, 10.0);
    }

    #[test]
    fn kerning_does_not_split_words_and_fake_bold_counts_once() {
        // `th` then `e` with a tiny kerning gap: one word.
        let mut g = glyphs(&[(100.0, 100.0, 10.0, "th"), (110.8, 100.0, 10.0, "e")]);
        let bold = g[0].clone();
        g.insert(
            1,
            Glyph {
                x: bold.x + 0.3,
                ..bold
            },
        );
        assert_eq!(lines(&g)[0].text, "the");
        // A wide gap between two fields.
        let g = glyphs(&[(100.0, 100.0, 10.0, "Date:"), (200.0, 100.0, 10.0, "May")]);
        assert_eq!(lines(&g)[0].text, "Date:   May");
        // Space glyphs and gaps do not double.
        let g = glyphs(&[(100.0, 100.0, 10.0, "a "), (115.0, 100.0, 10.0, "b")]);
        assert_eq!(lines(&g)[0].text, "a b");
    }

    #[test]
    fn running_headers_footers_and_page_numbers_go() {
        let page = |n: usize, body: &str| {
            vec![
                line(50.0, &format!("Case No. 24-{n}0 Filed 03/0{n}/2024")),
                line(100.0, body),
                line(114.0, "more body text here."),
                line(700.0, &format!("Page {n} of 3")),
            ]
        };
        let pages = vec![
            page(1, "First page text."),
            page(2, "Second page text."),
            page(3, "Third page text."),
        ];
        let text = assemble(&pages);
        assert_eq!(
            text,
            "First page text.\nmore body text here.\nSecond page text.\nmore body text here.\nThird page text.\nmore body text here."
        );
        // A single page keeps everything.
        let one = assemble(&pages[..1]);
        assert!(one.starts_with("Case No."));
        assert!(one.ends_with("Page 1 of 3"));
    }

    #[test]
    fn footnotes_move_after_the_body_and_references_go() {
        // Body at 12 pt with a raised 7 pt reference, notes at 9 pt.
        let mut g = glyphs(&[(100.0, 100.0, 12.0, "The court held")]);
        g.extend(glyphs(&[(184.5, 95.0, 7.0, "1")]));
        g.extend(glyphs(&[(192.0, 100.0, 12.0, "that the")]));
        let page1 = lines(&g);
        assert_eq!(page1[0].text, "The court held that the");
        let mut p1 = page1;
        p1.extend([
            line(114.0, "second line of the page,"),
            line(128.0, "third line of the page,"),
            line(142.0, "fourth line of the page"),
            line(156.0, "fifth line runs on"),
        ]);
        let note = |y: f64, t: &str| Line {
            y,
            size: 9.0,
            text: t.to_string(),
        };
        p1.push(note(600.0, "__________"));
        p1.push(note(610.0, "1 A note on the holding."));
        p1.push(note(620.0, "continued note."));
        let p2 = vec![
            line(100.0, "to the next page."),
            line(114.0, "More text here."),
            line(128.0, "And more."),
            line(142.0, "The end."),
        ];
        let text = assemble(&[p1, p2]);
        assert_eq!(
            text,
            "The court held that the\nsecond line of the page,\nthird line of the page,\n\
             fourth line of the page\nfifth line runs on\nto the next page.\nMore text here.\n\
             And more.\nThe end.\n\n1 A note on the holding.\ncontinued note."
        );
        // Small text that does not start with a mark is not a note.
        let lines_ = [
            line(100.0, "a"),
            line(114.0, "b"),
            line(128.0, "c"),
            note(142.0, "small print"),
        ];
        let refs: Vec<&Line> = lines_.iter().collect();
        assert_eq!(footnotes_start(&refs), 4);
        assert!(is_rule("_______"));
        assert!(!is_rule("__"));
    }

    #[test]
    fn paragraph_gaps_become_blank_lines() {
        let page = vec![
            line(100.0, "One line"),
            line(114.0, "two lines."),
            line(142.0, "Next paragraph"),
            line(156.0, "goes on."),
        ];
        assert_eq!(
            assemble(&[page]),
            "One line\ntwo lines.\n\nNext paragraph\ngoes on."
        );
    }

    #[test]
    fn hyphenation_is_undone() {
        let mut l = vec![
            "the exam-".to_string(),
            "ple shows".to_string(),
            "a well-".to_string(),
            "Known name 1990-".to_string(),
            "2000 and x-".to_string(),
            "ray".to_string(),
        ];
        dehyphenate(&mut l);
        assert_eq!(
            l,
            [
                "the example",
                "shows",
                "a well-",
                "Known name 1990-",
                "2000 and xray",
                ""
            ]
        );
    }

    #[test]
    fn page_numbers_and_shapes() {
        for yes in ["3", "- 3 -", "Page 3", "page 3 of 12", "iv", "– 12 –"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["3 cases", "Page three", "12345", "civil", "", "Page 3 of"] {
            assert!(!is_page_number(no), "{no}");
        }
        assert_eq!(shape("Page 12  of 30"), "page # of #");
    }

    #[test]
    fn broken_and_empty_pdfs_are_errors() {
        for bytes in [
            &b"%PDF-1.7\n..."[..],
            b"",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >>",
        ] {
            let err = load("a".into(), "a.pdf".into(), bytes).unwrap_err();
            assert_eq!(err.kind().name(), "pdf");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let pdf = include_bytes!("../../fixtures/docs/doctor_mo_ed108783.pdf");
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20 {
            let mut bytes = pdf.to_vec();
            for _ in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed % bytes.len() as u64) as usize;
                bytes[at] = (seed >> 16) as u8;
            }
            if let Err(e) = load("r".into(), "r.pdf".into(), &bytes) {
                assert_eq!(e.kind().name(), "pdf");
            }
        }
    }
}
