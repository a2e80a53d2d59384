//! Boilerplate removal: keep what the author wrote, drop what the site added.
//!
//! A [`Cleaner`] takes a decoded [`Document`] and chooses which ranges of
//! its `raw` text are the author's (with [`Document::keep`], so offsets map
//! back), filling `title`, `published` and `publisher` where the page gives
//! them. [`PageCleaner`] is the default. It works in four steps:
//!
//! 1. **Blocks** (`blocks.rs`): lines where the format has them, with the
//!    lines of a hard-wrapped paragraph of plain text or Markdown grouped
//!    into one block as the segmenter reads them
//!    ([`SentenceSegmenter::paragraphs`]; short lines such as headings,
//!    signature and address lines stay blocks of their own); in flattened
//!    scraped text (`doc.blocks == false`), the glue points where the
//!    scraper joined blocks with nothing between them
//!    (`PrinterWe are writing`).
//! 2. **Signals** (`score.rs`): sentence-likeness, boilerplate vocabulary
//!    from `patterns/boilerplate.txt` (`vocab.rs`), repetition, listing
//!    rhythm, menu runs, language and money pickers; each block gets a
//!    score, positive for prose. On an HTML page a short repeated block
//!    without the site's vocabulary does not count as repeated: the HTML
//!    reader dropped every short repeat but a structured text's labels and
//!    lines (`input/html.rs`), which are no chrome.
//! 3. **Region**: the body is the contiguous run of blocks with the best
//!    total score. Copyright lines and comment sections are barriers no
//!    run crosses, and a run before the first barrier is preferred to a
//!    longer one after it (reader comments). When the run swallowed the
//!    page's title heading (the block repeating the `<title>`, or on an
//!    HTML page the first block repeating the title of its metadata), it
//!    starts after it. The run is then extended forward through a letter's
//!    sign-off, signatures and cc block (up to the first clear
//!    boilerplate), back to a salutation, and, for line-structured text,
//!    over the short lines (docket numbers, datelines, signatures of
//!    judges) that touch it (numbered list entries such as `200 g flour`
//!    do not count against the few lines allowed); a dateline among the
//!    lines joined before the body (`May 2, 2020 / 1:07 AM`, or a day
//!    alone without its year: `Nov 18`) is left out. Inside the region only
//!    blocks that are boilerplate beyond doubt (a whole block of menu or pagination
//!    vocabulary) are dropped; headings and inline dates of the body stay.
//!    Before the body, a court decision's own header (court line, caption,
//!    counsel, panel, docket: `caption.rs`, `patterns/caption.tsv`) is
//!    kept too, without the reporter's lines printed among it and without
//!    the date line that becomes `published`. On an HTML page (whose text
//!    is already the article's container) the lead before the body is
//!    kept as well: long blocks among the few before it, past a dateline
//!    or picture credit, not across a menu. There the container is
//!    trusted further: the body runs on to later paragraphs across short
//!    lines that are no boilerplate (recipe steps after an ingredient
//!    table or a nutrition table printed a cell a line), starts at the
//!    list of numbered entries printed before it (a recipe's ingredients
//!    before its steps, with the `For the filling:` lines that announce
//!    its parts), takes back the head of a first sentence a line break cut
//!    off, the paragraph a paywall cut (`…`) right after the last one,
//!    and keeps an embedded post's attribution line after it; the
//!    site's lines at its end (boilerplate, or a short block with a
//!    boilerplate or `tail` phrase such as `follow us on Twitter`,
//!    `Source:`, a news agency's signature) are cut, and inside it a
//!    pointer led by a label (`Read also: …`), a short source line, a
//!    caption signed with its credit (`… © Jane Roe`), the page's time
//!    stamp among its first blocks (`Updated on: May 2, 2020 / 10:07 AM`,
//!    after a title the run took), a run of
//!    boilerplate blocks (a newsletter box between paragraphs) and a
//!    notice with the site's vocabulary repeated under each box are
//!    dropped.
//! 4. **Metadata** (`meta.rs`): title, publisher and dateline from the
//!    blocks before the body.
//!
//! What it preserves: the kept text is made of verbatim ranges of `raw`,
//! so every offset maps back; nothing outside the chosen region survives,
//! so no date of a related list or a copyright line can leak into the text.
//! A page with no prose at all is kept whole (nothing to choose from).

mod blocks;
mod caption;
mod meta;
mod score;
mod vocab;

use std::ops::Range;

use crate::document::{Document, Format};
use crate::error::Result;
use crate::patterns::Patterns;
use crate::segment::SentenceSegmenter;

use caption::Captions;
use meta::DateFinder;
use score::Block;
use vocab::Vocabulary;

/// A boilerplate remover.
pub trait Cleaner: Send + Sync {
    /// Clean `doc` in place: set its clean text and metadata.
    fn clean(&self, doc: &mut Document);
}

/// Blocks into an HTML body that a time stamp of the page is dropped
/// from, at most (the title and a caption may come before it).
const STAMP_HEAD: usize = 3;
/// Words of a paragraph that a run of boilerplate inside an HTML body
/// does not take with it, at least.
const RUN_PROSE_WORDS: usize = 40;
/// Blocks of a signature and cc block followed after a sign-off, at most.
const MAX_SIGNATURE_BLOCKS: usize = 60;
/// Short lines joined to a line-structured body on each side, at most.
const MAX_EDGE_LINES: usize = 6;
/// Lines (numbered list entries included) joined on each side, at most.
const MAX_LIST_LINES: usize = 40;
/// Blocks before the body searched for the dateline and title.
const HEADER_WINDOW: usize = 16;

/// The default cleaner for scraped pages.
#[derive(Debug)]
pub struct PageCleaner {
    vocab: Vocabulary,
    dates: DateFinder,
    paragraphs: SentenceSegmenter,
    captions: Captions,
    particles: Vec<String>,
}

impl PageCleaner {
    /// Build the cleaner from the pattern files.
    pub fn new(patterns: &Patterns) -> Result<PageCleaner> {
        Ok(PageCleaner {
            vocab: Vocabulary::new(patterns)?,
            dates: DateFinder::new(),
            paragraphs: SentenceSegmenter::new(patterns)?,
            captions: Captions::new(patterns)?,
            particles: surname_particles(patterns),
        })
    }

    /// The ranges of `raw` to keep, and the blocks with the body's first
    /// block index (for metadata).
    fn choose(
        &self,
        raw: &str,
        title: Option<&str>,
        glued: bool,
        lines: bool,
        wrapped: bool,
    ) -> Choice {
        // Line-structured text: a hard-wrapped paragraph is one block, as
        // the segmenter reads it; flattened text: lines cut at glue points.
        let ranges = if wrapped && lines && !glued {
            blocks::from_paragraphs(raw, self.paragraphs.paragraphs(raw))
        } else {
            blocks::split(raw, glued, &self.particles)
        };
        let mut blocks = score::analyze(raw, ranges, &self.vocab, &self.dates);
        if !wrapped {
            // The HTML reader kept only the short repeats that are a
            // structured text's labels and lines: no chrome.
            score::forget_kept_repeats(&mut blocks, crate::input::html::REPEAT_LINE);
        }
        let Some((core_start, core_end)) = best_run(&blocks) else {
            return Choice {
                keep: std::iter::once(0..raw.len()).collect(),
                blocks,
                core_start: 0,
                body: None,
            };
        };
        let (core_start, core_end) =
            after_title_heading(raw, &blocks, title, !wrapped, core_start, core_end);
        let meta_heading = title.and_then(|m| {
            (0..core_start)
                .rev()
                .find(|&i| raw[blocks[i].range.clone()].trim() == m.trim())
                .filter(|&h| blocks[h + 1..core_start].iter().any(|b| b.stamp))
        });
        let floor = title_block(raw, &blocks, core_start)
            .max(meta_heading)
            .map_or(0, |i| i + 1);
        let (mut start, mut end) = extend(&blocks, core_start, core_end, lines, floor);
        // On an HTML page the site's lines after the article (follow us,
        // newsletter, more information at) close the body's container.
        if !wrapped {
            end = with_later_prose(raw, &blocks, end);
            start = with_sentence_head(raw, &blocks, start);
            let floor = title_before(raw, &blocks, title, start).map_or(0, |i| i + 1);
            start = with_earlier_list(raw, &blocks, start, floor);
            end = without_tail(&blocks, start, end);
            end = with_cut_paragraph(&blocks, end);
            end = with_attribution(&blocks, end);
        }
        let mut keep: Vec<Range<usize>> = Vec::new();
        // A court decision's header (court, caption, counsel, panel,
        // docket) before the body, without the reporter's lines among it.
        let mut prev = None;
        let mut header = self.captions.header(raw, &blocks, start);
        // On an HTML page (already cut to the article's container), the
        // lead printed before the body, past a dateline or picture credit.
        if !wrapped {
            header.extend(lead_before(raw, &blocks, start, floor));
            header.sort_unstable();
            header.dedup();
        }
        for i in header {
            match keep.last_mut() {
                Some(last) if prev == Some(i.wrapping_sub(1)) => last.end = blocks[i].range.end,
                _ => keep.push(blocks[i].range.clone()),
            }
            prev = Some(i);
        }
        let mut joined = false;
        let day = |j: usize| score::month_day(&raw[blocks[j].range.clone()]);
        let body_days = std::cell::OnceCell::new();
        for (i, b) in blocks.iter().enumerate().take(end + 1).skip(start) {
            let interior = i != start && i != end;
            // A date line among the short lines joined before the core is
            // the document's dateline: its date is `published`, not a date
            // of the body.
            // So is a day without its year alone on its line (`Nov 18`)
            // before an HTML body that has no such days (a timeline's).
            let dateline = i < core_start
                && (b.date
                    || (!wrapped
                        && day(i)
                        && !*body_days.get_or_init(|| (core_start..=end).any(day))));
            // A line of stray punctuation inside a line-structured body (a
            // print artifact `?`, a `***` separator) carries no text.
            // A pointer to another article (`Read also: …`) inside an HTML
            // body is the site's, even when it reads as a sentence.
            let pointer = !wrapped && b.pointer;
            // So is, inside an HTML body, a box of the site between
            // paragraphs: a run of boilerplate blocks however much they
            // read as sentences (`Sign up for our newsletter` / `Never
            // miss the latest news by signing up today!`), unless a long
            // paragraph, and a block printed again and again on the page
            // with the site's vocabulary (an affiliate notice under each
            // product box).
            let site_box = !wrapped
                && ((b.boiler_run && !(b.prose && b.words > RUN_PROSE_WORDS))
                    || (b.repeated && b.tail));
            // And the page's time stamp (`Updated: May 2, 2020`) at the
            // head of the body, when the body's run took the title before
            // it; further on, a stamp is an embedded video's or post's.
            let stamp = !wrapped && b.stamp && i - start <= STAMP_HEAD;
            if (interior
                && ((b.strong && !b.prose) || pointer || site_box || stamp || (lines && b.rule)))
                || dateline
            {
                joined = false;
                continue;
            }
            match keep.last_mut() {
                Some(last) if joined => last.end = b.range.end,
                _ => keep.push(b.range.clone()),
            }
            joined = true;
        }
        Choice {
            keep,
            blocks,
            core_start,
            body: Some((start, end)),
        }
    }

    /// Fill title, publisher and published from the blocks before the body.
    fn metadata(&self, doc: &mut Document, choice: &Choice) {
        let Some((start, end)) = choice.body else {
            return;
        };
        let raw = &doc.raw;
        let blocks = &choice.blocks;
        let text = |i: usize| &raw[blocks[i].range.clone()];
        let header = choice.core_start.saturating_sub(HEADER_WINDOW)..choice.core_start;
        let mut title = None;
        let mut publisher = None;
        if start > 0 {
            let page_title = text(0);
            // The heading that repeats the start of the page title (the
            // title without the site's additions), else the page title
            // less its site name.
            title = (1..choice.core_start.min(start))
                .rev()
                .map(text)
                .find(|t| {
                    t.split_whitespace().count() >= 2
                        && page_title.starts_with(t)
                        && t.len() < page_title.len()
                })
                .map(str::to_string);
            if let Some((t, site)) = meta::split_site_title(page_title) {
                title.get_or_insert_with(|| t.to_string());
                publisher = Some(site.to_string());
            }
        }
        if title.is_none() {
            title = title_block(raw, blocks, choice.core_start).map(|i| text(i).to_string());
        }
        if publisher.is_none() {
            publisher = (0..start)
                .chain(end + 1..blocks.len())
                .find_map(|i| meta::published_by(text(i)).map(str::to_string));
        }
        if publisher.is_none() {
            publisher = (end + 1..blocks.len())
                .chain(0..start)
                .find_map(|i| meta::copyright_owner(text(i)).map(str::to_string));
        }
        let published = header
            .rev()
            .filter(|&i| !blocks[i].listing && !blocks[i].boiler)
            .find_map(|i| self.dates.find(text(i)).map(|d| d.1));
        if doc.title.is_none() {
            doc.title = title;
        }
        if doc.publisher.is_none() {
            doc.publisher = publisher;
        }
        if doc.published.is_none() {
            doc.published = published;
        }
    }
}

/// The capitalised surname prefixes (`Mc`, `De`) of the `particle` rows
/// of `patterns/people_words.tsv`: no glue point splits a name after one.
fn surname_particles(patterns: &Patterns) -> Vec<String> {
    patterns
        .rows("people_words.tsv")
        .filter(|(_, cols)| cols.first() == Some(&"particle"))
        .filter_map(|(_, cols)| cols.get(1).map(|p| p.to_string()))
        .filter(|p| p.chars().next().is_some_and(char::is_uppercase))
        .collect()
}

/// What the cleaner chose for one page.
struct Choice {
    keep: Vec<Range<usize>>,
    blocks: Vec<Block>,
    core_start: usize,
    body: Option<(usize, usize)>,
}

impl Cleaner for PageCleaner {
    fn clean(&self, doc: &mut Document) {
        let lines = doc.blocks || has_line_structure(&doc.raw);
        // An HTML reader gives one line per block element (or `<br>`):
        // its lines are never hard-wrapped prose.
        let wrapped = doc.format != Format::Html;
        let choice = self.choose(&doc.raw, doc.title.as_deref(), !doc.blocks, lines, wrapped);
        self.metadata(doc, &choice);
        doc.keep(&choice.keep, "\n");
    }
}

/// Whether plain text keeps its page's lines (a court decision typed as
/// text) rather than being flattened: several line breaks, lines of
/// paragraph size or shorter.
fn has_line_structure(raw: &str) -> bool {
    let breaks = memchr::memchr_iter(b'\n', raw.as_bytes()).count();
    breaks >= 5 && raw.len() / (breaks + 1) < 1500
}

/// The contiguous run of blocks with the highest total score (Kadane),
/// if any run scores above zero. Barriers (copyright lines, comment
/// sections) end a run; what follows the first barrier is mostly comments
/// and footer, so a run before it wins unless it is much weaker than the
/// best run after it.
fn best_run(blocks: &[Block]) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut before_barrier: Option<(f64, usize, usize)> = None;
    let mut seen_barrier = false;
    let (mut sum, mut from) = (0.0, 0);
    for (i, b) in blocks.iter().enumerate() {
        if b.barrier {
            if !seen_barrier {
                seen_barrier = true;
                before_barrier = best;
            }
            sum = 0.0;
            continue;
        }
        if sum <= 0.0 {
            sum = 0.0;
            from = i;
        }
        sum += score::score(b);
        if sum > 0.0 && best.is_none_or(|(s, _, _)| sum > s) {
            best = Some((sum, from, i));
        }
    }
    let best = match (before_barrier, best) {
        (Some(early), Some(all)) if early.0 * 4.0 >= all.0 => early,
        (_, all) => all?,
    };
    Some((best.1, best.2))
}

/// Extend the core run `start..=end` to the letter's salutation and
/// sign-off block, and for line-structured text (`lines`) over the short
/// lines touching it (not back beyond `floor`, the block after the title).
fn extend(
    blocks: &[Block],
    mut start: usize,
    mut end: usize,
    lines: bool,
    floor: usize,
) -> (usize, usize) {
    // The sign-off: at the end of the core or just after it (not one
    // quoted in the middle of an article).
    let look = (end + 4).min(blocks.len());
    let from = end.saturating_sub(3).max(start);
    if let Some(c) = (from..look).rev().find(|&i| blocks[i].closing) {
        end = end.max(c);
        let mut j = end + 1;
        while j < blocks.len() && j - end <= MAX_SIGNATURE_BLOCKS {
            let b = &blocks[j];
            // A rule line (`--`, `____`) closes a signature block.
            if b.boiler || b.date || b.listing || b.teaser || b.prose || b.words > 12 || b.rule {
                break;
            }
            j += 1;
        }
        end = j - 1;
    } else {
        // Flattened text has no line breaks to trust: fewer, shorter blocks.
        // In flattened text only a signature (`J. DOE`, `ENTER:` then a
        // name) opens the way: a short title-case block after an article
        // is more often a related link.
        let signature = |i: usize| blocks.get(i).is_some_and(|b| b.name);
        let opens = lines
            || signature(end + 1)
            || (blocks.get(end + 1).is_some_and(|b| b.label) && signature(end + 2));
        let (max, words) = match (lines, opens) {
            (true, _) => (MAX_EDGE_LINES, 12),
            (false, true) => (5, 6),
            (false, false) => (0, 0),
        };
        // Numbered list entries (ingredients, dates of a tour) do not use
        // up the budget: the list runs on as long as the author wrote it.
        // Nor do the entries of a list the body's last line announces
        // with a colon (`The game offers:` then its features, a line
        // each).
        let announces = |b: &Block| lines && b.colon && !(b.boiler || b.tail);
        let mut announced = announces(&blocks[end]);
        let (mut j, mut taken) = (end + 1, 0);
        while j < blocks.len() && j - end <= MAX_LIST_LINES && !heads_menu(blocks, j) {
            let b = &blocks[j];
            let entry = announced && list_entry(b);
            announced = entry || announces(b);
            let edge = taken < max && edge_line(b) && (b.words <= words || (lines && b.item));
            if !(entry || edge) || b.date {
                break;
            }
            taken += !(entry || (lines && b.item)) as usize;
            j += 1;
        }
        end = j - 1;
    }
    // The salutation: one or two blocks before the core.
    if let Some(s) = (start.saturating_sub(2)..start).find(|&i| blocks[i].salutation) {
        start = s;
    } else {
        let (max, words) = if lines { (MAX_EDGE_LINES, 12) } else { (3, 12) };
        let (mut j, mut taken) = (start, 0);
        while j > floor
            && taken < max
            && start - j < MAX_LIST_LINES
            && edge_line(&blocks[j - 1])
            && (blocks[j - 1].words <= words || (lines && blocks[j - 1].item))
        {
            taken += !(lines && blocks[j - 1].item) as usize;
            j -= 1;
        }
        start = j;
    }
    (start, end)
}

/// Words of a trailing block that one boilerplate phrase marks as the
/// site's, at most.
const TAIL_WORDS: usize = 60;

/// The body `start..=end` less the site's lines at its end: blocks that
/// are boilerplate, or carry a boilerplate phrase and are not a long
/// paragraph (`Follow us on Twitter for more news.`, `Sign up to our
/// newsletter today!`), and the button line closing such a box. The
/// first block of the body always stays.
fn without_tail(blocks: &[Block], start: usize, mut end: usize) -> usize {
    let site = |b: &Block| b.boiler || (b.tail && b.words <= TAIL_WORDS);
    // The button that closes the site's box (`Support us now!`) goes
    // with it: a line of a few words, no field or name, after a
    // boilerplate block (not after a line that only carries a site
    // phrase: a letter's `contact our press office` line and a closing
    // `Justice now!` stay).
    if end > start + 1 {
        let (b, prev) = (&blocks[end], &blocks[end - 1]);
        if b.words <= BUTTON_WORDS
            && !(b.prose || b.name || b.date || b.field || b.label)
            && prev.boiler
        {
            end -= 1;
        }
    }
    while end > start && site(&blocks[end]) {
        end -= 1;
    }
    end
}

/// Words of the button line closing the site's box at the end of an HTML
/// body, at most.
const BUTTON_WORDS: usize = 4;

/// Words of the head of a sentence broken off before the body, at most.
const HEAD_WORDS: usize = 30;

/// The body's start `start` moved back to the head of its first sentence
/// when a line break (`<br>`) cut it: the body starts with a lower-case
/// letter and the block before, no boilerplate, date or menu, ends
/// without sentence punctuation (`The poster contest for children` /
/// `is held for the sixth time this year.`); a line led by code
/// (`game.set_speed …`) is no sentence's tail.
fn with_sentence_head(raw: &str, blocks: &[Block], start: usize) -> usize {
    let Some(prev) = start.checked_sub(1).map(|i| &blocks[i]) else {
        return start;
    };
    // A line of code (`game.set_speed jump *`) starts lower-case too.
    let lower = raw.get(blocks[start].range.clone()).is_some_and(|t| {
        t.chars().next().is_some_and(char::is_lowercase)
            && !t.split_whitespace().next().is_some_and(score::is_code)
    });
    let head = !(prev.terminal
        || prev.boiler
        || prev.barrier
        || prev.date
        || prev.menu
        || prev.listing
        || prev.teaser)
        && (1..=HEAD_WORDS).contains(&prev.words);
    if lower && head {
        start - 1
    } else {
        start
    }
}

/// Blocks between an HTML body and more prose of the same container
/// joined to it, at most, when most of them hold a figure: a nutrition or
/// data table printed a cell a line (`Fat` / `19 g` / `(16 %)`) runs to
/// dozens of lines between a recipe's intro and its steps.
const GAP_BLOCKS: usize = 80;
/// Such blocks, at most, when fewer than half hold a figure: a long list
/// of names (a network's member towns) before the site's "About us"
/// paragraph is no table; a footer is stopped well before by its
/// boilerplate, listings and repeated lines.
const GAP_NEAR: usize = 40;
/// Words of a paragraph after the body that joins it, at least (a shorter
/// line after a list is more often a pointer to another article).
const LATER_WORDS: usize = 25;

/// The body's end `end` extended to more prose after it in the HTML
/// page's container (recipe steps after an ingredient table, a paragraph
/// after a fact box): to the last paragraph of [`LATER_WORDS`] words or
/// more, or the last of a run of prose blocks with as many words together
/// (steps a short sentence a line), reached across short lines that are no boilerplate, listing,
/// teaser or repeated line, within [`GAP_NEAR`] blocks of the last one
/// taken, or [`GAP_BLOCKS`] when most blocks between hold a figure (table
/// cells). What the HTML stage kept of the container is the article's; a
/// menu line there is more often a table cell.
fn with_later_prose(raw: &str, blocks: &[Block], mut end: usize) -> usize {
    let mut j = end + 1;
    // Words of the run of prose blocks ending at `j` (steps of a recipe
    // written a short sentence a line).
    let mut run = 0;
    // Blocks since the last one taken, and those of them with a digit.
    let (mut gap, mut figures) = (0usize, 0usize);
    while j < blocks.len() && j - end <= GAP_BLOCKS {
        let b = &blocks[j];
        if b.boiler || b.barrier || b.listing || b.teaser || (b.repeated && !b.prose) {
            break;
        }
        if j - end > GAP_NEAR && figures * 2 <= gap {
            break;
        }
        run = if b.prose { run + b.words } else { 0 };
        if run >= LATER_WORDS {
            end = j;
            (gap, figures) = (0, 0);
        } else {
            gap += 1;
            let text = raw.get(b.range.clone()).unwrap_or("");
            figures += usize::from(text.bytes().any(|c| c.is_ascii_digit()));
        }
        j += 1;
    }
    end
}

/// Entries of a list before an HTML body that join it, at least.
const LIST_ITEMS: usize = 3;
/// Entries of such a list, at most: a longer run of numbered lines is a
/// listing or a table of figures, not one recipe's ingredients.
const LIST_MAX: usize = 60;
/// Blocks between two entries of such a list (or the list and the body),
/// at most.
const LIST_GAP: usize = 4;

/// The body's start `start` moved back over the list the HTML page's
/// container prints before it (a recipe's ingredients before its steps,
/// a kit's parts before the instructions): entries led by a number
/// (`200 g flour`, `2 eggs`, [`Block::item`]; not by a year, `2021
/// Court blocks transfer`, a dated listing) at most [`LIST_GAP`] blocks
/// apart, and the line announcing a part of the list with a colon right
/// before its first entry (`For the filling:`), taken when there are
/// [`LIST_ITEMS`] to [`LIST_MAX`] entries and either such a colon line
/// announces them or the last entry is the line right before the body (a
/// meta bar of counts, `12 comments` / `245 shares`, stands apart from
/// the text, after the title, with a byline between). The walk stops at
/// `floor` (the block after the title: never across it), at prose (a
/// lead is [`lead_before`]'s) and at boilerplate, listings, teasers,
/// menus, dates and repeated lines.
fn with_earlier_list(raw: &str, blocks: &[Block], start: usize, floor: usize) -> usize {
    let stop = |b: &Block| {
        b.boiler || b.barrier || b.listing || b.teaser || b.menu || b.prose || b.date || b.repeated
    };
    // `last`: the last entry taken (the body's start before any).
    let (mut j, mut items, mut last, mut first) = (start, 0, start, start);
    // The entry nearest the body, and whether a colon line announces the
    // list.
    let mut nearest = None;
    let mut announced = false;
    while j > floor && last - j <= LIST_GAP {
        j -= 1;
        let b = &blocks[j];
        if stop(b) {
            break;
        }
        if b.item && !year_led(raw.get(b.range.clone()).unwrap_or("")) {
            items += 1;
            if items > LIST_MAX {
                return start;
            }
            last = j;
            first = j;
            nearest.get_or_insert(j);
        } else if b.colon && last == j + 1 {
            first = j;
            announced = true;
        }
    }
    let close = nearest.is_some_and(|n| n + 1 == start);
    if items >= LIST_ITEMS && (announced || close) {
        first
    } else {
        start
    }
}

/// Whether `text` starts with a year (`1900` to `2099`) and a capitalised
/// word: an entry of a dated listing (`2021 Settlement reached`), not a
/// quantity.
fn year_led(text: &str) -> bool {
    let b = text.trim_start().as_bytes();
    b.len() > 5
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
        && b[4] == b' '
        && b[5].is_ascii_uppercase()
}

/// Words of a paragraph cut off by a paywall, at least.
const CUT_WORDS: usize = 20;

/// The body's end `end` extended over the paragraph a paywall cut off
/// right after it (`… has been suspended for the rest of the season
/// and may receive....`): a block that ends in an ellipsis (a teaser) of
/// [`CUT_WORDS`] words or more, mostly lower-case, straight after the
/// body's last paragraph. A teaser of another article comes after its
/// own title, not after a paragraph.
fn with_cut_paragraph(blocks: &[Block], end: usize) -> usize {
    let cut = blocks.get(end + 1).is_some_and(|b| {
        b.teaser && b.words >= CUT_WORDS && b.lower >= 0.5 && !(b.boiler || b.listing)
    });
    if cut && blocks[end].prose {
        end + 1
    } else {
        end
    }
}

/// Words of an embedded post taken after the body with its attribution,
/// at most.
const POST_WORDS: usize = 80;

/// The body's end `end` extended over the embedded posts that follow it:
/// an attribution line (`— Jane Roe (@janeroe) May 2, 2020`) right after
/// the body, or after one block of the post's text that is no
/// boilerplate, belongs to the body.
fn with_attribution(blocks: &[Block], mut end: usize) -> usize {
    loop {
        if blocks.get(end + 1).is_some_and(|b| b.attribution) {
            end += 1;
        } else if blocks.get(end + 2).is_some_and(|b| b.attribution)
            && blocks.get(end + 1).is_some_and(|b| {
                !(b.boiler || b.barrier || b.menu || b.listing) && b.words <= POST_WORDS
            })
        {
            end += 2;
        } else {
            return end;
        }
    }
}

/// Blocks before an HTML page's body looked at for its lead, at most.
const LEAD_WINDOW: usize = 12;
/// Words of a lead block, at least (unless it reads as prose).
const LEAD_WORDS: usize = 13;

/// The lead before the body `start..` of an HTML page: the long blocks (a
/// standfirst, an intro paragraph without final stop or ending in an
/// ellipsis) among the few blocks before it, passing over short lines
/// (a dateline, a picture credit, a table of contents), not across a
/// menu, share bar or barrier, nor back beyond the title: `floor` (the
/// block after the title as [`title_block`] finds it) or, when that
/// "title" was a long block itself, the nearest short heading before;
/// past `floor` only a block ending a sentence or trailing off is a lead.
/// In document order.
fn lead_before(raw: &str, blocks: &[Block], start: usize, floor: usize) -> Vec<usize> {
    let title = (start.saturating_sub(LEAD_WINDOW)..start)
        .rev()
        .find(|&i| {
            blocks[i].words < LEAD_WORDS && is_heading(&blocks[i], &raw[blocks[i].range.clone()])
        })
        .map_or(0, |i| i + 1)
        .min(floor);
    let mut lead = Vec::new();
    let mut j = start;
    while j > title && start - j < LEAD_WINDOW {
        j -= 1;
        let b = &blocks[j];
        if b.barrier || b.boiler_run || b.menu {
            break;
        }
        let long = b.prose || b.words >= LEAD_WORDS;
        let ends = j >= floor || b.terminal || b.teaser;
        if long && ends && !(b.boiler || b.listing || b.date || b.repeated) {
            lead.push(j);
        }
    }
    lead.reverse();
    lead
}

/// Whether block `i` is the heading of a menu or link row right after it
/// (`Court Decisions` above its links), unless it is a name.
fn heads_menu(blocks: &[Block], i: usize) -> bool {
    !blocks[i].name && blocks.get(i + 1).is_some_and(|b| b.menu || b.boiler_run)
}

/// Words of an entry of a list announced by a colon, at most.
const ENTRY_WORDS: usize = 25;

/// An entry of a list announced by a colon: a line of [`ENTRY_WORDS`]
/// words at most without final punctuation, no boilerplate, date, menu
/// or listing.
fn list_entry(b: &Block) -> bool {
    !(b.boiler
        || b.barrier
        || b.listing
        || b.teaser
        || b.menu
        || b.repeated
        || b.date
        || b.terminal
        || b.rule)
        && (1..=ENTRY_WORDS).contains(&b.words)
}

/// A short line that may belong to a line-structured body next to it: a
/// heading, docket line, dateline or signature, but no boilerplate.
fn edge_line(b: &Block) -> bool {
    !(b.boiler || b.listing || b.teaser || b.menu || b.repeated || b.prose)
        && (b.words <= 12 || b.item)
}

/// Start the body after the page's title heading when the best run
/// swallowed it: a block repeating the page title (the first block, less
/// its site name) marks where the article starts on most pages; what comes
/// before it (teasers, captions, menus) is not body. Moved only when the
/// prose after the heading outweighs the prose before it three times (a
/// running header repeating the title inside a decision does not cut it).
/// On an HTML page (`html`) the first block counts too when it is the
/// title of the page's metadata (`meta_title`, from `og:title`), as the
/// page's text does not start with its `<title>`.
fn after_title_heading(
    raw: &str,
    blocks: &[Block],
    meta_title: Option<&str>,
    html: bool,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let Some(titles) = Titles::of(raw, blocks, meta_title) else {
        return (start, end);
    };
    let title = titles.title;
    if title.split_whitespace().count() < 3 {
        return (start, end);
    }
    let is_title = |b: &Block| titles.printed_by(&raw[b.range.clone()]);
    // An HTML page's text that starts with a heading repeating the title
    // of its metadata (`og:title`) starts with the title itself.
    let first_is_title = html && start == 0 && meta_title.is_some_and(|m| m.trim() == title.trim());
    let Some(h) = (start.max(1)..end)
        .rev()
        .find(|&i| is_title(&blocks[i]))
        .or(first_is_title.then_some(0))
    else {
        return (start, end);
    };
    let weight = |r: std::ops::Range<usize>| -> f64 {
        blocks[r]
            .iter()
            .map(score::score)
            .filter(|s| *s > 0.0)
            .sum()
    };
    if weight(start..h) * 3.0 >= weight(h + 1..end + 1) {
        return (start, end);
    }
    // Skip the non-prose blocks (dateline, byline, share bar) after it.
    let s = (h + 1..=end)
        .find(|&i| score::score(&blocks[i]) > 0.0)
        .unwrap_or(h + 1);
    (s, end)
}

/// The page's title as the cleaner reads it: the first block (the
/// `<title>` of an HTML page, or a text's first line), that block less its
/// site name, and the metadata title (`og:title`).
struct Titles<'a> {
    page_title: &'a str,
    title: &'a str,
    meta_title: Option<&'a str>,
}

impl<'a> Titles<'a> {
    fn of(raw: &'a str, blocks: &[Block], meta_title: Option<&'a str>) -> Option<Titles<'a>> {
        let page_title = &raw[blocks.first()?.range.clone()];
        let title = meta::split_site_title(page_title).map_or(page_title, |(t, _)| t);
        Some(Titles {
            page_title,
            title,
            meta_title,
        })
    }

    /// Whether block text `t` prints the title. An HTML page's text does
    /// not start with its `<title>`: a title from its metadata counts when
    /// led by the site's name.
    fn printed_by(&self, t: &str) -> bool {
        t == self.title
            || t == self.page_title
            || after_site_prefix(self.page_title, t)
            || self.meta_title.is_some_and(|m| after_site_prefix(m, t))
    }
}

/// The last block before `start` that prints the page's title (as
/// [`after_title_heading`] reads it, or the metadata title itself), if any.
fn title_before(
    raw: &str,
    blocks: &[Block],
    meta_title: Option<&str>,
    start: usize,
) -> Option<usize> {
    let titles = Titles::of(raw, blocks, meta_title)?;
    (1..start.min(blocks.len())).rev().find(|&i| {
        let t = &raw[blocks[i].range.clone()];
        titles.printed_by(t) || meta_title == Some(t)
    })
}

/// Whether `page_title` is `heading` led by a site name and a separator
/// (`The Site Review: Heading of the piece`, `Site | Heading`): a prefix
/// of at most six words ending in `:`, `|`, `-`, `–`, `—`, `·` or `»`.
fn after_site_prefix(page_title: &str, heading: &str) -> bool {
    // The suffix test first: it fails at once for a paragraph longer than
    // the title, and this runs on every block of the body.
    page_title.strip_suffix(heading).is_some_and(|site| {
        let site = site.trim_end();
        site.ends_with([':', '|', '-', '–', '—', '·', '»'])
            && (1..=6).contains(&site.split_whitespace().count())
    }) && heading.split_whitespace().count() >= 3
}

/// The page title printed as a heading before the body: the nearest
/// heading-like block in the few blocks before `core_start`, passing over
/// datelines, bylines and share bars.
fn title_block(raw: &str, blocks: &[Block], core_start: usize) -> Option<usize> {
    (core_start.saturating_sub(HEADER_WINDOW)..core_start)
        .rev()
        .find(|&i| is_heading(&blocks[i], &raw[blocks[i].range.clone()]))
}

/// A data field led by a short label: `DATE: May 2, 2020`, `Case No: 4`.
fn labelled(text: &str) -> bool {
    text.split_once(':')
        .is_some_and(|(label, _)| (1..=2).contains(&label.split_whitespace().count()))
}

/// A block that can be the page's title: a few words of text, no
/// sentence, no date, no boilerplate.
fn is_heading(b: &Block, text: &str) -> bool {
    // Mostly letters, counted in characters (not bytes: a heading in
    // Japanese or Cyrillic takes two or three bytes a letter).
    let (letters, chars) = text.chars().fold((0, 0), |(l, n), c| {
        (l + usize::from(c.is_alphabetic()), n + 1)
    });
    (3..=30).contains(&b.words)
        && !labelled(text)
        && !b.boiler
        && !b.date
        && !b.timed
        && !b.listing
        && !b.prose
        && !b.item
        && letters * 2 > chars
        && !score::is_code_title(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaner() -> PageCleaner {
        PageCleaner::new(&Patterns::builtin()).unwrap()
    }

    fn clean_flat(raw: &str) -> Document {
        let mut doc = Document::new("t".into(), "t".into(), Format::Text, raw.to_string());
        cleaner().clean(&mut doc);
        doc
    }

    fn clean_lines(raw: &str) -> Document {
        let mut doc = Document::new("t".into(), "t".into(), Format::Html, raw.to_string());
        doc.blocks = true;
        cleaner().clean(&mut doc);
        doc
    }

    /// A made-up flattened letter page: menus, share bar, dateline, body,
    /// sign-off with signatures and a cc block, donation appeal, related
    /// list, footer.
    const LETTER: &str = "Open Letter on Visiting Rights at Northgate Jail | Prisoners Aid NetworkSkip to main contentHomeAbout UsOur WorkNewsDonateSearchMarch 3, 2019 10:00AM ESTOpen Letter on Visiting Rights at Northgate JailShare this on FacebookShare this on TwitterShare via EmailWe write to raise serious concerns about the new visiting rules at Northgate Jail, which since January have limited family visits to a single hour each month.The rules were adopted without notice, and families travelling long distances have been turned away at the gate on at least twelve occasions.We urge the county to restore the previous schedule and to consult the families affected before any further change.Respectfully,Maria LopezDirectorPrisoners Aid Networkcc:Tom BakerCounty Sheriff12 Main StreetSpringfield, IL 62701Your gift today helps us defend the rights of prisoners and their families.$25$50$100Other$Donate NowRelated ReadingMay 2, 2018ReportA Report on Jail Conditions in the CountyJune 9, 2017StatementAnother Statement on PrisonsPrivacy PolicyContact Us© 2019 Prisoners Aid Network";

    #[test]
    fn lead_before_an_html_body_kept_past_short_lines() {
        let body = "The court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             The appellant argued that the lower court had misread the contract and the statute.\n\
             The respondent replied that the contract was clear and the statute did not apply.\n";
        // A standfirst of more words than a heading, without a final stop.
        let lead =
            "Appeal over a forty year old lease reaches the high court after years of dispute \
             between two families who share a yard and a well and have not spoken to each other \
             since the first hearing in the county court";
        let doc = clean_lines(&format!(
            "Home\nNews\nCourts\nLease Appeal Heard\n{lead}\nMay 4, 2021\nPhoto: Jane Roe\n{body}Privacy policy\n"
        ));
        assert!(doc.text.starts_with(lead), "{}", doc.text);
        assert!(
            !doc.text.contains("May 4") && !doc.text.contains("Photo"),
            "{}",
            doc.text
        );
        assert!(!doc.text.contains("Lease Appeal Heard"), "{}", doc.text);
        assert!(!doc.text.contains("Courts") && !doc.text.contains("Privacy"));
    }

    #[test]
    fn lead_kept_past_a_table_of_contents() {
        let body = "The court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             The appellant argued that the lower court had misread the contract and the statute.\n\
             The respondent replied that the contract was clear and the statute did not apply.\n";
        let lead = "Two families, one yard and a well: why a forty year old lease ended up in the high court.";
        let toc: String = (1..=8).map(|i| format!("{i}.1 Part {i}\n")).collect();
        let doc = clean_lines(&format!(
            "{lead}\nContents\n{toc}Show more\n{body}Privacy policy\n"
        ));
        assert!(doc.text.starts_with(lead), "{}", doc.text);
        assert!(!doc.text.contains("Part 3"), "{}", doc.text);
    }

    #[test]
    fn lead_trailing_off_kept_past_a_gallery_counter() {
        let body = "The court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             The appellant argued that the lower court had misread the contract and the statute.\n\
             The respondent replied that the contract was clear and the statute did not apply.\n";
        // A lead cut off with an ellipsis reads like a heading, but the
        // short title before it is the title.
        let lead = "Did you know that a lease signed forty years ago can still bind \
             the neighbours of today? The court will now decide how…";
        let doc = clean_lines(&format!(
            "Home\nNews\nCourt Hears Lease Appeal\n{lead}\n1/2\n{body}Privacy policy\n"
        ));
        assert!(doc.text.starts_with(lead), "{}", doc.text);
        assert!(!doc.text.contains("Court Hears") && !doc.text.contains("Privacy"));
    }

    #[test]
    fn lead_stops_at_a_menu_or_the_title() {
        let blocks = |spec: &[(usize, bool)]| -> Vec<Block> {
            spec.iter()
                .map(|&(words, menu)| Block {
                    words,
                    menu,
                    ..Block::default()
                })
                .collect()
        };
        // long, menu, long, short, short, body
        let bs = blocks(&[
            (20, false),
            (2, true),
            (20, false),
            (3, false),
            (2, false),
            (50, false),
        ]);
        let raw = String::new();
        assert_eq!(lead_before(&raw, &bs, 5, 0), vec![2]);
        // Past the title floor, only a block that ends a sentence.
        assert_eq!(lead_before(&raw, &bs, 5, 3), Vec::<usize>::new());
        let mut ended = bs.clone();
        ended[2].terminal = true;
        assert_eq!(lead_before(&raw, &ended, 5, 3), vec![2]);
        // A long block more than LEAD_WINDOW blocks before the body is
        // not looked at.
        let mut far = vec![(20, false)];
        far.extend(std::iter::repeat_n((2, false), LEAD_WINDOW));
        far.push((50, false));
        let far = blocks(&far);
        assert!(lead_before(&raw, &far, LEAD_WINDOW + 1, 0).is_empty());
        let near = blocks(&[(20, false), (2, false), (2, false), (50, false)]);
        assert_eq!(lead_before(&raw, &near, 3, 0), vec![0]);
    }

    #[test]
    fn time_stamps_are_no_listing_and_a_label_inside_a_line_is_no_stamp() {
        let page = "<html><head><title>Spring tour | Choir</title></head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/tour\">Tour</a> <a href=\"/shop\">Shop</a></nav><article>\
             <h1>Spring tour</h1><p>The choir will sing its new programme of folk songs in four towns this \
             spring. Tickets are sold at each venue, and children under twelve enter free.</p>\
             <p>Saturday, April 10, 2021 at 7:30 pm EDT</p><p>Town Hall, Springfield</p>\
             <p>Sunday, April 11, 2021 at 3:00 pm EDT</p><p>St Mary's Church, Shelbyville</p>\
             <p>Friday, April 23, 2021 at 8:00 pm EDT</p><p>Riverside Theatre, Ogdenville</p>\
             <p>The choir thanks the county arts council for the grant that made the tour possible, \
             awarded last year to community ensembles.</p></article>\
             <footer>Copyright 2021 Choir. All rights reserved.</footer></body></html>";
        let raw = crate::RawDoc::new("tour", "tour.html", page.as_bytes().to_vec());
        let mut doc = crate::input::load(raw).unwrap();
        cleaner().clean(&mut doc);
        // Concert times are not a related list's teaser dates.
        for line in ["April 11, 2021 at 3:00 pm", "Riverside Theatre"] {
            assert!(doc.text.contains(line), "{line}: {}", doc.text);
        }
        // A label after a word that names the stamp still leads it.
        let head = "Court orders release\nOriginally published May 4, 2021 at 3:15 pm\n";
        let body = "The court ordered the release of the detained families on Monday afternoon.\n\
             The judge found that the conditions of detention violated the settlement.\n\
             The government has thirty days to appeal the order to the circuit court.\n";
        let doc = clean_lines(&format!("{head}{body}"));
        assert!(doc.text.contains("circuit court"), "{}", doc.text);
        assert!(!doc.text.contains("3:15 pm"), "{}", doc.text);
        // `updated` inside the text's own line is a word of it, not a label.
        let notice = "Settlement notice\nThe court has extended the deadline for class members to object to the proposed settlement.\n\
             Deadline updated to June 3, 2021\n\
             Objections must be mailed to the clerk and to counsel for both parties with the case number.\n\
             The fairness hearing will be held as scheduled and the court will consider timely objections.\n";
        let doc = clean_lines(notice);
        assert!(
            doc.text.contains("Deadline updated to June 3, 2021"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn a_timeline_keeps_its_first_day() {
        let doc = clean_lines(
            "Timeline of the eviction case\nNov 18\n\
             The landlord served notices on forty families, giving them thirty days to leave the building.\n\
             Nov 30\n\
             The tenants' association filed a complaint with the housing court against the notices.\n\
             Dec 14\n\
             The housing court barred any eviction until a hearing on the merits of the complaint.\n",
        );
        assert!(doc.text.starts_with("Nov 18"), "{}", doc.text);
    }

    #[test]
    fn time_stamp_at_the_head_of_an_html_body_is_dropped() {
        let body = "The court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             The appellant argued that the lower court had misread the contract and the statute.\n\
             The respondent replied that the contract was clear and the statute did not apply.\n";
        // The title reads as a sentence, so the body's run starts with it
        // and takes the stamp after it.
        let stamp = "Updated on: May 4, 2021 / 10:07 AM / Court News";
        let title = "Police rescue a kidnapped girl after a tip: \"We got her!\"";
        let doc = clean_lines(&format!("{title}\n{stamp}\n{body}Privacy policy\n"));
        assert!(doc.text.contains("did not apply."), "{}", doc.text);
        assert!(!doc.text.contains("10:07 AM"), "{}", doc.text);
        // Further into the body, a stamp belongs to an embedded video.
        let later = "(Published Monday, May 3, 2021)";
        let doc = clean_lines(&format!("{title}\n{body}{later}\n{body}Privacy policy\n"));
        assert!(doc.text.contains(later), "{}", doc.text);
        // A date line without a label inside the body stays.
        let date = "Tuesday, May 4, 2021 at 9:21 pm";
        let doc = clean_lines(&format!("{title}\n{date}\n{body}Privacy policy\n"));
        assert!(doc.text.contains(date), "{}", doc.text);
    }

    #[test]
    fn day_before_an_html_body_and_share_appeal_after_it_are_cut() {
        let body = "The court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             The appellant argued that the lower court had misread the contract and the statute.\n\
             The respondent replied that the contract was clear and the statute did not apply.\n";
        let doc = clean_lines(&format!(
            "Nov 18\n{body}Liked this report? Share it with a friend!\n"
        ));
        assert!(doc.text.starts_with("The court heard"), "{}", doc.text);
        assert!(doc.text.ends_with("did not apply."), "{}", doc.text);
    }

    #[test]
    fn html_text_led_by_its_meta_title_starts_after_it() {
        let title = "Police rescue a kidnapped girl after a tip: \"We got her!\"";
        let body = "Police released a video on Monday showing officers rescuing a girl who had been held for two days.\n\
             The officers forced the door of a motel room after a tip from a clerk who recognised the car.\n\
             The man who held her was sentenced on Thursday to life in prison by a federal judge.\n";
        let raw = format!("{title}\nVideo of the rescue\n{body}");
        let run = |meta: Option<&str>| {
            let mut doc = Document::new("t".into(), "t".into(), Format::Html, raw.clone());
            doc.blocks = true;
            doc.title = meta.map(str::to_string);
            cleaner().clean(&mut doc);
            doc.text
        };
        // The heading repeats `og:title`: the body starts after it and the
        // caption that follows.
        let text = run(Some(title));
        assert!(text.starts_with("Police released"), "{text}");
        // Another title in the metadata: the heading reads as a sentence and
        // stays.
        let text = run(Some("Girl found safe"));
        assert!(text.starts_with(title), "{text}");
    }

    #[test]
    fn site_lines_after_an_html_body_are_cut() {
        let body = "The court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             The appellant argued that the lower court had misread the contract and the statute.\n\
             The respondent replied that the contract was clear and the statute did not apply.\n";
        let doc = clean_lines(&format!(
            "Home\nNews\n{body}Follow the Daily Courier on Twitter and on Facebook for more court news.\n\
             Telefon: +49 40 300 30\nabc/AFP\n"
        ));
        assert!(doc.text.ends_with("did not apply."), "{}", doc.text);
        // The same words in flattened text (a letter) are not cut here.
        let doc = clean_flat(&format!(
            "{}Follow the Daily Courier on Twitter and on Facebook for more court news.",
            body.replace('\n', "")
        ));
        assert!(doc.text.contains("Follow the Daily"), "{}", doc.text);
    }

    #[test]
    fn embedded_post_after_the_body_is_kept_with_its_attribution() {
        let block = |words: usize, attribution: bool, boiler: bool| Block {
            words,
            attribution,
            boiler,
            ..Block::default()
        };
        // body, post text, attribution, attribution, newsletter line
        let bs = vec![
            block(50, false, false),
            block(20, false, false),
            block(7, true, false),
            block(7, true, false),
            block(9, false, true),
        ];
        assert_eq!(with_attribution(&bs, 0), 3);
        // Not over boilerplate before the attribution.
        let mut boiled = bs.clone();
        boiled[1].boiler = true;
        assert_eq!(with_attribution(&boiled, 0), 0);
        let doc = clean_lines(
            "Home\nNews\nThe court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             The appellant argued that the lower court had misread the contract and the statute.\n\
             The lawyer wrote about it on the day of the hearing.\n\
             We will appeal this ruling pic.twitter.com/abc\n\
             — Jane Roe (@janeroe) May 2, 2020\nSubscribe to our newsletter\nPrivacy policy\n",
        );
        assert!(
            doc.text.ends_with("— Jane Roe (@janeroe) May 2, 2020"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn later_prose_in_the_container_joins_the_body() {
        let block = |words: usize, prose: bool| Block {
            words,
            prose,
            ..Block::default()
        };
        // body, table cells, a paragraph, cells, a short sentence
        let mut bs = vec![block(50, true)];
        bs.extend((0..10).map(|_| block(2, false)));
        bs.push(block(30, true));
        bs.extend((0..3).map(|_| block(1, false)));
        bs.push(block(12, true));
        assert_eq!(with_later_prose("", &bs, 0), 11);
        // Not across boilerplate, nor across more than GAP_BLOCKS lines.
        let mut boiled = bs.clone();
        boiled[5].boiler = true;
        assert_eq!(with_later_prose("", &boiled, 0), 0);
        let mut far = vec![block(50, true)];
        far.extend((0..GAP_BLOCKS).map(|_| block(2, false)));
        far.push(block(30, true));
        assert_eq!(with_later_prose("", &far, 0), 0);
    }

    #[test]
    fn later_prose_reaches_across_a_long_table_of_cells() {
        let block = |words: usize, prose: bool| Block {
            words,
            prose,
            ..Block::default()
        };
        // An intro, a nutrition table printed a cell a line (60 lines,
        // two in three with a figure), then the steps.
        let cells: String = (0..20).map(|_| "Fat\n19 g\n(16 %)\n").collect();
        let mut bs = vec![block(50, true)];
        let mut at = 0;
        for cell in cells.lines() {
            bs.push(Block {
                range: at..at + cell.len(),
                ..block(2, false)
            });
            at += cell.len() + 1;
        }
        bs.push(block(30, true));
        assert_eq!(with_later_prose(&cells, &bs, 0), 61);
        // Sixty names without a figure are no table: the paragraph after
        // them is not reached.
        assert_eq!(with_later_prose("", &bs, 0), 0);
        bs.drain(1..2 + 60 - GAP_NEAR);
        assert_eq!(with_later_prose("", &bs, 0), GAP_NEAR);
    }

    #[test]
    fn list_before_the_body_joins_it() {
        let doc = clean_lines(
            "Home\nRecipes\nPlum cake\nIngredients\nFor the dough:\n250 g flour\n\
             125 g butter\n2 eggs\nFor the topping:\n1 kg plums\n50 g sugar\n\
             Serves 12\n\
             Rub the butter into the flour, add the eggs and knead the dough until it is smooth and firm.\n\
             Press the dough into a greased tin, cover it with the halved plums and sprinkle the sugar.\n\
             Bake the cake for forty minutes until the plums are soft and the edges turn golden brown.\n\
             Privacy policy\n",
        );
        assert!(
            doc.text.starts_with("For the dough:\n250 g flour\n"),
            "{}",
            doc.text
        );
        assert!(
            doc.text.contains("For the topping:\n1 kg plums"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn a_few_numbered_lines_or_prose_before_the_body_are_no_list() {
        let block = |words: usize, item: bool| Block {
            words,
            item,
            ..Block::default()
        };
        // Two entries are too few; a body of prose at index 5.
        let mut bs = vec![
            block(2, false),
            block(3, true),
            block(3, true),
            block(2, false),
        ];
        bs.push(block(2, false));
        bs.push(Block {
            words: 40,
            prose: true,
            ..Block::default()
        });
        assert_eq!(with_earlier_list("", &bs, 5, 0), 5);
        // Three entries make a list; a colon line just before the first
        // entry announces it.
        bs.insert(1, block(3, true));
        bs[0].colon = true;
        assert_eq!(with_earlier_list("", &bs, 6, 0), 0);
        // A menu (or prose, or boilerplate) between them and the body stops
        // the walk, as do entries too far apart.
        let mut menu = bs.clone();
        menu[5].menu = true;
        assert_eq!(with_earlier_list("", &menu, 6, 0), 6);
        let mut spread = vec![block(3, true)];
        spread.extend((0..LIST_GAP + 1).map(|_| block(2, false)));
        spread.extend([block(3, true), block(3, true), block(2, false)]);
        // (two entries near the body, the third too far: no list)
        spread.push(Block {
            words: 40,
            prose: true,
            ..Block::default()
        });
        let body = spread.len() - 1;
        assert_eq!(with_earlier_list("", &spread, body, 0), body);
        spread.insert(LIST_GAP + 2, block(3, true));
        // (announced by no colon line, and a line between the list and
        // the body: no list)
        assert_eq!(with_earlier_list("", &spread, body + 1, 0), body + 1);
        spread.remove(body);
        assert_eq!(with_earlier_list("", &spread, body, 0), LIST_GAP + 2);
        // Never across the title (`floor`), nor over more than LIST_MAX
        // entries.
        assert_eq!(with_earlier_list("", &bs, 6, 2), 6);
        let mut long = vec![block(3, true); LIST_MAX + 1];
        long.push(Block {
            words: 40,
            prose: true,
            ..Block::default()
        });
        assert_eq!(with_earlier_list("", &long, LIST_MAX + 1, 0), LIST_MAX + 1);
        long.drain(..2);
        assert_eq!(with_earlier_list("", &long, LIST_MAX - 1, 0), 0);
    }

    #[test]
    fn counts_and_dated_listings_before_the_body_are_no_list() {
        let prose = "The court ruled on Thursday that the conditions at the center violate the rights of the people held there, in a case brought by the clinic.\n\
             It ordered the operator to submit a plan within thirty days and to let lawyers visit their clients at any hour of the day.\n\
             The operator said it would appeal the ruling and that it had already begun repairs at the center.\n";
        for lines in [
            "8 comments\n130 shares\n2,044 views\nBy Ann Lee\n",
            "See also:\n2024 Court blocks a transfer\n2023 Judge orders hearings\n2022 County settles a claim\nBy Ann Lee\n",
        ] {
            let doc = clean_lines(&format!("Clinic wins a ruling\n{lines}{prose}"));
            assert!(!doc.text.contains("130 shares"), "{}", doc.text);
            assert!(!doc.text.contains("2023 Judge"), "{}", doc.text);
            assert!(doc.text.contains("The court ruled"), "{}", doc.text);
        }
        assert!(year_led("2021 Settlement reached"));
        assert!(!year_led("2000 g flour") && !year_led("250 g Flour"));
    }

    #[test]
    fn sentence_cut_by_a_line_break_before_the_body_is_whole() {
        let body = "is held for the sixth time this year, and children from six to twelve may take part.\n\
             The court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             The appellant argued that the lower court had misread the contract and the statute.\n";
        let doc = clean_lines(&format!(
            "Home\nNews\nThe poster contest for children\n{body}Privacy policy\n"
        ));
        assert!(
            doc.text
                .starts_with("The poster contest for children\nis held"),
            "{}",
            doc.text
        );
        // A heading that ends a sentence, or a body starting with a
        // capital, takes nothing.
        let raw = "Contest.\nis held\nThe poster";
        let block = |range: std::ops::Range<usize>, words: usize, terminal: bool| Block {
            range,
            words,
            terminal,
            ..Block::default()
        };
        let bs = vec![
            block(0..8, 1, true),
            block(9..16, 2, false),
            block(17..27, 2, false),
        ];
        assert_eq!(with_sentence_head(raw, &bs, 1), 1);
        assert_eq!(with_sentence_head(raw, &bs, 2), 2);
        assert_eq!(with_sentence_head(raw, &bs, 0), 0);
        let mut open = bs.clone();
        open[0].terminal = false;
        assert_eq!(with_sentence_head(raw, &open, 1), 0);
    }

    #[test]
    fn contact_lines_and_disclaiming_sentences_inside_a_body_stay() {
        let p1 = "The court heard the appeal on Monday and reserved its judgment until the end of the month. \
             The hearing lasted four hours, and the public gallery was full from the first minute to the last.";
        let p2 = "The appellant argued that the lower court had misread the contract and the statute. \
             Her counsel pointed to the words of the lease, which gave the tenant the right to renew twice.";
        // A letter's contact lines in an HTML body are the author's; a
        // short source line is still the site's.
        let doc = clean_lines(&format!(
            "Home\nNews\nDear Minister,\n{p1}\nContact: Jane Roe, Legal Director\n{p2}\n\
             Sincerely,\nJane Roe\nLegal Director\nPhone: +1 202 555 0100\nEmail: jroe@example.org\ncc: Director, Immigration Agency\nPrivacy policy\n"
        ));
        for kept in ["Contact: Jane Roe", "Phone: +1 202", "Email: jroe@"] {
            assert!(doc.text.contains(kept), "{kept}: {}", doc.text);
        }
        let doc = clean_lines(&format!(
            "Home\nNews\n{p1}\nSource: Wire Agency\n{p2}\n{p1} Again.\nPrivacy policy\n"
        ));
        assert!(!doc.text.contains("Source: Wire"), "{}", doc.text);
        assert!(doc.text.contains(p2), "{}", doc.text);
        // Sentences that disclaim are prose, however close together.
        let doc = clean_flat(&format!(
            "{p1}\n\nThe country report was published by the State Department in May.\n\n\
             The Board said the report's views do not necessarily reflect those of the court.\n\n{p2}\n\n\
             Mira: I was held in a cell for two weeks.\n\n{p2}"
        ));
        assert!(
            doc.text.contains("do not necessarily reflect"),
            "{}",
            doc.text
        );
        assert!(doc.text.ends_with("renew twice."), "{}", doc.text);
        assert!(doc.text.contains("Mira: I was held"), "{}", doc.text);
    }

    #[test]
    fn site_box_inside_an_html_body_is_dropped() {
        let p1 = "The court heard the appeal on Monday and reserved its judgment until the end of the month. \
             The hearing lasted four hours, and the public gallery was full from the first minute to the last. \
             Both sides had filed long briefs, and the judges asked many questions about the earlier cases.";
        let p2 = "The appellant argued that the lower court had misread the contract and the statute. \
             Her counsel pointed to the words of the lease, which gave the tenant the right to renew twice. \
             The clause had been copied from an older lease, and nobody had noticed the change in the text.";
        let p3 =
            "The respondent replied that the contract was clear and the statute did not apply.";
        // A newsletter box between paragraphs: a heading and a sentence
        // with the same vocabulary.
        let doc = clean_lines(&format!(
            "Home\nNews\n{p1}\n{p1}\nSign up for the Daily Courier newsletter\n\
             Never miss the latest news by signing up to our newsletter today!\n{p2}\n{p2}\n{p3}\nPrivacy policy\n"
        ));
        assert!(!doc.text.contains("Never miss"), "{}", doc.text);
        assert!(doc.text.contains(p1) && doc.text.contains(p2) && doc.text.contains(p3));
        // One such sentence alone is the author's.
        let doc = clean_lines(&format!(
            "Home\nNews\n{p1}\nNever miss the latest news by signing up to our newsletter today!\n{p2}\n{p3}\nPrivacy policy\n"
        ));
        assert!(doc.text.contains("Never miss"), "{}", doc.text);
        // A notice repeated under each box, with the site's vocabulary.
        let notice = "Last update 2 May 2021 / More information at the shop";
        let doc = clean_lines(&format!(
            "Home\nNews\n{p1}\n{notice}\n{p2}\n{notice}\n{p3}\nPrivacy policy\n"
        ));
        assert!(!doc.text.contains("Last update"), "{}", doc.text);
        assert!(doc.text.contains(p2));
        // The same in a letter (plain text) stays.
        let doc = clean_flat(&format!("{p1}{notice}{p2}{notice}{p3}"));
        assert!(doc.text.contains("Last update"), "{}", doc.text);
    }

    #[test]
    fn pointer_to_another_article_inside_an_html_body_is_dropped() {
        let doc = clean_lines(
            "Home\nNews\nThe court heard the appeal on Monday and reserved its judgment until the end of the month.\n\
             Read also: Why the county lost its last appeal on the lease?\n\
             The appellant argued that the lower court had misread the contract and the statute.\n\
             The respondent replied that the contract was clear and the statute did not apply.\nPrivacy policy\n",
        );
        assert!(!doc.text.contains("Read also"), "{}", doc.text);
        assert!(doc.text.contains("misread") && doc.text.contains("reserved"));
    }

    #[test]
    fn tail_stops_at_the_first_author_block() {
        let block = |words: usize, tail: bool| Block {
            words,
            tail,
            ..Block::default()
        };
        // body, tail phrase in a long paragraph, tail line, tail line
        let bs = vec![
            block(50, false),
            block(TAIL_WORDS + 1, true),
            block(8, true),
            block(3, true),
        ];
        assert_eq!(without_tail(&bs, 0, 3), 1);
        // The first block of the body stays whatever it says.
        assert_eq!(without_tail(&bs[2..], 0, 1), 0);
    }

    #[test]
    fn numbered_list_next_to_the_body_is_kept_whole() {
        let doc = clean_lines(
            "Home\nRecipes\nAbout\nContact\nIngredients:\n250 g flour\n2 eggs\n1 pinch salt\n\
             100 ml milk\n50 g butter\n2 tbsp sugar\n1 tsp vanilla\n3 apples\nMethod:\n\
             Mix the flour, the eggs and the salt in a large bowl until the batter is smooth.\n\
             Melt the butter in a pan and fry the apple slices on both sides until golden.\n\
             Pour the batter over the apples and bake the pancake for twenty minutes.\n\
             Privacy policy\n",
        );
        assert!(
            doc.text.starts_with("Ingredients:\n250 g flour"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("3 apples\nMethod:"), "{}", doc.text);
        assert!(!doc.text.contains("Contact") && !doc.text.contains("Privacy"));
    }

    #[test]
    fn list_announced_by_a_colon_after_the_body_is_kept() {
        let doc = clean_lines(
            "Home\nGames\nAbout\nContact\n\
             The new edition of the board game came out this week after two years of work.\n\
             It keeps the rules that players liked and adds a faster way to set up a round.\n\
             The box now contains:\n\
             Two hundred new cards with questions for players of every age and taste\n\
             A timer that stops a round when nobody answers within thirty seconds\n\
             Rules for teams of up to six players in the same room or online\n\
             Privacy policy\n",
        );
        assert!(
            doc.text.contains("The box now contains:\nTwo hundred"),
            "{}",
            doc.text
        );
        assert!(
            doc.text.ends_with("in the same room or online"),
            "{}",
            doc.text
        );
        // Without the colon the same long lines are no list of the body.
        let doc = clean_lines(
            "The new edition of the board game came out this week after two years of work.\n\
             It keeps the rules that players liked and adds a faster way to set up a round.\n\
             Two hundred new cards with questions for players of every age and taste\n\
             A timer that stops a round when nobody answers within thirty seconds\n",
        );
        assert!(!doc.text.contains("Two hundred"), "{}", doc.text);
    }

    #[test]
    fn code_lines_are_no_title() {
        let doc = clean_lines(
            "Консольные команды для скорости\n\
             game.set_speed run 120\n\
             game.set_speed jump *\n\
             После ввода команд нужно сохранить игру и перезапустить её, чтобы скорость изменилась. \
             Если скорость слишком высокая, персонаж может застревать в стенах и дверях.\n",
        );
        assert!(
            doc.text.starts_with("game.set_speed run 120\n"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn paragraph_cut_by_a_paywall_after_the_body_is_kept() {
        let body = "Home\nNews\nSport\nContact\n\
             The defensive end pulled off the quarterback's helmet in the closing seconds of the game and swung it at him.\n";
        let cut = "The quarterback did not suffer a concussion. Still, the player has been suspended without pay for the rest of the season and may receive....";
        let doc = clean_lines(&format!(
            "{body}{cut}\nTo read the full story\nSubscribe now\n"
        ));
        assert!(doc.text.ends_with("may receive...."), "{}", doc.text);
        // A teaser after its own title is another article's.
        let doc = clean_lines(&format!(
            "{body}Suspensions in the league\n{cut}\nTo read the full story\n"
        ));
        assert!(!doc.text.contains("concussion"), "{}", doc.text);
    }

    #[test]
    fn steps_a_short_sentence_a_line_after_a_recipe_card_are_kept() {
        let mut raw = String::from(
            "Once in a while I like to cook a vegan dinner, and this stir fry of flat rice noodles with tofu is quick to make. \
             The only part that takes time is frying the tofu until it is golden on every side.\n\
             It is a dish I first ate at a street stall years ago, and I have tried to get the taste of the \
             sauce right ever since, with more or less sweet soy sauce and a pinch of pepper at the end.\n\
             Ingredients\n",
        );
        for i in 1..=16 {
            raw.push_str(&format!("Ingredient number {i}\n"));
        }
        // The plugin ends each line with an invisible separator (U+2063).
        raw.push_str(
            "Directions\n\
             Dice the tofu and fry it in some oil until golden.\u{2063}\n\
             Remove and drain on paper towels.\u{2063}\n\
             Saute the minced garlic in the oil left in the wok.\u{2063}\n\
             Add the noodles and the seasoning and stir fry to mix well.\u{2063}\n\
             Privacy policy\n",
        );
        let doc = clean_lines(&raw);
        assert!(
            doc.text.contains("Directions\nDice the tofu"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("stir fry to mix well."), "{}", doc.text);
        assert!(!doc.text.contains("Privacy"), "{}", doc.text);
    }

    #[test]
    fn appeal_box_and_its_button_after_the_body_are_cut() {
        let doc = clean_lines(
            "Home\nNews\nCulture\nContact\n\
             The festival opened on Friday with a film about the women who built the town's first school.\n\
             Its director spent three years collecting letters and photographs from the families involved.\n\
             With only 2 euros a month you can support our journalism and help us keep this magazine free.\n\
             Support us now!\n",
        );
        assert!(
            doc.text.ends_with("from the families involved."),
            "{}",
            doc.text
        );
        // A signature line after a contact line stays: it is a name.
        let doc = clean_lines(
            "The festival opened on Friday with a film about the women who built the town's first school.\n\
             Its director spent three years collecting letters and photographs from the families involved.\n\
             Press contact:\n\
             J. DOE\n",
        );
        assert!(doc.text.ends_with("J. DOE"), "{}", doc.text);
        // A closing call after a line that only carries a site phrase (a
        // letter's contact line) is the author's: both stay.
        let doc = clean_lines(
            "We write on behalf of the people detained at the county jail about the lack of medical care there.\n\
             We ask that you respond to this letter within thirty days and send us the jail's medical policies.\n\
             For more information, contact our press office at press@example.org.\n\
             Justice now!\n",
        );
        assert!(doc.text.ends_with("Justice now!"), "{}", doc.text);
        assert!(
            doc.text.contains("contact our press office"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn list_of_dates_after_the_body_is_kept_whole() {
        let mut raw = String::from(
            "The choir announced a summer tour that will take it to more than a dozen cities.\n\
             Tickets go on sale on Friday at the box offices of each venue and online.\n\
             Tour Dates\n",
        );
        for (m, d) in [
            ("June", 2),
            ("June", 9),
            ("June", 16),
            ("July", 1),
            ("July", 8),
        ] {
            raw.push_str(&format!("{m} {d} – Springfield, IL @ The Old County Fairgrounds Music Pavilion and Garden\n"));
        }
        for d in [3, 10, 17, 24] {
            raw.push_str(&format!("August {d} – Riverside, CA @ Hall\n"));
        }
        raw.push_str("Privacy policy\n");
        let doc = clean_lines(&raw);
        assert!(
            doc.text.ends_with("August 24 – Riverside, CA @ Hall"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("June 2 – Springfield"), "{}", doc.text);
    }

    #[test]
    fn flattened_letter_keeps_body_sign_off_and_cc_block() {
        let doc = clean_flat(LETTER);
        assert!(
            doc.text.starts_with("We write to raise serious concerns"),
            "{}",
            doc.text
        );
        assert!(doc.text.ends_with("Springfield, IL 62701"), "{}", doc.text);
        for gone in [
            "Skip to main content",
            "Share this on",
            "Your gift",
            "$25",
            "Donate Now",
            "Related Reading",
            "2018",
            "2017",
            "Privacy Policy",
            "©",
            "10:00AM",
        ] {
            assert!(!doc.text.contains(gone), "{gone} survived");
        }
        assert_eq!(
            doc.title.as_deref(),
            Some("Open Letter on Visiting Rights at Northgate Jail")
        );
        assert_eq!(doc.publisher.as_deref(), Some("Prisoners Aid Network"));
        assert_eq!(doc.published.as_deref(), Some("2019-03-03"));
        // The kept text is one verbatim range of raw.
        let start = LETTER.find("We write").unwrap();
        assert_eq!(doc.map.to_raw(0), Some(start));
        assert_eq!(
            doc.removed_chars(),
            LETTER.chars().count() - doc.text.chars().count()
        );
    }

    #[test]
    fn salutation_is_kept_and_language_picker_dropped() {
        let raw = "Civic Rights LeagueEnglishEspañolFrançaisРусский中文MenuDear Governor Hale:We are writing to ask you to veto the bill that would end parole hearings for people sentenced as children.The bill ignores what courts have said about the capacity of young people to change and grow.Sincerely,Ann ParkCivic Rights LeagueTagsParoleYouthFollow us";
        let doc = clean_flat(raw);
        assert!(doc.text.starts_with("Dear Governor Hale:"), "{}", doc.text);
        assert!(doc.text.ends_with("Civic Rights League"), "{}", doc.text);
        assert!(!doc.text.contains("Español") && !doc.text.contains("中文"));
        assert!(!doc.text.contains("Tags") && !doc.text.contains("Follow us"));
    }

    #[test]
    fn repeated_share_bar_and_teasers_are_not_body() {
        let raw = "Print this pageEmail this pageThe tribunal found that the applicant had been detained for eleven months without any review of the grounds.It ordered his release within seven days and awarded costs against the ministry.Print this pageEmail this pageCourt orders release of asylum seeker held in hotel for a year by the ministry...Judges criticise delays in immigration appeals across the region this winter...";
        let doc = clean_flat(raw);
        assert!(doc.text.starts_with("The tribunal found"));
        assert!(doc.text.ends_with("against the ministry."), "{}", doc.text);
    }

    #[test]
    fn copyright_line_is_a_barrier() {
        let raw = "The board held that the notice was defective because it gave no date for the hearing and no address for the court.The appeal was therefore allowed and the order set aside.© 2020 Example Law ReviewReaders also enjoyed a long essay on the history of notice requirements in administrative law and how they developed.";
        let doc = clean_flat(raw);
        assert!(doc.text.ends_with("the order set aside."), "{}", doc.text);
        assert_eq!(doc.publisher.as_deref(), Some("Example Law Review"));
    }

    #[test]
    fn line_structured_decision_keeps_headings_docket_and_judge() {
        let raw = "Record Nr: 12-345\nArchive Date: 01/02/20\n\nDOCKET NO. 19-12 345\nDATE: January 2, 2020\n\nORDER\n\nThe appeal is granted and the claim is remanded for a new hearing before the board.\n\nFINDINGS OF FACT\n\n1. The claimant served on active duty from 1990 to 1994 and was injured in training.\n\n2. The examiner did not address the service records or the statements of two witnesses.\n\n(Continued on the next page)\n\n?\n\nThe claim must therefore be heard again with all of the evidence before the examiner.\n\nJ. DOE\n\nAdministrative Judge\n\nThis decision is not precedential and does not bind the board in any other case.\n";
        let mut doc = Document::new("t".into(), "t".into(), Format::Text, raw.to_string());
        cleaner().clean(&mut doc);
        let t = &doc.text;
        for kept in [
            "DOCKET NO. 19-12 345",
            "ORDER",
            "FINDINGS OF FACT",
            "J. DOE",
            "Administrative Judge",
            "from 1990 to 1994",
        ] {
            assert!(t.contains(kept), "{kept} lost:\n{t}");
        }
        for gone in [
            "Archive Date",
            // The dateline's date is `published`, not a body date.
            "DATE: January 2, 2020",
            "(Continued on the next page)",
            "\n?\n",
            "not precedential",
        ] {
            assert!(!t.contains(gone), "{gone} survived:\n{t}");
        }
        assert_eq!(doc.published.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn block_structured_page_drops_menus_and_footer() {
        let raw = "Home\nNews\nAbout\nContact\nCourt Upholds Fine Against Landlord\nJune 1, 2021\nA state court on Tuesday upheld a fine imposed on a landlord who failed to repair heating in a building for two winters.\nThe tenants had complained to the city more than forty times, the decision says.\nThe landlord may still appeal to the higher court within thirty days.\nShare on Facebook\nShare on Twitter\nRelated articles\nPrivacy Policy\nTerms of Use\n";
        let doc = clean_lines(raw);
        assert!(
            doc.text.contains("A state court on Tuesday"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("within thirty days."));
        for gone in ["Home", "Share on", "Privacy Policy", "Related"] {
            assert!(!doc.text.contains(gone), "{gone} survived:\n{}", doc.text);
        }
        assert_eq!(doc.published.as_deref(), Some("2021-06-01"));
        assert_eq!(
            doc.title.as_deref(),
            Some("Court Upholds Fine Against Landlord")
        );
    }

    #[test]
    fn page_without_prose_is_kept_whole_and_odd_input_does_not_panic() {
        let doc = clean_flat("HomeAboutContact");
        assert_eq!(doc.text, "HomeAboutContact");
        for raw in [
            "",
            " ",
            "\n\n\n",
            "©",
            "$",
            "a",
            "日本語",
            "Sincerely,",
            "Dear",
        ] {
            let _ = clean_flat(raw);
            let _ = clean_lines(raw);
        }
    }

    #[test]
    fn metadata_is_not_overwritten() {
        let mut doc = Document::new("t".into(), "t".into(), Format::Text, LETTER.to_string());
        doc.title = Some("Given".into());
        doc.published = Some("2000-01-01".into());
        cleaner().clean(&mut doc);
        assert_eq!(doc.title.as_deref(), Some("Given"));
        assert_eq!(doc.published.as_deref(), Some("2000-01-01"));
    }

    #[test]
    fn seed_page_against_its_gold() {
        let raw = include_str!("../../fixtures/docs/000_33f9748ff7c1b5ed.txt");
        let gold: serde_json::Value = serde_json::from_str(include_str!(
            "../../fixtures/gold/000_33f9748ff7c1b5ed.gold.json"
        ))
        .unwrap();
        let doc = clean_flat(raw);
        let body = gold["text"].as_str().unwrap();
        let first_words: String = body
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(doc.text.starts_with(&first_words), "{}", &doc.text[..80]);
        let last_line = body.rsplit("20520").next().unwrap();
        assert!(doc.text.ends_with(last_line), "ends with {last_line:?}");
        for s in gold["boilerplate_must_not_survive"].as_array().unwrap() {
            let s = s.as_str().unwrap();
            assert!(!doc.text.contains(s), "boilerplate survived: {s}");
        }
        for s in gold["body_must_survive"].as_array().unwrap() {
            let s = s.as_str().unwrap();
            assert!(doc.text.contains(s), "body lost: {s}");
        }
        assert_eq!(doc.title.as_deref(), gold["title"].as_str());
        assert_eq!(doc.published.as_deref(), gold["published"].as_str());
        assert_eq!(doc.publisher.as_deref(), gold["publisher"].as_str());
        // No date of the removed parts is left in the text.
        for d in gold["dates_must_not_appear"].as_array().unwrap() {
            let year = &d.as_str().unwrap()[..4];
            assert!(!doc.text.contains(year), "{year} leaked");
        }
    }

    #[test]
    fn html_section_labels_kept_by_the_reader_stay() {
        // The reader keeps a structured text's repeated labels: they are
        // no chrome for the cleaner.
        let p1 = "The first plan starts the day with eggs, toast and a glass of juice, \
                  then keeps the cook busy with a long list of steps that take the better \
                  part of the morning before anyone sits down.";
        let p2 = "The second plan starts the day with oats, fruit and a cup of tea, then \
                  leaves the cook free for the rest of the morning, since the oats soak \
                  overnight and need no more than a stir.";
        let doc = clean_lines(&format!(
            "Two plans for the week follow, each with its meals, the time to eat them and the \
             portions, so that the cook can prepare the whole week on a Sunday.\nPlan A\nBreakfast\nEat early in the day\n{p1}\nPortion: 1 cup\nPlan B\n\
             Breakfast\nEat early in the day\n{p2}\nPortion: 1 cup\n"
        ));
        assert_eq!(
            doc.text.matches("Eat early in the day").count(),
            2,
            "{}",
            doc.text
        );
        assert_eq!(
            doc.text.matches("Portion: 1 cup").count(),
            2,
            "{}",
            doc.text
        );
        assert!(doc.text.contains(p2));
        // A short line of the site's vocabulary among them is chrome all
        // the same (it keeps its boilerplate mark).
        let doc = clean_lines(&format!(
            "{p1}\nPlan A\nShare this\nEat early in the day\n{p1}\nPlan B\nShare this\n\
             Eat early in the day\n{p2}\n"
        ));
        assert!(!doc.text.contains("Share this"), "{}", doc.text);
        assert_eq!(doc.text.matches("Eat early in the day").count(), 2);
    }

    #[test]
    fn body_starts_after_the_repeated_title_heading() {
        let raw = "Judge Orders New Hearing for Detained Father | Metro Courier\nOther stories from this week, in brief, from around the region and beyond it, as told by our reporters.\nA long caption describing a photograph of the courthouse steps on a rainy morning in the city.\nJudge Orders New Hearing for Detained Father\nBy Staff Writer\nA federal judge on Monday ordered a new bond hearing for a father held for nine months at a county jail.\nThe judge found that the first hearing had placed the burden of proof on the wrong party.\nThe government has thirty days to schedule the hearing or release him.\nHis lawyers said the family had not been allowed to visit him since the spring, when the jail ended in-person visits for all detainees.\nThe county did not answer a request for comment on the ruling or on the visiting rules, which remain in force for now.\nA status conference is set for the first week of next month, when the judge will hear from both sides on the new date.\n";
        let doc = clean_lines(raw);
        assert!(
            doc.text.starts_with("A federal judge on Monday"),
            "{}",
            doc.text
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("Judge Orders New Hearing for Detained Father")
        );
        assert_eq!(doc.publisher.as_deref(), Some("Metro Courier"));
    }

    #[test]
    fn body_starts_after_a_title_heading_led_by_the_site_name() {
        let body = "A federal judge on Monday ordered a new bond hearing for a father held for nine months at a county jail.\nThe judge found that the first hearing had placed the burden of proof on the wrong party.\nThe government has thirty days to schedule the hearing or release him.\nHis lawyers said the family had not been allowed to visit him since the spring, when the jail ended in-person visits for all detainees.\nThe county did not answer a request for comment on the ruling or on the visiting rules, which remain in force for now.\n";
        let caption = "A long caption describing a photograph of the courthouse steps on a rainy morning in the city. (credit: Agency/Photographer)\n";
        let raw = format!(
            "The Metro Review: Judge Orders New Hearing for Detained Father\n{caption}Judge Orders New Hearing for Detained Father\n{body}"
        );
        let doc = clean_lines(&raw);
        assert!(
            doc.text.starts_with("A federal judge on Monday"),
            "{}",
            doc.text
        );
        // An HTML page's text has no `<title>` line: the title from its
        // metadata is used.
        let mut doc = Document::new(
            "t".into(),
            "t".into(),
            Format::Html,
            format!("{caption}Judge Orders New Hearing for Detained Father\n{body}"),
        );
        doc.blocks = true;
        doc.title = Some("The Metro Review: Judge Orders New Hearing for Detained Father".into());
        cleaner().clean(&mut doc);
        assert!(
            doc.text.starts_with("A federal judge on Monday"),
            "{}",
            doc.text
        );
        assert!(after_site_prefix("Site | A Long Heading", "A Long Heading"));
        // A title that merely ends with the words of a heading, without a
        // separator, or after a long prefix, is not led by a site name.
        assert!(!after_site_prefix("Why A Long Heading", "A Long Heading"));
        assert!(!after_site_prefix(
            "One two three four five six seven: A Long Heading",
            "A Long Heading"
        ));
    }

    #[test]
    fn title_heading_in_a_script_of_several_bytes_a_letter() {
        let raw = "Суд отменил решение о продлении ареста\n\
            Московский городской суд в понедельник отменил решение районного суда о продлении ареста обвиняемого.\n\
            Суд указал, что районный суд не привёл доводов в пользу дальнейшего содержания под стражей.\n\
            Дело направлено на новое рассмотрение в тот же суд в ином составе судей.\n\
            Защита заявила, что намерена добиваться освобождения своего подзащитного под залог.\n";
        let mut doc = Document::new("t".into(), "t".into(), Format::Html, raw.to_string());
        doc.blocks = true;
        cleaner().clean(&mut doc);
        assert_eq!(
            doc.title.as_deref(),
            Some("Суд отменил решение о продлении ареста")
        );
        assert!(doc.text.starts_with("Московский"), "{}", doc.text);
    }

    #[test]
    fn article_before_comments_wins_over_longer_comments() {
        let para = "The council voted to close the old detention wing after an inspection found broken heating and locked fire exits in two of its blocks.";
        let comment = "I have lived near that building for years and I think the council should have acted much sooner than it did, frankly.";
        let raw = format!(
            "{para}{para}Comments{c}Reply{c}Reply{c}{c}Reply{c}{c}{c}",
            c = comment
        );
        let doc = clean_flat(&raw);
        assert!(doc.text.starts_with("The council voted"), "{}", doc.text);
        assert!(!doc.text.contains("I have lived"), "{}", doc.text);
    }

    /// A made-up plain-text e-mail letter hard-wrapped at 72 columns.
    const WRAPPED_LETTER: &str = "From: Jane Roe <jane@example.org>
To: Warden Smith
Subject: Visiting hours at Eastfield

Dear Warden Smith,

I am writing on behalf of the families of the men held in the east wing
of Eastfield Correctional Facility, who since March have been allowed a
single visit of thirty minutes each month. Many of them travel for more
than four hours to reach the prison, and several were turned away at the
gate last week without any explanation.

We ask that the previous schedule be restored and that families be told
in writing of any future change to the visiting rules.

Sincerely,

Jane Roe
Coordinator
Families Inside Network
12 River Road
Albany, NY 12207

--
Unsubscribe from this list
Privacy Policy
";

    #[test]
    fn hard_wrapped_letter_is_kept_paragraph_by_paragraph() {
        let mut doc = Document::new(
            "t".into(),
            "t".into(),
            Format::Text,
            WRAPPED_LETTER.to_string(),
        );
        doc.blocks = true;
        cleaner().clean(&mut doc);
        let t = &doc.text;
        assert!(t.starts_with("Dear Warden Smith,"), "{t}");
        assert!(t.ends_with("Albany, NY 12207"), "{t}");
        for kept in [
            "I am writing on behalf",
            "gate last week without any explanation.",
            "in writing of any future change to the visiting rules.",
            "Sincerely,\n\nJane Roe\nCoordinator\nFamilies Inside Network",
        ] {
            assert!(t.contains(kept), "{kept:?} lost:\n{t}");
        }
        for gone in ["From:", "Subject:", "Unsubscribe", "Privacy"] {
            assert!(!t.contains(gone), "{gone} survived:\n{t}");
        }
        // Without grouping, every wrapped line would be a non-sentence
        // block: the blocks of the first paragraph are one prose block.
        let ranges = blocks::from_paragraphs(
            WRAPPED_LETTER,
            cleaner().paragraphs.paragraphs(WRAPPED_LETTER),
        );
        let texts: Vec<&str> = ranges.iter().map(|r| &WRAPPED_LETTER[r.clone()]).collect();
        assert!(
            texts.iter().any(|b| b.starts_with("I am writing")
                && b.ends_with("without any explanation.")
                && b.matches('\n').count() == 4),
            "{texts:#?}"
        );
        assert!(texts.contains(&"Jane Roe") && texts.contains(&"Coordinator"));
    }

    #[test]
    fn markdown_press_release_keeps_wrapped_body_and_signature() {
        let md = include_str!("../../fixtures/markdown/press_release.md");
        let raw = crate::RawDoc::new("pr", "press_release.md", md.as_bytes().to_vec());
        let mut doc = crate::input::load(raw).unwrap();
        cleaner().clean(&mut doc);
        let t = doc.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            t.starts_with("Washington, D.C. – Lawyers for the Refugee Legal Aid Network"),
            "{t}"
        );
        for kept in [
            "denied confidential calls with their attorneys",
            "In a letter sent on March 1, 2024",
            "\"Access to counsel is not a privilege,\" said Maria Alvarez",
            "The court remanded the case to the district court.",
            "Sincerely, Maria Alvarez Legal Director Refugee Legal Aid Network",
        ] {
            assert!(t.contains(kept), "{kept:?} lost:\n{t}");
        }
        assert!(t.ends_with("Refugee Legal Aid Network"), "{t}");
        for gone in ["Read the letter", "Donate now", "Detained Asylum Seekers"] {
            assert!(!t.contains(gone), "{gone} survived:\n{t}");
        }
    }

    /// Clean a fixture through the input stage and check it against its
    /// gold: body kept, boilerplate gone, the people and agencies the gold
    /// counts (many named only in the decision's header) in the text.
    fn check_decision(html: &str, gold: &str) -> String {
        let gold: serde_json::Value = serde_json::from_str(gold).unwrap();
        let raw = crate::RawDoc::new("d", "d.html", html.as_bytes().to_vec());
        let mut doc = crate::input::load(raw).unwrap();
        cleaner().clean(&mut doc);
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = norm(&doc.text);
        let strings = |k: &str| -> Vec<String> {
            gold[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| norm(v.as_str().unwrap_or_else(|| v["name"].as_str().unwrap())))
                .collect()
        };
        for s in strings("body_must_survive") {
            assert!(text.contains(&s), "body lost: {s}\n{text}");
        }
        for s in strings("boilerplate_must_not_survive") {
            assert!(!text.contains(&s), "boilerplate survived: {s}");
        }
        for s in strings("people").into_iter().chain(strings("agencies")) {
            assert!(text.contains(&s), "{s} not in the text\n{text}");
        }
        assert_eq!(doc.published.as_deref(), gold["published"].as_str());
        text
    }

    #[test]
    fn decisions_keep_their_header_but_not_the_reporter_lines() {
        let text = check_decision(
            include_str!("../../fixtures/docs/jur_ny_2026nyslipop00028.html"),
            include_str!("../../fixtures/gold/jur_ny_2026nyslipop00028.gold.json"),
        );
        // The dateline (published) and the slip-op citation line are not
        // body text; the court line opens it.
        assert!(
            text.starts_with("Appellate Division, First Department"),
            "{text}"
        );
        assert!(!text.contains("January 6, 2026") && !text.contains("Slip Op"));
        let text = check_decision(
            include_str!("../../fixtures/docs/jur_ny_2026nyslipop01932.html"),
            include_str!("../../fixtures/gold/jur_ny_2026nyslipop01932.gold.json"),
        );
        assert!(!text.contains("April 1, 2026"), "{text}");
        assert!(text.ends_with("Clerk of the Court"), "{text}");
    }

    #[test]
    fn flattened_decision_keeps_docket_and_judges_signature() {
        let raw = "Record Nr: 12-345Archive Date: 01/02/20DOCKET NO. 19-12 345DATE: January 2, 2020ORDERThe appeal is granted and the claim is remanded for a new hearing before the board.The claimant served on active duty from 1990 to 1994 and was injured in training, the records show.The examiner did not address the service records or the statements of two witnesses.J. DOEAdministrative JudgeThis decision is not precedential and does not bind the board in any other case.Related Decisions Search Help Contact Privacy";
        let doc = clean_flat(raw);
        assert!(doc.text.starts_with("DOCKET NO. 19-12 345"), "{}", doc.text);
        assert!(
            doc.text.ends_with("J. DOEAdministrative Judge"),
            "{}",
            doc.text
        );
        // Without a signature, short blocks after a flattened article stay out.
        let doc = clean_flat("The appeal is granted and the claim is remanded for a new hearing before the board.Court Budget Hearings Set");
        assert!(doc.text.ends_with("before the board."), "{}", doc.text);
    }
}
