#!/bin/sh
# `cmake --install` puts every file where Debian expects it, and each works
# from there: the binary runs, renumber(1) (English and Japanese) formats
# without a warning, the bash completion completes, the systemd units start
# the installed binary, the runbooks and the credentials template are there.
# $1: the build directory; $2: the source tree.
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
DESTDIR=$root cmake --install "$build" --prefix /usr >"$tmp/install.log"
fail() { echo "FAIL: $*"; cat "$tmp/install.log"; exit 1; }

for f in usr/bin/renumber \
         usr/share/man/man1/renumber.1 \
         usr/share/man/ja/man1/renumber.1 \
         usr/share/bash-completion/completions/renumber \
         usr/lib/systemd/system/renumber-verify.service \
         usr/lib/systemd/system/renumber-verify.timer \
         usr/share/doc/renumber/README.md \
         usr/share/doc/renumber/runbooks/README.md \
         usr/share/doc/renumber/credentials-template/README.ja.md \
         usr/share/doc/renumber/credentials-template/credentials.example.json \
         usr/share/doc/renumber/examples/cron.d/renumber-verify; do
  [ -f "$root/$f" ] || fail "missing /$f"
done
[ -x "$root/usr/bin/renumber" ] || fail "/usr/bin/renumber is not executable"
for f in "$src"/runbooks/*.md; do
  [ -f "$root/usr/share/doc/renumber/runbooks/$(basename "$f")" ] ||
    fail "runbook $(basename "$f") not installed"
done

# The installed binary runs.
"$root/usr/bin/renumber" --version | grep -q "^renumber " ||
  fail "the installed binary does not run"

# The units start the installed binary (the prefix given to --install).
grep -q '^ExecStart=/usr/bin/renumber verify ' \
  "$root/usr/lib/systemd/system/renumber-verify.service" ||
  fail "ExecStart does not run /usr/bin/renumber"

# renumber(1) formats with no warning, in both languages, and says what it
# should. Japanese: groff 1.22 has no line-breaking rules for CJK text, so
# long Japanese sentences draw "can't break / cannot adjust line" (category
# break) warnings that are no fault of the page; every other one counts.
for page in man1/renumber.1 ja/man1/renumber.1; do
  quiet=
  case $page in ja/*) quiet=-Wbreak ;; esac
  out=$(groff -k -man -Tutf8 -ww $quiet -z "$root/usr/share/man/$page" 2>&1) ||
    fail "groff failed on $page: $out"
  [ -z "$out" ] || fail "groff warned on $page: $out"
done
groff -k -man -Tutf8 "$root/usr/share/man/man1/renumber.1" 2>/dev/null |
  grep -q "renumber report" || fail "renumber(1) lacks renumber report"
groff -k -man -Tutf8 "$root/usr/share/man/ja/man1/renumber.1" 2>/dev/null |
  grep -q "基盤変更メンテナンス" || fail "the Japanese page is not Japanese"

# The completion completes commands, options and values.
complete_words() {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
           _renumber; printf "%s\n" "${COMPREPLY[@]}"' _ \
    "$root/usr/share/bash-completion/completions/renumber" "$@"
}
complete_words renumber pre | grep -qx prepare || fail "no 'prepare' for 'pre'"
complete_words renumber vault li | grep -qx list || fail "no 'vault list'"
complete_words renumber report --for | grep -qx -- --format ||
  fail "no --format for report"
[ "$(complete_words renumber report --format '' | sort | tr '\n' ' ')" = \
  "html json md " ] || fail "report --format does not complete md html json"
complete_words renumber --lang j | grep -qx ja || fail "no ja for --lang"
complete_words renumber rollback --plan p.csv --phase c | grep -qx cutover ||
  fail "no cutover for --phase"
echo "install tree complete: binary, man pages (en, ja), completion, units, runbooks"
