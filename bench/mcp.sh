#!/usr/bin/env bash
# MCP server benchmark: devskyy serve (each JDK) against a minimal TS SDK server, in one run.
# Usage: bench/mcp.sh [runs=20] [calls=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
bin/devskyy --version >/dev/null
(cd bench/mcp && npm ci --no-audit --no-fund --loglevel=error >&2)
exec node bench/mcp/bench.mjs "$PWD" "${1:-20}" "${2:-10000}"
