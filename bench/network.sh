#!/usr/bin/env bash
# What reaching the network costs a command, on loopback (no network leaves the machine):
#  1. a fresh JVM's time to a first answer with the JDK's java.net.http.HttpClient against devskyy's
#     own client (net/HttpFetch), class loading included, per JDK;
#  2. `devskyy verify headers` on a page, beside `devskyy verify csp` on the same policy (the same
#     start-up and grading, without the network) and curl fetching the page alone.
# Usage: bench/network.sh [rounds=15]. Medians in ms, rounds interleaved.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-15}"
bin/devskyy --version >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 bench/network/server.py "$port" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
url="http://127.0.0.1:$port/"
policy="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

# shellcheck disable=SC1091 # bench/lib.sh is checked on its own
. bench/lib.sh
ms() { # wall time of one run of "$@", output discarded; a command that fails stops the benchmark
  local start end status=0
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || status=$?
  end=$(date +%s%N)
  if [ "$status" -gt 1 ]; then # exit 1 is a verdict (a finding), anything higher a failure
    echo "failed ($status): $*" >&2
    exit 1
  fi
  echo $(( (end - start) / 1000000 ))
}

echo "1. first answer from a fresh JVM (ms from main, class loading included)"
printf '%-8s %-26s %8s\n' JDK client median
while read -r major home <&3; do
  jdk=(); own=()
  for _ in $(seq "$rounds"); do
    jdk+=("$("$home/bin/java" -cp target/devskyy.jar bench/network/ClientStartup.java jdk "$url" | cut -d' ' -f1)")
    own+=("$("$home/bin/java" -cp target/devskyy.jar bench/network/ClientStartup.java devskyy "$url" | cut -d' ' -f1)")
  done
  printf '%-8s %-26s %8s\n' "$major" "java.net.http.HttpClient" "$(printf '%s\n' "${jdk[@]}" | median)"
  printf '%-8s %-26s %8s\n' "$major" "devskyy net/HttpFetch" "$(printf '%s\n' "${own[@]}" | median)"
done 3< <(jdks)

echo
echo "2. whole commands (ms, wall time, JDK of bin/devskyy's choice)"
headers=(); csp=(); curls=()
for _ in $(seq "$rounds"); do
  headers+=("$(ms bin/devskyy verify headers "$url" --audit-log /dev/null)")
  csp+=("$(ms bin/devskyy verify csp "$policy" --audit-log /dev/null)")
  curls+=("$(ms curl -s "$url")")
done
printf '%-44s %8s\n' command median
printf '%-44s %8s\n' "devskyy verify headers (fetch + grade)" "$(printf '%s\n' "${headers[@]}" | median)"
printf '%-44s %8s\n' "devskyy verify csp (same policy, no network)" "$(printf '%s\n' "${csp[@]}" | median)"
printf '%-44s %8s\n' "curl -s (the fetch alone)" "$(printf '%s\n' "${curls[@]}" | median)"
