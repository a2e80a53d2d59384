#!/usr/bin/env python3
"""Adapter for ../shared/tools/score_entities.py (stdlib only).

Reads {"id","text"} JSON lines on stdin, runs `factum extract` on them as
JSONL input, and writes {"id","entities":[{"start","end","kind":"AGENCY"}]}
lines: one entity per agency mention, with code-point offsets into the
INPUT text. factum's offsets point into its clean text; when the clean text
differs from the input (whitespace), each mention is located in the input
by its string, at the occurrence nearest to the clean-text offset.

Usage: python3 scripts/entities_adapter.py [--bin PATH] < in.jsonl
"""
import json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def find_bin(argv):
    if "--bin" in argv:
        return argv[argv.index("--bin") + 1]
    for p in ("target/release/factum", "target/debug/factum"):
        q = os.path.join(HERE, "..", p)
        if os.path.exists(q):
            return q
    return "factum"


def locate(src, clean, s, e):
    if src == clean:
        return s, e
    m = clean[s:e]
    best, pos = None, src.find(m)
    while pos >= 0:
        if best is None or abs(pos - s) < abs(best - s):
            best = pos
        pos = src.find(m, pos + 1)
    return (best, best + len(m)) if best is not None else None


def main():
    lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
    docs = [json.loads(l) for l in lines]
    inp = "".join(json.dumps({"id": str(d["id"]), "text": d["text"]}, ensure_ascii=False) + "\n" for d in docs)
    r = subprocess.run([find_bin(sys.argv), "extract", "--format", "jsonl", "-"],
                       input=inp.encode(), stdout=subprocess.PIPE, check=False)
    src = {str(d["id"]): d["text"] for d in docs}
    out = sys.stdout
    for l in r.stdout.decode().splitlines():
        if not l.strip():
            continue
        rec = json.loads(l)
        rid = str(rec.get("id"))
        clean = rec.get("text", "")
        ents = []
        for a in rec.get("agencies", []):
            for m in a.get("mentions", []):
                loc = locate(src.get(rid, ""), clean, m["start"], m["end"])
                if loc:
                    ents.append({"start": loc[0], "end": loc[1], "kind": "AGENCY"})
        out.write(json.dumps({"id": rec.get("id"), "entities": ents}) + "\n")


if __name__ == "__main__":
    main()
