#!/usr/bin/env bash
# Startup of bin/devskyy, warm cache: median (and min/max) wall time of N runs per command, per JDK.
# Usage: bench/startup.sh [runs]   (default 20). Prints one line per JDK and command.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091 # bench/lib.sh is checked on its own
. bench/lib.sh
runs=${1:-20}

median_ms() { # runs "$@" $runs times, prints "median min max" in ms
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%s %s %s\n", m, a[1], a[NR]}'
}

mapfile -t homes < <(jdks | tr ' ' ':')

printf '%-8s %-22s %8s %8s %8s\n' JDK command median_ms min_ms max_ms
for entry in "${homes[@]}"; do
  major=${entry%%:*}
  home=${entry#*:}
  export JAVA_HOME=$home
  bin/devskyy --version >/dev/null 2>&1 || echo "warm-up failed: $?"  # builds the jar and class-data archive if needed
  bin/devskyy tools list >/dev/null 2>&1
  for cmd in "--version" "tools list"; do
    # shellcheck disable=SC2086
    read -r med min max < <(median_ms bin/devskyy $cmd)
    printf '%-8s %-22s %8s %8s %8s\n' "$major" "devskyy $cmd" "$med" "$min" "$max"
  done
  read -r med min max < <(median_ms "$home/bin/java" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version)
  printf '%-8s %-22s %8s %8s %8s\n' "$major" "bare java -version" "$med" "$min" "$max"
done
