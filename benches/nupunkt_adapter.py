#!/usr/bin/env python3
"""nupunkt (the legal-domain Punkt segmenter, `pip install nupunkt`) behind
the protocols of the SBD scorer, to measure factum side by side with it.

    python nupunkt_adapter.py            one document on stdin, one sentence a line
    python nupunkt_adapter.py --jsonl    {"id", "text"} lines in, {"id", "sentences"} lines out

Uses nupunkt's default model with its default settings (`sent_tokenize`).
The model is loaded once, before the first document, so that the scorer's
start-up timing subtracts it.
"""

import json
import sys

import nupunkt


def sentences(text):
    """The sentences of `text`, newlines printed as spaces."""
    out = []
    for s in nupunkt.sent_tokenize(text):
        s = " ".join(s.split())
        if s:
            out.append(s)
    return out


def main():
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    # Warm up: load the default model now, not inside the first document.
    nupunkt.sent_tokenize("Warm up. Done.")
    if "--jsonl" in sys.argv[1:]:
        for line in sys.stdin:
            if not line.strip():
                continue
            doc = json.loads(line)
            rec = {"id": doc.get("id"), "sentences": sentences(doc.get("text") or "")}
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        for s in sentences(sys.stdin.read()):
            sys.stdout.write(s + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
