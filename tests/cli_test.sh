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
check "a directory is read recursively in byte order of path" json out.jsonl "[r['id'] for r in d]==['dir/m.txt','dir/sub/a.txt','dir/z.txt']"
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

echo "cli: $PASS passed, $FAIL failed"
echo "$PASS passed, $FAIL failed"
[ $FAIL = 0 ]
