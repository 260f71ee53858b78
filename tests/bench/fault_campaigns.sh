#!/bin/sh
# The long suite of seeded fault campaigns (issue 15,
# tests/e2e/fault_campaign_test.cc): SCHEDULES schedules, each a few
# accounts drawn from 200 seeded customers through prepare, cut over and
# rollbacks, with kills and simulator faults, and a fifth of them again with
# a PostgreSQL store; spread over SHARDS processes (the runs mostly wait on
# the simulators, so more shards than cores pay).
#
# Not run by ctest (about half an hour for 100 schedules on 2 cores with 4
# shards). Each schedule's line and any failure, with the seed that replays
# it (RENUMBER_PROOF_SEED=N), go to the log; exit 1 when any failed.
#   sh tests/bench/fault_campaigns.sh [build dir] [schedules] [shards]
set -eu
B=$(realpath "${1:-build}")
N=${2:-100}
SHARDS=${3:-4}
T="$B/tests/e2e/e2e_test"
[ -x "$T" ] || { echo "no $T: build the tests first" >&2; exit 2; }
LOG=$(mktemp -d /tmp/renumber-fault-campaigns.XXXXXX)
start=$(date +%s)
pids=""
i=0
while [ "$i" -lt "$SHARDS" ]; do
  RENUMBER_PROOF_SCHEDULES=$N GTEST_TOTAL_SHARDS=$SHARDS GTEST_SHARD_INDEX=$i \
    "$T" --gtest_filter='Seeded*' >"$LOG/shard-$i.log" 2>&1 &
  pids="$pids $!"
  i=$((i + 1))
done
failed=0
for pid in $pids; do wait "$pid" || failed=1; done
passed=$(cat "$LOG"/shard-*.log | grep -c '^\[       OK \]' || true)
fails=$(cat "$LOG"/shard-*.log | grep -c '^\[  FAILED  \] Seeded.*ms)$' || true)
echo "fault campaigns: $passed passed, $fails failed (schedules: $N, and $N/5 with PostgreSQL) in $(( $(date +%s) - start )) s ($SHARDS shards); logs in $LOG"
grep -h 'replay: RENUMBER_PROOF_SEED' "$LOG"/shard-*.log || true
exit $failed
