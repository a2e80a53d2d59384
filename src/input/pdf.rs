//! PDF input: the text layer of a PDF, one paragraph per line.
//!
//! `pdf-extract` (on `lopdf`) interprets the page content streams and
//! reports every glyph with its position and size; this module rebuilds
//! the text from those positions rather than from the order of the content
//! stream:
//!
//! - glyphs are grouped into lines by baseline, lines are ordered top to
//!   bottom and glyphs left to right; small raised digits or marks after
//!   body text (footnote references) are left out;
//! - a page in two columns (a vertical gutter that few lines cross, with
//!   many lines on each side; the columns need not share baselines) is
//!   read left column, then right column, between the lines that cross
//!   the gutter (titles, footnotes across the page); lines standing apart
//!   above or below the columns (running headers, page numbers) and small
//!   print under a column (footnotes) keep their place at the page's top
//!   or bottom;
//! - a space is put where the gap between two glyphs is wider than a
//!   fraction of the font size, so words drawn glyph by glyph with kerning
//!   are not split apart (`th e`) and words drawn without space glyphs are
//!   not glued; a glyph drawn twice at the same place (fake bold) counts
//!   once; a very wide gap inside a line (two fields of a caption or a
//!   form) becomes three spaces;
//! - lines at the top or bottom of pages that repeat at about the same
//!   height on most pages once digits are ignored (running headers,
//!   `Page 3 of 9`), lone page numbers, header rows with a page number as
//!   a field (`2   LAW REPORTS`) and a letter's continuation header (short
//!   lines above `Page 2` at a page's top) and, on later pages, a first
//!   line in small print standing apart from the body are removed; the
//!   same line
//!   elsewhere on a page (a letter's date under its letterhead) stays;
//!   footnotes (small print at a page's bottom, starting with a mark) move
//!   after the body, so that a sentence running on to the next page is not
//!   cut;
//! - printed lines are joined into paragraphs from the layout (first-line
//!   indents, paragraph gaps, a line that ends with room for the next
//!   line's first word, changes of font size), one paragraph, heading or
//!   field row per line, as the HTML and Markdown readers give blocks; a
//!   short heading in capitals or title case after a sentence's end stands
//!   alone; a word hyphenated at a line end is joined (`exam-` / `ple` →
//!   `example`) when the next line goes on in lower case, unless the
//!   document writes the hyphenated word elsewhere and never the joined
//!   one (`service-` / `connected` → `service-connected`), or the next
//!   line starts with `and`/`or`/`nor` (`short- and long-term`).
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

/// How far (in points) a running header or footer may move from page to
/// page.
const HEADER_DRIFT: f64 = 6.0;

/// A gap between two glyphs wider than this many font sizes is a space.
const SPACE_GAP: f64 = 0.15;

/// A gap wider than this many font sizes separates two fields.
const FIELD_GAP: f64 = 2.0;

/// Stands for a field gap while a line is built (control characters of
/// the glyphs are dropped before).
const FIELD_MARK: char = '\u{1}';

/// A gap inside a row (in ems) that a column gutter may fall in.
const GUTTER_GAP: f64 = 1.0;

/// Pages with more rows than this are not looked at for columns.
const MAX_GUTTER_ROWS: usize = 400;

/// Rows needed on each side of a column gutter.
const GUTTER_ROWS: usize = 8;

/// A line gap wider than this many times the page's usual line spacing is
/// a paragraph break.
const PARAGRAPH_GAP: f64 = 1.45;

/// Read a PDF into a document whose `raw` text has one paragraph (or
/// heading, or field row) per line.
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

/// A line of a page: its baseline, font size, left and right ends, text,
/// and the block of the page it belongs to (a column of a two-column
/// stretch, or the full width above, between or below such stretches).
#[derive(Clone, Debug, PartialEq)]
struct Line {
    y: f64,
    size: f64,
    left: f64,
    right: f64,
    text: String,
    block: usize,
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
    columns(merged)
        .into_iter()
        .filter_map(|(block, mut run)| {
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
            let left = run.iter().map(|g| g.x).fold(f64::MAX, f64::min);
            let right = run.iter().map(|g| g.end).fold(f64::MIN, f64::max);
            Some(Line {
                y,
                size,
                left,
                right,
                text,
                block,
            })
        })
        .collect()
}

/// Rows of glyphs (top to bottom) in reading order, each with its block
/// number. Where a page has two columns (a vertical gutter that few rows
/// cross, with many rows of text on each side of it), the rows between
/// two rows that cross the gutter (a title, a footnote across the page)
/// are read left column first, then right column. The two columns need
/// not share baselines. Lines at a column's top or bottom that stand
/// further from it than a paragraph's gap (running headers, page numbers)
/// stay where they are.
fn columns(rows: Vec<Vec<&Glyph>>) -> Vec<(usize, Vec<&Glyph>)> {
    let Some(gutter) = gutter(&rows) else {
        return rows.into_iter().map(|r| (0, r)).collect();
    };
    let crosses = |r: &[&Glyph]| r.iter().any(|g| g.x < gutter && g.end > gutter);
    let mut out = Vec::with_capacity(rows.len() + 8);
    let mut block = 0;
    let mut stretch: Vec<Vec<&Glyph>> = Vec::new();
    for row in rows {
        if crosses(&row) {
            block = two_columns(std::mem::take(&mut stretch), gutter, block, &mut out);
            out.push((block, row));
        } else {
            stretch.push(row);
        }
    }
    two_columns(stretch, gutter, block, &mut out);
    out
}

/// Put rows that do not cross the gutter into `out` in reading order:
/// lines standing apart above, the left column, the right column, lines
/// standing apart below. Returns the next free block number.
fn two_columns<'a>(
    rows: Vec<Vec<&'a Glyph>>,
    gutter: f64,
    block: usize,
    out: &mut Vec<(usize, Vec<&'a Glyph>)>,
) -> usize {
    let y = |r: &[&Glyph]| r.first().map_or(0.0, |g| g.y);
    let mut left: Vec<Vec<&Glyph>> = Vec::new();
    let mut right: Vec<Vec<&Glyph>> = Vec::new();
    for row in &rows {
        let (l, r): (Vec<&Glyph>, Vec<&Glyph>) = row.iter().partition(|g| g.x < gutter);
        if !l.is_empty() {
            left.push(l);
        }
        if !r.is_empty() {
            right.push(r);
        }
    }
    if left.len() < 2 || right.len() < 2 {
        out.extend(rows.into_iter().map(|r| (block, r)));
        return block;
    }
    // A paragraph's gap at most: two and a half usual line spacings.
    let mut gaps: Vec<f64> = left
        .windows(2)
        .chain(right.windows(2))
        .map(|w| y(&w[1]) - y(&w[0]))
        .filter(|d| *d > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let reach = 2.5 * gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    let mut apart: Vec<Vec<&Glyph>> = Vec::new();
    let mut below: Vec<Vec<&Glyph>> = Vec::new();
    for col in [&mut left, &mut right] {
        while col.len() >= 2 && y(&col[1]) - y(&col[0]) > reach {
            apart.push(col.remove(0));
        }
        // Below the column: lines far from it, and small print (footnotes
        // under the left column only), which goes to the page's end.
        let mut sizes: Vec<f64> = col.iter().map(|r| body_size(r)).collect();
        sizes.sort_by(f64::total_cmp);
        let size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
        while col.len() >= 2
            && (y(&col[col.len() - 1]) - y(&col[col.len() - 2]) > reach
                || body_size(&col[col.len() - 1]) < 0.88 * size)
        {
            below.extend(col.pop());
        }
    }
    apart.sort_by(|a, b| y(a).total_cmp(&y(b)));
    below.sort_by(|a, b| y(a).total_cmp(&y(b)));
    let mut block = block;
    out.extend(apart.into_iter().map(|r| (block, r)));
    for col in [left, right] {
        block += 1;
        out.extend(col.into_iter().map(|r| (block, r)));
    }
    block += 1;
    out.extend(below.into_iter().map(|r| (block, r)));
    block + 1
}

/// The x of a page's column gutter, if it has one: a position between a
/// quarter and three quarters of the text's width that the fewest rows
/// cover (a row covers its text from end to end, less gaps of
/// [`GUTTER_GAP`] ems or more), where at least [`GUTTER_ROWS`] rows that
/// do not cover it have text on its left, as many on its right, and fewer
/// rows cover it than either.
fn gutter(rows: &[Vec<&Glyph>]) -> Option<f64> {
    let visible = |g: &&&Glyph| !g.text.trim().is_empty();
    let lo = rows
        .iter()
        .flatten()
        .filter(visible)
        .map(|g| g.x)
        .fold(f64::MAX, f64::min);
    let hi = rows
        .iter()
        .flatten()
        .filter(visible)
        .map(|g| g.end)
        .fold(f64::MIN, f64::max);
    // Pages of a few hundred lines at most are looked at (the scan below
    // costs rows x positions).
    if rows.len() < GUTTER_ROWS || rows.len() > MAX_GUTTER_ROWS || hi <= lo {
        return None;
    }
    // The stretches each row covers.
    let mut spans: Vec<Vec<(f64, f64)>> = Vec::with_capacity(rows.len());
    let mut sorted: Vec<&Glyph> = Vec::new();
    for row in rows {
        sorted.clear();
        sorted.extend(row.iter().copied().filter(|g| !g.text.trim().is_empty()));
        sorted.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut cover: Vec<(f64, f64)> = Vec::new();
        for g in &sorted {
            match cover.last_mut() {
                Some((_, end)) if g.x - *end < GUTTER_GAP * g.size => *end = end.max(g.end),
                _ => cover.push((g.x, g.end)),
            }
        }
        spans.push(cover);
    }
    let (a, b) = (lo + 0.25 * (hi - lo), lo + 0.75 * (hi - lo));
    let mut best: Option<(usize, f64, f64)> = None;
    // At most 500 positions, a point apart on a page of usual width.
    let step = ((b - a) / 500.0).max(1.0);
    if !step.is_finite() {
        return None;
    }
    // x by index, not by repeated addition: at huge coordinates `x + step`
    // can equal `x`, and the loop would never end.
    for k in 0..=500 {
        let x = a + k as f64 * step;
        if x > b {
            break;
        }
        let covering = spans
            .iter()
            .filter(|c| c.iter().any(|(s, e)| *s < x && x < *e))
            .count();
        match &mut best {
            Some((n, _, end)) if covering == *n && *end + step >= x => *end = x,
            Some((n, _, _)) if covering >= *n => {}
            _ => best = Some((covering, x, x)),
        }
    }
    let (covering, start, end) = best?;
    let c = (start + end) / 2.0;
    let clear = |s: &&Vec<(f64, f64)>| s.iter().all(|(a, b)| *b <= c || *a >= c);
    let left = spans
        .iter()
        .filter(clear)
        .filter(|s| s.iter().any(|(_, e)| *e <= c))
        .count();
    let right = spans
        .iter()
        .filter(clear)
        .filter(|s| s.iter().any(|(a, _)| *a >= c))
        .count();
    let sides = left.min(right);
    (sides >= GUTTER_ROWS && covering < sides).then_some(c)
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
                out.push(FIELD_MARK);
            } else if gap > SPACE_GAP * size {
                out.push(' ');
            }
        }
        // Control characters never print (and one marks field gaps here).
        out.extend(g.text.chars().filter(|c| !c.is_control() || *c == ' '));
        prev = Some(g);
    }
    // Collapse whitespace runs (space glyphs and gaps together) to one
    // space, or to three where the run holds a field gap.
    let mut clean = String::with_capacity(out.len());
    let mut spaces = false;
    let mut field = false;
    for c in out
        .trim_matches(|c: char| c.is_whitespace() || c == FIELD_MARK)
        .chars()
    {
        if c == FIELD_MARK {
            field = true;
            continue;
        }
        if c.is_whitespace() {
            spaces = true;
            continue;
        }
        if field {
            clean.push_str("   ");
        } else if spaces {
            clean.push(' ');
        }
        field = false;
        spaces = false;
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

/// A running header or footer row with a page number as its first or
/// last field: `2   LAW REPORTS`, `Smith v. Jones   7`.
fn numbered_row(line: &str) -> bool {
    let fields: Vec<&str> = line
        .split("   ")
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    let number = |f: &str| {
        let f = f.trim_start_matches("Page ").trim_start_matches("page ");
        !f.is_empty() && f.len() <= 4 && f.bytes().all(|b| b.is_ascii_digit())
    };
    fields.len() >= 2
        && (fields.first().is_some_and(|f| number(f)) || fields.last().is_some_and(|f| number(f)))
}

/// Whether a page's first line is a running header by its look: short,
/// in print smaller than the page's body text, and further from the next
/// line than twice the page's usual line spacing.
fn small_header(page: &[Line]) -> bool {
    let [first, second, ..] = page else {
        return false;
    };
    let refs: Vec<&Line> = page.iter().collect();
    let spacing = line_spacing(&refs);
    let body = page_body_size(&refs);
    first.text.chars().count() <= 80
        && first.size < 0.9 * body
        && spacing > 0.0
        && second.y - first.y > 2.0 * spacing
}

/// A lower-case roman numeral from 1 to 39 (front matter page numbers).
fn is_roman(s: &str) -> bool {
    let units = s.trim_start_matches('x');
    s.len() - units.len() <= 3
        && !s.is_empty()
        && ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"].contains(&units)
}

/// A printed line on its way into a paragraph, with its geometry in ems
/// of its own font size.
struct Piece {
    text: String,
    size: f64,
    /// Distance from the page's usual left edge of text.
    indent: f64,
    /// Space left before the page's usual right edge of text.
    room: f64,
    /// Mean width of a character of the line.
    char_width: f64,
    /// A paragraph-sized vertical gap (or a new font) before it.
    gap_before: bool,
}

/// The text of the pages, one paragraph per line: headers, footers and
/// page numbers removed, footnotes moved to the end, lines rejoined into
/// paragraphs and hyphenation undone.
fn assemble(pages: &[Vec<Line>]) -> String {
    let n_pages = pages.len();
    // How many pages each margin line shape appears on, at about the same
    // height (a letter's date is a running header on later pages, not on
    // the first, where it stands lower).
    let mut seen: Vec<(String, f64, usize)> = Vec::new();
    for page in pages {
        let mut shapes: Vec<(String, f64)> = margins(page)
            .map(|i| (shape(&page[i].text), page[i].y))
            .collect();
        shapes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        shapes.dedup_by(|a, b| a.0 == b.0 && (a.1 - b.1).abs() <= HEADER_DRIFT);
        for (s, y) in shapes {
            match seen
                .iter_mut()
                .find(|(k, at, _)| *k == s && (y - at).abs() <= HEADER_DRIFT)
            {
                Some((_, _, n)) => *n += 1,
                None => seen.push((s, y, 1)),
            }
        }
    }
    // A running header or footer: on half the pages or more, on three
    // pages or more (a chapter's header), or on two pages when it ends
    // with a page number.
    let repeated = |s: &str, y: f64| {
        n_pages >= 2
            && seen.iter().any(|(k, at, n)| {
                k == s
                    && (y - at).abs() <= HEADER_DRIFT
                    && *n >= 2
                    && (*n * 2 >= n_pages || *n >= 3 || k.ends_with('#'))
            })
    };
    let mut body: Vec<Piece> = Vec::new();
    // Footnotes of all pages, moved after the body so that they do not
    // cut a sentence that runs on to the next page.
    let mut notes: Vec<Piece> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let mut drop: Vec<usize> = margins(page)
            .filter(|&i| {
                let text = &page[i].text;
                repeated(&shape(text), page[i].y)
                    || n_pages >= 2 && (is_page_number(text) || numbered_row(text))
            })
            .collect();
        // A letter's continuation header: short lines above a page number
        // at the top of a page (addressee, date, `Page 2`).
        if n_pages >= 2 {
            let top = MARGIN_LINES.min(page.len().saturating_sub(1));
            if let Some(k) = (0..top).rev().find(|&i| is_page_number(&page[i].text)) {
                if page[..k].iter().all(|l| l.text.chars().count() <= 60) {
                    drop.extend(0..k);
                }
            }
        }
        // A header on a later page only (too few pages to repeat): the
        // page's first line, in smaller print than its body and standing
        // apart from it.
        if n > 0 && !drop.contains(&0) && small_header(page) {
            drop.push(0);
        }
        let mut kept: Vec<&Line> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, l)| l)
            .collect();
        let at = footnotes_start(&kept);
        if at < kept.len() {
            notes.extend(pieces(&kept[at..], true));
            kept.truncate(at);
            // A rule above the notes goes with them.
            if kept.last().is_some_and(|l| is_rule(&l.text)) {
                kept.pop();
            }
        }
        body.extend(pieces(&kept, false));
    }
    let vocab = Vocab::new(pages.iter().flatten().map(|l| l.text.as_str()));
    let mut text = paragraphs(body, &vocab);
    let notes = paragraphs(notes, &vocab);
    if !notes.is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&notes);
    }
    text
}

/// The pieces of a page's lines, measured against the page's usual text
/// edges; `first_gap` marks the first line as starting a paragraph.
fn pieces(lines: &[&Line], first_gap: bool) -> Vec<Piece> {
    // Each column (block of lines) is measured on its own edges; a block
    // of fewer than three lines on those of the whole page.
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let block = lines[i].block;
        let n = lines[i..].iter().take_while(|l| l.block == block).count();
        let edges = if n >= 3 { &lines[i..i + n] } else { lines };
        out.extend(block_pieces(&lines[i..i + n], edges, first_gap && i == 0));
        i += n;
    }
    out
}

/// The pieces of consecutive lines of one block, measured on the edges
/// of the lines `edges`.
fn block_pieces(lines: &[&Line], edges: &[&Line], first_gap: bool) -> Vec<Piece> {
    if lines.is_empty() || edges.is_empty() {
        return Vec::new();
    }
    // The usual left edge: the most common left end (to a point); the
    // usual right edge: the right end most lines reach.
    let mut lefts: Vec<(i64, usize)> = Vec::new();
    for l in edges {
        let k = l.left.round() as i64;
        match lefts.iter_mut().find(|(x, _)| *x == k) {
            Some((_, n)) => *n += 1,
            None => lefts.push((k, 1)),
        }
    }
    let left_edge = lefts
        .iter()
        .max_by_key(|(x, n)| (*n, -*x))
        .map_or(0.0, |(x, _)| *x as f64);
    let mut rights: Vec<f64> = edges.iter().map(|l| l.right).collect();
    rights.sort_by(f64::total_cmp);
    let right_edge = rights[rights.len() * 9 / 10];
    let spacing = line_spacing(edges);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let em = l.size.max(1.0);
            let chars = l.text.chars().count().max(1) as f64;
            let gap_before = if i == 0 {
                first_gap
            } else {
                let prev = lines[i - 1];
                let dy = l.y - prev.y;
                spacing > 0.0 && dy > PARAGRAPH_GAP * spacing
                    || (l.size - prev.size).abs() > 0.15 * em
            };
            Piece {
                text: l.text.clone(),
                size: l.size,
                indent: (l.left - left_edge) / em,
                room: (right_edge - l.right) / em,
                char_width: (l.right - l.left) / em / chars,
                gap_before,
            }
        })
        .collect()
}

/// Join pieces into paragraphs, one per line.
///
/// A line starts a paragraph after a gap, when it is indented more than
/// the line before (a first-line indent, a heading, a block quote), when
/// it comes back out of an indented block that was not a first-line
/// indent, or when the line before ended with room for this line's first
/// word (a paragraph's last line, a heading). Field rows (three spaces
/// inside) and rules stand alone, and so do headings after a sentence's
/// end ([`is_heading`]). A word hyphenated at a line end is joined when
/// the next line goes on in lower case, unless [`Vocab::keeps_hyphen`] or
/// the next word is `and`, `or`, `nor` (a suspended hyphen).
fn paragraphs(pieces: Vec<Piece>, vocab: &Vocab) -> String {
    let mut out = String::new();
    let mut prev: Option<&Piece> = None;
    // Whether the previous line started its paragraph by an indent.
    let mut prev_indent_start = false;
    for p in &pieces {
        let mut indent_start = p.indent > 1.0;
        let start = match prev {
            None => true,
            Some(q) => {
                let first_word = p.text.split(' ').next().unwrap_or_default();
                let word = first_word.chars().count() as f64 * q.char_width;
                let more = p.indent > q.indent + 1.0;
                indent_start |= more;
                let less = p.indent < q.indent - 1.0 && !prev_indent_start;
                p.gap_before
                    || more
                    || less
                    || q.room > word + 1.0
                    || is_row(&p.text)
                    || is_row(&q.text)
                    || (p.size - q.size).abs() > 0.15 * p.size
                    || is_heading(p, &q.text)
            }
        };
        if start {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&p.text);
        } else {
            let hyphenated = {
                let mut rev = out.chars().rev();
                rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
            };
            if hyphenated && p.text.starts_with(|c: char| c.is_lowercase()) {
                // A suspended hyphen (`short- and long-term`) keeps its space.
                if matches!(first_word(&p.text), "and" | "or" | "nor") {
                    out.push(' ');
                } else if !vocab.keeps_hyphen(last_word(&out), first_word(&p.text)) {
                    out.pop();
                }
            } else {
                out.push(' ');
            }
            out.push_str(&p.text);
        }
        prev_indent_start = start && indent_start;
        prev = Some(p);
    }
    out
}

/// The words of a document, to tell a hyphen that breaks a word at a
/// line end (`exam-` / `ple`) from one that belongs to it (`service-` /
/// `connected`).
#[derive(Default)]
struct Vocab {
    /// Words written with an inner hyphen (`service-connected`), lower case.
    hyphenated: rustc_hash::FxHashSet<String>,
    /// Words written without one, lower case.
    plain: rustc_hash::FxHashSet<String>,
}

impl Vocab {
    /// The words inside the lines (a hyphen at a line's end is not inner).
    fn new<'a>(lines: impl Iterator<Item = &'a str>) -> Vocab {
        let mut v = Vocab::default();
        for line in lines {
            for w in line.split_whitespace() {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if w.is_empty() {
                    continue;
                }
                let lower = w.to_lowercase();
                if lower.contains('-') {
                    v.hyphenated.insert(lower);
                } else {
                    v.plain.insert(lower);
                }
            }
        }
        v
    }

    /// Whether `left-` at a line end and `right` on the next line make a
    /// hyphenated word: the document writes `left-right` elsewhere and
    /// never `leftright`.
    fn keeps_hyphen(&self, left: &str, right: &str) -> bool {
        let left = left.trim_end_matches('-').to_lowercase();
        let right = right
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if left.is_empty() || right.is_empty() {
            return false;
        }
        let joined = format!("{left}{right}");
        let kept = format!("{left}-{right}");
        self.hyphenated.contains(&kept) && !self.plain.contains(&joined)
    }
}

/// The last word of a text (after its last space).
fn last_word(text: &str) -> &str {
    let word = text.rsplit(' ').next().unwrap_or_default();
    word.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// The first word of a text (before its first space).
fn first_word(text: &str) -> &str {
    text.split(' ').next().unwrap_or_default()
}

/// A short heading line after a sentence's end (`FINDINGS OF FACT`,
/// `Increased Rating`) that would otherwise run on from the line before:
/// it leaves room for more than its own width, does not end a sentence or
/// a clause itself, and is in capitals or has every longer word
/// capitalised.
fn is_heading(p: &Piece, before: &str) -> bool {
    let text = p.text.trim();
    let ends_sentence = |t: &str| {
        t.trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '!', '?', ':'])
    };
    let width = text.chars().count() as f64 * p.char_width;
    if !ends_sentence(before.trim_end())
        || ends_sentence(text)
        || text.ends_with([',', ';', '-'])
        || p.room < width
        || text.chars().count() > 80
    {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let caps = text.chars().filter(|c| c.is_uppercase()).count();
    if letters >= 3 && caps == letters {
        return true;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 10
        && words
            .iter()
            .filter(|w| w.chars().count() > 3)
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && words[0].starts_with(|c: char| c.is_uppercase())
}

/// A line that holds fields apart (three spaces) or is a drawn rule: it is
/// never joined to another.
fn is_row(text: &str) -> bool {
    text.contains("   ") || is_rule(text)
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
    let body = page_body_size(lines);
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

/// The body size of a page: the size of most of its text (to half a
/// point).
fn page_body_size(lines: &[&Line]) -> f64 {
    let mut sizes: Vec<(i64, usize)> = Vec::new();
    for l in lines {
        let k = (l.size * 2.0).round() as i64;
        match sizes.iter_mut().find(|(s, _)| *s == k) {
            Some((_, c)) => *c += l.text.len(),
            None => sizes.push((k, l.text.len())),
        }
    }
    sizes
        .iter()
        .max_by_key(|(_, c)| *c)
        .map_or(0.0, |(k, _)| *k as f64 / 2.0)
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

    /// A 12 pt line at `left`, 0.5 em per character, ending at `right`
    /// (`None`: where its text ends).
    fn at(y: f64, left: f64, right: Option<f64>, text: &str) -> Line {
        Line {
            y,
            size: 12.0,
            left,
            right: right.unwrap_or(left + text.chars().count() as f64 * 6.0),
            text: text.to_string(),
            block: 0,
        }
    }

    /// A line of a justified paragraph: from margin to margin.
    fn full(y: f64, text: &str) -> Line {
        at(y, 72.0, Some(540.0), text)
    }

    /// A paragraph's first line, indented three ems.
    fn first(y: f64, text: &str) -> Line {
        at(y, 108.0, Some(540.0), text)
    }

    /// A line that ends where its text does.
    fn line(y: f64, text: &str) -> Line {
        at(y, 72.0, None, text)
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
                first(100.0, body),
                full(114.0, "more body text"),
                line(128.0, "ends here."),
                line(700.0, &format!("Page {n} of 3")),
            ]
        };
        let pages = vec![
            page(1, "First page text"),
            page(2, "Second page text"),
            page(3, "Third page text"),
        ];
        assert_eq!(
            assemble(&pages),
            "First page text more body text ends here.\n\
             Second page text more body text ends here.\n\
             Third page text more body text ends here."
        );
        // Chapter headers: each on a few pages of many.
        let chapter = |c: usize, n: usize| {
            vec![
                line(50.0, &format!("Chapter {c}: Title {c}   {n}")),
                first(100.0, "Body text"),
                full(114.0, "more body text"),
                line(128.0, "ends here."),
            ]
        };
        let pages: Vec<Vec<Line>> = (1..=8).map(|n| chapter(1 + n / 3, n)).collect();
        let text = assemble(&pages);
        assert!(!text.contains("Chapter"), "{text}");
        // A single page keeps everything.
        let pages = [page(1, "First page text")];
        let one = assemble(&pages[..1]);
        assert!(one.starts_with("Case No. 24-10 Filed 03/01/2024\n"));
        assert!(one.ends_with("\nPage 1 of 3"));
    }

    #[test]
    fn lines_join_into_paragraphs() {
        let page = vec![
            at(80.0, 250.0, None, "Background"),
            first(100.0, "The exam-"),
            full(114.0, "ple shows a well-"),
            line(128.0, "Known case."),
            first(142.0, "Next para-"),
            full(156.0, "graph goes"),
            line(170.0, "on."),
            // A paragraph after a gap, without indent.
            full(198.0, "Block paragraph"),
            line(212.0, "ends."),
            // Fields stay on their own line.
            line(226.0, "Date:   May 1, 2024"),
            line(240.0, "Signed."),
        ];
        assert_eq!(
            assemble(&[page]),
            "Background\nThe example shows a well- Known case.\nNext paragraph goes on.\n\
             Block paragraph ends.\nDate:   May 1, 2024\nSigned."
        );
        // A block quote: indented on every line, then back to the margin.
        let page = vec![
            full(100.0, "The court wrote:"),
            at(114.0, 108.0, Some(500.0), "quoted words that"),
            at(128.0, 108.0, Some(500.0), "go on"),
            full(142.0, "Text after the quote"),
            line(156.0, "ends."),
        ];
        assert_eq!(
            assemble(&[page]),
            "The court wrote:\nquoted words that go on\nText after the quote ends."
        );
    }

    #[test]
    fn footnotes_move_after_the_body_and_references_go() {
        // Body at 12 pt with a raised 7 pt reference.
        let mut g = glyphs(&[(100.0, 100.0, 12.0, "The court held")]);
        g.extend(glyphs(&[(184.5, 95.0, 7.0, "1")]));
        g.extend(glyphs(&[(192.0, 100.0, 12.0, "that the")]));
        assert_eq!(lines(&g)[0].text, "The court held that the");
        let note = |y: f64, right: Option<f64>, t: &str| Line {
            size: 9.0,
            ..at(y, 72.0, right, t)
        };
        let p1 = vec![
            first(100.0, "The court held that the"),
            full(114.0, "second line of the page,"),
            full(128.0, "third line of the page,"),
            full(142.0, "fourth line of the page"),
            full(156.0, "fifth line runs on"),
            full(170.0, "sixth line runs on"),
            note(600.0, None, "__________"),
            note(610.0, Some(540.0), "1 A note on the holding, which"),
            note(620.0, None, "goes on."),
        ];
        let p2 = vec![
            full(100.0, "to the next page."),
            first(114.0, "More text here,"),
            full(128.0, "and more."),
            line(142.0, "The end."),
        ];
        assert_eq!(
            assemble(&[p1, p2]),
            "The court held that the second line of the page, third line of the page, \
             fourth line of the page fifth line runs on sixth line runs on to the next page.\n\
             More text here, and more. The end.\n\
             1 A note on the holding, which goes on."
        );
        // Small text that does not start with a mark is not a note.
        let small = [
            line(100.0, "a"),
            line(114.0, "b"),
            line(128.0, "c"),
            note(142.0, None, "small print"),
        ];
        let refs: Vec<&Line> = small.iter().collect();
        assert_eq!(footnotes_start(&refs), 4);
        assert!(is_rule("_______"));
        assert!(!is_rule("__"));
    }

    #[test]
    fn two_columns_read_left_then_right() {
        // A title across the page, a running header and a page number
        // standing apart, and two columns whose baselines differ.
        let mut g = glyphs(&[(120.0, 20.0, 10.0, "Header 3")]);
        g.extend(glyphs(&[(
            60.0,
            60.0,
            10.0,
            "A TITLE ACROSS THE WHOLE PAGE WIDTH",
        )]));
        // Drawn column by column, or row by row: the same reading.
        let mut by_column = g.clone();
        let left = |i: usize| {
            glyphs(&[(
                50.0,
                100.0 + 12.0 * i as f64,
                10.0,
                &format!("left line {i:02}"),
            )])
        };
        let right = |i: usize| {
            glyphs(&[(
                200.0,
                104.0 + 12.0 * i as f64,
                10.0,
                &format!("right line {i:02}"),
            )])
        };
        for i in 0..10 {
            g.extend(left(i));
            g.extend(right(i));
        }
        for i in 0..10 {
            by_column.extend(left(i));
        }
        for i in 0..10 {
            by_column.extend(right(i));
        }
        by_column.extend(glyphs(&[(280.0, 400.0, 10.0, "7")]));
        g.extend(glyphs(&[(280.0, 400.0, 10.0, "7")]));
        let got = lines(&g);
        let texts: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        let mut want = vec!["Header 3", "A TITLE ACROSS THE WHOLE PAGE WIDTH"];
        let left: Vec<String> = (0..10).map(|i| format!("left line {i:02}")).collect();
        let right: Vec<String> = (0..10).map(|i| format!("right line {i:02}")).collect();
        want.extend(left.iter().map(String::as_str));
        want.extend(right.iter().map(String::as_str));
        want.push("7");
        assert_eq!(texts, want);
        let texts: Vec<String> = lines(&by_column).into_iter().map(|l| l.text).collect();
        assert_eq!(texts, want);
        // Each column is a block of its own, measured on its own edges.
        assert_ne!(got[2].block, got[12].block);
        assert!(got[2..12].iter().all(|l| l.block == got[2].block));
        let pieces = pieces(&got.iter().collect::<Vec<_>>(), false);
        assert!(pieces[12].indent.abs() < 0.5, "{}", pieces[12].indent);

        // One column with short lines (paragraph ends, a date on the
        // right) has no gutter.
        let mut g = Vec::new();
        for i in 0..20 {
            let y = 100.0 + 12.0 * i as f64;
            let text = if i % 4 == 3 {
                "ends here."
            } else {
                "a full line of body text goes here"
            };
            g.extend(glyphs(&[(50.0, y, 10.0, text)]));
        }
        g.extend(glyphs(&[(200.0, 90.0, 10.0, "May 1, 2024")]));
        let got = lines(&g);
        assert!(got.iter().all(|l| l.block == 0));
        assert_eq!(got[0].text, "May 1, 2024");
    }

    #[test]
    fn hyphens_kept_when_the_document_writes_them() {
        let page = vec![
            first(100.0, "A service-connected injury and a service-"),
            full(114.0, "connected claim were found on exam-"),
            line(128.0, "ination."),
        ];
        assert_eq!(
            assemble(&[page]),
            "A service-connected injury and a service-connected claim were found on examination."
        );
        let page = vec![
            first(100.0, "Impairment of short-"),
            line(114.0, "and long-term memory."),
        ];
        assert_eq!(
            assemble(&[page]),
            "Impairment of short- and long-term memory."
        );
        let v = Vocab::new(["a well-known and a wellknown"].into_iter());
        // Both spellings: the hyphen is a line-end break.
        assert!(!v.keeps_hyphen("well-", "known"));
        let v = Vocab::new(["a well-known case"].into_iter());
        assert!(v.keeps_hyphen("well-", "known,"));
        assert!(!v.keeps_hyphen("exam-", "ple"));
    }

    #[test]
    fn headings_after_a_sentence_stand_alone() {
        let page = vec![
            first(100.0, "The claim for an increased rating"),
            full(114.0, "is granted."),
            line(128.0, "FINDINGS OF FACT"),
            first(142.0, "The Veteran served in the Army and"),
            full(156.0, "the claim was filed on time."),
            line(170.0, "Increased Rating"),
            first(184.0, "Ratings are assigned by the"),
            full(198.0, "schedule, as filed by Smith"),
            line(212.0, "and Jones Company."),
        ];
        assert_eq!(
            assemble(&[page]),
            "The claim for an increased rating is granted.\nFINDINGS OF FACT\n\
             The Veteran served in the Army and the claim was filed on time.\n\
             Increased Rating\nRatings are assigned by the schedule, as filed by Smith \
             and Jones Company."
        );
    }

    #[test]
    fn headers_by_position_and_letter_continuation_headers() {
        // A letter: its date under the letterhead on page 1, and at the
        // top of later pages in the running header.
        let body = |y: f64| {
            vec![
                first(y, "Body text of the letter"),
                full(y + 14.0, "goes on and on and on"),
                full(y + 28.0, "and on and on and on"),
                line(y + 42.0, "to its end."),
            ]
        };
        let mut p1 = vec![line(60.0, "Legal Aid Society"), line(150.0, "May 1, 2024")];
        p1.extend(body(200.0));
        let mut p2 = vec![line(40.0, "May 1, 2024")];
        p2.extend(body(100.0));
        let p3 = p2.clone();
        let text = assemble(&[p1, p2, p3]);
        assert!(
            text.starts_with("Legal Aid Society\nMay 1, 2024\nBody text"),
            "{text}"
        );
        assert_eq!(text.matches("May 1, 2024").count(), 1, "{text}");
        // Two pages: the continuation header goes by its `Page 2`.
        let mut p1 = vec![line(60.0, "Legal Aid Society")];
        p1.extend(body(200.0));
        let mut p2 = vec![
            line(40.0, "Hon. Ann Judge"),
            line(52.0, "May 1, 2024"),
            line(64.0, "Page 2"),
        ];
        p2.extend(body(100.0));
        let text = assemble(&[p1, p2]);
        assert!(
            !text.contains("Ann Judge") && !text.contains("May 1"),
            "{text}"
        );
        // A header on page 2 only, in small print and standing apart: it
        // goes; the same look on page 1 stays.
        let small = |y: f64, t: &str| Line {
            size: 9.0,
            ..line(y, t)
        };
        let mut p1 = vec![small(40.0, "In re Smith")];
        p1.extend(body(100.0));
        let mut p2 = vec![small(40.0, "In re Smith, No. 12")];
        p2.extend(body(100.0));
        let text = assemble(&[p1.clone(), p2]);
        assert_eq!(text.matches("In re Smith").count(), 1, "{text}");
        assert!(text.starts_with("In re Smith\n"), "{text}");
        // Close to the body, or in body-sized print, it is text.
        let mut p2 = vec![small(90.0, "In re Smith, No. 12")];
        p2.extend(body(100.0));
        assert_eq!(
            assemble(&[p1.clone(), p2]).matches("In re Smith").count(),
            2
        );
        let mut p2 = vec![line(40.0, "In re Smith, No. 12")];
        p2.extend(body(100.0));
        assert_eq!(assemble(&[p1, p2]).matches("In re Smith").count(), 2);
        // A header row with the page number as a field.
        for yes in [
            "2   LAW REPORTS",
            "Smith v. Jones   7",
            "Page 3   Smith v. Jones",
        ] {
            assert!(numbered_row(yes), "{yes}");
        }
        for no in [
            "Decision Date: 09/30/25   Archive Date: 09/30/25",
            "IV   DISCUSSION",
            "a single 3",
            "7",
        ] {
            assert!(!numbered_row(no), "{no}");
        }
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

    /// A PDF of pages whose content streams are given, with Helvetica as
    /// `/F1`, and a correct cross-reference table.
    fn make_pdf(pages: &[&str]) -> Vec<u8> {
        let n = pages.len();
        // Objects: 1 catalog, 2 pages, 3 font, then page and content pairs.
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            format!(
                "<< /Type /Pages /Kids [{}] /Count {n} >>",
                (0..n)
                    .map(|i| format!("{} 0 R", 4 + 2 * i))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_string(),
        ];
        for (i, content) in pages.iter().enumerate() {
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            ));
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ));
        }
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, obj) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{obj}\nendobj\n", i + 1).into_bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").into_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /ID [<00112233445566778899aabbccddeeff> \
                 <00112233445566778899aabbccddeeff>] >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .into_bytes(),
        );
        out
    }

    /// A page's content: a header, body lines (12 pt, 14 pt apart), a
    /// page number at the bottom.
    fn page_content(header: &str, body: &[&str], number: usize) -> String {
        let mut c = format!("BT /F1 9 Tf 72 760 Td ({header}) Tj ET\n");
        for (i, line) in body.iter().enumerate() {
            let y = 700 - 14 * i;
            c.push_str(&format!("BT /F1 12 Tf 72 {y} Td ({line}) Tj ET\n"));
        }
        c.push_str(&format!("BT /F1 9 Tf 300 40 Td ({number}) Tj ET\n"));
        c
    }

    #[test]
    fn real_pdfs_through_pdf_extract() {
        let p1 = page_content(
            "Smith v. Jones, No. 24-101",
            &[
                "The appellant filed a motion on May 1, 2024. The court",
                "considered the motion and the record in this case.",
                "It is so ordered.",
                "Second paragraph starts here and it runs on and on past the",
            ],
            1,
        );
        let p2 = page_content(
            "Smith v. Jones, No. 24-101",
            &[
                "to the second page where it ends.",
                "A third paragraph follows on this page.",
                "Another line.",
                "Last line.",
            ],
            2,
        );
        let pdf = make_pdf(&[&p1, &p2]);
        let doc = load("t".into(), "t.pdf".into(), &pdf).unwrap();
        assert_eq!(doc.format, Format::Pdf);
        assert!(doc.blocks);
        assert!(!doc.raw.contains("Smith v. Jones"), "{}", doc.raw);
        assert!(
            !doc.raw.lines().any(|l| l == "1" || l == "2"),
            "{}",
            doc.raw
        );
        assert!(doc
            .raw
            .starts_with("The appellant filed a motion on May 1, 2024."));
        assert!(
            doc.raw.contains(
                "\nIt is so ordered.\nSecond paragraph starts here and it runs on and on past \
                 the to the second page where it ends.\n"
            ),
            "{}",
            doc.raw
        );
        // A page without text: a scan.
        let scan = make_pdf(&["q 1 0 0 1 0 0 cm Q", "q Q"]);
        let err = load("s".into(), "s.pdf".into(), &scan).unwrap_err();
        assert_eq!(err.kind().name(), "pdf");
        assert!(err.to_string().contains("no text layer"), "{err}");
    }

    /// `pdf` encrypted with RC4 128 and these passwords.
    fn encrypted(pdf: &[u8], user: &str) -> Vec<u8> {
        use pdf_extract::{EncryptionState, EncryptionVersion, Permissions};
        let mut doc = pdf_extract::Document::load_mem(pdf).unwrap();
        let version = EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: Permissions::all(),
        };
        let state = EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn encrypted_pdfs() {
        let body = page_content("Header", &["A locked letter of May 1, 2024."], 1);
        let pdf = make_pdf(&[&body]);
        // An empty user password: readable by anyone, so read.
        let open = encrypted(&pdf, "");
        let doc = load("o".into(), "o.pdf".into(), &open).unwrap();
        assert!(
            doc.raw.contains("A locked letter of May 1, 2024."),
            "{}",
            doc.raw
        );
        // A real password: an error record saying so.
        let locked = encrypted(&pdf, "secret");
        assert!(locked.windows(8).any(|w| w == b"/Encrypt"));
        let err = load("l".into(), "l.pdf".into(), &locked).unwrap_err();
        assert_eq!(err.kind().name(), "pdf");
        assert!(err.to_string().contains("password"), "{err}");
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
