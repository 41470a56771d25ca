#!/usr/bin/env python3
"""`warta serve` in a real browser: headless Chromium (Debian's `chromium`) loads each page
type, the DOM it builds is checked, and a screenshot of each is taken.

  tests/browser_test.py build/warta SOURCE_DIR SCREENSHOT_DIR

Checks, on an archive of corpus/*.txt and one hostile document:
  - the release page: in the DOM Chromium built, every highlight (<mark data-type
    data-start data-end>) covers exactly the code points of its span in the text element,
    and every person, organisation, place and date mention of the stored record is
    highlighted with its type; the hostile release runs no script and has no element
    from its text;
  - the search page: the facet counts and the total equal `warta search --facets`;
  - the person, place and timeline pages load with their charts.
Screenshots: SCREENSHOT_DIR/{search,release,person,place,timeline}.png.
Exits 77 (CTest: skipped) when chromium is not installed. Prints "N passed, N failed".
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.parse

import checks
from checks import check
from page_parser import parse

WARTA = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
SHOTS = os.path.abspath(sys.argv[3])
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"]

HOSTILE = {
    "id": "<script>alert(1)</script>",
    "title": 'Rapat "Pleno" <script>alert(1)</script> & Evaluasi',
    "url": "javascript:alert(1)",
    "published": "2025-11-03",
    "text": ("Kupang, 3 November 2025 – Ketua KPU Provinsi NTT, Jemris Fointuna <b>&amp;</b> membuka "
             "rapat pleno di Kota Kupang. \"<script>document.title='pwned'</script> kami siap\", kata "
             "Jemris Fointuna. <img src=x onerror=\"document.title='pwned'\">\n"),
}




def warta(*args):
    return subprocess.run([WARTA, *args], capture_output=True, text=True, timeout=120)


def browse(url, profile, screenshot=None):
    """The DOM Chromium builds for url (and a screenshot of it)."""
    args = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}"]
    if screenshot:
        r = subprocess.run([*args, f"--screenshot={screenshot}", "--window-size=1280,1400", url],
                           capture_output=True, text=True, timeout=120)
        check(f"screenshot {os.path.basename(screenshot)}", os.path.exists(screenshot) and
              os.path.getsize(screenshot) > 5000, r.stderr[-500:])
    r = subprocess.run([*args, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    check(f"chromium loads {url}", r.returncode == 0 and "<html" in r.stdout, r.stderr[-500:])
    return parse(r.stdout)


def check_release(name, dom, record):
    text = "".join(dom.text)
    pieces = {}
    for t, s, e, at, end in dom.marks:
        pieces.setdefault((t, s, e), set()).update(range(at, end))
    bad = [k for k, covered in pieces.items() if covered != set(range(k[1], k[2]))]
    check(f"{name}: each highlight covers exactly its offsets in the DOM text", not bad and pieces, str(bad[:5]))
    want = set()
    for p in record.get("people", []):
        want.update(("person", m["start"], m["end"]) for m in p.get("mentions", []))
    for o in record.get("organizations", []):
        want.update(("organization", m["start"], m["end"]) for m in o.get("mentions", []))
    for p in record.get("places", []):
        want.update(("place", m["start"], m["end"]) for m in p.get("mentions", []))
    want.update(("date", d["start"], d["end"]) for d in record.get("dates", []))
    want.update(("quote", q["start"], q["end"]) for q in record.get("quotes", []))
    missing = want - set(pieces)
    check(f"{name}: every span of the record is highlighted with its type", not missing and want, str(sorted(missing)[:5]))
    spans_text = all(text[s:e] for _, s, e in pieces)
    check(f"{name}: highlights are inside the text", spans_text)
    return text


def main():
    if not CHROMIUM:
        print("chromium is not installed (apt-get install chromium): skipped")
        return 77
    os.makedirs(SHOTS, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="warta-browser-")
    try:
        return run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp):
    db = os.path.join(tmp, "archive.db")
    hostile = os.path.join(tmp, "hostile.jsonl")
    with open(hostile, "w") as f:
        f.write(json.dumps(HOSTILE) + "\n")
    corpus = sorted(os.path.join(SOURCE, "corpus", n) for n in os.listdir(os.path.join(SOURCE, "corpus"))
                    if n.endswith(".txt"))
    r = warta("index", "-q", "-o", db, *corpus, hostile)
    check("index builds the test archive", r.returncode == 0, r.stderr)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([WARTA, "serve", db, "--port", str(port), "-q"], stdout=subprocess.PIPE, text=True)
    try:
        server.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        profile = os.path.join(tmp, "profile")

        # The search page: facet counts and total as `warta search` counts them.
        dom = browse(base + "/search?q=kupang", profile, os.path.join(SHOTS, "search.png"))
        want = json.loads(warta("search", db, "kupang", "--facets", "--top", "12", "--limit", "0",
                                "--format", "json").stdout)
        seen = {(a["data-kind"], a["data-key"]): int(a["data-count"]) for t, a in dom.tags if "data-kind" in a}
        expect = {}
        for kind, name in [("people", "person"), ("roles", "role"), ("organizations", "org"), ("places", "place")]:
            expect.update({(name, f["key"]): f["documents"] for f in want["facets"][kind]})
        check("search: the facet counts equal warta search's", seen == expect and seen, f"{seen} {expect}")
        total = [a.get("data-total") for t, a in dom.tags if a.get("id") == "total"]
        check("search: the total equals warta search's", total == [str(want["total"])], str(total))
        hits = [a for t, a in dom.tags if t == "li" and "data-id" in a]
        check("search: one hit per match", len(hits) == min(20, want["total"]), str(len(hits)))

        # A release.
        rid = next(h for h in json.loads(warta("search", db, "pleno", "--format", "json").stdout)["hits"]
                   if "kpu-ntt-rapat-pleno" in h["id"])["id"]
        dom = browse(base + "/release?id=" + urllib.parse.quote(rid, safe=""), profile,
                     os.path.join(SHOTS, "release.png"))
        record = json.loads(warta("search", db, "pleno", "--format", "jsonl").stdout.splitlines()[0])
        r = subprocess.run(["python3", "-c", "import sys,urllib.request;sys.stdout.write(urllib.request.urlopen("
                            "sys.argv[1]).read().decode())", base + "/record?id=" + urllib.parse.quote(rid, safe="")],
                           capture_output=True, text=True)
        record = json.loads(r.stdout)
        text = check_release("release", dom, record)
        check("release: the DOM text is the document text", text == record["text"])

        # The hostile release: no script ran (the title is the page's own), nothing injected.
        dom = browse(base + "/release?id=" + urllib.parse.quote(HOSTILE["id"], safe=""), profile)
        check("hostile release: no script and no injected element",
              not any(t in ("script", "img") for t, _ in dom.tags) and "pwned" not in dom.title, dom.title)
        check("hostile release: the DOM text is the document text", "".join(dom.text) == HOSTILE["text"])
        check("hostile release: the javascript: URL is not a link",
              not any(a.get("href", "").startswith("javascript") for _, a in dom.tags))

        # A person, a place, the timeline.
        top = json.loads(warta("search", db, "--facets", "--limit", "0", "--format", "json").stdout)["facets"]["people"]
        person = next((p for p in top if any(r.get("organization") for r in [])), top[0])
        dom = browse(base + "/person?key=" + urllib.parse.quote(person["key"]), profile,
                     os.path.join(SHOTS, "person.png"))
        total = [a.get("data-total") for t, a in dom.tags if a.get("id") == "total"]
        check("person: the number of releases", total == [str(person["documents"])], str(total))
        dom = browse(base + "/place?code=53", profile, os.path.join(SHOTS, "place.png"))
        check("place: child areas listed", any(t == "tr" and a.get("data-code", "").startswith("53.") for t, a in dom.tags))
        dom = browse(base + "/timeline", profile, os.path.join(SHOTS, "timeline.png"))
        check("timeline: bars drawn", any(t == "rect" and "bar" in a.get("class", "") for t, a in dom.tags))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return checks.report(f"; screenshots in {SHOTS}")


if __name__ == "__main__":
    sys.exit(main())
