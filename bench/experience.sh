#!/usr/bin/env bash
# What `verify experience` costs, on loopback (no network leaves the machine):
#  1. starting the browser: Chromium on a DevTools pipe (devskyy's way) beside chromedriver with a
#     WebDriver BiDi session (what Selenium and other WebDriver clients start), to ready and to a
#     page loaded, interleaved;
#  2. one whole `devskyy verify experience` of the reference showroom (src/test/experience), per JDK:
#     wall time, and the check's own seconds from its report.
# Usage: bench/experience.sh [rounds=5]. Medians in ms.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
chromium=/usr/bin/chromium
[ -x "$chromium" ] || { echo "needs Debian's chromium (apt-get install chromium)" >&2; exit 1; }
chromedriver=$(command -v chromedriver || true)
bin/devskyy --version >/dev/null
if [ ! -d src/test/experience/node_modules/three ]; then
  (cd src/test/experience && npm ci --no-audit --no-fund --loglevel=error)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory src/test/experience >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/collection.html?variant=showroom" && break; sleep 0.1; done

echo "1. starting a browser to check a page (ms from spawn)"
python3 bench/experience/startup.py "$rounds" "$chromium" ${chromedriver:+"$chromedriver"}

# shellcheck disable=SC1091 # bench/lib.sh is checked on its own
. bench/lib.sh
echo
echo "2. devskyy verify experience, the reference showroom (ms)"
printf '%-8s %10s %14s\n' JDK wall "check itself"
while read -r major home <&3; do
  JAVA_HOME=$home bin/devskyy --version >/dev/null # its class-data archive, made once
  wall=(); own=()
  for _ in $(seq "$rounds"); do
    start=$(date +%s%N)
    report=$(JAVA_HOME=$home bin/devskyy verify experience src/test/experience/showroom.json \
      --url "http://127.0.0.1:$port/collection.html?variant=showroom" --format json --audit-log /dev/null)
    end=$(date +%s%N)
    wall+=($(((end - start) / 1000000)))
    own+=("$(printf '%s' "$report" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["seconds"]*1000))')")
  done
  printf '%-8s %10s %14s\n' "$major" "$(printf '%s\n' "${wall[@]}" | median)" "$(printf '%s\n' "${own[@]}" | median)"
done 3< <(jdks)
