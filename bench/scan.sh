#!/usr/bin/env bash
# Secret-scanning benchmark: devskyy scan against secretlint (recommended preset) and
# git secrets --register-aws on one generated tree with planted secrets and decoys.
# Usage: bench/scan.sh [tree_mb=210] [rounds=3]
# DEVSKYY_BASELINE=/path/to/bin/devskyy adds another build (an earlier commit) to the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
bin/devskyy --version >/dev/null
(cd bench/scan && npm ci --no-audit --no-fund --loglevel=error >&2)
if ! command -v git-secrets >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq git-secrets) >/dev/null 2>&1 || echo "could not install git-secrets" >&2
fi
exec python3 bench/scan/run.py "$PWD" "$PWD/target/bench-scan" "${1:-210}" "${2:-3}"
