#!/usr/bin/env python3
"""Render legal texts whose gold we have into PDFs laid out like real ones.

usage: make_pdfs.py OUTDIR [--docs all|dev|heldout] [--layouts L,...]
                           [--legal legal_dev.jsonl] [--fixtures DIR] [--max-chars N]

Needs reportlab and pyphen (hyphenation), e.g.
    python3 -m venv /tmp/pdfvenv && /tmp/pdfvenv/bin/pip install reportlab pyphen

For every (document, layout) pair it writes into OUTDIR:
- `<doc>__<layout>.pdf`: the rendered PDF;
- `<doc>__<layout>.txt`: the same text as plain text (the body paragraphs
  plus what the layout adds to the text proper, such as a letter's
  date, address and signature; without running headers, footers, page
  numbers and footnotes, which are page furniture);
- `<doc>__<layout>.gold.json`: `{"id", "layout", "sentences": [...],
  "dates": [...] or null, "dates_ignored": [...]}`: gold sentences of the
  body, and gold date texts when the source has them (fixture gold files),
  else `null` (the scorer then takes the dates factum finds in the .txt),
  and `published` (a letter's date, ISO) or `null`.

Sources: fixtures/docs with fixtures/gold (text and HTML documents; for HTML
the text is the gold sentences grouped into paragraphs by the source's
block structure), and the legal sentence-boundary set (legal_dev.jsonl:
text and gold sentence spans), cut to --max-chars at a sentence end.

Layouts (what real letters and decisions do):
- `decision` (dev): Times 11.5 pt, justified with hyphenation, first-line
  indents, running header `Case No. ... / Page N of M` on every page,
  footer with the court's name, centred bold headings, footnote markers
  with footnotes at the page bottom under a rule;
- `letter` (dev): Helvetica, letterhead, date, address block, `Re:` line,
  salutation, block paragraphs, closing and signature; pages 2+ carry a
  three-line header (addressee, date, `Page N`); footer with the address;
- `memo` (dev): Times with Helvetica headings, indented block quotes in a
  smaller font, `- N -` page numbers, header `CONFIDENTIAL ... docket`;
- `brief` (held out): Courier 12 pt, double spaced, ragged right, a
  heading caption, `*` footnotes, page number bottom right, header with
  the document title;
- `twocol` (held out): two justified columns (Vera TrueType embedded,
  hyphenated) under a full-width title block, alternating even/odd running
  headers, page numbers at the outer corner, footnotes.
"""
import argparse
import hashlib
import html
import io
import json
import os
import re
import sys

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, PageTemplate, Paragraph,
                                Spacer, FrameBreak, NextPageTemplate)

import reportlab
from reportlab import rl_config

# Same bytes on every run (no creation date or random document id).
rl_config.invariant = 1

VERA = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
pdfmetrics.registerFont(TTFont("Vera", os.path.join(VERA, "Vera.ttf")))
pdfmetrics.registerFont(TTFont("VeraBd", os.path.join(VERA, "VeraBd.ttf")))

DEV_LAYOUTS = ["decision", "letter", "memo", "twocol"]
HELDOUT_LAYOUTS = ["brief", "order"]

# Footnote texts: page furniture without dates.
NOTE_TEXTS = [
    "The record citations refer to the certified record on appeal.",
    "Internal quotation marks and citations are omitted.",
    "The parties do not dispute this point.",
    "See the discussion in Part II below.",
    "Emphasis added.",
    "The same standard applies to the remaining claims.",
]


def h(n, *parts):
    """A stable small number from the parts (deterministic choices)."""
    return int(hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest(), 16) % n


# ---------------------------------------------------------------- sources

def alnum(s):
    return "".join(c for c in s if c.isalnum())


def legal_docs(path, max_chars):
    """(id, paragraphs, sentences, dates=None) from the legal SBD set."""
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        text = d["text"].replace("\r\n", "\n").replace("\r", "\n")
        # Spans are code point offsets into the original text (with CRLF):
        # recompute them on the LF text by removing CRs before each offset.
        orig = d["text"]
        crs = [0] * (len(orig) + 1)
        n = 0
        for i, c in enumerate(orig):
            crs[i] = n
            if c == "\r":
                n += 1
        crs[len(orig)] = n
        spans = [(s - crs[s], e - crs[e]) for s, e in d["spans"]]
        cut = 0
        for s, e in spans:
            if e > max_chars:
                break
            cut = e
        spans = [(s, e) for s, e in spans if e <= cut]
        body = text[:cut]
        sentences = [body[s:e] for s, e in spans]
        paras = [p.strip() for p in body.split("\n")]
        paras = [re.sub(r"[ \t]+", " ", p) for p in paras if p]
        out.append({"id": d["id"], "paras": paras, "sentences": sentences,
                    "dates": None, "dates_ignored": []})
    return out


def fixture_docs(fixtures):
    """(id, paragraphs, sentences, dates) from fixtures/docs + gold: the
    paragraphs are the source's lines that hold gold sentences (for HTML,
    the gold sentences grouped by the blank-line structure of the clean
    text is not available: each gold sentence run is cut at headings)."""
    out = []
    gold_dir = os.path.join(fixtures, "gold")
    for f in sorted(os.listdir(gold_dir)):
        g = json.load(open(os.path.join(gold_dir, f), encoding="utf-8"))
        src = os.path.join(fixtures, "docs", os.path.basename(g["source"]))
        if g.get("format") == "pdf" or not os.path.exists(src):
            continue
        sents = g["sentences"]
        if g.get("format") == "text":
            raw = open(src, "rb").read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
            lines = [re.sub(r"[ \t]+", " ", l.strip()) for l in text.splitlines()]
            lines = [l for l in lines if l]
            # Keep the lines from the one holding the first gold sentence
            # to the one holding the last.
            a0, a1 = alnum(sents[0])[:30], alnum(sents[-1])[-30:]
            start = next((i for i, l in enumerate(lines) if a0[:20] in alnum(l)), 0)
            end = max((i for i, l in enumerate(lines) if a1 in alnum(l)), default=len(lines) - 1)
            paras = lines[start:end + 1]
        else:
            # HTML: paragraphs from the sentences; a sentence that looks
            # like a heading (short, no final stop) stands alone.
            paras, cur = [], []
            for s in sents:
                heading = len(s) < 80 and not s.rstrip().endswith((".", ":", ";", "?", "!", '"', "”"))
                if heading:
                    if cur:
                        paras.append(" ".join(cur))
                        cur = []
                    paras.append(s)
                else:
                    cur.append(s)
                    if len(cur) >= 4 + h(3, g["id"], s):
                        paras.append(" ".join(cur))
                        cur = []
            if cur:
                paras.append(" ".join(cur))
        out.append({"id": g["id"], "paras": paras, "sentences": sents,
                    "dates": [d["text"] for d in g.get("dates", [])],
                    "dates_ignored": [d["text"] if isinstance(d, dict) else d
                                      for d in g.get("dates_ignored", [])]})
    return out


# ---------------------------------------------------------------- layout

def esc(s):
    return html.escape(s, quote=False)


class NoteParagraph(Paragraph):
    """A paragraph whose footnote markers (raised digits or `*`) register
    their notes for the page they are drawn on."""

    registry = None  # {page: [note text]}, set per build
    notes = None  # {marker: text}, set per build

    def draw(self):
        page = self.canv.getPageNumber()
        for mark in self._markers():
            text = NoteParagraph.notes.get(mark)
            if text is not None:
                NoteParagraph.registry.setdefault(page, []).append((mark, text))
        Paragraph.draw(self)

    def _markers(self):
        bl = getattr(self, "blPara", None)
        if bl is None or bl.kind != 1:
            return []
        out = []
        for line in bl.lines:
            for w in getattr(line, "words", []):
                if getattr(w, "rise", 0) > 0 and getattr(w, "text", "").strip():
                    out.append(w.text.strip())
        return out


class _Row(Paragraph):
    """A caption row: left text, a `)` column, right text."""

    def __init__(self, left, mid, right, style):
        Paragraph.__init__(self, esc(left), style)
        self._cells = (left, mid, right)

    def wrap(self, aw, ah):
        self._aw = aw
        return aw, self.style.leading

    def draw(self):
        c = self.canv
        c.setFont(self.style.fontName, self.style.fontSize)
        left, mid, right = self._cells
        c.drawString(0, 2, left)
        c.drawString(self._aw * 0.5, 2, mid)
        c.drawString(self._aw * 0.58, 2, right)

    def split(self, aw, ah):
        return []


def is_heading(p):
    words = p.split()
    return (len(p) < 70 and not p.endswith((".", ",", ";", ":")) and len(words) <= 9
            and (p.isupper() or p.istitle() or re.match(r"^[IVX]+\.|^[A-H]\.", p)))


def is_field(p):
    return len(p) < 90 and re.match(r"^[A-Z][A-Za-z .']{1,30}:\s", p) is not None


def is_quote(p):
    return p.startswith(("\"", "“")) and len(p) > 200


def add_notes(doc_id, layout, paras, every, mark_style):
    """Put a footnote marker after a sentence end in some paragraphs."""
    notes = {}
    out = []
    k = 0
    for i, p in enumerate(paras):
        if len(p) > 250 and h(every, doc_id, layout, i) == 0:
            # After the first sentence end inside the paragraph, else at the end.
            m = re.search(r"[a-z]{2}\.(?= [A-Z])", p)
            at = m.end() if m else len(p)
            k += 1
            mark = "*" * k if mark_style == "star" and k <= 3 else str(k)
            notes[mark] = NOTE_TEXTS[h(len(NOTE_TEXTS), doc_id, layout, k)]
            out.append((p[:at], mark, p[at:]))
        else:
            out.append((p, None, ""))
    return out, notes


def para_markup(before, mark, after, size):
    s = esc(before)
    if mark:
        s += '<super><font size="{}">{}</font></super>'.format(round(size * 0.6, 1), esc(mark))
    return s + esc(after)


def docket(doc_id):
    return "No. {}-{:04d}".format(20 + h(6, doc_id), h(9000, doc_id, "n") + 1000)


def court(doc_id):
    return ["UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT",
            "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
            "BOARD OF VETERANS' APPEALS",
            "DISTRICT COURT OF APPEAL OF FLORIDA, FOURTH DISTRICT"][h(4, doc_id, "court")]


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def letter_date(doc_id):
    return "{} {}, {}".format(MONTHS[h(12, doc_id, "m")], 1 + h(28, doc_id, "d"),
                              2015 + h(10, doc_id, "y"))


def build(doc, layout, total=None):
    """Render; return (pdf bytes, page count, text version)."""
    doc_id = doc["id"]
    buf = io.BytesIO()
    W, H = LETTER
    registry = {}
    NoteParagraph.registry = registry
    text_paras = []  # the text version, paragraph by paragraph

    if layout == "decision":
        base = ParagraphStyle("b", fontName="Times-Roman", fontSize=11.5, leading=15,
                              alignment=TA_JUSTIFY, firstLineIndent=30, spaceAfter=4,
                              hyphenationLang="en_US", embeddedHyphenation=1)
        head = ParagraphStyle("h", parent=base, fontName="Times-Bold", alignment=TA_CENTER,
                              firstLineIndent=0, spaceBefore=8, spaceAfter=8, hyphenationLang="")
        field = ParagraphStyle("f", parent=base, firstLineIndent=0, alignment=TA_LEFT,
                               hyphenationLang="")
        quote = ParagraphStyle("q", parent=base, leftIndent=36, rightIndent=36, firstLineIndent=0,
                               fontSize=10.5, leading=13)
        note_style = ParagraphStyle("n", fontName="Times-Roman", fontSize=8.5, leading=10,
                                    alignment=TA_JUSTIFY)
        margins = (1.1 * inch, 1.0 * inch, 1.1 * inch, 1.9 * inch)  # l, t, r, b
        note_every, mark_style = 5, "digit"

        def furniture(c, d):
            n = c.getPageNumber()
            c.setFont("Times-Roman", 9.5)
            c.drawString(margins[0], H - 0.6 * inch, "Case " + docket(doc_id))
            c.drawRightString(W - margins[2], H - 0.6 * inch,
                              "Page {} of {}".format(n, total or 99))
            c.setFont("Times-Italic", 8.5)
            c.drawCentredString(W / 2, 0.5 * inch, court(doc_id).title())
    elif layout == "letter":
        base = ParagraphStyle("b", fontName="Helvetica", fontSize=10.5, leading=13.5,
                              alignment=TA_LEFT, spaceAfter=9)
        head = ParagraphStyle("h", parent=base, fontName="Helvetica-Bold")
        field = base
        quote = ParagraphStyle("q", parent=base, leftIndent=30, rightIndent=30, fontSize=9.5,
                               leading=12)
        note_style = ParagraphStyle("n", fontName="Helvetica", fontSize=7.5, leading=9)
        margins = (1.0 * inch, 1.1 * inch, 1.0 * inch, 1.2 * inch)
        note_every, mark_style = 1000, "digit"  # letters: no footnotes

        def furniture(c, d):
            n = c.getPageNumber()
            if n > 1:
                c.setFont("Helvetica", 9.5)
                y = H - 0.55 * inch
                for line in ["Hon. Maria Alvarez", letter_date(doc_id), "Page {}".format(n)]:
                    c.drawString(margins[0], y, line)
                    y -= 11.5
            c.setFont("Helvetica", 7.5)
            c.drawCentredString(W / 2, 0.45 * inch,
                                "1200 Harbor Street, Suite 400  |  Oakland, CA 94607  |  "
                                "(510) 555-0147  |  www.example.org")
    elif layout == "memo":
        base = ParagraphStyle("b", fontName="Times-Roman", fontSize=12, leading=14.5,
                              alignment=TA_JUSTIFY, spaceAfter=7,
                              hyphenationLang="en_US")
        head = ParagraphStyle("h", parent=base, fontName="Helvetica-Bold", fontSize=11,
                              alignment=TA_LEFT, spaceBefore=6, hyphenationLang="")
        field = ParagraphStyle("f", parent=base, alignment=TA_LEFT, hyphenationLang="")
        quote = ParagraphStyle("q", parent=base, leftIndent=40, rightIndent=40, fontSize=10.5,
                               leading=12.5)
        note_style = ParagraphStyle("n", fontName="Times-Roman", fontSize=9, leading=10.5)
        margins = (1.25 * inch, 1.0 * inch, 1.25 * inch, 1.7 * inch)
        note_every, mark_style = 4, "digit"

        def furniture(c, d):
            n = c.getPageNumber()
            c.setFont("Helvetica", 8)
            c.drawString(margins[0], H - 0.55 * inch,
                         "CONFIDENTIAL - ATTORNEY WORK PRODUCT   " + docket(doc_id))
            c.setFont("Times-Roman", 10)
            c.drawCentredString(W / 2, 0.5 * inch, "- {} -".format(n))
    elif layout == "brief":
        base = ParagraphStyle("b", fontName="Courier", fontSize=12, leading=24,
                              alignment=TA_LEFT, firstLineIndent=36)
        head = ParagraphStyle("h", parent=base, fontName="Courier-Bold", alignment=TA_CENTER,
                              firstLineIndent=0)
        field = ParagraphStyle("f", parent=base, firstLineIndent=0, leading=14)
        quote = ParagraphStyle("q", parent=base, leftIndent=48, rightIndent=48,
                               firstLineIndent=0, leading=13, spaceAfter=12, spaceBefore=4)
        note_style = ParagraphStyle("n", fontName="Courier", fontSize=9, leading=10)
        margins = (1.0 * inch, 1.0 * inch, 1.0 * inch, 1.8 * inch)
        note_every, mark_style = 4, "star"

        def furniture(c, d):
            n = c.getPageNumber()
            c.setFont("Courier", 9)
            c.drawRightString(W - margins[2], H - 0.55 * inch, "APPELLANT'S OPENING BRIEF")
            c.drawRightString(W - margins[2], 0.5 * inch, str(n))
    elif layout == "twocol":
        base = ParagraphStyle("b", fontName="Vera", fontSize=8.6, leading=10.6,
                              alignment=TA_JUSTIFY, firstLineIndent=10,
                              hyphenationLang="en_US", embeddedHyphenation=1)
        head = ParagraphStyle("h", parent=base, fontName="VeraBd", alignment=TA_LEFT,
                              firstLineIndent=0, spaceBefore=4, spaceAfter=2, hyphenationLang="")
        field = ParagraphStyle("f", parent=base, firstLineIndent=0, alignment=TA_LEFT,
                               hyphenationLang="")
        quote = ParagraphStyle("q", parent=base, leftIndent=10, firstLineIndent=0,
                               fontSize=7.8, leading=9.6)
        note_style = ParagraphStyle("n", fontName="Vera", fontSize=6.8, leading=8)
        margins = (0.75 * inch, 0.9 * inch, 0.75 * inch, 1.5 * inch)
        note_every, mark_style = 4, "digit"

        def furniture(c, d):
            n = c.getPageNumber()
            c.setFont("Vera", 7.5)
            y = H - 0.55 * inch
            if n % 2 == 0:
                c.drawString(margins[0], y, str(n))
                c.drawString(margins[0] + 40, y, "LAW REPORTS OF DECISIONS")
            else:
                c.drawRightString(W - margins[2] - 40, y, docket(doc_id))
                c.drawRightString(W - margins[2], y, str(n))
    elif layout == "order":
        base = ParagraphStyle("b", fontName="Times-Roman", fontSize=12, leading=18,
                              alignment=TA_JUSTIFY, firstLineIndent=0, spaceAfter=12)
        head = ParagraphStyle("h", parent=base, fontName="Times-BoldItalic", alignment=TA_LEFT,
                              spaceAfter=6, spaceBefore=6)
        field = ParagraphStyle("f", parent=base, alignment=TA_LEFT, spaceAfter=2, leading=14)
        quote = ParagraphStyle("q", parent=base, leftIndent=54, rightIndent=54, leading=13.5,
                               fontSize=11)
        note_style = ParagraphStyle("n", fontName="Times-Roman", fontSize=10, leading=11.5)
        margins = (1.25 * inch, 1.2 * inch, 1.0 * inch, 1.8 * inch)
        note_every, mark_style = 3, "digit"

        def furniture(c, d):
            n = c.getPageNumber()
            if n > 1:
                c.setFont("Times-Italic", 10)
                c.drawRightString(W - margins[2], H - 0.7 * inch, "In re " + docket(doc_id))
            c.setFont("Times-Roman", 9)
            c.drawString(margins[0], 0.55 * inch,
                         "ORDER ON MOTION FOR SUMMARY JUDGMENT - {}".format(n))
    else:
        raise SystemExit("unknown layout " + layout)

    paras, notes = add_notes(doc_id, layout, doc["paras"], note_every, mark_style)
    NoteParagraph.notes = notes

    def on_page_end(c, d):
        furniture(c, d)
        items = registry.get(c.getPageNumber(), [])
        if items:
            x = margins[0]
            y = margins[3] - 10
            c.setLineWidth(0.5)
            c.line(x, y, x + 1.8 * inch, y)
            y -= 4
            width = W - margins[0] - margins[2]
            for mark, text in items:
                p = Paragraph('<super>{}</super> {}'.format(esc(mark), esc(text)), note_style)
                _, ph = p.wrap(width, 200)
                y -= ph
                p.drawOn(c, x, y)
                y -= 2

    L, T, R, B = margins
    fw, fh = W - L - R, H - T - B
    if layout == "twocol":
        gap = 0.3 * inch
        cw = (fw - gap) / 2
        title_h = 1.3 * inch
        first = [Frame(L, H - T - title_h, fw, title_h, id="title", showBoundary=0),
                 Frame(L, B, cw, fh - title_h, id="c1"),
                 Frame(L + cw + gap, B, cw, fh - title_h, id="c2")]
        later = [Frame(L, B, cw, fh, id="l1"), Frame(L + cw + gap, B, cw, fh, id="l2")]
        templates = [PageTemplate("first", first, onPageEnd=on_page_end),
                     PageTemplate("later", later, onPageEnd=on_page_end)]
    else:
        templates = [PageTemplate("all", [Frame(L, B, fw, fh, id="f")], onPageEnd=on_page_end)]
    story = []

    def add(p, style, markup=None):
        story.append(NoteParagraph(markup if markup is not None else esc(p), style))

    if layout == "letter":
        lh = ParagraphStyle("lh", fontName="Helvetica-Bold", fontSize=16, leading=19,
                            alignment=TA_CENTER)
        small = ParagraphStyle("sm", fontName="Helvetica", fontSize=8.5, leading=10.5,
                               alignment=TA_CENTER)
        story.append(Paragraph("Center for Justice and Accountability", lh))
        story.append(Paragraph("1200 Harbor Street, Suite 400 &middot; Oakland, CA 94607 "
                               "&middot; Tel. (510) 555-0147", small))
        story.append(Spacer(1, 0.35 * inch))
        for line in [letter_date(doc_id)]:
            add(line, base)
            text_paras.append(line)
        story.append(Spacer(1, 0.1 * inch))
        addr = ["Hon. Maria Alvarez", "Office of the Clerk", "100 Main Street",
                "San Francisco, CA 94102"]
        for line in addr:
            story.append(Paragraph(esc(line), ParagraphStyle("a", parent=base, spaceAfter=0)))
            text_paras.append(line)
        story.append(Spacer(1, 0.15 * inch))
        add("", head, "Re: " + esc(docket(doc_id)))
        text_paras.append("Re: " + docket(doc_id))
        add("Dear Judge Alvarez:", base)
        text_paras.append("Dear Judge Alvarez:")
    elif layout == "twocol":
        t = ParagraphStyle("t", fontName="VeraBd", fontSize=13, leading=16, alignment=TA_CENTER)
        story.append(Paragraph(esc(court(doc_id).title()), t))
        story.append(Paragraph(esc(docket(doc_id)), ParagraphStyle("t2", parent=t, fontSize=9,
                                                                   fontName="Vera")))
        story.append(NextPageTemplate("later"))
        story.append(FrameBreak())
    elif layout == "brief":
        story.append(Paragraph(esc(court(doc_id)), head))
        story.append(Spacer(1, 0.2 * inch))
    elif layout == "order":
        story.append(Paragraph(esc(court(doc_id)), ParagraphStyle("c", parent=head,
                                                                  alignment=TA_CENTER)))
        cap = ParagraphStyle("cap", parent=field, fontSize=11, leading=13)
        for l, r in [("JANE ROE,", ""), ("Plaintiff,", docket(doc_id)), ("v.", ""),
                     ("ACME CORPORATION,", "ORDER"), ("Defendant.", "")]:
            story.append(Paragraph("{}<font color='white'>.</font>".format(esc(l)), cap)
                         if not r else
                         Paragraph(esc(l), cap))
            if r:
                story[-1] = _Row(l, ")", r, cap)
            else:
                story[-1] = _Row(l, ")", "", cap)
        story.append(Spacer(1, 0.25 * inch))

    for before, mark, after in paras:
        p = before + after
        style = base
        if is_heading(p):
            style = head
        elif is_field(p):
            style = field
        elif is_quote(p):
            style = quote
        add(p, style, para_markup(before, mark, after, style.fontSize))
        text_paras.append(p)

    if layout == "letter":
        story.append(Spacer(1, 0.1 * inch))
        for line in ["Sincerely,", "Daniel Okafor", "Senior Staff Attorney"]:
            story.append(Paragraph(esc(line), ParagraphStyle("s", parent=base, spaceAfter=2)))
            text_paras.append(line)

    d = BaseDocTemplate(buf, pagesize=LETTER, pageTemplates=templates,
                        title=doc_id, author="factum make_pdfs.py",
                        leftMargin=L, rightMargin=R, topMargin=T, bottomMargin=B)
    d.build(story)
    data = buf.getvalue()
    pages = data.count(b"/Type /Page\n") or len(re.findall(rb"/Type /Page[^s]", data))
    return data, pages, "\n\n".join(text_paras) + "\n"


def render(doc, layout):
    data, pages, text = build(doc, layout)
    # Second pass with the page count for `Page N of M`.
    data, pages2, text = build(doc, layout, total=pages)
    return data, pages2, text


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--docs", default="all", choices=["all", "dev", "heldout"])
    ap.add_argument("--layouts", default=",".join(DEV_LAYOUTS + HELDOUT_LAYOUTS))
    ap.add_argument("--legal", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared",
                                                     "data", "sbd", "legal_dev.jsonl"),
                    help="the legal SBD set (default: ../shared/data/sbd/legal_dev.jsonl); '' for none")
    ap.add_argument("--fixtures", default=os.path.join(os.path.dirname(__file__), "..", "fixtures"))
    ap.add_argument("--max-chars", type=int, default=16000)
    ap.add_argument("--only", default="", help="comma-separated doc ids")
    a = ap.parse_args()
    docs = []
    if a.fixtures:
        for d in fixture_docs(a.fixtures):
            d["split"] = "dev"
            docs.append(d)
    if a.legal and not os.path.exists(a.legal):
        print("no legal SBD set at {} (use --legal PATH)".format(a.legal), file=sys.stderr)
    if a.legal and os.path.exists(a.legal):
        per_domain = {}
        for d in legal_docs(a.legal, a.max_chars):
            dom = d["id"].split("-")[1]
            k = per_domain.get(dom, 0)
            per_domain[dom] = k + 1
            # The first four of each domain are for development, the other
            # three are held out.
            d["split"] = "dev" if k < 4 else "heldout"
            docs.append(d)
    if a.docs != "all":
        docs = [d for d in docs if d["split"] == a.docs]
    if a.only:
        keep = set(a.only.split(","))
        docs = [d for d in docs if d["id"] in keep]
    os.makedirs(a.out, exist_ok=True)
    for doc in docs:
        for layout in a.layouts.split(","):
            name = "{}__{}".format(doc["id"], layout)
            data, pages, text = render(doc, layout)
            open(os.path.join(a.out, name + ".pdf"), "wb").write(data)
            open(os.path.join(a.out, name + ".txt"), "w", encoding="utf-8").write(text)
            dates = doc["dates"]
            # A letter's date line is its publication date, not a date of
            # the body (GUIDELINES: `published`).
            published = None
            if layout == "letter":
                m, d, y = letter_date(doc["id"]).replace(",", "").split()
                published = "{}-{:02d}-{:02d}".format(y, MONTHS.index(m) + 1, int(d))
            json.dump({"id": name, "layout": layout, "split": doc["split"],
                       "layout_split": "dev" if layout in DEV_LAYOUTS else "heldout",
                       "pages": pages, "sentences": doc["sentences"], "dates": dates,
                       "published": published,
                       "dates_ignored": doc["dates_ignored"]},
                      open(os.path.join(a.out, name + ".gold.json"), "w", encoding="utf-8"),
                      ensure_ascii=False, indent=0)
            print(name, pages, "pages", file=sys.stderr)


if __name__ == "__main__":
    main()
