#!/usr/bin/env bash
# The black-box MCP proof on a fresh build: the official conformance suite (the 2026-07-28
# requirement set, directly against `serve --http` with a bearer token, gated by
# src/test/resources/conformance/expected-failures.yml) and the official TypeScript SDK clients
# (v2 pinned to 2026-07-28, v2 auto, v1). Not a benchmark; it lives here to share bench/'s habits.
# Usage: bench/conformance.sh [SCENARIO]   (one conformance scenario instead of the whole set)
# Prints the suite's summary, every check that did not pass, and the SDK clients' checks; the
# suite's checks.json files stay in target/conformance. Exits non-zero when either test failed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -Dspotless.check.skip=true package >&2
rm -rf target/conformance
status=0
mvn -B -q -Dspotless.check.skip=true failsafe:integration-test failsafe:verify \
  -Dit.test='ConformanceIT,SdkClientsIT' -Dconformance.scenario="${1:-}" \
  -Dconformance.results="$PWD/target/conformance" >/dev/null 2>&1 || status=$?
reports=target/failsafe-reports
sed -n '/=== SUMMARY ===/,$p' "$reports/dev.devskyy.it.ConformanceIT-output.txt"
cat "$reports/dev.devskyy.it.SdkClientsIT-output.txt" "$reports/dev.devskyy.it.SdkClientsIT.txt" |
  grep -E '^(ok|not ok|sdk-clients:)' | awk '!seen[$0]++'
echo "ConformanceIT and SdkClientsIT: $([ "$status" = 0 ] && echo passed || echo FAILED)"
exit "$status"
