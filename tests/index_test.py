#!/usr/bin/env python3
"""End-to-end tests of `warta index`, `warta search` and `warta stats` on the real binary.

  tests/index_test.py build/warta

Guards: idempotent re-indexing; a run killed mid-way (SIGKILL) and rerun ends with the same
database content as an uninterrupted run; facet and full-text search; clear errors for a
foreign database. Prints "N passed, N failed".
"""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

WARTA = os.path.abspath(sys.argv[1])
PASSED = FAILED = 0


def check(name, ok, detail=""):
    global PASSED, FAILED
    if ok:
        PASSED += 1
    else:
        FAILED += 1
        print(f"FAIL: {name} {detail}")


def warta(*args, **kw):
    return subprocess.run([WARTA, *args], capture_output=True, text=True, **kw)


def content(db):
    """Everything a user can see of an archive, independent of row ids."""
    con = sqlite3.connect(db)
    docs = con.execute("SELECT id, sha256, title, date, record FROM documents ORDER BY id").fetchall()
    facets = {}
    for table in ("people", "roles", "organizations", "places", "dates", "quotes"):
        cols = [c[1] for c in con.execute(f"PRAGMA table_info({table})") if c[1] not in ("doc", "row")]
        facets[table] = sorted(con.execute(
            f"SELECT d.id, {', '.join('t.' + c for c in cols)} FROM {table} t JOIN documents d USING (doc)").fetchall(),
            key=repr)
    fts = sorted(con.execute("SELECT d.id FROM fts JOIN documents d ON d.doc = fts.rowid "
                             "WHERE fts MATCH 'Kupang'").fetchall())
    con.close()
    return docs, facets, fts


PLACES = ["Kupang", "Kabupaten Kupang", "Samarinda", "Kutai Kartanegara", "Ende", "Atambua"]
PEOPLE = ["Yohanes Bria", "Reni Rinjani", "Samsul Kadir", "Maria Goreti Ina", "Ahmad Fauzi", "Theresia Lado"]


def corpus(path, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            place, person = PLACES[i % len(PLACES)], PEOPLE[i % len(PEOPLE)]
            text = (f"KPU Gelar Rapat Koordinasi {i}\n{place.split()[-1]} - Ketua KPU Provinsi Nusa Tenggara Timur "
                    f"{person} membuka rapat koordinasi di {place}, Senin (27/10). \u201cKami siap melayani "
                    f"pemilih,\u201d ujar {person.split()[0]}. Rapat ke-{i} membahas tata kelola data pemilih "
                    f"berkelanjutan bersama Bawaslu.")
            day = 1 + i % 28
            f.write(json.dumps({"id": f"doc{i:05d}", "text": text, "published": f"2025-10-{day:02d}"}) + "\n")


with tempfile.TemporaryDirectory() as d:
    small, big = os.path.join(d, "small.jsonl"), os.path.join(d, "big.jsonl")
    corpus(small, 60)
    corpus(big, 12000)
    db1, db2, db3 = (os.path.join(d, f"a{k}.db") for k in (1, 2, 3))

    # Indexing and idempotent re-indexing
    r = warta("index", "-o", db1, small)
    check("index exits 0", r.returncode == 0, r.stderr)
    check("index reports what it added", "60 added" in r.stderr, r.stderr)
    r = warta("index", "-o", db1, small)
    check("re-indexing the same corpus changes nothing", "60 unchanged" in r.stderr and "0 added" in r.stderr, r.stderr)
    with open(small, encoding="utf-8") as f:
        lines = f.readlines()
    lines[0] = lines[0].replace("tata kelola", "tata laksana")
    with open(small, "w", encoding="utf-8") as f:
        f.writelines(lines)
    r = warta("index", "-o", db1, small)
    check("a changed document is replaced, the rest unchanged",
          "1 replaced" in r.stderr and "59 unchanged" in r.stderr, r.stderr)

    # Search and stats
    r = warta("search", db1, "tata laksana", "--format", "jsonl")
    ids = [json.loads(x)["id"] for x in r.stdout.splitlines()]
    check("full text finds the changed document only", ids == ["doc00000"], ids)
    r = warta("search", db1, "--person", "reni rinjani", "--format", "jsonl")
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    check("person facet", len(recs) == 10 and all(any(p["name"] == "Reni Rinjani" for p in x["people"]) for x in recs),
          f"{len(recs)} records")
    r = warta("search", db1, "--place", "53", "--limit", "100", "--format", "jsonl")
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    check("a province code finds the places below it",
          recs and all(any((p["code"] or "").startswith("53") for p in x["places"]) for x in recs), f"{len(recs)}")
    r = warta("search", db1, "--from", "2025-10-05", "--to", "2025-10-06", "--limit", "100", "--format", "jsonl")
    dates = {json.loads(x)["published"] for x in r.stdout.splitlines()}
    check("date range filters on the document date", dates == {"2025-10-05", "2025-10-06"}, dates)
    r = warta("search", db1, "pemilih", "--org", "Bawaslu", "--limit", "3")
    check("table output shows a highlighted snippet", r.returncode == 0 and "[pemilih]" in r.stdout.lower(), r.stdout)
    r = warta("stats", db1)
    check("stats counts the documents", r.returncode == 0 and "documents      60" in r.stdout, r.stdout[:200])

    # Errors
    foreign = os.path.join(d, "foreign.db")
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    r = warta("search", foreign, "x")
    check("a foreign database is refused with exit 2", r.returncode == 2 and "not a warta archive" in r.stderr, r.stderr)
    r = warta("search", db1, '"unbalanced')
    check("a bad query is exit 2 naming the query", r.returncode == 2 and "unbalanced" in r.stderr, r.stderr)
    r = warta("index", small)
    check("index without -o is a usage error", r.returncode == 2, r.stderr)

    # A run killed mid-way, then rerun, equals an uninterrupted run
    r = warta("index", "-j2", "-o", db2, big)
    check("uninterrupted run", r.returncode == 0, r.stderr)
    # -j1 stores documents in batches (of 64; 12000 leaves a part batch at the end): the same
    # archive as -j2's
    db4 = os.path.join(d, "a4.db")
    r = warta("index", "-j1", "-o", db4, big)
    check("a -j1 run exits 0", r.returncode == 0, r.stderr)
    check("-j1 stores what -j2 stores", content(db2) == content(db4))
    p = subprocess.Popen([WARTA, "index", "-j2", "-o", db3, big], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed = False
    deadline = time.time() + 120
    while time.time() < deadline and p.poll() is None:
        try:
            con = sqlite3.connect(f"file:{db3}?mode=ro", uri=True, timeout=1)
            n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.Error:
            n = 0
        if n >= 1000:
            p.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.02)
    p.wait()
    r = warta("index", "-j2", "-o", db3, big)
    check("the rerun after the kill exits 0", r.returncode == 0, r.stderr)
    if not killed:
        print("note: the first run finished before it could be killed; the comparison still holds")
    check("killed and rerun equals uninterrupted", content(db2) == content(db3))

print(f"index: {PASSED} passed, {FAILED} failed")
print(f"{PASSED} passed, {FAILED} failed")
sys.exit(1 if FAILED else 0)
