#!/usr/bin/env python3
"""Build a benchmark corpus by repeating documents.

usage: make_corpus.py OUT_DIR [--mb 300] [INPUT ...]

Copies the inputs (default: fixtures/docs/*, i.e. the text and HTML
development documents, plus fixtures/markdown/* when present) again and
again into OUT_DIR/NNNN/ until the corpus holds --mb megabytes, giving each
copy a unique file name so that every file is one document. Prints the
number of documents and bytes written.
"""
import argparse
import glob
import os
import shutil


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=300)
    ap.add_argument("inputs", nargs="*")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    inputs = a.inputs or sorted(
        glob.glob(os.path.join(root, "fixtures/docs/*.txt"))
        + glob.glob(os.path.join(root, "fixtures/docs/*.html"))
        + glob.glob(os.path.join(root, "fixtures/markdown/*.md"))
    )
    if not inputs:
        raise SystemExit("no inputs")
    target = int(a.mb * 1e6)
    written = docs = 0
    os.makedirs(a.out, exist_ok=True)
    while written < target:
        sub = os.path.join(a.out, f"{docs // 1000:04d}")
        os.makedirs(sub, exist_ok=True)
        for src in inputs:
            name = os.path.basename(src)
            stem, ext = name.split(".", 1)
            dst = os.path.join(sub, f"{stem}-{docs:06d}.{ext}")
            shutil.copyfile(src, dst)
            written += os.path.getsize(src)
            docs += 1
            if written >= target:
                break
    print(f"{docs} documents, {written} bytes in {a.out}")


if __name__ == "__main__":
    main()
