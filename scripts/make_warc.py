#!/usr/bin/env python3
"""Build a WARC 1.1 file (one gzip member per record) from HTML pages.

usage: make_warc.py OUT.warc.gz PAGE [PAGE ...] [--limit N] [--check FACTUM]

Each PAGE is an HTML (or .html.gz), text or PDF file. The archive holds a
`warcinfo` record, then for every page a `request`, a `response` with HTTP
headers (status 200, `Content-Type` with a charset for text pages), and a
`metadata` record; every fifth page also gets a `revisit` record pointing
at its response. The responses vary the way crawls do:

- every third response uses `Transfer-Encoding: chunked` (chunks of
  uneven sizes, a chunk extension and a trailer on some);
- every fourth HTML page is re-encoded to windows-1252 when it can be
  (the charset is then only in the HTTP header, and its `<meta charset>`,
  if any, is taken out), the others say `charset=utf-8`;
- every seventh response is sent with `Content-Encoding: gzip`;
- one response in eleven has no charset in its header at all.

Only the Python standard library is used; the output is deterministic.

With `--check FACTUM` (the factum binary), the archive is run through
`FACTUM extract` and the script reports how many records came out, how many
have non-empty text, and lists errors; it exits with 1 unless every
response gave a record with text.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import uuid

CRLF = b"\r\n"
DATE = "2026-01-15T10:{:02d}:{:02d}Z"


def record_id(*parts):
    """A stable urn:uuid from the given parts."""
    h = hashlib.sha1("/".join(parts).encode()).hexdigest()
    return "<urn:uuid:{}>".format(uuid.UUID(h[:32]))


def warc_record(kind, headers, block):
    """One WARC 1.1 record (uncompressed bytes)."""
    lines = ["WARC/1.1", "WARC-Type: " + kind]
    lines += ["{}: {}".format(k, v) for k, v in headers]
    lines.append("Content-Length: {}".format(len(block)))
    head = CRLF.join(l.encode("utf-8") for l in lines) + CRLF + CRLF
    return head + block + CRLF + CRLF


def gz(data):
    """One gzip member (mtime 0: deterministic)."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def chunked(body, n):
    """`body` in chunks of uneven sizes; some with an extension and a trailer."""
    out = io.BytesIO()
    i, k = 0, 0
    sizes = [1000 + 37 * n, 17, 4096, 333]
    while i < len(body):
        size = sizes[k % len(sizes)]
        piece = body[i:i + size]
        ext = ";name=v{}".format(k) if (n + k) % 5 == 0 else ""
        out.write("{:x}{}\r\n".format(len(piece), ext).encode())
        out.write(piece + CRLF)
        i += size
        k += 1
    out.write(b"0\r\n")
    if n % 2:
        out.write(b"X-Trailer: done\r\n")
    out.write(CRLF)
    return out.getvalue()


META_CHARSET = re.compile(rb"<meta[^>]*charset[^>]*>", re.I)


def read_page(path):
    data = open(path, "rb").read()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    name = os.path.basename(path)
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(".pdf"):
        mime = "application/pdf"
    elif name.endswith((".txt", ".text")):
        mime = "text/plain"
    else:
        mime = "text/html"
    return name, mime, data


def build(pages, out_path):
    """Write the archive; return the ids and URIs of the responses."""
    out = open(out_path, "wb")
    info = b"software: factum scripts/make_warc.py\r\nformat: WARC File Format 1.1\r\n" \
           b"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
    out.write(gz(warc_record("warcinfo", [
        ("WARC-Date", DATE.format(0, 0)),
        ("WARC-Record-ID", record_id("warcinfo", out_path)),
        ("WARC-Filename", os.path.basename(out_path)),
        ("Content-Type", "application/warc-fields"),
    ], info)))
    responses = []
    counts = {"chunked": 0, "gzip": 0, "windows-1252": 0, "no charset": 0, "revisit": 0}
    for n, path in enumerate(pages):
        name, mime, body = read_page(path)
        uri = "https://example.org/{}/{}".format(n, name)
        date = DATE.format(n // 60 % 60, n % 60)
        # Request.
        req = "GET /{}/{} HTTP/1.1\r\nHost: example.org\r\nUser-Agent: make_warc\r\n" \
              "Accept: */*\r\n\r\n".format(n, name).encode()
        req_id = record_id("request", uri)
        out.write(gz(warc_record("request", [
            ("WARC-Date", date), ("WARC-Record-ID", req_id), ("WARC-Target-URI", uri),
            ("Content-Type", "application/http;msgtype=request"),
        ], req)))
        # Response payload and headers.
        charset = None
        if mime != "application/pdf":
            charset = "utf-8"
            if mime == "text/html" and n % 4 == 1:
                try:
                    text = body.decode("utf-8")
                    body = META_CHARSET.sub(b"", text.encode("cp1252"))
                    charset = "windows-1252"
                    counts["windows-1252"] += 1
                except (UnicodeDecodeError, UnicodeEncodeError):
                    pass
        ctype = mime + ("; charset=" + charset if charset and n % 11 != 10 else "")
        if charset and n % 11 == 10:
            counts["no charset"] += 1
        headers = ["HTTP/1.1 200 OK", "Content-Type: " + ctype, "Server: test"]
        payload = body
        if n % 7 == 6:
            payload = gzip.compress(payload, mtime=0)
            headers.append("Content-Encoding: gzip")
            counts["gzip"] += 1
        if n % 3 == 2:
            payload = chunked(payload, n)
            headers.append("Transfer-Encoding: chunked")
            counts["chunked"] += 1
        else:
            headers.append("Content-Length: {}".format(len(payload)))
        http = ("\r\n".join(headers) + "\r\n\r\n").encode() + payload
        resp_id = record_id("response", uri)
        digest = "sha1:" + hashlib.sha1(body).hexdigest()
        out.write(gz(warc_record("response", [
            ("WARC-Date", date), ("WARC-Record-ID", resp_id), ("WARC-Target-URI", uri),
            ("WARC-Concurrent-To", req_id), ("WARC-Payload-Digest", digest),
            ("Content-Type", "application/http;msgtype=response"),
        ], http)))
        responses.append((resp_id, uri))
        # Metadata.
        meta = "via: https://example.org/\r\nfetchTimeMs: {}\r\n".format(100 + n).encode()
        out.write(gz(warc_record("metadata", [
            ("WARC-Date", date), ("WARC-Record-ID", record_id("metadata", uri)),
            ("WARC-Target-URI", uri), ("WARC-Concurrent-To", resp_id),
            ("Content-Type", "application/warc-fields"),
        ], meta)))
        # A revisit of the same URI, headers only.
        if n % 5 == 4:
            counts["revisit"] += 1
            head = "HTTP/1.1 200 OK\r\nContent-Type: {}\r\n\r\n".format(ctype).encode()
            out.write(gz(warc_record("revisit", [
                ("WARC-Date", DATE.format(59, n % 60)),
                ("WARC-Record-ID", record_id("revisit", uri)), ("WARC-Target-URI", uri),
                ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
                ("WARC-Refers-To", resp_id), ("WARC-Payload-Digest", digest),
                ("Content-Type", "application/http;msgtype=response"),
            ], head)))
    out.close()
    print("responses: " + ", ".join("{} {}".format(v, k) for k, v in counts.items()))
    return responses


def extract(factum, path):
    run = subprocess.run([factum, "extract", "-q", path], capture_output=True)
    recs = [json.loads(l) for l in run.stdout.decode("utf-8").splitlines() if l.strip()]
    return run, recs


def check(factum, path, responses, pages):
    run, recs = extract(factum, path)
    errors = [r for r in recs if r.get("error")]
    with_text = [r for r in recs if not r.get("error") and (r.get("text") or "").strip()]
    ids = {r.get("id") for r in with_text}
    missing = [rid for rid, _ in responses if rid not in ids]
    print("responses: {}  records: {}  with text: {}  errors: {}  missing: {}".format(
        len(responses), len(recs), len(with_text), len(errors), len(missing)))
    for r in errors:
        print("  error:", r.get("id"), json.dumps(r.get("error"))[:300])
    for rid in missing[:20]:
        print("  no record with text for", rid)
    # The same pages read directly from files: the archive must give the
    # same text (HTTP, chunking, gzip and charset undone).
    same = 0
    by_id = {r.get("id"): r for r in recs}
    with tempfile.TemporaryDirectory() as tmp:
        for n, page in enumerate(pages):
            name, _, body = read_page(page)
            sub = os.path.join(tmp, str(n))
            os.mkdir(sub)
            open(os.path.join(sub, name), "wb").write(body)
        _, direct = extract(factum, tmp)
    direct_text = {}
    for r in direct:
        n = int(os.path.basename(os.path.dirname(r.get("source") or "x/x")))
        direct_text[n] = r.get("text")
    differ = []
    for n, (rid, _) in enumerate(responses):
        if n in direct_text and by_id.get(rid, {}).get("text") == direct_text[n]:
            same += 1
        else:
            differ.append(pages[n])
    print("same text as the page read from its file: {} of {}".format(same, len(responses)))
    for p in differ[:20]:
        print("  differs:", p)
    return run.returncode == 0 and not missing and len(recs) == len(responses) and not differ


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("pages", nargs="+", help="page files (or directories of them)")
    ap.add_argument("--limit", type=int, default=0, help="take at most N pages")
    ap.add_argument("--check", default=None, help="factum binary to run on the archive")
    a = ap.parse_args()
    pages = []
    for p in a.pages:
        if os.path.isdir(p):
            pages += sorted(os.path.join(p, f) for f in os.listdir(p))
        else:
            pages.append(p)
    if a.limit:
        pages = pages[:a.limit]
    responses = build(pages, a.out)
    print("wrote {} ({} pages)".format(a.out, len(pages)))
    if a.check:
        sys.exit(0 if check(a.check, a.out, responses, pages) else 1)


if __name__ == "__main__":
    main()
