#!/usr/bin/env bash
# End-to-end tests of the built binary: commands, inputs, formats, exit codes, bad input.
#   tests/cli_test.sh build/warta .
# Each check names the behaviour (and the bug) it guards. Prints "N passed, N failed".
set -u
WARTA=$(realpath "$1")
ROOT=$(realpath "${2:-.}")
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T"; rm -rf "$T"' EXIT
cd "$T"
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
# check NAME CONDITION...: runs the condition (a command) and records the result.
check() { local name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }
json() { python3 -c "import json,sys; d=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]; sys.exit(0 if eval(sys.argv[2]) else 1)" "$@"; }

printf 'KPU NTT Gelar Rapat Pleno\nKupang – Ketua KPU hadir pada Senin (27/10).\n' > a.txt
printf 'Rapat kedua berjalan lancar.\n' > b.txt

# --version and --help on every command
check "--version prints the version" bash -c "'$WARTA' --version | grep -q '^warta '"
check "--help exits 0" "$WARTA" --help >/dev/null
check "extract --help lists --reference-date" bash -c "'$WARTA' extract --help | grep -q -- --reference-date"
check "tokenize --help lists conllu" bash -c "'$WARTA' tokenize --help | grep -q conllu"

# exit status 2 for usage errors, with one line naming what is wrong
"$WARTA" extract --no-such-option a.txt >/dev/null 2>err; rc=$?
check "unknown option exits 2" test $rc = 2
check "unknown option is named" grep -q no-such-option err
"$WARTA" extract --reference-date 2025-13-45 a.txt >/dev/null 2>err; rc=$?
check "bad --reference-date exits 2" test $rc = 2
"$WARTA" extract missing.txt >/dev/null 2>err; rc=$?
check "missing file exits 2 and is named" bash -c "test $rc = 2 && grep -q missing.txt err"
"$WARTA" extract missing.txt nodir/ >/dev/null 2>err; rc=$?
check "only missing inputs: exit 2" bash -c "test $rc = 2 && grep -q missing.txt err"
"$WARTA" extract -o nodir/out.jsonl a.txt >/dev/null 2>err; rc=$?
check "-o into a missing directory exits 2" test $rc = 2
"$WARTA" frobnicate >/dev/null 2>err; rc=$?
check "unknown command exits 2" test $rc = 2

# stdin, files, directories; ids
echo 'Presiden tiba di Kupang.' | "$WARTA" extract --format jsonl > out.jsonl; rc=$?
check "stdin gives one record with id stdin" bash -c "test $rc = 0 && python3 -c \"import json; r=json.loads(open('out.jsonl').read()); assert r['id']=='stdin'\""
"$WARTA" extract --format jsonl a.txt b.txt > out.jsonl
check "two files give two records in order" json out.jsonl "[r['id'] for r in d]==['a.txt','b.txt']"
mkdir -p dir/sub && cp a.txt dir/z.txt && cp b.txt dir/sub/a.txt && cp a.txt dir/m.txt
"$WARTA" extract --format jsonl dir > out.jsonl
check "a directory is read recursively in byte order of path, ids the paths below it" json out.jsonl "[r['id'] for r in d]==['m.txt','sub/a.txt','z.txt']"
check "source has sha256 and bytes" json out.jsonl "len(d[0]['source']['sha256'])==64 and d[0]['source']['bytes']>0"

# the record: contract fields, title, dateline, reference date
"$WARTA" extract --format jsonl --reference-date 2025-11-01 a.txt > out.jsonl
check "record carries every contract field" json out.jsonl "all(k in d[0] for k in ['schema','id','source','title','dateline','reference_date','reference_date_source','people','organizations','places','dates','quotes','warnings'])"
check "schema is warta/1" json out.jsonl "d[0]['schema']=='warta/1'"
check "title is the first line" json out.jsonl "d[0]['title']=='KPU NTT Gelar Rapat Pleno'"
check "dateline place Kupang" json out.jsonl "d[0]['dateline']['place']=='Kupang'"
check "reference date from the option" json out.jsonl "d[0]['reference_date']=='2025-11-01' and d[0]['reference_date_source']=='option'"

# formats
"$WARTA" extract --format json a.txt > out.json
check "--format json is one pretty object for one document" python3 -c "import json; r=json.load(open('out.json')); assert r['id']=='a.txt'"
"$WARTA" extract --format json a.txt b.txt > out.json
check "--format json is an array for several documents" python3 -c "import json; r=json.load(open('out.json')); assert [x['id'] for x in r]==['a.txt','b.txt']"
"$WARTA" extract --format es-bulk a.txt b.txt > out.bulk
check "es-bulk: an action line before each record" python3 -c "
import json; L=[json.loads(l) for l in open('out.bulk')]
assert len(L)==4 and L[0]=={'index':{'_index':'warta','_id':'a.txt'}} and L[1]['id']=='a.txt' and L[2]['index']['_id']=='b.txt'"
"$WARTA" tokenize --format conllu a.txt > out.conllu
check "conllu has # text lines and root/dep words" bash -c "grep -q '^# text = KPU NTT Gelar Rapat Pleno' out.conllu && grep -qP '^1\tKPU\t_\t_\t_\t_\t0\troot' out.conllu"
echo 'rumahnya di sana' | "$WARTA" tokenize --format conllu > out.conllu
check "conllu writes a clitic as a multi-word token" grep -qP '^1-2\trumahnya' out.conllu
"$WARTA" extract --format jsonl --include text,sentences,tokens a.txt > out.jsonl
check "--include text,sentences,tokens" json out.jsonl "d[0]['text'].startswith('KPU') and d[0]['sentences'][0]['tokens'][0]['text']=='KPU'"
"$WARTA" extract --format jsonl -o out2.jsonl a.txt b.txt
check "-o writes the file" json out2.jsonl "len(d)==2"

# jsonl input: ids, published, meta, broken lines
printf '%s\n' '{"id":"x1","text":"Rapat di Kupang.","published":"2025-10-28","source_site":"kpu"}' \
  '{"id":"x2","text":"broken' '{"text":"Tanpa id."}' '{"id":"x4"}' > in.jsonl
"$WARTA" extract in.jsonl > out.jsonl 2>err; rc=$?
check "jsonl: a broken line fails alone, exit 1" test $rc = 1
check "jsonl: error records at lines 2 and 4" json out.jsonl "['error' in r for r in d]==[False,True,False,True]"
check "jsonl: stderr names file and line" grep -q 'in.jsonl:2' err
check "jsonl: published is the reference date" json out.jsonl "d[0]['reference_date']=='2025-10-28' and d[0]['reference_date_source']=='published'"
check "jsonl: other fields go to meta" json out.jsonl "d[0]['meta']=={'source_site':'kpu'}"
check "jsonl: id falls back to file#line" json out.jsonl "d[2]['id']=='in.jsonl#3'"

# bad input never takes the batch down
printf 'Joko \xff\xfe Widodo tiba.\n' > bad.txt
"$WARTA" extract --format jsonl a.txt bad.txt b.txt > out.jsonl; rc=$?
check "invalid UTF-8: record with a warning, batch goes on" json out.jsonl "len(d)==3 and any(w['code']=='invalid-utf8' for w in d[1]['warnings'])"
check "invalid UTF-8 becomes U+FFFD" bash -c "'$WARTA' extract --format jsonl --include text bad.txt | grep -q 'Joko \\\\ufffd\\|Joko �'"
: > empty.txt
"$WARTA" extract --format jsonl empty.txt > out.jsonl; rc=$?
check "empty file: exit 0" test $rc = 0
cp a.txt locked.txt && chmod 000 locked.txt
if [ "$(id -u)" != 0 ]; then
  "$WARTA" extract --format jsonl a.txt locked.txt b.txt > out.jsonl 2>err; rc=$?
  check "unreadable file: error record, exit 1, rest processed" bash -c "test $rc = 1 && grep -q locked.txt err"
fi

# parallel output equals serial output
for i in $(seq 1 40); do printf '{"id":"d%d","text":"Dokumen %d: Gubernur tiba di Kupang, Senin (27/10)."}\n' $i $i; done > many.jsonl
"$WARTA" extract -j1 --reference-date 2025-11-01 many.jsonl > j1.jsonl
"$WARTA" extract -j2 --reference-date 2025-11-01 many.jsonl > j2.jsonl
check "-j2 output is byte-identical to -j1" cmp -s j1.jsonl j2.jsonl

# a broken pipe ends quietly
"$WARTA" extract -j2 many.jsonl 2>err | head -1 >/dev/null
check "broken pipe: nothing on stderr" test ! -s err

# offsets: every span reads its text in code points
printf '“Kami siap,” ujar Reni di Kecamatan\xc2\xac\xe2\x80\xa0Kupang — Senin (27/10).\n' > off.txt
"$WARTA" extract --format jsonl --include text,tokens off.txt > out.jsonl
check "offsets are code points of the original" python3 -c "
import json; r=json.loads(open('out.jsonl').read()); t=r['text']
spans=[x for s in r['sentences'] for x in [s]+s['tokens']]
assert spans and all(t[x['start']:x['end']]==x['text'] for x in spans)"

# issue 15, item 1: -j 0 and -j -1 mean one worker per core; other values are a usage
# error, never an abort ("terminate called without an active exception", exit 134).
"$WARTA" tokenize -j1 many.jsonl > j1t.jsonl
for j in 0 -1; do
  "$WARTA" extract -j $j --reference-date 2025-11-01 many.jsonl > jn.jsonl 2>err
  check "extract -j $j: one worker per core, the -j1 output" cmp -s jn.jsonl j1.jsonl
  "$WARTA" tokenize -j $j many.jsonl > jn.jsonl 2>err
  check "tokenize -j $j: one worker per core, the -j1 output" cmp -s jn.jsonl j1t.jsonl
done
"$WARTA" index -q -j -1 -o j.db many.jsonl 2>err; rc=$?
check "index -j -1 works" test $rc = 0
for j in -2 -3 1025 32768 99999999999; do
  for cmd in extract tokenize index; do
    "$WARTA" $cmd -j $j -o jx.out a.txt >/dev/null 2>err; rc=$?
    check "$cmd -j $j: a usage error (exit 2) naming -j, no abort" bash -c "test $rc = 2 && grep -q -- '--jobs' err"
  done
done

# issue 15, item 2: ids depend neither on the working directory nor on the spelling of the
# path; unique within a run.
mkdir -p arsip/2025/10 other/2025/10
cp a.txt arsip/2025/10/rilis.txt && cp b.txt arsip/2025/catatan.txt && cp b.txt other/2025/10/rilis.txt
"$WARTA" extract arsip > ids1.jsonl
(cd arsip && "$WARTA" extract . > ../ids2.jsonl)
(cd / && "$WARTA" extract "$T/arsip/" > "$T/ids3.jsonl")
(cd arsip/2025 && "$WARTA" extract ../../arsip//2025/.. > ../../ids4.jsonl)
check "a folder's files are named by their path below it" json ids1.jsonl "[r['id'] for r in d]==['2025/10/rilis.txt','2025/catatan.txt']"
for f in ids2 ids3 ids4; do
  check "the same folder from another working directory or spelling gives the same ids ($f)" python3 -c "
import json, sys; ids = lambda f: [json.loads(l)['id'] for l in open(f)]
sys.exit(ids('ids1.jsonl') != ids('$f.jsonl'))"
done
check "source.path keeps the path as given" json ids3.jsonl "d[0]['source']['path']=='$T/arsip/2025/10/rilis.txt'"
(cd arsip/2025 && "$WARTA" extract --format jsonl 10/rilis.txt "$T/b.txt" > ../../ids5.jsonl)
check "a FILE named directly is named by its file name" json ids5.jsonl "[r['id'] for r in d]==['rilis.txt','b.txt']"
"$WARTA" extract arsip other arsip/2025/10/rilis.txt a.txt a.txt > ids6.jsonl 2>err
check "ids shared by several inputs get ~2, ~3 in input order" json ids6.jsonl \
  "[r['id'] for r in d]==['2025/10/rilis.txt','2025/catatan.txt','2025/10/rilis.txt~2','rilis.txt','a.txt','a.txt~2']"
check "shared ids are reported on stderr" grep -q "~2" err

# issue 15, item 3: folder walks skip hidden entries and binary files (counted, by reason),
# take --glob/--exclude; a FILE named on the command line is always read.
mkdir -p walk/.git walk/2025/lampiran walk/.draf
cp a.txt walk/2025/rilis.txt && cp b.txt walk/2025/Rilis2.TXT && cp a.txt walk/.draf/x.txt
echo 'ref: refs/heads/main' > walk/.git/HEAD
printf '\0\0\0\1Bud1\0' > walk/.DS_Store
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' > walk/2025/lampiran/foto.png
printf 'PK\x03\x04\x14\0\x06\0' > walk/2025/lampiran/rilis.docx
printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n' > walk/2025/lampiran/rilis.pdf
cp "$(type -P true)" walk/2025/lampiran/program
printf 'Rapat \x93Pendidikan\x94 di Kupang \x96 hasilnya baik.\n' > walk/2025/cp1252.txt
printf '\xff\xfeJ\0o\0k\0o\0\n\0' > walk/2025/utf16.txt
"$WARTA" extract --progress walk > walk.jsonl 2>err; rc=$?
check "a walk reads text and PDFs: no dot files, dot folders or binaries (a broken PDF is an error record)" json walk.jsonl \
  "[r['id'] for r in d]==['2025/Rilis2.TXT','2025/cp1252.txt','2025/lampiran/rilis.pdf','2025/rilis.txt','2025/utf16.txt'] and d[2]['error']['code'].startswith('pdf-') and all('error' not in r for r in d[:2]+d[3:])"
check "the walk's summary counts what it left out, by reason" \
  bash -c "test $rc = 1 && grep -q '3 hidden' err && grep -q '3 binary' err && ! grep 'left out' err | grep -q PDF"
"$WARTA" extract --hidden walk > walk.jsonl 2>/dev/null
check "--hidden reads dot files and folders (a binary .DS_Store is still left out)" json walk.jsonl \
  "[r['id'] for r in d][:2]==['.draf/x.txt','.git/HEAD'] and len(d)==7"
"$WARTA" extract --binary walk > walk.jsonl 2>/dev/null
check "--binary reads binary files too" json walk.jsonl \
  "sorted(r['id'] for r in d if 'lampiran' in r['id'])==['2025/lampiran/foto.png','2025/lampiran/program','2025/lampiran/rilis.docx','2025/lampiran/rilis.pdf']"
"$WARTA" extract walk/2025/lampiran/foto.png walk/.git/HEAD > walk.jsonl 2>/dev/null
check "files named on the command line are always read" json walk.jsonl "[r['id'] for r in d]==['foto.png','HEAD']"
"$WARTA" extract --glob '*.txt' walk > walk.jsonl
check "--glob '*.txt' matches file names at any depth, in either case" json walk.jsonl \
  "[r['id'] for r in d]==['2025/Rilis2.TXT','2025/cp1252.txt','2025/rilis.txt','2025/utf16.txt']"
"$WARTA" extract --glob '2025/r*' --exclude 'utf16.txt' walk > walk.jsonl
check "--glob with a slash matches the path below the folder" json walk.jsonl "[r['id'] for r in d]==['2025/Rilis2.TXT','2025/rilis.txt']"
"$WARTA" extract --binary --exclude 'lampiran/' -g '!cp*' walk > walk.jsonl
check "--exclude FOLDER/ and --glob '!GLOB' leave out" json walk.jsonl "[r['id'] for r in d]==['2025/Rilis2.TXT','2025/rilis.txt','2025/utf16.txt']"
"$WARTA" extract --binary --glob '**/lampiran/*.p?g' walk > walk.jsonl
check "** spans folders, ? one character" json walk.jsonl "[r['id'] for r in d]==['2025/lampiran/foto.png']"
"$WARTA" extract --glob '' walk >/dev/null 2>err; rc=$?
check "an empty --glob is a usage error" test $rc = 2

# issue 15, item 6: the jsonl keys of text, id, title, url and published are options.
printf '%s\n' '{"kode":"k1","isi":"Rapat di Kupang, Senin (27/10).","judul":"Rapat Pleno","terbit":"2025-10-28","tautan":"https://kpu.go.id/a"}' > fields.jsonl
"$WARTA" extract --text-field isi --id-field kode --title-field judul --published-field terbit --url-field tautan fields.jsonl > out.jsonl; rc=$?
check "--text-field, --id-field, --title-field, --published-field, --url-field" json out.jsonl \
  "$rc==0 and d[0]['id']=='k1' and d[0]['title']=='Rapat Pleno' and d[0]['reference_date']=='2025-10-28' and d[0]['url']=='https://kpu.go.id/a' and 'meta' not in d[0]"
printf '%s\n' '{"id":"c1","content":"Bupati Ende meresmikan jembatan.","judul":"Jembatan"}' '{"id":"c2","content":"Rapat selesai.","judul":"Rapat"}' > content.jsonl
"$WARTA" extract content.jsonl > out.jsonl 2>err; rc=$?
check "a missing text field: one error per line naming the key and suggesting --text-field" \
  bash -c "test $rc = 1 && test \$(grep -c 'no string \"text\".*--text-field content' err) = 2"
"$WARTA" extract --text-field isi --title-field isi fields.jsonl >/dev/null 2>err; rc=$?
check "two field options naming one key: usage error" test $rc = 2

# issue 15, item 8: one missing or unreadable input among several: its error record and a
# stderr line, the rest processed, exit 1 (as grep and ripgrep do).
"$WARTA" extract --format jsonl nosuch.txt a.txt nodir/ b.txt > out.jsonl 2>err; rc=$?
check "missing inputs among several: error records, the rest processed, exit 1" json out.jsonl \
  "$rc==1 and [(r['id'], r.get('error',{}).get('code')) for r in d]==[('nosuch.txt','unreadable'),('a.txt',None),('nodir/','unreadable'),('b.txt',None)]"
check "missing inputs among several: a stderr line each" bash -c "grep -q 'nosuch.txt: no such file' err && grep -q 'nodir/: no such file' err"
if [ "$(id -u)" != 0 ]; then
  mkdir -p locked-dir && cp a.txt locked-dir/ && chmod 000 locked-dir
  "$WARTA" extract --format jsonl locked-dir a.txt > out.jsonl 2>err; rc=$?
  chmod 755 locked-dir
  check "an unlistable folder among several: an error record, exit 1" bash -c "test $rc = 1 && grep -q 'locked-dir: cannot list' err"
fi

# issue 15, item 13: CoNLL-U with newdoc id, a sent_id unique in the file, text, and a
# header saying that HEAD/DEPREL are no parse.
printf 'Rapat di Kupang. Rumahnya jauh.\n' > c1.txt
"$WARTA" tokenize --format conllu -j2 c1.txt a.txt c1.txt > out.conllu 2>/dev/null
check "CoNLL-U: the header says HEAD/DEPREL are a placeholder, not a parse" bash -c "head -1 out.conllu | grep -q 'not a parse'"
check "CoNLL-U: newdoc id per document, sent_id and text on every sentence, sent_id unique" python3 -c "
blocks = [b.splitlines() for b in open('out.conllu').read().strip().split('\n\n')]
ids = [l.split(' = ')[1] for b in blocks for l in b if l.startswith('# sent_id = ')]
docs = [l.split(' = ')[1] for b in blocks for l in b if l.startswith('# newdoc id = ')]
assert all(sum(l.startswith('# sent_id = ') for l in b) == 1 and sum(l.startswith('# text = ') for l in b) == 1 for b in blocks)
assert len(ids) == len(blocks) == len(set(ids)) and ids[:3] == ['1-1', '1-2', '2-1'], ids
assert docs == ['c1.txt', 'a.txt', 'c1.txt~2'], docs"

# issue 15, item 15: small things.
check "help texts do not list the FILE arguments as an option" bash -c "! '$WARTA' extract --help | grep -q -- '--files'"
"$WARTA" extract --referense-date 2025-11-01 a.txt >/dev/null 2>err; rc=$?
check "a misspelt option: did you mean" bash -c "test $rc = 2 && grep -q 'did you mean --reference-date' err"
"$WARTA" extrct a.txt >/dev/null 2>err; rc=$?
check "a misspelt command: did you mean" bash -c "test $rc = 2 && grep -q 'did you mean extract' err"
"$WARTA" extract --reference-date "" a.txt >/dev/null 2>err; rc=$?
check "--reference-date '' is a usage error" test $rc = 2
"$WARTA" search notadb.txt >/dev/null 2>err; rc=$?
check "search of a missing archive names it and says why" bash -c "test $rc = 2 && grep -q 'notadb.txt: no such file' err"
"$WARTA" search a.txt >/dev/null 2>err; rc=$?
check "search of a file that is no archive says so" bash -c "test $rc = 2 && grep -q 'a.txt: not a warta archive' err"
"$WARTA" stats nodir/a.db >/dev/null 2>err; rc=$?
check "stats in a missing folder names the folder" bash -c "test $rc = 2 && grep -q 'no such folder: nodir' err"
"$WARTA" index -o nodir/a.db a.txt >/dev/null 2>err; rc=$?
check "index into a missing folder names the folder" bash -c "test $rc = 2 && grep -q 'no such folder: nodir' err"
cp a.txt keep.txt
"$WARTA" index -o keep.txt b.txt >/dev/null 2>err; rc=$?
check "index does not write into a file that is no archive" bash -c "test $rc = 2 && cmp -s keep.txt a.txt"
# (lines that come slowly: a terminal would have had its progress line redrawn)
(for i in 1 2 3 4 5 6 7 8; do sed -n ${i}p many.jsonl; sleep 0.1; done) |
  "$WARTA" extract --input jsonl --progress > /dev/null 2>err.log
check "--progress into a log: plain lines, no carriage return or terminal escape" \
  bash -c "test -s err.log && ! grep -q \$'[\r\033]' err.log && grep -q '^warta: 8 documents' err.log"
# Standard input on a terminal: a note on stderr, and one Ctrl-C ends the run.
cat > on-terminal.py <<'PY'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "extract", "-j2"])
out, deadline = b"", time.time() + 20
while time.time() < deadline and b"standard input" not in out:
    if select.select([fd], [], [], 0.5)[0]:
        out += os.read(fd, 1024)
os.write(fd, b"Rapat di Kupang")
time.sleep(0.3)
os.write(fd, b"\x03")
end = time.time() + 10
while time.time() < end:
    p, status = os.waitpid(pid, os.WNOHANG)
    if p:
        sys.exit(0 if b"reading standard input" in out and os.waitstatus_to_exitcode(status) == 130 else 1)
    time.sleep(0.05)
os.kill(pid, 9)
os.waitpid(pid, 0)
sys.exit(1)
PY
check "stdin on a terminal: a note, and one Ctrl-C ends the run (130)" python3 on-terminal.py "$WARTA"

echo "cli: $PASS passed, $FAIL failed"
echo "$PASS passed, $FAIL failed"
[ $FAIL = 0 ]
