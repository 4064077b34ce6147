#!/usr/bin/env bash
# Recall and false positives on the labelled corpus (bench/corpus: planted secrets of many families
# in many file formats, and look-alike decoys): devskyy scan, and secretlint and git-secrets side by
# side when bench/scan.sh has installed them. A benchmark, not a test: it never runs under Maven.
# Usage: bench/scan-corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin/devskyy --version >/dev/null
# secretlint as bench/scan.sh installs it (pinned in bench/scan/package-lock.json)
(cd bench/scan && npm ci --no-audit --no-fund --loglevel=error >&2) || echo "could not install secretlint" >&2
exec python3 bench/corpus/run.py "$PWD" "$PWD/target/bench-corpus"
