#!/usr/bin/env bash
# How long an idle `devskyy serve` takes to exit on SIGTERM and on SIGINT: each run starts the
# server, waits for its answers to initialize and tools/list, signals the JVM and times the exit.
# Usage: bench/shutdown.sh [runs=10] [launcher=bin/devskyy] (another checkout's, to compare builds)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
devskyy=${2:-bin/devskyy}
"$devskyy" --version >/dev/null # builds the jar and the class-data archive first

init='{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
list='{"jsonrpc":"2.0","id":1,"method":"tools/list"}'

# One run: prints the milliseconds from the signal to the exit.
run_once() {
  local signal=$1 sent ended
  coproc SERVER { exec "$devskyy" serve 2>/dev/null; }
  local pid=$SERVER_PID
  printf '%s\n%s\n' "$init" "$list" >&"${SERVER[1]}"
  read -r _ <&"${SERVER[0]}" # initialize
  read -r _ <&"${SERVER[0]}" # tools/list
  sleep 0.3
  sent=$(date +%s%N)
  kill "-$signal" "$pid"
  wait "$pid" || true
  ended=$(date +%s%N)
  echo $(((ended - sent) / 1000000))
}

for signal in TERM INT; do
  times=()
  for _ in $(seq "$runs"); do
    times+=("$(run_once "$signal")")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
  echo "SIG$signal, idle: median ${median} ms over $runs runs (min $(head -1 <<<"$sorted"), max $(tail -1 <<<"$sorted"))"
done
