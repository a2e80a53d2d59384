#!/usr/bin/env python3
"""Run a Python main-content extractor behind score_boilerplate.py's --jsonl protocol.

usage: html_adapter.py resiliparse|trafilatura   (reads {"id","html"} lines, writes {"id","text"})

For side-by-side figures against factum:
    python3 -m venv /tmp/rp && /tmp/rp/bin/pip install resiliparse trafilatura lxml_html_clean
    python3 score_boilerplate.py --jsonl --cmd '/tmp/rp/bin/python benches/html_adapter.py resiliparse'
"""
import json
import sys


def extractor(name):
    if name == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text

        return lambda html: extract_plain_text(html, main_content=True)
    if name == "trafilatura":
        import trafilatura

        return lambda html: trafilatura.extract(html) or ""
    raise SystemExit(f"unknown extractor {name!r}")


def main():
    extract = extractor(sys.argv[1] if len(sys.argv) > 1 else "resiliparse")
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        page = json.loads(line)
        try:
            text = extract(page["html"])
        except Exception as e:  # one bad page must not end the run
            print(f"{page.get('id')}: {e}", file=sys.stderr)
            text = ""
        out.write(json.dumps({"id": page["id"], "text": text}) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
