#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then the installed warta run from another folder
# with no WARTA_LEXICONS: it finds its lexicons beside itself (issue 15, item 12).
#   tests/install_test.sh BUILD_DIR SOURCE_DIR
# Prints "N passed, N failed".
set -u
BUILD=$(realpath "$1")
SOURCE=$(realpath "${2:-.}")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
PASS=0 FAIL=0
check() { local name=$1; shift; if "$@"; then PASS=$((PASS + 1)); else FAIL=$((FAIL + 1)); echo "FAIL: $name"; fi; }
unset WARTA_LEXICONS

cmake --install "$BUILD" --prefix "$T/prefix" >"$T/install.log" 2>&1
check "cmake --install succeeds" test $? = 0
check "the binary is installed in bin/" test -x "$T/prefix/bin/warta"
check "the lexicons are installed in share/warta/lexicons" test -f "$T/prefix/share/warta/lexicons/months.tsv"
check "the man page is installed" test -s "$T/prefix/share/man/man1/warta.1"
check "bash completion is installed" test -s "$T/prefix/share/bash-completion/completions/warta"
MODULE=$(find "$T/prefix" -name warta-poppler.so)
check "the PDF module is installed in lib/warta" test -n "$MODULE"

mkdir -p "$T/elsewhere"
printf 'KPU Gelar Rapat\nKupang - Ketua KPU Provinsi NTT, Jemris Fointuna, membuka rapat pada Senin (27/10).\n' \
  >"$T/elsewhere/rilis.txt"
cd "$T/elsewhere"
"$T/prefix/bin/warta" extract --format jsonl rilis.txt >out.jsonl 2>err
check "the installed warta runs from another folder" grep -q '"name":"Jemris Fointuna"' out.jsonl
# Through a symlink, as /usr/local/bin/warta → /opt/warta/bin/warta would be.
ln -s "$T/prefix/bin/warta" "$T/link-to-warta"
"$T/link-to-warta" extract --format jsonl rilis.txt >out2.jsonl 2>err
check "a symlink to the installed warta finds the lexicons too" cmp -s out.jsonl out2.jsonl
# A PDF is read through the installed module, loaded only when a PDF comes.
cp "$SOURCE/tests/pdf/kpu-ntt-rapat-pleno.pdf" rilis.pdf
LD_DEBUG=files "$T/prefix/bin/warta" extract --format jsonl rilis.pdf >pdf.jsonl 2>debug
check "the installed warta reads a PDF" grep -q '"name":"Jemris Fointuna"' pdf.jsonl
check "… through the installed PDF module" grep -q "file=$MODULE" debug
LD_DEBUG=files "$T/prefix/bin/warta" extract rilis.txt >/dev/null 2>debug
check "a run without PDFs does not load Poppler" bash -c "! grep -q 'poppler' debug"
# The installed lexicons are the ones read (not the source tree's): without one of them the
# run fails, naming the installed file.
mv "$T/prefix/share/warta/lexicons/months.tsv" "$T/months.tsv"
"$T/prefix/bin/warta" extract rilis.txt >/dev/null 2>err
rc=$?
check "the installed lexicons are the ones read" bash -c "test $rc = 2 && grep -q '$T/prefix/share/warta/lexicons/months.tsv' err"
mv "$T/months.tsv" "$T/prefix/share/warta/lexicons/months.tsv"
# WARTA_LEXICONS and --lexicons still choose another folder.
WARTA_LEXICONS=$T/none "$T/prefix/bin/warta" extract rilis.txt >/dev/null 2>err
check "WARTA_LEXICONS overrides the installed lexicons" grep -q "$T/none" err
"$T/prefix/bin/warta" extract --lexicons "$T/none2" rilis.txt >/dev/null 2>err
check "--lexicons overrides the installed lexicons" grep -q "$T/none2" err

# The man page lists every option of every command (it is made from the help texts).
MAN=$T/prefix/share/man/man1/warta.1
for cmd in extract tokenize index search stats; do
  for opt in $("$T/prefix/bin/warta" "$cmd" --help | grep -oE -- '--[a-z][a-z-]+' | grep -vx -- '--files' | sort -u); do
    check "the man page lists $cmd $opt" grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$MAN"
  done
done
if command -v groff >/dev/null; then
  groff -man -Tutf8 -ww "$MAN" >"$T/man.txt" 2>"$T/groff.err"
  check "the man page formats without warnings" test ! -s "$T/groff.err"
fi
# Completion: the commands, the options of a command, the values of --input.
cat >"$T/complete.sh" <<'EOF'
# complete.sh COMPLETION_FILE "WORDS" CWORD: prints what bash would offer.
source "$1"
read -r -a COMP_WORDS <<<"$2"
[[ $2 == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$3 COMP_LINE=$2 COMP_POINT=${#2}
_warta
printf '%s\n' "${COMPREPLY[@]}"
EOF
completions() { PATH="$T/prefix/bin:$PATH" bash "$T/complete.sh" "$T/prefix/share/bash-completion/completions/warta" "$@" 2>/dev/null; }
check "completion offers the commands" test "$(completions 'warta ex' 1)" = extract
check "completion offers a command's options" test "$(completions 'warta extract --refer' 2)" = --reference-date
check "completion offers the values of --input" test "$(completions 'warta extract --input p' 3)" = pdf

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
