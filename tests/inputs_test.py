#!/usr/bin/env python3
"""End-to-end tests of PDF input, publication dates and dates for undated documents, on the
real binary (issue 15, items 4, 5 and 7).

  tests/inputs_test.py build/warta .

Guards: a release PDF made from a text release in corpus/ gives the same people, roles,
dates and places as the text; PDFs are known by extension and by signature; a scan, a
locked and a broken PDF get error records and the run goes on; `published` in its common
forms keeps its time and zone, and a value warta cannot read is counted on stderr with its
file and line; an undated release takes its reference date from its text; an archive made
with --reference-date files each document under its own date; an HTML page's canonical url.
Prints "N passed, N failed".
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import checks
from checks import check

WARTA = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else ".")
PDFS = os.path.join(ROOT, "tests", "pdf")




def warta(*args, stdin=None, **kw):
    return subprocess.run([WARTA, *args], capture_output=True, text=stdin is None or isinstance(stdin, str),
                          input=stdin, **kw)


def records(out):
    if isinstance(out, bytes):
        out = out.decode()
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def entities(record):
    """What a reader of the record learns: people with roles, dates, places, organisations."""
    people = sorted((p["name"], tuple(p["honorifics"]), tuple(p["degrees"]),
                     tuple(sorted((r["title"], r["organization"] or "", r["acting"]) for r in p["roles"])),
                     len(p["mentions"])) for p in record["people"])
    dates = [(d["text"], d["type"], d["value"], d["end_value"], tuple(d["inferred"])) for d in record["dates"]]
    places = sorted((p["name"], p["type"], p["code"] or "", p["province"] or "", len(p["mentions"]))
                    for p in record["places"])
    orgs = sorted((o["name"] or "", o["acronym"] or "", len(o["mentions"])) for o in record["organizations"])
    quotes = [(q["speaker"] or "") for q in record["quotes"]]
    return {"title": record["title"], "dateline": (record["dateline"] or {}).get("place"), "people": people,
            "dates": dates, "places": places, "organizations": orgs, "quote speakers": quotes}


def main():
    tmp = tempfile.mkdtemp()
    try:
        os.chdir(tmp)
        pdf_tests()
        published_tests()
        undated_tests()
        archive_tests()
        html_tests()
    finally:
        os.chdir("/")
        shutil.rmtree(tmp)
    sys.exit(checks.report())


def pdf_tests():
    # The same release as text and as PDF (one column; two columns over two pages).
    for name in ("kpu-ntt-rapat-pleno", "polres-belu-narkoba"):
        text = warta("extract", "--format", "jsonl", "--reference-date", "2025-11-15",
                     os.path.join(ROOT, "corpus", name + ".txt"))
        pdf = warta("extract", "--format", "jsonl", "--reference-date", "2025-11-15", os.path.join(PDFS, name + ".pdf"))
        check(f"{name}.pdf is read (exit 0)", pdf.returncode == 0, pdf.stderr)
        t, p = entities(records(text.stdout)[0]), entities(records(pdf.stdout)[0])
        for key in t:
            check(f"{name}.pdf gives the {key} of {name}.txt", t[key] == p[key], f"\n  txt {t[key]}\n  pdf {p[key]}")
        check(f"{name}.pdf has people", len(p["people"]) >= 2)
        check(f"{name}.pdf has dates", len(p["dates"]) >= 2)

    r = records(warta("extract", "--format", "jsonl", os.path.join(PDFS, "kpu-ntt-rapat-pleno.pdf")).stdout)[0]
    meta = r.get("meta", {}).get("pdf", {})
    check("a PDF's metadata is under meta.pdf", meta.get("pages") == 1 and meta.get("created") == "2025-10-29T14:30:00+08:00",
          str(meta))
    check("a PDF's creation date is no publication date", r["published"] is None)
    check("… nor its reference date (no full date near its top: today)", r["reference_date_source"] == "today",
          f'{r["reference_date"]} {r["reference_date_source"]}')

    # Known by extension, by signature (no extension, stdin), or by --input pdf.
    os.makedirs("arsip/sub")
    shutil.copy(os.path.join(PDFS, "kpu-ntt-rapat-pleno.pdf"), "arsip/rilis.PDF")
    shutil.copy(os.path.join(PDFS, "polres-belu-narkoba.pdf"), "arsip/sub/tanpa-ekstensi")
    shutil.copy(os.path.join(PDFS, "scan.pdf"), "arsip/pindaian.pdf")
    with open("arsip/catatan.txt", "w") as f:
        f.write("Catatan rapat di Kupang.\n")
    run = warta("extract", "--format", "jsonl", "arsip")
    recs = {os.path.basename(x["id"]): x for x in records(run.stdout)}
    check("a folder's PDFs are read as PDF, by extension and by signature",
          "pdf" in recs.get("rilis.PDF", {}).get("meta", {}) and "pdf" in recs.get("tanpa-ekstensi", {}).get("meta", {}),
          str(list(recs)))
    check("a scanned PDF in a folder gets an error record; the others are processed (exit 1)",
          run.returncode == 1 and recs.get("pindaian.pdf", {}).get("error", {}).get("code") == "no-text-layer"
          and "error" not in recs.get("catatan.txt", {"error": 1}), run.stderr)
    check("the scan's error is on stderr, naming the file",
          "pindaian.pdf: no text layer: scanned?" in run.stderr, run.stderr)
    with open(os.path.join(PDFS, "polres-belu-narkoba.pdf"), "rb") as f:
        data = f.read()
    piped = warta("extract", "--format", "jsonl", "--reference-date", "2025-11-15", stdin=data)
    direct = warta("extract", "--format", "jsonl", "--reference-date", "2025-11-15", os.path.join(PDFS, "polres-belu-narkoba.pdf"))
    check("a PDF on standard input is read as PDF",
          piped.returncode == 0 and entities(records(piped.stdout)[0]) == entities(records(direct.stdout)[0]))
    shutil.copy(os.path.join(PDFS, "kpu-ntt-rapat-pleno.pdf"), "rilis.dat")
    forced = warta("extract", "--format", "jsonl", "--input", "pdf", "rilis.dat")
    check("--input pdf reads a PDF whatever its name", forced.returncode == 0 and "pdf" in records(forced.stdout)[0].get("meta", {}))

    # Files that cannot be read: an error record each, a line on stderr, exit 1, never a crash.
    for name, code, words in (("scan.pdf", "no-text-layer", "no text layer: scanned?"),
                              ("locked.pdf", "pdf-encrypted", "needs a password"),
                              ("broken.pdf", "pdf-broken", "not a readable PDF")):
        run = warta("extract", "--format", "jsonl", os.path.join(PDFS, name), os.path.join(ROOT, "corpus", "kpu-ntt-rapat-pleno.txt"))
        recs = records(run.stdout)
        check(f"{name}: exit 1, error {code}, the next file processed",
              run.returncode == 1 and len(recs) == 2 and recs[0].get("error", {}).get("code") == code
              and "error" not in recs[1], f"rc={run.returncode} {run.stdout[:300]}")
        check(f"{name}: stderr says '{words}' and names the file", words in run.stderr and name in run.stderr, run.stderr)
    run = warta("extract", "--format", "jsonl", os.path.join(PDFS, "protected.pdf"))
    check("a PDF encrypted with an owner password only is read",
          run.returncode == 0 and "Yohanes Lado" in [p["name"] for p in records(run.stdout)[0]["people"]], run.stdout[:300])
    with open("potong.pdf", "wb") as f:
        f.write(data[: len(data) // 2])
    run = warta("extract", "--format", "jsonl", "potong.pdf")
    check("a PDF cut in half gives a record (text or error), not a crash", run.returncode in (0, 1) and len(records(run.stdout)) == 1,
          f"rc={run.returncode} {run.stderr}")


def published_tests():
    lines = [
        {"id": "iso-date", "text": "Rapat digelar hari ini.", "published": "2019-09-17"},
        {"id": "iso-time", "text": "Rapat digelar hari ini.", "published": "2019-09-17T14:40:00+07:00"},
        {"id": "iso-space", "text": "Rapat digelar hari ini.", "published": "2019-09-17 14:40:00"},
        {"id": "dmy", "text": "Rapat digelar hari ini.", "published": "17/09/2019"},
        {"id": "indonesian", "text": "Rapat digelar hari ini.", "published": "Selasa, 17 September 2019 14:40 WIB"},
        {"id": "rfc2822", "text": "Rapat digelar hari ini.", "published": "Tue, 17 Sep 2019 14:40:00 +0700"},
        {"id": "bad1", "text": "Rapat digelar hari ini, Kamis (19/9/2019).", "published": "17-Sept-19"},
        {"id": "bad2", "text": "Rapat digelar hari ini.", "published": "kemarin sore"},
    ]
    with open("news.jsonl", "w") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")
    run = warta("extract", "--format", "jsonl", "news.jsonl")
    recs = {r["id"]: r for r in records(run.stdout)}
    expected = {"iso-date": "2019-09-17", "iso-time": "2019-09-17T14:40:00+07:00", "iso-space": "2019-09-17T14:40:00",
                "dmy": "2019-09-17", "indonesian": "2019-09-17T14:40+07:00", "rfc2822": "2019-09-17T14:40:00+07:00"}
    for id_, value in expected.items():
        r = recs.get(id_, {})
        check(f"published {id_} is read with its time and zone", r.get("published") == value
              and r.get("reference_date") == "2019-09-17" and r.get("reference_date_source") == "published",
              f'{r.get("published")} {r.get("reference_date")} {r.get("reference_date_source")}')
    bad = recs.get("bad1", {})
    check("an unreadable published is null, warned in the record naming file:line",
          bad.get("published") is None and any(w["code"] == "bad-published" and "news.jsonl:7" in w["message"]
                                              for w in bad.get("warnings", [])), str(bad.get("warnings")))
    check("… and the document falls back to the date in its text",
          bad.get("reference_date") == "2019-09-19" and bad.get("reference_date_source") == "text")
    check("unreadable published values are counted on stderr with file:line",
          "2 publication date(s) not understood" in run.stderr and 'news.jsonl:7: "17-Sept-19"' in run.stderr
          and 'news.jsonl:8: "kemarin sore"' in run.stderr and run.returncode == 0, run.stderr)
    quiet = warta("extract", "-q", "--format", "jsonl", "news.jsonl")
    check("-q leaves the count out", "not understood" not in quiet.stderr, quiet.stderr)
    # The same count whatever the number of threads.
    many = warta("extract", "-j", "3", "--format", "jsonl", "news.jsonl")
    check("the count and its examples do not depend on -j", many.stderr == run.stderr, many.stderr)


def undated_tests():
    with open("rilis.txt", "w") as f:
        f.write("Polisi Tangkap Dua Pelaku\n\nPolisi menangkap dua pelaku pencurian, Kamis (19/9/2019). "
                "\"Pelaku kami amankan hari ini,\" kata Kapolres.\n\nRapat evaluasi digelar pada 1 Januari 2019.\n")
    r = records(warta("extract", "--format", "jsonl", "rilis.txt").stdout)[0]
    check("an undated release takes its reference date from its text (source text)",
          r["reference_date"] == "2019-09-19" and r["reference_date_source"] == "text", f'{r["reference_date"]} {r["reference_date_source"]}')
    check("… against which 'hari ini' resolves", any(d["text"] == "hari ini" and d["value"] == "2019-09-19" for d in r["dates"]))
    r = records(warta("extract", "--format", "jsonl", "--reference-date", "2026-12-01", "rilis.txt").stdout)[0]
    check("--reference-date still wins", r["reference_date"] == "2026-12-01" and r["reference_date_source"] == "option")
    with open("dateline.txt", "w") as f:
        f.write("Rapat Pleno\n\nJakarta, 2 Oktober 2019 - Rapat digelar hari ini, setelah rapat Kamis (19/9/2019).\n")
    r = records(warta("extract", "--format", "jsonl", "dateline.txt").stdout)[0]
    check("a dated dateline comes before the text's dates", r["reference_date"] == "2019-10-02" and r["reference_date_source"] == "dateline")
    with open("typo.txt", "w") as f:
        f.write("Kebakaran di Bekasi\n\nWarga diwawancarai Kamis (12/9/2109). Api padam pada 13 September 2019.\n")
    r = records(warta("extract", "--format", "jsonl", "typo.txt").stdout)[0]
    check("a date after the day of the run is passed over", r["reference_date"] == "2019-09-13", r["reference_date"])
    with open("weekday.txt", "w") as f:
        f.write("Kebakaran di Bekasi\n\nWarga diwawancarai Rabu (12/9/2019). Api padam Jumat (13/9/2019).\n")
    r = records(warta("extract", "--format", "jsonl", "weekday.txt").stdout)[0]
    check("a date written with a true weekday comes before one whose weekday contradicts it",
          r["reference_date"] == "2019-09-13", r["reference_date"])
    with open("late.txt", "w") as f:
        f.write("Catatan\n\n" + "Rapat digelar di Kupang dan dihadiri banyak pihak. " * 30 + "Rapat ditutup Senin (16/9/2019).\n")
    r = records(warta("extract", "--format", "jsonl", "late.txt").stdout)[0]
    check("a date far from the top is not the document's date", r["reference_date_source"] == "today", r["reference_date_source"])


def archive_tests():
    os.makedirs("docs")
    with open("docs/a.txt", "w") as f:
        f.write("Rapat Pleno\n\nPolisi menangkap dua pelaku, Kamis (19/9/2019), di Kupang.\n")
    with open("docs/b.txt", "w") as f:
        f.write("Rapat Kedua\n\nJakarta, 2 Oktober 2019 - Rapat kedua digelar hari ini.\n")
    with open("docs/c.txt", "w") as f:
        f.write("Tanpa Tanggal\n\nRapat ketiga digelar hari ini.\n")
    with open("docs/d.jsonl", "w") as f:
        f.write(json.dumps({"id": "d", "text": "Rapat keempat, Kamis (19/9/2019).", "published": "Selasa, 17 September 2019 14:40 WIB"}) + "\n")
    run = warta("index", "-q", "-o", "arsip.db", "--reference-date", "2026-12-01", "docs")
    check("index with --reference-date runs", run.returncode == 0, run.stderr)
    dates = dict(sqlite3.connect("arsip.db").execute("SELECT id, date FROM documents").fetchall())
    check("the archive files each document under published, else its own date, only then --reference-date",
          dates == {"a.txt": "2019-09-19", "b.txt": "2019-10-02", "c.txt": "2026-12-01", "d": "2019-09-17"},
          str(dates))
    run = warta("search", "arsip.db", "--from", "2019-09-01", "--to", "2019-09-30", "--format", "jsonl")
    check("search --from/--to finds documents by their own dates", sorted(r["id"] for r in records(run.stdout)) == ["a.txt", "d"],
          run.stdout[:300])


def html_tests():
    with open("berita.html", "w") as f:
        f.write('<html><head><link rel="canonical" href="https://kpu.go.id/berita/rapat-pleno">'
                '<meta property="og:url" content="https://m.kpu.go.id/rapat">'
                '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-09-17T14:40:00+07:00"}</script>'
                '</head><body><article><h1>Rapat Pleno</h1><p>Rapat digelar hari ini di Kupang.</p></article></body></html>')
    r = records(warta("extract", "--format", "jsonl", "berita.html").stdout)[0]
    check("HTML url is the canonical link", r["url"] == "https://kpu.go.id/berita/rapat-pleno", str(r["url"]))
    check("HTML published keeps its time and zone", r["published"] == "2019-09-17T14:40:00+07:00", str(r["published"]))


if __name__ == "__main__":
    main()
