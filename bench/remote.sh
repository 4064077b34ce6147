#!/usr/bin/env bash
# The remote server under load, everything on this machine and on loopback: a real PostgreSQL,
# serve --http instances behind a real nginx, 16 clients, a fifth of the calls with idempotency keys
# that repeat (LoadBalancedIT). Once with three instances, one killed -9 a third of the way in and
# restarted, once with a single instance; prints calls/s, p50 and p99 of each. The test also fails
# on a call never answered, a key run twice or an answered call without its audit line.
# Needs PostgreSQL and nginx from the distribution (apt-get install postgresql nginx-light).
# Usage: bench/remote.sh [calls=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-20000}"
mvn -B -q -DskipTests -Dspotless.check.skip=true package >&2
mvn -B -q -Dspotless.check.skip=true failsafe:integration-test failsafe:verify -Dit.test=LoadBalancedIT \
  -Dload.calls="$calls" >&2
grep -h '^load test' target/failsafe-reports/dev.devskyy.it.LoadBalancedIT-output.txt
