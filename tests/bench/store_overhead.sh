#!/bin/sh
# The PostgreSQL campaign store's overhead per account against the local
# state directory (issue 18), through the real binary: the same prepare and
# rollback of the same simulated accounts, alternately with the local files
# and with a PostgreSQL store on loopback (TLS verify-full, scram password
# from a pgpass file, synchronous_commit on), ROUNDS times each.
#
# Not run by ctest (about a minute). Needs the PostgreSQL server binaries
# (Debian: apt-get install postgresql); as root, the server runs as the
# `postgres` user.
#   sh tests/bench/store_overhead.sh [path/to/renumber] [customers] [rounds] [jobs]
set -eu
R=$(realpath "${1:-build/renumber}")
N=${2:-60}
ROUNDS=${3:-3}
JOBS=${4:-8}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/initdb" ] || { echo "no PostgreSQL server binaries" >&2; exit 2; }
W=$(mktemp -d /tmp/renumber-store-bench.XXXXXX)
SIM=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$SIM" ] && kill "$SIM" 2>/dev/null || true
  as_pg "$BIN/pg_ctl" -D "$W/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$W"
}
trap cleanup EXIT
chmod 711 "$W"  # the server user reaches its own folder in it
cd "$W"
umask 077
mkdir pg client
[ "$(id -u)" -eq 0 ] && chown postgres pg

# The server: TLS with a throw-away CA, scram passwords over TCP only.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
  -subj "/CN=bench CA" -keyout client/ca.key -out client/ca.pem 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=127.0.0.1" -keyout client/server.key -out client/server.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' > client/san.ext
openssl x509 -req -in client/server.csr -CA client/ca.pem -CAkey client/ca.key \
  -CAcreateserial -days 1 -extfile client/san.ext -out client/server.crt 2>/dev/null
PW=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
echo "$PW" > client/pw
chmod 644 client/pw client/server.crt client/server.key
chmod 755 client
as_pg "$BIN/initdb" -D "$W/pg/data" -U renumber -E UTF8 --locale=C \
  --auth-local=trust --auth-host=scram-sha-256 --pwfile="$W/client/pw" >/dev/null
as_pg cp client/server.crt client/server.key "$W/pg/data/"
as_pg chmod 600 "$W/pg/data/server.key"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg sh -c "printf 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n' > '$W/pg/data/pg_hba.conf'"
as_pg sh -c "printf \"listen_addresses='127.0.0.1'\nport=$PORT\nunix_socket_directories='$W/pg'\nssl=on\n\" >> '$W/pg/data/postgresql.conf'"
as_pg "$BIN/pg_ctl" -D "$W/pg/data" -l "$W/pg/log" -w start >/dev/null
as_pg "$BIN/psql" -h "$W/pg" -p "$PORT" -U renumber -d postgres -qc 'CREATE DATABASE bench' >/dev/null
chmod 600 client/pw
echo "127.0.0.1:$PORT:*:renumber:$PW" > client/pgpass
export PGPASSFILE="$W/client/pgpass"
STORE="postgresql://renumber@127.0.0.1:$PORT/bench?sslrootcert=$W/client/ca.pem"
"$R" store init --store "$STORE" >/dev/null

# The simulators, serving until the end.
"$R" sim --seed "$N" --ess 127.0.0.1:0 --cdn 127.0.0.1:0 \
  --write-plan plan.csv --write-credentials creds.json 2>sim.log &
SIM=$!
while [ ! -s creds.json ]; do sleep 0.1; done
ACCOUNTS=$(($(grep -vc '^#' plan.csv) - 1))

ms() { echo $(( ($2 - $1) / 1000000 )); }
run() {  # run MODE COMMAND...: prints wall ms
  mode=$1; shift
  store=""
  [ "$mode" = pg ] && store="--store $STORE"
  s=$(date +%s%N)
  # shellcheck disable=SC2086
  "$R" "$@" --plan plan.csv --credentials creds.json --state-dir "$W/state-$mode" \
    --yes --jobs "$JOBS" $store >/dev/null 2>&1 || { echo "renumber $* ($mode) failed" >&2; exit 1; }
  e=$(date +%s%N)
  ms "$s" "$e"
}
echo "accounts: $ACCOUNTS  rounds: $ROUNDS  jobs: $JOBS  (PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on loopback, TLS)"
for i in $(seq "$ROUNDS"); do
  lp=$(run local prepare); lr=$(run local rollback --phase prepare)
  pp=$(run pg prepare); pr=$(run pg rollback --phase prepare)
  echo "round $i: prepare local $lp ms, store $pp ms; rollback local $lr ms, store $pr ms"
  echo "$lp $pp $lr $pr" >> times
done
RECORDS=$(as_pg "$BIN/psql" -h "$W/pg" -p "$PORT" -U renumber -d bench -tAc \
  'SELECT count(*) FROM renumber_journal')
awk -v n="$ACCOUNTS" -v rounds="$ROUNDS" -v rec="$RECORDS" '
  { lp += $1; pp += $2; lr += $3; pr += $4 }
  END {
    printf "mean prepare: local %.0f ms, store %.0f ms: %+.1f ms per account\n", lp/NR, pp/NR, (pp-lp)/NR/n;
    printf "mean rollback: local %.0f ms, store %.0f ms: %+.1f ms per account\n", lr/NR, pr/NR, (pr-lr)/NR/n;
    printf "journal records in the store: %d (%.1f per account and command)\n", rec, rec/(2*rounds*n);
  }' times
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
