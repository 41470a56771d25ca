#!/usr/bin/env python3
"""End-to-end tests of `warta index`, `warta search` and `warta stats` on the real binary.

  tests/index_test.py build/warta

Guards: idempotent re-indexing; a run killed mid-way (SIGKILL) and rerun ends with the same
database content as an uninterrupted run; facet and full-text search; plain words with
punctuation never an error; totals, paging, facet counts and the tsv/csv/json formats;
search and stats on read-only storage (a read-only bind mount in a private mount namespace,
where `unshare` may mount) without writing a byte; clear errors for a foreign database.
Prints "N passed, N failed".
"""
import csv
import hashlib
import io
import shutil
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import checks
from checks import check

WARTA = os.path.abspath(sys.argv[1])




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
    # postings: posting = facet << 20 | epoch, docs = u16 offsets in the epoch of 4096 documents
    ids = dict(con.execute("SELECT doc, id FROM documents"))
    kinds = {f: (k, key) for f, k, key in con.execute("SELECT facet, kind, key FROM facets")}
    named = []
    for posting, blob in con.execute("SELECT posting, docs FROM postings"):
        start = (posting & 0xFFFFF) << 12
        for i in range(0, len(blob), 2):
            named.append((ids.get(start + int.from_bytes(blob[i:i + 2], "little")), *kinds[posting >> 20]))
    named.sort(key=repr)
    con.close()
    return docs, facets, fts, named


def fingerprint(path):
    """The bytes and modification time of a file, and which of its SQLite companions exist."""
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    return sha, os.stat(path).st_mtime_ns, [x for x in ("-wal", "-shm", "-journal") if os.path.exists(path + x)]


def can_mount():
    r = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt && umount /mnt"],
                       capture_output=True, text=True)
    return r.returncode == 0


def read_only(folder, *args):
    """Runs warta with `folder` mounted read-only at the same path, in a private mount namespace."""
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", folder, WARTA, *args],
                          capture_output=True, text=True)


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
    for q in ['"unbalanced', "bioskop-bioskop", "F-16", "Jakarta:", "Ma'ruf", "(", ")", "NOT", "title:", "NEAR(",
              "a OR", "2025", "'", "*", "--"]:
        r = warta("search", db1, "--", q) if q.startswith("-") else warta("search", db1, q)
        check(f"the query {q!r} is no error", r.returncode == 0 and "match" in r.stdout, r.stderr)
    r = warta("search", db1, "ke-0")
    check("a hyphenated word finds its text", r.stdout.startswith("1 document matches"), r.stdout[:200])
    r = warta("search", db1, "--from", "2025-13-01")
    check("a bad date is exit 2", r.returncode == 2 and "2025-13-01" in r.stderr, r.stderr)
    r = warta("search", os.path.join(d, "nosuch.db"), "x")
    check("a missing archive is exit 2 naming it", r.returncode == 2 and "nosuch.db: no such file" in r.stderr, r.stderr)
    check("searching a missing archive does not create it", not os.path.exists(os.path.join(d, "nosuch.db")))

    # Totals, paging, facets and formats
    r = warta("search", db1, "rapat", "--limit", "5")
    check("the table starts with the total", r.stdout.startswith("60 documents match\n"), r.stdout[:100])
    check("the table says how to get the next page", "--offset 5" in r.stdout, r.stdout[-200:])
    pages = [warta("search", db1, "--sort", "newest", "--limit", "25", "--offset", str(o), "--format", "jsonl")
             for o in (0, 25, 50)]
    ids = [json.loads(x)["id"] for p in pages for x in p.stdout.splitlines()]
    check("three pages hold every document once", len(ids) == 60 and len(set(ids)) == 60, len(ids))
    r = warta("search", db1, "--sort", "oldest", "--limit", "1", "--format", "jsonl")
    check("--sort oldest starts with the earliest date", json.loads(r.stdout)["published"] == "2025-10-01", r.stdout[:100])
    r = warta("search", db1, "rapat", "--limit", "3", "--format", "tsv")
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    check("tsv: a header and one row per hit", rows[0] == ["n", "id", "date", "title", "snippet", "rank"]
          and len(rows) == 4 and all(len(x) == 6 for x in rows), rows[:2])
    r = warta("search", db1, "rapat", "--limit", "3", "--offset", "2", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    check("csv: RFC 4180 rows numbered from the offset", len(rows) == 4 and rows[1][0] == "3", rows[:2])
    r = warta("search", db1, "--place", "53.71", "--facets", "--top", "3", "--format", "json")
    j = json.loads(r.stdout)
    places = {p["key"]: p["documents"] for p in j["facets"]["places"]}
    check("json: total, hits and facet counts", j["total"] == 20 and len(j["hits"]) == 20 and
          places.get("53.71") == 20 and all(k.startswith("53") for k in places) and len(j["facets"]["people"]) == 2,
          (j.get("total"), places))
    for fc in j["facets"]["people"] + j["facets"]["places"]:
        option = "--person" if fc in j["facets"]["people"] else "--place"
        rr = json.loads(warta("search", db1, "--place", "53.71", option, "=" + fc["key"], "--limit", "0",
                              "--format", "json").stdout)
        check(f"a facet count ({fc['label']}) equals the total of its filter", rr["total"] == fc["documents"],
              (rr["total"], fc))
    r = warta("search", db1, "koordinasi", "--facets", "--format", "tsv")
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    kinds = {x[0] for x in rows[1:]}
    check("tsv with --facets: the counts, by kind", rows[0] == ["kind", "key", "label", "code", "documents"]
          and {"people", "organizations", "places", "months"} <= kinds, rows[:3])
    r = warta("search", db1, "--facets", "--format", "jsonl")
    check("--facets with jsonl is a usage error", r.returncode == 2, r.stderr)
    r = warta("search", db1, "--facets", "koordinasi")
    check("table with --facets lists people and months", "\npeople (documents)\n" in r.stdout and
          "\nmonths (documents)\n" in r.stdout, r.stdout[-400:])
    r = warta("search", db1, "NOT", "koordinasi")
    check("a leading NOT finds the documents without the word", r.stdout.startswith("0 documents match"), r.stdout[:100])
    r = warta("search", db1, "NOT", "laksana", "--limit", "0")
    check("NOT laksana leaves 59 documents", r.stdout.startswith("59 documents match"), r.stdout[:100])

    # Read-only storage: the archive in a folder that cannot be written
    ro = os.path.join(d, "ro")
    os.mkdir(ro)
    shutil.copy(db1, os.path.join(ro, "a.db"))
    a = os.path.join(ro, "a.db")
    expected = warta("search", a, "rapat", "--facets", "--format", "json").stdout
    check("a finished archive needs no -wal or -shm to be read", fingerprint(a)[2] == [], fingerprint(a))
    if not can_mount():
        print("note: read-only mount tests skipped (unshare cannot mount here)")
    else:
        before = fingerprint(a)
        r = read_only(ro, "search", a, "rapat", "--facets", "--format", "json")
        check("search on a read-only mount", r.returncode == 0 and r.stdout == expected, r.stderr)
        r = read_only(ro, "stats", a)
        check("stats on a read-only mount", r.returncode == 0 and "documents      60" in r.stdout, r.stderr)
        check("nothing written on the read-only mount", fingerprint(a) == before, (before, fingerprint(a)))
        # An archive still in WAL mode (an older warta, or a writer open elsewhere when the
        # copy was taken), whose log is empty or gone: read as immutable.
        con = sqlite3.connect(a)
        con.execute("PRAGMA journal_mode=WAL")
        con.close()
        before = fingerprint(a)
        r = read_only(ro, "search", a, "rapat", "--facets", "--format", "json")
        check("a WAL-mode archive without its log on a read-only mount", r.returncode == 0 and r.stdout == expected,
              r.stderr)
        check("... and nothing written", fingerprint(a) == before and before[2] == [], (before, fingerprint(a)))
        # A WAL that holds a commit, its -shm lost: not readable there, and the message says why.
        subprocess.run([sys.executable, "-c", f"""
import os, sqlite3
con = sqlite3.connect({a!r}, isolation_level=None)
con.execute("PRAGMA wal_autocheckpoint=0")
con.execute("UPDATE documents SET path = coalesce(path, '') || ' ' WHERE doc = (SELECT min(doc) FROM documents)")
os._exit(0)"""], check=True)
        check("the crashed writer left a log", os.path.getsize(a + "-wal") > 0)
        r = read_only(ro, "search", a, "rapat")
        check("with its -shm present the log is read on a read-only mount", r.returncode == 0 and
              r.stdout.startswith("60 documents match"), r.stderr)
        os.remove(a + "-shm")
        r = read_only(ro, "search", a, "rapat")
        check("a log that cannot be read there is exit 2 naming it and what to do",
              r.returncode == 2 and "a.db-wal" in r.stderr and "writable" in r.stderr, r.stderr)
        r = warta("stats", a)
        check("where it is writable the log is read", r.returncode == 0 and "documents      60" in r.stdout, r.stderr)
        r = subprocess.run([WARTA, "index", "-o", a], stdin=subprocess.DEVNULL, capture_output=True, text=True)
        check("index of nothing folds the log in, as the message says", r.returncode == 0 and fingerprint(a)[2] == [],
              (r.stderr, fingerprint(a)))
        r = read_only(ro, "search", a, "rapat")
        check("... and the archive reads on the read-only mount again", r.returncode == 0, r.stderr)

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

print(f"index: {checks.passed} passed, {checks.failed} failed")
sys.exit(checks.report())
