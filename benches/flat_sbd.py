#!/usr/bin/env python3
"""Boundary F1 of a segmenter on *flattened* legal SBD documents.

Flattened pages (HTML read with textContent, PDFs pasted into web pages)
glue block elements together: `held.She`, `FINDINGS OF FACTThe Veteran`.
This script imitates them from a legal SBD gold file (JSONL lines with
`text` and `spans`, as in fixtures/sbd/legal_slice.jsonl): every run of
whitespace holding a blank line (a paragraph or block boundary) is removed,
any other run of whitespace holding a line break becomes one space. Gold
boundaries are counted in non-whitespace characters, so they survive the
change.

    python3 benches/flat_sbd.py GOLD.jsonl [--cmd 'target/release/factum segment --jsonl']

The command speaks the JSONL protocol of the SBD scorer.
"""

import argparse
import json
import re
import subprocess

BLOCK = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*")
LINE = re.compile(r"\s*\n\s*")


def nonspace_ends(text, ends):
    """Boundaries as counts of non-whitespace characters before them."""
    out, k, j = set(), 0, 0
    ends = sorted(ends)
    for i, c in enumerate(text):
        while j < len(ends) and ends[j] == i:
            out.add(k)
            j += 1
        if not c.isspace():
            k += 1
    while j < len(ends):
        out.add(k)
        j += 1
    out.discard(k)  # the end of the document is not a boundary
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("--cmd", default="target/release/factum segment --jsonl")
    a = ap.parse_args()
    docs = [json.loads(l) for l in open(a.gold, encoding="utf-8") if l.strip()]
    flat = []
    for d in docs:
        t = LINE.sub(" ", BLOCK.sub("", d["text"]))
        flat.append({"id": d["id"], "text": t})
    inp = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in flat)
    out = subprocess.run(a.cmd, shell=True, input=inp.encode(), capture_output=True, check=True)
    pred = {}
    for l in out.stdout.decode().splitlines():
        if l.strip():
            r = json.loads(l)
            pred[r["id"]] = r["sentences"]
    tp = fp = fn = 0
    for d, f in zip(docs, flat):
        gold = nonspace_ends(d["text"], [e for _, e in d["spans"]])
        total = sum(not c.isspace() for c in f["text"])
        k, p = 0, set()
        for s in pred.get(d["id"], []):
            k += sum(not c.isspace() for c in s)
            p.add(k)
        p.discard(total)
        tp += len(gold & p)
        fp += len(p - gold)
        fn += len(gold - p)
    pr = tp / max(tp + fp, 1)
    rc = tp / max(tp + fn, 1)
    f1 = 2 * pr * rc / max(pr + rc, 1e-9)
    print(f"flattened: P={pr:.3f} R={rc:.3f} F1={f1:.3f} (tp {tp} fp {fp} fn {fn}, {len(docs)} docs)")


if __name__ == "__main__":
    main()
