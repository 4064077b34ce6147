#!/usr/bin/env bash
# One execution per idempotency key across instances: the protocol devskyy uses (a transaction-scoped
# advisory lock held while the tool runs, then an upsert) against the usual alternative (INSERT ... ON
# CONFLICT DO NOTHING claims a row with a lease, the result is stored in a second transaction),
# measured with pgbench on a private PostgreSQL cluster (the distribution's, durable commits as in
# production: fsync and synchronous_commit on). 16 clients, new keys (a tool of 0 and of 2 ms) and
# repeated keys; rounds interleave the two so that load on this machine weighs on both alike.
# Needs PostgreSQL (apt-get install postgresql). Usage: bench/idempotency.sh [seconds=10] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/idempotency"
seconds="${1:-10}"
rounds="${2:-3}"
bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
cluster=$(mktemp -d /tmp/devskyy-bench-pg.XXXXXX)
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$cluster"
  as_postgres=(runuser -u postgres --)
fi
port=$((20000 + RANDOM % 20000))
stop() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop EXIT
"${as_postgres[@]}" "$bin/initdb" -D "$cluster/data" -U bench --auth=trust -E UTF8 --no-instructions >/dev/null
"${as_postgres[@]}" "$bin/pg_ctl" -D "$cluster/data" -w -l "$cluster/log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c max_connections=50" start >/dev/null
pg=(-h 127.0.0.1 -p "$port" -U bench)
"$bin/psql" "${pg[@]}" -q -d postgres -c "CREATE DATABASE bench" >/dev/null
"$bin/psql" "${pg[@]}" -q -d bench -v ON_ERROR_STOP=1 \
  -f ../../src/main/resources/dev/devskyy/runtime/state/V1__shared_state.sql -f schema.sql >/dev/null

# tps and mean latency of one pgbench run
measure() {
  local script="$1" tool_us="$2"
  local report
  report=$("$bin/pgbench" "${pg[@]}" -n -c 16 -j 2 -T "$seconds" -D tool_us="$tool_us" -f "$script" bench 2>&1) ||
    { echo "pgbench failed on $script: $report" >&2; kill $$; }
  awk '/^latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%.0f %.2f\n", tps, lat}' <<<"$report"
}
# shellcheck disable=SC1091 # bench/lib.sh is checked on its own
. ../lib.sh

declare -A tps lat
cases=("advisory.sql 0" "claim.sql 0" "advisory.sql 2000" "claim.sql 2000" "advisory-replay.sql 0" "claim-replay.sql 0")
for round in $(seq "$rounds"); do
  for c in "${cases[@]}"; do
    read -r script us <<<"$c"
    read -r t l < <(measure "$script" "$us")
    tps[$c]+="$t "
    lat[$c]+="$l "
    echo "round $round: $c: $t tps, $l ms" >&2
  done
done
echo "| case | lock-based (devskyy): calls/s, mean ms | claim row (ON CONFLICT): calls/s, mean ms |"
echo "|---|---|---|"
for row in "new key, tool 0 ms|0|" "new key, tool 2 ms|2000|" "repeated key|0|-replay"; do
  IFS='|' read -r name us suffix <<<"$row"
  a="advisory$suffix.sql $us"; b="claim$suffix.sql $us"
  printf '| %s | %s, %s | %s, %s |\n' "$name" \
    "$(tr ' ' '\n' <<<"${tps[$a]}" | grep . | median)" "$(tr ' ' '\n' <<<"${lat[$a]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${tps[$b]}" | grep . | median)" "$(tr ' ' '\n' <<<"${lat[$b]}" | grep . | median)"
done
