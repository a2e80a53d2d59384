//! Markdown with optional front matter: plain text, one block per line.
//!
//! Front matter is YAML between `---` lines (closed by `---` or `...`) or
//! TOML between `+++` lines, at the very start of the file. It is read by
//! a line parser of top-level scalars (`key: value`, `key = value`,
//! quotes removed; nested keys, lists and multi-line values ignored),
//! which is all that title, date and publisher need:
//! - title: `title` (else the first level-1 heading, else the first
//!   heading);
//! - published: `published`, `pubDate`, `publishDate`, `datePublished`,
//!   `published_at`, `publication_date`, then `date`, else a dateline near
//!   the top of the text ([`super::date_line`]); normalised with
//!   [`super::iso_date`];
//! - publisher: `publisher`, `site`, `site_name`, `organization` /
//!   `organisation`, `author_organisation`.
//!
//! The body is rendered with pulldown-cmark to its visible text: markup
//! (emphasis, links, headings' `#`, list bullets, table pipes) is
//! stripped; link text is kept and URLs are dropped; images are dropped
//! with their alt text; inline code and code blocks keep their text (code
//! blocks keep their lines). Paragraphs, headings, list items, block
//! quotes, table cells, rules and hard breaks end a line; a soft break is
//! a space. Raw HTML inside Markdown loses its tags (`<br>` and block tags
//! end a line; `script`/`style` content is dropped).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{iso_date, BlockText};
use crate::document::{Document, Format};

/// Strip Markdown markup to text with one block per line; front matter
/// feeds the title, publication date and publisher.
pub fn load(id: String, source: String, text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body) = split_front_matter(text);
    let (raw, heading) = render(body);
    let mut doc = Document::new(id, source, Format::Markdown, raw);
    doc.blocks = true;
    doc.title = front.get(TITLE_KEYS).map(str::to_string).or(heading);
    doc.published = front
        .values(DATE_KEYS)
        .find_map(iso_date)
        .or_else(|| super::date_line(&doc.raw));
    doc.publisher = front.get(PUBLISHER_KEYS).map(str::to_string);
    doc
}

/// Title keys (normalised: lower case, without `-` and `_`).
const TITLE_KEYS: &[&str] = &["title"];

/// Publication date keys, strongest first.
const DATE_KEYS: &[&str] = &[
    "published",
    "pubdate",
    "publishdate",
    "datepublished",
    "publishedat",
    "publicationdate",
    "date",
];

/// Publisher keys, strongest first.
const PUBLISHER_KEYS: &[&str] = &[
    "publisher",
    "site",
    "sitename",
    "organization",
    "organisation",
    "authororganisation",
    "authororganization",
];

/// Top-level scalar fields of a front matter block.
#[derive(Debug, Default)]
struct FrontMatter {
    /// `(normalised key, unquoted value)`, in order.
    fields: Vec<(String, String)>,
}

impl FrontMatter {
    /// Values of these keys, in the keys' order.
    fn values<'a>(&'a self, keys: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
        keys.iter().flat_map(move |k| {
            self.fields
                .iter()
                .filter(move |(name, _)| name == k)
                .map(|(_, v)| v.as_str())
        })
    }

    /// The first value of these keys.
    fn get<'a>(&'a self, keys: &'a [&'a str]) -> Option<&'a str> {
        self.values(keys).next()
    }
}

/// Split front matter from the body. Without a closed block at the very
/// start, everything is body.
fn split_front_matter(text: &str) -> (FrontMatter, &str) {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (FrontMatter::default(), text);
    };
    let (closers, sep): (&[&str], char) = match first.trim_end() {
        "---" => (&["---", "..."], ':'),
        "+++" => (&["+++"], '='),
        _ => return (FrontMatter::default(), text),
    };
    let mut at = first.len();
    let mut front = FrontMatter::default();
    for line in lines {
        at += line.len();
        let trimmed = line.trim_end();
        if closers.contains(&trimmed) {
            return (front, &text[at..]);
        }
        if let Some(field) = scalar(line, sep) {
            front.fields.push(field);
        }
    }
    (FrontMatter::default(), text)
}

/// A top-level `key: value` (or `key = value`) line with a scalar value.
fn scalar(line: &str, sep: char) -> Option<(String, String)> {
    if line.starts_with(char::is_whitespace) || line.starts_with(['#', '-', '[']) {
        return None;
    }
    let (key, value) = line.split_once(sep)?;
    let key = key.trim().trim_matches(['"', '\'']);
    if key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    let key: String = key
        .chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let value = unquote(value.trim())?;
    Some((key, value))
}

/// A scalar value without its quotes or trailing comment; `None` for an
/// empty value or a block, list or table marker (`|`, `>`, `[`, `{`).
fn unquote(v: &str) -> Option<String> {
    let out = if let Some(rest) = v.strip_prefix('"') {
        let mut s = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => s.push(' '),
                    Some('t') => s.push(' '),
                    Some(other) => s.push(other),
                    None => break,
                },
                _ => s.push(c),
            }
        }
        s
    } else if let Some(rest) = v.strip_prefix('\'') {
        // YAML single quotes escape a quote by doubling it.
        let mut s = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    s.push('\'');
                    continue;
                }
                break;
            }
            s.push(c);
        }
        s
    } else {
        if v.starts_with(['|', '>', '[', '{']) {
            return None;
        }
        let v = match v.find(" #") {
            Some(i) => &v[..i],
            None => v,
        };
        v.trim().to_string()
    };
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

/// Whether the end of this element ends a line.
fn is_block(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The visible text of a Markdown body, and its title heading (the first
/// level-1 heading, else the first heading).
fn render(body: &str) -> (String, Option<String>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST;
    let mut out = BlockText::with_capacity(body.len());
    let mut image = 0usize;
    let mut code = false;
    // Heading being collected: (level, text).
    let mut heading: Option<(HeadingLevel, BlockText)> = None;
    let mut first_heading: Option<String> = None;
    let mut first_h1: Option<String> = None;
    let mut html = HtmlState::default();
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            _ if image > 0 => {}
            Event::Start(tag) => {
                if let Tag::Heading { level, .. } = tag {
                    heading = Some((level, BlockText::default()));
                }
                if matches!(tag, Tag::CodeBlock(_)) {
                    code = true;
                }
                if is_block(&tag.to_end()) {
                    out.end_line();
                }
            }
            Event::End(end) => {
                if let TagEnd::Heading(_) = end {
                    if let Some((level, text)) = heading.take() {
                        let text = text.finish();
                        if !text.is_empty() {
                            if level == HeadingLevel::H1 && first_h1.is_none() {
                                first_h1 = Some(text.clone());
                            }
                            first_heading.get_or_insert(text);
                        }
                    }
                }
                if end == TagEnd::CodeBlock {
                    code = false;
                }
                if is_block(&end) {
                    out.end_line();
                }
            }
            Event::Text(t) => {
                if code {
                    out.push_pre(&t);
                } else {
                    out.push(&t);
                }
                if let Some((_, h)) = &mut heading {
                    h.push(&t);
                }
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push(&t);
                if let Some((_, h)) = &mut heading {
                    h.push(&t);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => html.push(&mut out, &t),
            // A soft break keeps its line: letters put signature and
            // address lines in one paragraph, and the segmenter already
            // reads a break inside a hard-wrapped paragraph as a space.
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.end_line(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    (out.finish(), first_h1.or(first_heading))
}

/// Strips raw HTML inside Markdown, across events (a tag may open in one
/// event and its `script` content close in another).
#[derive(Debug, Default)]
struct HtmlState {
    /// Inside `<script>` or `<style>`: the closing tag awaited.
    skip_until: Option<&'static str>,
    /// Inside a comment.
    comment: bool,
}

impl HtmlState {
    fn push(&mut self, out: &mut BlockText, mut s: &str) {
        while !s.is_empty() {
            if self.comment {
                match s.find("-->") {
                    Some(i) => {
                        self.comment = false;
                        s = &s[i + 3..];
                    }
                    None => return,
                }
                continue;
            }
            if let Some(close) = self.skip_until {
                match find_ignore_case(s, close) {
                    Some(i) => {
                        self.skip_until = None;
                        s = &s[i..];
                    }
                    None => return,
                }
            }
            let Some(lt) = s.find('<') else {
                out.push(s);
                return;
            };
            out.push(&s[..lt]);
            s = &s[lt..];
            if let Some(rest) = s.strip_prefix("<!--") {
                self.comment = true;
                s = rest;
                continue;
            }
            let end = s.find('>').map_or(s.len(), |i| i + 1);
            let tag = &s[..end];
            s = &s[end..];
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            let closing = tag.starts_with("</");
            match name.as_str() {
                "script" if !closing => self.skip_until = Some("</script"),
                "style" if !closing => self.skip_until = Some("</style"),
                "br" | "p" | "div" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5"
                | "h6" | "tr" | "td" | "th" | "table" | "blockquote" | "pre" | "section"
                | "article" | "hr" | "dd" | "dt" | "dl" | "figure" | "figcaption" => out.end_line(),
                _ => {}
            }
        }
    }
}

/// The byte offset of `needle` (ASCII, lower case) in `hay`, ignoring
/// ASCII case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(md: &str) -> Document {
        load("t".into(), "t.md".into(), md)
    }

    #[test]
    fn yaml_front_matter() {
        let d = doc("---\ntitle: \"Court Orders Release\"\ndate: 2024-03-05T10:00:00Z\npublisher: 'Rights Group''s Office'\ntags:\n  - a\n---\n\nBody text.\n");
        assert_eq!(d.title.as_deref(), Some("Court Orders Release"));
        assert_eq!(d.published.as_deref(), Some("2024-03-05"));
        assert_eq!(d.publisher.as_deref(), Some("Rights Group's Office"));
        assert_eq!(d.raw, "Body text.");
        assert!(d.blocks);
    }

    #[test]
    fn toml_front_matter() {
        let d = doc("+++\ntitle = 'Statement'\npubDate = \"March 5, 2024\"\nsite_name = \"An NGO\" # comment\n+++\nText");
        assert_eq!(d.title.as_deref(), Some("Statement"));
        assert_eq!(d.published.as_deref(), Some("2024-03-05"));
        assert_eq!(d.publisher.as_deref(), Some("An NGO"));
        assert_eq!(d.raw, "Text");
    }

    #[test]
    fn published_key_beats_date() {
        let d = doc("---\ndate: 2020-01-01\npublished: 2021-02-03\n---\nx");
        assert_eq!(d.published.as_deref(), Some("2021-02-03"));
        let d = doc("---\ndate: someday\n---\nx");
        assert_eq!(d.published, None);
        let d = doc("# Statement\n\n*March 5, 2024*\n\nText.");
        assert_eq!(d.published.as_deref(), Some("2024-03-05"), "dateline");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let d = doc("---\ntitle: x\nno end");
        assert_eq!(d.title, None);
        assert!(d.raw.contains("title: x"));
    }

    #[test]
    fn block_values_ignored() {
        let d = doc("---\ntitle: >\n  folded\n---\n# Heading One\ntext");
        assert_eq!(d.title.as_deref(), Some("Heading One"));
    }

    #[test]
    fn markup_stripped_one_block_per_line() {
        let d = doc(
            "# Press *release*\n\nThe **court** [held](https://x.org/a) that\nit was `unlawful`.\n\n\
             - first item\n- second ![logo](l.png) item\n\n> quoted text\n\n\
             | a | b |\n|---|---|\n| c | d |\n\n```\ncode line 1\ncode line 2\n```\n\n---\n\nEnd  \nline",
        );
        assert_eq!(
            d.raw,
            "Press release\nThe court held that\nit was unlawful.\nfirst item\nsecond item\n\
             quoted text\na\nb\nc\nd\ncode line 1\ncode line 2\nEnd\nline"
        );
        assert_eq!(d.title.as_deref(), Some("Press release"));
        assert!(!d.raw.contains("https"));
    }

    #[test]
    fn first_h1_is_the_title() {
        let d = doc("## Section\n\n# Main Title\n\ntext");
        assert_eq!(d.title.as_deref(), Some("Main Title"));
        let d = doc("## Only Section\n\ntext");
        assert_eq!(d.title.as_deref(), Some("Only Section"));
    }

    #[test]
    fn raw_html_loses_tags() {
        let d = doc("Line one<br>line two\n\n<div class=\"x\">\n<p>In a div</p>\n</div>\n\n<script>var x = '<p>';</script>\n\nafter <!-- hidden --> text");
        assert_eq!(d.raw, "Line one\nline two\nIn a div\nafter text");
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let deep = ">".repeat(20_000) + " x";
        let _ = doc(&deep);
        let brackets = "[".repeat(20_000) + &"]".repeat(20_000);
        let _ = doc(&brackets);
        let lists = "- ".repeat(5_000) + "x";
        let _ = doc(&lists);
        for s in [
            "",
            "---",
            "---\n",
            "+++\n+++",
            "<",
            "<!--",
            "<script>",
            "`",
            "\u{feff}---\n---\nx",
        ] {
            let _ = doc(s);
        }
        assert_eq!(
            doc("\u{feff}---\ntitle: T\n---\nx").title.as_deref(),
            Some("T")
        );
    }
}
