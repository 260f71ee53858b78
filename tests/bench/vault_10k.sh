#!/bin/sh
# Times the vault commands on 10,000 entries through the real binary with
# the production KDF (issue 6: "unlock time, and list/add/purge time on a
# 10,000-entry vault after unlock"). Not run by ctest: it takes ~90 s,
# most of it waiting for 5,000 entries to expire.
#   sh tests/bench/vault_10k.sh [path/to/renumber]
set -eu
R=$(realpath "${1:-build/renumber}")
W=$(mktemp -d /tmp/renumber-vault-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
umask 077
creds() {  # creds FIRST COUNT > file: a credentials file (template format)
  awk -v first="$1" -v n="$2" 'BEGIN {
    printf "{\"version\": 1, \"accounts\": [";
    for (i = first; i < first + n; i++)
      printf "%s{\"customer\": \"C-%d\", \"service\": \"ess\", \"api_base\": \"https://ess.example.net\", \"username\": \"admin@c%d.example.jp\", \"password\": \"bench-%d\"}", (i > first ? ", " : ""), i, i, i;
    print "]}" }'
}
creds 100000 5000 > a.json
creds 200000 5000 > b.json
echo "bench passphrase $$" > pass
echo "bench-token" > tok
V="--vault $W/v.bin --passphrase-file $W/pass"
t() {  # t LABEL COMMAND...: wall time of one run
  label=$1; shift
  s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
  echo "$label: $(( (e - s) / 1000000 )) ms"
}
t "init" $R vault init $V
for i in 1 2 3; do t "list, empty vault (= unlock)" $R vault list $V; done
t "import 5,000" $R vault import a.json --ticket T-1 $V
EXP=$(date -u -d '+60 sec' +%Y-%m-%dT%H:%M:%SZ)
t "import 5,000 more (expire in 60 s)" \
  $R vault import b.json --ticket T-2 --expires "$EXP" $V
for i in 1 2 3; do t "list, 10,000 entries" $R vault list $V; done
for i in 1 2 3; do
  t "add, 10,000 entries" $R vault add --customer "C-30000$i" --service cdn \
    --api-base https://api.cdn.example --secret-file tok --ticket T-3 $V
done
t "show" $R vault show C-100001/ess $V
while [ "$(date -u +%s)" -le "$(date -u -d "$EXP" +%s)" ]; do sleep 2; done
t "purge, 5,000 expired" $R vault purge $V
t "purge, nothing expired" $R vault purge $V
t "audit --verify, $(wc -l < v.audit.jsonl) records" $R vault audit --verify $V
$R vault list $V 2>&1 | tail -1
echo "vault file: $(stat -c %s v.bin) bytes; load: $(cut -d' ' -f1-3 /proc/loadavg)"
