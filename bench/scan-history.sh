#!/usr/bin/env bash
# History-scanning benchmark: devskyy scan --git against the time git log -p alone takes to print
# the same history, on a clone of this repository and on a generated one (bench/history/generate.py,
# deterministic, >= 10,000 commits with merges). Goal: devskyy <= 2x git log -p.
# Usage: bench/scan-history.sh [commits=12000] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
commits="${1:-12000}"
rounds="${2:-3}"
work="$PWD/target/bench-history"
mkdir -p "$work"
bin/devskyy --version >/dev/null

self="$work/self"
rm -rf "$self"
git clone -q --no-local "$PWD" "$self"
generated="$work/generated-$commits"
if [ ! -d "$generated/.git" ]; then
  python3 bench/history/generate.py "$generated" "$commits" 12
fi

# seconds of one run of a command, its output discarded
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

# shellcheck disable=SC1091 # bench/lib.sh is checked on its own
. bench/lib.sh

printf '%-16s %7s %8s %11s %15s %14s %11s %6s\n' repository commits "patch MB" "git log -p" "git log -p -U0" "devskyy --git" "scan alone" ratio
for repo in "$self" "$generated"; do
  n=$(git -C "$repo" rev-list --count HEAD)
  mb=$(git -C "$repo" log -p --no-color | wc -c | awk '{printf "%.1f", $1/1e6}')
  plain=(); zero=(); ours=()
  for _ in $(seq "$rounds"); do
    plain+=("$(seconds git -C "$repo" log -p --no-color)")
    zero+=("$(seconds git -C "$repo" log -p --no-color --no-ext-diff --no-textconv --text --unified=0 -M)")
    ours+=("$(seconds bin/devskyy scan --git "$repo" --format summary --audit-log /dev/null)")
  done
  p=$(printf '%s\n' "${plain[@]}" | median)
  z=$(printf '%s\n' "${zero[@]}" | median)
  o=$(printf '%s\n' "${ours[@]}" | median)
  # the scan's own duration, without the JVM's start-up, as its summary reports it
  alone=$(bin/devskyy scan --git "$repo" --format summary --audit-log /dev/null 2>&1 | sed -n 's/.* in \([0-9.]*\) s;.*/\1/p' || true)
  printf '%-16s %7s %8s %10.2fs %14.2fs %13.2fs %10ss %5.2fx\n' "$(basename "$repo")" "$n" "$mb" "$p" "$z" "$o" "$alone" \
    "$(echo "$o / $p" | bc -l)"
done
echo "ratio = devskyy --git (whole command, JVM start-up included) / git log -p; median of $rounds rounds, interleaved"
