#!/usr/bin/env bash
# Which HTTP server should `devskyy serve --http` sit on? Four tiny servers doing the same work on
# POST /mcp (bench/http-servers/: the JDK's com.sun.net.httpserver with devskyy's pool of 64, Jetty 12
# core, Undertow, Netty), measured alike on loopback:
#   deps      the jars each needs beyond the JDK (count, MB)
#   start-up  spawn to first answered POST, median of N runs (default 10) by bench/http-servers'
#             Probe (plain sockets, polling every ms), the servers taken in turn in every run
#   load      wrk, 1 thread, 16 keep-alive connections POSTing 305 bytes of JSON (post.lua) for 10 s
#             after a 3 s warm-up: requests/s, p50, p99 (wrk's own latency figures)
#   memory    VmRSS of the server 2 s after its first answer (idle), and right after the load
#   slow      100 clients that send a request head one byte a second (and reconnect when dropped);
#             2 s in, one ordinary POST from another connection: answered or not, and how fast.
#             Everything stops by 15 s.
# The load rounds are interleaved (every server once a round, the order turned each round) so that
# other work on this 2-core machine weighs on all alike; medians over the rounds are printed.
# Two more rows are the same JDK server with documented jdk.httpserver properties: jdk+nodelay
# (-Dsun.net.httpserver.nodelay=true: TCP_NODELAY, which the three others set by default, and which
# devskyy sets since this benchmark found the stall; the plain "jdk" row is devskyy before) and jdk+nodelay+maxReqTime (also -Dsun.net.httpserver.maxReqTime=5: a request head
# and body must arrive within 5 s, the value being read as seconds).
#
# Usage: bench/http-servers.sh [rounds] [start-up runs]   (defaults 3 and 10)
# JAVA_HOME picks the JDK that runs the servers (default: java on PATH), e.g.
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/http-servers.sh
# Needs Maven and wrk (apt-get install -y wrk). Loopback only; raw output in
# bench/http-servers/target/run-*/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
startup_runs=${2:-10}

proj=bench/http-servers
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }

mvn -B -q -f "$proj/pom.xml" package
app=$proj/target/http-servers-bench-0-SNAPSHOT.jar
jdk_line=$("$java" -version 2>&1 | head -1)
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
out=$proj/target/run-jdk$major-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
results=$out/results.tsv
: >"$results"

# The flags `bin/devskyy serve` runs with (bin/devskyy: jvm_flags and serve_memory), less its
# class-data archive, so that memory is measured as devskyy would see it.
flags="-XX:+UseSerialGC -XX:-UsePerfData -XX:NewSize=4m -XX:MaxNewSize=48m ${BENCH_JAVA_OPTS:-}"

servers=(jdk jdk+nodelay jdk+nodelay+maxReqTime jetty undertow netty)
class_of() {
  case $1 in
    jdk*) echo dev.devskyy.bench.http.JdkServer ;;
    jetty) echo dev.devskyy.bench.http.JettyServer ;;
    undertow) echo dev.devskyy.bench.http.UndertowServer ;;
    netty) echo dev.devskyy.bench.http.NettyServer ;;
  esac
}
lib_of() { # the folder of a server's jars (the JDK server has none)
  case $1 in
    jdk*) echo "" ;;
    *) echo "$proj/target/lib/$1" ;;
  esac
}
classpath_of() {
  local lib cp=$app
  lib=$(lib_of "$1")
  if [ -n "$lib" ]; then
    for jar in "$lib"/*.jar; do cp=$cp:$jar; done
  fi
  echo "$cp"
}
extra_of() {
  case $1 in
    jdk+nodelay) echo "-Dsun.net.httpserver.nodelay=true" ;;
    jdk+nodelay+maxReqTime) echo "-Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxReqTime=5" ;;
    *) echo "" ;;
  esac
}
command_of() { # $1 server, $2 port: one line, no spaces inside words
  echo "$java $flags $(extra_of "$1") -cp $(classpath_of "$1") $(class_of "$1") $2"
}

# Every process started here is remembered and ended on the way out, however the script ends.
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}
forget() { # a process that has ended: its id may be reused, so it must not be killed later
  local keep=() p
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  pids=("${keep[@]}")
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bounded() { # bounded SECONDS command...: runs it in the background (so a signal reaches the trap at once)
  local limit=$1
  shift
  timeout "$limit" "$@" &
  local pid=$! rc=0
  pids+=("$pid")
  wait "$pid" || rc=$?
  forget "$pid"
  return $rc
}

port=18180
server_pid=""
start_server() { # $1 server; sets server_pid and waits for its first 200 (30 s at most)
  local cmd
  read -ra cmd <<<"$(command_of "$1" "$port")"
  "${cmd[@]}" 2>>"$out/$1.stderr" >/dev/null &
  server_pid=$!
  pids+=("$server_pid")
  local deadline=$((SECONDS + 30))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 -H 'Content-Type: application/json' \
    --data-binary '{"jsonrpc":"2.0","id":0,"method":"ping"}' "http://127.0.0.1:$port/mcp" || true)" = 200 ]; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$server_pid" 2>/dev/null; then
      echo "$1 did not start; see $out/$1.stderr" >&2
      return 1
    fi
    sleep 0.05
  done
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  forget "$server_pid"
  # the port is free again before the next one binds it
  for _ in $(seq 50); do
    curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/" || break
    sleep 0.1
  done
}
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$results"; }
ms_of() { # a wrk latency such as 161.00us, 1.25ms or 1.02s, in ms
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.3f", n }'
}

echo "# HTTP servers for devskyy serve --http: $jdk_line" >&2
echo "# $(nproc) cores; load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)" >&2

# 0. the same work everywhere: the checks must pass before anything is measured
for s in "${servers[@]}"; do
  start_server "$s"
  if ! bounded 60 "$java" -cp "$app" dev.devskyy.bench.http.Probe check "$port" >"$out/$s.check"; then
    cat "$out/$s.check" >&2
    echo "$s does not do the agreed work: stopping" >&2
    exit 1
  fi
  stop_server
done
echo "# checks passed (200 with the right body, 404, 405, 413 for 5 MiB declared and chunked, keep-alive)" >&2

# 1. dependency weight
for s in "${servers[@]}"; do
  lib=$(lib_of "$s")
  if [ -n "$lib" ]; then
    record "$s" jars "$(find "$lib" -name '*.jar' | wc -l)"
    record "$s" deps_mb "$(find "$lib" -name '*.jar' -printf '%s\n' | awk '{ t += $1 } END { printf "%.2f", t / 1e6 }')"
  else
    record "$s" jars 0
    record "$s" deps_mb 0
  fi
done

# 2. start-up, interleaved inside the probe
specs=()
for s in "${servers[@]}"; do specs+=("$s" "$(command_of "$s" "$port")"); done
bounded $((startup_runs * ${#servers[@]} * 35 + 30)) "$java" -cp "$app" dev.devskyy.bench.http.Probe \
  startup "$startup_runs" "$port" "${specs[@]}" >"$out/startup.txt" 2>"$out/startup.log"
while read -r _ name median min max ok _; do
  record "${name#name=}" startup_ok "${ok#ok=}"
  record "${name#name=}" startup_ms "${median#median_ms=}"
  record "${name#name=}" startup_min_ms "${min#min_ms=}"
  record "${name#name=}" startup_max_ms "${max#max_ms=}"
done <"$out/startup.txt"

# 3. rounds: idle memory, load, memory after it, slow clients
n=${#servers[@]}
for round in $(seq "$rounds"); do
  for k in $(seq 0 $((n - 1))); do
    s=${servers[$(((k + round - 1) % n))]}
    echo "# round $round/$rounds: $s" >&2
    start_server "$s"
    sleep 2
    record "$s" rss_idle_mib "$(rss_mib "$server_pid")"
    bounded 20 wrk -t1 -c16 -d3s -s "$proj/post.lua" "http://127.0.0.1:$port/mcp" >/dev/null
    bounded 30 wrk -t1 -c16 -d10s --latency -s "$proj/post.lua" "http://127.0.0.1:$port/mcp" \
      >"$out/$s.wrk.$round"
    record "$s" rss_load_mib "$(rss_mib "$server_pid")"
    w=$out/$s.wrk.$round
    record "$s" rps "$(awk '/^Requests\/sec:/ { print $2 }' "$w")"
    record "$s" p50_ms "$(ms_of "$(awk '$1 == "50%" { print $2 }' "$w")")"
    record "$s" p99_ms "$(ms_of "$(awk '$1 == "99%" { print $2 }' "$w")")"
    record "$s" non2xx "$(awk '/Non-2xx/ { print $NF }' "$w" | grep . || echo 0)"
    record "$s" socket_errors "$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$w" | grep . || echo 0)"
    bounded 30 "$java" -cp "$app" dev.devskyy.bench.http.Probe slowloris "$port" 100 15 >"$out/$s.slow.$round" ||
      echo "slowloris answered=error" >"$out/$s.slow.$round"
    # shellcheck disable=SC2013 # one word per field
    for field in $(cut -d ' ' -f 2- "$out/$s.slow.$round"); do
      record "$s" "slow_${field%%=*}" "${field#*=}"
    done
    stop_server
  done
done

# 4. the table: medians over the rounds
values() { awk -F '\t' -v s="$1" -v m="$2" '$1 == s && $2 == m { print $3 }' "$results"; }
median() {
  values "$1" "$2" | sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    print m }'
}
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { if (v == "-") print "-"; else printf f, v }'; }
slow_cell() {
  local answered total lat
  answered=$(values "$1" slow_answered | grep -c '^yes$' || true)
  total=$(values "$1" slow_answered | wc -l)
  if [ "$answered" -gt 0 ]; then
    lat=$(values "$1" slow_answered | paste - <(values "$1" slow_latency_ms) | awk '$1 == "yes" { print $2 }' |
      sort -g | awk '{ a[NR] = $1 } END { printf "%.0f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    echo "yes $answered/$total, ${lat} ms"
  else
    echo "no $answered/$total (gave up after $(median "$1" slow_waited_ms | awk '{ printf "%.1f", $1 / 1000 }') s)"
  fi
}

echo
echo "### $jdk_line, $(date -u +%Y-%m-%d), $rounds rounds, start-up over $startup_runs runs"
echo
echo "| server | jars beyond the JDK | MB | start-up ms (min-max) | requests/s | p50 ms | p99 ms | RSS idle MiB | RSS after load MiB | POST answered under 100 slow clients | slow connections still held at the end |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"
for s in "${servers[@]}"; do
  printf '| %s | %s | %s | %s (%s-%s) | %s | %s | %s | %s | %s | %s | %s |\n' "$s" \
    "$(median "$s" jars)" "$(fmt "$(median "$s" deps_mb)" '%.2f')" \
    "$(median "$s" startup_ms)$(ok=$(median "$s" startup_ok); [ "$ok" = "$startup_runs" ] || echo " [$ok/$startup_runs ok]")" \
    "$(median "$s" startup_min_ms)" "$(median "$s" startup_max_ms)" \
    "$(fmt "$(median "$s" rps)" '%.0f')" "$(fmt "$(median "$s" p50_ms)" '%.2f')" "$(fmt "$(median "$s" p99_ms)" '%.2f')" \
    "$(median "$s" rss_idle_mib)" "$(median "$s" rss_load_mib)" "$(slow_cell "$s")" \
    "$(median "$s" slow_slow_open_at_end)"
done
echo
echo "Per round (requests/s; RSS after load MiB; slow-client POST latency ms, -1 = no answer):"
for s in "${servers[@]}"; do
  echo "- $s: $(values "$s" rps | paste -sd ' ' -); $(values "$s" rss_load_mib | paste -sd ' ' -);" \
    "$(values "$s" slow_latency_ms | paste -sd ' ' -)"
done
bad=$(awk -F '\t' '($2 == "non2xx" || $2 == "socket_errors") && $3 != 0 { print $1 " " $2 "=" $3 }' "$results" | sort -u)
[ -z "$bad" ] || echo "Errors under load: $bad"
echo
echo "Load average after: $(cut -d ' ' -f 1-3 /proc/loadavg). Raw output: $out"
