#!/usr/bin/env python3
"""Score factum on the PDFs written by make_pdfs.py.

usage: score_pdfs.py DIR [--factum target/debug/factum] [--show N] [--json]

For every `X.pdf` with `X.gold.json` and `X.txt` in DIR, runs `factum
extract` on the PDF and on the text version, and scores:

- sentences: as score_docs.py does, sentence ends are offsets in the
  letters-and-digits-only concatenation of the gold sentences; each
  predicted sentence end is placed in the gold text by the 24 letters and
  digits before it (or else after it), searched forward from the last end
  placed, so that text lost or added somewhere does not shift all later
  ends; ends in text that is not in the gold (letterhead, signature,
  footnotes) are left out. Micro-averaged P/R/F1. Beside it, the same
  figure computed nearly score_docs.py's way (all predicted ends shifted
  by one offset, found at the gold's first 40 letters and digits, or at
  the first gold sentence found when the cleaner dropped the head), where
  any text added inside the body (a leaked header, a footnote in
  mid-text) shifts all later ends.
- dates: multiset match of normalised date texts against the gold dates
  (fixture gold), with predictions in the gold's `dates_ignored` left out;
  for sources without date gold, the reference is the dates factum finds
  in the text version (so this measures what the PDF reading loses or
  adds, e.g. a running-header date that leaks, or a date split by a bad
  line join).
- words: multiset precision/recall of the words (\\w+ runs, lower case) of
  the record text against those of the text version: split words
  (`th e`), kept hyphens (`exam ple`) and leaked headers or page numbers
  lower it (footnote texts count as extra words).

published: for letters, whether the record's `published` is the
letter's date.

Columns: sent = sentence F1 of the PDF, sent.t = of the text version;
strict, str.t = the same the strict way.

Rows: per layout, and totals per split (documents dev/held-out x layouts
dev/held-out). The text version's own sentence F1 (the segmenter's
ceiling on this text) is printed beside the PDF's.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

QUOTES = "\"'“”‘’«»„"


def alnum(s):
    return "".join(ch for ch in unicodedata.normalize("NFKC", s) if ch.isalnum())


def norm(s):
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"[\s*_`]+", "", s)
    return s.strip(QUOTES)


def boundaries(sentences):
    pos, out = 0, set()
    for s in sentences:
        pos += len(alnum(s))
        out.add(pos)
    return out, pos


def mapped_boundaries(pred_sents, gold_sents, ctx=24):
    """The ends of the predicted sentences as offsets into the gold text
    (letters and digits only), found by the text just before each end (or
    else just after it), searched forward from the last one found; ends in
    text that is not in the gold (letterhead, footnotes) find nothing and
    are left out."""
    g = alnum("".join(gold_sents))
    out = set()
    last = 0
    pos = 0
    joined = "".join(alnum(s) for s in pred_sents)
    for s in pred_sents:
        pos += len(alnum(s))
        before = joined[max(0, pos - ctx):pos]
        after = joined[pos:pos + ctx]
        at = -1
        if len(before) >= 8:
            i = g.find(before, max(0, last - 200), last + 20000)
            if i >= 0:
                at = i + len(before)
        if at < 0 and len(after) >= 8:
            i = g.find(after, max(0, last - 200), last + 20000)
            if i >= 0:
                at = i
        if at > 0:
            out.add(at)
            last = at
    return out


def strict_boundaries(pred_sents, gold_sents):
    """Nearly score_docs.py's way: the predicted ends, shifted by one offset
    found where the gold's first 40 letters and digits are (or, when the
    cleaner dropped the head of the text, those of the first gold sentence
    that is found), so that text added or lost inside the body shifts
    every later end."""
    g = alnum("".join(gold_sents))
    joined = "".join(alnum(s) for s in pred_sents)
    start = None
    o = 0
    for sent in gold_sents[:200]:
        at = joined.find(g[o:o + 40])
        if at >= 0:
            start = at - o
            break
        o += len(alnum(sent))
    if start is None:
        return set()
    out, pos = set(), 0
    for sent in pred_sents:
        pos += len(alnum(sent))
        if 0 < pos - start <= len(g):
            out.add(pos - start)
    return out


class PRF:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def f(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def cell(self):
        p, r, f = self.f()
        return "{:.3f} ({:.3f}/{:.3f})".format(f, p, r)


def multiset(gold, pred):
    left = collections.Counter(gold)
    tp = 0
    for k in pred:
        if left[k] > 0:
            left[k] -= 1
            tp += 1
    return tp, len(pred) - tp, len(gold) - tp


def run(factum, paths):
    out = {}
    for i in range(0, len(paths), 50):
        r = subprocess.run([factum, "extract", "-q"] + paths[i:i + 50], capture_output=True)
        if r.returncode not in (0, 1):
            sys.stderr.write(r.stderr.decode("utf-8", "replace")[-2000:])
        for line in r.stdout.decode("utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                stem = os.path.basename(rec.get("source") or "").rsplit(".", 1)[0]
                out[stem] = rec
    return out


def words(text):
    return re.findall(r"\w+", (text or "").lower())


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--factum", default="target/debug/factum")
    ap.add_argument("--show", type=int, default=0, help="show N sentence/date errors per doc")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    golds = {}
    for f in sorted(os.listdir(a.dir)):
        if f.endswith(".gold.json"):
            g = json.load(open(os.path.join(a.dir, f), encoding="utf-8"))
            golds[g["id"]] = g
    pdfs = run(a.factum, [os.path.join(a.dir, k + ".pdf") for k in golds])
    txts = run(a.factum, [os.path.join(a.dir, k + ".txt") for k in golds])
    rows = collections.OrderedDict()

    def row(key):
        if key not in rows:
            rows[key] = {"docs": 0, "errors": 0, "sent": PRF(), "strict": PRF(), "sent_txt": PRF(), "strict_txt": PRF(),
                         "dates": PRF(), "words": PRF(), "published": [0, 0]}
        return rows[key]

    for k, g in golds.items():
        rec, txt = pdfs.get(k, {}), txts.get(k, {})
        keys = ["layout " + g["layout"],
                "docs {} x layouts {}".format(g["split"], g["layout_split"])]
        gs = g["sentences"]
        gb, glen = boundaries(gs)

        def sent_counts(r):
            pb = mapped_boundaries([s.get("text", "") for s in r.get("sentences") or []], gs)
            pb = {b for b in pb if b <= glen}
            return len(gb & pb), len(pb - gb), len(gb - pb), pb

        s_pdf = sent_counts(rec)
        sb = strict_boundaries([x.get("text", "") for x in rec.get("sentences") or []], gs)
        s_strict = (len(gb & sb), len(sb - gb), len(gb - sb))
        tb = strict_boundaries([x.get("text", "") for x in txt.get("sentences") or []], gs)
        t_strict = (len(gb & tb), len(tb - gb), len(gb - tb))
        s_txt = sent_counts(txt)
        ignored = {norm(d) for d in g.get("dates_ignored") or []}
        if g.get("dates") is not None:
            gd = [norm(d) for d in g["dates"]]
        else:
            gd = [norm(d.get("text")) for d in txt.get("dates") or []]
        pd = [norm(d.get("text")) for d in rec.get("dates") or []]
        pd = [d for d in pd if d in gd or d not in ignored]
        d_counts = multiset(gd, pd)
        w_counts = multiset(words(txt.get("text")), words(rec.get("text")))
        pub = None
        if g.get("published"):
            pub = rec.get("published") == g["published"]
        for key in keys:
            r = row(key)
            r["docs"] += 1
            r["errors"] += 1 if rec.get("error") or not rec else 0
            r["sent"].add(*s_pdf[:3])
            r["strict"].add(*s_strict)
            r["strict_txt"].add(*t_strict)
            r["sent_txt"].add(*s_txt[:3])
            r["dates"].add(*d_counts)
            r["words"].add(*w_counts)
            if pub is not None:
                r["published"][0] += 1 if pub else 0
                r["published"][1] += 1
        if a.show and (s_pdf[1] or s_pdf[2] or d_counts[1] or d_counts[2]):
            print("==", k, "sent tp/fp/fn", s_pdf[:3], "dates", d_counts, rec.get("error") or "")
            miss = collections.Counter(gd) - collections.Counter(pd)
            extra = collections.Counter(pd) - collections.Counter(gd)
            if miss or extra:
                print("   dates missed", list(miss.elements())[:a.show], "extra",
                      list(extra.elements())[:a.show])
            g_all = alnum("".join(gs))
            for b in sorted(gb - s_pdf[3])[:a.show]:
                print("   FN boundary: ...{}|{}...".format(g_all[max(0, b - 40):b], g_all[b:b + 25]))
            for b in sorted(s_pdf[3] - gb)[:a.show]:
                print("   FP boundary: ...{}|{}...".format(g_all[max(0, b - 40):b], g_all[b:b + 25]))
    print("{:34} {:>4} {:>3} {:>6} {:>6} {:>6} {:>6}  {:22} {:22} {}".format(
        "set", "docs", "err", "sent", "sent.t", "strict", "str.t",
        "dates F1 (P/R)", "words F1 (P/R)", "published"))
    for key in sorted(rows, key=lambda k: (not k.startswith("docs"), k)):
        r = rows[key]
        print("{:34} {:>4} {:>3} {:6.3f} {:6.3f} {:6.3f} {:6.3f}  {:22} {:22} {}".format(
            key, r["docs"], r["errors"], r["sent"].f()[2], r["sent_txt"].f()[2],
            r["strict"].f()[2], r["strict_txt"].f()[2],
            r["dates"].cell(), r["words"].cell(),
            "{}/{}".format(*r["published"]) if r["published"][1] else "-"))
    if a.json:
        print(json.dumps({k: {"docs": r["docs"], "sentences_f1": round(r["sent"].f()[2], 4),
                              "sentences_f1_score_docs_way": round(r["strict"].f()[2], 4),
                              "dates_f1": round(r["dates"].f()[2], 4),
                              "words_f1": round(r["words"].f()[2], 4)} for k, r in rows.items()}))


if __name__ == "__main__":
    main()
