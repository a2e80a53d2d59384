//! A pass over the page's markup before html5ever parses it: start tags
//! lose the attributes the converter never reads (`src`, `srcset`,
//! `data-*`, `width`, `onclick`, `aria-label`, …), and the value of an
//! `href` that leads to another page becomes `/` (only an href's presence
//! and whether it [`leads_away`] are read). html5ever tokenizes attributes one
//! character at a time, so on real pages this is a fifth of the parse.
//!
//! What it preserves: the tree html5ever builds from the pruned page is
//! the tree it builds from the original page, node for node (same
//! elements, text, comments, in the same places), except that elements
//! lack the pruned attributes. The argument, step by step:
//!
//! 1. **Only start tags change, and each into an equivalent token.** A
//!    rewritten start tag is `<` + its name as written + ` name=value`
//!    for each kept attribute (its value exactly as written, quotes
//!    included; `""` for an attribute written without value; `"/"` for
//!    an `href` whose value starts with a letter other than `j`, a digit,
//!    `/` or `.`, which [`leads_away`] as `/` does) + ` /` when it was self-closing + `>`. The tokenizer reads
//!    it as a start tag of the same name, self-closing flag, and kept
//!    attributes with the same values in the same order (a duplicate is
//!    still dropped by the same first occurrence, as names are pruned by
//!    name), and ends in the data state at the `>`, as after the original
//!    tag. Every other byte is copied unchanged.
//! 2. **The scan knows where start tags are**: it follows the tokenizer's
//!    states (data, tags with their quoted values, comments, DOCTYPE,
//!    bogus comments, and the text of `script`, `style`, `title`,
//!    `textarea`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`,
//!    whose end it finds by the tokenizer's rules, the escapes of script
//!    data included; `plaintext` ends the scan). Those raw-text states
//!    are entered by the tree builder, for these names in every insertion
//!    mode of HTML content — but not in foreign content (`svg`, `math`),
//!    where they are ordinary elements and `<![CDATA[` opens a CDATA
//!    section, nor in frameset modes and a template's column group, which
//!    ignore them. So after a `svg`, `math`, `frameset` or `template`
//!    start tag, the text of a raw-text element is passed over only when
//!    both readings agree on where it ends (read as markup, it holds no
//!    construct that crosses its end tag and no raw-text start tag or
//!    CDATA section), and a CDATA section only when it ends at its first
//!    `>`; otherwise the rest of the page is copied unchanged. Wherever
//!    the scan is unsure, it copies the rest of the page unchanged.
//! 3. **The tree builder reads no pruned attribute that shapes the
//!    tree.** It reads `type` (a hidden `input`), `color`/`face`/`size`
//!    (a `font` leaving foreign content), `encoding` (`annotation-xml`),
//!    `form` and `shadowrootmode`: all kept. It also reads a `meta`'s
//!    `charset` and `http-equiv`/`content` to report a change of encoding,
//!    which the driver of an already decoded page ignores. It compares
//!    whole attribute lists of formatting elements (at most three alike in
//!    the list of active formatting elements) and merges those of `html`
//!    and `body`: those tags are never rewritten, nor `svg`, `math`,
//!    `frameset` and `template`. (`a` is: its start tag first closes any
//!    `a` in the list, which so never holds two.) scraper's sink ignores
//!    the element flags (duplicate attributes).
//!
//!    The argument follows html5ever 0.40, which has no "in select"
//!    insertion mode (older versions ignore `<xmp>` and `<title>` in a
//!    `select`); a pinned test catches a version that reads it otherwise.
//! 4. **The converter reads only kept attributes** ([`KEPT`]; a test
//!    checks `html.rs` and `content.rs` against the list).
//!
//! The pass also blanks the text of code elements: the text of a
//! `script`, `style` or `noscript` becomes one space (a fifth of a news
//! page's bytes are scripts and style sheets, which html5ever tokenizes
//! and stores as text). The tree then differs only in the content of
//! those text nodes, which nothing reads. The argument:
//!
//! 5. **Only before any `svg`, `math`, `frameset` or `template` start
//!    tag** (the scan's sure state of step 2): there the start tag of a
//!    raw-text element always switches the tokenizer, its text up to the
//!    end tag found by [`raw_end`] is one run of character tokens, and
//!    the tree builder (in its "text" mode) inserts them as the one text
//!    child of the element: a non-empty text stays one text node, in
//!    the same place. The JSON-LD reader reads a `script`'s text: a
//!    `script` with a `type` that may be JSON is left whole ([`blanked`]).
//! 6. **No reader reads the text of a code element**: the converter reads
//!    the text below an element through `shown_text` in `html.rs`, which
//!    passes over it (and `content.rs` does not descend into these
//!    elements); node counts stay the same, as the text node stays.
//!    Differential tests compare the trees (text of code elements aside)
//!    and the loaded documents of crafted pages with and without blanking.

use std::borrow::Cow;

/// Attribute names kept: those `html.rs` and `content.rs` read, then
/// those html5ever's tree builder reads.
pub(super) const KEPT: &[&str] = &[
    "alt",
    "aria-hidden",
    "class",
    "content",
    "datetime",
    "hidden",
    "href",
    "id",
    "itemprop",
    "name",
    "open",
    "property",
    "pubdate",
    "role",
    "style",
    "type",
    // Read by the tree builder.
    "color",
    "encoding",
    "face",
    "form",
    "shadowrootmode",
    "size",
];

/// Kept attributes whose value is read only through [`leads_away`]:
/// a value that surely leads away is kept as `/`.
pub(super) const PRESENCE_ONLY: &[&str] = &["href"];

/// Whether a link's `href` value leads to another page: not empty, not a
/// jump within the page (`#notes`), not a script (`javascript:`).
pub(super) fn leads_away(href: &str) -> bool {
    let h = href.trim_start();
    !h.is_empty()
        && !h.starts_with('#')
        && !h
            .get(..11)
            .is_some_and(|p| p.eq_ignore_ascii_case("javascript:"))
}

/// Whether an `href` value as written (quotes included) surely
/// [`leads_away`], so that `/` can stand for it: it starts with a byte
/// that no character reference, white space, `#` or `javascript:` starts
/// with, and the parsed value starts with that same byte.
fn away_as_written(value: &[u8]) -> bool {
    let v = match value {
        [q @ (b'"' | b'\''), rest @ ..] => rest.strip_suffix(&[*q]).unwrap_or(rest),
        v => v,
    };
    v.first().is_some_and(|&c| {
        (c.is_ascii_alphanumeric() && !c.eq_ignore_ascii_case(&b'j')) || c == b'/' || c == b'.'
    }) && v != b"/"
}

/// What a start tag's name means for the pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Pruned.
    Plain,
    /// Never rewritten: formatting elements (their attribute lists are
    /// compared), `html` and `body` (merged), `annotation-xml`.
    Untouched,
    /// Its text is raw text (RCDATA, RAWTEXT, script data) when the tree
    /// builder sees its start tag in HTML content.
    Raw,
    /// After it, a raw-text start tag may not switch the tokenizer
    /// (foreign content, frameset modes, a template's column group).
    /// Not rewritten either.
    Unsure,
    /// The rest of the page is text.
    Plaintext,
}

/// `name` in ASCII lower case, in `buf`, when it fits (longer names are
/// none of those the pass knows).
fn lower<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..name.len())?;
    out.copy_from_slice(name);
    out.make_ascii_lowercase();
    Some(out)
}

/// What the start tag `name` means for the pass.
fn kind(name: &[u8]) -> Kind {
    match kind_lower(name) {
        Kind::Plain if name.iter().any(u8::is_ascii_uppercase) => {
            let mut buf = [0; 16];
            lower(name, &mut buf).map_or(Kind::Plain, kind_lower)
        }
        kind => kind,
    }
}

/// [`kind`] of a name in lower case.
fn kind_lower(name: &[u8]) -> Kind {
    match name {
        b"script" | b"style" | b"title" | b"textarea" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"noscript" => Kind::Raw,
        b"svg" | b"math" | b"frameset" | b"template" => Kind::Unsure,
        b"plaintext" => Kind::Plaintext,
        b"html" | b"body" | b"annotation-xml" | b"b" | b"big" | b"code" | b"em" | b"font"
        | b"i" | b"nobr" | b"s" | b"small" | b"strike" | b"strong" | b"tt" | b"u" => {
            Kind::Untouched
        }
        _ => Kind::Plain,
    }
}

/// What becomes of an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    Drop,
    /// Kept with its value.
    Whole,
    /// Kept, with `/` for a value that surely [`leads_away`]
    /// ([`PRESENCE_ONLY`]).
    Presence,
}

/// What becomes of attribute `name` ([`KEPT`], [`PRESENCE_ONLY`]).
fn keep(name: &[u8]) -> Keep {
    let keep = match keep_lower(name) {
        Keep::Drop if name.iter().any(u8::is_ascii_uppercase) => {
            let mut buf = [0; 16];
            lower(name, &mut buf).map_or(Keep::Drop, keep_lower)
        }
        keep => keep,
    };
    let listed = |list: &[&str]| list.iter().any(|k| name.eq_ignore_ascii_case(k.as_bytes()));
    debug_assert_eq!(keep != Keep::Drop, listed(KEPT));
    debug_assert_eq!(keep == Keep::Presence, listed(PRESENCE_ONLY));
    keep
}

/// [`keep`] of a name in lower case.
fn keep_lower(name: &[u8]) -> Keep {
    match name {
        b"href" => Keep::Presence,
        b"alt" | b"aria-hidden" | b"class" | b"content" | b"datetime" | b"hidden" | b"id"
        | b"itemprop" | b"name" | b"open" | b"property" | b"pubdate" | b"role" | b"style"
        | b"type" | b"color" | b"encoding" | b"face" | b"form" | b"shadowrootmode" | b"size" => {
            Keep::Whole
        }
        _ => Keep::Drop,
    }
}

/// Whitespace as the tokenizer sees it (a CR reads as a line feed).
fn space(c: u8) -> bool {
    CLASS[usize::from(c)] & SPACE != 0
}

/// Byte classes of the tag states: whitespace, `/`, `>`, `=`.
const SPACE: u8 = 1;
const SLASH: u8 = 2;
const GT: u8 = 4;
const EQ: u8 = 8;
static CLASS: [u8; 256] = {
    let mut t = [0; 256];
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0C] = SPACE;
    t[b' ' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b'/' as usize] = SLASH;
    t[b'>' as usize] = GT;
    t[b'=' as usize] = EQ;
    t
};

/// Whether `c` is of one of the classes in `mask`.
fn is(c: u8, mask: u8) -> bool {
    CLASS[usize::from(c)] & mask != 0
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|i| from + i)
}

fn find_byte(hay: &[u8], from: usize, byte: u8) -> Option<usize> {
    memchr::memchr(byte, hay.get(from..)?).map(|i| from + i)
}

/// One attribute of a tag: byte ranges of its name and of its value as
/// written (quotes included), if it has one.
#[derive(Clone, Debug)]
struct Attr {
    name: (usize, usize),
    value: Option<(usize, usize)>,
    keep: Keep,
}

/// A tag read by [`read_tag`].
struct Tag {
    /// End of the tag's name.
    name_end: usize,
    /// Just after the closing `>`.
    end: usize,
    self_closing: bool,
}

/// Read the tag whose name starts at `start` (just after `<` or `</`) as
/// html5ever's tokenizer does, its attributes into `attrs`. `None` when
/// the page ends inside it (the tokenizer then drops it).
///
/// The tokenizer's tag states, folded: "after attribute value (quoted)"
/// treats every character as "before attribute name" does (space, `/`
/// and `>` alike, anything else reconsumed there), and so does "after
/// attribute name" but for `=`, which gives the attribute its value.
fn read_tag(b: &[u8], start: usize, attrs: &mut Vec<Attr>) -> Option<Tag> {
    let stop = |c: u8| is(c, SPACE | SLASH | GT);
    attrs.clear();
    let n = b.len();
    let mut i = start;
    while i < n && !stop(b[i]) {
        i += 1;
    }
    let name_end = i;
    let done = |end: usize, self_closing: bool| {
        Some(Tag {
            name_end,
            end,
            self_closing,
        })
    };
    loop {
        // Before an attribute name.
        let &c = b.get(i)?;
        if space(c) {
            i += 1;
            continue;
        }
        if c == b'>' {
            return done(i + 1, false);
        }
        if c == b'/' {
            // Self-closing start tag: `>` ends it, anything else is
            // reconsumed before an attribute name.
            if *b.get(i + 1)? == b'>' {
                return done(i + 2, true);
            }
            i += 1;
            continue;
        }
        // The attribute name: its first character whatever it is (`=`
        // too), then up to space, `/`, `>` or `=`.
        let name_start = i;
        i += 1;
        while i < n && !is(b[i], SPACE | SLASH | GT | EQ) {
            i += 1;
        }
        attrs.push(Attr {
            name: (name_start, i),
            value: None,
            keep: Keep::Drop,
        });
        // After the name.
        while i < n && space(b[i]) {
            i += 1;
        }
        if *b.get(i)? != b'=' {
            continue;
        }
        // Before the value.
        i += 1;
        while i < n && space(b[i]) {
            i += 1;
        }
        let &c = b.get(i)?;
        let value = match c {
            b'"' | b'\'' => {
                let close = find_byte(b, i + 1, c)?;
                (i, close + 1)
            }
            b'>' => return done(i + 1, false),
            _ => {
                let from = i;
                while i < n && !is(b[i], SPACE | GT) {
                    i += 1;
                }
                if i == n {
                    return None;
                }
                (from, i)
            }
        };
        if let Some(a) = attrs.last_mut() {
            a.value = Some(value);
        }
        i = value.1;
    }
}

/// Where the text of raw-text element `name` whose content starts at
/// `from` ends: the `<` of its end tag, by the tokenizer's rules.
fn raw_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    if name.eq_ignore_ascii_case(b"script") {
        return script_end(b, from);
    }
    let mut at = from;
    loop {
        let lt = find_byte(b, at, b'<')?;
        if end_tag_at(b, lt, name) {
            return Some(lt);
        }
        at = lt + 1;
    }
}

/// Whether an end tag `</name` followed by space, `/` or `>` starts at
/// `lt` (the tag that ends raw text).
fn end_tag_at(b: &[u8], lt: usize, name: &[u8]) -> bool {
    let n = lt + 2 + name.len();
    b.get(lt + 1) == Some(&b'/')
        && b.get(lt + 2..n)
            .is_some_and(|w| w.eq_ignore_ascii_case(name))
        && b.get(n)
            .is_some_and(|&c| space(c) || c == b'/' || c == b'>')
}

/// The run of ASCII letters at `at`, and where it ends.
fn letters(b: &[u8], at: usize) -> (&[u8], usize) {
    let rest = b.get(at..).unwrap_or_default();
    let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    (&rest[..n], at + n)
}

/// The end of script data from `from`: html5ever's script data states,
/// with the escaped (`<!--`) and double-escaped (`<!--<script>`) ones.
fn script_end(b: &[u8], from: usize) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum St {
        Data,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        Double,
        DoubleDash,
        DoubleDashDash,
    }
    let mut st = St::Data;
    let mut i = from;
    loop {
        match st {
            St::Data => {
                let lt = find_byte(b, i, b'<')?;
                if end_tag_at(b, lt, b"script") {
                    return Some(lt);
                }
                i = lt + 1;
                if b.get(i) == Some(&b'!') {
                    i += 1;
                    if b.get(i..i + 2) == Some(b"--") {
                        i += 2;
                        st = St::EscapedDashDash;
                    }
                }
            }
            St::Escaped | St::Double => {
                let at = i + memchr::memchr2(b'-', b'<', b.get(i..)?)?;
                i = at + 1;
                let double = st == St::Double;
                if b[at] == b'-' {
                    st = if double {
                        St::DoubleDash
                    } else {
                        St::EscapedDash
                    };
                } else if let Some(end) = escaped_less_than(b, at, double, &mut st) {
                    return Some(end);
                } else {
                    i = after_less_than(b, at, double);
                }
            }
            St::EscapedDash | St::EscapedDashDash | St::DoubleDash | St::DoubleDashDash => {
                let double = matches!(st, St::DoubleDash | St::DoubleDashDash);
                let dashdash = matches!(st, St::EscapedDashDash | St::DoubleDashDash);
                let &c = b.get(i)?;
                let plain = if double { St::Double } else { St::Escaped };
                match c {
                    b'-' => {
                        i += 1;
                        st = if double {
                            St::DoubleDashDash
                        } else {
                            St::EscapedDashDash
                        };
                    }
                    b'<' => {
                        st = plain;
                        if let Some(end) = escaped_less_than(b, i, double, &mut st) {
                            return Some(end);
                        }
                        i = after_less_than(b, i, double);
                    }
                    b'>' if dashdash => {
                        i += 1;
                        st = St::Data;
                    }
                    _ => {
                        i += 1;
                        st = plain;
                    }
                }
            }
        }
    }

    /// At a `<` in (double-)escaped script data: the end of the script if
    /// the end tag starts here, else the state after the tag-like run
    /// (set in `st`, whose value on entry is the plain escaped state).
    fn escaped_less_than(b: &[u8], lt: usize, double: bool, st: &mut St) -> Option<usize> {
        let next = b.get(lt + 1).copied();
        if double {
            // `</script` + space, `/` or `>` leaves double escaping.
            if next == Some(b'/') {
                let (word, end) = letters(b, lt + 2);
                if b.get(end)
                    .is_some_and(|&c| space(c) || c == b'/' || c == b'>')
                    && word.eq_ignore_ascii_case(b"script")
                {
                    *st = St::Escaped;
                }
            }
            return None;
        }
        if next == Some(b'/') {
            if end_tag_at(b, lt, b"script") {
                return Some(lt);
            }
            return None;
        }
        if next.is_some_and(|c| c.is_ascii_alphabetic()) {
            let (word, end) = letters(b, lt + 1);
            if b.get(end)
                .is_some_and(|&c| space(c) || c == b'/' || c == b'>')
                && word.eq_ignore_ascii_case(b"script")
            {
                *st = St::Double;
            }
        }
        None
    }

    /// Where scanning resumes after the `<` at `lt` and the run read with
    /// it by [`escaped_less_than`] (its delimiter consumed when it
    /// switched states, the letters in any case).
    fn after_less_than(b: &[u8], lt: usize, double: bool) -> usize {
        let next = b.get(lt + 1).copied();
        let start = match next {
            Some(b'/') => lt + 2,
            Some(c) if c.is_ascii_alphabetic() && !double => lt + 1,
            _ => return lt + 1,
        };
        let (_, end) = letters(b, start);
        if end == start {
            return end;
        }
        match b.get(end) {
            Some(&c) if space(c) || c == b'/' || c == b'>' => end + 1,
            _ => end,
        }
    }
}

/// What starts at a `<`.
enum Construct {
    /// A start tag (attributes in the caller's buffer).
    Start(Tag),
    /// Anything else the tokenizer reads as one piece (an end tag, a
    /// comment, a DOCTYPE, a bogus comment), ending here.
    Other(usize),
    /// `<![CDATA[`: a CDATA section in foreign content, else a bogus
    /// comment.
    Cdata,
    /// A `<` read as text.
    Text,
    /// The page ends inside the construct.
    Eof,
}

/// Read the construct at the `<` at `lt` as the tokenizer's data state
/// does.
fn construct(b: &[u8], lt: usize, attrs: &mut Vec<Attr>) -> Construct {
    let or_eof = |end: Option<usize>| end.map_or(Construct::Eof, Construct::Other);
    match b.get(lt + 1) {
        Some(c) if c.is_ascii_alphabetic() => {
            read_tag(b, lt + 1, attrs).map_or(Construct::Eof, Construct::Start)
        }
        Some(b'/') => match b.get(lt + 2) {
            Some(c) if c.is_ascii_alphabetic() => or_eof(read_tag(b, lt + 2, attrs).map(|t| t.end)),
            Some(b'>') => Construct::Other(lt + 3),
            Some(_) => or_eof(find_byte(b, lt + 2, b'>').map(|g| g + 1)),
            None => Construct::Text,
        },
        Some(b'!') => {
            if b.get(lt + 2..lt + 4) == Some(b"--") {
                return or_eof(comment_end(b, lt + 4));
            }
            if b.get(lt + 2..lt + 9) == Some(b"[CDATA[") {
                return Construct::Cdata;
            }
            or_eof(find_byte(b, lt + 2, b'>').map(|g| g + 1))
        }
        Some(b'?') => or_eof(find_byte(b, lt + 1, b'>').map(|g| g + 1)),
        _ => Construct::Text,
    }
}

/// The end of a comment whose text starts at `from` (after `<!--`).
fn comment_end(b: &[u8], from: usize) -> Option<usize> {
    if b.get(from) == Some(&b'>') {
        return Some(from + 1);
    }
    if b.get(from..from + 2) == Some(b"->") {
        return Some(from + 2);
    }
    // The first `-->` or `--!>`.
    let mut at = from;
    loop {
        let i = find(b, at, b"--")?;
        match b.get(i + 2) {
            Some(b'>') => return Some(i + 3),
            Some(b'!') if b.get(i + 3) == Some(&b'>') => return Some(i + 4),
            _ => at = i + 1,
        }
    }
}

/// The end of a `<![CDATA[` at `lt` read either way (a bogus comment
/// ends at the first `>`, a CDATA section after the first `]]>`), when
/// both readings end there.
fn cdata_end(b: &[u8], lt: usize) -> Option<usize> {
    let gt = find_byte(b, lt + 9, b'>')?;
    (gt >= lt + 11 && &b[gt - 2..gt] == b"]]").then_some(gt + 1)
}

/// Whether `b[from..to]`, read as markup from the data state, reaches
/// `to` in the data state with no raw-text start tag or CDATA section on
/// the way: the reading of a raw-text element's text as markup (in
/// foreign content) agrees with the raw-text reading on its end.
fn markup_reaches(b: &[u8], from: usize, to: usize, attrs: &mut Vec<Attr>) -> bool {
    let mut at = from;
    while let Some(lt) = find_byte(&b[..to], at, b'<') {
        at = match construct(b, lt, attrs) {
            Construct::Start(tag) => {
                if matches!(kind(&b[lt + 1..tag.name_end]), Kind::Raw | Kind::Plaintext) {
                    return false;
                }
                tag.end
            }
            Construct::Other(end) => end,
            Construct::Text => lt + 1,
            Construct::Cdata | Construct::Eof => return false,
        };
        if at > to {
            return false;
        }
    }
    true
}

/// What stands for the text of a blanked code element: any text does (it
/// must not be empty, or the element would lose its text node).
const FILLER: &str = " ";

/// Whether the text `content` (a byte range) of the raw-text element
/// `name` whose start tag has `attrs` is blanked: the text of a `script`,
/// `style` or `noscript` ([`super::code_element`]) longer than
/// [`FILLER`], but for a `script` with a `type` that may be JSON (written
/// with `json` in any case, or with a character reference): JSON-LD is
/// read for the page's metadata.
fn blanked(b: &[u8], name: &[u8], attrs: &[Attr], content: std::ops::Range<usize>) -> bool {
    let script = name.eq_ignore_ascii_case(b"script");
    let code =
        script || name.eq_ignore_ascii_case(b"style") || name.eq_ignore_ascii_case(b"noscript");
    let maybe_json = || {
        attrs.iter().any(|a| {
            b[a.name.0..a.name.1].eq_ignore_ascii_case(b"type")
                && a.value.is_some_and(|(s, e)| {
                    let v = &b[s..e];
                    v.contains(&b'&') || v.windows(4).any(|w| w.eq_ignore_ascii_case(b"json"))
                })
        })
    };
    code && content.len() > FILLER.len() && !(script && maybe_json())
}

/// `html` with the start tags' unread attributes removed and the text of
/// code elements blanked (see the module documentation for why the parsed
/// tree is the same for every reader).
pub(super) fn prune(html: &str) -> Cow<'_, str> {
    prune_with(html, true)
}

/// [`prune`], blanking the text of code elements when `blank_code` (tests
/// compare with the pass that keeps it).
pub(super) fn prune_with(html: &str, blank_code: bool) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    // Bytes of `html` already in `out`.
    let mut copied = 0;
    let mut attrs = Vec::new();
    let mut unsure = false;
    let mut at = 0;
    while let Some(lt) = find_byte(b, at, b'<') {
        at = match construct(b, lt, &mut attrs) {
            Construct::Start(tag) => {
                let name = &b[lt + 1..tag.name_end];
                let kind = kind(name);
                if matches!(kind, Kind::Plain | Kind::Raw) && needs_rewrite(b, &mut attrs) {
                    let done = html.get(copied..lt).is_some_and(|before| {
                        out.reserve(html.len() - copied);
                        out.push_str(before);
                        rewrite(html, lt, &tag, &attrs, &mut out)
                    });
                    if !done {
                        // Not at character boundaries: cannot happen, as
                        // every cut is next to an ASCII delimiter.
                        return Cow::Borrowed(html);
                    }
                    copied = tag.end;
                }
                match kind {
                    Kind::Plaintext => break,
                    Kind::Raw => {
                        let Some(end) = raw_end(b, tag.end, name) else {
                            break;
                        };
                        if blank_code && !unsure && blanked(b, name, &attrs, tag.end..end) {
                            let done = html.get(copied..tag.end).is_some_and(|before| {
                                out.reserve(html.len() - copied);
                                out.push_str(before);
                                out.push_str(FILLER);
                                true
                            });
                            if !done {
                                return Cow::Borrowed(html);
                            }
                            copied = end;
                        }
                        if unsure && !markup_reaches(b, tag.end, end, &mut attrs) {
                            break;
                        }
                        end
                    }
                    Kind::Unsure => {
                        unsure = true;
                        tag.end
                    }
                    Kind::Plain | Kind::Untouched => tag.end,
                }
            }
            Construct::Other(end) => end,
            Construct::Text => lt + 1,
            Construct::Cdata if !unsure => match find_byte(b, lt + 2, b'>') {
                Some(gt) => gt + 1,
                None => break,
            },
            Construct::Cdata => match cdata_end(b, lt) {
                Some(end) => end,
                None => break,
            },
            Construct::Eof => break,
        };
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    match html.get(copied..) {
        Some(rest) => out.push_str(rest),
        None => return Cow::Borrowed(html),
    }
    Cow::Owned(out)
}

/// Whether a start tag with these attributes changes when pruned (each
/// attribute's fate noted in it).
fn needs_rewrite(b: &[u8], attrs: &mut [Attr]) -> bool {
    let mut change = false;
    for a in attrs.iter_mut() {
        a.keep = keep(&b[a.name.0..a.name.1]);
        change |= match a.keep {
            Keep::Drop => true,
            Keep::Whole => false,
            Keep::Presence => a.value.is_some_and(|(s, e)| away_as_written(&b[s..e])),
        };
    }
    change
}

/// Write the start tag at `lt` with its kept attributes only (`false`
/// if a range is not at character boundaries).
fn rewrite(html: &str, lt: usize, tag: &Tag, attrs: &[Attr], out: &mut String) -> bool {
    let Some(name) = html.get(lt..tag.name_end) else {
        return false;
    };
    out.push_str(name);
    for a in attrs {
        if a.keep == Keep::Drop {
            continue;
        }
        let Some(name) = html.get(a.name.0..a.name.1) else {
            return false;
        };
        out.push(' ');
        out.push_str(name);
        out.push('=');
        match a.value {
            Some((s, e)) if e > s => match html.get(s..e) {
                Some(value) if a.keep == Keep::Presence && away_as_written(value.as_bytes()) => {
                    out.push_str("\"/\"")
                }
                Some(value) => out.push_str(value),
                None => return false,
            },
            _ => out.push_str("\"\""),
        }
    }
    if tag.self_closing {
        out.push_str(" /");
    }
    out.push('>');
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Rng;
    use scraper::{Html, Node};

    /// Whether a text node is the text of a code element as the
    /// converter reads it: in an HTML `script`, `style` or `noscript`,
    /// but a `script` whose type names JSON.
    fn code_text(node: super::super::ego_ref::NodeRef<'_>) -> bool {
        node.parent().is_some_and(|p| match p.value() {
            Node::Element(e) => {
                super::super::code_element(e)
                    && !super::super::attr(e, "type")
                        .is_some_and(|t| t.to_ascii_lowercase().contains("json"))
            }
            _ => false,
        })
    }

    /// The parsed tree of `html` as text: every node with its depth, and
    /// elements with the kept attributes the converter can read (without
    /// namespace; sorted; presence-only ones without value). The text of
    /// a code element, which nothing reads, shows as `code`.
    fn tree(html: &str) -> String {
        dump(html, true)
    }

    /// [`tree`] with the text of code elements too.
    fn full_tree(html: &str) -> String {
        dump(html, false)
    }

    fn dump(html: &str, hide_code: bool) -> String {
        let page = Html::parse_document(html);
        let mut out = String::new();
        let mut stack = vec![(page.tree.root(), 0usize)];
        while let Some((node, depth)) = stack.pop() {
            out.push_str(&" ".repeat(depth));
            match node.value() {
                Node::Text(_) if hide_code && code_text(node) => out.push_str("code"),
                Node::Element(e) => {
                    let mut attrs: Vec<String> = e
                        .attrs
                        .iter()
                        .filter(|(q, _)| {
                            KEPT.contains(&&*q.local) && q.prefix.is_none() && q.ns.is_empty()
                        })
                        .map(|(q, v)| {
                            let away;
                            let v = if PRESENCE_ONLY.contains(&&*q.local) {
                                away = leads_away(v).to_string();
                                &away
                            } else {
                                &**v
                            };
                            format!("{:?}:{}:{}={v:?}", q.prefix, q.ns, q.local)
                        })
                        .collect();
                    attrs.sort();
                    out.push_str(&format!("<{}:{} {attrs:?}>", e.name.ns, e.name.local));
                }
                other => out.push_str(&format!("{other:?}")),
            }
            out.push('\n');
            let mut child = node.last_child();
            while let Some(c) = child {
                stack.push((c, depth + 1));
                child = c.prev_sibling();
            }
        }
        out
    }

    /// Pieces of tricky markup for the differential test.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "text ",
        "a < b ",
        "x &amp y &lt; ",
        "<div class=\"a b\" data-x=\"1\">",
        "</div>",
        "<a href=\"/x\" target=_blank rel='noopener'>",
        "<a href=1 target=2>",
        "<a href=1 target=3>",
        "</a>",
        "<b class=1>",
        "<b class=1 data-x=2>",
        "<b class=1 data-x=1><b class=1 data-x=2><b class=1 data-x=3><b class=1 data-x=4>",
        "<a href=1 data-x=1><a href=1 data-x=2><a href=1 data-x=3><a href=1 data-x=4>",
        "</b>",
        "<i title=x>",
        "<font color=red data-x=1>",
        "<font data-x=1>",
        "<script>var a = \"<div data-x='1'>\"; if (a<b) x();</script>",
        "<script type=\"application/ld+json\" data-n=1>{\"a\":\"<p x=1>\"}</script>",
        "<script><!--<script>x</script><p data-x=1>y</script>",
        "<script><!-- a --></script>",
        "<script><!--<script></script>--></script>",
        "<script><!--<scripts>x</script>",
        "<SCRIPT src=x async>",
        "</SCRIPT >",
        "</script foo=\">\">",
        "<style media=all>p>a{} <p data-x=1></style>",
        "<title data-x=1>T <b x=1></title>",
        "<textarea rows=3><p data-x=1></textarea>",
        "<xmp w=1><a data-x></xmp>",
        "<noscript><img src=x alt=y data-z=1></noscript>",
        "<script type=\"text/javascript\">var a = 1;</script>",
        "<script TYPE='Application/LD+JSON'>{\"headline\": \"h\"}</script>",
        "<script type=\"application/ld&#43;json\">{\"a\": 1}</script>",
        "<script type=module>import x</script>",
        "<SCRIPT>a = 1</SCRIPT>",
        "<style>p { color: red }</style>",
        "<style media=print> </style>",
        "<noscript>enable <b>js</b></noscript>",
        "<script>",
        "</script>",
        "<style>",
        "<h1>",
        "</h1>",
        "<tr><td>",
        "<iframe src=x><p q=1></iframe>",
        "<!-- <p data-x=1> -->",
        "<!-->",
        "<!--->",
        "<!-- x --!>",
        "<!-- <!-- -->",
        "<!--",
        "<!DOCTYPE html>",
        "<!DOCTYPE html PUBLIC \"a>b\" data-x=\"1\">",
        "<?php x data-x=1 ?>",
        "</ x data-y=1>",
        "</>",
        "</p data-x=1>",
        "<![CDATA[ <p data-x=1> ]]>",
        "<![CDATA[ x ]]>",
        "<svg width=10 viewBox=\"0 0 1 1\">",
        "</svg>",
        "<svg><style><!--</style><p data-x=\"-->\">",
        "<svg><title data-x=1><b data-y=2>t</b></title></svg>",
        "<svg><script>a<b data-x=1></script>",
        "<math><mi><script>a<b</script></mi></math>",
        "<math><annotation-xml encoding=\"text/html\" data-x=1><style>a</style>",
        "<svg><foreignObject data-x=1><style>a</style></foreignObject>",
        "<svg><a xlink:href=\"u\" href=\"v\" data-x=1></a>",
        "<template><col><style><a data-x=1></style></template>",
        "<template data-x=1 shadowrootmode=open><p data-y=1></template>",
        "<frameset data-x=1><style><p data-x=1></style>",
        "<table data-x=1>",
        "<tr data-x=1>",
        "<td width=1>",
        "</table>",
        "<input type=hidden data-x=1>",
        "<input type=text data-x=1 form=f>",
        "<select data-x=1><option data-y=1>o",
        "<p a b c=1 d=\"2\"e='3'f>",
        "<p/a=1>",
        "<p ='x' data-z>",
        "<p a =  \"1\" data-q = 2>",
        "<p class data-y=1 =z>",
        "<p class=x/ data-y=1>",
        "<br data-x=1/>",
        "<br data-x=\"1\"/>",
        "<br class=\"1\"/data-x=2>",
        "<img src=x / alt=y>",
        "<div hidden data-x>",
        "<DIV CLASS=Q DATA-X=1 Href=y>",
        "<p href=x data-a=1>",
        "<a href data-a=1>",
        "<a name=x data-a=1>",
        "<p\r\ndata-x=1\rclass=y>",
        "<p\x0cdata-x=1>",
        "<p data-\0x=1 cl\0ass=2>",
        "<p data-x=a&amp=b class=c&ampd>",
        "<p class=\"a\"data-x='b'id=c>",
        "<html data-x=1 lang=en>",
        "<body data-x=1 class=b>",
        "<plaintext><p data-x=1>",
        "<p data-x=\"1",
        "<p x='",
        "<script>never closed <p data-x=1>",
        "\n",
        " ",
        "é ",
        "<p data-é=1 class=é>",
    ];

    /// Pieces of tags and delimiters, so that constructs cross pieces.
    const FRAGMENTS: &[&str] = &[
        "<",
        "<p",
        "<a",
        "<b",
        "<script",
        "<style",
        "<title",
        "<svg",
        "<math",
        "<template",
        "</script",
        "</style",
        "</title",
        "</svg",
        "</p",
        "</",
        "<!",
        "<!--",
        "-->",
        "--!>",
        "-",
        "<![CDATA[",
        "]]>",
        "<?",
        " ",
        "\t",
        "\n",
        "\r",
        "/",
        ">",
        "=",
        "\"",
        "'",
        " data-x",
        " class",
        " href",
        " id",
        "=1",
        "=\"v\"",
        "='w'",
        "x",
        "&amp;",
        "é",
        "<p data-x=1>",
        "<div class=c data-y=2 href=h>",
        "<br data-z/>",
        "<plaintext>",
        "<textarea>",
        "<noscript>",
        "<frameset>",
        "<table>",
        "<td x=1>",
        "<select>",
        "<font color=1 data-q=1>",
        "<script>a = b;",
        "<style>p {}",
        "<noscript>a b",
    ];

    /// Parse `cases` pages of up to `most` pieces drawn from `pieces`,
    /// pruned and not, asserting the same tree: in full when code is kept,
    /// the text of code elements aside when it is blanked; how many were
    /// rewritten, and of them how many had code blanked.
    fn same_trees(rng: &mut Rng, pieces: &[&str], cases: usize, most: usize) -> (usize, usize) {
        let (mut rewritten, mut blanked) = (0, 0);
        for n in 0..cases {
            let count = 1 + rng.below(most);
            let html = rng.text(pieces, count);
            let kept = prune_with(&html, false);
            let pruned = prune(&html);
            if pruned != html {
                rewritten += 1;
            }
            if pruned != kept {
                blanked += 1;
            }
            assert_eq!(
                full_tree(&html),
                full_tree(&kept),
                "case {n}: {html:?}\npruned: {kept:?}"
            );
            assert_eq!(
                tree(&html),
                tree(&pruned),
                "case {n}: {html:?}\npruned: {pruned:?}"
            );
        }
        (rewritten, blanked)
    }

    #[test]
    fn pruned_pages_parse_to_the_same_tree() {
        let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
        let (rewritten, blanked) = same_trees(&mut rng, PIECES, 4000, 24);
        assert!(rewritten > 1000 && blanked > 500, "{rewritten} {blanked}");
        // Constructs across pieces: tags cut anywhere.
        let (rewritten, blanked) = same_trees(&mut rng, FRAGMENTS, 8000, 40);
        assert!(rewritten > 1000 && blanked > 50, "{rewritten} {blanked}");
    }

    #[test]
    fn version_dependent_constructs_parse_to_the_same_tree() {
        // Raw text inside a `select`, and encoding changes in `meta`: the
        // constructs where the argument depends on html5ever's version.
        for html in [
            "<select><xmp><!--</xmp><p data-x=1>--></select><p class=a data-y=2>t",
            "<select><title></title><p data-x=1></select>",
            "<meta charset=latin1 data-x=1><p data-y=1>t",
            "<meta http-equiv=content-type content=\"text/html; charset=koi8-r\" data-x=1><p data-y=1>t",
            // Code elements in a select (ignored by older versions' "in
            // select" mode, which would read their text as markup).
            "<select><noscript><option>a</option></noscript><option>b</select>",
            "<select><style><option>a</option></style></select><p data-x=1>",
            "<select><script><option>a</script></select><p data-x=1>",
            // In a table, before a frameset would be allowed, in a head.
            "<table><noscript>a<td>b</noscript><tr><td>c</table><p data-x=1>",
            "<head><noscript><link rel=x></noscript><style>a{}</style></head><p data-x=1>",
            "<script>a b</script><frameset><frame></frameset><p data-x=1>",
        ] {
            let pruned = prune(html);
            assert_ne!(pruned, html);
            assert_eq!(tree(html), tree(&pruned), "{html}");
        }
    }

    #[test]
    fn fixture_pages_parse_to_the_same_tree() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/docs");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "html") {
                let html = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                let pruned = prune(&html);
                assert!(pruned.len() < html.len(), "{path:?}");
                assert_eq!(tree(&html), tree(&pruned), "{path:?}");
                seen += 1;
            }
        }
        assert!(seen > 0);
    }

    #[test]
    fn hostile_pages_pass_quickly_without_panic() {
        let pieces = [
            "<",
            "<!--",
            "<script>",
            "<svg><style>",
            "<p a=\"",
            "é",
            "</",
            "<![CDATA[",
        ];
        for piece in pieces {
            let page = piece.repeat(50_000);
            let started = std::time::Instant::now();
            let _ = prune(&page);
            assert!(started.elapsed().as_secs() < 5, "{piece}");
        }
        let mut rng = Rng::new(77);
        let pieces = [
            "<", ">", "\"", "'", "-", "!", "/", "=", " ", "é", "a", "[", "]", "?",
        ];
        for _ in 0..2000 {
            let page = rng.text(&pieces, 30);
            assert_eq!(tree(&page), tree(&prune(&page)), "{page:?}");
        }
    }

    #[test]
    fn byte_classes_are_the_tokenizer_s() {
        for c in 0..=255u8 {
            assert_eq!(
                space(c),
                matches!(c, b'\t' | b'\n' | 0x0C | b' ' | b'\r'),
                "{c}"
            );
            assert_eq!(
                is(c, SLASH | GT | EQ),
                matches!(c, b'/' | b'>' | b'='),
                "{c}"
            );
            assert_eq!(is(c, GT), c == b'>', "{c}");
        }
    }

    #[test]
    fn names_classified() {
        for name in KEPT {
            assert_ne!(keep(name.as_bytes()), Keep::Drop, "{name}");
            let upper = name.to_ascii_uppercase();
            assert_eq!(keep(upper.as_bytes()), keep(name.as_bytes()), "{name}");
        }
        for name in PRESENCE_ONLY {
            assert_eq!(keep(name.as_bytes()), Keep::Presence, "{name}");
        }
        for name in [
            "src",
            "data-x",
            "width",
            "onclick",
            "aria-label",
            "xlink:href",
            "",
            "clas",
        ] {
            assert_eq!(keep(name.as_bytes()), Keep::Drop, "{name}");
        }
        assert_eq!(keep("class-and-a-long-tail".as_bytes()), Keep::Drop);
        assert_eq!(kind(b"SCRIPT"), Kind::Raw);
        assert_eq!(kind(b"noscript"), Kind::Raw);
        assert_eq!(kind(b"Svg"), Kind::Unsure);
        assert_eq!(kind(b"template"), Kind::Unsure);
        assert_eq!(kind(b"plaintext"), Kind::Plaintext);
        assert_eq!(kind(b"B"), Kind::Untouched);
        assert_eq!(kind(b"annotation-xml"), Kind::Untouched);
        assert_eq!(kind(b"div"), Kind::Plain);
        assert_eq!(kind(b"scripts"), Kind::Plain);
        assert_eq!(kind("x".repeat(40).as_bytes()), Kind::Plain);
    }

    #[test]
    fn unread_attributes_removed() {
        assert_eq!(
            prune("<p class=x data-x=\"1\" style='a'>t</p>"),
            "<p class=x style='a'>t</p>"
        );
        assert_eq!(
            prune("<a href=\"/long/url\" target=_blank>x</a>"),
            "<a href=\"/\">x</a>"
        );
        // A jump, a script or a character reference keeps its value.
        for href in [
            "#notes",
            "javascript:void(0)",
            "JavaScript:x",
            "&#35;x",
            " /x",
            "j.html",
        ] {
            let tag = format!("<a href=\"{href}\" data-x=1>");
            assert_eq!(prune(&tag), format!("<a href=\"{href}\">"));
        }
        assert_eq!(prune("<a href=/x data-x=1>"), "<a href=\"/\">");
        assert_eq!(prune("<a href='x.html'>"), "<a href=\"/\">");
        assert_eq!(prune("<a href=\"/\" data-x=1>"), "<a href=\"/\">");
        assert_eq!(prune("<br data-x=1/>"), "<br>");
        assert_eq!(prune("<br data-x=\"1\"/>"), "<br />");
        assert_eq!(prune("<p hidden data-x>"), "<p hidden=\"\">");
        // Nothing to remove: the page itself.
        assert!(matches!(prune("<p class=x>t</p>"), Cow::Borrowed(_)));
        // Formatting elements, html and body keep all their attributes.
        let page = "<html lang=en><body data-x=1><b data-y=1><font color=red size=2>";
        assert!(matches!(prune(page), Cow::Borrowed(_)));
    }

    #[test]
    fn formatting_elements_keep_their_attributes() {
        // Four `b` alike once pruned would be three in the list of active
        // formatting elements: the paragraph after would reopen three.
        let page = "<p><b class=1 data-x=1><b class=1 data-x=2><b class=1 data-x=3>\
                    <b class=1 data-x=4>x</p><p>y";
        assert!(matches!(prune(page), Cow::Borrowed(_)));
        let pruned_alike = page.replace(" data-x=1", "").replace(" data-x=2", "");
        let pruned_alike = pruned_alike
            .replace(" data-x=3", "")
            .replace(" data-x=4", "");
        assert_ne!(tree(page), tree(&pruned_alike));
        // Links are pruned: a new `a` first closes the open one.
        let page = "<p><a href=1 data-x=1><a href=1 data-x=2><a href=1 data-x=3>\
                    <a href=1 data-x=4>x</p><p>y";
        assert_eq!(tree(page), tree(&prune(page)));
        assert_ne!(prune(page), page);
    }

    #[test]
    fn raw_text_and_comments_left_alone() {
        for page in [
            "<title><p data-x=1></title>",
            "<textarea><p data-x=1></textarea>",
            "<!-- <p data-x=1> -->",
            "<!DOCTYPE x \"<p data-x=1>\">",
            "<plaintext></plaintext><p data-x=1>",
            "<p data-x=\"1",
        ] {
            assert!(matches!(prune(page), Cow::Borrowed(_)), "{page}");
        }
        // After the raw text, tags are pruned again.
        assert_eq!(
            prune("<script>a</script><p data-x=1>"),
            "<script>a</script><p>"
        );
        // Tags in code are not pruned: the code is blanked.
        assert_eq!(
            prune("<script>x = '<p data-x=1>'</script>"),
            "<script> </script>"
        );
        assert_eq!(
            prune_with("<style>a{}<p data-x=1></style>", false),
            "<style>a{}<p data-x=1></style>"
        );
        assert_eq!(prune("<!-- x --><p data-x=1>"), "<!-- x --><p>");
    }

    #[test]
    fn code_text_blanked() {
        assert_eq!(
            prune("<p>a<script>var x = 1;</script>b<style>p{}</style><noscript><img></noscript>"),
            "<p>a<script> </script>b<style> </style><noscript> </noscript>"
        );
        // Escaped script data ends where the tokenizer ends it.
        assert_eq!(
            prune("<script><!--<script>x</script>y</script>z"),
            "<script> </script>z"
        );
        assert_eq!(
            prune("<SCRIPT type=x>a b</Script >"),
            "<SCRIPT type=x> </Script >"
        );
        // Attributes are still pruned.
        assert_eq!(
            prune("<script src=/a.js data-x=1>var a;</script>"),
            "<script> </script>"
        );
        for page in [
            // JSON-LD and what may be JSON stay.
            "<script type=\"application/ld+json\">{\"a\": 1}</script>",
            "<script type='APPLICATION/LD+JSON'>{}</script>",
            "<script type=text/javascript type=application/json>{}</script>",
            "<script type=\"application/ld&#43;json\">{}</script>",
            // Empty, one byte, whitespace of one byte.
            "<script></script><style>a</style><noscript> </noscript>",
            // Other raw text is read.
            "<title>a b</title><textarea>a b</textarea><xmp>a b</xmp>",
            // After svg, math, frameset or template: not sure to be text.
            "<svg></svg><script>var a;</script>",
            "<math></math><style>p{}</style>",
            "<template></template><noscript>a b</noscript>",
            "<frameset></frameset><script>var a;</script>",
            // Never closed.
            "<script>var a;",
        ] {
            assert_eq!(prune(page), page);
        }
    }

    #[test]
    fn script_data_escapes_followed() {
        let end = |s: &str| script_end(s.as_bytes(), 0);
        assert_eq!(end("a</script>"), Some(1));
        assert_eq!(end("a</scripts></script\t"), Some(11));
        assert_eq!(end("<!--<script></script>x</script>"), Some(22));
        assert_eq!(end("<!--<script>--></script>"), Some(15));
        assert_eq!(end("<!--</script>"), Some(4));
        assert_eq!(end("<!--<scripts></script>"), Some(13));
        assert_eq!(end("<!--<script>"), None);
        assert_eq!(end("x"), None);
    }

    #[test]
    fn unsure_raw_text_stops_the_pass() {
        // In an svg, a style's text is markup: the comment crosses its end.
        let page = "<svg><style><!--</style><p data-x=\"-->\">";
        assert_eq!(prune(page), page);
        // Raw text with no markup in it reads the same either way.
        assert_eq!(
            prune("<svg><style>a{}</style></svg><p data-x=1>"),
            "<svg><style>a{}</style></svg><p>"
        );
        // Before any svg, a script's text is script data.
        assert_eq!(
            prune_with("<script>'<!--'</script><p data-x=1>", false),
            "<script>'<!--'</script><p>"
        );
        let page = "<svg></svg><script>'<!--'</script><p data-x=1>";
        assert_eq!(prune(page), page);
        assert_eq!(
            prune("<svg><![CDATA[x]]></svg><p data-x=1>"),
            "<svg><![CDATA[x]]></svg><p>"
        );
        let page = "<svg><![CDATA[a>b]]></svg><p data-x=1>";
        assert_eq!(prune(page), page);
    }

    #[test]
    fn converter_reads_only_kept_attributes() {
        // Every `attr(e, "name")` of the converter names a kept attribute,
        // and a presence-only one is only tested for presence.
        let sources = [include_str!("../html.rs"), include_str!("content.rs")];
        let mut names = 0;
        for src in sources {
            let src = src.split("#[cfg(test)]\nmod tests").next().unwrap_or(src);
            for (i, _) in src.match_indices("attr(") {
                let call = &src[i..];
                let Some(open) = call.find('"') else { continue };
                if open > 12 || call[..open].contains(')') {
                    continue;
                }
                let rest = &call[open + 1..];
                let name = &rest[..rest.find('"').unwrap()];
                assert!(KEPT.contains(&name), "attr {name} is read but pruned");
                if PRESENCE_ONLY.contains(&name) {
                    let after = &rest[name.len() + 2..];
                    assert!(
                        after.starts_with(".is_some()")
                            || after.starts_with(".is_none()")
                            || after.starts_with(".is_some_and(prune::leads_away)"),
                        "the value of {name} is read"
                    );
                }
                names += 1;
            }
            assert!(
                !src.contains(".attr("),
                "scraper's Element::attr bypasses the check"
            );
        }
        assert!(names > 20, "{names}");
        // Read by `hidden` through the attribute list.
        for name in ["hidden", "aria-hidden", "style", "class", "open"] {
            assert!(KEPT.contains(&name));
        }
    }
}
