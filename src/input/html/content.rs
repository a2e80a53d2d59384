//! Main content at the DOM level: which subtree of the page holds the
//! article, and which elements inside it are site chrome.
//!
//! One iterative pass over the parsed page measures every element: its
//! text (bytes other than whitespace), the part of it inside links, the
//! number of links, and the part inside chrome-named descendants. Then:
//!
//! 1. **Chrome by name.** An element whose `class` or `id` names a widget
//!    (share, social, cookie, consent, sidebar, related, comment, ad,
//!    sponsor, newsletter, breadcrumb, pagination, footer, nav, menu,
//!    popup, modal, a post's `meta` line of byline and date, a list of
//!    `teasers`, …; the `drop` rows of `patterns/html_classes.tsv`) is
//!    left out with its subtree. Tokens are matched whole or by their
//!    sub-words (split at `-`, `_`, `:` and case changes), so `share-bar`
//!    and `relatedPosts` match while `shadow`, `header-image` or `address`
//!    do not; a few words also match as the start of a compound written
//!    as one (`relatedlinks`; `drop-prefix` rows). A BEM modifier
//!    (`section--ads`) names no chrome, except Drupal's type and field
//!    names, which say what the block holds
//!    (`paragraph--type--related-articles`, `field--name-field-tags`);
//!    an embed (`social-media-embed`: a quoted post) is content. A
//!    picture's wrapper (`media` rows: `article-image`, `photo-wrap`)
//!    holding an image and under [`CAPTION`] bytes of text is its caption
//!    or credit, left out as a `figcaption` is; so is an element right
//!    after a picture whose text repeats the image's `alt` text. Elements
//!    `nav`, `header`, `footer`, `aside`, `figcaption` and chrome ARIA
//!    roles count as chrome-named, but a `header` inside the chosen
//!    container is the article's own and stays. `html`, `body`, `main`, `article` and `itemprop=articleBody`
//!    are never dropped this way, nor is an element holding the chosen
//!    container, nor (on pages without one) an element holding most of
//!    the page's text (a `has-sidebar` page wrapper).
//! 2. **The container.** Candidates are `itemprop="articleBody"`,
//!    `<article>`, `<main>`, `role="main"` and elements with a
//!    content-like class or id (`content`, `article`, `post`, `entry`,
//!    `story`, `main`, `article-body`, …). Each is weighed by its prose:
//!    text outside chrome and outside links. The heaviest wins, then the
//!    choice narrows to a candidate inside it that still holds
//!    [`NARROW`] of its prose (`main` → `article` → `articleBody`), so an
//!    article split across several inner containers keeps its outer one.
//!    When the choice holds less than [`MIN_SHARE`] of the page's prose
//!    (a teaser, a wrapper-less page), the whole body is used instead.
//!    When the choice, or one of its [`TWIN_LEVELS`] nearest ancestors,
//!    has a sibling of the same tag and class (an `article`, or a classed
//!    element) holding prose of its own, at least half as much, the page
//!    shows several stories (a newsletter, a digest): the walk starts at
//!    their parent and keeps them all.
//! 3. **The lead.** Between the chosen container and the wider one around
//!    it (the nearest `article` or `main`, else the candidate it was
//!    narrowed from), only the article's lead before the container is
//!    kept: an element whose class or id names a standfirst, teaser,
//!    intro, abstract or summary (`lead` rows of the pattern file), or
//!    `itemprop="description"`, or a paragraph (`p`) of some length, short
//!    and with little link text. The title, byline, date line and share
//!    bar there stay out. An `itemprop="description"` just before the
//!    walk's root, outside it, is taken in too: the walk starts at the
//!    nearest element holding both (not `body`), all else there left out.
//!    An `itemprop="articleBody"` of some length anchors the choice: only
//!    candidates holding it or inside it compete, whatever their share.
//! 4. **Link-heavy blocks.** A block (not a heading) whose link text is
//!    over [`LINK_SHARE`] of its text is left out when it is short or
//!    holds several links: menus, tag lists, "read more" lines (not a
//!    table cell, nor a row with one link: a data table's value linked to
//!    its page, `1 pack | Baking powder`). So is a
//!    short link standing alone between blocks (a child of a `div` or
//!    `section` with no text beside it: a promotion between paragraphs),
//!    and an inline `span` of several links and little else (a hover card
//!    of a person's latest stories, hidden by CSS, inside a paragraph),
//!    and a short line of links led by a label ending in a colon
//!    (`Tags: a, b, c`, `Filed under: Courts`). So is a teaser card of
//!    another page: a block with a single heading, all of it a link away
//!    from the page (not `#notes`, a folded section's toggle), and under
//!    [`CARD_TEXT`] bytes of text beside it (the story's description) —
//!    never the chosen container, an element holding it, or one holding
//!    most of the page's text.
//! 5. **Orphan headings.** A heading (or a wrapper holding only one) at
//!    the end of an element, after which everything was dropped, goes
//!    with its section (`More from us` over a dropped link list).
//!
//! What it preserves: it only chooses subtrees; the text of what is kept
//! is produced by the walker in `html.rs`, headings and inline dates
//! included.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use scraper::node::Element;
use scraper::{Html, Node};

use super::ego_ref::NodeRef;
use super::memo::Memo;
use super::prune;
use super::{attr, shown_text};

/// The narrower container replaces the wider one when it holds at least
/// this share of the wider one's prose.
pub(super) const NARROW: f64 = 0.8;
/// The container must hold at least this share of the page's prose.
pub(super) const MIN_SHARE: f64 = 0.33;
/// Prose (bytes) a container must hold at least.
const MIN_PROSE: usize = 200;
/// A block whose link text exceeds this share of its text is link-heavy.
pub(super) const LINK_SHARE: f64 = 0.8;
/// A link-heavy block shorter than this (bytes) is dropped even with a
/// single link.
const SHORT_BLOCK: usize = 300;
/// A link-heavy block with at least this many links is dropped whatever
/// its length.
const MANY_LINKS: usize = 3;
/// On a page without a container, a chrome-named element holding at least
/// this share of the page's text outside links is a wrapper, and kept.
const WRAPPER_SHARE: f64 = 0.5;

/// A picture's wrapper with this much text (bytes) or more is no caption.
const CAPTION: usize = 300;
/// Nodes of a picture's wrapper searched for its image.
const CAPTION_NODES: usize = 64;
/// Siblings (line breaks, blank text) between a picture and the caption
/// repeating its `alt` text, at most.
const ALT_CAPTION_GAP: usize = 3;

/// A lead (standfirst, abstract) longer than this (bytes) is not one.
const LEAD_MAX: usize = 2000;
/// A paragraph (`p`) before the chosen container, in the wider one, is
/// kept as part of the lead from this many bytes of text.
const LEAD_PARAGRAPH: usize = 100;
/// A lead has less link text than this share of its text.
const LEAD_LINK_SHARE: f64 = 0.5;

/// The class/id vocabulary, from `patterns/html_classes.tsv`.
#[derive(Debug, Default)]
struct Vocab {
    drop: FxHashSet<String>,
    drop_tokens: FxHashSet<String>,
    keep: FxHashSet<String>,
    content: FxHashSet<String>,
    content_tokens: FxHashSet<String>,
    lead: FxHashSet<String>,
    /// Sub-words naming a picture's wrapper.
    media: FxHashSet<String>,
    /// Sub-words that, beside a media word, name a block of picture and
    /// text (`media-text`), not a caption's wrapper.
    media_text: FxHashSet<String>,
    /// Words that name chrome also as the start of a compound sub-word
    /// (`relatedlinks`, `newslettersignup`).
    drop_prefix: Vec<String>,
}

/// The built-in pattern file.
const FILE: &str = "html_classes.tsv";

/// Compiled once per process: `input::load` has no `Patterns`.
static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let text = crate::patterns::BUILTIN
        .iter()
        .find(|(n, _)| *n == FILE)
        .map_or("", |(_, t)| t);
    Vocab::parse(text).0
});

impl Vocab {
    /// The vocabulary and the numbers of the lines it could not read.
    fn parse(text: &str) -> (Vocab, Vec<usize>) {
        let mut v = Vocab::default();
        let mut bad = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t').map(str::trim);
            let (Some(kind), Some(word), None) = (cols.next(), cols.next(), cols.next()) else {
                bad.push(i + 1);
                continue;
            };
            let word = word.to_ascii_lowercase();
            match kind {
                "drop" => v.drop.insert(word),
                "content" => v.content.insert(word),
                "content-token" => v.content_tokens.insert(word),
                "drop-token" => v.drop_tokens.insert(word),
                "keep" => v.keep.insert(word),
                "lead" => v.lead.insert(word),
                "media" => v.media.insert(word),
                "media-text" => v.media_text.insert(word),
                "drop-prefix" => {
                    v.drop_prefix.push(word);
                    true
                }
                _ => {
                    bad.push(i + 1);
                    false
                }
            };
        }
        (v, bad)
    }

    /// What one class or id token names.
    #[cfg(test)]
    fn token(&self, token: &str) -> Naming {
        self.token_media(token).0
    }

    /// What one class or id token names, and whether it names a picture's
    /// wrapper ([`Vocab::media`]).
    fn token_media(&self, token: &str) -> (Naming, bool) {
        let whole = lower(token);
        let whole = whole.as_ref();
        if self.drop.contains(whole) || self.drop_tokens.contains(whole) {
            return (Naming::Chrome, false);
        }
        let mut media = false;
        let mut with_text = false;
        let mut content = self.content.contains(whole) || self.content_tokens.contains(whole);
        let mut chrome = false;
        // A BEM modifier (`section--ads`, `layout--sidebar`) says what a
        // block has or how it looks, not what it is: only the part before
        // it names chrome.
        let (named, modifier) = token.split_once("--").unwrap_or((token, ""));
        // Drupal names what a block holds in a modifier of its type or
        // field name: `paragraph--type--related-articles`,
        // `field--name-field-tags`.
        let (named, modifier) = match drupal_kind(modifier) {
            Some(kind) => (kind, ""),
            _ => (named, modifier),
        };
        for w in sub_words(named) {
            let w = lower(w);
            let w = w.as_ref();
            if self.keep.contains(w) {
                return (Naming::Other, false);
            }
            media |= self.media.contains(w);
            with_text |= self.media_text.contains(w);
            chrome |= self.drop.contains(w)
                || self
                    .drop_prefix
                    .iter()
                    .any(|p| w.len() > p.len() && w.starts_with(p.as_str()));
            content |= self.content.contains(w);
        }
        for w in sub_words(modifier) {
            content |= self.content.contains(lower(w).as_ref());
        }
        let naming = if chrome {
            Naming::Chrome
        } else if content {
            Naming::Content
        } else {
            Naming::Other
        };
        (naming, media && !with_text)
    }

    /// What an element's `class` and `id` name: chrome when a token says
    /// so and none names content, content when a token names it; and
    /// whether a token names a picture's wrapper. A heading's `id` is
    /// an anchor made from its words (`nav_the_results`, the target of a
    /// table of contents), so only its `class` is read. `token` gives
    /// [`Vocab::token_media`] of a token (remembered per page by the
    /// caller: pages repeat tokens in class lists that differ).
    fn element<'e>(
        &self,
        e: &'e Element,
        mut token: impl FnMut(&'e str) -> (Naming, bool),
    ) -> (Naming, bool) {
        let mut chrome = false;
        let mut content = false;
        let mut media = false;
        let heading = matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        let tokens = attr(e, "class")
            .into_iter()
            .chain(attr(e, "id").filter(|_| !heading))
            .flat_map(str::split_ascii_whitespace);
        for t in tokens.take(32) {
            let (naming, m) = token(t);
            media |= m;
            match naming {
                Naming::Chrome => chrome = true,
                Naming::Content => content = true,
                Naming::Other => {}
            }
        }
        let naming = if content {
            Naming::Content
        } else if chrome {
            Naming::Chrome
        } else {
            Naming::Other
        };
        (naming, media)
    }
}

impl Vocab {
    /// Whether an element's `class` or `id` (or `itemprop="description"`)
    /// names the article's lead: its standfirst, teaser or abstract.
    fn lead(&self, e: &Element) -> bool {
        if attr(e, "itemprop").is_some_and(|p| {
            p.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("description"))
        }) {
            return true;
        }
        attr(e, "class")
            .into_iter()
            .chain(attr(e, "id"))
            .flat_map(str::split_ascii_whitespace)
            .take(32)
            .any(|t| {
                let (named, _) = t.split_once("--").unwrap_or((t, ""));
                sub_words(named).any(|w| self.lead.contains(lower(w).as_ref()))
            })
    }
}

/// Whether a measured element is a picture's caption or credit outside a
/// `figcaption`: an element named as a picture's wrapper
/// ([`Vocab::media`]) holding an image and less than [`CAPTION`] bytes of
/// text. (The page, the article and its body are never one.)
fn caption(s: &Stats<'_>, e: &Element) -> bool {
    s.media
        && s.text < CAPTION
        && !protected(e)
        && s.node
            .descendants()
            .take(CAPTION_NODES)
            .any(|d| matches!(d.value(), Node::Element(i) if matches!(i.name(), "img" | "picture")))
}

/// Whether a measured element is the caption of the picture just before
/// it: its text is the image's `alt` text (whitespace aside), and only
/// line breaks or a wrapper of the image stand between them (`<img
/// alt="The court house"><br><span>The court house</span>`).
fn alt_caption(s: &Stats<'_>) -> bool {
    if s.text == 0 || s.text >= CAPTION {
        return false;
    }
    let mut prev = s.node.prev_sibling();
    let mut seen = 0;
    let alt = loop {
        let Some(p) = prev else { return false };
        match p.value() {
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Element(i) if i.name() == "br" => {}
            Node::Element(i) if i.name() == "img" => break attr(i, "alt"),
            Node::Element(i) if matches!(i.name(), "a" | "picture" | "span" | "div" | "figure") => {
                break p
                    .descendants()
                    .take(CAPTION_NODES)
                    .find_map(|d| match d.value() {
                        Node::Element(i) if i.name() == "img" => attr(i, "alt"),
                        _ => None,
                    })
            }
            _ => return false,
        }
        seen += 1;
        if seen > ALT_CAPTION_GAP {
            return false;
        }
        prev = p.prev_sibling();
    };
    let Some(alt) = alt.filter(|a| weight(a) == s.text) else {
        return false;
    };
    let mut want = alt.chars().filter(|c| !c.is_whitespace());
    s.node
        .descendants()
        .filter_map(shown_text)
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace())
        .all(|c| want.next() == Some(c))
        && want.next().is_none()
}

/// What a Drupal modifier (`type--related-articles`, `name-field-tags`)
/// says the element holds, without its `type`/`name` prefix and the
/// `field` of a field name.
fn drupal_kind(modifier: &str) -> Option<&str> {
    let rest = modifier
        .strip_prefix("type")
        .or_else(|| modifier.strip_prefix("name"))?
        .trim_start_matches('-');
    let rest = rest
        .strip_prefix("field")
        .map_or(rest, |r| r.trim_start_matches(['-', '_']));
    (!rest.is_empty()).then_some(rest)
}

/// `word` in ASCII lower case, copied only when it has upper-case letters.
fn lower(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// What a class or id says an element is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Naming {
    Chrome,
    Content,
    Other,
}

/// The sub-words of a class token: split at `-`, `_`, `:`, `.` and where a
/// lower-case letter or digit is followed by an upper-case one.
fn sub_words(token: &str) -> impl Iterator<Item = &str> {
    let bytes = token.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i <= bytes.len() {
            let at = i;
            i += 1;
            let cut = at == bytes.len()
                || matches!(bytes[at], b'-' | b'_' | b':' | b'.')
                || (at > start
                    && bytes[at].is_ascii_uppercase()
                    && (bytes[at - 1].is_ascii_lowercase() || bytes[at - 1].is_ascii_digit()));
            if !cut {
                continue;
            }
            let word = token.get(start..at).unwrap_or("");
            start = if at < bytes.len() && !bytes[at].is_ascii_uppercase() {
                at + 1
            } else {
                at
            };
            if !word.is_empty() {
                return Some(word);
            }
        }
        None
    })
}

/// What was measured of one element.
#[derive(Clone, Copy, Debug)]
struct Stats<'a> {
    node: NodeRef<'a>,
    /// Visible text bytes (not whitespace).
    text: usize,
    /// Of which inside `<a>`.
    link: usize,
    /// Number of `<a href>` inside.
    links: usize,
    /// Text inside chrome-named descendants (and their links).
    chrome: usize,
    chrome_link: usize,
    naming: Naming,
    /// Named as a picture's wrapper ([`Vocab::media`]).
    media: bool,
    /// A container candidate.
    candidate: bool,
    /// Named as the article's lead ([`Vocab::lead`]), with little link text.
    lead: bool,
    /// Lead elements inside (itself included).
    leads: usize,
    /// Headings inside (itself included), and of them those whose text is
    /// all inside links.
    headings: usize,
    linked_headings: usize,
    /// Index in the post-order list of the first element inside it: its
    /// descendants are `first..` its own index.
    first: usize,
}

impl Stats<'_> {
    /// Text outside chrome and outside links.
    fn prose(&self) -> usize {
        (self.text - self.chrome).saturating_sub(self.link - self.chrome_link)
    }
}

/// The part of the page to turn into text.
pub(super) struct Selection<'a> {
    /// Where the walk starts.
    pub root: NodeRef<'a>,
    /// Elements left out with their subtrees (keys from [`key`]): those
    /// `skipped` anyway and those dropped here.
    left_out: FxHashSet<usize>,
}

impl Selection<'_> {
    /// Whether `node`, an element the walk from [`Selection::root`]
    /// reaches, is left out with its subtree: `skipped` by the walker (as
    /// judged once here) or dropped as chrome.
    pub fn left_out(&self, node: NodeRef<'_>) -> bool {
        self.left_out.contains(&key(node))
    }
}

/// A key identifying a node of the page (its address in the tree).
fn key(node: NodeRef<'_>) -> usize {
    node.value() as *const Node as usize
}

/// Elements never dropped for their class: the page and the article.
fn protected(e: &Element) -> bool {
    matches!(e.name(), "html" | "body" | "main" | "article") || articlebody(e)
}

fn articlebody(e: &Element) -> bool {
    attr(e, "itemprop").is_some_and(|p| {
        p.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case("articleBody"))
    })
}

/// Whether an element is a container candidate.
fn candidate(e: &Element, naming: Naming) -> bool {
    matches!(e.name(), "article" | "main")
        || naming == Naming::Content
        || articlebody(e)
        || attr(e, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
}

/// Whether an element is a link: an `a`, unless it is a named anchor
/// without `href` (`<a name="answer">`, `<a id="part-2">`: a target in
/// the text, wrapping a question or subheading). An `a` with neither (a
/// script's button or menu entry) is still one.
fn is_link(e: &Element) -> bool {
    e.name() == "a"
        && (attr(e, "href").is_some() || (attr(e, "name").is_none() && attr(e, "id").is_none()))
}

/// Blocks the link-density rule looks at.
fn link_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "section" | "ul" | "ol" | "li" | "dl" | "dd" | "dt" | "table" | "tr" | "td"
    )
}

/// Whether a link-heavy block is a value of a data table rather than a
/// menu: a cell, or a row with a single link (`1 pack | <a>Baking
/// powder</a>`, the product's page linked). A row of several links, or a
/// whole table of them, is still a menu.
fn table_value(name: &str, links: usize) -> bool {
    name == "td" || (name == "tr" && links < 2)
}

/// Whether a link stands on a line of its own, between blocks: a child of
/// a block container (not of a paragraph, list item or cell) with no text
/// beside it (a promotion or `Read more` link between the paragraphs).
fn standalone_link(node: NodeRef<'_>) -> bool {
    let parent_block = node.parent().is_some_and(|p| {
        matches!(p.value(), Node::Element(e)
            if matches!(e.name(), "div" | "section" | "article" | "main" | "body"))
    });
    let bare = |n: Option<NodeRef<'_>>| match n.map(|n| n.value()) {
        Some(Node::Text(t)) => t.trim().is_empty(),
        Some(Node::Element(e)) => !matches!(e.name(), "a" | "span" | "b" | "strong" | "em" | "i"),
        _ => true,
    };
    parent_block && bare(node.prev_sibling()) && bare(node.next_sibling())
}

/// The longest label (bytes other than whitespace) of a labelled link line.
const LINK_LABEL: usize = 24;

/// Whether a block of `text` bytes, `link` of them in its `links` links,
/// is a line of links led by a label (`Tags: a, b, c`, `Filed under:
/// Courts`, `Source: Agency`): its text outside links is the label and
/// punctuation, and the label, its first text, ends with a colon.
fn labelled_links(node: NodeRef<'_>, text: usize, link: usize, links: usize) -> bool {
    if links == 0 || text >= SHORT_BLOCK || text - link > LINK_LABEL {
        return false;
    }
    node.descendants()
        .take(64)
        .find_map(|d| shown_text(d).map(str::trim).filter(|t| !t.is_empty()))
        .is_some_and(|label| label.ends_with(':') && weight(label) <= LINK_LABEL)
}

/// Bytes of `s` other than whitespace.
fn weight(s: &str) -> usize {
    s.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}

/// Choose the main content of `page`. `skipped` says which elements the
/// walker leaves out anyway (scripts, chrome elements, hidden ones).
pub(super) fn select<'a>(
    page: &'a Html,
    skipped: impl Fn(NodeRef<'_>) -> bool,
    chrome_element: impl Fn(&Element) -> bool,
) -> Selection<'a> {
    let vocab = &*VOCAB;
    // What each distinct element's class and id name, read once per page.
    let (mut namings, mut leads) = (Memo::new(), Memo::new());
    // And what each distinct class or id token names.
    let mut tokens: FxHashMap<&'a str, (Naming, bool)> = FxHashMap::default();
    let top = page.tree.root();
    // Post-order list of measured elements, and the open ones.
    let mut done: Vec<Stats<'a>> = Vec::new();
    let mut open: Vec<Stats<'a>> = Vec::new();
    let mut in_link = 0usize;
    let mut left_out = FxHashSet::default();
    let mut node = top;
    'walk: loop {
        // Enter `node`.
        let mut descend = false;
        match node.value() {
            Node::Element(_) if skipped(node) => {
                left_out.insert(key(node));
            }
            Node::Element(e) => {
                let by_element = chrome_element(e);
                let (naming, media) = if by_element {
                    (Naming::Chrome, false)
                } else {
                    namings.get(e, |_| {
                        vocab.element(e, |t| {
                            *tokens.entry(t).or_insert_with(|| vocab.token_media(t))
                        })
                    })
                };
                if is_link(e) {
                    in_link += 1;
                }
                open.push(Stats {
                    node,
                    text: 0,
                    link: 0,
                    links: usize::from(e.name() == "a" && attr(e, "href").is_some()),
                    chrome: 0,
                    chrome_link: 0,
                    naming,
                    media,
                    candidate: !by_element && candidate(e, naming),
                    lead: !by_element
                        && naming != Naming::Chrome
                        && (e.name() == "p" || leads.get(e, |e| vocab.lead(e))),
                    leads: 0,
                    headings: 0,
                    linked_headings: 0,
                    first: done.len(),
                });
                descend = true;
            }
            Node::Text(t) => {
                let w = weight(t);
                if let Some(top) = open.last_mut() {
                    top.text += w;
                    if in_link > 0 {
                        top.link += w;
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
            if open.last().is_some_and(|s| key(s.node) == key(node)) {
                close(&mut open, &mut done, &mut in_link);
            }
            if node == top {
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
    let body = done
        .iter()
        .rposition(|s| matches!(s.node.value(), Node::Element(e) if e.name() == "body"))
        .or(done.len().checked_sub(1));
    let Some(body) = body else {
        return Selection {
            root: top,
            left_out,
        };
    };
    let page_prose = done[body].prose();
    // Text outside links, chrome included.
    let page_text = done[body].text - done[body].link;
    let (chosen, outer) = container(&done, page_prose).unzip();
    // The wider container around the chosen one: the nearest `article` or
    // `main` holding it, else the candidate it was narrowed from.
    let outer = chosen.and_then(|c| {
        (c + 1..done.len())
            .filter(|&j| done[j].first <= done[c].first)
            .find(|&j| matches!(done[j].node.value(), Node::Element(e) if matches!(e.name(), "article" | "main")))
            .or(outer.flatten())
    });
    let root = outer.or(chosen).unwrap_or(body);
    // A page of several stories side by side (a newsletter, a digest):
    // the choice widens to the element holding them all.
    // The lead rule then stands back: the other stories are no chrome
    // beside the chosen one.
    let (root, outer) = match chosen.and_then(|c| several_stories(&done, c)) {
        Some(p) if holds(&done, root, p) => (root, None),
        Some(p) => (p, None),
        None => (root, outer),
    };
    // Between the chosen container and the wider one it was narrowed from
    // (an `article` around its text body), only the lead before the body
    // is kept: its standfirst, abstract or teaser paragraph. The rest
    // there (the title, byline, date, share bar, tags) is the page's.
    let lead_scope = chosen
        .filter(|_| outer.is_some())
        .map(|c| done[c].first..c + 1);
    // Elements inside a lead (post-order: a lead's descendants come just
    // before it, from its `first`).
    let mut in_lead = Vec::new();
    if lead_scope.is_some() {
        in_lead = vec![false; done.len()];
        let mut cover: Option<usize> = None;
        for j in (0..done.len()).rev() {
            if cover.is_some_and(|f| j >= f) {
                in_lead[j] = true;
            } else {
                cover = done[j].lead.then_some(done[j].first);
            }
        }
    }
    let mut dropped = left_out;
    // Text, link text and links of dropped subtrees, per finished
    // subtree: (post-order index, text, link, links).
    let mut removed: Vec<(usize, usize, usize, usize)> = Vec::new();
    let first = done[root].first;
    // Text left in each element once what is dropped inside is taken out.
    let mut left = vec![0; done.len()];
    for (i, s) in done.iter().enumerate().take(root).skip(first) {
        let (mut gone, mut gone_link, mut gone_links) = (0, 0, 0);
        while removed.last().is_some_and(|r| r.0 >= s.first) {
            if let Some((_, t, l, n)) = removed.pop() {
                gone += t;
                gone_link += l;
                gone_links += n;
            }
        }
        let Node::Element(e) = s.node.value() else {
            continue;
        };
        // An element holding the chosen container (between it and the
        // wider one) is never dropped.
        let holds = lead_scope
            .as_ref()
            .is_some_and(|scope| s.first <= scope.start && i >= scope.end);
        // The page, the article and the article's own header stay too.
        let kept = holds || protected(e) || (chosen.is_some() && e.name() == "header");
        // Link density of what is left of the block: a hover card
        // dropped inside a person's name link leaves the name alone.
        let (text, link) = (s.text - gone, s.link - gone_link);
        // A wrapper is measured by what is left of it once the chrome
        // inside is dropped: a wrapper kept inside it (`sidebar__main`
        // in `lay-sidebar`) counts.
        let chrome = s.naming == Naming::Chrome
            && !kept
            && (chosen.is_some()
                || (text.saturating_sub(link) as f64) < WRAPPER_SHARE * page_text as f64);
        let links = s.links - gone_links;
        let heavy = !holds
            && text > 0
            && link as f64 > LINK_SHARE * text as f64
            && (((link_block(e.name()) || (e.name() == "a" && standalone_link(s.node)))
                && (text < SHORT_BLOCK || links >= MANY_LINKS)
                && !table_value(e.name(), links))
                || (e.name() == "span" && links >= MANY_LINKS))
            || (link_block(e.name()) && labelled_links(s.node, text, link, links));
        // A teaser card of another page: never the article itself or an
        // element holding it, nor one holding most of the page's text (a
        // brief); inside the article only with its picture (a list of
        // cases or documents, each a linked heading and a line, stays).
        let heavy = heavy
            || (teaser_card(e.name(), s, text, link)
                && !chosen.is_some_and(|c| s.first <= done[c].first && i >= c)
                && !chosen.is_some_and(|c| done[c].first <= i && i < c && !pictured(s.node))
                && ((text - link) as f64) < WRAPPER_SHARE * page_text as f64);
        // Outside the chosen container but inside the wider one: kept only
        // when it is, or holds, a lead before the container.
        let beside = lead_scope.as_ref().is_some_and(|scope| {
            let inside = scope.contains(&i);
            let before = i < scope.start;
            !inside && !holds && !(before && (s.leads > 0 || in_lead.get(i) == Some(&true)))
        });
        if chrome || heavy || beside {
            dropped.insert(key(s.node));
            removed.push((i, s.text, s.link, s.links));
        } else {
            removed.push((i, gone, gone_link, gone_links));
            left[i] = text;
            drop_orphan_headings(&done, &left, i, &mut dropped);
        }
    }
    drop_orphan_headings(&done, &left, root, &mut dropped);
    let root = with_description(&done, root, &mut dropped);
    Selection {
        root: done[root].node,
        left_out: dropped,
    }
}

/// Ancestor levels above the chosen container searched for twins.
const TWIN_LEVELS: usize = 3;

/// The nearest element holding element `i` (its parent), if any.
fn parent_index(done: &[Stats<'_>], i: usize) -> Option<usize> {
    (i + 1..done.len()).find(|&j| done[j].first <= done[i].first)
}

/// The tag and class attribute of an element, compared to find twins: an
/// `article`, or an element with a class (bare `div`s are alike anyway).
fn signature<'a>(s: &Stats<'a>) -> Option<(&'a str, &'a str)> {
    match s.node.value() {
        Node::Element(e) => {
            let class = attr(e, "class").map_or("", str::trim);
            (e.name() == "article" || !class.is_empty()).then_some((e.name(), class))
        }
        _ => None,
    }
}

/// Twins a container needs to be one of several stories: one twin is a
/// layout's other column or row (the comments under the story), two or
/// more are a stream of stories.
const MIN_TWINS: usize = 2;

/// When the chosen container `c` (or one of its nearest ancestors) has
/// siblings of the same tag and class holding prose of their own, the page
/// shows several stories: the parent holding them all.
fn several_stories(done: &[Stats<'_>], c: usize) -> Option<usize> {
    let mut a = c;
    for _ in 0..=TWIN_LEVELS {
        let p = parent_index(done, a)?;
        if matches!(done[p].node.value(), Node::Element(e) if matches!(e.name(), "body" | "html")) {
            return None;
        }
        let sig = signature(&done[a])?;
        let own = done[a].prose();
        let mut twins = 0;
        let mut k = p;
        while k > done[p].first {
            k -= 1;
            if k != a
                && signature(&done[k]) == Some(sig)
                && done[k].prose() >= MIN_PROSE
                && done[k].prose() * 2 >= own
            {
                twins += 1;
            }
            k = done[k].first;
        }
        if twins >= MIN_TWINS {
            return Some(p);
        }
        a = p;
    }
    None
}

/// Nodes searched for the link of a heading, inside it and above it.
const HEADING_LINK_NODES: usize = 16;

/// Whether the link of a heading whose text is all link (one inside it,
/// or one around it) leads to another page: not a jump within the page
/// (`#notes`: the toggle of a folded section) nor a script.
fn links_away(heading: NodeRef<'_>) -> bool {
    let link = heading
        .descendants()
        .take(HEADING_LINK_NODES)
        .chain(heading.ancestors().take(4))
        .find_map(|d| match d.value() {
            Node::Element(e) if e.name() == "a" => {
                Some(attr(e, "href").is_some_and(prune::leads_away))
            }
            _ => None,
        });
    link == Some(true)
}

/// Text outside links (bytes) of a teaser card, at most.
const CARD_TEXT: usize = 300;

/// Whether a block is a teaser card of another page: a single heading,
/// all of it a link, and a short text beside it (a description, a date).
fn teaser_card(name: &str, s: &Stats<'_>, text: usize, link: usize) -> bool {
    matches!(name, "div" | "article" | "li" | "section")
        && s.headings == 1
        && s.linked_headings == 1
        && text > link
        && text - link < CARD_TEXT
}

/// Nodes of a teaser card searched for its picture, at most.
const CARD_NODES: usize = 48;

/// Whether a card shows a picture (`img`, `picture`, or the `noscript`
/// holding a lazy-loaded one) among its first nodes: a teaser's thumbnail.
fn pictured(card: NodeRef<'_>) -> bool {
    card.descendants()
        .take(CARD_NODES)
        .any(|d| matches!(d.value(), Node::Element(e) if matches!(e.name(), "img" | "picture" | "noscript")))
}

/// Whether element `i` holds element `j` (or is it).
fn holds(done: &[Stats<'_>], i: usize, j: usize) -> bool {
    done[i].first <= done[j].first && i >= j
}

/// Widen the walk from `root` to take in the article's description
/// (`itemprop="description"`, the standfirst of schema.org markup) when
/// it lies just before `root`, outside it: the walk starts at the nearest
/// element holding both (not the page's `body`), and everything else
/// there is left out. Returns the new root.
fn with_description(done: &[Stats<'_>], root: usize, dropped: &mut FxHashSet<usize>) -> usize {
    let start = done[root].first;
    let Some(lead) = (0..start).rev().find(|&j| {
        let s = &done[j];
        matches!(s.node.value(), Node::Element(e) if attr(e, "itemprop").is_some_and(|p| {
            p.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("description"))
        })) && s.naming != Naming::Chrome
            && s.text > 0
            && s.text <= LEAD_MAX
            && (s.link as f64) < LEAD_LINK_SHARE * s.text as f64
    }) else {
        return root;
    };
    let Some(wide) = (root + 1..done.len()).find(|&k| holds(done, k, root) && holds(done, k, lead))
    else {
        return root;
    };
    if matches!(done[wide].node.value(), Node::Element(e) if matches!(e.name(), "body" | "html"))
        || dropped.contains(&key(done[lead].node))
    {
        return root;
    }
    for k in done[wide].first..wide {
        let on_path = holds(done, k, root) || holds(done, k, lead);
        let inside = holds(done, root, k) || holds(done, lead, k);
        if !on_path && !inside {
            dropped.insert(key(done[k].node));
        }
    }
    wide
}

/// Drop the headings of element `i` left without their section: a
/// heading (or a wrapper of one) at the end of `i` whose following
/// siblings were all dropped (`Related stories` over a dropped link
/// list; an element whose text was all dropped counts as dropped).
/// Element children are visited from the last one back, through
/// the post-order indices (the child before `j` ends at `done[j].first -
/// 1`); the rule stands back when `i` has text of its own between them.
fn drop_orphan_headings(
    done: &[Stats<'_>],
    left: &[usize],
    i: usize,
    dropped: &mut FxHashSet<usize>,
) {
    let s = &done[i];
    let mut last_dropped = false;
    let mut orphans = Vec::new();
    let mut j = i;
    while j > s.first {
        j -= 1;
        let c = &done[j];
        if left[j] == 0 {
            last_dropped |= c.text > 0;
        } else {
            if !(last_dropped && heading_like(done, j)) {
                break;
            }
            orphans.push(key(c.node));
        }
        j = c.first;
    }
    if orphans.is_empty() {
        return;
    }
    // Loose text of `i` itself (between its children) may be the section.
    let mut all_children = 0;
    let mut k = i;
    while k > s.first {
        k -= 1;
        all_children += done[k].text;
        k = done[k].first;
    }
    if all_children == s.text {
        dropped.extend(orphans);
    }
}

/// Whether element `j` is a heading, or wraps one and nothing else.
fn heading_like(done: &[Stats<'_>], j: usize) -> bool {
    let is_heading = |k: usize| {
        matches!(done[k].node.value(), Node::Element(e)
            if matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
    };
    is_heading(j) || (j > done[j].first && is_heading(j - 1) && done[j - 1].text == done[j].text)
}

/// The index in `done` of the container of the main content, if one
/// holds enough of the page's prose.
fn container(done: &[Stats<'_>], page_prose: usize) -> Option<(usize, Option<usize>)> {
    // The heaviest `itemprop="articleBody"` of some length says where the
    // article is: the choice is among the candidates holding it or inside
    // it (a page of reader comments under its own `role="main"` outweighs
    // the article), and it need not hold [`MIN_SHARE`] of the page.
    let body = done
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.prose() >= MIN_PROSE && matches!(s.node.value(), Node::Element(e) if articlebody(e))
        })
        .max_by_key(|(_, s)| s.prose())
        .map(|(i, _)| i);
    let near_body = |j: usize| {
        body.is_none_or(|b| {
            let (s, t) = (&done[j], &done[b]);
            (s.first <= t.first && j >= b) || (t.first <= s.first && b >= j)
        })
    };
    let heaviest = |range: std::ops::Range<usize>, skip: usize, bound: f64| {
        done[range.clone()]
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                s.candidate
                    && range.start + i != skip
                    && s.prose() as f64 >= bound
                    && near_body(range.start + i)
            })
            .max_by_key(|(_, s)| s.prose())
            .map(|(i, _)| range.start + i)
    };
    let mut best = heaviest(0..done.len(), usize::MAX, 0.0)?;
    let mut outer = None;
    while let Some(inner) = heaviest(
        done[best].first..best,
        best,
        NARROW * done[best].prose() as f64,
    ) {
        outer = Some(best);
        best = inner;
    }
    let prose = done[best].prose();
    let share = body.is_some() || prose as f64 >= MIN_SHARE * page_prose as f64;
    (prose >= MIN_PROSE && share).then_some((best, outer))
}

/// Finish the innermost open element: add its figures to its parent's.
fn close<'a>(open: &mut Vec<Stats<'a>>, done: &mut Vec<Stats<'a>>, in_link: &mut usize) {
    let Some(mut s) = open.pop() else { return };
    let Node::Element(e) = s.node.value() else {
        return;
    };
    if is_link(e) {
        *in_link = in_link.saturating_sub(1);
    }
    if s.lead && e.name() == "p" && s.text < LEAD_PARAGRAPH {
        s.lead = VOCAB.lead(e);
    }
    // A heading is not a caption, even when the image's alt text repeats
    // it (content systems fill the alt text from the title).
    let heading = matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    if s.naming != Naming::Chrome && (caption(&s, e) || (!heading && alt_caption(&s))) {
        s.naming = Naming::Chrome;
    }
    if heading && s.text > 0 {
        s.headings += 1;
        s.linked_headings += usize::from(s.link == s.text && links_away(s.node));
    }
    s.lead &= s.text > 0 && s.text <= LEAD_MAX && (s.link as f64) < LEAD_LINK_SHARE * s.text as f64;
    s.leads += usize::from(s.lead);
    if let Some(parent) = open.last_mut() {
        parent.leads += s.leads;
        parent.headings += s.headings;
        parent.linked_headings += s.linked_headings;
        parent.text += s.text;
        parent.link += s.link;
        parent.links += s.links;
        if s.naming == Naming::Chrome && !protected(e) {
            parent.chrome += s.text;
            parent.chrome_link += s.link;
        } else {
            parent.chrome += s.chrome;
            parent.chrome_link += s.chrome_link;
        }
    }
    done.push(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text the converter makes of `html`.
    fn text(html: &str) -> String {
        super::super::load("t".into(), "t.html".into(), html.as_bytes())
            .unwrap()
            .raw
    }

    /// A paragraph of prose of about `n` sentences.
    fn prose(tag: &str, n: usize) -> String {
        let s = format!(
            "<p>The {tag} sentence says something at length about the matter at hand, \
             as a reporter would write it. </p>"
        );
        s.repeat(n)
    }

    #[test]
    fn remembered_tokens_name_elements_as_read_afresh() {
        // Class lists sharing tokens in other orders, cases and company,
        // on headings (whose id is not read) and other elements: one
        // token memo for the page, as `select` keeps, against a fresh
        // reading of every token.
        let words = [
            "share",
            "Share",
            "share-bar",
            "content",
            "article-body",
            "related",
            "relatedPosts",
            "media",
            "article-image",
            "photo",
            "x",
            "post",
            "section--ads",
            "keep",
            "nav",
            "é",
        ];
        let mut rng = crate::testing::Rng::new(0x70CE);
        let mut html = String::new();
        for _ in 0..400 {
            let name = ["div", "h2", "span", "section"][rng.below(4)];
            let (c, i) = (1 + rng.below(4), rng.below(3));
            let class: Vec<&str> = (0..c).map(|_| words[rng.below(words.len())]).collect();
            let id: Vec<&str> = (0..i).map(|_| words[rng.below(words.len())]).collect();
            html.push_str(&format!(
                "<{name} class=\"{}\" id=\"{}\">t</{name}>",
                class.join(" "),
                id.join(" ")
            ));
        }
        let page = Html::parse_document(&html);
        let vocab = &*VOCAB;
        let mut tokens: FxHashMap<&str, (Naming, bool)> = FxHashMap::default();
        let mut seen = [0usize; 3];
        for node in page.tree.root().descendants() {
            let Node::Element(e) = node.value() else {
                continue;
            };
            let remembered = vocab.element(e, |t| {
                *tokens.entry(t).or_insert_with(|| vocab.token_media(t))
            });
            assert_eq!(remembered, vocab.element(e, |t| vocab.token_media(t)));
            seen[remembered.0 as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
        assert!(tokens.len() < 40, "{}", tokens.len());
    }

    #[test]
    fn code_text_is_not_a_label_or_caption() {
        let page = Html::parse_document(
            "<div><script>var a = \"x:\";</script>Tags: <a href=/a>a</a>, <a href=/b>b</a></div>\
             <p><img alt=\"The court\"><span>The court<style>s { a: b }</style></span></p>",
        );
        let find = |name: &str| {
            page.tree
                .root()
                .descendants()
                .find(|n| matches!(n.value(), Node::Element(e) if e.name() == name))
                .unwrap()
        };
        assert!(labelled_links(find("div"), 7, 2, 2));
        let span = find("span");
        let stats = Stats {
            node: span,
            text: 8,
            link: 0,
            links: 0,
            chrome: 0,
            chrome_link: 0,
            naming: Naming::Other,
            media: false,
            candidate: false,
            lead: false,
            leads: 0,
            headings: 0,
            linked_headings: 0,
            first: 0,
        };
        assert!(alt_caption(&stats));
    }

    #[test]
    fn pattern_file_reads() {
        let text = crate::patterns::BUILTIN
            .iter()
            .find(|(n, _)| *n == FILE)
            .map(|(_, t)| *t)
            .unwrap();
        let (v, bad) = Vocab::parse(text);
        assert!(bad.is_empty(), "bad lines {bad:?}");
        assert!(v.drop.contains("sidebar") && v.content.contains("content"));
        let (_, bad) = Vocab::parse("drop\tx\nwhat\ty\ndrop\n");
        assert_eq!(bad, vec![2, 3]);
    }

    #[test]
    fn lower_copies_only_upper_case() {
        assert!(matches!(lower("share-bar"), Cow::Borrowed("share-bar")));
        assert_eq!(lower("relatedPosts"), "relatedposts");
        assert_eq!(lower("ÄÖx"), "ÄÖx");
        assert_eq!(lower("ÄX"), "Äx");
    }

    #[test]
    fn heading_id_is_an_anchor_not_a_name() {
        let t = text(&format!(
            "<body><article>{}<h3 class=\"subheading\" id=\"nav_the_second_part\">\
             The second part</h3>{}<h3 class=\"nav-title\">Site menu</h3>\
             <div id=\"nav_links\">Home Sections</div></article></body>",
            prose("first", 3),
            prose("second", 3)
        ));
        assert!(t.contains("The second part"), "{t}");
        // A heading's class, and another element's id, still name chrome.
        assert!(!t.contains("Site menu"), "{t}");
        assert!(!t.contains("Home Sections"), "{t}");
    }

    #[test]
    fn article_body_chosen_over_heavier_comments() {
        let t = text(&format!(
            "<body><div class=\"story\"><div role=\"main\"><h1>Title</h1>\
             <div itemprop=\"articleBody\">{}</div></div></div>\
             <div class=\"talk\"><div role=\"main\"><ul class=\"list\">{}</ul></div></div></body>",
            prose("article", 3),
            prose("reader", 20)
        ));
        assert!(t.contains("The article sentence"), "{t}");
        assert!(!t.contains("The reader sentence"), "{t}");
        // Without the articleBody the heavier one wins, as before.
        let t = text(&format!(
            "<body><div role=\"main\">{}</div><div role=\"main\">{}</div></body>",
            prose("short", 3),
            prose("long", 20)
        ));
        assert!(
            t.contains("The long sentence") && !t.contains("The short sentence"),
            "{t}"
        );
    }

    #[test]
    fn wrapper_inside_a_sidebar_named_wrapper_kept() {
        let t = text(&format!(
            "<body><div class=\"lay-sidebar\"><div class=\"sidebar__main\">{}</div>\
             <div class=\"sidebar__aside\">{}</div></div></body>",
            prose("story", 6),
            prose("aside", 1)
        ));
        assert!(t.contains("The story sentence"), "{t}");
        assert!(!t.contains("The aside sentence"), "{t}");
        // Comments holding most of the page, each one chrome-named, still go.
        let t = text(&format!(
            "<body><div class=\"x\">{}</div><div class=\"comments\">\
             <div class=\"comment\">{}</div><div class=\"comment\">{}</div></div></body>",
            prose("story", 2),
            prose("reader", 3),
            prose("other", 3)
        ));
        assert!(t.contains("The story sentence"), "{t}");
        assert!(!t.contains("The reader sentence"), "{t}");
    }

    #[test]
    fn named_anchor_is_not_a_link() {
        let t = text(&format!(
            "<body><article>{}<p><a name=\"q1\">What does the court say about it?</a></p>\
             <p><a id=\"q2\">And what happens next?</a></p>{}\
             <p><a href=\"/offer\">Subscribe for a dollar</a></p>\
             <p><a class=\"js-more\">Show all comments</a></p>{}</article></body>",
            prose("first", 3),
            prose("second", 3),
            prose("third", 3)
        ));
        assert!(t.contains("What does the court say about it?"), "{t}");
        assert!(t.contains("And what happens next?"), "{t}");
        // A link, and an `a` without href, name or id (a script's button), go.
        assert!(!t.contains("Subscribe for a dollar"), "{t}");
        assert!(!t.contains("Show all comments"), "{t}");
    }

    #[test]
    fn description_just_before_the_container_kept() {
        let t = text(&format!(
            "<body><div class=\"page\"><div class=\"head\"><ul><li><a href=\"/\">Home</a></li></ul>\
             <h2 itemprop=\"description\">The standfirst says what the story is about.</h2>\
             <span>Print this page</span></div>\
             <div class=\"story\">{}</div><div class=\"more\">Other site text</div></div>\
             <div class=\"foot\">Company address</div></body>",
            prose("body", 4)
        ));
        assert!(
            t.contains("The standfirst says what the story is about."),
            "{t}"
        );
        assert!(t.contains("The body sentence"), "{t}");
        for gone in [
            "Home",
            "Print this page",
            "Other site text",
            "Company address",
        ] {
            assert!(!t.contains(gone), "{gone}: {t}");
        }
        // A description that is no sibling of the article's ancestors, only
        // of the page body, is not taken in.
        let t = text(&format!(
            "<body><p itemprop=\"description\">A shop's description of itself.</p>\
             <div class=\"story\">{}</div></body>",
            prose("body", 4)
        ));
        assert!(!t.contains("A shop's description"), "{t}");
    }

    #[test]
    fn link_standing_between_paragraphs_dropped() {
        let t = text(&format!(
            "<body><article>{}\n<a href=\"/offer\">Subscribe today for as little as a dollar a week</a>\n{}\
             <p>Read the <a href=\"/ruling\">full ruling</a> here.</p>\
             <div>See <a href=\"/x\">the docket</a></div></article></body>",
            prose("first", 3),
            prose("second", 3)
        ));
        assert!(!t.contains("Subscribe today"), "{t}");
        assert!(t.contains("The second sentence"), "{t}");
        // A link inside a paragraph, or beside text, stays.
        assert!(t.contains("Read the full ruling here."), "{t}");
        assert!(t.contains("See the docket"), "{t}");
    }

    #[test]
    fn span_of_links_inside_a_paragraph_dropped() {
        let card = "<span class=\"card\"><a href=\"/p\">Jane Roe</a> \
             <a href=\"/1\">Senate passes the budget after a long night</a> \
             <a href=\"/2\">Court hears the appeal of the mayor</a> \
             <a href=\"/3\">Election results in three counties</a></span>";
        let t = text(&format!(
            "<body><article><p>A man threatened <a href=\"/jr\">Rep. Jane Roe</a>{card} \
             (D-Minn.), the office said on Tuesday in a statement to the press.</p>{}\
             <p>Three cases, <span><a href=\"/a\">one</a>, <a href=\"/b\">two</a> and \
             <a href=\"/c\">three</a>, were heard together by the panel that week</span>.</p>\
             </article></body>",
            prose("body", 3)
        ));
        assert!(!t.contains("Senate passes"), "{t}");
        assert!(
            t.contains("A man threatened Rep. Jane Roe (D-Minn.), the office said"),
            "{t}"
        );
        // A span with links among its words stays.
        assert!(t.contains("one, two and three, were heard"), "{t}");
    }

    #[test]
    fn name_link_kept_when_its_hover_card_is_dropped() {
        // The name link and its card share a wrapping span: once the card
        // is dropped, the wrapper holds one link, not the card's four.
        let t = text(&format!(
            "<body><article><p>A man threatened Rep. <span class=\"people\">\
             <a href=\"/p\">Jane Roe</a><span class=\"block\"><span>\
             <a href=\"/p\">Jane Roe</a> <a href=\"/1\">Senate passes the budget</a> \
             <a href=\"/2\">Court hears the appeal</a> <a href=\"/3\">MORE</a>\
             </span></span></span> (D-Minn.), the office said on Tuesday.</p>{}\
             </article></body>",
            prose("body", 3)
        ));
        assert!(!t.contains("Senate passes"), "{t}");
        assert!(
            t.contains("A man threatened Rep. Jane Roe (D-Minn.), the office said"),
            "{t}"
        );
    }

    #[test]
    fn labelled_link_lines_dropped() {
        let t = text(&format!(
            "<body><article>{}<div><span>Tags: </span><a href=\"/t/a\">python</a>, \
             <a href=\"/t/b\">docker</a>, <a href=\"/t/c\">getting started</a></div>\
             <p>Filed under: <a href=\"/c\">Courts</a></p>\
             <p>See <a href=\"/r\">Smith v. Jones</a>.</p>\
             <p>Note: <a href=\"/n\">the full ruling of the court of appeals in the matter</a> \
             is long and was cited at length by both parties in their briefs.</p></article></body>",
            prose("body", 3)
        ));
        assert!(!t.contains("Tags") && !t.contains("docker"), "{t}");
        assert!(!t.contains("Filed under"), "{t}");
        // A link cited in a sentence is not led by a label; a label before
        // a sentence with more words outside the link stays.
        assert!(t.contains("See Smith v. Jones."), "{t}");
        assert!(t.contains("Note: the full ruling"), "{t}");
    }

    #[test]
    fn drupal_kind_reads_type_and_field_names() {
        assert_eq!(
            drupal_kind("type--related-articles"),
            Some("related-articles")
        );
        assert_eq!(drupal_kind("name-field-tags"), Some("tags"));
        assert_eq!(drupal_kind("name-field_tags"), Some("tags"));
        assert_eq!(drupal_kind("name-body"), Some("body"));
        assert_eq!(drupal_kind("type"), None);
        assert_eq!(drupal_kind("ads"), None);
        assert_eq!(drupal_kind(""), None);
    }

    #[test]
    fn drupal_related_field_dropped_from_the_article() {
        let t = text(&format!(
            "<body><article>{}<div class=\"field field--name-field-related-articles\">\
             <p>A teaser of another story that runs on for a while to look like text.</p></div>\
             </article></body>",
            prose("body", 4)
        ));
        assert!(t.contains("The body sentence"), "{t}");
        assert!(!t.contains("another story"), "{t}");
    }

    #[test]
    fn sub_words_split() {
        let w = |t| sub_words(t).collect::<Vec<_>>();
        assert_eq!(w("share-bar"), ["share", "bar"]);
        assert_eq!(w("relatedPosts"), ["related", "Posts"]);
        assert_eq!(w("c-footer__links"), ["c", "footer", "links"]);
        assert_eq!(w("shadow"), ["shadow"]);
        assert_eq!(w("--"), Vec::<&str>::new());
        assert_eq!(w("ÄÖ-x"), ["ÄÖ", "x"]);
    }

    #[test]
    fn tokens_match_whole_or_by_sub_word() {
        let v = &*VOCAB;
        for t in [
            "sidebar",
            "share-buttons",
            "socialLinks",
            "cookie_banner",
            "ad",
            "top-ad",
            "post-comments",
            "sidebar-content",
            "main-nav",
            "byline",
            "author-box",
            // Compounds led by a chrome word.
            "relatedlinks__content",
            "newslettersignup",
            // Drupal names what a block holds in its type or field name.
            "paragraph--type--recommended-articles",
            "field--name-field-related-articles",
            "field--name-field-tags",
            // Recirculation widgets.
            "latest-news-box",
            "trending-stories",
            // A sidebar called a rail.
            "right-rail",
            "rail--trending",
            "td-crumb-container",
            "entry-crumbs",
            "aawp-disclaimer",
            // A post's byline and date line, a list of teasers.
            "entry-meta",
            "post__meta",
            "articleMetadata",
            "entry-utility",
            "Teasers--3columns",
        ] {
            assert_eq!(v.token(t), Naming::Chrome, "{t}");
        }
        for t in [
            "shadow",
            "header-image",
            "guardrail",
            "metal",
            "teaser",
            "address",
            "download",
            "loaded",
            "head",
            "social-media-embed",
            "report__section--ads",
            "layout--has-sidebar",
            // A compound only counts when the chrome word leads it and
            // something follows.
            "unrelated",
            "field--name-body",
            "paragraph--type--text",
            "node--type",
        ] {
            assert_eq!(v.token(t), Naming::Other, "{t}");
        }
        for t in [
            "entry-content",
            "article-body",
            "articleBody",
            "main-content",
            "story",
        ] {
            assert_eq!(v.token(t), Naming::Content, "{t}");
        }
    }

    #[test]
    fn picture_wrappers_with_short_text_dropped() {
        let t = text(&format!(
            "<body><article>{}<div class=\"article-image\"><img src=\"a.jpg\">\
             <p>The judge leaves the court on Monday.</p><span>Jane Roe/Agency</span></div>\
             <figure class=\"e-image\"><img src=\"b.jpg\"><span><cite>Photo Agency</cite></span></figure>\
             {}<div class=\"image-gallery\"><p>A gallery without a picture in it keeps its words.</p></div>\
             <div class=\"social-media-embed\"><img src=\"c.jpg\"><p>An embedded post says so.</p></div>\
             </article></body>",
            prose("first", 3),
            prose("second", 3)
        ));
        assert!(!t.contains("The judge leaves"), "{t}");
        assert!(
            !t.contains("Jane Roe") && !t.contains("Photo Agency"),
            "{t}"
        );
        assert!(
            t.contains("The first sentence") && t.contains("The second sentence"),
            "{t}"
        );
        // Without an image it is no caption; an embed is content.
        assert!(t.contains("A gallery without a picture"), "{t}");
        assert!(t.contains("An embedded post says so."), "{t}");
        // A long text beside a picture is not its caption.
        let long = text(&format!(
            "<body><article><div class=\"photo-story\"><img src=\"a.jpg\">{}</div></article></body>",
            prose("story", 4)
        ));
        assert!(long.contains("The story sentence"), "{long}");
    }

    #[test]
    fn caption_repeating_the_alt_text_dropped() {
        let t = text(&format!(
            "<body><article>{}<div><div class=\"x\"><img alt=\"The court house in  winter\"></div>\
             <br><span>The court house in winter</span></div>\
             <p><img alt=\"A judge\"> A judge spoke to the press on the steps.</p>{}\
             <img alt=\"Map\"><p>Another paragraph that is not the map.</p></article></body>",
            prose("first", 3),
            prose("second", 3)
        ));
        assert!(!t.contains("The court house"), "{t}");
        // Text that only starts with the alt text, or differs, stays.
        assert!(t.contains("A judge spoke to the press"), "{t}");
        assert!(t.contains("Another paragraph"), "{t}");
    }

    #[test]
    fn media_and_text_blocks_headings_and_case_headers_stay() {
        let t = text(&format!(
            "<body><article>{}<div class=\"wp-block-media-text\"><figure class=\"wp-block-media-text__media\">\
             <img src=\"p.jpg\"></figure><div class=\"wp-block-media-text__content\">\
             <p>The applicant spent three years in a prison.</p></div></div>\
             <div class=\"wp-block-image\"><img alt=\"The detention centre\"></div>\
             <h2>The detention centre</h2>{}\
             <div class=\"case-meta\"><p>Court of Appeals</p><p>Decided on March 2, 2021</p></div>\
             <div class=\"article-image\"><img src=\"c.jpg\"><span>Photo: Jane Roe</span></div>\
             <div class=\"entry-meta\">Posted by Jane Roe</div></article></body>",
            prose("first", 3),
            prose("second", 3)
        ));
        assert!(t.contains("three years in a prison"), "{t}");
        assert!(t.contains("The detention centre"), "{t}");
        assert!(t.contains("Decided on March 2, 2021"), "{t}");
        // A picture's credit and a post's byline still go.
        assert!(!t.contains("Photo: Jane Roe"), "{t}");
        assert!(!t.contains("Posted by"), "{t}");
    }

    #[test]
    fn chrome_named_blocks_dropped() {
        let t = text(&format!(
            "<body><div class=\"wrap\">{}<div class=\"share-bar\">Share Tweet Email</div>\
             <div id=\"related-stories\"><p>Another story entirely.</p></div>\
             <div class=\"cookie-consent\"><p>We use cookies.</p></div>\
             <div class=\"newsletter\"><p>Sign up now.</p></div>\
             <div class=\"article-controls\"><div>November 20</div>\
             <a href=\"#print\">Print This Article</a></div>\
             <div class=\"shadow\"><p>Shadowed text stays.</p></div></div></body>",
            prose("main", 4)
        ));
        assert!(t.contains("The main sentence"));
        assert!(t.contains("Shadowed text stays."));
        for gone in [
            "Share Tweet",
            "Another story",
            "cookies",
            "Sign up",
            "November 20",
            "Print",
        ] {
            assert!(!t.contains(gone), "{gone} in {t}");
        }
    }

    #[test]
    fn container_preferred() {
        let t = text(&format!(
            "<body><div class=\"top\"><p>Site-wide slogan of the publisher.</p></div>\
             <div class=\"layout\"><div itemprop=\"articleBody\">{}</div>\
             <div class=\"more\"><p>An unrelated block of text outside the article body \
             that is neither chrome-named nor link-heavy.</p></div></div></body>",
            prose("body", 5)
        ));
        assert!(t.starts_with("The body sentence"), "{t}");
        assert!(!t.contains("slogan") && !t.contains("unrelated"), "{t}");
    }

    #[test]
    fn article_split_across_containers_kept_whole() {
        let t = text(&format!(
            "<body><p>Header slogan.</p><article><div class=\"article-body\">{}</div>\
             <div class=\"inline-box\"><p>Box.</p></div>\
             <div class=\"article-body\">{}</div></article></body>",
            prose("first", 4),
            prose("second", 3)
        ));
        assert!(t.contains("The first sentence") && t.contains("The second sentence"));
        assert!(!t.contains("Header slogan"));
    }

    #[test]
    fn teaser_container_falls_back_to_body() {
        let t = text(&format!(
            "<body><article><p>A short teaser of another article.</p></article>{}</body>",
            prose("page", 6)
        ));
        assert!(
            t.contains("The page sentence") && t.contains("teaser"),
            "{t}"
        );
        let t = text(&format!("<body><div>{}</div></body>", prose("bare", 3)));
        assert!(t.contains("The bare sentence"), "wrapper-less page: {t}");
    }

    #[test]
    fn wrapper_with_chrome_word_kept_without_container() {
        let t = text(&format!(
            "<body><div class=\"layout has-sidebar\">{}<div class=\"sidebar\">Side.</div></div></body>",
            prose("wrapped", 4)
        ));
        assert!(t.contains("The wrapped sentence"), "{t}");
        assert!(!t.contains("Side."), "{t}");
    }

    #[test]
    fn link_heavy_blocks_dropped() {
        let t = text(&format!(
            "<body><div class=\"entry\">{}<ul><li><a href=a>Home</a></li><li><a href=b>News</a></li>\
             <li><a href=c>About us</a></li></ul><p><a href=d>Read more</a></p>\
             <p>See <a href=e>the report</a> published by the agency last week for details.</p>\
             </div></body>",
            prose("linked", 4)
        ));
        assert!(t.contains("See the report published"), "{t}");
        assert!(!t.contains("Home") && !t.contains("Read more"), "{t}");
    }

    #[test]
    fn linked_table_values_kept_link_rows_dropped() {
        let t = text(&format!(
            "<body><div class=\"entry\">{}<table>\
             <tr><td>1 pack</td><td><a href=\"/p/1\">Baking powder from the shop</a></td></tr>\
             <tr><td>250 g</td><td>Flour</td></tr></table>\
             <table><tr><td><a href=a>Home</a></td><td><a href=b>News</a></td>\
             <td><a href=c>About us</a></td></tr></table></div></body>",
            prose("linked", 4)
        ));
        assert!(t.contains("1 pack Baking powder from the shop"), "{t}");
        assert!(t.contains("250 g Flour"), "{t}");
        assert!(!t.contains("Home") && !t.contains("About us"), "{t}");
    }

    #[test]
    fn headings_and_dates_in_container_kept() {
        let t = text(&format!(
            "<body><main><h2><a href=\"#s\">Background</a></h2><p>March 3, 2024</p>{}</main></body>",
            prose("dated", 4)
        ));
        assert!(t.starts_with("Background\nMarch 3, 2024\n"), "{t}");
    }

    #[test]
    fn protected_elements_never_dropped_for_class() {
        let t = text(&format!(
            "<body class=\"has-comments\"><article class=\"post comments-open\">{}</article></body>",
            prose("kept", 3)
        ));
        assert!(t.contains("The kept sentence"), "{t}");
    }

    #[test]
    fn unclosed_header_wrapping_the_page_kept() {
        let t = text(&format!(
            "<body><header><nav><a href=a>Home</a></nav><div>{}</div></body>",
            prose("wrapped", 4)
        ));
        assert!(t.contains("The wrapped sentence"), "{t}");
        assert!(!t.contains("Home"), "{t}");
    }

    #[test]
    fn header_of_the_article_kept_page_header_dropped() {
        let t = text(&format!(
            "<body><header><p>Site name and slogan.</p></header><article>\
             <header><p class=\"lead\">The lead of the story.</p></header>{}\
             <figure><figcaption>A photo. (Credit: Agency)</figcaption></figure>\
             <footer><p>Filed under things.</p></footer></article></body>",
            prose("story", 4)
        ));
        assert!(
            t.starts_with(
                "The lead of the story.
The story sentence"
            ),
            "{t}"
        );
        assert!(
            !t.contains("Site name") && !t.contains("Filed under"),
            "{t}"
        );
    }

    #[test]
    fn lead_beside_the_article_body_kept() {
        let t = text(&format!(
            "<body><article><header><h1>The headline</h1><p class=\"byline\">By A. Writer</p>\
             <div class=\"article-standfirst\"><p>The standfirst says what happened.</p></div>\
             <ul class=\"tools\"><li>Print</li><li>Save</li></ul></header>\
             <div class=\"article-body\">{}</div>\
             <div class=\"teaser\"><p>A teaser of the next story.</p></div></article></body>",
            prose("body", 5)
        ));
        assert!(
            t.starts_with("The standfirst says what happened.\nThe body sentence"),
            "{t}"
        );
        for gone in ["headline", "By A. Writer", "Print", "next story"] {
            assert!(!t.contains(gone), "{gone} in {t}");
        }
        // A schema.org description is a lead too; a link list is not.
        let t = text(&format!(
            "<body><main><div itemprop=\"description\"><p>What the page is about.</p></div>\
             <p class=\"intro\"><a href=a>One</a> <a href=b>Two</a></p>\
             <div class=\"entry-content\">{}</div></main></body>",
            prose("entry", 5)
        ));
        assert!(t.starts_with("What the page is about.\nThe entry"), "{t}");
        assert!(!t.contains("One Two"), "{t}");
    }

    #[test]
    fn wrapper_of_the_chosen_container_kept_whatever_its_name() {
        let t = text(&format!(
            "<body><article><div class=\"content-with-sidebar\"><div class=\"post-body\">{}</div>\
             <div class=\"sidebar\"><p>Side.</p></div></div></article></body>",
            prose("wrapped", 5)
        ));
        assert!(t.contains("The wrapped sentence"), "{t}");
        assert!(!t.contains("Side."), "{t}");
    }

    #[test]
    fn heading_of_a_dropped_section_dropped() {
        let t = text(&format!(
            "<body><div class=\"entry-content\">{}<h2>Background</h2><p>Kept text under a heading.</p>\
             <div><h3>More stories</h3></div><ul><li><a href=a>One story</a></li>\
             <li><a href=b>Two stories</a></li><li><a href=c>Three</a></li></ul></div></body>",
            prose("body", 5)
        ));
        assert!(t.contains("Background\nKept text"), "{t}");
        assert!(
            !t.contains("More stories") && !t.contains("One story"),
            "{t}"
        );
        // Loose text of the parent after the heading: the heading stays.
        let t = text(&format!(
            "<body><div class=\"entry-content\">{}<div><h3>Notes</h3><ul class=\"share\">\
             <li>Share</li></ul>Loose text of the notes.</div></div></body>",
            prose("body", 5)
        ));
        assert!(t.contains("Notes"), "{t}");
    }

    #[test]
    fn first_paragraph_outside_the_text_body_kept() {
        let t = text(&format!(
            "<body><article><h1>Headline</h1><p>Short kicker</p><strong><p>The opening paragraph \
             of the article, printed in bold outside the element that holds the rest of it, \
             as some publishing systems print the first paragraph.</p>\
             </strong><div class=\"field-body\"><div class=\"content\">{}</div></div></article></body>",
            prose("rest", 10)
        ));
        assert!(
            t.starts_with("The opening paragraph of the article, printed in bold"),
            "{t}"
        );
        assert!(
            !t.contains("Headline") && !t.contains("Short kicker"),
            "{t}"
        );
    }

    #[test]
    fn several_stories_side_by_side_all_kept() {
        let story = |tag: &str, n: usize| {
            format!(
                "<div class=\"item\"><h2>{tag} headline</h2><div class=\"story-text\">{}</div></div>",
                prose(tag, n)
            )
        };
        let t = text(&format!(
            "<body><div class=\"nav\"><a href=\"/\">Home</a></div><div class=\"stream\">{}{}{}</div>\
             <div class=\"foot\">Company address</div></body>",
            story("first", 5),
            story("second", 4),
            story("third", 3)
        ));
        for kept in [
            "The first sentence",
            "The second sentence",
            "The third sentence",
        ] {
            assert!(t.contains(kept), "{kept}: {t}");
        }
        assert!(!t.contains("Company address"), "{t}");
        // A sibling of another class, or a twin with little prose, is no
        // second story.
        let t = text(&format!(
            "<body><div class=\"stream\"><div class=\"item\"><div class=\"story-text\">{}</div></div>\
             <div class=\"item\"><div class=\"story-text\">{}</div></div>\
             <div class=\"other\"><div class=\"story-text\">{}</div></div></div></body>",
            prose("main", 6),
            prose("short", 1),
            prose("aside", 4)
        ));
        assert!(t.contains("The main sentence"), "{t}");
        assert!(!t.contains("The short sentence"), "{t}");
        assert!(!t.contains("The aside sentence"), "{t}");
        // One twin is a layout's other row: the comments under the story.
        let t = text(&format!(
            "<body><div class=\"container\"><div class=\"row\"><div class=\"col\">\
             <article class=\"story\">{}</article></div></div>\
             <div class=\"row\"><div class=\"col\"><h3>Reader responses</h3>{}</div></div>\
             </div></body>",
            prose("story", 5),
            prose("comment", 4)
        ));
        assert!(t.contains("The story sentence"), "{t}");
        assert!(!t.contains("The comment sentence"), "{t}");
    }

    #[test]
    fn teaser_cards_dropped() {
        let card = |n: usize| {
            format!(
                "<div class=\"box\"><img src=\"/t/{n}.jpg\" alt=\"\">\
                 <h3><a href=\"/story/{n}\">Another story number {n}</a></h3>\
                 <p>What the other story is about, in a line or two of description.</p></div>"
            )
        };
        let t = text(&format!(
            "<body><article>{}{}{}<h2>A section of the article</h2>{}</article></body>",
            prose("body", 4),
            card(1),
            card(2),
            prose("more", 3)
        ));
        assert!(!t.contains("Another story number"), "{t}");
        assert!(!t.contains("What the other story is about"), "{t}");
        assert!(t.contains("A section of the article"), "{t}");
        assert!(t.contains("The more sentence"), "{t}");
        // A folded section whose heading is the toggle (a link within the
        // page) is no card; nor is a heading with words outside its link.
        let t = text(&format!(
            "<body><article>{}<div class=\"panel\"><a href=\"#notes\"><h4>Notes</h4></a>\
             <div id=\"notes\"><p>(1) A source cited by the article, with its year.</p></div></div>\
             <div><h3>Read <a href=\"/ruling\">the ruling</a></h3><p>The court said more.</p></div>\
             </article></body>",
            prose("body", 4)
        ));
        assert!(t.contains("(1) A source cited by the article"), "{t}");
        assert!(t.contains("Read the ruling"), "{t}");
        assert!(t.contains("The court said more."), "{t}");
        // Inside the article, cards without a picture are the article's
        // own list: cases, each a linked heading and its holding.
        let case = |n: usize| {
            format!(
                "<div class=\"case\"><h3><a href=\"/cases/{n}.pdf\">Doe v. Roe, No. {n}</a></h3>\
                 <p>The court held that detention without a hearing violates due process.</p></div>"
            )
        };
        let t = text(&format!(
            "<body><article>{}{}{}</article></body>",
            prose("body", 4),
            case(1),
            case(2)
        ));
        assert!(t.contains("Doe v. Roe, No. 2"), "{t}");
        assert!(t.contains("The court held that detention"), "{t}");
    }

    #[test]
    fn teaser_card_never_drops_the_article() {
        let t = text(
            "<body><div class=\"menu\"><a href=\"/a\">A</a> <a href=\"/b\">B</a></div>\
             <article><h1><a href=\"/this-story\">The story's own title</a></h1>\
             <p>A short story of a single paragraph that says what happened, and where, \
             and who said what about it, at a length a reporter would write it in.</p></article></body>",
        );
        assert!(t.contains("A short story of a single paragraph"), "{t}");
    }

    #[test]
    fn epigraph_and_subhead_are_leads() {
        let v = &*VOCAB;
        for class in ["epigraph", "article-subhead", "news-subheadline"] {
            let html = Html::parse_fragment(&format!("<h2 class=\"{class}\">x</h2>"));
            let e = html
                .tree
                .nodes()
                .find_map(|n| match n.value() {
                    Node::Element(e) if e.name() == "h2" => Some(e),
                    _ => None,
                })
                .unwrap();
            assert!(v.lead(e), "{class}");
        }
        let t = text(&format!(
            "<body><article><h1>Title</h1><h2 class=\"epigraph\">The standfirst of the story.</h2>\
             <div class=\"byline\">By A. Reporter</div><div class=\"article-content\">{}</div></article></body>",
            prose("body", 5)
        ));
        assert!(t.contains("The standfirst of the story."), "{t}");
        assert!(!t.contains("A. Reporter"), "{t}");
    }
}
