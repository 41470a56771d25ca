#!/usr/bin/env bash
# End-to-end tests of archive-scale runs with the real binary: --resume after a cut-short
# file, Ctrl-C and a crash; a corpus cut into parts equals the one-shot run (GNU parallel
# --pipe, Hadoop Streaming); byte-identical output for -j1/-j2 and across runs; progress and
# summary; bounded memory; HTML boilerplate, title and date; legacy encodings.
#   tests/archive_test.sh build/warta .
# Each check names the behaviour it guards. Prints "N passed, N failed".
set -u
WARTA=$(realpath "$1")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
PASS=0 FAIL=0
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
check() { local name=$1; shift; if "$@"; then PASS=$((PASS + 1)); else bad "$name"; fi; }
W() { "$WARTA" "$@" --reference-date 2025-11-01; }

# A corpus in the register of regional press releases: 600 documents with ids, of varied
# length, a few with a published date and extra fields.
python3 - <<'EOF'
import json, random
rng = random.Random(7)
places = ["Kupang", "Ende", "Atambua", "Maumere", "Labuan Bajo", "Waingapu", "Soe", "Kefamenanu"]
offices = ["KPU Provinsi NTT", "Dinas Kesehatan", "Bawaslu Kabupaten", "Dinas Pendidikan", "BPBD"]
lines = [
    "{p} – {o} menggelar rapat koordinasi persiapan tahapan kegiatan, Senin (27/10).",
    "Kegiatan tersebut dihadiri perwakilan pemerintah daerah dan tokoh masyarakat setempat.",
    "\u201cKami berharap seluruh pihak mendukung pelaksanaan program ini,\u201d ujar Kepala {o}.",
    "Rapat berlangsung di aula kantor {o} sejak pukul 09.00 WITA hingga siang hari.",
    "Peserta juga membahas anggaran sebesar Rp1,2 miliar untuk kegiatan tahun 2026.",
    "Selanjutnya tim akan melakukan pemantauan ke {p} dan kecamatan sekitarnya.",
]
with open("corpus.jsonl", "w") as f:
    for i in range(600):
        p, o = rng.choice(places), rng.choice(offices)
        text = " ".join(rng.choice(lines).format(p=p, o=o) for _ in range(rng.randint(2, 14)))
        rec = {"id": f"rilis-{i:04d}", "text": text}
        if i % 5 == 0: rec["published"] = "2025-10-%02d" % (1 + i % 28)
        if i % 7 == 0: rec["kanal"] = "daerah"
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
EOF
W extract -j2 -o full.jsonl corpus.jsonl
check "the one-shot run writes every record" test "$(wc -l < full.jsonl)" = 600

# --resume: a file cut inside a record is repaired and completed, nothing lost or doubled.
head -n 250 full.jsonl > part.jsonl
sed -n 251p full.jsonl | head -c 100 >> part.jsonl
W extract -j2 --resume -o part.jsonl corpus.jsonl 2>err; rc=$?
check "resume after a cut-short line: exit 0" test $rc = 0
check "resume after a cut-short line: the file equals the one-shot output" cmp -s part.jsonl full.jsonl
check "resume names the repaired record on stderr" grep -q "cut-short" err
W extract -j1 --resume -o part.jsonl corpus.jsonl
check "resume of a finished file adds nothing" cmp -s part.jsonl full.jsonl
rm -f fresh.jsonl
W extract --resume -o fresh.jsonl corpus.jsonl
check "resume without an existing file is a fresh run" cmp -s fresh.jsonl full.jsonl

# --resume counts repeated ids: the same corpus twice, cut inside the second copy.
cp corpus.jsonl copy.jsonl
W extract -j2 -o twice.jsonl corpus.jsonl copy.jsonl
head -n 900 twice.jsonl > twice-part.jsonl
W extract -j2 --resume -o twice-part.jsonl corpus.jsonl copy.jsonl
check "resume with repeated ids skips each only as often as written" cmp -s twice-part.jsonl twice.jsonl

# Error records count as written: a resumed run does not write them again.
printf '%s\n' '{"id":"e1","text":"Rapat di Ende."}' '{"id":"e2","text":"putus' '{"id":"e3"}' '{"id":"e4","text":"Selesai."}' > errs.jsonl
W extract -o errs-full.jsonl errs.jsonl 2>/dev/null
head -n 3 errs-full.jsonl > errs-part.jsonl
W extract --resume -o errs-part.jsonl errs.jsonl 2>/dev/null; rc=$?
check "resume does not repeat error records (and reports no failure it did not meet)" \
  bash -c "test $rc = 0 && cmp -s errs-part.jsonl errs-full.jsonl"

# es-bulk: an action line whose record was never written is dropped and written again.
W extract --format es-bulk -o full.bulk corpus.jsonl
head -n 301 full.bulk > part.bulk
W extract --format es-bulk --resume -o part.bulk corpus.jsonl 2>/dev/null
check "es-bulk resume after a lone action line equals the one-shot output" cmp -s part.bulk full.bulk

# Set-up errors of --resume exit 2 with one line naming what is wrong.
W extract --resume corpus.jsonl >/dev/null 2>err; rc=$?
check "--resume without -o exits 2" bash -c "test $rc = 2 && grep -q -- '-o' err"
W extract --resume --format json -o x.json corpus.jsonl >/dev/null 2>err; rc=$?
check "--resume with --format json exits 2" test $rc = 2
printf 'not json\n' > junk.jsonl
W extract --resume -o junk.jsonl corpus.jsonl >/dev/null 2>err; rc=$?
check "--resume from a file that is not records exits 2 naming FILE:LINE" bash -c "test $rc = 2 && grep -q 'junk.jsonl:1' err"
check "--resume leaves a foreign file untouched" test "$(cat junk.jsonl)" = "not json"
cp part.bulk mixed.bulk
W extract --resume -o mixed.bulk corpus.jsonl >/dev/null 2>err; rc=$?
check "--resume of an es-bulk file as jsonl exits 2 and leaves it alone" \
  bash -c "test $rc = 2 && grep -q 'format es-bulk' err && cmp -s mixed.bulk part.bulk"
cp full.jsonl mixed.jsonl
W extract --resume --format es-bulk -o mixed.jsonl corpus.jsonl >/dev/null 2>err; rc=$?
check "--resume of a jsonl file as es-bulk exits 2" bash -c "test $rc = 2 && grep -q 'format jsonl' err"

# Ctrl-C and a crash mid-run: every written record is whole, a resumed run completes the file.
python3 -c "
import json
for i in range(6000):
    print(json.dumps({'id': 'b%05d' % i, 'text': 'Bupati Ende meresmikan jembatan baru di Kecamatan Ndona, Senin (27/10). ' * 40}))
" > big.jsonl
W extract -j2 -o big-full.jsonl big.jsonl
for sig in INT KILL; do
  rm -f big-part.jsonl
  "$WARTA" extract -j2 --reference-date 2025-11-01 -o big-part.jsonl big.jsonl 2>/dev/null &
  pid=$!
  for _ in $(seq 1 100); do [ -s big-part.jsonl ] && break; sleep 0.05; done
  sleep 0.2
  kill -s $sig $pid 2>/dev/null
  { wait $pid; } 2>/dev/null; rc=$?
  n=$(wc -l < big-part.jsonl); [ -n "${VERBOSE:-}" ] && echo "SIG$sig after $n of 6000 records (exit $rc)"
  if [ $sig = INT ]; then
    check "Ctrl-C ends with 130 (or 0 when already done)" bash -c "test $rc = 130 || test $rc = 0"
    check "Ctrl-C leaves only whole records" python3 -c "
import json; [json.loads(l) for l in open('big-part.jsonl')]; assert open('big-part.jsonl','rb').read().endswith(b'\n')"
  fi
  check "SIG$sig mid-run wrote a prefix of the one-shot output" python3 -c "
a = open('big-part.jsonl', 'rb').read(); b = open('big-full.jsonl', 'rb').read()
cut = a.rfind(b'\n') + 1
assert b.startswith(a[:cut])"
  W extract -j2 --resume -o big-part.jsonl big.jsonl 2>/dev/null
  check "after SIG$sig ($n lines written), --resume completes the file without duplicates" cmp -s big-part.jsonl big-full.jsonl
done

# issue 15: ids do not depend on the working directory. An archive indexed from two
# working directories (and spellings of the folder) stays unchanged the second time; a
# --resume from elsewhere completes the file without writing a document twice.
mkdir -p rel/arsip/2025 rel/arsip/2024
for i in 1 2 3 4 5 6; do
  printf 'Rilis %d: Bupati Ende meresmikan jembatan di Kecamatan Ndona, Senin (27/10).\n' $i > rel/arsip/202$((4 + i % 2))/r$i.txt
done
head -n 20 corpus.jsonl > rel/arsip/2025/berita.jsonl
sed -n 21,25p corpus.jsonl | python3 -c "
import json, sys
for l in sys.stdin: r = json.loads(l); del r['id']; print(json.dumps(r))" > rel/arsip/tanpa-id.jsonl
(cd rel && W index -q -o ../rel.db arsip)
python3 -c "import sqlite3; c = sqlite3.connect('rel.db'); open('rel1.txt', 'w').write(repr(c.execute('SELECT id, sha256, record FROM documents ORDER BY id').fetchall()))"
(cd rel/arsip/2025 && W index -o ../../../rel.db .. 2>../../../err)
python3 -c "import sqlite3; c = sqlite3.connect('rel.db'); open('rel2.txt', 'w').write(repr(c.execute('SELECT id, sha256, record FROM documents ORDER BY id').fetchall()))"
check "index from another working directory: every document unchanged" grep -q ' 0 added, 0 replaced, 31 unchanged' err
check "index from another working directory: the archive's documents are the same" cmp -s rel1.txt rel2.txt
check "index ids are the paths below the folder" python3 -c "
import sqlite3; ids = [r[0] for r in sqlite3.connect('rel.db').execute('SELECT id FROM documents ORDER BY id')]
assert '2024/r2.txt' in ids and '2025/r1.txt' in ids and 'tanpa-id.jsonl#3' in ids and len(ids) == 31, ids"
(cd rel && W extract -o ../rel-full.jsonl arsip)
head -n 10 rel-full.jsonl > rel-part.jsonl
(cd rel/arsip && W extract --resume -o ../../rel-part.jsonl "$T/rel/arsip/")
check "--resume from another working directory completes the file (source.path as given aside)" python3 -c "
import json
def records(f):
    rs = [json.loads(l) for l in open(f)]
    for r in rs: r['source'].pop('path')
    return rs
assert records('rel-part.jsonl') == records('rel-full.jsonl')"
# A file begun by a warta whose ids were the paths as given is completed, not doubled.
python3 -c "
import json
lines = open('rel-full.jsonl').read().splitlines()[:28]
for l in lines:
    r = json.loads(l)
    if not r['id'].startswith('rilis-'): r['id'] = 'arsip/' + r['id']
    print(json.dumps(r, ensure_ascii=False, separators=(',', ':')))" > rel-old.jsonl
(cd rel && W extract --resume -o ../rel-old.jsonl arsip)
check "--resume completes a file written with the older ids (paths as given)" python3 -c "
import json; ids = [json.loads(l)['id'] for l in open('rel-old.jsonl')]
assert len(ids) == len(set(ids)) == 31 and ids[:2] == ['arsip/2024/r2.txt', 'arsip/2024/r4.txt'], ids
assert ids[26:] == ['arsip/tanpa-id.jsonl#1', 'arsip/tanpa-id.jsonl#2', 'tanpa-id.jsonl#3', 'tanpa-id.jsonl#4', 'tanpa-id.jsonl#5'], ids"

# A stateless filter: the corpus cut into parts, each run alone on stdin, concatenated,
# equals the one-shot run (what GNU parallel --pipe, Hadoop Streaming and RDD.pipe do).
W extract --input jsonl < corpus.jsonl > oneshot.jsonl
split -l 77 corpus.jsonl piece.
for p in piece.*; do W extract --input jsonl < "$p"; done > pieces.jsonl
check "parts run separately concatenate to the one-shot output" cmp -s pieces.jsonl oneshot.jsonl
if command -v parallel >/dev/null; then
  parallel --will-cite --pipe -k -N 50 "$WARTA" extract --input jsonl --reference-date 2025-11-01 \
    < corpus.jsonl > parallel.jsonl
  check "GNU parallel --pipe -k gives the one-shot output" cmp -s parallel.jsonl oneshot.jsonl
fi

# A mixed archive: directories, text, HTML, jsonl, Windows-1252; same bytes for -j1, -j2, twice.
mkdir -p arsip/2024 arsip/2025
printf 'Pemkab Soe Gelar Musrenbang\nSoe – Pemerintah Kabupaten menggelar musyawarah, Selasa (28/10).\n' > arsip/2025/a.txt
printf 'Rapat Dinas \x93Pendidikan\x94 di Kupang \x96 hasilnya baik. Caf\xe9 ditutup.\n' > arsip/2024/cp1252.txt
printf '<html><head><meta property="og:title" content="Banjir di Ende"></head><body><nav>Beranda Berita</nav><p>Ende – Banjir melanda dua desa.</p><footer>Hak cipta</footer></body></html>' > arsip/2025/b.html
head -n 30 corpus.jsonl > arsip/2025/c.jsonl
W extract -j1 arsip > mix1.jsonl
W extract -j2 arsip > mix2.jsonl
W extract -j2 arsip > mix3.jsonl
check "-j1 and -j2 give the same bytes" cmp -s mix1.jsonl mix2.jsonl
check "two runs give the same bytes" cmp -s mix2.jsonl mix3.jsonl
check "a directory is read in byte order of path, jsonl by line" python3 -c "
import json; ids=[json.loads(l)['id'] for l in open('mix1.jsonl')]
assert ids[:3]==['2024/cp1252.txt','2025/a.txt','2025/b.html'] and ids[3]=='rilis-0000' and len(ids)==33"
"$WARTA" extract --include text arsip/2024/cp1252.txt > cp.json
check "Windows-1252 is decoded, with a warning naming the encoding" python3 -c "
import json; r=json.load(open('cp.json'))
assert '\u201cPendidikan\u201d' in r['text'] and 'Café' in r['text'] and '\u2013' in r['text']
assert any(w['code']=='decoded-charset' and 'windows-1252' in w['message'] for w in r['warnings'])"

# Progress and summary go to stderr only when asked (or on a terminal), never with --quiet.
W extract corpus.jsonl > /dev/null 2>err
check "no terminal: nothing on stderr" test ! -s err
W extract --progress -o p.jsonl corpus.jsonl 2>err
check "--progress: a one-line summary naming documents, MB/s and the output" \
  bash -c "tail -c 300 err | tr '\r' '\n' | tail -n 1 | grep -q '600 documents.*MB/s.*0 failed.*p.jsonl'"
W extract --progress --quiet corpus.jsonl > /dev/null 2>err
check "--quiet wins over --progress" test ! -s err

# Memory is bounded by the queue, not by the corpus: ten copies need no more than one.
# (Not under AddressSanitizer, whose quarantine of freed memory grows with the work done.)
if [ -x /usr/bin/time ] && [ -z "${ASAN_OPTIONS:-}" ]; then
  /usr/bin/time -f %M -o rss1 "$WARTA" extract -j2 --quiet corpus.jsonl > /dev/null
  /usr/bin/time -f %M -o rss10 "$WARTA" extract -j2 --quiet corpus.jsonl corpus.jsonl corpus.jsonl corpus.jsonl \
    corpus.jsonl corpus.jsonl corpus.jsonl corpus.jsonl corpus.jsonl corpus.jsonl > /dev/null
  check "peak RSS of ten copies ($(cat rss10) KB) within 20% + 8 MB of one ($(cat rss1) KB)" \
    test "$(cat rss10)" -le $(( $(cat rss1) * 12 / 10 + 8192 ))
fi

# HTML: visible story text only; title and publication date from the page's metadata.
cat > page.html <<'EOF'
<!doctype html><html><head><title>Portal | Pasar Oesao</title>
<meta property="og:title" content="Bupati Kupang Resmikan Pasar Rakyat Oesao">
<meta property="article:published_time" content="2025-10-27T09:15:00+08:00">
<script>var iklan = "SKRIP";</script><style>p{color:red}</style></head>
<body><header role="banner">Portal Berita NTT</header><nav><a>Beranda</a> <a>Politik</a></nav>
<aside><h3>Terpopuler</h3><time datetime="2024-01-01">1 Jan</time> Berita lain</aside>
<main><article><h1>Bupati Kupang Resmikan Pasar</h1>
<p>Kupang – Bupati Kupang meresmikan Pasar Rakyat Oesao, Senin (27/10).</p>
<div role="complementary">Bagikan: Facebook</div><p hidden>tersembunyi</p><p style="display: none">juga</p>
<p>Pasar dibangun dengan dana desa.<br>Pedagang menyambut baik.</p></article></main>
<footer>Hak cipta 2025 Portal</footer></body></html>
EOF
"$WARTA" extract --include text page.html > page.json
check "HTML: story text without nav, footer, aside, banner, script, hidden parts" python3 -c "
import json; r=json.load(open('page.json')); t=r['text']
assert t.startswith('Bupati Kupang Resmikan Pasar\n\nKupang') and t.endswith('Pedagang menyambut baik.'), t
assert not any(x in t for x in ['Beranda','Hak cipta','Terpopuler','Portal','SKRIP','color','Bagikan','tersembunyi','juga'])"
check "HTML: og:title is the title, article:published_time the reference date" python3 -c "
import json; r=json.load(open('page.json'))
assert r['title']=='Bupati Kupang Resmikan Pasar Rakyat Oesao' and r['reference_date']=='2025-10-27' and r['reference_date_source']=='published'"
printf '<html><head><title>Situs | Judul Tab</title></head><body><h1>Gubernur Tinjau Bendungan</h1><p>Teks <time datetime="2025-09-30">30/9</time>.</p></body></html>' > h1.html
"$WARTA" extract h1.html > h1.json
check "HTML: h1 before <title>, a <time datetime> as the published date" python3 -c "
import json; r=json.load(open('h1.json'))
assert r['title']=='Gubernur Tinjau Bendungan' and r['reference_date']=='2025-09-30'"
python3 -c "print('<html><body>' + '<div>' * 1000000 + 'Joko tiba di Ende.' + '</div>' * 1000000 + '</body></html>')" > deep.html
timeout 60 "$WARTA" extract --include text deep.html > deep.json; rc=$?
check "HTML nested a million deep: done in time, the text kept, a warning" python3 -c "
import json; r=json.load(open('deep.json'))
assert $rc == 0 and r['text']=='Joko tiba di Ende.' and any(w['code']=='html-too-deep' for w in r['warnings'])"

echo "archive: $PASS passed, $FAIL failed"
echo "$PASS passed, $FAIL failed"
[ $FAIL = 0 ]
