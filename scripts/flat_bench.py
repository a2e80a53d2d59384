#!/usr/bin/env python3
"""Score factum's cleaner on FLATTENED boilerplate-benchmark pages.

usage: flat_bench.py DATA_DIR [--factum BIN] [--join flat|lines|html] [--limit N]
                     [--show N] [--dump DIR]

DATA_DIR holds benchmark sets (each a directory with gold.jsonl and
pages/<id>.html.gz): `aeb/` (full gold text: {"id","text"}) and `trafi/`
(snippet gold: {"id","with":[...],"without":[...]}); any set found is used.

Each HTML page is turned into what a scraper that flattens pages gives:
its visible text block by block (the <title> first, then one block per
block-level element), each block stripped, joined with NOTHING between
them (`--join lines` joins with newlines instead, to test line-structured
plain text; `--join html` sends the page itself as {"id","html"}, to test
factum's own HTML reader with the block-structured path). The blocks go to `factum clean --jsonl` as {"id","text"}
lines, and the kept text is scored:

- full-text gold: bag-of-tokens precision, recall and F1 per page,
  averaged over pages (tokens are \\w+ after splitting glued words at
  lower/upper-case and letter/digit changes, the same way for gold and
  prediction, so glue points do not count as errors), next to the baseline
  of keeping the whole flattened page;
- snippet gold: share of `with` snippets kept and of `without` snippets
  removed (compared with all whitespace removed).
"""
import argparse
import gzip
import html.parser
import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter

SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select", "head"}
BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "th",
    "thead", "tfoot", "tr", "ul", "option", "button", "caption", "menu", "body",
}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
META_CS = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:]+)""", re.I)


class Flattener(html.parser.HTMLParser):
    """Collects the page's visible text as blocks, <title> first."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.cur, self.skip, self.title, self.in_title = [], [], [], [], False

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if text:
            self.blocks.append(text)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in SKIP and tag not in VOID:
            self.skip.append(tag)
        elif tag in BLOCK:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif self.skip and tag == self.skip[-1]:
            self.skip.pop()
        elif tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.cur.append(data)

    def result(self):
        self.flush()
        title = re.sub(r"\s+", " ", "".join(self.title)).strip()
        return ([title] if title else []) + self.blocks


def decode(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        m = META_CS.search(raw[:4096])
        if m:
            try:
                return raw.decode(m.group(1).decode("ascii"), errors="replace")
            except LookupError:
                pass
        return raw.decode("cp1252", errors="replace")


def flatten(html_text, sep):
    p = Flattener()
    try:
        p.feed(html_text)
        p.close()
    except Exception:  # malformed markup: keep what was parsed
        pass
    return sep.join(p.result())


GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=\d)(?=[^\W\d])|(?<=[^\W\d])(?=\d)")
WORD = re.compile(r"\w+")


def tokens(text):
    return WORD.findall(GLUE.sub(" ", text))


def prf(pred, gold):
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    tp = sum((p & g).values())
    prec = tp / sum(p.values()) if p else (1.0 if not g else 0.0)
    rec = tp / sum(g.values()) if g else 1.0
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f


def squash(s):
    return re.sub(r"\s+", "", s)


def load(set_dir, limit):
    out = []
    with open(os.path.join(set_dir, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
    out = [g for g in out if os.path.exists(os.path.join(set_dir, "pages", g["id"] + ".html.gz"))]
    return out[:limit] if limit else out


def run_factum(binary, docs, key="text"):
    inp = "".join(json.dumps({"id": i, key: t}, ensure_ascii=False) + "\n" for i, t in docs)
    res = subprocess.run([binary, "clean", "--jsonl"], input=inp.encode(), capture_output=True, check=True)
    out = {}
    for line in res.stdout.decode().splitlines():
        if line.strip():
            r = json.loads(line)
            out[r["id"]] = r["text"]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--factum", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "debug", "factum"))
    ap.add_argument("--join", choices=["flat", "lines", "html"], default="flat")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="print the N worst pages of each set")
    ap.add_argument("--dump", help="write <id>.in.txt / <id>.out.txt here")
    args = ap.parse_args()
    sep = "" if args.join == "flat" else "\n"
    summary = {}
    for name in ("aeb", "trafi"):
        set_dir = os.path.join(args.data, name)
        if not os.path.isdir(set_dir):
            continue
        gold = load(set_dir, args.limit)
        docs = []
        for g in gold:
            with gzip.open(os.path.join(set_dir, "pages", g["id"] + ".html.gz"), "rb") as f:
                page = decode(f.read())
                docs.append((g["id"], page if args.join == "html" else flatten(page, sep)))
        pred = run_factum(args.factum, docs, "html" if args.join == "html" else "text")
        if args.join == "html":
            docs = [(i, flatten(t, "\n")) for i, t in docs]
        inputs = dict(docs)
        if args.dump:
            os.makedirs(args.dump, exist_ok=True)
            for i, t in docs:
                with open(os.path.join(args.dump, i + ".in.txt"), "w") as f:
                    f.write(t)
                with open(os.path.join(args.dump, i + ".out.txt"), "w") as f:
                    f.write(pred.get(i, ""))
        if "text" in gold[0]:
            rows, base = [], []
            for g in gold:
                rows.append((prf(pred.get(g["id"], ""), g["text"]), g["id"]))
                base.append(prf(inputs[g["id"]], g["text"]))
            mean = lambda xs, k: statistics.mean(x[k] for x in xs)
            ours = [r for r, _ in rows]
            summary[name] = {
                "pages": len(rows),
                "P": round(mean(ours, 0), 4), "R": round(mean(ours, 1), 4), "F1": round(mean(ours, 2), 4),
                "baseline_keep_all": {"P": round(mean(base, 0), 4), "R": round(mean(base, 1), 4), "F1": round(mean(base, 2), 4)},
            }
            for (p, r, f), i in sorted(rows, key=lambda x: x[0][2])[: args.show]:
                print(f"  {name} {i[:16]} P={p:.2f} R={r:.2f} F1={f:.2f}", file=sys.stderr)
        else:
            tp = fn = fp = tn = 0
            worst = []
            for g in gold:
                t = squash(pred.get(g["id"], ""))
                w = [s for s in g.get("with", []) if squash(s) not in t]
                wo = [s for s in g.get("without", []) if squash(s) in t]
                tp += len(g.get("with", [])) - len(w)
                fn += len(w)
                fp += len(wo)
                tn += len(g.get("without", [])) - len(wo)
                worst.append((len(w) + len(wo), g["id"], w, wo))
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            summary[name] = {
                "pages": len(gold), "P": round(p, 4), "R": round(r, 4),
                "F1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "acc": round((tp + tn) / max(1, tp + tn + fp + fn), 4),
                "with_kept": f"{tp}/{tp + fn}", "without_removed": f"{tn}/{tn + fp}",
            }
            for n, i, w, wo in sorted(worst, reverse=True)[: args.show]:
                print(f"  {name} {i} missing={w[:2]} leaked={wo[:2]}", file=sys.stderr)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
