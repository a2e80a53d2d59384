//! HTML: the page's visible text with its block structure, and metadata.
//!
//! The page is decoded (the `<meta charset>` / `http-equiv` / XML
//! declaration is passed to [`super::decode`]), parsed with html5ever (via
//! `scraper`, which never fails: broken markup is repaired as a browser
//! does, and entities such as `&amp;` `&nbsp;` `&sect;` are decoded; the
//! attributes never read are first cut from the tags, and the text of
//! scripts and style sheets blanked, by [`prune`], which leaves the tree
//! otherwise the same) and walked once, iteratively, so that deep
//! documents cannot overflow the stack.
//!
//! What the text keeps: every visible text node, in document order, one
//! block per line. Block elements (`p`, `div`, `li`, `h1`–`h6`, `tr`,
//! `td`/`th`, `blockquote`, `section`, `dd`/`dt`, …), an inline element
//! its own `style` lays out as a block (`<em style="display: block">`: a
//! picture credit on its own line, not glued to the paragraph after it)
//! and `br` end a line,
//! except the cells of a table row that holds only inline text (a data
//! table: `250 g flour`, `Weight 1.2 kg`), which share the row's line,
//! joined with a space, so that its cells are read together and a value
//! repeated in several rows is not taken for a repeated line;
//! a block holding only a step's number (`1.`, `2)`, `3`: a recipe's or
//! a how-to's steps, a quantity beside its unit) does not end its line,
//! so the number reads with the block after it (`1. Mix the flour …`)
//! and is not lost as a repeated short line;
//! inline elements join with exactly the whitespace of the source, and
//! runs of whitespace collapse to one space; `pre` keeps its line breaks.
//!
//! What it drops: everything outside the main-content container and the
//! site chrome inside it, as chosen by [`content`] (container by
//! `articleBody` / `article` / content-like class / `main`, with a
//! fallback to the whole body; chrome by element, ARIA role and
//! class/id vocabulary from `patterns/html_classes.tsv`, link-heavy
//! blocks); short lines repeating an earlier line, unless a structured
//! text repeats them in one element under a label of the same text (see
//! [`without_repeats`]; the walk tracks each line's place on its stack of
//! open blocks, so this stays linear); non-content elements
//! (`script`, `style`, `noscript`, `template`, `svg`, `iframe`, form
//! controls, media), small forms (a `form` that wraps the whole page, as ASP.NET sites do, is
//! kept), and hidden elements (`hidden`, `aria-hidden="true"`, inline
//! `display:none` / `visibility:hidden`, and the conventional
//! screen-reader-only classes). The remaining boilerplate is the
//! cleaner's job.
//!
//! Metadata, strongest source first:
//! - title: `og:title` (without a trailing `| site name` it may repeat),
//!   other title meta (`citation_title`, `DC.title`,
//!   `twitter:title`), JSON-LD `headline`, the first `<h1>` when the
//!   `<title>` starts with it, the `<title>` without a trailing site name
//!   (after ` | `, ` - `, ` — `, ` – `, ` :: `, ` · `) or reference in
//!   parentheses, then the first `<h1>`;
//! - published: JSON-LD `datePublished`, publication-date meta
//!   (`article:published_time`, `DC.date`, `date`, `citation_date`, …),
//!   `<time datetime>`, then a dateline near the top of the text
//!   ([`super::date_line`]), then the first date in the short text of an
//!   element whose class or id names a date or byline (`post-date`,
//!   `entry-meta`: `Posted on March 2, 2021 by …`), outside sidebars,
//!   comments and lists of other posts; normalised with
//!   [`super::iso_date`];
//! - publisher: `og:site_name`, JSON-LD `publisher`, publisher meta, a
//!   `Published by …` line near the top, then a site name removed from
//!   the `<title>`.

mod content;
mod memo;
mod prune;

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use scraper::node::Element;
use scraper::{Html, Node};

use super::{iso_date, BlockText};
use crate::document::{Document, Format};
use crate::error::Result;

/// Parse an HTML page into a document whose `raw` text has one block per
/// line, with title, publication date and publisher from its metadata.
pub fn load(id: String, source: String, bytes: &[u8]) -> Result<Document> {
    load_with_charset(id, source, bytes, None)
}

/// [`load`] with a charset declared outside the page (an HTTP header),
/// which wins over the page's own declaration.
pub fn load_with_charset(
    id: String,
    source: String,
    bytes: &[u8],
    charset: Option<&str>,
) -> Result<Document> {
    let declared = charset
        .map(str::to_string)
        .or_else(|| declared_charset(bytes));
    let text = super::decode::decode(bytes, declared.as_deref())?;
    if nesting_depth(&text) > MAX_DEPTH {
        // html5ever's tree building costs time in proportion to the depth
        // of open elements for every tag: a hostile page nested a million
        // deep would take hours. Such a page is read as tag-stripped text.
        // Its repeated short lines go all the same (none has a place).
        let raw = without_repeats(strip_tags(&text), &[]);
        let mut doc = Document::new(id, source, Format::Html, raw);
        doc.blocks = true;
        return Ok(doc);
    }
    let page = Html::parse_document(&prune::prune(&text));
    Ok(from_page(id, source, &page, text.len()))
}

/// The document of a parsed page whose text is `len` bytes long.
fn from_page(id: String, source: String, page: &Html, len: usize) -> Document {
    let (raw, lines) = visible_text(page, len / 2);
    let raw = without_credits(without_repeats(raw, &lines));
    let mut meta = Meta::read(page);
    let mut doc = Document::new(id, source, Format::Html, raw);
    doc.blocks = true;
    doc.title = meta.title();
    doc.published = meta
        .published()
        .or_else(|| super::date_line(&doc.raw))
        .or_else(|| byline_date(page));
    doc.publisher = meta
        .publisher()
        .or_else(|| published_by(&doc.raw))
        .or(meta.title_site);
    doc
}

/// Nesting beyond which a page is not parsed into a tree (browsers cap
/// the DOM depth at a few hundred; real pages stay far below this).
const MAX_DEPTH: usize = 2048;

/// A cheap estimate of the element nesting of `html`: elements opened and
/// not yet closed by an end tag of the same name (void and self-closing
/// elements not counted; a stray end tag closes nothing, as in a browser).
/// It stops counting once past [`MAX_DEPTH`].
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "option", "td", "tr", "th",
    ];
    let b = html.as_bytes();
    let mut open: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    // The tag name in lower case (one buffer: a String only per new name).
    let mut name = String::new();
    let (mut depth, mut max) = (0usize, 0usize);
    for i in memchr::memchr_iter(b'<', b) {
        let closing = b.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |n| name_start + n);
        name.clear();
        name.push_str(&html[name_start..name_end]);
        name.make_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if let Some(n) = open.get_mut(name.as_str()).filter(|n| **n > 0) {
                *n -= 1;
                depth -= 1;
            }
            continue;
        }
        let tag_end = memchr::memchr(b'>', &b[name_end..]).map(|n| name_end + n);
        if tag_end.is_some_and(|e| e > 0 && b[e - 1] == b'/') {
            continue;
        }
        match open.get_mut(name.as_str()) {
            Some(n) => *n += 1,
            None => {
                open.insert(name.clone(), 1);
            }
        }
        depth += 1;
        max = max.max(depth);
        if max > MAX_DEPTH {
            return max;
        }
    }
    max
}

/// The text of `html` without its tags, one line per run of text.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let piece = rest[..open].trim();
        if !piece.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(piece);
        }
        rest = match rest[open..].find('>') {
            Some(close) => &rest[open + close + 1..],
            None => "",
        };
    }
    let piece = rest.trim();
    if !piece.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(piece);
    }
    out
}

/// The charset a page declares in its first bytes: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or an XML
/// declaration's `encoding`.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = find(&lower[at..], b"<meta") {
        let start = at + i + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        if let Some(v) = attr_value(&lower[start..end], b"charset") {
            return Some(v);
        }
        at = end;
    }
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>").unwrap_or(lower.len().min(200));
        return attr_value(&lower[..end], b"encoding");
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The value after `name=` (quoted or not) in a tag's bytes.
fn attr_value(tag: &[u8], name: &[u8]) -> Option<String> {
    let i = find(tag, name)?;
    let rest = &tag[i + name.len()..];
    let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    let rest = rest.strip_prefix(b"=")?;
    let rest = &rest[rest
        .iter()
        .take_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
        .count()..];
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .count();
    (len > 0).then(|| String::from_utf8_lossy(&rest[..len]).into_owned())
}

/// The value of attribute `name` of `e`, as `Element::attr` gives it (an
/// attribute without namespace or prefix), but read by walking the
/// element's attribute list: `Element::attr` interns `name` on every call,
/// while most elements have no attributes at all.
fn attr<'e>(e: &'e Element, name: &str) -> Option<&'e str> {
    e.attrs
        .iter()
        .find(|(q, _)| &*q.local == name && q.prefix.is_none() && q.ns.is_empty())
        .map(|(_, v)| &**v)
}

/// Elements whose text is code or fallback markup, never the page's
/// text: no reader of the tree reads it ([`shown_text`]), and [`prune`]
/// blanks most of it before the parse. HTML elements only: the text of
/// an inline SVG's or MathML's `style` or `script` is read as any other
/// text of theirs (html5ever parses it as text there).
fn code_element(e: &Element) -> bool {
    matches!(e.name(), "script" | "style" | "noscript") && in_html(e)
}

/// Whether `e` is an HTML element (not one of an inline SVG or MathML).
fn in_html(e: &Element) -> bool {
    &*e.name.ns == "http://www.w3.org/1999/xhtml"
}

/// The text of a text node as the page shows it: `None` for another node
/// and for the content of a [`code_element`] (`<h1>Title<script>…</script></h1>`
/// reads `Title`). Every reader of text below an element goes through it,
/// but the JSON-LD reader of [`Meta::read`].
fn shown_text(node: ego_ref::NodeRef<'_>) -> Option<&str> {
    let Node::Text(t) = node.value() else {
        return None;
    };
    let code = node
        .parent()
        .is_some_and(|p| matches!(p.value(), Node::Element(e) if code_element(e)));
    (!code).then_some(&**t)
}

/// Elements whose content is never visible text, or is site chrome.
fn dropped_name(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "option"
            | "datalist"
            | "textarea"
            | "input"
            | "iframe"
            | "frame"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "img"
            | "picture"
    )
}

/// Site chrome by element or ARIA role, and image captions: left out by
/// [`content::select`] unless it wraps the content (broken markup that
/// never closes a `header`) or is the header of the chosen article.
fn chrome_element(e: &Element) -> bool {
    matches!(
        e.name(),
        "nav" | "header" | "footer" | "aside" | "figcaption"
    ) || attr(e, "role").is_some_and(dropped_role)
}

/// ARIA roles of site chrome, the equivalents of dropped elements.
fn dropped_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menubar"
        )
    })
}

/// Class names that by convention hide an element from sighted readers
/// (Bootstrap, WordPress, Drupal, GOV.UK): accessibility-only text, and
/// the utility classes that hide an element outright (`hidden`, `d-none`;
/// only whole tokens: `hidden-xs` hides on small screens only).
fn hidden_class(class: &str) -> bool {
    class.split_ascii_whitespace().any(|c| {
        matches!(
            c,
            "sr-only"
                | "visually-hidden"
                | "visuallyhidden"
                | "screen-reader-text"
                | "screen-reader-only"
                | "element-invisible"
                | "govuk-visually-hidden"
                | "hidden"
                | "is-hidden"
                | "d-none"
                | "hide"
        )
    })
}

/// Whether an element is hidden by its attributes (read in one pass over
/// its attribute list, as [`attr`] reads them).
fn hidden(e: &Element) -> bool {
    let (mut style, mut class, mut open) = (None, None, false);
    for (q, v) in e.attrs.iter() {
        if q.prefix.is_some() || !q.ns.is_empty() {
            continue;
        }
        match &*q.local {
            "hidden" => return true,
            "aria-hidden" if v.trim().eq_ignore_ascii_case("true") => return true,
            "style" => style = Some(&**v),
            "class" => class = Some(&**v),
            "open" => open = true,
            _ => {}
        }
    }
    if let Some(style) = style {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if !open && e.name() == "dialog" {
        return true;
    }
    class.is_some_and(hidden_class)
}

/// Elements that start and end a line.
fn block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "frameset"
            | "noframes"
            | "listing"
            | "plaintext"
            | "xmp"
    )
}

/// Whether an inline element is laid out as a block by its own `style`
/// (`<em style="display: block">© Jane Roe</em>`, a credit or label set
/// on a line of its own): it ends a line as a `div` does, so its text is
/// not glued to the paragraph after it. Not when the same style takes it
/// out of the flow (`float: left`, a drop capital; `position: absolute`,
/// a screen-reader text moved off screen): the text around it still
/// reads as one line. Read only for elements with a `style` attribute
/// (one scan of it, no allocation).
fn styled_block(e: &Element) -> bool {
    let Some(style) = attr(e, "style") else {
        return false;
    };
    // Every declaration in order; the last `display` wins, as in CSS.
    let mut found = false;
    let mut out_of_flow = false;
    for declaration in style.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let property = property.trim();
        let value = value.trim();
        let word = value
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(value, |n| &value[..n]);
        let is = |w: &str| word.eq_ignore_ascii_case(w);
        if property.eq_ignore_ascii_case("display") {
            found = ["block", "flex", "grid", "list-item", "table"]
                .iter()
                .any(|w| is(w));
        } else if property.eq_ignore_ascii_case("float") {
            out_of_flow |= is("left") || is("right");
        } else if property.eq_ignore_ascii_case("position") {
            out_of_flow |= is("absolute") || is("fixed");
        }
    }
    found && !out_of_flow
}

/// A table cell.
fn cell(name: &str) -> bool {
    matches!(name, "td" | "th")
}

/// Nodes of a table row searched for blocks inside its cells, at most.
const ROW_NODES: usize = 256;

/// Whether a table row (`tr`) is read as one line: a row of a data
/// table (a specification, an ingredient list: `250 g | flour`) whose
/// cells hold only inline text, a figure among it, joined with a space.
/// A cell holding blocks (paragraphs, a nested table: a layout table)
/// ends lines as before, and so does a row without a digit: the names of
/// a letter's signatories side by side stay one per line.
fn inline_row(tr: ego_ref::NodeRef<'_>) -> bool {
    let mut digit = false;
    for (n, d) in tr.descendants().skip(1).enumerate() {
        if n >= ROW_NODES {
            return false;
        }
        match d.value() {
            Node::Element(e) => {
                let name = e.name();
                if block(name) && !cell(name) || name == "br" {
                    return false;
                }
            }
            Node::Text(_) => {
                digit |= shown_text(d).is_some_and(|t| t.bytes().any(|b| b.is_ascii_digit()))
            }
            _ => {}
        }
    }
    digit
}

/// Elements whose text keeps its line breaks.
fn preformatted(name: &str) -> bool {
    matches!(name, "pre" | "listing" | "plaintext" | "xmp")
}

/// Paragraphs (or article/main elements) that make a `form` a page
/// wrapper rather than a search box or sign-up form.
const FORM_WRAPPER_PARAGRAPHS: usize = 3;

/// Whether a `form` holds page content (ASP.NET wraps whole pages in one).
fn form_wraps_content(form: scraper::ElementRef<'_>) -> bool {
    let mut paragraphs = 0;
    for d in form.descendants() {
        if let Node::Element(e) = d.value() {
            match e.name() {
                "article" | "main" => return true,
                "p" => {
                    paragraphs += 1;
                    if paragraphs >= FORM_WRAPPER_PARAGRAPHS {
                        return true;
                    }
                }
                _ => {}
            }
        }
    }
    false
}

/// Whether this element and everything in it is left out of the text.
fn skipped(node: ego_ref::NodeRef<'_>) -> bool {
    let Node::Element(e) = node.value() else {
        return false;
    };
    let name = e.name();
    if dropped_name(name) || hidden(e) {
        return true;
    }
    if name == "form" {
        return scraper::ElementRef::wrap(node).is_some_and(|f| !form_wraps_content(f));
    }
    false
}

/// The node type of scraper's tree, named without depending on ego-tree.
mod ego_ref {
    /// A node of the parsed page.
    pub(crate) type NodeRef<'a> = <scraper::ElementRef<'a> as std::ops::Deref>::Target;
}

/// The visible text of the page, one block per line, and where its lines
/// sit ([`Line`], in order; preformatted lines have none).
fn visible_text(page: &Html, cap: usize) -> (String, Vec<Line<'_>>) {
    let mut out = BlockText::with_capacity(cap);
    let mut lines: Vec<Line<'_>> = Vec::new();
    // For each kept block element we are inside: the element holding it,
    // and what kind of line it makes.
    let mut open: Vec<(Place<'_>, Kind)> = Vec::new();
    // Depth of kept `b` / `strong` and `a` elements we are inside.
    let (mut bold, mut link) = (0usize, 0usize);
    // A picture or player since the last line started.
    let mut media = false;
    let selection = content::select(page, skipped, chrome_element);
    let skipped = |node| selection.left_out(node);
    let root = selection.root;
    let mut node = root;
    // Depth of `pre` elements we are inside.
    let mut pre = 0usize;
    // For each `tr` we are inside: whether its cells share one line.
    let mut rows: Vec<bool> = Vec::new();
    // A step's number block just ended (`<div>1.</div><div>Mix the
    // flour …</div>`): the next block goes on its line.
    let mut numbered = false;
    'walk: loop {
        // Enter `node`.
        let mut descend = false;
        match node.value() {
            Node::Text(t) => {
                if pre > 0 {
                    out.push_pre(t);
                } else {
                    let (had, before) = (out.has_line(), out.len());
                    out.push(t);
                    if out.len() > before {
                        let (place, kind) = open.last().copied().unwrap_or((None, Kind::Other));
                        if !had {
                            let label =
                                kind == Kind::Label || (kind == Kind::Paragraph && bold > 0);
                            lines.push(Line {
                                at: out.len(),
                                place,
                                label,
                                caption: media && !label,
                                link: link > 0,
                            });
                            media = false;
                        } else if let Some(line) = lines.last_mut() {
                            // Text beside the bold is no label, beside
                            // the link no link.
                            line.label &= bold > 0 || kind == Kind::Label;
                            line.link &= link > 0;
                        }
                    }
                }
                numbered &= t.trim().is_empty();
            }
            Node::Element(e) => {
                let name = e.name();
                media |= matches!(
                    name,
                    "img"
                        | "picture"
                        | "figure"
                        | "video"
                        | "audio"
                        | "iframe"
                        | "embed"
                        | "object"
                );
                if skipped(node) {
                    if cell(name) && rows.last() == Some(&true) {
                        out.push(" ");
                    } else if block(name) || dropped_name(name) && !inline_dropped(name) {
                        out.end_line();
                    }
                } else {
                    descend = true;
                    if block(name) {
                        open.push((node.parent(), Kind::of(name)));
                    } else if matches!(name, "b" | "strong") {
                        bold += 1;
                    } else if name == "a" {
                        link += 1;
                    }
                    if name == "tr" {
                        rows.push(inline_row(node));
                    }
                    if cell(name) && rows.last() == Some(&true) {
                        out.push(" ");
                    } else if block(name) && numbered {
                        // Still on the number's line.
                    } else if block(name)
                        || name == "br"
                        || rows.last() != Some(&true) && styled_block(e)
                    {
                        numbered = false;
                        out.end_line();
                    }
                    if preformatted(name) {
                        pre += 1;
                    }
                }
            }
            Node::Document | Node::Fragment => descend = true,
            _ => {}
        }
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Leave `node` and the ancestors it was the last child of.
        loop {
            if let Node::Element(e) = node.value() {
                let name = e.name();
                if !skipped(node) {
                    if name == "tr" {
                        rows.pop();
                    }
                    if block(name) {
                        open.pop();
                    } else if matches!(name, "b" | "strong") {
                        bold = bold.saturating_sub(1);
                    } else if name == "a" {
                        link = link.saturating_sub(1);
                    }
                }
                let in_row = cell(name) && rows.last() == Some(&true);
                let kept_block = (block(name)
                    || preformatted(name)
                    || rows.last() != Some(&true) && styled_block(e))
                    && !in_row
                    && !skipped(node);
                if kept_block
                    && !cell(name)
                    && !preformatted(name)
                    && (numbered || step_number(node))
                {
                    if !numbered {
                        out.push(" ");
                    }
                    numbered = true;
                } else if kept_block {
                    numbered = false;
                    out.end_line();
                    if preformatted(name) {
                        pre = pre.saturating_sub(1);
                    }
                }
            }
            if node == root {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    (out.finish(), lines)
}

/// Where a line sits: the element holding the block element that starts
/// it (a `p`'s or a heading's parent).
type Place<'a> = Option<ego_ref::NodeRef<'a>>;

/// What kind of line a block element makes, for the repeat filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A heading, a term (`dt`) or a header cell (`th`): a label.
    Label,
    /// A paragraph or division: a label when all its text is bold.
    Paragraph,
    /// Any other block.
    Other,
}

impl Kind {
    fn of(name: &str) -> Kind {
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "th" => Kind::Label,
            "p" | "div" => Kind::Paragraph,
            _ => Kind::Other,
        }
    }
}

/// A line of the walk's text that starts with inline text (preformatted
/// lines have none).
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// A byte offset inside the line: the end of its first text.
    at: usize,
    /// Where its block sits.
    place: Place<'a>,
    /// Whether it is a label: a heading, term or header cell, or a
    /// paragraph all in bold.
    label: bool,
    /// Whether it comes after a picture or player and is no label: a
    /// caption, a credit.
    caption: bool,
    /// Whether all its text is a link's.
    link: bool,
}

/// Nodes of a block searched for a step's number, at most.
const STEP_NODES: usize = 4;

/// Whether a block holds only a step's number (`1.`, `12)`, `3`), maybe
/// in a `span` or `strong`: a recipe's or a how-to's steps printed as a
/// number block beside a text block, which read as one line (`1. Mix the
/// flour …`).
fn step_number(node: ego_ref::NodeRef<'_>) -> bool {
    let mut number = None;
    for (n, d) in node.descendants().skip(1).enumerate() {
        if n >= STEP_NODES {
            return false;
        }
        match d.value() {
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Text(t) if number.is_none() => number = Some(t.trim()),
            Node::Element(e) if matches!(e.name(), "span" | "strong" | "b" | "em") => {}
            _ => return false,
        }
    }
    number.is_some_and(|t| {
        let digits = t.trim_end_matches(['.', ')']);
        (1..=2).contains(&digits.len())
            && digits.len() + 1 >= t.len()
            && digits.bytes().all(|b| b.is_ascii_digit())
    }) && step_pair(node)
}

/// Elements of a step's wrapper, at most.
const STEP_WRAPPER: usize = 4;

/// Whether `node` sits in a small wrapper (a step: its number beside its
/// text and maybe a picture) and the element after it is no heading: not a
/// page number among an opinion's blocks (`2` before `DISCUSSION`, `3`
/// before `REVERSED and REMANDED.`).
fn step_pair(node: ego_ref::NodeRef<'_>) -> bool {
    let small = node.parent().is_some_and(|p| {
        p.children()
            .filter(|c| c.value().is_element())
            .nth(STEP_WRAPPER)
            .is_none()
    });
    let next = std::iter::successors(node.next_sibling(), |n| n.next_sibling())
        .find(|n| n.value().is_element());
    small
        && next.is_none_or(|n| {
            !matches!(n.value(), Node::Element(e) if matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
        })
}

/// The longest line (bytes) read as a picture credit when it starts with `©`.
const CREDIT_LINE: usize = 100;
/// Text (bytes, in lines longer than [`CREDIT_LINE`]) that must follow a
/// `©` line for it to be a picture credit rather than the page's
/// copyright notice.
const CREDIT_PROSE_AFTER: usize = 300;

/// `raw` without the picture credits printed among the text (`© dpa |
/// Name` under a photo): short lines starting with `©` that more
/// paragraphs follow. The page's own copyright line, at the end, stays
/// (the cleaner reads it as the end of the content).
fn without_credits(raw: String) -> String {
    let credit = |l: &str| l.len() <= CREDIT_LINE && l.trim_start().starts_with('©');
    if !raw.lines().any(credit) {
        return raw;
    }
    let lines: Vec<&str> = raw.lines().collect();
    // Prose after each line.
    let mut after = vec![0usize; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        let l = lines[i].len();
        after[i] = after[i + 1] + if l > CREDIT_LINE { l } else { 0 };
    }
    let mut out = String::with_capacity(raw.len());
    for (i, line) in lines.iter().enumerate() {
        if credit(line) && after[i + 1] >= CREDIT_PROSE_AFTER {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// The longest line (bytes) dropped when it repeats an earlier one. The
/// cleaner relies on it: on an HTML page, a line this short that repeats
/// is one this filter kept on purpose.
pub(crate) const REPEAT_LINE: usize = 120;

/// A short line's first copy, for [`without_repeats`]: its place, the
/// labels up to it, a hash of the last label's text, and the sign-off
/// whose signature block it sits in.
#[derive(Clone, Copy)]
struct FirstCopy<'a> {
    place: Place<'a>,
    labels: usize,
    heading: u64,
    signed: Option<usize>,
}

/// A section of [`without_repeats`] (the lines after a label).
#[derive(Default)]
struct Section {
    /// Whether a line of it, other than its label, is no repeat.
    fresh: bool,
    /// Lines it holds, its label aside.
    size: usize,
    /// Whether the story's running prose followed its repeats (they
    /// were a box placed between paragraphs).
    closed: bool,
}

/// `raw` without the short lines that repeat an earlier line (share
/// prompts, "Advertisement", a menu repeated at the foot of the page):
/// the first occurrence stays.
///
/// Two kinds of repeats stay. In a text whose sections repeat their
/// structure (each menu of a meal plan, each product of a review: `<h3>Breakfast</h3>`,
/// `<p><em>Eat early</em></p>`, `<p>Portion: 1 cup</p>` again under each
/// heading), a repeat whose block sits in the same element as its first
/// copy's, with a label between the two copies (a line of a heading,
/// `dt` or `th`, or a paragraph all in bold; a repeated label counts
/// itself) and the same label text above both copies (the nearest label
/// before each; a hash of it is kept with the first copy), or above the
/// repeat a label that repeats an earlier label's text (the second plan's
/// `Dinner`: its lines may repeat those under the first plan's `Lunch`). Repeated
/// chrome sits in a box of its own each time (a share bar above and
/// below the story, a menu in the header and the footer), or, inside the
/// story's element, with no label between or under another label
/// (`Advertisement` between paragraphs and under each heading). A
/// section that holds only its label and one repeated line, or only
/// repeats before the story's running prose resumes, is a teaser box
/// placed twice (`Related coverage`, a headline): its repeats go. And in
/// a letter's signature block (the [`SIGNATURE_LINES`] lines after a
/// [`sign_off`] whose block sits in the sign-off's element or at most
/// [`SIGNATURE_DEPTH`] levels below it, a signatory's own `div`), a line whose first copy
/// is in the same block: two signatories with the same title (a forum's
/// post header after a post's `Thanks,` is in another element, and a
/// name signed under each post in another block). Never a line right after itself, a picture's caption or
/// credit, a line that is all a link, or a preformatted line (one with
/// no [`Line`] in `lines`, the walk's records in order).
fn without_repeats(raw: String, lines: &[Line<'_>]) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut repeated = false;
    for line in raw.lines() {
        if line.len() <= REPEAT_LINE && !seen.insert(line) {
            repeated = true;
            break;
        }
    }
    if !repeated {
        return raw;
    }
    drop(seen);
    let mut first: std::collections::HashMap<&str, FirstCopy<'_>> =
        std::collections::HashMap::new();
    let mut records = lines.iter().peekable();
    // Lines kept, each with its section (labels up to it) and whether it
    // is a section repeat, dropped if its section is a copy.
    let mut kept: Vec<(&str, usize, bool)> = Vec::new();
    // The sections so far, one per label (and one before the first).
    let mut sections = vec![Section::default()];
    let mut start = 0;
    let mut last = None;
    // Labels so far, and a hash of the text of the last one.
    let mut labels = 0;
    let mut heading = 0u64;
    // Texts of the labels so far, and whether the last label repeats one.
    let mut headings = std::collections::HashSet::new();
    let mut heading_again = false;
    // Lines left of a letter's signature block, the sign-offs so far and
    // the place of the last one.
    let mut signature = 0usize;
    let mut sign_offs = 0usize;
    let mut sign_place: Place<'_> = None;
    for line in raw.split('\n') {
        let end = start + line.len();
        // The record of this line: its first text ends inside it.
        while records.peek().is_some_and(|r| r.at <= start) {
            records.next();
        }
        let here = records.peek().filter(|r| r.at <= end).copied();
        start = end + 1;
        let (place, label) = here.map_or((None, false), |r| (r.place, r.label));
        let aside = here.is_some_and(|r| r.caption || r.link);
        // The signature block this line is in: one after a sign-off, in
        // the same element (a forum post's next header is not).
        let same_place = matches!((sign_place, place), (Some(a), Some(b)) if b.ancestors().take(SIGNATURE_DEPTH).any(|n| n == a) || a == b);
        let signed = (signature > 0 && same_place).then_some(sign_offs);
        signature = if sign_off(line) {
            sign_offs += 1;
            sign_place = place;
            SIGNATURE_LINES
        } else {
            signature.saturating_sub(1)
        };
        if label {
            labels += 1;
            heading = text_hash(line);
            heading_again = !headings.insert(heading);
            sections.push(Section::default());
        }
        let mut repeat = false;
        if line.len() <= REPEAT_LINE {
            match first.entry(line) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(FirstCopy {
                        place,
                        labels,
                        heading,
                        signed,
                    });
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    let copy = *o.get();
                    let together = matches!((copy.place, place), (Some(a), Some(b)) if a == b);
                    let section = together
                        && labels > copy.labels
                        && (heading == copy.heading || heading_again);
                    let signature = signed.is_some() && signed == copy.signed;
                    if last == Some(line) || !(section || signature) || aside {
                        continue;
                    }
                    repeat = !signature;
                }
            }
        }
        if let Some(s) = sections.last_mut().filter(|s| !label && !s.closed) {
            // Story prose right after a run of repeats: the run was a box
            // placed between paragraphs, not a section's lines.
            if s.size > 0 && !s.fresh && story_prose(line) {
                s.closed = true;
            } else {
                s.fresh |= !repeat && !line.trim().is_empty();
                s.size += 1;
            }
        }
        kept.push((line, labels, repeat));
        last = Some(line);
    }
    let mut out = String::with_capacity(raw.len());
    for (line, section, repeat) in kept {
        // A section all of repeats, a label and one line (a teaser box
        // placed twice: `Related coverage`, a headline), is a copy.
        let copy = sections
            .get(section)
            .is_some_and(|s| !s.fresh && (s.size <= 1 || s.closed));
        if repeat && copy {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Whether `line` is a paragraph of running text: longer than a short
/// line, twenty words or more, ending a sentence.
fn story_prose(line: &str) -> bool {
    let t = line.trim_end();
    t.len() > REPEAT_LINE
        && t.split_whitespace().nth(19).is_some()
        && t.trim_end_matches(['"', '\u{201d}', '\'', ')'])
            .ends_with(['.', '!', '?'])
}

/// A hash of a label's text, to compare the labels two copies of a line
/// sit under without keeping or comparing the texts.
fn text_hash(line: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    line.hash(&mut h);
    h.finish()
}

/// Lines after a letter's sign-off read as its signature block, at most.
const SIGNATURE_LINES: usize = 30;
/// Levels searched above a signature line for the sign-off's element.
const SIGNATURE_DEPTH: usize = 3;

/// Whether `line` reads as a letter's sign-off: a short capitalised line
/// of one to four words ending with a comma (`Sincerely,`, `Respectfully
/// submitted,`, `Best regards,`), no salutation (`Dear Sir,`). After it
/// come the signatures, where a short line may repeat (two signatories
/// with the same title).
fn sign_off(line: &str) -> bool {
    let Some(body) = line.strip_suffix(',') else {
        return false;
    };
    line.len() <= 40
        && body.chars().next().is_some_and(char::is_uppercase)
        && (1..=4).contains(&body.split_whitespace().count())
        && !body.starts_with("Dear ")
        && body.chars().all(|c| c.is_alphabetic() || c == ' ')
}

/// Dropped elements that sit inside a line (an icon, a button) and so do
/// not end it.
fn inline_dropped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "svg" | "math" | "img" | "picture" | "button" | "input" | "select"
    )
}

/// Metadata gathered from the page's elements in one pass.
#[derive(Debug, Default)]
struct Meta {
    /// `(name or property, content)` of `<meta>` and `itemprop` elements,
    /// names lower-cased.
    meta: Vec<(String, String)>,
    /// Text of the first `<title>`.
    title_tag: Option<String>,
    /// Text of the first `<h1>`.
    h1: Option<String>,
    /// JSON-LD `headline`, `datePublished` and publisher name.
    ld_headline: Option<String>,
    ld_published: Option<String>,
    ld_publisher: Option<String>,
    /// `datetime` of the first `<time>`, preferring a marked publication
    /// time (`pubdate`, `itemprop="datePublished"`).
    time: Option<String>,
    time_marked: bool,
    /// A site name removed from the end of the `<title>`.
    title_site: Option<String>,
}

/// Title meta after `og:title`, strongest first.
const TITLE_META: &[&str] = &[
    "og:title",
    "citation_title",
    "dc.title",
    "dcterms.title",
    "twitter:title",
];

/// Publication-date meta, strongest first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "publication_date",
    "publish-date",
    "publish_date",
    "pubdate",
    "article.published",
    "sailthru.date",
    "parsely-pub-date",
    "citation_online_date",
];

/// Publisher meta, strongest first.
const PUBLISHER_META: &[&str] = &[
    "og:site_name",
    "citation_publisher",
    "dc.publisher",
    "dcterms.publisher",
    "publisher",
    "application-name",
];

/// Most JSON values looked at in one page's JSON-LD.
const LD_BUDGET: usize = 10_000;

impl Meta {
    fn read(page: &Html) -> Meta {
        let mut m = Meta::default();
        for node in page.tree.root().descendants() {
            let Node::Element(e) = node.value() else {
                continue;
            };
            match e.name() {
                "meta" => {
                    let key = attr(e, "property")
                        .or_else(|| attr(e, "name"))
                        .or_else(|| attr(e, "itemprop"));
                    if let (Some(k), Some(v)) = (key, attr(e, "content")) {
                        let v = collapse(v);
                        if !v.is_empty() && m.meta.len() < 1000 {
                            m.meta.push((k.trim().to_ascii_lowercase(), v));
                        }
                    }
                }
                // Not an inline SVG icon's `<title>`.
                "title" if m.title_tag.is_none() && in_html(e) => {
                    m.title_tag = element_text(node).filter(|t| !t.is_empty());
                }
                "h1" if m.h1.is_none() => {
                    m.h1 = html_text(node).filter(|t| !t.is_empty());
                }
                "script"
                    if attr(e, "type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
                {
                    let text: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| &**t))
                        .collect();
                    m.json_ld(&text);
                }
                "time" => {
                    let marked = attr(e, "pubdate").is_some()
                        || attr(e, "itemprop") == Some("datePublished");
                    if m.time.is_none() || marked && !m.time_marked {
                        if let Some(v) = attr(e, "datetime").and_then(iso_date) {
                            m.time = Some(v);
                            m.time_marked = marked;
                        }
                    }
                }
                _ => {
                    // Microdata on any element: <span itemprop="datePublished" content=…>
                    let Some(k) = attr(e, "itemprop") else {
                        continue;
                    };
                    if let Some(v) = attr(e, "content").or_else(|| attr(e, "datetime")) {
                        if m.meta.len() < 1000 {
                            m.meta.push((k.trim().to_ascii_lowercase(), collapse(v)));
                        }
                    }
                }
            }
        }
        m
    }

    /// Read `headline`, `datePublished` and `publisher` from a JSON-LD
    /// block (an object, an array, or an `@graph`), first found wins.
    fn json_ld(&mut self, text: &str) {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text.trim()) else {
            return;
        };
        let mut stack = vec![&value];
        let mut budget = LD_BUDGET;
        while let Some(v) = stack.pop() {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                break;
            }
            match v {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    if self.ld_headline.is_none() {
                        self.ld_headline = map
                            .get("headline")
                            .and_then(|h| h.as_str())
                            .map(collapse)
                            .filter(|h| !h.is_empty());
                    }
                    if self.ld_published.is_none() {
                        self.ld_published = map
                            .get("datePublished")
                            .and_then(|d| d.as_str())
                            .and_then(iso_date);
                    }
                    if self.ld_publisher.is_none() {
                        self.ld_publisher = map.get("publisher").and_then(ld_name);
                    }
                    for (k, child) in map {
                        if k != "publisher" && (child.is_object() || child.is_array()) {
                            stack.push(child);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn get<'a>(&'a self, keys: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
        keys.iter().flat_map(move |k| {
            self.meta
                .iter()
                .filter(move |(name, _)| name == k)
                .map(|(_, v)| v.as_str())
        })
    }

    fn title(&self) -> Option<String> {
        if let Some(t) = self.get(TITLE_META).find(|t| !t.is_empty()) {
            // Some sites repeat their name in og:title too.
            let site = self.get(&PUBLISHER_META[..1]).next();
            return Some(site.map_or(t, |site| strip_site(t, site)).to_string());
        }
        if let Some(h) = &self.ld_headline {
            return Some(h.clone());
        }
        if let Some(t) = &self.title_tag {
            if let Some(h1) = &self.h1 {
                if t.len() > h1.len()
                    && t.get(..h1.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(h1))
                {
                    return Some(h1.clone());
                }
            }
            let (title, _) = split_title(t);
            if !title.is_empty() {
                return Some(title);
            }
        }
        self.h1.clone()
    }

    fn published(&self) -> Option<String> {
        self.ld_published
            .clone()
            .or_else(|| self.get(DATE_META).find_map(iso_date))
            .or_else(|| self.time.clone())
    }

    fn publisher(&mut self) -> Option<String> {
        if let Some(t) = &self.title_tag {
            self.title_site = split_title(t).1;
        }
        if let Some(p) = self.get(&PUBLISHER_META[..1]).next() {
            return Some(p.to_string());
        }
        self.ld_publisher
            .clone()
            .or_else(|| self.get(&PUBLISHER_META[1..]).next().map(str::to_string))
    }
}

/// The name of a JSON-LD publisher: a string, `{"name": …}`, or the first
/// of an array.
fn ld_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(collapse(s)),
        serde_json::Value::Object(m) => m.get("name").and_then(|n| n.as_str()).map(collapse),
        serde_json::Value::Array(a) => a.first().and_then(ld_name),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// The text of an element, whitespace collapsed.
fn element_text(node: ego_ref::NodeRef<'_>) -> Option<String> {
    let mut out = BlockText::default();
    for t in node.descendants().filter_map(shown_text) {
        out.push(t);
    }
    Some(out.finish())
}

/// [`element_text`] without the text of inline SVG or MathML (an icon's
/// `<title>Icon</title>` or `<style>` inside a heading): only text whose
/// parent is an HTML element.
fn html_text(node: ego_ref::NodeRef<'_>) -> Option<String> {
    let mut out = BlockText::default();
    for d in node.descendants() {
        let html = d
            .parent()
            .is_some_and(|p| matches!(p.value(), Node::Element(e) if in_html(e)));
        if let Some(t) = shown_text(d).filter(|_| html) {
            out.push(t);
        }
    }
    Some(out.finish())
}

/// The longest text (bytes) of a date-named element read for a date: a
/// longer one is a container, not a date line.
const DATED_TEXT: usize = 160;

/// Nodes looked at inside a date-named element for its text, at most.
const DATED_NODES: usize = 64;

/// The first date in the short text of an element whose class or id
/// names a date or a post's byline ([`date_named`]), outside the
/// elements that hold other dates ([`other_dates`]) and outside a `header`
/// that is not an article's own (a site header's date of the day): the
/// publication date when the metadata and the text name none.
fn byline_date(page: &Html) -> Option<String> {
    // Depth-first, with whether an ancestor holds other dates and
    // whether one is an article (or `main`).
    let mut stack = vec![(page.tree.root(), false, false)];
    while let Some((node, other, in_article)) = stack.pop() {
        let (mut other, mut in_article) = (other, in_article);
        if let Node::Element(e) = node.value() {
            let words = date_words(e);
            in_article |= matches!(e.name(), "article" | "main");
            other |= other_dates(e, words) || (e.name() == "header" && !in_article);
            if !other && date_named(words) {
                if let Some(date) = short_text(node).and_then(|t| date_in_byline(&t)) {
                    return Some(date);
                }
            }
        }
        let mut child = node.last_child();
        while let Some(c) = child {
            stack.push((c, other, in_article));
            child = c.prev_sibling();
        }
    }
    None
}

/// The text of `node` when it is short: at most [`DATED_TEXT`] bytes in
/// at most [`DATED_NODES`] nodes; whitespace collapsed.
fn short_text(node: ego_ref::NodeRef<'_>) -> Option<String> {
    let mut out = String::new();
    for (n, d) in node.descendants().enumerate() {
        if n > DATED_NODES {
            return None;
        }
        if let Some(t) = shown_text(d) {
            if out.len() + t.len() > DATED_TEXT {
                return None;
            }
            out.push_str(t);
            out.push(' ');
        }
    }
    Some(collapse(&out))
}

/// Words of a class or id that mark an update, not the publication.
const UPDATE_WORDS: &[&str] = &["update", "modif"];
/// Words of a class or id naming a publication date or a byline.
const DATE_WORDS: &[&str] = &["date", "publish", "posted", "timestamp", "byline", "meta"];
/// Words of a class or id naming a place of other dates.
const OTHER_DATE_WORDS: &[&str] = &[
    "comment", "related", "recent", "sidebar", "widget", "current", "today", "clock", "weather",
];

/// Flags of [`date_words`]: a word of each list was found.
const UPDATE: u8 = 1;
const DATE: u8 = 2;
const OTHER_DATE: u8 = 4;

/// The three word lists in one automaton (ASCII case ignored), searched
/// once per attribute value instead of a window scan per word and token.
static DATE_WORD_SEARCH: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(
            UPDATE_WORDS
                .iter()
                .chain(DATE_WORDS)
                .chain(OTHER_DATE_WORDS),
        )
        .ok()
});

/// Which of the word lists ([`UPDATE`], [`DATE`], [`OTHER_DATE`]) have a
/// word in the class or id of `e`, ignoring ASCII case: a word inside a
/// token counts (`post-date`, `dateline`, `entry-meta`). The words hold
/// no white space, so a match in a whole value is one in a token.
fn date_words(e: &Element) -> u8 {
    let Some(search) = &*DATE_WORD_SEARCH else {
        return 0;
    };
    let mut flags = 0;
    for value in [attr(e, "class"), attr(e, "id")].into_iter().flatten() {
        for m in search.find_overlapping_iter(value) {
            let i = m.pattern().as_usize();
            flags |= if i < UPDATE_WORDS.len() {
                UPDATE
            } else if i < UPDATE_WORDS.len() + DATE_WORDS.len() {
                DATE
            } else {
                OTHER_DATE
            };
        }
    }
    flags
}

/// Whether the class or id of an element (its [`date_words`]) names a
/// publication date or a post's byline (`date`, `post-date`, `dateline`,
/// `published`, `posted-on`, `timestamp`, `byline`, `entry-meta`), and
/// not an update.
fn date_named(words: u8) -> bool {
    words & UPDATE == 0 && words & DATE != 0
}

/// Whether `e` (with its [`date_words`]) holds other posts', comments' or
/// the day's dates: a sidebar, a comment, a list of related or recent
/// posts, a clock or weather widget, navigation or a footer.
fn other_dates(e: &Element, words: u8) -> bool {
    matches!(e.name(), "aside" | "nav" | "footer") || words & OTHER_DATE != 0
}

/// A publication date in a byline's text (`Posted on March 2, 2021 by
/// Jane Roe`, `Jane Roe | 2 March 2021`, `By Jane Roe on 2021-03-02`):
/// the first piece between separators that is a date once a leading
/// label (`Posted on`, `Published:`) and a trailing `by …` are taken off.
fn date_in_byline(text: &str) -> Option<String> {
    const LABELS: &[&str] = &[
        "posted on",
        "published on",
        "posted",
        "published",
        "dated",
        "date",
        "on",
    ];
    text.split(['|', '·', '•', '—', '–', '\n'])
        .find_map(|piece| {
            let lower = piece.to_ascii_lowercase();
            // `By Jane Roe on March 2, 2021`: the date after ` on `.
            let start = lower.rfind(" on ").map_or(0, |i| i + 4);
            let end = lower[start..]
                .find(" by ")
                .map_or(lower.len(), |i| start + i);
            let mut value = piece.get(start..end)?.trim();
            let head = value.to_ascii_lowercase();
            if let Some(label) = LABELS.iter().find(|l| {
                head.starts_with(*l)
                    && !head[l.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
            }) {
                value = value.get(label.len()..)?.trim_start_matches([':', ' ']);
            }
            iso_date(value)
        })
}

/// `s` with whitespace runs collapsed to one space and trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Separators between a page title and the site's name.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " — ", " – ", " :: ", " · ", " » "];

/// The most words a trailing site name or reference may have.
const SITE_WORDS: usize = 8;

/// Split a `<title>` into the page title and the site name it ends with.
///
/// A trailing segment after a separator is removed when it is shorter
/// than what precedes it and has at most [`SITE_WORDS`] words (twice at
/// most: `Title | Section | Site`). Then a trailing parenthesis holding a
/// number (a citation, a year, a docket) is removed. The removed segment
/// is returned as a site name when it has no digits.
fn split_title(t: &str) -> (String, Option<String>) {
    let mut title = t.trim();
    let mut site = None;
    for _ in 0..2 {
        let cut = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
            .max_by_key(|&(i, _)| i);
        let Some((i, len)) = cut else { break };
        let (head, tail) = (title[..i].trim(), title[i + len..].trim());
        if head.is_empty()
            || tail.len() >= head.len()
            || tail.split_whitespace().count() > SITE_WORDS
        {
            break;
        }
        if site.is_none() && !tail.is_empty() && !tail.bytes().any(|b| b.is_ascii_digit()) {
            site = Some(tail.to_string());
        }
        title = head;
    }
    if title.ends_with(')') {
        if let Some(open) = title.rfind('(') {
            let inner = &title[open..];
            let head = title[..open].trim_end();
            if !head.is_empty() && inner.bytes().any(|b| b.is_ascii_digit()) {
                title = head;
            }
        }
    }
    (title.to_string(), site)
}

/// `title` without a trailing ` | site` (any separator), when it ends so.
fn strip_site<'t>(title: &'t str, site: &str) -> &'t str {
    let Some(head) = title.strip_suffix(site) else {
        return title;
    };
    if !head.ends_with(char::is_whitespace) {
        return title;
    }
    let head = head.trim_end();
    TITLE_SEPARATORS
        .iter()
        .find_map(|sep| head.strip_suffix(sep.trim()))
        .filter(|h| h.ends_with(char::is_whitespace))
        .map(str::trim_end)
        .filter(|h| !h.is_empty())
        .unwrap_or(title)
}

/// Lines near the top of a page where a publisher line is looked for.
const TOP_LINES: usize = 30;

/// The organisation of a `Published by …` line near the top: the run of
/// capitalised words (with `of`, `and`, `the`, `for`, `&` between them)
/// after it, when it has at least two words.
fn published_by(raw: &str) -> Option<String> {
    for line in raw.lines().take(TOP_LINES) {
        let Some(rest) = line.trim().strip_prefix("Published by ") else {
            continue;
        };
        let mut words: Vec<&str> = Vec::new();
        for w in rest.split(' ') {
            let bare = w.trim_end_matches([',', '.', ';', ':']);
            let capital = bare.chars().next().is_some_and(char::is_uppercase);
            let joiner = matches!(bare, "of" | "and" | "the" | "for" | "&");
            if capital || joiner && !words.is_empty() {
                words.push(bare);
            } else {
                break;
            }
            if bare.len() != w.len() {
                break;
            }
        }
        while words
            .last()
            .is_some_and(|w| matches!(*w, "of" | "and" | "the" | "for" | "&"))
        {
            words.pop();
        }
        if words.len() >= 2 {
            return Some(words.join(" "));
        }
    }
    None
}

#[cfg(test)]
mod tests {

    #[test]
    fn hostile_nesting_is_read_as_stripped_text_quickly() {
        let page = format!(
            "<html><body>{}deep text{}</body></html>",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        let doc = load("n".into(), "s".into(), page.as_bytes()).unwrap();
        assert_eq!(doc.raw.trim(), "deep text");
        assert!(nesting_depth(&page) > MAX_DEPTH);
        assert!(nesting_depth("<p>a<br>b<img src=x/><div><span>c</span></div>") <= 3);
        // Stray end tags close nothing: `<b>` never closed still nests.
        assert!(nesting_depth(&format!("<p>{}", "<b>x</i>".repeat(5_000))) > MAX_DEPTH);
    }

    use super::*;

    fn doc(html: &str) -> Document {
        load("t".into(), "t.html".into(), html.as_bytes()).unwrap()
    }

    fn text(html: &str) -> String {
        doc(html).raw
    }

    /// The first element named `name` of a parsed page.
    fn first<'a>(page: &'a Html, name: &str) -> ego_ref::NodeRef<'a> {
        page.tree
            .root()
            .descendants()
            .find(|n| matches!(n.value(), Node::Element(e) if e.name() == name))
            .unwrap()
    }

    #[test]
    fn code_text_is_not_page_text() {
        let page = Html::parse_document(
            "<h1>Court rules<script>var n = 1;</script><style>h1 { x: 2 }</style></h1>\
             <table><tr><td>Jane Roe</td><td>John Doe<script>var a = 1;</script></td></tr></table>\
             <div>Posted on March 2, 2021<noscript>Please enable JavaScript to read the \
             whole of this page, and its comments, and everything else that it holds below \
             this line of text, which is long.</noscript></div>",
        );
        assert_eq!(
            element_text(first(&page, "h1")).as_deref(),
            Some("Court rules")
        );
        assert!(!inline_row(first(&page, "tr")));
        assert_eq!(
            short_text(first(&page, "div")).as_deref(),
            Some("Posted on March 2, 2021")
        );
        let script = first(&page, "script").first_child().unwrap();
        assert_eq!(shown_text(script), None);
        assert_eq!(
            shown_text(first(&page, "td").first_child().unwrap()),
            Some("Jane Roe")
        );
        // The whole document: the cells of a row without digits stay one
        // per line; the title is the heading's text.
        let d = doc("<body><h1>Court rules<script>var n = 1;</script></h1>\
                     <table><tr><td>Jane Roe</td><td>John Doe<script>n = 2;</script></td></tr></table></body>");
        assert_eq!(d.title.as_deref(), Some("Court rules"));
        assert!(d.raw.contains("Jane Roe\nJohn Doe"), "{:?}", d.raw);
    }

    #[test]
    fn blanked_code_loads_the_same_document() {
        // Pages made of code elements in the places where the converter
        // reads text below an element (headings, rows, date lines, link
        // lines, captions), loaded from the page with its code blanked
        // and with its code kept.
        const PIECES: &[&str] = &[
            "<h1>",
            "</h1>",
            "<h2>",
            "</h2>",
            "Court rules ",
            "<script>var n = 12; if (a < b) { x(\"Tags:\") }</script>",
            "<script type=text/javascript>document.write('Posted on May 5, 2020')</script>",
            "<script type=\"application/ld+json\">{\"datePublished\": \"2020-01-02\", \"headline\": \"Head\"}</script>",
            "<style>p:after { content: 'Filed under:' }</style>",
            "<noscript>Posted on March 2, 2021</noscript>",
            "<noscript><img src=x alt=\"The court house\"></noscript>",
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "Jane Roe",
            "250 g",
            "<div class=\"post-date\">",
            "<div class=\"entry-meta\">",
            "<div class=\"article-image\">",
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "Posted on March 2, 2021",
            "Tags: ",
            "<a href=\"/x\">",
            "</a>",
            "<img alt=\"The court house\">",
            "<span>",
            "</span>",
            "The court house",
            "<br>",
            "1.",
            "<title>",
            "</title>",
            "<article>",
            "</article>",
            "<p>The court held that the statute applies to the matter at hand, as the \
             parties agreed in their briefs, and remanded the case for further work.</p>",
            "<svg>",
            "</svg>",
            "\n",
            " ",
        ];
        let mut rng = crate::testing::Rng::new(0x5EED_C0DE);
        let mut blanked = 0;
        for n in 0..3000 {
            let count = 1 + rng.below(30);
            let html = rng.text(PIECES, count);
            let kept = prune::prune_with(&html, false);
            let pruned = prune::prune(&html);
            if pruned != kept {
                blanked += 1;
            }
            let load = |text: &str| {
                from_page(
                    "t".into(),
                    "t".into(),
                    &Html::parse_document(text),
                    html.len(),
                )
            };
            let (a, b) = (load(&kept), load(&pruned));
            assert_eq!(
                (&a.raw, &a.title, &a.published, &a.publisher),
                (&b.raw, &b.title, &b.published, &b.publisher),
                "case {n}: {html:?}"
            );
        }
        assert!(blanked > 1000, "{blanked}");
    }

    /// The tokens of the class and id of `e`.
    fn class_and_id<'e>(e: &'e Element) -> impl Iterator<Item = &'e str> + 'e {
        [attr(e, "class"), attr(e, "id")]
            .into_iter()
            .flatten()
            .flat_map(str::split_ascii_whitespace)
    }

    /// Whether `token` holds one of `words` (ASCII lower case), ignoring
    /// ASCII case: the window scan [`date_words`] replaces.
    fn has_word(token: &str, words: &[&str]) -> bool {
        words.iter().any(|w| {
            token
                .as_bytes()
                .windows(w.len())
                .any(|win| win.eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    #[test]
    fn date_words_are_those_of_a_scan_per_word() {
        // The definition before the automaton: a scan per token and word,
        // `date_named` returning false at a token with an update word.
        let slow = |e: &Element| {
            let tokens: Vec<&str> = class_and_id(e).collect();
            let named = !tokens.iter().any(|t| has_word(t, UPDATE_WORDS))
                && tokens.iter().any(|t| has_word(t, DATE_WORDS));
            let other = matches!(e.name(), "aside" | "nav" | "footer")
                || tokens.iter().any(|t| has_word(t, OTHER_DATE_WORDS));
            (named, other)
        };
        let pieces = [
            "date",
            "DATE",
            "Dat",
            "e",
            "post",
            "-",
            "_",
            " ",
            "\t",
            "\n",
            "updated",
            "UpDaTe",
            "modif",
            "modified",
            "meta",
            "metadata",
            "publish",
            "posted",
            "pos",
            "ted",
            "byline",
            "by",
            "line",
            "timestamp",
            "comment",
            "commentary",
            "related",
            "recent",
            "sidebar",
            "widget",
            "current",
            "today",
            "clock",
            "weather",
            "é",
            "Ｄate",
            "dａte",
            "ﬁ",
            "x",
            "entry",
            "CLOCK",
            "wEather",
        ];
        let mut rng = crate::testing::Rng::new(0xDA7E);
        let (mut named, mut other) = (0, 0);
        for n in 0..3000 {
            let (c, i) = (1 + rng.below(6), rng.below(4));
            let class = rng.text(&pieces, c);
            let id = rng.text(&pieces, i);
            let name = ["div", "span", "aside", "nav", "footer", "p"][rng.below(6)];
            let html = format!("<{name} class=\"{class}\" id=\"{id}\">x</{name}>");
            let page = Html::parse_document(&html);
            let node = first(&page, name);
            let Node::Element(e) = node.value() else {
                unreachable!()
            };
            let words = date_words(e);
            let fast = (date_named(words), other_dates(e, words));
            assert_eq!(fast, slow(e), "case {n}: {html}");
            named += usize::from(fast.0);
            other += usize::from(fast.1);
        }
        assert!(named > 300 && other > 300, "{named} {other}");
    }

    #[test]
    fn one_block_per_line() {
        let t = text(
            "<html><body><h1>Title</h1><p>First <b>bold</b>, <i>it</i>al.</p>\
             <ul><li>one</li><li>two</li></ul><div>a<br>b</div>\
             <table><tr><td>c1</td><td><p>c2</p></td></tr><tr><td>c3</td><td>c4</td></tr></table>\
             <blockquote>quoted</blockquote><dl><dt>term</dt><dd>def</dd></dl></body></html>",
        );
        assert_eq!(
            t,
            "Title\nFirst bold, ital.\none\ntwo\na\nb\nc1\nc2\nc3 c4\nquoted\nterm\ndef"
        );
        assert!(doc("<p>x</p>").blocks);
    }

    #[test]
    fn data_table_rows_read_as_lines() {
        let t = text(
            "<body><table><tr><th>Amount</th><th>Ingredient</th></tr>\
             <tr><td>100 g</td><td><a href=\"/p/sugar\">Sugar</a></td></tr>\
             <tr><td>100 g</td><td>Butter</td></tr>\
             <tr><td>2</td><td>Eggs<br>(large)</td></tr>\
             <tr><td><table><tr><td>in</td><td>ner</td></tr></table></td><td>x</td></tr>\
             </table></body>",
        );
        // Rows of inline cells with a figure are lines; the repeated
        // amount stays. A row without one keeps a cell per line.
        assert!(
            t.starts_with("Amount\nIngredient\n100 g Sugar\n100 g Butter\n"),
            "{t}"
        );
        // A cell with a line break or a nested table ends lines as before.
        assert!(t.contains("\n2\nEggs\n(large)\n"), "{t}");
        assert!(t.ends_with("\nin\nner\nx"), "{t}");
        // Signatories side by side stay apart.
        let t = text(
            "<body><p>Sincerely,</p><table><tr><td>Jane Roe</td><td>John Smith</td></tr>\
             <tr><td>Legal Director, Rights Group</td><td>Director, Justice Watch</td></tr></table></body>",
        );
        assert!(t.contains("Jane Roe\nJohn Smith\n"), "{t}");
    }

    #[test]
    fn inline_elements_add_no_spaces() {
        assert_eq!(
            text("<p>Sincerely,<span>Holly</span> Cartner</p>"),
            "Sincerely,Holly Cartner"
        );
        assert_eq!(text("<p>a<a href=x>b</a>c</p>"), "abc");
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(
            text("<p>  rendered September 26,\n   2023,\tconvicting </p>"),
            "rendered September 26, 2023, convicting"
        );
        assert_eq!(text("<p>a&nbsp;&nbsp;b&emsp;c</p>"), "a b c");
        assert_eq!(text("<p>a&shy;b</p>"), "ab");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            text("<p>Mintz &amp; Gold &sect;&thinsp;65.10 &mdash; &ldquo;x&rdquo;</p>"),
            "Mintz & Gold § 65.10 — “x”"
        );
    }

    #[test]
    fn pre_keeps_newlines() {
        assert_eq!(
            text("<p>before</p><pre>  line one\n    line  two\n\n</pre><p>after</p>"),
            "before\nline one\nline  two\nafter"
        );
    }

    #[test]
    fn chrome_and_scripts_dropped() {
        let t = text(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <header>Site menu</header><nav>Home About</nav>\
             <script>var x = 1;</script><noscript>enable js</noscript>\
             <main><p>Body text.</p></main><aside>Related</aside>\
             <form><input value=q><button>Search</button></form>\
             <footer>Contact us</footer><template><p>tpl</p></template>\
             <svg><text>svg</text></svg><iframe>frame</iframe>\
             <select><option>opt</option></select>\
             <div role=\"navigation\">roles</div><div role=\"contentinfo\">info</div></body></html>",
        );
        assert_eq!(t, "Body text.");
    }

    #[test]
    fn hidden_elements_dropped() {
        let t = text(
            "<p>shown</p><p hidden>h1</p><p aria-hidden=\"true\">h2</p>\
             <p style=\"color:red; DISPLAY : none\">h3</p><p style=\"visibility:hidden\">h4</p>\
             <span class=\"sr-only\">h5</span><p aria-hidden=\"false\">kept</p>\
             <div class=\"overlay hidden\">h6</div><p class=\"d-none\">h7</p>\
             <p class=\"hidden-xs\">small screens</p>",
        );
        assert_eq!(t, "shown\nkept\nsmall screens");
        let t = text("<p>a</p><dialog>closed</dialog><dialog class=\"x\" open>open</dialog>");
        assert_eq!(t, "a\nopen");
    }

    #[test]
    fn inline_element_styled_as_a_block_ends_its_line() {
        // A credit set on its own line by CSS is not glued to the
        // paragraph after it.
        assert_eq!(
            text("<p><a href=\"x.jpg\">The crew<br><em style=\"color: #aaa; Display : Block\">© Jane Roe</em></a>Hamburg - The plant opened.</p>"),
            "The crew\n© Jane Roe\nHamburg - The plant opened."
        );
        assert_eq!(
            text("<p>a<span style=\"display:flex\">b</span>c</p>"),
            "a\nb\nc"
        );
        // Other displays, and the word in another property, stay inline;
        // the last declaration wins.
        assert_eq!(
            text("<p>a <span style=\"display:inline-block\">b</span> c <span style=\"--display:blocky\">d</span> <b style=\"display:block;display:inline\">e</b></p>"),
            "a b c d e"
        );
        assert!(!styled_block_of("<i style=\"display\">x</i>"));
        assert!(styled_block_of("<i style=\"display:list-item\">x</i>"));
    }

    #[test]
    fn styled_block_is_no_line_break_in_a_table_row() {
        // A data row whose name cell links through a block-styled `a`
        // still reads as one line, with its figures.
        assert_eq!(
            text("<table><tr><td><a href=/f style=\"display:block\">Filing fee</a></td><td>$40</td><td>Yes</td></tr>\
                  <tr><td><span style=\"display:block\">Appeal</span></td><td>$95</td><td>No</td></tr></table>"),
            "Filing fee $40 Yes\nAppeal $95 No"
        );
    }

    #[test]
    fn styled_block_out_of_flow_or_hidden_keeps_the_line() {
        // A floated drop capital and an absolutely placed screen-reader
        // note are no blocks of the flow.
        assert_eq!(
            text("<p><span style=\"float: left; display: block\">W</span>ater rates rose.</p>"),
            "Water rates rose."
        );
        assert!(!styled_block_of(
            "<i style=\"display:block;position:absolute\">x</i>"
        ));
        assert!(!styled_block_of(
            "<i style=\"position: fixed ; display:flex\">x</i>"
        ));
        assert!(styled_block_of(
            "<i style=\"display:block;position:relative;float:none\">x</i>"
        ));
        // A hidden element styled as a block ends no line either.
        assert_eq!(
            text("<p>See the notice<span hidden style=\"display:block\">(opens a file)</span>, served in May.</p>"),
            "See the notice, served in May."
        );
    }

    fn styled_block_of(html: &str) -> bool {
        let page = Html::parse_fragment(html);
        page.tree
            .nodes()
            .find_map(|n| {
                n.value()
                    .as_element()
                    .filter(|e| e.name() == "i")
                    .map(styled_block)
            })
            .unwrap_or(false)
    }

    #[test]
    fn page_wrapping_form_is_kept() {
        let body = "<p>One.</p><p>Two.</p><p>Three.</p>";
        assert_eq!(
            text(&format!("<body><form id=aspnetForm>{body}</form></body>")),
            "One.\nTwo.\nThree."
        );
        assert_eq!(text("<p>x</p><form><p>Sign up</p></form>"), "x");
    }

    #[test]
    fn dropped_inline_element_keeps_the_line() {
        assert_eq!(text("<p>a <img alt=logo> b<script>x</script>c</p>"), "a bc");
    }

    #[test]
    fn repeated_short_lines_dropped() {
        let long = "x".repeat(REPEAT_LINE + 1);
        assert_eq!(
            text(&format!(
                "<p>Share</p><p>Body one.</p><p>Share</p><p>{long}</p><p>{long}</p><p>Body two.</p>"
            )),
            format!("Share\nBody one.\n{long}\n{long}\nBody two.")
        );
        assert_eq!(text("<p>a</p><p>b</p>"), "a\nb");
    }

    #[test]
    fn repeated_sections_keep_their_lines() {
        // Each plan of a page repeats its labels and lines in one element.
        assert_eq!(
            text(
                "<article><h2>Plan A</h2><h3>Breakfast</h3><p><em>Eat early</em></p>\
                 <p>Eggs and toast.</p><p>Serves 2</p><h2>Plan B</h2><h3>Breakfast</h3>\
                 <p><em>Eat early</em></p><p>Oats and fruit.</p><p>Serves 2</p></article>"
            ),
            "Plan A\nBreakfast\nEat early\nEggs and toast.\nServes 2\nPlan B\nBreakfast\n\
             Eat early\nOats and fruit.\nServes 2"
        );
        // A paragraph all in bold is a label; bold beside plain text is not.
        assert_eq!(
            text(
                "<div><p><b>Pros:</b></p><p>Cheap</p><p><b>Pros:</b></p><p>Light</p>\
                 <p><b>Note:</b> new</p><p>Cheap</p><p><b>Note:</b> new</p></div>"
            ),
            "Pros:\nCheap\nPros:\nLight\nNote: new\nCheap"
        );
        // Or under a label that repeats an earlier label: the second
        // plan's sections repeat the first's lines under other labels.
        assert_eq!(
            text(
                "<article><h2>Plan A</h2><h3>Lunch</h3><p>Eat at noon</p><p>Rice.</p>\
                 <h3>Dinner</h3><p>Eat at noon</p><p>Soup.</p><h2>Plan B</h2><h3>Lunch</h3>\
                 <p>Eat at noon</p><p>Beans.</p><h3>Dinner</h3><p>Eat at noon</p>\
                 <p>Stew.</p></article>"
            ),
            "Plan A\nLunch\nEat at noon\nRice.\nDinner\nSoup.\nPlan B\nLunch\nEat at noon\n\
             Beans.\nDinner\nEat at noon\nStew."
        );
        // A repeat under another label than its first copy's is chrome
        // placed between sections (`Advertisement` under each heading).
        assert_eq!(
            text(
                "<div><h2>Costs</h2><p>The fund pays for rent.</p><p>Sponsored</p>\
                 <h2>Critics</h2><p>Some say it is too small.</p><p>Sponsored</p>\
                 <p>Others want more.</p></div>"
            ),
            "Costs\nThe fund pays for rent.\nSponsored\nCritics\nSome say it is too small.\n\
             Others want more."
        );
        // A teaser box placed twice, a label and one line, is a copy;
        // a section that brings new text keeps its repeats.
        assert_eq!(
            text(
                "<div><p>First part of the story.</p><h4>See also</h4><p>Rents rise again</p>\
                 <h2>Next</h2><p>Second part of the story.</p><h4>See also</h4>\
                 <p>Rents rise again</p><h2>Last</h2><p>Third part.</p></div>"
            ),
            "First part of the story.\nSee also\nRents rise again\nNext\n\
             Second part of the story.\nLast\nThird part."
        );
        // So is a box placed twice between the story's paragraphs: running
        // prose after its repeats closes it, though no label follows.
        let prose = "The council voted on Tuesday to extend the program for another year, \
                     after a long debate about its cost and about who should run it.";
        assert_eq!(
            text(&format!(
                "<article><p>{prose}</p><h4>Related</h4><p>Rents rise again</p><p>{prose} Again.</p>\
                 <h4>Related</h4><p>Rents rise again</p><p>{prose} Once more.</p></article>"
            )),
            format!("{prose}\nRelated\nRents rise again\n{prose} Again.\n{prose} Once more.")
        );
    }

    #[test]
    fn signatures_keep_a_shared_title() {
        // Each signatory in an element of their own below the sign-off's.
        assert_eq!(
            text(
                "<div><p>We ask you to act.</p><p>Sincerely,</p><div><p>Jane Roe</p>\
                 <p>Staff Lawyer</p></div><div><p>John Poe</p><p>Staff Lawyer</p></div></div>"
            ),
            "We ask you to act.\nSincerely,\nJane Roe\nStaff Lawyer\nJohn Poe\nStaff Lawyer"
        );
        // Two signatories with the same title after the sign-off.
        assert_eq!(
            text(
                "<div><p>We ask you to act.</p><p>Sincerely,</p><p>Jane Roe<br>Staff Lawyer</p>\
                 <p>John Poe<br>Staff Lawyer</p></div>"
            ),
            "We ask you to act.\nSincerely,\nJane Roe\nStaff Lawyer\nJohn Poe\nStaff Lawyer"
        );
        // A forum's post headers after a post signed `Thanks,` sit in
        // another element than the sign-off; a name signed under two
        // posts is in two blocks.
        assert_eq!(
            text(
                "<div><div><div>Re: Rent</div><div>Member</div></div><div><p>Is it due?</p>\
                 <p>Thanks,</p><p>Ann</p></div><div><div>Re: Rent</div><div>Member</div></div>\
                 <div><p>It is due on Monday.</p><p>Thanks,</p><p>Ann</p></div></div>"
            ),
            "Re: Rent\nMember\nIs it due?\nThanks,\nAnn\nIt is due on Monday."
        );
        // A line first seen before the sign-off goes after it.
        assert_eq!(
            text(
                "<div><p>Staff Lawyer</p><p>We ask you to act.</p><p>Sincerely,</p>\
                 <p>Jane Roe<br>Staff Lawyer</p></div>"
            ),
            "Staff Lawyer\nWe ask you to act.\nSincerely,\nJane Roe"
        );
        // Without a sign-off before them, the repeat goes.
        assert_eq!(
            text(
                "<div><p>We ask you to act.</p><p>Jane Roe<br>Staff Lawyer</p>\
                 <p>John Poe<br>Staff Lawyer</p></div>"
            ),
            "We ask you to act.\nJane Roe\nStaff Lawyer\nJohn Poe"
        );
        assert!(sign_off("Sincerely,") && sign_off("Respectfully submitted,"));
        assert!(!sign_off("Dear Sir,") && !sign_off("sincerely,") && !sign_off("Sincerely"));
        assert!(!sign_off("In 2020, the court,") && !sign_off("One two three four five,"));
    }

    #[test]
    fn repeated_chrome_goes_in_one_element_too() {
        // No label between the copies: an ad pair between paragraphs.
        assert_eq!(
            text(
                "<div><p>One.</p><p>Advertisement</p><p>Two.</p><p>Advertisement</p>\
                 <p>Three.</p></div>"
            ),
            "One.\nAdvertisement\nTwo.\nThree."
        );
        // A label between, but in other elements each time (a box each).
        assert_eq!(
            text(
                "<div><div><p>Share</p></div><h2>Part</h2><p>Body.</p><div><p>Share</p></div></div>"
            ),
            "Share\nPart\nBody."
        );
        // A picture's credit and a line right after itself go under a
        // repeated label all the same (a line with a link among its text
        // stays; a link alone is a link-heavy block, gone before).
        assert_eq!(
            text(
                "<div><h3>Step</h3><p>Go <a href=x>on</a></p><p>Read <b><a href=y>more</a></b></p>\
                 <p><img src=a>(Photo: Jo)</p><p>Mix.</p><h3>Step</h3><p>Go <a href=x>on</a></p>\
                 <p>Read <b><a href=y>more</a></b></p><p><img src=b>(Photo: Jo)</p>\
                 <p>Mix.</p><p>Mix.</p></div>"
            ),
            "Step\nGo on\nRead more\n(Photo: Jo)\nMix.\nStep\nGo on\nRead more\nMix."
        );
        // Preformatted lines have no place: their repeats go.
        assert_eq!(
            text("<div><h3>Code</h3><pre>a\nend</pre><h3>Code</h3><pre>b\nend</pre></div>"),
            "Code\na\nend\nCode\nb"
        );
        // A tree too deep to parse loses its repeats too.
        let deep = format!("{}Menu<p>Body.</p>Menu", "<div>".repeat(MAX_DEPTH + 1));
        assert_eq!(text(&deep).matches("Menu").count(), 1);
    }

    #[test]
    fn attr_reads_like_element_attr() {
        let page = Html::parse_document(
            r#"<div class="a b" data-x="1"></div><p></p><svg><a xlink:href="u" href="v"></a></svg>"#,
        );
        for node in page.tree.root().descendants() {
            if let Node::Element(e) = node.value() {
                for name in ["class", "data-x", "id", "href", "xlink:href"] {
                    assert_eq!(attr(e, name), e.attr(name), "{name} of {e:?}");
                }
            }
        }
        let div = page
            .tree
            .root()
            .descendants()
            .find_map(|n| match n.value() {
                Node::Element(e) if e.name() == "div" => Some(e),
                _ => None,
            });
        assert_eq!(div.and_then(|e| attr(e, "class")), Some("a b"));
    }

    #[test]
    fn broken_html_does_not_panic() {
        for html in [
            "",
            "<",
            "<p",
            "</div></div></p>",
            "<table><td>a<tr>b</table>",
            "<p>unclosed <b>bold <i>both</p> after",
            "<<<>>>&&&;;;&#xffffffff;&#0;",
            "<pre>",
            "<html><head><meta charset=\"",
        ] {
            let _ = doc(html);
        }
        assert_eq!(text("<p>unclosed <b>bold"), "unclosed bold");
    }

    #[test]
    fn deep_documents_do_not_overflow() {
        // Deep but under MAX_DEPTH: the tree walker; deeper: stripped text.
        let html = format!("{}deep{}", "<div>".repeat(2_000), "</div>".repeat(2_000));
        assert_eq!(text(&html), "deep");
        let depth = 5_000;
        let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
        assert_eq!(text(&html), "deep");
        let html = format!("{}x", "<span>".repeat(depth));
        assert_eq!(text(&html), "x");
    }

    #[test]
    fn charset_from_meta() {
        let bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>\xa7 1 \x93x\x94</p></body></html>";
        let d = load("t".into(), "t".into(), bytes).unwrap();
        assert_eq!(d.raw, "§ 1 “x”");
        assert_eq!(
            declared_charset(b"<meta charset='ISO-8859-1'>").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><html>").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(declared_charset(b"<p>charset=utf-8</p>"), None);
    }

    #[test]
    fn title_sources() {
        let d = doc("<head><meta property=\"og:title\" content=\"OG Title\"><title>Tag | Site</title></head><h1>H</h1>");
        assert_eq!(d.title.as_deref(), Some("OG Title"));
        let d = doc("<meta property=\"og:title\" content=\"Report on X | Watch\"><meta property=\"og:site_name\" content=\"Watch\">");
        assert_eq!(d.title.as_deref(), Some("Report on X"));
        let d = doc("<meta property=\"og:title\" content=\"Watch\"><meta property=\"og:site_name\" content=\"Watch\">");
        assert_eq!(d.title.as_deref(), Some("Watch"));
        let d = doc("<head><title>Letter to Officials | Human Rights Org</title></head>");
        assert_eq!(d.title.as_deref(), Some("Letter to Officials"));
        assert_eq!(d.publisher.as_deref(), Some("Human Rights Org"));
        let d = doc("<title>Smith v Jones - 2026 NY Slip Op 01234</title><h1>Smith v Jones</h1>");
        assert_eq!(d.title.as_deref(), Some("Smith v Jones"));
        assert_eq!(d.publisher, None, "a reference is no site name");
        let d = doc("<title>Doe v Roe (2025 NY Slip Op 0001)</title>");
        assert_eq!(d.title.as_deref(), Some("Doe v Roe"));
        let d = doc("<title>Report (Uganda)</title>");
        assert_eq!(d.title.as_deref(), Some("Report (Uganda)"));
        let d = doc("<title>A - B</title>");
        assert_eq!(d.title.as_deref(), Some("A - B"), "no shorter tail to cut");
        let d = doc("<body><h1>Only  heading</h1></body>");
        assert_eq!(d.title.as_deref(), Some("Only heading"));
        let d = doc("<p>none</p>");
        assert_eq!(d.title, None);
        // An inline SVG icon's title is no page title, nor its style and
        // title part of the heading's.
        let d = doc("<body><h1>Rent rules<svg><style>.i{fill:red}</style><title>Arrow</title></svg></h1><p>Text.</p></body>");
        assert_eq!(d.title.as_deref(), Some("Rent rules"));
    }

    #[test]
    fn code_elements_are_html_ones() {
        let page = Html::parse_document(
            "<style>p{}</style><svg><style>.i{}</style><script>s</script>\
             <title><script>t</script></title></svg>",
        );
        let codes: Vec<(&str, bool)> = page
            .tree
            .nodes()
            .filter_map(|n| n.value().as_element())
            .filter(|e| matches!(e.name(), "style" | "script"))
            .map(|e| (e.name(), code_element(e)))
            .collect();
        assert_eq!(
            codes,
            [
                ("style", true),
                ("style", false),
                ("script", false),
                // (an SVG title holds HTML: its script is an HTML one)
                ("script", true)
            ]
        );
    }

    #[test]
    fn published_sources() {
        let d = doc(
            "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},\
             {\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-05T09:00:00+01:00\",\
             \"publisher\":{\"@type\":\"Organization\",\"name\":\"Some NGO\"}}]}</script>\
             <meta name=\"date\" content=\"2020-01-01\">",
        );
        assert_eq!(d.published.as_deref(), Some("2024-03-05"));
        assert_eq!(d.publisher.as_deref(), Some("Some NGO"));
        let d = doc("<meta property=\"article:published_time\" content=\"2006-09-06T20:00:00Z\">");
        assert_eq!(d.published.as_deref(), Some("2006-09-06"));
        let d = doc("<meta name=\"citation_date\" content=\"2006/09/06\">");
        assert_eq!(d.published.as_deref(), Some("2006-09-06"));
        let d = doc("<meta name=\"DC.date\" content=\"September 2006\">");
        assert_eq!(d.published.as_deref(), Some("2006-09"));
        let d = doc("<p>x</p><time datetime=\"2001-02-03\">3 Feb</time>");
        assert_eq!(d.published.as_deref(), Some("2001-02-03"));
        let d = doc(
            "<time datetime=\"2001-02-03\">a</time><time pubdate datetime=\"2002-02-03\">b</time>",
        );
        assert_eq!(d.published.as_deref(), Some("2002-02-03"));
        let d = doc("<meta name=\"date\" content=\"not a date\"><p>x</p>");
        assert_eq!(d.published, None);
        let d = doc("<script type=\"application/ld+json\">{broken</script><p>x</p>");
        assert_eq!(d.published, None);
    }

    #[test]
    fn dateline_near_the_top() {
        let d = doc(
            "<h1>Case</h1><p>2026 Slip Op 1</p><p>April 1, 2026</p><p>Decided on April 2, 2026</p>",
        );
        assert_eq!(d.published.as_deref(), Some("2026-04-01"));
        let d = doc("<p>Decided on April 2, 2026</p>");
        assert_eq!(
            d.published, None,
            "a sentence with a date is not a dateline"
        );
    }

    #[test]
    fn date_from_a_date_named_byline() {
        let body = "<div class=\"entry-content\"><p>The court heard the appeal and reserved judgment.</p></div>";
        for (byline, want) in [
            ("<div class=\"entry-meta\">Posted on March 2, 2021 by Jane Roe</div>", Some("2021-03-02")),
            ("<div class=\"post-meta\">Jane Roe | 2 March 2021 | 4 comments</div>", Some("2021-03-02")),
            ("<span id=\"dateline\">By Jane Roe on 2021-03-02</span>", Some("2021-03-02")),
            ("<p class=\"article-date\">Published: Tuesday, March 2, 2021</p>", Some("2021-03-02")),
            // Updates, comments and other posts' dates are not the date.
            ("<div class=\"last-updated\">March 9, 2021</div>", None),
            ("<div class=\"comment-meta\">March 9, 2021</div>", None),
            ("<ul class=\"recent-posts\"><li class=\"date\">March 9, 2021</li></ul>", None),
            // A date-named container holding much more than a date line.
            (
                "<div class=\"meta\">March 9, 2021. The hearing went on for hours and the judges put many questions to both parties about the contract and its clauses, and about the statute.</div>",
                None,
            ),
            ("<div class=\"entry-meta\">Jane Roe, staff writer</div>", None),
        ] {
            let page = Html::parse_document(&format!("<article>{byline}{body}</article>"));
            assert_eq!(byline_date(&page).as_deref(), want, "{byline}");
        }
        // A site header's date of the day is not the article's; an
        // article's own header is read.
        let page = Html::parse_document(&format!(
            "<header class=\"site-header\"><span class=\"date\">Saturday, November 28, 2026</span></header>\
             <article><header><div class=\"entry-meta\">Posted on March 2, 2021</div></header>{body}</article>"
        ));
        assert_eq!(byline_date(&page).as_deref(), Some("2021-03-02"));
        // Deeply nested date-named elements around a long text: each is
        // read no further than a byline's length.
        let deep = format!(
            "{}March 2, 2021{}{}",
            "<div class=\"meta\">".repeat(1500),
            "x ".repeat(1000),
            "</div>".repeat(1500)
        );
        assert_eq!(byline_date(&Html::parse_document(&deep)), None);
        // Read when nothing else gives the date: the content stage drops
        // a byline like any post metadata.
        let d = doc(&format!(
            "<article><div class=\"entry-meta\">Posted on March 2, 2021 by Jane Roe</div>{body}</article>"
        ));
        assert_eq!(d.published.as_deref(), Some("2021-03-02"));
        // Markup and a dateline in the text come first.
        let d = doc(&format!(
            "<time datetime=\"2020-01-01\">x</time><div class=\"entry-meta\">Posted on March 2, 2021</div>{body}"
        ));
        assert_eq!(d.published.as_deref(), Some("2020-01-01"));
        assert_eq!(date_in_byline("Posted on Monday"), None);
        assert_eq!(date_in_byline("on | by | —"), None);
    }

    #[test]
    fn publisher_sources() {
        let d =
            doc("<meta property=\"og:site_name\" content=\"Watch Group\"><title>T | Other</title>");
        assert_eq!(d.publisher.as_deref(), Some("Watch Group"));
        let d = doc("<p>Published by State Law Reporting Office pursuant to Law § 4.</p>");
        assert_eq!(d.publisher.as_deref(), Some("State Law Reporting Office"));
        let d = doc("<p>Published by the</p>");
        assert_eq!(d.publisher, None);
        let d = doc("<meta name=\"DC.publisher\" content=\"Court of Appeal\">");
        assert_eq!(d.publisher.as_deref(), Some("Court of Appeal"));
    }

    #[test]
    fn picture_credits_among_the_text_dropped() {
        let para = "A paragraph of the article that goes on for a while about the matter at hand, long enough.";
        let page = format!(
            "<body><p>{para} {para}</p><p>© Agency | Photographer</p><p>{para} {para}</p>\
             <p>{para} {para}</p><p>{para} {para}</p><p>© 2024 The Publisher</p></body>"
        );
        let t = text(&page);
        assert!(!t.contains("Photographer"), "{t}");
        assert!(t.ends_with("© 2024 The Publisher"), "{t}");
        assert_eq!(t.lines().count(), 5, "{t}");
    }

    #[test]
    fn step_number_blocks_join_their_step() {
        let t = text(
            "<body><h2>Steps</h2><div class=\"step\"><div class=\"n\">1.</div>\
             <div class=\"t\"><p>Mix the flour and the sugar.</p></div></div>\
             <div class=\"step\"><div class=\"n\"><span>2</span></div><div class=\"t\">Bake it.</div></div>\
             <ul><li><span class=\"q\"><div>25</div></span><div>g butter</div></li></ul>\
             <div><div>3</div><p>Then serve.</p></div></body>",
        );
        assert!(t.contains("1. Mix the flour and the sugar.\n"), "{t}");
        assert!(t.contains("\n2 Bake it.\n"), "{t}");
        assert!(t.contains("\n25 g butter\n"), "{t}");
        assert!(t.contains("\n3 Then serve."), "{t}");
        // An opinion's page numbers among its blocks, before a heading or a
        // paragraph, keep their own line.
        let t = text(
            "<body><div class=\"opinion\"><p>The court denied the petition.</p>\
             <div class=\"page\">2</div><h2>DISCUSSION</h2><p>We review de novo.</p>\
             <div class=\"page\">3</div><p>REVERSED and REMANDED.</p></div></body>",
        );
        assert!(t.contains("\n2\nDISCUSSION\n"), "{t}");
        assert!(t.contains("\n3\nREVERSED and REMANDED."), "{t}");
        // A number with words, or a longer one (a year), keeps its line.
        let t = text(
            "<body><div>Step 1</div><div>Mix.</div>\
             <div>2021</div><div>A year of rulings.</div></body>",
        );
        assert!(t.contains("Step 1\nMix.\n"), "{t}");
        assert!(t.contains("2021\nA year of rulings."), "{t}");
    }

    #[test]
    fn step_number_reads_only_a_short_ordinal() {
        let page = Html::parse_document(
            "<ol><li><div id=a>12.</div><p>t</p></li><li><div id=b>4)</div><p>t</p></li>\
             <li><div id=c>1..</div><p>t</p></li><li><div id=d>x</div><p>t</p></li>\
             <li><div id=e><p>1</p></div><p>t</p></li><li><div id=f> 7 </div><p>t</p></li>\
             <li><div id=g>5</div><h3>t</h3></li></ol>",
        );
        let by_id = |id: &str| {
            page.tree
                .nodes()
                .find(|n| matches!(n.value(), Node::Element(e) if attr(e, "id") == Some(id)))
                .unwrap()
        };
        assert!(step_number(by_id("a")));
        assert!(step_number(by_id("b")));
        assert!(!step_number(by_id("c")));
        assert!(!step_number(by_id("d")));
        assert!(!step_number(by_id("e")));
        assert!(step_number(by_id("f")));
        // Before a heading: no step.
        assert!(!step_number(by_id("g")));
    }
}
