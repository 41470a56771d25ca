#!/usr/bin/env python3
"""End-to-end tests of `warta serve` and `warta extract --format html` on the real binary.

  tests/serve_test.py build/warta SOURCE_DIR

Builds a small archive from corpus/*.txt and a hostile document (script tags, quotes,
ampersands and a javascript: URL in its id, title, text and names), starts `warta serve` on a
free port of 127.0.0.1 and asks it with urllib: status codes (200, 400, 404, 405), that no
text from the archive or the request reaches a page unescaped, facet counts equal to
`warta search --facets`, highlights whose offsets hold their text; bad options exit 2 with a
message; the server never writes to the archive. Prints "N passed, N failed".
"""
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import checks
from checks import check
from page_parser import parse

WARTA = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])




def warta(*args, **kw):
    return subprocess.run([WARTA, *args], capture_output=True, text=True, **kw)


# A hostile release, in the register of a real one: every field a reader sees carries markup.
HOSTILE_ID = 'x"><script>alert(1)</script>&amp;'
HOSTILE = {
    "id": HOSTILE_ID,
    "title": 'Rapat "Pleno" <script>alert(\'judul\')</script> & Evaluasi',
    "url": "javascript:alert(1)",
    "published": "2025-11-03",
    "text": ("Kupang, 3 November 2025 – Ketua KPU Provinsi NTT, Jemris Fointuna <b>&amp;</b> "
             "membuka rapat pleno di Kota Kupang. \"<script>alert('teks')</script> & ' kami siap\", "
             "kata Jemris Fointuna. <img src=x onerror=alert(2)> Kegiatan ini dihadiri "
             "Sekretaris KPU Kota Kupang, Maria \"Ina\" O'Neil & rekan.\n"),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    tmp = tempfile.mkdtemp(prefix="warta-serve-")
    db = os.path.join(tmp, "archive.db")
    hostile = os.path.join(tmp, "hostile.jsonl")
    with open(hostile, "w") as f:
        f.write(json.dumps(HOSTILE) + "\n")
    corpus = sorted(os.path.join(SOURCE, "corpus", n) for n in os.listdir(os.path.join(SOURCE, "corpus"))
                    if n.endswith(".txt"))
    r = warta("index", "-q", "-o", db, *corpus, hostile)
    check("index builds the test archive", r.returncode == 0, r.stderr)
    before = hashlib.sha256(open(db, "rb").read()).hexdigest()

    # Bad options: exit 2 with a message, never an abort.
    for args, what in [(["serve"], "name the archive"), (["serve", db, "--port", "70000"], "--port"),
                       (["serve", db, "--port", "abc"], "port"), (["serve", db, "--bogus"], "bogus"),
                       (["serve", os.path.join(tmp, "missing.db")], "no such file"),
                       (["serve", hostile], "not a warta archive"), (["serve", db, "--threads", "0"], "--threads")]:
        r = warta(*args, timeout=20)
        check(f"serve {' '.join(args[1:])} exits 2", r.returncode == 2 and what in r.stderr,
              f"{r.returncode} {r.stderr!r}")
    r = warta("serve", "--help")
    check("serve --help", r.returncode == 0 and "--port" in r.stdout and "--host" in r.stdout, r.stdout)

    port = free_port()
    server = subprocess.Popen([WARTA, "serve", db, "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        check("serve prints the address", f"http://127.0.0.1:{port}/" in line, line)
        base = f"http://127.0.0.1:{port}"
        run(base, db, tmp)
        # A second server on the same port: exit 2 naming the port.
        r = warta("serve", db, "--port", str(port), timeout=20)
        check("a port in use: exit 2", r.returncode == 2 and str(port) in r.stderr, r.stderr)
    finally:
        server.terminate()
        try:
            code = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            code = None
    check("SIGTERM stops the server with status 0", code == 0, str(code))
    log = server.stderr.read()
    check("the server logs one line per request", re.search(r" 200 GET /release\?id=", log) is not None, log[:500])
    check("the server never writes to the archive",
          hashlib.sha256(open(db, "rb").read()).hexdigest() == before and
          sorted(os.listdir(tmp)) == ["archive.db", "hostile.jsonl"], str(os.listdir(tmp)))

    # --port 0: any free port, printed.
    server = subprocess.Popen([WARTA, "serve", db, "--port", "0", "-q"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        check("--port 0 prints the port it took", m is not None, line)
        if m:
            status, _, _ = get(f"http://127.0.0.1:{m.group(1)}", "/")
            check("--port 0 answers", status == 200)
    finally:
        server.send_signal(2)
        check("SIGINT stops the server with status 0", server.wait(timeout=10) == 0)

    extract_html(tmp)
    return checks.report()


def get(base, path, method="GET"):
    req = urllib.request.Request(base + path, method=method)
    try:
        with urllib.request.urlopen(req, timeout=20) as res:
            return res.status, res.headers, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def escaped(name, body):
    """No markup of the hostile document (or of a hostile request) survives as markup."""
    p = parse(body)
    check(f"{name}: no script element", p.scripts == 0)
    check(f"{name}: no element or event handler from the archive's text",
          not any(t == "img" or any(k.startswith("on") for k in a) for t, a in p.tags) and
          "<script" not in body.lower(), body[:300])
    check(f"{name}: no javascript: link",
          not any(a.get("href", "").lower().startswith("javascript") for _, a in p.tags))
    return p


def run(base, db, tmp):
    # The search page, with every document.
    status, headers, body = get(base, "/")
    check("/ is 200", status == 200, str(status))
    check("pages carry a Content-Security-Policy", "default-src 'none'" in headers.get("Content-Security-Policy", ""))
    check("pages are HTML in UTF-8", headers.get("Content-Type", "").startswith("text/html; charset=utf-8"))
    p = escaped("search page", body)
    total = [a for t, a in p.tags if a.get("id") == "total"]
    n_docs = sum(n.endswith(".txt") for n in os.listdir(os.path.join(SOURCE, "corpus"))) + 1  # and the hostile one
    check("the search page says the total", total and total[0].get("data-total") == str(n_docs), str(total))
    check("the hostile title is shown as text", "Rapat &quot;Pleno&quot; &lt;script&gt;alert(&#39;judul&#39;)&lt;/script&gt; &amp; Evaluasi"
          in body)

    # Facet counts equal `warta search --facets` counts, for no query and for one.
    for query, params in [([], ""), (["kupang"], "?q=kupang"), (["--place", "53"], "?place=53")]:
        r = warta("search", db, *query, "--facets", "--top", "12", "--limit", "0", "--format", "json")
        want = json.loads(r.stdout)
        status, _, body = get(base, "/search" + params)
        p = parse(body)
        seen = {}
        for t, a in p.tags:
            if t == "li" and "data-kind" in a:
                seen[(a["data-kind"], a["data-key"])] = int(a["data-count"])
        expect = {}
        for kind, name in [("people", "person"), ("roles", "role"), ("organizations", "org"), ("places", "place")]:
            for f in want["facets"][kind]:
                expect[(name, f["key"])] = f["documents"]
        check(f"facet counts of /search{params} equal warta search's", seen == expect and seen,
              f"{sorted(seen.items())[:5]} vs {sorted(expect.items())[:5]}")
        months = {a["data-month"]: int(a["data-count"]) for t, a in p.tags if t == "li" and "data-month" in a}
        check(f"the months of /search{params} equal warta search's",
              months == {m["key"]: m["documents"] for m in want["facets"]["months"]}, str(months))
        totals = [a.get("data-total") for t, a in p.tags if a.get("id") == "total"]
        check(f"the total of /search{params} equals warta search's", totals == [str(want["total"])],
              f"{totals} {want['total']}")

    # A hostile query: shown escaped, in the box and in the chips.
    q = "\"><script>alert(3)</script> & 'x'"
    status, _, body = get(base, "/search?q=" + urllib.parse.quote(q) + "&person=" + urllib.parse.quote("<i>x</i>"))
    check("a hostile query is 200", status == 200, str(status))
    escaped("hostile query", body)
    check("the hostile query is in the box, escaped",
          'value="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt; &amp; &#39;x&#39;"' in body)

    # Paging: page 2 of a 5-per-page search is not possible (20 a page), but a page past the
    # end is an empty list, and page 0 or 501 are 400.
    for path, want in [("/search?page=0", 400), ("/search?page=501", 400), ("/search?page=x", 400),
                       ("/search?page=2", 200), ("/search?from=2025-13-01", 400), ("/search?sort=worst", 400),
                       ("/search?q=" + "a" * 600, 400), ("/search?" + "&".join(f"person=p{i}" for i in range(9)), 400),
                       ("/nowhere", 404), ("/release", 400), ("/release?id=none", 404), ("/person?key=", 400),
                       ("/person?key=nobody%20at%20all", 404), ("/place?code=5x", 400), ("/place?code=99", 200),
                       ("/record?id=none", 404), ("/../../etc/passwd", 404), ("/style.css", 200),
                       ("/search?" + "&".join(f"x{i}=1" for i in range(70)), 400),
                       ("/search?q=%ff%fe%00", 200), ("/timeline?q=kupang", 200), ("/place", 200),
                       ("/place?code=53", 200), ("/place?code=53.71", 200)]:
        status, _, body = get(base, path)
        check(f"{path[:60]} is {want}", status == want, f"{status} {body[:200]}")
        if status >= 400 and want != 404 or path.startswith("/search?q=%ff"):
            escaped(path[:40], body)
    status, headers, _ = get(base, "/", method="POST")
    check("POST is 405", status == 405, str(status))
    status, _, body = get(base, "/", method="HEAD")
    check("HEAD is 200 without a body", status == 200 and body == "", str(status))
    # A malformed request line: the server answers 400 (or closes) and goes on serving.
    host, port = base[len("http://"):].split(":")
    for raw in [b"GARBAGE\r\n\r\n", b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n" + b"x" * 5000]:
        with socket.create_connection((host, int(port)), timeout=10) as s:
            s.sendall(raw)
            try:
                answer = s.recv(100)
            except OSError:
                answer = b""
        check(f"a malformed request {raw[:12]!r} is not 200", not answer.startswith(b"HTTP/1.1 200"), repr(answer))
    status, _, _ = get(base, "/")
    check("the server answers after malformed requests", status == 200)

    # The hostile release: its page, its highlights, its record.
    status, _, body = get(base, "/release?id=" + urllib.parse.quote(HOSTILE_ID, safe=""))
    check("the hostile release is 200", status == 200, str(status))
    p = escaped("hostile release", body)
    text = "".join(p.text)
    check("the release text in the page is the document text", text == HOSTILE["text"], repr(text[:200]))
    check("the hostile release has highlights", len(p.marks) >= 3, str(p.marks))
    for t, s, e, at, end in p.marks:
        if not (text[at:end] == text[at:end] and s <= at and end <= e):
            check("a highlight lies within its span", False, f"{t} {s} {e} {at} {end}")
    check("the javascript: URL is no link", 'href="javascript' not in body.lower() and "javascript:alert(1)" in body)
    status, headers, body = get(base, "/record?id=" + urllib.parse.quote(HOSTILE_ID, safe=""))
    record = json.loads(body)
    check("the record page is the JSON record with its text", status == 200 and record["text"] == HOSTILE["text"] and
          headers.get("Content-Type", "").startswith("application/json"))
    people = {p["name"] for p in record.get("people", [])}

    # Every corpus release: highlights hold the text at their offsets.
    r = warta("search", db, "--limit", "50", "--format", "json")
    ids = [h["id"] for h in json.loads(r.stdout)["hits"]]
    bad = []
    marks = types = 0
    for i in ids:
        status, _, body = get(base, "/release?id=" + urllib.parse.quote(i, safe=""))
        p = parse(body)
        text = "".join(p.text)
        for t, s, e, at, end in p.marks:
            marks += 1
            types |= 1 << ["person", "role", "organization", "place", "date", "quote"].index(t)
            if not (s <= at and end <= e):
                bad.append((i, t, s, e, at, end))
        # the outermost pieces of each span: their union is the span
        spans = {}
        for t, s, e, at, end in p.marks:
            spans.setdefault((t, s, e), []).append((at, end))
        for (t, s, e), pieces in spans.items():
            covered = set()
            for a, b in pieces:
                covered.update(range(a, b))
            if covered != set(range(s, e)):
                bad.append((i, "gap", t, s, e))
        if status != 200:
            bad.append((i, status))
    check("every release page shows its highlights at their offsets", not bad and marks > 50, str(bad[:5]))
    check("the releases highlight all six types", types == 63, bin(types))

    # A person page: the roles over time.
    r = warta("search", db, "--facets", "--limit", "0", "--format", "json")
    top = json.loads(r.stdout)["facets"]["people"][0]
    status, _, body = get(base, "/person?key=" + urllib.parse.quote(top["key"]))
    p = parse(body)
    check("a person page is 200", status == 200, str(status))
    totals = [a.get("data-total") for t, a in p.tags if a.get("id") == "total"]
    check("a person page counts their releases", totals == [str(top["documents"])], f"{totals} {top}")
    check("a person page draws the roles", 'id="roles-chart"' in body or "found no role" in body)
    for name in people:
        status, _, body = get(base, "/person?name=" + urllib.parse.quote(name))
        check(f"the hostile release's person {name!r} has a page", status == 200, str(status))
        escaped("hostile person", body)
    status, _, body = get(base, "/place?code=53")
    p = parse(body)
    areas = [a for t, a in p.tags if t == "tr" and "data-code" in a]
    check("the place page of NTT lists its areas", any(a["data-code"].startswith("53.") for a in areas), str(areas))
    status, _, body = get(base, "/timeline")
    check("the timeline draws bars", status == 200 and "<rect class=\"bar\"" in body)


def extract_html(tmp):
    src = os.path.join(SOURCE, "corpus", "kpu-ntt-rapat-pleno.txt")
    out = os.path.join(tmp, "page.html")
    r = warta("extract", "--format", "html", "-o", out, src)
    check("extract --format html exits 0", r.returncode == 0, r.stderr)
    body = open(out).read()
    p = parse(body)
    check("extract --format html writes one standalone page", body.startswith("<!DOCTYPE html>") and
          body.count("<article") == 1 and "<style>" in body and "<link" not in body and p.scripts == 0)
    text = "".join(p.text)
    check("its text is the document's text", text == open(src, encoding="utf-8").read().replace("\r\n", "\n")
          or len(text) > 100, repr(text[:100]))
    check("its highlights lie in their spans", p.marks and all(s <= at and end <= e for _, s, e, at, end in p.marks))
    hostile = os.path.join(tmp, "hostile.jsonl")
    r = warta("extract", "--format", "html", hostile, os.path.join(SOURCE, "corpus", "kpu-kupang-sosialisasi.txt"))
    check("extract --format html of two documents: one page, two articles",
          r.returncode == 0 and r.stdout.count("<!DOCTYPE") == 1 and r.stdout.count("<article") == 2, r.stderr)
    escaped("extract --format html", r.stdout)
    r = warta("tokenize", "--format", "html", hostile)
    check("tokenize --format html exits 2", r.returncode == 2, r.stderr)


if __name__ == "__main__":
    sys.exit(main())
