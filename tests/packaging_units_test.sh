#!/bin/sh
# The shipped systemd units pass `systemd-analyze verify` with no warning
# (an unknown or misspelt directive is only a warning there, so any output
# fails this test). $1: the built renumber binary, standing in for
# /usr/bin/renumber; $2: the source tree.
set -eu
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s|/usr/bin/renumber|$bin|" "$src/packaging/systemd/renumber-verify.service" \
  >"$tmp/renumber-verify.service"
cp "$src/packaging/systemd/renumber-verify.timer" "$tmp/"
out=$(systemd-analyze verify --man=no "$tmp/renumber-verify.service" \
  "$tmp/renumber-verify.timer" 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then
  echo "systemd-analyze verify warned:"
  echo "$out"
  exit 1
fi
echo "renumber-verify.service and .timer verify cleanly"
